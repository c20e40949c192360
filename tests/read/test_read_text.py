"""read_capture: site chrome (switcher, date line, section, headline) separated from the body."""

from __future__ import annotations

from collections import OrderedDict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conftest
from conftest import shared_data
from newsdesk.model import RawDocument, Rejected
from newsdesk.read.text import (
    is_date_line,
    is_headline,
    is_section_line,
    parse_language_switcher,
    read_capture,
    split_paragraphs,
)

SEED_NAME = "000_bd9733fec56149a6.txt"
SEED_TITLE = 'NATO responded to Russia\'s demand of "security guarantees"'


@pytest.fixture(scope="module")
def seed_text() -> str:
    for path in (conftest.SEED, conftest.SHARED / "seed" / SEED_NAME):
        if path.exists():
            return path.read_text(encoding="utf-8")
    pytest.skip(f"seed document {SEED_NAME} not found (data/demo/seed or ../shared/seed)")


@pytest.fixture(scope="module")
def ntrex_docs() -> dict[str, list[list[str]]]:
    """NTREX-128 documents per language: the first line of each is its headline."""
    folder = shared_data("ntrex-en-ru-uk")
    ids = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    out = {}
    for lang, name in (("en", "src.eng"), ("ru", "ref.rus"), ("uk", "ref.ukr")):
        lines = (folder / "NTREX-128" / f"newstest2019-{name}.txt").read_text(encoding="utf-8").splitlines()
        docs: OrderedDict[str, list[str]] = OrderedDict()
        for doc_id, line in zip(ids, lines):
            docs.setdefault(doc_id, []).append(line)
        out[lang] = list(docs.values())
    return out


def test_seed(seed_text):
    doc = read_capture(seed_text, "seed.txt")
    assert isinstance(doc, RawDocument)
    assert doc.title == SEED_TITLE
    assert doc.section == "politics"
    assert doc.languages_offered == ("ru", "uk", "en")
    assert doc.date_text == "Wednesday, 22 January"
    assert doc.text.startswith("NATO Secretary-General Jens Stoltenberg voiced")
    lines = doc.text.split("\n")
    for chrome in ("RU  UA  EN", "Wednesday, 22 January", "politics", SEED_TITLE):
        assert chrome not in lines
    # The body is the source's text from the first paragraph on, unchanged.
    start = seed_text.index("NATO Secretary-General")
    assert doc.text == seed_text[start:].strip()
    assert doc.text.count("\n\n") == 12


def test_seed_with_windows_line_endings(seed_text):
    doc = read_capture(seed_text.replace("\n", "\r\n"), "seed.txt")
    assert doc == read_capture(seed_text, "seed.txt")


CHROME = {
    "ru": ("RU  UA  EN", "Среда, 22 января", "политика"),
    "uk": ("RU  UA  EN", "Середа, 22 січня", "політика"),
}


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_synthetic_capture_in_the_seed_layout(ntrex_docs, lang):
    switcher, date_line, section = CHROME[lang]
    checked = 0
    for doc in ntrex_docs[lang][:30]:
        headline, body = doc[0], doc[1:]
        if not is_headline(headline) or len(body) < 2:
            continue
        capture = f"{switcher}\n\n{date_line}\n{section}\n\n{headline}\n\n" + "\n\n".join(body) + "\n"
        result = read_capture(capture, f"{lang}.txt")
        assert isinstance(result, RawDocument)
        assert result.title == headline
        assert result.section == section
        assert result.languages_offered == ("ru", "uk", "en")
        assert result.date_text == date_line
        assert result.text == "\n\n".join(line.strip() for line in body)
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_date_line_after_headline(ntrex_docs, lang):
    date_line = {"en": "January 22, 2022, 10:15", "ru": "22 января 2022 года, 10:15", "uk": "22 січня 2022 року, 10:15"}[lang]
    doc = ntrex_docs[lang][1]
    capture = f"{doc[0]}\n{date_line}\n\n" + "\n\n".join(doc[1:])
    result = read_capture(capture, "x.txt")
    assert result.title == doc[0]
    assert result.date_text == date_line
    assert result.text.split("\n\n") == [line.strip() for line in doc[1:]]


def test_plain_text_with_a_headline(ntrex_docs):
    doc = ntrex_docs["en"][0]
    result = read_capture(doc[0] + "\n\n" + "\n".join(doc[1:]), "plain.txt")
    assert result.title == doc[0]
    assert result.section is None and result.date_text is None and result.languages_offered == ()
    # no blank line in the rest: each line is a paragraph
    assert result.text.split("\n\n") == doc[1:]


def test_plain_text_without_a_headline(ntrex_docs):
    # The first line is a sentence (ends with a full stop): it is body, not title.
    body = ntrex_docs["uk"][3][1:]
    assert body[0].endswith(".")
    result = read_capture("\n\n".join(body), "plain.txt")
    assert result.title is None
    assert result.text == "\n\n".join(body)


def test_headline_must_stand_alone(ntrex_docs):
    # Without chrome, a first line followed directly by text is not taken as title.
    doc = ntrex_docs["en"][2]
    text = doc[0] + "\n" + doc[1] + "\n\n" + "\n\n".join(doc[2:])
    result = read_capture(text, "plain.txt")
    assert result.title is None
    assert result.text.startswith(doc[0] + "\n" + doc[1])


def test_paragraph_inner_text_is_kept_verbatim():
    text = "  First   paragraph,\nhard-wrapped  line.\t \n \n\n Second\u00a0one. \r\n"
    assert split_paragraphs(text) == ["First   paragraph,\nhard-wrapped  line.", "Second\u00a0one."]


@pytest.mark.parametrize("text", ["", "   \n\n  ", "RU  UA  EN\n\nWednesday, 22 January\npolitics\n"])
def test_nothing_but_chrome_is_rejected(text):
    result = read_capture(text, "c.txt")
    assert isinstance(result, Rejected) and result.stage == "read"
    if text.strip():
        assert result.reason.startswith("no body text: the document holds only site chrome")
    else:
        assert result.reason == "empty document"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Wednesday, 22 January", True),
        ("Середа, 22 січня", True),
        ("Среда, 22 января", True),
        ("22 січня 2022 року", True),
        ("January 22, 2022", True),
        ("п’ятниця, 3 березня 2023 р., 10:15", True),
        ("22.01.2022 10:15", True),
        ("2022-01-22", True),
        ("Wed, Jan 22nd, 2022 at 10:15 a.m.", True),
        ("Wednesday", False),
        ("May I help you", False),
        ("22 January protests in Kyiv", False),
        ("Середа", False),
        ("In March 2022 the talks failed.", False),
    ],
)
def test_is_date_line(line, expected):
    assert is_date_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("RU  UA  EN", ("ru", "uk", "en")),
        ("УКР | РУС | ENG", ("uk", "ru", "en")),
        ("Рус  Укр", ("ru", "uk")),
        ("UA / EN / DE", ("uk", "en", "de")),
        ("EN", None),
        ("EU UN", None),
        ("IT IS", None),
        ("NATO USA", None),
        ("politics", None),
    ],
)
def test_parse_language_switcher(line, expected):
    assert parse_language_switcher(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("politics", True),
        ("політика", True),
        ("политика", True),
        ("world news", True),
        ("Politics", False),
        ("the minister said that it was over", False),
        ("covid-19", False),
    ],
)
def test_is_section_line(line, expected):
    assert is_section_line(line) is expected


@given(st.text(alphabet=st.sampled_from("ab Б\n\r\t.,\"“”RUAEN12"), max_size=200))
@settings(max_examples=200, deadline=None)
def test_never_raises_and_body_comes_from_the_source(text):
    result = read_capture(text, "h.txt")
    if isinstance(result, RawDocument):
        normalized = text.replace("\r\n", "\n").replace("\r", "\n")
        for paragraph in result.text.split("\n\n"):
            assert paragraph and paragraph in normalized
        assert result.title is None or result.title in normalized
    else:
        assert result.stage == "read"


@pytest.mark.parametrize(
    "line, expected_lang_text",
    [("Москва, 14 марта 2023 года", "Путин заявил, что переговоры продолжатся."),
     ("Київ, 22 січня 2022 року", "Зеленський заявив про нові санкції."),
     ("KYIV — 22 January 2022", "Zelensky announced new sanctions.")],
)
def test_dateline_with_a_place_is_chrome_not_title(line, expected_lang_text):
    # Regression: "Москва, 14 марта 2023 года" became the title and no date was read.
    doc = read_capture(f"{line}\n\n{expected_lang_text}\n\nДругий абзац.", "dateline.txt")
    assert doc.date_text == line and doc.title is None
    assert doc.text.startswith(expected_lang_text)


@pytest.mark.parametrize(("line", "headline"), [
    ('Senator Maria Lopez opened the hearing on Tuesday. The senator denounced what she calls "a reckless gamble."',
     False),  # a lead paragraph of two sentences ending in a quotation
    ("Black Lawmakers Rip Donald Trump As A ‘Disgusting Fraud.’", True),  # a headline ending in one
    ('Sen. Smith Says He Will Vote "No."', True),  # an abbreviation is no sentence break
])
def test_a_line_ending_in_a_quotation_is_a_headline_unless_it_holds_two_sentences(line, headline):
    assert is_headline(line) is headline
