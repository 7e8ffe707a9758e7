"""Feeds go through a hardened XML parser: entities declared are read, never fetched."""

from __future__ import annotations

import time

import pytest

from storyline.ingest.safe_xml import ENTITY_BOMB

LEDE = (
    "The regional ferry operator cancelled all crossings to the outer islands on Thursday "
    "after an engine fault on its largest vessel, stranding hundreds of travellers."
)


def _feed(dtd: str, title: str, body: str, encoding: str = "UTF-8", page: str = "ferry") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n{dtd}\n'
        '<rss version="2.0"><channel><title>News</title>'
        f"<item><title>{title}</title><link>https://news.example.org/{page}</link>"
        f"<description>{body}</description></item></channel></rss>"
    )


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-TOKEN root:x:0:0", encoding="utf-8")
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be"])
def test_external_entity_is_never_resolved_in_any_encoding(tmp_path, ingest, secret, encoding):
    """A SYSTEM entity naming a local file: the item is read, the file's content never is."""
    dtd = f'<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
    label = "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
    feed = _feed(dtd, "Ferry crossings cancelled&x;", f"&x; {LEDE}", label)
    path = tmp_path / f"feed-{encoding}.xml"
    path.write_bytes(feed.encode(encoding))
    got = ingest(path)
    assert "TOP-SECRET" not in str(got.articles) + str(got.rejects)
    (article,) = got.articles.values()
    assert article["title"] == "Ferry crossings cancelled"
    assert "stranding hundreds of travellers" in article["text"]


def test_harmless_internal_entities_are_read_and_expanded(tmp_path, ingest):
    """A feed declaring its own shorthand (a publisher's name) is read, the entity expanded."""
    dtd = (
        '<!DOCTYPE rss [<!ENTITY co "Northern Isles Ferries"><!ENTITY both "&co; &amp; partners">]>'
    )
    path = tmp_path / "entities.rss"
    path.write_text(_feed(dtd, "&co; cancels crossings", f"{LEDE} &both; apologised."), "utf-8")
    got = ingest(path)
    assert got.rejects == {}
    (article,) = got.articles.values()
    assert article["title"] == "Northern Isles Ferries cancels crossings"
    assert "Northern Isles Ferries & partners apologised" in article["text"]


def _laughs(levels: int = 10) -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)
    ]
    return f"<!DOCTYPE rss [{''.join(entities)}]>"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_billion_laughs_is_refused_with_a_one_line_reason(tmp_path, ingest, encoding):
    path = tmp_path / "laughs.rss"
    label = "UTF-16" if encoding == "utf-16" else "UTF-8"
    path.write_bytes(_feed(_laughs(), "&lol9;", f"{LEDE} &lol9;", label).encode(encoding))
    started = time.perf_counter()
    got = ingest(path)
    assert time.perf_counter() - started < 5
    assert got.articles == {}
    assert got.rejects == {str(path): ENTITY_BOMB}
    assert "\n" not in ENTITY_BOMB


def test_neighbours_of_a_bad_feed_are_unaffected(tmp_path, ingest, secret):
    """In one folder: a bomb, an XXE feed, a plain feed and a text file; three articles."""
    (tmp_path / "a-laughs.rss").write_text(_feed(_laughs(), "&lol9;", LEDE), "utf-8")
    xxe = _feed(f'<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>', "Ferry&x;", LEDE)
    (tmp_path / "b-xxe.rss").write_text(xxe, "utf-8")
    other = "A rival operator kept its own crossings to the outer islands running on Thursday, "
    other += "despite the storm, and added two extra sailings for travellers left stranded."
    (tmp_path / "c-plain.rss").write_text(_feed("", "Rival sails", other, page="rival"), "utf-8")
    (tmp_path / "d-story.txt").write_text(f"Ferry cancelled\n\n{LEDE}\n", "utf-8")
    secret.unlink()  # the folder holds only the four inputs
    got = ingest(tmp_path)
    assert got.rejects == {str(tmp_path / "a-laughs.rss"): ENTITY_BOMB}
    files = sorted(a["path"].split("#")[0].rsplit("/", 1)[-1] for a in got.articles.values())
    assert files == ["b-xxe.rss", "c-plain.rss", "d-story.txt"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_malformed_feed_with_an_external_entity_is_read_leniently_without_it(
    tmp_path, ingest, secret, encoding
):
    """Not well-formed (a bare &): feedparser's lenient reading, which never fetches entities."""
    dtd = f'<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
    label = "UTF-16" if encoding == "utf-16" else "UTF-8"
    feed = _feed(dtd, "Ferry crossings cancelled &x; & more", f"&x; {LEDE} AT&T", label)
    path = tmp_path / "broken.rss"
    path.write_bytes(feed.encode(encoding))
    got = ingest(path)
    assert "TOP-SECRET" not in str(got.articles) + str(got.rejects)
    (article,) = got.articles.values()
    assert "stranding hundreds of travellers" in article["text"]
