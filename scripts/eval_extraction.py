"""Score storyline's HTML reading beside plain trafilatura on trafilatura's own evaluation pages.

Each page comes with text segments its main text must contain (`with`) and must not contain
(`without`). As in trafilatura's tests/evaluate.py, a `with` segment found is a true positive,
one missed a false negative, a `without` segment found a false positive; precision, recall
and F1 are over all segments of the pages scored. A page whose body is lost (rejected, or
no text) scores every `with` segment as missed.

storyline goes through the product path: the pages are written as HTML files into a
temporary folder, read with `storyline run` and exported with `storyline export`, so
decoding (Shift-JIS, GB18030 ...) is storyline's own. trafilatura gets the same bytes.

The pages are split in two halves by a hash of their URL, fixed before any tuning: `tune`
for developing the cleaning rules, `held-out` for reporting.

Usage: python scripts/eval_extraction.py [--data DIR] [--half tune|held-out|all] [--errors]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "trafilatura-eval"
HALVES = ("tune", "held-out")


@dataclass(frozen=True)
class Page:
    """One evaluation page: its URL, raw bytes and the segments to find and not to find."""

    url: str
    html: bytes
    with_segments: tuple[str, ...]
    without_segments: tuple[str, ...]


@dataclass
class Score:
    """Segment counts over a set of pages."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    lost: int = 0  # pages with no body at all

    def add(self, page: Page, text: str | None) -> None:
        """Count one page's segments against the extracted text (None: body lost)."""
        found = " ".join((text or "").split())
        if not found:
            self.lost += 1
        for segment in page.with_segments:
            if " ".join(segment.split()) in found and found:
                self.tp += 1
            else:
                self.fn += 1
        for segment in page.without_segments:
            if found and " ".join(segment.split()) in found:
                self.fp += 1
            else:
                self.tn += 1

    def figures(self) -> dict[str, float]:
        """Return precision, recall, F1 and accuracy."""
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        total = self.tp + self.fn + self.fp + self.tn
        accuracy = (self.tp + self.tn) / total if total else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy}


def half_of(url: str) -> str:
    """Return the half a page belongs to, by a hash of its URL (fixed before tuning)."""
    return HALVES[hashlib.sha256(url.encode("utf-8")).digest()[0] % 2]


def load_pages(data: Path, half: str) -> list[Page]:
    """Return the evaluation pages of one half (or all), in URL order."""
    index = json.loads((data / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url in sorted(index):
        entry = index[url]
        if half != "all" and half_of(url) != half:
            continue
        path = data / "pages" / f"{entry['file']}.gz"
        if not path.exists():
            path = data / "pages" / entry["file"]
        pages.append(
            Page(
                url=url,
                html=gzip.decompress(path.read_bytes()),
                with_segments=tuple(entry.get("with") or ()),
                without_segments=tuple(entry.get("without") or ()),
            )
        )
    return pages


def run_storyline(pages: list[Page]) -> dict[str, dict[str, str | None]]:
    """Return {url: {"text": ..., "raw_text": ...}} from `storyline run` and `export`.

    A rejected page maps to None texts and its reason.
    """
    env = {**os.environ}
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inputs = root / "pages"
        inputs.mkdir()
        by_name = {}
        for number, page in enumerate(pages):
            name = f"page{number:04d}.html"
            (inputs / name).write_bytes(page.html)
            by_name[name] = page.url
        db, out = root / "eval.db", root / "export"
        storyline = [sys.executable, "-m", "storyline"]
        run = [*storyline, "run", str(inputs), "--db", str(db), "--no-report", "--quiet"]
        subprocess.run(run, check=True, env=env)
        export = [*storyline, "export", "--db", str(db), "--out", str(out)]
        subprocess.run(export, check=True, env=env, stdout=subprocess.DEVNULL)
        results: dict[str, dict[str, str | None]] = {}
        for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            url = by_name[Path(row["path"]).name]
            results[url] = {
                "text": row["text"],
                "title + text": f"{row['title']}\n{row['text']}",
                "raw_text": row["raw_text"],
                "reason": None,
            }
        rejects = out / "rejects.jsonl"
        for line in rejects.read_text(encoding="utf-8").splitlines() if rejects.exists() else []:
            row = json.loads(line)
            url = by_name[Path(row["path"]).name]
            results[url] = {"reason": row["reason"]}
    return results


def trafilatura_systems() -> dict[str, Callable[[bytes], str | None]]:
    """Return plain trafilatura.extract under the settings worth comparing with."""
    import trafilatura

    def setting(**options: bool) -> Callable[[bytes], str | None]:
        return lambda html: trafilatura.extract(html, deduplicate=False, **options)

    return {
        "trafilatura default": setting(),
        "trafilatura favor_precision": setting(favor_precision=True),
        "trafilatura include_comments=False": setting(include_comments=False),
        "trafilatura favor_recall": setting(favor_recall=True),
    }


def evaluate(
    pages: list[Page], *, errors: bool = False, only_storyline: bool = False
) -> dict[str, Score]:
    """Return each system's score on `pages`; with `errors`, print storyline's misses."""
    import logging

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    scores: dict[str, Score] = {}
    found = run_storyline(pages)
    for field in ("text", "title + text", "raw_text"):
        score = scores.setdefault(f"storyline {field}", Score())
        for page in pages:
            score.add(page, found.get(page.url, {}).get(field))
    for name, extract in {} if only_storyline else trafilatura_systems().items():
        score = scores.setdefault(name, Score())
        for page in pages:
            score.add(page, extract(page.html))
    if errors:
        print_errors(pages, found)
    return scores


def print_errors(pages: list[Page], found: dict[str, dict[str, str | None]]) -> None:
    """Print the pages storyline rejected and the segments it missed or kept wrongly."""
    for page in pages:
        result = found.get(page.url, {})
        text = " ".join((result.get("text") or "").split())
        raw = " ".join((result.get("raw_text") or "").split())
        if result.get("reason"):
            print(f"LOST {page.url}: {result['reason']}")
            continue
        for segment in page.with_segments:
            key = " ".join(segment.split())
            if key not in text:
                where = "cleaned away" if key in raw else "not extracted"
                print(f"MISS {page.url} ({where}): {segment[:100]}")
        for segment in page.without_segments:
            if " ".join(segment.split()) in text:
                print(f"KEPT {page.url}: {segment[:100]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--half", choices=(*HALVES, "all"), default="held-out")
    parser.add_argument("--errors", action="store_true", help="print storyline's misses")
    parser.add_argument("--only-storyline", action="store_true", help="skip trafilatura")
    args = parser.parse_args()
    if not (args.data / "evaldata.json").exists():
        sys.exit(f"evaluation pages not found in {args.data}")
    pages = load_pages(args.data, args.half)
    segments = sum(len(p.with_segments) + len(p.without_segments) for p in pages)
    print(f"{args.half} half: {len(pages)} pages, {segments} segments")
    print(f"{'system':38} {'precision':>9} {'recall':>7} {'F1':>6} {'accuracy':>8} {'lost':>5}")
    scores = evaluate(pages, errors=args.errors, only_storyline=args.only_storyline)
    for name, score in scores.items():
        f = score.figures()
        print(
            f"{name:38} {f['precision']:9.3f} {f['recall']:7.3f} {f['f1']:6.3f}"
            f" {f['accuracy']:8.3f} {score.lost:5d}"
        )


if __name__ == "__main__":
    main()
