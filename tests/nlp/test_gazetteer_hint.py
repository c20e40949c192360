"""gazetteer_hint: the shortcut that skips pymorphy3's inflect must give the answer of the full comparison.

The full comparison (the rule before the speed-up): the word and, for each of its first 8 readings, the
dictionary form and the nominative (``inflect({"nomn"})``); noun readings for entries, all for first words.
"""

from __future__ import annotations

import pytest

from newsdesk.nlp.entities import _Gazetteer, _fold_case, _gazetteer_lemmas, gazetteer_hint
from newsdesk.nlp.morph import get_morph
from newsdesk.nlp.morph_features import word_features


def _full(word: str, lang: str) -> str:
    gaz = _Gazetteer.for_lang(lang)
    all_lemmas, noun_lemmas = _gazetteer_lemmas(lang)
    for form in (_fold_case(word), *sorted(noun_lemmas(word))):
        known = gaz._entries.get(form)
        if known is not None:
            return known[0]
    return "B" if any(form in gaz.first_words for form in all_lemmas(word)) else ""


UK_TEXT = (
    "Генеральний секретар НАТО Єнс Столтенберг заявив у Києві, що Сполучені Штати та держави Європейського "
    "союзу підтримають Україну. Посол Сполучених Штатів у Варшаві зустрівся з міністром закордонних справ "
    "Польщі. Делегація з Нью-Йорка прибула до Львова, а потім поїхала до Харкова й Одеси. Мінекономіки "
    "повідомило про нові санкції проти Росії та Білорусі; ООН і ОБСЄ закликали до переговорів у Женеві."
)
RU_TEXT = (
    "Генеральный секретарь НАТО Йенс Столтенберг заявил в Москве, что Соединенные Штаты и страны "
    "Европейского союза поддержат Украину. Посол Соединённых Штатов встретился в Варшаве с министром "
    "иностранных дел Польши. Делегация из Нью-Йорка прибыла в Санкт-Петербург, ООН призвала к переговорам."
)


@pytest.mark.parametrize("lang, text", [("uk", UK_TEXT), ("ru", RU_TEXT)])
def test_hint_equals_full_comparison(lang: str, text: str) -> None:
    words = sorted({w.strip(".,;:") for w in text.split()} - {""})
    hints = {w: gazetteer_hint(w, lang) for w in words}
    assert hints == {w: _full(w, lang) for w in words}
    # and the text does exercise every answer: entries, inflected entries, first words of longer names
    assert {"LOC", "ORG", "B", ""} <= set(hints.values())


@pytest.mark.parametrize("lang, word, expected", [
    ("uk", "Києві", "LOC"),          # inflected: only the nominative is an entry
    ("uk", "НАТО", "ORG"),
    ("uk", "Сполучених", "B"),       # the nominative plural opens "Сполучені Штати"
    ("uk", "заявив", ""),
    ("ru", "Сирию", "LOC"),
])
def test_hint_cases(lang: str, word: str, expected: str) -> None:
    assert gazetteer_hint(word, lang) == expected
    assert gazetteer_hint(word, lang, get_morph(lang).parse(word)) == expected  # readings given by the caller


def test_word_features_gazetteer_feature() -> None:
    assert "Gaz=Loc" in word_features("Києві", "uk")[1]
    assert "Gaz=Begin" in word_features("Сполучених", "uk")[1]
    assert "Gaz" not in word_features("заявив", "uk")[1]
