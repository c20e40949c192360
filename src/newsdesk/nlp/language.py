"""Language identification: English, Russian, Ukrainian, or none of them.

The detector is lingua (``lingua-language-detector`` 2.1), built once per
process with our three languages *plus* a set of common neighbours (see
:data:`OTHER_LANGUAGES`). lingua then says which language the text is most
like; when that is a neighbour and our best language scores well below it, the
text is in none of ours (:func:`detect_language` returns None). Restricting
lingua to en/ru/uk alone cannot say "none": German comes out as English,
Belarusian as Ukrainian, Bulgarian and Serbian as Russian.

Measured on NTREX-128 (``../shared/data/ntrex-en-ru-uk``, lines of at least
40 characters: 1,876 en, 1,882 ru, 1,878 uk): accuracy en 1.0, ru 0.9995,
uk 0.9995 (one Russian line taken for Ukrainian, one Ukrainian line for
none); the first 1,000 characters of each of the 123 documents are right in
all three languages. News paragraphs in German, French, Spanish, Italian,
Polish, Czech, Belarusian, Bulgarian, Serbian and Macedonian, and their
first 40, 60 and 80 characters, all give None.

Cost: lingua uses only its trigram models for texts of 120 characters or
more, and loads models lazily, only for the languages the text's script
allows; article-length input keeps the process at about 90 MiB resident
(measured: 88 MiB after the 369 NTREX documents). Short texts make lingua
load its 1- to 5-gram models as well (measured: 566 MiB after also
classifying the 5,636 NTREX lines). Speed: about 550 documents of 1,000
characters per second on one core.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from newsdesk.lang import try_normalize_lang

__all__ = ["MAX_CHARS", "OTHER_LANGUAGES", "detect_language"]

MAX_CHARS = 1000
"""Only the first ``MAX_CHARS`` characters of a text are examined (speed).

A news article's first 1,000 characters are its headline and lead: plenty
for lingua, whose accuracy is flat beyond a few hundred characters.
"""

_OURS: dict[Language, str] = {
    Language.ENGLISH: "en",
    Language.RUSSIAN: "ru",
    Language.UKRAINIAN: "uk",
}

OTHER_LANGUAGES: tuple[Language, ...] = (
    # Latin script: major European languages likely to turn up in a feed.
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.ITALIAN,
    Language.PORTUGUESE,
    Language.DUTCH,
    Language.POLISH,
    Language.CZECH,
    Language.ROMANIAN,
    Language.TURKISH,
    Language.SWEDISH,
    Language.DANISH,
    Language.BOKMAL,
    # Cyrillic script: the neighbours of Russian and Ukrainian.
    Language.BELARUSIAN,
    Language.BULGARIAN,
    Language.SERBIAN,
    Language.MACEDONIAN,
    Language.MONGOLIAN,
)
"""Languages the detector knows besides ours, so that it can say "none".

Kazakh is left out on purpose: in lingua 2.1.1 its letter rules claim
ordinary Ukrainian sentences (24 of 600 NTREX-128 Ukrainian lines came out
Kazakh with confidence 1.0, Ukrainian 0.0).
"""

OURS_MIN_RATIO = 0.5
"""Our best language must reach this fraction of the top language's confidence.

On NTREX-128 lines (>= 40 characters) our language's confidence is the top
one on all but 2 of 5,636 lines; foreign paragraphs give our languages
below 0.01 of the top (0.12 for the first 40 characters of a Macedonian
paragraph). 0.5 sits between the two.
"""

HINT_MARGIN = 0.25
"""A hinted language wins when its confidence is within this of the top one.

lingua's confidence values are relative (they sum to 1 over the detector's
languages). Long texts give 0.9+ to one language, so a hint never overrides
them; one- or two-word texts are spread (``Президент``: uk 0.42, ru 0.34),
and there the hint decides.
"""

_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    """The process-wide lingua detector (built on first use, models loaded lazily)."""
    return LanguageDetectorBuilder.from_languages(*_OURS, *OTHER_LANGUAGES).build()


def detect_language(text: str, hint: str | None = None) -> str | None:
    """Tell whether a text is English, Russian or Ukrainian.

    Only the first :data:`MAX_CHARS` characters are examined. lingua computes
    a confidence for each of our languages and :data:`OTHER_LANGUAGES`. The
    rule, in order:

    1. A hint (the language the source declares) wins when its confidence
       is above 0 and within :data:`HINT_MARGIN` of the top confidence: it
       breaks near ties only. A Russian article declared ``uk`` is still ``ru``, since
       Russian then scores near 1.0 and Ukrainian near 0.
    2. Otherwise our best language wins when its confidence is at least
       :data:`OURS_MIN_RATIO` times the top confidence.
    3. Otherwise the text is in none of our languages: None.

    Args:
        text: any text; a news article's body (title first is fine).
        hint: the language the source declares, ISO 639-1 (``ua`` and the
            other aliases of :func:`newsdesk.lang.normalize_lang` are
            accepted); unknown codes are ignored.

    Returns:
        ``"en"``, ``"ru"`` or ``"uk"``; None when the text has no letters or
        is in another language.

    Languages: en, ru, uk (detector: lingua 2.1, Pemistahl; with the
    neighbours listed in :data:`OTHER_LANGUAGES`).
    """
    sample = text[:MAX_CHARS]
    if not _LETTER.search(sample):
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value <= 0.0:
        return None
    top = values[0].value
    ours = {_OURS[v.language]: v.value for v in values if v.language in _OURS}
    hint_code = try_normalize_lang(hint)
    if hint_code is not None and 0.0 < ours.get(hint_code, 0.0) >= top - HINT_MARGIN:
        return hint_code
    best = max(ours, key=ours.__getitem__)
    if ours[best] >= OURS_MIN_RATIO * top:
        return best
    return None
