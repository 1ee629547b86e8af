"""Regression guard: the engine's scores on the gold sets must not fall below these floors.

Floors sit just below the figures measured when they were set (see docs/rules.md); raise
them when the rules improve.
"""
from __future__ import annotations

import pytest

from evaluation.events import evaluate
from evaluation.shared_data import eval_dir

EVAL = eval_dir()
SETS = {
    # name: (folder, F1 floor, precision floor, recall floor)
    "dev": (EVAL / "dev", 0.775, 0.84, 0.715),
    # GSR precision 0.686 -> 0.676 when role words of dateline-less stories began taking
    # the country of the sentence's place (one false alarm; CASE 2021 detection 22% -> 30%)
    "petrarch_gsr": (EVAL / "external" / "petrarch_gsr", 0.63, 0.67, 0.595),
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_event_scores_stay_above_the_floor(name):
    folder, f1, precision, recall = SETS[name]
    if not (folder / "gold.jsonl").exists():
        pytest.skip(f"{folder} not available")
    report = evaluate(folder / "articles", folder / "gold.jsonl")
    assert report.f1 >= f1, f"F1 {report.f1:.3f} < {f1}"
    assert report.precision >= precision, f"precision {report.precision:.3f} < {precision}"
    assert report.recall >= recall, f"recall {report.recall:.3f} < {recall}"


def test_dev_dates_and_places_on_matched_events_stay_above_the_floor():
    """Issue targets: event dates >= 0.90 and location countries >= 0.85 on dev (floors just below)."""
    folder = EVAL / "dev"
    if not (folder / "gold.jsonl").exists():
        pytest.skip(f"{folder} not available")
    report = evaluate(folder / "articles", folder / "gold.jsonl")
    assert report.date_accuracy >= 0.89, f"date accuracy {report.date_accuracy:.3f}"
    assert report.location_accuracy >= 0.85, f"location accuracy {report.location_accuracy:.3f}"
