"""What a report is made of, and the lookups the renderer needs over it."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeAlias, TypeVar

from storyline.model import (
    Article,
    DateMention,
    Entity,
    Link,
    PublishedDate,
    Quote,
    Story,
    TimelineEntry,
)


@dataclass(frozen=True, slots=True)
class ReportData:
    """Every record a report shows, as read back from the store after a run."""

    title: str
    generated_at: datetime
    articles: tuple[Article, ...] = ()
    links: tuple[Link, ...] = ()
    stories: tuple[Story, ...] = ()  # storylines and their events (Story.parent)
    timeline: tuple[TimelineEntry, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    published: tuple[PublishedDate, ...] = ()


def report_data(
    records: Iterable[object], *, title: str, generated_at: datetime | None = None
) -> ReportData:
    """Return report data from a mixed stream of records, as the pipeline's stages yield them.

    Records of other types (documents, rejects) are skipped. `generated_at` defaults to now.
    """
    articles: list[Article] = []
    links: list[Link] = []
    stories: list[Story] = []
    timeline: list[TimelineEntry] = []
    quotes: list[Quote] = []
    entities: list[Entity] = []
    dates: list[DateMention] = []
    published: list[PublishedDate] = []
    for record in records:
        match record:
            case Article():
                articles.append(record)
            case Link():
                links.append(record)
            case Story():
                stories.append(record)
            case TimelineEntry():
                timeline.append(record)
            case Quote():
                quotes.append(record)
            case Entity():
                entities.append(record)
            case DateMention():
                dates.append(record)
            case PublishedDate():
                published.append(record)
    return ReportData(
        title,
        generated_at or datetime.now(UTC),
        tuple(articles),
        tuple(links),
        tuple(stories),
        tuple(timeline),
        tuple(quotes),
        tuple(entities),
        tuple(dates),
        tuple(published),
    )


def anchor(kind: str, record_id: str) -> str:
    """Return a DOM id for a record: a hash, since ids come from input and may hold anything."""
    return f"{kind}-{hashlib.sha1(record_id.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"


# Where a reference to a record points: kind ("a" article, "s" storyline, "e" event,
# "entity", "quote" group) and id to an href, or None when the page has no place for it.
Linker: TypeAlias = Callable[[str, str], str | None]


def report_href(kind: str, record_id: str) -> str | None:
    """Return the in-page link to an article or storyline of the one-page report."""
    return f"#{anchor(kind, record_id)}" if kind in ("a", "s") else None


@dataclass(frozen=True, slots=True)
class ReportIndex:
    """The records of a report grouped by the article or story they belong to."""

    data: ReportData
    articles: dict[str, Article] = field(default_factory=dict)
    storylines: tuple[Story, ...] = ()  # the storylines shown in full, the most covered first
    minor: tuple[Story, ...] = ()  # one-article storylines, listed as other coverage
    events: dict[str, list[Story]] = field(default_factory=dict)  # storyline id -> events
    timeline: dict[str, list[TimelineEntry]] = field(default_factory=dict)
    # article id -> its speech: beliefs and stances (type "other") stay in the store and export
    quotes: dict[str, list[Quote]] = field(default_factory=dict)
    dates: dict[str, list[DateMention]] = field(default_factory=dict)
    published: dict[str, PublishedDate] = field(default_factory=dict)
    links: dict[str, list[Link]] = field(default_factory=dict)  # article id -> its links
    story_of: dict[str, list[str]] = field(default_factory=dict)  # article id -> storyline ids
    names: dict[str, list[str]] = field(default_factory=dict)  # article id -> entity names
    link_to: Linker = report_href  # the web app links to its own pages instead

    @classmethod
    def of(cls, data: ReportData, link_to: Linker = report_href) -> ReportIndex:
        """Return the lookups over `data`, linking records with `link_to`."""
        events: dict[str, list[Story]] = defaultdict(list)
        for story in data.stories:
            if story.level == "event" and story.parent:
                events[story.parent].append(story)
        storylines = tuple(
            sorted((s for s in data.stories if s.level == "storyline"), key=coverage_order)
        )
        major = tuple(s for s in storylines if len(s.articles) > 1) or storylines
        major_ids = {s.id for s in major}
        story_of: dict[str, list[str]] = defaultdict(list)
        for storyline in storylines:
            for article_id in storyline.articles:
                story_of[article_id].append(storyline.id)
        links: dict[str, list[Link]] = defaultdict(list)
        for link in data.links:
            links[link.a].append(link)
            links[link.b].append(link)
        names: dict[str, list[str]] = defaultdict(list)
        for entity in data.entities:
            for article_id in entity.articles:
                names[article_id].append(entity.name)
        return cls(
            data=data,
            articles={a.id: a for a in data.articles},
            storylines=major,
            minor=tuple(s for s in storylines if s.id not in major_ids),
            events=events,
            timeline=_by(data.timeline, lambda e: e.storyline),
            quotes=_by([q for q in data.quotes if q.type == "speech"], lambda q: q.article),
            dates=_by(data.dates, lambda d: d.article_id),
            published={p.article_id: p for p in data.published},
            links=links,
            story_of=story_of,
            names=names,
            link_to=link_to,
        )

    def published_at(self, article_id: str) -> datetime | None:
        """Return an article's publication time, when known."""
        article = self.articles.get(article_id)
        return article.published_at if article else None


def coverage_order(story: Story) -> tuple[int, float, str]:
    """Return a sort key putting the most covered stories first, the more recent of equals first.

    A reader opening a report wants the story the pile is about, not the loose ends.
    """
    latest = story.end_at or story.start_at
    return (-len(story.articles), -(latest.timestamp() if latest else 0.0), story.id)


T = TypeVar("T")


def _by(records: Iterable[T], key: Callable[[T], str]) -> dict[str, list[T]]:
    grouped: dict[str, list[T]] = defaultdict(list)
    for record in records:
        grouped[key(record)].append(record)
    return grouped
