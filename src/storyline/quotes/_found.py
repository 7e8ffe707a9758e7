"""An attribution as found, before its speaker is resolved, and the tests of a quoted statement."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.model import QuoteKind
from storyline.quotes._marks import QuotedSpan

INLINE_SPACE = " \t\u00a0\u2009\u202f"  # whitespace that does not break a line
TITLE_SMALL_WORDS = frozenset({"the", "a", "an", "of", "and", "in", "on", "for", "to", "at", "by"})
MAX_TITLE_WORDS = 5  # "Meet the Press", "Sunday Morning Futures": not statements


@dataclass(frozen=True, slots=True)
class Found:
    """A quotation before its speaker is resolved."""

    start: int
    end: int
    kind: QuoteKind
    cue: str = ""
    speaker: tuple[int, int] | None = None
    follows: bool = False  # a continuation that inherits the previous quotation's speaker
    cue_at: int = -1  # character position of the cue


def starts_sentence(text: str, pos: int) -> bool:
    """Tell whether `pos` starts a paragraph or a sentence."""
    # Spaces, tabs and no-break spaces (scraped text is full of them), not line breaks;
    # a local slice, since the article is long.
    before = text[max(0, pos - 80) : pos].rstrip(INLINE_SPACE) or text[:pos].rstrip(INLINE_SPACE)
    return not before or before.endswith("\n") or before[-1] in '.!?:”"'


def is_statement(text: str, span: QuotedSpan, min_words: int) -> bool:
    """Tell a quoted statement from a scare-quoted phrase or a title ("Good Morning America")."""
    words = text[span.start : span.end].split()
    if len(words) < min_words:
        return False
    # Programme and book titles are short runs of capitalised words.
    return len(words) > MAX_TITLE_WORDS or not all(
        w[:1].isupper() or not w[:1].isalpha() or w in TITLE_SMALL_WORDS for w in words
    )
