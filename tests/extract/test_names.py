"""Tests for merging name variants across articles."""

from storyline.extract.names import merge_entities, same_org, same_person
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
        [_person("Hillary Clinton", "a"), _person("Bill Clinton", "a"), _person("Clinton", "b")]
    )
    assert len(merged) == 3


def test_acronym_matches_its_expansion():
    """OSCE is the Organization for Security and Co-operation in Europe."""
    assert same_org("OSCE", "Organization for Security and Co-operation in Europe")


def test_generational_suffix_does_not_hide_the_surname():
    """“Martin L. Tate Jr.” and a lone “Tate” are the same person; “Tate III” too."""
    assert same_person("Tate", "Martin L. Tate Jr.")
    assert same_person("Martin Tate III", "Martin L. Tate Jr.")
    assert not same_person("Gray", "Martin L. Tate Jr.")
