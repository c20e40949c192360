"""Articles written for the web desk tests, and where things are (shared by conftest.py and the test modules)."""

from __future__ import annotations

from pathlib import Path

from newsdesk.model import RawDocument
from newsdesk.store import Store

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
ARTIFACTS = ROOT / "tests" / "artifacts" / "web"

TOKEN = "test-token-5f1c"

DATED_EN = RawDocument(
    source="tests/web:dated-en",
    text=(
        "NATO Secretary-General Jens Stoltenberg spoke in Brussels on Wednesday.\n\n"
        "\u201cWe will not compromise on the core principles of European security,\u201d Stoltenberg said.\n\n"
        "He said that the Alliance remained ready for dialogue with Russia."
    ),
    title="Stoltenberg: no compromise on core principles",
    section="politics",
    url="https://example.org/news/stoltenberg-principles",
    published_meta="2022-01-12",
)

CONFLICT_UK = RawDocument(
    source="tests/web:conflict-uk",
    text=(
        "Генеральний секретар НАТО Єнс Столтенберг закликав Росію відвести війська.\n\n"
        "\u00abМи готові вислухати занепокоєння Росії\u00bb, \u2014 заявив Столтенберг у Брюсселі."
    ),
    title="Столтенберг закликав Росію відвести війська",
    section="politics",
    date_text="п’ятниця, 22 січня 2022",
)

HOSTILE_TEXT = (
    "<script>alert('xss-script')</script> Officials said the page was checked.\n\n"
    "\u201cOpen <a href=\"javascript:alert('xss-link')\">this link</a> and "
    "<img src=x onerror=\"alert('xss-img')\">,\u201d spokesman Ivan Petrenko said.\n\n"
    "Further reading: javascript:alert('xss-text') and <iframe src=\"https://example.com\"></iframe>."
)

HOSTILE = RawDocument(
    source="tests/web:hostile",
    text=HOSTILE_TEXT,
    title="<img src=x onerror=\"alert('xss-title')\"> Hostile <b>markup</b> test",
    section="<script>alert('xss-section')</script>",
    url="javascript:alert('xss-url')",
    lang_hint="en",
)


def article_id_by_source(db: Path, source: str) -> str:
    with Store(db, read_only=True) as store:
        row = store.conn.execute("SELECT id FROM articles WHERE source = ?", (source,)).fetchone()
    assert row is not None, source
    return row[0]
