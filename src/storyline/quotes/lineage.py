"""Quote lineage: the same quotation across articles, where it was first seen, what changed."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from difflib import SequenceMatcher

from storyline.entities.words import is_name
from storyline.model import Entity, Quote

WORD = re.compile(r"[\w’']+")
SHINGLE_WORDS = 4  # shared runs of four words make a candidate pair; shorter runs are common
# Share of the shorter quotation's words found in order in the longer one, so a trimmed
# or lightly edited quotation still matches its source.
MIN_CONTAINMENT = 0.6
MIN_WORDS = 4  # shorter quotations ("near future") are phrases anyone may use


def _words(text: str) -> list[str]:
    """Return the lowercased words of a quotation, apostrophes unified."""
    return [w.replace("’", "'") for w in WORD.findall(text.lower())]


def containment(a: Sequence[str], b: Sequence[str]) -> float:
    """Return the share of the shorter word sequence matched, in order, by the other."""
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / min(len(a), len(b))


def changed_words(original: Sequence[str], copy: Sequence[str]) -> tuple[str, ...]:
    """Return the words of `copy` that replace or add to `original` where the two overlap."""
    ops = SequenceMatcher(None, original, copy, autojunk=False).get_opcodes()
    equal = [i for i, op in enumerate(ops) if op[0] == "equal"]
    if not equal:
        return ()
    # Words before the first or after the last shared run are trimming, not changes.
    inner = ops[equal[0] : equal[-1] + 1]
    return tuple(
        w for tag, _, _, j1, j2 in inner if tag in {"replace", "insert"} for w in copy[j1:j2]
    )


class _Groups:
    """Union-find over quotation indexes."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        """Return the representative of `i`'s group."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        """Put `i` and `j` in one group."""
        self.parent[self.find(i)] = self.find(j)


def _candidate_pairs(words: list[list[str]], quotes: Sequence[Quote]) -> set[tuple[int, int]]:
    """Return index pairs of quotations from different articles sharing a run of words."""
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        for k in range(max(0, len(ws) - SHINGLE_WORDS + 1)):
            index[tuple(ws[k : k + SHINGLE_WORDS])].append(i)
    pairs = set()
    for members in index.values():
        for a in members:
            for b in members:
                if a < b and quotes[a].article != quotes[b].article:
                    pairs.add((a, b))
    return pairs


def group_quotes(
    quotes: Iterable[Quote], published_at: Mapping[str, datetime | None] | None = None
) -> tuple[Quote, ...]:
    """Return `quotes` with `group`, `first_seen` and `changed` filled across articles.

    Needs every quotation at once. Two quotations from different articles join one group
    when most words of the shorter appear in order in the longer; groups are transitive.
    The first-seen article is the earliest published (by `published_at`, article id to
    aware datetime); when no dates are known it is the first article in input order.
    """
    quotes = list(quotes)
    published_at = published_at or {}
    words = [_words(q.text) for q in quotes]
    groups = _Groups(len(quotes))
    for a, b in _candidate_pairs(words, quotes):
        if min(len(words[a]), len(words[b])) >= MIN_WORDS and (
            containment(words[a], words[b]) >= MIN_CONTAINMENT
        ):
            groups.union(a, b)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(quotes)):
        members[groups.find(i)].append(i)
    result = list(quotes)
    for indexes in members.values():
        first = min(indexes, key=lambda i: _when(published_at.get(quotes[i].article), i))
        group_id = _group_id(quotes[first])
        origin = quotes[first].article
        # The first article may split the statement in pieces: compare with all of them.
        original = [w for i in sorted(indexes) if quotes[i].article == origin for w in words[i]]
        for i in indexes:
            changed = changed_words(original, words[i]) if quotes[i].article != origin else ()
            result[i] = replace(
                quotes[i], group=group_id, first_seen=quotes[first].article, changed=changed
            )
    return tuple(result)


def _when(published: datetime | None, order: int) -> tuple[int, float, int]:
    """Sort key: dated quotations by date first, undated ones after them in input order."""
    return (0, published.timestamp(), order) if published else (1, 0.0, order)


def _group_id(quote: Quote) -> str:
    """Return a stable group id from the first-seen quotation's article and position."""
    return hashlib.sha1(f"{quote.article}:{quote.start}:{quote.end}".encode()).hexdigest()[:16]


def canonical_speakers(quotes: Iterable[Quote], entities: Iterable[Entity]) -> tuple[Quote, ...]:
    """Return `quotes` with each resolved speaker renamed to its entity's corpus-wide name."""
    lookup = {variant: e.name for e in entities for variant in e.variants}
    return tuple(_renamed(q, lookup) for q in quotes)


def _renamed(quote: Quote, lookup: Mapping[str, str]) -> Quote:
    """Return a quotation with its speaker's corpus-wide name, or none if it names nobody."""
    if not quote.speaker_entity:
        return quote
    name = lookup.get(quote.speaker_entity, quote.speaker_entity)
    # A recognizer's mistake ("paul", "Tell Obama") must not pass for a speaker.
    return replace(quote, speaker_entity=name if is_name(name) else None)
