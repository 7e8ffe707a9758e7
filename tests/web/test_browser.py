"""`storyline serve` in a real headless Chromium: search, navigation, phone width, no script.

The app runs under uvicorn on a loopback port, as `storyline serve` runs it. Needs
Playwright and the distribution's Chromium (the shared `browser` fixture): skipped when
either is missing, a failure when STORYLINE_BROWSER_TESTS=required (as in CI).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from tests.browser_support import missing

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(browser: Any, web_db: Path) -> Iterator[str]:
    """Serve the web store on a free loopback port with uvicorn; yield its base URL."""
    try:
        import uvicorn

        from storyline.web import build_app
    except ImportError:
        missing("the web app needs the 'serve' extra: pip install 'storyline[serve]'")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(build_app(web_db), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)


class Visit:
    """A page and everything it tried: requests, dialogs, errors (CSP reports included)."""

    def __init__(self, browser: Any, base: str, viewport: dict[str, int]) -> None:
        self.base = base
        self.page = browser.new_page(viewport=viewport)
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def go(self, path: str) -> Any:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")
        return self.page

    def no_horizontal_scroll(self) -> bool:
        return bool(
            self.page.evaluate(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
            )
        )


def test_search_then_storyline_article_person_quote(browser: Any, server: str):
    """Search a name, open its storyline, an article, a person, then a quotation's relays."""
    visit = Visit(browser, server, {"width": 1280, "height": 900})
    page = visit.go("/")
    page.fill("form.search input[name=q]", "Whitcombe")
    page.click("form.search button")
    page.wait_for_url("**/search?q=Whitcombe")
    assert page.locator("section.hit-group").count() >= 1
    page.locator("section.hit-group h3 a").first.click()
    assert "/storyline/" in page.url
    assert page.locator("h2", has_text="Timeline").count() == 1
    page.locator("ol.timeline a.ref").first.click()
    assert "/article/" in page.url
    assert page.locator(".a-text mark").count() > 0
    page.locator("a[href^='/entity/']", has_text="Whitcombe").first.click()
    assert "/entity/" in page.url
    assert "Whitcombe" in page.locator("h1").inner_text()
    page.locator("a", has_text="every relay").first.click()
    assert "/quote/" in page.url
    assert page.locator("blockquote").count() == 1
    assert page.locator("h2", has_text="Relayed by").count() == 1
    assert [u for u in visit.requests if not u.startswith(server + "/")] == []
    assert visit.errors == []
    assert visit.dialogs == []


def test_phone_width_has_no_horizontal_scroll(browser: Any, server: str, web_ids: dict[str, str]):
    """At 390 px wide no page scrolls sideways."""
    visit = Visit(browser, server, PHONE)
    paths = [
        "/",
        f"/storyline/{quote(web_ids['storyline'], safe='')}",
        f"/event/{quote(web_ids['event'], safe='')}",
        f"/article/{quote(web_ids['article'], safe='')}",
        f"/entity/{quote(web_ids['person'], safe='')}",
        f"/source/{quote(web_ids['source'], safe='')}",
        f"/quote/{quote(web_ids['group'], safe='')}",
        "/search?q=spill",
    ]
    wide = [p for p in paths if (visit.go(p), not visit.no_horizontal_scroll())[1]]
    assert wide == []


def test_hostile_article_runs_nothing(browser: Any, server: str, web_ids: dict[str, str]):
    """The hostile article's scripts, handlers and javascript: URL never run, anywhere shown."""
    visit = Visit(browser, server, {"width": 1280, "height": 900})
    for path in (
        f"/article/{quote(web_ids['hostile'], safe='')}",
        "/search?q=Brandvold",
        f"/source/{quote('<b>evil</b>.example', safe='')}",
    ):
        page = visit.go(path)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.evaluate("document.scripts.length") == 0
        assert page.locator("a[href^='javascript:' i]").count() == 0
        assert page.evaluate("document.querySelectorAll('[onload],[onerror],main img').length") == 0
    page = visit.go(f"/article/{quote(web_ids['hostile'], safe='')}")
    assert "<script>window.__pwned=1</script>" in page.locator("h1").inner_text()
    assert visit.dialogs == []
    assert [u for u in visit.requests if not u.startswith(server + "/")] == []
