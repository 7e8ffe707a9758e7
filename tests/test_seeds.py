"""The five real articles the project started from: clean text, real headlines, no chrome."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.clean.boilerplate import split_article
from storyline.clean.normalize import normalize_text
from tests.shared_data import SEEDS, require

# For each seed: the real headline, the author, news sentences that must survive cleaning,
# and boilerplate that must not.
EXPECTED = {
    "000": {
        "title": "America explains when Putin & Biden will discuss",
        "author": "",
        "with": [
            "Russian President Vladimir Putin and his American counterpart Joe Biden",
            "“We had a very direct, very candid, non-polemical exchange of views,”",
            "“I’m going to do the same, of course, with President Biden.",
            "calling the assembly a “substantive exchange of opinions",
            "Some Western media retailers have claimed Russia will imminently invade.",
            "with out citing a supply.",
        ],
        "without": ["Read extra", "Moscow says Putin & Biden need to talk"],
    },
    "001": {
        "title": "Biden, Putin to Hold Talks in the ‘Near Future’ After Diplomats Make No "
        "Progress on Ukraine",
        "author": "Dave DeCamp",
        "with": [
            "Secretary of State Antony Blinken met with Russia's FM in Stockholm",
            "President Biden and Russian President Vladimir Putin will likely hold talks",
            "According to The Guardian, the two diplomats spent their 40-minute conversation",
            "NATO refuses to consider our proposals on easing tension and preventing "
            "dangerous incidents,” he said.",
        ],
        "without": ["Author:", "news editor of Antiwar.com", "@decampdave"],
    },
    "002": {
        "title": "Washington and Moscow continue to discuss the Biden-Putin summit",
        "author": "Cole Hanson",
        "with": [
            "(Washington) The White House said advisers Joe Biden and Vladimir Putin",
            "Finland and Austria in particular have expressed their willingness",
            "Joe Biden’s National Security Adviser Jake Sullivan spoke by phone",
            "“The Russian side stressed the impermissibility",
            "If nothing is decided, negotiations will continue.",
            "imprisoned Russian opponent Alexei Navalny.",
        ],
        "without": [
            "Friday, July 19, 2024",
            "Must read",
            "Cole Hanson",
            "twitteraholic",
            "France Media",
            "See also",
            "China confirms the launch",
            "Latest article",
        ],
    },
    "003": {
        "title": "The US Open for New Contacts Between Biden and Putin",
        "author": "",
        "with": [
            "Although it all depends on how the situation will develop further",
            "Price noted that Biden and Putin have had an opportunity to speak on the phone",
            "the latest Biden-Putin telephone took place late in 2021.",
            "the so-called treaties that the Russian Federation published.",
        ],
        "without": ["Be the first to comment", "Leave a Reply", "Your email address"],
    },
    "004": {
        "title": "Biden said he expects progress in negotiations with Russia",
        "author": "",
        "with": [
            "WASHINGTON Dec 31 US President Joe Biden, following a conversation",
            "“I always look forward to negotiations and progress,” Biden said",
            "On Thursday, Putin and Biden had a telephone conversation that lasted 50 minutes.",
            "A meeting of the Russia-NATO Council is scheduled for January 12",
            "According to him, this does not threaten anyone and should not worry anyone.",
        ],
        "without": [
            "GENERICO",
            "Please enter your comment!",
            "Please enter your name here",
            "LATEST POSTS",
            "US President Joe Biden WASHINGTON",
        ],
    },
}


def _seed(prefix: str) -> Path:
    matches = sorted(require(SEEDS).glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not found")
    return matches[0]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_is_cleaned_to_its_news_text(prefix: str) -> None:
    """Each seed keeps its news sentences, its real headline and author, and loses its chrome."""
    expected = EXPECTED[prefix]
    parts = split_article(normalize_text(_seed(prefix).read_text(encoding="utf-8")))
    assert parts.title == expected["title"]
    assert parts.author == expected["author"]
    for snippet in expected["with"]:
        assert snippet in parts.body, f"lost news text: {snippet!r}"
    for snippet in expected["without"]:
        assert snippet not in parts.body, f"kept boilerplate: {snippet!r}"
    assert parts.title not in parts.body


def test_seeds_run_into_a_store(tmp_path: Path) -> None:
    """All five seeds become English articles through the whole ingest run."""
    from storyline.workflow import run_ingest

    summary = run_ingest([require(SEEDS)], tmp_path / "seeds.db")
    assert (summary.articles, summary.rejects) == (5, 0)
    assert dict(summary.languages) == {"en": 5}
