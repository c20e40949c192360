"""Russian and Ukrainian appeals whose content is a noun phrase after к/до (issue 3): ``призвал Россию к
диалогу``, ``закликав Росію до діалогу``. Invented sentences."""

from __future__ import annotations

import pytest

from conftest import hand_mentions
from newsdesk.model import Quote, Statement
from newsdesk.nlp.reported import load_reported_finder
from newsdesk.nlp.sentences import split_sentences
from newsdesk.nlp.statements import load_statement_classifier


def _reported(lang: str, text: str, names: dict[str, tuple[str, str]]) -> tuple[list[Quote], list[Statement]]:
    mentions = hand_mentions(text, names)
    quotes = load_reported_finder(lang)(text, split_sentences(text, lang), mentions, ())
    return quotes, load_statement_classifier(lang)(text, quotes, mentions)


# (lang, text, mentions, content, addressee text, target key)
CASES = [
    ("ru", "Столтенберг в среду призвал Россию к диалогу с соседями.",
     {"Столтенберг": ("PER", "per:stoltenberg"), "Россию": ("LOC", "loc:rusia")},
     "к диалогу с соседями", "Россию", "loc:rusia"),
    ("uk", "Столтенберг у середу закликав Росію до діалогу з сусідами.",
     {"Столтенберг": ("PER", "per:stoltenberg"), "Росію": ("LOC", "loc:rusia")},
     "до діалогу з сусідами", "Росію", "loc:rusia"),
    ("ru", "Мэр Ольга Петренко призвала жителей к экономии воды.",
     {"Ольга Петренко": ("PER", "per:olga petrenko")},
     "к экономии воды", "жителей", None),
    ("uk", "Мер Ольга Петренко закликала мешканців до економії води.",
     {"Ольга Петренко": ("PER", "per:olga petrenko")},
     "до економії води", "мешканців", None),
]


@pytest.mark.parametrize(("lang", "text", "names", "content", "addressee", "target"), CASES)
def test_noun_phrase_appeal(lang, text, names, content, addressee, target) -> None:
    quotes, statements = _reported(lang, text, names)
    assert [q.text for q in quotes] == [content]
    (q,), (s,) = quotes, statements
    assert q.kind == "indirect" and q.speaker is not None
    assert q.addressee is not None and q.addressee.text == addressee
    assert s.type == "APPEAL"
    assert s.target_key == target and s.target_name is not None


def test_infinitive_appeal_still_wins() -> None:
    text = "Столтенберг закликав Росію до вівторка відвести війська від кордону."
    quotes, statements = _reported("uk", text, {"Столтенберг": ("PER", "per:stoltenberg"),
                                                 "Росію": ("LOC", "loc:rusia")})
    assert [q.text for q in quotes] == ["відвести війська від кордону"]
    assert statements[0].type == "APPEAL" and statements[0].target_key == "loc:rusia"


@pytest.mark.parametrize(("lang", "text"), [
    ("uk", "Столтенберг закликав Росію до вівторка."),  # a date, no appeal content
    ("ru", "Столтенберг призвал Россию к пятнице."),
    ("ru", "Столтенберг призвал Россию."),  # no content at all
])
def test_no_appeal_without_a_noun_content(lang: str, text: str) -> None:
    quotes, _ = _reported(lang, text, {"Столтенберг": ("PER", "per:stoltenberg")})
    assert quotes == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Мэр Сергей Собянин призвал журналистов к трибуне."),
        ("uk", "Мер Віталій Кличко закликав журналістів до кабінету."),
    ],
)
def test_a_place_after_k_or_do_is_no_appeal(lang, text):
    """A review finding: where someone was called (к трибуне, до кабінету) is no appeal; an act is."""
    from newsdesk.model import RawDocument
    from newsdesk.pipeline import Pipeline

    article = Pipeline().process(RawDocument(source="test", text=text), lang=lang)
    assert [q for q in article.quotes if q.kind == "indirect"] == []
    assert [s.type for s in article.statements] == []
