"""What TIMEX3 normalization works with: the context, number words and anchored units."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from storyline.dates._calendar import (
    PartialDate,
    quarter_of,
    shift_days,
    shift_months,
    week_value,
)
from storyline.dates._rules import NUMBERS, UNITS

TypeValue = tuple[str, str]


@dataclass(slots=True)
class Context:
    """What normalization may look at: the anchor, the text, the clause tense, the last date."""

    text: str
    dct: PartialDate | None
    tense: Callable[[int, int], str | None]
    last_date: PartialDate | None = None
    # The value of the last dated expression, cut to year, month, quarter or half ("1989-04",
    # "1989-Q3"): "the following year", "the same period a year ago" count from it.
    last_period: str | None = None
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def day(self) -> date | None:
        """Return the anchor when it is a complete date."""
        return None if self.dct is None else self.dct.as_date()


def key(word: str | None) -> str:
    return " ".join((word or "").lower().rstrip(".").split())


def parse_amount(words: str) -> float | None:
    """Return the number written in `words` (digits or English words), None when vague."""
    text = key(words).replace("-", " ")
    half = 0.5 if text.endswith(("and a half", "1/2")) else 0.0
    text = text.removesuffix("and a half").removesuffix("1/2").strip()
    if text.replace(".", "", 1).replace(",", "").isdigit():
        return float(text.replace(",", "")) + half
    if text in NUMBERS:
        return NUMBERS[text] + half
    parts = text.split()
    if parts and all(p in NUMBERS for p in parts):
        return sum(NUMBERS[p] for p in parts) + half
    return None


def spelled_year(words: str) -> int | None:
    """Return the year written in words: "nineteen ninety-six", "two thousand and one"."""
    parts = key(words).replace("-", " ").replace(" and ", " ").split()
    if parts[:2] == ["two", "thousand"]:
        rest = parse_amount(" ".join(parts[2:])) if parts[2:] else 0
        return None if rest is None else 2000 + int(rest)
    century = NUMBERS.get(parts[0])
    if century is None or len(parts) < 2:
        return None
    if parts[1] == "hundred":
        return int(century) * 100
    rest = parse_amount(" ".join(parts[1:]))
    return None if rest is None else int(century) * 100 + int(rest)


def unit_name(word: str) -> str:
    singular = key(word).replace(" ", "")
    return singular[:-1] if singular.endswith("s") and singular[:-1] in UNITS else singular


def anchor_value(ctx: Context, unit: str, offset: int) -> str:
    """Return the value of the calendar `unit` containing the anchor moved by `offset` units."""
    day = ctx.day
    year = None if ctx.dct is None else ctx.dct.year
    if unit in ("day", "night"):
        if ctx.dct is None:
            return "XXXX-XX-XX"
        moved = shift_days(ctx.dct, offset)
        return "XXXX-XX-XX" if moved is None else moved.value()
    if unit == "week" or unit == "weekend":
        suffix = "-WE" if unit == "weekend" else ""
        if day is None:
            return f"XXXX-WXX{suffix}"
        if unit == "week" and day.isoweekday() == 7:
            # Said on a Sunday, "this week" is the one starting (US weeks start on Sunday).
            day += timedelta(days=1)
        return week_value(day + timedelta(weeks=offset)) + suffix
    if unit == "month":
        if ctx.dct is None or ctx.dct.month is None:
            return "XXXX-XX"
        if year is None:
            return f"XXXX-{(ctx.dct.month - 1 + offset) % 12 + 1:02d}"
        y, m = shift_months(year, ctx.dct.month, offset)
        return f"{y:04d}-{m:02d}"
    if year is None:
        return "XXXX"
    if unit == "quarter":
        quarter = quarter_of(day) if day is not None else 1
        y, q = divmod(year * 4 + quarter - 1 + offset, 4)
        return f"{y:04d}-Q{q + 1}"
    if unit == "decade":
        return str(year // 10 + offset)
    if unit == "century":
        return str(year // 100 + offset)
    return str(year + offset)  # year, fiscal year
