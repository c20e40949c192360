"""The desk's HTML pages (server-rendered with Jinja2; see ``templates/``).

Each view reads what it shows through a read-only :class:`~newsdesk.store.Store`
opened for the request, and hands plain values to its template; the
templates escape everything.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsdesk.model import Article
from newsdesk.web import queries
from newsdesk.web.i18n import UI, describe_date
from newsdesk.web.render import (
    ENTITY_LABELS,
    KIND_LABELS,
    STATEMENT_LABELS,
    annotated_text,
    SCRIPT_LABELS,
    entity_url,
    safe_link,
    script_of,
    speaker_url,
    timeline_svg,
)

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 20

Text = Annotated[str | None, Query(max_length=200)]
PageNo = Annotated[int, Query(ge=1, le=10_000)]


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _pages(total: int, page: int, size: int) -> dict[str, int | None]:
    pages = max(1, math.ceil(total / size))
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
        period = ui.period(day, unit)
        when = _("published %(day)s", day=period) if dated else _("stored %(day)s", day=period)
        return f"{when}: {count}"

    title = _("Quotations per day") if what == "quotes" else _("Mentions per day")
    return timeline_svg(
        [(d.day, d.n, d.dated) for d in days],
        title=title,
        bar_label=label,
        format_day=ui.period,
        empty=_("Nothing to draw yet."),
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
    filters = {"lang": _clean(lang), "section": _clean(section), "since": _clean(since), "until": _clean(until)}
    with desk.reader() as store:
        total = store.count_articles(**filters)
        articles = store.list_articles(**filters, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        sections = store.sections()
        speakers = store.speakers()[:8]
        counts = store.counts()
    ui, _ = desk.ui(request)
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
        paging=_pages(total, page, PAGE_SIZE),
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
            raise HTTPException(404)
        sources = store.sources(article_id)
        others = store.other_languages(article_id)
    ui, _ = desk.ui(request)
    panel = _quote_panel(article, ui)

    def quote_title(i: int) -> str:
        row = panel[i]
        bits = [row["speaker_name"] or ui.gettext("speaker unknown"), row["cue"] or "", row["kind_label"]]
        return " · ".join(b for b in bits if b)

    body = annotated_text(article, quote_title=quote_title, entity_title=lambda label: ui.gettext(ENTITY_LABELS[label]))
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
    """Who is quoted how much, per language."""
    desk = request.app.state.desk
    with desk.reader() as store:
        rows = store.speakers(lang=_clean(lang))
    by_lang: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        if len(by_lang[row.lang]) < 50:
            by_lang[row.lang].append(row)
    return desk.render(
        request, "speakers.html", by_lang=sorted(by_lang.items()), speaker_url=speaker_url, lang=_clean(lang)
    )


@router.get("/speakers/{key:path}", response_class=HTMLResponse)
def speaker_page(request: Request, key: str, page: PageNo = 1) -> Response:
    """One speaker: every quotation newest first, a timeline of quotations per day, whom they address."""
    desk = request.app.state.desk
    with desk.reader() as store:
        canonical = store.canonical_key(key)
        if canonical is not None and canonical != key:  # another spelling or script of a linked person
            return RedirectResponse(speaker_url(canonical), status_code=308)
        total = store.count_quotes(speaker_key=key)
        summary = store.entity_summary(key, lang=desk.ui(request)[0].lang)
        if not total and summary is None:
            raise HTTPException(404)
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
        paging=_pages(total, page, PAGE_SIZE),
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
            raise HTTPException(404)
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
    query = _clean(q)
    result = None
    if query:
        with desk.reader() as store:
            result = queries.search(store, query, lang=_clean(lang), offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
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
