"""Regression guard: the engine's scores on the gold sets must not fall below these floors.

Floors sit just below the figures measured when they were set (see docs/rules.md); raise
them when the rules improve.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.events import evaluate

EVAL = Path("/work/shared/eval")
SETS = {
    # name: (folder, F1 floor, precision floor, recall floor)
    "dev": (EVAL / "dev", 0.72, 0.78, 0.66),
    "petrarch_gsr": (EVAL / "external" / "petrarch_gsr", 0.53, 0.55, 0.51),
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
