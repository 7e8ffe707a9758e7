"""Evaluate timeline summarization on Timeline17, leave one topic out, through `storyline timeline`.

Usage: python scripts/eval_timeline.py [DATA_DIR] [--workers N] [--json FILE] [--no-cli]

DATA_DIR defaults to ../shared/data/timeline17 beside the checkout. Each folder `TOPIC_SOURCE`
holds `InputDocs/YYYY-MM-DD/*.htm.txt` (one tokenised sentence a line) and `timelines/*.txt`.
Protocol (Martschat & Markert 2018; Ghalandari & Ifrim 2020): the articles published between
the gold timeline's first and last date, as many dates as the gold timeline, its average number
of sentences per date (rounded). Metrics from `tilse` (Martschat & Markert 2017): date F1 and
"align+ m:1" ROUGE-1/2 F1 (tilse's Python ROUGE: Porter stemming, ROUGE's stopwords removed).

Discipline: every variant in VARIANTS is scored on every timeline; for each topic, the variant
with the best objective on the *other* topics is chosen and scored on that topic. The headline
figure is the mean over the held-out folds (a fold: one topic, the mean of its timelines). The
figures of the variant best on all topics are printed beside it, labelled in-sample.

Product path: each timeline's articles are written as JSON Lines records (text, publication day
from the folder) and read back with the reader `storyline timeline` uses; the selection loop
runs the summarizer in-process on them, and the final held-out figures come from running the
`storyline timeline` command itself with each fold's chosen variant. Both are printed; they
must agree (a difference is a bug in the command).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import string
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from storyline.adhoc import read_all_articles
from storyline.errors import MissingExtraError
from storyline.timeline.dating import date_sentences
from storyline.timeline.formats import read_tilse
from storyline.timeline.tls import TimelineMethod, timeline_of_dated

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "timeline17"
METRICS = ("align_r1_f1", "align_r2_f1", "date_f1")
# Published on Timeline17 (all 19 timelines): DATEWISE (Ghalandari & Ifrim 2020, Table 4) and
# LLM-TLS-13B (Hu et al. 2024). A reference, not a same-data comparison.
PUBLISHED = {
    "DATEWISE": {"align_r1_f1": 0.120, "align_r2_f1": 0.035, "date_f1": 0.544},
    "LLM-TLS-13B": {"align_r1_f1": 0.118, "align_r2_f1": 0.036, "date_f1": 0.528},
}
TARGET = PUBLISHED["DATEWISE"]


# One change at a time from the plain date-wise method, and the combinations of the changes
# that the machine's time allowed (each variant costs a full pass over the 11 timelines).
GRID = {
    "datewise": {},
    "pub0.5": {"published": 0.5},
    "pub2": {"published": 2.0},
    "spread2": {"spread": 2},
    "lexrank": {"select": "lexrank"},
    "across0.5": {"across": 0.5},
    "lexrank+across0.5": {"select": "lexrank", "across": 0.5},
    "pub2+lexrank+across0.5": {"published": 2.0, "select": "lexrank", "across": 0.5},
}


def _variants() -> dict[str, TimelineMethod]:
    """Return the grid the folds choose from, by name."""
    plain = {"published": 1.0, "spread": 0, "select": "centroid", "across": 1.0}
    return {name: TimelineMethod(**(plain | change)) for name, change in GRID.items()}


VARIANTS = _variants()


def objective(row: dict[str, float]) -> float:
    """Return the selection objective: each metric relative to DATEWISE's, averaged."""
    return sum(row[m] / TARGET[m] for m in METRICS) / len(METRICS)


@dataclass(frozen=True, slots=True)
class Task:
    """One gold timeline and the summarization request the protocol derives from it."""

    topic: str  # "bpoil": what the folds leave out
    folder: Path
    gold_file: Path
    start: date
    end: date
    dates: int
    per_date: int

    @property
    def name(self) -> str:
        return f"{self.folder.name}/{self.gold_file.stem}"

    def gold(self) -> dict[str, list[str]]:
        return read_tilse(self.gold_file.read_text(encoding="utf-8", errors="replace"))


def find_tasks(data: Path) -> list[Task]:
    """Return one task per gold timeline under `data`, in folder order."""
    tasks = []
    for folder in sorted(p for p in data.iterdir() if (p / "timelines").is_dir()):
        for gold_file in sorted((folder / "timelines").glob("*.txt")):
            gold = read_tilse(gold_file.read_text(encoding="utf-8", errors="replace"))
            days = sorted(date.fromisoformat(d) for d in gold)
            per_date = round(sum(len(s) for s in gold.values()) / len(gold))
            topic = folder.name.split("_")[0]
            tasks.append(Task(topic, folder, gold_file, days[0], days[-1], len(gold), per_date))
    return tasks


def _day_files(folders: list[Path], start: date, end: date) -> list[tuple[str, Path]]:
    """Return (publication day, file) of the articles in the folders, from `start` to `end`."""
    found = []
    for folder in folders:
        for day_folder in sorted((folder / "InputDocs").iterdir()):
            try:
                day = date.fromisoformat(day_folder.name)
            except ValueError:
                continue
            if start <= day <= end:
                found += [(day_folder.name, f) for f in sorted(day_folder.glob("*.txt"))]
    return sorted(found, key=lambda pair: (pair[0], str(pair[1])))


def write_records(
    task: Task, path: Path, limit: int | None = None, folders: list[Path] | None = None
) -> int:
    """Write the task's articles as JSON Lines (text, publication day); return how many."""
    files = _day_files(folders or [task.folder], task.start, task.end)[:limit]
    with path.open("w", encoding="utf-8") as out:
        for day, file in files:
            text = file.read_text(encoding="utf-8", errors="replace")
            key = f"{file.parents[2].name}/{day}/{file.name.split('.')[0]}"
            record = {"id": key, "title": "", "text": text, "published": day}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(files)


def run_command(task: Task, records: Path, method: TimelineMethod) -> dict[str, list[str]]:
    """Run `storyline timeline` on the records and return its timeline as {date: sentences}."""
    command = [sys.executable, "-m", "storyline", "timeline", str(records)]
    command += ["--from", task.start.isoformat(), "--to", task.end.isoformat()]
    command += ["--dates", str(task.dates), "--sentences", str(task.per_date), "--format", "tilse"]
    command += ["--method", json.dumps(asdict(method))]
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    )
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    return read_tilse(done.stdout)


def _evaluators() -> tuple[Any, Any, Any, Any]:
    try:
        from tilse.data.timelines import GroundTruth, Timeline
        from tilse.evaluation.dates import evaluate_dates
        from tilse.evaluation.rouge import TimelineRougeEvaluator
    except ImportError as err:
        raise MissingExtraError(
            "the evaluation needs tilse and nltk: pip install --no-deps tilse && pip install nltk"
        ) from err
    return GroundTruth, Timeline, TimelineRougeEvaluator, evaluate_dates


class _Stemmer:
    """What tilse's stemming method needs of its instance: nltk's Porter stemmer."""

    def __init__(self) -> None:
        import nltk

        self.porter_stemmer = nltk.stem.PorterStemmer()


_STEMMER: Any = None


def _cached_counts() -> None:
    """Make tilse count each summary's words once, not once per date pair (same arithmetic).

    The alignment's cost matrix calls `compute_rouge_approximation` for every pair of
    predicted and gold dates, rebuilding both word counts each time; this is most of the run.
    """
    from tilse.evaluation import rouge, util

    global _STEMMER
    if getattr(util, "_counts_cached", False):
        return
    _STEMMER = _Stemmer()

    @functools.cache
    def counts(sentences: tuple[str, ...]) -> Counter[str]:
        found: Counter[str] = Counter()
        for sentence in sentences:
            found.update(k for k in sentence.split() if k not in string.punctuation)
        return found

    def approximation(pred_summary: list[str], groundtruth: list[list[str]]) -> float:
        pred_counts = counts(tuple(pred_summary))
        ref_counts = [counts(tuple(summary)) for summary in groundtruth]
        match = 0
        for tok in pred_counts:
            match += sum(min(pred_counts[tok], ref[tok]) for ref in ref_counts)
        prec_denom = len(ref_counts) * sum(pred_counts.values())
        precision = 0 if prec_denom == 0 else match / prec_denom
        recall_denom = sum(sum(ref.values()) for ref in ref_counts)
        recall = 0 if recall_denom == 0 else match / recall_denom
        if precision + recall == 0:
            return 0
        return 2 * precision * recall / (precision + recall)

    stemmer = rouge.RougeReimplementation._robust_porter_stemmer

    @functools.cache
    def stem(word: str) -> str:
        return str(stemmer(_STEMMER, word))

    util.compute_rouge_approximation = approximation
    rouge.RougeReimplementation._robust_porter_stemmer = lambda self, word: stem(word)
    rouge.util = util
    util._counts_cached = True


def score(predicted: dict[str, list[str]], gold: dict[str, list[str]]) -> dict[str, float]:
    """Return align+ m:1 ROUGE-1 / ROUGE-2 F1 and date F1 of a timeline against its gold one."""
    ground_truth, timeline, evaluator, evaluate_dates = _evaluators()
    _cached_counts()
    mine = timeline({date.fromisoformat(d): s for d, s in predicted.items()})
    truth = ground_truth([timeline({date.fromisoformat(d): s for d, s in gold.items()})])
    rouge = evaluator(measures={"rouge_1", "rouge_2"}, rouge_computation="reimpl")
    align = rouge.evaluate_align_date_content_costs_many_to_one(mine, truth)
    return {
        "align_r1_f1": align["rouge_1"]["f_score"],
        "align_r2_f1": align["rouge_2"]["f_score"],
        "date_f1": evaluate_dates(mine, truth)["f_score"],
    }


def score_variants(task: Task) -> dict[str, Any]:
    """Score every variant on one task, in-process on the articles read from its records."""
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "articles.jsonl"
        count = write_records(task, records)
        dated = [d for ds in date_sentences(read_all_articles([records])).values() for d in ds]
    gold = task.gold()
    scores = {}
    seen: dict[str, dict[str, float]] = {}
    for name, method in VARIANTS.items():
        entries = timeline_of_dated(
            dated,
            start=task.start,
            end=task.end,
            dates=task.dates,
            sentences=task.per_date,
            method=method,
        )
        predicted: dict[str, list[str]] = defaultdict(list)
        for entry in entries:
            predicted[entry.date].append(entry.text)
        key = json.dumps(predicted, sort_keys=True)  # variants often agree: score each once
        if key not in seen:
            seen[key] = score(predicted, gold)
        scores[name] = seen[key]
    return {"task": task.name, "topic": task.topic, "articles": count, "scores": scores}


def topic_means(rows: list[dict[str, Any]], variant: str) -> dict[str, dict[str, float]]:
    """Return each topic's mean of a variant's figures over its timelines."""
    by_topic: dict[str, list[dict[str, float]]] = defaultdict(list)
    for row in rows:
        by_topic[row["topic"]].append(row["scores"][variant])
    return {
        t: {m: statistics.mean(r[m] for r in rs) for m in METRICS} for t, rs in by_topic.items()
    }


def mean_of(rows: list[dict[str, float]]) -> dict[str, float]:
    return {m: statistics.mean(r[m] for r in rows) for m in METRICS}


def leave_one_topic_out(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return, per held-out topic, the variant best on the others and its held-out figures."""
    means = {v: topic_means(rows, v) for v in VARIANTS}
    topics = sorted({row["topic"] for row in rows})
    folds = []
    for held in topics:

        def train(v: str, held: str = held) -> float:
            return objective(mean_of([means[v][t] for t in topics if t != held]))

        chosen = max(VARIANTS, key=lambda v: (train(v), v))
        folds.append(
            {"topic": held, "variant": chosen, "train": train(chosen)} | means[chosen][held]
        )
    return folds


def fmt(row: dict[str, float]) -> str:
    return "".join(f"{row[m]:>13.4f}" for m in METRICS)


def time_command(
    task: Task, folders: list[Path], runs: int = 3, articles: int = 400
) -> tuple[int, list[float]]:
    """Return how many articles, and the seconds of each `storyline timeline` run on them."""
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "articles.jsonl"
        count = write_records(task, records, limit=articles, folders=folders)
        seconds = []
        for _ in range(runs):
            began = time.perf_counter()
            run_command(task, records, TimelineMethod())
            seconds.append(time.perf_counter() - began)
    return count, seconds


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--workers", type=int, default=1, help="processes for the variant grid")
    parser.add_argument("--json", type=Path, help="also write every score to this file")
    parser.add_argument("--no-cli", action="store_true", help="skip the command-line check")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no Timeline17 data at {args.data}", file=sys.stderr)
        return 1
    _evaluators()
    tasks = find_tasks(args.data)
    with ProcessPoolExecutor(args.workers) as pool:
        rows = list(pool.map(score_variants, tasks))
    folds = leave_one_topic_out(rows)
    head = f"{'':<36}" + "".join(f"{m:>13}" for m in METRICS)
    print("Variants, mean over the 5 topics (IN-SAMPLE: no choice made on these)")
    print(head)
    for variant in VARIANTS:
        print(f"{variant:<36}{fmt(mean_of(list(topic_means(rows, variant).values())))}")
    print("\nLeave one topic out (variant chosen on the other topics, in-process)")
    print(f"{'held-out':<10}{'variant':<26}" + "".join(f"{m:>13}" for m in METRICS))
    for fold in folds:
        print(f"{fold['topic']:<10}{fold['variant']:<26}{fmt(fold)}")
    print(f"{'held-out mean':<36}{fmt(mean_of(folds))}")
    best = max(VARIANTS, key=lambda v: objective(mean_of(list(topic_means(rows, v).values()))))
    print(f"{'in-sample best: ' + best:<36}{fmt(mean_of(list(topic_means(rows, best).values())))}")
    for name, figures in PUBLISHED.items():
        print(f"{name + ' (published)':<36}{fmt(figures)}")
    result: dict[str, Any] = {"rows": rows, "folds": folds, "in_sample_best": best}
    if not args.no_cli:
        by_topic = {f["topic"]: VARIANTS[f["variant"]] for f in folds}
        cli_rows = []
        with tempfile.TemporaryDirectory() as tmp:
            for task in tasks:
                records = Path(tmp) / f"{task.folder.name}.jsonl"
                write_records(task, records)
                figures = score(run_command(task, records, by_topic[task.topic]), task.gold())
                cli_rows.append({"topic": task.topic, "task": task.name} | figures)
        cli_folds = []
        print("\nLeave one topic out through `storyline timeline` (the figures that count)")
        for fold in folds:
            mine = mean_of([r for r in cli_rows if r["topic"] == fold["topic"]])
            gap = max(abs(mine[m] - fold[m]) for m in METRICS)
            cli_folds.append(mine)
            print(
                f"{fold['topic']:<10}{fold['variant']:<26}{fmt(mine)}"
                f"   |command - in-process| {gap:.1e}"
            )
        print(f"{'held-out mean (command)':<36}{fmt(mean_of(cli_folds))}")
        result["cli_rows"] = cli_rows
        # The first 400 articles of the topic with the most sources, all of them together.
        first = max(tasks, key=lambda t: sum(other.topic == t.topic for other in tasks))
        folders = sorted({t.folder for t in tasks if t.topic == first.topic})
        wide = Task(first.topic, first.folder, first.gold_file, date.min, date.max, 20, 2)
        count, seconds = time_command(wide, folders)
        median = statistics.median(seconds)
        print(
            f"\nspeed: {count} articles of {first.topic}, 20 dates x 2 sentences:"
            f" median {median:.1f} s of 3 runs ({', '.join(f'{s:.1f}' for s in seconds)}),"
            f" {60 / median:.1f} timelines a minute (command start-up included)"
        )
        result["seconds"] = seconds
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
