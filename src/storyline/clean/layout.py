"""Pages laid out in tables: turn the layout tables into plain blocks before extraction."""

from __future__ import annotations

from typing import Any

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

# A cell holding this much text is a column of the page, not a datum of a data table.
LAYOUT_CELL_CHARS = 400
TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")


def unwrap_layout_tables(html: str) -> str | None:
    """Return the page with its layout tables made divs, or None when it has none.

    Old sites and e-mail-like pages put the whole article in one table cell, beside cells of
    links; extractors read that as a data table and flatten the article into one row. A table
    is layout when one of its cells holds a long text or another table; data tables, with
    short cells, stay tables.
    """
    if "<table" not in html[:200_000].lower():
        return None
    try:
        root = lxml.html.document_fromstring(html, parser=_parser())
    except (lxml.etree.ParserError, ValueError):
        return None
    layout = [table for table in root.iter("table") if is_layout_table(table)]
    if not layout:
        return None
    parts = [
        element
        for table in layout
        for element in table.iter(*TABLE_PARTS)
        if element is table or (element.tag != "table" and _owning_table(element) is table)
    ]
    for element in parts:  # renamed only once all are found: renaming changes the owners
        element.tag = "div"
    text: str = lxml.html.tostring(root, encoding="unicode")
    return text


def is_layout_table(table: Any) -> bool:
    """Tell whether a table lays out the page rather than holding data."""
    for cell in table.iter("td", "th"):
        if _owning_table(cell) is not table:
            continue
        if cell.find(".//table") is not None:
            return True
        if len(" ".join(cell.text_content().split())) >= LAYOUT_CELL_CHARS:
            return True
    return False


def _owning_table(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _parser() -> Any:
    return lxml.html.HTMLParser(remove_comments=True, no_network=True)
