"""The TempEval-3 platinum scorer: tag stripping, what counts, and the figures it gives."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import needs_shared
from eventetl.evaluation.te3 import DEFAULT_FOLDER, Te3Score, parse_tml, score_document, score_te3
from eventetl.extractors.temporal.dates import TemporalExpression

TML = """<?xml version="1.0" ?><TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>
Officials <EVENT eid="e1">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3> that AT&amp;T
lost money in <TIMEX3 tid="t2" type="DATE" value="2010">2010</TIMEX3> over <TIMEX3 tid="t3" type="DURATION" value="P3M">three months</TIMEX3>
and <TIMEX3 tid="t4" type="DATE" value="2013-W12">this week</TIMEX3>.
</TEXT></TimeML>
"""


@pytest.fixture
def tiny_doc(tmp_path: Path):
    path = tmp_path / "T1.tml"
    path.write_text(TML, encoding="utf-8")
    return parse_tml(path)


def test_tags_are_stripped_and_gold_spans_point_into_the_plain_text(tiny_doc):
    assert tiny_doc.dct == date(2013, 3, 22)
    assert "<" not in tiny_doc.text and "AT&T" in tiny_doc.text
    for t in tiny_doc.timexes:
        assert tiny_doc.text[t.start:t.end] == t.text
    assert [(t.text, t.is_target) for t in tiny_doc.timexes] == [
        ("Friday", True), ("2010", True), ("three months", False), ("this week", False)]


def expr(doc, text: str, value: str | None) -> TemporalExpression:
    start = doc.text.index(text)
    return TemporalExpression(start, start + len(text), text, value, "day" if value else None, "explicit")


def test_hits_false_positives_and_ignored_predictions(tiny_doc):
    def finder(text, dct):
        return [
            expr(tiny_doc, "Friday", "2013-03-22"),      # hit
            expr(tiny_doc, "2010", "2011"),              # overlaps a target, wrong value: FP (and a FN)
            expr(tiny_doc, "three months", "2012-12"),   # overlaps a duration: ignored
            expr(tiny_doc, "this week", "2013-03"),      # overlaps a week-valued date: ignored
            expr(tiny_doc, "Officials", "2013"),         # overlaps nothing: FP
            expr(tiny_doc, "money", None),               # no value: ignored
        ]
    score = Te3Score()
    score_document(tiny_doc, score, finder)
    assert (score.gold, score.predicted, score.predicted_hits, score.recalled) == (2, 3, 1, 1)
    assert score.precision == pytest.approx(1 / 3)
    assert score.recall == pytest.approx(1 / 2)
    assert score.f1 == pytest.approx(0.4)


def test_our_finder_on_the_tiny_document_finds_both_targets(tiny_doc):
    score = Te3Score()
    score_document(tiny_doc, score)
    assert (score.gold, score.recalled) == (2, 2)
    assert score.predicted == 2


@needs_shared(DEFAULT_FOLDER)
def test_two_platinum_documents_score_sanely():
    score = score_te3(DEFAULT_FOLDER, limit=2)
    assert score.documents == 2
    assert score.gold > 0
    assert 0 < score.recalled <= min(score.gold, score.predicted)
    assert score.f1 >= 0.6


@needs_shared(DEFAULT_FOLDER)
def test_the_whole_platinum_set_stays_above_the_floor():
    score = score_te3(DEFAULT_FOLDER)
    assert score.documents == 20
    assert score.f1 >= 0.85, "\n".join(score.errors)
