"""Datasette on a storyline store links a quotation to its article and searches with FTS."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest

datasette_app = pytest.importorskip("datasette.app", reason="needs datasette (the dev extra)")


def _get(db: Path, path: str) -> tuple[int, str]:
    async def fetch() -> tuple[int, str]:
        ds = datasette_app.Datasette([str(db)], immutables=[])
        response = await ds.client.get(path)
        return response.status_code, response.text

    # On a thread of its own: Playwright's sync API may hold this thread's event loop.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(fetch())).result()


def test_a_quote_links_to_its_article(web_db: Path):
    """The quotes table shows each quotation's article as a link to that article's row."""
    with sqlite3.connect(web_db) as db:
        # a plain hex id, which Datasette writes into its URLs as it is
        article = db.execute(
            "SELECT article FROM quotes WHERE article NOT GLOB '*[^0-9a-f]*' LIMIT 1"
        ).fetchone()[0]
    status, page = _get(web_db, f"/{web_db.stem}/quotes?article={quote(article)}")
    assert status == 200
    assert f'href="/{web_db.stem}/articles/{article}"' in page


def test_search_uses_the_fts_index(web_db: Path):
    """?_search= on articles finds the articles the index holds, and no others."""
    status, rows = _get(web_db, f"/{web_db.stem}/articles.json?_search=Whitcombe&_shape=array")
    assert status == 200
    found = json.loads(rows)
    assert found
    assert all("whitcombe" in (r["text"] + r["title"]).lower() for r in found)
