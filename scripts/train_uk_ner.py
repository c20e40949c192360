"""Train the Ukrainian NER pipeline (models/uk_ner/model) on NER-UK 2.0, or cross-validate the recipe.

The recipe: ``models/uk_ner/config.cfg`` (spaCy's CNN NER with pymorphy3 features from
``newsdesk.nlp.morph_features``), trained with spaCy's own trainer on the NER-UK 2.0 *training*
documents (``../shared/data/ner-uk``, read through :func:`newsdesk.evaluation.ner.read_ner_uk`;
PERS -> PER, ORG, LOC; the other types are left unmarked). The documents are cut into a
training part and a development part (every tenth document, by a fixed shuffle) that only picks
the best checkpoint; ``model-best`` is copied to ``models/uk_ner/model``. Optionally the Ukrainian
documents of SlavicNER (``--slavicner``; PER/ORG/LOC, EVT and PRO unmarked) are added to the
training part.

``--cv K`` measures the same recipe instead: the documents are split into K folds (by document,
each folder ``ng``/``bruk`` spread evenly); for each fold a model is trained on the other folds
exactly as above and scored, through :class:`newsdesk.nlp.entities.EntityRecognizer`, on the fold
it never saw; counts are pooled over folds (exact span and label, PER/ORG/LOC). The rule-based
baseline is scored on the same documents. The report goes to ``build/uk_ner/cv.json``.

Data license: NER-UK is CC BY-NC-SA 4.0, so the trained weights are for non-commercial use and
shared alike. Nothing is downloaded; the data is read from ``../shared/data`` and never copied.

Usage (from the repository root; ``make train-uk-ner`` runs the first)::

    .venv/bin/python scripts/train_uk_ner.py                       # train models/uk_ner/model
    .venv/bin/python scripts/train_uk_ner.py --cv 3                # cross-validate (build/uk_ner/cv.json)
    .venv/bin/python scripts/train_uk_ner.py --cv 3 --score-only   # score those fold models again
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # the shared machine: one BLAS thread
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.evaluation.ner import NerDocument, read_ner_uk, read_slavicner, score_spans  # noqa: E402

LABELS = ("PER", "ORG", "LOC")
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ner-uk"
DEFAULT_CONFIG = ROOT / "models" / "uk_ner" / "config.cfg"
DEFAULT_OUTPUT = ROOT / "models" / "uk_ner" / "model"
DEFAULT_WORK = ROOT / "build" / "uk_ner"


def to_docbin(docs: list[NerDocument], path: Path) -> dict[str, int]:
    """Write ``docs`` as a spaCy DocBin at ``path`` (tokenized by spaCy's ``uk`` tokenizer).

    Gold PER/ORG/LOC spans become ``doc.ents`` (the rest of the text is outside any entity);
    a span whose edges fall inside a token is shrunk to the tokens inside it, and dropped when
    none is. Returns counts: documents, entities kept, entities shrunk, entities dropped.
    """
    import spacy
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    nlp = spacy.blank("uk")
    db = DocBin(store_user_data=False)
    stats = {"docs": 0, "ents": 0, "shrunk": 0, "dropped": 0}
    for d in docs:
        doc = nlp.make_doc(d.text)
        spans = []
        for start, end, label in sorted(d.gold):
            if label not in LABELS:
                continue
            span = doc.char_span(start, end, label=label)
            if span is None:
                span = doc.char_span(start, end, label=label, alignment_mode="contract")
                stats["shrunk" if span is not None else "dropped"] += 1
            if span is not None and len(span):
                spans.append(span)
        kept = filter_spans(spans)
        stats["dropped"] += len(spans) - len(kept)
        doc.set_ents(kept, default="outside")
        stats["ents"] += len(kept)
        stats["docs"] += 1
        db.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return stats


def folds(docs: list[NerDocument], k: int, seed: int = 13) -> list[list[NerDocument]]:
    """Split documents into ``k`` folds: a fixed shuffle within each folder (``ng``, ``bruk``), dealt in turn."""
    out: list[list[NerDocument]] = [[] for _ in range(k)]
    n = 0
    for folder in sorted({d.doc_id.split("/")[0] for d in docs}):
        group = sorted((d for d in docs if d.doc_id.split("/")[0] == folder), key=lambda d: d.doc_id)
        random.Random(seed).shuffle(group)
        for d in group:
            out[n % k].append(d)
            n += 1
    return out


def train_dev(docs: list[NerDocument], seed: int = 7) -> tuple[list[NerDocument], list[NerDocument]]:
    """Hold out every tenth document (after a fixed shuffle) to pick the best checkpoint."""
    order = sorted(docs, key=lambda d: d.doc_id)
    random.Random(seed).shuffle(order)
    dev = order[::10]
    dev_ids = {d.doc_id for d in dev}
    return [d for d in order if d.doc_id not in dev_ids], dev


def train(train_docs: list[NerDocument], dev_docs: list[NerDocument], work: Path, config: Path,
          max_steps: int | None, extra: list[NerDocument]) -> Path:
    """Train with spaCy's trainer in ``work``; returns the ``model-best`` folder."""
    from spacy.cli.train import train as spacy_train

    import newsdesk.nlp.morph_features  # noqa: F401  (registers the feature component)

    work.mkdir(parents=True, exist_ok=True)
    stats = to_docbin(train_docs + extra, work / "train.spacy")
    dev_stats = to_docbin(dev_docs, work / "dev.spacy")
    print(f"train: {stats}; dev: {dev_stats}", flush=True)
    overrides = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")}
    if max_steps:
        overrides["training.max_steps"] = max_steps
    started = time.perf_counter()
    spacy_train(config, work / "output", use_gpu=-1, overrides=overrides)
    print(f"trained in {time.perf_counter() - started:.0f} s", flush=True)
    return work / "output" / "model-best"


def score(recognizer, docs: list[NerDocument]) -> tuple[list, float]:
    """``(gold, predicted)`` pairs of ``docs`` and the seconds the recognizer took."""
    pairs = []
    started = time.perf_counter()
    for d in docs:
        pairs.append((d.gold, {(m.start, m.end, m.label) for m in recognizer(d.text)}))
    return pairs, time.perf_counter() - started


def cross_validate(args: argparse.Namespace, docs: list[NerDocument], extra: list[NerDocument]) -> dict:
    """K-fold document-level cross-validation of the recipe against the rule baseline."""
    from newsdesk.nlp.entities import EntityRecognizer

    rules = EntityRecognizer("uk", spacy_model_uk="rules")
    model_pairs: list = []
    rule_pairs: list = []
    report: dict = {"k": args.cv, "max_steps": args.max_steps, "slavicner": bool(extra), "folds": []}
    model_seconds = rule_seconds = 0.0
    for i, test in enumerate(folds(docs, args.cv)):
        if args.only_fold is not None and i != args.only_fold:
            continue
        test_ids = {d.doc_id for d in test}
        rest = [d for d in docs if d.doc_id not in test_ids]
        tr, dev = train_dev(rest)
        best = args.work / f"fold{i}" / "output" / "model-best"
        if not args.score_only:
            best = train(tr, dev, args.work / f"fold{i}", args.config, args.max_steps, extra)
        model = EntityRecognizer("uk", spacy_model_uk=str(best))
        pairs, seconds = score(model, test)
        base, base_seconds = score(rules, test)
        model_pairs += pairs
        rule_pairs += base
        model_seconds += seconds
        rule_seconds += base_seconds
        fold = {"fold": i, "n_docs": len(test), "model": score_spans(pairs, LABELS)["micro"]["f1"],
                "rules": score_spans(base, LABELS)["micro"]["f1"]}
        report["folds"].append(fold)
        print(json.dumps(fold), flush=True)
    n = len(model_pairs)
    report["model"] = score_spans(model_pairs, LABELS)
    report["rules"] = score_spans(rule_pairs, LABELS)
    report["n_docs"] = n
    report["model_docs_per_s"] = round(n / model_seconds, 1) if model_seconds else None
    report["rules_docs_per_s"] = round(n / rule_seconds, 1) if rule_seconds else None
    return report


def write_meta(model: Path, with_slavicner: bool = False) -> None:
    """Name the pipeline and state its data and license in its ``meta.json``."""
    path = model / "meta.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta.update({
        "name": "newsdesk_uk_ner",
        "description": "Ukrainian NER (PER, ORG, LOC) for newsdesk, trained by scripts/train_uk_ner.py",
        "license": "CC BY-NC-SA 4.0 (inherited from the training data)",
        "sources": [{"name": "NER-UK 2.0 (training documents)", "url": "https://github.com/lang-uk/ner-uk",
                     "license": "CC BY-NC-SA 4.0"}]
        + ([{"name": "SlavicNER (Ukrainian documents)", "url": "https://github.com/SlavicNLP/SlavicNER",
             "license": "none stated"}] if with_slavicner else []),
    })
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ner-uk folder")
    parser.add_argument("--slavicner", type=Path, default=None,
                        help="also train on SlavicNER's Ukrainian documents (the slavicner-ru-uk folder)")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="where the trained pipeline goes")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="DocBins and training runs (build/)")
    parser.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    parser.add_argument("--cv", type=int, default=0, metavar="K", help="cross-validate with K folds instead")
    parser.add_argument("--only-fold", type=int, default=None, help="with --cv: run this fold only")
    parser.add_argument("--score-only", action="store_true",
                        help="with --cv: score the fold models already trained in --work, train nothing")
    args = parser.parse_args(argv)

    docs = read_ner_uk(args.data, "train")
    extra = read_slavicner(args.slavicner, "uk") if args.slavicner else []
    print(f"{len(docs)} NER-UK training documents, {len(extra)} SlavicNER documents", flush=True)
    if args.cv:
        report = cross_validate(args, docs, extra)
        args.work.mkdir(parents=True, exist_ok=True)
        (args.work / ("cv-scored.json" if args.score_only else "cv.json")).write_text(
            json.dumps(report, indent=2), encoding="utf-8")
        print(json.dumps({k: v for k, v in report.items() if k not in ("folds",)}, indent=2))
        return 0
    tr, dev = train_dev(docs)
    best = train(tr, dev, args.work / "final", args.config, args.max_steps, extra)
    if args.output.exists():
        shutil.rmtree(args.output)
    shutil.copytree(best, args.output)
    write_meta(args.output, bool(extra))
    size = sum(p.stat().st_size for p in args.output.rglob("*") if p.is_file())
    print(f"wrote {args.output} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
