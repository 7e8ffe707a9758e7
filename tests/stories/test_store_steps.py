"""The story step over a store: a later run reads, summarizes and dates only what changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline import pipeline
from storyline.run import analyse, demo_corpus, global_steps, run_ingest
from storyline.run.global_steps import cluster_store
from storyline.store.sqlite import Store

TRADE = ("09_", "10_", "11_", "12_", "13_")  # the trade talks, added in a later run


def _copy(names: list[Path], folder: Path) -> Path:
    folder.mkdir()
    for path in names:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_a_later_run_summarizes_and_dates_only_the_stories_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding the trade articles leaves the spill and breach stories' summaries alone."""
    files = sorted(p for p in demo_corpus().iterdir() if p.suffix in {".txt", ".html"})
    first = _copy([p for p in files if not p.name.startswith(TRADE)], tmp_path / "first")
    later = _copy([p for p in files if p.name.startswith(TRADE)], tmp_path / "later")
    db = tmp_path / "store.db"
    run_ingest([first], db)
    with Store(db) as store:
        cluster_store(store)
        before = {row["id"]: dict(row) for row in store.rows("stories")}
        timeline_before = [dict(row) for row in store.rows("timeline")]
    run_ingest([first, later], db)
    summarized: list[str] = []
    real = global_steps.summarize_stories

    def spy(stories, articles):  # type: ignore[no-untyped-def]
        stories = list(stories)
        summarized.extend(s.id for s in stories)
        return real(stories, articles)

    monkeypatch.setattr(global_steps, "summarize_stories", spy)
    with Store(db) as store:
        cluster_store(store)
        after = {row["id"]: dict(row) for row in store.rows("stories")}
        timeline_after = [dict(row) for row in store.rows("timeline")]
        names = {row["id"]: Path(row["path"]).name for row in store.rows("articles")}
    trade = {i for i, name in names.items() if name.startswith(TRADE)}
    touched = {i for i, row in after.items() if trade & set(json.loads(row["articles"]))}
    assert touched
    assert set(summarized) == touched
    untouched = set(after) - touched
    assert untouched
    assert all(after[i]["summary"] == before[i]["summary"] for i in untouched)
    kept_lines = {i for i in untouched if after[i]["level"] == "storyline"}

    def entries(rows: list[dict[str, object]]) -> list[str]:
        return sorted(json.dumps(r, sort_keys=True) for r in rows if r["storyline"] in kept_lines)

    assert entries(timeline_after) == entries(timeline_before)


def test_a_new_version_of_an_analysis_stage_analyses_every_article_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store records the stages' versioned names, so a changed stage is run again."""
    files = sorted(p for p in demo_corpus().iterdir() if p.suffix == ".txt")[:4]
    db = tmp_path / "store.db"
    run_ingest([_copy(files, tmp_path / "in")], db)
    names = pipeline.analysis_stage_names(quotes=False)
    monkeypatch.setattr(analyse, "analysis_stage_names", lambda **_: names)
    with Store(db) as store:
        assert analyse.analyse_articles(store)[0] == 4
        assert analyse.analyse_articles(store)[0] == 0  # nothing changed: nothing to do
        assert {row["steps"] for row in store.rows("analysed")} == {",".join(names)}
        newer = [n.replace("dates.timex.v2", "dates.timex.v3") for n in names]
        monkeypatch.setitem(pipeline.STAGES, "dates.timex.v3", pipeline.STAGES["dates.timex.v2"])
        monkeypatch.setattr(analyse, "analysis_stage_names", lambda **_: newer)
        assert analyse.analyse_articles(store)[0] == 4
