"""The runs the CLI offers: ingest inputs into the store, then the global steps over it."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from importlib import resources
from pathlib import Path

from storyline.analysis import (
    analyse_articles,
    cluster_store,
    connect_quotes,
    link_store,
)
from storyline.clean.normalize import normalize_text
from storyline.clean.repeated import find_repeated_lines, remove_lines
from storyline.ingest.files import find_input_files
from storyline.ingest.read import read_input
from storyline.model import (
    DateMention,
    Entity,
    Link,
    PublishedDate,
    Quote,
    Record,
    Reject,
    Story,
    TimelineEntry,
)
from storyline.pipeline import Stage, ingest_stages
from storyline.report import report_data, write_report
from storyline.run.local import run_local
from storyline.store.save import SaveRecords
from storyline.store.sqlite import Store, among

log = logging.getLogger(__name__)
REPORT_ARTICLES = 5000  # articles in the report: a self-contained page must stay openable

BOILERPLATE_BATCH = 500  # articles re-cleaned per transaction
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


def read_path(shard: str) -> Iterator[Record]:
    """Read one input file named by its path (the shard unit of ingestion)."""
    return read_input(Path(shard))


def _signature(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def run_ingest(
    paths: Iterable[Path], db_path: Path, *, workers: int = 1, progress: Progress | None = None
) -> RunSummary:
    """Ingest every input file under `paths` into the store, then clean across the corpus.

    Files stored completely by an earlier run and unchanged since are skipped, so a re-run
    adds nothing and an interrupted run resumes where it stopped.
    """
    # 1. Name every input file once, as an absolute path: ids and resumption depend on it.
    files = sorted({os.path.abspath(p) for p in find_input_files(paths)})
    with Store(db_path) as store:
        done = store.done_inputs()
        signatures = {f: _signature(f) for f in files}
        pending = [f for f in files if signatures[f] is None or done.get(f) != signatures[f]]
        # 2. Forget half-stored or changed files, then store them afresh, in parallel.
        store.forget_inputs(pending)
        stages: list[Stage] = [*ingest_stages(), SaveRecords(str(db_path))]
        for finished, report in enumerate(run_local(read_path, pending, stages, workers), 1):
            if report.error:
                store.save([Reject(report.shard, f"internal error: {report.error}")])
            signature = signatures[report.shard]
            if signature is not None:
                store.mark_input_done(report.shard, *signature)
            if progress:
                progress("ingesting files", finished, len(pending))
        # 3. Global steps, which need every article.
        learnt = learn_boilerplate(store)
        return summarize(
            store, files=len(files), skipped=len(files) - len(pending), boilerplate_lines=learnt
        )


def run_pipeline(
    paths: Iterable[Path],
    db_path: Path,
    *,
    workers: int = 1,
    progress: Progress | None = None,
    report: Path | None = None,
    report_articles: int = REPORT_ARTICLES,
    quotes: bool | None = None,
) -> RunSummary:
    """Ingest `paths`, analyse each new article, run the global steps, write the report.

    `quotes=False` skips quotations (spaCy) even when the extra is installed; None finds
    them when it is.
    """
    summary = run_ingest(paths, db_path, workers=workers, progress=progress)
    with Store(db_path) as store:
        step = partial(progress, "analysing articles") if progress else None
        analysed, problems = analyse_articles(store, workers=workers, progress=step, quotes=quotes)
        if progress:
            progress("linking copies", 0, 0)
        link_store(store, workers=workers)
        groups = connect_quotes(store)
        if progress:
            progress("grouping stories", 0, 0)
        events, storylines = cluster_store(store)
        if report is not None:
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


def write_run_report(
    store: Store, out: Path, *, title: str, max_articles: int = REPORT_ARTICLES
) -> Path:
    """Write the HTML report of the store's largest storylines, up to `max_articles` articles.

    The report is one self-contained page holding every article it shows, so a large store
    gets the storylines a reader would start with (the largest first, at least one) and a
    title saying how many are left out; `storyline export` has everything.
    """
    stories = list(store.records(Story))
    lines = sorted(
        (s for s in stories if s.level == "storyline"), key=lambda s: (-len(s.articles), s.id)
    )
    shown: list[str] = []
    count = 0
    for line in lines:
        if shown and count + len(line.articles) > max_articles:
            break
        shown.append(line.id)
        count += len(line.articles)
    if len(shown) < len(lines):
        title += f" (the {len(shown)} largest of {len(lines)} storylines)"
    kept = set(shown)
    stories = [s for s in stories if s.id in kept or s.parent in kept]
    if lines:
        ids = {a for s in stories for a in s.articles}
    else:  # nothing clustered yet: every article
        ids = {row["id"] for row in store.rows("articles", ("id",))}
    records: list[object] = [*stories, *store.articles(*among("id", ids))]
    records += [k for k in store.records(Link) if k.a in ids and k.b in ids]
    records += [e for e in store.records(TimelineEntry) if e.storyline in kept]
    records += [e for e in store.records(Entity) if ids.intersection(e.articles)]
    for kind in (Quote, DateMention, PublishedDate):  # the records of each article shown
        records += store.records(kind, *among("article", ids))
    return write_report(out, report_data(records, title=title))


def learn_boilerplate(store: Store) -> int:
    """Find lines each source repeats across its articles, strip them from texts; return count.

    Learnt from the raw texts and applied to the texts as the per-article rules left them,
    both of which never change, so any order of runs ends with the same texts. One source
    at a time, streaming, so memory does not grow with the store.
    """
    learnt: list[tuple[str, str, int]] = []
    for source, _ in store.tally("articles", "source"):
        if not source:
            continue
        raws = store.rows("articles", ("raw_text",), where="source = ?", params=(source,))
        lines = find_repeated_lines(normalize_text(row["raw_text"]) for row in raws)
        learnt.extend((source, line, n) for line, n in lines.items())
        chrome = frozenset(lines)
        ids = [
            row["id"]
            for row in store.rows("articles", ("id",), where="source = ?", params=(source,))
        ]
        for start in range(0, len(ids), BOILERPLATE_BATCH):
            batch = ids[start : start + BOILERPLATE_BATCH]
            marks = ", ".join("?" for _ in batch)
            rows = store.rows(
                "articles",
                ("id", "local_text", "text"),
                where=f"id IN ({marks})",
                params=tuple(batch),
            )
            updates = []
            for row in list(rows):
                local = row["local_text"] or row["text"]
                if (text := remove_lines(local, chrome) if chrome else local) != row["text"]:
                    updates.append((row["id"], text))
            store.set_texts(updates)
    store.replace_boilerplate(learnt)
    return len(learnt)


def summarize(store: Store, *, files: int, skipped: int, boilerplate_lines: int) -> RunSummary:
    """Return the run summary: counts of what the store holds, by reason, language, source."""
    reasons = store.tally("rejects", "substr(reason, 1, instr(reason || ':', ':') - 1)")
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
