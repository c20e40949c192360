"""read_jsonl: one article per line; a bad line is rejected by number and the others go on."""

from __future__ import annotations

import json

import pytest

from conftest import shared_data
from newsdesk.model import RawDocument, Rejected
from newsdesk.read import iter_documents
from newsdesk.read.jsonl import read_jsonl


@pytest.fixture(scope="module")
def stories() -> dict[str, list[str]]:
    """The first NTREX story in en, ru, uk (headline + body lines)."""
    folder = shared_data("ntrex-en-ru-uk", "NTREX-128")
    out = {}
    for lang, name in (("en", "src.eng"), ("ru", "ref.rus"), ("uk", "ref.ukr")):
        out[lang] = (folder / f"newstest2019-{name}.txt").read_text(encoding="utf-8").splitlines()[:16]
    return out


def _record(lines: list[str], lang: str, **extra) -> str:
    return json.dumps(
        {"url": f"https://example.com/{lang}/1", "title": lines[0], "text": "\n".join(lines[1:]), "lang": lang, **extra},
        ensure_ascii=False,
    )


def test_bad_line_in_the_middle(stories):
    text = "\n".join(
        [
            _record(stories["en"], "en", published="2019-09-28", section="World"),
            "{not json at all",
            "",
            _record(stories["uk"], "ua"),
        ]
    )
    results = list(read_jsonl(text, "feed.jsonl"))
    assert [type(r) for r in results] == [RawDocument, Rejected, RawDocument]
    first, bad, last = results
    assert first.source == "feed.jsonl:1"
    assert first.title == stories["en"][0]
    assert first.text == "\n\n".join(stories["en"][1:])
    assert first.published_meta == "2019-09-28"
    assert first.section == "world"
    assert first.url == "https://example.com/en/1"
    assert first.lang_hint == "en"
    assert bad.source == "feed.jsonl:2" and bad.stage == "read"
    assert bad.reason == (
        "line 2: not valid JSON (Expecting property name enclosed in double quotes at column 2); "
        "fix or remove the line"
    )
    assert last.source == "feed.jsonl:4"  # the blank line 3 is skipped, numbering kept
    assert last.lang_hint == "uk"  # "ua" is read as Ukrainian
    assert last.text.split("\n\n") == stories["uk"][1:]


def test_reason_for_non_json_line():
    (result,) = read_jsonl("hello", "f.jsonl")
    assert result.reason == "line 1: not valid JSON (Expecting value at column 1); fix or remove the line"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"title": "x"}', "line 1: no 'text' field; each line needs the article body as a string"),
        ('{"text": 42}', "line 1: 'text' is a number; each line needs the article body as a string"),
        ('["text"]', "line 1: expected a JSON object, got an array; put one article object per line"),
        ('{"text": "  \\n "}', "line 1: empty document ('text' is blank)"),
        ('{"text": "Body text.", "published": 20220122}', "line 1: field 'published' must be a string or null, got a number"),
    ],
)
def test_rejections_say_what_to_fix(line, reason):
    (result,) = read_jsonl(line, "f.jsonl")
    assert result == Rejected("f.jsonl:1", reason, "read")


def test_unknown_language_is_no_hint(stories):
    (result,) = read_jsonl(_record(stories["ru"], "de"), "f.jsonl")
    assert result.lang_hint is None
    (result,) = read_jsonl(_record(stories["ru"], "ru-RU"), "f.jsonl")
    assert result.lang_hint == "ru"


def test_file_streamed_with_oversized_and_non_utf8_lines(tmp_path, stories):
    path = tmp_path / "feed.jsonl"
    lines = [
        _record(stories["ru"], "ru").encode("utf-8"),
        json.dumps({"text": "x" * 20_000}).encode(),
        _record(stories["uk"], "uk").encode("cp1251", errors="replace"),
        _record(stories["en"], "en").encode("utf-8"),
    ]
    path.write_bytes(b"\xef\xbb\xbf" + b"\r\n".join(lines) + b"\r\n")
    results = list(iter_documents([str(path)], max_document_bytes=10_000))
    assert [r.source for r in results] == [f"{path}:{n}" for n in (1, 2, 3, 4)]
    ru, big, latin, en = results
    assert isinstance(ru, RawDocument) and ru.encoding == "utf-8" and ru.title == stories["ru"][0]
    size = len(lines[1]) + 1  # with its "\r"
    assert big.reason == (
        f"line 2 is {size:,} bytes, over max_document_bytes=10,000; raise NEWSDESK_MAX_DOCUMENT_BYTES to read it"
    )
    assert latin.reason.startswith("line 3: not valid UTF-8") and latin.reason.endswith("JSON Lines must be UTF-8")
    assert isinstance(en, RawDocument) and en.text.split("\n\n") == stories["en"][1:]
