"""Benchmark the Ray executor against the local pool, through `storyline run`.

    PYTHONPATH=src python scripts/bench_ray.py --articles 200

Takes the first N Timeline17 articles (../shared/data/timeline17 beside the checkout), runs
`storyline run --executor local|ray` on them with 1 and 2 workers, and prints wall time,
articles per second and the peak memory of the run's process tree (driver plus workers,
sampled from /proc). Then it measures Ray's cost per shard with a stage that does nothing,
against the per-shard time of the real stages, for the scale-out model in docs/cluster.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "timeline17"


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0


def process_tree(root: int) -> list[int]:
    """The pids under `root` (Ray's raylet and workers are its descendants on a local Ray)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def run(files: list[str], executor: str, workers: int, db: Path) -> tuple[float, int, int]:
    """Run storyline on `files`; return (seconds, peak driver RSS MB, peak tree RSS MB)."""
    args = [sys.executable, "-m", "storyline", "run", *files, "--db", str(db), "--no-report"]
    args += ["--quiet", "--executor", executor, "--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL)
    driver, tree = peak_memory_mb(proc)
    if proc.returncode:
        raise SystemExit(f"{executor} run failed with status {proc.returncode}")
    return time.perf_counter() - start, driver, tree


def peak_memory_mb(proc: subprocess.Popen[bytes]) -> tuple[int, int]:
    """Wait for `proc`, sampling it: (peak RSS of the process, of its whole tree), in MB."""
    driver = tree = 0
    while proc.poll() is None:
        driver = max(driver, rss_kb(proc.pid))
        tree = max(tree, sum(rss_kb(p) for p in process_tree(proc.pid)))
        time.sleep(0.5)
    return driver // 1024, tree // 1024


def shard_overhead(shards: int) -> float:
    """Seconds Ray adds per shard: an empty stage's shards, Ray against one local process."""
    sys.path.insert(0, str(ROOT / "src"))
    from storyline.executors.local import run_local
    from storyline.executors.ray import run_ray, start_ray

    items = [f"shard-{i}" for i in range(shards)]
    start_ray(workers=2)
    list(run_ray(_nothing, items[:4], [], workers=2))  # workers started and warm
    start = time.perf_counter()
    list(run_ray(_nothing, items, [], workers=2))
    ray_time = time.perf_counter() - start
    start = time.perf_counter()
    list(run_local(_nothing, items, []))
    return (ray_time - (time.perf_counter() - start)) / shards


def _nothing(shard: str) -> list[object]:
    return []


def commit_cost(tmp: Path, repeats: int = 20) -> tuple[float, float]:
    """Driver seconds per article to commit (ingested records, analysis records).

    Runs the demo once, then writes its articles and its analysis records into fresh
    stores `repeats` times, as the driver does for the shards' reports.
    """
    sys.path.insert(0, str(ROOT / "src"))
    from storyline.model import DateMention, PublishedDate, Quote
    from storyline.run import demo_corpus, run_pipeline
    from storyline.store.sqlite import Store

    source = tmp / "demo.db"
    run_pipeline([demo_corpus()], source)
    with Store(source) as store:
        articles = list(store.articles())
        found = [r for kind in (Quote, DateMention, PublishedDate) for r in store.records(kind)]
    ingest = analysis = 0.0
    for i in range(repeats):
        with Store(tmp / f"commit-{i}.db") as store:
            start = time.perf_counter()
            store.save(articles)
            ingest += time.perf_counter() - start
            start = time.perf_counter()
            store.save_analysis([*articles, *found], "bench")
            analysis += time.perf_counter() - start
    n = len(articles) * repeats
    return ingest / n, analysis / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--shards", type=int, default=500, help="for the per-shard overhead")
    parser.add_argument("--commit-only", action="store_true", help="only the driver's cost")
    parser.add_argument("--overhead-only", action="store_true", help="only Ray's cost per shard")
    options = parser.parse_args()
    if options.overhead_only:
        overhead = shard_overhead(options.shards)
        print(f"Ray overhead per shard ({options.shards} empty shards): {overhead * 1e3:.2f} ms")
        return
    if options.commit_only:
        with tempfile.TemporaryDirectory() as tmp:
            ingest, analysis = commit_cost(Path(tmp))
        print(
            f"driver commit per article: ingest {ingest * 1e3:.2f} ms, "
            f"analysis {analysis * 1e3:.2f} ms"
        )
        return
    if not DATA.exists():
        raise SystemExit(f"needs Timeline17 at {DATA}")
    files = sorted(str(p) for p in DATA.glob("*/InputDocs/*/*") if p.is_file())
    files = files[: options.articles]
    print(f"{len(files)} Timeline17 articles, {os.cpu_count()} CPUs")
    print("executor workers seconds articles/s driver_MB all_processes_MB")
    with tempfile.TemporaryDirectory() as tmp:
        for executor, workers in (("local", 1), ("local", 2), ("ray", 1), ("ray", 2)):
            db = Path(tmp) / f"{executor}-{workers}.db"
            seconds, driver, tree = run(files, executor, workers, db)
            rate = len(files) / seconds
            print(f"{executor:8} {workers:7} {seconds:7.1f} {rate:10.2f} {driver:9} {tree:16}")
    overhead = shard_overhead(options.shards)
    print(f"Ray overhead per shard (empty stage, {options.shards} shards): {overhead * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
