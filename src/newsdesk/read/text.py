"""Plain-text page captures: separate site chrome from the article body.

A capture like the seed document starts with lines a news site prints around
every article::

    RU  UA  EN                      <- language switcher -> languages_offered
                                    
    Wednesday, 22 January           <- date line          -> date_text
    politics                        <- section            -> section
                                    
    NATO responded to Russia's ...  <- headline           -> title
                                    
    NATO Secretary-General ...      <- body               -> text

The header is read line by line from the top: switcher, date and section
lines may come in any order; the first other line is the headline candidate.
A date, section or switcher line right after the headline is chrome too.
The date is only recognised here, never computed (``nlp/dates.py`` parses
``date_text``).

Headline rule (also for plain text without any chrome): the first line is the
title when it is *headline-like* (at most 250 characters and 35 words, starts
with a capital letter, digit or quotation mark, does not end with ``. , ; :``, and is not two sentences whose
last ends in a quotation: ``… on Tuesday. The senator denounced what she calls "a gamble."``),
stands alone (a blank line or chrome follows it), and body text follows.
Otherwise the title is None and the whole text is body.

Body: blocks separated by blank lines are paragraphs; each is stripped of
surrounding whitespace and otherwise kept character for character; they are
joined with ``"\\n\\n"``. A text with no blank line at all (one paragraph per
line) has each line as a paragraph. ``\\r\\n`` and ``\\r`` become ``\\n``.

Languages: the date and switcher vocabulary covers English, Russian and
Ukrainian (data files ``lang/<code>/months.txt`` and ``weekdays.txt``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsdesk.lang import load_list, try_normalize_lang
from newsdesk.model import SUPPORTED_LANGS, RawDocument, Rejected

__all__ = [
    "read_capture",
    "split_paragraphs",
    "is_date_line",
    "parse_language_switcher",
    "is_section_line",
    "is_headline",
]

# A line ending with a quotation's closing mark after its final stop (``… what she calls "a gamble."``) and
# holding a sentence break before it (a word of four letters or more, a stop, a capital: not ``Sen.``, ``U.S.``).
_QUOTED_END = re.compile(r"[.!?…][’”\"'»]+$")
_SENTENCE_BREAK = re.compile(r"\b[^\W\d_][a-zа-яёіїєґ]{3,}[.!?]\s+[A-ZА-ЯЁІЇЄҐ]")
_MAX_HEADLINE_CHARS = 250
_MAX_HEADLINE_WORDS = 35
_MAX_SECTION_CHARS = 40
_MAX_DATE_TOKENS = 14

_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})

# Three-letter labels Russian/Ukrainian sites print on their language
# switchers, beyond the ISO codes and aliases newsdesk.lang accepts.
_SWITCHER_LABELS = {
    "рус": "ru",
    "ру": "ru",
    "укр": "uk",
    "уа": "uk",
    "eng": "en",
    "англ": "en",
    "en": "en",
}
_SWITCHER_SEPARATORS = re.compile(r"[\s|/·•,]+")

# Words that may stand in a date line besides names and numbers: year markers
# (uk "року"/"р.", ru "года"/"г."), "at" before a time, ordinal suffixes.
_DATE_FILLERS = frozenset(
    {"року", "рік", "р", "г", "года", "год", "at", "о", "об", "в", "of", "the", "on",
     "st", "nd", "rd", "th", "am", "pm", "a.m", "p.m"}
)
_DATE_TOKEN = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    r"|\d{1,2}:\d{2}(?::\d{2})?"
    r"|\d+"
    r"|[^\W\d_]+(?:['’ʼ.][^\W\d_]+)*\.?"
    r"|\S"
)
_DATE_PUNCT = frozenset(",.|-–—/()·•")
_SECTION_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HEADLINE_START = re.compile(r"[\d\"'«„“‘(\[]|[^\W\d_]")


@lru_cache(maxsize=1)
def _date_words() -> tuple[frozenset[str], frozenset[str]]:
    """All weekday and month forms of the supported languages, lower-cased."""
    weekdays: set[str] = set()
    months: set[str] = set()
    for lang in SUPPORTED_LANGS:
        for line in load_list(lang, "weekdays"):
            weekdays.update(w.lower().translate(_APOSTROPHES) for w in line.split())
        for line in load_list(lang, "months"):
            months.update(w.lower() for w in line.split())
    return frozenset(weekdays), frozenset(months)


def is_date_line(line: str) -> bool:
    """Tell whether a line is a date line (``Wednesday, 22 January``).

    Recognised: an optional weekday, a day and a month name in either order,
    an optional year (with ``року``/``р.``/``года``/``г.``) and time, or a
    numeric date (``22.01.2022``, ``2022-01-22``); English, Russian and
    Ukrainian names and abbreviations from ``lang/<code>/months.txt`` and
    ``weekdays.txt``. Every token of the line must belong to the date.

    Args:
        line: one line, without its newline.

    Returns:
        True for a date line, also after a place (a dateline: ``Київ, 22
        січня 2022 року``). A bare weekday, or a month without a day or
        year, is not one.
    """
    place = _DATELINE_PLACE.match(line.strip())
    if place is not None and _is_date_part(line.strip()[place.end():]):
        return True  # a dateline: "Москва, 14 марта 2023 года", "KYIV — 22 January 2022"
    return _is_date_part(line)


_DATELINE_PLACE = re.compile(r"(?:[A-ZА-ЯЁІЇЄҐ][\w’'.\-]*\s?){1,3}(?:,|\s[—–-])\s*")


def _is_date_part(line: str) -> bool:
    weekdays, months = _date_words()
    tokens = _DATE_TOKEN.findall(line.strip())
    if not tokens or len(tokens) > _MAX_DATE_TOKENS:
        return False
    has_month = has_day = has_year = has_numeric = False
    for token in tokens:
        word = token.lower().translate(_APOSTROPHES)
        bare = word.rstrip(".")
        if token in _DATE_PUNCT:
            continue
        if token.isdigit():
            value = int(token)
            if len(token) <= 2 and 1 <= value <= 31:
                has_day = True
            elif len(token) == 4 and 1900 <= value <= 2100:
                has_year = True
            else:
                return False
        elif re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}", token):
            has_numeric = True
        elif re.fullmatch(r"\d{1,2}:\d{2}(?::\d{2})?", token):
            continue
        elif bare in months:
            has_month = True
        elif bare in weekdays or bare in _DATE_FILLERS:
            continue
        else:
            return False
    return has_numeric or (has_month and (has_day or has_year))


def parse_language_switcher(line: str) -> tuple[str, ...] | None:
    """Read a language-switcher line (``RU  UA  EN``) into ISO 639-1 codes.

    Each label must be an upper-case code or a known label (``Рус``, ``Укр``,
    ``Eng``); supported languages are normalized with
    :func:`newsdesk.lang.try_normalize_lang` (``UA`` -> ``uk``), other
    two-letter labels must be ISO 639-1 codes (checked with pycountry) and are
    kept lower-cased. At least two labels, one of them a supported language.

    Returns:
        The codes in the order shown, duplicates dropped, or None when the
        line is not a switcher.
    """
    labels = [t for t in _SWITCHER_SEPARATORS.split(line.strip()) if t]
    if len(labels) < 2 or len(labels) > 12:
        return None
    codes: list[str] = []
    for label in labels:
        bare = label.rstrip(".")
        if not bare.isalpha() or not (bare.isupper() or bare.istitle()):
            return None
        low = bare.lower()
        code = _SWITCHER_LABELS.get(low)
        if code is None and bare.isupper() and len(bare) in (2, 3):
            code = try_normalize_lang(low) or _iso639_1(low)
        if code is None:
            return None
        if code not in codes:
            codes.append(code)
    if not any(code in SUPPORTED_LANGS for code in codes):
        return None
    return tuple(codes)


def _iso639_1(code: str) -> str | None:
    """``code`` if it is an ISO 639-1 language code (per pycountry), else None."""
    if len(code) != 2 or not code.isascii():
        return None
    import pycountry  # only needed for labels outside en/ru/uk

    return code if pycountry.languages.get(alpha_2=code) is not None else None


def is_section_line(line: str) -> bool:
    """Tell whether a line is a section label: 1-3 lower-case words (``politics``).

    Words are letters with inner hyphens, in any script (``політика``,
    ``world-news``); ``&`` may join them; at most 40 characters.
    """
    text = line.strip()
    if not text or len(text) > _MAX_SECTION_CHARS or text != text.lower():
        return False
    words = [w for w in text.split() if w != "&"]
    if not 1 <= len(words) <= 3:
        return False
    return all(_SECTION_WORD.fullmatch(w) for w in words)


def is_headline(line: str) -> bool:
    """Tell whether a line looks like a headline (see the module docstring)."""
    text = line.strip()
    if not text or len(text) > _MAX_HEADLINE_CHARS or len(text.split()) > _MAX_HEADLINE_WORDS:
        return False
    if not _HEADLINE_START.match(text) or (text[0].isalpha() and not text[0].isupper()):
        return False
    if text.endswith("...") or text.endswith("…"):
        return True
    if _QUOTED_END.search(text) and _SENTENCE_BREAK.search(text):
        return False  # two sentences, the last one quoting: a lead paragraph, not a headline ending in a quotation
    return text[-1] not in ".,;:"


def split_paragraphs(text: str) -> list[str]:
    """Split body text into paragraphs, each stripped of surrounding whitespace.

    Blocks separated by blank (or whitespace-only) lines are paragraphs; when
    the text has no blank line, each non-empty line is one. ``\\r\\n`` and
    ``\\r`` count as ``\\n``; nothing else inside a paragraph changes.

    Returns:
        The non-empty paragraphs in order.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return []
    blocks = _BLANK_LINES.split(text)
    if len(blocks) == 1:
        blocks = text.split("\n")
    return [b.strip() for b in blocks if b.strip()]


def read_capture(text: str, source: str) -> RawDocument | Rejected:
    """Turn a plain-text page capture into a :class:`RawDocument`.

    Args:
        text: the decoded text of the capture (any line endings).
        source: where it came from (a path, ``<stdin>``).

    Returns:
        A RawDocument whose ``text`` is the body only (paragraphs joined by
        ``"\\n\\n"``), with ``title``, ``section`` (lower-cased),
        ``languages_offered`` and ``date_text`` taken from the chrome when
        present; or ``Rejected(stage="read")`` when nothing but chrome (or
        nothing at all) is left. Never raises for bad input.

    Languages: English, Russian, Ukrainian date lines and switcher labels;
    section and headline rules are script-independent.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    found: dict[str, object] = {}
    i = _consume_chrome(lines, 0, found)

    title: str | None = None
    head = _next_nonblank(lines, i)
    if head < len(lines) and is_headline(lines[head]):
        after = head + 1
        stands_alone = after >= len(lines) or not lines[after].strip()
        chrome_after = after < len(lines) and _classify(lines[after], found) is not None
        chrome_before = bool(found)
        if stands_alone or chrome_after or chrome_before:
            rest = _consume_chrome(lines, after, found, limit=3)
            if any(line.strip() for line in lines[rest:]):
                title = lines[head].strip()
                i = rest

    paragraphs = split_paragraphs("\n".join(lines[i:]))
    if not paragraphs:
        reason = "empty document" if not found and title is None else (
            "no body text: the document holds only site chrome (language switcher, date, "
            "section or headline)"
        )
        return Rejected(source, reason, "read")
    section = found.get("section")
    return RawDocument(
        source=source,
        text="\n\n".join(paragraphs),
        title=title,
        section=section.lower() if isinstance(section, str) else None,
        languages_offered=found.get("languages", ()),  # type: ignore[arg-type]
        date_text=found.get("date"),  # type: ignore[arg-type]
    )


def _next_nonblank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _classify(line: str, found: dict[str, object]) -> tuple[str, object] | None:
    """What chrome ``line`` is, if it is a kind not yet found: (key, value) or None."""
    text = line.strip()
    if "languages" not in found:
        codes = parse_language_switcher(text)
        if codes is not None:
            return "languages", codes
    if "date" not in found and is_date_line(text):
        return "date", text
    if "section" not in found and is_section_line(text):
        return "section", text
    return None


def _consume_chrome(
    lines: list[str], i: int, found: dict[str, object], limit: int | None = None
) -> int:
    """Consume chrome lines (and blank lines between them) from ``lines[i]`` on.

    Records what it finds in ``found``; stops at the first other line or after
    ``limit`` chrome lines. Returns the index of the first line not consumed
    (blank lines after the last chrome line are left for the caller).
    """
    taken = 0
    while limit is None or taken < limit:
        j = _next_nonblank(lines, i)
        if j >= len(lines):
            return i
        kind = _classify(lines[j], found)
        if kind is None:
            return i
        found[kind[0]] = kind[1]
        taken += 1
        i = j + 1
    return i
