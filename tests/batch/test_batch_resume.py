"""Resuming: content already stored is known before analysis, and an ingest killed (SIGKILL) or
interrupted (Ctrl-C) goes on where it stopped when run again, with no duplicate."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DEMO, ROOT
from newsdesk.batch.resume import Known, candidate_ids, first_in, mark_known
from newsdesk.cli import app
from newsdesk.model import Article, RawDocument, Rejected
from newsdesk.read import iter_documents

runner = CliRunner()
NEWSDESK = [sys.executable, "-m", "newsdesk.cli"]


def test_candidate_ids_include_the_id_the_pipeline_gives(pipeline):
    doc = RawDocument("a.txt", "\n  «Мы не подпишем этот документ», — заявила министр Анна Ковальчук.  \n")
    article = pipeline.process(doc)
    assert isinstance(article, Article)
    assert article.id in candidate_ids(doc)
    assert candidate_ids(doc, "ru") == (article.id,)
    assert candidate_ids(doc, "ua") != (article.id,)  # Ukrainian is another language, so another id
    assert candidate_ids(RawDocument("blank.txt", " \n ")) == ()


def test_mark_known_replaces_known_content_and_keeps_order():
    a, b = RawDocument("a.txt", "First text."), RawDocument("b.txt", "Second text.")
    bad = Rejected("c.txt", "empty document")
    known_ids = {candidate_ids(b)[1]}
    out = list(mark_known([a, bad, b], lambda ids: first_in(ids, known_ids)))
    assert out == [a, bad, Known("b.txt", candidate_ids(b)[1])]


def _corpus(tmp_path: Path) -> tuple[Path, int]:
    docs = [d for lang in ("uk", "en") for d in iter_documents([str(DEMO / f"ntrex-{lang}.jsonl")])]
    path = tmp_path / "corpus.jsonl"
    path.write_text(
        "".join(json.dumps({"url": d.url, "title": d.title, "text": d.text}, ensure_ascii=False) + "\n" for d in docs),
        encoding="utf-8",
    )
    return path, len(docs)


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0
    finally:
        con.close()


def _start(corpus: Path, db: Path, workers: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONFAULTHANDLER": "1"}  # SIGABRT dumps stacks
    return subprocess.Popen(
        [*NEWSDESK, "ingest", str(corpus), "--db", str(db), "--workers", str(workers)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
        start_new_session=True,  # its own process group: signals reach it and its workers, as from a terminal
    )  # fmt: skip


def _wait_for_articles(proc: subprocess.Popen, db: Path, n: int, timeout_s: float = 90) -> int:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"ingest ended before it could be stopped: {proc.communicate()}")
        stored = _count(db)
        if stored >= n:
            return stored
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    pytest.fail(f"fewer than {n} articles stored after {timeout_s} s")


def _consistent(db: Path) -> None:
    """Every stored article has all its quotes (no half-written article), no id twice."""
    con = sqlite3.connect(db)
    try:
        for article_id, document in con.execute("SELECT id, json FROM articles"):
            n_quotes = con.execute("SELECT count(*) FROM quotes WHERE article_id = ?", (article_id,)).fetchone()[0]
            assert n_quotes == len(json.loads(document)["quotes"]), article_id
        assert con.execute("SELECT count(*) - count(DISTINCT id) FROM articles").fetchone()[0] == 0
    finally:
        con.close()


def _processes_in_session(sid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getsid(int(entry.name)) == sid:
                    found.append(int(entry.name))
            except (ProcessLookupError, PermissionError):
                continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and /proc: Linux")
def test_killed_ingest_resumes_without_duplicates_and_skips_what_is_stored(tmp_path):
    corpus, n_docs = _corpus(tmp_path)
    db = tmp_path / "killed.db"
    proc = _start(corpus, db, workers=2)
    _wait_for_articles(proc, db, 3)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole machine's view of a crash: main process and workers at once
    proc.wait(timeout=30)
    stored_before = _count(db)
    assert 3 <= stored_before < n_docs
    _consistent(db)

    again = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "1"])
    assert again.exit_code == 0, again.output
    assert f"{n_docs} read" in again.output
    assert f"{n_docs - stored_before} stored" in again.output, again.output
    assert f"({stored_before} known before analysis)" in again.output  # not analysed again
    assert _count(db) == n_docs
    _consistent(db)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == n_docs
    con.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and /proc: Linux")
def test_ctrl_c_stops_workers_keeps_what_was_stored_and_says_how_to_go_on(tmp_path):
    corpus, n_docs = _corpus(tmp_path)
    db = tmp_path / "interrupted.db"
    proc = _start(corpus, db, workers=2)
    _wait_for_articles(proc, db, 2)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C in a terminal: the whole foreground process group
    try:
        _, stderr = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGABRT)
        _, stderr = proc.communicate(timeout=30)
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail(f"ingest did not stop within 30 s of Ctrl-C; where it was:\n{stderr[-5000:]}")
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "run the same command again" in stderr
    assert "Traceback" not in stderr
    assert _processes_in_session(proc.pid) == []  # no worker left behind
    stored = _count(db)
    assert 2 <= stored < n_docs
    assert f"{stored} stored" in stderr
    _consistent(db)


def _warc_of_demo_pages(path: Path, n_per_lang: int) -> list[str]:
    """A WARC archive of demo articles as HTML pages (written here from data/demo texts); returns their URLs."""
    import html
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    urls = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for lang in ("uk", "en"):
            for i, doc in enumerate(list(iter_documents([str(DEMO / f"ntrex-{lang}.jsonl")]))[:n_per_lang]):
                body = "".join(f"<p>{html.escape(p)}</p>" for p in doc.text.split("\n\n"))
                page = (f'<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(doc.title or "")}'
                        f"</title></head><body><article>{body}</article></body></html>")  # fmt: skip
                url = f"https://news.example.org/{lang}/{i}"
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    url, "response", payload=io.BytesIO(page.encode("utf-8")), http_headers=http,
                    warc_headers_dict={"WARC-Date": "2023-03-14T10:00:00Z"}))  # fmt: skip
                urls.append(url)
    return urls


def test_warc_pages_extracted_by_workers_store_what_one_process_stores_and_resume_by_source(tmp_path, monkeypatch):
    monkeypatch.setattr("newsdesk.batch.local._MIN_DOCS_PER_WORKER", 1)  # a pool even for these few pages
    archive = tmp_path / "crawl.warc.gz"
    urls = _warc_of_demo_pages(archive, 3)
    stored = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        result = runner.invoke(app, ["ingest", str(archive), "--db", str(db), "--workers", str(workers)])
        assert result.exit_code == 0, result.output
        assert f"{len(urls)} stored" in result.output
        con = sqlite3.connect(db)
        stored[workers] = con.execute("SELECT id, source, url, json FROM articles ORDER BY seq").fetchall()
        con.close()
    assert [row[2] for row in stored[2]] == urls
    assert all(row[1].startswith(f"{archive}@") for row in stored[2])
    assert stored[1] == stored[2]

    again = runner.invoke(app, ["ingest", str(archive), "--db", str(tmp_path / "w2.db"), "--workers", "2"])
    assert f"0 stored, {len(urls)} unchanged ({len(urls)} known before analysis)" in again.output
