"""The ADAQ scorer (newsdesk.evaluation.quotes): TSV reading and token alignment, sentence detection and token
content scores, on tiny hand-made files written to tmp_path."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from newsdesk.errors import ConfigError
from newsdesk.evaluation import AdaqSentence, evaluate_adaq, read_adaq, score_sentence
from newsdesk.model import Quote, Speaker

# (sentence id, [(token, tag), ...]); the sentence text is the tokens joined as Russian text writes them
SENTENCES = [
    ("s1", "«Мы готовы к переговорам», — заявил Дмитрий Песков.",
     [("«", "None"), ("Мы", "content"), ("готовы", "content"), ("к", "content"), ("переговорам", "content"),
      ("»", "None"), (",", "None"), ("—", "None"), ("заявил", "cue"), ("Дмитрий", "source"), ("Песков", "source"),
      (".", "None")]),
    ("s2", "Погода в Москве остается теплой.",
     [("Погода", "None"), ("в", "None"), ("Москве", "None"), ("остается", "None"), ("теплой", "None"), (".", "None")]),
    ("s3", 'Он читал роман "Мать".',  # a title in marks, no quotation
     [("Он", "None"), ("читал", "None"), ("роман", "None"), ('"', "None"), ("Мать", "None"), ('"', "None"),
      (".", "None")]),
]


def _write(root: Path, sentences=SENTENCES) -> None:
    data = root / "data"
    data.mkdir(parents=True)
    with open(data / "ru_sentences.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["sentences", "sentence_id"])
        for sid, text, _ in sentences:
            w.writerow([text, sid])
    with open(data / "ru_tokens.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["lemmas", "text", "sentence_num", "index_of_token_sent", "tags"])
        for sid, _, tokens in sentences:
            for i, (tok, tag) in enumerate(tokens, 1):
                w.writerow([tok.lower(), tok, sid, i, tag])


def test_read_adaq_aligns_tokens_including_csv_quoted_marks(tmp_path: Path) -> None:
    _write(tmp_path)
    got = read_adaq(tmp_path)
    assert [s.id for s in got] == ["s1", "s2", "s3"]
    for sent in got:
        assert all(sent.text[s:e] for s, e, _ in sent.tokens)
    s3 = got[2]
    assert [s3.text[s:e] for s, e, _ in s3.tokens] == ["Он", "читал", "роман", '"', "Мать", '"', "."]
    s1 = got[0]
    assert [s1.text[s:e] for s, e, t in s1.tokens if t == "source"] == ["Дмитрий", "Песков"]


def test_score_sentence_detection_tokens_and_speaker() -> None:
    text = "Песков заявил, что переговоры продолжатся."
    words = ["Песков", "заявил", ",", "что", "переговоры", "продолжатся", "."]
    tags = ["source", "cue", "None", "content", "content", "content", "None"]
    pos, toks = 0, []
    for w, t in zip(words, tags):
        i = text.index(w, pos)
        pos = i + len(w)
        toks.append((i, pos, t))
    sent = AdaqSentence("x", text, tuple(toks))
    missed = score_sentence(sent, [])
    assert (missed.gold_pos, missed.pred_pos, missed.true_pos, missed.tok_gold, missed.tok_pred) == (1, 0, 0, 3, 0)
    s = text.index("переговоры")
    e = text.index(".")
    found = Quote("indirect", s, e, text[s:e], speaker=Speaker(0, 6, "Песков"))
    got = score_sentence(sent, [found])
    assert (got.true_pos, got.tok_gold, got.tok_pred, got.tok_ok) == (1, 3, 2, 2)
    assert (got.spk_total, got.spk_ok) == (1, 1)
    # offsets of a stripped text are shifted back
    shifted = Quote("indirect", s - 1, e - 1, text[s:e], speaker=Speaker(0, 5, "Песков"))
    assert score_sentence(sent, [shifted], offset=1).tok_ok == 2


def test_evaluate_adaq_with_the_pipeline(tmp_path: Path, pipeline) -> None:
    _write(tmp_path)
    calls = []
    got = evaluate_adaq(tmp_path, pipeline=pipeline, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (3, 3)
    assert got["sentences"] == 3
    assert got["sentence"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "n_gold": 1, "n_pred": 1}
    assert got["token"]["n_gold"] == 4 and got["token"]["recall"] == 1.0 and got["token"]["precision"] == 1.0
    assert got["speaker_accuracy"] == 1.0
    assert got["marked"]["sentences"] == 2  # s1 and s3 hold quotation marks


def test_missing_adaq_data_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no-adaq-here"):
        evaluate_adaq(tmp_path / "no-adaq-here")
