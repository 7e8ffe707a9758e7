"""A cheap first pass: the parts of an article that can hold an attribution, to parse.

Parsing is most of the cost of finding quotations, and most sentences of a news article
attribute nothing. A sentence is kept when it has a word the attribution rules can start
from (a speech, stance or raising verb form, a noun cue, "according", a poll noun, a
complementizer "that"), a quotation mark or a colon; each kept sentence brings the
sentences just before it in its paragraph, which speaker resolution reads ("he said" after
a sentence that names him). The rest of the text is never parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from storyline.quotes._frames import NOUN_CUES, RAISING_FORMS, STANCE_FORMS
from storyline.quotes._lexicon import CUE_FORMS

# Every word form the attribution rules test first; "in" poll sources need their noun.
TRIGGER_WORDS = frozenset(
    {*CUE_FORMS, *STANCE_FORMS, *RAISING_FORMS, *NOUN_CUES, "according", "that"}
    | {"poll", "polls", "survey", "surveys", "study", "studies", "census", "tally", "average"}
)
TRIGGER_MARKS = re.compile(r"[\"“”„‘:]")
WORD = re.compile(r"[A-Za-z]+")
# A sentence ends at . ! or ? (and any closing quotes or brackets) before a space, or at a
# line break. Abbreviations end "sentences" too early; that only makes the units smaller.
SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*[ \t]+|\n+")
CONTEXT_SENTENCES = 1  # sentences before a kept one, in its paragraph, kept with it


def split_sentences(text: str) -> Iterator[tuple[int, int, bool]]:
    """Yield (start, end, starts_paragraph) of the rough sentences of `text`, in order."""
    start, paragraph = 0, True
    for m in SENTENCE_END.finditer(text):
        if m.start() > start:
            yield start, m.start() + 1, paragraph
        paragraph = "\n" in m[0]
        start = m.end()
    if start < len(text):
        yield start, len(text), paragraph


def can_attribute(sentence: str) -> bool:
    """Tell whether a sentence has a word or mark an attribution could start from."""
    if TRIGGER_MARKS.search(sentence):
        return True
    return any(w.lower() in TRIGGER_WORDS for w in WORD.findall(sentence))


def select_windows(text: str, *, context: int = CONTEXT_SENTENCES) -> list[tuple[int, int]]:
    """Return the character ranges of `text` worth parsing, in order, not overlapping.

    Each range is whole rough sentences: those that can hold an attribution, each with up
    to `context` sentences before it in the same paragraph.
    """
    sentences = list(split_sentences(text))
    keep = [False] * len(sentences)
    for i, (start, end, _) in enumerate(sentences):
        if not can_attribute(text[start:end]):
            continue
        keep[i] = True
        j = i
        while j > 0 and i - j < context and not sentences[j][2]:
            j -= 1
            keep[j] = True
    windows: list[tuple[int, int]] = []
    for (start, end, _), kept in zip(sentences, keep, strict=True):
        if not kept:
            continue
        if windows and not text[windows[-1][1] : start].strip():
            windows[-1] = (windows[-1][0], end)  # adjacent: one window
        else:
            windows.append((start, end))
    return windows
