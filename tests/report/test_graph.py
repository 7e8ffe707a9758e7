"""Laying out who copied whom: directions, columns, bands and rows."""

from __future__ import annotations

from datetime import UTC, datetime

from storyline.model import Link
from storyline.report.graph import Edge, copy_edges, layout_copies


def day(n: int) -> datetime:
    return datetime(2025, 3, n, tzinfo=UTC)


def places(layout):
    return {n.id: (n.layer, n.row) for n in layout.nodes}


def test_edges_run_from_the_origin():
    """A link with an origin is drawn from it; same-event links are not drawn at all."""
    links = [
        Link("a", "b", "copy", 0.9, origin="b"),
        Link("a", "c", "same_event", 0.5),
        Link("b", "c", "spun", 0.7, origin="b"),
    ]
    edges = copy_edges(links, "abc", {})
    assert edges == (Edge("b", "a", "copy", True), Edge("b", "c", "spun", True))


def test_without_origin_the_earlier_date_leads_else_undirected():
    """No origin: the earlier publication date gives the direction; no dates, no arrow."""
    links = [Link("a", "b", "near_copy", 0.8), Link("c", "d", "copy", 0.9)]
    edges = copy_edges(links, "abcd", {"a": day(5), "b": day(3), "c": day(1)})
    assert edges == (Edge("b", "a", "near_copy", True), Edge("c", "d", "copy", False))


def test_links_outside_the_story_are_left_out():
    """Only links whose two articles are both in the story are drawn."""
    assert copy_edges([Link("a", "x", "copy", 1.0, origin="a")], "ab", {}) == ()


def test_chain_gets_one_column_per_generation():
    """An original, its copy and the copy's copy sit in columns 0, 1 and 2 of one row."""
    edges = [Edge("a", "b", "copy", True), Edge("b", "c", "copy", True)]
    layout = layout_copies("cba", edges, {})
    assert places(layout) == {"a": (0, 0), "b": (1, 0), "c": (2, 0)}
    assert (layout.layers, layout.rows) == (3, 1)


def test_fan_out_stacks_copies_in_the_next_column():
    """Three copies of one original share column 1, one row each."""
    edges = [Edge("o", x, "copy", True) for x in "xyz"]
    layout = layout_copies("oxyz", edges, {})
    assert places(layout) == {"o": (0, 0), "x": (1, 0), "y": (1, 1), "z": (1, 2)}
    assert layout.rows == 3


def test_groups_get_separate_bands_earliest_first():
    """Two copy groups never share a row; the one with the earlier root is on top."""
    edges = [Edge("late", "late2", "copy", True), Edge("early", "early2", "spun", True)]
    published = {"late": day(9), "early": day(1)}
    layout = layout_copies(["late", "late2", "early", "early2"], edges, published)
    assert places(layout) == {"early": (0, 0), "early2": (1, 0), "late": (0, 1), "late2": (1, 1)}


def test_longest_chain_decides_the_column():
    """An article copying both the original and a first copy sits after the first copy."""
    edges = [
        Edge("a", "b", "copy", True),
        Edge("b", "c", "copy", True),
        Edge("a", "c", "copy", True),
    ]
    assert places(layout_copies("abc", edges, {}))["c"] == (2, 0)


def test_articles_without_copies_are_not_placed():
    """Independent articles are left out of the drawing (the report lists them below it)."""
    layout = layout_copies("abq", [Edge("a", "b", "copy", True)], {})
    assert {n.id for n in layout.nodes} == {"a", "b"}


def test_undirected_edge_follows_dates_for_columns():
    """An undirected pair is laid out earlier date first, without claiming an origin."""
    layout = layout_copies("ab", [Edge("b", "a", "copy", False)], {"a": day(1), "b": day(2)})
    assert places(layout) == {"a": (0, 0), "b": (1, 0)}


def test_cycle_is_broken_and_every_article_placed():
    """Two links naming each other's article as origin still give a finite layout."""
    edges = [Edge("a", "b", "copy", True), Edge("b", "a", "copy", True)]
    layout = layout_copies("ab", edges, {"a": day(1)})
    assert places(layout) == {"a": (0, 0), "b": (1, 0)}


def test_copies_sit_beside_their_source():
    """In a column, a copy is ordered by the row of the article it copies."""
    edges = [
        Edge("r", "p", "copy", True),
        Edge("r", "q", "copy", True),
        Edge("q", "q2", "copy", True),
        Edge("p", "p2", "copy", True),
    ]
    layout = places(layout_copies(["r", "p", "q", "q2", "p2"], edges, {}))
    assert layout["p"][1] < layout["q"][1]
    assert layout["p2"][1] < layout["q2"][1]
