"""Quality floors on the shared evaluation data (slow: run with -m slow)."""

from __future__ import annotations

import csv
import statistics

import pytest
from tests.shared_data import DATA, require

from storyline.stories.embed import DocumentFrequencies, count_features, dot, weigh

pytestmark = pytest.mark.slow


def test_semeval_english_pairs_correlate_with_human_ratings() -> None:
    """On SemEval-2022 Task 8 English pairs, similarity correlates with -Overall at 0.75+."""
    path = require(DATA / "semeval2022-task8" / "training_set.csv")
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["lang1"] == r["lang2"] == "en"]
    df = DocumentFrequencies()
    pairs = [(count_features("", r["text1"]), count_features("", r["text2"])) for r in rows]
    for a, b in pairs:
        df.add(a)
        df.add(b)
    sims = [dot(weigh(a, df, 64), weigh(b, df, 64)) for a, b in pairs]
    r = statistics.correlation(sims, [-float(row["Overall"]) for row in rows])
    assert r >= 0.75
