"""Indirect (reported) speech and mixed quotations, in English, Russian and Ukrainian.

The direct-quotation finder (:mod:`newsdesk.nlp.quotes`) pairs quotation
marks; this module finds what news reports *without* quoting it whole:

* **indirect** speech: ``X said (that) ...``, ``X warned that ...``,
  ``according to X, ...``, ``..., X said.``, ``X promised to ...``,
  ``X called on Y to ...``, ``X called for ...``, ``As X put it, ...`` and
  ``..., as X observed.`` (:meth:`_Run._as_cue_en`), the parenthetical ``Young
  voters, he said, can “...”`` (the whole sentence, :meth:`_Run._parenthetical`),
  ``It also points out that ''...''`` (``it`` only before a quoting clause,
  :meth:`_Run._it_subject`), ``X told <a long object> that "..."``
  (:meth:`_Run._far_that`); ``X заявил, что ...``,
  ``по словам X, ...``, ``как отметил X, ...``, ``..., — сказал X.``;
  ``X заявив, що ...``, ``за словами X, ...``, ``як зазначив X, ...``;
* **mixed** quotations: a reported clause that quotes a fragment
  (``that the news was “very, very troubling”``) and naming with a quoted
  fragment (``She called the plan "a dead end"``).

The content is the reported clause without its complementizer (``that``,
``что``, ``що``): ``Governor Lena Fischer said on Tuesday that the regional
budget would be cut`` gives content ``the regional budget would be cut``
(issue 3). An English mixed quotation keeps it (``that the news was “very,
very troubling”``), as issue 3 and PolNeAR have it: see :func:`complementizer_start`.

Rules work on the sentence, its word tokens, commas and complementizers; there
is no parser at run time. English cue forms are generated from lemmas; Russian
and Ukrainian cues are recognised by lemma and the subject by nominative case
with pymorphy3 (:mod:`newsdesk.nlp.morph`). The word lists are data:
``lang/<code>/reporting.txt`` (sections documented in ``lang/en/reporting.txt``),
with ``speaker_titles.txt`` and ``pronouns.txt`` read as they are.

Addressees: the object between an ``object_to`` cue and its infinitive
(``called on Russia to ...``, ``urged the West to ...``, ``закликав Росію
вивести``); in English the object of a verb listed under ``[addressee]`` in
``lang/en/statements.txt`` before its that-clause (``told reporters that``,
``warned Moscow that``); in Russian and Ukrainian a dative noun phrase after
the cue, before its clause (``заявил журналистам, что``, ``заявив журналістам,
що``). The addressee resolves to the entity of a mention inside it (any label),
else it keeps its words only.

Speakers: the words that name the source (a name, a title phrase, a pronoun);
the entity key of a PER (else ORG) mention inside them, for a pronoun the
nearest preceding PER mention whose name does not have the other gender
(``_gender_of``: English given names, pymorphy3 name tags), for a definite title the
nearest preceding person introduced with it (``_Run._titled_person``). Questions are skipped. A
result never overlaps a direct quotation given by the caller.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate

from newsdesk.errors import ConfigError
from newsdesk.lang import load_list, normalize_lang
from newsdesk.model import Cue, Mention, Quote, Span, Speaker
from newsdesk.nlp.marks import holds_quotation_mark
from newsdesk.nlp.morph import get_morph

__all__ = ["ReportedSpeechFinder", "complementizer_start", "load_reported_finder"]

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’ʼ\-‐.][^\W_]+)*|''|\S")
_OPEN_MARKS = {'"': '"', "“": "”", "«": "»", "„": "“", "''": "''", "‘": "’"}
_ALL_MARKS = frozenset('"“”«»„‘’') | {"''"}
_CLAUSE_PUNCT = frozenset(",;:()[]—–―")
_TRIM_END = ".!?…;:,—–― \t\n"
_DASHES = frozenset("—–―-")
_EN_PRONOUNS = {"he": "masc", "she": "femn", "they": "plur", "we": "plur", "i": "sing", "you": "sing"}
_EN_DETERMINERS = frozenset(
    "the a an his her their its our my your this these those some many most several other another both "
    "each every two three four few".split()
)
_EN_NOT_SUBJECT = frozenset(
    "it there this that which what who whom whose to be is was were are been being not no nothing "
    "anything something everything one".split()
)
_EN_PREPOSITIONS = frozenset("of in on at for with by from about into over under after before".split())
# words that open a relative clause, not a reported one, when right after "that" ("a boat that was held")
_EN_NOT_CLAUSE_START = frozenset("was is were are has had have will would can could should may might did does do".split())
_EN_CLAUSE_START = frozenset(
    "he she they we i you it there the a an his her their its our my this these those some many most "
    "several no all any each every if when while because only".split()
)
# words that end an English addressee ("told reporters on Tuesday that")
_EN_NOT_ADDRESSEE = frozenset(
    "on in at for with by from about during after before last this yesterday today earlier later late early "
    "again also once".split()
)
# English naming quotations run on after the fragment to the clause end (_Run._naming_rest): tokens that end it,
# and words that end it right after the fragment or open a clause of their own after "and" / "or" / "but"
_EN_NAMING_STOPS = frozenset(";:()[]—―?!")
_EN_NAMING_COMMA_STOPS = frozenset(
    "which who whom whose where while when and but or as saying adding according then also said says".split()
)
# subordinators that open a clause of the writer's (a reason, a time) after a naming quotation: it ends there
_EN_NAMING_CLAUSE_STOPS = frozenset("because although though since until unless whereas while if".split())
_MAX_SUBJECT_WORDS = 8
_IT_ORG_CHARS = 400  # how far back "it" as a source looks for the organisation it stands for
_EN_SAID_AFTER = frozenset(
    "to last this yesterday today earlier recently later once then bluntly succinctly memorably famously simply "
    "plainly starkly".split()
)  # first words after "as X put it" that say when, how or to whom it was said (see _Run._said_after)
_MAX_APPOSITION_TOKENS = 14
_MAX_FAR_THAT_TOKENS = 24  # an [addressee] cue and a that-clause opening with a mark ("told … that “…”")
_MAX_GAP_TOKENS = 8  # tokens between a cue and its complementizer ("said on Tuesday that")
_MAX_PARENTHETICAL_HEAD = 6  # words before "…, he said, …" inside its sentence
_MAX_TRAILING_TOKENS = 10  # tokens after a trailing cue ("..., the governor said on Tuesday.")
_MIN_CONTENT_WORDS = 3
_MIN_CLAUSE_WORDS = 2  # ru/uk, after an explicit что/що ("Песков заявил, что решение принято")
_MIN_TO_CONTENT_WORDS = 2
# ru/uk prepositions that open the noun-phrase content of an appeal (призвать к диалогу, закликати до діалогу),
# with the case of the noun after them (pymorphy3 grammeme)
_APPEAL_PREPOSITIONS = {"ru": (("к", "ко"), "datv"), "uk": (("до",), "gent")}


@lru_cache(maxsize=4)
def _time_words(lang: str) -> frozenset[str]:
    """Lemmas of months and weekdays (``lang/<code>/months.txt``, ``weekdays.txt``): no appeal content."""
    from newsdesk.lang import load_list
    from newsdesk.nlp.morph import get_morph

    morph = get_morph(lang)
    words = {w.lower() for name in ("months", "weekdays") for line in load_list(lang, name) for w in line.split()}
    return frozenset(morph.parse(w)[0].normal_form for w in words)


def _time_word(word: str, lang: str) -> bool:
    return any(nf in _time_words(lang) for nf, _pos, _tag in _parses(word, lang)[:2])


_ACT_NOUN_ENDINGS = {
    "ru": ("ние", "тие", "ия", "ость", "ство", "ка", "ба"),
    "uk": ("ння", "ття", "ія", "ість", "ство", "цтво", "ка", "ба"),
}
"""Endings of nouns that name an act or a state (``прекращение``, ``экономия``, ``сдержанность``, ``единство``,
``отставка``, ``борьба``; ``припинення``, ``стриманість``): what ``призвал к …`` asks for, where a place or a thing
(``к трибуне``, ``до кабінету``) is where someone was called."""


@lru_cache(maxsize=4)
def _appeal_nouns(lang: str) -> frozenset[str]:
    """The ``[appeal_nouns]`` of ``lang/<code>/reporting.txt``: acts without one of :data:`_ACT_NOUN_ENDINGS`
    (``диалог``, ``переговоры``, ``мир``)."""
    return frozenset(w.lower() for w in _sections(lang).get("appeal_nouns", ()))


def _act_noun(word: str, lang: str) -> bool:
    """Whether ``word`` (a noun after ``к``/``до``) names an act an appeal can ask for (see :data:`_ACT_NOUN_ENDINGS`)."""
    for nf, pos, _tag in _parses(word, lang)[:2]:
        if pos == "NOUN" and (nf in _appeal_nouns(lang) or nf.endswith(_ACT_NOUN_ENDINGS.get(lang, ()))):
            return True
    return False
# words that may join the quoted fragments of one naming cue ("a “nasty guy,” an “anchor baby” and “sick.”",
# "as “a lifetime politician” who “has never …”"): written looking at PolNeAR dev errors
_EN_FRAGMENT_LINKS = frozenset("and or a an the who is was as also even".split())
_MAX_LINK_WORDS = 3
_MARK_CHARS = "\"“”«»„‘’'"  # quotation marks left of a direct quotation's content
_EN_PROGRESSIVE_AUX = frozenset("is are was were been be am".split())
_MAX_AS_OBJECT_TOKENS = 12  # the object between a [naming_as] cue and "as" ("the so-called Trans-Pacific Partnership")


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str
    word: bool


@dataclass(frozen=True, slots=True)
class _Data:
    lang: str
    that: dict[str, list[tuple[tuple[str, ...], str]]]  # first form (en) or lemma -> (rest words, lemma)
    bare: frozenset[str]
    to: dict[str, list[tuple[tuple[str, ...], str]]]
    object_to: dict[str, list[tuple[tuple[str, ...], str]]]
    for_: dict[str, list[tuple[tuple[str, ...], str]]]
    naming: dict[str, list[tuple[tuple[str, ...], str]]]
    according: tuple[tuple[str, ...], ...]
    as_words: frozenset[str]
    complementizers: frozenset[str]
    not_source: frozenset[str]
    fillers: frozenset[str]
    boundaries: frozenset[str]
    titles: frozenset[str]
    pronouns: dict[str, str]
    addressee_verbs: frozenset[str]
    roles: dict[str, str]  # a short title -> the title it abbreviates (speaker_titles.txt `role=`: генсек -> секретарь)
    naming_as: dict[str, list[tuple[tuple[str, ...], str]]] = None  # type: ignore[assignment]  # [naming_as] cues
    as_only: dict[str, list[tuple[tuple[str, ...], str]]] = None  # type: ignore[assignment]  # [as_only] cues
    said_in: frozenset[str] = frozenset()  # [said_in] nouns: "put it in a statement"


def _sections(lang: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = None
    for line in load_list(lang, "reporting"):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out.setdefault(current, [])
        elif current is not None:
            out[current].append(line)
    return out


def _en_forms(lemma: str) -> set[str]:
    """Regular English verb forms: base, 3rd person, past, -ing."""
    forms = {lemma}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


def _cue_table(lang: str, entries: list[str]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for entry in entries:
        head, _, extra = entry.partition(":")
        words = head.split()
        lemma = " ".join(words)
        if lang == "en":
            firsts = _en_forms(words[0]) | set(extra.split())
        else:
            firsts = {words[0]}
        for form in firsts:
            table.setdefault(form.lower(), []).append((tuple(w.lower() for w in words[1:]), lemma))
    return table


def _addressee_verbs(lang: str) -> list[str]:
    """Lemmas under ``[addressee]`` in ``lang/<lang>/statements.txt`` (none when the file or section is absent)."""
    try:
        lines = load_list(lang, "statements")
    except ConfigError:
        return []
    out, inside = [], False
    for line in lines:
        if line.startswith("[") and line.endswith("]"):
            inside = line == "[addressee]"
        elif inside:
            out.append(line.lower())
    return out


@lru_cache(maxsize=None)
def _load(lang: str) -> _Data:
    sec = _sections(lang)
    titles = frozenset(line.split()[0].lower() for line in load_list(lang, "speaker_titles"))
    roles = {
        line.split()[0].lower(): part[len("role="):].lower()
        for line in load_list(lang, "speaker_titles") for part in line.split()[1:] if part.startswith("role=")
    }
    pronouns = {}
    for line in load_list(lang, "pronouns"):
        parts = line.split()
        pronouns[parts[0].lower()] = parts[1] if len(parts) > 1 else ""
    if lang == "en":
        pronouns = {**_EN_PRONOUNS, **pronouns}
    return _Data(
        lang=lang,
        that=_cue_table(lang, sec.get("that", [])),
        bare=frozenset(e.split(":")[0].strip() for e in sec.get("bare", [])),
        to=_cue_table(lang, sec.get("to", [])),
        object_to=_cue_table(lang, sec.get("object_to", [])),
        for_=_cue_table(lang, sec.get("for", [])),
        naming=_cue_table(lang, sec.get("naming", [])),
        naming_as=_cue_table(lang, sec.get("naming_as", [])),
        as_only=_cue_table(lang, sec.get("as_only", [])),
        said_in=frozenset(e.lower() for e in sec.get("said_in", [])),
        according=tuple(tuple(e.lower().split()) for e in sec.get("according", [])),
        as_words=frozenset(e.lower() for e in sec.get("as", [])),
        complementizers=frozenset(e.lower() for e in sec.get("complementizer", [])),
        not_source=frozenset(e.lower() for e in sec.get("not_source", [])),
        fillers=frozenset(e.lower() for e in sec.get("filler", [])),
        boundaries=frozenset(e.lower() for e in sec.get("boundary", [])),
        titles=titles,
        pronouns=pronouns,
        addressee_verbs=frozenset(_addressee_verbs(lang)),
        roles=roles,
    )


@lru_cache(maxsize=200_000)
def _parses(word: str, lang: str) -> tuple[tuple[str, str, str], ...]:
    """``(normal form, POS, tag string)`` of the pymorphy3 parses of ``word`` (best first)."""
    return tuple((p.normal_form, str(p.tag.POS or ""), str(p.tag)) for p in get_morph(lang).parse(word)[:4])


@lru_cache(maxsize=200_000)
def _verb_lemma(word: str, lang: str) -> tuple[str, ...]:
    """The normal form of the best verb reading (VERB, INFN, GRND) of ``word`` among :func:`_parses`, or ``()``."""
    return tuple(p[0] for p in _parses(word, lang) if p[1] in ("VERB", "INFN", "GRND"))[:1]


@lru_cache(maxsize=None)
def _cue_keys(lang: str) -> frozenset[str]:
    """Every first word (en) or lemma (ru, uk) of the cue tables :meth:`_Run._verb` tries."""
    d = _load(lang)
    return frozenset().union(*(table for table in (d.object_to, d.for_, d.naming, d.naming_as or {}, d.that, d.to)))


@lru_cache(maxsize=16)
def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """``phrases`` grouped by their first word, in their order (the ``[according]`` cues)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if not phrase:
            raise ConfigError("an empty [according] cue in reporting.txt")
        index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(group) for first, group in index.items()}


_LEAD_GAP = " \t\u00a0,\"“„«‘'"  # what may stand between a complementizer and a mixed quotation's clause


def complementizer_start(text: str, start: int, lang: str, not_before: int = 0) -> int | None:
    """The start of the complementizer that opens the clause beginning at ``start``, or None.

    A mixed quotation's content is the reported clause *with* its
    complementizer, as PolNeAR annotates it and issue 3 asks (``that the news
    was “very, very troubling”``, ``that, “For those few people …”``); indirect
    speech keeps the clause without it (``said that the budget would be cut`` ->
    ``the budget would be cut``). Only spaces, a comma and opening quotation
    marks may stand between the word and ``start``; the words are the
    ``[complementizer]`` section of ``lang/<code>/reporting.txt`` (``that``;
    ``что``, ``чтобы``; ``що``, ``щоб`` ...). This rule was written looking at
    PolNeAR dev errors; the finders apply it to English only, as ADAQ
    (Russian) mostly leaves ``что`` out of the content (with it, ADAQ token F1
    went from 0.877 to 0.876).

    Args:
        text: the document text.
        start: the first character of the clause (half-open offsets).
        lang: ISO 639-1 code (``ua`` accepted).
        not_before: the word must start at or after this offset (the end of the cue).
    """
    words = _load(normalize_lang(lang)).complementizers
    k = start
    while k > not_before and text[k - 1] in _LEAD_GAP:
        k -= 1
    j = k
    while j > not_before and text[j - 1].isalpha():
        j -= 1
    if j == k or text[j:k].lower() not in words or (j > 0 and (text[j - 1].isalnum() or text[j - 1] in "-'’")):
        return None
    return j


@dataclass(slots=True)
class _Cand:
    kind: str
    cs: int  # content start (char)
    ce: int  # content end (char)
    lead: int  # first char of the attribution (speaker or cue) when it stands inside the sentence
    cue: tuple[int, int, str]
    speaker: tuple[int, int] | None
    min_words: int
    addressee: tuple[int, int] | None = None
    aside: tuple[int, int] | None = None  # the attribution set off by commas inside the content ("…, he said, …")


class ReportedSpeechFinder:
    """Finds indirect and mixed quotations in one language.

    Args:
        lang: ISO 639-1 code: ``en``, ``ru`` or ``uk`` (``ua`` accepted).

    Raises:
        ConfigError: the language is not supported or its data file is missing.

    Call it as ``finder(text, sentences, entities, direct)`` where ``sentences``
    are the spans of :func:`newsdesk.nlp.sentences.split_sentences`,
    ``entities`` the linked mentions and ``direct`` the direct quotations
    already found; it returns quotes of kind ``indirect`` or ``mixed``, sorted
    by ``start``, none overlapping another or a direct quotation, offsets
    half-open into ``text``.
    """

    def __init__(self, lang: str) -> None:
        self.lang = normalize_lang(lang)
        self.data = _load(self.lang)
        if not self.data.that:
            raise ConfigError(f"lang/{self.lang}/reporting.txt lists no reporting verbs under [that]")

    def __call__(
        self,
        text: str,
        sentences: Sequence[Span],
        entities: Sequence[Mention],
        direct: Sequence[Quote],
    ) -> list[Quote]:
        """Return the indirect and mixed quotations of ``text`` (see the class docstring)."""
        run = _Run(self.data, text, entities, direct)
        cands: list[_Cand] = []
        for sent in sentences:
            cands.extend(run.sentence(sent))
        return run.finish(cands)

    def names_a_cue(self, text: str) -> bool:
        """Tell whether ``text`` holds a word that may open a cue: a form of a reporting verb of the cue tables
        (English: the word itself; Russian, Ukrainian: its verb lemma) or the first word of an ``according to``
        phrase. A cheap test (no entities, no parse), for deciding whether a short text such as a headline is
        worth the recognizer (:mod:`newsdesk.nlp.headlines`)."""
        d = self.data
        firsts = _by_first_word(d.according)
        for word in _CUE_WORD_RE.findall(text.lower()):
            keys = (word,) if d.lang == "en" else _verb_lemma(word, d.lang)
            if word in firsts or any(key in _cue_keys(d.lang) for key in keys):
                return True
        return False


_CUE_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@lru_cache(maxsize=None)
def load_reported_finder(lang: str) -> ReportedSpeechFinder:
    """Return the process-wide :class:`ReportedSpeechFinder` for ``lang`` (loaded once).

    Raises:
        ConfigError: the language is not supported.
    """
    return ReportedSpeechFinder(normalize_lang(lang))


class _Run:
    """The state of one call: the text, its mentions and the direct quotation spans."""

    def __init__(self, data: _Data, text: str, entities: Sequence[Mention], direct: Sequence[Quote]) -> None:
        self.d = data
        self.text = text
        self.entities = sorted(entities, key=lambda m: m.start)
        self._entity_starts = [m.start for m in self.entities]
        self._entity_max_ends = list(accumulate((m.end for m in self.entities), max))
        self.blocked = sorted((q.start, q.end) for q in direct)
        self.taken_cues = {(q.cue.start, q.cue.end) for q in direct if q.cue is not None} if data.lang != "en" else set()
        """Russian/Ukrainian: cues that already attribute a direct quotation, so they attribute no reported clause
        (``… игрой. — Мы проиграли, — сказал тренер.``: the sentence before the dash is narration). English keeps
        them: ``said`` there often attributes both a fragment and the paraphrase around it (PolNeAR all F1 drops)."""
        self._naming_as = False  # set while the subject of a [naming_as] cue is looked for
        self._blocked_starts = [bs for bs, _ in self.blocked]
        self._blocked_max_ends = list(accumulate((be for _, be in self.blocked), max))

    # --- helpers -----------------------------------------------------------------------------------

    def _blocked(self, s: int, e: int) -> bool:
        """Whether ``[s, e)`` overlaps a direct quotation (binary search: linear time per document)."""
        i = bisect_left(self._blocked_starts, e)  # spans starting before e
        return i > 0 and self._blocked_max_ends[i - 1] > s

    def _tokens(self, sent: Span) -> list[_Tok]:
        toks = []
        for m in _TOKEN_RE.finditer(sent.text):
            t = m.group()
            toks.append(_Tok(sent.start + m.start(), sent.start + m.end(), t, t.lower(), t[0].isalnum()))
        return toks

    @staticmethod
    def _inside_marks(toks: list[_Tok]) -> list[bool]:
        """Per token: whether it stands inside a quoted fragment opened earlier in the sentence (an odd
        number of straight marks before it, or more curly or angle marks opened than closed)."""
        out = []
        straight = depth = 0
        for t in toks:
            out.append(straight % 2 == 1 or depth > 0)
            text = t.text
            if text in ('"', "''"):
                straight += 1
            elif text in ("“", "«", "„"):
                depth += 1
            elif text in ("”", "»") and depth:
                depth -= 1
        return out

    def _match(self, table: dict, toks: list[_Tok], i: int) -> tuple[int, str] | None:
        """Match a cue of ``table`` at token ``i``: ``(end token, lemma)`` or None."""
        tok = toks[i]
        if not tok.word:
            return None
        if i > 0 and tok.text[0].isupper():
            return None  # a capitalised word inside a sentence is a name or a noun ("the State Department")
        keys = (tok.low,) if self.d.lang == "en" else _verb_lemma(tok.low, self.d.lang)
        for key in keys:
            for rest, lemma in table.get(key, ()):
                j = i + 1
                ok = True
                for w in rest:
                    if j < len(toks) and toks[j].low == w:
                        j += 1
                    else:
                        ok = False
                        break
                if ok:
                    return j, lemma
        return None

    def _words(self, toks: list[_Tok], a: int, b: int) -> int:
        return sum(1 for t in toks[a:b] if t.word)

    def _mention_at(self, s: int, e: int, labels: tuple[str, ...] = ("PER", "ORG")) -> Mention | None:
        """The last mention overlapping ``[s, e)`` with the first of ``labels`` that has one, or None."""
        j = bisect_left(self._entity_starts, e) - 1  # mentions starting before e, scanned backwards
        overlapping = []
        while j >= 0 and self._entity_max_ends[j] > s:
            if self.entities[j].end > s:
                overlapping.append(self.entities[j])
            j -= 1
        for label in labels:
            for m in overlapping:  # nearest to the cue (latest start) first
                if m.label == label:
                    return m
        return None

    def _nominative(self, tok: _Tok) -> bool:
        parses = _parses(tok.low, self.d.lang)
        if not parses or parses[0][1] not in ("NOUN", "NPRO", "ADJF", ""):
            return False  # a preposition, conjunction or verb first ("в" is also a letter name)
        for _nf, pos, tag in parses:
            if pos in ("NOUN", "NPRO") and "nomn" in tag:
                return True
        return False

    def _has_pos(self, tok: _Tok, *poses: str) -> bool:
        return any(p[1] in poses for p in _parses(tok.low, self.d.lang)[:1])

    def _infinitive(self, tok: _Tok) -> bool:
        # pymorphy3 tags Russian infinitives INFN, Ukrainian ones VERB with the grammeme infn
        return any(p[1] == "INFN" or "infn" in p[2].split(",")[-1].split() for p in _parses(tok.low, self.d.lang)[:1])

    def _trim_end(self, s: int, e: int) -> int:
        while e > s and self.text[e - 1] in _TRIM_END:
            e -= 1
        return e

    # --- subjects ----------------------------------------------------------------------------------

    def _left_bound(self, toks: list[_Tok], hi: int) -> int:
        """First token of the clause that ends before token ``hi`` (exclusive of punctuation)."""
        b = hi
        while b > 0:
            t = toks[b - 1]
            if t.text in _CLAUSE_PUNCT or t.text in _ALL_MARKS or t.low in self.d.boundaries:
                break
            if not t.word and t.text not in ("'", "’", ".", "-"):
                break
            b -= 1
        return b

    def _skip_fillers_left(self, toks: list[_Tok], i: int) -> int:
        # a progressive cue takes its auxiliary ("has been steadily pounding", "is describing"); a passive one
        # ("was told") does not: its subject is no speaker
        # (only for [naming_as] cues: written for them, looking at PolNeAR dev errors)
        progressive = self._naming_as and i < len(toks) and toks[i].low.endswith("ing")
        k = i
        while k > 0 and toks[k - 1].word and (
            toks[k - 1].low in self.d.fillers
            or (progressive and toks[k - 1].low in _EN_PROGRESSIVE_AUX)
            or (self.d.lang == "en" and toks[k - 1].low.endswith("ly") and len(toks[k - 1].low) > 4)
            or (self.d.lang != "en" and self._has_pos(toks[k - 1], "ADVB", "PRCL"))
        ):
            k -= 1
        return k

    def _valid_en_subject(self, toks: list[_Tok], a: int, b: int, sentence_initial: bool) -> bool:
        words = toks[a:b]
        if not words or len(words) > _MAX_SUBJECT_WORDS or not all(t.word or t.text in ("'", "’") for t in words):
            return False
        if any(t.low in _EN_NOT_SUBJECT for t in words):
            return False
        # "an hourlong show", "in a state", "his former secretary of": the cue is a noun, not a verb
        if len(words) > 1 and (words[-1].low in _EN_DETERMINERS or words[-1].low in _EN_PREPOSITIONS):
            return False
        if words[-1].low.endswith(("'s", "’s")):
            return False
        if len(words) == 1 and words[0].low in self.d.pronouns:
            return True
        if self._mention_at(words[0].start, words[-1].end, ("PER", "ORG", "MISC")) is not None:
            return True
        if any(t.low in self.d.titles for t in words):
            return True
        if words[0].low in _EN_DETERMINERS and len(words) <= 5:
            return True
        if all(t.text[0].isupper() for t in words) and len(words) <= 4 and not (sentence_initial and len(words) == 1
                                                                             and not words[0].low.endswith("s")):
            return True
        return sentence_initial and len(words) <= 3 and words[-1].low.endswith("s")

    def _subject_left(self, toks: list[_Tok], i: int, lo: int) -> tuple[int, int] | None:
        """The speaker tokens ``[a, b)`` left of the cue at ``i`` in the same clause, or None."""
        hi = self._skip_fillers_left(toks, i)
        if hi <= lo:
            return None
        if self.d.lang == "en":
            # "X, who said", "X, a spokesman for Y, said"
            if toks[hi - 1].low == "who":
                hi -= 1
                if hi > lo and toks[hi - 1].text == ",":
                    hi -= 1
                elif any(not t.text[0].isupper() and t.low in _cue_keys("en") for t in toks[max(lo, hi - 8):hi]):
                    return None  # "told a young man who suggested that": the object of another cue, no speaker
            elif toks[hi - 1].text == ",":
                c2 = hi - 2
                while c2 > lo and toks[c2].text != "," and hi - c2 <= _MAX_APPOSITION_TOKENS:
                    c2 -= 1
                if c2 <= lo or toks[c2].text != ",":
                    return None
                hi = c2
            a = max(lo, self._left_bound(toks, hi))
            if a == hi:
                return None
            return (a, hi) if self._valid_en_subject(toks, a, hi, a == lo) else None
        # ru/uk: the nominative head nearest to the cue, in the same clause
        a = max(lo, self._left_bound(toks, hi))
        for h in range(hi - 1, a - 1, -1):
            t = toks[h]
            m = self._mention_at(t.start, t.end, ("PER", "ORG"))
            nominal = (m is not None and m.lemma.lower() == self.text[m.start:m.end].lower()) or (
                t.word and self._nominative(t)
            )
            if not nominal:
                continue
            if h > a and self._has_pos(toks[h - 1], "PREP"):
                continue
            s = h
            while s > a and toks[s - 1].word and (
                self._has_pos(toks[s - 1], "ADJF", "NOUN", "PRTF", "NUMR") or toks[s - 1].text[0].isupper()
            ) and not self._has_pos(toks[s - 1], "PREP"):
                s -= 1
            e = h + 1
            while e < hi and toks[e].word and not self._has_pos(toks[e], "ADVB", "PREP", "VERB", "CONJ", "PRCL"):
                e += 1
            if e - s > _MAX_SUBJECT_WORDS:
                s = max(s, e - _MAX_SUBJECT_WORDS)
            return s, e
        return None

    def _subject_right(self, toks: list[_Tok], j: int, hi: int) -> tuple[int, int] | None:
        """The speaker after a cue (``..., said Smith.``, ``как отметил X,``): tokens ``[a, b)``."""
        k = j
        if self.d.lang == "en":
            b = k
            while b < hi and toks[b].word and b - k < _MAX_SUBJECT_WORDS:
                b += 1
            if b == k or self._words(toks, k, b) == 0:
                return None
            # "said Smith, a spokesman" / "said the governor on Tuesday": stop at lowercase prepositions
            e = k
            while e < b and (e == k or toks[e].low not in ("on", "in", "at", "during", "after", "before", "to",
                                                            "last", "this", "yesterday", "today")):
                e += 1
            return (k, e) if self._valid_en_subject(toks, k, e, False) else None
        in_pp = False
        limit = min(hi, j + 12)
        while k < limit:
            t = toks[k]
            if not t.word:
                if t.text in (",", ";", ":"):
                    return None
                k += 1
                continue
            if self._has_pos(t, "PREP"):
                in_pp = True
                k += 1
                continue
            m = self._mention_at(t.start, t.end, ("PER", "ORG"))
            nominal = m is not None or self._nominative(t)
            if nominal and not in_pp:
                s = k
                while s > j and toks[s - 1].word and self._has_pos(toks[s - 1], "ADJF", "PRTF", "NUMR"):
                    s -= 1
                e = k + 1
                while e < hi and toks[e].word and e - s < _MAX_SUBJECT_WORDS:
                    e += 1
                return s, e
            if self._has_pos(t, "NOUN", "NPRO") or t.text[0].isupper():
                in_pp = False
                # indeclinable modifiers of the PP noun ("в интервью РБК") stay in it
                while k + 1 < limit and toks[k + 1].word and (toks[k + 1].text.isupper() or not any(
                    p[1] for p in _parses(toks[k + 1].low, self.d.lang)[:1]
                )):
                    k += 1
            k += 1
        return None

    # --- patterns ----------------------------------------------------------------------------------

    def _clause_after(self, toks: list[_Tok], j: int, n: int) -> tuple[int, bool] | None:
        """Start token of the reported clause after a cue ending at ``j``; ``(start, explicit)``."""
        d = self.d
        k = j
        while k < n and k - j <= _MAX_GAP_TOKENS:
            t = toks[k]
            if t.low in d.complementizers:
                if d.lang == "en" and k + 1 < n and toks[k + 1].low in _EN_NOT_CLAUSE_START:
                    return None  # a relative clause: "told of a meeting that was held"
                if d.lang == "en" or (k > j and toks[k - 1].text == ","):
                    return k + 1, True
                return None
            if t.text == ":":
                return k + 1, True
            if t.text in (".", ";", "!", "?", "(", ")") or t.text in _ALL_MARKS:
                return None
            if t.text in _DASHES:
                return None
            k += 1
        return None

    def _bare_clause(self, toks: list[_Tok], j: int, n: int, lemma: str) -> int | None:
        """English: ``X said he would ...``: the clause starts right after the cue."""
        if self.d.lang != "en" or lemma not in self.d.bare or j >= n:
            return None
        t = toks[j]
        if t.low in _EN_CLAUSE_START or (
            t.text[0].isupper() and self._mention_at(t.start, t.end, ("PER", "ORG", "LOC", "MISC")) is not None
        ):
            if t.low in ("it", "there") or self._words(toks, j, n) >= 4:
                return j
        return None

    def sentence(self, sent: Span) -> list[_Cand]:
        """Candidates of one sentence."""
        toks = self._tokens(sent)
        if sent.text.rstrip(" \t\"'”»’)").endswith("?"):
            # a question is no report, unless a source phrase gives it as quoted ("As X put it, “Did …?”")
            if self.d.lang != "en" or not toks or self._blocked(sent.start, sent.end):
                return []
            c = self._as_cue_en(toks, 0, len(toks)) or next(
                (self._as_cue_en(toks, k, len(toks)) for k in range(1, 3) if k < len(toks) and toks[k].low == "as"
                 and toks[k - 1].text == ","), None)
            if c is None or not holds_quotation_mark(self.text[c.cs:c.ce], self.d.lang):
                return []
            a, b = c.speaker
            c.speaker = (toks[a].start, toks[b - 1].end)
            return [c]
        n = len(toks)
        inside = self._inside_marks(toks)
        out: list[_Cand] = []
        i = 0
        while i < n:
            c = None
            if toks[i].word and not self._blocked(toks[i].start, toks[i].end) and not inside[i]:
                c = self._according(toks, i, n) or self._as_cue(toks, i, n) or self._verb(toks, i, n)
            if c is not None:
                if c.speaker is not None:
                    a, b = c.speaker
                    c.speaker = (toks[a].start, toks[b - 1].end)
                if c.addressee is not None:
                    a, b = c.addressee
                    c.addressee = (toks[a].start, toks[b - 1].end)
                out.append(c)
            i += 1
        return out

    def _content(self, toks: list[_Tok], a: int, n: int) -> tuple[int, int] | None:
        if a >= n:
            return None
        s = toks[a].start
        e = self._trim_end(s, toks[n - 1].end)
        return (s, e) if e > s else None

    def _according(self, toks: list[_Tok], i: int, n: int) -> _Cand | None:
        for phrase in _by_first_word(self.d.according).get(toks[i].low, ()):
            if tuple(t.low for t in toks[i:i + len(phrase)]) != phrase:
                continue
            j = i + len(phrase)
            if j >= n or toks[j].low in self.d.not_source:
                return None
            k = j
            while k < n and toks[k].text not in (",", ";", ":", ".", "(", ")") and toks[k].text not in _DASHES:
                k += 1
            k = min(k, n)
            if k == j:
                return None
            spk = (j, min(k, j + 12))
            cue = (toks[i].start, toks[j - 1].end, " ".join(phrase))
            before_start = self._left_bound(toks, i)
            if i > 0 and toks[i - 1].text == "," and self._words(toks, 0, i - 1) >= _MIN_CONTENT_WORDS:
                return _Cand("indirect", toks[0].start, toks[i - 1].start, toks[i].start, cue, spk, _MIN_CONTENT_WORDS)
            if before_start == i and k < n and toks[k].text == ",":
                content = self._content(toks, k + 1, n)
                if content:
                    return _Cand("indirect", *content, toks[i].start, cue, spk, _MIN_CONTENT_WORDS)
            return None
        return None

    def _as_cue(self, toks: list[_Tok], i: int, n: int) -> _Cand | None:
        """``как отметил X, ...`` / ``..., как сообщил X.`` (ru/uk); English see :meth:`_as_cue_en`."""
        if self.d.lang == "en":
            return self._as_cue_en(toks, i, n)
        if toks[i].low not in self.d.as_words or i + 1 >= n:
            return None
        hit = self._match(self.d.that, toks, i + 1)
        if hit is None:
            return None
        j, lemma = hit
        k = j
        while k < n and toks[k].text not in (",", ".", ";", "!", "?", ":") and toks[k].text not in _DASHES:
            k += 1
        spk = self._subject_right(toks, j, k)
        if spk is None:
            return None
        cue = (toks[i + 1].start, toks[j - 1].end, lemma)
        if i > 0 and toks[i - 1].text == "," and self._words(toks, 0, i - 1) >= _MIN_CONTENT_WORDS:
            return _Cand("indirect", toks[0].start, toks[i - 1].start, toks[i].start, cue, spk, _MIN_CONTENT_WORDS)
        if i == 0 and k < n and toks[k].text == ",":
            content = self._content(toks, k + 1, n)
            if content:
                return _Cand("indirect", *content, toks[i].start, cue, spk, _MIN_CONTENT_WORDS)
        return None

    def _as_cue_en(self, toks: list[_Tok], i: int, n: int) -> _Cand | None:
        """English source phrase ``as X put it`` / ``as X observed`` before or after its clause.

        ``As Ms. Lee put it in a statement, the plan is “dead.”``: ``as`` opens the sentence (or follows
        a sentence adverb and a comma: ``Yet, as …``), the source (at most :data:`_MAX_SUBJECT_WORDS`
        words, an apposition between commas allowed: ``As Jo Ray, a tax lawyer, recently put it``), a
        verb of the ``[that]`` or ``[as_only]`` section of ``reporting.txt`` (``put it``), at most
        :data:`_MAX_GAP_TOKENS` words (``in a statement to …``), a comma, and the content: the rest of
        the sentence. ``…, as a Homeland Security memo put it.`` closing its sentence attributes the
        clause before it (from the last comma before the quotation mark it holds, else from the
        sentence start). Written looking at PolNeAR dev errors (``As X put it, …`` was missed).
        """
        if toks[i].low != "as" or i + 2 >= n:
            return None
        leading = i == 0 or (toks[i - 1].text == "," and self._words(toks, 0, i - 1) <= 1)
        trailing = i > 0 and (toks[i - 1].text == "," or (toks[i - 1].text in _ALL_MARKS and i > 1
                                                          and toks[i - 2].text == ","))
        if not leading and not trailing:
            return None
        # the source, an optional apposition, fillers, the verb
        k, commas, hit = i + 1, 0, None
        while k < n and k - i <= _MAX_SUBJECT_WORDS + _MAX_APPOSITION_TOKENS:
            t = toks[k]
            if t.text == ",":
                commas += 1
                if commas > 2:
                    return None
            elif not t.word and t.text not in (".", "'", "’", "-", "(", ")"):
                return None
            elif t.word and k > i + 1 and commas != 1 and toks[k - 1].low not in _EN_DETERMINERS:
                # (after a determiner a verb form is a noun: "As the report put it" -> the source is "the report")
                hit = self._match(self.d.that, toks, k) or self._match(self.d.as_only, toks, k)
                if hit is not None:
                    break
            k += 1
        if hit is None:
            return None
        j, lemma = hit
        if self._match(self.d.as_only, toks, k) is not None and not self._said_after(toks, j, n):
            return None  # "As she put it down, …", "As he put it in the oven, …": no words are reported
        v = self._skip_fillers_left(toks, k)
        b = next((x for x in range(i + 1, v) if toks[x].text == ","), v)  # the source ends at an apposition
        if b == i + 1 or b - (i + 1) > _MAX_SUBJECT_WORDS or (b < v and toks[v - 1].text != ","):
            return None
        words = [t for t in toks[i + 1:b] if t.word]
        if not words or not (words[0].low in self.d.pronouns or words[0].low in _EN_DETERMINERS
                             or words[0].low in ("one", "another") or words[0].text[0].isupper()
                             or self._mention_at(toks[i + 1].start, toks[b - 1].end, ("PER", "ORG")) is not None):
            return None
        spk = (i + 1, b)
        cue = (toks[k].start, toks[j - 1].end, lemma)
        if leading:
            c = j
            while c < n and c - j <= _MAX_GAP_TOKENS and toks[c].text not in (",", ":"):
                if not toks[c].word and toks[c].text not in (".", "'", "’", "-"):
                    return None
                c += 1
            if c >= n or c - j > _MAX_GAP_TOKENS:
                return None
            content = self._content(toks, c + 1, n)
            if content:
                return _Cand("indirect", *content, toks[i].start, cue, spk, _MIN_CONTENT_WORDS)
            return None
        # trailing: only words up to the sentence end
        if any(not t.word and t.text not in (".", "!", "?", "'", "’") for t in toks[j:n]):
            return None
        end = i - 1 if toks[i - 1].text == "," else i - 2
        first = 0
        marks = [x for x in range(end) if toks[x].text in _ALL_MARKS]
        if marks:
            first = next((x + 1 for x in range(marks[0] - 1, -1, -1) if toks[x].text == ","), 0)
            while first < end and toks[first].low in ("and", "but", "or", "yet", "so"):
                first += 1
        if self._words(toks, first, end) < _MIN_CONTENT_WORDS:
            return None
        ce = toks[i - 1].end if toks[i - 1].text in _ALL_MARKS else toks[end].start
        return _Cand("indirect", toks[first].start, ce, toks[i].start, cue, spk, _MIN_CONTENT_WORDS)

    def _said_after(self, toks: list[_Tok], j: int, n: int) -> bool:
        """After an ``[as_only]`` verb ending at ``j`` (``put it``): nothing up to the clause's comma or end, or
        words that say where, when or to whom it was said: ``put it in a statement to …``, ``put it to
        reporters``, ``put it last week``, ``put it bluntly`` (a ``[said_in]`` noun of ``reporting.txt`` or a
        first word of :data:`_EN_SAID_AFTER`); not ``put it down``, ``put it together``, ``put it in the oven``.
        """
        gap = []
        for t in toks[j:n]:
            if not t.word:
                break
            gap.append(t.low)
        return not gap or gap[0] in _EN_SAID_AFTER or any(w in self.d.said_in for w in gap)

    def _verb(self, toks: list[_Tok], i: int, n: int) -> _Cand | None:
        d = self.d
        if i > 0 and (toks[i - 1].low in d.as_words or toks[i - 1].low in ("so", "to")):
            return None  # "as he said", "so-called", "to say"
        keys = (toks[i].low,) if d.lang == "en" else _verb_lemma(toks[i].low, d.lang)
        if not any(key in _cue_keys(d.lang) for key in keys):
            return None  # no cue table has the word (what _match would look up in each)
        for table, mode in ((d.object_to, "object_to"), (d.for_, "for"), (d.naming, "naming"),
                            (d.naming_as or {}, "naming_as"), (d.that, "that"), (d.to, "to")):
            hit = self._match(table, toks, i)
            if hit is None:
                continue
            j, lemma = hit
            cue = (toks[i].start, toks[j - 1].end, lemma)
            self._naming_as = mode == "naming_as" and d.lang == "en"
            try:
                spk = self._subject_left(toks, i, 0)
            finally:
                self._naming_as = False
            start = self._rest(toks, j, n, lemma, mode)
            if spk is None and start is not None and mode == "that":
                spk = self._it_subject(toks, i, j, start[0], n)
            if start is not None and spk is not None:
                a, kind, min_words = start
                if mode == "naming":
                    close = self._naming_end(toks, j, n)
                    if close is None:
                        continue
                    end = self._naming_rest(toks, close, n)
                    return _Cand("mixed", toks[j].start, end, toks[spk[0]].start, cue, spk, 2)
                if mode == "naming_as":
                    close = self._as_naming_end(toks, j, n)
                    if close is None:
                        continue
                    # lead -1: a naming inside another attribution's clause ("said that Clinton described the
                    # pact as “the gold standard”") does not cut that clause; the outer content wins the overlap
                    return _Cand("mixed", toks[j].start, self._naming_rest(toks, close, n), -1, cue, spk, 2)
                content = self._content(toks, a, n)
                if content:
                    addressee = self._addressee(toks, j, a, mode, lemma)
                    return _Cand(kind, *content, toks[spk[0]].start, cue, spk, min_words, addressee)
                continue
            if mode != "that":
                continue
            # trailing attribution: "<content>, X said." / "<content>, said X." / "<content>, — сказал X."
            c = self._trailing(toks, i, j, n, spk, cue) or self._parenthetical(toks, i, j, n, spk, cue)
            if c is not None:
                return c
        return None

    def _far_that(self, toks: list[_Tok], j: int, n: int, lemma: str) -> int | None:
        """English, an ``[addressee]`` cue (``told``) ending at ``j``: the start of a that-clause opening with a
        quotation mark after a long object, ``told one of his students on a regular basis that "…"``, ``told a
        young man who suggested that … that "…"`` (a relative clause inside the object), ``told CNN's "State of
        the Union" that …`` (a quoted programme title in the object, closed within a few words, the clause then
        needs no mark). At most :data:`_MAX_FAR_THAT_TOKENS` tokens between, none of them ``. ; ? !`` or a
        dash. Written looking at PolNeAR dev errors (the object was taken for the clause's first words).
        """
        if self.d.lang != "en" or lemma not in self.d.addressee_verbs:
            return None
        k, titled = j, False
        while k < n - 1 and k - j <= _MAX_FAR_THAT_TOKENS:
            t = toks[k]
            if t.text in _OPEN_MARKS and k > j and toks[k + 1].text[:1].isupper():
                close = self._closing(toks, k, min(n, k + 8))
                if close is None or close + 1 >= n or toks[close + 1].low not in self.d.complementizers:
                    return None
                titled, k = True, close + 1
                continue
            if t.text in (".", ";", "!", "?") or t.text in _ALL_MARKS or t.text in _DASHES:
                return None
            if t.low in self.d.complementizers and k > j and (titled or toks[k + 1].text in _OPEN_MARKS):
                return k + 1
            k += 1
        return None

    def _it_subject(self, toks: list[_Tok], i: int, j: int, a: int, n: int) -> tuple[int, int] | None:
        """English ``It also points out that ''…''``: ``it`` as the source of a cue at ``i`` (ending at ``j``).

        ``it`` is no speaker in general (``it said nothing about``, ``it is said that``), so it counts only
        when it opens its clause, the cue is followed by an explicit ``that`` and the clause from token ``a``
        holds a quotation mark: a report, study or letter quoted as saying something. Written looking at PolNeAR
        dev errors (``It also points out that ''…''`` was missed).
        """
        if self.d.lang != "en" or a == j or toks[a - 1].low not in self.d.complementizers:
            return None
        k = self._skip_fillers_left(toks, i)
        if k == 0 or toks[k - 1].low != "it" or self._left_bound(toks, k - 1) != k - 1:
            return None
        if not any(t.text in _ALL_MARKS for t in toks[a:n]):
            return None
        return k - 1, k

    def _rest(self, toks: list[_Tok], j: int, n: int, lemma: str, mode: str) -> tuple[int, str, int] | None:
        d = self.d
        if mode == "that":
            found = self._clause_after(toks, j, n)
            far = self._far_that(toks, j, n, lemma)
            if far is not None and (found is None or (found[0] < far and any(
                    toks[m].low in ("who", "which") for m in range(j, found[0])))):
                found = (far, True)
            if found is not None:  # an explicit that/что/що: two words make a clause ("что визит отменен")
                return found[0], "indirect", _MIN_CLAUSE_WORDS if self.d.lang != "en" else _MIN_CONTENT_WORDS
            bare = self._bare_clause(toks, j, n, lemma)
            if bare is not None:
                return bare, "indirect", _MIN_CONTENT_WORDS + 1
            return None
        if mode == "to":
            if d.lang == "en":
                return (j, "indirect", _MIN_TO_CONTENT_WORDS) if j < n and toks[j].low == "to" else None
            for k in range(j, min(n, j + 3)):
                if self._infinitive(toks[k]):
                    return k, "indirect", _MIN_TO_CONTENT_WORDS
                if not toks[k].word:
                    return None
            return None
        if mode == "object_to":
            for k in range(j + 1, min(n, j + 7)):
                t = toks[k]
                if not t.word:
                    break
                if (d.lang == "en" and t.low == "to") or (d.lang != "en" and self._infinitive(t)):
                    return k, "indirect", _MIN_TO_CONTENT_WORDS
            return self._appeal_object(toks, j, n) if d.lang != "en" else None
        if mode == "for":
            if j < n and toks[j].word and toks[j].low not in d.complementizers:
                return j, "indirect", _MIN_TO_CONTENT_WORDS
            return None
        if mode == "naming":
            return (j, "mixed", 2) if self._naming_end(toks, j, n) is not None else None
        if mode == "naming_as":
            return (j, "mixed", 2) if self._as_naming_end(toks, j, n) is not None else None
        return None

    def _appeal_object(self, toks: list[_Tok], j: int, n: int) -> tuple[int, str, int] | None:
        """ru/uk, an ``object_to`` cue with no infinitive: an appeal whose content is a noun phrase after
        :data:`_APPEAL_PREPOSITIONS` (``призвал Россию к диалогу``, ``закликав Росію до діалогу``), the
        preposition opening the content, the words before it the addressee. The noun must be in the case the
        preposition governs (к + dative, до + genitive: not ``до вівторка``, a date, which no noun of
        ``lang/<code>/months.txt`` or ``weekdays.txt`` passes either), and it must name an act
        (:meth:`_names_an_act`: ``призвал журналистов к трибуне`` is no appeal)."""
        preps, case = _APPEAL_PREPOSITIONS.get(self.d.lang, ((), ""))
        for k in range(j, min(n - 1, j + 5)):
            t = toks[k]
            if not t.word:
                return None
            if t.low not in preps:
                continue
            noun = toks[k + 1]
            parses = _parses(noun.low, self.d.lang)
            if noun.word and any(pos in ("NOUN", "ADJF") and case in tag for _nf, pos, tag in parses[:2]) and \
                    not _time_word(noun.low, self.d.lang) and self._names_an_act(toks, k + 1, n):
                return k, "indirect", _MIN_TO_CONTENT_WORDS
            return None
        return None

    def _names_an_act(self, toks: list[_Tok], k: int, n: int) -> bool:
        """The noun phrase from token ``k`` (adjectives first: ``к немедленному прекращению``) ends in a noun that
        names an act (:func:`_act_noun`): ``к диалогу``, not ``к трибуне``."""
        for m in range(k, min(n, k + 4)):
            t = toks[m]
            if not t.word:
                return False
            if any(pos == "NOUN" for _nf, pos, _tag in _parses(t.low, self.d.lang)[:2]):
                return _act_noun(t.low, self.d.lang)
        return False

    def _addressee(self, toks: list[_Tok], j: int, a: int, mode: str, lemma: str) -> tuple[int, int] | None:
        """The addressee tokens ``[s, e)`` between a cue ending at ``j`` and its content starting at ``a``."""
        if mode == "object_to":
            s, e = j, a
            while s < e and not toks[s].word:
                s += 1
            while e > s and not toks[e - 1].word:
                e -= 1
            return (s, e) if e > s else None
        if mode != "that":
            return None
        if self.d.lang == "en":
            if lemma not in self.d.addressee_verbs:
                return None
            e = j
            stop = _EN_NOT_ADDRESSEE | self.d.fillers | self.d.complementizers
            while e < a and toks[e].word and toks[e].low not in stop:
                e += 1
            if e == j or (e - j == 1 and toks[j].low in _EN_DETERMINERS):
                return None
            return j, e
        # ru/uk: a dative noun phrase before any preposition ("журналистам", not "по телевидению")
        for k in range(j, a):
            t = toks[k]
            if not t.word or t.low in self.d.complementizers:
                return None
            if self._has_pos(t, "PREP"):
                return None  # "заявил в интервью РБК, что": a circumstance, and no addressee before the clause
            if self._dative(t):
                e = k + 1
                while e < a and toks[e].word and self._dative(toks[e]):
                    e += 1
                return k, e
        return None

    def _dative(self, tok: _Tok) -> bool:
        parses = _parses(tok.low, self.d.lang)
        if not parses or parses[0][1] not in ("NOUN", "NPRO", "ADJF", ""):
            return False
        return any(pos in ("NOUN", "NPRO", "ADJF") and "datv" in tag for _nf, pos, tag in parses[:2])

    def _naming_end(self, toks: list[_Tok], j: int, n: int) -> int | None:
        """``called the plan "a dead end"``: the closing-mark token of a fragment opened soon after the cue."""
        for k in range(j, min(n, j + 7)):
            t = toks[k]
            if t.text in _OPEN_MARKS and k > j:
                end = self._closing(toks, k, n)
                while end is not None and self.d.lang == "en":
                    # more fragments joined to this one: the naming goes on ("a “nasty guy,” an “anchor baby”")
                    m, words = end + 1, 0
                    while m < n and (toks[m].text == "," or toks[m].low in _EN_FRAGMENT_LINKS) and words <= _MAX_LINK_WORDS:
                        words += toks[m].word
                        m += 1
                    nxt = self._closing(toks, m, n) if m < n and m > end + 1 and toks[m].text in _OPEN_MARKS else None
                    if nxt is None or words > _MAX_LINK_WORDS:
                        break
                    end = nxt
                return end
            if not t.word:
                return None
        return None

    def _as_naming_end(self, toks: list[_Tok], j: int, n: int) -> int | None:
        """``pounded Trump as a “con artist”``: the closing-mark token of a fragment after the object and ``as``.

        English only. After a ``[naming_as]`` cue (``lang/en/reporting.txt``) come an object of at most
        :data:`_MAX_AS_OBJECT_TOKENS` tokens (words and commas: ``Jeb Bush, who ended his bid, as``; none in
        ``is describing as “unhinged”``), the word ``as``, at most a few words, and an opening quotation mark
        (found by :meth:`_naming_end`, so fragments joined by ``and``/``or`` count as one). English news names
        people and things this way as a verdict of the subject's (``described the incident as a “terrible
        situation”``, ``rated 22% of the claims as “entirely true”``); PolNeAR annotates the object with the
        fragment as the content. Without ``as`` and a mark right after it nothing is returned, so ``Trump
        admires Putin`` or ``criticized the plan`` stay out of this rule. Written looking at PolNeAR dev errors
        (fragments that the dependency parse of ``en_core_web_sm`` attached to no verb).
        """
        if self.d.lang != "en":
            return None
        for k in range(j, min(n, j + _MAX_AS_OBJECT_TOKENS + 1)):
            t = toks[k]
            if t.low == "as":
                return self._naming_end(toks, k, n)
            if not t.word and not (t.text in ",%$€£" and k > j):
                return None
        return None

    def _naming_rest(self, toks: list[_Tok], close: int, n: int) -> int:
        """English: the end (char) of a naming quotation whose fragment closes at token ``close``: the rest of
        its clause goes with it (``hailed Trump as “The Comeback Kid” for the business success …``, ``rated 22%
        of the claims as “entirely true” compared to 11% of …``), up to the sentence end, a token of
        :data:`_EN_NAMING_STOPS` (a dash too), a comma outside marks (or one closing the fragment: ``calling
        Christie “Biggest Loser,” the protesters …``), a word of :data:`_EN_NAMING_COMMA_STOPS` right after
        the fragment (``as “Mr. Trump” while …``, ``“self-deportation” which …``), or a
        conjunction before a subject or a verb form of its own (``called her “third-rate” and boycotted …``,
        ``or poking holes``), or a subordinator of :data:`_EN_NAMING_CLAUSE_STOPS` (``because the board …``,
        ``since the spring``). Other languages: the closing mark. Written looking at PolNeAR dev and train
        errors (the gold runs on after the mark in most naming quotations)."""
        end = toks[close].end
        if self.d.lang != "en" or (close > 0 and toks[close - 1].text == ","):
            return end
        k, inside = close + 1, False
        while k < n:
            t = toks[k]
            if t.text in _ALL_MARKS:
                inside = t.text in ("“", "«", "„", "‘") or (t.text in ('"', "''") and not inside)
                k += 1
                continue
            if t.text in _EN_NAMING_STOPS or t.text in _DASHES or t.text == "--" or t.low in _EN_NAMING_CLAUSE_STOPS:
                break
            if not inside:
                if t.text == ",":
                    break
                if t.low in _EN_NAMING_COMMA_STOPS and k == close + 1:
                    break
                nxt = toks[k + 1] if k + 1 < n else None
                if t.low in ("and", "or", "but") and nxt is not None and (
                        nxt.low in _EN_PRONOUNS or nxt.low in _EN_NAMING_COMMA_STOPS
                        or (nxt.low.endswith(("ed", "ing")) and len(nxt.low) > 4)):
                    break
            k += 1
        if self._words(toks, close + 1, k) > 0:
            end = self._trim_end(toks[close].start, toks[k - 1].end)
        return end

    @staticmethod
    def _closing(toks: list[_Tok], k: int, n: int) -> int | None:
        """The token index of the mark closing the one opened at ``k`` (None when none closes it)."""
        closer = _OPEN_MARKS[toks[k].text]
        for m in range(k + 2, n):
            if toks[m].text == closer or (closer == "”" and toks[m].text == '"'):
                return m
        return None

    def _trailing(self, toks: list[_Tok], i: int, j: int, n: int, spk: tuple[int, int] | None,
                  cue: tuple[int, int, str]) -> _Cand | None:
        # the end of the sentence must follow soon and hold no reported clause
        tail = n
        while tail > j and not toks[tail - 1].word:
            tail -= 1
        if tail - j > _MAX_TRAILING_TOKENS:
            return None
        if self.d.lang == "en" and any(toks[m].text in _ALL_MARKS for m in range(j, tail)):
            return None  # "In a tweet on Friday, Warren said “…”": the cue introduces the quotation after it
        # a speaker before the cue (in ru/uk it must stand left of it), else the subject after the cue
        if spk is not None and (self.d.lang == "en" or spk[0] < i):
            a = spk[0]
        else:
            spk = self._subject_right(toks, j, n)
            if spk is None:
                return None
            a = i
        a = self._skip_fillers_left(toks, a) if a == i else a
        k = a
        while k > 0 and not toks[k - 1].word and toks[k - 1].text in _DASHES:
            k -= 1
        if k == 0 or toks[k - 1].text != ",":
            return None
        comma = k - 1
        if self._words(toks, 0, comma) < _MIN_CONTENT_WORDS:
            return None
        start = 0
        while start < comma and not toks[start].word and toks[start].text in _DASHES:
            start += 1
        return _Cand("indirect", toks[start].start, toks[comma].start, toks[a].start, cue, spk, _MIN_CONTENT_WORDS)

    def _parenthetical(self, toks: list[_Tok], i: int, j: int, n: int, spk: tuple[int, int] | None,
                       cue: tuple[int, int, str]) -> _Cand | None:
        """English: an attribution set off by commas inside its sentence, ``Young voters, he said, can
        “change the country.”``: the content is the whole sentence, the attribution included (as PolNeAR
        marks it). The speaker (a pronoun, a mention or a title phrase of at most four words) and the cue
        stand between two commas, after at most :data:`_MAX_PARENTHETICAL_HEAD` words, and at least
        :data:`_MIN_CONTENT_WORDS` words follow, with a quoted fragment among them (a mixed quotation only).
        Written looking at PolNeAR dev errors.
        """
        if self.d.lang != "en" or spk is None or j >= n or toks[j].text != ",":
            return None
        a, b = spk
        if a == 0 or toks[a - 1].text != "," or b - a > 4 or self._words(toks, 0, a - 1) > _MAX_PARENTHETICAL_HEAD:
            return None
        if self._words(toks, 0, a - 1) == 0 or self._words(toks, j + 1, n) < _MIN_CONTENT_WORDS:
            return None
        if any(t.text in _ALL_MARKS or t.text in (";", ":") or t.text in _DASHES for t in toks[:a]):
            return None
        e = self._trim_end(toks[0].start, toks[n - 1].end)
        if self.text[e:toks[n - 1].end].strip(" .!?…") == "" and toks[n - 1].text in _ALL_MARKS:
            e = toks[n - 1].end  # keep a closing mark after the full stop
        if not holds_quotation_mark(self.text[toks[j].end:e], self.d.lang):
            return None  # without a quoted fragment it was measured to lose more than it finds (PolNeAR)
        return _Cand("indirect", toks[0].start, e, -1, cue, spk, _MIN_CONTENT_WORDS, aside=(toks[a - 1].start, toks[j].end))

    # --- results -----------------------------------------------------------------------------------

    def finish(self, cands: list[_Cand]) -> list[Quote]:
        """Resolve overlaps (with direct quotes and among candidates), build the quotes, sorted."""
        cands.sort(key=lambda c: (c.cs, c.ce))
        if self.d.lang == "en":
            cands = self._run_on(cands)
        kept: list[_Cand] = []
        for c in cands:
            # stop before a later attribution standing inside the content ("..., adding that ...")
            for o in cands:
                if o is not c and c.cs < o.lead < c.ce and o.cs >= o.lead:
                    c.ce = self._cut(c.cs, o.lead)
            # stop before a direct quotation, its opening mark included ("Trump boasted, “" is no mixed quotation)
            for bs, be in self.blocked:
                if c.cs < bs < c.ce:
                    while bs > c.cs and (self.text[bs - 1] in _MARK_CHARS or self.text[bs - 1].isspace()):
                        bs -= 1
                    c.ce = self._cut(c.cs, bs)
            if c.ce <= c.cs or self._blocked(c.cs, c.ce) or (c.cue[0], c.cue[1]) in self.taken_cues:
                continue
            if len(re.findall(r"\w+", self.text[c.cs:c.ce])) < c.min_words:
                continue
            if any(k.cs < c.ce and c.cs < k.ce for k in kept):
                continue
            kept.append(c)
        quotes = [self._quote(c) for c in kept]
        quotes.sort(key=lambda q: (q.start, q.end))
        return quotes

    def _run_on(self, cands: list[_Cand]) -> list[_Cand]:
        """English: a content that opens a quotation mark and ends at a sentence end before the mark closes runs
        on to the closing mark (``told Fox that "A. … B."``, ``argues that “A. B. C.”``): the sentence splitter
        cut inside the quotation, PolNeAR marks the whole of it. The closing mark must stand in the same
        paragraph (no line break before it) and no direct quotation may lie between; candidates of the
        sentences swallowed this way (a cue inside the quotation) are dropped. Written looking at PolNeAR dev
        and train errors (the quotation was cut at its first full stop)."""
        zones: list[tuple[int, int]] = []
        for c in cands:
            if any(zs <= c.cs < ze for zs, ze in zones):
                continue
            end = self._quoted_end(c.cs, c.ce)
            if end is not None:
                zones.append((c.ce, end))
                c.ce = end
        if not zones:
            return cands
        return [c for c in cands if not any(zs <= c.cs < ze or zs <= c.lead < ze for zs, ze in zones)]

    def _quoted_end(self, s: int, e: int) -> int | None:
        """The end (past the closing mark) of a quotation opened inside ``text[s:e]`` and not closed there, when
        it closes later in the same paragraph; else None. Straight marks (``"`` and ``''``) open when their
        count is odd; curly ones when more ``“`` than ``”`` stand in the span."""
        text = self.text
        span = text[s:e]
        if span.count("''") % 2 == 1:
            opener, closers = "''", ("''",)
        elif span.replace("''", "").count('"') % 2 == 1:
            opener, closers = '"', ('"', "”")
        elif span.count("“") > span.count("”"):
            opener, closers = "“", ("”", '"')
        else:
            return None
        stop = text.find("\n", e)
        stop = len(text) if stop < 0 else stop
        best = None
        for closer in closers:
            k = text.find(closer, e, stop)
            if k >= 0 and (best is None or k < best[0]):
                best = (k, k + len(closer))
        if best is None:
            return None
        if self._blocked(e, best[1]) or not re.search(r"[.!?…]", text[e:best[0]]):
            return None  # a direct quotation in between, or no sentence end: the clause ended otherwise
        return best[1]

    def _whole_quotation(self, s: int, e: int) -> tuple[int, int] | None:
        """The span inside the marks when ``text[s:e]`` is one quotation and nothing else: it opens with a mark,
        ends with the mark that closes it (a full stop or comma may stand after it) and that mark does not close
        earlier (``“A” and “B”`` is no one quotation). None otherwise."""
        text = self.text
        opener = "''" if text.startswith("''", s) else text[s] if s < e else ""
        closer = _OPEN_MARKS.get(opener)
        if closer is None:
            return None
        end = e
        while end > s and text[end - 1] in ".,;:!?…" and not text[end - 1 - len(closer) + 1:end].endswith(closer):
            end -= 1
        if not text.startswith(closer, end - len(closer)) or end - len(closer) <= s + len(opener):
            return None
        a, b = s + len(opener), end - len(closer)
        if closer in text[a:b]:
            return None
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        return (a, b) if a < b else None

    def _cut(self, s: int, e: int) -> int:
        e = self._trim_end(s, e)
        # drop a dangling conjunction: "... and" / "... и"
        m = re.search(r"(?:\s|,)+(?:and|but|or|и|а|но|і|й|та|але)$", self.text[s:e], re.IGNORECASE)
        if m:
            e = self._trim_end(s, s + m.start())
        return e

    def _quote(self, c: _Cand) -> Quote:
        text = self.text
        kind = c.kind
        if kind == "indirect" and holds_quotation_mark(text[c.cs:c.ce], self.d.lang):
            kind = "mixed"
            # "As X put it, “the plan is dead.”": the content is one quotation, set off by punctuation (after a
            # complementizer it stays mixed, "says that “…”", as PolNeAR and issue 3 have it)
            inner = self._whole_quotation(c.cs, c.ce)
            if inner is not None and complementizer_start(text, c.cs, self.d.lang, c.cue[1]) is None:
                kind = "direct"
                c.cs, c.ce = inner
        if kind == "mixed" and self.d.lang == "en":  # the clause with its complementizer (complementizer_start)
            lead = complementizer_start(text, c.cs, self.d.lang, c.cue[1])
            if lead is not None and not self._blocked(lead, c.cs):
                c.cs = lead
        cue = Cue(c.cue[0], c.cue[1], text[c.cue[0]:c.cue[1]], c.cue[2])
        speaker = None
        if c.speaker is not None:
            speaker = self._speaker(c.speaker)
        addressee = None
        if c.addressee is not None:
            addressee = self._addressee_speaker(c.addressee)
        parts: tuple[tuple[int, int], ...] = ()
        if c.aside is not None and c.cs < c.aside[0] and c.aside[1] < c.ce:
            # "Young voters, he said, can “…”": the content in two pieces around its attribution
            b = self._trim_end(c.cs, c.aside[0])
            a = c.aside[1]
            while a < c.ce and text[a].isspace():
                a += 1
            if c.cs < b and a < c.ce:
                parts = ((c.cs, b), (a, c.ce))
        return Quote(kind, c.cs, c.ce, text[c.cs:c.ce], speaker=speaker, cue=cue,  # type: ignore[arg-type]
                     addressee=addressee, parts=parts)

    def _addressee_speaker(self, span: tuple[int, int]) -> Speaker:
        s, e = span
        m = self._mention_at(s, e, ("PER", "ORG", "LOC", "MISC"))
        if m is not None:
            return Speaker(s, e, self.text[s:e], m.key, m.name or m.lemma)
        return Speaker(s, e, self.text[s:e])

    def _speaker(self, span: tuple[int, int]) -> Speaker | None:
        s, e = span
        m = self._mention_at(s, e)
        words = self.text[s:e]
        if m is not None:
            return Speaker(s, e, words, m.key, m.name or m.lemma)
        if words.lower() in self.d.pronouns and self.d.pronouns[words.lower()] != "plur":
            gender = self.d.pronouns[words.lower()]
            prev = [x for x in self.entities if x.label == "PER" and x.end <= s
                    and _gender_of(x.name or x.lemma or x.text, self.d.lang) in (None, gender, "")]
            if self.d.lang == "en":  # not the subject of a clause after "that", "whether" ... when another one agrees
                prev = [x for x in prev if not _after_subordinator(self.text, x.start)] or prev
            if prev:
                p = prev[-1]
                return Speaker(s, e, words, p.key, p.name or p.lemma)
        if self.d.lang == "en" and words.lower() == "it":
            # "It said that “…”" (see _it_subject): the organisation named last before it, not far back
            orgs = [x for x in self.entities if x.label == "ORG" and x.end <= s and s - x.end <= _IT_ORG_CHARS]
            if orgs:
                return Speaker(s, e, words, orgs[-1].key, orgs[-1].name or orgs[-1].lemma)
        p = self._apposed_person(e) or self._titled_person(s, words)
        if p is not None:
            return Speaker(s, e, words, p.key, p.name or p.lemma)
        return Speaker(s, e, words)

    def _apposed_person(self, e: int) -> Mention | None:
        """The person named in apposition right after the speaker words (``The Secretary-General, Anna
        Lindqvist, said``, ``Речниця МЗС, Олена Коваль, заявила``): a PER mention between two commas."""
        m = re.match(r"\s*,\s*", self.text[e:])
        if m is None:
            return None
        start = e + m.end()
        k = bisect_left(self._entity_starts, start)
        if k < len(self.entities):
            cand = self.entities[k]
            if cand.start == start and cand.label == "PER" and self.text[cand.end : cand.end + 1] == ",":
                return cand
        return None

    def _titled_person(self, s: int, words: str) -> Mention | None:
        return titled_person(self.text, self.entities, s, words, self.d.lang)


def titled_person(text: str, entities: Sequence[Mention], s: int, words: str, lang: str) -> Mention | None:
    """The person a definite title names (``The Secretary-General added that``, ``генсек заявил, что``).

    Args:
        text: the article text.
        entities: its mentions, sorted by start.
        s: where the title phrase starts (half-open offsets into ``text``).
        words: the title phrase as written (``The senator``).
        lang: ``en``, ``ru`` or ``uk``.

    Returns:
        The nearest PER mention before ``s`` introduced with that title in the 60 characters before it
        (``NATO Secretary General Jens Stoltenberg``, ``Генеральный секретарь НАТО Йенс Столтенберг``), the
        title compared by stem (its last two letters may differ: case endings), a hyphen read as a space, a
        short title through the title it abbreviates (``генсек`` -> ``секретарь``). English needs ``the``
        (``a spokesman`` names nobody). None when no such person is named before.
    """
    d = _load(lang)
    low = words.lower()
    if lang == "en" and not low.startswith("the "):
        return None
    title = next((w for w in re.findall(r"[\w'-]+", low) if w in d.titles
                  or any(w.startswith(t) and len(w) - len(t) <= 2 for t in d.titles)), None)
    if title is None:
        return None
    head = d.roles.get(title, title)
    stem = head.replace("-", " ")
    stem = stem[:-2] if lang != "en" and len(stem) > 5 else stem
    for m in reversed(entities):
        if m.label == "PER" and m.end <= s:
            before = text[max(0, m.start - 60):m.start].lower().replace("-", " ").replace("‑", " ")
            if re.search(rf"(?<!\w){re.escape(stem)}", " ".join(before.split())):
                return m
    return None


@lru_cache(maxsize=None)
def _en_subordinators() -> frozenset[str]:
    """The ``[before]`` words of ``lang/en/subordinators.txt`` (``that``, ``whether``, ``because`` ...)."""
    words: set[str] = set()
    section = "before"
    for line in load_list("en", "subordinators"):
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "before":
            words.add(line.lower())
    return frozenset(words)


_SUBORDINATOR_RE = re.compile(r"([^\W\d_]+)[\s,]*$")


def _after_subordinator(text: str, start: int) -> bool:
    """English: the word right before ``start`` (spaces and a comma between) opens a subordinate clause
    (``denied that Morales was ...``), so a person named at ``start`` is no main-clause subject a
    later pronoun refers back to (the rule of ``newsdesk.nlp.quotes._Run._subordinate_en``)."""
    m = _SUBORDINATOR_RE.search(text[max(0, start - 40) : start])
    return m is not None and m.group(1).lower() in _en_subordinators()


@lru_cache(maxsize=10_000)
def _gender_of(name: str, lang: str) -> str | None:
    """``masc``/``femn`` of a person's name, None when unknown: the given name in English
    (``lang/en/gendered_first_names.txt``), pymorphy3's first-name and then surname tags in Russian and
    Ukrainian (``Олена`` femn, ``Песков`` masc)."""
    from newsdesk.nlp.quotes import _load, _slavic_name_gender

    if lang == "en":
        words = name.split()
        return _load("en").first_names.get(words[0].lower()) if words else None

    first, surname = _slavic_name_gender(name, lang)
    return first or surname


_COLON_OPENING = re.compile(r"\s*:\s*[«\"“„‘'‹]?\s*")


def lend_speakers(text: str, quotes: Sequence[Quote]) -> list[Quote]:
    """Give a direct quotation with no speaker the source of the paraphrase its colon ends.

    News paraphrase a source and then quote them after a colon, with no cue of the quotation's own:
    ``По мнению Ирины, государство не скоро доберется до рынка: «Если уж ...»``, ``He argued that the rules were
    clear: "Nobody ..."``. A direct quotation without a speaker whose opening mark follows, after nothing but the
    colon and spaces, the end of an indirect or mixed quotation with a speaker takes that speaker and cue.

    Args:
        text: the article body the quotations point into.
        quotes: the document's quotations (direct and reported), any order.

    Returns:
        The quotations in the same order, those so attributed replaced.
    """
    attributed = sorted((q for q in quotes if q.kind in ("indirect", "mixed") and q.speaker is not None),
                        key=lambda q: q.end)
    ends = [q.end for q in attributed]
    out = []
    for q in quotes:
        if q.kind == "direct" and q.speaker is None:
            k = bisect_left(ends, q.start + 1) - 1  # the nearest paraphrase ending before the quotation
            if k >= 0 and _COLON_OPENING.fullmatch(text[attributed[k].end : q.start]):
                q = replace(q, speaker=attributed[k].speaker, cue=attributed[k].cue)
        out.append(q)
    return out
