"""Scoring named-entity recognition on annotated corpora: exact-span micro P/R/F1, per label.

Six corpora are read from the folders in ``../shared/data`` (research licenses:
read at evaluation time, never copied into the repository). Each reader turns a
corpus into :class:`NerDocument` records: a text and its gold mentions as
half-open character offsets into that text, labelled with the CoNLL labels
PER, ORG, LOC, MISC. How each corpus's labels map:

* ``conllpp`` (CoNLL-2003 English dev, CoNLL++ copy; ``data/conllpp_<split>.txt``,
  splits ``dev``, ``test``): PER, ORG, LOC, MISC as they are. The tokens of each
  ``-DOCSTART-`` document are joined with one space, each sentence ends with a
  line break, so the offsets are exact.
* ``uner`` (Universal NER PUD, ``English/en_pud-ud-test.iob2`` or
  ``Russian/ru_pud-ud-test.iob2``, chosen by ``lang``): PER, ORG, LOC as they
  are. One document per sentence: the ``# text`` line is recognised and the
  gold tokens are aligned into it left to right.
* ``factrueval`` (factRuEval-2016, ``devset`` or ``testset``): objects of type
  Person -> PER, Org -> ORG, Location and LocOrg -> LOC; Project and Facility
  are dropped. The extent is the *name* extent used by natasha's own benchmark:
  an object spans from the first to the last of its name spans (Person:
  ``name``, ``surname``, ``patronymic``, ``nickname``; Org: ``org_name``;
  Location/LocOrg: ``loc_name``; plus ``geo_adj`` for Org and Location), so
  descriptors (``мэрии``, ``площади``, ``движения``) and job titles are left out;
  an object with no name span is dropped. Nested objects are all kept (62 of the
  devset's 2,411 overlap another: ``Голос Америки`` ORG around ``Америки`` LOC),
  as in natasha's benchmark. With this extent natasha's raw tagger
  scores PER .925, ORG .730, LOC .905, micro .868 on the devset, the figures
  issue 4 quotes.
* ``nerel`` (NEREL v1.1, brat, splits ``train``, ``dev``, ``test``): PERSON ->
  PER; ORGANIZATION -> ORG; CITY, COUNTRY, STATE_OR_PROVINCE, DISTRICT, LOCATION
  -> LOC; the other 22 types (FACILITY, NATIONALITY, EVENT, PROFESSION, ...) are
  dropped. NEREL nests mentions; only the outermost of the mapped ones are kept.
* ``ner-uk`` (NER-UK 2.0, ``v2.0/data/{bruk,ng}/<id>.txt`` + ``.ann``; split
  ``train`` = the documents of ``train-ids.txt`` (all documents found when that
  file is absent), ``ng`` or ``bruk`` = the training documents of one folder,
  ``test`` = the ``TEST`` ids of ``dev-test-split.txt``): PERS -> PER, ORG -> ORG,
  LOC -> LOC, MISC -> MISC; the nine other types (DATE, JOB, MON, ART, DOC, ...)
  are dropped. The 20 nested PER/ORG/LOC mentions (a name inside an organisation
  name) keep only the outermost, as the corpus's own IOB files do. The texts are
  the corpus's tokenized ones (tokens separated by spaces, one sentence a line).
* ``slavicner`` (SlavicNER / BSNLP, ``raw/<topic>/<lang>/*.txt`` +
  ``ner/<topic>/<lang>/*.tsv``; ``lang`` ``uk`` or ``ru``; split = a topic name
  or ``all``): PER, ORG, LOC as they are; EVT and PRO -> MISC. Its conventions
  differ from NER-UK's (the EU is LOC there).

Scoring (:func:`score_spans`): a predicted mention counts only when its start,
end and label all equal those of a gold mention of the same document; counts
are summed over documents (micro average), per label and over all scored
labels (PER, ORG, LOC by default; mentions of other labels are ignored on both
sides). Precision of a label with no prediction, or recall of one with no gold
mention, is 0.

Languages: conllpp en; uner en or ru; factrueval and nerel ru; ner-uk uk;
slavicner uk or ru.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.errors import ConfigError, ReadError
from newsdesk.lang import normalize_lang
from newsdesk.model import Mention

__all__ = [
    "DATASETS",
    "DEFAULT_LABELS",
    "GoldSpan",
    "NerDocument",
    "evaluate_ner",
    "predict_spans",
    "read_conllpp",
    "read_factrueval",
    "read_ner_dataset",
    "read_ner_uk",
    "read_nerel",
    "read_slavicner",
    "read_uner",
    "score_spans",
]

GoldSpan = tuple[int, int, str]
"""``(start, end, label)``: half-open character offsets and a CoNLL label."""

DATASETS: tuple[str, ...] = ("conllpp", "uner", "factrueval", "nerel", "ner-uk", "slavicner")
"""Corpus names :func:`read_ner_dataset` accepts."""

DEFAULT_LABELS: tuple[str, ...] = ("PER", "ORG", "LOC")
"""Labels scored unless the caller names others (the targets of issue 4 are on these three)."""

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each document."""

Recognizer = Callable[[str], Sequence[Mention]]
"""Anything that maps a text to mentions: :class:`newsdesk.nlp.entities.EntityRecognizer`."""


@dataclass(frozen=True, slots=True)
class NerDocument:
    """One evaluation unit: a text and its gold mentions.

    Attributes:
        doc_id: the corpus's name for it (``ng/003d28360166``, ``book_100``,
            ``n01001-0001``).
        text: the text the recognizer reads.
        lang: ISO 639-1 code of the text.
        gold: gold mentions as ``(start, end, label)``, offsets into ``text``.
    """

    doc_id: str
    text: str
    lang: str
    gold: frozenset[GoldSpan]


# --- readers ------------------------------------------------------------------------------------


def _need(path: Path, what: str) -> Path:
    if not path.exists():
        raise ConfigError(f"{what}: {path} not found; point --data at the corpus folder in ../shared/data")
    return path


def _read(path: Path, encoding: str = "utf-8") -> str:
    try:
        return path.read_text(encoding=encoding)
    except OSError as exc:
        raise ReadError(f"cannot read {path}: {exc}") from exc


def _outermost(spans: Iterable[GoldSpan]) -> frozenset[GoldSpan]:
    """Drop every span that lies inside (or crosses) a longer or earlier kept one."""
    kept: list[GoldSpan] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]), s[2])):
        if span[1] <= span[0]:
            continue
        if any(k[0] < span[1] and span[0] < k[1] for k in kept):
            continue
        kept.append(span)
    return frozenset(kept)


def _bio_spans(tags: Sequence[str], offsets: Sequence[tuple[int, int]]) -> set[GoldSpan]:
    """Mentions from IOB1/IOB2 tags (``B-PER``, ``I-PER``, ``O``) of tokens at ``offsets``.

    An ``I-`` tag with no open mention of the same label opens one (IOB1 and
    sloppy IOB2 both read right).
    """
    spans: set[GoldSpan] = set()
    current: list[Any] | None = None  # [start, end, label]
    for tag, (start, end) in zip(tags, offsets):
        kind, _, label = tag.partition("-")
        if kind == "B" or (kind == "I" and (current is None or current[2] != label)):
            if current is not None:
                spans.add((current[0], current[1], current[2]))
            current = [start, end, label]
        elif kind == "I" and current is not None:
            current[1] = end
        else:
            if current is not None:
                spans.add((current[0], current[1], current[2]))
            current = None
    if current is not None:
        spans.add((current[0], current[1], current[2]))
    return spans


def read_conllpp(data: Path, split: str = "dev") -> list[NerDocument]:
    """Read CoNLL-2003 English (CoNLL++ copy): one :class:`NerDocument` per ``-DOCSTART-`` document.

    Args:
        data: the ``conllpp-en`` folder (holding ``data/conllpp_<split>.txt``) or the file itself.
        split: ``dev`` or ``test``.

    Raises:
        ConfigError: the file is not there.
    """
    path = data if data.is_file() else _need(data / "data" / f"conllpp_{split}.txt", f"CoNLL++ {split}")
    docs: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in _read(path).splitlines():
        if line.startswith("-DOCSTART-"):
            if sentence and docs:
                docs[-1].append(sentence)
            sentence = []
            docs.append([])
            continue
        if not line.strip():
            if sentence:
                if not docs:
                    docs.append([])
                docs[-1].append(sentence)
            sentence = []
            continue
        cols = line.split()
        sentence.append((cols[0], cols[-1]))
    if sentence:
        if not docs:
            docs.append([])
        docs[-1].append(sentence)
    out = []
    for n, sentences in enumerate(docs):
        parts: list[str] = []
        gold: set[GoldSpan] = set()
        pos = 0
        for sent in sentences:
            offsets = []
            for k, (token, _) in enumerate(sent):
                if k:
                    parts.append(" ")
                    pos += 1
                offsets.append((pos, pos + len(token)))
                parts.append(token)
                pos += len(token)
            gold |= _bio_spans([tag for _, tag in sent], offsets)
            parts.append("\n")
            pos += 1
        out.append(NerDocument(f"{path.stem}/{n}", "".join(parts), "en", frozenset(gold)))
    return out


def read_uner(data: Path, lang: str = "en") -> list[NerDocument]:
    """Read Universal NER PUD (en or ru): one :class:`NerDocument` per sentence.

    Args:
        data: the ``uner-pud-en-ru`` folder.
        lang: ``en`` (``English/en_pud-ud-test.iob2``) or ``ru`` (``Russian/ru_pud-ud-test.iob2``).

    Raises:
        ConfigError: the language is not en/ru, or the file is not there.
    """
    code = normalize_lang(lang)
    names = {"en": "English/en_pud-ud-test.iob2", "ru": "Russian/ru_pud-ud-test.iob2"}
    if code not in names:
        raise ConfigError(f"Universal NER PUD has en and ru, not {lang!r}: pass --lang en or --lang ru")
    path = _need(data / names[code], f"UNER PUD {code}")
    out: list[NerDocument] = []
    sent_id, text = "", ""
    tokens: list[tuple[str, str]] = []

    def flush() -> None:
        offsets = []
        pos = 0
        for token, _ in tokens:
            start = text.find(token, pos)
            if start < 0:  # a token the text spells otherwise: place it where the last one ended
                start = pos
            offsets.append((start, start + len(token)))
            pos = start + len(token)
        gold = _bio_spans([tag for _, tag in tokens], offsets)
        out.append(NerDocument(sent_id or str(len(out)), text, code, frozenset(gold)))

    for line in _read(path).splitlines():
        if line.startswith("# sent_id = "):
            sent_id = line[len("# sent_id = "):].strip()
        elif line.startswith("# text = "):
            text = line[len("# text = "):]
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if tokens:
                flush()
            tokens = []
        else:
            cols = line.split("\t")
            if len(cols) >= 3:
                tokens.append((cols[1], cols[2]))
    if tokens:
        flush()
    return out


_FRE_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
_FRE_NAME_SPANS = {
    "PER": frozenset({"name", "surname", "patronymic", "nickname"}),
    "ORG": frozenset({"org_name", "geo_adj"}),
    "LOC": frozenset({"loc_name", "geo_adj"}),
}


def read_factrueval(data: Path, split: str = "devset") -> list[NerDocument]:
    """Read factRuEval-2016 (Russian news) with natasha's name extent (see the module docstring).

    Args:
        data: the ``factrueval-2016`` folder (or its ``devset``/``testset`` folder).
        split: ``devset`` (``dev`` accepted) or ``testset`` (``test``).

    Raises:
        ConfigError: the split folder is not there.
    """
    split = {"dev": "devset", "test": "testset"}.get(split, split)
    base = data if any(data.glob("*.objects")) else data / split
    _need(base, f"factRuEval-2016 {split}")
    out = []
    for txt in sorted(base.glob("*.txt")):
        text = _read(txt, "utf-8-sig")
        spans: dict[str, tuple[int, int, str]] = {}
        for line in _read(txt.with_suffix(".spans")).splitlines():
            cols = line.split("#")[0].split()
            if len(cols) >= 4:
                spans[cols[0]] = (int(cols[2]), int(cols[2]) + int(cols[3]), cols[1])
        gold: set[GoldSpan] = set()
        for line in _read(txt.with_suffix(".objects")).splitlines():
            cols = line.split("#")[0].split()
            if len(cols) < 3 or cols[1] not in _FRE_TYPES:
                continue
            label = _FRE_TYPES[cols[1]]
            parts = [spans[s] for s in cols[2:] if s in spans and spans[s][2] in _FRE_NAME_SPANS[label]]
            if parts:
                gold.add((min(p[0] for p in parts), max(p[1] for p in parts), label))
        out.append(NerDocument(txt.stem, text, "ru", frozenset(gold)))
    return out


_NEREL_TYPES = {
    "PERSON": "PER",
    "ORGANIZATION": "ORG",
    "CITY": "LOC",
    "COUNTRY": "LOC",
    "STATE_OR_PROVINCE": "LOC",
    "DISTRICT": "LOC",
    "LOCATION": "LOC",
}
_BRAT_T = re.compile(r"^T\d+\t(\S+) (\d+) (\d+)(?:;\d+ \d+)*\t")


def read_nerel(data: Path, split: str = "dev") -> list[NerDocument]:
    """Read NEREL v1.1 (Russian news, brat standoff), outermost PER/ORG/LOC mentions.

    Args:
        data: the ``nerel-ru`` folder (or ``NEREL-v1.1`` inside it).
        split: ``train``, ``dev`` or ``test``.

    Raises:
        ConfigError: the split folder is not there.
    """
    root = data / "NEREL-v1.1" if (data / "NEREL-v1.1").is_dir() else data
    base = _need(root / split, f"NEREL {split}")
    out = []
    for txt in sorted(base.glob("*.txt")):
        text = _read(txt)
        spans = []
        ann = txt.with_suffix(".ann")
        for line in (_read(ann) if ann.exists() else "").splitlines():
            m = _BRAT_T.match(line)
            if m and m.group(1) in _NEREL_TYPES:
                spans.append((int(m.group(2)), int(m.group(3)), _NEREL_TYPES[m.group(1)]))
        out.append(NerDocument(txt.stem.removesuffix("_text"), text, "ru", _outermost(spans)))
    return out


_NER_UK_TYPES = {"PERS": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


def _ner_uk_ids(base: Path, split: str) -> set[str] | None:
    """Document ids of a NER-UK split, or None for every document found."""
    if split == "test":
        listing = _need(base / "dev-test-split.txt", "NER-UK test ids (dev-test-split.txt)")
        ids: set[str] = set()
        section = ""
        for line in _read(listing).splitlines():
            word = line.strip()
            if word.upper() in ("DEV", "TEST"):
                section = word.upper()
            elif word and section == "TEST":
                ids.add(word)
        return ids
    listing = base / "train-ids.txt"
    if listing.exists():
        return {w.strip() for w in _read(listing).splitlines() if w.strip()}
    return None


def read_ner_uk(data: Path, split: str = "train") -> list[NerDocument]:
    """Read NER-UK 2.0 (Ukrainian; CC BY-NC-SA 4.0), documents sorted by ``folder/id``.

    Args:
        data: the ``ner-uk`` folder (or ``v2.0/data`` inside it).
        split: ``train`` (the training documents), ``ng`` or ``bruk`` (the
            training documents of one folder: Nashi Groshi news, or BRUK's
            mixed genres), or ``test`` (ids under ``TEST`` in ``dev-test-split.txt``).

    Raises:
        ConfigError: the folder or the split listing is not there, or the split is unknown.
    """
    if split not in ("train", "test", "ng", "bruk"):
        raise ConfigError(f"NER-UK split {split!r}: use train, ng, bruk or test")
    base = data / "v2.0" / "data" if (data / "v2.0" / "data").is_dir() else data
    _need(base / "ng", "NER-UK 2.0 documents")
    ids = _ner_uk_ids(base, split)
    folders = (split,) if split in ("ng", "bruk") else ("bruk", "ng")
    out = []
    for folder in folders:
        for txt in sorted((base / folder).glob("*.txt")):
            if ids is not None and txt.stem not in ids:
                continue
            text = _read(txt)
            spans = []
            for line in _read(txt.with_suffix(".ann")).splitlines():
                cols = line.split("\t")
                if len(cols) >= 4 and cols[1] in _NER_UK_TYPES and cols[2].isdigit() and cols[3].isdigit():
                    spans.append((int(cols[2]), int(cols[3]), _NER_UK_TYPES[cols[1]]))
            out.append(NerDocument(f"{folder}/{txt.stem}", text, "uk", _outermost(spans)))
    return out


_SLAVICNER_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "EVT": "MISC", "PRO": "MISC"}


def read_slavicner(data: Path, lang: str = "uk", split: str = "all") -> list[NerDocument]:
    """Read SlavicNER (BSNLP news on shared topics) for one language.

    Args:
        data: the ``slavicner-ru-uk`` folder.
        lang: ``uk`` or ``ru``.
        split: a topic folder name (``brexit``, ``nord_stream``, ...) or ``all``.

    Raises:
        ConfigError: the folder is not there or the language is not uk/ru.
    """
    code = normalize_lang(lang)
    if code not in ("uk", "ru"):
        raise ConfigError(f"SlavicNER here has uk and ru, not {lang!r}")
    raw = _need(data / "raw", "SlavicNER raw texts")
    pattern = f"*/{code}/*.txt" if split == "all" else f"{split}/{code}/*.txt"
    out = []
    for txt in sorted(raw.glob(pattern)):
        topic = txt.parent.parent.name
        folder = data / "ner" / topic / code
        ann = folder / (txt.name + ".tsv")
        if not ann.exists():
            ann = folder / (txt.stem + ".tsv")
        if not ann.exists():
            continue
        spans = []
        for line in _read(ann).splitlines():
            cols = line.split("\t")
            if len(cols) >= 5 and cols[0].isdigit() and cols[1].isdigit() and cols[4] in _SLAVICNER_TYPES:
                spans.append((int(cols[0]), int(cols[1]), _SLAVICNER_TYPES[cols[4]]))
        out.append(NerDocument(f"{topic}/{txt.stem}", _read(txt), code, _outermost(spans)))
    return out


def read_ner_dataset(dataset: str, data: Path, *, split: str | None = None,
                     lang: str | None = None) -> list[NerDocument]:
    """Read a corpus by name (one of :data:`DATASETS`).

    Args:
        dataset: ``conllpp``, ``uner``, ``factrueval``, ``nerel``, ``ner-uk`` or ``slavicner``.
        data: the corpus folder under ``../shared/data``.
        split: the corpus's split (default: ``dev`` for conllpp and nerel,
            ``devset`` for factrueval, ``train`` for ner-uk, ``all`` for slavicner;
            ignored for uner).
        lang: uner (``en``/``ru``, default en) and slavicner (``uk``/``ru``, default uk) only.

    Raises:
        ConfigError: unknown dataset or split, or the data is not there.
    """
    if dataset == "conllpp":
        return read_conllpp(data, split or "dev")
    if dataset == "uner":
        return read_uner(data, lang or "en")
    if dataset == "factrueval":
        return read_factrueval(data, split or "devset")
    if dataset == "nerel":
        return read_nerel(data, split or "dev")
    if dataset == "ner-uk":
        return read_ner_uk(data, split or "train")
    if dataset == "slavicner":
        return read_slavicner(data, lang or "uk", split or "all")
    raise ConfigError(f"unknown NER dataset {dataset!r}: use one of {', '.join(DATASETS)}")


# --- scoring ------------------------------------------------------------------------------------


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "n_pred": n_pred, "n_gold": n_gold}


def score_spans(pairs: Iterable[tuple[Iterable[GoldSpan], Iterable[GoldSpan]]],
                labels: Sequence[str] = DEFAULT_LABELS) -> dict[str, Any]:
    """Exact-span micro precision, recall and F1, overall and per label.

    Args:
        pairs: ``(gold, predicted)`` span collections, one pair per document;
            spans are ``(start, end, label)``.
        labels: the labels scored; spans with other labels are ignored on both sides.

    Returns:
        ``{"micro": {"precision", "recall", "f1", "tp", "n_pred", "n_gold"},
        "per_label": {label: {same keys}}}``, ratios rounded to 4 places.
    """
    wanted = set(labels)
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for gold, pred in pairs:
        g = {s for s in gold if s[2] in wanted}
        p = {s for s in pred if s[2] in wanted}
        n_gold.update(s[2] for s in g)
        n_pred.update(s[2] for s in p)
        tp.update(s[2] for s in g & p)
    return {
        "micro": _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values())),
        "per_label": {label: _prf(tp[label], n_pred[label], n_gold[label]) for label in labels},
    }


def predict_spans(recognizer: Recognizer, text: str) -> frozenset[GoldSpan]:
    """The recognizer's mentions of ``text`` as ``(start, end, label)`` spans."""
    return frozenset((m.start, m.end, m.label) for m in recognizer(text))


def evaluate_ner(
    dataset: str,
    data: Path,
    *,
    split: str | None = None,
    lang: str | None = None,
    labels: Sequence[str] = DEFAULT_LABELS,
    limit: int | None = None,
    recognizer: Recognizer | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Run a recognizer over a corpus and score it (exact span and label, micro-averaged).

    Args:
        dataset: one of :data:`DATASETS`.
        data: the corpus folder (``../shared/data/conllpp-en``, ...).
        split: as :func:`read_ner_dataset`.
        lang: uner/slavicner language (as :func:`read_ner_dataset`).
        labels: the labels scored (default PER, ORG, LOC).
        limit: only the first N documents (in the reader's order).
        recognizer: maps a text to mentions; default: the project's recognizer for
            the corpus's language (:func:`newsdesk.nlp.entities.load_recognizer`,
            default settings), built before the clock starts.
        progress: called as ``progress(done, total)`` after each document.

    Returns:
        ``{"dataset", "split", "lang", "labels", "micro": {...}, "per_label": {...},
        "n_docs", "seconds", "docs_per_s", "chars_per_s"}``; ``micro`` and each
        ``per_label`` entry hold ``precision``, ``recall``, ``f1``, ``tp``,
        ``n_pred`` and ``n_gold``. ``seconds`` is recognition time only. A ``note``
        is added when the default recognizer has been trained on the documents
        scored (NER-UK training documents with the trained Ukrainian model).

    Raises:
        ConfigError: unknown dataset, split or language, or the data is not there.
    """
    docs = read_ner_dataset(dataset, data, split=split, lang=lang)
    if limit is not None:
        docs = docs[:limit]
    code = docs[0].lang if docs else normalize_lang(lang or "en")
    note = ""
    if recognizer is None:
        from newsdesk.config import load_settings
        from newsdesk.nlp.entities import load_recognizer, resolve_uk_model

        settings = load_settings()
        recognizer = load_recognizer(code, settings)
        if dataset == "ner-uk" and (split or "train") != "test" and resolve_uk_model(settings.spacy_model_uk):
            note = ("the Ukrainian model was trained on these documents: for held-out figures run "
                    "scripts/train_uk_ner.py --cv 3; for the rule baseline set NEWSDESK_SPACY_MODEL_UK=rules")
    pairs = []
    chars = 0
    started = time.perf_counter()
    for n, doc in enumerate(docs, 1):
        pairs.append((doc.gold, predict_spans(recognizer, doc.text)))
        chars += len(doc.text)
        if progress is not None:
            progress(n, len(docs))
    seconds = time.perf_counter() - started
    figures = score_spans(pairs, labels)
    return {
        "dataset": dataset,
        "split": split or {"conllpp": "dev", "factrueval": "devset", "nerel": "dev", "ner-uk": "train",
                           "slavicner": "all", "uner": "test"}.get(dataset, ""),
        "lang": code,
        "labels": list(labels),
        **figures,
        "n_docs": len(docs),
        "seconds": round(seconds, 2),
        "docs_per_s": round(len(docs) / seconds, 1) if seconds else None,
        "chars_per_s": round(chars / seconds) if seconds else None,
        **({"note": note} if note else {}),
    }
