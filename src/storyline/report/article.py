"""One article in the report: its header, source-quality signals and highlighted text."""

from __future__ import annotations

from collections.abc import Iterable

from storyline.dedup.provenance import text_of
from storyline.model import Article
from storyline.report.data import ReportIndex, anchor
from storyline.report.highlight import Span, highlight
from storyline.report.labels import format_day, format_timex, percent, plural, source_of
from storyline.report.markup import Markup, el, external_link
from storyline.report.signals import DateSignal, Signals, passages_of, signals_of

TRUST_WORDS = {
    "reliable": "date reliable",
    "likely": "date likely",
    "weak": "date uncertain",
    "contested": "date contested",
    "unknown": "date unknown",
}
ORIGIN_WORDS = {
    "metadata": "the feed or export's metadata",
    "html": "the page's HTML metadata",
    "url": "the article's URL",
    "dateline": "the dateline at the top of the text",
    "text": "a date printed at the top of the page",
    "inferred": "inferred from the dates of copies or of the crawl",
}
RELATION_WORDS = {
    "copy": "copy",
    "near_copy": "near copy",
    "spun": "spun rewrite",
    "translation": "translation",
}

HIGHLIGHT_KEYS = (
    ("copied", "copied from an earlier article"),
    ("reused", "reused by a later article"),
    ("shared", "also in another article (which came first is unknown)"),
    ("quote", "quotation"),
    ("date", "date or time"),
)


def highlight_legend(kinds: Iterable[str] | None = None) -> Markup:
    """Return the key to the highlight colours, for `kinds` only when given."""
    keys = [
        [el("mark", {"class": f"key hl-{kind}"}, words), " "]
        for kind, words in HIGHLIGHT_KEYS
        if kinds is None or kind in kinds
    ]
    return el("p", {"class": "legend"}, "Highlights: ", keys) if keys else Markup("")


def article_date(index: ReportIndex, article: Article) -> str:
    """Return an article's publication date in words, as precise as it is known."""
    published = index.published.get(article.id)
    if published is not None and published.value:
        return format_timex(published.value)
    return format_day(article.published_at)


def article_ref(index: ReportIndex, article_id: str, number: int | None = None) -> Markup:
    """Return a link to an article's section, labelled "source · date" or "[n]"."""
    article = index.articles.get(article_id)
    if article is None:
        return el("span", {"class": "ref missing"}, "unknown article")
    label = f"{source_of(article)} · {article_date(index, article)}"
    attrs = {"class": "ref", "href": index.link_to("a", article_id), "title": article.title or None}
    if number is not None:
        attrs["title"] = f"{label}: {article.title}"
        return el("a", {**attrs, "class": "ref note"}, f"[{number}]")
    return el("a", attrs, label)


def spans_of(index: ReportIndex, article: Article) -> list[Span]:
    """Return the highlights of an article: copied passages, quotes and dates."""
    spans = []
    for p in passages_of(article.id, index.links.get(article.id, [])):
        other = index.articles.get(p.other)
        name = source_of(other) if other else "another article"
        if p.from_origin:
            spans.append(Span(p.start, p.end, "copied", f"copied from {name}"))
        elif p.to_copy:
            spans.append(Span(p.start, p.end, "reused", f"reused by {name}"))
        else:
            spans.append(Span(p.start, p.end, "shared", f"also in {name}"))
    for q in index.quotes.get(article.id, []):
        who = q.speaker_entity or q.speaker or "unattributed"
        spans.append(Span(q.start, q.end, "quote", f"quote: {who}"))
    for d in index.dates.get(article.id, []):
        spans.append(Span(d.start, d.end, "date", f"{d.type.lower()}: {format_timex(d.value)}"))
    return spans


def _date_line(signal: DateSignal) -> Markup:
    trust = el("span", {"class": f"badge trust-{signal.trust}"}, TRUST_WORDS[signal.trust])
    parts: list[object] = [trust, " "]
    if signal.value:
        parts.append(f"Published {format_timex(signal.value)}")
        if signal.origin:
            parts.append(f", read from {ORIGIN_WORDS.get(signal.origin, signal.origin)}")
        if signal.confidence is not None:
            parts.append(f" (confidence {percent(signal.confidence)})")
        parts.append(".")
    else:
        parts.append("No publication date could be established.")
    if signal.conflict:
        why = f"Header date not trusted: {signal.conflict}"
        parts += [" ", el("span", {"class": "conflict"}, why)]
    return el("li", None, parts)


def signals_list(index: ReportIndex, signals: Signals) -> Markup:
    """Return the signals of an article as a short list a reader can check."""
    items = []
    if signals.copied_from:
        share = el("strong", None, percent(signals.copied_share))
        sources = article_refs(index, signals.copied_from)
        items.append(
            el(
                "li",
                None,
                el("span", {"class": "badge copy"}, "copies"),
                " ",
                share,
                " of its text is copied from an earlier article: ",
                sources,
            )
        )
    elif signals.shared_with:
        share = el("strong", None, percent(signals.shared_share))
        sources = article_refs(index, signals.shared_with)
        items.append(
            el(
                "li",
                None,
                el("span", {"class": "badge shared"}, "shared"),
                " ",
                share,
                " of its text also appears in ",
                sources,
                "; which came first is unknown.",
            )
        )
    else:
        items.append(
            el(
                "li",
                None,
                el("span", {"class": "badge own"}, "original"),
                " No copying from an earlier article was detected.",
            )
        )
    if signals.spun:
        items.append(
            el(
                "li",
                None,
                el("span", {"class": "badge spun"}, "spun"),
                " Rewritten from an earlier article with words swapped for synonyms.",
            )
        )
    if signals.copied_by:
        copies = article_refs(index, signals.copied_by)
        items.append(
            el(
                "li",
                None,
                el("span", {"class": "badge source"}, "copied"),
                f" Reused by {plural(len(signals.copied_by), 'later article')}: ",
                copies,
            )
        )
    items.append(_date_line(signals.date))
    return el("ul", {"class": "signals"}, items)


def article_refs(index: ReportIndex, ids: Iterable[str]) -> list[object]:
    """Return links to articles, comma separated."""
    out: list[object] = []
    for i, article_id in enumerate(ids):
        out += [", " if i else "", article_ref(index, article_id)]
    return out


def render_article(index: ReportIndex, article: Article) -> Markup:
    """Return an article as a collapsible section: header line, signals, highlighted text."""
    text = text_of(article)
    links = index.links.get(article.id, [])
    signals = signals_of(article, text, links, index.published.get(article.id))
    badges = []
    if signals.copied_from:
        share = percent(signals.copied_share)
        badges.append(el("span", {"class": "badge copy"}, f"copies {share}"))
    elif signals.shared_with:
        share = percent(signals.shared_share)
        badges.append(el("span", {"class": "badge shared"}, f"shares {share}"))
    if signals.spun:
        badges.append(el("span", {"class": "badge spun"}, "spun"))
    if signals.date.trust in ("weak", "contested", "unknown"):
        badges.append(
            el(
                "span",
                {"class": f"badge trust-{signals.date.trust}"},
                TRUST_WORDS[signals.date.trust],
            )
        )
    summary = el(
        "summary",
        None,
        el("span", {"class": "a-source"}, source_of(article)),
        el("span", {"class": "a-date"}, article_date(index, article)),
        el("span", {"class": "a-title"}, article.title or "(untitled)"),
        el("span", {"class": "a-badges"}, badges),
    )
    meta = [
        el("h3", None, article.title or "(untitled)"),
        el(
            "p",
            {"class": "byline"},
            source_of(article),
            f" · by {article.author}" if article.author else "",
            " · ",
            article_date(index, article),
        ),
    ]
    if article.url:
        meta.append(el("p", {"class": "byline"}, external_link(article.url)))
    spans = spans_of(index, article)
    body = el(
        "div",
        {"class": "a-text", "lang": article.language or None},
        highlight(text, spans),
    )
    copies = "copy" if signals.copied_from else "shared" if signals.shared_with else "own"
    # The text itself is searched in the page; what is not in it is named here.
    speakers = {q.speaker for q in index.quotes.get(article.id, []) if q.speaker}
    people = index.names.get(article.id, [])
    search = " ".join([source_of(article), article.title, article.author, *speakers, *people])
    search = search.lower()
    attrs = {
        "class": "article",
        "id": anchor("a", article.id),
        "data-copies": copies,
        "data-search": search,
    }
    return el(
        "details",
        attrs,
        summary,
        el(
            "div",
            {"class": "a-body"},
            meta,
            signals_list(index, signals),
            highlight_legend({s.kind for s in spans}),
            body,
        ),
    )


def relation_word(relation: str) -> str:
    """Return a link relation in words."""
    return RELATION_WORDS.get(relation, relation.replace("_", " "))
