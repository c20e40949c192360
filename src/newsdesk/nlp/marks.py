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


def holds_quotation_mark(text: str) -> bool:
    """Tell whether a content string holds a quotation mark.

    Counted as quotation marks: ``" “ ” „ ‟ « »``, a doubled apostrophe ``''``
    (the New York Times style), ``‘ ‚ ‹ ›``, and ``'`` or ``’`` when it opens a
    quotation (at the start or after a space or an opening bracket or dash,
    before a letter or digit). Apostrophes within words (``Clinton’s``,
    ``п'ять``) and plural possessives (``voters’ exhaustion``) are not.

    Args:
        text: a content span's text (fragments joined by a space); any language.

    Returns:
        True when the text quotes.
    """
    return bool(_DOUBLE_MARK.search(text) or _SINGLE_MARK.search(text))
