"""Events of headlines (briefs) last a news cycle: the next day's report is the next event."""

from __future__ import annotations

from datetime import datetime

from storyline.model import Article
from storyline.stories.cluster import cluster_stories
from storyline.stories.decay import has_time_of_day

# One exchange's session reported by several outlets on Monday afternoon, and the next
# session, a day later, on Tuesday: two market reports on one topic, with the same words.
MONDAY = [
    ("2024-03-11T14:05:00Z", "Valdorian stocks slip on weak Ostrenian export data"),
    ("2024-03-11T14:40:00Z", "VSX index falls as Ostrenia's exports plunge"),
    ("2024-03-11T15:10:00Z", "Stocks lower in Tessaly after discouraging Ostrenian trade figures"),
    ("2024-03-11T16:30:00Z", "Ostrenian export slump drags Valdorian shares down"),
    ("2024-03-11T18:50:00Z", "Tessaly bourse ends lower on Ostrenia trade worries"),
]
TUESDAY = [
    ("2024-03-12T15:20:00Z", "Valdorian stocks extend losses as Ostrenia trade worries linger"),
    ("2024-03-12T16:00:00Z", "VSX down for a second day as Ostrenia trade fears grow"),
    ("2024-03-12T17:30:00Z", "Tessaly bourse closes lower again, banks lead the decline"),
    ("2024-03-12T19:00:00Z", "Valdorian shares drop for a second session as bank stocks slide"),
]
# One happening over an afternoon: headlines that share a word or two with each other, which
# the event merge pass joins (it must still do so within the news cycle).
CRANE = [
    ("2024-03-05T09:30:00Z", "Harbour crane collapse closes Port Callis east dock"),
    ("2024-03-05T10:15:00Z", "Two dock workers hurt as crane falls at Port Callis"),
    ("2024-03-05T11:02:00Z", "Port Callis east dock shut after collapse"),
    ("2024-03-05T13:45:00Z", "Inspectors check every crane at Port Callis after accident"),
    ("2024-03-05T15:20:00Z", "Callis harbour authority orders inquiry into crane accident"),
]


def _briefs(prefix: str, items: list[tuple[str, str]]) -> list[Article]:
    return [
        Article(
            f"{prefix}{n}",
            f"https://wire{n}.example/{prefix}{n}",
            "",
            "record",
            "",
            title=title,
            url=f"https://wire{n}.example/{prefix}{n}",
            source=f"wire{n}.example",
            published_at=datetime.fromisoformat(at),
            language="en",
            brief=True,
        )
        for n, (at, title) in enumerate(items)
    ]


def _groups(mapping: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article, cluster in mapping.items():
        groups.setdefault(cluster, set()).add(article)
    return {frozenset(g) for g in groups.values()}


def test_the_next_days_market_report_is_a_new_event_of_the_same_storyline() -> None:
    """No event mixes Monday's and Tuesday's sessions; Monday's is one; one storyline."""
    monday, tuesday = _briefs("mon", MONDAY), _briefs("tue", TUESDAY)
    state = cluster_stories([*monday, *tuesday]).state
    events = _groups(state.event_of)
    assert frozenset(a.id for a in monday) in events
    assert all(len({article[:3] for article in event}) == 1 for event in events)
    storylines = {state.events[e].parent for e in state.event_of.values()}
    assert len(storylines) == 1


def test_headlines_of_one_afternoon_stay_one_event() -> None:
    """Five headlines of one crane collapse, a few words in common, make one event."""
    crane = _briefs("crane", CRANE)
    state = cluster_stories(crane).state
    assert _groups(state.event_of) == {frozenset(a.id for a in crane)}


def test_a_day_alone_has_no_time_of_day() -> None:
    """A date read from a URL ("/2024/03/05/") is midnight: the whole day, not an instant."""
    assert has_time_of_day(datetime.fromisoformat("2024-03-05T09:30:00Z"))
    assert not has_time_of_day(datetime.fromisoformat("2024-03-05T00:00:00Z"))
    assert not has_time_of_day((3, 5))
    assert not has_time_of_day(None)
