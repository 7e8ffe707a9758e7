"""Build realistic report data from the bundled demo corpus, with hand-made stories.

Stories and the timeline come from tests/data/demo_truth.json until the story and timeline
steps land; everything else (articles, dates, links, quotes, entities) is computed by the
library's own steps, as `storyline run` will.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from storyline.dates.mentions import ExtractDates
from storyline.dates.published import InferPublished
from storyline.dedup.linking import link_articles
from storyline.dedup.provenance import count_independent_sources
from storyline.errors import MissingExtraError
from storyline.model import (
    Article,
    DateMention,
    Entity,
    Link,
    PublishedDate,
    Quote,
    SourcedSentence,
    Story,
    TimelineEntry,
)
from storyline.report import ReportData
from storyline.run import demo_corpus, run_ingest
from storyline.store.sqlite import Store

TRUTH = Path(__file__).resolve().parents[1] / "data" / "demo_truth.json"
GENERATED_AT = datetime(2025, 6, 1, 9, 30, tzinfo=UTC)


def read_articles(db: Path) -> list[Article]:
    """Return every article of a store."""
    with Store(db) as store:
        return list(store.articles())


def ingest_demo(folder: Path) -> list[Article]:
    """Ingest the demo corpus into a store under `folder` and return its articles."""
    db = folder / "demo.db"
    run_ingest([demo_corpus()], db, workers=1)
    return read_articles(db)


def enrich(
    articles: list[Article],
) -> tuple[list[Article], list[PublishedDate], list[DateMention]]:
    """Infer missing publication dates and find the dates in each text."""
    out: list[Article] = []
    published: list[PublishedDate] = []
    dates: list[DateMention] = []
    for record in ExtractDates()(InferPublished()(articles)):
        if isinstance(record, Article):
            out.append(record)
        elif isinstance(record, PublishedDate):
            published.append(record)
        elif isinstance(record, DateMention):
            dates.append(record)
    return out, published, dates


def find_quotes(articles: list[Article]) -> tuple[tuple[Quote, ...], tuple[Entity, ...]]:
    """Return the quotations, grouped across articles, and entities; empty without spaCy."""
    try:
        from storyline.entities.names import merge_entities
        from storyline.quotes.extract import ExtractQuotes
        from storyline.quotes.lineage import canonical_speakers, group_quotes

        records = list(ExtractQuotes()(articles))
    except MissingExtraError:
        return (), ()
    quotes = [r for r in records if isinstance(r, Quote)]
    entities = merge_entities(r for r in records if isinstance(r, Entity))
    grouped = group_quotes(quotes, {a.id: a.published_at for a in articles})
    return canonical_speakers(grouped, entities), entities


def _story_id(level: str, first: str) -> str:
    return hashlib.sha1(f"{level}:{first}".encode()).hexdigest()[:16]


def _first_sentence(article: Article) -> str:
    body = (article.text or article.raw_text).split("\n\n")
    paragraph = body[1] if len(body) > 1 else body[0]
    return paragraph.split(". ")[0].rstrip(".") + "."


def make_stories(
    articles: list[Article], links: list[Link]
) -> tuple[list[Story], list[TimelineEntry]]:
    """Return storylines, events and timeline entries as the truth file describes them."""
    truth = json.loads(TRUTH.read_text("utf-8"))
    by_name = {Path(a.path).name: a for a in articles}
    stories: list[Story] = []
    timeline: list[TimelineEntry] = []
    for storyline in truth["storylines"]:
        members = [by_name[n] for e in storyline["events"] for n in e["articles"] if n in by_name]
        ordered = sorted(members, key=lambda a: (a.published_at is None, a.published_at, a.id))
        line_id = _story_id("storyline", ordered[0].id)
        summary = []
        for number, event in enumerate(storyline["events"]):
            found = [by_name[n] for n in event["articles"] if n in by_name]
            found.sort(key=lambda a: (a.published_at is None, a.published_at, a.id))
            ids = tuple(a.id for a in found)
            dated = [a.published_at for a in found if a.published_at]
            stories.append(
                Story(
                    _story_id("event", ids[0]),
                    "event",
                    event["name"],
                    ids,
                    parent=line_id,
                    start_at=min(dated, default=None),
                    end_at=max(dated, default=None),
                )
            )
            summary.append(SourcedSentence(_first_sentence(found[0]), ids))
            sources = count_independent_sources(ids, links)
            # One undated and one disputed entry, so the report shows both cases.
            date = "" if number == 2 and len(storyline["events"]) == 3 else event["date"]
            conflict = "one source dates this a day later" if number == 1 and sources > 1 else ""
            confidence = min(1.0, 0.45 + 0.2 * sources) - (0.2 if conflict else 0.0)
            timeline.append(
                TimelineEntry(
                    line_id, date, event["name"] + ".", ids, confidence, sources, conflict
                )
            )
        dated = [a.published_at for a in ordered if a.published_at]
        stories.append(
            Story(
                line_id,
                "storyline",
                storyline["name"],
                tuple(a.id for a in ordered),
                start_at=min(dated, default=None),
                end_at=max(dated, default=None),
                summary=tuple(summary),
            )
        )
    return stories, timeline


def with_known_origins(links: list[Link], articles: list[Article]) -> list[Link]:
    """Return `links` with origins the truth file knows filled in where the links have none.

    A stand-in: the demo's originals carry datelines without a year, so provenance alone
    cannot order them yet; the report should still show what a known origin looks like.
    """
    truth = json.loads(TRUTH.read_text("utf-8"))
    ids = {Path(a.path).name: a.id for a in articles}
    known = {
        frozenset((ids[t["a"]], ids[t["b"]])): ids[t["origin"]]
        for t in truth["links"]
        if t["origin"] and t["a"] in ids and t["b"] in ids
    }
    return [
        link if link.origin else replace(link, origin=known.get(frozenset((link.a, link.b))))
        for link in links
    ]


def build_demo_report(folder: Path | None = None, *, with_quotes: bool = True) -> ReportData:
    """Return report data for the demo corpus, ingested into a store under `folder`."""
    if folder is None:
        with tempfile.TemporaryDirectory() as tmp:
            return build_demo_report(Path(tmp), with_quotes=with_quotes)
    articles, published, dates = enrich(ingest_demo(folder))
    links = with_known_origins(list(link_articles(articles)), articles)
    quotes, entities = find_quotes(articles) if with_quotes else ((), ())
    stories, timeline = make_stories(articles, links)
    return ReportData(
        title="storyline report: demo corpus",
        generated_at=GENERATED_AT,
        articles=tuple(articles),
        links=tuple(links),
        stories=tuple(stories),
        timeline=tuple(timeline),
        quotes=quotes,
        entities=entities,
        dates=tuple(dates),
        published=tuple(published),
    )


def with_hostile_article(report: ReportData) -> ReportData:
    """Return `report` with one article rewritten as a script-injection attempt."""
    target = report.articles[0]
    hostile = replace(
        target,
        title='<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">',
        author='" onload="window.__pwned=3',
        source="<b>evil</b>.example",
        url="javascript:window.__pwned=4",
        text=HOSTILE_TEXT + (target.text or target.raw_text),
    )
    articles = tuple(hostile if a.id == target.id else a for a in report.articles)
    shift = len(HOSTILE_TEXT)  # the hostile lines go first: move the other offsets past them
    dates = tuple(
        replace(d, start=d.start + shift, end=d.end + shift) if d.article_id == target.id else d
        for d in report.dates
    )
    quotes = tuple(
        replace(q, start=q.start + shift, end=q.end + shift) if q.article == target.id else q
        for q in report.quotes
    )
    links = tuple(_shift_link(link, target.id, shift) for link in report.links)
    return replace(report, articles=articles, dates=dates, quotes=quotes, links=links)


HOSTILE_TEXT = (
    '<script>window.__pwned = 5; alert("x")</script>\n'
    '<a href="javascript:alert(1)">click</a> <svg onload="window.__pwned=6"></svg>\n\n'
)


def _shift_link(link: Link, article_id: str, shift: int) -> Link:
    if article_id not in (link.a, link.b):
        return link
    on_a = link.a == article_id
    passages = tuple(
        replace(p, a_start=p.a_start + shift, a_end=p.a_end + shift)
        if on_a
        else replace(p, b_start=p.b_start + shift, b_end=p.b_end + shift)
        for p in link.evidence.passages
    )
    return replace(link, evidence=replace(link.evidence, passages=passages))
