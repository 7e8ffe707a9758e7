"""Calendar arithmetic on possibly partial dates, and TimeML value formatting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

UNKNOWN_YEAR = "XXXX"
DATE_VALUE = re.compile(r"(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?")
# A leap year stands in for an unknown year, so that February 29 survives arithmetic.
PROXY_YEAR = 2000
# Tense may move a date to the other side of the anchor only within most of a year.
TENSE_REACH_DAYS = 300


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date whose year, month or day may be unknown."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def is_full(self) -> bool:
        """Return whether year, month and day are all known."""
        return self.year is not None and self.month is not None and self.day is not None

    def as_date(self) -> date | None:
        """Return the date when it is complete, else None."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def value(self) -> str:
        """Return the TimeML value of this date at the finest known granularity."""
        year = UNKNOWN_YEAR if self.year is None else f"{self.year:04d}"
        if self.month is None:
            return year
        if self.day is None:
            return f"{year}-{self.month:02d}"
        return f"{year}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def of(cls, day: date) -> PartialDate:
        """Return the partial date holding all of `day`."""
        return cls(day.year, day.month, day.day)

    @classmethod
    def parse(cls, value: str) -> PartialDate | None:
        """Return the date a TimeML value such as "2021-12-31" or "XXXX-12-31" holds, or None."""
        found = DATE_VALUE.fullmatch(value)
        if found is None:
            return None
        year, month, day = found.groups()
        return cls(
            None if year == UNKNOWN_YEAR else int(year),
            None if month is None else int(month),
            None if day is None else int(day),
        )


def is_valid_day(year: int | None, month: int, day: int) -> bool:
    """Return whether the day exists (in a leap year when the year is unknown)."""
    try:
        date(PROXY_YEAR if year is None else year, month, day)
    except ValueError:
        return False
    return True


def shift_days(anchor: PartialDate, days: int) -> PartialDate | None:
    """Return `anchor` moved by `days`, keeping an unknown year unknown; None without a day."""
    if anchor.month is None or anchor.day is None:
        return None
    base = date(PROXY_YEAR if anchor.year is None else anchor.year, anchor.month, anchor.day)
    moved = base + timedelta(days=days)
    return PartialDate(None if anchor.year is None else moved.year, moved.month, moved.day)


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    """Return (year, month) moved by `months`."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def week_value(day: date) -> str:
    """Return the ISO week of `day` as a TimeML value, e.g. 2021-W49."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(day: date) -> int:
    """Return the calendar quarter (1-4) of `day`."""
    return (day.month - 1) // 3 + 1


def duration_value(amount: float | None, unit: str, *, is_time: bool) -> str:
    """Return a TimeML duration such as P3D, PT2H or PXY (X when the amount is vague)."""
    if amount is None:
        number = "X"
    elif amount == int(amount):
        number = str(int(amount))
    else:
        number = f"{amount:g}"
    return f"PT{number}{unit}" if is_time else f"P{number}{unit}"


def nearest_year(dct: date, month: int, day: int | None, tense: str | None) -> int:
    """Return the year that puts month/day nearest the anchor, leaning on the clause tense.

    A past-tense clause prefers the last occurrence on or before the anchor, a future-tense
    clause the next one on or after it; without a cue the nearest occurrence wins.
    """
    target_day = day if day is not None else 15
    gaps: dict[int, int] = {}
    for year in (dct.year - 1, dct.year, dct.year + 1):
        if is_valid_day(year, month, target_day):
            gap = (date(year, month, target_day) - dct).days
            gaps[year] = 0 if day is None and (year, month) == (dct.year, dct.month) else gap
    if not gaps:
        return dct.year
    nearest = min(gaps, key=lambda y: abs(gaps[y]))
    slack = 0 if day is not None else 20  # a bare month may be the current one
    earlier, later = gaps.get(nearest - 1), gaps.get(nearest + 1)
    if tense == "past" and gaps[nearest] > slack and earlier is not None:
        return nearest - 1 if abs(earlier) < TENSE_REACH_DAYS else nearest
    if tense == "future" and gaps[nearest] < -slack and later is not None:
        return nearest + 1 if abs(later) < TENSE_REACH_DAYS else nearest
    return nearest
