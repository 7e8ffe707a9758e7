"""The search results page: names, articles grouped by storyline, quotations."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from storyline.model import Story
from storyline.report.article import article_ref
from storyline.report.data import ReportIndex
from storyline.report.labels import format_day, plural, shorten
from storyline.report.markup import Markup, el, join
from storyline.web.layout import part, story_link, text, web_href
from storyline.web.search import ARTICLE_HITS, HIT_END, HIT_START, Results


def snippet_markup(snippet: str) -> Markup:
    """Return an FTS5 snippet with its matched words marked, every piece escaped."""
    out: list[object] = []
    inside = False
    for piece in re.split(f"([{HIT_START}{HIT_END}])", snippet):
        if piece in (HIT_START, HIT_END):
            inside = piece == HIT_START
        elif piece:
            out.append(el("mark", {"class": "hit"}, piece) if inside else piece)
    return text(join(out))


def search_page(results: Results, stories: dict[str, Story], index: ReportIndex) -> Markup:
    """Return search results: people, then articles grouped by storyline, then quotations."""
    found = (
        plural(len(results.entities), "name"),
        plural(len(results.articles), "article")
        + (" (the best)" if len(results.articles) >= ARTICLE_HITS else ""),
        plural(len(results.quotes), "quotation"),
    )
    groups: dict[str, list[object]] = {}
    order: list[str] = []
    for hit in results.articles:
        key = (results.storylines.get(hit.id) or [""])[0]
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(
            el(
                "li",
                None,
                el("a", {"href": web_href("a", hit.id)}, text(hit.title or "(untitled)")),
                el(
                    "span",
                    {"class": "muted"},
                    " · ",
                    text(hit.source or PurePosixPath(hit.path.replace("\\", "/")).name),
                    " · ",
                    format_day(hit.published),
                ),
                el("p", {"class": "snippet"}, snippet_markup(hit.snippet)),
            )
        )
    blocks = []
    for key in order:
        story = stories.get(key)
        heading = (
            el("h3", None, el("span", {"class": "kicker"}, "Storyline"), story_link(story))
            if story
            else el("h3", None, "In no storyline")
        )
        blocks.append(el("section", {"class": "hit-group"}, heading, el("ul", None, groups[key])))
    names = [
        el(
            "li",
            None,
            el("a", {"href": web_href("entity", e.id)}, text(e.name)),
            el("span", {"class": "muted"}, f" · {e.kind} · {plural(e.articles, 'article')}"),
        )
        for e in results.entities
    ]
    quotes = [
        el(
            "li",
            None,
            el("blockquote", None, text(shorten(q.text, 400))),
            el(
                "p",
                {"class": "q-meta"},
                text(q.speaker_entity or q.speaker or "unattributed"),
                " · ",
                article_ref(index, q.article),
                [" · ", el("a", {"href": web_href("quote", q.group)}, "every relay")]
                if q.group
                else "",
            ),
        )
        for q in results.quotes
    ]
    return join(
        [
            el("h1", None, "Search: ", text(results.query)),
            el("p", {"class": "note"}, results.note) if results.note else "",
            el("p", {"class": "facts"}, " · ".join(found)),
            part("People and organisations", el("ul", {"class": "columns"}, names))
            if names
            else "",
            part("Articles, by storyline", join(blocks), "Ranked by relevance and recency.")
            if blocks
            else el("p", {"class": "empty"}, "No article matches."),
            part("Quotations", el("ul", {"class": "quotes"}, quotes)) if quotes else "",
        ]
    )
