"""Russian/Ukrainian quotation counts and speakers, round 4 (issue 3, NTREX-128 consistency check).

Regressions pinned, sentences invented in the style of the translations:

* a dative addressee after the cue is not the speaker (``— сказал журналистам тренер «Динамо» Олег
  Петренко`` -> Петренко, not ``журналистам``), nor is a name it governs (``виданню The Hill``, ``з The
  Telegraph``), nor a source name before a role (``розказав Reuters представник`` -> ``представник``);
  a genitive possessor still is (``в обращении Немцова``, ADAQ);
* quoted speech nested in marks of another shape inside a quotation that runs over paragraphs
  (``"Я просто кажу: «Міністре, …`` ⏎ … ⏎ ``…»".``) is one quotation, not two.
"""

from __future__ import annotations

import re

import pytest

from conftest import hand_mentions
from newsdesk.model import Mention, Quote
from newsdesk.nlp.quotes import QuoteFinder


@pytest.fixture(scope="module")
def finders() -> dict[str, QuoteFinder]:
    return {lang: QuoteFinder(lang) for lang in ("ru", "uk")}


def _mentions(text: str, names: dict[str, str]) -> list[Mention]:
    """``names`` maps a surface form to its label; the key is ``label:surface`` in lower case."""
    return hand_mentions(text, {surface: (label, f"{label.lower()}:{surface.lower()}") for surface, label in names.items()})


def _direct(finders: dict[str, QuoteFinder], lang: str, text: str, names: dict[str, str] | None = None) -> list[Quote]:
    quotes = [q for q in finders[lang](text, (), _mentions(text, names or {})) if q.kind == "direct"]
    for q in quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text
    return quotes


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "«Нога у него пока болит», — сказал журналистам тренер «Динамо» Олег Петренко."),
        ("uk", "«Нога в нього поки болить», — сказав журналістам тренер «Динамо» Олег Петренко."),
    ],
)
def test_dative_addressee_is_not_the_speaker(finders, lang, text):
    quotes = _direct(finders, lang, text, {"Олег Петренко": "PER", "Динамо": "ORG"})
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Олег Петренко"


def test_dative_addressee_without_a_name_leaves_the_title(finders):
    text = "«Нога у него пока болит», — сказал журналистам тренер клуба."
    quotes = _direct(finders, "ru", text)
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and quotes[0].speaker.text.startswith("тренер")


def test_source_name_before_a_role_is_the_addressee(finders):
    text = "«Контроль над радою дуже важливий», — розказав Reuters представник штабу, який не назвав свого імені."
    quotes = _direct(finders, "uk", text, {"Reuters": "ORG"})
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "представник"


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("«Вона казала, що ніхто їй цього не пояснював», — поділився викладач з The Telegraph.", "The Telegraph"),
        ("«Такі речі не забуваються», — заявив під час інтерв’ю виданню The Hill професор.", "The Hill"),
    ],
)
def test_a_name_governed_by_a_preposition_or_dative_is_not_the_speaker(finders, text, wrong):
    quotes = _direct(finders, "uk", text, {wrong: "ORG"})
    assert len(quotes) == 1
    assert quotes[0].speaker is None or quotes[0].speaker.text != wrong


def test_genitive_possessor_still_names_the_source(finders):
    text = "«Партия прекратила своё существование», — говорится в обращении Немцова."
    quotes = _direct(finders, "ru", text, {"Немцова": "PER"})
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Немцова"


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("uk", 'Марина Коваль сказала журналістам: "Я просто кажу: «Міністре, послухайте людей.\n'
               "Цей план не подобається нікому в місті.\n"
               'Будь ласка, відкладіть його»".', "Марина Коваль"),
        ("ru", "Иван Зорин сказал: «Соседи говорят: „Это невозможно.\n"
               "Это никогда не кончится“.\n"
               "Но я верю, что всё изменится».", "Иван Зорин"),
    ],
)
def test_nested_marks_of_another_shape_make_one_quotation(finders, lang, text, speaker):
    quotes = _direct(finders, lang, text, {speaker: "PER"})
    assert len(quotes) == 1, [q.text for q in quotes]
    assert quotes[0].speaker is not None and quotes[0].speaker.text == speaker



# --- second pass (issue 3): fragments, speakers after a participle phrase or an honorific, nested marks ---


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Вечерний концерт может привлечь зрителей из «...Тулы и Калуги, и внимание прессы Рязани», — сообщает "
               "местная газета."),
        ("uk", "Вечірній концерт може привернути глядачів з «...Тули та Калуги, і увагу преси Рязані», — повідомляє "
               "місцева газета."),
    ],
)
def test_quotation_governed_by_a_preposition_is_a_fragment(finders, lang, text):
    quotes = finders[lang](text, (), [])
    assert quotes, "the fragment is still found"
    assert all(q.kind != "direct" for q in quotes), [(q.kind, q.text) for q in quotes]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Министр назвала реформу долгой и сказала о своих коллегах: «они приходят уставшими, они уходят "
               "разочарованными»."),
        ("uk", "Міністерка назвала реформу довгою і сказала про колег: «вони приходять втомленими, а йдуть "
               "розчарованими»."),
    ],
)
def test_lower_case_after_a_colon_is_a_fragment(finders, lang, text):
    assert _direct(finders, lang, text) == []
    assert any(q.kind == "mixed" for q in finders[lang](text, (), []))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Министр сказала о своих коллегах: «Они приходят уставшими»."),
        ("uk", "Міністерка написала в мережі: \"…безумовно, ми маємо провести перевірку\"."),
        ("uk", "Мер заявив: «міст відновлять до весни»."),
    ],
)
def test_capital_or_ellipsis_after_a_colon_stays_direct(finders, lang, text):
    assert len(_direct(finders, lang, text)) == 1


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("uk", "«Ми не здамося», — сказав, не стримуючи емоцій, Петренко.", "Петренко"),
        ("ru", "«Мы не сдадимся», — сказал, улыбнувшись, Петренко.", "Петренко"),
    ],
)
def test_speaker_after_a_participle_phrase(finders, lang, text, name):
    quotes = _direct(finders, lang, text, {name: "PER"})
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and quotes[0].speaker.text == name


def test_participle_phrase_without_a_name_gives_no_name(finders):
    text = "«Ми не здамося», — сказав, не стримуючи емоцій, і пішов геть."
    quotes = _direct(finders, "uk", text)
    assert len(quotes) == 1
    assert quotes[0].speaker is None or "емоцій" not in quotes[0].speaker.text


def test_honorific_makes_a_mistagged_name_the_speaker(finders):
    text = "\"Ми плачемо, коли сердимося\", – сказала мені через 45 років міс Стайнем."
    m = re.search("Стайнем", text)
    loc = Mention(m.start(), m.end(), "Стайнем", "LOC", "Стайнем", "loc:stainem", "Стайнем")
    quotes = [q for q in finders["uk"](text, (), [loc]) if q.kind == "direct"]
    assert len(quotes) == 1
    sp = quotes[0].speaker
    assert sp is not None and sp.text == "Стайнем" and sp.key and sp.key.startswith("per:")


@pytest.mark.parametrize(
    ("lang", "text", "last"),
    [
        ("uk", 'Марина Коваль сказала журналістам: "Я просто кажу: «Міністре, послухайте людей.\n'
               "Цей план не подобається нікому в місті.\n"
               'Будь ласка, відкладіть його»".', "відкладіть його"),
        ("ru", 'Марина Коваль сказала журналистам: «Я просто говорю: "Министр, послушайте людей.\n'
               "Этот план не нравится никому в городе.\n"
               'Пожалуйста, отложите его"».', "отложите его"),
    ],
)
def test_nested_marks_quotation_takes_its_later_paragraphs(finders, lang, text, last):
    quotes = _direct(finders, lang, text, {"Марина Коваль": "PER"})
    assert len(quotes) == 1, [q.text for q in quotes]
    assert quotes[0].text.count("\n") == 2 and last in quotes[0].text
