"""The steps that need the whole store: links, quotation groups, stories and timelines."""

from __future__ import annotations

import logging
from dataclasses import replace

import numpy as np

from storyline.dedup.linking import (
    SHARD_SIZE,
    LinkConfig,
    Pairs,
    Signatures,
    final_links,
    find_candidates,
    fingerprint,
    sign_texts,
    verify_candidates,
)
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
from storyline.store.tables import from_row, to_row
from storyline.stories import StoryState, cluster_stories
from storyline.stories.headline import headline_stories
from storyline.timeline.build import build_timelines
from storyline.timeline.summarize import summarize_stories
from storyline.timestamps import parse_timestamp

log = logging.getLogger(__name__)


def link_store(store: Store, tasks: Tasks, config: LinkConfig | None = None) -> int:
    """Find copies, near copies, spun rewrites and same-event pairs; store them as `links`.

    Incremental, and the same as linking the whole store afresh. Each article's signatures
    are kept, so only new or changed texts are read and signed; the candidate pairs, which
    hang on the whole corpus (crowded buckets, stock phrases, each text's closest partners),
    are found again from every kept signature, which is cheap; and only candidates not
    verified before are verified, the verdicts on the others being kept too. Articles are
    read shard by shard and handed to `tasks` (a process pool, or Ray's object store), so
    this process never holds every text when the tasks run elsewhere. Returns the links.
    """
    config = config or LinkConfig()
    # 1. What each article's verdicts hang on; briefs have no body to align (two empty
    # texts would look like copies of each other).
    # The text linking reads (as text_of): one copy of a long article at a time, not two.
    columns = ("id", "coalesce(nullif(text, ''), raw_text) AS text", "published")
    prints, published = {}, {}
    for row in store.rows("articles", columns, order_by="id", where="NOT brief"):
        prints[row["id"]] = fingerprint(row["text"], row["published"], config)
        published[row["id"]] = parse_timestamp(row["published"], keep_offset=True)
    kept = store.link_fingerprints()
    fresh = [i for i, f in prints.items() if kept.get(i) != f]
    store.forget_link_signatures(i for i in kept if i not in prints)  # their links go too
    unchanged = set(prints) - set(fresh)
    known = _known_verdicts(store, unchanged)  # read before signing forgets the fresh ones'
    # 2. Sign the new and changed texts; keep their signatures.
    signing = [
        (chunk, tasks.run(sign_texts, tasks.put(list(store.articles(*among("id", chunk)))), config))
        for chunk in _chunks(fresh)
    ]
    for chunk, ref in signing:
        rows = tasks.get([ref])[0].to_bytes()
        store.save_link_signatures(
            (i, prints[i], *parts) for i, parts in zip(chunk, rows, strict=True)
        )
    # 3. Candidates among all articles, from the kept signatures.
    ids = list(prints)
    chunks = _chunks(ids)
    signed = [tasks.put(_signatures(store, chunk, config)) for chunk in chunks]
    pairs = find_candidates(signed, [len(c) for c in chunks], tasks, config)
    # 4. Verify the candidates not verified before.
    named = [(ids[i], ids[j]) for i, j in pairs.tolist()]
    todo = np.asarray([k for k, pair in enumerate(named) if pair not in known], dtype=np.int64)
    log.info("%d candidate pairs, %d verified before", len(named), len(named) - len(todo))
    found = _verify(store, tasks, pairs[todo], ids)
    verdicts = {pair: known.get(pair) for pair in named}
    verdicts.update((named[k], link) for k, link in zip(todo.tolist(), found, strict=True))
    # 5. The links, and every other verdict for the next run: both or neither.
    links = final_links((v for v in verdicts.values() if v is not None), published)
    linked = {(k.a, k.b) for k in links}
    checks = (
        to_row(v) if v is not None else (*pair, None, 0.0, None, "")
        for pair, v in sorted(verdicts.items())
        if pair not in linked
    )
    with store.transaction():
        store.replace_link_checks(checks)
        return store.replace_all(Link, links)


def _chunks(ids: list[str]) -> list[list[str]]:
    """Cut ids, in order, into shards of SHARD_SIZE."""
    return [ids[start : start + SHARD_SIZE] for start in range(0, len(ids), SHARD_SIZE)]


def _known_verdicts(store: Store, unchanged: set[str]) -> dict[tuple[str, str], Link | None]:
    """Return the stored verdict on each pair of unchanged articles: its link, or None."""
    known: dict[tuple[str, str], Link | None] = {}
    for link in store.records(Link):
        if link.a in unchanged and link.b in unchanged:
            known[link.a, link.b] = link
    for row in store.rows("link_checks", order_by="a, b"):
        if row["a"] in unchanged and row["b"] in unchanged:
            pair = (row["a"], row["b"])
            known[pair] = None if row["relation"] is None else from_row(Link, dict(row))
    return known


def _signatures(store: Store, chunk: list[str], config: LinkConfig) -> Signatures:
    """Read the kept signatures of the articles `chunk` names, in its (id) order."""
    where, params = among("article", chunk)
    rows = store.rows(
        "link_signatures", ("exact", "spun", "sampled"), "article", where=where, params=params
    )
    return Signatures.from_bytes((tuple(row) for row in rows), config.num_perm)


def _verify(store: Store, tasks: Tasks, pairs: Pairs, ids: list[str]) -> list[Link | None]:
    """Verify pairs of indexes into `ids`, reading only the articles they name."""
    needed = np.unique(pairs.ravel())
    local = np.searchsorted(needed, pairs).reshape(-1, 2)  # order kept: still a < b
    chunks = _chunks([ids[i] for i in needed.tolist()])
    held = [tasks.put(list(store.articles(*among("id", chunk)))) for chunk in chunks]
    return verify_candidates(local, [len(c) for c in chunks], held, tasks)


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
