"""Run the per-article pipeline over many documents on this machine, on all its cores.

:func:`analyse` is *the* per-article function: every engine (this process
pool, :mod:`newsdesk.batch.dask`) maps it over documents, and it knows
nothing of the engine. It keeps one :class:`~newsdesk.pipeline.Pipeline` per
process and settings (a cached global), so each worker process loads its
models once, on its first document of a language.

:func:`run_local` runs it in this process (``workers=1``) or in a pool of
worker processes, handing out documents as workers free up (a bounded window
of documents in flight, so memory stays flat on any input size) and yielding
results in input order, so a parallel run's output is the same as a
single-process run's.

A document whose analysis raises (a bug, not bad input: bad input is already a
``Rejected``) becomes a ``Rejected`` record with stage ``annotate`` that
names the exception, so one faulty document never stops a batch; the
traceback is logged. A :class:`~newsdesk.errors.NewsdeskError` (such as a
``ConfigError`` for a spaCy pipeline that is not installed) is the caller's
mistake and stops the batch.

Interruption: worker processes ignore SIGINT, so Ctrl-C reaches this process
only; when the consumer stops early (Ctrl-C, an error, ``close()`` on the
generator) the workers are terminated at once and the documents in flight
are dropped: results already yielded (and stored by the caller) stay.
"""

from __future__ import annotations

import logging
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain
from typing import TypeVar

from newsdesk.batch.resume import Known
from newsdesk.config import Settings
from newsdesk.errors import NewsdeskError
from newsdesk.model import Article, RawDocument, Rejected
from newsdesk.pipeline import Pipeline
from newsdesk.read.warc import WarcPage, printable

__all__ = ["analyse", "default_workers", "run_local", "worker_pipeline"]

log = logging.getLogger(__name__)

_pipelines: dict[str, Pipeline] = {}
"""This process's pipelines, by settings (as JSON): built on first use, kept for the process's life."""

_IN_FLIGHT_PER_WORKER = 4
_MIN_DOCS_PER_WORKER = 24
"""A pool starts only with at least this many documents to analyse per worker: each worker loads its models
(seconds), so a smaller batch is done sooner in this process. Measured with ``newsdesk ingest -j 1`` and
``-j 2`` on demo articles (2 cores, shared with other work, so these are upper bounds on the pool's cost):
16 documents took 9.8 s on 1 worker and 17.5 s on 2 (another run: 4.6 s and 6.1 s); 72 documents 19.6 s on 1
and 19.7 s on 2. A pool's start-up costs about what 6-15 documents' analysis takes."""
_PEEK_LIMIT = 10_000


def default_workers() -> int:
    """The number of cores this process may run on (its CPU affinity), at least 1.

    This is the default for ``newsdesk ingest --workers``.
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # no sched_getaffinity (macOS, Windows)
        return max(1, os.cpu_count() or 1)


def worker_pipeline(settings: Settings) -> Pipeline:
    """This process's pipeline for these settings, built on first call and reused after.

    Models load lazily per language inside the pipeline, so the first
    document of each language in a process pays for loading them.
    """
    key = settings.model_dump_json()
    pipeline = _pipelines.get(key)
    if pipeline is None:
        pipeline = _pipelines[key] = Pipeline(settings, freeze_models=True)  # a process that only analyses
    return pipeline


def analyse(
    doc: RawDocument | WarcPage | Rejected, settings: Settings, lang: str | None = None
) -> Article | Rejected:
    """Analyse one document with this process's pipeline: the function every batch engine maps.

    Args:
        doc: a document as read, a WARC page whose article is still to be
            extracted (extracted here, in the worker), or a rejection from
            reading (passed through).
        settings: the settings; the pipeline built for them is cached in the process.
        lang: force this language (ISO 639-1, ``ua`` accepted) instead of detecting it.

    Returns:
        The annotated Article, or a Rejected saying why not (a document whose
        analysis raised an unexpected exception is rejected at stage
        ``annotate``, naming the exception; the traceback is logged).

    Raises:
        NewsdeskError: the caller's mistake, such as a ConfigError for a
            missing spaCy pipeline or an unknown ``lang``.
    """
    return _process_guarded(worker_pipeline(settings), doc, lang)


def _process_guarded(
    pipeline: Pipeline, doc: RawDocument | WarcPage | Rejected, lang: str | None
) -> Article | Rejected:
    try:
        return pipeline.process(doc.read() if isinstance(doc, WarcPage) else doc, lang=lang)
    except NewsdeskError:  # the caller's own mistake (a bad setting): stop, the CLI reports it once
        raise
    except Exception as exc:  # a bug in analysis: report it as data, keep the batch going
        log.exception("analysis failed on %s", getattr(doc, "source", "?"))
        return Rejected(
            doc.source,
            f"internal error during analysis ({type(exc).__name__}: {printable(str(exc), 300)}); please report it "
            "with this document",
            "annotate",
        )


def _init_worker() -> None:
    # Ctrl-C in a terminal signals the whole process group: the parent alone decides what stops
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_T = TypeVar("_T", Rejected, Known)


def run_local(
    docs: Iterable[RawDocument | WarcPage | _T],
    settings: Settings,
    *,
    workers: int = 1,
    lang: str | None = None,
    pipeline: Pipeline | None = None,
    in_flight: int | None = None,
    min_per_worker: int | None = None,
) -> Iterator[Article | Rejected | _T]:
    """Analyse documents, yielding one result per input document, in input order.

    Worker processes start the platform's default way (fork on Linux with
    Python 3.11-3.13); where that is spawn or forkserver (macOS, Windows,
    Python 3.14), a script calling this with ``workers > 1`` needs the usual
    ``if __name__ == "__main__":`` guard.

    Args:
        docs: documents to analyse (WARC pages are extracted by the
            workers); rejections from reading and
            :class:`~newsdesk.batch.resume.Known` records (content already
            stored) pass through unanalysed, in their place. Read lazily, as
            workers need more.
        settings: settings for the pipelines.
        workers: worker processes; 1 runs in this process (with ``pipeline``
            when given). An input with fewer than 24 documents to analyse per
            worker is analysed in this process too: workers would spend
            longer loading their models than they save (measured: 16
            documents, 17.5 s on 2 workers, 9.8 s on 1).
        lang: force a language (ISO 639-1) for every document instead of detecting it.
        pipeline: an already-built pipeline to use when ``workers == 1``.
        in_flight: documents handed to the pool and not yet yielded, at most
            (default 4 per worker): bounds memory, and lets a worker go on
            while the next result in order is still being analysed.
        min_per_worker: documents to analyse per worker, at least, for a
            pool to start (default 24); fewer are analysed in this process.

    Yields:
        An :class:`Article` or :class:`Rejected` per document.

    Raises:
        NewsdeskError: raised by the analysis of a document (a bad setting);
            the workers are stopped first.
    """
    if workers > 1:
        wanted = _MIN_DOCS_PER_WORKER if min_per_worker is None else min_per_worker
        docs, enough = _peek(docs, workers * max(1, wanted))
        if not enough:
            workers = 1
    if workers <= 1:
        pipe = pipeline or worker_pipeline(settings)
        for doc in docs:
            yield doc if isinstance(doc, (Rejected, Known)) else _process_guarded(pipe, doc, lang)
        return
    limit = max(workers, in_flight or workers * _IN_FLIGHT_PER_WORKER)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)
    pending: deque[Future] = deque()
    finished = False
    try:
        for doc in docs:
            if not isinstance(doc, (Rejected, Known)):
                pending.append(pool.submit(analyse, doc, settings, lang))
            elif pending:  # nothing to analyse: waits in line, so results stay in input order
                done: Future = Future()
                done.set_result(doc)
                pending.append(done)
            else:
                yield doc
            while len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            _terminate(pool)


def _peek(docs: Iterable, wanted: int) -> tuple[Iterable, bool]:
    """Read ahead until ``wanted`` documents to analyse are seen (or the input ends, or 10,000 items are read).

    Returns:
        The same sequence of items (the ones read ahead first), and whether ``wanted`` were seen.
    """
    it = iter(docs)
    head: list = []
    seen = 0
    for doc in it:
        head.append(doc)
        seen += not isinstance(doc, (Rejected, Known))
        if seen >= wanted or len(head) >= _PEEK_LIMIT:
            return chain(head, it), True
    return head, False


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: queued documents cancelled, worker processes stopped and reaped.

    Workers get SIGTERM; the pool's own manager thread notices them die and reaps them, and is waited for (two
    reapers of one child race, and the loser sees it as still running). A worker still alive after that gets
    SIGKILL, so no worker outlives the batch.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way before Python 3.14
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    if manager is not None:
        manager.join(timeout=10)
    for process in processes:
        if process.is_alive():
            process.kill()
            process.join()
    log.info("stopped %d worker processes", len(processes))
