"""The report phase: the HTML report of the store's largest storylines."""

from __future__ import annotations

from pathlib import Path

from storyline.model import (
    DateMention,
    Entity,
    Link,
    PublishedDate,
    Quote,
    Story,
    TimelineEntry,
)
from storyline.report import report_data, write_report
from storyline.report.data import coverage_order
from storyline.store.sqlite import Store, among

REPORT_ARTICLES = 5000  # articles in the report: a self-contained page must stay openable


def write_run_report(
    store: Store, out: Path, *, title: str, max_articles: int = REPORT_ARTICLES
) -> Path:
    """Write the HTML report of the store's largest storylines, up to `max_articles` articles.

    The report is one self-contained page holding every article it shows, so a large store
    gets the storylines a reader would start with (the largest first, at least one) and a
    title saying how many are left out; `storyline export` has everything.
    """
    stories = list(store.records(Story))
    lines = sorted((s for s in stories if s.level == "storyline"), key=coverage_order)
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
