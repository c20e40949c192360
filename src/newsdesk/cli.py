"""The ``newsdesk`` command line: analyze, ingest, quotes, search, speakers, entities, serve, eval.

Run ``newsdesk --help`` or ``newsdesk COMMAND --help`` for the options.
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsdesk import __version__
from newsdesk.batch.local import run_local
from newsdesk.config import Settings, load_settings
from newsdesk.errors import NewsdeskError, StoreError
from newsdesk.lang import normalize_lang
from newsdesk.model import Article, RawDocument, Rejected
from newsdesk.read import iter_documents
from newsdesk.serialize import article_to_dict

app = typer.Typer(
    name="newsdesk",
    help=(
        "Multilingual news monitoring (English, Russian, Ukrainian): who said what, to whom, about whom, when.\n\n"
        "Typical use: `newsdesk ingest news/ --db newsdesk.db`, then `newsdesk quotes --speaker Stoltenberg` "
        "or `newsdesk search 'security guarantees'`. `newsdesk analyze FILE --json` shows one article's "
        "annotations without storing anything."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

_SWITCH = " "  # the metavar of on/off options: blank, so help does not print "<bool>" after them

PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files, directories (read recursively), glob patterns (quote them: 'news/*.html'), or - for "
        "standard input. Formats: page captures (.txt), HTML pages, JSON Lines (.jsonl: url, title, text, "
        "published, lang), WARC archives (.warc, .warc.gz: the HTML pages in them); UTF-8/16, cp1251, koi8-r "
        "and koi8-u are detected.",
        show_default=False,
    ),
]
DbOpt = Annotated[
    Optional[Path], typer.Option("--db", help="SQLite database file [default: setting db_path, newsdesk.db].")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (JSON Lines for several records).", metavar=_SWITCH)]
LangOpt = Annotated[
    Optional[str], typer.Option("--lang", help="Language: en, ru or uk (ua accepted for Ukrainian).")
]


def _version(value: bool) -> None:
    if value:
        out.print(f"newsdesk {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details to stderr.", metavar=_SWITCH)] = False,
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version.", metavar=_SWITCH)
    ] = None,
) -> None:
    """newsdesk: who said what, in English, Russian and Ukrainian news."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")


def _settings(**overrides: object) -> Settings:
    try:
        return load_settings(**overrides)
    except NewsdeskError as exc:
        _fail(str(exc))


def _fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[red]error:[/red] {escape(message)}")
    raise typer.Exit(code)


def _lang(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return normalize_lang(value)
    except NewsdeskError as exc:
        _fail(str(exc))


def _documents(paths: list[str], settings: Settings) -> Iterator[RawDocument | Rejected]:
    return iter_documents(paths, max_document_bytes=settings.max_document_bytes, stdin=sys.stdin.buffer)


def _analysed(paths: list[str], settings: Settings, **options: object) -> Iterator[Article | Rejected]:
    """Read and analyse the inputs; a configuration error stops with one message (exit 2)."""
    try:
        yield from run_local(_documents(paths, settings), settings, **options)
    except NewsdeskError as exc:
        _fail(str(exc))


def _report_rejected(rejected: Rejected) -> None:
    err.print(f"[yellow]rejected[/yellow] {escape(rejected.source)}: {escape(rejected.reason)}")


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _report_warnings(article: Article) -> None:
    for warning in article.warnings:
        err.print(f"[yellow]warning[/yellow] {escape(article.source)}: {escape(warning)}")


def _print_article(article: Article) -> None:
    pub = article.published
    when = "date unknown"
    if pub is not None and (pub.date or pub.text):
        when = pub.date or pub.text or "?"
        if pub.date is None and pub.candidate_years:
            when += f" (year not given; fits {', '.join(map(str, pub.candidate_years[-3:]))})"
        if pub.weekday_conflict:
            when += " [weekday disagrees with date]"
    out.rule(f"[bold]{escape(article.title or article.source)}")
    out.print(
        f"[dim]{escape(article.source)} · {article.lang} · {escape(article.section or 'no section')} · "
        f"{escape(when)} · {_count(len(article.sentences), 'sentence')} · "
        f"{_count(len(article.entities), 'entity', 'entities')} · {_count(len(article.quotes), 'quote')}[/dim]"
    )
    people = Counter(m.name or m.lemma for m in article.entities if m.label == "PER")
    places = Counter(m.name or m.lemma for m in article.entities if m.label == "LOC")
    orgs = Counter(m.name or m.lemma for m in article.entities if m.label == "ORG")
    for label, names in (("people", people), ("organisations", orgs), ("places", places)):
        if names:
            out.print(f"[bold]{label}:[/bold] " + escape(", ".join(n for n, _ in names.most_common(12))))
    types = {s.quote_index: s for s in article.statements}
    for index, quote in enumerate(article.quotes):
        speaker = quote.speaker.name or quote.speaker.text if quote.speaker else "unknown speaker"
        cue = f" ({quote.cue.text})" if quote.cue else ""
        to = f" → {quote.addressee.name or quote.addressee.text}" if quote.addressee else ""
        statement = types.get(index)
        tag = f"{quote.kind}" + (f", {statement.type} {statement.cameo}" if statement else "")
        text = quote.text if len(quote.text) <= 300 else quote.text[:297] + "..."
        out.print(f"  [cyan]{escape(speaker)}[/cyan]{escape(cue + to)} [dim]\\[{tag}][/dim]: “{escape(text)}”")


@app.command()
def analyze(
    paths: PathsArg,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    fail_on_reject: Annotated[
        bool, typer.Option(
            "--fail-on-reject", help="Exit with status 1 if any document was rejected.", metavar=_SWITCH
        )
    ] = False,
) -> None:
    """Analyse documents and print who said what (nothing is stored).

    With --json, prints one `newsdesk.article/1` object per line (JSON Lines).
    Rejected documents are reported on stderr with the reason. Exit status as
    for `ingest`: 1 with --fail-on-reject and a rejection, 3 when an input
    could not be read at all.
    """
    settings = _settings()
    forced = _lang(lang)
    n_rejected = 0
    io_error = False
    n_read = 0
    for result in _analysed(paths, settings, lang=forced):
        n_read += 1
        if isinstance(result, Rejected):
            n_rejected += 1
            io_error = io_error or result.io_error
            _report_rejected(result)
        else:
            _report_warnings(result)
            if json_out:
                sys.stdout.write(json.dumps(article_to_dict(result), ensure_ascii=False) + "\n")
            else:
                _print_article(result)
    if n_read == 0:
        err.print("[yellow]nothing to read[/yellow]: the inputs name no news files (.txt, .html, .jsonl, ...)")
    if io_error:
        raise typer.Exit(3)
    if fail_on_reject and n_rejected:
        raise typer.Exit(1)


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


def _open_store(db: Path | None):
    from newsdesk.store import Store

    settings = _settings(db_path=db)
    if not settings.db_path.exists():
        _fail(f"no database at {settings.db_path}: run `newsdesk ingest PATH --db {settings.db_path}` first")
    try:
        return Store(settings.db_path)
    except NewsdeskError as exc:
        _fail(str(exc))


@app.command()
def quotes(
    speaker: Annotated[
        Optional[str],
        typer.Option("--speaker", "-s", help="A speaker's name in any script: Stoltenberg, Столтенберг."),
    ] = None,
    lang: LangOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many quotes.")] = 50,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List stored quotations, newest first, optionally by speaker and language."""
    forced = _lang(lang)
    with _open_store(db) as store:
        try:  # any alias of the speaker's canonical entity, any script or inflection (Столтенберга)
            rows = store.quotes(speaker=speaker or None, lang=forced, limit=limit)
        except NewsdeskError as exc:
            _fail(str(exc))
    if json_out:
        for row in rows:
            sys.stdout.write(json.dumps(_row_dict(row), ensure_ascii=False) + "\n")
        return
    if not rows:
        err.print("no quotes found" + (f" for speaker {speaker!r}" if speaker else ""))
        return
    table = Table("speaker", "lang", "date", "quote", "statement", "source", show_lines=True)
    for row in rows:
        said = row.statement_type or ""
        if row.statement_type and row.statement_type != "STATEMENT" and (row.target_name or row.target_key):
            said += f" → {row.target_name or row.target_key}"
        table.add_row(
            escape(row.speaker_name or row.speaker_text or "?"),
            row.lang,
            row.published_date or "",
            escape((f"[{row.kind}] " if row.kind != "direct" else "")
                   + (row.text if len(row.text) < 400 else row.text[:397] + "...")),
            escape(said),
            escape(row.title or row.source),
        )
    out.print(table)
    if len(rows) == limit:
        err.print(f"[dim]showing the first {limit}; --limit N shows more[/dim]")


@app.command()
def search(
    query: Annotated[
        str,
        typer.Argument(
            help='Words to find in article and quote text, any language; all must occur. Also: "exact phrase", '
            "prefix* (Трамп* finds Трампа), OR, NOT, parentheses. No stemming: use a prefix for other word forms.",
            show_default=False,
        ),
    ],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many hits.")] = 20,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Full-text search over stored articles and quotations."""
    with _open_store(db) as store:
        try:
            hits = _search(store, query, limit)
        except NewsdeskError as exc:
            _fail(str(exc))
    if json_out:
        for hit in hits:
            sys.stdout.write(json.dumps(_row_dict(hit), ensure_ascii=False) + "\n")
        return
    if not hits:
        err.print(f"nothing found for {query!r}")
        return
    for hit in hits:
        data = _row_dict(hit)
        head = data.get("title") or data.get("source")
        out.print(f"[bold]{escape(str(head))}[/bold] [dim]{data.get('lang', '')} {data.get('kind', '')}[/dim]")
        out.print("  " + escape(str(data.get("snippet", ""))))


_LINE_PREFIX = re.compile(r"^line \d+: ")
_FTS_SYNTAX = re.compile(r'["*()]|\b(?:OR|AND|NOT|NEAR)\b')


def _search(store, query: str, limit: int) -> list:
    """Search with FTS5 syntax when the query uses some, else (or when it is not valid syntax) as plain words."""
    if _FTS_SYNTAX.search(query):
        try:
            return store.search(query, limit=limit, raw=True)
        except StoreError:
            pass
    return store.search(query, limit=limit)


@app.command()
def speakers(
    lang: LangOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Speakers to show per language.")] = 10,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Who said what: the most quoted speakers per language, with an example quote."""
    forced = _lang(lang)
    with _open_store(db) as store:
        rows = store.speakers(lang=forced)
        counts = store.counts()
    if json_out:
        for row in rows:
            sys.stdout.write(json.dumps(_row_dict(row), ensure_ascii=False) + "\n")
        return
    by_lang = counts.get("articles_by_lang", {})
    out.print(
        f"[bold]{counts.get('articles', 0)} articles[/bold] "
        f"({', '.join(f'{k}: {v}' for k, v in sorted(by_lang.items()))}), "
        f"{counts.get('quotes', 0)} quotes ({counts.get('quotes_with_speaker', 0)} with a speaker), "
        f"{counts.get('mentions', counts.get('entities', 0))} entity mentions of "
        f"{counts.get('entities', 0)} entities"
    )
    for code in sorted({row.lang for row in rows}):
        table = Table("speaker", "quotes", "articles", "for example", title=f"who said what · {code}")
        for row in [r for r in rows if r.lang == code][:limit]:
            example = row.example if len(row.example) <= 100 else row.example[:97] + "..."
            table.add_row(escape(row.name), str(row.n_quotes), str(row.n_articles), f"“{escape(example)}”")
        out.print(table)


@app.command()
def entities(
    label: Annotated[
        Optional[str], typer.Option("--label", "-l", help="Only this label: PER, ORG, LOC or MISC.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many entities.")] = 50,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List canonical entities, linked across documents, languages and scripts, with mention and quote counts.

    One row per person, organisation or place: `Jens Stoltenberg`, `Йенс Столтенберг` and `Єнс Столтенберг` are
    one entity with three aliases. Most mentioned first.
    """
    with _open_store(db) as store:
        try:
            rows = store.entities(label=label, limit=limit)
        except NewsdeskError as exc:
            _fail(str(exc))
    if json_out:
        for row in rows:
            sys.stdout.write(json.dumps(_row_dict(row), ensure_ascii=False) + "\n")
        return
    if not rows:
        err.print("no entities stored" + (f" with label {label.upper()}" if label else ""))
        return
    table = Table("entity", "label", "mentions", "quotes", "articles", "names (en / ru / uk)", "aliases")
    for row in rows:
        names = " / ".join(n or "–" for n in (row.name_en, row.name_ru, row.name_uk))
        aliases = ", ".join(f"{a.alias} ({a.lang})" for a in row.aliases[:6])
        if len(row.aliases) > 6:
            aliases += f", … {len(row.aliases) - 6} more"
        table.add_row(
            escape(row.name), row.label, str(row.n_mentions), str(row.n_quotes), str(row.n_articles),
            escape(names), escape(aliases),
        )
    out.print(table)
    if len(rows) == limit:
        err.print(f"[dim]showing the first {limit}; --limit N shows more[/dim]")


_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; the default serves this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web desk (RU / UA / EN) and the JSON API under /api/v1 over the database.

    Read-only unless the environment variable NEWSDESK_API_TOKEN is set: then
    POST /api/v1/articles ingests articles from requests that send
    `Authorization: Bearer <token>`. The OpenAPI schema is at
    /api/v1/openapi.json. Ctrl+C stops the server.
    """
    import os

    import uvicorn

    from newsdesk.web import create_app

    settings = _settings(db_path=db)
    token = os.environ.get("NEWSDESK_API_TOKEN", "").strip() or None
    if token is None and not settings.db_path.exists():
        _fail(f"no database at {settings.db_path}: run `newsdesk ingest PATH --db {settings.db_path}` first")
    try:
        web = create_app(settings.db_path, api_token=token, settings=settings)
    except NewsdeskError as exc:
        _fail(str(exc))
    if host not in _LOOPBACK:
        err.print(f"[yellow]warning[/yellow]: listening on {escape(host)}, reachable from other machines")
    shown = f"[{host}]" if ":" in host else host
    mode = "ingest on (NEWSDESK_API_TOKEN set)" if token else "read-only"
    err.print(f"newsdesk serving {escape(str(settings.db_path))} at http://{escape(shown)}:{port}/ ({mode})")
    uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)


eval_app = typer.Typer(
    help="Measure quality on annotated news (PolNeAR, ADAQ, NTREX in ../shared/data). Figures are recorded in "
    "benchmarks/RESULTS-quotes.md.",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")

DataOpt = Annotated[Path, typer.Option("--data", help="The dataset folder, e.g. ../shared/data/polnear.")]


def _progress_bar(label: str):
    progress = Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )
    task = progress.add_task(label, total=None)
    return progress, lambda done, total: progress.update(task, completed=done, total=total)


def _print_figures(figures: dict, json_out: bool) -> None:
    if json_out:
        sys.stdout.write(json.dumps(figures, ensure_ascii=False) + "\n")
        return
    for name, value in figures.items():
        if isinstance(value, dict):
            cells = ", ".join(
                f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                for k, v in value.items() if not isinstance(v, (dict, list))
            )
            out.print(f"[bold]{name}[/bold]: {cells}")
        elif not isinstance(value, list):
            out.print(f"[bold]{name}[/bold]: {value:.3f}" if isinstance(value, float) else f"[bold]{name}[/bold]: {value}")


@eval_app.command("quotes")
def eval_quotes(
    data: DataOpt,
    split: Annotated[str, typer.Option("--split", help="PolNeAR split: dev or train.")] = "dev",
    annotator: Annotated[
        str, typer.Option("--annotator", help="PolNeAR: score against the first annotator, all (averaged), or an id.")
    ] = "first",
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Only the first N documents.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Score quotations and speakers: PolNeAR (English, brat) or ADAQ (Russian sentences), chosen by the folder.

    PolNeAR: precision, recall and F1 for direct quotations (gold content holds a quotation mark) and for all
    attributions, content matched by token Jaccard >= 0.5; exact-span F1; speaker accuracy and cue F1 on matched
    contents. ADAQ: sentence-level detection and token-level content F1.
    """
    from newsdesk.evaluation import evaluate_adaq, evaluate_polnear

    if not data.is_dir():
        _fail(f"no dataset folder at {data}: pass --data ../shared/data/polnear or ../shared/data/adaq-ru-quotes")
    progress, report = _progress_bar("evaluating")
    try:
        with progress:
            if next(data.glob("**/*.ann"), None) is not None:  # brat standoff: PolNeAR
                figures = evaluate_polnear(data, split, annotator=annotator, limit=limit, progress=report)
            else:
                figures = evaluate_adaq(data, progress=report)
    except NewsdeskError as exc:
        _fail(str(exc))
    _print_figures(figures, json_out)


@eval_app.command("consistency")
def eval_consistency(
    data: DataOpt,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Only the first N documents.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Cross-lingual consistency on NTREX-128 (the same stories in en, ru, uk).

    Reports the share of documents whose direct-quote counts agree in all three languages and the share of
    aligned quotes whose speakers resolve to the same person.
    """
    from newsdesk.evaluation import evaluate_consistency

    progress, report = _progress_bar("evaluating")
    try:
        with progress:
            figures = evaluate_consistency(data, limit=limit, progress=report)
    except NewsdeskError as exc:
        _fail(str(exc))
    _print_figures(figures, json_out)


@eval_app.command("linking")
def eval_linking(
    data: DataOpt,
    gold_lemmas: Annotated[
        bool, typer.Option("--gold-lemmas", help="SlavicNER: use the corpus's lemmas (isolates linking).",
                           metavar=_SWITCH)
    ] = False,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Only the first N documents.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Score entity linking, chosen by the folder: NTREX-128 or SlavicNER.

    NTREX-128 (../shared/data/ntrex-en-ru-uk, the same stories in en, ru, uk): per document, the Jaccard overlap
    of the canonical PER/ORG/LOC entity sets found in the three versions (mean; also the mean pairwise Jaccard).
    SlavicNER (../shared/data/slavicner-ru-uk): pairwise precision, recall and F1 of "same entity" decisions over
    gold mentions, ru and uk together, against the corpus's cross-lingual entity ids. Method:
    newsdesk.evaluation.linking.
    """
    from newsdesk.evaluation.linking import evaluate_ntrex_linking, evaluate_slavicner_linking

    if not data.is_dir():
        _fail(f"no dataset folder at {data}: pass --data ../shared/data/ntrex-en-ru-uk or "
              "../shared/data/slavicner-ru-uk")
    progress, report = _progress_bar("evaluating")
    try:
        with progress:
            if (data / "DOCUMENT_IDS.tsv").is_file():
                figures = evaluate_ntrex_linking(data, limit=limit, progress=report)
            else:
                figures = evaluate_slavicner_linking(data, gold_lemmas=gold_lemmas, limit=limit, progress=report)
    except NewsdeskError as exc:
        _fail(str(exc))
    if json_out:
        _print_figures(figures, True)
        return
    if figures["dataset"] == "ntrex":
        out.print(
            f"[bold]NTREX-128 linking[/bold]: {figures['n_docs']} documents ({figures['n_scored']} with entities), "
            f"mean Jaccard en∩ru∩uk / en∪ru∪uk {figures['jaccard']:.3f}, mean pairwise Jaccard "
            f"{figures['pairwise_jaccard']:.3f}; entities per version "
            + ", ".join(f"{k} {v}" for k, v in figures["entities_per_version"].items())
        )
        return
    table = Table("pairs", "precision", "recall", "F1", "true", "predicted", "gold",
                  title=f"SlavicNER linking · {figures['n_docs']} documents, {figures['n_mentions']} mentions"
                  + (" · gold lemmas" if figures["gold_lemmas"] else ""))
    rows = [("all (ru + uk)", figures["pairwise"]), ("ru-uk only", figures["cross_lingual"]),
            *figures["per_label"].items(), ("keys only (no store linking)", figures["keys_only"])]
    for name, row in rows:
        table.add_row(name, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}",
                      str(row["true_pairs"]), str(row["predicted_pairs"]), str(row["gold_pairs"]))
    out.print(table)
    out.print(f"{figures['n_gold_entities']} gold entities, {figures['n_predicted_entities']} predicted, "
              f"{figures['seconds']} s")


@eval_app.command("ner")
def eval_ner(
    dataset: Annotated[
        str, typer.Option("--dataset", help="conllpp, uner, factrueval, nerel, ner-uk or slavicner.")
    ],
    data: DataOpt,
    split: Annotated[
        Optional[str],
        typer.Option("--split", help="conllpp: dev|test; nerel: dev|train|test; factrueval: devset|testset; "
                     "ner-uk: train|ng|bruk|test; slavicner: all or a topic (the first is the default)."),
    ] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="uner: en or ru; slavicner: uk or ru.")] = None,
    labels: Annotated[str, typer.Option("--labels", help="Labels scored, comma-separated.")] = "PER,ORG,LOC",
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Only the first N documents.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Score entity recognition: exact-span micro precision, recall and F1, and per label.

    Each corpus's labels map to PER/ORG/LOC/MISC as newsdesk.evaluation.ner documents; the recognizer is the one
    `analyze` uses for the corpus's language. Also reports documents per second (models loaded before timing).
    """
    from newsdesk.evaluation.ner import DATASETS, evaluate_ner

    if dataset not in DATASETS:
        _fail(f"unknown --dataset {dataset!r}: use one of {', '.join(DATASETS)}")
    wanted = tuple(x.strip().upper() for x in labels.split(",") if x.strip())
    if not wanted or not set(wanted) <= {"PER", "ORG", "LOC", "MISC"}:
        _fail(f"--labels {labels!r}: name some of PER, ORG, LOC, MISC, comma-separated")
    progress, report = _progress_bar("evaluating")
    try:
        with progress:
            figures = evaluate_ner(dataset, data, split=split, lang=lang, labels=wanted, limit=limit,
                                   progress=report)
    except NewsdeskError as exc:
        _fail(str(exc))
    if json_out:
        _print_figures(figures, True)
        return
    table = Table("label", "gold", "predicted", "correct", "precision", "recall", "F1",
                  title=f"NER · {figures['dataset']} {figures['split']} ({figures['lang']}) · exact span")
    for name, row in [*figures["per_label"].items(), ("micro", figures["micro"])]:
        table.add_row(name, str(row["n_gold"]), str(row["n_pred"]), str(row["tp"]),
                      f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}")
    out.print(table)
    out.print(f"{figures['n_docs']} documents, {figures['seconds']} s, {figures['docs_per_s']} documents/s")
    if figures.get("note"):
        out.print(f"[yellow]note:[/yellow] {escape(figures['note'])}")


def _row_dict(row: object) -> dict:
    from dataclasses import asdict, is_dataclass

    if is_dataclass(row):
        return asdict(row)  # type: ignore[arg-type]
    return dict(row)  # type: ignore[call-overload]


if __name__ == "__main__":  # pragma: no cover
    app()
