"""Find input files under the given paths, read them safely and tell their format."""

from __future__ import annotations

import gzip
import io
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
CHUNK_BYTES = 64 * 1024
BLANK = b" \t\r\n\f\v"

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
    Symbolic links to folders are followed, each real folder walked once (links may loop).
    """
    for path in paths:
        if path.is_dir():
            seen: set[str] = set()  # real paths of folders walked: a link cycle is walked once
            for root, dirs, names in os.walk(path, onerror=None, followlinks=True):
                real = os.path.realpath(root)
                if real in seen:
                    dirs[:] = []
                    continue
                seen.add(real)
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
    looks_like_html = start.startswith((b"<!doctype html", b"<html")) or b"<body" in start[:4096]
    if by_name == "feed" and looks_like_html and not looks_like_feed:
        return "html"  # an XHTML page saved as .xml is a page, not a feed without items
    if by_name:
        return by_name
    if looks_like_feed:
        return "feed"
    if looks_like_html:
        return "html"
    if start.startswith(b"{"):
        return "jsonl" if b"}\n{" in start.replace(b"\r", b"") else "json"
    if start.startswith(b"["):
        return "json"
    return "text"


def read_head(path: Path, size: int = 4096) -> bytes:
    """Return the first `size` bytes after any leading whitespace, gunzipped when gzip.

    Raises ExtractionError for a gzip file that breaks off before its first non-blank byte;
    one that breaks off later gives its head, and the reader reports the cut with its place.
    """
    head = bytearray()
    if not is_gzip(path):
        with path.open("rb") as f:
            _read_past_blanks(f, size, head)
        return bytes(head)
    try:
        with gzip.GzipFile(path, "rb") as f:
            _read_past_blanks(f, size, head)
    except (EOFError, OSError, zlib.error) as err:
        if not head:
            raise ExtractionError(f"truncated or corrupt gzip: {err}") from err
    return bytes(head)


def _read_past_blanks(f: io.BufferedIOBase, size: int, head: bytearray) -> None:
    # Pages generated with thousands of blank lines are not empty; the blanks are read in
    # chunks and dropped, so even a huge blank file costs no memory. read1 (not read) keeps
    # the bytes a broken gzip gave before it broke.
    while len(head) < size:
        chunk = f.read1(size - len(head) if head else CHUNK_BYTES)
        if not chunk:
            break
        head += chunk if head else chunk.lstrip(BLANK)
    del head[size:]
