"""Tests for merging name variants across articles."""

import random

import pytest

from storyline.entities.names import clean_name, merge_entities, same_entity, same_org, same_person
from storyline.entities.words import is_name
from storyline.model import Entity


def _person(name: str, article: str) -> Entity:
    return Entity("", name, "person", (name,), (), (article,))


def test_transliterations_and_short_forms_merge():
    """Sergey/Sergei Lavrov and a lone Lavrov are one person, named by the majority spelling."""
    merged = merge_entities(
        [
            _person("Sergey Lavrov", "a"),
            _person("Sergei Lavrov", "b"),
            _person("Sergei Lavrov", "c"),
            _person("Lavrov", "d"),
        ]
    )
    assert len(merged) == 1
    assert merged[0].name == "Sergei Lavrov"
    assert set(merged[0].variants) == {"Sergei Lavrov", "Sergey Lavrov", "Lavrov"}


def test_antony_and_anthony_blinken_are_one_person():
    """A one-letter spelling difference in a first name does not split a person."""
    assert same_person("Antony Blinken", "Anthony Blinken")


def test_different_first_names_with_one_surname_stay_apart():
    """Hillary and Bill Clinton stay two people, and a lone Clinton joins neither."""
    merged = merge_entities(
        [
            _person("Hillary Clinton", "a"),
            _person("Bill Clinton", "a"),
            _person("Clinton", "b"),
            _person("Clinton", "c"),
        ]
    )
    assert len(merged) == 3
    # Every lone "Clinton" is one entity, whichever Clinton each article means.
    assert next(e for e in merged if e.name == "Clinton").articles == ("b", "c")


def test_acronym_matches_its_expansion():
    """OSCE is the Organization for Security and Co-operation in Europe."""
    assert same_org("OSCE", "Organization for Security and Co-operation in Europe")


def test_a_transliteration_changing_the_first_letter_still_merges():
    """Blocking on both ends of the surname finds "Tchaikovsky" for "Chaikovsky"."""
    merged = merge_entities([_person("Pyotr Tchaikovsky", "a"), _person("Pyotr Chaikovsky", "b")])
    assert len(merged) == 1


def _merge_by_comparing_all(entities: list[Entity]) -> set[frozenset[str]]:
    """The merge rule applied by comparing each spelling with every group: the reference."""
    spellings: dict[tuple[str, str], list[Entity]] = {}
    for e in entities:
        spellings.setdefault((e.kind, e.name), []).append(e)
    items = sorted(spellings.values(), key=lambda es: -len(es[0].name.split()))
    groups: list[list[Entity]] = []
    for alike in items:
        entity = alike[0]
        fits = []
        for group in groups:
            names = {v for e in group for v in e.variants}
            full = [n for n in names if len(n.split()) > 1] or list(names)
            if group[0].kind == entity.kind and all(
                same_entity(entity.kind, entity.name, n) for n in full
            ):
                fits.append(group)
        if len(fits) == 1 or (fits and len(entity.name.split()) > 1):
            fits[0].extend(alike)
        else:
            groups.append(alike)
    return {frozenset(e.articles[0] for e in g) for g in groups}


def test_blocked_merging_finds_what_comparing_all_pairs_finds():
    """On a shuffled pile of spellings, blocking keys lose no merge the full comparison makes."""
    people = [
        "Sergei Lavrov", "Sergey Lavrov", "Lavrov", "Antony Blinken", "Anthony Blinken",
        "Blinken", "Hillary Clinton", "Bill Clinton", "Clinton", "Volodymyr Zelensky",
        "Volodymyr Zelenskiy", "Zelenskyy", "Vladimir Putin", "Putin", "Joe Biden",
        "Joseph Biden", "Biden", "Jake Sullivan", "Sullivan", "Dmitry Peskov",
        "Dmitri Peskov", "Peskov", "Pyotr Tchaikovsky", "Chaikovsky", "Jen Psaki",
        "Psaki", "Wendy Sherman", "Sherman", "Sergei Ryabkov", "Sergey Ryabkov",
    ]  # fmt: skip
    orgs = [
        "Organization for Security and Co-operation in Europe", "OSCE", "NATO",
        "North Atlantic Treaty Organization", "the Kremlin", "Kremlin", "State Department",
        "United Nations", "UN", "European Union", "EU", "Reuters", "TASS",
    ]  # fmt: skip
    rng = random.Random(3)
    entities = [
        Entity("", name, kind, (name,), (), (f"article-{i}",))
        for i in range(600)
        for kind, pool in [rng.choice([("person", people), ("organization", orgs)])]
        for name in [clean_name(rng.choice(pool), kind)]
    ]
    rng.shuffle(entities)
    groups = {frozenset(m.articles) for m in merge_entities(entities)}
    assert groups == _merge_by_comparing_all(entities)


def test_generational_suffix_does_not_hide_the_surname():
    """“Martin L. Tate Jr.” and a lone “Tate” are the same person; “Tate III” too."""
    assert same_person("Tate", "Martin L. Tate Jr.")
    assert same_person("Martin Tate III", "Martin L. Tate Jr.")
    assert not same_person("Gray", "Martin L. Tate Jr.")


def test_the_canonical_name_is_the_spelling_the_articles_use_most():
    """A rare long form does not outrank the usual full name."""
    merged = merge_entities(
        [
            _person("Michael Jackson", "a"),
            _person("Michael Jackson", "b"),
            _person("Michael Joseph Jackson", "c"),
            _person("Jackson", "d"),
        ]
    )
    assert len(merged) == 1
    assert merged[0].name == "Michael Jackson"


@pytest.mark.parametrize("text", ["It", "it", "Published", "Some", "the river", "-RRB-", "paul"])
def test_pronouns_descriptions_and_page_words_are_not_names(text):
    """A speaker or entity must name someone: no pronoun, lower-case phrase or page word."""
    assert not is_name(text)


@pytest.mark.parametrize("text", ["Thad Allen", "BP", "US Coast Guard", "Joe Biden"])
def test_capitalized_names_are_names(text):
    """People and organizations as articles write them pass."""
    assert is_name(text)
