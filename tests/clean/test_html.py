"""parse_html: main text, headline, author and dates out of a news page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyline.clean.html import fragment_text, is_fragment, parse_html
from storyline.errors import ExtractionError


def test_page_gives_headline_author_dates_and_text(news_html):
    """The page's meta headline, author and both dates are read; its h1 is not in the text."""
    page = parse_html(news_html)
    assert page.title == "Harbour crane collapse injures two dock workers"
    assert page.author == "Marta Okafor"
    assert page.published_at == datetime(2024, 3, 14, 8, 30, tzinfo=UTC)
    assert page.modified_at == datetime(2024, 3, 15, 17, 5, tzinfo=UTC)
    assert page.text.startswith("A container crane at the north terminal")
    assert "Accept cookies" not in page.text


def test_page_without_text_is_an_extraction_error():
    """A page whose body holds only a script has no main text."""
    html = "<html><head><title>Loading</title></head><body><script>load()</script></body></html>"
    with pytest.raises(ExtractionError, match="no main text"):
        parse_html(html)


def test_parse_html_gives_the_same_text_however_often_a_page_is_seen(news_html):
    """Parsing the same page five times in one process gives the same text each time."""
    first = parse_html(news_html).text
    for _ in range(4):
        assert parse_html(news_html).text == first


def test_four_sites_reprinting_one_wire_story_are_four_articles(tmp_path, ingest, news_html):
    """One story reprinted under four sites' names is four articles, not three and a reject."""
    for site in ("Northport Courier", "Southbay Times", "Eastfield Post", "Westmoor Herald"):
        page = news_html.replace("Port Ellis Gazette", site)
        (tmp_path / f"{site.split()[0].lower()}.html").write_text(page, encoding="utf-8")
    result = ingest(tmp_path)
    assert result.rejects == {}
    assert len(result.articles) == 4


# -- fragments: feed items and record html fields ----------------------------------------------

PARAGRAPH = (
    "The N12 night bus between the station and the hospital will resume service in September, "
    "the transport authority announced."
)


def test_one_paragraph_fragment_gives_its_text():
    """A feed description of one paragraph, with a line break in its source, is its text."""
    wrapped = PARAGRAPH.replace(" will ", " will\n  ")
    page = parse_html(f"<p>{wrapped}</p>")
    assert page.text == PARAGRAPH
    assert page.title == ""


def test_plain_text_description_is_a_fragment_too():
    """A description with no tags at all is read as it is."""
    assert parse_html(PARAGRAPH).text == PARAGRAPH


def test_fragment_breaks_lines_at_blocks_and_drops_scripts():
    """Paragraphs, list items and <br> end lines; scripts, styles and comments vanish."""
    html = (
        "<p>First <b>bold</b> words</p><!-- note --><ul><li>one</li><li>two</li></ul>"
        "<script>track()</script><style>p{}</style>last<br>line &amp; more"
    )
    assert fragment_text(html) == "First bold words\none\ntwo\nlast\nline & more"


@pytest.mark.parametrize("html", ["", "   ", "<!-- only a comment -->", "<script>x()</script>"])
def test_fragment_without_text_is_an_extraction_error(html):
    """A fragment with nothing to read is an ExtractionError, not an empty page."""
    with pytest.raises(ExtractionError, match="no text in the HTML fragment"):
        parse_html(html)


def test_whole_pages_are_not_fragments(news_html):
    """A page with a doctype or body tag goes to the page extractor, which drops its chrome."""
    assert not is_fragment(news_html)
    assert not is_fragment("<body><p>x</p></body>")
    assert is_fragment("<div><p>x</p></div>")
    assert "Accept cookies" not in parse_html(news_html).text


def test_a_copyright_year_is_no_publication_date():
    """htmldate's extensive search reads '© 2019' as 2019-01-01; that is not a date."""
    from storyline.clean.html import is_copyright_year

    footer = "<footer>&copy; 2019 Valley Gazette</footer>"
    assert is_copyright_year(datetime(2019, 1, 1, tzinfo=UTC), footer)
    assert not is_copyright_year(datetime(2019, 6, 14, tzinfo=UTC), footer)
    assert not is_copyright_year(datetime(2019, 1, 1, tzinfo=UTC), "<p>On 1 January 2019</p>")


def test_the_headline_is_not_the_site_name_from_the_title_tag():
    """'Valley Gazette - County board ...' with no <h1>: the headline is the other part."""
    from storyline.clean.html import headline

    html = "<title>Valley Gazette - County board approves new bridge</title>"
    text = "County board approves new bridge\nThe board voted on Tuesday."
    assert headline("Valley Gazette", text, html) == "County board approves new bridge"
    assert headline("Council votes", "Council votes\nText.", "<title>Council votes</title>") == (
        "Council votes"
    )


def test_a_page_the_default_setting_misses_is_read_with_recall_settings():
    """A theme that puts the post in an <aside> gives no main text by default; recall finds it."""
    post = (
        "The ferry from the island was cancelled on Monday because of high winds, the operator "
        "said, and the morning crossing on Tuesday will leave an hour late so that the harbour "
        "crew can check the moorings. Passengers booked on the cancelled sailings can change "
        "their tickets free of charge at the terminal or online until Friday."
    )
    html = (
        "<!DOCTYPE html><html><head><title>Ferry cancelled</title></head>"
        f"<body><aside><p>{post}</p></aside></body></html>"
    )
    assert "morning crossing on Tuesday" in parse_html(html).text
