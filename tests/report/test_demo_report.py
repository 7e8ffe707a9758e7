"""The report of the demo corpus: offsets line up, every record shows, nothing leaks."""

from __future__ import annotations

import re

import pytest

from storyline.dedup.provenance import text_of
from storyline.report import ReportData, render_report
from storyline.report.data import anchor


@pytest.fixture(scope="module")
def page(demo_report: ReportData) -> str:
    return render_report(demo_report)


def test_date_and_quote_offsets_index_the_article_text(demo_report: ReportData):
    """The offsets the report highlights by point into the same text the extractors read."""
    texts = {a.id: text_of(a) for a in demo_report.articles}
    for d in demo_report.dates:
        assert texts[d.article_id][d.start : d.end] == d.text
    for q in demo_report.quotes:
        # A quotation split by its attribution ("A," she said, "B.") spans the whole
        # statement, while its text joins the quoted parts.
        span = texts[q.article][q.start : q.end]
        words = q.text.split()
        assert span.startswith(words[0])
        assert span.rstrip("”\"' ").endswith(words[-1].rstrip("”\"' "))
        assert all(word in span for word in words)


def test_passages_fit_inside_both_articles(demo_report: ReportData):
    """Every copied passage lies within the texts of both linked articles."""
    texts = {a.id: text_of(a) for a in demo_report.articles}
    for link in demo_report.links:
        for p in link.evidence.passages:
            assert 0 <= p.a_start < p.a_end <= len(texts[link.a])
            assert 0 <= p.b_start < p.b_end <= len(texts[link.b])


def test_every_article_and_storyline_is_in_the_page(demo_report: ReportData, page: str):
    """Each article and storyline has its section, each event its row."""
    for article in demo_report.articles:
        assert f'id="{anchor("a", article.id)}"' in page
    for story in demo_report.stories:
        if story.level == "storyline":
            assert f'id="{anchor("s", story.id)}"' in page
    events = sum(1 for s in demo_report.stories if s.level == "event")
    assert page.count('<tr><td class="when">') == events


def test_copies_are_drawn_and_measured(page: str):
    """The demo's three copies (a reprint, a trimmed copy, a spun rewrite) are drawn."""
    assert page.count('<svg class="copies"') == 2  # the breach storyline has no copies
    assert len(re.findall(r'marker-end="url\(#arrow-(copy|near_copy|spun)\)"', page)) == 3
    assert page.count('class="badge spun"') >= 1


def test_no_machine_path_in_the_page(page: str, tmp_path_factory: pytest.TempPathFactory):
    """The page names input files, never the folders they were read from."""
    assert str(tmp_path_factory.getbasetemp()) not in page
    assert "/storyline/demo/" not in page


def test_quotes_show_their_lineage(demo_report: ReportData, page: str):
    """A quotation relayed by several articles names where it was first seen."""
    if not demo_report.quotes:
        pytest.skip("spaCy English pipeline not installed: no quotations to show")
    assert "first seen in" in page
    assert "relayed by" in page
