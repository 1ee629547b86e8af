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
    # dev 86.1 / 75.6 / 80.5 (word-order engine: 84.9 / 73.7 / 78.9)
    "dev": (EVAL / "dev", 0.80, 0.855, 0.75),
    # check is measured, never read: 61.5 / 69.5 / 65.3 (word-order engine: 44.1 / 31.5 / 36.7)
    "check": (EVAL / "check", 0.65, 0.61, 0.69),
    # GSR holds PETRARCH-2's own output corrected by hand: its patterns now need a source and
    # a target in the parse: 72.7 / 60.0 / 65.8 (word-order engine: 62.7; dropping them: 0.571)
    "petrarch_gsr": (EVAL / "external" / "petrarch_gsr", 0.655, 0.72, 0.595),
    # the project's own sets (evaluation/sets): tune 86.7 / 75.7 / 80.8 (was 42.8 F1);
    # tune2 80.1 / 60.9 / 69.2 (64.8 when written); holdout, spent and now read for tuning,
    # 75.3 / 66.3 / 70.5 (was 43.9 F1); holdout2, measured only, 82.8 / 79.8 / 81.2 (80.9
    # when written)
    "tune": (OURS / "tune", 0.80, 0.86, 0.75),
    "tune2": (OURS / "tune2", 0.685, 0.79, 0.60),
    "holdout": (OURS / "holdout", 0.70, 0.745, 0.655),
    "holdout2": (OURS / "holdout2", 0.80, 0.82, 0.79),
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


@pytest.mark.parametrize("name, date_floor, place_floor", [gold_set("dev", 0.97, 0.86), gold_set("check", 0.70, 0.70)])
def test_dates_and_places_on_matched_events_stay_above_the_floor(name, date_floor, place_floor):
    """Issue targets: dev dates >= 0.90 and places >= 0.85; check dates >= 0.85 and places
    >= 0.75. Measured when set: dev 0.974 and 0.870; check 0.710 and 0.712, below target."""
    folder = SETS[name][0]
    report = evaluate(folder / "articles", folder / "gold.jsonl")
    assert report.date_accuracy >= date_floor, f"date accuracy {report.date_accuracy:.3f}"
    assert report.location_accuracy >= place_floor, f"location accuracy {report.location_accuracy:.3f}"
