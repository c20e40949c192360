"""Statements: a CAMEO top-level type, actor and target for every quotation (issue 3).

Each quotation becomes one :class:`~newsdesk.model.Statement`:

* **type** from the cue lemma (``called on``/``urged`` -> APPEAL,
  ``demanded`` -> DEMAND, ``condemned`` -> DISAPPROVE, ``rejected``/``refused``
  -> REJECT, ``threatened`` -> THREATEN, ``proposed``/``suggested`` -> PROPOSE,
  ``offered``/``promised``/``agreed`` -> EXPRESS_INTENT_TO_COOPERATE); a
  warning is a threat when its content speaks of a consequence to come
  (``warned that ... would``). When the cue is neutral (``said``) or missing,
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

Not covered: events outside quotations (a headline's ``NATO responded to
Russia's demand``), negation (``did not reject``), CAMEO second-level codes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsdesk.errors import ConfigError
from newsdesk.lang import load_list, normalize_lang
from newsdesk.model import CAMEO_CODES, Mention, Quote, Statement, StatementType
from newsdesk.nlp.morph import get_morph

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


def _load(lang: str) -> _Data:
    cues: dict[str, StatementType] = {}
    warnings: dict[str, StatementType] = {}
    content: list[tuple[_Phrase, StatementType]] = []
    modals: list[tuple[_Phrase, StatementType]] = []
    future: list[_Phrase] = []
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
    return _Data(cues, warnings, tuple(content), tuple(modals), tuple(future))


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    if lang == "en":
        return word
    parses = get_morph(lang).parse(word)
    return parses[0].normal_form if parses else word


_SUBJECT_WINDOW_CHARS = 200


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

    def _statement(self, text: str, index: int, quote: Quote, mentions: list[Mention]) -> Statement:
        speaker = quote.speaker
        actor_key = speaker.key if speaker else None
        actor_name = (speaker.name or speaker.text or None) if speaker else None
        words = self._words(text, quote)
        lemma = quote.cue.lemma.lower() if quote.cue else ""
        kind: StatementType | None = self.data.cues.get(lemma)
        modal_subject: Mention | None = None
        if kind is None and lemma in self.data.warnings:
            if any(self._at(words, i, f) for i in range(len(words)) for f in self.data.future):
                kind = self.data.warnings[lemma]
        if kind is None:
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
