"""Article to a sparse vector of weighted words and names, and the sums clusters keep."""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

from storyline.model import Article
from storyline.stories.text import find_names, find_terms, name_keys

Vector: TypeAlias = dict[str, float]  # feature -> weight; names are prefixed with NAME_MARK

NAME_MARK = "@"
TITLE_REPEAT = 2  # a headline word counts as much as two body words: it says what the story is
# Names weigh more than words: two articles naming the same people and places are far more
# likely to report the same happening than two sharing vocabulary.
NAME_WEIGHT = 1.5
# Frequencies are counted as if the articles seen so far came with this many more that hold
# none of their features: a folder about one story is a sample of a wider stream, where
# "oil" and "BP" are far less common than in the folder. Without it the words a whole folder
# shares weigh almost nothing, and its articles split into many storylines.
BACKGROUND_DOCUMENTS = 1000


@dataclass(slots=True)
class DocumentFrequencies:
    """How many articles each feature occurs in, over every article seen so far."""

    documents: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, features: Iterable[str]) -> None:
        """Count one more article holding `features` (each counted once)."""
        self.documents += 1
        self.counts.update(set(features))

    def copy(self) -> DocumentFrequencies:
        """Return an independent copy, to compare frequencies before and after a batch."""
        return DocumentFrequencies(self.documents, self.counts.copy())

    def idf(self, feature: str) -> float:
        """Return the smoothed inverse document frequency of `feature`, background included."""
        seen = 1 + BACKGROUND_DOCUMENTS + self.documents
        return math.log(seen / (1 + self.counts.get(feature, 0))) + 1.0


def text_of(article: Article) -> str:
    """Return the text clustering reads: the cleaned text, else the raw one."""
    return article.text or article.raw_text


def count_features(title: str, text: str, language: str | None = "en") -> Counter[str]:
    """Return the counts of stemmed words and folded name words of an article."""
    counts = Counter(find_terms(text, language))
    for _ in range(TITLE_REPEAT):
        counts.update(find_terms(title, language))
    for name in find_names(f"{title}\n{text}" if title else text):
        counts.update(NAME_MARK + key for key in name_keys(name))
    return counts


def count_article(article: Article) -> Counter[str]:
    """Return the feature counts of one article."""
    return count_features(article.title, text_of(article), article.language)


def weigh(counts: Mapping[str, int], df: DocumentFrequencies, keep: int) -> Vector:
    """Return the unit-length TF-IDF vector of `counts`, keeping its `keep` heaviest features.

    Term frequency is sublinear (1 + log tf), so a word repeated ten times counts about
    three times as much as one said once.
    """
    weights = {}
    for feature, n in counts.items():
        boost = NAME_WEIGHT if feature.startswith(NAME_MARK) else 1.0
        weights[feature] = (1.0 + math.log(n)) * df.idf(feature) * boost
    return normalized(top(weights, keep))


def top(vector: Mapping[str, float], keep: int) -> Vector:
    """Return the `keep` heaviest features of `vector` (ties broken by feature, for stability)."""
    if len(vector) <= keep:
        return dict(vector)
    return dict(heapq.nsmallest(keep, vector.items(), key=lambda kv: (-kv[1], kv[0])))


def norm(vector: Mapping[str, float]) -> float:
    """Return the Euclidean length of `vector`."""
    return math.sqrt(sum(w * w for w in vector.values()))


def normalized(vector: Mapping[str, float]) -> Vector:
    """Return `vector` scaled to unit length (an empty vector stays empty)."""
    length = norm(vector)
    return {f: w / length for f, w in vector.items()} if length else {}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Return the dot product of two sparse vectors."""
    if len(b) < len(a):
        a, b = b, a
    return sum(w * b.get(f, 0.0) for f, w in a.items())


def add_into(total: Vector, vector: Mapping[str, float], scale: float = 1.0) -> None:
    """Add `scale` times `vector` into `total`, dropping features that fall to zero."""
    for feature, weight in vector.items():
        value = total.get(feature, 0.0) + scale * weight
        if value > 1e-9:
            total[feature] = value
        else:
            total.pop(feature, None)
