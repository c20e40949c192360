"""JSON Lines: one article per line.

Each line is a JSON object::

    {"url": "...", "title": "...", "text": "...", "published": "2022-01-22",
     "lang": "ua", "section": "politics"}

``text`` is required; ``url``, ``title``, ``published`` (-> published_meta),
``lang`` (-> lang_hint, ``ua`` read as ``uk``), ``section`` and ``site`` are
optional (string or null). Unknown keys are ignored. Blank lines are skipped.
A bad line becomes a :class:`Rejected` naming the line, and the next lines are
read on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from newsdesk.lang import try_normalize_lang
from newsdesk.model import RawDocument, Rejected
from newsdesk.read.text import split_paragraphs

__all__ = ["read_jsonl", "read_jsonl_lines", "read_jsonl_line", "OPTIONAL_FIELDS"]

OPTIONAL_FIELDS: tuple[str, ...] = ("url", "title", "published", "lang", "section", "site")
"""Keys read besides ``text``; each must be a string or null."""


def read_jsonl(text: str, source: str) -> Iterator[RawDocument | Rejected]:
    """Read JSON Lines text, one document (or rejection) per non-blank line.

    Args:
        text: the whole decoded JSONL content.
        source: the file's name; each record's source is ``source:LINE``
            (1-based line number).

    Yields:
        A RawDocument or a Rejected (``stage="read"``) per non-blank line, in
        order. Never raises for bad input.
    """
    yield from read_jsonl_lines(enumerate(text.splitlines(), start=1), source)


def read_jsonl_lines(
    lines: Iterable[tuple[int, str]], source: str
) -> Iterator[RawDocument | Rejected]:
    """Like :func:`read_jsonl` over ``(line_number, line)`` pairs (for streaming a file)."""
    for number, line in lines:
        if line.strip():
            yield read_jsonl_line(line, source, number)


def read_jsonl_line(line: str, source: str, number: int) -> RawDocument | Rejected:
    """Read one JSONL record.

    Args:
        line: the line's text (a JSON object).
        source: the file's name.
        number: the 1-based line number.

    Returns:
        A RawDocument with source ``source:number``; or a Rejected whose
        reason starts ``line N:`` and says what to fix.
    """
    where = f"{source}:{number}"
    try:
        record = json.loads(line.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        return Rejected(
            where,
            f"line {number}: not valid JSON ({exc.msg} at column {exc.colno}); "
            "fix or remove the line",
            "read",
        )
    if not isinstance(record, dict):
        return Rejected(
            where,
            f"line {number}: expected a JSON object, got {_json_type(record)}; "
            "put one article object per line",
            "read",
        )
    body = record.get("text")
    if not isinstance(body, str):
        got = "no 'text' field" if body is None else f"'text' is {_json_type(body)}"
        return Rejected(
            where, f"line {number}: {got}; each line needs the article body as a string", "read"
        )
    fields: dict[str, str | None] = {}
    for key in OPTIONAL_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return Rejected(
                where,
                f"line {number}: field '{key}' must be a string or null, got "
                f"{_json_type(value)}",
                "read",
            )
        fields[key] = (" ".join(value.split()) or None) if isinstance(value, str) else None
    paragraphs = split_paragraphs(body)
    if not paragraphs:
        return Rejected(where, f"line {number}: empty document ('text' is blank)", "read")
    section = fields["section"]
    return RawDocument(
        source=where,
        text="\n\n".join(paragraphs),
        title=fields["title"],
        section=section.lower() if section else None,
        url=fields["url"],
        site=fields["site"],
        published_meta=fields["published"],
        lang_hint=try_normalize_lang(fields["lang"]),
        encoding=None,
    )


def _json_type(value: object) -> str:
    """The JSON name of a parsed value's type (``array``, ``number``, ...)."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "a string"
    return "null"
