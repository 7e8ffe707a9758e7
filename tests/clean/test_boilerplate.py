"""split_article: headline, author and body out of scraped text, with site chrome dropped."""

from __future__ import annotations

import pytest

from storyline.clean.boilerplate import (
    MAX_TITLE_WORDS,
    find_byline,
    is_chrome_line,
    is_date_line,
    is_site_name,
    split_article,
    strip_caption_before_dateline,
    title_from_lede,
)

LEDE = (
    "Firefighters contained a blaze at a paint warehouse in the Eastbrook industrial estate "
    "early on Sunday, the county fire service said."
)
SECOND = (
    "No one was hurt, but residents of nearby streets were asked to keep their windows shut "
    "for several hours because of thick smoke."
)
HEADLINE = "Warehouse fire in Eastbrook brought under control"


def split(*lines: str, **known: str | bool):
    """Split the given lines, joined as a scraped text, into headline, author and body."""
    return split_article("\n".join(lines), **known)


# -- the headline ------------------------------------------------------------------------------


def test_first_meaningful_line_is_the_headline():
    """Without a known title, the first line of a plain story is its headline."""
    parts = split(HEADLINE, "", LEDE, "", SECOND)
    assert parts.title == HEADLINE
    assert parts.body == f"{LEDE}\n\n{SECOND}"
    assert parts.author == ""


@pytest.mark.parametrize(
    "stamp",
    [
        "Sunday, June 9, 2024",
        "9 June 2024",
        "2024-06-09",
        "Updated: June 9, 2024 10:42 a.m. EDT",
        "Published 09.06.2024",
    ],
)
def test_headline_is_found_after_a_page_header_date_line(stamp):
    """A date line above the headline is dropped, and the headline is the line after it."""
    parts = split(stamp, HEADLINE, LEDE, SECOND)
    assert parts.title == HEADLINE
    assert stamp in parts.dropped
    assert stamp not in parts.body


def test_breadcrumbs_glued_to_the_title_are_dropped():
    """A 'HomeNewsLocal' trail glued to the headline does not end up in the title or text."""
    parts = split(f"HomeNewsLocal{HEADLINE}", HEADLINE, LEDE, SECOND)
    assert parts.title == HEADLINE
    assert "HomeNewsLocal" not in parts.body


def test_breadcrumb_prefix_is_cut_from_a_lone_title_line():
    """Breadcrumb words run into the headline are cut even when the headline is not repeated."""
    parts = split(f"HomeNews{HEADLINE}", LEDE, SECOND)
    assert parts.title == HEADLINE


def test_known_title_is_kept_and_its_repeat_dropped():
    """A title from metadata wins, and the same line in the text is not kept as body."""
    parts = split(HEADLINE, LEDE, SECOND, title="Eastbrook fire contained")
    assert parts.title == "Eastbrook fire contained"
    assert parts.body.startswith(HEADLINE) or parts.body.startswith(LEDE)
    parts = split(HEADLINE, LEDE, SECOND, title=HEADLINE)
    assert parts.body == f"{LEDE}\n\n{SECOND}"


# -- mastheads, short headlines and texts without a headline line ----------------------------


@pytest.mark.parametrize("headline", ["Biden, Putin talk", "Ferries cancelled", "Fire Contained"])
def test_short_headline_above_the_lede_is_the_headline(headline):
    """A headline of two or three words with the story right below it is kept as the title."""
    parts = split(headline, "", LEDE, "", SECOND)
    assert parts.title == headline
    assert parts.body == f"{LEDE}\n\n{SECOND}"


@pytest.mark.parametrize(
    "top",
    [
        ["Eastbrook Echo"],
        ["Eastbrook Echo", "World | Business | Markets | Video", "Sign In Subscribe"],
        ["Eastbrook Echo", "Security"],
        ["Friday, July 18, 2025", "River Valley Digest", "Subscribe Sign in Search"],
    ],
)
def test_short_name_over_a_headline_is_a_masthead(top):
    """A short name-like line with a longer headline below it is dropped as the masthead."""
    parts = split(*top, HEADLINE, LEDE, SECOND)
    assert parts.title == HEADLINE
    assert parts.body == f"{LEDE}\n\n{SECOND}"


def test_site_name_is_a_masthead_whatever_its_length():
    """A line naming the publisher's domain or site name is never the headline."""
    sites = ("www.eastbrookechoandgazette.example",)
    parts = split("The Eastbrook Echo and Gazette", HEADLINE, LEDE, sites=sites)
    assert parts.title == HEADLINE
    parts = split("Eastbrook Echo", LEDE, SECOND, sites=("Eastbrook Echo",))
    assert parts.title == LEDE
    assert "Eastbrook Echo" not in parts.body


def test_text_that_opens_with_a_paragraph_keeps_it_in_the_body():
    """Without a headline line, the first sentence is the title and the body keeps every line."""
    parts = split(LEDE, "", SECOND)
    assert parts.title == LEDE
    assert parts.body == f"{LEDE}\n\n{SECOND}"
    parts = split(f"{LEDE} {SECOND}")
    assert parts.title == LEDE
    assert parts.body == f"{LEDE} {SECOND}"


def test_title_from_a_long_lede_is_cut_with_an_ellipsis():
    """A first sentence longer than MAX_TITLE_WORDS is cut to that many words and an ellipsis."""
    sentence = " ".join(["word"] * 40) + "."
    title = title_from_lede(sentence)
    assert title == " ".join(["word"] * MAX_TITLE_WORDS) + " …"
    assert split(sentence, SECOND).body == f"{sentence}\n\n{SECOND}"


@pytest.mark.parametrize(
    ("line", "sites", "expected"),
    [
        ("Meridian Wire", ("meridianwire.example",), True),
        ("The Valdoria Post", ("www.valdoriapost.example",), True),
        ("TechPulse", ("", "TechPulse"), True),
        ("Biden, Putin talk", ("meridianwire.example",), False),
        ("UK", ("news.uk.example",), False),
    ],
)
def test_site_names(line, sites, expected):
    """Site names match the domain's labels or og:site_name, ignoring case, spaces and 'The'."""
    assert is_site_name(line, sites) is expected


# -- bylines and bios ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Hannah Whitlock", "Hannah Whitlock"),
        ("BY Hannah Whitlock", "Hannah Whitlock"),
        ("Author: Hannah Whitlock", "Hannah Whitlock"),
        ("By Hannah Whitlock, Senior Reporter", "Hannah Whitlock"),
        ("By Hannah Whitlock | June 9, 2024", "Hannah Whitlock"),
        ("Written by Pieter van der Berg", "Pieter van der Berg"),
        ("Reporting by Aoife O'Brien; editing by Sam Lee", "Aoife O'Brien"),
    ],
)
def test_bylines_give_the_author_name(line, name):
    """'By X' and 'Author: X' lines, with a desk or date after the name, give the name."""
    assert find_byline(line) == name
    parts = split(HEADLINE, line, LEDE, SECOND)
    assert parts.author == name
    assert line not in parts.body


def test_byline_does_not_match_ordinary_sentences():
    """A sentence that starts with 'By' is prose, not a byline."""
    assert find_byline("By the time crews arrived, the roof had collapsed.") is None


def test_a_name_shown_twice_becomes_the_author():
    """A name printed twice in a row (avatar alt text, then label) is the author, not text."""
    parts = split(HEADLINE, "Hannah Whitlock", "Hannah Whitlock", LEDE, SECOND)
    assert parts.author == "Hannah Whitlock"
    assert "Hannah Whitlock" not in parts.body


def test_author_bio_is_removed():
    """The author's bio line at the end ('X is a reporter ... follow her on X') is dropped."""
    bio = (
        "Hannah Whitlock is a general news reporter covering the county. "
        "Follow her on X @hwhitlock."
    )
    parts = split(HEADLINE, "By Hannah Whitlock", LEDE, SECOND, bio)
    assert parts.author == "Hannah Whitlock"
    assert parts.body == f"{LEDE}\n\n{SECOND}"
    assert bio in parts.dropped


def test_known_author_is_kept_over_a_byline():
    """An author from metadata is not replaced by a byline found in the text."""
    parts = split(HEADLINE, "By Hannah Whitlock", LEDE, SECOND, author="H. Whitlock")
    assert parts.author == "H. Whitlock"


# -- chrome in the body --------------------------------------------------------------------------


def test_read_more_and_the_related_headline_under_it_are_removed():
    """A 'Read more' box and the teaser headline under it are dropped; the story goes on."""
    parts = split(
        HEADLINE, LEDE, "Read more", "Council approves new flood barrier for river", SECOND
    )
    assert parts.body == f"{LEDE}\n\n{SECOND}"
    assert "Council approves new flood barrier for river" in parts.dropped


@pytest.mark.parametrize(
    "line",
    [
        "See also: Eastbrook residents demand answers over air quality",
        "See also  Second fire in a month at industrial estate",
        "Read more: How the fire service answers a call",
    ],
)
def test_see_also_lines_are_removed(line):
    """A 'See also ...' or 'Read more: ...' teaser line is chrome."""
    assert is_chrome_line(line)
    assert line not in split(HEADLINE, LEDE, line, SECOND).body


def test_comment_form_is_removed():
    """The comment form under a story (labels, notices, checkbox text) is dropped."""
    form = [
        "Leave a Reply",
        "Your email address will not be published.",
        "Required fields are marked *",
        "Please enter your comment!",
        "Please enter your name here",
        "You have entered an incorrect email address!",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Post a Comment",
    ]
    parts = split(HEADLINE, LEDE, SECOND, *form)
    assert parts.body == f"{LEDE}\n\n{SECOND}"


def test_share_buttons_are_removed():
    """Share button labels between paragraphs are dropped."""
    parts = split(
        HEADLINE,
        "Share",
        "Facebook",
        "Twitter",
        "WhatsApp",
        "Copy link",
        LEDE,
        "Share this article",
        SECOND,
        "Share on Facebook",
    )
    assert parts.body == f"{LEDE}\n\n{SECOND}"


def test_short_credit_lines_of_scraped_text_are_removed():
    """In scraped plain text, two- and three-word credit lines are not body text."""
    parts = split(HEADLINE, LEDE, "Eastbrook Fire Service", "France Media", SECOND)
    assert parts.body == f"{LEDE}\n\n{SECOND}"


def test_photo_credit_lines_are_removed():
    """A picture credit ('Photo: Reuters', 'Foto: dpa') is not body text."""
    parts = split(
        HEADLINE, LEDE, "Photo: Reuters", "Foto: Jan Woitas/dpa", SECOND, drop_short_lines=False
    )
    assert parts.body == f"{LEDE}\n\n{SECOND}"


def test_short_subheads_and_list_items_are_kept():
    """After extraction, a subhead or list item of a few words is news, not chrome."""
    parts = split(
        HEADLINE,
        LEDE,
        "What happens next",
        "Two engines",
        "A ladder truck",
        SECOND,
        drop_short_lines=False,
    )
    assert parts.body == f"{LEDE}\n\nWhat happens next\n\nTwo engines\n\nA ladder truck\n\n{SECOND}"


def test_a_lead_paragraph_opening_with_more_is_kept():
    """'More than a third of ...' is news; only 'More:' or 'More »' labels a teaser."""
    lead = "More than a third of the town's households had their power cut by the storm on Sunday."
    parts = split(HEADLINE, lead, "More: Storm damage in pictures", SECOND)
    assert parts.body == f"{lead}\n\n{SECOND}"


def test_short_sentences_are_kept():
    """A short line that ends like a sentence is a quote or paragraph, and stays."""
    parts = split(HEADLINE, LEDE, "\u201cIt was terrifying.\u201d", SECOND)
    assert "\u201cIt was terrifying.\u201d" in parts.body


def test_caption_glued_before_a_dateline_is_removed():
    """An image caption run into the opening dateline is cut off; the dateline stays."""
    paragraph = (
        "Smoke over the Eastbrook estate EASTBROOK, June 9 (Reuters) - Firefighters "
        "contained a blaze at a paint warehouse early on Sunday."
    )
    cleaned = strip_caption_before_dateline(paragraph)
    assert cleaned.startswith("EASTBROOK, June 9 (Reuters) - Firefighters")
    assert split(HEADLINE, paragraph, SECOND).body.startswith("EASTBROOK, June 9")


def test_a_sentence_before_a_dateline_is_not_a_caption():
    """Text with a full stop before the dateline is prose and is left alone."""
    paragraph = "Officials spoke. LONDON, March 3 - The talks resumed on Monday afternoon."
    assert strip_caption_before_dateline(paragraph) == paragraph


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Skip to main content",
        "All rights reserved.",
        "© 2024 Eastbrook Echo",
        "Home | News | Sport | Business",
        "12 comments",
        "Tags: fire, Eastbrook, industry",
        "Sign up for our morning newsletter",
        "Trending Now",
    ],
)
def test_common_chrome_lines_are_recognised(line):
    """Ads, skip links, copyright, menus, comment counts, tag lists and sign-ups are chrome."""
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        LEDE,
        HEADLINE,
        "Share prices fell sharply on Monday.",
        "Home owners in the area were told to stay indoors.",
    ],
)
def test_news_lines_are_not_chrome(line):
    """Ordinary news sentences, even ones starting with a chrome word, are not chrome."""
    assert not is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "June 9, 2024",
        "Sun, 9 Jun 2024 10:42",
        "09/06/2024",
        "Last updated: Jun 9, 2024 at 10:42 am BST",
    ],
)
def test_date_lines(line):
    """Lines that are only a date or timestamp are date lines."""
    assert is_date_line(line)


def test_sentence_with_a_date_is_not_a_date_line():
    """A sentence that mentions a date is not a date line."""
    assert not is_date_line("The fire started on June 9, 2024 at a paint warehouse.")


def test_dropped_lines_are_kept_for_inspection():
    """Every removed line is listed in `dropped`, in order."""
    parts = split("June 9, 2024", HEADLINE, "By Hannah Whitlock", LEDE, "Advertisement", SECOND)
    assert parts.dropped == ("June 9, 2024", "By Hannah Whitlock", "Advertisement")


def test_text_of_only_chrome_has_no_body():
    """A text of a headline and chrome gives an empty body."""
    parts = split(HEADLINE, "Share", "Advertisement", "Leave a comment")
    assert parts.body == ""


def test_paywall_and_app_promotions_are_removed():
    """'Subscribe ... for the full story' and 'Follow X on Twitter' lines are chrome."""
    parts = split(
        HEADLINE,
        LEDE,
        "Subscribe now to our e-edition for the full story.",
        "Follow The Gazette on Twitter and Instagram @Gazette.",
        "For breaking news download the Gazette apps for iOS and Android.",
        SECOND,
    )
    assert parts.body == f"{LEDE}\n\n{SECOND}"


def test_a_paragraph_about_subscriptions_is_news():
    """A long paragraph reporting on subscriptions is not a promotion."""
    news = (
        "The newspaper said on Monday that subscribers would lose immediate access to the archive "
        "unless they renewed, a change the union called a betrayal of readers who had paid for "
        "years, and which the publisher defended as the only way to keep the newsroom open through "
        "the winter after advertising revenue fell by a third."
    )
    assert split(HEADLINE, LEDE, news, SECOND).body == f"{LEDE}\n\n{news}\n\n{SECOND}"
