"""Placing articles in events and storylines: the state one clustering call mutates."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from storyline.model import Article
from storyline.stories.decay import DAY_S, Scale, has_time_of_day
from storyline.stories.embed import Vector, add_into, dot, top
from storyline.stories.state import Cluster, StoryState, When, story_id

if TYPE_CHECKING:
    from storyline.stories.cluster import StoryConfig


class Placement:
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
        self.brief_scale = Scale(
            config.brief_grace_days * DAY_S, config.brief_scale_days * DAY_S, anchored=True
        )

    def event_scale_for(self, when: When, *, brief: bool) -> Scale:
        """Return the event time decay for an item: the news-cycle one for a stamped brief."""
        # A brief dated by a bare day (from its URL) may be from any hour of it.
        return self.brief_scale if brief and has_time_of_day(when) else self.event_scale

    def best(
        self,
        vector: Vector,
        when: When,
        own: Cluster | None = None,
        *,
        linking: bool = False,
        brief: bool = False,
    ) -> tuple[Cluster | None, float]:
        """Return the best-scoring event and its score; `own` is the event holding the vector.

        With `linking`, events are scored for the storyline step: over the storyline's time
        scale and against its threshold. Candidates come from the inverted index: a partial
        dot product over the vector's heaviest features ranks them, and only the best few
        get a full cosine. A `brief` is scored with the event decay of briefs.
        """
        index, clusters = self.state.event_index, self.state.events
        scale = self.storyline_scale if linking else self.event_scale_for(when, brief=brief)
        cap = self.config.candidates_per_feature

        def decay_of(cid: str) -> float:
            cluster = clusters.get(cid)
            return scale.decay(when, cluster) if cluster is not None and cluster.length else 0.0

        best, best_score = None, 0.0
        for cluster, decay in ranked(
            top(vector, self.config.query_features),
            lambda feature: index.get(feature, ())[-cap:],
            clusters,
            decay_of,
            self.config.storyline_threshold
            if linking
            else min(self.config.event_threshold, self.config.brief_event_threshold),
            self.config.rescored,
        ):
            score = cosine(vector, cluster, vector if cluster is own else None) * decay
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
        event, score = self.best(vector, when, brief=article.brief)
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


def ranked(
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


def cosine(vector: Vector, cluster: Cluster, exclude: Vector | None) -> float:
    """Return the cosine of a unit vector with a centroid, optionally minus that vector."""
    similarity = dot(vector, cluster.centroid)
    length = cluster.length
    if exclude is not None:
        # |c - v|^2 = |c|^2 - 2 c.v + |v|^2, with |v| = 1 for article vectors.
        similarity -= dot(vector, exclude)
        length = math.sqrt(max(0.0, length * length - 2 * dot(exclude, cluster.centroid) + 1.0))
    return similarity / length if length > 1e-9 else 0.0
