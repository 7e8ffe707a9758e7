"""A storyline's event timeline: dated mentions grouped into events, ranked by sources."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from storyline.dates._calendar import PROXY_YEAR
from storyline.dedup.provenance import CopyGraph
from storyline.model import Article, Link, Story, TimelineEntry
from storyline.timeline.dating import DAY, SURE, DatedSentence, date_all
from storyline.timeline.sentences import (
    STOPWORDS,
    centroid,
    copy_key,
    cosine,
    inverse_frequencies,
    is_furniture,
    weigh,
)
from storyline.timeline.summarize import carriers

SAME_EVENT = 0.3  # cosine to an event's centroid from which a mention joins it (same date)
SAME_CLAIM = 0.5  # cosine from which mentions on two dates report one happening
BACKGROUND_DAYS = 60  # earlier than this before the first article is history, not the story
CONFLICT_DAYS = 7  # sources disagreeing on when something happened are rarely further apart
SECOND_SENTENCE_WORDS = 15  # an entry adds a second sentence when the first is shorter
# A number and the word after it: "50 minutes", "11 people", "$500m".
QUANTITY = re.compile(r"(?<![\w.,])\$?(\d[\d,.]*)\s*(?:m\b|bn\b|million\b|billion\b)?\s*([a-z]+)")
# Words after a number that are not what is counted: joiners, clock times and time zones.
NUMBER_WORDS = STOPWORDS | {"per", "percent", "am", "pm", "gmt", "bst", "edt", "est", "utc"}


@dataclass(slots=True)
class _Event:
    """Mentions of one date grouped as one happening, while the timeline is being built."""

    date: str
    mentions: list[DatedSentence] = field(default_factory=list)
    vectors: list[dict[str, float]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    total: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    norm: float | None = None  # of `total`, cached
    articles: set[str] = field(default_factory=set)  # of the mentions, kept as they are added

    def add(self, item: DatedSentence, vector: dict[str, float]) -> None:
        """Add a mention, keeping the running sum its centroid is taken from."""
        self.mentions.append(item)
        self.vectors.append(vector)
        self.articles.add(item.sentence.article)
        for word, value in vector.items():
            self.total[word] += value
        self.norm = None

    def similarity(self, vector: Mapping[str, float]) -> float:
        """Return the cosine of a unit vector to this event's centroid."""
        if self.norm is None:
            self.norm = math.sqrt(sum(v * v for v in self.total.values()))
        return cosine(vector, self.total) / self.norm if self.norm else 0.0


def timeline_mentions(
    dated: Mapping[str, Sequence[DatedSentence]], titles: Mapping[str, str] | None = None
) -> list[DatedSentence]:
    """Return the sentences that date an event: those naming a day or month, and each lead.

    A lead is an article's first statement that is not its headline (the article's title, or
    a line without closing punctuation); without a date of its own it stands for the
    article's news on its publication date (or undated, if unknown).
    """
    titles = titles or {}
    chosen = []
    for article, sentences in dated.items():
        statements = [d for d in sentences if d.sentence.is_statement]
        title = copy_key(titles.get(article, ""))
        lead = next((d for d in statements if not _is_headline(d.sentence.text, title)), None)
        for item in statements:
            if (item.mentioned or item is lead) and not is_furniture(item.sentence.text):
                chosen.append(item)
    return chosen


def _is_headline(text: str, title_key: str) -> bool:
    """Return whether a sentence is the headline: the title, or a line that is not a sentence."""
    if title_key and copy_key(text).endswith(title_key):
        return True
    return not text.rstrip("\"'”’)").endswith((".", "!", "?"))


def _group(mentions: Sequence[DatedSentence], idf: Mapping[str, float]) -> list[_Event]:
    """Group mentions by date, then by content within a date (greedily, to the best event)."""
    events: list[_Event] = []
    by_date: dict[str, list[_Event]] = defaultdict(list)
    for item in mentions:
        vector = weigh(item.sentence.words, idf)
        for value in item.mentioned or (item.date,):
            candidates = by_date[value]
            best = max(candidates, key=lambda e: e.similarity(vector), default=None)
            if best is None or best.similarity(vector) < SAME_EVENT:
                best = _Event(value)
                candidates.append(best)
                events.append(best)
            best.add(item, vector)
    return events


def day_number(value: str) -> int | None:
    """Return a day value's ordinal (an unknown year taken as 2000), else None."""
    if not DAY.fullmatch(value):
        return None
    year = PROXY_YEAR if value.startswith("X") else int(value[:4])
    try:
        return date(year, int(value[5:7]), int(value[8:10])).toordinal()
    except ValueError:
        return None


def _merge_date_conflicts(events: list[_Event], copies: CopyGraph) -> list[_Event]:
    """Fold an event into a better-supported one that reports the same thing on another day."""
    ranked = sorted(events, key=lambda e: (-copies.independent(e.articles), e.date))
    kept: list[_Event] = []
    by_day: dict[int, list[tuple[int, _Event]]] = defaultdict(list)  # day -> (rank, event)
    for event in ranked:
        day = day_number(event.date)
        twin = None
        if day is not None:
            center = centroid(event.vectors)
            near = sorted(
                found
                for offset in range(-CONFLICT_DAYS, CONFLICT_DAYS + 1)
                if offset
                for found in by_day.get(day + offset, ())
            )  # kept events on other days close by, best supported first
            twin = next(
                (
                    k
                    for _, k in near
                    if not k.articles & event.articles and k.similarity(center) >= SAME_CLAIM
                ),
                None,
            )
        if twin is None:
            if day is not None:
                by_day[day].append((len(kept), event))
            kept.append(event)
            continue
        who = ", ".join(sorted(event.articles))
        twin.conflicts.append(
            f"{who} date{'s' if len(event.articles) == 1 else ''} it {event.date}"
        )
        for item, vector in zip(event.mentions, event.vectors, strict=True):
            twin.add(item, vector)
    return kept


def quantity_conflicts(mentions: Sequence[DatedSentence], copies: CopyGraph) -> list[str]:
    """Return the quantities independent sources give differently ("40 minutes" vs "50")."""
    said: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for item in mentions:
        for number, unit in QUANTITY.findall(item.sentence.text):
            if unit not in NUMBER_WORDS:
                said[unit][number.rstrip(".,")].add(item.sentence.article)
    notes = []
    for unit, numbers in sorted(said.items()):
        if len(numbers) < 2:
            continue
        everyone = set().union(*numbers.values())
        if copies.independent(everyone) < 2:
            continue  # one text and its copies: an edit, not a disagreement
        told = "; ".join(f"{', '.join(sorted(ids))}: {n} {unit}" for n, ids in numbers.items())
        notes.append(f"sources differ on the {unit}: {told}")
    return notes


def distant_year(value: str, mentions: Sequence[DatedSentence], year: int | None) -> str:
    """Return a warning when a date rests on unsure publication dates far from the storyline.

    A page-header date of a reposted article ("Friday, July 19, 2024" above a 2021 story) puts
    its events years away from the rest of the storyline; the entry says so.
    """
    if year is None or not value[:1].isdigit() or abs(int(value[:4]) - year) <= 1:
        return ""
    if any(m.published.confidence >= SURE for m in mentions):
        return ""
    published = sorted({m.published.value for m in mentions if m.published.value})
    based = f" ({', '.join(published)})" if published else ""
    return (
        f"dated from an unsure publication date{based}, but the storyline's articles point to "
        f"{year}"
    )


def date_confidence(item: DatedSentence) -> float:
    """Return how sure the date of one mention is: own mention, publication, or none."""
    published = item.published.confidence
    if item.mentioned:
        value = item.mentioned[0]
        # A resolved relative date ("Thursday") is only as good as its anchor.
        exact = 0.7 if value.startswith("XXXX") else 0.9
        return exact * (0.6 + 0.4 * published)
    return published if item.published.value else 0.1


def _entry_text(event: _Event, idf: Mapping[str, float]) -> tuple[str, DatedSentence]:
    """Return one or two sentences for an event: the most central, and another if it is short."""
    center = centroid(event.vectors)
    order = sorted(
        range(len(event.mentions)),
        key=lambda i: (-cosine(event.vectors[i], center), event.mentions[i].sentence.article),
    )
    first = event.mentions[order[0]]
    text = first.sentence.text
    if len(first.sentence.words) < SECOND_SENTENCE_WORDS:
        for i in order[1:]:
            other = event.mentions[i].sentence
            if (
                copy_key(other.text) != copy_key(text)
                and cosine(event.vectors[i], event.vectors[order[0]]) < SAME_CLAIM
            ):
                text = f"{text} {other.text}"
                break
    return text, first


def _to_entry(
    storyline: str,
    event: _Event,
    idf: Mapping[str, float],
    copies: CopyGraph,
    order: Mapping[str, int],
    year: int | None,
) -> TimelineEntry:
    text, first = _entry_text(event, idf)
    pool = [m.sentence for m in event.mentions]
    ids = set(event.articles) | set(carriers([first.sentence], pool, idf)[0])
    articles = tuple(sorted(ids, key=lambda a: (order.get(a, len(order)), a)))
    sources = copies.independent(articles)
    conflicts = [*event.conflicts, *quantity_conflicts(event.mentions, copies)]
    distant = distant_year(event.date, event.mentions, year)
    if distant:
        conflicts.append(distant)
    sure = max(date_confidence(m) for m in event.mentions)
    support = 1.0 - 0.5**sources  # one source: half; two: three quarters; three: 0.875
    confidence = sure * support * (0.75 if conflicts else 1.0)
    return TimelineEntry(
        storyline=storyline,
        date=event.date,
        text=text,
        articles=articles,
        confidence=round(confidence, 3),
        sources=sources,
        conflict="; ".join(conflicts),
    )


def date_order(value: str, default_year: str) -> str:
    """Return a sort key putting partial dates (XXXX-12-31) in `default_year`, undated last."""
    if not value:
        return "~"
    return value.replace("XXXX", default_year, 1)


def build_timeline(
    storyline: str,
    articles: Iterable[Article],
    links: Iterable[Link] = (),
    *,
    max_entries: int | None = None,
) -> list[TimelineEntry]:
    """Return a storyline's timeline: its most important events, in date order.

    Reads every article first. Mentions (see `timeline_mentions`) are grouped into events by
    date and content; an event reported on two different days by different articles becomes
    one entry, on the better-supported day, with the other in `conflict`. Importance is the
    number of independent sources (copies counted once through `links`), then confidence;
    `max_entries` keeps the most important ones.
    """
    # 1. Date every sentence, and keep those that date an event.
    articles = list(articles)
    copies = CopyGraph.of(links)
    dated, year = date_all(articles)
    mentions = timeline_mentions(dated, {a.id: a.title for a in articles})
    if not mentions:
        return []
    idf = inverse_frequencies(d.sentence.words for ds in dated.values() for d in ds)
    # 2. Group into events; fold date disagreements together.
    events = _merge_date_conflicts(_group(mentions, idf), copies)
    # 3. One entry per event, the most important kept, then in date order.
    order = {a.id: i for i, a in enumerate(_by_publication(articles))}
    entries = [_to_entry(storyline, e, idf, copies, order, year) for e in events]
    entries.sort(key=lambda e: (-e.sources, -e.confidence, e.date))
    entries = _once_each(entries)
    if max_entries is not None:
        entries = entries[:max_entries]
    years = [e.date[:4] for e in entries if e.date[:1].isdigit()]
    default_year = max(set(years), key=years.count) if years else "9999"
    entries = mark_background(entries, _first_day(articles))
    return sorted(entries, key=lambda e: (date_order(e.date, default_year), -e.sources))


def _once_each(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """Keep each sentence under one date only: its best-supported one (entries come best first)."""
    seen: set[str] = set()
    kept = []
    for entry in entries:
        key = copy_key(entry.text)
        if key not in seen:
            seen.add(key)
            kept.append(entry)
    return kept


def _first_day(articles: Sequence[Article]) -> date | None:
    days = [a.published_at.date() for a in articles if a.published_at is not None]
    return min(days, default=None)


def mark_background(entries: list[TimelineEntry], first_day: date | None) -> list[TimelineEntry]:
    """Mark entries dated well before the storyline's first article as background.

    A timeline of an oil spill may mention Torrey Canyon in 1967: true, dated, and not part of
    what happened. An entry counts as background when even the last day its date can mean
    ends BACKGROUND_DAYS before the first article; undated storylines mark nothing.
    """
    if first_day is None:
        return entries
    cutoff = first_day - timedelta(days=BACKGROUND_DAYS)
    return [replace(e, background=True) if _ends_before(e.date, cutoff) else e for e in entries]


def _ends_before(value: str, cutoff: date) -> bool:
    """Tell whether a TimeML date value ends before `cutoff` (partial years never do)."""
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if m is None:
        return False
    year, month, day = int(m[1]), m[2], m[3]
    if month is None:
        return date(year, 12, 31) < cutoff
    if not 1 <= int(month) <= 12:
        return False
    if day is None:
        last = (date(year + int(month) // 12, int(month) % 12 + 1, 1)) - timedelta(days=1)
        return last < cutoff
    try:
        return date(year, int(month), int(day)) < cutoff
    except ValueError:
        return False


def _by_publication(articles: Sequence[Article]) -> list[Article]:
    """Return the articles earliest first; those without a publication date last."""
    return sorted(articles, key=lambda a: (a.published_at is None, a.published_at or 0, a.id))


def build_timelines(
    stories: Iterable[Story],
    articles: Mapping[str, Article],
    links: Iterable[Link] = (),
    *,
    max_entries: int | None = None,
) -> Iterator[TimelineEntry]:
    """Yield the timeline entries of every storyline in `stories`; events are skipped."""
    links = list(links)
    for story in stories:
        if story.level != "storyline":
            continue
        # Briefs have no sentences to date: their headlines would be entries without a source text.
        members = [articles[i] for i in story.articles if i in articles and not articles[i].brief]
        ids = set(story.articles)
        inside = [k for k in links if k.a in ids and k.b in ids]
        yield from build_timeline(story.id, members, inside, max_entries=max_entries)
