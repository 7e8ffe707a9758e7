"""Analyses of files named on the command line, read in memory without a store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

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


def quotes_in_file(path: Path) -> Iterator[Quote]:
    """Yield the quotations of each article in an input file, with offsets into its raw text.

    Quotations are found in the cleaned text, where chrome cannot pose as a speaker, then
    located in the text as read; one whose words cleaning changed keeps offsets -1.
    """
    from storyline.quotes.extract import find_quotes  # needs the spaCy extra

    for record in read_articles(path):
        if not isinstance(record, Article):
            continue
        cursor = 0
        for quote in find_quotes(record.text or record.raw_text, article=record.id):
            at = record.raw_text.find(quote.text, cursor)
            if at < 0:
                at = record.raw_text.find(quote.text)
            if at < 0:
                yield replace(quote, start=-1, end=-1, speaker_start=None, speaker_end=None)
                continue
            cursor = at
            speaker_at = _speaker_in_raw(record.raw_text, quote, at)
            yield replace(
                quote,
                start=at,
                end=at + len(quote.text),
                speaker_start=speaker_at,
                speaker_end=None if speaker_at is None else speaker_at + len(quote.speaker),
            )


def _speaker_in_raw(raw: str, quote: Quote, quote_at: int) -> int | None:
    """Return where the speaker as written is nearest to the quotation in the raw text."""
    if not quote.speaker:
        return None
    shift = quote_at - quote.start
    guess = (quote.speaker_start or quote.start) + shift
    before = raw.rfind(quote.speaker, 0, max(0, guess) + len(quote.speaker))
    after = raw.find(quote.speaker, max(0, guess))
    found = [at for at in (before, after) if at >= 0]
    return min(found, key=lambda x: abs(x - guess)) if found else None


def read_all_articles(paths: Iterable[Path]) -> list[Article]:
    """Read and clean every input under `paths`, in memory, without a store."""
    return [
        record
        for file in find_input_files(paths)
        for record in read_articles(file)
        if isinstance(record, Article)
    ]
