"""Length and sentence tests that hold for scripts written without spaces between words."""

from __future__ import annotations

import re

# Chinese and Japanese: one character is about half a word (Han, kana, CJK punctuation aside).
IDEOGRAPHIC = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
# Thai, Lao, Khmer and Burmese: words run together, about four characters each.
SPACELESS_ALPHABETIC = re.compile(r"[\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f]")
CHARS_PER_IDEOGRAPHIC_WORD = 2
CHARS_PER_SPACELESS_WORD = 4
# An ideograph carries about as much text as three Latin letters: 80 Latin characters of
# body is a sentence or two, and so are about 27 Chinese characters.
LATIN_CHARS_PER_IDEOGRAPH = 3
# What ends a sentence: Latin, CJK full-width, Arabic and Urdu marks, and closing quotes.
SENTENCE_END = re.compile(r"[.!?…\"”’')\]:。！？．｡」』）؟۔]$")


def word_count(line: str) -> int:
    """Return about how many words a line holds, in any script.

    Spaces separate words in most scripts; in Chinese, Japanese and Thai they do not, so
    their characters are counted instead: '東京都は新しい計画を発表した' is about seven words.
    """
    count = 0
    for token in line.split():
        ideographs = len(IDEOGRAPHIC.findall(token))
        spaceless = len(SPACELESS_ALPHABETIC.findall(token))
        if not ideographs and not spaceless:
            count += 1
            continue
        rest = len(token) - ideographs - spaceless
        count += max(
            1,
            round(ideographs / CHARS_PER_IDEOGRAPHIC_WORD)
            + round(spaceless / CHARS_PER_SPACELESS_WORD)
            + (1 if rest > 2 else 0),
        )
    return count


def text_weight(text: str) -> int:
    """Return a text's length in Latin-letter equivalents, for 'too little text' tests."""
    return len(text) + (LATIN_CHARS_PER_IDEOGRAPH - 1) * len(IDEOGRAPHIC.findall(text))


def ends_like_sentence(line: str) -> bool:
    """Tell whether a line ends like prose, in Latin, CJK or Arabic punctuation."""
    return SENTENCE_END.search(line) is not None
