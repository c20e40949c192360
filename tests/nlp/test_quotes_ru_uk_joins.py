"""Russian/Ukrainian quotations that go on over paragraphs, counted as their English originals count them.

Regressions pinned from the NTREX-128 consistency check (issue 3), sentences invented in the style of its
translations:

* a quoted paragraph with no attribution right after a quotation that ends the paragraph before it is that
  quotation's next part (``Мартин добавил: «А».`` ⏎ ``«Б».``), as in English (``_Run._next_paragraph``);
  the sentence's full stop after the closing mark (``«Б».``) no longer hides the rule;
* an attribution that ends with a gerund phrase (``— добавил Грэм, обращаясь к судье.`` ⏎ ``«Б»``, the
  English ``Graham added, referring to …``) is an appositive rest: the next part goes on with the quotation;
  a dative addressee (``— сказал муж, Иван Зорин, изданию Post.``) still starts a new one.
"""

from __future__ import annotations

import pytest

from newsdesk.model import Mention, Quote
from newsdesk.nlp.quotes import QuoteFinder


@pytest.fixture(scope="module")
def finders() -> dict[str, QuoteFinder]:
    return {lang: QuoteFinder(lang) for lang in ("ru", "uk", "en")}


def direct(finders: dict[str, QuoteFinder], lang: str, text: str) -> list[Quote]:
    quotes = [q for q in finders[lang](text) if q.kind == "direct"]
    for q in quotes:
        assert text[q.start : q.end] == q.text
        for s, e in q.parts:
            assert q.start <= s < e <= q.end
    return quotes


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", 'Martin added: "It is not only the money that matters, but the doctors."\n'
               '"What medications do you take? Make that plan."'),
        ("ru", "Мартин добавил: «Важно не только наличие денег, но и выбор врачей».\n"
               "«Какие лекарства вы принимаете? Составьте этот план»."),
        ("uk", "Мартін додав: «Важливі не лише гроші, а й вибір лікарів».\n"
               "«Які ліки ви приймаєте? Складіть такий план»."),
    ],
)
def test_unattributed_paragraph_goes_on_with_the_quotation_before(finders, lang, text):
    quotes = direct(finders, lang, text)
    assert len(quotes) == 1, quotes
    assert len(quotes[0].parts) == 2
    assert quotes[0].speaker is not None and quotes[0].speaker.text.startswith(("Март", "Mart"))


def test_a_paragraph_after_a_story_sentence_stays_its_own(finders):
    # the quotation before does not end its paragraph: the writer's words close it
    text = ("Мартин добавил: «Важно не только наличие денег, но и выбор врачей». Об этом он говорил "
            "на встрече с избирателями в пятницу вечером в большом зале городской библиотеки имени Пушкина.\n"
            "«Какие лекарства вы принимаете? Составьте этот план».")
    assert len(direct(finders, "ru", text)) == 2


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "«Я не знаю, что произошло, но одно знаю точно», — добавил Грэм, обращаясь к судье.\n"
               "«Никто из свидетелей не смог это подтвердить.\nНичего нового я не услышал»."),
        ("uk", "«Я не знаю, що сталося, але одне знаю точно», — додав Грем, звертаючись до судді.\n"
               "«Ніхто зі свідків не зміг це підтвердити.\nНічого нового я не почув»."),
    ],
)
def test_gerund_rest_of_the_attribution_joins_the_next_part(finders, lang, text):
    quotes = direct(finders, lang, text)
    assert len(quotes) == 1, quotes
    assert len(quotes[0].parts) >= 2 and quotes[0].parts[0][1] < text.index("—") < quotes[0].parts[1][0]


def test_dative_addressee_after_the_speaker_starts_a_new_quotation(finders):
    # (over more than one paragraph: a single quoted paragraph would go on as in English, see above)
    text = "«Мы готовы», — сказал муж, Иван Зорин, изданию Post.\n«Это не обсуждается.\nНикогда»."
    assert len(direct(finders, "ru", text)) == 2


@pytest.mark.parametrize(
    ("lang", "text", "n"),
    [
        # the attribution after the first quotation, with circumstances: the next quoted paragraph goes on
        ("en", '"We are ready for the match," Ivanov said on Friday in Moscow.\n"Nobody doubts it."', 1),
        ("ru", "«Мы готовы к матчу», — сказал Иванов в пятницу в Москве.\n«В этом никто не сомневается».", 1),
        ("uk", "«Ми готові до матчу», — сказав Іванов у п’ятницю в Москві.\n«У цьому ніхто не сумнівається».", 1),
    ],
)
def test_paragraph_after_an_attribution_with_circumstances(finders, lang, text, n):
    assert len(direct(finders, lang, text)) == n


def test_person_named_in_the_gerund_rest_does_not_stop_the_join(finders):
    # the recogniser tags the addressee a person: the part after the attribution still goes on
    text = ("«Я не знаю, что произошло, но одно знаю точно», — добавил Грэм, обращаясь к Анне Зориной.\n"
            "«Никто из свидетелей не смог это подтвердить.\nНичего нового я не услышал».")
    names = [("Грэм", "per:grem"), ("Анне Зориной", "per:anna zorina")]
    mentions = []
    for surface, key in names:
        s = text.index(surface)
        mentions.append(Mention(s, s + len(surface), surface, "PER", surface, key, surface))
    quotes = [q for q in finders["ru"](text, (), mentions) if q.kind == "direct"]
    assert len(quotes) == 1, quotes
    assert quotes[0].speaker is not None and quotes[0].speaker.key == "per:grem"
