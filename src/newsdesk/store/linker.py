"""Linking at store time: each group of an article's mentions joins a stored canonical entity or becomes one.

The decisions are the pure rules of :mod:`newsdesk.nlp.linking` (:func:`~newsdesk.nlp.linking.choose_entity`);
this module reads the candidates from the database and writes entities and aliases, inside the caller's
transaction (see :mod:`newsdesk.store.sqlite` for the order it depends on)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.model import Article
from newsdesk.nlp.linking import (
    Candidate,
    blocking_key,
    canonical_name,
    choose_entity,
    known_by_key,
    known_entity,
    role_of,
    name_key,
    same_word,
    script_of,
    search_blocks,
    strip_titles,
)


# --- linking at store time -------------------------------------------------------
# The matching rules are pure functions of newsdesk.nlp.linking; the store gathers candidates (blocking)
# and writes the decisions, inside the article's transaction.

_LABELS = ("PER", "ORG", "LOC", "MISC")
_NAME_COLUMN = {"en": "name_en", "ru": "name_ru", "uk": "name_uk"}


@dataclass(slots=True)
class _Group:
    """The mentions of one document that share a key: their labels and names."""

    labels: dict[str, int]
    names: list[str]
    name: str
    counts: dict[str, int] | None = None  # mentions per lemma form (PER: without titles)


def _article_groups(article: Article) -> dict[str, _Group]:
    """Group an article's mentions (and resolved quote speakers without a mention) by document-level key.

    PER names lose their leading titles (:func:`~newsdesk.nlp.linking.strip_titles`), so ``Президент Дональд
    Трамп`` is never stored as an alias or a canonical name."""
    groups: dict[str, _Group] = {}
    for m in article.entities:
        if not m.key:
            continue

        def clean(form: str | None, label: str = m.label) -> str | None:
            return strip_titles(form, article.lang) if form and label == "PER" else form

        group = groups.setdefault(m.key, _Group({}, [], clean(m.name or m.lemma or m.text) or "", {}))
        group.labels[m.label] = group.labels.get(m.label, 0) + 1
        lemma = clean(m.lemma or m.text)
        role = role_of(lemma) if lemma else None
        if role is not None and role.key == m.key:
            lemma = None  # ``Alliance`` stands for NATO in this article only: never an alias (nlp.linking.role_of)
        if lemma and group.counts is not None:
            group.counts[lemma] = group.counts.get(lemma, 0) + 1
        for form in (lemma, clean(m.name)):
            if form and form not in group.names:
                group.names.append(form)
    for q in article.quotes:
        sp = q.speaker
        if sp is None or not sp.key or sp.key in groups:
            continue
        prefix = sp.key.split(":", 1)[0].upper()
        label = prefix if prefix in _LABELS and ":" in sp.key else "PER"
        name = sp.name or sp.key.split(":", 1)[-1]
        groups[sp.key] = _Group({label: 1}, [sp.name] if sp.name else [], name)
    return groups


def _link_article(conn: sqlite3.Connection, article: Article) -> dict[str, int]:
    """Link every entity of one article to a canonical entity row, creating rows as needed.

    Returns:
        ``{document-level key: entity id}`` for the article's mention keys and speaker keys.
    """
    ids: dict[str, int] = {}
    for key, group in _article_groups(article).items():
        label = max(group.labels, key=lambda lb: (group.labels[lb], lb == "PER"))
        link_key = key
        body = name_key(group.name, article.lang) if label == "PER" and key.startswith("per:") else ""
        if body and key[4:].endswith(" " + body):
            link_key = f"per:{body}"  # a key made with a title the name has lost (``per:prezident donald tramp``)
        ids[key] = _link_group(conn, link_key, label, article.lang, group)
    return ids


def _link_group(conn: sqlite3.Connection, key: str, label: str, lang: str, group: _Group) -> int:
    known = None
    if label != "PER":  # countries, capitals, organisations: the catalogue's key, whatever the spelling
        known = known_by_key(key) or next(
            (found for form in group.names if (found := known_entity(form, lang, inflected=True)) is not None), None
        )
    if known is not None:
        key, label = known.key, known.label
    row = conn.execute("SELECT id FROM entities WHERE key = ?", (key,)).fetchone()
    if row is not None:
        entity_id = row[0]
    else:
        candidates = _candidates(conn, key, label, lang, group.names)
        decision = choose_entity(key, label, lang, candidates)
        if decision.entity_id is None:
            names = dict(known.names) if known is not None else {}
            display = names.get("en") or group.name
            entity_id = conn.execute(
                "INSERT INTO entities (key, label, name, name_en, name_ru, name_uk) VALUES (?, ?, ?, ?, ?, ?)",
                (key, label, display, names.get("en"), names.get("ru"), names.get("uk")),
            ).lastrowid
            if label == "PER" and len(key.split()) > 1:
                _split_surnames(conn, entity_id, key, lang, candidates)
        else:
            entity_id = decision.entity_id
            if decision.rename:  # a surname-only entity takes the full name
                conn.execute("UPDATE entities SET key = ?, name = ? WHERE id = ?", (key, group.name, entity_id))
    column = _NAME_COLUMN[lang]
    current, display, name_en = conn.execute(
        f"SELECT {column}, name, name_en FROM entities WHERE id = ?", (entity_id,)
    ).fetchone()
    best = group.name
    if current is not None and current != group.name and known is None:
        # the canonical name per language: most words, then nominative, then most frequent (canonical_name)
        forms = dict(conn.execute(
            "SELECT coalesce(m.lemma, m.text), count(*) FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.entity_id = ? AND a.lang = ? GROUP BY 1", (entity_id, lang),
        ).fetchall())
        if label == "PER":
            cleaned: dict[str, int] = {}
            for form, n in forms.items():
                cleaned[strip_titles(form, lang)] = cleaned.get(strip_titles(form, lang), 0) + n
            forms = cleaned
        forms = {current: forms.get(current, 1)} | forms
        for form, n in (group.counts or {group.name: 1}).items():
            forms[form] = forms.get(form, 0) + n
        forms.setdefault(group.name, 1)
        best = canonical_name(forms, lang)
    if current is None or (known is None and best != current):  # a catalogue's names stay
        conn.execute(f"UPDATE entities SET {column} = ? WHERE id = ?", (best, entity_id))
        if name_en is None and display == current and column != "name_en":
            conn.execute("UPDATE entities SET name = ? WHERE id = ?", (best, entity_id))
    aliases = []
    for form in group.names:
        alias_key = name_key(form, lang)
        if alias_key:
            aliases.append((entity_id, form, lang, script_of(form), alias_key, blocking_key(alias_key)))
    conn.executemany(
        "INSERT OR IGNORE INTO aliases (entity_id, alias, lang, script, key, block) VALUES (?, ?, ?, ?, ?, ?)",
        aliases,
    )
    return entity_id


def _split_surnames(
    conn: sqlite3.Connection, entity_id: int, key: str, lang: str, candidates: Sequence[Candidate]
) -> None:
    """Re-check the surname rule when a new full name arrives (``per:ivanka trump``): bare-surname mentions and
    quotes (``per:trump``, ``per:tramp``) that an earlier insert joined to the one full name then stored with that
    surname (``per:donald trump``) move to an entity of the bare surname (the stored one, else a new one), so
    which full name came first no longer decides. Mentions a document itself linked to the full name (their key
    is the full name's) stay."""
    surname = key.split()[-1]

    def shares(word: str) -> bool:
        return same_word(surname, word, cross=True, inflected=True)

    others = [
        c for c in candidates
        if c.label == "PER" and c.id != entity_id and len(c.key.split()) > 1 and shares(c.key.split()[-1])
    ]
    if not others:
        return
    singles = [c for c in candidates if c.label == "PER" and " " not in c.key and shares(c.key.split(":", 1)[-1])]
    target = singles[0].id if len(singles) == 1 else None
    for other in others:
        moved = [
            (bare, form, mention_lang)
            for bare, form, mention_lang in conn.execute(
                "SELECT DISTINCT m.key, coalesce(m.lemma, m.text), a.lang FROM mentions m "
                "JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? AND m.key NOT LIKE '% %' "
                "UNION SELECT DISTINCT q.speaker_key, q.speaker_name, a.lang FROM quotes q "
                "JOIN articles a ON a.id = q.article_id WHERE q.speaker_entity_id = ? AND q.speaker_key NOT LIKE '% %'",
                (other.id, other.id),
            )
            if bare and bare.startswith("per:") and shares(bare[4:])
        ]
        if not moved:
            continue
        if target is None:
            bare, form, _ = moved[0]
            target = conn.execute(
                "INSERT INTO entities (key, label, name) VALUES (?, 'PER', ?)", (bare, form or bare[4:])
            ).lastrowid
        for bare, form, mention_lang in moved:
            conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ? AND key = ?", (target, other.id, bare))
            conn.execute(
                "UPDATE quotes SET speaker_entity_id = ? WHERE speaker_entity_id = ? AND speaker_key = ?",
                (target, other.id, bare),
            )
            alias_key = name_key(form, mention_lang) if form else ""
            if alias_key:
                column = _NAME_COLUMN[mention_lang]
                conn.execute(f"UPDATE entities SET {column} = coalesce({column}, ?) WHERE id = ?", (form, target))
                conn.execute(
                    "INSERT OR IGNORE INTO aliases (entity_id, alias, lang, script, key, block) VALUES (?, ?, ?, ?, ?, ?)",
                    (target, form, mention_lang, script_of(form), alias_key, blocking_key(alias_key)),
                )


def _candidates(
    conn: sqlite3.Connection, key: str, label: str, lang: str, names: Sequence[str]
) -> list[Candidate]:
    """Stored entities of ``label`` sharing a block with ``key`` (:func:`newsdesk.nlp.linking.search_blocks`) or
    one of ``names``."""
    blocks = search_blocks(key) | {blocking_key(name_key(n, lang)) for n in names}
    blocks.discard("")
    if not blocks:
        return []
    marks = ", ".join("?" * len(blocks))
    rows = conn.execute(
        "SELECT e.id, e.key, e.label, a.key, a.lang FROM entities e JOIN aliases a ON a.entity_id = e.id "
        f"WHERE e.id IN (SELECT entity_id FROM aliases WHERE block IN ({marks})) ORDER BY e.id",
        sorted(blocks),
    ).fetchall()
    found: dict[int, tuple[str, str, list[tuple[str, str]]]] = {}
    for entity_id, entity_key, entity_label, alias_key, alias_lang in rows:
        found.setdefault(entity_id, (entity_key, entity_label, []))[2].append((alias_key, alias_lang))
    return [Candidate(i, k, lb, tuple(aliases)) for i, (k, lb, aliases) in found.items()]
