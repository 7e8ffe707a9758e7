"""Read pages from WARC crawl files, one Document per HTTP response record."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from storyline.errors import ExtractionError
from storyline.ingest.decode import decode_text
from storyline.ingest.units import guarded, invalid_url
from storyline.model import Document, Reject
from storyline.timestamps import parse_timestamp
from storyline.urls import domain_of

PAGE_TYPES = ("text/html", "application/xhtml", "text/plain")
MAX_PAGE_BYTES = 20 * 1024 * 1024
CHUNK_BYTES = 64 * 1024
CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
# warcio grows a header line by concatenation, block by block, with no limit: megabytes of
# bytes without a newline (a zero-filled or binary file named .warc) take hours. No header
# line is this long, so a longer one is cut there and fails to parse as a header.
MAX_LINE_BYTES = 256 * 1024
MAX_REASON_CHARS = 120  # warcio quotes the bad line in its error; a reason stays one short line
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class _BoundedLineReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's reader, with every readline cut at MAX_LINE_BYTES."""

    def readline(self, length: int | None = None) -> bytes:
        limit = MAX_LINE_BYTES if length is None or length < 0 else min(length, MAX_LINE_BYTES)
        return super().readline(limit)  # type: ignore[no-any-return]


def _open_archive(stream: BinaryIO) -> ArchiveIterator:
    records = ArchiveIterator(stream)
    # ArchiveIterator builds its reader in __init__ and reads through `reader` lazily, so the
    # bounded one can take its place before the first record is read.
    records.reader = _BoundedLineReader(records.fh, block_size=records.reader.block_size)
    return records


def read_warc(path: Path) -> Iterator[Document | Reject]:
    """Yield a Document per HTML or text response record, a Reject per other response.

    Request, metadata and warcinfo records describe the crawl, not articles, and are skipped.
    A truncated or corrupt archive ends with a Reject at the offset where reading failed.
    """
    responses = 0
    with path.open("rb") as stream:
        records = _open_archive(stream)
        try:
            for record in records:
                if record.rec_type != "response":
                    continue
                responses += 1
                # read the page before asking for the offset: asking reads the record to its end
                unit = guarded(_document_from_response, record, "", str(path))
                where = f"{path}@{records.get_record_offset()}"
                yield replace(unit, path=where)
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as err:
            reason = _one_line(str(err)) or type(err).__name__
            yield Reject(
                f"{path}@{records.offset}", f"truncated or corrupt WARC: {reason}", str(path)
            )
            return
    if responses == 0:
        yield Reject(str(path), "WARC file holds no response records")


def _one_line(message: str) -> str:
    """Return the first line of an error message, short and with control bytes escaped."""
    first = message.splitlines()[0] if message else ""
    return CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", first[:MAX_REASON_CHARS])


def _missing_bytes(record: object) -> int:
    """Return how many bytes of the record's block (its Content-Length) the file lacks."""
    # warcio hands back a cut gzip member's partial block without error; only the countdown
    # of the block's length tells a page cut mid-record from a whole one.
    raw = record.raw_stream  # type: ignore[attr-defined]
    while raw.read(CHUNK_BYTES):
        pass  # drain what is left of the block, so only bytes that never came are counted
    return max(0, int(getattr(raw, "limit", 0)))


def _document_from_response(record: object, where: str, file: str) -> Document | Reject:
    headers = record.http_headers  # type: ignore[attr-defined]
    url = record.rec_headers.get_header("WARC-Target-URI") or ""  # type: ignore[attr-defined]
    if bad_url := invalid_url(url, where, file):
        return bad_url
    status = headers.get_statuscode() if headers else None
    if status and not status.startswith("2"):
        return Reject(where, f"HTTP status {status} for {url}", file)
    content_type = (headers.get_header("Content-Type") if headers else "") or ""
    if content_type and not content_type.lower().startswith(PAGE_TYPES):
        return Reject(where, f"not a page: content type {content_type.split(';')[0]}", file)
    body = record.content_stream().read(MAX_PAGE_BYTES + 1)  # type: ignore[attr-defined]
    if len(body) > MAX_PAGE_BYTES:
        return Reject(where, f"page larger than {MAX_PAGE_BYTES // 2**20} MB", file)
    missing = _missing_bytes(record)
    if missing:
        declared_length = record.length  # type: ignore[attr-defined]
        got = declared_length - missing
        return Reject(where, f"truncated WARC record ({got} of {declared_length} bytes)", file)
    declared = CHARSET.search(content_type)
    try:
        text = decode_text(body, declared[1] if declared else None)
    except ExtractionError as err:
        return Reject(where, str(err), file)
    warc_date = record.rec_headers.get_header("WARC-Date")  # type: ignore[attr-defined]
    return Document(
        path=where,
        file=file,
        format="warc",
        content=text,
        is_html="text/plain" not in content_type.lower(),
        url=url,
        source=domain_of(url),
        fetched_at=parse_timestamp(warc_date),
    )
