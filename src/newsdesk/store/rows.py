"""Result rows the store returns: quotations, search hits, speakers, canonical entities, and the web desk's
listings and counts (frozen dataclasses; offsets are half-open character offsets into the article text)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from newsdesk.model import PublicationDate


# --- result rows ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One stored quotation with the article it comes from.

    Attributes:
        article_id, source, lang, title, url, published_date: the article
            (``published_date`` is ``YYYY-MM-DD`` or None when not fully known).
        idx: the quote's position in ``Article.quotes``.
        kind: ``direct``, ``indirect`` or ``mixed``.
        start, end, text: the content span, character offsets into the
            article text (into its title when ``field`` is ``"title"``).
        speaker_text, speaker_key, speaker_name: the words naming the speaker
            (``he``), the entity key they resolve to (``per:jens stoltenberg``)
            and its name (``Jens Stoltenberg``); None when absent.
        cue_text, cue_lemma: the cue (``said``, ``say``), or None.
        speaker_start, speaker_end, cue_start, cue_end: their offsets, or None.
        opening_mark_missing, closing_mark_missing: as in :class:`~newsdesk.model.Quote`.
        parts: the pieces of a quote interrupted by its attribution,
            ``((start, end), ...)``; empty when it has one piece.
        addressee_text, addressee_key, addressee_name: whom the cue names as
            addressed (``called on Russia``), or None.
        statement_type, statement_cameo: the statement the quote makes
            (``APPEAL``, ``"02"``), or None for rows stored before migration 3
            of an article without statements.
        target_key, target_name: the statement's target, or None.
        speaker_entity_key: the key of the canonical entity the speaker was
            linked to across documents (``per:donald trump`` for a quote whose
            per-document ``speaker_key`` is ``per:tramp``), or None when the
            speaker was not linked to an entity.
        ingested_at: when the article was stored, ISO 8601 UTC.
        field: where the offsets point: ``"text"`` (the body) or ``"title"``
            (a quotation in the headline; :attr:`newsdesk.model.Quote.field`).
    """

    article_id: str
    source: str
    lang: str
    title: str | None
    url: str | None
    published_date: str | None
    idx: int
    kind: str
    start: int
    end: int
    text: str
    speaker_text: str | None
    speaker_key: str | None
    speaker_name: str | None
    cue_text: str | None
    cue_lemma: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue_start: int | None
    cue_end: int | None
    opening_mark_missing: bool
    closing_mark_missing: bool
    parts: tuple[tuple[int, int], ...] = ()
    addressee_text: str | None = None
    addressee_key: str | None = None
    addressee_name: str | None = None
    statement_type: str | None = None
    statement_cameo: str | None = None
    target_key: str | None = None
    target_name: str | None = None
    speaker_entity_key: str | None = None
    ingested_at: str | None = None
    field: str = "text"

    @property
    def content(self) -> str:
        """What the source said: the parts of an interrupted quotation joined by `` … `` (the attribution
        between them left out), else ``text``."""
        if not self.parts:
            return self.text
        return " … ".join(self.text[a - self.start : b - self.start] for a, b in self.parts)


_QUOTE_ROW_COLUMNS = (
    "q.article_id, a.source, a.lang, a.title, a.url, a.published_date, q.idx, q.kind, q.start, "
    'q."end", q.text, q.speaker_text, q.speaker_key, q.speaker_name, q.cue_text, q.cue_lemma, '
    "q.speaker_start, q.speaker_end, q.cue_start, q.cue_end, q.opening_mark_missing, q.closing_mark_missing, "
    "q.parts_json, q.addressee_text, q.addressee_key, q.addressee_name, q.statement_type, q.statement_cameo, "
    "q.target_key, q.target_name, se.key, a.ingested_at, q.field"
)
"""The columns :func:`_quote_row` reads, from ``quotes q JOIN articles a LEFT JOIN entities se`` (the speaker's)."""


def _quote_row(r: Sequence[Any]) -> QuoteRow:
    parts = tuple(tuple(p) for p in json.loads(r[22])) if r[22] else ()
    return QuoteRow(*r[:20], bool(r[20]), bool(r[21]), parts, *r[23:])  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text match: an article (title or body) or a quotation.

    Attributes:
        kind: ``article`` or ``quote``.
        article_id, source, lang, title, url, published_date: the article.
        snippet: up to a few dozen words around the match, matched words
            wrapped in the ``mark`` pair given to :meth:`Store.search`
            (``[`` ``]`` by default), ``…`` where text was cut.
        rank: SQLite FTS5 BM25 score; lower is better (a negative number).
        quote_idx, start, end, speaker_name: for quote hits, the quote's
            position in ``Article.quotes``, its content offsets and speaker;
            None for article hits.
    """

    kind: Literal["article", "quote"]
    article_id: str
    source: str
    lang: str
    title: str | None
    url: str | None
    published_date: str | None
    snippet: str
    rank: float
    quote_idx: int | None = None
    start: int | None = None
    end: int | None = None
    speaker_name: str | None = None


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """Who said how much, in one language.

    Attributes:
        key: the speaker's entity key (``per:jens stoltenberg``).
        name: the name most often given for that key in that language.
        lang: ISO 639-1 code of the articles.
        n_quotes: quotations attributed to the speaker.
        n_articles: articles with at least one of them.
        example: the text of the speaker's first stored quotation.
    """

    key: str
    name: str
    lang: str
    n_quotes: int
    n_articles: int
    example: str


@dataclass(frozen=True, slots=True)
class AliasRow:
    """One name a canonical entity was stored under.

    Attributes:
        alias: the name in the nominative, as a document gave it (``Столтенберг``).
        lang: ISO 639-1 code of the document.
        script: ISO 15924 code: ``Latn``, ``Cyrl`` or ``Zyyy`` (neither).
    """

    alias: str
    lang: str
    script: str


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One canonical entity: a person, organisation or place linked across documents, languages and scripts.

    Attributes:
        id: the store's entity id (stable while the database lives).
        key: its linking key (``per:jens stoltenberg``, ``org:nato``).
        label: PER, ORG, LOC or MISC.
        name: the display name: the English name when known, else the first
            name it was stored under.
        name_en, name_ru, name_uk: the canonical name per language (a
            catalogue's name for countries, capitals and organisations, else
            the fullest name a document in that language gave); None when no
            document in that language named it and no catalogue knows it.
        aliases: every name it was stored under, by language (in order of
            language, then name).
        n_mentions: entity mentions pointing to it.
        n_articles: articles with at least one of those mentions or quotes.
        n_quotes: quotations attributed to it.
    """

    id: int
    key: str
    label: str
    name: str
    name_en: str | None
    name_ru: str | None
    name_uk: str | None
    aliases: tuple[AliasRow, ...]
    n_mentions: int
    n_articles: int
    n_quotes: int


# --- rows and helpers for the web desk reads (Store, above) --------------------------


_LISTING_COLUMNS = (
    "a.id, a.source, a.lang, a.title, a.section, a.url, a.published_date, a.published_json, a.ingested_at, "
    "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id)"
)


@dataclass(frozen=True, slots=True)
class ArticleListing:
    """One article as a list shows it (no text, no annotations).

    Attributes:
        id, source, lang, title, section, url: as stored.
        published_date: ``YYYY-MM-DD`` when fully known, else None.
        published: the whole publication date (precision, weekday, conflict,
            candidate years), or None when none was found.
        ingested_at: when it was stored, ISO 8601 UTC.
        n_quotes: quotations found in it.
    """

    id: str
    source: str
    lang: str
    title: str | None
    section: str | None
    url: str | None
    published_date: str | None
    published: PublicationDate | None
    ingested_at: str
    n_quotes: int


@dataclass(frozen=True, slots=True)
class DayCount:
    """How many on one day: ``day`` is ``YYYY-MM-DD``; ``dated`` False when it is the day stored, not published."""

    day: str
    n: int
    dated: bool


@dataclass(frozen=True, slots=True)
class EntityCount:
    """An entity with a count: ``key`` (None for an unlinked name), ``name``, ``label`` (CoNLL or ``""``), ``n``."""

    key: str | None
    name: str
    label: str
    n: int


@dataclass(frozen=True, slots=True)
class Alias:
    """One surface form of an entity in one language, with how often it occurs."""

    lang: str
    text: str
    n: int


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One entity key: its label, most frequent name, mentions, articles and quotations as speaker."""

    key: str
    label: str
    name: str
    n_mentions: int
    n_articles: int
    n_quotes: int


@dataclass(frozen=True, slots=True)
class SpeakerCount:
    """One canonical speaker and how often they are quoted.

    Attributes:
        key: the canonical entity key (``per:donald trump``), whatever key each document gave.
        label: its CoNLL label (``PER`` mostly; organisations speak too).
        name: its display name (in the language asked for, when known).
        n_quotes: quotations attributed to it.
        n_articles: articles with at least one of them.
        by_lang: ``((lang, n_quotes), ...)`` per article language, by language code.
    """

    key: str
    label: str
    name: str
    n_quotes: int
    n_articles: int
    by_lang: tuple[tuple[str, int], ...]


def _listing(row: Sequence[Any]) -> ArticleListing:
    published = None
    if row[7]:
        try:
            data = json.loads(row[7])
        except ValueError:
            data = None
        if isinstance(data, dict):
            known = {f: data.get(f) for f in PublicationDate.__dataclass_fields__ if f in data}
            known["candidate_years"] = tuple(known.get("candidate_years") or ())
            published = PublicationDate(**known)
    return ArticleListing(*row[:7], published, row[8], row[9])


def _grouped_counts(rows: list[tuple[str | None, str | None, int]], limit: int) -> list[EntityCount]:
    """Merge (key, name, n) rows by key (unkeyed ones by name), naming each by its most frequent name."""
    groups: dict[str, dict[str, int]] = {}
    for key, name, n in rows:
        group = groups.setdefault(key or f"\x00{name}", {})
        group[name or ""] = group.get(name or "", 0) + n
    out = []
    for group_key, names in groups.items():
        name = min(names.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        key = None if group_key.startswith("\x00") else group_key
        label = key.split(":", 1)[0].upper() if key else ""
        out.append(EntityCount(key, name or (key or "").split(":", 1)[-1], label, sum(names.values())))
    out.sort(key=lambda e: (-e.n, e.name))
    return out[:limit]
