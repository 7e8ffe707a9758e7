"""A run killed partway and then re-run ends in the same store as an uninterrupted run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

TOWNS = ("Ashford", "Brambleton", "Carrow", "Dunmere", "Elstow", "Fernley", "Greywick")
TOPICS = (
    "library opening hours",
    "bus timetable",
    "road repairs",
    "school meals",
    "recycling collections",
    "park lighting",
)


ARTICLES = 150
TABLES = ("articles", "rejects", "published_dates", "dates", "quotes", "links", "analysed")


def make_corpus(folder: Path, count: int = ARTICLES) -> None:
    """Write `count` small distinct local stories, plus a few duplicates and empty files."""
    folder.mkdir()
    for n in range(count):
        town, topic = TOWNS[n % len(TOWNS)], TOPICS[n % len(TOPICS)]
        sub = folder / town.lower()
        sub.mkdir(exist_ok=True)
        (sub / f"{n:03}.txt").write_text(
            f"{town} council changes {topic} plan number {n}\n\n"
            f"Councillors in {town} voted on Tuesday to change the {topic} plan, item {n} on "
            f"the agenda, after residents complained about the proposals at a public meeting.\n\n"
            f"The council said the revised plan would cost {n * 1000 + 500} pounds and take "
            f"effect from the start of next month.\n",
            encoding="utf-8",
        )
    for n in range(0, count, 50):  # byte-identical copies and empty files: rejects
        copy = folder / "copies" / f"copy{n:03}.txt"
        copy.parent.mkdir(exist_ok=True)
        source = next((folder / TOWNS[n % len(TOWNS)].lower()).glob(f"{n:03}.txt"))
        copy.write_bytes(source.read_bytes())
        (folder / "copies" / f"empty{n:03}.txt").write_bytes(b"")


def run_cli(folder: Path, db: Path, workers: int) -> subprocess.Popen[bytes]:
    """Start `python -m storyline run` on `folder` into `db`."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "storyline",
            "run",
            str(folder),
            "--db",
            str(db),
            "--quiet",
            "--workers",
            str(workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group, so a kill reaches the workers too
    )


def stored(db: Path, table: str = "articles") -> int:
    """Return how many rows a table holds so far, or 0 when it cannot be read yet."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        return 0


def dump(db: Path) -> dict[str, list[tuple]]:
    """Return the sorted rows of the tables a run writes."""
    with sqlite3.connect(db) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}


def finish(process: subprocess.Popen[bytes], timeout: float = 900) -> None:
    """Wait for a run to end and check it succeeded."""
    _, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err.decode(errors="replace")


@pytest.fixture(scope="module")
def corpus_and_store(tmp_path_factory) -> tuple[Path, dict[str, list[tuple]]]:
    """The generated corpus and the tables of one uninterrupted single-worker run over it."""
    root = tmp_path_factory.mktemp("resume")
    corpus = root / "corpus"
    make_corpus(corpus)
    finish(run_cli(corpus, root / "whole.db", 1))
    return corpus, dump(root / "whole.db")


@pytest.mark.parametrize(
    ("workers", "kill_after"), [(1, "articles"), (2, "articles"), (2, "analysed")]
)
def test_interrupted_run_resumes_to_the_same_store(tmp_path, corpus_and_store, workers, kill_after):
    """Killing a run partway and running again gives the store an uninterrupted run gives."""
    corpus, expected = corpus_and_store
    db = tmp_path / "resumed.db"
    interrupted = run_cli(corpus, db, workers)
    started = time.monotonic()
    while interrupted.poll() is None and time.monotonic() - started < 120:
        if stored(db, kill_after) >= 10:  # kill as soon as some rows of that step are committed
            break
        time.sleep(0.02)
    was_running = interrupted.poll() is None
    if was_running:
        os.killpg(interrupted.pid, signal.SIGKILL)  # the whole run dies at once, as in a crash
    interrupted.communicate(timeout=10)
    partial = stored(db, kill_after)

    finish(run_cli(corpus, db, workers))
    assert len(expected["articles"]) == ARTICLES
    assert len(expected["rejects"]) == 2 * ARTICLES // 50
    assert len(expected["dates"]) > ARTICLES  # "on Tuesday", "next month" in every article
    if was_running:
        assert 0 < partial < ARTICLES, f"killed with {partial} rows in {kill_after}"
    assert dump(db) == expected


def test_rerun_after_completion_skips_every_file(tmp_path):
    """A finished run re-run through the CLI stores nothing new and changes nothing."""
    corpus = tmp_path / "corpus"
    make_corpus(corpus, count=20)
    db = tmp_path / "store.db"
    finish(run_cli(corpus, db, 1))
    before = dump(db)
    finish(run_cli(corpus, db, 1))
    assert dump(db) == before


def test_two_runs_at_once_on_one_store_lose_nothing(tmp_path, corpus_and_store):
    """Two runs started together on the same store both succeed and store what one run does."""
    corpus, expected = corpus_and_store
    db = tmp_path / "shared.db"
    first, second = run_cli(corpus, db, 1), run_cli(corpus, db, 2)
    finish(first)
    finish(second)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert dump(db) == expected
