"""HTML to headline, main text, author and dates, through trafilatura and htmldate."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from storyline.errors import ExtractionError
from storyline.timestamps import parse_timestamp

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Page:
    """What a news page says about itself."""

    title: str
    text: str  # main text, one paragraph per line
    author: str
    published_at: datetime | None
    modified_at: datetime | None
    sitename: str


@cache
def _quiet_libraries() -> None:
    # trafilatura and htmldate log every odd page at WARNING; per-page noise belongs at debug.
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.ERROR)


def parse_html(html: str, *, url: str = "") -> Page:
    """Return the main text and metadata of a news page.

    Raises ExtractionError when the page has no main text (an index page, a login wall).
    """
    import trafilatura
    from htmldate import find_date

    _quiet_libraries()
    # no deduplicate=True: its cache of seen paragraphs is process-wide, so the fourth site
    # reprinting a wire story would lose its text, depending on file order
    try:
        document: Any = trafilatura.bare_extraction(
            html,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            deduplicate=False,
        )
    except (ValueError, TypeError, AttributeError) as err:  # malformed markup deep in lxml
        raise ExtractionError(f"unparseable HTML: {err}") from err
    if document is None or not (document.text or "").strip():
        raise ExtractionError("no main text found in the HTML page")
    published = _find_date(find_date, html, url, original=True)
    modified = _find_date(find_date, html, url, original=False)
    return Page(
        title=(document.title or "").strip(),
        text=_drop_leading_title(document.text, document.title or ""),
        author=(document.author or "").strip(),
        published_at=published,
        modified_at=modified if modified != published else None,
        sitename=(document.sitename or "").strip(),
    )


def _find_date(find_date: Any, html: str, url: str, *, original: bool) -> datetime | None:
    try:
        found = find_date(
            html,
            url=url or None,
            original_date=original,
            extensive_search=False,
            outputformat="%Y-%m-%dT%H:%M:%S%z",
        )
    except (ValueError, TypeError) as err:
        log.debug("htmldate failed: %s", err)
        return None
    return parse_timestamp(found) if found else None


def _drop_leading_title(text: str, title: str) -> str:
    # trafilatura keeps the <h1> as the first line of the text; the headline has its own field.
    first, _, rest = text.partition("\n")
    return rest if title and first.strip() == title.strip() else text
