"""The 100,000-file memory benchmark cuts its texts from the dev set of the shared folder,
found the way the tests and evaluations find it, and stops with a clear message where the
dev set is absent (figures measured on other texts would not compare)."""
from __future__ import annotations

import pytest

from conftest import load_benchmark

memory = load_benchmark("memory_100k")


def test_the_dev_articles_come_from_the_shared_folder_eventetl_shared_names(tmp_path, monkeypatch):
    (tmp_path / "eval" / "dev" / "articles").mkdir(parents=True)
    monkeypatch.setenv("EVENTETL_SHARED", str(tmp_path))
    assert memory.dev_articles() == tmp_path / "eval" / "dev" / "articles"


def test_without_the_dev_articles_the_benchmark_stops_and_says_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTETL_SHARED", str(tmp_path))
    with pytest.raises(SystemExit) as stop:
        memory.dev_articles()
    message = str(stop.value)
    assert str(tmp_path / "eval" / "dev" / "articles") in message and "EVENTETL_SHARED" in message


def test_bodies_are_cut_after_the_sentence_that_passes_the_limit(tmp_path):
    (tmp_path / "a.txt").write_text("date 2024-01-01 First sentence here. Second one is longer. Third.\n")
    (tmp_path / "undated.txt").write_text("No date line in this file.\n")
    assert memory.article_bodies(tmp_path, max_chars=20) == ["First sentence here. Second one is longer."]
