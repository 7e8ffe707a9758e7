"""Lay out who-copied-whom as layers: each original in the first column, its copies after it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from storyline.dedup.provenance import connected_groups
from storyline.model import Link

DRAWN = frozenset({"copy", "near_copy", "spun", "translation"})


@dataclass(frozen=True, slots=True)
class Edge:
    """A copy drawn from `source` to `target`; undirected when neither is known to be first."""

    source: str
    target: str
    relation: str
    directed: bool


@dataclass(frozen=True, slots=True)
class Placed:
    """An article placed in the drawing: its column (copy generation) and row."""

    id: str
    layer: int
    row: int


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each article and copy goes; `rows` and `layers` size the drawing."""

    nodes: tuple[Placed, ...]
    edges: tuple[Edge, ...]
    layers: int
    rows: int


def _when(node: str, published: Mapping[str, datetime | None]) -> tuple[int, str]:
    when = published.get(node)
    return (0, when.isoformat()) if when else (1, "")


def copy_edges(
    links: Iterable[Link], ids: Iterable[str], published: Mapping[str, datetime | None]
) -> tuple[Edge, ...]:
    """Return the copy-like links among `ids`, directed from the origin, else the earlier date."""
    keep = set(ids)
    edges = []
    for link in sorted(links, key=lambda x: (x.a, x.b)):
        if link.relation not in DRAWN or link.a not in keep or link.b not in keep:
            continue
        if link.origin in (link.a, link.b):
            target = link.b if link.origin == link.a else link.a
            edges.append(Edge(link.origin, target, link.relation, True))
            continue
        a, b = _when(link.a, published), _when(link.b, published)
        if a[0] == b[0] == 0 and a != b:
            first, second = (link.a, link.b) if a < b else (link.b, link.a)
            edges.append(Edge(first, second, link.relation, True))
        else:
            edges.append(Edge(link.a, link.b, link.relation, False))
    return tuple(edges)


def _order(
    nodes: set[str], edges: list[Edge], published: Mapping[str, datetime | None]
) -> list[str]:
    """Return `nodes` in topological order of the directed edges, earliest first on ties.

    A cycle (two links naming each other's article as origin) is broken at its earliest node.
    """
    incoming: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        if e.directed and e.source != e.target:
            incoming[e.target].add(e.source)
    order: list[str] = []
    left = set(nodes)
    while left:
        free = [n for n in left if not (incoming[n] & left)] or list(left)
        first = min(free, key=lambda n: (_when(n, published), -len(incoming[n]), n))
        order.append(first)
        left.remove(first)
    return order


def _components(nodes: Iterable[str], edges: Iterable[Edge]) -> list[set[str]]:
    return connected_groups(nodes, ((e.source, e.target) for e in edges))


def layout_copies(
    ids: Iterable[str], edges: Iterable[Edge], published: Mapping[str, datetime | None]
) -> Layout:
    """Return a layered layout of the articles joined by `edges`; unjoined articles are left out.

    Each group of copies gets its own band of rows, earliest group on top. Within a group,
    an article's column is the length of the longest chain of copies leading to it from the
    group's root (the earliest article); within a column, articles sit near their sources.
    """
    nodes = list(dict.fromkeys(ids))
    edges = [e for e in edges if e.source in nodes and e.target in nodes]
    joined = {e.source for e in edges} | {e.target for e in edges}
    nodes = [n for n in nodes if n in joined]
    placed: list[Placed] = []
    row0, layers = 0, 0
    bands = [(_order(group, edges, published), group) for group in _components(nodes, edges)]
    for order, group in sorted(bands, key=lambda b: (_when(b[0][0], published), b[0][0])):
        rank = {n: i for i, n in enumerate(order)}
        layer = dict.fromkeys(order, 0)
        parents: dict[str, list[str]] = defaultdict(list)
        for e in edges:
            if e.source in group and e.target in group:
                # An undirected edge, or one against the order (a broken cycle), follows it.
                first, second = sorted((e.source, e.target), key=rank.__getitem__)
                parents[second].append(first)
        for node in order:
            layer[node] = max((layer[p] + 1 for p in parents[node]), default=0)
        rows: dict[str, float] = {}
        height = 0
        for column in sorted(set(layer.values())):
            members = [n for n in order if layer[n] == column]
            # Barycentre of the sources' rows keeps copies beside what they copy.
            members.sort(key=lambda n: (_mean([rows[p] for p in parents[n] if p in rows]), rank[n]))
            for i, node in enumerate(members):
                rows[node] = i
            height = max(height, len(members))
        placed.extend(Placed(n, layer[n], row0 + int(rows[n])) for n in order)
        row0 += height
        layers = max(layers, max(layer.values()) + 1)
    return Layout(tuple(placed), tuple(edges), layers, row0)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0
