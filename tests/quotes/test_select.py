"""The cheap first pass that chooses what to parse, and the parse of only those windows."""

from __future__ import annotations

import itertools

from storyline.entities.mentions import find_mentions
from storyline.quotes._marks import QuoteIndex, find_quoted_spans
from storyline.quotes._select import can_attribute, select_windows
from storyline.quotes.extract import _outermost, find_quotes, parse_articles

ARTICLE = (
    "Heavy rain fell on the valley overnight. The river rose two feet by dawn.\n"
    "Crews shut the old bridge at six. Traffic crawled for miles.\n"
    "Mayor Ann Lee toured the site at noon. She said the bridge would reopen on Friday.\n"
    "Schools stayed open. Buses took the long way round.\n"
    "“We are not taking any chances,” Lee told reporters.\n"
)


def test_sentences_without_cue_words_are_not_selected():
    """Weather and traffic sentences are left out; cue sentences and their context are kept."""
    windows = select_windows(ARTICLE)
    chosen = " ".join(ARTICLE[s:e] for s, e in windows)
    assert "She said the bridge would reopen" in chosen
    assert "Mayor Ann Lee toured the site" in chosen  # the sentence before, for resolution
    assert "“We are not taking any chances,” Lee told reporters." in chosen
    assert "Heavy rain fell" not in chosen
    assert "Traffic crawled" not in chosen
    assert all(a < b for a, b in windows)
    assert all(e1 < s2 for (_, e1), (s2, _) in itertools.pairwise(windows))


def test_trigger_marks_and_words():
    """Quotation marks, colons, "according to" and noun cues make a sentence worth parsing."""
    assert can_attribute("Prices will rise, according to the bank.")
    assert can_attribute("Her criticism of the plan was sharp.")
    assert can_attribute("Lee: the bridge is safe")
    assert not can_attribute("The river rose two feet by dawn.")


def test_selected_parse_keeps_offsets_and_quotations(nlp):
    """Parsing only the windows finds the same quotations, at the same offsets, as parsing all."""
    whole = parse_articles(nlp, [ARTICLE], select=False)[0]
    part = parse_articles(nlp, [ARTICLE], select=True)[0]
    assert part.text == ARTICLE
    full_quotes = find_quotes(ARTICLE, doc=whole, mentions=find_mentions(whole))
    some_quotes = find_quotes(ARTICLE, doc=part, mentions=find_mentions(part))
    assert [(q.start, q.end, q.speaker_entity) for q in some_quotes] == [
        (q.start, q.end, q.speaker_entity) for q in full_quotes
    ]
    assert any(q.speaker_entity == "Ann Lee" and "reopen" in q.text for q in some_quotes)
    for q in some_quotes:
        assert ARTICLE[q.start : q.end] in q.text or q.kind == "direct"
    # Outside the windows, each rough sentence is one flat tree: sentences stay sentences.
    sents = [s.text.strip() for s in part.sents]
    assert "Heavy rain fell on the valley overnight." in sents


def test_names_outside_windows_repeat_recognized_names(nlp):
    """A name recognized in a parsed window is tagged where it recurs in unparsed text."""
    text = "Ann Lee said the plan would work.\nThe crowd cheered Ann Lee at the rally.\n"
    doc = parse_articles(nlp, [text], select=True)[0]
    people = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert people.count("Ann Lee") == 2


def test_batches_span_articles(nlp):
    """Several articles parsed in one call each come back whole and in order."""
    texts = [ARTICLE, "No one said anything.\n", "Quiet day.\n"]
    docs = parse_articles(nlp, texts)
    assert [d.text for d in docs] == texts
    assert len(docs[2]) > 0
    assert not docs[2].ents


def test_quote_index_lookups_match_a_scan():
    """Bisected lookups give what a scan of every quoted span gives."""
    text = "“One two three,” he said. Then “four five six” and “seven eight nine.”"
    spans = QuoteIndex(text, find_quoted_spans(text))
    for pos in range(len(text)):
        scan = next((s for s in spans.spans if s.start <= pos < s.end), None)
        assert spans.containing(pos) == scan
        for end in range(pos + 1, min(len(text), pos + 30)):
            want = [s for s in spans.spans if s.start < end and pos < s.end]
            assert spans.overlapping(pos, end) == want


def test_outermost_drops_only_nested_statements():
    """A statement inside another goes; equal ranges and neighbours stay."""
    from storyline.model import Quote

    def q(start, end):
        return Quote("a", start, end, "x", "indirect", "said", "", None, None, "")

    quotes = (q(0, 50), q(10, 20), q(10, 20), q(0, 50), q(60, 70), q(65, 90))
    kept = _outermost(quotes)
    assert [(x.start, x.end) for x in kept] == [(0, 50), (0, 50), (60, 70), (65, 90)]
