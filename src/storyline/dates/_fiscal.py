"""Normalize quarters, halves and the fiscal periods financial news compares."""

from __future__ import annotations

import re
from datetime import timedelta

from storyline.dates._calendar import quarter_of
from storyline.dates._context import Context, TypeValue, anchor_value, key
from storyline.dates._rules import ORDINALS


def is_quarter_context(ctx: Context, end: int) -> bool:
    """Return whether the sentence around `end` talks about a fiscal quarter."""
    window = ctx.text[max(0, end - 600) : end + 80].lower()
    return "quarter" in window


def latest_quarter(ctx: Context) -> TypeValue:
    """Return the quarter most recently reported on: the one that ended before the anchor."""
    if ctx.day is None:
        return "DATE", "XXXX-QX"
    reference = ctx.day - timedelta(days=45)
    return "DATE", f"{reference.year:04d}-Q{quarter_of(reference)}"


def quarter(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    """Return "the third quarter", "the first half of 1990": the year given, implied or past."""
    unit = key(m["unit"])
    ordinal = 2 if unit == "half" and key(m["ord"]) == "last" else ORDINALS[key(m["ord"])]
    if unit == "half" and ordinal > 2:
        return None
    letter = "Q" if unit == "quarter" else "H"
    if m["y"]:
        return "DATE", f"{m['y']}-{letter}{ordinal}"
    day = ctx.day
    if day is None:
        return "DATE", f"XXXX-{letter}{ordinal}"
    if m["yrel"]:
        offset = {"last": -1, "next": 1}.get(key(m["yrel"]), 0)
        return "DATE", f"{day.year + offset:04d}-{letter}{ordinal}"
    head = key(m[0])
    year = day.year
    years = re.search(r"\b((?:19|20)\d\d)\b", head)
    if years:
        year = int(years[1])
    elif "year-earlier" in head or "year-ago" in head or "last year" in head:
        year -= 1
    elif "this year" not in head:
        current = quarter_of(day) if letter == "Q" else (day.month - 1) // 6 + 1
        if ordinal > current and ctx.tense(start, m.end()) != "future":
            year -= 1
    return "DATE", f"{year:04d}-{letter}{ordinal}"


def same_unit(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    """Return "a year earlier", "year-end": last year, or its quarter in a quarterly report."""
    if m["end"]:
        return "DATE", anchor_value(ctx, "year", 0)
    if ctx.day is not None and is_quarter_context(ctx, m.end()):
        reference = ctx.day - timedelta(days=45)
        return "DATE", f"{reference.year - 1:04d}-Q{quarter_of(reference)}"
    return "DATE", anchor_value(ctx, "year", -1)


def same_period(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    """Return "the same month a year ago": the period last mentioned, a year earlier."""
    unit = key(m["unit"])
    last = ctx.last_period or ""
    # The last period fits when it has the unit's grain: a month for "month", a quarter for
    # "quarter", either (or a half) for "period".
    grain = last[5:6]
    # In a paragraph about quarters, a "period" is a quarter even after "ended Sept. 30".
    quarterly = unit == "period" and grain != "Q" and is_quarter_context(ctx, m.end())
    fits = {"month": grain.isdigit(), "quarter": grain == "Q"}.get(unit, bool(grain))
    fits = fits and not quarterly
    if fits:
        return "DATE", f"{int(last[:4]) - 1:04d}{last[4:]}"
    if ctx.day is None:
        return "DATE", "XXXX"
    if unit == "month":
        return "DATE", f"{ctx.day.year - 1:04d}-{ctx.day.month:02d}"
    reference = ctx.day - timedelta(days=45)  # the quarter last reported on
    return "DATE", f"{reference.year - 1:04d}-Q{quarter_of(reference)}"


def quarter_code(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    """Return "Q3", "H1 2021", "FY2020": a quarter, half or fiscal year in financial shorthand."""
    if m["fy"]:
        digits = m["fy"].lstrip("'")
        return "DATE", digits if len(digits) == 4 else f"20{digits}"
    letter = "H" if m["h"] else "Q"
    ordinal = int(m["h"] or m["q"] or m["q2"])
    if m["y"] or m["yy"]:
        return "DATE", f"{m['y'] or '20' + m['yy']}-{letter}{ordinal}"
    day = ctx.day
    if day is None:
        return "DATE", f"XXXX-{letter}{ordinal}"
    current = quarter_of(day) if letter == "Q" else (day.month - 1) // 6 + 1
    # A quarter not yet begun is last year's, unless the clause looks ahead.
    past = ordinal > current and ctx.tense(start, m.end()) != "future"
    return "DATE", f"{day.year - past:04d}-{letter}{ordinal}"
