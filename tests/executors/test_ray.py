"""run_ray: the local pool's contract on Ray tasks, and the same store as a local run.

These start a local Ray with 2 CPUs (marker `distributed`); they skip when Ray is not
installed, unless STORYLINE_RAY_TESTS=required (as in CI), which turns the skip into a failure.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.shared_data import DATA, require

from storyline.cli import cli
from storyline.errors import MissingExtraError
from storyline.executors.local import run_local
from storyline.ingest.read import read_input
from storyline.model import Article, Document, Reject
from storyline.pipeline import ingest_stages

BODY = (
    "The council voted on Tuesday to reopen the Marsh Lane library after a two-year "
    "closure, its leader said. Repairs to the roof will cost about 1.2 million pounds, "
    "and the building should welcome readers again in the spring."
)


def read_note(shard: str):
    """Read one shard of made-up notes; the one named 'bad' fails after its first record."""
    yield Document(path=shard, file=shard, format="text", content=f"Library {shard}\n{BODY}")
    if shard == "bad":
        raise RuntimeError("disk went away")
    yield Reject(f"{shard}#2", "empty file", shard)


@pytest.fixture(scope="module")
def ray():
    """A local Ray with 2 CPUs, shared by the tests of this module."""
    try:
        import ray
    except ImportError:
        if os.environ.get("STORYLINE_RAY_TESTS") == "required":
            pytest.fail("Ray is required here (STORYLINE_RAY_TESTS=required) but not installed")
        pytest.skip("needs the ray extra: pip install 'storyline[ray]'")
    from storyline.executors.ray import start_ray

    start_ray(workers=2)
    yield ray
    ray.shutdown()


pytestmark = pytest.mark.distributed


def test_ray_reports_match_the_local_pool_and_come_back_in_shard_order(ray):
    """Same counts per shard as run_local, in the order given, with the records collected."""
    from storyline.executors.ray import run_ray

    shards = [f"note-{i}" for i in range(7)]
    local = list(run_local(read_note, shards, ingest_stages()))
    remote = list(run_ray(read_note, shards, ingest_stages(), workers=2))
    assert [r.shard for r in remote] == shards
    assert [r.counts for r in remote] == [r.counts for r in local]
    assert all(r.records == () for r in local)  # the local pool does not collect
    first = remote[0].records
    assert [type(r) for r in first] == [Article, Reject]
    assert first[0].title == "Library note-0"


def test_a_failing_shard_is_reported_with_the_records_before_the_error(ray):
    """The error becomes the shard's report; what it made before is kept; the run goes on."""
    from storyline.executors.ray import run_ray

    reports = list(run_ray(read_note, ["one", "bad", "two"], ingest_stages(), workers=2))
    assert [r.error for r in reports] == [None, "RuntimeError: disk went away", None]
    assert reports[1].counts["read"] == 1
    assert [type(r) for r in reports[1].records] == [Article]


def test_linking_stages_on_ray_give_the_links_of_one_process(ray):
    """Signing, banding and verifying shards of 3 as Ray tasks: the links of one shard here."""
    from tests.dedup.test_linking import _demo_articles

    from storyline.dedup.linking import LinkConfig, link_articles, link_shards, shard_by_id
    from storyline.executors.ray import RayTasks

    articles = _demo_articles()
    links = link_shards(shard_by_id(articles, 3), RayTasks(workers=2), LinkConfig())
    assert links == list(link_articles(articles))
    assert len(links) >= 10


def _exports(runner: CliRunner, db: Path, out: Path) -> dict[str, str]:
    result = runner.invoke(cli, ["export", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}


def _same_store_both_ways(paths: list[str], tmp_path: Path) -> dict[str, str]:
    runner = CliRunner()
    tables = []
    # One local process is the reference order: the local pool commits shards as they
    # finish, so its export rows are in a different order run to run; Ray commits in shard order.
    for executor, workers in (("local", "1"), ("ray", "2")):
        db = tmp_path / f"{executor}.db"
        args = ["run", *paths, "--db", str(db), "--no-report", "--quiet", "--workers", workers]
        result = runner.invoke(cli, [*args, "--executor", executor])
        assert result.exit_code == 0, result.output
        tables.append(_exports(runner, db, tmp_path / f"{executor}-export"))
    local, remote = tables
    assert local.keys() == remote.keys()
    for name in local:
        assert local[name] == remote[name], f"{name} differs between the local pool and Ray"
    return local


def test_the_demo_gives_the_same_store_on_ray_as_on_the_local_pool(ray, tmp_path):
    """Every exported table of the demo run, byte for byte, local pool against local Ray."""
    tables = _same_store_both_ways([], tmp_path)
    assert tables["articles.jsonl"].count("\n") >= 20
    assert tables["links.jsonl"].strip()
    assert tables["stories.jsonl"].strip()


@pytest.mark.slow
def test_a_timeline17_sample_gives_the_same_store_on_ray(ray, tmp_path):
    """1,000 Timeline17 articles: every exported table identical on Ray and the local pool."""
    folder = require(DATA / "timeline17")
    files = sorted(str(p) for p in folder.glob("*/InputDocs/*/*") if p.is_file())[:1000]
    tables = _same_store_both_ways(files, tmp_path)
    assert tables["articles.jsonl"].count("\n") >= 900


def test_the_ray_executor_without_ray_says_which_extra_to_install(monkeypatch, tmp_path):
    """No Ray installed: one actionable line, not a traceback."""
    monkeypatch.setitem(sys.modules, "ray", None)  # makes `import ray` fail
    from storyline.executors.ray import start_ray

    with pytest.raises(MissingExtraError, match=r"pip install 'storyline\[ray\]'"):
        start_ray()
    note = tmp_path / "note.txt"
    note.write_text(f"Library\n\n{BODY}\n", encoding="utf-8")
    assert list(read_input(note))  # the file itself is fine; only the executor is missing
    result = CliRunner().invoke(
        cli, ["run", str(note), "--db", str(tmp_path / "s.db"), "--executor", "ray", "--quiet"]
    )
    assert result.exit_code == 1
    assert "storyline[ray]" in result.output


def test_a_ray_address_without_the_ray_executor_is_refused(tmp_path):
    """--ray-address alone would be silently ignored; it is a usage error instead."""
    result = CliRunner().invoke(
        cli, ["run", "--db", str(tmp_path / "s.db"), "--ray-address", "auto", "--quiet"]
    )
    assert result.exit_code == 2
    assert "--executor ray" in result.output
