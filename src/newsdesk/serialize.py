"""The JSON contract for articles: one serializer, one schema version.

:func:`article_to_dict` turns an :class:`~newsdesk.model.Article` into plain
JSON-ready data (dicts, lists, strings, numbers, booleans, None);
:func:`article_from_dict` turns such data back into the same Article
(``article_from_dict(article_to_dict(a)) == a``). The data carries
``"schema": "newsdesk.article/1"`` so readers can tell versions apart.

Shape (keys in this order; every offset is a half-open character offset
``[start, end)`` into ``text``, or into ``title`` where a ``field`` says so)::

    {"schema": "newsdesk.article/1", "id", "source", "lang", "languages_offered": [..],
     "title", "section", "url", "site",
     "published": {"date", "year", "month", "day", "weekday", "weekday_conflict",
                   "candidate_years": [..], "text", "time", "utc_offset", "origin",
                   "precision"} | null,
     "fetched": "2023-03-14T10:00:00Z" | null,
     "text": "...",
     "sentences": [{"start", "end"}],
     "entities": [{"start", "end", "text", "label", "lemma", "key", "name"}],
     "quotes": [{"kind", "start", "end", "text", "opening_mark_missing",
                 "closing_mark_missing",
                 "speaker": {"start", "end", "text", "key", "name"} | null,
                 "cue": {"start", "end", "text", "lemma"} | null,
                 "parts": [[start, end], ...],
                 "addressee": {"start", "end", "text", "key", "name"} | null,
                 "field": "text" | "title"}],
     "statements": [{"type", "cameo", "actor": {"key", "name"} | null,
                     "target": {"key", "name"} | null, "quote_index", "start", "end", "text",
                     "field": "text" | "title"}],
     "warnings": [..]}

Sentences carry no ``text``: it is ``text[start:end]``. A quote's ``parts``
are the half-open ranges of its content pieces, in order, inside
``[start, end)``: several for a quotation interrupted by its attribution or
running over paragraphs, and ``[[start, end]]`` for a quote in one piece
(in the data model that is ``Quote.parts == ()``; a reader given no
``parts`` takes the one piece too). A quote's ``addressee`` is whom the cue
names as addressed (``called on Russia to ...``). A quote's or statement's
``field`` says where its offsets point: ``"title"`` for one found in a
headline the reader took off the body, else ``"text"`` (a reader given no
``field`` takes ``"text"``: data written before it was added). A statement's ``type`` is a
CAMEO top-level type (:data:`newsdesk.model.StatementType`) with its code in
``cameo`` (``"02"``); ``quote_index`` points into ``quotes`` (or is null);
``actor``/``target`` are null when neither key nor name is known.
``fetched`` is when the page was captured (a WARC record's ``WARC-Date``,
ISO 8601 UTC), not a publication date; a reader given no ``fetched`` takes
null (data written before it was added). ``published.precision``
is derived (``day``/``month``/``year``/null) and ignored on reading.

Writing JSON is the caller's job: use ``json.dumps(d, ensure_ascii=False)`` so
Cyrillic stays readable (``ensure_ascii=True`` is also valid JSON, only
larger). Readers ignore keys they do not know, so later minor additions do not
break older readers of the same schema version.

This module imports only the data model, the errors and language-code handling.
"""

from __future__ import annotations

import types
from dataclasses import MISSING, fields, is_dataclass
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from newsdesk.errors import ExtractError
from newsdesk.lang import try_normalize_lang
from newsdesk.model import CAMEO_CODES, Article, Cue, Mention, PublicationDate, Quote, Span, Speaker, Statement

__all__ = ["SCHEMA", "article_from_dict", "article_to_dict", "offset_problems"]

SCHEMA = "newsdesk.article/1"
"""The schema version written into (and required from) every serialized article."""


def article_to_dict(article: Article) -> dict[str, Any]:
    """Serialize an article to JSON-ready data in the ``newsdesk.article/1`` shape.

    Args:
        article: any Article; its offsets are not checked here (see
            :func:`offset_problems`).

    Returns:
        A new dict with the keys in the documented order; tuples become lists.
        Pass it to ``json.dumps(..., ensure_ascii=False)`` to write it.
    """
    return {
        "schema": SCHEMA,
        "id": article.id,
        "source": article.source,
        "lang": article.lang,
        "languages_offered": list(article.languages_offered),
        "title": article.title,
        "section": article.section,
        "url": article.url,
        "site": article.site,
        "published": _date_to_dict(article.published),
        "fetched": article.fetched,
        "text": article.text,
        "sentences": [{"start": s.start, "end": s.end} for s in article.sentences],
        "entities": [_plain(m) for m in article.entities],
        "quotes": [_quote_to_dict(q) for q in article.quotes],
        "statements": [_statement_to_dict(s) for s in article.statements],
        "warnings": list(article.warnings),
    }


def article_from_dict(data: Any) -> Article:
    """Rebuild an article from data made by :func:`article_to_dict` (or parsed from its JSON).

    Lists become tuples, sentence texts are cut from ``text``, the language
    code alias ``ua`` becomes ``uk``; unknown keys are ignored, missing keys
    with a default in the data model take that default.

    Args:
        data: a dict with ``"schema": "newsdesk.article/1"``.

    Returns:
        The Article; equal to the one serialized.

    Raises:
        ExtractError: the data is not a ``newsdesk.article/1`` article: wrong
            or missing schema, a missing required key, a value of the wrong
            type, or an offset outside the text or not matching its
            ``text`` (the message names the first problem's place, such as
            ``quotes[2].speaker.end``).
    """
    if not isinstance(data, dict):
        raise ExtractError(f"a serialized article must be a JSON object, not {type(data).__name__}")
    schema = data.get("schema")
    if schema != SCHEMA:
        raise ExtractError(
            f"not a {SCHEMA} article (schema: {schema!r}); serialize it with "
            "newsdesk.serialize.article_to_dict, or convert it to this schema first"
        )
    fixed = dict(data)
    if isinstance(fixed.get("lang"), str):
        fixed["lang"] = try_normalize_lang(fixed["lang"]) or fixed["lang"]
    text = fixed.get("text")
    sentences = fixed.get("sentences", [])
    if isinstance(text, str) and isinstance(sentences, list):
        fixed["sentences"] = [_sentence_with_text(s, text) for s in sentences]
    quotes = fixed.get("quotes")
    if isinstance(quotes, list):
        fixed["quotes"] = [_quote_one_piece(q) for q in quotes]
    statements = fixed.get("statements")
    if isinstance(statements, list):
        fixed["statements"] = [_statement_fields(s, f"article.statements[{i}]") for i, s in enumerate(statements)]
    article = _build(Article, fixed, "article")
    problems = offset_problems(article)
    if problems:
        raise ExtractError(f"article {article.id!r} from {article.source!r}: {problems[0]}")
    return article


def offset_problems(article: Article) -> list[str]:
    """List every annotation whose offsets break the ``text[start:end] == span.text`` invariant.

    Checks sentences, entity mentions, quotes and each quote's speaker, cue
    and addressee, and statements: ``0 <= start <= end <= len(article.text)``
    and the span's ``text`` equals ``article.text[start:end]`` (``title``
    instead of ``text`` for a quote or statement whose ``field`` says so); a statement's
    ``quote_index`` must be None or an index into ``quotes`` and its ``cameo``
    the code of its ``type``.

    Returns:
        One sentence per problem (``"quotes[0].cue: text[5:9] is 'said', not 'says'"``);
        empty when all offsets are consistent.
    """
    problems: list[str] = []

    def check(where: str, span: Span | Mention | Quote | Speaker | Cue | Statement, field: str = "text") -> None:
        text = article.title or "" if field == "title" else article.text
        if not 0 <= span.start <= span.end <= len(text):
            problems.append(
                f"{where}: offsets [{span.start}, {span.end}) lie outside the {field} (length {len(text)})"
            )
        elif text[span.start : span.end] != span.text:
            found = text[span.start : span.end]
            problems.append(f"{where}: {field}[{span.start}:{span.end}] is {found!r}, not {span.text!r}")

    for i, sentence in enumerate(article.sentences):
        check(f"sentences[{i}]", sentence)
    for i, mention in enumerate(article.entities):
        check(f"entities[{i}]", mention)
    for i, quote in enumerate(article.quotes):
        check(f"quotes[{i}]", quote, quote.field)
        last_end = quote.start
        for j, (s, e) in enumerate(quote.parts):
            if not (quote.start <= s < e <= quote.end and s >= last_end):
                problems.append(
                    f"quotes[{i}].parts[{j}]: [{s}, {e}) must be non-empty, after the previous part and inside "
                    f"the quote's [{quote.start}, {quote.end})"
                )
                break
            last_end = e
        if quote.speaker is not None:
            check(f"quotes[{i}].speaker", quote.speaker, quote.field)
        if quote.cue is not None:
            check(f"quotes[{i}].cue", quote.cue, quote.field)
        if quote.addressee is not None:
            check(f"quotes[{i}].addressee", quote.addressee, quote.field)
    for i, statement in enumerate(article.statements):
        check(f"statements[{i}]", statement, statement.field)
        if CAMEO_CODES.get(statement.type) != statement.cameo:
            problems.append(
                f"statements[{i}].cameo: {statement.cameo!r} is not the CAMEO code of {statement.type} "
                f"({CAMEO_CODES.get(statement.type)!r})"
            )
        index = statement.quote_index
        if index is not None and not 0 <= index < len(article.quotes):
            problems.append(
                f"statements[{i}].quote_index: {index} is not an index into the {len(article.quotes)} quotes"
            )
    return problems


# --- writing -------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Dataclass -> dict in field order, tuple -> list, recursively."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def _quote_to_dict(quote: Quote) -> dict[str, Any]:
    out = _plain(quote)
    out["parts"] = [list(p) for p in quote.parts] or [[quote.start, quote.end]]
    return out


def _party(key: str | None, name: str | None) -> dict[str, Any] | None:
    return None if key is None and name is None else {"key": key, "name": name}


def _statement_to_dict(statement: Statement) -> dict[str, Any]:
    return {
        "type": statement.type,
        "cameo": statement.cameo,
        "actor": _party(statement.actor_key, statement.actor_name),
        "target": _party(statement.target_key, statement.target_name),
        "quote_index": statement.quote_index,
        "start": statement.start,
        "end": statement.end,
        "text": statement.text,
        "field": statement.field,
    }


def _date_to_dict(published: PublicationDate | None) -> dict[str, Any] | None:
    if published is None:
        return None
    out = _plain(published)
    out["precision"] = published.precision
    return out


# --- reading -------------------------------------------------------------------


def _sentence_with_text(item: Any, text: str) -> Any:
    if isinstance(item, dict) and "text" not in item:
        start, end = item.get("start"), item.get("end")
        if type(start) is int and type(end) is int:  # bad offsets are reported by offset_problems
            return {**item, "text": text[start:end]}
    return item


def _quote_one_piece(item: Any) -> Any:
    """``parts`` of ``[[start, end]]`` (one piece, the whole span) -> no parts, as in the data model."""
    if isinstance(item, dict) and isinstance(item.get("parts"), list) and len(item["parts"]) == 1:
        piece = item["parts"][0]
        if isinstance(piece, list) and piece == [item.get("start"), item.get("end")]:
            return {**item, "parts": []}
    return item


def _statement_fields(item: Any, where: str) -> Any:
    """``actor``/``target`` objects -> the flat ``actor_key``/``actor_name``/... fields of the data model."""
    if not isinstance(item, dict):
        return item  # reported by _build
    out = {k: v for k, v in item.items() if k not in ("actor", "target")}
    for role in ("actor", "target"):
        party = item.get(role)
        if party is None:
            out[f"{role}_key"] = out[f"{role}_name"] = None
        elif isinstance(party, dict):
            out[f"{role}_key"] = party.get("key")
            out[f"{role}_name"] = party.get("name")
        else:
            raise ExtractError(f"{where}.{role}: expected a JSON object or null, got {type(party).__name__}")
    return out


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _build(cls: type, data: Any, where: str) -> Any:
    """Construct dataclass ``cls`` from a dict, checking every field against its annotation."""
    if not isinstance(data, dict):
        raise ExtractError(f"{where}: expected a JSON object, got {type(data).__name__}")
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            if f.default is MISSING and f.default_factory is MISSING:
                raise ExtractError(f"{where}: the required key {f.name!r} is missing")
            continue
        kwargs[f.name] = _convert(data[f.name], hints[f.name], f"{where}.{f.name}")
    return cls(**kwargs)


def _convert(value: Any, tp: Any, where: str) -> Any:
    origin = get_origin(tp)
    if origin is Union or origin is types.UnionType:
        options = get_args(tp)
        if value is None and type(None) in options:
            return None
        first_error: ExtractError | None = None
        for option in options:
            if option is type(None):
                continue
            try:
                return _convert(value, option, where)
            except ExtractError as exc:
                first_error = first_error or exc
        raise first_error or ExtractError(f"{where}: unexpected value {value!r}")
    if origin is Literal:
        allowed = get_args(tp)
        if isinstance(value, str) and value in allowed:
            return value
        raise ExtractError(f"{where}: {value!r} is not one of {', '.join(map(repr, allowed))}")
    if origin is tuple:
        args = get_args(tp)
        if not isinstance(value, (list, tuple)):
            raise ExtractError(f"{where}: expected a list, got {type(value).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:  # tuple[X, ...]: any length
            return tuple(_convert(v, args[0], f"{where}[{i}]") for i, v in enumerate(value))
        if len(value) != len(args):  # tuple[X, Y]: exactly that many items
            raise ExtractError(f"{where}: expected a list of {len(args)} items, got {len(value)}")
        return tuple(_convert(v, a, f"{where}[{i}]") for i, (v, a) in enumerate(zip(value, args)))
    if is_dataclass(tp):
        return _build(tp, value, where)
    if tp is bool:
        if isinstance(value, bool):
            return value
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif tp is str:
        if isinstance(value, str):
            return value
    else:  # pragma: no cover - a model field of a kind this reader does not know
        raise TypeError(f"{where}: no reader for the annotation {tp!r}")
    raise ExtractError(f"{where}: expected {tp.__name__}, got {type(value).__name__} {value!r}")
