"""The bundled demo corpus (data/demo, from NTREX-128): aligned, licensed, reproducible, searchable."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path

import pytest

from newsdesk.model import Article
from newsdesk.store import Store

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
NTREX = ROOT.parent / "shared" / "data" / "ntrex-en-ru-uk"
SHARED_SEED = ROOT.parent / "shared" / "seed" / "000_bd9733fec56149a6.txt"
LANGS = ("en", "ru", "uk")
QUOTE_MARKS = set('"“”«»„')


def _records(lang: str) -> list[dict]:
    with (DEMO / f"ntrex-{lang}.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[dict]]:
    return {lang: _records(lang) for lang in LANGS}


def _script():
    spec = importlib.util.spec_from_file_location("make_demo_corpus", ROOT / "scripts" / "make_demo_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_same_documents_in_three_languages(corpus):
    ids = {lang: [r["id"] for r in records] for lang, records in corpus.items()}
    assert len(ids["en"]) >= 24 and len(set(ids["en"])) == len(ids["en"])
    assert ids["en"] == ids["ru"] == ids["uk"]
    for lang, records in corpus.items():
        for r in records:
            assert set(r) == {"url", "title", "text", "lang", "id"}
            assert r["lang"] == lang and r["url"] == f"ntrex:{r['id']}"
            assert r["title"].strip() and "\n" not in r["title"]
            assert r["text"].strip() and "\n\n\n" not in r["text"]
    # Line-aligned translations: the same number of paragraphs per document in every language.
    for en, ru, uk in zip(*(corpus[lang] for lang in LANGS)):
        assert en["text"].count("\n\n") == ru["text"].count("\n\n") == uk["text"].count("\n\n")


def test_documents_quote_people_in_every_language(corpus):
    for lang, records in corpus.items():
        for r in records:
            quoting = sum(bool(QUOTE_MARKS & set(p)) for p in r["text"].split("\n\n"))
            assert quoting >= 3, (lang, r["id"])


def test_license_attribution_and_seed_are_bundled():
    license_text = (DEMO / "LICENSE-NTREX.md").read_text(encoding="utf-8")
    assert license_text.startswith("Attribution-ShareAlike 4.0 International")
    attribution = (DEMO / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for needle in ("NTREX-128", "github.com/MicrosoftTranslator/NTREX", "8561f6a622db9edad1217683e5c83daefd8bb2bf",
                   "newstest2019", "WMT19", "CC BY-SA 4.0"):
        assert needle in attribution
    for r in _records("en"):
        assert f"| {r['id']} |" in attribution
    seed = DEMO / "seed" / "000_bd9733fec56149a6.txt"
    assert "Stoltenberg" in seed.read_text(encoding="utf-8")
    if SHARED_SEED.exists():
        assert seed.read_bytes() == SHARED_SEED.read_bytes()


def test_script_rebuilds_identical_files(tmp_path):
    if not NTREX.exists():
        pytest.skip(f"NTREX-128 data {NTREX} is not present (it lives in ../shared/data beside the repository)")
    if not SHARED_SEED.exists():
        pytest.skip(f"seed document {SHARED_SEED} is not present")
    script = _script()
    chosen = script.build(NTREX, SHARED_SEED, tmp_path, 24)
    assert chosen == [r["id"] for r in _records("en")]
    names = ["ntrex-en.jsonl", "ntrex-ru.jsonl", "ntrex-uk.jsonl", "LICENSE-NTREX.md", "ATTRIBUTION.md",
             "seed/000_bd9733fec56149a6.txt"]
    for name in names:
        assert (tmp_path / name).read_bytes() == (DEMO / name).read_bytes(), name
    # The texts are the dataset's lines, unedited.
    source_lines = set((NTREX / "NTREX-128" / "newstest2019-ref.ukr.txt").read_text(encoding="utf-8").splitlines())
    for r in _records("uk"):
        assert r["title"] in source_lines
        assert all(p in source_lines for p in r["text"].split("\n\n"))


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, corpus):
    """The demo texts stored as plain (unannotated) articles."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store(path) as store:
        for lang, records in corpus.items():
            for r in records:
                digest = hashlib.sha256(f"{lang}\n{r['text']}".encode()).hexdigest()[:16]
                article = Article(id=digest, source=r["url"], lang=lang, text=r["text"], title=r["title"], url=r["url"])
                assert store.add(article) == "stored"
    return path


@pytest.mark.parametrize("word", ["Kavanaugh", "Ronaldo", "Роналду", "Кавано", "Македонії", "референдума", "Trump"])
def test_search_over_demo_matches_a_whole_word_scan(demo_store, corpus, word):
    expected = set()
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    for lang, records in corpus.items():
        for r in records:
            if pattern.search(r["title"]) or pattern.search(r["text"]):
                expected.add((r["url"], lang))
    assert expected, f"{word} should occur in the demo corpus"
    with Store(demo_store, read_only=True) as store:
        hits = store.search(word, limit=100)
    assert {(h.source, h.lang) for h in hits} == expected
