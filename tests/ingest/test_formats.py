"""Every supported input format becomes the right Documents and Articles."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyline.ingest.files import find_input_files, read_head, sniff_kind
from storyline.ingest.read import read_input
from storyline.model import Document, Reject

PARAGRAPHS = (
    "The city council voted seven to two on Monday night to approve a new cycle lane along "
    "Mercer Avenue, ending a dispute that had dragged on for more than a year.",
    "Supporters said the lane would make the busy corridor safer for children riding to school, "
    "while several shop owners warned that losing parking spaces would hurt their trade.",
)

RSS_FEED = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Valley Ledger - Local News</title>
<link>https://valleyledger.example/</link>
<description>News from the valley</description>
<item>
<title>Reservoir levels fall to lowest point in a decade</title>
<link>https://valleyledger.example/news/reservoir-levels-fall</link>
<pubDate>Mon, 08 Jul 2024 06:45:00 +0000</pubDate>
<author>desk@valleyledger.example (Priya Natarajan)</author>
<description>Water in the Keld reservoir has dropped to 38 percent of capacity.</description>
<content:encoded><![CDATA[<p>Water in the Keld reservoir has dropped to 38 percent of
capacity, the lowest level recorded in July for ten years, the valley water board said on
Sunday.</p><p>The board asked households to avoid using hosepipes and said a formal ban could
follow within weeks if the dry weather continued through the month.</p>]]></content:encoded>
</item>
<item>
<title>Night bus route to return after two-year gap</title>
<link>https://valleyledger.example/news/night-bus-returns</link>
<pubDate>Sun, 07 Jul 2024 18:00:00 +0000</pubDate>
<description><![CDATA[<p>The N12 night bus between the station and the hospital will
resume service in September, the transport authority announced, after a two-year suspension
blamed on a shortage of drivers willing to work overnight shifts.</p>]]></description>
</item>
</channel>
</rss>
"""

ATOM_FEED = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Northgate Chronicle</title>
<id>tag:northgate.example,2024:feed</id>
<updated>2024-09-03T12:00:00Z</updated>
<entry>
<title>Library extends opening hours during exam season</title>
<link rel="alternate" href="https://northgate.example/2024/09/library-hours"/>
<id>tag:northgate.example,2024:library-hours</id>
<published>2024-09-02T10:20:00+02:00</published>
<updated>2024-09-03T08:00:00+02:00</updated>
<author><name>Tomasz Wierzbicki</name></author>
<content type="html">&lt;p&gt;The central library will stay open until midnight on weekdays
from next Monday, giving students more room to revise before autumn exams, the city's culture
office said.&lt;/p&gt;&lt;p&gt;The longer hours will run for six weeks and are paid for by a
one-off grant from the regional education fund.&lt;/p&gt;</content>
</entry>
</feed>
"""


def write(path: Path, content: str | bytes) -> Path:
    """Write text or bytes to `path`, creating folders, and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# -- plain text and HTML ----------------------------------------------------------------------


def test_text_file_first_meaningful_line_is_the_title(tmp_path, ingest, news_text):
    """A .txt story becomes one article titled by its first line, with the rest as text."""
    path = write(tmp_path / "storm.txt", "\n\n" + news_text)
    article = ingest(path).article(path)
    assert article["title"] == "Storm cuts power to 40,000 homes along the northern coast"
    assert article["text"].startswith("Heavy winds and driving rain")
    assert "Storm cuts power" not in article["text"]
    assert article["format"] == "text"
    assert article["file"] == str(path)


def test_text_file_skips_a_date_line_before_the_title(tmp_path, ingest, news_text):
    """A date stamp above the headline is not mistaken for the title."""
    path = write(tmp_path / "storm.txt", "Tuesday, March 5, 2024\n" + news_text)
    assert ingest(path).article(path)["title"].startswith("Storm cuts power")


def test_html_page_keeps_metadata_and_drops_chrome(tmp_path, ingest, news_html):
    """A news page yields its headline, author and both dates, without nav, banner or footer."""
    path = write(tmp_path / "crane.html", news_html)
    article = ingest(path).article(path)
    assert article["title"] == "Harbour crane collapse injures two dock workers"
    assert article["author"] == "Marta Okafor"
    assert article["published"] == "2024-03-14T08:30:00Z"
    assert article["published_from"] == "html"
    assert article["modified"] == "2024-03-15T17:05:00Z"
    assert article["format"] == "html"
    assert "A container crane at the north terminal" in article["text"]
    assert "cause of the collapse was not yet known" in article["text"]
    for chrome in (
        "cookies",
        "Cookie settings",
        "Subscribe",
        "All rights reserved",
        "Privacy policy",
        "By Marta Okafor",
        "Home",
    ):
        assert chrome not in article["text"], chrome
        assert chrome not in article["raw_text"], chrome


def test_html_page_without_modified_date_has_none(tmp_path, ingest, make_page):
    """A page with only a publication date leaves the modified date empty."""
    html = make_page("Ferry fares to rise in spring", PARAGRAPHS, published="2024-02-01T07:00:00Z")
    path = write(tmp_path / "ferry.htm", html)
    article = ingest(path).article(path)
    assert article["published"] == "2024-02-01T07:00:00Z"
    assert article["modified"] is None


# -- JSON and JSON Lines ----------------------------------------------------------------------


def test_json_object_is_one_article(tmp_path, ingest):
    """A JSON file holding one object becomes one article with its fields."""
    record = {
        "title": "Cycle lane approved on Mercer Avenue",
        "text": "\n\n".join(PARAGRAPHS),
        "url": "https://www.metro-herald.example/news/cycle-lane",
        "published": "2024-04-09T21:10:00+01:00",
        "author": ["Ana Ruiz", "Li Wei"],
    }
    path = write(tmp_path / "lane.json", json.dumps(record))
    result = ingest(path)
    article = result.article(path)
    assert article["title"] == "Cycle lane approved on Mercer Avenue"
    assert article["source"] == "metro-herald.example"
    assert article["author"] == "Ana Ruiz, Li Wei"
    assert article["published"] == "2024-04-09T20:10:00Z"
    assert article["published_from"] == "metadata"
    assert article["format"] == "record"
    assert result.rejects == {}


@pytest.mark.parametrize(
    "wrap", [lambda rs: rs, lambda rs: {"articles": rs}], ids=["array", "articles-key"]
)
def test_json_array_or_articles_key_gives_one_article_per_record(tmp_path, ingest, wrap):
    """A JSON array, or an object with an "articles" list, gives numbered articles."""
    records = [
        {
            "title": f"Story {n}",
            "text": f"{PARAGRAPHS[0]} Update number {n}.",
            "url": f"https://metro-herald.example/news/{n}",
        }
        for n in (1, 2, 3)
    ]
    path = write(tmp_path / "batch.json", json.dumps(wrap(records)))
    result = ingest(path)
    assert sorted(result.articles) == [f"{path}#{n}" for n in (1, 2, 3)]
    assert result.article(f"{path}#2")["title"] == "Story 2"
    assert all(a["file"] == str(path) for a in result.articles.values())


def test_jsonl_records_keep_id_url_source_and_dates(tmp_path, ingest, news_html):
    """JSON Lines records keep their id and metadata; html-only and undated records work too."""
    lines = [
        {
            "id": "mh-2024-0411",
            "title": "Cycle lane approved",
            "text": "\n".join(PARAGRAPHS),
            "url": "https://metro-herald.example/news/cycle-lane",
            "source": "Metro Herald",
            "published": "2024-04-11T09:00:00Z",
        },
        {
            "id": "pe-crane",
            "url": "https://portellis.example/crane",
            "html": news_html,
            "date": "2024-03-14T08:30:00Z",
        },
        {"id": "mh-undated", "title": "Council meets again", "text": PARAGRAPHS[1] * 2},
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(json.dumps(r) for r in lines) + "\n")
    result = ingest(path)
    first, second, third = (result.article(f"{path}#{n}") for n in (1, 2, 3))
    assert first["id"] == "mh-2024-0411"
    assert first["url"] == "https://metro-herald.example/news/cycle-lane"
    assert first["source"] == "Metro Herald"
    assert first["published"] == "2024-04-11T09:00:00Z"
    assert first["published_from"] == "metadata"
    assert second["id"] == "pe-crane"
    assert second["source"] == "portellis.example"
    assert second["title"] == "Harbour crane collapse injures two dock workers"
    assert "A container crane" in second["text"]
    assert "Cookie settings" not in second["text"]
    assert second["published_from"] == "metadata"
    assert third["id"] == "mh-undated"
    assert third["published"] is None
    assert third["published_from"] is None


def test_jsonl_record_without_title_keeps_its_text_as_body(tmp_path, ingest):
    """A record with a 180-character text and no title is an article whose text is that text."""
    path = write(tmp_path / "wire.jsonl", json.dumps({"id": "w1", "text": PARAGRAPHS[0]}) + "\n")
    result = ingest(path)
    assert result.rejects == {}
    assert result.article(f"{path}#1")["text"] == PARAGRAPHS[0]
    assert result.article(f"{path}#1")["title"].startswith("The city council voted")


def test_record_and_text_file_without_headline_line_keep_every_paragraph(tmp_path, ingest):
    """Untitled text that opens with a paragraph keeps it; one that opens with a headline not."""
    body = "\n\n".join(PARAGRAPHS)
    records = [{"id": "para", "text": body}, {"id": "head", "text": f"Cycle lane approved\n{body}"}]
    jsonl = write(tmp_path / "wire.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    txt = write(tmp_path / "wire.txt", body)
    result = ingest(jsonl, txt)
    for path in (f"{jsonl}#1", txt):
        assert result.article(path)["text"] == body
        assert result.article(path)["title"].startswith("The city council voted seven to two")
    assert result.article(f"{jsonl}#2")["title"] == "Cycle lane approved"
    assert result.article(f"{jsonl}#2")["text"] == body


def test_jsonl_epoch_milliseconds_are_read_as_utc(tmp_path):
    """An epoch-milliseconds date in a record becomes the right UTC moment."""
    path = write(
        tmp_path / "a.jsonl", json.dumps({"text": PARAGRAPHS[0], "published": 1712826000000}) + "\n"
    )
    (doc,) = read_input(path)
    assert isinstance(doc, Document)
    assert doc.published_at == datetime(2024, 4, 11, 9, 0, tzinfo=UTC)


# -- WARC -------------------------------------------------------------------------------------


def ferry_crawl(path, make_warc, warc_record, make_page):
    """Write a small crawl (warcinfo, request, HTML response, PNG response); return offsets."""
    page = make_page("Ferry fares to rise in spring", PARAGRAPHS).encode()
    url = "https://www.tidewater.example/news/ferry-fares"
    return make_warc(
        path,
        [
            warc_record("warcinfo"),
            warc_record("request", url=url),
            warc_record("response", url=url, body=page, date="2024-05-02T09:15:00Z"),
            warc_record(
                "response",
                url="https://tidewater.example/logo.png",
                body=b"\x89PNG\r\n\x1a\n" + bytes(64),
                content_type="image/png",
            ),
        ],
        gz=path.name.endswith(".gz"),
    )


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_skips_crawl_records_and_rejects_non_pages(
    tmp_path, make_warc, warc_record, make_page, name
):
    """Request and warcinfo records yield nothing; a PNG response is a reject at its offset."""
    path = tmp_path / name
    offsets = ferry_crawl(path, make_warc, warc_record, make_page)
    records = list(read_input(path))
    assert [r.path for r in records] == [f"{path}@{offsets[2]}", f"{path}@{offsets[3]}"]
    doc, reject = records
    assert isinstance(doc, Document)
    assert doc.format == "warc"
    assert doc.file == str(path)
    assert doc.url == "https://www.tidewater.example/news/ferry-fares"
    assert doc.source == "tidewater.example"
    assert doc.fetched_at == datetime(2024, 5, 2, 9, 15, tzinfo=UTC)
    assert reject == Reject(f"{path}@{offsets[3]}", "not a page: content type image/png", str(path))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_response_becomes_an_article(
    tmp_path, ingest, make_warc, warc_record, make_page, name
):
    """An HTML response is an article at file@offset, dated fetched from its WARC-Date."""
    path = tmp_path / name
    offsets = ferry_crawl(path, make_warc, warc_record, make_page)
    result = ingest(path)
    article = result.article(f"{path}@{offsets[2]}")
    assert article["title"] == "Ferry fares to rise in spring"
    assert "Mercer Avenue" in article["text"]
    assert article["fetched"] == "2024-05-02T09:15:00Z"
    assert article["format"] == "warc"
    assert list(result.rejects) == [f"{path}@{offsets[3]}"]


def test_warc_error_status_response_is_rejected(tmp_path, make_warc, warc_record, make_page):
    """A 404 response in a crawl is a reject naming the status and URL."""
    path = tmp_path / "crawl.warc.gz"
    make_warc(
        path,
        [
            warc_record(
                "response",
                url="https://tidewater.example/gone",
                body=make_page("Not found", ["Gone"]).encode(),
                status="404 Not Found",
            )
        ],
        gz=True,
    )
    (reject,) = read_input(path)
    assert isinstance(reject, Reject)
    assert reject.reason == "HTTP status 404 for https://tidewater.example/gone"


def test_warc_without_responses_is_one_reject(tmp_path, make_warc, warc_record):
    """A crawl of only warcinfo and requests says it holds no responses."""
    path = tmp_path / "requests.warc"
    make_warc(
        path, [warc_record("warcinfo"), warc_record("request", url="https://a.example/")], gz=False
    )
    assert list(read_input(path)) == [Reject(str(path), "WARC file holds no response records")]


# -- feeds ------------------------------------------------------------------------------------


def test_rss_items_become_articles_with_links_and_dates(tmp_path, ingest):
    """Each RSS 2.0 item with content becomes an article with its link, title and date."""
    path = write(tmp_path / "ledger.rss", RSS_FEED)
    result = ingest(path)
    first = result.article(f"{path}#1")
    assert first["url"] == "https://valleyledger.example/news/reservoir-levels-fall"
    assert first["source"] == "valleyledger.example"
    assert first["title"] == "Reservoir levels fall to lowest point in a decade"
    assert first["published"] == "2024-07-08T06:45:00Z"
    assert "formal ban could follow" in first["text"]  # content:encoded, not the short summary
    assert first["format"] == "feed"


def test_rss_item_with_a_one_paragraph_description_becomes_an_article(tmp_path, ingest):
    """An item whose only content is a 280-character description paragraph is an article."""
    path = write(tmp_path / "ledger.rss", RSS_FEED)
    result = ingest(path)
    assert result.rejects == {}
    second = result.article(f"{path}#2")
    assert second["published"] == "2024-07-07T18:00:00Z"
    assert "N12 night bus" in second["text"]


def test_plain_text_description_and_html_record_fragment_become_articles(tmp_path, ingest):
    """A tagless RSS description and a record's one-paragraph html field are articles."""
    paragraph = (
        "The council approved the new harbour wall on Tuesday after a three-hour debate, "
        "and work on the first section is due to start before the winter storms arrive."
    )
    feed = write(
        tmp_path / "plain.rss",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
        f"<title>Harbour wall approved</title><link>https://a.example/wall</link>"
        f"<description>{paragraph}</description></item></channel></rss>",
    )
    record = {"id": "frag", "title": "Harbour wall approved", "html": f"<p>{paragraph}</p>"}
    jsonl = write(tmp_path / "frag.jsonl", json.dumps(record) + "\n")
    result = ingest(feed, jsonl)
    assert result.rejects == {}
    assert result.article(f"{feed}#1")["text"] == paragraph
    assert result.article(f"{jsonl}#1")["text"] == paragraph


def test_atom_entry_becomes_an_article(tmp_path, ingest):
    """An Atom entry's link, author, published date (in UTC) and content are kept."""
    path = write(tmp_path / "chronicle.atom", ATOM_FEED)
    article = ingest(path).article(f"{path}#1")
    assert article["url"] == "https://northgate.example/2024/09/library-hours"
    assert article["author"] == "Tomasz Wierzbicki"
    assert article["published"] == "2024-09-02T08:20:00Z"
    assert article["title"] == "Library extends opening hours during exam season"
    assert "one-off grant" in article["text"]


def test_feed_item_with_only_a_headline_is_a_brief(tmp_path, ingest):
    """An RSS item with a title and a link but no description is a brief; one with neither
    title nor content is a reject."""
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>Harbour authority closes east dock after crane collapse</title>"
        "<link>https://portnews.example/2024/03/05/crane-collapse</link>"
        "<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate></item>"
        "<item><link>https://portnews.example/empty</link></item>"
        "</channel></rss>"
    )
    path = write(tmp_path / "thin.xml", feed)
    result = ingest(path)
    brief = result.article(f"{path}#1")
    assert brief["title"] == "Harbour authority closes east dock after crane collapse"
    assert brief["brief"] == 1
    assert brief["published"] == "2024-03-05T09:30:00Z"
    assert result.rejects == {f"{path}#2": "feed item has no title, content or summary"}


# -- gzip -------------------------------------------------------------------------------------


def test_gzipped_text_html_and_jsonl_are_read_like_plain_ones(
    tmp_path, ingest, gzipped, news_text, news_html
):
    """.txt.gz, .html.gz and .jsonl.gz give the same articles their plain forms would."""
    record = {"id": "gz-1", "title": "Cycle lane approved", "text": " ".join(PARAGRAPHS)}
    txt = write(tmp_path / "storm.txt.gz", gzipped(news_text.encode()))
    html = write(tmp_path / "crane.html.gz", gzipped(news_html.encode()))
    jsonl = write(tmp_path / "batch.jsonl.gz", gzipped((json.dumps(record) + "\n").encode()))
    result = ingest(tmp_path)
    assert result.rejects == {}
    assert result.article(txt)["title"].startswith("Storm cuts power")
    assert result.article(html)["author"] == "Marta Okafor"
    assert result.article(html)["format"] == "html"
    assert result.article(f"{jsonl}#1")["id"] == "gz-1"


# -- sniffing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("page", b"<!DOCTYPE html><html><body>", "html"),
        ("page.php", b"\n  <html lang='en'><head>", "html"),
        ("article", b'{"title": "x", "text": "y"}', "json"),
        ("export.dat", b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ("export", b'[{"text": "a"}]', "json"),
        ("feed", b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        ("atom.out", b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("notes", b"Storm cuts power to 40,000 homes", "text"),
        ("crawl.txt", b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("Story.HTML", b"Plain words", "html"),
        ("page.xml", b'<?xml version="1.0"?>\n<!DOCTYPE html>\n<html xmlns="x"><body>', "html"),
        ("news.xml", b'<?xml version="1.0"?><rss version="2.0"><channel>', "feed"),
        ("sitemap.xml", b'<?xml version="1.0"?><urlset><url>', "feed"),
    ],
)
def test_sniff_kind_uses_extension_then_content(name, head, kind):
    """Known extensions decide the format; unknown or missing ones are sniffed from the bytes."""
    assert sniff_kind(Path(name), head) == kind


def test_xhtml_page_saved_as_xml_is_an_article(tmp_path, ingest, news_html):
    """An XHTML news page with a .xml name is read as a page, not refused as an empty feed."""
    xhtml = news_html.replace("<!DOCTYPE html>", '<?xml version="1.0" encoding="utf-8"?>')
    path = write(tmp_path / "crane.xml", xhtml)
    article = ingest(path).article(path)
    assert article["format"] == "html"
    assert article["author"] == "Marta Okafor"


def test_read_head_skips_leading_blank_lines(tmp_path):
    """The head starts at the first non-blank byte, however far in it is."""
    path = write(tmp_path / "padded", "\n \t" * 40_000 + '{"text": "x"}\n{"text": "y"}\n')
    head = read_head(path, size=8)
    assert head == b'{"text":'
    assert sniff_kind(path, read_head(path)) == "jsonl"


def test_read_head_of_a_blank_file_is_empty(tmp_path):
    """A file of 200 KB of whitespace has an empty head: it is an empty file."""
    path = write(tmp_path / "blank.txt", " \r\n" * 70_000)
    assert read_head(path) == b""


def test_files_without_extension_are_sniffed_end_to_end(tmp_path, ingest, news_html, news_text):
    """An HTML page, a JSONL export and a text file with no extension all become articles."""
    html = write(tmp_path / "index", news_html)
    text = write(tmp_path / "story", news_text)
    jsonl = write(
        tmp_path / "dump.data",
        "\n".join(
            json.dumps({"id": f"r{n}", "title": "Cycle lane", "text": PARAGRAPHS[n]})
            for n in (0, 1)
        ),
    )
    result = ingest(tmp_path)
    assert result.rejects == {}
    assert result.article(html)["format"] == "html"
    assert result.article(text)["format"] == "text"
    assert {result.article(f"{jsonl}#{n}")["id"] for n in (1, 2)} == {"r0", "r1"}


def test_gzipped_warc_with_a_misleading_name_is_read_as_warc(
    tmp_path, make_warc, warc_record, make_page
):
    """A gzipped WARC saved as .bin is recognised by its WARC/ header after gunzip."""
    path = tmp_path / "download.bin"
    make_warc(
        path,
        [
            warc_record(
                "response",
                url="https://tidewater.example/a",
                body=make_page("Ferry fares", PARAGRAPHS).encode(),
            )
        ],
        gz=True,
    )
    (doc,) = read_input(path)
    assert isinstance(doc, Document)
    assert doc.format == "warc"
    assert doc.path == f"{path}@0"


# -- folders ----------------------------------------------------------------------------------


def test_folders_are_walked_recursively_in_order_skipping_hidden(tmp_path):
    """Nested files are found in sorted order; hidden files and folders are not."""
    for name in (
        "b.txt",
        "a/z.html",
        "a/deep/er/y.json",
        ".hidden.txt",
        "a/.DS_Store",
        ".git/config",
        "a/.cache/x.txt",
    ):
        write(tmp_path / name, "x")
    found = [p.relative_to(tmp_path).as_posix() for p in find_input_files([tmp_path])]
    assert found == ["b.txt", "a/z.html", "a/deep/er/y.json"]


def test_folder_ingest_stores_nested_articles_only(tmp_path, ingest, news_text, news_html):
    """Ingesting a folder stores its nested stories and ignores hidden files entirely."""
    write(tmp_path / "2024" / "03" / "storm.txt", news_text)
    write(tmp_path / "2024" / "crane.html", news_html)
    write(tmp_path / ".drafts" / "unpublished.txt", news_text.replace("Storm", "Gale"))
    write(tmp_path / "2024" / ".notes.txt", "reminder: call the harbour office")
    result = ingest(tmp_path)
    assert sorted(Path(p).name for p in result.articles) == ["crane.html", "storm.txt"]
    assert result.rejects == {}
    assert result.summary.files == 2


def test_a_record_names_its_publisher_by_a_publisher_field(tmp_path):
    """Feeds and APIs call it "publisher": that name labels the article, not the domain."""
    path = tmp_path / "items.jsonl"
    record = {
        "url": "https://www.antiwar.com/2010/05/24/gulf-spill",
        "publisher": "Antiwar.com",
        "title": "Gulf spill: US to keep boot on BP's neck",
        "text": "The US government has toughened its rhetoric towards BP. " * 5,
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [document] = [d for d in read_input(path) if isinstance(d, Document)]
    assert document.source == "Antiwar.com"
