"""The alignment's fast paths agree with their plain definitions on real article texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.dedup.align import MIN_PAIR_OVERLAP, QUOTE_SPAN, overlapping_sentences, prepare

DEMO = Path(__file__).resolve().parents[2] / "src" / "storyline" / "demo"
TEXTS = sorted(DEMO.glob("*.txt"))


def _plain_quoted(text: str) -> frozenset[int]:
    spans = [(m.start(), m.end()) for m in QUOTE_SPAN.finditer(text)]
    starts = prepare(text).tokens.starts
    return frozenset(i for i, s in enumerate(starts) if any(a <= s < b for a, b in spans))


def _plain_overlaps(a_text: str, b_text: str) -> list[tuple[int, int]]:
    a, b = prepare(a_text), prepare(b_text)
    return [
        (i, j)
        for i, sa in enumerate(a.sentences)
        for j, sb in enumerate(b.sentences)
        if len(sa.words & sb.words) / len(sa.words | sb.words) >= MIN_PAIR_OVERLAP
    ]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_quoted_tokens_are_those_inside_quotation_marks(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    quoted = prepare(text).quoted
    assert quoted == _plain_quoted(text)


def test_the_demo_has_quotations_to_find() -> None:
    assert sum(len(prepare(p.read_text(encoding="utf-8")).quoted) for p in TEXTS) > 100


def test_sentence_pairs_to_compare_match_the_set_arithmetic() -> None:
    texts = [p.read_text(encoding="utf-8") for p in TEXTS]
    compared = 0
    for a in texts:
        for b in texts:
            found = overlapping_sentences(prepare(a), prepare(b))
            assert found == _plain_overlaps(a, b)
            compared += len(found)
    assert compared > 1000


def test_no_sentences_no_pairs() -> None:
    assert overlapping_sentences(prepare(""), prepare("A sentence of words here.")) == []
