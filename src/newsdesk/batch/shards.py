"""Parquet shards: analysis results written by batch workers, imported into a database later.

``newsdesk ingest --engine dask --out DIR`` has each Dask task write the
results of its batch of documents as one Parquet file in ``DIR`` (pyarrow);
``newsdesk load DIR`` reads them back and stores them (:func:`load_shards`).
Loading is idempotent: articles are stored by content hash, so loading the
same shards again (or shards that overlap) adds nothing.

Shards are numbered by input position: ``part-000512.parquet`` holds the
results for a run of consecutive documents of the input, the first of them
the 513th (counting from 0, every document read, rejected or not). A shard
written later for a position that has one already (the inputs changed
between runs) gets a part number: ``part-000512-1.parquet``. ``load`` reads
shards by (position, part) and each shard's rows in order, so a killed and
resumed ingest (whose resumed run writes only what is missing, at the
positions it is missing from) loads in the same order as an uninterrupted
one, on the same inputs.

Shard layout (one row per document, in input order)::

    part-000042.parquet       the shard whose first document is the input's 43rd;
                              file metadata {"newsdesk.shard": "1"}
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

__all__ = [
    "SHARD_FORMAT", "iter_shard_records", "recorded_rejections", "shard_contents", "shard_keys", "shard_name",
    "shard_paths", "write_shard",
]

SHARD_FORMAT = "1"
"""The version written into every shard's metadata (key ``newsdesk.shard``)."""

_NAME = re.compile(r"^part-(\d{6,})(?:-(\d+))?\.parquet$")
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


def shard_name(index: int, part: int = 0) -> str:
    """The file name of shard ``index`` (an input position): ``part-000042.parquet``, or
    ``part-000042-1.parquet`` for ``part`` 1 (a later shard starting at the same position)."""
    return f"part-{index:06d}.parquet" if part == 0 else f"part-{index:06d}-{part}.parquet"


def write_shard(records: Iterable[Record], out_dir: str | os.PathLike[str], index: int, part: int = 0) -> Path:
    """Write one shard atomically (temporary name, then rename).

    Args:
        records: the batch's results, in input order.
        out_dir: the shard folder (created when missing); must be visible to
            whoever loads it (a shared file system on a cluster).
        index: the shard number (the input position of its first record).
        part: the part number, for a second shard at the same position; an
            existing shard with the same index and part is replaced.

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
    final = folder / shard_name(index, part)
    temporary = folder / f".{final.name}.{os.getpid()}.tmp"
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, final)
    return final


def shard_paths(directory: str | os.PathLike[str]) -> list[Path]:
    """The complete shards in a folder, by (number, part) (temporary files of a run in progress left out).

    Raises:
        ConfigError: ``directory`` is not a folder.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise ConfigError(
            f"no shard folder at {folder}: give the folder `newsdesk ingest --engine dask --out DIR` wrote"
        )
    return [p for _, p in sorted(_keyed(folder))]


def _keyed(folder: Path) -> list[tuple[tuple[int, int], Path]]:
    return [
        ((int(m.group(1)), int(m.group(2) or 0)), p)
        for p in folder.iterdir()
        if (m := _NAME.match(p.name)) and p.is_file()
    ]


def shard_keys(directory: str | os.PathLike[str]) -> set[tuple[int, int]]:
    """The ``(index, part)`` of every complete shard in a folder; empty for a missing folder."""
    folder = Path(directory)
    return {key for key, _ in _keyed(folder)} if folder.is_dir() else set()


def recorded_rejections(directory: str | os.PathLike[str]) -> set[tuple[str, str]]:
    """``(source, reason)`` of every rejection the shards in a folder record; empty for a missing folder.

    Raises:
        ReadError: a shard cannot be read.
    """
    folder = Path(directory)
    if not folder.is_dir():
        return set()
    _, pq = _pyarrow()
    found: set[tuple[str, str]] = set()
    for path in shard_paths(folder):
        table = _read(pq, path, ["kind", "source", "reason"])
        for kind, source, reason in zip(*(table.column(c).to_pylist() for c in ("kind", "source", "reason"))):
            if kind == "rejected":
                found.add((source, reason or ""))
    return found


def shard_contents(directory: str | os.PathLike[str]) -> tuple[set[str], dict[str, str], int]:
    """What a shard folder holds already: article ids, ``{source: article id}``, and the shard number after the
    highest.

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
    next_index = max((index for index, _ in shard_keys(folder)), default=-1) + 1
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
