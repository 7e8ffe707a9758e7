"""Who a statement comes from: the subject of its cue, a passive agent, or "according to X"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.nlp import doc_text, people_between
from storyline.quotes._frames import STANCE_FORMS
from storyline.quotes._lexicon import CUE_FORMS, word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from storyline.quotes._marks import QuoteIndex

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whose"})
# Dependents that belong to a speaker's name or title, not to the rest of the clause.
SPEAKER_DEPS = frozenset({"compound", "amod", "det", "poss", "case", "nmod", "nummod", "prep"})
# A name or role in apposition belongs to the speaker ("the Vatican spokesman, Federico
# Lombardi,"), and so do coordinated speakers ("Trump and Ryan pledged ...").
APPOSITION_DEPS = frozenset({"appos", "cc", "conj"})
# Things people issue to speak through: "issued a statement saying" is the issuer speaking.
DOCUMENT_NOUNS = word_set(
    """
    statement statements letter memo ad ads advertisement video spot note release tweet post
    message email e-mail response op-ed column
    """
)
MAX_TITLE_WORDS = 4  # a quoted show or book title before a speaker: “Meet the Press” host
# Words that cannot end a speaker phrase: what followed them was cut away.
DANGLING_WORDS = word_set("of the a an for in on at by to and with from about")
MAX_APPOSITION_TOKENS = 15  # ", the club's 78-year-old president and general manager," fits
QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``"})
MAX_SOURCE_TOKENS = 8  # "according to a senior State Department official" fits


def subtree_range(token: Token, skip: Token | None = None) -> tuple[int, int]:
    """Return the character range of a token's subtree, leaving out the subtree of `skip`."""
    tokens = [t for t in token.subtree if skip is None or (t != skip and not skip.is_ancestor(t))]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def speaker_of(cue: Token, spans: QuoteIndex) -> tuple[int, int] | None:
    """Return the character range of the speaker of a cue, else the subject of an outer clause."""
    found = subject_of(cue, spans) or _name_before(cue) or _name_after(cue)
    if found is not None:
        return found
    # A cue with no subject of its own ("Asked about X, ...", a clause hanging off a noun):
    # the nearest subject of an enclosing clause is the usual source in news prose.
    for ancestor in cue.ancestors:
        subjects = [
            speaker_range(c)
            for c in ancestor.children
            if c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS and not c.is_ancestor(cue)
        ]
        subjects = [t for t in (unquoted(r, spans) for r in subjects) if t is not None]
        if subjects:
            return subjects[0]
    return None


def unquoted(speaker: tuple[int, int], spans: QuoteIndex) -> tuple[int, int] | None:
    """Return a speaker range cut before the quoted words it runs into, None if it starts in them.

    "Jon Meacham, the author of “Destiny and Power”,": the title is not part of who spoke.
    """
    quoted = spans.overlapping(*speaker)
    if not quoted:
        return speaker
    first = quoted[0]
    title = len(spans.text[first.start : first.end].split()) <= MAX_TITLE_WORDS
    if first.outer_start <= speaker[0] <= first.start and title and first.outer_end < speaker[1]:
        # "“Daily Show” host Trevor Noah": a quoted title in front qualifies the speaker.
        rest = len(spans.text[first.outer_end : speaker[1]]) - len(
            spans.text[first.outer_end : speaker[1]].lstrip(" ,")
        )
        return unquoted((first.outer_end + rest, speaker[1]), spans)
    if first.outer_start <= speaker[0]:
        return None
    kept = spans.text[speaker[0] : quoted[0].outer_start].rstrip(" ,;:—–-(")
    if kept.split() and kept.split()[-1].lower() in DANGLING_WORDS:
        # "the author of": an unfinished apposition goes, the name before it stays.
        kept = kept.rpartition(",")[0] if "," in kept else ""
    return (speaker[0], speaker[0] + len(kept)) if kept.strip() else None


def _name_before(cue: Token) -> tuple[int, int] | None:
    """Return the person named right before a cue the parse left without a subject.

    "In a call, Col. Ann Ward, a military spokeswoman, said: ...": the parser often hangs
    the speaker off an earlier noun, but a name just before the verb, or before an
    apposition set off by commas, is its subject.
    """
    doc, first = cue.doc, cue.sent.start
    i = cue.i - 1
    while i >= first and doc[i].text == ",":
        i -= 1
    j = i
    while j >= first and doc[j].ent_type_ != "PERSON" and i - j < MAX_APPOSITION_TOKENS:
        if doc[j].text in QUOTE_MARKS:
            return None
        j -= 1
    if j >= first and doc[j].dep_ == "pobj" and j == i:
        # "Joe Biden, following a call with Vladimir Putin, said": the name closing a phrase
        # set off by commas is its object; the speaker is the name before the phrase.
        comma = next((k for k in range(j - 1, first - 1, -1) if doc[k].text == ","), None)
        if comma is not None and j - comma <= MAX_APPOSITION_TOKENS:
            j = i = comma - 1
            if j < first or doc[j].ent_type_ != "PERSON":
                return None
    # After the name, a comma opens an apposition, a bracket a party label: "Ann Lo (D-Ore.)".
    if j < first or doc[j].ent_type_ != "PERSON" or (j < i and doc[j + 1].text not in {",", "("}):
        return None
    name = doc[j : j + 1]
    while name.start > first and doc[name.start].ent_iob_ == "I":
        name = doc[name.start - 1 : name.end]
    whole = speaker_range(name.root)
    if whole[1] > cue.idx or whole[0] > name.start_char:
        return name.start_char, doc[i].idx + len(doc[i].text)
    return whole


def _name_after(cue: Token) -> tuple[int, int] | None:
    """Return the person named right after a speech verb that follows a quotation.

    "“...,” added Trey Gowdy." and "“...,” said Robin Ames, half joking.": in inverted order
    the parser often makes the name the subject of a later word, leaving the verb without one.
    """
    doc = cue.doc
    if (
        cue.lower_ not in CUE_FORMS
        or cue.lower_.endswith("ing")  # "..., saying Clinton was wrong": the name is reported
        or cue.i == 0
        or doc[cue.i - 1].text not in {",", *QUOTE_MARKS}
    ):
        return None
    i = cue.i + 1
    # A title may come first: "said Rep. Ann Lo", "said Mayor Ann Lo".
    while i < len(doc) and i - cue.i <= MAX_TITLE_WORDS and doc[i].ent_type_ != "PERSON":
        if not doc[i].is_title or doc[i].is_sent_start:
            return None
        i += 1
    if i >= len(doc) or doc[i].ent_type_ != "PERSON" or doc[i].is_sent_start:
        return None
    end = i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return doc[cue.i + 1].idx, doc[end].idx + len(doc[end].text)


def subject_of(cue: Token, spans: QuoteIndex) -> tuple[int, int] | None:
    """Return the character range of the subject of a cue, looking up through clauses."""
    token: Token | None = cue
    while token is not None:
        children = list(token.children)
        according = next((c for c in children if c.lower_ == "according"), None)
        if according is not None:
            return according_source(according)
        # Past the cue, a passive clause's subject is also the one acting: "Lee was booed
        # after telling them ...", "Lee was joined on stage and joked ...".
        wanted = {"nsubj"} if token is cue else {"nsubj", "nsubjpass"}
        subjects = [
            speaker_range(c)
            for c in children
            if c.dep_ in wanted and c.lower_ not in RELATIVE_PRONOUNS
        ]
        # A garbled parse may give two subjects: take the nearest one outside quotation marks.
        subjects = [t for t in (unquoted(r, spans) for r in subjects) if t is not None]
        if subjects:
            return min(subjects, key=lambda r: min(abs(r[0] - cue.idx), abs(r[1] - cue.idx)))
        if token.dep_ in {"acl", "relcl"} and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in children
        ):
            return None  # "took a moment to point out", "had nothing to say": not the source
        if token.dep_ in {"relcl", "acl"}:
            if token.head.lower_ in DOCUMENT_NOUNS and token.head.dep_ == "dobj":
                token = token.head.head  # "Trump issued a statement saying ...": Trump speaks
                continue
            return speaker_range(token.head)  # "Lavrov, who said ...", "a report calling"
        if token is cue and token.dep_ == "advcl" and token.lower_.endswith("ing"):
            token = _main_clause(token.head)
            continue
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":
            token = token.head.head  # "criticized Trump by calling him ..."
            continue
        if token.dep_ not in {"advcl", "conj", "xcomp"} or token.head == token:
            return None
        token = _coordinated_cue_head(token)
    return None


def _coordinated_cue_head(token: Token) -> Token:
    """Return the clause whose subject a subjectless verb takes: its head, as a rule.

    "Paul said the plan would fail, and called Rubio a liar": the parser often joins the
    second cue to the last verb of the reported clause, but a speech or stance verb there
    is the speaker's second statement, so it takes the subject of the verb that reports.
    """
    head = token.head
    if (
        token.dep_ == "conj"
        and token.lower_ in STANCE_FORMS
        and head.dep_ == "ccomp"
        and head.head.lower_ in CUE_FORMS
    ):
        return head.head
    return head


def _main_clause(verb: Token) -> Token:
    """Return the clause a trailing participle belongs to, above the clauses it reports.

    "Trump argued that a wall would work, saying ...": the parser often hangs "saying" on
    "work", but the one saying it is the subject of "argued".
    """
    while verb.head != verb:
        if verb.dep_ in {"ccomp", "xcomp"}:
            verb = verb.head
        elif verb.dep_ == "acl" and verb.head.dep_ == "dobj":
            verb = verb.head.head  # "rejected the notion that ..., saying"
        else:
            break
    return verb


def according_source(according: Token) -> tuple[int, int] | None:
    """Return the range of X in "according to X", read up to the next comma or sentence end."""
    doc, i = according.doc, according.i
    if i + 2 >= len(doc) or doc[i + 1].lower_ != "to":
        return None
    end = i + 2
    # Read words rather than the parse, which often attaches X to the following clause.
    while end < min(len(doc), i + 2 + MAX_SOURCE_TOKENS) and not doc[end].is_sent_start:
        if doc[end].text in {",", ".", ";", ":", "—", "–", "“", '"'}:
            break
        end += 1
    if end == i + 2:
        return None
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1  # the word limit fell inside a name: "... filed by John F. Hackett"
    return doc[i + 2].idx, doc[end - 1].idx + len(doc[end - 1].text)


def speaker_range(head: Token) -> tuple[int, int]:
    """Return the character range of the speaker phrase: its head and the words naming it."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in SPEAKER_DEPS | APPOSITION_DEPS and child.lower_ not in RELATIVE_PRONOUNS:
            tokens.extend(child.subtree)
    tokens.sort(key=lambda t: t.i)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def agent(cue: Token) -> tuple[int, int] | None:
    """Return the range of X in a passive "reported by X", if given."""
    for child in cue.children:
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return speaker_range(objects[0])
    return None


def colon_speaker(doc: Doc, pos: int) -> tuple[int, int] | None:
    """Return the person named before a colon that introduces the quotation at `pos`.

    "Here's Clinton in December 1992: “...”", "Republican pollster Daron Shaw: “...”".
    """
    text = doc_text(doc)
    colon = len(text[:pos].rstrip()) - 1
    if colon < 0 or text[colon] != ":":
        return None
    line_start = text.rfind("\n", 0, colon) + 1
    people = people_between(doc, line_start, colon)
    # A name the recognizer ran on past the colon is not the one introducing the quotation.
    if not people or people[-1].end_char > colon:
        return None
    if crosses_sentence(doc, people[-1].end_char, colon):
        return None
    return people[-1].start_char, people[-1].end_char


def dash_speaker(doc: Doc, pos: int) -> tuple[int, int] | None:
    """Return the person named after a dash that signs the quotation ending at `pos`.

    "“We will rebuild.” — Mayor Ann Lo" and "“...,” – Mr. Reyes, at the hearing": the dash
    stands for "said" when a name (after at most a few title words) follows it.
    """
    text = doc_text(doc)  # `doc.text` joins every token again at each call
    rest = text[pos : pos + 4]
    stripped = rest.lstrip(" ,")
    if not stripped[:1] or stripped[0] not in "—–":
        return None
    after = pos + (len(rest) - len(stripped)) + 1
    line_end = text.find("\n", after)
    line_end = len(text) if line_end < 0 else line_end
    # Only the entities of the rest of the line: `doc.ents` builds all of the article's.
    window = doc.char_span(after, line_end, alignment_mode="expand") if after < line_end else None
    for ent in window.ents if window is not None else ():
        if ent.start_char < after:
            continue
        if ent.label_ != "PERSON" or ent.start_char >= line_end:
            return None
        lead = text[after : ent.start_char].split()
        if len(lead) > MAX_TITLE_WORDS or not all(w[:1].isupper() for w in lead):
            return None
        return after + (
            len(text[after : ent.start_char]) - len(text[after : ent.start_char].lstrip())
        ), ent.end_char
    return None


def crosses_sentence(doc: Doc, start: int, end: int) -> bool:
    """Tell whether a sentence boundary falls between `start` and `end`."""
    line = doc.char_span(start, end, alignment_mode="expand")
    return line is not None and any(t.is_sent_start and t.idx > start for t in line)
