"""Headline-only items (feeds, news APIs) are briefs: stored, exported and clustered."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from storyline.run import run_pipeline
from storyline.store.export import export_tables

# Two happenings reported by several outlets, as a news API returns them: a title, a link,
# a source and a time, sometimes a one-line summary, never the article.
HEADLINES = [
    {
        "title": "Harbour crane collapse closes Port Callis east dock",
        "url": "https://meridianwire.example/2024/03/05/port-callis-crane-collapse",
        "source": "meridianwire.example",
        "published": "2024-03-05T09:30:00Z",
    },
    {
        "title": "Crane collapse at Port Callis: east dock shut, two workers hurt",
        "url": "https://harborvilleherald.example/news/crane-collapse-port-callis",
        "source": "harborvilleherald.example",
        "published": "2024-03-05T11:02:00Z",
        "summary": "Two dock workers were taken to hospital.",
    },
    {
        "title": "Port Callis east dock stays closed after crane collapse",
        "url": "https://dailyfeedhub.example/p/88121",
        "source": "dailyfeedhub.example",
        "published": 1709712000000,  # epoch milliseconds, as the UCI feed gives them
    },
    {
        "title": "Valdoria and Ostrenia sign tariff deal on steel imports",
        "url": "https://valdoriapost.example/2024/03/06/tariff-deal-signed",
        "source": "valdoriapost.example",
        "published": "2024-03-06T08:00:00Z",
    },
    {
        "title": "Ostrenia, Valdoria agree steel tariff deal after months of talks",
        "url": "https://capitalbrief.example/trade/ostrenia-valdoria-steel-tariff",
        "source": "capitalbrief.example",
        "published": "2024-03-06T10:15:00Z",
    },
    {
        "title": "Steel tariff deal signed by Valdoria and Ostrenia ministers",
        "url": "https://korvaskdaily.example/world/steel-tariff-deal",
        "source": "korvaskdaily.example",
        "published": "2024-03-06T13:40:00Z",
    },
    # Neither a title nor any text: not an article.
    {"url": "https://dailyfeedhub.example/p/88122", "source": "dailyfeedhub.example"},
]


@pytest.fixture(scope="module")
def briefs_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("briefs")
    path = folder / "api.jsonl"
    path.write_text("".join(json.dumps(h) + "\n" for h in HEADLINES), encoding="utf-8")
    db = folder / "briefs.db"
    run_pipeline([path], db, quotes=False)
    return db


def rows(db: Path, sql: str) -> list[sqlite3.Row]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return list(conn.execute(sql))


def test_headlines_are_stored_as_briefs_and_the_empty_item_is_a_reject(briefs_db: Path) -> None:
    """Six headlines become brief articles with their dates; the item with nothing is a reject."""
    articles = rows(briefs_db, "SELECT * FROM articles ORDER BY path")
    assert len(articles) == 6
    assert all(a["brief"] == 1 for a in articles)
    assert articles[1]["text"] == "Two dock workers were taken to hospital."
    assert articles[2]["published"] == "2024-03-06T08:00:00Z"
    rejects = rows(briefs_db, "SELECT reason FROM rejects")
    assert [r["reason"] for r in rejects] == [
        "record has no 'title', 'text' or 'html' field with content"
    ]


def test_briefs_form_one_event_per_happening(briefs_db: Path) -> None:
    """The three crane headlines are one event and the three tariff headlines another."""
    title = {a["id"]: a["title"] for a in rows(briefs_db, "SELECT id, title FROM articles")}
    events = [
        sorted("crane" in title[a].lower() for a in json.loads(s["articles"]))
        for s in rows(briefs_db, "SELECT articles FROM stories WHERE level = 'event'")
    ]
    assert sorted(events) == [[False] * 3, [True] * 3]
    assert len(rows(briefs_db, "SELECT id FROM stories WHERE level = 'storyline'")) == 2


def test_briefs_are_skipped_by_the_stages_that_need_a_body(briefs_db: Path) -> None:
    """No dates in text, no copy links and no timeline entries come from headlines alone."""
    assert rows(briefs_db, "SELECT * FROM dates") == []
    assert rows(briefs_db, "SELECT * FROM links") == []
    assert rows(briefs_db, "SELECT * FROM timeline") == []


def test_brief_is_an_exported_field(briefs_db: Path, tmp_path: Path) -> None:
    """`storyline export` writes `brief` as a JSON boolean."""
    export_tables(briefs_db, tmp_path)
    lines = (tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["brief"] for line in lines} == {True}


def test_full_article_beside_briefs_is_not_a_brief(tmp_path: Path) -> None:
    """A record with a real body stays a full article, analysed for dates as before."""
    body = (
        "PORT CALLIS, March 5 - A crane collapsed on the east dock of Port Callis on Tuesday "
        "morning, injuring two workers, the harbour authority said. The dock will stay closed "
        "until Friday while inspectors examine the other cranes."
    )
    record = {"title": "Crane collapse shuts Port Callis dock", "text": body}
    record |= {"published": "2024-03-05T12:00:00Z", "url": "https://a.example/crane"}
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = tmp_path / "one.db"
    run_pipeline([path], db, quotes=False)
    assert [a["brief"] for a in rows(db, "SELECT brief FROM articles")] == [0]
    assert {d["value"] for d in rows(db, "SELECT value FROM dates")} >= {"2024-03-05"}
