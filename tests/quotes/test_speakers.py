"""Tests for resolving a speaker phrase to a named entity of the article."""

from storyline.entities.mentions import Mention
from storyline.quotes.speakers import resolve_speaker


def _person(text: str, name: str, start: int, entity: str = "") -> Mention:
    assert text[start : start + len(name)] == name
    return Mention(start, start + len(name), name, "person", entity=entity or name)


def _resolve(phrase: str, *names: str) -> str | None:
    mentions = [_person(phrase, n, phrase.index(n)) for n in names]
    return resolve_speaker(phrase, 0, len(phrase), mentions, previous=[])


def test_name_before_a_capitalised_title_is_a_modifier():
    """“Alvarez Communications Director Paula Greer” is Greer, not Alvarez."""
    phrase = "Alvarez Communications Director Paula Greer"
    assert _resolve(phrase, "Alvarez", "Paula Greer") == "Paula Greer"


def test_possessive_with_a_bare_apostrophe_is_a_modifier():
    """“Reyes' spokesman Tom Olsen” is Olsen."""
    assert _resolve("Reyes' spokesman Tom Olsen", "Reyes", "Tom Olsen") == "Tom Olsen"


def test_first_of_two_coordinated_names_is_the_head():
    """“Dana Whitfield and Council Chair Omar Haddad” resolves to the first name."""
    phrase = "Dana Whitfield and Council Chair Omar Haddad"
    assert _resolve(phrase, "Dana Whitfield", "Omar Haddad") == "Dana Whitfield"


def test_name_followed_by_of_and_an_outlet_stays_the_head():
    """“Nora Pike of the Ledger” is Nora Pike."""
    assert _resolve("Nora Pike of the Ledger", "Nora Pike") == "Nora Pike"
