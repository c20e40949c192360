"""A database keyed by older linking rules is re-keyed on opening (newsdesk.store.migrations.refresh_linking_keys)."""

from __future__ import annotations

import logging
import sqlite3

from newsdesk.model import RawDocument
from newsdesk.nlp.linking import RULES_VERSION, blocking_key, name_key
from newsdesk.store import Store

ENGLISH = "Rep. Maxine Waters said the allegation was false."
RUSSIAN = "Конгрессмен Максин Уотерс заявила, что обвинение ложно."


def _aliases(path):
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT alias, lang, key, block FROM aliases ORDER BY alias").fetchall()


def test_aliases_keyed_by_older_rules_are_keyed_again_and_a_relink_is_advised(tmp_path, pipeline, caplog):
    path = tmp_path / "news.db"
    with Store(path) as store:
        store.add(pipeline.process(RawDocument("en.txt", ENGLISH), lang="en"))
    fresh = _aliases(path)
    assert fresh and all(block == blocking_key(name_key(alias, lang)) for alias, lang, _, block in fresh)
    # what an older newsdesk left: other blocks, and its rules version
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE aliases SET block = 'old'")
        conn.execute("UPDATE meta SET value = '1' WHERE name = 'linking_rules'")
    with caplog.at_level(logging.WARNING, logger="newsdesk.store"):
        with Store(path) as store:
            # the Russian spelling of the same name finds the stored entity through the refreshed block
            store.add(pipeline.process(RawDocument("ru.txt", RUSSIAN), lang="ru"))
            people = [e for e in store.entities() if e.label == "PER"]
    assert "newsdesk relink" in caplog.text
    assert [(a.alias, a.lang) for a in people[0].aliases] == [("Maxine Waters", "en"), ("Максин Уотерс", "ru")]
    assert len(people) == 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM meta WHERE name = 'linking_rules'").fetchone() == (str(RULES_VERSION),)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="newsdesk.store"):
        Store(path).close()
    assert "relink" not in caplog.text  # keyed once, then quiet
