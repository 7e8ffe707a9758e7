"""Detect the language of a text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from typing import Any

from storyline.model import Article, Record

MIN_CHARS = 40  # below this, identifiers guess; better to say unknown
SAMPLE_CHARS = 4000  # the opening of an article decides its language; the rest costs time


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier  # ships in the wheel

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, min_confidence: float = 0.5) -> str | None:
    """Return the ISO 639-1 code of `text`'s language, or None when too short or unsure."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return None
    language, confidence = _identifier().classify(sample)
    return str(language) if confidence >= min_confidence else None


def detect_languages(records: Iterable[Record]) -> Iterator[Record]:
    """Set the language of each article from its title and cleaned text."""
    for record in records:
        if isinstance(record, Article):
            record = replace(record, language=detect_language(f"{record.title}\n{record.text}"))
        yield record
