"""HTML to headline, main text, author and dates, through trafilatura and htmldate."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from storyline.clean.layout import unwrap_layout_tables
from storyline.clean.page_meta import (
    json_ld_authors,
    meta_values,
    split_authors,
    stated_publication_time,
    url_date,
)
from storyline.errors import ExtractionError
from storyline.model import DateOrigin
from storyline.timestamps import parse_timestamp

log = logging.getLogger(__name__)

# Bigger fragments are whole pages without their <html> (a record's raw_html field), where
# trafilatura's removal of menus and teasers is worth having.
MAX_FRAGMENT_CHARS = 10_000
PAGE_TAG = re.compile(r"<(?:!doctype|html|head|body)[\s>/]", re.IGNORECASE)
# Less main text than this and the extraction is tried again with recall settings.
MIN_MAIN_TEXT_CHARS = 250
TITLE_TAG = re.compile(r"<title[^>]*>([^<]{1,400})</title>", re.IGNORECASE)
SPACE_RUN = re.compile(r"[ \t\r\n\f]+")
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "svg", "form")
# Tags that end a line of text; the names are split on use, since lxml's iter takes names.
BLOCK_TAGS = (
    "p div br hr li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre table tr td th section article"
    " header footer figure figcaption aside"
)


@dataclass(frozen=True, slots=True)
class Page:
    """What a news page says about itself."""

    title: str
    text: str  # main text, one paragraph per line
    author: str
    published_at: datetime | None  # with the offset the page states, when it gives a time
    modified_at: datetime | None
    sitename: str
    authors: tuple[str, ...] = ()
    published_from: DateOrigin | None = None  # "html", "html_extensive" or "url"


@cache
def _quiet_libraries() -> None:
    # trafilatura and htmldate log every odd page at WARNING; per-page noise belongs at debug.
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.ERROR)


def parse_html(html: str, *, url: str = "") -> Page:
    """Return the main text and metadata of a news page.

    Raises ExtractionError when the page has no main text (an index page, a login wall).
    """
    if len(html) <= MAX_FRAGMENT_CHARS and is_fragment(html):
        # A feed item or a record's html field: a few paragraphs and no page around them.
        # trafilatura looks for a page's main block and finds none in a one-paragraph
        # fragment, and there is no page chrome to remove, so the tags are simply stripped.
        text = fragment_text(html)
        if not text:
            raise ExtractionError("no text in the HTML fragment")
        return Page(
            title="", text=text, author="", published_at=None, modified_at=None, sitename=""
        )
    import trafilatura
    from htmldate import find_date

    _quiet_libraries()
    source = unwrap_layout_tables(html) or html
    document = _extract(trafilatura, source, url)
    if document is None or len((document.text or "").strip()) < MIN_MAIN_TEXT_CHARS:
        # a page whose main block the default settings miss (a layout of tables and
        # divs, a blog): the recall setting casts a wider net; the longer text wins
        wider = _extract(trafilatura, source, url, favor_recall=True)
        if wider is not None and len(wider.text or "") > len((document and document.text) or ""):
            document = wider
    if document is None or not (document.text or "").strip():
        raise ExtractionError("no main text found in the HTML page")
    published, published_from = find_published(find_date, html, url)
    modified = _find_date(find_date, html, url, original=False)
    if modified is not None and published is not None and modified.date() == published.date():
        modified = None
    title = headline((document.title or "").strip(), document.text, html)
    # trafilatura drops names it cannot parse as Latin-script names ("陈志远"): then the
    # JSON-LD authors, then the author meta tag as written
    authors = (
        split_authors(document.author or "")
        or json_ld_authors(html)
        or split_authors(meta_values(html).get("author", ""))
    )
    return Page(
        title=title,
        text=_drop_leading_title(document.text, title),
        author=authors[0] if authors else "",
        published_at=published,
        modified_at=modified,
        sitename=site_name(document.sitename or "", html),
        authors=authors,
        published_from=published_from,
    )


def find_published(
    find_date: Any, html: str, url: str
) -> tuple[datetime | None, DateOrigin | None]:
    """Return a page's publication time and where it came from.

    htmldate's fast search first, its extensive search when that finds nothing, then the
    URL's date. When the page's meta tags state the time on that day, with its offset, the
    time is kept as stated: 2020-04-16T01:00+05:30 stays on the 16th.
    """
    origin: DateOrigin = "html"
    published = _find_date(find_date, html, url, original=True)
    if published is None:
        origin = "html_extensive"
        published = _find_date(find_date, html, url, original=True, extensive=True)
        published = None if is_copyright_year(published, html) else published
    in_url = url_date(url)
    if published is None:
        published, origin = in_url, "url"
    elif in_url is not None and published == in_url:
        origin = "url"  # htmldate read it from the URL too: say so
    stated = stated_publication_time(html)
    if stated is not None and (published is None or stated.date() == published.date()):
        return stated, origin if published is not None else "html"
    return published, origin if published is not None else None


def _extract(trafilatura: Any, html: str, url: str, *, favor_recall: bool = False) -> Any:
    # trafilatura's default balance, with tables (news pages still laid out in tables, data
    # tables in articles) and without comments, which is its best setting on its own
    # evaluation pages; see scripts/eval_extraction.py.
    # no deduplicate=True: its cache of seen paragraphs is process-wide, so the fourth site
    # reprinting a wire story would lose its text, depending on file order
    try:
        return trafilatura.bare_extraction(
            html,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=favor_recall,
            deduplicate=False,
        )
    except (ValueError, TypeError, AttributeError) as err:  # malformed markup deep in lxml
        raise ExtractionError(f"unparseable HTML: {err}") from err


def is_fragment(html: str) -> bool:
    """Tell whether markup is a piece of a page: no doctype, html, head or body tag."""
    return PAGE_TAG.search(html) is None


def fragment_text(html: str) -> str:
    """Return the text of an HTML fragment, one paragraph per line, without markup."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div", parser=_parser())
    except (lxml.etree.ParserError, ValueError):
        return ""  # nothing but whitespace or comments
    lxml.etree.strip_elements(root, *INVISIBLE_TAGS, with_tail=False)
    for element in root.iter():
        # newlines inside a paragraph's source are spaces; only block tags break lines
        element.text = SPACE_RUN.sub(" ", element.text or "")
        element.tail = SPACE_RUN.sub(" ", element.tail or "")
    for element in root.iter(*BLOCK_TAGS.split()):
        element.text = "\n" + element.text
        element.tail = "\n" + element.tail
    lines = (line.strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


@cache
def _parser() -> Any:
    # no_network: a fragment must never make the parser fetch anything
    return lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)


def site_name(found: str, html: str) -> str:
    """Return the publisher's readable name: og:site_name, else trafilatura's if not a domain."""
    name = meta_values(html).get("og:site_name", "").strip() or found.strip()
    return "" if "." in name and " " not in name else name


def is_copyright_year(found: datetime | None, html: str) -> bool:
    """Tell whether a date is only the year of the page's copyright line: '© 2019' as Jan 1."""
    if found is None or (found.month, found.day) != (1, 1):
        return False
    notice = rf"(?:©|&copy;|copyright)\s*(?:\d{{4}}\s*[-–]\s*)?{found.year}"
    return re.search(notice, html, re.IGNORECASE) is not None


def headline(title: str, text: str, html: str) -> str:
    """Return the page's headline: trafilatura's title, unless that is the site's name.

    A <title> such as 'Valley Gazette - County board approves new bridge' gives the site's
    name when the page has no <h1>; the text's first line, when it is the other part of the
    <title>, is the headline.
    """
    match = TITLE_TAG.search(html)
    first = text.partition("\n")[0].strip()
    if not match or not title or not first or len(first) <= len(title):
        return title
    page_title = " ".join(match[1].split())
    return first if title in page_title and first in page_title else title


def _find_date(
    find_date: Any, html: str, url: str, *, original: bool, extensive: bool = False
) -> datetime | None:
    try:
        found = find_date(
            html,
            url=url or None,
            original_date=original,
            extensive_search=extensive,
            outputformat="%Y-%m-%dT%H:%M:%S%z",
        )
    except (ValueError, TypeError) as err:
        log.debug("htmldate failed: %s", err)
        return None
    return parse_timestamp(found, keep_offset=True) if found else None


def _drop_leading_title(text: str, title: str) -> str:
    # trafilatura keeps the <h1> as the first line of the text; the headline has its own field.
    first, _, rest = text.partition("\n")
    return rest if title and first.strip() == title.strip() else text
