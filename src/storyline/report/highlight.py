"""Mark character spans of a text in HTML, escaping each piece, with overlaps allowed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from storyline.report.markup import Markup, el, escape

# Order in which overlapping kinds are named in a segment's class list and its tooltip.
KINDS = ("copied", "reused", "shared", "quote", "date")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch [start, end) of a text to highlight, with its kind and a tooltip."""

    start: int
    end: int
    kind: str  # one of KINDS: decides the colour
    note: str = ""  # shown on hover: "2025-03-03", "quote: Helena Marsh"


def _is_high_surrogate(char: str) -> bool:
    return "\ud800" <= char <= "\udbff"


def snap(text: str, offset: int) -> int:
    """Return `offset` clamped to the text and moved off the middle of a surrogate pair."""
    offset = max(0, min(offset, len(text)))
    # Text decoded with surrogatepass may hold a pair as two code points; never cut between.
    if 0 < offset < len(text) and _is_high_surrogate(text[offset - 1]):
        offset -= 1
    return offset


def segments(text: str, spans: Iterable[Span]) -> list[tuple[int, int, tuple[Span, ...]]]:
    """Return the text cut at every span boundary: (start, end, spans covering that piece)."""
    clean = []
    for span in spans:
        start, end = snap(text, span.start), snap(text, span.end)
        if start < end:  # empty, inverted or wholly out-of-range spans are dropped
            clean.append(Span(start, end, span.kind, span.note))
    cuts = sorted({0, len(text)} | {s.start for s in clean} | {s.end for s in clean})
    # A sweep over the cuts: spans join when they start and leave when they end, so long
    # articles with many spans stay linear rather than testing every span at every cut.
    waiting = sorted(clean, key=lambda s: s.start)
    active: list[Span] = []
    pieces = []
    for start, end in pairwise(cuts):
        while waiting and waiting[0].start <= start:
            active.append(waiting.pop(0))
        active = [s for s in active if s.end > start]
        pieces.append((start, end, tuple(active)))
    return pieces


def _rank(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """Return `text` as HTML with each span wrapped in a <mark>, overlaps as combined classes.

    Each piece between two span boundaries becomes one flat <mark> naming every kind that
    covers it, so overlapping spans never produce crossed tags; each piece is escaped on its
    own, after cutting, so an entity like `&amp;` is never split.
    """
    out = []
    for start, end, covering in segments(text, spans):
        piece = text[start:end]
        if not covering:
            out.append(escape(piece))
            continue
        kinds = sorted({s.kind for s in covering}, key=_rank)
        ranked = sorted(covering, key=lambda s: _rank(s.kind))
        notes = list(dict.fromkeys(s.note for s in ranked if s.note))
        attrs = {"class": " ".join(f"hl-{k}" for k in kinds), "title": "\n".join(notes) or None}
        out.append(el("mark", attrs, piece))
    return Markup("".join(out))
