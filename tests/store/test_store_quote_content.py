"""A stored quotation interrupted by its attribution gives its content without the attribution (QuoteRow.content),
in `newsdesk quotes --json` and in the API's quote listing (with its parts)."""

from __future__ import annotations

import json
import warnings

from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.model import RawDocument
from newsdesk.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx versions
    from fastapi.testclient import TestClient

TEXT = ('Mayor Daniel Okafor spoke on Monday. "We will not sign anything this week," Okafor said. '
        '"The numbers simply do not add up."')


def test_an_interrupted_quote_is_listed_without_its_attribution(pipeline, tmp_path):
    path = tmp_path / "news.db"
    with Store(path) as store:
        store.add(pipeline.process(RawDocument("okafor.txt", TEXT), lang="en"))
        (row,) = store.quotes()
    assert len(row.parts) == 2 and "Okafor said" in row.text
    assert row.content == "We will not sign anything this week, … The numbers simply do not add up."

    listed = CliRunner().invoke(app, ["quotes", "--db", str(path), "--json"])
    assert json.loads(listed.output.splitlines()[0])["content"] == row.content

    from newsdesk.web.app import create_app

    client = TestClient(create_app(db_path=path))
    (item,) = client.get("/api/v1/quotes").json()["items"]
    assert item["content"] == row.content and item["parts"] == [list(p) for p in row.parts]
    assert json.loads(listed.output.splitlines()[0])["parts"] == [list(p) for p in row.parts]


def test_a_quote_in_one_piece_lists_that_piece_as_its_parts(pipeline, tmp_path):
    """One piece is ``[[start, end]]`` everywhere: the article JSON, ``newsdesk quotes --json`` and the API listing."""
    path = tmp_path / "news.db"
    text = 'Mayor Daniel Okafor spoke on Monday. "We will not sign anything this week," Okafor said.'
    with Store(path) as store:
        store.add(pipeline.process(RawDocument("okafor1.txt", text), lang="en"))
        (row,) = store.quotes()
    assert row.parts == ()
    listed = json.loads(CliRunner().invoke(app, ["quotes", "--db", str(path), "--json"]).output.splitlines()[0])
    assert listed["parts"] == [[row.start, row.end]]

    from newsdesk.web.app import create_app

    client = TestClient(create_app(db_path=path))
    (item,) = client.get("/api/v1/quotes").json()["items"]
    assert item["parts"] == [[row.start, row.end]]
    article = client.get(f"/api/v1/articles/{row.article_id}").json()
    assert article["quotes"][0]["parts"] == [[row.start, row.end]]
