"""Compare and merge spellings of person and organization names."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher

from storyline.extract._lexicon import HONORIFICS
from storyline.model import Entity, EntityKind

POSSESSIVE = re.compile(r"\s*['’]s?$")
# Transliterations differ by a letter or two ("Sergey"/"Sergei", "Zelensky"/"Zelenskiy").
SURNAME_SIMILARITY = 0.8
FIRST_NAME_SIMILARITY = 0.7
ACRONYM_STOPWORDS = frozenset(["of", "for", "the", "and", "on", "in", "to", "de"])
# Generational suffixes come after the surname: "Joseph R. Biden Jr." is still a Biden.
NAME_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])


def clean_name(name: str, kind: EntityKind) -> str:
    """Return `name` without a leading article, honorific or trailing possessive."""
    words = POSSESSIVE.sub("", " ".join(name.split())).split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    if kind == "person":
        while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
            words = words[1:]
    return " ".join(words)


def _similar(a: str, b: str) -> float:
    """Return the similarity ratio of two words, ignoring case."""
    return SequenceMatcher(None, a.lower(), b.lower()).ratio()


def same_person(a: str, b: str) -> bool:
    """Tell whether two person names can be spellings of the same person."""
    ta, tb = _without_suffix(a.split()), _without_suffix(b.split())
    if _similar(ta[-1], tb[-1]) < SURNAME_SIMILARITY:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True  # a surname alone matches any full name with that surname
    fa, fb = ta[0].rstrip(".").lower(), tb[0].rstrip(".").lower()
    initial = len(fa) == 1 or len(fb) == 1
    if initial or fa.startswith(fb) or fb.startswith(fa):
        return fa[0] == fb[0]
    return _similar(fa, fb) >= FIRST_NAME_SIMILARITY


def _without_suffix(words: list[str]) -> list[str]:
    """Return the words of a person name without a trailing "Jr." or "III"."""
    while len(words) > 1 and words[-1].strip(".,").lower() in NAME_SUFFIXES:
        words = words[:-1]
    return words


def acronym(name: str) -> str:
    """Return the initials of the significant words of an organization name."""
    words = name.split()  # "Co-operation" is one word of OSCE
    return "".join(w[0] for w in words if w and w.lower() not in ACRONYM_STOPWORDS).upper()


def same_org(a: str, b: str) -> bool:
    """Tell whether two organization or place names name the same thing."""
    if a.lower() == b.lower():
        return True
    short, long = sorted((a, b), key=len)
    return short.isupper() and " " not in short and len(short) > 1 and acronym(long) == short


def same_entity(kind: EntityKind, a: str, b: str) -> bool:
    """Tell whether two cleaned names of the same kind can name the same entity."""
    return same_person(a, b) if kind == "person" else same_org(a, b)


def entity_id(kind: EntityKind, name: str) -> str:
    """Return a stable id for an entity from its kind and canonical name."""
    return hashlib.sha1(f"{kind}:{name.lower()}".encode()).hexdigest()[:16]


def canonical(counts: Counter[str]) -> str:
    """Return the preferred spelling: the most frequent among the longest (full) names."""
    longest = max(len(n.split()) for n in counts)
    full = [n for n in counts if len(n.split()) == longest]
    # Ties keep first-seen order, since Counter preserves insertion order.
    return max(full, key=lambda n: counts[n])


def merge_entities(entities: Iterable[Entity]) -> tuple[Entity, ...]:
    """Merge entities (typically one list per article) whose names are variants of each other.

    Full names merge first; a lone surname then joins the only full name it fits and
    stays apart when several fit (two Clintons), so ambiguity never merges people.
    """
    items = sorted(entities, key=lambda e: -max(len(v.split()) for v in e.variants or (e.name,)))
    groups: list[list[Entity]] = []
    for entity in items:
        fits = [g for g in groups if g[0].kind == entity.kind and _fits(g, entity)]
        if len(fits) == 1 or (fits and len(entity.name.split()) > 1):
            fits[0].append(entity)
        else:
            groups.append([entity])
    return tuple(_combine(g) for g in groups)


def _fits(group: list[Entity], entity: Entity) -> bool:
    """Tell whether `entity` can join `group`: its name fits every full name there."""
    names = {v for e in group for v in (e.variants or (e.name,))}
    full = [n for n in names if len(n.split()) > 1] or list(names)
    return all(same_entity(entity.kind, entity.name, n) for n in full)


def _combine(group: list[Entity]) -> Entity:
    """Return one entity holding the variants, roles and articles of `group`."""
    counts: Counter[str] = Counter()
    for e in group:
        # Each article votes once per spelling, so a long article cannot outvote the rest.
        counts.update(dict.fromkeys(e.variants or (e.name,), max(1, len(e.articles))))
    name = canonical(counts)
    variants = (name, *sorted((v for v in counts if v != name), key=lambda v: -counts[v]))
    roles = tuple(dict.fromkeys(r for e in group for r in e.roles))
    articles = tuple(dict.fromkeys(a for e in group for a in e.articles))
    kind = group[0].kind
    return Entity(entity_id(kind, name), name, kind, variants, roles, articles)
