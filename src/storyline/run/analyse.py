"""The per-article analysis phase: dates, quotations and entities of articles not yet analysed."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice

from storyline.executors.choice import Executor
from storyline.executors.local import run_apart
from storyline.model import Article, Record
from storyline.pipeline import analysis_stage_names, analysis_stages
from storyline.store.sqlite import Store, among
from storyline.store.tables import AnalysisRecord

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (units done, units in all)
SHARD_ARTICLES = 50  # articles per analysis shard: small enough to balance, big enough to batch
# An article longer than this is analysed alone, one at a time, after the pool's shards, in
# a process of its own: its peak memory (tens of times its size) is then never multiplied by
# --workers, nor added to a shard's, nor kept by the driver (docs/pipeline.md, "Memory").
LARGE_ARTICLE_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class StoredArticles:
    """Read a shard of stored articles, named by their ids (picklable, for worker processes)."""

    db_path: str

    def __call__(self, ids: tuple[str, ...]) -> Iterator[Record]:
        with Store(self.db_path) as store:
            yield from list(store.articles(*among("id", ids)))


@dataclass(frozen=True, slots=True)
class SaveAnalysis:
    """Write what the analysis stages found for a shard, in one transaction at its end."""

    db_path: str
    steps: str  # the analysis stages that ran, so a later run knows what is missing

    def __call__(self, records: Iterable[Record | AnalysisRecord]) -> Iterator[Record]:
        found = list(records)
        with Store(self.db_path) as store:
            store.save_analysis(found, self.steps)
        return iter(())


def given_articles(articles: tuple[Article, ...]) -> Iterator[Record]:
    """Read a shard that is its articles (sent by the driver to workers off its machine)."""
    return iter(articles)


def analyse_articles(
    store: Store,
    *,
    workers: int = 1,
    progress: Progress | None = None,
    quotes: bool | None = None,
    executor: Executor | None = None,
) -> tuple[int, list[str]]:
    """Run the per-article stages on articles not yet analysed; return (count, errors).

    `quotes=False` skips quotations even with the spaCy extra (see `analysis_stage_names`).
    Local workers read their shard from the store and write what they found; Ray workers
    get the shard's articles from the driver and return what they found, which the driver
    commits, a shard per transaction, in the order of the shards.
    """
    executor = executor or Executor(workers=workers)
    stages = analysis_stages(quotes=quotes)
    # Versioned: a changed stage runs again everywhere.
    steps = ",".join(analysis_stage_names(quotes=quotes))
    store.forget_analysis()  # of articles that are gone
    sizes = {
        row["id"]: row["size"]
        for row in store.rows(
            "articles a LEFT JOIN analysed d ON d.article = a.id",
            ("a.id AS id", "max(length(a.text), length(a.raw_text)) AS size"),
            order_by="a.id",
            where="d.steps IS NULL OR d.steps != ?",
            params=(steps,),
        )
    }
    pending = list(sizes)
    store.forget_analysis(pending)
    shards, large = plan_shards(sizes)
    errors = []
    if executor.driver_commits:
        # Read lazily: the executor holds only the shards in flight.
        given = (tuple(store.articles(*among("id", ids))) for ids in shards)
        reports = executor.run(given_articles, given, stages)
    else:
        save = SaveAnalysis(str(store.path), steps)
        reports = executor.run(StoredArticles(str(store.path)), shards, [*stages, save])
    if large:
        save = SaveAnalysis(str(store.path), steps)  # the article's process writes the store
        alone = run_apart(StoredArticles(str(store.path)), large, [*stages, save])
        reports = chain(reports, alone)
    done = 0
    for report in reports:
        if report.error:
            errors.append(f"analysis of {len(report.shard)} articles failed: {report.error}")
        elif report.records:
            store.save_analysis(report.records, steps)
        done += len(report.shard)
        if progress:
            progress(done, len(pending))  # articles, not shards
    return len(pending), errors


def plan_shards(
    sizes: dict[str, int], large: int | None = None
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Split article ids (with their text lengths) into pool shards and one-article shards.

    Articles longer than `large` characters each get a shard of their own, run apart from
    the pool (see LARGE_ARTICLE_CHARS); the rest go `SHARD_ARTICLES` to a shard, in order.
    """
    large = LARGE_ARTICLE_CHARS if large is None else large
    small = [i for i, size in sizes.items() if (size or 0) <= large]
    alone: list[tuple[str, ...]] = [(i,) for i, size in sizes.items() if (size or 0) > large]
    return list(_chunks(small, SHARD_ARTICLES)), alone


def _chunks(items: list[str], size: int) -> Iterator[tuple[str, ...]]:
    it = iter(items)
    while chunk := tuple(islice(it, size)):
        yield chunk
