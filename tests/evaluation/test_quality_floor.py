"""Regression guard: the engine's scores on the gold sets must not fall below these floors.

Floors sit just below the figures measured when they were set (see docs/rules.md); raise
them when the rules improve.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED, needs_shared
from eventetl.evaluation.events import evaluate

EVAL = SHARED / "eval"
OURS = Path(__file__).resolve().parents[2] / "evaluation" / "sets"
SETS = {
    # name: (folder, F1 floor, precision floor, recall floor)
    # the parse-based coder (issue 14) trades dev-only word-order fixes for structure that
    # carries to unseen news. Measured when set (P / R / F1):
    # dev 86.6 / 76.1 / 81.0 (word-order engine: 84.9 / 73.7 / 78.9)
    "dev": (EVAL / "dev", 0.805, 0.86, 0.755),
    # check is measured, never read: 61.5 / 71.0 / 65.9 (word-order engine: 44.1 / 31.5 / 36.7)
    "check": (EVAL / "check", 0.655, 0.61, 0.705),
    # GSR holds PETRARCH-2's own output corrected by hand: its patterns now need a source and
    # a target in the parse: 73.8 / 60.0 / 66.2 (word-order engine: 62.7; dropping them: 0.571)
    "petrarch_gsr": (EVAL / "external" / "petrarch_gsr", 0.66, 0.73, 0.595),
    # the project's own sets (evaluation/sets): tune 87.3 / 77.7 / 82.3 (was 42.8 F1);
    # tune2 83.3 / 65.1 / 73.1 (64.8 when written); holdout, spent and now read for tuning,
    # 76.8 / 67.8 / 72.0 (was 43.9 F1); holdout2, measured only, 85.2 / 84.7 / 84.9 (80.9
    # when written)
    "tune": (OURS / "tune", 0.815, 0.865, 0.77),
    "tune2": (OURS / "tune2", 0.725, 0.83, 0.645),
    "holdout": (OURS / "holdout", 0.715, 0.765, 0.67),
    "holdout2": (OURS / "holdout2", 0.84, 0.845, 0.835),
    # written in a later session by agents that had not read the coder; each measured once
    # before any rule was written from it (F1 then in brackets). tune3a 76.8 / 58.9 / 66.7
    # (62.5), tune3b 89.7 / 74.5 / 81.4 (72.6), tune4a 77.1 / 64.9 / 70.5 (69.5), tune4b
    # 76.6 / 62.1 / 68.6 (65.9); holdout3a and holdout3b, measured only: 72.5 / 70.5 / 71.5
    # and 64.0 / 58.5 / 61.1 (70.5 and 60.8 with the rules of the session before)
    "tune3a": (OURS / "tune3a", 0.66, 0.76, 0.585),
    "tune3b": (OURS / "tune3b", 0.795, 0.89, 0.72),
    "tune4a": (OURS / "tune4a", 0.70, 0.765, 0.645),
    "tune4b": (OURS / "tune4b", 0.68, 0.76, 0.62),
    "holdout3a": (OURS / "holdout3a", 0.71, 0.72, 0.70),
    "holdout3b": (OURS / "holdout3b", 0.605, 0.635, 0.58),
}


def gold_set(name: str, *values: float):
    """The parameters of one set's test; a set of the shared folder is marked as needing
    it (the project's own sets ship with the repository and always run)."""
    folder = SETS[name][0]
    marks = needs_shared(folder / "articles", folder / "gold.jsonl") if folder.is_relative_to(EVAL) else ()
    return pytest.param(name, *values, marks=marks)


@pytest.mark.parametrize("name", [gold_set(name) for name in sorted(SETS)])
def test_event_scores_stay_above_the_floor(name):
    folder, f1, precision, recall = SETS[name]
    report = evaluate(folder / "articles", folder / "gold.jsonl")
    assert report.f1 >= f1, f"F1 {report.f1:.3f} < {f1}"
    assert report.precision >= precision, f"precision {report.precision:.3f} < {precision}"
    assert report.recall >= recall, f"recall {report.recall:.3f} < {recall}"


@pytest.mark.parametrize("name, date_floor, place_floor", [gold_set("dev", 0.97, 0.88), gold_set("check", 0.69, 0.71)])
def test_dates_and_places_on_matched_events_stay_above_the_floor(name, date_floor, place_floor):
    """Issue targets: dev dates >= 0.90 and places >= 0.85; check dates >= 0.85 and places
    >= 0.75. Measured when set: dev 0.974 and 0.889; check 0.702 and 0.711, below target
    (check dates were 0.699 and places 0.716 at 68b5b28; n=93 then, 94 now)."""
    folder = SETS[name][0]
    report = evaluate(folder / "articles", folder / "gold.jsonl")
    assert report.date_accuracy >= date_floor, f"date accuracy {report.date_accuracy:.3f}"
    assert report.location_accuracy >= place_floor, f"location accuracy {report.location_accuracy:.3f}"
