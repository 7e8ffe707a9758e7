"""Tests for reading a person's gender from the article that names them."""

from storyline.entities.mentions import Mention
from storyline.quotes._gender import find_genders


def _mentions(text: str, *names: tuple[str, str]) -> list[Mention]:
    """Return person mentions of `names` (written form, canonical name), in text order."""
    found, position = [], 0
    for written, entity in names:
        start = text.index(written, position)
        found.append(Mention(start, start + len(written), written, "person", entity=entity))
        position = start + len(written)
    return found


def test_honorifics_and_gendered_roles_give_a_gender():
    """“Ms.” and “spokeswoman” say female, “Mr.” says male."""
    text = "Ms. Rana Patel met Mr. Tom Gale and spokeswoman Ada Reyes on Friday."
    mentions = _mentions(
        text, ("Rana Patel", "Rana Patel"), ("Tom Gale", "Tom Gale"), ("Ada Reyes", "Ada Reyes")
    )
    assert find_genders(text, mentions) == {
        "Rana Patel": "female",
        "Tom Gale": "male",
        "Ada Reyes": "female",
    }


def test_subject_pronoun_after_a_name_opening_its_sentence_counts():
    """“Whitfield said she would run” makes Whitfield female; a later name's pronoun does not."""
    text = "Dana Whitfield said she would run. Then Lee Park backed Whitfield, saying he was sure."
    mentions = _mentions(
        text,
        ("Dana Whitfield", "Dana Whitfield"),
        ("Lee Park", "Lee Park"),
        ("Whitfield", "Dana Whitfield"),
    )
    assert find_genders(text, mentions) == {"Dana Whitfield": "female"}


def test_generic_spokesman_and_quoted_pronouns_are_not_evidence():
    """“spokesman” is written of women too, and a pronoun inside quotation marks is not hers."""
    text = "Campaign spokesman Jo Lind answered. Jo Lind told them “he will win.”"
    mentions = _mentions(text, ("Jo Lind", "Jo Lind"), ("Jo Lind", "Jo Lind"))
    assert find_genders(text, mentions) == {}


def test_conflicting_evidence_gives_no_gender():
    """Equal evidence for both genders leaves the person without one."""
    text = "Sam Ray said she agreed. Sam Ray said he agreed."
    mentions = _mentions(text, ("Sam Ray", "Sam Ray"), ("Sam Ray", "Sam Ray"))
    assert find_genders(text, mentions) == {}
