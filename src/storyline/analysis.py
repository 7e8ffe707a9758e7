"""What `storyline run` does after ingestion: per-article analysis, then the global steps."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from storyline.dedup.provenance import LinkConfig, link_articles, make_link, text_of
from storyline.dedup.verify import verify
from storyline.errors import InputError
from storyline.extract.lineage import canonical_speakers, group_quotes
from storyline.extract.names import merge_entities
from storyline.ingest.files import find_input_files
from storyline.ingest.read import read_input
from storyline.model import (
    Article,
    Entity,
    Link,
    Quote,
    Record,
    Reject,
    Story,
    TimelineEntry,
)
from storyline.pipeline import analysis_stage_names, analysis_stages, compose, ingest_stages
from storyline.run.local import run_local
from storyline.store.sqlite import Store, among
from storyline.store.tables import AnalysisRecord, from_row
from storyline.stories import StoryState, cluster_stories
from storyline.timeline.build import build_timelines
from storyline.timeline.summarize import summarize_stories
from storyline.timestamps import parse_timestamp

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (units done, units in all)
SHARD_ARTICLES = 50  # articles per analysis shard: small enough to balance, big enough to batch


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


def analyse_articles(
    store: Store, *, workers: int = 1, progress: Progress | None = None, quotes: bool | None = None
) -> tuple[int, list[str]]:
    """Run the per-article stages on articles not yet analysed; return (count, errors).

    `quotes=False` skips quotations even with the spaCy extra (see `analysis_stage_names`).
    """
    stages = analysis_stages(quotes=quotes)
    # Versioned: a changed stage runs again everywhere.
    steps = ",".join(analysis_stage_names(quotes=quotes))
    store.forget_analysis()  # of articles that are gone
    pending = [
        row["id"]
        for row in store.rows(
            "articles a LEFT JOIN analysed d ON d.article = a.id",
            ("a.id AS id",),
            order_by="a.id",
            where="d.steps IS NULL OR d.steps != ?",
            params=(steps,),
        )
    ]
    store.forget_analysis(pending)
    shards = list(_chunks(pending, SHARD_ARTICLES))
    errors = []
    save = SaveAnalysis(str(store.path), steps)
    reports = run_local(StoredArticles(str(store.path)), shards, [*stages, save], workers)
    for done, report in enumerate(reports, 1):
        if report.error:
            errors.append(f"analysis of {len(report.shard)} articles failed: {report.error}")
        if progress:
            progress(done, len(shards))
    return len(pending), errors


def _chunks(items: list[str], size: int) -> Iterator[tuple[str, ...]]:
    it = iter(items)
    while chunk := tuple(islice(it, size)):
        yield chunk


def link_store(store: Store, *, workers: int = 1) -> int:
    """Find copies, near copies, spun rewrites and same-event pairs; store them as `links`."""
    # Briefs have no body to align: two empty texts would look like copies of each other.
    articles = (a for a in store.articles() if not a.brief)
    links = link_articles(articles, LinkConfig(workers=workers))
    return store.replace_all(Link, links)


def connect_quotes(store: Store) -> int:
    """Merge entities across articles, and group each quotation with its relays; return groups."""
    article_entities = [
        from_row(Entity, dict(row))
        for row in store.rows("article_entities", order_by="article, id")
    ]
    entities = merge_entities(article_entities)
    store.replace_all(Entity, entities)
    # Only the dates are needed: reading whole articles would load every text.
    published = {
        row["id"]: parse_timestamp(row["published"])
        for row in store.rows("articles", ("id", "published"))
    }
    quotes = group_quotes(store.records(Quote), published)
    quotes = canonical_speakers(quotes, entities)
    store.replace_all(Quote, quotes)
    return len({q.group for q in quotes})


def read_articles(path: Path) -> Iterator[Article | Reject]:
    """Read one input file into cleaned articles and rejects, without a store."""
    for record in compose(*ingest_stages())(read_input(path)):
        if isinstance(record, Article | Reject):
            yield record


def read_one_article(path: Path) -> Article:
    """Return the first article of an input file, or raise InputError with the reason."""
    for record in read_articles(path):
        if isinstance(record, Article):
            return record
        raise InputError(f"{path}: {record.reason}")
    raise InputError(f"{path}: no article in it")


def compare_files(a_path: Path, b_path: Path) -> tuple[Article, Article, Link | None]:
    """Return the two files' articles and the link between them, or None if unrelated."""
    a, b = read_one_article(a_path), read_one_article(b_path)
    return a, b, make_link(a, b, verify(text_of(a), text_of(b)))


def quotes_in_file(path: Path) -> Iterator[Quote]:
    """Yield the quotations of each article in an input file, with offsets into its raw text.

    Quotations are found in the cleaned text, where chrome cannot pose as a speaker, then
    located in the text as read; one whose words cleaning changed keeps offsets -1.
    """
    from storyline.extract.quotes import find_quotes  # needs the spaCy extra

    for record in read_articles(path):
        if not isinstance(record, Article):
            continue
        cursor = 0
        for quote in find_quotes(record.text or record.raw_text, article=record.id):
            at = record.raw_text.find(quote.text, cursor)
            if at < 0:
                at = record.raw_text.find(quote.text)
            if at < 0:
                yield replace(quote, start=-1, end=-1, speaker_start=None, speaker_end=None)
                continue
            cursor = at
            speaker_at = _speaker_in_raw(record.raw_text, quote, at)
            yield replace(
                quote,
                start=at,
                end=at + len(quote.text),
                speaker_start=speaker_at,
                speaker_end=None if speaker_at is None else speaker_at + len(quote.speaker),
            )


def _speaker_in_raw(raw: str, quote: Quote, quote_at: int) -> int | None:
    """Return where the speaker as written is nearest to the quotation in the raw text."""
    if not quote.speaker:
        return None
    shift = quote_at - quote.start
    guess = (quote.speaker_start or quote.start) + shift
    before = raw.rfind(quote.speaker, 0, max(0, guess) + len(quote.speaker))
    after = raw.find(quote.speaker, max(0, guess))
    found = [at for at in (before, after) if at >= 0]
    return min(found, key=lambda x: abs(x - guess)) if found else None


def read_all_articles(paths: Iterable[Path]) -> list[Article]:
    """Read and clean every input under `paths`, in memory, without a store."""
    return [
        record
        for file in find_input_files(paths)
        for record in read_articles(file)
        if isinstance(record, Article)
    ]


def cluster_store(store: Store) -> tuple[int, int]:
    """Group new articles into events and storylines; summarize and date the stories changed.

    The clusterer's state is kept in the store, so only new articles are read and placed,
    and only stories whose articles changed are summarized and dated again (a summary and a
    timeline depend on nothing else). Returns (events, storylines).
    """
    saved = store.story_state()
    state = StoryState.from_json(saved) if saved else StoryState()
    ids = [row["id"] for row in store.rows("articles", ("id",))]
    new = _articles_by_id(store, [i for i in ids if i not in state.event_of])
    links = list(store.records(Link))
    result = cluster_stories(list(new.values()), links, state)
    before = {story.id: story for story in store.records(Story)}
    kept, changed = [], []
    for story in result.stories:
        old = before.get(story.id)
        if old is not None and old.articles == story.articles:
            kept.append(replace(story, summary=old.summary))
        else:
            changed.append(story)
    articles = _articles_by_id(store, sorted({a for s in changed for a in s.articles}))
    summarized = {s.id: s for s in [*kept, *summarize_stories(changed, articles)]}
    stories = [summarized[s.id] for s in result.stories]
    store.replace_all(Story, stories)
    store.save_story_state(result.state.to_json())
    unchanged = {s.id for s in kept if s.level == "storyline"}
    timeline = [e for e in store.records(TimelineEntry) if e.storyline in unchanged]
    timeline += build_timelines(changed, articles, links)
    store.replace_all(TimelineEntry, timeline)
    events = sum(1 for s in stories if s.level == "event")
    return events, len(stories) - events


def _articles_by_id(store: Store, ids: list[str]) -> dict[str, Article]:
    """Read the stored articles named by `ids`, keyed by id."""
    return {article.id: article for article in store.articles(*among("id", ids))}
