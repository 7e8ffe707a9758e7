"""The bundled demo corpus ingests as its hand-written truth file says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.run import demo_corpus, run_pipeline, write_run_report
from storyline.store.sqlite import Store

TRUTH = json.loads((Path(__file__).parent / "data" / "demo_truth.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    run_pipeline([demo_corpus()], db)
    return db


@pytest.fixture(scope="module")
def demo_articles(demo_db: Path) -> dict[str, dict[str, str]]:
    with Store(demo_db) as store:
        rows = [dict(row) for row in store.rows("articles")]
    return {Path(row["path"]).name: row for row in rows}


def test_demo_links_are_the_written_ones(demo_db: Path) -> None:
    """Copies, trimmed and spun reprints, and same-event pairs come out as the truth says."""
    with Store(demo_db) as store:
        names = {row["id"]: Path(row["path"]).name for row in store.rows("articles")}
        rows = [dict(row) for row in store.rows("links")]
    found = {
        tuple(sorted((names[r["a"]], names[r["b"]]))): (r["relation"], names.get(r["origin"]))
        for r in rows
    }
    expected = {
        tuple(sorted((link["a"], link["b"]))): (link["relation"], link["origin"])
        for link in TRUTH["links"]
    }
    assert found == expected


def test_every_demo_article_is_ingested(demo_articles: dict[str, dict[str, str]]) -> None:
    """Each article the truth file places in an event is in the store, and nothing else."""
    expected = {a for s in TRUTH["storylines"] for e in s["events"] for a in e["articles"]}
    assert set(demo_articles) == expected


def test_demo_titles_and_authors(demo_articles: dict[str, dict[str, str]]) -> None:
    """Headlines and bylines come out as written, past mastheads, menus and breadcrumbs."""
    titles = {name: demo_articles[name]["title"] for name in TRUTH["titles"]}
    assert titles == TRUTH["titles"]
    authors = {name: demo_articles[name]["author"] or None for name in TRUTH["authors"]}
    assert authors == TRUTH["authors"]


def test_demo_boilerplate_share_removed(demo_articles: dict[str, dict[str, str]]) -> None:
    """At least 85% of the chrome lines listed in the truth file are gone as paragraphs."""
    listed = [(name, line) for name, lines in TRUTH["boilerplate"].items() for line in lines]
    kept = [(n, line) for n, line in listed if line in demo_articles[n]["text"].split("\n\n")]
    assert len(kept) <= 0.15 * len(listed), kept


def _groups(demo_db: Path, level: str) -> set[frozenset[str]]:
    with Store(demo_db) as store:
        names = {row["id"]: Path(row["path"]).name for row in store.rows("articles")}
        rows = list(store.rows("stories", ("level", "articles")))
    return {
        frozenset(names[a] for a in json.loads(row["articles"]))
        for row in rows
        if row["level"] == level
    }


def test_demo_events_and_storylines_are_the_written_ones(demo_db: Path) -> None:
    """Every article lands in the event and storyline the truth file puts it in."""
    storylines = TRUTH["storylines"]
    assert _groups(demo_db, "storyline") == {
        frozenset(a for e in s["events"] for a in e["articles"]) for s in storylines
    }
    assert _groups(demo_db, "event") == {
        frozenset(e["articles"]) for s in storylines for e in s["events"]
    }


def test_demo_storylines_have_a_dated_timeline_and_a_summary(demo_db: Path) -> None:
    """Each storyline gets timeline entries citing its articles, and a sourced summary."""
    with Store(demo_db) as store:
        stories = [dict(r) for r in store.rows("stories") if r["level"] == "storyline"]
        timeline = [dict(r) for r in store.rows("timeline")]
    for story in stories:
        entries = [e for e in timeline if e["storyline"] == story["id"]]
        assert entries, story["title"]
        assert all(
            set(json.loads(e["articles"])) <= set(json.loads(story["articles"])) for e in entries
        )
        assert any(e["date"].startswith("2025-") for e in entries)
        summary = json.loads(story["summary"])
        assert summary
        assert all(s["articles"] for s in summary)


def test_a_later_run_adds_articles_to_existing_stories(tmp_path: Path) -> None:
    """Files added later join the storylines an earlier run opened; earlier ids stay."""
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for path in sorted(demo_corpus().iterdir()):
        if path.suffix in {".txt", ".html", ".jsonl", ".xml"}:
            target = first if path.name < "10" else later
            (target / path.name).write_bytes(path.read_bytes())
    db = tmp_path / "store.db"
    run_pipeline([first], db)
    before = _storylines(db)
    run_pipeline([first, later], db)
    after = _storylines(db)
    with Store(db) as store:
        count = store.count("articles")
    # An earlier storyline lives on, or was merged whole into another earlier storyline.
    for members in before.values():
        holder = next(sid for sid, now in after.items() if members <= now)
        assert holder in before
    assert sum(len(members) for members in after.values()) == count
    assert _groups(db, "storyline") == {
        frozenset(a for e in s["events"] for a in e["articles"]) for s in TRUTH["storylines"]
    }


def _storylines(db: Path) -> dict[str, set[str]]:
    """Return each storyline's id with the ids of its articles."""
    with Store(db) as store:
        return {
            row["id"]: set(json.loads(row["articles"]))
            for row in store.rows("stories")
            if row["level"] == "storyline"
        }


def test_the_report_of_a_large_store_shows_its_largest_storylines(
    demo_db: Path, tmp_path: Path
) -> None:
    """Past the article budget the report keeps the largest storylines and says so."""
    with Store(demo_db) as store:
        out = write_run_report(store, tmp_path / "report.html", title="demo", max_articles=10)
    page = out.read_text(encoding="utf-8")
    assert "the 1 largest of 3 storylines" in page
    assert "Tessel" in page  # the spill, 9 articles
    assert "Nimbus" not in page  # the breach, left out
