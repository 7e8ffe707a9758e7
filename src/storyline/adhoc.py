"""Analyses of files named on the command line, read in memory without a store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from storyline.clean.locate import Locator
from storyline.dedup.provenance import make_link, text_of
from storyline.dedup.verify import verify
from storyline.errors import InputError
from storyline.ingest.files import find_input_files
from storyline.ingest.read import read_input
from storyline.model import (
    Article,
    Link,
    Quote,
    Reject,
)
from storyline.pipeline import compose, ingest_stages


def read_articles(path: Path) -> Iterator[Article | Reject]:
    """Read one input file into cleaned articles and rejects, without a store."""
    for record in compose(*ingest_stages())(read_input(path)):
        if isinstance(record, Article | Reject):
            yield record


def read_one_article(path: Path) -> Article:
    """Return the first article of an input file, or raise InputError with the reason."""
    for record in read_articles(path):
        if isinstance(record, Article):
            return record
        raise InputError(f"{path}: {record.reason}")
    raise InputError(f"{path}: no article in it")


def compare_files(a_path: Path, b_path: Path) -> tuple[Article, Article, Link | None]:
    """Return the two files' articles and the link between them, or None if unrelated."""
    a, b = read_one_article(a_path), read_one_article(b_path)
    return a, b, make_link(a, b, verify(text_of(a), text_of(b)))


def quotes_in_file(path: Path, *, everything: bool = False) -> Iterator[Quote]:
    """Yield the quotations of each article in an input file, with offsets into its raw text.

    Quotations are found in the cleaned text, where chrome cannot pose as a speaker, then
    located in the text as read: `start`/`end` (and each part's span) index the raw text,
    and `text` holds the raw words there. Only speech, unless `everything`.
    """
    from storyline.quotes.extract import find_quotes  # needs the spaCy extra

    for record in read_articles(path):
        if not isinstance(record, Article):
            continue
        clean = record.text or record.raw_text
        locator = Locator(clean, record.raw_text)
        for quote in find_quotes(clean, article=record.id):
            if everything or quote.type == "speech":
                yield in_raw_text(quote, locator)


def in_raw_text(quote: Quote, locator: Locator) -> Quote:
    """Return a quotation found in cleaned text with its offsets and words in the raw text."""
    raw = locator.raw
    parts = tuple(locator.span(a, b) for a, b in quote.parts)
    start, end = locator.span(quote.start, quote.end)
    if parts:
        start, end = min(start, parts[0][0]), max(end, parts[-1][1])
        words = " ".join(raw[a:b] for a, b in parts)
    else:
        words = raw[start:end]
    speaker_start = speaker_end = None
    if quote.speaker_start is not None and quote.speaker_end is not None:
        speaker_start, speaker_end = locator.span(quote.speaker_start, quote.speaker_end)
    return replace(
        quote,
        start=start,
        end=end,
        text=words,
        parts=parts,
        speaker=raw[speaker_start:speaker_end] if speaker_start is not None else quote.speaker,
        speaker_start=speaker_start,
        speaker_end=speaker_end,
    )


def read_all_articles(paths: Iterable[Path]) -> list[Article]:
    """Read and clean every input under `paths`, in memory, without a store."""
    return [
        record
        for file in find_input_files(paths)
        for record in read_articles(file)
        if isinstance(record, Article)
    ]
