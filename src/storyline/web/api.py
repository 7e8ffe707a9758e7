"""The JSON shapes of the API: the store's rows as `storyline export` writes them, plus links."""

from __future__ import annotations

from typing import Any

from storyline.model import Article, Story
from storyline.store.tables import to_json_row
from storyline.timestamps import format_timestamp
from storyline.web.layout import source_href, web_href
from storyline.web.search import HIT_END, HIT_START, Results


def article_json(article: Article, *, with_text: bool = False) -> dict[str, Any]:
    """Return an article as JSON: its fields (text only when asked) and its page's URL."""
    row: dict[str, Any] = {
        "id": article.id,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        "author": article.author,
        "published": format_timestamp(article.published_at),
        "published_from": article.published_from,
        "path": article.path,
        "page": web_href("a", article.id),
        "source_page": source_href(article.source),
    }
    if with_text:
        row["text"] = article.text or article.raw_text
        row["language"] = article.language
    return row


def story_json(story: Story) -> dict[str, Any]:
    """Return a storyline or event as JSON, with its page's URL."""
    row = to_json_row(story)
    row["page"] = web_href("s" if story.level == "storyline" else "e", story.id)
    return row


def page_json(items: list[Any], next_cursor: str | None, **extra: Any) -> dict[str, Any]:
    """Return one page of a list: the items, and the cursor of the next page (or null)."""
    return {**extra, "items": items, "next_cursor": next_cursor}


def results_json(results: Results) -> dict[str, Any]:
    """Return search results as JSON; snippets mark matched words with [[ and ]]."""
    return {
        "query": results.query,
        "note": results.note,
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.kind,
                "articles": e.articles,
                "page": web_href("entity", e.id),
            }
            for e in results.entities
        ],
        "articles": [
            {
                "id": h.id,
                "title": h.title,
                "source": h.source,
                "published": format_timestamp(h.published),
                "score": round(h.score, 4),
                "snippet": h.snippet.replace(HIT_START, "[[").replace(HIT_END, "]]"),
                "storylines": results.storylines.get(h.id, []),
                "page": web_href("a", h.id),
            }
            for h in results.articles
        ],
        "quotes": [
            {
                "article": q.article,
                "start": q.start,
                "text": q.text,
                "speaker": q.speaker,
                "speaker_entity": q.speaker_entity,
                "group": q.group,
                "page": web_href("quote", q.group) if q.group else None,
            }
            for q in results.quotes
        ],
    }
