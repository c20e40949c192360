"""Shared pymorphy3 analysers for Russian and Ukrainian (loaded once per process).

pymorphy3 uses OpenCorpora dictionaries for Russian and LanguageTool / VESUM
derived dictionaries for Ukrainian (packages ``pymorphy3-dicts-ru`` and
``pymorphy3-dicts-uk``), both installed with newsdesk and read offline.
"""

from __future__ import annotations

from functools import lru_cache

import pymorphy3

from newsdesk.errors import ConfigError


@lru_cache(maxsize=None)
def get_morph(lang: str) -> pymorphy3.MorphAnalyzer:
    """Return the process-wide pymorphy3 analyser for ``ru`` or ``uk``.

    Raises:
        ConfigError: ``lang`` is neither ``ru`` nor ``uk``.
    """
    if lang not in ("ru", "uk"):
        raise ConfigError(f"no pymorphy3 dictionary for language {lang!r}: use 'ru' or 'uk'")
    return pymorphy3.MorphAnalyzer(lang=lang)


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """Return the most probable dictionary form of ``word`` (``ru``/``uk``), lower-cased."""
    return get_morph(lang).parse(word)[0].normal_form
