"""Ukrainian NER quality: exact-span micro precision / recall / F1 per label.

A thin wrapper over :mod:`newsdesk.evaluation.ner` (readers, label mapping, scoring), which
``newsdesk eval ner`` uses too. Corpora (read from ``../shared/data``, never copied):

* ``ner-uk`` (default): NER-UK 2.0 training documents (lang-uk; CC BY-NC-SA 4.0), ``ng``
  (Nashi Groshi news) and ``bruk`` (mixed genres incl. fiction). PERS -> PER, ORG, LOC.
* ``slavicner``: SlavicNER (BSNLP) Ukrainian documents; PER/ORG/LOC scored. Also reports
  lemma accuracy on the mentions whose span and label match.

``--rules`` scores the rule-based baseline instead of the default recognizer (the trained
pipeline in models/uk_ner/model when present). Note that the trained pipeline has seen the
NER-UK training documents: its cross-validated figure comes from ``scripts/train_uk_ner.py --cv``.

Usage (from the repository root)::

    .venv/bin/python benchmarks/ner_uk.py [--part ng|bruk] [--corpus slavicner] [--rules] [--json]

The helpers :func:`score`, :func:`print_table`, :func:`predict` and :func:`ner_uk_docs` are
shared by ``ner_en.py``, ``ner_ru.py`` and the entity tests.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.evaluation.ner import read_ner_uk, read_slavicner, score_spans  # noqa: E402

LABELS = ("PER", "ORG", "LOC")
Span = tuple[int, int, str]  # start, end, label


def ner_uk_docs(part: str = "all", limit: int | None = None) -> Iterator[tuple[str, str, set[Span]]]:
    """Yield ``(doc id, text, gold spans)`` of the NER-UK 2.0 training documents (``all``, ``ng`` or ``bruk``)."""
    docs = read_ner_uk(DATA / "ner-uk", "train" if part == "all" else part)
    for d in docs[:limit]:
        yield d.doc_id, d.text, set(d.gold)


def slavicner_lemmas(limit: int | None = None, lang: str = "uk") -> Iterator[tuple[str, str, set[Span], dict]]:
    """Yield ``(doc id, text, gold spans, {span: gold lemma})`` of SlavicNER."""
    base = DATA / "slavicner-ru-uk"
    for d in read_slavicner(base, lang)[:limit]:
        topic, stem = d.doc_id.split("/", 1)
        folder = base / "ner" / topic / lang
        ann = folder / f"{stem}.txt.tsv"
        ann = ann if ann.exists() else folder / f"{stem}.tsv"
        lemmas = {}
        for line in ann.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) >= 5 and cols[4] in LABELS and cols[0].isdigit():
                lemmas[(int(cols[0]), int(cols[1]), cols[4])] = cols[3]
        yield d.doc_id, d.text, set(d.gold), lemmas


def score(pairs: Iterable[tuple[set[Span], set[Span]]], labels: tuple[str, ...] = LABELS) -> dict:
    """Per-label and overall (``ALL``) figures: ``{label: {gold, pred, tp, precision, recall, f1}}``."""
    result = score_spans(pairs, labels)
    rows = {**result["per_label"], "ALL": result["micro"]}
    return {label: {"gold": r["n_gold"], "pred": r["n_pred"], "tp": r["tp"], "precision": r["precision"],
                    "recall": r["recall"], "f1": r["f1"]} for label, r in rows.items()}


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
    parser.add_argument("--rules", action="store_true", help="score the rule-based baseline")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)

    from newsdesk.nlp.entities import EntityRecognizer

    recognizer = EntityRecognizer("uk", spacy_model_uk="rules" if args.rules else "auto")
    if args.corpus == "ner-uk":
        docs = [(d, t, g, {}) for d, t, g in ner_uk_docs(args.part, args.limit)]
    else:
        docs = list(slavicner_lemmas(args.limit))
    pairs = []
    lemma_ok = lemma_n = chars = 0
    started = time.perf_counter()
    for _, text, gold, lemmas in docs:
        mentions = [m for m in recognizer(text) if m.label in LABELS]
        pairs.append((gold, {(m.start, m.end, m.label) for m in mentions}))
        chars += len(text)
        for m in mentions:
            if (m.start, m.end, m.label) in lemmas:
                lemma_n += 1
                lemma_ok += m.lemma.casefold() == lemmas[(m.start, m.end, m.label)].casefold()
    seconds = time.perf_counter() - started
    result = score(pairs)
    extra = {"documents": len(docs), "seconds": round(seconds, 2),
             "docs_per_s": round(len(docs) / seconds, 1) if seconds else None, "chars": chars}
    if lemma_n:
        extra["lemma_accuracy"] = round(lemma_ok / lemma_n, 4)
        extra["lemma_checked"] = lemma_n
    name = args.corpus + (f"/{args.part}" if args.corpus == "ner-uk" else "") + (" (rules)" if args.rules else "")
    if args.json:
        print(json.dumps({"corpus": name, "scores": result, **extra}, ensure_ascii=False, indent=2))
    else:
        print_table(f"Ukrainian NER, {name}, exact span (PER/ORG/LOC)", result, extra)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
