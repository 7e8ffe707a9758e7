"""Score quotation and speaker extraction on PolNeAR (train and dev) against published numbers.

Run: nice python scripts/eval_quotes.py [--split dev] [--limit N] [--data PATH]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.extract._nlp import load_pipeline
from storyline.extract.entities import Mention, find_mentions
from storyline.extract.quotes import find_quotes

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear"
ANNOTATOR = re.compile(r"_[0-9a-f]{4}\.ann$")
SAY = re.compile(r"\b(said|says|say|saying|told|tells|according)\b", re.I)
PUBLISHED = (
    "reference: rule-based extractor for Canadian news (Gender Gap Tracker): ~0.84 F1 quotes "
    "at overlap >= 0.3, 86% correct speakers; best neural models on PARC: ~0.83 F1 (overlap)"
)
TARGETS = {"content F1 (overlap)": 0.85, "speaker = right named person": 0.88}


@dataclass(frozen=True)
class Gold:
    """One annotated attribution: content and source as sets of word-character positions."""

    content: frozenset[int]
    source: frozenset[int]
    source_text: str
    cue_text: str


def positions(text: str, ranges: list[tuple[int, int]]) -> frozenset[int]:
    """Return the positions of letters and digits in `ranges`, so edges and marks do not count."""
    return frozenset(i for s, e in ranges for i in range(s, e) if text[i].isalnum())


def read_ann(path: Path, text: str) -> list[Gold]:
    """Return the attributions of a brat standoff file that have a content span."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            ranges = [tuple(map(int, r.split())) for r in offsets.split(";")]
            spans[parts[0]] = (
                label,
                [(a, b) for a, b in ranges],
                parts[2] if len(parts) > 2 else "",
            )
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    golds = []
    for rel in relations:
        if "Content" not in rel or rel["Content"] not in spans:
            continue
        source = spans.get(rel.get("Source", ""), ("", [], ""))
        cue = spans.get(rel.get("Cue", ""), ("", [], ""))
        golds.append(
            Gold(
                positions(text, spans[rel["Content"]][1]),
                positions(text, source[1]),
                source[2],
                cue[2],
            )
        )
    return [g for g in golds if g.content]


def documents(split: str, data: Path) -> Iterator[tuple[str, list[Gold]]]:
    """Yield (text, gold attributions) per document, one annotator per text."""
    seen = set()
    for ann in sorted((data / split / "attributions").glob("*.ann")):
        base = ANNOTATOR.sub("", ann.name)
        if base in seen:
            continue  # doubly annotated texts: score against the first annotator only
        seen.add(base)
        text_path = data / split / "text" / f"{base}.txt"
        if text_path.exists():
            text = text_path.read_text(encoding="utf-8")
            yield text, read_ann(ann, text)


def overlap(a: frozenset[int], b: frozenset[int]) -> float:
    """Return shared positions over the longer span's positions (1.0 only for equal spans)."""
    return len(a & b) / max(len(a), len(b)) if a and b else 0.0


def match(
    gold: list[frozenset[int]], pred: list[frozenset[int]], threshold: float
) -> list[tuple[int, int]]:
    """Return one-to-one (gold, predicted) index pairs, best overlaps first."""
    pairs = sorted(
        ((overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
        reverse=True,
    )
    used_g, used_p, out = set(), set(), []
    for score, i, j in pairs:
        if score < threshold or score == 0:
            break
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def _head_person(text: str, gold: Gold, people: list[Mention]) -> Mention:
    """Return the person a gold source names as its head, not as a modifier.

    "Clinton spokesman Brian Fallon" is Fallon, "Murphy, the head of Right to Rise" is Murphy:
    the first name that the source phrase does not continue past with more of the same noun
    phrase (a possessive, or a word before any comma, dash, bracket, "of" or "who").
    """
    end = max(gold.source) + 1
    for m in people:
        rest = text[m.end : end].strip()
        if not rest or rest[0] in ",—–-(" or rest.split()[0].lower() in {"of", "who", "and"}:
            return m
    return people[-1]


@dataclass
class Counts:
    """True positives and totals for one metric."""

    tp: int = 0
    gold: int = 0
    pred: int = 0

    def prf(self) -> tuple[float, float, float]:
        """Return precision, recall and F1."""
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(split: str, data: Path, limit: int | None) -> dict[str, object]:
    """Score one split and return its counts."""
    nlp = load_pipeline()
    counts = {
        k: Counts() for k in ("content exact", "content overlap", "source exact", "source overlap")
    }
    say = Counts()  # recall of gold attributions with a speech cue
    said = Counts()  # precision of our quotations with a speech cue
    named_total = named_right = first_right = pronoun_total = pronoun_resolved = 0
    docs = list(documents(split, data))[:limit]
    started = time.perf_counter()
    for (text, golds), doc in zip(docs, nlp.pipe(t for t, _ in docs), strict=True):
        mentions = find_mentions(doc)
        quotes = find_quotes(text, doc=doc, mentions=mentions)
        pred_c = [positions(text, [(q.start, q.end)]) for q in quotes]
        gold_c = [g.content for g in golds]
        pred_s = [
            positions(text, [(q.speaker_start, q.speaker_end)])
            for q in quotes
            if q.speaker_start is not None
        ]
        gold_s = [g.source for g in golds if g.source]
        for name, gold, pred, threshold in (
            ("content exact", gold_c, pred_c, 1.0),
            ("content overlap", gold_c, pred_c, 0.3),
            ("source exact", gold_s, pred_s, 1.0),
            ("source overlap", gold_s, pred_s, 0.3),
        ):
            c = counts[name]
            c.tp += len(match(gold, pred, threshold))
            c.gold += len(gold)
            c.pred += len(pred)
        say_gold = [i for i, g in enumerate(golds) if SAY.search(g.cue_text)]
        matched = match(gold_c, pred_c, 0.3)
        say.gold += len(say_gold)
        say.tp += sum(1 for i, _ in matched if i in say_gold)
        said_pred = {j for j, q in enumerate(quotes) if SAY.search(q.cue)}
        said.pred += len(said_pred)
        said.tp += sum(1 for _, j in matched if j in said_pred)
        for i, j in matched:
            g, q = golds[i], quotes[j]
            # The right named person: a person our NER finds inside the gold source span.
            people = [
                m
                for m in mentions
                if m.kind == "person"
                and g.source
                and all(k in g.source for k in range(m.start, m.end) if text[k].isalnum())
            ]
            if people:
                named_total += 1
                named_right += q.speaker_entity == _head_person(text, g, people).entity
                first_right += q.speaker_entity == people[0].entity
            elif g.source_text.lower() in {"he", "she", "him", "her"}:
                pronoun_total += 1
                pronoun_resolved += q.speaker_entity is not None
    seconds = time.perf_counter() - started
    return {
        "docs": len(docs),
        "seconds": seconds,
        "counts": counts,
        "say": say,
        "said": said,
        "named": (named_right, named_total),
        "first named": (first_right, named_total),
        "pronoun": (pronoun_resolved, pronoun_total),
    }


def main() -> int:
    """Print the results table for the chosen splits."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["train", "dev", "both"], default="both")
    parser.add_argument("--limit", type=int, default=None, help="documents per split")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"PolNeAR not found at {args.data}: pass --data", file=sys.stderr)
        return 1
    splits = ["train", "dev"] if args.split == "both" else [args.split]
    print(PUBLISHED)
    print(f"targets: {TARGETS}")
    for split in splits:
        r = evaluate(split, args.data, args.limit)
        print(f"\n## {split}: {r['docs']} documents, {r['docs'] / r['seconds']:.1f} docs/s")
        print(f"{'metric':<22}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
        for name, c in r["counts"].items():
            p, rec, f = c.prf()
            print(f"{name:<22}{p:>7.3f}{rec:>7.3f}{f:>7.3f}{c.gold:>7}{c.pred:>7}")
        say = r["say"]
        share = say.tp / max(say.gold, 1)
        print(
            f"content recall (overlap), 'say'/'told'/'according to' cues: {share:.3f} of {say.gold}"
        )
        # Reported speech alone, the task of quote extractors such as the Gender Gap Tracker:
        # precision over our quotations with a speech cue (matched to any gold attribution).
        said = r["said"]
        precision = said.tp / max(said.pred, 1)
        f1 = 2 * precision * share / max(precision + share, 1e-9)
        print(
            f"reported speech (speech cues on both sides), content overlap P/R/F1: "
            f"{precision:.3f} / {share:.3f} / {f1:.3f} ({said.pred} predicted)"
        )
        right, total = r["named"]
        share = right / max(total, 1)
        print(f"speaker = right named person (gold source names one): {share:.3f} of {total}")
        first, _ = r["first named"]
        share = first / max(total, 1)
        print(f"  (against the first name in the gold source, the earlier rule: {share:.3f})")
        resolved, total = r["pronoun"]
        share = resolved / max(total, 1)
        print(f"pronoun sources (he/she) resolved to a person: {share:.3f} of {total}")
        print("  (their accuracy is not measurable: PolNeAR has no coreference gold)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
