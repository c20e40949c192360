"""A quotation found in a headline the reader took off the body: stored, listed and shown on the headline."""

from __future__ import annotations

import sqlite3
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx versions
    from fastapi.testclient import TestClient

from newsdesk.model import Article, RawDocument
from newsdesk.store import Store

TITLE = "Stoltenberg: \u201cWe are ready to talk to Russia about arms control\u201d"
BODY = (
    "NATO Secretary General Jens Stoltenberg spoke to reporters in Brussels on Monday.\n\n"
    "He said the alliance wanted a dialogue with Moscow and would keep its doors open."
)


def test_a_headline_quotation_is_stored_listed_and_marked_on_the_headline(tmp_path, pipeline) -> None:
    from newsdesk.web import create_app

    article = pipeline.process(RawDocument(source="test:headline", text=BODY, title=TITLE), lang="en")
    assert isinstance(article, Article)
    idx = next(i for i, q in enumerate(article.quotes) if q.field == "title")
    db = tmp_path / "h.db"
    with Store(db) as store:
        store.add(article)
        assert store.get_article(article.id) == article
    row = sqlite3.connect(db).execute("SELECT field, text FROM quotes WHERE idx = ?", (idx,)).fetchone()
    assert row == ("title", "We are ready to talk to Russia about arms control")

    client = TestClient(create_app(db))
    items = client.get("/api/v1/quotes", params={"speaker": "Stoltenberg", "size": 50}).json()["items"]
    (listed,) = [q for q in items if q["field"] == "title"]
    assert TITLE[listed["start"] : listed["end"]] == listed["text"] and listed["href"].endswith(f"#q{idx}")
    whole = client.get(f"/api/v1/articles/{article.id}").json()
    assert [q["field"] for q in whole["quotes"]].count("title") == 1 and whole["quotes"][idx]["field"] == "title"
    assert {q["field"] for q in whole["quotes"][:idx]} == {"text"}
    page = client.get(f"/articles/{article.id}").text
    h1 = page[page.index("<h1>") : page.index("</h1>")]
    assert f'id="q{idx}"' in h1 and "We are ready to talk to Russia about arms control" in h1
    body_marks = page[page.index("</h1>") :]
    assert f'id="q{idx}"' not in body_marks  # the headline's quotation is not marked in the body
