"""Find rule matches fast: try each rule only next to the words that can anchor it.

Running every rule's regex over the whole text costs about 20 scans per document; instead one
tokenizing scan finds trigger words (month names, units, "today", clock times...), and only the
rules that such a word can anchor are tried, anchored at the few word starts just before it.
"""

from __future__ import annotations

import re

from storyline.dates._rules import (
    HOLIDAYS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    REFS,
    RULES,
    SETS,
    WEEKDAYS,
    words,
)

LOOKBACK_TOKENS = 5  # the longest rule prefix ("each of the past few") starts this many words back
LOOKBACK_CHARS = 50

Candidate = tuple[int, int, int, "re.Match[str]"]
_INDEX = {name: index for index, (name, _) in enumerate(RULES)}


def _family(*names: str) -> tuple[int, ...]:
    return tuple(sorted(_INDEX[n] for n in names))


MONTH_RULES = _family("mdy", "dmy", "month", "every")
WEEKDAY_RULES = _family("mdy", "dmy", "weekday", "every")
UNIT_RULES = _family(
    "day_part", "duration", "ago", "vague_duration", "relative", "prefixed_unit", "same_unit",
    "same_period", "quarter", "every", "day", "ref",
)  # fmt: skip
DAY_RULES = _family("day", "day_part")
PART_RULES = _family("day_part", "clock", "every", "weekday")
YEAR_RULES = _family("year", "decade", "iso", "quarter", "season", "mdy", "dmy", "month")

TRIGGERS: dict[str, tuple[int, ...]] = {}


def _add(word: str, rules: tuple[int, ...]) -> None:
    TRIGGERS[word] = tuple(sorted(set(TRIGGERS.get(word, ())) | set(rules)))


for _word in MONTHS:
    _add(_word, MONTH_RULES)
for _word in WEEKDAYS:
    _add(_word, WEEKDAY_RULES)
UNIT_WORDS = (
    "second seconds minute minutes hour hours day days night nights week weeks weekend "
    "weekends fortnight month months quarter quarters half year years yr yrs decade decades "
    "century centuries"
)
for _word in UNIT_WORDS.split():
    _add(_word, UNIT_RULES)
for _word in ("today", "tonight", "yesterday", "tomorrow"):
    _add(_word, DAY_RULES)
for _word in ("morning", "afternoon", "evening", "overnight", "noon", "midnight", "midday"):
    _add(_word, PART_RULES)
for _word in ("spring", "summer", "fall", "autumn", "winter"):
    _add(_word, _family("season", "year"))
for _phrase in REFS:
    _add(_phrase.split()[-1], _family("ref", "relative", "vague_duration"))
_add("term", _family("ref"))
for _word in SETS:
    _add(_word, _family("set"))
for _word in ("century", "centuries", "twenties", "thirties", "forties", "fifties", "sixties",
              "seventies", "eighties", "nineties"):  # fmt: skip
    _add(_word, _family("century"))
for _word in ("nineteen", "eighteen", "thousand"):
    _add(_word, _family("year", "month"))
_add("period", _family("prefixed_unit", "same_unit", "same_period"))
for _word in ("q", "h", "fy"):  # "Q3", "3Q", "H1", "FY2020"; the rule checks the case
    _add(_word, _family("quarter_code"))
for _name in HOLIDAYS:
    _add(_name.split()[0].removesuffix("'s"), _family("holiday"))

# Words a match can begin with; other words before a trigger are not tried as starts.
START_WORDS = frozenset(
    set(MONTHS)
    | set(WEEKDAYS)
    | set(ORDINALS)
    | {w.split()[0] for w in NUMBERS}
    | {p.split()[0] for p in REFS}
    | set(
        """
        the a an this that these last next early late mid earlier later at each every per
        recent coming past several many some few about around approximately roughly nearly
        almost more less fewer over under just only barely well as up in right fiscal calendar
        previous today tonight yesterday tomorrow shortly dozens hundreds thousands another its
        company their year twenty thirty forty fifty sixty seventy eighty ninety recently
        lately formerly previously currently now nowadays soon future half couple first second
        third fourth final quarter around comparable corresponding full nineteen eighteen
        """.split()  # noqa: SIM905 - a word list reads better as one paragraph
    )
)


_MONTH_DAY_STARTS = frozenset(WEEKDAYS) | {"the", "early", "late", "mid", "last", "this", "next"}
# The words each rule's match can begin with, besides its trigger; rules not listed take any
# of START_WORDS. Fewer starts to try is most of what makes the scan fast.
RULE_STARTS: dict[str, frozenset[str]] = {
    "iso": frozenset(),
    "slash": frozenset(),
    "set": frozenset(),
    "quarter_code": frozenset(),  # starts at its trigger, or at the digit of "3Q"
    "same_period": frozenset(["the"]),
    "mdy": _MONTH_DAY_STARTS,
    "dmy": _MONTH_DAY_STARTS,
    "month": frozenset(["last", "next", "this", "early", "late", "mid", "earlier", "later", "the"]),
    "decade": frozenset(["the", "early", "late", "mid"]),
    "year": frozenset(
        ["early", "late", "mid", "the", "fiscal", "calendar", "nineteen", "eighteen", "two"]
    ),
    "season": frozenset(["this", "last", "next", "early", "late", "mid", "the"]),
    "weekday": frozenset(["last", "next", "this", "late", "early"]),
    "day": frozenset(["late", "early", "earlier", "later", "the"]),
    "clock": frozenset(["about", "around", "approximately", "shortly"]),
    "every": frozenset(["every", "each", "per"]),
    "holiday": words("last next this"),
    "ref": frozenset(["right", "at", "these", "the"]),
    "same_unit": frozenset({"the", "around", "comparable", "corresponding"}),
    "century": frozenset({"the", "early", "late", "mid"}),
    "relative": words("earlier later early late at the this last next"),
    "prefixed_unit": words("earlier later early late at the"),
    "vague_duration": words("recent coming the several many"),
    "quarter": words(
        "the fiscal latest current comparable year this last next first second third fourth "
        "final 1st 2nd 3rd 4th"
    ),
    "day_part": frozenset(
        [
            "early",
            "late",
            "later",
            "earlier",
            "mid",
            "this",
            "last",
            "the",
            "that",
            "tomorrow",
            "yesterday",
        ]
    ),
}
_PATTERNS = tuple(pattern for _, pattern in RULES)
_STARTS_BY_INDEX = tuple(RULE_STARTS.get(name) for name, _ in RULES)


# Only numbers that can anchor a rule: four digits, or one or two before ":", "/" or "a.m.".
NUMBER_TOKEN = re.compile(r"\d{4}|\d{1,2}(?=[:/]|\s*[ap]\.?m)|'\d0s", re.IGNORECASE)
MILITARY_ZONE = re.compile(r"\s*\(?(?:UTC|GMT)\b")
CLOCK_AFTER = re.compile(r":\d\d|\s*[ap]\.?m\b", re.IGNORECASE)
PREVIOUS = re.compile(r"[A-Za-z]+|\d+")
NON_LETTERS = {code: " " for code in range(128) if not chr(code).isalpha()}
# Month, weekday and holiday names count only capitalized: "Mon" finds "Monday", not "money".
_CAPITALIZED = (
    frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | {name.split()[0].removesuffix("'s") for name in HOLIDAYS}
)
# A literal first character lets the regex engine skip ahead fast; the left word boundary is
# checked by hand for the few hits.
WORD_PATTERNS = {
    word: re.compile(
        (word.capitalize() if word in _CAPITALIZED else word) + r"(?![a-z])",
    )
    for word in TRIGGERS
}


def _number_rules(text: str, start: int, end: int) -> tuple[int, ...]:
    """Return the rules a number can anchor: years, decades, clock times, numeric dates."""
    if text[start] == "'":
        return _family("decade")
    size = end - start
    after = text[end : end + 1]
    if size == 4 and MILITARY_ZONE.match(text, end):
        return _family("clock")
    if size == 4 and text[start : start + 2] in ("18", "19", "20"):
        return _family("iso", "year") if after == "-" else YEAR_RULES
    if size <= 2 and after == "/":
        return _family("slash")
    if size <= 2 and CLOCK_AFTER.match(text, end):
        return _family("clock", "weekday")
    return ()


def _triggers(text: str) -> list[tuple[int, int, tuple[int, ...]]]:
    """Return (start, end, rules) for each trigger word or number, in no particular order."""
    lower = text.lower()
    found: list[tuple[int, int, tuple[int, ...]]] = []
    # Finding which trigger words occur, then searching for just those, is far cheaper than
    # one big alternation over the text or a Python loop over all its words.
    for word in set(lower.translate(NON_LETTERS).split()).intersection(TRIGGERS):
        rules = TRIGGERS[word]
        haystack = text if word in _CAPITALIZED else lower
        for match in WORD_PATTERNS[word].finditer(haystack):
            at = match.start()
            if at == 0 or not haystack[at - 1].isalpha():
                found.append((at, match.end(), rules))
    for match in NUMBER_TOKEN.finditer(text):
        start, end = match.span()
        if text[start - 1 : start].isdigit() or text[end : end + 1].isdigit():
            continue  # part of a longer number
        rules = _number_rules(text, start, end)
        if rules:
            found.append((start, end, rules))
    return found


def scan(text: str) -> list[Candidate]:
    """Return (start, end, rule index, match) for every rule match around a trigger word."""
    seen: set[int] = set()
    found: list[Candidate] = []
    for start, end, rules in sorted(_triggers(text)):
        before = []
        for previous in PREVIOUS.finditer(text, max(0, start - LOOKBACK_CHARS), start):
            word = previous[0].lower()
            if word in START_WORDS or word[0].isdigit():
                before.append((previous.start(), word))
        del before[:-LOOKBACK_TOKENS]
        for rule in rules:
            allowed = _STARTS_BY_INDEX[rule]
            if allowed is None:
                starts = [at for at, _ in before]
            else:
                starts = [at for at, w in before if w in allowed or w[0].isdigit()]
            starts.append(start)
            pattern = _PATTERNS[rule]
            for position in starts:
                key = position * 64 + rule  # cheaper to hash than a tuple
                if key in seen:
                    continue
                seen.add(key)
                match = pattern.match(text, position)
                if match is not None and match.end() >= end:
                    found.append((position, match.end(), rule, match))
    return found
