"""Layouts of direct quotations that made the same story count different quotes in en, ru and uk.

Regressions pinned from the NTREX-128 count-agreement analysis (issue 3, see the NTREX section of
benchmarks/RESULTS-quotes.md): author's words that end their line with a dash and resume the
quotation on the next lines without an opening mark, a first part that ends with a question
before ``— спросил он. —``, a short question opening a quotation over several lines, and a quotation
built into the sentence that runs on over whole sentences. All sentences are invented.
"""

from __future__ import annotations

import pytest

from newsdesk.model import Quote
from newsdesk.nlp.quotes import QuoteFinder


@pytest.fixture(scope="module")
def finders() -> dict[str, QuoteFinder]:
    return {lang: QuoteFinder(lang) for lang in ("en", "ru", "uk")}


def direct(finders: dict[str, QuoteFinder], lang: str, text: str) -> list[Quote]:
    return [q for q in finders[lang](text, (), ()) if q.kind == "direct"]


def test_uk_dash_ended_attribution_resumes_on_next_lines(finders):
    text = ("«Ми готові до перемовин», — заявив він. —\n"
            "Але не під тиском.\n"
            "Ми чекаємо відповіді до п'ятниці».")
    quotes = direct(finders, "uk", text)
    assert len(quotes) == 1, quotes
    q = quotes[0]
    assert q.cue is not None and q.cue.text == "заявив"
    pieces = [text[a:b] for a, b in q.parts]
    assert pieces[0] == "Ми готові до перемовин"
    assert "Але не під тиском." in pieces
    assert any("Ми чекаємо відповіді до п'ятниці" in p for p in pieces)


def test_ru_dash_ended_attribution_with_nested_quote(finders):
    text = ("«Я стою прямо перед вами, — сказала одна журналистка. —\n"
            "Вы думаете, он говорит правду?\n"
            "Ему говорили: \"У вас есть власть\"».")
    quotes = direct(finders, "ru", text)
    assert len(quotes) == 1, quotes
    assert quotes[0].text.startswith("Я стою прямо перед вами")
    assert quotes[0].text.rstrip().endswith("У вас есть власть\"")


def test_dash_at_line_end_without_a_cue_does_not_open_a_quote(finders):
    text = ("Список участников —\n"
            "Иванов, Петров и Сидоров.\n"
            "Они пришли»." )
    assert direct(finders, "ru", text) == []


def test_ru_question_part_resumed_after_dash_is_one_quote(finders):
    text = "«Почему мы уступили? — спросил министр, подражая диктору. — Мы ничего не уступили»."
    quotes = direct(finders, "ru", text)
    assert len(quotes) == 1, quotes
    assert [text[a:b] for a, b in quotes[0].parts] == ["Почему мы уступили?", "Мы ничего не уступили"]


def test_ru_two_cues_stay_two_quotes(finders):
    text = "«Мы готовы», — сказал он.\nОн добавил: «Но не сегодня»."
    assert len(direct(finders, "ru", text)) == 2


def test_short_question_opens_a_quotation_over_lines(finders):
    en = ('"Remember her answer?\n'
          'Did you see the letter?\n'
          'That was really bad body language."')
    quotes = direct(finders, "en", en)
    assert len(quotes) == 1, quotes
    assert quotes[0].text.startswith("Remember her answer?")
    uk = ("«Пам'ятаєте її відповідь?\n"
          "Ви бачили лист?\n"
          "Це була погана мова тіла».")
    assert len(direct(finders, "uk", uk)) == 1


def test_stray_mark_before_a_term_does_not_swallow_the_next_line(finders):
    text = "Он назвал это «ошибкой.\nЗатем он ушёл, сказав, что вернётся»."
    quotes = direct(finders, "ru", text)
    assert not any("ошибкой" in q.text and "Затем" in q.text for q in quotes), quotes


def test_ru_built_in_quotation_of_several_sentences_is_direct(finders):
    text = "Как сообщает источник, «марка была главным приоритетом певицы. Теперь склад полон товаров»."
    quotes = finders["ru"](text, (), ())
    assert [q.kind for q in quotes if "марка" in q.text] == ["direct"], quotes
    fragment = "Как сообщает источник, певица «была очень занята» весь год."
    assert all(q.kind != "direct" for q in finders["ru"](fragment, (), ()))


@pytest.mark.parametrize("lang,text,cue", [
    ("ru", "«Какой ужас!» — повторяла она.", "повторяла"),
    ("uk", "«Це так жахливо», — повторює вона.", "повторює"),
    ("uk", "«Ми будемо боротися», — розказав представник кампанії.", "розказав"),
    ("uk", "«Мене це здивувало», — поділився викладач.", "поділився"),
    ("ru", "«Меня это удивило», — поделился преподаватель.", "поделился"),
])
def test_new_cues(finders, lang, text, cue):
    quotes = direct(finders, lang, text)
    assert len(quotes) == 1 and quotes[0].cue is not None and quotes[0].cue.text == cue, quotes


def test_quotation_over_lines_with_a_nested_title_before_its_closing_mark(finders):
    text = ("«В гонке уже участвовали семь других кандидатов, и восьмой им был не нужен.\n"
            "Кто-то назвал это “Белоснежка и семь гномов”».")
    quotes = direct(finders, "ru", text)
    assert len(quotes) == 1, quotes
    assert quotes[0].text.startswith("В гонке") and "Белоснежка" in quotes[0].text


def test_double_mark_before_a_comma_closes(finders):
    text = ("Президент звернувся до військових: \"Я прошу всіх вас працювати вдень і вночі.\n"
            "Ви готові?\", – повідомляє агентство.")
    quotes = direct(finders, "uk", text)
    assert len(quotes) == 1, quotes
    assert quotes[0].text.startswith("Я прошу") and quotes[0].text.rstrip().endswith("Ви готові?")


def test_colon_introduced_quote_broken_inside_its_sentence(finders):
    text = ("Вона сказала: \"Це залишило руйнівний\n"
            "слід у нашій родині.\n"
            "Але ми повинні жити далі\".")
    quotes = direct(finders, "uk", text)
    assert len(quotes) == 1 and quotes[0].text.startswith("Це залишило"), quotes


def test_comma_inside_a_nested_quotation_still_joins_the_next_part(finders):
    text = ('"They even object to the \'end of the war,\'" the minister said.\n'
            '"Sanctions will not bring us to our knees."')
    quotes = direct(finders, "en", text)
    assert len(quotes) == 1 and len(quotes[0].parts) == 2, quotes


# ---- attributions before and after a quotation that the last round left (issue 3, NTREX-128)

@pytest.mark.parametrize("lang,text,cue,content", [
    # "по словам X, «…»." takes the rest of the sentence: direct speech, even lower-case
    ("ru", "По словам министра Сергея Иванова, «работы завершатся к концу года, а мост откроют весной».",
     "По словам", "работы завершатся к концу года, а мост откроют весной"),
    ("ru", "По заявлению представителя полиции, «для разрешения инцидента привлечены обученные сотрудники».",
     "По заявлению", "для разрешения инцидента привлечены обученные сотрудники"),
    ("uk", "За словами міністра Сергія Іваненка, «роботи завершаться до кінця року».",
     "За словами", "роботи завершаться до кінця року"),
    # a multi-word cue that fronts its object inflects the verb inside it
    ("uk", "«Ми не віддамо жодного метра нашої землі», – таку заяву зробила на брифінгу міністерка.",
     "таку заяву зробила", "Ми не віддамо жодного метра нашої землі"),
    ("ru", "«Мы не отдадим ни метра нашей земли», — с таким заявлением выступил министр обороны.",
     "с таким заявлением выступил", "Мы не отдадим ни метра нашей земли"),
    # the source is a document: "ідеться в", "сказано в"
    ("uk", "«Посилення санкцій неминуче у найближчі місяці», – ідеться в заяві міністерства.",
     "ідеться", "Посилення санкцій неминуче у найближчі місяці"),
    ("ru", "«Это уже трагедия, но она может стать ещё больше», — сказано в сообщении ведомства.",
     "сказано", "Это уже трагедия, но она может стать ещё больше"),
])
def test_attribution_phrases(finders, lang, text, cue, content):
    quotes = direct(finders, lang, text)
    assert len(quotes) == 1, quotes
    assert quotes[0].cue is not None and quotes[0].cue.text == cue
    assert quotes[0].text.rstrip(",") == content


@pytest.mark.parametrize("lang,text", [
    # a fragment inside the sentence after "по словам X," is no direct speech
    ("ru", "По словам прокуроров, «нападение было спланировано» задолго до марта."),
    ("uk", "За словами слідчих, напад був «ретельно спланований», а суд призначено на березень."),
])
def test_source_phrase_does_not_make_a_fragment_direct(finders, lang, text):
    assert direct(finders, lang, text) == []


@pytest.mark.parametrize("lang,text", [
    # titles of works, court cases and newspapers inside a sentence with a cue near them
    ("ru", "Актёр признался, что не будет сниматься в продолжениях «Игры теней», после того, как сериал "
           "закончится следующим летом, заявил он."),
    ("ru", "Он не будет сниматься в сиквелах «Игры теней», заявил актёр."),
    ("uk", "Він не зніматиметься в сиквелах «Гри тіней», заявив актор."),
    ("uk", "Вона додала, що судді можуть переглянути справу \"Коваль проти Шевченка\", оскільки склад "
           "суду змінився, сказала вона."),
])
def test_title_in_marks_inside_a_sentence_is_no_quotation(finders, lang, text):
    assert direct(finders, lang, text) == []


def test_title_check_keeps_real_quotations(finders):
    # the colon, the sentence start and the dash all introduce direct speech, capitalised
    assert len(direct(finders, "ru", "Министр сказал: «Мост откроют весной».")) == 1
    assert len(direct(finders, "ru", "«Мост откроют весной», — сказал министр.")) == 1
    assert len(direct(finders, "uk", "«Міст відкриють навесні», – сказав міністр газеті «Вечірнє місто».")) == 1
