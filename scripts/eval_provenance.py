"""Score the linking step on the provenance evaluation set; print a results table.

    python scripts/make_provenance_eval.py     # once: writes out/provenance_eval.json
    nice python scripts/eval_provenance.py [--eval out/provenance_eval.json] [--workers 2]

Every document of the set goes through `link_articles` together, so candidate generation
is scored too, not only the verifier. A predicted copy-like link between two different
families is a false positive even when nobody labelled that pair.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from storyline.dedup.linking import LinkConfig, link_articles
from storyline.model import Article

ROOT = Path(__file__).resolve().parents[1]
RELATIONS = ("copy", "near_copy", "copy+near_copy", "spun", "same_event")


def load(path: Path) -> tuple[list[Article], dict[str, str], list[dict[str, object]]]:
    """Return the articles, each article's family, and the labelled pairs."""
    data = json.loads(path.read_text(encoding="utf-8"))
    articles, family = [], {}
    for d in data["docs"]:
        when = datetime.fromisoformat(d["published_at"]) if d["published_at"] else None
        articles.append(
            Article(
                id=d["id"],
                path=d["id"],
                file=d["id"],
                format="text",
                raw_text=d["text"],
                published_at=when,
            )
        )
        family[d["id"]] = d["family"]
    return articles, family, data["pairs"]


def truth_of(
    pairs: list[dict[str, object]], family: dict[str, str]
) -> tuple[dict[tuple[str, str], str], set[tuple[str, str]]]:
    """Return the labelled relation per pair and the family pairs that report one event."""
    truth = {}
    event_families = set()
    for p in pairs:
        a, b = sorted((str(p["a"]), str(p["b"])))
        truth[a, b] = str(p["relation"])
        if p["relation"] == "same_event":
            event_families.add(tuple(sorted((family[a], family[b]))))
    return truth, event_families  # type: ignore[return-value]


def in_class(relation: str | None, name: str) -> bool:
    """Tell whether a relation counts for a reported class (copy+near_copy merges two)."""
    return relation in (("copy", "near_copy") if name == "copy+near_copy" else (name,))


def main() -> None:
    """Link the whole set, compare with the labels and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT / "out" / "provenance_eval.json")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if not args.eval.exists():
        raise SystemExit(f"{args.eval} is missing: run scripts/make_provenance_eval.py first")
    articles, family, pairs = load(args.eval)
    truth, event_families = truth_of(pairs, family)

    start = time.perf_counter()
    links = list(link_articles(articles, LinkConfig(workers=args.workers)))
    seconds = time.perf_counter() - start
    predicted = {(link.a, link.b): link for link in links}

    def true_relation(a: str, b: str) -> str | None:
        if (a, b) in truth:
            return truth[a, b]
        if family[a] == family[b]:
            return None  # two docs of one family are always labelled; never reached
        return "same_event" if tuple(sorted((family[a], family[b]))) in event_families else None

    print(
        f"{len(articles)} articles, {len(truth)} labelled pairs, {len(links)} links "
        f"in {seconds:.1f}s ({len(articles) / seconds:.0f} articles/s)"
    )
    print(f"{'relation':<16}{'precision':>10}{'recall':>8}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}")
    for name in RELATIONS:
        tp = sum(
            1
            for k, r in truth.items()
            if in_class(r, name)
            and in_class(predicted[k].relation if k in predicted else None, name)
        )
        fn = sum(1 for r in truth.values() if in_class(r, name)) - tp
        fp = sum(
            1
            for k, link in predicted.items()
            if in_class(link.relation, name) and not in_class(true_relation(*k), name)
        )
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<16}{p:>10.3f}{r:>8.3f}{f1:>7.3f}{tp:>6}{fp:>6}{fn:>6}")

    by_rate: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    achieved: dict[float, list[float]] = defaultdict(list)
    for p in pairs:
        if p["relation"] == "spun":
            key = tuple(sorted((str(p["a"]), str(p["b"]))))
            rate = float(p["rate"])  # type: ignore[arg-type]
            by_rate[rate][1] += 1
            by_rate[rate][0] += key in predicted and predicted[key].relation == "spun"  # type: ignore[index]
            achieved[rate].append(float(p["rate_achieved"]))  # type: ignore[arg-type]
    print(f"\n{'spun rate':<12}{'achieved':>9}{'recall':>8}{'pairs':>7}")
    for rate in sorted(by_rate):
        found, total = by_rate[rate]
        mean = sum(achieved[rate]) / len(achieved[rate])
        print(f"{rate:<12.0%}{mean:>9.1%}{found / total:>8.3f}{total:>7}")

    negatives = [k for k, r in truth.items() if r == "same_event"]
    wrong = sum(1 for k in negatives if k in predicted and predicted[k].relation != "same_event")
    print(f"\nsame-event negatives predicted copy-like: {wrong} of {len(negatives)}")
    known = [
        (k, p["origin"])
        for p in pairs
        if p["relation"] != "same_event"
        for k in [tuple(sorted((str(p["a"]), str(p["b"]))))]
        if k in predicted
    ]
    told = [(k, o) for k, o in known if o is not None]
    right = sum(1 for k, o in told if predicted[k].origin == o)  # type: ignore[index]
    unsure = sum(1 for k, o in known if o is None and predicted[k].origin is not None)  # type: ignore[index]
    print(
        f"origin right on {right} of {len(told)} found links whose origin is known; "
        f"{unsure} of {len(known) - len(told)} undecidable links were given an origin"
    )


if __name__ == "__main__":
    main()
