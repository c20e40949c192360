"""What every ``newsdesk`` command shares: the Typer app, the consoles, common options, settings and errors."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console
from typer.core import TyperArgument, TyperCommand, TyperGroup
from rich.markup import escape

from newsdesk import __version__
from newsdesk.batch.local import run_local
from newsdesk.config import Settings, load_settings
from newsdesk.errors import NewsdeskError
from newsdesk.lang import normalize_lang
from newsdesk.model import Article, RawDocument, Rejected
from newsdesk.read import iter_documents


_SWITCH = " "  # the metavar of on/off options: blank, so help does not print "<bool>" after them


class _Command(TyperCommand):
    """A command whose help shows no Python types (Typer labels ``--help`` ``<bool>`` and arguments
    ``<list[str]>``): options name what they take with their metavar, arguments with their name. Help also
    leaves out Typer's own notations, which readers of Unix help do not know: ranges (``N [x>=1]``; the help
    text says the bound in words, and a value out of range is still refused) and braces around required
    arguments in the usage line (``{PATH}...`` is shown ``PATH...``)."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument):
                param.display_type_rich = _no_type  # type: ignore[method-assign]
                param._usage_display_name = _plain_usage(param)  # type: ignore[method-assign]
            else:
                param._get_number_range_help_str = _no_range  # type: ignore[attr-defined]

    def get_help_option(self, ctx):  # type: ignore[no-untyped-def]
        return _without_type(super().get_help_option(ctx))


class _Group(TyperGroup):
    """The command group, with the same ``--help`` line as :class:`_Command`."""

    def get_help_option(self, ctx):  # type: ignore[no-untyped-def]
        return _without_type(super().get_help_option(ctx))


def _no_type(ctx: object = None) -> None:
    return None


def _no_range() -> str:
    return ""


def _plain_usage(param):  # type: ignore[no-untyped-def]
    """The usage-line name of an argument as Unix help writes it: ``PATH...``, ``[PATH]`` when optional."""

    def name() -> str:
        shown = param.display_name_raw if param.required else f"[{param.display_name_raw}]"
        return shown + ("..." if param.nargs != 1 else "")

    return name


def _without_type(option):  # type: ignore[no-untyped-def]
    if option is not None:
        option.metavar = _SWITCH
    return option


class _App(typer.Typer):
    """A Typer app whose commands are :class:`_Command` unless a command says otherwise."""

    def command(self, *args, cls=None, **kwargs):  # type: ignore[no-untyped-def]
        return super().command(*args, cls=cls or _Command, **kwargs)


app = _App(
    cls=_Group,
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

PathsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH",
        help="Files, directories (read recursively), glob patterns (quote them: 'news/*.html'), or - for "
        "standard input. Formats: page captures (.txt), HTML pages, JSON Lines (.jsonl: url, title, text, "
        "published, lang), WARC archives (.warc, .warc.gz: the HTML pages in them); UTF-8/16, cp1251, koi8-r "
        "and koi8-u are detected.",
        show_default=False,
    ),
]
DbOpt = Annotated[
    Optional[Path], typer.Option("--db", metavar="FILE", help="SQLite database file [default: setting db_path, newsdesk.db].")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (JSON Lines for several records).", metavar=_SWITCH)]
LangOpt = Annotated[
    Optional[str], typer.Option("--lang", metavar="CODE", help="Language: en, ru or uk (ua accepted for Ukrainian).")
]
ForceLangOpt = Annotated[
    Optional[str],
    typer.Option(
        "--lang", metavar="CODE",
        help="Read every document as this language: en, ru or uk (ua accepted for Ukrainian) [default: detected "
        "per document; a document in another language is rejected].",
    ),
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
    reason = rejected.reason
    line = _LINE_PREFIX.match(reason)
    if line and rejected.source.endswith(":" + line.group()[5:-2]):
        reason = reason[line.end():]  # the source names the line already: news.jsonl:2
    err.print(f"[yellow]rejected[/yellow] {escape(rejected.source)}: {escape(reason)}")


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _report_warnings(article: Article) -> None:
    for warning in article.warnings:
        err.print(f"[yellow]warning[/yellow] {escape(article.source)}: {escape(warning)}")



_LINE_PREFIX = re.compile(r"^line \d+: ")


def _open_store(db: Path | None):
    from newsdesk.store import Store

    settings = _settings(db_path=db)
    if not settings.db_path.exists():
        _fail(f"no database at {settings.db_path}: run `newsdesk ingest PATH --db {settings.db_path}` first")
    try:
        return Store(settings.db_path)
    except NewsdeskError as exc:
        _fail(str(exc))


def _row_dict(row: object) -> dict:
    from dataclasses import asdict, is_dataclass

    if is_dataclass(row):
        return asdict(row)  # type: ignore[arg-type]
    return dict(row)  # type: ignore[call-overload]
