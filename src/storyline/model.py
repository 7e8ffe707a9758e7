"""The records that flow through storyline: documents as read, articles, rejects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeAlias

Format: TypeAlias = Literal["text", "html", "record", "feed", "warc"]
DateOrigin: TypeAlias = Literal["metadata", "html", "url", "dateline", "text", "inferred"]


@dataclass(frozen=True, slots=True)
class Document:
    """One unit of input as read (a file, or one record of a multi-record file), not yet cleaned."""

    path: str  # input file, plus "#N" (record number, from 1) or "@N" (WARC byte offset)
    format: Format  # the container it came from
    content: str  # decoded text or HTML
    is_html: bool = False
    id: str = ""  # an id the input gave; kept as the article id
    url: str = ""
    source: str = ""
    title: str = ""
    author: str = ""
    published_at: datetime | None = None
    fetched_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, enriched field by field as it moves through the pipeline."""

    id: str  # the input's id, else a hash of the canonical URL, else of the raw text
    path: str  # where it came from, as in Document.path
    format: Format
    raw_text: str  # the text as read (HTML reduced to its main text), before any cleaning
    text: str = ""  # cleaned text: boilerplate removed, unicode and whitespace normalized
    url: str = ""
    source: str = ""  # publisher domain, e.g. "apnews.com"
    title: str = ""
    author: str = ""
    published_at: datetime | None = None
    published_from: DateOrigin | None = None
    modified_at: datetime | None = None
    fetched_at: datetime | None = None
    language: str | None = None  # ISO 639-1 code


@dataclass(frozen=True, slots=True)
class Reject:
    """An input unit that did not become an article, and the one-line reason why."""

    path: str
    reason: str


Record: TypeAlias = Document | Article | Reject


# --- dates ---


@dataclass(frozen=True, slots=True)
class DateMention:
    """One temporal expression in an article's text, normalized as a TimeML TIMEX3."""

    article_id: str
    start: int  # character offsets into the article's text (text, else raw_text)
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str  # TimeML value: 2021-12-30, 2021-W49, XXXX-12-31, P3D, PAST_REF...


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """An article's publication date as far as it is known, where it came from, and how sure."""

    article_id: str
    value: str  # TimeML date value, possibly partial: "2021-12-31", "XXXX-12-31", "2021"
    origin: DateOrigin | None  # None when a header date was rejected and nothing replaced it
    confidence: float  # 0..1
    conflict: str = ""  # why a page-header date was not trusted, when it was not
