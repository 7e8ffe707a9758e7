"""The whole page: sections, escaping of hostile articles, no network, and the CSP."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

import pytest

from storyline.model import (
    Article,
    DateMention,
    Entity,
    Evidence,
    Link,
    Passage,
    PublishedDate,
    Quote,
    SourcedSentence,
    Story,
    TimelineEntry,
)
from storyline.report import ReportData, render_report, write_report
from storyline.report.data import anchor

EVIL = '<script>window.__pwned=1</script><img src=x onerror="alert(1)">'
ORIGINAL = "HARBORVILLE, March 3 - A tank ruptured on Monday, officials said.\n\nMore text."
COPY = "Reprinted: HARBORVILLE, March 3 - A tank ruptured on Monday, officials said."


def hostile_report() -> ReportData:
    """Return a small report whose second article tries every injection we know of."""
    when = datetime(2025, 3, 3, tzinfo=UTC)
    original = Article(
        "a1",
        "/secret/corpus/a1.txt",
        "a1.txt",
        "text",
        ORIGINAL,
        ORIGINAL,
        url="https://wire.example/a1",
        source="wire.example",
        title="Tank ruptures",
        author="Ann Lee",
        published_at=when,
        published_from="metadata",
    )
    evil = Article(
        'a2"><script>',
        "b.txt",
        "b.txt",
        "text",
        EVIL + COPY,
        EVIL + COPY,
        url="javascript:alert(document.cookie)",
        source=f"{EVIL}.example",
        title=EVIL,
        author='" onload="alert(1)',
        language='en" onclick="x',
    )
    shift = len(EVIL)
    link = Link(
        "a1", evil.id, "copy", 0.95, "a1", Evidence((Passage(13, 66, shift + 24, shift + 77),))
    )
    storyline = Story(
        "s1",
        "storyline",
        f"Spill {EVIL}",
        ("a1", evil.id),
        start_at=when,
        end_at=when,
        summary=(SourcedSentence(f"A tank {EVIL} ruptured.", ("a1", evil.id)),),
    )
    event = Story("e1", "event", f"Rupture {EVIL}", ("a1", evil.id), parent="s1", start_at=when)
    return ReportData(
        title=f"Report {EVIL}",
        generated_at=datetime(2025, 6, 1, tzinfo=UTC),
        articles=(original, evil),
        links=(link,),
        stories=(storyline, event),
        timeline=(
            TimelineEntry(
                "s1", "2025-03-03", f"Tank {EVIL}", ("a1", evil.id), 0.8, 1, f"other says {EVIL}"
            ),
            TimelineEntry("s1", "", "Undated claim.", ("a1",), 0.3),
        ),
        quotes=(
            Quote(
                evil.id,
                0,
                shift,
                EVIL,
                "direct",
                "said",
                EVIL,
                speaker_entity=EVIL,
                group="g1",
                first_seen=evil.id,
            ),
        ),
        entities=(Entity("p1", EVIL, "person", (EVIL, "Evil"), (EVIL,), ("a1", evil.id)),),
        dates=(DateMention("a1", 13, 20, "March 3", "DATE", "XXXX-03-03"),),
        published=(PublishedDate(evil.id, "XXXX-03-03", "dateline", 0.7, f"header {EVIL}"),),
    )


@pytest.fixture(scope="module")
def page() -> str:
    return render_report(hostile_report())


def test_no_hostile_markup_survives(page):
    """Article text, titles, names and ids appear only escaped: no tag or handler gets in."""
    assert "<script>window" not in page
    assert "<img" not in page
    assert 'onerror="' not in page
    assert 'onload="' not in page
    assert 'onclick="' not in page
    assert len(re.findall(r"<script\b", page)) == 1  # the report's own
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page


def test_only_http_urls_become_links(page):
    """A javascript: URL is shown as text, never as an href."""
    assert 'href="javascript' not in page.lower()
    assert 'href="https://wire.example/a1"' in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert all(h.startswith(("#", "https://")) for h in hrefs), hrefs


def test_loads_nothing_from_the_network(page):
    """No external script, style, image or font is referenced; the CSP forbids them too."""
    assert not re.search(r'(src|href)="(https?:)?//(?!wire\.example/a1")', page)
    assert "@import" not in page
    assert "url(http" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    policy = html.unescape(csp[1]) if csp else ""
    assert "default-src 'none'" in policy
    assert "script-src 'sha256-" in policy


def test_script_hash_matches_the_inline_script(page):
    """The CSP's script hash is the hash of the one inline script, so it is allowed to run."""
    import base64
    import hashlib

    script = re.search(r"<script>(.*?)</script>", page, re.S)[1]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in html.unescape(page)


def test_sections_and_anchors(page):
    """The overview, the storyline and every article are there, linked by hashed ids."""
    assert 'id="overview"' in page
    assert 'id="articles"' in page
    assert f'id="{anchor("s", "s1")}"' in page
    for article_id in ("a1", 'a2"><script>'):
        assert f'id="{anchor("a", article_id)}"' in page
        assert f'href="#{anchor("a", article_id)}"' in page


def test_timeline_shows_precision_undated_and_conflict(page):
    """Timeline dates keep their precision; undated entries and conflicts are shown."""
    assert "3 Mar 2025" in page
    assert 'class="t-entry undated"' in page
    assert "Sources disagree: other says &lt;script&gt;" in page


def test_copy_is_highlighted_and_measured(page):
    """The copy's passage is marked as copied and its share shown; the original is original."""
    assert 'class="hl-copied"' in page
    assert "copied from wire.example" in page
    assert re.search(r"<strong>\d+%</strong> of its text is copied from an earlier article", page)
    assert "No copying from an earlier article was detected." in page


def test_machine_paths_are_not_shown(page):
    """Input paths are reduced to file names: the report does not leak the folder layout."""
    assert "/secret/corpus" not in page


def test_graph_draws_an_arrow_from_the_origin(page):
    """The copies drawing has an arrowed edge and one box per article involved."""
    svg = re.search(r'<svg class="copies".*?</svg>', page, re.S)[0]
    assert svg.count("<rect") == 2
    assert 'marker-end="url(#arrow-copy)"' in svg


def test_empty_report_renders():
    """A report of nothing still renders, saying so."""
    page = render_report(ReportData("Empty", datetime(2025, 1, 1, tzinfo=UTC)))
    assert "No storylines were built" in page
    assert "0 articles" in page


def test_write_report_writes_utf8(tmp_path):
    """write_report writes the page as UTF-8 and returns its path."""
    path = write_report(tmp_path / "r.html", hostile_report())
    assert path.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_report_data_sorts_a_mixed_stream():
    """Records of every kind go to their field, in order; rejects and the like are skipped."""
    from storyline.model import Reject
    from storyline.report import report_data

    full = hostile_report()
    stream = [
        *full.articles,
        Reject("x", "empty"),
        *full.links,
        *full.stories,
        *full.timeline,
        *full.quotes,
        *full.entities,
        *full.dates,
        *full.published,
    ]
    data = report_data(stream, title=full.title, generated_at=full.generated_at)
    assert data == full


def test_records_pointing_to_missing_articles_still_render():
    """Stories, links, quotes and entries naming articles the report lacks do not break it."""
    full = hostile_report()
    ghost = "ghost"
    data = ReportData(
        "Partial",
        full.generated_at,
        articles=full.articles[:1],
        links=(Link("a1", ghost, "copy", 1.0, ghost, Evidence((Passage(0, 5, 0, 5),))),),
        stories=(Story("s", "storyline", "S", ("a1", ghost)),),
        timeline=(TimelineEntry("s", "2025-03", "Claim.", (ghost,), 0.5),),
        quotes=(Quote(ghost, 0, 5, "Hello there friend", "direct", first_seen=ghost),),
        dates=(DateMention("a1", 500, 900, "x", "DATE", "2025"),),
    )
    page = render_report(data)
    assert "unknown article" in page
    assert "Mar 2025" in page


def test_undated_stories_take_their_span_from_their_timeline_but_not_from_background():
    """Bare files carry no dates: a storyline and its events are dated by their timeline."""
    articles = tuple(
        Article(i, f"{i}.txt", f"{i}.txt", "text", "Text.", "Text.", title=f"Title {i}")
        for i in ("a1", "a2", "a3")
    )
    line = Story("s", "storyline", "Oil spill", ("a1", "a2", "a3"))
    first = Story("e1", "event", "Rig explodes", ("a1", "a2"), parent="s")
    second = Story("e2", "event", "Well capped", ("a3",), parent="s")
    data = ReportData(
        title="t",
        generated_at=datetime(2026, 1, 1, tzinfo=UTC),
        articles=articles,
        stories=(line, first, second),
        timeline=(
            TimelineEntry("s", "1984-12-03", "Bhopal.", ("a1",), 0.5, background=True),
            TimelineEntry("s", "2010-04-20", "The rig exploded.", ("a1", "a2"), 0.8),
            TimelineEntry("s", "2010-04-22", "It sank.", ("a2",), 0.8),
            TimelineEntry("s", "2010-07", "The well was capped.", ("a3",), 0.5),
        ),
    )
    page = render_report(data)
    assert "20–22 Apr 2010 (from its timeline)" in page  # the storyline: days only, no 1984
    assert 'class="when">20–22 Apr 2010<' in page  # the first event, in the overview card
    assert "1984 –" not in page  # background entries date no span
    assert "1984 (from" not in page
    assert re.search(r'class="when">undated<[^\n]*Well capped', page)  # a month is no span
