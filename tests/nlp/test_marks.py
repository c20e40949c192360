"""The quotation-mark rule shared by the finders and the scorer (newsdesk.nlp.marks)."""

from newsdesk.model import RawDocument
from newsdesk.nlp.marks import holds_quotation_mark
from newsdesk.pipeline import Pipeline


def test_marks_that_quote_and_apostrophes_that_do_not():
    assert holds_quotation_mark("he would fight ''for the nation's rights''")
    assert holds_quotation_mark("that the news was “very troubling”")
    assert holds_quotation_mark("Trump 'absolutely right'")
    assert holds_quotation_mark("назвал план «тупиком»")
    assert not holds_quotation_mark("Clinton's plan and the voters' exhaustion")
    assert not holds_quotation_mark("п'ять областей")


def test_names_in_guillemets_do_not_quote_in_russian_and_ukrainian():
    assert not holds_quotation_mark("компания «Газпром» повысит цены", "ru")
    assert not holds_quotation_mark("що «Динамо» зіграє з «Шахтарем»", "uk")
    assert not holds_quotation_mark("подписал закон «Об образовании»", "ru")
    assert holds_quotation_mark("назвал план «тупиком»", "ru")  # a quoted word of the speaker's
    assert holds_quotation_mark("что «ситуация под контролем, но нужны меры»", "ru")
    assert holds_quotation_mark("компания «Газпром» повысит цены")  # no language: every pair counts


def test_a_reported_clause_quoting_in_doubled_apostrophes_is_mixed():
    text = ("Johnnie Wilson, of Springfield, Va., said he had fought in Vietnam ''for the nation's rights, "
            "knowing that back home we didn't have the rights.''\n")
    article = Pipeline().process(RawDocument(source="nyt-style", text=text), lang="en")
    kinds = {q.kind for q in article.quotes if "Vietnam" in q.text}
    assert kinds == {"mixed"}


def test_a_russian_clause_naming_a_firm_in_guillemets_stays_indirect():
    text = "Министр энергетики сообщил, что компания «Газпром» повысит цены на газ с января.\n"
    article = Pipeline().process(RawDocument(source="ru-firm", text=text), lang="ru")
    assert [q.kind for q in article.quotes if "повысит" in q.text] == ["indirect"]
