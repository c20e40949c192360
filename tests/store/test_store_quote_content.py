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
