"""Tests for the TimeML reader and writer and the TempEval-3 scorer."""

import re
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest

from storyline.dates.timex import Timex
from storyline.evaluation.cat import read_cat
from storyline.evaluation.timeml import read_dct, read_timeml, strip_timexes, tag_timeml
from storyline.evaluation.timex import count_timexes, score_counts

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>X1</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" '
    'functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>\n'
    "<TEXT>\n"
    'Stocks fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> &amp; '
    'rose for <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.\n'
    "</TEXT>\n</TimeML>\n"
)
CAT = (
    '<Document doc_id="1">\n'
    '<token t_id="1" sentence="0" number="0">Sales</token>\n'
    '<token t_id="2" sentence="0" number="1">fell</token>\n'
    '<token t_id="3" sentence="0" number="2">today</token>\n'
    '<token t_id="4" sentence="0" number="3">.</token>\n'
    '<token t_id="5" sentence="1" number="4">Unannotated</token>\n'
    "<Markables>\n"
    '<TIMEX3 m_id="1" type="DATE" value="2009-02-03" functionInDocument="CREATION_TIME">'
    '<token_anchor t_id="3"/></TIMEX3>\n'
    "</Markables>\n</Document>\n"
)


def test_read_timeml_gives_plain_text_and_spans():
    """The TEXT element becomes plain text with entities decoded and TIMEX3 offsets into it."""
    doc = read_timeml(TML)
    assert doc.dct == date(1998, 1, 8)
    assert doc.text == "\nStocks fell yesterday & rose for three days.\n"
    assert [(doc.text[t.start : t.end], t.value) for t in doc.timexes] == [
        ("yesterday", "1998-01-07"),
        ("three days", "P3D"),
    ]


def test_read_dct_accepts_any_attribute_order():
    """The creation time is found whatever the order of the TIMEX3 attributes."""
    xml = '<TIMEX3 functionInDocument="CREATION_TIME" value="2013-03-22" tid="t0">x</TIMEX3>'
    assert read_dct(xml) == date(2013, 3, 22)


def test_tag_timeml_round_trips_through_the_reader():
    """Tagging a TE3input document adds TIMEX3 tags the reader finds again, text unchanged."""
    stripped = strip_timexes(TML)
    tagged = tag_timeml(stripped)
    doc = read_timeml(tagged)
    assert doc.text == read_timeml(stripped).text
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("yesterday", "DATE", "1998-01-07"),
        ("three days", "DURATION", "P3D"),
    ]
    assert "&amp;" in tagged


TE3_GOLD = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>own_0001</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2021-12-31" temporalFunction="false" '
    'functionInDocument="CREATION_TIME">2021-12-31</TIMEX3></DCT>\n'
    "<TITLE>Biden expects progress</TITLE>\n<TEXT>\n"
    'WASHINGTON <TIMEX3 tid="t1" type="DATE" value="2021-12-31">Dec 31</TIMEX3> - '
    'Putin and Biden <EVENT eid="e1">spoke</EVENT> '
    '<TIMEX3 tid="t2" type="DATE" value="2021-12-30">on Thursday</TIMEX3> for '
    '<TIMEX3 tid="t3" type="DURATION" value="PT50M">50 minutes</TIMEX3>. Talks open '
    '<TIMEX3 tid="t4" type="DATE" value="2022-01-10">January 10</TIMEX3> &amp; a council '
    'meets <TIMEX3 tid="t5" type="DATE" value="2022-01-12">January 12</TIMEX3>.\n'
    "</TEXT>\n</TimeML>\n"
)


def test_tag_timeml_output_is_timeml_that_scores_against_gold():
    """A TE3input tagged and read back is valid TimeML that scores perfectly on its own gold."""
    te3input = strip_timexes(TE3_GOLD)
    assert "<TIMEX3" not in te3input.split("<TEXT>")[1]
    tagged = tag_timeml(te3input)
    ElementTree.fromstring(tagged)  # well-formed XML
    assert tagged.split("<TEXT>")[0] == te3input.split("<TEXT>")[0]  # DCT and title untouched
    assert '<EVENT eid="e1">spoke</EVENT>' in tagged
    tids = re.findall(r'<TIMEX3 tid="(t\d+)"', tagged)
    assert len(tids) == len(set(tids)) == 6  # unique, t0 included
    gold, system = read_timeml(TE3_GOLD), read_timeml(tagged)
    assert system.text == gold.text
    scores = score_counts([count_timexes(gold.timexes, system.timexes)])
    assert scores.relaxed_f1 == scores.value_f1 == 1.0


def test_tag_timeml_can_override_the_creation_date():
    """A given DCT replaces the document's as the anchor of relative expressions."""
    tagged = read_timeml(tag_timeml(strip_timexes(TE3_GOLD), dct=date(2022, 1, 7)))
    values = {t.text: t.value for t in tagged.timexes}
    assert values["Thursday"] == "2022-01-06"
    assert values["Dec 31"] == "2021-12-31"


def test_read_cat_detokenizes_and_keeps_only_annotated_sentences():
    """CAT tokens become text up to the last annotated sentence, with the creation date."""
    doc = read_cat(CAT)
    assert doc.text == "Sales fell today."
    assert doc.dct == date(2009, 2, 3)
    assert doc.timexes == (Timex(11, 16, "today", "DATE", "2009-02-03"),)


def test_scores_follow_the_tempeval3_definitions():
    """Strict needs equal extents, relaxed any overlap; value F1 is value accuracy x relaxed F1."""
    gold = [Timex(0, 9, "last week", "DATE", "W1"), Timex(20, 25, "today", "DATE", "D")]
    system = [Timex(5, 9, "week", "DATE", "W1"), Timex(20, 25, "today", "DATE", "X"),
              Timex(30, 33, "now", "DATE", "PRESENT_REF")]  # fmt: skip
    s = score_counts([count_timexes(gold, system)])
    assert (s.strict_p, s.strict_r) == (pytest.approx(1 / 3), 0.5)
    assert (s.relaxed_p, s.relaxed_r) == (pytest.approx(2 / 3), 1.0)
    assert s.relaxed_f1 == pytest.approx(0.8)
    assert s.value_accuracy == 0.5
    assert s.value_f1 == pytest.approx(0.4)


@pytest.mark.slow
def test_quality_floor_on_tempeval3():
    """The tagger keeps its TempEval-3 training-set scores (floors a little under the measured)."""
    tbaq = DATA / "tempeval3" / "Training" / "TBAQ-cleaned"
    paths = sorted(tbaq.glob("TimeBank/*.tml")) + sorted(tbaq.glob("AQUAINT/*.tml"))
    if not paths:
        pytest.skip(f"TempEval-3 data not found under {tbaq}")
    from storyline.dates.timex import find_timexes

    counts = []
    for path in paths:
        doc = read_timeml(path.read_text(encoding="utf-8"))
        counts.append(count_timexes(doc.timexes, find_timexes(doc.text, doc.dct)))
    s = score_counts(counts)
    assert s.strict_f1 >= 0.855
    assert s.relaxed_f1 >= 0.93
    assert s.value_f1 >= 0.795
