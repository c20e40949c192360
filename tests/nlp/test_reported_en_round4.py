"""Issue 3, round 4 (English): attributions that a cue gives away from a distance.

Each rule here was written looking at PolNeAR dev/train errors; the sentences are invented.
"""

from __future__ import annotations

import pytest

from newsdesk.model import Mention, Quote
from newsdesk.nlp.quotes import find_quotes
from newsdesk.nlp.reported import load_reported_finder
from newsdesk.nlp.sentences import split_sentences


def _mentions(text: str, names: dict[str, str]) -> list[Mention]:
    out = []
    for name, label in names.items():
        start = text.find(name)
        while start >= 0:
            out.append(Mention(start, start + len(name), name, label, name, f"{label.lower()}:{name.lower()}", name))
            start = text.find(name, start + 1)
    return sorted(out, key=lambda m: m.start)


def _reported(text: str, names: dict[str, str] | None = None) -> list[Quote]:
    sents = split_sentences(text, "en")
    ents = _mentions(text, names or {})
    direct = find_quotes(text, "en", sents, ents)
    return load_reported_finder("en")(text, sents, ents, direct)


def _check_offsets(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text


# (text, names, (kind, content, speaker, cue)): "as X put it / observed" before or after its clause
AS_CASES = [
    ("As Ms. Okafor put it in an interview last week, the council is ''running out of road.''",
     {"Okafor": "PER"},
     ("mixed", "the council is ''running out of road.''", "Ms. Okafor", "put it")),
    ("As Dana Whitfield, a housing economist at the institute, recently put it, ''Who will build the homes?''",
     {"Dana Whitfield": "PER"},
     ("direct", "Who will build the homes?", "Dana Whitfield", "put it")),
    ("Still, as Mr. Ruiz observed, in a tight market -- when prices keep rising -- ''nobody sells early.''",
     {"Ruiz": "PER"},
     ("mixed", "in a tight market -- when prices keep rising -- ''nobody sells early.''", "Mr. Ruiz", "observed")),
    ("Tenants pay more each year, and the main cost for most families is a \"roof over their heads,\" "
     "as a city housing memo put it.",
     {},
     ("mixed", "the main cost for most families is a \"roof over their heads,\"", "a city housing memo", "put it")),
    ("As she noted, the new bridge will open to traffic in the spring of next year.", {},
     ("indirect", "the new bridge will open to traffic in the spring of next year", "she", "noted")),
]


@pytest.mark.parametrize(("text", "names", "expected"), AS_CASES)
def test_as_source_phrase(text: str, names: dict[str, str], expected: tuple[str, str, str, str]) -> None:
    quotes = _reported(text, names)
    _check_offsets(text, quotes)
    got = [(q.kind, q.text, q.speaker.text if q.speaker else None, q.cue.text if q.cue else None) for q in quotes]
    assert expected in got


@pytest.mark.parametrize("text", [
    "As a result, the company lost money in the third quarter of the year.",
    "As the storm moved north, residents said the roads were closed.",
    "The council will meet again, as it does every spring, to review the budget.",
])
def test_as_without_a_source_and_cue_is_no_attribution(text: str) -> None:
    assert not any(q.cue is not None and q.cue.text in ("put it", "noted", "observed") for q in _reported(text))
    # the comma after "As a result" opens no content: nothing starts right after it
    assert not any(q.text.startswith("the company lost") for q in _reported(text))


def test_a_question_quoted_after_as_put_it_is_kept_but_plain_questions_are_not() -> None:
    text = "As Lee put it, ''Can the city afford it?''"
    assert [q.kind for q in _reported(text, {"Lee": "PER"})] == ["direct"]  # the whole content is the quotation
    assert _reported("Did Lee say the city could afford it?", {"Lee": "PER"}) == []


def test_parenthetical_cue_inside_a_sentence_with_a_quoted_fragment() -> None:
    text = "Small farmers, he said, can ''feed the region'' and ''keep the valley alive.''"
    quotes = _reported(text)
    _check_offsets(text, quotes)
    assert [(q.kind, q.text, q.speaker.text, q.cue.text) for q in quotes] == [("mixed", text, "he", "said")]
    # the content is the sentence without its attribution: two pieces around ", he said,"
    assert [text[a:b] for a, b in quotes[0].parts] == ["Small farmers", "can ''feed the region'' and ''keep the valley alive.''"]


def test_parenthetical_cue_without_a_quoted_fragment_is_left_alone() -> None:
    text = "Small farmers, he said, can feed the region and keep the valley alive this year."
    assert not any(q.text == text for q in _reported(text))


def test_it_after_a_closing_mark_is_the_speaker() -> None:
    text = ("The Herald published the letter on Monday. “The mill will close before the winter and "
            "two hundred workers will lose their jobs,” it added.")
    quotes = find_quotes(text, "en", split_sentences(text, "en"), _mentions(text, {"The Herald": "ORG"}))
    _check_offsets(text, quotes)
    q = next(q for q in quotes if q.text.startswith("The mill"))
    assert q.kind == "direct" and q.cue.text == "added" and q.speaker.text == "it"


def test_it_before_a_word_that_is_no_cue_is_no_speaker() -> None:
    text = "“We will not move,” it seemed to everyone at the square that night."
    quotes = find_quotes(text, "en", split_sentences(text, "en"), [])
    assert all(q.speaker is None and q.cue is None for q in quotes)


@pytest.mark.parametrize(("text", "cue"), [
    ("“You promised lower rents and raised them twice,” the tenant charged at the hearing.", "charged"),
    ("“Get off my lawn,” the old man barked at the photographers.", "barked"),
    ("“I never read the contract before signing it,” the mayor confessed on Tuesday.", "confessed"),
])
def test_new_cue_verbs_after_a_closing_mark(text: str, cue: str) -> None:
    quotes = find_quotes(text, "en", split_sentences(text, "en"), [])
    assert [(q.kind, q.cue.text) for q in quotes] == [("direct", cue)]


# --- second pass: linking phrases, "it" as a source, a far that-clause after "told" ---------------------


def test_linking_phrase_between_cue_and_comma_keeps_the_attribution() -> None:
    text = "Smith said on the other hand, “the plan works if you are a farmer; if you are a teacher, it fails.”"
    ents = _mentions(text, {"Smith": "PER"})
    quotes = find_quotes(text, "en", split_sentences(text, "en"), ents)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == "direct" and q.speaker is not None and q.speaker.text == "Smith"
    # the content is not cut at the semicolon inside the open quotation
    assert q.text.endswith("it fails.") and ";" in q.text


def test_words_that_are_no_linking_phrase_still_break_the_attribution() -> None:
    text = "Smith said on the long road home from the farm, “the plan works if you are a farmer.”"
    quotes = find_quotes(text, "en", split_sentences(text, "en"), _mentions(text, {"Smith": "PER"}))
    assert not any(q.speaker is not None and q.speaker.text == "Smith" for q in quotes)


def test_it_opening_a_clause_is_a_source_when_the_content_quotes() -> None:
    text = ("The audit came out on Monday. It also points out that ''the fines for late filing are so small'' "
            "that firms ignore them.")
    quotes = _reported(text)
    _check_offsets(text, quotes)
    q = next(q for q in quotes if q.speaker is not None and q.speaker.text == "It")
    assert q.kind == "mixed" and q.text.startswith("that ''the fines") and q.text.endswith("ignore them")


def test_it_is_no_source_of_a_clause_without_quotation_marks() -> None:
    text = "The audit came out on Monday. It also points out that the fines for late filing are too small."
    assert not any(q.speaker is not None and q.speaker.text == "It" for q in _reported(text))


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("He also told one of his young students on a regular basis that \"violence is never the answer.\"",
         "that \"violence is never the answer.\""),
        ("Marc Moral forcefully told a young man who suggested that some people may stay home out of anger "
         "that \"staying home is not a smart strategy at all.\"", "that \"staying home is not a smart strategy at all.\""),
    ],
)
def test_told_a_long_object_then_a_quoting_that_clause(text: str, content: str) -> None:
    quotes = _reported(text, {"Marc Moral": "PER"})
    _check_offsets(text, quotes)
    assert len(quotes) == 1
    assert quotes[0].text == content and quotes[0].kind == "mixed"
    assert quotes[0].cue is not None and quotes[0].cue.text == "told"


def test_a_quoted_title_in_the_object_of_told_is_skipped() -> None:
    text = "Garcia told CNN's \"State of the Union\" that nobody doubted her grasp of the issues."
    quotes = _reported(text, {"Garcia": "PER", "CNN": "ORG"})
    _check_offsets(text, quotes)
    assert [(q.kind, q.text) for q in quotes] == [("indirect", "nobody doubted her grasp of the issues")]


@pytest.mark.parametrize("text", [
    "As she put it down, the phone rang in the empty hall.",
    "As Reeves put it in the oven, the cake began to rise slowly.",
    "As the workers put it together, the roof “collapsed” on them.",
])
def test_put_it_without_words_said_reports_nothing(text):
    assert _reported(text, {"Reeves": "PER"}) == []


@pytest.mark.parametrize("text,speaker,kind,content", [
    ("As the report put it, the economy is “stalling.”", "the report", "mixed", "the economy is “stalling.”"),
    ("The plan is “dead on arrival,” as one analyst observed.", "one analyst", "mixed",
     "The plan is “dead on arrival,”"),
    ("As Reeves put it, “the plan is dead.”", "Reeves", "direct", "the plan is dead."),
    ("As Reeves put it to reporters, “the plan is dead.”", "Reeves", "direct", "the plan is dead."),
])
def test_as_x_put_it_sources_and_whole_quotations(text, speaker, kind, content):
    quotes = _reported(text, {"Reeves": "PER"})
    _check_offsets(text, quotes)
    assert [(q.kind, q.text, q.speaker.text) for q in quotes] == [(kind, content, speaker)]


def test_a_quotation_after_that_stays_mixed_with_its_complementizer():
    text = "Reeves told reporters that “the plan is dead and nobody will miss it.”"
    (quote,) = _reported(text, {"Reeves": "PER"})
    assert quote.kind == "mixed" and quote.text.startswith("that “")


def test_it_as_a_source_is_the_organisation_named_before_it():
    text = "Nordwind Motors issued a statement on Monday. It said that “the ruling is wrong and will be appealed.”"
    (quote,) = _reported(text, {"Nordwind Motors": "ORG"})
    assert quote.speaker.text == "It" and quote.speaker.key == "org:nordwind motors"
