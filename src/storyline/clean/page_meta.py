"""A page's publication time as it states it, its URL date, and its list of authors."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from typing import Any

from storyline.timestamps import parse_timestamp

# Meta tags that carry the publication time with its offset, most specific first.
PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "pubdate",
    "publish-date",
    "sailthru.date",
)
META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
META_ATTRIBUTE = re.compile(r"""(\w[\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
JSON_LD = re.compile(
    r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL
)
JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
# /2021/03/05/, /2021-03-05-, _20210305_ in a URL's path
URL_DATE = re.compile(
    r"[/_-](?P<y>(?:19|20)\d{2})(?P<sep>[/_-]?)(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?=[/_.-]|$)"
)
TIME_OF_DAY = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")
AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|\||\band\b|&|,(?=\s*[A-Z][\w.'’-]+\s+[A-Z]))\s*")


def stated_publication_time(html: str) -> datetime | None:
    """Return the publication time a page's meta tags or JSON-LD state, with its offset.

    Only a value with a time of day counts: a bare day is what htmldate already finds.
    """
    values = meta_values(html)
    candidates = [values[key] for key in PUBLISHED_META if key in values]
    candidates += [
        m[1] for block in JSON_LD.findall(html) for m in JSON_LD_PUBLISHED.finditer(block)
    ]
    for value in candidates:
        if TIME_OF_DAY.match(value):
            moment = parse_timestamp(value, keep_offset=True)
            if moment is not None:
                return moment
    return None


def meta_values(html: str) -> dict[str, str]:
    """Return {name: content} of the <meta> tags in a page's head, first value of each name."""
    lowered = html.lower()
    head = html[: lowered.find("</head>") + 7] if "</head>" in lowered else html[:50_000]
    values: dict[str, str] = {}
    for tag in META_TAG.findall(head):
        attributes = {m[1].lower(): m[2] or m[3] or "" for m in META_ATTRIBUTE.finditer(tag)}
        key = (attributes.get("property") or attributes.get("name") or "").lower()
        key = key or (attributes.get("itemprop") or "").lower()
        if key and attributes.get("content", "").strip():
            values.setdefault(key, attributes["content"].strip())
    return values


def url_date(url: str) -> datetime | None:
    """Return the publication day a URL's path spells out (/2021/03/05/), at midnight UTC."""
    match = URL_DATE.search(url.split("?", 1)[0])
    if not match:
        return None
    try:
        day = date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def split_authors(author: str) -> tuple[str, ...]:
    """Return the names in an author string: 'Ana Ruiz; Li Wei and Tom Ek' gives three."""
    names = (name.strip(" ,.") for name in AUTHOR_SEPARATORS.split(author))
    unique: dict[str, None] = {}
    for name in names:
        if name and name.lower() not in {n.lower() for n in unique}:
            unique[name] = None
    return tuple(unique)


def json_ld_authors(html: str) -> tuple[str, ...]:
    """Return the author names a page's JSON-LD lists, in order."""
    names: list[str] = []
    for block in JSON_LD.findall(html):
        try:
            data: Any = json.loads(block)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                names += _names(item.get("author"))
    return tuple(dict.fromkeys(names))


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []
