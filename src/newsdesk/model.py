"""The data model: frozen records that travel through the pipeline.

Every annotation points into ``Article.text`` with half-open character offsets
``[start, end)``: ``article.text[m.start:m.end] == m.text`` holds for every
sentence, entity mention, quote, cue and speaker.

The flow (see DESIGN.md)::

    RawDocument --extract--> Article (text, title, lang, published)
                --annotate--> Article (+ sentences, entities, quotes, statements)

A document that cannot be processed becomes a :class:`Rejected` record that
names the input and the reason, so a batch can report every failure.

This module imports nothing from the project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["en", "ru", "uk"]
"""Supported languages, ISO 639-1 codes."""

SUPPORTED_LANGS: tuple[str, ...] = ("en", "ru", "uk")

EntityLabel = Literal["PER", "ORG", "LOC", "MISC"]
"""CoNLL-2003 entity labels."""

QuoteKind = Literal["direct", "indirect", "mixed"]

Stage = Literal["read", "extract", "annotate", "store"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader found in one source document, before any analysis.

    Attributes:
        source: where it came from: a file path, ``path:line`` for a JSONL
            record, ``<stdin>`` for standard input.
        text: the body text, site chrome removed, paragraphs separated by a
            blank line (``"\\n\\n"``).
        title: the headline as the source gives it, or None.
        section: the site section (``politics``), lower-cased, or None.
        url: the page URL when the source states one.
        site: the site or publisher name when the source states one.
        languages_offered: ISO 639-1 codes of the language versions the page
            links to (the seed's ``RU  UA  EN`` gives ``("ru", "uk", "en")``).
        date_text: the date line as written (``"Wednesday, 22 January"``).
        published_meta: an ISO 8601 date or date-time from page metadata
            (``2022-01-22`` or ``2022-01-22T10:15:00+02:00``).
        lang_hint: the language the source declares, ISO 639-1, or None.
        encoding: the character encoding the bytes were decoded from.
        warnings: problems that did not stop the document, for the user
            (``"3 invalid byte sequences replaced by U+FFFD (decoded as utf-8)"``).
        fetched: when the page was captured, ISO 8601 date-time in UTC
            (``2023-03-14T10:00:00Z``), when the source says so (a WARC
            record's ``WARC-Date``); not a publication date.
    """

    source: str
    text: str
    title: str | None = None
    section: str | None = None
    url: str | None = None
    site: str | None = None
    languages_offered: tuple[str, ...] = ()
    date_text: str | None = None
    published_meta: str | None = None
    lang_hint: str | None = None
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    fetched: str | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """A document that could not be processed, and why.

    Attributes:
        source: the input, as in :attr:`RawDocument.source`.
        reason: a sentence a person can act on (``"unsupported language
            (detected: none of en, ru, uk)"``).
        stage: the pipeline stage that rejected it.
        io_error: True when the input could not be read at all (missing
            path, permission denied, device error) rather than being
            unusable content; ``ingest`` exits non-zero on these.
    """

    source: str
    reason: str
    stage: Stage = "read"
    io_error: bool = False


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of ``Article.text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation token with its lemma (dictionary form).

    ``pos`` is a Universal Dependencies part-of-speech tag when the analyser
    gives one, else ``""``.
    """

    start: int
    end: int
    text: str
    lemma: str
    pos: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention.

    Attributes:
        start, end, text: the span in ``Article.text``.
        label: PER, ORG, LOC or MISC.
        lemma: the normalized (nominative, dictionary) form:
            ``Столтенберга`` -> ``Столтенберг``.
        key: a language- and script-independent key for linking, such as
            ``per:stoltenberg``; equal keys mean the same entity.
        name: the canonical name of the entity within the document (the
            longest mention with the same key: ``Jens Stoltenberg``).
    """

    start: int
    end: int
    text: str
    label: EntityLabel
    lemma: str
    key: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quotation is attributed to.

    ``start``/``end``/``text`` give the words in the text that name the speaker
    (a name, a title phrase or a pronoun); ``key`` and ``name`` the entity they
    resolve to (``he`` -> ``per:stoltenberg``, ``Jens Stoltenberg``), or None
    when it could not be resolved.
    """

    start: int
    end: int
    text: str
    key: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Cue:
    """The verb or phrase that introduces a quotation (``said``, ``заявила``)."""

    start: int
    end: int
    text: str
    lemma: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: content attributed to a speaker by a cue.

    Attributes:
        kind: ``direct`` (words in quotation marks), ``indirect`` (reported),
            or ``mixed``.
        start, end, text: the content span, quotation marks excluded.
        opening_mark_missing: True when the content has a closing mark but its
            opening mark was lost (as in the seed document).
        closing_mark_missing: True when an opening mark never closes.
        speaker: the source, or None when none was found.
        cue: the cue, or None.
        parts: the content pieces, as half-open ranges ``(start, end)`` into
            ``Article.text``, in order, when the content comes in several
            pieces: a quotation interrupted by its attribution (``“The media
            is against me,” he said. “They are against you.”``) or one that
            runs over several paragraphs (one piece per paragraph, repeated
            opening marks left out). ``start``/``end``/``text`` then span
            from the first piece's start to the last piece's end, attribution
            and paragraph breaks included. Empty: one piece, ``(start, end)``.
        addressee: whom the cue names as addressed (``called on Russia``), or None.
        field: where every offset of the quote (content, parts, speaker, cue,
            addressee) points: ``"text"`` (the body) or ``"title"`` (a
            headline the reader took off the body: ``Stoltenberg: “We are
            ready”``; :mod:`newsdesk.nlp.headlines`).
    """

    kind: QuoteKind
    start: int
    end: int
    text: str
    opening_mark_missing: bool = False
    closing_mark_missing: bool = False
    speaker: Speaker | None = None
    cue: Cue | None = None
    parts: tuple[tuple[int, int], ...] = ()
    addressee: Speaker | None = None
    field: Literal["text", "title"] = "text"


StatementType = Literal[
    "STATEMENT",
    "APPEAL",
    "PROPOSE",
    "EXPRESS_INTENT_TO_COOPERATE",
    "CONSULT",
    "DEMAND",
    "DISAPPROVE",
    "REJECT",
    "THREATEN",
]
"""Statement types after the top level of the CAMEO event codebook (v1.1b3).

``STATEMENT`` is CAMEO 01 (make public statement), ``APPEAL`` 02,
``EXPRESS_INTENT_TO_COOPERATE`` 03, ``CONSULT`` 04, ``DEMAND`` 10,
``DISAPPROVE`` 11, ``REJECT`` 12, ``THREATEN`` 13. CAMEO has no top-level
proposal category: its 02 covers "requests, proposals, suggestions and
appeals", so ``PROPOSE`` is a named part of 02 and carries code ``02``.
"""

CAMEO_CODES: dict[str, str] = {
    "STATEMENT": "01",
    "APPEAL": "02",
    "PROPOSE": "02",
    "EXPRESS_INTENT_TO_COOPERATE": "03",
    "CONSULT": "04",
    "DEMAND": "10",
    "DISAPPROVE": "11",
    "REJECT": "12",
    "THREATEN": "13",
}
"""The CAMEO top-level code of each :data:`StatementType` (codebook v1.1b3)."""


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement event: who said something of which kind, to or about whom.

    Attributes:
        type: the statement type (see :data:`StatementType`).
        cameo: its two-digit CAMEO top-level code (``"02"``).
        actor_key, actor_name: the speaker's entity (key and canonical name);
            the name is the speaker's words when they resolve to no entity;
            both None when the quotation has no speaker.
        target_key, target_name: the addressee, else the entity the statement
            is about; None when none is found.
        quote_index: index into ``Article.quotes`` of the quotation it comes
            from, or None (an event stated outside any quotation).
        start, end, text: the evidence span, from the cue to the content
            (whichever comes first to whichever ends last); half-open
            offsets into ``Article.text``, or into ``Article.title`` when
            ``field`` is ``"title"``.
        field: where ``start``/``end`` point: ``"text"`` (the body) or
            ``"title"`` (a headline's ``NATO responded to Russia's demand``).
    """

    type: StatementType
    cameo: str
    actor_key: str | None
    actor_name: str | None
    target_key: str | None
    target_name: str | None
    quote_index: int | None
    start: int
    end: int
    text: str
    field: Literal["text", "title"] = "text"


Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """A publication date with the precision the source gives.

    A missing year is never invented: ``year`` is None and
    ``candidate_years`` lists the years in a plausible window whose calendar
    puts ``month``/``day`` on the stated ``weekday``.

    Attributes:
        date: ISO 8601 ``YYYY-MM-DD`` when year, month and day are all known.
        year, month, day: each part, or None when the source does not give it.
        weekday: the weekday the source states (English name, ``Wednesday``),
            else the weekday of a full date, else None.
        weekday_conflict: True when a stated weekday disagrees with a fully
            given date.
        candidate_years: years consistent with a stated weekday when the year
            is missing; empty otherwise.
        text: the date as written in the source.
        time: ``HH:MM[:SS]`` when the source gives a time, else None.
        utc_offset: ``+HH:MM`` when the source gives one, else None.
        origin: ``metadata`` (page metadata) or ``text`` (a date line).
    """

    date: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: str | None = None
    weekday_conflict: bool = False
    candidate_years: tuple[int, ...] = ()
    text: str | None = None
    time: str | None = None
    utc_offset: str | None = None
    origin: Literal["metadata", "text"] | None = None

    @property
    def precision(self) -> Precision | None:
        """``day``, ``month`` or ``year``: the finest part the source gives, or None when it gives none.

        A date without a year keeps its precision (``Wednesday, 22 January`` is
        ``day``); ``year is None`` tells that the year is missing.
        """
        if self.day is not None and self.month is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year" if self.year is not None else None


@dataclass(frozen=True, slots=True)
class Article:
    """One analysed news article.

    Attributes:
        id: a stable content id (16 hex digits of SHA-256 over language and
            text); re-analysing the same content gives the same id.
        source: where it came from (see :class:`RawDocument`).
        lang: ISO 639-1 code: ``en``, ``ru`` or ``uk``.
        text: the clean body text; all offsets point into it.
        title, section, url, site, languages_offered: as read.
        published: the publication date, or None when none was found.
        sentences: sentence spans, in order.
        entities: entity mentions, in order of ``start``.
        quotes: quotations of the body, in order of ``start``, then those of
            the headline when the reader took it off the body
            (``field == "title"``, offsets into ``title``), in order.
        statements: statement events (CAMEO types), in order of their quotation.
        warnings: problems met on the way that did not stop the article
            (see :attr:`RawDocument.warnings`).
        fetched: when the page was captured (crawled), ISO 8601 date-time in
            UTC (``2023-03-14T10:00:00Z``), from :attr:`RawDocument.fetched`
            (a WARC record's ``WARC-Date``); None when the source does not
            say. It is not a publication date (that is ``published``).
    """

    id: str
    source: str
    lang: Lang
    text: str
    title: str | None = None
    section: str | None = None
    url: str | None = None
    site: str | None = None
    languages_offered: tuple[str, ...] = ()
    published: PublicationDate | None = None
    sentences: tuple[Span, ...] = ()
    entities: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = field(default=())
    warnings: tuple[str, ...] = ()
    statements: tuple[Statement, ...] = ()
    fetched: str | None = None
