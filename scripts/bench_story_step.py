"""Benchmark the story step of a run over a store: from scratch, then adding a few articles.

Usage: nice python scripts/bench_story_step.py [--articles 3000] [--added 100]

Saves synthetic articles (as scripts/bench_stories.py makes them from Timeline17, spread
over 50 sources) into a fresh store, times `cluster_store` (clustering, summaries,
timelines), then saves `--added` more and times it again, as a later `storyline run` would.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from storyline.run.global_steps import cluster_store
from storyline.store.sqlite import Store

sys.path.insert(0, str(Path(__file__).parent))
from bench_stories import synthesize
from eval_stories import DEFAULT_DATA, timeline17


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--added", type=int, default=100)
    args = parser.parse_args()
    pool, _, _ = timeline17(args.data)
    articles = [
        replace(a, source=f"site{i % 50}.example")
        for i, a in enumerate(synthesize(pool, args.articles + args.added))
    ]
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        for label, batch in (
            (f"{args.articles} articles, from scratch", articles[: args.articles]),
            (f"{args.added} articles added", articles[args.articles :]),
        ):
            store.save(batch)
            start = time.perf_counter()
            events, storylines = cluster_store(store)
            seconds = time.perf_counter() - start
            print(f"{label}: {seconds:.1f} s; {events} events, {storylines} storylines")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
