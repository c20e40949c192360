"""The PolNeAR scorer (newsdesk.evaluation.quotes): brat reading, Jaccard matching, exact spans, speakers, cues,
the direct/all split, annotator choice, and a quality gate on the first 10 PolNeAR dev documents."""

from __future__ import annotations

import tomllib

from pathlib import Path

import pytest

from conftest import shared_data
from newsdesk.errors import ConfigError, ReadError
from newsdesk.evaluation import (
    GoldAttribution,
    evaluate_adaq,
    evaluate_polnear,
    holds_quotation_mark,
    jaccard,
    metrics,
    normalized_span,
    read_brat,
    read_polnear,
    score_document,
)
from newsdesk.model import Cue, Mention, Quote, Speaker


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of ``needle`` in ``text``."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return pos, pos + len(needle)


def quote(text: str, content: str, *, speaker: str | None = None, key: str | None = None, cue: str | None = None,
          kind: str = "direct") -> Quote:
    s, e = span(text, content)
    spk = None
    if speaker is not None:
        ss, se = span(text, speaker)
        spk = Speaker(ss, se, speaker, key=key)
    c = None
    if cue is not None:
        cs, ce = span(text, cue)
        c = Cue(cs, ce, cue, cue)
    return Quote(kind, s, e, content, speaker=spk, cue=c)  # type: ignore[arg-type]


def gold(text: str, content: str, source: str | None = None, cue: str | None = None,
         nth_source: int = 0) -> GoldAttribution:
    c = span(text, content)
    return GoldAttribution(
        content=(c,),
        source=(span(text, source, nth_source),) if source else (),
        cue=(span(text, cue),) if cue else (),
        direct=holds_quotation_mark(content),
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("“We are ready to talk,”", True),
        ('"We are ready"', True),
        ("«Мы готовы»", True),
        ("''Of course, I pay federal taxes.''", True),          # NYT doubled apostrophes
        ("Trump 'absolutely right' in saying generals", True),   # single quotes in a headline
        ("‘in Their Heads.’", True),
        ("that Clinton’s team avoided the emergency room", False),  # apostrophe inside a word
        ("young voters' exhaustion with bigotry", False),        # plural possessive
        ("the European members’ contributions", False),
        ("that the budget would be cut", False),
    ],
)
def test_holds_quotation_mark(content: str, expected: bool) -> None:
    assert holds_quotation_mark(content) is expected


def test_read_brat_fragments_missing_roles_and_events_without_content() -> None:
    text = '“We are ready,” he said. “Not now.” Officials believe the plan works.'
    a, b = span(text, "“We are ready,”"), span(text, "“Not now.”")
    src, cue = span(text, "he"), span(text, "said")
    c2 = span(text, "the plan works")
    cue2 = span(text, "believe")
    ann = "\n".join([
        f"T1\tContent {a[0]} {a[1]};{b[0]} {b[1]}\t…",
        f"T2\tSource {src[0]} {src[1]}\the",
        f"T3\tCue {cue[0]} {cue[1]}\tsaid",
        f"T4\tAttribution {cue[0]} {cue[1]}\tsaid",
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        f"T5\tContent {c2[0]} {c2[1]}\tthe plan works",
        f"T6\tCue {cue2[0]} {cue2[1]}\tbelieve",
        f"T7\tAttribution-no-source {cue2[0]} {cue2[1]}\tbelieve",
        "E2\tAttribution-no-source:T7 Content:T5 Cue:T6",
        "E3\tAttribution-no-source:T7 ",  # no content: not an attribution to score
        "#1\tAnnotatorNotes T1\tignored",
    ])
    got = read_brat(ann, text)
    assert len(got) == 2
    assert got[0].content == (a, b) and (got[0].start, got[0].end) == (a[0], b[1])
    assert got[0].source == (src,) and got[0].cue == (cue,) and got[0].direct
    assert got[1].source == () and got[1].cue == (cue2,) and not got[1].direct


def test_read_brat_rejects_unknown_span_and_offsets_outside_text() -> None:
    text = "He said so."
    with pytest.raises(ReadError, match="T9"):
        read_brat("T1\tContent 0 2\tHe\nE1\tAttribution:T1 Source:T9 Content:T1", text, where="x.ann")
    with pytest.raises(ReadError, match="outside the text"):
        read_brat("T1\tContent 0 200\tHe", text, where="x.ann")


def test_jaccard_threshold_decides_a_match() -> None:
    text = "Officials said that one two three four five six would happen."
    g = [gold(text, "one two three four five six")]
    half = score_document(text, g, [quote(text, "one two three", kind="indirect")])["all"]
    third = score_document(text, g, [quote(text, "one two", kind="indirect")])["all"]
    assert half.matched == 1  # 3 of 6 tokens: Jaccard 0.5, the threshold
    assert third.matched == 0  # 2 of 6: 0.33
    assert (third.n_gold, third.n_pred) == (1, 1)
    assert jaccard(frozenset({1, 2}), frozenset({2, 3})) == pytest.approx(1 / 3)


def test_matching_is_one_to_one_by_best_jaccard() -> None:
    text = "They said alpha beta gamma delta epsilon and more."
    g = [gold(text, "alpha beta gamma delta", source="They")]
    close = quote(text, "alpha beta gamma delta epsilon", speaker="They", kind="indirect")  # Jaccard 4/5
    partial = quote(text, "beta gamma delta", kind="indirect")  # Jaccard 3/4, no speaker
    got = score_document(text, g, [partial, close])["all"]
    assert got.matched == 1 and got.n_pred == 2
    # the better match took the gold content: its speaker is the one judged, and it is right
    assert got.speaker_total == 1 and got.speaker_ok == 1
    m = metrics(got)
    assert m["precision"] == 0.5 and m["recall"] == 1.0


def test_exact_match_strips_marks_and_whitespace_and_loose_strips_trailing_comma() -> None:
    text = "“We are ready to talk,” the envoy said. “Not under threat.” "
    g = [gold(text, "“We are ready to talk,”", "the envoy", "said"), gold(text, "“Not under threat.”")]
    preds = [quote(text, "We are ready to talk", speaker="the envoy", cue="said"), quote(text, "Not under threat.")]
    got = score_document(text, g, preds)["direct"]
    assert got.matched == 2
    assert got.exact == 1  # "Not under threat." is exact; the comma makes the first differ
    assert got.exact_loose == 2
    assert normalized_span(text, *span(text, "“We are ready to talk,” ")) == span(text, "We are ready to talk,")


def test_speaker_by_overlap_or_by_entity_key() -> None:
    text = 'Jens Stoltenberg spoke. "We are ready to talk," he said. "Never," Putin said.'
    g = [
        gold(text, '"We are ready to talk,"', source="Jens Stoltenberg", cue="said"),
        gold(text, '"Never,"', source="Putin"),
    ]
    stolt = Mention(*span(text, "Jens Stoltenberg"), "Jens Stoltenberg", "PER", "Jens Stoltenberg",
                    "per:jens stoltenberg")
    putin = Mention(*span(text, "Putin"), "Putin", "PER", "Putin", "per:putin")
    right = [
        quote(text, "We are ready to talk,", speaker="he", key="per:jens stoltenberg", cue="said"),
        quote(text, "Never,", speaker="Putin", key="per:putin"),
    ]
    got = score_document(text, g, right, [stolt, putin])["direct"]
    assert (got.speaker_total, got.speaker_ok) == (2, 2)
    wrong_key = [quote(text, "We are ready to talk,", speaker="he", key="per:putin"), right[1]]
    got = score_document(text, g, wrong_key, [stolt, putin])["direct"]
    assert (got.speaker_total, got.speaker_ok) == (2, 1)
    no_entities = score_document(text, g, right, [])["direct"]
    assert no_entities.speaker_ok == 1  # without the mention the pronoun cannot be resolved to the gold source


def test_cue_precision_and_recall_over_matched_pairs() -> None:
    text = '"We will win," Trump told supporters. "It is over," Clinton said.'
    g = [gold(text, '"We will win,"', "Trump", "told"), gold(text, '"It is over,"', "Clinton")]  # second: no gold cue
    preds = [quote(text, "We will win,", speaker="Trump", cue="told"),
             quote(text, "It is over,", speaker="Clinton", cue="said")]
    m = metrics(score_document(text, g, preds)["direct"])
    assert m["cue_precision"] == 0.5 and m["cue_recall"] == 1.0
    assert m["cue_f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_direct_and_all_categories() -> None:
    text = '"We are ready," the envoy said. The minister said that talks would resume soon.'
    g = [gold(text, '"We are ready,"', "the envoy", "said"),
         gold(text, "talks would resume soon", "The minister")]
    preds = [quote(text, "We are ready,", speaker="the envoy", cue="said")]
    got = score_document(text, g, preds)
    assert (got["direct"].n_gold, got["direct"].n_pred, got["direct"].matched) == (1, 1, 1)
    assert (got["all"].n_gold, got["all"].n_pred, got["all"].matched) == (2, 1, 1)
    indirect = [quote(text, "talks would resume soon", speaker="The minister", kind="indirect")]
    got = score_document(text, g, indirect)
    assert got["direct"].n_pred == 0 and got["all"].matched == 1


def test_offset_maps_stripped_article_offsets_onto_the_gold_text() -> None:
    text = '\n\n"We are ready," the envoy said.'
    g = [gold(text, '"We are ready,"', "the envoy", "said")]
    stripped = text.lstrip()
    q = quote(stripped, "We are ready,", speaker="the envoy", cue="said")
    got = score_document(text, g, [q], offset=2)["direct"]
    assert (got.matched, got.exact, got.speaker_ok, got.cue_ok) == (1, 1, 1, 1)
    assert score_document(text, g, [q])["direct"].exact == 0


# --- the whole harness on a hand-made brat folder --------------------------------------------------------

DOC = '\nThe envoy said on Monday: "We are ready to talk."\n\nThe minister said that the talks would resume in May.\n'


def _write_split(root: Path) -> None:
    (root / "data/dev/text").mkdir(parents=True)
    (root / "data/dev/attributions").mkdir(parents=True)
    (root / "data/dev/text/doc_one.txt").write_text(DOC, encoding="utf-8")
    q, src, cue = span(DOC, '"We are ready to talk."'), span(DOC, "The envoy"), span(DOC, "said")
    ind, src2, cue2 = span(DOC, "that the talks would resume in May"), span(DOC, "The minister"), span(DOC, "said", 1)
    direct = [f"T1\tContent {q[0]} {q[1]}\tx", f"T2\tSource {src[0]} {src[1]}\tx", f"T3\tCue {cue[0]} {cue[1]}\tx",
              "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2"]
    indirect = [f"T4\tContent {ind[0]} {ind[1]}\tx", f"T5\tSource {src2[0]} {src2[1]}\tx",
                f"T6\tCue {cue2[0]} {cue2[1]}\tx", "E2\tAttribution:T6 Content:T4 Cue:T6 Source:T5"]
    # annotator "aaaa" marked both attributions, annotator "bbbb" only the indirect one
    (root / "data/dev/attributions/doc_one_aaaa.ann").write_text("\n".join(direct + indirect) + "\n", encoding="utf-8")
    (root / "data/dev/attributions/doc_one_bbbb.ann").write_text("\n".join(indirect) + "\n", encoding="utf-8")


def test_annotator_choice_first_all_and_by_id(tmp_path: Path, pipeline) -> None:
    _write_split(tmp_path)
    docs = read_polnear(tmp_path, "dev")
    assert [a for a, _ in docs[0].annotations] == ["aaaa", "bbbb"]
    calls = []
    first = evaluate_polnear(tmp_path, "dev", pipeline=pipeline, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 1)]
    assert first["annotator"] == "first" and first["documents"] == 1 and first["rejected"] == []
    d = first["direct"]
    # the pipeline finds the direct quote; the leading newline of the file is mapped back
    assert (d["n_gold"], d["recall"], d["exact_f1"], d["speaker_accuracy"], d["cue_f1"]) == (1, 1.0, 1.0, 1.0, 1.0)
    assert first["all"]["n_gold"] == 2
    only_b = evaluate_polnear(tmp_path, "dev", pipeline=pipeline, annotator="bbbb")
    assert only_b["direct"]["n_gold"] == 0 and only_b["all"]["n_gold"] == 1
    both = evaluate_polnear(tmp_path, "dev", pipeline=pipeline, annotator="all")
    assert both["annotator"] == "all"
    assert both["direct"]["n_gold"] == 0.5 and both["all"]["n_gold"] == 1.5
    assert both["direct"]["recall"] == 1.0  # 0.5 matched of 0.5 gold
    with pytest.raises(ConfigError, match="aaaa, bbbb"):
        evaluate_polnear(tmp_path, "dev", pipeline=pipeline, annotator="zzzz")


def test_missing_data_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(ConfigError, match="nowhere"):
        evaluate_polnear(missing)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match="split 'dev'"):
        read_polnear(tmp_path / "empty", "dev")


# --- quality gate -------------------------------------------------------------------------------------

# Floors pinned just under the figures measured on the first 10 PolNeAR dev documents (sorted by name, first
# annotator), 2026-11-30, direct-quote finder only: direct P 0.725 R 0.333 F1 0.457 exact 0.268 speaker 0.862
# cue 0.947; all F1 0.220. Lowering a floor needs a stated reason in the same commit.
FLOORS_FILE = Path(__file__).resolve().parents[1] / "quality_floors.toml"
_FLOORS = tomllib.loads(FLOORS_FILE.read_text(encoding="utf-8"))
FLOORS = {
    (category, figure): floor
    for category, figures in _FLOORS["polnear_dev_first_10"].items()
    for figure, floor in figures.items()
}
ADAQ_FLOORS = {
    (level, figure): floor for level, figures in _FLOORS["adaq"].items() for figure, floor in figures.items()
}


@pytest.fixture(scope="module")
def polnear_gate(pipeline):
    return evaluate_polnear(shared_data("polnear"), "dev", pipeline=pipeline, limit=10)


@pytest.mark.parametrize(("category", "figure"), sorted(FLOORS))
def test_quality_gate_polnear_dev_first_10(polnear_gate, category: str, figure: str) -> None:
    assert polnear_gate["documents"] == 10 and polnear_gate["rejected"] == []
    assert polnear_gate[category][figure] >= FLOORS[(category, figure)], polnear_gate[category]


@pytest.fixture(scope="module")
def adaq_gate(pipeline):
    return evaluate_adaq(shared_data("adaq-ru-quotes"), pipeline=pipeline)


@pytest.mark.parametrize(("level", "figure"), sorted(ADAQ_FLOORS))
def test_quality_gate_adaq(adaq_gate, level: str, figure: str) -> None:
    assert adaq_gate[level][figure] >= ADAQ_FLOORS[(level, figure)], adaq_gate[level]
