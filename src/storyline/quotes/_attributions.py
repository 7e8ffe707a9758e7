"""Where an article attributes something: cue words, their content and source, quoted passages.

The parse gives candidates; `find_attributions` returns them as `Found` records, before
statements are assembled and speakers resolved (`extract.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from storyline.model import QuoteKind
from storyline.quotes._found import Found, is_statement, starts_sentence
from storyline.quotes._frames import (
    ADDRESSEE_LEMMAS,
    CLAUSE_ONLY,
    NOT_CLAUSE_HEADS,
    NOT_CUES,
    NOUN_CUES,
    complement,
    cue_lemma,
    is_passive,
    prep_object,
    raising_subject,
)
from storyline.quotes._lexicon import CUE_FORMS, word_set
from storyline.quotes._marks import EDGE, QuotedSpan, QuoteIndex, snap
from storyline.quotes._sources import (
    according_source,
    agent,
    speaker_of,
    speaker_range,
    subtree_range,
    unquoted,
)
from storyline.quotes._unclaimed import find_headlines, find_orphans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Dependency labels a speech verb carries when it heads a clause (not "the said document").
VERBAL_DEPS = frozenset(
    {"ROOT", "ccomp", "conj", "advcl", "xcomp", "parataxis", "relcl", "pcomp", "acl", "dep"}
)
VERB_CHILDREN = frozenset(
    {"nsubj", "nsubjpass", "aux", "auxpass", "dobj", "ccomp", "xcomp", "neg", "oprd", "dative"}
)
CONTENT_DEPS = frozenset({"ccomp", "parataxis"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Words before a mid-sentence "according to X" that only set the scene ("About 10 p.m.,"):
# the statement runs on after the source.
MAX_LEAD_WORDS = 4
# Sources of findings introduced by "in": "In the latest Post-ABC poll, Clinton led ...".
POLL_NOUNS = word_set("poll polls survey surveys study studies census tally average")
# Plain verbs of saying, the only ones that close a reported sentence: "..., said X."
SAY_FORMS = word_set("said says say added adds noted notes wrote writes argued argues")
# Fewest words before ", said X" to read as a reported clause, not a scene ("In Paris, ...").
MIN_REPORTED_WORDS = 6
# Prepositions that say when, not what: "talked about it for so long", "until October".
TIME_PREPS = frozenset({"until", "after", "before", "during", "since"})


def _clamped(spans: QuoteIndex, heads: Sequence[Token], cue: Token) -> tuple[int, int, QuoteKind]:
    """Return the snapped range of content subtrees; a reported clause stays in its sentence."""
    ranges = [subtree_range(h) for h in heads]
    start, end, kind = snap(spans, min(r[0] for r in ranges), max(r[1] for r in ranges))
    if kind == "indirect":
        start, end = max(start, cue.sent.start_char), min(end, cue.sent.end_char)
    return start, end, kind


def _content(
    cue: Token, spans: QuoteIndex, speaker: tuple[int, int] | None, min_words: int
) -> tuple[int, int, QuoteKind] | None:
    """Return the content a cue introduces: its clause, an adjacent quotation, or its object."""
    speech = cue.lower_ in CUE_FORMS
    clauses = [c for c in cue.children if c.dep_ in CONTENT_DEPS and not _cut_off(c, cue)]
    if clauses:
        # Two quoted clauses are one statement split around its cue: "“A,” he said, “B.”"
        parts = [_clamped(spans, [c], cue) for c in clauses]
        if len(parts) > 1 and all(p[2] == "direct" for p in parts):
            return min(p[0] for p in parts), max(p[1] for p in parts), "direct"
        return max(parts, key=lambda p: p[1] - p[0])
    left = min(cue.idx, speaker[0]) if speaker else cue.idx
    right = max(cue.idx + len(cue.text), speaker[1]) if speaker else cue.idx + len(cue.text)
    near = spans.before(left) or spans.after(right) if speech else None
    # "“... underestimated.” Rivals have criticized Lee": a closed sentence before a cue with
    # an object of its own is not what the cue reports.
    closed = near is not None and near.end <= left and spans.text[near.end - 1] == "."
    if closed and any(c.dep_ in {"dobj", "ccomp", "xcomp"} and c.i > cue.i for c in cue.children):
        near = spans.after(right)
    if near is not None and (
        is_statement(spans.text, near, min_words)
        or _is_spoken_line(spans.text, near, left)
        or _is_said_line(spans.text, near, right)
    ):
        end = near.end
        if near.end <= left:  # "“A,” he said, “B.”": one statement split around its cue
            resumed = spans.after(right)
            if resumed is not None and resumed.start > right:
                end = resumed.end
        return near.start, end, "direct"
    if speech and _is_parenthetical(cue):
        # "In the long run, many economists say, costs will rise": the sentence around it.
        return _clamped(spans, [cue.head], cue)
    heads = complement(cue) if cue_lemma(cue) not in CLAUSE_ONLY else []
    if heads:
        if all(h.dep_ in {"dobj", "oprd", "pobj", "pcomp"} for h in heads):
            # What follows the object belongs to the stance: "defended the plan despite
            # criticism", "pointed to the council as the main obstacle".
            last = max(h.i for h in heads)
            heads += [
                c
                for c in cue.children
                if c.dep_ == "prep" and c.i > last and c.lower_ not in TIME_PREPS
            ]
        start, end, kind = _clamped(spans, heads, cue)
        if speech and spans.text[start:end].lower() == "that" and end < cue.sent.end_char:
            # "said in an interview that X": the parser left the complementizer as an object
            # and hung the clause elsewhere; the clause runs to the end of the sentence.
            return snap(spans, start, cue.sent.end_char)
        return start, end, kind
    sent_end = cue.sent.end_char
    inner = [s for s in spans.overlapping(*subtree_range(cue)) if right < s.start < sent_end]
    if speech and inner and is_statement(spans.text, inner[0], min_words):
        return inner[0].start, inner[0].end, "direct"
    if cue.lower_ in SAY_FORMS:
        return _before_comma(cue, spans, left)
    return None


def _before_comma(cue: Token, spans: QuoteIndex, left: int) -> tuple[int, int, QuoteKind] | None:
    """Return the sentence before ", said X" when the parse gave the cue no content.

    "The treaty signals the end for the EU, said Geert Wilders": a misparse often makes the
    reported clause the verb's subject, but the words before the comma are what was said.
    """
    sent_start = cue.sent.start_char
    before = spans.text[sent_start:left].rstrip()
    if not before.endswith(",") or len(before.split()) < MIN_REPORTED_WORDS:
        return None
    if spans.text[cue.right_edge.idx + len(cue.right_edge.text) : cue.sent.end_char].strip(EDGE):
        return None  # the cue does not close its sentence: something else follows it
    return snap(spans, sent_start, len(before) + sent_start - 1)


def _cut_off(clause: Token, cue: Token) -> bool:
    """Tell whether a clause before its cue ends at a colon or semicolon: a sentence of its own.

    "Trump cites the crowds as an example: he says outlets undercount them": the parser makes
    the first clause a complement of "says", but the colon closes it.
    """
    end = clause.right_edge.i
    return end < cue.i and any(t.text in {":", ";"} for t in cue.doc[end + 1 : cue.i])


def _is_parenthetical(cue: Token) -> bool:
    """Tell whether a speech cue is set off by commas inside the clause it attributes."""
    if cue.dep_ != "parataxis":
        return False
    # From the subject to the cue's last word: a scene-setting phrase the parser hangs on
    # the cue ("At times, aides said, ...") comes before the opening comma.
    subject = next((c for c in cue.children if c.dep_ in SUBJECT_DEPS), cue)
    words = [t.i for t in cue.subtree if not t.is_punct and t.i >= subject.left_edge.i]
    first, last = min(words), max(words)
    # The parser may hang the commas on the cue or on the clause: look at the text.
    return (
        first > cue.sent.start
        and last + 1 < cue.sent.end
        and (cue.doc[first - 1].text == cue.doc[last + 1].text == ",")
    )


def _is_spoken_line(text: str, span: QuotedSpan, cue_at: int) -> bool:
    """Tell whether a short quotation is a line of speech: “It's mind-boggling,” Lee said.

    Opening its sentence and closed by a comma, "?" or "!" inside the marks before its cue,
    it is a statement however short, unlike a scare-quoted phrase inside a sentence.
    """
    quoted = text[span.start : span.end].rstrip()
    return (
        span.outer_end <= cue_at
        and quoted[-1:] in {",", "?", "!"}
        and starts_sentence(text, span.outer_start)
    )


def _is_said_line(text: str, span: QuotedSpan, cue_end: int) -> bool:
    """Tell whether a short quotation after its cue closes the sentence: he said, “Probably.”

    After a comma or colon and ending its sentence, it is what was said however short,
    unlike a scare-quoted phrase the sentence runs on past.
    """
    if span.outer_start < cue_end:
        return False
    quoted = text[span.start : span.end].rstrip()
    rest = text[span.outer_end : span.outer_end + 3].lstrip(".!?")
    return quoted[-1:] in {".", "?", "!"} or (
        text[span.outer_end : span.outer_end + 1] in {".", "?", "!"}
        and (not rest or rest[0].isspace())
    )


def _raised(cue: Token, subject: Token, spans: QuoteIndex) -> Found | None:
    """Return the content of "X is expected to ...": the subject through the infinitive."""
    xcomp = next(c for c in cue.children if c.dep_ in {"xcomp", "acomp", "attr"})
    start = subtree_range(subject)[0]
    end = subtree_range(xcomp)[1]
    s, e, kind = snap(spans, start, end)
    if e <= s:
        return None
    return Found(s, e, kind, cue.text, agent(cue), cue_at=cue.idx)


def _said_passive(cue: Token, spans: QuoteIndex) -> Found | None:
    """Return what a passive verb of saying reports: its subject ("the move was reported").

    A verb that takes whom it addresses ("he was asked about X") reports its complement
    instead. Other passive verbs ("the bill was passed") attribute nothing.
    """
    if cue.lower_ not in CUE_FORMS:
        return None
    if cue_lemma(cue) in ADDRESSEE_LEMMAS:
        heads = complement(cue)
        if not heads:
            return None
        start, end, kind = _clamped(spans, heads, cue)
    else:
        subject = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
        if subject is None or subject.lower_ in {"it", "there"}:
            return None  # "it was reported that ..." has its clause; "it" says nothing
        start, end = subtree_range(subject)
        # "Sanders was announced the winner": the predicate belongs to what was announced.
        predicates = [c for c in cue.children if c.dep_ in {"oprd", "attr", "xcomp"}]
        if predicates:
            end = max(end, *(subtree_range(c)[1] for c in predicates))
        start, end, kind = snap(spans, start, end)
    if end <= start:
        return None
    return Found(start, end, kind, cue.text, agent(cue), cue_at=cue.idx)


def _according(token: Token, spans: QuoteIndex) -> Found | None:
    """Return the statement attributed by "according to X" at `token`: the rest of its sentence."""
    source = according_source(token)
    if source is None or spans.containing(token.idx) is not None:
        return None
    sent = token.sent
    sent_start, sent_end = sent.start_char, sent.end_char
    lead = spans.text[sent_start : token.idx].strip(EDGE)
    rest = spans.text[source[1] : sent_end].strip(EDGE)
    if lead and rest and len(lead.split()) <= MAX_LEAD_WORDS:
        start, end = sent_start, sent_end  # "Now, according to X, some are swinging."
    elif lead:
        start, end = sent_start, token.idx  # "..., according to X."
    else:
        start, end = source[1], sent_end  # "According to X, ..."
    s, e, kind = snap(spans, start, end)
    if e <= s:
        return None
    return Found(s, e, kind, "according to", source, cue_at=token.idx)


def _in_poll(token: Token, spans: QuoteIndex) -> Found | None:
    """Return the finding a poll or survey is the source of: "In a Fox poll, Cruz had 38%".

    The source is the poll; the content is the clause the phrase hangs on, without it. A
    clause whose verb is itself a cue ("In the poll, voters said ...") speaks for itself.
    """
    poll = next((c for c in token.children if c.dep_ == "pobj"), None)
    clause = token.head
    if poll is None or poll.lower_ not in POLL_NOUNS or token.dep_ != "prep":
        return None
    if clause.dep_ not in VERBAL_DEPS or cue_lemma(clause) is not None:
        return None
    phrase = subtree_range(token)
    start, end = subtree_range(clause, skip=token)
    if phrase[0] > start:
        end = min(end, phrase[0])  # "Cruz had 38 percent support in a Fox poll"
    else:
        start = max(start, phrase[1])  # "In a Fox poll, Cruz had 38 percent support"
    start, end, kind = snap(spans, start, end)
    if len(spans.text[start:end].split()) < 3:
        return None
    source = unquoted((phrase[0] + len(token.text) + 1, phrase[1]), spans)
    return Found(start, end, kind, token.text, source, cue_at=token.idx)


def _noun_content(noun: Token) -> Token | None:
    """Return the head of what a noun cue is about: "criticism [of the deal]", "plan [to run]"."""
    after = [c for c in noun.children if c.i > noun.i]
    clause = next((c for c in after if c.dep_ in {"acl", "ccomp"}), None)
    obj = prep_object(after)
    return obj if obj is not None else clause


def _nominal(token: Token, spans: QuoteIndex) -> Found | None:
    """Return the stance a noun cue holds for its possessor: "Trump's criticism of the deal".

    The possessor is the source; the content is what the noun is about: the object of its
    preposition, its infinitive ("her decision to run") or its clause ("his claim that ...").
    """
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    head = _noun_content(token) if token.lower_ in NOUN_CUES else None
    if owner is None or head is None:
        return None
    start, end, kind = snap(spans, *subtree_range(head))
    if end <= start:
        return None
    speaker = unquoted(speaker_range(owner), spans)
    return Found(start, end, kind, token.text, speaker, cue_at=token.idx)


def _is_cue(token: Token) -> bool:
    """Tell whether a token may introduce an attribution: a cue word, or a head of a clause."""
    if token.lower_ in NOT_CUES:
        return False
    if token.lower_ in CUE_FORMS and any(c.dep_ in {"det", "poss"} for c in token.children):
        return False  # a noun: "his home state of Vermont", "a report"
    if token.lower_ in CUE_FORMS or raising_subject(token) is not None:
        return token.dep_ in VERBAL_DEPS
    if cue_lemma(token) is not None:
        # Stance words are often nouns ("support for X"); with no tagger, a verb shows itself
        # by its verbal dependents.
        verbal = token.lower_.endswith(("ed", "ing")) or any(
            c.dep_ in VERB_CHILDREN for c in token.children
        )
        return token.dep_ in VERBAL_DEPS and verbal
    # Any other predicate taking a reported clause attributes it ("it is obvious that ...").
    return token.lower_ not in NOT_CLAUSE_HEADS and any(c.dep_ == "ccomp" for c in token.children)


def _attributions(doc: Doc, spans: QuoteIndex, min_words: int) -> list[Found]:
    """Return the attributions introduced by a cue word or "according to"."""
    found = []
    for token in doc:
        if spans.containing(token.idx) is not None:
            continue  # speech inside a quotation belongs to the quoted speaker's story
        if token.i and doc[token.i - 1].text in {"<", "</"}:
            continue  # markup left in the text ("<tweet author=...>"), not a word
        if token.lower_ == "according":
            f = _according(token, spans)
            if f is not None:
                found.append(f)
            continue
        if token.lower_ == "in":
            f = _in_poll(token, spans)
            if f is not None:
                found.append(f)
            continue
        if token.dep_ not in VERBAL_DEPS:
            f = _nominal(token, spans)
            if f is not None:
                found.append(f)
                continue
        if not _is_cue(token):
            continue
        subject = raising_subject(token)
        if subject is not None:
            raised = _raised(token, subject, spans)
            if raised is not None:
                found.append(raised)
            continue
        passive = is_passive(token)
        if passive and not any(c.dep_ == "ccomp" for c in token.children):
            # "The move was first reported by MSNBC": the subject is what was said, and the
            # agent, if any, said it; "was asked about X" asks X of the subject.
            said = _said_passive(token, spans)
            if said is not None:
                found.append(said)
            continue
        speaker = agent(token) if passive else speaker_of(token, spans)
        content = _content(token, spans, speaker, min_words)
        if content is None or content[1] <= content[0]:
            continue
        short = len(spans.text[content[0] : content[1]].split()) < min_words
        quoted = spans.containing(content[0])
        spoken = quoted is not None and (
            _is_spoken_line(spans.text, quoted, token.idx)
            or _is_said_line(spans.text, quoted, token.idx + len(token.text))
        )
        if content[2] == "direct" and short and not spoken:
            continue  # a scare-quoted phrase ("troop buildup") is not a quotation
        # A speaker inside an indirect content is a misparse, except around a parenthetical
        # cue, whose clause encloses it ("Costs, she said, will rise").
        inside = content[0] <= speaker[0] < content[1] if speaker else False
        inside = inside and not (token.lower_ in CUE_FORMS and _is_parenthetical(token))
        if speaker is not None:
            # The parse put the speaker inside quoted words: do not trust it.
            speaker = None if inside and content[2] != "direct" else unquoted(speaker, spans)
        found.append(Found(*content, cue=token.text, speaker=speaker, cue_at=token.idx))
    return found


def _dedupe(found: list[Found]) -> list[Found]:
    """Keep one attribution per content range: the one with a speaker."""
    best: dict[tuple[int, int], Found] = {}
    for f in found:
        key = (f.start, f.end)
        if key not in best or (best[key].speaker is None and f.speaker is not None):
            best[key] = f
    return list(best.values())


def find_attributions(doc: Doc, spans: QuoteIndex, min_words: int) -> list[Found]:
    """Return every attribution of a parsed article, in text order, before speakers resolve.

    Cue words and "according to", "Source: claim" lines, then the quoted passages no cue
    took (continuations, and passages in a sentence a cue attributes).
    """
    found = _dedupe(
        _attributions(doc, spans, min_words) + find_headlines(spans.text, spans, min_words)
    )
    return sorted(found + find_orphans(doc, spans, found, min_words), key=lambda f: f.start)
