"""People, organizations and places named in an article, with the roles it gives them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

from storyline.entities.names import clean_name, entity_id, merge_entities, same_person
from storyline.entities.words import ROLE_NOUNS
from storyline.model import Entity, EntityKind
from storyline.nlp import load_pipeline

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

KINDS: dict[str, EntityKind] = {"PERSON": "person", "ORG": "org", "GPE": "place"}
# Dependency labels of the words that make up a title written before a name.
TITLE_DEPS = frozenset({"compound", "amod", "nmod", "prep", "pobj", "det", "poss", "case"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a named entity in an article, linked to its canonical name."""

    start: int  # character offsets in the article text
    end: int
    name: str  # cleaned, as written
    kind: EntityKind
    role: str = ""
    entity: str = ""  # canonical name within the article, filled by `link_mentions`


def _title_before(span: Span) -> str:
    """Return the role written just before a name ("Russian Foreign Minister Sergei Lavrov")."""
    doc, i = span.doc, span.start - 1
    while i >= span.sent.start and doc[i].dep_ in TITLE_DEPS and doc[i].ent_type_ != "PERSON":
        word = doc[i]
        # "Press Secretary of the Russian President": keep "the" only right after "of".
        inner_the = word.lower_ == "the" and i > 0 and doc[i - 1].lower_ == "of"
        if (word.dep_ in {"det", "poss", "case"} and not inner_the) or (
            word.dep_ == "prep" and word.lower_ != "of"
        ):
            break
        if not (word.is_alpha or "." in word.text):
            break
        i -= 1
    words = list(doc[i + 1 : span.start])
    while words and words[0].lower_ in {"of", "the"}:
        words = words[1:]
    if not any(w.lower_ in ROLE_NOUNS for w in words):
        return ""
    return " ".join(w.text for w in words)


def _split_title(span: Span) -> tuple[str, int] | None:
    """Return (role, index of the name) when an ORG span is really a titled person."""
    for i, token in enumerate(span[:-2]):
        rest = span[i + 1 :]
        if token.lower_ in ROLE_NOUNS and all(t.is_title for t in rest) and len(rest) <= 3:
            return span[: i + 1].text, span.start + i + 1
    return None


def _apposition(span: Span) -> str:
    """Return a role given in apposition ("Ned Price, the State Department spokesman")."""
    for child in span.root.children:
        if child.dep_ == "appos" and child.lower_ in ROLE_NOUNS:
            words = [t for t in child.subtree if not t.is_punct]
            while words and words[0].lower_ in {"the", "a", "an"}:
                words = words[1:]
            return " ".join(t.text for t in words)
    return ""


def find_mentions(doc: Doc) -> tuple[Mention, ...]:
    """Return the person, organization and place mentions of a parsed article, linked."""
    ents = [e for e in doc.ents if e.label_ in KINDS]
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}
    mentions = []
    for ent in ents:
        kind = KINDS[ent.label_]
        # The small model often tags a lone surname as ORG ("Lavrov"): trust the full name.
        if kind != "person" and len(ent) == 1 and ent.text in surnames:
            kind = "person"
        role = ""
        titled = _split_title(ent) if kind == "org" else None
        if titled is not None:  # "Presidential Spokesman Dmitry Peskov" tagged as ORG
            role, first = titled
            ent = doc[first : ent.end]
            kind = "person"
        name = clean_name(ent.text, kind)
        if not name or (kind == "person" and "&" in name):
            continue
        if kind == "person" and not role:
            role = _title_before(ent) or _apposition(ent)
        mentions.append(Mention(ent.start_char, ent.end_char, name, kind, role))
    return link_mentions(mentions)


def link_mentions(mentions: list[Mention]) -> tuple[Mention, ...]:
    """Fill each mention's `entity` with the canonical name of what it refers to in the article.

    A lone surname refers to the most recent full name it fits, else to the next one.
    """
    linked: list[Mention] = []
    full = [(i, x.name) for i, x in enumerate(mentions) if _is_full_person(x)]
    fits_cache: dict[tuple[str, str, str], bool] = {}  # a long article repeats the same pairs

    def first_fit(name: str, index: int, fits: Callable[[str, str], bool]) -> str | None:
        seen = set()
        earlier = (n for i, n in reversed(full) if i < index)
        later = (n for i, n in full if i > index)
        for n in chain(earlier, later):
            if n in seen:
                continue
            seen.add(n)
            key = (name, n, fits.__name__)
            if key not in fits_cache:
                fits_cache[key] = fits(name, n)
            if fits_cache[key]:
                return n
        return None

    for index, m in enumerate(mentions):
        target = m.name
        if m.kind == "person" and len(m.name.split()) == 1:
            fit = first_fit(m.name, index, same_person) or first_fit(m.name, index, _first_surname)
            target = fit or m.name
        linked.append(Mention(m.start, m.end, m.name, m.kind, m.role, target))
    return _canonicalize(linked)


def _first_surname(name: str, full: str) -> bool:
    """Tell whether `name` is the first of two surnames: "Ms. Acosta" for "Melba Acosta Febo".

    Spanish and Portuguese names carry two surnames and articles shorten them to the first;
    it is tried only when no full name ends with `name`.
    """
    words = full.split()
    return len(words) >= 3 and words[-2] == name


def _is_full_person(m: Mention) -> bool:
    """Tell whether a mention is a person's full name."""
    return m.kind == "person" and len(m.name.split()) > 1


def _canonicalize(mentions: list[Mention]) -> tuple[Mention, ...]:
    """Rename full-name targets that are spellings of one person to the same canonical name."""
    entities = merge_entities(entities_of(mentions, article=""))
    lookup = {(e.kind, v): e.name for e in entities for v in e.variants}
    return tuple(
        Mention(m.start, m.end, m.name, m.kind, m.role, lookup.get((m.kind, m.entity), m.entity))
        for m in mentions
    )


def entities_of(mentions: Sequence[Mention], article: str) -> list[Entity]:
    """Return one entity per distinct linked target of `mentions`, for `article`."""
    by_target: dict[tuple[EntityKind, str], list[Mention]] = {}
    for m in mentions:
        by_target.setdefault((m.kind, m.entity or m.name), []).append(m)
    entities = []
    for (kind, target), group in by_target.items():
        counts = Counter(m.name for m in group)
        variants = (target, *(v for v, _ in counts.most_common() if v != target))
        roles = tuple(dict.fromkeys(m.role for m in group if m.role))
        articles = (article,) if article else ()
        entities.append(Entity(entity_id(kind, target), target, kind, variants, roles, articles))
    return entities


def find_entities(
    text: str, *, article: str = "", nlp: Language | None = None, doc: Doc | None = None
) -> tuple[Entity, ...]:
    """Return the people, organizations and places named in `text`, variants merged."""
    doc = doc if doc is not None else (nlp or load_pipeline())(text)
    return merge_entities(entities_of(find_mentions(doc), article))
