"""One person across en/ru/uk (issue 3, round 4): names the Russian and Ukrainian recognisers split at an
initial, people tagged as places in apposition, given names an organisation swallowed. Invented names; no
NTREX text."""

from __future__ import annotations

import pytest

from newsdesk.evaluation.consistency import same_speaker
from newsdesk.nlp.entities import EntityRecognizer, _Found, _slavic_people
from newsdesk.nlp.linking import name_key


@pytest.fixture(scope="module")
def ru() -> EntityRecognizer:
    return EntityRecognizer("ru")


@pytest.fixture(scope="module")
def uk() -> EntityRecognizer:
    return EntityRecognizer("uk")


def _people(rec: EntityRecognizer, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.key) for m in rec(text) if m.label == "PER"]


def test_ru_initial_inside_a_name_joins_the_surname(ru: EntityRecognizer) -> None:
    text = "«Мы ничего не видели», — сказал журналистам шериф округа Колтон Дж. Бримли."
    assert _people(ru, text) == [("Колтон Дж. Бримли", "per:kolton j brimli")]


def test_uk_initial_inside_a_name_joins_the_surname(uk: EntityRecognizer) -> None:
    text = "«Ми нічого не бачили», — сказав журналістам шериф округу Колтон Дж. Брімлі."
    assert _people(uk, text) == [("Колтон Дж. Брімлі", "per:kolton j brimli")]


@pytest.mark.parametrize(("a", "b"), [("per:kolton j brimli", "per:kolton j brimli"),
                                      ("per:kolton j paul", "per:kolton j pol")])
def test_initialled_names_agree_across_languages(a: str, b: str) -> None:
    assert same_speaker(a, b)


def test_two_people_split_by_initials_are_joined_but_a_sentence_end_is_not() -> None:
    text = "Звіт підписав Колтон Дж. Брімлі. Ким Чен Ын. Трамп відмовився."
    colton = text.index("Колтон")
    brimli = text.index("Брімлі")
    kim = text.index("Ким")
    trump = text.index("Трамп")
    found = [
        _Found(colton, colton + len("Колтон Дж"), "PER", "Колтон Дж"),
        _Found(brimli, brimli + len("Брімлі"), "PER", "Брімлі"),
        _Found(kim, kim + len("Ким Чен Ын"), "PER", "Ким Чен Ын"),
        _Found(trump, trump + len("Трамп"), "PER", "Трамп"),
    ]
    out = _slavic_people(text, found, "uk")
    assert [(text[f.start:f.end], f.lemma) for f in out] == [
        ("Колтон Дж. Брімлі", "Колтон Дж. Брімлі"),
        ("Ким Чен Ын", "Ким Чен Ын"),
        ("Трамп", "Трамп"),
    ]


def test_place_in_apposition_with_an_expert_is_a_person() -> None:
    text = "розповіла Луз Ботеро, колумбійська експертка з морського права."
    start = text.index("Луз")
    found = [_Found(start, start + len("Луз Ботеро"), "LOC", "Луз Ботеро")]
    assert [f.label for f in _slavic_people(text, found, "uk")] == ["PER"]


def test_place_followed_by_a_common_noun_stays_a_place() -> None:
    text = "приїхали до Нової Каховки, великого міста на Дніпрі."
    start = text.index("Нової")
    found = [_Found(start, start + len("Нової Каховки"), "LOC", "Нова Каховка")]
    assert [f.label for f in _slavic_people(text, found, "uk")] == ["LOC"]


def test_gazetteer_place_is_never_relabelled() -> None:
    text = "у Нью-Йорку Сіті, посол заявив"
    start = text.index("Нью")
    found = [_Found(start, start + len("Нью-Йорку Сіті"), "LOC", "Нью-Йорк Сіті", "loc:niu iork")]
    assert [f.label for f in _slavic_people(text, found, "uk")] == ["LOC"]


def test_given_name_moves_from_organisation_to_person(uk: EntityRecognizer) -> None:
    text = "Тренер команди Університету штату Айдахо Дейл Маркс сказав, що команда готова."
    text2 = "Тренер Університету штату Айдахо Уїл Маркс сказав, що команда готова."
    start = text2.index("Університету")
    org_end = text2.index(" Маркс")
    person = text2.index("Маркс")
    found = [
        _Found(start, org_end, "ORG", "Університет штату Айдахо Уїл"),
        _Found(person, person + len("Маркс"), "PER", "Маркс"),
    ]
    out = _slavic_people(text2, found, "uk")
    assert [(text2[f.start:f.end], f.label, f.lemma) for f in out] == [
        ("Університету штату Айдахо", "ORG", "Університет штату Айдахо"),
        ("Уїл Маркс", "PER", "Уїл Маркс"),
    ]
    assert ("Дейл Маркс", "per:deil marks") in _people(uk, text)


def test_known_word_ending_an_organisation_stays_there() -> None:
    text = "Керівник Національного банку України Пишний заявив"
    start = text.index("Національного")
    end = text.index(" Пишний")
    person = text.index("Пишний")
    found = [
        _Found(start, end, "ORG", "Національний банк України"),
        _Found(person, person + len("Пишний"), "PER", "Пишний"),
    ]
    out = _slavic_people(text, found, "uk")
    assert [f.label for f in out] == ["ORG", "PER"] and out[1].start == person


@pytest.mark.parametrize(
    ("en", "ru", "uk"),
    [
        ("Wendell Wade", "Уэнделл Уэйд", "Венделл Уейд"),
        ("Lacey West", "Лейси Уэст", "Лейсі Вест"),
    ],
)
def test_english_w_and_ey_meet_russian_and_ukrainian(en: str, ru: str, uk: str) -> None:
    keys = ["per:" + name_key(n) for n in (en, ru, uk)]
    assert all(same_speaker(a, b) for a in keys for b in keys)


def test_different_surnames_still_disagree() -> None:
    assert not same_speaker("per:" + name_key("Lacey West"), "per:" + name_key("Лейси Уолш"))


def test_no_break_space_after_an_initial() -> None:
    text = "начальник поліції Колтон Дж.\xa0Брімлі.\nВін"
    colton = text.index("Колтон")
    brimli = text.index("Брімлі")
    found = [_Found(colton, colton + 6, "PER", "Колтон"), _Found(brimli, brimli + 6, "PER", "Брімлі")]
    out = _slavic_people(text, found, "uk")
    assert [(text[f.start:f.end], f.lemma) for f in out] == [("Колтон Дж.\xa0Брімлі", "Колтон Дж. Брімлі")]


def test_latin_word_ending_an_organisation_is_no_given_name() -> None:
    text = "рецензент The Sunday Times Culture Кіт сказав"
    start = text.index("The")
    person = text.index("Кіт")
    found = [_Found(start, person - 1, "ORG", "The Sunday Times Culture"), _Found(person, person + 3, "PER", "Кіт")]
    out = _slavic_people(text, found, "uk")
    assert [(text[f.start:f.end], f.label) for f in out] == [("The Sunday Times Culture", "ORG"), ("Кіт", "PER")]
