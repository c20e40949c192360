"""The desk's HTML pages (server-rendered with Jinja2; see ``templates/``).

Each view reads what it shows through a read-only :class:`~newsdesk.store.Store`
opened for the request, and hands plain values to its template; the
templates escape everything.

Page numbers: ``page`` counts from 1 (``page=0`` answers 400 saying so); page
1 always answers, even with nothing to list, and a page past the last answers
404 naming the last page (no silent clamping, so a stale link says what
happened). A date range whose end is before its start answers 400.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsdesk.model import Article
from newsdesk.web import queries
from newsdesk.web.i18n import N_, UI, describe_date
from newsdesk.web.render import (
    ENTITY_LABELS,
    KIND_LABELS,
    STATEMENT_LABELS,
    SCRIPT_LABELS,
    annotated_text,
    entity_url,
    safe_link,
    script_of,
    source_label,
    speaker_url,
    timeline_svg,
)

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 20
SPEAKERS_SHOWN = 200

Text = Annotated[str | None, Query(max_length=200)]
PageNo = Annotated[int, Query(le=10_000)]


class PageError(HTTPException):
    """An HTTP error whose reason is a catalog message with ``%(name)s`` values (translated on the error page)."""

    def __init__(self, status_code: int, message: str, **values: Any) -> None:
        super().__init__(status_code, message)
        self.values = values


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _page_number(page: int) -> int:
    """400 with a reason for ``page`` < 1."""
    if page < 1:
        raise PageError(400, N_("Pages are numbered from 1: there is no page %(page)s."), page=page)
    return page


def _date_range(since: str | None, until: str | None) -> None:
    """400 when both ends are given and the end is before the start (the days themselves are checked by the store)."""
    try:
        start, end = (dt.datetime.strptime(v, "%Y-%m-%d").date() if v else None for v in (since, until))
    except ValueError:
        return
    if start and end and end < start:
        raise PageError(
            400, N_("The range ends (%(until)s) before it starts (%(since)s)."), since=since, until=until
        )


def _pages(total: int, page: int, size: int) -> dict[str, int | None]:
    """Paging links; 404 for a page past the last one (page 1 always answers)."""
    pages = max(1, math.ceil(total / size))
    if page > pages:
        raise PageError(404, N_("There is no page %(page)s here: the last page is %(pages)s."), page=page, pages=pages)
    return {
        "page": page,
        "pages": pages,
        "prev": page - 1 if page > 1 else None,
        "next": page + 1 if page < pages else None,
    }


def _chart(ui: UI, days: list, *, what: str) -> Any:
    _ = ui.gettext

    def label(day: str, unit: str, n: int, dated: bool) -> str:
        count = ui.ngettext("%(num)d quotation", "%(num)d quotations", n) if what == "quotes" else ui.ngettext(
            "%(num)d mention", "%(num)d mentions", n
        )
        when = _("published %(day)s", day=ui.period(day, unit)) if dated else _("publication date not fully known")
        return f"{when}: {count}"

    title = _("Quotations per day") if what == "quotes" else _("Mentions per day")
    return timeline_svg(
        [(d.day, d.n, d.dated) for d in days],
        title=title,
        bar_label=label,
        format_day=ui.period,
        empty=_("Nothing to draw yet."),
        undated_tick=_("no date"),
    )


def _aliases_by_lang(store: Any, key: str) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for alias in store.aliases(key):
        groups[(alias.lang, script_of(alias.text))].append((alias.text, alias.n))
    return [
        {"lang": lang, "script": SCRIPT_LABELS[script], "forms": forms}
        for (lang, script), forms in sorted(groups.items())
    ]


@router.get("/", response_class=HTMLResponse)
def front_page(
    request: Request,
    lang: Text = None,
    section: Text = None,
    since: Text = None,
    until: Text = None,
    page: PageNo = 1,
) -> Response:
    """Latest articles with filters by language, section and date range."""
    desk = request.app.state.desk
    ui, _ = desk.ui(request)
    _page_number(page)
    filters = {"lang": _clean(lang), "section": _clean(section), "since": _clean(since), "until": _clean(until)}
    with desk.reader() as store:
        total = store.count_articles(**filters)  # checks the days first (400 with the reason)
        _date_range(filters["since"], filters["until"])
        paging = _pages(total, page, PAGE_SIZE)
        articles = store.list_articles(**filters, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        sections = store.sections()
        speakers = store.top_speakers(name_lang=ui.lang, limit=8)
        counts = store.counts()
    rows = [{"a": a, "date": describe_date(a.published, ui)} for a in articles]
    query = [(k, v) for k, v in filters.items() if v]
    return desk.render(
        request,
        "index.html",
        rows=rows,
        total=total,
        filters=filters,
        filtered=bool(query),
        query=query,
        sections=sections,
        speakers=speakers,
        counts=counts,
        speaker_url=speaker_url,
        paging=paging,
    )


def _quote_panel(article: Article, ui: UI) -> list[dict[str, Any]]:
    statements = {s.quote_index: s for s in article.statements if s.quote_index is not None}
    panel = []
    for i, q in enumerate(article.quotes):
        st = statements.get(i)
        sp = q.speaker
        panel.append(
            {
                "i": i,
                "kind": q.kind,
                "kind_label": ui.gettext(KIND_LABELS[q.kind]),
                "text": q.text if len(q.text) <= 220 else q.text[:217].rstrip() + "…",
                "speaker_name": (sp.name or sp.text) if sp else None,
                "speaker_words": sp.text if sp and sp.name and sp.text != sp.name else None,
                "speaker_href": speaker_url(sp.key) if sp and sp.key else None,
                "cue": q.cue.text if q.cue else None,
                "statement": ui.gettext(STATEMENT_LABELS.get(st.type, st.type)) if st else None,
                "statement_type": st.type if st else None,
                "cameo": st.cameo if st else None,
                "addressee": (q.addressee.name or q.addressee.text) if q.addressee else None,
                "addressee_href": entity_url(q.addressee.key) if q.addressee and q.addressee.key else None,
                "mark_missing": q.opening_mark_missing or q.closing_mark_missing,
            }
        )
    return panel


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> Response:
    """One article: text with quotations and entities marked, who said what, date, other languages."""
    desk = request.app.state.desk
    with desk.reader() as store:
        article = store.get_article(article_id)
        if article is None:
            raise PageError(404, N_("There is no article with the id %(id)s."), id=article_id[:64])
        sources = list(dict.fromkeys(source_label(s) for s in store.sources(article_id)))
        others = store.other_languages(article_id)
    ui, _ = desk.ui(request)
    panel = _quote_panel(article, ui)

    def quote_title(i: int) -> str:
        row = panel[i]
        bits = [row["speaker_name"] or ui.gettext("speaker unknown"), row["cue"] or "", row["kind_label"]]
        return " · ".join(b for b in bits if b)

    body = annotated_text(article, quote_title=quote_title, entity_title=lambda label: ui.gettext(ENTITY_LABELS[label]))
    headline = annotated_text(article, quote_title=quote_title, field="title") if article.title else None
    named: dict[str, Counter[tuple[str, str]]] = {label: Counter() for label in ENTITY_LABELS}
    for m in article.entities:
        named[m.label][(m.key, m.name or m.text)] += 1
    entities = [
        {
            "label": label,
            "label_text": ui.gettext(ENTITY_LABELS[label]),
            "items": [{"name": name, "href": entity_url(key), "n": n} for (key, name), n in counts.most_common(12)],
        }
        for label, counts in named.items()
        if counts
    ]
    return desk.render(
        request,
        "article.html",
        article=article,
        headline=headline,
        body=body,
        panel=panel,
        entities=entities,
        date=describe_date(article.published, ui),
        link=safe_link(article.url),
        sources=sources,
        others=others,
        kinds=[(k, ui.gettext(v)) for k, v in KIND_LABELS.items()],
        labels=[(k.lower(), ui.gettext(v)) for k, v in ENTITY_LABELS.items()],
    )


@router.get("/speakers", response_class=HTMLResponse)
def speakers_page(request: Request, lang: Text = None) -> Response:
    """Who is quoted how much: one row per person (every spelling, script and language together)."""
    desk = request.app.state.desk
    ui, _ = desk.ui(request)
    with desk.reader() as store:
        rows = store.top_speakers(lang=_clean(lang), name_lang=ui.lang, limit=SPEAKERS_SHOWN)
    return desk.render(request, "speakers.html", rows=rows, speaker_url=speaker_url, lang=_clean(lang))


@router.get("/speakers/{key:path}", response_class=HTMLResponse)
def speaker_page(request: Request, key: str, page: PageNo = 1) -> Response:
    """One speaker: every quotation newest first, a timeline of quotations per day, whom they address."""
    desk = request.app.state.desk
    _page_number(page)
    with desk.reader() as store:
        canonical = store.canonical_key(key)
        if canonical is not None and canonical != key:  # another spelling or script of a linked person
            return RedirectResponse(speaker_url(canonical), status_code=308)
        total = store.count_quotes(speaker_key=key)
        summary = store.entity_summary(key, lang=desk.ui(request)[0].lang)
        if not total and summary is None:
            raise PageError(404, N_("Nobody with the key %(key)s is quoted or mentioned here."), key=key[:200])
        paging = _pages(total, page, PAGE_SIZE)
        quotes = store.list_quotes(speaker_key=key, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        per_day = store.quotes_per_day(key)
        addressees = store.addressees(key)
        aliases = _aliases_by_lang(store, key)
    ui, _ = desk.ui(request)
    name = summary.name if summary else key.split(":", 1)[-1]
    return desk.render(
        request,
        "speaker.html",
        key=key,
        name=name,
        summary=summary,
        total=total,
        quotes=quotes,
        chart=_chart(ui, per_day, what="quotes"),
        undated=sum(d.n for d in per_day if not d.dated),
        addressees=addressees,
        aliases=aliases,
        entity_url=entity_url,
        kind_label=lambda k: ui.gettext(KIND_LABELS.get(k, k)),
        statement_label=lambda t: ui.gettext(STATEMENT_LABELS.get(t, t)) if t else "",
        paging=paging,
    )


@router.get("/entities/{key:path}", response_class=HTMLResponse)
def entity_page(request: Request, key: str) -> Response:
    """One entity: mentions over time, co-occurring entities, aliases per language and script."""
    desk = request.app.state.desk
    with desk.reader() as store:
        canonical = store.canonical_key(key)
        if canonical is not None and canonical != key:
            return RedirectResponse(entity_url(canonical), status_code=308)
        summary = store.entity_summary(key, lang=desk.ui(request)[0].lang)
        if summary is None:
            raise PageError(404, N_("Nothing mentions or quotes the key %(key)s."), key=key[:200])
        per_day = store.mentions_per_day(key)
        together = store.co_occurring(key, limit=24)
        aliases = _aliases_by_lang(store, key)
        articles = store.articles_mentioning(key, limit=20)
    ui, _ = desk.ui(request)
    return desk.render(
        request,
        "entity.html",
        e=summary,
        label_text=ui.gettext(ENTITY_LABELS.get(summary.label, summary.label)),
        chart=_chart(ui, per_day, what="mentions"),
        undated=sum(d.n for d in per_day if not d.dated),
        together=together,
        aliases=aliases,
        articles=[{"a": a, "date": describe_date(a.published, ui)} for a in articles],
        entity_url=entity_url,
        speaker_url=speaker_url,
        label_of=lambda label: ui.gettext(ENTITY_LABELS.get(label, label)) if label else "",
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: Text = None, lang: Text = None, page: PageNo = 1) -> Response:
    """Full-text search over articles and quotations, names matched across scripts."""
    desk = request.app.state.desk
    _page_number(page)
    query = _clean(q)
    result = None
    if query:
        with desk.reader() as store:
            result = queries.search(store, query, lang=_clean(lang), offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        if page > 1 and not result.hits:
            raise PageError(404, N_("There is no page %(page)s of results for this search."), page=page)
    return desk.render(
        request,
        "search.html",
        q=query or "",
        lang=_clean(lang),
        result=result,
        page=page,
        hits=list(zip(result.hits, result.snippets)) if result else [],
    )


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> Response:
    """What the JSON API offers, from its OpenAPI schema, in the interface language."""
    desk = request.app.state.desk
    ui, _ = desk.ui(request)
    endpoints = []
    for path, operations in request.app.openapi().get("paths", {}).items():
        for method, op in operations.items():
            params = [p["name"] for p in op.get("parameters", []) if p.get("in") == "query"]
            if "requestBody" in op:
                params.append("JSON: text | html, title, url, section, lang, published, source")
            endpoints.append(
                {"method": method.upper(), "path": path, "summary": ui.gettext(op.get("summary", "")), "params": params}
            )
    return desk.render(request, "api.html", endpoints=endpoints)
