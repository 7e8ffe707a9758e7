"""Tests for grouping the same quotation across articles."""

from datetime import UTC, datetime

from storyline.model import Quote
from storyline.quotes.lineage import group_quotes

ORIGINAL = "We had a very direct, very candid, non-polemical exchange of views"


def _quote(article: str, text: str) -> Quote:
    return Quote(article, 0, len(text), text, "direct", "said", "Blinken")


def test_trimmed_and_reworded_copies_join_one_group_first_seen_by_date():
    """A trimmed copy and a reworded copy join the original; the earliest article is first seen."""
    quotes = [
        _quote("late", "We had a very direct, very frank, non-polemical exchange of views"),
        _quote("early", ORIGINAL),
        _quote("trim", "a very direct, very candid, non-polemical exchange"),
        _quote("other", "It is now on Russia to de-escalate the current tensions"),
    ]
    published = {
        "early": datetime(2021, 12, 2, tzinfo=UTC),
        "late": datetime(2021, 12, 3, tzinfo=UTC),
    }
    grouped = group_quotes(quotes, published)
    assert grouped[0].group == grouped[1].group == grouped[2].group != grouped[3].group
    assert {q.first_seen for q in grouped[:3]} == {"early"}
    assert grouped[0].changed == ("frank",)
    assert grouped[2].changed == ()


def test_without_dates_the_first_article_in_order_is_first_seen():
    """When no publication dates are known, either article may be first seen: the first given."""
    grouped = group_quotes([_quote("b", ORIGINAL), _quote("a", ORIGINAL)])
    assert grouped[0].first_seen == grouped[1].first_seen == "b"
