"""Check that a store grown run by run holds the links of one run over everything.

Run: nice python scripts/check_incremental_links.py [--articles 2000] [--add 100]

The Timeline17 sample of scripts/bench_run.py: `storyline run --no-quotes` over the first
`--articles` files, then again with `--add` more, into one store; then one run over all of
them into a fresh store. The two `links.jsonl` exports must be byte-identical.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
from pathlib import Path

from bench_run import DATA, _copy, sample_files
from click.testing import CliRunner

from storyline.cli import cli


def run_and_export(inputs: Path, db: Path, out: Path) -> bytes:
    """Run `storyline run` on `inputs` into `db`; return the exported links."""
    runner = CliRunner()
    args = ["run", str(inputs), "--db", str(db), "--no-report", "--quiet", "--no-quotes"]
    for command in (args, ["export", "--db", str(db), "--out", str(out)]):
        result = runner.invoke(cli, command)
        if result.exit_code != 0:
            raise SystemExit(result.output)
    return (out / "links.jsonl").read_bytes()


def main() -> int:
    """Print the link counts and digests of the grown store and the one-shot store."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--add", type=int, default=100)
    args = parser.parse_args()
    sample = sample_files(args.articles + args.add)
    extra = [p for p in sorted(DATA.glob("*/InputDocs/*/*.txt")) if p not in set(sample)]
    base, added = sample[: args.articles], (sample[args.articles :] + extra)[: args.add]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs = work / "inputs"
        _copy(base, inputs, 0)
        run_and_export(inputs, work / "grown.db", work / "first")
        _copy(added, inputs, len(base))
        grown = run_and_export(inputs, work / "grown.db", work / "grown")
        whole = run_and_export(inputs, work / "whole.db", work / "whole")
    for name, links in (("grown run by run", grown), ("one run", whole)):
        digest = hashlib.sha256(links).hexdigest()[:16]
        count = links.count(b"\n")
        print(f"{name}: {count} links, sha256 {digest}")
    print("identical" if grown == whole else "DIFFERENT")
    return 0 if grown == whole else 1


if __name__ == "__main__":
    raise SystemExit(main())
