"""The ``newsdesk`` command line: analyze, ingest, quotes, search, speakers.

Run ``newsdesk --help`` or ``newsdesk COMMAND --help`` for the options.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections import Counter
from collections.abc import Iterator
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
from newsdesk.nlp.linking import query_needle
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
        "published, lang); UTF-8/16, cp1251, koi8-r and koi8-u are detected.",
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


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    lang: LangOpt = None,
    workers: Annotated[
        Optional[int], typer.Option("--workers", "-j", min=1, help="Processes to analyse with [default: 1].")
    ] = None,
    fail_on_reject: Annotated[
        bool, typer.Option(
            "--fail-on-reject", help="Exit with status 1 if any document was rejected.", metavar=_SWITCH
        )
    ] = False,
) -> None:
    """Analyse documents and store them in the database.

    One transaction per article; content already stored is left as it is
    (`unchanged`), never duplicated. Exit status: 0 when every input was
    stored or rejected for a stated reason; 1 with --fail-on-reject and a
    rejection; 2 on a database or configuration error; 3 when an input could
    not be read at all (missing path, permission, I/O error). The readable
    inputs are stored in every case.
    """
    from newsdesk.store import Store

    settings = _settings(db_path=db, workers=workers)
    forced = _lang(lang)
    tally: Counter[str] = Counter()
    rejected: list[Rejected] = []
    try:
        store = Store(settings.db_path)
    except NewsdeskError as exc:
        _fail(str(exc))
    with store, Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("ingesting", total=None)
        for result in _analysed(paths, settings, workers=settings.workers, lang=forced):
            tally["read"] += 1
            if isinstance(result, Rejected):
                rejected.append(result)
                _report_rejected(result)
            else:
                _report_warnings(result)
                try:
                    tally[store.add(result)] += 1
                except NewsdeskError as exc:
                    _fail(f"{result.source}: {exc}")
            progress.update(task, advance=1, description=f"ingesting ({tally['stored']} stored)")
    reasons = Counter(_LINE_PREFIX.sub("", r.reason).split(";")[0].split(" (")[0] for r in rejected)
    if tally["read"] == 0:
        err.print("[yellow]nothing to read[/yellow]: the inputs name no news files (.txt, .html, .jsonl, ...)")
    err.print(
        f"[bold]{tally['read']} read[/bold]: {tally['stored']} stored, {tally['unchanged']} unchanged, "
        f"{len(rejected)} rejected  → {settings.db_path}"
    )
    for reason, n in reasons.most_common():
        err.print(f"  {n} × {escape(reason)}")
    if any(r.io_error for r in rejected):
        raise typer.Exit(3)
    if fail_on_reject and rejected:
        raise typer.Exit(1)


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
        rows = store.quotes(speaker_needle=query_needle(speaker) if speaker else None, lang=forced, limit=limit)
        if speaker and not rows and query_needle(speaker, lemmatize=True) != query_needle(speaker):
            # an inflected name (Столтенберга): try its dictionary form
            rows = store.quotes(speaker_needle=query_needle(speaker, lemmatize=True), lang=forced, limit=limit)
    if json_out:
        for row in rows:
            sys.stdout.write(json.dumps(_row_dict(row), ensure_ascii=False) + "\n")
        return
    if not rows:
        err.print("no quotes found" + (f" for speaker {speaker!r}" if speaker else ""))
        return
    table = Table("speaker", "lang", "date", "quote", "source", show_lines=True)
    for row in rows:
        table.add_row(
            escape(row.speaker_name or row.speaker_text or "?"),
            row.lang,
            row.published_date or "",
            escape(row.text if len(row.text) < 400 else row.text[:397] + "..."),
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
        f"{counts.get('entities', 0)} entity mentions"
    )
    for code in sorted({row.lang for row in rows}):
        table = Table("speaker", "quotes", "articles", "for example", title=f"who said what · {code}")
        for row in [r for r in rows if r.lang == code][:limit]:
            example = row.example if len(row.example) <= 100 else row.example[:97] + "..."
            table.add_row(escape(row.name), str(row.n_quotes), str(row.n_articles), f"“{escape(example)}”")
        out.print(table)


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


def _row_dict(row: object) -> dict:
    from dataclasses import asdict, is_dataclass

    if is_dataclass(row):
        return asdict(row)  # type: ignore[arg-type]
    return dict(row)  # type: ignore[call-overload]


if __name__ == "__main__":  # pragma: no cover
    app()
