"""Turn a matched calendar expression (date, time, weekday, quarter...) into its TIMEX3 value."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from storyline.dates import _durations as durations
from storyline.dates import _fiscal as fiscal
from storyline.dates._calendar import (
    PartialDate,
    duration_value,
    is_valid_day,
    nearest_year,
    quarter_of,
    shift_days,
    shift_months,
    week_value,
)
from storyline.dates._context import (
    Context,
    TypeValue,
    anchor_value,
    key,
    parse_amount,
    spelled_year,
    unit_name,
)
from storyline.dates._rules import (
    DAY_PARTS,
    HOLIDAYS,
    MONTHS,
    SEASONS,
    TIME_UNITS,
    UNITS,
    WEEKDAYS,
)

SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
BACKWARD = frozenset({"ago", "earlier", "before", "previously", "back"})
PREVIOUS = frozenset({"last", "the past", "the previous", "the last", "this past", "the latest"})
ANAPHORIC = frozenset({"the previous", "the following"})
FOLLOWING = frozenset({"next", "the coming", "the upcoming", "the following"})


def _month_day(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    month = MONTHS[key(m["mon"])]
    day = int(m["d"])
    year = int(m["y"]) if m["y"] else None
    if not is_valid_day(year, month, day):
        return None
    if year is None and ctx.day is not None:
        modifier = key(m.groupdict().get("mod"))
        tense = {"last": "past", "next": "future"}.get(modifier) or ctx.tense(start, m.end())
        # With no cue, lean to the past (only reaches dates 2-6 months ahead, see nearest_year).
        tense = tense or "past"
        year = nearest_year(ctx.day, month, day, tense)
    result = PartialDate(year, month, day)
    ctx.last_date = result
    return "DATE", result.value()


def _month(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    month = MONTHS[key(m["mon"])]
    written = int(m["y"]) if m["y"] else spelled_year(m["sy"]) if m["sy"] else None
    if written is not None:
        return "DATE", f"{written:04d}-{month:02d}"
    rel = key(m["rel"])
    day = ctx.day
    if day is None:
        return "DATE", f"XXXX-{month:02d}"
    if m["yrel"]:
        offset = {"last": -1, "next": 1}.get(key(m["yrel"]), 0)
        return "DATE", f"{day.year + offset:04d}-{month:02d}"
    if rel == "last":
        # "last February" said in March means the February of the year before.
        year = day.year if month < day.month - 1 else day.year - 1
    elif rel == "next":
        year = day.year if month > day.month else day.year + 1
    elif rel in ("this", "earlier this", "later this"):
        year = day.year
    else:
        # No tense cue: news mostly reports, so a bare month leans to the past one.
        year = nearest_year(day, month, None, ctx.tense(start, m.end()) or "past")
    return "DATE", f"{year:04d}-{month:02d}"


def _weekday(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    weekday = WEEKDAYS[key(m["wd"])]
    part = DAY_PARTS.get(key(m["part"]))
    suffix = f"T{part}" if part else ""
    kind = "TIME" if part else "DATE"
    day = ctx.day
    if day is None:
        return kind, f"XXXX-WXX-{weekday}{suffix}"
    rel = key(m["rel"])
    delta = weekday - day.isoweekday()  # -6..6
    # "Wednesday's ruling": a possessive weekday names an event already known, so no tense.
    possessive = ctx.text.startswith("'s", m.end())
    tense = None if possessive else ctx.tense(start, m.end())
    if rel in ("last", "this past"):
        offset = delta - 7 if delta >= 0 else delta
    elif rel in ("next", "this coming"):
        offset = delta + 7 if delta <= 0 else delta
    elif tense == "future":
        offset = delta + 7 if delta < 0 else delta
    elif tense == "past" or delta <= 0:
        offset = delta - 7 if delta > 0 else delta
    else:
        # No tense cue: news mostly reports what happened, so only the next few days go forward.
        offset = delta if delta <= 2 else delta - 7
    result = PartialDate.of(day + timedelta(days=offset))
    ctx.last_date = result
    return kind, result.value() + suffix


def _day_word(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    word = key(m["w"])
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
               "the day before yesterday": -2, "the day after tomorrow": 2}  # fmt: skip
    value = anchor_value(ctx, "day", offsets[word])
    part = "NI" if word == "tonight" else DAY_PARTS.get(key(m["part"]))
    if part:
        return "TIME", f"{value}T{part}"
    if ctx.dct is not None and ctx.dct.day is not None:
        ctx.last_date = shift_days(ctx.dct, offsets[word])
    return "DATE", value


def _day_part(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    word = key(m["w"])
    if word:
        offset = -1 if word == "overnight" else 0
        return "TIME", f"{anchor_value(ctx, 'day', offset)}T{DAY_PARTS[word]}"
    rel = key(m["rel"])
    if rel == "that" and ctx.last_date is not None:
        value = ctx.last_date.value()
    else:
        offset = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0)
        value = anchor_value(ctx, "day", offset)
    return "TIME", f"{value}T{DAY_PARTS[key(m['part'])]}"


def _clock(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    clock = key(m["clock"] or m["military"][:2] + ":" + m["military"][2:]).replace(" ", "")
    # Coordinated universal time is marked Z in TimeML; other zones are left implicit.
    zone = "Z" if key(m["zone"] or m["zone2"]) in ("utc", "gmt") else ""
    if clock in DAY_PARTS:
        hours, minutes = DAY_PARTS[clock].split(":")
    else:
        digits = re.match(r"(\d{1,2})(?::(\d{2}))?", clock)
        if digits is None:
            return None
        hour, minutes = int(digits[1]), digits[2] or "00"
        if "p" in clock and hour < 12:
            hour += 12
        elif "a" in clock and hour == 12:
            hour = 0
        if hour > 24 or int(minutes) > 59:
            return None
        hours = f"{hour:02d}"
    anchor = ctx.last_date if ctx.last_date is not None else ctx.dct
    day = "XXXX-XX-XX" if anchor is None or anchor.day is None else anchor.value()
    return "TIME", f"{day}T{hours}:{minutes}{zone}"


def _year(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    mod = key(m["mod"])
    season = mod.split()[1] if mod.startswith("the ") and mod.split()[1] in SEASONS else ""
    year = m["y"] or str(spelled_year(m["sy"]) or "")
    if not year:
        return None
    if season:
        return "DATE", f"{year}-{SEASONS[season]}"
    return "DATE", year


def _decade(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    if m["full"]:
        return "DATE", m["full"]
    return "DATE", ("19" if int(m["short"]) >= 3 else "20") + m["short"]


def _season(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    code = SEASONS[key(m["s"])]
    if m["y"]:
        return "DATE", f"{m['y']}-{code}"
    day = ctx.day
    if day is None:
        return "DATE", f"XXXX-{code}"
    rel = key(m["rel"])
    year = day.year
    if rel == "last":
        year -= 0 if SEASON_MONTH[code] + 2 < day.month else 1
    elif rel == "next":
        year += 0 if SEASON_MONTH[code] > day.month else 1
    return "DATE", f"{year:04d}-{code}"


def _ago(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    amount = parse_amount(m["n"])
    if amount is not None and m["half"]:
        amount += 0.5  # "a year and a half ago"
    unit = unit_name(m["unit"])
    backward = key(m["dir"]) in BACKWARD
    if amount is None or amount != int(amount):
        return "DATE", "PAST_REF" if backward else "FUTURE_REF"
    steps = int(amount) * (-1 if backward else 1)
    relative_to_text = key(m["dir"]) not in ("ago", "from now", "hence")
    if unit in TIME_UNITS:
        return "TIME", anchor_value(ctx, "day", 0)
    if unit == "day" and relative_to_text and ctx.last_date is not None:
        moved = shift_days(ctx.last_date, steps)
        if moved is not None:
            ctx.last_date = moved
            return "DATE", moved.value()
    if unit == "year" and ctx.day is not None and fiscal.is_quarter_context(ctx, m.end()):
        reference = ctx.day - timedelta(days=45)
        return "DATE", f"{reference.year + steps:04d}-Q{quarter_of(reference)}"
    if unit == "week" and ctx.day is not None:
        return "DATE", week_value(ctx.day + timedelta(weeks=steps))
    if unit == "day":
        return "DATE", anchor_value(ctx, "day", steps)
    if unit == "month":
        return "DATE", anchor_value(ctx, "month", steps)
    if unit in ("year", "yr", "decade", "century"):
        scale = {"decade": 10, "century": 100}.get(unit, 1)
        return "DATE", anchor_value(ctx, "year", steps * scale)
    return "DATE", anchor_value(ctx, unit, steps)


def _relative(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    rel = key(m["rel"])
    unit = key(m["unit"]).replace("fiscal year", "year")
    if unit == "day":
        offset = {"the previous": -1, "the next": 1, "the following": 1}.get(rel)
        if rel == "the same":
            offset = 0
        if offset is None:
            return None
        anchor = ctx.last_date if ctx.last_date is not None else ctx.dct
        moved = None if anchor is None else shift_days(anchor, offset)
        return "DATE", "XXXX-XX-XX" if moved is None else moved.value()
    offset = -1 if rel in PREVIOUS else 1 if rel in FOLLOWING else 0
    if rel in ANAPHORIC and unit in ("year", "month") and ctx.last_period is not None:
        # "In 1995 ... the following year": counted from the period last mentioned.
        year, rest = int(ctx.last_period[:4]), ctx.last_period[5:]
        if unit == "year":
            return "DATE", f"{year + offset:04d}"
        if rest.isdigit():
            y, mo = shift_months(year, int(rest), offset)
            return "DATE", f"{y:04d}-{mo:02d}"
    if unit == "quarter" and rel == "the latest":
        return fiscal.latest_quarter(ctx)
    return "DATE", anchor_value(ctx, unit, offset)


def _prefixed_unit(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    unit = key(m["unit"])
    if m["ended"] and unit not in ("quarter", "period"):
        # "the year ended March 31" is a twelve-month period, not a calendar year.
        letter = UNITS.get(unit, "Q" if unit == "period" else "Y")
        return "DURATION", duration_value(1, letter, is_time=False)
    if unit in ("quarter", "period"):
        if m["y"]:  # "the 1988 period": the latest quarter's counterpart in that year
            latest = fiscal.latest_quarter(ctx)[1]
            return "DATE", m["y"] + latest[4:] if latest[:4].isdigit() else f"{m['y']}-QX"
        return fiscal.latest_quarter(ctx)
    if unit == "day":
        if ctx.last_date is not None:
            return "DATE", ctx.last_date.value()
        return "DATE", anchor_value(ctx, "day", 0)
    if unit == "weekend" and ctx.day is not None:
        offset = -1 if ctx.day.isoweekday() < 5 and ctx.tense(start, m.end()) == "past" else 0
        return "DATE", anchor_value(ctx, "weekend", offset)
    return "DATE", anchor_value(ctx, unit, 0)


def _iso(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    year = int(m["y"])
    if len(m["y"]) == 2:
        year += 1900 if year >= 50 else 2000
    month, day = int(m["m"]), int(m["d"])
    if not 1 <= month <= 12 or not is_valid_day(year, month, day):
        return None
    ctx.last_date = PartialDate(year, month, day)
    return "DATE", ctx.last_date.value()


def holiday_date(name: str, year: int) -> date:
    """Return the date of a holiday in `year` (Easter by the Gregorian computus)."""
    month, day, nth = HOLIDAYS[name]
    if month == 0:
        a, b, c = year % 19, year // 100, year % 100
        d, e = divmod(b, 4)
        g = (b - (b + 8) // 25 + 1) // 3
        h = (19 * a + b - d - g + 15) % 30
        i, k = divmod(c, 4)
        leap = (32 + 2 * e + 2 * i - h - k) % 7
        m = (a + 11 * h + 22 * leap) // 451
        month, day = divmod(h + leap - 7 * m + 114, 31)
        return date(year, month, day + 1)
    if day > 0:
        return date(year, month, day)
    weekday = -day
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def _holiday(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    name = key(m["h"])
    if m["y"]:
        return "DATE", holiday_date(name, int(m["y"])).isoformat()
    day = ctx.day
    if day is None:
        month, fixed_day, _ = HOLIDAYS[name]
        return "DATE", f"XXXX-{month:02d}-{fixed_day:02d}" if fixed_day > 0 else "XXXX-XX-XX"
    rel = key(m["rel"])
    tense = {"last": "past", "next": "future"}.get(rel) or ctx.tense(start, m.end())
    options = [holiday_date(name, y) for y in (day.year - 1, day.year, day.year + 1)]
    if tense == "past":
        options = [o for o in options if o <= day] or options
    elif tense == "future":
        options = [o for o in options if o >= day] or options
    found = min(options, key=lambda o: abs((o - day).days))
    ctx.last_date = PartialDate.of(found)
    return "DATE", found.isoformat()


def _century(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    if m["n"]:
        return "DATE", f"{int(m['n']) - 1:02d}"
    tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
            "seventies": 7, "eighties": 8, "nineties": 9}  # fmt: skip
    return "DATE", f"19{tens[key(m['dec'])]}"


NORMALIZERS: dict[str, Callable[[Context, re.Match[str], int], TypeValue | None]] = {
    "iso": _iso,
    "slash": _iso,
    "mdy": _month_day,
    "dmy": _month_day,
    "month": _month,
    "decade": _decade,
    "year": _year,
    "quarter": fiscal.quarter,
    "quarter_code": fiscal.quarter_code,
    "season": _season,
    "ago": _ago,
    "relative": _relative,
    "prefixed_unit": _prefixed_unit,
    "same_unit": fiscal.same_unit,
    "same_period": fiscal.same_period,
    "day": _day_word,
    "day_part": _day_part,
    "weekday": _weekday,
    "clock": _clock,
    "duration": durations.duration,
    "vague_duration": durations.vague_duration,
    "set": durations.set,
    "holiday": _holiday,
    "century": _century,
    "every": durations.every,
    "ref": durations.ref,
}
