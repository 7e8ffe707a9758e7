"""Benchmark provenance linking at 1k / 10k / 100k articles; print a results table.

    nice python scripts/bench_provenance.py [--sizes 1000 10000 100000] [--workers 2]

The corpus is a synthetic scale-up of Timeline17: each unique article is 15-35 random
sentences drawn from the pool of all real sentences, and 10% of the articles are copies,
trimmed reprints or spun rewrites (Moby thesaurus, 30%) of earlier ones, so the verifier
sees a realistic share of true pairs. Signature speed is compared with datasketch's plain
MinHash (`update_batch`, same shingles, same 128 permutations). Peak memory is the
process's maximum resident size (resource.getrusage), which only grows across sizes.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import resource
import sys
import time
from pathlib import Path

from storyline.dedup.linking import LinkConfig, link_articles, sign_shard
from storyline.dedup.shingles import tokenize
from storyline.model import Article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "timeline17"


def generator() -> object:
    """Import the evaluation generator script as a module (for its loaders and spinner)."""
    spec = importlib.util.spec_from_file_location(
        "gen", ROOT / "scripts" / "make_provenance_eval.py"
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["gen"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def corpus(size: int, seed: int = 7) -> list[Article]:
    """Return `size` synthetic articles, 10% of them derived from earlier ones."""
    gen = generator()
    rng = random.Random(seed)
    pool = [s for a in gen.load_articles(DATA) for s in a["text"].splitlines()]  # type: ignore[attr-defined]
    thesaurus = gen.load_thesaurus()  # type: ignore[attr-defined]
    texts: list[str] = []
    for i in range(size):
        if i > 10 and rng.random() < 0.1:
            source = texts[rng.randrange(len(texts))]
            kind = rng.choice(("copy", "trim", "spin"))
            if kind == "copy":
                texts.append("Reprinted from the wire\n" + source)
            elif kind == "trim":
                lines = source.splitlines()
                texts.append("\n".join(lines[: max(3, len(lines) * 2 // 3)]))
            else:
                texts.append(gen.spin(rng, source, 0.3, thesaurus)[0])  # type: ignore[attr-defined]
        else:
            texts.append("\n".join(rng.sample(pool, rng.randint(15, 35))))
    return [
        Article(id=f"doc{i:06d}", path=str(i), file=str(i), format="text", raw_text=t)
        for i, t in enumerate(texts)
    ]


def datasketch_rate(texts: list[str]) -> float:
    """Return articles/s for datasketch MinHash over the same word 5-gram shingles."""
    from datasketch import MinHash  # lazy: only the benchmark compares against it

    start = time.perf_counter()
    for text in texts:
        words = tokenize(text).words
        grams = [" ".join(words[i : i + 5]).encode() for i in range(max(1, len(words) - 4))]
        m = MinHash(num_perm=128)
        m.update_batch(grams)
    return len(texts) / (time.perf_counter() - start)


def peak_mb() -> float:
    """Return the peak resident memory of this process in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Run each size and print signatures/s, datasketch signatures/s, linking time and memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--datasketch-max",
        type=int,
        default=10000,
        help="time datasketch on at most this many articles per size",
    )
    args = parser.parse_args()
    config = LinkConfig(workers=args.workers)
    print(
        f"{'articles':>9}{'sig/s':>9}{'ds sig/s':>10}{'link s':>9}{'link/s':>8}"
        f"{'links':>8}{'peak MB':>9}"
    )
    for size in args.sizes:
        arts = corpus(size)
        texts = [a.raw_text for a in arts]
        start = time.perf_counter()
        sign_shard(arts, 0, config)  # exact and skeleton signatures, band keys, samples
        sig_rate = size / (time.perf_counter() - start)
        ds_rate = datasketch_rate(texts[: args.datasketch_max])
        start = time.perf_counter()
        links = sum(1 for _ in link_articles(arts, config))
        seconds = time.perf_counter() - start
        print(
            f"{size:>9}{sig_rate:>9.0f}{ds_rate:>10.0f}{seconds:>9.1f}{size / seconds:>8.0f}"
            f"{links:>8}{peak_mb():>9.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
