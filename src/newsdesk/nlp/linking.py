"""Linking keys: one comparison form for a name in any of en, ru, uk.

Three steps turn a name into a key that meets its spelling in another
language or script:

1. :func:`transliterate` writes Cyrillic in Latin ASCII. Ukrainian text (any
   of ``і ї є ґ`` present, or ``lang="uk"``) follows the Ukrainian national
   system of 2010 (Cabinet of Ministers resolution No. 55, 27 January 2010),
   which gives the English spellings of Ukrainian names (``Київ`` -> ``Kyiv``,
   ``Зеленський`` -> ``Zelenskyi``), ``зг`` as ``zgh`` (and, beyond the
   system, ``тг``, ``сг``, ``кг``, ``цг`` alike: ``Монтгомері`` ->
   ``Montghomeri``, so that step 2 does not read ``th``). Russian follows BGN/PCGN 1947 with ``ё`` as
   ``e`` and ``е`` always ``e`` (the spelling English news uses: Gorbachev,
   Andreev). Latin letters lose their diacritics (Unicode NFKD).
2. :func:`name_key` lower-cases, drops apostrophes, splits words at any other
   punctuation, and folds the spellings that differ between English and the
   transliterations into one form (:func:`_fold_word`, in this order):
   ``dzh``/``dj`` -> ``j``; ``sch`` -> ``sh``, ``tch``/``tsch`` -> ``ch``;
   ``ck`` -> ``k``, ``ph`` -> ``f``, ``th`` -> ``t``, ``kh`` -> ``h``, ``gh`` ->
   ``g``, ``q`` -> ``k``, ``w`` -> ``v``, ``x`` -> ``ks``; ``c`` before e/i/y ->
   ``s``, any other ``c`` -> ``k`` (``ch`` is kept); an ``h`` after a vowel and
   not before one is silent and dropped (John, Sarah), any other ``h`` -> ``g``
   (Ukrainian writes Г for both g and h, Russian writes Г for h and Х for kh);
   ``y`` at the start of a word before a vowel -> ``j``, any other ``y`` -> ``i``;
   doubled letters -> one; ``ie`` -> ``e``; ``ts`` -> ``c``.

   Names that meet (each row gives one key; checked in tests/nlp/test_linking.py)::

       Stoltenberg       Столтенберг (ru)    Столтенберг (uk)    -> stoltenberg
       Jens              Йенс (ru)           Єнс (uk)            -> jens
       Zelensky(y)       Зеленский (ru)      Зеленський (uk)     -> zelenski
       John              Джон (ru)           Джон (uk)           -> jon
       Hillary           Хиллари (ru)        Гілларі (uk)        -> gilari
       Kennedy           Кеннеди (ru)        Кеннеді (uk)        -> kenedi
       Maria             Мария (ru)          Марія (uk)          -> maria
       Yanukovych        Янукович (ru)       Янукович (uk)       -> janukovich
       Yulia Tymoshenko  Юлия Тимошенко      Юлія Тимошенко      -> julia timoshenko
       Denys Shmyhal     Денис Шмыгаль       Денис Шмигаль       -> denis shmigal
       San Diego         Сан-Диего (ru)      Сан-Дієго (uk)      -> san dego

   Names that do not meet: different names of one thing (``Kiev``/``Київ``,
   ``Vladimir``/``Володимир``, ``UN``/``ООН``, ``Brussels``/``Брюссель``),
   vowels English spelling hides (``Biden``/``Байден``, ``Trump``/``Трамп``,
   ``Mike``/``Майк``) and silent letters (``Wales``/``Уельс``): step 5
   compares those across languages. Countries,
   the places and organisations of ``lang/<code>/places.txt`` and
   ``organizations.txt`` get language-independent keys from the recognizer's
   gazetteer instead (``Росії``, ``России`` and ``Russia`` all give
   ``loc:rusia``), see :mod:`newsdesk.nlp.entities`. Keys are comparison
   forms, not display names: ``Vienna`` gives ``vena``.
3. :func:`link_mentions` gives every mention in one document its key
   (``per:jens stoltenberg``) and canonical name, folding a lone surname or
   first name into the full name it abbreviates.

Queries use the same form: :func:`query_needle` and :func:`key_matches` let
``--speaker Столтенберг`` find speakers stored as ``per:jens stoltenberg``.

Across documents (the store calls these pure functions; this module knows no
store):

4. :func:`known_entity` looks a name up in a catalogue of every country
   (Babel/CLDR and pycountry names), capital (``lang/<code>/capitals.txt``),
   continent and region (Babel, ``regions.txt``) and organisation with its
   acronyms (``org_aliases.txt``, ``organizations.txt``) in en, ru and uk, so
   ``NATO``/``НАТО``, ``EU``/``ЕС``/``ЄС``, ``UN``/``ООН``, ``Kyiv``/``Киев``/
   ``Київ`` each give one key, inflected forms included (``Евросоюза``).
5. :func:`choose_entity` decides whether a document's entity is a stored
   one, among the candidates that share its :func:`blocking_key` (the first
   three letters of the consonant :func:`skeleton` of the last word): equal
   key or alias; the same name spelled by another language
   (:func:`same_word`: ``Trump``/``Трамп`` by skeleton, ``Kavanaugh``/
   ``Кавано`` by a fuzzy ratio with rapidfuzz, ``Мілера``/``Miler`` by a case
   ending a lemmatiser left, ``Waters``/``Уотерс``/``Вотерс`` and
   ``Hale``/``Хейл`` by the English reading of :func:`sounded`, which
   follows the practical transcription of English names into Russian and
   Ukrainian; ``Junqueras``/``Жункерас``/``Хункерас`` by the Spanish and
   Catalan readings of ``j``; :func:`same_name`: ``Kim Jong Un``/``Ким Чен
   Ын``/``Кім Чен Ин`` by the Korean syllables of ``lang/ko/syllables.txt``,
   ``Kai-Fu Lee``/``Ли Кайфу`` written surname first, though the store finds
   the latter only when the last words share a block); a surname joining
   the one stored full name that has it. Ambiguous names are never merged: a bare surname that two stored
   people share stays its own entity, and two different full names sharing a
   surname stay apart.
6. :func:`lemmatize_mention` gives the nominative of a mention no recognizer
   lemmatised (evaluation on gold mentions; user queries).

Languages: en, ru, uk (any Latin-script name passes through step 1 unchanged
apart from diacritics).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz

from newsdesk.errors import ConfigError
from newsdesk.lang.territories import TERRITORY_ORGS, territory_names
from newsdesk.model import EntityLabel, Mention

__all__ = [
    "transliterate",
    "name_key",
    "link_mentions",
    "role_of",
    "strip_titles",
    "canonical_name",
    "query_needle",
    "key_matches",
    "lemmatize_name",
    "KnownEntity",
    "known_entity",
    "known_by_key",
    "script_of",
    "skeleton",
    "sounded",
    "blocking_key",
    "RULES_VERSION",
    "same_word",
    "same_name",
    "Candidate",
    "LinkDecision",
    "choose_entity",
    "lemmatize_mention",
]

# --- step 1: transliteration ---------------------------------------------------

# Letters common to Russian and Ukrainian, Russian reading (BGN/PCGN 1947,
# simplified: ё -> e, е -> e everywhere, э -> e).
_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian letters met in Russian-looking text (loans, typos).
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}

# Ukrainian national system (2010): letters that differ from the table above.
# The pair is (word-initial, elsewhere).
_UK = {
    "г": "h", "и": "y", "ґ": "g", "і": "i", "е": "e",
    "є": ("ye", "ie"), "ї": ("yi", "i"), "й": ("y", "i"),
    "ю": ("yu", "iu"), "я": ("ya", "ia"), "ь": "", "щ": "shch",
}

_UK_MARKERS = frozenset("іїєґІЇЄҐ")
# Latin letters that would make a digraph with the h of a following Ukrainian г (zh, th, sh, kh, ch): the 2010
# system writes зг as zgh; the same is done here after т, с, к, ц (Монтгомері -> Montghomeri, not Monthomeri,
# which name_key would read as th).
_BEFORE_GH = frozenset("ztskc")
_APOSTROPHES = "'’ʼ`´"


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def transliterate(text: str, lang: str | None = None) -> str:
    """Write ``text`` in Latin ASCII, keeping case and everything that is not a letter.

    Args:
        text: any string; Cyrillic letters of Russian and Ukrainian (including
            ``і ї є ґ ё й ъ ь``) are transliterated, Latin letters lose
            their diacritics, other characters outside ASCII are dropped.
        lang: ``uk`` for the Ukrainian national system (2010), ``ru`` for
            BGN/PCGN (simplified, see the module docstring); None picks ``uk``
            when the text holds any of ``і ї є ґ``, else ``ru``.

    Returns:
        An ASCII string. Apostrophes between Cyrillic letters (``м'ясо``) are
        dropped, as the 2010 system prescribes.

    Examples:
        ``transliterate("Йенс Столтенберг")`` -> ``"Yens Stoltenberg"``;
        ``transliterate("Київ")`` -> ``"Kyiv"``.
    """
    if lang is None:
        lang = "uk" if any(ch in _UK_MARKERS for ch in text) else "ru"
    ukrainian = lang in ("uk", "ua")
    out: list[str] = []
    prev_letter = False
    for i, ch in enumerate(text):
        low = ch.lower()
        if _is_cyrillic(ch):
            rule = _UK.get(low, _RU.get(low)) if ukrainian else _RU.get(low)
            if rule is None:  # a Cyrillic letter of another language: decompose
                rule = _strip_marks(low)
            if isinstance(rule, tuple):
                rule = rule[1] if prev_letter else rule[0]
            if ukrainian and low == "г" and out and out[-1][-1:].lower() in _BEFORE_GH:
                rule = "gh"  # зг -> zgh (2010 system), so that Згорани is not read with ж; тг, сг, кг, цг alike
            if ch != low and rule:
                following_upper = i + 1 < len(text) and text[i + 1].isupper()
                rule = rule.upper() if following_upper else rule[0].upper() + rule[1:]
            out.append(rule)
            prev_letter = True
        elif ch in _APOSTROPHES and prev_letter and i + 1 < len(text) and _is_cyrillic(text[i + 1]):
            continue  # Ukrainian apostrophe: not written in Latin
        else:
            out.append(_strip_marks(ch))
            prev_letter = ch.isalpha()
    return "".join(out)


_NON_DECOMPOSING = str.maketrans({
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
    "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "þ": "th", "Þ": "Th",
})


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_NON_DECOMPOSING))
    return "".join(c for c in decomposed if not unicodedata.combining(c) and ord(c) < 128)


# --- step 2: the comparison form ----------------------------------------------

_VOWELS = "aeiou"
_RULES_BEFORE_C = (
    ("dzh", "j"), ("dj", "j"),
    ("shch", "\x04"), ("tsch", "\x03"), ("sch", "\x02"), ("tch", "\x03"),
    ("sh", "\x02"), ("ch", "\x03"), ("zh", "\x05"),
    ("ck", "k"), ("ph", "f"), ("th", "t"), ("kh", "h"), ("gh", "g"),
    ("q", "k"), ("w", "v"), ("x", "ks"),
)
_PLACEHOLDERS = (("\x02", "sh"), ("\x03", "ch"), ("\x04", "shch"), ("\x05", "zh"))
_C_SOFT = re.compile(r"c(?=[eiy])")
_H_SILENT = re.compile(r"(?<=[aeiouy])h(?![aeiouy])")
_Y_CONSONANT = re.compile(r"^y(?=[aeiou])")
_DOUBLE = re.compile(r"(.)\1+")


def _fold_word(word: str) -> str:
    """Fold one lower-case ASCII word into the comparison form (rules in the module docstring)."""
    for old, new in _RULES_BEFORE_C:
        word = word.replace(old, new)
    word = _C_SOFT.sub("s", word).replace("c", "k")
    word = _H_SILENT.sub("", word).replace("h", "g")
    word = _DOUBLE.sub(r"\1", _Y_CONSONANT.sub("j", word).replace("y", "i")).replace("ie", "e")
    word = word.replace("ts", "c")
    for mark, letters in _PLACEHOLDERS:
        word = word.replace(mark, letters)
    return _DOUBLE.sub(r"\1", word)


_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=200_000)  # pure; the store calls it for every mention and alias it links
def name_key(name: str, lang: str | None = None) -> str:
    """Return the language- and script-independent comparison form of a name.

    Give it the nominative (dictionary) form: ``Столтенберга`` is not folded
    into ``Столтенберг`` here (the recognizer lemmatises mentions first).

    Args:
        name: a name in Latin or Cyrillic script, one or more words.
        lang: passed to :func:`transliterate` (``uk``/``ru``/None = guess).

    Returns:
        Lower-case ASCII words separated by one space; apostrophes vanish
        (``O'Brien`` -> ``obrien``), hyphens and other punctuation separate
        words. Empty when the name has no letter or digit.

    Examples:
        ``name_key("Stoltenberg") == name_key("Столтенберг") == "stoltenberg"``;
        ``name_key("Jens Stoltenberg") == name_key("Єнс Столтенберг")``.
    """
    latin = transliterate(name, lang).lower()
    for apostrophe in _APOSTROPHES:
        latin = latin.replace(apostrophe, "")
    return " ".join(_fold_word(w) for w in _WORD.findall(latin))


# --- step 3: keys within a document --------------------------------------------


def _mention_form(m: Mention) -> str:
    """The form a mention is keyed and named by: its lemma (else its text), without leading titles for PER."""
    form = m.lemma or m.text
    return strip_titles(form) if m.label == "PER" else form


def _mention_key(m: Mention) -> str:
    return f"{m.label.lower()}:{name_key(_mention_form(m))}"


def link_mentions(mentions: Sequence[Mention]) -> list[Mention]:
    """Fill ``key`` and ``name`` of the mentions of one document.

    Rules:

    * A mention keeps a ``key`` it already has (the recognizer sets
      ``loc:russia`` for gazetteer places); otherwise its key is
      ``f"{label.lower()}:{name_key(lemma)}"``, a PER lemma first losing
      its leading titles (:func:`strip_titles`: ``Президент Дональд Трамп``
      is keyed and named as ``Дональд Трамп``).
    * A one-word PER mention equal (by :func:`name_key`) to the last or first
      word of a longer PER mention in the same document takes that mention's
      key: ``Stoltenberg`` -> ``per:jens stoltenberg``; a hyphenated surname,
      one written word keyed as several, joins the name it ends
      (``Berners-Lee`` -> ``per:tim berners le``); so does one written
      exactly as the last word of a longer name is written, whatever the
      lemmas (``Ліндсі Греем ... Греем``: a guessed lemma ``гре`` must not
      split them). When several longer
      names share the word, one whose last written word is the mention
      itself beats one that only ends in it after a hyphen (``Daley`` is Tom
      Daley, not Robert Ray Black-Daley), then the nearest one before the
      mention wins (else the nearest after it), unless that name was introduced together with
      another one that shares the word (``Ivan Ivanov and Petr Ivanov ...
      Ivanov said``: joined by ``and``, a comma or another short link, at most
      :data:`_TOGETHER_GAP` characters apart): the word then stays its own key.
    * ``name`` is the canonical form among the lemmas (PER: without
      titles) of the mentions sharing a key, chosen by
      :func:`canonical_name`: most words, then a nominative form over an
      inflected one (``Бретт Кавано`` over ``Бретта Кавано``), then the
      most frequent, then the first seen.
    * A role name of an organisation (``lang/<code>/org_roles.txt``:
      ``Alliance``, ``Альянс`` for NATO) takes the organisation's key and
      label when the same document names the organisation itself, and is
      never its canonical name: ``NATO ... the Alliance`` -> both
      ``org:nato``, named ``NATO``. Without the organisation it keeps its own key.

    Args:
        mentions: the mentions of one document, any order.

    Returns:
        New mentions in the same order, with ``key`` and ``name`` set.
    """
    keyed = [m if m.key else replace(m, key=_mention_key(m)) for m in mentions]
    present = {m.key for m in keyed}
    roles = [role_of(_mention_form(m)) for m in keyed]
    keyed = [
        replace(m, key=role.key, label=role.label) if role is not None and role.key in present else m
        for m, role in zip(keyed, roles)
    ]

    full_names = [m for m in keyed if m.label == "PER" and len(_key_words(m)) > 1 and _written_words(m) > 1]
    surnames = {w for f in full_names for w in (_key_words(f)[-1], *name_key(f.text).split()[-1:])}
    # a surname the recogniser labelled a place or an organisation ("Зарате" LOC, "Вотерс" ORG) while the
    # document names the person in full: no gazetteer key, no role name, one written word
    keyed = [
        replace(k, label="PER", key="per:" + k.key.split(":", 1)[-1])
        if (k.label != "PER" and not m.key and role is None and len(k.text.split()) == 1
            and any(_key_words(k) == [w] or name_key(k.text) == w for w in surnames))
        else k
        for m, k, role in zip(mentions, keyed, roles)
    ]
    linked: list[Mention] = []
    for m in keyed:
        words = _key_words(m)
        if m.label == "PER" and words and _written_words(m) == 1 and full_names:
            # one written word: a surname, hyphenated ones too (Berners-Lee: key words berners le)
            written = name_key(m.text).split()
            candidates = [f for f in full_names if _key_words(f)[-len(words):] == words
                          or (len(words) == 1 and words[0] == _key_words(f)[0])
                          or (len(written) == 1 and name_key(f.text).split()[-1:] == written)]
            # a name whose last written word is the mention itself beats one that only ends in it after a
            # hyphen: "Daley" is Tom Daley, not Robert Ray Black-Daley named nearer
            whole = [f for f in candidates if len(written) == 1 and f.text.split()[-1:]
                     and name_key(f.text.split()[-1]).split() == written]
            if len(written) == 1 and whole and len(whole) < len(candidates) and all(
                    "-" in f.text.split()[-1] for f in candidates if f not in whole):
                candidates = whole
            if candidates:
                before = [f for f in candidates if f.start < m.start]
                best = max(before, key=lambda f: f.start) if before else min(
                    candidates, key=lambda f: f.start
                )
                if not _introduced_together(best, candidates):
                    m = replace(m, key=best.key)
        linked.append(m)

    forms: dict[str, dict[str, int]] = {}
    for m, role in zip(linked, roles):
        counts = forms.setdefault(m.key, {})
        if role is not None and role.key == m.key:
            continue  # ``Alliance`` never names NATO
        form = _mention_form(m)
        counts[form] = counts.get(form, 0) + 1
    canonical = {key: canonical_name(counts) for key, counts in forms.items()}
    return [replace(m, name=canonical[m.key]) for m in linked]


_TOGETHER_GAP = 6
"""Characters between two full names that are introduced together: `` and ``, ``, ``, `` и ``, `` та ``."""


def _introduced_together(best: Mention, candidates: Sequence[Mention]) -> bool:
    """True when a full name of another key stands right next to ``best`` (``Ivan Ivanov and Petr Ivanov``)."""
    return any(
        c.key != best.key and (0 <= c.start - best.end <= _TOGETHER_GAP or 0 <= best.start - c.end <= _TOGETHER_GAP)
        for c in candidates
    )


def _key_words(m: Mention) -> list[str]:
    return m.key.split(":", 1)[-1].split()


def _written_words(m: Mention) -> int:
    """How many words the mention's form is written as (``Berners-Lee`` is one, keyed as two)."""
    return len(_mention_form(m).split())


# --- titles and canonical names -------------------------------------------------


def _title_word(word: str) -> str:
    return word.lower().replace("ё", "е").replace("’", "'").rstrip(".")


@lru_cache(maxsize=8)
def _titles(lang: str) -> tuple[tuple[str, ...], ...]:
    """Title word sequences of ``lang``, longest first: speaker_titles.txt (first column) and person_titles.txt,
    less regnal_titles.txt."""
    from newsdesk.lang import load_list

    kept = {_title_word(line) for line in load_list(lang, "regnal_titles")}
    entries = [line.split()[0] for line in load_list(lang, "speaker_titles")]
    entries += list(load_list(lang, "person_titles"))
    titles = {tuple(_title_word(w) for w in entry.split()) for entry in entries}
    return tuple(sorted((t for t in titles if t and t[0] not in kept), key=lambda t: (-len(t), t)))


@lru_cache(maxsize=8)
def _titles_by_first_word(lang: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """:func:`_titles` grouped by their first word, each group longest first."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for title in _titles(lang):
        grouped.setdefault(title[0], []).append(title)
    return {first: tuple(titles) for first, titles in grouped.items()}


@lru_cache(maxsize=20_000)
def _word_forms(word: str, lang: str) -> frozenset[str]:
    """A word as written (folded) and, for a Cyrillic word, its pymorphy3 dictionary forms."""
    folded = _title_word(word)
    if lang == "en" or not re.search("[а-яёіїєґ]", folded):
        return frozenset({folded})
    from newsdesk.nlp.morph import get_morph

    return frozenset({folded} | {p.normal_form.replace("ё", "е") for p in get_morph(lang).parse(folded)[:4]})


@lru_cache(maxsize=50_000)
def strip_titles(name: str, lang: str | None = None) -> str:
    """Cut the titles and honorifics off the front of a person's name: ``Президент Дональд Трамп`` -> ``Дональд
    Трамп``, ``Mr. Adams`` -> ``Adams``, ``Prime Minister Keir Starmer`` -> ``Keir Starmer``.

    Titles come from the language's data files: the first column of ``lang/<code>/speaker_titles.txt`` and the
    phrases of ``person_titles.txt`` (multi-word ones, longest first), except those of ``regnal_titles.txt``
    that news keep as part of a name (``King Charles``, ``Pope Francis``). Comparison is case-blind, ignores a
    final full stop (``Mr.``), and for Cyrillic words also uses their pymorphy3 dictionary forms
    (``Президента Дональда Трампа`` -> ``Дональда Трампа``). Titles are cut one after another (``Lt. Gen. John
    Smith`` -> ``John Smith``), each with an acronym right after it (``Президент США Дональд Трамп``,
    ``генсек НАТО Йенс Столтенберг``); the last word of a name is never cut.

    Args:
        name: a PER name, one or more words.
        lang: ``en``, ``ru`` or ``uk`` (``ua`` accepted); None takes the English titles for a Latin word and
            the Russian and Ukrainian ones for a Cyrillic word (Ukrainian first when the name has і/ї/є/ґ).

    Returns:
        The name without its leading titles, words joined by one space; the name as given (spacing
        normalised) when it starts with no title.
    """
    words = name.split()
    while len(words) > 1:
        if lang in ("en", "ru", "uk", "ua"):
            langs: tuple[str, ...] = ("uk" if lang == "ua" else lang,)
        elif not re.search("[а-яА-ЯёЁіїєґІЇЄҐ]", words[0]):
            langs = ("en",)
        else:
            langs = ("uk", "ru") if _UKRAINIAN_LETTERS.search(name) else ("ru", "uk")
        cut = 0
        for code in langs:
            by_first = _titles_by_first_word(code)
            titles = sorted(
                (t for form in _word_forms(words[0], code) for t in by_first.get(form, ())),
                key=lambda t: (-len(t), t),
            )  # every title whose first word is one of the first word's forms, longest first
            for title in titles:
                if len(title) < len(words) and all(
                    t in _word_forms(w, code) for t, w in zip(title, words[: len(title)])
                ):
                    cut = len(title)
                    break
            if cut:
                break
        if not cut:
            break
        if cut + 1 < len(words) and len(words[cut]) >= 2 and words[cut].isupper():
            cut += 1  # the title's complement, an acronym: Президент США Дональд Трамп, генсек НАТО
        words = words[cut:]
    return " ".join(words)


# Case endings of Russian and Ukrainian names as written (Cyrillic), for :func:`canonical_name`: a form that is
# another form of the same entity plus one of these (``Бретта``/``Бретт``, ``Трампа``/``Трамп``) is inflected.
_CYRILLIC_CASE_ENDINGS = ("ові", "еві", "ом", "ем", "ою", "ею", "ой", "ей", "а", "я", "у", "ю", "е", "і", "и", "ы")


def _inflected_words(form: str, others: frozenset[str], lang: str | None) -> tuple[int, int]:
    """``(words that are another form's word plus a case ending, words pymorphy3 knows only in an oblique case)``."""
    by_ending = by_morph = 0
    for word in form.lower().split():
        if not re.search("[а-яёіїєґ]", word):
            continue
        if any(word.endswith(e) and word[: -len(e)] in others for e in _CYRILLIC_CASE_ENDINGS if len(word) > len(e) + 2):
            by_ending += 1
            continue
        code = "uk" if lang in ("uk", "ua") or _UKRAINIAN_LETTERS.search(word) else "ru"
        from newsdesk.nlp.morph import get_morph

        morph = get_morph(code)
        if not morph.word_is_known(word):
            continue
        named = [p for p in morph.parse(word) if _NAME_GRAMMEMES & p.tag.grammemes]
        if named and not any(p.tag.case == "nomn" and p.tag.number != "plur" for p in named):
            by_morph += 1
    return by_ending, by_morph


def canonical_name(forms: Mapping[str, int] | Sequence[str], lang: str | None = None) -> str:
    """Choose the canonical name of one entity in one language among the forms documents gave it.

    Order of preference: most words (``Дональд Трамп`` over ``Трамп``); then a nominative form over an inflected
    one; then the most frequent; then the first given. A form is inflected when a word of it is a word of
    another given form plus a Russian/Ukrainian case ending (``Бретта`` beside ``Бретт``: lemmatisers leave
    such forms of foreign names), else when pymorphy3 knows the word as a name only in an oblique case or in the
    plural (``Дональда``, ``Терезы``); names pymorphy3 does not know (``Бретт``) and Latin words count as
    nominative.

    Args:
        forms: ``{form: number of mentions}``, or forms in the order met (each counted once).
        lang: ``ru`` or ``uk`` picks the pymorphy3 dictionary; None guesses per word (і/ї/є/ґ: Ukrainian).

    Returns:
        The chosen form; empty when ``forms`` is empty.

    Example:
        ``canonical_name({"Бретта Кавано": 2, "Бретт Кавано": 1}, "ru")`` -> ``"Бретт Кавано"``.
    """
    counts = dict(forms) if isinstance(forms, Mapping) else {f: 1 for f in forms}
    if not counts:
        return ""
    words = frozenset(w for form in counts for w in form.lower().split())
    order = {form: i for i, form in enumerate(counts)}

    def rank(form: str) -> tuple[int, int, int, int, int]:
        by_ending, by_morph = _inflected_words(form, words, lang) if len(counts) > 1 else (0, 0)
        return (-len(form.split()), by_ending, by_morph, -counts[form], order[form])

    return min(counts, key=rank)


# --- queries -------------------------------------------------------------------


def query_needle(query: str, *, lemmatize: bool = False) -> str:
    """Return the comparison form of a user's query (``Столтенберг`` -> ``stoltenberg``).

    A ``label:`` prefix (``per:stoltenberg``) is kept as it is written, so a
    stored key can also be queried verbatim.

    Args:
        query: a name as a user types it, in any of en/ru/uk.
        lemmatize: bring Cyrillic words to their dictionary form first, so an
            inflected query meets the stored key (``Столтенберга`` ->
            ``stoltenberg``); see :func:`lemmatize_name`.
    """
    label, sep, rest = query.partition(":")
    if lemmatize:
        rest = lemmatize_name(rest if sep else query)
        query = f"{label}:{rest}" if sep else rest
    if sep and label.lower() in ("per", "org", "loc", "misc"):
        return f"{label.lower()}:{name_key(rest)}"
    return name_key(query)


_UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_NAME_GRAMMEMES = frozenset({"Surn", "Name", "Patr", "Geox", "Orgn"})


def lemmatize_name(name: str, lang: str | None = None) -> str:
    """Bring each Cyrillic word of a name to its nominative with pymorphy3: ``Столтенберга`` -> ``столтенберг``.

    Rules, per word (the Ukrainian dictionary when ``lang`` is ``uk`` or the
    word has і/ї/є/ґ, else the Russian one):

    * a word whose most probable name-like parse (surname, given name,
      patronymic, place or organisation) is a nominative singular stays as
      written;
    * else that parse gives its dictionary form (``Терезы`` -> ``тереза``,
      ``Путина`` -> ``путин``), a woman's surname its feminine nominative
      (``Ивановой`` -> ``иванова``, not pymorphy3's masculine dictionary form
      ``иванов``);
    * a word the dictionary does not know that ends like a feminine
      nominative (``-а``, ``-я``) stays (``Асия``: the guesser would make it
      masculine); another unknown word takes the guesser's dictionary form;
    * other words, and Latin words, stay as written.

    Changed words come back lower-case.
    """
    from newsdesk.nlp.morph import get_morph  # a query-time helper; mentions are lemmatised by the recognizers

    words = []
    for word in name.split():
        if not re.search("[а-яА-ЯёЁіїєґІЇЄҐ]", word):
            words.append(word)
            continue
        code = "uk" if lang in ("uk", "ua") or _UKRAINIAN_LETTERS.search(word) else "ru"
        morph = get_morph(code)
        parses = morph.parse(word)
        named = sorted((p for p in parses if _NAME_GRAMMEMES & p.tag.grammemes), key=lambda p: -p.score)
        known = morph.word_is_known(word.lower())
        if named and named[0].tag.case == "nomn" and named[0].tag.number != "plur":
            words.append(word)
            continue
        if not named and not known and word[-1:].lower() in ("а", "я") and len(word) > 3:
            words.append(word)
            continue
        best = named[0] if named else (parses[0] if parses and not known else None)
        if best is None:
            words.append(word)
            continue
        # pymorphy3's dictionary form of a woman's surname is the man's (Ивановой -> иванов): inflect those
        nominative = best.inflect({"nomn", "sing"}) if best.tag.gender == "femn" and "Surn" in best.tag else None
        words.append(nominative.word if nominative is not None else best.normal_form)
    return " ".join(words)


def key_matches(query: str, key: str) -> bool:
    """Tell whether a stored entity ``key`` answers a user's name ``query``.

    The needle (:func:`query_needle`) matches when it equals the key, equals
    the key without its ``label:`` prefix, or occurs in it as whole words:
    ``Столтенберг`` and ``Jens Stoltenberg`` both match ``per:jens
    stoltenberg``; ``Stolt`` does not.

    Args:
        query: a name as a user types it, any of en/ru/uk, nominative case.
        key: a stored key such as ``per:jens stoltenberg``.
    """
    needle = query_needle(query)
    if not needle:
        return False
    if needle == key:
        return True
    if ":" in needle:
        return False
    body = key.split(":", 1)[-1]
    return re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", body) is not None


# --- known entities: countries, capitals, organisations -------------------------

_CATALOGUE_LANGS = ("en", "ru", "uk")
# UN M49 world regions taken from Babel/CLDR: continents and the regions news names (not "Americas" or
# "Southern Africa", whose Russian names news uses for the United States and South Africa).
_WORLD_REGIONS = ("002", "003", "005", "009", "015", "030", "035", "142", "150", "151", "155", "419")
_FOLD_QUOTES = str.maketrans({c: None for c in "«»\"“”„‘‚"} | {c: "'" for c in "’ʼ`´"})


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """A country, capital city or organisation of the catalogue (see :func:`known_entity`).

    Attributes:
        key: the linking key, ``f"{label.lower()}:{name_key(English name)}"``
            (``loc:ukraine``, ``org:nato``): the key the recognizer gives the
            same entity through its gazetteer.
        label: ``LOC`` or ``ORG``.
        names: the display name per language, ``(("en", "Ukraine"), ("ru",
            "Украина"), ("uk", "Україна"))``; a language without a name is left out.
    """

    key: str
    label: EntityLabel
    names: tuple[tuple[str, str], ...]

    def name(self, lang: str) -> str | None:
        """The display name in ``lang`` (``en``, ``ru``, ``uk``), or None."""
        return dict(self.names).get(lang)


def _fold_name(name: str) -> str:
    """Same-language comparison form: lower case, ``ё`` -> ``е``, one apostrophe, no quotation marks, one space."""
    return " ".join(name.translate(_FOLD_QUOTES).lower().replace("ё", "е").split())


def _data_pairs(lang: str, name: str) -> list[tuple[str, str]]:
    from newsdesk.lang import load_list

    pairs = []
    for line in load_list(lang, name):
        local, _, canonical = line.partition("|")
        pairs.append((local.strip(), (canonical or local).strip()))
    return pairs


@lru_cache(maxsize=1)
def _catalogue() -> tuple[dict[str, dict[str, KnownEntity]], dict[str, KnownEntity]]:
    """Build the catalogue once: ``({lang: {folded name: entity}}, {key: entity})``.

    Order of precedence for a name met twice: countries (Babel/CLDR territory
    names, then pycountry's ISO 3166-1 names and their translations),
    organisations (``org_aliases.txt``, then ``organizations.txt``), places
    (``places.txt``), capitals (``capitals.txt``), regions (``regions.txt``),
    then Babel's names of continents and world regions.
    """
    from babel import Locale

    labels: dict[str, EntityLabel] = {}  # key -> label
    display: dict[str, dict[str, str]] = {}  # key -> lang -> display name
    by_name: dict[str, dict[str, str]] = {lang: {} for lang in _CATALOGUE_LANGS}  # lang -> folded -> key

    def add(lang: str, name: str, label: EntityLabel, canonical: str) -> None:
        key = f"{label.lower()}:{name_key(canonical)}"
        folded = _fold_name(name)
        if not folded or folded in by_name[lang] or not name_key(canonical):
            return
        labels.setdefault(key, label)
        by_name[lang][folded] = key
        display.setdefault(key, {}).setdefault(lang, name)

    english = Locale.parse("en").territories
    for lang in _CATALOGUE_LANGS:
        for code, name, canonical in territory_names(lang):
            if code not in TERRITORY_ORGS:  # the organisation lists give EU and UN with their acronyms and names
                add(lang, name, "LOC", canonical)
    for lang in _CATALOGUE_LANGS:
        data_files = (("org_aliases", "ORG"), ("organizations", "ORG"), ("places", "LOC"), ("capitals", "LOC"),
                      ("regions", "LOC"))
        for data, label in data_files:
            for name, canonical in _data_pairs(lang, data):
                add(lang, name, label, canonical)  # type: ignore[arg-type]
        territories = Locale.parse(lang).territories
        for code in _WORLD_REGIONS:
            add(lang, territories[code], "LOC", english[code])

    entities = {
        key: KnownEntity(key, labels[key], tuple((lang, names[lang]) for lang in _CATALOGUE_LANGS if lang in names))
        for key, names in display.items()
    }
    return {lang: {n: entities[k] for n, k in names.items()} for lang, names in by_name.items()}, entities


def known_entity(name: str, lang: str | None = None, *, inflected: bool = False) -> KnownEntity | None:
    """Look a name up among the countries, capitals and organisations of the catalogue.

    The catalogue holds every country (Babel/CLDR territory names and
    pycountry's ISO 3166-1 names, in en, ru, uk), every capital city
    (``lang/<code>/capitals.txt``), continents and world regions (Babel),
    the regions of ``lang/<code>/regions.txt``, the places of ``lang/<code>/places.txt``
    and the organisations of ``lang/<code>/org_aliases.txt`` and
    ``organizations.txt`` with their acronyms (``NATO``/``НАТО``,
    ``EU``/``ЕС``/``ЄС``, ``UN``/``ООН``).

    Args:
        name: a name as written; case, ``ё``/``е``, apostrophes, quotation
            marks and spacing do not matter.
        lang: the language to look in first (``en``, ``ru``, ``uk``; ``ua``
            accepted); the others are tried after it. None tries all.
        inflected: also try the dictionary forms of Cyrillic words
            (pymorphy3), so ``Евросоюза`` and ``Європейського Союзу`` are found.

    Returns:
        The entity, or None when the catalogue does not know the name.
    """
    by_name, _ = _catalogue()
    folded = _fold_name(name)
    if not folded:
        return None
    lang = "uk" if lang in ("uk", "ua") else lang
    order = ([lang] if lang in by_name else []) + [code for code in _CATALOGUE_LANGS if code != lang]
    for code in order:
        found = by_name[code].get(folded)
        if found is not None:
            return found
    if inflected and _CYRILLIC_WORD.search(folded):
        return _known_inflected(folded, lang if lang in ("ru", "uk") else None)
    return None


@lru_cache(maxsize=1)
def _roles() -> dict[str, KnownEntity]:
    """``{folded role name: catalogue entity}`` from ``lang/<code>/org_roles.txt`` of every language."""
    _, entities = _catalogue()
    roles = {}
    for lang in _CATALOGUE_LANGS:
        for form, canonical in _data_pairs(lang, "org_roles"):
            entity = entities.get(f"org:{name_key(canonical)}")
            if entity is None:
                raise ConfigError(f"lang/{lang}/org_roles.txt: {canonical!r} is not an organisation of org_aliases.txt")
            roles[_fold_name(form)] = entity
    return roles


def role_of(form: str) -> KnownEntity | None:
    """The organisation a role name refers back to (``Alliance``, ``Альянс`` -> NATO), or None.

    Role names come from ``lang/<code>/org_roles.txt`` (en, ru, uk). They are
    ambiguous alone: callers link them only where the document names the
    organisation too (:func:`link_mentions`) and never store them as aliases.

    Args:
        form: a mention's lemma or text; case, ``ё``, quotation marks and spacing do not matter.
    """
    return _roles().get(_fold_name(form))


def known_by_key(key: str) -> KnownEntity | None:
    """The catalogue entity with this linking key (``org:nato``), or None."""
    return _catalogue()[1].get(key)


_CYRILLIC_WORD = re.compile("[а-яёіїєґ]")


@lru_cache(maxsize=50_000)
def _known_inflected(folded: str, lang: str | None) -> KnownEntity | None:
    from newsdesk.nlp.morph import get_morph

    by_name, _ = _catalogue()
    words = folded.split()
    if len(words) > 6:
        return None
    langs = [lang] if lang else (["uk"] if _UKRAINIAN_LETTERS.search(folded) else ["ru", "uk"])
    for code in langs:
        morph = get_morph(code)
        options = []
        for word in words:
            forms = [word]
            if _CYRILLIC_WORD.search(word):
                forms += [p.normal_form.replace("ё", "е") for p in morph.parse(word)[:4]]
            options.append(list(dict.fromkeys(forms)))
        for combo in itertools.islice(itertools.product(*options), 200):
            found = by_name[code].get(" ".join(combo))
            if found is not None:
                return found
        # an adjective + noun phrase (Европейского союза): word by word dictionary forms give
        # "европейский союз" only when each word's best parse agrees, so compare word stems too
        found = _stem_lookup(words, code)
        if found is not None:
            return found
    return None


@lru_cache(maxsize=4)
def _stem_index(lang: str) -> dict[str, KnownEntity]:
    """Multi-word catalogue names by word stems (``европейск союз``), for inflected adjective phrases."""
    by_name, _ = _catalogue()
    index: dict[str, KnownEntity] = {}
    for name, entity in by_name[lang].items():
        words = name.split()
        if len(words) > 1:
            index.setdefault(" ".join(_cyrillic_stem(w) for w in words), entity)
    return index


_CYRILLIC_ENDINGS = tuple(sorted(
    "ого ому ими ыми ых их ий ый ой ая яя ое ее ую юю ої ій ою ею ом ем ам ям ах ях ов ев ів ей а я у ю о е и ы і ь й"
    .split(),
    key=len, reverse=True,
))


def _cyrillic_stem(word: str) -> str:
    for ending in _CYRILLIC_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _stem_lookup(words: list[str], lang: str) -> KnownEntity | None:
    if len(words) < 2:
        return None
    return _stem_index(lang).get(" ".join(_cyrillic_stem(w) for w in words))


# --- store-time linking across documents -----------------------------------------

Script = Literal["Latn", "Cyrl", "Zyyy"]


def script_of(text: str) -> Script:
    """The ISO 15924 script of a name: ``Cyrl`` when it has a Cyrillic letter, ``Latn`` when it has a
    Latin one, else ``Zyyy`` (undetermined: digits, symbols)."""
    if any(_is_cyrillic(ch) and ch.isalpha() for ch in text):
        return "Cyrl"
    if any(ch.isalpha() for ch in text):
        return "Latn"
    return "Zyyy"


_SKELETON_DROP = re.compile(r"[aeiou]")

# English spelling read as Russian and Ukrainian translators write it (see :func:`sounded`), as regular
# expressions over one key word, applied in this order. Consonants first: they also shape the skeleton.
_SOUND_CONSONANTS = (
    (re.compile(r"^u(?=[aeio])"), "v"),  # Уолтон uolton, Уэйд ueid, Уильям uiliam: W (key v) + vowel
    (re.compile(r"^i(?=[aeou])"), "j"),  # Ian, Иосиф: I + vowel reads as Й
    (re.compile(r"(?<=[^aeiou])j(?=[aeiou])"), "i"),  # Bjorn / Бйорн biorn / Бьорн born: j after a consonant is і/ь
    # Buchanan / Бьюкенен, Michael / Майкл, Nicholas / Николас: ch between vowels, before a or o (not Charles,
    # Richie; not Shevchuk, Shevchenko, whose ч follows a consonant)
    (re.compile(r"(?<=[aeiou])ch(?=[ao])"), "k"),
    (re.compile(r"zh"), "j"),  # Armitage / Армитаж: one sound for ж, дж and English g before e
    # Armitage / Армитаж, Farage / Фараж, Sturridge / Старридж, George: final -age, -dge, -rge is ж/дж (not
    # -нге, -льге: Менге, Ольге are Russian datives of Менга, Ольга)
    (re.compile(r"(?:dge|(?<=[ar])ge)$"), "j"),
    (re.compile(r"dg(?=[ei])"), "j"),  # Bridget / Бриджет
    (re.compile(r"^geo"), "jo"),  # George / Джордж, Georgia / Джорджия
    (re.compile(r"(?<=[aeiou])g(?=am$)"), ""),  # Graham / Грэм: h of final -ham silent after a vowel (key g)
    (re.compile(r"(?<=[aeiou])g(?=er)"), "j"),  # Rogers / Роджерс, Roger / Роджер: g between a vowel and -er
    (re.compile(r"(?<=[aeiou])sion(?=s?$)"), "shn"),  # Sessions / Сешнс, Сэшнс: final -ssion(s) is -шн(с)
    # Catalan -ig after u is ч (Puig / Пуч, Puigdemont / Пучдемон); Ukrainian Пуйг (puig) reads alike
    (re.compile(r"uig(?![aeiou])"), "uch"),
    # Spanish, Catalan, French qu before e, i inside a word is к (Junqueras / Жункерас, Márquez / Маркес); not a
    # word-initial Qu, which English reads кв (Quentin / Квентин)
    (re.compile(r"(?<=.)ku(?=[ei])"), "k"),
)
# Then vowels (they only change the fuzzy ratio, never the skeleton).
_MAGIC_E = re.compile(r"(?:^|(?<=[^aeiou]))([aeiou])([^aeiou]|sh|ch|j)e(s?)$")  # Hale, Mike, Luke, James: V C e
_MAGIC_VOWEL = {"a": "ei", "i": "ai", "o": "o", "u": "u", "e": "i"}  # Хейл, Майк, Люк, Джеймс, Пит (Pete)
_SOUND_VOWELS = (
    (re.compile(r"(?<=[^aeiou])e$"), ""),  # silent final e: Maxine / Максин, Cooke / Кук, Beattie (beate) / Битти
    (re.compile(r"ea"), "i"),  # Beattie / Битти, Dean / Дин
    (re.compile(r"ei$"), "i"),  # Lindsey / Линдси, Whitney / Уитни: final -ey is -и
    (re.compile(r"au(?=l)"), "o"),  # Paul / Пол, Saul / Сол (not Braun / Браун)
    (re.compile(r"(?<=[^aeiou])ael$"), "l"),  # Michael / Майкл: the English -ael is one syllable
    (re.compile(r"ou"), "o"),  # Stone / Стоун, Jones / Джоунс: English o is о or оу
    (re.compile(r"(?<=[^aeiou])iu"), "u"),  # Luke / Люк, Buchanan / Бьюкенен: ю after a consonant is English u
)


@lru_cache(maxsize=100_000)
def sounded(word: str) -> str:
    """An English-pronunciation reading of one key word, to compare names across languages.

    English spelling hides sounds that Russian and Ukrainian translators
    spell out, following the practical transcription of English names
    (Д. И. Ермолович, «Имена собственные на стыке языков и культур», 2001;
    Р. С. Гиляревский, Б. А. Старостин, «Иностранные имена и названия в
    русском тексте», 1985): W is Уо/Уэ/Уи or В, a final e is silent, a vowel
    before a consonant and a final e is long (Hale -> Хейл, Mike -> Майк),
    j after a consonant is a vowel (Bjorn -> Бьорн/Бйорн), ch inside a word
    is often к (Buchanan -> Бьюкенен), final -(d)ge is -дж/-ж (Armitage ->
    Армитаж), g between a vowel and -er is дж (Rogers -> Роджерс), a final
    -ssion(s) is -шн(с) (Sessions -> Сешнс), au and ou are о (Paul -> Пол),
    ea is и (Beattie -> Битти).
    The rules (``_SOUND_CONSONANTS`` then ``_MAGIC_E`` and ``_SOUND_VOWELS``)
    apply to any key word, whichever language it came from, so both sides
    of a comparison are read alike: ``vaters`` (Waters), ``uoters``
    (Уотерс) and ``voters`` (Вотерс) give ``vaters``, ``voters``,
    ``voters``; ``gale`` (Hale) and ``geil`` (Хейл) both ``geil``.

    Only comparisons across languages use it (:func:`same_word` with
    ``cross``, and :func:`skeleton`, hence :func:`blocking_key`): within one
    language a different letter stays a different name.

    Args:
        word: one word of a key made by :func:`name_key` (lower-case ASCII).

    Returns:
        The reading, lower-case ASCII; the word itself when no rule applies.
        Doubled letters are made one.
    """
    for pattern, repl in _SOUND_CONSONANTS:
        word = pattern.sub(repl, word)
    word = _MAGIC_E.sub(lambda m: _MAGIC_VOWEL[m.group(1)] + m.group(2) + m.group(3), word)
    for pattern, repl in _SOUND_VOWELS:
        word = pattern.sub(repl, word)
    return _DOUBLE.sub(r"\1", word)


@lru_cache(maxsize=100_000)
def _letters_skeleton(word: str) -> str:
    """The consonant skeleton of a key word as written (before :func:`sounded`): the rule of :func:`skeleton`
    without the reading, used for spellings that differ in letters only (``trump``/``tramp``)."""
    return _consonant_skeleton(word, read=False)


def _consonant_skeleton(word: str, *, read: bool) -> str:
    spelled = "kr" + word[3:] if word.startswith("chr") else word
    if read:
        # j read as g too: Spanish j is х (key g), Catalan j ж (Junqueras: Хункерас, Жункерас), so both
        # spellings share a block for :func:`_spanish_j` to compare (blocks only gather candidates)
        spelled = sounded(spelled).replace("j", "g")
    body = _DOUBLE.sub(r"\1", _SKELETON_DROP.sub("", spelled.replace("z", "s")))
    if word.endswith("a") and len(word) > 2:
        body += "a"
    return body or word


@lru_cache(maxsize=100_000)
def skeleton(word: str) -> str:
    """The consonant skeleton of one key word: the consonants of its :func:`sounded` reading, ``z`` read as
    ``s``, a leading ``chr`` as ``kr`` (Christine, Крістін), doubled letters one; a final ``a`` of the word is
    kept (it marks a feminine Slavic surname: ``ivanova`` is not ``ivanov``).

    ``trump`` and ``tramp`` (Трамп) give ``trmp``; ``biden`` and ``baiden`` (Байден) ``bdn``;
    ``vladimir`` and ``volodimir`` ``vldmr``; ``vaters`` (Waters) and ``uoters`` (Уотерс) ``vtrs``;
    ``bjorn`` and ``born`` (Бьорн) ``brn``; ``j`` is written ``g`` (``junkueras`` and ``gunkeras``, Junqueras
    and Хункерас, ``gnkrs``). A word of vowels only is its own skeleton.
    """
    return _consonant_skeleton(word, read=True)


def blocking_key(key: str) -> str:
    """The blocking key under which the store looks for link candidates: the first three letters of the
    :func:`skeleton` of the last word of a key (``per:donald trump`` -> ``trm``) or of a key body made by
    :func:`name_key` (``tramp``, from ``Трамп``, -> ``trm``; ``kavano``, from ``Кавано``, and ``kavanaug``
    both ``kvn``; ``vaters``, from Waters, and ``uoters``, from Уотерс, both ``vtr``, as :func:`skeleton` reads
    words through :func:`sounded`). Empty for an empty key.

    The reading changed the blocks of some words (``uoters`` was ``trs``): a store made before it keeps the
    old blocks in its alias rows until they are computed again."""
    body = key.split(":", 1)[1] if _LABEL_PREFIX.match(key) else key
    words = body.split()
    return skeleton(words[-1])[:3] if words else ""


_LABEL_PREFIX = re.compile(r"^(?:per|org|loc|misc):")


def search_blocks(key: str) -> set[str]:
    """The blocks the store searches for link candidates of ``key``: its :func:`blocking_key` and, for a person's
    name of several words, the blocks of its first word and of its other words written as one, so that a name
    written surname first in another language (``Ли Кайфу``: ``li kaifu``; ``Kai-Fu Lee``: ``kai fu le``) meets its
    stored form whichever came first. Only where the store looks: stored aliases keep one block (the last word's),
    and :func:`same_name` still decides. Empty for an empty key."""
    blocks = {blocking_key(key)}
    body = key.split(":", 1)[1] if _LABEL_PREFIX.match(key) else key
    words = body.split()
    if key.startswith("per:") and len(words) > 1:
        blocks |= {skeleton(words[0])[:3], skeleton("".join(words[:-1]))[:3]}
    blocks.discard("")
    return blocks

RULES_VERSION = 4
"""The version of the rules that make stored keys: :func:`name_key` and :func:`blocking_key`.

A database records the version its alias keys and blocks were made with; opening it with other rules re-keys the
aliases (``newsdesk.store.migrations.refresh_linking_keys``) and advises ``newsdesk relink``. Raise it with any change
that gives a stored name another key or block. 1: until 2026-11-30; 2: names read as English is pronounced
(:func:`sounded`) in the skeleton, Ukrainian ``зг``/``тг``/``сг``/``кг`` keep their ``h``; 3: :func:`sounded`
reads ``g`` between a vowel and ``er`` as ``j`` (Rogers/Роджерс) and a final ``-sion(s)`` as ``shn``
(Sessions/Сешнс); 4: :func:`sounded` reads a Catalan ``-uig`` as ``uch`` (Puig/Пуч) and an inner ``qu`` before
``e``/``i`` as ``k`` (Junqueras/Жункерас), and :func:`skeleton` writes ``j`` as ``g`` (Хункерас)."""

WORD_RATIO = 60.0
"""Lowest rapidfuzz ``fuzz.ratio`` (0-100) of two key words spelled in different languages that
:func:`same_word` accepts when their skeletons agree (``mai``/``mei`` for May/Мей score 67)."""
SPELLING_RATIO = 70.0
"""Lowest ``fuzz.ratio`` of two words from different languages, four letters or more, that
:func:`same_word` accepts when one's skeleton (three letters or more) begins the other's: English
spelling keeps letters the other languages do not write (``kavanaug``/``kavano`` for Kavanaugh/Кавано
score 71, ``litgov``/``litgou`` for Lithgow/Литгоу 83)."""
NAME_RATIO = 70.0
"""Lowest ``fuzz.ratio`` of two whole multi-word key bodies from different languages (``teresa mai`` /
``tereza mei`` score 80)."""

# Case endings of Russian and Ukrainian nouns and surnames as name_key writes them (Latin, folded), longest
# first: ``Мілера`` -> ``milera`` -> ``miler``; ``Коннору`` -> ``konoru`` -> ``konor``.
_ENDINGS = ("ovi", "evi", "ogo", "omu", "oiu", "eiu", "om", "em", "im", "oi", "ei", "iu", "a", "u", "e", "i")
# Feminine surname endings: their final ``a`` is no case ending (``ivanova`` is not ``ivanov``).
_FEMININE = ("ova", "eva", "ina", "ska", "cka", "aia")


def _stem(word: str) -> str:
    """A word without one Russian/Ukrainian case ending, keeping four letters or more."""
    if word.endswith(_FEMININE):
        return word
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def same_word(a: str, b: str, *, cross: bool, inflected: bool = False) -> bool:
    """Tell whether two key words (made by :func:`name_key`) are one name.

    Rules:

    * equal words are;
    * with ``inflected`` (a word comes from Russian or Ukrainian text, where a
      lemmatiser may have left a case ending), words equal but for one case
      ending are (``milera``/``miler``, ``mengi``/``menga``), unless one is
      a feminine surname (``ivanova`` is not ``ivanov``);
    * with ``cross`` (the words come from different languages: en, ru and uk
      each spell foreign names their own way): words with the same
      consonant skeleton as written (:func:`skeleton` without the reading) and a rapidfuzz ratio of at least :data:`WORD_RATIO`
      (``trump``/``tramp``, ``biden``/``baiden``, ``oleksandr``/``aleksandr``),
      and words of four letters or more whose skeletons (three letters or
      more) are one the beginning of the other, with a ratio of at least
      :data:`SPELLING_RATIO` (``kavanaug``/``kavano``, ``litgov``/``litgou``),
      unless one is a feminine surname and the other not;
    * with ``cross``, words whose English readings (:func:`sounded`) have the
      same consonants and agreeing vowels (:func:`_sounds_alike`):
      ``vaters``/``uoters``/``voters`` (Waters/Уотерс/Вотерс), ``gale``/``geil``
      (Hale/Хейл), ``bjorn``/``born`` (Bjorn/Бьорн), ``koke``/``kuk``
      (Cooke/Кук); with ``inflected`` also their stems.

    Within one language a different vowel is a different name (``patin`` is
    not ``putin``). Words starting with a digit must be equal.
    """
    if a == b:
        return True
    if not a or not b or a[0].isdigit() or b[0].isdigit():
        return False
    if inflected:
        stem_a, stem_b = _stem(a), _stem(b)
        if stem_a == stem_b and len(stem_a) >= 4:
            return True
    else:
        stem_a, stem_b = a, b
    if not cross:
        return False
    if _letters_skeleton(a) == _letters_skeleton(b) and fuzz.ratio(a, b) >= WORD_RATIO:
        return True
    if _sounds_alike(a, b) or (inflected and (stem_a, stem_b) != (a, b) and _sounds_alike(stem_a, stem_b)):
        return True
    if _spanish_j(a, b):
        return True
    if a.endswith(_FEMININE) != b.endswith(_FEMININE) or min(len(a), len(b)) < 4:
        return False
    short, long_ = sorted((_letters_skeleton(stem_a), _letters_skeleton(stem_b)), key=len)
    return len(short) >= 3 and long_.startswith(short) and fuzz.ratio(stem_a, stem_b) >= SPELLING_RATIO


# Vowels that English spelling and a Russian/Ukrainian transcription of the same name put in one place
# (Ермолович 2001): Trump / Трамп (u, a), Graham / Грэм (a, e), Waters / Уотерс (a, o), Cooke / Кук (o, u),
# Lee / Ли, Steele / Стил (e, i), Murphy / Мерфи (u, e).
_VOWEL_PAIRS = frozenset(map(frozenset, ("ua", "ae", "ao", "ou", "ei", "ue")))
_RUNS = re.compile(r"[aeiou]+|[^aeiou]+")


def _runs(word: str) -> tuple[list[str], list[str]]:
    """``(consonant runs, vowel groups)`` of a word; the vowel groups are those before each consonant run and
    after the last one (``""`` where there is none): ``voters`` -> ``(["v", "t", "rs"], ["", "o", "e", ""])``."""
    consonants: list[str] = []
    vowels = [""]
    for run in _RUNS.findall(word):
        if run[0] in _VOWELS:
            vowels[-1] = run
        else:
            consonants.append(run)
            vowels.append("")
    return consonants, vowels


def _vowels_agree(x: str, y: str) -> bool:
    """Equal, one vowel that the other group holds (``i``/``ai``: Maxine/Максин; ``o``/``io``: Бьорн/Бйорн),
    or two single vowels of :data:`_VOWEL_PAIRS`; not two different diphthongs (``ei``/``oi``: Daley/Doyle)."""
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    if len(short) == 1 and short in long_:
        return True
    return len(x) == len(y) == 1 and frozenset(x + y) in _VOWEL_PAIRS


@lru_cache(maxsize=100_000)
def _sounds_alike(a: str, b: str) -> bool:
    """Two key words whose :func:`sounded` readings have the same consonants, vowel groups that agree
    (:func:`_vowels_agree`; a final vowel other than ``a`` may be missing on one side),
    and a rapidfuzz ratio of at least :data:`WORD_RATIO`: ``vaters``/``uoters`` (Waters/Уотерс),
    ``gale``/``geil`` (Hale/Хейл), ``koke``/``kuk`` (Cooke/Кук); not ``bone``/``bin``, ``bjorn``/``braun``."""
    sa, sb = sounded(a), sounded(b)
    if sa == sb:
        return True
    (ca, va), (cb, vb) = _runs(sa), _runs(sb)
    if not ca or ca != cb:
        return False
    if va[-1] != vb[-1]:
        if "a" in (va[-1], vb[-1]) or (va[-1] and vb[-1]):
            return False  # a final a marks a woman's name (Ivanova, Francesca, Kristina): never dropped or changed
        va, vb = va[:-1], vb[:-1]  # a final vowel the other spelling lacks: Beattie (beat) / Битти (biti)
    return all(_vowels_agree(x, y) for x, y in zip(va, vb)) and fuzz.ratio(sa, sb) >= WORD_RATIO


SPANISH_J_LENGTH = 6
"""Shortest :func:`sounded` reading for which :func:`_spanish_j` reads ``j`` as ``х`` (``Жанна``/``Ганна``,
``jana``/``gana``, are two names)."""


def _spanish_j(a: str, b: str) -> bool:
    """Two key words whose :func:`sounded` readings are equal once ``j`` is read as ``g``: Spanish ``j`` is
    Russian and Ukrainian ``х`` (key ``g``), Catalan ``j`` is ``ж`` (key ``zh``, read ``j``), so Junqueras is
    Жункерас in one translation and Хункерас in another (``junkueras``, ``zhunkeras``, ``gunkeras``). Only
    readings of :data:`SPANISH_J_LENGTH` letters or more, compared exactly."""
    sa, sb = sounded(a), sounded(b)
    if sa == sb or min(len(sa), len(sb)) < SPANISH_J_LENGTH or ("j" not in sa and "j" not in sb):
        return False
    return sa.replace("j", "g") == sb.replace("j", "g")


def _cross_ratio(a: str, b: str) -> float:
    """The better rapidfuzz ratio of two names (key words joined by a space), as written and as :func:`sounded`."""
    return max(fuzz.ratio(a, b), fuzz.ratio(_sounded_words(a), _sounded_words(b)))


def _sounded_words(text: str) -> str:
    return " ".join(sounded(w) for w in text.split())


@lru_cache(maxsize=1)
def _korean_rows() -> dict[str, frozenset[int]]:
    """Key word -> the rows of ``lang/ko/syllables.txt`` it spells (Latin forms keyed as written, Cyrillic forms
    by both the Russian and the Ukrainian transliteration)."""
    from newsdesk.lang import load_list

    rows: dict[str, set[int]] = {}
    for i, line in enumerate(load_list("ko", "syllables")):
        latin, _, cyrillic = line.partition("=")
        keys = {name_key(form) for form in latin.split()}
        keys |= {name_key(form, lang) for form in cyrillic.split() for lang in _SLAVIC}
        for key in keys:
            rows.setdefault(key, set()).add(i)
    return {key: frozenset(ids) for key, ids in rows.items()}


def _korean_name(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two names of two or more words, every word of both a Korean syllable of ``lang/ko/syllables.txt``, the
    words pairwise spelling one syllable: ``kim jong un`` / ``kim chen in`` (Kim Jong Un / Ким Чен Ын, Кім Чен
    Ин: Russian follows the Kontsevich system, Ukrainian its own, English the Revised or McCune-Reischauer
    romanization, and no letter rule relates ``jong`` to ``chen`` or ``un`` to ``ын``)."""
    if len(a) != len(b) or len(a) < 2:
        return False
    rows = _korean_rows()
    return all(x in rows and y in rows and rows[x] & rows[y] for x, y in zip(a, b))


def _surname_first(words: Sequence[str]) -> list[list[str]]:
    """The other orders an East Asian name is written in: the last word first, the given-name words kept apart
    or joined into one (``kai fu le`` -> ``le kai fu``, ``le kaifu``: Kai-Fu Lee / Ли Кайфу)."""
    if len(words) < 2:
        return []
    given = list(words[:-1])
    orders = [[words[-1], *given]]
    if len(given) > 1:
        orders.append([words[-1], "".join(given)])
    return orders


def same_name(a: Sequence[str], b: Sequence[str], *, cross: bool, label: str, inflected: bool = False) -> bool:
    """Tell whether two names (their key words) are the same name.

    Same number of words and every word :func:`same_word`; for PER, two
    names of two or more words also meet when their first and last words do
    (``vladimir vladimirovich putin`` / ``vladimir putin``). Across languages
    a multi-word name must also score :data:`NAME_RATIO` as a whole.
    ``cross`` and ``inflected`` are passed to :func:`same_word`.

    Across languages two PER names also meet when:

    * both are whole Korean names whose words spell the same syllables
      (:func:`_korean_name`, data ``lang/ko/syllables.txt``);
    * one is written surname first, as East Asian names are in Russian and
      Ukrainian, and the other given name first, as English writes them,
      the given names hyphenated or joined (``kai fu le`` / ``li kaifu``,
      :func:`_surname_first`); every word must still be :func:`same_word`.
    """
    if not a or not b:
        return False
    if list(a) == list(b):
        return True
    if cross and label == "PER":
        if _korean_name(a, b):
            return True
        if _same_name_in_order(a, b, cross=cross, label=label, inflected=inflected):
            return True
        return any(
            len(x) == len(y) and _same_name_in_order(x, y, cross=cross, label=label, inflected=inflected)
            for x, y in [(o, list(b)) for o in _surname_first(a)] + [(list(a), o) for o in _surname_first(b)]
        )
    return _same_name_in_order(a, b, cross=cross, label=label, inflected=inflected)


def _same_name_in_order(a: Sequence[str], b: Sequence[str], *, cross: bool, label: str, inflected: bool) -> bool:
    if list(a) == list(b):
        return True
    if len(a) == len(b):
        pairs = list(zip(a, b))
    elif label == "PER" and len(a) >= 2 and len(b) >= 2:
        pairs = [(a[0], b[0]), (a[-1], b[-1])]
    else:
        return False
    if not all(same_word(x, y, cross=cross, inflected=inflected) for x, y in pairs):
        return False
    if cross and len(pairs) > 1 and any(x != y for x, y in pairs):
        return _cross_ratio(" ".join(x for x, _ in pairs), " ".join(y for _, y in pairs)) >= NAME_RATIO
    return True


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored canonical entity offered to :func:`choose_entity`.

    Attributes:
        id: the store's entity id.
        key: its linking key (``per:donald trump``).
        label: PER, ORG, LOC or MISC.
        aliases: ``(alias key body, lang)`` of every name it was stored under
            (``("tramp", "ru")``, ``("donald trump", "en")``).
    """

    id: int
    key: str
    label: str
    aliases: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class LinkDecision:
    """What :func:`choose_entity` decided for a new group of mentions.

    Attributes:
        entity_id: the stored entity they join, or None for a new entity.
        rename: True when that entity is a surname-only one (``per:trump``)
            that the new full name (``per:donald trump``) now names: the store
            gives it the new key and name.
        reason: a short word on the rule that decided (``key``, ``alias``,
            ``spelling``, ``label``, ``surname``, ``full name``, ``ambiguous``,
            ``new``), for diagnostics and tests.
    """

    entity_id: int | None
    rename: bool = False
    reason: str = "new"


_SLAVIC = ("ru", "uk")


def _names(c: Candidate) -> list[tuple[list[str], str]]:
    return [(alias.split(), alias_lang) for alias, alias_lang in c.aliases if alias]


def _spelled(words: list[str], label: str, lang: str, candidates: Sequence[Candidate]) -> set[int]:
    return {
        c.id
        for c in candidates
        for other, other_lang in _names(c)
        if same_name(
            words, other, cross=other_lang != lang, label=label,
            inflected=lang in _SLAVIC or other_lang in _SLAVIC,
        )
    }


def choose_entity(key: str, label: str, lang: str, candidates: Sequence[Candidate]) -> LinkDecision:
    """Decide which stored entity, if any, a document's entity is (cross-document linking).

    The store calls this with the document-level key of a group of mentions
    (``per:tramp``), its label and language, and the stored entities found
    under the same blocking key (:func:`blocking_key`). Rules, in order, each
    first among entities of the same label:

    1. **Key or alias**: a candidate whose key, or one of whose alias keys,
       equals the key (``per:jens stoltenberg`` from an en, ru or uk text).
    2. **Spelling**: a candidate with a name that :func:`same_name` accepts:
       ``per:tramp`` from ru meets ``per:trump``; ``per:keni milera`` (a
       lemmatiser's miss) meets ``per:keni miler``; within one language only
       names equal but for case endings meet.
    3. **Surname** (PER, one word): the one candidate with a full name whose
       last word is the surname (``Trump`` -> ``Donald Trump``); with two such
       full names (``Donald Trump``, ``Ivanka Trump``) the surname is
       ambiguous and stays its own entity (checked before rules 1-2, so an
       alias ``Трамп`` one of them took earlier does not decide; only an
       entity of the bare surname, ``per:trump``, takes it).
    4. **Full name** (PER, two or more words): when no stored full name
       matches, the one surname-only candidate with that surname takes the
       full name (``rename``), unless another full name shares the surname.
    5. **Label**: recognizers of different languages label one name
       differently: on NTREX-128 every pair of labels is confused
       (``Tiffany Ng`` PER/ORG, ``Arizona`` and ``Encinitas`` PER/LOC in
       Ukrainian, ``Instagram`` PER/ORG, ``Parliament of Wales`` LOC/ORG).
       When rules 1-4 find nothing, rule 1 alone (equal key or alias) is
       tried on candidates of the other labels, for names of two words or
       more or one word of five letters or more (short words such as
       ``Chad``, ``May`` name too many things). Never rule 2: a fuzzy
       spelling across labels joined too many different things (``Адамс``
       PER with ``Дамаск`` LOC, ``Times`` ORG with ``Thomas`` PER).

    A one-word PER name joins a stored entity only through rule 1 or 2 on
    entities named by one word alone, or as a surname (rule 3): a given name
    (``Robert``) never joins a full name (``Robert Ray Black-Daley``) across
    documents, even when one document used it for him and the store keeps
    it as his alias. Within one document :func:`link_mentions` may still
    fold a first name into the only full name there.

    Order: decisions depend on what is stored already, and are not revisited
    by this function. A surname met before any full name is an entity of
    its own until a full name with that surname arrives (rule 4 renames it);
    a surname met after one full name joins it (rule 3). The store re-checks
    the second case when another full name with that surname arrives: the
    bare-surname mentions move out of the first full name into an entity of
    their own, so the outcome no longer depends on which full name came
    first (``newsdesk.store.sqlite``, ``_split_surnames``). Canonical names
    (per language) are re-chosen at each insert by :func:`canonical_name`.

    A rule that finds two or more different entities does not link
    (``ambiguous``): ambiguous names are never merged.

    Args:
        key: ``label:body`` as made by :func:`link_mentions`.
        label: PER, ORG, LOC or MISC.
        lang: the language of the document (``en``, ``ru``, ``uk``).
        candidates: stored entities (any label).

    Returns:
        The decision; ``entity_id`` None means: store a new entity.
    """
    body = key.split(":", 1)[-1]
    words = body.split()
    same = [c for c in candidates if c.label == label]
    exact = [c for c in same if c.key == key]
    if exact:
        return LinkDecision(exact[0].id, reason="key")
    one_word_person = label == "PER" and len(words) == 1
    if one_word_person and len(_full_names_sharing(words[-1], lang, same)) > 1:
        # a bare surname two stored people share: only an entity of that bare surname may take it
        singles = {c.id for c in same if _surname_only(c) and _shares_surname(words[-1], lang, c, full=False)}
        if len(singles) == 1:
            return LinkDecision(singles.pop(), reason="alias")
        return LinkDecision(None, reason="ambiguous")
    # a one-word person name meets full names only as their surname (rule 3), never by an alias: a given
    # name (Robert) one document used for Robert Ray Black-Daley does not join him in another document
    decision = _by_name(body, words, label, lang, [c for c in same if _surname_only(c)] if one_word_person else same)
    if decision.entity_id is not None or decision.reason == "ambiguous":
        return decision
    if label == "PER" and words:
        decision = _by_surname(words, lang, same)
        if decision.entity_id is not None or decision.reason == "ambiguous":
            return decision
    others = [c for c in candidates if c.label != label]
    if others and (len(words) > 1 or len(body) >= 5):
        found = _by_name(body, words, label, lang, others, exact_only=True)
        if found.entity_id is not None:
            return LinkDecision(found.entity_id, reason="label")
    return decision


def _by_name(
    body: str, words: list[str], label: str, lang: str, candidates: Sequence[Candidate], *, exact_only: bool = False
) -> LinkDecision:
    by_alias = {c.id for c in candidates if c.key.split(":", 1)[-1] == body or any(a == body for a, _ in c.aliases)}
    if len(by_alias) == 1:
        return LinkDecision(by_alias.pop(), reason="alias")
    if len(by_alias) > 1:
        return LinkDecision(None, reason="ambiguous")
    if exact_only:
        return LinkDecision(None, reason="new")
    spelled = _spelled(words, label, lang, candidates)
    if len(spelled) == 1:
        return LinkDecision(spelled.pop(), reason="spelling")
    return LinkDecision(None, reason="ambiguous" if spelled else "new")


def _shares_surname(surname: str, lang: str, c: Candidate, *, full: bool) -> bool:
    return any(
        (len(other) >= 2) == full
        and same_word(surname, other[-1], cross=other_lang != lang, inflected=lang in _SLAVIC or other_lang in _SLAVIC)
        for other, other_lang in _names(c)
    )


def _surname_only(c: Candidate) -> bool:
    return len(c.key.split(":", 1)[-1].split()) == 1 and all(len(other) == 1 for other, _ in _names(c))


def _full_names_sharing(surname: str, lang: str, candidates: Sequence[Candidate]) -> set[int]:
    return {c.id for c in candidates if _shares_surname(surname, lang, c, full=True)}


def _by_surname(words: list[str], lang: str, candidates: Sequence[Candidate]) -> LinkDecision:
    fulls = _full_names_sharing(words[-1], lang, candidates)
    if len(words) == 1:
        if len(fulls) == 1:
            return LinkDecision(fulls.pop(), reason="surname")
        return LinkDecision(None, reason="ambiguous" if fulls else "new")
    singles = [c for c in candidates if _surname_only(c) and _shares_surname(words[-1], lang, c, full=False)]
    if len(singles) == 1 and not fulls:
        return LinkDecision(singles[0].id, rename=True, reason="full name")
    return LinkDecision(None, reason="ambiguous" if len(singles) > 1 else "new")


# --- lemmas of mentions whose recognizer gave none ------------------------------------------


def lemmatize_mention(text: str, label: str, lang: str) -> str:
    """Bring a mention to a nominative form for linking, when no recognizer lemmatised it.

    PER: :func:`lemmatize_name`, each word capitalised again. ORG/LOC/MISC:
    the catalogue's display name when it knows the phrase in any inflection
    (``Евросоюза`` -> ``Европейский союз``), else each Cyrillic word's most
    probable dictionary form (``Королевского научного общества`` ->
    ``Королевский Научный Общество``: a comparison form, not grammatical).
    Latin-script and English text is returned as written.

    Args:
        text: the mention's words.
        label: PER, ORG, LOC or MISC.
        lang: ``en``, ``ru`` or ``uk`` (``ua`` accepted).
    """
    lang = "uk" if lang in ("uk", "ua") else lang
    text = " ".join(text.split())
    if lang not in ("ru", "uk") or not re.search("[а-яА-ЯёЁіїєґІЇЄҐ]", text):
        return text
    if label == "PER":
        return " ".join(w[:1].upper() + w[1:] for w in lemmatize_name(text, lang).split())
    known = known_entity(text, lang, inflected=True)
    if known is not None:
        return known.name(lang) or text
    from newsdesk.nlp.morph import get_morph

    morph = get_morph(lang)
    words = []
    for word in text.split():
        if re.search("[а-яА-ЯёЁіїєґІЇЄҐ]", word) and not word.isupper():
            form = morph.parse(word)[0].normal_form
            word = form[:1].upper() + form[1:] if word[:1].isupper() else form
        words.append(word)
    return " ".join(words)
