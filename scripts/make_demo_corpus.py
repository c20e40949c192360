"""Build the bundled demo corpus data/demo/ from NTREX-128 (English, Russian, Ukrainian).

NTREX-128 gives the WMT19 newstest English news documents with professional
Russian and Ukrainian translations, line-aligned across three files, plus
DOCUMENT_IDS.tsv naming the document of each line; the first line of a
document is its headline. This script picks whole documents that quote people
(so the demo shows who said what), the same documents in all three languages,
and writes one JSONL file per language:

    data/demo/ntrex-en.jsonl, ntrex-ru.jsonl, ntrex-uk.jsonl
        {"url": "ntrex:<docid>", "title": <first line>, "text": <other lines joined by a blank line>,
         "lang": "en"|"ru"|"uk", "id": <docid>}

and beside them LICENSE-NTREX.md (the dataset's CC BY-SA 4.0 license file),
ATTRIBUTION.md (source, commit, what was selected and changed) and a copy of the
project's seed document under seed/.

Selection: a document scores one point for every body line (headline excluded)
that has a quotation mark in all three languages; the ``--count`` highest
scores win, ties going to the document that comes first in the corpus; the
chosen documents are written in corpus order. The output depends only on the
input files, so re-running the script rewrites identical files.

Usage (from the repository root)::

    python scripts/make_demo_corpus.py                 # ../shared/data/ntrex-en-ru-uk -> data/demo
    python scripts/make_demo_corpus.py --count 30 --out /tmp/demo
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "ntrex-en-ru-uk"
DEFAULT_SEED = ROOT.parent / "shared" / "seed" / "000_bd9733fec56149a6.txt"
DEFAULT_OUT = ROOT / "data" / "demo"

# NTREX-128 file names per ISO 639-1 code.
FILES = {
    "en": "NTREX-128/newstest2019-src.eng.txt",
    "ru": "NTREX-128/newstest2019-ref.rus.txt",
    "uk": "NTREX-128/newstest2019-ref.ukr.txt",
}
# Quotation marks seen in the three files: straight and curly double quotes,
# guillemets, and the German-style low opening mark used in some Russian lines.
QUOTE_MARKS = frozenset('"“”«»„')
UPSTREAM = "https://github.com/MicrosoftTranslator/NTREX"
COMMIT = "8561f6a622db9edad1217683e5c83daefd8bb2bf"


def read_documents(source: Path) -> tuple[list[str], dict[str, dict[str, list[str]]]]:
    """Read the aligned files into documents.

    Returns:
        The document ids in corpus order, and for each id the lines per
        language (``docs[docid]["ru"]`` is the Russian headline then body).

    Raises:
        SystemExit: a file is missing, or the files are not line-aligned, or a
            document's lines are not contiguous.
    """
    ids_path = source / "DOCUMENT_IDS.tsv"
    if not ids_path.is_file():
        sys.exit(f"{ids_path} not found: pass --source, the folder holding NTREX-128/ and DOCUMENT_IDS.tsv")
    ids = [line.split("\t")[0].strip() for line in ids_path.read_text(encoding="utf-8").splitlines()]
    lines = {}
    for lang, name in FILES.items():
        path = source / name
        if not path.is_file():
            sys.exit(f"{path} not found: pass --source, the folder holding NTREX-128/ and DOCUMENT_IDS.tsv")
        lines[lang] = path.read_text(encoding="utf-8").splitlines()
        if len(lines[lang]) != len(ids):
            sys.exit(f"{path} has {len(lines[lang])} lines, DOCUMENT_IDS.tsv {len(ids)}: the files are not aligned")
    order: list[str] = []
    docs: dict[str, dict[str, list[str]]] = {}
    for n, docid in enumerate(ids):
        if docid not in docs:
            order.append(docid)
            docs[docid] = {lang: [] for lang in FILES}
        elif order[-1] != docid:
            sys.exit(f"DOCUMENT_IDS.tsv line {n + 1}: document {docid} is split in two parts")
        for lang in FILES:
            docs[docid][lang].append(lines[lang][n].strip())
    return order, docs


def quote_score(doc: dict[str, list[str]]) -> int:
    """Body lines with a quotation mark in every language."""
    body = zip(*(doc[lang][1:] for lang in FILES))
    return sum(all(QUOTE_MARKS & set(line) for line in aligned) for aligned in body)


def select(order: list[str], docs: dict[str, dict[str, list[str]]], count: int) -> list[str]:
    """The ``count`` documents with the most quoting lines, in corpus order."""
    usable = [d for d in order if all(len(docs[d][lang]) >= 2 for lang in FILES)]
    ranked = sorted(usable, key=lambda d: (-quote_score(docs[d]), order.index(d)))
    chosen = set(ranked[:count])
    return [d for d in order if d in chosen]


def record(docid: str, lang: str, lines: list[str]) -> dict[str, str]:
    """One JSONL record: headline as title, the other lines as paragraphs."""
    return {
        "url": f"ntrex:{docid}",
        "title": lines[0],
        "text": "\n\n".join(line for line in lines[1:] if line),
        "lang": lang,
        "id": docid,
    }


def attribution(chosen: list[str], docs: dict[str, dict[str, list[str]]]) -> str:
    """The text of ATTRIBUTION.md."""
    rows = "\n".join(
        f"| {d} | {len(docs[d]['en']) - 1} | {quote_score(docs[d])} | {docs[d]['en'][0]} |" for d in chosen
    )
    return f"""# Demo corpus: attribution

The files `ntrex-en.jsonl`, `ntrex-ru.jsonl` and `ntrex-uk.jsonl` in this folder are adapted from
**NTREX-128** (News Test References for MT Evaluation of 128 Languages) by Microsoft:

- Repository: {UPSTREAM}
- Commit: {COMMIT} (2024-02-29)
- Files used: `NTREX-128/newstest2019-src.eng.txt` (English source),
  `NTREX-128/newstest2019-ref.rus.txt` and `NTREX-128/newstest2019-ref.ukr.txt` (professional human
  translations into Russian and Ukrainian), `DOCUMENT_IDS.tsv`.
- The English texts are the source side of the WMT19 news translation test set (newstest2019,
  Fourth Conference on Machine Translation, 2019): news stories from BBC, Reuters, The Guardian,
  The New York Times and other outlets. Reference: Christian Federmann, Tom Kocmi and Ying Xin,
  "NTREX-128 – News Test References for MT Evaluation of 128 Languages", SUMEval 2022.
- License: Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0); the license
  text is in `LICENSE-NTREX.md` beside this file.

## What was selected and how it was changed

{len(chosen)} of the {len(docs)} documents, the same documents in all three languages, chosen by
`scripts/make_demo_corpus.py`: each document scores one point per body line that has a quotation
mark in all three languages; the highest scores were taken (ties: the earlier document), so the demo
shows who said what. Changes: each document's first line became the `title`, its other lines were
joined with a blank line into `text`, and `url` (`ntrex:<document id>`), `lang` and `id` fields were
added; one JSON object per line. No sentence was edited.

The Russian and Ukrainian texts are translations of English originals, not native journalism.

These derived files are licensed under CC BY-SA 4.0, like the original. The rest of this repository
is not affected by that license.

| document | body lines | quoting lines | English headline |
|---|---|---|---|
{rows}

## Seed document

`seed/000_bd9733fec56149a6.txt` is the page capture this project was started from (a trilingual news
site's English page); it is not part of NTREX-128.
"""


def write_if_changed(path: Path, text: str) -> bool:
    """Write UTF-8 text with ``\\n`` line ends; True when the file changed."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def build(source: Path, seed: Path, out: Path, count: int) -> list[str]:
    """Write the demo corpus into ``out``; return the chosen document ids."""
    order, docs = read_documents(source)
    if count < 1 or count > len(order):
        sys.exit(f"--count must be between 1 and {len(order)}")
    chosen = select(order, docs, count)
    out.mkdir(parents=True, exist_ok=True)
    for lang in FILES:
        text = "".join(json.dumps(record(d, lang, docs[d][lang]), ensure_ascii=False) + "\n" for d in chosen)
        write_if_changed(out / f"ntrex-{lang}.jsonl", text)
    license_path = source / "LICENSE.md"
    if not license_path.is_file():
        sys.exit(f"{license_path} not found: the corpus may not be shipped without its license")
    write_if_changed(out / "LICENSE-NTREX.md", license_path.read_text(encoding="utf-8"))
    write_if_changed(out / "ATTRIBUTION.md", attribution(chosen, docs))
    if not seed.is_file():
        sys.exit(f"{seed} not found: pass --seed")
    (out / "seed").mkdir(exist_ok=True)
    target = out / "seed" / seed.name
    if not target.is_file() or target.read_bytes() != seed.read_bytes():
        shutil.copyfile(seed, target)
    return chosen


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="the ntrex-en-ru-uk folder")
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="the seed document to bundle")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write (default data/demo)")
    parser.add_argument("--count", type=int, default=24, help="how many documents (default 24)")
    args = parser.parse_args(argv)
    chosen = build(args.source, args.seed, args.out, args.count)
    print(f"wrote {len(chosen)} documents x 3 languages to {args.out}")


if __name__ == "__main__":
    main()
