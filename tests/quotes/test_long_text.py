"""A very long article is read a piece at a time; its quotations keep whole-text offsets."""

import itertools

from storyline.model import Article, Entity, Quote
from storyline.quotes.extract import ExtractQuotes, text_pieces

PARAGRAPHS = (
    "Secretary of State Antony Blinken met reporters in Geneva on Friday.\n"
    "“We had a very candid exchange of views,” Blinken said.\n"
    "Sergei Lavrov said that Moscow would answer the proposals in writing next week.\n"
    "The talks ended after two hours, and both delegations left without a statement.\n"
)


def test_pieces_cover_the_text_and_end_at_line_breaks():
    text = PARAGRAPHS * 2000
    spans = text_pieces(text, size=10_000)
    assert spans[0][0] == 0
    assert spans[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in itertools.pairwise(spans))
    assert all(0 < end - start <= 10_000 for start, end in spans)
    assert all(text[end] == "\n" for _, end in spans[:-1])
    assert text_pieces("short text", size=10_000) == [(0, 10)]


def test_a_long_text_is_quoted_piece_by_piece(nlp):
    """An article cut into pieces gets every quotation, at its offsets in the whole text."""
    repeats = 60_000 // len(PARAGRAPHS)
    text = PARAGRAPHS * repeats
    article = Article(
        id="long", path="long.txt", file="long.txt", format="text", raw_text=text, text=text
    )
    out = list(ExtractQuotes(piece_chars=5_000)([article]))
    assert out[0] is article
    quotes = [r for r in out if isinstance(r, Quote)]
    # Two statements a paragraph block; a few may be lost where a cut splits a block.
    assert 2 * repeats - 15 <= len(quotes) <= 2 * repeats
    assert all(text[q.start : q.end] == q.text for q in quotes if not q.parts)
    assert all(text[q.speaker_start : q.speaker_end] == q.speaker for q in quotes)
    assert quotes[-1].start > 55_000  # offsets are the whole text's, not a piece's
    assert {q.speaker_entity for q in quotes} == {"Antony Blinken", "Sergei Lavrov"}
    assert "Antony Blinken" in {e.name for e in out if isinstance(e, Entity)}
