"""Compare and merge spellings of person and organization names."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from storyline.entities.words import HONORIFICS
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
    if len(words) == 1 and words[0].endswith(".") and words[0].lower()[:-1] in HONORIFICS:
        return ""  # a title the recognizer took for a name on its own ("Lt.")
    return " ".join(words)


def _similar(a: str, b: str, at_least: float) -> bool:
    """Tell whether two words have a similarity ratio of `at_least`, ignoring case."""
    matcher = SequenceMatcher(None, a.lower(), b.lower())
    # The quick ratios are upper bounds of the ratio, and far cheaper to compute.
    return (
        matcher.real_quick_ratio() >= at_least
        and matcher.quick_ratio() >= at_least
        and matcher.ratio() >= at_least
    )


def same_person(a: str, b: str) -> bool:
    """Tell whether two person names can be spellings of the same person."""
    ta, tb = _without_suffix(a.split()), _without_suffix(b.split())
    if not _similar(ta[-1], tb[-1], SURNAME_SIMILARITY):
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True  # a surname alone matches any full name with that surname
    fa, fb = ta[0].rstrip(".").lower(), tb[0].rstrip(".").lower()
    initial = len(fa) == 1 or len(fb) == 1
    if initial or fa.startswith(fb) or fb.startswith(fa):
        return fa[0] == fb[0]
    return _similar(fa, fb, FIRST_NAME_SIMILARITY)


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
    """Return the preferred spelling: the most frequent full (multi-word) name.

    Ties go to the longer name, then to the first seen. A rare long form ("Michael Joseph
    Jackson") does not outrank the name the articles use ("Michael Jackson").
    """
    full = [n for n in counts if len(n.split()) > 1] or list(counts)
    # max() keeps the first of equals, and Counter preserves insertion order.
    return max(full, key=lambda n: (counts[n], len(n.split())))


def merge_entities(entities: Iterable[Entity]) -> tuple[Entity, ...]:
    """Merge entities (typically one list per article) whose names are variants of each other.

    Full names merge first; a lone surname then joins the only full name it fits and
    stays apart when several fit (two Clintons), so ambiguity never merges people.
    Candidate groups come from blocking keys (`_keys`), so a store's worth of entities
    merges in about linear time instead of comparing every entity with every group.
    """
    items = sorted(
        _fold_spellings(entities),
        key=lambda e: -max(len(v.split()) for v in e.variants or (e.name,)),
    )
    groups: list[_Group] = []
    blocks: dict[str, list[_Group]] = {}
    for entity in items:
        keys = _keys(entity)
        candidates = {g.order: g for key in keys for g in blocks.get(key, ())}
        fits = [candidates[i] for i in sorted(candidates) if candidates[i].fits(entity)]
        if len(fits) == 1 or (fits and len(entity.name.split()) > 1):
            group = fits[0]
        else:
            group = _Group(entity.kind, len(groups))
            groups.append(group)
        if group.add(entity):
            for key in keys:
                blocks.setdefault(key, []).append(group)
    return tuple(_combine(g.entities) for g in groups)


def _fold_spellings(entities: Iterable[Entity]) -> list[Entity]:
    """Fold entities spelled alike (kind, name and variants) into one: they merge alike.

    A store names the same people thousands of times; comparing each spelling once keeps
    the merge cheap. Articles and roles are joined in order of appearance.
    """
    folded: dict[tuple[str, str, tuple[str, ...]], list[Entity]] = {}
    for entity in entities:
        folded.setdefault((entity.kind, entity.name, entity.variants), []).append(entity)
    return [
        same[0]
        if len(same) == 1
        else replace(
            same[0],
            roles=tuple(dict.fromkeys(r for e in same for r in e.roles)),
            articles=tuple(dict.fromkeys(a for e in same for a in e.articles)),
        )
        for same in folded.values()
    ]


@dataclass(slots=True)
class _Group:
    """Entities merged so far into one, with the spellings a newcomer must fit."""

    kind: EntityKind
    order: int  # creation order: the first fitting group wins, as when comparing all
    entities: list[Entity] = field(default_factory=list)
    names: set[str] = field(default_factory=set)

    def fits(self, entity: Entity) -> bool:
        """Tell whether `entity` can join: same kind, and its name fits every full name here."""
        if entity.kind != self.kind:
            return False
        full = [n for n in self.names if len(n.split()) > 1] or self.names
        return all(same_entity(entity.kind, entity.name, n) for n in full)

    def add(self, entity: Entity) -> bool:
        """Add an entity; tell whether it brought a spelling the group did not have."""
        self.entities.append(entity)
        new = set(entity.variants or (entity.name,)) - self.names
        self.names |= new
        return bool(new)


def _keys(entity: Entity) -> set[str]:
    """Return the blocking keys of an entity: two entities that can merge share one.

    People: the first and the last three letters of each spelling's surname, since
    transliterations keep one end ("Zelensky"/"Zelenskiy", "Tchaikovsky"/"Chaikovsky").
    Organizations and places: the lower-cased name, and its initials, so "OSCE" meets its
    expansion.
    """
    keys = set()
    for name in entity.variants or (entity.name,):
        if entity.kind == "person":
            surname = _without_suffix(name.split())[-1].lower()
            keys |= {f"<{surname[:3]}", f">{surname[-3:]}"}
        else:
            keys.add(name.lower())
            keys.add("@" + (acronym(name) if " " in name else name.upper()))
    return keys


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
