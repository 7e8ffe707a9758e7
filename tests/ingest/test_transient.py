"""Rejects the environment causes are retried; feeds, links and summaries name things right."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storyline.ingest import read

STORY = (
    "Harbour works delayed by storm\n\n"
    "The regional ferry operator cancelled all crossings to the outer islands on Thursday after "
    "an engine fault on its largest vessel, leaving hundreds of passengers waiting at the pier. "
    "A spokesperson said engineers expected to finish repairs by Saturday morning.\n"
)


def test_file_rejected_as_permission_denied_is_read_once_readable(tmp_path, ingest, monkeypatch):
    folder = tmp_path / "drop"
    folder.mkdir()
    path = folder / "ferry.txt"
    path.write_text(STORY, encoding="utf-8")
    real_read_head = read.read_head

    def denied(p: Path, *args: object) -> bytes:
        # as root, chmod cannot make a file unreadable: the failure open() gives is simulated
        raise PermissionError(13, "Permission denied", str(p))

    monkeypatch.setattr(read, "read_head", denied)
    first = ingest(folder)
    assert first.rejects == {str(path): "permission denied: cannot read the file"}
    monkeypatch.setattr(read, "read_head", real_read_head)  # the permissions are fixed
    second = ingest(folder)
    assert second.summary.skipped == 0
    assert list(second.articles) == [str(path)]
    assert second.rejects == {}
    third = ingest(folder)
    assert third.summary.skipped == 1  # an article now: done, not read again


def test_broken_link_is_retried_and_read_once_its_target_exists(tmp_path, ingest):
    folder = tmp_path / "drop"
    folder.mkdir()
    target = tmp_path / "later.txt"
    (folder / "link.txt").symlink_to(target)
    assert ingest(folder).rejects == {str(folder / "link.txt"): "broken symbolic link"}
    target.write_text(STORY, encoding="utf-8")
    assert list(ingest(folder).articles) == [str(folder / "link.txt")]


def test_reject_kind_in_the_summary_keeps_the_url_whole(
    tmp_path, ingest, make_warc, warc_record, make_page
):
    path = tmp_path / "crawl.warc"
    make_warc(
        path,
        [warc_record("response", url="http://news.example.org/moved", status="301 Moved")],
        gz=False,
    )
    got = ingest(path)
    assert dict(got.summary.rejects_by_reason) == {
        "HTTP status 301 for http://news.example.org/moved": 1
    }


@pytest.mark.skipif(os.name != "posix", reason="symbolic links to folders")
def test_linked_folders_are_followed_once_even_in_a_cycle(tmp_path, ingest):
    root = tmp_path / "crawl"
    (root / "today").mkdir(parents=True)
    (root / "today" / "ferry.txt").write_text(STORY, encoding="utf-8")
    elsewhere = tmp_path / "archive"
    elsewhere.mkdir()
    (elsewhere / "storm.txt").write_text(STORY.replace("Thursday", "Friday"), encoding="utf-8")
    (root / "archive").symlink_to(elsewhere, target_is_directory=True)
    (root / "today" / "loop").symlink_to(root, target_is_directory=True)  # a cycle
    got = ingest(root)
    assert sorted(Path(p).relative_to(root).as_posix() for p in got.articles) == [
        "archive/storm.txt",
        "today/ferry.txt",
    ]
