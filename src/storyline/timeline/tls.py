"""Timeline summarization: pick the days most referred to, then the sentences that tell them.

The method follows the unsupervised date-wise approach of Ghalandari & Ifrim (2020), "Examining
the state of the art in news timeline summarization": days are ranked by how many articles
refer to them or were published on them, and each chosen day is summarized by the sentences
nearest the centroid of the sentences that mention it or, undated, open an article published
on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.dedup.provenance import count_independent_sources
from storyline.errors import InputError
from storyline.model import Article, Link, TimelineEntry
from storyline.timeline.centrality import pick_lexrank
from storyline.timeline.dating import DAY, DatedSentence, date_sentences
from storyline.timeline.sentences import Sentence, cosine, inverse_frequencies, weigh
from storyline.timeline.summarize import LEAD_BONUS, carriers, pick_central

# Later reports often sum up a day better than that day's own news; this is how much later.
REPORT_WINDOW_DAYS = 14
# A sentence that names no date stands for its publication day only in the article's lead:
# further down it is background as often as news.
UNDATED_LEAD_SENTENCES = 5
REDUNDANT = 0.4  # cosine from which a day's sentence repeats one already chosen for it


@dataclass(frozen=True, slots=True)
class TimelineMethod:
    """The choices of the summarizer; the defaults are what leave-one-topic-out selected.

    A day's score is the articles naming it (`announced` for those written before it,
    `later` for those written more than REPORT_WINDOW_DAYS after it, one otherwise) plus
    `published` for each article published on it. Days within `spread` days of a better one
    are taken only when there are not enough others. A day's sentences are picked by
    `select` ("lexrank": most central in the graph of the pool's tf-idf cosines;
    "centroid": nearest the pool's centroid), with `lead_bonus` for an article's first
    sentences; a sentence whose cosine to one chosen for another day reaches `across`
    repeats it (1.0: no check across days).
    """

    published: float = 1.0
    announced: float = 1.0
    later: float = 1.0
    spread: int = 0
    select: str = "lexrank"
    lead_bonus: float = LEAD_BONUS
    across: float = 1.0


def _day(value: str) -> date | None:
    """Return the calendar day of a full TimeML day value, else None."""
    if not DAY.fullmatch(value) or value.startswith("X"):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _within(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def rank_days(
    dated: Iterable[DatedSentence],
    *,
    start: date | None = None,
    end: date | None = None,
    method: TimelineMethod = TimelineMethod(),
) -> list[tuple[date, float]]:
    """Return the days in [start, end] by how many articles refer to them, highest first.

    A day scores one for each article that names it and one for each article published on it:
    each article votes once per day however often it repeats the date, so a long piece does
    not outvote several short ones. Background dates ("since the April 20 explosion") count:
    looking back to a day is what makes it important.
    """
    votes: dict[tuple[str, date, str], float] = {}
    for item in dated:
        article = item.sentence.article
        published = _day(item.published.value)
        for day in (_day(v) for v in (*item.mentioned, *item.background)):
            if day is not None and _within(day, start, end):
                votes[(article, day, "names")] = _naming_weight(day, published, method)
        if published is not None and _within(published, start, end):
            votes[(article, published, "published")] = method.published
    scores: dict[date, float] = defaultdict(float)
    for (_, day, _), weight in votes.items():
        scores[day] += weight
    return sorted(scores.items(), key=lambda p: (-p[1], p[0]))


def _naming_weight(day: date, published: date | None, method: TimelineMethod) -> float:
    """Return the vote of an article published on `published` that names `day`."""
    if published is None:
        return 1.0
    if published < day:
        return method.announced
    return method.later if (published - day).days > REPORT_WINDOW_DAYS else 1.0


def spread_out(ranked: Sequence[tuple[date, float]], spread: int) -> list[tuple[date, float]]:
    """Return the ranked days with those within `spread` days of a better one moved last."""
    if spread <= 0:
        return list(ranked)
    first: list[tuple[date, float]] = []
    rest: list[tuple[date, float]] = []
    for day, value in ranked:
        near = any(abs((day - other).days) <= spread for other, _ in first)
        (rest if near else first).append((day, value))
    return first + rest


def day_candidates(dated: Iterable[DatedSentence]) -> dict[date, list[DatedSentence]]:
    """Return, for each day, the statements that may tell it.

    Those are the statements that mention the day and were published on it or within
    REPORT_WINDOW_DAYS after (or have no known publication date), and the statements that
    mention no date among the first UNDATED_LEAD_SENTENCES of the articles published on it.
    """
    found: dict[date, list[DatedSentence]] = defaultdict(list)
    window = timedelta(days=REPORT_WINDOW_DAYS)
    for item in dated:
        if not item.sentence.is_statement:
            continue
        published = _day(item.published.value)
        lead = item.sentence.index < UNDATED_LEAD_SENTENCES
        if not item.mentioned and published is not None and lead:
            found[published].append(item)
        for value in item.mentioned:
            day = _day(value)
            if day is not None and (published is None or day <= published <= day + window):
                found[day].append(item)
    return found


def announced_candidates(dated: Iterable[DatedSentence]) -> dict[date, list[DatedSentence]]:
    """Return, for each day, the statements naming it that were published before it.

    They tell what was planned ("talks on January 10"), the fallback for a day nobody
    reported on afterwards.
    """
    found: dict[date, list[DatedSentence]] = defaultdict(list)
    for item in dated:
        published = _day(item.published.value)
        if not item.sentence.is_statement or published is None:
            continue
        for day in (_day(v) for v in item.mentioned):
            if day is not None and published < day:
                found[day].append(item)
    return found


def summarize_timeline(
    articles: Iterable[Article],
    *,
    start: date | None = None,
    end: date | None = None,
    dates: int = 10,
    sentences: int = 1,
    links: Iterable[Link] = (),
    storyline: str = "",
    method: TimelineMethod = TimelineMethod(),
) -> list[TimelineEntry]:
    """Return a timeline of `dates` days in [start, end], `sentences` sentences each, by date.

    One entry per sentence, so a day has up to `sentences` entries; only days with a known
    year, month and day are placed. A day is told by reports from that day or the next two
    weeks; a day nobody reported on afterwards, by the statements announcing it. `confidence`
    is the day's score relative to the best day's. Reads every article first.
    """
    if dates < 1 or sentences < 1:
        raise InputError(
            f"a timeline needs at least 1 date and 1 sentence a date "
            f"(got dates={dates}, sentences={sentences})"
        )
    dated = [d for ds in date_sentences(articles).values() for d in ds]
    return timeline_of_dated(
        dated,
        start=start,
        end=end,
        dates=dates,
        sentences=sentences,
        links=links,
        storyline=storyline,
        method=method,
    )


def timeline_of_dated(
    dated: Sequence[DatedSentence],
    *,
    start: date | None,
    end: date | None,
    dates: int,
    sentences: int,
    links: Iterable[Link] = (),
    storyline: str = "",
    method: TimelineMethod = TimelineMethod(),
) -> list[TimelineEntry]:
    """Return `summarize_timeline`'s result from sentences already dated."""
    links = list(links)
    idf = inverse_frequencies(d.sentence.words for d in dated)
    candidates = day_candidates(dated)
    announced = announced_candidates(dated)
    ranked = spread_out(rank_days(dated, start=start, end=end, method=method), method.spread)
    best = ranked[0][1] if ranked else 1.0
    told: list[dict[str, float]] = []  # vectors of the sentences chosen for other days
    entries = []
    for day, score in ranked:
        pool = [d.sentence for d in candidates.get(day) or announced.get(day, [])]
        if method.across < 1.0:
            pool = [s for s in pool if _new(weigh(s.words, idf), told, method.across)]
        chosen = _pick(pool, idf, sentences, method)
        if not chosen:
            continue
        for sentence, ids in zip(chosen, carriers(chosen, pool, idf), strict=True):
            told.append(weigh(sentence.words, idf))
            entries.append(
                TimelineEntry(
                    storyline=storyline,
                    date=day.isoformat(),
                    text=sentence.text,
                    articles=ids,
                    confidence=round(score / best, 3),
                    sources=count_independent_sources(ids, links),
                )
            )
        if len({e.date for e in entries}) == dates:
            break
    return sorted(entries, key=lambda e: e.date)


def _new(vector: dict[str, float], told: Sequence[dict[str, float]], limit: float) -> bool:
    """Return whether a sentence says something no sentence chosen for another day said."""
    return bool(vector) and all(cosine(vector, other) < limit for other in told)


def _pick(
    pool: Sequence[Sentence], idf: dict[str, float], count: int, method: TimelineMethod
) -> list[Sentence]:
    if method.select == "lexrank":
        return pick_lexrank(pool, idf, count, lead_bonus=method.lead_bonus, redundant=REDUNDANT)
    return pick_central(pool, idf, count, lead_bonus=method.lead_bonus, redundant=REDUNDANT)
