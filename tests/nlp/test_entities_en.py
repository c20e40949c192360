"""English NER rules of issue 4: name pieces, initials, sports sides (``_EnglishFinder``).

Each case is a sentence shape from wire news; each test fails when its rule is removed.
"""

from __future__ import annotations

import pytest

from newsdesk.nlp.entities import EntityRecognizer, load_recognizer


@pytest.fixture(scope="module")
def en() -> EntityRecognizer:
    return load_recognizer("en")


def _labels(rec: EntityRecognizer, text: str) -> dict[str, str]:
    mentions = rec(text)
    for m in mentions:
        assert text[m.start:m.end] == m.text
    return {m.text: m.label for m in mentions}


def test_score_line_names_are_sides_not_one_span(en: EntityRecognizer) -> None:
    """Regression: the small model ran ``Pohang 3 Ulsan 2`` together as one mention."""
    text = ("Results of South Korean pro-soccer games played on Thursday .\n"
            "Pohang 3 Ulsan 2 ( halftime 1-0 )\nPuchon 2 Chonbuk 1 ( halftime 1-1 )\n")
    labels = _labels(en, text)
    for team in ("Pohang", "Ulsan", "Puchon", "Chonbuk"):
        assert labels.get(team) == "ORG", (team, labels)
    assert not any(any(c.isdigit() for c in name) for name in labels)


def test_place_that_beats_is_a_side_in_sports_report(en: EntityRecognizer) -> None:
    text = ("Phil Simmons took four for 38 on Friday as Leicestershire beat Somerset by an innings and 39 runs "
            "in two days to take over at the head of the county championship .\n"
            "Trailing by 213 , Somerset got a solid start to their second innings .\n")
    labels = _labels(en, text)
    assert labels.get("Leicestershire") == "ORG"
    assert labels.get("Somerset") == "ORG"
    assert labels.get("Phil Simmons") == "PER"


def test_national_side_keeps_place_label(en: EntityRecognizer) -> None:
    """A country name stays LOC (CoNLL marks national sides by their country) even where it plays."""
    text = "Romania beat Lithuania 2-1 in their European under-21 soccer match on Friday . The coach was happy .\n"
    labels = _labels(en, text)
    assert labels.get("Romania") == "LOC"
    assert labels.get("Lithuania") == "LOC"


def test_places_stay_places_outside_sports(en: EntityRecognizer) -> None:
    text = "The delegation flew from Leicester to Moscow on Friday , where talks on trade will open on Monday .\n"
    labels = _labels(en, text)
    assert labels.get("Moscow") == "LOC"
    assert labels.get("Leicester") == "LOC"


def test_club_apposition_is_org(en: EntityRecognizer) -> None:
    text = "Gianluigi Lentini has been loaned to serie A club Atalanta for a year , newspapers reported on Friday .\n"
    assert _labels(en, text).get("Atalanta") == "ORG"


def test_initial_and_surname_is_person(en: EntityRecognizer) -> None:
    text = "Nottinghamshire 214 ( P. Johnson 84 ; M. McCague 4-55 ) , Kent 108-3 .\n"
    labels = _labels(en, text)
    assert labels.get("P. Johnson") == "PER"
    assert labels.get("M. McCague") == "PER"
    assert "U.S. Open" not in {k for k, v in _labels(en, "He won the U.S. Open in New York .").items()
                               if v == "PER"}


def test_dash_and_at_split_names(en: EntityRecognizer) -> None:
    """Section labels and fixtures are not part of names (``CRICKET - SRI LANKA``, ``BOSTON AT OAKLAND``)."""
    labels = _labels(en, "CRICKET - SRI LANKA BEAT AUSTRALIA BY FOUR WICKETS .\nCOLOMBO 1996-08-31\n")
    assert "CRICKET" not in " ".join(labels)
    assert labels.get("COLOMBO") == "LOC"
    fixture = _labels(en, "Major league baseball standings and schedule .\nBOSTON AT OAKLAND\n")
    assert not any(" AT " in name for name in fixture)


def test_dateline_stays_place_when_city_has_a_team(en: EntityRecognizer) -> None:
    text = ("NEW YORK 1996-08-30\nMajor League Baseball standings after games played on Thursday :\n"
            "NEW YORK 74 59 .556 -\nBALTIMORE 70 63 .526 4\n")
    mentions = en(text)
    first = min(mentions, key=lambda m: m.start)
    assert (first.text, first.label) == ("NEW YORK", "LOC")
    assert any(m.text == "BALTIMORE" and m.label == "ORG" for m in mentions)
