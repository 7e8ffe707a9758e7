"""The records that flow through storyline: documents as read, articles, rejects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeAlias

Format: TypeAlias = Literal["text", "html", "record", "feed", "warc"]
DateOrigin: TypeAlias = Literal[
    "metadata", "html", "html_extensive", "url", "path", "dateline", "text", "inferred"
]


@dataclass(frozen=True, slots=True)
class Document:
    """One unit of input as read (a file, or one record of a multi-record file), not yet cleaned."""

    path: str  # input file, plus "#N" (record number, from 1) or "@N" (WARC byte offset)
    file: str  # the input file alone
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
    file: str
    format: Format
    raw_text: str  # the text as read (HTML reduced to its main text), before any cleaning
    text: str = ""  # cleaned text: boilerplate removed, unicode and whitespace normalized
    url: str = ""
    source: str = ""  # publisher domain, e.g. "apnews.com"
    title: str = ""
    author: str = ""  # the first author; all of them are in `authors`
    # as the source states it, with its UTC offset: the page's local day and time of day;
    # aware datetimes compare by the instant they name, so sorting needs no conversion
    published_at: datetime | None = None
    published_from: DateOrigin | None = None
    modified_at: datetime | None = None
    fetched_at: datetime | None = None
    language: str | None = None  # ISO 639-1 code
    authors: tuple[str, ...] = ()  # every author the source names, in its order
    site_name: str = ""  # the publisher's readable name (og:site_name): "The Valdoria Post"
    # A headline with little or no body (a feed or API item): clustered by its title, skipped
    # by the stages that need a body (dates in the text, quotations, timeline sentences).
    brief: bool = False


@dataclass(frozen=True, slots=True)
class Reject:
    """An input unit that did not become an article, and the one-line reason why."""

    path: str
    reason: str
    file: str = ""  # the input file, when `path` names a record inside it

    @property
    def input_file(self) -> str:
        """Return the input file this reject belongs to."""
        return self.file or self.path


# --- quotes ---

QuoteKind: TypeAlias = Literal["direct", "indirect", "mixed"]
# "speech": said, told, wrote, according to, or quoted words; "other": a belief, plan,
# perception or stance the article attributes ("expects", "wants", "saw", "decided").
QuoteType: TypeAlias = Literal["speech", "other"]
EntityKind: TypeAlias = Literal["person", "org", "place"]


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation or reported statement in one article, with who said it."""

    article: str  # Article.id
    start: int  # character offsets of the quoted content in the article text (marks excluded)
    end: int
    text: str
    kind: QuoteKind
    cue: str = ""  # the verb or phrase that attributes it: "said", "according to"
    speaker: str = ""  # the source as written: "he", "the foreign minister", "Lavrov"
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_entity: str | None = None  # canonical name of the named entity, if resolved
    group: str | None = None  # id shared by the same quotation across articles
    first_seen: str | None = None  # id of the article where the group was first published
    changed: tuple[str, ...] = ()  # words differing from the first-seen wording
    type: QuoteType = "speech"
    # A statement split around its cue ("“A,” he said. “B.”"): the [start, end) of each quoted
    # part, whose words, joined by spaces, are `text`; empty when `text` is text[start:end].
    parts: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """A person or organization, with the spellings and roles the articles give it."""

    id: str  # hash of kind and canonical name
    name: str  # canonical name: the most frequent full spelling
    kind: EntityKind
    variants: tuple[str, ...] = ()  # every spelling seen, canonical first
    roles: tuple[str, ...] = ()  # as the articles state them: "Russian Foreign Minister"
    articles: tuple[str, ...] = ()  # ids of the articles that mention it


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


# --- stories ---

StoryLevel: TypeAlias = Literal["event", "storyline"]


@dataclass(frozen=True, slots=True)
class SourcedSentence:
    """A sentence of a summary or timeline, with the articles that support it."""

    text: str
    articles: tuple[str, ...]  # Article ids, the sentence's own article first


@dataclass(frozen=True, slots=True)
class Story:
    """An event (articles about one happening) or a storyline (events linked over time)."""

    id: str  # stable: a hash of the level and the first article assigned to it
    level: StoryLevel
    title: str  # the headline of its most representative article (keywords until one is chosen)
    articles: tuple[str, ...]  # Article ids, earliest first
    parent: str | None = None  # an event's storyline; None for a storyline
    start_at: datetime | None = None  # earliest and latest known publication dates
    end_at: datetime | None = None
    summary: tuple[SourcedSentence, ...] = ()
    keywords: str = ""  # the most telling names and words of its articles


# --- timeline ---


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated line of a storyline's timeline, with its sources and how sure it is."""

    storyline: str  # Story.id
    date: str  # TimeML value at its granularity: "2021-12-30", "2021-12", "XXXX-12-31"; "" undated
    text: str  # one or two sentences taken from the articles
    articles: tuple[str, ...]  # supporting Article ids, earliest first
    confidence: float  # 0..1
    sources: int = 1  # independent sources: copies of one article count once
    conflict: str = ""  # what other sources say when they disagree on the date or the claim
    background: bool = False  # dated well before the storyline's coverage: history, not news


# Everything a stage may yield: inputs, articles, rejects, and what the analysis steps find.
Record: TypeAlias = (
    Document
    | Article
    | Reject
    | DateMention
    | PublishedDate
    | Quote
    | Entity
    | Link
    | Story
    | TimelineEntry
)
