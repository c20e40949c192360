"""Linking keys: one comparison form for a name in any of en, ru, uk.

Three steps turn a name into a key that meets its spelling in another
language or script:

1. :func:`transliterate` writes Cyrillic in Latin ASCII. Ukrainian text (any
   of ``і ї є ґ`` present, or ``lang="uk"``) follows the Ukrainian national
   system of 2010 (Cabinet of Ministers resolution No. 55, 27 January 2010),
   which gives the English spellings of Ukrainian names (``Київ`` -> ``Kyiv``,
   ``Зеленський`` -> ``Zelenskyi``). Russian follows BGN/PCGN 1947 with ``ё`` as
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
   ``Mike``/``Майк``) and silent letters (``Wales``/``Уельс``). Countries,
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

Languages: en, ru, uk (any Latin-script name passes through step 1 unchanged
apart from diacritics).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from newsdesk.model import Mention

__all__ = ["transliterate", "name_key", "link_mentions", "query_needle", "key_matches"]

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


def _mention_key(m: Mention) -> str:
    return f"{m.label.lower()}:{name_key(m.lemma or m.text)}"


def link_mentions(mentions: Sequence[Mention]) -> list[Mention]:
    """Fill ``key`` and ``name`` of the mentions of one document.

    Rules:

    * A mention keeps a ``key`` it already has (the recognizer sets
      ``loc:russia`` for gazetteer places); otherwise its key is
      ``f"{label.lower()}:{name_key(lemma)}"``.
    * A one-word PER mention equal (by :func:`name_key`) to the last or first
      word of a longer PER mention in the same document takes that mention's
      key: ``Stoltenberg`` -> ``per:jens stoltenberg``. When several longer
      names share the word, the nearest one before the mention wins (else the
      nearest after it).
    * ``name`` is the canonical form: the longest lemma (most words, then
      most characters, then first seen) among the mentions sharing a key.

    Args:
        mentions: the mentions of one document, any order.

    Returns:
        New mentions in the same order, with ``key`` and ``name`` set.
    """
    keyed = [m if m.key else replace(m, key=_mention_key(m)) for m in mentions]

    full_names = [m for m in keyed if m.label == "PER" and len(_key_words(m)) > 1]
    linked: list[Mention] = []
    for m in keyed:
        words = _key_words(m)
        if m.label == "PER" and len(words) == 1 and full_names:
            word = words[0]
            candidates = [f for f in full_names if word in (_key_words(f)[0], _key_words(f)[-1])]
            if candidates:
                before = [f for f in candidates if f.start < m.start]
                best = max(before, key=lambda f: f.start) if before else min(
                    candidates, key=lambda f: f.start
                )
                m = replace(m, key=best.key)
        linked.append(m)

    canonical: dict[str, str] = {}
    for m in linked:
        form = m.lemma or m.text
        best = canonical.get(m.key)
        if best is None or (len(form.split()), len(form)) > (len(best.split()), len(best)):
            canonical[m.key] = form
    return [replace(m, name=canonical[m.key]) for m in linked]


def _key_words(m: Mention) -> list[str]:
    return m.key.split(":", 1)[-1].split()


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


def lemmatize_name(name: str) -> str:
    """Bring each Cyrillic word of a name to its nominative with pymorphy3 (Ukrainian
    dictionary when the word has і/ї/є/ґ, else Russian): ``Столтенберга`` -> ``столтенберг``.

    A word is changed only when its best name-like parse (surname, given name,
    patronymic, place or organisation) or the dictionary's guess for an unknown
    word says so; other words, and Latin words, stay as written.
    """
    from newsdesk.nlp.morph import get_morph  # a query-time helper; mentions are lemmatised by the recognizers

    words = []
    for word in name.split():
        if not re.search("[а-яА-ЯёЁіїєґІЇЄҐ]", word):
            words.append(word)
            continue
        morph = get_morph("uk" if _UKRAINIAN_LETTERS.search(word) else "ru")
        parses = morph.parse(word)
        named = next((p for p in parses if _NAME_GRAMMEMES & p.tag.grammemes), None)
        if named is None and parses and not morph.word_is_known(word):
            named = parses[0]
        words.append(named.normal_form if named is not None else word)
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
