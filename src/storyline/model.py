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


# --- provenance ---

Relation: TypeAlias = Literal["copy", "near_copy", "spun", "same_event", "translation"]


@dataclass(frozen=True, slots=True)
class Passage:
    """Two aligned stretches of text, as character offsets [start, end) in articles a and b."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True, slots=True)
class Substitution:
    """A word or phrase of article a replaced by another in article b, with their offsets."""

    a_text: str
    b_text: str
    a_start: int
    b_start: int


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a person can check to confirm a link: aligned passages and swapped words."""

    passages: tuple[Passage, ...] = ()
    substitutions: tuple[Substitution, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    """A relation between two articles; `origin` is the id of the one that came first, if known."""

    a: str  # article ids, a < b
    b: str
    relation: Relation
    score: float  # 0..1, how strongly the texts support the relation
    origin: str | None = None
    evidence: Evidence = Evidence()
