"""A whole `storyline run`, phase by phase: ingest, boilerplate, analysis, global steps, report."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, replace
from functools import partial
from importlib import resources
from pathlib import Path

from storyline.executors.choice import Executor, ExecutorKind
from storyline.ingest.files import find_input_files
from storyline.run.analyse import analyse_articles
from storyline.run.checks import check_run
from storyline.run.global_steps import cluster_store, connect_quotes, link_store
from storyline.run.ingest import ingest_files, learn_boilerplate
from storyline.run.report import REPORT_ARTICLES, write_run_report
from storyline.store.sqlite import Store

Progress = Callable[[str, int, int], None]  # (what is being done, units done, units in all)


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What a run did, and what the store holds afterwards."""

    files: int  # input files named by the run
    skipped: int  # unchanged since an earlier run stored them completely
    articles: int
    rejects: int
    rejects_by_reason: tuple[tuple[str, int], ...]
    languages: tuple[tuple[str, int], ...]
    sources: tuple[tuple[str, int], ...]
    boilerplate_lines: int  # lines learnt as per-source chrome and removed from texts
    analysed: int = 0  # articles analysed by this run (dates, quotations)
    links: tuple[tuple[str, int], ...] = ()  # (relation, count)
    dates: int = 0
    quotes: int = 0
    quote_groups: int = 0
    events: int = 0
    storylines: int = 0
    timeline: int = 0  # timeline entries over all storylines
    problems: tuple[str, ...] = ()  # steps that failed on some articles, one line each


def demo_corpus() -> Path:
    """Return the folder of the bundled demo corpus."""
    return Path(str(resources.files("storyline") / "demo"))


def run_ingest(
    paths: Iterable[Path],
    db_path: Path,
    *,
    workers: int = 1,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> RunSummary:
    """Ingest every input file under `paths` into the store, then clean across the corpus.

    Files stored completely by an earlier run and unchanged since are skipped, so a re-run
    adds nothing and an interrupted run resumes where it stopped.
    """
    files = sorted({os.path.abspath(p) for p in find_input_files(paths)})
    step = partial(progress, "ingesting files") if progress else None
    with Store(db_path) as store:
        skipped = ingest_files(store, files, workers=workers, progress=step, executor=executor)
        learnt = learn_boilerplate(store)  # needs every article of a source
        return summarize(store, files=len(files), skipped=skipped, boilerplate_lines=learnt)


def run_pipeline(
    paths: Iterable[Path],
    db_path: Path,
    *,
    workers: int = 1,
    progress: Progress | None = None,
    report: Path | None = None,
    report_articles: int = REPORT_ARTICLES,
    quotes: bool | None = None,
    executor: ExecutorKind = "local",
    ray_address: str | None = None,
) -> RunSummary:
    """Ingest `paths`, analyse each new article, run the global steps, write the report.

    `quotes=False` skips quotations (spaCy) even when the extra is installed; None finds
    them when it is. `executor` runs the per-article stages on the local pool or on Ray (a
    local Ray, or the cluster at `ray_address`); the global steps run in this process either
    way. Raises InputError before any work when a named path is missing or an output cannot
    be written.
    """
    paths = list(paths)
    check_run(paths, db_path, report)
    shards = Executor(executor, workers, ray_address)
    # 1. Ingest, 2. learn and strip each source's boilerplate.
    summary = run_ingest(paths, db_path, workers=workers, progress=progress, executor=shards)
    with Store(db_path) as store:
        # 3. Per-article analysis, in parallel: dates, quotations, entities.
        step = partial(progress, "analysing articles") if progress else None
        analysed, problems = analyse_articles(store, progress=step, quotes=quotes, executor=shards)
        # 4. Global steps, which need the whole store.
        articles = store.count("articles")
        if progress:
            progress(f"linking copies among {articles} articles", 0, 0)
        with closing(shards.tasks()) as tasks:
            link_store(store, tasks)
        # A full collection gives a step's freed memory back to the system before the next
        # step peaks on top of it: after the stories step on a 17 MB article, 275 -> 108 MB.
        gc.collect()
        if progress:
            progress(f"grouping the quotations of {articles} articles", 0, 0)
        groups = connect_quotes(store)
        gc.collect()
        if progress:
            progress(f"grouping {articles} articles into events and storylines", 0, 0)
        events, storylines = cluster_store(store)
        gc.collect()
        # 5. The report.
        if report is not None:
            if progress:
                progress(f"writing the report of {storylines} storylines", 0, 0)
            write_run_report(
                store, report, title=f"storyline: {db_path.stem}", max_articles=report_articles
            )
        return replace(
            summary,
            analysed=analysed,
            links=tuple(store.tally("links", "relation")),
            dates=store.count("dates"),
            quotes=store.count("quotes"),
            quote_groups=groups,
            events=events,
            storylines=storylines,
            timeline=store.count("timeline"),
            problems=tuple(problems),
        )


def summarize(store: Store, *, files: int, skipped: int, boilerplate_lines: int) -> RunSummary:
    """Return the run summary: counts of what the store holds, by reason, language, source."""
    # the kind is what comes before ": " (a URL's "http://" holds a colon but no space after)
    reasons = store.tally("rejects", "substr(reason, 1, instr(reason || ': ', ': ') - 1)")
    return RunSummary(
        files=files,
        skipped=skipped,
        articles=store.count("articles"),
        rejects=store.count("rejects"),
        rejects_by_reason=tuple(reasons),
        languages=tuple((lang or "unknown", n) for lang, n in store.tally("articles", "language")),
        sources=tuple((src or "(no source)", n) for src, n in store.tally("articles", "source")),
        boilerplate_lines=boilerplate_lines,
    )
