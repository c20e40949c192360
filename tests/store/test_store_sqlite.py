"""The SQLite store: idempotent adds, per-article transactions, FTS in three languages, speaker look-up,
opening errors, reopening and migrations. Articles are built by hand from the data model."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from importlib import resources

import pytest

from newsdesk.errors import ConfigError, StoreError
from newsdesk.model import Article, Cue, Mention, PublicationDate, Quote, Span, Speaker
from newsdesk.store import Store
from newsdesk.store.sqlite import load_migrations, migrate

PACKAGED_SQL = resources.files("newsdesk.store").joinpath("schema.sql").read_text(encoding="utf-8")
LATEST = len(load_migrations(PACKAGED_SQL))  # the schema version this package writes


def make_article(
    lang: str,
    text: str,
    *,
    quotes: Sequence[tuple[str, str | None, str | None, str | None]] = (),
    title: str | None = None,
    date: str | None = None,
    source: str | None = None,
) -> Article:
    """An Article whose quotes are (content, speaker words, speaker key, cue) found by position in ``text``."""
    digest = hashlib.sha256(f"{lang}\n{text}".encode()).hexdigest()[:16]
    built, entities = [], []
    for content, speaker_words, key, cue_words in quotes:
        start = text.index(content)
        speaker = cue = None
        if speaker_words is not None:
            s = text.index(speaker_words)
            name = speaker_words if key else None
            speaker = Speaker(s, s + len(speaker_words), speaker_words, key, name)
            if key:
                entities.append(Mention(s, s + len(speaker_words), speaker_words, "PER", speaker_words, key, name))
        if cue_words is not None:
            c = text.index(cue_words)
            cue = Cue(c, c + len(cue_words), cue_words, cue_words.lower())
        built.append(Quote("direct", start, start + len(content), content, speaker=speaker, cue=cue))
    published = None
    if date:
        y, m, d = map(int, date.split("-"))
        published = PublicationDate(date=date, year=y, month=m, day=d, origin="metadata")
    return Article(
        id=digest,
        source=source or f"{lang}-{digest}.txt",
        lang=lang,
        text=text,
        title=title,
        published=published,
        sentences=(Span(0, len(text), text),),
        entities=tuple(sorted(entities, key=lambda m: m.start)),
        quotes=tuple(sorted(built, key=lambda q: q.start)),
    )


EN = make_article(
    "en",
    'NATO Secretary-General Jens Stoltenberg said: "We are ready to set up a civilian hotline with Moscow."',
    quotes=[
        ("We are ready to set up a civilian hotline with Moscow.", "Jens Stoltenberg", "per:jens stoltenberg", "said")
    ],
    title="NATO answers Russia's demand",
    date="2022-01-26",
)
UK = make_article(
    "uk",
    "«Ми готові вислухати занепокоєння Росії», — заявив Столтенберг у Брюсселі. Він ЗАКЛИКАВ до діалогу.",
    quotes=[("Ми готові вислухати занепокоєння Росії", "Столтенберг", "per:jens stoltenberg", "заявив")],
    title="Столтенберг закликав Росію до діалогу",
    date="2022-01-27",
)
RU = make_article(
    "ru",
    "«Мы не подпишем этот документ», — заявила министр Анна Ковальчук. «Ещё рано», — добавил её помощник.",
    quotes=[
        ("Мы не подпишем этот документ", "Анна Ковальчук", "per:anna kovalchuk", "заявила"),
        ("Ещё рано", "её помощник", None, "добавил"),
    ],
    title="Министр отказалась подписать документ",
)
MULLER = make_article(
    "en",
    'Thomas Müller said: "It was a hard game." Coach Müllerson agreed.',
    quotes=[("It was a hard game.", "Thomas Müller", "per:thomas muller", "said")],
)


def table_counts(path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "mentions", "entities", "aliases", "quotes", "sources", "articles_fts", "quotes_fts")
        }
    finally:
        con.close()


@pytest.fixture()
def db(tmp_path):
    return tmp_path / "news.db"


@pytest.fixture()
def filled(db):
    with Store(db) as store:
        for article in (EN, UK, RU, MULLER):
            assert store.add(article) == "stored"
    return db


# --- adding ------------------------------------------------------------------------


def test_adding_the_same_content_twice_is_unchanged_and_adds_no_rows(filled):
    before = table_counts(filled)
    assert before["articles"] == 4 and before["quotes"] == 5 and before["mentions"] == 4
    with Store(filled) as store:
        assert [store.add(a) for a in (EN, UK, RU, MULLER)] == ["unchanged"] * 4
    assert table_counts(filled) == before


def test_same_content_from_another_source_records_the_source_only(filled):
    mirror = Article(**{f: getattr(EN, f) for f in EN.__slots__} | {"source": "mirror/en.html"})
    with Store(filled) as store:
        before = store.counts()
        assert store.add(mirror) == "unchanged"
        assert store.sources(EN.id) == [EN.source, "mirror/en.html"]
        after = store.counts()
    assert after["sources"] == before["sources"] + 1
    assert {k: v for k, v in after.items() if k != "sources"} == {k: v for k, v in before.items() if k != "sources"}


def test_get_article_returns_exactly_what_was_added(filled):
    with Store(filled) as store:
        for article in (EN, UK, RU, MULLER):
            assert store.get_article(article.id) == article
        assert store.get_article("0000000000000000") is None


def test_failure_mid_article_rolls_back_only_that_article(filled):
    # A real SQL failure after the article row and its entities were inserted: a trigger refuses one quote.
    con = sqlite3.connect(filled)
    con.execute(
        "CREATE TRIGGER refuse_boom BEFORE INSERT ON quotes WHEN new.text = 'BOOM' "
        "BEGIN SELECT RAISE(ABORT, 'quote refused by test trigger'); END"
    )
    con.commit()
    con.close()
    before = table_counts(filled)
    doomed = make_article(
        "en",
        'Anna Smith said: "Fine." Then Bob Jones said: "BOOM"',
        quotes=[("Fine.", "Anna Smith", "per:anna smith", "said"), ("BOOM", "Bob Jones", "per:bob jones", "said")],
    )
    later = make_article(
        "en", 'Carl Berg said: "Still here."', quotes=[("Still here.", "Carl Berg", "per:carl berg", "said")]
    )
    with Store(filled) as store:
        with pytest.raises(StoreError) as caught:
            store.add(doomed)
        message = str(caught.value)
        assert doomed.id in message and str(filled) in message and "quote refused" in message
        assert table_counts(filled) == before  # no partial rows, FTS untouched
        assert store.get_article(doomed.id) is None
        assert store.get_article(EN.id) == EN
        assert store.add(later) == "stored"  # the store is still usable
    after = table_counts(filled)
    assert after["articles"] == before["articles"] + 1 and after["quotes"] == before["quotes"] + 1


def test_inconsistent_offsets_are_refused_before_writing(db):
    broken = Article(id="b" * 16, source="bad.txt", lang="en", text="Short text.",
                     quotes=(Quote("direct", 0, 5, "Other"),))
    with Store(db) as store:
        with pytest.raises(StoreError, match=r"bad\.txt.*quotes\[0\]"):
            store.add(broken)
        assert store.counts()["articles"] == 0


def test_rejected_or_other_objects_are_a_type_error(db):
    with Store(db) as store, pytest.raises(TypeError, match="Article"):
        store.add({"id": "x"})  # type: ignore[arg-type]


def test_replace_swaps_annotations_and_the_search_index(filled):
    reanalysed = Article(
        **{f: getattr(UK, f) for f in UK.__slots__}
        | {"quotes": (Quote("indirect", UK.text.index("до діалогу"), UK.text.index("до діалогу") + 10, "до діалогу"),)}
    )
    with Store(filled) as store:
        assert store.add(reanalysed) == "unchanged"  # default: the first analysis stays
        assert store.get_article(UK.id) == UK
        assert store.add(UK, replace=True) == "unchanged"  # same annotations: nothing to do
        assert store.add(reanalysed, replace=True) == "stored"
        assert store.get_article(UK.id) == reanalysed
        assert [h.kind for h in store.search("вислухати")] == ["article"]  # old quote gone from the index
        assert [h.quote_idx for h in store.search("діалогу") if h.kind == "quote"] == [0]
        assert store.counts()["articles"] == 4
    assert table_counts(filled)["quotes_fts"] == table_counts(filled)["quotes"]


# --- quotes and speakers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("needle", "expected_langs"),
    [
        ("stoltenberg", ["uk", "en"]),  # a whole word of "per:jens stoltenberg", newest first
        ("jens stoltenberg", ["uk", "en"]),
        ("jens", ["uk", "en"]),
        ("per:jens stoltenberg", ["uk", "en"]),
        ("Jens-Stoltenberg", ["uk", "en"]),  # normalised defensively
        ("stolten", []),  # not a whole word
        ("berg", []),
        ("jens stoltenberg nato", []),
        ("%", []),  # LIKE wildcards are literal
        ("_", []),
        ("per:stoltenberg", []),  # with a colon: the whole key
        ("kovalchuk", ["ru"]),
    ],
)
def test_speaker_needle(filled, needle, expected_langs):
    with Store(filled) as store:
        rows = store.quotes(speaker_needle=needle)
    assert [r.lang for r in rows] == expected_langs
    for row in rows:
        assert row.speaker_key is not None and row.cue_text is not None


def test_quote_rows_carry_offsets_and_article_fields(filled):
    with Store(filled) as store:
        (row,) = store.quotes(speaker_needle="stoltenberg", lang="ua")
        article = store.get_article(row.article_id)
    assert row.lang == "uk" and row.published_date == "2022-01-27" and row.title == UK.title
    assert article.text[row.start : row.end] == row.text == "Ми готові вислухати занепокоєння Росії"
    assert article.text[row.speaker_start : row.speaker_end] == row.speaker_text == "Столтенберг"
    assert article.text[row.cue_start : row.cue_end] == row.cue_text == "заявив"
    assert row.speaker_name == "Столтенберг" and row.cue_lemma == "заявив"


def test_quotes_order_limit_and_filters(filled):
    with Store(filled) as store:
        rows = store.quotes()
        assert [r.published_date for r in rows][:2] == ["2022-01-27", "2022-01-26"]  # newest first, undated last
        assert {r.published_date for r in rows[2:]} == {None}
        assert len(rows) == 5
        assert len(store.quotes(limit=2)) == 2
        ru = store.quotes(lang="RU")
        assert [r.text for r in ru] == ["Мы не подпишем этот документ", "Ещё рано"]  # text order within an article
        assert ru[1].speaker_key is None and ru[1].speaker_text == "её помощник"
        with pytest.raises(ConfigError, match="unsupported language"):
            store.quotes(lang="de")
        with pytest.raises(ConfigError, match="empty"):
            store.quotes(speaker_needle="  ")
        with pytest.raises(ConfigError, match="limit"):
            store.quotes(limit=0)


def test_speakers_summary_and_counts(filled):
    extra = make_article(
        "en",
        'Stoltenberg said: "Allies stand together." He added: "We will defend every ally."',
        quotes=[
            ("Allies stand together.", "Stoltenberg", "per:jens stoltenberg", "said"),
            ("We will defend every ally.", "Stoltenberg", "per:jens stoltenberg", "added"),
        ],
    )
    with Store(filled) as store:
        store.add(extra)
        rows = store.speakers()
        counts = store.counts()
        only_uk = store.speakers(lang="ua")
    top = rows[0]
    assert (top.key, top.lang, top.n_quotes, top.n_articles) == ("per:jens stoltenberg", "en", 3, 2)
    assert top.name == "Stoltenberg"  # the name given most often (2 of 3)
    assert top.example == "We are ready to set up a civilian hotline with Moscow."  # first stored quote
    assert {(r.key, r.lang) for r in rows} == {
        ("per:jens stoltenberg", "en"), ("per:jens stoltenberg", "uk"), ("per:anna kovalchuk", "ru"),
        ("per:thomas muller", "en"),
    }  # fmt: skip  (the unresolved "её помощник" is not a speaker row)
    assert [(r.name, r.n_quotes) for r in only_uk] == [("Столтенберг", 1)]
    assert counts == {
        "articles": 5, "articles_by_lang": {"en": 3, "ru": 1, "uk": 1}, "quotes": 7, "quotes_with_speaker": 6,
        "entities": 3, "mentions": 6, "sources": 5, "schema_version": LATEST,
    }  # fmt: skip


# --- full-text search --------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "article_id", "kinds"),
    [
        ("hotline", EN.id, {"article", "quote"}),
        ("HOTLINE moscow", EN.id, {"article", "quote"}),
        ("брюсселі", UK.id, {"article"}),  # lower-case query, capitalised text
        ("БРЮССЕЛІ", UK.id, {"article"}),
        ("закликав", UK.id, {"article"}),  # upper-case text ЗАКЛИКАВ, and the title
        ("занепокоєння", UK.id, {"article", "quote"}),
        ("документ", RU.id, {"article", "quote"}),
        ("еще", RU.id, {"article", "quote"}),  # ё written as е
        ("ещё", RU.id, {"article", "quote"}),
        ("muller", MULLER.id, {"article", "quote"}),  # Latin accents folded
        ("Müller", MULLER.id, {"article", "quote"}),
        ("Столтенберг", UK.id, {"article", "quote"}),  # the quote index holds the speaker name too
    ],
)
def test_search_finds_words_in_every_script(filled, query, article_id, kinds):
    with Store(filled) as store:
        hits = store.search(query)
    assert {h.article_id for h in hits} == {article_id}
    assert {h.kind for h in hits} == kinds


def test_search_snippets_mark_the_original_words(filled):
    with Store(filled) as store:
        hits = store.search("еще", mark=("<<", ">>"))
        quote = next(h for h in hits if h.kind == "quote")
        assert "<<Ещё>>" in quote.snippet  # the index folds ё, the snippet shows the text as written
        assert quote.speaker_name is None and quote.quote_idx == 1
        assert store.get_article(RU.id).text[quote.start : quote.end] == "Ещё рано"
        article = next(h for h in store.search("hotline") if h.kind == "article")
        assert "[hotline]" in article.snippet and article.title == EN.title and article.rank < 0


def test_search_whole_words_only_and_all_words_required(filled):
    with Store(filled) as store:
        assert store.search("Брюссел") == []  # no stemming or prefixes by default
        assert {h.article_id for h in store.search("Брюссел*", raw=True)} == {UK.id}
        assert store.search("hotline Брюсселі") == []
        assert {h.article_id for h in store.search("hotline OR Брюсселі", raw=True)} == {EN.id, UK.id}


@pytest.mark.parametrize("query", ['"unclosed', "NOT", "hotline AND", "a:b", "(((", "*", "NEAR(", "title:"])
def test_plain_search_never_raises_on_fts_syntax(filled, query):
    with Store(filled) as store:
        try:
            store.search(query)
        except ConfigError as exc:  # only input with no word at all
            assert "no word" in str(exc)
            assert not any(ch.isalnum() for ch in query)


def test_raw_search_syntax_error_says_how_to_quote(filled):
    with Store(filled) as store, pytest.raises(StoreError, match="double quotes"):
        store.search('"unclosed', raw=True)


def test_search_filters_and_limits(filled):
    with Store(filled) as store:
        assert {h.lang for h in store.search("Столтенберг", lang="ua")} == {"uk"}
        assert store.search("Столтенберг", lang="en") == []
        assert len(store.search("hotline", limit=1)) == 1
        with pytest.raises(ConfigError):
            store.search("   ")


# --- opening, reopening, readers, migrations ---------------------------------------


def test_reopening_keeps_data_version_and_wal(filled):
    with Store(filled) as store:
        assert store.version == LATEST and store.counts()["articles"] == 4
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con = sqlite3.connect(filled)
    assert con.execute("SELECT version, description FROM schema_version ORDER BY version").fetchall() == [
        (step.version, step.description) for step in load_migrations(PACKAGED_SQL)
    ]
    con.close()


def test_non_database_file_is_refused_with_its_path(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("these are notes, not a database\n" * 100)
    with pytest.raises(StoreError) as caught:
        Store(junk)
    assert str(junk) in str(caught.value) and "not a newsdesk SQLite database" in str(caught.value)
    assert junk.read_text().startswith("these are notes")  # left untouched


def test_folder_or_missing_folder_is_refused_with_advice(tmp_path):
    for path in (tmp_path, tmp_path / "missing" / "news.db"):
        with pytest.raises(StoreError, match="folder") as caught:
            Store(path)
        assert str(path) in str(caught.value)


def test_foreign_sqlite_database_is_refused(tmp_path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a newsdesk one"):
        Store(other)


def test_reader_sees_committed_articles_while_writer_is_open(db):
    with Store(db) as writer:
        writer.add(EN)
        with Store(db, read_only=True) as reader:
            assert reader.counts()["articles"] == 1
            writer.add(UK)
            assert reader.counts()["articles"] == 2
            with pytest.raises(StoreError, match="read-only"):
                reader.add(RU)


def test_read_only_needs_an_existing_database(tmp_path):
    with pytest.raises(StoreError, match="ingest"):
        Store(tmp_path / "absent.db", read_only=True)
    assert not (tmp_path / "absent.db").exists()


def test_closed_store_says_so(db):
    store = Store(db)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def test_forward_migration_keeps_data(filled):
    step2 = PACKAGED_SQL + f"\n-- migration {LATEST + 1}: reading notes\nALTER TABLE articles ADD COLUMN note TEXT;\n"
    con = sqlite3.connect(filled, isolation_level=None)
    assert migrate(con, load_migrations(step2), where=str(filled)) == LATEST + 1
    assert migrate(con, load_migrations(step2), where=str(filled)) == LATEST + 1  # idempotent
    assert con.execute("SELECT count(*) FROM articles WHERE note IS NULL").fetchone()[0] == 4
    assert [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY version")] == list(
        range(1, LATEST + 2)
    )
    con.close()
    with pytest.raises(StoreError, match="newer than this newsdesk"):
        Store(filled)  # this package knows no step above LATEST


def test_failed_migration_step_is_rolled_back(filled):
    bad = (
        PACKAGED_SQL
        + f"\n-- migration {LATEST + 1}: broken\nALTER TABLE articles ADD COLUMN x TEXT;\nSELECT * FROM nowhere;\n"
    )
    con = sqlite3.connect(filled, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrate(con, load_migrations(bad))
    columns = [r[1] for r in con.execute("PRAGMA table_info(articles)")]
    assert "x" not in columns
    assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == LATEST
    con.close()


def test_migration_steps_must_be_numbered_without_gaps():
    with pytest.raises(StoreError, match="without gaps"):
        load_migrations("-- migration 1: a\nSELECT 1;\n-- migration 3: c\nSELECT 3;\n")
    steps = load_migrations(PACKAGED_SQL)
    assert [s.version for s in steps] == list(range(1, len(steps) + 1))


def test_in_memory_store(tmp_path):
    with Store(":memory:") as store:
        assert store.add(RU) == "stored" and store.get_article(RU.id) == RU


def test_a_write_the_database_refuses_says_what_to_do(tmp_path, monkeypatch):
    """SQLite's "attempt to write a readonly database" (a read-only file or folder; chmod does not stop root, so
    the refusal is injected at the connection) becomes advice that names the file."""
    import sqlite3

    from newsdesk.store import sqlite as store_sqlite

    path = tmp_path / "news.db"
    article = make_article("en", "The mayor of Kharkiv said the bridge would reopen in May.")
    with Store(path) as store:
        real = store.conn

        class Refusing:
            in_transaction = False

            def execute(self, sql, *args):
                if sql.startswith("BEGIN"):
                    raise sqlite3.OperationalError("attempt to write a readonly database")
                return real.execute(sql, *args)

        monkeypatch.setattr(store, "_conn", Refusing())
        with pytest.raises(StoreError, match=r"read-only; make both writable or choose another --db") as caught:
            store.add(article)
        assert str(path) in str(caught.value)
        monkeypatch.setattr(store, "_conn", real)
    assert store_sqlite._write_advice(sqlite3.OperationalError("database is locked"), "x.db").endswith(
        "another process holds a write lock on x.db; wait for it to finish and run again")
