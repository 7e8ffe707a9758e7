"""Read-only queries over the store for the web app: one object, or one page of a list."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Hashable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from storyline.errors import StoreError
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
from storyline.report.data import Linker, ReportData, ReportIndex, report_data
from storyline.store.sqlite import article_from_row
from storyline.store.tables import TABLES, from_row

BUSY_TIMEOUT_S = 10  # a reader waits this long for a checkpoint of a concurrent run
PAGE_ARTICLES = 300  # articles a storyline page draws at most; the rest are listed by page
NEEDED_TABLES = ("articles_fts", "story_articles", "entity_articles")
T = TypeVar("T")


def open_readonly(path: Path) -> sqlite3.Connection:
    """Return a connection that cannot write to the store at `path`."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA query_only=ON")  # a second lock: no statement may write
        found = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as err:
        raise StoreError(f"cannot open store {path}: {err}; is it a storyline database?") from err
    if "articles" not in found:
        raise StoreError(f"{path} is not a storyline store (it has no articles table)")
    missing = [t for t in NEEDED_TABLES if t not in found]
    if missing:
        raise StoreError(f"store {path} predates search ({', '.join(missing)} missing)")
    return db


def as_json_list(values: Iterable[str]) -> str:
    """Return values as one JSON array, for `IN (SELECT value FROM json_each(?))`."""
    return json.dumps(list(values))


def records(
    db: sqlite3.Connection, kind: type[Any], where: str, params: tuple[Any, ...]
) -> list[Any]:
    """Return the records of one analysis type whose rows match `where` (which may order)."""
    table = TABLES[kind]
    rows = db.execute(f"SELECT * FROM {table.name} WHERE {where}", params)
    return [from_row(kind, dict(row)) for row in rows]


def articles(db: sqlite3.Connection, ids: Iterable[str]) -> list[Article]:
    """Return the stored articles among `ids`, in id order."""
    rows = db.execute(
        "SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
        (as_json_list(ids),),
    )
    return [article_from_row(row) for row in rows]


# An article without its texts: enough to name and link it (the same fields a stored article
# has, so one reader turns both into records).
ARTICLE_HEAD = (
    "SELECT id, path, file, format, url, source, title, author, published, published_from, "
    "authors, site_name, brief, '' AS raw_text, '' AS text, NULL AS modified, NULL AS fetched, "
    "NULL AS language FROM articles"
)


def article_heads(db: sqlite3.Connection, ids: Iterable[str]) -> list[Article]:
    """Return the articles among `ids` without their texts: enough to name and link them."""
    rows = db.execute(
        f"{ARTICLE_HEAD} WHERE id IN (SELECT value FROM json_each(?))",
        (as_json_list(ids),),
    )
    return [article_from_row(row) for row in rows]


def story(db: sqlite3.Connection, story_id: str) -> Story | None:
    """Return the storyline or event with this id, or None."""
    found = records(db, Story, "id = ?", (story_id,))
    return found[0] if found else None


# Per connection: (data_version when computed, key) -> value. SQLite changes a connection's
# data_version whenever another connection commits, so an entry is dropped as soon as a
# run writes; until then the same question needs no second scan of the store.
_CACHE: dict[int, tuple[int, dict[Hashable, Any]]] = {}


def cached(db: sqlite3.Connection, key: Hashable, compute: Callable[[], T]) -> T:
    """Return `compute()`, remembered on this connection until the store next changes."""
    version = int(db.execute("PRAGMA data_version").fetchone()[0])
    seen, values = _CACHE.get(id(db), (None, {}))
    if seen != version:
        values = {}
        _CACHE[id(db)] = (version, values)
    if key not in values:
        values[key] = compute()
    return values[key]  # type: ignore[no-any-return]


def storylines(db: sqlite3.Connection, offset: int, limit: int) -> list[Story]:
    """Return a page of storylines, the largest first, as the report picks them."""
    order: list[str] = cached(
        db,
        "storyline order",
        lambda: [
            row[0]
            for row in db.execute(
                "SELECT id FROM stories WHERE level = 'storyline' "
                "ORDER BY json_array_length(articles) DESC, id"
            )
        ],
    )
    page = order[offset : offset + limit]
    found = stories_by_id(db, page)
    return [found[i] for i in page if i in found]


def events_of(db: sqlite3.Connection, storyline_ids: Iterable[str]) -> list[Story]:
    """Return the events of these storylines."""
    return records(
        db, Story, "parent IN (SELECT value FROM json_each(?))", (as_json_list(storyline_ids),)
    )


def stories_holding(db: sqlite3.Connection, article_ids: Iterable[str]) -> dict[str, list[str]]:
    """Return {article id: ids of the storylines and events holding it}."""
    rows = db.execute(
        "SELECT article, story FROM story_articles "
        "WHERE article IN (SELECT value FROM json_each(?)) ORDER BY story",
        (as_json_list(article_ids),),
    )
    held: dict[str, list[str]] = {}
    for row in rows:
        held.setdefault(row[0], []).append(row[1])
    return held


def stories_by_id(db: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Story]:
    """Return the stories among `ids`, by id."""
    found = records(db, Story, "id IN (SELECT value FROM json_each(?))", (as_json_list(ids),))
    return {s.id: s for s in found}


def entity(db: sqlite3.Connection, entity_id: str) -> Entity | None:
    """Return the person, organisation or place with this id, or None."""
    found = records(db, Entity, "id = ?", (entity_id,))
    return found[0] if found else None


def entities_of(db: sqlite3.Connection, article_ids: Iterable[str]) -> list[Entity]:
    """Return the entities mentioned in any of these articles."""
    return records(
        db,
        Entity,
        "id IN (SELECT entity FROM entity_articles WHERE article IN "
        "(SELECT value FROM json_each(?)))",
        (as_json_list(article_ids),),
    )


def quotes_of_speaker(db: sqlite3.Connection, name: str, limit: int, offset: int) -> list[Quote]:
    """Return a page of the quotations attributed to the entity named `name`, earliest first."""
    return records(
        db,
        Quote,
        "speaker_entity = ? ORDER BY coalesce(first_seen, article), article, start "
        "LIMIT ? OFFSET ?",
        (name, limit, offset),
    )


def quote_group(db: sqlite3.Connection, group: str) -> list[Quote]:
    """Return every quotation of one group: the statement and each of its relays."""
    return records(db, Quote, '"group" = ? ORDER BY article, start', (group,))


def article_page_of(
    db: sqlite3.Connection,
    where: str,
    params: tuple[Any, ...],
    limit: int,
    offset: int,
) -> list[Article]:
    """Return a page of article heads matching `where`, newest first."""
    rows = db.execute(
        f"{ARTICLE_HEAD} WHERE {where} "
        "ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return [article_from_row(row) for row in rows]


def count(db: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> int:
    """Return the single number an SQL query computes."""
    return int(db.execute(sql, params).fetchone()[0])


def report_for(
    db: sqlite3.Connection,
    article_ids: Iterable[str],
    stories: Iterable[Story] = (),
    *,
    linked: bool = True,
    link_to: Linker,
) -> ReportIndex:
    """Return report lookups over some articles with everything the report shows of them.

    With `linked`, the articles they share links with are named too (heads only, no text).
    """
    ids = sorted(set(article_ids))
    kept = list(stories)
    full = articles(db, ids)
    among = as_json_list(ids)
    links = records(
        db,
        Link,
        "a IN (SELECT value FROM json_each(?1)) OR b IN (SELECT value FROM json_each(?1))",
        (among,),
    )
    if not linked:
        links = [k for k in links if k.a in set(ids) and k.b in set(ids)]
    others = {x for k in links for x in (k.a, k.b)} - set(ids)
    storyline_ids = [s.id for s in kept if s.level == "storyline"]
    found: list[object] = [*kept, *full, *article_heads(db, others), *links]
    found += records(
        db,
        TimelineEntry,
        "storyline IN (SELECT value FROM json_each(?))",
        (as_json_list(storyline_ids),),
    )
    found += entities_of(db, ids)
    for kind in (Quote, DateMention, PublishedDate):
        found += records(db, kind, "article IN (SELECT value FROM json_each(?))", (among,))
    data: ReportData = report_data(found, title="", generated_at=datetime.now(UTC))
    return ReportIndex.of(data, link_to=link_to)


def rows(db: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> Iterator[sqlite3.Row]:
    """Yield the rows of a read query."""
    yield from db.execute(sql, params)
