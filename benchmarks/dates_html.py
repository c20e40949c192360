"""Day accuracy of the HTML reader's publication date on htmldate's evaluation pages.

Reads ``../shared/data/htmldate-eval`` (relative to the repository root; see
its SOURCE.md: ``dates-en-ru-uk.json`` maps each collection to
``{url: {"file", "date", "lang_guess", "orig_file"}}``, the pages are
``html/<file>`` gzip-compressed, the gold ``date`` is ``YYYY-MM-DD``). Each
page goes through the same path as a ``.html`` input of ``newsdesk``:
:func:`newsdesk.read.read_bytes` with ``kind="html"`` (decode, then
:func:`newsdesk.read.read_html`). The page URL from the gold file is *not*
given to the reader, as it is not given for a file on disk.

Pages whose gold date is missing (JSON NaN) are left out. A page counts as correct when the date part of ``published_meta`` equals the
gold date; a page without a date, or rejected, counts as wrong.

Usage (from the repository root)::

    PYTHONPATH=src .venv/bin/python benchmarks/dates_html.py [--baseline] [--limit N]

``--baseline`` also runs ``htmldate.find_date`` with its default settings
(``original_date=False``) on each page, for comparison.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from newsdesk.model import RawDocument
from newsdesk.read import read_bytes

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "htmldate-eval"


def _group(lang_guess: str) -> str:
    """en, or ru/uk (the 12 Cyrillic pages; SOURCE.md lists them by site)."""
    return "en" if lang_guess == "en" else "ru/uk"


def _is_day(value: object) -> bool:
    """True for a ``YYYY-MM-DD`` string."""
    return isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", action="store_true", help="also score htmldate defaults")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--show-errors", action="store_true", help="list the pages got wrong")
    args = parser.parse_args(argv)

    gold_file = DATA / "dates-en-ru-uk.json"
    if not gold_file.exists():
        print(f"htmldate-eval not found at {DATA}; nothing to measure", file=sys.stderr)
        return 2
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    pages = [(url, entry) for collection in gold.values() for url, entry in collection.items()]
    # A few entries carry no gold date (JSON NaN): they cannot be scored.
    unscorable = [url for url, entry in pages if not _is_day(entry.get("date"))]
    pages = [(url, entry) for url, entry in pages if _is_day(entry.get("date"))]
    if args.limit:
        pages = pages[: args.limit]

    right: dict[str, int] = defaultdict(int)
    base_right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    with_time = 0
    started = time.perf_counter()
    for url, entry in pages:
        data = gzip.decompress((DATA / "html" / entry["file"]).read_bytes())
        group = _group(entry["lang_guess"])
        result = next(read_bytes(data, entry["file"], kind="html"))
        found = result.published_meta if isinstance(result, RawDocument) else None
        ok = found is not None and found[:10] == entry["date"]
        with_time += found is not None and "T" in found
        for key in (group, "all"):
            total[key] += 1
            right[key] += ok
        if args.show_errors and not ok:
            why = found if isinstance(result, RawDocument) else f"rejected: {result.reason}"
            print(f"  wrong: {entry['file']} gold {entry['date']} got {why}  ({url})")
        if args.baseline:
            import htmldate
            import trafilatura

            tree = trafilatura.load_html(data)
            base = htmldate.find_date(tree) if tree is not None else None
            for key in (group, "all"):
                base_right[key] += base == entry["date"]
    elapsed = time.perf_counter() - started

    print(
        f"htmldate-eval: {total['all']} pages scored ({len(unscorable)} without a gold date "
        f"left out), {elapsed:.1f} s"
    )
    for key in ("all", "en", "ru/uk"):
        if total[key]:
            line = f"  {key:6} read_html day accuracy {right[key] / total[key]:.3f} ({right[key]}/{total[key]})"
            if args.baseline:
                line += f"   htmldate defaults {base_right[key] / total[key]:.3f}"
            print(line)
    print(f"  published_meta with a time of day: {with_time}/{total['all']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
