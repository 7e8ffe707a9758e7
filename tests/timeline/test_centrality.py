"""Tests for LexRank sentence centrality and the summarizer's choices (TimelineMethod)."""

from datetime import date

from storyline.timeline.centrality import lexrank, pick_lexrank
from storyline.timeline.sentences import find_sentences, inverse_frequencies, weigh
from storyline.timeline.tls import TimelineMethod, spread_out, summarize_timeline

from .conftest import article

DAY_REPORTS = [
    "BP said engineers placed a containment cap over the leaking well on Thursday.",
    "The cap placed over the leaking well by BP engineers held overnight.",
    "Engineers for BP said the cap over the well was holding and oil had stopped.",
    "Shares in the hotel chain rose after strong holiday bookings in Spain.",
]


def _pool():
    return [s for i, text in enumerate(DAY_REPORTS) for s in find_sentences(f"a{i}", text)]


def test_lexrank_weights_sum_to_one_and_favour_the_shared_story():
    """The off-topic sentence is the least central; the weights form a distribution."""
    pool = _pool()
    idf = inverse_frequencies(s.words for s in pool)
    weights = lexrank([weigh(s.words, idf) for s in pool])
    assert abs(sum(weights) - 1.0) < 1e-6
    assert weights.index(min(weights)) == 3


def test_pick_lexrank_skips_the_outlier_and_repeats():
    """Two picks come from the cap reports; a near-copy of a chosen one is skipped."""
    pool = [*_pool(), *find_sentences("copy", DAY_REPORTS[0])]
    idf = inverse_frequencies(s.words for s in pool)
    chosen = pick_lexrank(pool, idf, 2, redundant=0.5)
    assert len(chosen) == 2
    assert all("hotel" not in s.text for s in chosen)
    assert len({s.text for s in chosen}) == 2


def test_spread_moves_neighbouring_days_last():
    """With spread 2, the day after the best one waits until the distant ones are placed."""
    ranked = [(date(2010, 4, 20), 5.0), (date(2010, 4, 21), 4.0), (date(2010, 7, 15), 3.0)]
    days = [d for d, _ in spread_out(ranked, 2)]
    assert days == [date(2010, 4, 20), date(2010, 7, 15), date(2010, 4, 21)]
    assert spread_out(ranked, 0) == ranked


def test_across_keeps_one_story_from_telling_two_days():
    """A sentence repeating the one chosen for another day is not chosen again."""
    same = "The rig exploded and sank in the Gulf of Mexico, killing 11 workers."
    articles = [
        article("a", f"{same}\n", "2010-04-20"),
        article("b", f"{same}\n", "2010-04-22"),
        article("c", "Crews began burning oil on the surface of the Gulf today.\n", "2010-04-22"),
    ]
    plain = summarize_timeline(articles, dates=2, sentences=1)
    assert [e.text for e in plain].count(same) == 2
    checked = summarize_timeline(articles, dates=2, sentences=1, method=TimelineMethod(across=0.5))
    assert [e.text for e in checked].count(same) == 1
