"""Statements: a CAMEO top-level type, actor and target for every quotation (issue 3).

Each quotation becomes one :class:`~newsdesk.model.Statement`:

* **type** from the cue lemma (``called on``/``urged`` -> APPEAL,
  ``demanded`` -> DEMAND, ``condemned`` -> DISAPPROVE, ``rejected``/``refused``
  -> REJECT, ``threatened`` -> THREATEN, ``proposed``/``suggested`` -> PROPOSE,
  ``offered``/``promised``/``agreed`` -> EXPRESS_INTENT_TO_COOPERATE); a
  warning is a threat when its content speaks of a consequence to come
  (``warned that ... would``); a naming cue (``called the plan “a dead end”``,
  ``назвал заявление «абсурдом»``) whose content holds a verdict of blame is
  DISAPPROVE. When the cue is neutral (``said``) or missing,
  the earliest content cue decides: a first-person speech act (``we
  condemn``), a phrase (``ready to``, ``serious consequences``) or a modal
  after an entity (``Russia should ...`` -> APPEAL to Russia, ``Russia must
  ...`` -> DEMAND of Russia); otherwise the statement is a neutral STATEMENT
  (CAMEO 01).
* **actor**: the speaker's entity (key and name); the speaker's words as the
  name when they resolve to none.
* **target**: the quotation's addressee; else the entity before a modal that
  decided the type; else, for every type but STATEMENT, the first entity named
  in the content that is not the actor.
* **evidence**: from the cue to the content (whichever starts first to
  whichever ends last).

Types and codes follow the top level of the CAMEO codebook v1.1b3 (Schrodt
2012); see :data:`newsdesk.model.StatementType` for PROPOSE (a part of 02).
The cue and content words are data: ``lang/<code>/statements.txt`` (sections
documented in ``lang/en/statements.txt``). Languages: en, ru, uk; Russian and
Ukrainian words match by pymorphy3 lemma (:mod:`newsdesk.nlp.morph`).

Speech acts named by a noun outside any quotation (a headline's ``NATO
responded to Russia's demand``) are found by :meth:`StatementClassifier.events`.
A cue denied by a negation word just before it (``did not call on``, ``не
призвал``, ``не закликав``; ``[negation]`` in ``statements.txt``) makes a
neutral STATEMENT: the article reports that the act did not happen. Not
covered: negation inside the content, CAMEO second-level codes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsdesk.errors import ConfigError
from newsdesk.lang import load_list, normalize_lang
from newsdesk.model import CAMEO_CODES, Mention, Quote, Span, Statement, StatementType
from newsdesk.nlp.morph import get_morph
from newsdesk.nlp.reported import _sections

__all__ = ["StatementClassifier", "load_statement_classifier"]

_WORD_RE = re.compile(r"[^\W_]+(?:['’ʼ\-][^\W_]+)*|\S")
_Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Data:
    cues: dict[str, StatementType]  # cue lemma -> type
    warnings: dict[str, StatementType]  # cue lemma -> type when the content holds a future word
    content: tuple[tuple[_Phrase, StatementType], ...]
    modals: tuple[tuple[_Phrase, StatementType], ...]
    future: tuple[_Phrase, ...]
    nouns: dict[str, StatementType]  # noun (ru, uk: lemma) naming a speech act -> type
    responses: tuple[_Phrase, ...]  # "responded to", "in response to"
    verdicts: tuple[tuple[_Phrase, StatementType], ...] = ()  # "dead end": a naming cue's verdict of blame
    naming: frozenset[str] = frozenset()  # cue lemmas that name an object with a quoted fragment (reporting.txt)
    negation: frozenset[str] = frozenset()  # "not", "не": before the cue, the act did not happen
    negation_exceptions: frozenset[str] = frozenset()  # "only": "not only urged" asserts the act


def _load(lang: str) -> _Data:
    cues: dict[str, StatementType] = {}
    warnings: dict[str, StatementType] = {}
    content: list[tuple[_Phrase, StatementType]] = []
    modals: list[tuple[_Phrase, StatementType]] = []
    future: list[_Phrase] = []
    nouns: dict[str, StatementType] = {}
    responses: list[_Phrase] = []
    verdicts: list[tuple[_Phrase, StatementType]] = []
    negation: set[str] = set()
    negation_exceptions: set[str] = set()
    section, kind = "", None
    for line in load_list(lang, "statements"):
        if line.startswith("[") and line.endswith("]"):
            section, _, name = line[1:-1].partition(" ")
            kind = name.strip() or None
            if kind is not None and kind not in CAMEO_CODES:
                raise ConfigError(f"lang/{lang}/statements.txt: unknown statement type {kind!r} in [{line[1:-1]}]")
            continue
        entry = line.lower()
        phrase = tuple(entry.replace("’", "'").split())
        if section == "cue" and kind:
            cues[entry] = kind  # type: ignore[assignment]
        elif section == "warning" and kind:
            warnings[entry] = kind  # type: ignore[assignment]
        elif section == "content" and kind:
            content.append((phrase, kind))  # type: ignore[arg-type]
        elif section == "modal" and kind:
            modals.append((phrase, kind))  # type: ignore[arg-type]
        elif section == "future":
            future.append(phrase)
        elif section == "noun" and kind:
            nouns[entry] = kind  # type: ignore[assignment]
        elif section == "response":
            responses.append(phrase)
        elif section == "verdict" and kind:
            verdicts.append((phrase, kind))  # type: ignore[arg-type]
        elif section == "negation":
            negation.add(entry.replace("’", "'"))
        elif section == "negation_exception":
            negation_exceptions.add(entry)
    return _Data(cues, warnings, tuple(content), tuple(modals), tuple(future), nouns, tuple(responses),
                 tuple(verdicts), _naming_cues(lang), frozenset(negation), frozenset(negation_exceptions))


def _naming_cues(lang: str) -> frozenset[str]:
    """The lemmas of the ``[naming]`` section of ``lang/<code>/reporting.txt`` (``call``, ``назвать``): the verbs
    the quotation finders read as naming an object with a quoted fragment (``dub: dubbed`` -> ``dub``)."""
    return frozenset(line.split(":", 1)[0].strip().lower() for line in _sections(lang).get("naming", ()))


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    if lang == "en":
        return word
    parses = get_morph(lang).parse(word)
    return parses[0].normal_form if parses else word


_SUBJECT_WINDOW_CHARS = 200

_NEGATION_WINDOW_WORDS = 3
"""How many words before a cue (in its clause) may deny it: ``did not call on``, ``has not yet urged``,
``так и не призвал``."""


def _by_first_word(phrases):
    """Index ``(phrase, kind)`` pairs by their first word, keeping each pair's place in the data file."""
    index: dict[str, list] = {}
    for order, (phrase, kind) in enumerate(phrases):
        index.setdefault(phrase[0], []).append((order, phrase, kind))
    return index


def _candidates(index, word: "_Word") -> list:
    """The phrases that may start at ``word`` (by its form or its lemma), in data-file order."""
    found = index.get(word.low, [])
    if word.lemma != word.low:
        found = sorted(found + index.get(word.lemma, []), key=lambda item: item[0])
    return [(phrase, kind) for _, phrase, kind in found]


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    low: str
    lemma: str


class StatementClassifier:
    """Gives every quotation a statement: CAMEO type, actor, target and evidence span.

    Args:
        lang: ISO 639-1 code: ``en``, ``ru`` or ``uk`` (``ua`` accepted).

    Raises:
        ConfigError: the language is not supported, or its
            ``statements.txt`` names a type that is not a statement type.

    Call it as ``classifier(text, quotes, entities)`` with the article text,
    its quotations (``Article.quotes``, in order) and its linked entity
    mentions; it returns one :class:`~newsdesk.model.Statement` per
    quotation, in the order of ``quotes``, ``quote_index`` pointing back into
    ``quotes``, offsets half-open into ``text``.
    """

    def __init__(self, lang: str) -> None:
        self.lang = normalize_lang(lang)
        self.data = _load(self.lang)
        self._content = _by_first_word(self.data.content)
        self._modals = _by_first_word(self.data.modals)
        self._verdicts = _by_first_word(self.data.verdicts)

    def __call__(self, text: str, quotes: Sequence[Quote], entities: Sequence[Mention]) -> list[Statement]:
        """Return the statements of ``quotes`` (see the class docstring)."""
        mentions = sorted(entities, key=lambda m: (m.start, m.end))
        starts = [m.start for m in mentions]

        def near(quote: Quote) -> list[Mention]:
            # only mentions inside the quote or just before it can be its modal subject or object: a window
            # keeps the work per quote constant, so a long document costs linear time
            lo = bisect_left(starts, quote.start - _SUBJECT_WINDOW_CHARS)
            return mentions[lo:bisect_right(starts, quote.end)]

        return [self._statement(text, i, q, near(q)) for i, q in enumerate(quotes)]

    # --- one quotation ---------------------------------------------------------------------------

    def _words(self, text: str, quote: Quote) -> list[_Word]:
        pieces = quote.parts or ((quote.start, quote.end),)
        words = []
        for s, e in pieces:
            for m in _WORD_RE.finditer(text, s, e):
                low = m.group().lower().replace("’", "'")
                words.append(_Word(m.start(), m.end(), low, _lemma(low, self.lang)))
        return words

    @staticmethod
    def _at(words: list[_Word], i: int, phrase: _Phrase) -> bool:
        if i + len(phrase) > len(words):
            return False
        return all(words[i + k].low == w or words[i + k].lemma == w for k, w in enumerate(phrase))

    def _from_content(
        self, text: str, words: list[_Word], mentions: list[Mention], actor_key: str | None
    ) -> tuple[StatementType, Mention | None] | None:
        """The earliest content cue: ``(type, modal subject or None)``, or None."""
        for i, word in enumerate(words):
            for phrase, kind in _candidates(self._content, word):
                if self._at(words, i, phrase):
                    return kind, None
            for phrase, kind in _candidates(self._modals, word):
                if not self._at(words, i, phrase):
                    continue
                subject = [m for m in mentions if m.end <= word.start and not text[m.end:word.start].strip()]
                if subject and subject[-1].key != actor_key:
                    return kind, subject[-1]
        return None

    def _verdict(self, words: list[_Word]) -> StatementType | None:
        """The type of the first ``[verdict]`` phrase in a naming quotation's words (``a dead end``), or None."""
        for i, word in enumerate(words):
            for phrase, kind in _candidates(self._verdicts, word):
                if self._at(words, i, phrase):
                    return kind
        return None

    def _negated(self, text: str, cue_start: int) -> bool:
        """Whether the act of the cue at ``cue_start`` is denied: exactly one ``[negation]`` word stands among
        the :data:`_NEGATION_WINDOW_WORDS` words before the cue, in its clause, and no ``[negation_exception]``
        word follows it. Denied: ``did not call on``, ``didn't urge``, ``never threatened``, ``cannot urge``, ``не
        призвал``, ``так і не закликав``. Asserted: ``not only urged``, ``did not hesitate to call on``, ``не раз
        призывал``, ``не случайно призвал``, and two negations (``не мог не призвать``, ``не міг не закликати``).
        """
        if not self.data.negation:
            return False
        before = [m.group().lower().replace("’", "'") for m in _WORD_RE.finditer(text, max(0, cue_start - 60),
                                                                                    cue_start)]
        window = before[-_NEGATION_WINDOW_WORDS:]
        clause = next((k + 1 for k in range(len(window) - 1, -1, -1) if not window[k][:1].isalpha()), 0)
        window = window[clause:]  # a comma or other mark closes the cue's clause
        denials = [k for k, word in enumerate(window)
                   if word in self.data.negation or (word.endswith("n't") and "n't" in self.data.negation)]
        if len(denials) != 1:
            return False
        after = window[denials[0] + 1] if denials[0] + 1 < len(window) else ""
        return after not in self.data.negation_exceptions

    def _statement(self, text: str, index: int, quote: Quote, mentions: list[Mention]) -> Statement:
        speaker = quote.speaker
        actor_key = speaker.key if speaker else None
        actor_name = (speaker.name or speaker.text or None) if speaker else None
        words = self._words(text, quote)
        lemma = quote.cue.lemma.lower() if quote.cue else ""
        negated = quote.cue is not None and self._negated(text, quote.cue.start)
        kind: StatementType | None = None if negated else self.data.cues.get(lemma)
        modal_subject: Mention | None = None
        if kind is None and not negated and lemma in self.data.warnings:
            if any(self._at(words, i, f) for i in range(len(words)) for f in self.data.future):
                kind = self.data.warnings[lemma]
        if kind is None and not negated and lemma in self.data.naming:
            kind = self._verdict(words)
        if kind is None and not negated:
            found = self._from_content(text, words, mentions, actor_key)
            if found is not None:
                kind, modal_subject = found
        kind = kind or "STATEMENT"

        target_key = target_name = None
        if quote.addressee is not None:
            target_key = quote.addressee.key
            target_name = quote.addressee.name or quote.addressee.text or None
        elif modal_subject is not None:
            target_key, target_name = modal_subject.key, modal_subject.name or modal_subject.lemma
        elif kind != "STATEMENT":
            obj = self._object(quote, mentions, actor_key)
            if obj is not None:
                target_key, target_name = obj.key, obj.name or obj.lemma

        start, end = quote.start, quote.end
        if quote.cue is not None:
            start, end = min(start, quote.cue.start), max(end, quote.cue.end)
        return Statement(kind, CAMEO_CODES[kind], actor_key, actor_name, target_key, target_name, index,
                         start, end, text[start:end])

    # --- speech acts named by a noun, outside quotations ----------------------------------------------

    def events(
        self, text: str, sentences: Sequence[Span], entities: Sequence[Mention], title: str | None = None
    ) -> list[Statement]:
        """Statements named by a noun in the headline and the body: ``NATO responded to Russia's demand`` ->
        DEMAND by Russia with NATO as target.

        A noun of a ``[noun TYPE]`` section of ``statements.txt`` makes a
        statement when it has an actor, the entity whose act it names
        (``Russia's demand``, ``the demand ... from Russia``, ``требование
        России``, ``вимога Росії``), and either a response phrase before it in
        the same sentence (``[response]``: its subject is the target, or for
        ``in response to`` the sentence's first organisation) or, in English,
        a complement that states the act (``Russia's demand that ...``,
        ``Russia's call to ...``). So ``China's demand for oil`` is no
        statement.

        Args:
            text: the article body.
            sentences: its sentence spans.
            entities: its linked entity mentions (offsets into ``text``).
            title: the headline, searched with the entities of the body
                (their surface forms and lemmas found again in it).

        Returns:
            Statements with ``quote_index`` None, in order (the title's first,
            with ``field="title"`` and offsets into ``title``).
        """
        out: list[Statement] = []
        if title:
            forms = {}
            for m in entities:
                for form in {m.text, m.lemma}:
                    if form and len(form) > 1:
                        forms.setdefault(form, m)
            found = []
            for form, m in forms.items():
                if form not in title:
                    continue  # the pattern is the literal form: no need to compile it (one per entity form)
                for hit in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", title):
                    found.append(Mention(hit.start(), hit.end(), hit.group(), m.label, m.lemma, m.key, m.name))
            found.sort(key=lambda m: (m.start, -m.end))
            kept: list[Mention] = []
            for m in found:
                if not kept or m.start >= kept[-1].end:
                    kept.append(m)
            out.extend(self._events_in(title, 0, len(title), kept, "title"))
        mentions = sorted(entities, key=lambda m: m.start)
        starts = [m.start for m in mentions]
        for sent in sentences:
            inside = mentions[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            if inside:
                out.extend(self._events_in(text, sent.start, sent.end, inside, "text"))
        return out

    def _events_in(self, text: str, lo: int, hi: int, mentions: list[Mention], field: str) -> list[Statement]:
        words = []
        for m in _WORD_RE.finditer(text, lo, hi):
            low = m.group().lower().replace("’", "'")
            words.append(_Word(m.start(), m.end(), low, _lemma(low, self.lang)))
        out = []
        for i, word in enumerate(words):
            kind = self.data.nouns.get(word.low) or self.data.nouns.get(word.lemma)
            if kind is None:
                continue
            actor = self._event_actor(text, words, i, mentions)
            if actor is None:
                continue
            response = self._response_before(words, i)
            target = None
            if response is not None:
                j, phrase = response
                before = [m for m in mentions if m.end <= words[j].start and m.key != actor.key]
                if phrase[0] in ("in", "в", "у"):
                    orgs = [m for m in before if m.label == "ORG"]
                    target = (orgs or before or [None])[0]
                elif before and len(_WORD_RE.findall(text[before[-1].end : words[j].start])) <= 3:
                    target = before[-1]
            elif not (self.lang == "en" and i + 1 < len(words) and words[i + 1].low in ("that", "to")):
                continue
            start = min(word.start, actor.start, words[response[0]].start if response else word.start)
            end = max(word.end, actor.end)
            out.append(Statement(
                kind, CAMEO_CODES[kind], actor.key, actor.name or actor.lemma,
                target.key if target else None, (target.name or target.lemma) if target else None,
                None, start, end, text[start:end], field,  # type: ignore[arg-type]
            ))
        return out

    def _event_actor(self, text: str, words: list[_Word], i: int, mentions: list[Mention]) -> Mention | None:
        """Whose act the noun at ``i`` names: ``X's [adjective] noun``, ``noun ... from/by X``, ``noun X-gen``."""
        if self.lang == "en":
            for k in (i - 1, i - 2):
                if k >= 0 and words[k].low.endswith("'s"):
                    owner = next((m for m in mentions if m.end == words[k].end - 2), None)
                    if owner is not None:
                        return owner
                    break
            for k in range(i + 1, min(len(words), i + 10)):
                if words[k].low in ("from", "by") and k + 1 < len(words):
                    nxt = words[k + 1].start if words[k + 1].low != "the" or k + 2 >= len(words) else words[k + 2].start
                    found = next((m for m in mentions if m.start in (words[k + 1].start, nxt)), None)
                    if found is not None:
                        return found
                if words[k].low in (".", ";") or self.data.nouns.get(words[k].low):
                    break
            return None
        end = words[min(len(words) - 1, i + 2)].end
        return next((m for m in mentions if words[i].end < m.start < end), None)

    def _response_before(self, words: list[_Word], i: int) -> tuple[int, _Phrase] | None:
        for j in range(i - 1, max(-1, i - 6), -1):
            for phrase in self.data.responses:
                if self._at(words, j, phrase) and j + len(phrase) <= i:
                    return j, phrase
        return None

    @staticmethod
    def _object(quote: Quote, mentions: list[Mention], actor_key: str | None) -> Mention | None:
        """The first entity named in the content that is not the speaker."""
        pieces = quote.parts or ((quote.start, quote.end),)
        sp = quote.speaker
        for m in mentions:
            if not any(s <= m.start and m.end <= e for s, e in pieces):
                continue
            if sp is not None and m.start < sp.end and sp.start < m.end:
                continue
            if actor_key is not None and m.key == actor_key:
                continue
            return m
        return None


def load_statement_classifier(lang: str) -> StatementClassifier:
    """Return the process-wide :class:`StatementClassifier` for ``lang`` (loaded once; ``ua`` gives the ``uk`` one).

    Raises:
        ConfigError: the language is not supported.
    """
    return _classifier(normalize_lang(lang))


@lru_cache(maxsize=None)
def _classifier(lang: str) -> StatementClassifier:
    return StatementClassifier(lang)
