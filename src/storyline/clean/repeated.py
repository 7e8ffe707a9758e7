"""Learn lines that a source repeats across its articles, and remove them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

MIN_ARTICLES = 3  # a line must recur in at least this many articles of one source
MIN_SHARE = 0.3  # ... and in this share of them: nav and footers recur in nearly all
MAX_WORDS = 30  # chrome lines are short; long shared paragraphs are content (a story's background)


def find_repeated_lines(
    texts: Iterable[str],
    *,
    min_articles: int = MIN_ARTICLES,
    min_share: float = MIN_SHARE,
    max_words: int = MAX_WORDS,
) -> dict[str, int]:
    """Return {line: number of texts it occurs in} for lines repeated across one source's texts."""
    seen: Counter[str] = Counter()
    total = 0
    for text in texts:
        total += 1
        # Only short lines can be learnt: counting paragraphs too would grow with the source.
        seen.update(
            {
                ln
                for line in text.split("\n")
                if (ln := line.strip()) and len(ln.split()) <= max_words
            }
        )
    floor = max(min_articles, min_share * total)
    return {line: n for line, n in seen.items() if n >= floor and len(line.split()) <= max_words}


def remove_lines(text: str, lines: set[str] | frozenset[str]) -> str:
    """Return `text` without the given lines, and without blank runs they leave behind."""
    kept = [line for line in text.split("\n\n") if line.strip() not in lines]
    return "\n\n".join(kept)
