"""newsdesk: who said what, to whom, about whom, when — in English, Russian and Ukrainian news.

The public API::

    import newsdesk
    article = newsdesk.analyze("«Мы не подпишем этот документ», — заявила министр Анна Ковальчук.")
    for quote in article.quotes:
        print(quote.speaker.name, quote.cue.lemma, quote.text)

For many documents build one :class:`Pipeline` (models load once) and call
:meth:`Pipeline.process` on each :class:`RawDocument` from
:func:`newsdesk.read.iter_documents`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.errors import ConfigError, ExtractError, NewsdeskError, ReadError, StoreError
from newsdesk.model import (
    Article,
    Cue,
    Mention,
    PublicationDate,
    Quote,
    RawDocument,
    Rejected,
    Span,
    Speaker,
    Statement,
)

if TYPE_CHECKING:
    from newsdesk.pipeline import Pipeline

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ConfigError",
    "Cue",
    "ExtractError",
    "Mention",
    "NewsdeskError",
    "Pipeline",
    "PublicationDate",
    "Quote",
    "RawDocument",
    "ReadError",
    "Rejected",
    "Span",
    "Speaker",
    "Statement",
    "StoreError",
    "__version__",
    "analyze",
]

_default_pipeline: Pipeline | None = None


def __getattr__(name: str) -> object:
    if name == "Pipeline":
        from newsdesk.pipeline import Pipeline

        return Pipeline
    raise AttributeError(f"module 'newsdesk' has no attribute {name!r}")


def analyze(
    text: str,
    *,
    lang: str | None = None,
    title: str | None = None,
    source: str = "<text>",
) -> Article | Rejected:
    """Analyse one article's body text.

    Args:
        text: the body text (paragraphs separated by blank lines).
        lang: ``en``, ``ru`` or ``uk`` (``ua`` accepted); detected when None.
        title: the headline, if known.
        source: a name for the input, used in messages.

    Returns:
        The annotated :class:`Article`, or :class:`Rejected` when the text is
        empty or in none of the supported languages.

    Raises:
        ConfigError: ``lang`` is not a supported code.
    """
    global _default_pipeline
    if _default_pipeline is None:
        from newsdesk.pipeline import Pipeline

        _default_pipeline = Pipeline()
    raw = RawDocument(source=source, text=text, title=title)
    return _default_pipeline.process(raw, lang=lang)
