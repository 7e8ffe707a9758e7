"""Tests for finding the source of a cue on parses built by hand, including misparses."""

from spacy.tokens import Doc

from storyline.quotes._marks import QuoteIndex
from storyline.quotes._sources import speaker_of


def test_name_with_a_party_label_before_a_subjectless_cue_is_its_speaker(nlp):
    """“..., Senator Tom Keller (R-Ohio) said ...” when the parser hangs Keller elsewhere."""
    words = "While discussing the ad , Senator Tom Keller ( R-Ohio ) said the ad was wrong ."
    words = words.split()
    # The misparse seen in news text: the name is the subject of the earlier participle.
    heads = [1, 11, 3, 1, 11, 7, 7, 1, 9, 7, 9, 11, 13, 14, 11, 14, 11]
    deps = [
        "mark",
        "advcl",
        "det",
        "dobj",
        "punct",
        "compound",
        "compound",
        "nsubj",
        "punct",
        "appos",
        "punct",
        "ROOT",
        "det",
        "nsubj",
        "ccomp",
        "acomp",
        "punct",
    ]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    doc.ents = [doc.char_span(doc[6].idx, doc[7].idx + len("Keller"), label="PERSON")]
    said = doc[11]
    found = speaker_of(said, QuoteIndex(doc.text, []))
    assert found is not None
    assert doc.text[found[0] : found[1]] == "Senator Tom Keller ( R-Ohio )"


def test_name_closing_a_phrase_before_the_cue_is_not_the_speaker(nlp):
    """ "Joe Biden, following a call with Vladimir Putin, said ...": Biden speaks, not Putin."""
    from storyline.quotes.extract import find_quotes

    text = (
        "WASHINGTON Dec 31 US President Joe Biden, following a conversation with Russian "
        "leader Vladimir Putin, said he expects progress from the upcoming rounds of talks."
    )
    (quote,) = find_quotes(text, nlp=nlp)
    assert quote.speaker_entity == "Joe Biden"
