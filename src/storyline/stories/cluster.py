"""Assign articles to events and events to storylines, incrementally."""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from storyline.model import Article, Link, Relation, Story
from storyline.stories.decay import DAY_S, Scale, when_of
from storyline.stories.embed import Vector, add_into, count_article, dot, top, weigh
from storyline.stories.records import make_stories, remember_surfaces
from storyline.stories.state import Cluster, StoryState, When, story_id

log = logging.getLogger(__name__)

COPY_LIKE: frozenset[Relation] = frozenset({"copy", "near_copy", "spun", "translation"})
REFINE_MARGIN = 0.02  # a refinement move must gain this much, so ties never flip back and forth


@dataclass(frozen=True, slots=True)
class StoryConfig:
    """Thresholds and sizes of story clustering; runs that extend one state must share one.

    A score is the cosine of an article with a cluster's centroid, times a time decay:
    exp(-(gap - grace) / scale) once the gap between the article's date and the cluster's
    date span exceeds the grace period, so articles far apart in time need more evidence.
    """

    event_threshold: float = 0.30
    # An event's decay runs from its first report (see `Scale.anchored`): a next-day report
    # joins freely, one two days on needs a far closer match, a week on none.
    event_grace_days: float = 1.0
    event_scale_days: float = 1.0
    storyline_threshold: float = 0.15
    storyline_grace_days: float = 30.0
    storyline_scale_days: float = 60.0
    # features kept per article vector: with 64, a long article kept only its rarest words
    # and missed the storyline its common ones (oil, spill, BP) name
    article_features: int = 128
    cluster_features: int = 160  # features kept per event centroid
    # per storyline centroid: a thread of months spreads over more words than one event
    storyline_features: int = 320
    query_features: int = 8  # an article's heaviest features used to find candidates
    candidates_per_feature: int = 60  # most recent clusters read per index entry
    rescored: int = 8  # best candidates by partial score that get a full cosine
    # A storyline's heaviest features used to find the storylines it may merge with, which
    # are indexed under all their features: storylines are few, so the search can be wide.
    merge_query_features: int = 32
    refine: bool = True  # reassign a batch's articles once more after the first pass
    # Rounds of the storyline merge pass: a merge makes a centroid that can reach others.
    merge_rounds: int = 3
    # A brief (a headline alone) has a handful of words, so its cosine with an event that
    # reports the same happening is lower than a full article's: it joins at a lower score,
    # and then events of one storyline made mostly of briefs merge when their whole
    # centroids reach `brief_merge_threshold` (with the event time decay).
    # A storyline of one or two articles (mostly background pieces: an interview, an
    # analysis) joins the storyline it is closest to at this lower score in the merge pass.
    orphan_threshold: float = 0.08
    orphan_articles: int = 2
    brief_event_threshold: float = 0.12
    brief_merge_threshold: float = 0.17

    def __post_init__(self) -> None:
        for name in ("event_threshold", "storyline_threshold"):
            if not 0.0 < getattr(self, name) < 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {getattr(self, name)}")


@dataclass(frozen=True, slots=True)
class StoryResult:
    """What a clustering call produced: every story so far, and the state to keep."""

    stories: tuple[Story, ...]  # storylines and events, each event after its storyline
    assigned: tuple[tuple[str, str], ...]  # (article id, event id) for this call's articles
    state: StoryState


def copy_sources(links: Iterable[Link]) -> dict[str, str]:
    """Map each article in a copy group to its group's representative (the origin if known)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    origins = set()
    for link in links:
        if link.relation in COPY_LIKE:
            ra, rb = find(link.a), find(link.b)
            parent[max(ra, rb)] = min(ra, rb)
            if link.origin:
                origins.add(link.origin)
    groups: dict[str, list[str]] = defaultdict(list)
    for node in parent:
        groups[find(node)].append(node)
    rep = {}
    for members in groups.values():
        head = min(members, key=lambda m: (m not in origins, m))
        rep.update(dict.fromkeys(members, head))
    return rep


def _order(item: tuple[Article, When]) -> tuple[int, str, str]:
    """Sort key: dated articles oldest first, then month-day ones, then undated; ties by id."""
    article, when = item
    if isinstance(when, datetime):
        return (0, when.astimezone(UTC).isoformat(), article.id)
    if when is not None:
        return (1, f"{when[0]:02d}-{when[1]:02d}", article.id)
    return (2, "", article.id)


class _Run:
    """One clustering call over new articles, mutating the state it was given."""

    def __init__(self, state: StoryState, config: StoryConfig) -> None:
        self.state = state
        self.config = config
        self.event_scale = Scale(
            config.event_grace_days * DAY_S, config.event_scale_days * DAY_S, anchored=True
        )
        self.storyline_scale = Scale(
            config.storyline_grace_days * DAY_S, config.storyline_scale_days * DAY_S
        )

    def best(
        self, vector: Vector, when: When, own: Cluster | None = None, *, linking: bool = False
    ) -> tuple[Cluster | None, float]:
        """Return the best-scoring event and its score; `own` is the event holding the vector.

        With `linking`, events are scored for the storyline step: over the storyline's time
        scale and against its threshold. Candidates come from the inverted index: a partial
        dot product over the vector's heaviest features ranks them, and only the best few
        get a full cosine.
        """
        index, clusters = self.state.event_index, self.state.events
        scale = self.storyline_scale if linking else self.event_scale
        cap = self.config.candidates_per_feature

        def decay_of(cid: str) -> float:
            cluster = clusters.get(cid)
            return scale.decay(when, cluster) if cluster is not None and cluster.length else 0.0

        best, best_score = None, 0.0
        for cluster, decay in _ranked(
            top(vector, self.config.query_features),
            lambda feature: index.get(feature, ())[-cap:],
            clusters,
            decay_of,
            self.config.storyline_threshold
            if linking
            else min(self.config.event_threshold, self.config.brief_event_threshold),
            self.config.rescored,
        ):
            score = _cosine(vector, cluster, vector if cluster is own else None) * decay
            if score > best_score:
                best, best_score = cluster, score
        return best, best_score

    def add(self, cluster: Cluster, article: str, when: When, vector: Vector) -> None:
        """Put an article in a cluster; its vector joins the centroid unless it is a copy."""
        cluster.articles[article] = when
        if not vector:  # a copy
            cluster.copies.add(article)
            return
        cluster.widen(when)
        self.grow(cluster, vector)

    def grow(self, cluster: Cluster, vector: Vector) -> None:
        """Add a vector into a cluster's centroid and index the features it brings."""
        before = set(cluster.centroid)
        add_into(cluster.centroid, vector)
        keep = self.config.cluster_features
        if cluster.level == "storyline":
            keep = self.config.storyline_features
        if len(cluster.centroid) > 2 * keep:
            cluster.centroid = top(cluster.centroid, keep)
        cluster.refresh_length()
        if cluster.level == "event":  # storylines are found through their events
            for feature in cluster.centroid.keys() - before:
                self.state.event_index[feature].append(cluster.id)

    def remove(self, cluster: Cluster, article: str, vector: Vector) -> None:
        """Take an article out of a cluster, dropping the cluster when it empties."""
        del cluster.articles[article]
        cluster.copies.discard(article)
        add_into(cluster.centroid, vector, -1.0)
        cluster.refresh_length()
        cluster.recompute_span()

    def open(self, level: str, article: str) -> Cluster:
        """Start a cluster whose id comes from the level and its first article."""
        cluster = Cluster(story_id("event" if level == "event" else "storyline", article), level)  # type: ignore[arg-type]
        (self.state.events if level == "event" else self.state.storylines)[cluster.id] = cluster
        return cluster

    def event_threshold(self, article: Article) -> float:
        """Return the score an article needs to join an event (lower for a headline alone)."""
        return self.config.brief_event_threshold if article.brief else self.config.event_threshold

    def place(self, article: Article, vector: Vector, when: When) -> Cluster:
        """Assign a new, independent article to its best event, or open one."""
        event, score = self.best(vector, when)
        if event is None or score < self.event_threshold(article):
            # A new event joins the storyline of the most similar earlier event, if any.
            linked, link_score = self.best(vector, when, linking=True)
            if linked is not None and link_score >= self.config.storyline_threshold:
                assert linked.parent is not None
                storyline = self.state.storylines[linked.parent]
            else:
                storyline = self.open("storyline", article.id)
            event = self.open("event", article.id)
            event.parent = storyline.id
            storyline.children.add(event.id)
        self.add(event, article.id, when, vector)
        assert event.parent is not None
        self.add(self.state.storylines[event.parent], article.id, when, vector)
        self.state.event_of[article.id] = event.id
        return event

    def follow(self, article: Article, event: Cluster, when: When) -> None:
        """Put a copy in its source's event without letting it weigh on the centroid."""
        self.add(event, article.id, when, {})
        assert event.parent is not None
        self.add(self.state.storylines[event.parent], article.id, when, {})
        self.state.event_of[article.id] = event.id

    def move(self, article: Article, vector: Vector, target: Cluster, when: When) -> None:
        """Move an article (with its vector) from its event to `target`."""
        source = self.state.events[self.state.event_of[article.id]]
        self.remove(source, article.id, vector)
        assert source.parent is not None
        assert target.parent is not None
        self.remove(self.state.storylines[source.parent], article.id, vector)
        self.add(target, article.id, when, vector)
        self.add(self.state.storylines[target.parent], article.id, when, vector)
        self.state.event_of[article.id] = target.id
        if not source.articles:
            self.drop_event(source)

    def drop_event(self, event: Cluster) -> None:
        """Forget an empty event, and its storyline if that empties too."""
        del self.state.events[event.id]
        assert event.parent is not None
        storyline = self.state.storylines[event.parent]
        storyline.children.discard(event.id)
        if not storyline.children:
            del self.state.storylines[storyline.id]


def _ranked(
    query: Vector,
    lookup: Callable[[str], Iterable[str]],
    clusters: Mapping[str, Cluster],
    decay_of: Callable[[str], float],
    threshold: float,
    keep: int,
) -> list[tuple[Cluster, float]]:
    """Return the `keep` clusters worth a full cosine with `query`, each with its time decay.

    `lookup` reads the inverted index under a feature. Partial dot products over the query's
    features rank the clusters close enough in time to reach `threshold`; clusters too far
    apart are never scored.
    """
    decays: dict[str, float] = {}
    scores: dict[str, float] = defaultdict(float)
    for feature, weight in query.items():
        for cid in lookup(feature):
            decay = decays.get(cid)
            if decay is None:
                decay = decays[cid] = decay_of(cid)
            if decay >= threshold:
                cluster = clusters[cid]
                scores[cid] += weight * cluster.centroid.get(feature, 0.0) / cluster.length
    ranked = sorted(scores, key=lambda c: (-scores[c], c))[:keep]
    return [(clusters[cid], decays[cid]) for cid in ranked]


def _cosine(vector: Vector, cluster: Cluster, exclude: Vector | None) -> float:
    """Return the cosine of a unit vector with a centroid, optionally minus that vector."""
    similarity = dot(vector, cluster.centroid)
    length = cluster.length
    if exclude is not None:
        # |c - v|^2 = |c|^2 - 2 c.v + |v|^2, with |v| = 1 for article vectors.
        similarity -= dot(vector, exclude)
        length = math.sqrt(max(0.0, length * length - 2 * dot(exclude, cluster.centroid) + 1.0))
    return similarity / length if length > 1e-9 else 0.0


def cluster_stories(
    articles: Sequence[Article],
    links: Sequence[Link] = (),
    state: StoryState | None = None,
    config: StoryConfig | None = None,
) -> StoryResult:
    """Assign new articles to events and storylines, extending `state` (updated in place).

    Articles already in the state are skipped, so an incremental call only processes new
    ones. Copies (copy, near_copy, spun, translation links) land in their origin's event
    and do not weigh on its centroid: a story reprinted ten times counts once.
    """
    config = config or StoryConfig()
    state = state if state is not None else StoryState()
    run = _Run(state, config)
    before = set(state.events)
    # 1. New articles, dated ones oldest first, so the result does not depend on input order.
    unique = {a.id: a for a in articles if a.id not in state.event_of}
    whens = {a.id: when_of(a) for a in unique.values()}
    new = [a for a, _ in sorted(((a, whens[a.id]) for a in unique.values()), key=_order)]
    counts = [count_article(a) for a in new]
    old_df = state.df.copy()
    for article, c in zip(new, counts, strict=True):
        state.df.add(c)
        remember_surfaces(state.surface, article)
    state.reweigh(old_df)  # earlier clusters were weighed with the frequencies of their time
    vectors = {
        a.id: weigh(c, state.df, config.article_features) for a, c in zip(new, counts, strict=True)
    }
    # 2. One pass: copies follow their group's first placed member, others find an event.
    source_of = copy_sources(links)
    group_event: dict[str, str] = {}
    for other, rep in sorted(source_of.items()):
        if other in state.event_of:
            group_event.setdefault(rep, state.event_of[other])
    copies: list[Article] = []
    for article in new:
        head = source_of.get(article.id)
        if head is not None and head in group_event:
            copies.append(article)
            run.follow(article, state.events[group_event[head]], whens[article.id])
            continue
        event = run.place(article, vectors[article.id], whens[article.id])
        if head is not None:
            group_event[head] = event.id
    # 3. Refinement: each independent article moves to its best event now that all are in.
    if config.refine:
        copy_ids = {a.id for a in copies}
        _refine(run, [a for a in new if a.id not in copy_ids], vectors, whens)
        _refine_storylines(run, before)
        for _ in range(config.merge_rounds):
            if not _merge_storylines(run):
                break
        briefs = [a for a in new if a.brief and a.id not in copy_ids]
        touched = Counter(state.event_of[a.id] for a in briefs)
        others = Counter(state.event_of[a.id] for a in new if not a.brief)
        _merge_events(run, {e for e, n in touched.items() if n > others[e]})
        groups: dict[str, list[str]] = defaultdict(list)
        for member, head in sorted(source_of.items()):
            groups[head].append(member)
        for article in copies:  # copies follow their source wherever it went
            source = _placed_member(groups[source_of[article.id]], state, copy_ids)
            target = state.events[state.event_of[source]]
            if state.event_of[article.id] != target.id:
                run.move(article, {}, target, whens[article.id])
    log.info("%d new articles; %d events", len(new), len(state.events))
    assigned = tuple((a.id, state.event_of[a.id]) for a in new)
    return StoryResult(make_stories(state), assigned, state)


def _placed_member(members: list[str], state: StoryState, copy_ids: set[str]) -> str:
    """Return a member of a copy group that was placed on its own merits, else any placed one."""
    placed = [m for m in members if m in state.event_of]
    independent = [m for m in placed if m not in copy_ids]
    return (independent or placed)[0]


def _refine(
    run: _Run, articles: list[Article], vectors: Mapping[str, Vector], whens: Mapping[str, When]
) -> None:
    """Move each article to the event it now fits best, if that beats its own by a margin."""
    state = run.state
    for article in articles:
        vector = vectors[article.id]
        if not vector:
            continue
        own = state.events[state.event_of[article.id]]
        when = whens[article.id]
        own_score = _cosine(vector, own, vector) * run.event_scale.decay(when, own)
        best, score = run.best(vector, when, own)
        if best is None or best is own:
            continue
        if score >= run.event_threshold(article) and score > own_score + REFINE_MARGIN:
            run.move(article, vector, best, when)


def _refine_storylines(run: _Run, before: set[str]) -> None:
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


def _merge_storylines(run: _Run) -> int:
    """Merge each small storyline into the larger one its whole centroid is closest to.

    Storylines grow event by event, each event linking to its single most similar earlier
    event; a thread whose events never met one such event stays apart. Comparing whole
    storyline centroids, smallest first, joins the pieces of one thread.
    """
    state, config = run.state, run.config
    index: defaultdict[str, set[str]] = defaultdict(set)
    for sid, storyline in state.storylines.items():
        for feature in storyline.centroid:
            index[feature].add(sid)
    by_size = sorted(state.storylines, key=lambda sid: (len(state.storylines[sid].articles), sid))
    merged = 0
    for sid in by_size:
        small = state.storylines.get(sid)
        if small is None or not small.length:
            continue
        when = small.start_at or min(small.month_days, default=None)
        best, best_score = None, 0.0
        for big, decay in _ranked(
            top(small.centroid, config.merge_query_features),
            lambda feature: index.get(feature, ()),
            state.storylines,
            partial(_absorbing_decay, run, small, when),
            min(config.storyline_threshold, config.orphan_threshold),
            config.rescored,
        ):
            score = dot(small.centroid, big.centroid) / (small.length * big.length) * decay
            if score > best_score:
                best, best_score = big, score
        orphan = len(small.articles) <= config.orphan_articles
        threshold = config.orphan_threshold if orphan else config.storyline_threshold
        if best is None or best_score < threshold:
            continue
        run.grow(best, small.centroid)
        for feature in small.centroid:
            index[feature].add(best.id)
        for eid in sorted(small.children):
            _reparent(state, state.events[eid], small, best)
        merged += 1
    return merged


def _merge_events(run: _Run, touched: set[str]) -> None:
    """Merge each event this call touched into a larger event of its storyline close to it.

    Smallest first; whole centroids are compared, with the event time decay, so only events
    close in time merge. The larger event keeps its id.
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
        for big, decay in _ranked(
            top(unit, config.merge_query_features),
            lambda feature: state.event_index.get(feature, ())[-config.candidates_per_feature :],
            state.events,
            partial(_sibling_decay, run, small, when, siblings),
            config.brief_merge_threshold,
            config.rescored,
        ):
            score = dot(unit, big.centroid) / big.length * decay
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


def _sibling_decay(run: _Run, small: Cluster, when: When, siblings: set[str], other: str) -> float:
    """Return the event time decay from `small` to a larger event of its storyline, else 0."""
    big = run.state.events.get(other)
    if big is None or big is small or other not in siblings or not big.length:
        return 0.0
    if len(big.articles) < len(small.articles):
        return 0.0
    return run.event_scale.decay(when, big)


def _absorbing_decay(run: _Run, small: Cluster, when: When, other: str) -> float:
    """Return the storyline time decay from `small` to `other`, 0 if it cannot absorb it."""
    big = run.state.storylines.get(other)
    if big is None or big is small or not big.length or len(big.articles) < len(small.articles):
        return 0.0
    return run.storyline_scale.decay(when, big)


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
