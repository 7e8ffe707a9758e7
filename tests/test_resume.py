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


def make_corpus(folder: Path, count: int = 300) -> None:
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
    )


def stored_articles(db: Path) -> int:
    """Return how many articles the store holds so far, or 0 when it cannot be read yet."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def dump(db: Path) -> dict[str, list[tuple]]:
    """Return the sorted rows of the articles and rejects tables."""
    with sqlite3.connect(db) as conn:
        return {
            t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall())
            for t in ("articles", "rejects")
        }


def finish(process: subprocess.Popen[bytes], timeout: float = 60) -> None:
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


@pytest.mark.parametrize("workers", [1, 2])
def test_interrupted_run_resumes_to_the_same_store(tmp_path, corpus_and_store, workers):
    """Killing a run partway and running again gives the store an uninterrupted run gives."""
    corpus, expected = corpus_and_store
    db = tmp_path / "resumed.db"
    interrupted = run_cli(corpus, db, workers)
    started = time.monotonic()
    while interrupted.poll() is None and time.monotonic() - started < 8:
        if stored_articles(db) >= 10:  # kill as soon as some articles are committed
            break
        time.sleep(0.02)
    was_running = interrupted.poll() is None
    if was_running:
        interrupted.send_signal(signal.SIGKILL)
    interrupted.communicate(timeout=10)
    partial = stored_articles(db)

    finish(run_cli(corpus, db, workers))
    assert len(expected["articles"]) == 300
    assert len(expected["rejects"]) == 12
    if was_running:
        assert 0 < partial < 300, f"killed with {partial} articles stored"
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
