"""Link articles that copy, trim or spin one another, say who came first, and trace groups."""

from __future__ import annotations

import logging
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

from storyline.dedup.verify import Verdict, verify
from storyline.model import Article, Link, Relation

log = logging.getLogger(__name__)

COPY_LIKE: frozenset[Relation] = frozenset({"copy", "near_copy", "spun", "translation"})
CONTAINED = 0.9  # coverage from which the shorter text counts as wholly inside the longer
PARTIAL = 0.8  # coverage below which the longer text has material the shorter lacks
TRIM_MARGIN = 0.15  # this much more of one text aligned than of the other: it was trimmed


@dataclass(frozen=True, slots=True)
class ProvenanceTree:
    """A group of copies: the earliest known source at the root, each copy under its source."""

    root: str
    edges: tuple[tuple[str, str], ...]  # (source, copy)


def text_of(article: Article) -> str:
    """Return the text links are computed on: the cleaned text, else the raw one."""
    return article.text or article.raw_text


def find_origin(a: Article, b: Article, verdict: Verdict) -> str | None:
    """Return the id of the article that came first, or None when it cannot be told.

    The earlier publication date wins. Without dates, a text wholly contained in a longer
    one is taken for a trimmed reprint of it, so the longer one is the origin.
    """
    if verdict.relation not in COPY_LIKE:
        return None
    if a.published_at and b.published_at and a.published_at != b.published_at:
        return a.id if a.published_at < b.published_at else b.id
    if verdict.coverage_a >= CONTAINED and verdict.coverage_b < PARTIAL:
        return b.id
    if verdict.coverage_b >= CONTAINED and verdict.coverage_a < PARTIAL:
        return a.id
    # A trimmed and lightly edited reprint: mostly inside the other, which has much more.
    if (
        min(verdict.coverage_a, verdict.coverage_b)
        < PARTIAL
        <= max(verdict.coverage_a, verdict.coverage_b)
        and abs(verdict.coverage_a - verdict.coverage_b) >= TRIM_MARGIN
    ):
        return a.id if verdict.coverage_b > verdict.coverage_a else b.id
    return None


SAME_EVENT_DAYS = 1  # reports of one happening appear within a day of each other


def make_link(a: Article, b: Article, verdict: Verdict) -> Link | None:
    """Turn a verdict on two articles into a link, or None when they are unrelated."""
    if verdict.relation is None:
        return None
    if b.id < a.id:  # links are stored with a < b; the evidence is swapped with them
        return make_link(b, a, verify(text_of(b), text_of(a)))
    return Link(
        a.id, b.id, verdict.relation, verdict.score, find_origin(a, b, verdict), verdict.evidence
    )


def drop_follow_ups(links: list[Link], published: Mapping[str, datetime | None]) -> Iterator[Link]:
    """Drop same-event links between reports written days apart: follow-ups reusing background.

    `published` dates the linked articles. A copy's text was written when its origin was,
    so a copy is dated by its origin.
    """
    root = {}
    for link in links:
        if link.relation in COPY_LIKE and link.origin is not None:
            copy = link.b if link.origin == link.a else link.a
            root[copy] = link.origin
    for link in links:
        if link.relation == "same_event":
            a, b = published.get(root.get(link.a, link.a)), published.get(root.get(link.b, link.b))
            if a and b and abs((a.date() - b.date()).days) > SAME_EVENT_DAYS:
                continue
        yield link


def compare(
    a_text: str,
    b_text: str,
    *,
    a_id: str = "a",
    b_id: str = "b",
    a_published_at: datetime | None = None,
    b_published_at: datetime | None = None,
) -> Link | None:
    """Return the link between two texts, with evidence, or None if they are unrelated."""
    a = Article(
        id=a_id, path=a_id, file=a_id, format="text", raw_text=a_text, published_at=a_published_at
    )
    b = Article(
        id=b_id, path=b_id, file=b_id, format="text", raw_text=b_text, published_at=b_published_at
    )
    return make_link(a, b, verify(a_text, b_text))


def copy_groups(links: Iterable[Link]) -> list[set[str]]:
    """Return the groups of articles joined by copy-like links (copies of one text)."""
    pairs = [(link.a, link.b) for link in links if link.relation in COPY_LIKE]
    return connected_groups({x for pair in pairs for x in pair}, pairs)


def connected_groups(nodes: Iterable[str], pairs: Iterable[tuple[str, str]]) -> list[set[str]]:
    """Return the connected components of an undirected graph, in order of their least node."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    seen: set[str] = set()
    groups = []
    for start in sorted(nodes):
        if start in seen:
            continue
        group, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node not in group:
                group.add(node)
                todo.extend(neighbours[node] - group)
        seen |= group
        groups.append(group)
    return groups


def count_independent_sources(article_ids: Iterable[str], links: Iterable[Link]) -> int:
    """Count the articles among `article_ids` that are not copies of one another."""
    return CopyGraph.of(links).independent(article_ids)


@dataclass(frozen=True, slots=True)
class CopyGraph:
    """Each article's copy-like neighbours: built once, to count independent sources among
    many sets of articles (a timeline's events) without reading every link for each."""

    neighbours: Mapping[str, frozenset[str]]

    @classmethod
    def of(cls, links: Iterable[Link]) -> CopyGraph:
        neighbours: dict[str, set[str]] = defaultdict(set)
        for link in links:
            if link.relation in COPY_LIKE:
                neighbours[link.a].add(link.b)
                neighbours[link.b].add(link.a)
        return cls({a: frozenset(others) for a, others in neighbours.items()})

    def independent(self, article_ids: Iterable[str]) -> int:
        """Count the articles among `article_ids` that are not copies of one another: the
        groups they form through copy links between them."""
        ids = set(article_ids)
        seen: set[str] = set()
        groups = 0
        for start in ids:
            if start in seen:
                continue
            groups += 1
            seen.add(start)
            todo = [start]
            while todo:
                for other in self.neighbours.get(todo.pop(), ()):
                    if other in ids and other not in seen:
                        seen.add(other)
                        todo.append(other)
        return groups


def provenance_trees(
    links: Iterable[Link], published: Mapping[str, datetime | None]
) -> list[ProvenanceTree]:
    """Return one tree per copy group, rooted at its earliest article.

    The root is the earliest dated article, else the one most often named as origin, else
    the smallest id. Each other article hangs under the article it was first reached from,
    walking the copy links breadth first from the root.
    """
    links = [link for link in links if link.relation in COPY_LIKE]
    origins: dict[str, int] = defaultdict(int)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for link in links:
        neighbours[link.a].append(link.b)
        neighbours[link.b].append(link.a)
        if link.origin:
            origins[link.origin] += 1

    def rank(node: str) -> tuple[int, datetime | str, int, str]:
        when = published.get(node)
        return (0, when, -origins[node], node) if when else (1, "", -origins[node], node)

    trees = []
    for group in copy_groups(links):
        root = min(group, key=rank)
        edges, seen, queue = [], {root}, deque([root])
        while queue:
            node = queue.popleft()
            for other in sorted(neighbours[node], key=rank):
                if other not in seen:
                    seen.add(other)
                    edges.append((node, other))
                    queue.append(other)
        trees.append(ProvenanceTree(root, tuple(edges)))
    return trees
