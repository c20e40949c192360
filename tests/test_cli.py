"""The command line end to end: analyze, ingest with bad inputs, quotes across scripts, search."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from conftest import DEMO, SEED
from newsdesk.cli import app

runner = CliRunner()

RU_QUOTE = "«Мы не подпишем этот документ», — заявила министр Анна Ковальчук.\n\nМинистр выступила в Киеве."
GERMAN = (
    "Die Bundesregierung hat am Mittwoch neue Maßnahmen beschlossen. Der Kanzler sagte, man werde die "
    "Unterstützung für die Ukraine fortsetzen und gemeinsam mit den europäischen Partnern handeln."
)
# Russian and Ukrainian articles about the same event (written for these tests).
UK_ARTICLE = (
    "Генеральний секретар НАТО Єнс Столтенберг закликав Росію відвести війська.\n\n"
    "«Ми готові вислухати занепокоєння Росії», — заявив Столтенберг у Брюсселі."
)


def _bad_inputs(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    big = bad / "big.txt"
    with big.open("wb") as fh:  # 50 MB, over the 5 MB default
        fh.seek(50 * 1024 * 1024 - 1)
        fh.write(b"a")
    (bad / "german.txt").write_text(GERMAN, encoding="utf-8")
    (bad / "invalid.txt").write_bytes(b"\xff\xfe\xfa\x00\x81" * 200)
    lines = [
        json.dumps({"url": "u1", "title": "t1", "text": RU_QUOTE, "lang": "ru"}, ensure_ascii=False),
        "{this is not json",
        json.dumps({"url": "u2", "title": "t2", "text": UK_ARTICLE, "lang": "ua"}, ensure_ascii=False),
    ]
    (bad / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return bad


def test_ingest_reports_bad_inputs_and_stores_the_rest(tmp_path):
    db = tmp_path / "n.db"
    bad = _bad_inputs(tmp_path)
    result = runner.invoke(app, ["ingest", str(bad), str(SEED), "--db", str(db)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "2 " in out or "3 stored" in out
    for name in ("empty.txt", "image.txt", "big.txt", "german.txt", "mixed.jsonl:2"):
        assert name in out, name
    assert "3 stored" in out, out
    assert "unsupported language" in out
    con = sqlite3.connect(db)
    n_articles = con.execute("select count(*) from articles").fetchone()[0]
    n_quotes = con.execute("select count(*) from quotes").fetchone()[0]
    assert n_articles == 3 and n_quotes >= 5

    # Re-ingesting is a no-op: nothing duplicated, nothing lost.
    again = runner.invoke(app, ["ingest", str(bad), str(SEED), "--db", str(db)])
    assert again.exit_code == 0
    assert "3 unchanged" in again.output and "0 stored" in again.output
    assert con.execute("select count(*) from articles").fetchone()[0] == n_articles
    assert con.execute("select count(*) from quotes").fetchone()[0] == n_quotes

    failing = runner.invoke(app, ["ingest", str(bad), "--db", str(db), "--fail-on-reject"])
    assert failing.exit_code == 1


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "demo.db"
    jsonl = tmp_path_factory.mktemp("in") / "uk.jsonl"
    jsonl.write_text(json.dumps({"url": "u", "title": "t", "text": UK_ARTICLE}, ensure_ascii=False) + "\n")
    result = runner.invoke(app, ["ingest", str(SEED), str(jsonl), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_speaker_found_in_any_script(demo_db):
    latin = runner.invoke(app, ["quotes", "--speaker", "Stoltenberg", "--db", str(demo_db), "--json"])
    cyrillic = runner.invoke(app, ["quotes", "--speaker", "Столтенберг", "--db", str(demo_db), "--json"])
    assert latin.exit_code == 0 and cyrillic.exit_code == 0
    rows_latin = [json.loads(line) for line in latin.output.splitlines() if line.strip()]
    rows_cyr = [json.loads(line) for line in cyrillic.output.splitlines() if line.strip()]
    assert rows_latin == rows_cyr
    inflected = runner.invoke(app, ["quotes", "--speaker", "Столтенберга", "--db", str(demo_db), "--json"])
    assert [json.loads(line) for line in inflected.output.splitlines() if line.strip()] == rows_latin
    assert {r["lang"] for r in rows_latin} == {"en", "uk"}
    assert len(rows_latin) >= 4


def test_quotes_filter_by_language_alias(demo_db):
    result = runner.invoke(app, ["quotes", "--lang", "ua", "--db", str(demo_db), "--json"])
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert rows and all(r["lang"] == "uk" for r in rows)


def test_search_finds_english_and_cyrillic(demo_db):
    en = runner.invoke(app, ["search", "hotline", "--db", str(demo_db), "--json"])
    uk = runner.invoke(app, ["search", "Брюсселі", "--db", str(demo_db), "--json"])
    assert en.exit_code == 0 and uk.exit_code == 0
    assert "hotline" in en.output.lower()
    assert "Брюссел" in uk.output


def test_analyze_json_contract():
    result = runner.invoke(app, ["analyze", str(SEED), "--json"])
    assert result.exit_code == 0, result.output
    (line,) = [ln for ln in result.output.splitlines() if ln.startswith("{")]
    data = json.loads(line)
    assert data["schema"] == "newsdesk.article/1"
    assert data["lang"] == "en" and data["languages_offered"] == ["ru", "uk", "en"]
    assert data["published"]["year"] is None and data["published"]["day"] == 22
    for quote in data["quotes"]:
        assert data["text"][quote["start"] : quote["end"]] == quote["text"]
        assert set(quote) >= {"kind", "start", "end", "text", "opening_mark_missing", "speaker", "cue"}
    for ent in data["entities"]:
        assert set(ent) >= {"start", "end", "text", "label", "lemma", "key"}


def test_analyze_stdin_and_unknown_language_code():
    result = runner.invoke(app, ["analyze", "-", "--json"], input=RU_QUOTE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    data = json.loads([ln for ln in result.output.splitlines() if ln.startswith("{")][0])
    assert data["lang"] == "ru"
    assert data["quotes"][0]["speaker"]["name"] == "Анна Ковальчук"
    bad = runner.invoke(app, ["analyze", "-", "--lang", "de"], input=b"text")
    assert bad.exit_code == 2 and "unsupported language code" in bad.output


def test_quotes_without_database_says_what_to_do(tmp_path):
    result = runner.invoke(app, ["quotes", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "newsdesk ingest" in result.output


def test_demo_corpus_is_bundled_with_license():
    for lang in ("en", "ru", "uk"):
        path = DEMO / f"ntrex-{lang}.jsonl"
        assert sum(1 for _ in path.open(encoding="utf-8")) >= 20
    assert (DEMO / "LICENSE-NTREX.md").exists() and (DEMO / "ATTRIBUTION.md").exists()


def test_missing_input_is_an_io_error_but_the_rest_is_stored(tmp_path):
    db = tmp_path / "io.db"
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"), str(SEED), "--db", str(db)])
    assert result.exit_code == 3, result.output
    assert "nope.txt" in result.output and "no such file" in result.output
    assert sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0] == 1


def test_invalid_bytes_are_reported_as_a_warning_and_the_text_kept(tmp_path):
    path = tmp_path / "broken.txt"
    text = "Генеральний секретар НАТО Єнс Столтенберг закликав Росію відвести війська з кордону України."
    path.write_bytes(text.encode("utf-8")[:40] + b"\xff\xfe" + text.encode("utf-8")[40:])
    result = runner.invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert "broken.txt" in result.output and "invalid byte sequence" in result.output
    data = json.loads([ln for ln in result.output.splitlines() if ln.startswith("{")][0])
    assert data["warnings"] and data["lang"] == "uk"


def test_bad_settings_file_and_missing_spacy_pipeline_are_config_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsdesk.toml").write_text("max_document_bytes = \n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(SEED)])
    assert result.exit_code == 2 and "newsdesk.toml" in result.output and "Traceback" not in result.output
    (tmp_path / "newsdesk.toml").unlink()
    monkeypatch.setenv("NEWSDESK_SPACY_MODEL_EN", "no_such_pipeline")
    result = runner.invoke(app, ["analyze", str(SEED)])
    assert result.exit_code == 2 and "no_such_pipeline" in result.output
    assert result.output.count("no_such_pipeline") == 1 or "internal error" not in result.output


def test_search_takes_prefixes_phrases_and_survives_bad_syntax(demo_db):
    prefix = runner.invoke(app, ["search", "Брюссел*", "--db", str(demo_db), "--json"])
    assert prefix.exit_code == 0 and "Брюссел" in prefix.output
    phrase = runner.invoke(app, ["search", '"civilian hotline"', "--db", str(demo_db), "--json"])
    assert phrase.exit_code == 0 and len([ln for ln in phrase.output.splitlines() if ln.strip()]) >= 1
    wrong_order = runner.invoke(app, ["search", '"hotline civilian"', "--db", str(demo_db), "--json"])
    assert wrong_order.output.strip() == ""
    broken = runner.invoke(app, ["search", "(hotline", "--db", str(demo_db), "--json"])
    assert broken.exit_code == 0 and "hotline" in broken.output.lower()


def test_eval_quotes_prints_the_issue_protocol_as_json():
    from conftest import shared_data

    polnear = shared_data("polnear")
    result = runner.invoke(app, ["eval", "quotes", "--data", str(polnear), "--limit", "3", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads([ln for ln in result.output.splitlines() if ln.startswith("{")][0])
    for part in ("direct", "all"):
        assert set(figures[part]) >= {
            "precision", "recall", "f1", "exact_f1", "speaker_accuracy", "cue_f1", "n_gold", "n_pred"
        }
    missing = runner.invoke(app, ["eval", "quotes", "--data", "/nonexistent/polnear"])
    assert missing.exit_code == 2 and "no dataset folder" in missing.output


@pytest.mark.parametrize("command", [[], ["quotes"], ["ingest"], ["eval"], ["eval", "ner"], ["serve"], ["entities"]])
def test_help_names_what_an_option_takes_not_its_python_type(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    options = result.output[result.output.index("Options"):]
    for python_type in ("<bool>", "<str>", "<int", "<path>", "<float"):
        assert python_type not in options, (command, python_type)
    if command == ["quotes"]:
        assert "NAME" in options and "FILE" in options


@pytest.mark.parametrize("command", [["ingest"], ["analyze"], ["eval", "quotes"], ["quotes"]])
def test_help_uses_unix_notation_not_typers(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    usage = next(line for line in result.output.splitlines() if "Usage:" in line)
    assert "[x>=" not in result.output and "{" not in usage, result.output[:400]
    if command in (["ingest"], ["analyze"]):
        assert f"newsdesk {command[0]} [OPTIONS] PATH..." in result.output


def test_an_unknown_engine_is_refused_naming_the_engines(tmp_path) -> None:
    result = runner.invoke(app, ["ingest", str(SEED), "--db", str(tmp_path / "n.db"), "--engine", "spark"])
    assert result.exit_code == 2
    assert "'spark' is no engine: use local or dask" in result.output and "Value error" not in result.output
    assert not (tmp_path / "n.db").exists()


def test_a_rejected_jsonl_line_is_named_once(tmp_path) -> None:
    news = tmp_path / "news.jsonl"
    news.write_text('{"text": "NATO said on Monday that it was ready for talks with Russia."}\nnot json\n',
                    encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(news), "--db", str(tmp_path / "n.db"), "--workers", "1"])
    assert f"{news}:2: not valid JSON" in result.output and "line 2:" not in result.output
