"""decode_text and its steps: UTF-8 with stray bytes, Western legacy text, other charsets."""

from __future__ import annotations

import pytest

from storyline.errors import ExtractionError
from storyline.ingest.decode import decode_mostly_utf8, decode_text, decode_western

OTHER_SCRIPTS = {
    "cp1251": "Правительство объявило о новых мерах поддержки фермеров после засухи этим летом.\n",
    "cp1250": "Zażółć gęślą jaźń. Rząd ogłosił nowe środki wsparcia dla rolników po suszy.\n",
    "cp1253": "Η κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης για τους αγρότες μετά την ξηρασία.\n",
    "cp1254": "Hükümet kuraklığın ardından çiftçiler için yeni destek önlemleri açıkladı.\n",
}
WESTERN = {
    "latin-1": "¿Qué pasó en el año 2º? El niño comió piña con la señora García.\n",
    "cp1252": "Die Straße über der Brücke bleibt wegen der Schäden gesperrt – „bis Juni“.\n",
}


def test_stray_byte_in_utf8_is_read_as_cp1252_and_the_rest_as_utf8():
    """One latin-1 'é' pasted into UTF-8 text comes out as 'é', next to the UTF-8 quotes."""
    data = "The operator\u2019s \u201cfull refund\u201d".encode() + b" at the caf\xe9."
    assert decode_mostly_utf8(data) == "The operator\u2019s \u201cfull refund\u201d at the café."


def test_byte_undefined_in_cp1252_becomes_a_replacement_character():
    """A stray 0x81, which cp1252 leaves undefined, is a U+FFFD and not an error."""
    data = "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e".encode() + b" \x81"
    assert decode_mostly_utf8(data) == "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e \ufffd"


def test_legacy_text_without_utf8_characters_is_not_called_utf8():
    """English cp1252 with one curly apostrophe has no UTF-8 evidence and is left to the guess."""
    data = "The mayor\u2019s offer was rejected on Monday.".encode("cp1252")
    assert decode_mostly_utf8(data) is None
    assert decode_text(data) == "The mayor\u2019s offer was rejected on Monday."


@pytest.mark.parametrize("encoding", sorted(WESTERN))
def test_western_european_text_is_read_as_cp1252(encoding):
    """Spanish latin-1 and German cp1252 text, with ordinals, dashes and quotes, read right."""
    text = WESTERN[encoding]
    assert decode_western(text.encode(encoding)) == text
    assert decode_text(text.encode(encoding)) == text


@pytest.mark.parametrize("encoding", sorted(OTHER_SCRIPTS))
def test_other_legacy_encodings_are_not_taken_for_cp1252(encoding):
    """Russian, Polish, Greek and Turkish legacy text is left to charset-normalizer."""
    data = OTHER_SCRIPTS[encoding].encode(encoding)
    assert decode_western(data) is None
    assert decode_text(data) != data.decode("cp1252", errors="replace")


def test_declared_charset_wins_over_the_guesses():
    """A page that declares cp1251 is decoded as cp1251."""
    text = OTHER_SCRIPTS["cp1251"]
    assert decode_text(text.encode("cp1251"), "windows-1251") == text


def test_binary_data_is_refused():
    """A PNG header is binary, whatever the decoder would make of it."""
    with pytest.raises(ExtractionError, match="binary file: PNG image"):
        decode_text(b"\x89PNG\r\n\x1a\n" + bytes(40))
