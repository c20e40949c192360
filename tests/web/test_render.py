"""Rendering and interface language, without a server: marked-up text, charts, links, dates, catalogs."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.model import Article, Cue, Mention, PublicationDate, Quote, Speaker
from newsdesk.web import i18n
from newsdesk.web.i18n import UI, describe_date, negotiate
from newsdesk.web.queries import MARK, snippet
from newsdesk.web.render import annotated_text, safe_link, script_of, source_label, speaker_url, timeline_svg

WEB = Path(__file__).resolve().parents[2] / "src" / "newsdesk" / "web"
VOID = {"br", "img", "meta", "link", "input", "hr"}


class _Tree(HTMLParser):
    """Checks that tags nest properly and collects the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree


SEED_LIKE = (
    "NATO Secretary-General Jens Stoltenberg voiced the position.\n\n"
    "Russia has cut diplomatic ties with NATO,\u201d he said.\n\n"
    "Stoltenberg called on Russia to withdraw <its> troops & leave."
)


def _seed_like() -> Article:
    t = SEED_LIKE

    def span(s, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = t.index(s, start + 1)
        return start, start + len(s)

    def mention(s, label, key, nth=0):
        a, b = span(s, nth)
        return Mention(a, b, s, label, s, key, s)

    q1 = span("Russia has cut diplomatic ties with NATO,")
    sp1, cue1 = span("he"), span("said")
    q2 = span("to withdraw <its> troops & leave")
    sp2, cue2 = span("Stoltenberg", 1), span("called on")
    entities = sorted(
        [
            mention("NATO", "ORG", "org:nato"),
            mention("Jens Stoltenberg", "PER", "per:jens stoltenberg"),
            mention("Russia", "LOC", "loc:russia"),
            mention("NATO", "ORG", "org:nato", 1),
            mention("Stoltenberg", "PER", "per:jens stoltenberg", 1),
            mention("Russia", "LOC", "loc:russia", 1),
        ],
        key=lambda m: m.start,
    )
    quotes = (
        Quote("direct", *q1, t[q1[0] : q1[1]], opening_mark_missing=True,
              speaker=Speaker(*sp1, "he", "per:jens stoltenberg", "Jens Stoltenberg"), cue=Cue(*cue1, "said", "say")),
        Quote("indirect", *q2, t[q2[0] : q2[1]],
              speaker=Speaker(*sp2, "Stoltenberg", "per:jens stoltenberg", "Jens Stoltenberg"),
              cue=Cue(*cue2, "called on", "call on")),
    )  # fmt: skip
    return Article(id="0" * 16, source="test", lang="en", text=t, entities=tuple(entities), quotes=quotes)


def test_annotated_text_marks_quotes_speakers_cues_and_entities():
    article = _seed_like()
    html = str(annotated_text(article, quote_title=lambda i: f"quote {i}"))
    tree = _parse(html)
    assert tree.errors == [] and tree.stack == []
    assert "".join(tree.text) == article.text  # every character, escaped, in order
    assert "&lt;its&gt; troops &amp; leave" in html
    marks = [attrs for tag, attrs in tree.tags if tag == "mark"]
    assert [(m["class"], m["data-quote"], m.get("id")) for m in marks] == [
        ("quote quote-direct", "0", "q0"),
        ("quote quote-indirect", "1", "q1"),
    ]
    assert [a["class"] for t, a in tree.tags if t == "span"] == ["speaker", "cue", "speaker", "cue"]
    links = [a["href"] for t, a in tree.tags if t == "a"]
    assert links.count("/entities/org%3Anato") == 2 and "/entities/per%3Ajens%20stoltenberg" in links
    assert html.count("<p>") == 3


def test_an_entity_across_a_quote_boundary_is_split_not_broken():
    text = "He said: Jens Stoltenberg spoke."
    quote = Quote("direct", 9, 14, text[9:14])  # "Jens " ends inside the name
    name = Mention(9, 25, "Jens Stoltenberg", "PER", "Jens Stoltenberg", "per:jens stoltenberg", "Jens Stoltenberg")
    article = Article(id="1" * 16, source="t", lang="en", text=text, entities=(name,), quotes=(quote,))
    tree = _parse(str(annotated_text(article)))
    assert tree.errors == [] and "".join(tree.text) == text
    assert [t for t, _ in tree.tags].count("a") == 2  # closed at the quote's end, reopened after it


@st.composite
def _annotated(draw):
    text = draw(st.text(alphabet=st.sampled_from(list("ab <>&\"'\n\u00ab\u00bbЖ")), min_size=1, max_size=60))
    n = len(text)

    def spans(k):
        out = []
        for _ in range(k):
            a = draw(st.integers(0, n))
            b = draw(st.integers(a, n))
            out.append((a, b))
        return out

    quotes = []
    for a, b in sorted(spans(draw(st.integers(0, 3)))):
        if quotes and a < quotes[-1].end:
            continue
        speaker = None
        if draw(st.booleans()):
            sa, sb = spans(1)[0]
            speaker = Speaker(sa, sb, text[sa:sb], "per:x", "X")
        quotes.append(Quote(draw(st.sampled_from(["direct", "indirect", "mixed"])), a, b, text[a:b], speaker=speaker))
    entities = [Mention(a, b, text[a:b], "PER", "x", "per:x", "x") for a, b in sorted(spans(draw(st.integers(0, 4))))]
    return Article(id="2" * 16, source="t", lang="en", text=text, entities=tuple(entities), quotes=tuple(quotes))


@settings(max_examples=150, deadline=None)
@given(_annotated())
def test_annotated_text_is_always_well_formed_and_keeps_the_text(article):
    html = str(annotated_text(article))
    tree = _parse(html)
    assert tree.errors == [] and tree.stack == []
    assert "".join(tree.text) == article.text
    assert not [t for t, _ in tree.tags if t not in ("p", "mark", "span", "a")]


def test_safe_link_only_links_web_addresses():
    assert safe_link("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_link(" http://example.org ") == "http://example.org"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "ntrex:cnn.1", "//evil.org",
                "/relative", "java\nscript:alert(1)", "https://", "", None):
        assert safe_link(bad) is None, bad


def test_speaker_urls_encode_the_whole_key():
    assert speaker_url("per:jens stoltenberg") == "/speakers/per%3Ajens%20stoltenberg"
    assert speaker_url("per:a/b?c#d") == "/speakers/per%3Aa%2Fb%3Fc%23d"


@pytest.mark.parametrize(
    ("text", "script"),
    [("NATO", "Latin"), ("НАТО", "Cyrillic"), ("Єнс Столтенберг", "Cyrillic"), ("NATO-НАТО", "mixed"), ("2022", "other")],
)
def test_script_of(text, script):
    assert script_of(text) == script


def test_timeline_svg_bins_and_series():
    days = [("2022-01-12", 2, True), ("2022-01-22", 2, True), ("2022-01-22", 1, False)]
    svg = str(timeline_svg(days, title="T <1>", bar_label=lambda d, u, n, dated: f"{d} {u} {n} {dated}",
                           format_day=lambda d, u: d, empty="none", undated_tick="no date"))  # fmt: skip
    tree = _parse(svg)
    assert tree.errors == []
    rects = [a for t, a in tree.tags if t == "rect"]
    assert [(r.get("data-day"), r["data-n"], r["class"]) for r in rects] == [
        ("2022-01-12", "2", "bar bar-dated"),
        ("2022-01-22", "2", "bar bar-dated"),
        (None, "1", "bar bar-undated"),
    ]
    assert " undated 1 False" in svg and "no date" in svg
    assert 'aria-label="T &lt;1&gt;"' in svg and "style=" not in svg and "<script" not in svg
    long = [("2020-01-05", 1, True), ("2023-06-30", 1, True)]
    monthly = str(timeline_svg(long, title="t", bar_label=lambda *a: "", format_day=lambda d, u: d, empty=""))
    assert 'data-unit="month"' in monthly and monthly.count("<rect") == 2
    weekly = str(timeline_svg([("2022-01-03", 1, True), ("2022-09-30", 1, True)], title="t",
                              bar_label=lambda *a: "", format_day=lambda d, u: d, empty=""))  # fmt: skip
    assert 'data-unit="week"' in weekly
    empty = str(timeline_svg([], title="t", bar_label=lambda *a: "", format_day=lambda d, u: d, empty="Nothing"))
    assert "Nothing" in empty and "<rect" not in empty


def test_undated_counts_do_not_stretch_the_time_axis():
    """Issue 5: undated quotes counted on the day they were stored (years after the dated ones) used to stretch
    the axis to weeks or months and pose as events; they now stand in one bar beside the axis."""
    days = [("2022-01-12", 2, True), ("2022-01-22", 2, True), ("2026-11-30", 8, False), ("2026-12-01", 1, False)]
    svg = str(timeline_svg(days, title="t", bar_label=lambda d, u, n, dated: f"{u}:{n}", format_day=lambda d, u: d,
                           empty="", undated_tick="no date"))  # fmt: skip
    tree = _parse(svg)
    assert tree.errors == []
    assert 'data-unit="day"' in svg and 'data-undated="9"' in svg  # the axis spans 11 days, not 5 years
    dated = [a for t, a in tree.tags if t == "rect" and a["class"] == "bar bar-dated"]
    (undated,) = [a for t, a in tree.tags if t == "rect" and a["class"] == "bar bar-undated"]
    assert undated["data-n"] == "9" and "data-day" not in undated
    (divider,) = [a for t, a in tree.tags if t == "line" and a.get("class") == "divider"]
    assert all(float(r["x"]) + float(r["width"]) < float(divider["x1"]) < float(undated["x"]) for r in dated)
    assert "2026" not in "".join(tree.text)  # no stored day on the axis
    only_undated = str(timeline_svg([("2026-11-30", 3, False)], title="t", bar_label=lambda *a: "",
                                    format_day=lambda d, u: d, empty="Nothing"))  # fmt: skip
    assert "bar-undated" in only_undated and "bar-dated" not in only_undated and "Nothing" not in only_undated


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("/srv/newsdesk/feeds/ntrex-en.jsonl:14", "ntrex-en.jsonl:14"),
        ("C:\\feeds\\crawl.warc.gz@512", "crawl.warc.gz@512"),
        ("api:https://example.org/kuleba", "https://example.org/kuleba"),
        ("https://example.org/a/b.html", "https://example.org/a/b.html"),
        ("api:3f2a9c", "api:3f2a9c"),
        ("seed.txt", "seed.txt"),
    ],
)
def test_source_label_never_shows_a_server_path(source, shown):
    assert source_label(source) == shown


def test_snippet_marks_become_offsets_and_stray_marks_vanish():
    o, c = MARK
    s = snippet(f"the {o}NATO{c} and {o}НАТО{c}{c} x {o}")
    assert s.text == "the NATO and НАТО x "
    assert [s.text[a:b] for a, b in s.highlights] == ["NATO", "НАТО"]
    assert str(snippet(f"<b>{o}x{c}</b>").html()) == "&lt;b&gt;<mark>x</mark>&lt;/b&gt;"


@pytest.mark.parametrize(
    ("query", "cookie", "accept", "lang"),
    [
        ("ua", None, None, "uk"),
        ("ru", "uk", "en", "ru"),
        (None, "uk", "ru", "uk"),
        (None, None, "de-DE,de;q=0.9,uk;q=0.8,ru;q=0.7", "uk"),
        (None, None, "en;q=0.2, ru-RU", "ru"),
        (None, None, "fr, de", "en"),
        ("xx", "yy", "ru;q=0", "en"),
        (None, None, None, "en"),
    ],
)
def test_negotiate_interface_language(query, cookie, accept, lang):
    assert negotiate(query, cookie, accept) == lang


def test_dates_say_what_is_known_in_each_language():
    seed = PublicationDate(month=1, day=22, weekday="Wednesday", candidate_years=(2014, 2020, 2025))
    en = describe_date(seed, UI("en"))
    assert en.text == "Wednesday, 22 January" and en.iso is None and en.precision == "day"
    assert en.notes == ("year not given", "the weekday fits 2014, 2020, 2025")
    uk = describe_date(seed, UI("uk"))
    assert uk.text == "середа, 22 січня" and uk.notes[0] == "рік не вказано"
    conflict = PublicationDate(date="2022-01-22", year=2022, month=1, day=22, weekday="Friday", weekday_conflict=True)
    ru = describe_date(conflict, UI("ru"))
    assert ru.conflict and ru.iso == "2022-01-22" and "22 января 2022" in ru.text
    assert "пятница" in ru.notes[0] and "суббота" in ru.notes[0]  # stated vs calendar
    month = describe_date(PublicationDate(year=2021, month=3), UI("en"))
    assert month.text == "March 2021" and month.precision_label == "precise to the month"
    assert describe_date(None, UI("uk")).text == "дата невідома"
    timed = PublicationDate(date="2022-01-22", year=2022, month=1, day=22, time="10:15:00", utc_offset="+02:00")
    assert describe_date(timed, UI("en")).text.endswith("10:15 (UTC+02:00)")


def _extracted_messages() -> set[str | tuple[str, str]]:
    from babel.messages.extract import extract_from_dir

    found: set[str | tuple[str, str]] = set()
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    for _, _, message, _, _ in extract_from_dir(str(WEB), method_map, keywords=keywords):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def test_every_interface_string_is_translated_into_russian_and_ukrainian():
    messages = _extracted_messages()
    assert len(messages) > 100
    placeholder = re.compile(r"%\(\w+\)[sd]")
    for lang in ("ru", "uk"):
        catalog = i18n.translations(lang)
        different = 0
        for message in messages:
            if isinstance(message, tuple):
                forms = [catalog.ngettext(*message, n) for n in (1, 3, 5)]
                assert all(f not in message for f in forms), (lang, message)
                assert all(set(placeholder.findall(f)) == set(placeholder.findall(message[1])) for f in forms)
                different += 1
                continue
            translated = catalog.gettext(message)
            assert translated.strip(), (lang, message)
            assert set(placeholder.findall(translated)) == set(placeholder.findall(message)), (lang, message)
            if translated != message:
                assert re.search("[а-яіїєґ]", translated, re.IGNORECASE), (lang, message)
                different += 1
        assert different >= len(messages) - 4, lang  # only names like "API", "JSON API" stay as they are


def test_ukrainian_and_russian_catalogs_are_told_apart():
    uk, ru = i18n.translations("uk"), i18n.translations("ru")
    assert uk.gettext("Who said what") == "Хто що сказав" and ru.gettext("Who said what") == "Кто что сказал"
    # Slavic plural forms: 1 / 2-4 / 5+
    assert [UI("uk").ngettext("%(num)d quotation", "%(num)d quotations", n) for n in (1, 3, 5, 21)] == [
        "1 цитата", "3 цитати", "5 цитат", "21 цитата",
    ]  # fmt: skip
