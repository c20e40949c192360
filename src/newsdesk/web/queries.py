"""Desk queries shared by the pages and the JSON API: search across scripts, quotes by a typed name.

These put a user's words into store queries; the store does the reading.
A typed name is resolved to canonical entities by :meth:`Store.entity_ids`
(``Trump``, ``Трамп`` and ``Трампа`` answer one person), the same as
``newsdesk quotes --speaker``.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from newsdesk.errors import ConfigError
from newsdesk.store import SearchHit, Store

__all__ = ["MARK", "SearchResult", "Snippet", "search", "snippet", "speaker_ids"]

MARK = ("\ue000", "\ue001")
"""Private-use characters the store puts around matched words in snippets; turned into ``<mark>`` here."""

MAX_SEARCH_DEPTH = 500
"""Search hits are ranked as a whole; pages reach at most this far down the ranking."""


def speaker_ids(name: str, store: Store) -> list[int]:
    """The canonical speakers a typed name answers, in any language, script or inflection.

    ``Trump``, ``Трамп``, ``Трампа`` and ``per:donald trump`` give the same
    entity (:meth:`Store.entity_ids`); a key that linking joined to another
    entity (``per:tramp``) gives that entity.

    Returns:
        Entity ids, sorted; empty when the name has no letter or digit or answers nobody.
    """
    label, sep, _ = name.partition(":")
    if sep and label.strip().lower() in ("per", "org", "loc", "misc"):
        canonical = store.canonical_key(" ".join(name.strip().lower().split()))
        name = canonical or name
    try:
        return sorted(store.entity_ids(name))
    except ConfigError:
        return []


@dataclass(frozen=True, slots=True)
class Snippet:
    """A search snippet: ``text`` without marks, ``highlights`` as half-open ``(start, end)`` into it."""

    text: str
    highlights: tuple[tuple[int, int], ...]

    def html(self) -> Markup:
        """The snippet as HTML: text escaped, matched words in ``<mark>``."""
        out, last = [], 0
        for start, end in self.highlights:
            out.append(str(escape(self.text[last:start])))
            out.append(f"<mark>{escape(self.text[start:end])}</mark>")
            last = end
        out.append(str(escape(self.text[last:])))
        return Markup("".join(out))


def snippet(marked: str) -> Snippet:
    """Turn a store snippet with :data:`MARK` pairs into text and highlight offsets (stray marks dropped)."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    length, opened = 0, None
    for ch in marked:
        if ch == MARK[0]:
            opened = length if opened is None else opened
        elif ch == MARK[1]:
            if opened is not None and length > opened:
                spans.append((opened, length))
            opened = None
        else:
            text.append(ch)
            length += 1
    if opened is not None and length > opened:
        spans.append((opened, length))
    return Snippet("".join(text), tuple(spans))


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One page of search hits.

    Attributes:
        hits: the hits on this page, best first.
        snippets: each hit's snippet, parsed.
        names: other spellings searched too (aliases of the entities the
            query names, in every language and script), sorted.
        has_more: True when there are hits after this page.
    """

    hits: tuple[SearchHit, ...]
    snippets: tuple[Snippet, ...]
    names: tuple[str, ...]
    has_more: bool


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def search(store: Store, query: str, *, lang: str | None = None, offset: int = 0, limit: int = 20) -> SearchResult:
    """Full-text search over articles and quotations, names matched across scripts.

    The query's plain words must all occur (as in ``Store.search``). When the
    query names a stored entity in any script or inflection (``NATO``,
    ``Столтенберг``, ``Trump``; see :meth:`Store.search_names`), every stored
    spelling of it (the ``aliases`` table, and its mentions as written) is
    searched too, so ``Trump`` also finds ``Трампа`` in Russian text.

    Args:
        store: an open store.
        query: the user's words.
        lang: only this language (``ua`` accepted), or None.
        offset, limit: the page (hits deeper than :data:`MAX_SEARCH_DEPTH` are not reached).

    Returns:
        A :class:`SearchResult`; empty when the query has no word.

    Raises:
        ConfigError: unknown language code.
    """
    words = [w for w in query.split() if any(ch.isalnum() for ch in w)]
    if not words or offset >= MAX_SEARCH_DEPTH:
        return SearchResult((), (), (), False)
    typed = " ".join(words)
    names = [n for n in store.search_names(typed) if n.casefold() != typed.casefold()]
    chosen = names[:40]
    fts = "(" + " ".join(_phrase(w) for w in words) + ")" + "".join(f" OR {_phrase(n)}" for n in chosen)
    depth = min(offset + limit + 1, MAX_SEARCH_DEPTH)
    hits = store.search(fts, lang=lang, limit=depth, raw=True, mark=MARK)
    page = hits[offset : offset + limit]
    return SearchResult(
        tuple(page),
        tuple(snippet(h.snippet) for h in page),
        tuple(chosen),
        len(hits) > offset + limit and offset + limit < MAX_SEARCH_DEPTH,
    )
