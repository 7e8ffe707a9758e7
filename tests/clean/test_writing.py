"""Word counts, sentence ends and text length in scripts with and without spaces."""

from storyline.clean.writing import ends_like_sentence, text_weight, word_count


def test_latin_words_are_counted_by_spaces():
    """Space-separated text counts one word per token."""
    assert word_count("Council approves new flood barrier") == 5


def test_japanese_and_chinese_count_about_two_characters_a_word():
    """A line without spaces is not one word: 東京都は新しい計画を発表した is about seven."""
    assert word_count("東京都は新しい計画を発表した") == 7
    assert word_count("跨海通道实现全线贯通") == 5


def test_thai_counts_about_four_characters_a_word():
    """Thai runs words together; its characters are counted instead."""
    assert word_count("ประเทศไทยประกาศแผนใหม่วันนี้") == 7


def test_cjk_and_arabic_sentence_ends():
    """。！？ and the Arabic question mark end sentences; a bare label does not."""
    assert ends_like_sentence("工程将于明年上半年通车。")
    assert ends_like_sentence("「最後まで確認を続けたい」")
    assert ends_like_sentence("هل تنهي المحطة هذه المعاناة؟")
    assert not ends_like_sentence("雪への備え")


def test_an_ideograph_weighs_three_letters():
    """Thirty Chinese characters are as much text as ninety Latin letters."""
    assert text_weight("通" * 30) == 90
    assert text_weight("abc") == 3
