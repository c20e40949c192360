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
import time
import warnings
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
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
from newsdesk.read.warc import WarcPage, printable

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
        index: the shard number (the input position of its first document).
        path: the shard file, as the worker wrote it; None when nothing new
            was left to write (only rejections the folder records already).
        articles: articles written.
        known: documents whose content was already written (source rows only).
        rejected: the documents rejected, with the reasons (new ones).
        repeated: rejections left out because the folder records them already.
    """

    index: int
    path: str | None
    articles: int
    known: int
    rejected: tuple[Rejected, ...]
    repeated: int = 0


def _analyse_in_turn(doc: RawDocument | WarcPage, settings: Settings, lang: str | None) -> Article | Rejected:
    with _turn:
        return analyse(doc, settings, lang)


def _shard_task(
    items: list[RawDocument | WarcPage | Rejected | Known], settings: Settings, lang: str | None, out_dir: str,
    index: int, part: int = 0, recorded: frozenset[tuple[str, str]] = frozenset(),
) -> ShardReport:
    records = [i if isinstance(i, (Rejected, Known)) else _analyse_in_turn(i, settings, lang) for i in items]
    fresh = [r for r in records if not (isinstance(r, Rejected) and (r.source, r.reason) in recorded)]
    path = write_shard(fresh, out_dir, index, part) if fresh else None
    return ShardReport(
        index,
        None if path is None else str(path),
        sum(isinstance(r, Article) for r in fresh),
        sum(isinstance(r, Known) for r in fresh),
        tuple(r for r in fresh if isinstance(r, Rejected)),
        len(records) - len(fresh),
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
def dask_client(
    scheduler: str | None = None, *, workers: int | None = None, connect_timeout: float = _CONNECT_TIMEOUT_S
) -> Iterator[Any]:
    """A connected :class:`distributed.Client`, closed (with its local cluster) on exit.

    Args:
        scheduler: the address of a running scheduler (``tcp://10.0.0.5:8786``);
            None starts a :class:`distributed.LocalCluster` on 127.0.0.1 (no
            dashboard; the scheduler, the workers and their health endpoints
            listen on 127.0.0.1 only).
        workers: worker processes of the local cluster, one thread each
            (default: the number of cores); ignored with ``scheduler``.
        connect_timeout: seconds to wait, in all, for the scheduler at
            ``scheduler`` to answer as a Dask scheduler (default 15).

    Raises:
        ConfigError: dask.distributed is not installed, or ``scheduler`` is not
            a Dask scheduler that answers within ``connect_timeout`` (nothing
            listens there, something else does, or it never answers); the
            message names the address.
        KeyboardInterrupt: Ctrl-C while connecting, at once.
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
            client = _connect(distributed, scheduler, connect_timeout)
        try:
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()
        chatter.setLevel(level)


def _connect(distributed: Any, scheduler: str, timeout: float) -> Any:
    """``Client(scheduler)`` with an overall deadline, any failure a ConfigError naming the address.

    dask's own ``timeout`` does not bound every way a connection can stall
    (a server that accepts and never answers holds the handshake for minutes),
    and anything can come back from a server that is not a Dask scheduler
    (an HTTP server's reply read as a frame length gives a MemoryError). The
    client is built in a helper thread that this one waits for, in short
    steps, so Ctrl-C interrupts the wait at once; a client that connects
    after the deadline is closed when it does.
    """
    outcome: dict[str, Any] = {}
    abandoned = threading.Event()

    class Client(distributed.Client):  # type: ignore[misc, name-defined]
        """A client that, failing to start, closes at once: the stock one closes when collected (at exit,
        at the latest), waiting twice the timeout for a scheduler that is not there and printing a traceback."""

        def start(self, **kwargs: Any) -> None:
            try:
                super().start(**kwargs)
            except BaseException:
                self.status = "closed"
                try:
                    self._loop_runner.stop()
                except Exception:  # noqa: BLE001 - best effort: the process goes on (or ends) either way
                    log.debug("could not stop the failed client's event loop", exc_info=True)
                raise

    def attempt() -> None:
        try:
            client = Client(scheduler, timeout=f"{timeout}s", set_as_default=False)
        except KeyboardInterrupt:
            outcome["interrupted"] = True
            return
        except BaseException as exc:  # noqa: BLE001 - whatever a stranger's reply makes of dask, it is reported
            # only the words are kept: the traceback holds the half-made client, whose clean-up at exit would
            # wait for the scheduler in vain (10 s) and print a traceback; here it is dropped with the thread
            outcome["error"] = f"{type(exc).__name__}: {' '.join(str(exc).split())}".rstrip(": ")
            exc.__traceback__ = None
            return
        if abandoned.is_set():
            client.close()
        else:
            outcome["client"] = client

    def failure(why: str) -> ConfigError:
        return ConfigError(
            f"cannot connect to a Dask scheduler at {printable(scheduler, 200)} ({why}); check the address "
            "(tcp://HOST:PORT, the scheduler's port, 8786 by default) and that a Dask scheduler runs there, "
            "or leave out --scheduler for a cluster on this machine"
        )

    thread = threading.Thread(target=attempt, name="newsdesk-dask-connect", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout + 1  # dask's own timeout first, when it works
    try:
        while thread.is_alive() and time.monotonic() < deadline:
            thread.join(0.1)
    except BaseException:  # Ctrl-C: leave the attempt behind (a daemon thread), it closes what it gets
        abandoned.set()
        raise
    if thread.is_alive():
        abandoned.set()
        raise failure(f"no answer within {timeout:g} s")
    if outcome.get("interrupted"):
        raise KeyboardInterrupt
    if "error" in outcome:
        raise failure(printable(outcome["error"], 200))
    return outcome["client"]


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
            f"a Dask worker process died while analysing it or a document next to it ({printable(str(exc), 200)}); "
            "it may need more "
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
    connect_timeout: float = _CONNECT_TIMEOUT_S,
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
        connect_timeout: seconds to wait, in all, for the scheduler (see :func:`dask_client`).

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
        with dask_client(scheduler, workers=workers, connect_timeout=connect_timeout) as own:
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
    written_sources: Mapping[str, str] | None = None,
    recorded: Collection[tuple[str, str]] = (),
    on_skip: Callable[[Rejected | Known], None] | None = None,
    connect_timeout: float = _CONNECT_TIMEOUT_S,
) -> Iterator[ShardReport]:
    """Analyse documents on Dask workers, which write the results as Parquet shards.

    Shards are numbered by input position (see :mod:`newsdesk.batch.shards`):
    each holds a run of consecutive documents, numbered after the first; what
    the folder records already is left out, and a run is cut where such
    content was left out, so that shards of a resumed run slot in between the
    ones of the interrupted run, in input order.

    Args:
        docs: documents to analyse, in input order; rejections and Known
            records are written as such.
        settings: settings for the workers' pipelines.
        out_dir: the shard folder (made absolute here; the workers must see it at that path).
        scheduler, workers, client, connect_timeout: as for :func:`run_dask`.
        lang: force a language for every document.
        shard_size: documents per shard, at most (one task each).
        first_index: the input position of the first document.
        written_sources: ``{source: article id}`` the folder records
            (:func:`~newsdesk.batch.shards.shard_contents`): a Known record
            saying just that again is left out.
        recorded: ``(source, reason)`` of the rejections the folder records
            (:func:`~newsdesk.batch.shards.recorded_rejections`): the same
            rejection again is left out, so a re-run adds no duplicate.
        on_skip: called with each record left out.

    Yields:
        A :class:`ShardReport` per task, in input order, as each is done
        (``path`` None when all its results were already recorded rejections).

    Raises:
        ConfigError: dask.distributed or pyarrow is missing, the scheduler
            cannot be reached, or ``shard_size`` is below 1.
        OSError: a worker could not write its shard (re-raised here).
    """
    from newsdesk.batch.shards import shard_keys

    if shard_size < 1:
        raise ConfigError(f"shard_size must be at least 1, not {shard_size}")
    if client is None:
        with dask_client(scheduler, workers=workers, connect_timeout=connect_timeout) as own:
            yield from write_shards(
                docs, settings, out_dir, lang=lang, shard_size=shard_size, first_index=first_index, client=own,
                written_sources=written_sources, recorded=recorded, on_skip=on_skip,
            )  # fmt: skip
        return
    folder = str(Path(out_dir).resolve())
    taken = shard_keys(folder)
    written = written_sources or {}
    seen = recorded if isinstance(recorded, (set, frozenset)) else set(recorded)
    limit = _SHARDS_IN_FLIGHT_PER_THREAD * _threads(client)
    pending: deque[Any] = deque()
    finished = False
    batch: list[RawDocument | WarcPage | Rejected | Known] = []
    start = first_index

    def submit() -> Any:
        part = 0
        while (start, part) in taken:
            part += 1
        taken.add((start, part))
        sources = {getattr(i, "source", None) for i in batch}
        mine = frozenset(r for r in seen if r[0] in sources)  # only what this batch could repeat travels
        return client.submit(_shard_task, batch, settings, lang, folder, start, part, mine, pure=False)

    try:
        for position, doc in enumerate(docs, start=first_index):
            skip = (isinstance(doc, Known) and written.get(doc.source) == doc.article_id) or (
                isinstance(doc, Rejected) and (doc.source, doc.reason) in seen
            )
            if skip:
                if on_skip is not None:
                    on_skip(doc)  # type: ignore[arg-type]
                if isinstance(doc, Known) and batch:  # stored content in another shard: keep the order, cut here
                    pending.append(submit())
                    batch = []
            else:
                if not batch:
                    start = position
                batch.append(doc)
                if len(batch) >= shard_size:
                    pending.append(submit())
                    batch = []
            while len(pending) >= limit:
                yield pending.popleft().result()
        if batch:
            pending.append(submit())
        while pending:
            yield pending.popleft().result()
        finished = True
    finally:
        if not finished:
            client.cancel(list(pending))
