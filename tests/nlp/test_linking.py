"""Linking keys: transliteration, name_key across en/ru/uk, per-document linking, queries."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.model import Mention
from newsdesk.nlp.linking import key_matches, link_mentions, name_key, query_needle, transliterate


@pytest.mark.parametrize(
    ("cyrillic", "lang", "latin"),
    [
        ("Йенс Столтенберг", None, "Yens Stoltenberg"),  # Russian, BGN/PCGN
        ("Київ", None, "Kyiv"),  # Ukrainian national system 2010: ї after a consonant is i
        ("Зеленський", "uk", "Zelenskyi"),  # и is y, й after a vowel i
        ("Зеленский", None, "Zelenskiy"),  # the same name in Russian
        ("Щербаков", None, "Shcherbakov"),
        ("Юлія", None, "Yuliia"),  # uk: ю word-initial yu, я after a letter ia
        ("Горбачёв", None, "Gorbachev"),  # ё written e
        ("м'ясо", "uk", "miaso"),  # the Ukrainian apostrophe is not written
        ("Łódź Müller", None, "Lodz Muller"),  # Latin diacritics stripped
    ],
)
def test_transliterate(cyrillic: str, lang: str | None, latin: str) -> None:
    assert transliterate(cyrillic, lang) == latin


def test_transliterate_language_choice() -> None:
    # г is h in Ukrainian, g in Russian; the letters і ї є ґ mark Ukrainian text
    assert transliterate("Гага", lang="uk") == "Haha"
    assert transliterate("Гага", lang="ru") == "Gaga"
    assert transliterate("Гілларі") == "Hillari"


@pytest.mark.parametrize(
    ("english", "russian", "ukrainian", "key"),
    [
        ("Stoltenberg", "Столтенберг", "Столтенберг", "stoltenberg"),
        ("Jens Stoltenberg", "Йенс Столтенберг", "Єнс Столтенберг", "jens stoltenberg"),
        ("Zelensky", "Зеленский", "Зеленський", "zelenski"),
        ("Zelenskyy", "Зеленский", "Зеленський", "zelenski"),
        ("John", "Джон", "Джон", "jon"),
        ("Hillary", "Хиллари", "Гілларі", "gilari"),
        ("Kennedy", "Кеннеди", "Кеннеді", "kenedi"),
        ("Maria", "Мария", "Марія", "maria"),
        ("Yanukovych", "Янукович", "Янукович", "janukovich"),
        ("Yulia Tymoshenko", "Юлия Тимошенко", "Юлія Тимошенко", "julia timoshenko"),
        ("Denys Shmyhal", "Денис Шмыгаль", "Денис Шмигаль", "denis shmigal"),
        ("Navalny", "Навальный", "Навальний", "navalni"),
        ("Merkel", "Меркель", "Меркель", "merkel"),
        ("NATO", "НАТО", "НАТО", "nato"),
        ("San Diego", "Сан-Диего", "Сан-Дієго", "san dego"),
    ],
)
def test_name_key_meets_across_languages(english: str, russian: str, ukrainian: str, key: str) -> None:
    assert name_key(english) == name_key(russian) == name_key(ukrainian) == key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Kiev", "Київ"),  # different names of one city (the gazetteer links places instead)
        ("Vladimir", "Володимир"),
        ("Biden", "Байден"),  # English spelling does not show the vowel
        ("UN", "ООН"),
    ],
)
def test_name_key_documented_misses(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


def test_name_key_punctuation_and_case() -> None:
    assert name_key("O'Neill") == name_key("ONEILL") == "oneil"
    assert name_key("Jean-Claude  Juncker") == name_key("jean claude juncker")
    assert name_key("  ") == ""


_LETTERS = string.ascii_letters + "АБВГҐДЕЁЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя '-"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_LETTERS, max_size=40))
def test_name_key_is_ascii_and_case_blind(name: str) -> None:
    key = name_key(name)
    assert set(key) <= set(string.ascii_lowercase + string.digits + " ")
    assert key == key.strip() and "  " not in key
    assert name_key(name.upper()) == key == name_key(name.lower())


@given(st.text(max_size=60))
def test_transliterate_output_is_ascii(text: str) -> None:
    assert transliterate(text).isascii()


def _m(start: int, text: str, label: str = "PER", lemma: str | None = None, key: str = "") -> Mention:
    return Mention(start, start + len(text), text, label, lemma or text, key)  # type: ignore[arg-type]


def test_link_mentions_folds_surname_into_full_name() -> None:
    linked = link_mentions([_m(0, "Jens Stoltenberg"), _m(40, "Stoltenberg"), _m(60, "Russia", "LOC")])
    assert [m.key for m in linked] == ["per:jens stoltenberg", "per:jens stoltenberg", "loc:rusia"]
    assert [m.name for m in linked] == ["Jens Stoltenberg", "Jens Stoltenberg", "Russia"]


def test_link_mentions_uses_lemma_not_surface() -> None:
    linked = link_mentions([_m(0, "Йенс Столтенберг"), _m(30, "Столтенберга", lemma="Столтенберг")])
    assert {m.key for m in linked} == {"per:jens stoltenberg"}
    assert linked[1].name == "Йенс Столтенберг"


def test_link_mentions_keeps_given_keys_and_labels_apart() -> None:
    linked = link_mentions([_m(0, "Росії", "LOC", "Росія", key="loc:rusia"), _m(10, "Georgia", "PER")])
    assert linked[0].key == "loc:rusia"
    assert linked[1].key == "per:georgia"  # a PER named Georgia is not the place


def test_link_mentions_nearest_preceding_full_name_wins() -> None:
    linked = link_mentions(
        [_m(0, "John Smith"), _m(20, "Smith"), _m(40, "Anna Smith"), _m(60, "Smith"), _m(80, "Anna")]
    )
    assert [m.key for m in linked] == [
        "per:jon smit", "per:jon smit", "per:ana smit", "per:ana smit", "per:ana smit",
    ]


def test_link_mentions_surname_before_full_name() -> None:
    linked = link_mentions([_m(0, "Stoltenberg"), _m(30, "Jens Stoltenberg")])
    assert linked[0].key == linked[1].key == "per:jens stoltenberg"


@pytest.mark.parametrize(
    ("query", "key", "expected"),
    [
        ("Столтенберг", "per:jens stoltenberg", True),
        ("Stoltenberg", "per:jens stoltenberg", True),
        ("Єнс Столтенберг", "per:jens stoltenberg", True),
        ("Jens", "per:jens stoltenberg", True),
        ("Stolt", "per:jens stoltenberg", False),  # whole words only
        ("Berg", "per:jens stoltenberg", False),
        ("per:jens stoltenberg", "per:jens stoltenberg", True),
        ("org:jens stoltenberg", "per:jens stoltenberg", False),
        ("", "per:jens stoltenberg", False),
    ],
)
def test_key_matches(query: str, key: str, expected: bool) -> None:
    assert key_matches(query, key) is expected


def test_query_needle() -> None:
    assert query_needle("Столтенберг") == "stoltenberg"
    assert query_needle("PER:Stoltenberg") == "per:stoltenberg"
