"""One bad unit of a many-unit file is a reject of its own; every neighbour is still stored."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

TOWNS = ("Ashford", "Brambleton", "Carrow", "Dunmere", "Elstow", "Fernley", "Greywick")


def story(n: int) -> str:
    """Return the text of a small local news story, distinct for each `n`."""
    town = TOWNS[n % len(TOWNS)]
    return (
        f"Councillors in {town} voted on Tuesday to change the bus timetable, item {n} on the "
        f"agenda, after residents complained at a public meeting. The council said the revised "
        f"timetable would cost {n * 1000 + 500} pounds and take effect next month."
    )


def write_jsonl(path: Path, bad_line: str, *, count: int = 601, bad_at: int = 551) -> None:
    lines = []
    for n in range(1, count + 1):
        if n == bad_at:
            lines.append(bad_line)
        else:
            url = f"https://news.example.org/{n}"
            lines.append(json.dumps({"url": url, "title": f"Item {n}", "text": story(n)}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


BAD_RECORDS = {
    "ipv6": (
        json.dumps({"url": "http://[::1", "title": "Broken", "text": story(9999)}),
        "invalid URL 'http://[::1': Invalid IPv6 URL",
    ),
    "port": (
        json.dumps({"url": "https://news.example.org:99999/x", "text": story(9998)}),
        "invalid URL 'https://news.example.org:99999/x': Port out of range 0-65535",
    ),
    "nested": ("[" * 100_000 + "]" * 100_000, "invalid JSON: nested too deeply to read"),
}


@pytest.mark.parametrize("case", sorted(BAD_RECORDS))
def test_bad_jsonl_record_is_its_own_reject_and_its_600_neighbours_are_stored(
    tmp_path, ingest, case
):
    line, reason = BAD_RECORDS[case]
    path = tmp_path / "wire.jsonl"
    write_jsonl(path, line)
    got = ingest(path)
    assert len(got.articles) == 600
    assert got.rejects == {f"{path}#551": reason}
    assert f"{path}#601" in got.articles


def test_control_character_reason_says_at_once(tmp_path, ingest):
    path = tmp_path / "wire.jsonl"
    write_jsonl(path, '{"text": "a\tb"}', count=3, bad_at=2)
    got = ingest(path)
    assert got.rejects[f"{path}#2"].startswith("invalid JSON: Invalid control character at column")


def test_warc_response_with_bad_port_is_its_own_reject(
    tmp_path, ingest, make_warc, warc_record, make_page
):
    pages = [
        warc_record(
            "response",
            url=f"https://news.example.org/{n}" if n != 2 else "https://news.example.org:99999/2",
            body=make_page(f"Bus timetable item {n}", [story(n), story(n + 100)]).encode(),
        )
        for n in range(5)
    ]
    path = tmp_path / "crawl.warc.gz"
    offsets = make_warc(path, pages, gz=True)
    got = ingest(path)
    assert len(got.articles) == 4
    reject_path, reason = next(iter(got.rejects.items()))
    assert len(got.rejects) == 1
    assert reject_path == f"{path}@{offsets[2]}"
    assert reason.startswith("invalid URL")
    assert reason.endswith("Port out of range 0-65535")


def test_feed_item_with_bad_port_is_its_own_reject(tmp_path, ingest):
    items = "".join(
        f"<item><title>Item {n}</title><link>https://news.example.org"
        f"{':99999' if n == 2 else ''}/{n}</link><description>{story(n)}</description></item>"
        for n in range(1, 5)
    )
    path = tmp_path / "feed.xml"
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{items}'
        "</channel></rss>",
        encoding="utf-8",
    )
    got = ingest(path)
    assert len(got.articles) == 3
    assert list(got.rejects) == [f"{path}#2"]
    assert "Port out of range" in got.rejects[f"{path}#2"]


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
def test_file_name_that_is_not_utf8_does_not_stop_the_run(tmp_path, ingest):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "good.txt").write_text(f"Timetable change\n\n{story(1)}\n", encoding="utf-8")
    bad = os.path.join(os.fsencode(folder), b"bad\xff\xfe.txt")
    with open(bad, "wb") as f:
        f.write(f"Another timetable change\n\n{story(2)}\n".encode())
    got = ingest(folder)
    assert sorted(Path(p).name for p in got.articles) == ["bad\\xff\\xfe.txt", "good.txt"]
    again = ingest(folder)
    assert again.summary.skipped == 2  # the escaped name is found again: nothing re-read


@pytest.mark.parametrize("delta", [200, -200, 5000])
@pytest.mark.parametrize("gz", [False, True])
def test_warc_record_with_a_lying_content_length_is_its_own_named_reject(
    tmp_path, ingest, make_warc, warc_record, make_page, gzipped, delta, gz
):
    pages = [
        warc_record(
            "response",
            url=f"https://news.example.org/{n}",
            body=make_page(f"Bus timetable item {n}", [story(n), story(n + 100)]).encode(),
        )
        for n in range(3)
    ]
    plain = tmp_path / "plain.warc"
    offsets = make_warc(plain, pages, gz=False)
    data = plain.read_bytes()
    records = [data[a:b] for a, b in zip(offsets, [*offsets[1:], len(data)], strict=True)]
    declared = re.search(rb"Content-Length: (\d+)\r\n", records[0])
    assert declared is not None
    length = str(int(declared[1]) + delta).encode()
    records[0] = records[0][: declared.start(1)] + length + records[0][declared.end(1) :]
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(b"".join(gzipped(r) for r in records) if gz else b"".join(records))
    got = ingest(path)
    assert len(got.articles) == 2
    assert len(got.rejects) == 1
    ((where, reason),) = got.rejects.items()
    assert where == f"{path}@0"
    assert reason.startswith(("damaged WARC record", "truncated WARC record"))
