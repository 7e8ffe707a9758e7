"""Benchmark story clustering on 10k and 100k synthetic articles; print a results table.

Usage: nice python scripts/bench_stories.py [--sizes 10000 100000] [--batches 10]

Synthetic articles are sampled (with replacement) from the Timeline17 articles in
../shared/data; each copy drops a random third of its sentences, swaps 5% of its words
for words of other articles, and is moved by one of eight 45-day offsets (so each topic
recurs later in time), so no two are identical. Articles are fed in `--batches`
chronological batches, as an incremental pipeline would, the state going through JSON
between batches as `storyline run` keeps it in the store. Peak memory is the process's
peak RSS; CPU seconds are reported beside wall seconds because the machine is shared.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from storyline.model import Article
from storyline.stories.cluster import cluster_stories
from storyline.stories.state import StoryState

sys.path.insert(0, str(Path(__file__).parent))
from eval_stories import DEFAULT_DATA, timeline17


def synthesize(pool: list[Article], n: int, seed: int = 0) -> list[Article]:
    """Return `n` perturbed copies of articles drawn from `pool`."""
    rng = random.Random(seed)
    vocabulary = [w for a in rng.sample(pool, min(200, len(pool))) for w in a.text.split()]
    out = []
    for i in range(n):
        base = rng.choice(pool)
        sentences = [s for s in base.text.split("\n") if s.strip()]
        kept = [s for s in sentences if rng.random() > 1 / 3] or sentences[:1]
        words = " ".join(kept).split()
        for j in range(len(words)):
            if rng.random() < 0.05:
                words[j] = rng.choice(vocabulary)
        shift = timedelta(days=(i % 8) * 45)  # eight 45-day offsets: topics recur, shifted
        assert base.published_at is not None
        aid = f"synthetic-{i}"
        out.append(
            Article(
                aid,
                aid,
                aid,
                "text",
                " ".join(words),
                text=" ".join(words),
                title=base.title,
                published_at=base.published_at + shift,
                language="en",
            )
        )
    return out


@dataclass(frozen=True)
class Measured:
    """One benchmark run: clustering time, the state's JSON cost, memory and cluster counts."""

    seconds: float
    cpu: float
    json_seconds: float  # saving and loading the state between batches, included in seconds
    state_mib: float  # the last state's JSON
    peak_mib: float
    events: int
    storylines: int


def bench(articles: list[Article], batches: int) -> Measured:
    """Cluster `articles` in chronological batches, the state saved and loaded between them."""
    ordered = sorted(articles, key=lambda a: (a.published_at, a.id))
    size = -(-len(ordered) // batches)
    start, cpu = time.perf_counter(), time.process_time()
    state, json_seconds, saved = None, 0.0, ""
    for i in range(0, len(ordered), size):
        state = cluster_stories(ordered[i : i + size], (), state).state
        tick = time.perf_counter()
        saved = state.to_json()
        state = StoryState.from_json(saved)
        json_seconds += time.perf_counter() - tick
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert state is not None
    return Measured(
        seconds,
        cpu,
        json_seconds,
        len(saved.encode()) / 2**20,
        peak_kib / 1024,
        len(state.events),
        len(state.storylines),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--batches", type=int, default=10)
    args = parser.parse_args()
    pool, _, _ = timeline17(args.data)
    print(
        f"{'articles':>9}{'wall s':>9}{'CPU s':>9}{'art/CPU s':>10}{'peak MiB':>10}"
        f"{'events':>8}{'storylines':>11}{'JSON s':>8}{'state MiB':>10}"
    )
    for n in args.sizes:
        articles = synthesize(pool, n)
        m = bench(articles, args.batches)
        print(
            f"{n:>9}{m.seconds:>9.1f}{m.cpu:>9.1f}{n / m.cpu:>10.0f}{m.peak_mib:>10.0f}"
            f"{m.events:>8}{m.storylines:>11}{m.json_seconds:>8.1f}{m.state_mib:>10.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
