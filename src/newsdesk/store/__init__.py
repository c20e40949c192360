"""Storage: articles, entities and quotations in a database, with full-text search.

SQLite is the default (and for now only) backend: :class:`Store` opens or
creates one file, migrates its schema forward and keeps one transaction per
article. One writer, many readers (WAL). The store runs no analysis.

Example::

    from newsdesk.store import Store

    with Store("newsdesk.db") as store:
        store.add(article)                      # "stored" or "unchanged"
        store.quotes(speaker="Столтенберга")     # any alias of the speaker's canonical entity
        store.entities(label="PER")             # people linked across documents, languages, scripts
        store.search("security guarantees")
"""

from __future__ import annotations

from newsdesk.store.sqlite import AliasRow, EntityRow, QuoteRow, SearchHit, SpeakerRow, Store

__all__ = ["AliasRow", "EntityRow", "QuoteRow", "SearchHit", "SpeakerRow", "Store"]
