"""Tests on the five real seed articles: every quotation found, with the right named speaker."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.entities.mentions import find_entities
from storyline.entities.names import merge_entities
from storyline.model import Entity, Quote
from storyline.quotes._marks import find_quoted_spans
from storyline.quotes.extract import find_quotes
from storyline.quotes.lineage import canonical_speakers, group_quotes

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


@pytest.fixture(scope="module")
def seeds(nlp) -> tuple[dict[str, str], tuple[Quote, ...], tuple[Entity, ...]]:
    """Return the seed texts by number, their grouped quotations and merged entities."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    quotes: list[Quote] = []
    entities: list[Entity] = []
    for article, text in texts.items():
        doc = nlp(text)
        quotes += find_quotes(text, article=article, doc=doc)
        entities += find_entities(text, article=article, doc=doc)
    merged = merge_entities(entities)
    return texts, canonical_speakers(group_quotes(quotes), merged), merged


def _speaker(quotes: tuple[Quote, ...], article: str, words: str) -> str | None:
    found = [q for q in quotes if q.article == article and words in q.text]
    assert found, f"no quotation containing {words!r} in {article}"
    return found[0].speaker_entity


def test_every_quoted_passage_is_found(seeds):
    """Each passage of four or more words inside quotation marks belongs to a found quotation."""
    texts, quotes, _ = seeds
    for article, text in texts.items():
        for span in find_quoted_spans(text):
            if len(text[span.start : span.end].split()) >= 4:
                assert any(
                    q.article == article and q.start <= span.start < q.end for q in quotes
                ), (article, text[span.start : span.end])


@pytest.mark.parametrize(
    ("article", "words", "speaker"),
    [
        ("000", "We had a very direct", "Antony Blinken"),
        ("000", "It was serious", "Antony Blinken"),
        ("000", "I’m going to do the same", "Antony Blinken"),
        ("000", "the most serious consequences", "Sergei Lavrov"),
        ("001", "We had a very direct", "Antony Blinken"),
        ("001", "It was serious", "Antony Blinken"),
        ("001", "severe costs", "Antony Blinken"),
        ("001", "It’s now on Russia to de-escalate", "Antony Blinken"),
        ("001", "NATO has shot down proposals", "Sergei Lavrov"),
        ("001", "NATO continues its activity", "Sergei Lavrov"),
        ("002", "raised the possibility", "White House"),
        ("003", "Biden remains open", "Ned Price"),
        ("003", "new contacts between the Russian president", "Dmitry Peskov"),
        ("004", "he expects progress from the upcoming", "Joe Biden"),
        ("004", "I always look forward to negotiations", "Joe Biden"),
        ("004", "We will increase our presence", "Joe Biden"),
        ("004", "this does not threaten anyone", "Dmitry Peskov"),
    ],
)
def test_quotation_has_the_right_named_speaker(seeds, article, words, speaker):
    """Stockholm quotes are Blinken's and Lavrov's; the others go to the person who spoke."""
    assert _speaker(seeds[1], article, words) == speaker


def test_quotation_shared_by_000_and_001_is_one_group(seeds):
    """Blinken's Stockholm statement is one group across both articles, first seen in either."""
    _, quotes, _ = seeds
    for words in ("We had a very direct", "It was serious"):
        members = [q for q in quotes if words in q.text]
        assert {q.article for q in members} == {"000", "001"}
        assert len({q.group for q in members}) == 1
        assert members[0].first_seen in {"000", "001"}


def test_entities_merge_across_seeds_with_roles(seeds):
    """Lavrov and Blinken are one entity each across spellings, with their stated roles."""
    _, _, entities = seeds
    people = {e.name: e for e in entities if e.kind == "person"}
    assert {"Sergey Lavrov", "Lavrov"} <= set(people["Sergei Lavrov"].variants)
    assert "Anthony Blinken" in people["Antony Blinken"].variants
    assert "Russian Foreign Minister" in people["Sergei Lavrov"].roles
    assert {"000", "001", "003"} <= set(people["Sergei Lavrov"].articles)
