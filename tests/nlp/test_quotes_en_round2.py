"""English quotation rules of the second round on issue 3 (PolNeAR train first, checked on dev; NTREX-128's
English side where it disagreed with both its Russian and Ukrainian versions).

Each test pins one error class: a time phrase between a cue and its opening mark, an apostrophe inside a
name cutting the attribution, a speaker phrase holding a preposition (``a source close to X``), a lower-case
whole sentence quoted right after its cue, a quoted fragment's clause running on past ``but``/``as``, and a
sentence-initial phrase taken for reported content. All sentences are invented.
"""

from __future__ import annotations

import pytest

from conftest import hand_mentions
from newsdesk.model import Quote, Span
from newsdesk.nlp.fragments import load_fragment_finder
from newsdesk.nlp.quotes import QuoteFinder
from newsdesk.nlp.reported import load_reported_finder
from newsdesk.nlp.sentences import split_sentences


@pytest.fixture(scope="module")
def finder() -> QuoteFinder:
    return QuoteFinder("en")


@pytest.fixture(scope="module")
def fragments():
    return load_fragment_finder("en")


def direct(finder: QuoteFinder, text: str, names: dict | None = None) -> list[Quote]:
    return finder(text, split_sentences(text, "en"), hand_mentions(text, names or {}))


# -- a time phrase or manner adverb between the cue and the mark --------------------------------------------

@pytest.mark.parametrize("gap", ["last night", "on Friday", "yesterday", "simply"])
def test_time_phrase_between_cue_and_mark_keeps_the_attribution(finder, gap):
    text = f'The harbour master Ewan Gale said {gap} "We will reopen the pier when the storm passes."'
    (q,) = direct(finder, text, {"Ewan Gale": ("PER", "per:ewan gale")})
    assert (q.kind, q.text) == ("direct", "We will reopen the pier when the storm passes.")
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and q.speaker.text == "Ewan Gale"


def test_other_words_between_cue_and_mark_do_not_attribute(finder):
    text = 'The harbour master Ewan Gale said the pier "will reopen when the storm passes."'
    qs = direct(finder, text, {"Ewan Gale": ("PER", "per:ewan gale")})
    assert all(q.cue is None or q.cue.text != "said" or q.kind == "mixed" for q in qs)


# -- an apostrophe inside a name is no quotation mark ----------------------------------------------------------

@pytest.mark.parametrize("name", ["Niamh O'Rourke", "Niamh O’Rourke", "Niamh D'Arcy"])
def test_apostrophe_inside_a_name_keeps_the_speaker(finder, name):
    text = f"Chief Inspector {name} said: 'The inquiry is at an early stage and we ask witnesses to come forward.'"
    (q,) = direct(finder, text, {name: ("PER", "per:niamh")})
    assert q.text.startswith("The inquiry is at an early stage")
    assert q.speaker is not None and q.speaker.text == name


# -- a speaker phrase holding a preposition ---------------------------------------------------------------------

def test_source_close_to_a_person_is_the_speaker_not_the_person(finder):
    text = 'A source close to Marlow said: "He has no plans to sell the club."'
    (q,) = direct(finder, text, {"Marlow": ("PER", "per:marlow")})
    assert q.kind == "direct" and q.speaker is not None
    assert q.speaker.text.endswith("source close to Marlow")
    assert q.speaker.key != "per:marlow"


def test_spokesman_for_a_person_after_the_quotation_is_found(finder):
    text = '"We do not comment on private contracts," a spokesman for Marlow said.'
    (q,) = direct(finder, text, {"Marlow": ("PER", "per:marlow")})
    assert q.text == "We do not comment on private contracts,"
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and "spokesman" in q.speaker.text and q.speaker.key != "per:marlow"


def test_a_person_subject_of_a_gerund_after_a_preposition_stays_the_speaker(finder):
    text = 'The film ends with footage of Marlow saying, "That is how we won."'
    (q,) = direct(finder, text, {"Marlow": ("PER", "per:marlow")})
    assert q.speaker is not None and q.speaker.text == "Marlow"


# -- a whole lower-case sentence quoted right after its cue is direct speech ----------------------------------

def test_lower_case_sentence_after_the_cue_is_direct(finder):
    text = 'In a post on Sunday, Hale wrote "of course we need a full audit before any vote."'
    (q,) = direct(finder, text, {"Hale": ("PER", "per:hale")})
    assert (q.kind, q.text) == ("direct", "of course we need a full audit before any vote.")


def test_lower_case_fragment_without_a_sentence_end_stays_mixed(finder):
    text = 'Hale wrote "a full audit" was needed before any vote.'
    qs = direct(finder, text, {"Hale": ("PER", "per:hale")})
    assert all(q.kind != "direct" for q in qs)


def test_sentence_initial_phrase_before_a_quoting_cue_is_no_reported_content(finder):
    text = 'In a post on Sunday, Hale wrote "of course we need a full audit before any vote."'
    names = {"Hale": ("PER", "per:hale")}
    found = direct(finder, text, names)
    reported = load_reported_finder("en")(text, split_sentences(text, "en"), hand_mentions(text, names), found)
    assert not any(q.text.startswith("In a post") for q in reported)


# -- a quoted fragment's clause stops at a conjunction that opens another clause ------------------------------

def test_fragment_clause_stops_before_but(fragments):
    text = "Keller says she admires Varga’s “energy and drive” but argues that he cannot fund his plans."
    names = {"Keller": ("PER", "per:keller"), "Varga": ("PER", "per:varga")}
    found = fragments(text, [Span(0, len(text), text)], hand_mentions(text, names), [])
    (q,) = [q for q in found if "energy" in q.text]
    assert q.text.endswith("“energy and drive”")
    assert "argues" not in q.text


def test_tail_after_fragment_stops_before_as(finder):
    text = "Varga says “the wind is at our backs” as he heads into the final round."
    (q,) = [q for q in direct(finder, text, {"Varga": ("PER", "per:varga")}) if "wind" in q.text]
    assert q.kind == "mixed" and "heads" not in q.text


def test_tail_after_fragment_still_runs_to_the_clause_end_without_a_conjunction(finder):
    text = "Varga says “the wind is at our backs” despite the loss in the final round."
    (q,) = [q for q in direct(finder, text, {"Varga": ("PER", "per:varga")}) if "wind" in q.text]
    assert q.text.endswith("despite the loss in the final round")
