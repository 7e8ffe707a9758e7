"""Quotations in article bodies: direct, indirect and mixed, with their speakers."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from storyline.extract._frames import (
    CLAUSE_ONLY,
    CONTENT_PREPS,
    NOT_CLAUSE_HEADS,
    NOT_CUES,
    NOUN_CUES,
    complement,
    cue_lemma,
    is_passive,
    raising_subject,
)
from storyline.extract._gender import find_genders
from storyline.extract._lexicon import CUE_FORMS, word_set
from storyline.extract._marks import EDGE, QuotedSpan, QuoteIndex, find_quoted_spans, snap
from storyline.extract._nlp import DEFAULT_MODEL, load_pipeline
from storyline.extract._sources import (
    according_source,
    agent,
    colon_speaker,
    speaker_of,
    speaker_range,
    subtree_range,
    unquoted,
)
from storyline.extract.entities import Mention, entities_of, find_mentions
from storyline.extract.names import merge_entities
from storyline.extract.speakers import resolve_speaker
from storyline.model import Article, Entity, Quote, QuoteKind, Record

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

# Dependency labels a speech verb carries when it heads a clause (not "the said document").
VERBAL_DEPS = frozenset(
    {"ROOT", "ccomp", "conj", "advcl", "xcomp", "parataxis", "relcl", "pcomp", "acl", "dep"}
)
VERB_CHILDREN = frozenset(
    {"nsubj", "nsubjpass", "aux", "auxpass", "dobj", "ccomp", "xcomp", "neg", "oprd", "dative"}
)
CONTENT_DEPS = frozenset({"ccomp", "parataxis"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A continuation this close after a quotation resumes it ("..., he said. “..."): one statement.
MAX_CONTINUATION_GAP = 300
TITLE_SMALL_WORDS = frozenset({"the", "a", "an", "of", "and", "in", "on", "for", "to", "at", "by"})
MAX_TITLE_WORDS = 5  # "Meet the Press", "Sunday Morning Futures": not statements
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


@dataclass(frozen=True, slots=True)
class _Found:
    """A quotation before its speaker is resolved."""

    start: int
    end: int
    kind: QuoteKind
    cue: str = ""
    speaker: tuple[int, int] | None = None
    follows: bool = False  # a continuation that inherits the previous quotation's speaker
    cue_at: int = -1  # character position of the cue


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
        _is_statement(spans.text, near, min_words) or _is_spoken_line(spans.text, near, left)
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
        return _clamped(spans, heads, cue)
    sent_end = cue.sent.end_char
    inner = [s for s in spans.overlapping(*subtree_range(cue)) if right < s.start < sent_end]
    if speech and inner and _is_statement(spans.text, inner[0], min_words):
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
        and _starts_sentence(text, span.outer_start)
    )


def _is_statement(text: str, span: QuotedSpan, min_words: int) -> bool:
    """Tell a quoted statement from a scare-quoted phrase or a title ("Good Morning America")."""
    words = text[span.start : span.end].split()
    if len(words) < min_words:
        return False
    # Programme and book titles are short runs of capitalised words.
    return len(words) > MAX_TITLE_WORDS or not all(
        w[:1].isupper() or not w[:1].isalpha() or w in TITLE_SMALL_WORDS for w in words
    )


def _raised(cue: Token, subject: Token, spans: QuoteIndex) -> _Found | None:
    """Return the content of "X is expected to ...": the subject through the infinitive."""
    xcomp = next(c for c in cue.children if c.dep_ in {"xcomp", "acomp", "attr"})
    start = subtree_range(subject)[0]
    end = subtree_range(xcomp)[1]
    s, e, kind = snap(spans, start, end)
    if e <= s:
        return None
    return _Found(s, e, kind, cue.text, agent(cue), cue_at=cue.idx)


def _according(token: Token, spans: QuoteIndex) -> _Found | None:
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
    return _Found(s, e, kind, "according to", source, cue_at=token.idx)


def _in_poll(token: Token, spans: QuoteIndex) -> _Found | None:
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
    return _Found(start, end, kind, token.text, source, cue_at=token.idx)


def _noun_content(noun: Token) -> Token | None:
    """Return the head of what a noun cue is about: "criticism [of the deal]", "plan [to run]"."""
    heads = [
        g
        for c in noun.children
        if c.i > noun.i and c.dep_ == "prep" and c.lower_ in CONTENT_PREPS
        for g in c.children
        if g.dep_ in {"pobj", "pcomp"}
    ] or [c for c in noun.children if c.i > noun.i and c.dep_ in {"acl", "ccomp"}]
    return heads[0] if heads else None


def _nominal(token: Token, spans: QuoteIndex) -> _Found | None:
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
    return _Found(start, end, kind, token.text, speaker, cue_at=token.idx)


def _is_cue(token: Token) -> bool:
    """Tell whether a token may introduce an attribution: a cue word, or a head of a clause."""
    if token.lower_ in NOT_CUES:
        return False
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


def _attributions(doc: Doc, spans: QuoteIndex, min_words: int) -> list[_Found]:
    """Return the attributions introduced by a cue word or "according to"."""
    found = []
    for token in doc:
        if spans.containing(token.idx) is not None:
            continue  # speech inside a quotation belongs to the quoted speaker's story
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
            continue  # "details were not disclosed": the subject is what was said
        speaker = agent(token) if passive else speaker_of(token, spans)
        content = _content(token, spans, speaker, min_words)
        if content is None or content[1] <= content[0]:
            continue
        short = len(spans.text[content[0] : content[1]].split()) < min_words
        quoted = spans.containing(content[0])
        spoken = quoted is not None and _is_spoken_line(spans.text, quoted, token.idx)
        if content[2] == "direct" and short and not spoken:
            continue  # a scare-quoted phrase ("troop buildup") is not a quotation
        # A speaker inside an indirect content is a misparse, except around a parenthetical
        # cue, whose clause encloses it ("Costs, she said, will rise").
        inside = content[0] <= speaker[0] < content[1] if speaker else False
        inside = inside and not (token.lower_ in CUE_FORMS and _is_parenthetical(token))
        if speaker is not None:
            # The parse put the speaker inside quoted words: do not trust it.
            speaker = None if inside and content[2] != "direct" else unquoted(speaker, spans)
        found.append(_Found(*content, cue=token.text, speaker=speaker, cue_at=token.idx))
    return found


# "Graham: Trump's rhetoric destroying GOP's chance": a headline attributing a claim by colon.
HEADLINE_COLON = re.compile(r"^([A-Z][^\s:.!?,;]*(?: [^\s:.!?,;]+){0,4}): (\S[^\n]*)$", re.M)
# Line openings that introduce an explanation rather than name a source ("Here's the thing:").
NOT_SOURCES = word_set(
    """
    the here now but so still follow and or it this that there what why how when update
    editor note watch read see
    """
)


def _headlines(text: str, spans: QuoteIndex, min_words: int) -> list[_Found]:
    """Return the attributions written as "Source: claim" at the start of a line."""
    found = []
    for m in HEADLINE_COLON.finditer(text):
        source = m[1]
        if source.split()[0].lower().strip("’'s") in NOT_SOURCES or spans.containing(m.start()):
            continue
        start, end, kind = snap(spans, m.start(2), m.end(2))
        if len(text[start:end].split()) >= min_words:
            found.append(_Found(start, end, kind, ":", (m.start(1), m.end(1)), cue_at=m.end(1)))
    return found


def _starts_sentence(text: str, pos: int) -> bool:
    """Tell whether `pos` starts a paragraph or a sentence."""
    before = text[:pos].rstrip(" \t")
    return not before or before.endswith("\n") or before[-1] in '.!?:”"'


def _orphans(doc: Doc, spans: QuoteIndex, found: list[_Found], min_words: int) -> list[_Found]:
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
        if not _is_statement(text, s, min_words):
            continue
        introducer = colon_speaker(doc, s.outer_start)
        if introducer is not None:
            extra.append(_Found(s.start, s.end, "direct", ":", introducer, cue_at=s.outer_start))
            continue
        if _starts_sentence(text, s.outer_start):
            cue = _bare_cue_before(doc, spans, s.outer_start)
            if cue is not None:
                speaker = speaker_of(cue, spans)
                extra.append(_Found(s.start, s.end, "direct", cue.text, speaker, cue_at=cue.idx))
                continue
            extra.append(_Found(s.start, s.end, "direct", follows=True))
            continue
        sent = next(((a, b) for a, b in sentences if a <= s.start < b), (s.start, s.end))
        cues = [f for f in found if sent[0] <= f.cue_at < sent[1]]
        if cues:
            near = min(cues, key=lambda f: abs(f.cue_at - s.start))
            extra.append(
                _Found(s.start, s.end, "direct", near.cue, near.speaker, cue_at=near.cue_at)
            )
    return extra


def _bare_cue_before(doc: Doc, spans: QuoteIndex, pos: int) -> Token | None:
    """Return the speech verb of the sentence just before `pos` if it says nothing itself.

    "Lee agreed. “Voters are tired of waiting.”": the verb introduces the next quotation.
    """
    before = doc.char_span(0, len(doc.text[:pos].rstrip()), alignment_mode="contract")
    if before is None or not len(before) or "\n" in doc.text[before.end_char : pos]:
        return None
    sent = before[-1].sent
    root = sent.root
    said_nothing = not any(c.dep_ in {"ccomp", "dobj", "xcomp", "parataxis"} for c in root.children)
    if root.lower_ not in CUE_FORMS or not said_nothing or spans.overlapping(*subtree_range(root)):
        return None
    return root


def find_quotes(
    text: str,
    *,
    article: str = "",
    nlp: Language | None = None,
    doc: Doc | None = None,
    mentions: Sequence[Mention] | None = None,
    min_words: int = 3,
) -> tuple[Quote, ...]:
    """Return the quotations in `text` with cue, speaker and resolved speaker, in text order.

    Args:
        doc: `text` already parsed by a spaCy pipeline with a parser and an entity recognizer.
        mentions: the article's entity mentions, if already found from `doc`.
        min_words: fewest words for a quotation with no cue (a continuation) to count.
    """
    doc = doc if doc is not None else (nlp or load_pipeline())(text)
    mentions = find_mentions(doc) if mentions is None else mentions
    spans = QuoteIndex(text, find_quoted_spans(text))
    found = _dedupe(_attributions(doc, spans, min_words) + _headlines(text, spans, min_words))
    found = sorted(found + _orphans(doc, spans, found, min_words), key=lambda f: f.start)
    sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
    found = _split_same_speaker(text, _join_continuations(text, found))
    return _outermost(_resolve(text, article, found, mentions, spans, sentences))


def _split_same_speaker(text: str, found: list[_Found]) -> list[_Found]:
    """End a statement where a later statement by the same speaker starts inside it.

    "Calder argued that a toll would pay, saying it was fair": two statements by Calder, so
    the first ends before "saying" instead of swallowing the second.
    """
    out = []
    for f in found:
        cues = [
            g.cue_at
            for g in found
            if g is not f
            and g.cue.endswith("ing")
            and g.speaker is not None
            and g.speaker == f.speaker
            and f.start < g.cue_at < f.end
            and f.start <= g.start < f.end
        ]
        end = min(cues, default=f.end)
        while end > f.start and text[end - 1] in EDGE:
            end -= 1
        out.append(replace(f, end=end) if cues and end > f.start else f)
    return out


def _outermost(quotes: tuple[Quote, ...]) -> tuple[Quote, ...]:
    """Drop quotations that lie inside another one: one statement, reported once.

    "Fiorina said she doubted voters would care" is Fiorina's statement; "doubted" inside it
    is part of what she said, not a second statement. Attribution corpora annotate the outer
    one only. Speakers are resolved before this, so the inner cue still informs them.
    """
    ranges = [(q.start, q.end) for q in quotes]
    return tuple(
        q
        for q in quotes
        if not any(s <= q.start and q.end <= e and (s, e) != (q.start, q.end) for s, e in ranges)
    )


def _join_continuations(text: str, found: list[_Found]) -> list[_Found]:
    """Fold each continuation into the quotation it continues, as one statement.

    “I am not shy,” I said. “I have not been reluctant ...”: the second passage is the same
    statement resumed, so the content runs from the first mark to the last.
    """
    out: list[_Found] = []
    for f in found:
        last = out[-1] if out else None
        if (
            (f.follows or (last is not None and f.cue_at == last.cue_at >= 0))
            and last is not None
            and last.kind != "indirect"
            and f.start - last.end <= MAX_CONTINUATION_GAP
            and "\n" not in text[last.end : f.start]  # a new paragraph may be a new statement
        ):
            out[-1] = replace(last, end=f.end)
            continue
        out.append(f)
    return out


def _dedupe(found: list[_Found]) -> list[_Found]:
    """Keep one attribution per content range: the one with a speaker."""
    best: dict[tuple[int, int], _Found] = {}
    for f in found:
        key = (f.start, f.end)
        if key not in best or (best[key].speaker is None and f.speaker is not None):
            best[key] = f
    return list(best.values())


def _words(f: _Found, spans: QuoteIndex) -> str:
    """Return what a quotation says: for a direct one resumed after its cue, the quoted parts."""
    parts = [s for s in spans.overlapping(f.start, f.end) if f.start <= s.start and s.end <= f.end]
    if f.kind != "direct" or len(parts) < 2:
        return spans.text[f.start : f.end]
    return " ".join(spans.text[s.start : s.end] for s in parts)


def _resolve(
    text: str,
    article: str,
    found: list[_Found],
    mentions: Sequence[Mention],
    spans: QuoteIndex,
    sentences: Sequence[tuple[int, int]] = (),
) -> tuple[Quote, ...]:
    """Turn found quotations into Quote records, resolving speakers in text order."""
    quoted = [(s.start, s.end) for s in spans.spans]
    people = {m.entity for m in mentions if m.kind == "person"}
    genders = find_genders(text, mentions)
    previous: list[tuple[int, str]] = []
    last: Quote | None = None
    quotes = []
    for f in found:
        if f.follows and last is not None:
            speaker, s_start, s_end, entity = (
                last.speaker,
                last.speaker_start,
                last.speaker_end,
                last.speaker_entity,
            )
        else:
            s_start, s_end = f.speaker if f.speaker else (None, None)
            speaker = text[s_start:s_end] if s_start is not None else ""
            at = s_start if s_start is not None else f.start
            entity = resolve_speaker(
                speaker,
                at,
                s_end if s_end is not None else at,
                mentions,
                previous,
                quoted,
                genders,
            )
        quote = Quote(
            article,
            f.start,
            f.end,
            _words(f, spans),
            f.kind,
            f.cue,
            speaker,
            s_start,
            s_end,
            entity,
        )
        # "he said" refers back to the last person who spoke, not to the last one who wanted
        # or supported something: only speech and quotations set the previous speaker.
        if entity in people and (f.kind != "indirect" or f.cue.lower() in CUE_FORMS):
            previous.append((f.end, entity))
        quotes.append(quote)
        nested = last is not None and last.start <= f.cue_at < last.end
        aside = last is not None and _aside(f, last, sentences)
        if (f.kind != "indirect" or f.cue.lower() in CUE_FORMS or last is None) and not (
            nested or aside
        ):
            # A cue-less quotation resumes the last one who spoke, not a stance reported in
            # between ("“...,” Ramos told AFP, calling it a mistake. “...”"), nor one the
            # speaker reported ("Ng said critics had predicted a pullout. “...”").
            last = quote
    return tuple(quotes)


def _aside(f: _Found, last: Quote, sentences: Sequence[tuple[int, int]]) -> bool:
    """Tell whether an indirect attribution is a remark in the sentence of a quotation.

    "“...,” said Ann Lee, who has accused the mayor of lying. “...”": the clause about the
    speaker is not who speaks next.
    """
    if f.kind != "indirect" or last.kind == "indirect":
        return False
    return any(a <= last.end - 1 < b and a <= f.cue_at < b for a, b in sentences)


@dataclass(frozen=True, slots=True)
class ExtractQuotes:
    """Yield each article followed by its quotations and its named entities.

    Other records pass through unchanged. The spaCy pipeline is loaded once per call.
    """

    model: str = DEFAULT_MODEL
    min_words: int = 3
    field: Literal["text", "raw_text"] = "text"

    def __call__(self, records: Iterable[Record]) -> Iterator[Record | Quote | Entity]:
        nlp = None
        for record in records:
            yield record
            if not isinstance(record, Article):
                continue
            nlp = nlp or load_pipeline(self.model)
            text = getattr(record, self.field) or record.raw_text
            doc = nlp(text)
            mentions = find_mentions(doc)
            yield from find_quotes(
                text, article=record.id, doc=doc, mentions=mentions, min_words=self.min_words
            )
            yield from merge_entities(entities_of(mentions, record.id))
