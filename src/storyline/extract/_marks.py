"""Quoted spans in text: balanced, unbalanced and continued across paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Double quotation marks only: single ones are too often apostrophes ("Russia’s").
OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
# Two apostrophes or backticks stand for a double quote in some scraped and tokenised text.
MARK = re.compile(r"''|``|[\"“”„«»]")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
SENTENCE_END = re.compile(r"[.!?…]\s+")


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
