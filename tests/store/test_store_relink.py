"""`Store.relink` and `newsdesk relink`: entities rebuilt from the stored articles in one fixed order, so the
order articles arrived in no longer decides names and links; nothing else changes."""

from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.errors import StoreError
from newsdesk.model import RawDocument
from newsdesk.store import Store

TEXTS = [
    ("en", "Donald Trump spoke to reporters in Ohio on Tuesday."),
    ("ru", "«Мы построим стену», — заявил Дональд Трамп журналистам в Огайо."),
    ("uk", "Президент Дональд Трамп виступив в Огайо. Трамп пообіцяв збудувати стіну."),
]


@pytest.fixture(scope="module")
def articles(pipeline):
    return [pipeline.process(RawDocument(f"{lang}.txt", text), lang=lang) for lang, text in TEXTS]


def _entities(store: Store) -> list[tuple]:
    """Every entity as data, without row ids: key, label, names, sorted aliases, mention and quote counts."""
    rows = []
    for e in store.entities(limit=1000):
        aliases = sorted((a.alias, a.lang) for a in e.aliases)
        rows.append((e.key, e.label, e.name, e.name_en, e.name_ru, e.name_uk, tuple(aliases), e.n_mentions, e.n_quotes))
    return sorted(rows)


def _stored(path, articles) -> None:
    with Store(path) as store:
        for a in articles:
            store.add(a)


def test_relink_makes_entities_independent_of_arrival_order(tmp_path, articles):
    forward, backward = tmp_path / "forward.db", tmp_path / "backward.db"
    _stored(forward, articles)
    _stored(backward, [articles[1], articles[0], articles[2]])
    with Store(forward) as a, Store(backward) as b:
        assert _entities(a) != _entities(b)  # the entity's key is the first spelling stored: arrival order shows
        assert a.relink() == b.relink() == len(_entities(a))
        assert _entities(a) == _entities(b)
        (trump,) = [e for e in _entities(a) if e[1] == "PER"]
        assert trump[7] == 4 and trump[8] == 2  # four mentions and two quotes (ru, uk), all one person


def test_relink_keeps_articles_mentions_and_quotes(tmp_path, articles):
    path = tmp_path / "news.db"
    _stored(path, articles)
    con = sqlite3.connect(path)
    before = [
        con.execute("SELECT id, json FROM articles ORDER BY id").fetchall(),
        con.execute("SELECT article_id, idx, key, text FROM mentions ORDER BY 1, 2").fetchall(),
        con.execute("SELECT article_id, idx, speaker_key, text FROM quotes ORDER BY 1, 2").fetchall(),
    ]
    with Store(path) as store:
        store.relink()
        store.relink()  # twice: the same
        quotes = store.quotes(speaker="Трамп")
    after = [
        con.execute("SELECT id, json FROM articles ORDER BY id").fetchall(),
        con.execute("SELECT article_id, idx, key, text FROM mentions ORDER BY 1, 2").fetchall(),
        con.execute("SELECT article_id, idx, speaker_key, text FROM quotes ORDER BY 1, 2").fetchall(),
    ]
    assert before == after
    assert con.execute("SELECT count(*) FROM mentions WHERE entity_id IS NULL").fetchone() == (0,)
    con.close()
    assert sorted(q.lang for q in quotes) == ["ru", "uk"]  # both quotes still found by his name


def test_relink_on_a_read_only_store_says_so(tmp_path, articles):
    path = tmp_path / "news.db"
    _stored(path, articles[:1])
    with Store(path, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.relink()


def test_relink_command(tmp_path, articles):
    path = tmp_path / "news.db"
    _stored(path, articles)
    result = CliRunner().invoke(app, ["relink", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "relinked 3 articles" in result.output
    missing = CliRunner().invoke(app, ["relink", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no database at" in missing.output
