"""Temporal expressions in text, found and normalized to TimeML TIMEX3 values."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeAlias

from storyline.dates._calendar import PartialDate
from storyline.dates._context import Context
from storyline.dates._rules import (
    CLAUSE_BREAK,
    FUTURE_CUES,
    MONTHS,
    PAST_CUES,
    RULES,
    WORD,
    words,
)
from storyline.dates._scan import Candidate, scan
from storyline.dates._values import NORMALIZERS

TimexType: TypeAlias = Literal["DATE", "TIME", "DURATION", "SET"]
Tense: TypeAlias = Literal["past", "future"]

# A bare "May" is a month only after words like these ("in May", "since May").
MAY_CONTEXT = frozenset(
    [
        "in",
        "of",
        "since",
        "until",
        "till",
        "by",
        "through",
        "from",
        "during",
        "before",
        "after",
        "early",
        "late",
        "mid",
        "last",
        "next",
        "this",
        "that",
        "each",
        "every",
        "until",
    ]
)
# Words after which a lowercase unit word starts a real duration ("for years", "in weeks").
VAGUE_CONTEXT = frozenset(
    [
        "for",
        "in",
        "over",
        "within",
        "after",
        "than",
        "took",
        "take",
        "takes",
        "taking",
        "lasted",
        "lasting",
        "spent",
    ]
)
DETERMINERS = words("the a an its their his her our this that these those")
DEADLINE_WORDS = frozenset({"by", "until", "till", "through"})
PLANNED = frozenset({"due", "scheduled", "expected", "slated", "set", "supposed"})
PAST_AUXILIARIES = frozenset({"was", "were", "had", "been"})
# A bare season name is a date only after these ("in spring", not "spring break").
SEASON_CONTEXT = frozenset(["in", "during", "by", "until", "since", "through", "before", "after"])
# Words before which "daily", "weekly" are adjectives ("the daily tally"), not frequencies.
ATTRIBUTIVE = frozenset(
    ["the", "its", "a", "an", "their", "his", "her", "our", "average", "initial", "first"]
)
WINDOW_CHARS = 160  # the clause search for tense cues looks this far either side
ADJECTIVAL = re.compile(r"((?:a|an|the)\s+)(?:[\w']+[\s-]+)*?[\w.]+-\w+$", re.IGNORECASE)
ANAPHORIC_DAY = re.compile(
    r"\s+(?:before|after|that|when|of|which|on|he|she|they|it|we|i)\b", re.IGNORECASE
)
GAP_TIME_DATE = re.compile(r"\s*,?\s*")
PERIOD_VALUE = re.compile(r"\d{4}(?:-(?:\d\d|Q\d|H\d)(?!\d))?")
DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)$")


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression: character span, surface text, TIMEX3 type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str


def clause_tense(text: str, start: int, end: int) -> Tense | None:
    """Return the tense of the clause around text[start:end] from its nearest verb cue."""
    left = max(0, start - WINDOW_CHARS)
    breaks = [b.end() for b in CLAUSE_BREAK.finditer(text, left, start)]
    left = breaks[-1] if breaks else left
    right_break = CLAUSE_BREAK.search(text, end, end + WINDOW_CHARS)
    right = right_break.start() if right_break else min(len(text), end + WINDOW_CHARS)
    before = WORD.findall(text, left, start)
    after = WORD.findall(text, end, right)
    # A "that" after the expression opens a reported clause with its own tense.
    lowered = [w.lower() for w in after]
    if "that" in lowered:
        after = after[: lowered.index("that")]
    words = before + after
    best: tuple[int, Tense] | None = None
    perfect = False
    for index, word in enumerate(words):
        lower = word.lower()
        if index and words[index - 1].lower() in DETERMINERS:
            continue  # "the plan", "its expected sale": a noun or adjective, not a verb
        tense: Tense | None = None
        # "set to", "is to", "are to" announce what is planned.
        is_set_to = (
            lower in ("set", "is", "are")
            and index + 1 < len(words)
            and words[index + 1] == "to"
            and index + 1 != len(before)
        )
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        if lower in ("plan", "plans") and following != "to":
            continue  # "vacation plans", "the plan for": a noun, not "plans to"
        if lower in FUTURE_CUES or lower.endswith("'ll") or is_set_to:
            tense = "future"
            # "had been due to", "was scheduled to": plans made in the past, for the past.
            auxiliaries = {w.lower() for w in words[max(0, index - 2) : index]}
            if lower in PLANNED and auxiliaries & PAST_AUXILIARIES:
                tense = "past"
        elif lower in PAST_CUES or (lower.endswith("ed") and len(lower) > 4 and word.islower()):
            if following == "by" and lower not in PAST_CUES:
                continue  # "the summit organized by Biden": a participle, not the clause's verb
            # "to be held", "will be completed": a passive participle after "be" is not past.
            previous = words[index - 1].lower() if index else ""
            tense = "future" if previous in ("be", "being") else "past"
        if tense is None:
            continue
        distance = len(before) - index if index < len(before) else index - len(before) + 1
        if best is None or distance < best[0]:
            best = (distance, tense)
            perfect = lower == "had" or (index > 0 and words[index - 1].lower() == "had")
    # "by February", "until Friday": a deadline, usually ahead, unless the clause is in the
    # past perfect ("by Wednesday, members had filed"), which puts the deadline behind.
    deadline = bool(before) and before[-1].lower() in DEADLINE_WORDS
    if deadline and not perfect and (best is None or best[0] > 1):
        return "future"
    return None if best is None else best[1]


def _capitalized(word: str | None) -> bool:
    return bool(word) and word[0].isupper()  # type: ignore[index]


def _previous_word(text: str, start: int) -> str:
    words = WORD.findall(text, max(0, start - 20), start)
    return words[-1].lower() if words else ""


def is_plausible(name: str, match: re.Match[str], text: str) -> bool:
    """Return whether a rule's match is a temporal expression and not a homograph."""
    groups = match.groupdict()
    month = groups.get("mon")
    if month is not None:
        if not _capitalized(month):
            return False
        bare = name == "month" and not groups.get("y") and not groups.get("rel")
        key = month.lower().rstrip(".")
        if bare and key == "may" and _previous_word(text, match.start()) not in MAY_CONTEXT:
            return False
        if bare and len(key) <= 4 and key != "june" and key != "july" and not month.endswith("."):
            return key in ("may",) and month == "May"
    weekday = groups.get("wd")
    if weekday is not None:
        if not _capitalized(weekday):
            return False
        if name == "weekday" and len(weekday.rstrip(".")) <= 4 and not weekday.endswith("."):
            return False
    if name == "year":
        after = text[match.end() : match.end() + 12].lower()
        if after.lstrip().startswith(("%", "percent", "-")) or int(match["y"] or 0) > 2100:
            return False
    if name == "ago" and match["dir"].lower() in ("before", "after", "earlier", "later"):
        # "two years after the war", "a day earlier than planned": a duration and a preposition.
        following = text[match.end() : match.end() + 6]
        if re.match(r"\s+(?:than\b|[A-Za-z])", following):
            return False
    if name == "duration":
        after = text[match.end() : match.end() + 4]
        if groups.get("old"):
            return False  # "52 years old", "a 6-year-old": ages are not temporal expressions
        if re.fullmatch(r"(?:1[89]|20)\d\d", match["n"]):
            return False  # "the 1988 quarter" is a year, not 1,988 quarters
        if groups["unit"].lower().startswith("quarter") and after.startswith(" of"):
            return False  # "three quarters of its food" is a fraction
        determiner = (groups.get("det") or "").split()
        if (
            determiner
            and determiner[-1].lower() in ("another", "the", "a", "an")
            and match["n"].lower() in ("a", "an")
        ):
            return False  # "another a day later": the determiner belongs to something else
    if (
        name == "ref"
        and match["w"].lower() == "soon"
        and _previous_word(text, match.start()) == "as"
    ):
        return False  # "as soon as possible" is a conjunction
    if bare_month_of_event(name, groups, text, match.end()):
        return False
    if name == "ref" and text[match.end() : match.end() + 1] == "-":
        return False  # "the now-cancelled deal", "the soon-to-open terminal"
    if name == "season" and not groups.get("rel") and not groups.get("y"):
        return _previous_word(text, match.start()) in SEASON_CONTEXT
    if name == "holiday" and not match["h"][0].isupper():
        return False
    if name == "prefixed_unit" and match[0].lower() == "the day":
        # "the day before the attack", "the day he left" point elsewhere; "on the day" is today.
        return not ANAPHORIC_DAY.match(text, match.end())
    if name == "set" and _previous_word(text, match.start()) in ATTRIBUTIVE:
        return False  # "its daily volume": an adjective, not a frequency
    if name == "vague_duration" and not groups.get("det"):
        return _previous_word(text, match.start()) in VAGUE_CONTEXT
    if name == "duration" and groups.get("unit", "").lower().startswith("second"):
        return match["n"].lower() not in ("a", "an")
    return not (name == "ref" and match["w"].lower() == "future" and not match[0].islower())


def bare_month_of_event(name: str, groups: dict[str, str | None], text: str, end: int) -> bool:
    """Return whether a bare month name heads a proper name ("the March for Life")."""
    if name != "month" or groups.get("y") or groups.get("rel") or groups.get("yrel"):
        return False
    return text.startswith((" for ", " of the "), end)


def _candidates(text: str, *, exhaustive: bool = False) -> list[Candidate]:
    """Return the plausible rule matches; `exhaustive` runs every rule over all the text."""
    if exhaustive:
        found = [
            (match.start(), match.end(), index, match)
            for index, (_, pattern) in enumerate(RULES)
            for match in pattern.finditer(text)
        ]
    else:
        found = scan(text)
    return [c for c in found if c[1] > c[0] and is_plausible(RULES[c[2]][0], c[3], text)]


def _select(found: list[Candidate]) -> list[tuple[int, re.Match[str]]]:
    """Keep the longest non-overlapping matches; at equal length the earlier rule wins."""
    # The spans taken never overlap, so sorted by start their ends are sorted too: a new
    # span overlaps one only if it overlaps the last taken span starting before its end
    # (a bisection, where testing every taken span made long texts quadratic).
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[tuple[int, re.Match[str]]] = []
    for start, end, index, match in sorted(found, key=lambda c: (c[0] - c[1], c[0], c[2])):
        at = bisect_left(starts, end)
        if at == 0 or ends[at - 1] <= start:
            starts.insert(at, start)
            ends.insert(at, end)
            chosen.append((index, match))
    chosen.sort(key=lambda c: c[1].start())
    return chosen


def _leading_article(name: str, match: re.Match[str]) -> int:
    """Return how many characters of a leading article to drop from the extent.

    "a two-year contract", "the third-quarter loss": TimeML leaves the article out when the
    expression is an adjective (hyphenated); "the third quarter" keeps it.
    """
    if name not in ("duration", "quarter", "same_unit"):
        return 0
    found = ADJECTIVAL.match(match[0])
    return found.end(1) if found else 0


def _merge_clock_and_day(timexes: list[Timex], text: str) -> list[Timex]:
    """Join "10 p.m. Wednesday" or "Nov. 9, 5 p.m." into one TIME expression."""
    merged: list[Timex] = []
    for timex in timexes:
        previous = merged[-1] if merged else None
        if previous is not None and GAP_TIME_DATE.fullmatch(text, previous.end, timex.start):
            pair = {previous.type, timex.type}
            clock = previous if previous.type == "TIME" else timex
            day = timex if clock is previous else previous
            if pair == {"TIME", "DATE"} and DAY_VALUE.match(day.value) and "T" in clock.value:
                value = day.value + clock.value[clock.value.index("T") :]
                surface = text[previous.start : timex.end]
                merged[-1] = Timex(previous.start, timex.end, surface, "TIME", value)
                continue
        merged.append(timex)
    return merged


def find_timexes(
    text: str, dct: date | PartialDate | None = None, *, exhaustive: bool = False
) -> tuple[Timex, ...]:
    """Return the temporal expressions of `text` in order, normalized against `dct`.

    `dct` is the document creation (publication) date: a date, a partial date (e.g. month and
    day from a dateline, year unknown), or None. What the anchor does not fix stays unknown
    (XXXX), never guessed. `exhaustive` runs every rule over the whole text instead of only
    around trigger words: slower, and the same result (a check on the fast path).
    """
    anchor = PartialDate.of(dct) if isinstance(dct, date) else dct
    context = Context(text=text, dct=anchor, tense=lambda s, e: clause_tense(text, s, e))
    timexes: list[Timex] = []
    for index, match in _select(_candidates(text, exhaustive=exhaustive)):
        normalized = NORMALIZERS[RULES[index][0]](context, match, match.start())
        if normalized is not None:
            kind, value = normalized
            period = PERIOD_VALUE.match(value) if kind == "DATE" else None
            if period is not None:
                context.last_period = period[0]
            start = match.start() + _leading_article(RULES[index][0], match)
            timexes.append(Timex(start, match.end(), text[start : match.end()], kind, value))
    return tuple(_merge_clock_and_day(timexes, text))


def month_number(word: str) -> int | None:
    """Return the month number of an English month name or abbreviation, else None."""
    return MONTHS.get(word.lower().rstrip("."))
