"""Names that transcription systems spell differently across scripts (issue 3): Korean syllables, East Asian
name order, Spanish and Catalan j/qu/-ig. Invented pairs of real transcription practice; no NTREX text."""

from __future__ import annotations

import pytest

from newsdesk.evaluation.consistency import same_speaker
from newsdesk.nlp.linking import (
    RULES_VERSION,
    Candidate,
    blocking_key,
    choose_entity,
    name_key,
    same_name,
    same_word,
)


def _words(name: str) -> list[str]:
    return name_key(name).split()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong Un", "Ким Чен Ын"),
        ("Kim Jong Un", "Кім Чен Ин"),
        ("Ri Yong Ho", "Ри Ён Хо"),
        ("Moon Jae In", "Мун Чжэ Ин"),
        ("Park Geun Hye", "Пак Кын Хе"),
    ],
)
def test_korean_names_meet_by_syllable(a: str, b: str) -> None:
    assert same_name(_words(a), _words(b), cross=True, label="PER")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong Un", "Ким Ир Сен"),  # father and grandson: one syllable row apart
        ("Kim Jong Un", "Ким Чен Нам"),
        ("Moon Jae In", "Пак Кын Хе"),
    ],
)
def test_different_korean_names_stay_apart(a: str, b: str) -> None:
    assert not same_name(_words(a), _words(b), cross=True, label="PER")


def test_korean_table_needs_every_word() -> None:
    # "in" and "un" are Korean syllables, but Ivan is no Korean word: the table does not fold this pair
    assert not same_name(["ivan", "un"], ["ivan", "in"], cross=True, label="PER")


def test_korean_table_only_across_languages() -> None:
    assert not same_name(_words("Kim Jong Un"), _words("Kim Chen In"), cross=False, label="PER")


def test_surname_first_order() -> None:
    assert same_name(_words("Kai-Fu Lee"), _words("Ли Кайфу"), cross=True, label="PER")
    assert same_speaker("per:" + name_key("Kai-Fu Lee"), "per:" + name_key("Ли Кайфу"))
    # a different given name in the reversed order stays apart
    assert not same_name(_words("Kai-Fu Lee"), _words("Ли Мин"), cross=True, label="PER")
    assert not same_speaker("per:" + name_key("Kai-Fu Lee"), "per:" + name_key("Ли Мин"))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Junqueras", "Жункерас"),  # Catalan reading: j is ж
        ("Junqueras", "Хункерас"),  # Spanish reading: j is х
        ("Жункерас", "Хункерас"),
        ("Puig", "Пуч"),
        ("Puig", "Пуйг"),
        ("Пуч", "Пуйг"),
        ("Márquez", "Маркес"),
    ],
)
def test_spanish_and_catalan_spellings(a: str, b: str) -> None:
    assert same_word(name_key(a), name_key(b), cross=True, inflected=True)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Жанна", "Ганна"),  # Zhanna and Hanna: too short for the Spanish j
        ("Junqueras", "Гункерс"),
        ("Puig", "Пук"),
        ("Craig", "Крейч"),  # -aig is no Catalan -uig
    ],
)
def test_spanish_rules_do_not_merge_other_names(a: str, b: str) -> None:
    assert not same_word(name_key(a), name_key(b), cross=True, inflected=True)


def test_spanish_j_only_across_languages() -> None:
    assert not same_word(name_key("Junqueras"), "gunkueras", cross=False)


def test_store_links_catalan_name_across_languages() -> None:
    key = "per:" + name_key("Oriol Junqueras")
    stored = Candidate(1, key, "PER", ((name_key("Oriol Junqueras"), "en"),))
    ru = "per:" + name_key("Ориол Жункерас")
    uk = "per:" + name_key("Оріол Хункерас")
    assert blocking_key(ru) == blocking_key(key) == blocking_key(uk)
    assert choose_entity(ru, "PER", "ru", [stored]).entity_id == 1
    assert choose_entity(uk, "PER", "uk", [stored]).entity_id == 1


def test_puig_blocks_together_and_rules_version() -> None:
    assert blocking_key("per:" + name_key("Puig")) == blocking_key("per:" + name_key("Пуч"))
    assert RULES_VERSION >= 4
