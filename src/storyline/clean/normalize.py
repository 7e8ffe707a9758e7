"""Unicode and whitespace normalization of scraped text."""

from __future__ import annotations

import re
import unicodedata

import ftfy

# Curly quotes carry meaning for quotation finding; mojibake repair must not straighten them.
FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, normalization="NFC", explain=False)
INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")  # zero-width space, soft hyphen
# Zero-width (non-)joiners spell words in Persian, Urdu and Indic scripts ("می‌خواهم");
# beside a Latin letter, digit or space they are stray bytes from a copy and paste.
STRAY_JOINER = re.compile(
    r"(?<=[\x00-\u024f])[\u200c\u200d]+|[\u200c\u200d]+(?=[\x00-\u024f])|^[\u200c\u200d]+"
)
SPACES = re.compile(r"[^\S\n]+")  # any horizontal whitespace, including no-break spaces
LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Penn Treebank tokens that tokenized corpora leave in the text, as whole tokens: read as the
# characters they stand for, so "-RRB-" is never a name and `` ... '' is a quotation.
PTB_TOKENS = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
    "``": "“",
    "''": "”",
    "`": "‘",
}
PTB_TOKEN = re.compile(r"(?<!\S)(?:-[LR][RSC]B-|``|''|`)(?!\S)")
# Stripping a line can expose mojibake that ftfy left alone next to a no-break space
# ("\xa0Ü¯"), so the pass repeats until nothing changes; two passes almost always suffice.
MAX_PASSES = 4


def normalize_text(text: str) -> str:
    """Return `text` with mojibake repaired, NFC unicode, one space between words, no tabs.

    Line breaks are kept (paragraphs matter downstream); lines are stripped.
    """
    for _ in range(MAX_PASSES):
        fixed = _normalize_once(text)
        if fixed == text:
            break
        text = fixed
    return text


def _normalize_once(text: str) -> str:
    text = LINE_BREAKS.sub("\n", text)
    text = PTB_TOKEN.sub(lambda m: PTB_TOKENS[m[0]], text)
    text = ftfy.fix_text(text, config=FTFY_CONFIG)
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = STRAY_JOINER.sub("", text)
    return "\n".join(SPACES.sub(" ", line).strip() for line in text.split("\n"))


def join_paragraphs(paragraphs: list[str]) -> str:
    """Return paragraphs joined by one blank line."""
    return "\n\n".join(p for p in paragraphs if p)
