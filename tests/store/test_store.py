"""The SQLite store: migrations, the count invariant, re-runs, exports, order independence."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Article, Reject
from storyline.store.export import export_tables
from storyline.store.schema import MIGRATIONS
from storyline.store.sqlite import Store

SOURCE = "eastbrook-echo.example"
FOOTER = "Eastbrook Echo is part of Valley Media Group."


def story(n: int) -> str:
    """Return the body of a distinct short local story."""
    return (
        f"The county council met on day {n} of the session to debate the new bus timetable, "
        f"which would add {n + 3} evening services between Eastbrook and the hospital.\n"
        f"Councillors said a final decision on route {n} was expected next month."
    )


def jsonl(path: Path, numbers, *, footer: bool = False) -> Path:
    """Write a JSONL file of local stories from one source, with or without a footer line."""
    lines = [
        json.dumps(
            {
                "id": f"echo-{n}",
                "source": SOURCE,
                "title": f"Bus timetable debate {n}",
                "url": f"https://{SOURCE}/news/{n}",
                "published": f"2024-06-0{n % 9 + 1}T09:00:00Z",
                "text": story(n) + (f"\n{FOOTER}" if footer else ""),
            }
        )
        for n in numbers
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Echo</title>
<item><title>Library opening hours extended</title><link>https://eastbrook-echo.example/lib</link>
<description><![CDATA[<p>The central library will stay open until nine in the evening on
weekdays from next month, the council said.</p><p>The longer hours are funded by a grant from
the regional education fund for two years.</p><p>Staff unions said they had been consulted and
supported the change.</p>]]></description></item>
<item><title>Only a headline here</title><link>https://eastbrook-echo.example/x</link></item>
</channel></rss>"""


@pytest.fixture
def mixed_folder(tmp_path, news_text, news_html, make_warc, warc_record, make_page):
    """A folder of 9 files holding 17 input units: articles, bad records and junk."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "storm.txt").write_text(news_text, encoding="utf-8")
    (folder / "sub" / "storm-copy.txt").write_text(news_text, encoding="utf-8")  # duplicate
    (folder / "crane.html").write_text(news_html, encoding="utf-8")
    jsonl(folder / "echo.jsonl", range(3))
    with (folder / "echo.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"id": "broken"\n{"title": "no text"}\n')  # 3 + 2 units
    (folder / "pair.json").write_text(
        json.dumps([{"text": story(10), "title": "Two"}, 7]), encoding="utf-8"
    )  # 2 units
    (folder / "echo.rss").write_text(RSS, encoding="utf-8")  # 2 units
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    (folder / "empty.txt").write_bytes(b"")
    make_warc(
        folder / "crawl.warc.gz",
        [
            warc_record("warcinfo"),
            warc_record(
                "response",
                url="https://tidewater.example/a",
                body=make_page("Ferry fares to rise in spring", [story(20)]).encode(),
            ),
            warc_record(
                "response",
                url="https://tidewater.example/b.css",
                body=b"body{}",
                content_type="text/css",
            ),
        ],
        gz=True,
    )  # 2 units
    return folder


MIXED_UNITS = 2 + 1 + 5 + 2 + 2 + 1 + 1 + 2


def table_dump(db_path: Path) -> dict[str, list[tuple]]:
    """Return the articles, rejects and boilerplate tables, sorted."""
    with sqlite3.connect(db_path) as db:
        return {
            t: sorted(db.execute(f"SELECT * FROM {t}").fetchall())
            for t in ("articles", "rejects", "boilerplate_lines")
        }


# -- migrations -------------------------------------------------------------------------------


def test_migrations_are_recorded_by_name_and_applied_once(db_path):
    """A new store records every migration by name; opening it again applies none."""
    with Store(db_path) as store:
        rows = store.db.execute("SELECT name, applied_at FROM _migrations ORDER BY name").fetchall()
        assert [r[0] for r in rows] == [name for name, _ in MIGRATIONS]
        assert store.migrate() == []
    with Store(db_path) as store:
        again = store.db.execute("SELECT name, applied_at FROM _migrations ORDER BY name")
        assert [tuple(r) for r in again] == [tuple(r) for r in rows]


def test_an_older_store_gets_only_the_missing_migrations(db_path):
    """A store written when only the first migration existed is upgraded by the later ones."""
    import sqlite3

    old = sqlite3.connect(db_path)
    old.executescript(MIGRATIONS[0][1])
    old.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    old.execute("INSERT INTO _migrations VALUES (?, '2025-01-01')", (MIGRATIONS[0][0],))
    old.execute(
        "INSERT INTO articles (id, path, file, format, text, raw_text) "
        "VALUES ('a1', '/data/a.txt', '/data/a.txt', 'text', 'Body.', 'Body.')"
    )
    old.commit()
    old.close()
    with Store(db_path) as store:
        assert store.count("boilerplate_lines") == 0
        assert [a.text for a in store.articles()] == ["Body."]
        local = store.db.execute("SELECT local_text FROM articles").fetchone()[0]
        assert local == "Body."
        names = [r[0] for r in store.db.execute("SELECT name FROM _migrations ORDER BY name")]
        assert names == [name for name, _ in MIGRATIONS]


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path):
    """Opening a text file as the store fails with a StoreError that names the file."""
    from storyline.errors import StoreError

    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError, match=r"notes\.db"):
        Store(path)


# -- the count invariant and re-runs ----------------------------------------------------------


def test_every_input_unit_is_an_article_or_a_reject(mixed_folder, ingest):
    """On a mixed folder, articles plus rejects equal the input units, with no overlap."""
    result = ingest(mixed_folder)
    assert len(result.articles) + len(result.rejects) == MIXED_UNITS
    assert not set(result.articles) & set(result.rejects)
    assert result.summary.articles == len(result.articles)
    assert result.summary.rejects == len(result.rejects)
    assert result.summary.files == 9
    with sqlite3.connect(mixed_folder.parent / "store.db") as db:
        per_file = db.execute("SELECT sum(articles) + sum(rejects), count(*) FROM inputs")
        assert per_file.fetchone() == (MIXED_UNITS, 9)


def test_rerun_adds_nothing_and_leaves_the_store_identical(
    mixed_folder, ingest, db_path, dump_tables
):
    """A second run over unchanged files skips them all; every table is byte-for-byte equal."""
    first = ingest(mixed_folder)
    before = dump_tables(db_path)
    second = ingest(mixed_folder)
    assert second.summary.skipped == second.summary.files == 9
    assert dump_tables(db_path) == before
    assert second.articles == first.articles


def test_incremental_run_adds_new_files_and_skips_old_ones(tmp_path, ingest, news_text):
    """Files added after a run are stored by the next run; the earlier ones are skipped."""
    folder = tmp_path / "in"
    folder.mkdir()
    jsonl(folder / "monday.jsonl", range(4))
    first = ingest(folder)
    jsonl(folder / "tuesday.jsonl", range(4, 7))
    (folder / "storm.txt").write_text(news_text, encoding="utf-8")
    second = ingest(folder)
    assert second.summary.skipped == 1
    assert len(second.articles) == len(first.articles) + 4
    assert {a["id"] for a in second.articles.values()} >= {f"echo-{n}" for n in range(7)}


def test_incremental_runs_end_in_the_same_store_as_one_run(tmp_path, ingest, news_text):
    """Two runs, the second after more files arrive, equal one run over all the files."""
    folder = tmp_path / "in"
    folder.mkdir()
    jsonl(folder / "monday.jsonl", range(4))
    ingest(folder, db=tmp_path / "step.db")
    jsonl(folder / "tuesday.jsonl", range(4, 7))
    (folder / "storm.txt").write_text(news_text, encoding="utf-8")
    ingest(folder, db=tmp_path / "step.db")
    ingest(folder, db=tmp_path / "once.db")
    assert table_dump(tmp_path / "step.db") == table_dump(tmp_path / "once.db")


def test_boilerplate_learning_does_not_depend_on_run_order(tmp_path, ingest):
    """Learning a footer early, then adding articles without it, equals one run over all."""
    folder = tmp_path / "in"
    folder.mkdir()
    jsonl(folder / "a.jsonl", range(3), footer=True)
    ingest(folder, db=tmp_path / "step.db")
    jsonl(folder / "b.jsonl", range(3, 13))
    ingest(folder, db=tmp_path / "step.db")
    ingest(folder, db=tmp_path / "once.db")
    assert table_dump(tmp_path / "step.db") == table_dump(tmp_path / "once.db")


def test_footer_repeated_by_a_source_is_learnt_and_removed(tmp_path, ingest):
    """A line every article of a source carries is learnt as chrome and cut from their text."""
    path = jsonl(tmp_path / "echo.jsonl", range(5), footer=True)
    result = ingest(path)
    assert result.summary.boilerplate_lines == 1
    assert all(
        FOOTER not in a["text"] and FOOTER in a["raw_text"] for a in result.articles.values()
    )


def test_changed_file_is_stored_afresh(tmp_path, ingest, news_text):
    """Editing a file replaces its old article; an unchanged neighbour is skipped."""
    folder = tmp_path / "in"
    folder.mkdir()
    story_path = folder / "storm.txt"
    story_path.write_text(news_text, encoding="utf-8")
    jsonl(folder / "echo.jsonl", range(2))
    first = ingest(folder)
    corrected = news_text.replace("40,000", "45,000")
    story_path.write_text(corrected, encoding="utf-8")
    stat = story_path.stat()
    os.utime(story_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    second = ingest(folder)
    assert second.summary.skipped == 1
    assert "about 45,000 homes" in second.article(story_path)["text"]
    assert second.article(story_path)["id"] != first.article(story_path)["id"]
    assert len(second.articles) == len(first.articles)


def test_file_that_turns_bad_moves_from_articles_to_rejects(tmp_path, ingest, news_text):
    """A story overwritten with an empty file is no longer an article but a reject."""
    path = tmp_path / "storm.txt"
    path.write_text(news_text, encoding="utf-8")
    assert list(ingest(path).articles) == [str(path)]
    path.write_bytes(b"")
    result = ingest(path)
    assert result.articles == {}
    assert result.rejects == {str(path): "empty file"}


# -- export -----------------------------------------------------------------------------------

ARTICLE_COLUMNS = [
    "id",
    "path",
    "url",
    "source",
    "title",
    "text",
    "raw_text",
    "author",
    "authors",
    "site_name",
    "published",
    "published_from",
    "modified",
    "fetched",
    "language",
    "format",
    "brief",
]
REJECT_COLUMNS = ["path", "reason"]


@pytest.fixture
def filled_store(mixed_folder, ingest, db_path):
    """A store holding the mixed folder's articles and rejects."""
    result = ingest(mixed_folder)
    return db_path, result


def test_export_jsonl_has_the_documented_columns(filled_store, tmp_path):
    """JSONL export writes one object per row with the documented columns, in order."""
    db_path, result = filled_store
    written = {p.name: p for p in export_tables(db_path, tmp_path / "out", "jsonl")}
    assert {"articles.jsonl", "rejects.jsonl", "links.jsonl", "dates.jsonl"} <= set(written)
    articles = [
        json.loads(line)
        for line in written["articles.jsonl"].read_text("utf-8").split("\n")
        if line
    ]
    rejects = [
        json.loads(line) for line in written["rejects.jsonl"].read_text("utf-8").split("\n") if line
    ]
    assert all(list(a) == ARTICLE_COLUMNS for a in articles)
    assert all(list(r) == REJECT_COLUMNS for r in rejects)
    assert {a["path"] for a in articles} == set(result.articles)
    assert {r["path"]: r["reason"] for r in rejects} == result.rejects
    crane = next(a for a in articles if a["path"].endswith("crane.html"))
    assert crane["published"] == "2024-03-14T08:30:00Z"
    assert crane["language"] == "en"


def test_export_csv_has_the_documented_columns(filled_store, tmp_path):
    """CSV export has a header row of the documented columns and a row per record."""
    db_path, result = filled_store
    articles_csv, rejects_csv = export_tables(db_path, tmp_path / "out", "csv")[:2]
    with articles_csv.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ARTICLE_COLUMNS
        rows = list(reader)
    assert len(rows) == len(result.articles)
    assert any("\n\n" in row["text"] for row in rows)  # multi-line text survives CSV quoting
    with rejects_csv.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == REJECT_COLUMNS
        assert len(list(reader)) == len(result.rejects)


def test_export_parquet_has_the_documented_columns(filled_store, tmp_path):
    """Parquet export holds string columns named as documented, with nulls kept null."""
    pq = pytest.importorskip("pyarrow.parquet")
    db_path, result = filled_store
    articles_pq, rejects_pq = export_tables(db_path, tmp_path / "out", "parquet")[:2]
    articles = pq.read_table(articles_pq)
    assert articles.column_names == ARTICLE_COLUMNS
    assert articles.num_rows == len(result.articles)
    assert None in articles.column("modified").to_pylist()
    rejects = pq.read_table(rejects_pq)
    assert rejects.column_names == REJECT_COLUMNS
    assert dict(zip(*(rejects.column(c).to_pylist() for c in REJECT_COLUMNS), strict=True)) == (
        result.rejects
    )


def test_export_of_a_missing_store_is_a_store_error(tmp_path):
    """Exporting from a store that does not exist says to run first."""
    from storyline.errors import StoreError

    with pytest.raises(StoreError, match="run"):
        export_tables(tmp_path / "nothing.db", tmp_path / "out")


# -- order independence -----------------------------------------------------------------------

PATHS = [f"/data/wire/{name}.txt" for name in ("alpha", "bravo", "charlie", "delta", "echo")]


def make_record(path: str, article_id: str | None) -> Article | Reject:
    """Return an article with the given id at `path`, or a reject when the id is None."""
    if article_id is None:
        return Reject(path, "too little text: 12 characters, fewer than 80")
    return Article(
        id=article_id,
        path=path,
        file=path,
        format="text",
        raw_text=f"Body {article_id}",
        text=f"Body {article_id}",
        title=f"Headline {article_id}",
        source="wire.example",
        published_at=datetime(2024, 6, 9, 8, 0, tzinfo=UTC),
        published_from="metadata",
        language="en",
    )


def store_after(records) -> dict[str, list[tuple]]:
    """Save records into a fresh in-memory store and return its sorted tables."""
    with Store(":memory:") as store:
        store.save(records)
        return {
            t: sorted(tuple(r) for r in store.db.execute(f"SELECT * FROM {t}"))
            for t in ("articles", "rejects")
        }


@st.composite
def records_and_shuffle(draw):
    """Records on distinct paths whose ids repeat at most twice, and a shuffled copy."""
    ids = draw(st.lists(st.sampled_from(["a1", "b2", "c3", None]), min_size=1, max_size=len(PATHS)))
    ids = [i for n, i in enumerate(ids) if i is None or ids[:n].count(i) < 2]
    records = [make_record(path, i) for path, i in zip(PATHS, ids, strict=False)]
    return records, draw(st.permutations(records))


@settings(max_examples=60, deadline=None)
@given(records_and_shuffle())
def test_saving_records_in_any_order_gives_the_same_store(pair):
    """Shuffling the records saved, duplicates included, never changes the store."""
    records, shuffled = pair
    assert store_after(shuffled) == store_after(records)


def test_three_copies_give_the_same_store_in_any_order():
    """Three inputs with the same id give the same rejects whichever is saved first."""
    records = [make_record(path, "same") for path in PATHS[:3]]
    assert store_after(reversed(records)) == store_after(records)


def test_duplicate_keeps_the_smaller_path():
    """Of two inputs with the same id, the smaller path is the article, the other a reject."""
    tables = store_after([make_record(PATHS[1], "x"), make_record(PATHS[0], "x")])
    assert [row[1] for row in tables["articles"]] == [PATHS[0]]
    assert tables["rejects"] == [
        (PATHS[1], PATHS[1], f"duplicate: same article as {PATHS[0]} (id x)")
    ]


def test_quote_type_and_parts_round_trip(tmp_path):
    """A quotation's type and the spans of its parts come back from the store as saved."""
    from storyline.model import Quote

    quote = Quote(
        "a1",
        0,
        60,
        "We will rebuild, It is our first job.",
        "direct",
        "said",
        "Ann Lo",
        type="speech",
        parts=((1, 16), (40, 60)),
    )
    stance = Quote("a1", 70, 90, "the repairs to cost more", "indirect", "expects", type="other")
    with Store(tmp_path / "s.db") as store:
        store.save([quote, stance])
        assert list(store.records(Quote)) == [quote, stance]
    export_tables(tmp_path / "s.db", tmp_path / "out")
    rows = [
        json.loads(line) for line in (tmp_path / "out" / "quotes.jsonl").read_text().splitlines()
    ]
    assert [(r["type"], r["parts"]) for r in rows] == [
        ("speech", [[1, 16], [40, 60]]),
        ("other", []),
    ]


def test_replace_all_writes_only_what_changed(tmp_path):
    """A second replace_all deletes gone rows, updates changed ones and leaves the rest alone."""
    from storyline.model import Link

    with Store(tmp_path / "s.db") as store:
        first = [Link("a", "b", "copy", 0.9, "a"), Link("b", "c", "spun", 0.7, None)]
        assert store.replace_all(Link, first) == 2
        kept_rowid = store.db.execute("SELECT rowid FROM links WHERE a = 'a'").fetchone()[0]
        changes = store.db.total_changes
        second = [Link("a", "b", "copy", 0.9, "a"), Link("c", "d", "copy", 0.95, "c")]
        assert store.replace_all(Link, second) == 2
        assert store.db.total_changes - changes == 2  # one delete, one insert
        assert list(store.records(Link)) == second
        assert store.db.execute("SELECT rowid FROM links WHERE a = 'a'").fetchone()[0] == kept_rowid
        changes = store.db.total_changes
        store.replace_all(Link, [Link("a", "b", "copy", 0.8, "a"), second[1]])
        assert store.db.total_changes - changes == 1  # the changed score only
        assert [x.score for x in store.records(Link)] == [0.8, 0.95]
        store.replace_all(Link, [])
        assert store.count("links") == 0
