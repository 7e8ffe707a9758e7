"""A story's title: the headline of its most representative article, cleaned of page debris.

Readers expect a headline, as news aggregators show one, not a list of keywords. The
representative article is the one whose headline shares the most words with the others';
the keywords stay on the story as `keywords`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from storyline.model import Article, Story
from storyline.stories.text import STOPWORDS

# "Oil spill reaches coast - BBC News", "… | Reuters", "… — The Guardian": a site name after
# a separator. Only a short last part is dropped, so "Obama: BP must pay - in full" survives.
SITE_SUFFIX = re.compile(r"\s+(?:[|–—]|-{1,2}|::)\s+([^|–—]{2,40})$")
MAX_SITE_WORDS = 4
# Plain-text files often run the headline into the standfirst or the first sentence:
# "Robot vessels used to cap Gulf of Mexico oil leak The US Coast Guard has described ...".
# A sentence-opening word after a lower-case word, with no punctuation between, is the seam.
RUN_ON = re.compile(
    r"(?<=[a-z0-9%'’)])\s+(?=(?:The|A|An|There|This|These|It|Its|In|On|At|He|She|They|We|"
    r"But|As|After|When|While|Officials|Mr|Mrs|Ms)\s)"
)
MIN_HEADLINE_WORDS = 4  # a seam earlier than this is more likely a name ("Meet The Press")
MAX_HEADLINE_WORDS = 20  # longer "headlines" are a first paragraph given as a title
WORD = re.compile(r"[^\W_]+")
# Not headlines: a byline ("By Finlo Rohrer BBC News"), a blog stamp ("Ben Sutherland | 09:43
# UK time, ..."), a programme note ("The latest five minute news bulletin ...").
NOT_HEADLINE = re.compile(
    r"^(?:By\s|Posted\s|Updated\s|Published\s)|\b\d{1,2}:\d{2}\b|\bbulletin\b", re.IGNORECASE
)


def clean_headline(title: str, *, sources: Iterable[str] = ()) -> str:
    """Return `title` without a trailing site name, run-on text or a cut-off ellipsis."""
    # Tokenized text ("Gulf spill : BP 's neck") reads as written ("Gulf spill: BP's neck").
    title = re.sub(r"\s+([,.:;?!]|'s\b|n't\b)", r"\1", title.strip())
    suffix = SITE_SUFFIX.search(title)
    known = {s.lower() for s in sources if s}
    if suffix and (
        len(suffix[1].split()) <= MAX_SITE_WORDS
        and (suffix[1].lower() in known or _looks_like_site(suffix[1]))
    ):
        title = title[: suffix.start()]
    for seam in RUN_ON.finditer(title):
        if len(title[: seam.start()].split()) >= MIN_HEADLINE_WORDS:
            title = title[: seam.start()]
            break
    words = title.rstrip(" …").split()
    if len(words) > MAX_HEADLINE_WORDS:
        words = words[:MAX_HEADLINE_WORDS]
        return " ".join(words).rstrip(",;:") + " …"
    return " ".join(words).rstrip(",;:")


def _looks_like_site(part: str) -> bool:
    """Tell whether the last part of a title names a site: capitalized words or a domain."""
    if "." in part and " " not in part:
        return True  # "nytimes.com"
    return all(w[:1].isupper() or w.lower() in {"the", "of", "and", "news"} for w in part.split())


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in WORD.findall(text) if w.lower() not in STOPWORDS)


def pick_headline(headlines: Sequence[str]) -> str:
    """Return the most representative of `headlines`: the one sharing most words with the rest.

    Each headline scores the summed overlap of its content words with every other one,
    normalized by its own length so that long run-on titles do not win by size. Ties go to the
    earlier headline (members come earliest first), so the result does not depend on order.
    """
    usable = [h for h in headlines if len(h.split()) >= 2 and not NOT_HEADLINE.search(h)]
    usable = usable or [h for h in headlines if len(h.split()) >= 2]
    if not usable:
        return ""
    words = [_content_words(h) for h in usable]
    counts: Counter[str] = Counter(w for ws in words for w in ws)

    def score(i: int) -> float:
        own = words[i]
        if not own:
            return 0.0
        shared = sum(counts[w] - 1 for w in own)
        whole = 0.0 if usable[i].endswith("…") else 0.5  # prefer a headline not cut off
        return shared / math.sqrt(len(own)) + whole

    best = max(range(len(usable)), key=lambda i: (score(i), -i))
    return usable[best]


def headline_stories(stories: Iterable[Story], articles: Mapping[str, Article]) -> list[Story]:
    """Return `stories` titled by their representative headline; keywords kept apart."""
    titled = []
    for story in stories:
        members = [articles[a] for a in story.articles if a in articles]
        sources = {a.source for a in members}
        headline = pick_headline([clean_headline(a.title, sources=sources) for a in members])
        keywords = story.keywords or story.title
        titled.append(replace(story, title=headline or keywords, keywords=keywords))
    return titled
