"""Ukrainian NER quality: exact-span micro precision / recall / F1 per label.

Corpora (read from ``../shared/data`` beside the repository, never copied):

* ``ner-uk`` (default): NER-UK 2.0 training documents (lang-uk; CC BY-NC-SA 4.0),
  ``v2.0/data/{bruk,ng}/<id>.txt`` + ``.ann``. ``ng`` are news articles (Nashi
  Groshi), ``bruk`` mixed genres incl. fiction. Labels: PERS -> PER, ORG -> ORG,
  LOC -> LOC; the other 10 types (MISC, JOB, DATE, ...) are ignored on both
  sides (predicted MISC is dropped before scoring).
* ``slavicner``: SlavicNER (BSNLP) Ukrainian documents, all topics present;
  PER/ORG/LOC scored, EVT and PRO ignored. Also reports lemma accuracy on the
  mentions whose span and label match.

A prediction counts only when its start, end and label equal a gold mention.

Usage (from the repository root)::

    PYTHONPATH=src .venv/bin/python benchmarks/ner_uk.py                  # ner-uk, all docs
    PYTHONPATH=src .venv/bin/python benchmarks/ner_uk.py --part ng --json
    PYTHONPATH=src .venv/bin/python benchmarks/ner_uk.py --corpus slavicner

The scoring helpers (:func:`score`, :func:`print_table`) are shared by
``ner_en.py`` and ``ner_ru.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
LABELS = ("PER", "ORG", "LOC")
NER_UK_MAP = {"PERS": "PER", "ORG": "ORG", "LOC": "LOC"}
_ANN = re.compile(r"^T\d+\t(\S+)\t(\d+)\t(\d+)\t")

Span = tuple[int, int, str]  # start, end, label


def ner_uk_docs(part: str = "all", limit: int | None = None) -> Iterator[tuple[str, str, set[Span]]]:
    """Yield ``(doc id, text, gold spans)`` of NER-UK 2.0, documents in sorted id order.

    Args:
        part: ``ng`` (news), ``bruk`` (mixed genres) or ``all``.
        limit: stop after this many documents (per call, after sorting).

    Raises:
        FileNotFoundError: the corpus is not in ../shared/data/ner-uk.
    """
    base = DATA / "ner-uk" / "v2.0" / "data"
    if not base.exists():
        raise FileNotFoundError(f"{base} not found: the NER-UK data lives in ../shared/data/ner-uk")
    parts = ("bruk", "ng") if part == "all" else (part,)
    paths = sorted(p for name in parts for p in (base / name).glob("*.txt"))
    for n, path in enumerate(paths):
        if limit is not None and n >= limit:
            return
        text = path.read_text(encoding="utf-8")
        gold: set[Span] = set()
        for line in path.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
            m = _ANN.match(line)
            if m and m.group(1) in NER_UK_MAP:
                gold.add((int(m.group(2)), int(m.group(3)), NER_UK_MAP[m.group(1)]))
        yield f"{path.parent.name}/{path.stem}", text, gold


def slavicner_docs(limit: int | None = None, lang: str = "uk"
                   ) -> Iterator[tuple[str, str, set[Span], dict[Span, str]]]:
    """Yield ``(doc id, text, gold spans, gold lemmas)`` of SlavicNER for ``lang`` (uk or ru)."""
    base = DATA / "slavicner-ru-uk"
    if not base.exists():
        raise FileNotFoundError(f"{base} not found: SlavicNER lives in ../shared/data/slavicner-ru-uk")
    paths = sorted((base / "raw").glob(f"*/{lang}/*.txt"))
    for n, path in enumerate(paths):
        if limit is not None and n >= limit:
            return
        topic = path.parent.parent.name
        ann = base / "ner" / topic / lang / (path.name + ".tsv")
        if not ann.exists():
            ann = base / "ner" / topic / lang / (path.stem + ".tsv")
        if not ann.exists():
            continue
        text = path.read_text(encoding="utf-8")
        gold: set[Span] = set()
        lemmas: dict[Span, str] = {}
        for line in ann.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) >= 5 and cols[4] in LABELS and cols[0].isdigit():
                span = (int(cols[0]), int(cols[1]), cols[4])
                gold.add(span)
                lemmas[span] = cols[3]
        yield f"{topic}/{path.stem}", text, gold, lemmas


def score(pairs: Iterable[tuple[set[Span], set[Span]]], labels: tuple[str, ...] = LABELS) -> dict:
    """Exact-span micro P/R/F1 per label and overall from ``(gold, predicted)`` pairs."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for gold, pred in pairs:
        gold = {s for s in gold if s[2] in labels}
        pred = {s for s in pred if s[2] in labels}
        for s in gold:
            n_gold[s[2]] += 1
        for s in pred:
            n_pred[s[2]] += 1
        for s in gold & pred:
            tp[s[2]] += 1
    result = {}
    for label in (*labels, "ALL"):
        t = sum(tp.values()) if label == "ALL" else tp[label]
        g = sum(n_gold.values()) if label == "ALL" else n_gold[label]
        p = sum(n_pred.values()) if label == "ALL" else n_pred[label]
        precision = t / p if p else 0.0
        recall = t / g if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[label] = {"gold": g, "pred": p, "tp": t, "precision": round(precision, 4),
                         "recall": round(recall, 4), "f1": round(f1, 4)}
    return result


def print_table(title: str, result: dict, extra: dict | None = None) -> None:
    """Print the per-label table of :func:`score`."""
    print(title)
    print(f"{'label':<6}{'gold':>7}{'pred':>7}{'tp':>7}{'P':>8}{'R':>8}{'F1':>8}")
    for label, r in result.items():
        print(f"{label:<6}{r['gold']:>7}{r['pred']:>7}{r['tp']:>7}"
              f"{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}")
    for k, v in (extra or {}).items():
        print(f"{k}: {v}")


def predict(recognizer, text: str) -> set[Span]:
    """The recognizer's PER/ORG/LOC mentions of ``text`` as spans (MISC dropped)."""
    return {(m.start, m.end, m.label) for m in recognizer(text) if m.label in LABELS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=("ner-uk", "slavicner"), default="ner-uk")
    parser.add_argument("--part", choices=("all", "ng", "bruk"), default="all",
                        help="ner-uk only: news (ng), mixed genres (bruk) or both")
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT / "src"))
    from newsdesk.nlp.entities import EntityRecognizer

    recognizer = EntityRecognizer("uk")
    pairs = []
    lemma_ok = lemma_n = 0
    chars = 0
    started = time.perf_counter()
    if args.corpus == "ner-uk":
        docs = [(d, t, g, {}) for d, t, g in ner_uk_docs(args.part, args.limit)]
    else:
        docs = list(slavicner_docs(args.limit))
    for _, text, gold, lemmas in docs:
        mentions = [m for m in recognizer(text) if m.label in LABELS]
        pred = {(m.start, m.end, m.label) for m in mentions}
        pairs.append((gold, pred))
        chars += len(text)
        for m in mentions:
            span = (m.start, m.end, m.label)
            if span in lemmas:
                lemma_n += 1
                lemma_ok += m.lemma.casefold() == lemmas[span].casefold()
    seconds = time.perf_counter() - started
    result = score(pairs)
    extra = {"documents": len(docs), "seconds": round(seconds, 2),
             "docs_per_s": round(len(docs) / seconds, 1) if seconds else None,
             "chars": chars}
    if lemma_n:
        extra["lemma_accuracy"] = round(lemma_ok / lemma_n, 4)
        extra["lemma_checked"] = lemma_n
    name = args.corpus + (f"/{args.part}" if args.corpus == "ner-uk" else "")
    if args.json:
        print(json.dumps({"corpus": name, "scores": result, **extra}, ensure_ascii=False, indent=2))
    else:
        print_table(f"Ukrainian NER, {name}, exact span (PER/ORG/LOC)", result, extra)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
