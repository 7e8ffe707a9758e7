"""Read article records from JSON and JSON Lines files."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from storyline.errors import ExtractionError
from storyline.ingest.decode import decode_text
from storyline.ingest.files import is_gzip, read_document_bytes
from storyline.ingest.units import guarded, invalid_url
from storyline.model import Document, Reject
from storyline.timestamps import parse_timestamp
from storyline.urls import domain_of

MAX_RECORD_BYTES = 20 * 1024 * 1024  # one record is one article; see files.MAX_DOCUMENT_BYTES
MAX_JSON_BYTES = 100 * 1024 * 1024  # a whole-file JSON array must fit in memory; JSONL need not

TEXT_KEYS = ("text", "body", "content", "maintext", "article")
HTML_KEYS = ("html", "raw_html")
SUMMARY_KEYS = ("summary", "description", "snippet", "abstract")  # a brief's short text
DATE_KEYS = ("published", "published_at", "date_publish", "date", "pubDate", "publish_date")
LIST_KEYS = ("articles", "items", "records", "data")
# Where records name their publisher: a readable name beats the domain, which beats nothing.
SOURCE_KEYS = ("source", "publisher", "site_name", "source_name")


def document_from_record(record: Any, path: str, file: str) -> Document | Reject:
    """Return the Document described by one JSON record, or a Reject saying what is missing."""
    if not isinstance(record, dict):
        return Reject(path, f"record is a JSON {type(record).__name__}, not an object", file)
    text = next((record[k] for k in TEXT_KEYS if isinstance(record.get(k), str)), "")
    html = next((record[k] for k in HTML_KEYS if isinstance(record.get(k), str)), "")
    title = str(record.get("title") or "")
    if not text.strip() and not html.strip():
        # A headline-only item (feeds, news APIs) is a brief, with its summary as text.
        text = next((record[k] for k in SUMMARY_KEYS if isinstance(record.get(k), str)), "")
        if not title.strip() and not text.strip():
            return Reject(path, "record has no 'title', 'text' or 'html' field with content", file)
    url = str(record.get("url") or "")
    if bad_url := invalid_url(url, path, file):
        return bad_url
    author = record.get("author") or record.get("authors") or ""
    if isinstance(author, list):
        author = ", ".join(str(a) for a in author)
    published = next((record[k] for k in DATE_KEYS if record.get(k)), None)
    return Document(
        path=path,
        file=file,
        format="record",
        content=text if text.strip() else html,
        is_html=not text.strip() and bool(html.strip()),
        id=str(record.get("id") or ""),
        url=url,
        source=str(next((record[k] for k in SOURCE_KEYS if record.get(k)), "") or domain_of(url)),
        title=title,
        author=str(author),
        published_at=parse_timestamp(published),
        fetched_at=parse_timestamp(record.get("fetched") or record.get("fetched_at")),
    )


def read_json(path: Path) -> Iterator[Document | Reject]:
    """Yield the records of a JSON file holding one object, an array, or {"articles": [...]}."""
    try:
        data = json.loads(decode_text(read_document_bytes(path, MAX_JSON_BYTES)))
    except json.JSONDecodeError as err:
        yield Reject(str(path), f"invalid JSON: {_message(err)} at line {err.lineno}")
        return
    except RecursionError:
        yield Reject(str(path), "invalid JSON: nested too deeply to read")
        return
    except ExtractionError as err:
        yield Reject(str(path), str(err))
        return
    if isinstance(data, dict):
        listed = next((data[k] for k in LIST_KEYS if isinstance(data.get(k), list)), None)
        if listed is None:
            yield guarded(document_from_record, data, str(path), str(path))
            return
        data = listed
    if not isinstance(data, list):
        yield Reject(str(path), f"JSON holds a {type(data).__name__}, not an object or array")
        return
    if not data:
        yield Reject(str(path), "empty JSON array: no records")
    for number, record in enumerate(data, start=1):
        yield guarded(document_from_record, record, f"{path}#{number}", str(path))


def _open_binary(path: Path) -> IO[bytes]:
    if is_gzip(path):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def read_jsonl(path: Path) -> Iterator[Document | Reject]:
    """Yield one Document or Reject per non-blank line of a JSON Lines file, streaming."""
    number = 0
    seen_any = False
    try:
        with _open_binary(path) as f:
            while True:
                line = f.readline(MAX_RECORD_BYTES + 1)
                if not line:
                    break
                number += 1
                where = f"{path}#{number}"
                if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
                    seen_any = True
                    while (rest := f.readline(MAX_RECORD_BYTES)) and not rest.endswith(b"\n"):
                        pass  # skip the rest of an oversized line without holding it
                    yield Reject(
                        where, f"record larger than {MAX_RECORD_BYTES // 2**20} MB", str(path)
                    )
                    continue
                if not line.strip():
                    continue
                seen_any = True
                yield guarded(_parse_line, line, where, str(path))
    except (EOFError, OSError, zlib.error) as err:
        yield Reject(
            f"{path}#{number + 1}",
            f"truncated or corrupt file after record {number}: {err}",
            str(path),
        )
        return
    if not seen_any:
        yield Reject(str(path), "empty file: no records")


def _parse_line(line: bytes, where: str, file: str) -> Document | Reject:
    try:
        record = json.loads(decode_text(line))
    except json.JSONDecodeError as err:
        return Reject(where, f"invalid JSON: {_message(err)} at column {err.colno}", file)
    except RecursionError:
        return Reject(where, "invalid JSON: nested too deeply to read", file)
    except ExtractionError as err:
        return Reject(where, str(err), file)
    return document_from_record(record, where, file)


def _message(err: json.JSONDecodeError) -> str:
    # some of the decoder's messages end in "at" already ("Invalid control character at")
    return err.msg.removesuffix(" at")
