"""Fixtures for the web desk: one database built from the demo corpus per session, apps over it, a live server.

The database holds data/demo (the seed page and the NTREX-128 excerpts in three languages) plus three articles
written for these tests: a dated English report quoting Jens Stoltenberg (so the speaker timeline has a bar on a
publication day), a Ukrainian report whose date line states a weekday that disagrees with its date, and a hostile
article whose title, text and URL carry HTML and script.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from newsdesk.model import Article, RawDocument
from newsdesk.read import iter_documents
from newsdesk.store import Store

from .desk_data import ARTIFACTS, CONFLICT_UK, DATED_EN, DEMO, HOSTILE

def _ingest(pipeline, store: Store, raw: RawDocument, *, lang: str | None = None) -> Article:
    result = pipeline.process(raw, lang=lang)
    assert isinstance(result, Article), result
    store.add(result)
    return result


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, pipeline) -> Path:
    """The demo corpus and the three test articles in one SQLite file (built once per session)."""
    path = tmp_path_factory.mktemp("web") / "desk.db"
    with Store(path) as store:
        for raw in iter_documents([DEMO]):
            result = pipeline.process(raw)
            if isinstance(result, Article):
                store.add(result)
        _ingest(pipeline, store, DATED_EN, lang="en")
        _ingest(pipeline, store, CONFLICT_UK, lang="uk")
        _ingest(pipeline, store, HOSTILE, lang="en")
    return path


@pytest.fixture(scope="session")
def seed_id(demo_db) -> str:
    with Store(demo_db, read_only=True) as store:
        rows = store.conn.execute("SELECT id FROM articles WHERE source LIKE '%000_bd9733fec56149a6%'").fetchall()
    assert len(rows) == 1
    return rows[0][0]


@pytest.fixture(scope="session")
def read_only_app(demo_db):
    from newsdesk.web import create_app

    return create_app(demo_db)


@pytest.fixture(scope="session")
def live_server(demo_db):
    """The read-only desk served by uvicorn on a pre-bound free loopback port, in a thread; yields its base URL."""
    import uvicorn

    from newsdesk.web import create_app

    app = create_app(demo_db)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where browser tests save screenshots: tests/artifacts/web/ (ignored by git through its own .gitignore)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ignore = ARTIFACTS.parent / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# screenshots and other outputs of test runs\n*\n", encoding="utf-8")
    return ARTIFACTS
