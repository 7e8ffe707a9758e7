"""Turn Documents into clean Articles: extract, split off chrome, normalize, give ids."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from storyline.clean.boilerplate import split_article
from storyline.clean.html import parse_html
from storyline.clean.normalize import normalize_text
from storyline.errors import ExtractionError
from storyline.ingest.units import one_line
from storyline.model import Article, DateOrigin, Document, Record, Reject
from storyline.urls import canonical_url, domain_of

log = logging.getLogger(__name__)

MIN_TEXT_CHARS = 80  # shorter bodies are link stubs, paywalls or error pages, not articles


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
    published, published_from = doc.published_at, "metadata" if doc.published_at else None
    modified = None
    title, author = doc.title, doc.author
    sites = tuple(name for name in (doc.source, domain_of(doc.url)) if name)
    if doc.is_html:
        page = parse_html(doc.content, url=doc.url)
        raw_text = page.text
        title, author = title or page.title, author or page.author
        sites += (page.sitename,) if page.sitename else ()
        modified = page.modified_at
        if published is None and page.published_at is not None:
            published, published_from = page.published_at, "html"
    else:
        raw_text = doc.content
    parts = split_article(
        normalize_text(raw_text),
        title=normalize_text(title),
        author=normalize_text(author),
        sites=sites,
    )
    if not parts.body:
        raise ExtractionError("no body text: only a headline or chrome")
    if len(parts.body) < min_text_chars:
        raise ExtractionError(
            f"too little text: {len(parts.body)} characters, fewer than {min_text_chars}"
        )
    origin: DateOrigin | None = published_from  # type: ignore[assignment]
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
        published_at=published,
        published_from=origin,
        modified_at=modified,
        fetched_at=doc.fetched_at,
    )


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
