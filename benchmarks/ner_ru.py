"""Russian NER quality: exact-span micro P/R/F1 per label (PER/ORG/LOC).

Corpora (read from ``../shared/data``, never copied):

* ``pud`` (default): Universal NER Russian-PUD (1,000 sentences, news + Wikipedia);
  each sentence's ``# text`` is recognised and the gold tokens aligned into it.
* ``factrueval``: factRuEval-2016 devset (122 news documents); Person -> PER,
  Org -> ORG, Location and LocOrg -> LOC, with the name extent natasha's own
  benchmark uses (descriptors such as ``мэрии`` left out; see
  :mod:`newsdesk.evaluation.ner`, which ``newsdesk eval ner`` runs too).

Usage (from the repository root)::

    PYTHONPATH=src .venv/bin/python benchmarks/ner_ru.py [--corpus factrueval] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ner_en import pud_sentences, run  # noqa: E402
from ner_uk import DATA, ROOT, Span, print_table  # noqa: E402

from newsdesk.evaluation.ner import read_factrueval  # noqa: E402

def factrueval_docs(limit: int | None = None) -> Iterator[tuple[str, set[Span]]]:
    """Yield ``(text, gold spans)`` of the factRuEval-2016 devset documents, sorted by name, with the name
    extent of :func:`newsdesk.evaluation.ner.read_factrueval`."""
    for doc in read_factrueval(DATA / "factrueval-2016", "devset")[:limit]:
        yield doc.text, set(doc.gold)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=("pud", "factrueval"), default="pud")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    if args.corpus == "pud":
        docs = list(pud_sentences(DATA / "uner-pud-en-ru" / "Russian" / "ru_pud-ud-test.iob2", args.limit))
    else:
        docs = list(factrueval_docs(args.limit))
    result, timing = run("ru", docs, ("PER", "ORG", "LOC"))
    if args.json:
        print(json.dumps({"corpus": args.corpus, "scores": result, **timing}, indent=2))
    else:
        print_table(f"Russian NER, {args.corpus}, exact span", result, timing)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
