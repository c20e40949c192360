"""English NER quality: exact-span micro P/R/F1 per label (PER/ORG/LOC, MISC too for CoNLL).

Readers and scoring come from :mod:`newsdesk.evaluation.ner` (``newsdesk eval ner`` gives the same
figures); this script adds the MISC column for CoNLL and the NTREX speed and key-recall run.

Corpora (read from ``../shared/data``, never copied):

* ``conllpp`` (default): CoNLL-2003 English dev (testa) as shipped with CoNLL++; the
  tokens of each document are joined with single spaces, one sentence per line, so
  offsets are exact. Labels PER/ORG/LOC/MISC.
* ``pud``: Universal NER English-PUD (1,000 sentences, news + Wikipedia; PER/ORG/LOC);
  each sentence's ``# text`` is recognised and the gold tokens aligned into it.
* ``ntrex``: no gold; NTREX-128's 123 news documents in en and their professional
  ru and uk translations: speed per language (documents and mentions per second)
  and cross-lingual linking: the share of the PER and LOC keys of each English
  document that the recognizer also finds in the ru/uk translation (micro-averaged).

Usage (from the repository root)::

    PYTHONPATH=src .venv/bin/python benchmarks/ner_en.py [--corpus pud] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ner_uk import DATA, ROOT, Span, print_table, score  # noqa: E402

from newsdesk.evaluation.ner import read_conllpp, read_uner  # noqa: E402


def conll_docs(path: Path, limit: int | None = None) -> Iterator[tuple[str, set[Span]]]:
    """Yield ``(text, gold spans)`` per ``-DOCSTART-`` document of a CoNLL-2003 IOB file
    (:func:`newsdesk.evaluation.ner.read_conllpp`)."""
    for doc in read_conllpp(path)[:limit]:
        yield doc.text, set(doc.gold)


def pud_sentences(path: Path, limit: int | None = None) -> Iterator[tuple[str, set[Span]]]:
    """Yield ``(sentence text, gold spans)`` of a UNER PUD ``.iob2`` file (:func:`newsdesk.evaluation.ner.read_uner`)."""
    lang = "ru" if path.parent.name == "Russian" else "en"
    for doc in read_uner(path.parent.parent, lang)[:limit]:
        yield doc.text, set(doc.gold)


def run(lang: str, docs: list[tuple[str, set[Span]]], labels: tuple[str, ...]) -> tuple[dict, dict]:
    """Recognise every text of ``docs`` and score it; returns (scores, timing)."""
    from newsdesk.nlp.entities import EntityRecognizer

    recognizer = EntityRecognizer(lang)
    pairs = []
    mentions = 0
    started = time.perf_counter()
    for text, gold in docs:
        found = recognizer(text)
        mentions += len(found)
        pairs.append((gold, {(m.start, m.end, m.label) for m in found if m.label in labels}))
    seconds = time.perf_counter() - started
    return score(pairs, labels), {"texts": len(docs), "seconds": round(seconds, 2),
                                  "mentions_per_s": round(mentions / seconds, 1) if seconds else None}


def ntrex_documents() -> dict[str, list[str]]:
    """The NTREX-128 documents per language (``en``, ``ru``, ``uk``), lines joined per document id."""
    base = DATA / "ntrex-en-ru-uk"
    ids = (base / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    files = {"en": "newstest2019-src.eng.txt", "ru": "newstest2019-ref.rus.txt", "uk": "newstest2019-ref.ukr.txt"}
    out: dict[str, list[str]] = {}
    for lang, name in files.items():
        lines = (base / "NTREX-128" / name).read_text(encoding="utf-8").splitlines()
        docs: dict[str, list[str]] = {}
        for doc_id, line in zip(ids, lines):
            docs.setdefault(doc_id.split("\t")[0], []).append(line)
        out[lang] = ["\n".join(v) for v in docs.values()]
    return out


def ntrex(limit: int | None = None) -> dict:
    """Speed per language and en->ru/uk key recall of PER and LOC keys on NTREX-128."""
    from newsdesk.nlp.entities import EntityRecognizer

    docs = ntrex_documents()
    keys: dict[str, list[set[str]]] = {}
    report: dict = {"documents": min(len(docs["en"]), limit or len(docs["en"]))}
    for lang, texts in docs.items():
        texts = texts[:limit] if limit else texts
        recognizer = EntityRecognizer(lang)
        recognizer(texts[0])  # warm-up
        started = time.perf_counter()
        found = [recognizer(t) for t in texts]
        seconds = time.perf_counter() - started
        n = sum(len(f) for f in found)
        report[lang] = {"docs_per_s": round(len(texts) / seconds, 1), "mentions_per_s": round(n / seconds, 1),
                        "mentions": n, "chars_per_s": round(sum(map(len, texts)) / seconds)}
        keys[lang] = [{m.key for m in f if m.label in ("PER", "LOC")} for f in found]
    for lang in ("ru", "uk"):
        shared = sum(len(e & o) for e, o in zip(keys["en"], keys[lang]))
        total = sum(len(e) for e in keys["en"])
        report[f"en_keys_found_in_{lang}"] = round(shared / total, 4) if total else None
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=("conllpp", "pud", "ntrex"), default="conllpp")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    if args.corpus == "ntrex":
        report = ntrex(args.limit)
        print(json.dumps(report, indent=2) if args.json else "\n".join(f"{k}: {v}" for k, v in report.items()))
        return 0
    if args.corpus == "conllpp":
        docs = list(conll_docs(DATA / "conllpp-en" / "data" / "conllpp_dev.txt", args.limit))
        labels: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")
    else:
        docs = list(pud_sentences(DATA / "uner-pud-en-ru" / "English" / "en_pud-ud-test.iob2", args.limit))
        labels = ("PER", "ORG", "LOC")
    result, timing = run("en", docs, labels)
    if args.json:
        print(json.dumps({"corpus": args.corpus, "scores": result, **timing}, indent=2))
    else:
        print_table(f"English NER, {args.corpus}, exact span", result, timing)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
