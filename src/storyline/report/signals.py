"""Source-quality signals of one article: how much it copies, whether spun, how sure its date."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

from storyline.model import Article, Link, PublishedDate

COPY_RELATIONS = frozenset({"copy", "near_copy", "spun", "translation"})
DateTrust: TypeAlias = Literal["reliable", "likely", "weak", "contested", "unknown"]
# How a date found without a PublishedDate record (so without a confidence) was read.
TRUST_BY_ORIGIN: dict[str, DateTrust] = {
    "metadata": "reliable",
    "html": "reliable",
    "dateline": "reliable",
    "url": "likely",
    "text": "likely",
    "inferred": "weak",
}
RELIABLE = 0.8  # PublishedDate confidence from which a date is shown as reliable
LIKELY = 0.5


@dataclass(frozen=True, slots=True)
class CopiedPassage:
    """A stretch [start, end) of this article's text aligned with a stretch of another one."""

    start: int
    end: int
    other: str  # the other article's id
    relation: str  # the link's relation
    from_origin: bool  # True when the other article is the link's known origin
    to_copy: bool  # True when this article is the origin, so the other one copied it


@dataclass(frozen=True, slots=True)
class DateSignal:
    """How far an article's publication date can be trusted, and why."""

    value: str  # TimeML value, possibly partial; "" when unknown
    origin: str | None  # where it was read: "metadata", "dateline", ...
    confidence: float | None  # from PublishedDate when inferred; None when not scored
    conflict: str
    trust: DateTrust


@dataclass(frozen=True, slots=True)
class Signals:
    """The source-quality signals the report shows next to an article."""

    copied_share: float  # share of the text covered by passages copied from an earlier origin
    copied_from: tuple[str, ...]  # ids of the earlier articles it copies
    copied_by: tuple[str, ...]  # ids of later articles that copy it
    shared_share: float  # share of the text also found in articles of unknown order
    shared_with: tuple[str, ...]  # ids of those articles
    spun: bool  # a rewrite of an earlier article with words swapped
    date: DateSignal


def passages_of(article_id: str, links: Iterable[Link]) -> list[CopiedPassage]:
    """Return the passages of `article_id` that copy-like links align with other articles."""
    found = []
    for link in links:
        if link.relation not in COPY_RELATIONS or article_id not in (link.a, link.b):
            continue
        on_a = link.a == article_id
        other = link.b if on_a else link.a
        for p in link.evidence.passages:
            start, end = (p.a_start, p.a_end) if on_a else (p.b_start, p.b_end)
            found.append(
                CopiedPassage(
                    start,
                    end,
                    other,
                    link.relation,
                    link.origin == other,
                    link.origin == article_id,
                )
            )
    return found


def covered_share(length: int, spans: Iterable[tuple[int, int]]) -> float:
    """Return the share of [0, length) covered by the union of `spans`."""
    if length <= 0:
        return 0.0
    covered, reach = 0, 0
    for start, end in sorted((max(0, s), min(length, e)) for s, e in spans):
        if end <= reach:
            continue
        covered += end - max(start, reach)
        reach = end
    return covered / length


def date_signal(article: Article, published: PublishedDate | None) -> DateSignal:
    """Return how trustworthy an article's publication date is, from where it was found."""
    if published is not None:
        if published.conflict and published.confidence < LIKELY:
            trust: DateTrust = "contested"
        elif published.origin is None:
            trust = "unknown"
        elif published.confidence >= RELIABLE:
            trust = "reliable"
        else:
            trust = "likely" if published.confidence >= LIKELY else "weak"
        return DateSignal(
            published.value, published.origin, published.confidence, published.conflict, trust
        )
    if article.published_at is not None:
        origin = article.published_from
        value = article.published_at.date().isoformat()
        return DateSignal(value, origin, None, "", TRUST_BY_ORIGIN.get(origin or "", "likely"))
    return DateSignal("", None, None, "", "unknown")


def signals_of(
    article: Article, text: str, links: Sequence[Link], published: PublishedDate | None
) -> Signals:
    """Return the source-quality signals of `article`, whose text the links' offsets index."""
    passages = passages_of(article.id, links)
    copied = [(p.start, p.end) for p in passages if p.from_origin]
    mine = [link for link in links if article.id in (link.a, link.b)]
    copied_from = sorted({_other(x, article.id) for x in mine if _copies(x, _other(x, article.id))})
    copied_by = sorted({_other(x, article.id) for x in mine if _copies(x, article.id)})
    unordered = [p for p in passages if not (p.from_origin or p.to_copy)]
    shared_with = sorted({p.other for p in unordered})
    spun = any(x.relation == "spun" and x.origin not in (None, article.id) for x in mine)
    return Signals(
        covered_share(len(text), copied),
        tuple(copied_from),
        tuple(copied_by),
        covered_share(len(text), [(p.start, p.end) for p in unordered]),
        tuple(shared_with),
        spun,
        date_signal(article, published),
    )


def _other(link: Link, article_id: str) -> str:
    return link.b if link.a == article_id else link.a


def _copies(link: Link, article_id: str) -> bool:
    """Tell whether `link` says another article copied `article_id`."""
    return link.relation in COPY_RELATIONS and link.origin == article_id
