"""Gold articles read beside their files, once for every scorer of dev gold: a missing
file is no crash but costs its events in each scorer's own terms."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventetl.evaluation import event_locations
from eventetl.evaluation.event_dates import EventDateScore, score_missing_article
from eventetl.evaluation.gold import gold_articles

EVENT = {"id": "e1", "sentence": "Iran will visit Pakistan.", "trigger": "visit", "code": ["042"],
         "actor1": ["IRN"], "actor2": ["PAK"], "date": "2024-01-24", "location": ["PAK"]}


@pytest.fixture
def gold_path(tmp_path: Path) -> Path:
    """Two gold articles: a.txt is on disk, gone.txt is not; gone.txt has one dated and one undated event."""
    (tmp_path / "a.txt").write_text(" date 2024-01-25 ISLAMABAD - Iran will visit Pakistan.\n", encoding="utf-8")
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in (
        {"article": "a.txt", "published": "2024-01-25", "events": [EVENT]},
        {"article": "gone.txt", "published": "2024-01-25", "events": [EVENT, {**EVENT, "id": "e2", "date": None}]},
    )), encoding="utf-8")
    return path


def test_each_gold_article_comes_with_its_parsed_file_and_a_missing_one_with_none(gold_path):
    (gold_a, article_a), (gold_gone, article_gone) = gold_articles(gold_path, gold_path.parent)
    assert gold_a.article == "a.txt" and article_a.dateline == "ISLAMABAD"
    assert "Iran will visit Pakistan." in article_a.body
    assert gold_gone.article == "gone.txt" and article_gone is None


def test_the_dated_events_of_a_missing_article_count_as_not_located(gold_path):
    [_, (gone, _)] = gold_articles(gold_path, gold_path.parent)
    score = EventDateScore()
    score_missing_article(gone, score)
    assert (score.events, score.not_found, score.correct) == (1, 1, 0)
    assert score.errors == ["gone.txt e1: article file missing"]


def test_the_events_of_a_missing_article_are_skipped_by_the_location_check(gold_path):
    result = event_locations.score(gold_path, gold_path.parent)
    assert result.skipped == 2
    assert result.events == 1  # a.txt's event, located in its sentence and scored
