"""Show why the direct-quotation counts of an NTREX document disagree across en, ru and uk.

Usage (from the repository root)::

    .venv/bin/python benchmarks/ntrex_disagreements.py                  # every disagreeing document
    .venv/bin/python benchmarks/ntrex_disagreements.py cnn.304478 ...    # these documents only

NTREX-128 is line-aligned: line i of a document is the same sentence in the three languages. For each document whose
direct-quote counts differ (as `newsdesk eval consistency` counts them), this prints the aligned lines that hold a
quotation mark in any language, then the direct quotations each language's pipeline found, with the line they start
on. Reading the two side by side sorts a disagreement into "the translation differs" (marks dropped or added, a
quotation rendered as reported speech, quotations joined or split) or "a finder fault": the tally of that reading is
recorded in benchmarks/RESULTS-quotes.md. Data: ../shared/data/ntrex-en-ru-uk (research license; never copied here).
"""

from __future__ import annotations

import argparse
import bisect
from pathlib import Path

from newsdesk.evaluation.consistency import LANGS, _direct, read_ntrex
from newsdesk.model import RawDocument
from newsdesk.pipeline import Pipeline

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ntrex-en-ru-uk"
MARKS = set('"«»„“”')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ids", nargs="*", metavar="DOC_ID", help="documents to show (default: every disagreeing one)")
    parser.add_argument("--data", type=Path, default=DATA, help=f"the NTREX folder (default: {DATA})")
    args = parser.parse_args()
    docs = read_ntrex(args.data)
    wanted = set(args.ids)
    pipeline = Pipeline()
    shown = 0
    for doc_id, texts in docs:
        if wanted and doc_id not in wanted:
            continue
        found = {}
        for lang in LANGS:
            article = pipeline.process(RawDocument(source=f"{doc_id}:{lang}", text=texts[lang]), lang=lang)
            found[lang] = (article.text, _direct(article.quotes))
        counts = {lang: len(found[lang][1]) for lang in LANGS}
        if not wanted and (len(set(counts.values())) == 1 or not any(counts.values())):
            continue
        shown += 1
        print(f"===== {doc_id}  direct quotations: " + ", ".join(f"{lang} {counts[lang]}" for lang in LANGS))
        lines = {lang: texts[lang].split("\n") for lang in LANGS}
        for i in range(len(lines["en"])):
            if any(MARKS & set(lines[lang][i]) for lang in LANGS):
                for lang in LANGS:
                    print(f"  {i:3d} {lang}: {lines[lang][i]}")
        for lang in LANGS:
            text, quotes = found[lang]
            # the line a quotation starts on, counted in the analysed text (the pipeline keeps line breaks)
            breaks = [k for k, ch in enumerate(text) if ch == "\n"]
            for q in quotes:
                speaker = q.speaker.text if q.speaker else None
                print(f"  found {lang} line {bisect.bisect_left(breaks, q.start):3d}: {q.text[:90]!r} <- {speaker}")
    print(f"{shown} document(s) shown")


if __name__ == "__main__":
    main()
