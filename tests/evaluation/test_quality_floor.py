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
    # dev 86.2 / 76.1 / 80.8 (word-order engine: 84.9 / 73.7 / 78.9)
    "dev": (EVAL / "dev", 0.805, 0.86, 0.755),
    # check is measured, never read: 62.8 / 72.5 / 67.3 (word-order engine: 44.1 / 31.5 / 36.7)
    "check": (EVAL / "check", 0.67, 0.625, 0.72),
    # GSR holds PETRARCH-2's own output corrected by hand: its patterns now need a source and
    # a target in the parse: 73.8 / 60.0 / 66.2 (word-order engine: 62.7; dropping them: 0.571)
    "petrarch_gsr": (EVAL / "external" / "petrarch_gsr", 0.66, 0.73, 0.595),
    # the project's own sets (evaluation/sets): tune 87.6 / 79.8 / 83.5 (was 42.8 F1);
    # tune2 84.3 / 67.6 / 75.1 (64.8 when written); holdout, spent and now read for tuning,
    # 77.6 / 68.6 / 72.8 (was 43.9 F1); holdout2, measured only, 84.8 / 85.9 / 85.4 (80.9
    # when written)
    "tune": (OURS / "tune", 0.83, 0.87, 0.79),
    "tune2": (OURS / "tune2", 0.745, 0.835, 0.67),
    "holdout": (OURS / "holdout", 0.725, 0.77, 0.68),
    "holdout2": (OURS / "holdout2", 0.85, 0.845, 0.855),
    # written in later sessions by agents that had not read the coder; each measured once
    # before any rule was written from it (F1 then in brackets). tune3a 77.3 / 64.4 / 70.3
    # (62.5), tune3b 92.3 / 76.6 / 83.7 (72.6), tune4a 77.0 / 67.5 / 72.0 (69.5), tune4b
    # 78.5 / 65.3 / 71.3 (65.9), tune5a 72.5 / 68.5 / 70.5 (62.5), tune5b 93.7 / 81.7 / 87.3
    # (82.0), tune6a 78.8 / 64.2 / 70.7 (65.8), tune6b 87.0 / 78.3 / 82.5 (79.6), tune7a
    # 80.2 / 64.4 / 71.4 (67.4), tune7b 92.2 / 70.3 / 79.8 (76.2); measured only: holdout3a
    # 73.6 / 74.3 / 73.9 and holdout3b 63.3 / 60.6 / 62.0 (70.5 and 60.8 with the rules of
    # three sessions before), holdout4a 72.8 / 63.4 / 67.8 and holdout4b 69.8 / 62.6 / 66.0
    # (65.5 and 65.3 two sessions before), holdout5a 69.4 / 60.8 / 64.8 and holdout5b
    # 77.8 / 68.6 / 72.9 (64.1 and 70.2 with the rules of the session that wrote them)
    "tune3a": (OURS / "tune3a", 0.70, 0.77, 0.64),
    "tune3b": (OURS / "tune3b", 0.835, 0.92, 0.76),
    "tune4a": (OURS / "tune4a", 0.715, 0.765, 0.67),
    "tune4b": (OURS / "tune4b", 0.71, 0.78, 0.65),
    "tune5a": (OURS / "tune5a", 0.70, 0.72, 0.68),
    "tune5b": (OURS / "tune5b", 0.87, 0.935, 0.815),
    "tune6a": (OURS / "tune6a", 0.705, 0.785, 0.64),
    "tune6b": (OURS / "tune6b", 0.82, 0.865, 0.78),
    "tune7a": (OURS / "tune7a", 0.71, 0.80, 0.64),
    "tune7b": (OURS / "tune7b", 0.795, 0.92, 0.70),
    "holdout3a": (OURS / "holdout3a", 0.735, 0.735, 0.74),
    "holdout3b": (OURS / "holdout3b", 0.615, 0.63, 0.605),
    "holdout4a": (OURS / "holdout4a", 0.675, 0.725, 0.63),
    "holdout4b": (OURS / "holdout4b", 0.655, 0.695, 0.62),
    "holdout5a": (OURS / "holdout5a", 0.645, 0.69, 0.605),
    "holdout5b": (OURS / "holdout5b", 0.725, 0.775, 0.685),
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


@pytest.mark.parametrize("name, date_floor, place_floor", [gold_set("dev", 0.97, 0.88), gold_set("check", 0.71, 0.71)])
def test_dates_and_places_on_matched_events_stay_above_the_floor(name, date_floor, place_floor):
    """Issue targets: dev dates >= 0.90 and places >= 0.85; check dates >= 0.85 and places
    >= 0.75. Measured when set: dev 0.974 and 0.883; check 0.711 and 0.710, below target
    (check dates were 0.699 and places 0.716 at 68b5b28, 0.702 and 0.711 at 6677e40, 0.716
    and 0.713 at 5db59a4)."""
    folder = SETS[name][0]
    report = evaluate(folder / "articles", folder / "gold.jsonl")
    assert report.date_accuracy >= date_floor, f"date accuracy {report.date_accuracy:.3f}"
    assert report.location_accuracy >= place_floor, f"location accuracy {report.location_accuracy:.3f}"
