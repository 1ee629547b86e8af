"""The figures the scorers share: P/R/F1 of matched predictions and detection of labelled texts."""
from __future__ import annotations

import pytest

from eventetl.evaluation.metrics import Detection, LabelDetection, add_up


def test_precision_counts_right_predictions_and_recall_found_gold_items_apart():
    # overlap matching: one long prediction across two gold toponyms recalls both
    found = Detection(gold=4, predicted=2, predicted_hits=1, recalled=2)
    assert (found.precision, found.recall) == (0.5, 0.5)
    assert found.f1 == pytest.approx(0.5)


def test_nothing_to_count_gives_zero_figures_not_an_error():
    nothing = Detection()
    assert (nothing.precision, nothing.recall, nothing.f1) == (0.0, 0.0, 0.0)


def test_a_text_is_detected_by_a_fitting_event_and_counted_for_any_event_by_any():
    counts = LabelDetection()
    counts.add(events=2, fitting=1)   # detected
    counts.add(events=1, fitting=0)   # an event, of another type
    counts.add(events=0, fitting=0)   # nothing coded
    assert (counts.texts, counts.detected, counts.any_event, counts.events, counts.fitting_events) == (3, 1, 2, 3, 1)
    assert counts.detected_share == pytest.approx(1 / 3)
    assert counts.any_event_share == pytest.approx(2 / 3)
    assert counts.fitting_share == pytest.approx(1 / 3)


def test_label_counts_of_several_types_add_up_field_by_field():
    a, b = LabelDetection(), LabelDetection()
    a.add(2, 2)
    b.add(1, 0)
    total = add_up([a, b], LabelDetection())
    assert (total.texts, total.detected, total.any_event, total.events, total.fitting_events) == (2, 1, 2, 3, 2)
