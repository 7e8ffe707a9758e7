"""Read CAT XML documents (MEANTIME: tokens with standoff TIMEX3 markables) as text and spans."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from storyline.extract.dates import Timex
from storyline.extract.timeml import TimemlDocument

# Tokens that attach to the previous token when the tokenized text is joined back together.
NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "'s", "n't", "'", "%", "'re"})
NO_SPACE_AFTER = frozenset({"(", "[", "$", "``"})


def read_cat(xml: str) -> TimemlDocument:
    """Return the detokenized text of a CAT XML document, its creation date and TIMEX3 spans.

    Sentences become lines. The creation-time TIMEX3 is kept among the spans when it anchors
    tokens of the text (MEANTIME's date line), since a tagger should find it there.
    """
    root = ElementTree.fromstring(xml)
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    length = 0
    previous_sentence, previous_token = None, ""
    for token in root.iter("token"):
        word = token.text or ""
        sentence = token.get("sentence")
        if previous_sentence is not None:
            if sentence != previous_sentence:
                separator = "\n"
            elif word in NO_SPACE_BEFORE or previous_token in NO_SPACE_AFTER:
                separator = ""
            else:
                separator = " "
            parts.append(separator)
            length += len(separator)
        offsets[token.get("t_id", "")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
        previous_sentence, previous_token = sentence, word
    text = "".join(parts)
    timexes: list[Timex] = []
    dct: date | None = None
    for timex in root.iter("TIMEX3"):
        value = timex.get("value", "")
        if timex.get("functionInDocument") == "CREATION_TIME" and len(value) >= 10:
            dct = date(int(value[:4]), int(value[5:7]), int(value[8:10]))
        spans = [offsets[a.get("t_id", "")] for a in timex.iter("token_anchor")]
        if spans:
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            timexes.append(Timex(start, end, text[start:end], timex.get("type", ""), value))
    timexes.sort(key=lambda t: t.start)
    return TimemlDocument(text, dct, tuple(timexes))
