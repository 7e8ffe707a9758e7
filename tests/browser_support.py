"""Headless Chromium for the browser tests: one Playwright session shared by all of them.

Needs Playwright for Python and a Chromium binary (Debian: `apt-get install chromium`);
skipped when either is missing, unless STORYLINE_BROWSER_TESTS=required (as in CI), which
turns the skip into a failure so a broken browser setup cannot pass unnoticed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.report.browser import DEBIAN_CHROMIUM, launch_chromium

CHROMIUM = os.environ.get("STORYLINE_CHROMIUM", DEBIAN_CHROMIUM)


def missing(reason: str) -> None:
    """Skip the test for `reason`, or fail it when browser tests are required."""
    if os.environ.get("STORYLINE_BROWSER_TESTS") == "required":
        pytest.fail(reason)
    pytest.skip(reason)


def chromium_session() -> Iterator[Any]:
    """Yield a headless Chromium driven by Playwright, or skip saying what is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("browser tests need Playwright: pip install playwright")
    if not Path(CHROMIUM).exists():
        missing(f"browser tests need Chromium at {CHROMIUM}: apt-get install chromium")
    # One sync Playwright per process: a second one, started while the first runs, fails.
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, CHROMIUM)
        yield browser
        browser.close()
