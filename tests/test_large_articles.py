"""Very large accepted articles: analysed one at a time apart from the pool, in bounded memory."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.run import analyse
from storyline.run.phases import run_ingest
from storyline.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[1]
TIMELINE17 = ROOT / ".." / "shared" / "data" / "timeline17"


def _paragraphs(count: int, first: int = 0) -> str:
    return "".join(
        f"The regional ferry operator cancelled crossing number {n} to the outer islands after "
        f"an engine fault on its vessel, the company said on {1 + n % 28} March {1990 + n}.\n"
        for n in range(first, first + count)
    )


def test_large_articles_get_shards_of_their_own():
    sizes = {"a": 10, "big1": 5_000, "b": 20, "big2": 9_000, "c": None}
    pool, alone = analyse.plan_shards(sizes, large=1_000)
    assert pool == [("a", "b", "c")]
    assert alone == [("big1",), ("big2",)]
    assert analyse.plan_shards({f"x{i}": 1 for i in range(120)})[0][0] == tuple(
        f"x{i}" for i in range(50)
    )


def test_with_workers_large_articles_are_analysed_alone_and_nothing_is_lost(tmp_path, monkeypatch):
    """Two workers, two long and two short articles: every one is analysed, with dates."""
    folder = tmp_path / "in"
    folder.mkdir()
    for first, (name, count) in enumerate([("long1", 40), ("long2", 45), ("s1", 2), ("s2", 3)]):
        text = _paragraphs(count, first * 100)
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "run.db"
    run_ingest([folder], db)
    monkeypatch.setattr(analyse, "LARGE_ARTICLE_CHARS", 5_000)
    seen: list[tuple[str, ...]] = []
    real = analyse.plan_shards

    def plan(sizes, large=None):
        shards, alone = real(sizes, large)
        seen.extend(alone)
        return shards, alone

    monkeypatch.setattr(analyse, "plan_shards", plan)
    with Store(db) as store:
        count, errors = analyse.analyse_articles(store, workers=2, quotes=False)
        assert (count, errors) == (4, [])
        assert store.count("analysed") == 4
        by_article = dict(store.tally("dates", "article"))
        long_ids = {r["id"] for r in store.rows("articles", ("id", "path")) if "long" in r["path"]}
    assert set(seen) == {(i,) for i in long_ids}
    assert all(by_article.get(i, 0) >= 1 for i in long_ids)


PEAK_CHILD = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _peak_kb(inputs: Path, db: Path) -> int:
    """Peak resident memory (KB) of `storyline run` on `inputs`, as a user runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "storyline", "run", str(inputs), "--db", str(db), "--quiet"]
    command.append("--no-quotes")  # spaCy's share is measured by scripts/bench_large_input.py
    got = subprocess.run(
        [sys.executable, "-c", PEAK_CHILD, *command],
        check=True, capture_output=True, text=True, env=env,
    )  # fmt: skip
    return int(got.stdout.split()[-1])


@pytest.mark.slow
@pytest.mark.skipif(not TIMELINE17.is_dir(), reason="needs ../shared/data/timeline17")
def test_peak_memory_of_a_large_article_stays_under_40_times_its_size(tmp_path):
    """A 4 MB article (real news text) costs less than 40x its size over a small run's peak.

    Every step but quotations (spaCy reads 1 MB in minutes here; docs/benchmarks.md gives
    its figures): ingest and cleaning, dates, linking, stories, timelines, the report.
    """
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_large_input import write_input

    (tmp_path / "big").mkdir()
    (tmp_path / "small").mkdir()
    big = write_input(tmp_path / "big", "jsonl", 4 * 2**20, TIMELINE17)
    small = write_input(tmp_path / "small", "jsonl", 20_000, TIMELINE17)
    base = _peak_kb(small, tmp_path / "small.db")
    peak = _peak_kb(big, tmp_path / "big.db")
    size_kb = big.stat().st_size / 1024
    with Store(tmp_path / "big.db") as store:
        assert store.count("articles") == 1
        assert store.count("analysed") == 1  # analysed, not failed
        assert store.count("dates") > 1000
    assert peak - base < 40 * size_kb, json.dumps({"base_kb": base, "peak_kb": peak})
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < peak  # measured in children
