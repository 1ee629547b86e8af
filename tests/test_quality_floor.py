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
    # the parse-based coder (issue 14) trades dev-only word-order fixes for structure that
    # carries to unseen news: dev F1 0.789 -> 0.737, a new holdout set 0.439 -> 0.594
    "dev": (EVAL / "dev", 0.72, 0.77, 0.67),
    # GSR holds PETRARCH-2's own output corrected by hand: its patterns now need a source and
    # a target in the parse (0.636 -> 0.600; dropping them: 0.571)
    "petrarch_gsr": (EVAL / "external" / "petrarch_gsr", 0.58, 0.62, 0.54),
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
    assert report.date_accuracy >= 0.83, f"date accuracy {report.date_accuracy:.3f}"
    assert report.location_accuracy >= 0.85, f"location accuracy {report.location_accuracy:.3f}"
