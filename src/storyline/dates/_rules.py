"""Word tables and compiled patterns for the TIMEX3 tagger in `storyline.dates.timex`."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6,
    "sat": 6, "sunday": 7, "sun": 7,
}  # fmt: skip
NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a dozen": 12, "dozen": 12, "a couple of": 2, "couple of": 2, "a couple": 2,
    "half a": 0.5, "a half": 0.5, "half an": 0.5,
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
    "4th": 4, "final": 4, "last": 4,
}  # fmt: skip
# TimeML unit letters; time units are written after a "T" in durations.
UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
    "century": "CE", "centurie": "CE", "weekend": "WE", "yr": "Y",
}  # fmt: skip
TIME_UNITS = frozenset({"second", "minute", "hour"})
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip
DAY_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "noon": "12:00", "midday": "12:00", "midnight": "24:00",
}  # fmt: skip
REFS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "right now": "PRESENT_REF",
    "at present": "PRESENT_REF", "these days": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "the present": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
    "previously": "PAST_REF", "formerly": "PAST_REF", "the past": "PAST_REF",
    "recent": "PAST_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF",
    "soon": "FUTURE_REF", "the near future": "FUTURE_REF", "the coming": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "the long term": "FUTURE_REF",
}  # fmt: skip
# Fixed holidays as (month, day, 0); movable ones as (month, -ISO weekday, nth; -1 = last);
# Easter as (0, 0, 0).
HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "christmas day": (12, 25, 0), "christmas eve": (12, 24, 0), "christmas": (12, 25, 0),
    "new year's day": (1, 1, 0), "new year's eve": (12, 31, 0), "halloween": (10, 31, 0),
    "independence day": (7, 4, 0), "valentine's day": (2, 14, 0), "veterans day": (11, 11, 0),
    "thanksgiving day": (11, -4, 4), "thanksgiving": (11, -4, 4), "labor day": (9, -1, 1),
    "memorial day": (5, -1, -1), "easter sunday": (0, 0, 0), "easter": (0, 0, 0),
}  # fmt: skip
SETS: dict[str, str] = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P1Q",
    "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
}  # fmt: skip


def words(text: str) -> frozenset[str]:
    """Return the set of the space-separated words of `text`."""
    return frozenset(text.split())


def _alternation(words: object) -> str:
    """Return a regex alternation of `words`, longest first so that prefixes lose."""
    ordered = sorted((str(w) for w in words), key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _names(table: dict[str, int]) -> str:
    """Return a pattern for full names, and for abbreviations with an optional period."""
    full = [w for w in table if len(w) > 4 or w in ("may", "june", "july")]
    short = [w for w in table if w not in full]
    return rf"(?:{_alternation(full)}|(?:{_alternation(short)})\.?)"


MONTH = _names(MONTHS)
WEEKDAY = _names(WEEKDAYS)
_UNIT_WORDS = _alternation(["second", "minute", "hour", "day", "week", "fortnight", "month",
                            "quarter", "year", "yr", "decade", "centurie", "century"])  # fmt: skip
UNIT = rf"(?:{_UNIT_WORDS})s?"
_SMALL = "one|two|three|four|five|six|seven|eight|nine"
_WORD_NUMBER = (
    rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:{_SMALL}))?"
    rf"|{_alternation(k for k in NUMBERS if k not in ('a', 'an'))})"
)
NUMBER = (
    rf"(?:\d+(?:[.,]\d+)?(?:\s+1/2)?|{_WORD_NUMBER}(?:\s+and\s+a\s+half)?"
    r"|a|an|several|a\s+few|few|some|many|dozens\s+of|hundreds\s+of|thousands\s+of)"
)
APPROX = (
    r"(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|"
    r"fewer\s+than|at\s+least|at\s+most|up\s+to|just|only|barely|well\s+over|"
    r"the\s+better\s+part\s+of|as\s+many\s+as|as\s+much\s+as|as\s+long\s+as)"
)
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
SPELLED_YEAR = (
    rf"(?:nineteen|eighteen)[-\s](?:hundred|(?:{_TENS})(?:[-\s](?:{_SMALL}))?|{_TEENS})"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_SMALL}|{_TEENS}))?"
)
ZONE = r"(?:\s*(?P<paren>\()?(?P<zone>[ECMP][SD]T|GMT|UTC|local\s+time)(?(paren)\)))"
CLOCK = (
    r"(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b)|\d{1,2}:\d{2}"
    r"|noon|midday|midnight)"
)

Rule = tuple[str, "re.Pattern[str]"]
_FLAGS = re.IGNORECASE


def _rule(name: str, pattern: str) -> Rule:
    return name, re.compile(rf"(?<![\w$£€.-])(?:{pattern})(?![\w%])", _FLAGS)


# Rules in priority order: at equal length the earlier rule wins.
RULES: tuple[Rule, ...] = (
    _rule("iso", r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"),
    _rule("slash", r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)"),
    _rule(
        "mdy",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<mod>early|late|mid-?|last|this|next)\s+)?"
        rf"(?P<mon>{MONTH})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:1[89]|20)\d\d)(?!\d))?",
    ),
    _rule(
        "dmy",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<mon>{MONTH})(?:,?\s+(?P<y>(?:1[89]|20)\d\d)(?!\d))?",
    ),
    _rule(
        "month",
        rf"(?:(?P<rel>last|next|this|early|late|mid-?|earlier\s+this|later\s+this|"
        rf"the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of)\s*)?"
        rf"(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?(?:(?P<y>(?:1[89]|20)\d\d)(?!\d)|(?P<sy>{SPELLED_YEAR})"
        r"|(?:of\s+)?(?P<yrel>this|last|next)\s+year))?",
    ),
    _rule(
        "decade",
        r"(?:the\s+)?(?:(?P<mod>early|late|mid-?)\s*)?"
        r"(?:(?P<full>(?:1[89]|20)\d)0'?s|'(?P<short>\d)0s)",
    ),
    _rule(
        "year",
        rf"(?:(?P<mod>early|late|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
        r"the\s+middle\s+of|the\s+summer\s+of|the\s+spring\s+of|the\s+fall\s+of|"
        r"the\s+winter\s+of)\s*)?(?P<fy>(?:fiscal|calendar)\s+(?:year\s+)?|the\s+year\s+)?"
        rf"(?:(?P<y>(?:1[89]|20)\d\d)(?!\d|,\d)|(?P<sy>{SPELLED_YEAR}))",
    ),
    _rule(
        "quarter",
        r"(?:the\s+)?(?:(?:fiscal|latest|current|comparable|year-earlier|"
        r"year-ago|(?:1[89]|20)\d\d|(?:this|last|next)\s+year'?s)[-\s]+)*"
        r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last(?=[-\s]+half(?!\s+of\s+the\b)))[-\s]+"
        r"(?P<unit>quarter|half)(?:\s+of\s+(?:fiscal\s+)?(?:(?P<y>(?:19|20)\d\d)|"
        r"(?P<yrel>this|last|next)\s+year))?",
    ),
    _rule(
        # Financial shorthand, upper case only: "Q3", "3Q", "H1 2021", "Q4 '20", "FY2020".
        "quarter_code",
        r"(?-i:(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q|H(?P<h>[12]))(?:\s+(?:FY\s?)?(?P<y>(?:19|20)\d\d)"
        r"|\s+'(?P<yy>\d\d))?|FY\s?(?P<fy>(?:19|20)\d\d|'?\d\d))",
    ),
    _rule(
        "season",
        r"(?:(?P<rel>this\s+past|this|last|next|early|late|mid-?|the(?:\s+early|\s+late)?)\s+)?(?P<s>spring|summer|fall|autumn|"
        r"winter)(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d))?",
    ),
    _rule(
        "ago",
        rf"(?:{APPROX}\s+)?(?P<n>{NUMBER})[-\s]+(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?"
        r"\s+(?P<dir>ago|earlier|later|"
        r"before|after|from\s+now|hence|previously|back)",
    ),
    _rule(
        "relative",
        r"(?:(?P<pre>earlier|later|early|late|(?:at\s+)?the\s+end\s+of|the\s+beginning\s+of|"
        r"the\s+start\s+of|the\s+middle\s+of)\s+)?"
        r"(?P<rel>this|last|next|the\s+past|the\s+previous|the\s+coming|the\s+current|"
        r"the\s+latest|the\s+same|the\s+following|the\s+upcoming|this\s+past|the\s+last)\s+"
        r"(?P<unit>week|weekend|month|year|quarter|decade|century|fiscal\s+year|day)",
    ),
    _rule(
        "prefixed_unit",
        r"(?:(?P<pre>earlier|later|early|late|(?:at\s+)?the\s+end\s+of|"
        r"the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)\s+)?"
        r"(?P<rel>the)\s+(?:(?P<adj>full|fiscal|calendar|latest|current|same)\s+|"
        r"(?P<y>(?:19|20)\d\d)\s+(?=quarter|period))?"
        r"(?P<unit>week|weekend|month|year|quarter|day|period)(?P<ended>\s+(?:ended|ending|ends|to))?",
    ),
    _rule(
        "same_period",
        r"the\s+(?:same|corresponding|comparable)\s+(?P<unit>period|month|quarter)\s+(?:of\s+)?"
        r"(?:(?:the\s+)?(?:last|previous|prior)\s+year|a\s+year\s+(?:ago|earlier|before))",
    ),
    _rule(
        "same_unit",
        r"(?:the\s+)?(?:(?:comparable|corresponding)\s+)?(?P<unit>year)[-\s](?:earlier|ago)"
        r"(?:\s+(?:quarter|period|level|month))?|(?:around\s+)?(?P<end>year[-\s]end|year's\s+end)",
    ),
    _rule(
        "day",
        r"(?:(?P<pre>late|early|earlier|later)\s+)?(?P<w>today|tonight|yesterday|tomorrow|"
        r"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)"
        r"(?:\s+(?P<part>morning|afternoon|evening|night))?",
    ),
    _rule(
        "day_part",
        r"(?:(?P<pre>early|late|later|earlier|mid-?)\s*)?(?P<rel>this|last|the|that|tomorrow|"
        r"yesterday)\s+(?P<part>morning|afternoon|evening|night)|(?P<w>overnight|midnight|noon)",
    ),
    _rule(
        "weekday",
        rf"(?:(?P<rel>last|next|this|this\s+past|this\s+coming|late|early)\s+)?"
        rf"(?P<wd>{WEEKDAY})(?:,?\s+(?P<part>morning|afternoon|evening|night))?",
    ),
    _rule(
        "clock",
        rf"(?:(?:about|around|approximately|shortly\s+(?:before|after))\s+)?"
        rf"(?P<clock>{CLOCK}){ZONE}?|(?P<military>[0-2]\d[0-5]\d)\s*(?P<zone2>UTC|GMT)",
    ),
    _rule(
        "duration",
        rf"(?:(?P<det>the|a|an|each\s+of\s+the|the\s+last|the\s+past|the\s+next|"
        rf"the\s+first|the\s+previous|the\s+coming|the\s+latest|the\s+following|the\s+final|"
        rf"the\s+year-earlier|another|the\s+same|the\s+ensuing|the\s+remaining|"
        rf"the\s+past\s+few|the\s+last\s+few|the\s+next\s+few|recent|past|last|next|"
        rf"(?:{APPROX}))\s+)*(?:{NUMBER}\s+(?:to|or)\s+)?(?P<n>{NUMBER})(?:\s+and\s+a\s+half)?"
        rf"[-\s]+(?:(?:more|straight|consecutive|full|additional|trading|long|short)\s+)?"
        rf"(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?(?P<old>[-\s]old)?(?:\s+or\s+so)?",
    ),
    _rule(
        "vague_duration",
        r"(?:(?P<det>recent|coming|the\s+coming|the\s+past|the\s+last|"
        r"the\s+next|the\s+previous|several|many|the\s+first|the\s+early|the)\s+)?"
        r"(?P<unit>minutes|hours|days|weeks|months|years|decades|centuries)"
        r"(?:\s+(?:or|and)\s+(?:months|years|weeks|days|decades))?"
        r"(?:\s+(?P<ago>ago|ahead|to\s+come))?",
    ),
    _rule(
        "holiday",
        rf"(?:(?P<rel>last|next|this)\s+)?(?P<h>{_alternation(HOLIDAYS)})"
        r"(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d))?",
    ),
    _rule("set", r"(?P<w>daily|nightly|weekly|monthly|annually|yearly|hourly)"),
    _rule(
        "century",
        r"(?:the\s+)?(?:(?P<mod>early|late|mid-?)\s*)?(?P<n>\d{1,2})(?:st|nd|rd|th)[-\s]+century"
        rf"|the\s+(?P<dec>{_TENS.replace('ty', 'ties').replace('eighties', 'eighties')})",
    ),
    _rule(
        "every",
        rf"(?:every|each|per)\s+(?:(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})|(?P<unit>day|"
        r"week|month|quarter|year|hour|night|morning|evening|weekend))",
    ),
    _rule(
        "ref",
        r"(?P<w>right\s+now|now|currently|at\s+present|these\s+days|nowadays|the\s+present|"
        r"recently|lately|the\s+past|the\s+near\s+future|the\s+future|soon|"
        r"the\s+(?:near|short|long)\s+term)",
    ),
)

# Tense cues for resolving weekdays and bare months: the nearest cue in the clause wins.
FUTURE_CUES = words(
    "will 'll shall wo going gonna plans plan scheduled expected expects expect would "
    "upcoming planning next tomorrow intends intend due slated aims hopes seeks should might "
    "must can may be soon effective"
)
PAST_CUES = words(
    "said was were had did told met made took gave came went saw got left began spoke held "
    "won lost fell rose ran put sent sold bought paid brought thought found became announced "
    "reported ago last earlier yesterday been agreed called"
)
WORD = re.compile(r"[A-Za-z']+")
CLAUSE_BREAK = re.compile(r"[.!?;\n]|,\s+(?:but|while|and)\s")
