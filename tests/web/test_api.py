"""The JSON API and the pages over HTTP, in-process with FastAPI's test client (no browser).

The database is the session's demo database (data/demo plus three test articles; see desk_data.py).
"""

from __future__ import annotations

import json
import re
import sqlite3
import warnings
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx versions
    from fastapi.testclient import TestClient

from newsdesk.errors import StoreError
from newsdesk.store import Store

from .desk_data import CONFLICT_UK, DATED_EN, HOSTILE, TOKEN, article_id_by_source

SPEAKER = quote("per:jens stoltenberg", safe="")


@pytest.fixture(scope="module")
def client(read_only_app):
    return TestClient(read_only_app)


@pytest.fixture
def writable(demo_db, tmp_path):
    """A desk with ingest on, over a copy of the session database (so other tests see the same data)."""
    from newsdesk.web import create_app

    copy = tmp_path / "copy.db"
    with sqlite3.connect(demo_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    return TestClient(create_app(copy, api_token=TOKEN, max_body_bytes=20_000), raise_server_exceptions=False), copy


# --- articles ---------------------------------------------------------------------------


def test_articles_are_paginated_with_a_maximum_size(client):
    first = client.get("/api/v1/articles", params={"size": 30}).json()
    assert first["total"] == 76 and first["page"] == 1 and first["next_page"] == 2
    assert len(first["items"]) == 30
    third = client.get("/api/v1/articles", params={"size": 30, "page": 3}).json()
    assert len(third["items"]) == 16 and third["next_page"] is None
    ids = [a["id"] for a in first["items"]] + [a["id"] for a in third["items"]]
    assert len(set(ids)) == len(ids)
    assert client.get("/api/v1/articles", params={"size": 101}).status_code == 422
    zero = client.get("/api/v1/articles", params={"page": 0})
    assert zero.status_code == 422
    # FastAPI's shape, the reason in plain words (not pydantic's "Input should be greater than or equal to 1")
    (error,) = zero.json()["detail"]
    assert error["loc"] == ["query", "page"] and error["msg"] == "page: the lowest value allowed is 1 (got '0')."
    big = client.get("/api/v1/articles", params={"size": 101}).json()["detail"][0]["msg"]
    assert big == "size: the highest value allowed is 100 (got '101')."
    other = client.get("/api/v1/articles", params={"lang": "de"}).json()["detail"][0]["msg"]
    assert other == "lang: one of 'en', 'ru', 'uk' or 'ua' is expected (got 'de')."


def test_articles_filter_by_language_section_and_dates(client):
    uk = client.get("/api/v1/articles", params={"lang": "ua", "size": 100}).json()
    assert uk["total"] == 25 and {a["lang"] for a in uk["items"]} == {"uk"}
    politics = client.get("/api/v1/articles", params={"section": "politics"}).json()
    assert {a["title"] for a in politics["items"]} == {
        'NATO responded to Russia\'s demand of "security guarantees"',
        DATED_EN.title,
        CONFLICT_UK.title,
    }
    dated = client.get("/api/v1/articles", params={"since": "2022-01-01", "until": "2022-01-15"}).json()
    assert [a["title"] for a in dated["items"]] == [DATED_EN.title]
    assert dated["items"][0]["published"]["precision"] == "day"
    assert client.get("/api/v1/articles", params={"since": "January"}).status_code == 422
    assert client.get("/api/v1/articles", params={"since": "0.5"}).status_code == 422
    impossible = client.get("/api/v1/articles", params={"since": "2022-13-45"})  # issue 5: 422 like every bad date
    assert impossible.status_code == 422 and "YYYY-MM-DD" in impossible.json()["detail"][0]["msg"]
    assert client.get("/api/v1/articles", params={"lang": "de"}).status_code == 422


def test_one_article_in_the_json_contract(client, seed_id):
    data = client.get(f"/api/v1/articles/{seed_id}").json()
    assert data["schema"] == "newsdesk.article/1"
    assert data["published"]["candidate_years"] and data["published"]["year"] is None
    direct = [q for q in data["quotes"] if q["kind"] == "direct"]
    assert len(direct) == 3
    for q in data["quotes"]:
        assert data["text"][q["start"] : q["end"]] == q["text"]
    assert {q["speaker"]["name"] for q in direct} == {"Jens Stoltenberg"}
    assert data["sources"] and data["other_languages"] == []
    assert client.get("/api/v1/articles/0000000000000000").status_code == 404


def test_the_same_story_in_other_languages(client):
    en = client.get("/api/v1/articles", params={"lang": "en", "size": 100}).json()["items"]
    story = next(a for a in en if a["url"] and a["url"].startswith("ntrex:"))
    data = client.get(f"/api/v1/articles/{story['id']}").json()
    assert sorted(o["lang"] for o in data["other_languages"]) == ["ru", "uk"]


# --- quotes, entities, search -----------------------------------------------------------


@pytest.mark.parametrize("name", ["Stoltenberg", "Столтенберг", "Столтенберга", "per:jens stoltenberg"])
def test_quotes_by_speaker_in_any_script(client, name):
    data = client.get("/api/v1/quotes", params={"speaker": name, "size": 100}).json()
    assert data["total"] == 12
    assert {q["speaker"]["key"] for q in data["items"]} == {"per:jens stoltenberg"}
    assert {q["lang"] for q in data["items"]} == {"en", "uk"}
    # newest publication date first, undated last
    dates = [q["published_date"] for q in data["items"]]
    assert dates[:4] == ["2022-01-22", "2022-01-22", "2022-01-12", "2022-01-12"] and set(dates[4:]) == {None}


def test_quotes_filters_combine(client):
    data = client.get("/api/v1/quotes", params={"speaker": "Stoltenberg", "lang": "en", "q": "hotline"}).json()
    assert data["total"] == 1
    quote_ = data["items"][0]
    assert quote_["kind"] == "direct" and "civilian hotline" in quote_["text"] and quote_["cue"] == "said"
    appeal = client.get("/api/v1/quotes", params={"speaker": "Stoltenberg", "q": "troops", "lang": "en"}).json()
    assert appeal["items"][0]["statement_type"] == "APPEAL"
    assert appeal["items"][0]["addressee"]["key"] == "loc:rusia"
    since = client.get("/api/v1/quotes", params={"speaker": "Stoltenberg", "since": "2022-01-20"}).json()
    assert since["total"] == 2 and {q["lang"] for q in since["items"]} == {"uk"}
    nothing = client.get("/api/v1/quotes", params={"speaker": "!!!"}).json()
    assert nothing == {"items": [], "page": 1, "size": 20, "total": 0, "next_page": None}


def test_entity_across_languages_and_scripts(client):
    nato = client.get("/api/v1/entities/org:nato").json()
    assert nato["label"] == "ORG"
    forms = {(a["lang"], a["script"], a["text"]) for a in nato["aliases"]}
    assert {("en", "Latin", "NATO"), ("ru", "Cyrillic", "НАТО"), ("uk", "Cyrillic", "НАТО")} <= forms
    assert sum(d["n"] for d in nato["mentions_per_day"]) == nato["n_mentions"]
    together = {e["key"] for e in nato["co_occurring"]}
    assert "per:jens stoltenberg" in together
    assert all(e["href"].startswith("/entities/") for e in nato["co_occurring"])
    person = client.get(f"/api/v1/entities/{SPEAKER}").json()
    assert person["n_quotes"] == 12
    assert [a["key"] for a in person["addressees"]][:1] == ["loc:rusia"]
    assert client.get("/api/v1/entities/per:nobody at all").status_code == 404


def test_search_highlights_and_crosses_scripts(client):
    data = client.get("/api/v1/search", params={"q": "Stoltenberg", "size": 50}).json()
    assert "Єнс Столтенберг" in data["names"] or "Столтенберг" in data["names"]
    langs = {hit["lang"] for hit in data["items"]}
    assert {"en", "uk"} <= langs
    name = re.compile("stoltenberg|столтенберг", re.IGNORECASE)
    for hit in data["items"]:
        if not hit["highlights"]:  # a quotation found by its speaker's name, not by its words
            assert hit["kind"] == "quote" and name.search(hit["speaker_name"])
        for start, end in hit["highlights"]:
            assert name.search(hit["snippet"][start:end])
    quote_hits = [h for h in data["items"] if h["kind"] == "quote"]
    assert quote_hits and all(h["href"].endswith(f"#q{h['quote_idx']}") for h in quote_hits)
    page2 = client.get("/api/v1/search", params={"q": "Trump", "size": 5, "page": 2}).json()
    assert page2["page"] == 2 and len(page2["items"]) == 5
    assert client.get("/api/v1/search", params={"q": "***"}).json()["items"] == []
    assert client.get("/api/v1/search").status_code == 422


# --- ingest -----------------------------------------------------------------------------

ARTICLE = {
    "text": (
        "Ukraine's foreign minister Dmytro Kuleba spoke in Kyiv on Monday.\n\n"
        "\u201cWe expect our partners to act now,\u201d Kuleba said."
    ),
    "title": "Kuleba asks partners to act",
    "url": "https://example.org/kuleba",
    "published": "2022-02-07",
    "lang": "en",
}


def test_ingest_is_forbidden_without_a_token(client, demo_db):
    before = Store(demo_db, read_only=True)
    try:
        n = before.count_articles()
    finally:
        before.close()
    assert client.post("/api/v1/articles", json=ARTICLE).status_code == 403
    with_token = {"Authorization": f"Bearer {TOKEN}"}  # the right token, but this server has none
    assert client.post("/api/v1/articles", json=ARTICLE, headers=with_token).status_code == 403
    assert client.post("/api/v1/articles", content=b"not json").status_code == 403  # nothing is read
    with Store(demo_db, read_only=True) as after:
        assert after.count_articles() == n


def test_read_only_desk_opens_the_database_read_only(read_only_app):
    desk = read_only_app.state.desk
    assert not desk.writable
    with desk.reader() as store:
        assert store.read_only
    with pytest.raises(StoreError):
        desk.writer()


def test_ingest_with_the_token(writable):
    client, db = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/api/v1/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.post("/api/v1/articles", json=ARTICLE, headers={"Authorization": TOKEN}).status_code == 401
    created = client.post("/api/v1/articles", json=ARTICLE, headers=auth)
    assert created.status_code == 201, created.text
    out = created.json()
    assert out["status"] == "stored" and out["lang"] == "en" and out["n_quotes"] >= 1
    again = client.post("/api/v1/articles", json=ARTICLE, headers=auth)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    stored = client.get(out["api_href"]).json()
    assert stored["published"]["date"] == "2022-02-07" and stored["url"] == ARTICLE["url"]
    assert any(q["speaker"] and q["speaker"]["name"] == "Dmytro Kuleba" for q in stored["quotes"])
    page = client.get(out["href"])
    assert page.status_code == 200 and "We expect our partners to act now" in page.text


def test_ingest_html_and_rejections(writable):
    client, _ = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    html = (
        "<html lang='uk'><head><title>Тест</title></head><body><article><h1>Заява міністра</h1>"
        "<p>Міністр закордонних справ України Дмитро Кулеба виступив у Києві в понеділок.</p>"
        "<p>«Ми очікуємо, що партнери діятимуть негайно», — заявив Кулеба журналістам.</p>"
        "</article></body></html>"
    )
    made = client.post("/api/v1/articles", json={"html": html}, headers=auth)
    assert made.status_code == 201, made.text
    assert made.json()["lang"] == "uk"
    german = {"text": "Die Bundesregierung hat am Mittwoch neue Maßnahmen beschlossen und will handeln."}
    rejected = client.post("/api/v1/articles", json=german, headers=auth)
    assert rejected.status_code == 422
    assert rejected.json()["status"] == "rejected" and "language" in rejected.json()["reason"]
    both = client.post("/api/v1/articles", json={"text": "a", "html": "<p>a</p>"}, headers=auth)
    assert both.status_code == 422 and "exactly one" in json.dumps(both.json())
    extra = client.post("/api/v1/articles", json={"text": "a", "colour": "red"}, headers=auth)
    assert extra.status_code == 422
    bad_date = client.post("/api/v1/articles", json={"text": "a", "published": "last week"}, headers=auth)
    assert bad_date.status_code == 422
    assert client.post("/api/v1/articles", content=b"{", headers=auth).status_code == 422


def test_request_body_limit(writable):
    client, _ = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"text": "word " * 10_000}  # 50 kB, over this app's 20 kB limit
    response = client.post("/api/v1/articles", json=big, headers=auth)
    assert response.status_code == 413
    assert response.json() == {"detail": "request body too large"}

    def chunks():  # no Content-Length: counted while streaming
        for _ in range(50):
            yield b"x" * 1000

    streamed = client.post("/api/v1/articles", content=chunks(), headers=auth)
    assert streamed.status_code == 413


# --- security and errors ----------------------------------------------------------------


def test_every_response_carries_the_security_headers(client, seed_id):
    for url in ("/", f"/articles/{seed_id}", "/api/v1/articles", "/static/desk.css", "/nope", "/api/v1/nope"):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_unexpected_errors_show_no_details(demo_db, monkeypatch):
    from newsdesk.store import sqlite as store_module
    from newsdesk.web import create_app

    app = create_app(demo_db)
    client = TestClient(app, raise_server_exceptions=False)

    def broken(self, *args, **kwargs):
        raise RuntimeError("secret internal detail /etc/passwd")

    monkeypatch.setattr(store_module.Store, "list_articles", broken)
    api = client.get("/api/v1/articles")
    assert api.status_code == 500 and api.json() == {"detail": "internal server error"}
    page = client.get("/")
    assert page.status_code == 500
    assert "secret" not in page.text and "Traceback" not in page.text and "RuntimeError" not in page.text
    assert "content-security-policy" in page.headers


def test_missing_database_is_refused_when_read_only(tmp_path):
    from newsdesk.web import create_app

    with pytest.raises(StoreError, match="no database"):
        create_app(tmp_path / "absent.db")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_hostile_article_is_escaped_everywhere(client, demo_db):
    hostile = article_id_by_source(demo_db, HOSTILE.source)
    for url in (f"/articles/{hostile}", "/", "/search?q=alert", "/search?q=Petrenko"):
        html = client.get(url).text
        parser = _Tags()
        parser.feed(html)
        scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
        assert scripts == [{"src": scripts[0]["src"], "defer": None}] and scripts[0]["src"].startswith("/static/")
        assert not [t for t, _ in parser.tags if t in ("img", "iframe")], url
        assert not [a for t, a in parser.tags if any((v or "").lower().startswith("javascript:") for v in a.values())]
        assert not [a for t, a in parser.tags if any(k.startswith("on") for k in a)], url
    page = client.get(f"/articles/{hostile}").text
    parser = _Tags()
    parser.feed(page)
    text = "".join(parser.text)
    assert "<script>alert('xss-script')</script>" in text
    assert "javascript:alert('xss-url')" in text


# --- pages ------------------------------------------------------------------------------


def test_pages_answer_in_the_chosen_language(read_only_app, seed_id):
    browser = TestClient(read_only_app)  # its own cookie jar
    uk = browser.get(f"/articles/{seed_id}", params={"ui": "ua"})
    assert '<html lang="uk">' in uk.text and "Хто що сказав" in uk.text
    assert "newsdesk_ui=uk" in uk.headers["set-cookie"]
    remembered = browser.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    assert "Останні статті" in remembered.text  # the chosen language wins over the browser's
    ru = TestClient(read_only_app).get("/", headers={"Accept-Language": "de-DE,ru;q=0.9,en;q=0.5"})
    assert '<html lang="ru">' in ru.text and "Последние статьи" in ru.text
    en = TestClient(read_only_app).get("/", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert '<html lang="en">' in en.text and "Latest articles" in en.text


def test_speaker_and_entity_pages(client):
    speaker = client.get(f"/speakers/{SPEAKER}", params={"ui": "en"}).text
    assert "<svg" in speaker and 'class="bar bar-dated"' in speaker
    assert "Єнс Столтенберг" in speaker  # names by language and script
    entity = client.get("/entities/org%3Anato").text
    assert "НАТО" in entity and "Mentioned together with" in entity
    assert client.get("/speakers/per%3Anobody").status_code == 404
    assert client.get("/entities/nope").status_code == 404
    assert client.get("/?since=someday").status_code == 400


def test_speaker_spelled_in_another_script_is_the_same_person(tmp_path, pipeline):
    """Quotes by Trump in English and by Трамп in Russian and Ukrainian meet on one speaker page (issue 4 + 5)."""
    from newsdesk.model import RawDocument
    from newsdesk.web import create_app

    texts = {
        "en": "US President Donald Trump spoke in Ohio. “We will win,” Trump said.",
        "ru": "Президент США Дональд Трамп выступил в Огайо. «Мы победим», — сказал Трамп.",
        "uk": "Президент США Дональд Трамп виступив в Огайо. «Ми переможемо», — сказав Трамп.",
    }
    path = tmp_path / "trump.db"
    with Store(path) as store:
        for lang, text in texts.items():
            store.add(pipeline.process(RawDocument(source=f"{lang}.txt", text=text), lang=lang))
        keys = {row.speaker_key for row in store.quotes()}
        canonical = {store.canonical_key(k) for k in keys}
    assert len(canonical) == 1 and None not in canonical
    client = TestClient(create_app(path))
    for key in keys:
        page = client.get("/speakers/" + key.replace(" ", "%20"))
        assert page.status_code == 200
        assert all(words in page.text for words in ("We will win", "Мы победим", "Ми переможемо")), key
