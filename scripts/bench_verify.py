"""Time linking on Timeline17 texts, and its candidate verification per pair.

    PYTHONPATH=src nice python scripts/bench_verify.py [--articles 400]

Links the raw texts of a spread sample of Timeline17 files (the sample bench_run.py takes)
in this process, with a CPU timer around each candidate pair's verification. Prints the
linking CPU seconds, the verification milliseconds per pair and a SHA-256 digest of every
field of every link, so two versions of the code can be checked to find the same links.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from storyline.dedup import linking
from storyline.model import Article

sys.path.insert(0, str(Path(__file__).parent))
from bench_run import DATA, sample_files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"Timeline17 not found at {DATA}: see ../shared/data/README.md")
        return 1
    articles = [
        Article(id=f"{i:05d}", path=str(p), file=str(p), format="text", raw_text=p.read_text())
        for i, p in enumerate(sample_files(args.articles)[: args.articles])
    ]
    spent, pairs = 0.0, 0
    verify_pair = linking.verify_pair

    def timed(texts: tuple[str, str]) -> linking.Verdict:
        nonlocal spent, pairs
        cpu = time.process_time()
        try:
            return verify_pair(texts)
        finally:
            spent += time.process_time() - cpu
            pairs += 1

    linking.verify_pair = timed  # type: ignore[assignment]
    cpu = time.process_time()
    links = list(linking.link_articles(articles))
    cpu = time.process_time() - cpu
    fields = [(k.a, k.b, k.relation, k.score, k.origin, k.evidence) for k in links]
    print(
        f"{len(articles)} articles: linking {cpu:.1f} CPU s; verification {spent:.1f} CPU s "
        f"over {pairs} candidate pairs, {1000 * spent / max(1, pairs):.1f} ms per pair; "
        f"{len(links)} links, digest {hashlib.sha256(repr(fields).encode()).hexdigest()[:16]}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
