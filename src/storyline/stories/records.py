"""Story records from the clustering state: members earliest first, short generated titles."""

from __future__ import annotations

from datetime import datetime

from storyline.model import Article, Story
from storyline.stories.embed import NAME_MARK, top
from storyline.stories.state import Cluster, StoryState, When
from storyline.stories.text import WORD, find_names, find_terms, fold_name_word, name_keys

TITLE_NAMES = 3  # a title names the three most telling people, places or organizations
TITLE_WORDS = 3  # and the three most telling words
SURFACE_CHARS = 600  # names are read from the headline and the opening of the text
# Longer capitalized runs are mostly neighbouring names run together ("Andrew Cohen The
# Atlantic Murray") or headline-like phrases, not how anyone is named.
SURFACE_WORDS = 3


def remember_surfaces(surface: dict[str, str], article: Article) -> None:
    """Record how the features of an article's headline and opening are written.

    A name word maps to the first name (of up to three words) seen containing it, or to a
    later full name ending with it ("@lavrov" -> "Sergei Lavrov");
    a stem maps to the first headline word it came from.
    """
    opening = (article.text or article.raw_text)[:SURFACE_CHARS]
    # The body first: a title-case headline capitalizes every word, so its runs ("New
    # Contacts Between Biden") only name what the body has not.
    for name, in_body in [(n, True) for n in find_names(opening)] + [
        (n, False) for n in find_names(article.title)
    ]:
        if len(name.split()) > SURFACE_WORDS:
            continue
        for key in name_keys(name):
            known = surface.get(NAME_MARK + key)
            # "Lavrov" shows as "Sergei Lavrov", but "Harborville" not as "Harborville Arena".
            longer = in_body and known is not None and len(name.split()) > len(known.split())
            if known is None or (longer and fold_name_word(name.split()[-1]) == key):
                surface[NAME_MARK + key] = name
    for match in WORD.finditer(article.title):
        for term in find_terms(match[0], article.language):
            surface.setdefault(term, match[0].lower())


def make_title(cluster: Cluster, surface: dict[str, str]) -> str:
    """Return a short title: the heaviest names of a centroid, then its heaviest words."""
    names: list[str] = []
    words: list[str] = []
    heaviest = top(cluster.centroid, 40)
    # Heaviest first, ties (to the precision the saved state keeps) by feature.
    for feature in sorted(heaviest, key=lambda f: (-round(heaviest[f], 6), f)):
        if feature.startswith(NAME_MARK):
            shown = surface.get(feature, feature[1:].title())
            if len(names) < TITLE_NAMES and not any(shown in n or n in shown for n in names):
                names.append(shown)
        elif len(words) < TITLE_WORDS and feature in surface:
            shown = surface[feature]
            if not any(shown.lower() in n.lower() for n in names) and shown not in words:
                words.append(shown)
    head = ", ".join(names)
    tail = ", ".join(words)
    return f"{head}: {tail}" if head and tail else head or tail


def _sortable(when: When) -> str:
    """Return a sort key putting full dates first, in order, then month-days, then undated."""
    if isinstance(when, datetime):
        return "0" + when.isoformat()
    return "2" if when is None else f"1{when[0]:02d}-{when[1]:02d}"


def _earliest_first(articles: dict[str, When]) -> tuple[str, ...]:
    return tuple(sorted(articles, key=lambda a: (_sortable(articles[a]), a)))


def make_story(cluster: Cluster, surface: dict[str, str]) -> Story:
    """Return the Story record of one cluster; its dates span every member, copies too."""
    dates = [d for d in cluster.articles.values() if isinstance(d, datetime)]
    keywords = make_title(cluster, surface)
    return Story(
        id=cluster.id,
        level=cluster.level,
        title=keywords,  # until the run picks a headline (stories.headline)
        keywords=keywords,
        articles=_earliest_first(cluster.articles),
        parent=cluster.parent if cluster.level == "event" else None,
        start_at=min(dates, default=None),
        end_at=max(dates, default=None),
    )


def make_stories(state: StoryState) -> tuple[Story, ...]:
    """Return every storyline of the state, each followed by its events, oldest first."""

    def when(cluster: Cluster) -> tuple[bool, datetime | int, str]:
        return (cluster.start_at is None, cluster.start_at or 0, cluster.id)

    stories: list[Story] = []
    for storyline in sorted(state.storylines.values(), key=when):
        stories.append(make_story(storyline, state.surface))
        events = sorted((state.events[e] for e in storyline.children), key=when)
        stories.extend(make_story(e, state.surface) for e in events)
    return tuple(stories)
