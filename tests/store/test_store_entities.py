"""Canonical entities in the store: linking across documents, languages and scripts at ingest, aliases, the
`entities` listing, `quotes(speaker=...)` by any alias, migration of a version-1 database, and the `entities`
command."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.errors import ConfigError
from newsdesk.model import Article, Mention, Quote, RawDocument, Speaker
from newsdesk.store import Store
from newsdesk.store.sqlite import load_migrations, migrate

LATEST = len(load_migrations())  # the schema version this package writes

# --- the case, through the whole pipeline -------------------------------------------------------------

STOLTENBERG = {
    "en": "NATO Secretary General Jens Stoltenberg said the alliance was ready for talks.",
    "ru": "Генеральный секретарь НАТО Йенс Столтенберг заявил, что альянс готов к переговорам.",
    "uk": "Генеральний секретар НАТО Єнс Столтенберг заявив, що альянс готовий до переговорів.",
}


@pytest.fixture(scope="module")
def stoltenberg_articles(pipeline):
    return [pipeline.process(RawDocument(f"{lang}.txt", text), lang=lang) for lang, text in STOLTENBERG.items()]


@pytest.fixture()
def stoltenberg_db(tmp_path, stoltenberg_articles):
    path = tmp_path / "news.db"
    with Store(path) as store:
        assert [store.add(a) for a in stoltenberg_articles] == ["stored"] * 3
    return path


def test_three_languages_give_one_person_and_one_organisation_with_three_aliases(stoltenberg_db):
    with Store(stoltenberg_db) as store:
        rows = store.entities()
    assert [(r.label, r.key) for r in rows] == [("PER", "per:jens stoltenberg"), ("ORG", "org:nato")]
    person, nato = rows
    assert [(a.alias, a.lang, a.script) for a in person.aliases] == [
        ("Jens Stoltenberg", "en", "Latn"), ("Йенс Столтенберг", "ru", "Cyrl"), ("Єнс Столтенберг", "uk", "Cyrl"),
    ]  # fmt: skip
    assert [(a.alias, a.lang) for a in nato.aliases] == [("NATO", "en"), ("НАТО", "ru"), ("НАТО", "uk")]
    assert (person.name_en, person.name_ru, person.name_uk) == ("Jens Stoltenberg", "Йенс Столтенберг", "Єнс Столтенберг")
    assert (nato.name_en, nato.name_ru, nato.name_uk) == ("NATO", "НАТО", "НАТО")  # the catalogue's names
    assert (person.n_mentions, person.n_articles, person.n_quotes) == (3, 3, 3)
    assert (nato.n_mentions, nato.n_quotes) == (3, 0)


def test_the_three_quotes_share_the_speaker_key_and_entity(stoltenberg_db):
    with Store(stoltenberg_db) as store:
        rows = store.conn.execute(
            "SELECT a.lang, q.speaker_key, q.speaker_entity_id FROM quotes q JOIN articles a ON a.id = q.article_id"
        ).fetchall()
        person = store.entities(label="PER")[0]
    assert sorted(r[0] for r in rows) == ["en", "ru", "uk"]
    assert {(r[1], r[2]) for r in rows} == {("per:jens stoltenberg", person.id)}


@pytest.mark.parametrize(
    "speaker", ["Stoltenberg", "Столтенберг", "Столтенберга", "Єнс Столтенберг", "Jens", "per:jens stoltenberg"]
)
def test_quotes_by_any_alias_script_or_inflection(stoltenberg_db, speaker):
    with Store(stoltenberg_db) as store:
        assert sorted(r.lang for r in store.quotes(speaker=speaker)) == ["en", "ru", "uk"]


def test_quotes_by_a_name_nobody_has(stoltenberg_db):
    with Store(stoltenberg_db) as store:
        assert store.quotes(speaker="Zelensky") == []
        assert store.quotes(speaker="Stolt") == []  # whole words only
        with pytest.raises(ConfigError):
            store.quotes(speaker=" - ")


def test_reingesting_is_a_no_op_for_entities_and_aliases(stoltenberg_db, stoltenberg_articles):
    def tables(path):
        con = sqlite3.connect(path)
        try:
            return [con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("entities", "aliases", "mentions")]
        finally:
            con.close()

    before = tables(stoltenberg_db)
    with Store(stoltenberg_db) as store:
        assert [store.add(a) for a in stoltenberg_articles] == ["unchanged"] * 3
    assert tables(stoltenberg_db) == before


# --- linking rules through the store, with hand-made articles ---------------------------------------------------


def article(lang: str, text: str, people: dict[str, str], *, speaker: str | None = None) -> Article:
    """An article whose PER mentions are ``{surface: key}`` (lemma = surface); ``speaker`` says the first quote."""
    mentions = []
    for surface, key in people.items():
        start = text.index(surface)
        mentions.append(Mention(start, start + len(surface), surface, "PER", surface, key, surface))
    quotes = ()
    if speaker is not None:
        m = next(m for m in mentions if m.text == speaker)
        content_start = text.index("«") + 1
        content_end = text.index("»")
        quotes = (
            Quote("direct", content_start, content_end, text[content_start:content_end],
                  speaker=Speaker(m.start, m.end, m.text, m.key, m.name)),
        )  # fmt: skip
    digest = hashlib.sha256(f"{lang}\n{text}".encode()).hexdigest()[:16]
    return Article(digest, f"{lang}-{digest}.txt", lang, text, entities=tuple(sorted(mentions, key=lambda m: m.start)),
                   quotes=quotes)  # type: ignore[arg-type]


def keys_by_entity(store: Store) -> dict[str, set[str]]:
    rows = store.conn.execute("SELECT e.key, m.key FROM mentions m JOIN entities e ON e.id = m.entity_id")
    out: dict[str, set[str]] = {}
    for entity_key, mention_key in rows:
        out.setdefault(entity_key, set()).add(mention_key)
    return out


def test_trump_across_scripts_and_a_surname_stored_before_the_full_name():
    with Store(":memory:") as store:
        store.add(article("ru", "«Мы победим», — заявил Трамп.", {"Трамп": "per:tramp"}, speaker="Трамп"))
        store.add(article("en", "Donald Trump spoke in Ohio.", {"Donald Trump": "per:donald trump"}))
        store.add(article("uk", "Дональд Трамп виступив в Огайо.", {"Дональд Трамп": "per:donald tramp"}))
        assert keys_by_entity(store) == {"per:donald trump": {"per:tramp", "per:donald trump", "per:donald tramp"}}
        (trump,) = store.entities()
        assert trump.name == "Donald Trump" and trump.name_uk == "Дональд Трамп"
        # the Russian quote is found by the English name, and by the Russian surname
        assert [r.lang for r in store.quotes(speaker="Donald Trump")] == ["ru"]
        assert [r.lang for r in store.quotes(speaker="Trump")] == ["ru"]
        # a second Trump makes the bare surname ambiguous: it is not merged into either, and the re-check moves
        # the bare surname stored earlier (the Russian quote) out of Donald Trump into an entity of its own
        store.add(article("en", "Ivanka Trump spoke in Ohio.", {"Ivanka Trump": "per:ivanka trump"}))
        assert [r.speaker_entity_key for r in store.quotes(speaker="Трамп")] == ["per:tramp"]
        store.add(article("en", "Trump spoke again.", {"Trump": "per:trump"}))
        store.add(article("uk", "Трамп знову виступив.", {"Трамп": "per:tramp"}))
        linked = keys_by_entity(store)
        assert store.quotes(speaker="Donald Trump") == []
    assert linked["per:ivanka trump"] == {"per:ivanka trump"}
    assert linked["per:tramp"] == {"per:trump", "per:tramp"}  # both bare surnames: one entity of their own
    assert linked["per:donald trump"] == {"per:donald trump", "per:donald tramp"}
    assert len(linked) == 3


def test_surname_joins_the_unique_full_name_and_namesakes_stay_apart():
    with Store(":memory:") as store:
        store.add(article("ru", "Иван Иванов приехал.", {"Иван Иванов": "per:ivan ivanov"}))
        store.add(article("uk", "Іванов виступив.", {"Іванов": "per:ivanov"}))
        assert keys_by_entity(store)["per:ivan ivanov"] == {"per:ivan ivanov", "per:ivanov"}
        store.add(article("ru", "Петр Иванов уехал.", {"Петр Иванов": "per:petr ivanov"}))
        store.add(article("ru", "Иванова не было.", {"Иванова": "per:ivanova"}))  # a woman: another person
        linked = keys_by_entity(store)
    assert linked["per:petr ivanov"] == {"per:petr ivanov"}
    assert linked["per:ivanova"] == {"per:ivanova"}


def test_a_name_typed_in_another_script_finds_an_entity_stored_from_one_language():
    with Store(":memory:") as store:
        store.add(article("en", "«We will win», said Donald Trump.", {"Donald Trump": "per:donald trump"},
                          speaker="Donald Trump"))
        assert [r.lang for r in store.quotes(speaker="Трамп")] == ["en"]
        assert store.entity_ids("Трамп") == store.entity_ids("Donald Trump") != set()
        assert store.entity_ids("Байден") == set()


def test_a_name_typed_exactly_answers_its_entity_not_look_alikes():
    with Store(":memory:") as store:
        store.add(article("en", "«We will win», said Vladimir Putin.", {"Vladimir Putin": "per:vladimir putin"},
                          speaker="Vladimir Putin"))
        store.add(article("ru", "«Мы проиграем», сказал Игорь Патин.", {"Игорь Патин": "per:igor patin"},
                          speaker="Игорь Патин"))
        putin, patin = store.entity_ids("Vladimir Putin"), store.entity_ids("Игорь Патин")
        assert putin and patin and putin != patin
        assert store.entity_ids("Путин") == store.entity_ids("Putin") == putin  # equal words first
        assert store.entity_ids("Patin") == patin
        assert [r.lang for r in store.quotes(speaker="Путина")] == ["en"]


def test_entities_listing_filters_and_errors(stoltenberg_db):
    with Store(stoltenberg_db) as store:
        assert [r.key for r in store.entities(label="org")] == ["org:nato"]
        assert store.entities(label="LOC") == []
        assert len(store.entities(limit=1)) == 1
        with pytest.raises(ConfigError, match="label"):
            store.entities(label="PERSON")
        counts = store.counts()
    assert (counts["entities"], counts["mentions"], counts["schema_version"]) == (2, 6, LATEST)


def test_replacing_an_article_hides_entities_nothing_points_to(tmp_path):
    first = article("en", "Anna Smith met Boris Brown.", {"Anna Smith": "per:ana smit", "Boris Brown": "per:boris brun"})
    second = Article(**{f: getattr(first, f) for f in first.__slots__} | {"entities": first.entities[:1]})
    with Store(tmp_path / "r.db") as store:
        store.add(first)
        assert store.add(second, replace=True) == "stored"
        assert [r.key for r in store.entities()] == ["per:ana smit"]


# --- a version-1 database migrates forward ---------------------------------------------------------------------


def test_version_1_database_migrates_to_canonical_entities(tmp_path):
    path = tmp_path / "old.db"
    con = sqlite3.connect(path, isolation_level=None)
    assert migrate(con, load_migrations()[:1]) == 1  # the schema as newsdesk 1 made it
    text = "«Готовы к диалогу», — заявил Йенс Столтенберг. НАТО ответит."
    con.execute(
        "INSERT INTO articles (id, source, lang, text, json, ingested_at) VALUES ('a1', 'old.txt', 'ru', ?, '{}', 'x')",
        (text,),
    )
    con.executemany(
        'INSERT INTO entities (article_id, idx, start, "end", text, label, lemma, key, name) VALUES (?,?,?,?,?,?,?,?,?)',
        [("a1", 0, 32, 48, "Йенс Столтенберг", "PER", "Йенс Столтенберг", "per:jens stoltenberg", "Йенс Столтенберг"),
         ("a1", 1, 50, 54, "НАТО", "ORG", "НАТО", "org:nato", "НАТО")],
    )  # fmt: skip
    con.execute(
        "INSERT INTO quotes (article_id, idx, kind, start, \"end\", text, opening_mark_missing, closing_mark_missing, "
        "speaker_start, speaker_end, speaker_text, speaker_key, speaker_name) "
        "VALUES ('a1', 0, 'direct', 1, 17, 'Готовы к диалогу', 0, 0, 32, 48, 'Йенс Столтенберг', "
        "'per:jens stoltenberg', 'Йенс Столтенберг')"
    )
    con.close()

    with Store(path) as store:
        assert store.version == LATEST
        rows = store.entities()
        assert [(r.key, r.name_ru, r.n_mentions, r.n_quotes) for r in rows] == [
            ("per:jens stoltenberg", "Йенс Столтенберг", 1, 1), ("org:nato", "НАТО", 1, 0),
        ]  # fmt: skip
        assert [(a.alias, a.lang, a.script) for a in rows[0].aliases] == [("Йенс Столтенберг", "ru", "Cyrl")]
        assert [r.article_id for r in store.quotes(speaker="Stoltenberg")] == ["a1"]
        # a new article in another language links to the migrated entity
        store.add(article("en", "«Ready», said Jens Stoltenberg.", {"Jens Stoltenberg": "per:jens stoltenberg"},
                          speaker="Jens Stoltenberg"))
        person = store.entities(label="PER")[0]
        assert (person.n_quotes, person.name_en) == (2, "Jens Stoltenberg")
        assert store.conn.execute("SELECT count(*) FROM mentions WHERE entity_id IS NULL").fetchone()[0] == 0
    con = sqlite3.connect(path)
    assert [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY 1")] == list(range(1, LATEST + 1))
    con.close()


# --- the entities command ---------------------------------------------------------------------------------------


def test_entities_command(stoltenberg_db):
    runner = CliRunner()
    result = runner.invoke(app, ["entities", "--db", str(stoltenberg_db), "--label", "PER", "--json"])
    assert result.exit_code == 0, result.output
    (line,) = result.output.strip().splitlines()
    data = json.loads(line)
    assert (data["key"], data["n_mentions"], data["n_quotes"]) == ("per:jens stoltenberg", 3, 3)
    assert {a["lang"] for a in data["aliases"]} == {"en", "ru", "uk"}
    table = runner.invoke(app, ["entities", "--db", str(stoltenberg_db)], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "NATO" in table.output and "Єнс Столтенберг" in table.output
    bad = runner.invoke(app, ["entities", "--db", str(stoltenberg_db), "--label", "PERSON"])
    assert bad.exit_code == 2 and "unknown entity label" in bad.output
    quotes = runner.invoke(app, ["quotes", "--db", str(stoltenberg_db), "--speaker", "Столтенберга", "--json"])
    assert quotes.exit_code == 0 and len(quotes.output.strip().splitlines()) == 3


# --- review fixes (issue 4, linking), through the pipeline where the recognizers give the case ------------------


def add_texts(store: Store, pipeline, docs: list[tuple[str, str]]) -> list[Article]:
    articles = [pipeline.process(RawDocument(f"{lang}-{i}.txt", text), lang=lang) for i, (lang, text) in enumerate(docs)]
    for a in articles:
        store.add(a)
    return articles


def test_a_person_is_never_merged_into_a_place_of_another_spelling(pipeline):
    with Store(":memory:") as store:
        add_texts(store, pipeline, [
            ("ru", "Сирийские войска вернулись в Дамаск в понедельник."),
            ("uk", "«Сьогодні немає ні того, ні іншого», — сказав пан Адамс."),
        ])  # fmt: skip
        rows = {r.key: r for r in store.entities()}
        (quote,) = store.quotes()
    assert [a.alias for a in rows["loc:damaskus"].aliases] == ["Дамаск"]
    person = rows[quote.speaker_entity_key]
    assert person.label == "PER" and [a.alias for a in person.aliases] == ["Адамс"]


def test_the_alliance_counts_for_nato_in_its_article_and_is_never_its_alias(pipeline):
    with Store(":memory:") as store:
        add_texts(store, pipeline, [
            ("en", "NATO Secretary General Jens Stoltenberg said the Alliance was ready for talks."),
            ("en", "The Alliance won four seats in the Belfast council election on Friday."),
        ])  # fmt: skip
        rows = {r.key: r for r in store.entities(label="ORG")}
    assert rows["org:nato"].n_mentions == 2 and [a.alias for a in rows["org:nato"].aliases] == ["NATO"]
    assert rows["org:alianse"].n_mentions == 1  # the party of the second article is not NATO


def test_a_given_name_alone_does_not_join_a_full_name_from_another_document(pipeline):
    with Store(":memory:") as store:
        store.add(article("en", "Robert Ray Black-Daley spoke. Robert left.",
                          {"Robert Ray Black-Daley": "per:robert rai blak dalei", "Robert": "per:robert rai blak dalei"}))
        add_texts(store, pipeline, [
            ("en", '"We will build the bridge next year," Robert said at the council meeting in Leeds on Tuesday.'),
            ("en", '"Taxes will not rise," Daley told reporters in Chicago.'),
        ])  # fmt: skip
        linked = keys_by_entity(store)
        aliases = {r.key: [a.alias for a in r.aliases] for r in store.entities(label="PER")}
    assert linked["per:robert rai blak dalei"] == {"per:robert rai blak dalei", "per:dalei"}  # Daley: the surname
    assert linked["per:robert"] == {"per:robert"}  # Robert: a bare given name, its own entity
    # the document that called him Robert keeps that alias; the given name of another document is not added
    assert aliases["per:robert rai blak dalei"] == ["Daley", "Robert", "Robert Ray Black-Daley"]


def test_a_full_name_alone_stores_no_bare_given_name_alias():
    with Store(":memory:") as store:
        store.add(article("en", "Robert Ray Black-Daley spoke.", {"Robert Ray Black-Daley": "per:robert rai blak dalei"}))
        store.add(article("en", "Robert Ray Black-Daley left.", {"Robert Ray Black-Daley": "per:robert rai blak dalei"}))
        (row,) = store.entities()
    assert [a.alias for a in row.aliases] == ["Robert Ray Black-Daley"]


def test_a_title_inside_a_person_span_does_not_make_another_entity():
    with Store(":memory:") as store:
        store.add(article("en", "Donald Trump spoke.", {"Donald Trump": "per:donald trump"}))
        # a PER span with its title, keyed with it (as an article stored by an older pipeline was)
        store.add(article("ru", "Президент Дональд Трамп заявил.", {"Президент Дональд Трамп": "per:prezident donald tramp"}))
        (row,) = store.entities()
    assert row.key == "per:donald trump" and row.name_ru == "Дональд Трамп"
    assert [a.alias for a in row.aliases] == ["Donald Trump", "Дональд Трамп"]


def test_canonical_names_are_nominative(pipeline):
    with Store(":memory:") as store:
        store.add(article("ru", "Журналисты спросили Бретта Кавано.", {"Бретта Кавано": "per:bret kavano"}))
        assert store.entities()[0].name_ru == "Бретта Кавано"  # the only form given so far
        add_texts(store, pipeline, [
            ("ru", "«Это ложь», — сказал Бретт Кавано. Журналисты спросили Бретта Кавано о письме. "
                   "Бретта Кавано обвинили."),
        ])  # fmt: skip
        (row,) = store.entities(label="PER")
    assert (row.name_ru, row.name) == ("Бретт Кавано", "Бретт Кавано")


def test_quotes_json_gives_the_canonical_speaker_entity_key(tmp_path):
    path = tmp_path / "q.db"
    with Store(path) as store:
        store.add(article("en", "Donald Trump spoke in Ohio.", {"Donald Trump": "per:donald trump"}))
        store.add(article("ru", "«Мы победим», — заявил Трамп.", {"Трамп": "per:tramp"}, speaker="Трамп"))
        (row,) = store.quotes()
    assert (row.speaker_key, row.speaker_entity_key) == ("per:tramp", "per:donald trump")
    result = CliRunner().invoke(app, ["quotes", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["speaker_key"], data["speaker_entity_key"]) == ("per:tramp", "per:donald trump")
    fields = list(data)
    assert fields[fields.index("speaker_key") + 1] == "speaker_entity_key"


@pytest.mark.parametrize("english_first", [True, False])
def test_a_name_written_surname_first_meets_its_english_form_in_either_order(english_first):
    """Kai-Fu Lee / Ли Кайфу: linking.same_name calls them one person; the store must find the stored one as a
    candidate whichever came first (linking.search_blocks), and a namesake by given name stays apart."""
    en = article("en", "Kai-Fu Lee spoke in Beijing.", {"Kai-Fu Lee": "per:kai fu le"})
    ru = article("ru", "Ли Кайфу выступил в Пекине.", {"Ли Кайфу": "per:li kaifu"})
    with Store(":memory:") as store:
        for a in ((en, ru) if english_first else (ru, en)):
            store.add(a)
        store.add(article("en", "Kai Chen spoke in Taipei.", {"Kai Chen": "per:kai chen"}))
        linked = keys_by_entity(store)
    assert sorted(map(sorted, linked.values())) == [["per:kai chen"], ["per:kai fu le", "per:li kaifu"]]
