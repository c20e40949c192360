"""``newsdesk analyze``: one article's annotations, readable or as ``newsdesk.article/1`` JSON, nothing stored."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Annotated

import typer
from rich.markup import escape

from newsdesk.model import Article, Rejected
from newsdesk.serialize import article_to_dict
from newsdesk.cli.common import (
    app,
    out,
    err,
    _SWITCH,
    PathsArg,
    JsonOpt,
    ForceLangOpt,
    _settings,
    _lang,
    _analysed,
    _report_rejected,
    _count,
    _report_warnings,
)


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
        tag += ", headline" if quote.field == "title" else ""
        text = quote.text if len(quote.text) <= 300 else quote.text[:297] + "..."
        shown = f"“{text}”" if quote.kind == "direct" else text  # a mixed quotation shows its own marks
        out.print(f"  [cyan]{escape(speaker)}[/cyan]{escape(cue + to)} [dim]\\[{tag}][/dim]: {escape(shown)}")


@app.command()
def analyze(
    paths: PathsArg,
    json_out: JsonOpt = False,
    lang: ForceLangOpt = None,
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
