"""Questions to the database: ``newsdesk quotes``, ``search``, ``speakers`` and ``entities``."""

from __future__ import annotations

import json
import re
import sys
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table

from newsdesk.errors import NewsdeskError, StoreError
from newsdesk.cli.common import (
    app,
    out,
    err,
    DbOpt,
    JsonOpt,
    LangOpt,
    _fail,
    _lang,
    _open_store,
    _row_dict,
)


@app.command()
def quotes(
    speaker: Annotated[
        Optional[str],
        typer.Option(
            "--speaker", "-s", metavar="NAME",
            help="Any name of the speaker's entity, in any script or inflection: Stoltenberg, Столтенберга, "
                 "Jens Stoltenberg (names are linked across articles and languages). A surname alone answers "
                 "everyone stored with it: give the full name to pick one person.",
        ),
    ] = None,
    lang: LangOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, metavar="N", help="At most this many quotes.")] = 50,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List stored quotations, newest first, optionally by speaker and language.

    Example: `newsdesk quotes --speaker Столтенберг --lang en --db news.db`.
    """
    if speaker is not None and not speaker.strip():
        _fail("--speaker is empty: give a name (leave the option out to list every quotation)")
    forced = _lang(lang)
    with _open_store(db) as store:
        try:  # any alias of the speaker's canonical entity, any script or inflection (Столтенберга)
            rows = store.quotes(speaker=speaker or None, lang=forced, limit=limit)
        except NewsdeskError as exc:
            _fail(str(exc))
    if json_out:
        for row in rows:
            # the canonical entity key (linked across documents) next to the per-document speaker key
            fields = _row_dict(row)
            entity_key = fields.pop("speaker_entity_key", None)
            data = {}
            for name, value in fields.items():
                data[name] = value
                if name == "text":
                    data["content"] = row.content  # the parts without the attribution between them
                if name == "parts":  # one piece is the whole span, as in the article JSON (newsdesk.article/1)
                    data["parts"] = [list(p) for p in row.parts] or [[row.start, row.end]]
                if name == "speaker_key":
                    data["speaker_entity_key"] = entity_key
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
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
                   + (row.content if len(row.content) < 400 else row.content[:397] + "...")),
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
            metavar="QUERY",
            help='Words to find in article and quote text, any language; all must occur. Also: "exact phrase", '
            "prefix* (Трамп* finds Трампа), OR, NOT, parentheses. No stemming: use a prefix for other word forms.",
            show_default=False,
        ),
    ],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, metavar="N", help="At most this many hits.")] = 20,
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
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, metavar="N", help="Speakers to show per language.")] = 10,
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
        Optional[str], typer.Option("--label", "-l", metavar="LABEL", help="Only this label: PER, ORG, LOC or MISC.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, metavar="N", help="At most this many entities.")] = 50,
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
