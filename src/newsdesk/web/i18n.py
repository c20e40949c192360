"""Interface languages of the web desk: message catalogs, negotiation, dates in words.

The desk speaks English, Russian and Ukrainian (ISO 639-1 ``en``, ``ru``,
``uk``; ``ua`` is accepted as input). Interface strings live in gettext
catalogs, one per language, under ``locale/<code>/LC_MESSAGES/messages.po``
beside this module. The ``.po`` sources are what ships: they are compiled in
memory with Babel on first use (no ``.mo`` build step, nothing stale).

Regenerate the template after changing strings (from the repository root)::

    pybabel extract -F src/newsdesk/web/locale/babel.cfg -k N_ -o /tmp/messages.pot src/newsdesk/web
    pybabel update -i /tmp/messages.pot -d src/newsdesk/web/locale --no-fuzzy-matching

The language is chosen per request (:func:`negotiate`): an explicit ``ui``
query parameter, else the ``newsdesk_ui`` cookie, else the browser's
``Accept-Language``, else English. The switcher shows ``RU UA EN`` as users
of trilingual Ukrainian news sites expect, while the code says ``uk``.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from babel.dates import format_date, get_day_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from newsdesk.lang import try_normalize_lang
from newsdesk.model import PublicationDate

__all__ = [
    "COOKIE",
    "SWITCHER",
    "UI_LANGS",
    "DateView",
    "N_",
    "UI",
    "describe_date",
    "negotiate",
    "translations",
]

UI_LANGS: tuple[str, ...] = ("en", "ru", "uk")
"""Interface languages, ISO 639-1."""

SWITCHER: tuple[tuple[str, str], ...] = (("ru", "RU"), ("uk", "UA"), ("en", "EN"))
"""The language switcher: (code, what it shows), in the order such sites show it."""

COOKIE = "newsdesk_ui"
"""The cookie that remembers the chosen interface language."""

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a string for extraction without translating it now (translated where it is shown)."""
    return message


@cache
def translations(lang: str) -> Translations:
    """The compiled catalog for one interface language (``en``, ``ru``, ``uk``), loaded once.

    Raises:
        KeyError: ``lang`` is not an interface language.
    """
    if lang not in UI_LANGS:
        raise KeyError(lang)
    source = resources.files(__package__).joinpath("locale", lang, "LC_MESSAGES", "messages.po")
    with source.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def negotiate(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """Choose the interface language for a request.

    Args:
        query: the ``ui`` query parameter (``uk``, ``ua``, ``ru``, ``en``), or None.
        cookie: the ``newsdesk_ui`` cookie, or None.
        accept_language: the ``Accept-Language`` header (``uk-UA,uk;q=0.9,en;q=0.5``).

    Returns:
        ``en``, ``ru`` or ``uk``: the first usable of query, cookie, the
        browser's preferences by weight, else ``en``.
    """
    for value in (query, cookie):
        code = try_normalize_lang(value)
        if code in UI_LANGS:
            return code
    if accept_language:
        weighted = []
        for i, part in enumerate(accept_language.split(",")[:20]):
            tag, _, params = part.strip().partition(";")
            weight = 1.0
            if params.strip().startswith("q="):
                try:
                    weight = float(params.strip()[2:])
                except ValueError:
                    weight = 0.0
            code = try_normalize_lang(tag.strip())
            if code in UI_LANGS and weight > 0:
                weighted.append((-weight, i, code))
        if weighted:
            return min(weighted)[2]
    return "en"


class UI:
    """The interface language of one request, with its translation functions.

    Templates call ``_("text", name=value)`` (placeholders are
    ``%(name)s``-style) and ``ngettext("%(num)d quote", "%(num)d quotes", n)``
    (``num`` is filled in). Results are plain strings: the template engine
    escapes them like any other value.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in UI_LANGS else "en"
        self._t = translations(self.lang)

    def gettext(self, message: str, **values: Any) -> str:
        """Translate ``message`` and fill its ``%(name)s`` placeholders from ``values``."""
        text = self._t.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        """Translate a message with a count: the plural form for ``n`` in this language, ``num`` set to ``n``."""
        return self._t.ngettext(singular, plural, n) % {"num": n, **values}

    def weekday(self, english_name: str | None) -> str | None:
        """The weekday's name in this language (``Wednesday`` -> ``середа``), or None."""
        if english_name not in _WEEKDAYS:
            return None
        return get_day_names("wide", locale=self.lang)[_WEEKDAYS.index(english_name)]

    def period(self, iso: str, unit: str = "day") -> str:
        """A chart bin in words: a day (``22 січ. 2022 р.``), a week by its Monday, a month (``січ. 2022``)."""
        if unit == "week":
            return self.gettext("week of %(day)s", day=self.day(iso))
        if unit != "month":
            return self.day(iso)
        try:
            return format_date(dt.date.fromisoformat(iso), "LLL y", locale=self.lang)
        except ValueError:
            return iso

    def day(self, iso: str | None) -> str:
        """A ``YYYY-MM-DD`` day in words (``22 січ. 2020 р.``); the input as it is when it is no such day."""
        if not iso:
            return ""
        try:
            return format_date(dt.date.fromisoformat(iso), "medium", locale=self.lang)
        except ValueError:
            return iso


@dataclass(frozen=True, slots=True)
class DateView:
    """A publication date put into words for one interface language.

    Attributes:
        text: the date as well as it is known (``Wednesday, 22 January``).
        iso: ``YYYY-MM-DD`` when fully known (for a ``<time datetime>``), else None.
        precision: ``day``, ``month``, ``year`` or None.
        precision_label: the precision in words (``precise to the day``).
        notes: what is missing or in conflict, in words (``year not given``).
        conflict: True when the stated weekday disagrees with the date.
        source_text: the date as written in the source.
    """

    text: str
    iso: str | None
    precision: str | None
    precision_label: str
    notes: tuple[str, ...]
    conflict: bool
    source_text: str | None


def describe_date(published: PublicationDate | None, ui: UI) -> DateView:
    """Put a publication date into words, saying honestly what is known.

    A date without a year is shown without one (``22 January``, "year not
    given") with the years whose calendar fits its weekday; a weekday that
    disagrees with the date is shown as a conflict, naming both weekdays.

    Args:
        published: the article's date, or None.
        ui: the interface language.

    Returns:
        A :class:`DateView`; ``text`` is "date unknown" (translated) when
        nothing is known.
    """
    _ = ui.gettext
    if published is None or published.precision is None:
        return DateView(_("date unknown"), None, None, "", (), False, published.text if published else None)
    p = published
    notes: list[str] = []
    stated = ui.weekday(p.weekday)
    if p.year is not None and p.month is not None and p.day is not None:
        day = dt.date(p.year, p.month, p.day)
        text = format_date(day, "long", locale=ui.lang)
        actual = get_day_names("wide", locale=ui.lang)[day.weekday()]
        if p.weekday_conflict and stated:
            notes.append(_("the source says %(stated)s, but that day was a %(actual)s", stated=stated, actual=actual))
        text = f"{stated or actual}, {text}" if not p.weekday_conflict else text
    elif p.month is not None and p.day is not None:
        text = format_date(dt.date(2000, p.month, p.day), "d MMMM", locale=ui.lang)
        if stated:
            text = f"{stated}, {text}"
        notes.append(_("year not given"))
        if p.candidate_years:
            years = ", ".join(str(y) for y in p.candidate_years)
            notes.append(_("the weekday fits %(years)s", years=years))
    elif p.month is not None:
        text = format_date(dt.date(p.year or 2000, p.month, 1), "LLLL y" if p.year else "LLLL", locale=ui.lang)
        if p.year is None:
            notes.append(_("year not given"))
    else:
        text = str(p.year)
    if p.time:
        text += f", {p.time[:5]}" + (f" (UTC{p.utc_offset})" if p.utc_offset else "")
    labels = {"day": _("precise to the day"), "month": _("precise to the month"), "year": _("precise to the year")}
    iso = p.date if p.precision == "day" and p.year is not None else None
    return DateView(text, iso, p.precision, labels[p.precision], tuple(notes), p.weekday_conflict, p.text)
