"""Corpus-scale ingest, what a review found: schedulers that are not Dask schedulers, options that were silently
ignored, shards re-written with old rejections or loaded out of input order, progress in logs, small batches."""

from __future__ import annotations

import json
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DEMO
from newsdesk.cli import app
from newsdesk.read import iter_documents

runner = CliRunner()
NEWSDESK = Path(sys.executable).with_name("newsdesk")


class _Server:
    """A TCP server on 127.0.0.1 that is not a Dask scheduler: it answers each connection with ``reply``
    (an HTTP error page, say) or, with None, never says anything."""

    def __init__(self, reply: bytes | None) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.address = f"tcp://127.0.0.1:{self.sock.getsockname()[1]}"
        self.reply = reply
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            if self.reply is not None:
                conn.sendall(self.reply)

    def close(self) -> None:
        self.sock.close()
        for conn in self.conns:
            conn.close()


HTTP_REPLY = b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: 11\r\n\r\nbad request"


@pytest.fixture
def http_server():
    server = _Server(HTTP_REPLY)
    yield server
    server.close()


@pytest.fixture
def silent_server():
    server = _Server(None)
    yield server
    server.close()


@pytest.fixture
def one_doc(tmp_path) -> Path:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"text": '"We will build the bridge," Robert said in Leeds.'}) + "\n")
    return path


# 1. a scheduler address where no Dask scheduler answers


def test_http_server_as_scheduler_is_a_clear_error_naming_the_address(http_server, one_doc, tmp_path):
    pytest.importorskip("distributed")
    started = time.monotonic()
    result = runner.invoke(app, ["ingest", str(one_doc), "--db", str(tmp_path / "x.db"),
                                 "--scheduler", http_server.address, "--connect-timeout", "5"])  # fmt: skip
    assert result.exit_code == 2, result.output
    assert f"cannot connect to a Dask scheduler at {http_server.address}" in result.output
    assert "Traceback" not in result.output and time.monotonic() - started < 15
    assert not (tmp_path / "x.db").exists() or sqlite3.connect(tmp_path / "x.db").execute(
        "SELECT count(*) FROM articles").fetchone()[0] == 0  # fmt: skip


def test_silent_server_as_scheduler_gives_up_after_the_connect_timeout(silent_server, one_doc, tmp_path):
    pytest.importorskip("distributed")
    started = time.monotonic()
    result = runner.invoke(app, ["ingest", str(one_doc), "--db", str(tmp_path / "x.db"),
                                 "--scheduler", silent_server.address, "--connect-timeout", "1.5"])  # fmt: skip
    took = time.monotonic() - started
    assert result.exit_code == 2, result.output
    assert silent_server.address in result.output and "no answer within 1.5 s" in result.output
    assert 1.4 < took < 10


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals to a child process: Linux")
def test_ctrl_c_while_connecting_stops_at_once(silent_server, one_doc, tmp_path):
    pytest.importorskip("distributed")
    if not NEWSDESK.exists():
        pytest.skip(f"the newsdesk command is not installed beside {sys.executable}")
    proc = subprocess.Popen(
        [str(NEWSDESK), "ingest", str(one_doc), "--db", str(tmp_path / "x.db"), "--scheduler",
         silent_server.address, "--connect-timeout", "60"],
        stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a shell's background job ignores it
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not silent_server.conns and time.monotonic() < deadline:  # connecting now
            time.sleep(0.1)
        assert silent_server.conns, "the command never connected"
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=20)
    finally:
        proc.kill()
    assert proc.returncode == 130, stderr
    assert time.monotonic() - sent < 5 and "interrupted while connecting" in stderr


# 2. options that do not go together


def test_engine_local_with_a_scheduler_is_refused(one_doc, tmp_path):
    result = runner.invoke(app, ["ingest", str(one_doc), "--db", str(tmp_path / "x.db"), "--engine", "local",
                                 "--scheduler", "tcp://127.0.0.1:9"])  # fmt: skip
    assert result.exit_code == 2 and "leave out --engine local" in result.output
    assert not (tmp_path / "x.db").exists()


def test_workers_with_a_scheduler_is_said_to_be_ignored(http_server, one_doc, tmp_path):
    pytest.importorskip("distributed")
    result = runner.invoke(app, ["ingest", str(one_doc), "--db", str(tmp_path / "x.db"), "-j", "3",
                                 "--scheduler", http_server.address, "--connect-timeout", "3"])  # fmt: skip
    assert "--workers is ignored with --scheduler" in result.output and result.exit_code == 2


# 6, 7. empty JSON Lines; progress in logs; summary groups without line numbers


def test_empty_jsonl_file_is_reported_as_empty(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(empty), "--db", str(tmp_path / "x.db"), "-j", "1"])
    assert "nothing to read" not in result.output
    assert f"rejected {empty}: empty document" in result.output and "1 read" in result.output


def test_logged_run_prints_progress_with_a_total_and_groups_reasons_without_line_numbers(tmp_path, monkeypatch):
    from newsdesk.cli import ingest as ingest_cli

    monkeypatch.setattr(ingest_cli, "PROGRESS_EVERY_DOCS", 2)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n[1, 2]\n{also not json\n{\"title\": \"no text\"}\n{broken\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(bad), "--db", str(tmp_path / "x.db"), "-j", "1"])
    assert result.exit_code == 0, result.output
    progress = [line for line in result.output.splitlines() if line.startswith("ingesting: ")]
    assert [line.split(" documents")[0] for line in progress] == ["ingesting: 2/5", "ingesting: 4/5"]
    summary = result.output.split("5 read")[1]
    assert "3 × not valid JSON" in summary  # lines 1, 3 and 5: one group
    assert "line " not in summary


def test_cheap_total_counts_files_and_lines_but_not_warc_or_stdin(tmp_path):
    from newsdesk.cli.ingest import _cheap_total

    (tmp_path / "a.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}')  # no final newline
    (tmp_path / "b.txt").write_text("Some text.")
    (tmp_path / "c.jsonl").write_bytes(b"")
    assert _cheap_total([str(tmp_path)]) == 5
    assert _cheap_total([str(tmp_path), "-"]) is None
    (tmp_path / "d.warc.gz").write_bytes(b"")
    assert _cheap_total([str(tmp_path)]) is None


# 3, 4. shards: no repeated rejections; input order whatever order the shards were written in


class _SyncClient:
    """Just what write_shards needs of a dask Client, running each task at once in this process."""

    class _Done:
        def __init__(self, value) -> None:
            self.value = value

        def result(self):
            return self.value

    def nthreads(self) -> dict[str, int]:
        return {"here": 1}

    def submit(self, fn, *args, pure: bool = True):
        return self._Done(fn(*args))

    def cancel(self, futures) -> None:
        pass


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Two Russian and two Ukrainian demo articles and a line that is not JSON, as JSON Lines."""
    docs = [d for lang in ("ru", "uk") for d in list(iter_documents([str(DEMO / f"ntrex-{lang}.jsonl")]))[:2]]
    lines = [json.dumps({"url": d.url, "title": d.title, "text": d.text}, ensure_ascii=False) for d in docs]
    lines.insert(2, "{this line is not JSON")
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _write(corpus: Path, out: Path, shard_size: int = 2) -> list:
    from newsdesk.batch.dask import write_shards
    from newsdesk.batch.resume import first_in, mark_known
    from newsdesk.batch.shards import recorded_rejections, shard_contents
    from newsdesk.config import load_settings

    written, sources, _ = shard_contents(out)
    docs = mark_known(iter_documents([str(corpus)]), lambda ids: first_in(ids, written), known_source=sources.get)
    return list(write_shards(docs, load_settings(), out, client=_SyncClient(), shard_size=shard_size,
                             written_sources=sources, recorded=recorded_rejections(out)))  # fmt: skip


def _load(out: Path, db: Path) -> tuple[str, list[tuple]]:
    result = runner.invoke(app, ["load", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(db)
    try:
        return result.output, con.execute("SELECT id, source, json FROM articles ORDER BY seq").fetchall()
    finally:
        con.close()


def test_resumed_shards_load_in_input_order_and_reruns_add_nothing(corpus, tmp_path):
    pytest.importorskip("pyarrow")
    whole, cut = tmp_path / "whole", tmp_path / "cut"
    reports = _write(corpus, whole)
    assert [r.index for r in reports] == [0, 2, 4]  # shards numbered by input position
    output, expected = _load(whole, tmp_path / "whole.db")
    assert len(expected) == 4 and "1 rejected" in output

    _write(corpus, cut)
    (cut / "part-000000.parquet").unlink()  # killed while the first shard was in flight, the later ones done
    resumed = _write(corpus, cut)
    assert [(r.index, r.articles) for r in resumed] == [(0, 2)]  # only what was missing, at its position
    assert _load(cut, tmp_path / "cut.db")[1] == expected  # the database an uninterrupted run gives

    again = _write(corpus, cut)  # nothing new: no shard, the rejection is not recorded twice
    assert again == [] and sorted(p.name for p in cut.iterdir()) == [
        "part-000000.parquet", "part-000002.parquet", "part-000004.parquet"]  # fmt: skip
    output, stored = _load(cut, tmp_path / "again.db")
    assert stored == expected and "5 read" in output and "1 rejected" in output


def test_load_counts_a_rejection_recorded_twice_once(tmp_path):
    pytest.importorskip("pyarrow")
    from newsdesk.batch.shards import write_shard
    from newsdesk.model import Rejected

    bad = Rejected("a.jsonl:3", "line 3: not valid JSON (Expecting value at column 1); fix or remove the line")
    write_shard([bad], tmp_path, 0)
    write_shard([bad], tmp_path, 0, part=1)  # as a version before this fix wrote on a re-run
    result = runner.invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert "1 read" in result.output and "1 rejected" in result.output


# 8. small batches stay in this process


def test_a_handful_of_documents_is_not_worth_a_pool(monkeypatch):
    from newsdesk.batch import local
    from newsdesk.config import load_settings
    from newsdesk.model import RawDocument

    def no_pool(*args, **kwargs):
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(local, "ProcessPoolExecutor", no_pool)
    monkeypatch.setattr(local, "_process_guarded", lambda pipeline, doc, lang: doc.source)
    docs = [RawDocument(f"d{i}.txt", f"Text {i}.") for i in range(16)]  # 16 documents, 2 workers: 9.8 s vs 17.5 s
    assert list(local.run_local(docs, load_settings(), workers=2)) == [d.source for d in docs]
    many = [RawDocument(f"d{i}.txt", f"Text {i}.") for i in range(2 * local._MIN_DOCS_PER_WORKER)]
    with pytest.raises(AssertionError, match="pool was started"):  # enough for each worker: a pool
        list(local.run_local(many, load_settings(), workers=2))
