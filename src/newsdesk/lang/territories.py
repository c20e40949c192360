"""Country, territory and world-region names in English, Russian and Ukrainian, from CLDR (Babel) and ISO 3166
(pycountry's translations): what the recognizer's gazetteer and the linking catalogue both start from.

Sources: the Unicode CLDR territory names shipped with Babel (``babel.Locale(lang).territories``) and the ISO 3166-1
names with their translations shipped with pycountry (``iso3166-1`` gettext catalogues). Nothing is downloaded.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from functools import lru_cache

__all__ = ["REGIONS", "TERRITORY_ORGS", "territory_names"]

REGIONS = ("002", "005", "009", "013", "019", "021", "029", "030", "034", "035", "039",
           "053", "142", "145", "150", "151", "154", "155")
"""UN M49 codes of continents and world regions kept among CLDR's numeric territories (Europe, Eastern Asia, ...)."""

TERRITORY_ORGS = {"EU": "European Union", "UN": "United Nations"}
"""CLDR "territories" that are organisations, with their English names."""

_SKIP = frozenset({"EZ", "QO", "XA", "XB", "ZZ"})  # the eurozone, outlying Oceania, pseudo-locales, unknown


@lru_cache(maxsize=None)
def _english() -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse("en").territories)


def territory_names(lang: str, *, regions: bool = False) -> Iterator[tuple[str, str, str]]:
    """Yield ``(code, name in lang, English name)`` for every country and territory.

    CLDR names first (ISO 3166-1 alpha-2 codes; with ``regions`` also the world
    regions of :data:`REGIONS`), then the ISO 3166-1 ``name``, ``official_name``
    and ``common_name`` of each country in ``lang`` (pycountry; skipped when its
    translations are absent). Names that do not start with a capital letter
    (CLDR's few descriptive entries) are left out. :data:`TERRITORY_ORGS` codes
    are included: callers decide whether they are places or organisations.

    Args:
        lang: ``en``, ``ru`` or ``uk``.
        regions: include continents and world regions.
    """
    from babel import Locale

    english = _english()
    for code, name in Locale.parse(lang).territories.items():
        if code in _SKIP or not (code.isalpha() or (regions and code in REGIONS)):
            continue
        if name[:1].isupper() and code in english:
            yield code, name, english[code]
    try:
        import pycountry

        translate = (
            gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
            if lang != "en" else (lambda s: s)
        )
        for country in pycountry.countries:
            canonical = english.get(country.alpha_2, country.name)
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    yield country.alpha_2, translate(value), canonical
    except (ImportError, OSError):  # pycountry or its translations absent: CLDR's names suffice
        return
