"""iter_documents: files, directories, globs and stdin; every failure is a Rejected and the batch goes on."""

from __future__ import annotations

import io
import json
import pathlib
from pathlib import Path

import pytest

import conftest
from conftest import shared_data
from newsdesk.model import RawDocument, Rejected
from newsdesk.read import iter_documents, iter_paths

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.fixture(scope="module")
def seed_bytes() -> bytes:
    for path in (conftest.SEED, conftest.SHARED / "seed" / "000_bd9733fec56149a6.txt"):
        if path.exists():
            return path.read_bytes()
    pytest.skip("seed document not found (data/demo/seed or ../shared/seed)")


@pytest.fixture(scope="module")
def uk_story() -> list[str]:
    path = shared_data("ntrex-en-ru-uk", "NTREX-128", "newstest2019-ref.ukr.txt")
    return path.read_text(encoding="utf-8").splitlines()[:16]


@pytest.fixture()
def tree(tmp_path, seed_bytes, uk_story) -> Path:
    """A folder of mixed inputs, hidden ones included."""
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_bytes(seed_bytes)
    capture = "RU  UA  EN\n\nСереда, 22 січня\nполітика\n\n" + uk_story[0] + "\n\n" + "\n\n".join(uk_story[1:])
    (tmp_path / "b" / "uk-cp1251.txt").write_bytes(capture.encode("cp1251"))
    (tmp_path / "b" / "deep" / "page.htm").write_text(
        "<!DOCTYPE html><html lang='uk'><head><title>Т</title></head><body><article>"
        + "".join(f"<p>{line}</p>" for line in uk_story[1:])
        + "</article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "photo.txt").write_bytes(PNG)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / ".hidden.txt").write_bytes(seed_bytes)
    (tmp_path / ".git" / "config.txt").write_bytes(seed_bytes)
    return tmp_path


def _by_name(results) -> dict[str, RawDocument | Rejected]:
    return {Path(r.source).name: r for r in results}


def test_directory_walk(tree, uk_story):
    results = list(iter_documents([str(tree)]))
    names = [Path(r.source).relative_to(tree).as_posix() for r in results]
    assert names == ["a.txt", "b/deep/page.htm", "b/uk-cp1251.txt", "empty.txt", "photo.txt"]
    got = _by_name(results)
    assert got["a.txt"].title.startswith("NATO responded") and got["a.txt"].encoding == "utf-8"
    assert got["empty.txt"] == Rejected(str(tree / "empty.txt"), "empty document", "read")
    assert got["photo.txt"] == Rejected(str(tree / "photo.txt"), "binary file (looks like PNG image), not text", "read")
    uk = got["uk-cp1251.txt"]
    assert uk.encoding == "cp1251" and uk.title == uk_story[0] and uk.section == "політика"
    assert uk.date_text == "Середа, 22 січня"
    page = got["page.htm"]
    assert page.lang_hint == "uk" and uk_story[1] in page.text


def test_globs(tree):
    top = [Path(r.source).name for r in iter_documents([str(tree / "*.txt")])]
    assert top == ["a.txt", "empty.txt", "photo.txt"]  # hidden files not matched
    deep = [Path(r.source).name for r in iter_documents([str(tree / "**" / "*.txt")])]
    assert deep == ["a.txt", "uk-cp1251.txt", "empty.txt", "photo.txt"]
    everything = [Path(p).name for p in iter_paths([str(tree / "**")])]
    assert set(everything) == {"a.txt", "empty.txt", "photo.txt", "uk-cp1251.txt", "page.htm"}


def test_missing_inputs_do_not_stop_the_batch(tree):
    results = list(iter_documents([str(tree / "nope.txt"), str(tree / "none-*.txt"), str(tree / "a.txt")]))
    assert results[0] == Rejected(str(tree / "nope.txt"), "no such file or directory; check the path", "read", io_error=True)
    assert results[1].source == str(tree / "none-*.txt") and results[1].io_error
    assert results[1].reason.startswith("the pattern matched no files")
    assert isinstance(results[2], RawDocument)


def test_same_file_twice_is_read_once(tree):
    assert len(list(iter_documents([str(tree / "a.txt"), str(tree), str(tree / "a.txt")]))) == 5


def test_single_path_is_one_input(tree):
    (result,) = iter_documents(tree / "a.txt")
    assert isinstance(result, RawDocument)


def test_oversized_file_is_rejected_unread(tmp_path, monkeypatch, seed_bytes):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)  # 6 MiB, sparse: nothing written
    small = tmp_path / "small.txt"
    small.write_bytes(seed_bytes)
    opened: list[str] = []
    real_open = pathlib.Path.open

    def spy(self, *args, **kwargs):
        if self.parent == tmp_path:  # language data files may load lazily meanwhile: not ours to count
            opened.append(self.name)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", spy)
    results = list(iter_documents([str(big), str(small)]))
    assert results[0] == Rejected(
        str(big),
        "file is 6,291,456 bytes, over max_document_bytes=5,000,000; raise NEWSDESK_MAX_DOCUMENT_BYTES to read it",
        "read",
    )
    assert isinstance(results[1], RawDocument)
    assert opened == ["small.txt"]


def test_html_sniffed_in_a_txt_file(tmp_path, uk_story):
    path = tmp_path / "saved.txt"
    html = "<html><head><title>Saved page</title></head><body><article>" + "".join(
        f"<p>{line}</p>" for line in uk_story[1:]
    ) + "</article></body></html>"
    path.write_text("\n" + html, encoding="utf-8")
    (result,) = iter_documents([str(path)])
    assert result.title == "Saved page" and "<p>" not in result.text


def test_jsonl_sniffed_without_extension(tmp_path, uk_story):
    path = tmp_path / "export"
    path.write_text(json.dumps({"text": "\n".join(uk_story[1:]), "lang": "uk"}, ensure_ascii=False) + "\n", encoding="utf-8")
    (result,) = iter_documents([str(path)])
    assert result.source == f"{path}:1" and result.lang_hint == "uk"


def test_stdin_capture(seed_bytes):
    (result,) = iter_documents(["-"], stdin=io.BytesIO(seed_bytes.replace(b"\n", b"\r\n")))
    assert result.source == "<stdin>"
    assert result.title.startswith("NATO responded") and result.section == "politics"
    assert "\r" not in result.text


def test_stdin_over_the_limit(seed_bytes):
    (result,) = iter_documents(["-"], stdin=io.BytesIO(seed_bytes), max_document_bytes=1000)
    assert result == Rejected(
        "<stdin>", "input is over max_document_bytes=1,000 bytes; raise NEWSDESK_MAX_DOCUMENT_BYTES to read it", "read"
    )


def test_stdin_jsonl_longer_than_the_limit_is_streamed(uk_story):
    lines = [json.dumps({"text": line, "lang": "ua"}, ensure_ascii=False) for line in uk_story[1:]]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    limit = max(len(line.encode()) for line in lines) + 10
    assert len(data) > limit
    results = list(iter_documents(["-"], stdin=io.BytesIO(data), max_document_bytes=limit))
    assert [r.text for r in results] == uk_story[1:]
    assert results[-1].source == f"<stdin>:{len(lines)}"


def test_directory_walk_reads_news_files_only(tmp_path, seed_bytes):
    (tmp_path / "article.txt").write_bytes(seed_bytes)
    (tmp_path / "README.md").write_text("# notes about this folder\n\nNot an article.", encoding="utf-8")
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    assert [p.name for p in iter_paths([str(tmp_path)])] == ["article.txt"]
    # named explicitly, any suffix is read
    assert [p.name for p in iter_paths([str(tmp_path / "README.md")])] == ["README.md"]
