"""Shared pymorphy3 analysers for Russian and Ukrainian (loaded once per process).

pymorphy3 uses OpenCorpora dictionaries for Russian and LanguageTool / VESUM
derived dictionaries for Ukrainian (packages ``pymorphy3-dicts-ru`` and
``pymorphy3-dicts-uk``), both installed with newsdesk and read offline.
"""

from __future__ import annotations

from functools import lru_cache

import pymorphy3

from newsdesk.errors import ConfigError


PARSE_CACHE_WORDS = 50_000
"""How many distinct words (as written) each analyser remembers the readings of."""


@lru_cache(maxsize=None)
def get_morph(lang: str) -> pymorphy3.MorphAnalyzer:
    """Return the process-wide pymorphy3 analyser for ``ru`` or ``uk``.

    Its ``parse`` remembers its answers for the last :data:`PARSE_CACHE_WORDS` words asked
    (least recently used first out): the same words are parsed by the entity rules, the NER
    features, the quotation and reported-speech finders and the statement classifier, and a
    parse of a word pymorphy3 must guess costs tens of microseconds. Each call returns a new
    list of the same (immutable) readings, in pymorphy3's order, so callers may change the list.

    Raises:
        ConfigError: ``lang`` is neither ``ru`` nor ``uk``.
    """
    if lang not in ("ru", "uk"):
        raise ConfigError(f"no pymorphy3 dictionary for language {lang!r}: use 'ru' or 'uk'")
    analyzer = pymorphy3.MorphAnalyzer(lang=lang)
    readings = lru_cache(maxsize=PARSE_CACHE_WORDS)(analyzer.parse)  # the bound method: pymorphy3's own

    def parse(word: str) -> list:
        return list(readings(word))

    parse.__doc__ = analyzer.parse.__doc__
    analyzer.parse = parse  # type: ignore[method-assign]  # this instance only
    return analyzer


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """Return the most probable dictionary form of ``word`` (``ru``/``uk``), lower-cased."""
    return get_morph(lang).parse(word)[0].normal_form
