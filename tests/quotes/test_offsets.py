"""Every quotation's offsets give back its words: in the text parsed, and in the raw text."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.adhoc import in_raw_text, quotes_in_file, read_articles
from storyline.clean.locate import Locator
from storyline.model import Article, Quote
from storyline.quotes.extract import find_quotes

POLNEAR_DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "polnear" / "dev"


def check_offsets(quote: Quote, text: str) -> None:
    """Assert `text[start:end]` is the quotation's words (its parts' words when split)."""
    assert 0 <= quote.start < quote.end <= len(text), quote
    if quote.parts:
        assert all(quote.start <= a < b <= quote.end for a, b in quote.parts), quote
        assert quote.text == " ".join(text[a:b] for a, b in quote.parts), quote
    else:
        assert text[quote.start : quote.end] == quote.text, quote
    if quote.speaker_start is not None:
        assert quote.speaker_end is not None
        assert text[quote.speaker_start : quote.speaker_end] == quote.speaker, quote


def test_offsets_in_a_file_whose_cleaning_changed_words(nlp, tmp_path):
    """Typographic and PTB marks, doubled spaces and a zero-width space: offsets still hold."""
    path = tmp_path / "article.txt"
    path.write_text(
        "The   council met on Monday.\n\n"
        "“We will  rebuild the bridge by spring,” Mayor Ann Lo said. “It is our first job.”\n\n"
        "``The money is there,'' said Tom Reyes, the\u200b city treasurer.\n\n"
        "Reyes said the budget\u00a0would  grow by 4 percent next year.\n",
        encoding="utf-8",
    )
    raw = next(r for r in read_articles(path) if isinstance(r, Article)).raw_text
    quotes = list(quotes_in_file(path))
    assert len(quotes) >= 3
    for quote in quotes:
        check_offsets(quote, raw)
    split = next(q for q in quotes if q.parts)
    assert [raw[a:b] for a, b in split.parts] == [
        "We will  rebuild the bridge by spring,",
        "It is our first job.",
    ]
    assert any("money is there" in q.text for q in quotes)


@pytest.mark.slow
def test_offsets_hold_for_every_polnear_dev_quotation(nlp):
    """In every PolNeAR dev article, every quotation's offsets give its words back."""
    files = sorted((POLNEAR_DEV / "text").glob("*.txt"))
    if not files:
        pytest.skip(f"PolNeAR dev not found at {POLNEAR_DEV}")
    checked = 0
    for path in files:
        for article in read_articles(path):
            if not isinstance(article, Article):
                continue
            clean = article.text or article.raw_text
            locator = Locator(clean, article.raw_text)
            for quote in find_quotes(clean, nlp=nlp):  # the store: offsets into `text`
                check_offsets(quote, clean)
                check_offsets(in_raw_text(quote, locator), article.raw_text)  # `quotes`
                checked += 1
    assert checked > 1000
