"""`eval linking`: pairwise clustering scores, Jaccard of entity sets, SlavicNER and NTREX runs (real data where
present, skipped with a reason where not), and the command."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import shared_data
from newsdesk.cli import app
from newsdesk.evaluation.linking import (
    evaluate_ntrex_linking,
    evaluate_slavicner_linking,
    jaccard_sets,
    pairwise_scores,
    read_slavicner,
)
from newsdesk.model import Mention
from newsdesk.nlp.linking import known_entity, link_mentions

# --- scores ---------------------------------------------------------------------------------------------------


def brute_force(predicted, gold):
    pairs = list(itertools.combinations(range(len(gold)), 2))
    pred = {p for p in pairs if predicted[p[0]] == predicted[p[1]]}
    true = {p for p in pairs if gold[p[0]] == gold[p[1]]}
    return len(pred & true), len(pred), len(true)


def test_pairwise_scores_by_hand():
    # gold: {0,1,2} {3,4}; predicted: {0,1} {2,3,4}: pairs 01 and 34 are right, 23 and 24 wrong, 02 and 12 missed
    scores = pairwise_scores(["a", "a", "b", "b", "b"], [1, 1, 1, 2, 2])
    assert (scores["true_pairs"], scores["predicted_pairs"], scores["gold_pairs"]) == (2, 4, 4)
    assert (scores["precision"], scores["recall"], scores["f1"]) == (0.5, 0.5, 0.5)
    assert pairwise_scores(["x"], ["y"])["f1"] == 0.0  # no pair at all
    with pytest.raises(ValueError):
        pairwise_scores([1, 2], [1])


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=25))
def test_pairwise_counts_equal_brute_force(pairs):
    predicted, gold = [p for p, _ in pairs], [g for _, g in pairs]
    scores = pairwise_scores(predicted, gold)
    assert (scores["true_pairs"], scores["predicted_pairs"], scores["gold_pairs"]) == brute_force(predicted, gold)


def test_jaccard_sets():
    assert jaccard_sets({1, 2, 3}, {1, 2}, {2, 3}) == pytest.approx(1 / 3)
    assert jaccard_sets({1}, {1}) == 1.0
    assert jaccard_sets(set(), set()) is None


# --- SlavicNER (real data) --------------------------------------------------------------------------------------


def test_read_slavicner_offsets_and_ids():
    docs = read_slavicner(shared_data("slavicner-ru-uk"))
    assert {d.lang for d in docs} == {"ru", "uk"}
    assert len(docs) > 900
    for doc in docs[:50]:
        for m in doc.mentions:
            assert doc.text[m.start : m.end] == m.text
            assert re.fullmatch(r"[A-Z]+-\S+", m.entity), m.entity


def test_slavicner_linking_on_a_subset_beats_document_keys():
    """Across documents the store links what per-document keys leave apart, without losing precision.
    (The whole corpus is measured in benchmarks/RESULTS-ner.md; this subset keeps the test fast.)"""
    figures = evaluate_slavicner_linking(shared_data("slavicner-ru-uk"), limit=60)
    assert figures["n_docs"] == 60 and figures["n_mentions"] > 500
    linked, keys = figures["pairwise"], figures["keys_only"]
    assert linked["recall"] > keys["recall"]
    assert linked["precision"] >= 0.95
    assert linked["f1"] >= 0.80


# --- NTREX ------------------------------------------------------------------------------------------------------


def catalogue_recognizer(lang):
    """A stand-in recognizer for a fast test: every capitalised word or pair of words the catalogue knows."""

    def recognize(text):
        found = []
        for match in re.finditer(r"[A-ZА-ЯЁІЇЄҐ][\w'’-]+", text):
            known = known_entity(match.group(), lang, inflected=True)
            if known is not None:
                found.append(Mention(match.start(), match.end(), match.group(), known.label, match.group(), known.key))
        return link_mentions(found)

    return recognize


def write_ntrex(tmp_path, docs):
    folder = tmp_path / "ntrex"
    (folder / "NTREX-128").mkdir(parents=True)
    ids, lines = [], {"en": [], "ru": [], "uk": []}
    for doc_id, sentences in docs:
        for sentence in sentences:
            ids.append(doc_id)
            for lang, text in sentence.items():
                lines[lang].append(text)
    (folder / "DOCUMENT_IDS.tsv").write_text("\n".join(ids) + "\n", encoding="utf-8")
    for lang, name in (("en", "newstest2019-src.eng.txt"), ("ru", "newstest2019-ref.rus.txt"),
                       ("uk", "newstest2019-ref.ukr.txt")):
        (folder / "NTREX-128" / name).write_text("\n".join(lines[lang]) + "\n", encoding="utf-8")
    return folder


def test_ntrex_jaccard_per_document(tmp_path):
    folder = write_ntrex(tmp_path, [
        ("d1", [{"en": "NATO met in Kyiv.", "ru": "НАТО собралось в Киеве.", "uk": "НАТО зібралося в Києві."}]),
        ("d2", [{"en": "Ukraine asked the EU.", "ru": "Украина обратилась к ЕС.", "uk": "Україна звернулася."}]),
        ("d3", [{"en": "nothing here", "ru": "ничего", "uk": "нічого"}]),
    ])  # fmt: skip
    figures = evaluate_ntrex_linking(folder, recognizer=catalogue_recognizer)
    docs = {d["id"]: d for d in figures["documents"]}
    assert docs["d1"]["jaccard"] == 1.0 and (docs["d1"]["n_en"], docs["d1"]["n_ru"], docs["d1"]["n_uk"]) == (2, 2, 2)
    assert docs["d2"]["jaccard"] == 0.5  # the Ukrainian version does not name the EU
    assert docs["d2"]["pairwise_jaccard"] == pytest.approx((1 + 0.5 + 0.5) / 3, abs=1e-4)
    assert docs["d3"]["jaccard"] is None
    assert (figures["n_docs"], figures["n_scored"], figures["jaccard"]) == (3, 2, 0.75)
    assert figures["missing"][0]["entity"].startswith("European Union")
    counts = (figures["entities_found"], figures["entities_missing_somewhere"], figures["missing_with_similar_name"])
    assert counts == (4, 1, 0)


def test_ntrex_real_data_first_document(pipeline):
    figures = evaluate_ntrex_linking(shared_data("ntrex-en-ru-uk"), limit=1, recognizer=pipeline.recognizer)
    (doc,) = figures["documents"]
    assert doc["id"] == "bbc.381790" and min(doc["n_en"], doc["n_ru"], doc["n_uk"]) > 0
    assert 0.0 < doc["jaccard"] <= doc["pairwise_jaccard"] <= 1.0


# --- the command ------------------------------------------------------------------------------------------------


def test_eval_linking_command_on_slavicner():
    data = shared_data("slavicner-ru-uk")
    result = CliRunner().invoke(app, ["eval", "linking", "--data", str(data), "--limit", "20", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["dataset"] == "slavicner" and figures["n_docs"] == 20
    assert set(figures["pairwise"]) >= {"precision", "recall", "f1"}
    table = CliRunner().invoke(app, ["eval", "linking", "--data", str(data), "--limit", "5", "--gold-lemmas"],
                               env={"COLUMNS": "160"})
    assert table.exit_code == 0 and "gold lemmas" in table.output and "keys only" in table.output


def test_eval_linking_command_without_data(tmp_path):
    result = CliRunner().invoke(app, ["eval", "linking", "--data", str(tmp_path / "absent")])
    assert result.exit_code == 2 and "no dataset folder" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(app, ["eval", "linking", "--data", str(empty)])
    assert result.exit_code == 2 and "SlavicNER data not found" in result.output
