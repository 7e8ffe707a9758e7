"""Read any input file into Documents, or Rejects that say why nothing could be read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from storyline.errors import ExtractionError
from storyline.ingest.archive import read_warc
from storyline.ingest.decode import decode_text
from storyline.ingest.feeds import read_feed
from storyline.ingest.files import read_document_bytes, read_head, sniff_kind
from storyline.ingest.records import read_json, read_jsonl
from storyline.model import Document, Reject

META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", re.IGNORECASE)


def read_input(path: Path) -> Iterator[Document | Reject]:
    """Yield the Documents of one input file; a file that cannot be read yields one Reject."""
    if path.exists() and not path.is_file() and not path.is_dir():
        # opening a named pipe blocks until someone writes to it, and a device never ends
        yield Reject(str(path), "not a regular file (a pipe, socket or device)")
        return
    try:
        head = read_head(path)
    except FileNotFoundError:
        yield Reject(str(path), "broken symbolic link" if path.is_symlink() else "no such file")
        return
    except IsADirectoryError:
        yield Reject(str(path), "is a directory")
        return
    except PermissionError:
        yield Reject(str(path), "permission denied: cannot read the file")
        return
    except OSError as err:
        yield Reject(str(path), f"unreadable: {err.strerror or err}")
        return
    except ExtractionError as err:
        yield Reject(str(path), str(err))
        return
    if not head:
        yield Reject(str(path), "empty file")
        return
    kind = sniff_kind(path, head)
    try:
        if kind == "warc":
            yield from read_warc(path)
        elif kind == "feed":
            yield from read_feed(path)
        elif kind == "json":
            yield from read_json(path)
        elif kind == "jsonl":
            yield from read_jsonl(path)
        else:
            yield _read_single(path, is_html=kind == "html")
    except OSError as err:  # e.g. the file vanished or a disk error mid-read
        yield Reject(str(path), f"unreadable: {err.strerror or err}")


def _read_single(path: Path, *, is_html: bool) -> Document | Reject:
    try:
        data = read_document_bytes(path)
        declared = META_CHARSET.search(data[:4096]) if is_html else None
        text = decode_text(data, declared[1].decode("ascii", "replace") if declared else None)
    except ExtractionError as err:
        return Reject(str(path), str(err))
    if not text.strip():
        return Reject(str(path), "empty file: only whitespace")
    return Document(
        path=str(path),
        file=str(path),
        format="html" if is_html else "text",
        content=text,
        is_html=is_html,
    )
