"""What each page shows, loaded from the store: shared by the HTML pages and the JSON API."""

from __future__ import annotations

import base64
import binascii
import sqlite3
from dataclasses import dataclass
from typing import Any

from storyline.model import Article, Entity, PublishedDate, Quote, Story
from storyline.report.data import ReportIndex, report_data
from storyline.report.signals import COPY_RELATIONS, date_signal
from storyline.timestamps import parse_timestamp
from storyline.web import queries
from storyline.web.layout import shown_story, web_href

PAGE_SIZE = 50  # list items per page, HTML and JSON alike


class NotFoundError(LookupError):
    """No record has the id asked for."""


class BadRequestError(ValueError):
    """A parameter cannot be used; the message says which and why."""


def encode_cursor(offset: int) -> str:
    """Return an opaque cursor for the page starting at `offset`."""
    return base64.urlsafe_b64encode(f"o{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """Return the offset a cursor stands for; BadRequestError when it is not one of ours."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as err:
        raise BadRequestError("bad cursor: use the next_cursor of the previous page") from err
    if not raw.startswith("o") or not raw[1:].isdigit() or len(raw) > 12:
        raise BadRequestError("bad cursor: use the next_cursor of the previous page")
    return int(raw[1:])


def next_cursor(offset: int, got: int, limit: int = PAGE_SIZE) -> str | None:
    """Return the cursor of the following page, or None on the last one."""
    return encode_cursor(offset + limit) if got >= limit else None


@dataclass(frozen=True, slots=True)
class StorylineView:
    """A storyline, its events, and the lookups its parts are drawn from."""

    story: Story
    shown: Story  # cut to the articles the page draws
    events: list[Story]
    index: ReportIndex


def home(db: sqlite3.Connection, offset: int) -> tuple[list[Story], dict[str, list[Story]]]:
    """Return one page of storylines and their events."""
    lines = queries.storylines(db, offset, PAGE_SIZE)
    events: dict[str, list[Story]] = {}
    for event in queries.events_of(db, [s.id for s in lines]):
        events.setdefault(event.parent or "", []).append(event)
    return lines, events


def store_counts(db: sqlite3.Connection) -> dict[str, int]:
    """Return how many articles, storylines and quotations the store holds."""
    return {
        "article": queries.count(db, "SELECT count(*) FROM articles"),
        "storyline": queries.count(db, "SELECT count(*) FROM stories WHERE level='storyline'"),
        "quotation": queries.count(db, "SELECT count(*) FROM quotes"),
    }


def storyline(db: sqlite3.Connection, story_id: str) -> StorylineView:
    """Return a storyline with what its page shows."""
    story = queries.story(db, story_id)
    if story is None or story.level != "storyline":
        raise NotFoundError(f"no storyline has the id {story_id!r}")
    shown = shown_story(story, queries.PAGE_ARTICLES)
    events = queries.events_of(db, [story.id])
    index = queries.report_for(db, shown.articles, [story, *events], linked=False, link_to=web_href)
    return StorylineView(story, shown, events, index)


def event(db: sqlite3.Connection, event_id: str) -> tuple[Story, Story | None, ReportIndex]:
    """Return an event, its storyline and the lookups over its articles."""
    found = queries.story(db, event_id)
    if found is None or found.level != "event":
        raise NotFoundError(f"no event has the id {event_id!r}")
    parent = queries.story(db, found.parent) if found.parent else None
    shown = found.articles[: queries.PAGE_ARTICLES]
    index = queries.report_for(db, shown, [found], linked=False, link_to=web_href)
    return found, parent, index


def article(
    db: sqlite3.Connection, article_id: str
) -> tuple[Article, ReportIndex, list[Story], list[Entity]]:
    """Return an article, the lookups around it, the stories holding it, its entities."""
    index = queries.report_for(db, [article_id], link_to=web_href)
    found = index.articles.get(article_id)
    if found is None:
        raise NotFoundError(f"no article has the id {article_id!r}")
    held = queries.stories_holding(db, [article_id]).get(article_id, [])
    by_id = queries.stories_by_id(db, held)
    stories = sorted(by_id.values(), key=lambda s: (s.level != "storyline", s.title))
    entities = [e for e in index.data.entities if article_id in e.articles]
    return found, index, stories, entities


def entity(
    db: sqlite3.Connection, entity_id: str, offset: int
) -> tuple[Entity, list[Quote], list[Article], int, ReportIndex]:
    """Return an entity, a page of its quotations and articles, and its quotation count."""
    found = queries.entity(db, entity_id)
    if found is None:
        raise NotFoundError(f"no person, organisation or place has the id {entity_id!r}")
    quotes = queries.quotes_of_speaker(db, found.name, PAGE_SIZE, offset)
    total = queries.count(db, "SELECT count(*) FROM quotes WHERE speaker_entity = ?", (found.name,))
    articles = queries.article_page_of(
        db,
        "id IN (SELECT article FROM entity_articles WHERE entity = ?)",
        (found.id,),
        PAGE_SIZE,
        offset,
    )
    heads = queries.article_heads(db, {q.article for q in quotes})
    index = ReportIndex.of(report_data(heads, title=""), link_to=web_href)
    return found, quotes, articles, total, index


def source(db: sqlite3.Connection, name: str, offset: int) -> dict[str, Any]:
    """Return a source's counts, date reliability and one page of its articles."""
    stats = queries.cached(db, ("source", name), lambda: _source_stats(db, name))
    articles = queries.article_page_of(db, "source = ?", (name,), PAGE_SIZE, offset)
    return {**stats, "articles": articles, "next_cursor": next_cursor(offset, len(articles))}


def _source_stats(db: sqlite3.Connection, name: str) -> dict[str, Any]:
    total = queries.count(db, "SELECT count(*) FROM articles WHERE source = ?", (name,))
    if total == 0:
        raise NotFoundError(f"no article comes from the source {name!r}")
    relations = ", ".join(f"'{r}'" for r in sorted(COPY_RELATIONS))
    mine = "(SELECT id FROM articles WHERE source = ?)"
    copies = queries.count(
        db,
        f"SELECT count(*) FROM links WHERE relation IN ({relations}) AND origin IS NOT NULL "
        f"AND ((a IN {mine} AND origin = b) OR (b IN {mine} AND origin = a))",
        (name, name),
    )
    copied = queries.count(
        db,
        f"SELECT count(*) FROM links WHERE relation IN ({relations}) AND origin IN {mine}",
        (name,),
    )
    trust: dict[str, int] = {}
    rows = queries.rows(
        db,
        "SELECT a.id, a.published, a.published_from, p.value, p.origin, p.confidence, p.conflict "
        "FROM articles a LEFT JOIN published_dates p ON p.article = a.id WHERE a.source = ?",
        (name,),
    )
    for row in rows:
        head = Article(
            row[0], "", "", "text", "", published_at=parse_timestamp(row[1]), published_from=row[2]
        )
        published = (
            PublishedDate(row[0], row[3], row[4], row[5], row[6] or "")
            if row[3] is not None
            else None
        )
        signal = date_signal(head, published)
        trust[signal.trust] = trust.get(signal.trust, 0) + 1
    return {
        "name": name,
        "total": total,
        "copies": copies,
        "copied": copied,
        "trust": sorted(trust.items(), key=lambda kv: -kv[1]),
    }


def quote(db: sqlite3.Connection, group: str) -> tuple[list[Quote], ReportIndex]:
    """Return every quotation of a group and the lookups naming their articles."""
    found = queries.quote_group(db, group)
    if not found:
        raise NotFoundError(f"no quotation group has the id {group!r}")
    ids = {q.article for q in found} | {q.first_seen for q in found if q.first_seen}
    heads = queries.article_heads(db, ids)
    names = {q.speaker_entity for q in found if q.speaker_entity}
    entities = list(
        queries.records(
            db, Entity, "name IN (SELECT value FROM json_each(?))", (queries.as_json_list(names),)
        )
    )
    index = ReportIndex.of(report_data([*heads, *entities], title=""), link_to=web_href)
    return found, index
