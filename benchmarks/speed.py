"""Speed of the per-article pipeline on the bundled demo corpus, per language, on one core.

Usage::

    .venv/bin/python benchmarks/speed.py [--repeat 3] [--json]

For each language it reports articles per second for the whole pipeline
(``Pipeline.process``: extract + annotate, models already loaded), where the
time goes (the pipeline's own per-stage clock, ``Pipeline.stage_seconds``), and, as a same-process baseline, the throughput of the language's
entity model alone (spaCy ``en_core_web_sm`` for en, natasha NER for ru, our
dictionary tagger for uk), so figures are ratios that survive a faster or
slower machine. Peak resident memory is that of the whole process.

BLAS libraries are held to one thread; pin the process to one core as well
(``taskset -c 0``) on a quiet machine, and record the figures in
benchmarks/RESULTS.md.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # one core: no BLAS threads
    os.environ.setdefault(_var, "1")

import argparse
import datetime as dt
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

from newsdesk.model import RawDocument, Rejected
from newsdesk.pipeline import Pipeline
from newsdesk.read import iter_documents

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"


def _load(lang: str) -> list[RawDocument]:
    docs = [d for d in iter_documents([str(DEMO / f"ntrex-{lang}.jsonl")]) if not isinstance(d, Rejected)]
    if not docs:
        sys.exit(f"no demo documents for {lang}: run scripts/make_demo_corpus.py")
    return docs


def _model_alone(pipeline: Pipeline, lang: str, texts: list[str]) -> float:
    recognizer = pipeline.recognizer(lang)
    start = time.perf_counter()
    for text in texts:
        recognizer(text)
    return time.perf_counter() - start


def measure(lang: str, pipeline: Pipeline, repeat: int) -> dict:
    docs = _load(lang)
    for doc in docs[:2]:  # warm-up: load models, fill caches
        pipeline.process(doc)
    pipeline.stage_seconds.clear()
    n = 0
    total_start = time.perf_counter()
    for _ in range(repeat):
        for doc in docs:
            pipeline.process(doc)
            n += 1
    total = time.perf_counter() - total_start
    stages = dict(pipeline.stage_seconds)
    alone = sum(_model_alone(pipeline, lang, [d.text for d in docs]) for _ in range(repeat))
    chars = sum(len(d.text) for d in docs) * repeat
    return {
        "lang": lang,
        "articles": n,
        "chars_per_article": round(chars / n),
        "articles_per_s": round(n / total, 2),
        "entity_model_alone_articles_per_s": round(n / alone, 2),
        "ratio_to_entity_model_alone": round(alone / total, 3),
        "stage_share": {k: round(v / total, 3) for k, v in stages.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the corpus per language")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    pipeline = Pipeline(reference_date=dt.date(2026, 11, 30))
    results = [measure(lang, pipeline, args.repeat) for lang in ("en", "ru", "uk")]
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.json:
        print(json.dumps({"results": results, "peak_rss_mib": round(peak_mib)}, indent=2))
        return
    for r in results:
        shares = ", ".join(f"{k} {v:.0%}" for k, v in r["stage_share"].items())
        print(
            f"{r['lang']}: {r['articles_per_s']:.1f} articles/s ({r['chars_per_article']} chars each); "
            f"entity model alone {r['entity_model_alone_articles_per_s']:.1f}/s "
            f"(pipeline = {r['ratio_to_entity_model_alone']:.2f}x of it); time: {shares}"
        )
    print(f"peak RSS: {peak_mib:.0f} MiB (all three languages loaded)")


if __name__ == "__main__":
    main()
