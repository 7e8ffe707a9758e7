"""The passes after placing a call's articles: refinement, storyline and event merges."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import partial

from storyline.model import Article
from storyline.stories.decay import spans_decay
from storyline.stories.embed import NAME_MARK, Vector, dot, top
from storyline.stories.placement import Placement, cosine, ranked
from storyline.stories.state import Cluster, StoryState, When

REFINE_MARGIN = 0.02  # a refinement move must gain this much, so ties never flip back and forth


def refine(
    run: Placement,
    articles: list[Article],
    vectors: Mapping[str, Vector],
    whens: Mapping[str, When],
) -> None:
    """Move each article to the event it now fits best, if that beats its own by a margin."""
    state = run.state
    for article in articles:
        vector = vectors[article.id]
        if not vector:
            continue
        own = state.events[state.event_of[article.id]]
        when = whens[article.id]
        scale = run.event_scale_for(when, brief=article.brief)
        own_score = cosine(vector, own, vector) * scale.decay(when, own)
        best, score = run.best(vector, when, own, brief=article.brief)
        if best is None or best is own:
            continue
        if score >= run.event_threshold(article) and score > own_score + REFINE_MARGIN:
            run.move(article, vector, best, when)


def refine_storylines(run: Placement, before: set[str]) -> None:
    """Link each event opened alone in a storyline in this call, now from its whole centroid.

    A new event chose its storyline from its first article alone; with all its articles in,
    an event still alone in its storyline looks again for an earlier event to link to.
    """
    state = run.state
    for eid in sorted(set(state.events) - before):
        event = state.events.get(eid)
        if event is None or not event.length or event.parent is None:
            continue
        own = state.storylines[event.parent]
        if len(own.children) > 1:
            continue
        unit = {f: w / event.length for f, w in event.centroid.items()}
        when = event.start_at or min(event.month_days, default=None)
        linked, score = run.best(unit, when, event, linking=True)
        if linked is None or linked is event or score < run.config.storyline_threshold:
            continue
        assert linked.parent is not None
        target = state.storylines[linked.parent]
        run.grow(target, event.centroid)
        _reparent(state, event, own, target)


def merge_storylines(run: Placement) -> int:
    """Merge each small storyline into the larger one its whole centroid is closest to.

    Storylines grow event by event, each event linking to its single most similar earlier
    event; a thread whose events never met one such event stays apart. Comparing whole
    storyline centroids, smallest first, joins the pieces of one thread. The time decay runs
    over the gap between the two spans, except for storylines sharing their main actors
    (`kindred`): a trial two years after a death is one thread if it names the same people
    and reads alike, so they merge undecayed at the higher `actor_merge_threshold`.
    """
    state, config = run.state, run.config
    index: defaultdict[str, set[str]] = defaultdict(set)
    for sid, storyline in state.storylines.items():
        for feature in storyline.centroid:
            index[feature].add(sid)
    actors: dict[str, frozenset[str]] = {}  # storyline id -> its main actors, until it grows
    by_size = sorted(state.storylines, key=lambda sid: (len(state.storylines[sid].articles), sid))
    merged = 0
    for sid in by_size:
        small = state.storylines.get(sid)
        if small is None or not small.length:
            continue
        best, best_score = None, 0.0
        for big, reach in ranked(
            top(small.centroid, config.merge_query_features),
            lambda feature: index.get(feature, ()),
            state.storylines,
            partial(_absorbing_reach, run, small, actors),
            min(config.storyline_threshold, config.orphan_threshold),
            config.rescored,
        ):
            similarity = dot(small.centroid, big.centroid) / (small.length * big.length)
            decay = spans_decay(run.storyline_scale, small, big)
            score = similarity * decay
            if reach > decay and similarity >= config.actor_merge_threshold:
                score = similarity  # kindred: the same people and words, across any gap
            if score > best_score:
                best, best_score = big, score
        orphan = len(small.articles) <= config.orphan_articles
        threshold = config.orphan_threshold if orphan else config.storyline_threshold
        if best is None or best_score < threshold:
            continue
        run.grow(best, small.centroid)
        actors.pop(best.id, None)
        for feature in small.centroid:
            index[feature].add(best.id)
        for eid in sorted(small.children):
            _reparent(state, state.events[eid], small, best)
        merged += 1
    return merged


def main_actors(cluster: Cluster, count: int) -> frozenset[str]:
    """Return the `count` heaviest names of a centroid (people, places, organizations)."""
    names = {f: w for f, w in cluster.centroid.items() if f.startswith(NAME_MARK)}
    return frozenset(top(names, count))


def merge_events(run: Placement, touched: set[str]) -> None:
    """Merge each event this call touched into a larger event of its storyline close to it.

    Smallest first; whole centroids are compared, and only events whose first reports fall
    within the event grace period of each other merge. The pass joins the pieces of one
    happening that placement split because headlines share few words; a split placement
    made on time (the next day's market report, decayed below the threshold) stands, where
    a decayed score would let two big, similar events of consecutive days merge. The larger
    event keeps its id.
    """
    state, config = run.state, run.config
    for eid in sorted(touched, key=lambda e: (len(state.events[e].articles), e)):
        small = state.events.get(eid)
        if small is None or not small.length or small.parent is None:
            continue
        when = small.start_at or min(small.month_days, default=None)
        unit = {f: w / small.length for f, w in small.centroid.items()}
        best, best_score = None, 0.0
        siblings = state.storylines[small.parent].children
        for big, in_grace in ranked(
            top(unit, config.merge_query_features),
            lambda feature: state.event_index.get(feature, ())[-config.candidates_per_feature :],
            state.events,
            partial(_sibling_in_grace, run, small, when, siblings),
            config.brief_merge_threshold,
            config.rescored,
        ):
            score = dot(unit, big.centroid) / big.length * in_grace
            if score > best_score:
                best, best_score = big, score
        if best is None or best_score < config.brief_merge_threshold:
            continue
        for article, article_when in list(small.articles.items()):
            best.articles[article] = article_when
            state.event_of[article] = best.id
            if article in small.copies:
                best.copies.add(article)
        run.grow(best, small.centroid)
        best.recompute_span()
        siblings.discard(small.id)
        del state.events[small.id]


def _sibling_in_grace(
    run: Placement, small: Cluster, when: When, siblings: set[str], other: str
) -> float:
    """Return 1 for a larger event of `small`'s storyline within the event grace, else 0."""
    big = run.state.events.get(other)
    if big is None or big is small or other not in siblings or not big.length:
        return 0.0
    if len(big.articles) < len(small.articles):
        return 0.0
    # `small` is mostly briefs (see cluster_stories), so the grace of briefs applies
    return 1.0 if run.event_scale_for(when, brief=True).decay(when, big) >= 1.0 else 0.0


def _absorbing_reach(
    run: Placement, small: Cluster, actors: dict[str, frozenset[str]], other: str
) -> float:
    """Return how far `other` can absorb `small`: 0 if it cannot, else the time decay
    between them, or 1 for kindred storylines, which may merge across any gap."""
    big = run.state.storylines.get(other)
    if big is None or big is small or not big.length or len(big.articles) < len(small.articles):
        return 0.0
    config = run.config
    decay = spans_decay(run.storyline_scale, small, big)
    if decay >= 1.0:
        return decay
    for cluster in (small, big):
        if cluster.id not in actors:
            actors[cluster.id] = main_actors(cluster, config.actor_names)
    if len(actors[small.id] & actors[big.id]) >= config.shared_actors:
        return 1.0
    return decay


def _reparent(state: StoryState, event: Cluster, source: Cluster, target: Cluster) -> None:
    """Move an event's articles from one storyline to another (centroids already moved)."""
    for article, when in event.articles.items():
        source.articles.pop(article, None)
        source.copies.discard(article)
        target.articles[article] = when
        if article in event.copies:
            target.copies.add(article)
    source.recompute_span()
    target.recompute_span()
    source.children.discard(event.id)
    target.children.add(event.id)
    event.parent = target.id
    if not source.children:
        del state.storylines[source.id]
