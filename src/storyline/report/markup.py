"""Build HTML that is escaped by construction: only `Markup` passes through unescaped."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import TypeAlias
from urllib.parse import urlsplit

# A surrogate left alone (from a broken decode) cannot be written as UTF-8: show U+FFFD.
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Names of tags and attributes are ours, never data; this keeps a typo from becoming markup.
NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*")
VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link"})
# Text that can turn the direction of what follows it: bidi controls, right-to-left letters.
# Such text is shown inside <bdi>, so an author ending in U+202E cannot flip our byline.
DIRECTIONAL = re.compile(
    "[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


class Markup(str):
    """A string of trusted HTML, built here; everything else is escaped when joined."""

    __slots__ = ()


Attrs: TypeAlias = Mapping[str, str | int | float | bool | None]


def escape(text: object) -> Markup:
    """Return `text` escaped for use in HTML text or a quoted attribute; Markup is kept."""
    if isinstance(text, Markup):
        return text
    clean = LONE_SURROGATE.sub("\ufffd", str(text))
    return Markup(html.escape(clean, quote=True))


def plain_isolated(text: str) -> str:
    """Return `text` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE if it could turn
    the direction of what follows: the <bdi> of places that hold plain text (attributes,
    tooltips, the page title)."""
    return f"\u2068{text}\u2069" if DIRECTIONAL.search(text) else text


def join(children: object) -> Markup:
    """Return the children, escaped unless Markup, concatenated; None and False are skipped."""
    if children is None or children is False:
        return Markup("")
    if isinstance(children, str | int | float):
        text = escape(children)
        if not isinstance(children, Markup) and DIRECTIONAL.search(text):
            return Markup(f"<bdi>{text}</bdi>")
        return text
    if isinstance(children, Iterable):
        return Markup("".join(join(child) for child in children))
    raise TypeError(f"cannot render {type(children).__name__} as HTML")


def _attribute(name: str, value: str | int | float | bool | None) -> str:
    if not NAME.fullmatch(name):
        raise ValueError(f"bad attribute name {name!r}")
    if value is None or value is False:
        return ""
    if value is True:
        return f" {name}"
    return f' {name}="{escape(plain_isolated(str(value)))}"'


def el(tag: str, attrs: Attrs | None = None, *children: object) -> Markup:
    """Return the element `tag` with escaped attributes and children."""
    if not NAME.fullmatch(tag):
        raise ValueError(f"bad tag name {tag!r}")
    attributes = "".join(_attribute(k, v) for k, v in (attrs or {}).items())
    if tag in VOID_TAGS:
        return Markup(f"<{tag}{attributes}>")
    return Markup(f"<{tag}{attributes}>{join(children)}</{tag}>")


def safe_href(url: str) -> str | None:
    """Return `url` when it is an absolute http(s) URL fit for a link, else None."""
    url = url.strip()
    if any(ord(c) < 0x21 or c in "\"'<>\\`" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def external_link(url: str, label: object = None) -> Markup:
    """Return a link to an article's own page when its URL is http(s), else the URL as text."""
    href = safe_href(url)
    if href is None:
        return el("span", {"class": "url"}, label if label is not None else url)
    attrs = {"href": href, "rel": "noopener noreferrer nofollow", "class": "url"}
    return el("a", attrs, label if label is not None else url)
