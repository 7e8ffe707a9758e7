"""Take the `storyline serve` screenshots for the docs: a storyline, a search, a phone view.

Usage: python scripts/serve_screenshots.py STORE.db OUTDIR [--chromium PATH]

Serves the store with uvicorn on a free loopback port and opens it in the distribution's
headless Chromium through Playwright (as the browser tests do).
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

from storyline.report.browser import DEBIAN_CHROMIUM, launch_chromium
from storyline.web import build_app


def take(db: Path, outdir: Path, chromium: str) -> list[Path]:
    """Save a storyline page, a search and an article at phone width into `outdir`."""
    import uvicorn
    from playwright.sync_api import sync_playwright

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(build_app(db), port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    outdir.mkdir(parents=True, exist_ok=True)
    shots = [outdir / n for n in ("serve-storyline.png", "serve-search.png", "serve-phone.png")]
    with sync_playwright() as p:
        browser = launch_chromium(p, chromium)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "/")
        page.locator(".card").first.click()
        page.screenshot(path=shots[0])
        page.goto(base + "/search?q=Whitcombe")
        page.screenshot(path=shots[1])
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(base + "/")
        phone.locator(".card").first.click()
        phone.locator("ol.timeline a.ref").first.click()
        phone.screenshot(path=shots[2])
        browser.close()
    server.should_exit = True
    return shots


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--chromium", default=DEBIAN_CHROMIUM)
    args = parser.parse_args()
    for shot in take(args.db, args.outdir, args.chromium):
        print(shot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
