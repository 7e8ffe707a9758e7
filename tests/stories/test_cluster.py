"""Story clustering: seeds, demo corpus, copies, incremental runs and persisted state."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.shared_data import SEEDS, require

from storyline.model import Article, Link
from storyline.run import demo_corpus, run_ingest
from storyline.store.sqlite import Store
from storyline.stories.bcubed import bcubed
from storyline.stories.cluster import StoryResult, cluster_stories, copy_sources
from storyline.stories.embed import count_features, norm, weigh
from storyline.stories.state import Cluster, StoryState, story_id

TRUTH = json.loads((Path(__file__).parents[1] / "data" / "demo_truth.json").read_text("utf-8"))


def _stored_articles(folder: Path, db: Path) -> list[Article]:
    """Ingest a folder into a fresh store and read its articles back, named by file."""
    run_ingest([folder], db)
    with Store(db) as store:
        return [replace(a, id=Path(a.path).name) for a in store.articles()]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    return _stored_articles(demo_corpus(), tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture(scope="module")
def demo_links() -> list[Link]:
    return [
        Link(*sorted((x["a"], x["b"])), x["relation"], 1.0, x["origin"])
        for x in TRUTH["links"]
        if x["relation"] != "same_event"
    ]


def _levels(result: StoryResult) -> tuple[dict[str, str], dict[str, str]]:
    events = dict(result.state.event_of)
    storylines = {a: result.state.events[e].parent or "" for a, e in events.items()}
    return events, storylines


def _truth(level: str) -> dict[str, str]:
    return {
        a: s["name"] if level == "storyline" else e["name"]
        for s in TRUTH["storylines"]
        for e in s["events"]
        for a in e["articles"]
    }


def test_seeds_form_one_storyline_with_000_and_001_together(tmp_path: Path) -> None:
    """The five Biden-Putin seeds are one storyline, and 000 and 001 share an event."""
    articles = _stored_articles(require(SEEDS), tmp_path / "seeds.db")
    result = cluster_stories(articles)
    events, storylines = _levels(result)
    assert len(set(storylines.values())) == 1
    first = {a.id[:3]: events[a.id] for a in articles}
    assert first["000"] == first["001"]


def test_demo_storylines_are_recovered_exactly(demo: list[Article], demo_links: list[Link]) -> None:
    """The demo's three storylines come out as the truth file writes them."""
    _, storylines = _levels(cluster_stories(demo, demo_links))
    assert bcubed(storylines, _truth("storyline")) == (1.0, 1.0, 1.0)


def test_demo_events_score_high(demo: list[Article], demo_links: list[Link]) -> None:
    """Events reach B-cubed F1 0.9 on the demo although most of its articles are undated."""
    events, _ = _levels(cluster_stories(demo, demo_links))
    _, recall, f1 = bcubed(events, _truth("event"))
    assert recall == 1.0
    assert f1 >= 0.9


def test_copies_land_in_their_origins_event(demo: list[Article], demo_links: list[Link]) -> None:
    """Every copy, near copy and spun rewrite is in the same event as its origin."""
    events, _ = _levels(cluster_stories(demo, demo_links))
    for link in demo_links:
        assert events[link.a] == events[link.b], link


def test_a_copy_arriving_later_joins_its_origins_event(demo: list[Article]) -> None:
    """A reprint given in a later call, linked as a copy, joins the stored origin's event."""
    origin = next(a for a in demo if a.id.startswith("14_"))
    state = cluster_stories([origin]).state
    reprint = Article(
        "reprint", "reprint", "reprint", "text", "Unrelated words about gardening and tulips."
    )
    link = Link("14_techpulse_breach_disclosed.txt", "reprint", "copy", 0.95, origin.id)
    result = cluster_stories([reprint], [link], state)
    assert result.state.event_of["reprint"] == result.state.event_of[origin.id]


def test_incremental_runs_agree_with_one_batch(demo: list[Article], demo_links: list[Link]) -> None:
    """Feeding the demo in shuffled batches of five gives nearly the one-batch grouping."""
    batch_events, batch_lines = _levels(cluster_stories(demo, demo_links))
    order = demo[:]
    random.Random(7).shuffle(order)
    state = None
    for start in range(0, len(order), 5):
        state = cluster_stories(order[start : start + 5], demo_links, state).state
    assert state is not None
    events = dict(state.event_of)
    lines = {a: state.events[e].parent or "" for a, e in events.items()}
    assert bcubed(lines, batch_lines)[2] == 1.0
    assert bcubed(events, batch_events)[2] >= 0.8


def test_an_incremental_call_only_adds_new_articles(demo: list[Article]) -> None:
    """Articles already clustered keep their event when the same call is repeated."""
    first = cluster_stories(demo[:10])
    before = dict(first.state.event_of)
    again = cluster_stories(demo[:10], (), first.state)
    assert again.assigned == ()
    assert dict(again.state.event_of) == before


def test_state_survives_a_json_round_trip(demo: list[Article], demo_links: list[Link]) -> None:
    """A state saved as JSON and loaded back clusters later articles like the live one."""
    half = len(demo) // 2
    live = cluster_stories(demo[:half], demo_links).state
    loaded = StoryState.from_json(live.to_json())
    assert loaded.event_of == live.event_of
    a = cluster_stories(demo[half:], demo_links, live)
    b = cluster_stories(demo[half:], demo_links, loaded)
    assert a.assigned == b.assigned
    assert [s.title for s in a.stories] == [s.title for s in b.stories]


def test_story_records_are_complete(demo: list[Article], demo_links: list[Link]) -> None:
    """Events point at storylines, ids derive from level and first article, titles exist."""
    stories = cluster_stories(demo, demo_links).stories
    storylines = {s.id for s in stories if s.level == "storyline"}
    assert len(storylines) == 3
    for story in stories:
        assert story.title
        assert (story.parent in storylines) == (story.level == "event")
        assert story.id in {story_id(story.level, a) for a in story.articles}
    spill = next(s for s in stories if "02_harborvilleherald_spill_tank_rupture.html" in s.articles)
    assert spill.start_at == datetime(2025, 3, 3, 16, 20, tzinfo=UTC)  # as the page states it


def test_copy_sources_prefer_the_named_origin() -> None:
    """A copy group's representative is the article named as origin by its links."""
    links = [Link("a", "b", "copy", 0.9, "b"), Link("b", "c", "spun", 0.7, None)]
    assert copy_sources(links) == {"a": "b", "b": "b", "c": "b"}


def test_input_order_within_a_call_does_not_matter(
    demo: list[Article], demo_links: list[Link]
) -> None:
    """Two runs over the same articles in different orders give the same stories and ids."""
    forward = cluster_stories(demo, demo_links)
    backward = cluster_stories(demo[::-1], demo_links[::-1])
    assert forward.stories == backward.stories


def test_reweighing_gives_centroids_the_weights_of_the_current_frequencies() -> None:
    """A centroid built under a small batch's IDF is brought to the IDF of all articles seen."""
    spill = count_features(
        "Solvent spill closes Harborville water intake",
        "A corroded valve released solvent into the Tessel River; the Harborville water plant "
        "closed its intake while crews pumped the spill from the tank farm.",
    )
    same_story = [
        count_features("Spill inquiry", "The inquiry into the solvent spill heard from crews."),
        count_features("Harborville water", "Harborville residents boil water after the spill."),
    ]
    later = [
        count_features("Trade talks", "Valdoria and Ostrenia resume trade talks on tariffs."),
        count_features("Payroll breach", "Nimbus Ledger says a breach exposed payroll data."),
        count_features("Court ruling", "A court in Calder upheld the fine on the port operator."),
        count_features("Rail strike", "Rail workers in Korvask walked out over pay and hours."),
        count_features("Water rates", "Calder raises water rates for the second year."),
    ]
    state = StoryState()
    for counts in (spill, *same_story):
        state.df.add(counts)
    cluster = Cluster("e", "event", centroid=weigh(spill, state.df, 64))
    state.events["e"] = cluster
    old = state.df.copy()
    # Enough later articles for "water" to become common, past the background prior.
    for counts in later * 400:
        state.df.add(counts)
    fresh = weigh(spill, state.df, 64)

    def gap(centroid: dict[str, float]) -> float:
        return max(abs(w / norm(centroid) - fresh.get(f, 0.0)) for f, w in centroid.items())

    stale = gap(cluster.centroid)
    state.reweigh(old)
    assert stale > 0.02  # the shared story words weighed too little under the small batch
    assert gap(cluster.centroid) < 1e-9
