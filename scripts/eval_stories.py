"""Evaluate story clustering on SemEval-2022 Task 8 pairs, Timeline17 and UCI headlines.

Usage: python scripts/eval_stories.py [--data ../shared/data]
       [--part semeval|timeline17|order|uci|product-timeline17|all] [--split tune|held-out|both]
Reads the evaluation data where it lies; copies nothing into the repository. The `uci` and
`product-timeline17` parts go through the product path: inputs written as files in a temporary
folder, `storyline run`, `storyline export`, and the exported stories scored.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storyline.model import Article
from storyline.stories.bcubed import bcubed
from storyline.stories.cluster import StoryConfig, cluster_stories
from storyline.stories.embed import DocumentFrequencies, count_features, dot, weigh
from storyline.stories.state import StoryState

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def pearson(xs: list[float], ys: list[float]) -> float:
    """Return the Pearson correlation of two equally long lists."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy)


def semeval(data: Path, config: StoryConfig) -> None:
    """Correlate pair similarity with the human Overall rating; precision/recall of 'same'."""
    rows = list(csv.DictReader((data / "semeval2022-task8" / "training_set.csv").open()))
    df = DocumentFrequencies()
    counts = []
    for row in rows:
        pair = (
            count_features("", row["text1"], row["lang1"]),
            count_features("", row["text2"], row["lang2"]),
        )
        counts.append(pair)
        df.add(pair[0])
        df.add(pair[1])
    sims = [
        dot(weigh(a, df, config.article_features), weigh(b, df, config.article_features))
        for a, b in counts
    ]
    overall = [float(r["Overall"]) for r in rows]
    groups = {
        "all pairs": range(len(rows)),
        "en-en": [i for i, r in enumerate(rows) if r["lang1"] == r["lang2"] == "en"],
        "same language": [i for i, r in enumerate(rows) if r["lang1"] == r["lang2"]],
        "cross-lingual": [i for i, r in enumerate(rows) if r["lang1"] != r["lang2"]],
    }
    print("SemEval-2022 Task 8 training set: similarity = cosine of word+name TF-IDF vectors")
    print(
        f"{'pairs':<15}{'n':>6}{'pearson':>9}  "
        + "  ".join(
            f"{'P@' + str(t):>7}{'R@' + str(t):>7}"
            for t in (config.storyline_threshold, config.event_threshold)
        )
    )
    for name, idx in groups.items():
        idx = list(idx)
        r = pearson([sims[i] for i in idx], [-overall[i] for i in idx])
        cells = []
        for threshold in (config.storyline_threshold, config.event_threshold):
            same = [i for i in idx if overall[i] <= 2.0]
            said = [i for i in idx if sims[i] >= threshold]
            hits = len(set(same) & set(said))
            cells.append(f"{hits / max(1, len(said)):>7.3f}{hits / max(1, len(same)):>7.3f}")
        print(f"{name:<15}{len(idx):>6}{r:>9.3f}  " + "  ".join(cells))
    print(
        "(same story = Overall <= 2; pearson of similarity with -Overall;"
        " best task system 0.82 on the test set)"
    )


def timeline17(data: Path) -> tuple[list[Article], dict[str, str], dict[str, set[datetime]]]:
    """Return the pooled Timeline17 articles, their topic, and each topic's gold dates."""
    articles, topic_of, gold = [], {}, defaultdict(set)
    root = data / "timeline17"
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        topic = folder.name.split("_")[0]
        for path in sorted(folder.glob("InputDocs/*/*.txt")):
            day = datetime.strptime(path.parent.name, "%Y-%m-%d").replace(tzinfo=UTC)
            text = path.read_text(encoding="utf-8", errors="replace")
            title, _, body = text.partition("\n")
            aid = str(path.relative_to(root))
            articles.append(
                Article(
                    aid,
                    aid,
                    aid,
                    "text",
                    text,
                    text=body,
                    title=title,
                    published_at=day,
                    language="en",
                )
            )
            topic_of[aid] = topic
        for timeline in folder.glob("timelines/*.txt"):
            for line in timeline.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    gold[topic].add(datetime.strptime(line.strip(), "%Y-%m-%d").replace(tzinfo=UTC))
                except ValueError:
                    continue
    return articles, topic_of, gold


def date_scores(
    result_events: dict[str, str],
    state: StoryState,
    topic_of: dict[str, str],
    gold: dict[str, set[datetime]],
) -> tuple[float, float, float]:
    """Return (gold-date recall, event-date precision, day purity) of the events.

    An event belongs to the topic most of its articles come from; its span is its first to
    last publication day, widened by one day each side. Recall: share of gold timeline dates
    inside the span of some event of that topic with 3+ articles. Precision: share of such
    events whose span holds a gold date. Day purity: share of articles published within one
    day of their event's median day.
    """
    members = defaultdict(list)
    for article, event in result_events.items():
        members[event].append(article)
    spans = defaultdict(list)
    near_median = 0
    for event, arts in members.items():
        days = sorted(state.events[event].articles[a] for a in arts)
        median = days[len(days) // 2]
        near_median += sum(abs((d - median).days) <= 1 for d in days)
        if len(arts) >= 3:
            topic = Counter(topic_of[a] for a in arts).most_common(1)[0][0]
            spans[topic].append((days[0] - timedelta(days=1), days[-1] + timedelta(days=1)))
    found = sum(any(s <= d <= e for s, e in spans[t]) for t, ds in gold.items() for d in ds)
    total = sum(len(ds) for ds in gold.values())
    good = sum(any(s <= d <= e for d in gold[t]) for t, ss in spans.items() for s, e in ss)
    n_spans = sum(len(ss) for ss in spans.values())
    return found / total, good / max(1, n_spans), near_median / len(result_events)


def run_timeline17(data: Path, config: StoryConfig) -> None:
    """Cluster all Timeline17 articles at once; score storylines against topics."""
    articles, topic_of, gold = timeline17(data)
    start = time.perf_counter()
    result = cluster_stories(articles, (), None, config)
    seconds = time.perf_counter() - start
    events = dict(result.assigned)
    storylines = {a: result.state.events[e].parent or "" for a, e in events.items()}
    p, r, f = bcubed(storylines, topic_of)
    recall, precision, purity = date_scores(events, result.state, topic_of, gold)
    sizes = Counter(storylines.values())
    print(
        f"Timeline17 pooled: {len(articles)} articles, {len(set(topic_of.values()))} topics,"
        f" {seconds:.1f} s"
    )
    print(f"{'level':<12}{'clusters':>9}{'B3 P':>8}{'B3 R':>8}{'B3 F1':>8}")
    print(f"{'storylines':<12}{len(sizes):>9}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    big = sorted(sizes.values(), reverse=True)[:8]
    print(f"largest storylines: {big}; singletons: {sum(1 for n in sizes.values() if n == 1)}")
    print(
        f"events: {len(set(events.values()))}; "
        f"gold-date recall (+-1 day, events of 3+): {recall:.3f}; "
        f"event-date precision: {precision:.3f}; day purity: {purity:.3f}"
    )


def run_order(data: Path, config: StoryConfig, seeds: int = 3, batches: int = 10) -> None:
    """Measure how much arrival order changes the result: shuffled batches vs one batch."""
    articles, topic_of, _ = timeline17(data)
    reference = cluster_stories(articles, (), None, config)
    ref_events = dict(reference.assigned)
    ref_lines = {a: reference.state.events[e].parent or "" for a, e in ref_events.items()}
    print(
        f"Arrival order on Timeline17 ({len(articles)} articles):"
        " B-cubed F1 against the one-batch run"
    )
    print(f"{'arrival':<28}{'events F1':>10}{'storylines F1':>14}{'topics F1':>10}")
    runs = [("chronological, daily", None)] + [
        (f"shuffled, {batches} batches, seed {s}", s) for s in range(seeds)
    ]
    for name, seed in runs:
        if seed is None:
            by_day = defaultdict(list)
            for a in articles:
                by_day[a.published_at].append(a)
            chunks = [by_day[d] for d in sorted(by_day)]
        else:
            order = articles[:]
            random.Random(seed).shuffle(order)
            size = math.ceil(len(order) / batches)
            chunks = [order[i : i + size] for i in range(0, len(order), size)]
        state = None
        for chunk in chunks:
            state = cluster_stories(chunk, (), state, config).state
        assert state is not None
        events = dict(state.event_of)
        lines = {a: state.events[e].parent or "" for a, e in events.items()}
        ef = bcubed(events, ref_events)[2]
        sf = bcubed(lines, ref_lines)[2]
        tf = bcubed(lines, topic_of)[2]
        print(f"{name:<28}{ef:>10.3f}{sf:>14.3f}{tf:>10.3f}")


# --- the product path ---------------------------------------------------------------------

UCI_SPLIT = {0: "tune", 1: "held-out"}  # a story's half: sha256 of its id, mod 2
# Timeline17 topics by sha256 of their name: the three first tune, the two last are held out
# (haiti 08.., Finan 37.., bpoil 43.. | MJ ca.., H1N1 cc..).
T17_TUNE = ("haiti", "Finan", "bpoil")
T17_HELD_OUT = ("MJ", "H1N1")


def story_half(story: str) -> str:
    """Return the deterministic half ("tune" or "held-out") a gold story id falls in."""
    return UCI_SPLIT[int(hashlib.sha256(story.encode()).hexdigest(), 16) % 2]


def run_product(inputs: list[Path], work: Path) -> tuple[list[dict], list[dict], float]:
    """Run `storyline run` and `storyline export` on `inputs`; return articles, stories, seconds.

    Quotations are skipped (`--no-quotes`): they do not enter clustering and take most of
    the time with spaCy.
    """
    db, out = work / "eval.db", work / "export"
    command = [sys.executable, "-m", "storyline"]
    start = time.perf_counter()
    run = [*command, "run", *map(str, inputs), "--db", str(db), "--no-report", "--no-quotes"]
    subprocess.run([*run, "--quiet"], check=True)
    seconds = time.perf_counter() - start
    export = [*command, "export", "--db", str(db), "--out", str(out)]
    subprocess.run(export, check=True, stdout=subprocess.DEVNULL)
    articles = [json.loads(x) for x in (out / "articles.jsonl").open(encoding="utf-8")]
    stories = [json.loads(x) for x in (out / "stories.jsonl").open(encoding="utf-8")]
    return articles, stories, seconds


def clusters_of(stories: list[dict], level: str) -> dict[str, str]:
    """Return article id -> story id at one level of the exported stories."""
    return {a: s["id"] for s in stories if s["level"] == level for a in s["articles"]}


def print_scores(
    label: str,
    gold: dict[str, str],
    stories: list[dict],
    n_in: int,
    levels: tuple[str, ...] = ("event", "storyline"),
) -> None:
    """Print B-cubed of exported stories at each level against gold clusters."""
    for level in levels:
        got = clusters_of(stories, level)
        p, r, f = bcubed(got, gold)
        sizes = Counter(got[a] for a in gold if a in got)
        singles = sum(1 for n in sizes.values() if n == 1)
        print(
            f"{label:<44} {level:<10}{n_in:>6}{len(set(gold.values())):>6}{len(sizes):>7}"
            f"{singles:>7}{p:>7.3f}{r:>7.3f}{f:>7.3f}"
        )


SCORE_HEADER = (
    f"{'set':<44} {'level':<10}{'items':>6}{'gold':>6}{'found':>7}{'single':>7}"
    f"{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}"
)


def uci_headlines(data: Path, split: str) -> None:
    """Feed UCI headlines (title, url, source, time; no body) as JSONL; score events vs STORY."""
    rows = list(csv.DictReader((data / "uci-news" / "headlines.csv").open(encoding="utf-8")))
    print("UCI News Aggregator headlines through storyline run + export (briefs, no body)")
    print(SCORE_HEADER)
    for half in ("tune", "held-out"):
        if split not in (half, "both"):
            continue
        chosen = [r for r in rows if story_half(r["STORY"]) == half]
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            with (work / "headlines.jsonl").open("w", encoding="utf-8") as f:
                for r in chosen:
                    record = {
                        "id": f"uci-{r['ID']}",
                        "title": r["TITLE"],
                        "url": r["URL"],
                        "source": r["HOSTNAME"],
                        "published": int(r["TIMESTAMP"]),
                    }
                    f.write(json.dumps(record) + "\n")
            articles, stories, seconds = run_product([work / "headlines.jsonl"], work)
        gold = {f"uci-{r['ID']}": r["STORY"] for r in chosen}
        briefs = sum(1 for a in articles if a["brief"])
        print_scores(f"{half} ({briefs} briefs, {seconds:.0f} s)", gold, stories, len(chosen))


def t17_files(data: Path, topics: tuple[str, ...]) -> list[tuple[Path, str, str]]:
    """Return (file, topic, its path under the data folder) of Timeline17 articles of topics."""
    root = data / "timeline17"
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        topic = folder.name.split("_")[0]
        if topic in topics:
            for path in sorted(folder.glob("InputDocs/*/*.txt")):
                found.append((path, topic, str(path.relative_to(root))))
    return found


def product_timeline17(data: Path, split: str) -> None:
    """Score storylines against Timeline17 topics through the product path, two ways.

    As JSONL records (title = first line, text, published = the day folder) and as bare
    files copied into a temporary tree of day folders, dated by their path alone.
    """
    print("Timeline17 storylines vs topics through storyline run + export")
    print(SCORE_HEADER)
    sets = [("tune", T17_TUNE), ("held-out", T17_HELD_OUT)]
    for half, topics in sets:
        if split not in (half, "both"):
            continue
        files = t17_files(data, topics)
        for mode in ("jsonl", "bare"):
            with tempfile.TemporaryDirectory() as tmp:
                work = Path(tmp)
                gold: dict[str, str] = {}
                if mode == "jsonl":
                    with (work / "t17.jsonl").open("w", encoding="utf-8") as f:
                        for path, topic, name in files:
                            text = path.read_text(encoding="utf-8", errors="replace")
                            title, _, body = text.partition("\n")
                            day = path.parent.name
                            record = {"id": name, "title": title, "text": body, "published": day}
                            f.write(json.dumps(record) + "\n")
                            gold[name] = topic
                    articles, stories, seconds = run_product([work / "t17.jsonl"], work)
                else:
                    tree = work / "t17"
                    for path, topic, name in files:
                        target = tree / name
                        target.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(path, target)
                        gold[os.path.abspath(target)] = topic
                    articles, stories, seconds = run_product([tree], work)
                    by_path = {a["path"]: a["id"] for a in articles}
                    gold = {by_path[p]: t for p, t in gold.items() if p in by_path}
                dated = sum(1 for a in articles if a["published"])
                label = f"{half} {'+'.join(topics)} {mode} ({dated} dated, {seconds:.0f} s)"
                # A topic is months of events: only storylines are meant to match it.
                print_scores(label, gold, stories, len(files), ("storyline",))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parts = ["semeval", "timeline17", "order", "uci", "product-timeline17", "all"]
    parser.add_argument("--part", choices=parts, default="all")
    parser.add_argument("--split", choices=["tune", "held-out", "both"], default="both")
    parser.add_argument("--storyline-threshold", type=float, default=None)
    parser.add_argument("--candidates-per-feature", type=int, default=None)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"evaluation data not found at {args.data}", file=sys.stderr)
        return 1
    overrides = {
        "storyline_threshold": args.storyline_threshold,
        "candidates_per_feature": args.candidates_per_feature,
    }
    config = StoryConfig(**{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]
    if args.part in ("semeval", "all"):
        semeval(args.data, config)
    if args.part in ("timeline17", "all"):
        run_timeline17(args.data, config)
    if args.part in ("order", "all"):
        run_order(args.data, config)
    if args.part in ("uci", "all"):
        uci_headlines(args.data, args.split)
    if args.part in ("product-timeline17", "all"):
        product_timeline17(args.data, args.split)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
