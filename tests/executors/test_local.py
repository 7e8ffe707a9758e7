"""run_local: shards through stages in process or on a process pool, one report per shard."""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from pathlib import Path

import pytest

from storyline.executors.local import ShardReport, run_apart, run_local, run_shard
from storyline.model import Document, Reject
from storyline.pipeline import ingest_stages
from storyline.run.ingest import read_path

BODY = (
    "The water board confirmed on Thursday that the hosepipe ban for the western district "
    "would be lifted at midnight, after two weeks of heavy rain refilled the reservoirs."
)


@pytest.fixture
def shards(tmp_path) -> list[str]:
    """Six input files: four stories, one empty file and one that does not exist."""
    for n in range(4):
        (tmp_path / f"story{n}.txt").write_text(
            f"Hosepipe ban lifted in district {n}\n\n{BODY} Update {n}.\n", encoding="utf-8"
        )
    (tmp_path / "empty.txt").write_bytes(b"")
    return [str(p) for p in sorted(tmp_path.iterdir())] + [str(tmp_path / "missing.txt")]


def totals(reports: list[ShardReport]) -> Counter[str]:
    """Add up the per-stage counts of all reports."""
    total: Counter[str] = Counter()
    for report in reports:
        total.update(report.counts)
    return total


def test_in_process_and_two_workers_give_the_same_counts(shards):
    """Running the same shards in process and on two workers counts the same records."""
    alone = list(run_local(read_path, shards, ingest_stages(), workers=1))
    pooled = list(run_local(read_path, shards, ingest_stages(), workers=2))
    assert sorted(r.shard for r in pooled) == sorted(shards)
    assert {r.shard: r.counts for r in pooled} == {r.shard: r.counts for r in alone}
    assert totals(alone) == {"read": 6, "MakeArticles": 6, "detect_languages": 6}
    assert all(r.error is None for r in alone + pooled)


def test_reports_count_records_out_of_each_stage(shards):
    """Each report counts the records read and the records out of every stage."""
    (report,) = run_local(read_path, shards[:1], ingest_stages())
    assert report == ShardReport(shards[0], {"read": 1, "MakeArticles": 1, "detect_languages": 1})


def read_or_fail(shard: str):
    """Read a shard, failing partway through for the one named 'bad'."""
    yield Document(path=shard, file=shard, format="text", content=f"Headline\n{BODY}")
    if shard == "bad":
        raise RuntimeError("disk went away")
    yield Reject(f"{shard}#2", "empty file", shard)


def test_a_shard_whose_reader_raises_is_reported_and_the_run_goes_on():
    """A reader error becomes that shard's report error; later shards still run."""
    reports = list(run_local(read_or_fail, ["one", "bad", "two"], ingest_stages()))
    assert [r.shard for r in reports] == ["one", "bad", "two"]
    bad = reports[1]
    assert bad.error == "RuntimeError: disk went away"
    assert bad.counts["read"] == 1
    assert [r.error for r in (reports[0], reports[2])] == [None, None]
    assert reports[2].counts == {"read": 2, "MakeArticles": 2, "detect_languages": 2}


def test_a_stage_that_raises_is_reported():
    """An exception inside a stage is caught and reported for the shard."""

    def explode(records):
        for _ in records:
            raise ValueError("bad record")
            yield  # pragma: no cover

    report = run_shard(read_or_fail, [explode], "one")
    assert report.error == "ValueError: bad record"


def read_eagerly(shard: str):
    """Read a shard, failing before returning any iterator for the one named 'bad'."""
    if shard == "bad":
        raise OSError("cannot open shard")
    return read_or_fail(shard)


def test_a_reader_that_raises_when_called_is_reported():
    """A reader failing at call time gives a report with the error, not an exception."""
    reports = list(run_local(read_eagerly, ["one", "bad", "two"], ingest_stages()))
    assert reports[1].error == "OSError: cannot open shard"
    assert len(reports) == 3


def test_read_path_turns_a_path_string_into_records(tmp_path):
    """The shard reader of the workflow reads one file named by its path."""
    path = tmp_path / "note.txt"
    path.write_text(f"Hosepipe ban lifted early\n\n{BODY}\n", encoding="utf-8")
    (doc,) = read_path(str(path))
    assert isinstance(doc, Document)
    assert Path(doc.path) == path


def exit_on_crash(shard: str):
    """Read a shard in a process that dies abruptly (as an out-of-memory kill) for 'crash'."""
    if shard == "crash":
        os._exit(137)
    yield Document(path=shard, file=shard, format="text", content=f"Headline\n{BODY}")


def test_apart_each_shard_runs_and_ends_in_a_process_of_its_own(shards):
    """Shards run in order, away from this process; a process killed fails only its shard."""
    reports = list(run_apart(exit_on_crash, [shards[0], "crash", shards[1]], ingest_stages()))
    assert [r.shard for r in reports] == [shards[0], "crash", shards[1]]
    assert reports[0].counts == reports[2].counts == {
        "read": 1, "MakeArticles": 1, "detect_languages": 1
    }  # fmt: skip
    assert "ended abruptly" in (reports[1].error or "")
    assert multiprocessing.active_children() == []  # each process ended with its shard
