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
    records.INC_RECORD = ""  # its warning goes to stderr; the reject below names the damage
    return records


def read_warc(path: Path) -> Iterator[Document | Reject]:
    """Yield a Document per HTML or text response record, a Reject per other response.

    Request, metadata and warcinfo records describe the crawl, not articles, and are skipped.
    A truncated or corrupt archive ends with a Reject at the offset where reading failed. A
    record whose Content-Length lies (its block is not followed by the record separator) is
    a Reject of its own, and reading resumes at the next record header after its start.
    """
    responses = 0
    with path.open("rb") as stream:
        compressed = stream.read(2) == b"\x1f\x8b"
        start: int | None = 0
        while start is not None:
            stream.seek(start)
            records = _open_archive(stream)
            start = None
            try:
                for record in records:
                    if record.rec_type != "response":
                        continue
                    responses += 1
                    # read the page before asking for the offset: asking reads the record to
                    # its end, and checks what follows it
                    errors = records.err_count
                    unit = guarded(_document_from_response, record, "", str(path))
                    offset = records.get_record_offset()
                    lying = records.err_count > errors
                    rescan = lying or (not compressed and _truncated(unit))
                    if rescan:  # did the record's claimed block swallow the next record?
                        starts = GZIP_MEMBER if compressed else RECORD_HEADER
                        start = _next_start(stream, offset + 1, starts)
                        lying = lying or start is not None
                    if lying:
                        unit = Reject("", LYING_LENGTH, str(path))
                    yield replace(unit, path=f"{path}@{offset}")
                    if rescan:  # the stream was moved: go on from `start`, if anywhere
                        break
            except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as err:
                reason = _one_line(str(err)) or type(err).__name__
                yield Reject(
                    f"{path}@{records.offset}", f"truncated or corrupt WARC: {reason}", str(path)
                )
                return
    if responses == 0:
        yield Reject(str(path), "WARC file holds no response records")


LYING_LENGTH = (
    "damaged WARC record: its Content-Length does not end where the record does "
    "(not followed by the record separator)"
)
RECORD_HEADER = re.compile(rb"(?:^|\n)(WARC/1\.[01]\r?\n)")
GZIP_MEMBER = re.compile(rb"(\x1f\x8b\x08)")  # each record of a .warc.gz is its own member


def _truncated(unit: Document | Reject) -> bool:
    return isinstance(unit, Reject) and unit.reason.startswith("truncated WARC record")


def _next_start(stream: BinaryIO, offset: int, pattern: re.Pattern[bytes]) -> int | None:
    """Return the offset of the next record start (`pattern`'s group) at or after `offset`."""
    stream.seek(offset)
    overlap = b""
    base = offset
    while chunk := stream.read(CHUNK_BYTES):
        data = overlap + chunk
        if match := pattern.search(data):
            return base + match.start(1)
        overlap = data[-16:]
        base += len(data) - len(overlap)
    return None


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
