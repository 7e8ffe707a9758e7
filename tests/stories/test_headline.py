"""Story titles are headlines of their articles, cleaned of page debris."""

from __future__ import annotations

from storyline.model import Article, Story
from storyline.stories.headline import clean_headline, headline_stories, pick_headline


def test_a_site_name_after_a_separator_is_dropped():
    """ "… - BBC News" and "… | Reuters" name the site, not the story."""
    assert clean_headline("Oil spill reaches Louisiana coast - BBC News") == (
        "Oil spill reaches Louisiana coast"
    )
    assert clean_headline("BP shares fall again | Reuters") == "BP shares fall again"


def test_a_dash_inside_the_headline_is_kept():
    """A lower-case last part is part of the headline, not a site."""
    assert clean_headline("Obama: BP must pay - in full") == "Obama: BP must pay - in full"


def test_a_headline_run_into_its_first_sentence_is_cut_at_the_seam():
    """Plain-text files often run the headline into the lede with no punctuation."""
    title = (
        "Robot vessels used to cap Gulf of Mexico oil leak The US Coast Guard has described"
        " it as a very serious spill"
    )
    assert clean_headline(title) == "Robot vessels used to cap Gulf of Mexico oil leak"


def test_tokenized_punctuation_reads_as_written():
    """Tokenized corpora put spaces before punctuation and clitics."""
    assert clean_headline("Gulf spill : US to keep boot on BP 's neck") == (
        "Gulf spill: US to keep boot on BP's neck"
    )


def test_the_headline_sharing_most_words_with_the_others_is_chosen():
    """The representative headline is central among its siblings, not the first or longest."""
    headlines = [
        "Markets slide in Asia",
        "BP oil spill: company caps leaking well in Gulf",
        "BP caps Gulf oil well after 87 days",
        "Gulf oil well capped, BP says",
    ]
    assert pick_headline(headlines) == "BP caps Gulf oil well after 87 days"


def test_bylines_and_time_stamps_are_not_headlines():
    """A byline or a blog's time stamp is never picked while a real headline exists."""
    headlines = [
        "By Finlo Rohrer BBC News, Washington",
        "Ben Sutherland | 09:43 UK time, Thursday, 6 January 2011",
        "BP shares recover after Gulf well is capped",
    ]
    assert pick_headline(headlines) == "BP shares recover after Gulf well is capped"


def _article(article_id: str, title: str) -> Article:
    path = f"{article_id}.txt"
    return Article(article_id, path, path, "text", "Text.", title=title)


def test_stories_keep_their_keywords_beside_the_headline():
    """The generated keywords move to `keywords`; the title is a member's headline."""
    articles = {
        "a": _article("a", "Harborville shuts water intake after solvent leak - Meridian Wire"),
        "b": _article("b", "Solvent leak shuts Harborville water intake"),
    }
    story = Story("s1", "event", "Harborville, Calloway: solvent, leak", ("a", "b"))
    [titled] = headline_stories([story], articles)
    assert titled.title in {
        "Harborville shuts water intake after solvent leak",
        "Solvent leak shuts Harborville water intake",
    }
    assert titled.keywords == "Harborville, Calloway: solvent, leak"
