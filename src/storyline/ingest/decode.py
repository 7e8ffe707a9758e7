"""Bytes to text: refuse binary data, decode UTF-8 or sniff the legacy encoding."""

from __future__ import annotations

import logging
import re

from charset_normalizer import from_bytes

from storyline.errors import ExtractionError

log = logging.getLogger(__name__)

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
UTF8_SAMPLE_BYTES = 64 * 1024
STRAY_BYTES = re.compile("[\udc80-\udcff]+")  # bytes that surrogateescape could not decode
# French, the most accented Western language, has one accented letter in 20-30 characters.
MIN_ASCII_PER_OTHER = 4
# Letters of French, German, Spanish, Portuguese, Italian, Dutch and the Nordic languages.
# Icelandic ð, þ, ý are left out: they are what Turkish cp1254 text looks like in cp1252.
WESTERN_LETTERS = frozenset(
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüÿßœšž" + "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜŸŒŠŽ" + "ªºµ"
)
WESTERN_PUNCTUATION = frozenset(
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022«»‹›€£¥¢§©®°±·¡¿×÷¶\xa0"
)


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
    # 1. UTF-8, whole, or with a few stray bytes among many good multibyte characters.
    text = decode_mostly_utf8(data)
    if text is not None:
        return text
    # 2. The charset the page declares; pages lie, so a failure falls through to guessing.
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    # 3. Western European cp1252/latin-1, which charset-normalizer mistakes for cp1250 or
    #    iso8859_10 on short texts ('après' read as 'aprčs').
    text = decode_western(data)
    if text is not None:
        return text
    # 4. Whatever charset-normalizer finds most plausible.
    best = from_bytes(data).best()
    if best is None:
        raise ExtractionError("undecodable text: not UTF-8 and no known encoding fits")
    return str(best)


def decode_mostly_utf8(data: bytes) -> str | None:
    """Return `data` as UTF-8 when it is, or nearly is; None when it is some other encoding.

    Nearly UTF-8 means its valid multibyte characters outnumber its invalid bytes: one stray
    byte in a UTF-8 story. Those bytes are read as cp1252, because the usual cause is a
    latin-1 or cp1252 fragment pasted into UTF-8 text ('caf\\xe9' is 'café').
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # a first look at the head spares decoding megabytes of cp1252 byte by byte
    for sample in (data[:UTF8_SAMPLE_BYTES], data) if len(data) > UTF8_SAMPLE_BYTES else (data,):
        text = sample.decode("utf-8-sig", errors="surrogateescape")
        stray = sum(len(run) for run in STRAY_BYTES.findall(text))
        multibyte = len(text) - len(text.encode("ascii", errors="ignore")) - stray
        if multibyte < stray:
            return None  # no evidence of UTF-8: English cp1252 with one curly quote lands here
    log.debug("read %d stray bytes in UTF-8 text as cp1252", stray)
    return STRAY_BYTES.sub(_stray_as_cp1252, text)


def _stray_as_cp1252(match: re.Match[str]) -> str:
    raw = bytes(ord(char) - 0xDC00 for char in match[0])
    return raw.decode("cp1252", errors="replace")


def decode_western(data: bytes) -> str | None:
    """Return `data` decoded as cp1252 when it reads as Western European text, else None.

    It does when every non-ASCII character is a Western accented letter or common punctuation
    (curly quotes, dashes), and they are few: Cyrillic or Greek read as cp1252 is mostly
    non-ASCII, and Polish gives characters like '³' and '¹' that no Western word holds.
    """
    try:
        text = data.decode("cp1252")  # latin-1 text decodes the same: it never uses 0x80-0x9f
    except UnicodeDecodeError:
        return None
    if not {c for c in set(text) if not c.isascii()} <= WESTERN_LETTERS | WESTERN_PUNCTUATION:
        return None
    ascii_chars = len(text.encode("ascii", errors="ignore"))
    return text if (len(text) - ascii_chars) * MIN_ASCII_PER_OTHER <= ascii_chars else None
