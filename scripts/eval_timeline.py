"""Evaluate timeline summarization on Timeline17: date F1 and alignment-based ROUGE (tilse).

Usage: python scripts/eval_timeline.py [DATA_DIR] [--topics a,b] [--json FILE]

DATA_DIR defaults to ../shared/data/timeline17 beside the checkout. Each topic folder holds
`InputDocs/YYYY-MM-DD/*.htm.txt` (one tokenised sentence a line) and `timelines/*.txt` (gold).
Protocol (Martschat & Markert 2018; Ghalandari & Ifrim 2020): the articles published between
the gold timeline's first and last date, as many dates as the gold timeline, and its average
number of sentences per date (rounded). Metrics come from the `tilse` package (Martschat &
Markert 2017): "agreement" and "align+ m:1" ROUGE-1/2 F1, and date F1. `--rouge reimpl` (the
default) counts n-grams with tilse's Python ROUGE (Porter stemming, ROUGE's stopwords removed);
`--rouge original` runs the ROUGE-1.5.5 Perl script tilse bundles (needs Perl's XML::DOM).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from storyline.errors import MissingExtraError
from storyline.model import Article, TimelineEntry
from storyline.timeline.formats import read_tilse
from storyline.timeline.tls import summarize_timeline

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "timeline17"
# Published best on Timeline17 (Ghalandari & Ifrim 2020, Table 4, DATEWISE), for the table.
PUBLISHED = {"date_f1": 0.544, "align_r1_f1": 0.120, "align_r2_f1": 0.035}


def load_articles(topic: Path, start: date, end: date) -> Iterator[Article]:
    """Yield the topic's articles published from `start` to `end`, dated by their folder."""
    for folder in sorted((topic / "InputDocs").iterdir()):
        try:
            day = date.fromisoformat(folder.name)
        except ValueError:
            continue
        if not start <= day <= end:
            continue
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            yield Article(
                id=f"{folder.name}/{path.name.split('.')[0]}",
                path=str(path),
                file=str(path),
                format="text",
                raw_text=text,
                text=text,
                published_at=datetime(day.year, day.month, day.day, tzinfo=UTC),
                published_from="metadata",
            )


def _evaluators() -> tuple[Any, Any, Any]:
    try:
        from tilse.data.timelines import GroundTruth, Timeline
        from tilse.evaluation.rouge import TimelineRougeEvaluator
    except ImportError as err:
        raise MissingExtraError(
            "the evaluation needs tilse and nltk: pip install tilse nltk "
            "(tilse's own dependencies are not needed: pip install --no-deps tilse)"
        ) from err
    return GroundTruth, Timeline, TimelineRougeEvaluator


def score(
    entries: list[TimelineEntry], gold: dict[str, list[str]], rouge_computation: str = "reimpl"
) -> dict[str, float]:
    """Return date F1 and agreement / align+ m:1 ROUGE-1 and ROUGE-2 F1 of a timeline."""
    ground_truth, timeline, evaluator = _evaluators()
    from tilse.evaluation.dates import evaluate_dates

    predicted: dict[date, list[str]] = {}
    for entry in entries:
        predicted.setdefault(date.fromisoformat(entry.date), []).append(entry.text)
    reference = {date.fromisoformat(d): s for d, s in gold.items()}
    truth = ground_truth([timeline(reference)])
    mine = timeline(predicted)
    rouge = evaluator(measures={"rouge_1", "rouge_2"}, rouge_computation=rouge_computation)
    agreement = rouge.evaluate_agreement(mine, truth)
    align = rouge.evaluate_align_date_content_costs_many_to_one(mine, truth)
    return {
        "date_f1": evaluate_dates(mine, truth)["f_score"],
        "agree_r1_f1": agreement["rouge_1"]["f_score"],
        "agree_r2_f1": agreement["rouge_2"]["f_score"],
        "align_r1_f1": align["rouge_1"]["f_score"],
        "align_r2_f1": align["rouge_2"]["f_score"],
    }


def evaluate_topic(topic: Path, rouge_computation: str = "reimpl") -> list[dict[str, Any]]:
    """Return one result row per gold timeline of a topic."""
    rows = []
    for gold_file in sorted((topic / "timelines").glob("*.txt")):
        gold = read_tilse(gold_file.read_text(encoding="utf-8", errors="replace"))
        days = sorted(date.fromisoformat(d) for d in gold)
        per_date = round(sum(len(s) for s in gold.values()) / len(gold))
        began = time.perf_counter()
        articles = list(load_articles(topic, days[0], days[-1]))
        entries = summarize_timeline(
            articles, start=days[0], end=days[-1], dates=len(gold), sentences=per_date
        )
        row: dict[str, Any] = {"topic": topic.name, "timeline": gold_file.stem}
        row |= {"articles": len(articles), "dates": len(gold), "per_date": per_date}
        row |= score(entries, gold, rouge_computation)
        row["seconds"] = time.perf_counter() - began
        rows.append(row)
    return rows


COLUMNS = ("date_f1", "agree_r1_f1", "agree_r2_f1", "align_r1_f1", "align_r2_f1")


def print_table(rows: list[dict[str, Any]]) -> None:
    """Print per-timeline figures, their mean, and the published best."""
    head = f"{'topic':<22}{'docs':>6}{'dates':>6}{'k':>3}" + "".join(f"{c:>13}" for c in COLUMNS)
    print(head + f"{'s':>7}")
    for row in rows:
        cells = "".join(f"{row[c]:>13.4f}" for c in COLUMNS)
        line = f"{row['topic']:<22}{row['articles']:>6}{row['dates']:>6}{row['per_date']:>3}"
        print(f"{line}{cells}{row['seconds']:>7.1f}")
    means = "".join(f"{sum(r[c] for r in rows) / len(rows):>13.4f}" for c in COLUMNS)
    print(f"{'mean (' + str(len(rows)) + ')':<37}{means}")
    published = "".join(
        f"{PUBLISHED[c]:>13.3f}" if c in PUBLISHED else f"{'':>13}" for c in COLUMNS
    )
    print(f"{'published (DATEWISE)':<37}{published}")


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--topics", default="", help="comma-separated topic folders (default all)")
    parser.add_argument("--rouge", choices=("reimpl", "original"), default="reimpl")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no Timeline17 data at {args.data}", file=sys.stderr)
        return 1
    wanted = set(filter(None, args.topics.split(",")))
    topics = [p for p in sorted(args.data.iterdir()) if (p / "timelines").is_dir()]
    rows = [
        row
        for t in topics
        if not wanted or t.name in wanted
        for row in evaluate_topic(t, args.rouge)
    ]
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
