"""Text to normalised word tokens and hashed shingles, exact and spin-resistant."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from hashlib import blake2b
from itertools import islice

import numpy as np
import numpy.typing as npt

# Words joined by apostrophes stay one token ("Russia's", "don't"); everything else splits.
WORD = re.compile(r"\w+(?:['’]\w+)*")

# Function words survive synonym spinning: spinners swap content words and keep the grammar.
_FUNCTION_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either few for
    from further had has have having he her here hers herself him himself his how i if in into is
    it its itself just may me might more most must my myself no nor not now of off on once only or
    other our ours ourselves out over own same shall she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up upon us
    very was we were what when where which while who whom whose why will with within without would
    yet you your yours yourself yourselves s t
"""
STOP_WORDS = frozenset(_FUNCTION_WORDS.split())

# The placeholder for a run of content words in a skeleton; a run, not a word, so that
# one-to-many swaps ("year" -> "12 months") leave the skeleton unchanged.
GAP = "_"

MASK64 = (1 << 64) - 1
SHINGLE_BASE = np.uint64(0x9E3779B97F4A7C15)  # odd golden-ratio constant for the polynomial hash


@dataclass(frozen=True, slots=True)
class Tokens:
    """The words of a text, lowercased, with their character offsets in the original."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    capitalised: tuple[bool, ...]  # as written: names and sentence starts


def tokenize(text: str) -> Tokens:
    """Split `text` into lowercased words, keeping where each one was."""
    matches = list(WORD.finditer(text))
    return Tokens(
        words=tuple(m[0].lower().replace("’", "'") for m in matches),
        starts=tuple(m.start() for m in matches),
        ends=tuple(m.end() for m in matches),
        capitalised=tuple(m[0][:1].isupper() for m in matches),
    )


@lru_cache(maxsize=1 << 20)
def hash_word(word: str) -> int:
    """Return a 64-bit hash of `word` that is the same in every process and run."""
    return int.from_bytes(blake2b(word.encode(), digest_size=8).digest(), "little")


def hash_words(words: tuple[str, ...] | list[str]) -> npt.NDArray[np.uint64]:
    """Return the stable 64-bit hashes of `words` as an array."""
    return np.fromiter((hash_word(w) for w in words), dtype=np.uint64, count=len(words))


def mix64(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """Scramble 64-bit values (splitmix64 finaliser) so polynomial hashes lose their structure."""
    x = x ^ (x >> np.uint64(30))  # a new array; the rest works in place on it
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


def shingle_hashes(word_hashes: npt.NDArray[np.uint64], size: int) -> npt.NDArray[np.uint64]:
    """Return one hash per window of `size` consecutive word hashes (all of them if fewer)."""
    n = len(word_hashes)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    size = min(size, n)
    count = n - size + 1
    # In place, so that a text of millions of words costs a few arrays of its size, not ten.
    acc = word_hashes[:count].copy()
    for i in range(1, size):
        acc *= SHINGLE_BASE
        acc += word_hashes[i : i + count]
    acc = mix64(acc)
    acc.sort()
    return acc[np.concatenate(([True], acc[1:] != acc[:-1]))]


def skeleton(tokens: Tokens) -> list[str]:
    """Return the spin-resistant skeleton: function words, numbers and names, gaps for the rest.

    Names are capitalised words not at a sentence start (approximated as: not preceded by a
    token ending a sentence, which the tokenizer drops, so we accept any capitalised word
    after the first); runs of other words collapse into one gap.
    """
    out: list[str] = []
    for i, word in enumerate(tokens.words):
        if _in_skeleton(word, tokens.capitalised[i] and i > 0):
            out.append(word)
        elif not out or out[-1] != GAP:
            out.append(GAP)
    return out


def _in_skeleton(word: str, name: bool) -> bool:
    """Tell whether a skeleton keeps a lowercased word: a function word, a number or a name."""
    return word in STOP_WORDS or word.isdigit() or name


# Words hashed per chunk: a very long text never becomes one Python string per word at once.
_CHUNK_WORDS = 1 << 16


def _hashed_words(text: str) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.bool_]]:
    """Return the hashes of the words of `text` and which of them a skeleton keeps."""
    matches = WORD.finditer(text)
    hashes, kept = [], []
    first = True
    while chunk := [m[0] for m in islice(matches, _CHUNK_WORDS)]:
        words = [w.lower().replace("’", "'") for w in chunk]
        hashes.append(hash_words(words))
        keep = [_in_skeleton(w, raw[:1].isupper()) for w, raw in zip(words, chunk, strict=True)]
        if first:  # a capital on the first word is the sentence's, not a name's
            keep[0] = _in_skeleton(words[0], name=False)
            first = False
        kept.append(np.array(keep, dtype=bool))
    if not hashes:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=bool)
    return np.concatenate(hashes), np.concatenate(kept)


def _skeleton_hashes(
    hashes: npt.NDArray[np.uint64], kept: npt.NDArray[np.bool_]
) -> npt.NDArray[np.uint64]:
    """Return the hashes of the skeleton: kept words, and one gap for each run of the others."""
    opens_gap = ~kept & np.concatenate(([True], kept[:-1]))
    gap = np.uint64(hash_word(GAP))
    return np.where(kept, hashes, gap)[kept | opens_gap]


def both_shingles(
    text: str, size: int = 5, skeleton_size: int = 8
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """Return the exact and skeleton shingles of `text`, tokenizing once (no offsets kept)."""
    hashes, kept = _hashed_words(text)
    return shingle_hashes(hashes, size), shingle_hashes(
        _skeleton_hashes(hashes, kept), skeleton_size
    )


def word_shingles(text: str, size: int = 5) -> npt.NDArray[np.uint64]:
    """Return the distinct hashed word `size`-grams of `text`: the exact-copy signal."""
    return shingle_hashes(_hashed_words(text)[0], size)


def skeleton_shingles(text: str, size: int = 8) -> npt.NDArray[np.uint64]:
    """Return the distinct hashed `size`-grams of the skeleton of `text`: the spun-copy signal."""
    return shingle_hashes(_skeleton_hashes(*_hashed_words(text)), size)
