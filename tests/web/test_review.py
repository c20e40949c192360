"""Faults a newcomer's review of the web desk found (issue 5), each pinned by a test.

1. A speaker typed in another script found other quotations (`speaker=Trump` and `speaker=Трамп` differed), and
   "most quoted" lists counted per-document keys (`per:trump`, `per:tramp`, ...) instead of the person.
2. Quote lists read the article JSON per quotation (json_extract / json_each), so one long article made them slow.
3. A read-only server could not open a database in a folder it may not write (SQLite's -wal/-shm files).
4. The error contract: HEAD, 401 vs 403, pages that say what was wrong, page numbers, dates, the language cookie.
5. The article page showed the server's file paths; undated quotes stretched the speaker chart's time axis.

Most tests use the session's demo database (see conftest.py); counts they compare with are read from that
database with plain SQL, so they do not depend on what the pipeline happens to find.
"""

from __future__ import annotations

import html
import logging
import os
import re
import sqlite3
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx versions
    from fastapi.testclient import TestClient

from newsdesk.errors import StoreError
from newsdesk.model import Article, Cue, Mention, PublicationDate, Quote, Speaker, Statement
from newsdesk.store import Store
from newsdesk.store import sqlite as store_module

from .desk_data import DEMO, ROOT, TOKEN, article_id_by_source

ARTICLE = {"text": "“We expect our partners to act now,” foreign minister Dmytro Kuleba said.", "lang": "en"}


@pytest.fixture(scope="module")
def client(read_only_app):
    return TestClient(read_only_app)


def _sql(db: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql, params).fetchall()


def _entity_quotes(db: Path, key: str) -> set[tuple[str, int]]:
    """(article id, quote index) of every quote linked to the canonical entity with this key, by plain SQL."""
    rows = _sql(
        db,
        "SELECT q.article_id, q.idx FROM quotes q JOIN entities e ON e.id = q.speaker_entity_id WHERE e.key = ?",
        key,
    )
    return set(rows)


def _all_quotes(client: TestClient, **params) -> list[dict]:
    items, page = [], 1
    while page:
        data = client.get("/api/v1/quotes", params={**params, "size": 100, "page": page}).json()
        items += data["items"]
        page = data["next_page"]
    return items


# --- 1. one person across scripts and languages -------------------------------------------------


def test_trump_and_трамп_find_the_same_quotations_in_every_language(client, demo_db):
    """Regression: `speaker=Trump` found only English keys and `speaker=Трамп` only transliterated ones."""
    expected = _entity_quotes(demo_db, "per:donald trump")
    langs = {
        r[0]
        for r in _sql(
            demo_db,
            "SELECT DISTINCT a.lang FROM quotes q JOIN articles a ON a.id = q.article_id "
            "JOIN entities e ON e.id = q.speaker_entity_id WHERE e.key = 'per:donald trump'",
        )
    }
    assert langs == {"en", "ru", "uk"} and len(expected) > 20  # the demo corpus quotes him in all three
    found = {}
    for name in ("Trump", "Трамп", "Трампа", "Donald Trump", "Дональд Трамп", "per:donald trump", "per:tramp"):
        items = _all_quotes(client, speaker=name)
        found[name] = {(q["article_id"], q["idx"]) for q in items}
        assert {q["speaker"]["key"] for q in items} >= {"per:donald trump"}, name
    assert all(got >= expected for got in found.values()), {k: len(v) for k, v in found.items()}
    assert len({frozenset(v) for v in found.values()}) == 1  # the same set whatever script or form was typed
    only_ru = client.get("/api/v1/quotes", params={"speaker": "Trump", "lang": "ru", "size": 100}).json()
    assert only_ru["total"] > 0 and {q["lang"] for q in only_ru["items"]} == {"ru"}
    assert client.get("/api/v1/quotes", params={"speaker": "Nobody Atall"}).json()["total"] == 0


def test_most_quoted_lists_count_the_person_not_each_spelling(read_only_app, demo_db):
    """Regression: the front page and /speakers listed per:trump, per:tramp, per:donald tramp ... separately."""
    per_entity = dict(
        _sql(demo_db, "SELECT e.key, count(*) FROM quotes q JOIN entities e ON e.id = q.speaker_entity_id GROUP BY 1")
    )
    names_ru = dict(_sql(demo_db, "SELECT key, coalesce(name_ru, name_en, name) FROM entities"))
    browser = TestClient(read_only_app)
    front = browser.get("/", params={"ui": "en"}).text
    listed = re.findall(r'<li data-key="([^"]+)">', front)
    assert len(listed) == 8 and len(set(listed)) == 8
    assert set(listed) <= set(per_entity)  # canonical keys only
    top = sorted(per_entity.values(), reverse=True)[:8]
    assert sorted((per_entity[k] for k in listed), reverse=True) == top
    assert listed[0] == "per:donald trump"
    page = browser.get("/speakers", params={"ui": "ru"}).text
    rows = re.findall(r'<tr data-key="([^"]+)"><td><a href="[^"]+">([^<]+)</a>.*?<td class="num">(\d+)</td>', page)
    assert rows and len({k for k, _, _ in rows}) == len(rows)
    for key, name, n in rows:
        assert int(n) == per_entity[key] and html.unescape(name) == names_ru[key]
    assert ("per:donald trump", "Дональд Трамп", str(per_entity["per:donald trump"])) in rows
    ru_only = browser.get("/speakers", params={"lang": "ru"}).text
    assert 'data-key="per:jens stoltenberg"' not in ru_only  # quoted in English and Ukrainian articles only


def test_search_expands_a_name_through_the_aliases_table(client, demo_db):
    """Regression: `Trump` did not find Russian and Ukrainian quotations naming Трамп."""
    aliases = {r[0] for r in _sql(demo_db, "SELECT alias FROM aliases a JOIN entities e ON e.id = a.entity_id "
                                           "WHERE e.key = 'per:donald trump'")}  # fmt: skip
    for typed, other_script in (("Trump", "[а-яіїє]"), ("Трамп", "[a-z]")):
        data = client.get("/api/v1/search", params={"q": typed, "size": 100}).json()
        assert aliases - {typed} <= set(data["names"])
        assert {h["lang"] for h in data["items"]} == {"en", "ru", "uk"}
        assert any(re.search(other_script, h["snippet"][s:e], re.IGNORECASE) for h in data["items"]
                   for s, e in h["highlights"])  # fmt: skip


# --- 2. long articles: columns, not JSON; the page first -------------------------------------------------


def _long_article(n: int) -> Article:
    """One article with ``n`` quotations, each with speaker, cue, addressee and a statement, built by hand."""
    paragraphs: list[str] = []
    quotes, mentions, statements = [], [], []
    at = 0
    for i in range(n):
        content = f"Point {i} of the plan keeps the civilian hotline open"
        para = f"\u201c{content},\u201d Stoltenberg told Russia."
        q0 = at + 1
        sp, cue, ad = (at + para.index(w) for w in ("Stoltenberg", "told", "Russia"))
        quotes.append(
            Quote(
                "direct", q0, q0 + len(content), content,
                speaker=Speaker(sp, sp + 11, "Stoltenberg", "per:jens stoltenberg", "Jens Stoltenberg"),
                cue=Cue(cue, cue + 4, "told", "tell"),
                addressee=Speaker(ad, ad + 6, "Russia", "loc:russia", "Russia"),
            )
        )  # fmt: skip
        mentions += [
            Mention(sp, sp + 11, "Stoltenberg", "PER", "Stoltenberg", "per:jens stoltenberg", "Jens Stoltenberg"),
            Mention(ad, ad + 6, "Russia", "LOC", "Russia", "loc:russia", "Russia"),
        ]
        kind = "APPEAL" if i % 2 else "STATEMENT"
        statements.append(
            Statement(kind, "02" if i % 2 else "01", "per:jens stoltenberg", "Jens Stoltenberg", "loc:russia",
                      "Russia", i, q0, q0 + len(content), content)
        )  # fmt: skip
        paragraphs.append(para)
        at += len(para) + 2
    return Article(
        id=f"{n:016x}",
        source=f"/srv/feeds/long-{n}.txt",
        lang="en",
        text="\n\n".join(paragraphs),
        title=f"{n} points",
        published=PublicationDate(date="2022-01-12", year=2022, month=1, day=12),
        entities=tuple(mentions),
        quotes=tuple(quotes),
        statements=tuple(statements),
    )


@pytest.fixture(scope="module")
def long_dbs(tmp_path_factory) -> dict[int, Path]:
    """Two databases, each holding one long article: 300 and 3,000 quotations."""
    folder = tmp_path_factory.mktemp("long")
    out = {}
    for n in (300, 3000):
        out[n] = folder / f"long-{n}.db"
        with Store(out[n]) as store:
            store.add(_long_article(n))
    return out


@contextmanager
def _watched(monkeypatch) -> Iterator[dict]:
    """Count the SQLite VM steps (in thousands) and collect the SQL of every request's reader."""
    from newsdesk.web.app import Desk

    seen: dict = {"steps": 0, "sql": []}

    def tick() -> int:
        seen["steps"] += 1
        return 0

    def reader(self: Desk) -> Store:
        store = Store(self.db_path, read_only=True)
        store.conn.set_trace_callback(seen["sql"].append)
        store.conn.set_progress_handler(tick, 1000)
        return store

    with monkeypatch.context() as patch:
        patch.setattr(Desk, "reader", reader)
        yield seen


LONG_URLS = (
    "/api/v1/quotes?size=20",
    "/api/v1/quotes?speaker=Stoltenberg&q=hotline&size=20&page=3",
    "/api/v1/search?q=hotline",
    "/search?q=hotline",
    "/speakers/per%3Ajens%20stoltenberg",
    "/",
)


def test_long_articles_keep_quote_lists_and_search_cheap(long_dbs, monkeypatch):
    """Regression: list_quotes ran json_extract and json_each over the article JSON for every quotation."""
    from newsdesk.web import create_app

    steps: dict[int, dict[str, int]] = {}
    for n, db in long_dbs.items():
        client = TestClient(create_app(db))
        steps[n] = {}
        for url in LONG_URLS:
            with _watched(monkeypatch) as seen:
                response = client.get(url)
            assert response.status_code == 200, (url, response.text[:200])
            statements = " ".join(seen["sql"]).lower()
            assert "json_each" not in statements and "json_extract" not in statements, url
            steps[n][url] = seen["steps"]
        data = client.get("/api/v1/quotes", params={"size": 20, "page": n // 20}).json()  # the last page
        assert data["total"] == n and len(data["items"]) == 20 and data["next_page"] is None
        last = data["items"][-1]
        assert last["idx"] == n - 1 and last["statement_type"] == ("APPEAL" if (n - 1) % 2 else "STATEMENT")
        assert last["addressee"] == {"key": "loc:russia", "name": "Russia"} and last["cue"] == "told"
    # ten times the quotations: about ten times the work (sorting small keys), never the square of it
    for url in LONG_URLS:
        assert steps[3000][url] <= 25 * max(steps[300][url], 1), (url, steps[300][url], steps[3000][url])


# --- 3. a read-only server over a folder it cannot write ---------------------------------------------------


@pytest.fixture
def small_db(tmp_path) -> Path:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "desk.db"
    with Store(db) as store:
        store.add(_long_article(3))
    return db


def test_read_only_store_in_a_folder_it_cannot_write(small_db, caplog):
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod does not keep root out of a folder (the simulated test covers this)")
    folder = small_db.parent
    folder.chmod(0o555)
    try:
        with caplog.at_level(logging.WARNING, logger="newsdesk.store"), Store(small_db, read_only=True) as store:
            assert store.count_quotes() == 3
        assert "immutable" in caplog.text
        assert not (folder / "desk.db-shm").exists()
    finally:
        folder.chmod(0o755)


def test_read_only_store_falls_back_to_immutable_when_wal_files_cannot_be_made(small_db, monkeypatch, caplog):
    """Simulates the folder that cannot be written: SQLite refuses the plain read-only open as it does then."""
    real_connect = sqlite3.connect
    opened: list[str] = []

    def connect(database, *args, **kwargs):
        opened.append(str(database))
        if kwargs.get("uri") and "immutable=1" not in str(database):
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(store_module, "_IMMUTABLE_WARNED", set())
    with caplog.at_level(logging.WARNING, logger="newsdesk.store"):
        with Store(small_db, read_only=True) as store:
            assert store.read_only and store.count_quotes() == 3
            with pytest.raises(sqlite3.OperationalError):  # still read-only
                store.conn.execute("DELETE FROM quotes")
        from newsdesk.web import create_app

        page = TestClient(create_app(small_db)).get("/api/v1/quotes")
    assert page.status_code == 200 and page.json()["total"] == 3
    assert [u.endswith("?mode=ro&immutable=1") for u in opened[:2]] == [False, True]
    warned = [r for r in caplog.records if "immutable" in r.getMessage()]
    assert len(warned) == 1 and str(small_db) in warned[0].getMessage()  # once per path, naming it


def test_other_open_failures_are_not_hidden_by_the_fallback(small_db, monkeypatch):
    real_connect = sqlite3.connect

    def connect(database, *args, **kwargs):
        if kwargs.get("uri"):
            raise sqlite3.OperationalError("database is locked")
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    with pytest.raises(StoreError, match="locked"):
        Store(small_db, read_only=True)


# --- 4. the error contract -------------------------------------------------------------------------------


def test_head_is_answered_like_get_without_a_body(client, seed_id):
    for url in ("/", f"/articles/{seed_id}", "/speakers", "/search?q=NATO", "/api/v1/articles", "/static/desk.css"):
        got, head = client.get(url), client.head(url)
        assert head.status_code == got.status_code == 200, url
        assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"]
        assert head.headers["content-security-policy"] == got.headers["content-security-policy"]
    assert client.head("/articles/0000000000000000").status_code == 404


@pytest.fixture
def writable_client(demo_db, tmp_path):
    from newsdesk.web import create_app

    copy = tmp_path / "copy.db"
    with sqlite3.connect(demo_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    return TestClient(create_app(copy, api_token=TOKEN))


def test_a_missing_or_wrong_token_is_401_and_ingest_off_is_403(client, writable_client):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Basic x"}):
        refused = writable_client.post("/api/v1/articles", json=ARTICLE, headers=headers)
        assert refused.status_code == 401 and refused.json() == {"detail": "invalid or missing token"}, headers
        assert refused.headers["www-authenticate"] == "Bearer"
    off = client.post("/api/v1/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert off.status_code == 403 and "ingest is off" in off.json()["detail"]


def _error_text(page: str) -> str:
    body = re.search(r'<section class="error">(.*?)</section>', page, re.S)
    assert body, page[:300]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body.group(1))).split())


def test_error_pages_say_what_was_wrong(client, demo_db):
    last = -(-_sql(demo_db, "SELECT count(*) FROM articles")[0][0] // 20)
    last_quotes = -(-len(_entity_quotes(demo_db, "per:jens stoltenberg")) // 20)
    cases = [
        ("POST", "/", 405, "does not answer POST requests"),
        ("GET", "/articles/0000000000000000", 404, "no article with the id 0000000000000000"),
        ("GET", "/no/such/page", 404, "no such page"),
        ("GET", "/?page=0", 400, "numbered from 1"),
        ("GET", "/search?q=NATO&page=-2", 400, "numbered from 1"),
        ("GET", "/?page=abc", 400, "page: a whole number is needed here (got 'abc')."),
        ("GET", "/?page=20000", 400, "page: the highest value allowed is 10000 (got '20000')."),
        ("GET", "/search?q=" + "a" * 201, 400, "q: at most 200 characters are allowed."),
        ("GET", "/?since=2022-02-30", 400, "since must be a day"),
        ("GET", "/?since=2022-02-01&until=2022-01-01", 400, "ends (2022-01-01) before it starts (2022-02-01)"),
        ("GET", f"/?page={last + 1}", 404, f"the last page is {last}"),
        ("GET", f"/speakers/per%3Ajens%20stoltenberg?page={last_quotes + 1}", 404, f"the last page is {last_quotes}"),
        ("GET", "/search?q=Stoltenberg&page=400", 404, "no page 400 of results"),
    ]
    for method, url, status, says in cases:
        response = client.request(method, url, params={"ui": "en"} if "?" not in url else None)
        text = _error_text(response.text)
        assert response.status_code == status and says in text, (url, response.status_code, text)
        assert "recorded on the server" not in text, url
    uk = _error_text(client.get("/?page=0&ui=uk").text)
    assert "Сторінки нумеруються з 1" in uk
    # the checks FastAPI makes speak the interface language too
    assert "page: тут потрібне ціле число (отримано 'abc')." in _error_text(client.get("/?page=abc&ui=uk").text)
    assert "q: допускается не более 200 символов." in _error_text(client.get("/search?ui=ru&q=" + "я" * 201).text)


def test_page_one_always_answers_and_a_page_past_the_last_is_404(client):
    empty = client.get("/api/v1/quotes", params={"speaker": "Nobody Atall"})
    assert empty.status_code == 200 and empty.json()["items"] == []
    assert client.get("/", params={"section": "no-such-section"}).status_code == 200
    total = client.get("/api/v1/articles").json()["total"]
    last = -(-total // 20)
    assert client.get("/api/v1/articles", params={"page": last}).status_code == 200
    past = client.get("/api/v1/articles", params={"page": last + 1})
    assert past.status_code == 404 and f"the last page is {last}" in past.json()["detail"]
    assert client.get("/api/v1/quotes", params={"speaker": "Stoltenberg", "page": 2}).status_code == 404
    assert client.get("/api/v1/search", params={"q": "Stoltenberg", "page": 400}).status_code == 404


@pytest.mark.parametrize("endpoint", ["/api/v1/articles", "/api/v1/quotes"])
def test_api_dates_are_422_with_a_reason(client, endpoint):
    for params, reason in (
        ({"since": "2022-02-30"}, "not a day of the calendar"),
        ({"until": "2022-13-01"}, "not a day of the calendar"),
        ({"since": "yesterday"}, "String should match pattern"),
        ({"since": "2022-02-01", "until": "2022-01-01"}, "before since"),
    ):
        response = client.get(endpoint, params=params)
        assert response.status_code == 422, params
        (error,) = response.json()["detail"]
        assert reason in error["msg"] and error["loc"][0] == "query", params
    assert client.get(endpoint, params={"since": "2022-01-01", "until": "2022-01-01"}).status_code == 200


def test_an_unknown_interface_language_leaves_the_cookie_alone(read_only_app):
    browser = TestClient(read_only_app)
    browser.cookies.set("newsdesk_ui", "ru")
    page = browser.get("/", params={"ui": "xx"})
    assert '<html lang="ru">' in page.text and "set-cookie" not in page.headers
    fresh = TestClient(read_only_app).get("/", params={"ui": "xx"}, headers={"Accept-Language": "uk"})
    assert '<html lang="uk">' in fresh.text and "set-cookie" not in fresh.headers
    chosen = TestClient(read_only_app).get("/", params={"ui": "ua"})
    assert "newsdesk_ui=uk" in chosen.headers["set-cookie"]


# --- 5. no server paths; undated quotes apart on the chart ------------------------------------------------


def test_article_pages_show_no_server_path(client, demo_db, seed_id):
    seed = client.get(f"/articles/{seed_id}").text
    assert str(DEMO) not in seed and str(ROOT) not in seed
    assert "000_bd9733fec56149a6.txt" in seed  # the file's base name stands for it
    for (article_id,) in _sql(demo_db, "SELECT id FROM articles WHERE source LIKE '%.jsonl:%' LIMIT 3"):
        page = client.get(f"/articles/{article_id}").text
        assert str(ROOT) not in page and re.search(r'<span class="src">ntrex-[a-z]{2}\.jsonl:\d+</span>', page)
    dated = article_id_by_source(demo_db, "tests/web:dated-en")
    assert '<span class="src">web:dated-en</span>' in client.get(f"/articles/{dated}").text


def test_speaker_chart_keeps_undated_quotes_off_the_time_axis(client, demo_db):
    rows = _sql(
        demo_db,
        "SELECT a.published_date IS NULL, count(*) FROM quotes q JOIN articles a ON a.id = q.article_id "
        "JOIN entities e ON e.id = q.speaker_entity_id WHERE e.key = 'per:jens stoltenberg' GROUP BY 1",
    )
    counts = {bool(undated): n for undated, n in rows}
    assert counts[True] and counts[False]  # both kinds, so the old chart stretched to the day they were stored
    page = client.get("/speakers/" + quote("per:jens stoltenberg", safe=""), params={"ui": "en"}).text
    svg = re.search(r"<svg class=\"chart.*?</svg>", page, re.S).group(0)
    assert 'data-unit="day"' in svg and f'data-undated="{counts[True]}"' in svg
    bars = re.findall(r'<rect class="bar bar-dated"[^>]*data-day="([0-9-]+)" data-n="(\d+)"', svg)
    assert sum(int(n) for _, n in bars) == counts[False] and max(d for d, _ in bars) < "2023"
    assert re.search(rf'<rect class="bar bar-undated"[^>]*data-n="{counts[True]}"', svg)
    assert "no date" in svg
