"""The web app's HTML pages, built with the report's escaping builder and renderers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import PurePosixPath
from urllib.parse import quote, urlencode

from storyline.dedup.provenance import text_of
from storyline.model import Article, Entity, Quote, Story
from storyline.report.article import (
    article_date,
    article_ref,
    highlight_legend,
    signals_list,
    spans_of,
)
from storyline.report.data import ReportIndex
from storyline.report.highlight import highlight
from storyline.report.labels import format_day, format_span, plural, shorten, source_of
from storyline.report.markup import Markup, el, external_link, join
from storyline.report.signals import signals_of
from storyline.report.storyline import (
    KIND_WORDS,
    facts,
    render_copies,
    render_events,
    render_people,
    render_quotes,
    render_summary,
    render_timeline,
    speaker_of,
)
from storyline.web.search import HIT_END, HIT_START, Results

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


def _part(title: str, body: Markup, hint: str = "") -> Markup:
    return el(
        "section",
        {"class": "part"},
        el("h2", None, title),
        el("p", {"class": "hint"}, hint) if hint else "",
        body,
    )


def _story_link(story: Story) -> Markup:
    kind = "s" if story.level == "storyline" else "e"
    return el("a", {"href": web_href(kind, story.id)}, text(story.title))


def home_page(
    lines: Sequence[Story], events: dict[str, list[Story]], counts: dict[str, int]
) -> Markup:
    """Return the list of storylines, each with its events."""
    cards = []
    for story in lines:
        items = [
            el(
                "li",
                None,
                el("span", {"class": "when"}, format_span(e.start_at, e.end_at)),
                " ",
                text(e.title),
            )
            for e in sorted(
                events.get(story.id, []), key=lambda e: (e.start_at is None, e.start_at or 0, e.id)
            )
        ]
        facts_line = " · ".join(
            [
                format_span(story.start_at, story.end_at),
                plural(len(events.get(story.id, [])), "event"),
                plural(len(story.articles), "article"),
            ]
        )
        cards.append(
            el(
                "a",
                {"class": "card", "href": web_href("s", story.id)},
                el("strong", None, text(story.title)),
                el("p", {"class": "facts"}, facts_line),
                el("ul", None, items[:6]),
            )
        )
    summary = ", ".join(plural(n, word) for word, n in counts.items())
    return join(
        [
            el("h1", None, "Storylines"),
            el("p", {"class": "muted"}, f"The store holds {summary}. Largest storylines first."),
            el("div", {"class": "cards"}, cards)
            if cards
            else el("p", {"class": "empty"}, "No storylines yet: run `storyline run` first."),
        ]
    )


def storyline_page(index: ReportIndex, story: Story, shown: Story, events: list[Story]) -> Markup:
    """Return a storyline: summary, events, timeline, copies, quotations, people, articles."""
    cut = (
        el(
            "p",
            {"class": "note"},
            f"This storyline has {len(story.articles)} articles; the drawing, quotations and "
            f"people below are of its {len(shown.articles)} earliest. Every article is listed "
            "at the end.",
        )
        if len(shown.articles) < len(story.articles)
        else ""
    )
    return join(
        [
            el("h1", None, el("span", {"class": "kicker"}, "Storyline"), text(story.title)),
            facts(index, story),
            cut,
            _part("Summary", render_summary(index, shown), "Each sentence links to its sources."),
            _part("Events", render_events(index, events), "The separate happenings it is made of."),
            _part("Timeline", render_timeline(index, index.timeline.get(story.id, []))),
            _part("Who copied whom", render_copies(index, shown), "Boxes are articles."),
            _part("Quotes by speaker", render_quotes(index, shown)),
            _part("People involved", render_people(index, shown)),
        ]
    )


def event_page(index: ReportIndex, event: Story, parent: Story | None) -> Markup:
    """Return an event: its storyline, its articles, copies and quotations."""
    up = (
        el("p", None, "Part of the storyline ", _story_link(parent))
        if parent
        else el("p", {"class": "muted"}, "In no storyline.")
    )
    ordered = sorted(
        (index.articles[a] for a in event.articles if a in index.articles),
        key=lambda a: (a.published_at is None, a.published_at or 0, a.id),
    )
    return join(
        [
            el("h1", None, el("span", {"class": "kicker"}, "Event"), text(event.title)),
            facts(index, event),
            up,
            _part("Articles", article_items(ordered)),
            _part("Who copied whom", render_copies(index, event)),
            _part("Quotes by speaker", render_quotes(index, event)),
        ]
    )


def article_page(
    index: ReportIndex, article: Article, stories: Sequence[Story], entities: Sequence[Entity]
) -> Markup:
    """Return an article's text with copies, quotations and dates marked, and its links."""
    body = text_of(article)
    links = index.links.get(article.id, [])
    signals = signals_of(article, body, links, index.published.get(article.id))
    spans = spans_of(index, article)
    byline = el(
        "p",
        {"class": "byline"},
        el("a", {"href": source_href(article.source)}, text(source_of(article))),
        [" · by ", text(article.author)] if article.author else "",
        " · ",
        article_date(index, article),
    )
    held = [
        el("li", None, el("span", {"class": "muted"}, f"{s.level}: "), _story_link(s))
        for s in stories
    ]
    quotes = index.quotes.get(article.id, [])
    said = [
        el(
            "li",
            None,
            el("blockquote", {"class": q.kind}, text(q.text)),
            el(
                "p",
                {"class": "q-meta"},
                text(q.speaker_entity or q.speaker or "unattributed"),
                " · ",
                KIND_WORDS.get(q.kind, q.kind),
                [" · ", el("a", {"href": web_href("quote", q.group)}, "every relay")]
                if q.group
                else "",
            ),
        )
        for q in quotes
    ]
    named = [
        el(
            "li",
            None,
            el("a", {"href": web_href("entity", e.id)}, text(e.name)),
            el("span", {"class": "muted"}, f" · {e.kind}"),
        )
        for e in sorted(entities, key=lambda e: (e.kind != "person", e.name))
    ]
    parts = [
        el("h1", None, text(article.title or "(untitled)")),
        byline,
        el("p", {"class": "byline"}, external_link(article.url)) if article.url else "",
        signals_list(index, signals),
        highlight_legend({s.kind for s in spans}),
        el(
            "div",
            {"class": "a-text", "lang": article.language or None, "dir": "auto"},
            highlight(body, spans),
        ),
        _part(
            "In stories",
            el("ul", None, held) if held else el("p", {"class": "empty"}, "In no storyline."),
        ),
        _part(
            "Quotations",
            el("ul", {"class": "quotes"}, said)
            if said
            else el("p", {"class": "empty"}, "No quotations found."),
        ),
        _part(
            "People, organisations, places",
            el("ul", {"class": "columns"}, named)
            if named
            else el("p", {"class": "empty"}, "None identified."),
        ),
    ]
    return join(parts)


def entity_page(
    index: ReportIndex,
    entity: Entity,
    quotes: Sequence[Quote],
    articles: Sequence[Article],
    total_quotes: int,
    next_cursor: str | None,
) -> Markup:
    """Return a person, organisation or place: every quotation, then every article."""
    roles = ", ".join(entity.roles[:5])
    variants = [v for v in entity.variants if v != entity.name]
    said = [_quote_item(index, q) for q in quotes]
    return join(
        [
            el(
                "h1",
                None,
                el("span", {"class": "kicker"}, entity.kind or "entity"),
                text(entity.name),
            ),
            el("p", None, text(roles)) if roles else "",
            el("p", {"class": "muted"}, "Also written ", text(", ".join(variants[:8])))
            if variants
            else "",
            el(
                "p",
                {"class": "facts"},
                plural(total_quotes, "quotation"),
                " · ",
                plural(len(entity.articles), "article"),
            ),
            _part(
                "Quotations",
                el("ul", {"class": "quotes"}, said)
                if said
                else el("p", {"class": "empty"}, "No quotation is attributed to this name."),
            ),
            _part("Articles", article_items(articles)),
            pager(web_href("entity", entity.id) or "", {}, next_cursor),
        ]
    )


def _quote_item(index: ReportIndex, q: Quote) -> Markup:
    return el(
        "li",
        None,
        el("blockquote", {"class": q.kind}, text(q.text)),
        el(
            "p",
            {"class": "q-meta"},
            article_ref(index, q.article),
            [" · ", el("a", {"href": web_href("quote", q.group)}, "every relay")]
            if q.group
            else "",
        ),
    )


def source_page(
    name: str,
    articles: Sequence[Article],
    total: int,
    copies: int,
    copied: int,
    trust: Sequence[tuple[str, int]],
    next_cursor: str | None,
) -> Markup:
    """Return a source: how often it copies or is copied, its date reliability, its articles."""
    reliability = ", ".join(f"{word}: {n}" for word, n in trust) or "no dates"
    return join(
        [
            el("h1", None, el("span", {"class": "kicker"}, "Source"), text(name or "(no source)")),
            el(
                "ul",
                {"class": "signals"},
                el("li", None, plural(total, "article")),
                el("li", None, f"copies an earlier article in {plural(copies, 'link')}"),
                el("li", None, f"copied by a later article in {plural(copied, 'link')}"),
                el("li", None, f"publication dates: {reliability}"),
            ),
            _part("Articles", article_items(articles), "Newest first."),
            pager(source_href(name), {}, next_cursor),
        ]
    )


def quote_page(index: ReportIndex, group: list[Quote]) -> Markup:
    """Return a quotation group: first seen, relayed by, words changed."""
    first_id = group[0].first_seen or group[0].article
    first = next((q for q in group if q.article == first_id), group[0])
    relays = [q for q in group if q is not first]
    speaker = speaker_of(group)
    entity_link: object = text(speaker)
    entity = next((e for e in index.data.entities if e.name == speaker), None)
    if entity is not None:
        entity_link = el("a", {"href": web_href("entity", entity.id)}, text(speaker))
    rows = [
        el(
            "li",
            None,
            article_ref(index, q.article),
            ": ",
            el("span", {"class": "muted"}, KIND_WORDS.get(q.kind, q.kind)),
            [
                " · words changed: ",
                join(el("mark", {"class": "hl-shared"}, text(w)) for w in q.changed),
            ]
            if q.changed
            else " · same words",
        )
        for q in relays
    ]
    return join(
        [
            el("h1", None, el("span", {"class": "kicker"}, "Quotation"), entity_link),
            el("blockquote", {"class": first.kind}, text(first.text)),
            el("p", {"class": "q-meta"}, "First seen in ", article_ref(index, first_id)),
            _part(
                "Relayed by",
                el("ul", None, rows) if rows else el("p", {"class": "empty"}, "No relays."),
            ),
        ]
    )


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
        + (" (the best)" if len(results.articles) >= 200 else ""),
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
            el("h3", None, el("span", {"class": "kicker"}, "Storyline"), _story_link(story))
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
            _part("People and organisations", el("ul", {"class": "columns"}, names))
            if names
            else "",
            _part("Articles, by storyline", join(blocks), "Ranked by relevance and recency.")
            if blocks
            else el("p", {"class": "empty"}, "No article matches."),
            _part("Quotations", el("ul", {"class": "quotes"}, quotes)) if quotes else "",
        ]
    )


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
