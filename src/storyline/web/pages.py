"""The pages of the web app, built with the report's escaping builder and its renderers."""

from __future__ import annotations

from collections.abc import Sequence

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
from storyline.report.labels import format_span, plural, source_of
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
from storyline.web.layout import article_items, pager, part, source_href, story_link, text, web_href


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
            part("Summary", render_summary(index, shown), "Each sentence links to its sources."),
            part("Events", render_events(index, events), "The separate happenings it is made of."),
            part("Timeline", render_timeline(index, index.timeline.get(story.id, []))),
            part("Who copied whom", render_copies(index, shown), "Boxes are articles."),
            part("Quotes by speaker", render_quotes(index, shown)),
            part("People involved", render_people(index, shown)),
        ]
    )


def event_page(index: ReportIndex, event: Story, parent: Story | None) -> Markup:
    """Return an event: its storyline, its articles, copies and quotations."""
    up = (
        el("p", None, "Part of the storyline ", story_link(parent))
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
            part("Articles", article_items(ordered)),
            part("Who copied whom", render_copies(index, event)),
            part("Quotes by speaker", render_quotes(index, event)),
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
        el("li", None, el("span", {"class": "muted"}, f"{s.level}: "), story_link(s))
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
        part(
            "In stories",
            el("ul", None, held) if held else el("p", {"class": "empty"}, "In no storyline."),
        ),
        part(
            "Quotations",
            el("ul", {"class": "quotes"}, said)
            if said
            else el("p", {"class": "empty"}, "No quotations found."),
        ),
        part(
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
            part(
                "Quotations",
                el("ul", {"class": "quotes"}, said)
                if said
                else el("p", {"class": "empty"}, "No quotation is attributed to this name."),
            ),
            part("Articles", article_items(articles)),
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
            part("Articles", article_items(articles), "Newest first."),
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
            part(
                "Relayed by",
                el("ul", None, rows) if rows else el("p", {"class": "empty"}, "No relays."),
            ),
        ]
    )
