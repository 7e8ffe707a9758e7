"""Sentence centrality in a pool: continuous LexRank (Erkan & Radev 2004) over tf-idf cosines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from storyline.timeline.sentences import Sentence, weigh
from storyline.timeline.summarize import LEAD_SENTENCES, distinct, pick_greedily

DAMPING = 0.85  # the usual PageRank damping: a random reader jumps elsewhere one time in seven
ITERATIONS = 50
TOLERANCE = 1e-6


def lexrank(vectors: Sequence[Mapping[str, float]]) -> list[float]:
    """Return each unit vector's stationary weight in the graph of their cosines."""
    size = len(vectors)
    if size == 0:
        return []
    index: dict[str, int] = {}
    for vector in vectors:
        for word in vector:
            index.setdefault(word, len(index))
    matrix = np.zeros((size, max(1, len(index))))
    for row, vector in enumerate(vectors):
        for word, value in vector.items():
            matrix[row, index[word]] = value
    similarity = matrix @ matrix.T
    np.fill_diagonal(similarity, 0.0)  # a sentence does not vote for itself
    totals = similarity.sum(axis=1, keepdims=True)
    transition = np.divide(
        similarity, totals, out=np.full_like(similarity, 1.0 / size), where=totals > 0
    )
    rank = np.full(size, 1.0 / size)
    for _ in range(ITERATIONS):
        updated = (1.0 - DAMPING) / size + DAMPING * (transition.T @ rank)
        done = float(np.abs(updated - rank).sum()) < TOLERANCE
        rank = updated
        if done:
            break
    return [float(x) for x in rank]


def pick_lexrank(
    candidates: Sequence[Sentence],
    idf: Mapping[str, float],
    count: int,
    *,
    lead_bonus: float = 0.0,
    redundant: float = 0.5,
) -> list[Sentence]:
    """Return up to `count` of the most central candidates, none repeating another.

    Copies are counted once, as in `pick_central`; `lead_bonus` raises the score of an
    article's first sentences by that fraction; a sentence whose cosine to one already chosen
    reaches `redundant` is skipped.
    """
    unique = distinct(candidates)
    vectors = [weigh(s.words, idf) for s in unique]
    weights = lexrank(vectors)

    def score(i: int) -> float:
        lead = lead_bonus if unique[i].index < LEAD_SENTENCES else 0.0
        return weights[i] * (1.0 + lead)

    return pick_greedily(unique, vectors, score, count=count, redundant=redundant)
