"""Resuming: tell, before any analysis, which documents' content is already stored.

An article's id is a hash of its language and its body text
(:func:`newsdesk.pipeline.article_id`), so whether a document read again is
known can be told from the text alone, without analysing it: the id is
computed for each language it could be in (or the one forced), and looked up.
A re-run of an interrupted ingest therefore spends its time only on what was
not stored yet, and stores no duplicate (the store ignores known ids anyway).

The content hash decides, not the source: a file edited since is new content
and analysed; the same text under another name is known, and that name is
recorded as one more source of the stored article (what
:meth:`newsdesk.store.Store.add` does for content it already has). The
exception is a WARC page whose extraction is left to the workers
(:class:`~newsdesk.read.warc.WarcPage`): its text is not known before, so its
source (``archive.warc.gz@OFFSET``, a record that does not change) decides.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass

from newsdesk.lang import normalize_lang
from newsdesk.model import SUPPORTED_LANGS, RawDocument, Rejected
from newsdesk.pipeline import article_id
from newsdesk.read.warc import WarcPage

__all__ = ["Known", "candidate_ids", "first_in", "mark_known"]


def candidate_ids(doc: RawDocument, lang: str | None = None) -> tuple[str, ...]:
    """The ids the pipeline could give this document's article: one per language it could be in.

    Args:
        doc: a document as read.
        lang: the language forced for the run (ISO 639-1, ``ua`` accepted), or None
            when it is detected (then every supported language is a candidate).

    Returns:
        Ids in the order of :data:`newsdesk.model.SUPPORTED_LANGS` (or the one
        forced); empty for a document without body text (the pipeline rejects it).

    Raises:
        ConfigError: ``lang`` is not a supported code.
    """
    text = doc.text.strip()  # the pipeline's extract stage keeps the text stripped, and hashes that
    if not text:
        return ()
    langs = (normalize_lang(lang),) if lang is not None else SUPPORTED_LANGS
    return tuple(article_id(code, text) for code in langs)


@dataclass(frozen=True, slots=True)
class Known:
    """A document whose content is already stored (or written to a shard): only its source may be new.

    Batch engines pass it through in order, unanalysed; the writer records
    the source for the stored article (:meth:`newsdesk.store.Store.add_source`).

    Attributes:
        source: where the document was read from this time.
        article_id: the id of the stored article with the same content.
    """

    source: str
    article_id: str


def mark_known(
    docs: Iterable[RawDocument | WarcPage | Rejected],
    known: Callable[[tuple[str, ...]], str | None],
    *,
    lang: str | None = None,
    known_source: Callable[[str], str | None] | None = None,
) -> Iterator[RawDocument | WarcPage | Rejected | Known]:
    """Replace each document whose content is already known by a :class:`Known` record.

    Args:
        docs: documents as read (rejections pass through).
        known: given a document's candidate ids (:func:`candidate_ids`),
            returns the one already stored or written, or None. It is called
            as each document is read, so what the writer stored meanwhile counts.
        lang: the language forced for the run, or None.
        known_source: given a WARC page's source, returns the id of the
            article stored from it, or None; without it, pages pass on.

    Yields:
        Per input document, in order: the document itself, or a Known.

    Raises:
        ConfigError: ``lang`` is not a supported code.
    """
    for doc in docs:
        if isinstance(doc, RawDocument):
            ids = candidate_ids(doc, lang)
            found = known(ids) if ids else None
            if found is not None:
                yield Known(doc.source, found)
                continue
        elif isinstance(doc, WarcPage) and known_source is not None:
            found = known_source(doc.source)
            if found is not None:
                yield Known(doc.source, found)
                continue
        yield doc


def first_in(ids: tuple[str, ...], present: Collection[str]) -> str | None:
    """The first of ``ids`` that is in ``present``, or None (a ``known`` function over a set of ids)."""
    return next((i for i in ids if i in present), None)
