"""Tests for publication-date inference in storyline.dates.published."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storyline.dates._calendar import PartialDate
from storyline.dates.published import (
    InferPublished,
    find_dateline,
    find_header_date,
    infer_published,
)
from storyline.model import Article, PublishedDate

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
HEADER_PAGE = (
    "Friday, July 19, 2024\n\nWashington and Moscow continue to discuss the summit\n\n"
    "Must read\n\n(Washington) The White House said on Monday that talks would continue.\n"
)


def seed(prefix: str) -> str:
    """Return the text of a seed article, skipping the test when the seeds are absent."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"), None)
    if path is None:
        pytest.skip(f"seed articles not found under {SEEDS}")
    return path.read_text(encoding="utf-8")


def test_dateline_without_year_stays_partial():
    """'WASHINGTON Dec 31' gives month and day, and no invented year."""
    found = infer_published("US President Joe Biden WASHINGTON Dec 31 US President Joe Biden said")
    assert (found.value, found.origin) == ("XXXX-12-31", "dateline")


def test_dateline_year_is_inferred_from_the_fetch_date():
    """A year-less dateline takes the latest year not after the day the page was fetched."""
    found = infer_published("WASHINGTON Dec 31 Biden said", fetched_on=date(2022, 1, 3))
    assert (found.value, found.origin) == ("2021-12-31", "inferred")


def test_full_dateline_wins():
    """A wire dateline with a year is the publication date."""
    found = infer_published("MOSCOW, Dec. 30, 2021 (Reuters) - Talks were held.")
    assert (found.value, found.origin, found.confidence) == ("2021-12-30", "dateline", 0.9)


def test_header_date_is_found_on_the_first_lines():
    """A date alone on one of the first lines is the page-header date, with its weekday."""
    assert find_header_date(HEADER_PAGE) == (date(2024, 7, 19), "Friday", 21)
    assert find_dateline("The ambassador said on Monday.") is None


def test_uncontradicted_header_date_is_used_with_low_confidence():
    """A date under the headline that nothing contradicts is taken, at half confidence."""
    page = "Washington and Moscow continue to discuss the summit\n\n" + HEADER_PAGE.replace(
        "Washington and Moscow continue to discuss the summit\n\n", ""
    )
    found = infer_published(page)
    assert (found.value, found.origin, found.confidence, found.conflict) == (
        "2024-07-19", "text", 0.5, "",
    )  # fmt: skip


def test_date_above_the_headline_needs_the_text_to_confirm_it():
    """A banner date over the headline is flagged unless the text names its year."""
    found = infer_published(HEADER_PAGE)
    assert found.date is None
    assert "above the headline" in found.conflict
    confirmed = infer_published(HEADER_PAGE + "Talks planned for 2024 were held in July 2024.\n")
    assert (confirmed.value, confirmed.conflict) == ("2024-07-19", "")


def test_known_title_decides_what_is_above_the_headline():
    """Given the title, a date over it is a banner and a date under it is the story's."""
    title = "Washington and Moscow continue to discuss the summit"
    assert infer_published(HEADER_PAGE, title).conflict
    assert not infer_published(HEADER_PAGE, "Another title").conflict


def test_header_later_than_every_year_in_the_text_is_flagged():
    """A 2024 header over a text whose events are of 2021 is a conflict, and 2021 is inferred."""
    found = infer_published(HEADER_PAGE + "The summit took place late in 2021.\n")
    assert found.conflict == "the header says 2024 but the text's latest year is 2021"
    assert (found.value, found.origin) == ("2021", "inferred")


def test_header_with_a_wrong_weekday_is_flagged():
    """'Saturday, July 19, 2024' cannot be right: that day was a Friday."""
    found = infer_published(HEADER_PAGE.replace("Friday", "Saturday"))
    assert found.date is None
    assert "is a Friday" in found.conflict


def test_header_much_later_than_an_earlier_copy_is_flagged():
    """A header years after the same text was first seen marks a repost."""
    found = infer_published(HEADER_PAGE, earlier_copies=[date(2021, 4, 20)])
    assert found.date is None
    assert "seen on 2021-04-20" in found.conflict


def test_seed_002_header_is_flagged_against_the_original_copy():
    """Seed 002's 'Friday, July 19, 2024' header conflicts with the 2021 wire story it copies."""
    found = infer_published(seed("002"), earlier_copies=[date(2021, 4, 20)])
    assert found.conflict
    assert found.value == ""


def test_seed_002_header_is_flagged_on_its_own_text():
    """Seed 002's 'Friday, July 19, 2024' over the headline is not confirmed by its 2021 story.

    The text names no year and no month-day; its 'on Monday', 'last week', 'this summer' fit
    any date. What gives the header away is where it sits: above the headline, the place of a
    site's current-date banner, so it is flagged and no publication date is invented.
    """
    found = infer_published(seed("002"))
    assert "above the headline" in found.conflict
    assert (found.value, found.origin) == ("", None)


def test_seed_004_has_a_partial_dateline_date():
    """Seed 004 carries only 'WASHINGTON Dec 31': month and day, year unknown."""
    found = infer_published(seed("004"))
    assert found.date == PartialDate(None, 12, 31)
    assert found.origin == "dateline"


def test_infer_published_stage_fills_only_missing_dates():
    """The stage dates an undated article from its dateline and leaves dated ones alone."""
    undated = Article(
        id="u",
        path="u.txt",
        file="u.txt",
        format="text",
        raw_text="MOSCOW, Dec. 30, 2021 (Reuters) - Talks.",
    )
    dated = Article(
        id="d", path="d.txt", file="d.txt", format="text",
        raw_text="MOSCOW, Dec. 30, 2021 (Reuters) - Talks.",
        published_at=datetime(2021, 12, 29, tzinfo=UTC),
    )  # fmt: skip
    out = list(InferPublished()([undated, dated]))
    assert out[0] == PublishedDate("u", "2021-12-30", "dateline", 0.9, "")
    assert out[1].published_at == datetime(2021, 12, 30, tzinfo=UTC)  # type: ignore[union-attr]
    assert out[2] is dated
