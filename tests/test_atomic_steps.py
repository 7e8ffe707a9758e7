"""A run killed at any phase boundary, or inside a global step, resumes to the same store;
a re-run with nothing new changes no table."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from storyline.run import demo_corpus, run_pipeline

# Tables whose rows depend on when a run happened, not on what it stored.
TIMING_TABLES = {"_migrations"}

# Each boundary: the function the driver wraps, and whether it dies before or after it runs.
# "replace_all:TimelineEntry" dies inside cluster_store, after the stories were computed and
# handed to the store but before the timeline is: the step must commit all or nothing.
SLOW = pytest.mark.slow  # a killed run and its resumption take half a minute each
BOUNDARIES = [
    pytest.param("run_ingest", "after", marks=SLOW),
    ("analyse_articles", "after"),
    pytest.param("link_store", "after", marks=SLOW),
    ("replace_all:Quote", "before"),  # inside connect_quotes, entities already handed over
    pytest.param("connect_quotes", "after", marks=SLOW),
    ("replace_all:TimelineEntry", "before"),  # inside cluster_store, stories handed over
    pytest.param("save_story_state", "before", marks=SLOW),
    pytest.param("cluster_store", "after", marks=SLOW),
    pytest.param("write_run_report", "before", marks=SLOW),
    pytest.param("write_run_report", "after", marks=SLOW),
]

DRIVER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from storyline.run import phases
    from storyline.store.sqlite import Store

    target, when, corpus, db, report = sys.argv[1:6]

    def dying(function, check=lambda *args: True):
        def wrapped(*args, **kwargs):
            if when == "before" and check(*args):
                os._exit(9)  # like kill -9: no cleanup, no commit
            result = function(*args, **kwargs)
            if when == "after" and check(*args):
                os._exit(9)
            return result
        return wrapped

    if target.startswith("replace_all:"):
        kind = target.split(":")[1]
        Store.replace_all = dying(Store.replace_all, lambda s, t, *a: t.__name__ == kind)
    elif target == "save_story_state":
        Store.save_story_state = dying(Store.save_story_state)
    else:
        setattr(phases, target, dying(getattr(phases, target)))
    phases.run_pipeline([Path(corpus)], Path(db), report=Path(report))
    sys.exit("the run was meant to die at " + target)
    """
)


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Return every table of a store, its rows in storage order."""
    with sqlite3.connect(db) as conn:
        names = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if row[0] not in TIMING_TABLES and not row[0].startswith("sqlite_")
        ]
        return {t: _rows(conn, t) for t in names}


def _rows(conn: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    """Return a table's rows in storage order; a WITHOUT ROWID table's in key order."""
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    order = "" if "WITHOUT ROWID" in (sql or "").upper() else " ORDER BY rowid"
    if (sql or "").upper().startswith("CREATE VIRTUAL TABLE"):
        order = ""  # full-text indexes: their shadow tables are compared instead
    return conn.execute(f"SELECT * FROM {table}{order}").fetchall()


def comparable(tables: dict[str, list[tuple[object, ...]]]) -> dict[str, list[tuple[object, ...]]]:
    """Return the tables with rows sorted: a resumed run may store rows in another order."""
    return {name: sorted(rows, key=repr) for name, rows in tables.items()}


@pytest.fixture(scope="module")
def whole_run(tmp_path_factory) -> tuple[Path, dict[str, list[tuple[object, ...]]]]:
    """The demo corpus run once, uninterrupted; its tables."""
    root = tmp_path_factory.mktemp("whole")
    db = root / "whole.db"
    run_pipeline([demo_corpus()], db, report=root / "whole.html")
    return db, dump(db)


def test_second_run_with_nothing_new_leaves_every_table_byte_identical(whole_run, tmp_path):
    db, first = whole_run
    copy = tmp_path / "whole.db"  # the same name: the report's title names the store
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    run_pipeline([demo_corpus()], copy, report=tmp_path / "whole.html")
    second = dump(copy)
    assert second.keys() == first.keys()
    for table in first:
        assert second[table] == first[table], table
    assert (tmp_path / "whole.html").read_bytes() == (db.parent / "whole.html").read_bytes()


@pytest.mark.parametrize(("target", "when"), BOUNDARIES)
def test_run_killed_at_a_phase_boundary_resumes_to_the_same_store(
    whole_run, tmp_path, target, when
):
    _, expected = whole_run
    db, report = tmp_path / "whole.db", tmp_path / "whole.html"
    env = {**os.environ, "PYTHONHASHSEED": "random", "PYTHONWARNINGS": "ignore"}
    died = subprocess.run(
        [sys.executable, "-c", DRIVER, target, when, str(demo_corpus()), str(db), str(report)],
        capture_output=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert died.returncode == 9, died.stderr.decode(errors="replace")
    run_pipeline([demo_corpus()], db, report=report)
    got = comparable(dump(db))
    want = comparable(expected)
    assert got.keys() == want.keys()
    for table in want:
        assert got[table] == want[table], table
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
