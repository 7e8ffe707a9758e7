"""normalize_text, join_paragraphs, and the per-source repeated-line learning."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from storyline.clean.normalize import join_paragraphs, normalize_text
from storyline.clean.repeated import find_repeated_lines, remove_lines


def test_mojibake_apostrophe_is_repaired_and_stays_curly():
    """UTF-8 read as cp1252 ('donâ€™t') is repaired to a curly apostrophe, not a straight one."""
    assert normalize_text("The minister said she donâ€™t know.") == (
        "The minister said she don\u2019t know."
    )


def test_mojibake_accents_and_quotes_are_repaired():
    """Double-encoded accents and quotation marks come back as written."""
    assert normalize_text("Le cafÃ© a dit â€œnonâ€\x9d.") == "Le caf\u00e9 a dit \u201cnon\u201d."


def test_curly_quotes_are_kept():
    """Correct typographic quotes and dashes are left alone."""
    text = "\u201cWe will rebuild,\u201d the owner said \u2014 \u2018soon\u2019."
    assert normalize_text(text) == text


def test_nbsp_and_zero_width_characters_are_removed():
    """No-break spaces become spaces; zero-width characters and soft hyphens vanish."""
    raw = "Fire\u00a0crews\u200b arrived at\u2009 the ware\u00adhouse\ufeff\u200d."
    assert normalize_text(raw) == "Fire crews arrived at the warehouse."


def test_whitespace_is_collapsed_but_line_breaks_kept():
    """Runs of spaces and tabs collapse, lines are stripped, and paragraph breaks remain."""
    raw = "  First   line\there  \r\n\r\n\tSecond line \u2028Third line"
    assert normalize_text(raw) == "First line here\n\nSecond line\nThird line"


def test_decomposed_accents_are_composed():
    """Combining accents are composed to NFC, so equal words compare equal."""
    assert normalize_text("cafe\u0301 nai\u0308ve") == "caf\u00e9 na\u00efve"


@given(st.text())
@example("\xa0Ü¯")  # mojibake that ftfy only sees once the no-break space is stripped
def test_normalize_is_idempotent(text):
    """Normalizing twice changes nothing more than normalizing once."""
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_normalized_text_has_no_invisible_characters_or_tabs(text):
    """Normalized text never holds tabs, carriage returns, nbsp or zero-width characters."""
    result = normalize_text(text)
    for char in "\t\r\u00a0\u200b\u200c\u200d\ufeff\u00ad":
        assert char not in result


def test_join_paragraphs_skips_empty_ones():
    """Paragraphs are joined by one blank line, and empty ones are left out."""
    assert join_paragraphs(["One.", "", "Two."]) == "One.\n\nTwo."


# -- repeated lines ---------------------------------------------------------------------------

FOOTER = "Eastbrook Echo is part of Valley Media Group"
NAV = "Home | News | Sport"


def story(n: int) -> str:
    """Return a short story from one source with its recurring nav and footer lines."""
    return (
        f"{NAV}\nStory {n} headline about the county\nParagraph {n} of real news, "
        f"which no other story shares.\n{FOOTER}"
    )


def test_lines_in_most_of_a_sources_articles_are_found():
    """Nav and footer lines shared by every story are repeated lines; story lines are not."""
    assert find_repeated_lines(story(n) for n in range(5)) == {NAV: 5, FOOTER: 5}


def test_too_few_articles_are_not_enough_to_learn_from():
    """Two articles sharing a line are below the minimum of three and teach nothing."""
    assert find_repeated_lines([story(1), story(2)]) == {}


def test_lines_below_the_share_are_not_repeated():
    """A line in 3 of 20 texts is below the 30% share and is not learnt."""
    texts = [f"unique {n}" for n in range(17)] + [f"shared line\nunique x{n}" for n in range(3)]
    assert find_repeated_lines(texts) == {}
    assert find_repeated_lines(texts, min_share=0.1) == {"shared line": 3}


def test_long_shared_paragraphs_are_content_not_chrome():
    """A background paragraph of more than 30 words shared by all stories is not learnt."""
    background = " ".join(["The plant has been the subject of complaints since 2019."] * 4)
    texts = [f"{background}\nStory {n}." for n in range(4)]
    assert background not in find_repeated_lines(texts)


def test_remove_lines_drops_paragraphs_and_the_gaps_they_leave():
    """Learnt lines are removed as whole paragraphs, with no double blank lines left."""
    text = f"{NAV}\n\nA real paragraph.\n\n{FOOTER}\n\nAnother real paragraph.\n\n{FOOTER}"
    assert remove_lines(text, {NAV, FOOTER}) == "A real paragraph.\n\nAnother real paragraph."


def test_remove_lines_leaves_partial_matches():
    """A paragraph that only contains a learnt line is kept."""
    text = f"Before the {NAV} menu was redesigned, readers complained."
    assert remove_lines(text, {NAV}) == text


def test_penn_treebank_tokens_read_as_the_characters_they_stand_for():
    """Tokenized corpora write brackets and quotes as tokens; a reader sees the characters."""
    text = "Salazar vowed to `` keep our boot on their neck '' . BP paid $ 500m -LRB- # 346m -RRB-"
    assert normalize_text(text) == (
        "Salazar vowed to “ keep our boot on their neck ” . BP paid $ 500m ( # 346m )"
    )


def test_quote_marks_inside_words_are_not_treebank_tokens():
    """Only whole tokens are read: "rock'n'roll" and "''fine''" are left as they are."""
    assert normalize_text("It's ''fine'' and rock'n'roll") == "It's ''fine'' and rock'n'roll"
