"""Tests for the TIMEX3 tagger in storyline.dates.timex."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storyline.dates._calendar import PartialDate
from storyline.dates.mentions import ExtractDates
from storyline.dates.timex import Timex, clause_tense, find_timexes
from storyline.model import Article, DateMention, PublishedDate, Reject
from storyline.pipeline import analysis_stages, compose

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
DCT = date(2021, 12, 31)  # a Friday


def values(text: str, dct: date | PartialDate | None = DCT) -> dict[str, str]:
    """Return surface text -> value for the expressions found in `text`."""
    return {t.text: t.value for t in find_timexes(text, dct)}


def test_past_tense_weekday_is_the_previous_one():
    """'On Thursday, Putin and Biden had a call' is the Thursday before the DCT."""
    assert values("On Thursday, Putin and Biden had a call.") == {"Thursday": "2021-12-30"}


def test_future_tense_weekday_is_the_next_one():
    """'Biden will call on Thursday' is the Thursday after the DCT."""
    assert values("Biden will call on Thursday.") == {"Thursday": "2022-01-06"}


def test_weekday_without_anchor_stays_unknown():
    """Without a DCT a weekday keeps only its day of the week."""
    assert values("On Thursday, Putin and Biden had a call.", None) == {"Thursday": "XXXX-WXX-4"}


def test_month_day_without_year_keeps_the_year_unknown():
    """'Dec 31' with no DCT is XXXX-12-31, never a guessed year."""
    assert values("WASHINGTON Dec 31 The president said", None) == {"Dec 31": "XXXX-12-31"}


def test_month_day_takes_the_nearest_year_of_the_anchor():
    """'January 10' written on Dec 31, 2021 is January 10, 2022."""
    assert values("Talks are planned for January 10.") == {"January 10": "2022-01-10"}


def test_relative_day_counts_from_the_last_explicit_date():
    """'a day later' after 'January 12' is January 13."""
    found = values("A meeting is scheduled for January 12, followed by another a day later.")
    assert found == {"January 12": "2022-01-12", "a day later": "2022-01-13"}


def test_unmarked_month_leans_to_the_past():
    """With no tense cue, 'in March' said in October is the March just gone, as news reports."""
    found = values("The stock traded at $42 in June from $29 in March.", date(1989, 10, 30))
    assert found == {"June": "1989-06", "March": "1989-03"}


def test_deadline_in_a_past_perfect_clause_is_behind():
    """'By Wednesday, members had filed' is the Wednesday before; 'postponed until' is ahead."""
    thursday = date(1990, 8, 16)
    assert values("By Wednesday, members had filed reports.", thursday) == {
        "Wednesday": "1990-08-15"
    }
    assert values("Officials postponed until Tuesday any action.", thursday) == {
        "Tuesday": "1990-08-21"
    }


def test_following_year_counts_from_the_last_mentioned_year():
    """'In 1995 ... the following year' is 1996, whatever the publication date."""
    found = values("In 1995 he was promoted, and the following year he moved.", date(1998, 4, 18))
    assert found == {"1995": "1995", "the following year": "1996"}
    found = values("Profit fell in March. The following month it rose.", date(1989, 10, 27))
    assert found["The following month"] == "1989-04"


def test_same_period_a_year_ago_is_the_last_period_mentioned_a_year_earlier():
    """'In February ... the same period last year' is February of the year before."""
    dct = date(2010, 3, 3)
    found = values("Sales rose 43% in February compared to the same period last year.", dct)
    assert found["the same period last year"] == "2009-02"
    found = values("Profit rose in the third quarter from the same period a year earlier.", dct)
    assert found["the same period a year earlier"] == "2008-Q3"


def test_financial_shorthand_quarters_halves_and_fiscal_years():
    """'Q4 2020', 'H1 2021', 'FY2020' are read; a bare 'Q3' not yet begun is last year's."""
    found = values("Q3 revenue rose; Q4 2020 and H1 2021 beat FY2020.", date(2021, 5, 31))
    assert found == {"Q3": "2020-Q3", "Q4 2020": "2020-Q4", "H1 2021": "2021-H1", "FY2020": "2020"}
    assert values("The q3 Q&A with H. W. Bush.") == {}


def test_types_and_values_of_common_expressions():
    """Durations, weeks, months, quarters, references and sets get TimeML values."""
    text = (
        "Last week the firm said third-quarter profit rose. It plans to hire for three years "
        "and now reports daily. Earlier this month, sales rose 5% from a year ago."
    )
    found = {t.text: (t.type, t.value) for t in find_timexes(text, DCT)}
    assert found["Last week"] == ("DATE", "2021-W51")
    assert found["third-quarter"] == ("DATE", "2021-Q3")
    assert found["three years"] == ("DURATION", "P3Y")
    assert found["now"] == ("DATE", "PRESENT_REF")
    assert found["daily"] == ("SET", "P1D")
    assert found["Earlier this month"] == ("DATE", "2021-12")


def test_and_a_half_durations_count_in_the_next_unit_down():
    """'an hour and a half' is PT1H30M and '2.5 minutes' PT2M30S (seconds, not days)."""
    found = values("They talked for an hour and a half, then paused 2.5 minutes.")
    assert found == {"an hour and a half": "PT1H30M", "2.5 minutes": "PT2M30S"}


def test_clock_time_joins_its_day():
    """'10 a.m. Friday' is one TIME on the Friday meant."""
    (timex,) = find_timexes("The vote will take place at 10 a.m. Friday.", date(2021, 12, 8))
    assert (timex.text, timex.type, timex.value) == ("10 a.m. Friday", "TIME", "2021-12-10T10:00")


def test_homographs_are_not_dates():
    """'may' the verb, 'march' the verb and a lowercase 'sun' are not dates."""
    assert find_timexes("They may march in the sun to the market.", DCT) == ()


def test_ages_and_fractions_are_not_durations():
    """'52 years old' and 'three quarters of its food' are left alone."""
    text = "Mr. Smith, 52 years old, said Iraq imports three quarters of its food."
    assert find_timexes(text, DCT) == ()


def test_offsets_point_into_the_text():
    """Every timex's start and end slice exactly its text out of the input."""
    text = "On Monday, March 3, 2014, about two weeks ago, the talks began at noon."
    for timex in find_timexes(text, date(2014, 3, 20)):
        assert text[timex.start : timex.end] == timex.text


def test_fast_scan_agrees_with_running_every_rule():
    """The trigger-word scan finds what running every rule over the text finds."""
    text = (
        "In 1998, the company's fourth-quarter loss narrowed; on Tuesday it said that over the "
        "next two years, until mid-2000, it would cut 5% of jobs. The 1990s were good."
    )
    assert find_timexes(text, DCT) == find_timexes(text, DCT, exhaustive=True)


def test_clause_tense_reads_the_nearest_verb_cue():
    """'will' makes a clause future, 'had' past, and no cue leaves it open."""
    text = "Biden will call on Thursday. Putin had called on Monday. Friday."
    assert clause_tense(text, 18, 26) == "future"
    assert clause_tense(text, 50, 56) == "past"
    assert clause_tense(text, 58, 64) is None


def test_seed_004_with_a_known_publication_date():
    """Seed 004 dated Dec 31, 2021: the call was on Dec 30, the talks on Jan 10, 12 and 13."""
    path = next(SEEDS.glob("004_*.txt"), None)
    if path is None:
        pytest.skip(f"seed articles not found under {SEEDS}")
    found = find_timexes(path.read_text(encoding="utf-8"), DCT)
    by_text = [(t.text, t.value) for t in found]
    assert ("Thursday", "2021-12-30") in by_text
    assert ("January 10", "2022-01-10") in by_text
    assert ("January 12", "2022-01-12") in by_text
    assert ("a day later", "2022-01-13") in by_text


def test_seed_004_without_a_year():
    """Seed 004 anchored on its dateline alone keeps every year unknown."""
    path = next(SEEDS.glob("004_*.txt"), None)
    if path is None:
        pytest.skip(f"seed articles not found under {SEEDS}")
    found = find_timexes(path.read_text(encoding="utf-8"), PartialDate(None, 12, 31))
    by_text = [(t.text, t.value) for t in found]
    assert ("Dec 31", "XXXX-12-31") in by_text
    assert ("Thursday", "XXXX-WXX-4") in by_text
    assert ("January 12", "XXXX-01-12") in by_text
    assert ("a day later", "XXXX-01-13") in by_text
    assert all(not t.value.startswith("20") for t in found)


def _article(id: str, text: str, published_at: datetime | None = None) -> Article:
    return Article(
        id=id, path=f"{id}.txt", file=f"{id}.txt", format="text", raw_text=text,
        published_at=published_at,
    )  # fmt: skip


def test_seed_004_with_no_anchor_invents_no_year():
    """Seed 004 with no DCT: 'On Thursday' and 'January 10' keep the year unknown."""
    path = next(SEEDS.glob("004_*.txt"), None)
    if path is None:
        pytest.skip(f"seed articles not found under {SEEDS}")
    text = path.read_text(encoding="utf-8")
    by_text = [(t.text, t.value) for t in find_timexes(text, None)]
    assert ("Thursday", "XXXX-WXX-4") in by_text
    assert ("January 10", "XXXX-01-10") in by_text
    assert all(t.value[:1] not in "12" for t in find_timexes(text, None))
    # The stage with no publication date anchors on the dateline: still no year.
    article = _article("004", text)
    mentions = [r for r in ExtractDates()([article]) if isinstance(r, DateMention)]
    assert ("Thursday", "XXXX-WXX-4") in [(m.text, m.value) for m in mentions]
    assert ("January 10", "XXXX-01-10") in [(m.text, m.value) for m in mentions]
    assert all(m.value[:1] not in "12" for m in mentions)


def test_seed_002_banner_date_anchors_nothing():
    """Seed 002's untrusted 'Friday, July 19, 2024' banner gives no anchor: weekdays stay open."""
    path = next(SEEDS.glob("002_*.txt"), None)
    if path is None:
        pytest.skip(f"seed articles not found under {SEEDS}")
    text = path.read_text(encoding="utf-8")
    article = _article("002", text)
    mentions = [r for r in ExtractDates()([article]) if isinstance(r, DateMention)]
    by_text = {(m.text, m.value) for m in mentions}
    assert ("Friday, July 19, 2024", "2024-07-19") in by_text  # the banner itself, as written
    assert ("Monday", "XXXX-WXX-1") in by_text
    assert all(not m.value.startswith("2024-07-") or m.start == 0 for m in mentions)


def test_extract_dates_stage_yields_mentions_after_each_article():
    """The stage passes records through and follows each article with its date mentions."""
    article = _article(
        "a1", "Biden will call Putin on Thursday.", datetime(2021, 12, 31, 12, tzinfo=UTC)
    )
    reject = Reject(path="y.txt", reason="empty")
    out = list(ExtractDates()([article, reject]))
    assert out == [
        article,
        DateMention("a1", 25, 33, "Thursday", "DATE", "2022-01-06"),
        reject,
    ]


def test_extract_dates_stage_anchors_on_the_dateline_when_undated():
    """Without a publication date, the dateline's month and day anchor 'today'."""
    article = _article("a2", "MOSCOW, Dec. 30 (Reuters) - Talks end today.")
    mentions = [r for r in ExtractDates()([article]) if isinstance(r, DateMention)]
    assert [(m.text, m.value) for m in mentions] == [
        ("Dec. 30", "XXXX-12-30"),
        ("today", "XXXX-12-30"),
    ]


def test_timex_is_a_plain_value():
    """Timex compares by value, so tests and callers can build expected ones."""
    assert Timex(0, 5, "today", "DATE", "2021-12-31") == Timex(0, 5, "today", "DATE", "2021-12-31")


def test_extract_dates_anchors_on_the_publication_date_met_before_the_article():
    """A PublishedDate ahead of its article anchors it, even when its own text gives none."""
    article = _article("a3", "Talks end today.")
    records = [PublishedDate("a3", "XXXX-12-30", "dateline", 0.9, ""), article]
    mentions = [r for r in ExtractDates(infer_anchor=False)(records) if isinstance(r, DateMention)]
    assert [(m.text, m.value) for m in mentions] == [("today", "XXXX-12-30")]


def test_the_run_dates_expressions_from_the_publication_date_it_inferred():
    """In the analysis stages the yearless dateline InferPublished read anchors "today"."""
    article = _article("a4", "MOSCOW, Dec. 30 (Reuters) - Talks end today.")
    out = list(compose(*analysis_stages(quotes=False))([article]))
    assert [r.value for r in out if isinstance(r, PublishedDate)] == ["XXXX-12-30"]
    mentions = {(m.text, m.value) for m in out if isinstance(m, DateMention)}
    assert ("today", "XXXX-12-30") in mentions
