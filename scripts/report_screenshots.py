"""Take the report screenshots for the docs: overview, a storyline, its timeline, an article.

Usage: python scripts/report_screenshots.py REPORT.html OUTDIR [--chromium PATH]

Needs Playwright for Python (`pip install playwright`) and a Chromium binary (Debian:
`apt-get install chromium`); Playwright's own browser download is not used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from storyline.report.browser import DEBIAN_CHROMIUM, launch_chromium

WIDTH, HEIGHT = 1280, 900


def take(report: Path, outdir: Path, chromium: str) -> list[Path]:
    """Save the overview, a storyline, its timeline and copies, and an article into `outdir`."""
    from playwright.sync_api import sync_playwright

    outdir.mkdir(parents=True, exist_ok=True)
    shots = []
    with sync_playwright() as p:
        browser = launch_chromium(p, chromium)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.route(
            "**/*",
            lambda route: route.abort() if not _local(route.request.url) else route.continue_(),
        )
        page.goto(report.resolve().as_uri())
        shots.append(outdir / "report-overview.png")
        page.screenshot(path=shots[-1])
        storyline = page.locator("section.storyline").first
        shots.append(outdir / "report-storyline.png")
        _top_of(page, storyline, shots[-1])
        shots.append(outdir / "report-timeline.png")
        _top_of(page, storyline.locator("section.part", has_text="Timeline"), shots[-1])
        # The article that best shows the highlights: a copy, else one sharing text.
        chosen = page.locator("details.article[data-copies=copy]")
        if chosen.count() == 0:
            chosen = page.locator("details.article")
        article = chosen.first
        article.locator("summary").click()
        shots.append(outdir / "report-article.png")
        _top_of(page, article, shots[-1])
        browser.close()
    return shots


def _local(url: str) -> bool:
    return url.startswith(("file:", "data:", "about:"))


def _top_of(page: Any, locator: Any, path: Path, height: int = 1300) -> None:
    """Screenshot a viewport `height` pixels tall with the element scrolled to its top."""
    page.set_viewport_size({"width": WIDTH, "height": height})
    locator.evaluate("element => element.scrollIntoView()")
    page.screenshot(path=path)


def main() -> int:
    """Parse the arguments and take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--chromium", default=DEBIAN_CHROMIUM)
    args = parser.parse_args()
    for path in take(args.report, args.outdir, args.chromium):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
