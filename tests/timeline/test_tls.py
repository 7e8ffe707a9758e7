"""Tests for date-wise timeline summarization."""

from datetime import date

import pytest

from storyline.errors import InputError
from storyline.timeline.dating import date_sentences
from storyline.timeline.tls import UNDATED_LEAD_SENTENCES, day_candidates, summarize_timeline

from .conftest import article

EXPLOSION = (
    "The Deepwater Horizon rig exploded on April 20, killing 11 workers in the Gulf of Mexico.\n"
    "Oil began leaking from the damaged well into the Gulf.\n"
)
CAP = (
    "BP said a new cap stopped the flow of oil from the well on July 15 for the first time.\n"
    "The rig exploded on April 20, and oil had leaked for 85 days.\n"
)
SEAL = "The ruptured well was declared effectively dead on September 19 after a relief well.\n"


def _articles():
    return [
        article("a", EXPLOSION, "2010-04-21"),
        article("b", CAP, "2010-07-16"),
        article("c", SEAL, "2010-09-19"),
        article(
            "d", "The explosion on April 20 started the worst spill in US history.\n", "2010-04-22"
        ),
    ]


def test_most_referred_days_are_chosen_and_sorted():
    """April 20, named by three articles, is chosen first; output is in date order."""
    entries = summarize_timeline(_articles(), dates=2, sentences=1)
    days = [e.date for e in entries]
    assert days == sorted(days)
    assert "2010-04-20" in days
    assert len(set(days)) == 2


def test_window_limits_the_days():
    """Days outside [start, end] are never chosen."""
    entries = summarize_timeline(
        _articles(), start=date(2010, 7, 1), end=date(2010, 12, 31), dates=5, sentences=1
    )
    assert {e.date for e in entries} <= {"2010-07-15", "2010-07-16", "2010-09-19"}
    assert "2010-09-19" in {e.date for e in entries}


def test_each_sentence_cites_its_articles_and_says_how_sure():
    """Entries carry their article ids and a confidence in (0, 1]."""
    entries = summarize_timeline(_articles(), dates=3, sentences=2)
    assert entries
    for entry in entries:
        assert entry.articles
        assert 0 < entry.confidence <= 1
    assert max(e.confidence for e in entries) == 1.0


def test_day_sentences_come_from_reports_published_on_or_after_it():
    """A sentence about April 20 comes from the April 21-22 reports, not from July."""
    entries = summarize_timeline(_articles(), dates=1, sentences=1)
    assert entries[0].date == "2010-04-20"
    assert entries[0].articles[0] in {"a", "d"}


def test_undated_sentences_stand_for_their_day_only_in_the_lead():
    """Of a long article with no dates, only its first sentences are candidates for its day."""
    body = "".join(f"Engineers tried fix number {n} on the leaking well again.\n" for n in range(9))
    dated = date_sentences([article("a", body, "2010-06-01")])["a"]
    (pool,) = day_candidates(dated).values()
    assert [d.sentence.index for d in pool] == list(range(UNDATED_LEAD_SENTENCES))


def test_a_day_only_announced_is_told_by_its_announcement():
    """Talks on January 10 named only in a December 31 article still get their sentence."""
    text = (
        "WASHINGTON Dec 31, 2021 Biden said he expects progress from the upcoming talks.\n"
        "The presidents discussed the upcoming US-Russian talks on January 10 in Geneva.\n"
    )
    entries = summarize_timeline([article("a", text)], dates=2, sentences=1)
    by_day = {e.date: e.text for e in entries}
    assert set(by_day) == {"2021-12-31", "2022-01-10"}
    assert "talks on January 10" in by_day["2022-01-10"]


def test_zero_dates_is_refused_with_a_clear_message():
    """Asking for no dates raises an InputError naming the bad value."""
    with pytest.raises(InputError, match="dates=0"):
        summarize_timeline(_articles(), dates=0)
