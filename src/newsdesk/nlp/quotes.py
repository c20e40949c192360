"""Direct quotations and their speakers, for English, Russian and Ukrainian.

The stage runs after sentences and entity mentions exist. It pairs quotation
marks, finds the speech cue and the speaker (the *source*) next to each pair,
and returns :class:`~newsdesk.model.Quote` records whose content span is what
lies between the marks, the marks excluded and punctuation inside them kept
(``“We are ready,” he said`` -> ``We are ready,``: the convention of PolNeAR
and PARC, so spans compare exactly with those corpora)::

    finder = QuoteFinder("ru")                    # loads the language data once
    quotes = finder(text, sentences, mentions)    # pure: no state between calls

How it works, in four steps:

1. **Marks.** Every quotation mark of the three languages is read, language
   independent, because real text mixes conventions (English pages quote
   translations in « », Russian text uses “ ” and „ “): ``“ ”``, ``" "``,
   ``« »``, ``„ “``, ``„ ”``, ``‘ ’``, ``‚ ‘``, ``‹ ›``, ``' '`` and doubled
   apostrophes ``''`` (read as ``"``). Whether an ambiguous mark opens or
   closes is decided by its neighbours, with the left/right-flanking rule of
   CommonMark (a mark followed by a word and preceded by a space or
   punctuation opens; one preceded by a word and followed by a space or
   punctuation closes). ``’`` and ``'`` between two letters (``Russia’s``,
   ``NATO’s``) are apostrophes, and a closing ``’`` with no single opening
   mark before it is a possessive (``countries’ consent``): neither is ever
   a mark. A mark that starts its paragraph with a space after it (``” …
   what I learned …,” he said``) opens: there it can close nothing (English
   news; written looking at PolNeAR dev errors). Marks are paired with a stack per paragraph (paragraphs are
   separated by line breaks); unbalanced marks never raise and never stop the
   document: an unmatched mark only loses itself.
2. **Candidates.** The outermost pairs are candidate quotations (a pair
   inside an accepted quotation is part of it). Three repairs follow the
   conventions of news text:

   * a quotation that runs over several paragraphs repeats the opening mark
     on each paragraph and closes only on the last; it is one quotation (the
     content span then includes the paragraph breaks and the repeated marks;
     ``Quote.parts`` holds one piece per paragraph, without the line break
     and the repeated mark, as PolNeAR cuts such contents).
     An unclosed opening mark followed, at most
     three paragraphs on (``_MAX_JOINED_PARAGRAPHS``), by a closing mark that
     never opened is one quotation too (text with one sentence per line).
     Both need at least four words (``_MIN_CONTINUED_WORDS``) in the first
     paragraph, so a stray mark before a term (``called it «ошибкой.``)
     does not swallow the next paragraph;
   * a closing mark with no opening mark (the opening mark was lost, as in the
     project's seed document) starts its content at the start of its
     paragraph, or after the previous quotation in that paragraph
     (``opening_mark_missing=True``);
   * an opening mark that never closes runs to the end of its paragraph
     (``closing_mark_missing=True``), but not past the sentence before the
     next opening mark that never closes (``said “no more delays. Officials
     said “were stalled.`` is two quotations), and only through its first
     sentence when the rest of the paragraph holds over
     ``_MAX_UNCLOSED_WORDS`` words (one stray mark does not swallow a
     paragraph-less article).

   Repaired candidates (the last two) are kept only when a cue attributes
   them.

   Russian and Ukrainian also quote without marks, with dialogue dashes: a
   paragraph that opens with a dash (``—``, ``–``, or ``-`` and a space)
   not followed by a mark is a candidate from after the dash to the end of
   the paragraph (``— Мы готовы к переговорам, — заявил Дмитрий Песков.``).
   It is cut at its ``, —`` attribution like a quotation with an embedded
   cue (below), what follows the cue after a dash is a second part (``—
   …, — заявил он. — Но …``), and it is kept only when a cue attributes
   it, so list items and interview lines without a cue are not quotations.
3. **Attribution.** A cue is a verb of speaking from ``lang/<code>/cues.txt``
   (every inflected form is matched: English forms are generated, Russian and
   Ukrainian forms come from pymorphy3 lexemes, with lemmatisation as a
   fallback). It is looked for, in this order:

   * right after the closing mark, in the same sentence, with at most a few
     speaker words before it (an apposition between commas may follow the
     name): ``"…," he said``, ``“…”, Stoltenberg has stated``, ``«…», —
     заявила министр Анна Ковальчук``, ``"…" — сказала она``. Not when the
     content ends with a full stop (``“….” She says`` starts a new sentence),
     and a cue right after the mark with no punctuation between is the
     quotation's own verb (``the “plan” suggests``), not an attribution;
   * inside the quotation, set off by dashes, the Russian and Ukrainian way:
     ``«…, — пояснил он, — …»`` gives two quotations with one cue;
   * before the opening mark, ending with ``:`` (up to
     eight words between cue and colon), ``,`` or a
     dash (up to three), or touching the mark:
     ``He said: “…”``, ``Он заявил: «…»``, ``"…," he said, "…"``; a cue that
     ends the previous paragraph with a colon also counts;
   * a quotation with no cue of its own continues the attributed quotation
     before it in the same paragraph (``“…,” he said. “…”``), or the one
     ending the previous paragraph when it opens its own paragraph;
   * Russian/Ukrainian: a sentence opening with a source phrase (``=`` in
     cues.txt: ``По словам X, «…».``, ``За словами X, «…».``, ``по
     заявлению``) or with ``как``/``як`` and a cue (``Как сообщил X, «…».``)
     attributes a quotation that takes the rest of the sentence after a
     comma; it is direct even when it opens lower-case (see
     :meth:`_Run._source_phrase`). Multi-word cues whose first word is no
     verb inflect the verb inside (``таку заяву зробив``, ``с таким
     заявлением выступил``);
   * with no cue at all, a byline after a dash names the speaker
     (``“…” ― Albert Einstein``, or ``― Name`` on the next line); the
     quotation then has a speaker and no cue (see :meth:`_Run._byline`).

   English cue forms are verbs only where they stand as verbs: a capitalised
   form inside the attribution (``Secretary of State Antony Blinken said``,
   ``State Department spokesman``) or a form inside an entity mention (``the
   United States said``) is a word of a name; after the base form (``state
   news agency KCNA reported``) a later cue before any comma wins.

   Transcripts: a paragraph ``NAME: words`` (a name of one to three words in
   upper case, or in Title Case when it is a person mention or a speaker
   title, then a colon) is a quotation of NAME with no cue, when the
   document has at least two such lines (``WALLACE: …``, ``ПЕСКОВ: …``);
   labels marked ``%`` in cues.txt (``UPDATE:``, ``ФОТО:``) name nobody.

   A quotation interrupted by its attribution is **one** quotation in
   several parts: ``“The media is against me,” he said. “They are against
   you.”`` gives one Quote whose ``start``/``end``/``text`` run from the first
   part to the last (the attribution included) and whose ``parts`` are the
   two pieces inside the marks; speaker and cue are the interrupting ones.
   Parts join when they carry the same cue, the cue sits between them, the
   first part's sentence goes on (``,`` or a dash before the cue, no ``.``
   ``!`` ``?`` at its end) and no word stands between the attribution and
   the second part (which may open the next paragraph). The same holds for
   ``«…, — сказал он, — …»`` and dialogue lines ``— …, — сказал он. — …``, so
   a story counts the same quotations in en, ru and uk. Two cues make two
   quotations: ``He said: “A.” He added: “B.”`` (see :meth:`_Run._interrupted`).
   English also joins (written looking at PolNeAR dev errors): across a long
   appositive or a quoted title or nickname in the attribution (``said on
   NBC’s “Meet the Press.”``, ``Del. Maria “Mimi” Lopez``), a second part
   coordinated under the same cue (``“A,” he said, but “b.”``), and a second
   part that runs on past its closing mark; a cue quoted *inside* the first
   part (``“People say, ‘…,’” said X. “B.”``) attributes nothing after it.
   British single marks run over lines like double ones when the opening
   mark opens its line or follows a colon (``said: 'A.`` ⏎ ``B.'``; NTREX-128).
   Written looking at PolNeAR train errors (English): a quoted paragraph with
   no attribution that follows a quotation ending the paragraph before it is
   that quotation's next part (:meth:`_Run._next_paragraph`); a fragment after
   its cue takes the rest of its clause (:meth:`_Run._tail`); an exclamation
   right after its cue is a quotation even in Title Case (:meth:`_Run._exclaimed`).
   Russian and Ukrainian take the next-paragraph rule too (``Мартин добавил:
   «А».`` ⏎ ``«Б».``), and a gerund phrase closing the attribution
   (``— добавил Грэм, обращаясь к судье.``, English ``referring to``) is an
   appositive rest, so a translation counts its original's quotations
   (NTREX-128).

4. **Terms are not quotations.** A pair is a direct quotation only when it
   is attributed (any length: ``"Are we ready?" he asked``), or when it stands
   as a sentence of its own and has at least :data:`MIN_UNATTRIBUTED_WORDS`
   words (then its speaker is None unless it continues an attributed one).
   So short quoted phrases without a cue next to them are terms, titles or
   nicknames, not quotations: ``"security guarantees"``, ``Robert "Bobby"
   Mills``. Phrases after a term marker from cues.txt (``so-called``, ``так
   называемый``, ``компания``, ``так званий``) never are, cue or not.
   Headline-style Title Case phrases (``“Legend in the Coal Fields”``,
   ``"60 Minutes"``), a short capitalised phrase between two capitalised
   words (a nickname), and a phrase that is exactly one entity mention
   (``«РИА Новости»``) are not either, unless the phrase opens its sentence
   and a cue set off by punctuation attributes it as a whole: ``«Ми не
   готові», — заявила міністерка`` and ``"Нам потрібна угода", – запевняє
   міністр`` are quotations even when the recogniser tagged the quoted
   words as an organisation, and so is ``He said: "Hiroshima."``
   (Russian/Ukrainian: a capitalised phrase of at most five words without
   punctuation, after words of its sentence and no colon or dash, is a title:
   ``сиквелах «Игр престолов»``, :meth:`_Run._slavic_title`); the
   American comma inside a title within a sentence (``the broadcast of “Fox
   News Sunday,” Mike Pence said``) does not count. Quoted fragments inside
   a sentence without an adjacent cue (``said the group was "not happy"``)
   are left for the mixed-quotation stage; one with a cue next to it that
   starts lower-case after words of its sentence, with no colon before the
   mark (``for "emotional reasons," the show's creator said``, ``пообещал
   «никогда не …»``), is returned as ``kind="mixed"`` (see
   :meth:`_Run._fragment`).

Speakers: the words next to the cue that name the source, by priority a
person mention (``Jens Stoltenberg``), a subject pronoun from
``lang/<code>/pronouns.txt``, a title from ``lang/<code>/speaker_titles.txt``,
an organisation mention, capitalised words the entity recogniser missed, or
another short noun phrase (``the company``; Russian/Ukrainian: an animate
noun in the nominative, ``— говорит режиссёр``). After a cue, Russian and
Ukrainian names in an oblique case are addressees (``сказал Лаврову``), as
are English organisations (``told CBS:``). With a participle cue
(``saying``, ``добавив``) the speaker is the subject of the clause. A cue
after a relative pronoun from cues.txt (``^who``, ``^который``, ``^який``)
has the phrase before its comma as speaker (``… with the president, who
commented:``, ``Кэндис Тернер, которая написала:``), and a name followed by
an apposition with a title is the name (``Jan Gelfand, head of the Red
Cross, told CNN:``), as is a name after a title, in apposition or not
(``said the White House press secretary, Jen Psaki``, ``Secretary of
Defense Lloyd Austin said``: after ``of`` the name starts at a known given
name). A MISC mention of capitalised words right before the cue or an
apposition is a mislabelled name (``Ned Price`` as MISC). A speaker is a short noun phrase, never a clause: a
title phrase takes at most :data:`_MAX_TITLE_MODIFIERS` words before the
title and none across a clause word (``-with``, ``-and``) or, in Russian
and Ukrainian, anything but adjectives and names; a phrase that is neither
a mention nor a pronoun and has more than :data:`_MAX_SPEAKER_WORDS` words,
a clause word or (ru/uk) a finite verb is dropped (the quotation keeps its
cue, with no speaker); a pronoun whose gender contradicts a past-tense cue
(``она … прокомментировал``) is dropped too. Russian/Ukrainian ``один из`` / ``одна з`` and a
plural noun in the genitive is an (indefinite) speaker phrase (``— говорит
одна из экс-гимнасток``; written looking at ADAQ), and a PER mention whose
words cannot name a person (no name reading, an adjective or an inanimate
noun: ``Олімпійських``, ``Прем'єршип Шотландії``) is neither a speaker nor an
antecedent (:func:`_no_person`). Speakers are resolved to an
entity:

* a mention gives its own ``key`` and ``name``;
* what is known of each person (over every mention with the same key):
  the gender, from an honorific or gendered title next to a mention
  (``Mr``, ``spokeswoman``, ``г-жа``, ``міністерка``), else the given name
  (English: ``lang/en/gendered_first_names.txt``; Russian/Ukrainian:
  pymorphy3 ``Name`` tags of the names as written, not the recogniser's
  lemma, dictionary names only: the guesser calls ``Саули`` feminine); but
  (ru/uk) the past-tense verb next to a subject mention (``Трамп заявил``,
  ``— заявила Вотерс``) outranks the given name (``Эммануэль Макрон
  прибыл``: the dictionary lists Эммануэль as feminine; also across a time,
  ``Уотерс в субботу отвергла``), and outranks a gendered role noun too
  (``представник``, ``речник`` name women as well); else an
  unambiguous surname;
  and the role titles next to a mention (``President Donald Trump``,
  ``судьи Кавано``, ``Sarah Sanders, Trump's press secretary``; honorifics,
  marked ``honorific`` in speaker_titles.txt, are no roles);
* a singular pronoun resolves to the nearest reference in subject position
  whose gender agrees with the pronoun and the past-tense cue, in its
  paragraph and the few before it, outside quotations: a person mention
  (English: not one right after a lower-case word of its clause, the
  object of ``Kanye West praised Donald Trump``, nor a conjunct of a
  preposition's object, ``with Smith and Jones``, nor the subject of a
  subordinate clause, ``denied that Morales was``, nor one in an absolute
  construction, ``Mr. Mandagi included``: ``lang/en/subordinators.txt``;
  a possessive in the name's apposition, ``on his phone``, gives the
  gender before the given-name list does; ru/uk: not one whose
  dictionary given name cannot be nominative, ``Дональда Трампа``, nor
  the subject of a clause after a complementizer, ``тем, что Хиллари
  Клинтон проиграла``, see :meth:`_Run._subordinate`; a
  person of unknown gender agrees with any pronoun), or
  a definite title (``The President said …``) resolved as below (subject
  preference; see :meth:`_Run._salient_person`); else to the nearest person
  mention whose gender agrees (an incompatible one never: ``he`` is never
  Angela Merkel). Plural pronouns resolve to the nearest organisation
  mention in the same or the two previous paragraphs, if any;
* a definite title (``the Secretary-General``; Russian/Ukrainian titles have
  no article and count as definite) resolves to the nearest person mention
  before it, gender agreeing, who carries the same title next to one of
  their mentions (``NATO Secretary-General Jens Stoltenberg``; a hyphenated
  title matches its words, an abbreviation the title it abbreviates:
  ``генсек``/``секретарь``), else, when the title or cue gives a gender
  (``заявила министр``), to the nearest untitled person of that gender,
  else stays unresolved; an indefinite one (``a spokesman``) stays unresolved;
* capitalised words that match no mention resolve to a person mention whose
  name ends with the same word, else they keep their own words: ``key`` is
  ``"per:"`` plus :func:`newsdesk.nlp.linking.name_key` of the words (so they
  meet the same name in other scripts), ``name`` the words as written;
* other noun phrases keep ``key`` and ``name`` None.

The speaker span is the mention, the pronoun, the title phrase or the words
themselves.

Languages: en, ru, uk (``ua`` accepted). Indirect and mixed quotations are
not found yet; :class:`QuoteFinder` keeps the ``kind`` field open for them.
"""

from __future__ import annotations

import bisect
import collections
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from newsdesk.lang import load_list, normalize_lang
from newsdesk.model import Cue, Mention, Quote, Span, Speaker
from newsdesk.nlp.morph import get_morph
from newsdesk.nlp.linking import name_key
from newsdesk.nlp.reported import complementizer_start

__all__ = ["MIN_UNATTRIBUTED_WORDS", "QuoteFinder", "find_quotes"]

MAX_APPOSITIVE_WORDS = 20
"""Longest appositive (in words) after an attribution that still joins the parts of an interrupted quote."""

MAX_ATTRIBUTION_REST_WORDS = 40
"""Most words after the speaker and cue of an interrupted quotation before it goes on (English; see
``_Run._attribution_rest``)."""

MAX_PARAGRAPH_TAIL_WORDS = 15
"""Most words after a quotation that ends its paragraph for an unattributed quoted paragraph after it to go on
with it as one quotation (English; see ``_Run._next_paragraph``)."""

MIN_UNATTRIBUTED_WORDS = 5
"""A pair of marks with no cue is a quotation only from this many words up
(and only when it stands as its own sentence). Shorter quoted phrases are
terms, titles and nicknames."""

_MAX_GAP_WORDS = 7  # speaker words allowed between a closing mark and its cue (a name counts one)
_MAX_PHRASE_WORDS = 4  # words of a speaker that is neither a name nor a title ("the company")
_MAX_TITLE_MODIFIERS = 4  # words before a title in a speaker phrase ("the White House press secretary")
_SALIENT_PARAGRAPHS = 3  # paragraphs before a pronoun searched for a subject antecedent ...
_SALIENT_WORDS = 60  # ... holding at least this many words outside quotations
_MAX_SPEAKER_WORDS = 6  # a speaker phrase longer than this (not a mention) is a clause, not a speaker
_MAX_APPOSITION_TOKENS = 30  # tokens of an apposition between the speaker and the cue
_MAX_AFTER_CUE_WORDS = 8  # words searched for the speaker after the cue
_MAX_BEFORE_COLON_WORDS = 8  # words between a cue and the ":" that opens a quote
_MAX_BEFORE_COMMA_WORDS = 3  # words between a cue and "," or nothing before a quote
_MIN_CONTINUED_WORDS = 4  # an unclosed paragraph must hold this many words to continue
_MAX_UNCLOSED_WORDS = 150  # an unclosed quotation in a longer paragraph ends with its first sentence
_MAX_JOINED_PARAGRAPHS = 3  # how far an unrepeated multi-paragraph quotation may run


def _locative_only(parses: list) -> bool:
    """Every reading (pymorphy3 parses) has a case and it is a locative (``Дейлі`` as ``Дейл``)."""
    return bool(parses) and all(p.tag.case in ("loct", "loc2") for p in parses)


# dative surname endings (Лаврову, Путину, Шевченкові): the name is an addressee
_OBLIQUE_NAME_ENDINGS = ("ову", "еву", "ёву", "ину", "ыну", "ому", "ему", "ові", "еві")
_DASHES = frozenset("—–―‒-")
_TERMINALS = frozenset(".!?…")
_OPENERS_ONLY = {"«": "d", "„": "d", "‹": "s", "‚": "s"}
_CLOSERS_ONLY = {"»": "d", "›": "s"}
_FAMILY = {
    "«": "d", "»": "d", "„": "d", "“": "d", "”": "d", '"': "d",
    "‹": "s", "›": "s", "‚": "s", "‘": "s", "’": "s", "'": "s",
}
# closing mark -> opening marks it may close
_CLOSES = {
    "»": "«",
    "›": "‹",
    "”": "“„”\"",
    "“": "„“",
    '"': "\"“„”",
    "’": "‘'‚’",
    "'": "'‘‚’",
    "‘": "‚",
}
_MARK_RE = re.compile(r"''|[\"'«»„“”‘’‚‹›]")
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’ʼ\-‐.][^\W_]+)*|\S")
_PARA_RE = re.compile(r"[^\n]+")
# a dialogue line opens with a dash (a hyphen only with a space after it)
_DIALOGUE_RE = re.compile(r"[ \t]*(?:[—–―][ \t\u00a0]*|-[ \t\u00a0]+)(?=\S)")
# ... or follows a sentence's end inside a paragraph, before a capital letter
_INNER_DIALOGUE_RE = re.compile(r"(?<=[.!?…])[ \t\u00a0]+[—–―][ \t\u00a0]+(?=[A-ZА-ЯЁІЇЄҐ])")
# a byline after a closing mark: "” ― Albert Einstein" (same paragraph) or a line "― Albert Einstein"
_BYLINE_SAME_RE = re.compile(r"[ \t\u00a0]*[―—–][ \t\u00a0]*(?=\w)")
_BYLINE_LINE_RE = re.compile(r"[ \t\u00a0]*(?:[―—–][ \t\u00a0]*|-[ \t\u00a0]+)(?=\w)")
# a transcript line: "WALLACE: …", "ПЕСКОВ: …", "Chris Wallace: …" (a name of 1-3 words, a colon), also after
# the opening mark a transcript quoted paragraph by paragraph repeats ("“WALLACE: …)
_CAP = r"[A-ZА-ЯЁІЇЄҐ]"
_TRANSCRIPT_RE = re.compile(
    rf"[ \t]*[\"“„«]?[ \t]*({_CAP}[^\W\d_]*(?:[.'’\-][^\W\d_]+)*\.?(?:[ \t]+{_CAP}[^\W\d_]*(?:[.'’\-][^\W\d_]+)*\.?){{0,2}})"
    r"[ \t]*:[ \t]+(?=\S)"
)
_MIN_TRANSCRIPT_LINES = 2  # a document needs this many "NAME: …" lines to be read as a transcript
_DIALOGUE_DASH_LANGS = frozenset({"ru", "uk"})  # where news and interviews quote speech this way
# a quoted name inside an attribution (English): mark(s), a capitalised phrase, optional , or ., mark(s)
_QUOTED_NAME_RE = re.compile(r"(''|[\"“‘])([A-Z0-9][^\"“”‘’\n]{0,60}?)([.,]?)(''|[\"”’])")
# ", and" / ", but" (and one adverb) between an interrupting attribution and the second part (English)
_COORDINATED_GAP_RE = re.compile(r",\s+(?:and|but)(?:\s+[a-z]+)?\s*$")
# three-letter words that title case leaves lower-case (articles, conjunctions, short prepositions; English style
# guides such as the Chicago Manual of Style, 8.159): any other lower-case word of three letters is no title's
_TITLE_SMALL_WORDS = frozenset({"and", "but", "for", "nor", "the", "yet", "off", "out", "per", "via"})
_ABBREVIATION_RE = re.compile(r"^(?:[A-ZА-ЯІЇЄҐ]|[a-zа-яіїєґ]{1,2})$")


# ---------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class _CueForm:
    lemma: str
    gender: str | None  # masc / femn / neut / plur for past-tense forms, else None
    rest: tuple[str, ...] = ()  # further words of a multi-word cue
    bare: bool = False  # the English base form (also a noun: "state", "note")


@dataclass(frozen=True, slots=True)
class _LangData:
    lang: str
    cues: dict[str, tuple[_CueForm, ...]]  # first word (lower, ё->е) -> forms
    cue_lemmas: dict[str, str]  # folded lemma -> lemma as written in cues.txt
    fillers: frozenset[str]
    breakers: frozenset[str]
    term_markers: tuple[str, ...]
    pronouns: dict[str, str]  # word -> masc / femn / plur
    titles: dict[str, str | None]  # title (lower) -> gender or None
    honorifics: frozenset[str]  # titles that are forms of address (Mr, Dr, г-н, пані), not roles
    relatives: frozenset[str]  # relative pronouns: "X, who said:" (also breakers)
    prepositions: frozenset[str]  # a person named right after one is not a subject
    first_names: dict[str, str]  # English given name (folded) -> masc / femn
    not_speakers: frozenset[str] = frozenset()  # line labels that name no speaker ("UPDATE:", "Фото:")
    same_role: dict[str, str] = field(default_factory=dict)  # short title -> the title it abbreviates (генсек -> секретарь)
    anaphors: frozenset[str] = frozenset()  # descriptive nouns that refer back to the topic person (спортсмен, жінка)
    indefinites: frozenset[str] = frozenset()  # ru/uk words that make a title indefinite (один, одна, некий)
    source_phrases: tuple[tuple[str, ...], ...] = ()  # ru/uk "по словам X, «…»": words that open an attribution


def _fold(word: str) -> str:
    """Lower-case, ``ё``->``е``, apostrophes unified (for dictionary look-ups)."""
    return word.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")


def _en_forms(lemma: str) -> set[str]:
    """Regular English verb forms: 3rd person -s, past -ed, -ing."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


def _slavic_forms(lemma: str, lang: str) -> dict[str, str | None]:
    """All finite, infinitive and gerund forms of a ru/uk verb lemma, with gender."""
    morph = get_morph(lang)
    forms: dict[str, str | None] = {_fold(lemma): None}
    verb = next(
        (p for p in morph.parse(lemma) if p.tag.POS in ("INFN", "VERB") and _fold(p.normal_form) == _fold(lemma)),
        None,
    )
    if verb is None:
        return forms
    for form in verb.lexeme:
        if form.tag.POS in ("PRTF", "PRTS", "ADJF", "ADJS"):
            continue
        gender = None
        if "past" in form.tag:
            gender = next((g for g in ("masc", "femn", "neut", "plur") if g in form.tag), None)
        forms.setdefault(_fold(form.word), gender)
    return forms


@lru_cache(maxsize=4096)
def _no_person(text: str, lang: str) -> bool:
    """Russian/Ukrainian: a PER mention whose words cannot name a person (``Олімпійських``).

    True when no word of the mention has a person reading in the pymorphy3
    dictionary (a given name, surname or patronymic, or an animate noun) and
    at least one known word reads only as an adjective or an inanimate noun
    (``Олімпійських іграх``, ``Прем'єршип Шотландії``, a place in the
    genitive); words the dictionary does not know (most foreign surnames)
    decide nothing. Such a mention is no speaker and no antecedent of a
    pronoun. Written looking at NTREX-128, where the recogniser tagged these
    words PER and pronouns resolved to them.
    """
    morph = get_morph(lang)
    decided = False
    for word in re.findall(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*", text):
        parses = morph.parse(word)
        if not any(p.is_known for p in parses):
            continue
        if any(g in p.tag for p in parses for g in ("Name", "Surn", "Patr")) or any(
                p.tag.POS == "NOUN" and "anim" in p.tag for p in parses):
            return False
        if all(p.tag.POS == "NOUN" and "plur" in p.tag for p in parses):
            continue  # a plural-only common noun is no word of a name, nor evidence against one ("Хоан Пуйг")
        if all(p.tag.POS in ("ADJF", "NOUN") for p in parses):
            decided = True
    return decided


@functools.lru_cache(maxsize=None)
def _time_nouns(lang: str) -> frozenset[str]:
    """Weekday and month names (nominative) of ``lang/<code>/weekdays.txt`` and ``months.txt``: a noun
    after a preposition that names a time (``в субботу``) heads no genitive name after it."""
    return frozenset(line.split()[0] for name in ("weekdays", "months") for line in load_list(lang, name))


@functools.lru_cache(maxsize=None)
def _cue_adverbials(lang: str) -> frozenset[str]:
    """English words that may stand between a cue and its opening mark (``said last night "…"``):
    ``lang/en/cue_adverbials.txt`` plus the weekday and month names; empty for other languages."""
    if lang != "en":
        return frozenset()
    words = set(load_list(lang, "cue_adverbials"))
    for name in ("weekdays", "months"):
        for line in load_list(lang, name):
            words.update(line.split())
    return frozenset(words)


@functools.lru_cache(maxsize=None)
def _source_links(lang: str) -> frozenset[str]:
    """English words after which a preposition stays inside a speaker phrase (``a source close to
    Jones``): ``lang/en/source_links.txt``; empty for other languages."""
    return frozenset(load_list(lang, "source_links")) if lang == "en" else frozenset()


@functools.lru_cache(maxsize=None)
def _clause_openers() -> frozenset[str]:
    """English conjunctions that open a clause after a quoted fragment: ``lang/en/clause_openers.txt``."""
    return frozenset(load_list("en", "clause_openers"))


@functools.lru_cache(maxsize=None)
def _subordinators() -> tuple[frozenset[str], frozenset[str]]:
    """English words that make a person mention no main-clause subject: those right before it that
    open a subordinate clause (``that``, ``whether``, ``because`` ...) and those right after it that
    make an absolute construction (``Smith included``); ``lang/en/subordinators.txt``."""
    sections: dict[str, set[str]] = {"before": set(), "after": set()}
    current = "before"
    for line in load_list("en", "subordinators"):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, set())
            continue
        sections[current].add(line.lower())
    return frozenset(sections["before"]), frozenset(sections["after"])


@functools.lru_cache(maxsize=None)
def _inclusion_phrases(lang: str) -> frozenset[tuple[str, ...]]:
    """Russian/Ukrainian phrases of inclusion before a name (``в том числе``, ``включаючи``), as word
    tuples: ``[before]`` of ``lang/<code>/subordinators.txt``; empty for English (``subordinators.txt``
    there is read by :func:`_subordinators`)."""
    if lang == "en":
        return frozenset()
    return frozenset(tuple(_fold(w) for w in line.split()) for line in load_list(lang, "subordinators")
                     if not line.startswith("["))


@functools.lru_cache(maxsize=None)
def _moves_on_re() -> re.Pattern[str]:
    """English phrases saying a speaker moved on to another statement (``lang/en/moves_on.txt``)."""
    phrases = sorted(load_list("en", "moves_on"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)


_LINKING_PREPOSITIONS = frozenset({"of", "to", "for", "with", "at"})  # English: "a spokesman for Jones"


def _inner_verb(words: list[str], lang: str) -> int | None:
    """Index of the infinitive inside a ru/uk multi-word cue whose first word is no verb.

    ``таку заяву зробити`` / ``с таким заявлением выступить``: a phrase that
    fronts its object (Ukrainian and Russian news attribute a quotation this
    way, ``«…», – таку заяву зробив X``; written looking at NTREX) inflects the
    verb it holds, not its first word. None when the first word has a verb
    reading or no later word is an infinitive.
    """
    if len(words) < 2:
        return None
    morph = get_morph(lang)
    if any(p.tag.POS in ("INFN", "VERB") for p in morph.parse(words[0])):
        return None
    for k in range(1, len(words)):
        if any((p.tag.POS == "INFN" or "infn" in str(p.tag)) and _fold(p.normal_form) == _fold(words[k])
               for p in morph.parse(words[k])):  # the Ukrainian dictionary tags infinitives VERB,infn
            return k
    return None


@lru_cache(maxsize=None)
def _load(lang: str) -> _LangData:
    cues: dict[str, list[_CueForm]] = {}
    lemmas: dict[str, str] = {}
    fillers: set[str] = set()
    breakers: set[str] = set()
    markers: list[str] = []
    relatives: set[str] = set()
    prepositions: set[str] = set()
    not_speakers: set[str] = set()
    indefinites: set[str] = set()
    source_phrases: list[tuple[str, ...]] = []
    for entry in load_list(lang, "cues"):
        if entry[0] == "=":
            source_phrases.append(tuple(_fold(w) for w in entry[1:].split()))
            continue
        if entry[0] == "%":
            not_speakers.add(_fold(entry[1:].strip()))
            continue
        if entry[0] == "^":
            relatives.add(_fold(entry[1:].strip()))
            breakers.add(_fold(entry[1:].strip()))
            continue
        if entry[0] == "~":
            prepositions.add(_fold(entry[1:].strip()))
            continue
        if entry[0] == "+":
            fillers.add(_fold(entry[1:].strip()))
            continue
        if entry[0] == "-":
            breakers.add(_fold(entry[1:].strip()))
            continue
        if entry[0] == "!":
            markers.append(_fold(entry[1:].strip()))
            continue
        if entry[0] == "?":
            indefinites.add(_fold(entry[1:].strip()))
            continue
        head, _, extra = entry.partition(":")
        words = head.split()
        if not words:
            continue
        lemma = " ".join(words)
        lemmas.setdefault(_fold(lemma), lemma)
        rest = tuple(_fold(w) for w in words[1:])
        if lang == "en":
            first_forms: dict[str, str | None] = {f: None for f in _en_forms(words[0].lower())}
            for irregular in extra.split():
                first_forms[irregular.lower()] = None
        else:
            first_forms = _slavic_forms(words[0], lang)
            verb_at = _inner_verb(words, lang)
            if verb_at is not None:
                # "таку заяву зробити": the verb inside the phrase is the inflected word
                for form, gender in _slavic_forms(words[verb_at], lang).items():
                    inner = tuple(_fold(w) for w in words[1:verb_at]) + (form,) + tuple(
                        _fold(w) for w in words[verb_at + 1:])
                    cues.setdefault(_fold(words[0]), []).append(_CueForm(lemma, gender, inner))
                continue
        for form, gender in first_forms.items():
            bare = lang == "en" and form == words[0].lower()
            cues.setdefault(_fold(form), []).append(_CueForm(lemma, gender, rest, bare))
    pronouns: dict[str, str] = {}
    for entry in load_list(lang, "pronouns"):
        parts = entry.split()
        pronouns[_fold(parts[0])] = parts[1] if len(parts) > 1 else ""
    titles: dict[str, str | None] = {}
    honorifics: set[str] = set()
    same_role: dict[str, str] = {}
    anaphors: set[str] = set()
    for entry in load_list(lang, "speaker_titles"):
        parts = entry.split()
        titles[_fold(parts[0])] = next((w for w in parts[1:] if w in ("masc", "femn")), None)
        if "honorific" in parts[1:]:
            honorifics.add(_fold(parts[0]))
        if "anaphor" in parts[1:]:
            anaphors.add(_fold(parts[0]))
        for part in parts[1:]:
            if part.startswith("role="):
                same_role[_fold(parts[0])] = _fold(part[len("role="):])
    first_names: dict[str, str] = {}
    if lang == "en":
        for entry in load_list(lang, "gendered_first_names"):
            name, _, gender = entry.partition("\t")
            if gender.strip() in ("f", "m"):
                first_names[_fold(name.strip())] = "femn" if gender.strip() == "f" else "masc"
    # longer multi-word cues first, so "point out" wins over "point"
    ordered = {k: tuple(sorted(v, key=lambda c: -len(c.rest))) for k, v in cues.items()}
    return _LangData(
        lang, ordered, lemmas, frozenset(fillers), frozenset(breakers), tuple(markers), pronouns, titles,
        frozenset(honorifics), frozenset(relatives), frozenset(prepositions), first_names,
        frozenset(not_speakers), same_role, frozenset(anaphors), frozenset(indefinites), tuple(source_phrases),
    )


# ---------------------------------------------------------------- working records


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str
    fold: str
    word: bool


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    char: str  # '' is read as "
    left: bool  # may open
    right: bool  # may close
    inword: bool  # letter on both sides
    next_comma: bool = False  # followed by , ; : or ) (an opening mark never is)


@dataclass(slots=True)
class _Open:
    mark: _Mark
    para: int


@dataclass(slots=True)
class _Cand:
    start: int  # content, before trimming
    end: int
    open_mark: _Mark | None
    close_mark: _Mark | None
    para_first: int
    para_last: int
    open_missing: bool = False
    close_missing: bool = False
    dash: bool = False  # a dialogue line: "— …, — сказал он." (no marks)
    transcript: bool = False  # a transcript line: "WALLACE: …" (no marks, no cue)
    after_dash: int | None = None  # ru/uk: goes on after the author's words ending paragraph N with a dash
    nested_before: bool = False  # a closing mark that never opened, after pairs in its paragraph but no sentence end


@dataclass(frozen=True, slots=True)
class _CueHit:
    start: int
    end: int
    lemma: str
    gender: str | None
    tok_first: int
    tok_last: int  # inclusive


@dataclass(frozen=True, slots=True)
class _SpkRef:
    start: int
    end: int
    kind: str  # mention / pronoun / title / name / phrase
    mention: Mention | None = None
    gender: str | None = None
    title: str | None = None
    definite: bool = True


@dataclass(frozen=True, slots=True)
class _Attr:
    cue: _CueHit | None  # None: a byline (``“…” ― Albert Einstein``) names the speaker without a cue
    speaker: _SpkRef | None


@dataclass(slots=True)
class _Part:
    start: int
    end: int
    cand: _Cand
    attr: _Attr | None


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


# ---------------------------------------------------------------- the finder


class QuoteFinder:
    """Finds direct quotations with cue and speaker in one language.

    Build one per language and call it for each article; the language data
    (cue verbs with every inflected form, titles, pronouns) is loaded once,
    in the constructor.

    Args:
        lang: ``en``, ``ru`` or ``uk`` (aliases such as ``ua`` accepted).

    Raises:
        ConfigError: the language is not supported or its data files are
            missing.

    Example:
        >>> finder = QuoteFinder("en")
        >>> text = '"Are we ready?" he asked.'
        >>> [(q.text, q.cue.lemma, q.speaker.text) for q in finder(text, [], [])]
        [('Are we ready?', 'ask', 'he')]
    """

    def __init__(self, lang: str) -> None:
        self.lang = normalize_lang(lang)
        self._data = _load(self.lang)

    def __call__(self, text: str, sentences: Sequence[Span] = (), entities: Sequence[Mention] = ()) -> list[Quote]:
        """Return the direct quotations of ``text``, sorted by start.

        Args:
            text: the article text; every offset points into it.
            sentences: sentence spans in order (may be empty: then sentence
                starts are found from end punctuation). They bound the search
                for a cue before an opening mark.
            entities: entity mentions, linked within the document (``key``
                and ``name`` set); PER and ORG mentions can be speakers.

        Returns:
            Quotes with ``kind="direct"``, content without the marks, half-open
            offsets into ``text``; ``speaker`` and ``cue`` spans point into
            ``text`` as well. Never raises on any text.
        """
        return _Run(self._data, text, sentences, entities).quotes()


@lru_cache(maxsize=None)
def load_quote_finder(lang: str) -> QuoteFinder:
    """Return the process-wide :class:`QuoteFinder` for ``lang`` (``ua`` accepted), built once.

    Raises:
        ConfigError: unsupported language.
    """
    return QuoteFinder(lang)


def find_quotes(text: str, lang: str, sentences: Sequence[Span] = (), entities: Sequence[Mention] = ()) -> list[Quote]:
    """Find the direct quotations of ``text`` (see :class:`QuoteFinder`).

    A convenience over a per-language :class:`QuoteFinder` cached for the
    process, so data is loaded once per language.

    Args:
        text: the article text.
        lang: ``en``, ``ru`` or ``uk`` (``ua`` accepted).
        sentences: sentence spans in order (may be empty).
        entities: linked entity mentions.

    Returns:
        Direct quotations sorted by start.

    Raises:
        ConfigError: unsupported language.
    """
    return load_quote_finder(normalize_lang(lang))(text, sentences, entities)


# Russian/Ukrainian prepositions that govern the noun after them: a noun in their phrase is no subject.
_GOVERNING_PREPOSITIONS = frozenset(
    "из от с со у в во на по для без до при о об про за под над между "  # ru
    "з із зі від між під".split()  # uk beyond the shared ones
)

_EN_SOURCE_COMPLEMENTS = frozenset("close familiar with inside within near in at from".split())
"""Words that open the complement of an unnamed source (``a source close to …``, ``sources familiar with …``)."""

_EN_AGE_RE = re.compile(r"\d{1,3}-years?-old")
"""English age description that names a person by itself (``the 31-year-old``, folded): it refers back
to the salient person as a pronoun does. Written looking at NTREX-128."""


class _Run:
    """One article: tokens, marks, candidates, attribution, resolution."""

    def __init__(self, data: _LangData, text: str, sentences: Sequence[Span], entities: Sequence[Mention]) -> None:
        self.d = data
        self.lang = data.lang
        self.text = text
        self.toks = [
            _Tok(m.start(), m.end(), m.group(), _fold(m.group()), m.group()[0].isalnum())
            for m in _TOKEN_RE.finditer(text)
        ]
        self.tok_starts = [t.start for t in self.toks]
        self.paras = [(m.start(), m.end()) for m in _PARA_RE.finditer(text) if m.group().strip()]
        self.para_starts = [p[0] for p in self.paras]
        sents = sorted((s for s in sentences if 0 <= s.start <= s.end <= len(text)), key=lambda s: s.start)
        self.sent_starts = [s.start for s in sents]
        self.sents = sents
        self.mentions = sorted(
            (m for m in entities if 0 <= m.start < m.end <= len(text)
             and not (self.lang != "en" and m.label == "PER" and _no_person(m.text, self.lang))),
            key=lambda m: (m.start, m.end),
        )
        self.tok_mention: dict[int, Mention] = {}
        for m in self.mentions:
            i = bisect.bisect_left(self.tok_starts, m.start)
            if i > 0 and self.toks[i - 1].end > m.start:
                i -= 1
            while i < len(self.toks) and self.toks[i].start < m.end:
                self.tok_mention.setdefault(i, m)
                i += 1
        self.mark_starts: list[int] = []
        self.source_cues: set[int] = set()  # ru/uk: starts of cues that open "По словам X, «…»" (_source_phrase)
        self._person_cache: dict[str, tuple[str | None, frozenset[str]]] = {}
        self.next_paragraph: dict[int, int] = {}  # en: start of a paragraph-long part -> start of the part it goes on

    # -------------------------------------------------------- step 1: marks

    def _marks(self, lo: int, hi: int) -> list[_Mark]:
        text = self.text
        marks = []
        for m in _MARK_RE.finditer(text, lo, hi):
            s, e = m.start(), m.end()
            char = '"' if m.group() == "''" else m.group()
            prev = text[s - 1] if s > 0 else " "
            nxt = text[e] if e < len(text) else " "
            prev_space, next_space = prev.isspace(), nxt.isspace()
            prev_p, next_p = _is_punct(prev), _is_punct(nxt)
            left = not next_space and (not next_p or prev_space or prev_p)
            right = not prev_space and (not prev_p or next_space or next_p)
            if not left and not right and next_space and not text[text.rfind("\n", 0, s) + 1 : s].strip() \
                    and text[e : text.find("\n", e) if "\n" in text[e:] else len(text)].strip():
                # a mark that starts its paragraph, a space after it (``” … what I learned …,” he said``): a
                # typed closing shape or a spaced mark there can close nothing, so it opens (English news;
                # written looking at PolNeAR dev errors)
                left = True
            marks.append(_Mark(s, e, char, left, right, prev.isalnum() and nxt.isalnum(), nxt in ",;:)"))
        return marks

    @staticmethod
    def _role(m: _Mark, stack: list[_Open]) -> str | None:
        c = m.char
        if c in _OPENERS_ONLY:
            return "open"
        if c in _CLOSERS_ONLY:
            return "close"
        if c == "“":
            inner = next((o.mark.char for o in reversed(stack) if _FAMILY[o.mark.char] == "d"), None)
            if inner == "„" and m.right:
                return "close"
            if m.left:
                return "open"
            return "close" if m.right else None
        if c == "”":
            if m.right:
                return "close"
            return "open" if m.left else None
        if c == '"':
            if m.left and not m.right:
                return "open"
            if m.right and not m.left:
                return "close"
            if m.next_comma:  # 'готові?",' / 'ready?",': no quotation opens on a comma
                return "close"
            return "close" if any(o.mark.char == '"' for o in stack) else "open"
        # single marks
        if c == "‘":
            if m.left:
                return "open"
            return "close" if m.right and any(o.mark.char == "‚" for o in stack) else None
        if m.inword:  # ’ ' between letters: an apostrophe
            return None
        if m.right and any(_FAMILY[o.mark.char] == "s" for o in stack):
            return "close"
        if m.left and not m.right:
            return "open"
        return None  # a possessive or elision apostrophe

    def _words_between(self, lo: int, hi: int) -> int:
        i = bisect.bisect_left(self.tok_starts, lo)
        n = 0
        while i < len(self.toks) and self.toks[i].end <= hi:
            n += self.toks[i].word
            i += 1
        return n

    def _candidates(self) -> list[_Cand]:
        cands: list[_Cand] = []
        carry: _Open | None = None  # an unclosed opening mark from the previous paragraph
        carry_end = 0  # end of the last paragraph the carried quotation covers

        def unclosed(op: _Open, end: int) -> _Cand:
            return _Cand(op.mark.end, end, op.mark, None, op.para, self._para_of(end - 1), close_missing=True)

        clean: list[bool] = []  # per paragraph: every mark in it pairs inside it
        for pi, (ps, pe) in enumerate(self.paras):
            n_before = len(cands)
            marks = self._marks(ps, pe)
            # an apostrophe inside a word (Б’юкенен, прем'єр, O'Hagan, Trump's) bounds no attribution before a quotation
            self.mark_starts.extend(m.start for m in marks if not m.inword)
            stack: list[_Open] = []
            last_end = ps  # end of the last top-level closing mark in this paragraph
            first_mark = 0
            if carry is not None:
                long_enough = self._continued(carry.mark, carry_end)
                first = marks[0] if marks else None
                if (
                    long_enough
                    and not self._opens_fragment(carry.mark, carry.mark.end, carry_end)
                    and first is not None
                    and not self.text[ps : first.start].strip()
                    and _FAMILY[first.char] == _FAMILY[carry.mark.char]
                    and first.char not in _CLOSERS_ONLY
                    and first.left
                    and self._same_excerpt(carry.mark, first, pi)
                ):
                    stack.append(carry)  # the opening mark repeated on a new paragraph
                    first_mark = 1
                else:
                    cands.append(unclosed(carry, carry_end))
                carry = None
            for m in marks[first_mark:]:
                role = self._role(m, stack)
                stray_single = role is None and self._single_close(m)
                if stray_single:
                    role = "close"
                if role == "open":
                    stack.append(_Open(m, pi))
                    continue
                if role != "close":
                    continue
                allowed = _CLOSES[m.char]
                j = next((j for j in range(len(stack) - 1, -1, -1) if stack[j].mark.char in allowed), None)
                if j is not None:
                    op = stack[j]
                    del stack[j:]
                    cands.append(_Cand(op.mark.end, m.start, op.mark, m, op.para, pi))
                    if not stack:
                        last_end = m.end
                    continue
                if (_FAMILY[m.char] != "d" and not stray_single) or m.char == "“" or stack:
                    continue  # a stray mark
                start = self._sentence_after(last_end, m.start) if last_end > ps else ps
                back = self._dash_resumed(pi, clean)
                if back is not None:  # «…», — сказал он. —⏎ … ⏎ …»
                    cands.append(_Cand(self.paras[back + 1][0], m.start, None, m, back + 1, pi,
                                       open_missing=True, after_dash=back))
                else:
                    # 'Somebody called it "Snow White.""': the pair before the mark may be nested in a quotation
                    # carried from the paragraphs before (see _join_across_paragraphs)
                    opened = [c.open_mark.start for c in cands[n_before:] if c.para_first == pi and c.open_mark]
                    nested = (last_end > ps and bool(opened) and self._first_sentence_end(ps, min(opened)) == min(opened)
                              and self._words_between(last_end, m.start) == 0)
                    cands.append(_Cand(start, m.start, None, m, pi, pi, open_missing=True, nested_before=nested))
                last_end = m.end
            opens = [o for o in stack if _FAMILY[o.mark.char] == "d" or self._single_open(o.mark)]
            if self.lang != "en":
                opens = self._outer_opens(opens)
            clean.append(not stack and all(c.para_last < pi or c.close_mark is not None and c.open_mark is not None
                                           for c in cands[n_before:]))
            for op, nxt in zip(opens, opens[1:]):  # "said “no more delays. Officials said “were stalled."
                cands.append(unclosed(op, self._last_sentence_end(op.mark.end, nxt.mark.start)))
            if opens:
                last = opens[-1]
                if self._words_between(last.mark.end, pe) > _MAX_UNCLOSED_WORDS:
                    cands.append(unclosed(last, self._first_sentence_end(last.mark.end, pe)))
                else:
                    carry, carry_end = last, pe
        if carry is not None:
            cands.append(unclosed(carry, carry_end))
        self.mark_starts.sort()
        return self._join_across_paragraphs(cands)

    def _same_excerpt(self, carried: _Mark, first: _Mark, pi: int) -> bool:
        """English: whether a paragraph opened with a straight mark and never closed (a page quoting an excerpt
        paragraph by paragraph: ``"Kevin was snoring.``) goes on in paragraph ``pi``, whose first mark is
        ``first``. With the same kind of mark it does; a typed ``“`` there opens a quotation of its own, unless
        a straight mark closes the excerpt later (``… ,” he said."`` at the end of one of the paragraphs that
        follow, each opening with a mark). Other languages: always. Written looking at PolNeAR dev and train
        errors (a narrator's paragraph was joined to the quotation after it)."""
        if self.lang != "en" or (first.char == '"') == (carried.char == '"'):
            return True
        if carried.char != '"':
            return False
        for ps, pe in self.paras[pi:pi + 8]:
            body = self.text[ps:pe].strip()
            if not body or body[0] not in "\"“'‘":
                return False
            if body.endswith('"'):
                return True
        return False

    @staticmethod
    def _outer_opens(opens: list[_Open]) -> list[_Open]:
        """Russian/Ukrainian: of the double marks left open at a paragraph's end, drop each one opened inside
        an open mark of another shape: ``"Я просто кажу: «Міністре, …`` ⏎ … ⏎ ``…»".`` is quoted speech
        nested in a quotation that runs on (both languages' style guides nest ``„“`` or ``""`` in ``«»`` and
        the other way round, never a mark in its own shape), not two quotations one after the other; the
        outer one is carried on. Two open marks of one shape stay two unclosed quotations. Written looking at
        NTREX-128 (Ukrainian translations nesting ``«»`` in ``""``)."""
        out: list[_Open] = []
        for o in opens:
            if out and _FAMILY[o.mark.char] == "d" and _FAMILY[out[-1].mark.char] == "d" and o.mark.char != out[-1].mark.char \
                    and o.para == out[-1].para:
                continue
            out.append(o)
        return out

    def _single_open(self, m: _Mark) -> bool:
        """English: a single opening mark left open at its paragraph's end that may run on to a later line,
        like a double one: it opens its paragraph or follows a colon (``said: 'The inquiry …`` ⏎ ``… us.'``),
        British news quoting with single marks, one sentence per line. Elsewhere a single mark left open is
        an elision (``'90s``, ``'cause``) and opens nothing. Written looking at NTREX-128 (Daily Mail)."""
        if self.lang != "en" or m.char not in "'‘":
            return False
        ps = self.paras[self._para_of(m.start)][0]
        before = self.text[ps : m.start].rstrip()
        return not before or before.endswith(":")

    def _single_close(self, m: _Mark) -> bool:
        """English: a single mark that closes with nothing open (``… contact us.'``): right after ``.`` ``,``
        ``!`` ``?``, before a space or the paragraph's end; the end of a quotation whose opening mark is on an
        earlier line (see :meth:`_single_open`). A possessive (``voters'``) follows a letter, never this."""
        if self.lang != "en" or m.char not in "'’" or m.inword or m.start == 0:
            return False
        nxt = self.text[m.end : m.end + 1]
        return self.text[m.start - 1] in ".,!?" and (not nxt or nxt.isspace())

    def _continued(self, mark: _Mark, end: int) -> bool:
        """An opening ``mark`` left open at ``end`` (its paragraph's end) may go on in the next paragraphs:
        the paragraph holds at least :data:`_MIN_CONTINUED_WORDS` words after it, or the mark opens its
        paragraph and what follows is a whole sentence (``“Remember her answer?`` on its own line), or a colon
        introduces it and it opens in upper case (a line broken inside the quoted sentence); a stray
        mark before a term inside a sentence (``called it «ошибкой.``) does not. The second case was
        written looking at NTREX-128, where the same short question counted 3 words in one language and 4
        in another."""
        words = self._words_between(mark.end, end)
        if words >= _MIN_CONTINUED_WORDS:
            return True
        ps = self.paras[self._para_of(mark.start)][0]
        if words and self.text[ps : mark.start].rstrip().endswith(":") and self.text[mark.end : end].strip()[:1].isupper():
            return True  # 'told the crowd: "It tore our' ⏎ … ⏎ '… apart."': introduced by a colon, no term
        body = self.text[mark.end : end].rstrip()
        return (words >= 2 and not self.text[ps : mark.start].strip() and body[-1:] in _TERMINALS
                and body[:1].isupper())

    def _dash_resumed(self, pi: int, clean: list[bool]) -> int | None:
        """Russian/Ukrainian: the paragraph whose author's words end with a dash, after which a quotation
        closed in paragraph ``pi`` by a mark that never opened resumes; else None.

        Russian and Ukrainian punctuation set the author's words inside direct
        speech off by dashes (``«А, — сказал он. — Б»``); text with one sentence
        per line (translations) often breaks the line after that dash and
        leaves the second part without an opening mark: ``«А», — сказал он. —``
        then lines up to ``… Б».``. The dash that ends the author's words (a
        paragraph holding a speech cue and ending with ``—``/``–``) is the
        opening of the second part: its content runs from the next paragraph
        to the closing mark. Only over at most :data:`_MAX_JOINED_PARAGRAPHS`
        paragraphs whose marks all pair inside them. Written looking at
        NTREX-128 (Ukrainian translations lay out interrupted quotations so).
        """
        if self.lang == "en":
            return None
        k = pi
        while k > 0 and pi - k < _MAX_JOINED_PARAGRAPHS:
            ps, pe = self.paras[k - 1]
            body = self.text[ps:pe].rstrip()
            if body.endswith(("—", "–", "―", " -")):
                lo = bisect.bisect_left(self.tok_starts, ps)
                hi = bisect.bisect_left(self.tok_starts, pe)
                if any(self._cue_at(i) is not None for i in range(lo, hi)):
                    return k - 1
                return None
            if not clean[k - 1]:
                return None
            k -= 1
        return None

    def _join_across_paragraphs(self, cands: list[_Cand]) -> list[_Cand]:
        """Join an opening mark that never closes with a closing mark that never opened,
        a few paragraphs (or lines) further on, when nothing else is left open between:
        a quotation over several paragraphs that does not repeat its opening mark. The closing
        mark's content starts its paragraph, or only quoted pairs and no sentence end stand
        before it there (``Somebody called it "Snow White."" ``: the pair is nested in the
        quotation; written looking at NTREX-128)."""
        cands = sorted(cands, key=lambda c: (c.para_first, c.start))
        used: set[int] = set()
        joined: list[_Cand] = []
        for ui, u in enumerate(cands):
            if not u.close_missing or u.open_mark is None or ui in used:
                continue
            if not self._continued(u.open_mark, u.end):
                continue
            for oi, o in enumerate(cands):
                if oi in used or not (u.para_last < o.para_first <= u.para_last + _MAX_JOINED_PARAGRAPHS):
                    continue
                if o.close_missing:
                    break  # another unclosed opening mark comes first
                if (
                    o.open_missing
                    and o.close_mark is not None
                    and (o.start == self.paras[o.para_first][0] or o.nested_before)
                    and u.open_mark.char in _CLOSES[o.close_mark.char]
                ):
                    used |= {ui, oi}
                    joined.append(_Cand(u.start, o.end, u.open_mark, o.close_mark, u.para_first, o.para_last))
                    break
                outer = self._nested_close(cands, oi, u) if self.lang != "en" else None
                if outer is not None and o.start == self.paras[o.para_first][0]:
                    k, close = outer
                    used |= {ui, oi} | ({k} if k is not None else set())
                    joined.append(_Cand(u.start, close.start, u.open_mark, close, u.para_first, o.para_last))
                    break
        return [c for i, c in enumerate(cands) if i not in used] + joined

    def _nested_close(self, cands: list[_Cand], oi: int, u: _Cand) -> tuple[int | None, _Mark] | None:
        """Russian/Ukrainian: candidate ``oi`` ends at a closing mark of another shape than the unclosed
        quotation ``u`` opened with, and a mark of ``u``'s shape follows it at once (``…його»".``): that
        outer mark, with the index of the candidate that mark made (opening or closing; None if none).
        The inner quotation opened in ``u``'s first paragraph (``"Я просто кажу: «Міністре, …``, see
        :meth:`_outer_opens`), so the paragraphs between belong to one quotation, joined as a quotation
        over several paragraphs that does not repeat its opening mark. Written looking at NTREX-128."""
        o = cands[oi]
        if not (o.open_missing and o.close_mark is not None and u.open_mark is not None
                and u.open_mark.char not in _CLOSES[o.close_mark.char]):
            return None
        pos = o.close_mark.end
        while pos < len(self.text) and self.text[pos] in " \t":
            pos += 1
        if pos >= len(self.text) or self.text[pos] not in _CLOSES or u.open_mark.char not in _CLOSES[self.text[pos]]:
            return None
        for k in range(oi + 1, len(cands)):
            c = cands[k]
            for m in (c.open_mark, c.close_mark):
                if m is not None and m.start == pos:
                    return k, m
        close = next((m for m in self._marks(pos, pos + 1) if m.start == pos), None)
        return (None, close) if close is not None else None

    def _last_sentence_end(self, lo: int, hi: int) -> int:
        """End of the last sentence that ends in ``[lo, hi)`` (its terminal mark included), else ``hi`` less
        trailing spaces: where an unclosed quotation stops before the next opening mark."""
        i = bisect.bisect_left(self.tok_starts, hi) - 1
        while i >= 0 and self.toks[i].start >= lo:
            if self._is_terminal(i):
                return self.toks[i].end
            i -= 1
        return lo + len(self.text[lo:hi].rstrip())

    def _first_sentence_end(self, lo: int, hi: int) -> int:
        """End of the first sentence that ends in ``[lo, hi)``, else ``hi``: where an unclosed quotation in a
        paragraph too long to be one quotation stops."""
        i = bisect.bisect_left(self.tok_starts, lo)
        while i < len(self.toks) and self.toks[i].end <= hi:
            if self._is_terminal(i):
                return self.toks[i].end
            i += 1
        return hi

    def _sentence_after(self, lo: int, hi: int) -> int:
        """Start of the first sentence that begins in ``[lo, hi)``, else ``lo``."""
        i = bisect.bisect_left(self.tok_starts, lo)
        while i < len(self.toks) and self.toks[i].end <= hi:
            if self._is_terminal(i) and i + 1 < len(self.toks) and self.toks[i + 1].start < hi:
                return self.toks[i + 1].start
            i += 1
        return lo

    def _is_terminal(self, i: int) -> bool:
        """Token ``i`` ends a sentence (``.``, ``!``, ``?``, ``…``; not ``Mr.``, ``U.S.``, ``(D-Wis.)``, nor the dot
        of a title of at most four letters, ``Sen.``, ``Prof.``)."""
        t = self.toks[i]
        if t.text not in _TERMINALS:
            return False
        nxt = self.text[t.end : t.end + 3].lstrip()[:1]
        if nxt and (nxt.islower() or nxt in "),;:"):
            return False
        if t.text == "." and i > 0 and self.toks[i - 1].end == t.start:
            prev = self.toks[i - 1]
            if prev.word and (_ABBREVIATION_RE.match(prev.text) or "." in prev.text
                              or (prev.fold in self.d.titles and len(prev.text) <= 4)):
                return False  # "Sen. Smith", "Prof. Ross"; a full title word ends its sentence ("генсек. Позже")
        return True

    # -------------------------------------------------------- step 3: attribution

    def _cue_at(self, i: int) -> _CueHit | None:
        t = self.toks[i]
        if not t.word:
            return None
        for form in self.d.cues.get(t.fold, ()):
            last = i
            ok = True
            for w in form.rest:
                last += 1
                if last >= len(self.toks) or self.toks[last].fold != w:
                    ok = False
                    break
            if ok:
                return _CueHit(t.start, self.toks[last].end, form.lemma, form.gender, i, last)
        if self.lang != "en" and t.text.isalpha() and t.text[0].islower():
            parse = get_morph(self.lang).parse(t.text)[0]
            if parse.tag.POS in ("VERB", "INFN", "GRND") and _fold(parse.normal_form) in self.d.cue_lemmas:
                gender = None
                if "past" in parse.tag:
                    gender = next((g for g in ("masc", "femn", "neut", "plur") if g in parse.tag), None)
                return _CueHit(t.start, t.end, self.d.cue_lemmas[_fold(parse.normal_form)], gender, i, i)
        return None

    def _bare(self, hit: _CueHit) -> bool:
        forms = self.d.cues.get(self.toks[hit.tok_first].fold, ())
        return any(f.bare and f.lemma == hit.lemma for f in forms)

    def _linking_preposition(self, i: int) -> bool:
        """English: token ``i`` is a preposition inside a speaker phrase, not a clause breaker: ``of``,
        ``to``, ``for``, ``with`` or ``at`` after a lower-case title or a word of source_links.txt, a word after it
        (``a spokesman for Jones``, ``a source close to Jones``, ``people familiar with the plan``)."""
        toks = self.toks
        if self.lang != "en" or toks[i].fold not in _LINKING_PREPOSITIONS or i == 0 or i + 1 >= len(toks):
            return False
        prev = toks[i - 1]
        if not prev.word or not prev.text.islower() or not toks[i + 1].word:
            return False
        return prev.fold in _source_links(self.lang) or self._is_title(i - 1) is not None

    def _stop(self, i: int, limit: int) -> bool:
        """Token ``i`` ends an attribution window."""
        t = self.toks[i]
        if t.start >= limit or t.text in _FAMILY or t.text in (";", ":", "?", "!", "…"):
            return True
        return self._is_terminal(i)

    def _is_title(self, i: int) -> str | None:
        t = self.toks[i]
        if not t.word:
            return None
        if t.fold in self.d.titles:
            return t.fold
        if self.lang != "en" and t.text.isalpha():
            from newsdesk.nlp.morph import lemma

            lem = _fold(lemma(t.text, self.lang))
            if lem in self.d.titles:
                return lem
        return None

    def _attr_after(self, pos: int, limit: int) -> _Attr | None:
        """A cue right after ``pos`` (a closing mark or a dash), speaker before or after it."""
        toks = self.toks
        i = bisect.bisect_left(self.tok_starts, pos)
        k = pos - 1
        while k > 0 and self.text[k] in _FAMILY:
            k -= 1
        if self.lang == "en":  # 'programming, " said X': a space typed before the closing mark (NTREX-128)
            while k > 0 and self.text[k] in " \t\u00a0":
                k -= 1
        punct = k >= 0 and self.text[k] in ",!?…—–―‒-"  # ',”' '?"' '», —'
        while i < len(toks) and toks[i].start < limit and toks[i].text in ",—–―‒-(":
            punct = True
            i += 1
        gap_start = i
        if (self.lang == "en" and punct and i + 1 < len(toks) and toks[i].fold == "it"
                and toks[i].start < limit):
            # '“…,” it added.': a report, paper or statement quoted by the pronoun (its words are otherwise
            # a clause breaker); the pronoun is the speaker, resolved as "they" is, to an organisation
            # nearby (a mention of the paper or agency) when there is one. Written looking at PolNeAR dev errors.
            j = i + 1
            while j < len(toks) and toks[j].word and toks[j].fold in self.d.fillers:
                j += 1
            hit = self._cue_at(j) if j < len(toks) else None
            if hit is not None and hit.end <= limit and self._verb_here(hit, gap_start):
                return _Attr(hit, _SpkRef(toks[i].start, toks[i].end, "pronoun", gender="plur"))
        words = 0
        while i < len(toks) and not self._stop(i, limit):
            t = toks[i]
            if t.word:
                hit = self._cue_at(i)
                if hit is not None and not self._verb_here(hit, gap_start):
                    hit = None  # "Secretary of State Antony Blinken said", "State Department spokesman"
                if hit is not None and not punct and self._about_after(hit.tok_last):
                    hit = None  # '“…” every time she reads about …': no attribution
                if hit is not None and hit.end <= limit:
                    if self.lang == "en" and self._bare(hit):
                        # "state news agency KCNA reported": a later cue before any comma is the verb
                        later = self._next_cue(hit.tok_last + 1, limit, _MAX_GAP_WORDS, comma=True)
                        if later is not None:
                            hit = later
                    gap = self._subject(gap_start, hit.tok_first, strict=True)
                    if gap is False:
                        return None
                    if gap is None and not punct:
                        return None  # '“…” suggests that': the quotation is the subject
                    speaker = gap
                    if gap is None or gap.kind == "phrase":  # "— с поклоном сказал швейцар"
                        speaker = self._after_cue(hit, limit) or gap
                    return _Attr(hit, speaker)
                m = self.tok_mention.get(i)
                if m is not None:  # a mention counts as one word
                    while i + 1 < len(toks) and self.tok_mention.get(i + 1) is m:
                        i += 1
                words += 1
                if words > _MAX_GAP_WORDS or (t.fold in self.d.breakers and m is None
                                              and not self._linking_preposition(i)):
                    return None
            elif t.text == "," and words:
                # an apposition: "…," Leonard E. Burman, director of …, said
                appos = self._after_apposition(i, limit, gap_start)
                if appos is not None:
                    gap = self._subject(gap_start, i, strict=True)
                    if isinstance(gap, _SpkRef):
                        return _Attr(appos, gap)
                return None
            elif t.text not in "—–―‒-()'’.":
                return None
            i += 1
        return None

    def _after_apposition(self, comma: int, limit: int, name_start: int | None = None) -> _CueHit | None:
        """The cue after an apposition that starts at token ``comma`` and ends with a comma.

        English, when the words from ``name_start`` to the comma are all capitalised (a name): the apposition
        may also close with no comma, after a capitalised word or a parenthesis (``…," Dieter Kempf, head of
        the Federation of German Industries (BDI) said``), unless a clause word (``who``, ``was``, ``at``,
        ``-`` entries of cues.txt) stands in it. Written looking at NTREX-128."""
        toks = self.toks
        i = comma + 1
        n = 0
        named = [t for t in toks[name_start:comma] if t.word] if name_start is not None else []
        clause = not named or not all(t.text[0].isupper() for t in named)
        while i < len(toks) and n < _MAX_APPOSITION_TOKENS:
            nick = self._nickname_close(i, limit)
            if nick is not None:  # state Del. Marcia "Cia" Price (English)
                n += nick - i + 1
                i = nick + 1
                continue
            if self._stop(i, limit):
                break
            if toks[i].word and toks[i].fold in self.d.breakers:
                clause = True  # "Jane Doe, who said …": a clause, not an apposition
            if (self.lang == "en" and not clause and toks[i].word and i > comma + 2
                    and (toks[i - 1].text == ")" or (toks[i - 1].word and toks[i - 1].text[0].isupper()))):
                # "…," Dieter Kempf, head of the Federation of German Industries (BDI) said: the apposition
                # closes with a name and no comma (NTREX-128)
                hit = self._cue_at(i)
                if hit is not None and self._verb_here(hit, comma + 1):
                    return hit
            if toks[i].text == ",":
                j = i + 1
                while j < len(toks) and toks[j].word and toks[j].fold in self.d.fillers:
                    j += 1
                return self._cue_at(j) if j < len(toks) and toks[j].start < limit else None
            i += 1
            n += 1
        return None

    def _nickname_close(self, i: int, limit: int) -> int | None:
        """English: token ``i`` opens a quoted nickname inside a name (``Marcia "Cia" Price``): a mark after a
        capitalised word, one to three capitalised words, a closing mark, then a capitalised word; the index
        of the closing mark, else None (the mark would end the attribution window). Written looking at
        PolNeAR dev errors."""
        toks = self.toks
        if self.lang != "en" or toks[i].text not in _FAMILY or i == 0 or not toks[i - 1].word:
            return None
        if not toks[i - 1].text[0].isupper():
            return None
        k = i + 1
        while k < len(toks) and k - i <= 4 and toks[k].word and toks[k].text[0].isupper():
            k += 1
        if (k == i + 1 or k - i > 4 or k + 1 >= len(toks) or toks[k].text not in _FAMILY
                or toks[k + 1].start >= limit or not toks[k + 1].word or not toks[k + 1].text[0].isupper()):
            return None
        return k

    def _next_cue(self, i: int, limit: int, max_words: int, comma: bool = False) -> _CueHit | None:
        """The first cue from token ``i`` within ``max_words`` words (``comma``: not past a comma)."""
        words = 0
        while i < len(self.toks) and not self._stop(i, limit) and words < max_words:
            if comma and self.toks[i].text == ",":
                return None
            if self.toks[i].word:
                hit = self._cue_at(i)
                if hit is not None and self._verb_here(hit, -1):
                    return hit
                words += 1
            i += 1
        return None

    def _verb_here(self, hit: _CueHit, lo: int) -> bool:
        """English: a cue form after a closing mark is a verb there, not a word of a name
        or title phrase: a capitalised form that does not open the window at token ``lo``
        (``Secretary of State Antony Blinken``, ``State Department spokesman``) or a form
        inside an entity mention (``the United States``) is not. Russian and Ukrainian
        always true (their cue forms are unambiguous verbs)."""
        if self.lang != "en":
            return True
        i = hit.tok_first
        if self.tok_mention.get(i) is not None:
            return False
        return not (self.toks[i].text[0].isupper() and i > lo)

    def _subject(self, lo: int, hi: int, strict: bool, first: bool = False) -> _SpkRef | None | bool:
        """The speaker named by tokens ``[lo, hi)`` next to a cue.

        Priority: a person mention, a pronoun, a title, an organisation
        mention, capitalised words, any other words. ``first`` takes the first
        item of each kind (the subject at the start of a clause), else the
        last (the one nearest a following cue).

        Returns None when there are no words, False when ``strict`` and the
        words cannot be an attribution subject (a clause breaker, or too many
        ordinary words), else the speaker reference.
        """
        toks = self.toks
        found: dict[str, list] = {"per": [], "pron": [], "title": [], "org": []}
        caps: list[int] = []
        others: list[int] = []
        words: list[int] = []
        i = lo
        while i < hi:
            t = toks[i]
            if not t.word:
                i += 1
                continue
            words.append(i)
            m = self.tok_mention.get(i)
            if m is not None:
                while i + 1 < hi and self.tok_mention.get(i + 1) is m:
                    i += 1
                if self._possessive(i):  # "Obama's former strategist": a modifier
                    others.append(i)
                elif m.label in ("PER", "ORG") and (not self._nominative(m) or self._dependent(m)):
                    others.append(i)  # ru/uk "окружения Джонса", "Спікер Лейбористської партії": a dependent
                elif m.label == "PER":
                    found["per"].append(m)
                elif m.label == "ORG":
                    found["org"].append(m)
                elif self._misc_name(m, i, hi):
                    caps.extend(range(bisect.bisect_left(self.tok_starts, m.start), i + 1))
                i += 1
                continue
            if t.fold in self.d.pronouns:
                found["pron"].append(i)
            elif self._is_title(i):
                found["title"].append(i)
            elif t.fold in self.d.fillers:
                pass
            elif t.fold in self.d.breakers and not self._linking_preposition(i):
                if strict:
                    return False
            elif t.text[0].isupper() and not self._lone_initial_cap(i, hi):
                caps.append(i)
            else:
                others.append(i)
            i += 1
        if not words:
            return None
        if strict and len(others) > 3:
            return False
        pick = 0 if first else -1
        if found["per"]:
            return self._mention_ref(found["per"][pick])
        if found["pron"]:
            return self._pronoun_ref(found["pron"][pick])
        if found["title"]:
            if first and caps and caps[0] < found["title"][0] and not found["pron"]:
                run = self._cap_run(caps[: self._run_end(caps)])
                if run[-1] + 1 < hi and toks[run[-1] + 1].text == ",":
                    # an apposition: "Jan Gelfand, head of the Red Cross in Indonesia, told CNN:"
                    return _SpkRef(toks[run[0]].start, toks[run[-1]].end, "name")
            named = self._name_after_title(found["title"][-1], hi)
            if named is not None:  # "Secretary of Defense Lloyd Austin said"
                return named
            return self._title_ref(words, found["title"][pick])
        if found["org"]:
            return self._mention_ref(found["org"][pick])
        if caps:
            run = self._cap_run(caps[: self._run_end(caps)] if first else caps)
            return _SpkRef(toks[run[0]].start, toks[run[-1]].end, "name")
        # another noun phrase ("the company", "a senior official"): the last
        # few words before the end, with no clause punctuation or breaker
        content = list(words)
        while content and toks[content[-1]].fold in self.d.fillers:
            content.pop()
        content = content[-_MAX_PHRASE_WORDS:]
        if not content or any(toks[w].fold in self.d.breakers and not self._linking_preposition(w) for w in content):
            return None
        if any(toks[k].text in ",;:()" for k in range(content[0], content[-1])):
            return None
        end = toks[content[-1]].end
        m = self.tok_mention.get(content[-1])
        if m is not None and m.end > end and m.end <= toks[hi - 1].end:  # "the United States"
            end = m.end
        return _SpkRef(toks[content[0]].start, end, "phrase")

    def _misc_name(self, m: Mention, last: int, hi: int) -> bool:
        """A MISC mention of two or more capitalised words that ends the speaker
        words (the cue or a comma next) is a name the recogniser mislabelled
        (``Ned Price`` as MISC); ``North Korean officials`` is not."""
        if m.label != "MISC":
            return False
        words = [w for w in re.findall(r"[^\W\d_]+", m.text)]
        if len(words) < 2 or not all(w[0].isupper() for w in words):
            return False
        nxt = last + 1
        return nxt >= hi or self.toks[nxt].text == ","

    def _name_after_title(self, ti: int, hi: int) -> _SpkRef | None:
        """The name that follows a title at token ``ti`` and ends right before token ``hi``
        (the cue): ``spokesman Ned Price``, ``Secretary of Defense Lloyd Austin`` (the
        recogniser may have tagged ``Defense Lloyd Austin`` as one organisation).

        Only capitalised words, ``of``/``for``/``the`` and the dots of initials and
        abbreviations (after a capitalised word of at most four letters: ``J.``, ``Sen.``)
        may stand between. The name is the last run of capitalised words; after ``of``/``for``
        its first word names the office (``Defense``), so the name starts at a known
        given name (English ``gendered_first_names.txt``, ru/uk pymorphy3 ``Name``),
        else it is the last two words of a longer run or the last word.
        """
        toks = self.toks
        run: list[int] = []
        office = False
        for k in range(ti + 1, hi):
            t = toks[k]
            if not t.word:
                if t.text not in ".-‐":
                    return None
                prev = toks[k - 1]
                if t.text == "." and not (prev.word and prev.text[0].isupper() and len(prev.text) <= 4):
                    return None  # a full stop ends the sentence ("— подчеркнул генсек. Позже он уехал")
                continue
            if t.text[0].isupper() and not self._is_title(k) and t.fold not in self.d.pronouns:
                run.append(k)
            elif t.fold in ("of", "for", "the") and not run:
                office = True
            elif t.fold in ("of", "for", "the") and office is False and run:
                office = True
                run = []
            else:
                return None
        if not run or (office and len(run) < 2):
            return None
        if office:
            start = next((k for k in run[1:] if self._given_name(k)), None)
            if start is None:
                start = run[-2] if len(run) >= 3 else run[-1]
            run = [k for k in run if k >= start]
        return _SpkRef(toks[run[0]].start, toks[run[-1]].end, "name")

    def _given_name(self, k: int) -> bool:
        word = self.toks[k].text
        if self.lang == "en":
            return _fold(word) in self.d.first_names
        return any("Name" in p.tag and p.is_known for p in get_morph(self.lang).parse(word))

    def _run_end(self, caps: list[int]) -> int:
        """Length of the first run of adjacent capitalised words in ``caps``."""
        n = 1
        while n < len(caps) and caps[n] - caps[n - 1] <= 2:
            n += 1
        return n

    def _lone_initial_cap(self, i: int, hi: int) -> bool:
        """A capitalised word that opens a sentence and is not followed by another one."""
        toks = self.toks
        nxt = i + 1
        if nxt < hi and toks[nxt].word and toks[nxt].text[0].isupper():
            return False
        j = i - 1
        while j >= 0 and not toks[j].word and (toks[j].text in _FAMILY or toks[j].text in _DASHES):
            j -= 1
        if j < 0 or "\n" in self.text[toks[j].end : toks[i].start]:
            return True
        return self._is_terminal(j) or toks[j].text == ":"

    def _possessive(self, i: int) -> bool:
        t = self.toks[i]
        if t.fold.endswith(("'s", "'")) and self.lang == "en":
            return True
        return i + 1 < len(self.toks) and self.toks[i + 1].text in ("'", "’") and self.toks[i + 1].start == t.end

    def _cap_run(self, caps: list[int]) -> list[int]:
        """The last run of adjacent capitalised words."""
        run = [caps[-1]]
        for c in reversed(caps[:-1]):
            if c == run[0] - 1 or (c == run[0] - 2 and self.toks[c + 1].text == "."):
                run.insert(0, c)
            else:
                break
        return run

    def _mention_ref(self, m: Mention) -> _SpkRef:
        return _SpkRef(m.start, m.end, "mention", mention=m)

    def _pronoun_ref(self, i: int) -> _SpkRef:
        t = self.toks[i]
        return _SpkRef(t.start, t.end, "pronoun", gender=self.d.pronouns.get(t.fold) or None)

    def _title_ref(self, words: list[int], ti: int) -> _SpkRef:
        toks = self.toks
        lem = self._is_title(ti)
        first = ti
        n = 0
        for w in reversed([w for w in words if w < ti]):
            if w != first - 1 and not (
                w == first - 2 and toks[first - 1].text in ".-‐'’" and not self._is_terminal(first - 1)
            ):
                break
            if n >= _MAX_TITLE_MODIFIERS or not self._title_modifier(w):
                break
            first = w
            n += 1
        definite = True
        if self.lang == "en" and toks[first].fold in ("a", "an", "one", "another"):
            definite = False
        elif self.lang != "en":
            # "одна жінка", "некий чиновник", "один из экспертов" (indefinites marked "?" in cues.txt)
            k = first - 1
            if k >= 1 and toks[k].fold in ("из", "з", "із") and toks[k - 1].fold in self.d.indefinites:
                k -= 1
            if toks[first].fold in self.d.indefinites or (k >= 0 and toks[k].word and toks[k].fold in self.d.indefinites):
                definite = False
        return _SpkRef(toks[first].start, toks[ti].end, "title", gender=self.d.titles.get(lem or ""),
                       title=lem, definite=definite)

    def _title_modifier(self, i: int) -> bool:
        """Token ``i`` may stand before a title in its phrase.

        English: an article, a capitalised word or an ordinary word (``the
        White House press secretary``), never a clause word from cues.txt
        (``with``, ``and``, ``not``: ``… sit well with the president`` keeps
        only ``the president``), a pronoun or a cue. Russian/Ukrainian: an
        adjective or participle (``бывший министр``), another title, or a
        capitalised word.
        """
        t = self.toks[i]
        if not t.word or t.fold in self.d.breakers or t.fold in self.d.pronouns or self._cue_at(i) is not None:
            return False
        if self.lang == "en":
            return True
        if t.text[0].isupper() or self._is_title(i):
            return True
        return get_morph(self.lang).parse(t.text)[0].tag.POS in ("ADJF", "PRTF")

    def _after_cue(self, hit: _CueHit, limit: int) -> _SpkRef | None:
        """The speaker after a cue (inversion: ``said Stoltenberg``, ``заявила министр Анна Ковальчук``)."""
        toks = self.toks
        i = hit.tok_last + 1
        if self.lang != "en":
            i = self._past_gerund_phrase(i, limit)
        words = 0
        first_word = True
        pron = title = org = None
        caps: list[int] = []
        while i < len(toks) and not self._stop(i, limit) and toks[i].text != ",":
            t = toks[i]
            if t.word:
                words += 1
                if words > _MAX_AFTER_CUE_WORDS:
                    break
                m = self.tok_mention.get(i)
                if m is not None and self._governed(self._tok_index(m.start)):
                    pass  # "— сказал журналистам The Hill", "— поділився з The Telegraph": an addressee
                elif m is not None:
                    if m.label == "PER" and self._nominative(m):
                        return self._mention_ref(m)
                    if (self.lang != "en" and m.label != "PER" and title == i - 1 and m.text[:1].isupper()
                            and self._is_title(title) in self.d.honorifics):
                        # "— сказала міс Стайнем" with the name tagged LOC: the honorific makes it a person
                        return _SpkRef(m.start, m.end, "name")
                    if m.label == "ORG" and org is None and self._nominative(m):
                        org = m
                elif first_word and t.fold in self.d.pronouns:
                    pron = i
                    break
                elif title is None and self._is_title(i) and not self._oblique_only(i):
                    title = i
                elif self.lang != "en" and t.text.islower() and self._oblique_only(i):
                    pass  # "— заявил журналистам тренер …": the addressee in the dative names no speaker
                elif t.text[0].isupper() and m is None:
                    if not caps or caps[-1] == i - 1 or (caps[-1] == i - 2 and toks[i - 1].text == "."):
                        caps.append(i)
                    elif caps and title is None:
                        break
                elif t.fold in self.d.breakers:
                    break
                first_word = False
            i += 1
        if pron is not None:
            return self._pronoun_ref(pron)
        if title is not None and (not caps or caps[-1] < title) and i < len(toks) and toks[i].text == ",":
            named = self._apposition_name(i + 1, limit)
            if named is not None:  # "said the White House press secretary, Jen Psaki."
                return named
        if caps and (title is None or caps[0] > title):
            return _SpkRef(toks[caps[0]].start, toks[caps[-1]].end, "name")
        if title is not None:
            lo = hit.tok_last + 1
            if self.lang != "en":  # "— розказав Reuters представник штабу": the name before the title is the addressee
                lo = max([lo] + [w + 1 for w in range(lo, title)
                                 if w in self.tok_mention or w in caps or self._oblique_only(w)])
                named = self._name_after_marks(i, limit) if not caps else None
                if named is not None:  # "— сказал журналистам тренер «Динамо» Олег Петренко."
                    return named
            return self._title_ref([w for w in range(lo, title + 1) if toks[w].word], title)
        if org is not None:
            return self._mention_ref(org)
        if caps:
            return _SpkRef(toks[caps[0]].start, toks[caps[-1]].end, "name")
        return self._noun_phrase(hit.tok_last + 1, i)

    def _past_gerund_phrase(self, i: int, limit: int) -> int:
        """Russian/Ukrainian: at token ``i`` right after a cue, skip an adverbial participle phrase set off
        by commas (``— сказав, не стримуючи емоцій, Гарсія``, ``— сказал, улыбнувшись, Петров``) and
        return the token after its closing comma; ``i`` itself when there is none. The phrase is a
        gerund (pymorphy3 ``GRND``), optionally after ``не``, followed by at most five words before
        the comma (Rosenthal, § 20: such a phrase is set off by commas on both sides)."""
        toks = self.toks
        if i >= len(toks) or toks[i].text != ",":
            return i
        j = i + 1
        if j < len(toks) and toks[j].fold in ("не", "ни"):
            j += 1
        if j >= len(toks) or not toks[j].word or self._stop(j, limit):
            return i
        if "GRND" not in get_morph(self.lang).parse(toks[j].text)[0].tag:
            return i
        words = 0
        j += 1
        while j < len(toks) and not self._stop(j, limit):
            if toks[j].text == ",":
                return j + 1 if words <= 5 else i
            if toks[j].word:
                words += 1
            elif toks[j].text in ".!?;:—–«»\"":
                return i
            j += 1
        return i

    def _name_after_marks(self, i: int, limit: int) -> _SpkRef | None:
        """Russian/Ukrainian: at token ``i``, a name in marks that belongs to a title (``тренер «Динамо»``)
        followed by a person's name in the nominative: that name."""
        toks = self.toks
        if i >= len(toks) or toks[i].text not in _OPENERS_ONLY and toks[i].text != '"':
            return None
        k = i + 1
        while k < len(toks) and k - i <= 5 and toks[k].text not in _FAMILY:
            k += 1
        if k >= len(toks) or k - i > 5 or k + 1 >= len(toks) or toks[k + 1].start >= limit:
            return None
        m = self.tok_mention.get(k + 1)
        if m is None or m.label != "PER" or m.start != toks[k + 1].start or not self._nominative(m):
            return None
        return self._mention_ref(m)

    def _oblique_only(self, i: int, dative: bool = False) -> bool:
        """Russian/Ukrainian: token ``i`` is a dictionary noun with no nominative reading (``журналистам``,
        ``виданню``, ``президенту``): an addressee or a complement, never the subject of a cue
        (``dative``: and it can be read in the dative, the case of an addressee)."""
        if self.lang == "en" or not self.toks[i].word or not self.toks[i].text.isalpha():
            return False
        parses = [p for p in get_morph(self.lang).parse(self.toks[i].text) if p.is_known]
        if not parses or not all(p.tag.POS == "NOUN" and p.tag.case not in (None, "nomn") for p in parses):
            return False
        return not dative or any(p.tag.case == "datv" for p in parses)

    def _governed(self, i: int) -> bool:
        """Russian/Ukrainian: the mention at token ``i`` follows a governing preposition or a noun that
        cannot be nominative and reads as a dative (``з The Telegraph``, ``виданню The Hill``, ``журналистам
        Би-би-си``), so an indeclinable name there is in that case and is no subject (a genitive possessor,
        ``в обращении Немцова``, still names the source)."""
        if self.lang == "en" or i == 0 or not self.toks[i - 1].word:
            return False
        # (a capitalised noun is a place or a body in the genitive of a title phrase: "министр энергетики
        # России Александр Новак" is no addressee)
        return self.toks[i - 1].fold in _GOVERNING_PREPOSITIONS or (
            self.toks[i - 1].text.islower() and self._oblique_only(i - 1, dative=True))

    def _apposition_name(self, i: int, limit: int) -> _SpkRef | None:
        """A name in apposition after a title, from token ``i`` to the end of the clause:
        a person mention in the nominative or one to four capitalised words (not a
        pronoun, not a cue), followed by the end of the sentence, ``,`` or a limit."""
        toks = self.toks
        if i >= len(toks) or not toks[i].word or toks[i].start >= limit:
            return None
        m = self.tok_mention.get(i)
        if m is not None and m.start == toks[i].start:
            if m.label != "PER" or not self._nominative(m):
                return None
            ref = self._mention_ref(m)
        else:
            k = i
            while (k < len(toks) and toks[k].word and toks[k].start < limit and toks[k].text[0].isupper()
                   and k - i < 4 and toks[k].fold not in self.d.pronouns and self._cue_at(k) is None
                   and not self._is_title(k)):
                k += 1
            if k == i:
                return None
            ref = _SpkRef(toks[i].start, toks[k - 1].end, "name")
        j = bisect.bisect_left(self.tok_starts, ref.end)
        if j < len(toks) and toks[j].start < limit and not (self._stop(j, limit) or toks[j].text in ",)"):
            return None
        return ref

    def _nominative(self, m: Mention) -> bool:
        """Russian/Ukrainian: the mention can be a subject (``Дзержинскому`` cannot)."""
        if self.lang == "en":
            return True
        words = re.findall(r"[^\W\d_]+", m.text)
        if not words:
            return True
        last = words[-1].lower()
        if last.endswith(_OBLIQUE_NAME_ENDINGS):
            return False
        morph = get_morph(self.lang)
        oblique = {"datv", "ablt", "loct", "gen2", "loc2"}
        # after a feminine form of address ("миссис Эднан-Лаперуза") a masculine reading of the name
        # is no evidence of its case: a woman's surname in -а is in the nominative
        k = bisect.bisect_left(self.tok_starts, m.start) - 1
        title = self._is_title(k) if m.label == "PER" and k >= 0 and self.toks[k].word else None
        woman = title in self.d.honorifics and self.d.titles.get(title) == "femn"

        def parse(word: str) -> list:
            parses = morph.parse(word)
            return [p for p in parses if "masc" not in p.tag] if woman else parses

        # a dictionary word with no nominative reading: the first word of any mention
        # ("Лейбористської партії", "лейбористской партии"), the surname of a person ("Джонса");
        # readings without a case (a verb: "Спит", Spieth) and plural readings of a name (a plural
        # genitive "Ферик" of "Ферика", Furyk) are no evidence of an oblique case of one person's name
        for w in [words[0]] + (words[-1:] if m.label == "PER" else []):
            first_parses = parse(w)
            # (nor, in a person's name, a plural common noun: "Хоан" read as the genitive plural of "хоана")
            cased = [p for p in first_parses if p.tag.case is not None
                     and not ("plur" in p.tag and ({"Name", "Surn", "Patr"} & p.tag.grammemes
                                                   or (m.label == "PER" and p.tag.POS == "NOUN")))]
            # (nor, in a person's name, a locative only: that case needs a preposition, which
            # _oblique checks, so "розповів Дейлі" is an indeclinable name, not "Дейл" in the locative)
            if first_parses and all(p.is_known for p in first_parses) and cased and not any(
                    p.tag.case == "nomn" for p in cased) and not (m.label == "PER" and _locative_only(cased)):
                return False
        parses = parse(last)
        indeclinable = (last[-1] in "еиоуюэєі" and not any(p.is_known for p in parses)) or (
            m.label == "PER" and _locative_only(parses))
        if parses and all(p.tag.case in oblique for p in parses) and not indeclinable:
            return False  # a foreign surname in a vowel outside the dictionary (Рютте, Шойгу) is in any case
        for w in words[:-1]:  # "Дональда Трампа": a dictionary first name that cannot be nominative
            parses = [p for p in morph.parse(w) if "Name" in p.tag and p.is_known]
            if parses and w[0].isupper() and not any(p.tag.case == "nomn" for p in parses):
                return False
        return True

    def _dependent(self, m: Mention) -> bool:
        """Russian/Ukrainian: the mention depends on the noun right before it, in the genitive
        (``окружения Лавкина``, ``представитель лейбористской партии``), so the noun, not the
        mention, heads the subject: the noun before it is a lower-case common noun (no title)
        and the noun or the mention's last word is not in the nominative by its likeliest
        reading (``футболист Месси``, an apposition, stays a subject), or the noun follows a
        preposition (``з оточення Петрова``: Ukrainian ``оточення`` reads as nominative too).

        English: the mention follows a preposition of ``cues.txt`` (``~`` lines) after a lower-case
        word that is no speech cue: ``a source close to Jones``, ``a spokesman for Trump`` (the source
        is the noun, not the name; written looking at NTREX-128, where the Russian and Ukrainian
        versions credit ``источник``/``джерело``)."""
        if self.lang == "en":
            i = bisect.bisect_left(self.tok_starts, m.start) - 1
            toks = self.toks
            if i < 1 or toks[i].fold not in self.d.prepositions or not toks[i - 1].word \
                    or not toks[i - 1].text.islower():
                return False
            j = bisect.bisect_left(self.tok_starts, m.end)
            if j < len(toks) and toks[j].word and toks[j].fold.endswith("ing"):
                return False  # "footage of Trump saying": the subject of the gerund
            return not any((hit := self._cue_at(k)) is not None and hit.tok_last >= i - 1 for k in range(max(0, i - 3), i))
        morph = get_morph(self.lang)
        i = bisect.bisect_left(self.tok_starts, m.start) - 1
        toks = self.toks
        if i > 0 and toks[i].text in "«„“\"" and toks[i - 1].fold in _GOVERNING_PREPOSITIONS:
            return True  # "Робін Крісті з «Мелроуз»": a name in marks after a preposition
        if i < 0 or not toks[i].word or not toks[i].text.isalpha() or not toks[i].text.islower() or self._is_title(i):
            return False
        if toks[i].end == m.start:
            return False
        head_parse = morph.parse(toks[i].text)[0]
        head = head_parse.tag
        if head.POS != "NOUN" or head_parse.normal_form in _time_nouns(self.lang):
            return False  # "в пятницу Уоррен написала": a time heads no name
        j = bisect.bisect_left(self.tok_starts, m.end)
        after = morph.parse(toks[j].text)[0].tag if j < len(toks) and toks[j].word and toks[j].text.islower() else None
        if after is not None and after.POS == "VERB" and "past" in after and self._subject_of(m, after):
            return False  # a past-tense verb right after the name: its subject ("У твіті Воррен написала")
        if i > 0 and toks[i - 1].word and toks[i - 1].fold in _GOVERNING_PREPOSITIONS:
            return True  # "з оточення Петрова": the noun is itself in a prepositional phrase, so not the subject
        if i > 0 and toks[i - 1].word and self._is_title(i - 1):
            return False  # "представник агентства Сутопо Нугрохо", "Автор розрахунків Пітер Мартін": the title's apposition
        words = re.findall(r"[^\W\d_]+", m.text)
        last = morph.parse(words[-1])[0].tag if words else None
        return head.case != "nomn" or (last is not None and last.case not in (None, "nomn"))

    def _subject_of(self, m: Mention, verb) -> bool:
        """Russian/Ukrainian: the last word of ``m`` can be the nominative subject of a past-tense
        ``verb`` (a pymorphy3 tag): a nominative reading whose gender, where both say one, is the
        verb's (``Коваль написала``; not ``окружения Лавкина сказал``: ``Лавкина`` is a woman's name
        only in the nominative)."""
        words = re.findall(r"[^\W\d_]+", m.text)
        if not words:
            return False
        vg = next((g for g in ("masc", "femn", "neut") if g in verb), None)
        if vg == "neut":
            return False  # "Джерело з оточення Петрова сказало": a neuter verb agrees with no person
        for p in get_morph(self.lang).parse(words[-1]):
            if p.tag.case != "nomn":
                continue
            pg = next((g for g in ("masc", "femn") if g in p.tag), None)
            if vg is None or pg is None or pg == vg or "Fixd" in p.tag:
                return True
        return False

    def _noun_phrase(self, lo: int, hi: int, any_case: bool = False, animate: bool = True) -> _SpkRef | None:
        """Russian/Ukrainian: the first animate noun in the nominative (``any_case``: in any
        case; ``animate=False``: animate or not, ``Источник``) in tokens ``[lo, hi)``, with the
        adjectives before it (``— говорят некоторые деканы``). English: only an age description
        standing alone (``said the 31-year-old``, :data:`_EN_AGE_RE`)."""
        if self.lang == "en":
            words = [k for k in range(lo, min(hi, len(self.toks))) if self.toks[k].word]
            if len(words) == 2 and self.toks[words[0]].fold == "the" and _EN_AGE_RE.fullmatch(self.toks[words[1]].fold):
                return _SpkRef(self.toks[words[0]].start, self.toks[words[1]].end, "phrase")
            return None
        morph = get_morph(self.lang)
        toks = self.toks
        for i in range(lo, min(hi, len(toks))):
            t = toks[i]
            if not t.word:
                continue
            if t.fold in self.d.breakers:
                return None
            if t.fold in self.d.indefinites and i + 2 < min(hi, len(toks)) and toks[i + 1].fold in ("из", "з", "із"):
                # "— говорит одна из экс-гимнасток": "one of" + a plural noun in the genitive (written looking at ADAQ)
                k = i + 2
                while k < hi - 1 and toks[k].word and morph.parse(toks[k].text)[0].tag.POS in ("ADJF", "PRTF"):
                    k += 1
                tag = morph.parse(toks[k].text)[0].tag if toks[k].word else None
                if tag is not None and tag.POS == "NOUN" and "plur" in tag and "gent" in tag:
                    return _SpkRef(t.start, toks[k].end, "phrase", definite=False)
            inside = self.tok_mention.get(i)
            if inside is not None and inside.label == "PER" and self._dependent(inside):
                continue  # a word of a name that depends on a noun ("з оточення Петра Зоріна"): no head of its own
            tag = morph.parse(t.text)[0].tag
            if tag.POS == "NOUN" and (any_case or "nomn" in tag) and ("anim" in tag or not animate):
                first = i
                while first - 1 >= lo and toks[first - 1].word:
                    prev = morph.parse(toks[first - 1].text)[0].tag
                    if prev.POS not in ("ADJF", "PRTF") or (not any_case and "nomn" not in prev):
                        break
                    first -= 1
                return _SpkRef(toks[first].start, t.end, "phrase")
        return None

    def _clause_start(self, pos: int, lo: int) -> int:
        """Start of the sentence holding ``pos``, not before ``lo``."""
        if self.sents:
            k = bisect.bisect_right(self.sent_starts, pos) - 1
            if k >= 0 and self.sents[k].start <= pos <= self.sents[k].end:
                return max(lo, self.sents[k].start)
        i = bisect.bisect_left(self.tok_starts, pos) - 1
        while i >= 0 and self.toks[i].start >= lo:
            if self._is_terminal(i):
                return max(lo, self.toks[i].end)
            i -= 1
        return lo

    def _attr_before(self, open_pos: int, lo: int) -> _Attr | None:
        """A cue before an opening mark at ``open_pos``: ``He said: “…”``."""
        toks = self.toks
        lo = self._clause_start(open_pos, lo)
        j = bisect.bisect_left(self.tok_starts, open_pos) - 1
        if j < 0 or toks[j].start < lo:
            return None
        sep = None
        while j >= 0 and toks[j].start >= lo and toks[j].text in ":,—–―‒-":
            sep = ":" if toks[j].text == ":" else (sep or toks[j].text)
            j -= 1
        if sep == ":":
            limit_words = _MAX_BEFORE_COLON_WORDS
        elif sep is not None:
            limit_words = _MAX_BEFORE_COMMA_WORDS
            if sep == "," and self.lang == "en":
                # a linking phrase before the comma does not count ("said on the other hand, “…”"):
                # lang/en/discourse_phrases.txt
                for phrase in load_list("en", "discourse_phrases"):
                    words_ = phrase.split()
                    first = j - len(words_) + 1
                    if first >= 0 and toks[first].start >= lo and [t.fold for t in toks[first:j + 1]] == words_:
                        j = first - 1
                        break
        else:
            limit_words = 0  # no punctuation: the cue must touch the mark (said "…")
            # English: a short time phrase or manner adverb may stand between them (said last night "…")
            adverbials = _cue_adverbials(self.lang)
            k = j
            while k >= 0 and j - k < 4 and toks[k].start >= lo and toks[k].word and toks[k].fold in adverbials:
                k -= 1
            if k < j and k >= 0 and toks[k].start >= lo and toks[k].word:
                hit = self._cue_at(k)
                if hit is not None and hit.tok_last == k:
                    return _Attr(hit, self._before_subject(hit, lo, k + 1))
        words = 0
        k = j
        while k >= 0 and toks[k].start >= lo:
            t = toks[k]
            if t.text in _FAMILY or self._is_terminal(k):
                return None
            if t.word:
                hit = self._cue_at(k)
                if hit is not None and hit.tok_last <= j:
                    return _Attr(hit, self._before_subject(hit, lo, j + 1))
                words += 1
                if words > limit_words:
                    return None
            k -= 1
        return None

    def _before_subject(self, hit: _CueHit, lo: int, hi_tok: int) -> _SpkRef | None:
        """The speaker of a cue that precedes the quotation (``He said: “…”``)."""
        toks = self.toks
        # ru/uk inversion: the speaker comes first after the cue, an apposition may name another
        # person or firm after it ("Говорит Пол Миллс-Хикс, коммерческий директор Сейнсбери:")
        after = self._subject(hit.tok_last + 1, hi_tok, strict=False, first=self.lang != "en")
        after_ok = isinstance(after, _SpkRef) and after.kind in ("mention", "pronoun", "name")
        if after_ok and after.mention is not None and not self._nominative(after.mention):
            after_ok = False  # "сказал Дзержинскому:": an addressee
        if after_ok and after.kind == "mention" and after.mention is not None and after.mention.label != "PER":
            after_ok = False  # "told CBS:", "сказал РИА Новости:": an addressee
        lo_tok = bisect.bisect_left(self.tok_starts, lo)
        if not self._gerund(hit):
            # the item right before the cue (fillers between)
            k = hit.tok_first - 1
            while k >= lo_tok and (not toks[k].word or toks[k].fold in self.d.fillers) and toks[k].text not in ",;":
                k -= 1
            if k >= lo_tok and toks[k].fold in self.d.relatives:
                # "… with the president, who commented:" / "президенту, который прокомментировал:"
                antecedent = self._before_relative(k, lo_tok)
                if antecedent is not None:
                    return antecedent
            if self.lang == "en" and k >= lo_tok and toks[k].word:
                source = self._source_with_complement(k, lo_tok)
                if source is not None:
                    return source
            if k >= lo_tok and toks[k].word:
                m = self.tok_mention.get(k)
                if (m is not None and m.label in ("PER", "ORG") and not self._possessive(k)
                        and self._nominative(m) and not self._dependent(m)):  # not "Источник из окружения Джонса сказал:"
                    owner = self._open_apposition_owner(bisect.bisect_left(self.tok_starts, m.start), lo_tok)
                    return self._mention_ref(owner if owner is not None else m)
                if toks[k].fold in self.d.pronouns:
                    return self._pronoun_ref(k)
                if self._is_title(k):
                    return self._title_ref(list(range(lo_tok, k + 1)), k)
                if self.lang == "en" and toks[k].fold in load_list("en", "source_nouns"):
                    # "A senior Labour Party source told …:": the source, not the party that modifies it
                    first = k
                    while (first - 1 >= lo_tok and toks[first - 1].word and k - first < _MAX_PHRASE_WORDS + 2
                           and toks[first - 1].fold not in self.d.breakers and self._cue_at(first - 1) is None):
                        first -= 1
                    return _SpkRef(toks[first].start, toks[k].end, "phrase")
            if after_ok and self.lang != "en":
                return after  # inversion: «Заявил министр Иванов: …»
            held = self.tok_mention.get(k) if k >= lo_tok else None
            if k >= lo_tok and toks[k].word and not (held is not None and self._dependent(held)):
                noun = self._noun_phrase(k, k + 1)  # "дед сказал Дзержинскому:"
                if noun is not None:
                    return noun
            noun = self._noun_phrase(hit.tok_last + 1, hi_tok)  # "Как разъясняет следователь, …"
            if noun is not None:
                return noun
        absolute = self._with_gerund(hit, lo_tok)
        if absolute is not None:
            return absolute
        # "Stoltenberg, speaking in Brussels, said:" / "…, adding:" -> the clause's subject
        subj = self._subject(lo_tok, hit.tok_first, strict=False, first=True)
        if isinstance(subj, _SpkRef) and subj.kind != "phrase":
            return subj
        noun = self._noun_phrase(lo_tok, hit.tok_first)  # "Государь улыбнулся и сказал:"
        if noun is not None:
            return noun
        if after_ok:
            return after
        if self.lang != "en" and (subj is None or (isinstance(subj, _SpkRef) and subj.kind == "phrase")):
            # "Источник из близкого окружения Джонса сказал:": the head noun, animate or not
            head = self._noun_phrase(lo_tok, hit.tok_first, animate=False)
            if head is not None:
                return head
        return subj if isinstance(subj, _SpkRef) else None

    def _source_with_complement(self, k: int, lo_tok: int) -> _SpkRef | None:
        """English: the words ending at token ``k`` (right before a cue) are a source noun of
        ``lang/en/source_nouns.txt`` and its complement, ``A source close to the minister``, ``sources
        familiar with the talks``: the whole phrase is the speaker, not the person or body in the
        complement. The noun stands at most :data:`_MAX_PHRASE_WORDS` words back, followed by one of
        :data:`_EN_SOURCE_COMPLEMENTS`; no punctuation between. None otherwise."""
        toks = self.toks
        nouns = load_list("en", "source_nouns")
        j = k - 1
        while j >= lo_tok and k - j <= _MAX_PHRASE_WORDS and toks[j].word and self._cue_at(j) is None:
            if toks[j].fold in nouns and toks[j + 1].fold in _EN_SOURCE_COMPLEMENTS:
                first = j
                while (first - 1 >= lo_tok and toks[first - 1].word and j - first < 4
                       and toks[first - 1].fold not in self.d.breakers and self._cue_at(first - 1) is None):
                    first -= 1
                return _SpkRef(toks[first].start, toks[k].end, "phrase")
            j -= 1
        return None

    def _with_gerund(self, hit: _CueHit, lo_tok: int) -> _SpkRef | None:
        """English: the speaker of a gerund cue in an absolute phrase (``…, with one person there telling
        the publication: “…”``, ``with Smith adding:``): the words between ``with`` and the gerund, not
        the clause's subject. None for any other cue, or when punctuation or more than
        :data:`_MAX_PHRASE_WORDS` words stand between them. Written looking at NTREX-128."""
        if self.lang != "en" or not self._gerund(hit):
            return None
        toks = self.toks
        j, words = hit.tok_first - 1, 0
        while j >= lo_tok and toks[j].word and words <= _MAX_PHRASE_WORDS:
            if toks[j].fold == "with":
                if words == 0:
                    return None
                ref = self._subject(j + 1, hit.tok_first, strict=False, first=True)
                return ref if isinstance(ref, _SpkRef) else None
            words += 1
            j -= 1
        return None

    def _open_apposition_owner(self, first: int, lo_tok: int) -> Mention | None:
        """English: the person whose apposition holds the words that end at a cue, when the
        apposition opens with a comma and a preposition of ``lang/en/apposition_links.txt`` and is
        never closed by a second comma (``Paul Newman, of leisure analysts RSM said:``): the
        organisation before the cue, starting at token ``first``, only modifies the person.

        None in Russian/Ukrainian, when no such comma stands within :data:`_MAX_BEFORE_COLON_WORDS`
        words before ``first`` (other punctuation or a clause start ends the search), or when the
        word before the comma is not the end of a person mention in subject position. Written
        looking at NTREX-128.
        """
        if self.lang != "en":
            return None
        toks = self.toks
        links = load_list("en", "apposition_links")
        j, words = first - 1, 0
        while j > lo_tok and words <= _MAX_BEFORE_COLON_WORDS:
            t = toks[j]
            if t.word:
                words += 1
            elif t.text == ",":
                if toks[j + 1].fold not in links:
                    return None
                m = self.tok_mention.get(j - 1)
                if m is None or m.label != "PER" or self._possessive(j - 1):
                    return None
                return m if not self._oblique(bisect.bisect_left(self.tok_starts, m.start), m) else None
            elif t.text not in ".-'’&":
                return None
            j -= 1
        return None

    def _before_relative(self, k: int, lo_tok: int) -> _SpkRef | None:
        """The noun phrase a relative pronoun at token ``k`` refers to: the
        mention, title, pronoun or (Russian/Ukrainian) animate noun right
        before the comma that opens the relative clause."""
        toks = self.toks
        j = k - 1
        if self.lang == "en" and j >= lo_tok and toks[j].word:
            # no comma: "head of the group, Candace Turner who tweeted:" (a person right before the pronoun)
            m = self.tok_mention.get(j)
            if (m is not None and m.label == "PER" and not self._possessive(j)
                    and not self._oblique(bisect.bisect_left(self.tok_starts, m.start), m)):
                return self._mention_ref(m)
            return None
        if j < lo_tok or toks[j].text != ",":
            return None
        j -= 1
        if j < lo_tok or not toks[j].word:
            return None
        m = self.tok_mention.get(j)
        if m is not None:
            return self._mention_ref(m) if m.label in ("PER", "ORG") else None
        if toks[j].fold in self.d.pronouns:
            return self._pronoun_ref(j)
        if self._is_title(j):
            return self._title_ref([w for w in range(max(lo_tok, j - 6), j + 1) if toks[w].word], j)
        return self._noun_phrase(j, j + 1, any_case=True)

    def _gerund(self, hit: _CueHit) -> bool:
        """``saying``/``adding``, ``добавив``, ``додавши``: the speaker is the clause's subject."""
        word = self.toks[hit.tok_first]
        if self.lang == "en":
            return word.fold.endswith("ing")
        tag = get_morph(self.lang).parse(word.text)[0].tag
        return "GRND" in tag or "advp" in str(tag)

    def _embedded(self, cs: int, ce: int) -> tuple[int, _Attr, int | None] | None:
        """An attribution set off by dashes inside the content ``[cs, ce)``.

        Returns (end of the first part, attribution, start of the second part
        or None), for ``«…, — пояснил он, — …»``.
        """
        toks = self.toks
        i = bisect.bisect_left(self.tok_starts, cs)
        while i < len(toks) and toks[i].end <= ce:
            t = toks[i]
            if t.text in _DASHES and i > 0 and toks[i - 1].start >= cs and toks[i - 1].text in ",.!?…":
                attr = self._attr_after(t.end, ce)
                if attr is not None:
                    cut = toks[i - 1].start if toks[i - 1].text == "," else toks[i - 1].end
                    k = max(attr.cue.tok_last, self._tok_index(attr.speaker.end) if attr.speaker else 0) + 1
                    second = None
                    steps = 0
                    while k < len(toks) and toks[k].end <= ce and steps < 12:
                        if toks[k].text in _DASHES and self.text[toks[k].start - 1 : toks[k].start].isspace():
                            second = toks[k].end
                            break
                        if toks[k].text in _FAMILY:
                            break
                        k += 1
                        steps += 1
                    if second is None:
                        rest = self._sentence_after(attr.cue.end, ce)
                        if rest > attr.cue.end and self._words_between(rest, ce) > 0:
                            second = rest
                    return cut, attr, second
            i += 1
        return None

    def _tok_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.tok_starts, pos) - 1)

    def _nickname(self, c: _Cand, s: int, e: int) -> bool:
        """A short capitalised phrase between two capitalised words: ``Robert "Bobby" Mills``."""
        if c.open_mark is None or c.close_mark is None or self._words_between(s, e) > 3:
            return False
        i = bisect.bisect_left(self.tok_starts, c.open_mark.start) - 1
        j = bisect.bisect_left(self.tok_starts, c.close_mark.end)
        return (
            i >= 0
            and j < len(self.toks)
            and self.toks[i].word
            and self.toks[j].word
            and self.toks[i].text[0].isupper()
            and self.toks[j].text[0].isupper()
            and self.text[self.toks[i].end : c.open_mark.start].isspace()
            and self.text[c.close_mark.end : self.toks[j].start].isspace()
            and self.text[s].isupper()
        )

    def _slavic_title(self, c: _Cand, s: int, e: int) -> bool:
        """Russian/Ukrainian: a capitalised quoted name inside a sentence: ``сиквелах «Игр престолов», …``.

        Direct speech after the author's words takes a colon (or opens its
        sentence, or follows a dash), and a quotation built into the sentence
        opens lower-case (Rosenthal, § 47; see :meth:`_fragment`); so a quoted
        phrase of at most five words that opens upper-case, holds no
        punctuation (``. ! ? … , : ;``) and stands after words of its own
        sentence with neither a colon nor a dash right before it is the title
        of a work, a newspaper, a ship or a party, or a court case (``справи
        "Роу проти Вейда"``), not a quotation, even with a cue near it.
        A cue right before the mark (``ответил «Нет»``) keeps it a quotation.
        Written looking at NTREX-128, where such titles took the cue of the
        sentence.
        """
        if self.lang == "en" or c.open_mark is None or c.close_mark is None:
            return False
        if not self.text[s].isupper() or self._words_between(s, e) > 5:
            return False
        if any(ch in ".!?…,:;" for ch in self.text[s:e].rstrip(".!?…")) or self.text[e - 1] in ",:;":
            return False
        pos = c.open_mark.start
        lo = self._clause_start(pos, self.paras[c.para_first][0])
        before = self.text[lo:pos].rstrip()
        if not before or before[-1] == ":" or before[-1] in _DASHES or not any(ch.isalnum() for ch in before):
            return False
        j = bisect.bisect_left(self.tok_starts, pos) - 1
        return not (j >= 0 and self.toks[j].word and self._cue_at(j) is not None)

    def _is_name(self, s: int, e: int) -> bool:
        """The quoted words are exactly one entity mention: «РИА Новости», "Hiroshima"."""
        i = bisect.bisect_left(self.tok_starts, s)
        m = self.tok_mention.get(i)
        if m is None:
            return False
        text = self.text[s:e].rstrip(".!?…")
        return m.start <= s and m.end >= s + len(text)

    def _title_case(self, s: int, e: int) -> bool:
        """A headline-style name: ``“Legend in the Coal Fields”``, ``“Fox News Sunday”``.

        True when at least two words of four or more letters occur and every
        one of them is capitalised (an all-capitals text is not a title).
        """
        words = self._word_texts(s, e, 13)
        if len(words) > 12 or self.text[s:e].isupper():
            return False
        alpha = [w for w in words if w.isalpha()]
        long = [w for w in alpha if len(w) >= 4]
        if not long or not all(w[0].isupper() for w in long):
            return False
        if self.lang == "en" and any(len(w) == 3 and w.islower() and w not in _TITLE_SMALL_WORDS for w in alpha):
            return False  # a lower-case content word: "With an eye to February 20th, Carolina"
        # "Legend in the Coal Fields"; short: "60 Minutes", "Fox News"
        return len(long) >= 2 or (len(words) >= 2 and all(w[0].isupper() for w in alpha))

    def _word_texts(self, s: int, e: int, at_most: int) -> list[str]:
        out = []
        i = bisect.bisect_left(self.tok_starts, s)
        while i < len(self.toks) and self.toks[i].end <= e and len(out) < at_most:
            if self.toks[i].word:
                out.append(self.toks[i].text)
            i += 1
        return out

    def _term_before(self, open_pos: int, para_start: int) -> bool:
        before = _fold(self.text[max(para_start, open_pos - 40) : open_pos]).rstrip()
        for marker in self.d.term_markers:
            at = before.rfind(marker)
            if at < 0:
                continue
            tail = before[at + len(marker) :]
            if (at == 0 or not before[at - 1].isalnum()) and re.fullmatch(r"\w*\s*", tail):
                return True
        return False

    # -------------------------------------------------------- assembling

    def _trim(self, s: int, e: int) -> tuple[int, int]:
        text = self.text
        while s < e and text[s].isspace():
            s += 1
        while s < e and text[s] in _DASHES and s + 1 < e and text[s + 1].isspace():
            s += 1
            while s < e and text[s].isspace():
                s += 1
        # a comma right before the closing mark stays: it lies between the marks (``“We are ready,” he
        # said``, as PolNeAR annotates it); one outside them (``«Мы готовы», — сказал он``) is never inside
        keep_comma = e < len(text) and text[e] in _FAMILY
        while e > s and (
            text[e - 1].isspace() or (text[e - 1] in ",;:" and not keep_comma) or text[e - 1] in _DASHES
        ):
            e -= 1
        return s, e

    def _para_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    def _standalone(self, c: _Cand, s: int, e: int) -> bool:
        if c.open_mark is None or c.close_mark is None:
            return False
        ps, pe = self.paras[c.para_first]
        before = self.text[ps : c.open_mark.start].rstrip()
        if before and before[-1] not in ".!?…:" and before[-1] not in _DASHES and before[-1] not in "”»\"’":
            return False
        if s >= e or not (self.text[s].isupper() or not self.text[s].isalpha()):
            return False
        after = self.text[c.close_mark.end : self.paras[c.para_last][1]].lstrip()
        return self.text[e - 1] in ".!?…" or not after or after[0] in ".!?…"

    def _name_colon(self, c: _Cand, lo: int) -> _Attr | None:
        """Russian/Ukrainian: ``Робин Кристи, Мелроуз: «…»`` and headlines ``Дональд Трамп: «…»``: the
        sentence before the opening mark is a person mention in the nominative, optionally followed by a
        comma and one to three capitalised words (the team, party or firm), then a colon. The person is the
        speaker; there is no cue. Written looking at NTREX-128, where a translation drops the English
        ``said`` of ``Robyn Christie of Melrose said: "…"``."""
        if c.open_mark is None:
            return None
        toks = self.toks
        start = self._clause_start(c.open_mark.start, lo)
        f = bisect.bisect_left(self.tok_starts, start)
        j = bisect.bisect_left(self.tok_starts, c.open_mark.start) - 1
        if j <= f or toks[j].text != ":":
            return None
        m = self.tok_mention.get(f)
        if m is None or m.label != "PER" or m.start != toks[f].start or not self._nominative(m):
            return None
        k = bisect.bisect_left(self.tok_starts, m.end)
        if k < j:
            rest = toks[k + 1 : j]
            if toks[k].text != "," or not 1 <= len(rest) <= 3 or not all(
                    t.word and t.text[0].isupper() and self.tok_mention.get(i) is not m
                    for i, t in enumerate(rest, k + 1)):
                return None
        return _Attr(None, self._mention_ref(m))

    def _past_names_in_marks(self, k: int, ps: int) -> int:
        """Russian/Ukrainian: the index in ``mark_starts`` to bound an attribution before a quotation
        whose mark is at index ``k``, stepping back over name pairs (``Робін Крісті з «Мелроуз»
        прокоментував: «…»``): a closing and an opening mark in the paragraph that holds ``ps``,
        around one to five words that start upper-case with no sentence punctuation (the name of a
        club, paper or party, which Russian and Ukrainian put in «»). Written looking at NTREX-128."""
        while k >= 2 and self.mark_starts[k - 2] >= ps:
            op, cl = self.mark_starts[k - 2], self.mark_starts[k - 1]
            if self.text[op] not in "«„“\"" or self.text[cl] not in "»“”\"":
                break
            inner = self.text[self._mark_end(op) : cl]
            words = inner.split()
            if not (1 <= len(words) <= 5 and inner[:1].isupper() and not any(ch in inner for ch in ".!?,:;«»\"“”„")):
                break
            k -= 2
        return k

    def _own_attr(self, c: _Cand, s: int, e: int) -> list[tuple[int, int, _Attr | None]]:
        """Split a candidate into parts with their own attributions."""
        ps = self.paras[c.para_first][0]
        pe = self.paras[c.para_last][1]
        after = None
        if c.close_mark is not None and self.text[e - 1] != ".":
            # a full stop inside the marks ends the sentence: what follows is not its attribution
            after = self._attr_after(c.close_mark.end, pe)
        before = None
        if c.open_mark is not None:
            k = bisect.bisect_left(self.mark_starts, c.open_mark.start)
            lo = ps
            if self.lang != "en":
                k = self._past_names_in_marks(k, ps)
            if k > 0 and self.mark_starts[k - 1] >= ps:
                lo = self._mark_end(self.mark_starts[k - 1])
            before = self._attr_before(c.open_mark.start, lo)
            if before is None and not self.text[ps : c.open_mark.start].strip() and c.para_first > 0:
                pps, ppe = self.paras[c.para_first - 1]
                if self.text[pps:ppe].rstrip().endswith(":"):
                    before = self._attr_before(pps + len(self.text[pps:ppe].rstrip()), pps)
            if before is None and self.lang != "en":
                before = self._source_phrase(c, e, lo)
            if before is None:  # English headlines too: "Jack Ross: 'My ultimate ambition is …'" (NTREX-128)
                before = self._name_colon(c, lo)
        parts: list[tuple[int, int, _Attr | None]] = []
        cs, first_attr = s, before
        while True:
            emb = self._embedded(cs, e)
            if emb is None:
                break
            cut, attr, second = emb
            parts.append((cs, cut, first_attr or attr))
            if second is None:
                return [(a, b, at) for a, b, at in parts]
            cs, first_attr = second, attr
        if (self.lang == "en" and after is not None and after.speaker is None and after.cue is not None
                and first_attr is not None and first_attr.speaker is not None and self._gerund(after.cue)):
            # 'West went on: "…?" saying that …': a gerund with no subject continues the clause before
            after = None
        parts.append((cs, e, after or first_attr))
        return parts

    def _source_phrase(self, c: _Cand, e: int, lo: int) -> _Attr | None:
        """Russian/Ukrainian: ``По словам X, «…».`` / ``За словами X, «…».`` attribute the quotation after them.

        The sentence opens with a phrase marked ``=`` in cues.txt (``по
        словам``, ``по заявлению``, ``за словами``, ``за заявою``), the source
        follows in the genitive, a comma, and the quotation takes the rest of
        the sentence (only ``.`` ``!`` ``?`` ``…`` after its closing mark, or
        its content ends one). The phrase is the cue, the source the speaker
        (a person mention, else an organisation, else a title or a noun, in
        any case); the quotation is direct even when it opens lower-case
        (Russian and Ukrainian grammar build it into the sentence; see
        :meth:`_fragment`). A quoted fragment inside the sentence (``По словам
        X, «ошибка» была в расчётах``) is not attributed here. Written looking
        at NTREX-128, where translators turn ``A spokesperson said: "…"`` into
        ``По заявлению представителя, «…»``.
        """
        if not self.d.source_phrases or c.open_mark is None:
            return None
        toks = self.toks
        open_pos = c.open_mark.start
        j = bisect.bisect_left(self.tok_starts, open_pos) - 1
        if j < 0 or toks[j].text != ",":
            return None
        if c.close_mark is not None and self.text[e - 1] not in _TERMINALS:
            after = self.text[c.close_mark.end : self.paras[c.para_last][1]].lstrip()
            if after and after[0] not in _TERMINALS:
                return None
        f = bisect.bisect_left(self.tok_starts, self._clause_start(open_pos, lo))
        for phrase in self.d.source_phrases:
            n = len(phrase)
            if f + n >= j or tuple(toks[f + k].fold for k in range(n)) != phrase:
                continue
            if j - (f + n) > _MAX_APPOSITION_TOKENS or any(
                toks[k].text in _FAMILY or toks[k].text in ":;" or self._is_terminal(k) for k in range(f + n, j)
            ):
                return None
            hit = _CueHit(toks[f].start, toks[f + n - 1].end, " ".join(phrase), None, f, f + n - 1)
            self.source_cues.add(hit.start)
            return _Attr(hit, self._source_ref(f + n, j))
        if f + 2 < j and toks[f].fold in ("как", "як") and (hit := self._cue_at(f + 1)) is not None:
            # "Как заявили в министерстве, «…»": the cue after "как"; its speaker after it, or else
            # the organisation or body "в/у" names (impersonal plural: the ministry said)
            if any(toks[k].text in _FAMILY and toks[k].start >= open_pos for k in range(hit.tok_last + 1, j)):
                return None
            ref = self._after_cue(hit, open_pos)
            if ref is None or not self._speaker_ok(ref, hit):
                ref = None
                for k in range(hit.tok_last + 1, j - 1):
                    if toks[k].fold in ("в", "во", "у"):
                        ref = self._source_ref(k + 1, j)
                        break
            self.source_cues.add(hit.start)
            return _Attr(hit, ref)
        return None

    def _as_said(self, first: _Part) -> bool:
        """ru/uk: ``Как сообщил X, «…».``: the sentence opens with ``как``/``як`` and the cue, a comma
        stands right before the opening mark, and the quotation takes the rest of the sentence."""
        c, cue = first.cand, first.attr.cue
        if c.open_mark is None or cue is None or cue.tok_first < 1 or cue.end > c.open_mark.start:
            return False
        toks = self.toks
        k = cue.tok_first - 1
        if toks[k].fold not in ("как", "як"):
            return False
        if self._clause_start(c.open_mark.start, self.paras[c.para_first][0]) > toks[k].start:
            return False
        j = bisect.bisect_left(self.tok_starts, c.open_mark.start) - 1
        if j < 0 or toks[j].text != "," or any(toks[i].text in _FAMILY for i in range(k, j)):
            return False
        if c.close_mark is not None and self.text[first.end - 1] not in _TERMINALS:
            after = self.text[c.close_mark.end : self.paras[c.para_last][1]].lstrip()
            if after and after[0] not in _TERMINALS:
                return False
        return True

    def _source_ref(self, lo: int, hi: int) -> _SpkRef | None:
        """The source named in tokens ``[lo, hi)`` after ``по словам``: a mention, a title or a noun (any case)."""
        s, e = self.toks[lo].start, self.toks[hi - 1].end
        inside = [m for m in self.mentions if s <= m.start and m.end <= e]
        for label in ("PER", "ORG"):
            m = next((m for m in inside if m.label == label), None)
            if m is not None:
                return self._mention_ref(m)
        for i in range(lo, hi):
            if self._is_title(i):
                return self._title_ref(list(range(lo, hi)), i)
        return self._noun_phrase(lo, hi, any_case=True, animate=False)

    def _direct_attr(self, c: _Cand, s: int, e: int) -> _Attr | None:
        """The attribution of a whole quoted span by a cue set off from it by punctuation.

        The span must open its sentence (a title inside one keeps the comma of
        American style: ``the broadcast of “Fox News Sunday,” Mike Pence
        said``). After the closing mark: the content ends with ``,`` ``!`` ``?`` ``…``
        inside the marks, or a comma or dash follows the closing mark
        (``"…," he said``, ``«…», — заявила``, ``"…" – каже``). Before the
        opening mark: a cue ending with a colon (``He said: "…"``). A cue that
        touches the marks with no punctuation (``Robert "Bobby" Mills said``,
        ``He told "Fox News Sunday" that``) does not count.
        """
        if c.open_mark is None or c.close_mark is None:
            return None
        text = self.text
        ps, pe = self.paras[c.para_first][0], self.paras[c.para_last][1]
        before = text[ps : c.open_mark.start].rstrip()
        if before.endswith(":"):
            return self._attr_before(c.open_mark.start, ps)
        if before and before[-1] not in _TERMINALS and before[-1] not in _DASHES:
            return None  # inside a sentence: 'the broadcast of “Fox News Sunday,” Mike Pence said'
        inside = text[e : c.close_mark.start]
        after = text[c.close_mark.end : c.close_mark.end + 3].lstrip()
        set_off = (
            "," in inside
            or text[e - 1] in ",!?…"  # the American comma stays inside the content (see _trim)
            or after[:1] in ",—–―‒"
            or after.startswith("- ")
        )
        return self._attr_after(c.close_mark.end, pe) if set_off else None

    def _exclaimed(self, c: _Cand, s: int, e: int) -> _Attr | None:
        """English: an exclamation or question right after its cue is a quotation, not a name: ``She declared
        “What a Super Tuesday!”``, ``Some chanted “USA! USA!”``.

        The content ends with ``!`` or ``?`` inside the marks and the cue stands right before the opening
        mark (nothing but a space, comma or colon between). Titles of works and shows rarely end so; the
        words shouted, chanted or asked do. Written looking at PolNeAR train errors.
        """
        if self.lang != "en" or c.open_mark is None or c.close_mark is None or self.text[e - 1] not in "!?":
            return None
        split = self._own_attr(c, s, e)
        if len(split) != 1 or split[0][2] is None or split[0][2].cue is None:
            return None
        attr = split[0][2]
        gap = self.text[attr.cue.end : c.open_mark.start]
        if attr.cue.end > c.open_mark.start or gap.strip(" \t\u00a0,:"):
            return None
        return attr

    def _byline(self, c: _Cand, s: int) -> _Attr | None:
        """A speaker named after a dash, with no cue: ``“…” ― Albert Einstein``.

        The quotation stands as a sentence of its own (nothing but a finished
        sentence before it in its paragraph), and a horizontal bar or dash
        (``―``, ``—``, ``–``; a hyphen only on a line of its own) follows the
        closing mark, in the same paragraph or opening the next one; then a
        name: a person or organisation mention, or one to four capitalised
        words (initials allowed), ending the paragraph or followed by ``,``
        or ``(`` and an affiliation (``― Jens Stoltenberg, NATO
        Secretary-General``). A pronoun or a cue is no name. The quotation
        gets that speaker and no cue.
        """
        if c.close_mark is None or c.dash:
            return None
        text = self.text
        ps = self.paras[c.para_first][0]
        before = text[ps : c.open_mark.start if c.open_mark is not None else s].strip()
        if before and before[-1] not in _TERMINALS:
            return None
        pi = c.para_last
        pe = self.paras[pi][1]
        rest = _BYLINE_SAME_RE.match(text, c.close_mark.end, pe)
        if rest is None:
            if text[c.close_mark.end : pe].strip() or pi + 1 >= len(self.paras):
                return None
            pi += 1
            ps, pe = self.paras[pi]
            rest = _BYLINE_LINE_RE.match(text, ps, pe)
            if rest is None:
                return None
        i = bisect.bisect_left(self.tok_starts, rest.end())
        if i >= len(self.toks) or self.toks[i].start >= pe:
            return None
        first = self.toks[i]
        m = self.tok_mention.get(i)
        if m is not None and m.label in ("PER", "ORG") and m.start == first.start:
            ref = self._mention_ref(m)
        else:
            if not first.word or not first.text[0].isupper() or first.fold in self.d.pronouns:
                return None
            if self._cue_at(i) is not None:
                return None
            last = i
            words = 0
            k = i
            while k < len(self.toks) and self.toks[k].end <= pe and words < 4:
                t = self.toks[k]
                if t.word and t.text[0].isupper() and t.fold not in self.d.pronouns:
                    words += 1
                    last = k
                elif t.text != "." or k == i:
                    break
                k += 1
            ref = _SpkRef(first.start, self.toks[last].end, "name")
        tail = text[ref.end : pe].strip()
        if tail and tail[0] not in ",(" and tail != ".":
            return None
        return _Attr(None, ref)

    def _mark_end(self, start: int) -> int:
        m = _MARK_RE.match(self.text, start)
        return m.end() if m else start + 1

    def _dash_candidates(self) -> list[_Cand]:
        """Russian/Ukrainian dialogue lines: a paragraph that opens with a dash
        (``—``, ``–``, or ``-`` and a space) not followed by a quotation mark:
        ``— Мы готовы к переговорам, — заявил Дмитрий Песков.`` (a line that
        opens with marks, ``— «…», — сказал он``, is found from its marks), or
        the same line run into the paragraph before it, after a sentence's end
        (``… игрой. — Мы проиграли, — сказал тренер.``).

        The candidate runs from after the dash to the end of the paragraph;
        :meth:`_embedded` then cuts it at the attribution, and it is kept only
        when a cue follows the ``, —`` (list items are not quotations).
        """
        if self.lang not in _DIALOGUE_DASH_LANGS:
            return []
        cands = []
        for pi, (ps, pe) in enumerate(self.paras):
            m = _DIALOGUE_RE.match(self.text, ps, pe)
            if m is not None and self.text[m.end()] not in _FAMILY:
                cands.append(_Cand(m.end(), pe, None, None, pi, pi, dash=True))
            # a paragraph that merged the narration and the dialogue line after it: "… игрой. — Мы проиграли, —
            # сказал тренер." (the dash right after a sentence's end, before a capital)
            for inner in _INNER_DIALOGUE_RE.finditer(self.text, ps, pe):
                cands.append(_Cand(inner.end(), pe, None, None, pi, pi, dash=True))
        return cands

    def _transcript_parts(self) -> list[_Part]:
        """Transcript lines: ``WALLACE: Let me ask you …``, ``ПЕСКОВ: Мы готовы.``

        A paragraph that opens with a name of one to three words and a colon is a
        direct quotation of that name, from after the colon to the end of the
        paragraph, with no cue, when the document has at least
        :data:`_MIN_TRANSCRIPT_LINES` such lines. The name is in upper case
        (not a label from cues.txt: ``UPDATE:``, ``ФОТО:``), or in Title Case and
        a person mention or a speaker title (``Chris Wallace:``, ``Ведущий:``).
        Its speaker is the person mention, else the words themselves (resolved
        like capitalised words: ``BLINKEN`` meets ``Antony Blinken``).
        """
        found: list[tuple[int, _Cand, _SpkRef]] = []
        for pi, (ps, pe) in enumerate(self.paras):
            m = _TRANSCRIPT_RE.match(self.text, ps, pe)
            if m is None:
                continue
            ls, le = m.span(1)
            label = m.group(1)
            if _fold(label) in self.d.not_speakers or self._words_between(m.end(), pe) == 0:
                continue
            i = bisect.bisect_left(self.tok_starts, ls)
            mention = self.tok_mention.get(i)
            person = mention is not None and mention.label == "PER" and mention.start == ls and mention.end >= le
            letters = [ch for ch in label if ch.isalpha()]
            if len(letters) >= 2 and "".join(letters).isupper():
                pass
            elif not (person or self._is_title(i)):
                continue
            if person:
                ref = self._mention_ref(mention)
            else:
                ref = _SpkRef(ls, le, "phrase" if self._is_title(i) else "name")
            found.append((pi, _Cand(m.end(), pe, None, None, pi, pi, transcript=True), ref))
        if len(found) < _MIN_TRANSCRIPT_LINES:
            return []
        parts = []
        for _, c, ref in found:
            s, e = self._trim(c.start, c.end)
            lead = self.text[self.paras[c.para_first][0] : s].strip()
            if e > s and self.text[e - 1] in "\"”»“" and lead[:1] in ("\"", "“", "„", "«"):
                s, e = self._trim(s, e - 1)  # the mark that closes a turn quoted as a whole ("WALLACE: … .")
            if s < e:
                parts.append(_Part(s, e, c, _Attr(None, ref)))
        return parts

    def quotes(self) -> list[Quote]:
        cands = self._candidates() + self._dash_candidates()
        transcript = self._transcript_parts()
        if transcript:  # a transcript's turns are the quotations, not the marks that run around them
            turns = [t.start for t in transcript]
            cands = [c for c in cands if not any(c.start <= t < c.end for t in turns)]
        parts: list[_Part] = []
        for c in sorted(cands, key=lambda c: (c.start, -c.end)):
            s, e = self._trim(c.start, c.end)
            if s >= e or self._words_between(s, e) == 0:
                continue
            if c.open_mark is not None and self._term_before(c.open_mark.start, self.paras[c.para_first][0]):
                continue
            if not c.dash and (self._nickname(c, s, e) or self._title_case(s, e) or self._is_name(s, e)
                               or self._slavic_title(c, s, e)):
                # a name, title or nickname, unless a speech cue set off by punctuation attributes it:
                # «Ми не готові», — заявила …; "Fake News!" he tweeted; He said: "Hiroshima."
                direct = self._direct_attr(c, s, e)
                if direct is None:
                    direct = self._exclaimed(c, s, e)
                if direct is not None:
                    parts.append(_Part(s, e, c, direct))
                continue
            split = self._own_attr(c, s, e)
            if c.after_dash is not None and len(split) == 1 and split[0][2] is None and parts:
                # «…», — сказал он. —⏎ …»: the second part takes the attribution it resumes after
                prev = next((q for q in reversed(parts) if q.attr is not None and q.attr.cue is not None), None)
                if prev is not None and self._para_of(prev.attr.cue.start) == c.after_dash:
                    split = [(split[0][0], split[0][1], prev.attr)]
            if split and split[-1][2] is None:
                byline = self._byline(c, s)
                if byline is not None:
                    split[-1] = (split[-1][0], split[-1][1], byline)
            for ps_, pe_, attr in split:
                a, b = self._trim(ps_, pe_)
                if a < b and self._words_between(a, b) > 0:
                    parts.append(_Part(a, b, c, attr))
        for t in transcript:  # in document order, for the continuation pass
            at = next((k for k, p in enumerate(parts) if p.start > t.start), len(parts))
            parts.insert(at, t)
        accepted = self._accept(parts)
        # a quotation inside another accepted one is part of it
        accepted.sort(key=lambda p: (p.start, -p.end))
        outer: list[_Part] = []
        for p in accepted:
            if any(o.start <= p.start and p.end <= o.end and o.cand is not p.cand for o in outer):
                continue
            outer.append(p)
        blocked = [(p.start, p.end) for p in outer]
        return self._carry_speakers([self._quote(group, blocked) for group in self._interrupted(outer)])

    def _carry_speakers(self, quotes: list[Quote]) -> list[Quote]:
        """A singular pronoun that resolved to no person takes the speaker of the quotation before it, when that
        one is named by words that are not a pronoun and sits in the same or the previous paragraph:
        ``"We are ready to talk," the envoy said. He added: "But not under threat."`` -> both by the envoy."""
        out: list[Quote] = []
        for quote in quotes:
            spk = quote.speaker
            prev = out[-1].speaker if out else None
            if (
                spk is not None and spk.key is None and spk.name is None
                and self.d.pronouns.get(_fold(spk.text), "plur") != "plur"
                and prev is not None and _fold(prev.text) not in self.d.pronouns
                and self._para_of(spk.start) - self._para_of(prev.start) <= 1
            ):
                quote = replace(quote, speaker=Speaker(spk.start, spk.end, spk.text, prev.key, prev.name or prev.text))
            out.append(quote)
        return out

    def _interrupted(self, parts: list[_Part]) -> list[list[_Part]]:
        """Group parts (sorted by start) into quotations: a quotation interrupted
        by its attribution is one quotation in several parts.

        A part joins the part before it when (all of): both carry the same cue;
        the cue sits between them; the first part's sentence goes on (its
        content is followed by ``,`` or a dash before the cue, and does not end
        with ``.`` ``!`` ``?`` ``…``; in English a first part ending with ``?``
        or ``!`` goes on too: ``“Are we ready?” he asked. “Nobody knows.”``); and
        no word stands between the end of the attribution (cue or speaker,
        whichever is last) and the second part, or only an appositive, or in
        English the rest of the attribution's sentence (``“A,” he said at the
        briefing on Monday. “B.”``, see :meth:`_attribution_rest`). So
        ``“A,” he said. “B.”``, ``“A,” the envoy said, “b.”``, ``«А, — сказал
        он, — б»`` and ``— А, — сказал он. — Б.`` are one quotation each, also
        when ``“B`` opens the next paragraph; ``He said: “A.” He added: “B.”``
        (two cues), ``“A.” “B,” he said`` (the cue is not between) and
        ``“A,” he said, adding: “B.”`` stay two.
        """
        groups: list[list[_Part]] = []
        for p in parts:
            if groups and (self._continues(groups[-1][-1], p) and not self._moves_on(groups[-1][-1], p)
                           or self.next_paragraph.get(p.start) == groups[-1][-1].start):
                groups[-1].append(p)
            else:
                groups.append([p])
        return groups

    def _moves_on(self, q: _Part, p: _Part) -> bool:
        """English: the words between parts ``q`` and ``p`` say the speaker moved on to another statement
        (``“A,” Sanders said, going on to contrast X with Y. “B.”``; ``lang/en/moves_on.txt``): two
        quotations, not one interrupted (PolNeAR annotates two attributions). Written looking at PolNeAR
        dev errors."""
        return (self.d.lang == "en" and q.end <= p.start
                and _moves_on_re().search(self.text[q.end : p.start]) is not None)

    def _continues(self, q: _Part, p: _Part) -> bool:
        """Part ``p`` goes on with part ``q`` across the attribution between them."""
        if q.attr is None or p.attr is None or q.attr.cue is None or p.attr.cue is None:
            return False
        cue = q.attr.cue
        if (p.attr.cue.start, p.attr.cue.end) != (cue.start, cue.end):
            return False
        if not (q.end <= cue.start and cue.end <= p.start):
            return False
        text = self.text
        asked = text[q.end - 1] in "?!" and self.d.lang == "en"  # “A?” Clinton said. “B.”
        # ru/uk: «А? — спросил он. — Б»: a first part ending its sentence goes on when the author's words
        # return to it with a dash (checked below)
        ended = text[q.end - 1] in _TERMINALS and self.d.lang != "en"
        if text[q.end - 1] in _TERMINALS and not asked and not ended:
            return False
        lead = text[q.end : cue.start].lstrip().lstrip("".join(_FAMILY) + "'").lstrip()
        last = q.end
        while last > q.start + 1 and text[last - 1] in _FAMILY:
            last -= 1  # 'the “end of war,”” Ri said': the comma inside a nested quotation's marks
        if text[last - 1] == ",":  # the comma inside the marks: “A,” he said
            lead = "," + lead
        if not asked and (not lead or (lead[0] != "," and lead[0] not in _DASHES)):
            return False
        attr_end = cue.end
        speaker = q.attr.speaker
        if speaker is not None and speaker.end > attr_end:
            attr_end = speaker.end
        if attr_end > p.start:
            return False
        if ended:
            return self._dash_return(attr_end, p)
        return (self._words_between(attr_end, p.start) == 0 or self._appositive(attr_end, p.start)
                or self._attribution_rest(q, attr_end, p) or self._dash_return(attr_end, p)
                or (p.cand.open_mark is not None and self._coordinated_gap(attr_end, p.cand.open_mark.start, q, p)))

    def _dash_return(self, lo: int, p: _Part) -> bool:
        """Russian/Ukrainian: the attribution inside the marks goes on after its speaker and returns to the
        quotation with a dash (``«А, — сказал Лавров журналистам в Женеве, — но б»``): the standard layout
        of direct speech interrupted by the author's words in both languages' punctuation rules (Russian and
        Ukrainian style guides: the author's words set off by dashes inside one pair of marks). The words between hold no sentence end, colon, semicolon or quotation mark and at most
        :data:`MAX_ATTRIBUTION_REST_WORDS` words, and the second part opens in lower case.

        When the first part is a whole sentence, the same rules end the author's
        words with a full stop before the dash and the second part opens in
        upper case: ``«А, — сказал он журналистам. — Б»``, ``«А? — спросил он,
        подражая диктору. — Б»``; the full stop right before the last dash is
        then the only sentence end allowed. Written looking at NTREX-128
        (Ukrainian translations break the line after that dash)."""
        if self.d.lang == "en":
            return False
        between = self.text[lo : p.start].rstrip()
        while between and between[-1] in _FAMILY:
            between = between[:-1].rstrip()
        if not between.endswith(tuple(_DASHES)):
            return False
        body = between[:-1].rstrip()
        first = self.text[p.start : p.start + 1]
        if body.endswith(".") and first.isupper():
            body, first = body[:-1], first.lower()  # «А, — сказал он. — Б»
        if any(ch in body for ch in ".!?…:;" + "".join(_FAMILY)):
            return False
        return first.islower() and self._words_between(lo, p.start) <= MAX_ATTRIBUTION_REST_WORDS

    def _attribution_rest(self, q: _Part, lo: int, p: _Part, hi: int | None = None) -> bool:
        """``[lo, p.start)`` finishes the attribution sentence of an interrupted quotation (English).

        PolNeAR joins the two parts of ``“A,” he said in August. “B.”``, ``“A,”
        said Rep. Jane Doe (D-Ohio), head of the caucus. “B.”`` and ``“A,” she
        said of the election, in which …. “B.”``: the words after the speaker
        and cue (time, circumstance, a long appositive) end the attribution's
        sentence, and the quotation goes on right after it in the same
        paragraph. The rest must end with ``.`` or ``,``, hold no other
        sentence end (abbreviations such as ``Rep.``, ``D-N.C.`` and initials
        do not end one), no quotation mark (apostrophes inside words, as in
        ``CNN’s``, are none), no colon or semicolon, and at most
        :data:`MAX_ATTRIBUTION_REST_WORDS` words. This rule was written looking
        at PolNeAR dev errors. A rest that says the speaker moved on (``, going on to contrast …``,
        ``lang/en/moves_on.txt``) ends the quotation: what follows is another statement.
        """
        if self.d.lang != "en" or p.cand.open_mark is None or self._para_of(q.end) != self._para_of(p.start):
            return False
        hi = p.cand.open_mark.start if hi is None else hi
        rest = self._titles_unquoted(lo, hi).rstrip()
        words_only = re.sub(r"(?<=\w)['’](?=\w)|(?<=s)['’](?=\s)", "", rest)  # apostrophes: CNN’s, voters'
        if not rest or rest[-1] not in ".," or any(ch in _FAMILY or ch in ";:" for ch in words_only):
            return False
        if _moves_on_re().search(rest):
            return False  # "“A,” Sanders said, going on to contrast … “B.”": a second statement
        for m in re.finditer(r"[.!?](?=\s+\S)", rest[:-1]):
            word = re.search(r"[\w.\-]*$", rest[: m.start()]).group()
            if not (word[:1].isupper() and len(word.replace(".", "").replace("-", "")) <= 4) and len(word) > 1:
                return False
        return self._words_between(lo, hi) <= MAX_ATTRIBUTION_REST_WORDS

    def _titles_unquoted(self, lo: int, hi: int) -> str:
        """``text[lo:hi]`` with the marks around quoted Title Case names blanked out (English).

        An attribution names shows, works and nicknames in marks (``said on Fox
        News’s “Fox and Friends.”``, ``state Del. Marcia "Cia" Price``); such a
        pair is a name, not a quotation, and the words and punctuation inside it
        stay (the full stop of American style inside the closing mark still
        ends the attribution). A name has every word of four or more letters
        capitalised, one at least, in at most eight words (``“Meet the
        Press”``), or is one to three words between two capitalised words (a
        nickname). Written looking at PolNeAR dev errors."""
        text = self.text

        def blank(m: re.Match) -> str:
            a, b = lo + m.start(2), lo + m.end(2)
            before, after = text[max(lo, a - 40) : lo + m.start()].rstrip(), text[lo + m.end() : hi].lstrip()
            nick = (len(m.group(2).split()) <= 3 and before[-1:].isalpha() and before.split()[-1][:1].isupper()
                    and after[:1].isupper())
            words = re.findall(r"[^\W\d_]+", m.group(2))
            long = [w for w in words if len(w) >= 4]
            title = len(words) <= 8 and bool(long) and all(w[0].isupper() for w in long)  # “Fox and Friends”
            if not (title or nick):
                return m.group()
            return " " * len(m.group(1)) + m.group(2) + m.group(3) + " " * len(m.group(4))

        return _QUOTED_NAME_RE.sub(blank, text[lo:hi])

    def _coordinated_gap(self, lo: int, hi: int, q: _Part, p: _Part) -> bool:
        """English: ``[lo, hi)`` after an interrupting attribution is ``, and`` or ``, but`` (with at most one
        adverb: ``and still``), maybe after the rest of the attribution's sentence (:meth:`_attribution_rest`):
        ``“A,” he said, but “b.”``, ``Oz is “smart as hell,” X wrote in an email, and “full of it.”``: the
        second part is coordinated with the first under the same cue, and PolNeAR annotates both as one
        content. The first part must end with a comma inside its marks (its sentence goes on). Written
        looking at PolNeAR dev errors."""
        if self.d.lang != "en" or p.cand.open_mark is None or self._para_of(q.end) != self._para_of(p.start):
            return False
        m = _COORDINATED_GAP_RE.search(self.text[lo:hi])
        if m is None:
            return False
        last = q.end
        while last > q.start + 1 and self.text[last - 1] in _FAMILY:
            last -= 1
        if self.text[last - 1] != ",":
            return False
        head = lo + m.start() + 1  # through the comma
        return self._words_between(lo, head) == 0 or self._attribution_rest(q, lo, p, hi=head)

    def _appositive(self, lo: int, hi: int) -> bool:
        """``[lo, hi)`` is an appositive closing the attribution, as in ``“A,” said
        Patrick McGinley, a law professor at West Virginia University. “B.”``:
        it opens with a comma, ends a sentence (``.``) or goes on (``,``), holds
        no other comma (``, — сказал муж, Джо Пласко, изданию Post.`` names an
        addressee, not an appositive; in Russian and Ukrainian its first word,
        when lower case, can be nominative), no quotation mark and at most :data:`MAX_APPOSITIVE_WORDS` words (a
        colon, as in ``he said, adding: “B.”``, marks a new attribution)."""
        between = self.text[lo:hi].strip()
        while between and between[-1] in _FAMILY:
            between = between[:-1].rstrip()
        if not between.startswith(",") or between[-1:] not in (".", ",") or "," in between[1:-1]:
            return False
        if any(ch in _FAMILY and ch not in "'’" for ch in between):
            return False
        if self.lang != "en":
            # an appositive agrees with the subject, in the nominative: ``, — сказал муж, Джо Пласко, изданию
            # Post.`` goes on with an addressee in the dative, so the quotation after it is a new one
            first = re.search(r"[^\W\d_]+", between)
            if first is not None and first.group().islower():
                parses = get_morph(self.lang).parse(first.group())
                # a word with no case (a gerund: ``, обращаясь к …``, ``, звертаючись до …``, like English
                # ``, referring to …``) opens a circumstance of the attribution, which goes on as well
                cased = [p for p in parses if p.tag.case is not None]
                if cased and all(p.is_known for p in parses) and not any(p.tag.case == "nomn" for p in cased):
                    return False
        return self._words_between(lo, hi) <= MAX_APPOSITIVE_WORDS

    def _pieces(self, s: int, e: int) -> list[tuple[int, int]]:
        """The content ``[s, e)`` cut at paragraph breaks, each piece without the
        line break, surrounding space and the opening mark a new paragraph repeats."""
        text = self.text
        pieces = []
        i = self._para_of(s)
        while i < len(self.paras) and self.paras[i][0] < e:
            a, b = max(s, self.paras[i][0]), min(e, self.paras[i][1])
            i += 1
            if a > s:
                m = _MARK_RE.match(text, a)
                if m is not None:
                    a = m.end()
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b and self._words_between(a, b) > 0:
                pieces.append((a, b))
        return pieces or [(s, e)]

    def _accept(self, parts: list[_Part]) -> list[_Part]:
        """Keep attributed parts, repaired ones only with a cue, and standalone
        unattributed ones that continue an attributed quotation or are long."""
        keep: list[bool | None] = []  # None: decided by the continuation pass
        for p in parts:
            c = p.cand
            if c.open_missing or c.close_missing or c.dash or c.transcript:
                keep.append(p.attr is not None)
            elif p.attr is not None:
                keep.append(True)
            else:
                keep.append(None)
        # continuation: inherit from the previous, then the next, attributed part; a pair nested inside
        # another part is quoted speech within it (“People say, ‘…,’” said X. “B.”) and passes its cue on to
        # nothing: the cue inside a quotation is not the attribution of the quotation after it
        n = len(parts)
        nested = [any(o.cand is not p.cand and o.start <= p.start and p.end <= o.end for o in parts) for p in parts]
        for idx in range(n):
            if keep[idx] is not None:
                continue
            p = parts[idx]
            s, e = p.start, p.end
            before = next((parts[j] for j in range(idx - 1, -1, -1)
                           if keep[j] and not nested[j] and parts[j].attr is not None), None)
            if before is not None and (self._goes_on_after_attribution(before, p)
                                       or self._joins_interrupted(before, p)):
                p.attr = before.attr
                keep[idx] = True
                continue
            if not self._standalone(p.cand, s, e):
                keep[idx] = False
                continue
            src = self._inherit_from(parts, [k if not inner else False for k, inner in zip(keep, nested)], idx)
            if src is not None:
                p.attr = src.attr
                keep[idx] = True
                if self._next_paragraph(src, p):
                    self.next_paragraph[p.start] = src.start
            else:
                keep[idx] = self._words_between(s, e) >= MIN_UNATTRIBUTED_WORDS
        return [p for p, k in zip(parts, keep) if k]

    def _next_paragraph(self, q: _Part, p: _Part) -> bool:
        """Part ``p``, a paragraph of its own with no attribution, goes on with quotation ``q`` that
        ends the paragraph before it, as one quotation in two parts: ``“A,” Barkley said.`` ⏎ ``“B.”``
        (Russian and Ukrainian alike, ``Мартин добавил: «А».`` ⏎ ``«Б».``, so that a translation counts the
        quotations of its original: NTREX-128; there not after an attribution that names an addressee in the
        dative, ``— сказал муж, Иван Зорин, изданию Post.``).

        ``p`` holds its whole paragraph (from its opening to its closing mark), and at most
        :data:`MAX_PARAGRAPH_TAIL_WORDS` words follow ``q``'s closing mark in its paragraph (its
        attribution and circumstances, not a story that moved on). News quotes a speaker over consecutive
        paragraphs this way, and PolNeAR annotates such a run as one attribution: in its train split, 34 of
        41 such paragraph pairs (counted with the gold annotations; the 7 others follow a quotation that
        the writer's own words close). Written looking at PolNeAR train errors.
        """
        if p.cand.open_mark is None or p.cand.close_mark is None or q.cand.close_mark is None:
            return False
        para = self._para_of(p.start)
        if self._para_of(q.end) != para - 1 or self._para_of(p.cand.close_mark.start) != para:
            return False
        ps, pe = self.paras[para]
        after = self.text[p.cand.close_mark.end : pe].strip()
        if self.lang != "en":
            after = after.lstrip(".!?…")  # Russian/Ukrainian end the sentence after the closing mark: «…».
        if self.text[ps : p.cand.open_mark.start].strip() or after:
            return False
        tail = self._words_between(q.cand.close_mark.end, self.paras[para - 1][1])
        if tail > MAX_PARAGRAPH_TAIL_WORDS:
            return False
        if self.lang != "en" and tail:
            # ru/uk: an attribution that names an addressee in the dative (``«А», — сказал муж, Иван Зорин,
            # изданию Post.``) closes the quotation: what follows is a new one
            morph = get_morph(self.lang)
            lo = bisect.bisect_left(self.tok_starts, q.cand.close_mark.end)
            hi = bisect.bisect_left(self.tok_starts, self.paras[para - 1][1])
            for k in range(lo, hi):
                t = self.toks[k]
                if t.word and t.text.isalpha() and t.text.islower() and self.toks[k - 1].fold not in self.d.prepositions:
                    parses = morph.parse(t.text)
                    # dative, or a Ukrainian form that is dative or locative (виданню) with no preposition
                    if (all(p.is_known for p in parses) and any(p.tag.case == "datv" for p in parses)
                            and all(p.tag.case in ("datv", "loct") for p in parses)):
                        return False
        return True

    def _goes_on_after_attribution(self, q: _Part, p: _Part) -> bool:
        """English: part ``p`` is the rest of quotation ``q``'s sentence after its attribution, which goes on
        with circumstances (``“A,” Okafor said on Monday in Lagos, “and b.”``): ``q`` ends with a comma inside
        its marks, its cue and speaker follow it, the words after them end with a comma and are the rest of the
        attribution's sentence (:meth:`_attribution_rest`), and ``p`` opens in lower case."""
        if self.d.lang != "en" or q.attr is None or q.attr.cue is None or p.cand.open_mark is None:
            return False
        cue, speaker = q.attr.cue, q.attr.speaker
        if not (q.end <= cue.start and cue.end <= p.start) or self.text[q.end - 1 : q.end] != ",":
            return False
        attr_end = max(cue.end, speaker.end if speaker is not None and speaker.end <= p.start else cue.end)
        rest = self.text[attr_end : p.cand.open_mark.start].rstrip()
        return (rest.endswith(",") and self.text[p.start : p.start + 1].islower()
                and self._attribution_rest(q, attr_end, p))

    def _joins_interrupted(self, q: _Part, p: _Part) -> bool:
        """English: part ``p``, kept by no rule of its own, is the second part of quotation ``q`` interrupted
        by its attribution (:meth:`_continues` holds with ``q``'s attribution): ``''A,'' said X, an economist
        at Y. ''B'' for the top bracket.`` (the second part runs into the sentence after its closing mark)
        and ``“A,” he said, but “b.”`` (a lower-case part coordinated under the same cue). Written looking
        at PolNeAR dev errors. Not when the sentence after ``p``'s closing mark holds a cue of its own
        (``“B” to drive up the price, she said``). Russian and Ukrainian alike (``«А», — добавил Грэм,
        обращаясь к Кристине Форд.`` ⏎ ``«Б»``: the person named in the attribution does not stop the join;
        NTREX-128)."""
        if q.attr is None or q.attr.cue is None or p.attr is not None:
            return False
        if p.cand.close_mark is not None:
            # “B” to drive up the price, she said: the words after the part have an attribution of their own
            pe = self.paras[self._para_of(p.cand.close_mark.start)][1]
            end = self._first_sentence_end(p.cand.close_mark.end, pe)
            lo = bisect.bisect_left(self.tok_starts, p.cand.close_mark.end)
            hi = bisect.bisect_left(self.tok_starts, end)
            if any(self.toks[i].word and self._cue_at(i) is not None for i in range(lo, hi)):
                return False
        p.attr = q.attr
        try:
            return self._continues(q, p)
        finally:
            p.attr = None

    def _inherit_from(self, parts: list[_Part], keep: list[bool | None], idx: int) -> _Part | None:
        """The attributed quotation this one continues: the previous one in the
        paragraph, the last one of the previous paragraph (when this one opens
        its paragraph and no other person is named between), or the next one
        right after it."""
        p = parts[idx]
        para = self._para_of(p.start)
        for j in range(idx - 1, -1, -1):
            q = parts[j]
            if not keep[j] or q.attr is None:
                continue
            qpara = self._para_of(q.end)
            if qpara == para:
                return q
            if qpara == para - 1 and p.cand.open_mark is not None:
                ps = self.paras[para][0]
                if not self.text[ps : p.cand.open_mark.start].strip() and not self._persons_between(q, p):
                    return q
            break
        nxt = idx + 1
        if nxt < len(parts) and p.cand.close_mark is not None:
            q = parts[nxt]
            if (keep[nxt] and q.attr is not None and q.cand.open_mark is not None
                    and not self.text[p.cand.close_mark.end : q.cand.open_mark.start].strip()):
                return q
        return None

    def _persons_between(self, q: _Part, p: _Part) -> bool:
        spk = q.attr.speaker if q.attr else None
        for m in self.mentions:
            if q.end <= m.start and m.end <= p.start and m.label == "PER":
                if spk is None or not (spk.start <= m.start < spk.end):
                    return True
        return False

    # -------------------------------------------------------- step 4: resolution

    def _quote(self, group: list[_Part], blocked: list[tuple[int, int]]) -> Quote:
        """One quotation from its parts (one, or several around an interrupting attribution)."""
        text = self.text
        first, last = group[0], group[-1]
        attr = next((p.attr for p in group if p.attr is not None), None)
        cue = speaker = None
        if attr is not None:
            h = attr.cue
            if h is not None:
                cue = Cue(h.start, h.end, text[h.start : h.end], h.lemma)
            if attr.speaker is not None and (h is None or self._speaker_ok(attr.speaker, h)):
                speaker = self._resolve(attr.speaker, h.gender if h is not None else None, blocked)
        pieces = [piece for p in group for piece in self._pieces(p.start, p.end)]
        kind = "mixed" if self._fragment(first) else "direct"
        if kind == "mixed" and self._whole_sentence_after_cue(first, cue, len(group)):
            kind = "direct"
        start = self._lead_in(first, cue, kind, blocked, group)
        if start != first.start:
            kind = "mixed"
            if len(pieces) > 1:
                pieces[0] = (start, pieces[0][1])
        end = last.end
        if kind == "mixed" and len(group) == 1 and cue is not None and first.cand.open_mark is not None \
                and cue.end <= first.cand.open_mark.start:
            end = self._tail(first, blocked)
        if len(pieces) > 1 and pieces[-1][1] < end and not any(ch.isalnum() for ch in text[pieces[-1][1] : end]):
            end = pieces[-1][1]  # a last paragraph with no words (",\n\n,”") is no piece and no content
        return Quote(
            kind=kind,
            start=start,
            end=end,
            text=text[start:end],
            opening_mark_missing=first.cand.open_missing,
            closing_mark_missing=last.cand.close_missing,
            speaker=speaker,
            cue=cue,
            parts=tuple(pieces) if len(pieces) > 1 else (),
        )

    def _whole_sentence_after_cue(self, first: _Part, cue: Cue | None, n_parts: int) -> bool:
        """English: a quotation in lower case that its cue introduces and that closes its sentence inside
        the marks quotes a whole sentence: ``Warren said "of course we need an investigation."`` is direct
        speech, not a fragment. The cue stands before the opening mark with at most four words between
        (``said on Friday "…"``), the content ends with ``.``, ``!`` or ``?`` and only spaces or the
        paragraph end follow the closing mark's sentence. Written looking at NTREX-128, where the Russian
        and Ukrainian versions of such sentences quote directly."""
        c = first.cand
        if self.lang != "en" or n_parts != 1 or cue is None or c.open_mark is None or c.close_mark is None:
            return False
        if c.close_missing or cue.end > c.open_mark.start or self._words_between(cue.end, c.open_mark.start) > 4:
            return False
        if self.text[cue.end:c.open_mark.start].rstrip().endswith(("that", "whether", "if")):
            return False
        body = self.text[first.start:first.end].rstrip()
        return body.endswith((".", "!", "?")) and self._words_between(first.start, first.end) >= 3

    def _lead_in(self, first: _Part, cue: Cue | None, kind: str, blocked: list[tuple[int, int]],
                 group: list[_Part]) -> int:
        """Where the content of a quotation starts once its paraphrased lead-in is added (English).

        A quotation's content is what the source said, and PolNeAR (as issue 3)
        annotates the reported clause with its quoted words, so:

        * a complementizer between the cue and the opening mark belongs to the
          content: ``Trump tweeted that, “For those …”`` -> ``that, “For those …``
          (:func:`newsdesk.nlp.reported.complementizer_start`);
        * a mixed quotation attributed after it starts at its sentence's start:
          ``The country "has made changes," McConnell said`` -> ``The country
          "has made changes,``; ``With thousands of systems, “there is no single
          point of failure,” he said``. The lead-in must hold words, no
          quotation mark (apostrophes inside words aside), no colon or
          semicolon, no speech cue and no other quotation, and stay in the
          paragraph.

        The result is then a mixed quotation. These rules were written looking
        at PolNeAR dev errors. Returns ``first.start`` when neither applies.
        """
        if self.lang != "en" or first.cand.open_mark is None:
            return first.start
        text = self.text
        mark = first.cand.open_mark.start
        if cue is not None and cue.end <= mark:
            lead = complementizer_start(text, first.start, self.lang, cue.end)
            if lead is not None and not any(s < first.start and lead < e for s, e in blocked):
                return lead
            return first.start
        if kind != "mixed" or cue is None or cue.start < first.end:
            return first.start
        i = bisect.bisect_right(self.sent_starts, mark) - 1
        lo = max(self.sents[i].start if i >= 0 else 0, self.paras[self._para_of(mark)][0])
        while lo < mark and (text[lo].isspace() or text[lo] in _FAMILY):
            lo += 1
        lead_text = re.sub(r"(?<=\w)['’](?=\w)|(?<=s)['’](?=\s)", "", text[lo:mark])
        if lo >= mark or not re.search(r"\w", lead_text) or any(ch in _FAMILY or ch in ":;" for ch in lead_text):
            return first.start
        k = bisect.bisect_left(self.tok_starts, lo)
        while k < len(self.toks) and self.toks[k].start < mark:
            if self._cue_at(k) is not None:  # "She said she … because “…,” though she noted": its own attribution
                return first.start
            k += 1
        own = {(p.start, p.end) for p in group}
        if any(s < mark and lo < e and (s, e) not in own for s, e in blocked):
            return first.start
        return lo

    def _tail(self, first: _Part, blocked: list[tuple[int, int]]) -> int:
        """Where a quoted fragment whose cue stands before it ends once the rest of its clause is added (English).

        The fragment is the object of the cue's clause, and the words after its closing mark finish the
        paraphrase the speaker is credited with: ``Obama said “it gets me mad” every time he thinks about
        the victims.`` -> ``it gets me mad” every time he thinks about the victims``; ``Sanders says “the
        wind is at our backs” despite his loss``. The content runs on to the end of the sentence, its final
        punctuation left out, when the words after the mark open with a letter and hold no punctuation that
        sets off another clause (``,`` ``;`` ``:`` a dash or a parenthesis), no quotation mark, no speech
        cue and no other quotation; it stops before a conjunction of ``lang/en/clause_openers.txt`` (``but``,
        ``as``, ``though`` ...: another clause). Written looking at PolNeAR train errors (PolNeAR annotates such
        contents to the end of the clause). Returns ``first.end`` when that does not hold.
        """
        c = first.cand
        if self.lang != "en" or c.close_mark is None or c.close_missing:
            return first.end
        text = self.text
        lo = c.close_mark.end
        pe = self.paras[c.para_last][1]
        if lo >= pe or not text[lo].isspace() or self.text[first.end - 1] in _TERMINALS or text[first.end - 1] in ",;:":
            return first.end
        hi = self._first_sentence_end(lo, pe)
        while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in _TERMINALS):
            hi -= 1
        tail = text[lo:hi]
        # a conjunction opens another clause (lang/en/clause_openers.txt): "is “excited” as he faces …"
        opener = next((m for m in re.finditer(r"\b[a-z]+\b", tail) if m.group() in _clause_openers()), None)
        if opener is not None:
            hi = lo + opener.start()
            while hi > lo and text[hi - 1].isspace():
                hi -= 1
            tail = text[lo:hi]
        if not tail.strip() or not tail.lstrip()[0].isalpha():
            return first.end
        if any(ch in _FAMILY or ch in "—–―‒,;:()[]" for ch in tail) or " - " in tail:
            return first.end
        if any(lo < e and s < hi for s, e in blocked if (s, e) != (first.start, first.end)):
            return first.end
        k = bisect.bisect_left(self.tok_starts, lo)
        while k < len(self.toks) and self.toks[k].end <= hi:
            if self.toks[k].word and self._cue_at(k) is not None and not self._about_after(k):
                return first.end
            k += 1
        return hi

    def _about_after(self, k: int) -> bool:
        """The word after token ``k`` is ``about``: ``every time she reads about …`` names no speech."""
        nxt = next((t for t in self.toks[k + 1:k + 3] if t.word), None)
        return nxt is not None and nxt.text.lower() == "about"

    def _fragment(self, first: _Part) -> bool:
        """Tell whether a quotation is a fragment built into the author's sentence (a mixed quotation).

        True when the content starts with a lower-case letter and words of
        its own sentence (and paragraph) stand before the opening mark, with
        no colon right before it: ``described the damage as “extensive”``,
        ``for “emotional reasons,” the show's creator said``, ``пообещал
        «никогда не прибегать к помощи армии»``, ``назвав збиток
        «широкомасштабним»``. Russian and Ukrainian punctuation states the
        rule (Rosenthal, *Справочник по правописанию и литературной правке*,
        § 47 on quotations: a quotation that is part of the author's sentence
        takes no colon and opens with a lower-case letter); English news
        writes fragments the same way. Direct speech introduced by a colon
        (``He said: “…”``), opening its sentence, or starting with a capital
        letter stays direct. Written looking at NTREX-128, where the English
        original and its translations quote the same fragments and only an
        attributing cue next to some of them made them count as direct.

        Russian and Ukrainian: a quotation built into the sentence that runs on
        past a sentence end into another sentence (``Как сообщает источник,
        «марка была главным приоритетом. Теперь …»``, ``По заявлению
        представителя, «для разрешения инцидента привлечены сотрудники.⏎Мы
        не терпим насилия»``) quotes whole sentences verbatim: direct speech,
        not a fragment. Written looking at NTREX-128, where translators turn
        ``A source said: "…`` into such a sentence.
        """
        c = first.cand
        if c.open_mark is None or c.open_missing:
            return False
        if self.lang != "en" and self._after_preposition(c.open_mark, first.start, first.end):
            return True
        if self.lang != "en" and self._runs_past_sentence(c.start, c.end):
            return False
        if self.lang != "en" and first.attr is not None and first.attr.cue is not None and (
            first.attr.cue.start in self.source_cues or self._as_said(first)
        ):
            return False  # "По словам X, «…»." / "Как сообщил X, «…»." (see _source_phrase)
        if self.lang != "en" and self._slavic_fragment(c.open_mark, first.start, first.end):
            return True
        return self._opens_fragment(c.open_mark, first.start, first.end)

    def _after_preposition(self, mark: _Mark, start: int, end: int) -> bool:
        """Russian/Ukrainian: the opening mark stands right after a preposition that governs the quoted
        words (``привлечь сторонников из «...Огайо и Пенсильвании»``, ``з «Києва та Львова»``): the
        quotation is a noun phrase of the author's sentence, a fragment whatever its first letter and
        even when it holds a leading ellipsis. Written looking at NTREX-128, where the English original
        has the same fragment (``supporters from "Ohio and Pennsylvania …"``)."""
        i = bisect.bisect_left(self.tok_starts, mark.start) - 1
        return (i >= 0 and self.toks[i].word and self.toks[i].fold in _GOVERNING_PREPOSITIONS
                and self._words_between(start, end) > 0)

    def _slavic_fragment(self, mark: _Mark, start: int, end: int) -> bool:
        """Russian/Ukrainian: a quotation opening with a lower-case letter after a colon that ends words
        of the author's sentence (``сказала о сыне: «они возвращаются другими»``) is a fragment, unless
        the word right before the colon is a cue (``Мэр заявил: «мост восстановят к весне»`` stays direct).

        Rosenthal, § 47: direct speech after a colon starts with a capital
        letter; a lower-case start marks a quoted piece of someone's words.
        Written looking at NTREX-128, where translators put a colon before an
        English fragment (``said of her son, "they come back …"``) and keep its
        lower case. A quotation running past a sentence end is decided before
        (:meth:`_fragment`). One that opens with an ellipsis (``написала:
        "…безсумнівно, треба провести розслідування"``) cuts the start of a
        quoted sentence: Rosenthal keeps it lower-case and it stays direct.
        """
        if self.text[start:end].lstrip().startswith(("…", "...")):
            return False
        letter = next((ch for ch in self.text[start:end] if ch.isalpha()), "")
        if not letter or not letter.islower():
            return False
        lo = self._clause_start(mark.start, self.paras[self._para_of(mark.start)][0])
        before = self.text[lo:mark.start].rstrip()
        if not before.endswith(":") or not any(ch.isalnum() for ch in before[:-1]):
            return False
        # a cue right before the colon ("Мэр заявил: «мост восстановят к весне»") still introduces speech
        k = bisect.bisect_left(self.tok_starts, lo + len(before) - 1) - 1
        return not (k >= 0 and self.toks[k].word and self._cue_at(k) is not None)

    def _runs_past_sentence(self, s: int, e: int) -> bool:
        """``[s, e)`` holds a sentence end followed by more words (another sentence or paragraph)."""
        i = bisect.bisect_left(self.tok_starts, s)
        while i < len(self.toks) and self.toks[i].end <= e:
            if self.toks[i].text in ".!?…" and self._is_terminal(i) and self._words_between(self.toks[i].end, e) > 0:
                return True
            i += 1
        return False

    def _opens_fragment(self, mark: _Mark, start: int, end: int) -> bool:
        """The test of :meth:`_fragment` for an opening ``mark`` whose content is ``[start, end)``."""
        letter = next((ch for ch in self.text[start:end] if ch.isalpha()), "")
        if not letter or not letter.islower():
            return False
        pos = mark.start
        lo = self._clause_start(pos, self.paras[self._para_of(pos)][0])
        before = self.text[lo:pos].rstrip()
        if not before or before.endswith(":"):
            return False
        return any(ch.isalnum() for ch in before)

    def _speaker_ok(self, ref: _SpkRef, cue: _CueHit) -> bool:
        """A speaker is a short noun phrase, never a clause, and agrees with its cue.

        Mentions always are; a pronoun must not contradict the gender of a
        past-tense cue (``она … прокомментировал``); other phrases (titles,
        names the recogniser missed, ``the company``) must have at most
        :data:`_MAX_SPEAKER_WORDS` words, no clause word from cues.txt
        (conjunctions, relative pronouns, ``not``, forms of ``be``, English
        prepositions) and, in Russian/Ukrainian, no finite verb.
        """
        if ref.kind == "mention":
            return True
        if ref.kind == "pronoun":
            return not (ref.gender in ("masc", "femn") and cue.gender in ("masc", "femn") and ref.gender != cue.gender)
        i = bisect.bisect_left(self.tok_starts, ref.start)
        words: list[_Tok] = []
        linking = False
        while i < len(self.toks) and self.toks[i].end <= ref.end:
            if self.toks[i].word:
                words.append(self.toks[i])
                linking = linking or self._linking_preposition(i)
            i += 1
        if not words or len(words) > _MAX_SPEAKER_WORDS:
            return False
        if any(t.fold in self.d.breakers and not (linking and t.fold in self.d.prepositions) for t in words):
            return False
        if self.lang != "en":
            morph = get_morph(self.lang)
            if any(t.text.isalpha() and t.text.islower() and morph.parse(t.text)[0].tag.POS == "VERB" for t in words):
                return False
            if ref.kind in ("phrase", "name") and words[-1].text.isalpha() and ref.definite:
                # "Йому говорили:", "в пятницу": a dative or accusative word is no subject
                # ("одна з колишніх учасниць" ends in the genitive of "one of" and is one)
                parses = morph.parse(words[-1].text)
                if all(p.is_known for p in parses) and not any(p.tag.case == "nomn" for p in parses):
                    return False
        return True

    def _free(self, m: Mention, blocked: list[tuple[int, int]]) -> bool:
        return not any(s <= m.start and m.end <= e for s, e in blocked)

    def _resolve(self, ref: _SpkRef, cue_gender: str | None, blocked: list[tuple[int, int]]) -> Speaker:
        words = self.text[ref.start : ref.end]
        if ref.kind == "mention" and ref.mention is not None:
            m = ref.mention
            return Speaker(ref.start, ref.end, words, m.key or None, m.name or m.text)
        target: Mention | None = None
        if self.lang == "en" and ref.kind == "phrase" and _EN_AGE_RE.fullmatch(_fold(words.split()[-1])) \
                and _fold(words.split()[0]) == "the":
            # "said the 31-year-old": the person introduced with that age, or the topic person (an age stands for
            # the person as a pronoun does; the translations read "31-летний футболист")
            ref = replace(ref, kind="pronoun", gender=None)
        if ref.kind == "pronoun":
            if ref.gender == "plur":
                para = self._para_of(ref.start)
                lo = self.paras[max(0, para - 2)][0] if self.paras else 0
                target = next(
                    (m for m in reversed(self.mentions)
                     if m.label == "ORG" and lo <= m.start and m.end <= ref.start and self._free(m, blocked)),
                    None,
                )
            else:
                target = self._salient_person(ref.start, ref.gender, cue_gender, blocked) or self._nearest_person(
                    ref.start, ref.gender, cue_gender, blocked
                )
        elif ref.kind == "title":
            if ref.definite:
                target = self._titled_person(ref, cue_gender, blocked)
                if target is None and ref.title in self.d.anaphors:
                    target = self._role_person(ref, cue_gender, blocked)
        elif ref.kind == "name":
            last = _fold(words.split()[-1]) if words.split() else ""
            target = next(
                (m for m in reversed(self.mentions)
                 if m.label == "PER" and m.start < ref.start and _fold((m.name or m.text).split()[-1]) == last),
                None,
            )
            if target is None:
                return Speaker(ref.start, ref.end, words, "per:" + name_key(words, self.lang), words)
        if target is None:
            return Speaker(ref.start, ref.end, words)
        return Speaker(ref.start, ref.end, words, target.key or None, target.name or target.text)

    def _salient_person(self, pos: int, gender: str | None, cue_gender: str | None,
                        blocked: list[tuple[int, int]]) -> Mention | None:
        """The person a singular pronoun at ``pos`` most likely refers to.

        Looking back over this paragraph and the :data:`_SALIENT_PARAGRAPHS`
        before it (more while they hold fewer than :data:`_SALIENT_WORDS`
        words outside quotations), outside quotations, the nearest reference in subject
        position whose gender agrees: a person mention, or a definite title
        (``the president said …``, ``президент затронул …``) resolved as a
        speaker title is. A reference is not a subject when it is a
        possessive (``Kavanaugh's``), follows a preposition from cues.txt
        (``of Kavanaugh``, ``about the Rosenstein meeting``), is not in the
        nominative, or (Russian/Ukrainian) follows a title in an oblique case
        or a noun after a preposition (``о номинации Кавано``); see
        :meth:`_oblique`. This is the subject preference of pronoun
        resolution (Hobbs 1978; Grosz, Joshi & Weinstein 1995, centering).
        None when no subject agrees; the caller then takes the nearest
        agreeing person.
        """
        toks = self.toks
        spans = sorted(blocked)
        starts = [a for a, _ in spans]

        def quoted(p: int) -> bool:
            k = bisect.bisect_right(starts, p) - 1
            return k >= 0 and spans[k][0] <= p < spans[k][1]

        para = self._para_of(pos)
        first_para, words = para, 0
        while first_para > 0 and (para - first_para < _SALIENT_PARAGRAPHS or words < _SALIENT_WORDS):
            first_para -= 1
            ps, pe = self.paras[first_para]
            k = bisect.bisect_left(self.tok_starts, ps)
            while k < len(toks) and toks[k].end <= pe:
                words += toks[k].word and not quoted(toks[k].start)
                k += 1
        lo = self.paras[first_para][0] if self.paras else 0

        i = bisect.bisect_left(self.tok_starts, pos) - 1
        while i >= 0 and toks[i].start >= lo:
            t = toks[i]
            if not t.word or quoted(t.start):
                i -= 1
                continue
            m = self.tok_mention.get(i)
            if m is not None:
                first = bisect.bisect_left(self.tok_starts, m.start)
                if (m.label == "PER" and m.end <= pos and not self._possessive(i)
                        and not self._oblique(first, m) and self._agrees(m, gender, cue_gender)
                        and not self._subordinate(m)):
                    return m
                i = min(i, first) - 1
                continue
            title = self._is_title(i)
            if title and title not in self.d.honorifics and self._title_subject(i):
                ref = self._title_ref([w for w in range(max(0, i - 6), i + 1) if toks[w].word], i)
                if ref.definite and self._agrees_title(ref, gender):
                    first = bisect.bisect_left(self.tok_starts, ref.start)
                    if not self._oblique(first, None):
                        target = self._titled_person(ref, cue_gender if gender is None else gender, blocked)
                        if target is not None:
                            return target
            i -= 1
        return None

    def _subordinate(self, m: Mention) -> bool:
        """Russian/Ukrainian: the person mention ``m`` is no main-clause subject a pronoun refers back to.

        True when it opens a clause after a complementizer (``reporting.txt``: ``тем, что Хиллари Клинтон
        проиграла``, ``те, що Гілларі Клінтон програла``): the topic person named in the main clause, or
        before it, stays the antecedent, and the caller falls back to the nearest person. Centering ranks
        main-clause subjects above the subjects of embedded clauses (Grosz, Joshi & Weinstein 1995;
        Kameyama 1998). Written looking at NTREX-128, where English keeps the topic person as the
        subject of the sentence before (``Pelosi said that she believed …``) and the translations
        name them in an oblique case (``На думку Пелосі``).
        """
        if self.lang == "en":
            return self._subordinate_en(m)
        return (complementizer_start(self.text, m.start, self.lang) is not None or self._included(m)
                or self._in_series(m))

    def _in_series(self, m: Mention) -> bool:
        """The mention ``m`` is one member of a series of at least three capitalised names joined
        by commas and a conjunction (English ``and`` too, for :meth:`_nearest_person`) (``были Дик Адвокат, Дэвид Мойес, … и Пауло Ди Канио``,
        ``в ФК "Клайд", "Фолкерк" і "Гамільтон Академікал"``): an enumeration, not the person a
        later singular pronoun or role noun refers back to. Quotation marks, hyphens, apostrophes
        and the conjunctions ``и``, ``і``, ``й``, ``та`` may stand between the names; the series
        stops at any other word, a sentence end or a line break. Written looking at NTREX-128,
        where ``— зазначив він`` went to the last predecessor of such a list.
        """
        toks = self.toks
        first = bisect.bisect_left(self.tok_starts, m.start)
        last = bisect.bisect_left(self.tok_starts, m.end) - 1
        joins = commas = 0
        for k, step in ((first - 1, -1), (last + 1, 1)):
            pending = ""
            while 0 <= k < len(toks):
                t, near = toks[k], toks[k - step] if 0 <= k - step < len(toks) else toks[k]
                if "\n" in self.text[min(t.end, near.end):max(t.start, near.start)]:
                    break
                if t.word and t.text[:1].isupper():
                    joins += bool(pending)
                    commas += pending == ","
                    pending = ""
                elif t.word and t.fold in ("и", "і", "й", "та", "and"):
                    pending = pending or "and"
                elif not t.word and t.text == ",":
                    if pending:
                        break
                    pending = ","
                elif not t.word and all(ch in _FAMILY or ch in "-‐’'" for ch in t.text):
                    pass
                else:
                    break
                k += step
        return joins >= 2 and commas >= 1

    def _included(self, m: Mention) -> bool:
        """Russian/Ukrainian: the person mention ``m`` follows a phrase of inclusion (``[before]`` of
        ``lang/<code>/subordinators.txt``: ``были его ученики, в том числе и Мандаги``, ``включаючи
        пана Мандагі``), past a conjunction (``и``, ``і``, ``й``, ``та``) and honorifics: it is part of
        another phrase, not the subject a later pronoun refers back to (the counterpart of English
        ``Mr. Mandagi included``, :meth:`_subordinate_en`). Written looking at NTREX-128.
        """
        phrases = _inclusion_phrases(self.lang)
        if not phrases:
            return False
        toks = self.toks
        i = bisect.bisect_left(self.tok_starts, m.start) - 1
        while i >= 0 and toks[i].word and (toks[i].fold in ("и", "і", "й", "та")
                                           or self._is_title(i) in self.d.honorifics):
            i -= 1
        words: list[str] = []
        while i >= 0 and toks[i].word and len(words) < 3:
            words.insert(0, toks[i].fold)
            if tuple(words) in phrases:
                return True
            i -= 1
        return False

    def _subordinate_en(self, m: Mention) -> bool:
        """English: the person mention ``m`` is the subject of a subordinate clause or stands in an
        absolute construction, so a later pronoun does not refer back to it.

        True when the word before it (past a title phrase such as ``President``, ``the``, a comma)
        opens a subordinate clause (``denied that Morales was``, ``asked whether Smith``, ``because
        Lee``, relative ``who``) or the word right after it makes an absolute construction (``others,
        Mr. Smith included, were``): ``[before]``/``[after]`` of ``lang/en/subordinators.txt``.
        Written looking at NTREX-128, where the Russian and Ukrainian translations resolve the
        same ``he said`` to the main-clause subject.
        """
        before, after = _subordinators()
        toks = self.toks
        first = bisect.bisect_left(self.tok_starts, m.start)
        last = bisect.bisect_left(self.tok_starts, m.end) - 1
        k = last + 1
        if k < len(toks) and toks[k].word and toks[k].fold in after:
            return True
        i = first - 1
        while i >= 0 and (not toks[i].word and toks[i].text in ".,"
                          or toks[i].word and (self._is_title(i) or toks[i].fold == "the")):
            if not toks[i].word and self._is_terminal(i):
                return False
            i -= 1
        if not (i >= 0 and toks[i].word and toks[i].fold in before):
            return False
        # a clause put before its main clause (``After Johnson met Macron, he told reporters``) is about the
        # person the main clause goes on with: its subject stays a candidate
        j = i - 1
        while j >= 0 and not toks[j].word and toks[j].text in "\"“‘«(—–":
            j -= 1
        return not (j < 0 or not toks[j].word and self._is_terminal(j)
                    or "\n" in self.text[toks[j].end : toks[i].start])

    def _role_person(self, ref: _SpkRef, cue_gender: str | None, blocked: list[tuple[int, int]]) -> Mention | None:
        """Russian/Ukrainian: the person a descriptive noun (``anaphor`` in speaker_titles.txt:
        ``— говорит спортсмен``, ``— сказала жінка``) stands for when nobody was introduced with it.

        News writing in these languages avoids repeating a name or a pronoun by naming the
        topic person with a noun that describes them (``24-летний спортсмен``, ``игрок``). Such
        a noun refers back like a pronoun: to the salient person (the nearest subject whose
        gender agrees with the noun and the cue, :meth:`_salient_person`), but only to one
        introduced with no other role (``Репортер Майк Трюделл`` is no ``игрок``); else None.
        Written looking at NTREX-128 translations, where English has ``he said``.
        """
        m = self._salient_person(ref.start, ref.gender, cue_gender, blocked)
        if m is None or not self._agrees(m, ref.gender, cue_gender):
            return None
        titles = self._person(m)[1]
        if titles and not self._same_title(ref.title, titles):
            return None
        return m

    def _agrees_title(self, ref: _SpkRef, gender: str | None) -> bool:
        return ref.gender is None or gender not in ("masc", "femn") or ref.gender == gender

    def _title_subject(self, i: int) -> bool:
        """A title at token ``i`` that stands for a person by itself (``the president``),
        not one that opens or follows a name (``President Donald Trump``, ``Sarah Sanders,
        press secretary``) or a longer title (``press secretary``)."""
        toks = self.toks
        j = i + 1
        while j < len(toks) and not toks[j].word and toks[j].text in ",.-‐":
            j += 1
        if j < len(toks) and toks[j].word and (self._is_title(j) or
                                               (self.tok_mention.get(j) is not None
                                                and self.tok_mention[j].label == "PER")):
            return False
        k = i - 1
        while k >= 0 and not toks[k].word and toks[k].text in ",":
            k -= 1
        if k >= 0 and k < i - 1 and self.tok_mention.get(k) is not None and self.tok_mention[k].label == "PER":
            return False  # an apposition after a name
        if self.lang != "en" and not self._nominative_word(toks[i].text):
            return False
        return True

    def _oblique(self, first: int, m: Mention | None) -> bool:
        """The reference starting at token ``first`` (a mention ``m`` or a title) is not
        the subject of its clause.

        English: it follows a preposition (past fillers: ``about the Rosenstein
        meeting``). Russian/Ukrainian: a finite verb right after it makes it a
        subject (``Дейлі заявив``, whatever case pymorphy3 guesses for a foreign
        name); else it is oblique when it cannot be nominative, follows a
        title in an oblique case (``сенатора Файнстайн``), follows a
        preposition, or follows a noun that follows a preposition (``о
        номинации Кавано``).
        """
        toks = self.toks
        if self.lang != "en":
            morph = get_morph(self.lang)
            end = m.end if m is not None else toks[first].end
            k = bisect.bisect_left(self.tok_starts, end)
            while k < len(toks) and toks[k].word and toks[k].fold in self.d.fillers:
                k += 1
            if k < len(toks) and toks[k].word and toks[k].text.islower() and morph.parse(toks[k].text)[0].tag.POS == "VERB":
                return False
            if m is not None and not self._nominative(m):
                return True
            t = first - 1
            if (m is not None and t >= 0 and toks[t].word and self._is_title(t)
                    and morph.parse(toks[t].text)[0].tag.case not in (None, "nomn")):
                return True  # a title in apposition shares the name's case: "сенатора Файнстайн"
        j = first - 1
        while j >= 0 and (
            (toks[j].word and toks[j].fold in self.d.fillers and toks[j].fold not in self.d.pronouns)
            or (m is not None and self._is_title(j) in self.d.honorifics)  # "с миссис Дэвис"
            or (not toks[j].word and toks[j].text == "."
                and not (self.lang == "en" and self._is_terminal(j)))  # "next to her. Gendon Subandono"
        ):
            j -= 1
        if self.lang == "en" and m is not None and j >= 0 and toks[j].text == ",":
            return self._conjunct_of_object(j, series=m.end)  # "at Clyde, Falkirk, St Mirren"
        if j < 0 or not toks[j].word:
            return False
        if toks[j].fold in self.d.prepositions:
            return True
        if self.lang == "en" and m is not None and toks[j].fold in ("and", "or") and self._conjunct_of_object(j):
            return True
        if self.lang == "en" and m is not None and self._object_position(first, m):
            return True
        if (self.lang != "en" and j == first - 1 and j > 0 and toks[j].text.islower() and not self._is_title(j)
                and toks[j - 1].fold in self.d.prepositions):
            noun = morph.parse(toks[j].text)[0]
            # "о номинации Кавано"; not a time ("В субботу Ориол Жункерас заявил", "у вівторок Іван …")
            return noun.tag.POS == "NOUN" and noun.normal_form not in _time_nouns(self.lang)
        if self.lang != "en" and m is not None and j == first - 1 and toks[j].text.islower() and not self._is_title(j):
            # a name after a common noun in the genitive modifies it ("об обрушении отеля Роа Роа",
            # "будинок родини Іванових"): every reading a noun in no nominative, the first a genitive
            parses = morph.parse(toks[j].text)
            return (parses[0].tag.case == "gent" and all(p.tag.POS == "NOUN" and p.tag.case != "nomn" for p in parses)
                    and parses[0].normal_form not in _time_nouns(self.lang))
        return False

    def _conjunct_of_object(self, conj: int, series: int | None = None) -> bool:
        """English: the ``and``/``or`` (``series``: the comma) at token ``conj`` joins a name to the
        object of a preposition (``with Smith and Jones``, ``at Clyde, Falkirk, St Mirren and
        Hamilton Academical``), so the name after it is no subject either.

        The conjuncts before it are runs of capitalised words; with one of them the word before
        it must be a preposition, with several they must be a series of at least three joined by
        commas (``In Paris, Macron and Merkel said`` keeps Merkel a subject; after a comma, with
        ``series`` the end of the name, the commas after it up to the ``and`` count too). Written looking at NTREX-128, where ``he
        recalled`` went to the last club of such a list tagged PER. The first conjunct may also be a
        verb's object (:meth:`_object_position`: ``include Dick Advocaat, David Moyes and Paulo Di
        Canio``); then any list counts (NTREX-128, round 5: ``he said`` went to the last name of it).
        """
        toks = self.toks
        j = conj - 1
        commas = 1 if series is not None else 0
        capitals = False
        while j >= 0:
            t = toks[j]
            if t.word and t.text[0].isupper() and not self._is_terminal_before(j):
                capitals = True
            elif not t.word and t.text == "," and capitals:
                commas += 1
            elif not t.word and t.text in ".'’-" and not self._is_terminal(j):
                pass
            else:
                break
            j -= 1
        if not capitals or j < 0 or not toks[j].word:
            return False
        if toks[j].fold not in self.d.prepositions:
            # "include Dick Advocaat, David Moyes … and Paulo Di Canio": the first conjunct is a verb's object
            last = j + 1
            while last + 1 < conj and toks[last + 1].word and toks[last + 1].text[0].isupper():
                last += 1
            if not self._object_position(last):
                return False
            least = 1  # after a verb any list is its object: "include Mark Hughes, Paul Evans and …"
        else:
            least = 2  # after a preposition: not "In Paris, Macron and Merkel said"
        if series is None:
            return commas != 1 or least == 1
        k = bisect.bisect_left(self.tok_starts, series)
        while k < len(toks):  # the rest of the series up to its "and": ", Mark Hughes and Paul Evans"
            t = toks[k]
            if t.word and t.fold in ("and", "or"):
                return commas >= least
            if not t.word and t.text == ",":
                commas += 1
            elif not t.word and self._is_terminal(k):
                return False
            elif not (t.word and t.text[0].isupper()) and not (not t.word and t.text in ".'’-"):
                return False
            k += 1
        return False

    def _object_position(self, first: int, m: Mention | None = None) -> bool:
        """English: the name starting at token ``first`` follows a verb or another
        ordinary lower-case word of its clause (``praised Donald Trump``, ``met Antony
        Blinken``, ``praised U.S. President Donald Trump``), so it is an object, not the subject.

        Capitalised words, ``.`` and hyphens before the name are part of its phrase
        (``Foreign Minister Sergei Lavrov``) and are skipped; with a capitalised title among
        them only a past-tense verb (``-ed``, no cue) before makes an object (``former
        President Obama`` stays a subject); a phrase with a lower-case
        title (``Russia's foreign minister Sergei Lavrov``) keeps the name a subject, as
        do a clause start, punctuation, a clause word from cues.txt (``and``,
        ``that``, ``when``) or ``clause_openers.txt`` (``though Furyk said``) and a time
        word from ``cue_adverbials.txt`` (``last night Smith said``). A cue right after the
        mention ``m`` makes it that cue's subject whatever stands before it (``talk show
        host Karen Hunter tweeted``). Written looking at NTREX-128, where ``she added``
        went past such subjects to an earlier person.
        """
        toks = self.toks
        if m is not None:
            k = bisect.bisect_left(self.tok_starts, m.end)
            if k < len(toks) and toks[k].word and toks[k].text.islower() and self._cue_at(k) is not None:
                return False
        j = first - 1
        titled = False
        while j >= 0 and ((toks[j].word and toks[j].text[0].isupper() and not self._is_terminal_before(j))
                          or (not toks[j].word and toks[j].text in ".-‐" and not self._is_terminal(j))):
            titled = titled or bool(toks[j].word and self._is_title(j))
            j -= 1
        if j < 0 or not toks[j].word or "\n" in self.text[toks[j].end : toks[first].start]:
            return False
        t = toks[j]
        if (self._is_title(j) or t.fold in self.d.breakers or t.fold in self.d.pronouns or t.fold in self.d.fillers
                or t.fold in _clause_openers() or t.fold in _cue_adverbials(self.lang)):
            return False
        if titled:
            # "praised U.S. President Donald Trump"; "former President Obama", "said President Trump" keep a subject
            return t.text.islower() and t.fold.endswith("ed") and self._cue_at(j) is None
        return t.text.islower()

    def _is_terminal_before(self, j: int) -> bool:
        """Token ``j`` opens a sentence or paragraph."""
        k = j - 1
        while k >= 0 and not self.toks[k].word and self.toks[k].text in _FAMILY:
            k -= 1
        return k < 0 or self._is_terminal(k) or "\n" in self.text[self.toks[k].end : self.toks[j].start]

    def _nominative_word(self, word: str) -> bool:
        return any(p.tag.case == "nomn" for p in get_morph(self.lang).parse(word))

    def _nearest_person(self, pos: int, gender: str | None, cue_gender: str | None,
                        blocked: list[tuple[int, int]]) -> Mention | None:
        """The nearest person mention before ``pos``, outside quotations, whose gender agrees.

        English: a person named only as a possessive modifier (``a revival of Sam Shepard's True West``)
        is taken only when no other person agrees (written looking at NTREX-128, where ``he said`` after
        such a sentence went to the playwright).
        """
        modifier: Mention | None = None
        for m in reversed(self.mentions):
            if m.end > pos or m.label != "PER" or not self._free(m, blocked):
                continue
            if self._in_series(m):
                # one name of an enumeration ("have included Simon Rattle, Andris Nelsons and Mirga
                # Grazinyte-Tyla", whatever labels its other names got) is no antecedent
                continue
            if self._agrees(m, gender, cue_gender):
                if self.lang == "en" and self._modifier(m):
                    modifier = modifier or m
                    continue
                return m
        return modifier

    def _agrees(self, m: Mention, *genders: str | None) -> bool:
        """The person's gender, where known, is none of the other one (``he`` never means Angela Merkel)."""
        mg = self._person(m)[0]
        return mg is None or all(g not in ("masc", "femn") or g == mg for g in genders)

    def _titled_person(self, ref: _SpkRef, cue_gender: str | None, blocked: list[tuple[int, int]]) -> Mention | None:
        """The person a definite title names.

        The nearest person before it (outside quotations, gender agreeing)
        who carries that title next to any of their mentions; else, when the
        title or the cue says the gender (``заявила министр``), the nearest
        person without a title whose name says the same gender; else None: a
        title nobody was introduced with names nobody (``“We have a plan,”
        the minister said.`` after ``Jimmy Carter`` is not Carter).
        """
        fallback: Mention | None = None
        wanted = ref.gender if ref.gender in ("masc", "femn") else cue_gender
        if self._of_organisation(ref):
            wanted = None  # "Спікер Лейбористської партії заявив": the party's, not the last man named
        for m in reversed(self.mentions):
            if m.end > ref.start or m.label != "PER" or not self._free(m, blocked):
                continue
            if not self._agrees(m, ref.gender, cue_gender):
                continue
            gender, titles = self._person(m)
            if self._same_title(ref.title, titles):
                return m
            if (fallback is None and not titles and wanted in ("masc", "femn") and gender == wanted
                    and not self._modifier(m)):
                fallback = m
        return fallback

    def _modifier(self, m: Mention) -> bool:
        """The person mention ``m`` only modifies another noun: a possessive (``Sam Shepard's play``)
        or, in Russian/Ukrainian, a genitive (``пьеса Сэма Шепарда``); such a person is not who a
        later ``the actor`` or ``актер`` stands for. Written looking at NTREX-128."""
        last = bisect.bisect_left(self.tok_starts, m.end) - 1
        if self._possessive(last):
            return True
        return self.lang != "en" and not self._nominative(m)

    def _of_organisation(self, ref: _SpkRef) -> bool:
        """Russian/Ukrainian: the title phrase is followed by an organisation in the genitive
        (``представитель лейбористской партии``, ``речник МЗС``): a role held for that body,
        the counterpart of an English indefinite ``a Labour Party spokesman``."""
        if self.lang == "en":
            return False
        j = bisect.bisect_left(self.tok_starts, ref.end)
        m = self.tok_mention.get(j) if j < len(self.toks) else None
        return m is not None and m.label == "ORG"

    def _same_title(self, title: str | None, titles: frozenset[str]) -> bool:
        """``title`` names the role of one of ``titles``: the same title, the title it abbreviates
        (``role=`` in speaker_titles.txt: ``генсек`` -> ``секретарь``), or a hyphenated title whose
        parts all stand there (``the Secretary-General`` and ``NATO Secretary General Jens Stoltenberg``)."""
        if title is None:
            return False
        if title in titles or self.d.same_role.get(title) in titles:
            return True
        parts = [p for p in title.split("-") if p]
        return len(parts) > 1 and all(p in titles for p in parts)

    def _person(self, m: Mention) -> tuple[str | None, frozenset[str]]:
        """Gender (``masc``/``femn``/None) and role titles of the person a mention names,
        gathered over every mention with the same key (cached per article)."""
        key = m.key or m.name or m.text
        info = self._person_cache.get(key)
        if info is not None:
            return info
        same = [o for o in self.mentions if o.label == "PER" and (o.key or o.name or o.text) == key]
        titles: set[str] = set()
        address: str | None = None  # gender from a form of address or a gendered title
        verbs: collections.Counter[str] = collections.Counter()
        by_title = False  # ru/uk: the address came from a role noun, not an honorific (пан, г-жа)
        for o in same:
            for t in self._titles_near(o):
                g = self.d.titles.get(t)
                if g and address is None:
                    address = g
                    by_title = t not in self.d.honorifics
                if t not in self.d.honorifics:
                    titles.add(t)
            if self.lang != "en":
                g = self._verb_gender(o)
                if g:
                    verbs[g] += 1
        # Russian/Ukrainian: the names as written; the recogniser's lemma can be wrong ("Ево" -> "Ева")
        names = [m.name or m.text] if self.lang == "en" else []
        gender = address
        if self.lang != "en" and by_title and verbs:
            # a masculine role noun names women too ("представник", "заявила министр") and a title
            # phrase can end in another noun's title ("Лідер меншості в Палаті представників Ненсі
            # Пелосі"): the verbs agreeing with the name outrank it
            gender = None
        if gender is None and verbs:
            # grammatical agreement in this text outranks the dictionary's guess for a
            # foreign given name ("Эммануэль Макрон прибыл": Эммануэль is listed as feminine)
            (top, n), *rest = verbs.most_common()
            if not rest or rest[0][1] < n:
                gender = top
        if gender is None and self.lang == "en":
            gender = self._apposition_gender(same)
        if gender is None:
            gender = self._name_gender(names + [o.text for o in same])
        if gender is None and self.lang != "en":
            gender = self._name_gender(names + [o.text for o in same], surnames=True)
        info = (gender, frozenset(titles))
        self._person_cache[key] = info
        return info

    def _apposition_gender(self, same: list[Mention]) -> str | None:
        """English: the gender a possessive pronoun in an apposition after the name gives (``Joan Puig,
        a mechanic filming the protest on his phone, said``): ``masc`` for ``his``, ``femn`` for
        ``her``, None when there is neither or both. The apposition runs from a comma right after the
        name to the next comma or the sentence end (at most 25 tokens). It outranks the given-name
        list, as a name's gender differs between languages (Catalan ``Joan`` is a man). Written
        looking at NTREX-128.
        """
        toks = self.toks
        seen: set[str] = set()
        for m in same:
            k = bisect.bisect_left(self.tok_starts, m.end)
            if k >= len(toks) or toks[k].text != ",":
                continue
            for j in range(k + 1, min(len(toks), k + 26)):
                t = toks[j]
                if not t.word and (t.text == "," or self._is_terminal(j)):
                    break
                if t.word and t.fold in ("his", "her"):
                    seen.add("masc" if t.fold == "his" else "femn")
        return seen.pop() if len(seen) == 1 else None

    def _plural_word(self, i: int) -> bool:
        """Russian/Ukrainian: every dictionary reading of token ``i`` is plural (``менеджерами``): a title in
        that form names a group (``менеджерами клуба были Адвокат, Мойес, …``), no title of one person."""
        if self.lang == "en" or not self.toks[i].text.isalpha():
            return False
        parses = [p for p in get_morph(self.lang).parse(self.toks[i].text) if p.is_known]
        return bool(parses) and all("plur" in p.tag for p in parses)

    def _titles_near(self, m: Mention) -> list[str]:
        """Titles in the phrase right before a mention (``NATO Secretary-General Jens
        Stoltenberg``, ``Mrs. Anna Smith``, ``глава МИД России Сергей Лавров``) or in
        an apposition after it (``Sarah Sanders, Trump's press secretary``).

        English keeps every title of the phrase (``Prime Minister``); Russian and
        Ukrainian put the head title first and its dependents after
        (``пресс-секретарь президента``), so only the first one counts.
        """
        toks = self.toks
        found: list[str] = []
        i = bisect.bisect_left(self.tok_starts, m.start) - 1
        before: list[str] = []
        words = 0
        para = self._para_of(m.start)
        while i >= 0 and words < _MAX_TITLE_MODIFIERS:
            t = toks[i]
            if self._para_of(t.start) != para:
                break  # a title ends no paragraph before its name (``— сказал тренер.`` ⏎ ``Чемпион Петр Белов``)
            if not t.word:
                if t.text not in ".-‐'’" and not (t.text == "," and not words) or self._is_terminal(i):
                    break  # a sentence's end too: ``— сказал тренер. Чемпион Петр Белов``
                i -= 1
                continue
            other = self.tok_mention.get(i)
            if other is not None and other.label == "PER" and not self._possessive(i):
                break
            if t.fold in self.d.breakers or self._cue_at(i) is not None or self._is_terminal(i):
                break
            title = self._is_title(i)
            if title and not self._plural_word(i):
                before.append(title)
            words += 1
            i -= 1
        found += before if self.lang == "en" else before[-1:]
        j = bisect.bisect_left(self.tok_starts, m.end)
        if j < len(toks) and toks[j].text == ",":
            after: list[str] = []
            j += 1
            words = 0
            while j < len(toks) and words < _MAX_TITLE_MODIFIERS + 2:
                t = toks[j]
                if not t.word:
                    if t.text not in ".-‐'’":
                        break
                    j += 1
                    continue
                other = self.tok_mention.get(j)
                if other is not None and other.label == "PER" and not self._possessive(j):
                    break
                if t.fold in self.d.breakers or self._cue_at(j) is not None:
                    break
                title = self._is_title(j)
                if title and not self._plural_word(j):
                    after.append(title)
                words += 1
                j += 1
            found += after if self.lang == "en" else after[:1]
        return found

    def _name_gender(self, names: list[str], surnames: bool = False) -> str | None:
        """Gender from the given name: English ``gendered_first_names.txt`` (the first word
        that is not a title), Russian/Ukrainian pymorphy3 first-name tags (``surnames``:
        surname tags, a weaker sign: ``Вотерс`` parses as masculine)."""
        for name in names:
            if self.lang == "en":
                for word in re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", name):
                    fold = _fold(word)
                    if fold in self.d.titles:
                        continue
                    gender = self.d.first_names.get(fold) or self.d.first_names.get(fold.split("-")[0])
                    if gender:
                        return gender
                    break
            else:
                gender = _slavic_name_gender(name, self.lang)[1 if surnames else 0]
                if gender:
                    return gender
        return None

    def _verb_gender(self, m: Mention) -> str | None:
        """Russian/Ukrainian: a past-tense verb agrees in gender with its subject: right
        after a subject mention (``Сандерс ответила``, ``Трамп заявил``), or a speech cue
        right before it (``— заявила Вотерс``)."""
        if not self._nominative(m):
            return None
        morph = get_morph(self.lang)
        toks = self.toks
        i = bisect.bisect_left(self.tok_starts, m.start) - 1
        # not after a common noun: in "риторика Моралеса підірвала" the verb agrees with the noun
        # (but "ведущая ток-шоу Карен Хантер написала": a verb of another gender than the noun's agrees
        # with the name)
        noun = (morph.parse(toks[i].text)[0] if i >= 0 and toks[i].word and toks[i].text.islower()
                and not self._is_title(i) else None)
        attribute = noun is not None and noun.tag.POS == "NOUN"
        j = bisect.bisect_left(self.tok_starts, m.end)
        while j < len(toks) and toks[j].word and toks[j].fold in self.d.fillers:
            j += 1
        if (j + 2 < len(toks) and toks[j].word and toks[j].fold in self.d.prepositions and toks[j + 1].word
                and any(p.normal_form in _time_nouns(self.lang) for p in morph.parse(toks[j + 1].text))):
            j += 2  # a time between subject and verb: "Максин Уотерс в субботу отвергла"
            while j < len(toks) and toks[j].word and toks[j].fold in self.d.fillers:
                j += 1
        if j < len(toks) and toks[j].word and toks[j].text.islower():
            tag = morph.parse(toks[j].text)[0].tag
            if tag.POS == "VERB" and "past" in tag and "plur" not in tag and not (
                    attribute and noun.tag.gender is not None and noun.tag.gender in tag and "sing" in noun.tag):
                return next((g for g in ("masc", "femn") if g in tag), None)
        if i >= 0 and toks[i].word and toks[i].text.islower():
            hit = self._cue_at(i)
            if hit is not None and hit.tok_last == i and hit.gender in ("masc", "femn"):
                return hit.gender
        return None


@lru_cache(maxsize=20_000)
def _slavic_name_gender(name: str, lang: str) -> tuple[str | None, str | None]:
    """Gender of a person's name from pymorphy3: (of a first name, of an unambiguous surname)."""
    morph = get_morph(lang)
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w[0].isupper()]
    surname_genders: set[str] = set()
    for w in words:
        parses = morph.parse(w)
        for p in parses:
            # a dictionary first name only: the guesser tags unknown foreign names ("Саули", "Канье")
            # as feminine; "Ево" is no vocative of Єва
            if "Name" in p.tag and p.is_known and p.score >= 0.05 and "voct" not in p.tag:
                g = next((g for g in ("masc", "femn") if g in p.tag), None)
                if g:
                    return g, None
        for p in parses:
            if ("Surn" in p.tag or "Patr" in p.tag) and "nomn" in p.tag:
                surname_genders |= {g for g in ("masc", "femn") if g in p.tag}
    return None, (surname_genders.pop() if len(surname_genders) == 1 else None)
