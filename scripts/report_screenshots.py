"""Take the report screenshots for the docs: overview, a storyline, its timeline, an article.

Usage: python scripts/report_screenshots.py REPORT.html OUTDIR [--name NAME] [--phone]

Saves NAME-overview.png, NAME-storyline.png, NAME-timeline.png and NAME-article.png at
desktop width (1,400 px); with --phone, also NAME-phone-overview.png and
NAME-phone-storyline.png at 390 px. Each shot also checks what a reader would notice
first: the page must not scroll sideways.

Needs Playwright for Python (`pip install playwright`) and a Chromium binary (Debian:
`apt-get install chromium`); Playwright's own browser download is not used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from storyline.report.browser import DEBIAN_CHROMIUM, launch_chromium

DESKTOP, PHONE = 1400, 390
HEIGHT = 1000


def take(report: Path, outdir: Path, chromium: str, name: str, phone: bool) -> list[Path]:
    """Save the screenshots of `report` into `outdir`; return their paths."""
    from playwright.sync_api import sync_playwright

    outdir.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    with sync_playwright() as p:
        browser = launch_chromium(p, chromium)
        shots += _desktop(_open(browser, report, DESKTOP), outdir, name)
        if phone:
            shots += _phone(_open(browser, report, PHONE), outdir, f"{name}-phone")
        browser.close()
    return shots


def _open(browser: Any, report: Path, width: int) -> Any:
    page = browser.new_page(viewport={"width": width, "height": HEIGHT})
    page.route(
        "**/*",
        lambda route: route.abort() if not _local(route.request.url) else route.continue_(),
    )
    page.goto(report.resolve().as_uri())
    return page


def _desktop(page: Any, outdir: Path, name: str) -> list[Path]:
    shots = [outdir / f"{name}-{view}.png" for view in ("overview", "storyline", "timeline")]
    _shot(page, None, shots[0])
    storyline = page.locator("section.storyline").first
    _shot(page, storyline, shots[1])
    # The part headed "Timeline": other parts may quote the word.
    _shot(page, storyline.locator("section.part:has(> h3:text-is('Timeline'))"), shots[2])
    # The article that best shows the highlights: a copy, else one sharing text.
    chosen = page.locator("details.article[data-copies=copy]")
    if chosen.count() == 0:
        chosen = page.locator("details.article")
    if chosen.count():
        chosen.first.locator("summary").click()
        shots.append(outdir / f"{name}-article.png")
        _shot(page, chosen.first, shots[-1])
    return shots


def _phone(page: Any, outdir: Path, name: str) -> list[Path]:
    shots = [outdir / f"{name}-overview.png", outdir / f"{name}-storyline.png"]
    _shot(page, None, shots[0])
    _shot(page, page.locator("section.storyline").first, shots[1])
    return shots


def _local(url: str) -> bool:
    return url.startswith(("file:", "data:", "about:"))


def _shot(page: Any, locator: Any, path: Path) -> None:
    """Screenshot one viewport with the element (or the page top) at its top."""
    if locator is None:
        page.evaluate("window.scrollTo(0, 0)")
    else:
        locator.evaluate("element => element.scrollIntoView()")
    wide = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    if wide > viewport:
        print(f"warning: {path.name}: the page is {wide} px wide at {viewport} px", file=sys.stderr)
    page.screenshot(path=path)


def main() -> int:
    """Parse the arguments and take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--name", default="report", help="file name prefix (default: report)")
    parser.add_argument("--phone", action="store_true", help="also take 390 px phone shots")
    parser.add_argument("--chromium", default=DEBIAN_CHROMIUM)
    args = parser.parse_args()
    for path in take(args.report, args.outdir, args.chromium, args.name, args.phone):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
