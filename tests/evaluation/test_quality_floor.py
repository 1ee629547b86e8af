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
    # carries to unseen news. Measured when set (P / R / F1), at e12e7f6:
    # dev 86.3 / 77.0 / 81.4 (word-order engine: 84.9 / 73.7 / 78.9)
    "dev": (EVAL / "dev", 0.81, 0.86, 0.765),
    # check is measured, never read: 62.8 / 72.5 / 67.3 (word-order engine: 44.1 / 31.5 / 36.7)
    "check": (EVAL / "check", 0.67, 0.625, 0.725),
    # GSR holds PETRARCH-2's own output corrected by hand: its patterns now need a source and
    # a target in the parse: 73.8 / 60.0 / 66.2 (word-order engine: 62.7; dropping them: 0.571)
    "petrarch_gsr": (EVAL / "external" / "petrarch_gsr", 0.66, 0.735, 0.6),
    # the project's own sets (evaluation/sets): tune 89.3 / 81.6 / 85.3 (was 42.8 F1);
    # tune2 85.7 / 68.1 / 75.9 (64.8 when written); holdout, spent and now read for tuning,
    # 78.3 / 69.8 / 73.8 (was 43.9 F1); holdout2, measured only, 83.4 / 86.5 / 84.9 (80.9
    # when written)
    "tune": (OURS / "tune", 0.85, 0.89, 0.815),
    "tune2": (OURS / "tune2", 0.755, 0.855, 0.68),
    "holdout": (OURS / "holdout", 0.735, 0.78, 0.695),
    "holdout2": (OURS / "holdout2", 0.845, 0.83, 0.865),
    # written in later sessions by agents that had not read the coder; each measured once
    # before any rule was written from it (F1 then in brackets). tune3a 79.7 / 65.6 / 72.0
    # (62.5), tune3b 92.3 / 76.6 / 83.7 (72.6), tune4a 77.0 / 67.5 / 72.0 (69.5), tune4b
    # 78.8 / 66.3 / 72.0 (65.9), tune5a 74.8 / 71.3 / 73.0 (62.5), tune5b 92.7 / 81.7 / 86.8
    # (82.0), tune6a 81.2 / 64.2 / 71.7 (65.8), tune6b 87.0 / 78.3 / 82.5 (79.6), tune7a
    # 85.0 / 67.3 / 75.1 (67.4), tune7b 92.3 / 71.3 / 80.4 (76.2), tune8a 85.1 / 70.8 / 77.3
    # (71.9), tune8b 83.5 / 71.0 / 76.8 (69.4); measured only (F1 at the start of the session
    # that set these floors in brackets): holdout3a 76.7 / 75.2 / 76.0 (74.9), holdout3b
    # 61.1 / 58.5 / 59.8 (60.5), holdout4a 78.2 / 65.6 / 71.3 (70.5), holdout4b 67.4 / 59.8 /
    # 63.4 (65.4), holdout5a 72.0 / 60.8 / 65.9 (64.4), holdout5b 74.7 / 66.7 / 70.5 (71.1),
    # holdout6a 76.3 / 65.5 / 70.5 (70.5), holdout6b 73.6 / 58.3 / 65.0 (65.7), holdout7a
    # 73.0 / 58.1 / 64.7 (61.8) and holdout7b 62.9 / 58.7 / 60.7 (59.7), the last two written
    # in that session and measured only at its start and end
    "tune3a": (OURS / "tune3a", 0.715, 0.795, 0.655),
    "tune3b": (OURS / "tune3b", 0.835, 0.92, 0.765),
    "tune4a": (OURS / "tune4a", 0.715, 0.77, 0.675),
    "tune4b": (OURS / "tune4b", 0.72, 0.785, 0.66),
    "tune5a": (OURS / "tune5a", 0.725, 0.745, 0.71),
    "tune5b": (OURS / "tune5b", 0.865, 0.925, 0.815),
    "tune6a": (OURS / "tune6a", 0.715, 0.81, 0.64),
    "tune6b": (OURS / "tune6b", 0.82, 0.87, 0.78),
    "tune7a": (OURS / "tune7a", 0.75, 0.85, 0.67),
    "tune7b": (OURS / "tune7b", 0.8, 0.92, 0.71),
    "tune8a": (OURS / "tune8a", 0.77, 0.85, 0.705),
    "tune8b": (OURS / "tune8b", 0.765, 0.835, 0.71),
    "holdout3a": (OURS / "holdout3a", 0.755, 0.765, 0.75),
    "holdout3b": (OURS / "holdout3b", 0.595, 0.61, 0.585),
    "holdout4a": (OURS / "holdout4a", 0.71, 0.78, 0.655),
    "holdout4b": (OURS / "holdout4b", 0.63, 0.67, 0.595),
    "holdout5a": (OURS / "holdout5a", 0.655, 0.715, 0.605),
    "holdout5b": (OURS / "holdout5b", 0.7, 0.745, 0.665),
    "holdout6a": (OURS / "holdout6a", 0.7, 0.76, 0.65),
    "holdout6b": (OURS / "holdout6b", 0.65, 0.735, 0.58),
    "holdout7a": (OURS / "holdout7a", 0.645, 0.725, 0.58),
    "holdout7b": (OURS / "holdout7b", 0.605, 0.625, 0.585),
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


@pytest.mark.parametrize("name, date_floor, place_floor", [gold_set("dev", 0.97, 0.875), gold_set("check", 0.71, 0.71)])
def test_dates_and_places_on_matched_events_stay_above_the_floor(name, date_floor, place_floor):
    """Issue targets: dev dates >= 0.90 and places >= 0.85; check dates >= 0.85 and places
    >= 0.75. Measured when set: dev 0.974 and 0.878 (0.883 before one more matched event at
    e12e7f6); check 0.711 and 0.710 (again at 912f72e and e12e7f6), below target
    (check dates were 0.699 and places 0.716 at 68b5b28, 0.702 and 0.711 at 6677e40, 0.716
    and 0.713 at 5db59a4)."""
    folder = SETS[name][0]
    report = evaluate(folder / "articles", folder / "gold.jsonl")
    assert report.date_accuracy >= date_floor, f"date accuracy {report.date_accuracy:.3f}"
    assert report.location_accuracy >= place_floor, f"location accuracy {report.location_accuracy:.3f}"
