"""Tests for locating spans of cleaned text in the raw text they came from."""

from storyline.clean.locate import Locator
from storyline.clean.normalize import normalize_text


def test_span_survives_whitespace_and_invisible_characters():
    """Collapsed spaces, a no-break space and a zero-width space do not move the words."""
    raw = "Menu\n\n  The mayor  said:\u00a0“We will\u200b rebuild   the bridge.”\n"
    clean = normalize_text(raw).replace("Menu\n\n", "")
    start = clean.index("We will")
    end = clean.index(".”") + 1
    s, e = Locator(clean, raw).span(start, end)
    assert raw[s:e] == "We will\u200b rebuild   the bridge."


def test_ptb_tokens_and_repeated_words_map_to_the_right_occurrence():
    """Of two equal quotations, each maps to its own place; `` '' marks stay outside."""
    raw = "``It is fine,'' he said.  Later:   ``It is fine,'' she said."
    clean = " ".join(raw.split())
    locator = Locator(clean, raw)
    first = clean.index("It is fine")
    second = clean.index("It is fine", first + 1)
    a = locator.span(first, first + len("It is fine,"))
    b = locator.span(second, second + len("It is fine,"))
    assert raw[a[0] : a[1]] == raw[b[0] : b[1]] == "It is fine,"
    assert a[0] < b[0]


def test_mojibake_repaired_by_cleaning_still_maps():
    """Words whose letters cleaning changed are placed by aligning the two texts."""
    raw = "Le ministre a dit « cafÃ© »: “The cafÃ© will close,” he said."
    clean = normalize_text(raw)
    assert "café" in clean
    start = clean.index("The café")
    end = clean.index("close,") + len("close,")
    s, e = Locator(clean, raw).span(start, end)
    assert raw[s:e].startswith("The caf")
    assert raw[s:e].endswith("close,")
