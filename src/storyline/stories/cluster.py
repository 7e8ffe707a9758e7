"""Assign articles to events and events to storylines, incrementally."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from storyline.model import Article, Link, Relation, Story
from storyline.stories.decay import when_of
from storyline.stories.embed import count_article, weigh
from storyline.stories.passes import merge_events, merge_storylines, refine, refine_storylines
from storyline.stories.placement import Placement
from storyline.stories.records import make_stories, remember_surfaces
from storyline.stories.state import StoryState, When

log = logging.getLogger(__name__)

COPY_LIKE: frozenset[Relation] = frozenset({"copy", "near_copy", "spun", "translation"})


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
    # A brief's time is the feed's stamp, to the minute, where an article's date is often a
    # bare day: the coverage of one happening in headlines is a news cycle, and the same topic
    # a day on (the next market close, the next day of a crisis) is the next event. Half a
    # day of grace, then e-fold per half day: a day on, the decay (e^-1) outweighs the lower
    # brief threshold (0.12 / 0.30 = 0.4), so a brief then needs an article's cosine.
    brief_grace_days: float = 0.5
    brief_scale_days: float = 0.5
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
    # Storylines sharing `shared_actors` of their `actor_names` heaviest names (whole-topic
    # IDF weights them, so a name every story mentions is rarely among them) merge across
    # any time gap when their undecayed centroids reach `actor_merge_threshold`: a death
    # and the trial it led to, two years apart. One shared name (a country, the paper's
    # own) is never enough, and the cosine asks for shared vocabulary as well.
    actor_merge_threshold: float = 0.4
    actor_names: int = 6
    shared_actors: int = 3
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
    run = Placement(state, config)
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
        refine(run, [a for a in new if a.id not in copy_ids], vectors, whens)
        refine_storylines(run, before)
        for _ in range(config.merge_rounds):
            if not merge_storylines(run):
                break
        briefs = [a for a in new if a.brief and a.id not in copy_ids]
        touched = Counter(state.event_of[a.id] for a in briefs)
        others = Counter(state.event_of[a.id] for a in new if not a.brief)
        merge_events(run, {e for e, n in touched.items() if n > others[e]})
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
