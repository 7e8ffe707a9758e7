"""Quoted spans in text: balanced, unbalanced and continued across paragraphs."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import QuoteKind

# Double quotation marks only: single ones are too often apostrophes ("Russia’s").
OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
# Two apostrophes or backticks stand for a double quote in some scraped and tokenised text.
MARK = re.compile(r"''|``|[\"“”„«»]")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# What a content range sheds at its edges: spaces, punctuation and quotation marks.
EDGE = " \t\n,;:.—–-\"“”„'’‘"
SENTENCE_END = re.compile(r"[.!?…]\s+")
# What may separate a quotation from its "he said": punctuation and dashes, in one paragraph.
GAP_BEFORE_CUE = re.compile(r"[ \t\xa0,.:;!?—–-]*(?:\n[ \t\xa0,.:;!?—–-]*)?")
# What may separate "told reporters on Thursday" from the quotation that follows it.
GAP_AFTER_CUE = re.compile(r"[^.!?\"“”\n]{0,60}?[,:]\s*")


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """A stretch of text between quotation marks; `start`/`end` exclude the marks."""

    start: int
    end: int
    outer_start: int  # the opening mark
    outer_end: int  # just after the closing mark, or `end` when the mark is missing
    closed: bool = True


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each paragraph, split on blank lines."""
    bounds, pos = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _is_opening(text: str, pos: int, mark: str, is_open: bool) -> bool:
    """Decide whether an ambiguous mark at `pos` opens (True) or closes (False) a quote."""
    if mark in OPENERS or mark == "``":
        return True
    if mark in CLOSERS:
        return False
    if not is_open:
        return True
    # A straight mark right after a letter or punctuation closes; after a space it reopens.
    before = text[pos - 1] if pos > 0 else " "
    return before.isspace() and pos + len(mark) < len(text) and not text[pos + len(mark)].isspace()


def _best_effort_end(text: str, start: int, limit: int) -> int:
    """Return where an unclosed quotation most likely ends: the last sentence end before `limit`."""
    ends = [m.start() + 1 for m in SENTENCE_END.finditer(text, start, limit)]
    tail = text[start:limit].rstrip()
    return start + len(tail) if not ends else max(ends[-1], start + len(tail))


def find_quoted_spans(text: str) -> tuple[QuotedSpan, ...]:
    """Return the spans of `text` between double quotation marks, in order.

    A quotation left open at the end of a paragraph continues into the next one when
    that paragraph starts with an opening mark (the typographic convention); otherwise
    it is closed at the last sentence end of its paragraph. Stray closing marks are ignored.
    """
    spans: list[QuotedSpan] = []
    outer: int | None = None  # the pending opening mark
    inner = 0  # where the pending quotation's text starts
    continuing = False  # the pending quotation came over from the previous paragraph
    paragraphs = _paragraphs(text)
    for index, (p_start, p_end) in enumerate(paragraphs):
        for m in MARK.finditer(text, p_start, p_end):
            mark = m.group()
            if continuing:
                continuing = False
                if m.start() == p_start:
                    continue  # the reopening mark of a continued quotation
            if _is_opening(text, m.start(), mark, outer is not None):
                if outer is not None:  # two openers in a row: the first was never closed
                    end = _best_effort_end(text, inner, m.start())
                    spans.append(QuotedSpan(inner, end, outer, end, closed=False))
                outer, inner = m.start(), m.end()
            elif outer is not None:
                spans.append(QuotedSpan(inner, m.start(), outer, m.end()))
                outer = None
        if outer is None:
            continue
        if index + 1 < len(paragraphs) and MARK.match(text, paragraphs[index + 1][0]):
            continuing = True
            continue
        end = _best_effort_end(text, inner, p_end)
        spans.append(QuotedSpan(inner, end, outer, end, closed=False))
        outer = None
    if outer is not None:
        end = _best_effort_end(text, inner, len(text))
        spans.append(QuotedSpan(inner, end, outer, end, closed=False))
    return tuple(s for s in spans if text[s.start : s.end].strip())


class QuoteIndex:
    """The quoted spans of a text with lookups by position."""

    def __init__(self, text: str, spans: Sequence[QuotedSpan]) -> None:
        self.text = text
        self.spans = spans
        # Spans in order and apart (as find_quoted_spans gives them) are searched by bisection,
        # so a lookup costs log(quotations), not the article's quotations.
        self._starts = [s.start for s in spans]
        self._ends = [s.end for s in spans]
        self._sorted = all(a.end <= b.start for a, b in itertools.pairwise(spans))

    def containing(self, pos: int) -> QuotedSpan | None:
        """Return the quoted span that holds character `pos`, if any."""
        if not self._sorted:
            return next((s for s in self.spans if s.start <= pos < s.end), None)
        at = bisect_right(self._starts, pos) - 1
        return self.spans[at] if at >= 0 and pos < self.spans[at].end else None

    def overlapping(self, start: int, end: int) -> list[QuotedSpan]:
        """Return the quoted spans that share characters with start..end."""
        if not self._sorted:
            return [s for s in self.spans if s.start < end and start < s.end]
        first, last = bisect_right(self._ends, start), bisect_left(self._starts, end)
        return [s for s in self.spans[first:last] if s.start < end and start < s.end]

    def before(self, pos: int) -> QuotedSpan | None:
        """Return the quoted span that ends just before `pos`, punctuation apart."""
        for s in self.spans:
            if s.outer_end <= pos and GAP_BEFORE_CUE.fullmatch(self.text, s.outer_end, pos):
                return s
        return None

    def after(self, pos: int) -> QuotedSpan | None:
        """Return the quoted span that starts just after `pos`, past a comma or colon."""
        for s in self.spans:
            if s.outer_start >= pos and GAP_AFTER_CUE.fullmatch(self.text, pos, s.outer_start):
                return s
        return None


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Return start..end shrunk past surrounding spaces, punctuation and quotation marks."""
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return start, end


def snap(spans: QuoteIndex, start: int, end: int) -> tuple[int, int, QuoteKind]:
    """Return a content range widened to the quotation marks it touches, and its kind."""
    start, end = trim(spans.text, start, end)
    touched = spans.overlapping(start, end)
    if not touched:
        return start, end, "indirect"
    if len(touched) == 1 and touched[0].start <= start and end <= touched[0].end + 1:
        return touched[0].start, touched[0].end, "direct"
    start = min(start, *(s.start for s in touched))
    end = max(end, *(s.end for s in touched))
    outside = spans.text[start:end]
    for s in touched:
        outside = outside.replace(spans.text[s.start : s.end], " ")
    kind: QuoteKind = "mixed" if len(outside.split()) > 1 else "direct"
    return start, end, kind
