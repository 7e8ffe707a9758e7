"""Fixtures for extraction tests: the spaCy pipeline, skipped when it is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import MissingExtraError

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="session")
def nlp():
    """Return the English pipeline, or skip the test when the 'nlp' extra is missing."""
    from storyline.nlp import load_pipeline

    try:
        return load_pipeline()
    except MissingExtraError as err:
        pytest.skip(f"spaCy English pipeline not installed ({err})")
