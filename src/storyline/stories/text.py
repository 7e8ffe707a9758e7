"""Article text to the terms and names that story clustering compares."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from storyline.entities.words import ROLE_NOUNS
from storyline.errors import MissingExtraError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
WORDS = re.compile(r"[^\W\d_]{2,}")  # letters only, so "Russia's" gives "russia" and "s"
# Languages written without spaces between words: character bigrams stand for words.
SPACELESS = frozenset({"zh", "ja", "th"})
# A name: capitalized words (or acronyms), possibly joined by a lower-case particle.
NAME = re.compile(
    r"\b(?:[A-Z][\w’'.-]*\w)(?:[ \t]+(?:(?:de|la|van|von|al|bin|da|del)[ \t]+)?"
    r"[A-Z][\w’'.-]*\w)*"
)
SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”‘’]\s*|\n\s*)$")
POSSESSIVE = re.compile(r"['’]s$")


# Snowball's names for the languages it stems; any other language is only lowercased.
def _words(text: str) -> frozenset[str]:
    """Return the set of whitespace-separated words of a word list written as text."""
    return frozenset(text.split())


STEMMERS = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "es": "spanish", "eu": "basque", "fi": "finnish",
    "fr": "french", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian",
    "it": "italian", "lt": "lithuanian", "nl": "dutch", "no": "norwegian", "pl": "polish",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "sv": "swedish",
    "ta": "tamil", "tr": "turkish",
}  # fmt: skip
# English words too common in news to tell stories apart; IDF handles the rest, and other
# languages, but these would otherwise crowd the few features kept per article.
STOPWORDS = _words(
    """a about above after again against all also an and any are as at be because been before
    being between both but by can could did do does doing down during each few for from further
    had has have having he her here hers him his how i if in into is it its itself just me more
    most my no nor not now of off on once only or other our ours out over own same she should so
    some such than that the their theirs them then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you
    your said says say told would could may might must shall one two three new last first year
    years week weeks day days time percent mr mrs ms per cent according including since yet
    still however although though well back like many much even get got make made us"""
)
# Capitalized words that start sentences or name dates rather than people, places or groups.
NOT_NAMES = _words(
    """the a an in on at as it its he she they we i this that these those but and or if when
    while after before for from with by to of his her their our my there here what who why how
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december mr mrs ms dr president minister
    secretary gmt utc bst cet cest est edt cst cdt mst mdt pst pdt"""
)  # time zones too: "Page last updated at 10:27 GMT" and "EDT WASHINGTON" name no one


@lru_cache(maxsize=64)
def _stemmer(language: str) -> Callable[[str], str] | None:
    """Return a memoized word stemmer for an ISO 639-1 code, or None when Snowball lacks one."""
    name = STEMMERS.get(language)
    if name is None:
        return None
    try:
        import snowballstemmer  # type: ignore[import-untyped]
    except ImportError as err:
        raise MissingExtraError(
            "story clustering stems words with snowballstemmer: pip install snowballstemmer"
        ) from err
    stem_word = snowballstemmer.stemmer(name).stemWord
    memo: dict[str, str] = {}

    def stem(word: str) -> str:
        found = memo.get(word)
        if found is None:
            found = memo[word] = stem_word(word)
        return found

    return stem


def find_terms(text: str, language: str | None = "en") -> Iterator[str]:
    """Yield the stemmed content words of `text`, in order, stopwords dropped.

    Lazily, so that counting the terms of a long text never holds a list of its words.
    """
    language = language or "en"
    words = (m[0] for m in WORDS.finditer(text.lower()))
    if language in SPACELESS:
        yield from (b for w in words for b in (w[i : i + 2] for i in range(max(1, len(w) - 1))))
        return
    stem = _stemmer(language)
    kept = (w for w in words if w not in STOPWORDS)
    yield from (map(stem, kept) if stem else kept)


def fold_name_word(word: str) -> str:
    """Return a name word lowercased with common transliteration variants folded.

    "Sergey"/"Sergei" and "Zelensky"/"Zelenskiy" fold to the same key.
    """
    key = POSSESSIVE.sub("", word.lower()).strip(".")
    if key.endswith("iy") and len(key) > 4:
        key = key[:-1]
    if key.endswith("y") and len(key) > 3:
        key = key[:-1] + "i"
    return key


def find_names(text: str) -> list[str]:
    """Return the capitalized name sequences of `text` that look like names, in order.

    A single capitalized word that only ever starts a sentence is taken for an ordinary
    word and dropped; leading articles and titles are trimmed.
    """
    return [name for name, _ in find_names_at(text)]


def find_names_at(text: str) -> list[tuple[str, int]]:
    """Return each name `find_names` gives with the offset in `text` where it starts."""
    found: list[tuple[str, int, bool]] = []
    for match in NAME.finditer(text):
        starts = bool(SENTENCE_START.search(text[max(0, match.start() - 3) : match.start()]))
        cursor = 0  # in the match: where the next name's words are looked for
        for words in _split_roles(match[0].split()):
            while words and words[0].lower().strip(".") in NOT_NAMES:
                words = words[1:]
            if words:
                at = match[0].find(words[0], cursor)
                cursor = at
                for word in words:  # past the whole name: a next name may repeat its letters
                    cursor = match[0].find(word, cursor) + len(word)
                name = POSSESSIVE.sub("", " ".join(words))
                found.append((name, match.start() + at, starts and len(words) == 1))
                starts = False
    inside = {name for name, _, first in found if not first}
    return [(name, at) for name, at, first in found if not first or name in inside]


def name_keys(name: str) -> list[str]:
    """Return the folded words of a name that identify it: "Sergei Lavrov" -> sergei, lavrov."""
    words = [fold_name_word(w) for w in name.replace("-", " ").split()]
    return [w for w in words if len(w) > 1 and w not in NOT_NAMES and w not in STOPWORDS]


def _split_roles(words: list[str]) -> list[list[str]]:
    """Split a capitalized run at role nouns: "Nimbus Ledger CEO Dana Whitcombe" -> two names.

    A role noun between capitalized words almost always ends an organization or a title
    and starts a person ("Valdorian Trade Minister Helena Marsh").
    """
    parts: list[list[str]] = [[]]
    for word in words:
        if word.lower().strip(".") in ROLE_NOUNS:
            parts.append([])
        else:
            parts[-1].append(word)
    return [p for p in parts if p]
