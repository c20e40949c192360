"""WARC archives (``.warc``, ``.warc.gz``): one document per HTML page captured.

WARC (ISO 28500; versions 1.0 and 1.1) is the format web crawls are kept in;
Common Crawl's news crawl (CC-NEWS) publishes gzipped WARC files of a few
hundred thousand pages each. Records are read with warcio (the Webrecorder
project's WARC library), one at a time, so an archive of any size streams
through in constant memory.

What each record becomes:

* a ``response`` record (or a ``resource`` record, as ``wget --warc-file``
  writes for local files) holding an HTML page (HTTP ``Content-Type``
  ``text/html`` or ``application/xhtml+xml``; a missing type is sniffed) with
  HTTP status 200: a :class:`~newsdesk.model.RawDocument` read by
  :func:`newsdesk.read.html.read_html`, whose ``url`` is the record's
  ``WARC-Target-URI`` and ``fetched`` its ``WARC-Date`` (when the page was
  captured; the publication date still comes from the page itself). The
  HTTP ``Content-Language`` header serves as language hint when the page
  declares none. HTTP transfer and content encodings (chunked, gzip,
  deflate) are undone by warcio.
* ``warcinfo``, ``request``, ``metadata``, ``conversion`` and
  ``continuation`` records describe the crawl, not pages: skipped without a
  report (logged at INFO level), since every page in a crawl comes with them.
* a ``revisit`` record (a repeat capture whose payload was not stored), a
  page with another content type (PDF, image, JSON), another HTTP status
  (redirect, 404), a record the crawler truncated (``WARC-Truncated``), one
  the file ends inside of, one over ``max_document_bytes``: a
  :class:`~newsdesk.model.Rejected` saying why, and reading goes on with the
  next record.
* a malformed record (not a WARC record where one should start, a gzip member
  that does not inflate): a Rejected naming where the bad stretch starts, and
  reading goes on at the next record boundary found after it (in a
  ``.warc.gz``, the next gzip member; in a plain ``.warc``, the next
  ``WARC/1.`` that starts a record that parses), so one damaged record does not cost the rest of the
  archive. On a stream that cannot seek (a pipe) the rest of it is skipped.

Text taken from the archive into a rejection message (header values, the
first line of a malformed record) has its control characters escaped
(:func:`printable`), so a crafted archive cannot send terminal escape
sequences to whoever reads the report.

Extracting the article from a page (trafilatura and htmldate: tens of
milliseconds a page, as long as analysing it) can be left to whoever analyses
it: with ``defer=True`` each HTML page comes as a :class:`WarcPage` holding
the page's bytes, and :meth:`WarcPage.read` (run in a batch worker) makes the
RawDocument or Rejected, so the one process reading the archive does not
become the bottleneck of a parallel ingest.

Sources are ``PATH@OFFSET``: the file as given and the byte offset where the
record starts (for ``.warc.gz``, the offset of its gzip member, the figure
Common Crawl's index gives), so every article and every rejection names the
file and record. Nothing here raises for bad input (see :mod:`newsdesk.read`).

This module never imports ``newsdesk.nlp``.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from newsdesk.lang import try_normalize_lang
from newsdesk.model import RawDocument, Rejected

__all__ = ["WarcPage", "read_warc", "is_warc_name", "printable", "WARC_SUFFIXES"]

WARC_SUFFIXES = (".warc", ".warc.gz")
"""File name endings read as WARC archives (case-insensitive)."""

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
"""Media types taken as HTML pages."""

_PAGE_RECORDS = frozenset({"response", "resource"})
_PAGE_STATUSES = frozenset({"200", "203"})  # OK, and OK from a transforming proxy
_CRAWL_RECORDS = frozenset({"warcinfo", "request", "metadata", "conversion", "continuation"})
_TAIL_PROBE_BYTES = 64
_DECODE_ERRORS = (zlib.error, EOFError, OSError, ValueError)
_FORMAT_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError, ValueError)
_DEFAULT_MAX_DOCUMENT_BYTES = 5_000_000
_GZIP_MAGIC = b"\x1f\x8b\x08"  # a gzip member starts so (magic, then method 8: deflate)
_WARC_START = b"WARC/1."
_SCAN_BYTES = 1 << 20
_SPACES = {ord(c): " " for c in "\t\n\r\v\f"}

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WarcPage:
    """An HTML page found in a WARC record, its article not extracted yet (see ``defer`` of :func:`read_warc`).

    Attributes:
        source: ``PATH@OFFSET`` of the record.
        body: the page's bytes (HTTP encodings undone), at most ``max_document_bytes``.
        url: the record's ``WARC-Target-URI``.
        fetched: the record's ``WARC-Date``.
        content_language: the HTTP ``Content-Language`` header, if any.
    """

    source: str
    body: bytes
    url: str | None = None
    fetched: str | None = None
    content_language: str | None = None

    def read(self) -> RawDocument | Rejected:
        """Extract the article: what :func:`read_warc` yields for this page without ``defer``."""
        from newsdesk.read import read_bytes  # the package imports this module: import at call time

        result = next(read_bytes(self.body, self.source, kind="html"))
        if not isinstance(result, RawDocument):
            return result
        lang_hint = result.lang_hint or try_normalize_lang((self.content_language or "").split(",")[0])
        return dataclasses.replace(result, url=self.url or result.url, fetched=self.fetched, lang_hint=lang_hint)


def is_warc_name(name: str | os.PathLike[str]) -> bool:
    """Tell whether a file name ends in ``.warc`` or ``.warc.gz`` (any case)."""
    return os.fspath(name).lower().endswith(WARC_SUFFIXES)


def printable(text: str, limit: int | None = None) -> str:
    """Text from outside made safe to print in a one-line message.

    Tabs and line breaks become spaces; every other control or format
    character (Unicode categories Cc and Cf: ESC, BEL, NUL, DEL, C1 controls,
    bidirectional overrides) is written as a Python escape (``\\x1b``,
    ``\\u202e``), so a terminal shows it instead of obeying it.

    Args:
        text: any text (a header value, a file name, a line of a bad record).
        limit: cut the result to this many characters (``...`` appended), or None.

    Returns:
        The text with nothing a terminal would act on.
    """
    cleaned = "".join(
        c if c.isprintable() or unicodedata.category(c) not in ("Cc", "Cf") else c.encode("unicode_escape").decode()
        for c in text.translate(_SPACES)
    )
    if limit is not None and len(cleaned) > limit:
        cleaned = cleaned[:limit] + "..."
    return cleaned


def read_warc(
    stream: BinaryIO,
    source: str,
    *,
    max_document_bytes: int = _DEFAULT_MAX_DOCUMENT_BYTES,
    defer: bool = False,
) -> Iterator[RawDocument | Rejected | WarcPage]:
    """Read the HTML pages of a WARC archive, one result per page record.

    Args:
        stream: the archive opened in binary mode, plain or gzipped (detected
            from the bytes, not the name). When it is a seekable file, a
            record cut short by the end of the file is reported; on a pipe the
            last record may then be dropped silently.
        source: the archive's name, for sources (``source@OFFSET``).
        max_document_bytes: a page whose (decoded) HTTP body is larger is
            rejected without being kept in memory.
        defer: yield each HTML page as a :class:`WarcPage`, leaving the
            extraction to its :meth:`~WarcPage.read` (in a batch worker).

    Yields:
        Per page record, in file order: a RawDocument (``url`` = the
        record's ``WARC-Target-URI``, ``fetched`` = its ``WARC-Date``,
        ``encoding`` the encoding the page was decoded from) or a
        Rejected (``stage="read"``) as listed in the module docstring.
        Records that are not pages yield nothing.

    Languages: any (the page is read by trafilatura and htmldate).
    """
    try:
        first: int | None = stream.tell()
        gzipped = stream.read(2) == _GZIP_MAGIC[:2]
        stream.seek(first)
    except (OSError, AttributeError, ValueError):  # a pipe: no going back, so no resuming after a bad record
        first, gzipped = None, False
    at_start = True
    while True:
        outcome = yield from _read_records(stream, source, max_document_bytes, defer)
        if outcome is None:
            return
        bad, exc, parsed = outcome
        resume = _resume_point(stream, bad + 1, gzipped) if first is not None else None
        if at_start and not parsed and bad == (first or 0) and resume is None:
            yield _malformed(source, bad, exc, None, start=True)
            return
        yield _malformed(source, bad, exc, resume)
        if resume is None:
            return
        stream.seek(resume)
        at_start = False


def _read_records(
    stream: BinaryIO, source: str, max_document_bytes: int, defer: bool
) -> Iterator[RawDocument | Rejected | WarcPage]:
    """Read records from the stream's position on, yielding results as :func:`read_warc` does.

    Returns (as a generator's value):
        None when the archive ended (a cut-off tail reported), or
        ``(offset, exception, parsed)`` for a malformed record at ``offset``,
        ``parsed`` telling whether a record was read before it.
    """
    archive = ArchiveIterator(stream, check_digests=False)
    records = iter(archive)
    parsed = False
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except _FORMAT_ERRORS as exc:
            return archive.offset, exc, parsed
        offset = archive.offset
        where = f"{source}@{offset}"
        if record.format != "warc":  # warcio also reads the older ARC format, and takes stray text for it
            return offset, ArchiveLoadFailed(f"{record.format} record, not a WARC record"), parsed
        try:
            result = _read_record(record, where, max_document_bytes, defer)
            archive.get_record_offset()  # reads to the end of the record, so the next one parses
        except _FORMAT_ERRORS as exc:
            return offset, exc, parsed
        parsed = True
        if result is not None:
            yield result
    end = _unread_tail(stream, archive.offset)
    if end is not None:
        yield Rejected(
            f"{source}@{archive.offset}",
            f"truncated WARC record: the file ends inside it ({end:,} bytes of it present); the archive was "
            "cut short (an interrupted download?), fetch it again to read this record",
            "read",
        )
    return None


def _resume_point(stream: BinaryIO, position: int, gzipped: bool) -> int | None:
    """The first record boundary at or after ``position`` where a WARC record really starts (a candidate found
    by chance inside damaged data is passed over), or None."""
    while (candidate := _next_boundary(stream, position, gzipped)) is not None:
        try:
            stream.seek(candidate)
            record = next(iter(ArchiveIterator(stream, check_digests=False)))
            if record.format == "warc" and record.rec_type:
                return candidate
        except (StopIteration, *_FORMAT_ERRORS):
            pass
        except OSError:
            return None
        position = candidate + 1
    return None


def _next_boundary(stream: BinaryIO, position: int, gzipped: bool) -> int | None:
    """The offset of the first possible record start at or after ``position``: a gzip member's magic bytes in a
    gzipped archive, ``WARC/1.`` in a plain one; None when there is none (or the stream cannot seek)."""
    marker = _GZIP_MAGIC if gzipped else _WARC_START
    try:
        at = position
        stream.seek(at)
        carry = b""
        while True:
            chunk = stream.read(_SCAN_BYTES)
            if not chunk:
                return None
            data = carry + chunk
            found = data.find(marker)
            if found >= 0:
                return at - len(carry) + found
            carry = data[-(len(marker) - 1):]
            at += len(chunk)
    except (OSError, AttributeError, ValueError):
        return None


def _read_record(
    record: ArcWarcRecord, where: str, max_bytes: int, defer: bool
) -> RawDocument | Rejected | WarcPage | None:
    """One record: a page, a rejection, or None for a record that is not a page."""
    kind = record.rec_type
    if kind is None:
        return Rejected(where, "truncated WARC record (its header is incomplete)", "read")
    if kind in _CRAWL_RECORDS:
        log.info("skipped %s: WARC %s record, not a page", where, kind)
        return None
    url = _target_uri(record)
    if kind == "revisit":
        return Rejected(
            where,
            f"WARC revisit record (a repeat capture of {printable(url or 'a page', 300)} stored without its content), not a page",
            "read",
        )
    if kind not in _PAGE_RECORDS:
        return Rejected(where, f"unknown WARC record type {printable(repr(kind), 80)}, not a page", "read")
    truncated = record.rec_headers.get_header("WARC-Truncated")
    if truncated:
        return Rejected(
            where,
            f"truncated WARC record (WARC-Truncated: {printable(truncated, 80)}): the crawler stored only part of the page",
            "read",
        )
    http = record.http_headers  # parsed by warcio for application/http records, else None
    if http is not None:
        status = http.get_statuscode() or "?"
        if status not in _PAGE_STATUSES:
            return Rejected(where, f"HTTP status {printable(http.statusline or status, 120)}, not a page", "read")
        media = http.get_header("Content-Type")
    else:
        media = record.content_type
    media_type = (media or "").split(";")[0].strip().lower()
    if media_type and media_type not in HTML_TYPES:
        return Rejected(where, f"not an HTML page (Content-Type: {printable(media_type, 120)})", "read")
    try:
        body = record.content_stream().read(max_bytes + 1)
    except _DECODE_ERRORS as exc:
        return Rejected(where, f"the page's content could not be decoded ({type(exc).__name__}: {printable(str(exc), 200)})", "read")
    if len(body) > max_bytes:
        return Rejected(
            where,
            f"page is over max_document_bytes={max_bytes:,} bytes; raise NEWSDESK_MAX_DOCUMENT_BYTES to read it",
            "read",
        )
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        return Rejected(
            where,
            f"truncated WARC record: the file ends {missing:,} bytes before the record does; the archive was cut "
            "short (an interrupted download?)",
            "read",
        )
    if not media_type and not _sniff_html(body):
        return Rejected(where, "not an HTML page (no Content-Type, and the content does not start like HTML)", "read")
    page = WarcPage(
        where,
        body,
        url,
        record.rec_headers.get_header("WARC-Date") or None,
        http.get_header("Content-Language") if http is not None else None,
    )
    return page if defer else page.read()


def _target_uri(record: ArcWarcRecord) -> str | None:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    return uri.strip().strip("<>") or None if uri else None  # WARC/0.x drafts wrote <uri>


def _sniff_html(body: bytes) -> bool:
    from newsdesk.read.html import looks_like_html

    return looks_like_html(body[:4096].decode("latin-1"))


def _malformed(
    source: str, offset: int, exc: BaseException, resume: int | None, *, start: bool = False
) -> Rejected:
    detail = printable(" ".join(str(exc).split()), 120)
    if start:
        reason = f"not a WARC archive ({type(exc).__name__}: {detail}); check the file"
    elif resume is None:
        reason = (
            f"malformed WARC record ({type(exc).__name__}: {detail}); the rest of the archive is skipped, "
            "records before it were read"
        )
    else:
        reason = (
            f"malformed WARC record ({type(exc).__name__}: {detail}); skipped to the next record, at byte "
            f"{resume:,}"
        )
    return Rejected(f"{source}@{offset}", reason, "read")


def _unread_tail(stream: BinaryIO, offset: int) -> int | None:
    """Bytes left after the last record parsed, when they are more than blank lines; None otherwise."""
    try:
        if not stream.seekable():  # a pipe: its length is unknown
            return None
        position = stream.tell()
        size = stream.seek(0, os.SEEK_END)
        stream.seek(offset)
        probe = stream.read(_TAIL_PROBE_BYTES)
        stream.seek(position)
    except (OSError, AttributeError, ValueError):  # a stream that cannot tell its length
        return None
    return None if not probe.strip() else size - offset
