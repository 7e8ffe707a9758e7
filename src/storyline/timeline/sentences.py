"""Sentences of an article with their offsets, their content words, and how alike two are."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# A sentence ends at . ! or ? (maybe closed by a quote or bracket) before a capital or a quote.
BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words whose trailing period is not a full stop.
ABBREVIATIONS = _words(
    "mr mrs ms dr st jr sr gov sen rep gen lt col sgt capt adm prof rev no vs inc corp co ltd"
    " jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e"
)
WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
NUMBER = re.compile(r"\d")
# Function words carry no content; the list is short on purpose, so that negations stay.
STOPWORDS = _words(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves said says say also
    s 's t one two mr mrs ms lrb rrb"""
)
# Page furniture that reads like a dated sentence: reader comments ("At 07:11 am on 16 Jun
# 2010, Chris wrote:"), page stamps ("Published: March 19, 2025 · 5 min read"), captions.
FURNITURE = re.compile(
    r"\b\w+ (?:wrote|writes|commented|replied)\s*:|^(?:Published|Updated|Posted|Last updated"
    r"|First published)\b|\bmin(?:ute)? read\b|^(?:Photo|Image|Picture|Caption)\b\s*:?"
    r"|\((?:Photo|Image|Picture)s? (?:by|:)|\bReport abuse\b|\bGetty Images\b",
    re.IGNORECASE,
)
MIN_WORDS = 5  # shorter pieces are headlines, captions or bylines, not statements
MAX_WORDS = 60  # longer ones are usually several sentences run together by a bad split


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article: where it sits, its text and its content words."""

    article: str  # Article.id
    index: int  # position among the article's sentences, from 0
    start: int  # character offsets into the article's text
    end: int
    text: str
    words: tuple[str, ...]  # lowercased content words, in order

    @property
    def is_statement(self) -> bool:
        """Return whether the sentence is long enough to report something, and not a question."""
        count = len(WORD.findall(self.text))
        return MIN_WORDS <= count <= MAX_WORDS and not self.text.rstrip("\"'”’ ").endswith("?")


def is_furniture(text: str) -> bool:
    """Tell whether a line is a reader comment, a page stamp or a photo caption."""
    return FURNITURE.search(text) is not None


def content_words(text: str) -> tuple[str, ...]:
    """Return the lowercased words of `text` that are not function words or bare numbers."""
    found = (w.lower().replace("’", "'") for w in WORD.findall(text))
    return tuple(w for w in found if w not in STOPWORDS and not (len(w) < 2 and NUMBER.match(w)))


def _is_abbreviation(text: str, end: int) -> bool:
    """Return whether the period just before `end` closes an abbreviation or an initial."""
    before = text[max(0, end - 12) : end].rstrip("\"'”’)").rstrip(".").split()
    word = before[-1].lower() if before else ""
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return the [start, end) offsets of the sentences of `text`; a line break always ends one."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for boundary in BOUNDARY.finditer(text, line.start(), line.end()):
            if _is_abbreviation(text, boundary.start()):
                continue
            spans.append((start, boundary.start()))
            start = boundary.end()
        spans.append((start, line.end()))
    stripped = []
    for start, end in spans:
        piece = text[start:end]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            stripped.append((start + left, start + right))
    return stripped


def find_sentences(article_id: str, text: str) -> tuple[Sentence, ...]:
    """Return the sentences of one article's text, in order."""
    return tuple(
        Sentence(article_id, index, start, end, text[start:end], content_words(text[start:end]))
        for index, (start, end) in enumerate(split_sentences(text))
    )


def copy_key(text: str) -> str:
    """Return a key equal for two sentences that differ only in case, spacing or punctuation."""
    return " ".join(w.lower() for w in WORD.findall(text))


def inverse_frequencies(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    """Return each word's smoothed inverse document frequency over `documents`."""
    counts: Counter[str] = Counter()
    total = 0
    for words in documents:
        counts.update(set(words))
        total += 1
    return {word: math.log((1 + total) / (1 + n)) + 1.0 for word, n in counts.items()}


def weigh(words: Sequence[str], idf: Mapping[str, float]) -> dict[str, float]:
    """Return the unit-length tf-idf vector of `words`."""
    counts = Counter(words)
    vector = {w: n * idf.get(w, 1.0) for w, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {w: v / norm for w, v in vector.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Return the dot product of two unit-length sparse vectors (their cosine)."""
    if len(b) < len(a):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def centroid(vectors: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """Return the unit-length mean of sparse vectors."""
    total: dict[str, float] = defaultdict(float)
    for vector in vectors:
        for word, value in vector.items():
            total[word] += value
    norm = math.sqrt(sum(v * v for v in total.values()))
    return {w: v / norm for w, v in total.items()} if norm else {}
