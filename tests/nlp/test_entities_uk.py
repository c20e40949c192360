"""Ukrainian post-rules on top of the trained NER pipeline (``_UkrainianModelFinder`` rules E1-E4, D1, L1-L3).

The rules correct a model's mentions, so each case feeds the finder a model output built by hand (invented
sentences, the faulty mention the model is known to give on such text) and checks what the rules make of it;
one test at the end runs the shipped model itself, skipped when ``models/uk_ner/model`` is absent.
"""

from __future__ import annotations

import pytest
import spacy

import newsdesk.nlp.entities as entities
from newsdesk.nlp.entities import UK_MODEL_DIR, EntityRecognizer


@pytest.fixture(scope="module")
def finder():
    """A ``_UkrainianModelFinder`` whose "model" returns the mentions a test sets in ``finder.ents``."""
    blank = spacy.blank("uk")
    original = entities._load_uk_pipeline
    entities._load_uk_pipeline = lambda name: None
    try:
        rules = entities._UkrainianFinder(entities._Gazetteer.for_lang("uk"))
        found = entities._UkrainianModelFinder("test", rules)
    finally:
        entities._load_uk_pipeline = original

    def fake_model(text: str):
        doc = blank(text)
        spans = []
        for surface, label in found.ents:
            start = text.index(surface)
            span = doc.char_span(start, start + len(surface), label=label)
            assert span is not None, surface
            spans.append(span)
        doc.ents = spans
        return doc

    found._nlp = fake_model
    return found


def _run(finder, text: str, ents: list[tuple[str, str]]) -> list[tuple[str, str]]:
    finder.ents = ents
    out = finder(text)
    return [(text[f.start:f.end], f.label) for f in sorted(out, key=lambda f: f.start)]


@pytest.mark.parametrize(("text", "model", "expected"), [
    # E3: a verb, a preposition or a date at the right edge ends no name
    ("Департамент екології відмовив у погодженні планів.", [("Департамент екології відмовив", "ORG")],
     [("Департамент екології", "ORG")]),
    ("Будівля стоїть на Контрактовій площі в центрі.", [("Контрактовій площі в", "LOC")],
     [("Контрактовій площі", "LOC")]),
    ("Тендер провело Міністерство економіки 22 лютого цього року.",
     [("Міністерство економіки 22 лютого", "ORG")], [("Міністерство економіки", "ORG")]),
    # E2: separators at the edges go, an open quotation takes its closing mark
    ("Ремонт пройде на вул. Горького, а потім на інших.", [("вул. Горького,", "LOC")],
     [("вул. Горького", "LOC")]),
    ("Договір підписала Юридична фірма «Легіс-Плюс» у березні.", [("Юридична фірма «", "ORG")],
     [("Юридична фірма «Легіс-Плюс»", "ORG")]),
    ("Власником є ТОВ «Будівельна компанія “Етерна”» з Києва.",
     [("ТОВ «Будівельна компанія “Етерна”»", "ORG")],
     [("ТОВ «Будівельна компанія “Етерна”»", "ORG"), ("Києва", "LOC")]),  # the gazetteer adds Києва
    ("Про це пише ЕС комюнікейшн груп» у звіті.", [("ЕС комюнікейшн груп»", "ORG")],
     [("ЕС комюнікейшн груп", "ORG")]),
    # E1, E4: a line break or a sentence end closes a name; a name holds no verb
    ("Кошти дав Державний фонд розвитку бюджету.\nВідповідно до плану роботи тривають.",
     [("Державний фонд розвитку бюджету.\nВідповідно", "ORG")], [("Державний фонд розвитку бюджету", "ORG")]),
    # D1: a country inside the title of a legal act is no mention of its own
    ("Це передбачено статтею 5 Закону України «Про оренду землі».", [("України", "LOC")], []),
    ("Про це заявив посол України в Польщі.", [("України", "LOC"), ("Польщі", "LOC")],
     [("України", "LOC"), ("Польщі", "LOC")]),
    # L1: initials, or a given name and a surname, make a person
    ("У цей період Підвисоцький М. Т. був спонсором клубу.", [("Підвисоцький М. Т.", "LOC")],
     [("Підвисоцький М. Т.", "PER")]),
    ("Власницею значиться Наталія Качаненко з Узбекистану.",
     [("Наталія Качаненко", "LOC"), ("Узбекистану", "LOC")], [("Наталія Качаненко", "PER"), ("Узбекистану", "LOC")]),
    # L2: a one-word name built like a body's is ORG
    ("Лист направили до Мінекономіки минулого тижня.", [("Мінекономіки", "LOC")], [("Мінекономіки", "ORG")]),
    ("Він переїхав до Кіровограда минулого року.", [("Кіровограда", "LOC")], [("Кіровограда", "LOC")]),
    # L3: a state body and the region it serves are one ORG; a quoted company keeps the place apart
    ("Повідомило управління ДСНС України у Закарпатській області.",
     [("ДСНС України", "ORG"), ("Закарпатській області", "LOC")],
     [("ДСНС України у Закарпатській області", "ORG")]),
    ("Експертизу провело ДП «Альфа» у Миколаївській області.",
     [("ДП «Альфа»", "ORG"), ("Миколаївській області", "LOC")],
     [("ДП «Альфа»", "ORG"), ("Миколаївській області", "LOC")]),
    # a person's name the model ended at a hyphen goes on through it
    ("Тім Бернерс-Лі заявив про небезпеку.", [("Тім Бернерс", "PER")], [("Тім Бернерс-Лі", "PER")]),
    # a gazetteer name of two or more words wholly holding shorter model mentions is the name
    ("Білий дім заявив про нові санкції.", [("Білий", "PER")], [("Білий дім", "ORG")]),
    ("Речник Білого дому Джон Кірбі відповів.", [("Білого", "LOC"), ("Джон Кірбі", "PER")],
     [("Білого дому", "ORG"), ("Джон Кірбі", "PER")]),
    ("Про це заявив Олександр Білий у Києві.", [("Олександр Білий", "PER")],
     [("Олександр Білий", "PER"), ("Києві", "LOC")]),
])
def test_uk_post_rules(finder, text, model, expected):
    assert _run(finder, text, model) == expected


def test_quote_balance_counts_nested_and_german_quotes():
    assert entities._quote_balance(["«", "НАК", "«", "Нафтогаз", "»"]) == (1, 0)
    assert entities._quote_balance(["„", "Київ", "“"]) == (0, 0)
    assert entities._quote_balance(["груп", "»"]) == (0, 1)


@pytest.mark.skipif(not (UK_MODEL_DIR / "config.cfg").is_file(), reason="no trained model in models/uk_ner/model")
def test_shipped_model_mentions_have_clean_edges():
    rec = EntityRecognizer("uk")
    text = ("Генеральна прокуратура України повідомила, що ТОВ «Житлобуд» отримало 5 млн грн від "
            "Київської міської ради.\nЮлія Тимошенко прокоментувала це у Львові.")
    mentions = rec(text)
    assert mentions, "the model found nothing"
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert "\n" not in m.text
        assert m.text[-1] not in ",;:–—(" and m.text[0] not in ",;:–—)»"
    assert ("Юлія Тимошенко", "PER") in {(m.text, m.label) for m in mentions}


@pytest.mark.parametrize(("text", "lemma"), [
    ("За словами Петра Зоріна, вибори відбудуться вчасно.", "Петро Зорін"),  # after a preposition + noun: genitive
    ("Лист надійшов від Петра Зоріна вчора.", "Петро Зорін"),
    ("Петра Зоріна заявила, що все гаразд.", "Петра Зоріна"),  # a subject: a woman's name in the nominative
])
def test_a_name_after_a_preposition_is_not_read_as_a_nominative(finder, text, lemma):
    finder.ents = [("Петра Зоріна", "PER")]
    (found,) = [f for f in finder(text) if f.label == "PER"]
    assert found.lemma == lemma
