"""People, organizations and places named across articles, spelling variants merged."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Literal

from storyline.entities.names import clean_name, entity_id, merge_entities
from storyline.model import Article, Entity, EntityKind, Record
from storyline.stories.embed import text_of
from storyline.stories.text import find_names_at

# Words that make a capitalized run an organization or a place whatever else it holds.
ORG_WORDS = frozenset(
    {
        "inc",
        "corp",
        "corporation",
        "company",
        "co",
        "ltd",
        "llc",
        "plc",
        "group",
        "bank",
        "ministry",
        "department",
        "council",
        "commission",
        "committee",
        "agency",
        "office",
        "court",
        "university",
        "party",
        "union",
        "association",
        "institute",
        "works",
        "authority",
        "board",
        "fund",
        "federation",
        "organization",
        "organisation",
        "police",
        "army",
    }
)
PLACE_WORDS = frozenset(
    {
        "river",
        "city",
        "county",
        "province",
        "state",
        "street",
        "lake",
        "sea",
        "island",
        "mountain",
        "valley",
        "district",
        "republic",
        "kingdom",
        "bay",
        "gulf",
        "coast",
        "quay",
    }
)
PLACE_CUES = frozenset({"in", "at", "near", "across", "outside"})
ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def guess_kind(name: str, before: str = "") -> EntityKind:
    """Return the likely kind of a capitalized name from its words and the word before it.

    Without a named-entity recognizer: organization and place words decide first, then a
    name after "in", "at" or "near" reads as a place, any other run of two to four words as a
    person, and a lone word as an organization.
    """
    words = [w.lower().strip(".") for w in name.split()]
    if ACRONYM.match(name) or any(w in ORG_WORDS for w in words):
        return "org"
    if any(w in PLACE_WORDS for w in words) or before.lower() in PLACE_CUES:
        return "place"
    return "person" if 2 <= len(words) <= 4 else "org"


def article_entities(article: Article) -> list[Entity]:
    """Return one entity per distinct name of an article, kind guessed, lone surnames linked."""
    text = f"{article.title}\n{text_of(article)}" if article.title else text_of(article)
    kinds: dict[str, EntityKind] = {}  # by the word before a name's first occurrence
    for name, at in find_names_at(text):
        if name not in kinds:
            before = text[max(0, at - 40) : at].split()[-1:] if at > 0 else []
            kinds[name] = guess_kind(name, before[0] if before else "")
    people = {n.split()[-1] for n, k in kinds.items() if k == "person"}
    entities = []
    for name, kind in kinds.items():
        if len(name.split()) == 1 and name in people:
            kind = "person"  # "Lavrov" after "Sergei Lavrov"
        cleaned = clean_name(name, kind)
        if cleaned:
            entities.append(
                Entity(entity_id(kind, cleaned), cleaned, kind, (cleaned,), (), (article.id,))
            )
    return entities


def find_story_entities(
    articles: Iterable[Article], *, recognizer: Literal["names", "spacy"] = "names"
) -> tuple[Entity, ...]:
    """Return the entities named in `articles`, variants merged, most mentioned first.

    "Sergey Lavrov", "Sergei Lavrov" and "Lavrov" become one person. With
    recognizer="spacy" (extra: nlp) spaCy's recognizer finds the names instead.
    Merging compares every entity with every group, so call it per storyline on large stores.
    """
    found: list[Entity] = []
    for article in articles:
        if recognizer == "spacy":
            from storyline.entities.mentions import find_entities

            found.extend(find_entities(text_of(article), article=article.id))
        else:
            found.extend(article_entities(article))
    merged = merge_entities(found)
    return tuple(sorted(merged, key=lambda e: (-len(e.articles), e.kind, e.name)))


def name_entities(records: Iterable[Record]) -> Iterator[Record | Entity]:
    """Stage: follow each article with the entities its capitalized names give.

    The stand-in for spaCy's recognizer when the `nlp` extra is not installed; the run
    merges these per-article entities across the store, as it merges spaCy's.
    """
    for record in records:
        yield record
        if isinstance(record, Article):
            yield from article_entities(record)
