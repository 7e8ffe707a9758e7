"""How a report is opened in headless Chromium, for screenshots and browser tests."""

from __future__ import annotations

from typing import Any

DEBIAN_CHROMIUM = "/usr/bin/chromium"  # `apt-get install chromium`; Playwright's download unused
# Offline, quiet and container-friendly: the report needs no network, so none is allowed.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def launch_chromium(playwright: Any, executable: str = DEBIAN_CHROMIUM) -> Any:
    """Return a headless Chromium started by Playwright with the offline flags above."""
    return playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
