"""The web desk in a real browser: headless Chromium driven by Playwright over a live server on loopback.

Chromium is Debian's (/usr/lib/chromium/chromium, installed by .ci/run); `playwright install` is never used.
Every launch maps all host names to nothing except loopback, so the tests send nothing beyond this machine.
A missing Chromium fails these tests in CI (CI=true) and skips them elsewhere. Each test fails on any console
error (Content-Security-Policy violations included), page error, dialog (an injected alert) or request that
leaves the test server. Screenshots go to tests/artifacts/web/.
"""

from __future__ import annotations

import os
import re
from urllib.parse import unquote

import pytest

from .desk_data import HOSTILE, article_id_by_source

CHROMIUM = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


def _chromium() -> str:
    for path in CHROMIUM:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    message = (
        "Chromium is not installed (looked for /usr/lib/chromium/chromium and /usr/bin/chromium): "
        "apt-get install chromium fonts-dejavu-core (.ci/run does this)"
    )
    if os.environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    path = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=LAUNCH_ARGS, headless=True, timeout=30_000)
        yield browser
        browser.close()


class Watch:
    """What a page did that a clean page never does."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.problems: list[str] = []

    def console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def request(self, request) -> None:
        url = request.url
        if not (url.startswith(self.base + "/") or url.startswith("data:")):
            self.problems.append(f"request beyond the test server: {url}")

    def dialog(self, dialog) -> None:
        self.problems.append(f"dialog opened: {dialog.message}")
        dialog.dismiss()


@pytest.fixture
def page(browser, live_server, artifacts):
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch = Watch(live_server)
    page.on("console", watch.console)
    page.on("pageerror", lambda exc: watch.problems.append(f"page error: {exc}"))
    page.on("request", watch.request)
    page.on("dialog", watch.dialog)
    page.watch = watch
    yield page
    context.close()
    assert watch.problems == [], watch.problems


def _shot(page, artifacts, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def _loaded_script_ran(page) -> bool:
    # desk.js (loaded from /static under the CSP) marks the document; inline script would be refused
    return page.locator("html[data-js='on']").count() == 1


def test_front_page_lists_latest_articles(page, artifacts):
    response = page.goto("/")
    assert response.status == 200
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.locator("h1").inner_text() == "Latest articles"
    assert page.locator("ol.stories > li.story").count() == 20  # one page of the 76 stored
    assert page.locator("nav.pager a[rel=next]").count() == 1
    assert page.locator("input[name=q]").first.is_visible()
    assert _loaded_script_ran(page)
    _shot(page, artifacts, "front-page")


def test_search_finds_stoltenberg_in_both_scripts(page, artifacts):
    page.goto("/")
    page.locator("header input[name=q]").fill("Stoltenberg")
    page.locator("header form[role=search] button").click()
    page.wait_for_url(re.compile(r"/search\?q=Stoltenberg"))
    marks = page.locator("ol.hits .snippet mark").all_inner_texts()
    assert any("Stoltenberg" in m for m in marks)
    assert any("Столтенберг" in m for m in marks)  # the Ukrainian test article: the name matched across scripts
    assert page.locator("ol.hits li.hit-quote").count() >= 1
    assert page.get_by_text("NATO responded to Russia's demand of \"security guarantees\"").first.is_visible()
    _shot(page, artifacts, "search-stoltenberg")


def test_seed_article_shows_three_quotations_by_stoltenberg(page, artifacts):
    page.goto("/search?q=Stoltenberg")
    page.locator("ol.hits h3 a", has_text="NATO responded to Russia").first.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]{16}"))
    direct = page.locator(".body mark.quote-direct")
    quote_ids = {direct.nth(i).get_attribute("data-quote") for i in range(direct.count())}
    assert len(quote_ids) == 3
    for qid in quote_ids:
        mark = page.locator(f"#q{qid}")
        assert mark.is_visible()
        assert "Jens Stoltenberg" in mark.get_attribute("title")
    panel = page.locator(".who-list li.who-item.quote-direct")
    assert panel.count() == 3
    for i in range(3):
        item = panel.nth(i)
        assert item.locator(".who-speaker").inner_text() == "Jens Stoltenberg"
        assert item.locator(".kind").inner_text() == "direct"
    cues = page.locator(".who-list li.quote-direct dd").all_inner_texts()
    assert {"said", "stated", "concluded"} <= set(cues)
    # indirect quotations are marked apart from the direct ones
    assert page.locator(".body mark.quote-indirect").count() >= 3
    # entities are marked and link to their pages
    assert page.locator(".body a.ent-per", has_text="Jens Stoltenberg").count() >= 1
    # the date says what is known: day and month, no year
    date = page.locator(".facts").inner_text()
    assert "22 January" in date and "year not given" in date and "precise to the day" in date
    # pointing at a quotation in the panel lights it up in the text (desk.js)
    assert _loaded_script_ran(page)
    panel.first.hover()
    first = panel.first.get_attribute("data-quote-ref")
    assert "lit" in page.locator(f"#q{first}").get_attribute("class")
    _shot(page, artifacts, "seed-article")


def test_interface_switches_to_ukrainian(page, artifacts, seed_id):
    page.goto(f"/articles/{seed_id}")
    switcher = page.locator("nav.langs a")
    assert switcher.all_inner_texts() == ["RU", "UA", "EN"]
    assert page.locator("nav.langs a[aria-current]").inner_text() == "EN"
    page.locator("nav.langs a", has_text="UA").click()
    page.wait_for_url(re.compile(r"ui=uk"))
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator("#who-title").inner_text() == "Хто що сказав"
    assert page.locator("nav.main-nav").inner_text().split() == ["Останнє", "Спікери", "API"]
    assert "рік не вказано" in page.locator(".facts").inner_text()
    assert page.locator(".who-list .kind").first.inner_text() in ("пряма", "непряма", "змішана")
    _shot(page, artifacts, "seed-article-uk")
    # the choice is remembered on the next page
    page.goto("/")
    assert page.locator("h1").inner_text() == "Останні статті"
    assert page.locator("nav.langs a[aria-current]").inner_text() == "UA"


def test_speaker_page_draws_the_timeline(page, artifacts, seed_id):
    page.goto(f"/articles/{seed_id}")
    page.locator(".who-list a.who-speaker").first.click()
    page.wait_for_url(re.compile(r"/speakers/"))
    assert unquote(page.url).endswith("/speakers/per:jens stoltenberg")
    assert page.locator("h1").inner_text() == "Jens Stoltenberg"
    chart = page.locator("figure.chart-box svg.chart")
    assert chart.is_visible()
    assert chart.get_attribute("role") == "img"
    dated = page.locator("svg.chart rect.bar-dated")
    assert dated.count() >= 1
    # the two dated test articles (2022-01-12 and 2022-01-22) hold two quotations each
    assert sum(int(dated.nth(i).get_attribute("data-n")) for i in range(dated.count())) == 4
    assert min(dated.nth(i).get_attribute("data-day") for i in range(dated.count())) <= "2022-01-12"
    assert page.locator("svg.chart rect.bar-undated").count() == 1  # the undated seed, apart from the time axis
    assert chart.get_attribute("data-unit") == "day"  # undated quotes do not stretch the axis (issue 5)
    assert chart.bounding_box()["height"] > 100
    # quotations from all languages, the Ukrainian one included
    assert page.locator("ol.quotes blockquote[lang=uk]").count() >= 1
    assert "Russia" in page.locator(".col-side").inner_text()  # whom he addresses
    _shot(page, artifacts, "speaker-stoltenberg")


def test_hostile_article_is_shown_as_text(page, artifacts, demo_db):
    article = article_id_by_source(demo_db, HOSTILE.source)
    page.goto(f"/articles/{article}")
    body = page.locator(".body")
    text = body.inner_text()
    assert "<script>alert('xss-script')</script>" in text
    assert "<img src=x onerror=\"alert('xss-img')\">" in text
    assert "javascript:alert('xss-text')" in text
    assert body.locator("script, img, iframe").count() == 0
    assert page.locator("h1").inner_text().startswith("<img src=x onerror=")
    assert page.locator("a[href^='javascript:'], a[href^='JAVASCRIPT:']").count() == 0
    assert page.locator(".facts .url").inner_text() == "javascript:alert('xss-url')"
    # the only script in the page is the desk's own
    assert page.locator("script").count() == 1
    assert page.locator("script").get_attribute("src").startswith("/static/desk.js")
    _shot(page, artifacts, "hostile-article")
    # the same text in lists and search snippets stays text too
    page.goto("/search?q=alert")
    assert page.locator("ol.hits").inner_text().count("alert") >= 2
    assert page.locator("main img, main iframe, main script").count() == 0
    page.goto("/")
    assert page.locator("main img").count() == 0


def test_missing_chromium_fails_in_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setattr(f"{__name__}.CHROMIUM", ("/nonexistent/chromium",))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Chromium is not installed"):
        _chromium()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        _chromium()
