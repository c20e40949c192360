"""Quotations in a headline the reader took off the body (newsdesk.nlp.headlines, through the pipeline)."""

from __future__ import annotations

import pytest

from newsdesk.errors import ExtractError
from newsdesk.model import Article, Mention, Quote, RawDocument
from newsdesk.nlp.headlines import headline_quotes, repeats
from newsdesk.serialize import article_from_dict, article_to_dict, offset_problems

EN_BODY = (
    "NATO Secretary General Jens Stoltenberg spoke to reporters in Brussels on Monday.\n\n"
    "He said the alliance wanted a dialogue with Moscow and would keep its doors open."
)


def _analyse(pipeline, lang: str, title: str, body: str) -> Article:
    article = pipeline.process(RawDocument(source="test", text=body, title=title), lang=lang)
    assert isinstance(article, Article)
    assert offset_problems(article) == []
    return article


def _title_quotes(article: Article) -> list[Quote]:
    return [q for q in article.quotes if q.field == "title"]


def test_a_speaker_colon_headline_is_a_quotation_by_the_person_the_body_names_in_full(pipeline) -> None:
    title = "Stoltenberg: \u201cWe are ready to talk to Russia about arms control\u201d"
    article = _analyse(pipeline, "en", title, EN_BODY)
    (quote,) = _title_quotes(article)
    assert (quote.kind, quote.text) == ("direct", "We are ready to talk to Russia about arms control")
    assert title[quote.start : quote.end] == quote.text
    assert quote.speaker is not None and title[quote.speaker.start : quote.speaker.end] == "Stoltenberg"
    assert (quote.speaker.key, quote.speaker.name) == ("per:jens stoltenberg", "Jens Stoltenberg")
    # the body's quotations come first and keep pointing into the body
    body_quotes = [q for q in article.quotes if q.field == "text"]
    assert body_quotes and article.quotes[: len(body_quotes)] == tuple(body_quotes)
    (statement,) = [s for s in article.statements if s.field == "title"]
    assert article.quotes[statement.quote_index] is quote or article.quotes[statement.quote_index] == quote
    assert statement.actor_key == "per:jens stoltenberg" and title[statement.start : statement.end] == statement.text


def test_a_russian_colon_headline_resolves_the_surname_the_recognizer_missed(pipeline) -> None:
    body = (
        "Президент Украины Владимир Зеленский выступил в Киеве в понедельник.\n\n"
        "Он сказал, что переговоры возможны только после отвода войск."
    )
    article = _analyse(pipeline, "ru", "Зеленский: «Украина не отдаст ни метра своей земли»", body)
    (quote,) = _title_quotes(article)
    assert quote.text == "Украина не отдаст ни метра своей земли"
    assert quote.speaker is not None and quote.speaker.text == "Зеленский"
    assert quote.speaker.key == "per:vladimir zelenski"


def test_a_ukrainian_headline_appeal_records_its_statement_on_the_title(pipeline) -> None:
    title = "Столтенберг закликав Росію вивести війська з Грузії"
    body = "Генеральний секретар НАТО Єнс Столтенберг виступив у Брюсселі на спільній пресконференції."
    article = _analyse(pipeline, "uk", title, body)
    (quote,) = _title_quotes(article)
    assert quote.kind == "indirect" and quote.text == "вивести війська з Грузії"
    assert quote.speaker is not None and quote.speaker.key == "per:jens stoltenberg"
    (statement,) = [s for s in article.statements if s.field == "title"]
    assert statement.type == "APPEAL" and statement.target_name == "Росія"
    assert article.quotes[statement.quote_index].field == "title"


def test_a_headline_repeating_the_lead_counts_once(pipeline) -> None:
    body = (
        "Генеральний секретар НАТО Єнс Столтенберг закликав Росію вивести війська з Грузії.\n\n"
        "Він виступив у Брюсселі."
    )
    article = _analyse(pipeline, "uk", "Столтенберг закликав Росію вивести війська з Грузії", body)
    assert _title_quotes(article) == []
    assert any(q.text == "вивести війська з Грузії" for q in article.quotes)


def test_headline_in_the_body_and_plain_headlines_give_no_title_quotes(pipeline) -> None:
    title = "Stoltenberg: \u201cWe are ready to talk\u201d"
    capture = _analyse(pipeline, "en", title, f"{title}\n\n{EN_BODY}")  # a page capture: the headline is the first line
    assert _title_quotes(capture) == [] and any(q.text == "We are ready to talk" for q in capture.quotes)
    plain = _analyse(pipeline, "en", "NATO ministers meet in Brussels", EN_BODY)
    assert _title_quotes(plain) == []


def test_the_recognizer_runs_only_on_headlines_with_a_mark_or_a_cue(pipeline) -> None:
    seen: list[str] = []

    def recognize(text: str):
        seen.append(text)
        return pipeline.recognizer("en")(text)

    from newsdesk.nlp.reported import lend_speakers, load_reported_finder
    from newsdesk.nlp.sentences import split_sentences

    tools = dict(
        split=lambda t: split_sentences(t, "en"), recognize=recognize, find_direct=pipeline.quote_finder("en"),
        find_reported=load_reported_finder("en"), lend=lend_speakers, lang="en",
        has_cue=load_reported_finder("en").names_a_cue,
    )
    assert headline_quotes("Floods close roads across the north of England", **tools) == ([], [])
    quotes, entities = headline_quotes("Budget will be cut by five percent, finance minister says", **tools)
    assert seen == ["Budget will be cut by five percent, finance minister says"]
    assert [q.text for q in quotes] == ["Budget will be cut by five percent"] and quotes[0].field == "title"


def test_repeats_is_word_containment_of_the_headline_quotation() -> None:
    short = Quote("direct", 0, 6, "no way")
    assert repeats(short, Quote("direct", 0, 40, "There is no way we disarm alone, he said"))
    assert not repeats(short, Quote("direct", 0, 20, "We will never disarm"))


def test_title_quotes_round_trip_through_json(pipeline) -> None:
    article = _analyse(pipeline, "en", "Stoltenberg: \u201cWe are ready to talk to Russia\u201d", EN_BODY)
    data = article_to_dict(article)
    assert [q["field"] for q in data["quotes"]][-1] == "title"
    assert article_from_dict(data) == article
    # data written before quotes had a field: body quotes only, no "field" key
    body = [{k: v for k, v in q.items() if k != "field"} for q in data["quotes"] if q["field"] == "text"]
    legacy = {**data, "quotes": body, "statements": [s for s in data["statements"] if s["field"] == "text"]}
    assert {q.field for q in article_from_dict(legacy).quotes} == {"text"}
    data["quotes"][-1]["start"] += 1  # a title quote's offsets are checked against the title
    with pytest.raises(ExtractError, match=r"quotes\[\d+\]: title\["):
        article_from_dict(data)


def test_a_surname_two_people_share_stays_unlinked() -> None:
    from newsdesk.model import Speaker
    from newsdesk.nlp.headlines import resolve_in_body
    from newsdesk.nlp.linking import link_mentions

    body = "Ivan Ivanov and Petr Ivanov met in Moscow."
    people = link_mentions([
        Mention(0, 11, "Ivan Ivanov", "PER", "Ivan Ivanov", ""), Mention(16, 27, "Petr Ivanov", "PER", "Petr Ivanov", ""),
    ])
    assert body[16:27] == "Petr Ivanov"
    assert resolve_in_body(Speaker(0, 6, "Ivanov"), people, "en").key is None  # not either brother
    alone = [people[1]]
    assert resolve_in_body(Speaker(0, 6, "Ivanov"), alone, "en").key == "per:petr ivanov"


def test_short_colon_headlines_and_name_led_reported_headlines(pipeline) -> None:
    ru_body = "Президент Украины Владимир Зеленский выступил в Киеве в понедельник."
    (short,) = _title_quotes(_analyse(pipeline, "ru", "Зеленский: «Мы выстоим»", ru_body))
    assert short.text == "Мы выстоим" and short.speaker is not None and short.speaker.key == "per:vladimir zelenski"
    en_body = "US President Joe Biden spoke in Warsaw on Saturday."
    (said,) = _title_quotes(_analyse(pipeline, "en", "Biden says US will not send troops to Ukraine", en_body))
    assert said.kind == "indirect" and said.text == "US will not send troops to Ukraine"
    assert said.speaker is not None and said.speaker.key == "per:joe biden"


def test_a_topic_before_the_colon_is_no_speaker(pipeline) -> None:
    body = "Britain left the European Union in 2020. Prime Minister Boris Johnson spoke in London."
    (quote,) = _title_quotes(_analyse(pipeline, "en", "Brexit: \u201cThe worst deal ever\u201d", body))
    assert quote.text == "The worst deal ever" and quote.speaker is None
    assert _title_quotes(_analyse(pipeline, "en", "Brexit: what happens next", body)) == []
    assert _title_quotes(_analyse(pipeline, "ru", "«Газпром» повысил цены", "Компания объявила о повышении цен.")) == []
