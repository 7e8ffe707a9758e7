"""Speech apart from stances: which attributions a journalist calls a quotation.

An attribution is `speech` when its cue is a verb of communication (said, told, wrote,
announced, tweeted), "according to" or a signing dash, or when it reports quoted words
(a "Source: words" line only then); it is `other` when it reports a belief, plan,
wish, perception or stance ("expects", "wants", "saw", "decided", "Trump's support for
..."), whatever the cue.
"""

from __future__ import annotations

from storyline.model import QuoteKind, QuoteType
from storyline.quotes._lexicon import IRREGULAR, inflect, word_set
from storyline.quotes._marks import QuoteIndex

# Verbs whose subject said or wrote something (after Levin's say, tell and
# manner-of-speaking classes, with the reporting verbs of news prose). Not "predict",
# "promise", "urge" or "call": what they report is a plan or a stance unless quoted.
SPEECH_LEMMAS = word_set(
    """
    say tell add state note claim argue insist explain write announce report declare ask
    reply respond answer acknowledge admit deny confirm recall concede contend assert tweet
    post comment remark mention stress emphasize emphasise warn testify joke quip shout yell
    scream whisper boast brag complain repeat reiterate recount continue conclude counter
    retort observe inform assure disclose divulge reveal allege charge lament proclaim
    remind email text speak talk clarify specify
    """
)
SPEECH_FORMS = frozenset(
    form for lemma in SPEECH_LEMMAS for form in inflect(lemma) | set(IRREGULAR.get(lemma, ()))
)
# Cues that are not verbs but attribute words as said or written.
SPEECH_CUES = frozenset({"according to", "—"})
QUOTE_MARKS = frozenset('"“”‘’')


def is_speech_cue(cue: str) -> bool:
    """Tell whether a cue reports speech: a verb of communication, "according to", a dash."""
    return cue.lower() in SPEECH_CUES or cue.lower() in SPEECH_FORMS


def quote_type(cue: str, kind: QuoteKind, start: int, end: int, spans: QuoteIndex) -> QuoteType:
    """Return `speech` for said, written or quoted words, `other` for a belief or stance.

    A mixed statement counts as quoted when it opens or closes with the quoted words
    ("called the plan “a disaster for families”"); a scare-quoted phrase inside a stance
    ("wants a “big, beautiful” wall") does not make it speech.
    """
    if kind == "direct" or is_speech_cue(cue):
        return "speech"
    if cue == ":":
        # A "Source: words" line is speech only when it quotes: "Clinton: ‘I support D.C.
        # statehood’" (single marks too, which headlines use), not "Lynch: No outside
        # influence on the probe", the headline's paraphrase, nor a transcript's "Q:".
        edges = spans.text[max(0, start - 2) : start + 2] + spans.text[end - 2 : end + 2]
        return "speech" if QUOTE_MARKS & set(edges) else "other"
    if kind == "mixed":
        touched = spans.overlapping(start, end)
        if touched and (touched[0].start <= start or touched[-1].end >= end):
            return "speech"
    return "other"
