"""The SQLite schema as forward migrations (``schema.sql`` beside this module) and the code that applies them."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from importlib import resources

from newsdesk.errors import StoreError
from newsdesk.nlp.linking import (
    RULES_VERSION,
    blocking_key,
    name_key,
    script_of,
)


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction on a connection opened with ``isolation_level=None``: ``BEGIN IMMEDIATE`` (the write
    lock first, so readers of a WAL database go on), ``COMMIT`` when the block ends, ``ROLLBACK`` on any exception
    (re-raised), Ctrl-C included."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


# --- schema and migrations ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Migration:
    """One forward step of the schema: ``version`` N, applied after N-1."""

    version: int
    description: str
    sql: str


_STEP = re.compile(r"^-- migration (\d+): (.+)$", re.MULTILINE)


def load_migrations(sql_text: str | None = None) -> tuple[Migration, ...]:
    """Split a schema file into its numbered migration steps.

    Args:
        sql_text: SQL with steps introduced by ``-- migration N: description``
            lines; None reads the packaged ``schema.sql``.

    Returns:
        The steps, versions 1, 2, ... in order.

    Raises:
        StoreError: no step, or the steps are not numbered 1..N without gaps.
    """
    if sql_text is None:
        return _packaged_migrations()
    marks = list(_STEP.finditer(sql_text))
    steps = []
    for i, mark in enumerate(marks):
        body_end = marks[i + 1].start() if i + 1 < len(marks) else len(sql_text)
        steps.append(Migration(int(mark.group(1)), mark.group(2).strip(), sql_text[mark.end() : body_end]))
    if not steps or [s.version for s in steps] != list(range(1, len(steps) + 1)):
        found = [s.version for s in steps]
        raise StoreError(f"schema migrations must be numbered 1..N without gaps, found {found}")
    return tuple(steps)


@cache
def _packaged_migrations() -> tuple[Migration, ...]:
    text = resources.files("newsdesk.store").joinpath("schema.sql").read_text(encoding="utf-8")
    return load_migrations(text)


def _statements(sql: str) -> list[str]:
    """Split SQL into complete statements (trigger bodies kept whole)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    rest = "\n".join(ln for ln in buf.splitlines() if ln.strip() and not ln.strip().startswith("--"))
    if rest:
        raise StoreError(f"schema step ends in an incomplete SQL statement: {rest[:80]!r}")
    return out


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _current_version(conn: sqlite3.Connection, where: str) -> int:
    tables = {
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    }
    if "schema_version" not in tables:
        if tables:
            raise StoreError(
                f"{where} is an SQLite database but not a newsdesk one (tables: {', '.join(sorted(tables)[:5])}); "
                "give newsdesk a path of its own"
            )
        return 0
    return conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(
    conn: sqlite3.Connection, migrations: Sequence[Migration] | None = None, *, where: str = "the database"
) -> int:
    """Bring a database up to the latest schema version, one transaction per step.

    Safe when several processes open a new database at once: each step
    re-reads the version under the write lock before applying.

    Args:
        conn: a connection opened with ``isolation_level=None``.
        migrations: the steps (default: the packaged ``schema.sql``).
        where: the database path, for messages.

    Returns:
        The schema version now in force.

    Raises:
        StoreError: the database is newer than these steps, or is not a
            newsdesk database.
        sqlite3.Error: a step failed (it is rolled back; earlier steps stay).
    """
    steps = tuple(migrations) if migrations is not None else _packaged_migrations()
    latest = steps[-1].version
    _register_functions(conn)
    current = _current_version(conn, where)
    if current > latest:
        raise StoreError(
            f"{where} has schema version {current}, newer than this newsdesk knows ({latest}): "
            "upgrade newsdesk, or use another database"
        )
    while current < latest:
        with write_transaction(conn):
            current = _current_version(conn, where)
            if current < latest:
                step = steps[current]
                for statement in _statements(step.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                    (step.version, step.description, _now()),
                )
                current = step.version
    return current


def _register_functions(conn: sqlite3.Connection) -> None:
    """Give SQL the linking forms that migration 2 needs for the aliases of existing rows."""
    conn.create_function("newsdesk_name_key", 2, lambda text, lang: name_key(text or "", lang), deterministic=True)
    conn.create_function(
        "newsdesk_block", 2, lambda text, lang: blocking_key(name_key(text or "", lang)), deterministic=True
    )
    conn.create_function("newsdesk_script", 1, lambda text: script_of(text or ""), deterministic=True)


def refresh_linking_keys(conn: sqlite3.Connection) -> int:
    """Re-key the stored aliases when the linking rules changed since they were keyed.

    Every alias row keeps the comparison key and blocking key of its name
    (:func:`newsdesk.nlp.linking.name_key`, :func:`~newsdesk.nlp.linking.blocking_key`);
    the table ``meta`` records the :data:`~newsdesk.nlp.linking.RULES_VERSION`
    they were made with. When it differs from this newsdesk's, the keys are
    made again in one transaction (a new article then meets the entities it
    should, whichever rules stored them), and the version is recorded. The
    entities themselves are not re-linked: ``newsdesk relink`` does that.

    Args:
        conn: a connection opened with ``isolation_level=None``, migrated to
            schema version 4 or later.

    Returns:
        The number of alias rows re-keyed (0 when the rules are the same, or
        the database has no alias yet).

    Raises:
        sqlite3.Error: the update failed (it is rolled back).
    """
    wanted = str(RULES_VERSION)
    row = conn.execute("SELECT value FROM meta WHERE name = 'linking_rules'").fetchone()
    if row is not None and row[0] == wanted:
        return 0
    _register_functions(conn)
    changed = 0
    with write_transaction(conn):
        row = conn.execute("SELECT value FROM meta WHERE name = 'linking_rules'").fetchone()
        if row is None or row[0] != wanted:
            changed = conn.execute(
                "UPDATE aliases SET key = newsdesk_name_key(alias, lang), block = newsdesk_block(alias, lang)"
            ).rowcount
            conn.execute(
                "INSERT INTO meta (name, value) VALUES ('linking_rules', ?) "
                "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (wanted,),
            )
    return changed
