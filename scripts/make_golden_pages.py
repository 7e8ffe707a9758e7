"""Regenerate the expected fields of the golden pages in tests/data/pages.

Each tests/data/pages/NAME.html.gz has tests/data/expected/NAME.json, holding the page's
`url` (the address it was read from, or ""), the text snippets its body must contain
(`with`) and must not contain (`without`), written by hand, and the `fields` storyline reads
from it, which this script rewrites. Review the diff like code before committing it.

Usage: python scripts/make_golden_pages.py
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from storyline.clean.article import make_article
from storyline.ingest.read import read_input
from storyline.model import Document
from storyline.timestamps import format_timestamp

TESTS = Path(__file__).resolve().parents[1] / "tests" / "data"


def page_fields(page: Path, url: str) -> dict[str, Any]:
    """Return the fields storyline reads from a golden page, as the expected file holds them."""
    document = next(read_input(page))
    assert isinstance(document, Document), document
    article = make_article(replace(document, url=url) if url else document)
    return {
        "title": article.title,
        "author": article.author,
        "authors": list(article.authors),
        "site_name": article.site_name,
        "published": format_timestamp(article.published_at, keep_offset=True),
        "published_from": article.published_from,
        "paragraphs": article.text.count("\n\n") + 1,
    }


def main() -> None:
    for page in sorted((TESTS / "pages").glob("*.html.gz")):
        path = TESTS / "expected" / f"{page.name.removesuffix('.html.gz')}.json"
        expected = json.loads(path.read_text("utf-8")) if path.exists() else {}
        expected.setdefault("url", "")
        expected.setdefault("with", [])
        expected.setdefault("without", [])
        expected["fields"] = page_fields(page, expected["url"])
        path.write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"{path.name}: {expected['fields']['title']}")


if __name__ == "__main__":
    main()
