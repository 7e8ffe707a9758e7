"""Attributions no cue word gives: "Source: claim" lines, and quoted passages no cue took."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.nlp import doc_text
from storyline.quotes._found import Found, is_statement, starts_sentence
from storyline.quotes._lexicon import CUE_FORMS, word_set
from storyline.quotes._marks import QuoteIndex, snap
from storyline.quotes._sources import colon_speaker, dash_speaker, speaker_of, subtree_range

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# "Graham: Trump's rhetoric destroying GOP's chance": a headline attributing a claim by colon.
HEADLINE_COLON = re.compile(r"^([A-Z][^\s:.!?,;]*(?: [^\s:.!?,;]+){0,4}): (\S[^\n]*)$", re.M)


# Line openings that introduce an explanation rather than name a source ("Here's the thing:").
NOT_SOURCES = word_set(
    """
    the here now but so still follow and or it this that there what why how when update
    editor note watch read see
    """
)


def find_headlines(text: str, spans: QuoteIndex, min_words: int) -> list[Found]:
    """Return the attributions written as "Source: claim" at the start of a line."""
    found = []
    for m in HEADLINE_COLON.finditer(text):
        source = m[1]
        if source.split()[0].lower().strip("’'s") in NOT_SOURCES or spans.containing(m.start()):
            continue
        start, end, kind = snap(spans, m.start(2), m.end(2))
        if len(text[start:end].split()) >= min_words:
            found.append(Found(start, end, kind, ":", (m.start(1), m.end(1)), cue_at=m.end(1)))
    return found


def find_orphans(doc: Doc, spans: QuoteIndex, found: list[Found], min_words: int) -> list[Found]:
    """Return quotations no cue introduced: continuations, or passages in an attributed sentence.

    A quotation standing as its own sentence continues the previous quotation's speaker; one
    inside a sentence whose cue introduced other words shares that cue and speaker.
    """
    text = spans.text
    taken = [(f.start, f.end) for f in found]
    sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
    extra = []
    for s in spans.spans:
        if any(a < s.end and s.start < b for a, b in taken):
            continue
        if not is_statement(text, s, min_words):
            continue
        introducer = colon_speaker(doc, s.outer_start)
        if introducer is not None:
            extra.append(Found(s.start, s.end, "direct", ":", introducer, cue_at=s.outer_start))
            continue
        signed = dash_speaker(doc, s.outer_end)
        if signed is not None:
            extra.append(Found(s.start, s.end, "direct", "—", signed, cue_at=s.outer_end))
            continue
        if starts_sentence(text, s.outer_start):
            cue = _bare_cue_before(doc, spans, s.outer_start)
            if cue is not None:
                speaker = speaker_of(cue, spans)
                extra.append(Found(s.start, s.end, "direct", cue.text, speaker, cue_at=cue.idx))
                continue
            extra.append(Found(s.start, s.end, "direct", follows=True))
            continue
        sent = next(((a, b) for a, b in sentences if a <= s.start < b), (s.start, s.end))
        cues = [f for f in found if sent[0] <= f.cue_at < sent[1]]
        if cues:
            near = min(cues, key=lambda f: abs(f.cue_at - s.start))
            extra.append(
                Found(s.start, s.end, "direct", near.cue, near.speaker, cue_at=near.cue_at)
            )
    return extra


def _bare_cue_before(doc: Doc, spans: QuoteIndex, pos: int) -> Token | None:
    """Return the speech verb of the sentence just before `pos` if it says nothing itself.

    "Lee agreed. “Voters are tired of waiting.”": the verb introduces the next quotation.
    """
    text = doc_text(doc)
    end = len(text[:pos].rstrip())
    # Only the last token before `pos` matters: a span from the start would cost the article.
    before = doc.char_span(max(0, end - 1), end, alignment_mode="expand")
    if end == 0 or before is None or not len(before) or "\n" in text[before.end_char : pos]:
        return None
    sent = before[-1].sent
    root = sent.root
    said_nothing = not any(c.dep_ in {"ccomp", "dobj", "xcomp", "parataxis"} for c in root.children)
    if root.lower_ not in CUE_FORMS or not said_nothing or spans.overlapping(*subtree_range(root)):
        return None
    return root
