"""Tests for the event timeline: grouping, ranking by independent sources, conflicts."""

from storyline.dedup.provenance import CopyGraph
from storyline.model import Link, Story
from storyline.timeline.build import build_timeline, build_timelines, quantity_conflicts
from storyline.timeline.dating import date_sentences

from .conftest import article

WIRE = (
    "Blinken and Lavrov meet in Stockholm\n"
    "Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov in Stockholm "
    "on Thursday, and the talks ended after 40 minutes.\n"
    "The two presidents will hold a video call on December 7, officials said.\n"
)
REPRINT = WIRE.replace("officials said", "officials told reporters")
RIVAL = (
    "Diplomats make no progress in Stockholm\n"
    "Blinken and Lavrov held talks in Stockholm on Thursday that ended after 50 minutes.\n"
    "The presidents are expected to hold a video call on December 7.\n"
)


def test_event_reported_by_independent_articles_is_one_entry_citing_all():
    """The December 7 call told by the wire, a reprint and a rival is one entry."""
    articles = [
        article("wire", WIRE, "2021-12-02"),
        article("reprint", REPRINT, "2021-12-02"),
        article("rival", RIVAL, "2021-12-02"),
    ]
    entries = build_timeline("s", articles)
    call = [e for e in entries if e.date == "2021-12-07"]
    assert len(call) == 1
    assert set(call[0].articles) == {"wire", "reprint", "rival"}
    assert call[0].sources == 3


def test_copies_count_once_through_links():
    """A copy link between the wire and its reprint makes them one source."""
    articles = [article("reprint", REPRINT, "2021-12-02"), article("wire", WIRE, "2021-12-02")]
    links = [Link("reprint", "wire", "near_copy", 0.95, origin="wire")]
    entries = build_timeline("s", articles, links)
    assert {e.sources for e in entries} == {1}


def test_entries_come_in_date_order_with_undated_last():
    """Entries are sorted by date; an article with no date at all gives an undated entry."""
    undated = "Moscow says talks must go on\nThe Kremlin said contacts would continue.\n"
    articles = [article("wire", WIRE, "2021-12-02"), article("x", undated)]
    dates = [e.date for e in build_timeline("s", articles)]
    assert dates == ["2021-12-02", "2021-12-07", ""]


def test_different_figures_from_independent_sources_are_a_conflict():
    """40 minutes in one article and 50 in another are reported, with who says which."""
    dated = date_sentences(
        [article("wire", WIRE, "2021-12-02"), article("rival", RIVAL, "2021-12-02")]
    )
    talks = [ds[1] for ds in dated.values()]
    notes = quantity_conflicts(talks, CopyGraph.of([]))
    assert notes == ["sources differ on the minutes: wire: 40 minutes; rival: 50 minutes"]


def test_same_claim_on_two_days_is_folded_into_the_better_supported_day():
    """Two sources put the call on December 7, one on December 8: one entry, disputed."""
    late = "Call set for December 8\nThe two presidents will hold a video call on December 8.\n"
    articles = [
        article("wire", WIRE, "2021-12-02"),
        article("rival", RIVAL, "2021-12-02"),
        article("late", late, "2021-12-03"),
    ]
    entries = build_timeline("s", articles)
    call = next(e for e in entries if "video call" in e.text)
    assert call.date == "2021-12-07"
    assert "late dates it 2021-12-08" in call.conflict
    assert not any(e.date == "2021-12-08" for e in entries)


def test_max_entries_keeps_the_best_supported():
    """With room for one entry, the event three sources report is kept."""
    articles = [
        article("wire", WIRE, "2021-12-02"),
        article("reprint", REPRINT, "2021-12-02"),
        article("rival", RIVAL, "2021-12-02"),
    ]
    (entry,) = build_timeline("s", articles, max_entries=1)
    assert entry.sources == 3


def test_build_timelines_covers_storylines_and_skips_events():
    """Only storyline-level stories get entries, each tagged with its story id."""
    articles = {
        "wire": article("wire", WIRE, "2021-12-02"),
        "rival": article("rival", RIVAL, "2021-12-02"),
    }
    stories = [
        Story("line", "storyline", "Stockholm talks", ("wire", "rival")),
        Story("ev", "event", "Stockholm talks", ("wire",), parent="line"),
    ]
    entries = list(build_timelines(stories, articles))
    assert entries
    assert {e.storyline for e in entries} == {"line"}
