"""Bytes to text: refuse binary data, decode UTF-8 or sniff the legacy encoding."""

from __future__ import annotations

from charset_normalizer import from_bytes

from storyline.errors import ExtractionError

# Leading bytes of binary formats people drop into news folders by mistake.
MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (docx, xlsx, epub, ...)",
    b"\x7fELF": "executable",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ": "xz archive",
    b"SQLite format 3": "SQLite database",
}
SNIFF_BYTES = 8192  # enough to judge binary-ness without reading a whole file
MAX_CONTROL_SHARE = 0.05  # real text, even badly encoded, has almost no control characters
TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")


def describe_binary(head: bytes) -> str | None:
    """Return what kind of binary data `head` starts, or None when it looks like text."""
    for magic, kind in MAGIC.items():
        if head.startswith(magic):
            return kind
    sample = head[:SNIFF_BYTES]
    if not sample:
        return None
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary data (NUL bytes)"
    controls = sum(1 for b in sample if b < 32 and b not in TEXT_CONTROLS)
    if controls / len(sample) > MAX_CONTROL_SHARE:
        return "binary data (control bytes)"
    return None


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Return `data` as text: UTF-8 (with or without BOM), a declared charset, or the best guess.

    Raises ExtractionError for binary data or bytes that fit no encoding.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 is full of NULs: check it first
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise ExtractionError("undecodable text: broken UTF-16") from err
    kind = describe_binary(data)
    if kind:
        raise ExtractionError(f"binary file: {kind}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # pages lie about their charset; fall back to sniffing
    best = from_bytes(data).best()
    if best is None:
        raise ExtractionError("undecodable text: not UTF-8 and no known encoding fits")
    return str(best)
