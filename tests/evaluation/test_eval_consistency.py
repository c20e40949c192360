"""Cross-lingual consistency (newsdesk.evaluation.consistency) on a tiny hand-made NTREX-like folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.errors import ConfigError
from newsdesk.evaluation import evaluate_consistency, read_ntrex, same_speaker, similar_speaker

# three documents, one sentence per line, line-aligned across languages
DOCS = {
    "a": {
        "en": ["NATO Secretary-General Jens Stoltenberg spoke in Brussels.",
               '"We are ready to talk," Stoltenberg said.', "The talks will continue."],
        "ru": ["Генеральный секретарь НАТО Йенс Столтенберг выступил в Брюсселе.",
               "«Мы готовы к переговорам», — сказал Столтенберг.", "Переговоры продолжатся."],
        "uk": ["Генеральний секретар НАТО Єнс Столтенберг виступив у Брюсселі.",
               "«Ми готові до переговорів», — сказав Столтенберг.", "Переговори триватимуть."],
    },
    # the translations report the words without quotation marks: counts disagree
    "b": {
        "en": ['"It will rain tomorrow," the forecaster said.'],
        "ru": ["Синоптик сказал, что завтра пойдет дождь."],
        "uk": ["Синоптик сказав, що завтра піде дощ."],
    },
    "c": {
        "en": ["The museum opens at ten."],
        "ru": ["Музей открывается в десять."],
        "uk": ["Музей відкривається о десятій."],
    },
}
FILES = {"en": "newstest2019-src.eng.txt", "ru": "newstest2019-ref.rus.txt", "uk": "newstest2019-ref.ukr.txt"}


def _write(root: Path) -> None:
    (root / "NTREX-128").mkdir(parents=True)
    ids = [d for d, langs in DOCS.items() for _ in langs["en"]]
    (root / "DOCUMENT_IDS.tsv").write_text("\n".join(ids) + "\n", encoding="utf-8")
    for lang, name in FILES.items():
        lines = [line for langs in DOCS.values() for line in langs[lang]]
        (root / "NTREX-128" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_read_ntrex_groups_lines_by_document(tmp_path: Path) -> None:
    _write(tmp_path)
    docs = read_ntrex(tmp_path)
    assert [d for d, _ in docs] == ["a", "b", "c"]
    assert docs[0][1]["uk"].splitlines() == DOCS["a"]["uk"]


def test_misaligned_files_are_a_config_error(tmp_path: Path) -> None:
    _write(tmp_path)
    (tmp_path / "NTREX-128" / FILES["ru"]).write_text("one line\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line-aligned"):
        read_ntrex(tmp_path)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("per:jens stoltenberg", "per:jens stoltenberg", True),
        ("per:jens stoltenberg", "per:stoltenberg", True),   # surname alone in one language
        ("per:trump", "per:tramp", True),                    # one name spelled by two languages (linking)
        ("per:donald trump", "per:patin", False),
        ("per:putin", "per:patin", True),                    # cross-language spelling rule, as linking applies it
        ("per:jens stoltenberg", "per:putin", False),
        (None, "per:putin", False),
        ("per:mon jae in", "per:kim chen in", False),        # two full names never match by one shared word
        ("per:kim jong un", "per:kim chen in", True),        # Korean names by syllable (linking.same_name)
        ("per:kane vest", "per:kane vesti", True),           # a Ukrainian case ending left on the surname
        ("per:joan puig", "per:goan puch", True),             # given names that sound alike (Joan / Жоан)
        ("per:robert rai blak dalei", "per:tom deili", False),  # father and son: the given names differ
    ],
)
def test_same_speaker(a, b, same: bool) -> None:
    assert same_speaker(a, b) is same


def test_similar_speaker_accepts_close_transliterations_only() -> None:
    assert similar_speaker("per:donald trump", "per:tramp")
    assert similar_speaker("per:selina sambung", "per:sumbung")
    assert same_speaker("per:donald trump", "per:tramp")
    assert not similar_speaker("per:jens stoltenberg", "per:putin")


def test_evaluate_consistency_with_the_pipeline(tmp_path: Path, pipeline) -> None:
    _write(tmp_path)
    got = evaluate_consistency(tmp_path, pipeline=pipeline)
    assert got["documents"] == 3 and got["with_quotes"] == 2 and got["counts_agree"] == 1
    assert got["count_agreement"] == 0.5
    assert got["disagreeing"] == ["b"] and got["n_unaligned"] == 1
    assert got["quotes"] == {"en": 2, "ru": 1, "uk": 1}
    assert (got["n_aligned"], got["n_speaker_scored"], got["n_speaker_same"]) == (1, 1, 1)
    assert got["speaker_agreement"] == 1.0
    limited = evaluate_consistency(tmp_path, pipeline=pipeline, limit=1)
    assert limited["documents"] == 1 and limited["count_agreement"] == 1.0


def test_missing_ntrex_data_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no-ntrex-here"):
        evaluate_consistency(tmp_path / "no-ntrex-here")


# --- quality gate (floors in tests/quality_floors.toml) ------------------------------------------------------------


def test_quality_gate_ntrex_first_25(pipeline) -> None:
    import tomllib

    from conftest import shared_data

    floors = tomllib.loads((Path(__file__).resolve().parents[1] / "quality_floors.toml").read_text("utf-8"))
    result = evaluate_consistency(shared_data("ntrex-en-ru-uk"), pipeline=pipeline, limit=25)
    assert result["documents"] == 25
    for figure, floor in floors["ntrex_first_25"].items():
        assert result[figure] >= floor, (figure, result[figure])
