"""Benchmark linking in stages: the local executor against Ray, at growing sizes.

    PYTHONPATH=src nice python scripts/bench_linking.py --sizes 10000 100000 [--workers 2]

The corpus is bench_provenance.py's synthetic scale-up of Timeline17 (10% copies, trims
and spun rewrites), written once per size to a JSON Lines file in id order. A child
process then links it, reading it shard by shard as `link_store` reads the store: with
`--executor ray` each shard goes to Ray's object store and the driver keeps references
only; with the local executor every shard stays in the driver. The parent samples the
resident memory of the child (the driver) and of its process tree (Ray's workers, raylet
and object store included) every half second, and checks that both executors found the
same links.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench_provenance import corpus
from bench_ray import peak_memory_mb

ROOT = Path(__file__).resolve().parents[1]


def write_corpus(size: int, path: Path) -> None:
    """Write `size` synthetic articles, one JSON object a line, in id order."""
    with path.open("w", encoding="utf-8") as out:
        for article in corpus(size):
            out.write(json.dumps({"id": article.id, "text": article.raw_text}) + "\n")


def read_shards(path: Path, size: int) -> Iterator[list[object]]:
    """Yield the corpus as shards of `size` articles, never holding more than one."""
    from storyline.model import Article

    shard: list[object] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            shard.append(Article(row["id"], row["id"], row["id"], "text", row["text"]))
            if len(shard) == size:
                yield shard
                shard = []
    if shard:
        yield shard


def child(path: Path, executor: str, workers: int, out: Path) -> None:
    """Link the corpus at `path`; write seconds, link count and a digest of the links."""
    from storyline.dedup.linking import SHARD_SIZE, LinkConfig, link_shards
    from storyline.executors.tasks import LocalTasks

    if executor == "ray":
        from storyline.executors.ray import RayTasks

        tasks = RayTasks(workers=workers)
        tasks.get([tasks.put(0)])  # Ray started before the clock does
    else:
        tasks = LocalTasks(workers)
    start = time.perf_counter()
    links = link_shards(read_shards(path, SHARD_SIZE), tasks, LinkConfig())
    seconds = time.perf_counter() - start
    tasks.close()
    digest = hashlib.sha256(
        "\n".join(f"{k.a} {k.b} {k.relation} {k.origin}" for k in links).encode()
    ).hexdigest()
    out.write_text(json.dumps({"seconds": seconds, "links": len(links), "digest": digest}))


def measure(path: Path, executor: str, workers: int, tmp: Path) -> dict[str, object]:
    """Run one child; return its result with the peak memory of driver and tree in MB."""
    out = tmp / f"{executor}.json"
    args = [sys.executable, __file__, "--child", str(path), executor, str(workers), str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(args, env=env)
    driver, tree = peak_memory_mb(proc)
    if proc.returncode:
        raise SystemExit(f"{executor} linking failed with status {proc.returncode}")
    result: dict[str, object] = json.loads(out.read_text())
    return {**result, "driver_mb": driver, "tree_mb": tree}


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        path, executor, workers, out = sys.argv[2:6]
        child(Path(path), executor, int(workers), Path(out))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--executors", nargs="+", default=["local", "ray"])
    options = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print("articles executor workers seconds articles/s links driver_MB all_processes_MB")
    for size in options.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "corpus.jsonl"
            write_corpus(size, path)
            digests = set()
            for executor in options.executors:
                r = measure(path, executor, options.workers, Path(tmp))
                digests.add(r["digest"])
                rate = size / float(r["seconds"])  # type: ignore[arg-type]
                print(
                    f"{size:8} {executor:8} {options.workers:7} {r['seconds']:7.1f} {rate:10.1f}"
                    f" {r['links']:5} {r['driver_mb']:9} {r['tree_mb']:16}",
                    flush=True,
                )
            print(f"{size} articles: links {'identical' if len(digests) == 1 else 'DIFFER'}")


if __name__ == "__main__":
    main()
