"""Full-text search over the store's FTS5 indexes: articles, quotations, speakers, entities."""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storyline.timestamps import parse_timestamp

MAX_QUERY_CHARS = 500  # longer input is not a search a person typed
ARTICLE_HITS = 100  # best-matching articles ranked, then grouped by storyline
QUOTE_HITS = 100
# BM25 costs time in proportion to the matches: a word in most of 100,000 articles takes
# half a second to rank. Beyond this many matches, only the most recently stored are ranked.
RANK_WINDOW = 20_000
ENTITY_HITS = 20
RECENCY_HALF_LIFE_DAYS = 180.0  # an article this much older than the newest hit counts half
RECENCY_WEIGHT = 0.3  # share of the score recency can move; relevance leads
TITLE_WEIGHT = 5.0  # a word in the title counts as much as five in the text
# Snippet markers: control characters that cleaned article text does not hold.
HIT_START, HIT_END = "\x02", "\x03"
TERM = re.compile(r"\S+")


class QueryError(ValueError):
    """The search query cannot be used; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class ArticleHit:
    """An article matching the query, with its snippet and combined score (higher better)."""

    id: str
    title: str
    source: str
    path: str
    published: datetime | None
    snippet: str  # with HIT_START/HIT_END around matched words
    score: float


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A quotation whose words or speaker match the query."""

    article: str
    start: int
    text: str
    speaker: str
    speaker_entity: str | None
    group: str | None


@dataclass(frozen=True, slots=True)
class EntityHit:
    """A person, organisation or place whose name matches."""

    id: str
    name: str
    kind: str
    articles: int


@dataclass(frozen=True, slots=True)
class Results:
    """What one search found; `note` says when the query was read differently than typed."""

    query: str
    articles: tuple[ArticleHit, ...] = ()
    quotes: tuple[QuoteHit, ...] = ()
    entities: tuple[EntityHit, ...] = ()
    note: str = ""
    storylines: dict[str, list[str]] = field(default_factory=dict)  # article id -> storylines


def plain_words(query: str) -> str:
    """Return the query as FTS5 phrases, one per word, so any punctuation is searched as text."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in TERM.findall(query))


def check_query(query: str) -> str:
    """Return the query stripped, or raise QueryError when it cannot be searched."""
    query = query.strip()
    if not query:
        raise QueryError("type one or more words to search for")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(query)} characters long; at most {MAX_QUERY_CHARS}")
    if "\x00" in query:
        raise QueryError("the query holds a NUL character")
    return query


def _score(relevance: float, published: datetime | None, newest: datetime | None) -> float:
    if published is None or newest is None:
        recency = 0.0
    else:
        age_days = max(0.0, (newest - published).total_seconds() / 86400)
        recency = math.pow(0.5, age_days / RECENCY_HALF_LIFE_DAYS)
    return relevance * (1 - RECENCY_WEIGHT + RECENCY_WEIGHT * recency)


def window_start(db: sqlite3.Connection, table: str, match: str) -> int:
    """Return the smallest rowid among the RANK_WINDOW latest matches (0 when fewer match)."""
    row = db.execute(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        (match, RANK_WINDOW - 1),
    ).fetchone()
    return 0 if row is None else int(row[0])


def _search_articles(db: sqlite3.Connection, match: str) -> list[ArticleHit]:
    rows = list(
        db.execute(
            "SELECT a.id, a.title, a.source, a.path, a.published, "
            f"-bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS relevance, "
            f"snippet(articles_fts, 1, '{HIT_START}', '{HIT_END}', '…', 24) AS snippet "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? ORDER BY rank LIMIT ?",
            (match, window_start(db, "articles_fts", match), ARTICLE_HITS),
        )
    )
    dates = [parse_timestamp(row["published"]) for row in rows]
    newest = max((d for d in dates if d is not None), default=None)
    hits = [
        ArticleHit(
            row["id"],
            row["title"],
            row["source"],
            row["path"],
            when,
            row["snippet"],
            _score(row["relevance"], when, newest),
        )
        for row, when in zip(rows, dates, strict=True)
    ]
    return sorted(hits, key=lambda h: -h.score)


def _search_quotes(db: sqlite3.Connection, match: str) -> list[QuoteHit]:
    rows = db.execute(
        'SELECT q.article, q.start, q.text, q.speaker, q.speaker_entity, q."group" '
        "FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid "
        "WHERE quotes_fts MATCH ? AND quotes_fts.rowid >= ? ORDER BY rank LIMIT ?",
        (match, window_start(db, "quotes_fts", match), QUOTE_HITS),
    )
    return [QuoteHit(*row) for row in rows]


def _search_entities(db: sqlite3.Connection, match: str) -> list[EntityHit]:
    rows = db.execute(
        "SELECT e.id, e.name, e.type, json_array_length(e.articles) "
        "FROM entities_fts JOIN entities e ON e.rowid = entities_fts.rowid "
        "WHERE entities_fts MATCH ? ORDER BY rank LIMIT ?",
        (match, ENTITY_HITS),
    )
    return [EntityHit(*row) for row in rows]


def _storylines_of(db: sqlite3.Connection, article_ids: list[str]) -> dict[str, list[str]]:
    rows = db.execute(
        "SELECT sa.article, sa.story FROM story_articles sa JOIN stories s ON s.id = sa.story "
        "WHERE s.level = 'storyline' AND sa.article IN (SELECT value FROM json_each(?))",
        (json.dumps(article_ids),),
    )
    held: dict[str, list[str]] = {}
    for article, story in rows:
        held.setdefault(article, []).append(story)
    return held


def _or_none(found: Callable[[], list[Any]]) -> list[Any] | None:
    try:
        return found()
    except sqlite3.OperationalError as err:
        if not _is_query_error(err):
            raise
        return None


def search(db: sqlite3.Connection, query: str) -> Results:
    """Return what matches `query`, read as FTS5 syntax, else as plain words.

    FTS5 syntax gives phrases ("oil spill"), OR, NOT, prefixes (evac*) and columns
    (title: spill); a query that is not valid syntax ("O'Brien", "U.S.") is searched as
    its words, and the note says so. Each index is asked on its own, so a column filter
    that only articles have (title:) does not empty the others' answer with an error.
    """
    query = check_query(query)
    match, note = query, ""
    hits = _or_none(lambda: _search_articles(db, query))
    if hits is None:
        match = plain_words(query)
        note = "not valid search syntax; searched for the words as typed"
        hits = _or_none(lambda: _search_articles(db, match))
        if hits is None:
            raise QueryError("cannot search for this; try plain words")
    return Results(
        query,
        tuple(hits),
        tuple(_or_none(lambda: _search_quotes(db, match)) or ()),
        tuple(_or_none(lambda: _search_entities(db, match)) or ()),
        note,
        _storylines_of(db, [h.id for h in hits]),
    )


def _is_query_error(err: sqlite3.OperationalError) -> bool:
    # FTS5 reports a bad query in many words ("syntax error", "unknown special query", "no
    # such column"); only a store that cannot be read is the server's problem.
    text = str(err).lower()
    return not any(word in text for word in ("locked", "busy", "disk", "unable to open", "i/o"))
