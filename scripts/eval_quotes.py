"""Score quotation and speaker extraction on PolNeAR (train and dev) against published numbers.

Run: nice python scripts/eval_quotes.py [--split dev] [--limit N] [--data PATH] [--parse-all]
[--cache DIR]. With --cache, the parses (the product's own, through `parse_articles`) are
kept in DIR keyed by a hash of the text and the selected windows, so a second run skips
spaCy; figures to report come from a run without it.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.entities.mentions import Mention, find_mentions
from storyline.nlp import load_pipeline
from storyline.quotes._lexicon import IRREGULAR, inflect, word_set
from storyline.quotes._select import select_windows
from storyline.quotes.extract import find_quotes, parse_articles

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear"
ANNOTATOR = re.compile(r"_[0-9a-f]{4}\.ann$")
SAY = re.compile(r"\b(said|says|say|saying|told|tells|according)\b", re.I)
# Verbs of communication (after Levin's say, tell and manner-of-speaking classes): a cue with
# one of them reports speech or writing, not a belief or a stance. Written out here rather
# than taken from the extractor's lexicon, so the subset does not depend on what it knows.
SPEECH_VERBS = word_set(
    """
    say tell add state note claim argue insist explain write announce report declare ask reply
    respond answer acknowledge admit deny confirm recall concede contend assert tweet post
    comment remark mention stress emphasize warn testify joke quip shout yell scream whisper
    boast brag complain repeat reiterate recount continue conclude counter retort observe
    inform assure disclose reveal allege charge lament proclaim remind email text speak talk
    """
)
SPEECH_FORMS = frozenset(
    form for verb in SPEECH_VERBS for form in inflect(verb) | set(IRREGULAR.get(verb, ()))
) | {"according"}
QUOTE_MARKS = frozenset("\"“”'‘’")
PUBLISHED = (
    "reference: rule-based extractor for Canadian news (Gender Gap Tracker): ~0.84 F1 quotes "
    "at overlap >= 0.3, 86% correct speakers; best neural models on PARC: ~0.83 F1 (overlap)"
)
TARGETS = {
    "speech content F1 (overlap)": 0.90,
    "speech speaker = right named person": 0.90,
    "speech type precision": 0.90,
}


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


def is_speech(cue: str) -> bool:
    """Tell whether a cue contains a verb of communication or "according to"."""
    return any(word in SPEECH_FORMS for word in re.findall(r"[a-z]+", cue.lower()))


def is_quoted(text: str, content: frozenset[int]) -> bool:
    """Tell whether a gold content opens or closes at quotation marks."""
    start, end = min(content), max(content) + 1
    return bool(
        set(text[max(0, start - 2) : start]) & QUOTE_MARKS or set(text[end : end + 2]) & QUOTE_MARKS
    )


def overlap(a: frozenset[int], b: frozenset[int]) -> float:
    """Return shared positions over the longer span's positions (1.0 only for equal spans)."""
    return len(a & b) / max(len(a), len(b)) if a and b else 0.0


def iou(a: frozenset[int], b: frozenset[int]) -> float:
    """Return shared positions over the positions of either span (intersection over union)."""
    return len(a & b) / len(a | b) if a and b else 0.0


def match(
    gold: list[frozenset[int]], pred: list[frozenset[int]], threshold: float, score=overlap
) -> list[tuple[int, int]]:
    """Return one-to-one (gold, predicted) index pairs, best overlaps first."""
    pairs = sorted(
        ((score(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
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
    subset_tp: int | None = None  # for a subset: predictions in it that match, if not `tp`

    def prf(self) -> tuple[float, float, float]:
        """Return precision, recall and F1."""
        hits = self.tp if self.subset_tp is None else self.subset_tp
        p = hits / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def is_right(text: str, gold: Gold, quote, mentions: list[Mention]) -> bool | None:
    """Tell whether a quotation's speaker is the head person of its gold source, if it names one."""
    people = [
        m
        for m in mentions
        if m.kind == "person"
        and gold.source
        and all(k in gold.source for k in range(m.start, m.end) if text[k].isalnum())
    ]
    if not people:
        return None
    return quote.speaker_entity == _head_person(text, gold, people).entity


def parse_cached(nlp, texts: list[str], select: bool, cache: Path | None) -> list:
    """Return `parse_articles` of `texts`, reading and writing parses kept in `cache`."""
    if cache is None:
        return parse_articles(nlp, texts, select=select)
    from spacy.tokens import Doc

    cache.mkdir(parents=True, exist_ok=True)
    keys = [
        hashlib.sha256((text + repr(select_windows(text) if select else None)).encode()).hexdigest()
        for text in texts
    ]
    missing = [i for i, k in enumerate(keys) if not (cache / k).exists()]
    fresh = parse_articles(nlp, [texts[i] for i in missing], select=select)
    for i, doc in zip(missing, fresh, strict=True):
        (cache / keys[i]).write_bytes(doc.to_bytes(exclude=["user_data"]))
    return [Doc(nlp.vocab).from_bytes((cache / k).read_bytes()) for k in keys]


def evaluate(
    split: str, data: Path, limit: int | None, *, select: bool = True, cache: Path | None = None
) -> dict[str, object]:
    """Score one split and return its counts."""
    nlp = load_pipeline()
    counts = {
        k: Counts()
        for k in (
            "content exact",
            "content overlap",
            "content IoU>=0.5",
            "source exact",
            "source overlap",
            "speech overlap",
            "speech IoU>=0.5",
        )
    }
    speech_named = [0, 0]  # right, total: speech matches whose gold source names a person
    type_precision = [0, 0]  # our speech matched to a gold attribution: gold speech, total
    # Subsets scored on both sides, matched against all gold attributions: reported speech
    # with say/told/according to, and quotations (a verb of communication or quoted words).
    subsets = {"say": Counts(subset_tp=0), "quotations": Counts(subset_tp=0)}
    named_total = named_right = first_right = pronoun_total = pronoun_resolved = 0
    docs = list(documents(split, data))[:limit]
    started = time.perf_counter()
    # The product path: only the sentences that can hold an attribution are parsed.
    parsed = parse_cached(nlp, [t for t, _ in docs], select, cache)
    for (text, golds), doc in zip(docs, parsed, strict=True):
        mentions = find_mentions(doc)
        quotes = find_quotes(text, doc=doc, mentions=mentions)
        pred_c = [positions(text, [(q.start, q.end)]) for q in quotes]
        gold_speech = [
            i for i, g in enumerate(golds) if is_speech(g.cue_text) or is_quoted(text, g.content)
        ]
        pred_speech = [j for j, q in enumerate(quotes) if q.type == "speech"]
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
            ("content IoU>=0.5", gold_c, pred_c, 0.5),
            ("source exact", gold_s, pred_s, 1.0),
            ("source overlap", gold_s, pred_s, 0.3),
            (
                "speech overlap",
                [gold_c[i] for i in gold_speech],
                [pred_c[j] for j in pred_speech],
                0.3,
            ),
            (
                "speech IoU>=0.5",
                [gold_c[i] for i in gold_speech],
                [pred_c[j] for j in pred_speech],
                0.5,
            ),
        ):
            c = counts[name]
            c.tp += len(match(gold, pred, threshold, iou if "IoU" in name else overlap))
            c.gold += len(gold)
            c.pred += len(pred)
        for a, b in match([gold_c[i] for i in gold_speech], [pred_c[j] for j in pred_speech], 0.3):
            right = is_right(text, golds[gold_speech[a]], quotes[pred_speech[b]], mentions)
            if right is not None:
                speech_named[0] += right
                speech_named[1] += 1
        matched = match(gold_c, pred_c, 0.3)
        speech_gold_ids = set(gold_speech)
        for i, j in matched:
            if quotes[j].type == "speech":
                type_precision[0] += i in speech_gold_ids
                type_precision[1] += 1
        chosen = {
            "say": (
                {i for i, g in enumerate(golds) if SAY.search(g.cue_text)},
                {j for j, q in enumerate(quotes) if SAY.search(q.cue)},
            ),
            "quotations": (
                {
                    i
                    for i, g in enumerate(golds)
                    if is_speech(g.cue_text) or is_quoted(text, g.content)
                },
                {j for j, q in enumerate(quotes) if q.kind != "indirect" or is_speech(q.cue)},
            ),
        }
        for name, (gold_ids, pred_ids) in chosen.items():
            c = subsets[name]
            c.gold += len(gold_ids)
            c.pred += len(pred_ids)
            c.tp += sum(1 for i, _ in matched if i in gold_ids)  # recall side
            c.subset_tp = (c.subset_tp or 0) + sum(1 for _, j in matched if j in pred_ids)
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
        "subsets": subsets,
        "named": (named_right, named_total),
        "first named": (first_right, named_total),
        "pronoun": (pronoun_resolved, pronoun_total),
        "speech named": tuple(speech_named),
        "type precision": tuple(type_precision),
    }


def main() -> int:
    """Print the results table for the chosen splits."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["train", "dev", "both"], default="both")
    parser.add_argument("--limit", type=int, default=None, help="documents per split")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument(
        "--parse-all", action="store_true", help="parse every sentence, not only the selected"
    )
    parser.add_argument(
        "--cache", type=Path, default=None, help="keep the parses here between runs"
    )
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"PolNeAR not found at {args.data}: pass --data", file=sys.stderr)
        return 1
    splits = ["train", "dev"] if args.split == "both" else [args.split]
    print(PUBLISHED)
    print(f"targets: {TARGETS}")
    for split in splits:
        r = evaluate(split, args.data, args.limit, select=not args.parse_all, cache=args.cache)
        print(f"\n## {split}: {r['docs']} documents, {r['docs'] / r['seconds']:.1f} docs/s")
        print(f"{'metric':<22}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
        for name, c in r["counts"].items():
            p, rec, f = c.prf()
            print(f"{name:<22}{p:>7.3f}{rec:>7.3f}{f:>7.3f}{c.gold:>7}{c.pred:>7}")
        labels = {
            "say": "reported speech (say/told/according to on both sides)",
            "quotations": "quotations (a verb of communication or quoted words, both sides)",
        }
        for name, c in r["subsets"].items():
            p, rec, f = c.prf()
            print(
                f"{labels[name]}, content overlap P/R/F1: {p:.3f} / {rec:.3f} / {f:.3f} "
                f"({c.gold} gold, {c.pred} predicted)"
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
        right, total = r["speech named"]
        print(f"speech: speaker = right named person: {right / max(total, 1):.3f} of {total}")
        right, total = r["type precision"]
        print(
            f"speech type precision (our speech matching a gold attribution, gold speech): "
            f"{right / max(total, 1):.3f} of {total}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
