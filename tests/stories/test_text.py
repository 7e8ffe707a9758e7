"""Terms, names and name variants that story clustering compares."""

from __future__ import annotations

from storyline.model import Article, Entity
from storyline.pipeline import analysis_stages
from storyline.stories.bcubed import bcubed
from storyline.stories.embed import NAME_MARK, count_features
from storyline.stories.entities import find_story_entities, guess_kind, name_entities
from storyline.stories.records import remember_surfaces
from storyline.stories.text import (
    find_names,
    find_names_at,
    find_terms,
    fold_name_word,
    name_keys,
)


def test_terms_are_stemmed_and_stopwords_dropped() -> None:
    """Inflected forms share a stem and function words are gone."""
    assert list(find_terms("The residents were evacuated; evacuation of a resident")) == [
        "resid",
        "evacu",
        "evacu",
        "resid",
    ]


def test_chinese_text_becomes_character_bigrams() -> None:
    """A language written without spaces is compared by character bigrams."""
    assert list(find_terms("外交部", "zh")) == ["外交", "交部"]


def test_sentence_initial_words_are_not_names() -> None:
    """A capitalized word that only starts sentences is not taken for a name."""
    names = find_names("Officials said the Tessel River was fouled. Residents left Harborville.")
    assert names == ["Tessel River", "Harborville"]


def test_role_nouns_split_an_organization_from_a_person() -> None:
    """A role noun between names splits a company from a person."""
    assert find_names("He met Nimbus Ledger CEO Dana Whitcombe on Monday.") == [
        "Nimbus Ledger",
        "Dana Whitcombe",
    ]


def test_names_come_with_the_offset_where_they_start() -> None:
    """Each name's offset points at its own words, after a trimmed title or a role noun."""
    text = "Nimbus Ledger CEO Dana Whitcombe spoke. Later, President Dana Whitcombe left."
    found = find_names_at(text)
    assert [name for name, _ in found] == find_names(text)
    assert found
    for name, at in found:
        assert text.startswith(name, at)
    starts = [text.index("Dana"), text.rindex("Dana")]
    assert [at for name, at in found if name == "Dana Whitcombe"] == starts
    # The second name's first word is not looked for inside the first name's last word.
    text = "He met Nimbus Annco CEO Ann Whitcombe on Monday."
    assert find_names_at(text) == [("Nimbus Annco", 7), ("Ann Whitcombe", text.index("Ann W"))]


def test_a_name_is_kinded_where_it_first_occurs_not_inside_another_word() -> None:
    """ "Kent" inside "Kentucky" is not Kent's first occurrence: "in" is not the word before."""
    article = Article(
        id="a1",
        path="a.txt",
        file="a.txt",
        format="text",
        raw_text="Fans in Kentucky cheered. The brewer Kent said sales rose.",
    )
    kinds = {e.name: e.kind for e in name_entities([article]) if isinstance(e, Entity)}
    assert kinds == {"Kentucky": "place", "Kent": "org"}


def test_transliterations_fold_to_one_key() -> None:
    """Sergey and Sergei, Zelensky and Zelenskiy fold to the same key."""
    assert fold_name_word("Sergey") == fold_name_word("Sergei")
    assert fold_name_word("Zelensky") == fold_name_word("Zelenskiy")


def test_name_variants_share_features() -> None:
    """The spellings Sergey Lavrov, Sergei Lavrov and Lavrov give overlapping name features."""
    keys = [set(name_keys(n)) for n in ("Sergey Lavrov", "Sergei Lavrov", "Lavrov")]
    assert keys[0] == keys[1]
    assert keys[2] <= keys[0]
    a = count_features("", "Russian Foreign Minister Sergey Lavrov met Blinken in Stockholm.")
    b = count_features("", "Reporters heard from Blinken that Sergei Lavrov was candid.")
    shared = {f for f in a.keys() & b.keys() if f.startswith(NAME_MARK)}
    assert shared == {"@sergei", "@lavrov", "@blinken"}


def test_bcubed_of_identical_clusterings_is_one() -> None:
    """Two clusterings that group the same items the same way, whatever the labels, score 1."""
    assert bcubed({"a": "x", "b": "x", "c": "y"}, {"a": "1", "b": "1", "c": "2"}) == (1.0, 1.0, 1.0)


def test_bcubed_of_one_big_cluster() -> None:
    """Lumping two gold pairs into one cluster halves precision and keeps recall."""
    precision, recall, _ = bcubed(
        dict.fromkeys("abcd", "x"), {"a": "1", "b": "1", "c": "2", "d": "2"}
    )
    assert (precision, recall) == (0.5, 1.0)


def _article(aid: str, text: str, *, title: str = "") -> Article:
    return Article(aid, aid, aid, "text", text, text=text, title=title, language="en")


def test_name_variants_merge_into_one_person() -> None:
    """Sergey Lavrov, Sergei Lavrov and a lone Lavrov are one person across three articles."""
    articles = [
        _article("a", "Russian Foreign Minister Sergey Lavrov met Antony Blinken in Stockholm."),
        _article("b", "Reporters heard from Antony Blinken that Sergei Lavrov was candid."),
        _article("c", "Talks were tense, and Lavrov left early, Sergei Lavrov's aides said."),
    ]
    entities = find_story_entities(articles)
    lavrov = [e for e in entities if "Lavrov" in e.name]
    assert len(lavrov) == 1
    assert lavrov[0].kind == "person"
    assert set(lavrov[0].variants) == {"Sergei Lavrov", "Sergey Lavrov", "Lavrov"}
    assert set(lavrov[0].articles) == {"a", "b", "c"}


def test_kinds_are_guessed_without_spacy() -> None:
    """Organization and place words, acronyms and person-like runs get their kinds."""
    assert guess_kind("Calloway Chemical Works") == "org"
    assert guess_kind("NATO") == "org"
    assert guess_kind("Tessel River") == "place"
    assert guess_kind("Harborville", "in") == "place"
    assert guess_kind("Helena Marsh") == "person"


def test_without_spacy_the_analysis_stages_name_entities_per_article() -> None:
    """The names stage follows each article with its own entities, for the run to merge."""
    stages = analysis_stages(quotes=False)
    assert name_entities in stages
    article = _article("a", "Russian Foreign Minister Sergey Lavrov met Antony Blinken.")
    out = list(name_entities([article]))
    assert out[0] is article
    people = {e.name for e in out[1:] if isinstance(e, Entity) and e.kind == "person"}
    assert {"Sergey Lavrov", "Antony Blinken"} <= people
    assert all(e.articles == ("a",) for e in out[1:] if isinstance(e, Entity))


def test_story_titles_take_names_as_the_body_writes_them() -> None:
    """A title-case headline run ("New Contacts Between Biden") does not name Biden."""
    surface: dict[str, str] = {}
    article = _article(
        "a",
        "Joe Biden and Vladimir Putin will speak again in January, the Kremlin said.",
        title="New Contacts Between Biden And Putin Planned For January",
    )
    remember_surfaces(surface, article)
    assert surface[NAME_MARK + "biden"] == "Joe Biden"
    assert surface[NAME_MARK + "putin"] == "Vladimir Putin"


def test_long_capitalized_runs_do_not_name_a_story() -> None:
    """Names run together ("Andrew Cohen The Atlantic Murray") are not how Murray is named."""
    surface: dict[str, str] = {}
    remember_surfaces(
        surface,
        _article("a", "Andrew Cohen The Atlantic Murray trial opens. Conrad Murray denies it."),
    )
    (key,) = name_keys("Murray")  # folded for transliterations
    assert surface[NAME_MARK + key] == "Conrad Murray"


def test_time_zones_are_not_names() -> None:
    """A page stamp's "GMT" or "EDT" before a dateline does not join the place's name."""
    names = find_names("Last updated at 10:27 GMT Mexico City officials closed schools.")
    assert "Mexico City" in names
    assert not any("GMT" in n for n in names)
