"""The JSON API under ``/api/v1``, documented in the OpenAPI schema at ``/api/v1/openapi.json``.

Endpoints::

    GET  /articles                     latest articles (filters: lang, section, since, until)
    GET  /articles/{id}                one article, newsdesk.article/1, with its sources
    GET  /quotes                       quotations (filters: speaker, lang, q, since, until)
    GET  /entities/{key}               one entity: aliases, mentions per day, co-occurring entities
    GET  /search?q=                    full-text search over articles and quotations
    POST /articles                     ingest one article (text or HTML): only with an API token

Lists are paginated with ``page`` (from 1) and ``size`` (at most
:data:`MAX_PAGE_SIZE`); answers carry ``page``, ``size``, ``next_page``
(null on the last page) and, where it is cheap, ``total``. Page 1 always
answers (empty when nothing matches); a page past the last answers 404.
Offsets in articles and quotations are half-open character offsets into the
article text.

Errors are JSON ``{"detail": ...}``. Request validation errors (a bad value,
a day that is not on the calendar, ``since`` after ``until``) are FastAPI's
422 shape, ``{"detail": [{"loc", "msg", "type"}]}``, with the reason in
``msg`` in plain words (``page: the lowest value allowed is 1 (got '0').``).
Ingest answers 403 when the server has no API token (ingest is off) and 401
when it has one and the request's ``Authorization: Bearer`` token is missing
or wrong.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from newsdesk.model import RawDocument, Rejected
from newsdesk.serialize import article_to_dict
from newsdesk.store.sqlite import ArticleListing, QuoteRow
from newsdesk.web import queries
from newsdesk.web.i18n import N_
from newsdesk.web.render import entity_url, script_of, speaker_url

__all__ = ["MAX_PAGE_SIZE", "install_openapi", "router"]

MAX_PAGE_SIZE = 100
"""The largest ``size`` a list endpoint accepts."""

router = APIRouter(tags=["newsdesk"])

LangCode = Literal["en", "ru", "uk"]
LangParam = Annotated[
    Literal["en", "ru", "uk", "ua"] | None, Query(description="ISO 639-1 language code; `ua` is accepted for `uk`.")
]
PageParam = Annotated[int, Query(ge=1, le=10_000, description="Page number, from 1.")]
SizeParam = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Items per page (1-{MAX_PAGE_SIZE}).")]
_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _calendar_day(value: str | None) -> str | None:
    """A ``YYYY-MM-DD`` that is a day of the calendar (``2022-02-30`` is not): 422 with this reason otherwise."""
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "date_not_on_calendar", "{value} is not a day of the calendar: give YYYY-MM-DD, such as 2022-01-22",
            {"value": value},
        ) from None
    return value


SinceParam = Annotated[
    str | None,
    Query(pattern=_DAY, description="Published on or after this day (YYYY-MM-DD).", examples=["2022-01-01"]),
    AfterValidator(_calendar_day),
]
UntilParam = Annotated[
    str | None,
    Query(
        pattern=_DAY,
        description="Published on or before this day (YYYY-MM-DD); not before `since`.",
        examples=["2022-01-31"],
    ),
    AfterValidator(_calendar_day),
]


def _lang(value: str | None) -> str | None:
    return "uk" if value == "ua" else value


def _next(page: int, size: int, total: int | None, has_more: bool | None = None) -> int | None:
    more = has_more if has_more is not None else total is not None and page * size < total
    return page + 1 if more else None


def _date_range(since: str | None, until: str | None) -> None:
    """422 (FastAPI's validation shape) when ``until`` is before ``since``; both are checked days already."""
    if since and until and until < since:
        raise RequestValidationError(
            [
                {
                    "type": "value_error",
                    "loc": ("query", "until"),
                    "msg": f"until ({until}) is before since ({since}): give a range whose end is not before its start",
                    "input": until,
                }
            ]
        )


def _past_the_end(page: int, found: bool, last: int | None = None) -> None:
    """404 for a page past the last one (page 1 always answers, empty when nothing matches)."""
    if page > 1 and not found:
        where = f": the last page is {last}" if last else ""
        raise HTTPException(404, f"page {page} is past the last page of this list{where}")


def _last_page(total: int, size: int) -> int:
    return max(1, -(-total // size))


# --- response models ---------------------------------------------------------------------


class ErrorOut(BaseModel):
    """An error: what went wrong, for a person."""

    detail: str


class PublishedOut(BaseModel):
    """A publication date with the precision the source gives (a missing year stays null)."""

    date: str | None = Field(description="YYYY-MM-DD when year, month and day are all known.")
    year: int | None
    month: int | None
    day: int | None
    weekday: str | None = Field(description="The weekday the source states (English), else that of a full date.")
    weekday_conflict: bool = Field(description="True when a stated weekday disagrees with the full date.")
    candidate_years: list[int] = Field(description="Years whose calendar fits the weekday when the year is missing.")
    text: str | None = Field(description="The date as written in the source.")
    time: str | None
    utc_offset: str | None
    origin: Literal["metadata", "text"] | None
    precision: Literal["day", "month", "year"] | None


class ArticleSummary(BaseModel):
    """One article in a list (no text)."""

    id: str
    lang: LangCode
    title: str | None
    section: str | None
    url: str | None
    source: str
    published: PublishedOut | None
    ingested_at: str = Field(description="When it was stored, ISO 8601 UTC.")
    n_quotes: int
    href: str = Field(description="The desk page of the article.")
    api_href: str


class ArticleList(BaseModel):
    """A page of articles, latest first."""

    items: list[ArticleSummary]
    page: int
    size: int
    total: int
    next_page: int | None


class SpanOut(BaseModel):
    start: int
    end: int


class MentionOut(BaseModel):
    start: int
    end: int
    text: str
    label: Literal["PER", "ORG", "LOC", "MISC"]
    lemma: str
    key: str
    name: str


class SpeakerOut(BaseModel):
    start: int
    end: int
    text: str
    key: str | None
    name: str | None


class CueOut(BaseModel):
    start: int
    end: int
    text: str
    lemma: str


class QuoteOut(BaseModel):
    kind: Literal["direct", "indirect", "mixed"]
    start: int
    end: int
    text: str
    opening_mark_missing: bool
    closing_mark_missing: bool
    speaker: SpeakerOut | None
    cue: CueOut | None
    parts: list[list[int]]
    addressee: SpeakerOut | None
    field: Literal["text", "title"] = Field(
        "text", description="Where the offsets point: the article's text, or its title (a headline's quotation)."
    )


class PartyOut(BaseModel):
    key: str | None
    name: str | None


class StatementOut(BaseModel):
    type: str = Field(description="CAMEO top-level type: STATEMENT, APPEAL, PROPOSE, DEMAND, REJECT, THREATEN, ...")
    cameo: str
    actor: PartyOut | None
    target: PartyOut | None
    quote_index: int | None
    start: int
    end: int
    text: str
    field: Literal["text", "title"] = Field("text", description="Where start/end point: the text or the title.")


class ArticleRef(BaseModel):
    id: str
    lang: LangCode
    title: str | None
    href: str


class ArticleOut(BaseModel):
    """One article in the ``newsdesk.article/1`` JSON contract, with its sources and other language versions."""

    model_config = ConfigDict(populate_by_name=True)

    schema_: Literal["newsdesk.article/1"] = Field(alias="schema")
    id: str
    source: str
    lang: LangCode
    languages_offered: list[str]
    title: str | None
    section: str | None
    url: str | None
    site: str | None
    published: PublishedOut | None
    fetched: str | None = Field(None, description="When the page was captured (a WARC record's date), ISO 8601 UTC.")
    text: str
    sentences: list[SpanOut]
    entities: list[MentionOut]
    quotes: list[QuoteOut]
    statements: list[StatementOut]
    warnings: list[str]
    sources: list[str] = Field(description="Every source this content was read from.")
    other_languages: list[ArticleRef] = Field(description="The same story in other languages (same URL).")


class QuoteSpeaker(BaseModel):
    text: str | None
    key: str | None
    name: str | None
    href: str | None


class QuoteItem(BaseModel):
    """One quotation with the article it comes from."""

    article_id: str
    lang: LangCode
    title: str | None
    published_date: str | None
    idx: int = Field(description="Position in the article's quotes.")
    kind: Literal["direct", "indirect", "mixed"]
    start: int
    end: int
    text: str = Field(description="The article text from start to end (an interrupted quotation: with its attribution).")
    content: str = Field(description="What the source said: the parts joined by ' … ', without the attribution.")
    parts: list[list[int]] = Field(
        description="Pieces [start, end) of the content: several for a quotation interrupted by its attribution, "
        "else one, [[start, end]] (as in the article JSON, newsdesk.article/1)."
    )
    speaker: QuoteSpeaker | None
    cue: str | None
    addressee: PartyOut | None
    statement_type: str | None
    field: Literal["text", "title"] = Field(
        "text", description="Where start, end and parts point: the article's text, or its title (a headline's quotation)."
    )
    href: str


class QuoteList(BaseModel):
    """A page of quotations, newest publication date first (undated last)."""

    items: list[QuoteItem]
    page: int
    size: int
    total: int
    next_page: int | None


class AliasOut(BaseModel):
    lang: LangCode
    script: Literal["Latin", "Cyrillic", "mixed", "other"]
    text: str
    n: int


class DayOut(BaseModel):
    day: str = Field(description="YYYY-MM-DD.")
    n: int
    dated: bool = Field(description="True: the publication day; false: the day an undated article was stored.")


class EntityRef(BaseModel):
    key: str | None
    name: str
    label: str
    n: int
    href: str | None


class EntityOut(BaseModel):
    """One entity across languages and scripts."""

    key: str
    label: Literal["PER", "ORG", "LOC", "MISC"]
    name: str
    n_mentions: int
    n_articles: int
    n_quotes: int = Field(description="Quotations attributed to it as speaker.")
    aliases: list[AliasOut]
    mentions_per_day: list[DayOut]
    quotes_per_day: list[DayOut]
    co_occurring: list[EntityRef]
    addressees: list[EntityRef] = Field(description="Whom its quotations address.")
    href: str


class SearchItem(BaseModel):
    kind: Literal["article", "quote"]
    article_id: str
    lang: LangCode
    title: str | None
    published_date: str | None
    snippet: str
    highlights: list[list[int]] = Field(description="Matched words as half-open [start, end) into snippet.")
    quote_idx: int | None
    speaker_name: str | None
    href: str


class SearchOut(BaseModel):
    """A page of search hits, best first (BM25)."""

    query: str
    names: list[str] = Field(description="Other spellings searched too (the entity the query names, any script).")
    items: list[SearchItem]
    page: int
    size: int
    next_page: int | None


class IngestIn(BaseModel):
    """One article to ingest: its body as plain text or an HTML page (exactly one of the two)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The body text; paragraphs separated by blank lines.")
    html: str | None = Field(None, description="A whole HTML page; the article is extracted from it.")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    section: str | None = Field(None, max_length=200)
    lang: Literal["en", "ru", "uk", "ua"] | None = Field(None, description="Force the language; else detected.")
    published: str | None = Field(None, description="ISO 8601 date or date-time (2022-01-22T10:15:00+02:00).")
    source: str | None = Field(None, max_length=2000, description="Where it came from; default `api:<url>`.")

    @model_validator(mode="after")
    def _one_body(self) -> IngestIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' (plain body text) or 'html' (a whole page)")
        return self

    @field_validator("published")
    @classmethod
    def _iso(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError("'published' must be ISO 8601: 2022-01-22 or 2022-01-22T10:15:00+02:00") from exc
        if len(value.strip()) == 10:
            return moment.date().isoformat()
        return moment.isoformat()


class IngestOut(BaseModel):
    """What ingest did: ``stored`` (new rows), ``unchanged`` (the same content was there)."""

    status: Literal["stored", "unchanged"]
    id: str
    lang: LangCode
    title: str | None
    n_quotes: int
    n_entities: int
    warnings: list[str]
    href: str
    api_href: str


class RejectedOut(BaseModel):
    """A document that could not be processed, and why (nothing was stored)."""

    status: Literal["rejected"]
    reason: str
    stage: str


# --- helpers -----------------------------------------------------------------------------


def _published(listing: ArticleListing) -> dict[str, Any] | None:
    p = listing.published
    if p is None:
        return None
    data = dataclasses.asdict(p)
    data["candidate_years"] = list(p.candidate_years)
    data["precision"] = p.precision
    return data


def _summary(a: ArticleListing) -> ArticleSummary:
    return ArticleSummary(
        id=a.id,
        lang=a.lang,  # type: ignore[arg-type]
        title=a.title,
        section=a.section,
        url=a.url,
        source=a.source,
        published=_published(a),  # type: ignore[arg-type]
        ingested_at=a.ingested_at,
        n_quotes=a.n_quotes,
        href=f"/articles/{a.id}",
        api_href=f"/api/v1/articles/{a.id}",
    )


def _quote_item(q: QuoteRow) -> QuoteItem:
    speaker = None
    key = q.speaker_entity_key or q.speaker_key  # the canonical entity when linked
    if q.speaker_text or key:
        speaker = QuoteSpeaker(
            text=q.speaker_text,
            key=key,
            name=q.speaker_name,
            href=speaker_url(key) if key else None,
        )
    addressed = q.addressee_name or q.addressee_text
    addressee = PartyOut(key=q.addressee_key, name=addressed) if q.addressee_key or addressed else None
    return QuoteItem(
        article_id=q.article_id,
        lang=q.lang,  # type: ignore[arg-type]
        title=q.title,
        published_date=q.published_date,
        idx=q.idx,
        kind=q.kind,  # type: ignore[arg-type]
        start=q.start,
        end=q.end,
        text=q.text,
        content=q.content,
        parts=[list(p) for p in q.parts] or [[q.start, q.end]],
        speaker=speaker,
        cue=q.cue_text,
        addressee=addressee,
        statement_type=q.statement_type,
        field=q.field,  # type: ignore[arg-type]
        href=f"/articles/{q.article_id}#q{q.idx}",
    )


def _ref(e: Any) -> EntityRef:
    return EntityRef(key=e.key, name=e.name, label=e.label, n=e.n, href=entity_url(e.key) if e.key else None)


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A value cannot be used."},
    404: {"model": ErrorOut, "description": "The page is past the last one (page 1 always answers)."},
}


# --- endpoints ---------------------------------------------------------------------------


@router.get("/articles", response_model=ArticleList, responses=_ERRORS, summary=N_("List articles, latest first"))
def list_articles(
    request: Request,
    lang: LangParam = None,
    section: Annotated[str | None, Query(max_length=200, description="Site section (politics).")] = None,
    since: SinceParam = None,
    until: UntilParam = None,
    page: PageParam = 1,
    size: SizeParam = 20,
) -> ArticleList:
    """Articles, latest publication date first (undated ones by the day they were stored).

    `since`/`until` leave out articles without a full publication date.
    """
    _date_range(since, until)
    filters = {
        "lang": _lang(lang),
        "section": section or None,
        "since": since,
        "until": until,
    }
    with request.app.state.desk.reader() as store:
        total = store.count_articles(**filters)
        _past_the_end(page, (page - 1) * size < total, _last_page(total, size))
        rows = store.list_articles(**filters, offset=(page - 1) * size, limit=size)
    items = [_summary(a) for a in rows]
    return ArticleList(items=items, page=page, size=size, total=total, next_page=_next(page, size, total))


@router.get(
    "/articles/{article_id}",
    response_model=ArticleOut,
    response_model_by_alias=True,
    responses={404: {"model": ErrorOut, "description": "No such article."}},
    summary=N_("One article with all its annotations"),
)
def get_article(request: Request, article_id: Annotated[str, Path(max_length=64)]) -> Any:
    """The whole article in the `newsdesk.article/1` JSON contract, plus `sources` and `other_languages`."""
    with request.app.state.desk.reader() as store:
        article = store.get_article(article_id)
        if article is None:
            raise HTTPException(404, "no article with this id")
        data = article_to_dict(article)
        data["sources"] = store.sources(article_id)
        data["other_languages"] = [
            {"id": a.id, "lang": a.lang, "title": a.title, "href": f"/articles/{a.id}"}
            for a in store.other_languages(article_id)
        ]
    return data


@router.get("/quotes", response_model=QuoteList, responses=_ERRORS, summary=N_("List quotations"))
def list_quotes(
    request: Request,
    speaker: Annotated[
        str | None,
        Query(
            max_length=200,
            description="A speaker's name in any script and case form (Stoltenberg, Столтенберга), "
            "or an entity key (per:jens stoltenberg).",
        ),
    ] = None,
    lang: LangParam = None,
    q: Annotated[str | None, Query(max_length=200, description="Words that must all occur in the quotation.")] = None,
    since: SinceParam = None,
    until: UntilParam = None,
    page: PageParam = 1,
    size: SizeParam = 20,
) -> QuoteList:
    """Quotations with speaker, cue, addressee and statement type, newest publication date first.

    `speaker` is resolved to the canonical person (or organisation) it names, in any language and script:
    `Trump`, `Трамп` and `Трампа` give the same quotations from English, Russian and Ukrainian articles.
    """
    _date_range(since, until)
    empty = QuoteList(items=[], page=page, size=size, total=0, next_page=None)
    with request.app.state.desk.reader() as store:
        filters: dict[str, Any] = {
            "lang": _lang(lang),
            "since": since,
            "until": until,
        }
        if speaker is not None:
            filters["speaker_ids"] = queries.speaker_ids(speaker, store)
        if q is not None:
            if not any(ch.isalnum() for ch in q):
                _past_the_end(page, False, 1)
                return empty
            filters["text_query"] = q
        total = store.count_quotes(**filters)
        _past_the_end(page, (page - 1) * size < total, _last_page(total, size))
        rows = store.list_quotes(**filters, offset=(page - 1) * size, limit=size)
    items = [_quote_item(r) for r in rows]
    return QuoteList(items=items, page=page, size=size, total=total, next_page=_next(page, size, total))


@router.get(
    "/entities/{key:path}",
    response_model=EntityOut,
    responses={404: {"model": ErrorOut, "description": "Nothing mentions or quotes this key."}},
    summary=N_("One entity across languages and scripts"),
)
def get_entity(
    request: Request, key: Annotated[str, Path(max_length=300, description="An entity key: org:nato.")]
) -> EntityOut:
    """Aliases per language and script, mentions and quotations per day, co-occurring entities, addressees."""
    with request.app.state.desk.reader() as store:
        summary = store.entity_summary(key)
        if summary is None:
            raise HTTPException(404, "nothing mentions or quotes this entity key")
        aliases = [
            AliasOut(lang=a.lang, script=script_of(a.text), text=a.text, n=a.n)  # type: ignore[arg-type]
            for a in store.aliases(key)
        ]
        mentions = [DayOut(day=d.day, n=d.n, dated=d.dated) for d in store.mentions_per_day(key)]
        quotes = [DayOut(day=d.day, n=d.n, dated=d.dated) for d in store.quotes_per_day(key)]
        together = [_ref(e) for e in store.co_occurring(key, limit=25)]
        addressed = [_ref(e) for e in store.addressees(key)]
    return EntityOut(
        key=summary.key,
        label=summary.label,  # type: ignore[arg-type]
        name=summary.name,
        n_mentions=summary.n_mentions,
        n_articles=summary.n_articles,
        n_quotes=summary.n_quotes,
        aliases=aliases,
        mentions_per_day=mentions,
        quotes_per_day=quotes,
        co_occurring=together,
        addressees=addressed,
        href=entity_url(summary.key),
    )


@router.get("/search", response_model=SearchOut, responses=_ERRORS, summary=N_("Full-text search"))
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Words that must all occur.")],
    lang: LangParam = None,
    page: Annotated[int, Query(ge=1, le=queries.MAX_SEARCH_DEPTH, description="Page number, from 1.")] = 1,
    size: SizeParam = 20,
) -> SearchOut:
    """Articles and quotations ranked together (BM25), with highlighted snippets.

    A name is matched across scripts: when the query names a stored entity, its other spellings are searched too.
    """
    with request.app.state.desk.reader() as store:
        result = queries.search(store, q, lang=_lang(lang), offset=(page - 1) * size, limit=size)
    _past_the_end(page, bool(result.hits))
    items = [
        SearchItem(
            kind=h.kind,
            article_id=h.article_id,
            lang=h.lang,  # type: ignore[arg-type]
            title=h.title,
            published_date=h.published_date,
            snippet=s.text,
            highlights=[list(span) for span in s.highlights],
            quote_idx=h.quote_idx,
            speaker_name=h.speaker_name,
            href=f"/articles/{h.article_id}" + (f"#q{h.quote_idx}" if h.quote_idx is not None else ""),
        )
        for h, s in zip(result.hits, result.snippets)
    ]
    return SearchOut(
        query=q, names=list(result.names), items=items, page=page, size=size,
        next_page=_next(page, size, None, result.has_more),
    )  # fmt: skip


@router.post(
    "/articles",
    status_code=201,
    response_model=IngestOut,
    responses={
        200: {"model": IngestOut, "description": "The same content was already stored (status `unchanged`)."},
        401: {"model": ErrorOut, "description": "Ingest is on, but the request's Bearer token is missing or wrong."},
        403: {"model": ErrorOut, "description": "Ingest is off: the server was started without an API token."},
        413: {"model": ErrorOut, "description": "The request body is too large."},
        422: {"model": RejectedOut | ErrorOut, "description": "Invalid request, or the document was rejected."},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestIn"}}},
        },
        "security": [{"bearer": []}],
    },
    summary=N_("Ingest one article"),
)
async def ingest(request: Request, authorization: Annotated[str | None, Header(include_in_schema=False)] = None) -> Any:
    """Analyse one article (plain text or an HTML page) and store it.

    Only when the server was started with `NEWSDESK_API_TOKEN` (else 403) and the request sends
    `Authorization: Bearer <token>` (else 401); nothing is read before that. 201 when stored, 200 when the same
    content was already there, 422 with a reason when the document cannot be processed (empty, another language,
    no article in the HTML).
    """
    desk = request.app.state.desk
    if not desk.writable:
        raise HTTPException(403, "ingest is off: this server was started without NEWSDESK_API_TOKEN")
    if not desk.token_matches(authorization):
        raise HTTPException(401, "invalid or missing token", headers={"WWW-Authenticate": "Bearer"})
    body = await request.body()
    try:
        payload = IngestIn.model_validate_json(body)
    except ValidationError as exc:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        return JSONResponse({"detail": json.loads(json.dumps(errors, default=str))}, status_code=422)
    return await run_in_threadpool(_ingest, desk, payload)


def _raw_document(payload: IngestIn) -> RawDocument | Rejected:
    from newsdesk.read.html import read_html
    from newsdesk.read.text import split_paragraphs

    body = payload.text if payload.text is not None else payload.html or ""
    digest = hashlib.sha256(body.encode("utf-8", "replace")).hexdigest()[:12]
    source = payload.source or f"api:{payload.url or digest}"
    section = payload.section.strip().lower() or None if payload.section else None
    if payload.html is not None:
        raw = read_html(payload.html, source)
        if isinstance(raw, Rejected):
            return raw
        return dataclasses.replace(
            raw,
            title=payload.title or raw.title,
            url=payload.url or raw.url,
            section=section or raw.section,
            published_meta=payload.published or raw.published_meta,
        )
    return RawDocument(
        source=source,
        text="\n\n".join(split_paragraphs(payload.text or "")),
        title=payload.title,
        section=section,
        url=payload.url,
        published_meta=payload.published,
    )


def _ingest(desk: Any, payload: IngestIn) -> Any:
    raw = _raw_document(payload)
    with desk.write_lock:
        result = desk.pipeline().process(raw, lang=_lang(payload.lang))
        if isinstance(result, Rejected):
            return JSONResponse(
                RejectedOut(status="rejected", reason=result.reason, stage=result.stage).model_dump(), status_code=422
            )
        with desk.writer() as store:
            status = store.add(result)
    out = IngestOut(
        status=status,
        id=result.id,
        lang=result.lang,
        title=result.title,
        n_quotes=len(result.quotes),
        n_entities=len(result.entities),
        warnings=list(result.warnings),
        href=f"/articles/{result.id}",
        api_href=f"/api/v1/articles/{result.id}",
    )
    return JSONResponse(out.model_dump(), status_code=201 if status == "stored" else 200)


def install_openapi(app: FastAPI) -> None:
    """Add what FastAPI cannot infer to the app's OpenAPI schema: the ingest body and the bearer scheme."""

    def schema() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            components = doc.setdefault("components", {})
            body = IngestIn.model_json_schema(ref_template="#/components/schemas/{model}")
            components.setdefault("schemas", {})["IngestIn"] = body
            components["securitySchemes"] = {
                "bearer": {"type": "http", "scheme": "bearer", "description": "The server's NEWSDESK_API_TOKEN."}
            }
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = schema  # type: ignore[method-assign]
