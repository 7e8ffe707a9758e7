"""Article builders for the timeline tests."""

from __future__ import annotations

from datetime import UTC, datetime

from storyline.model import Article


def article(article_id: str, text: str, published: str | None = None, title: str = "") -> Article:
    """Return an article with `text`, published on the ISO day `published` if given."""
    when = None
    if published is not None:
        when = datetime.fromisoformat(published).replace(tzinfo=UTC)
    return Article(
        id=article_id,
        path=f"{article_id}.txt",
        file=f"{article_id}.txt",
        format="text",
        raw_text=text,
        text=text,
        title=title,
        published_at=when,
        published_from="metadata" if when else None,
    )
