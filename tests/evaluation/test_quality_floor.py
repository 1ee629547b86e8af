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
    # carries to unseen news. Measured when set (P / R / F1), at aa150ac:
    # dev 86.4 / 77.5 / 81.7 (word-order engine: 84.9 / 73.7 / 78.9)
    "dev": (EVAL / "dev", 0.815, 0.86, 0.77),
    # check is measured, never read: 62.9 / 72.0 / 67.1 (word-order engine: 44.1 / 31.5 / 36.7)
    "check": (EVAL / "check", 0.67, 0.625, 0.72),
    # GSR holds PETRARCH-2's own output corrected by hand: its patterns now need a source and
    # a target in the parse: 73.8 / 60.0 / 66.2 (word-order engine: 62.7; dropping them: 0.571)
    "petrarch_gsr": (EVAL / "external" / "petrarch_gsr", 0.66, 0.735, 0.6),
    # the project's own sets (evaluation/sets): tune 89.6 / 82.2 / 85.8 (was 42.8 F1);
    # tune2 85.4 / 68.9 / 76.3 (64.8 when written); holdout, spent and now read for tuning,
    # 78.3 / 69.8 / 73.8 (was 43.9 F1); holdout2, measured only, 83.0 / 87.1 / 85.0 (80.9
    # when written)
    "tune": (OURS / "tune", 0.855, 0.895, 0.82),
    "tune2": (OURS / "tune2", 0.76, 0.85, 0.685),
    "holdout": (OURS / "holdout", 0.735, 0.78, 0.695),
    "holdout2": (OURS / "holdout2", 0.85, 0.83, 0.87),
    # written in later sessions by agents that had not read the coder; each measured once
    # before any rule was written from it (F1 then in brackets). tune3a 81.1 / 66.7 / 73.2
    # (62.5), tune3b 92.4 / 77.7 / 84.4 (72.6), tune4a 77.8 / 67.5 / 72.3 (69.5), tune4b
    # 77.5 / 65.3 / 70.9 (65.9), tune5a 74.8 / 71.3 / 73.0 (62.5), tune5b 92.7 / 81.7 / 86.8
    # (82.0), tune6a 81.2 / 64.2 / 71.7 (65.8), tune6b 89.1 / 81.7 / 85.2 (79.6), tune7a
    # 84.0 / 67.3 / 74.7 (67.4), tune7b 92.3 / 71.3 / 80.4 (76.2), tune8a 85.9 / 69.9 / 77.1
    # (71.9), tune8b 84.6 / 72.0 / 77.8 (69.4); measured only (F1 at the start of the session
    # that set these floors in brackets): holdout3a 76.5 / 74.3 / 75.4 (76.0), holdout3b
    # 60.0 / 57.4 / 58.7 (59.8), holdout4a 77.2 / 65.6 / 70.9 (71.3), holdout4b 67.4 / 59.8 /
    # 63.4 (63.4), holdout5a 72.8 / 60.8 / 66.3 (65.9), holdout5b 73.9 / 66.7 / 70.1 (70.5),
    # holdout6a 76.3 / 65.5 / 70.5 (70.5), holdout6b 74.4 / 58.3 / 65.4 (65.0), holdout7a
    # 74.0 / 58.1 / 65.1 (64.7), holdout7b 62.2 / 58.7 / 60.4 (60.7), holdout8a 71.1 / 62.1 /
    # 66.3 (67.4) and holdout8b 76.1 / 68.0 / 71.8 (72.4), the last two written in that
    # session and measured only at its start and end
    "tune3a": (OURS / "tune3a", 0.73, 0.81, 0.665),
    "tune3b": (OURS / "tune3b", 0.84, 0.92, 0.775),
    "tune4a": (OURS / "tune4a", 0.72, 0.775, 0.675),
    "tune4b": (OURS / "tune4b", 0.705, 0.775, 0.65),
    "tune5a": (OURS / "tune5a", 0.725, 0.745, 0.71),
    "tune5b": (OURS / "tune5b", 0.865, 0.925, 0.815),
    "tune6a": (OURS / "tune6a", 0.715, 0.81, 0.64),
    "tune6b": (OURS / "tune6b", 0.85, 0.89, 0.815),
    "tune7a": (OURS / "tune7a", 0.745, 0.835, 0.67),
    "tune7b": (OURS / "tune7b", 0.8, 0.92, 0.71),
    "tune8a": (OURS / "tune8a", 0.77, 0.855, 0.695),
    "tune8b": (OURS / "tune8b", 0.775, 0.845, 0.715),
    "holdout3a": (OURS / "holdout3a", 0.75, 0.76, 0.74),
    "holdout3b": (OURS / "holdout3b", 0.585, 0.6, 0.57),
    "holdout4a": (OURS / "holdout4a", 0.705, 0.77, 0.655),
    "holdout4b": (OURS / "holdout4b", 0.63, 0.67, 0.595),
    "holdout5a": (OURS / "holdout5a", 0.66, 0.725, 0.605),
    "holdout5b": (OURS / "holdout5b", 0.7, 0.735, 0.665),
    "holdout6a": (OURS / "holdout6a", 0.7, 0.76, 0.65),
    "holdout6b": (OURS / "holdout6b", 0.65, 0.74, 0.58),
    "holdout7a": (OURS / "holdout7a", 0.65, 0.735, 0.58),
    "holdout7b": (OURS / "holdout7b", 0.6, 0.62, 0.585),
    "holdout8a": (OURS / "holdout8a", 0.66, 0.71, 0.62),
    "holdout8b": (OURS / "holdout8b", 0.715, 0.76, 0.675),
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


@pytest.mark.parametrize("name, date_floor, place_floor", [gold_set("dev", 0.97, 0.875), gold_set("check", 0.715, 0.705)])
def test_dates_and_places_on_matched_events_stay_above_the_floor(name, date_floor, place_floor):
    """Issue targets: dev dates >= 0.90 and places >= 0.85; check dates >= 0.85 and places
    >= 0.75. Measured when set: dev 0.974 and 0.879 (0.883 before one more matched event at
    e12e7f6); check 0.719 and 0.708 (0.711 and 0.710 at 912f72e and e12e7f6), below target
    (check dates were 0.699 and places 0.716 at 68b5b28, 0.702 and 0.711 at 6677e40, 0.716
    and 0.713 at 5db59a4)."""
    folder = SETS[name][0]
    report = evaluate(folder / "articles", folder / "gold.jsonl")
    assert report.date_accuracy >= date_floor, f"date accuracy {report.date_accuracy:.3f}"
    assert report.location_accuracy >= place_floor, f"location accuracy {report.location_accuracy:.3f}"
