"""Stages, their composition, and the table of named stages for config files."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable, Iterator
from typing import TypeAlias

from storyline.clean.article import MakeArticles
from storyline.clean.language import detect_languages
from storyline.dates.mentions import ExtractDates
from storyline.dates.published import InferPublished
from storyline.model import Record
from storyline.stories.entities import name_entities

Stage: TypeAlias = Callable[[Iterable[Record]], Iterator[Record]]


def compose(*stages: Stage) -> Stage:
    """Chain stages so that each one consumes the previous one's output."""

    def run(records: Iterable[Record]) -> Iterator[Record]:
        for stage in stages:
            records = stage(records)
        yield from records

    return run


# Versioned names, so a saved config keeps meaning the same thing after the code changes.
STAGES: dict[str, Callable[..., Stage]] = {
    "clean.articles.v1": MakeArticles,
    "clean.language.v1": lambda: detect_languages,
    "dates.published.v1": InferPublished,
    # Anchored on what InferPublished found, not inferred again from the cleaned text.
    "dates.timex.v2": lambda: ExtractDates(infer_anchor=False),
    # v2: a statement inside another is not a second quotation; noun and poll cues.
    "quotes.v2": lambda: _extract_quotes(select=False),
    # v3: each quotation typed speech or other, split quotations keep their parts' spans; only
    # the sentences that can hold an attribution are parsed (PolNeAR dev content F1 0.765 ->
    # 0.763), in batches across articles.
    "quotes.v3": lambda: _extract_quotes(select=True),
    # v4: passive verbs of saying, short quotations closing their sentence, unquoted
    # "Source: words" lines typed other (PolNeAR speech F1: train 0.863 -> 0.872, dev
    # 0.864 -> 0.869).
    "quotes.v4": lambda: _extract_quotes(select=True),
    "entities.names.v1": lambda: name_entities,
}


def nlp_available() -> bool:
    """Tell whether the optional spaCy extra (quotations, entities) is installed."""
    return importlib.util.find_spec("spacy") is not None


def _extract_quotes(*, select: bool) -> Stage:
    from storyline.quotes.extract import ExtractQuotes  # imports spaCy, an optional extra

    return ExtractQuotes(select=select)


def ingest_stages() -> list[Stage]:
    """Return the per-article stages `storyline run` applies to every Document."""
    return [MakeArticles(), detect_languages]


def analysis_stage_names(*, quotes: bool | None = None) -> list[str]:
    """Return the versioned names of the per-article analysis stages, in order.

    With spaCy, quotations and the entities its recognizer finds; without it, the entities
    capitalized names give. A store records these names per article, so a stage whose
    version changes is run again on every article.
    """
    names = ["dates.published.v1", "dates.timex.v2"]
    names.append(
        "quotes.v4" if (quotes if quotes is not None else nlp_available()) else "entities.names.v1"
    )
    return names


def analysis_stages(*, quotes: bool | None = None) -> list[Stage]:
    """Return the per-article analysis stages, in order (see `analysis_stage_names`)."""
    return [STAGES[name]() for name in analysis_stage_names(quotes=quotes)]
