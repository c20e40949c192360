"""pymorphy3 token features for spaCy pipelines: the ``newsdesk_morph_features`` component.

A trained NER model learns names better from what the dictionary knows about a
word than from its spelling alone: ``Столтенберга`` is a surname (``Surn``),
``Єнс`` a given name (``Name``), ``НАТО`` an abbreviation (``Abbr``), ``Києві``
a locative form of ``Київ``. This component writes that knowledge into three
token attributes a spaCy ``MultiHashEmbed`` layer can read (``attrs`` ``TAG``,
``MORPH`` and ``LEMMA``), so the NER of ``models/uk_ner`` (see
``scripts/train_uk_ner.py``) embeds it beside the word form:

* ``token.tag_``: part of speech and case of the first pymorphy3 reading, and
  ``k`` (a dictionary word) or ``u`` (a guess from the ending), e.g.
  ``NOUN_loct_k``; ``NUM`` for digits; empty for punctuation and spaces.
* ``token.morph``: which name grammemes any reading carries, whether the first
  reading is animate, and what the gazetteer of :mod:`newsdesk.nlp.entities`
  (countries and regions from CLDR and ISO 3166, ``lang/<code>/places.txt``,
  ``organizations.txt``) says of the word, as UD-style features:
  ``Abbr=Yes|Anim=Yes|Gaz=Loc|Name=Yes|Patr=Yes|Surn=Yes`` (the ones that apply;
  ``Gaz`` is ``Loc``, ``Org`` or ``Begin`` for the first word of a longer name).
  Extending those lists changes what the model sees: retrain after large edits.
* ``token.lemma_``: the first reading's dictionary form, lower-case.

Languages: ``uk`` (default) and ``ru``, the two pymorphy3 dictionaries
installed with newsdesk (:mod:`newsdesk.nlp.morph`). The component holds no
weights; it must be registered (import this module) before a pipeline that
lists it is loaded, which :mod:`newsdesk.nlp.entities` does.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from newsdesk.lang import normalize_lang
from newsdesk.nlp.entities import gazetteer_hint
from newsdesk.nlp.morph import get_morph

__all__ = ["COMPONENT", "MorphFeatures", "word_features"]

COMPONENT = "newsdesk_morph_features"
"""The factory name pipelines refer to in their ``config.cfg``."""

_NAME_GRAMMEMES = ("Abbr", "Name", "Patr", "Surn")
_GAZ_VALUES = {"LOC": "Loc", "ORG": "Org", "B": "Begin"}


@lru_cache(maxsize=200_000)
def word_features(word: str, lang: str = "uk") -> tuple[str, str, str]:
    """The ``(tag, morph, lemma)`` strings the component gives a token (see the module docstring).

    Args:
        word: one token's text.
        lang: ``uk`` or ``ru`` (aliases such as ``ua`` accepted).

    Returns:
        ``("NOUN_nomn_k", "Anim=Yes|Surn=Yes", "столтенберг")`` for ``Столтенберг``;
        ``("NUM", "", word)`` for digits; ``("", "", word)`` for punctuation and spaces.

    Raises:
        ConfigError: ``lang`` is not uk or ru.
    """
    if not any(ch.isalpha() for ch in word):
        return ("NUM" if any(ch.isdigit() for ch in word) else "", "", word)
    morph = get_morph(normalize_lang(lang))
    parses = morph.parse(word)
    if not parses:
        return ("X_u", "", word.lower())
    first = parses[0]
    known = "k" if morph.word_is_known(word.lower()) else "u"
    tag = f"{first.tag.POS or 'X'}_{first.tag.case or '-'}_{known}"
    grammemes = set().union(*(p.tag.grammemes for p in parses[:6]))
    feats = [f"{g}=Yes" for g in _NAME_GRAMMEMES if g in grammemes]
    if "anim" in first.tag.grammemes:
        feats.append("Anim=Yes")
    hint = gazetteer_hint(word, normalize_lang(lang), parses)  # the readings parsed above, not again
    if hint:
        feats.append(f"Gaz={_GAZ_VALUES[hint]}")
    return (tag, "|".join(sorted(feats)), first.normal_form)


class MorphFeatures:
    """The pipeline component: sets ``tag_``, ``morph`` and ``lemma_`` of every token (``Doc -> Doc``).

    Args:
        lang: ``uk`` or ``ru``.
    """

    def __init__(self, lang: str = "uk") -> None:
        self.lang = normalize_lang(lang)
        get_morph(self.lang)  # fail early on a language without a dictionary

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            tag, morph, lemma = word_features(token.text, self.lang)
            token.tag_ = tag
            token.set_morph(morph or None)
            token.lemma_ = lemma
        return doc


@Language.factory(COMPONENT, default_config={"lang": "uk"},
                  assigns=["token.tag", "token.morph", "token.lemma"])
def _make_morph_features(nlp: Language, name: str, lang: str) -> MorphFeatures:
    return MorphFeatures(lang)
