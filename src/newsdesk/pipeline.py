"""The pipeline: the one place that knows the order of the stages.

    RawDocument --extract--> Article --annotate--> Article (sentences, entities, quotes, statements)

Models are loaded once per :class:`Pipeline` (lazily, per language, on first
use) and reused for every article, so build one pipeline per process and feed
it many documents. The per-article code knows nothing of batch engines or
databases.
"""

from __future__ import annotations

import datetime as _dt
import gc
import hashlib
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from newsdesk.config import Settings, load_settings
from newsdesk.lang import normalize_lang
from newsdesk.model import Article, Mention, PublicationDate, Quote, RawDocument, Rejected
from newsdesk.nlp.dates import find_date_line, parse_publication_date
from newsdesk.nlp.entities import EntityRecognizer, load_recognizer
from newsdesk.nlp.language import detect_language
from newsdesk.nlp.fragments import load_fragment_finder
from newsdesk.nlp.headlines import headline_quotes
from newsdesk.nlp.quotes import QuoteFinder, load_quote_finder
from newsdesk.nlp.reported import lend_speakers, load_reported_finder
from newsdesk.nlp.sentences import split_sentences
from newsdesk.nlp.statements import load_statement_classifier


_SETTLED: set[str] = set()
"""Languages whose models this process has loaded and moved out of the garbage collector's sight."""


def _settle(lang: str) -> None:
    """Once per language and process, after its first article (which loads its models): collect, then freeze
    (:func:`gc.freeze`) every object alive, so that the cyclic collector no longer walks the models' objects
    (hundreds of thousands: spaCy vocabularies, pymorphy3 dictionaries, gazetteers) on each of its runs: about 9% of the
    CPU time of a ru or uk article in a process holding all three languages, ~2% after (issue 6). Frozen objects
    are still freed when their last reference goes; only cycles among them are kept. Forked workers inherit
    the frozen state (and share those pages longer). It touches the whole process, so only pipelines built with
    ``freeze_models=True`` (the batch workers', :func:`newsdesk.batch.local.worker_pipeline`) do it."""
    if lang not in _SETTLED:
        _SETTLED.add(lang)
        gc.collect()
        gc.freeze()


def article_id(lang: str, text: str) -> str:
    """Return the content id of an article: 16 hex digits of SHA-256 over ``lang`` and ``text``.

    The same body text in the same language always gets the same id, whatever
    the source, so re-ingesting it is a no-op.
    """
    return hashlib.sha256(f"{lang}\n{text}".encode("utf-8")).hexdigest()[:16]


class Pipeline:
    """Runs documents through extract and annotate, with models loaded once.

    Args:
        settings: the settings to use; defaults to :func:`newsdesk.config.load_settings`.
        reference_date: the "today" against which a date without a year gets its
            ``candidate_years`` window; defaults to the current date.
        freeze_models: after each language's first article, freeze every live
            object out of the cyclic garbage collector's sight (:func:`gc.freeze`):
            ~7% less CPU per article, but process-wide, so only for processes that
            do nothing but analyse (the batch workers set it).

    Supported languages: en, ru, uk. Models are cached per process, so
    several pipelines in one process share them. Not thread-safe.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        reference_date: _dt.date | None = None,
        freeze_models: bool = False,
    ) -> None:
        self.settings = settings or load_settings()
        self.reference_date = reference_date
        self.freeze_models = freeze_models
        """Freeze the loaded models out of the garbage collector's sight after each language's first article
        (:func:`_settle`; a process-wide setting, for processes that do nothing but analyse)."""
        self.stage_seconds: Counter[str] = Counter()
        """Seconds spent per annotation stage since the pipeline was built (for benchmarks/speed.py)."""

    @contextmanager
    def _timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.stage_seconds[stage] += time.perf_counter() - start

    def recognizer(self, lang: str) -> EntityRecognizer:
        """The entity recognizer for ``lang``, loaded on first use."""
        return load_recognizer(lang, self.settings)

    def quote_finder(self, lang: str) -> QuoteFinder:
        """The quotation finder for ``lang``, loaded on first use."""
        return load_quote_finder(lang)

    def extract(self, raw: RawDocument, *, lang: str | None = None) -> Article | Rejected:
        """Turn what a reader found into an :class:`Article` (no annotations yet).

        Args:
            raw: the document as read.
            lang: force this language (ISO 639-1, ``ua`` accepted) instead of detecting it.

        Returns:
            The article, or :class:`Rejected` (stage ``extract``) for an empty
            document or one in none of en, ru, uk.

        Raises:
            ConfigError: ``lang`` is not a supported code.
        """
        text = raw.text.strip()
        if not text:
            return Rejected(raw.source, "empty document (no body text)", "extract")
        if lang is not None:
            lang = normalize_lang(lang)
        else:
            lang = detect_language(text, hint=raw.lang_hint)
            if lang is None:
                return Rejected(
                    raw.source,
                    "unsupported language (the text is not English, Russian or Ukrainian); "
                    "newsdesk reads en, ru and uk",
                    "extract",
                )
        date_text = raw.date_text
        if date_text is None and raw.published_meta is None:
            date_text = find_date_line(text, lang)
        published = parse_publication_date(
            date_text,
            raw.published_meta,
            lang,
            reference=self.reference_date or _dt.date.today(),
            window_years=self.settings.date_window_years,
        )
        return Article(
            id=article_id(lang, text),
            source=raw.source,
            lang=lang,  # type: ignore[arg-type]
            text=text,
            title=raw.title,
            section=raw.section,
            url=raw.url,
            site=raw.site,
            languages_offered=raw.languages_offered,
            published=published or PublicationDate(),
            warnings=raw.warnings,
            fetched=raw.fetched,
        )

    def annotate(self, article: Article) -> Article:
        """Add sentences, entity mentions, quotations and statements to an article.

        Quotations are the direct ones (:mod:`newsdesk.nlp.quotes`), the
        indirect and mixed ones around them (:mod:`newsdesk.nlp.reported`) and,
        in English, mixed ones built on a parse around the quoted fragments
        still unattributed (:mod:`newsdesk.nlp.fragments`),
        never overlapping, in order of ``start``; then, when the reader took
        the headline off the body, the headline's own quotations
        (:mod:`newsdesk.nlp.headlines`, ``field="title"``); each gets a
        statement with its CAMEO type (:mod:`newsdesk.nlp.statements`).

        Returns:
            A new Article; every annotation's offsets point into ``article.text``.
        """
        text, lang = article.text, article.lang
        with self._timed("sentences"):
            sentences = split_sentences(text, lang)
        with self._timed("entities"):
            entities = self.recognizer(lang)(text)
        with self._timed("direct quotes"):
            direct = self.quote_finder(lang)(text, sentences, entities)
        with self._timed("reported speech"):
            reported = load_reported_finder(lang)(text, sentences, entities, direct)
            quotes = lend_speakers(text, sorted([*direct, *reported], key=lambda q: (q.start, q.end)))
        with self._timed("quoted fragments"):
            title = (article.title or "").strip()
            headline = not title or text.lstrip().startswith(title)  # else the reader took the title off the text
            fragments = load_fragment_finder(lang, self.settings.spacy_model_en)(
                text, sentences, entities, quotes, headline=headline
            )
            quotes = sorted([*quotes, *fragments], key=lambda q: (q.start, q.end))
        title_quotes: list[Quote] = []
        title_entities: list[Mention] = []
        if not headline:
            with self._timed("headline"):
                title_quotes, title_entities = headline_quotes(
                    article.title or "",
                    split=lambda t: split_sentences(t, lang),
                    recognize=self.recognizer(lang),
                    find_direct=self.quote_finder(lang),
                    find_reported=load_reported_finder(lang),
                    lend=lend_speakers,
                    has_cue=load_reported_finder(lang).names_a_cue,
                    body_entities=entities,
                    body_quotes=quotes,
                    lang=lang,
                )
        with self._timed("statements"):
            classifier = load_statement_classifier(lang)
            statements = [
                *classifier(text, quotes, entities),
                *classifier.events(text, sentences, entities, article.title),
                *(  # quote_index past the body's quotes, where the headline's go
                    replace(s, field="title", quote_index=None if s.quote_index is None else s.quote_index + len(quotes))
                    for s in classifier(article.title or "", title_quotes, title_entities)
                ),
            ]
            quotes = [*quotes, *title_quotes]
        annotated = replace(
            article,
            sentences=tuple(sentences),
            entities=tuple(entities),
            quotes=tuple(quotes),
            statements=tuple(statements),
        )
        if self.freeze_models:
            _settle(lang)
        return annotated

    def process(self, raw: RawDocument | Rejected, *, lang: str | None = None) -> Article | Rejected:
        """Run one document through every stage; a rejection passes through unchanged."""
        if isinstance(raw, Rejected):
            return raw
        with self._timed("extract (language, date)"):
            article = self.extract(raw, lang=lang)
        if isinstance(article, Rejected):
            return article
        return self.annotate(article)
