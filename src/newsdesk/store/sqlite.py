"""SQLite storage: articles with their entities and quotations, full-text search.

One file holds everything (the layout is in ``schema.sql`` beside this
module): ``articles`` (one row per distinct content, keyed by
:attr:`Article.id`, with the whole article as ``newsdesk.article/1`` JSON),
``sources`` (every source an article was read from), ``entities``,
``quotes``, and two FTS5 indexes, over article title + text and over quote
text + speaker name.

Concurrency: **one writer, many readers.** The database runs in WAL mode, so
readers (other :class:`Store` objects, other processes, ``read_only=True``)
see committed articles while one writer adds more; a second writer waits up to
``busy_timeout_s`` for the lock and then gets a :class:`StoreError`. A
:class:`Store` wraps one ``sqlite3`` connection: use it from the thread that
made it (give each thread or worker its own Store).

Re-adding the same content (same ``Article.id``) stores nothing new, so
re-ingesting a folder never duplicates rows; each :meth:`Store.add` is one
transaction, so a failure loses only that article.

The store runs no analysis: it keeps what the pipeline produced.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from newsdesk.errors import ConfigError, ExtractError, StoreError
from newsdesk.lang import normalize_lang
from newsdesk.model import Article
from newsdesk.serialize import article_from_dict, article_to_dict, offset_problems

__all__ = [
    "Migration",
    "QuoteRow",
    "SearchHit",
    "SpeakerRow",
    "Store",
    "load_migrations",
    "migrate",
]


# --- result rows ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One stored quotation with the article it comes from.

    Attributes:
        article_id, source, lang, title, url, published_date: the article
            (``published_date`` is ``YYYY-MM-DD`` or None when not fully known).
        idx: the quote's position in ``Article.quotes``.
        kind: ``direct``, ``indirect`` or ``mixed``.
        start, end, text: the content span, character offsets into the
            article text.
        speaker_text, speaker_key, speaker_name: the words naming the speaker
            (``he``), the entity key they resolve to (``per:jens stoltenberg``)
            and its name (``Jens Stoltenberg``); None when absent.
        cue_text, cue_lemma: the cue (``said``, ``say``), or None.
        speaker_start, speaker_end, cue_start, cue_end: their offsets, or None.
        opening_mark_missing, closing_mark_missing: as in :class:`~newsdesk.model.Quote`.
    """

    article_id: str
    source: str
    lang: str
    title: str | None
    url: str | None
    published_date: str | None
    idx: int
    kind: str
    start: int
    end: int
    text: str
    speaker_text: str | None
    speaker_key: str | None
    speaker_name: str | None
    cue_text: str | None
    cue_lemma: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue_start: int | None
    cue_end: int | None
    opening_mark_missing: bool
    closing_mark_missing: bool


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text match: an article (title or body) or a quotation.

    Attributes:
        kind: ``article`` or ``quote``.
        article_id, source, lang, title, url, published_date: the article.
        snippet: up to a few dozen words around the match, matched words
            wrapped in the ``mark`` pair given to :meth:`Store.search`
            (``[`` ``]`` by default), ``…`` where text was cut.
        rank: SQLite FTS5 BM25 score; lower is better (a negative number).
        quote_idx, start, end, speaker_name: for quote hits, the quote's
            position in ``Article.quotes``, its content offsets and speaker;
            None for article hits.
    """

    kind: Literal["article", "quote"]
    article_id: str
    source: str
    lang: str
    title: str | None
    url: str | None
    published_date: str | None
    snippet: str
    rank: float
    quote_idx: int | None = None
    start: int | None = None
    end: int | None = None
    speaker_name: str | None = None


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """Who said how much, in one language.

    Attributes:
        key: the speaker's entity key (``per:jens stoltenberg``).
        name: the name most often given for that key in that language.
        lang: ISO 639-1 code of the articles.
        n_quotes: quotations attributed to the speaker.
        n_articles: articles with at least one of them.
        example: the text of the speaker's first stored quotation.
    """

    key: str
    name: str
    lang: str
    n_quotes: int
    n_articles: int
    example: str


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
    current = _current_version(conn, where)
    if current > latest:
        raise StoreError(
            f"{where} has schema version {current}, newer than this newsdesk knows ({latest}): "
            "upgrade newsdesk, or use another database"
        )
    while current < latest:
        conn.execute("BEGIN IMMEDIATE")
        try:
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
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return current


# --- the store ------------------------------------------------------------------


_ARTICLE_COLUMNS = (
    "id, source, lang, title, section, url, published_date, published_json, text, json, ingested_at"
)
_QUOTE_COLUMNS = (
    "article_id, idx, kind, start, \"end\", text, opening_mark_missing, closing_mark_missing, "
    "speaker_start, speaker_end, speaker_text, speaker_key, speaker_name, "
    "cue_start, cue_end, cue_text, cue_lemma"
)
_ENTITY_COLUMNS = 'article_id, idx, start, "end", text, label, lemma, key, name'


def _fold(text: str) -> str:
    """Fold a search query the way the FTS triggers fold indexed text (ё -> е)."""
    return text.replace("ё", "е").replace("Ё", "Е")


def _plain_query(query: str) -> str:
    """Turn user input into an FTS5 query of plain words, all required.

    Each whitespace-separated chunk becomes a quoted FTS5 string, so no
    character in it has FTS meaning (``NATO-Russia`` is the phrase
    ``nato russia``, ``AND``/``OR``/``*``/``:`` are plain text). Chunks
    without a letter or digit are dropped.
    """
    words = [w for w in query.split() if any(ch.isalnum() for ch in w)]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _same_but_source(stored_json: str, data: dict[str, Any]) -> bool:
    """True when a stored article equals ``data`` in everything but its source."""
    try:
        stored = json.loads(stored_json)
    except ValueError:
        return False
    return isinstance(stored, dict) and {**stored, "source": None} == {**data, "source": None}


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _check_limit(limit: int) -> None:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ConfigError(f"limit must be a whole number of at least 1, not {limit!r}")


class Store:
    """A newsdesk database in one SQLite file.

    Opening creates the file when it is missing and brings its schema up to
    date (forward migrations from ``schema.sql``). Use it as a context
    manager, or call :meth:`close`. One writer, many readers (see the module
    docstring); a Store is used from one thread.

    Args:
        path: the database file, or ``":memory:"`` for a private in-memory one.
        read_only: open an existing, up-to-date database for reading only
            (for web workers and other readers); :meth:`add` then raises.
        busy_timeout_s: how long to wait for another writer's lock, in seconds.

    Raises:
        StoreError: the file cannot be opened or created, is not a (newsdesk)
            SQLite database, is newer than this version of newsdesk, or (read
            only) is missing or not yet migrated. The message names the path
            and what to do.

    Example::

        with Store("newsdesk.db") as store:
            store.add(article)
            for row in store.quotes(speaker_needle="stoltenberg", lang="uk"):
                print(row.speaker_name, row.text)
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, busy_timeout_s: float = 5.0) -> None:
        self.path: str | Path = path if str(path) == ":memory:" else Path(path)
        self.read_only = read_only
        self._conn: sqlite3.Connection | None = None
        where = str(self.path)
        if read_only and (self.path == ":memory:" or not Path(self.path).is_file()):
            raise StoreError(
                f"no database at {where}: ingest articles into it first (newsdesk ingest PATH --db {where})"
            )
        try:
            if read_only:
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=busy_timeout_s)
            else:
                conn = sqlite3.connect(self.path, isolation_level=None, timeout=busy_timeout_s)
        except sqlite3.Error as exc:
            raise StoreError(self._open_advice(exc)) from exc
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails on a non-database file
            if read_only:
                version = _current_version(conn, where)
                latest = _packaged_migrations()[-1].version
                if version != latest:
                    advice = (
                        "open it once for writing (any newsdesk ingest) to migrate it"
                        if version < latest
                        else "upgrade newsdesk"
                    )
                    raise StoreError(
                        f"{where} has schema version {version}, this newsdesk reads version {latest}: {advice}"
                    )
            else:
                conn.execute("PRAGMA journal_mode = WAL")
                version = migrate(conn, where=where)
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(self._open_advice(exc)) from exc
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        self.version: int = version
        """The schema version of the open database."""

    def _open_advice(self, exc: sqlite3.Error) -> str:
        where = str(self.path)
        message = str(exc)
        if "not a database" in message or "malformed" in message:
            return (
                f"{where} is not a newsdesk SQLite database ({message}): give another path (--db), "
                "or move that file away"
            )
        if "unable to open" in message:
            return (
                f"cannot open the database {where} ({message}): check that its folder exists, "
                "is a folder you may write to, and that the path is not itself a folder"
            )
        if "locked" in message or "busy" in message:
            return f"the database {where} is locked by another writer ({message}): wait for it to finish, then retry"
        return f"cannot open the database {where} ({message})"

    # -- lifecycle

    @property
    def conn(self) -> sqlite3.Connection:
        """The open ``sqlite3`` connection (for read queries beyond this class)."""
        if self._conn is None:
            raise StoreError(f"the store {self.path} is closed: open a new Store")
        return self._conn

    def close(self) -> None:
        """Close the database; calling it again does nothing."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._conn is None else ("read-only" if self.read_only else "open")
        return f"Store({str(self.path)!r}, {state})"

    # -- writing

    def add(self, article: Article, *, replace: bool = False) -> Literal["stored", "unchanged"]:
        """Store one article with its entities and quotations, in one transaction.

        The article id is a content hash, so the same content again is
        ``unchanged`` and adds no row (its source is still recorded in
        ``sources``). A failure rolls back this article only; articles added
        before stay.

        Args:
            article: an annotated Article whose offsets all point into its text.
            replace: when the id is already stored with different annotations
                (the same text analysed again by a newer pipeline), replace
                its entities and quotations; default False keeps the first.

        Returns:
            ``stored`` when rows were written, ``unchanged`` when the same
            content (and, with ``replace``, the same annotations) was there.

        Raises:
            StoreError: the article's offsets are inconsistent (nothing is
                stored), the store is read-only, or the database refused the
                write (locked, disk full, constraint); the message names the
                article and the database.
            TypeError: ``article`` is not an Article (a Rejected, say).
        """
        if not isinstance(article, Article):
            raise TypeError(f"Store.add takes an Article, not {type(article).__name__}")
        where = str(self.path)
        if self.read_only:
            raise StoreError(f"the store {where} was opened read-only: open it without read_only=True to add articles")
        problems = offset_problems(article)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise StoreError(
                f"article {article.id} from {article.source} was not stored in {where}: {problems[0]}{more}; "
                "every offset must point into Article.text"
            )
        data = article_to_dict(article)
        document = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        now = _now()
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = self._write(conn, article, data, document, now, replace)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(
                f"article {article.id} from {article.source} was not stored in {where} ({exc}); "
                "articles stored before it are kept"
            ) from exc
        return result

    def _write(
        self, conn: sqlite3.Connection, article: Article, data: dict[str, Any], document: str, now: str, replace: bool
    ) -> Literal["stored", "unchanged"]:
        conn.execute(
            "INSERT OR IGNORE INTO sources (source, article_id, added_at) "
            "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
            (article.source, article.id, now, article.id),
        )
        old = conn.execute("SELECT json FROM articles WHERE id = ?", (article.id,)).fetchone()
        if old is not None and (not replace or _same_but_source(old[0], data)):
            return "unchanged"
        published = article.published
        published_json = json.dumps(data["published"], ensure_ascii=False) if published is not None else None
        values = (
            article.source,
            article.lang,
            article.title,
            article.section,
            article.url,
            published.date if published is not None else None,
            published_json,
            article.text,
            document,
            now,
        )
        if old is None:
            conn.execute(
                f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article.id, *values),
            )
            conn.execute(
                "INSERT INTO sources (source, article_id, added_at) VALUES (?, ?, ?)", (article.source, article.id, now)
            )
        else:  # replace: keep the row number and the sources list
            conn.execute(
                "UPDATE articles SET source = ?, lang = ?, title = ?, section = ?, url = ?, published_date = ?, "
                "published_json = ?, text = ?, json = ?, ingested_at = ? WHERE id = ?",
                (*values, article.id),
            )
            conn.execute("DELETE FROM entities WHERE article_id = ?", (article.id,))
            conn.execute("DELETE FROM quotes WHERE article_id = ?", (article.id,))
        conn.executemany(
            f"INSERT INTO entities ({_ENTITY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (article.id, i, m.start, m.end, m.text, m.label, m.lemma, m.key, m.name)
                for i, m in enumerate(article.entities)
            ],
        )
        rows = []
        for i, q in enumerate(article.quotes):
            sp, cue = q.speaker, q.cue
            rows.append(
                (
                    article.id, i, q.kind, q.start, q.end, q.text,
                    int(q.opening_mark_missing), int(q.closing_mark_missing),
                    sp.start if sp else None, sp.end if sp else None, sp.text if sp else None,
                    sp.key if sp else None, sp.name if sp else None,
                    cue.start if cue else None, cue.end if cue else None,
                    cue.text if cue else None, cue.lemma if cue else None,
                )
            )  # fmt: skip
        conn.executemany(f"INSERT INTO quotes ({_QUOTE_COLUMNS}) VALUES ({', '.join('?' * 17)})", rows)
        return "stored"

    # -- reading

    def get_article(self, article_id: str) -> Article | None:
        """Return the stored article with this id, exactly as it was added, or None.

        Raises:
            StoreError: the stored JSON cannot be read back (a damaged row).
        """
        row = self.conn.execute("SELECT json FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        try:
            return article_from_dict(json.loads(row[0]))
        except (ValueError, ExtractError) as exc:
            raise StoreError(
                f"article {article_id} in {self.path} cannot be read back ({exc}): delete it and ingest it again"
            ) from exc

    def sources(self, article_id: str) -> list[str]:
        """Every source the article with this id was read from, first added first."""
        rows = self.conn.execute(
            "SELECT source FROM sources WHERE article_id = ? ORDER BY added_at, source", (article_id,)
        )
        return [r[0] for r in rows]

    def quotes(
        self, *, speaker_needle: str | None = None, lang: str | None = None, limit: int = 100
    ) -> list[QuoteRow]:
        """List stored quotations, newest publication date first.

        Args:
            speaker_needle: a speaker's comparison key as made by
                ``newsdesk.nlp.linking.name_key`` (lower-case Latin words:
                ``stoltenberg``, ``jens stoltenberg``). A quote matches when
                the name part of its ``speaker_key`` (``per:jens
                stoltenberg`` -> ``jens stoltenberg``) equals the needle or
                contains it as whole words; a needle with a colon
                (``per:jens stoltenberg``) must equal the whole key. Quotes
                with an unresolved speaker never match. None: all quotes.
            lang: only articles in this language (``en``, ``ru``, ``uk``;
                ``ua`` accepted).
            limit: at most this many rows.

        Returns:
            Rows ordered by publication date (newest first, undated last),
            then most recently stored article first, then position in the
            article.

        Raises:
            ConfigError: unknown language code, empty needle, or limit < 1.
        """
        _check_limit(limit)
        where, params = [], []
        if speaker_needle is not None:
            needle = " ".join(speaker_needle.lower().replace("-", " ").split())
            if not needle:
                raise ConfigError("the speaker needle is empty: give a name such as 'stoltenberg'")
            if ":" in needle:
                where.append("q.speaker_key = ?")
                params.append(needle)
            else:
                where.append(
                    "(' ' || replace(lower(substr(q.speaker_key, instr(q.speaker_key, ':') + 1)), '-', ' ') || ' ')"
                    " LIKE ? ESCAPE '\\'"
                )
                params.append(f"% {_like_escape(needle)} %")
        if lang is not None:
            where.append("a.lang = ?")
            params.append(normalize_lang(lang))
        sql = (
            "SELECT q.article_id, a.source, a.lang, a.title, a.url, a.published_date, q.idx, q.kind, q.start, "
            'q."end", q.text, q.speaker_text, q.speaker_key, q.speaker_name, q.cue_text, q.cue_lemma, '
            "q.speaker_start, q.speaker_end, q.cue_start, q.cue_end, q.opening_mark_missing, q.closing_mark_missing "
            "FROM quotes q JOIN articles a ON a.id = q.article_id "
            + ("WHERE " + " AND ".join(where) + " " if where else "")
            + "ORDER BY a.published_date IS NULL, a.published_date DESC, a.seq DESC, q.idx LIMIT ?"
        )
        rows = self.conn.execute(sql, (*params, limit)).fetchall()
        return [QuoteRow(*r[:20], bool(r[20]), bool(r[21])) for r in rows]

    def search(
        self,
        query: str,
        *,
        lang: str | None = None,
        limit: int = 20,
        raw: bool = False,
        mark: tuple[str, str] = ("[", "]"),
    ) -> list[SearchHit]:
        """Full-text search over article titles and texts and over quotations.

        Words are matched whole, case-insensitively, in any script; Latin
        accents are ignored (``Muller`` finds ``Müller``) and Russian ``ё``
        equals ``е``. There is no stemming: ``Брюсселі`` does not find
        ``Брюссель`` (use ``raw=True`` with a prefix, ``Брюссел*``).

        Args:
            query: plain words, all of which must occur (punctuation inside a
                word splits it as in the text: ``NATO-Russia`` finds the two
                words in a row). With ``raw=True``, an FTS5 query
                (``"security guarantees" OR hotline``, ``Брюссел*``).
            lang: only articles in this language (``ua`` accepted).
            limit: at most this many hits, best first (articles and quotes
                ranked together by BM25).
            raw: read ``query`` as FTS5 syntax instead of plain words.
            mark: the strings put before and after each matched word in
                snippets (pass characters that cannot occur in the text, such
                as ``("\\x02", "\\x03")``, to HTML-escape the snippet and then
                insert highlighting).

        Returns:
            Hits sorted by rank, best first.

        Raises:
            ConfigError: the query has no word to look for, unknown language,
                or limit < 1.
            StoreError: ``raw=True`` and the query is not valid FTS5 syntax;
                the message says how to quote it.
        """
        _check_limit(limit)
        fts = _fold(query if raw else _plain_query(query))
        if not fts.strip():
            raise ConfigError(f"the search query {query!r} has no word to look for")
        lang_sql, lang_params = ("AND a.lang = ? ", [normalize_lang(lang)]) if lang is not None else ("", [])
        open_mark, close_mark = mark
        article_sql = (
            "SELECT a.id, a.source, a.lang, a.title, a.url, a.published_date, "
            "snippet(articles_fts, -1, ?, ?, '…', 20), bm25(articles_fts, 2.0, 1.0) AS rank "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            f"WHERE articles_fts MATCH ? {lang_sql}ORDER BY rank LIMIT ?"
        )
        quote_sql = (
            "SELECT a.id, a.source, a.lang, a.title, a.url, a.published_date, "
            "snippet(quotes_fts, 0, ?, ?, '…', 32), bm25(quotes_fts, 1.0, 1.0) AS rank, "
            'q.idx, q.start, q."end", q.speaker_name '
            "FROM quotes_fts JOIN quotes q ON q.qid = quotes_fts.rowid JOIN articles a ON a.id = q.article_id "
            f"WHERE quotes_fts MATCH ? {lang_sql}ORDER BY rank LIMIT ?"
        )
        params = (open_mark, close_mark, fts, *lang_params, limit)
        try:
            articles = self.conn.execute(article_sql, params).fetchall()
            quotes = self.conn.execute(quote_sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if not raw:
                raise
            raise StoreError(
                f"the search query {query!r} is not valid FTS5 syntax ({exc}): put words and phrases in "
                'double quotes ("NATO-Russia"), or search without raw to look for plain words'
            ) from exc
        hits = [SearchHit("article", *r) for r in articles]
        hits += [SearchHit("quote", *r[:8], quote_idx=r[8], start=r[9], end=r[10], speaker_name=r[11]) for r in quotes]
        hits.sort(key=lambda h: (h.rank, h.kind != "article"))
        return hits[:limit]

    def speakers(self, lang: str | None = None) -> list[SpeakerRow]:
        """Summarise who said what: one row per resolved speaker and language.

        Quotes whose speaker was not resolved to an entity key are left out
        (:meth:`counts` still counts them).

        Args:
            lang: only this language (``ua`` accepted); None for all.

        Returns:
            Rows with the most quoted speakers first (ties: language, name).

        Raises:
            ConfigError: unknown language code.
        """
        lang_sql, params = ("AND a.lang = ? ", (normalize_lang(lang),)) if lang is not None else ("", ())
        base = f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker_key IS NOT NULL {lang_sql}"
        groups = self.conn.execute(
            "WITH g AS (SELECT q.speaker_key AS key, a.lang AS lang, count(*) AS n, "
            f"count(DISTINCT q.article_id) AS n_articles, min(q.qid) AS first_qid {base}"
            "GROUP BY q.speaker_key, a.lang) "
            "SELECT g.key, g.lang, g.n, g.n_articles, e.text FROM g JOIN quotes e ON e.qid = g.first_qid",
            params,
        ).fetchall()
        names: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for key, lang_code, name, n in self.conn.execute(
            f"SELECT q.speaker_key, a.lang, q.speaker_name, count(*) {base}"
            "AND q.speaker_name IS NOT NULL AND q.speaker_name != '' GROUP BY 1, 2, 3",
            params,
        ):
            names.setdefault((key, lang_code), []).append((n, name))
        rows = []
        for key, lang_code, n, n_articles, example in groups:
            options = names.get((key, lang_code))
            if options:
                name = min(options, key=lambda o: (-o[0], -len(o[1]), o[1]))[1]
            else:
                name = key.split(":", 1)[-1]
            rows.append(SpeakerRow(key, name, lang_code, n, n_articles, example))
        rows.sort(key=lambda r: (-r.n_quotes, r.lang, r.name, r.key))
        return rows

    def counts(self) -> dict[str, Any]:
        """Count what is stored.

        Returns:
            ``{"articles": N, "articles_by_lang": {"en": n, ...}, "quotes": N,
            "quotes_with_speaker": N, "entities": N, "sources": N,
            "schema_version": V}``.
        """
        conn = self.conn
        by_lang = dict(conn.execute("SELECT lang, count(*) FROM articles GROUP BY lang ORDER BY lang").fetchall())
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": sum(by_lang.values()),
            "articles_by_lang": by_lang,
            "quotes": one("SELECT count(*) FROM quotes"),
            "quotes_with_speaker": one("SELECT count(*) FROM quotes WHERE speaker_key IS NOT NULL"),
            "entities": one("SELECT count(*) FROM entities"),
            "sources": one("SELECT count(*) FROM sources"),
            "schema_version": self.version,
        }
