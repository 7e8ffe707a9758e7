"""Decide how two texts are related: copy, near copy, spun rewrite, same event, or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from storyline.dedup.align import Alignment, Text, align, body_coverage, passages, prepare
from storyline.model import Evidence, Passage, Relation, Substitution

MIN_CONTAINMENT = 0.6  # share of the shorter text (outside quotations) that must be aligned
COPY_COVERAGE = 0.95  # share of both bodies aligned, with nothing edited: a verbatim copy
MAX_EDIT_SHARE = 0.04  # swapped words beyond this share of aligned words mean spinning
MIN_SWAPS = 3  # fewer swapped words is an edit, not a spin
MIN_SHARED_WORDS = 8  # a shared passage shorter than this (a stock phrase) links nothing
BODY_SENTENCE_WORDS = 12  # shorter lines are headlines, datestamps, bylines and chrome
MIN_FACT_SWAPS = 3  # swaps of names or numbers from which texts may tell different stories
MAX_SUBSTITUTIONS = 200  # evidence kept per link; enough to check, small enough to store


@dataclass(frozen=True, slots=True)
class Verdict:
    """The relation between two texts, its score, evidence, and the measures behind it."""

    relation: Relation | None
    score: float
    evidence: Evidence
    coverage_a: float  # share of a's unquoted words in sentences aligned with b
    coverage_b: float
    edit_share: float  # share of aligned words of a replaced by other words in b


def coverage(text: Text, matched: frozenset[int]) -> float:
    """Return the share of unquoted tokens of `text` that are in `matched`."""
    # Both sets hold token indices, so the counts come from set arithmetic, not a loop.
    free = len(text.tokens.words) - len(text.quoted)
    if not free:
        return 0.0
    return len(matched - text.quoted) / free


def evidence(a: Text, b: Text, alignment: Alignment, with_swaps: bool) -> Evidence:
    """Build the checkable evidence: aligned passages, and swapped words when asked."""
    found = tuple(Passage(*p) for p in passages(a, b, alignment.pairs))
    if not with_swaps:
        return Evidence(passages=found)
    ta, tb = a.tokens, b.tokens
    swaps = tuple(
        Substitution(
            a.raw[ta.starts[i] : ta.ends[j - 1]],
            b.raw[tb.starts[k] : tb.ends[m - 1]],
            ta.starts[i],
            tb.starts[k],
        )
        for i, j, k, m in alignment.swaps[:MAX_SUBSTITUTIONS]
    )
    return Evidence(passages=found, substitutions=swaps)


def _is_fact(text: Text, first: int, last: int, sentence_starts: frozenset[int]) -> str:
    """Return the swapped words if they state a fact (a number or a name), else ""."""
    words = text.tokens.words[first:last]
    if any(ch.isdigit() for w in words for ch in w):
        return " ".join(words)
    names = all(text.tokens.capitalised[i] for i in range(first, last))
    return " ".join(words) if names and first not in sentence_starts else ""


def fact_swaps(a: Text, b: Text, alignment: Alignment) -> tuple[int, int]:
    """Count body swaps, and those among them that change a number or a name.

    Only swaps inside body sentences count: chrome lines (datestamps, site names) differ
    between any two sites carrying the same story.
    """
    starts_a = frozenset(s.first for s in a.sentences)
    starts_b = frozenset(s.first for s in b.sentences)
    body = frozenset(
        i
        for s in a.sentences
        if s.last - s.first >= BODY_SENTENCE_WORDS
        for i in range(s.first, s.last)
    )
    swaps = facts = 0
    for i, j, k, m in alignment.swaps:
        if i not in body:
            continue
        swaps += 1
        fact_a, fact_b = _is_fact(a, i, j, starts_a), _is_fact(b, k, m, starts_b)
        if fact_a and fact_b and fact_a != fact_b:
            facts += 1
    return swaps, facts


def is_template(a: Text, b: Text, alignment: Alignment) -> bool:
    """Tell whether two texts fill one template with other facts: different stories.

    Spinners swap common words; an updated reprint changes a figure or two. When most
    swaps, and at least three, change names or numbers, the texts report other things.
    """
    swaps, facts = fact_swaps(a, b, alignment)
    return facts >= MIN_FACT_SWAPS and 2 * facts >= swaps


def classify(a: Text, b: Text, alignment: Alignment) -> Relation | None:
    """Map alignment measures to a copy-like relation, or None when the texts differ."""
    cov_a, cov_b = coverage(a, alignment.matched_a), coverage(b, alignment.matched_b)
    edit_share = alignment.replaced / max(1, len(alignment.matched_a))
    if max(cov_a, cov_b) < MIN_CONTAINMENT or is_template(a, b, alignment):
        return None
    if edit_share > MAX_EDIT_SHARE and len(alignment.swaps) >= MIN_SWAPS:
        return "spun"
    # A copy keeps every body sentence, in order, word for word; chrome lines may differ.
    untouched = alignment.body_edits == 0 and alignment.in_order
    body = min(body_coverage(a, alignment.matched_a), body_coverage(b, alignment.matched_b))
    if body >= COPY_COVERAGE and untouched:
        return "copy"
    return "near_copy"


# Linking verifies each text against several candidates in a row (pairs come sorted): keep
# the last few prepared, as tokenizing was most of a verification's cost.
_prepared = lru_cache(maxsize=64)(prepare)


def verify(a_text: str, b_text: str) -> Verdict:
    """Compare two texts and return their relation, score and evidence.

    Coverage counts only words outside quotation marks, so two independent reports that
    quote the same statement are `same_event`, not copies. Spun rewrites are told from
    near copies by the share of aligned words swapped for others.
    """
    a, b = _prepared(a_text), _prepared(b_text)
    alignment = align(a, b)
    cov_a, cov_b = coverage(a, alignment.matched_a), coverage(b, alignment.matched_b)
    edit_share = alignment.replaced / max(1, len(alignment.matched_a))
    relation = classify(a, b, alignment)
    if relation is not None:
        score = max(cov_a, cov_b) * (1 - edit_share if relation != "spun" else 1.0)
        return Verdict(
            relation,
            round(score, 3),
            evidence(a, b, alignment, relation == "spun"),
            cov_a,
            cov_b,
            edit_share,
        )
    # Below containment, a shared sentence or quotation still ties two reports to one event;
    # sharing only names or a topic is the story clusterer's business, not provenance.
    if len(alignment.equal_a) >= MIN_SHARED_WORDS:
        score = len(alignment.equal_a) / max(1, len(a.tokens.words))
        return Verdict(
            "same_event",
            round(score, 3),
            evidence(a, b, alignment, False),
            cov_a,
            cov_b,
            edit_share,
        )
    return Verdict(None, 0.0, Evidence(), cov_a, cov_b, edit_share)
