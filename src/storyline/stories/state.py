"""What story clustering remembers between runs, and its JSON form for the store."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storyline.model import StoryLevel
from storyline.stories.embed import DocumentFrequencies, Vector, norm

STATE_VERSION = "stories.state.v1"

# When an article was published: a full date, a month and day whose year is unknown (a
# dateline like "HARBORVILLE, March 5"), or nothing.
When = datetime | tuple[int, int] | None


def month_day(when: When) -> tuple[int, int] | None:
    """Return the month and day of a date, full or partial."""
    if isinstance(when, datetime):
        return when.month, when.day
    return when


def story_id(level: StoryLevel, first_article: str) -> str:
    """Return the stable id of a story from its level and the first article assigned to it."""
    return hashlib.sha1(f"{level}:{first_article}".encode()).hexdigest()[:16]


@dataclass(slots=True)
class Cluster:
    """An event or a storyline being built: its members, centroid and date span."""

    id: str
    level: StoryLevel
    articles: dict[str, When] = field(default_factory=dict)  # id -> published
    centroid: Vector = field(default_factory=dict)  # sum of its independent members' vectors
    length: float = 0.0  # Euclidean length of the centroid, kept up to date
    start_at: datetime | None = None
    end_at: datetime | None = None
    parent: str | None = None  # an event's storyline
    children: set[str] = field(default_factory=set)  # a storyline's events
    month_days: set[tuple[int, int]] = field(default_factory=set)  # of members, full or partial
    # Copies are members whose dates say when they were reprinted, not when it happened, so
    # they stay out of the span that time decay reads (Story records still list them).
    copies: set[str] = field(default_factory=set)
    first_s: float | None = None  # start_at and end_at as POSIX seconds, for fast comparisons
    last_s: float | None = None

    def widen(self, when: When) -> None:
        """Stretch the date span to include `when`."""
        md = month_day(when)
        if md is not None:
            self.month_days.add(md)
        if not isinstance(when, datetime):
            return
        self.start_at = when if self.start_at is None else min(self.start_at, when)
        self.end_at = when if self.end_at is None else max(self.end_at, when)
        self.first_s, self.last_s = self.start_at.timestamp(), self.end_at.timestamp()

    def recompute_span(self) -> None:
        """Set the date span from the dates of the members that are not copies."""
        own = [d for a, d in self.articles.items() if a not in self.copies]
        dates = [d for d in own if isinstance(d, datetime)]
        self.start_at = min(dates, default=None)
        self.end_at = max(dates, default=None)
        self.first_s = None if self.start_at is None else self.start_at.timestamp()
        self.last_s = None if self.end_at is None else self.end_at.timestamp()
        self.month_days = {md for d in own if (md := month_day(d))}

    def refresh_length(self) -> None:
        """Recompute the centroid's length after it changed."""
        self.length = norm(self.centroid)


@dataclass(slots=True)
class StoryState:
    """Everything an incremental run needs: frequencies, clusters, assignments, index."""

    df: DocumentFrequencies = field(default_factory=DocumentFrequencies)
    events: dict[str, Cluster] = field(default_factory=dict)
    storylines: dict[str, Cluster] = field(default_factory=dict)
    event_of: dict[str, str] = field(default_factory=dict)  # article id -> event id
    surface: dict[str, str] = field(default_factory=dict)  # feature -> how it is written
    # Inverted index feature -> event ids, derived from the events and never persisted.
    event_index: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def reweigh(self, old: DocumentFrequencies) -> None:
        """Bring centroids weighed under `old` frequencies to the current ones.

        A centroid sums article vectors weighed with the IDF of their time; a small first
        batch makes the words of its one big story look common, and its clusters would keep
        those weights forever. Scaling each feature by new IDF / old IDF gives the weights a
        single batch would have (up to each article's normalization).
        """
        ratio: dict[str, float] = {}
        for cluster in (*self.events.values(), *self.storylines.values()):
            for feature, weight in cluster.centroid.items():
                r = ratio.get(feature)
                if r is None:
                    r = ratio[feature] = self.df.idf(feature) / old.idf(feature)
                cluster.centroid[feature] = weight * r
            cluster.refresh_length()

    def to_json(self) -> str:
        """Return the state as JSON, for the store to keep between runs."""
        return json.dumps(
            {
                "version": STATE_VERSION,
                "documents": self.df.documents,
                "df": dict(self.df.counts),
                "surface": self.surface,
                "events": [_dump_cluster(self.events[k]) for k in sorted(self.events)],
                "storylines": [_dump_cluster(self.storylines[k]) for k in sorted(self.storylines)],
            },
            ensure_ascii=False,
            separators=(",", ":"),
            sort_keys=True,  # the same state gives the same bytes, whatever the hash seed
        )

    @classmethod
    def from_json(cls, text: str) -> StoryState:
        """Rebuild a state written by `to_json`, with its indexes."""
        data = json.loads(text)
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"unknown story state version {data.get('version')!r}")
        state = cls(DocumentFrequencies(data["documents"], Counter(data["df"])))
        state.surface = data["surface"]
        for raw in data["storylines"]:
            cluster = _load_cluster(raw)
            state.storylines[cluster.id] = cluster
        for raw in data["events"]:
            cluster = _load_cluster(raw)
            state.events[cluster.id] = cluster
            index_cluster(state.event_index, cluster)
            state.event_of.update(dict.fromkeys(cluster.articles, cluster.id))
            if cluster.parent:
                state.storylines[cluster.parent].children.add(cluster.id)
        return state


def index_cluster(index: defaultdict[str, list[str]], cluster: Cluster) -> None:
    """Add a cluster to an inverted index under each feature of its centroid."""
    for feature in cluster.centroid:
        index[feature].append(cluster.id)


def _iso(when: When) -> str | None:
    """Return a date in ISO 8601: a full timestamp, "--MM-DD" without a year, or None."""
    if when is None:
        return None
    if isinstance(when, datetime):
        return when.isoformat()
    return f"--{when[0]:02d}-{when[1]:02d}"


def _parse(text: str | None) -> When:
    if text is None:
        return None
    if text.startswith("--"):
        return int(text[2:4]), int(text[5:7])
    return datetime.fromisoformat(text)


def _dump_cluster(cluster: Cluster) -> dict[str, Any]:
    return {
        "id": cluster.id,
        "level": cluster.level,
        "articles": [[a, _iso(d)] for a, d in cluster.articles.items()],
        # Five decimals are far finer than any threshold, and halve the state's size.
        # 8 digits: with 5, near-tied title words of a reloaded state could swap places
        "centroid": {f: round(w, 8) for f, w in cluster.centroid.items()},
        "parent": cluster.parent,
        "copies": sorted(cluster.copies),
    }


def _load_cluster(raw: dict[str, Any]) -> Cluster:
    articles = {a: _parse(d) for a, d in raw["articles"]}
    cluster = Cluster(raw["id"], raw["level"], articles, raw["centroid"], parent=raw["parent"])
    cluster.copies = set(raw["copies"])
    cluster.recompute_span()
    cluster.refresh_length()
    return cluster
