"""The report in a real headless Chromium: no injected script runs, navigation works.

The `browser` fixture (tests/conftest.py) skips when Playwright or Chromium is missing,
unless STORYLINE_BROWSER_TESTS=required (as in CI).
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.report.demo import with_hostile_article

from storyline.report import ReportData, write_report

pytestmark = pytest.mark.browser


class Visit:
    """An open report page and what it tried to do: dialogs and network requests."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []  # uncaught exceptions and console errors (CSP reports)


@pytest.fixture(scope="module")
def hostile(demo_report: ReportData) -> ReportData:
    return with_hostile_article(demo_report)


@pytest.fixture(scope="module")
def visit(browser: Any, hostile: ReportData, tmp_path_factory: pytest.TempPathFactory) -> Visit:
    """Open the demo report, with one hostile article, in a fresh page."""
    path = write_report(tmp_path_factory.mktemp("browser") / "report.html", hostile)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    visit = Visit(page)

    def on_dialog(dialog: Any) -> None:
        visit.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return visit


def test_no_script_from_an_article_runs(visit: Visit):
    """The script tags, handlers and javascript: URL of the hostile article never run."""
    page = visit.page
    page.locator("details.article").first.locator("summary").click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert visit.dialogs == []
    assert page.evaluate("document.scripts.length") == 1
    handlers = "document.querySelectorAll('[onload],[onerror],[onclick],main img').length"
    assert page.evaluate(handlers) == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0


def test_nothing_is_fetched(visit: Visit):
    """Opening the report requests nothing but the file itself."""
    assert [u for u in visit.requests if not u.startswith("file:")] == []


def test_page_has_the_expected_sections(visit: Visit, hostile: ReportData):
    """Overview, every storyline with its parts, the copies drawing and all articles are shown."""
    page = visit.page
    assert page.locator("#overview .card").count() == 3
    storylines = page.locator("section.storyline")
    assert storylines.count() == 3
    for part in (
        "Summary",
        "Events",
        "Timeline",
        "Who copied whom",
        "Quotes by speaker",
        "People involved",
    ):
        assert storylines.first.locator("h3", has_text=part).count() == 1
    assert page.locator("svg.copies").count() >= 2
    assert page.locator("details.article").count() == len(hostile.articles)


def test_clicking_a_source_opens_the_article_text(visit: Visit):
    """A source link in a timeline opens that article, with its text visible."""
    page = visit.page
    link = page.locator("ol.timeline a.ref").first
    target = link.get_attribute("href")
    link.click()
    article = page.locator(f"details{target}")
    assert article.get_attribute("open") is not None
    assert article.locator(".a-text").is_visible()
    assert page.evaluate("location.hash") == target


def test_clicking_a_box_in_the_drawing_opens_the_article(visit: Visit):
    """A box of the copies drawing links to its article and opens it."""
    page = visit.page
    box = page.locator("svg.copies a").nth(1)
    target = box.get_attribute("href")
    box.click()
    assert page.locator(f"details{target} .a-text").is_visible()


def test_filter_narrows_the_article_list(visit: Visit, hostile: ReportData):
    """Typing in the filter hides the articles that do not match and says how many are shown."""
    page = visit.page
    page.fill("#filter", "meridianwire")
    shown = page.locator("details.article:not([hidden])").count()
    assert 0 < shown < len(hostile.articles)
    assert page.locator("#shown").inner_text() == (
        f"{shown} of {len(hostile.articles)} articles match"
    )
    page.fill("#filter", "")
    page.check("#only-copies")
    assert page.locator("details.article:not([hidden])").count() < len(hostile.articles)
    page.uncheck("#only-copies")


def test_no_errors_on_the_console(visit: Visit):
    """The page's script throws nothing and the policy blocks nothing (nothing needed it)."""
    assert visit.errors == []
