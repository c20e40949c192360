"""Russian/Ukrainian speakers: the fourth round of the NTREX-128 consistency check (issue 3).

Each case pins one general fault seen in the translated stories (the sentences are invented in their style):

* Russian/Ukrainian: a person named in a phrase of inclusion (``были его ученики, в том числе и Орлов``,
  ``включаючи пана Орленка``; English ``Mr. Orlov included``) was taken as the subject a later ``он`` refers
  back to;
* Russian/Ukrainian: a name after a common noun in the genitive (``об обрушении отеля Роа Роа``) was taken
  as a subject;
* Russian/Ukrainian: a feminine verb after a woman's name was credited to the noun before the name
  (``ведущая ток-шоу Карен Хантер написала``: ``ток-шоу`` is neuter), so the dictionary's masculine
  ``Карен`` made her a man and ``она`` went to another woman;
* a role noun nobody was introduced with (``актер``) fell back to a person named only as a modifier
  (``пьеса Сэма Шепарда``; English ``Sam Shepard's play``) instead of the person the story is about.

Quote-finder entities are built by hand so those tests do not depend on the recogniser.
"""

from __future__ import annotations

import re

import pytest

from newsdesk.model import Mention, Quote
from newsdesk.nlp.quotes import QuoteFinder


@pytest.fixture(scope="module")
def finders() -> dict[str, QuoteFinder]:
    return {lang: QuoteFinder(lang) for lang in ("ru", "uk")}


def _speaker_keys(finders: dict[str, QuoteFinder], lang: str, text: str, names: dict[str, str]) -> list[str | None]:
    """``names`` maps a surface form to the person's key (words after ``per:``)."""
    found: list[Mention] = []
    for surface, key in names.items():
        for m in re.finditer(re.escape(surface), text):
            found.append(Mention(m.start(), m.end(), surface, "PER", surface, f"per:{key}", surface))
    kept = sorted((m for m in found if not any(o is not m and o.start <= m.start and m.end <= o.end for o in found)),
                  key=lambda m: m.start)
    quotes: list[Quote] = [q for q in finders[lang](text, (), kept) if q.kind == "direct"]
    assert quotes, "no direct quotation found"
    for q in quotes:
        if q.speaker is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text
    return [q.speaker.key if q.speaker is not None else None for q in quotes]


@pytest.mark.parametrize(
    ("lang", "text", "names", "expected"),
    [
        (  # inclusion: the pronoun goes back to the coach, not to the pupil named "в том числе"
            "ru",
            "Иван Петров, тренер сборной по парусному спорту, готовил двух пропавших гонщиков к регате.\n"
            "Среди тех, кто оказался в ловушке в гостинице, были его ученики, в том числе и Сергей Орлов.\n"
            "«Мне очень тяжело об этом говорить», — сказал он.",
            {"Иван Петров": "ivan petrov", "Сергей Орлов": "sergei orlov"},
            ["per:ivan petrov"],
        ),
        (  # control: the same pupil as the subject of his own sentence is the antecedent
            "ru",
            "Иван Петров, тренер сборной по парусному спорту, готовил двух пропавших гонщиков к регате.\n"
            "Сергей Орлов, его ученик, оказался в ловушке в гостинице.\n"
            "«Мне очень тяжело об этом говорить», — сказал он.",
            {"Иван Петров": "ivan petrov", "Сергей Орлов": "sergei orlov"},
            ["per:sergei orlov"],
        ),
        (
            "uk",
            "Іван Петренко, тренер збірної з вітрильного спорту, готував двох зниклих гонщиків до регати.\n"
            "Інші, хто потрапив у пастку в готелі, у тому числі й Сергій Орленко, були його учнями.\n"
            "«Мені дуже важко про це говорити», — сказав він.",
            {"Іван Петренко": "ivan petrenko", "Сергій Орленко": "serhii orlenko"},
            ["per:ivan petrenko"],
        ),
        (  # a name after a genitive noun modifies it: the man remembering stays the antecedent
            "ru",
            "Петров вспоминает, как, узнав об обрушении отеля Роа Роа от коллег, он пытался дозвониться до друзей.\n"
            "«Это значит, что сообщения не доходили», — считает он.",
            {"Петров": "petrov", "Роа Роа": "roa roa"},
            ["per:petrov"],
        ),
        (  # the feminine verb agrees with the name, not with the neuter noun before it
            "ru",
            "Певца поддержала глава молодёжного движения Анна Тернер, которая написала в соцсети: «Спасибо за смелость».\n"
            "Ведущая ток-шоу Карен Хантер написала, что певец просто остаётся собой.\n"
            "«Но я не стану покупать его музыку», — сказала она.",
            {"Анна Тернер": "anna terner", "Карен Хантер": "karen hanter"},
            ["per:anna terner", "per:karen hanter"],
        ),
        (  # the actor is the man the story is about, not the playwright named in the genitive
            "ru",
            "Кит Харингтон сказал, что серьёзно относится к этой проблеме.\n"
            "С ноября Кит сыграет главную роль в пьесе «Истинный Запад» Сэма Шепарда о продюсере и его брате.\n"
            "Актер недавно признался, что встреча с женой стала лучшим итогом сериала.\n"
            "«Я встретил жену на этих съёмках», — говорит актер.",
            {"Кит Харингтон": "kit harington", "Кит": "kit harington", "Сэма Шепарда": "sam shepard"},
            ["per:kit harington"],
        ),
    ],
)
def test_round4_speakers(finders, lang, text, names, expected):
    assert _speaker_keys(finders, lang, text, names) == expected
