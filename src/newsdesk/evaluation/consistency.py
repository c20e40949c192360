"""Cross-lingual consistency of quotations: the same stories in English, Russian and Ukrainian (NTREX-128).

NTREX-128 (Federmann et al., 2022; WMT19 newstest English sources with
professional translations) gives 123 news documents line-aligned in en, ru
and uk; ``DOCUMENT_IDS.tsv`` names each line's document. There is no gold
annotation: a translation quotes the same people as its original, so the
pipeline should find the same direct quotations, by the same speakers, in
all three versions.

Method:

1. A document's text in each language is its lines joined by ``"\\n"`` (one
   sentence per line, as the files give them), processed with ``lang`` forced.
2. **Count agreement**: among documents where at least one language has a
   direct quotation (``kind == "direct"``), the share whose direct-quote
   counts are equal in en, ru and uk.
3. **Speaker agreement**: in documents whose counts agree, quotes are aligned
   by order (the i-th quote of each language). A triple counts when at least
   one of its three speakers resolved to an entity (``Speaker.key``); it
   agrees when all three are resolved and every pair is the same entity:
   equal keys, or the surname (last word of one key) matches the other key by
   :func:`newsdesk.nlp.linking.key_matches` (``per:stoltenberg`` and ``per:jens
   stoltenberg``). Triples where no language resolved a speaker are reported
   as ``unresolved`` and left out of the share; quotes in documents whose
   counts differ cannot be aligned and are left out too (``n_unaligned``).
   Keys that differ by spelling the linking rules do not fold
   (``trump``/``tramp``: see :mod:`newsdesk.nlp.linking`) count as
   disagreement.
4. **Diagnostic** (not the target figure): ``speaker_agreement_fuzzy`` also
   accepts a pair whose surnames are similar spellings (rapidfuzz
   ``fuzz.ratio`` >= :data:`FUZZY_SURNAME_RATIO`: ``trump``/``tramp``,
   ``biden``/``baiden``, ``sumbung``/``sambung``), to show how much of the disagreement is
   transliteration that linking does not fold rather than a different person.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from newsdesk.errors import ConfigError
from newsdesk.evaluation.quotes import Progress, _get_pipeline
from newsdesk.model import Article, Quote, RawDocument
from newsdesk.nlp.linking import key_matches, same_name, same_word, skeleton

if TYPE_CHECKING:
    from newsdesk.pipeline import Pipeline

LANGS = ("en", "ru", "uk")

FUZZY_SURNAME_RATIO = 75.0
"""Lowest rapidfuzz ``fuzz.ratio`` (0-100) of two surnames for the fuzzy diagnostic."""
_FILES = {
    "en": "newstest2019-src.eng.txt",
    "ru": "newstest2019-ref.rus.txt",
    "uk": "newstest2019-ref.ukr.txt",
}


def _ntrex_dir(data_dir: Path) -> tuple[Path, Path]:
    data_dir = Path(data_dir)
    ids = data_dir / "DOCUMENT_IDS.tsv"
    for texts in (data_dir / "NTREX-128", data_dir):
        if ids.is_file() and all((texts / f).is_file() for f in _FILES.values()):
            return ids, texts
    raise ConfigError(
        f"NTREX data not found at {data_dir}: pass the folder holding DOCUMENT_IDS.tsv and "
        f"NTREX-128/{{{','.join(_FILES.values())}}} (../shared/data/ntrex-en-ru-uk beside the repository)"
    )


def read_ntrex(data_dir: Path) -> list[tuple[str, dict[str, str]]]:
    """Read the NTREX documents: ``[(doc_id, {"en": text, "ru": text, "uk": text}), ...]`` in file order.

    Each text is the document's lines joined by ``"\\n"``.

    Raises:
        ConfigError: the folder or a file is missing, or the files are not line-aligned.
    """
    ids_path, texts = _ntrex_dir(data_dir)
    ids = [line.split("\t")[0].strip() for line in ids_path.read_text(encoding="utf-8").splitlines()]
    lines = {lang: (texts / f).read_text(encoding="utf-8").splitlines() for lang, f in _FILES.items()}
    for lang, ls in lines.items():
        if len(ls) != len(ids):
            raise ConfigError(
                f"{texts / _FILES[lang]} has {len(ls)} lines but {ids_path} has {len(ids)}: "
                "the files must be line-aligned"
            )
    docs: OrderedDict[str, list[int]] = OrderedDict()
    for i, d in enumerate(ids):
        docs.setdefault(d, []).append(i)
    return [(d, {lang: "\n".join(lines[lang][i] for i in idx) for lang in LANGS}) for d, idx in docs.items()]


def _surname(key: str) -> str:
    words = key.split(":", 1)[-1].split()
    return words[-1] if words else ""


GIVEN_NAME_RATIO = 60.0
"""Lowest rapidfuzz ``fuzz.ratio`` (0-100) of the consonant skeletons (:func:`newsdesk.nlp.linking.skeleton`) of
the names before two surnames that :func:`same_speaker` takes for one given name (Matthew / Мэтью: ``mtv`` /
``mt``, 80; Robert / Tom: 33; Moon Jae-in / Kim Jong Un's ``jae`` / ``chen``: no match)."""


def _similar_names(a: str, b: str) -> bool:
    return same_word(a, b, cross=True, inflected=True) or fuzz.ratio(skeleton(a), skeleton(b)) >= GIVEN_NAME_RATIO


def _single(key: str) -> bool:
    return len(key.split(":", 1)[-1].split()) == 1


def same_speaker(a: str | None, b: str | None) -> bool:
    """Tell whether two speaker keys name the same entity across languages.

    True when both are set and equal, one is a single word that matches
    the other as a whole word (:func:`newsdesk.nlp.linking.key_matches`:
    ``per:trump`` / ``per:donald trump``; two names of several words never
    match by one shared word: ``per:mon jae in`` / ``per:kim chen in``), or the
    last words are one name spelled by two languages, as the store's linking
    decides it (:func:`newsdesk.nlp.linking.same_word` across languages:
    ``per:trump`` / ``per:tramp``, ``per:kavanaug`` / ``per:kavano``). Two
    person keys of several words each are one name by
    :func:`newsdesk.nlp.linking.same_name` across languages, which also
    knows East Asian names written surname first in one language
    (``per:kai fu le`` / ``per:li kaifu``) and Korean names transcribed by
    different systems (``per:kim jong un`` / ``per:kim chen in``), or when
    their last words are one name and the words before them sound alike
    (:data:`GIVEN_NAME_RATIO`): ``per:robert rai blak dalei`` and
    ``per:tom deili`` are father and son.
    """
    if not a or not b:
        return False
    if a == b:
        return True
    if a.startswith("per:") and b.startswith("per:") and not _single(a) and not _single(b):
        wa, wb = a[4:].split(), b[4:].split()
        if same_name(wa, wb, cross=True, label="PER", inflected=True):
            return True
        # the surname agrees and so does the name before it, by its consonants (Joan Puig / Жоан Пуч, Gisele
        # Maurice / Жизель Морис): the name rules of linking are stricter than one person's transliterations
        return same_word(wa[-1], wb[-1], cross=True, inflected=True) and _similar_names(wa[-2], wb[-2])
    sa, sb = _surname(a), _surname(b)
    if (_single(a) and sa and key_matches(sa, b)) or (_single(b) and sb and key_matches(sb, a)):
        return True
    return bool(sa and sb) and same_word(sa, sb, cross=True, inflected=True)


def similar_speaker(a: str | None, b: str | None) -> bool:
    """Like :func:`same_speaker`, or the surnames are similar spellings (diagnostic only).

    True when :func:`same_speaker` holds or the last words of the two keys
    have a rapidfuzz ``fuzz.ratio`` of at least :data:`FUZZY_SURNAME_RATIO`.
    """
    if same_speaker(a, b):
        return True
    if not a or not b:
        return False
    return fuzz.ratio(_surname(a), _surname(b)) >= FUZZY_SURNAME_RATIO


def _direct(quotes: Sequence[Quote]) -> list[Quote]:
    return [q for q in quotes if q.kind == "direct"]


def evaluate_consistency(
    data_dir: Path,
    *,
    pipeline: Pipeline | None = None,
    limit: int | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Run the pipeline on each NTREX document in en, ru and uk and measure agreement (see module docstring).

    Args:
        data_dir: the NTREX folder (``../shared/data/ntrex-en-ru-uk``).
        pipeline: a :class:`newsdesk.pipeline.Pipeline`; built when None.
        limit: only the first ``limit`` documents (file order).
        progress: called as ``progress(done, total)`` after each document (all three languages).

    Returns:
        ``{"count_agreement": share, "speaker_agreement": share,
        "speaker_agreement_fuzzy": share (diagnostic), "documents": n,
        "with_quotes": n, "counts_agree": n, "n_aligned": n, "n_unresolved": n,
        "n_speaker_scored": n, "n_speaker_same": n, "n_unaligned": n,
        "quotes": {"en": n, "ru": n, "uk": n}, "disagreeing": [doc ids],
        "rejected": [source, ...], "seconds": s}``; shares are 0.0 when undefined.

    Raises:
        ConfigError: the data folder is missing or malformed.
    """
    t0 = time.perf_counter()
    docs = read_ntrex(data_dir)
    if limit is not None:
        docs = docs[: max(0, limit)]
    pipeline = _get_pipeline(pipeline)
    with_quotes = agree = aligned = unresolved = scored = same = similar = unaligned = 0
    totals = dict.fromkeys(LANGS, 0)
    disagreeing: list[str] = []
    rejected: list[str] = []
    for done, (doc_id, texts) in enumerate(docs, 1):
        found: dict[str, list[Quote]] = {}
        for lang in LANGS:
            source = f"ntrex:{doc_id}:{lang}"
            article = pipeline.process(RawDocument(source=source, text=texts[lang]), lang=lang)
            if isinstance(article, Article):
                found[lang] = _direct(article.quotes)
            else:
                rejected.append(source)
                found[lang] = []
            totals[lang] += len(found[lang])
        counts = {lang: len(found[lang]) for lang in LANGS}
        if any(counts.values()):
            with_quotes += 1
            if len(set(counts.values())) == 1:
                agree += 1
                for triple in zip(*(found[lang] for lang in LANGS)):
                    aligned += 1
                    keys = [q.speaker.key if q.speaker else None for q in triple]
                    if not any(keys):
                        unresolved += 1
                        continue
                    scored += 1
                    pairs = [(keys[i], keys[j]) for i in range(3) for j in range(i + 1, 3)]
                    same += all(same_speaker(a, b) for a, b in pairs)
                    similar += all(similar_speaker(a, b) for a, b in pairs)
            else:
                disagreeing.append(doc_id)
                unaligned += sum(counts.values())
        if progress is not None:
            progress(done, len(docs))
    return {
        "count_agreement": round(agree / with_quotes, 4) if with_quotes else 0.0,
        "speaker_agreement": round(same / scored, 4) if scored else 0.0,
        "speaker_agreement_fuzzy": round(similar / scored, 4) if scored else 0.0,
        "documents": len(docs),
        "with_quotes": with_quotes,
        "counts_agree": agree,
        "n_aligned": aligned,
        "n_unresolved": unresolved,
        "n_speaker_scored": scored,
        "n_speaker_same": same,
        "n_unaligned": unaligned,
        "quotes": totals,
        "disagreeing": disagreeing,
        "rejected": rejected,
        "seconds": round(time.perf_counter() - t0, 2),
    }
