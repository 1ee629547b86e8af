"""CASE 2021 Task 2 detection scoring: given snippets, their types and the coded roots,
expect these figures; and the extractor's figures on the real set stay above a floor."""
from __future__ import annotations

import pytest

from conftest import needs_shared
from eventetl.evaluation.case2021 import DEFAULT_TSV, MAPPING, Snippet, extractor_roots, load_mapping, load_snippets, score

MAP = {"PEACE_PROTEST": frozenset({"14"}), "ARREST": frozenset({"17"}),
       "NATURAL_DISASTER": "none", "OTHER": "skip"}


def test_a_snippet_is_detected_when_one_of_its_events_has_a_fitting_root():
    snippets = [Snippet("1", "...", "PEACE_PROTEST"), Snippet("2", "...", "PEACE_PROTEST"),
                Snippet("3", "...", "ARREST")]
    coded = {"1": ["14", "17"], "2": ["19"], "3": []}
    report = score(snippets, lambda s: coded[s.id], MAP)
    p = report.political
    assert (p.texts, p.detected, p.any_event, p.events, p.fitting_events) == (3, 1, 2, 3, 1)
    assert [s.id for s in report.misses["PEACE_PROTEST"]] == ["2"]
    assert [s.id for s in report.misses["ARREST"]] == ["3"]


def test_events_in_non_political_snippets_are_counted_apart_and_skipped_types_not_at_all():
    snippets = [Snippet("1", "...", "NATURAL_DISASTER"), Snippet("2", "...", "NATURAL_DISASTER"),
                Snippet("3", "...", "OTHER")]
    coded = {"1": ["19"], "2": [], "3": ["14"]}
    report = score(snippets, lambda s: coded[s.id], MAP)
    assert (report.non_political.texts, report.non_political.any_event) == (2, 1)
    assert report.political.texts == 0
    assert "left out" in report.summary() and "50.0%" in report.summary()


def test_an_unmapped_type_is_an_error_not_a_silent_zero():
    with pytest.raises(ValueError, match="NEW_TYPE"):
        score([Snippet("1", "...", "NEW_TYPE")], lambda s: [], MAP)


def test_the_mapping_file_names_roots_or_a_kind_for_every_type():
    mapping = load_mapping(MAPPING)
    assert len(mapping) == 30
    for subtype, roots in mapping.items():
        assert roots in ("none", "skip") or roots and all(len(r) == 2 and r.isdigit() for r in roots), subtype


@needs_shared(DEFAULT_TSV)
def test_extractor_detection_on_the_real_set_stays_above_the_floor():
    snippets = load_snippets()
    assert len(snippets) == 1019
    roots = extractor_roots(snippets)
    report = score(snippets, lambda s: roots[s.id], load_mapping())
    p, n = report.political, report.non_political
    assert p.detected / p.texts >= 0.30          # measured 0.315
    assert p.fitting_events / p.events >= 0.62      # measured 0.646
    assert n.any_event / n.texts <= 0.09         # measured 0.068
