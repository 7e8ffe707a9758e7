"""Escaping by construction, and which URLs may become links."""

from __future__ import annotations

import pytest

from storyline.report.markup import Markup, el, escape, external_link, join, safe_href


def test_text_and_attributes_are_escaped():
    """Markup characters in text and attribute values come out as entities."""
    html = el("a", {"title": '" onload="x()'}, "<script>alert(1)</script> & co")
    assert html == (
        '<a title="&quot; onload=&quot;x()">&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</a>'
    )


def test_markup_passes_through_once():
    """Markup built here is not escaped twice; plain strings always are."""
    inner = el("b", None, "x")
    assert el("p", None, inner, "<i>") == "<p><b>x</b>&lt;i&gt;</p>"
    assert escape(inner) is inner


def test_none_false_and_nested_children():
    """None and False render as nothing; nested lists are flattened in order."""
    assert join(["a", None, False, ["b", [1, 2.5]]]) == "ab12.5"


def test_boolean_and_missing_attributes():
    """A True attribute is written bare; None and False leave it out."""
    assert el("details", {"open": True, "id": None, "hidden": False}) == "<details open></details>"


def test_lone_surrogate_becomes_replacement_character():
    """A lone surrogate, which UTF-8 cannot encode, is shown as U+FFFD."""
    assert escape("a\ud800b") == "a\ufffdb"
    escape("a\ud800b").encode("utf-8")


def test_tag_and_attribute_names_are_checked():
    """Names that are not plain identifiers are refused, never written out."""
    with pytest.raises(ValueError, match="bad tag"):
        el("a onclick=x", None)
    with pytest.raises(ValueError, match="bad attribute"):
        el("a", {"x=1 onclick": "y"})


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.com/a?b=1&c=2", True),
        ("http://example.com", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//example.com/x", False),
        ("/relative/path", False),
        ('https://example.com/" onmouseover="x', False),
        ("https://exa mple.com", False),
        ("http://[::1", False),
    ],
)
def test_only_absolute_http_urls_become_links(url, ok):
    """Only absolute http(s) URLs without quotes or spaces are accepted as link targets."""
    assert (safe_href(url) is not None) is ok


def test_external_link_falls_back_to_text():
    """A refused URL is shown as escaped text, not as a link."""
    assert external_link("javascript:alert(1)") == '<span class="url">javascript:alert(1)</span>'
    link = external_link("https://example.com/?a=1&b=2")
    assert link.startswith('<a href="https://example.com/?a=1&amp;b=2"')
    assert isinstance(link, Markup)
