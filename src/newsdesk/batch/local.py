"""Run the per-article pipeline over many documents on this machine.

``workers=1`` runs in the calling process; more workers use a process pool in
which each process builds its own :class:`~newsdesk.pipeline.Pipeline` once
(models loaded once per process). Results come back in input order.

A document whose analysis raises (a bug, not bad input: bad input is already a
``Rejected``) becomes a ``Rejected`` record with stage ``annotate`` that
names the exception, so one faulty document never stops a batch; the
traceback is logged. A :class:`~newsdesk.errors.NewsdeskError` (such as a
``ConfigError`` for a spaCy pipeline that is not installed) is the caller's
mistake and stops the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from newsdesk.config import Settings
from newsdesk.errors import NewsdeskError
from newsdesk.model import Article, RawDocument, Rejected
from newsdesk.pipeline import Pipeline

log = logging.getLogger(__name__)

_worker_pipeline: Pipeline | None = None


def _process_guarded(pipeline: Pipeline, doc: RawDocument | Rejected, lang: str | None) -> Article | Rejected:
    try:
        return pipeline.process(doc, lang=lang)
    except NewsdeskError:  # the caller's own mistake (a bad setting): stop, the CLI reports it once
        raise
    except Exception as exc:  # a bug in analysis: report it as data, keep the batch going
        log.exception("analysis failed on %s", getattr(doc, "source", "?"))
        return Rejected(
            doc.source,
            f"internal error during analysis ({type(exc).__name__}: {exc}); please report it with this document",
            "annotate",
        )


def _init_worker(settings: Settings) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(settings)


def _run_in_worker(args: tuple[RawDocument | Rejected, str | None]) -> Article | Rejected:
    assert _worker_pipeline is not None  # set by _init_worker; internal invariant, not input validation
    doc, lang = args
    return _process_guarded(_worker_pipeline, doc, lang)


def run_local(
    docs: Iterable[RawDocument | Rejected],
    settings: Settings,
    *,
    workers: int = 1,
    lang: str | None = None,
    pipeline: Pipeline | None = None,
    chunk: int = 64,
) -> Iterator[Article | Rejected]:
    """Analyse documents, yielding one result per input document, in order.

    Args:
        docs: documents (or rejections from reading, passed through).
        settings: settings for the pipelines.
        workers: number of processes; 1 runs in this process.
        lang: force a language (ISO 639-1) for every document instead of detecting it.
        pipeline: an already-built pipeline to reuse when ``workers == 1``.
        chunk: documents handed to the pool at a time (bounds memory on big inputs).

    Yields:
        An :class:`Article` or :class:`Rejected` per document.
    """
    if workers <= 1:
        pipe = pipeline or Pipeline(settings)
        for doc in docs:
            yield _process_guarded(pipe, doc, lang)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(settings,)) as pool:
        it = iter(docs)
        while batch := list(islice(it, chunk)):
            yield from pool.map(_run_in_worker, [(d, lang) for d in batch])
