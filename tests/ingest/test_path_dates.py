"""A day spelt out in a URL or a file path dates an input that has no date of its own."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.run import run_pipeline
from storyline.timestamps import date_in_path

BODY = (
    "Engineers on Thursday began pumping heavy mud into the damaged well in the Gulf of "
    "Mexico, hoping to choke off the oil that has gushed from it for weeks, the company said. "
    "Officials warned that the procedure could take two days and might still fail."
)


@pytest.mark.parametrize(
    ("path", "day"),
    [
        ("crawl/bpoil/InputDocs/2010-04-23/1.htm.txt", datetime(2010, 4, 23, tzinfo=UTC)),
        (
            "https://www.bbc.example/news/2010/05/27/oil-well-mud.html",
            datetime(2010, 5, 27, tzinfo=UTC),
        ),
        ("pages/20100527_topkill.txt", datetime(2010, 5, 27, tzinfo=UTC)),
        ("archive/2009/x/2010-05-27/a.txt", datetime(2010, 5, 27, tzinfo=UTC)),
        ("pages/2010-02-30/a.txt", None),
        ("https://news.example/story/123201005271", None),
        ("notes/topkill.txt", None),
    ],
)
def test_date_in_path_reads_day_folders_url_days_and_compact_days(path, day):
    """Folder days, /yyyy/mm/dd/ URLs and yyyymmdd names give a day; others give none."""
    assert date_in_path(path) == day


def rows(db: Path, sql: str) -> list[sqlite3.Row]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return list(conn.execute(sql))


def test_bare_files_in_day_folders_are_dated_by_their_folder(tmp_path: Path) -> None:
    """Plain text files without any date take their folder's day, origin path, low confidence."""
    for day in ("2010-05-27", "2010-05-28"):
        folder = tmp_path / "bpoil" / day
        folder.mkdir(parents=True)
        # Different words each day: the same text twice would be one article and a duplicate.
        (folder / "report.txt").write_text(f"Top kill: day {day[-2:]} at the well\n{BODY}\n")
    db = tmp_path / "t.db"
    run_pipeline([tmp_path / "bpoil"], db, quotes=False)
    got = rows(db, "SELECT published, published_from FROM articles ORDER BY path")
    assert [tuple(r) for r in got] == [
        ("2010-05-27T00:00:00Z", "path"),
        ("2010-05-28T00:00:00Z", "path"),
    ]
    confidences = rows(db, "SELECT origin, confidence FROM published_dates")
    assert {tuple(r) for r in confidences} == {("path", 0.4)}


def test_url_day_dates_a_record_but_never_beats_its_own_date(tmp_path: Path) -> None:
    """A record's URL day is used when it has no date, and ignored when it has one."""
    url = "https://www.bbc.example/news/2010/05/27/oil-well-mud.html"
    records = [
        {"id": "undated", "title": "Top kill begins", "text": BODY, "url": url},
        {"id": "dated", "title": "Top kill begins", "text": BODY, "url": url + "?v=2"},
    ]
    records[1]["published"] = "2010-05-26T22:00:00Z"
    path = tmp_path / "2011-01-01.jsonl"  # a batch's name dates the batch, not its records
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "t.db"
    run_pipeline([path], db, quotes=False)
    got = {
        r["id"]: tuple(r)[1:]
        for r in rows(db, "SELECT id, published, published_from FROM articles")
    }
    assert got == {
        "undated": ("2010-05-27T00:00:00Z", "url"),
        "dated": ("2010-05-26T22:00:00Z", "metadata"),
    }
