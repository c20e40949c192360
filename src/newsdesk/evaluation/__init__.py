"""Evaluation harness: quotation and speaker attribution measured on real annotated news.

Three entry points, each running the real pipeline and returning a plain dict
(JSON-ready) of figures:

* :func:`evaluate_polnear` -- PolNeAR (English, brat standoff): direct
  quotations and all attributions; overlap (token Jaccard >= 0.5) and exact
  F1, speaker accuracy, cue F1.
* :func:`evaluate_adaq` -- ADAQ (Russian sentences): sentence-level detection
  and token-level content F1.
* :func:`evaluate_consistency` -- NTREX-128 (the same stories in en, ru, uk):
  agreement of direct-quote counts and of speakers across languages.

The data lives in ``../shared/data`` beside the repository and is never
copied into it; a missing folder raises :class:`newsdesk.errors.ConfigError`
naming the path. The protocols are documented in
:mod:`newsdesk.evaluation.quotes` and :mod:`newsdesk.evaluation.consistency`.
"""

from newsdesk.evaluation.consistency import evaluate_consistency, read_ntrex, same_speaker, similar_speaker
from newsdesk.evaluation.quotes import (
    AdaqSentence,
    Counts,
    GoldAttribution,
    GoldDocument,
    evaluate_adaq,
    evaluate_polnear,
    holds_quotation_mark,
    jaccard,
    metrics,
    normalized_span,
    read_adaq,
    read_brat,
    read_polnear,
    score_document,
    score_sentence,
)

__all__ = [
    "AdaqSentence",
    "Counts",
    "GoldAttribution",
    "GoldDocument",
    "evaluate_adaq",
    "evaluate_consistency",
    "evaluate_polnear",
    "holds_quotation_mark",
    "jaccard",
    "metrics",
    "normalized_span",
    "read_adaq",
    "read_brat",
    "read_ntrex",
    "read_polnear",
    "same_speaker",
    "similar_speaker",
    "score_document",
    "score_sentence",
]
