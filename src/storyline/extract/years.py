"""Give a dateline without a year ("WASHINGTON Dec 31") the year its storyline points to."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date

from storyline.extract._timex_calendar import is_valid_day
from storyline.extract.published import body_years

PARTIAL_DAY = re.compile(r"^XXXX-(?P<month>\d\d)-(?P<day>\d\d)$")
DATED_WEIGHT = 3  # a sibling's own publication year counts more than a year its text names
CONFIDENCE = 0.4  # a year borrowed from other articles is a guess, and says so


def partial_month_day(value: str) -> tuple[int, int] | None:
    """Return (month, day) of a TimeML value with an unknown year ("XXXX-12-31"), else None."""
    match = PARTIAL_DAY.match(value)
    return None if match is None else (int(match["month"]), int(match["day"]))


def storyline_year(published: Iterable[date | None], texts: Iterable[str]) -> int | None:
    """Return the year a storyline's articles point to: their dates first, then their texts.

    Only years written out count (in past or present clauses, not "will meet in 2030");
    ties go to the later year. None when no sibling says anything about years.
    """
    votes: Counter[int] = Counter()
    for day in published:
        if day is not None:
            votes[day.year] += DATED_WEIGHT
    for text in texts:
        votes.update(set(body_years(text)))
    if not votes:
        return None
    return max(votes, key=lambda year: (votes[year], year))


def infer_year(value: str, year: int | None) -> date | None:
    """Return the full date a partial day value gets from `year`, or None when it cannot."""
    parts = partial_month_day(value)
    if parts is None or year is None or not is_valid_day(year, *parts):
        return None
    return date(year, *parts)
