"""Measure how many documents per second the TIMEX3 tagger handles on one core.

Usage: nice python scripts/bench_dates.py [--data DIR] [--runs N]
Tags every TempEval-3 (TimeBank + AQUAINT) document text against its creation date, several
times, and prints the median throughput in CPU time of this process (one core), which
other load on a shared machine disturbs less than wall-clock time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from storyline.dates.timex import find_timexes
from storyline.evaluation.timeml import read_timeml

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def main() -> int:
    """Print documents/s and characters/s, median over runs."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    tbaq = args.data / "tempeval3" / "Training" / "TBAQ-cleaned"
    paths = sorted(tbaq.glob("TimeBank/*.tml")) + sorted(tbaq.glob("AQUAINT/*.tml"))
    if not paths:
        print(f"no TempEval-3 data under {tbaq}", file=sys.stderr)
        return 1
    docs = [read_timeml(p.read_text(encoding="utf-8")) for p in paths]
    chars = sum(len(d.text) for d in docs)
    rates = []
    for _ in range(args.runs):
        began = time.process_time()
        for doc in docs:
            find_timexes(doc.text, doc.dct)
        rates.append(len(docs) / (time.process_time() - began))
    rate = statistics.median(rates)
    print(f"documents: {len(docs)}  mean length: {chars / len(docs):,.0f} chars")
    per_char = rate * chars / len(docs)
    print(f"median over {args.runs} runs: {rate:,.0f} documents/s  {per_char:,.0f} chars/s")
    print(f"range: {min(rates):,.0f}-{max(rates):,.0f} documents/s  (target >= 1,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
