"""The JSON contract (newsdesk.article/1): exact round trip, key order, refusal of bad data."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.errors import ExtractError
from newsdesk.model import CAMEO_CODES, Article, Cue, Mention, PublicationDate, Quote, Span, Speaker, Statement
from newsdesk.serialize import SCHEMA, article_from_dict, article_to_dict, offset_problems

UK_TEXT = "Генсек НАТО Єнс Столтенберг заявив: «Ми готові до діалогу». Він прибув до Брюсселя."


def _span(text: str, needle: str, cls=Span, **extra):
    start = text.index(needle)
    return cls(start=start, end=start + len(needle), text=needle, **extra)


def uk_article() -> Article:
    text = UK_TEXT
    content = _span(text, "Ми готові до діалогу")
    return Article(
        id="0123456789abcdef",
        source="news/uk.txt",
        lang="uk",
        text=text,
        title="Столтенберг про діалог",
        section="politics",
        url="https://example.org/uk/1",
        site="example.org",
        languages_offered=("ru", "uk", "en"),
        published=PublicationDate(
            month=1, day=22, weekday="Wednesday", candidate_years=(2020, 2025), text="Wednesday, 22 January",
            origin="text",
        ),
        sentences=(_span(text, text[: text.index(" Він")]), _span(text, "Він прибув до Брюсселя.")),
        entities=(
            _span(text, "НАТО", Mention, label="ORG", lemma="НАТО", key="org:nato", name="НАТО"),
            _span(text, "Єнс Столтенберг", Mention, label="PER", lemma="Єнс Столтенберг", key="per:jens stoltenberg",
                  name="Єнс Столтенберг"),
            _span(text, "Брюсселя", Mention, label="LOC", lemma="Брюссель", key="loc:brussel", name="Брюссель"),
        ),
        quotes=(
            Quote(
                kind="direct",
                start=content.start,
                end=content.end,
                text=content.text,
                speaker=_span(text, "Єнс Столтенберг", Speaker, key="per:jens stoltenberg", name="Єнс Столтенберг"),
                cue=_span(text, "заявив", Cue, lemma="заявити"),
            ),
        ),
    )


def test_round_trip_through_json_is_exact():
    article = uk_article()
    data = json.loads(json.dumps(article_to_dict(article), ensure_ascii=False))
    assert article_from_dict(data) == article


def test_key_order_follows_the_contract():
    data = article_to_dict(uk_article())
    assert list(data) == [
        "schema", "id", "source", "lang", "languages_offered", "title", "section", "url", "site",
        "published", "fetched", "text", "sentences", "entities", "quotes", "statements", "warnings",
    ]  # fmt: skip
    assert data["schema"] == SCHEMA == "newsdesk.article/1"
    assert list(data["published"]) == [
        "date", "year", "month", "day", "weekday", "weekday_conflict", "candidate_years", "text", "time",
        "utc_offset", "origin", "precision",
    ]  # fmt: skip
    assert list(data["entities"][0]) == ["start", "end", "text", "label", "lemma", "key", "name"]
    quote = data["quotes"][0]
    assert list(quote) == [
        "kind", "start", "end", "text", "opening_mark_missing", "closing_mark_missing", "speaker", "cue", "parts",
        "addressee", "field",
    ]  # fmt: skip
    assert quote["parts"] == [[quote["start"], quote["end"]]]  # one piece: the whole span
    assert list(quote["speaker"]) == ["start", "end", "text", "key", "name"]
    assert list(quote["cue"]) == ["start", "end", "text", "lemma"]
    assert quote["addressee"] is None and data["statements"] == []
    assert data["sentences"][1] == {"start": UK_TEXT.index("Він"), "end": len(UK_TEXT)}
    assert data["languages_offered"] == ["ru", "uk", "en"] and data["published"]["candidate_years"] == [2020, 2025]


def test_precision_is_written_and_ignored_on_reading():
    article = uk_article()
    data = article_to_dict(article)
    assert data["published"]["precision"] == "day" and data["published"]["year"] is None  # year never invented
    full = Article(id="x", source="s", lang="en", text="t", published=PublicationDate(date="2022-01-19", year=2022,
                                                                                     month=1, day=19))
    assert article_to_dict(full)["published"]["precision"] == "day"
    data["published"]["precision"] = "day"  # a wrong derived value does not leak into the model
    assert article_from_dict(data).published == article.published


def test_reader_accepts_ua_alias_and_ignores_unknown_keys():
    data = article_to_dict(uk_article())
    data["lang"] = "ua"
    data["quotes"][0]["addressee"] = None
    data["quotes"][0]["tone"] = "calm"
    data["later_key"] = [1]
    assert article_from_dict(data) == uk_article()


def test_fetched_capture_time_round_trips_and_defaults_to_null():
    article = Article(id="w", source="cc.warc.gz@1042", lang="en", text="Taxes will not rise.",
                      fetched="2023-03-14T10:00:00Z")
    data = json.loads(json.dumps(article_to_dict(article)))
    assert data["fetched"] == "2023-03-14T10:00:00Z" and data["published"] is None
    assert article_from_dict(data) == article
    data.pop("fetched")  # written before the key existed: read as unknown
    assert article_from_dict(data).fetched is None
    assert article_to_dict(uk_article())["fetched"] is None


def test_missing_optional_keys_take_model_defaults():
    data = {"schema": SCHEMA, "id": "a", "source": "s", "lang": "ru", "text": "Текст."}
    assert article_from_dict(data) == Article(id="a", source="s", lang="ru", text="Текст.")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(schema="newsdesk.article/2"), "not a newsdesk.article/1"),
        (lambda d: d.pop("schema"), "not a newsdesk.article/1"),
        (lambda d: d.pop("text"), "'text' is missing"),
        (lambda d: d.update(lang="de"), "article.lang"),
        (lambda d: d["quotes"][0].update(kind="paraphrase"), "article.quotes[0].kind"),
        (lambda d: d["entities"][1].update(label="PERSON"), "article.entities[1].label"),
        (lambda d: d["entities"][0].update(start="4"), "article.entities[0].start"),
        (lambda d: d["quotes"][0].update(opening_mark_missing=0), "opening_mark_missing"),
        (lambda d: d["quotes"][0]["cue"].update(end=10_000), "quotes[0].cue: offsets"),
        (lambda d: d["quotes"][0]["speaker"].update(start=0), "quotes[0].speaker: text[0:"),
        (lambda d: d["sentences"][0].update(end=10_000), "sentences[0]: offsets"),
        (lambda d: d["quotes"][0].update(parts=[[0, 3], [5, 9]]), "quotes[0].parts[0]"),
        (lambda d: d["quotes"][0].update(parts=[[d["quotes"][0]["start"], d["quotes"][0]["start"] + 3, 7]]),
         r"quotes[0].parts[0]: expected a list of 2 items"),
        (lambda d: d["quotes"][0].update(parts="all"), "quotes[0].parts: expected a list"),
    ],
)
def test_bad_data_is_refused_with_its_place(change, message):
    data = article_to_dict(uk_article())
    change(data)
    with pytest.raises(ExtractError, match=message.replace("[", r"\[")):
        article_from_dict(data)


def test_quote_in_several_parts_round_trips_and_single_piece_reads_as_no_parts():
    """Issue 3: an interrupted quotation carries "parts" beside its enclosing start/end."""
    text = "“The media is against me,” he said. “They are against you.”"
    a, b = text.index("The media"), text.index("They")
    quote = Quote(kind="direct", start=a, end=text.index("you.") + 4, text=text[a : text.index("you.") + 4],
                  speaker=Speaker(text.index("he"), text.index("he") + 2, "he"),
                  cue=Cue(text.index("said"), text.index("said") + 4, "said", "say"),
                  parts=((a, a + len("The media is against me")), (b, b + len("They are against you."))))
    article = Article(id="c", source="s", lang="en", text=text, quotes=(quote,))
    assert offset_problems(article) == []
    data = json.loads(json.dumps(article_to_dict(article)))
    assert data["quotes"][0]["parts"] == [[s, e] for s, e in quote.parts]
    assert article_from_dict(data) == article
    # a reader without "parts" (an older writer) and one given the whole span read the same single-piece quote
    single = data["quotes"][0] | {"parts": [[quote.start, quote.end]]}
    assert article_from_dict(data | {"quotes": [single]}).quotes[0].parts == ()
    del single["parts"]
    assert article_from_dict(data | {"quotes": [single]}).quotes[0].parts == ()


def test_reader_refuses_non_objects():
    with pytest.raises(ExtractError, match="JSON object"):
        article_from_dict([1, 2])


def test_offset_problems_lists_each_bad_span():
    good = uk_article()
    assert offset_problems(good) == []
    bad_cue = Cue(start=0, end=6, text="заявив", lemma="заявити")  # offsets point at "Генсек"
    bad = Article(id="b", source="s", lang="uk", text=UK_TEXT, sentences=(Span(0, 999, "x"),),
                  quotes=(Quote(kind="indirect", start=0, end=6, text="Генсек", cue=bad_cue),))
    problems = offset_problems(bad)
    assert len(problems) == 2
    assert problems[0].startswith("sentences[0]") and problems[1].startswith("quotes[0].cue")


# --- property: any consistent article survives JSON exactly -------------------------

_ALPHABET = st.sampled_from(list("abc XYZ ёЁїЇєґ'’«»“”\"\n.,—Ωé😀\u0301"))


@st.composite
def articles(draw) -> Article:
    text = draw(st.text(_ALPHABET, max_size=60))
    n = len(text)

    def span_bounds():
        a = draw(st.integers(0, n))
        b = draw(st.integers(0, n))
        return min(a, b), max(a, b)

    def maybe_text():
        return draw(st.none() | st.text(_ALPHABET, max_size=8))

    sentences = []
    for _ in range(draw(st.integers(0, 3))):
        s, e = span_bounds()
        sentences.append(Span(s, e, text[s:e]))
    entities = []
    for _ in range(draw(st.integers(0, 3))):
        s, e = span_bounds()
        entities.append(
            Mention(s, e, text[s:e], draw(st.sampled_from(["PER", "ORG", "LOC", "MISC"])),
                    draw(st.text(_ALPHABET, max_size=8)), draw(st.text(_ALPHABET, max_size=8)),
                    draw(st.text(_ALPHABET, max_size=8)))
        )
    quotes = []
    for _ in range(draw(st.integers(0, 3))):
        s, e = span_bounds()
        speaker = cue = None
        if draw(st.booleans()):
            a, b = span_bounds()
            speaker = Speaker(a, b, text[a:b], maybe_text(), maybe_text())
        if draw(st.booleans()):
            a, b = span_bounds()
            cue = Cue(a, b, text[a:b], draw(st.text(_ALPHABET, max_size=8)))
        parts: tuple[tuple[int, int], ...] = ()
        if e - s >= 3 and draw(st.booleans()):  # two pieces with a gap between them
            cut = draw(st.integers(s + 1, e - 2))
            parts = ((s, cut), (cut + 1, e))
        addressee = None
        if draw(st.booleans()):
            a, b = span_bounds()
            addressee = Speaker(a, b, text[a:b], maybe_text(), maybe_text())
        quotes.append(
            Quote(draw(st.sampled_from(["direct", "indirect", "mixed"])), s, e, text[s:e], draw(st.booleans()),
                  draw(st.booleans()), speaker, cue, parts, addressee)
        )
    statements = []
    for _ in range(draw(st.integers(0, 3))):
        s, e = span_bounds()
        kind = draw(st.sampled_from(sorted(CAMEO_CODES)))
        index = draw(st.none() | st.integers(0, len(quotes) - 1)) if quotes else None
        statements.append(Statement(kind, CAMEO_CODES[kind], maybe_text(), maybe_text(), maybe_text(), maybe_text(),
                                    index, s, e, text[s:e]))
    published = draw(
        st.none()
        | st.builds(
            PublicationDate,
            date=st.none() | st.just("2022-01-19"),
            year=st.none() | st.integers(1990, 2030),
            month=st.none() | st.integers(1, 12),
            day=st.none() | st.integers(1, 31),
            weekday=st.none() | st.sampled_from(["Monday", "Wednesday"]),
            weekday_conflict=st.booleans(),
            candidate_years=st.lists(st.integers(1990, 2030), max_size=3).map(tuple),
            text=st.none() | st.text(_ALPHABET, max_size=12),
            time=st.none() | st.just("10:15"),
            utc_offset=st.none() | st.just("+02:00"),
            origin=st.sampled_from([None, "metadata", "text"]),
        )
    )
    return Article(
        id=draw(st.text("0123456789abcdef", min_size=16, max_size=16)),
        source=draw(st.text(_ALPHABET, max_size=10)),
        lang=draw(st.sampled_from(["en", "ru", "uk"])),
        text=text,
        title=maybe_text(),
        section=maybe_text(),
        url=maybe_text(),
        site=maybe_text(),
        languages_offered=tuple(draw(st.lists(st.sampled_from(["en", "ru", "uk"]), max_size=3))),
        published=published,
        sentences=tuple(sentences),
        entities=tuple(entities),
        quotes=tuple(quotes),
        statements=tuple(statements),
    )


@settings(max_examples=150, deadline=None)
@given(articles())
def test_property_round_trip_through_json(article):
    for ensure_ascii in (False, True):
        encoded = json.dumps(article_to_dict(article), ensure_ascii=ensure_ascii)
        assert article_from_dict(json.loads(encoded)) == article


# --- addressees and statements (issue 3) ----------------------------------------------------------------------------

APPEAL_TEXT = "Генсек НАТО Єнс Столтенберг закликав Росію вивести війська з Грузії та Молдови."


def appeal_article() -> Article:
    text = APPEAL_TEXT
    content = _span(text, "вивести війська з Грузії та Молдови")
    quote = Quote(
        kind="indirect", start=content.start, end=content.end, text=content.text,
        speaker=_span(text, "Генсек НАТО Єнс Столтенберг", Speaker, key="per:jens stoltenberg",
                      name="Єнс Столтенберг"),
        cue=_span(text, "закликав", Cue, lemma="закликати"),
        addressee=_span(text, "Росію", Speaker, key="loc:russia", name="Росія"),
    )
    evidence = _span(text, "закликав Росію вивести війська з Грузії та Молдови")
    statements = (
        Statement(type="APPEAL", cameo="02", actor_key="per:jens stoltenberg", actor_name="Єнс Столтенберг",
                  target_key="loc:russia", target_name="Росія", quote_index=0, start=evidence.start,
                  end=evidence.end, text=evidence.text),
        Statement(type="STATEMENT", cameo="01", actor_key=None, actor_name=None, target_key=None, target_name=None,
                  quote_index=None, start=0, end=6, text="Генсек"),
    )
    return Article(id="fedcba9876543210", source="news/appeal.txt", lang="uk", text=text, quotes=(quote,),
                   statements=statements)


def test_addressee_and_statements_round_trip_exactly():
    article = appeal_article()
    assert offset_problems(article) == []
    data = json.loads(json.dumps(article_to_dict(article), ensure_ascii=False))
    at = APPEAL_TEXT.index("Росію")
    assert data["quotes"][0]["addressee"] == {"start": at, "end": at + 5, "text": "Росію", "key": "loc:russia",
                                              "name": "Росія"}
    first, second = data["statements"]
    assert list(first) == ["type", "cameo", "actor", "target", "quote_index", "start", "end", "text", "field"]
    assert first["actor"] == {"key": "per:jens stoltenberg", "name": "Єнс Столтенберг"}
    assert first["target"] == {"key": "loc:russia", "name": "Росія"}
    assert (first["type"], first["cameo"], first["quote_index"]) == ("APPEAL", "02", 0)
    assert second["actor"] is None and second["target"] is None and second["quote_index"] is None
    assert article_from_dict(data) == article


def test_party_with_only_a_name_round_trips():
    article = appeal_article()
    s = article.statements[0]
    partial = Statement(s.type, s.cameo, None, "Генсек НАТО", "loc:russia", None, 0, s.start, s.end, s.text)
    article = Article(id=article.id, source=article.source, lang="uk", text=article.text, quotes=article.quotes,
                      statements=(partial,))
    data = article_to_dict(article)
    assert data["statements"][0]["actor"] == {"key": None, "name": "Генсек НАТО"}
    assert data["statements"][0]["target"] == {"key": "loc:russia", "name": None}
    assert article_from_dict(json.loads(json.dumps(data))) == article


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["statements"][0].update(type="PRAISE"), "article.statements[0].type"),
        (lambda d: d["statements"][0].update(cameo="10"), "statements[0].cameo: '10' is not the CAMEO code of APPEAL"),
        (lambda d: d["statements"][0].update(quote_index=3), "statements[0].quote_index: 3 is not an index"),
        (lambda d: d["statements"][0].update(end=10_000), "statements[0]: offsets"),
        (lambda d: d["statements"][0].update(text="інше"), "statements[0]: text["),
        (lambda d: d["statements"][0].update(actor="Столтенберг"), "article.statements[0].actor: expected a JSON"),
        (lambda d: d["statements"][0].pop("start"), "'start' is missing"),
        (lambda d: d["quotes"][0]["addressee"].update(start=0), "quotes[0].addressee: text[0:"),
    ],
)
def test_bad_statements_are_refused_with_their_place(change, message):
    data = article_to_dict(appeal_article())
    change(data)
    with pytest.raises(ExtractError, match=message.replace("[", r"\[")):
        article_from_dict(data)


def test_cameo_codes_are_two_digit_top_level_codes():
    assert CAMEO_CODES["APPEAL"] == CAMEO_CODES["PROPOSE"] == "02"
    assert all(len(code) == 2 and code.isdigit() for code in CAMEO_CODES.values())


# --- quotes rows carry parts, addressee and statement (schema migration 3) ----------------------------------------


def test_stored_quote_rows_carry_addressee_and_statement(tmp_path):
    from newsdesk.store import Store

    with Store(tmp_path / "q.db") as store:
        store.add(appeal_article())
        (row,) = store.quotes()
    assert (row.addressee_text, row.addressee_key, row.addressee_name) == ("Росію", "loc:russia", "Росія")
    assert (row.statement_type, row.statement_cameo, row.target_key) == ("APPEAL", "02", "loc:russia")
    assert row.parts == ()


def test_version_2_database_gets_quote_columns_filled_from_the_stored_json(tmp_path):
    import sqlite3

    from newsdesk.store import Store
    from newsdesk.store.sqlite import load_migrations, migrate

    article = appeal_article()
    path = tmp_path / "v2.db"
    con = sqlite3.connect(path, isolation_level=None)
    migrate(con, load_migrations()[:2], where=str(path))
    con.execute(
        "INSERT INTO articles (id, source, lang, text, json, ingested_at) VALUES (?, ?, ?, ?, ?, ?)",
        (article.id, article.source, article.lang, article.text, json.dumps(article_to_dict(article)),
         "2026-11-30T00:00:00Z"),
    )
    q = article.quotes[0]
    con.execute(
        'INSERT INTO quotes (article_id, idx, kind, start, "end", text, opening_mark_missing, closing_mark_missing) '
        "VALUES (?, 0, ?, ?, ?, ?, 0, 0)", (article.id, q.kind, q.start, q.end, q.text),
    )
    con.close()
    with Store(path) as store:
        assert store.version == len(load_migrations())
        (row,) = store.quotes()
    assert (row.addressee_key, row.statement_type, row.statement_cameo, row.target_name) == (
        "loc:russia", "APPEAL", "02", "Росія")
