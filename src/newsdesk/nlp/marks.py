"""What counts as a quotation mark inside a content span: one rule for the pipeline and its evaluation.

An indirect quotation whose content quotes a fragment is a **mixed** quotation
(``that the news was “very, very troubling”``); PolNeAR, the English corpus the
quotations are measured on, calls an attribution "direct" when its content holds
a quotation mark. The finders (:mod:`newsdesk.nlp.reported`,
:mod:`newsdesk.nlp.fragments`) and the scorer (:mod:`newsdesk.evaluation.quotes`)
decide it with :func:`holds_quotation_mark`, so the kind a quote gets and the
category it is scored in cannot drift apart.
"""

from __future__ import annotations

import re

_DOUBLE_MARK = re.compile(r"[\"“”„‟«»]|''")
# A single mark quotes when it is an opening ‘ or ‚ anywhere, or a straight or
# curly apostrophe that opens (at the start or after a space or opening
# punctuation, before a word character): ``Trump 'absolutely right'``. Apostrophes
# inside words (``Clinton's``) and plural possessives (``voters' exhaustion``)
# are not quotation marks.
_SINGLE_MARK = re.compile(r"[‘‚‹›]|(?:^|(?<=[\s(\[{—–-]))['’](?=\w)")


# Russian and Ukrainian put the names of firms, parties, newspapers, teams, laws and works in «»
# (``компания «Газпром»``, ``закон «Об образовании»``): a capitalised pair of at most five words with no
# sentence punctuation inside is such a name, not a quotation (the rule the direct finder applies to titles
# in «», newsdesk.nlp.quotes).
_NAME_IN_MARKS = re.compile(r"[«„“\"]\s*[A-ZА-ЯЁІЇЄҐ0-9][^«»„“”\".,:;!?…—–]{0,80}?[»“”\"]")


def holds_quotation_mark(text: str, lang: str | None = None) -> bool:
    """Tell whether a content string holds a quotation mark.

    Counted as quotation marks: ``" “ ” „ ‟ « »``, a doubled apostrophe ``''``
    (the New York Times style), ``‘ ‚ ‹ ›``, and ``'`` or ``’`` when it opens a
    quotation (at the start or after a space or an opening bracket or dash,
    before a letter or digit). Apostrophes within words (``Clinton’s``,
    ``п'ять``) and plural possessives (``voters’ exhaustion``) are not. In
    Russian and Ukrainian (``lang`` ``ru`` or ``uk``) the marks around a name
    (``«Газпром»``, ``«Об образовании»``: capitalised, at most five words, no
    sentence punctuation) do not count.

    Args:
        text: a content span's text (fragments joined by a space).
        lang: the text's language (ISO 639-1); None counts every pair, as in English.

    Returns:
        True when the text quotes.
    """
    if lang in ("ru", "uk"):
        text = _NAME_IN_MARKS.sub(lambda m: " " if len(m.group().split()) <= 5 else m.group(), text)
    return bool(_DOUBLE_MARK.search(text) or _SINGLE_MARK.search(text))
