"""Scoring quotation and speaker attribution on annotated news: PolNeAR (en) and ADAQ (ru).

Both corpora live outside the repository, in ``../shared/data`` (research
licenses: they are read at evaluation time, never copied). The functions run
the real pipeline (:class:`newsdesk.pipeline.Pipeline`) on the raw text and
compare its quotations with the gold annotation.

PolNeAR protocol (issue 3)
--------------------------
PolNeAR v1.0.0 (Newell, Margolin, Ruths, LREC 2018) annotates attribution
relations in brat standoff: ``Source``, ``Cue`` and ``Content`` spans joined by
an ``Attribution`` event; contents may be discontinuous (``s e;s e``). An
attribution without a ``Content`` span is not scored. Two categories:

* **direct**: gold attributions whose content holds a quotation mark
  (:func:`holds_quotation_mark`), against predicted quotes of kind ``direct``
  or ``mixed`` (both carry quoted words);
* **all**: every gold attribution against every predicted quote.

For each category:

* **precision, recall, f1**: a predicted quote matches a gold content when the
  Jaccard index of their word tokens (``\\w+`` runs of the document text; a
  gold content's tokens are those of all its fragments, a prediction's those
  of its ``parts`` (the pieces inside the marks, so the attribution between
  the pieces of an interrupted quote is left out, as in the gold), or of its
  ``start``..``end`` when it has one piece) is at
  least 0.5 (:data:`JACCARD_THRESHOLD`). Matching is one-to-one and greedy:
  pairs are taken in order of decreasing Jaccard (ties: earlier gold, then
  earlier prediction) while both sides are free.
* **exact_f1**: span equality after normalising both sides: the gold span is
  its first fragment's start to its last fragment's end, the prediction's is
  ``start``..``end``; from both ends, whitespace and quotation marks
  (:data:`QUOTATION_MARKS`) are stripped (so ``“We are ready,”`` and
  ``We are ready,`` are the same span; inner punctuation is kept). Counted
  one-to-one as a multiset intersection of normalised spans.
  ``exact_f1_loose`` also strips trailing ``, ; :`` (American style puts
  the enclosing sentence's comma inside the closing mark: gold ``“I love
  you,”`` against a prediction ``I love you``).
* **speaker_accuracy**: over matched pairs whose gold attribution has a
  ``Source``: the predicted speaker is right when its span overlaps a gold
  Source fragment, or when its entity ``key`` equals the key of an entity
  mention (found by the pipeline) overlapping a gold Source fragment (the
  speaker resolved to the same entity elsewhere in the text, e.g. ``he`` ->
  ``per:donald trump`` with gold Source ``Donald Trump``). No predicted
  speaker is wrong.
* **cue_f1**: cue precision and recall over matched pairs: a pair's cue is
  right when the predicted cue span overlaps a gold ``Cue`` fragment;
  precision = right / matched pairs with a predicted cue, recall = right /
  matched pairs with a gold cue. It measures cues of the contents found, as
  speaker accuracy does for speakers (so it is not lowered by contents missed).
* **n_gold, n_pred**: gold attributions and predicted quotes in the category;
  ``n_matched`` (overlap matches), ``n_exact``, ``n_speaker_judged``,
  ``cue_precision`` and ``cue_recall`` are given too.

Counts are summed over documents (micro average). Several annotators marked
some documents: ``annotator="first"`` scores against the lowest annotator id of
each document (sorted file names); ``annotator="all"`` scores against each of
a document's annotators and averages that document's counts over them (so
every document weighs the same), then sums over documents; any other value is
an annotator id (``ef2d``) and scores only the documents that annotator marked.

ADAQ protocol
-------------
ADAQ (Russian sentences from SynTagRus, tokens tagged ``source``/``cue``/
``content``/``None``) is sentence-level: each sentence is one document.
Sentence detection: a sentence is gold-positive when it has a content token,
predicted-positive when the pipeline finds a quote in it. Token content:
word tokens (punctuation-only tokens are left out, so quotation marks tagged
content do not count) tagged content against word tokens overlapping a
predicted quote span. Speaker accuracy: over true-positive sentences with a
gold source, some predicted quote overlapping gold content has a speaker
overlapping a gold source token.

Languages: PolNeAR is English (processed with ``lang="en"``), ADAQ Russian
(``lang="ru"``).
"""

from __future__ import annotations

import bisect
import csv
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.errors import ConfigError, ReadError
from newsdesk.model import Article, Mention, Quote, RawDocument
from newsdesk.nlp.marks import holds_quotation_mark  # noqa: F401 (the category rule is the pipeline's)

if TYPE_CHECKING:
    from newsdesk.pipeline import Pipeline

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each document."""

JACCARD_THRESHOLD = 0.5
"""Token Jaccard at or above which a predicted content matches a gold content (issue 3)."""

QUOTATION_MARKS = "\"“”„‟«»‹›‘’‚'`"
"""Characters stripped from both ends of a span before exact comparison."""

_WORD = re.compile(r"\w+")

# --- gold data -------------------------------------------------------------------------------------

Frags = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution relation; offsets are half-open into the document text.

    Attributes:
        content: the content fragments, in order (one or more).
        source: the Source fragments, empty when the annotator marked none.
        cue: the Cue fragments, empty when none.
        direct: True when the content holds a quotation mark (:func:`holds_quotation_mark`).
    """

    content: Frags
    source: Frags = ()
    cue: Frags = ()
    direct: bool = False

    @property
    def start(self) -> int:
        """Start of the first content fragment."""
        return self.content[0][0]

    @property
    def end(self) -> int:
        """End of the last content fragment."""
        return self.content[-1][1]


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """A PolNeAR document with its annotations.

    Attributes:
        name: the file stem (``breitbart_2016-09-12_stealth-over-health-hillary-clin``).
        text: the document text exactly as in ``text/<name>.txt``.
        annotations: ``(annotator id, attributions)`` pairs, sorted by annotator id.
    """

    name: str
    text: str
    annotations: tuple[tuple[str, tuple[GoldAttribution, ...]], ...]


_SPAN_LINE = re.compile(r"T\d+\t")
_EVENT_LINE = re.compile(r"E\d+\t")


def _parse_frags(spec: str, where: str) -> Frags:
    try:
        frags = tuple(
            (int(a), int(b)) for a, b in (piece.split() for piece in spec.split(";"))
        )
    except ValueError:
        raise ReadError(f"{where}: cannot read the offsets {spec!r} (expected 'start end[;start end]')") from None
    return tuple(sorted(frags))


def read_brat(ann: str, text: str, *, where: str = "<ann>") -> list[GoldAttribution]:
    """Read the attribution relations of one brat standoff annotation (PolNeAR's format).

    Lines ``T<n>\\t<Type> <start> <end>[;<start> <end>]\\t<text>`` define spans;
    lines ``E<n>\\t<Event>:T<a> Source:T<s> Cue:T<c> Content:T<x>`` join them
    (roles may be missing). Other lines (notes, relations, and the continuation
    lines of a span text that runs over a line break) are ignored, as are
    events without a Content role.

    Args:
        ann: the ``.ann`` file contents.
        text: the document text the offsets point into (to tell direct contents).
        where: the file name, for error messages.

    Returns:
        The attributions in the order of their event lines.

    Raises:
        ReadError: a line is malformed, an event names an unknown span, or an
            offset lies outside ``text``.
    """
    spans: dict[str, Frags] = {}
    events: list[tuple[int, dict[str, str]]] = []
    for n, line in enumerate(ann.splitlines(), 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if _SPAN_LINE.match(line):
            if len(cols) < 2 or " " not in cols[1]:
                raise ReadError(f"{where}:{n}: malformed span line {line!r}")
            _kind, spec = cols[1].split(" ", 1)
            frags = _parse_frags(spec, f"{where}:{n}")
            if any(not 0 <= s <= e <= len(text) for s, e in frags):
                raise ReadError(f"{where}:{n}: offsets {spec} lie outside the text ({len(text)} characters)")
            spans[cols[0]] = frags
        elif _EVENT_LINE.match(line):
            if len(cols) < 2:
                raise ReadError(f"{where}:{n}: malformed event line {line!r}")
            roles: dict[str, str] = {}
            for arg in cols[1].split():
                role, _, ref = arg.partition(":")
                roles[role] = ref
            events.append((n, roles))
    out: list[GoldAttribution] = []
    for n, roles in events:
        for ref in roles.values():
            if ref not in spans:
                raise ReadError(f"{where}:{n}: the event names span {ref!r}, which no T line defines")
        if "Content" not in roles:
            continue
        content = spans[roles["Content"]]
        source = spans[roles["Source"]] if "Source" in roles else ()
        cue = spans[roles["Cue"]] if "Cue" in roles else ()
        joined = " ".join(text[s:e] for s, e in content)
        out.append(GoldAttribution(content, source, cue, holds_quotation_mark(joined)))
    return out


def _split_dir(data_dir: Path, split: str) -> Path:
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise ConfigError(
            f"PolNeAR data not found at {data_dir}: pass the folder that holds data/{split}/text and "
            f"data/{split}/attributions (../shared/data/polnear beside the repository)"
        )
    for cand in (data_dir / "data" / split, data_dir / split, data_dir):
        if (cand / "text").is_dir() and (cand / "attributions").is_dir():
            return cand
    raise ConfigError(
        f"no PolNeAR split {split!r} under {data_dir}: expected {data_dir / 'data' / split}/text and "
        f".../attributions (splits here: train, dev; test is kept apart)"
    )


def read_polnear(data_dir: Path, split: str = "dev") -> list[GoldDocument]:
    """Read every annotated document of a PolNeAR split.

    Args:
        data_dir: the PolNeAR folder (``../shared/data/polnear``), its ``data``
            folder, or a split folder holding ``text/`` and ``attributions/``.
        split: ``train`` or ``dev`` (the test split is not distributed here).

    Returns:
        Documents sorted by name; annotation files are ``<name>_<annotator>.ann``.

    Raises:
        ConfigError: the folder or split does not exist, or holds no annotation.
        ReadError: an annotation file is malformed or its text file is missing.
    """
    root = _split_dir(Path(data_dir), split)
    by_doc: dict[str, list[tuple[str, Path]]] = defaultdict(list)
    for ann in sorted((root / "attributions").glob("*.ann")):
        name, _, annotator = ann.stem.rpartition("_")
        by_doc[name].append((annotator, ann))
    if not by_doc:
        raise ConfigError(f"no .ann files in {root / 'attributions'}")
    docs = []
    for name in sorted(by_doc):
        path = root / "text" / f"{name}.txt"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ReadError(f"cannot read {path} (the text of {name}): {exc}") from exc
        annotations = tuple(
            (annotator, tuple(read_brat(ann.read_text(encoding="utf-8"), text, where=str(ann))))
            for annotator, ann in sorted(by_doc[name])
        )
        docs.append(GoldDocument(name, text, annotations))
    return docs


# --- scoring ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Counts:
    """Raw counts of one category, summed over documents (floats when averaged over annotators)."""

    n_gold: float = 0
    n_pred: float = 0
    matched: float = 0
    exact: float = 0
    speaker_total: float = 0
    speaker_ok: float = 0
    cue_gold: float = 0
    cue_pred: float = 0
    cue_ok: float = 0
    exact_loose: float = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(Counts)))

    def scaled(self, factor: float) -> Counts:
        """Every count multiplied by ``factor`` (to average over annotators)."""
        return Counts(*(getattr(self, f.name) * factor for f in fields(Counts)))


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _num(x: float) -> float | int:
    x = round(float(x), 2)
    return int(x) if x.is_integer() else x


def metrics(c: Counts) -> dict[str, float | int]:
    """Turn counts into the issue's figures.

    Returns:
        ``precision, recall, f1, exact_f1, speaker_accuracy, cue_f1, n_gold,
        n_pred`` plus ``n_matched, n_exact, cue_precision, cue_recall,
        exact_f1_loose, n_speaker_judged`` (matched pairs whose gold has a
        Source); ratios
        rounded to 4 decimals, 0.0 when undefined.
    """
    p, r = _ratio(c.matched, c.n_pred), _ratio(c.matched, c.n_gold)
    ep, er = _ratio(c.exact, c.n_pred), _ratio(c.exact, c.n_gold)
    cp, cr = _ratio(c.cue_ok, c.cue_pred), _ratio(c.cue_ok, c.cue_gold)
    lp, lr = _ratio(c.exact_loose, c.n_pred), _ratio(c.exact_loose, c.n_gold)
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(_f1(p, r), 4),
        "exact_f1": round(_f1(ep, er), 4),
        "speaker_accuracy": round(_ratio(c.speaker_ok, c.speaker_total), 4),
        "cue_f1": round(_f1(cp, cr), 4),
        "n_gold": _num(c.n_gold),
        "n_pred": _num(c.n_pred),
        "n_matched": _num(c.matched),
        "n_exact": _num(c.exact),
        "cue_precision": round(cp, 4),
        "cue_recall": round(cr, 4),
        "exact_f1_loose": round(_f1(lp, lr), 4),
        "n_speaker_judged": _num(c.speaker_total),
    }


class _Tokens:
    """Word tokens of one text, looked up by character range."""

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in _WORD.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def ids(self, frags: Sequence[tuple[int, int]]) -> frozenset[int]:
        out: set[int] = set()
        for s, e in frags:
            # tokens overlapping [s, e): end > s and start < e
            lo = bisect.bisect_right(self.ends, s)
            hi = bisect.bisect_left(self.starts, e)
            out.update(range(lo, hi))
        return frozenset(out)


def jaccard(a: frozenset[int] | set[int], b: frozenset[int] | set[int]) -> float:
    """Jaccard index ``|a ∩ b| / |a ∪ b|`` of two token-id sets; 0.0 when both are empty."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _overlaps(s: int, e: int, frags: Sequence[tuple[int, int]]) -> bool:
    return any(s < fe and fs < e for fs, fe in frags)


def normalized_span(text: str, start: int, end: int, *, loose: bool = False) -> tuple[int, int]:
    """Shrink ``[start, end)`` past whitespace and quotation marks at both ends (exact-match form).

    Args:
        text: the document text.
        start, end: the span, half-open.
        loose: also strip trailing commas, semicolons and colons (the
            punctuation American style moves inside the closing mark).

    Example: in ``'“We are ready,” he said'`` the span of ``“We are ready,”``
    becomes that of ``We are ready,`` (``We are ready`` when ``loose``).
    """
    strip_end = QUOTATION_MARKS + (",;:" if loose else "")
    while start < end and (text[start].isspace() or text[start] in QUOTATION_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in strip_end):
        end -= 1
    return start, end


def _is_direct_pred(q: Quote) -> bool:
    return q.kind in ("direct", "mixed")


def score_document(
    text: str,
    gold: Sequence[GoldAttribution],
    quotes: Sequence[Quote],
    entities: Sequence[Mention] = (),
    *,
    offset: int = 0,
) -> dict[str, Counts]:
    """Score the predicted quotes of one document against its gold attributions.

    Args:
        text: the gold document text (offsets of ``gold`` point into it).
        gold: the gold attributions of one annotator.
        quotes: the predicted quotes.
        entities: the pipeline's linked entity mentions (for speaker keys); may be empty.
        offset: added to every predicted offset (quotes and entities) to bring
            it into ``text``: the number of leading characters the pipeline
            stripped.

    Returns:
        ``{"direct": Counts, "all": Counts}`` as defined in the module docstring.
    """
    tokens = _Tokens(text)

    def shift(s: int, e: int) -> tuple[int, int]:
        return s + offset, e + offset

    mentions = [(*shift(m.start, m.end), m.key) for m in entities]
    out = {}
    for category in ("direct", "all"):
        g_items = [g for g in gold if category == "all" or g.direct]
        p_items = [q for q in quotes if category == "all" or _is_direct_pred(q)]
        g_tok = [tokens.ids(g.content) for g in g_items]
        p_spans = [shift(q.start, q.end) for q in p_items]
        # token overlap over the pieces inside the marks (a quote interrupted by "he said" has two parts), as
        # gold contents are fragment lists; exact match below keeps the enclosing start..end
        p_tok = [tokens.ids([shift(*part) for part in q.parts] or [sp]) for q, sp in zip(p_items, p_spans)]

        pairs = []
        for gi, gt in enumerate(g_tok):
            for pi, pt in enumerate(p_tok):
                if gt & pt:
                    j = jaccard(gt, pt)
                    if j >= JACCARD_THRESHOLD:
                        pairs.append((-j, gi, pi))
        pairs.sort()
        used_g: set[int] = set()
        used_p: set[int] = set()
        matches = []
        for _, gi, pi in pairs:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            matches.append((g_items[gi], p_items[pi]))

        exact, loose = (
            sum(
                (
                    Counter(normalized_span(text, g.start, g.end, loose=lo) for g in g_items)
                    & Counter(normalized_span(text, *sp, loose=lo) for sp in p_spans)
                ).values()
            )
            for lo in (False, True)
        )

        spk_total = spk_ok = cue_gold = cue_pred = cue_ok = 0
        for g, q in matches:
            if g.source:
                spk_total += 1
                if q.speaker is not None:
                    ss, se = shift(q.speaker.start, q.speaker.end)
                    if _overlaps(ss, se, g.source):
                        spk_ok += 1
                    elif q.speaker.key and any(
                        key == q.speaker.key for ms, me, key in mentions if _overlaps(ms, me, g.source)
                    ):
                        spk_ok += 1
            cue_gold += bool(g.cue)
            cue_pred += q.cue is not None
            if g.cue and q.cue is not None and _overlaps(*shift(q.cue.start, q.cue.end), g.cue):
                cue_ok += 1
        out[category] = Counts(
            len(g_items), len(p_items), len(matches), exact, spk_total, spk_ok, cue_gold, cue_pred, cue_ok, loose
        )
    return out


def leading_offset(raw_text: str, article: Article) -> int:
    """Return how many leading characters the pipeline stripped from ``raw_text`` to get ``article.text``.

    Raises:
        ReadError: the article text is not ``raw_text`` stripped, so offsets
            cannot be mapped (the extract stage changed the text).
    """
    shift = len(raw_text) - len(raw_text.lstrip())
    if raw_text[shift : shift + len(article.text)] != article.text:
        raise ReadError(
            f"{article.source}: the pipeline changed the text beyond stripping surrounding whitespace; "
            "gold offsets cannot be mapped onto it"
        )
    return shift


def _get_pipeline(pipeline: Pipeline | None) -> Pipeline:
    if pipeline is None:
        from newsdesk.pipeline import Pipeline

        pipeline = Pipeline()
    return pipeline


def evaluate_polnear(
    data_dir: Path,
    split: str = "dev",
    *,
    pipeline: Pipeline | None = None,
    annotator: str = "first",
    limit: int | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Run the pipeline on a PolNeAR split and score quotations as issue 3 defines (see module docstring).

    Args:
        data_dir: the PolNeAR folder (``../shared/data/polnear``).
        split: ``dev`` (default) or ``train``.
        pipeline: a :class:`newsdesk.pipeline.Pipeline`; built with default
            settings when None.
        annotator: ``first`` (lowest annotator id per document), ``all``
            (counts averaged over each document's annotators), or an annotator
            id (only the documents it annotated).
        limit: score only the first ``limit`` documents (sorted by name).
        progress: called as ``progress(done, total)`` after each document.

    Returns:
        ``{"direct": {...}, "all": {...}, "documents": n, "annotator": str,
        "split": str, "rejected": [source, ...], "seconds": s}``; each
        category holds the keys of :func:`metrics`. ``seconds`` is the wall
        time of the whole call (including model loading when ``pipeline`` is
        None). A document the pipeline rejects counts with no predictions.

    Raises:
        ConfigError: the data folder or split is missing, or ``annotator``
            names no annotator of the split.
        ReadError: a data file is malformed.
    """
    t0 = time.perf_counter()
    docs = read_polnear(data_dir, split)
    if annotator not in ("first", "all"):
        known = sorted({a for d in docs for a, _ in d.annotations})
        docs = [d for d in docs if any(a == annotator for a, _ in d.annotations)]
        if not docs:
            raise ConfigError(
                f"annotator {annotator!r} annotated no document of PolNeAR {split}: use first, all, "
                f"or one of {', '.join(known)}"
            )
    if limit is not None:
        docs = docs[: max(0, limit)]
    pipeline = _get_pipeline(pipeline)
    totals = {"direct": Counts(), "all": Counts()}
    rejected = []
    for done, doc in enumerate(docs, 1):
        article = pipeline.process(RawDocument(source=doc.name, text=doc.text), lang="en")
        if isinstance(article, Article):
            quotes, entities = article.quotes, article.entities
            offset = leading_offset(doc.text, article)
        else:
            rejected.append(doc.name)
            quotes, entities, offset = (), (), 0
        if annotator == "first":
            chosen = [doc.annotations[0]]
        elif annotator == "all":
            chosen = list(doc.annotations)
        else:
            chosen = [a for a in doc.annotations if a[0] == annotator]
        for _ann_id, gold in chosen:
            scored = score_document(doc.text, gold, quotes, entities, offset=offset)
            for cat in totals:
                totals[cat] = totals[cat] + scored[cat].scaled(1 / len(chosen))
        if progress is not None:
            progress(done, len(docs))
    return {
        "direct": metrics(totals["direct"]),
        "all": metrics(totals["all"]),
        "documents": len(docs),
        "annotator": annotator,
        "split": split,
        "rejected": rejected,
        "seconds": round(time.perf_counter() - t0, 2),
    }


# --- ADAQ ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AdaqSentence:
    """One ADAQ sentence with its tagged tokens.

    Attributes:
        id: the SynTagRus sentence id.
        text: the sentence.
        tokens: ``(start, end, tag)`` with offsets into ``text`` and ``tag`` one of
            ``source``, ``cue``, ``content``, ``None``.
    """

    id: str
    text: str
    tokens: tuple[tuple[int, int, str], ...]


def _adaq_dir(data_dir: Path) -> Path:
    data_dir = Path(data_dir)
    for cand in (data_dir / "data", data_dir):
        if (cand / "ru_sentences.tsv").is_file() and (cand / "ru_tokens.tsv").is_file():
            return cand
    raise ConfigError(
        f"ADAQ data not found at {data_dir}: pass the folder holding data/ru_sentences.tsv and "
        "data/ru_tokens.tsv (../shared/data/adaq-ru-quotes beside the repository)"
    )


def read_adaq(data_dir: Path) -> list[AdaqSentence]:
    """Read the ADAQ Russian sentences and align their tagged tokens to character offsets.

    Args:
        data_dir: the ADAQ folder (``../shared/data/adaq-ru-quotes``) or its ``data`` folder.

    Returns:
        Sentences in file order.

    Raises:
        ConfigError: the folder or its two TSV files are missing.
        ReadError: a token cannot be found in its sentence, in order.
    """
    root = _adaq_dir(data_dir)
    with open(root / "ru_sentences.tsv", encoding="utf-8", newline="") as fh:
        sentences = [(row["sentence_id"], row["sentences"]) for row in csv.DictReader(fh, delimiter="\t")]
    tokens: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with open(root / "ru_tokens.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            tokens[row["sentence_num"]].append((row["text"], row["tags"]))
    out = []
    for sid, text in sentences:
        pos = 0
        aligned = []
        for word, tag in tokens.get(sid, []):
            i = text.find(word, pos)
            if i < 0:
                raise ReadError(f"{root / 'ru_tokens.tsv'}: token {word!r} of sentence {sid} is not in its text")
            pos = i + len(word)
            aligned.append((i, pos, tag))
        out.append(AdaqSentence(sid, text, tuple(aligned)))
    return out


_ADAQ_MARKS = re.compile(r"[\"“”„«»]")


@dataclass(frozen=True, slots=True)
class _AdaqCounts:
    sentences: int = 0
    gold_pos: int = 0
    pred_pos: int = 0
    true_pos: int = 0
    tok_gold: int = 0
    tok_pred: int = 0
    tok_ok: int = 0
    spk_total: int = 0
    spk_ok: int = 0

    def __add__(self, other: _AdaqCounts) -> _AdaqCounts:
        return _AdaqCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(_AdaqCounts)))


def score_sentence(sentence: AdaqSentence, quotes: Sequence[Quote], *, offset: int = 0) -> _AdaqCounts:
    """Score the quotes predicted on one ADAQ sentence (see the module docstring).

    Args:
        sentence: the gold sentence.
        quotes: the quotes the pipeline found in it.
        offset: added to predicted offsets to bring them into ``sentence.text``.
    """
    spans = [(q.start + offset, q.end + offset) for q in quotes]
    words = [(s, e, tag) for s, e, tag in sentence.tokens if _WORD.search(sentence.text[s:e])]
    gold_content = [(s, e) for s, e, tag in words if tag == "content"]
    gold_source = [(s, e) for s, e, tag in sentence.tokens if tag == "source"]
    pred_content = [(s, e) for s, e, _ in words if _overlaps(s, e, spans)]
    tok_ok = sum(1 for s, e, tag in words if tag == "content" and _overlaps(s, e, spans))
    gold_pos = any(tag == "content" for _, _, tag in sentence.tokens)
    pred_pos = bool(quotes)
    spk_total = spk_ok = 0
    if gold_pos and pred_pos and gold_source:
        spk_total = 1
        for q, (s, e) in zip(quotes, spans):
            if q.speaker is None or not _overlaps(s, e, [(a, b) for a, b, t in sentence.tokens if t == "content"]):
                continue
            if _overlaps(q.speaker.start + offset, q.speaker.end + offset, gold_source):
                spk_ok = 1
                break
    return _AdaqCounts(
        1, int(gold_pos), int(pred_pos), int(gold_pos and pred_pos), len(gold_content), len(pred_content),
        tok_ok, spk_total, spk_ok,
    )


def _adaq_metrics(c: _AdaqCounts) -> dict[str, Any]:
    sp, sr = _ratio(c.true_pos, c.pred_pos), _ratio(c.true_pos, c.gold_pos)
    tp, tr = _ratio(c.tok_ok, c.tok_pred), _ratio(c.tok_ok, c.tok_gold)
    return {
        "sentence": {
            "precision": round(sp, 4), "recall": round(sr, 4), "f1": round(_f1(sp, sr), 4),
            "n_gold": c.gold_pos, "n_pred": c.pred_pos,
        },
        "token": {
            "precision": round(tp, 4), "recall": round(tr, 4), "f1": round(_f1(tp, tr), 4),
            "n_gold": c.tok_gold, "n_pred": c.tok_pred,
        },
        "speaker_accuracy": round(_ratio(c.spk_ok, c.spk_total), 4),
        "sentences": c.sentences,
    }


def evaluate_adaq(
    data_dir: Path,
    *,
    pipeline: Pipeline | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Run the pipeline on each ADAQ sentence (``lang="ru"``) and score detection and content.

    Args:
        data_dir: the ADAQ folder (``../shared/data/adaq-ru-quotes``).
        pipeline: a :class:`newsdesk.pipeline.Pipeline`; built when None.
        progress: called as ``progress(done, total)`` after each sentence.

    Returns:
        ``{"sentence": {precision, recall, f1, n_gold, n_pred}, "token": {same},
        "speaker_accuracy": x, "sentences": n, "marked": {the same four keys,
        over the sentences that hold a quotation mark}, "seconds": s}``.

    Raises:
        ConfigError: the data folder is missing.
        ReadError: the data is malformed.
    """
    t0 = time.perf_counter()
    sentences = read_adaq(data_dir)
    pipeline = _get_pipeline(pipeline)
    every, marked = _AdaqCounts(), _AdaqCounts()
    for done, sent in enumerate(sentences, 1):
        article = pipeline.process(RawDocument(source=f"adaq:{sent.id}", text=sent.text), lang="ru")
        if isinstance(article, Article):
            counts = score_sentence(sent, article.quotes, offset=leading_offset(sent.text, article))
        else:
            counts = score_sentence(sent, ())
        every = every + counts
        if _ADAQ_MARKS.search(sent.text):
            marked = marked + counts
        if progress is not None:
            progress(done, len(sentences))
    result = _adaq_metrics(every)
    result["marked"] = _adaq_metrics(marked)
    result["seconds"] = round(time.perf_counter() - t0, 2)
    return result
