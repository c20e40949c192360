"""The local engine: a process pool gives the same results, in the same order, as one process, and the
same database through `newsdesk ingest`; a bad setting stops the batch and its workers."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3

import pytest
from typer.testing import CliRunner

from conftest import DEMO
from newsdesk.batch.local import analyse, default_workers, run_local
from newsdesk.batch.resume import Known
from newsdesk.cli import app
from newsdesk.config import load_settings
from newsdesk.errors import ConfigError
from newsdesk.model import Article, RawDocument, Rejected
from newsdesk.read import iter_documents
from newsdesk.serialize import article_to_dict

runner = CliRunner()


@pytest.fixture(scope="module")
def settings():
    return load_settings()


@pytest.fixture(scope="module")
def docs() -> list[RawDocument]:
    """Four demo articles per language, interleaved so each worker meets every language."""
    per_lang = [list(iter_documents([str(DEMO / f"ntrex-{lang}.jsonl")]))[:4] for lang in ("en", "ru", "uk")]
    return [doc for group in zip(*per_lang) for doc in group]


def _json(results) -> list[str]:
    return [json.dumps(article_to_dict(r), ensure_ascii=False) if isinstance(r, Article) else repr(r) for r in results]


@pytest.fixture(scope="module")
def single(docs, settings) -> list[str]:
    return _json(run_local(docs, settings, workers=1))


def test_two_workers_give_the_single_process_results_in_order(docs, settings, single):
    assert all(isinstance(r, Article) for r in run_local(docs[:1], settings))  # sanity: the docs analyse
    parallel = _json(run_local(docs, settings, workers=2, in_flight=3, min_per_worker=1))
    assert parallel == single
    assert multiprocessing.active_children() == []  # the pool is shut down


def test_rejections_and_known_records_keep_their_place(docs, settings, single):
    rejected = Rejected("broken.txt", "empty document", "read")
    known = Known("again.txt", "0123456789abcdef")
    mixed = [docs[0], rejected, docs[1], known, *docs[2:6]]
    results = list(run_local(mixed, settings, workers=2, min_per_worker=1))
    assert results[1] == rejected
    assert results[3] == known
    assert _json([results[0], results[2], *results[4:]]) == single[:6]


def test_small_inputs_run_in_this_process(docs, settings):
    seen_children = []
    for _ in run_local(docs[:3], settings, workers=2, min_per_worker=2):  # 3 documents < 2 per worker x 2
        seen_children.append(len(multiprocessing.active_children()))
    assert seen_children == [0, 0, 0]


def test_a_bad_setting_in_a_worker_stops_the_batch_and_the_workers(docs, settings):
    with pytest.raises(ConfigError, match="xx"):
        for _ in run_local(docs, settings, workers=2, lang="xx", min_per_worker=1):
            pass
    assert multiprocessing.active_children() == []


def test_an_unexpected_error_in_analysis_is_a_rejection(settings, monkeypatch):
    from newsdesk.pipeline import Pipeline

    def broken(self, doc, *, lang=None):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(Pipeline, "process", broken)
    result = analyse(RawDocument("x.txt", "Some text."), settings)
    assert isinstance(result, Rejected) and result.stage == "annotate"
    assert "ZeroDivisionError" in result.reason and result.source == "x.txt"


def test_default_workers_is_the_cores_this_process_may_use():
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert default_workers() == expected >= 1


def _stored(db) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        articles = con.execute("SELECT id, source, json FROM articles ORDER BY seq").fetchall()
        sources = con.execute("SELECT source, article_id FROM sources ORDER BY source").fetchall()
        quotes = con.execute('SELECT article_id, idx, start, "end", speaker_key FROM quotes ORDER BY qid').fetchall()
        return [articles, sources, quotes]
    finally:
        con.close()


def test_ingest_with_workers_stores_what_a_single_process_stores(docs, tmp_path, single, monkeypatch):
    monkeypatch.setattr("newsdesk.batch.local._MIN_DOCS_PER_WORKER", 1)  # a pool even for these few
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"url": d.url, "title": d.title, "text": d.text}, ensure_ascii=False) + "\n" for d in docs),
        encoding="utf-8",
    )
    dbs = {}
    for n in (1, 2):
        dbs[n] = tmp_path / f"w{n}.db"
        result = runner.invoke(app, ["ingest", str(corpus), "--db", str(dbs[n]), "--workers", str(n)])
        assert result.exit_code == 0, result.output
        assert f"{len(docs)} stored" in result.output
    one, two = _stored(dbs[1]), _stored(dbs[2])
    assert len(one[0]) == len(docs)
    assert one == two


def test_ingest_uses_every_core_unless_told_otherwise(monkeypatch, tmp_path):
    import newsdesk.cli.ingest as cli

    asked = []

    def spy(docs, settings, *, workers, lang):
        asked.append(workers)
        yield from ()

    monkeypatch.setattr(cli, "run_local", spy)
    db = str(tmp_path / "n.db")
    assert runner.invoke(app, ["ingest", str(DEMO / "ntrex-uk.jsonl"), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(DEMO / "ntrex-uk.jsonl"), "--db", db, "-j", "3"]).exit_code == 0
    monkeypatch.setenv("NEWSDESK_WORKERS", "1")  # the setting, when given, is the default
    assert runner.invoke(app, ["ingest", str(DEMO / "ntrex-uk.jsonl"), "--db", db]).exit_code == 0
    assert asked == [default_workers(), 3, 1]
