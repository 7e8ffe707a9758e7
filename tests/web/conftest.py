"""Fixtures for the web app: the demo corpus plus one hostile article, run into a store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from storyline.run import demo_corpus, run_pipeline

# An article whose every field tries to become markup or script, or to flip the page's text
# direction (U+202E RIGHT-TO-LEFT OVERRIDE), with a quotation so its speaker is shown too.
HOSTILE = {
    "id": "hostile/../../etc/passwd",
    "url": "javascript:window.__pwned=4",
    "source": "<b>evil</b>.example",
    "title": (
        '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> \u202eflipped'
    ),
    "author": '" onload="window.__pwned=3',
    "published": "2025-03-05T10:00:00Z",
    "text": (
        "<script>window.__pwned = 5; alert('x')</script> Harborville officials met on "
        'Wednesday after the Tessel River spill. "We will publish every water test '
        'result <svg onload=window.__pwned=6> as soon as we have it," said Mayor Ilse '
        "Brandvold of Harborville, speaking at city hall. The council will meet again on "
        "Friday to discuss the cost of the clean-up and the claims of local businesses, "
        "which say they lost a week of trade while the water intake was shut."
    ),
}


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a store made by `storyline run` on the demo corpus and one hostile article."""
    folder = tmp_path_factory.mktemp("web")
    extra = folder / "inputs"
    extra.mkdir()
    (extra / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = folder / "web.db"
    run_pipeline([demo_corpus(), extra], db)
    return db


@pytest.fixture(scope="session")
def web_ids(web_db: Path) -> dict[str, str]:
    """Return ids of records to visit: a storyline, event, article, person, quote group."""
    with sqlite3.connect(web_db) as db:
        storyline, articles = db.execute(
            "SELECT id, articles FROM stories WHERE level = 'storyline' "
            "ORDER BY json_array_length(articles) DESC, id LIMIT 1"
        ).fetchone()
        event = db.execute("SELECT id FROM stories WHERE level = 'event' LIMIT 1").fetchone()[0]
        person, name = db.execute(
            "SELECT e.id, e.name FROM entities e WHERE type = 'person' AND EXISTS "
            "(SELECT 1 FROM quotes q WHERE q.speaker_entity = e.name) ORDER BY e.name LIMIT 1"
        ).fetchone()
        group = db.execute(
            'SELECT "group" FROM quotes GROUP BY "group" HAVING count(*) > 1 LIMIT 1'
        ).fetchone()[0]
        source = db.execute(
            "SELECT source FROM articles WHERE source LIKE '%.example' "
            "AND source NOT LIKE '%<%' LIMIT 1"
        ).fetchone()[0]
    return {
        "storyline": storyline,
        "article": json.loads(articles)[0],
        "event": event,
        "person": person,
        "person_name": name,
        "group": group,
        "source": source,
        "hostile": HOSTILE["id"],
    }
