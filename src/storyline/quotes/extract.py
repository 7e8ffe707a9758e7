"""Quotations in article bodies: direct, indirect and mixed, with their speakers."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from typing import TYPE_CHECKING, Literal

from storyline.entities.mentions import Mention, entities_of, find_mentions
from storyline.entities.names import merge_entities
from storyline.model import Article, Entity, Quote, Record
from storyline.nlp import DEFAULT_MODEL, doc_text, load_pipeline, parse_texts
from storyline.quotes._attributions import find_attributions
from storyline.quotes._found import Found
from storyline.quotes._gender import find_genders
from storyline.quotes._lexicon import CUE_FORMS
from storyline.quotes._marks import EDGE, QuoteIndex, find_quoted_spans
from storyline.quotes._select import select_windows
from storyline.quotes._speech import quote_type
from storyline.quotes.speakers import resolve_speaker

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# A continuation this close after a quotation resumes it ("..., he said. “..."): one statement.
MAX_CONTINUATION_GAP = 300
# A longer text is read a piece at a time, cut at paragraph ends (see text_pieces): spaCy
# holds a whole text's tokens at once, which for a 17 MB text is gigabytes.
PIECE_CHARS = 100_000
GROUP_CHARS = 1_000_000  # characters parsed at once: spaCy's own default limit on one text


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
    found = find_attributions(doc, spans, min_words)
    sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
    found = _split_same_speaker(text, _join_continuations(text, found, sentences))
    return _outermost(_resolve(text, article, found, mentions, spans, sentences))


def _split_same_speaker(text: str, found: list[Found]) -> list[Found]:
    """End a statement where a later statement by the same speaker starts inside it.

    "Calder argued that a toll would pay, saying it was fair" and "Paul said the plan would
    fail and called Rubio a liar": two statements each, so the first ends before the second
    cue ("saying", "and called") instead of swallowing it.
    """
    # Only statements by the same speaker can end one: index them by speaker and cue position.
    by_speaker: dict[tuple[int, int], list[Found]] = {}
    for g in sorted(found, key=lambda g: g.cue_at):
        if g.speaker is not None:
            by_speaker.setdefault(g.speaker, []).append(g)
    cue_ats = {k: [g.cue_at for g in v] for k, v in by_speaker.items()}
    out = []
    for f in found:
        same = by_speaker.get(f.speaker, []) if f.speaker is not None else []
        at = cue_ats.get(f.speaker, []) if f.speaker is not None else []
        cues = [
            g.cue_at
            for g in same[bisect_right(at, f.start) : bisect_left(at, f.end)]
            if g is not f
            and f.start <= g.start < f.end
            and (g.cue.endswith("ing") or _after_and(text, g.cue_at))
        ]
        kept = text[f.start : min(cues, default=f.end)].rstrip(EDGE)
        kept = kept.removesuffix(" and").rstrip(EDGE)
        out.append(replace(f, end=f.start + len(kept)) if cues and kept else f)
    return out


def _after_and(text: str, pos: int) -> bool:
    """Tell whether `pos` follows the word "and" (and spaces)."""
    before = text[max(0, pos - 40) : pos].rstrip()  # a local slice: the article is long
    return before.endswith("and") and not before[-4:-3].isalnum()


def _outermost(quotes: tuple[Quote, ...]) -> tuple[Quote, ...]:
    """Drop quotations that lie inside another one: one statement, reported once.

    "Fiorina said she doubted voters would care" is Fiorina's statement; "doubted" inside it
    is part of what she said, not a second statement. Attribution corpora annotate the outer
    one only. Speakers are resolved before this, so the inner cue still informs them.
    """
    # Sweep the distinct ranges by start (longest first): a range lies inside another exactly
    # when an earlier one in that order reaches at least as far.
    inner, reach = set(), -1
    for start, end in sorted({(q.start, q.end) for q in quotes}, key=lambda r: (r[0], -r[1])):
        if reach >= end:
            inner.add((start, end))
        reach = max(reach, end)
    return tuple(q for q in quotes if (q.start, q.end) not in inner)


def _join_continuations(
    text: str, found: list[Found], sentences: Sequence[tuple[int, int]]
) -> list[Found]:
    """Fold each continuation into the quotation it continues, as one statement.

    “I am not shy,” I said. “I have not been reluctant ...”: the second passage is the same
    statement resumed, so the content runs from the first mark to the last. A remark about
    the speaker in between (“...,” said King, who endorsed Rubio. “...”) does not stop it.
    """
    out: list[Found] = []
    for f in found:
        # The last quotation, past remarks in its sentence about its speaker.
        at = len(out) - 1
        while at > 0 and out[at].end <= f.start and _aside(out[at], out[at - 1], sentences):
            at -= 1
        last = out[at] if at >= 0 else None
        if (
            last is not None
            and (f.follows or f.cue_at == last.cue_at >= 0)
            and last.kind != "indirect"
            and f.start - last.end <= MAX_CONTINUATION_GAP
            and "\n" not in text[last.end : f.start]  # a new paragraph may be a new statement
        ):
            out[at] = replace(last, end=f.end)
            continue
        out.append(f)
    return out


def _words(f: Found, spans: QuoteIndex) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Return what a quotation says, and for a direct one resumed after its cue, its parts."""
    parts = [s for s in spans.overlapping(f.start, f.end) if f.start <= s.start and s.end <= f.end]
    if f.kind != "direct" or len(parts) < 2:
        return spans.text[f.start : f.end], ()
    words = " ".join(spans.text[s.start : s.end] for s in parts)
    return words, tuple((s.start, s.end) for s in parts)


def _resolve(
    text: str,
    article: str,
    found: list[Found],
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
        words, parts = _words(f, spans)
        quote = Quote(
            article,
            f.start,
            f.end,
            words,
            f.kind,
            f.cue,
            speaker,
            s_start,
            s_end,
            entity,
            type=quote_type(f.cue, f.kind, f.start, f.end, spans),
            parts=parts,
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


def _aside(f: Found, last: Found | Quote, sentences: Sequence[tuple[int, int]]) -> bool:
    """Tell whether an indirect attribution is a remark in the sentence of a quotation.

    "“...,” said Ann Lee, who has accused the mayor of lying. “...”": the clause about the
    speaker is not who speaks next.
    """
    if f.kind != "indirect" or last.kind == "indirect":
        return False
    return any(a <= last.end - 1 < b and a <= f.cue_at < b for a, b in sentences)


def parse_articles(nlp: Language, texts: Sequence[str], *, select: bool = True) -> list[Doc]:
    """Return each text parsed for attribution: by default only where one can be found.

    With `select`, a cheap pass (`select_windows`) picks the sentences that can hold an
    attribution, with the sentences before them that speaker resolution reads; only those
    are parsed, in batches across all `texts`, and offsets stay those of the whole text.
    """
    windows = [select_windows(text) for text in texts] if select else None
    return parse_texts(nlp, texts, windows)


@dataclass(frozen=True, slots=True)
class ExtractQuotes:
    """Yield each article followed by its quotations and its named entities.

    Other records pass through unchanged. The spaCy pipeline is loaded once per call, and
    articles are parsed `batch_articles` at a time (one `nlp.pipe` over all of them).
    """

    model: str = DEFAULT_MODEL
    min_words: int = 3
    field: Literal["text", "raw_text"] = "text"
    select: bool = True  # parse only the sentences that can hold an attribution
    batch_articles: int = 25
    piece_chars: int = PIECE_CHARS  # a longer text is read a piece at a time

    def __call__(self, records: Iterable[Record]) -> Iterator[Record | Quote | Entity]:
        batch: list[Record] = []
        for record in records:
            batch.append(record)
            if len(batch) >= self.batch_articles:
                yield from self._analyse(batch)
                batch = []
        yield from self._analyse(batch)

    def _analyse(self, batch: list[Record]) -> Iterator[Record | Quote | Entity]:
        # A brief quotes no one in full; its summary is too short to parse.
        articles = [r for r in batch if isinstance(r, Article) and not r.brief]
        texts = [getattr(a, self.field) or a.raw_text for a in articles]
        cuts = [text_pieces(text, self.piece_chars) for text in texts]
        found = self._found(texts, cuts, [a.id for a in articles])  # lazily, piece by piece
        pieces = iter(cuts)
        for record in batch:
            yield record
            if not isinstance(record, Article) or record.brief:
                continue
            quotes: list[Quote] = []
            mentions: list[Mention] = []
            for piece_quotes, piece_mentions in islice(found, len(next(pieces))):
                quotes += piece_quotes
                mentions += piece_mentions
            yield from quotes
            yield from merge_entities(entities_of(mentions, record.id))

    def _found(
        self, texts: list[str], cuts: list[list[tuple[int, int]]], ids: list[str]
    ) -> Iterator[tuple[list[Quote], tuple[Mention, ...]]]:
        """Yield the quotations and mentions of each piece of each text, in order.

        Pieces are parsed in groups of at most GROUP_CHARS characters, so a batch holding
        one very long article never has more than that in spaCy documents at once.
        """
        pieces = [(n, start, end) for n, spans in enumerate(cuts) for start, end in spans]
        for group in _groups(pieces, GROUP_CHARS):
            docs = parse_articles(
                load_pipeline(self.model), [texts[n][a:b] for n, a, b in group], select=self.select
            )
            for (n, start, _), doc in zip(group, docs, strict=True):
                mentions = find_mentions(doc)
                quotes = find_quotes(
                    doc_text(doc),
                    article=ids[n],
                    doc=doc,
                    mentions=mentions,
                    min_words=self.min_words,
                )
                yield [_shifted(q, start) for q in quotes], mentions


def text_pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Return [start, end) ranges that cover `text`, each at most `size` characters long.

    Cuts fall at a line break (a paragraph's end) where there is one, else at a space, so
    a quotation and its attribution stay in one piece; a text within `size` is one piece.
    """
    spans, start = [], 0
    while len(text) - start > size:
        cut = text.rfind("\n", start + 1, start + size)
        if cut <= start:
            cut = text.rfind(" ", start + 1, start + size)
        if cut <= start:
            cut = start + size
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans


def _groups(pieces: list[tuple[int, int, int]], most: int) -> Iterator[list[tuple[int, int, int]]]:
    group: list[tuple[int, int, int]] = []
    chars = 0
    for piece in pieces:
        if group and chars + piece[2] - piece[1] > most:
            yield group
            group, chars = [], 0
        group.append(piece)
        chars += piece[2] - piece[1]
    if group:
        yield group


def _shifted(quote: Quote, by: int) -> Quote:
    """Return `quote` with its offsets moved from its piece's to the whole text's."""
    if not by:
        return quote
    return replace(
        quote,
        start=quote.start + by,
        end=quote.end + by,
        speaker_start=None if quote.speaker_start is None else quote.speaker_start + by,
        speaker_end=None if quote.speaker_end is None else quote.speaker_end + by,
        parts=tuple((a + by, b + by) for a, b in quote.parts),
    )
