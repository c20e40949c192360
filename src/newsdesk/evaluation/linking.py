"""Entity linking measured on real news: the same stories in three languages, and cross-lingual entity ids.

Two corpora from ``../shared/data`` (never copied into the repository):

**NTREX-128** (``ntrex-en-ru-uk``; Federmann et al., 2022): 123 English news
documents with professional Russian and Ukrainian translations, line-aligned.
There is no gold annotation, but a translation names the same people,
organisations and places as its original, so linking should give the three
versions the same canonical entities. Method (:func:`evaluate_ntrex_linking`):

1. each version (lines joined by ``"\\n"``) goes through the entity
   recognizer of its language (:func:`newsdesk.nlp.entities.load_recognizer`,
   with within-document linking) and is added to one in-memory
   :class:`~newsdesk.store.Store`, which links its mentions to canonical
   entities (the whole corpus in one store, document by document, en, ru, uk);
2. a version's set is the canonical entity ids of its PER, ORG and LOC
   mentions (by the entity's label);
3. per document, ``jaccard`` is ``|en ∩ ru ∩ uk| / |en ∪ ru ∪ uk|`` (the target
   figure, mean over documents with at least one entity) and
   ``pairwise_jaccard`` the mean of the en-ru, en-uk and ru-uk Jaccard indexes.

The figure mixes recognition and linking: an entity the Russian recognizer
misses lowers it as much as a missed link does. ``missing`` lists the entities
most often found in some but not all versions, to tell the two apart, and
``missing_with_similar_name`` counts the entities missing from a version
that has another entity, not found in every version, with a look-alike word
(:data:`SIMILAR_WORD_RATIO`): the upper bound of what better linking could
still join (most are different spans or labels of the recognizers).

**SlavicNER** (``slavicner-ru-uk``; BSNLP shared tasks 2017-2023, Piskorski
et al., LREC-COLING 2024): Russian and Ukrainian news on shared topics, every
mention annotated with a type and a cross-lingual entity id
(``PER-Theresa-May``). Method (:func:`evaluate_slavicner_linking`):

1. gold mention spans and types are given (PER, ORG, LOC; EVT and PRO are
   left out), so only linking is measured; each mention's lemma is made by
   :func:`newsdesk.nlp.linking.lemmatize_mention` (``gold_lemmas=True`` uses
   the corpus's lemmas instead, isolating linking from lemmatisation);
2. each document's mentions are linked within the document
   (:func:`~newsdesk.nlp.linking.link_mentions`) and the document is added to
   one in-memory store (documents in path order: topic, language, file), which
   links across documents and languages;
3. **pairwise** precision, recall and F1 of "same entity" decisions over all
   pairs of mentions, ru and uk together: a pair is predicted when both
   mentions point to one stored entity and is gold when both have one entity
   id. Counted from the contingency table (``sum C(n, 2)``), not pair by pair.
   ``cross_lingual`` restricts the pairs to one ru and one uk mention;
   ``keys_only`` scores the document-level keys without store linking (the
   baseline the store improves on).
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from newsdesk.errors import ConfigError
from newsdesk.evaluation.consistency import LANGS, read_ntrex
from newsdesk.model import Article, Mention
from newsdesk.nlp.linking import lemmatize_mention, link_mentions

__all__ = [
    "GoldMention",
    "SlavicDocument",
    "evaluate_ntrex_linking",
    "evaluate_slavicner_linking",
    "jaccard_sets",
    "pairwise_scores",
    "read_slavicner",
]

Progress = Callable[[int, int], None]
_LABELS = ("PER", "ORG", "LOC")


# --- scores ------------------------------------------------------------------------


def jaccard_sets(*sets: Iterable[Hashable]) -> float | None:
    """``|intersection| / |union|`` of two or more sets; None when all are empty."""
    frozen = [set(s) for s in sets]
    union = set().union(*frozen)
    if not union:
        return None
    return len(set.intersection(*frozen)) / len(union)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise_scores(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float | int]:
    """Pairwise precision, recall and F1 of clustering decisions.

    Args:
        predicted: the predicted cluster of each mention (any hashable id).
        gold: the gold cluster of each mention, same length and order.

    Returns:
        ``{"precision", "recall", "f1", "true_pairs", "predicted_pairs",
        "gold_pairs", "n_mentions"}``; a score whose denominator is 0 is 0.0
        (precision with no predicted pair, recall with no gold pair).

    Raises:
        ValueError: the two sequences differ in length.
    """
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predicted clusters for {len(gold)} gold ones: give one per mention")
    both = Counter(zip(predicted, gold))
    true = sum(_pairs(n) for n in both.values())
    pred = sum(_pairs(n) for n in Counter(predicted).values())
    gold_n = sum(_pairs(n) for n in Counter(gold).values())
    return _prf(true, pred, gold_n) | {"n_mentions": len(gold)}


def _cross_scores(
    predicted: Sequence[Hashable], gold: Sequence[Hashable], langs: Sequence[str], a: str, b: str
) -> dict[str, float | int]:
    """Pairwise scores over pairs of one ``a`` and one ``b`` mention only."""

    def cross(counts: dict[Hashable, Counter[str]]) -> int:
        return sum(c[a] * c[b] for c in counts.values())

    by_both: dict[Hashable, Counter[str]] = {}
    by_pred: dict[Hashable, Counter[str]] = {}
    by_gold: dict[Hashable, Counter[str]] = {}
    for p, g, lang in zip(predicted, gold, langs):
        by_both.setdefault((p, g), Counter())[lang] += 1
        by_pred.setdefault(p, Counter())[lang] += 1
        by_gold.setdefault(g, Counter())[lang] += 1
    return _prf(cross(by_both), cross(by_pred), cross(by_gold))


def _prf(true: int, pred: int, gold: int) -> dict[str, float | int]:
    precision = true / pred if pred else 0.0
    recall = true / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "true_pairs": true,
        "predicted_pairs": pred,
        "gold_pairs": gold,
    }


# --- NTREX ---------------------------------------------------------------------------


def evaluate_ntrex_linking(
    data_dir: Path,
    *,
    limit: int | None = None,
    progress: Progress | None = None,
    recognizer: Callable[[str], Callable[[str], list[Mention]]] | None = None,
) -> dict[str, Any]:
    """Cross-lingual agreement of canonical entities on NTREX-128 (method in the module docstring).

    Args:
        data_dir: the ``ntrex-en-ru-uk`` folder.
        limit: only the first N documents.
        progress: called with (documents done, total).
        recognizer: ``lang -> (text -> mentions)``; default the pipeline's
            recognizers (:func:`newsdesk.nlp.entities.load_recognizer`).

    Returns:
        ``{"dataset": "ntrex", "n_docs", "n_scored", "jaccard", "pairwise_jaccard",
        "entities_per_version": {"en", "ru", "uk"}, "missing": [...top 20],
        "entities_found", "entities_missing_somewhere", "missing_with_similar_name",
        "documents": [...], "seconds"}``; ``n_scored`` counts documents with
        at least one entity in some version (the means are over those); the
        three counts sum over documents (see the module docstring).

    Raises:
        ConfigError: the folder or its files are missing.
    """
    from newsdesk.store import Store

    if recognizer is None:
        from newsdesk.nlp.entities import load_recognizer

        recognizer = load_recognizer
    docs = read_ntrex(data_dir)
    if limit is not None:
        docs = docs[:limit]
    started = time.perf_counter()
    documents: list[dict[str, Any]] = []
    missing: Counter[int] = Counter()
    sizes: Counter[str] = Counter()
    partial: Counter[str] = Counter()
    with Store(":memory:") as store:
        for done, (doc_id, texts) in enumerate(docs, 1):
            found: dict[str, set[int]] = {}
            keys: dict[int, str] = {}
            for lang in LANGS:
                text = texts[lang]
                mentions = recognizer(lang)(text)
                article = _article(f"ntrex:{doc_id}:{lang}", lang, text, mentions)
                store.add(article)
                rows = store.conn.execute(
                    "SELECT DISTINCT e.id, e.key FROM mentions m JOIN entities e ON e.id = m.entity_id "
                    "WHERE m.article_id = ? AND e.label IN ('PER', 'ORG', 'LOC')",
                    (article.id,),
                ).fetchall()
                found[lang] = {r[0] for r in rows}
                keys.update(rows)
                sizes[lang] += len(found[lang])
            three = jaccard_sets(*found.values())
            pairs = [jaccard_sets(found[a], found[b]) for a, b in (("en", "ru"), ("en", "uk"), ("ru", "uk"))]
            union = set().union(*found.values())
            common = set.intersection(*found.values())
            missing.update(union - common)
            partial["union"] += len(union)
            for entity_id in union - common:
                partial["partial"] += 1
                lacking = [lang for lang in LANGS if entity_id not in found[lang]]
                rivals = {keys[i] for lang in lacking for i in found[lang] - common}
                partial["similar"] += _looks_alike(keys[entity_id], rivals)
            documents.append(
                {
                    "id": doc_id,
                    "jaccard": None if three is None else round(three, 4),
                    "pairwise_jaccard": None if three is None else round(sum(p or 0.0 for p in pairs) / 3, 4),
                    **{f"n_{lang}": len(found[lang]) for lang in LANGS},
                }
            )
            if progress is not None:
                progress(done, len(docs))
        names = _entity_names(store, list(missing))
    scored = [d for d in documents if d["jaccard"] is not None]
    return {
        "dataset": "ntrex",
        "n_docs": len(documents),
        "n_scored": len(scored),
        "jaccard": round(sum(d["jaccard"] for d in scored) / len(scored), 4) if scored else 0.0,
        "pairwise_jaccard": (
            round(sum(d["pairwise_jaccard"] for d in scored) / len(scored), 4) if scored else 0.0
        ),
        "entities_per_version": {lang: round(sizes[lang] / len(documents), 2) if documents else 0.0 for lang in LANGS},
        "missing": [{"entity": names.get(i, str(i)), "documents": n} for i, n in missing.most_common(20)],
        "entities_found": partial["union"],
        "entities_missing_somewhere": partial["partial"],
        "missing_with_similar_name": partial["similar"],
        "documents": documents,
        "seconds": round(time.perf_counter() - started, 1),
    }


SIMILAR_WORD_RATIO = 75.0
"""rapidfuzz ``fuzz.ratio`` at which a word of four letters or more of a missing entity's key "looks like" a
word of an entity found in a version that lacks it (the NTREX diagnostic ``missing_with_similar_name``)."""


def _looks_alike(key: str, others: Iterable[str]) -> bool:
    words = [w for w in key.split(":", 1)[-1].split() if len(w) > 3]
    return any(
        fuzz.ratio(w, x) >= SIMILAR_WORD_RATIO for other in others for x in other.split(":", 1)[-1].split() for w in words
    )


def _entity_names(store: Any, ids: Sequence[int]) -> dict[int, str]:
    names: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        for entity_id, key, name in store.conn.execute(
            f"SELECT id, key, coalesce(name_en, name) FROM entities WHERE id IN ({', '.join('?' * len(part))})",
            part,
        ):
            names[entity_id] = f"{name} ({key})"
    return names


def _article(source: str, lang: str, text: str, mentions: Sequence[Mention]) -> Article:
    digest = hashlib.sha256(f"{source}\n{lang}\n{text}".encode("utf-8")).hexdigest()[:16]
    return Article(
        id=digest,
        source=source,
        lang=lang,  # type: ignore[arg-type]
        text=text,
        entities=tuple(sorted(mentions, key=lambda m: (m.start, m.end))),
    )


# --- SlavicNER -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One SlavicNER mention: span into the raw text, surface, lemma, type and cross-lingual entity id."""

    start: int
    end: int
    text: str
    lemma: str
    label: str
    entity: str


@dataclass(frozen=True, slots=True)
class SlavicDocument:
    """One SlavicNER document: ``id`` is ``topic/lang/file`` (without extension)."""

    id: str
    lang: str
    text: str
    mentions: tuple[GoldMention, ...]


_SLAVIC_LANGS = {"ru": "ru", "uk": "uk", "ua": "uk"}


def read_slavicner(data_dir: Path, *, langs: Sequence[str] = ("ru", "uk")) -> list[SlavicDocument]:
    """Read SlavicNER documents (``raw/<topic>/<lang>/*.txt`` with ``ner/<topic>/<lang>/*.tsv``), path order.

    Each ``.tsv`` line is ``start, end, surface, lemma, type, entity id``
    (character offsets into the raw file, end exclusive). Mentions whose
    offsets do not give their surface form are dropped (none in the copy
    measured here).

    Raises:
        ConfigError: the folder has no ``ner/`` and ``raw/`` files.
    """
    root = Path(data_dir)
    tsvs = sorted(root.glob("ner/*/*/*.tsv"))
    if not tsvs or not (root / "raw").is_dir():
        raise ConfigError(
            f"SlavicNER data not found at {root}: pass the folder holding ner/<topic>/<lang>/*.tsv and "
            "raw/<topic>/<lang>/*.txt (../shared/data/slavicner-ru-uk beside the repository)"
        )
    wanted = {_SLAVIC_LANGS.get(code, code) for code in langs}
    docs = []
    for tsv in tsvs:
        rel = tsv.relative_to(root / "ner")
        lang = _SLAVIC_LANGS.get(rel.parts[1], rel.parts[1])
        raw = root / "raw" / rel.with_suffix(".txt")
        if lang not in wanted or not raw.is_file():
            continue
        text = raw.read_text(encoding="utf-8")
        mentions = []
        for line in tsv.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 6 or not parts[0].isdigit() or not parts[1].isdigit():
                continue
            start, end = int(parts[0]), int(parts[1])
            if text[start:end] != parts[2]:
                continue
            mentions.append(GoldMention(start, end, parts[2], parts[3], parts[4], parts[5]))
        docs.append(SlavicDocument(str(rel.with_suffix("")), lang, text, tuple(mentions)))
    return docs


def evaluate_slavicner_linking(
    data_dir: Path,
    *,
    gold_lemmas: bool = False,
    limit: int | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Pairwise linking precision/recall/F1 against SlavicNER's cross-lingual ids (method in the module docstring).

    Args:
        data_dir: the ``slavicner-ru-uk`` folder.
        gold_lemmas: use the corpus's lemmas instead of newsdesk's.
        limit: only the first N documents (path order).
        progress: called with (documents done, total).

    Returns:
        ``{"dataset": "slavicner", "n_docs", "n_mentions", "n_gold_entities",
        "n_predicted_entities", "pairwise": {...}, "cross_lingual": {...},
        "keys_only": {...}, "per_label": {"PER": {...}, ...}, "gold_lemmas",
        "split_entities": [...], "merged_entities": [...], "seconds"}`` where each
        score block is as :func:`pairwise_scores` gives; ``split_entities`` lists
        the gold entities spread over the most predicted ones, ``merged_entities``
        the predicted entities that hold the most gold ones.

    Raises:
        ConfigError: the folder has no SlavicNER files.
    """
    from newsdesk.store import Store

    docs = read_slavicner(data_dir)
    if limit is not None:
        docs = docs[:limit]
    started = time.perf_counter()
    predicted: list[int] = []
    keys: list[str] = []
    gold: list[str] = []
    langs: list[str] = []
    labels: list[str] = []
    with Store(":memory:") as store:
        for done, doc in enumerate(docs, 1):
            chosen = [g for g in doc.mentions if g.label in _LABELS]
            mentions = [
                Mention(
                    g.start, g.end, g.text, g.label,  # type: ignore[arg-type]
                    g.lemma if gold_lemmas else lemmatize_mention(g.text, g.label, doc.lang), "",
                )
                for g in chosen
            ]
            linked = link_mentions(mentions)
            article = _article(f"slavicner:{doc.id}", doc.lang, doc.text, linked)
            store.add(article)
            ids = {
                (start, end, label): entity_id
                for start, end, label, entity_id in store.conn.execute(
                    'SELECT start, "end", label, entity_id FROM mentions WHERE article_id = ?', (article.id,)
                )
            }
            for g, m in zip(chosen, linked):
                predicted.append(ids[(m.start, m.end, m.label)])
                keys.append(m.key)
                gold.append(g.entity)
                langs.append(doc.lang)
                labels.append(g.label)
            if progress is not None:
                progress(done, len(docs))
        names = _entity_names(store, sorted(set(predicted)))
    per_label = {}
    for label in _LABELS:
        idx = [i for i, lb in enumerate(labels) if lb == label]
        per_label[label] = pairwise_scores([predicted[i] for i in idx], [gold[i] for i in idx])
    spread: dict[str, set[int]] = {}
    held: dict[int, set[str]] = {}
    for p, g in zip(predicted, gold):
        spread.setdefault(g, set()).add(p)
        held.setdefault(p, set()).add(g)
    return {
        "dataset": "slavicner",
        "gold_lemmas": gold_lemmas,
        "n_docs": len(docs),
        "n_docs_by_lang": dict(Counter(d.lang for d in docs)),
        "n_mentions": len(gold),
        "n_gold_entities": len(set(gold)),
        "n_predicted_entities": len(set(predicted)),
        "pairwise": pairwise_scores(predicted, gold),
        "cross_lingual": _cross_scores(predicted, gold, langs, "ru", "uk"),
        "keys_only": pairwise_scores(keys, gold),
        "per_label": per_label,
        "split_entities": [
            {"gold": g, "predicted": len(ps)} for g, ps in sorted(spread.items(), key=lambda kv: -len(kv[1]))[:15]
        ],
        "merged_entities": [
            {"predicted": names.get(p, str(p)), "gold": sorted(gs)[:5], "n_gold": len(gs)}
            for p, gs in sorted(held.items(), key=lambda kv: -len(kv[1]))[:15]
        ],
        "seconds": round(time.perf_counter() - started, 1),
    }
