"""English quotations, round 6: ``read`` as a cue of direct quotations (invented sentences)."""

from newsdesk.nlp.quotes import find_quotes


def _direct(text: str):
    return [q for q in find_quotes(text, "en") if q.kind == "direct"]


def test_letter_reads_is_attributed():
    text = ("The growers met the minister on Monday. “We see small farms closing every week,” the letter reads. "
            "Nobody answered.")
    quotes = _direct(text)
    assert [q.text for q in quotes] == ["We see small farms closing every week,"]
    assert quotes[0].cue is not None and quotes[0].cue.text == "reads"
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "the letter"


def test_sign_read_past_tense():
    text = "Crowds gathered at the gate. “Open the border now,” one sign read. The police watched."
    quotes = _direct(text)
    assert [q.text for q in quotes] == ["Open the border now,"]
    assert quotes[0].cue.text == "read"
    assert text[quotes[0].start : quotes[0].end] == quotes[0].text


def test_unquoted_reading_is_no_quotation():
    text = "The minister reads the report every morning before the cabinet meets."
    assert _direct(text) == []
