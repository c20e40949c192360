"""The Dask engine on a real LocalCluster with two worker processes: the same results as one process,
streamed back or written as Parquet shards that `newsdesk load` imports idempotently."""

from __future__ import annotations

import json
import logging
import sqlite3
import warnings

import pytest
from typer.testing import CliRunner

from conftest import DEMO
from newsdesk.batch.local import run_local
from newsdesk.cli import app
from newsdesk.config import load_settings
from newsdesk.model import Article
from newsdesk.read import iter_documents
from newsdesk.serialize import article_to_dict

distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed (newsdesk[cluster])")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (newsdesk[cluster])")

runner = CliRunner()


@pytest.fixture(scope="module")
def cluster():
    with warnings.catch_warnings():  # the scheduler's /health endpoint takes another port when 8787 is taken
        warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
        local = distributed.LocalCluster(
            host="127.0.0.1", n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=logging.ERROR,
        )  # fmt: skip
    with local:
        yield local


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Three Russian and three Ukrainian demo articles and one document in no supported language, as JSON Lines
    (English, whose spaCy model takes longest to load, is left to tests/batch/test_batch_local.py)."""
    docs = [d for lang in ("ru", "uk") for d in list(iter_documents([str(DEMO / f"ntrex-{lang}.jsonl")]))[:3]]
    rows = [{"url": d.url, "title": d.title, "text": d.text} for d in docs]
    rows.insert(3, {"url": "de", "text": "Die Bundesregierung hat am Mittwoch neue Maßnahmen beschlossen und "
                                        "will die Zusammenarbeit mit den Partnern fortsetzen."})  # fmt: skip
    path = tmp_path_factory.mktemp("dask") / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def single_db(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("single") / "single.db"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db


def _articles(db) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT id, source, json FROM articles ORDER BY seq").fetchall()
    finally:
        con.close()


def _json(results) -> list[str]:
    return [json.dumps(article_to_dict(r), ensure_ascii=False) if isinstance(r, Article) else repr(r) for r in results]


def test_run_dask_gives_the_local_results_in_order(cluster, corpus):
    from newsdesk.batch.dask import run_dask

    settings = load_settings()
    docs = list(iter_documents([str(corpus)]))
    on_dask = list(run_dask(docs, settings, scheduler=cluster.scheduler_address, in_flight=3))
    assert _json(on_dask) == _json(run_local(docs, settings))
    assert sum(isinstance(r, Article) for r in on_dask) == 6
    assert sorted({w["host"] for w in cluster.scheduler_info["workers"].values()}) == ["127.0.0.1"]


def test_ingest_on_a_scheduler_stores_what_a_single_process_stores(cluster, corpus, single_db, tmp_path):
    db = tmp_path / "dask.db"
    result = runner.invoke(
        app, ["ingest", str(corpus), "--db", str(db), "--engine", "dask", "--scheduler", cluster.scheduler_address]
    )
    assert result.exit_code == 0, result.output
    assert "6 stored" in result.output and "1 rejected" in result.output and "unsupported language" in result.output
    assert _articles(db) == _articles(single_db)


def test_shards_written_by_workers_load_idempotently(cluster, corpus, single_db, tmp_path):
    out, db = tmp_path / "shards", tmp_path / "loaded.db"
    args = ["ingest", str(corpus), "--scheduler", cluster.scheduler_address, "--out", str(out)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "7 read" in first.output and "1 shard" in first.output and "unsupported language" in first.output
    assert not (tmp_path / "loaded.db").exists()  # nothing goes to a database with --out

    loaded = runner.invoke(app, ["load", str(out), "--db", str(db)])
    assert loaded.exit_code == 0, loaded.output
    assert "6 stored" in loaded.output and "1 rejected" in loaded.output
    assert _articles(db) == _articles(single_db)

    again = runner.invoke(app, ["load", str(out), "--db", str(db)])
    assert "0 stored, 6 unchanged" in again.output
    assert _articles(db) == _articles(single_db)

    # a second run on the same inputs analyses nothing: the content is in the shards already
    resumed = runner.invoke(app, args)
    assert resumed.exit_code == 0, resumed.output
    assert "0 articles analysed, 6 known before analysis, 0 rejected, 1 rejected as recorded before" in resumed.output
    assert "0 shards written" in resumed.output
    assert sorted(p.name for p in out.iterdir()) == ["part-000000.parquet"]  # nothing new: no shard
    final = runner.invoke(app, ["load", str(out), "--db", str(db)])
    assert "0 stored" in final.output and "1 rejected" in final.output
    assert _articles(db) == _articles(single_db)


def test_local_cluster_listens_on_loopback_only_and_shuts_down():
    import psutil  # a dependency of dask.distributed

    from newsdesk.batch.dask import dask_client

    with dask_client(workers=2) as client:
        assert client.scheduler.address.startswith("tcp://127.0.0.1:")
        assert client.submit(sum, [1, 2, 3]).result() == 6
        assert len(client.nthreads()) == 2 and set(client.nthreads().values()) == {1}
        me = psutil.Process()
        pids = {me.pid} | {p.pid for p in me.children(recursive=True)}
        try:
            connections = psutil.net_connections("inet")
        except psutil.AccessDenied:
            pytest.skip("listing sockets needs more privileges on this system")
        listening = [c.laddr for c in connections if c.status == psutil.CONN_LISTEN and c.pid in pids]
        assert len(listening) >= 3  # scheduler and two workers
        assert {address.ip for address in listening} == {"127.0.0.1"}
    assert client.status == "closed"


def test_out_without_dask_is_refused(corpus, tmp_path):
    result = runner.invoke(app, ["ingest", str(corpus), "--out", str(tmp_path / "s")])
    assert result.exit_code == 2 and "--engine dask" in result.output


def test_load_names_a_folder_without_shards(tmp_path):
    result = runner.invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "no shards" in result.output
