"""Timeline entries: history apart from news, no page furniture, one date per sentence."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.model import TimelineEntry
from storyline.timeline.build import mark_background
from storyline.timeline.sentences import is_furniture


def _entry(value: str, text: str = "Something happened.") -> TimelineEntry:
    return TimelineEntry("s", value, text, ("a",), 0.5)


def test_dates_long_before_the_first_article_are_background():
    """An oil spill's timeline may mention 1967 and December 1984: history, kept apart."""
    entries = [_entry("1967-03"), _entry("1984-12-03"), _entry("2010"), _entry("2010-04-20")]
    marked = mark_background(entries, date(2010, 4, 21))
    assert [e.background for e in marked] == [True, True, False, False]


def test_a_date_within_sixty_days_before_coverage_is_news():
    """The days just before the first article are often when the story began."""
    [entry] = mark_background([_entry("2010-03-01")], date(2010, 4, 21))
    assert not entry.background


def test_undated_storylines_and_partial_dates_mark_nothing():
    """Without a first article date, or for a date without its year, nothing is background."""
    assert not mark_background([_entry("1984-12-03")], None)[0].background
    assert not mark_background([_entry("XXXX-12-03")], date(2010, 4, 21))[0].background


@pytest.mark.parametrize(
    "line",
    [
        "At 07:11 am on 16 Jun 2010, Chris wrote: this is a disgrace and BP should pay.",
        "Published: March 19, 2025 · 5 min read",
        "Photo: Coast Guard crews fight the fire on April 21, 2010.",
        "Workers on the rig on 20 April 2010 (Photo by Gerald Herbert)",
    ],
)
def test_comments_page_stamps_and_captions_are_furniture(line):
    """Reader comments, page stamps and captions are never timeline entries."""
    assert is_furniture(line)


def test_a_news_sentence_is_not_furniture():
    """A sentence that says what happened passes, even one that quotes someone who wrote."""
    assert not is_furniture("The rig exploded on 20 April 2010, killing 11 workers, BP said.")
