"""Run the same per-article function on a Dask cluster (dask.distributed).

For a user who outgrows one machine: ``newsdesk ingest --engine dask
--scheduler tcp://HOST:PORT`` sends documents to the workers of an existing
Dask cluster; ``--engine dask`` alone starts a cluster on this machine
(:class:`distributed.LocalCluster`, bound to 127.0.0.1, one single-threaded
worker process per core). The function the workers run is
:func:`newsdesk.batch.local.analyse`, the one the local process pool runs:
each worker process builds its pipeline once (a cached global) and reuses it.

Two ways back:

* :func:`run_dask` streams results back, in input order, to the caller, which
  stores them: one writer, as with the local engine (and the same output);
* :func:`write_shards` has each task analyse a batch of documents and write
  its results as a Parquet shard (:mod:`newsdesk.batch.shards`) into a folder
  the workers can reach (a shared file system on a real cluster); only a
  small report travels back. ``newsdesk load DIR`` stores the shards later.

The cluster's workers need newsdesk and its models installed (the same
version as the client) and, for :func:`write_shards`, the output folder
mounted at the same path. Run them single-threaded (``dask worker ADDRESS
--nthreads 1 --nworkers N``): a pipeline is not thread-safe, so the threads
of one worker process take turns on it.

Documents are read on the client and sent to the workers; at most a few per
worker thread are in flight at a time, so memory stays flat on any input size.
Ctrl-C (or any error) cancels what is in flight and closes the client (and the
local cluster); results already handed back stay with the caller.

dask.distributed is an optional dependency (``pip install 'newsdesk[cluster]'``).
"""

from __future__ import annotations

import logging
import signal
import threading
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from newsdesk.batch.local import analyse, default_workers
from newsdesk.batch.resume import Known
from newsdesk.batch.shards import write_shard
from newsdesk.config import Settings
from newsdesk.errors import ConfigError
from newsdesk.model import Article, RawDocument, Rejected
from newsdesk.read.warc import WarcPage

__all__ = ["ShardReport", "dask_client", "run_dask", "write_shards"]

log = logging.getLogger(__name__)

_IN_FLIGHT_PER_THREAD = 4
_SHARDS_IN_FLIGHT_PER_THREAD = 2
_CONNECT_TIMEOUT_S = 15
_T = TypeVar("_T", Rejected, Known)

_turn = threading.Lock()
"""Threads of one Dask worker process take turns on its pipeline (a pipeline is not thread-safe)."""


@dataclass(frozen=True, slots=True)
class ShardReport:
    """What one shard task did.

    Attributes:
        index: the shard number.
        path: the shard file, as the worker wrote it.
        articles: articles written.
        known: documents whose content was already written (source rows only).
        rejected: the documents rejected, with the reasons.
    """

    index: int
    path: str
    articles: int
    known: int
    rejected: tuple[Rejected, ...]


def _analyse_in_turn(doc: RawDocument | WarcPage, settings: Settings, lang: str | None) -> Article | Rejected:
    with _turn:
        return analyse(doc, settings, lang)


def _shard_task(
    items: list[RawDocument | WarcPage | Rejected | Known], settings: Settings, lang: str | None, out_dir: str,
    index: int,
) -> ShardReport:
    records = [i if isinstance(i, (Rejected, Known)) else _analyse_in_turn(i, settings, lang) for i in items]
    path = write_shard(records, out_dir, index)
    return ShardReport(
        index,
        str(path),
        sum(isinstance(r, Article) for r in records),
        sum(isinstance(r, Known) for r in records),
        tuple(r for r in records if isinstance(r, Rejected)),
    )


def _distributed():
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError(
            "the dask engine needs dask.distributed, which is not installed: pip install 'newsdesk[cluster]'"
        ) from exc
    return distributed


@contextmanager
def dask_client(scheduler: str | None = None, *, workers: int | None = None) -> Iterator[Any]:
    """A connected :class:`distributed.Client`, closed (with its local cluster) on exit.

    Args:
        scheduler: the address of a running scheduler (``tcp://10.0.0.5:8786``);
            None starts a :class:`distributed.LocalCluster` on 127.0.0.1 (no
            dashboard; the scheduler, the workers and their health endpoints
            listen on 127.0.0.1 only).
        workers: worker processes of the local cluster, one thread each
            (default: the number of cores); ignored with ``scheduler``.

    Raises:
        ConfigError: dask.distributed is not installed, or the scheduler
            cannot be reached within 15 s.
    """
    distributed = _distributed()
    cluster = None
    chatter = logging.getLogger("distributed")
    level = chatter.level
    if logging.getLogger().getEffectiveLevel() > logging.INFO:  # dask logs every connection at INFO: not unless -v
        chatter.setLevel(logging.WARNING)
    try:
        if scheduler is None:
            with warnings.catch_warnings(), _sigint_ignored():
                # without a dashboard the scheduler still serves /health on 127.0.0.1, port 8787 or any free one
                warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
                cluster = distributed.LocalCluster(
                    host="127.0.0.1",
                    n_workers=workers or default_workers(),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            client = distributed.Client(cluster)
        else:
            try:
                client = distributed.Client(scheduler, timeout=f"{_CONNECT_TIMEOUT_S}s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise ConfigError(
                    f"cannot reach the Dask scheduler at {scheduler} ({type(exc).__name__}: {exc}); check the "
                    "address (tcp://HOST:PORT) and that the scheduler runs, or leave out --scheduler for a "
                    "cluster on this machine"
                ) from exc
        try:
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()
        chatter.setLevel(level)


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Start processes that ignore SIGINT (an ignored signal stays ignored in a child, and Python keeps it so):
    Ctrl-C in a terminal signals the whole process group, and the caller alone decides what stops."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: cannot change signal handling
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _threads(client: Any) -> int:
    return max(1, sum(client.nthreads().values()))


def _analyse_group(items: list, settings: Settings, lang: str | None) -> list:
    """One task: a few documents in a row (fewer round trips to the scheduler); others pass through."""
    return [i if isinstance(i, (Rejected, Known)) else _analyse_in_turn(i, settings, lang) for i in items]


def _group_results(future: Any, items: list) -> list:
    """A group task's results; when a worker process died on it (KilledWorker), its documents are rejected."""
    distributed = _distributed()
    try:
        return future.result()
    except distributed.KilledWorker as exc:
        reason = (
            f"a Dask worker process died while analysing it or a document next to it ({exc}); it may need more "
            "memory than a worker has"
        )
        return [i if isinstance(i, (Rejected, Known)) else Rejected(i.source, reason, "annotate") for i in items]


def run_dask(
    docs: Iterable[RawDocument | WarcPage | _T],
    settings: Settings,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    lang: str | None = None,
    client: Any | None = None,
    in_flight: int | None = None,
    per_task: int = 4,
) -> Iterator[Article | Rejected | _T]:
    """Analyse documents on Dask workers, yielding one result per document in input order.

    The counterpart of :func:`newsdesk.batch.local.run_local`: the same
    function per document, the same results in the same order.

    Args:
        docs: documents to analyse (WARC pages are extracted by the workers);
            rejections and Known records pass through in their place.
        settings: settings for the workers' pipelines.
        scheduler: a scheduler address, or None for a local cluster (see :func:`dask_client`).
        workers: worker processes of a local cluster (default: the number of cores).
        lang: force a language (ISO 639-1) for every document instead of detecting it.
        client: an already connected Client to use (``scheduler``/``workers`` then ignored).
        in_flight: documents sent and not yet yielded, at most (default 4 per worker thread,
            and at least one task's worth).
        per_task: consecutive documents analysed by one task (default 4): each task costs a
            round trip through the scheduler, several milliseconds of CPU.

    Yields:
        An :class:`Article` or :class:`Rejected` per document (the documents
        of a task on which a worker process died are rejected at stage ``annotate``).

    Raises:
        ConfigError: dask.distributed is missing, the scheduler cannot be
            reached, or ``per_task`` is below 1.
        NewsdeskError: the analysis raised one (a bad setting); what is in flight is cancelled.
    """
    if per_task < 1:
        raise ConfigError(f"per_task must be at least 1, not {per_task}")
    if client is None:
        with dask_client(scheduler, workers=workers) as own:
            yield from run_dask(docs, settings, lang=lang, client=own, in_flight=in_flight, per_task=per_task)
        return
    limit = max(per_task, in_flight or _IN_FLIGHT_PER_THREAD * _threads(client))
    pending: deque[tuple[Any, list]] = deque()  # (future, or None when nothing is to analyse; the items)
    queued = 0
    group: list = []
    finished = False

    def send(items: list) -> tuple[Any, list]:
        if all(isinstance(i, (Rejected, Known)) for i in items):
            return None, items
        return client.submit(_analyse_group, items, settings, lang, pure=False), items

    def take() -> list:
        nonlocal queued
        future, items = pending.popleft()
        queued -= len(items)
        return items if future is None else _group_results(future, items)

    try:
        for doc in docs:
            group.append(doc)
            if len(group) >= per_task:
                pending.append(send(group))
                queued += len(group)
                group = []
                while queued >= limit:
                    yield from take()
        if group:
            pending.append(send(group))
            queued += len(group)
        while pending:
            yield from take()
        finished = True
    finally:
        if not finished:
            client.cancel([f for f, _ in pending if f is not None])


def write_shards(
    docs: Iterable[RawDocument | WarcPage | Rejected | Known],
    settings: Settings,
    out_dir: str | Path,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    lang: str | None = None,
    shard_size: int = 256,
    first_index: int = 0,
    client: Any | None = None,
) -> Iterator[ShardReport]:
    """Analyse documents on Dask workers, which write the results as Parquet shards.

    Args:
        docs: documents to analyse; rejections and Known records are written as such.
        settings: settings for the workers' pipelines.
        out_dir: the shard folder (made absolute here; the workers must see it at that path).
        scheduler, workers, client: as for :func:`run_dask`.
        lang: force a language for every document.
        shard_size: documents per shard (one task each).
        first_index: the number of the first shard (to add shards beside those of an earlier run).

    Yields:
        A :class:`ShardReport` per shard, in shard order, as each is written.

    Raises:
        ConfigError: dask.distributed or pyarrow is missing, the scheduler
            cannot be reached, or ``shard_size`` is below 1.
        OSError: a worker could not write its shard (re-raised here).
    """
    if shard_size < 1:
        raise ConfigError(f"shard_size must be at least 1, not {shard_size}")
    if client is None:
        with dask_client(scheduler, workers=workers) as own:
            yield from write_shards(
                docs, settings, out_dir, lang=lang, shard_size=shard_size, first_index=first_index, client=own
            )
        return
    folder = str(Path(out_dir).resolve())
    limit = _SHARDS_IN_FLIGHT_PER_THREAD * _threads(client)
    pending: deque[Any] = deque()
    finished = False
    index = first_index
    batch: list[RawDocument | WarcPage | Rejected | Known] = []
    try:
        for doc in docs:
            batch.append(doc)
            if len(batch) >= shard_size:
                pending.append(client.submit(_shard_task, batch, settings, lang, folder, index, pure=False))
                batch, index = [], index + 1
                while len(pending) >= limit:
                    yield pending.popleft().result()
        if batch:
            pending.append(client.submit(_shard_task, batch, settings, lang, folder, index, pure=False))
        while pending:
            yield pending.popleft().result()
        finished = True
    finally:
        if not finished:
            client.cancel(list(pending))
