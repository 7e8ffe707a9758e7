"""Read the items of RSS and Atom feeds, defused of XML entities first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from storyline.errors import ExtractionError
from storyline.ingest.files import read_document_bytes
from storyline.ingest.safe_xml import defused
from storyline.ingest.units import guarded, invalid_url
from storyline.model import Document, Reject
from storyline.timestamps import parse_timestamp
from storyline.urls import domain_of

MAX_FEED_BYTES = 50 * 1024 * 1024


def read_feed(path: Path) -> Iterator[Document | Reject]:
    """Yield one Document per feed item that carries content, a Reject per item that has none."""
    try:
        # A hardened parser reads the DTD first: external entities never resolve, and
        # entity bombs are refused (see safe_xml); feedparser then sees no DTD at all.
        data = defused(read_document_bytes(path, MAX_FEED_BYTES))
    except ExtractionError as err:
        yield Reject(str(path), str(err))
        return
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        why = f": {str(problem).splitlines()[0]}" if problem else ""
        yield Reject(str(path), f"not a feed, or a feed with no items{why}")
        return
    for number, entry in enumerate(parsed.entries, start=1):
        yield guarded(_document_from_entry, entry, f"{path}#{number}", str(path))


def _document_from_entry(entry: Any, where: str, file: str) -> Document | Reject:
    contents = [c.get("value", "") for c in entry.get("content", [])]
    html = max(contents, key=len) if contents else entry.get("summary", "")
    if not html.strip() and not entry.get("title", "").strip():
        return Reject(where, "feed item has no title, content or summary", file)
    url = entry.get("link", "")
    if bad_url := invalid_url(url, where, file):
        return bad_url
    return Document(
        path=where,
        file=file,
        format="feed",
        content=html,
        is_html=bool(html.strip()),  # a title-only item is a brief, with no page to parse
        id="",
        url=url,
        source=domain_of(url),
        title=entry.get("title", ""),
        author=entry.get("author", ""),
        published_at=parse_timestamp(entry.get("published_parsed") or entry.get("updated_parsed")),
    )
