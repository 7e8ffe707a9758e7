"""Turn Documents into clean Articles: extract, split off chrome, normalize, give ids."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from storyline.clean.boilerplate import split_article
from storyline.clean.html import parse_html
from storyline.clean.normalize import normalize_text
from storyline.clean.page_meta import split_authors
from storyline.clean.writing import text_weight
from storyline.errors import ExtractionError
from storyline.ingest.units import one_line
from storyline.model import Article, DateOrigin, Document, Record, Reject
from storyline.timestamps import date_in_path
from storyline.urls import canonical_url, domain_of

log = logging.getLogger(__name__)

MIN_TEXT_CHARS = 80  # shorter bodies are link stubs, paywalls or error pages, not articles
# A feed or API item may carry only a headline: with enough words to say what happened it is
# a brief. A web page with no body stays a reject (its title is a stub's, a paywall's).
BRIEF_FORMATS = frozenset({"record", "feed"})
MIN_BRIEF_TITLE_WORDS = 3  # "Home", "Breaking News" are labels, not headlines


def article_id(doc: Document) -> str:
    """Return a stable id: the input's own, else a hash of the canonical URL, else of the input.

    The input as read (not the extracted text) is hashed, so that a verbatim reprint under
    another site's chrome stays an article of its own.
    """
    if doc.id:
        return doc.id
    key = f"url:{canonical_url(doc.url)}" if doc.url else f"content:{doc.content.strip()}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def make_article(doc: Document, *, min_text_chars: int = MIN_TEXT_CHARS) -> Article:
    """Return the clean Article in a Document; raises ExtractionError when there is none."""
    published = doc.published_at
    published_from: DateOrigin | None = "metadata" if published else None
    modified = None
    title, author = doc.title, doc.author
    authors: tuple[str, ...] = split_authors(author) if author else ()
    site_name = ""
    sites = tuple(name for name in (doc.source, domain_of(doc.url)) if name)
    if doc.is_html:
        page = parse_html(doc.content, url=doc.url)
        raw_text = page.text
        title, author = title or page.title, author or page.author
        authors = authors or page.authors
        site_name = page.sitename
        sites += (page.sitename,) if page.sitename else ()
        modified = page.modified_at
        if published is None and page.published_at is not None:
            published, published_from = page.published_at, page.published_from or "html"
    else:
        raw_text = doc.content
    if published is None:
        published, published_from = date_from_location(doc)
    parts = split_article(
        normalize_text(raw_text),
        title=normalize_text(title),
        author=normalize_text(author),
        sites=sites,
        # measured on trafilatura's evaluation pages: after extraction, dropping short lines
        # costs F1 (subheads, list items); scraped plain text still carries credit lines
        drop_short_lines=not doc.is_html,
    )
    brief = text_weight(parts.body) < min_text_chars  # an ideograph counts as three letters
    if brief and not is_brief(doc, parts.title):
        if not parts.body:
            raise ExtractionError("no body text: only a headline or chrome")
        raise ExtractionError(
            f"too little text: {len(parts.body)} characters, fewer than {min_text_chars}"
        )
    return Article(
        id=article_id(doc),
        path=doc.path,
        file=doc.file,
        format=doc.format,
        raw_text=raw_text,
        text=parts.body,
        url=doc.url,
        source=doc.source or domain_of(doc.url),
        title=parts.title,
        author=parts.author,
        authors=authors or ((parts.author,) if parts.author else ()),
        site_name=site_name,
        published_at=published,
        published_from=published_from,
        modified_at=modified,
        fetched_at=doc.fetched_at,
        brief=brief,
    )


def date_from_location(doc: Document) -> tuple[datetime | None, DateOrigin | None]:
    """Return the day a Document's URL, else its file path, spells out, and which one it was.

    A fallback for inputs without a date of their own (folders of plain text by day, URLs
    like /2010/04/23/): InferPublished later prefers a surer date from the text.
    """
    if doc.url and (day := date_in_path(doc.url)) is not None:
        return day, "url"
    # A record's or feed item's file is a container: its name dates the batch, not the item.
    if doc.format in ("text", "html") and (day := date_in_path(doc.path)) is not None:
        return day, "path"
    return None, None


def is_brief(doc: Document, title: str) -> bool:
    """Tell whether a Document with little or no body is still news: a feed or API headline."""
    if doc.format not in BRIEF_FORMATS:
        return False
    words = [w for w in title.split() if any(c.isalpha() for c in w)]
    return len(words) >= MIN_BRIEF_TITLE_WORDS and not title.lower().startswith(("http:", "https:"))


@dataclass(frozen=True, slots=True)
class MakeArticles:
    """Turn each Document into an Article, or into a Reject saying why it holds none."""

    min_text_chars: int = MIN_TEXT_CHARS
    on_error: Literal["raise", "reject"] = "reject"

    def __call__(self, records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            if not isinstance(record, Document):
                yield record
                continue
            try:
                yield make_article(record, min_text_chars=self.min_text_chars)
            except ExtractionError as err:
                if self.on_error == "raise":
                    raise
                log.debug("rejected %s: %s", record.path, err)
                yield Reject(record.path, str(err), record.file)
            except Exception as err:  # one document's surprise is its own reject
                if self.on_error == "raise":
                    raise
                log.debug("failed on %s", record.path, exc_info=True)
                reason = f"internal error: {type(err).__name__}: {one_line(str(err))}"
                yield Reject(record.path, reason, record.file)
