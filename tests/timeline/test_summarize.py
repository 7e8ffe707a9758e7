"""Tests for extractive summaries with the sources of each sentence."""

from storyline.model import Story
from storyline.timeline.summarize import summarize, summarize_stories

from .conftest import article

SPILL = (
    "Tank rupture spills diesel into the Harbor River\n"
    "A storage tank at the Eastport fuel depot ruptured on Monday, spilling diesel into the "
    "Harbor River, the coast guard said.\n"
    "Crews laid booms across the river mouth to contain the diesel slick.\n"
    "The depot's owner said the tank had passed an inspection in March.\n"
)
SPUN = (
    "Diesel spill fouls Harbor River\n"
    "Residents near the river reported a strong smell of fuel on Monday evening.\n"
    "Crews laid booms across the river mouth to contain the diesel slick.\n"
    "Fishing was suspended along ten miles of the Harbor River while the diesel spread.\n"
)


def test_summary_sentences_cite_every_article_carrying_them():
    """A sentence printed in two articles cites both, its own article first."""
    texts = {"a": SPILL, "b": SPUN}
    summary = summarize([article(i, t, "2024-03-04") for i, t in texts.items()], sentences=6)
    assert any(s.text.startswith("Crews laid booms") for s in summary)
    for sentence in summary:
        carrying = {i for i, t in texts.items() if sentence.text in t}
        assert set(sentence.articles) == carrying
        assert sentence.text in texts[sentence.articles[0]]


def test_summary_skips_headlines_and_keeps_reading_order():
    """Headlines are not summary sentences; chosen sentences follow the given article order."""
    summary = summarize(
        [article("a", SPILL, title="Tank rupture spills diesel into the Harbor River")],
        sentences=2,
        order=["a"],
    )
    texts = [s.text for s in summary]
    assert "Tank rupture spills diesel into the Harbor River" not in texts
    assert texts == sorted(texts, key=SPILL.index)


def test_empty_input_gives_an_empty_summary():
    """No statements, no summary."""
    assert summarize([article("a", "Read more\n")]) == ()


def test_summarize_stories_fills_each_story_summary():
    """Each story comes back with a summary drawn from its own articles only."""
    articles = {"a": article("a", SPILL), "b": article("b", SPUN)}
    stories = [Story("e1", "event", "Spill", ("a",)), Story("e2", "event", "Spill", ("b",))]
    done = list(summarize_stories(stories, articles, sentences=2))
    assert [len(s.summary) for s in done] == [2, 2]
    assert all(set(s.articles) == {"a"} for s in done[0].summary)
