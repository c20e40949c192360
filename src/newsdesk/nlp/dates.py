"""Publication dates: from page metadata or a date line, with honest precision.

Two sources, in order:

1. Page metadata (``article:published_time``, JSON-LD ``datePublished``, what
   htmldate finds): an ISO 8601 date or date-time. It wins when present and
   valid (origin ``metadata``).
2. A date line as printed on the page (``Wednesday, 22 January``,
   ``22 січня 2022 року``), parsed by dateparser told the article's language
   (origin ``text``).

A missing part is never invented. dateparser fills a missing year, month or
day from its reference date; this module parses every date line twice, with
reference dates and preferences that differ in every part (2004-02-03 with
"first" day and month, 2016-11-27 with "last"), and keeps only the parts
both parses agree on. A year, month or day the text does not state comes out
different and is dropped. Both reference years are leap years, so a yearless
29 February still parses. Relative dates (``yesterday``, ``2 hours ago``) and
bare timestamps are not read at all: they name no date by themselves.

When the year is missing but a weekday is stated, the calendar narrows it
down: :attr:`PublicationDate.candidate_years` lists the years around the
reference date whose calendar puts that month and day on that weekday (the
seed's ``Wednesday, 22 January`` fits 2014, 2020 and 2025).

Weekday names come from ``lang/<code>/weekdays.txt`` (CLDR); inflected forms
(``в среду``, ``у середу``) are matched through their pymorphy3 lemma.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser
from dateparser.search import search_dates

from newsdesk.errors import ConfigError
from newsdesk.lang import load_list, normalize_lang
from newsdesk.model import SUPPORTED_LANGS, PublicationDate

__all__ = ["WEEKDAYS", "find_date_line", "parse_publication_date"]

WEEKDAYS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
"""English weekday names in ISO 8601 order (``date.weekday()`` indexes them)."""

# ISO 8601 calendar date, optionally with a time and a UTC offset, as page
# metadata gives it: 2022, 2022-01, 2022-01-22, 2022-01-22T10:15,
# 2022-01-22T10:15:00.123+02:00, 2022-01-22 10:15:00Z.
_ISO = re.compile(
    r"""^\s*(?P<year>\d{4})
    (?:-(?P<month>\d{2})
      (?:-(?P<day>\d{2})
        (?:[T\s](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?
          \s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?
        )?
      )?
    )?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
_CLOCK_WITH_SECONDS = re.compile(r"(?<!\d)\d{1,2}:\d{2}:\d{2}(?!\d)")
_DIGIT = re.compile(r"\d")

# Two parses whose defaults differ in every part (see the module docstring).
_PROBES = (
    (_dt.datetime(2004, 2, 3, 12, 0), "first"),
    (_dt.datetime(2016, 11, 27, 12, 0), "last"),
)
# Only absolute dates: no "yesterday" (relative-time), no bare unix
# timestamps, no digit runs read as dates (no-spaces-time).
_PARSERS = ["custom-formats", "absolute-time"]

DATE_LINE_MAX_CHARS = 60
"""A date line is at most this long (``Wednesday, 22 January 2022, 10:15`` is 33)."""

DATE_LINE_MAX_WORDS = 10


@dataclass(frozen=True, slots=True)
class _Parts:
    """What both probe parses agree on."""

    year: int | None
    month: int | None
    day: int | None
    time: str | None
    utc_offset: str | None


_WORDS = re.compile(r"[^\W\d_TZ]{2,}")  # a word of letters: not an ISO 8601 string (whose letters are T and Z)


def parse_publication_date(
    date_text: str | None,
    published_meta: str | None,
    lang: str,
    *,
    reference: _dt.date | None = None,
    window_years: int = 15,
) -> PublicationDate | None:
    """Build the publication date from page metadata or a date line.

    Metadata wins when it is a valid ISO 8601 date or date-time; otherwise
    the date line is parsed with dateparser in ``lang`` (then, failing that,
    in the other supported languages, since site chrome is sometimes in
    another language than the article). A date line with words around the
    date (``Updated: 22 January 2022``) falls back to dateparser's search.

    Precision is kept: ``January 2022`` gives year and month, day None; a
    missing year is never filled in. With a stated weekday and no year,
    ``candidate_years`` lists every year in ``[reference.year -
    window_years, reference.year + 1]`` whose calendar puts the month and
    day on that weekday, ascending. ``weekday`` is the stated weekday, else
    the weekday of a full date; ``weekday_conflict`` is True when a stated
    weekday disagrees with a full date (``Среда, 22 января 2022``: 22
    January 2022 was a Saturday).

    Args:
        date_text: the date line as written, or None.
        published_meta: ISO 8601 date or date-time from page metadata
            (``2022-01-22``, ``2022-01-22T10:15:00+02:00``, ``2022-01``), or
            None. ``Z`` is read as ``+00:00``.
        lang: the article's language, ISO 639-1 (``ua`` accepted).
        reference: the date the window of candidate years is centred on
            (the fetch date); default today.
        window_years: how many years before the reference year to consider
            (0 or more).

    Returns:
        The date, or None when neither source gives at least a year, or a
        month and a day. Relative dates (``yesterday``) give None.

    Raises:
        ConfigError: ``lang`` is not a supported language, or
            ``window_years`` is negative.

    Languages: en, ru, uk (dateparser 1.2+ locale data; weekday names from
    ``lang/<code>/weekdays.txt``, Unicode CLDR).
    """
    lang = normalize_lang(lang)
    if window_years < 0:
        raise ConfigError(f"window_years must be 0 or more, got {window_years}")
    if published_meta is not None and published_meta.strip():
        found = _from_metadata(published_meta.strip())
        if found is not None:
            return found
        if not (date_text and date_text.strip()) and _WORDS.search(published_meta):
            date_text = published_meta  # metadata written in words ("22 січня 2022 року"): read it as a date line
    if date_text is not None and date_text.strip():
        reference = reference or _dt.date.today()
        return _from_text(date_text.strip(), lang, reference, window_years, search=True)
    return None


def find_date_line(text: str, lang: str, *, max_lines: int = 5) -> str | None:
    """Find the date line among the first lines of a plain text.

    For plain text without page chrome (the seed: a language switcher, then
    ``Wednesday, 22 January``). A date line is short (at most
    :data:`DATE_LINE_MAX_CHARS` characters and :data:`DATE_LINE_MAX_WORDS`
    words), has a digit, and parses on its own as a whole (no searching
    inside a headline) to at least a month plus a day or a year.

    Args:
        text: the text; lines are separated by ``\\n``.
        lang: its language, ISO 639-1 (``ua`` accepted).
        max_lines: how many non-empty lines from the top to look at.

    Returns:
        The line, whitespace-stripped, or None.

    Raises:
        ConfigError: ``lang`` is not a supported language.
    """
    lang = normalize_lang(lang)
    seen = 0
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if not line:
            continue
        seen += 1
        if seen > max_lines:
            break
        if (
            len(line) <= DATE_LINE_MAX_CHARS
            and len(line.split()) <= DATE_LINE_MAX_WORDS
            and _DIGIT.search(line)
        ):
            found = _from_text(line, lang, _dt.date.today(), 0, search=False)
            if found is not None and found.month is not None:
                return line
    return None


# -- metadata ---------------------------------------------------------------


def _from_metadata(meta: str) -> PublicationDate | None:
    """Read an ISO 8601 date or date-time; None when it is not valid."""
    match = _ISO.match(meta)
    if match is None:
        return None
    year = int(match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    full: _dt.date | None = None
    try:
        if month is not None:
            full = _dt.date(year, month, day or 1)
            if day is None:
                full = None
        if match["hour"]:
            _dt.time(int(match["hour"]), int(match["minute"]), int(match["second"] or 0))
        offset = _format_offset_text(match["tz"]) if match["tz"] else None
    except ValueError:
        return None
    clock = None
    if match["hour"]:
        clock = f"{match['hour']}:{match['minute']}"
        if match["second"]:
            clock += f":{match['second']}"
    return PublicationDate(
        date=full.isoformat() if full is not None else None,
        year=year,
        month=month,
        day=day,
        weekday=WEEKDAYS[full.weekday()] if full is not None else None,
        text=meta,
        time=clock,
        utc_offset=offset,
        origin="metadata",
    )


def _format_offset_text(tz: str) -> str:
    """``Z``, ``+02``, ``+0200`` or ``+02:00`` -> ``+02:00``.

    Raises:
        ValueError: the offset is 24 hours or more, or has 60+ minutes.
    """
    if tz.upper() == "Z":
        return "+00:00"
    digits = tz[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours >= 24 or minutes >= 60:
        raise ValueError(f"UTC offset out of range: {tz}")
    return f"{tz[0]}{hours:02d}:{minutes:02d}"


def _format_offset(offset: _dt.timedelta) -> str:
    sign = "-" if offset < _dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


# -- date lines -------------------------------------------------------------


def _from_text(
    text: str, lang: str, reference: _dt.date, window_years: int, *, search: bool
) -> PublicationDate | None:
    parts = None
    for code in _languages_to_try(lang):
        parts = _agreed_parts(text, code)
        if parts is None and search:
            fragment = _search_fragment(text, code)
            if fragment is not None:
                parts = _agreed_parts(fragment, code)
        if parts is not None:
            break
    if parts is None:
        return None
    if parts.year is None and (parts.month is None or parts.day is None):
        return None  # a month, or a day, alone is no date
    stated = _stated_weekday(text, lang)
    full = None
    if parts.year is not None and parts.month is not None and parts.day is not None:
        full = _dt.date(parts.year, parts.month, parts.day)
    weekday = None
    if stated is not None:
        weekday = WEEKDAYS[stated]
    elif full is not None:
        weekday = WEEKDAYS[full.weekday()]
    candidates: tuple[int, ...] = ()
    if parts.year is None and stated is not None:
        candidates = _candidate_years(parts.month, parts.day, stated, reference, window_years)  # type: ignore[arg-type]
    return PublicationDate(
        date=full.isoformat() if full is not None else None,
        year=parts.year,
        month=parts.month,
        day=parts.day,
        weekday=weekday,
        weekday_conflict=full is not None and stated is not None and full.weekday() != stated,
        candidate_years=candidates,
        text=text,
        time=parts.time,
        utc_offset=parts.utc_offset,
        origin="text",
    )


def _languages_to_try(lang: str) -> tuple[str, ...]:
    return (lang, *(code for code in SUPPORTED_LANGS if code != lang))


@lru_cache(maxsize=None)
def _parsers(lang: str) -> tuple[DateDataParser, ...]:
    """The two probe parsers for a language (built once)."""
    return tuple(
        DateDataParser(
            languages=[lang],
            settings={
                "RELATIVE_BASE": base,
                "PREFER_DAY_OF_MONTH": prefer,
                "PREFER_MONTH_OF_YEAR": prefer,
                "PREFER_DATES_FROM": "current_period",
                "PARSERS": _PARSERS,
                "RETURN_TIME_AS_PERIOD": True,
            },
        )
        for base, prefer in _PROBES
    )


def _agreed_parts(text: str, lang: str) -> _Parts | None:
    """Parse ``text`` with both probes and keep the parts they agree on."""
    results = []
    for parser in _parsers(lang):
        data = parser.get_date_data(text)
        if data is None or data.date_obj is None:
            return None
        results.append(data)
    first, second = results[0].date_obj, results[1].date_obj
    year = first.year if first.year == second.year else None
    month = first.month if first.month == second.month else None
    day = first.day if first.day == second.day else None
    clock = offset = None
    if results[0].period == "time" and (first.hour, first.minute) == (second.hour, second.minute):
        clock = f"{first.hour:02d}:{first.minute:02d}"
        if _CLOCK_WITH_SECONDS.search(text):
            clock += f":{first.second:02d}"
        if first.tzinfo is not None:
            delta = first.utcoffset()
            offset = _format_offset(delta) if delta is not None else None
    return _Parts(year, month, day, clock, offset)


def _search_fragment(text: str, lang: str) -> str | None:
    """The first date-like fragment dateparser's search finds that has a digit."""
    found = search_dates(text, languages=[lang], settings={"PARSERS": _PARSERS})
    for fragment, _ in found or ():
        if _DIGIT.search(fragment):
            return fragment
    return None


# -- weekdays ---------------------------------------------------------------


@lru_cache(maxsize=None)
def _weekday_forms(lang: str) -> dict[str, int]:
    """Map each weekday form of ``lang/<lang>/weekdays.txt`` to its ISO index (Monday 0).

    Raises:
        ConfigError: the file does not have seven lines.
    """
    lines = load_list(lang, "weekdays")
    if len(lines) != 7:
        raise ConfigError(
            f"lang/{lang}/weekdays.txt must have 7 lines (Monday first), found {len(lines)}"
        )
    return {
        form.lower().translate(_APOSTROPHES): index
        for index, line in enumerate(lines)
        for form in line.split()
    }


def _stated_weekday(text: str, lang: str) -> int | None:
    """The weekday a date line names (ISO index), in ``lang`` or another supported language."""
    words = [w.lower().translate(_APOSTROPHES) for w in _WORD.findall(text)]
    for code in _languages_to_try(lang):
        forms = _weekday_forms(code)
        for word in words:
            if word in forms:
                return forms[word]
        if code in ("ru", "uk"):
            for word in words:
                index = _inflected_weekday(word, code, forms)
                if index is not None:
                    return index
    return None


def _inflected_weekday(word: str, lang: str, forms: dict[str, int]) -> int | None:
    """``среду`` -> 2 via its lemma; only words sharing a 3-letter prefix with a weekday."""
    if len(word) < 4 or not any(len(f) >= 4 and f[:3] == word[:3] for f in forms):
        return None
    from newsdesk.nlp.morph import lemma  # pymorphy3 loads only when needed

    return forms.get(lemma(word, lang).translate(_APOSTROPHES))


def _candidate_years(
    month: int, day: int, weekday: int, reference: _dt.date, window_years: int
) -> tuple[int, ...]:
    years = []
    for year in range(reference.year - window_years, reference.year + 2):
        try:
            if _dt.date(year, month, day).weekday() == weekday:
                years.append(year)
        except ValueError:  # 29 February in a common year
            continue
    return tuple(years)
