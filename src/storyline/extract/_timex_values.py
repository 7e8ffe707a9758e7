"""Turn a matched temporal expression into its TIMEX3 type and value."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from storyline.extract._timex_calendar import (
    PartialDate,
    duration_value,
    is_valid_day,
    nearest_year,
    quarter_of,
    shift_days,
    shift_months,
    week_value,
)
from storyline.extract._timex_rules import (
    DAY_PARTS,
    HOLIDAYS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    REFS,
    SEASONS,
    SETS,
    TIME_UNITS,
    UNITS,
    WEEKDAYS,
)

TypeValue = tuple[str, str]
SMALLER = {"Y": "M", "M": "D", "W": "D", "H": "M"}  # fractions of a unit, in the next one down
FACTOR = {"Y": 12, "M": 30, "W": 7, "H": 60}
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
BACKWARD = frozenset({"ago", "earlier", "before", "previously", "back"})
PREVIOUS = frozenset({"last", "the past", "the previous", "the last", "this past", "the latest"})
FOLLOWING = frozenset({"next", "the coming", "the upcoming", "the following"})
# "$5 a year", "twice a week": after these, "a <unit>" is a frequency, not a duration.
RATE_CONTEXT = re.compile(r"(?:\d|percent|%|times|twice|once|dollars|cents|million|billion)\W*$")


@dataclass(slots=True)
class Context:
    """What normalization may look at: the anchor, the text, the clause tense, the last date."""

    text: str
    dct: PartialDate | None
    tense: Callable[[int, int], str | None]
    last_date: PartialDate | None = None
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def day(self) -> date | None:
        """Return the anchor when it is a complete date."""
        return None if self.dct is None else self.dct.as_date()


def _key(word: str | None) -> str:
    return " ".join((word or "").lower().rstrip(".").split())


def parse_amount(words: str) -> float | None:
    """Return the number written in `words` (digits or English words), None when vague."""
    text = _key(words).replace("-", " ")
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
    parts = _key(words).replace("-", " ").replace(" and ", " ").split()
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


def _unit(word: str) -> str:
    singular = _key(word).replace(" ", "")
    return singular[:-1] if singular.endswith("s") and singular[:-1] in UNITS else singular


def _anchor_value(ctx: Context, unit: str, offset: int) -> str:
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


def _month_day(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    month = MONTHS[_key(m["mon"])]
    day = int(m["d"])
    year = int(m["y"]) if m["y"] else None
    if not is_valid_day(year, month, day):
        return None
    if year is None and ctx.day is not None:
        modifier = _key(m.groupdict().get("mod"))
        tense = {"last": "past", "next": "future"}.get(modifier) or ctx.tense(start, m.end())
        year = nearest_year(ctx.day, month, day, tense)
    result = PartialDate(year, month, day)
    ctx.last_date = result
    return "DATE", result.value()


def _month(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    month = MONTHS[_key(m["mon"])]
    written = int(m["y"]) if m["y"] else spelled_year(m["sy"]) if m["sy"] else None
    if written is not None:
        return "DATE", f"{written:04d}-{month:02d}"
    rel = _key(m["rel"])
    day = ctx.day
    if day is None:
        return "DATE", f"XXXX-{month:02d}"
    if m["yrel"]:
        offset = {"last": -1, "next": 1}.get(_key(m["yrel"]), 0)
        return "DATE", f"{day.year + offset:04d}-{month:02d}"
    if rel == "last":
        # "last February" said in March means the February of the year before.
        year = day.year if month < day.month - 1 else day.year - 1
    elif rel == "next":
        year = day.year if month > day.month else day.year + 1
    elif rel in ("this", "earlier this", "later this"):
        year = day.year
    else:
        year = nearest_year(day, month, None, ctx.tense(start, m.end()))
    return "DATE", f"{year:04d}-{month:02d}"


def _weekday(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    weekday = WEEKDAYS[_key(m["wd"])]
    part = DAY_PARTS.get(_key(m["part"]))
    suffix = f"T{part}" if part else ""
    kind = "TIME" if part else "DATE"
    day = ctx.day
    if day is None:
        return kind, f"XXXX-WXX-{weekday}{suffix}"
    rel = _key(m["rel"])
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
    word = _key(m["w"])
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
               "the day before yesterday": -2, "the day after tomorrow": 2}  # fmt: skip
    value = _anchor_value(ctx, "day", offsets[word])
    part = "NI" if word == "tonight" else DAY_PARTS.get(_key(m["part"]))
    if part:
        return "TIME", f"{value}T{part}"
    if ctx.dct is not None and ctx.dct.day is not None:
        ctx.last_date = shift_days(ctx.dct, offsets[word])
    return "DATE", value


def _day_part(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    word = _key(m["w"])
    if word:
        offset = -1 if word == "overnight" else 0
        return "TIME", f"{_anchor_value(ctx, 'day', offset)}T{DAY_PARTS[word]}"
    rel = _key(m["rel"])
    if rel == "that" and ctx.last_date is not None:
        value = ctx.last_date.value()
    else:
        offset = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0)
        value = _anchor_value(ctx, "day", offset)
    return "TIME", f"{value}T{DAY_PARTS[_key(m['part'])]}"


def _clock(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    clock = _key(m["clock"] or m["military"][:2] + ":" + m["military"][2:]).replace(" ", "")
    # Coordinated universal time is marked Z in TimeML; other zones are left implicit.
    zone = "Z" if _key(m["zone"] or m["zone2"]) in ("utc", "gmt") else ""
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
    mod = _key(m["mod"])
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


def _quarter(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    ordinal = ORDINALS[_key(m["ord"])]
    unit = _key(m["unit"])
    if unit == "half" and ordinal > 2:
        return None
    letter = "Q" if unit == "quarter" else "H"
    if m["y"]:
        return "DATE", f"{m['y']}-{letter}{ordinal}"
    day = ctx.day
    if day is None:
        return "DATE", f"XXXX-{letter}{ordinal}"
    if m["yrel"]:
        offset = {"last": -1, "next": 1}.get(_key(m["yrel"]), 0)
        return "DATE", f"{day.year + offset:04d}-{letter}{ordinal}"
    head = _key(m[0])
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


def _season(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    code = SEASONS[_key(m["s"])]
    if m["y"]:
        return "DATE", f"{m['y']}-{code}"
    day = ctx.day
    if day is None:
        return "DATE", f"XXXX-{code}"
    rel = _key(m["rel"])
    year = day.year
    if rel == "last":
        year -= 0 if SEASON_MONTH[code] + 2 < day.month else 1
    elif rel == "next":
        year += 0 if SEASON_MONTH[code] > day.month else 1
    return "DATE", f"{year:04d}-{code}"


def _quarter_context(ctx: Context, end: int) -> bool:
    """Return whether the sentence around `end` talks about a fiscal quarter."""
    window = ctx.text[max(0, end - 600) : end + 80].lower()
    return "quarter" in window


def _ago(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    amount = parse_amount(m["n"])
    unit = _unit(m["unit"])
    backward = _key(m["dir"]) in BACKWARD
    if amount is None or amount != int(amount):
        return "DATE", "PAST_REF" if backward else "FUTURE_REF"
    steps = int(amount) * (-1 if backward else 1)
    relative_to_text = _key(m["dir"]) not in ("ago", "from now", "hence")
    if unit in TIME_UNITS:
        return "TIME", _anchor_value(ctx, "day", 0)
    if unit == "day" and relative_to_text and ctx.last_date is not None:
        moved = shift_days(ctx.last_date, steps)
        if moved is not None:
            ctx.last_date = moved
            return "DATE", moved.value()
    if unit == "year" and ctx.day is not None and _quarter_context(ctx, m.end()):
        reference = ctx.day - timedelta(days=45)
        return "DATE", f"{reference.year + steps:04d}-Q{quarter_of(reference)}"
    if unit == "week" and ctx.day is not None:
        return "DATE", week_value(ctx.day + timedelta(weeks=steps))
    if unit == "day":
        return "DATE", _anchor_value(ctx, "day", steps)
    if unit == "month":
        return "DATE", _anchor_value(ctx, "month", steps)
    if unit in ("year", "yr", "decade", "century"):
        scale = {"decade": 10, "century": 100}.get(unit, 1)
        return "DATE", _anchor_value(ctx, "year", steps * scale)
    return "DATE", _anchor_value(ctx, unit, steps)


def _relative(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    rel = _key(m["rel"])
    unit = _key(m["unit"]).replace("fiscal year", "year")
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
    if unit == "quarter" and rel == "the latest":
        return _latest_quarter(ctx)
    return "DATE", _anchor_value(ctx, unit, offset)


def _latest_quarter(ctx: Context) -> TypeValue:
    """Return the quarter most recently reported on: the one that ended before the anchor."""
    if ctx.day is None:
        return "DATE", "XXXX-QX"
    reference = ctx.day - timedelta(days=45)
    return "DATE", f"{reference.year:04d}-Q{quarter_of(reference)}"


def _prefixed_unit(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    unit = _key(m["unit"])
    if m["ended"] and unit not in ("quarter", "period"):
        # "the year ended March 31" is a twelve-month period, not a calendar year.
        letter = UNITS.get(unit, "Q" if unit == "period" else "Y")
        return "DURATION", duration_value(1, letter, is_time=False)
    if unit in ("quarter", "period"):
        if m["y"]:  # "the 1988 period": the latest quarter's counterpart in that year
            latest = _latest_quarter(ctx)[1]
            return "DATE", m["y"] + latest[4:] if latest[:4].isdigit() else f"{m['y']}-QX"
        return _latest_quarter(ctx)
    if unit == "day":
        if ctx.last_date is not None:
            return "DATE", ctx.last_date.value()
        return "DATE", _anchor_value(ctx, "day", 0)
    if unit == "weekend" and ctx.day is not None:
        offset = -1 if ctx.day.isoweekday() < 5 and ctx.tense(start, m.end()) == "past" else 0
        return "DATE", _anchor_value(ctx, "weekend", offset)
    return "DATE", _anchor_value(ctx, unit, 0)


def _same_unit(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    if m["end"]:
        return "DATE", _anchor_value(ctx, "year", 0)
    if ctx.day is not None and _quarter_context(ctx, m.end()):
        reference = ctx.day - timedelta(days=45)
        return "DATE", f"{reference.year - 1:04d}-Q{quarter_of(reference)}"
    return "DATE", _anchor_value(ctx, "year", -1)


def _duration(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    unit = _unit(m["unit"])
    amount = parse_amount(m["n"])
    letter = UNITS.get(unit)
    if letter is None:
        return None
    if letter == "WE":
        letter, amount = "D", None if amount is None else amount * 2
    if amount is not None and amount != int(amount) and letter in SMALLER:
        # "2 1/2 years" is P2Y6M: TimeML durations have whole numbers of each unit.
        whole, smaller, factor = int(amount), SMALLER[letter], FACTOR[letter]
        parts = f"{whole}{letter}" if whole else ""
        value = f"{parts}{round((amount - whole) * factor)}{smaller}"
        return "DURATION", ("PT" if unit in TIME_UNITS else "P") + value
    if _key(m["n"]) in ("a", "an") and RATE_CONTEXT.search(ctx.text, 0, start):
        return "SET", duration_value(1, letter, is_time=unit in TIME_UNITS)
    if letter == "DE":
        letter, amount = "Y", None if amount is None else amount * 10
    elif letter == "CE":
        letter, amount = "Y", None if amount is None else amount * 100
    return "DURATION", duration_value(amount, letter, is_time=unit in TIME_UNITS)


def _vague_duration(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    unit = _unit(m["unit"])
    letter = {"DE": "DE", "CE": "CE"}.get(UNITS[unit], UNITS[unit])
    if _key(m["ago"]) == "ago" or (_key(m["det"]) == "recent" and unit == "year"):
        return "DATE", "PAST_REF"
    return "DURATION", duration_value(None, letter, is_time=unit in TIME_UNITS)


def _set(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    return "SET", SETS[_key(m["w"])]


def _every(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    if m["wd"]:
        return "SET", f"XXXX-WXX-{WEEKDAYS[_key(m['wd'])]}"
    if m["mon"]:
        return "SET", f"XXXX-{MONTHS[_key(m['mon'])]:02d}"
    unit = _key(m["unit"])
    if unit in DAY_PARTS:
        return "SET", f"XXXX-XX-XXT{DAY_PARTS[unit]}"
    letter = "D" if unit == "night" else "WE" if unit == "weekend" else UNITS[unit]
    return "SET", duration_value(1, letter, is_time=unit in TIME_UNITS)


def _ref(ctx: Context, m: re.Match[str], start: int) -> TypeValue | None:
    return "DATE", REFS[_key(m["w"])]


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
    name = _key(m["h"])
    if m["y"]:
        return "DATE", holiday_date(name, int(m["y"])).isoformat()
    day = ctx.day
    if day is None:
        month, fixed_day, _ = HOLIDAYS[name]
        return "DATE", f"XXXX-{month:02d}-{fixed_day:02d}" if fixed_day > 0 else "XXXX-XX-XX"
    rel = _key(m["rel"])
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
    return "DATE", f"19{tens[_key(m['dec'])]}"


NORMALIZERS: dict[str, Callable[[Context, re.Match[str], int], TypeValue | None]] = {
    "iso": _iso,
    "slash": _iso,
    "mdy": _month_day,
    "dmy": _month_day,
    "month": _month,
    "decade": _decade,
    "year": _year,
    "quarter": _quarter,
    "season": _season,
    "ago": _ago,
    "relative": _relative,
    "prefixed_unit": _prefixed_unit,
    "same_unit": _same_unit,
    "day": _day_word,
    "day_part": _day_part,
    "weekday": _weekday,
    "clock": _clock,
    "duration": _duration,
    "vague_duration": _vague_duration,
    "set": _set,
    "holiday": _holiday,
    "century": _century,
    "every": _every,
    "ref": _ref,
}
