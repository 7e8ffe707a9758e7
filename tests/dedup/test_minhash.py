"""Tests for shingles and the numpy MinHash / LSH index."""

import numpy as np

from storyline.dedup import shingles
from storyline.dedup.minhash import (
    BATCH_SHINGLES,
    MinHasher,
    band_keys,
    column_pairs,
    estimate_jaccard,
)
from storyline.dedup.shingles import (
    both_shingles,
    hash_words,
    shingle_hashes,
    skeleton,
    skeleton_shingles,
    tokenize,
    word_shingles,
)


def test_shingles_are_stable_and_case_insensitive():
    """The same words give the same shingle hashes whatever their case."""
    a = word_shingles("The Senate passed the bill on Tuesday after a long debate.")
    b = word_shingles("the senate passed the bill on tuesday after a long debate")
    assert np.array_equal(a, b)


def test_skeleton_keeps_function_words_and_names_only():
    """Content words collapse into gaps, so a one-to-many synonym swap changes nothing."""
    one = skeleton(tokenize("They met earlier this year in Geneva."))
    two = skeleton(tokenize("They met earlier this 12 months in Geneva."))
    assert one[:3] == ["they", "_", "this"]
    assert "geneva" in one
    assert skeleton_shingles("They met earlier this year in Geneva.").size > 0
    assert one != two  # "12" is a number and kept; plain word swaps are what collapses
    assert skeleton(tokenize("the meeting of the board")) == skeleton(
        tokenize("the assembly of the board")
    )


def test_minhash_estimates_jaccard_within_tolerance():
    """Signature agreement is close to the true Jaccard similarity of two sets."""
    hasher = MinHasher(num_perm=256, seed=3)
    x = np.arange(0, 1000, dtype=np.uint64) * np.uint64(2654435761)
    y = np.arange(500, 1500, dtype=np.uint64) * np.uint64(2654435761)
    sig = hasher.signatures([x, y])
    assert abs(float(estimate_jaccard(sig[0], sig[1])) - 1 / 3) < 0.1


def test_batches_give_the_same_signatures_as_single_sets():
    """Hashing many sets in one batch equals hashing each alone."""
    hasher = MinHasher(num_perm=64)
    sets = [np.arange(n, dtype=np.uint64) for n in (5, 0, 40)]
    batch = hasher.signatures(sets)
    for one, row in zip(sets, batch, strict=True):
        assert np.array_equal(hasher.signature(one), row)


def test_lsh_pairs_similar_and_not_dissimilar_sets():
    """Near-identical sets share a band; disjoint ones do not."""
    hasher = MinHasher()
    base = np.arange(1000, dtype=np.uint64)
    sigs = hasher.signatures([base, base[:950], base + np.uint64(10**6), np.zeros(0, np.uint64)])
    keys = band_keys(sigs, bands=42, rows=3)
    ids = np.arange(len(sigs), dtype=np.int64)
    pairs = np.unique(
        np.concatenate([column_pairs(keys[:, b], ids, 50) for b in range(42)]), axis=0
    )
    assert pairs.tolist() == [[0, 1]]
    assert np.flatnonzero(np.any(keys == keys[1], axis=1)).tolist() == [0, 1]


def test_a_set_larger_than_a_batch_gets_the_signature_of_one_pass():
    """A very long text is hashed a batch at a time; its signature is the one-pass one."""
    hasher = MinHasher()
    big = np.random.default_rng(7).integers(0, 2**63, size=3 * BATCH_SHINGLES + 5, dtype=np.uint64)
    one_pass = hasher._hashed(big).min(axis=0).astype(np.uint32)
    assert np.array_equal(hasher.signature(big), one_pass)
    small = big[:10]
    both = hasher.signatures([small, big, small])
    assert np.array_equal(both[1], one_pass)
    assert np.array_equal(both[0], hasher.signature(small))


def test_words_hashed_a_chunk_at_a_time_give_the_shingles_of_the_whole_text(monkeypatch):
    """A long text is hashed in chunks of words; chunk ends change no shingle of either kind."""
    text = (
        "Floodwater reached the Old Mill Road bridge at 4 a.m., and Harbour Council closed it. "
        "Engineers from Calder Works said the deck was sound but the approach had washed out. "
    ) * 7
    words, kept = tokenize(text).words, skeleton(tokenize(text))
    whole = both_shingles(text)
    monkeypatch.setattr(shingles, "_CHUNK_WORDS", 4)  # cuts inside names and gaps
    assert [a.tolist() for a in both_shingles(text)] == [a.tolist() for a in whole]
    assert word_shingles(text).tolist() == shingle_hashes(hash_words(words), 5).tolist()
    assert skeleton_shingles(text).tolist() == shingle_hashes(hash_words(kept), 8).tolist()
