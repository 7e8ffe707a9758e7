"""Highlighting spans of a text by character offsets."""

from __future__ import annotations

import re
import time
from html import unescape

from hypothesis import example, given, settings
from hypothesis import strategies as st

from storyline.report.highlight import KINDS, Span, highlight, segments, snap
from storyline.report.markup import LONE_SURROGATE


def test_spans_wrap_their_text_and_escape_each_piece():
    """Each span becomes one <mark>; text around and inside it is escaped."""
    html = highlight("a<b & c>d", [Span(2, 5, "quote", "q")])
    assert html == 'a&lt;<mark class="hl-quote" title="q">b &amp;</mark> c&gt;d'


def test_entities_are_never_cut():
    """A span ending inside what becomes `&amp;` still yields whole entities."""
    html = highlight("x&y", [Span(0, 2, "date")])
    assert html == '<mark class="hl-date">x&amp;</mark>y'


def test_overlapping_spans_become_flat_pieces():
    """Overlaps are split into pieces naming every kind that covers them; tags never cross."""
    html = highlight("abcdef", [Span(0, 4, "copied"), Span(2, 6, "quote")])
    assert html == (
        '<mark class="hl-copied">ab</mark>'
        '<mark class="hl-copied hl-quote">cd</mark>'
        '<mark class="hl-quote">ef</mark>'
    )


def test_nested_and_identical_spans():
    """A span inside another, and two identical spans, keep the text whole and in order."""
    pieces = segments("abcdef", [Span(0, 6, "copied"), Span(2, 3, "date"), Span(2, 3, "date")])
    assert [(s, e, len(c)) for s, e, c in pieces] == [(0, 2, 1), (2, 3, 3), (3, 6, 1)]


def test_bad_spans_are_dropped_or_clamped():
    """Empty, inverted and out-of-range spans never fail and never lose text."""
    text = "hello"
    html = highlight(
        text,
        [
            Span(3, 3, "date"),
            Span(4, 2, "date"),
            Span(-5, 2, "quote"),
            Span(4, 99, "copied"),
            Span(50, 60, "date"),
        ],
    )
    assert html == '<mark class="hl-quote">he</mark>ll<mark class="hl-copied">o</mark>'


def test_surrogate_pairs_are_never_split():
    """An offset between the two halves of a surrogate pair moves before the pair."""
    text = "a\ud83d\ude00b"  # an emoji kept as two code points, as surrogatepass decoding does
    assert snap(text, 2) == 1
    pieces = segments(text, [Span(2, 4, "date")])
    assert [text[s:e] for s, e, _ in pieces] == ["a", "\ud83d\ude00b"]


def test_astral_characters_count_as_one_offset():
    """Ordinary astral characters are one code point, so offsets land around them."""
    html = highlight("😀 said", [Span(2, 6, "quote")])
    assert html == '😀 <mark class="hl-quote">said</mark>'


def test_no_spans_is_just_escaped_text():
    """Without spans the text comes back escaped and whole."""
    assert highlight('<"x">', []) == "&lt;&quot;x&quot;&gt;"


@settings(max_examples=50, deadline=None)  # small inputs find the edge cases quickly
@example("a\u0590b", [(0, 2, "quote")])  # right-to-left text in a mark is isolated
@given(
    st.text(max_size=60),
    st.lists(
        st.tuples(st.integers(-5, 70), st.integers(-5, 70), st.sampled_from(KINDS)), max_size=8
    ),
)
def test_highlighting_never_changes_the_text(text, raw_spans):
    """Whatever the spans, removing the marks and unescaping gives the text back."""
    spans = [Span(s, e, kind, "<note>") for s, e, kind in raw_spans]
    html = highlight(text, spans)
    # Marks, and the <bdi> that isolates right-to-left text inside one, are the only tags.
    tags = r'<mark class="[a-z -]+" title="[^"<>]*">|<mark class="[a-z -]+">|</mark>|</?bdi>'
    assert "<" not in re.sub(tags, "", html)
    plain = re.sub(r"<mark[^>]*>|</mark>|</?bdi>", "", html)
    assert unescape(plain) == LONE_SURROGATE.sub("\ufffd", text)
    assert html.count("<mark") == html.count("</mark>")


def test_many_spans_on_a_long_text_are_fast():
    """Ten thousand spans over a long text are cut quickly (a quadratic cut takes minutes)."""
    text = "word " * 20_000
    spans = [Span(i * 10, i * 10 + 25, "quote") for i in range(10_000)]
    started = time.perf_counter()
    highlight(text, spans)
    assert time.perf_counter() - started < 5.0  # generous: CI machines are shared
