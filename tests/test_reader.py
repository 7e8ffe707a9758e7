"""What a reader gets from a real folder of news: one Timeline17 topic given as bare files.

Runs `storyline run` and `storyline export` on the topic's day folders and checks dates,
the main storyline, headline titles, the timeline and speakers (scripts/check_reader.py);
the report is checked in Chromium when it is installed. The smallest topic runs by default,
every topic with `-m slow`.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.shared_data import DATA, require

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "check_reader.py"
spec = importlib.util.spec_from_file_location("check_reader", SCRIPT)
assert spec is not None
assert spec.loader is not None
check_reader = importlib.util.module_from_spec(spec)
sys.modules["check_reader"] = check_reader  # dataclasses look their module up there
spec.loader.exec_module(check_reader)

TOPICS = sorted(p.name for p in (DATA / "timeline17").iterdir()) if DATA.exists() else []


def _check(topic: str, browser: object) -> None:
    check = check_reader.check_topic(require(DATA / "timeline17" / topic), browser)
    assert not check.failures, f"{topic}: {check.failures} ({check.figures})"


def test_a_bare_topic_folder_reads_as_one_dated_headlined_story(browser: object):
    """The smallest topic: dated from its paths, one storyline, headlines, a clean timeline."""
    _check("H1N1_guardian", browser)


@pytest.mark.slow
@pytest.mark.parametrize("topic", [t for t in TOPICS if t != "H1N1_guardian"])
def test_every_topic_reads_as_one_story(topic: str, browser: object):
    """The same checks on every Timeline17 topic in the shared data."""
    _check(topic, browser)
