"""The dates of sentences: the days and months they mention, and their article's publication.

The rule, used by every timeline of this package: a sentence's own date is the first date of
day granularity it mentions ("on Thursday" resolved to 2021-12-30, "XXXX-12-31"), else the first
of month granularity ("in June"); a sentence without one is dated by its article's publication
date only where that is known, at the granularity it is known ("XXXX-12-31" from a dateline
without a year). Nothing is guessed: an article with neither stays undated ("").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from storyline.dates._calendar import PartialDate
from storyline.dates.published import find_header_date, infer_published
from storyline.dates.timex import Timex, find_timexes
from storyline.model import Article
from storyline.timeline.sentences import Sentence, find_sentences

DAY = re.compile(r"(?:\d{4}|XXXX)-[01]\d-[0-3]\d")
MONTH = re.compile(r"(?:\d{4}|XXXX)-[01]\d$")
EXPLICIT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
WORD = re.compile(r"[A-Za-z]+")
# "since June", "since the meeting in June": the date frames the sentence, it is not its news.
BACKGROUND_CUES = frozenset({"since"})
BACKGROUND_WORDS = 4  # how far back a cue may stand
BACKGROUND_CHARS = 60
SURE = 0.8  # publication dates at least this sure lend their year to the storyline
METADATA_CONFIDENCE = 0.95  # a date the page or feed states is rarely wrong
# A year taken from the rest of the storyline is a reasoned inference, not a statement.
COMPLETED_YEAR_FACTOR = 0.8


@dataclass(frozen=True, slots=True)
class Publication:
    """An article's publication date as far as known, and how sure it is."""

    date: PartialDate | None
    confidence: float
    year_inferred: bool = False  # the year came from the storyline, not from the article

    @property
    def value(self) -> str:
        """Return the TimeML value ("2021-12-31", "XXXX-12-31"), or "" when unknown."""
        return "" if self.date is None else self.date.value()


@dataclass(frozen=True, slots=True)
class DatedSentence:
    """A sentence with the days or months it mentions and its article's publication date."""

    sentence: Sentence
    mentioned: tuple[str, ...]  # TimeML values of day or month granularity, in order, distinct
    published: Publication
    background: tuple[str, ...] = ()  # the same for dates that only set the scene ("since June")

    @property
    def date(self) -> str:
        """Return the sentence's own date by the module rule, or "" when it has none."""
        days = [v for v in self.mentioned if DAY.fullmatch(v)]
        if days:
            return days[0]
        return self.mentioned[0] if self.mentioned else self.published.value


def calendar_value(timex: Timex) -> str | None:
    """Return the day or month a DATE or TIME expression points at, else None."""
    if timex.type not in ("DATE", "TIME"):
        return None
    day = DAY.match(timex.value)
    if day is not None:
        return day[0]
    return timex.value if MONTH.match(timex.value) else None


def find_publication(article: Article) -> Publication:
    """Return the article's publication date: its metadata, else what its text supports."""
    if article.published_at is not None:
        sure = METADATA_CONFIDENCE if article.published_from != "inferred" else 0.6
        return Publication(PartialDate.of(article.published_at.date()), sure)
    found = infer_published(article.text or article.raw_text, article.title)
    return Publication(found.date, found.confidence)


def explicit_years(text: str, timexes: Iterable[Timex]) -> list[int]:
    """Return the years written out in the text's date expressions, page header excluded."""
    header = find_header_date(text)
    body_start = 0 if header is None else header[2]
    years = []
    for timex in timexes:
        written = EXPLICIT_YEAR.search(timex.text)
        if timex.start >= body_start and written and timex.value.startswith(written[0]):
            years.append(int(written[0]))
    return years


def storyline_year(years: Iterable[int]) -> int | None:
    """Return the year the storyline's articles write most often (the latest on a tie)."""
    counts = Counter(years)
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))


def complete_year(publication: Publication, year: int | None) -> Publication:
    """Give a month-and-day publication date without a year the storyline's year."""
    found = publication.date
    if year is None or found is None or found.year is not None or found.day is None:
        return publication
    return Publication(
        replace(found, year=year), publication.confidence * COMPLETED_YEAR_FACTOR, True
    )


def is_background(text: str, timex: Timex, sentence_start: int) -> bool:
    """Return whether a date only sets the scene: "since June", "since the summit in June"."""
    before = WORD.findall(text, max(sentence_start, timex.start - BACKGROUND_CHARS), timex.start)
    return any(w.lower() in BACKGROUND_CUES for w in before[-BACKGROUND_WORDS:])


def _dated(
    text: str, sentences: Sequence[Sentence], timexes: Sequence[Timex], pub: Publication
) -> list[DatedSentence]:
    dated = []
    valued = sorted(
        ((t.start, t, v) for t in timexes if (v := calendar_value(t)) is not None),
        key=lambda item: item[0],
    )
    starts = [start for start, _, _ in valued]
    for sentence in sentences:
        own: dict[str, None] = {}
        scene: dict[str, None] = {}
        first = bisect_left(starts, sentence.start)
        for _, timex, value in valued[first : bisect_left(starts, sentence.end)]:
            if is_background(text, timex, sentence.start):
                scene[value] = None
            else:
                own[value] = None
        dated.append(DatedSentence(sentence, tuple(own), pub, tuple(scene)))
    return dated


def date_sentences(articles: Iterable[Article]) -> dict[str, list[DatedSentence]]:
    """Return each article's sentences with their dates, keyed by article id (see `date_all`)."""
    return date_all(articles)[0]


def date_all(articles: Iterable[Article]) -> tuple[dict[str, list[DatedSentence]], int | None]:
    """Return each article's dated sentences by article id, and the storyline's usual year.

    This reads every article before returning: a dateline without a year ("WASHINGTON Dec 31")
    gets the year the storyline's articles write most often, so that "on Thursday" in it can
    be resolved; such dates carry a lower confidence.
    """
    # 1. Publication dates and a first pass of date expressions.
    found = []
    years: list[int] = []
    for article in articles:
        text = article.text or article.raw_text
        pub = find_publication(article)
        timexes = find_timexes(text, pub.date)
        years.extend(explicit_years(text, timexes))
        if pub.date is not None and pub.date.year is not None and pub.confidence >= SURE:
            years.append(pub.date.year)
        found.append((article, text, pub, timexes))
    # 2. Complete year-less publication dates, resolving their expressions again.
    year = storyline_year(years)
    result: dict[str, list[DatedSentence]] = {}
    for article, text, pub, timexes in found:
        completed = complete_year(pub, year)
        if completed is not pub:
            timexes = find_timexes(text, completed.date)
        result[article.id] = _dated(text, find_sentences(article.id, text), timexes, completed)
    return result, year
