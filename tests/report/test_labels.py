"""Dates, spans and article labels in words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.model import Article
from storyline.report.labels import format_span, format_timex, source_of, word_changes


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2025-03-03", "3 Mar 2025"),
        ("2025-03", "Mar 2025"),
        ("2025", "2025"),
        ("XXXX-12-31", "31 Dec (year unknown)"),
        ("2021-W49", "week 49 of 2021"),
        ("2021-SU", "summer 2021"),
        ("2021-Q3", "Q3 2021"),
        ("2025-03-03T14:30", "3 Mar 2025, 14:30"),
        ("PAST_REF", "in the past"),
        ("", "undated"),
        ("P3D", "P3D"),
    ],
)
def test_timex_values_keep_their_precision(value, words):
    """A date is never shown more precisely than its TimeML value."""
    assert format_timex(value) == words


def test_spans_share_what_they_can():
    """A span within one month or year names it once."""
    d = lambda m, n: datetime(2025, m, n, tzinfo=UTC)  # noqa: E731
    assert format_span(d(3, 3), d(3, 4)) == "3–4 Mar 2025"
    assert format_span(d(3, 3), d(4, 22)) == "3 Mar – 22 Apr 2025"
    assert format_span(d(3, 3), d(3, 3)) == "3 Mar 2025"
    assert format_span(None, None) == "undated"


def test_source_falls_back_to_the_file_name_only():
    """Without a source the label is the input file's name, never its folder."""
    a = Article(id="1", path="/home/me/corpus/07_herald.html", file="x", format="html", raw_text="")
    assert source_of(a) == "07_herald.html"


def test_changed_words_come_as_old_and_new_runs_with_their_spaces():
    """A relay's rewording reads "could last → may be prolonged", never glued together."""
    before = "the talks could last a week, officials said"
    after = "the talks may be prolonged a week, officials told reporters"
    assert word_changes(before, after) == [
        ("could last", "may be prolonged"),
        ("said", "told reporters"),
    ]


def test_words_only_added_or_dropped_have_an_empty_side():
    """An added or dropped run has nothing on the other side."""
    assert word_changes("we will act now", "we will act") == [("now", "")]
    assert word_changes("we act", "we act today") == [("", "today")]
