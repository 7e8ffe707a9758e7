"""The steps that need the whole store: links, quotation groups, stories and timelines."""

from __future__ import annotations

import logging
from dataclasses import replace

from storyline.dedup.linking import SHARD_SIZE, LinkConfig, link_shards
from storyline.entities.names import merge_entities
from storyline.executors.tasks import Tasks
from storyline.model import (
    Article,
    Entity,
    Link,
    Quote,
    Story,
    TimelineEntry,
)
from storyline.quotes.lineage import canonical_speakers, group_quotes
from storyline.store.sqlite import Store, among
from storyline.store.tables import from_row
from storyline.stories import StoryState, cluster_stories
from storyline.stories.headline import headline_stories
from storyline.timeline.build import build_timelines
from storyline.timeline.summarize import summarize_stories
from storyline.timestamps import parse_timestamp

log = logging.getLogger(__name__)


def link_store(store: Store, tasks: Tasks) -> int:
    """Find copies, near copies, spun rewrites and same-event pairs; store them as `links`.

    Articles are read shard by shard and handed to `tasks` (a process pool, or Ray's
    object store), so this process never holds every text when the tasks run elsewhere.
    """
    # Briefs have no body to align: two empty texts would look like copies of each other.
    ids = [row["id"] for row in store.rows("articles", ("id",), order_by="id", where="NOT brief")]
    shards = (
        list(store.articles(*among("id", ids[start : start + SHARD_SIZE])))
        for start in range(0, len(ids), SHARD_SIZE)
    )
    return store.replace_all(Link, link_shards(shards, tasks, LinkConfig()))


def connect_quotes(store: Store) -> int:
    """Merge entities across articles, and group each quotation with its relays; return groups."""
    article_entities = [
        from_row(Entity, dict(row))
        for row in store.rows("article_entities", order_by="article, id")
    ]
    entities = merge_entities(article_entities)
    # Only the dates are needed: reading whole articles would load every text.
    published = {
        row["id"]: parse_timestamp(row["published"])
        for row in store.rows("articles", ("id", "published"))
    }
    quotes = group_quotes(store.records(Quote), published)
    quotes = canonical_speakers(quotes, entities)
    with store.transaction():  # both or neither: a run killed between them redoes the step
        store.replace_all(Entity, entities)
        store.replace_all(Quote, quotes)
    return len({q.group for q in quotes})


def cluster_store(store: Store) -> tuple[int, int]:
    """Group new articles into events and storylines; summarize and date the stories changed.

    The clusterer's state is kept in the store, so only new articles are read and placed,
    and only stories whose articles changed are summarized and dated again (a summary and a
    timeline depend on nothing else). Returns (events, storylines).
    """
    saved = store.story_state()
    state = StoryState.from_json(saved) if saved else StoryState()
    ids = [row["id"] for row in store.rows("articles", ("id",))]
    new_ids = [i for i in ids if i not in state.event_of]
    if saved and not new_ids:
        # Nothing to place: the stored stories are this step's output already. Running the
        # clusterer's whole-store passes again would move them, so a re-run would not be a
        # no-op (the state, stories and timeline are committed together, see below).
        levels = dict(store.tally("stories", "level"))
        return levels.get("event", 0), levels.get("storyline", 0)
    new = _articles_by_id(store, new_ids)
    links = list(store.records(Link))
    result = cluster_stories(list(new.values()), links, state)
    before = {story.id: story for story in store.records(Story)}
    kept, changed = [], []
    for story in result.stories:
        old = before.get(story.id)
        # A story stored before titles were headlines (no keywords) is titled once more.
        if old is not None and old.articles == story.articles and old.keywords:
            kept.append(replace(story, summary=old.summary, title=old.title))
        else:
            changed.append(story)
    articles = _articles_by_id(store, sorted({a for s in changed for a in s.articles}))
    changed = headline_stories(changed, articles)
    summarized = {s.id: s for s in [*kept, *summarize_stories(changed, articles)]}
    stories = [summarized[s.id] for s in result.stories]
    unchanged = {s.id for s in kept if s.level == "storyline"}
    timeline = [e for e in store.records(TimelineEntry) if e.storyline in unchanged]
    timeline += build_timelines(changed, articles, links)
    timeline.sort(key=lambda e: (e.storyline, e.date, e.text))  # rows in key order, every run
    # One transaction: a run killed before it ends finds the old state and redoes the step.
    with store.transaction():
        store.replace_all(Story, stories)
        store.save_story_state(result.state.to_json())
        store.replace_all(TimelineEntry, timeline)
    events = sum(1 for s in stories if s.level == "event")
    return events, len(stories) - events


def _articles_by_id(store: Store, ids: list[str]) -> dict[str, Article]:
    """Read the stored articles named by `ids`, keyed by id."""
    return {article.id: article for article in store.articles(*among("id", ids))}
