"""WARC archives: HTML response records become documents with the record's URL and date; every other
record that looks like a page (PDF, 404, revisit, truncated, malformed) is a Rejected naming file and offset.

The archives are built here with warcio's writer from HTML written for these tests.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.model import Article, RawDocument, Rejected
from newsdesk.read import iter_documents, iter_paths
from newsdesk.read.warc import WarcPage, printable, read_warc

EN_URL = "https://news.example.org/world/2023/03/14/talks"
RU_URL = "https://novosti.example.ru/politika/peregovory"
EN_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Talks resume in Geneva</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks resume in Geneva</h1>
<p>Negotiators from both sides met in Geneva on Tuesday for the first time in three months.</p>
<p>"We are ready to listen to every proposal on the table," the foreign minister Anna Keller told reporters.</p>
<p>The talks are expected to last until Friday, officials said, and a joint statement could follow.</p>
</article><footer>Copyright Example News</footer></body></html>"""
# No <html lang>: the HTTP Content-Language header gives the language; the page is in cp1251.
RU_HTML = """<html><head><meta charset="windows-1251"><title>Переговоры продолжатся</title></head>
<body><article><h1>Переговоры продолжатся</h1>
<p>Делегации двух стран встретились во вторник в Женеве впервые за три месяца.</p>
<p>«Мы готовы выслушать каждое предложение», — заявила министр иностранных дел Анна Ковальчук.</p>
<p>Переговоры продлятся до пятницы, сообщили официальные лица, после чего возможно совместное заявление.</p>
</article></body></html>"""
FETCHED = "2023-03-14T10:15:00Z"


def _http(status: str, content_type: str | None, extra: list[tuple[str, str]] = ()) -> StatusAndHeaders:
    headers = [("Content-Type", content_type)] if content_type else []
    return StatusAndHeaders(status, headers + list(extra), protocol="HTTP/1.1")


def _response(writer: WARCWriter, url: str, body: bytes, http: StatusAndHeaders, date: str = FETCHED, **warc):
    headers = {"WARC-Date": date, **warc}
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                     warc_headers_dict=headers)  # fmt: skip


def build_warc(path: Path, *, gzipped: bool) -> dict[str, int]:
    """Write a small crawl to ``path``; return each record's byte offset by a name."""
    offsets: dict[str, int] = {}
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzipped)

        def put(name: str, record) -> None:
            offsets[name] = fh.tell()
            writer.write_record(record)

        put("warcinfo", writer.create_warcinfo_record(path.name, {"software": "newsdesk tests"}))
        put("request", writer.create_warc_record(
            EN_URL, "request", payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders("GET /world/2023/03/14/talks HTTP/1.1", [("Host", "news.example.org")],
                                          is_http_request=True)))  # fmt: skip
        put("en", _response(writer, EN_URL, EN_HTML.encode("utf-8"), _http("200 OK", "text/html; charset=utf-8")))
        put("pdf", _response(writer, "https://news.example.org/report.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj",
                             _http("200 OK", "application/pdf")))  # fmt: skip
        put("404", _response(writer, "https://news.example.org/gone", b"<html><body>Not here</body></html>",
                             _http("404 Not Found", "text/html")))  # fmt: skip
        put("cut", _response(writer, "https://news.example.org/long", EN_HTML.encode("utf-8"),
                             _http("200 OK", "text/html"), **{"WARC-Truncated": "length"}))  # fmt: skip
        put("revisit", writer.create_revisit_record(
            EN_URL, digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", refers_to_uri=EN_URL, refers_to_date=FETCHED,
            http_headers=_http("200 OK", "text/html")))  # fmt: skip
        put("ru", _response(writer, RU_URL, RU_HTML.encode("cp1251"),
                            _http("200 OK", "text/html", [("Content-Language", "ru")]), date="2023-03-15T08:00:00Z"))
    return offsets


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def archive(request, tmp_path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / ("crawl.warc.gz" if request.param else "crawl.warc")
    return path, build_warc(path, gzipped=request.param)


def test_html_responses_become_documents_with_url_and_fetch_date(archive):
    path, offsets = archive
    results = list(iter_documents([str(path)]))
    docs = [r for r in results if isinstance(r, RawDocument)]
    assert [d.url for d in docs] == [EN_URL, RU_URL]
    en, ru = docs
    assert en.source == f"{path}@{offsets['en']}"
    assert en.fetched == FETCHED and ru.fetched == "2023-03-15T08:00:00Z"
    assert "the foreign minister Anna Keller told reporters" in en.text
    assert "Copyright Example News" not in en.text and "Home" not in en.text  # page chrome left out
    assert en.title == "Talks resume in Geneva" and en.lang_hint == "en"
    assert "заявила министр иностранных дел Анна Ковальчук" in ru.text  # cp1251 decoded
    assert ru.encoding == "cp1251"
    assert ru.lang_hint == "ru"  # from the HTTP Content-Language header: the page declares none


def test_other_records_are_reported_with_file_and_offset_or_skipped(archive):
    path, offsets = archive
    rejected = {r.source: r.reason for r in iter_documents([str(path)]) if isinstance(r, Rejected)}
    where = {name: f"{path}@{offsets[name]}" for name in offsets}
    assert set(rejected) == {where["pdf"], where["404"], where["cut"], where["revisit"]}  # warcinfo, request: silent
    assert rejected[where["pdf"]].startswith("not an HTML page (Content-Type: application/pdf)")
    assert rejected[where["404"]].startswith("HTTP status 404 Not Found")
    assert "WARC-Truncated: length" in rejected[where["cut"]]
    assert rejected[where["revisit"]].startswith("WARC revisit record")
    raw = path.read_bytes()
    for name in ("pdf", "404"):  # the offset is where the record starts in the file
        start = raw[offsets[name]:]
        assert start.startswith(b"\x1f\x8b") if path.suffix == ".gz" else start.startswith(b"WARC/1.")
    if path.suffix == ".gz":
        assert gzip.decompress(raw[offsets["pdf"]:offsets["404"]]).startswith(b"WARC/1.")


def test_archive_cut_short_keeps_the_records_before_and_reports_the_cut_one(archive, tmp_path):
    path, offsets = archive
    cut = tmp_path / ("cut" + "".join(path.suffixes))
    end = offsets["ru"] + (len(path.read_bytes()) - offsets["ru"]) // 2  # half of the last record
    cut.write_bytes(path.read_bytes()[:end])
    results = list(iter_documents([str(cut)]))
    assert [r.url for r in results if isinstance(r, RawDocument)] == [EN_URL]
    last = results[-1]
    assert isinstance(last, Rejected) and last.source == f"{cut}@{offsets['ru']}"
    assert last.reason.startswith("truncated WARC record")


def test_malformed_stretch_is_reported_and_reading_goes_on_at_the_next_record(archive, tmp_path):
    path, offsets = archive
    raw = path.read_bytes()
    junk = b"this is not a WARC record\r\n\r\n" + b"\x00\xffGARBAGE" * 10
    broken = tmp_path / ("broken" + "".join(path.suffixes))
    broken.write_bytes(raw[: offsets["pdf"]] + junk + raw[offsets["pdf"]:])
    results = list(iter_documents([str(broken)]))
    assert [r.url for r in results if isinstance(r, RawDocument)] == [EN_URL, RU_URL]
    bad = results[1]
    assert bad.source == f"{broken}@{offsets['pdf']}" and bad.reason.startswith("malformed WARC record")
    assert f"skipped to the next record, at byte {offsets['pdf'] + len(junk):,}" in bad.reason
    after = [r.source for r in results[2:] if isinstance(r, Rejected)]  # later records keep their true offsets
    assert after[0] == f"{broken}@{offsets['pdf'] + len(junk)}"
    assert len(after) == 4  # pdf, 404, cut, revisit


def test_gzip_member_that_does_not_inflate_costs_only_that_record(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    offsets = build_warc(path, gzipped=True)
    raw = bytearray(path.read_bytes())
    middle = (offsets["en"] + offsets["pdf"]) // 2  # inside the English page's compressed data
    raw[middle:middle + 40] = b"\xff" * 40
    path.write_bytes(bytes(raw))
    results = list(iter_documents([str(path)]))
    assert [r.url for r in results if isinstance(r, RawDocument)] == [RU_URL]
    bad = [r for r in results if isinstance(r, Rejected) and r.reason.startswith("malformed WARC record")]
    assert [r.source for r in bad] == [f"{path}@{offsets['en']}"]
    assert f"at byte {offsets['pdf']:,}" in bad[0].reason
    assert f"{path}@{offsets['pdf']}" in {r.source for r in results if isinstance(r, Rejected)}


def test_on_a_pipe_the_rest_after_a_malformed_record_is_skipped(archive):
    path, offsets = archive
    raw = path.read_bytes()

    class Pipe(io.RawIOBase):  # a stream that cannot seek, like stdin
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            chunk = self._data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    results = list(read_warc(Pipe(raw[: offsets["pdf"]] + b"junk\r\n\r\n" + raw[offsets["pdf"]:]), "-"))
    assert [r.url for r in results if isinstance(r, RawDocument)] == [EN_URL]
    assert "rest of the archive is skipped" in results[-1].reason


def test_control_characters_from_the_archive_do_not_reach_messages(tmp_path):
    path = tmp_path / "esc.warc"
    build_warc(path, gzipped=False)
    raw = path.read_bytes()
    with path.open("wb") as fh:  # and a header value carrying an escape sequence
        fh.write(raw)
        writer = WARCWriter(fh, gzip=False)
        writer.write_record(_response(writer, "https://news.example.org/x", b"%PDF",
                                      _http("200 OK", "application/pdf\x1b[2J")))  # fmt: skip
        fh.write(b"\x1b]0;PWNED\x07\x1b[41mRED\x1b[0m\r\n\r\n")
    rejected = [r for r in iter_documents([str(path)]) if isinstance(r, Rejected)]
    messages = [r.reason for r in rejected]
    assert any("application/pdf\\x1b[2j" in m for m in messages)  # the media type is lower-cased
    assert any("\\x1b]0;PWNED\\x07" in m for m in messages)
    assert not any(c in m for m in messages for c in "\x1b\x07\x00")


def test_printable_escapes_controls_and_keeps_letters():
    assert printable("Заявление\tминистра\x1b[31m") == "Заявление министра\\x1b[31m"
    assert printable("a\u202eb") == "a\\u202eb" and printable("x" * 10, 4) == "xxxx..."


def test_a_file_that_is_no_warc_is_rejected_and_the_next_input_read(tmp_path, archive):
    path, _ = archive
    fake = tmp_path / "notes.warc"
    fake.write_text("Just some notes, not an archive.\n", encoding="utf-8")
    results = list(iter_documents([str(fake), str(path)]))
    assert results[0].source == f"{fake}@0" and results[0].reason.startswith("not a WARC archive")
    assert sum(isinstance(r, RawDocument) for r in results) == 2


def test_page_over_the_size_limit_is_rejected_without_the_rest_suffering(archive):
    path, offsets = archive
    results = list(iter_documents([str(path)], max_document_bytes=len(RU_HTML.encode("cp1251")) + 10))
    too_big = [r for r in results if isinstance(r, Rejected) and "max_document_bytes" in r.reason]
    assert [r.source for r in too_big] == [f"{path}@{offsets['en']}"]  # the English page is the longer one
    assert [r.url for r in results if isinstance(r, RawDocument)] == [RU_URL]


def test_deferred_pages_read_to_what_is_read_at_once(archive):
    path, _ = archive
    with path.open("rb") as fh:
        at_once = list(read_warc(fh, str(path)))
    with path.open("rb") as fh:
        deferred = list(read_warc(fh, str(path), defer=True))
    pages = [r for r in deferred if isinstance(r, WarcPage)]
    assert [p.url for p in pages] == [EN_URL, RU_URL] and pages[1].content_language == "ru"
    assert [r.read() if isinstance(r, WarcPage) else r for r in deferred] == at_once


def test_gzip_content_encoding_is_undone(tmp_path):
    path = tmp_path / "enc.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(_response(writer, EN_URL, gzip.compress(EN_HTML.encode("utf-8")),
                                      _http("200 OK", "text/html", [("Content-Encoding", "gzip")])))  # fmt: skip
    (doc,) = iter_documents([str(path)])
    assert isinstance(doc, RawDocument) and "Anna Keller" in doc.text


def test_directories_pick_up_warc_files_but_not_other_gzip_files(tmp_path):
    build_warc(tmp_path / "a.warc.gz", gzipped=True)
    build_warc(tmp_path / "b.WARC", gzipped=False)
    (tmp_path / "c.json.gz").write_bytes(gzip.compress(b"{}"))
    assert [p.name for p in iter_paths([str(tmp_path)])] == ["a.warc.gz", "b.WARC"]


def test_warc_article_through_the_pipeline_keeps_url_and_offsets(pipeline, tmp_path):
    path = tmp_path / "one.warc.gz"
    build_warc(path, gzipped=True)
    doc = next(r for r in iter_documents([str(path)]) if isinstance(r, RawDocument))
    article = pipeline.process(doc)
    assert isinstance(article, Article)
    assert article.url == EN_URL and article.lang == "en"
    assert article.fetched == FETCHED and article.published != FETCHED  # capture time, not a publication date
    quote = next(q for q in article.quotes if "ready to listen" in q.text)
    assert article.text[quote.start:quote.end] == quote.text
    assert quote.speaker is not None and "Keller" in quote.speaker.text
