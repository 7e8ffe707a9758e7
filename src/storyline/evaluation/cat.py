"""Read CAT XML documents (MEANTIME: tokens with standoff TIMEX3 markables) as text and spans."""

from __future__ import annotations

import re
from datetime import date
from xml.etree import ElementTree

from storyline.dates.timex import Timex
from storyline.evaluation.timeml import TimemlDocument

# Tokens that attach to the previous token when the tokenized text is joined back together.
NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "'s", "n't", "'", "%", "'re"})
NO_SPACE_AFTER = frozenset({"(", "[", "$", "``"})


def parse_dct(value: str) -> date | None:
    """Return the date of a creation-time value, YYYY-MM-DD (or one file's DD-MM-YYYY)."""
    found = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    if found:
        return date(int(found[1]), int(found[2]), int(found[3]))
    found = re.match(r"(\d\d)-(\d\d)-(\d{4})$", value)
    return date(int(found[3]), int(found[2]), int(found[1])) if found else None


def read_cat(xml: str) -> TimemlDocument:
    """Return the detokenized text of a CAT XML document, its creation date and TIMEX3 spans.

    Sentences become lines; the text stops after the last sentence with any annotation. The
    creation-time TIMEX3 is kept among the spans when it anchors tokens of the text
    (MEANTIME's date line), since a tagger should find it there.
    """
    root = ElementTree.fromstring(xml)
    # MEANTIME annotates only the first sentences (title, date line, four more): score only those.
    sentence_of = {t.get("t_id", ""): int(t.get("sentence", "0")) for t in root.iter("token")}
    annotated = [sentence_of.get(a.get("t_id", ""), 0) for a in root.iter("token_anchor")]
    last_sentence = max(annotated, default=max(sentence_of.values(), default=0))
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    length = 0
    previous_sentence, previous_token = None, ""
    for token in root.iter("token"):
        word = token.text or ""
        sentence = token.get("sentence")
        if int(sentence or "0") > last_sentence:
            break
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
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = parse_dct(value) or dct
        spans = [offsets[a.get("t_id", "")] for a in timex.iter("token_anchor")]
        if spans:
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            timexes.append(Timex(start, end, text[start:end], timex.get("type", ""), value))
    timexes.sort(key=lambda t: t.start)
    return TimemlDocument(text, dct, tuple(timexes))
