"""The start-up cache: parsed rule files come back from disk until a file changes, and a
broken rule file fails every time, never only the first."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from eventetl.extractors import disk_cache
from eventetl.extractors.events.triggers import RuleError, load_rules

RULE = """rules:
  - id: test.{name}
    code: "042"
    lemmas: [{name}]
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("EVENTETL_CACHE_DIR", str(folder))
    return folder


def test_parsed_rules_are_read_back_until_a_rule_file_changes(tmp_path: Path, cache_dir: Path):
    user = tmp_path / "rules"
    user.mkdir()
    (user / "mine.yaml").write_text(RULE.format(name="visit"))
    first = load_rules([user])
    assert [r.id for r in first if r.id.startswith("test.")] == ["test.visit"]
    assert len(list(cache_dir.glob("trigger-rules-*.pickle"))) == 1
    again = load_rules([user])
    assert again == first and again is not first  # read back from disk, equal rules
    (user / "mine.yaml").write_text(RULE.format(name="tour"))
    assert [r.id for r in load_rules([user]) if r.id.startswith("test.")] == ["test.tour"]
    assert len(list(cache_dir.glob("trigger-rules-*.pickle"))) == 2


def test_a_broken_rule_file_fails_on_every_load(tmp_path: Path, cache_dir: Path):
    user = tmp_path / "rules"
    user.mkdir()
    (user / "bad.yaml").write_text("rules:\n  - id: x\n    code: '042'\n")
    for _ in range(2):
        with pytest.raises(RuleError):
            load_rules([user])


def test_a_value_of_the_wrong_type_in_the_cache_is_rebuilt(cache_dir: Path):
    cache_dir.mkdir()
    (cache_dir / "thing-k1.pickle").write_bytes(b"\x80\x05N.")  # a pickled None
    assert disk_cache.load_or_build("thing", "k1", lambda: [1, 2], expect=list) == [1, 2]
    assert disk_cache.load_or_build("thing", "k1", lambda: pytest.fail("built twice"), expect=list) == [1, 2]


def test_pickles_nobody_rewrote_for_a_month_go_when_a_new_one_is_written(cache_dir: Path):
    disk_cache.load_or_build("thing", "old", lambda: 1)
    disk_cache.load_or_build("other", "old", lambda: 1)
    month_ago = time.time() - disk_cache.STALE_AFTER_S - 60
    for path in cache_dir.glob("*-old.pickle"):
        os.utime(path, (month_ago, month_ago))
    disk_cache.load_or_build("thing", "new", lambda: 2)
    assert sorted(p.name for p in cache_dir.glob("*.pickle")) == ["other-old.pickle", "thing-new.pickle"]
