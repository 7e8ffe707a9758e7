"""Tests for the quotation-mark scanner."""

from storyline.quotes._marks import find_quoted_spans


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text)]


def test_straight_and_typographic_marks_are_both_found():
    """Straight and curly double quotes delimit quotations alike."""
    text = 'He said "we will win this" and she said “we will not lose it.”'
    assert _texts(text) == ["we will win this", "we will not lose it."]


def test_quotation_continued_in_next_paragraph_is_one_span():
    """An opening mark with no closing mark continues when the next paragraph reopens."""
    text = "“We will rebuild the bridge.\n\n“And we will do it this year,” she said."
    assert _texts(text) == ["We will rebuild the bridge.\n\n“And we will do it this year,"]


def test_unbalanced_marks_do_not_crash_and_close_at_paragraph_end():
    """An opener never closed ends with its paragraph; a stray closer is ignored."""
    text = "The states “decided to” remain in contact “in this regard.\n\nOn the peninsula. ”"
    assert _texts(text) == ["decided to", "in this regard."]


def test_single_quotes_are_not_quotation_marks():
    """Apostrophes in names and contractions open no quotation."""
    assert _texts("Russia’s top diplomat didn’t say 'no' today.") == []


def test_cue_forms_map_the_same_way_under_every_hash_seed():
    """A form two cue lemmas share ("told": tell, told) maps alike in every process."""
    import subprocess
    import sys

    code = "from storyline.quotes._lexicon import CUE_FORMS as F; print(F['told'], F['said'])"
    seen = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**__import__("os").environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(seen) == 1
