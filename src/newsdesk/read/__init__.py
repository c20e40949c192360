"""Readers: input files, directories, globs and stdin -> RawDocument | Rejected.

One function per source kind, and :func:`iter_documents` to walk inputs::

    decode.decode_bytes(data, source)  bytes -> (text, encoding) | Rejected
    text.read_capture(text, source)    page capture (like the seed) -> RawDocument
    html.read_html(html, source)       HTML page (trafilatura + htmldate) -> RawDocument
    jsonl.read_jsonl(text, source)     one article per line -> RawDocument per line
    warc.read_warc(stream, source)     WARC archive (.warc, .warc.gz) -> RawDocument per HTML page

Error policy: nothing here raises for bad *input*. A missing path, an
unreadable file (permissions, I/O error), a file over the size limit, binary,
empty or undecodable content, a bad JSONL line: each becomes one
``Rejected(source, reason, stage="read")`` and the batch goes on, so a run
reports every failure. :class:`newsdesk.errors.ReadError` is therefore not
raised by this package; exceptions mean bugs.

This package never imports ``newsdesk.nlp``.
"""

from __future__ import annotations

import dataclasses
import glob
import logging
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from newsdesk.model import RawDocument, Rejected
from newsdesk.read.decode import decode_bytes, sniff_binary
from newsdesk.read.html import declared_charset, looks_like_html, read_html
from newsdesk.read.jsonl import read_jsonl, read_jsonl_line
from newsdesk.read.text import read_capture
from newsdesk.read.warc import WARC_SUFFIXES, WarcPage, is_warc_name, read_warc

__all__ = [
    "iter_documents",
    "iter_paths",
    "read_bytes",
    "decode_bytes",
    "read_capture",
    "read_html",
    "read_jsonl",
    "read_warc",
    "WarcPage",
    "DEFAULT_MAX_DOCUMENT_BYTES",
    "JSONL_SUFFIXES",
    "HTML_SUFFIXES",
    "DIRECTORY_SUFFIXES",
    "WARC_SUFFIXES",
]

DEFAULT_MAX_DOCUMENT_BYTES = 5_000_000
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
DIRECTORY_SUFFIXES = JSONL_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES
"""File suffixes read when walking a directory (and names ending in :data:`WARC_SUFFIXES`); other files there
are skipped."""
STDIN = "-"
STDIN_SOURCE = "<stdin>"

_GLOB_CHARS = frozenset("*?[")
_CHUNK_BYTES = 1 << 16
log = logging.getLogger(__name__)

_MISSING = "no such file or directory; check the path"
_NO_MATCH = "the pattern matched no files; check it (quote it so the shell passes it on: 'news/*.html')"

InputItem = str | os.PathLike[str]


def iter_paths(inputs: Sequence[InputItem] | InputItem) -> Iterator[Path | str]:
    """Expand inputs into the files :func:`iter_documents` will read, in order.

    Args:
        inputs: file paths, directories (walked recursively in path order,
            hidden files and directories skipped), glob patterns
            (``data/*.txt``, ``data/**/*.html``; hidden names match only when
            the pattern names them), or ``"-"`` for standard input. A single
            string or path is taken as one input.

    Yields:
        A :class:`~pathlib.Path` per file; ``"-"`` for stdin; the input string
        itself for an input that names nothing (no such path, a glob without
        matches). A file reached twice is yielded once.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    seen: set[Path] = set()
    for item in inputs:
        name = os.fspath(item)
        if name == STDIN:
            yield STDIN
            continue
        path = Path(name)
        if path.exists():
            matches = [path]
        elif _GLOB_CHARS.intersection(name):
            matches = sorted((Path(m) for m in glob.glob(name, recursive=True)), key=lambda p: p.parts)
        else:
            matches = []
        if not matches:
            yield name
            continue
        for match in matches:
            for found in _walk(match) if match.is_dir() else (match,):
                key = found.resolve()
                if key not in seen:
                    seen.add(key)
                    yield found


def _walk(directory: Path) -> Iterator[Path]:
    """Files under ``directory`` in path order (entries sorted by name,
    sub-directories entered where they sort), hidden names skipped, symbolic
    links to directories not followed. Only news file kinds are taken
    (:data:`DIRECTORY_SUFFIXES`: ``.txt``, HTML, JSON Lines, no suffix; and
    WARC archives, ``.warc`` and ``.warc.gz``), so a
    README or a licence beside the articles is not read as one; name a file
    explicitly (or in a glob) to read it whatever its suffix."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError:
        yield directory  # unreadable: reading it reports why
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_dir():
            continue  # a link to a directory: not followed (it may loop)
        elif Path(entry.name).suffix.lower() in DIRECTORY_SUFFIXES or is_warc_name(entry.name):
            yield Path(entry.path)
        else:
            log.info("skipped %s: not a news file kind read from directories", entry.path)


def iter_documents(
    inputs: Sequence[InputItem] | InputItem,
    *,
    max_document_bytes: int = DEFAULT_MAX_DOCUMENT_BYTES,
    stdin: BinaryIO | None = None,
    defer_warc_pages: bool = False,
) -> Iterator[RawDocument | Rejected | WarcPage]:
    """Read every document the inputs name, one result per document.

    Dispatch: ``.jsonl``/``.ndjson`` files are read as JSON Lines (one
    document per line, streamed; the size limit applies per line);
    ``.warc``/``.warc.gz`` files as WARC archives (one document per HTML
    page record, streamed; the size limit applies per page; see
    :mod:`newsdesk.read.warc`);
    ``.html``/``.htm``/``.xhtml`` as HTML (the page's ``<meta charset>``
    honoured); anything else is decoded and sniffed: text starting with
    ``<!DOCTYPE html`` or ``<html`` is HTML, text whose first line is a JSON
    object with a ``text`` key is JSON Lines, the rest a page capture.

    Args:
        inputs: see :func:`iter_paths`.
        max_document_bytes: larger files are rejected without being read
            (their size is taken from ``stat``); for stdin and pipes, at most
            this many bytes (+1) are read before rejecting.
        stdin: the binary stream ``"-"`` reads; defaults to
            ``sys.stdin.buffer``.
        defer_warc_pages: yield the HTML pages of WARC archives as
            :class:`~newsdesk.read.warc.WarcPage` records whose extraction
            is left to their ``read()`` (in batch workers; see
            :func:`newsdesk.batch.local.analyse`).

    Yields:
        A RawDocument (``encoding`` set) or a Rejected (``stage="read"``) per
        document, in input order. Sources are paths as given, ``path:LINE``
        for JSONL records, ``path@OFFSET`` for WARC records (the record's
        byte offset), ``<stdin>`` (``<stdin>:LINE``) for standard input.
        Never raises for bad input: see the package docstring.
    """
    for item in iter_paths(inputs):
        if item == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream, STDIN_SOURCE, None, max_document_bytes)
        elif isinstance(item, str):
            reason = _NO_MATCH if _GLOB_CHARS.intersection(item) else _MISSING
            yield Rejected(item, reason, "read", io_error=True)
        else:
            yield from _read_path(item, max_document_bytes, defer_warc_pages)


def read_bytes(data: bytes, source: str, *, kind: str | None = None) -> Iterator[RawDocument | Rejected]:
    """Decode one input's bytes and read it with the right reader.

    Args:
        data: the whole input.
        source: its name.
        kind: ``"html"``, ``"jsonl"``, or None to sniff (see
            :func:`iter_documents`).

    Yields:
        One result, or one per line for JSON Lines.
    """
    declared = declared_charset(data) if kind in (None, "html") else None
    decoded = decode_bytes(data, source, declared=declared)
    if isinstance(decoded, Rejected):
        yield decoded
        return
    text, encoding = decoded
    if kind is None:
        if looks_like_html(text):
            kind = "html"
        elif _looks_like_jsonl(text):
            kind = "jsonl"
    if kind == "jsonl":
        results = read_jsonl(text, source)
    elif kind == "html":
        results = iter([read_html(text, source)])
    else:
        results = iter([read_capture(text, source)])
    for result in results:
        yield _with_encoding(result, encoding)


def _read_path(
    path: Path, max_bytes: int, defer_warc_pages: bool = False
) -> Iterator[RawDocument | Rejected | WarcPage]:
    source = str(path)
    suffix = path.suffix.lower()
    kind = "jsonl" if suffix in JSONL_SUFFIXES else "html" if suffix in HTML_SUFFIXES else None
    try:
        info = path.stat()
    except OSError as exc:
        yield Rejected(source, _os_reason(exc), "read", io_error=True)
        return
    if stat.S_ISDIR(info.st_mode):
        yield Rejected(source, "cannot list the directory; check its permissions", "read", io_error=True)
        return
    if is_warc_name(path):  # streamed record by record; the size limit applies per page
        try:
            with path.open("rb") as stream:
                yield from read_warc(stream, source, max_document_bytes=max_bytes, defer=defer_warc_pages)
        except OSError as exc:
            yield Rejected(source, _os_reason(exc), "read", io_error=True)
        return
    regular = stat.S_ISREG(info.st_mode)
    if regular and kind != "jsonl" and info.st_size > max_bytes:
        yield Rejected(source, _too_big(info.st_size, max_bytes), "read")
        return
    try:
        with path.open("rb") as stream:
            yield from _read_stream(stream, source, kind, max_bytes)
    except OSError as exc:
        yield Rejected(source, _os_reason(exc), "read", io_error=True)


def _read_stream(
    stream: BinaryIO, source: str, kind: str | None, max_bytes: int
) -> Iterator[RawDocument | Rejected]:
    """Read one opened input: JSONL streamed line by line, anything else whole."""
    if kind == "jsonl":
        yield from _read_jsonl_stream(b"", stream, source, max_bytes)
        return
    data = stream.read(max_bytes + 1)
    if len(data) <= max_bytes:
        yield from read_bytes(data, source, kind=kind)
        return
    if kind is None and _looks_like_jsonl(data[:_CHUNK_BYTES].decode("utf-8", errors="replace")):
        yield from _read_jsonl_stream(data, stream, source, max_bytes)
        return
    yield Rejected(
        source,
        f"input is over max_document_bytes={max_bytes:,} bytes; raise "
        "NEWSDESK_MAX_DOCUMENT_BYTES to read it",
        "read",
    )


def _read_jsonl_stream(
    prefix: bytes, stream: BinaryIO, source: str, max_bytes: int
) -> Iterator[RawDocument | Rejected]:
    """JSON Lines from ``prefix`` + the rest of ``stream``, one line at a time.

    JSON Lines are UTF-8 (RFC 8259 section 8.1), so each line is decoded as
    UTF-8; a line over ``max_bytes`` is rejected and skipped without being
    kept in memory. A file with no record at all (empty, or blank lines only)
    is one ``empty document`` rejection.
    """
    head = prefix or stream.read(_CHUNK_BYTES)
    kind = sniff_binary(head[:16])
    if kind is not None:
        yield Rejected(source, f"binary file (looks like {kind}), not text", "read")
        return
    records = 0
    for number, line, size in _lines(head, stream, max_bytes):
        records += 1
        where = f"{source}:{number}"
        if line is None:
            yield Rejected(where, _too_big(size, max_bytes, f"line {number}"), "read")
            continue
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield Rejected(
                where,
                f"line {number}: not valid UTF-8 ({exc.reason} at byte {exc.start + 1}); "
                "JSON Lines must be UTF-8",
                "read",
            )
            continue
        if text.strip():
            yield _with_encoding(read_jsonl_line(text, source, number), "utf-8")
        else:
            records -= 1
    if not records:  # no line with anything on it: the whole file is one rejection, as an empty .txt is
        yield Rejected(source, "empty document (a JSON Lines file without a record)", "read")


def _lines(
    head: bytes, stream: BinaryIO, max_bytes: int
) -> Iterator[tuple[int, bytes | None, int]]:
    """``(line_number, line_bytes, size)`` for each line; ``None`` bytes for an oversized line."""
    buffer = head
    number = 1
    skipping = 0  # bytes of an oversized line seen so far
    while True:
        start = 0
        while True:
            end = buffer.find(b"\n", start)
            if end < 0:
                break
            if skipping:
                yield number, None, skipping + end - start
                skipping = 0
            elif end - start > max_bytes:
                yield number, None, end - start
            else:
                yield number, buffer[start:end], end - start
            number += 1
            start = end + 1
        buffer = buffer[start:]
        if len(buffer) > max_bytes or skipping:
            skipping += len(buffer)
            buffer = b""
        chunk = stream.read(_CHUNK_BYTES)
        if not chunk:
            break
        buffer += chunk
    if skipping:
        yield number, None, skipping
    elif buffer:
        yield number, buffer, len(buffer)


def _looks_like_jsonl(text: str) -> bool:
    """True when the first non-blank line is a JSON object with a ``text`` key."""
    import json

    first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0].strip()
    if not first.startswith("{"):
        return False
    try:
        record = json.loads(first)
    except json.JSONDecodeError:
        return False
    return isinstance(record, dict) and "text" in record


def _with_encoding(result: RawDocument | Rejected, encoding: str) -> RawDocument | Rejected:
    if not isinstance(result, RawDocument):
        return result
    warnings = result.warnings
    replaced = result.text.count("\ufffd") + (result.title or "").count("\ufffd")
    if replaced:
        warnings += (
            f"{replaced} invalid byte sequence{'s' if replaced > 1 else ''} replaced by U+FFFD "
            f"(decoded as {result.encoding or encoding}); check the file's encoding",
        )
    return dataclasses.replace(result, encoding=result.encoding or encoding, warnings=warnings)


def _too_big(size: int, max_bytes: int, what: str = "file") -> str:
    return (
        f"{what} is {size:,} bytes, over max_document_bytes={max_bytes:,}; raise "
        "NEWSDESK_MAX_DOCUMENT_BYTES to read it"
    )


def _os_reason(exc: OSError) -> str:
    what = exc.strerror or exc.__class__.__name__
    if isinstance(exc, FileNotFoundError):
        return _MISSING
    if isinstance(exc, PermissionError):
        return f"cannot read file ({what}); check its permissions"
    if isinstance(exc, IsADirectoryError):
        return f"cannot read ({what})"
    return f"cannot read file ({what}); check the disk or the path"
