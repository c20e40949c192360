"""Bytes to text: find the character encoding of a document, or say why not.

The decision runs in this order, and the first rule that applies wins:

1. Empty input -> ``Rejected("empty document")``.
2. A known binary signature (PNG, JPEG, GIF, PDF, ZIP, gzip, ...) ->
   ``Rejected("binary file (looks like PNG image), not text")``.
3. A byte-order mark: UTF-32 / UTF-16 (LE or BE) / UTF-8 with BOM.
4. NUL bytes without a BOM: UTF-16 without BOM when one byte of every pair
   takes only a few values (ASCII or Cyrillic text), else binary.
5. Many C0 control bytes (not tab, newline, carriage return, form feed,
   escape) -> binary.
6. Strict UTF-8 (which covers pure ASCII).
7. An encoding the container declares (``<meta charset>`` of an HTML page),
   when it decodes the bytes without error; UTF-16/32 declarations are
   ignored (a page whose declaration reads as ASCII is not UTF-16), and a
   Latin code page (latin-1, cp1252) gives way to rule 9 when the bytes read
   as clean Cyrillic text.
8. Mostly-valid UTF-8 with a few broken sequences -> UTF-8, the broken bytes
   replaced by U+FFFD.
9. The single-byte Cyrillic encodings cp1251, koi8-r and koi8-u, scored by
   our own rules (see :func:`_cyrillic_score`): charset-normalizer alone often
   takes KOI8 text for Shift-JIS or cp932 (measured on NTREX Russian/Ukrainian
   sentences: 107 of 125 koi8-r sentences right; see tests/read).
10. charset-normalizer's best guess for anything else (Latin-1 family, ...).
11. Nothing readable -> ``Rejected("mostly undecodable ...")``.

Whether decoded text is Cyrillic-plausible rests on two facts of the code
pages (not on statistics): cp1251 puts lower-case letters at 0xE0-0xFF and
KOI8 puts upper-case letters there, so the wrong one of the two turns running
text into mostly capitals; KOI8-U differs from KOI8-R only in eight positions
(Ukrainian є і ї ґ and capitals) that KOI8-R fills with box-drawing symbols.
"""

from __future__ import annotations

import codecs
import re

from newsdesk.model import Rejected

__all__ = ["decode_bytes", "sniff_binary", "CYRILLIC_ENCODINGS"]

CYRILLIC_ENCODINGS: tuple[str, ...] = ("cp1251", "koi8-r", "koi8-u")
"""The single-byte Cyrillic encodings scored by our own rules, in tie order."""

# (signature, offset, what it is). Sources: the file formats' specifications
# (PNG: RFC 2083; PDF: ISO 32000; ZIP: PKWARE APPNOTE; gzip: RFC 1952; ...).
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"%PDF-", 0, "PDF document"),
    (b"PK\x03\x04", 0, "ZIP archive, or a DOCX/XLSX/EPUB file"),
    (b"PK\x05\x06", 0, "ZIP archive"),
    (b"\x1f\x8b", 0, "gzip archive"),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "RAR archive"),
    (b"\x28\xb5\x2f\xfd", 0, "zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "Microsoft Office (OLE) document"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
    (b"\x7fELF", 0, "ELF executable"),
    (b"II*\x00", 0, "TIFF image"),
    (b"MM\x00*", 0, "TIFF image"),
    (b"WEBP", 8, "WebP image"),
    (b"WAVE", 8, "WAV audio"),
    (b"AVI ", 8, "AVI video"),
    (b"OggS", 0, "Ogg media"),
    (b"fLaC", 0, "FLAC audio"),
    (b"ftyp", 4, "MP4/QuickTime media"),
    (b"wOFF", 0, "WOFF font"),
    (b"wOF2", 0, "WOFF2 font"),
    (b"\x00asm", 0, "WebAssembly module"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
_MP3 = re.compile(rb"ID3[\x02-\x04]\x00")

# Byte-order marks, longest first (the UTF-32 LE mark starts with UTF-16 LE's).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 controls that do not occur in text files (tab, LF, VT, FF, CR, ESC allowed).
_BAD_CONTROLS = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B))
_SAMPLE_BYTES = 65_536
_MAX_CONTROL_SHARE = 0.005
# Share of U+FFFD among decoded characters above which a document is unreadable.
_MAX_REPLACEMENT_SHARE = 0.05

_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH = re.compile(rb"[\x80-\xff]")

# Python codec names of Latin single-byte code pages that servers and editors
# declare by default; a page declaring one may still be Cyrillic.
_LATIN_CODECS = frozenset({"iso8859-1", "cp1252", "iso8859-15", "latin-1"})

_CYR_LETTER = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with, or None if none is known.

    Args:
        data: the first bytes of a file (16 are enough).

    Returns:
        A short description (``"PNG image"``), or None.
    """
    for magic, offset, name in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            if offset == 8 and data[:4] != b"RIFF":
                continue
            return name
    if _BZIP2.match(data):
        return "bzip2 archive"
    if _MP3.match(data):
        return "MP3 audio"
    return None


_MOSTLY_ASCII_HIGH_SHARE = 0.25
"""Below this share of non-ASCII bytes, text holding valid UTF-8 sequences is read as UTF-8 (with U+FFFD for the
broken bytes) rather than guessed as a single-byte Cyrillic code page."""


def decode_bytes(
    data: bytes, source: str, *, declared: str | None = None
) -> tuple[str, str] | Rejected:
    """Decode a document's bytes, or reject them with a reason a person can act on.

    Supports UTF-8 (with or without BOM), UTF-16/UTF-32 with BOM, UTF-16
    without BOM, cp1251, koi8-r, koi8-u, and whatever else charset-normalizer
    recognises. The text is returned as decoded: line endings untouched, a
    leading BOM removed.

    Args:
        data: the raw bytes of one document.
        source: the input's name, copied into a :class:`Rejected`.
        declared: an encoding the container states (an HTML ``<meta
            charset>``); trusted when the bytes are not UTF-8 and it decodes
            them without error. Unknown names are ignored.

    Returns:
        ``(text, encoding)`` with a Python codec name (``"utf-8"``,
        ``"utf-8-sig"``, ``"utf-16"``, ``"cp1251"``, ``"koi8-r"``, ...), or a
        :class:`Rejected` with ``stage="read"`` for empty, binary or
        undecodable input. Never raises for bad input.
    """
    if not data:
        return Rejected(source, "empty document", "read")
    kind = sniff_binary(data[:16])
    if kind is not None:
        return Rejected(source, f"binary file (looks like {kind}), not text", "read")

    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _finish(source, data.decode(encoding, errors="replace"), encoding, encoding)

    sample = data[:_SAMPLE_BYTES]
    if b"\x00" in sample:
        encoding = _bomless_utf16(data)
        if encoding is None:
            return Rejected(source, "binary file (contains NUL bytes), not text", "read")
        return _finish(source, data.decode(encoding, errors="replace"), encoding, encoding)
    controls = sum(sample.count(bytes([b])) for b in _BAD_CONTROLS)
    if controls > _MAX_CONTROL_SHARE * len(sample):
        return Rejected(
            source,
            f"binary file ({controls} control bytes in the first {len(sample):,} bytes), not text",
            "read",
        )

    try:
        return _finish(source, data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass

    encoding = _codec_name(declared) if declared else None
    if encoding is not None and not encoding.startswith(("utf-8", "utf-16", "utf-32")):
        # A Latin code page is a common server default on Cyrillic pages: when
        # the bytes read as clean Cyrillic text, they are.
        guess = _best_cyrillic(data) if encoding in _LATIN_CODECS else None
        if guess is not None:
            return _finish(source, guess[0], guess[1], guess[1])
        try:
            return _finish(source, data.decode(encoding), encoding, encoding)
        except UnicodeDecodeError:
            pass

    sequences = _UTF8_SEQ.findall(data)
    valid_seqs = len(sequences)
    invalid = len(_HIGH.findall(data)) - sum(len(seq) for seq in sequences)
    high = invalid + sum(len(seq) for seq in sequences)
    if valid_seqs and (invalid * 3 <= valid_seqs or high <= _MOSTLY_ASCII_HIGH_SHARE * len(data)):
        # UTF-8 but for a few broken sequences (a truncated character, a
        # stray Latin-1 byte), or mostly ASCII text whose few non-ASCII bytes
        # include valid UTF-8 (a Cyrillic single-byte text has a high byte in
        # most words): keep UTF-8, mark what is broken with U+FFFD.
        return _finish(source, data.decode("utf-8", errors="replace"), "utf-8", "utf-8")

    guess = _best_cyrillic(data)
    if guess is not None:
        return _finish(source, guess[0], guess[1], guess[1])

    if valid_seqs and invalid <= valid_seqs:
        return _finish(source, data.decode("utf-8", errors="replace"), "utf-8", "utf-8")

    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return _finish(source, guess[0], guess[1], guess[1])

    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return Rejected(
        source,
        f"mostly undecodable: {bad:,} of {len(text):,} characters are invalid UTF-8 and no "
        f"other encoding tried ({', '.join(CYRILLIC_ENCODINGS)}, charset-normalizer's "
        "candidates) gives readable text; check the file's encoding",
        "read",
    )


def _finish(source: str, text: str, encoding: str, label: str) -> tuple[str, str] | Rejected:
    """Strip a leading BOM, reject empty or mostly-broken text, else return it."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        return Rejected(source, "empty document", "read")
    bad = text.count("\ufffd")
    if bad > _MAX_REPLACEMENT_SHARE * len(text):
        return Rejected(
            source,
            f"mostly undecodable: {bad:,} of {len(text):,} characters are invalid {label} "
            "byte sequences; check the file's encoding",
            "read",
        )
    return text, encoding


def _codec_name(name: str) -> str | None:
    """Python's codec name for an encoding label, or None when unknown."""
    try:
        return codecs.lookup(name.strip().strip("'\"")).name
    except LookupError:
        return None


def _bomless_utf16(data: bytes) -> str | None:
    """Return ``utf-16-le``/``utf-16-be`` if ``data`` looks like BOM-less UTF-16 text.

    In UTF-16 text of one script, the high byte of each code unit takes very
    few values (0x00 for ASCII, 0x04 for Cyrillic, 0x20 for punctuation);
    binary files spread over many.
    """
    sample = data[: _SAMPLE_BYTES - (_SAMPLE_BYTES % 2)]
    if len(sample) < 4 or len(sample) % 2:
        return None
    for encoding, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        values = set(high)
        if len(values) <= 4 and 0 in values:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not any(ch in text for ch in "\x00\x01\x02\x03\x04\x05\x06\x07\x08"):
                return encoding
    return None


def _cyrillic_score(text: str) -> tuple[float, float, float] | None:
    """Score how plausible a single-byte decoding is as Russian/Ukrainian text.

    Only characters outside ASCII count, since every candidate decodes ASCII
    the same way.

    Returns:
        ``(letter_share, lower_share, clean_share)`` or None when the decoded
        text has no Cyrillic letters: ``letter_share`` is the share of
        non-ASCII characters that are letters, ``lower_share`` the share of
        Cyrillic letters in lower case (running text is mostly lower case; a
        cp1251/KOI8 mix-up swaps the cases), ``clean_share`` the share of
        Cyrillic-bearing words that are neither mixed with Latin letters nor
        capitalised in the middle (``рЕКА``).
    """
    high = [ch for ch in text if ord(ch) > 0x7F]
    if not high:
        return None
    cyr = [ch for ch in high if _CYR_LETTER.match(ch) and ch.isalpha()]
    if not cyr:
        return None
    letter_share = sum(ch.isalpha() for ch in high) / len(high)
    lower_share = sum(ch.islower() for ch in cyr) / len(cyr)
    words = [w for w in _WORD.findall(text) if _CYR_LETTER.search(w)]
    clean = sum(
        1
        for w in words
        if not _LATIN.search(w) and (w[1:].islower() or w.isupper() or len(w) == 1)
    )
    return letter_share, lower_share, clean / len(words) if words else 0.0


def _best_cyrillic(data: bytes) -> tuple[str, str] | None:
    """Pick among cp1251, koi8-r and koi8-u by :func:`_cyrillic_score`.

    cp1251 and the KOI8 family are compared on case and word shape; within the
    family, KOI8-U wins when it decodes more of the text as letters (Ukrainian
    є і ї ґ), else KOI8-R (Russian text, which both decode alike).

    Returns:
        ``(text, encoding)`` for the best candidate when it reads as Cyrillic
        text (at least 60% of its non-ASCII characters are letters, 80% of its
        Cyrillic words are cleanly cased and not mixed with Latin), else None.
    """
    best: tuple[tuple[float, float], str, str] | None = None
    for family in (("cp1251",), ("koi8-u", "koi8-r")):
        scored = []
        for encoding in family:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            score = _cyrillic_score(text)
            if score is not None:
                scored.append((score, text, encoding))
        if not scored:
            continue
        # KOI8-U only when it reads strictly more letters than KOI8-R.
        (letter_share, lower_share, clean_share), text, encoding = max(
            scored, key=lambda item: (round(item[0][0], 6), item[2] == "koi8-r")
        )
        if letter_share < 0.6 or clean_share < 0.8:
            continue
        key = (round(clean_share * lower_share, 3), round(letter_share, 3))
        if best is None or key > best[0]:
            best = (key, text, encoding)
    if best is None:
        return None
    return best[1], best[2]


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess, as ``(text, python codec name)``, or None."""
    import charset_normalizer  # imported here: it is only needed for non-Cyrillic legacy text

    match = charset_normalizer.from_bytes(data).best()
    if match is None:
        return None
    encoding = _codec_name(match.encoding) or match.encoding
    return str(match), encoding
