"""The date stage: every temporal expression of an article, anchored on its publication date."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from storyline.dates._calendar import PartialDate
from storyline.dates.published import infer_published
from storyline.dates.timex import find_timexes
from storyline.model import Article, DateMention, PublishedDate, Record


@dataclass(frozen=True, slots=True)
class ExtractDates:
    """Yield each article followed by the temporal expressions found in its text.

    The anchor is the article's publication date; without one, the date of a PublishedDate
    record met before the article (from InferPublished: it may lack the year, as a dateline
    "WASHINGTON Dec 31" does), else, with `infer_anchor`, the date its text supports.
    """

    infer_anchor: bool = True

    def __call__(self, records: Iterable[Record]) -> Iterator[Record | DateMention]:
        found: dict[str, PartialDate | None] = {}  # article id -> date a PublishedDate gave
        for record in records:
            yield record
            if isinstance(record, PublishedDate):
                found[record.article_id] = PartialDate.parse(record.value)
            if not isinstance(record, Article) or record.brief:
                continue  # a brief's headline and summary date no events of their own
            text = record.text or record.raw_text
            given = record.id in found
            anchor: date | PartialDate | None = found.pop(record.id, None)
            if record.published_at is not None:
                anchor = record.published_at.date()
            elif not given and self.infer_anchor:
                anchor = infer_published(text, record.title).date
            for timex in find_timexes(text, anchor):
                yield DateMention(
                    record.id, timex.start, timex.end, timex.text, timex.type, timex.value
                )
