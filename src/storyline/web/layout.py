"""The page shell of the web app and the pieces every page uses: links, lists, notes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import quote, urlencode

from storyline.model import Article, Story
from storyline.report.labels import format_day, source_of
from storyline.report.markup import Markup, el, join

ROUTES = {"a": "article", "s": "storyline", "e": "event", "entity": "entity", "quote": "quote"}
STYLESHEETS = ("/assets/report.css", "/assets/web.css")


def web_href(kind: str, record_id: str) -> str | None:
    """Return the URL of a record's page: `/article/<id>`, ids percent-encoded whole."""
    route = ROUTES.get(kind, kind)
    return f"/{route}/{quote(record_id, safe='')}"


def source_href(name: str) -> str:
    """Return the URL of a source's page."""
    return f"/source/{quote(name, safe='')}" if name else "/source/%20"


def text(value: object) -> Markup:
    """Return an article-derived string escaped and isolated from the text around it."""
    return el("bdi", None, value)


def layout(title: str, body: object, *, query: str = "", status: str = "") -> str:
    """Return a whole page: header with the search box, then the body."""
    search = el(
        "form",
        {"class": "search", "action": "/search", "method": "get", "role": "search"},
        el(
            "input",
            {
                "type": "search",
                "name": "q",
                "value": query,
                "placeholder": "Search articles, quotations, people…",
                "aria-label": "Search",
                "maxlength": 500,
            },
        ),
        el("button", {"type": "submit"}, "Search"),
    )
    head = el(
        "head",
        None,
        el("meta", {"charset": "utf-8"}),
        el("meta", {"name": "referrer", "content": "no-referrer"}),
        el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
        el("title", None, f"{title} · storyline"),
        [el("link", {"rel": "stylesheet", "href": href}) for href in STYLESHEETS],
    )
    header = el(
        "header",
        {"class": "top web"},
        el("a", {"class": "home", "href": "/"}, "storyline"),
        search,
        el("span", {"class": "muted"}, status) if status else "",
    )
    page = el("html", {"lang": "en"}, head, el("body", None, header, el("main", None, body)))
    return "<!DOCTYPE html>\n" + page + "\n"


def pager(path: str, params: dict[str, str], next_cursor: str | None) -> Markup:
    """Return the link to the next page, when there is one."""
    if next_cursor is None:
        return Markup("")
    href = f"{path}?{urlencode({**params, 'cursor': next_cursor})}"
    return el("p", {"class": "pager"}, el("a", {"href": href, "rel": "next"}, "Next page →"))


def article_items(articles: Iterable[Article]) -> Markup:
    """Return a list of articles: source, date, linked title."""
    items = [
        el(
            "li",
            None,
            el("a", {"href": source_href(a.source), "class": "a-source"}, text(source_of(a))),
            " · ",
            el("span", {"class": "a-date"}, format_day(a.published_at)),
            " · ",
            el("a", {"href": web_href("a", a.id)}, text(a.title or "(untitled)")),
        )
        for a in articles
    ]
    if not items:
        return el("p", {"class": "empty"}, "No articles.")
    return el("ul", {"class": "article-items"}, items)


def part(title: str, body: Markup, hint: str = "") -> Markup:
    return el(
        "section",
        {"class": "part"},
        el("h2", None, title),
        el("p", {"class": "hint"}, hint) if hint else "",
        body,
    )


def story_link(story: Story) -> Markup:
    kind = "s" if story.level == "storyline" else "e"
    return el("a", {"href": web_href(kind, story.id)}, text(story.title))


def message_page(heading: str, message: str) -> Markup:
    """Return the body of an error or notice page."""
    return join(
        [
            el("h1", None, heading),
            el("p", {"class": "note"}, message),
            el("p", None, el("a", {"href": "/"}, "All storylines")),
        ]
    )


def shown_story(story: Story, limit: int) -> Story:
    """Return the story cut to its first `limit` articles, for the parts that draw them all."""
    return (
        story if len(story.articles) <= limit else replace(story, articles=story.articles[:limit])
    )
