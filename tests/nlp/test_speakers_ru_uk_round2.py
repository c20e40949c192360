"""Russian/Ukrainian speakers and linking: the second round of the NTREX-128 consistency check (issue 3).

Each case pins one general fault seen in the translated stories (the sentences are invented in their style):

* a pronoun resolved to the subject of a clause after a complementizer (``… те, що Гілларі Клінтон
  програла``) rather than to the topic person named before it as a main-clause subject;
* a masculine role noun before a woman's name (``Представник уряду Анна Коваль повідомила``; or a title
  phrase that ends in another noun's title, ``Лідер меншості в Палаті представників``) made her masculine
  although every verb agreeing with her name is feminine, so ``вона`` could not resolve to her;
* a PER mention whose first word the dictionary knows only as a plural common noun (``Хоан``: the genitive
  plural of ``хоана``) was taken for no person and so was no antecedent;
* a foreign surname the Ukrainian guesser reads only as another word's instrumental (``Греем`` -> ``гре``)
  was lemmatised wrongly, and its one-word mention then kept apart from the full name.

Quote-finder entities are built by hand so those tests do not depend on the recogniser.
"""

from __future__ import annotations

import pytest

from conftest import hand_mentions
from newsdesk.model import Mention, Quote
from newsdesk.nlp import entities
from newsdesk.nlp.linking import link_mentions
from newsdesk.nlp.quotes import QuoteFinder


@pytest.fixture(scope="module")
def finders() -> dict[str, QuoteFinder]:
    return {lang: QuoteFinder(lang) for lang in ("ru", "uk")}


def _mentions(text: str, names: dict[str, str]) -> list[Mention]:
    """``names`` maps a surface form to the person's key (words after ``per:``)."""
    found = sorted(hand_mentions(text, {surface: ("PER", f"per:{key}") for surface, key in names.items()}),
                   key=lambda m: (m.start, -m.end))
    return found


def _speaker_keys(finders: dict[str, QuoteFinder], lang: str, text: str, names: dict[str, str]) -> list[str | None]:
    mentions = _mentions(text, names)
    # a surname inside a full name is one mention, not two
    kept = [m for m in mentions if not any(o is not m and o.start <= m.start and m.end <= o.end for o in mentions)]
    quotes: list[Quote] = [q for q in finders[lang](text, (), kept) if q.kind == "direct"]
    assert quotes, "no direct quotation found"
    return [q.speaker.key if q.speaker is not None else None for q in quotes]


@pytest.mark.parametrize(
    ("lang", "text", "names", "expected"),
    [
        (
            "uk",
            "Марія Коваль назвала реформу провальною.\n\n"
            "Вона також розкритикувала депутатів, яких розлютило те, що Олена Бойко виграла вибори.\n\n"
            "«Ми не здамося», – заявила вона.",
            {"Марія Коваль": "marija koval", "Олена Бойко": "olena boiko"},
            "per:marija koval",
        ),
        (
            "ru",
            "Мария Коваль назвала реформу провальной.\n\n"
            "Она также раскритиковала депутатов, разозленных тем, что Елена Бойко выиграла выборы.\n\n"
            "«Мы не сдадимся», — заявила она.",
            {"Мария Коваль": "maria koval", "Елена Бойко": "elena boiko"},
            "per:maria koval",
        ),
        (
            # the control: the same person as a main-clause subject is the antecedent
            "uk",
            "Марія Коваль назвала реформу провальною.\n\n"
            "Олена Бойко виграла вибори.\n\n"
            "«Ми не здамося», – заявила вона.",
            {"Марія Коваль": "marija koval", "Олена Бойко": "olena boiko"},
            "per:olena boiko",
        ),
    ],
)
def test_pronoun_skips_subject_after_complementizer(finders, lang, text, names, expected):
    assert _speaker_keys(finders, lang, text, names) == [expected]


@pytest.mark.parametrize(
    ("lang", "text", "names", "expected"),
    [
        (
            "uk",
            "Речник Анна Коваль повідомила про реформу. Олег Бойко заперечив це.\n\n"
            "«Ми готові», – сказала вона.",
            {"Анна Коваль": "ana koval", "Олег Бойко": "oleg boiko"},
            "per:ana koval",
        ),
        (
            "uk",
            "Лідер меншості в Палаті представників Анна Коваль назвала реформу провальною. "
            "Олег Бойко заперечив це.\n\n«Ми готові», – сказала вона.",
            {"Анна Коваль": "ana koval", "Олег Бойко": "oleg boiko"},
            "per:ana koval",
        ),
    ],
)
def test_feminine_verbs_outrank_masculine_role_noun(finders, lang, text, names, expected):
    assert _speaker_keys(finders, lang, text, names) == [expected]


def test_name_with_plural_noun_first_word_is_a_person(finders):
    text = ("68-річний Нарсіс Мас заявив, що втратив надію.\n\n"
            "Хоан Пуйг, 42-річний механік, що знімав протест, заявив, що конфлікт розпалили політики.\n\n"
            "«Напруження посилюється», – сказав він.")
    keys = _speaker_keys(finders, "uk", text, {"Нарсіс Мас": "narsis mas", "Хоан Пуйг": "hoan puig"})
    assert keys == ["per:hoan puig"]


@pytest.fixture(scope="module")
def uk_rules():
    return entities._UkrainianFinder(entities._Gazetteer.for_lang("uk"))


def test_guessed_surname_keeps_its_nominative(uk_rules):
    # "Греем" (Graham) is nominative; the guesser reads it only as the instrumental of "гре"
    assert uk_rules._phrase_lemma(["Ліндсі", "Греем"], entities._is_person, fallback=entities._inanimate) == [
        "Ліндсі", "Греем"]
    # a dictionary surname in an oblique case is still put in the nominative
    assert uk_rules._phrase_lemma(["Петра", "Зоріна"], entities._is_person, fallback=entities._inanimate,
                                  oblique=True) == ["Петро", "Зорін"]


def test_one_word_mention_written_as_the_surname_joins_full_name():
    text = "Ліндсі Греем сказав одне. Потім Греем сказав інше. Джон Сміт мовчав."
    spans = [("Ліндсі Греем", "Ліндсі Греем"), ("Греем", "Гре"), ("Джон Сміт", "Джон Сміт")]
    mentions, pos = [], 0
    for surface, lemma in spans:
        start = text.index(surface, pos)
        mentions.append(Mention(start, start + len(surface), surface, "PER", lemma, ""))
        pos = start + len(surface)
    linked = link_mentions(mentions)
    assert linked[1].key == linked[0].key == "per:lindsi grem"
    assert linked[2].key != linked[0].key


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "В своем блоге в пятницу Коваль написала: «Нам нужно расследование»."),
        ("uk", "У п'ятничному дописі Коваль написала: «Нам потрібне розслідування»."),
    ],
)
def test_name_after_time_or_noun_with_past_verb_is_the_speaker(finders, lang, text):
    # "в пятницу Коваль написала": a time heads no genitive name; a past verb right after the name makes it
    # the subject, not a dependent of the noun before it
    assert _speaker_keys(finders, lang, text, {"Коваль": "koval"}) == ["per:koval"]


def test_feminine_verb_after_a_time_phrase(finders):
    # "Максин Уотерс в субботу отвергла": the verb agrees with the name across the time phrase, so a
    # foreign surname the dictionary reads as masculine does not make her a man
    text = ("Максин Уотерс в субботу отвергла обвинения. Олег Бойко промолчал.\n\n"
            "«Это ложь», — пишет она.")
    assert _speaker_keys(finders, "ru", text, {"Максин Уотерс": "maksin uoters", "Олег Бойко": "oleg boiko"}) == [
        "per:maksin uoters"]


def test_surname_labelled_org_joins_the_person():
    text = "Максін Вотерс заперечила звинувачення. Вотерс заявила це в суботу. Форд мовчав."
    spans = [("Максін Вотерс", "PER"), ("Вотерс", "ORG"), ("Форд", "ORG")]
    mentions, pos = [], 0
    for surface, label in spans:
        start = text.index(surface, pos)
        mentions.append(Mention(start, start + len(surface), surface, label, surface, ""))
        pos = start + len(surface)
    assert [m.start for m in mentions] == [0, text.index(". Вотерс") + 2, text.index("Форд")]
    linked = link_mentions(mentions)
    assert (linked[1].label, linked[1].key) == ("PER", linked[0].key) == ("PER", "per:maksin voters")
    assert linked[2].label == "ORG"  # a surname no full name in the document has stays as it was
