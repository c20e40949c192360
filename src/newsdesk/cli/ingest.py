"""``newsdesk ingest``, ``load`` and ``relink``: read, analyse and store many documents (local processes or Dask),
and link the stored entities again."""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional, TypeVar

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsdesk.batch.local import run_local
from newsdesk.config import Settings
from newsdesk.errors import NewsdeskError
from newsdesk.model import Rejected
from newsdesk.read import iter_documents, iter_paths
from newsdesk.read.warc import is_warc_name, printable
from newsdesk.cli.common import (
    _LINE_PREFIX,
    app,
    err,
    _SWITCH,
    PathsArg,
    DbOpt,
    ForceLangOpt,
    _settings,
    _fail,
    _lang,
    _report_rejected,
    _count,
    _report_warnings,
)

T = TypeVar("T")


class Engine(str, Enum):
    """Where `ingest` runs the analysis."""

    local = "local"
    dask = "dask"


def _engine(value: Optional[str]) -> Optional[Engine]:
    """The ``--engine`` value as an :class:`Engine` (any case); a clear error naming both engines otherwise."""
    if value is None:
        return None
    try:
        return Engine(value.strip().lower())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is no engine: use local or dask") from None


PROGRESS_EVERY_S = 30.0
"""When stderr is not a terminal (a logged run), a progress line is printed at most this often (seconds)..."""
PROGRESS_EVERY_DOCS = 5000
"""... and every this many documents, whichever comes first."""
_COUNT_BUDGET_BYTES = 256 << 20  # counting the lines of JSON Lines inputs up to this much: cheap, next to analysis
_COUNT_BUDGET_FILES = 100_000


def _cheap_total(paths: list[str]) -> int | None:
    """The number of documents the inputs hold, when it can be told cheaply: files (one document each) and the
    lines of JSON Lines files, up to a budget; None with standard input, WARC archives (records unknown until
    read) or past the budget. Blank and bad lines count as documents (a bad one is a rejection)."""
    from newsdesk.read import JSONL_SUFFIXES

    total, scanned = 0, 0
    for n, item in enumerate(iter_paths(paths)):
        if n >= _COUNT_BUDGET_FILES or not isinstance(item, Path) or is_warc_name(item):
            return None
        if item.suffix.lower() not in JSONL_SUFFIXES:
            total += 1
            continue
        try:
            size = item.stat().st_size
            if scanned + size > _COUNT_BUDGET_BYTES:
                return None
            scanned += size
            lines, last = 0, b"\n"
            with item.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    lines += chunk.count(b"\n")
                    last = chunk[-1:]
            total += max(1, lines + (last != b"\n"))  # an empty file is one rejection
        except OSError:
            total += 1
    return total


class _Progress:
    """A progress bar on a terminal; on anything else (a log file) a plain line now and then."""

    def __init__(self, description: str, total: int | None) -> None:
        self._bar = _batch_progress()
        self._description = description
        self._total = total
        self._task = self._bar.add_task(description, total=total)
        self._done = 0
        self._started = self._last = time.monotonic()
        self._last_done = 0

    def __enter__(self) -> _Progress:
        self._bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.__exit__(*exc)

    def advance(self, n: int, detail: str) -> None:
        self._done += n
        self._bar.update(self._task, advance=n, description=f"{self._description} ({detail})")
        if err.is_terminal:
            return
        now = time.monotonic()
        if now - self._last >= PROGRESS_EVERY_S or self._done - self._last_done >= PROGRESS_EVERY_DOCS:
            self._last, self._last_done = now, self._done
            of = f"/{self._total:,}" if self._total is not None else ""
            rate = self._done / max(now - self._started, 1e-9)
            err.print(
                f"{self._description}: {self._done:,}{of} documents, {escape(detail)}, {rate:.1f}/s, "
                f"{now - self._started:.0f} s",
                highlight=False,
            )


def _batch_progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


@contextmanager
def _ctrl_c_requests_stop() -> Iterator[Callable[[], bool]]:
    """While inside, Ctrl-C asks the batch loop to stop after the result in hand (so what is reported as stored
    is what was stored); a second Ctrl-C stops at once (KeyboardInterrupt). Yields: has a stop been asked?"""
    asked = False

    def on_sigint(signum: int, frame: object) -> None:
        nonlocal asked
        if asked:
            raise KeyboardInterrupt
        asked = True
        os.write(2, b"\nstopping after the document in hand (Ctrl-C again to stop at once)\n")

    try:
        previous = signal.signal(signal.SIGINT, on_sigint)
    except ValueError:  # not the main thread: Ctrl-C stays a KeyboardInterrupt
        yield lambda: False
        return
    try:
        yield lambda: asked
    finally:
        signal.signal(signal.SIGINT, previous)


def _each_until_stopped(
    items: Iterable[T], handle: Callable[[T], None], errors: tuple[type[Exception], ...] = (NewsdeskError,)
) -> bool:
    """Call ``handle`` on each item until the items end or Ctrl-C asks to stop (see :func:`_ctrl_c_requests_stop`).

    What ``handle`` did before a stop stays done. Returns True when stopped by Ctrl-C. An error of ``errors``
    exits with its message (status 2).
    """
    try:
        with _ctrl_c_requests_stop() as stop_asked:
            for item in items:
                handle(item)
                if stop_asked():
                    return True
    except KeyboardInterrupt:
        return True
    except errors as exc:
        _fail(str(exc))
    return False


def _store_result(store, result: object, tally: Counter[str], rejected: list[Rejected], *, report: bool = True) -> None:
    """The one writer: store one result of a batch (an article, a known content's new source) or note a rejection."""
    from newsdesk.batch.resume import Known

    if isinstance(result, Rejected):
        rejected.append(result)
        if report:
            _report(result)
    else:
        try:
            if isinstance(result, Known):
                tally[store.add_source(result.article_id, result.source)] += 1
                tally["known"] += 1
            else:
                _report_warnings(result)
                tally[store.add(result)] += 1
        except NewsdeskError as exc:
            _fail(f"{getattr(result, 'source', '?')}: {exc}")
    tally["read"] += 1


def _report(rejected: Rejected) -> None:
    """Report a rejection, with whatever control characters its source or reason carries made visible."""
    _report_rejected(Rejected(printable(rejected.source), printable(rejected.reason), rejected.stage,
                              rejected.io_error))  # fmt: skip


_LINE_NUMBER = re.compile(r"\bline \d+\b")


def _reason_group(reason: str) -> str:
    """A rejection's reason without what differs from document to document: its line number, its details."""
    reason = _LINE_PREFIX.sub("", printable(reason)).split(";")[0].split(" (")[0]
    return _LINE_NUMBER.sub("a line", reason)


def _summary(
    tally: Counter[str],
    rejected: list[Rejected],
    where: object,
    *,
    interrupted: bool,
    again: str = "content already stored is skipped before analysis",
) -> None:
    reasons = Counter(_reason_group(r.reason) for r in rejected)
    if tally["read"] == 0 and not interrupted:
        err.print("[yellow]nothing to read[/yellow]: the inputs name no news files (.txt, .html, .jsonl, .warc, ...)")
    known = f" ({tally['known']} known before analysis)" if tally["known"] else ""
    err.print(
        f"[bold]{tally['read']} read[/bold]: {tally['stored']} stored, {tally['unchanged']} unchanged{known}, "
        f"{len(rejected)} rejected  → {where}"
    )
    for reason, n in reasons.most_common():
        err.print(f"  {n} × {escape(reason)}")
    if interrupted:
        err.print(
            f"[yellow]interrupted[/yellow]: what was stored stays; run the same command again to go on ({again})"
        )


def _exit_status(rejected: list[Rejected], fail_on_reject: bool, interrupted: bool) -> None:
    if interrupted:
        raise typer.Exit(130)
    if any(r.io_error for r in rejected):
        raise typer.Exit(3)
    if fail_on_reject and rejected:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    lang: ForceLangOpt = None,
    workers: Annotated[
        Optional[int],
        typer.Option(
            "--workers", "-j", min=1, metavar="N",
            help="Worker processes (local engine) or local Dask workers, at least 1 [default: the number of cores, or "
            "setting workers]. Not for --scheduler: a cluster's workers are started with `dask worker`.",
        ),
    ] = None,
    engine: Annotated[
        Optional[str],
        typer.Option(
            "--engine", callback=_engine, metavar="ENGINE", show_default=False,
            help="local: a process pool on this machine [default]. dask: a Dask cluster, the one at --scheduler "
            "or one started on this machine (127.0.0.1 only).",
        ),
    ] = None,
    scheduler: Annotated[
        Optional[str],
        typer.Option(
            "--scheduler", metavar="ADDRESS",
            help="A running Dask scheduler, tcp://HOST:PORT (implies --engine dask). Its workers need newsdesk "
            "installed, run best with --nthreads 1.",
        ),
    ] = None,
    connect_timeout: Annotated[
        float,
        typer.Option(
            "--connect-timeout", metavar="SECONDS", min=0.1,
            help="With --scheduler: give up when the scheduler has not answered as a Dask scheduler within this "
            "many seconds (at least 0.1).",
        ),
    ] = 15.0,
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out", metavar="DIR",
            help="With --engine dask: the workers write Parquet shards into DIR (a folder they can reach) instead "
            "of results coming back to the database; `newsdesk load DIR` stores them.",
        ),
    ] = None,
    fail_on_reject: Annotated[
        bool, typer.Option(
            "--fail-on-reject", help="Exit with status 1 if any document was rejected.", metavar=_SWITCH
        )
    ] = False,
) -> None:
    """Analyse documents and store them in the database, on all cores.

    Documents are analysed in parallel (each worker loads the models once) and
    stored by this process, one transaction per article, in input order: the
    database ends up the same as with --workers 1. Content already stored is
    recognised by its hash before analysis and left as it is (`unchanged`),
    never duplicated, so an interrupted ingest (Ctrl-C, a killed process) goes
    on where it stopped when run again. Progress: a bar on a terminal, else a
    line every 30 s or 5,000 documents. Exit status: 0 when every input was
    stored or rejected for a stated reason; 1 with --fail-on-reject and a
    rejection; 2 on a database or configuration error (an unreachable
    scheduler included); 3 when an input could not be read at all (missing
    path, permission, I/O error); 130 when interrupted. The readable inputs
    are stored in every case.
    """
    from newsdesk.batch.local import default_workers
    from newsdesk.batch.resume import first_in, mark_known
    from newsdesk.store import Store

    if engine is Engine.local and scheduler is not None:
        _fail("--scheduler runs the analysis on a Dask cluster: leave out --engine local (or use --engine dask)")
    if scheduler is not None and workers is not None:
        err.print(
            "[yellow]warning[/yellow]: --workers is ignored with --scheduler: the cluster has the workers it was "
            "started with (`dask worker ADDRESS --nworkers N`)"
        )
    settings = _settings(db_path=db, workers=workers)
    forced = _lang(lang)
    n_workers = settings.workers if "workers" in settings.model_fields_set else default_workers()
    use_dask = engine is Engine.dask or scheduler is not None
    if out is not None:
        if not use_dask:
            _fail("--out has Dask workers write Parquet shards: add --engine dask (or --scheduler ADDRESS)")
        with _dask_client_or_exit(scheduler, n_workers, connect_timeout) as client:
            _ingest_to_shards(paths, settings, out, client, forced, fail_on_reject)
        return
    try:
        store = Store(settings.db_path)
    except NewsdeskError as exc:
        _fail(str(exc))
    with store, _dask_client_or_exit(scheduler, n_workers, connect_timeout) if use_dask else _nothing() as client:
        tally: Counter[str] = Counter()
        rejected: list[Rejected] = []
        with _Progress("ingesting", _cheap_total(paths)) as progress:
            docs = mark_known(
                iter_documents(paths, max_document_bytes=settings.max_document_bytes, stdin=sys.stdin.buffer,
                               defer_warc_pages=True),  # WARC pages are extracted by the workers
                lambda ids: first_in(ids, store.stored_ids(ids)),
                lang=forced,
                known_source=store.source_article,
            )  # fmt: skip
            if use_dask:
                from newsdesk.batch.dask import run_dask

                results = run_dask(docs, settings, lang=forced, client=client)
            else:
                results = run_local(docs, settings, workers=n_workers, lang=forced)

            def store_one(result: object) -> None:
                _store_result(store, result, tally, rejected)
                progress.advance(1, f"{tally['stored']} stored, {len(rejected)} rejected")

            with closing(results):  # the workers stop however the loop ends
                interrupted = _each_until_stopped(results, store_one)
    _summary(tally, rejected, settings.db_path, interrupted=interrupted)
    _exit_status(rejected, fail_on_reject, interrupted)


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


@contextmanager
def _dask_client_or_exit(scheduler: str | None, workers: int, connect_timeout: float) -> Iterator[object]:
    """A Dask client for the run; an unreachable scheduler exits 2 naming it, Ctrl-C while connecting exits 130."""
    from newsdesk.batch.dask import dask_client

    if scheduler is not None:
        err.print(f"connecting to the Dask scheduler at {escape(printable(scheduler))} ...", highlight=False)
    manager = dask_client(scheduler, workers=workers, connect_timeout=connect_timeout)
    try:
        client = manager.__enter__()
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/yellow] while connecting to Dask: nothing was read or stored")
        raise typer.Exit(130) from None
    except NewsdeskError as exc:
        _fail(str(exc))
    try:
        yield client
    except BaseException:
        if not manager.__exit__(*sys.exc_info()):
            raise
    else:
        manager.__exit__(None, None, None)


def _ingest_to_shards(
    paths: list[str], settings: Settings, out: Path, client: object, lang: str | None, fail_on_reject: bool,
) -> None:
    """`ingest --engine dask --out DIR`: Dask workers write Parquet shards; content and rejections already in DIR
    are left out (a re-run with nothing new writes nothing)."""
    from newsdesk.batch.dask import write_shards
    from newsdesk.batch.resume import Known, first_in, mark_known
    from newsdesk.batch.shards import recorded_rejections, shard_contents

    if out.exists() and not out.is_dir():
        _fail(f"--out {out} is a file: give a folder for the shards")
    try:
        written, sources, _ = shard_contents(out)
        recorded = recorded_rejections(out)
    except NewsdeskError as exc:
        _fail(str(exc))
    docs = mark_known(
        iter_documents(paths, max_document_bytes=settings.max_document_bytes, stdin=sys.stdin.buffer,
                       defer_warc_pages=True),
        lambda ids: first_in(ids, written),
        lang=lang,
        known_source=sources.get,
    )  # fmt: skip
    tally: Counter[str] = Counter()
    rejected: list[Rejected] = []

    def skipped(record: Rejected | Known) -> None:
        tally["known" if isinstance(record, Known) else "repeated"] += 1
        progress.advance(1, f"{tally['shards']} shards written")

    with _Progress("analysing into shards", _cheap_total(paths)) as progress:
        reports = write_shards(docs, settings, out, lang=lang, client=client, written_sources=sources,
                               recorded=recorded, on_skip=skipped)  # fmt: skip

        def count(report) -> None:  # type: ignore[no-untyped-def]
            tally["shards"] += report.path is not None
            tally["articles"] += report.articles
            tally["known"] += report.known
            tally["repeated"] += report.repeated
            for r in report.rejected:
                rejected.append(r)
                _report(r)
            progress.advance(report.articles + report.known + len(report.rejected) + report.repeated,
                             f"{tally['shards']} shards written")  # fmt: skip

        with closing(reports):
            interrupted = _each_until_stopped(reports, count, (NewsdeskError, OSError))
    n_read = tally["articles"] + tally["known"] + len(rejected) + tally["repeated"]
    if n_read == 0 and not interrupted:
        err.print("[yellow]nothing to read[/yellow]: the inputs name no news files (.txt, .html, .jsonl, .warc, ...)")
    repeated = f", {tally['repeated']} rejected as recorded before" if tally["repeated"] else ""
    err.print(
        f"[bold]{n_read} read[/bold]: {_count(tally['articles'], 'article')} analysed, {tally['known']} known "
        f"before analysis, {len(rejected)} rejected{repeated}  → {_count(tally['shards'], 'shard')} written in "
        f"{out}; store them with `newsdesk load {out} --db FILE`"
    )
    for reason, n in Counter(_reason_group(r.reason) for r in rejected).most_common():
        err.print(f"  {n} × {escape(reason)}")
    if interrupted:
        err.print("[yellow]interrupted[/yellow]: the shards written stay; run the same command again to go on")
    _exit_status(rejected, fail_on_reject, interrupted)


@app.command()
def load(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="The folder of Parquet shards that `newsdesk ingest --engine dask --out DIR` wrote.",
            show_default=False,
        ),
    ],
    db: DbOpt = None,
    fail_on_reject: Annotated[
        bool, typer.Option(
            "--fail-on-reject", help="Exit with status 1 if the shards record a rejected document.", metavar=_SWITCH
        )
    ] = False,
) -> None:
    """Store the Parquet shards written by `ingest --engine dask --out DIR` in the database.

    Idempotent: articles are stored by content hash, so loading the same
    shards again, or shards that overlap, adds nothing (`unchanged`). Shards
    are read in number order, one transaction per article. Rejections the
    shards record are counted once each (they were reported when the shards
    were written). Shards are stored in input order (their numbers are input
    positions), so shards of an interrupted and resumed ingest load as those
    of an uninterrupted one. Exit status as for `ingest`.
    """
    from newsdesk.batch.shards import iter_shard_records, shard_paths
    from newsdesk.store import Store

    settings = _settings(db_path=db)
    try:
        shards = shard_paths(directory)
    except NewsdeskError as exc:
        _fail(str(exc))
    if not shards:
        _fail(f"no shards (part-NNNNNN.parquet) in {directory}: write them with `newsdesk ingest --engine dask "
              f"--out {directory} PATHS`")  # fmt: skip
    tally: Counter[str] = Counter()
    rejected: list[Rejected] = []
    try:
        store = Store(settings.db_path)
    except NewsdeskError as exc:
        _fail(str(exc))
    seen: set[tuple[str, str]] = set()
    with store, _Progress(f"loading {_count(len(shards), 'shard')}", None) as progress:

        def store_one(record: object) -> None:
            if isinstance(record, Rejected):  # shards of older versions may record one twice
                if (record.source, record.reason) in seen:
                    return
                seen.add((record.source, record.reason))
            _store_result(store, record, tally, rejected, report=False)
            progress.advance(1, f"{tally['stored']} stored")

        interrupted = _each_until_stopped(iter_shard_records(directory), store_one)
    _summary(tally, rejected, settings.db_path, interrupted=interrupted,
             again="articles already stored are counted unchanged")
    _exit_status(rejected, fail_on_reject, interrupted)


@app.command()
def relink(db: DbOpt = None) -> None:
    """Link the stored articles' entities again, from scratch, in one fixed order.

    Linking at ingest depends on the order articles arrive in; `relink`
    rebuilds every canonical entity and alias from the stored articles,
    earliest publication day first, so the same articles always give the
    same entities, and articles stored by an older newsdesk get today's
    linking rules. Articles and quotations are not analysed again. One
    transaction: an interrupted or failed relink changes nothing. Exit status
    0 when done, 2 for a database error, 130 when interrupted (Ctrl-C).
    """
    from newsdesk.store import Store

    settings = _settings(db_path=db)
    if not Path(settings.db_path).is_file():
        _fail(f"no database at {settings.db_path}: ingest articles first (`newsdesk ingest PATHS --db FILE`)")
    try:
        store = Store(settings.db_path)
    except NewsdeskError as exc:
        _fail(str(exc))
    with store:
        (n_articles,) = store.conn.execute("SELECT count(*) FROM articles").fetchone()
        try:
            with _Progress(f"relinking {_count(n_articles, 'article')}", n_articles) as progress:
                n_entities = store.relink(lambda n: progress.advance(n, "entities rebuilt"))
        except KeyboardInterrupt:
            _fail("interrupted: nothing was changed", 130)
        except NewsdeskError as exc:
            _fail(str(exc))
    err.print(f"relinked {_count(n_articles, 'article')}: {_count(n_entities, 'entity', 'entities')} in {settings.db_path}")
