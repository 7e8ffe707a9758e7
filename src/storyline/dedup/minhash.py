"""MinHash signatures, computed in vectorised batches, and LSH band keys and pairs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from storyline.dedup.shingles import mix64

EMPTY = np.uint32(0xFFFFFFFF)  # the signature value of a text with no shingles
BATCH_SHINGLES = 32_768  # rows hashed at once: 32k x 128 x 8 bytes = 32 MB of scratch


@dataclass(frozen=True, slots=True)
class MinHasher:
    """Turn sets of 64-bit shingle hashes into `num_perm` 32-bit MinHash values.

    Each permutation is a multiply-shift hash `(a * x + b) >> 32` over 64-bit integers
    (Dietzfelbinger et al.), a 2-independent family that needs no modulo, so numpy computes
    it for a whole batch of shingles and permutations at once. The share of equal values in
    two signatures estimates the Jaccard similarity of the two sets with standard error
    sqrt(J(1-J)/num_perm), about 0.04 at J=0.5 with 128 permutations.
    """

    num_perm: int = 128
    seed: int = 1
    a: npt.NDArray[np.uint64] = field(init=False, repr=False, compare=False)
    b: npt.NDArray[np.uint64] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.num_perm < 1:
            raise ValueError(f"num_perm must be positive, got {self.num_perm}")
        rng = np.random.default_rng(self.seed)
        odd = rng.integers(0, 2**63, size=self.num_perm, dtype=np.uint64)
        a = odd * np.uint64(2) + np.uint64(1)  # multiply-shift needs odd multipliers
        b = rng.integers(0, 2**63, size=self.num_perm, dtype=np.uint64)
        object.__setattr__(self, "a", a)  # frozen: derived once from the seed
        object.__setattr__(self, "b", b)

    def signature(self, shingles: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint32]:
        """Return the signature of one set of shingle hashes."""
        one: npt.NDArray[np.uint32] = self.signatures([shingles])[0]
        return one

    def signatures(self, sets: Sequence[npt.NDArray[np.uint64]]) -> npt.NDArray[np.uint32]:
        """Return a (len(sets), num_perm) array of signatures, hashing many sets per batch."""
        out = np.full((len(sets), self.num_perm), EMPTY, dtype=np.uint32)
        start = 0
        while start < len(sets):
            stop, rows = start, 0
            while stop < len(sets) and (rows == 0 or rows + len(sets[stop]) <= BATCH_SHINGLES):
                rows += len(sets[stop])
                stop += 1
            self._fill(sets[start:stop], out[start:stop])
            start = stop
        return out

    def _fill(self, sets: Sequence[npt.NDArray[np.uint64]], out: npt.NDArray[np.uint32]) -> None:
        """Write the signatures of `sets` into `out`, one vectorised pass for the batch."""
        sizes = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
        nonempty = np.flatnonzero(sizes)
        if len(nonempty) == 0:
            return
        if len(sets) == 1 and sizes[0] > BATCH_SHINGLES:
            # One very long text: hash it a batch at a time, keeping the running minimum, so
            # scratch memory stays at one batch's whatever the text's length.
            shingles = sets[0]
            out[0] = np.minimum.reduce(
                [
                    self._hashed(shingles[i : i + BATCH_SHINGLES]).min(axis=0)
                    for i in range(0, len(shingles), BATCH_SHINGLES)
                ]
            ).astype(np.uint32)
            return
        flat = np.concatenate([sets[int(i)] for i in nonempty])
        offsets = np.concatenate(([0], np.cumsum(sizes[nonempty])[:-1]))
        out[nonempty] = np.minimum.reduceat(self._hashed(flat), offsets, axis=0).astype(np.uint32)

    def _hashed(self, shingles: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
        """Return the (len(shingles), num_perm) permuted hashes of `shingles`."""
        # Multiply-shift is biased on structured inputs (counters, small ids): scramble first.
        flat = mix64(shingles.astype(np.uint64, copy=False))
        hashed: npt.NDArray[np.uint64] = (
            flat[:, None] * self.a[None, :] + self.b[None, :]
        ) >> np.uint64(32)
        return hashed


def estimate_jaccard(
    x: npt.NDArray[np.uint32], y: npt.NDArray[np.uint32]
) -> npt.NDArray[np.float64]:
    """Return the estimated Jaccard similarity of signature rows `x[i]` and `y[i]`."""
    both_empty = (x == EMPTY) & (y == EMPTY)
    return np.asarray(np.mean((x == y) & ~both_empty, axis=-1), dtype=np.float64)


def band_keys(
    signatures: npt.NDArray[np.uint32], bands: int, rows: int, first_id: int = 0
) -> npt.NDArray[np.uint64]:
    """Return a (n, bands) array of one 64-bit key per band of each signature.

    Two signatures with equal keys in a band agree on all its `rows` values. With `bands`
    bands of `rows` rows, a pair with Jaccard similarity J shares a key in some band with
    probability 1 - (1 - J**rows)**bands; the defaults (42 x 3) catch J=0.4 with 0.94,
    J=0.5 with 0.996, and J=0.1 with only 0.04. `first_id` is the index of the first
    signature among all those banded together: a fully empty text gets a key of its own
    from it, else all would share one bucket.
    """
    width = bands * rows
    if signatures.shape[1] < width:
        raise ValueError(f"signatures have {signatures.shape[1]} values; {width} needed")
    parts = signatures[:, :width].astype(np.uint64).reshape(len(signatures), bands, rows)
    acc = np.zeros((len(signatures), bands), dtype=np.uint64)
    for r in range(rows):
        acc = mix64(acc ^ parts[:, :, r])
    empty = np.all(signatures == EMPTY, axis=1)
    own = mix64(np.arange(first_id, first_id + len(signatures), dtype=np.uint64))
    acc[empty] = own[empty, None]
    return acc


def column_pairs(
    column: npt.NDArray[np.uint64], ids: npt.NDArray[np.int64], max_bucket: int
) -> npt.NDArray[np.int64]:
    """Return the pairs of `ids` whose keys in one band are equal, as an (m, 2) array.

    Buckets larger than `max_bucket` (boilerplate shared by thousands of pages) are
    chained, each member paired with the next one only, so one hot bucket cannot produce a
    quadratic number of pairs.
    """
    order = np.argsort(column, kind="stable")
    ordered = column[order]
    edges = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
    starts = np.concatenate(([0], edges))
    sizes = np.diff(np.concatenate((starts, [len(ordered)])))
    found = [np.zeros((0, 2), dtype=np.int64)]
    for s, n in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
        found.append(bucket_pairs(ids[order[s : s + n]], max_bucket))
    return np.concatenate(found)


def bucket_pairs(members: npt.NDArray[np.int64], max_bucket: int) -> npt.NDArray[np.int64]:
    """Return the pairs of one bucket: all of them, or a chain when the bucket is too big."""
    members = np.sort(members)
    if len(members) > max_bucket:
        return np.stack((members[:-1], members[1:]), axis=1)
    i, j = np.triu_indices(len(members), k=1)
    return np.stack((members[i], members[j]), axis=1)
