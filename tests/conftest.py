"""Shared fixtures: a temporary store, realistic news inputs, WARC builders, table dumps."""

from __future__ import annotations

import gzip
import io
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.run import RunSummary, run_ingest

NEWS_TEXT = """\
Storm cuts power to 40,000 homes along the northern coast

Heavy winds and driving rain knocked out electricity to about 40,000 homes across the northern \
coast overnight, the regional grid operator said on Tuesday, as crews worked to clear fallen \
trees from main roads.

The operator, Northline Power, said most customers should be reconnected by Wednesday evening, \
but warned that outlying villages could wait longer because several access roads remained blocked.

Schools in three districts stayed closed, and the coastguard urged people to keep away from \
sea walls while waves of up to six metres were forecast.
"""

NEWS_HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour crane collapse injures two dock workers | Port Ellis Gazette</title>
<meta property="og:title" content="Harbour crane collapse injures two dock workers">
<meta name="author" content="Marta Okafor">
<meta property="article:published_time" content="2024-03-14T08:30:00+00:00">
<meta property="article:modified_time" content="2024-03-15T17:05:00+00:00">
</head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience on \
our site. <button>Accept cookies</button> <a href="/privacy">Cookie settings</a></div>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/local">Local</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe</a></li>
</ul></nav></header>
<main>
<article>
<h1>Harbour crane collapse injures two dock workers</h1>
<p class="byline">By Marta Okafor</p>
<p>A container crane at the north terminal of Port Ellis collapsed on Wednesday afternoon, \
injuring two dock workers and halting cargo operations for several hours, harbour officials \
said.</p>
<p>The crane, which had been in service since 1998, buckled while lifting a refrigerated \
container onto a waiting freighter. Witnesses described a loud crack followed by the boom \
folding toward the quay.</p>
<p>Both workers were taken to St. Brendan's Hospital with injuries that were not considered \
life-threatening, according to a spokesperson for the terminal operator, Coastline Logistics.</p>
<p>The harbour authority said an independent engineer would inspect the remaining cranes \
before full operations resume, and that the cause of the collapse was not yet known.</p>
</article>
</main>
<footer><p>© 2024 Port Ellis Gazette. All rights reserved.</p>
<ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li>
<li><a href="/privacy">Privacy policy</a></li></ul></footer>
</body>
</html>
"""


def news_page(headline: str, paragraphs: Iterable[str], *, published: str = "") -> str:
    """Return a small but complete news page around the given headline and paragraphs."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{headline}</title>{meta}'
        f'</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{headline}</h1>\n{body}\n</article>"
        f"<footer>Copyright 2024 Tidewater Courier</footer></body></html>"
    )


@dataclass
class Ingested:
    """What one run_ingest call left in the store, keyed by input path."""

    summary: RunSummary
    articles: dict[str, dict[str, Any]]
    rejects: dict[str, str]

    def article(self, path: Path | str) -> dict[str, Any]:
        """Return the one article stored for `path`."""
        return self.articles[str(path)]


def read_tables(db_path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row of the store's content tables, sorted, for comparing two stores."""
    with sqlite3.connect(db_path) as db:
        return {
            table: sorted(tuple(row) for row in db.execute(f"SELECT * FROM {table}"))
            for table in ("articles", "rejects", "inputs", "boilerplate_lines")
        }


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a fresh SQLite store."""
    return tmp_path / "store.db"


@pytest.fixture
def ingest(db_path: Path) -> Callable[..., Ingested]:
    """Run run_ingest on paths into the temporary store and return what it holds."""

    def run(*paths: Path, workers: int = 1, db: Path | None = None) -> Ingested:
        target = db or db_path
        summary = run_ingest(list(paths), target, workers=workers)
        with sqlite3.connect(target) as conn:
            conn.row_factory = sqlite3.Row
            articles = {row["path"]: dict(row) for row in conn.execute("SELECT * FROM articles")}
            rejects = {row["path"]: row["reason"] for row in conn.execute("SELECT * FROM rejects")}
        return Ingested(summary, articles, rejects)

    return run


@pytest.fixture
def dump_tables() -> Callable[[Path], dict[str, list[tuple[Any, ...]]]]:
    """Return a function that dumps a store's tables, sorted, for equality checks."""
    return read_tables


@pytest.fixture
def news_text() -> str:
    """A plain-text wire story whose first line is the headline."""
    return NEWS_TEXT


@pytest.fixture
def news_html() -> str:
    """A news page with cookie banner, nav, byline, footer and article dates in meta tags."""
    return NEWS_HTML


@pytest.fixture
def make_page() -> Callable[..., str]:
    """Return a function that builds a small news page."""
    return news_page


def gzip_bytes(data: bytes) -> bytes:
    """Return `data` gzipped with a fixed mtime, so equal inputs give equal files."""
    return gzip.compress(data, mtime=0)


@pytest.fixture
def gzipped() -> Callable[[bytes], bytes]:
    """Return a function that gzips bytes deterministically."""
    return gzip_bytes


@dataclass(frozen=True)
class WarcRecord:
    """One record to write into a test WARC file."""

    kind: str  # "response", "request", "warcinfo"
    url: str = ""
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    date: str = "2024-05-02T09:15:00Z"


def write_warc(path: Path, records: Iterable[WarcRecord], *, gz: bool) -> list[int]:
    """Write records to a WARC file at `path`; return the byte offset of each record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    offsets = []
    for spec in records:
        offsets.append(buffer.tell())
        if spec.kind == "warcinfo":
            record = writer.create_warcinfo_record(
                path.name, {"software": "storyline-tests", "format": "WARC File Format 1.1"}
            )
        elif spec.kind == "request":
            headers = StatusAndHeaders(
                f"GET {spec.url} HTTP/1.1", [("Host", "example.org")], is_http_request=True
            )
            record = writer.create_warc_record(
                spec.url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=headers,
                warc_headers_dict={"WARC-Date": spec.date},
            )
        else:
            headers = StatusAndHeaders(
                spec.status, [("Content-Type", spec.content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                spec.url,
                "response",
                payload=io.BytesIO(spec.body),
                length=len(spec.body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": spec.date},
            )
        writer.write_record(record)
    path.write_bytes(buffer.getvalue())
    return offsets


@pytest.fixture
def warc_record() -> type[WarcRecord]:
    """The WarcRecord spec class, for building WARC files in tests."""
    return WarcRecord


@pytest.fixture
def make_warc() -> Callable[..., list[int]]:
    """Return a function that writes a WARC file and returns its record offsets."""
    return write_warc


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium shared by every browser test (see tests/browser_support.py)."""
    from tests.browser_support import chromium_session

    yield from chromium_session()
