"""Where a span of cleaned text lies in the raw text it was cleaned from.

Cleaning collapses whitespace, drops invisible characters and chrome lines, and repairs
mojibake, so cleaned offsets do not index the raw text. A span is found by its letters and
digits (case and accents folded) in the raw text, near where the previous span was; when
cleaning changed those too, a character alignment of the two texts places it.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from difflib import SequenceMatcher


def _fold(char: str) -> str:
    """Return a letter or digit without case or accents, or "" for anything else."""
    if not char.isalnum():
        return ""
    base = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in base if c.isalnum())[:1] or char.casefold()[:1]


def _keys(text: str) -> tuple[str, list[int]]:
    """Return the folded letters and digits of `text` and where each one stands in it."""
    chars, where = [], []
    for i, char in enumerate(text):
        folded = _fold(char)
        if folded:
            chars.append(folded)
            where.append(i)
    return "".join(chars), where


class Locator:
    """Map spans of a cleaned text to spans of the raw text it came from."""

    def __init__(self, clean: str, raw: str) -> None:
        self.clean, self.raw = clean, raw
        self._clean_keys, self._clean_at = _keys(clean)
        self._raw_keys, self._raw_at = _keys(raw)
        self._blocks: list[tuple[int, int, int]] | None = None
        # Raw key index minus cleaned key index at the last span found: chrome dropped
        # before it. The nearest occurrence to where the drift puts a span is the one.
        self._drift = 0

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the raw [start, end) of the cleaned [start, end); never empty for words."""
        if self.clean == self.raw:
            return start, end
        first = bisect_right(self._clean_at, start - 1)  # first key at or after `start`
        last = bisect_right(self._clean_at, end - 1)  # one past the last key before `end`
        needle = self._clean_keys[first:last]
        if needle:
            expected = max(0, first + self._drift)
            found = [
                self._raw_keys.find(needle, expected),
                self._raw_keys.rfind(needle, 0, expected + len(needle)),
            ]
            found = [at for at in found if at >= 0]
            if found:
                at = min(found, key=lambda x: abs(x - expected))
                self._drift = at - first
                raw_start = self._raw_at[at]
                raw_end = self._raw_at[at + len(needle) - 1] + 1
                return self._widen(start, end, first, last, raw_start, raw_end)
        return self._aligned(start, end)

    def _widen(
        self, start: int, end: int, first: int, last: int, raw_start: int, raw_end: int
    ) -> tuple[int, int]:
        """Extend a raw span over the punctuation the cleaned span has at its edges ("$5")."""
        head = self.clean[start : self._clean_at[first]]
        if head and self.raw[raw_start - len(head) : raw_start] == head:
            raw_start -= len(head)
        tail = self.clean[self._clean_at[last - 1] + 1 : end]
        if tail and self.raw[raw_end : raw_end + len(tail)] == tail:
            raw_end += len(tail)
        return raw_start, raw_end

    def _aligned(self, start: int, end: int) -> tuple[int, int]:
        """Return the raw span a character alignment of the two texts gives (slow, rare)."""
        if self._blocks is None:
            matcher = SequenceMatcher(None, self.clean, self.raw, autojunk=False)
            self._blocks = [b for b in matcher.get_matching_blocks() if b.size]
        raw_start = self._position(start, after=True)
        raw_end = self._position(end, after=False)
        if raw_end <= raw_start:  # nothing of it survives in the raw text: the nearest char
            raw_end = min(len(self.raw), raw_start + 1)
            raw_start = raw_end - 1 if raw_end else 0
        return raw_start, raw_end

    def _position(self, pos: int, *, after: bool) -> int:
        """Return the raw position of a cleaned position, snapping into the nearest match."""
        assert self._blocks is not None
        previous_end = 0
        for a, b, size in self._blocks:
            if a <= pos < a + size or (not after and a < pos <= a + size):
                return b + (pos - a)
            if a > pos:
                return b if after else previous_end
            previous_end = b + size
        return previous_end
