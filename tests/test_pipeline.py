"""The pipeline end to end on real text: offsets invariant on every annotation, rejections, the public API."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsdesk
from conftest import DEMO
from newsdesk.model import Article, RawDocument, Rejected


def _demo(lang: str) -> list[dict]:
    with (DEMO / f"ntrex-{lang}.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


PARAGRAPHS = {lang: [p for d in _demo(lang)[:6] for p in d["text"].split("\n\n")] for lang in ("en", "ru", "uk")}
NOISE = ["“", "”", "«", "»", '"', "„", "’", "'", " — ", ", — сказав він.", ",” he said.", "\n\n", " "]


def _check_offsets(article: Article) -> None:
    text = article.text
    spans = [(text, s) for s in (*article.sentences, *article.entities)]
    for q in article.quotes:  # a headline's quotations point into the title
        where = article.title or "" if q.field == "title" else text
        spans += [(where, part) for part in (q, q.speaker, q.cue, q.addressee) if part is not None]
    for where, span in spans:
        assert 0 <= span.start <= span.end <= len(where)
        assert where[span.start : span.end] == span.text
    starts = [m.start for m in article.entities]
    assert starts == sorted(starts)


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_demo_documents_analyse_in_their_language(pipeline, lang):
    for record in _demo(lang)[:5]:
        article = pipeline.process(RawDocument(source="demo", text=record["text"], title=record["title"]))
        assert isinstance(article, Article)
        assert article.lang == lang
        assert article.sentences and article.entities
        _check_offsets(article)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lang=st.sampled_from(["en", "ru", "uk"]),
    data=st.data(),
)
def test_offsets_hold_on_any_mix_of_real_text_and_stray_marks(pipeline, lang, data):
    pieces = data.draw(
        st.lists(st.one_of(st.sampled_from(PARAGRAPHS[lang]), st.sampled_from(NOISE)), min_size=1, max_size=12)
    )
    text = "".join(pieces)
    result = pipeline.process(RawDocument(source="prop", text=text), lang=lang)
    if isinstance(result, Rejected):
        assert not text.strip()
    else:
        _check_offsets(result)


def test_unsupported_language_is_rejected_with_reason(pipeline):
    german = RawDocument(source="de.txt", text="Die Regierung hat am Mittwoch neue Maßnahmen beschlossen und will handeln.")
    result = pipeline.process(german)
    assert isinstance(result, Rejected)
    assert result.source == "de.txt" and "unsupported language" in result.reason and result.stage == "extract"


def test_same_text_gets_same_id_whatever_the_source(pipeline):
    text = _demo("uk")[0]["text"]
    a = pipeline.extract(RawDocument(source="a.txt", text=text))
    b = pipeline.extract(RawDocument(source="b.jsonl:3", text=text, title="other"))
    assert a.id == b.id and a.source != b.source


def test_public_analyze_accepts_ua_alias():
    article = newsdesk.analyze(
        "«Ми не підпишемо цей документ», — заявила міністерка Анна Ковальчук.", lang="ua"
    )
    assert article.lang == "uk"
    (quote,) = article.quotes
    assert quote.speaker.name == "Анна Ковальчук" and quote.cue.lemma == "заявити"
    with pytest.raises(newsdesk.ConfigError, match="unsupported language code"):
        newsdesk.analyze("text", lang="de")


def test_the_first_body_paragraph_is_no_headline_once_the_title_is_taken_off(pipeline, tmp_path):
    from newsdesk.read import iter_documents

    capture = tmp_path / "capture.txt"
    capture.write_text('Union talks stall\n\nThe company sent its "experts" to the site on Monday.\n\n'
                       "The union rejected the offer and said talks would resume next week.\n", encoding="utf-8")
    (raw,) = list(iter_documents([str(capture)]))
    article = pipeline.process(raw, lang="en")
    assert article.title == "Union talks stall" and not article.text.startswith("Union")
    assert not [q for q in article.quotes if "experts" in q.text]  # a scare quote after a verb reporting nothing


@pytest.mark.parametrize(("lang", "text", "content"), [
    ("ru", "Главный тренер команды Иван Зорин остался недоволен игрой. — Мы проиграли заслуженно, — сказал тренер.\n",
     "Мы проиграли заслуженно"),
    ("uk", "Тренер клубу Сергій Ребров залишився незадоволений. — Ми програли заслужено, — сказав тренер.\n",
     "Ми програли заслужено"),
])
def test_a_dialogue_line_run_into_the_narration_is_one_direct_quotation(pipeline, lang, text, content):
    article = pipeline.process(RawDocument(f"{lang}-dash.txt", text), lang=lang)
    assert [(q.kind, q.text) for q in article.quotes] == [("direct", content)]
    assert article.quotes[0].speaker is not None and article.quotes[0].speaker.key is not None
