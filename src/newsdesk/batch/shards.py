"""Parquet shards: analysis results written by batch workers, imported into a database later.

``newsdesk ingest --engine dask --out DIR`` has each Dask task write the
results of its batch of documents as one Parquet file in ``DIR`` (pyarrow);
``newsdesk load DIR`` reads them back and stores them (:func:`load_shards`).
Loading is idempotent: articles are stored by content hash, so loading the
same shards again (or shards that overlap) adds nothing.

Shard layout (one row per document, in input order)::

    part-000042.parquet       shard 42; file metadata {"newsdesk.shard": "1"}
      kind      string   "article", "rejected", or "known" (content already in an
                         earlier shard, read again from another source)
      id        string   the article id (article, known), else null
      source    string   where the document came from
      lang      string   ISO 639-1 (article), else null
      json      string   the whole article as newsdesk.article/1 JSON (article), else null
      reason    string   why it was rejected (rejected), else null
      stage     string   the stage that rejected it (rejected), else null
      io_error  bool     the input could not be read at all (rejected)

A shard is written under a hidden temporary name and renamed when complete,
so a killed run leaves no half-written shard for ``load`` to read.

pyarrow is an optional dependency (``pip install 'newsdesk[cluster]'``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsdesk.errors import ConfigError, ExtractError, ReadError
from newsdesk.batch.resume import Known
from newsdesk.model import Article, Rejected
from newsdesk.serialize import article_from_dict, article_to_dict

__all__ = ["SHARD_FORMAT", "iter_shard_records", "shard_contents", "shard_name", "shard_paths", "write_shard"]

SHARD_FORMAT = "1"
"""The version written into every shard's metadata (key ``newsdesk.shard``)."""

_NAME = re.compile(r"^part-(\d{6,})\.parquet$")
_COLUMNS = ("kind", "id", "source", "lang", "json", "reason", "stage", "io_error")


Record = Article | Rejected | Known


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise ConfigError(
            "Parquet shards need pyarrow, which is not installed: pip install 'newsdesk[cluster]'"
        ) from exc
    return pyarrow, pyarrow.parquet


def shard_name(index: int) -> str:
    """The file name of shard ``index``: ``part-000042.parquet``."""
    return f"part-{index:06d}.parquet"


def write_shard(records: Iterable[Record], out_dir: str | os.PathLike[str], index: int) -> Path:
    """Write one shard atomically (temporary name, then rename).

    Args:
        records: the batch's results, in input order.
        out_dir: the shard folder (created when missing); must be visible to
            whoever loads it (a shared file system on a cluster).
        index: the shard number; an existing shard with that number is replaced.

    Returns:
        The shard's path.

    Raises:
        OSError: the folder or file could not be written.
    """
    pa, pq = _pyarrow()
    rows: dict[str, list] = {c: [] for c in _COLUMNS}
    for record in records:
        if isinstance(record, Article):
            values = ("article", record.id, record.source, record.lang,
                      json.dumps(article_to_dict(record), ensure_ascii=False, separators=(",", ":")),
                      None, None, False)  # fmt: skip
        elif isinstance(record, Known):
            values = ("known", record.article_id, record.source, None, None, None, None, False)
        else:
            values = ("rejected", None, record.source, None, None, record.reason, record.stage, record.io_error)
        for column, value in zip(_COLUMNS, values):
            rows[column].append(value)
    schema = pa.schema(
        [(c, pa.bool_() if c == "io_error" else pa.string()) for c in _COLUMNS],
        metadata={"newsdesk.shard": SHARD_FORMAT, "schema": "newsdesk.article/1"},
    )
    table = pa.Table.from_pydict(rows, schema=schema)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / shard_name(index)
    temporary = folder / f".{final.name}.{os.getpid()}.tmp"
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, final)
    return final


def shard_paths(directory: str | os.PathLike[str]) -> list[Path]:
    """The complete shards in a folder, by number (temporary files of a run in progress left out).

    Raises:
        ConfigError: ``directory`` is not a folder.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise ConfigError(
            f"no shard folder at {folder}: give the folder `newsdesk ingest --engine dask --out DIR` wrote"
        )
    found = [(int(m.group(1)), p) for p in folder.iterdir() if (m := _NAME.match(p.name)) and p.is_file()]
    return [p for _, p in sorted(found)]


def shard_contents(directory: str | os.PathLike[str]) -> tuple[set[str], dict[str, str], int]:
    """What a shard folder holds already: article ids, ``{source: article id}``, and the next free shard number.

    A missing folder holds nothing (next number 0). Only the ``id`` and
    ``source`` columns are read, so this is quick on large folders.

    Raises:
        ReadError: a shard cannot be read.
    """
    folder = Path(directory)
    if not folder.is_dir():
        return set(), {}, 0
    _, pq = _pyarrow()
    sources: dict[str, str] = {}
    paths = shard_paths(folder)
    for path in paths:
        table = _read(pq, path, ["id", "source"])
        for article_id, source in zip(table.column("id").to_pylist(), table.column("source").to_pylist()):
            if article_id:
                sources.setdefault(source, article_id)
    next_index = int(_NAME.match(paths[-1].name).group(1)) + 1 if paths else 0  # type: ignore[union-attr]
    return set(sources.values()), sources, next_index


def _read(pq, path: Path, columns: list[str] | None = None):
    try:
        table = pq.read_table(path, columns=columns)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError; ArrowIOError an OSError
        raise ReadError(f"cannot read the shard {path} ({exc}): remove it and write the shards again") from exc
    metadata = table.schema.metadata or {}
    if metadata.get(b"newsdesk.shard") != SHARD_FORMAT.encode():
        raise ReadError(f"{path} is not a newsdesk shard (format {SHARD_FORMAT}): remove it from the folder")
    return table


def iter_shard_records(directory: str | os.PathLike[str]) -> Iterator[Record]:
    """Read back every record of every shard in a folder, shard by shard, in row order.

    Yields:
        An :class:`Article` (exactly as analysed: the JSON round-trips), a
        :class:`Rejected`, or a :class:`Known` per row.

    Raises:
        ConfigError: ``directory`` is not a folder.
        ReadError: a shard cannot be read or holds a row that is not a valid
            article; the message names the shard.
    """
    _, pq = _pyarrow()
    for path in shard_paths(directory):
        table = _read(pq, path)
        for batch in table.to_batches(max_chunksize=256):
            for row in batch.to_pylist():
                kind = row["kind"]
                if kind == "article":
                    try:
                        yield article_from_dict(json.loads(row["json"]))
                    except (TypeError, ValueError, ExtractError) as exc:
                        raise ReadError(
                            f"shard {path}: the article from {row['source']} cannot be read ({exc}); "
                            "write the shards again"
                        ) from exc
                elif kind == "known":
                    yield Known(row["source"], row["id"])
                elif kind == "rejected":
                    yield Rejected(row["source"], row["reason"] or "", row["stage"] or "read", bool(row["io_error"]))
                else:
                    raise ReadError(f"shard {path}: unknown row kind {kind!r}; write the shards again")
