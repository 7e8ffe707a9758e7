"""The web app through Starlette's test client, on a store `storyline run` made."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("starlette", reason="the web app needs the 'serve' extra")
pytest.importorskip("httpx2", reason="Starlette's test client needs httpx2 (the dev extra)")

from starlette.testclient import TestClient

from storyline.web import build_app
from storyline.web.app import CSP, create_app


@pytest.fixture(scope="module")
def client(web_db: Path) -> TestClient:
    return TestClient(
        create_app(web_db, allowed_hosts=("testserver",)), raise_server_exceptions=False
    )


def _path(kind: str, record_id: str) -> str:
    return f"/{kind}/{quote(record_id, safe='')}"


def test_every_page_answers(client: TestClient, web_ids: dict[str, str]):
    """Storylines, a storyline, event, article, person, source, quote group and search answer."""
    paths = [
        "/",
        _path("storyline", web_ids["storyline"]),
        _path("event", web_ids["event"]),
        _path("article", web_ids["article"]),
        _path("entity", web_ids["person"]),
        _path("source", web_ids["source"]),
        _path("quote", web_ids["group"]),
        "/search?q=spill",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["content-type"].startswith("text/html")
        assert "<script" not in response.text.split("<main>")[0]


def test_home_lists_storylines_largest_first(client: TestClient, web_db: Path):
    """The home page names every storyline, the largest first, as the report picks them."""
    with sqlite3.connect(web_db) as db:
        titles = [
            row[0]
            for row in db.execute(
                "SELECT title FROM stories WHERE level = 'storyline' "
                "ORDER BY json_array_length(articles) DESC, id"
            )
        ]
    page = client.get("/").text
    positions = [page.index(t.replace("'", "&#x27;")) for t in titles]
    assert positions == sorted(positions)


def test_article_page_marks_quotes_and_dates_and_links_both_ways(
    client: TestClient, web_ids: dict[str, str]
):
    """An article shows quotations and dates marked, its storylines, and links to its people."""
    page = client.get(_path("article", web_ids["article"])).text
    # A date inside a reused passage is one <mark> with both classes ("hl-reused hl-date").
    marked = {k for c in re.findall(r'<mark class="([^"]*)"', page) for k in c.split()}
    assert {"hl-date", "hl-quote"} <= marked
    assert "/storyline/" in page
    assert "/entity/" in page
    assert "/source/" in page


def test_person_page_has_every_quotation(client: TestClient, web_db: Path, web_ids: dict[str, str]):
    """A person's page lists as many quotations as the store attributes to them."""
    with sqlite3.connect(web_db) as db:
        n = db.execute(
            "SELECT count(*) FROM quotes WHERE speaker_entity = ?", (web_ids["person_name"],)
        ).fetchone()[0]
    data = client.get("/api" + _path("entity", web_ids["person"])).json()
    assert data["quote_count"] == n == len(data["quotes"])
    assert data["name"] == web_ids["person_name"]


def test_search_finds_a_person_quotes_and_articles(client: TestClient, web_ids: dict[str, str]):
    """Searching a speaker's name finds the entity, their quotations and the articles."""
    name = web_ids["person_name"]
    data = client.get("/api/search", params={"q": name}).json()
    assert name in [e["name"] for e in data["entities"]]
    assert any(q["speaker_entity"] == name for q in data["quotes"])
    assert data["articles"]
    assert all(a["page"].startswith("/article/") for a in data["articles"])


def test_search_groups_results_by_storyline(client: TestClient, web_ids: dict[str, str]):
    """Article hits carry the storylines they belong to; the page heads each group with one."""
    data = client.get("/api/search", params={"q": "spill"}).json()
    assert any(a["storylines"] for a in data["articles"])
    page = client.get("/search", params={"q": "spill"}).text
    assert 'class="hit-group"' in page
    assert "/storyline/" in page


@pytest.mark.parametrize("query", ["O'Brien", '"unbalanced', "title:", "NEAR(", "a AND", "***"])
def test_invalid_search_syntax_is_a_message(client: TestClient, query: str):
    """A query FTS5 cannot parse is searched as plain words, or answered with a message."""
    response = client.get("/search", params={"q": query})
    assert response.status_code in (200, 400)
    assert "Server error" not in response.text
    api = client.get("/api/search", params={"q": query})
    assert api.status_code in (200, 400)
    if api.status_code == 400:
        assert api.json()["error"]


def test_search_reads_fts_syntax(client: TestClient):
    """A phrase in quotes and a column filter are honoured, not searched as words."""
    phrase = client.get("/api/search", params={"q": '"tap water"'}).json()
    assert phrase["note"] == ""
    assert phrase["articles"]
    snippets = [
        a["snippet"].replace("[[", "").replace("]]", "").lower() for a in phrase["articles"]
    ]
    assert all("tap water" in " ".join(s.split()) for s in snippets)
    titled = client.get("/api/search", params={"q": "title:breach"}).json()
    assert titled["articles"]
    assert all("breach" in a["title"].lower() for a in titled["articles"])


def test_unknown_ids_are_404_pages(client: TestClient):
    """Every kind of record answers an unknown id with a 404 page, HTML or JSON."""
    for kind in ("storyline", "event", "article", "entity", "source", "quote"):
        response = client.get(f"/{kind}/no-such-id")
        assert response.status_code == 404, kind
        assert "Not found" in response.text
        api = client.get(f"/api/{kind}/no-such-id")
        assert api.status_code == 404
        assert "error" in api.json()
    assert client.get("/nowhere").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/assets/../../etc/passwd",
        "/assets/..%2F..%2Fetc%2Fpasswd",
        "/assets/%2e%2e/%2e%2e/etc/passwd",
        "/assets/report.css%00.txt",
        "/article/..%2F..%2F..%2Fetc%2Fpasswd",
        "/source/..%2Fstoryline.db",
        "/static/../../storyline.db",
    ],
)
def test_path_traversal_is_refused(client: TestClient, path: str):
    """No URL reaches a file outside the two style sheets; each is a short 4xx."""
    response = client.get(path)
    assert 400 <= response.status_code < 500
    assert "root:" not in response.text
    assert "SQLite format" not in response.text


def test_huge_and_malformed_query_strings_are_4xx(client: TestClient):
    """An overlong URL, an overlong query, a NUL and a forged cursor each get a short 4xx."""
    assert client.get("/search?q=" + "a" * 10_000).status_code == 414
    assert client.get("/search", params={"q": "spill " * 100}).status_code == 400
    assert client.get("/search?q=%00spill").status_code == 400
    for cursor in ("%%%", "bm90IGEgY3Vyc29y", "b-1", "b" * 40):
        response = client.get(f"/api/storylines?cursor={cursor}")
        assert response.status_code == 400, cursor
        assert "cursor" in response.json()["error"]
    assert client.get("/search?q=%ff%fe").status_code in (200, 400)


def test_only_get_is_answered(client: TestClient):
    """A write method gets 405: there is nothing to post to."""
    assert client.post("/search", data={"q": "x"}).status_code == 405
    assert client.delete("/").status_code == 405


def test_hostile_article_shows_as_text(client: TestClient, web_ids: dict[str, str]):
    """The hostile article's markup is escaped everywhere it appears; no link runs script."""
    pages = [
        client.get(_path("article", web_ids["hostile"])).text,
        client.get("/search", params={"q": "Brandvold"}).text,
        client.get(_path("source", "<b>evil</b>.example")).text,
    ]
    for page in pages:
        assert "<script>window" not in page
        assert "<img src=x" not in page
        assert "<b>evil" not in page
        assert "<svg onload" not in page
        assert 'href="javascript:' not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in pages[0]
    assert "<bdi>" in pages[0]


def test_cursor_pages_through_storylines(client: TestClient, web_db: Path):
    """Following next_cursor visits every storyline once."""
    with sqlite3.connect(web_db) as db:
        total = db.execute("SELECT count(*) FROM stories WHERE level = 'storyline'").fetchone()[0]
    data = client.get("/api/storylines").json()
    seen = [s["id"] for s in data["items"]]
    while data["next_cursor"]:
        data = client.get("/api/storylines", params={"cursor": data["next_cursor"]}).json()
        seen += [s["id"] for s in data["items"]]
    assert len(seen) == len(set(seen)) == total


def test_the_store_is_never_written(web_db: Path, web_ids: dict[str, str]):
    """Serving every page leaves the store file byte for byte as it was."""
    before = web_db.read_bytes()
    client = TestClient(create_app(web_db, allowed_hosts=("testserver",)))
    for path in ("/", _path("article", web_ids["article"]), "/search?q=spill"):
        client.get(path)
    assert web_db.read_bytes() == before


def test_other_host_names_are_refused_on_loopback(web_db: Path):
    """On loopback the app answers only to local host names, so DNS rebinding gets nothing."""
    client = TestClient(build_app(web_db), base_url="http://evil.example")
    assert client.get("/").status_code == 400
    local = TestClient(build_app(web_db), base_url="http://127.0.0.1:8000")
    assert local.get("/").status_code == 200


def test_many_concurrent_requests_are_served(client: TestClient, web_ids: dict[str, str]):
    """1,000 requests from 8 threads at once all succeed."""
    from concurrent.futures import ThreadPoolExecutor

    paths = [
        "/",
        _path("article", web_ids["article"]),
        "/search?q=spill",
        "/api/storylines",
        _path("entity", web_ids["person"]),
    ]
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda i: client.get(paths[i % len(paths)]).status_code, range(1000)))
    assert codes.count(200) == 1000


def test_missing_store_is_one_line(tmp_path: Path):
    """Serving a path with no store says so instead of creating one."""
    from storyline.errors import StoreError

    with pytest.raises(StoreError, match="no store at"):
        build_app(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()


def test_serves_while_a_run_adds_to_the_store(web_db: Path, tmp_path: Path):
    """Pages answer while `storyline run` writes, and what it adds is searchable at once."""
    import shutil
    import threading

    from storyline.run import run_pipeline

    db = tmp_path / "live.db"
    shutil.copy(web_db, db)
    new = tmp_path / "new"
    new.mkdir()
    (new / "ferry.txt").write_text(
        "Ferry Quillmoor runs aground off Harborville\n\n"
        "The passenger ferry Quillmoor ran aground on a sandbank off Harborville on Thursday "
        "morning, the coastguard said, and all 212 people on board were taken ashore by "
        "lifeboats. Nobody was hurt. The harbour master said the channel had silted up since "
        "the spring storms and had not been dredged.\n",
        encoding="utf-8",
    )
    client = TestClient(create_app(db, allowed_hosts=("testserver",)))
    writer = threading.Thread(target=run_pipeline, args=([new], db))
    writer.start()
    codes = []
    while writer.is_alive():
        codes += [client.get(p).status_code for p in ("/", "/search?q=Harborville")]
    writer.join()
    assert codes
    assert set(codes) == {200}
    found = client.get("/api/search", params={"q": "Quillmoor"}).json()
    assert [a["title"] for a in found["articles"]] == [
        "Ferry Quillmoor runs aground off Harborville"
    ]
