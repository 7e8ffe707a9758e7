"""Take the report screenshots for the docs: overview, one storyline, one open article.

Usage: python scripts/report_screenshots.py REPORT.html OUTDIR [--chromium PATH]

Needs Playwright for Python (`pip install playwright`) and a Chromium binary (Debian:
`apt-get install chromium`); Playwright's own browser download is not used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Offline, quiet and container-friendly: the report needs no network, so none is allowed.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTH, HEIGHT = 1280, 900


def take(report: Path, outdir: Path, chromium: str) -> list[Path]:
    """Save overview.png, storyline.png and article.png of `report` into `outdir`."""
    from playwright.sync_api import sync_playwright

    outdir.mkdir(parents=True, exist_ok=True)
    shots = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.route(
            "**/*",
            lambda route: route.abort() if not _local(route.request.url) else route.continue_(),
        )
        page.goto(report.resolve().as_uri())
        shots.append(outdir / "report-overview.png")
        page.screenshot(path=shots[-1])
        storyline = page.locator("section.storyline").first
        storyline.scroll_into_view_if_needed()
        shots.append(outdir / "report-storyline.png")
        storyline.screenshot(path=shots[-1])
        article = page.locator("details.article[data-copies=copy]").first
        article.locator("summary").click()
        shots.append(outdir / "report-article.png")
        _clip(page, article, shots[-1])
        browser.close()
    return shots


def _local(url: str) -> bool:
    return url.startswith(("file:", "data:", "about:"))


def _clip(page: object, locator: object, path: Path, max_height: int = 1400) -> None:
    """Screenshot the top of an element, at most `max_height` pixels of it."""
    box = locator.bounding_box()  # type: ignore[attr-defined]
    clip = {
        "x": box["x"],
        "y": box["y"],
        "width": box["width"],
        "height": min(box["height"], max_height),
    }
    page.screenshot(path=path, clip=clip, full_page=True)  # type: ignore[attr-defined]


def main() -> int:
    """Parse the arguments and take the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--chromium", default=CHROMIUM)
    args = parser.parse_args()
    for path in take(args.report, args.outdir, args.chromium):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
