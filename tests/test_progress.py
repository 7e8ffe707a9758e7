"""The progress display names each phase and counts what that phase counts."""

from __future__ import annotations

from storyline.run import run_pipeline

TOWNS = ("Ashford", "Brambleton", "Carrow", "Dunmere")


def test_progress_names_each_phase_and_counts_articles_not_batches(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n, town in enumerate(TOWNS * 15):  # 60 articles: more than one analysis shard of 50
        (folder / f"{n:02}.txt").write_text(
            f"{town} council changes bus timetable {n}\n\nCouncillors in {town} voted on "
            f"Tuesday to change the bus timetable, item {n} on the agenda, after residents "
            f"complained at a public meeting. The change costs {n * 1000 + 500} pounds.\n",
            encoding="utf-8",
        )
    calls: list[tuple[str, int, int]] = []
    run_pipeline(
        [folder],
        tmp_path / "s.db",
        report=tmp_path / "s.html",
        progress=lambda what, done, total: calls.append((what, done, total)),
    )
    phases = list(dict.fromkeys(what for what, _, _ in calls))
    assert phases == [
        "ingesting files",
        "analysing articles",
        "linking copies among 60 articles",
        "grouping the quotations of 60 articles",
        "grouping 60 articles into events and storylines",
        phases[-1],
    ]
    assert phases[-1].startswith("writing the report of ")
    analysis = [(done, total) for what, done, total in calls if what == "analysing articles"]
    assert analysis[-1] == (60, 60)
    assert [done for done, _ in analysis] == [50, 60]
