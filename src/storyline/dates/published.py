"""An article's publication date from its own text: dateline, page header, and their checks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from storyline.dates._calendar import PartialDate, is_valid_day
from storyline.dates._rules import MONTH, MONTHS, WEEKDAY, WEEKDAYS
from storyline.dates.timex import clause_tense
from storyline.model import Article, DateOrigin, PublishedDate, Record

# "Friday, July 19, 2024", "19 July 2024", "2024-07-19" alone on one of the first lines, also
# as a byline stamp: "Published: March 19, 2025 · 5 min read", "By Jo Vos | Mar 18, 2025,
# 12:44 PM EDT", "May 6, 2025 · 3:15 PM".
HEADER_DATE = re.compile(
    r"^\s*(?:(?:published|posted|updated|first published)(?:\s+on)?:?\s+|by\s[^|\n]{1,80}\|\s*)?"
    rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<mon2>{MONTH}),?)\s+(?P<y>(?:19|20)\d\d)"
    r"(?:\s*[,·|-]?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?)?"
    r"(?:\s*[·|]\s*\d+\s+min(?:ute)?s?\s+read)?\s*$"
    r"|^\s*(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\s*$",
    re.IGNORECASE,
)
# "WASHINGTON Dec 31", "MOSCOW, Dec. 30 (Reuters) -", "NAIROBI, Kenya, Aug. 7, 1998 (AP)".
DATELINE = re.compile(
    rf"(?<![\w-])(?P<city>[A-Z][A-Z.'-]{{2,}}(?:\s+[A-Z][A-Z.'-]+)*)(?:,\s+[A-Z][A-Za-z.]+)*"
    rf"(?:\s*\((?:AP|Reuters|AFP|UPI|dpa|Xinhua|Bloomberg|TASS|RIA|IANS|PTI)\))?[,\s]+"
    rf"(?P<mon>(?i:{MONTH}))\s+(?P<d>\d{{1,2}})(?:,?\s+(?P<y>(?:19|20)\d\d))?(?!\d)",
)
EXPLICIT_YEAR = re.compile(r"(?<![\d$.,])(?:19|20)\d\d(?![\d%,])")
HEADER_LINES = 8  # a page-header or byline date sits among the first lines, below the menus
DATELINE_CHARS = 400  # a dateline opens the story, after at most a caption or a byline
REPRINT_DAYS = 2  # a page may be dated this long after its story's dateline
STALE_YEARS = 2  # a story naming no year within this many before its header date is old news
COPY_GAP_DAYS = 180  # a header this much later than an earlier copy of the text is a repost
TITLE_MAX_WORDS = 25  # a headline is one short line without a closing full stop


@dataclass(frozen=True, slots=True)
class Publication:
    """A publication date as far as the text tells it, its origin, confidence and any conflict."""

    date: PartialDate | None
    origin: DateOrigin | None
    confidence: float
    conflict: str = ""  # why a page-header date was not trusted, when it was not

    @property
    def value(self) -> str:
        """Return the TimeML value of the date ("2021-12-31", "XXXX-12-31"), or ""."""
        return "" if self.date is None else self.date.value()


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def find_header_date(text: str) -> tuple[date, str, int] | None:
    """Return a date alone on one of the first lines, its weekday if written, and the line end."""
    seen = 0
    for line in re.finditer(r"[^\n]+", text):
        if not line[0].strip():
            continue
        seen += 1
        if seen > HEADER_LINES:
            return None
        m = HEADER_DATE.match(line[0])
        if m is None:
            continue
        if m["iy"]:
            year, month, day = int(m["iy"]), int(m["im"]), int(m["id"])
        else:
            year, month = int(m["y"]), _month(m["mon"] or m["mon2"])
            day = int(m["d"] or m["d2"])
        if is_valid_day(year, month, day):
            return date(year, month, day), m["wd"] or "", line.end()
    return None


def find_dateline(text: str) -> PartialDate | None:
    """Return the date of a wire-style dateline near the start ("WASHINGTON Dec 31")."""
    m = DATELINE.search(text, 0, DATELINE_CHARS)
    if m is None or m["city"].lower().rstrip(".") in MONTHS:
        return None
    year = int(m["y"]) if m["y"] else None
    month, day = _month(m["mon"]), int(m["d"])
    return PartialDate(year, month, day) if is_valid_day(year, month, day) else None


def body_years(text: str) -> list[int]:
    """Return the explicit years of clauses not in the future tense."""
    return [
        int(m[0])
        for m in EXPLICIT_YEAR.finditer(text)
        if clause_tense(text, m.start(), m.end()) != "future"
    ]


def is_above_headline(text: str, header_end: int, title: str = "") -> bool:
    """Return whether the header date ending at `header_end` is printed above the headline.

    A date above the headline is usually the site's current-date banner (many news themes show
    today's date in the top bar), so it tells when the page was rendered, not when the story
    was written. With `title` unknown, the date must open the page and be followed by a short
    line without a full stop.
    """
    lines = [m[0].strip() for m in re.finditer(r"[^\n]+", text[header_end:]) if m[0].strip()]
    line = lines[0] if lines else ""
    if title:
        return line == title.strip()
    opens_page = "\n" not in text[:header_end].strip()
    short = 0 < len(line.split()) <= TITLE_MAX_WORDS and line[-1] not in ".:"
    return opens_page and short and line[0].isupper()


def header_conflict(
    header: date,
    weekday: str,
    body: str,
    dateline: PartialDate | None,
    earlier_copies: Iterable[date] = (),
    *,
    banner: bool = False,
) -> str:
    """Return why `header` is not the publication date, or "" when nothing contradicts it.

    `banner` says the header sits above the headline: such a date is only trusted when the
    text confirms it, with its year written out or a dateline of the same day.
    """
    if weekday and WEEKDAYS[weekday.lower().rstrip(".")] != header.isoweekday():
        return f"the header names a {weekday} but {header} is a {header:%A}"
    if dateline is not None and not _dateline_fits(header, dateline):
        return f"the header says {header} but the dateline says {dateline.value()}"
    years = body_years(body)
    if years and max(years) < header.year - STALE_YEARS:
        return f"the header says {header.year} but the text's latest year is {max(years)}"
    first_copy = min(earlier_copies, default=None)
    if first_copy is not None and (header - first_copy).days > COPY_GAP_DAYS:
        return f"the header says {header} but the same text was seen on {first_copy}"
    same_day = dateline is not None and (dateline.month, dateline.day) == (header.month, header.day)
    if banner and header.year not in years and not same_day:
        return (
            f"the header date {header} sits above the headline, where sites show the current "
            "date, and nothing in the text confirms it"
        )
    return ""


def _dateline_fits(header: date, dateline: PartialDate) -> bool:
    """Tell whether a page dated `header` can carry a story filed on `dateline`.

    Reprints and next-morning editions appear a day or two after the filing date.
    """
    if not (dateline.month and dateline.day):
        return True
    year = dateline.year or _year_from(header, dateline.month, dateline.day)
    if not is_valid_day(year, dateline.month, dateline.day):
        return False
    return 0 <= (header - date(year, dateline.month, dateline.day)).days <= REPRINT_DAYS


def _year_from(reference: date, month: int, day: int) -> int:
    """Return the latest year in which month/day is not after `reference`."""
    return (
        reference.year if (month, day) <= (reference.month, reference.day) else reference.year - 1
    )


def infer_published(
    text: str,
    title: str = "",
    *,
    earlier_copies: Iterable[date] = (),
    fetched_on: date | None = None,
) -> Publication:
    """Return the publication date the text supports, never more precise than the evidence.

    A full dateline wins; a page-header date counts only when nothing in the text contradicts
    it (see `header_conflict`); a dateline without a year gets one only from `fetched_on` or
    the dates of earlier copies of the same text (origin "inferred"), else stays partial.
    """
    copies = tuple(earlier_copies)
    found = find_header_date(text)
    header = None if found is None else found[0]
    body = text if found is None else text[found[2] :]  # the header is no evidence about itself
    dateline = find_dateline(body)
    conflict = ""
    if found is not None:
        banner = is_above_headline(text, found[2], title)
        conflict = header_conflict(found[0], found[1], body, dateline, copies, banner=banner)
    if dateline is not None and dateline.is_full:
        return Publication(dateline, "dateline", 0.9, conflict)
    if dateline is not None:
        if header is not None and not conflict:
            return Publication(PartialDate.of(header), "dateline", 0.85)
        reference = min(copies, default=fetched_on)
        if reference is not None and dateline.month and dateline.day:
            year = _year_from(reference, dateline.month, dateline.day)
            return Publication(replace(dateline, year=year), "inferred", 0.6, conflict)
        return Publication(dateline, "dateline", 0.7, conflict)
    if header is not None and not conflict:
        return Publication(PartialDate.of(header), "text", 0.5)
    if header is not None:
        years = body_years(body)
        if years:
            return Publication(PartialDate(max(years)), "inferred", 0.3, conflict)
        return Publication(None, None, 0.0, conflict)
    return Publication(None, None, 0.0)


# How sure a day read off the URL or the file path is: a news URL's /2010/04/23/ is set by
# the publisher's system; a folder name by whoever filed the pages. Datelines beat both.
LOCATION_CONFIDENCE: dict[DateOrigin, float] = {"url": 0.6, "path": 0.4}


@dataclass(frozen=True, slots=True)
class InferPublished:
    """Fill in articles' missing publication dates from their text.

    Each article whose text gives a date, or a page date that was not trusted, is preceded
    by its PublishedDate; the article carries the date in `published_at` when it is full.
    A date read off the URL or the file path is kept unless the text gives a surer full one.
    """

    def __call__(self, records: Iterable[Record]) -> Iterator[Record | PublishedDate]:
        for record in records:
            if not isinstance(record, Article):
                yield record
                continue
            located = LOCATION_CONFIDENCE.get(record.published_from or "metadata")
            if record.published_at is not None and located is None:
                yield record
                continue
            fetched = record.fetched_at.date() if record.fetched_at else None
            # The text as read still has the page's header and byline dates cleaning dropped.
            found = infer_published(record.raw_text, record.title, fetched_on=fetched)
            day = None if found.date is None else found.date.as_date()
            surer = (
                day is not None and found.origin is not None and found.confidence > (located or 0)
            )
            if record.published_at is not None and located is not None and not surer:
                value = record.published_at.date().isoformat()
                yield PublishedDate(record.id, value, record.published_from, located)
                yield record
                continue
            if day is not None and found.origin is not None:
                published = datetime(day.year, day.month, day.day, tzinfo=UTC)
                record = replace(record, published_at=published, published_from=found.origin)
            # Before the article, so that a later stage reading both (ExtractDates) has the
            # date, full or partial, when the article arrives.
            if found.origin is not None or found.conflict:
                yield PublishedDate(
                    record.id, found.value, found.origin, found.confidence, found.conflict
                )
            yield record
