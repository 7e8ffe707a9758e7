"""Align two texts sentence by sentence, then word by word, keeping character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
import numpy.typing as npt

from storyline.dedup.shingles import Tokens, tokenize

# A sentence ends at . ! ? (plus closing quotes) before whitespace, or at a line break;
# "U.S." inside a sentence does not end it because no space follows its first dot.
SENTENCE = re.compile(r"\S(?:[^\n.!?]|[.!?]+(?=[^\s\"”’)]))*(?:[.!?]+[\"”’)]*)?")
# Opening and closing quotation marks of news text, including Penn-Treebank `` and ''.
QUOTE_SPAN = re.compile(r"“[^”]*”|\"[^\"]*\"|``.*?''", re.DOTALL)

MIN_PAIR_OVERLAP = 0.2  # word-set Jaccard below which two sentences are not compared at all
MIN_PAIR_RATIO = 0.45  # difflib ratio from which two sentences count as one rewritten
MAX_SENTENCES = 600  # longer texts are aligned on their first 600 sentences only
MAX_PHRASE = 3  # a replaced run longer than this is an edit, not a synonym swap
BODY_SENTENCE = 12  # shorter matched sentences may be chrome ("Copyright 2010 Site"): edits there
# do not make a copy a near copy


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its token range in the text's Tokens, and its word set."""

    first: int  # index of its first token
    last: int  # index after its last token
    words: frozenset[str]


@dataclass(frozen=True, slots=True)
class Alignment:
    """Matched sentences of a and b and what their word-level diffs found."""

    pairs: tuple[tuple[int, int, float], ...]  # (sentence in a, sentence in b, ratio)
    equal_a: frozenset[int]  # token indices of a copied exactly into b
    matched_a: frozenset[int]  # token indices of a inside matched sentences
    matched_b: frozenset[int]
    replaced: int  # tokens of a replaced by other words in b
    body_edits: int  # tokens replaced, inserted or deleted inside long matched sentences
    in_order: bool  # matched sentences come in the same order in both texts
    swaps: tuple[tuple[int, int, int, int], ...]  # token ranges a[i:j] -> b[k:l], short swaps


@dataclass(frozen=True, slots=True)
class Text:
    """A text prepared for alignment: tokens, sentences and which tokens sit in quotations."""

    raw: str
    tokens: Tokens
    sentences: tuple[Sentence, ...]
    quoted: frozenset[int]


def prepare(text: str) -> Text:
    """Tokenize `text`, split it into sentences and mark the quoted tokens."""
    tokens = tokenize(text)
    spans = [(m.start(), m.end()) for m in SENTENCE.finditer(text)][:MAX_SENTENCES]
    sentences, t = [], 0
    for start, end in spans:
        while t < len(tokens.starts) and tokens.starts[t] < start:
            t += 1
        first = t
        while t < len(tokens.starts) and tokens.starts[t] < end:
            t += 1
        if t > first:
            sentences.append(Sentence(first, t, frozenset(tokens.words[first:t])))
    return Text(text, tokens, tuple(sentences), quoted_tokens(text, tokens.starts))


def quoted_tokens(text: str, starts: tuple[int, ...]) -> frozenset[int]:
    """Return the indices of the tokens (by start offset) that sit inside quotation marks."""
    # Quotation spans come in order and do not overlap, so one sweep beside the tokens
    # finds them all: testing every span for every token grew with tokens x quotations.
    spans = [(m.start(), m.end()) for m in QUOTE_SPAN.finditer(text)]
    quoted, k = [], 0
    for i, start in enumerate(starts):
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        if k == len(spans):
            break
        if spans[k][0] <= start:
            quoted.append(i)
    return frozenset(quoted)


def overlapping_sentences(a: Text, b: Text) -> list[tuple[int, int]]:
    """Return the sentence pairs (i, j), in order, whose word sets overlap enough to compare.

    One matrix product counts the shared words of every pair: comparing the sets pair by
    pair in Python cost more than the alignment itself.
    """
    if not a.sentences or not b.sentences:
        return []
    shared = {w for s in a.sentences for w in s.words} & {w for s in b.sentences for w in s.words}
    if not shared:
        return []
    column = {w: k for k, w in enumerate(sorted(shared))}
    # Counts are small integers, exact in float64, so the ratios equal the set arithmetic's.
    inter = _incidence(a, column) @ _incidence(b, column).T
    size_a = np.array([len(s.words) for s in a.sentences], dtype=np.float64)
    size_b = np.array([len(s.words) for s in b.sentences], dtype=np.float64)
    union = size_a[:, None] + size_b[None, :] - inter
    keep = (inter > 0) & (inter / union >= MIN_PAIR_OVERLAP)
    return list(zip(*(k.tolist() for k in np.nonzero(keep)), strict=True))


def _incidence(text: Text, column: dict[str, int]) -> npt.NDArray[np.float64]:
    """Return the sentence-by-word 0/1 matrix of `text` over the words in `column`."""
    out = np.zeros((len(text.sentences), len(column)), dtype=np.float64)
    for row, sentence in enumerate(text.sentences):
        out[row, [column[w] for w in sentence.words if w in column]] = 1.0
    return out


def match_sentences(a: Text, b: Text) -> list[tuple[int, int, float]]:
    """Pair sentences of a and b one to one, best ratio first, keeping pairs above the floor."""
    scored = []
    for i, j in overlapping_sentences(a, b):
        sa, sb = a.sentences[i], b.sentences[j]
        wa = a.tokens.words[sa.first : sa.last]
        wb = b.tokens.words[sb.first : sb.last]
        ratio = SequenceMatcher(None, wa, wb, autojunk=False).ratio()
        if ratio >= MIN_PAIR_RATIO:
            scored.append((ratio, i, j))
    scored.sort(reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for ratio, i, j in scored:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j, ratio))
    return sorted(pairs)


def align(a: Text, b: Text) -> Alignment:
    """Align a and b: matched sentences, exactly copied words and swapped words."""
    pairs = match_sentences(a, b)
    equal_a: set[int] = set()
    matched_a: set[int] = set()
    matched_b: set[int] = set()
    replaced = edits = 0
    swaps = []
    for i, j, _ in pairs:
        sa, sb = a.sentences[i], b.sentences[j]
        matched_a.update(range(sa.first, sa.last))
        matched_b.update(range(sb.first, sb.last))
        wa = a.tokens.words[sa.first : sa.last]
        wb = b.tokens.words[sb.first : sb.last]
        ops = SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes()
        long = is_body(sa) and is_body(sb)
        for op, i1, i2, j1, j2 in ops:
            if op != "equal" and long:
                edits += max(i2 - i1, j2 - j1)
            if op == "equal":
                equal_a.update(range(sa.first + i1, sa.first + i2))
            elif op == "replace":
                replaced += i2 - i1
                if i2 - i1 <= MAX_PHRASE and j2 - j1 <= MAX_PHRASE:
                    swaps.append((sa.first + i1, sa.first + i2, sb.first + j1, sb.first + j2))
    order = [j for i, j, _ in pairs if is_body(a.sentences[i]) and is_body(b.sentences[j])]
    return Alignment(
        tuple(pairs),
        frozenset(equal_a),
        frozenset(matched_a),
        frozenset(matched_b),
        replaced,
        edits,
        order == sorted(order),
        tuple(swaps),
    )


def is_body(sentence: Sentence) -> bool:
    """Tell whether a sentence is long enough to be article body rather than page chrome."""
    return sentence.last - sentence.first >= BODY_SENTENCE


def body_coverage(text: Text, matched: frozenset[int]) -> float:
    """Return the share of tokens in body-length sentences of `text` that are in `matched`."""
    body = [range(s.first, s.last) for s in text.sentences if is_body(s)]
    total = sum(len(r) for r in body)
    return sum(1 for r in body for i in r if i in matched) / total if total else 0.0


def passages(
    a: Text, b: Text, pairs: tuple[tuple[int, int, float], ...]
) -> list[tuple[int, int, int, int]]:
    """Merge runs of consecutive matched sentences into character-offset passages."""
    out: list[list[int]] = []
    last: tuple[int, int] | None = None
    for i, j, _ in pairs:
        sa, sb = a.sentences[i], b.sentences[j]
        span = [
            a.tokens.starts[sa.first],
            a.tokens.ends[sa.last - 1],
            b.tokens.starts[sb.first],
            b.tokens.ends[sb.last - 1],
        ]
        if last is not None and out and (i, j) == (last[0] + 1, last[1] + 1):
            out[-1][1], out[-1][3] = span[1], span[3]
        else:
            out.append(span)
        last = (i, j)
    return [(s[0], s[1], s[2], s[3]) for s in out]
