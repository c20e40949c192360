"""Language identification: en/ru/uk or none, on real and hand-written text."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.nlp import language
from newsdesk.nlp.language import MAX_CHARS, detect_language

NTREX = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ntrex-en-ru-uk" / "NTREX-128"
NTREX_FILES = {
    "en": "newstest2019-src.eng.txt",
    "ru": "newstest2019-ref.rus.txt",
    "uk": "newstest2019-ref.ukr.txt",
}
LINES_PER_LANGUAGE = 400
MIN_LINE_CHARS = 40
# Measured on the first 400 lines of >= 40 characters per language: en 1.0,
# ru 0.9975, uk 0.9975 (all 1,876-1,882 such lines: 1.0, 0.9995, 0.9995).
ACCURACY_FLOOR = 0.99


def ntrex_lines(lang: str) -> list[str]:
    path = NTREX / NTREX_FILES[lang]
    if not path.exists():
        pytest.skip(f"NTREX-128 data {path} is not present (it lives in ../shared/data beside the repository)")
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if len(line) >= MIN_LINE_CHARS][:LINES_PER_LANGUAGE]


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_accuracy_on_ntrex_lines(lang: str) -> None:
    lines = ntrex_lines(lang)
    right = sum(detect_language(line) == lang for line in lines)
    assert right / len(lines) >= ACCURACY_FLOOR, f"{lang}: {right}/{len(lines)} right"


# Hand-written news paragraphs in languages newsdesk does not read.
FOREIGN = {
    "de": "Die Bundesregierung hat am Mittwoch neue Maßnahmen gegen die steigenden Energiepreise "
    "beschlossen. Der Kanzler sagte, die Entlastungen sollten noch vor dem Winter bei den Bürgern ankommen.",
    "fr": "Le gouvernement a présenté mercredi un nouveau plan pour réduire la facture énergétique des "
    "ménages. Selon le ministre, les premières aides seront versées avant la fin de l'année.",
    "es": "El Gobierno aprobó el miércoles un paquete de medidas para frenar la subida de los precios de "
    "la energía. El presidente afirmó que las ayudas llegarán a las familias antes del invierno.",
    "pl": "Rząd przyjął w środę nowy pakiet działań mających ograniczyć wzrost cen energii. Premier "
    "zapowiedział, że pierwsze dopłaty trafią do rodzin jeszcze przed zimą.",
    "be": "Урад у сераду зацвердзіў новы пакет мер супраць росту коштаў на энергію. Прэм'ер-міністр "
    "заявіў, што першыя выплаты сем'і атрымаюць яшчэ да зімы.",
    "bg": "Правителството одобри в сряда нов пакет от мерки срещу поскъпването на енергията. Премиерът "
    "заяви, че първите помощи ще стигнат до семействата още преди зимата.",
    "sr": "Влада је у среду усвојила нови пакет мера против раста цена енергије. Премијер је рекао да ће "
    "прве помоћи стићи до породица још пре зиме.",
}


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_other_languages_are_none(code: str) -> None:
    assert detect_language(FOREIGN[code]) is None


@pytest.mark.parametrize("code", ["de", "fr"])
def test_foreign_first_sentence_is_none(code: str) -> None:
    first_sentence = FOREIGN[code].split(". ")[0] + "."
    assert detect_language(first_sentence) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Він сказав, що все добре.", "uk"),
        ("Он сказал, что всё хорошо.", "ru"),
        ("Вона пішла додому.", "uk"),
        ("Она пошла домой.", "ru"),
        ("Сьогодні", "uk"),
        ("Сегодня", "ru"),
        ("Коментарі", "uk"),
        ("Комментарии", "ru"),
        ("Президент заявив про нові санкції.", "uk"),
        ("Президент заявил о новых санкциях.", "ru"),
        ("The president announced new sanctions.", "en"),
    ],
)
def test_russian_and_ukrainian_short_texts(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_hint_breaks_a_near_tie() -> None:
    # One word spelled the same in both languages: lingua is near a tie.
    assert detect_language("Президент", hint="ru") == "ru"
    assert detect_language("Президент", hint="uk") == "uk"
    assert detect_language("Президент", hint="ua") == "uk"  # alias accepted


def test_hint_does_not_override_clear_evidence() -> None:
    russian = (
        "Генеральный секретарь НАТО Йенс Столтенберг заявил, что альянс готов выслушать "
        "озабоченности России и вести реальный разговор о европейской безопасности."
    )
    ukrainian = (
        "Генеральний секретар НАТО Єнс Столтенберг заявив, що альянс готовий вислухати "
        "занепокоєння Росії та вести справжню розмову про європейську безпеку."
    )
    assert detect_language(russian, hint="uk") == "ru"
    assert detect_language(ukrainian, hint="ru") == "uk"
    assert detect_language(FOREIGN["de"], hint="en") is None
    # A hint in another script is no evidence at all.
    assert detect_language("Так", hint="en") != "en"


def test_unknown_hint_is_ignored() -> None:
    assert detect_language("Он сказал, что всё хорошо.", hint="xx") == "ru"


@pytest.mark.parametrize("text", ["", "   \n\n ", "12:45 2022-01-22 +++ 100%"])
def test_no_letters_is_none(text: str) -> None:
    assert detect_language(text) is None


def test_only_the_first_max_chars_count() -> None:
    english = "NATO allies have increased their presence in the Black Sea region. " * 20
    assert len(english) > MAX_CHARS
    assert detect_language(english + FOREIGN["de"] * 5) == "en"
    assert detect_language(FOREIGN["de"] * 10 + english) is None


def test_detector_is_built_once() -> None:
    assert language._detector() is language._detector()
