"""Linking as stages over shards, so no process needs every text: sign, band, verify, merge.

The split is datatrove's for MinHash deduplication. Articles, ordered by id, are cut into
shards; each shard is signed on its own (MinHash signatures, LSH band keys, a sample of
shingles for shared passages). One task per group of bands, and one per slice of the
passage samples, pairs articles across all shards from keys alone. Candidate pairs are
then verified block by block, a block being the pairs between two shards, by a task that
holds just those two shards' texts. The driver merges pairs and links: its memory grows
with the number of candidates and links, not of articles.

`Tasks` says where the stages run (this process, a process pool, Ray); the stages and
their results are the same everywhere, and the same as one shard's.
"""

from __future__ import annotations

import itertools
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import datetime
from hashlib import blake2b
from typing import Any

import numpy as np
import numpy.typing as npt

from storyline.dedup.minhash import MinHasher, band_keys, column_pairs, estimate_jaccard
from storyline.dedup.provenance import drop_follow_ups, make_link, text_of
from storyline.dedup.shingles import both_shingles
from storyline.dedup.verify import Verdict, verify
from storyline.executors.tasks import LocalTasks, Tasks
from storyline.model import Article, Link

log = logging.getLogger(__name__)

BAND_GROUPS = 12  # band tasks: each pairs articles on a few of the 2 x 42 bands
PASSAGE_SLICES = 8  # passage tasks: each takes the sampled shingles of one hash slice
SHARD_SIZE = 2_000  # articles signed, and later verified, together
VERIFY_CHUNK = 1_000  # pairs one verification task aligns: enough tasks to share out
# Names what kept signatures and verdicts were computed by: a change to shingling, signing
# or verification that alters what a text or a pair gives must bump it, so that a store's
# kept verdicts are all reached again rather than mixed with new ones.
LINK_VERSION = "dedup.links.v1"


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """Parameters of the linking step; every run that must agree shares one."""

    shingle_size: int = 5  # words per exact shingle
    skeleton_size: int = 8  # skeleton tokens per spin-resistant shingle
    num_perm: int = 128
    bands: int = 42
    rows: int = 3
    max_bucket: int = 50  # a band bucket larger than this is chained, not paired in full
    min_estimate: float = 0.15  # estimated Jaccard below which an LSH candidate is dropped
    passage_sample: int = 2  # keep 1 in 2 shingles to find shared passages
    max_sharers: int = 20  # a shingle more texts carry is a stock phrase, not a passage
    min_shared: int = 2  # sampled shingles two texts must share: about 6+ words in a row
    max_partners: int = 8  # shared-passage candidates kept per text, the closest first
    workers: int = 1  # processes verifying candidate pairs
    seed: int = 1

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ValueError(
                f"bands x rows ({self.bands} x {self.rows}) exceeds num_perm ({self.num_perm})"
            )


Pairs = npt.NDArray[np.int64]  # (m, 2) global article indexes, i < j


@dataclass(frozen=True, slots=True)
class Signatures:
    """What linking keeps of some texts, in their order: nothing that depends on the corpus.

    Signatures and sampled shingles are functions of one text alone, so they are computed
    once per article and kept (the store keeps them between runs); band keys and pairs,
    which depend on where the article falls among all of them, are derived from these.
    """

    exact: npt.NDArray[np.uint32]  # (n, num_perm) over word shingles
    spun: npt.NDArray[np.uint32]  # (n, num_perm) over function-word skeletons
    sampled: tuple[npt.NDArray[np.uint64], ...]  # each text's sampled shingles, sorted

    def __len__(self) -> int:
        return len(self.exact)

    def to_bytes(self) -> list[tuple[bytes, bytes, bytes]]:
        """Return (exact, spun, sampled) bytes per text, as the store keeps them."""
        return [
            (self.exact[k].tobytes(), self.spun[k].tobytes(), self.sampled[k].tobytes())
            for k in range(len(self))
        ]

    @classmethod
    def from_bytes(cls, rows: Iterable[tuple[bytes, bytes, bytes]], num_perm: int) -> Signatures:
        """Rebuild signatures from the bytes `to_bytes` gave, text by text."""
        exact, spun, sampled = [], [], []
        for e, s, p in rows:
            exact.append(np.frombuffer(e, dtype=np.uint32))
            spun.append(np.frombuffer(s, dtype=np.uint32))
            sampled.append(np.frombuffer(p, dtype=np.uint64))
        empty = np.empty((0, num_perm), np.uint32)
        return cls(
            np.vstack(exact) if exact else empty, np.vstack(spun) if spun else empty, tuple(sampled)
        )


def fingerprint(text: str, published: str | None, config: LinkConfig) -> str:
    """Return what a kept signature and verdict of an article were computed from, hashed.

    An article's verdicts depend on its text and publication time (who came first) and
    on the code and settings; the number of workers changes nothing.
    """
    settings = repr(replace(config, workers=1))
    digest = blake2b(digest_size=16)
    for part in (LINK_VERSION, settings, published or "", text):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class SignedShard:
    """What linking keeps of a shard once it is signed: signatures, never texts."""

    offset: int  # global index of the shard's first article
    exact: npt.NDArray[np.uint32]  # (n, num_perm) over word shingles
    spun: npt.NDArray[np.uint32]  # (n, num_perm) over function-word skeletons


@dataclass(frozen=True, slots=True)
class KeyColumns:
    """One shard's keys for one band task: (n, k) keys of k bands, from `offset` on."""

    offset: int
    keys: npt.NDArray[np.uint64]


@dataclass(frozen=True, slots=True)
class PassageSlice:
    """One shard's sampled shingles in one hash slice, with the article carrying each."""

    keys: npt.NDArray[np.uint64]
    owners: npt.NDArray[np.int64]  # global article indexes


def sign_texts(articles: Sequence[Article], config: LinkConfig) -> Signatures:
    """Return the signatures and sampled shingles of `articles`, in their order."""
    shingles = [
        both_shingles(text_of(a), config.shingle_size, config.skeleton_size) for a in articles
    ]
    hasher = MinHasher(config.num_perm, config.seed)
    exact = hasher.signatures([s[0] for s in shingles])
    spun = hasher.signatures([s[1] for s in shingles])
    sampled = tuple(np.unique(s[s % np.uint64(config.passage_sample) == 0]) for s, _ in shingles)
    return Signatures(exact, spun, sampled)


def key_shard(signatures: Signatures, offset: int, config: LinkConfig) -> tuple[Any, ...]:
    """Place one signed shard at `offset`: (SignedShard, a KeyColumns per band group, a
    PassageSlice per slice).

    The parts come back as separate results so that each band or passage task receives
    only its own slice of every shard.
    """
    exact, spun, sampled = signatures.exact, signatures.spun, signatures.sampled
    keys = np.hstack(
        [band_keys(sig, config.bands, config.rows, first_id=offset) for sig in (exact, spun)]
    )
    columns = [KeyColumns(offset, part) for part in np.array_split(keys, BAND_GROUPS, axis=1)]
    flat = np.concatenate(sampled) if sampled else np.empty(0, np.uint64)
    owners = np.repeat(
        np.arange(offset, offset + len(sampled), dtype=np.int64), [len(k) for k in sampled]
    )
    # Sampled shingles are all multiples of the sample rate: slice on high bits instead.
    slice_of = (flat >> np.uint64(40)) % np.uint64(PASSAGE_SLICES)
    slices = [
        PassageSlice(flat[slice_of == k], owners[slice_of == k]) for k in range(PASSAGE_SLICES)
    ]
    return (SignedShard(offset, exact, spun), *columns, *slices)


def sign_shard(articles: Sequence[Article], offset: int, config: LinkConfig) -> tuple[Any, ...]:
    """Sign one shard and place it at `offset` (see `key_shard`)."""
    return key_shard(sign_texts(articles, config), offset, config)


def band_pairs(config: LinkConfig, *shards: KeyColumns) -> Pairs:
    """Return the pairs that share a key in any band of one band group, over all shards."""
    if not shards:
        return np.empty((0, 2), np.int64)
    keys = np.concatenate([s.keys for s in shards])
    ids = np.concatenate(
        [np.arange(s.offset, s.offset + len(s.keys), dtype=np.int64) for s in shards]
    )
    found = [column_pairs(keys[:, b], ids, config.max_bucket) for b in range(keys.shape[1])]
    return np.unique(np.concatenate(found), axis=0)


def passage_pairs(config: LinkConfig, *parts: PassageSlice) -> tuple[Pairs, npt.NDArray[np.int64]]:
    """Return the pairs sharing sampled shingles in one slice, with how many they share.

    A shingle carried by more than `max_sharers` texts is a stock phrase and pairs nobody.
    """
    keys = np.concatenate([p.keys for p in parts]) if parts else np.empty(0, np.uint64)
    owners = np.concatenate([p.owners for p in parts]) if parts else np.empty(0, np.int64)
    order = np.argsort(keys, kind="stable")
    keys, owners = keys[order], owners[order]
    starts = (
        np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.empty(0, np.int64)
    )
    sizes = np.diff(np.r_[starts, len(keys)])
    found = [np.empty((0, 2), np.int64)]
    for size in range(2, config.max_sharers + 1):
        group_starts = starts[sizes == size]
        if len(group_starts) == 0:
            continue
        members = owners[group_starts[:, None] + np.arange(size)]
        i, j = np.triu_indices(size, k=1)
        found.append(np.stack((members[:, i].ravel(), members[:, j].ravel()), axis=1))
    pairs, counts = np.unique(np.sort(np.concatenate(found), axis=1), axis=0, return_counts=True)
    return pairs, counts.astype(np.int64)


def closest_partners(pairs: Pairs, shared: npt.NDArray[np.int64], most: int) -> Pairs:
    """Keep, for each text, only the `most` partners it shares most with.

    Wire copy makes some passages travel to hundreds of texts; verifying every pair would
    cost more than all the rest of linking, and a few partners suffice to tie an event.
    """
    taken: dict[int, int] = defaultdict(int)
    kept = []
    for index in np.argsort(-shared, kind="stable").tolist():
        i, j = pairs[index].tolist()
        if taken[i] < most and taken[j] < most:
            taken[i] += 1
            taken[j] += 1
            kept.append(index)
    return pairs[np.sort(np.asarray(kept, dtype=np.int64))]


def screen_block(
    config: LinkConfig,
    pairs: Pairs,
    by_lsh: npt.NDArray[np.bool_],
    sig_a: SignedShard,
    sig_b: SignedShard,
) -> Pairs:
    """Return the candidate pairs between two shards (or within one) worth verifying.

    LSH candidates whose full signatures agree too little are dropped; pairs that share a
    passage are always kept.
    """
    i, j = pairs[:, 0] - sig_a.offset, pairs[:, 1] - sig_b.offset
    best = np.maximum(
        estimate_jaccard(sig_a.exact[i], sig_b.exact[j]),
        estimate_jaccard(sig_a.spun[i], sig_b.spun[j]),
    )
    kept: Pairs = pairs[~by_lsh | (best >= config.min_estimate)]
    return kept


def verify_block(
    pairs: Pairs, arts_a: Sequence[Article], arts_b: Sequence[Article]
) -> list[Link | None]:
    """Verify pairs between two shards of articles (or within one), given as (m, 2) indexes
    into `arts_a` and `arts_b`: the link of each pair, None for an unrelated one."""
    found = []
    for x, y in pairs.tolist():
        a, b = arts_a[x], arts_b[y]
        found.append(make_link(a, b, verify_pair((text_of(a), text_of(b)))))
    return found


def verify_pair(texts: tuple[str, str]) -> Verdict:
    """Verify one pair of texts."""
    return verify(*texts)


def link_shards(
    shards: Iterable[Sequence[Article]], tasks: Tasks, config: LinkConfig
) -> list[Link]:
    """Return the links among articles given as shards, in global id order.

    Shards must be in id order and together ordered by id (see `shard_by_id`). Each
    shard is handed to `tasks` once; the driver keeps only references to it.
    """
    held: list[Any] = []  # references to each shard's articles
    signed: list[Any] = []  # references to each shard's signatures
    sizes: list[int] = []
    published: dict[str, datetime | None] = {}
    for shard in shards:
        ref = tasks.put(list(shard))
        held.append(ref)
        signed.append(tasks.run(sign_texts, ref, config))
        published.update((a.id, a.published_at) for a in shard)
        sizes.append(len(shard))
    pairs = find_candidates(signed, sizes, tasks, config)
    verdicts = verify_candidates(pairs, sizes, held, tasks)
    return final_links((v for v in verdicts if v is not None), published)


def find_candidates(
    signed: Sequence[Any], sizes: Sequence[int], tasks: Tasks, config: LinkConfig
) -> Pairs:
    """Return the pairs to verify among signed shards, as sorted global index pairs.

    `signed` holds references to each shard's `Signatures`, in id order, and `sizes` their
    lengths. The pairs depend on every shard (crowded band buckets, stock phrases, closest
    partners), never on a text: signatures suffice to find them again.
    """
    bounds, total = _offsets(sizes), sum(sizes)
    if total < 2:
        log.info("%d articles, no pairs to link", total)
        return np.empty((0, 2), np.int64)
    placed = [
        tasks.run(key_shard, ref, offset, config, returns=1 + BAND_GROUPS + PASSAGE_SLICES)
        for ref, offset in zip(signed, bounds.tolist(), strict=True)
    ]
    columns = [[p[1 + group] for p in placed] for group in range(BAND_GROUPS)]
    slices = [[p[1 + BAND_GROUPS + k] for p in placed] for k in range(PASSAGE_SLICES)]
    lsh = tasks.get([tasks.run(band_pairs, config, *refs) for refs in columns])
    shared = tasks.get([tasks.run(passage_pairs, config, *refs) for refs in slices])
    pairs, by_lsh = _merge_candidates(lsh, shared, config)
    jobs = [
        tasks.run(screen_block, config, pairs[chunk], by_lsh[chunk], placed[a][0], placed[b][0])
        for a, b, chunk in _blocks(pairs, bounds)
    ]
    kept = [k.reshape(-1, 2) for k in tasks.get(jobs)]
    screened: Pairs = (
        np.unique(np.concatenate(kept), axis=0) if kept else np.empty((0, 2), np.int64)
    )
    log.info("%d articles, %d candidate pairs, %d to verify", total, len(pairs), len(screened))
    return screened


def _offsets(sizes: Sequence[int]) -> npt.NDArray[np.int64]:
    """Return the global index of each shard's first article, from the shards' sizes."""
    return np.asarray([0, *itertools.accumulate(sizes)][:-1], dtype=np.int64)


def _merge_candidates(
    lsh: list[Pairs], shared: list[tuple[Pairs, npt.NDArray[np.int64]]], config: LinkConfig
) -> tuple[Pairs, npt.NDArray[np.bool_]]:
    """Return every candidate pair, sorted, and whether it came from LSH only."""
    by_lsh = np.unique(np.concatenate([p.reshape(-1, 2) for p in lsh]), axis=0)
    pairs, where = np.unique(np.concatenate([p for p, _ in shared]), axis=0, return_inverse=True)
    counts = np.bincount(
        where.ravel(), weights=np.concatenate([c for _, c in shared]), minlength=len(pairs)
    )
    keep = counts >= config.min_shared
    passages = closest_partners(pairs[keep], counts[keep].astype(np.int64), config.max_partners)
    everything = np.unique(np.concatenate((by_lsh, passages.reshape(-1, 2))), axis=0)
    in_passages = _rows_in(everything, passages)
    return everything, ~in_passages


def _rows_in(rows: Pairs, among: Pairs) -> npt.NDArray[np.bool_]:
    """Tell, for each pair of `rows`, whether it is one of `among`."""
    if len(among) == 0:
        return np.zeros(len(rows), dtype=bool)
    width = np.int64(max(rows.max(initial=0), among.max(initial=0)) + 1)
    keys, wanted = rows[:, 0] * width + rows[:, 1], among[:, 0] * width + among[:, 1]
    return np.isin(keys, wanted)


def _blocks(pairs: Pairs, bounds: npt.NDArray[np.int64]) -> Iterator[tuple[int, int, Pairs]]:
    """Yield (shard a, shard b, rows of `pairs`) for the pairs between each two shards, in
    chunks of at most VERIFY_CHUNK pairs: enough tasks to share out."""
    if len(pairs) == 0:
        return
    shard_a = np.searchsorted(bounds, pairs[:, 0], side="right") - 1
    shard_b = np.searchsorted(bounds, pairs[:, 1], side="right") - 1
    # Pairs grouped by their two shards, in one sort: a block is a run of equal shard pairs.
    order = np.lexsort((shard_b, shard_a))
    block_of = shard_a[order] * len(bounds) + shard_b[order]
    edges = np.flatnonzero(np.r_[True, block_of[1:] != block_of[:-1], True])
    for first, end in itertools.pairwise(edges.tolist()):
        a, b = int(shard_a[order[first]]), int(shard_b[order[first]])
        for start in range(first, end, VERIFY_CHUNK):
            yield a, b, order[start : min(end, start + VERIFY_CHUNK)]


def verify_candidates(
    pairs: Pairs, sizes: Sequence[int], held: Sequence[Any], tasks: Tasks
) -> list[Link | None]:
    """Verify pairs of global indexes block by block; return each pair's link, or None.

    `held` holds references to shards of articles in id order, and `sizes` their lengths;
    a task receives the two shards of its block, never more texts.
    """
    at = _offsets(sizes)
    jobs, rows = [], []
    for a, b, chunk in _blocks(pairs, at):
        local = pairs[chunk] - np.array([at[a], at[b]])
        jobs.append(tasks.run(verify_block, local, held[a], held[b]))
        rows.append(chunk)
    verdicts: list[Link | None] = [None] * len(pairs)
    for chunk, found in zip(rows, tasks.get(jobs), strict=True):
        for row, link in zip(chunk.tolist(), found, strict=True):
            verdicts[row] = link
    return verdicts


def final_links(verdicts: Iterable[Link], published: Mapping[str, datetime | None]) -> list[Link]:
    """Return the links of the verified pairs, in id order, less same-event follow-ups.

    `published` dates the articles (at least the linked ones). This is the only step that
    looks at links together, so a link found in an earlier run joins them here unchanged.
    """
    links = sorted(verdicts, key=lambda k: (k.a, k.b))
    return list(drop_follow_ups(links, published))


def shard_by_id(articles: Iterable[Article], size: int = SHARD_SIZE) -> Iterator[list[Article]]:
    """Cut articles, sorted by id, into shards of `size`."""
    ordered = sorted(articles, key=lambda a: a.id)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def link_articles(articles: Iterable[Article], config: LinkConfig | None = None) -> Iterator[Link]:
    """Yield the links among `articles`: copies, near copies, spun rewrites, same events.

    This is a global step: it reads every article before yielding anything, because any
    article may be a copy of any other. Candidates come from two LSH indexes, one over
    exact word shingles (copies, trimmed reprints) and one over function-word skeletons
    (spun rewrites, whose content words were swapped), and from shared passages; each
    candidate is then verified by sentence and word alignment.
    """
    config = config or LinkConfig()
    with closing(LocalTasks(config.workers)) as tasks:
        yield from link_shards(shard_by_id(articles), tasks, config)
