"""Benchmark ingestion: articles/s and peak memory, on real text and at growing corpus sizes.

    python scripts/bench_ingest.py                       # timeline17, workers 1 and 2, 3 repeats
    python scripts/bench_ingest.py --scale 1000 10000 100000   # JSONL corpora of these sizes

Real articles come from the Timeline17 collection in the shared data folder (not in the repo).
Scaled corpora repeat those texts as JSONL records with fresh ids, 1,000 records per file.
Reports the median of the repeats; peak memory is the largest resident set of the parent
or of any worker process.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from storyline.run import run_ingest

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "timeline17"
RECORDS_PER_FILE = 1000


def peak_rss_mb() -> float:
    """Return the largest resident set size of this process or any finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def timed_run(inputs: list[Path], workers: int) -> tuple[float, int]:
    """Ingest `inputs` into a fresh store; return (seconds, articles)."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        summary = run_ingest(inputs, Path(tmp) / "bench.db", workers=workers)
        return time.perf_counter() - start, summary.articles


def real_texts() -> Iterator[str]:
    """Yield the Timeline17 article texts, over and over."""
    files = sorted(DATA.glob("*/InputDocs/*/*.htm.txt"))
    while True:
        for path in files:
            yield path.read_text(encoding="utf-8", errors="replace")


def write_scaled_corpus(folder: Path, size: int) -> None:
    """Write `size` JSONL records of real article text, each with its own id."""
    texts = real_texts()
    for start in range(0, size, RECORDS_PER_FILE):
        with (folder / f"part-{start // RECORDS_PER_FILE:05d}.jsonl").open("w") as f:
            for n in range(start, min(start + RECORDS_PER_FILE, size)):
                text = next(texts)
                f.write(
                    json.dumps(
                        {
                            "id": f"bench-{n}",
                            "url": f"https://news.example/a/{n}",
                            "title": text.split("\n", 1)[0][:120],
                            "text": text,
                        }
                    )
                    + "\n"
                )


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--scale",
        type=int,
        nargs="*",
        default=[],
        help="corpus sizes to generate and ingest (instead of Timeline17 as is)",
    )
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"needs the Timeline17 data at {DATA.name}/ in the shared data folder")
    print(
        f"{'corpus':>12} {'workers':>7} {'articles':>9} {'median s':>9} {'articles/s':>10} "
        f"{'peak MB':>8}"
    )
    for size in args.scale or [None]:
        with tempfile.TemporaryDirectory() as tmp:
            if size is None:
                inputs, name = [DATA], "timeline17"
            else:
                write_scaled_corpus(Path(tmp), size)
                inputs, name = [Path(tmp)], f"{size:,} jsonl"
            for workers in args.workers:
                runs = [timed_run(inputs, workers) for _ in range(args.repeats)]
                seconds = statistics.median(s for s, _ in runs)
                articles = runs[0][1]
                print(
                    f"{name:>12} {workers:>7} {articles:>9} {seconds:>9.1f} "
                    f"{articles / seconds:>10.0f} {peak_rss_mb():>8.0f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
