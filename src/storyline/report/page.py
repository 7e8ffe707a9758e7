"""The whole report page: header, overview, storylines, articles; one self-contained file."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from storyline.model import Story
from storyline.report.article import article_ref, highlight_legend, render_article
from storyline.report.data import ReportData, ReportIndex, anchor
from storyline.report.labels import plural, source_of
from storyline.report.markup import Markup, el, escape, plain_isolated
from storyline.report.signals import COPY_RELATIONS
from storyline.report.storyline import facts, render_copies, render_storyline, story_span

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
CARD_EVENTS = 4  # events listed on an overview card; the storyline's section has them all


def _asset(name: str) -> str:
    return (resources.files("storyline.report") / name).read_text("utf-8")


def _csp(script: str) -> str:
    """Return a policy that loads nothing from anywhere and runs only the report's own script.

    Escaping is the first defence against hostile article text; this is the second: an
    injected <script> or onload= would not run even if escaping ever missed it.
    """
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    return (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def _overview(index: ReportIndex) -> Markup:
    data = index.data
    cards = []
    for number, story in enumerate(index.storylines, 1):
        events = sorted(
            index.events.get(story.id, []), key=lambda e: (e.start_at is None, e.start_at or 0)
        )
        items = [
            el(
                "li",
                None,
                el("span", {"class": "when"}, story_span(index, e, say_how=False)),
                " ",
                e.title,
            )
            for e in events[:CARD_EVENTS]
        ]
        if len(events) > CARD_EVENTS:
            items.append(el("li", {"class": "muted"}, f"and {len(events) - CARD_EVENTS} more"))
        cards.append(
            el(
                "a",
                {"class": "card", "href": f"#{anchor('s', story.id)}"},
                el("span", {"class": "kicker"}, f"Storyline {number}"),
                el("strong", None, story.title),
                facts(index, story),
                el("ul", None, items),
            )
        )
    if not cards:
        cards.append(
            el(
                "p",
                {"class": "empty"},
                "No storylines were built in this run; "
                "the articles and the copies among them are listed below.",
            )
        )
    placed = {a for s in (*index.storylines, *index.minor) for a in s.articles}
    loose = [a for a in data.articles if a.id not in placed]
    note = (
        el(
            "p",
            {"class": "muted"},
            f"{plural(len(loose), 'article')} {'is' if len(loose) == 1 else 'are'} in no "
            "storyline; see them under Articles.",
        )
        if loose and cards
        else ""
    )
    guide = el(
        "ul",
        {"class": "guide"},
        el(
            "li",
            None,
            el("strong", None, "Storylines"),
            " group articles about the same developing news; each is split into ",
            el("strong", None, "events"),
            ".",
        ),
        el(
            "li",
            None,
            "Every claim links to the ",
            el("strong", None, "articles"),
            " it comes from; click a source to read the article with its quotes, dates and "
            "copied passages highlighted.",
        ),
        el(
            "li",
            None,
            "Copies count once: ",
            el("em", None, "independent sources"),
            " are articles that do not copy each other.",
        ),
    )
    return el(
        "section",
        {"id": "overview"},
        el("h2", None, "Overview"),
        guide,
        el("div", {"class": "cards"}, cards),
        note,
    )


def _other_coverage(index: ReportIndex) -> Markup:
    """Return the one-article storylines as a list, newest first: loose ends, not the story."""
    if not index.minor:
        return Markup("")
    ordered = sorted(
        index.minor, key=lambda s: (s.start_at is None, -(s.start_at or _EPOCH).timestamp(), s.id)
    )
    items = [
        el(
            "li",
            {"class": "other"},
            el("span", {"class": "when"}, story_span(index, s, say_how=False)),
            " ",
            el("strong", None, s.title),
            " ",
            article_ref(index, s.articles[0]),
        )
        for s in ordered
    ]
    return el(
        "section",
        {"id": "other"},
        el("h2", None, "Other coverage"),
        el(
            "p",
            {"class": "hint"},
            f"{plural(len(items), 'story', 'stories')} that only one article covers.",
        ),
        el("ul", {"class": "other-list"}, items),
    )


def _search() -> Markup:
    return el(
        "div",
        {"class": "search no-print", "role": "search"},
        el(
            "input",
            {
                "type": "search",
                "id": "filter",
                "placeholder": "Search articles, quotes, people…",
                "aria-label": "Search the report",
            },
        ),
        el("span", {"id": "shown", "class": "muted"}, ""),
    )


def _articles(index: ReportIndex) -> Markup:
    controls = el(
        "div",
        {"class": "controls no-print"},
        el(
            "label",
            None,
            el("input", {"type": "checkbox", "id": "only-copies"}),
            " only articles sharing text with another",
        ),
        el("button", {"type": "button", "id": "open-all"}, "Open all"),
        el("button", {"type": "button", "id": "close-all"}, "Close all"),
    )
    ordered = sorted(
        index.data.articles,
        key=lambda a: (a.published_at is None, a.published_at or 0, source_of(a)),
    )
    body = [render_article(index, a) for a in ordered]
    return el(
        "section",
        {"id": "articles"},
        el("h2", None, "Articles"),
        el("p", {"class": "hint"}, "Click an article to read its text."),
        highlight_legend(),
        controls,
        el("div", {"class": "article-list"}, body),
    )


def _nav(index: ReportIndex) -> Markup:
    stories = [
        el("li", None, el("a", {"href": f"#{anchor('s', s.id)}"}, s.title))
        for s in index.storylines
    ]
    return el(
        "nav",
        {"class": "side no-print", "aria-label": "Contents"},
        el("a", {"href": "#overview", "class": "nav-head"}, "Overview"),
        el("ol", None, stories),
        el("a", {"href": "#other", "class": "nav-head"}, "Other coverage") if index.minor else "",
        el("a", {"href": "#articles", "class": "nav-head"}, "Articles"),
    )


def _header(data: ReportData) -> Markup:
    # Only named publishers count: articles labelled by their file name are not sources.
    sources = {a.source for a in data.articles if a.source}
    copies = sum(1 for link in data.links if link.relation in COPY_RELATIONS)
    storylines = sum(1 for s in data.stories if s.level == "storyline")
    counts = [
        plural(len(data.articles), "article"),
        plural(len(sources), "named source"),
        plural(storylines, "storyline"),
        plural(copies, "copy", "copies") + " detected",
    ]
    when = data.generated_at.strftime("%Y-%m-%d %H:%M %Z").strip()
    return el(
        "header",
        {"class": "top"},
        el("h1", None, data.title),
        el("p", None, " · ".join(counts), el("span", {"class": "muted"}, f" · generated {when}")),
        _search(),
    )


def render_report(report: ReportData) -> str:
    """Return the report as one HTML page that needs no network to open."""
    index = ReportIndex.of(report)
    script = _asset("report.js")
    storylines = [render_storyline(index, s, n) for n, s in enumerate(index.storylines, 1)]
    if not index.storylines and report.links:
        everything = Story("all", "storyline", "all articles", tuple(a.id for a in report.articles))
        storylines.append(
            el(
                "section",
                {"class": "storyline"},
                el("h2", None, "Who copied whom"),
                render_copies(index, everything),
            )
        )
    head = el(
        "head",
        None,
        el("meta", {"charset": "utf-8"}),
        el("meta", {"http-equiv": "Content-Security-Policy", "content": _csp(script)}),
        el("meta", {"name": "referrer", "content": "no-referrer"}),
        el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
        el("title", None, escape(plain_isolated(report.title))),  # RCDATA: no <bdi> inside
        el("style", None, Markup(_asset("report.css"))),
    )
    body = el(
        "body",
        None,
        _header(report),
        el(
            "div",
            {"class": "layout"},
            _nav(index),
            el(
                "main",
                None,
                _overview(index),
                storylines,
                _other_coverage(index),
                _articles(index),
            ),
        ),
        el("script", None, Markup(script)),
    )
    return "<!DOCTYPE html>\n" + el("html", {"lang": "en"}, head, body) + "\n"


def write_report(path: Path | str, report: ReportData) -> Path:
    """Write the report to `path` as UTF-8 HTML; return the path."""
    path = Path(path)
    path.write_text(render_report(report), encoding="utf-8")
    return path
