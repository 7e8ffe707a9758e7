"""Linking a store run by run gives the links of one run over everything, verifying less."""

from __future__ import annotations

import json
import shutil
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.dedup.test_linking import _demo_articles

from storyline.cli import cli
from storyline.dedup import linking
from storyline.dedup.linking import LinkConfig, link_articles
from storyline.executors.tasks import LocalTasks
from storyline.model import Article, Link
from storyline.run.global_steps import link_store
from storyline.run.phases import demo_corpus
from storyline.store.sqlite import Store

# Tight limits, so that new articles crowd band buckets, make passages stock phrases and
# take closest-partner places: pairs among old articles come and go as the corpus grows.
CROWDED = LinkConfig(max_bucket=2, max_sharers=3, max_partners=1)


@pytest.fixture
def verified(monkeypatch) -> list[int]:
    """Count the pairs verified in this process."""
    calls = [0]
    real = linking.verify_pair

    def counting(texts):
        calls[0] += 1
        return real(texts)

    monkeypatch.setattr(linking, "verify_pair", counting)
    return calls


def _run(folder: Path, db: Path, tmp_path: Path) -> list[dict[str, object]]:
    """Run `storyline run` on `folder` into `db`; return the exported links."""
    runner = CliRunner()
    args = ["run", str(folder), "--db", str(db), "--no-report", "--quiet", "--no-quotes"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    out = tmp_path / f"export-{db.stem}"
    shutil.rmtree(out, ignore_errors=True)
    result = runner.invoke(cli, ["export", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in (out / "links.jsonl").read_text().splitlines()]


def _demo_files(folder: Path, which: slice) -> list[Path]:
    """Copy some of the demo corpus's files to `folder`; return the copies."""
    folder.mkdir(exist_ok=True)
    copies = []
    for path in sorted(demo_corpus().iterdir())[which]:
        copies.append(folder / path.name)
        shutil.copyfile(path, copies[-1])
    return copies


def test_adding_files_gives_the_links_of_one_run_over_all_of_them(tmp_path, verified):
    """Half the demo (every other file), then the rest: the exported links equal a
    one-shot run's, row for row, and the second run verifies fewer pairs than it."""
    folder = tmp_path / "news"
    _demo_files(folder, slice(0, None, 2))
    first = _run(folder, tmp_path / "growing.db", tmp_path)
    _demo_files(folder, slice(1, None, 2))
    before = verified[0]
    grown = _run(folder, tmp_path / "growing.db", tmp_path)
    again = verified[0] - before
    before = verified[0]
    whole = _run(folder, tmp_path / "whole.db", tmp_path)
    assert grown == whole
    assert len(whole) > len(first) >= 3
    assert {k["relation"] for k in whole} >= {"same_event", "spun"}
    assert again < verified[0] - before


def test_changed_and_removed_articles_lose_their_links(tmp_path):
    """A record dropped from a JSON Lines export and a reprint rewritten as other news take
    their links with them; the rest equal a one-shot run over what is left."""
    folder = tmp_path / "news"
    files = {p.name: p for p in _demo_files(folder, slice(None))}
    full = _run(folder, tmp_path / "shrinking.db", tmp_path)
    export = files["17_newsaggregator_export.jsonl"]
    records = export.read_text(encoding="utf-8").splitlines()
    gone = json.loads(records[0])["url"]
    export.write_text("\n".join(records[1:]) + "\n", encoding="utf-8")
    reprint = files["03_dailyfeedhub_spill_reprint.html"]
    reprint.write_text(
        "<html><head><title>Harvest fair opens</title></head><body><article><h1>Harvest fair "
        "opens</h1><p>The county harvest fair opened on Saturday with a record number of "
        "pumpkin growers, a brass band and a queue for the apple press that ran past the "
        "gates until late in the afternoon.</p></article></body></html>",
        encoding="utf-8",
    )
    shrunk = _run(folder, tmp_path / "shrinking.db", tmp_path)
    whole = _run(folder, tmp_path / "whole.db", tmp_path)
    assert shrunk == whole
    assert len(shrunk) < len(full)
    with Store(tmp_path / "shrinking.db") as store:
        ids = {row["id"] for row in store.rows("articles", ("id", "url"), where=f"url = '{gone}'")}
        assert not ids
        kept = {row["article"] for row in store.rows("link_signatures", ("article",))}
        stored = {row["id"] for row in store.rows("articles", ("id",), where="NOT brief")}
        assert kept == stored


def _batches() -> list[list[Article]]:
    """The demo articles and copies in three batches that mix the id order."""
    articles = [replace(a, path=a.id) for a in _demo_articles()]
    order = sorted(articles, key=lambda a: a.id[::-1])
    return [order[0::3], order[1::3], order[2::3]]


def _store_with(path: Path, articles: list[Article]) -> Store:
    store = Store(path)
    store.save(articles)
    return store


def _linked(store: Store, config: LinkConfig) -> list[Link]:
    with closing(LocalTasks()) as tasks:
        link_store(store, tasks, config)
    return list(store.records(Link))


@pytest.mark.parametrize("config", [LinkConfig(), CROWDED], ids=["defaults", "crowded"])
def test_linking_batch_by_batch_equals_linking_everything(tmp_path, config):
    """Three batches into one store, linked after each: the links of linking all at once,
    even where new articles push pairs of old ones out of crowded buckets and partners."""
    batches = _batches()
    store = _store_with(tmp_path / "batches.db", [])
    seen: list[Article] = []
    with store:
        for batch in batches:
            store.save(batch)
            seen += batch
            got = _linked(store, config)
            assert got == list(link_articles(seen, config))
    assert got


def test_crowding_changes_pairs_among_old_articles():
    """The crowded settings do what the test above needs: some link between two articles of
    the first batch is found after it alone, and not once more arrive (or the reverse)."""
    batches = _batches()
    old = {a.id for a in batches[0]}
    alone = {(k.a, k.b) for k in link_articles(batches[0], CROWDED)}
    everything = [a for batch in batches for a in batch]
    later = {(k.a, k.b) for k in link_articles(everything, CROWDED) if {k.a, k.b} <= old}
    assert alone != later
