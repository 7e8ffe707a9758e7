"""Normalize durations, frequencies (TimeML SETs) and vague references to TIMEX3 values."""

from __future__ import annotations

import re

from storyline.dates._calendar import duration_value
from storyline.dates._context import Context, TypeValue, key, parse_amount, unit_name
from storyline.dates._rules import (
    DAY_PARTS,
    MONTHS,
    REFS,
    SETS,
    TIME_UNITS,
    UNITS,
    WEEKDAYS,
)

SMALLER = {"Y": "M", "M": "D", "W": "D"}  # fractions of a unit, in the next one down
FACTOR = {"Y": 12, "M": 30, "W": 7}
SMALLER_TIME = {"H": "M", "M": "S"}  # an hour is 60 minutes, a minute 60 seconds
FACTOR_TIME = {"H": 60, "M": 60}
# "$5 a year", "twice a week": after these, "a <unit>" is a frequency, not a duration.
RATE_CONTEXT = re.compile(r"(?:\d|percent|%|times|twice|once|dollars|cents|million|billion)\W*$")
RATE_WINDOW = 80  # characters before "a year" that RATE_CONTEXT reads: never the whole text


def duration(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    unit = unit_name(m["unit"])
    amount = parse_amount(m["n"])
    letter = UNITS.get(unit)
    if letter is None:
        return None
    if letter == "WE":
        letter, amount = "D", None if amount is None else amount * 2
    if amount is not None and m["half"]:
        amount += 0.5  # "a minute and a half"
    is_time = unit in TIME_UNITS
    smaller_units, factors = (SMALLER_TIME, FACTOR_TIME) if is_time else (SMALLER, FACTOR)
    if amount is not None and amount != int(amount) and letter in smaller_units:
        # "2 1/2 years" is P2Y6M: TimeML durations have whole numbers of each unit.
        whole, smaller, factor = int(amount), smaller_units[letter], factors[letter]
        parts = f"{whole}{letter}" if whole else ""
        value = f"{parts}{round((amount - whole) * factor)}{smaller}"
        return "DURATION", ("PT" if unit in TIME_UNITS else "P") + value
    if key(m["n"]) in ("a", "an") and RATE_CONTEXT.search(
        ctx.text, max(0, start - RATE_WINDOW), start
    ):
        return "SET", duration_value(1, letter, is_time=unit in TIME_UNITS)
    if letter == "DE":
        letter, amount = "Y", None if amount is None else amount * 10
    elif letter == "CE":
        letter, amount = "Y", None if amount is None else amount * 100
    return "DURATION", duration_value(amount, letter, is_time=unit in TIME_UNITS)


def vague_duration(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    unit = unit_name(m["unit"])
    letter = {"DE": "DE", "CE": "CE"}.get(UNITS[unit], UNITS[unit])
    if key(m["ago"]) == "ago" or (key(m["det"]) == "recent" and unit == "year"):
        return "DATE", "PAST_REF"
    return "DURATION", duration_value(None, letter, is_time=unit in TIME_UNITS)


def set(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    return "SET", SETS[key(m["w"])]


def every(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    if m["wd"]:
        return "SET", f"XXXX-WXX-{WEEKDAYS[key(m['wd'])]}"
    if m["mon"]:
        return "SET", f"XXXX-{MONTHS[key(m['mon'])]:02d}"
    unit = key(m["unit"])
    if unit in DAY_PARTS:
        return "SET", f"XXXX-XX-XXT{DAY_PARTS[unit]}"
    letter = "D" if unit == "night" else "WE" if unit == "weekend" else UNITS[unit]
    return "SET", duration_value(1, letter, is_time=unit in TIME_UNITS)


def ref(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    return "DATE", REFS[key(m["w"])]
