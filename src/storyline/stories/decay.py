"""How far apart in time an article and a story are, and how much that lowers their score."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime

from storyline.dates.published import infer_published
from storyline.model import Article
from storyline.stories.embed import text_of
from storyline.stories.state import Cluster, When, month_day

DAY_S = 86_400.0


@dataclass(frozen=True, slots=True)
class Scale:
    """The time decay of one level: no penalty within `grace_s`, then e-fold per `scale_s`.

    With `anchored`, the gap runs from the cluster's first date rather than from its whole
    span, so a cluster cannot creep forward day by day: an event is what was reported within
    days of its first report, and a later development opens an event of its own.
    """

    grace_s: float
    scale_s: float
    anchored: bool = False

    def decay(self, when: When, cluster: Cluster) -> float:
        """Return the factor (0, 1] by which a cluster's similarity shrinks with time apart."""
        gap = time_apart(when, cluster, anchored=self.anchored)
        if gap is None:
            return 1.0  # undated: no evidence either way
        return self.over(gap)

    def over(self, gap_s: float) -> float:
        """Return the factor (0, 1] for a gap of `gap_s` seconds."""
        return math.exp(-max(0.0, gap_s - self.grace_s) / self.scale_s)


def has_time_of_day(when: When) -> bool:
    """Tell whether a date carries a time of day: a day alone reads as midnight."""
    if not isinstance(when, datetime):
        return False
    return (when.hour, when.minute, when.second, when.microsecond) != (0, 0, 0, 0)


def spans_decay(scale: Scale, small: Cluster, big: Cluster) -> float:
    """Return a scale's decay over the gap between two clusters' whole date spans.

    Two storylines are as far apart as the nearest ends of their spans: a thread of June to
    November is a month from one starting in December, whatever day either began.
    """
    if small.first_s is None or small.last_s is None or big.first_s is None:
        return scale.decay(small.start_at or min(small.month_days, default=None), big)
    assert big.last_s is not None
    return scale.over(max(0.0, big.first_s - small.last_s, small.first_s - big.last_s))


def time_apart(when: When, cluster: Cluster, *, anchored: bool = False) -> float | None:
    """Return the seconds between a date and a cluster's span (or its start), None if unknown.

    With a year missing on either side, month and day are compared on a circular calendar,
    which can only underestimate the gap: partial dates never split what belongs together.
    """
    if isinstance(when, datetime) and cluster.first_s is not None and cluster.last_s is not None:
        at = when.timestamp()
        if anchored:
            return abs(at - cluster.first_s)
        return max(0.0, cluster.first_s - at, at - cluster.last_s)
    md = month_day(when)
    if md is None or not cluster.month_days:
        return None
    day = _day_of_year(md)
    gaps = (abs(day - _day_of_year(other)) for other in cluster.month_days)
    return min(min(g, 365 - g) for g in gaps) * DAY_S


def _day_of_year(md: tuple[int, int]) -> int:
    """Return the day of a non-leap year on which a month and day fall (Feb 29 as Mar 1)."""
    month, day = md
    return date(2001, month, min(day, 28) if month == 2 else day).timetuple().tm_yday


def when_of(article: Article) -> When:
    """Return an article's publication date, else the month and day of its dateline."""
    if article.published_at is not None:
        return article.published_at
    found = infer_published(text_of(article), article.title).date
    if found is None or found.month is None or found.day is None:
        return None
    if found.year is not None:
        return datetime(found.year, found.month, found.day, tzinfo=UTC)
    return found.month, found.day
