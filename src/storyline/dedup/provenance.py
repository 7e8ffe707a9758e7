"""Link articles that copy, trim or spin one another, say who came first, and trace groups."""

from __future__ import annotations

import logging
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from storyline.dedup.minhash import LshIndex, MinHasher, estimate_jaccard
from storyline.dedup.shingles import both_shingles
from storyline.dedup.verify import Verdict, verify
from storyline.model import Article, Link, Relation

log = logging.getLogger(__name__)

COPY_LIKE: frozenset[Relation] = frozenset({"copy", "near_copy", "spun", "translation"})
CONTAINED = 0.9  # coverage from which the shorter text counts as wholly inside the longer
PARTIAL = 0.8  # coverage below which the longer text has material the shorter lacks
TRIM_MARGIN = 0.15  # this much more of one text aligned than of the other: it was trimmed


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """Parameters of the linking step; every run that must agree shares one."""

    shingle_size: int = 5  # words per exact shingle
    skeleton_size: int = 8  # skeleton tokens per spin-resistant shingle
    num_perm: int = 128
    bands: int = 42
    rows: int = 3
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


@dataclass(frozen=True, slots=True)
class ProvenanceTree:
    """A group of copies: the earliest known source at the root, each copy under its source."""

    root: str
    edges: tuple[tuple[str, str], ...]  # (source, copy)


def text_of(article: Article) -> str:
    """Return the text links are computed on: the cleaned text, else the raw one."""
    return article.text or article.raw_text


Shingles: TypeAlias = list[tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]]


def build_shingles(texts: Sequence[str], config: LinkConfig) -> Shingles:
    """Return the exact and skeleton shingles of each text."""
    return [both_shingles(t, config.shingle_size, config.skeleton_size) for t in texts]


def build_signatures(
    texts: Sequence[str], config: LinkConfig, shingles: Shingles | None = None
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """Return the exact-word and skeleton MinHash signatures of `texts`."""
    hasher = MinHasher(config.num_perm, config.seed)
    shingles = shingles if shingles is not None else build_shingles(texts, config)
    exact = hasher.signatures([s[0] for s in shingles])
    spun = hasher.signatures([s[1] for s in shingles])
    return exact, spun


def shared_passage_pairs(
    exact: Sequence[npt.NDArray[np.uint64]], config: LinkConfig
) -> npt.NDArray[np.int64]:
    """Return pairs of texts sharing a passage: independent reports quoting one statement.

    Their word sets are too different for MinHash to pair them. A fixed sample of shingles
    (chosen by hash, so every text keeps the same ones) goes into one sorted array; pairs
    that share at least `min_shared` sampled shingles, each carried by few texts (stock
    phrases and boilerplate are carried by many), are candidates.
    """
    kept = [np.unique(s[s % np.uint64(config.passage_sample) == 0]) for s in exact]
    keys = np.concatenate(kept) if kept else np.empty(0, np.uint64)
    owners = np.repeat(np.arange(len(kept), dtype=np.int64), [len(k) for k in kept])
    order = np.argsort(keys, kind="stable")
    keys, owners = keys[order], owners[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    found = []
    for size in range(2, config.max_sharers + 1):
        group_starts = starts[sizes == size]
        if len(group_starts) == 0:
            continue
        members = owners[group_starts[:, None] + np.arange(size)]
        i, j = np.triu_indices(size, k=1)
        found.append(np.stack((members[:, i].ravel(), members[:, j].ravel()), axis=1))
    if not found:
        return np.empty((0, 2), np.int64)
    pairs, counts = np.unique(np.sort(np.concatenate(found), axis=1), axis=0, return_counts=True)
    keep = counts >= config.min_shared
    return _closest_partners(pairs[keep], counts[keep], config.max_partners)


def _closest_partners(
    pairs: npt.NDArray[np.int64], shared: npt.NDArray[np.int64], most: int
) -> npt.NDArray[np.int64]:
    """Keep, for each text, only the `most` partners it shares most with.

    Wire copy makes some passages travel to hundreds of texts; verifying every pair would
    cost more than all the rest of linking, and a few partners suffice to tie an event.
    """
    taken = np.zeros(int(pairs.max(initial=-1)) + 1, dtype=np.int64)
    kept = []
    for index in np.argsort(-shared, kind="stable").tolist():
        i, j = pairs[index]
        if taken[i] < most and taken[j] < most:
            taken[i] += 1
            taken[j] += 1
            kept.append(index)
    return pairs[np.sort(np.asarray(kept, dtype=np.int64))]


def find_candidates(
    exact: npt.NDArray[np.uint32], spun: npt.NDArray[np.uint32], config: LinkConfig
) -> npt.NDArray[np.int64]:
    """Return the pairs (i, j) worth verifying: LSH hits on either signature, then filtered."""
    found = []
    for signatures in (exact, spun):
        index = LshIndex(config.bands, config.rows)
        index.add(signatures)
        found.append(index.pairs())
    pairs = np.unique(np.concatenate(found), axis=0)
    if len(pairs) == 0:
        return pairs
    # LSH over-generates on purpose; the full signatures cheaply drop the chance meetings.
    best = np.maximum(
        estimate_jaccard(exact[pairs[:, 0]], exact[pairs[:, 1]]),
        estimate_jaccard(spun[pairs[:, 0]], spun[pairs[:, 1]]),
    )
    return pairs[best >= config.min_estimate]


def find_origin(a: Article, b: Article, verdict: Verdict) -> str | None:
    """Return the id of the article that came first, or None when it cannot be told.

    The earlier publication date wins. Without dates, a text wholly contained in a longer
    one is taken for a trimmed reprint of it, so the longer one is the origin.
    """
    if verdict.relation not in COPY_LIKE:
        return None
    if a.published_at and b.published_at and a.published_at != b.published_at:
        return a.id if a.published_at < b.published_at else b.id
    if verdict.coverage_a >= CONTAINED and verdict.coverage_b < PARTIAL:
        return b.id
    if verdict.coverage_b >= CONTAINED and verdict.coverage_a < PARTIAL:
        return a.id
    # A trimmed and lightly edited reprint: mostly inside the other, which has much more.
    if (
        min(verdict.coverage_a, verdict.coverage_b)
        < PARTIAL
        <= max(verdict.coverage_a, verdict.coverage_b)
        and abs(verdict.coverage_a - verdict.coverage_b) >= TRIM_MARGIN
    ):
        return a.id if verdict.coverage_b > verdict.coverage_a else b.id
    return None


SAME_EVENT_DAYS = 1  # reports of one happening appear within a day of each other


def make_link(a: Article, b: Article, verdict: Verdict) -> Link | None:
    """Turn a verdict on two articles into a link, or None when they are unrelated."""
    if verdict.relation is None:
        return None
    if b.id < a.id:  # links are stored with a < b; the evidence is swapped with them
        return make_link(b, a, verify(text_of(b), text_of(a)))
    return Link(
        a.id, b.id, verdict.relation, verdict.score, find_origin(a, b, verdict), verdict.evidence
    )


def verify_pair(texts: tuple[str, str]) -> Verdict:
    """Verify one pair of texts (a top-level function, so worker processes can run it)."""
    return verify(*texts)


def link_articles(articles: Iterable[Article], config: LinkConfig | None = None) -> Iterator[Link]:
    """Yield the links among `articles`: copies, near copies, spun rewrites, same events.

    This is a global step: it reads every article before yielding anything, because any
    article may be a copy of any other. Candidates come from two LSH indexes, one over
    exact word shingles (copies, trimmed reprints) and one over function-word skeletons
    (spun rewrites, whose content words were swapped); each candidate is then verified
    by sentence and word alignment.
    """
    config = config or LinkConfig()
    ordered = sorted(articles, key=lambda x: x.id)
    texts = [text_of(x) for x in ordered]
    shingles = build_shingles(texts, config)
    exact, spun = build_signatures(texts, config, shingles)
    pairs = find_candidates(exact, spun, config)
    shared = shared_passage_pairs([s[0] for s in shingles], config)
    del shingles
    pairs = np.unique(np.concatenate((pairs.reshape(-1, 2), shared)), axis=0)
    log.info("%d articles, %d candidate pairs", len(ordered), len(pairs))
    jobs = ((texts[i], texts[j]) for i, j in pairs.tolist())
    if config.workers > 1:
        with ProcessPoolExecutor(config.workers) as pool:
            verdicts = list(pool.map(verify_pair, jobs, chunksize=16))
    else:
        verdicts = [verify_pair(job) for job in jobs]
    links = [
        make_link(ordered[i], ordered[j], v)
        for (i, j), v in zip(pairs.tolist(), verdicts, strict=True)
    ]
    yield from drop_follow_ups([link for link in links if link is not None], ordered)


def drop_follow_ups(links: list[Link], articles: Sequence[Article]) -> Iterator[Link]:
    """Drop same-event links between reports written days apart: follow-ups reusing background.

    A copy's text was written when its origin was, so a copy is dated by its origin.
    """
    published = {a.id: a.published_at for a in articles}
    root = {}
    for link in links:
        if link.relation in COPY_LIKE and link.origin is not None:
            copy = link.b if link.origin == link.a else link.a
            root[copy] = link.origin
    for link in links:
        if link.relation == "same_event":
            a, b = published.get(root.get(link.a, link.a)), published.get(root.get(link.b, link.b))
            if a and b and abs((a.date() - b.date()).days) > SAME_EVENT_DAYS:
                continue
        yield link


def compare(
    a_text: str,
    b_text: str,
    *,
    a_id: str = "a",
    b_id: str = "b",
    a_published_at: datetime | None = None,
    b_published_at: datetime | None = None,
) -> Link | None:
    """Return the link between two texts, with evidence, or None if they are unrelated."""
    a = Article(
        id=a_id, path=a_id, file=a_id, format="text", raw_text=a_text, published_at=a_published_at
    )
    b = Article(
        id=b_id, path=b_id, file=b_id, format="text", raw_text=b_text, published_at=b_published_at
    )
    return make_link(a, b, verify(a_text, b_text))


def copy_groups(links: Iterable[Link]) -> list[set[str]]:
    """Return the groups of articles joined by copy-like links (copies of one text)."""
    pairs = [(link.a, link.b) for link in links if link.relation in COPY_LIKE]
    return connected_groups({x for pair in pairs for x in pair}, pairs)


def connected_groups(nodes: Iterable[str], pairs: Iterable[tuple[str, str]]) -> list[set[str]]:
    """Return the connected components of an undirected graph, in order of their least node."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    seen: set[str] = set()
    groups = []
    for start in sorted(nodes):
        if start in seen:
            continue
        group, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node not in group:
                group.add(node)
                todo.extend(neighbours[node] - group)
        seen |= group
        groups.append(group)
    return groups


def count_independent_sources(article_ids: Iterable[str], links: Iterable[Link]) -> int:
    """Count the articles among `article_ids` that are not copies of one another."""
    ids = set(article_ids)
    groups = copy_groups(link for link in links if link.a in ids and link.b in ids)
    grouped = set().union(*groups) if groups else set()
    return len(groups) + len(ids - grouped)


def provenance_trees(
    links: Iterable[Link], published: Mapping[str, datetime | None]
) -> list[ProvenanceTree]:
    """Return one tree per copy group, rooted at its earliest article.

    The root is the earliest dated article, else the one most often named as origin, else
    the smallest id. Each other article hangs under the article it was first reached from,
    walking the copy links breadth first from the root.
    """
    links = [link for link in links if link.relation in COPY_LIKE]
    origins: dict[str, int] = defaultdict(int)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for link in links:
        neighbours[link.a].append(link.b)
        neighbours[link.b].append(link.a)
        if link.origin:
            origins[link.origin] += 1

    def rank(node: str) -> tuple[int, datetime | str, int, str]:
        when = published.get(node)
        return (0, when, -origins[node], node) if when else (1, "", -origins[node], node)

    trees = []
    for group in copy_groups(links):
        root = min(group, key=rank)
        edges, seen, queue = [], {root}, deque([root])
        while queue:
            node = queue.popleft()
            for other in sorted(neighbours[node], key=rank):
                if other not in seen:
                    seen.add(other)
                    edges.append((node, other))
                    queue.append(other)
        trees.append(ProvenanceTree(root, tuple(edges)))
    return trees
