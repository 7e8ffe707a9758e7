"""Tests for the dates of sentences: own mentions, publication date, storyline year."""

from storyline.timeline.dating import date_sentences

from .conftest import article

DATELINE_STORY = (
    "Biden expects progress in talks with Russia\n"
    "WASHINGTON Dec 31 US President Joe Biden said he expects progress from the talks.\n"
    "On Thursday, Putin and Biden had a telephone conversation that lasted 50 minutes.\n"
    "The presidents discussed the upcoming talks on January 10 in Geneva.\n"
)
BACKGROUND = (
    "Biden and Putin last spoke late in 2021, officials in Moscow said.\n"
    "Price noted that both leaders had seen each other on screen within recent weeks.\n"
)


def _dates(text_by_id, published=None):
    articles = [article(i, t, (published or {}).get(i)) for i, t in text_by_id.items()]
    return {
        i: [(d.sentence.text[:30], d.date) for d in ds]
        for i, ds in date_sentences(articles).items()
    }


def test_dateline_without_year_takes_the_storyline_year_and_resolves_weekdays():
    """'WASHINGTON Dec 31' in a storyline that writes 2021 dates 'On Thursday' 2021-12-30."""
    dates = dict(_dates({"a": DATELINE_STORY, "b": BACKGROUND})["a"])
    assert dates["On Thursday, Putin and Biden h"] == "2021-12-30"
    assert dates["The presidents discussed the u"] == "2022-01-10"
    assert dates["WASHINGTON Dec 31 US President"] == "2021-12-31"


def test_dateline_without_any_year_evidence_stays_partial():
    """Alone, the same article keeps the year unknown and cannot place 'Thursday'."""
    dates = dict(_dates({"a": DATELINE_STORY})["a"])
    assert dates["WASHINGTON Dec 31 US President"] == "XXXX-12-31"
    assert dates["The presidents discussed the u"] == "XXXX-01-10"
    assert dates["On Thursday, Putin and Biden h"] == "XXXX-12-31"  # the publication day


def test_sentence_without_a_date_of_its_own_takes_the_publication_date():
    """With a publication date, an undated sentence is dated by it; without one it stays ''."""
    text = "Officials met in Stockholm to discuss the border crisis.\n"
    assert _dates({"a": text}, {"a": "2021-12-02"})["a"] == [(text[:30], "2021-12-02")]
    assert _dates({"a": text})["a"] == [(text[:30], "")]


def test_day_beats_month_and_first_day_wins():
    """A sentence naming a month and then a day is dated by the day."""
    text = "After talks in June, the council will meet again on July 12, and on July 14.\n"
    dated = date_sentences([article("a", text, "2021-07-01")])["a"][0]
    assert dated.mentioned == ("2021-06", "2021-07-12", "2021-07-14")
    assert dated.date == "2021-07-12"


def test_since_marks_a_background_date():
    """'since the summit in June' does not date a sentence; 'in June' alone does."""
    text = (
        "The talks were the first since the summit in June, officials said.\n"
        "The two presidents met in Geneva in June.\n"
    )
    dated = date_sentences([article("a", text, "2021-12-02")])["a"]
    assert [d.mentioned for d in dated] == [(), ("2021-06",)]
    assert dated[0].background == ("2021-06",)
