"""Align two texts sentence by sentence, then word by word, keeping character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

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
    quotes = [(m.start(), m.end()) for m in QUOTE_SPAN.finditer(text)]
    quoted = frozenset(i for i, s in enumerate(tokens.starts) if any(a <= s < b for a, b in quotes))
    return Text(text, tokens, tuple(sentences), quoted)


def match_sentences(a: Text, b: Text) -> list[tuple[int, int, float]]:
    """Pair sentences of a and b one to one, best ratio first, keeping pairs above the floor."""
    scored = []
    for i, sa in enumerate(a.sentences):
        wa = a.tokens.words[sa.first : sa.last]
        for j, sb in enumerate(b.sentences):
            union = len(sa.words | sb.words)
            if not union or len(sa.words & sb.words) / union < MIN_PAIR_OVERLAP:
                continue
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
