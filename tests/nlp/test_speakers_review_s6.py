"""Review findings on speakers (issue 3, sixth session): indeclinable foreign names read as a locative,
a name after a form of address tagged with another label, pronouns after an enumeration.

Invented sentences only.
"""

from __future__ import annotations

import pytest

from newsdesk.nlp.entities import load_recognizer
from newsdesk.nlp.quotes import find_quotes


@pytest.fixture(scope="module")
def uk():
    return load_recognizer("uk")


@pytest.fixture(scope="module")
def ru():
    return load_recognizer("ru")


@pytest.fixture(scope="module")
def en():
    return load_recognizer("en")


def _speaker(text: str, lang: str, recognizer):
    quotes = find_quotes(text, lang, entities=recognizer(text))
    assert len(quotes) == 1, quotes
    return quotes[0].speaker


def test_uk_locative_only_surname_keeps_its_form(uk):
    text = "Британський стрибун у воду Том Дейлі завершив кар'єру. «Я вдячний усім», — розповів Дейлі."
    people = [m for m in uk(text) if m.label == "PER"]
    assert [m.lemma for m in people][:1] == ["Том Дейлі"]
    assert {m.key for m in people} == {"per:tom deili"}
    speaker = _speaker(text, "uk", uk)
    assert speaker.name == "Том Дейлі" and speaker.key == "per:tom deili"


def test_uk_and_ru_keys_agree_for_vardy(uk, ru):
    uk_text = "Англійський нападник Джеймі Варді залишив клуб. «Я щасливий», — сказав Варді."
    ru_text = "Английский нападающий Джейми Варди покинул клуб. «Я счастлив», — сказал Варди."
    uk_key = _speaker(uk_text, "uk", uk).key
    assert uk_key == "per:jeimi vardi"
    assert _speaker(ru_text, "ru", ru).key.endswith(" vardi")


def test_uk_declined_names_still_go_to_nominative(uk):
    text = "За словами Петра Зоріна, уряд підготував закон. Юлії Тимошенко не було в залі."
    lemmas = {m.text: m.lemma for m in uk(text) if m.label == "PER"}
    assert lemmas.get("Петра Зоріна") == "Петро Зорін"
    assert lemmas.get("Юлії Тимошенко") == "Юлія Тимошенко"


@pytest.mark.parametrize("address", ["Місіс", "Пані"])
def test_uk_name_after_form_of_address_is_a_person(uk, address):
    text = f"{address} Еднан-Лаперуза виступила в суді. «Ми хочемо змін», — сказала вона."
    name = next(m for m in uk(text) if m.text == "Еднан-Лаперуза")
    assert name.label == "PER"
    speaker = _speaker(text, "uk", uk)
    assert speaker.text == "вона" and speaker.name == "Еднан-Лаперуза"


def test_en_pronoun_after_list_is_no_list_member(en):
    text = ("Its past conductors have included Simon Rattle, Andris Nelsons and Mirga Grazinyte-Tyla. "
            "“I am thrilled to join,” she said.")
    assert _speaker(text, "en", en).name not in ("Simon Rattle", "Andris Nelsons", "Mirga Grazinyte-Tyla")
    text = "The orchestra has appointed Maria Lopez as its new conductor. " + text
    assert _speaker(text, "en", en).name == "Maria Lopez"


def test_uk_pronoun_after_list_is_no_list_member(uk):
    listed = "Серед тренерів клубу були Мірча Луческу, Паулу Фонсека та Роберто Де Дзербі."
    people = {m.text: m for m in uk(listed)}
    assert people["Роберто Де Дзербі"].lemma == "Роберто Де Дзербі"
    text = "Клуб призначив тренером Івана Коваля. " + listed + " «Це велика честь», — сказав він."
    speaker = _speaker(text, "uk", uk)
    assert speaker.name not in ("Мірча Луческу", "Паулу Фонсека", "Роберто Де Дзербі")
    text = listed + " «Це велика честь», — сказав він."
    assert _speaker(text, "uk", uk).name is None
