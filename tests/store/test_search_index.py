"""The store's search indexes and foreign keys: built by named migrations, kept in step."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.model import Article, Entity, Quote, Story
from storyline.store import schema
from storyline.store.sqlite import Store, statements


def _article(i: int, text: str, title: str = "") -> Article:
    return Article(
        f"a{i}", f"in/{i}.txt", f"in/{i}.txt", "text", text, text=text, title=title or f"T{i}"
    )


def _matches(db: Path, table: str, query: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (query,)
        ).fetchone()[0]


def _integrity(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        for table in ("articles_fts", "quotes_fts", "entities_fts"):
            # rank 1: compare the index with the content table too, not only with itself
            conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")


def test_statements_keep_trigger_bodies_whole():
    """A script splits at statement ends, not at the semicolons inside a trigger."""
    script = "CREATE TABLE t (a); CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; SELECT 2; END;"
    assert [s.strip() for s in statements(script)] == [
        "CREATE TABLE t (a);",
        "CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; SELECT 2; END;",
    ]


def test_writes_keep_the_index_in_step(tmp_path: Path):
    """Insert, replace (INSERT OR REPLACE), text update and delete are all seen by the index."""
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.save(
            [_article(1, "The ferry sank near Korvask harbour."), _article(2, "Tariffs rose.")]
        )
        assert _matches(db, "articles_fts", "ferry") == 1
        store.save([_article(1, "The ferry was towed to Korvask harbour.")])  # same id: replaced
        assert _matches(db, "articles_fts", "sank") == 0
        assert _matches(db, "articles_fts", "towed") == 1
        store.set_texts([("a2", "Tariffs fell sharply.")])
        assert _matches(db, "articles_fts", "fell") == 1
        assert _matches(db, "articles_fts", "rose") == 0
        store.forget_inputs(["in/2.txt"])
        assert _matches(db, "articles_fts", "tariffs") == 0
        quote = Quote(
            "a1",
            0,
            9,
            "we will rebuild the pier",
            "direct",
            "said",
            "she",
            speaker_entity="Ilse Brandvold",
        )
        store.save([quote])
        store.replace_all(Quote, [quote])  # as connect_quotes does on every run
        assert _matches(db, "quotes_fts", "Brandvold") == 1
        store.replace_all(
            Entity, [Entity("e1", "Ilse Brandvold", "person", ("Brandvold",), (), ("a1",))]
        )
        store.replace_all(
            Entity, [Entity("e1", "Ilse Brandvold", "person", ("Mayor Brandvold",), (), ("a1",))]
        )
        assert _matches(db, "entities_fts", "mayor") == 1
    _integrity(db)


def test_memberships_follow_stories_and_entities(tmp_path: Path):
    """story_articles and entity_articles list each story's and entity's articles, as rewritten."""
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.replace_all(Story, [Story("s1", "storyline", "x", ("a1", "a2"))])
        store.replace_all(
            Story,
            [
                Story("s1", "storyline", "x", ("a2", "a3")),
                Story("e1", "event", "y", ("a3",), parent="s1"),
            ],
        )
        store.replace_all(Entity, [Entity("n1", "Ana", "person", articles=("a1", "a3"))])
    with sqlite3.connect(db) as conn:
        assert sorted(conn.execute("SELECT * FROM story_articles")) == [
            ("e1", "a3"),
            ("s1", "a2"),
            ("s1", "a3"),
        ]
        assert sorted(conn.execute("SELECT * FROM entity_articles")) == [("n1", "a1"), ("n1", "a3")]


def test_foreign_keys_are_declared(tmp_path: Path):
    """Every column naming another table's row declares it, for readers such as Datasette."""
    db = tmp_path / "s.db"
    Store(db).close()
    expected = {
        ("quotes", "article", "articles"),
        ("quotes", "first_seen", "articles"),
        ("dates", "article", "articles"),
        ("published_dates", "article", "articles"),
        ("analysed", "article", "articles"),
        ("article_entities", "article", "articles"),
        ("links", "a", "articles"),
        ("links", "b", "articles"),
        ("links", "origin", "articles"),
        ("stories", "parent", "stories"),
        ("timeline", "storyline", "stories"),
        ("story_articles", "story", "stories"),
        ("story_articles", "article", "articles"),
        ("entity_articles", "entity", "entities"),
        ("entity_articles", "article", "articles"),
    }
    with sqlite3.connect(db) as conn:
        found = {
            (table, row[3], row[2])
            for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            for row in conn.execute(f"PRAGMA foreign_key_list('{table}')")
        }
    assert expected <= found


def test_an_older_store_upgrades_with_its_rows_kept_and_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A store made before migrations 0006-0008 keeps every row and finds them by search."""
    db = tmp_path / "old.db"
    old = tuple(m for m in schema.MIGRATIONS if m[0] < "0006")
    monkeypatch.setattr("storyline.store.sqlite.MIGRATIONS", old)
    with Store(db):
        pass  # the old schema
    # Written as the old code wrote them: today's records have columns an old store lacks.
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO articles (id, path, file, format, raw_text, text, title) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            ("a1", "a1.txt", "a1.txt", "text", "x", "Floodwater reached the Millbank plant.", ""),
        )
        conn.execute(
            'INSERT INTO quotes (article, start, "end", text, kind, speaker) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            ("a1", 0, 5, "we are safe", "direct", "Chiu"),
        )
        conn.execute(
            "INSERT INTO stories (id, level, title, articles) VALUES (?, ?, ?, ?)",
            ("s1", "storyline", "flood", '["a1"]'),
        )
    monkeypatch.setattr("storyline.store.sqlite.MIGRATIONS", schema.MIGRATIONS)
    with Store(db) as store:
        assert store.migrate() == []  # already applied on opening; a second pass does nothing
        assert store.count("quotes") == 1
        assert store.count("stories") == 1
    assert _matches(db, "articles_fts", "Millbank") == 1
    assert _matches(db, "quotes_fts", "Chiu") == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT * FROM story_articles").fetchall() == [("s1", "a1")]
        names = [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")]
    assert names == [name for name, _ in schema.MIGRATIONS]
    _integrity(db)


def test_rerun_of_the_demo_keeps_the_index_whole(tmp_path: Path):
    """Running the demo twice changes nothing in the index; it matches its content."""
    from storyline.run import demo_corpus, run_pipeline

    db = tmp_path / "demo.db"
    run_pipeline([demo_corpus()], db)
    first = _matches(db, "articles_fts", "Harborville")
    run_pipeline([demo_corpus()], db)
    assert _matches(db, "articles_fts", "Harborville") == first > 0
    _integrity(db)
