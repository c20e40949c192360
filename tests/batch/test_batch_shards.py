"""Parquet shards: what a worker writes reads back exactly; half-written and foreign files are not taken."""

from __future__ import annotations

import pytest

from newsdesk.batch.resume import Known
from newsdesk.errors import ConfigError, ReadError
from newsdesk.model import Article, RawDocument, Rejected

pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed (newsdesk[cluster])")
from newsdesk.batch.shards import iter_shard_records, shard_contents, shard_paths, write_shard  # noqa: E402

UK = "«Ми готові вислухати занепокоєння Росії», — заявив Столтенберг у Брюсселі.\n\nПереговори тривали дві години."


@pytest.fixture(scope="module")
def article(pipeline) -> Article:
    result = pipeline.process(RawDocument("uk.txt", UK, url="https://example.org/uk"))
    assert isinstance(result, Article) and result.quotes
    return result


def test_records_round_trip_in_order(article, tmp_path):
    rejected = Rejected("bad.html", "no article text found in HTML page", "read")
    missing = Rejected("gone.txt", "no such file or directory; check the path", "read", io_error=True)
    known = Known("copy.txt", article.id)
    write_shard([article, rejected, known, missing], tmp_path, 3)
    assert [p.name for p in shard_paths(tmp_path)] == ["part-000003.parquet"]
    assert list(iter_shard_records(tmp_path)) == [article, rejected, known, missing]


def test_contents_give_ids_sources_and_the_next_number(article, tmp_path):
    write_shard([article], tmp_path, 0)
    write_shard([Known("copy.txt", article.id), Rejected("x", "empty document")], tmp_path, 1)
    ids, sources, next_index = shard_contents(tmp_path)
    assert ids == {article.id}
    assert sources == {"uk.txt": article.id, "copy.txt": article.id}
    assert next_index == 2
    assert shard_contents(tmp_path / "none") == (set(), {}, 0)


def test_temporary_and_foreign_files_are_left_alone(article, tmp_path):
    import pyarrow.parquet as pq

    write_shard([article], tmp_path, 0)
    (tmp_path / ".part-000001.parquet.123.tmp").write_bytes(b"PAR1 half written")  # a run killed mid-write
    (tmp_path / "notes.txt").write_text("not a shard")
    assert [p.name for p in shard_paths(tmp_path)] == ["part-000000.parquet"]
    pq.write_table(pa.table({"x": [1]}), tmp_path / "part-000002.parquet")  # Parquet, but not ours
    with pytest.raises(ReadError, match="not a newsdesk shard"):
        list(iter_shard_records(tmp_path))


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(ConfigError, match="no shard folder"):
        shard_paths(tmp_path / "nope")
