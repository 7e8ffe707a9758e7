"""Measure articles per second: the whole spaCy pipeline versus only the components we need.

Run: nice python scripts/bench_quotes.py [--docs N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from storyline.entities.mentions import find_mentions
from storyline.nlp import load_pipeline
from storyline.quotes.extract import find_quotes

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear" / "dev" / "text"
SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"


def main() -> int:
    """Print articles/s for each pipeline variant on the same texts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40)
    args = parser.parse_args()
    folder = DATA if DATA.is_dir() else SEEDS
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))][: args.docs]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles from {folder.name}, {words / len(texts):.0f} words on average")
    print(f"{'pipeline':<44}{'articles/s':>12}{'parse only':>12}")
    for components in ("all", "needed"):
        nlp = load_pipeline(components=components)  # type: ignore[arg-type]
        nlp(texts[0])  # warm up
        start = time.perf_counter()
        docs = list(nlp.pipe(texts))
        parsed = time.perf_counter() - start
        for text, doc in zip(texts, docs, strict=True):
            find_quotes(text, doc=doc, mentions=find_mentions(doc))
        total = time.perf_counter() - start
        label = f"{components}: {', '.join(nlp.pipe_names)}"
        print(f"{label:<44}{len(texts) / total:>12.1f}{len(texts) / parsed:>12.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
