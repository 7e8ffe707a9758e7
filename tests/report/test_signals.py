"""Source-quality signals: copied share, spin, and how far a date can be trusted."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.model import Article, Evidence, Link, Passage, PublishedDate
from storyline.report.signals import covered_share, date_signal, passages_of, signals_of


def article(id_: str, **kw) -> Article:
    return Article(id=id_, path=id_, file=id_, format="text", raw_text="x" * 100, **kw)


def test_covered_share_counts_overlaps_once():
    """Overlapping and out-of-range spans are merged before they are measured."""
    assert covered_share(100, [(0, 30), (20, 50), (90, 200)]) == pytest.approx(0.6)
    assert covered_share(0, [(0, 5)]) == 0.0


def test_passages_are_read_on_the_article_side():
    """The offsets used are the ones of the article asked about (a or b side of the link)."""
    link = Link("a", "b", "copy", 1.0, "a", Evidence((Passage(0, 10, 50, 60),)))
    assert [(p.start, p.end, p.from_origin) for p in passages_of("b", [link])] == [(50, 60, True)]
    assert [(p.start, p.end, p.to_copy) for p in passages_of("a", [link])] == [(0, 10, True)]


def test_copy_of_an_earlier_article():
    """A copy reports the share of its text copied from the origin and names it."""
    link = Link("a", "b", "spun", 0.8, "a", Evidence((Passage(0, 40, 10, 60),)))
    copy = signals_of(article("b"), "x" * 100, [link], None)
    assert (copy.copied_share, copy.copied_from, copy.spun) == (0.5, ("a",), True)
    original = signals_of(article("a"), "x" * 100, [link], None)
    assert (original.copied_share, original.copied_by, original.spun) == (0.0, ("b",), False)


def test_shared_text_of_unknown_order():
    """Without an origin neither article is said to copy; both share text."""
    link = Link("a", "b", "copy", 0.9, None, Evidence((Passage(0, 100, 0, 25),)))
    signals = signals_of(article("b"), "x" * 100, [link], None)
    assert signals.copied_from == ()
    assert (signals.shared_share, signals.shared_with) == (0.25, ("a",))


def test_date_trust_from_page_metadata():
    """A date read from metadata is reliable, with no invented confidence."""
    when = datetime(2025, 3, 3, tzinfo=UTC)
    signal = date_signal(article("a", published_at=when, published_from="metadata"), None)
    assert (signal.value, signal.trust, signal.confidence) == ("2025-03-03", "reliable", None)


@pytest.mark.parametrize(
    ("published", "trust"),
    [
        (PublishedDate("a", "2025-03-03", "dateline", 0.9), "reliable"),
        (PublishedDate("a", "XXXX-03-03", "dateline", 0.7), "likely"),
        (PublishedDate("a", "2025", "inferred", 0.3, "header says 2019"), "contested"),
        (PublishedDate("a", "", None, 0.0, "header says 2019"), "contested"),
        (PublishedDate("a", "2025-03-03", "inferred", 0.45), "weak"),
    ],
)
def test_date_trust_from_inference(published, trust):
    """Inferred dates are trusted by their confidence; a rejected header makes them contested."""
    assert date_signal(article("a"), published).trust == trust


def test_no_date_is_unknown():
    """An article with no date at all says so."""
    assert date_signal(article("a"), None).trust == "unknown"
