"""English NER quality: exact-span micro P/R/F1 per label (PER/ORG/LOC, MISC too for CoNLL).

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


def conll_docs(path: Path, limit: int | None = None) -> Iterator[tuple[str, set[Span]]]:
    """Yield ``(text, gold spans)`` per ``-DOCSTART-`` document of a CoNLL-2003 IOB2 file."""
    docs: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            docs.append([])
            continue
        if not line.strip():
            if sentence and docs:
                docs[-1].append(sentence)
            sentence = []
            continue
        cols = line.split()
        sentence.append((cols[0], cols[-1]))
    if sentence and docs:
        docs[-1].append(sentence)
    for n, doc in enumerate(docs):
        if limit is not None and n >= limit:
            return
        yield _assemble(doc)


def _assemble(sentences: list[list[tuple[str, str]]]) -> tuple[str, set[Span]]:
    parts: list[str] = []
    gold: set[Span] = set()
    pos = 0
    for sentence in sentences:
        current: list[int | str] | None = None  # [start, end, label]
        for k, (token, tag) in enumerate(sentence):
            if k:
                parts.append(" ")
                pos += 1
            start = pos
            parts.append(token)
            pos += len(token)
            if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != tag[2:])):
                if current is not None:
                    gold.add(tuple(current))  # type: ignore[arg-type]
                current = [start, pos, tag[2:]]
            elif tag.startswith("I-") and current is not None:
                current[1] = pos
            else:
                if current is not None:
                    gold.add(tuple(current))  # type: ignore[arg-type]
                current = None
        if current is not None:
            gold.add(tuple(current))  # type: ignore[arg-type]
        parts.append("\n")
        pos += 1
    return "".join(parts), gold


def pud_sentences(path: Path, limit: int | None = None) -> Iterator[tuple[str, set[Span]]]:
    """Yield ``(sentence text, gold spans)`` of a UNER PUD ``.iob2`` file (tokens aligned into ``# text``)."""
    text = ""
    tokens: list[tuple[str, str]] = []
    n = 0

    def flush() -> tuple[str, set[Span]]:
        gold: set[Span] = set()
        pos = 0
        current: list | None = None
        for token, tag in tokens:
            start = text.find(token, pos)
            if start < 0:
                start = pos
            end = start + len(token)
            pos = end
            if tag.startswith("B-") or (tag.startswith("I-") and current is None):
                if current is not None:
                    gold.add(tuple(current))
                current = [start, end, tag[2:]]
            elif tag.startswith("I-") and current is not None:
                current[1] = end
            else:
                if current is not None:
                    gold.add(tuple(current))
                current = None
        if current is not None:
            gold.add(tuple(current))
        return text, gold

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text = line[len("# text = "):]
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if tokens:
                yield flush()
                n += 1
                if limit is not None and n >= limit:
                    return
            tokens = []
        else:
            cols = line.split("\t")
            tokens.append((cols[1], cols[2]))
    if tokens:
        yield flush()


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
