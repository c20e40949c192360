"""Per-language knowledge as data files, and language-code handling.

Each supported language has a folder ``lang/<code>/`` (ISO 639-1: ``en``,
``ru``, ``uk``) of plain-text data files: one entry per line, ``#`` starts a
comment, the first comment block names the source. Code reads them through
:func:`load_list`; adding a language is adding a folder plus a small adapter.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from newsdesk.errors import ConfigError
from newsdesk.model import SUPPORTED_LANGS

# Input aliases accepted for ISO 639-1 codes. ``ua`` is the country code of
# Ukraine, often (wrongly) used for the language; ``ukr``/``rus``/``eng`` are
# ISO 639-2/3.
_ALIASES = {
    "ua": "uk",
    "ukr": "uk",
    "ukrainian": "uk",
    "rus": "ru",
    "russian": "ru",
    "eng": "en",
    "english": "en",
}


def normalize_lang(code: str) -> str:
    """Return the ISO 639-1 code for a language code or alias.

    Accepts ``en``, ``ru``, ``uk`` and the aliases ``ua``, ``eng``, ``rus``,
    ``ukr`` (any case, region suffixes like ``en-GB`` or ``ru_RU`` dropped).

    Raises:
        ConfigError: the code names none of the supported languages.
    """
    base = code.strip().lower().replace("_", "-").split("-")[0]
    base = _ALIASES.get(base, base)
    if base not in SUPPORTED_LANGS:
        raise ConfigError(
            f"unsupported language code {code!r}: use one of {', '.join(SUPPORTED_LANGS)} "
            "(ISO 639-1; 'ua' is accepted for Ukrainian)"
        )
    return base


def try_normalize_lang(code: str | None) -> str | None:
    """Like :func:`normalize_lang` but returns None for unknown or empty codes."""
    if not code:
        return None
    try:
        return normalize_lang(code)
    except ConfigError:
        return None


@lru_cache(maxsize=None)
def load_list(lang: str, name: str) -> tuple[str, ...]:
    """Read the data file ``lang/<lang>/<name>.txt``: non-empty lines, comments removed.

    Returns:
        The entries in file order, whitespace-stripped.

    Raises:
        ConfigError: no such data file for that language.
    """
    try:
        raw = resources.files(__name__).joinpath(lang, f"{name}.txt").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"no language data file lang/{lang}/{name}.txt") from exc
    entries = []
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(line)
    return tuple(entries)
