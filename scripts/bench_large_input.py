"""Peak memory and time of `storyline run` on one very large article, phase by phase.

Run: nice python scripts/bench_large_input.py [--mb 17 19] [--kind jsonl txt] [--workers 1]
     [--no-quotes]

Each case builds one input made of Timeline17 article texts joined into a single article
(a JSONL record of about 17 MB, a .txt of about 19 MB: under the 20 MB limit on one
article), then runs the `storyline run` command on it in a fresh process on a fresh store,
as a user would (quotations on when the nlp extra is installed). It prints the peak
resident memory of the run's process and of its worker processes, as a ratio of the input's
size, the wall time, and the peak reached inside each phase (Linux: the peak is reset
before each phase through /proc/self/clear_refs). The input is made at run time in a
temporary folder; nothing is kept.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_run import PHASES  # the same phases, timed the same way

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "timeline17"


def make_text(size: int, data: Path = DATA) -> str:
    """Return Timeline17 article texts, in a fixed order, joined to at least `size` bytes."""
    parts, total = [], 0
    files = sorted(data.glob("*/InputDocs/*/*.txt"))
    while total < size:
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace").strip()
            parts.append(text)
            total += len(text.encode("utf-8")) + 2
            if total >= size:
                break
    return "\n\n".join(parts)


def write_input(folder: Path, kind: str, size: int, data: Path = DATA) -> Path:
    """Write one article of about `size` bytes as a JSONL record or a .txt; return its path."""
    text = make_text(size, data)
    if kind == "txt":
        path = folder / "long.txt"
        path.write_text(text, encoding="utf-8")
    else:
        path = folder / "long.jsonl"
        record = {
            "url": "https://news.example.org/2010/long-read",
            "title": "The long read",
            "published": "2010-06-01",
            "text": text,
        }
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _peak_mb() -> float:
    """This process's peak resident memory since the last reset, in MB (Linux), or overall."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS


def _measured(table: dict[str, float], name: str, func: Callable[..., Any]) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _reset_peak()
        started = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            table[name] = _peak_mb()
            table[f"{name} s"] = time.perf_counter() - started

    return wrapper


def child_run(inputs: str, db: str, workers: int, quotes: bool, out: str) -> None:
    """Run `storyline run` here with each phase's peak memory taken; write figures to `out`."""
    from storyline import cli
    from storyline.run import phases

    table: dict[str, float] = {}
    for name in PHASES:
        setattr(phases, name, _measured(table, name, getattr(phases, name)))
    started = time.perf_counter()
    args = ["run", inputs, "--db", db, "--workers", str(workers), "--quiet"]
    try:
        cli.cli.main([*args, *([] if quotes else ["--no-quotes"])], standalone_mode=False)
    finally:
        figures = {
            "phases": table,
            "wall": time.perf_counter() - started,
            # Resetting the peak per phase resets ru_maxrss too: the largest phase peak counts.
            "peak_parent_mb": max(
                [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]
                + [v for k, v in table.items() if not k.endswith(" s")]
            ),
            "peak_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        }
        Path(out).write_text(json.dumps(figures), encoding="utf-8")


def measure(path: Path, workers: int = 1, quotes: bool = True) -> dict[str, Any]:
    """Run `storyline run` on `path` in a fresh process; return its figures."""
    with tempfile.TemporaryDirectory() as tmp:
        out, db = Path(tmp) / "figures.json", Path(tmp) / "run.db"
        env = dict(os.environ)
        src = str(Path(__file__).resolve().parents[1] / "src")
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
        command = [sys.executable, __file__, "--child-run", str(path), str(db), str(workers)]
        subprocess.run([*command, str(int(quotes)), str(out)], check=True, env=env)
        figures = dict(json.loads(out.read_text(encoding="utf-8")))
        import sqlite3

        with sqlite3.connect(db) as con:
            figures["articles"] = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            figures["rejects"] = [r[0] for r in con.execute("SELECT reason FROM rejects")]
        figures["input_mb"] = path.stat().st_size / 2**20
        return figures


def main() -> int:
    """Print, per case, peak memory over input size, time and each phase's peak."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child-run":
        child_run(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5] == "1", sys.argv[6])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[17, 19])
    parser.add_argument("--kind", nargs="+", default=["jsonl", "txt"], choices=["jsonl", "txt"])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-quotes", action="store_true")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"Timeline17 not found at {DATA}: see ../shared/data/README.md")
        return 1
    for mb, kind in zip(args.mb, args.kind, strict=False):
        with tempfile.TemporaryDirectory() as tmp:
            path = write_input(Path(tmp), kind, int(mb * 2**20))
            got = measure(path, args.workers, quotes=not args.no_quotes)
        peak = max(got["peak_parent_mb"], got["peak_worker_mb"])
        print(
            f"{kind} {got['input_mb']:.1f} MB: peak {peak:.0f} MB "
            f"({peak / got['input_mb']:.1f}x input; parent {got['peak_parent_mb']:.0f} MB, "
            f"workers {got['peak_worker_mb']:.0f} MB), {got['wall']:.0f} s, "
            f"{got['articles']} article(s), rejects {got['rejects']}"
        )
        for name in PHASES:
            if name in got["phases"]:
                print(
                    f"  {name:<18} peak {got['phases'][name]:7.0f} MB"
                    f"  {got['phases'][name + ' s']:6.1f} s"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
