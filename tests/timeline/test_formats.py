"""Tests for the tilse, JSON and Markdown renderings of a timeline."""

import json

import pytest

from storyline.errors import InputError
from storyline.model import TimelineEntry
from storyline.timeline.formats import read_tilse, render_timeline, to_json, to_markdown, to_tilse

ENTRIES = [
    TimelineEntry("s", "2021-12-30", "Putin and Biden spoke by phone for 50 minutes.", ("a",), 0.8),
    TimelineEntry(
        "s", "2022-01-10", "US and Russian officials meet in Geneva.", ("a", "b"), 0.9, 2
    ),
    TimelineEntry("s", "2022-01-10", "NATO allies are briefed afterwards.", ("b",), 0.5),
    TimelineEntry("s", "XXXX-06", "The presidents met in Geneva in June.", ("c",), 0.4),
]


def test_tilse_output_reads_back_as_the_same_dates_and_sentences():
    """Each full date is a block of sentences closed by dashes; partial dates are left out."""
    text = to_tilse(ENTRIES)
    assert text.splitlines()[0] == "2021-12-30"
    assert text.splitlines()[2].startswith("-----")
    assert read_tilse(text) == {
        "2021-12-30": ["Putin and Biden spoke by phone for 50 minutes."],
        "2022-01-10": [
            "US and Russian officials meet in Geneva.",
            "NATO allies are briefed afterwards.",
        ],
    }


def test_json_keeps_every_field():
    """The JSON array has one object per entry with the model's field names."""
    rows = json.loads(to_json(ENTRIES))
    assert rows[1]["articles"] == ["a", "b"]
    assert rows[1]["sources"] == 2
    assert set(rows[0]) == {
        "storyline",
        "date",
        "text",
        "articles",
        "confidence",
        "sources",
        "conflict",
        "background",
    }


def test_markdown_shows_sources_and_conflicts():
    """A disputed entry says so under its bullet; undated entries get an 'Undated' heading."""
    disputed = TimelineEntry("s", "", "Talks ended after 40 minutes.", ("a", "b"), 0.3, 2, "b: 50")
    text = to_markdown([*ENTRIES[:1], disputed])
    assert "## 2021-12-30" in text
    assert "## Undated" in text
    assert "2 sources: a, b" in text
    assert "**Disputed:** b: 50" in text


def test_render_timeline_names_the_valid_formats_on_a_typo():
    """An unknown format raises an InputError listing tilse, json and md."""
    assert render_timeline(ENTRIES[:1], "tilse") == to_tilse(ENTRIES[:1])
    with pytest.raises(InputError, match="tilse, json, md"):
        render_timeline(ENTRIES, "html")
