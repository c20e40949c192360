"""SQLite storage: articles with their entities and quotations, full-text search.

One file holds everything (the layout is in ``schema.sql`` beside this
module): ``articles`` (one row per distinct content, keyed by
:attr:`Article.id`, with the whole article as ``newsdesk.article/1`` JSON),
``sources`` (every source an article was read from), ``mentions`` (the
entity mentions of each article), ``entities`` (canonical entities linked
across documents, languages and scripts) with their ``aliases``, ``quotes``,
and two FTS5 indexes, over article title + text and over quote text + speaker
name.

Beside this module: ``migrations.py`` applies ``schema.sql``, ``linker.py`` links
mentions to canonical entities, ``rows.py`` holds the result rows.

Linking happens when an article is added, inside its transaction: each
group of the article's mentions that share a key (``per:jens stoltenberg``)
joins a stored entity or becomes a new one. Countries, capitals and
organisations take the catalogue's key (``НАТО``, ``NATO`` -> ``org:nato``);
other names are compared with the stored entities that share a blocking key
(the consonant skeleton of the last word) by the pure rules of
:func:`newsdesk.nlp.linking.choose_entity`: equal key or alias, the same name
spelled in another language (``Трамп``/``Trump``), a surname joining the one
full name that has it. Linking depends on what is stored already, so a
surname met before any full name stays its own entity until a full name with
that surname arrives (it then takes the full name, when no other full name
shares the surname).

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
import logging
import re
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from newsdesk.errors import ConfigError, ExtractError, StoreError
from newsdesk.lang import normalize_lang
from newsdesk.model import Article
from newsdesk.nlp.linking import (
    blocking_key,
    lemmatize_name,
    name_key,
    query_needle,
    same_word,
    script_of,
)
from newsdesk.serialize import article_from_dict, article_to_dict, offset_problems
from newsdesk.store.linker import _LABELS, _link_article
from newsdesk.store.migrations import (
    Migration,
    load_migrations,
    migrate,
    refresh_linking_keys,
    write_transaction,
    _current_version,
    _now,
    _packaged_migrations,
)
from newsdesk.store.rows import (
    Alias,
    AliasRow,
    ArticleListing,
    DayCount,
    EntityCount,
    EntityRow,
    EntitySummary,
    QuoteRow,
    SearchHit,
    SpeakerCount,
    SpeakerRow,
    _LISTING_COLUMNS,
    _QUOTE_ROW_COLUMNS,
    _grouped_counts,
    _listing,
    _quote_row,
)

__all__ = [
    "AliasRow",
    "EntityRow",
    "Migration",
    "QuoteRow",
    "SearchHit",
    "SpeakerRow",
    "Store",
    "load_migrations",
    "migrate",
]


# --- the store ------------------------------------------------------------------


_ARTICLE_COLUMNS = (
    "id, source, lang, title, section, url, published_date, published_json, text, json, ingested_at"
)
_QUOTE_COLUMNS = (
    "article_id, idx, kind, start, \"end\", text, opening_mark_missing, closing_mark_missing, "
    "speaker_start, speaker_end, speaker_text, speaker_key, speaker_name, "
    "cue_start, cue_end, cue_text, cue_lemma, speaker_entity_id, parts_json, "
    "addressee_start, addressee_end, addressee_text, addressee_key, addressee_name, "
    "statement_type, statement_cameo, target_key, target_name, field"
)
_MENTION_COLUMNS = 'article_id, idx, start, "end", text, label, lemma, key, name, entity_id'


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
            In a folder this process cannot write (so SQLite cannot make
            the ``-wal``/``-shm`` files), the file is opened as immutable
            instead, with a logged warning: a writer's later changes are
            then not seen.
        busy_timeout_s: how long to wait for another writer's lock, in seconds.

    Raises:
        StoreError: the file cannot be opened or created, is not a (newsdesk)
            SQLite database, is newer than this version of newsdesk, or (read
            only) is missing or not yet migrated. The message names the path
            and what to do.

    Example::

        with Store("newsdesk.db") as store:
            store.add(article)
            for row in store.quotes(speaker="Stoltenberg", lang="uk"):
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
            if read_only:  # falls back to an immutable open in a folder it cannot write (see _open_read_only)
                conn = _open_read_only(Path(self.path), busy_timeout_s)
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
                        f"open it once for writing to migrate it (`newsdesk speakers --db {self.path}` does, or any "
                        "newsdesk ingest)"
                        if version < latest
                        else "upgrade newsdesk"
                    )
                    raise StoreError(
                        f"{where} has schema version {version}, this newsdesk reads version {latest}: {advice}"
                    )
            else:
                conn.execute("PRAGMA journal_mode = WAL")
                version = migrate(conn, where=where)
                if refresh_linking_keys(conn):
                    _log.warning(
                        "the entity names in %s were keyed by older linking rules and have been keyed again; "
                        "run `newsdesk relink --db %s` to link the entities stored before by the current rules too",
                        where,
                        where,
                    )
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
            with write_transaction(conn):
                result = self._write(conn, article, data, document, now, replace)
        except sqlite3.Error as exc:
            raise StoreError(
                f"article {article.id} from {article.source} was not stored in {where} ({_write_advice(exc, where)}); "
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
            conn.execute("DELETE FROM mentions WHERE article_id = ?", (article.id,))
            conn.execute("DELETE FROM quotes WHERE article_id = ?", (article.id,))
        entity_ids = _link_article(conn, article)
        conn.executemany(
            f"INSERT INTO mentions ({_MENTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (article.id, i, m.start, m.end, m.text, m.label, m.lemma, m.key, m.name, entity_ids.get(m.key))
                for i, m in enumerate(article.entities)
            ],
        )
        rows = []
        said = {s.quote_index: s for s in article.statements if s.quote_index is not None}
        for i, q in enumerate(article.quotes):
            sp, cue, ad, st = q.speaker, q.cue, q.addressee, said.get(i)
            rows.append(
                (
                    article.id, i, q.kind, q.start, q.end, q.text,
                    int(q.opening_mark_missing), int(q.closing_mark_missing),
                    sp.start if sp else None, sp.end if sp else None, sp.text if sp else None,
                    sp.key if sp else None, sp.name if sp else None,
                    cue.start if cue else None, cue.end if cue else None,
                    cue.text if cue else None, cue.lemma if cue else None,
                    entity_ids.get(sp.key) if sp and sp.key else None,
                    json.dumps([list(p) for p in q.parts]) if q.parts else None,
                    ad.start if ad else None, ad.end if ad else None, ad.text if ad else None,
                    ad.key if ad else None, ad.name if ad else None,
                    st.type if st else None, st.cameo if st else None,
                    st.target_key if st else None, st.target_name if st else None, q.field,
                )
            )  # fmt: skip
        conn.executemany(
            f"INSERT INTO quotes ({_QUOTE_COLUMNS}) VALUES ({', '.join('?' * 29)})", rows
        )
        return "stored"

    def relink(self, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild the canonical entities from the stored articles, in one fixed order, in one transaction.

        Linking at store time depends on the order articles arrive in (a surname
        stored before its full name, a spelling met before the name it is
        closest to). ``relink`` forgets every entity and alias and links the
        articles again, earliest publication day first (undated ones after the
        dated, ties by article id), so the result depends only on which
        articles are stored; it also applies the current linking rules to
        articles stored by an older newsdesk. Articles, mentions and quotations
        are kept as they are (their document-level keys included); only the
        entities they point to are rebuilt. A failure rolls everything back.

        Args:
            progress: called with 1 after each article (for a progress bar).

        Returns:
            The number of canonical entities after relinking.

        Raises:
            StoreError: the store is read-only, an article cannot be read back, or the database refused the
                write; nothing is changed then.
        """
        where = str(self.path)
        if self.read_only:
            raise StoreError(f"the store {where} was opened read-only: open it without read_only=True to relink")
        conn = self.conn
        try:
            with write_transaction(conn):
                conn.execute("UPDATE mentions SET entity_id = NULL")
                conn.execute("UPDATE quotes SET speaker_entity_id = NULL")
                conn.execute("DELETE FROM aliases")
                conn.execute("DELETE FROM entities")
                order = conn.execute(
                    "SELECT id FROM articles ORDER BY published_date IS NULL, published_date, id"
                ).fetchall()
                for (article_id,) in order:
                    article = self.get_article(article_id)
                    ids = _link_article(conn, article) if article is not None else {}
                    conn.executemany(
                        "UPDATE mentions SET entity_id = ? WHERE article_id = ? AND key = ?",
                        [(entity_id, article_id, key) for key, entity_id in ids.items()],
                    )
                    conn.executemany(
                        "UPDATE quotes SET speaker_entity_id = ? WHERE article_id = ? AND speaker_key = ?",
                        [(entity_id, article_id, key) for key, entity_id in ids.items()],
                    )
                    if progress is not None:
                        progress(1)
                (count,) = conn.execute("SELECT count(*) FROM entities").fetchone()
        except sqlite3.Error as exc:
            raise StoreError(
                f"the entities of {where} were not relinked ({_write_advice(exc, where)}); nothing was changed"
            ) from exc
        return count

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
        self,
        *,
        speaker: str | None = None,
        speaker_needle: str | None = None,
        lang: str | None = None,
        limit: int = 100,
    ) -> list[QuoteRow]:
        """List stored quotations, newest publication date first.

        Args:
            speaker: a speaker's name as a user types it, in any of en, ru,
                uk, any script, inflected or not (``Stoltenberg``,
                ``Столтенберга``, ``Єнс Столтенберг``, ``per:jens
                stoltenberg``). A quote matches when its speaker's canonical
                entity has an alias, or key, that answers the name (see
                :meth:`entity_ids`), or when its ``speaker_key`` matches as
                with ``speaker_needle``.
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
        if speaker is not None:
            ids = sorted(self.entity_ids(speaker))
            clauses = [f"q.speaker_entity_id IN ({', '.join('?' * len(ids))})"] if ids else []
            params.extend(ids)
            for needle in dict.fromkeys((query_needle(speaker), query_needle(speaker, lemmatize=True))):
                if ":" in needle:  # a key typed in full
                    clauses.append("q.speaker_key = ?")
                    params.append(needle)
                elif needle:  # quotes whose speaker was stored without an entity (before linking)
                    clauses.append(
                        "(' ' || replace(lower(substr(q.speaker_key, instr(q.speaker_key, ':') + 1)), '-', ' ')"
                        " || ' ') LIKE ? ESCAPE '\\'"
                    )
                    params.append(f"% {_like_escape(needle)} %")
            where.append("(" + " OR ".join(clauses) + ")")
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
            f"SELECT {_QUOTE_ROW_COLUMNS} "
            "FROM quotes q JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN entities se ON se.id = q.speaker_entity_id "
            + ("WHERE " + " AND ".join(where) + " " if where else "")
            + "ORDER BY a.published_date IS NULL, a.published_date DESC, a.seq DESC, q.idx LIMIT ?"
        )
        return [_quote_row(r) for r in self.conn.execute(sql, (*params, limit))]

    def entity_ids(self, name: str) -> set[int]:
        """The canonical entities a name answers, in any language, script or inflection.

        ``Stoltenberg``, ``Столтенберг``, ``Столтенберга``, ``Jens`` and
        ``Єнс Столтенберг`` all answer the entity stored as ``per:jens
        stoltenberg``; ``Трамп`` answers ``Donald Trump`` even when only
        English articles named him (spellings across languages are compared
        by :func:`newsdesk.nlp.linking.same_word`). A key typed in full
        (``per:jens stoltenberg``) answers only the entity with that key.

        Rule: every word of the name (its :func:`~newsdesk.nlp.linking.name_key`,
        and that of its dictionary form for inflected Cyrillic) matches a word
        of one alias of the entity; candidates come from the aliases' blocking
        keys and from whole-word matches. Equal words come first: when some
        entity has an alias with every word of the name as it is keyed, only
        those entities answer (``Путин`` answers Putin, not a Patin stored
        beside him, whose English spelling another language would also write
        ``Путин``); look-alike spellings answer only when nothing is equal.

        Raises:
            ConfigError: the name has no letter or digit.
        """
        label, sep, rest = name.partition(":")
        if sep and label.strip().lower() in ("per", "org", "loc", "misc"):
            if not name_key(rest):
                raise ConfigError(f"the name {name!r} has nothing after its label: give a key such as per:jens stoltenberg")
            rows = self.conn.execute("SELECT id FROM entities WHERE key = ?", (query_needle(name),))
            return {r[0] for r in rows}
        if not name_key(name):
            raise ConfigError(f"the name {name!r} has no letter or digit to look for: give a name such as Stoltenberg")
        ids: set[int] = set()
        exact: set[int] = set()
        for form in dict.fromkeys((name, lemmatize_name(name))):
            words = name_key(form).split()
            if not words:
                continue
            form_lang = "en" if script_of(form) != "Cyrl" else ("uk" if re.search("[іїєґІЇЄҐ]", form) else "ru")
            blocks = sorted({blocking_key(w) for w in words})
            rows = self.conn.execute(
                f"SELECT entity_id, key, lang FROM aliases WHERE block IN ({', '.join('?' * len(blocks))}) "
                "UNION SELECT entity_id, key, lang FROM aliases WHERE (' ' || key || ' ') LIKE ? ESCAPE '\\'",
                (*blocks, f"% {_like_escape(words[0])} %"),
            )
            for entity_id, alias_key, alias_lang in rows:
                alias_words = alias_key.split()
                if all(w in alias_words for w in words):
                    exact.add(entity_id)
                    continue
                inflected = "en" not in (alias_lang, form_lang)
                if all(
                    any(same_word(w, x, cross=alias_lang != form_lang, inflected=inflected) for x in alias_words)
                    for w in words
                ):
                    ids.add(entity_id)
        return exact or ids

    def entities(self, label: str | None = None, *, limit: int | None = None) -> list[EntityRow]:
        """List the canonical entities with their names, aliases, and mention and quote counts.

        Entities linked across documents, languages and scripts are one row:
        ``Jens Stoltenberg``, ``Йенс Столтенберг`` and ``Єнс Столтенберг``
        give one PER entity with three aliases. Entities that no stored
        mention or quote points to any more (after ``add(replace=True)``) are
        left out.

        Args:
            label: only this label (``PER``, ``ORG``, ``LOC``, ``MISC``; any case).
            limit: at most this many rows; None for all.

        Returns:
            Rows with the most mentioned first (ties: most quoted, then name).

        Raises:
            ConfigError: unknown label, or limit < 1.
        """
        params: list[Any] = []
        label_sql = ""
        if label is not None:
            if label.strip().upper() not in _LABELS:
                raise ConfigError(f"unknown entity label {label!r}: use one of {', '.join(_LABELS)}")
            label_sql = "WHERE e.label = ? "
            params.append(label.strip().upper())
        limit_sql = ""
        if limit is not None:
            _check_limit(limit)
            limit_sql = " LIMIT ?"
            params.append(limit)
        rows = self.conn.execute(
            "WITH m AS (SELECT entity_id, count(*) AS n, count(DISTINCT article_id) AS n_articles FROM mentions "
            "           WHERE entity_id IS NOT NULL GROUP BY entity_id), "
            "     q AS (SELECT speaker_entity_id AS entity_id, count(*) AS n FROM quotes "
            "           WHERE speaker_entity_id IS NOT NULL GROUP BY speaker_entity_id), "
            "     arts AS (SELECT entity_id, count(DISTINCT article_id) AS n FROM ("
            "           SELECT entity_id, article_id FROM mentions WHERE entity_id IS NOT NULL UNION "
            "           SELECT speaker_entity_id, article_id FROM quotes WHERE speaker_entity_id IS NOT NULL) "
            "           GROUP BY entity_id) "
            "SELECT e.id, e.key, e.label, coalesce(e.name_en, e.name), e.name_en, e.name_ru, e.name_uk, "
            "       coalesce(m.n, 0), coalesce(arts.n, 0), coalesce(q.n, 0) "
            "FROM entities e LEFT JOIN m ON m.entity_id = e.id LEFT JOIN q ON q.entity_id = e.id "
            "LEFT JOIN arts ON arts.entity_id = e.id "
            f"{label_sql}{'AND' if label_sql else 'WHERE'} (m.n IS NOT NULL OR q.n IS NOT NULL) "
            f"ORDER BY coalesce(m.n, 0) DESC, coalesce(q.n, 0) DESC, 4, e.id{limit_sql}",
            params,
        ).fetchall()
        aliases: dict[int, list[AliasRow]] = {}
        if rows:
            ids = [r[0] for r in rows]
            for chunk in range(0, len(ids), 500):
                part = ids[chunk : chunk + 500]
                for entity_id, alias, alias_lang, script in self.conn.execute(
                    f"SELECT entity_id, alias, lang, script FROM aliases WHERE entity_id IN ({', '.join('?' * len(part))}) "
                    "ORDER BY entity_id, lang, alias",
                    part,
                ):
                    aliases.setdefault(entity_id, []).append(AliasRow(alias, alias_lang, script))
        return [
            EntityRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(aliases.get(r[0], ())), r[7], r[8], r[9])
            for r in rows
        ]

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
        """Summarise who said what: one row per speaker (canonical entity) and language.

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
        # one row per canonical entity (every spelling and script of one person) and language
        who = "coalesce((SELECT en.key FROM entities en WHERE en.id = q.speaker_entity_id), q.speaker_key)"
        base = f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker_key IS NOT NULL {lang_sql}"
        groups = self.conn.execute(
            f"WITH g AS (SELECT {who} AS key, a.lang AS lang, count(*) AS n, "
            f"count(DISTINCT q.article_id) AS n_articles, min(q.qid) AS first_qid {base}"
            "GROUP BY 1, a.lang) "
            "SELECT g.key, g.lang, g.n, g.n_articles, e.text FROM g JOIN quotes e ON e.qid = g.first_qid",
            params,
        ).fetchall()
        names: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for key, lang_code, name, n in self.conn.execute(
            f"SELECT {who}, a.lang, q.speaker_name, count(*) {base}"
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
            "quotes_with_speaker": N, "entities": N, "mentions": N, "sources": N,
            "schema_version": V}``: ``entities`` counts canonical entities
            (linked across documents), ``mentions`` the entity mentions.
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
            "mentions": one("SELECT count(*) FROM mentions"),
            "sources": one("SELECT count(*) FROM sources"),
            "schema_version": self.version,
        }

    # --- reads for the web desk ---
    # Read-only queries behind `newsdesk serve` (newsdesk.web). A key given to them (`per:tramp`) stands for its
    # canonical entity (migration 2), so one person's page gathers every spelling and script; every mention
    # query is a template in _WEB_MENTION_SQL below, with {m} for the mention table.

    def _mention_table(self) -> str:
        """The table holding entity mention rows: ``mentions`` when it exists, else ``entities``."""
        found = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'mentions'"
        ).fetchone()
        return "mentions" if found else "entities"

    def _mention_sql(self, name: str) -> str:
        return _WEB_MENTION_SQL[name].format(m=self._mention_table())

    def _entity_id(self, key: str) -> int:
        """The canonical entity of any key that names it (``per:tramp`` and ``per:donald trump`` answer the same
        entity once linking joined them): the entity most of the key's mentions and quotes were linked to, else
        the entity with that key; -1 when none, so queries by it find nothing."""
        row = self.conn.execute(
            "SELECT coalesce((SELECT eid FROM (SELECT entity_id AS eid FROM mentions WHERE key = ?1 "
            "UNION ALL SELECT speaker_entity_id FROM quotes WHERE speaker_key = ?1) WHERE eid IS NOT NULL "
            "GROUP BY eid ORDER BY count(*) DESC, eid LIMIT 1), (SELECT id FROM entities WHERE key = ?1))",
            (key,),
        ).fetchone()
        return row[0] if row and row[0] is not None else -1

    def canonical_key(self, key: str) -> str | None:
        """The key of the canonical entity that ``key`` names (itself when canonical), or None when none does."""
        row = self.conn.execute("SELECT key FROM entities WHERE id = ?", (self._entity_id(key),)).fetchone()
        return row[0] if row else None

    def list_articles(
        self,
        *,
        lang: str | None = None,
        section: str | None = None,
        since: str | None = None,
        until: str | None = None,
        offset: int = 0,
        limit: int = 20,
    ) -> list[ArticleListing]:
        """List stored articles, latest first, with filters.

        "Latest" orders by publication date where it is fully known, else by
        the day the article was stored (so a batch of undated articles shows
        in the order it arrived), then most recently stored first.

        Args:
            lang: only this language (``en``, ``ru``, ``uk``; ``ua`` accepted).
            section: only this site section (compared lower-cased: ``politics``).
            since, until: only articles published on or after / on or before
                this day, ISO 8601 ``YYYY-MM-DD``; articles without a full
                publication date are left out when either is given.
            offset: rows to skip (pagination), >= 0.
            limit: at most this many rows, >= 1.

        Returns:
            :class:`ArticleListing` rows.

        Raises:
            ConfigError: unknown language, a date that is not ``YYYY-MM-DD``,
                limit < 1 or offset < 0.
        """
        _check_limit(limit)
        _check_offset(offset)
        where, params = _web_article_filters(lang, section, since, until)
        sql = (
            f"SELECT {_LISTING_COLUMNS} FROM articles a {where}"
            "ORDER BY coalesce(a.published_date, substr(a.ingested_at, 1, 10)) DESC, a.seq DESC LIMIT ? OFFSET ?"
        )
        return [_listing(r) for r in self.conn.execute(sql, (*params, limit, offset))]

    def count_articles(
        self,
        *,
        lang: str | None = None,
        section: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> int:
        """Count the articles :meth:`list_articles` would list with the same filters (any offset and limit).

        Raises:
            ConfigError: as :meth:`list_articles`.
        """
        where, params = _web_article_filters(lang, section, since, until)
        return self.conn.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()[0]

    def sections(self) -> list[tuple[str, int]]:
        """Every site section with its number of articles, most articles first (ties: by name)."""
        rows = self.conn.execute(
            "SELECT section, count(*) FROM articles WHERE section IS NOT NULL AND section != '' "
            "GROUP BY section ORDER BY 2 DESC, 1"
        )
        return [(r[0], r[1]) for r in rows]

    def list_quotes(
        self,
        *,
        speaker_key: str | None = None,
        speaker_ids: Sequence[int] | None = None,
        lang: str | None = None,
        text_query: str | None = None,
        since: str | None = None,
        until: str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> list[QuoteRow]:
        """List quotations newest first, with their statement type and addressee.

        Reads only the quote columns (migration 3) and the article's light
        columns: the page of quotes is chosen first, and only its rows are
        joined with the rest, so an article with thousands of quotations
        costs a sort of small keys, never a pass over the article's JSON.

        Args:
            speaker_key: only quotes by the canonical entity this key names
                (``per:tramp`` and ``per:donald trump`` alike, once linked).
            speaker_ids: only quotes whose speaker is one of these canonical
                entity ids (as :meth:`entity_ids` answers a typed name); an
                empty sequence matches nothing.
            lang: only articles in this language (``ua`` accepted).
            text_query: plain words that must all occur in the quote text or
                speaker name (full-text, as :meth:`search` without ``raw``).
            since, until: publication day bounds, ``YYYY-MM-DD``, inclusive;
                quotes from articles without a full date are left out when
                either is given.
            offset, limit: pagination (offset >= 0, limit >= 1).

        Returns:
            :class:`QuoteRow` rows, ordered like :meth:`quotes` (newest
            publication date first, undated last, then latest stored first,
            then position in the article).

        Raises:
            ConfigError: unknown language, bad date, a query without a word,
                limit < 1 or offset < 0.
        """
        _check_limit(limit)
        _check_offset(offset)
        speaker = self._entity_id(speaker_key) if speaker_key is not None else None
        joins, where, params = _web_quote_filters(speaker, speaker_ids, lang, text_query, since, until)
        order = "ORDER BY a.published_date IS NULL, a.published_date DESC, a.seq DESC, q.idx"
        sql = (
            f"WITH page AS (SELECT q.qid FROM quotes q JOIN articles a ON a.id = q.article_id {joins}{where}"
            f"{order} LIMIT ? OFFSET ?) "
            f"SELECT {_QUOTE_ROW_COLUMNS} "
            "FROM page JOIN quotes q ON q.qid = page.qid JOIN articles a ON a.id = q.article_id "
            f"LEFT JOIN entities se ON se.id = q.speaker_entity_id {order}"
        )
        return [_quote_row(r) for r in self.conn.execute(sql, (*params, limit, offset))]

    def count_quotes(
        self,
        *,
        speaker_key: str | None = None,
        speaker_ids: Sequence[int] | None = None,
        lang: str | None = None,
        text_query: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> int:
        """Count the quotations :meth:`list_quotes` would list with the same filters.

        Raises:
            ConfigError: as :meth:`list_quotes`.
        """
        speaker = self._entity_id(speaker_key) if speaker_key is not None else None
        joins, where, params = _web_quote_filters(speaker, speaker_ids, lang, text_query, since, until)
        if lang or since or until:
            joins = "JOIN articles a ON a.id = q.article_id " + joins
        return self.conn.execute(f"SELECT count(*) FROM quotes q {joins}{where}", params).fetchone()[0]

    def quotes_per_day(self, speaker_key: str) -> list[DayCount]:
        """Quotations by one speaker per day, for a timeline.

        A quote counts on its article's publication day when that is fully
        known (``dated`` True), else on the day the article was stored
        (``dated`` False), so the two can be drawn apart.

        Returns:
            :class:`DayCount` rows in order of day (dated before undated on the same day).
        """
        rows = self.conn.execute(  # counted per article first: one article row read per article, not per quote
            "SELECT coalesce(a.published_date, substr(a.ingested_at, 1, 10)), a.published_date IS NOT NULL, "
            "sum(c.n) FROM (SELECT article_id, count(*) AS n FROM quotes WHERE speaker_entity_id = ? "
            "GROUP BY article_id) c JOIN articles a ON a.id = c.article_id GROUP BY 1, 2 ORDER BY 1, 2 DESC",
            (self._entity_id(speaker_key),),
        )
        return [DayCount(r[0], r[2], bool(r[1])) for r in rows]

    def addressees(self, speaker_key: str, *, limit: int = 20) -> list[EntityCount]:
        """Whom a speaker addresses: the addressees of their quotations, most often first.

        An addressee is who the cue names as addressed (``called on Russia
        to ...`` -> Russia). Addressees without an entity key are grouped by
        their words.

        Returns:
            :class:`EntityCount` rows (``key`` None for unlinked addressees;
            ``n`` = quotations), most first, ties by name.

        Raises:
            ConfigError: limit < 1.
        """
        _check_limit(limit)
        rows = self.conn.execute(
            "SELECT addressee_key, coalesce(addressee_name, addressee_text), count(*) FROM quotes "
            "WHERE speaker_entity_id = ? AND coalesce(addressee_key, addressee_name, addressee_text) IS NOT NULL "
            "GROUP BY 1, 2",
            (self._entity_id(speaker_key),),
        ).fetchall()
        return _grouped_counts([(k, n, c) for k, n, c in rows], limit)

    def mentions_per_day(self, key: str) -> list[DayCount]:
        """Mentions of one entity per day, dated as in :meth:`quotes_per_day`."""
        rows = self.conn.execute(self._mention_sql("per_day"), (self._entity_id(key),))
        return [DayCount(r[0], r[2], bool(r[1])) for r in rows]

    def co_occurring(self, key: str, *, limit: int = 20) -> list[EntityCount]:
        """Entities mentioned in the same articles as ``key``, most shared articles first.

        Returns:
            :class:`EntityCount` rows (``n`` = articles shared), ties by key.

        Raises:
            ConfigError: limit < 1.
        """
        _check_limit(limit)
        eid = self._entity_id(key)
        rows = self.conn.execute(self._mention_sql("co_occurring"), (eid, eid, limit)).fetchall()
        names = self._entity_names([r[0] for r in rows])
        out = []
        for key, n in rows:
            name, label = names.get(key, (key.split(":", 1)[-1], key.split(":", 1)[0].upper()))
            out.append(EntityCount(key, name, label, n))
        return out

    def aliases(self, key: str) -> list[Alias]:
        """Every surface form of one entity's mentions, per language.

        Returns:
            :class:`Alias` rows by language, then most frequent first, then text.
        """
        rows = self.conn.execute(self._mention_sql("aliases"), (self._entity_id(key),))
        return [Alias(r[0], r[1], r[2]) for r in rows]

    def entity_summary(self, key: str, *, lang: str | None = None) -> EntitySummary | None:
        """What the store holds about one entity key, or None when nothing mentions or quotes it.

        Args:
            key: the entity key (``org:nato``).
            lang: prefer the name most often given in articles in this
                language (``ua`` accepted); else the most frequent name overall.

        Raises:
            ConfigError: unknown language code.
        """
        eid = self._entity_id(key)
        key = self.canonical_key(key) or key
        counts = self.conn.execute(self._mention_sql("summary"), (eid,)).fetchone()
        n_quotes = self.conn.execute("SELECT count(*) FROM quotes WHERE speaker_entity_id = ?", (eid,)).fetchone()[0]
        n_mentions, n_articles = (counts[0], counts[1]) if counts else (0, 0)
        if not n_mentions and not n_quotes:
            return None
        name, label = self._entity_names([key]).get(key, ("", ""))
        if lang is not None:
            local = self.conn.execute(self._mention_sql("name_in_lang"), (eid, normalize_lang(lang))).fetchone()
            name = local[0] if local else name
        if not name:
            spoken = self.conn.execute(
                "SELECT speaker_name, count(*) FROM quotes WHERE speaker_entity_id = ? AND speaker_name IS NOT NULL "
                "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1",
                (eid,),
            ).fetchone()
            name = spoken[0] if spoken else key.split(":", 1)[-1]
        if not label:
            prefix = key.split(":", 1)[0].upper()
            label = prefix if prefix in ("PER", "ORG", "LOC", "MISC") else "MISC"
        return EntitySummary(key, label, name, n_mentions, n_articles, n_quotes)

    def search_names(self, name: str, *, max_entities: int = 5) -> list[str]:
        """Every stored spelling of the entities a typed name answers, for full-text search across scripts.

        The name is resolved as :meth:`entity_ids` does (any language,
        script or inflection: ``Trump`` answers the entity also stored as
        ``Трамп``); the answer holds the names in the ``aliases`` table (the
        nominative forms) and the words of the entities' mentions as written
        (inflected forms such as ``Трампа``, which full-text search does not
        stem).

        Args:
            name: what the user typed.
            max_entities: look at most at this many entities, most mentioned first.

        Returns:
            Distinct names, sorted; empty when the name answers no entity or has no letter or digit.
        """
        try:
            ids = self.entity_ids(name)
        except ConfigError:
            return []
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        chosen = [
            r[0]
            for r in self.conn.execute(
                f"SELECT e.id FROM entities e WHERE e.id IN ({marks}) ORDER BY "
                "(SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) DESC, e.id LIMIT ?",
                (*sorted(ids), max_entities),
            )
        ]
        marks = ", ".join("?" * len(chosen))
        rows = self.conn.execute(
            f"SELECT alias FROM aliases WHERE entity_id IN ({marks}) "
            f"UNION SELECT text FROM mentions WHERE entity_id IN ({marks})",
            (*chosen, *chosen),
        )
        return sorted({r[0].strip() for r in rows if r[0] and r[0].strip()}, key=lambda n: (n.casefold(), n))

    def top_speakers(
        self, *, lang: str | None = None, name_lang: str | None = None, limit: int | None = None
    ) -> list[SpeakerCount]:
        """Who is quoted most, one row per canonical speaker (every spelling, script and language together).

        Args:
            lang: count only quotes from articles in this language (``ua`` accepted).
            name_lang: show each speaker by its canonical name in this language
                (``entities.name_<lang>``), else the English one, else the
                first name stored.
            limit: at most this many rows; None for all.

        Returns:
            :class:`SpeakerCount` rows, most quoted first (ties: by name).

        Raises:
            ConfigError: unknown language code, or limit < 1.
        """
        if limit is not None:
            _check_limit(limit)
        lang_sql, params = ("AND a.lang = ? ", [normalize_lang(lang)]) if lang is not None else ("", [])
        show = normalize_lang(name_lang) if name_lang is not None else "en"
        rows = self.conn.execute(
            "WITH g AS (SELECT q.speaker_entity_id AS eid, a.lang AS lang, count(*) AS n, "
            "count(DISTINCT q.article_id) AS n_articles FROM quotes q JOIN articles a ON a.id = q.article_id "
            f"WHERE q.speaker_entity_id IS NOT NULL {lang_sql}GROUP BY 1, 2) "
            f"SELECT e.key, e.label, coalesce(e.name_{show}, e.name_en, e.name), g.lang, g.n, g.n_articles "
            "FROM g JOIN entities e ON e.id = g.eid ORDER BY e.key, g.lang",
            params,
        ).fetchall()
        merged: dict[str, list[Any]] = {}
        for key, label, name, row_lang, n, n_articles in rows:
            entry = merged.setdefault(key, [key, label, name, 0, 0, []])
            entry[3] += n
            entry[4] += n_articles  # an article has one language: per-language article counts add up
            entry[5].append((row_lang, n))
        out = [SpeakerCount(k, lb, nm, n, na, tuple(by)) for k, lb, nm, n, na, by in merged.values()]
        out.sort(key=lambda r: (-r.n_quotes, r.name.casefold(), r.key))
        return out if limit is None else out[:limit]

    def articles_mentioning(self, key: str, *, offset: int = 0, limit: int = 20) -> list[ArticleListing]:
        """Articles that mention an entity key, latest first (ordered as :meth:`list_articles`).

        Raises:
            ConfigError: limit < 1 or offset < 0.
        """
        _check_limit(limit)
        _check_offset(offset)
        rows = self.conn.execute(self._mention_sql("articles"), (self._entity_id(key), limit, offset))
        return [_listing(r) for r in rows]

    def other_languages(self, article_id: str) -> list[ArticleListing]:
        """The same story in other languages: stored articles with the same URL and another language.

        Returns:
            Listings ordered by language code; empty when the article has no URL.
        """
        rows = self.conn.execute(
            f"SELECT {_LISTING_COLUMNS} FROM articles a JOIN articles b ON b.url = a.url AND b.lang != a.lang "
            "WHERE b.id = ? AND a.url IS NOT NULL AND a.url != '' ORDER BY a.lang, a.seq",
            (article_id,),
        )
        return [_listing(r) for r in rows]

    def _entity_names(self, keys: Sequence[str]) -> dict[str, tuple[str, str]]:
        """``{key: (name, label)}``: each key's most frequent mention name and label."""
        if not keys:
            return {}
        marks = ", ".join("?" * len(keys))
        rows = self.conn.execute(self._mention_sql("names").replace("(?)", f"({marks})"), tuple(keys))
        best: dict[str, tuple[int, str, str]] = {}
        for key, label, name, n in rows:
            if key not in best or (n, len(name)) > (best[key][0], len(best[key][1])):
                best[key] = (n, name, label)
        return {k: (v[1], v[2]) for k, v in best.items()}

    # --- batch ingest ---

    def stored_ids(self, article_ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored: lets a batch skip known content before analysing it.

        Args:
            article_ids: content ids (:attr:`Article.id`), at most a few hundred at a time.

        Returns:
            The subset of ``article_ids`` with an article row.
        """
        if not article_ids:
            return set()
        marks = ", ".join("?" * len(article_ids))
        rows = self.conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", tuple(article_ids))
        return {r[0] for r in rows}

    def source_article(self, source: str) -> str | None:
        """The id of a stored article read from ``source`` (the first, if several), or None."""
        row = self.conn.execute(
            "SELECT article_id FROM sources WHERE source = ? ORDER BY added_at LIMIT 1", (source,)
        ).fetchone()
        return row[0] if row else None

    def add_source(self, article_id: str, source: str) -> Literal["unchanged"]:
        """Record that a stored article was read again from ``source``, as :meth:`add` does for known content.

        One transaction; nothing happens when the article is not stored or
        the source is already recorded for it.

        Returns:
            ``unchanged``, as :meth:`add` returns for content already stored.

        Raises:
            StoreError: the store is read-only, or the database refused the write.
        """
        where = str(self.path)
        if self.read_only:
            raise StoreError(f"the store {where} was opened read-only: open it without read_only=True to add sources")
        try:
            self.conn.execute(
                "INSERT OR IGNORE INTO sources (source, article_id, added_at) "
                "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
                (source, article_id, _now(), article_id),
            )
        except sqlite3.Error as exc:
            raise StoreError(
                f"source {source} of article {article_id} was not recorded in {where} ({_write_advice(exc, where)})"
            ) from exc
        return "unchanged"


def _check_offset(offset: int) -> None:
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise ConfigError(f"offset must be a whole number of at least 0, not {offset!r}")


def _iso_day(value: str, what: str) -> str:
    try:
        return datetime.strptime(str(value).strip(), "%Y-%m-%d").date().isoformat()
    except ValueError as exc:
        raise ConfigError(f"{what} must be a day as YYYY-MM-DD (2022-01-22), not {value!r}") from exc


def _web_article_filters(
    lang: str | None, section: str | None, since: str | None, until: str | None
) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if lang:
        where.append("a.lang = ?")
        params.append(normalize_lang(lang))
    if section:
        where.append("a.section = ?")
        params.append(section.strip().lower())
    if since:
        where.append("a.published_date >= ?")
        params.append(_iso_day(since, "since"))
    if until:
        where.append("a.published_date <= ?")
        params.append(_iso_day(until, "until"))
    return ("WHERE " + " AND ".join(where) + " " if where else ""), params


def _web_quote_filters(
    speaker_entity: int | None,
    speaker_ids: Sequence[int] | None,
    lang: str | None,
    text_query: str | None,
    since: str | None,
    until: str | None,
) -> tuple[str, str, list[Any]]:
    """``(joins, where, params)`` for the web desk's quote lists; columns only, no JSON."""
    joins = ""
    where: list[str] = []
    params: list[Any] = []
    if text_query is not None:
        fts = _fold(_plain_query(text_query))
        if not fts.strip():
            raise ConfigError(f"the search query {text_query!r} has no word to look for")
        joins = "JOIN quotes_fts ON quotes_fts.rowid = q.qid "
        where.append("quotes_fts MATCH ?")
        params.append(fts)
    if speaker_entity is not None:
        where.append("q.speaker_entity_id = ?")
        params.append(speaker_entity)
    if speaker_ids is not None:
        ids = sorted({int(i) for i in speaker_ids})
        where.append(f"q.speaker_entity_id IN ({', '.join('?' * len(ids))})" if ids else "0")
        params.extend(ids)
    article_where, article_params = _web_article_filters(lang, None, since, until)
    if article_where:
        where.append(article_where.removeprefix("WHERE ").strip())
        params.extend(article_params)
    return joins, ("WHERE " + " AND ".join(where) + " " if where else ""), params


def _open_read_only(path: Path, timeout_s: float) -> sqlite3.Connection:
    """Open an existing database for reading; immutable when SQLite cannot make its -wal/-shm files beside it.

    A WAL database opened ``mode=ro`` still needs its ``-shm`` file, which
    SQLite creates in the database's folder; in a folder this process may
    not write (a read-only mount, a server user without write permission)
    that open fails ("unable to open database file", "attempt to write a
    readonly database"). The fallback ``mode=ro&immutable=1`` reads the file
    without locks or shared memory: it does not see changes a writer makes
    afterwards, nor content still in a ``-wal`` file, so a warning is logged
    (once per path).

    Raises:
        sqlite3.Error: both opens failed (the first error is raised).
    """
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(uri + "?mode=ro", uri=True, isolation_level=None, timeout=timeout_s)
    except sqlite3.OperationalError as exc:
        first = exc
    else:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError as exc:
            conn.close()
            first = exc
    if "unable to open" not in str(first) and "readonly" not in str(first):
        raise first
    try:
        conn = sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, isolation_level=None, timeout=timeout_s)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        raise first from None
    if str(path) not in _IMMUTABLE_WARNED:
        _IMMUTABLE_WARNED.add(str(path))
        _log.warning(
            "opened %s as immutable (%s): its folder cannot be written, so changes made to it from now on "
            "are not seen; give this process write access to the folder to read a live database",
            path,
            first,
        )
    return conn


_log = logging.getLogger("newsdesk.store")
_IMMUTABLE_WARNED: set[str] = set()


_WEB_MENTION_SQL: dict[str, str] = {
    "per_day": (  # counted per article first, so each article row is read once
        "SELECT coalesce(a.published_date, substr(a.ingested_at, 1, 10)), a.published_date IS NOT NULL, sum(c.n) "
        "FROM (SELECT article_id, count(*) AS n FROM {m} WHERE entity_id = ? GROUP BY article_id) c "
        "JOIN articles a ON a.id = c.article_id GROUP BY 1, 2 ORDER BY 1, 2 DESC"
    ),
    "co_occurring": (
        "WITH arts AS (SELECT DISTINCT article_id FROM {m} WHERE entity_id = ?) "
        "SELECT e.key, count(DISTINCT m.article_id) AS n FROM {m} m JOIN arts ON arts.article_id = m.article_id "
        "JOIN entities e ON e.id = m.entity_id WHERE m.entity_id != ? GROUP BY e.key ORDER BY n DESC, e.key LIMIT ?"
    ),
    "aliases": (
        "SELECT a.lang, m.text, count(*) FROM {m} m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? "
        "GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2"
    ),
    "summary": "SELECT count(*), count(DISTINCT article_id) FROM {m} WHERE entity_id = ?",
    "articles": (
        "SELECT {listing} FROM articles a WHERE a.id IN (SELECT article_id FROM {m} WHERE entity_id = ?) "
        "ORDER BY coalesce(a.published_date, substr(a.ingested_at, 1, 10)) DESC, a.seq DESC LIMIT ? OFFSET ?"
    ),
    "names": "SELECT e.key, e.label, e.name, 1 FROM entities e WHERE e.key IN (?)",
    "name_in_lang": (
        "SELECT m.name FROM {m} m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? AND a.lang = ? "
        "AND m.name != '' GROUP BY m.name ORDER BY count(*) DESC, length(m.name) DESC, m.name LIMIT 1"
    ),
}
"""Every web-desk query over entity mention rows; ``{m}`` is the mention table (see ``Store._mention_table``)."""
_WEB_MENTION_SQL["articles"] = _WEB_MENTION_SQL["articles"].replace("{listing}", _LISTING_COLUMNS)


def _write_advice(exc: sqlite3.Error, where: str) -> str:
    """What a failed write means for the user: SQLite's words, plus what to do for the usual causes."""
    text = str(exc)
    if "readonly" in text:
        return f"{text}: the file {where} or its folder is read-only; make both writable or choose another --db"
    if "locked" in text or "busy" in text:
        return f"{text}: another process holds a write lock on {where}; wait for it to finish and run again"
    if "disk" in text and "full" in text:
        return f"{text}: free some disk space and run again"
    return text
