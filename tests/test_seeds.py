"""The five real articles the project started from: clean text, real headlines, no chrome."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

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
    from storyline.run import run_ingest

    summary = run_ingest([require(SEEDS)], tmp_path / "seeds.db")
    assert (summary.articles, summary.rejects) == (5, 0)
    assert dict(summary.languages) == {"en": 5}


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store after the whole `storyline run` over the seeds (report included)."""
    from storyline.run import run_pipeline

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    run_pipeline([require(SEEDS)], db, report=db.with_suffix(".html"))
    return db


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_seed_links_are_one_same_event_pair(seeds_db: Path) -> None:
    """000 and 001 report one meeting and share a quotation: same_event; no copies at all."""
    links = _rows(
        seeds_db,
        "SELECT substr(x.path, -24, 3), substr(y.path, -24, 3), relation, origin FROM links "
        "JOIN articles x ON x.id = links.a JOIN articles y ON y.id = links.b",
    )
    assert [(*sorted(link[:2]), *link[2:]) for link in links] == [
        ("000", "001", "same_event", None)
    ]


def test_seed_dates_are_never_made_up(seeds_db: Path) -> None:
    """002's banner date is flagged, 004 keeps its year unknown, nothing gets a false year."""
    published = dict(
        _rows(seeds_db, "SELECT substr(path, -24, 3), published FROM articles ORDER BY path")
    )
    assert published == dict.fromkeys(("000", "001", "002", "003", "004"))
    flagged = dict(
        _rows(
            seeds_db,
            "SELECT substr(a.path, -24, 3), p.conflict FROM published_dates p "
            "JOIN articles a ON a.id = p.article",
        )
    )
    assert "2024-07-19" in flagged["002"]
    values = dict(
        _rows(
            seeds_db,
            "SELECT d.text, d.value FROM dates d JOIN articles a ON a.id = d.article "
            "WHERE a.path LIKE '%004_%'",
        )
    )
    assert values["January 10"] == "XXXX-01-10"
    assert values["January 12"] == "XXXX-01-12"
    assert values["a day later"] == "XXXX-01-13"


def test_seed_report_is_written(seeds_db: Path) -> None:
    """The run writes a self-contained HTML report that names every seed headline."""
    page = seeds_db.with_suffix(".html").read_text(encoding="utf-8")
    assert "Biden said he expects progress in negotiations with Russia" in page
    assert "<script src=" not in page
    assert "http://" not in page.split("<body", 1)[0]


def test_seeds_form_one_storyline_with_000_and_001_in_one_event(seeds_db: Path) -> None:
    """The five seeds tell one story; 000 and 001 report the same Stockholm meeting."""
    stories = _rows(seeds_db, "SELECT level, articles FROM stories")
    names = dict(_rows(seeds_db, "SELECT id, substr(path, -24, 3) FROM articles"))
    storylines = [json.loads(a) for level, a in stories if level == "storyline"]
    assert len(storylines) == 1
    assert {names[a] for a in storylines[0]} == {"000", "001", "002", "003", "004"}
    events = [{names[a] for a in json.loads(a)} for level, a in stories if level == "event"]
    assert any({"000", "001"} <= event for event in events)


def test_seed_004_timeline_dates_the_call_and_the_talks(seeds_db: Path) -> None:
    """The Thursday call is Dec 30 and the talks Jan 10 and 12, the year inferred.

    The sentence naming Jan 12 and "a day later" (Jan 13) stands once, under Jan 12.
    """
    dates = {date for (date,) in _rows(seeds_db, "SELECT date FROM timeline")}
    assert {"2021-12-30", "2022-01-10", "2022-01-12"} <= dates
