"""The grammatical gender of the people an article names, read from the article itself."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Literal

from storyline.entities.mentions import Mention
from storyline.quotes._lexicon import word_set

Gender = Literal["female", "male"]

HONORIFIC_GENDER: dict[str, Gender] = {
    "mr": "male",
    "mrs": "female",
    "ms": "female",
    "miss": "female",
    "sir": "male",
    "lady": "female",
    "lord": "male",
}
FEMALE_WORDS = word_set(
    """
    spokeswoman congresswoman chairwoman businesswoman councilwoman assemblywoman
    stateswoman anchorwoman sportswoman policewoman woman wife mother daughter sister widow
    queen princess duchess actress grandmother girlfriend aunt niece
    """
)
# Fewer male words: "spokesman" and "chairman" are also written of women ("Trump spokesman
# Hope Hicks"), while their -woman forms are only written of women.
MALE_WORDS = word_set(
    """
    congressman businessman councilman assemblyman husband father son brother widower king
    prince duke grandfather boyfriend uncle nephew
    """
)
PRONOUN_GENDER: dict[str, Gender] = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}
# A title or a gendered role is near proof; a pronoun after a name is only a likely referent.
TITLE_VOTES = 3
PRONOUN_REACH_CHARS = 120  # "Clinton told reporters on Friday that her campaign ...": one clause
WORD = re.compile(r"[A-Za-z]+")
HONORIFIC_TITLES = r"(Mr|Mrs|Ms|Miss|Sir|Lady|Lord)\b\.?"
HONORIFIC_BEFORE = re.compile(rf"\b{HONORIFIC_TITLES}\s*$")  # "Ms. " right before the name
HONORIFIC_INSIDE = re.compile(rf"{HONORIFIC_TITLES}\s")  # the recognizer kept "Ms." in the name
# A pronoun past a sentence end or inside a quotation is not evidence about the name.
CLAUSE_STOP = re.compile(r"[.!?]\s|[\n\"“”]|''")
SUBJECT_PRONOUNS = frozenset({"he", "she"})
MAX_TITLE_WORDS = 4  # "Former Secretary of State Clinton" still opens its sentence
TITLE_LINKS = frozenset({"of", "the", "former"})


def find_genders(text: str, mentions: Sequence[Mention]) -> dict[str, Gender]:
    """Return the gender of each person (by canonical name) for whom the article gives evidence.

    Evidence: an honorific before the name (Mr., Ms.), a gendered role given to the person
    (spokeswoman, congressman, wife), and, when the name opens its sentence, the first
    "he" or "she" after it, before any other name, quotation mark or sentence end ("Clinton
    says she ..."). A person gets a gender only when its evidence is at least twice as
    strong as the evidence for the other.
    """
    votes: dict[str, Counter[Gender]] = {}
    for index, m in enumerate(mentions):
        if m.kind != "person":
            continue
        tally = votes.setdefault(m.entity or m.name, Counter())
        titled = _title_gender(text, m)
        if titled is not None:
            tally[titled] += TITLE_VOTES
        following = next((n.start for n in mentions[index + 1 :] if n.start >= m.end), len(text))
        pronoun = _next_pronoun(text, m.end, following) if _opens_sentence(text, m) else None
        if pronoun is not None:
            tally[pronoun] += 1
    genders: dict[str, Gender] = {}
    for name, tally in votes.items():
        female, male = tally["female"], tally["male"]
        if female >= 2 * male and female > 0:
            genders[name] = "female"
        elif male >= 2 * female and male > 0:
            genders[name] = "male"
    return genders


def _title_gender(text: str, mention: Mention) -> Gender | None:
    """Return the gender an honorific or a role written with a mention gives it, if any."""
    before = text[max(0, mention.start - 40) : mention.start]
    honorific = HONORIFIC_BEFORE.search(before) or HONORIFIC_INSIDE.match(
        text, mention.start, mention.end
    )
    if honorific:
        return HONORIFIC_GENDER[honorific[1].lower()]
    # Only the words of the same sentence and outside quotation marks: a role just before.
    before = re.split(r'[.!?]\s|[\n"“”]', before)[-1]
    words = [w.lower() for w in (*WORD.findall(before)[-3:], *WORD.findall(mention.role))]
    if any(w in FEMALE_WORDS for w in words):
        return "female"
    if any(w in MALE_WORDS for w in words):
        return "male"
    return None


def _opens_sentence(text: str, mention: Mention) -> bool:
    """Tell whether a mention opens its sentence, after at most a title ("Former Sen. X")."""
    before = text[max(0, mention.start - 80) : mention.start]
    # A sentence ends at a stop that does not close "Mr." or an initial ("Joseph R.").
    opening = re.split(r"(?<![A-Z][a-z])(?<!\b[A-Z])[.!?]\s|\n", before)[-1]
    words = opening.split()
    return len(words) <= MAX_TITLE_WORDS and all(w[:1].isupper() or w in TITLE_LINKS for w in words)


def _next_pronoun(text: str, start: int, limit: int) -> Gender | None:
    """Return the gender of the first "he" or "she" after `start`, before a quote or a stop."""
    end = min(limit, start + PRONOUN_REACH_CHARS)
    stop = CLAUSE_STOP.search(text, start, end)
    window = text[start : stop.start() if stop else end]
    # Object and possessive pronouns ("... support to him", "said her statements") often
    # point at someone else; a subject pronoun after a subject name usually repeats it.
    for word in WORD.findall(window):
        if word.lower() in SUBJECT_PRONOUNS:
            return PRONOUN_GENDER[word.lower()]
    return None


def pronoun_gender(word: str) -> Gender | None:
    """Return the gender of a personal pronoun ("she" is female), None for "I" or a name."""
    return PRONOUN_GENDER.get(word.lower())
