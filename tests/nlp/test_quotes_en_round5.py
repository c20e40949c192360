"""English quotation boundaries, round 5 (issue 3): quotations run on over sentence ends to their closing
mark, naming quotations take the rest of their clause, and an excerpt paragraph opened by a straight mark is
not joined to a typed quotation in the next paragraph. Invented sentences only."""

from __future__ import annotations

import pytest

from newsdesk.nlp.quotes import load_quote_finder
from newsdesk.nlp.reported import load_reported_finder
from newsdesk.nlp.sentences import split_sentences


@pytest.fixture(scope="module")
def finders():
    return load_quote_finder("en"), load_reported_finder("en")


def _find(finders, text: str):
    quote_finder, reported_finder = finders
    sentences = split_sentences(text, "en")
    direct = quote_finder(text, sentences, [])
    reported = reported_finder(text, sentences, [], direct)
    return direct, reported


def _texts(quotes):
    return [q.text for q in quotes]


def test_clause_opening_a_mark_runs_on_to_the_closing_mark(finders):
    text = "The senator argues that “the plan is dead. Nobody says it works. It will fail.” Then she left the hall."
    _direct, reported = _find(finders, text)
    assert _texts(reported) == ["that “the plan is dead. Nobody says it works. It will fail.”"]
    assert reported[0].kind == "mixed"


def test_straight_marks_run_on_and_stop_at_the_closing_mark(finders):
    text = 'The coach told reporters that "we will win this. They cannot stop us." The game starts at noon.'
    _direct, reported = _find(finders, text)
    q = next(q for q in reported if q.text.startswith("that"))
    assert q.end == text.index("us.\"") + len('us."')
    assert "noon" not in q.text


def test_no_run_on_past_the_paragraph(finders):
    text = "The senator argues that “the plan is dead. Nobody wants it.\n\nThe vote is on Monday."
    _direct, reported = _find(finders, text)
    assert reported and all("\n" not in q.text for q in reported)
    assert reported[0].text == "that “the plan is dead"


def test_balanced_clause_is_not_extended(finders):
    text = "The mayor said the budget was “fully balanced” last year. Critics disagree with the numbers."
    _direct, reported = _find(finders, text)
    assert reported and all("Critics" not in q.text for q in reported)


def test_naming_quotation_takes_the_rest_of_its_clause(finders):
    text = "A magazine hailed the mayor as “the comeback kid” for reviving the port after years of decline."
    _direct, reported = _find(finders, text)
    assert _texts(reported) == ["the mayor as “the comeback kid” for reviving the port after years of decline"]


def test_naming_quotation_stops_before_a_second_verb(finders):
    text = "The governor later called her “third-rate” and boycotted one of the hearings."
    _direct, reported = _find(finders, text)
    assert _texts(reported) == ["her “third-rate”"]


def test_naming_quotation_stops_at_a_dash_and_a_comma_in_the_mark(finders):
    text = "The writer called the senator “the next Lincoln” – a man he admires without limit."
    _direct, reported = _find(finders, text)
    assert _texts(reported) == ["the senator “the next Lincoln”"]
    text2 = "Holding signs calling the mayor “the worst ever,” the protesters chanted for an hour."
    _direct, reported2 = _find(finders, text2)
    assert all("protesters" not in q.text for q in reported2)


def test_excerpt_paragraph_is_not_joined_to_a_typed_quotation(finders):
    text = (
        "The report describes the evening:\n\n"
        "\"Kevin walked into the room, shouting “Go team! Go team!”\n\n"
        "“That is right, Kevin, go team,” Mary said to her husband, who sat down.\n\n"
        "The report ends there."
    )
    direct, _reported = _find(finders, text)
    assert "That is right, Kevin, go team," in _texts(direct)
    assert all("\n" not in q.text for q in direct)


def test_excerpt_closed_by_a_straight_mark_later_stays_one_quotation(finders):
    text = (
        "The newspaper wrote:\n\n"
        "\"The meeting was closed, and the members left without a word to anyone waiting outside.\n\n"
        "“We are not done with this, not by a long way,” the chairman said.\"\n\n"
        "Nobody else spoke."
    )
    direct, _reported = _find(finders, text)
    assert any(q.text.startswith("The meeting was closed") and "We are not done" in q.text for q in direct)
