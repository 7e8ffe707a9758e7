"""Broken, hostile and odd inputs end as articles or one-line rejects, never as exceptions."""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import time
from pathlib import Path

import pytest

from storyline.ingest import files
from storyline.ingest.read import read_input
from storyline.ingest.safe_xml import ENTITY_BOMB
from storyline.model import Document, Reject

LEDE = (
    "The regional ferry operator cancelled all crossings to the outer islands on Thursday after "
    "an engine fault on its largest vessel, leaving hundreds of passengers waiting at the pier."
)
FOLLOW_UP = (
    "A spokesperson said engineers expected to finish repairs by Saturday morning and that "
    "tickets for cancelled sailings would be refunded in full or moved to a later date."
)
STORY = f"Ferry crossings cancelled after engine fault\n\n{LEDE}\n\n{FOLLOW_UP}\n"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><title>&lol9;</title><description>&lol9;</description></item>
</channel></rss>
"""

ENTITY_REFUSED = ENTITY_BOMB


def noisy_words(count: int, seed: int = 7) -> str:
    """Return `count` pseudo-random news words: text that gzip cannot squeeze to nothing."""
    rng = random.Random(seed)
    vocabulary = [
        "harbour",
        "council",
        "budget",
        "river",
        "storm",
        "mayor",
        "police",
        "school",
        "bridge",
        "ferry",
        "tax",
        "union",
        "strike",
        "minister",
        "hospital",
        "court",
        "election",
        "market",
    ]
    return " ".join(rng.choice(vocabulary) for _ in range(count))


def assert_one_line_reasons(rejects):
    """Every reject reason is a non-empty single line."""
    for path, reason in rejects.items():
        assert reason.strip(), path
        assert "\n" not in reason, (path, reason)


# -- binary, empty and blank files ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        (
            "photo.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x80" + bytes(300),
            "binary file: PNG image",
        ),
        ("dump.html", bytes(range(256)) * 8, "binary file: binary data (NUL bytes)"),
        (
            "scan",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
            "binary file: PDF document",
        ),
        ("empty.txt", b"", "empty file"),
        ("blank.html", b"   \n\t\n  \r\n\n", "empty file"),
    ],
)
def test_binary_empty_and_blank_files_are_rejected(tmp_path, ingest, name, data, reason):
    """Images, binary noise, PDFs, empty and whitespace-only files are rejects with reasons."""
    path = tmp_path / name
    path.write_bytes(data)
    result = ingest(path)
    assert result.articles == {}
    assert result.rejects == {str(path): reason}


def test_random_bytes_with_nuls_never_become_articles(tmp_path, ingest):
    """Ten random binary blobs of various sizes each end as one binary-file reject."""
    rng = random.Random(2024)
    for n in range(10):
        blob = bytes(rng.randrange(256) for _ in range(rng.randrange(50, 3000)))
        (tmp_path / f"blob{n}.txt").write_bytes(b"\x00" + blob)
    result = ingest(tmp_path)
    assert result.articles == {}
    assert len(result.rejects) == 10
    assert all(reason.startswith("binary file:") for reason in result.rejects.values())


def test_page_after_a_long_run_of_blank_lines_is_read(tmp_path, ingest, news_html):
    """An HTML page preceded by 5000 blank lines is still an article."""
    path = tmp_path / "padded.html"
    path.write_text("\n" * 5000 + news_html, encoding="utf-8")
    assert ingest(path).article(path)["author"] == "Marta Okafor"


# -- encodings --------------------------------------------------------------------------------


def test_cp1252_typographic_quotes_and_accents_are_decoded(tmp_path, ingest):
    """A cp1252 file's curly quotes, apostrophes, dashes and 'café' come out as written."""
    text = (
        "Union rejects mayor\u2019s \u201cfinal offer\u201d on pay\n\n"
        "The mayor\u2019s \u201cfinal offer\u201d was rejected on Monday \u2014 a blow to "
        "the caf\u00e9 owners on Main Street, who had hoped the strike would end before "
        "the summer season began.\n"
    )
    path = tmp_path / "strike.txt"
    path.write_bytes(text.encode("cp1252"))
    article = ingest(path).article(path)
    assert article["title"] == "Union rejects mayor\u2019s \u201cfinal offer\u201d on pay"
    assert "The mayor\u2019s \u201cfinal offer\u201d was rejected" in article["text"]
    assert "\u2014 a blow to the caf\u00e9 owners" in article["text"]


LATIN_TEXT = (
    "Le café du port rouvre ses portes après six mois\n\n"
    "Le café du port a rouvert lundi après six mois de travaux, a annoncé la mairie. Les "
    "habitués, un peu naïfs, espéraient retrouver le vieux comptoir en zinc.\n"
)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_western_european_legacy_encodings_decode_right(tmp_path, ingest, encoding):
    """A French story saved as latin-1 or cp1252 keeps 'après' and 'naïfs'."""
    path = tmp_path / "cafe.txt"
    path.write_bytes(LATIN_TEXT.encode(encoding))
    article = ingest(path).article(path)
    assert "après six mois" in article["title"]
    assert "un peu naïfs" in article["text"]


def test_utf8_text_with_one_invalid_byte_keeps_its_characters(tmp_path, ingest):
    """A UTF-8 story with a single stray 0xE9 byte keeps its curly quotes and accents.

    The stray byte itself is read as cp1252: a latin-1 word pasted into UTF-8 text.
    """
    text = (
        "Ferry crossings cancelled after engine fault\n\nThe operator\u2019s \u201cfull "
        "refund\u201d promise was welcomed by passengers at the caf\u00e9 on the pier.\n"
    )
    path = tmp_path / "stray.txt"
    path.write_bytes(text.encode() + b"Reported from the caf\xe9 on the quay.\n")
    article = ingest(path).article(path)
    assert "The operator\u2019s \u201cfull refund\u201d promise" in article["text"]
    assert "at the caf\u00e9 on the pier" in article["text"]
    assert "Reported from the caf\u00e9 on the quay." in article["text"]  # the stray byte too


def test_utf16_with_bom_is_decoded(tmp_path, ingest):
    """A UTF-16 file with a byte-order mark is decoded, not refused as binary."""
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.encode("utf-16"))
    assert ingest(path).article(path)["text"].startswith(LEDE)


def test_undecodable_or_odd_text_ends_as_one_line_reject_or_article(tmp_path, ingest):
    """Garbage bytes that are not binary give a reject or an article, and never an exception."""
    (tmp_path / "mojibake.txt").write_bytes(bytes(range(128, 256)) * 20)
    (tmp_path / "story.txt").write_bytes(STORY.encode())
    result = ingest(tmp_path)
    assert len(result.articles) + len(result.rejects) == 2
    assert str(tmp_path / "story.txt") in result.articles
    assert_one_line_reasons(result.rejects)


# -- gzip, WARC and JSON that stop short ------------------------------------------------------


def test_truncated_gzip_text_is_rejected_as_truncated(tmp_path, ingest, gzipped):
    """A .txt.gz cut in half is a reject saying the gzip is truncated."""
    data = gzipped(f"Budget vote delayed again\n\n{noisy_words(4000)}.\n".encode())
    path = tmp_path / "budget.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    result = ingest(path)
    assert result.articles == {}
    assert result.rejects[str(path)].startswith("truncated or corrupt gzip:")


def test_short_truncated_gzip_is_not_called_empty(tmp_path, ingest, gzipped):
    """A small .txt.gz cut in half is reported as truncated, not as an empty file."""
    data = gzipped(STORY.encode())
    path = tmp_path / "ferry.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    assert ingest(path).rejects[str(path)].startswith("truncated or corrupt gzip")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("header-only.txt.gz", b"\x1f\x8b"),
        ("bad-method.html.gz", b"\x1f\x8b\x09\x00" + bytes(60)),
        ("blanks-then-cut.txt.gz", gzip.compress(b"\n" * 9000 + STORY.encode(), mtime=0)[:40]),
    ],
)
def test_gzip_broken_before_any_text_is_truncated_not_empty(tmp_path, ingest, name, data):
    """A gzip file that breaks before its first non-blank byte is a 'truncated' reject."""
    path = tmp_path / name
    path.write_bytes(data)
    assert ingest(path).rejects[str(path)].startswith("truncated or corrupt gzip: ")


def test_truncated_jsonl_gz_keeps_records_before_the_cut(tmp_path, ingest, gzipped):
    """A .jsonl.gz cut short stores the whole records before the cut and rejects the rest."""
    lines = [
        json.dumps(
            {
                "id": f"r{n:02}",
                "title": f"Council notes {n}",
                "text": f"{LEDE} {noisy_words(60, seed=n)}.",
            }
        )
        for n in range(40)
    ]
    data = gzipped("\n".join(lines).encode())
    path = tmp_path / "notes.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    result = ingest(path)
    assert len(result.articles) >= 5
    ids = sorted(a["id"] for a in result.articles.values())
    assert ids == [f"r{n:02}" for n in range(len(ids))]
    ((cut, reason),) = result.rejects.items()
    assert cut == f"{path}#{len(ids) + 1}"
    assert reason.startswith(f"truncated or corrupt file after record {len(ids)}:")


def write_crawl(path, make_warc, warc_record, make_page, pages=6):
    """Write a gzipped crawl of `pages` news pages after a warcinfo record; return offsets."""
    return make_warc(
        path,
        [warc_record("warcinfo")]
        + [
            warc_record(
                "response",
                url=f"https://islandpost.example/news/{n}",
                body=make_page(
                    f"Island council meeting report number {n}", [LEDE, noisy_words(300, seed=n)]
                ).encode(),
            )
            for n in range(pages)
        ],
        gz=True,
    )


def test_truncated_warc_gz_keeps_the_records_before_the_cut(
    tmp_path, make_warc, warc_record, make_page
):
    """A .warc.gz cut inside its fifth page yields the four pages before it and nothing after."""
    whole = tmp_path / "whole.warc.gz"
    offsets = write_crawl(whole, make_warc, warc_record, make_page)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole.read_bytes()[: (offsets[5] + offsets[6]) // 2])
    records = list(read_input(path))
    docs = [r for r in records if isinstance(r, Document)]
    assert [d.path for d in docs][:4] == [f"{path}@{offsets[n]}" for n in range(1, 5)]
    assert all(r.path in {f"{path}@{o}" for o in offsets[1:6]} for r in records)


def test_truncated_warc_gz_ends_in_a_reject(tmp_path, make_warc, warc_record, make_page):
    """The page cut in the middle of a .warc.gz is a 'truncated' reject at its offset."""
    whole = tmp_path / "whole.warc.gz"
    offsets = write_crawl(whole, make_warc, warc_record, make_page)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole.read_bytes()[: (offsets[5] + offsets[6]) // 2])
    *records, last = read_input(path)
    assert isinstance(last, Reject)
    assert last.path == f"{path}@{offsets[5]}"
    assert last.reason.startswith("truncated WARC record (")
    assert all(isinstance(r, Document) for r in records[:-1])


def test_uncompressed_warc_cut_inside_a_page_says_how_much_arrived(
    tmp_path, make_warc, warc_record, make_page
):
    """A plain .warc cut 100 bytes before its end rejects the page with the bytes it got."""
    path = tmp_path / "cut.warc"
    page = make_page("Island ferry fares rise", [LEDE, FOLLOW_UP]).encode()
    make_warc(
        path, [warc_record("response", url="https://islandpost.example/a", body=page)], gz=False
    )
    whole = path.read_bytes()
    length = int(re.search(rb"Content-Length: (\d+)", whole)[1])
    path.write_bytes(whole[:-100])  # the record ends with a 4-byte blank line after its block
    (reject,) = read_input(path)
    assert reject == Reject(
        f"{path}@0", f"truncated WARC record ({length - 96} of {length} bytes)", str(path)
    )


def test_warc_with_garbage_after_a_good_record_ends_in_a_reject(
    tmp_path, make_warc, warc_record, make_page
):
    """Bytes that are no WARC record after a good one end the file with a 'corrupt WARC' reject."""
    path = tmp_path / "mixed.warc"
    make_warc(
        path,
        [
            warc_record(
                "response",
                url="https://islandpost.example/a",
                body=make_page("Island ferry fares rise", [LEDE]).encode(),
            )
        ],
        gz=False,
    )
    path.write_bytes(path.read_bytes() + b"this is not a warc record\r\n" * 20)
    records = list(read_input(path))
    assert isinstance(records[0], Document)
    assert isinstance(records[-1], Reject)
    assert records[-1].reason.startswith("truncated or corrupt WARC:")
    assert "\n" not in records[-1].reason


def test_zero_filled_200_mb_warc_is_rejected_quickly(tmp_path):
    """A sparse 200 MB .warc of NUL bytes is a one-line 'corrupt WARC' reject within seconds."""
    path = tmp_path / "zeros.warc"
    with path.open("wb") as f:
        f.truncate(200 * 2**20)  # sparse: no disk space, no time to write
    started = time.perf_counter()
    (reject,) = read_input(path)
    assert time.perf_counter() - started < 5
    assert reject.reason.startswith("truncated or corrupt WARC: Unknown archive format")
    assert len(reject.reason) < 200
    assert "\x00" not in reject.reason


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_megabytes_of_nul_bytes_after_a_good_record_end_quickly(
    tmp_path, make_warc, warc_record, make_page, gz
):
    """A good page, then 40 MB without a newline: the page, then a 'corrupt WARC' reject."""
    path = tmp_path / ("tail.warc.gz" if gz else "tail.warc")
    page = make_page("Island ferry fares rise", [LEDE]).encode()
    make_warc(path, [warc_record("response", url="https://a.example/x", body=page)], gz=gz)
    with path.open("ab") as f:
        if gz:
            f.write(gzip.compress(bytes(40 * 2**20), mtime=0))
        else:
            f.truncate(path.stat().st_size + 40 * 2**20)
    started = time.perf_counter()
    first, last = read_input(path)
    assert time.perf_counter() - started < 5
    assert isinstance(first, Document)
    assert last.reason.startswith("truncated or corrupt WARC: Invalid WARC record")


@pytest.mark.parametrize("name", ["huge.txt", "huge.html", "huge.json", "huge.rss", "huge"])
def test_sparse_200_mb_files_are_rejected_by_size_without_reading_them(tmp_path, name):
    """A 200 MB single-document file is refused by its size, before it is read into memory."""
    path = tmp_path / name
    with path.open("wb") as f:
        f.write(b"Storm cuts power to 40,000 homes\n\n")
        f.truncate(200 * 2**20)
    started = time.perf_counter()
    (reject,) = read_input(path)
    assert time.perf_counter() - started < 2
    assert reject.reason.startswith("file too large for one article (200 MB > ")


def test_sparse_200_mb_jsonl_is_streamed_and_its_giant_line_rejected(tmp_path):
    """A 200 MB JSON Lines file with one giant line gives a record reject, read in pieces."""
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as f:
        f.write(b'{"text": "')
        f.truncate(200 * 2**20)
    assert [r.reason for r in read_input(path)] == ["record larger than 20 MB"]


# -- malformed markup and hostile XML ---------------------------------------------------------


def test_html_with_unclosed_tags_still_gives_its_text(tmp_path, ingest):
    """A page whose paragraphs and divs are never closed still yields its story."""
    html = (
        "<html><head><title>Ferry crossings cancelled after engine fault</title>"
        "<body><div class='story'><h1>Ferry crossings cancelled after engine fault"
        f"<p>{LEDE}<p>{FOLLOW_UP}<div><span><b>"
    )
    path = tmp_path / "unclosed.html"
    path.write_text(html, encoding="utf-8")
    article = ingest(path).article(path)
    assert LEDE in article["text"]
    assert FOLLOW_UP in article["text"]


@pytest.mark.parametrize(
    "garbage",
    [
        b"<html><body><<<>>> &&&; <div <p </ </body>",
        b"<html>" + b"<div>" * 5000 + b"x",
        b"<!DOCTYPE html><html><body><script>" + b"var a = '<p>';" * 200 + b"</script></body>",
    ],
    ids=["soup", "deep-nesting", "only-script"],
)
def test_garbage_html_is_a_one_line_reject(tmp_path, ingest, garbage):
    """Markup with no story in it is rejected with a readable reason, not an exception."""
    path = tmp_path / "broken.html"
    path.write_bytes(garbage)
    result = ingest(path)
    assert result.articles == {}
    assert list(result.rejects) == [str(path)]
    assert_one_line_reasons(result.rejects)


@pytest.mark.parametrize("name", ["laughs.xml", "laughs.rss", "laughs"])
def test_billion_laughs_is_refused_quickly(tmp_path, ingest, name):
    """An XML entity bomb is refused unparsed, with its reason, in well under a second."""
    path = tmp_path / name
    path.write_bytes(BILLION_LAUGHS)
    started = time.perf_counter()
    result = ingest(path)
    assert time.perf_counter() - started < 5
    assert result.rejects == {str(path): ENTITY_REFUSED}
    started = time.perf_counter()
    assert list(read_input(path)) == [Reject(str(path), ENTITY_REFUSED)]
    assert time.perf_counter() - started < 1


def test_entity_bomb_saved_as_html_finishes_quickly(tmp_path, ingest):
    """The same bomb named .html is not expanded: it ends quickly as a reject."""
    path = tmp_path / "laughs.html"
    path.write_bytes(BILLION_LAUGHS)
    started = time.perf_counter()
    result = ingest(path)
    assert time.perf_counter() - started < 5
    assert result.articles == {}
    assert_one_line_reasons(result.rejects)


def test_xml_that_is_not_a_feed_is_rejected(tmp_path, ingest):
    """A .xml sitemap holds no feed items and says so."""
    path = tmp_path / "sitemap.xml"
    path.write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>',
        encoding="utf-8",
    )
    reason = ingest(path).rejects[str(path)]
    assert reason.startswith("not a feed, or a feed with no items")


# -- JSON -------------------------------------------------------------------------------------


def test_invalid_json_lines_are_rejected_one_by_one(tmp_path, ingest):
    """Broken lines in a JSONL file are rejects at their line; the good ones are articles."""
    good = {"id": "ok-1", "title": "Ferry crossings cancelled", "text": f"{LEDE}\n{FOLLOW_UP}"}
    lines = [
        json.dumps(good),
        '{"id": "broken", "text": "unterminated',
        "",
        "[1, 2, 3]",
        json.dumps({"id": "no-text", "title": "", "url": "https://a.example/x"}),
        json.dumps({**good, "id": "ok-2"}),
        "NaN garbage",
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest(path)
    assert sorted(a["id"] for a in result.articles.values()) == ["ok-1", "ok-2"]
    assert result.rejects[f"{path}#2"].startswith("invalid JSON:")
    assert result.rejects[f"{path}#4"] == "record is a JSON list, not an object"
    assert (
        result.rejects[f"{path}#5"] == "record has no 'title', 'text' or 'html' field with content"
    )
    assert result.rejects[f"{path}#7"].startswith("invalid JSON:")
    assert len(result.rejects) == 4
    assert_one_line_reasons(result.rejects)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            '{"url": "https://a.example/x", "source": "a.example"}',
            "record has no 'title', 'text' or 'html' field with content",
        ),
        (
            '{"title": "Breaking", "text": "   \\n  "}',
            "no body text: only a headline or chrome",
        ),
        ("[]", "empty JSON array: no records"),
        ('"just a string"', "JSON holds a str, not an object or array"),
        ('{"articles": [', "invalid JSON: Expecting value at line 1"),
    ],
)
def test_json_files_without_usable_records_are_rejected(tmp_path, ingest, content, reason):
    """JSON with no text, no records, the wrong shape or broken syntax is one clear reject."""
    path = tmp_path / "export.json"
    path.write_text(content, encoding="utf-8")
    result = ingest(path)
    assert result.articles == {}
    assert result.rejects == {str(path): reason}


# -- size limits ------------------------------------------------------------------------------


def test_file_over_the_one_article_limit_is_rejected(tmp_path, ingest, monkeypatch):
    """A text file bigger than the limit is a reject that says how to split it."""
    monkeypatch.setattr(files.read_document_bytes, "__defaults__", (4096,))
    path = tmp_path / "dump.txt"
    path.write_text(STORY + noisy_words(2000), encoding="utf-8")
    reason = ingest(path).rejects[str(path)]
    assert reason.startswith("file too large for one article")
    assert "JSONL/WARC" in reason


def test_gzip_that_inflates_past_the_limit_is_rejected(tmp_path, ingest, gzipped, monkeypatch):
    """A small .html.gz that inflates beyond the limit is refused after gunzip."""
    monkeypatch.setattr(files.read_document_bytes, "__defaults__", (4096,))
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzipped(b"<html><body><p>" + b"ha " * 100_000 + b"</p></body></html>"))
    assert ingest(path).rejects[str(path)] == (
        "file too large for one article after gunzip (> 0 MB)"
    )


def test_lowering_max_document_bytes_takes_effect(tmp_path, ingest, monkeypatch):
    """Setting files.MAX_DOCUMENT_BYTES lower makes a bigger file a reject."""
    monkeypatch.setattr(files, "MAX_DOCUMENT_BYTES", 4096)
    path = tmp_path / "dump.txt"
    path.write_text(STORY + noisy_words(2000), encoding="utf-8")
    assert ingest(path).rejects[str(path)].startswith("file too large for one article")


@pytest.mark.slow
def test_a_real_200_mb_text_file_is_rejected_without_crashing(tmp_path, ingest):
    """A 200 MB text file is rejected by size, and the run carries on to the next file."""
    path = tmp_path / "huge.txt"
    chunk = (noisy_words(2000) + "\n").encode()
    with path.open("wb") as f:
        while f.tell() < 200 * 2**20:
            f.write(chunk)
    (tmp_path / "ferry.txt").write_text(STORY, encoding="utf-8")
    result = ingest(tmp_path)
    assert result.rejects[str(path)].startswith("file too large for one article (200 MB > 20 MB)")
    assert list(result.articles) == [str(tmp_path / "ferry.txt")]


# -- duplicates and paths that cannot be read -------------------------------------------------


@pytest.mark.parametrize(
    "names", [("a/ferry.txt", "b/ferry-copy.txt"), ("z/ferry.txt", "b/ferry-copy.txt")]
)
def test_duplicate_files_give_one_article_and_one_duplicate_reject(tmp_path, ingest, names):
    """The same bytes at two paths: the smaller path is the article, the other a duplicate."""
    paths = sorted(tmp_path / name for name in names)
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(STORY, encoding="utf-8")
    result = ingest(tmp_path)
    keeper, copy = (str(p) for p in paths)
    assert list(result.articles) == [keeper]
    assert list(result.rejects) == [copy]
    assert result.rejects[copy].startswith(f"duplicate: same article as {keeper} (id ")


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read a chmod 000 file"
)
def test_unreadable_file_is_rejected(tmp_path, ingest):
    """A file without read permission is a 'permission denied' reject."""
    path = tmp_path / "locked.txt"
    path.write_text(STORY, encoding="utf-8")
    path.chmod(0)
    try:
        result = ingest(path)
    finally:
        path.chmod(0o644)
    assert result.rejects == {str(path): "permission denied: cannot read the file"}


def test_missing_path_is_rejected_and_the_run_goes_on(tmp_path, ingest):
    """A path that does not exist is a 'no such file' reject next to the real articles."""
    story = tmp_path / "ferry.txt"
    story.write_text(STORY, encoding="utf-8")
    missing = tmp_path / "not-there" / "gone.html"
    result = ingest(story, missing)
    assert list(result.articles) == [str(story)]
    assert result.rejects == {str(missing): "no such file"}


def test_permission_error_while_reading_is_a_reject(tmp_path, ingest, monkeypatch):
    """A PermissionError from the file system is a 'permission denied' reject, even as root."""

    def refuse(path, size=4096):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("storyline.ingest.read.read_head", refuse)
    path = tmp_path / "locked.txt"
    path.write_text(STORY, encoding="utf-8")
    assert list(read_input(path)) == [Reject(str(path), "permission denied: cannot read the file")]


def test_dangling_symlink_is_rejected_as_broken(tmp_path, ingest):
    """A symlink whose target is gone is a 'broken symbolic link' reject; the run goes on."""
    story = tmp_path / "ferry.txt"
    story.write_text(STORY, encoding="utf-8")
    link = tmp_path / "moved.txt"
    link.symlink_to(tmp_path / "elsewhere" / "moved.txt")
    result = ingest(tmp_path)
    assert list(result.articles) == [str(story)]
    assert result.rejects == {str(link): "broken symbolic link"}


def test_directory_named_like_a_file_is_rejected_when_read(tmp_path):
    """A folder called story.txt handed to the reader is an 'is a directory' reject."""
    folder = tmp_path / "story.txt"
    folder.mkdir()
    assert list(read_input(folder)) == [Reject(str(folder), "is a directory")]


def test_folder_named_like_a_file_is_walked(tmp_path, ingest):
    """A folder called archive.warc inside the input is walked like any folder."""
    folder = tmp_path / "archive.warc"
    folder.mkdir()
    (folder / "ferry.txt").write_text(STORY, encoding="utf-8")
    assert list(ingest(tmp_path).articles) == [str(folder / "ferry.txt")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_named_pipe_is_rejected_without_blocking(tmp_path, ingest):
    """A named pipe among the inputs is refused unopened, since opening it would hang."""
    pipe = tmp_path / "feed.xml"
    os.mkfifo(pipe)
    (tmp_path / "ferry.txt").write_text(STORY, encoding="utf-8")
    result = ingest(tmp_path)
    assert result.rejects == {str(pipe): "not a regular file (a pipe, socket or device)"}
    assert list(result.articles) == [str(tmp_path / "ferry.txt")]


def test_external_entity_in_a_feed_is_never_resolved(tmp_path, ingest):
    """A feed whose DTD points an entity at a local file is read without that file (no XXE)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN", encoding="utf-8")
    path = tmp_path / "xxe.rss"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<rss version='2.0'><channel><title>T</title><item><title>Crane &xxe;collapse</title>"
        f"<description>&xxe; {STORY}</description></item></channel></rss>",
        encoding="utf-8",
    )
    got = ingest(path)
    assert "TOP-SECRET-TOKEN" not in str(got.articles) + str(got.rejects)
    (article,) = got.articles.values()
    assert article["title"] == "Crane collapse"
    assert STORY.split()[0] in article["text"]


@pytest.mark.parametrize("name", ["xxe.html", "xxe.xml"])
def test_external_entity_in_a_page_is_not_resolved(tmp_path, ingest, news_html, name):
    """A page whose DTD points an entity at a local file never shows that file's content."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN", encoding="utf-8")
    dtd = f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    page = news_html.replace("<!DOCTYPE html>", dtd).replace(
        "<p>A container", "<p>&xxe; A container"
    )
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    article = ingest(path).article(path)
    assert "TOP-SECRET-TOKEN" not in str(article)
    assert "A container crane" in article["text"]


def test_entity_bomb_in_an_xhtml_page_saved_as_xml_is_not_expanded(tmp_path, ingest, news_html):
    """An XHTML page (named .xml) whose DTD defines an entity bomb is read without expanding it."""
    dtd = BILLION_LAUGHS.split(b"<rss")[0].replace(b"lolz", b"html").decode()
    page = news_html.replace("<!DOCTYPE html>", dtd).replace(
        "<p>A container", "<p>&lol9; A container"
    )
    path = tmp_path / "crane.xml"
    path.write_text(page, encoding="utf-8")
    started = time.perf_counter()
    article = ingest(path).article(path)
    assert time.perf_counter() - started < 5
    assert "lollollol" not in article["text"]
    assert article["author"] == "Marta Okafor"


def test_every_bad_input_ends_as_an_article_or_reject(tmp_path, ingest, gzipped):
    """A folder of assorted bad inputs: each file is accounted for, with one-line reasons."""
    inputs = {
        "a.png": b"\x89PNG\r\n\x1a\n" + bytes(100),
        "b.txt": b"",
        "c.txt": b" \n \n",
        "d.xml": BILLION_LAUGHS,
        "e.json": b'{"title": "no text"}',
        "f.txt.gz": gzipped(STORY.encode())[:20],
        "g.html": b"<html><body><div><p>unclosed",
        "h.txt": STORY.encode("cp1252"),
        "i.jsonl": b"{bad\n",
    }
    for name, data in inputs.items():
        (tmp_path / name).write_bytes(data)
    result = ingest(tmp_path)
    stored_files = {Path(p.split("#")[0]).name for p in [*result.articles, *result.rejects]}
    assert stored_files == set(inputs)
    assert list(result.articles) == [str(tmp_path / "h.txt")]
    assert_one_line_reasons(result.rejects)
