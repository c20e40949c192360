"""Golden test: the seed document end to end (read -> extract -> annotate), checked against golden/seed.expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SEED
from newsdesk.model import Article
from newsdesk.read import iter_documents

GOLDEN = json.loads((Path(__file__).parent / "golden" / "seed.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed(pipeline) -> Article:
    (doc,) = list(iter_documents([str(SEED)]))
    article = pipeline.process(doc)
    assert isinstance(article, Article), article
    return article


def test_seed_metadata(seed):
    assert seed.title == GOLDEN["title"]
    assert seed.section == GOLDEN["section"]
    assert seed.lang == GOLDEN["lang"]
    assert list(seed.languages_offered) == GOLDEN["languages_offered"]
    for key, value in GOLDEN["published"].items():
        assert getattr(seed.published, key) == value, key
    # 22 January is a Wednesday in 2020 and 2025 but not in 2022
    assert 2020 in seed.published.candidate_years and 2025 in seed.published.candidate_years
    assert 2022 not in seed.published.candidate_years


def test_seed_chrome_is_not_in_body(seed):
    for chrome in GOLDEN["chrome_not_in_text"]:
        assert chrome not in seed.text
    assert not seed.text.startswith(GOLDEN["title"])


def test_seed_quotes(seed):
    direct = [q for q in seed.quotes if q.kind == "direct"]
    assert len(direct) == len(GOLDEN["quotes"])
    for quote, want in zip(direct, GOLDEN["quotes"]):
        assert quote.text.endswith(want["ends_with"]), quote.text
        assert quote.opening_mark_missing is want["opening_mark_missing"]
        assert quote.speaker is not None and quote.speaker.name == want["speaker_name"]
        assert quote.cue is not None and quote.cue.text == want["cue"]
    for term in GOLDEN["not_quotes"]:
        assert all(q.text != term for q in seed.quotes)


def test_seed_entities(seed):
    found = {(m.text, m.label) for m in seed.entities}
    for text, label in GOLDEN["entities"]:
        assert (text, label) in found, (text, label)
    # every "Stoltenberg" is the same person
    keys = {m.key for m in seed.entities if "Stoltenberg" in m.text}
    assert len(keys) == 1 and all(m.label == "PER" for m in seed.entities if "Stoltenberg" in m.text)
    # "the Alliance's position" refers back to NATO, named in the same article
    assert {m.key for m in seed.entities if m.text in ("NATO", "Alliance")} == {"org:nato"}


def test_seed_offsets(seed):
    for span in (*seed.sentences, *seed.entities, *seed.quotes):
        assert seed.text[span.start : span.end] == span.text
    for quote in seed.quotes:
        for part in (quote.speaker, quote.cue):
            if part is not None:
                assert seed.text[part.start : part.end] == part.text
