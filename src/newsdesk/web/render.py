"""Server-side rendering helpers: annotated article text, timeline charts, labels.

Everything here turns stored data into HTML fragments. Article text is
untrusted input: every piece of it passes through :func:`markupsafe.escape`
before it is put between tags, and tags are built only from fixed strings,
escaped attribute values and URLs this module makes itself.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from newsdesk.model import Article
from newsdesk.web.i18n import N_

__all__ = [
    "ENTITY_LABELS",
    "KIND_LABELS",
    "SCRIPT_LABELS",
    "STATEMENT_LABELS",
    "annotated_text",
    "entity_url",
    "safe_link",
    "script_of",
    "source_label",
    "speaker_url",
    "timeline_svg",
]

KIND_LABELS = {"direct": N_("direct"), "indirect": N_("indirect"), "mixed": N_("mixed")}
"""Quotation kinds in words (translated where shown)."""

ENTITY_LABELS = {"PER": N_("person"), "ORG": N_("organisation"), "LOC": N_("place"), "MISC": N_("other name")}
"""CoNLL entity labels in words (translated where shown)."""

STATEMENT_LABELS = {
    "STATEMENT": N_("statement"),
    "APPEAL": N_("appeal"),
    "PROPOSE": N_("proposal"),
    "EXPRESS_INTENT_TO_COOPERATE": N_("intent to cooperate"),
    "CONSULT": N_("consultation"),
    "DEMAND": N_("demand"),
    "DISAPPROVE": N_("disapproval"),
    "REJECT": N_("rejection"),
    "THREATEN": N_("threat"),
}
"""CAMEO top-level statement types in words (translated where shown)."""

SCRIPT_LABELS = {"Latin": N_("Latin"), "Cyrillic": N_("Cyrillic"), "mixed": N_("mixed"), "other": N_("other")}
"""Writing systems as :func:`script_of` names them (translated where shown)."""


def speaker_url(key: str) -> str:
    """The desk URL of a speaker's page; the key is percent-encoded whole (``per%3Ajens%20stoltenberg``)."""
    return "/speakers/" + quote(key, safe="")


def entity_url(key: str) -> str:
    """The desk URL of an entity's page, key percent-encoded as in :func:`speaker_url`."""
    return "/entities/" + quote(key, safe="")


def safe_link(url: str | None) -> str | None:
    """Return ``url`` when it is an absolute http(s) URL fit for an ``href``, else None.

    Articles carry URLs from untrusted pages: ``javascript:``, ``data:`` and
    relative or made-up schemes (``ntrex:...``) are shown as text, never linked.
    """
    if not url:
        return None
    url = url.strip()
    if any(ord(ch) < 33 or ch == "\x7f" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    return None


def source_label(source: str) -> str:
    """Where an article was read from, as the desk shows it: never a path on the server.

    A web address is shown as it is (``https://...``; ``api:https://...``
    as the address); anything else as the base name of the file, with the
    line or record it names (``/srv/feeds/ntrex-en.jsonl:14`` ->
    ``ntrex-en.jsonl:14``, ``C:\\in\\a.warc.gz@512`` -> ``a.warc.gz@512``).
    """
    text = source.strip()
    bare = text[4:] if text.startswith("api:") else text
    if bare.lower().startswith(("http://", "https://")):
        return bare
    return re.split(r"[\\/]", text)[-1] or text


def script_of(text: str) -> str:
    """The writing system of a name: ``Latin``, ``Cyrillic``, ``mixed`` or ``other`` (by its letters)."""
    scripts = set()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            scripts.add("Latin" if name.startswith("LATIN") else "Cyrillic" if name.startswith("CYRILLIC") else "other")
    if len(scripts) == 1:
        return scripts.pop()
    return "mixed" if scripts else "other"


# --- annotated text -------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    rank: int  # nesting order: lower opens outside higher
    tag: str
    attrs: dict[str, str]
    first_attrs: dict[str, str] = field(default_factory=dict)  # only on the first piece (ids)
    opened: bool = False

    def open(self) -> str:
        attrs = dict(self.attrs)
        if not self.opened:
            attrs.update(self.first_attrs)
            self.opened = True
        rendered = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
        return f"<{self.tag}{rendered}>"

    def close(self) -> str:
        return f"</{self.tag}>"


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def annotated_text(
    article: Article,
    *,
    quote_title: Callable[[int], str] | None = None,
    entity_title: Callable[[str], str] | None = None,
    field: str = "text",
) -> Markup:
    """Render an article's text as HTML paragraphs with quotations and entities marked (or its title, with its
    quotations marked).

    Quotations become ``<mark class="quote quote-direct|indirect|mixed"
    data-quote="i">`` (one per content piece, the first with ``id="q<i>"``),
    their speaker words ``<span class="speaker">`` and cue ``<span
    class="cue">`` (both with ``data-quote``), entity mentions ``<a class="ent
    ent-per|org|loc|misc" href="/entities/<key>">``. Overlapping marks are
    nested properly: an inner one that crosses an outer boundary is closed
    and reopened, so the HTML is always well formed. Paragraphs are split at
    blank lines.

    Args:
        article: the article; its offsets must point into its text.
        quote_title: gives the tooltip of quote ``i`` (speaker, cue, kind).
        entity_title: gives the tooltip of an entity label (``PER`` -> ``person``).
        field: ``"text"``: the body, in ``<p>`` paragraphs, with the quotations whose ``field`` is ``"text"`` and
            the entity mentions; ``"title"``: the headline in one ``<span>``, with the quotations found in it (the
            headline's entity mentions are not stored).

    Returns:
        Safe markup; every character of the text is escaped.
    """
    if field == "title":
        text = article.title or ""
        items: list[_Item] = [_Item(0, len(text), 0, "span", {"class": "headline"})]
    else:
        text = article.text
        items = [_Item(s, e, 0, "p", {}) for s, e in _paragraphs(text)]
    for i, q in enumerate(article.quotes):
        if q.field != field:
            continue
        pieces = q.parts or ((q.start, q.end),)
        title = quote_title(i) if quote_title else ""
        for n, (s, e) in enumerate(pieces):
            attrs = {"class": f"quote quote-{q.kind}", "data-quote": str(i)}
            if title:
                attrs["title"] = title
            items.append(_Item(s, e, 1, "mark", attrs, {"id": f"q{i}"} if n == 0 else {}))
    roles: dict[tuple[int, int, str], list[str]] = {}
    for i, q in enumerate(article.quotes):
        if q.field != field:
            continue
        for role, span in (("speaker", q.speaker), ("cue", q.cue)):
            if span is not None and span.end > span.start:
                roles.setdefault((span.start, span.end, role), []).append(str(i))
    for (s, e, role), quotes in sorted(roles.items()):
        items.append(_Item(s, e, 2, "span", {"class": role, "data-quote": " ".join(quotes)}))
    for m in article.entities if field == "text" else ():
        if m.end <= m.start:
            continue
        attrs = {"class": f"ent ent-{m.label.lower()}", "href": entity_url(m.key), "data-key": m.key}
        if entity_title:
            attrs["title"] = f"{m.name or m.text} · {entity_title(m.label)}"
        items.append(_Item(m.start, m.end, 3, "a", attrs))
    return Markup(_nest(text, items))


def _nest(text: str, items: Sequence[_Item]) -> str:
    """Interleave escaped text with the items' tags, nesting by rank (then start, longer first)."""
    items = [i for i in items if i.end > i.start]
    points = sorted({0, len(text), *(i.start for i in items), *(i.end for i in items)})
    starts: dict[int, list[_Item]] = {}
    for item in items:
        starts.setdefault(item.start, []).append(item)
    active: list[_Item] = []
    stack: list[_Item] = []
    out: list[str] = []
    order = lambda i: (i.rank, i.start, -i.end)  # noqa: E731
    for a, b in zip(points, points[1:]):
        active = [i for i in active if i.end > a] + starts.get(a, [])
        wanted = sorted(active, key=order) if any(i.rank == 0 for i in active) else []
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
            keep += 1
        out.extend(i.close() for i in reversed(stack[keep:]))
        out.extend(i.open() for i in wanted[keep:])
        stack = wanted
        out.append(str(escape(text[a:b])))
    out.extend(i.close() for i in reversed(stack))
    return "".join(out)


# --- timeline chart -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Bin:
    start: dt.date
    n: int


def _bins(days: Iterable[tuple[str, int]]) -> tuple[list[_Bin], str]:
    counts: dict[dt.date, int] = {}
    for day, n in days:
        try:
            d = dt.date.fromisoformat(day)
        except ValueError:
            continue
        counts[d] = counts.get(d, 0) + n
    if not counts:
        return [], "day"
    first, last = min(counts), max(counts)
    span = (last - first).days
    unit = "day" if span <= 92 else "week" if span <= 730 else "month"

    def floor(d: dt.date) -> dt.date:
        if unit == "week":
            return d - dt.timedelta(days=d.weekday())
        if unit == "month":
            return d.replace(day=1)
        return d

    def step(d: dt.date) -> dt.date:
        if unit == "day":
            return d + dt.timedelta(days=1)
        if unit == "week":
            return d + dt.timedelta(days=7)
        return (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)

    merged: dict[dt.date, int] = {}
    for d, n in counts.items():
        merged[floor(d)] = merged.get(floor(d), 0) + n
    bins, d = [], floor(first)
    while d <= last:
        bins.append(_Bin(d, merged.get(d, 0)))
        d = step(d)
    return bins, unit


def timeline_svg(
    days: Iterable[tuple[str, int, bool]],
    *,
    title: str,
    bar_label: Callable[[str, str, int, bool], str],
    format_day: Callable[[str, str], str],
    empty: str,
    undated_tick: str = "?",
    width: int = 640,
    height: int = 180,
) -> Markup:
    """Draw counts per day as an SVG bar chart, server-side; undated counts apart, off the time axis.

    The time axis spans the publication days only (bars of class
    ``bar-dated``). Counts from articles without a full publication date
    (``dated`` False; their day is the day they were stored, which says
    nothing about when the words were said) are summed into one bar of class
    ``bar-undated``, drawn to the right of the time axis behind a divider
    and labelled ``undated_tick``, so they neither stretch the axis nor pose
    as events on a day. Days are binned per day when the dated range is at
    most 92 days, per week (from Monday) up to two years, else per month;
    empty bins are drawn as gaps, so the axis is linear in time. Both kinds
    of bar share one vertical scale.

    Args:
        days: ``(YYYY-MM-DD, count, dated)`` triples (``DayCount`` rows fit).
        title: the chart's accessible name.
        bar_label: tooltip for one bar: ``(first day of the bin, unit,
            count, dated) -> text``; for the undated bar the day is ``""``
            and the unit ``undated``.
        format_day: the first day of a bin in words for the axis, given
            ``(YYYY-MM-DD, unit)`` with unit ``day``, ``week`` or ``month``.
        empty: the text shown instead of bars when there is nothing to draw.
        undated_tick: the axis label under the undated bar (``no date``).
        width, height: the SVG viewBox size in user units (it scales with CSS).

    Returns:
        An ``<svg>`` element as safe markup (no script, no style attribute).
    """
    rows = list(days)
    bins, unit = _bins((d, n) for d, n, dated in rows if dated)
    undated = sum(n for _, n, dated in rows if not dated)
    w, h, left, bottom, top, right = width, height, 36, 26, 12, 8
    side = 64 if undated else 0  # the undated bar's own column, right of the time axis
    plot_w, plot_h = w - left - right - side, h - bottom - top
    base = top + plot_h
    parts = [
        f'<svg class="chart chart-{unit}" viewBox="0 0 {w} {h}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" data-unit="{unit}" data-undated="{undated}"><title>{escape(title)}</title>'
    ]
    if not bins and not undated:
        parts.append(f'<line class="axis" x1="{left}" y1="{base}" x2="{w - right}" y2="{base}"/>')
        parts.append(f'<text class="empty" x="{w // 2}" y="{h // 2}" text-anchor="middle">{escape(empty)}</text>')
        parts.append("</svg>")
        return Markup("".join(parts))
    peak = max([b.n for b in bins] + [undated]) or 1
    if bins:
        parts.append(f'<line class="axis" x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}"/>')
        slot = plot_w / len(bins)
        bar_w = max(1.0, min(slot * 0.8, 40.0))
        for i, b in enumerate(bins):
            if not b.n:
                continue
            x = left + i * slot + (slot - bar_w) / 2
            bh = plot_h * b.n / peak
            label = escape(bar_label(b.start.isoformat(), unit, b.n, True))
            parts.append(
                f'<rect class="bar bar-dated" x="{x:.1f}" y="{base - bh:.1f}" width="{bar_w:.1f}" '
                f'height="{bh:.1f}" data-day="{b.start.isoformat()}" data-n="{b.n}"><title>{label}</title></rect>'
            )
        first, last = bins[0].start.isoformat(), bins[-1].start.isoformat()
        parts.append(f'<text class="tick" x="{left}" y="{h - 6}">{escape(format_day(first, unit))}</text>')
        if last != first:
            label = escape(format_day(last, unit))
            parts.append(f'<text class="tick" x="{left + plot_w}" y="{h - 6}" text-anchor="end">{label}</text>')
    if undated:
        x0 = w - right - side
        parts.append(f'<line class="divider" x1="{x0 + 6}" y1="{top}" x2="{x0 + 6}" y2="{base}"/>')
        parts.append(f'<line class="axis" x1="{x0 + 12}" y1="{base}" x2="{w - right}" y2="{base}"/>')
        bar_w, bh = 28.0, plot_h * undated / peak
        x = x0 + 12 + (side - 12 - bar_w) / 2
        label = escape(bar_label("", "undated", undated, False))
        parts.append(
            f'<rect class="bar bar-undated" x="{x:.1f}" y="{base - bh:.1f}" width="{bar_w:.1f}" height="{bh:.1f}" '
            f'data-n="{undated}"><title>{label}</title></rect>'
        )
        mid = x + bar_w / 2
        parts.append(f'<text class="tick" x="{mid:.1f}" y="{h - 6}" text-anchor="middle">{escape(undated_tick)}</text>')
    parts.append(f'<text class="tick" x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>')
    parts.append(f'<text class="tick" x="{left - 6}" y="{base}" text-anchor="end">0</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
