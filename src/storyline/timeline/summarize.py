"""Extractive summaries: the sentences nearest a set's centroid, each citing every carrier."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace

from storyline.model import Article, SourcedSentence, Story
from storyline.timeline.sentences import (
    Sentence,
    centroid,
    copy_key,
    cosine,
    find_sentences,
    inverse_frequencies,
    weigh,
)

REDUNDANT = 0.5  # cosine from which a sentence repeats one already chosen
COPY_SIMILARITY = 0.8  # cosine from which two sentences are one text, lightly edited
LEAD_SENTENCES = 3  # news puts the main facts first; these sentences get a small bonus
LEAD_BONUS = 0.15


def distinct(sentences: Iterable[Sentence]) -> list[Sentence]:
    """Return the sentences with copies (same words, same order) dropped, first kept."""
    seen: dict[str, Sentence] = {}
    for sentence in sentences:
        seen.setdefault(copy_key(sentence.text), sentence)
    return list(seen.values())


def pick_greedily(
    unique: Sequence[Sentence],
    vectors: Sequence[Mapping[str, float]],
    score: Callable[[int], float],
    *,
    count: int,
    redundant: float,
) -> list[Sentence]:
    """Return up to `count` sentences, best scored first, none too like one already taken.

    Ties go by article, then position, so the choice does not depend on input order; a
    sentence whose vector is empty (all stopwords) is never taken.
    """
    chosen: list[int] = []
    for i in sorted(range(len(unique)), key=lambda i: (-score(i), unique[i].article, i)):
        if not vectors[i]:
            continue
        if all(cosine(vectors[i], vectors[j]) < redundant for j in chosen):
            chosen.append(i)
        if len(chosen) == count:
            break
    return [unique[i] for i in chosen]


def pick_central(
    candidates: Sequence[Sentence],
    idf: Mapping[str, float],
    count: int,
    *,
    lead_bonus: float = 0.0,
    redundant: float = REDUNDANT,
) -> list[Sentence]:
    """Return up to `count` sentences nearest the candidates' centroid, none repeating another.

    Copies are counted once in the centroid, so a reprinted paragraph does not outweigh
    independent reporting. With `lead_bonus`, sentences among an article's first few score
    that much higher (relative), as news puts its main facts first. A sentence whose cosine
    to one already chosen reaches `redundant` is skipped.
    """
    unique = distinct(candidates)
    vectors = [weigh(s.words, idf) for s in unique]
    center = centroid(vectors)

    def score(i: int) -> float:
        lead = lead_bonus if unique[i].index < LEAD_SENTENCES else 0.0
        return cosine(vectors[i], center) * (1.0 + lead)

    return pick_greedily(unique, vectors, score, count=count, redundant=redundant)


def carriers(
    sentences: Sequence[Sentence], pool: Sequence[Sentence], idf: Mapping[str, float]
) -> list[tuple[str, ...]]:
    """Return, for each sentence, the ids of the articles carrying it or a light edit of it
    in `pool`, its own first. The pool is weighed once for all the sentences asked about."""
    keys = [copy_key(s.text) for s in pool]
    vectors = [weigh(s.words, idf) for s in pool]
    out = []
    for sentence in sentences:
        key, vector = copy_key(sentence.text), weigh(sentence.words, idf)
        found, seen = [sentence.article], {sentence.article}
        for other, other_key, other_vector in zip(pool, keys, vectors, strict=True):
            if other.article in seen:
                continue
            if other_key == key or cosine(vector, other_vector) >= COPY_SIMILARITY:
                found.append(other.article)
                seen.add(other.article)
        out.append((found[0], *sorted(found[1:])))
    return out


def summarize(
    articles: Iterable[Article], *, sentences: int = 3, order: Sequence[str] = ()
) -> tuple[SourcedSentence, ...]:
    """Return an extractive summary of `articles` in `sentences` sentences, with their sources.

    Sentences come out in reading order: by the articles' order in `order` (e.g. a story's
    articles, earliest first), else by article id, then by position in the article.
    """
    pool = [
        s
        for article in articles
        for s in find_sentences(article.id, article.text or article.raw_text)
        if s.is_statement and not _is_title(s, article.title)
    ]
    if not pool:
        return ()
    idf = inverse_frequencies(s.words for s in pool)
    chosen = pick_central(pool, idf, sentences, lead_bonus=LEAD_BONUS)
    rank = {article_id: i for i, article_id in enumerate(order)}
    chosen.sort(key=lambda s: (rank.get(s.article, len(rank)), s.article, s.index))
    return tuple(
        SourcedSentence(s.text, ids)
        for s, ids in zip(chosen, carriers(chosen, pool, idf), strict=True)
    )


def _is_title(sentence: Sentence, title: str) -> bool:
    """Return whether a sentence is the article's headline (maybe behind site chrome)."""
    key = copy_key(title)
    return bool(key) and copy_key(sentence.text).endswith(key)


def summarize_stories(
    stories: Iterable[Story], articles: Mapping[str, Article], *, sentences: int = 3
) -> Iterator[Story]:
    """Yield each story (event or storyline) with its summary filled in from its articles."""
    for story in stories:
        members = [articles[i] for i in story.articles if i in articles]
        summary = summarize(members, sentences=sentences, order=story.articles)
        yield replace(story, summary=summary)
