"""Publication time as stated, URL dates and author lists from a page's markup."""

from datetime import UTC, datetime, timedelta, timezone

from storyline.clean.page_meta import (
    json_ld_authors,
    meta_values,
    split_authors,
    stated_publication_time,
    url_date,
)

IST = timezone(timedelta(hours=5, minutes=30))


def test_the_stated_time_keeps_its_offset():
    """article:published_time 01:00+05:30 stays on the 16th at 01:00 IST."""
    html = '<meta property="article:published_time" content="2020-04-16T01:00:00+05:30">'
    moment = stated_publication_time(html)
    assert moment == datetime(2020, 4, 16, 1, 0, tzinfo=IST)
    assert moment.utcoffset() == timedelta(hours=5, minutes=30)


def test_json_ld_date_published_is_read_when_no_meta_tag_has_it():
    """A JSON-LD datePublished with a time of day is a stated time."""
    html = (
        '<script type="application/ld+json">{"datePublished": "2022-08-09T15:10:00-05:00"}</script>'
    )
    assert stated_publication_time(html) == datetime(2022, 8, 9, 20, 10, tzinfo=UTC)


def test_a_bare_day_is_not_a_stated_time():
    """A meta date without a time of day leaves the day to htmldate."""
    assert stated_publication_time('<meta name="pubdate" content="2021-03-05">') is None


def test_url_dates():
    """/2019/06/14/ and -20240305- spell a day; an impossible day or a bare year does not."""
    assert url_date("http://x.example/news/2019/06/14/bridge.html") == datetime(
        2019, 6, 14, tzinfo=UTC
    )
    assert url_date("https://x.example/news/20240305/a.html") == datetime(2024, 3, 5, tzinfo=UTC)
    assert url_date("https://x.example/2019/13/40/a") is None
    assert url_date("https://x.example/archive/2019/") is None


def test_every_author_is_kept_in_order():
    """'A; B; C' and 'A, B and C' give three names; a repeated name is kept once."""
    assert split_authors("Ana Ruiz; Tom Ek; Li Wei") == ("Ana Ruiz", "Tom Ek", "Li Wei")
    assert split_authors("Ana Ruiz, Tom Ek and Li Wei") == ("Ana Ruiz", "Tom Ek", "Li Wei")
    assert split_authors("Ana Ruiz | ana ruiz") == ("Ana Ruiz",)
    assert split_authors("") == ()


def test_json_ld_authors_and_meta_values():
    """JSON-LD author lists and <meta> contents are read as written."""
    html = (
        '<head><meta property="og:site_name" content="Deccan Ledger"><meta name="x" content="">'
        '<script type="application/ld+json">{"author": [{"name": "Rohan Kulkarni"}, '
        '{"name": "Meera Iyer"}]}</script></head>'
    )
    assert json_ld_authors(html) == ("Rohan Kulkarni", "Meera Iyer")
    assert meta_values(html) == {"og:site_name": "Deccan Ledger"}
