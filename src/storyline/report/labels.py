"""Words a reader sees for dates, shares and articles."""

from __future__ import annotations

import difflib
import re
from datetime import datetime
from pathlib import PurePosixPath

from storyline.model import Article

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
TIMEX_DATE = re.compile(r"(?P<y>\d{4}|XXXX)(?:-(?P<m>\d{2}|XX)(?:-(?P<d>\d{2}|XX))?)?")
TIMEX_WEEK = re.compile(r"(?P<y>\d{4})-W(?P<w>\d{2})")
TIMEX_SEASON = re.compile(r"(?P<y>\d{4})-(?P<s>SP|SU|FA|WI)")
TIMEX_QUARTER = re.compile(r"(?P<y>\d{4})-Q(?P<q>[1-4])")
REFS = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}


def format_timex(value: str) -> str:
    """Return a TimeML date value in words, never more precise than it is: "Mar 2025"."""
    if not value:
        return "undated"
    if value in REFS:
        return REFS[value]
    if m := TIMEX_WEEK.fullmatch(value):
        return f"week {int(m['w'])} of {m['y']}"
    if m := TIMEX_SEASON.fullmatch(value):
        return f"{SEASONS[m['s']]} {m['y']}"
    if m := TIMEX_QUARTER.fullmatch(value):
        return f"Q{m['q']} {m['y']}"
    m = TIMEX_DATE.match(value)
    if m is None:
        return value
    year = "" if m["y"] == "XXXX" else m["y"]
    month = MONTHS[int(m["m"]) - 1] if m["m"] and m["m"] != "XX" and 1 <= int(m["m"]) <= 12 else ""
    day = str(int(m["d"])) if m["d"] and m["d"] != "XX" else ""
    words = " ".join(w for w in (day, month, year) if w)
    if not year and words:
        words += " (year unknown)"
    rest = value[m.end() :]
    if rest.startswith("T"):
        words += f", {rest[1:6]}"
    return words or value


def format_day(when: datetime | None) -> str:
    """Return a datetime as a day in words, or "undated"."""
    if when is None:
        return "undated"
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}"


def format_span(start: datetime | None, end: datetime | None) -> str:
    """Return a date span in words: "3 – 22 Mar 2025", or one day, or "undated"."""
    if start is None or end is None or start.date() == end.date():
        return format_day(start or end)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_day(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {format_day(end)}"
    return f"{format_day(start)} – {format_day(end)}"


def percent(share: float) -> str:
    """Return a 0..1 share as a whole percentage."""
    return f"{round(100 * share)}%"


def source_of(article: Article) -> str:
    """Return the publisher an article is labelled by: its site's name, its source, its file."""
    if article.site_name:
        return article.site_name  # "Antiwar.com" as the page names itself, not a domain
    if article.source:
        return article.source
    name = PurePosixPath(article.path.replace("\\", "/")).name
    return name or article.id


def plural(n: int, word: str, many: str | None = None) -> str:
    """Return "1 article", "3 articles"."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def shorten(text: str, limit: int) -> str:
    """Return `text` cut to `limit` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def word_changes(before: str, after: str) -> list[tuple[str, str]]:
    """Return the runs of words `after` words differently from `before`, as (old, new) pairs.

    Either side may be empty: words added ("", "new") or dropped ("old", ""). Words keep
    their spaces, so a reader sees "could → prolonged till", not "couldprolongedtill".
    """
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=[w.lower() for w in old], b=[w.lower() for w in new])
    return [
        (" ".join(old[i1:i2]), " ".join(new[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
