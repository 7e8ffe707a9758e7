"""One storyline in the report: events, summary, timeline, copies, quotes and people."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import UTC, datetime

from storyline.dedup.provenance import count_independent_sources
from storyline.entities.words import is_name
from storyline.model import Entity, Quote, Story, TimelineEntry
from storyline.report.article import article_date, article_ref, article_refs, relation_word
from storyline.report.data import ReportIndex, anchor
from storyline.report.graph import copy_edges, layout_copies
from storyline.report.labels import (
    format_span,
    format_timex,
    plural,
    source_of,
    word_changes,
)
from storyline.report.markup import Attrs, Markup, el, join
from storyline.report.svg import STROKES, render_layout

FULL_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
KIND_WORDS = {"direct": "direct quote", "indirect": "reported speech", "mixed": "partly quoted"}
UNNAMED = "Unnamed or unresolved sources"
OPEN_SPEAKERS = 3  # speakers shown open; the others are one click away
MAX_CHANGES = 4  # changes of wording shown per relay; more are counted
MAX_PEOPLE = 12  # beyond this the list stops helping a newcomer; the articles have the rest


def facts(index: ReportIndex, story: Story) -> Markup:
    """Return a story's date span and counts in one line."""
    independent = count_independent_sources(story.articles, index.data.links)
    parts = [
        story_span(index, story),
        plural(len(story.articles), "article"),
        plural(independent, "independent source"),
    ]
    if story.level == "storyline":
        parts.insert(1, plural(len(index.events.get(story.id, [])), "event"))
    return el("p", {"class": "facts"}, " · ".join(parts))


def story_span(index: ReportIndex, story: Story, *, say_how: bool = True) -> str:
    """Return when a story ran: its articles' dates, else the days its timeline gives them.

    An event is dated by the entries of its storyline's timeline that cite its articles;
    background entries (history the articles recall) never date the coverage. `say_how`
    adds "(from its timeline)" to such a span; short lists leave it to the story's own page.
    """
    if story.start_at is not None:
        return format_span(story.start_at, story.end_at)
    cited = set(story.articles)
    owner = story.parent if story.level == "event" else story.id
    entries = index.timeline.get(owner or "", [])
    days = sorted(
        e.date
        for e in entries
        if not e.background and FULL_DAY.fullmatch(e.date) and cited.intersection(e.articles)
    )
    if not days:
        return format_span(None, None)
    first, last = (datetime.fromisoformat(d).replace(tzinfo=UTC) for d in (days[0], days[-1]))
    span = format_span(first, last)
    return f"{span} (from its timeline)" if say_how else span


def render_summary(index: ReportIndex, story: Story) -> Markup:
    """Return the summary, each sentence followed by numbered links to its sources."""
    if not story.summary:
        return el("p", {"class": "empty"}, "No summary was written for this storyline.")
    numbers: dict[str, int] = {}
    sentences = []
    for sentence in story.summary:
        notes = []
        for article_id in sentence.articles:
            number = numbers.setdefault(article_id, len(numbers) + 1)
            notes.append(article_ref(index, article_id, number))
        sentences.append(el("span", {"class": "sentence"}, sentence.text, " ", notes, " "))
    sources = [
        el(
            "li",
            {"value": n},
            article_ref(index, article_id),
            " ",
            el("span", {"class": "muted"}, _title(index, article_id)),
        )
        for article_id, n in numbers.items()
    ]
    return el(
        "div",
        {"class": "summary"},
        el("p", None, sentences),
        el("ol", {"class": "sources"}, sources),
    )


def _title(index: ReportIndex, article_id: str) -> str:
    article = index.articles.get(article_id)
    return article.title if article else ""


def render_events(index: ReportIndex, events: list[Story]) -> Markup:
    """Return the events of a storyline as a table: when, what, how many articles, which."""
    if not events:
        return el("p", {"class": "empty"}, "No events were told apart in this storyline.")
    rows = [
        el(
            "tr",
            None,
            el("td", {"class": "when"}, story_span(index, e, say_how=False)),
            el("td", None, el("strong", None, _linked(index.link_to("e", e.id), e.title))),
            el("td", {"class": "num"}, len(e.articles)),
            el("td", None, article_refs(index, e.articles)),
        )
        for e in sorted(events, key=lambda e: (e.start_at is None, e.start_at or 0, e.id))
    ]
    head = el(
        "tr",
        None,
        el("th", None, "When"),
        el("th", None, "Event"),
        el("th", None, "Articles"),
        el("th", None, "Reported by"),
    )
    return el("table", {"class": "events"}, el("thead", None, head), el("tbody", None, rows))


def _linked(href: str | None, label: object) -> object:
    return el("a", {"href": href}, label) if href else label


def _entry_key(entry: TimelineEntry) -> tuple[bool, str]:
    return (entry.date == "", entry.date)


def render_timeline(index: ReportIndex, entries: list[TimelineEntry]) -> Markup:
    """Return the timeline: the story's dated news, then the earlier history it mentions."""
    if not entries:
        return el("p", {"class": "empty"}, "No timeline was built for this storyline.")
    news = [_timeline_item(index, e) for e in sorted(entries, key=_entry_key) if not e.background]
    history = [_timeline_item(index, e) for e in sorted(entries, key=_entry_key) if e.background]
    background = (
        el(
            "details",
            {"class": "background"},
            el(
                "summary",
                None,
                f"Background: {plural(len(history), 'earlier date')} the articles mention",
            ),
            el("ol", {"class": "timeline"}, history),
        )
        if history
        else ""
    )
    return join([el("ol", {"class": "timeline"}, news) if news else "", background])


def _timeline_item(index: ReportIndex, entry: TimelineEntry) -> Markup:
    # The sources say how well a line is supported; a near-constant confidence score
    # does not, so it stays in the export (`timeline.confidence`) and off the page.
    sources = plural(entry.sources, "independent source")
    details = [f"{sources} · ", article_refs(index, entry.articles)]
    conflict = (
        el("p", {"class": "conflict"}, "Sources disagree: ", entry.conflict)
        if entry.conflict
        else ""
    )
    return el(
        "li",
        {"class": "t-entry undated" if not entry.date else "t-entry"},
        el("span", {"class": "t-date"}, format_timex(entry.date)),
        el(
            "div",
            {"class": "t-body"},
            el("p", None, entry.text),
            conflict,
            el("p", {"class": "t-meta"}, details),
        ),
    )


def render_copies(index: ReportIndex, story: Story) -> Markup:
    """Return the drawing of who copied whom among the storyline's articles, with a legend."""
    known = [i for i in story.articles if i in index.articles]  # a story may outlive an article
    published = {i: index.published_at(i) for i in known}
    edges = copy_edges(index.data.links, known, published)
    layout = layout_copies(known, edges, published)
    drawn = {n.id for n in layout.nodes}
    alone = [i for i in known if i not in drawn]
    parts: list[object] = []
    if layout.nodes:

        def label(article_id: str) -> tuple[str, str, str]:
            article = index.articles[article_id]
            return source_of(article), article_date(index, article), article.title

        caption = f"Copies among the articles of {story.title}"
        drawing = render_layout(
            layout, label, lambda i: index.link_to("a", i) or "", caption=caption
        )
        parts.append(el("div", {"class": "graph"}, drawing))
        keys = sorted({e.relation for e in layout.edges})
        parts.append(
            el(
                "p",
                {"class": "legend"},
                "Arrows run from the original to its copy: ",
                [[_edge_key(k), " "] for k in keys],
                " A line without an arrow: the articles share text but which came first is unknown."
                if any(not e.directed for e in layout.edges)
                else "",
            )
        )
    else:
        parts.append(el("p", {"class": "empty"}, "No article of this storyline copies another."))
    if alone:
        parts.append(
            el("p", None, f"Written independently ({len(alone)}): ", article_refs(index, alone))
        )
    return join(parts)


def _edge_key(relation: str) -> Markup:
    colour, dash = STROKES.get(relation, ("#777", ""))
    line = el(
        "svg",
        {"width": 28, "height": 10, "aria-hidden": "true"},
        el(
            "line",
            {
                "x1": 0,
                "y1": 5,
                "x2": 28,
                "y2": 5,
                "stroke": colour,
                "stroke-width": 2,
                "stroke-dasharray": dash or None,
            },
        ),
    )
    return el("span", {"class": "key"}, line, " ", relation_word(relation), " ")


def render_quotes(index: ReportIndex, story: Story) -> Markup:
    """Return the storyline's quotations by speaker, each with where it first appeared."""
    members = set(story.articles)
    quotes = [q for a in story.articles for q in index.quotes.get(a, []) if q.article in members]
    if not quotes:
        return el("p", {"class": "empty"}, "No quotations were found in these articles.")
    statements: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        statements[q.group or f"{q.article}:{q.start}"].append(q)
    by_speaker: dict[str, dict[str, list[Quote]]] = defaultdict(dict)
    for key, group in statements.items():
        by_speaker[speaker_of(group)][key] = group
    named = {q.speaker_entity for q in quotes if q.speaker_entity}
    blocks = []
    # Named people first, most quoted first; pronouns and vague sources ("officials") after.
    ranked = sorted(by_speaker.items(), key=lambda kv: (kv[0] not in named, -len(kv[1]), kv[0]))
    for rank, (speaker, groups) in enumerate(ranked):
        items = [_quote_group(index, group) for group in groups.values()]
        count = el("span", {"class": "muted"}, f" · {plural(len(groups), 'statement')}")
        heading = el("summary", None, el("strong", None, speaker), count)
        attrs: Attrs = {"class": "speaker", "open": rank < OPEN_SPEAKERS}
        blocks.append(el("details", attrs, heading, el("ul", None, items)))
    return el("div", {"class": "quotes"}, blocks)


def speaker_of(group: list[Quote]) -> str:
    """Return who made a statement: the entity most articles name, else the words used."""
    # One relay may say "he" where another names the speaker: the name wins.
    named = Counter(q.speaker_entity for q in group if q.speaker_entity)
    if named:
        return named.most_common(1)[0][0]
    # A pronoun nobody resolved or a description ("the river") names no one.
    written = Counter(q.speaker for q in group if q.speaker and is_name(q.speaker))
    return written.most_common(1)[0][0] if written else UNNAMED


def _quote_group(index: ReportIndex, group: list[Quote]) -> Markup:
    first_id = group[0].first_seen or group[0].article
    first = next((q for q in group if q.article == first_id), group[0])
    relayed = sorted({q.article for q in group if q.article != first.article})
    lines: list[object] = [el("blockquote", {"class": first.kind}, first.text)]
    origin: list[object] = [
        el("span", {"class": "muted"}, KIND_WORDS.get(first.kind, first.kind)),
        " · first seen in ",
        article_ref(index, first_id),
    ]
    if relayed:
        origin += [" · relayed by ", article_refs(index, relayed)]
    if speaker_of(group) == UNNAMED and first.speaker:
        origin += [" · attributed to “", first.speaker, "”"]
    if group[0].group and (href := index.link_to("quote", group[0].group)):
        origin += [" · ", el("a", {"href": href}, "every relay")]
    lines.append(el("p", {"class": "q-meta"}, origin))
    for q in group:
        changes = word_changes(first.text, q.text) if q.changed else []
        if not changes:
            continue
        shown: list[object] = []
        for old, new in changes[:MAX_CHANGES]:
            shown += [" · " if shown else "", _change(old, new)]
        more = f" and {len(changes) - MAX_CHANGES} more" if len(changes) > MAX_CHANGES else ""
        lines.append(
            el(
                "p",
                {"class": "q-changed"},
                "Worded differently in ",
                article_ref(index, q.article),
                ": ",
                shown,
                more,
            )
        )
    return el("li", None, lines)


def _change(old: str, new: str) -> Markup:
    """Return one change of wording as old → new, struck and marked."""
    if not old:
        return el("span", None, "added ", el("ins", None, new))
    if not new:
        return el("span", None, "dropped ", el("del", None, old))
    return el("span", None, el("del", None, old), " → ", el("ins", None, new))


def render_people(index: ReportIndex, story: Story) -> Markup:
    """Return the people, then organisations and places, the storyline's articles mention."""
    members = set(story.articles)
    found = [(e, len(members & set(e.articles))) for e in index.data.entities]
    found = [(e, n) for e, n in found if n]
    if not found:
        return el("p", {"class": "empty"}, "No people or organisations were identified.")
    found.sort(key=lambda en: (-en[1], en[0].name))
    people = [_entity(index, e, n, len(members)) for e, n in found if e.kind == "person"]
    people = people[:MAX_PEOPLE]
    # Case variants ("HARBORVILLE" in a dateline) are one place to a reader.
    names = {e.name.casefold(): e.name for e, _ in reversed(found) if e.kind != "person"}
    others = list(dict.fromkeys(names[e.name.casefold()] for e, _ in found if e.kind != "person"))
    others = others[:MAX_PEOPLE]
    out: list[object] = [el("ul", {"class": "people"}, people)]
    if others:
        out.append(
            el("p", None, el("strong", None, "Organisations and places: "), ", ".join(others))
        )
    return join(out)


def _entity(index: ReportIndex, entity: Entity, mentions: int, total: int) -> Markup:
    role = entity.roles[0] if entity.roles else ""
    variants = [v for v in entity.variants if v != entity.name]
    return el(
        "li",
        None,
        el("strong", None, _linked(index.link_to("entity", entity.id), entity.name)),
        el("span", {"class": "role"}, f" — {role}") if role else "",
        el("span", {"class": "muted"}, f" · in {mentions} of {total} articles"),
        el("span", {"class": "muted"}, f" · also written {', '.join(variants[:3])}")
        if variants
        else "",
    )


def render_storyline(index: ReportIndex, story: Story, number: int) -> Markup:
    """Return a storyline's section."""

    def part(title: str, body: Markup, hint: str) -> Markup:
        return el(
            "section",
            {"class": "part"},
            el("h3", None, title),
            el("p", {"class": "hint"}, hint),
            body,
        )

    return el(
        "section",
        {"class": "storyline", "id": anchor("s", story.id)},
        el("h2", None, el("span", {"class": "kicker"}, f"Storyline {number}"), story.title),
        facts(index, story),
        part(
            "Summary",
            render_summary(index, story),
            "Each sentence is taken from the articles; the numbers link to them.",
        ),
        part(
            "Events",
            render_events(index, index.events.get(story.id, [])),
            "The separate happenings this storyline is made of.",
        ),
        part(
            "Timeline",
            render_timeline(index, index.timeline.get(story.id, [])),
            "Dates as precise as the sources give them; conflicts are flagged.",
        ),
        part(
            "Who copied whom",
            render_copies(index, story),
            "Boxes are articles; click one to read it.",
        ),
        part(
            "Quotes by speaker",
            render_quotes(index, story),
            "Each statement once, with the article that published it first.",
        ),
        part(
            "People involved",
            render_people(index, story),
            "Named in these articles, most mentioned first.",
        ),
    )
