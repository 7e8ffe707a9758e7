"""Resolve the speaker of a quotation, as written, to a named entity of the article."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from storyline.entities.mentions import Mention
from storyline.entities.words import PERSON_PRONOUNS, ROLE_FILLERS, ROLE_NOUNS
from storyline.quotes._gender import Gender, pronoun_gender

# How far back a pronoun may reach for the previous speaker; about three paragraphs.
PRONOUN_REACH_CHARS = 1500
# Words after a name that keep it the head of the speaker phrase: coordination and "of".
HEAD_CONTINUERS = frozenset({"and", "or", "of", "who", "with", "from", "along"})


def _role_words(speaker: str) -> list[str]:
    """Return the identifying words of a role ("the foreign minister": foreign, minister)."""
    words = [w.strip(".,").lower() for w in speaker.split()]
    return [w for w in words if w and w not in ROLE_FILLERS]


def _by_role(words: list[str], position: int, mentions: Sequence[Mention]) -> str | None:
    """Return the person whose stated role contains every word of `words`, nearest before."""
    fits = [m for m in mentions if m.kind == "person" and m.role]
    fits = [m for m in fits if all(w in m.role.lower().split() for w in words)]
    if not fits:
        return None
    # Only earlier mentions: news prose names a person before calling them by role.
    before = [m for m in fits if m.start < position]
    return before[-1].entity if before else None


def resolve_speaker(
    speaker: str,
    start: int | None,
    end: int | None,
    mentions: Sequence[Mention],
    previous: Sequence[tuple[int, str]],
    quoted: Sequence[tuple[int, int]] = (),
    genders: Mapping[str, Gender] | None = None,
) -> str | None:
    """Return the canonical name of the entity that `speaker` (at start..end) refers to, if any.

    Args:
        mentions: the article's entity mentions, in text order, linked to canonical names.
        previous: (position, canonical name) of the persons quoted earlier in the article.
        quoted: character ranges inside quotation marks, whose names are not candidates.
        genders: the gender the article gives some of its people (see `find_genders`); a
            pronoun never resolves to a person of the other gender.
    """
    if not speaker or start is None or end is None:
        return None
    inside = [m for m in mentions if m.start >= start and m.end <= end]
    words = _role_words(speaker)
    if inside and not any(m.kind == "person" for m in inside) and _is_role(words):
        # "the chairwoman of the county GOP" is a person the article named, not the GOP.
        titled = _by_role(words, start, mentions)
        if titled is not None:
            return titled
    for kind in ("person", "org", "place"):
        named = [m for m in inside if m.kind == kind]
        heads = [m for m in named if not _is_modifier(speaker, m.end - start)]
        if named:
            return (heads or named)[0].entity
    surname = _by_surname(speaker, mentions)
    if surname is not None:
        return surname
    if len(words) == 1 and words[0] in PERSON_PRONOUNS:
        wanted = pronoun_gender(words[0])
        if wanted is None or not genders:
            return _antecedent(start, mentions, previous, quoted)
        # Skip people the article shows to be of the other gender ("she" is not Mr. Trump).
        agrees = {m.entity for m in mentions if genders.get(m.entity, wanted) == wanted}
        return _antecedent(
            start,
            [m for m in mentions if m.entity in agrees],
            [(at, name) for at, name in previous if name in agrees],
            quoted,
        )
    if words and words[-1] in ROLE_NOUNS:
        return _by_role(words, start, mentions)
    return None


def _is_role(words: list[str]) -> bool:
    """Tell whether role words name a role ("county GOP chairwoman", "chairwoman of the GOP")."""
    before_of = words[: words.index("of")] if "of" in words else words
    return bool(before_of) and before_of[-1] in ROLE_NOUNS


def _is_modifier(speaker: str, end: int) -> bool:
    """Tell whether the name ending at `end` modifies what follows ("Sanders campaign aide X")."""
    rest = speaker[end:].lstrip()
    if rest.startswith(("’", "'")):  # "Clinton's aide", "Sanders' spokesman"
        return True
    if not rest or not rest[0].isalpha():
        return False  # "Murphy, the head of ...": a comma first keeps Murphy as the head
    first = rest.split()[0].lower()
    if first in HEAD_CONTINUERS:
        return False  # "Trump and Ryan", "Cronin of Gawker": the name is still a head
    # A word right after a name continues a noun phrase the name only qualifies: lower-case
    # ("Sanders campaign aide"), a role ("Clinton Spokesman"), or a capitalised title that
    # runs on to a role ("Clinton Communications Director Jennifer Palmieri").
    title = rest.split(",")[0].split()
    return rest[0].islower() or any(w.lower() in ROLE_NOUNS for w in title[:4])


def _by_surname(speaker: str, mentions: Sequence[Mention]) -> str | None:
    """Return the person whose surname the speaker phrase contains when NER missed it ("Price")."""
    words = {w.strip(".,’'s") for w in speaker.split() if w[:1].isupper()}
    for m in reversed(mentions):
        if m.kind == "person" and m.entity.split()[-1] in words:
            return m.entity
    return None


def _antecedent(
    position: int,
    mentions: Sequence[Mention],
    previous: Sequence[tuple[int, str]],
    quoted: Sequence[tuple[int, int]],
) -> str | None:
    """Return the person a pronoun at `position` most likely refers to."""
    # The previous person quoted is the usual referent of "he said" in news prose.
    recent = [name for at, name in previous if position - PRONOUN_REACH_CHARS <= at < position]
    if recent:
        return recent[-1]
    people = [
        m
        for m in mentions
        if m.kind == "person" and m.end <= position and not any(s <= m.start < e for s, e in quoted)
    ]
    return people[-1].entity if people else None
