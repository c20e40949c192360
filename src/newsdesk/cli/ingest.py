"""``newsdesk ingest`` and ``newsdesk load``: read, analyse and store many documents (local processes or Dask)."""

from __future__ import annotations

import os
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsdesk.batch.local import run_local
from newsdesk.config import Settings
from newsdesk.errors import NewsdeskError
from newsdesk.model import Rejected
from newsdesk.read import iter_documents
from newsdesk.cli.common import (
    _LINE_PREFIX,
    app,
    err,
    _SWITCH,
    PathsArg,
    DbOpt,
    LangOpt,
    _settings,
    _fail,
    _lang,
    _report_rejected,
    _count,
    _report_warnings,
)


class Engine(str, Enum):
    """Where `ingest` runs the analysis."""

    local = "local"
    dask = "dask"


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


def _store_result(store, result: object, tally: Counter[str], rejected: list[Rejected], *, report: bool = True) -> None:
    """The one writer: store one result of a batch (an article, a known content's new source) or note a rejection."""
    from newsdesk.batch.resume import Known

    if isinstance(result, Rejected):
        rejected.append(result)
        if report:
            _report_rejected(result)
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


def _summary(tally: Counter[str], rejected: list[Rejected], where: object, *, interrupted: bool) -> None:
    reasons = Counter(_LINE_PREFIX.sub("", r.reason).split(";")[0].split(" (")[0] for r in rejected)
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
            "[yellow]interrupted[/yellow]: what was stored stays; run the same command again to go on "
            "(content already stored is skipped before analysis)"
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
    lang: LangOpt = None,
    workers: Annotated[
        Optional[int],
        typer.Option(
            "--workers", "-j", min=1,
            help="Worker processes (local engine) or local Dask workers [default: the number of cores, or "
            "setting workers].",
        ),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine", case_sensitive=False,
            help="local: a process pool on this machine. dask: a Dask cluster, the one at --scheduler or one "
            "started on this machine (127.0.0.1 only).",
        ),
    ] = Engine.local,
    scheduler: Annotated[
        Optional[str],
        typer.Option(
            "--scheduler", metavar="ADDRESS",
            help="A running Dask scheduler, tcp://HOST:PORT (implies --engine dask). Its workers need newsdesk "
            "installed, run best with --nthreads 1.",
        ),
    ] = None,
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
    on where it stopped when run again. Exit status: 0 when every input was
    stored or rejected for a stated reason; 1 with --fail-on-reject and a
    rejection; 2 on a database or configuration error; 3 when an input could
    not be read at all (missing path, permission, I/O error); 130 when
    interrupted. The readable inputs are stored in every case.
    """
    from newsdesk.batch.local import default_workers
    from newsdesk.batch.resume import first_in, mark_known
    from newsdesk.store import Store

    settings = _settings(db_path=db, workers=workers)
    forced = _lang(lang)
    n_workers = settings.workers if "workers" in settings.model_fields_set else default_workers()
    use_dask = engine is Engine.dask or scheduler is not None
    if out is not None:
        if not use_dask:
            _fail("--out has Dask workers write Parquet shards: add --engine dask (or --scheduler ADDRESS)")
        _ingest_to_shards(paths, settings, out, scheduler, n_workers, forced, fail_on_reject)
        return
    tally: Counter[str] = Counter()
    rejected: list[Rejected] = []
    interrupted = False
    try:
        store = Store(settings.db_path)
    except NewsdeskError as exc:
        _fail(str(exc))
    with store, _batch_progress() as progress:
        task = progress.add_task("ingesting", total=None)
        docs = mark_known(
            iter_documents(paths, max_document_bytes=settings.max_document_bytes, stdin=sys.stdin.buffer,
                           defer_warc_pages=True),  # WARC pages are extracted by the workers
            lambda ids: first_in(ids, store.stored_ids(ids)),
            lang=forced,
            known_source=store.source_article,
        )  # fmt: skip
        if use_dask:
            from newsdesk.batch.dask import run_dask

            results = run_dask(docs, settings, scheduler=scheduler, workers=n_workers, lang=forced)
        else:
            results = run_local(docs, settings, workers=n_workers, lang=forced)
        try:
            with closing(results), _ctrl_c_requests_stop() as stop_asked:  # closing: workers stop however it ends
                for result in results:
                    _store_result(store, result, tally, rejected)
                    progress.update(task, advance=1, description=f"ingesting ({tally['stored']} stored)")
                    if stop_asked():
                        interrupted = True
                        break
        except KeyboardInterrupt:
            interrupted = True
        except NewsdeskError as exc:
            _fail(str(exc))
    _summary(tally, rejected, settings.db_path, interrupted=interrupted)
    _exit_status(rejected, fail_on_reject, interrupted)


def _ingest_to_shards(
    paths: list[str], settings: Settings, out: Path, scheduler: str | None, workers: int, lang: str | None,
    fail_on_reject: bool,
) -> None:
    """`ingest --engine dask --out DIR`: Dask workers write Parquet shards; content already in DIR is skipped."""
    from newsdesk.batch.dask import write_shards
    from newsdesk.batch.resume import first_in, mark_known
    from newsdesk.batch.shards import shard_contents

    if out.exists() and not out.is_dir():
        _fail(f"--out {out} is a file: give a folder for the shards")
    try:
        written, sources, first_index = shard_contents(out)
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
    interrupted = False
    with _batch_progress() as progress:
        task = progress.add_task("analysing into shards", total=None)
        reports = write_shards(docs, settings, out, scheduler=scheduler, workers=workers, lang=lang,
                               first_index=first_index)  # fmt: skip
        try:
            with closing(reports), _ctrl_c_requests_stop() as stop_asked:
                for report in reports:
                    tally["shards"] += 1
                    tally["articles"] += report.articles
                    tally["known"] += report.known
                    for r in report.rejected:
                        rejected.append(r)
                        _report_rejected(r)
                    progress.update(task, advance=report.articles + report.known + len(report.rejected),
                                    description=f"analysing into shards ({tally['shards']} written)")  # fmt: skip
                    if stop_asked():
                        interrupted = True
                        break
        except KeyboardInterrupt:
            interrupted = True
        except (NewsdeskError, OSError) as exc:
            _fail(str(exc))
    n_read = tally["articles"] + tally["known"] + len(rejected)
    if n_read == 0 and not interrupted:
        err.print("[yellow]nothing to read[/yellow]: the inputs name no news files (.txt, .html, .jsonl, .warc, ...)")
    err.print(
        f"[bold]{n_read} read[/bold]: {_count(tally['articles'], 'article')} analysed, {tally['known']} known "
        f"before analysis, {len(rejected)} rejected  → {_count(tally['shards'], 'shard')} in {out}; store them "
        f"with `newsdesk load {out} --db FILE`"
    )
    if interrupted:
        err.print("[yellow]interrupted[/yellow]: the shards written stay; run the same command again to go on")
    _exit_status(rejected, fail_on_reject, interrupted)


@app.command()
def load(
    directory: Annotated[
        Path,
        typer.Argument(
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
    shards record are counted (they were reported when the shards were
    written). Exit status as for `ingest`.
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
    interrupted = False
    try:
        store = Store(settings.db_path)
    except NewsdeskError as exc:
        _fail(str(exc))
    with store, _batch_progress() as progress:
        task = progress.add_task(f"loading {_count(len(shards), 'shard')}", total=None)
        try:
            with _ctrl_c_requests_stop() as stop_asked:
                for record in iter_shard_records(directory):
                    _store_result(store, record, tally, rejected, report=False)
                    progress.update(task, advance=1)
                    if stop_asked():
                        interrupted = True
                        break
        except KeyboardInterrupt:
            interrupted = True
        except NewsdeskError as exc:
            _fail(str(exc))
    _summary(tally, rejected, settings.db_path, interrupted=interrupted)
    _exit_status(rejected, fail_on_reject, interrupted)
