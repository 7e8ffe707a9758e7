"""Tests for sentence splitting, content words and similarity."""

from storyline.timeline.sentences import (
    content_words,
    cosine,
    find_sentences,
    split_sentences,
    weigh,
)


def test_abbreviations_and_initials_do_not_end_sentences():
    """'Mr.' and 'U.S.' keep a sentence whole; a full stop before a capital ends one."""
    text = "Mr. Blinken met Mr. Lavrov in Stockholm. The U.S. side said little. J. Smith agreed."
    pieces = [text[s:e] for s, e in split_sentences(text)]
    assert pieces == [
        "Mr. Blinken met Mr. Lavrov in Stockholm.",
        "The U.S. side said little.",
        "J. Smith agreed.",
    ]


def test_line_breaks_always_end_sentences():
    """A headline on its own line is its own sentence even without a full stop."""
    text = "Storm cuts power to 40,000 homes\nHeavy winds knocked out power on Tuesday."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Storm cuts power to 40,000 homes",
        "Heavy winds knocked out power on Tuesday.",
    ]


def test_content_words_drop_function_words_and_lowercase():
    """Function words go, names and verbs stay, lowercased."""
    assert content_words("The Presidents discussed the upcoming talks.") == (
        "presidents",
        "discussed",
        "upcoming",
        "talks",
    )


def test_questions_and_fragments_are_not_statements():
    """A question or a three-word caption does not report anything."""
    sentences = find_sentences("a", "Read more here\nWill the talks go ahead next week?\n")
    assert [s.is_statement for s in sentences] == [False, False]


def test_cosine_of_identical_word_lists_is_one():
    """Two sentences with the same words have cosine 1, disjoint ones 0."""
    a = weigh(("blinken", "lavrov", "met"), {})
    assert round(cosine(a, a), 6) == 1.0
    assert cosine(a, weigh(("storm", "power"), {})) == 0.0
