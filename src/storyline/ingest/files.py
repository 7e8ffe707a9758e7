"""Find input files under the given paths, read them safely and tell their format."""

from __future__ import annotations

import gzip
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal, TypeAlias

from storyline.errors import ExtractionError

FileKind: TypeAlias = Literal["text", "html", "json", "jsonl", "warc", "feed"]

# One article per file: a bigger one is a dump or a mistake, and holding it would starve workers.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
HIDDEN = re.compile(r"(^|/)\.")  # .git, .DS_Store and editor droppings are never news

EXTENSIONS: dict[str, FileKind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}


def find_input_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield the files named by `paths`, walking folders recursively in sorted order.

    Missing paths are yielded too, so that reading them records a reject instead of vanishing.
    """
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path, onerror=None):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


def strip_gzip_suffix(name: str) -> str:
    """Return a file name without a trailing .gz/.gzip."""
    return re.sub(r"\.(gz|gzip)$", "", name, flags=re.IGNORECASE)


def is_gzip(path: Path) -> bool:
    """Tell whether a file starts with the gzip magic bytes."""
    with path.open("rb") as f:
        return f.read(2) == b"\x1f\x8b"


def read_document_bytes(path: Path, limit: int | None = None) -> bytes:
    """Return a single-document file's bytes, gunzipped, refusing anything over `limit`."""
    limit = MAX_DOCUMENT_BYTES if limit is None else limit
    if is_gzip(path):
        try:
            with gzip.open(path, "rb") as f:
                data = f.read(limit + 1)
        except (EOFError, OSError, zlib.error) as err:
            raise ExtractionError(f"truncated or corrupt gzip: {err}") from err
    else:
        size = path.stat().st_size
        if size > limit:
            raise ExtractionError(
                f"file too large for one article ({size / 2**20:.0f} MB > {limit / 2**20:.0f} MB);"
                " split it, or use JSONL/WARC for many articles"
            )
        data = path.read_bytes()
    if len(data) > limit:
        raise ExtractionError(
            f"file too large for one article after gunzip (> {limit / 2**20:.0f} MB)"
        )
    return data


def sniff_kind(path: Path, head: bytes) -> FileKind:
    """Return the file's format from its extension, or from its first bytes when unknown."""
    by_name = EXTENSIONS.get(Path(strip_gzip_suffix(path.name.lower())).suffix)
    if by_name == "warc" or head.startswith(b"WARC/"):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    looks_like_feed = re.search(rb"<(rss|feed|rdf:rdf)[\s>]", start[:2048]) is not None
    if by_name == "feed" or (by_name is None and looks_like_feed):
        return "feed" if looks_like_feed or by_name == "feed" else "html"
    if by_name:
        return by_name
    if start.startswith((b"<!doctype html", b"<html")) or b"<body" in start[:4096]:
        return "html"
    if start.startswith(b"{"):
        return "jsonl" if b"}\n{" in start.replace(b"\r", b"") else "json"
    if start.startswith(b"["):
        return "json"
    return "text"


def read_head(path: Path, size: int = 4096) -> bytes:
    """Return the first `size` bytes of a file, gunzipped when it is gzip."""
    if is_gzip(path):
        try:
            with gzip.open(path, "rb") as f:
                return f.read(size)
        except (EOFError, OSError, zlib.error):
            return b""  # the reader reports the corruption with its own reason
    with path.open("rb") as f:
        return f.read(size)
