"""The gazetteer's on-disk cache: written by a build, read by the next process, keyed by
its inputs, and never a reason to fail."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventetl.extractors import disk_cache
from eventetl.extractors.places import gazetteer
from eventetl.extractors.places.gazetteer import load_gazetteer


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A private cache directory, and a gazetteer loaded afresh before and after."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("EVENTETL_CACHE_DIR", str(folder))
    load_gazetteer.cache_clear()
    yield folder
    load_gazetteer.cache_clear()


def _fail_to_build(min_city_population: int) -> gazetteer.Gazetteer:
    raise AssertionError("the gazetteer was built, not read from the cache")


def test_a_build_leaves_a_cache_the_next_load_reads(cache_dir: Path, monkeypatch: pytest.MonkeyPatch):
    built = load_gazetteer()
    assert len(list(cache_dir.glob("gazetteer-*.pickle"))) == 1
    assert not list(cache_dir.glob("*.tmp"))
    load_gazetteer.cache_clear()
    monkeypatch.setattr(gazetteer, "_build", _fail_to_build)
    read = load_gazetteer()
    assert read is not built
    assert read.names == built.names and list(read.names) == list(built.names)
    assert read.seats == built.seats and read.dateline_aliases == built.dateline_aliases
    assert read.first_words == built.first_words and read.max_tokens == built.max_tokens
    # places shared between the index and the country table stay one object
    assert read.countries["TUR"] is read.lookup("Turkey")[0]


def test_the_cache_key_follows_the_rule_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    before = gazetteer._inputs_digest(15000)
    assert gazetteer._inputs_digest(15000) == before
    assert gazetteer._inputs_digest(5000) != before
    copy = tmp_path / "places"
    shutil.copytree(gazetteer.PLACES_DIR, copy)
    monkeypatch.setattr(gazetteer, "PLACES_DIR", copy)
    assert gazetteer._inputs_digest(15000) == before
    with (copy / "non_places.txt").open("a", encoding="utf-8") as fh:
        fh.write("Springfield\n")
    assert gazetteer._inputs_digest(15000) != before


def test_a_damaged_cache_is_rebuilt_and_replaced(cache_dir: Path):
    cache_dir.mkdir()
    path = cache_dir / f"gazetteer-15000-{gazetteer._inputs_digest(15000)}.pickle"
    path.write_bytes(b"not a pickle")
    gaz = load_gazetteer()
    assert gaz.lookup("Lahore")[0].country == "PAK"
    assert path.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_directory_only_means_a_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("EVENTETL_CACHE_DIR", str(blocker / "cache"))  # a directory inside a file
    load_gazetteer.cache_clear()
    try:
        assert load_gazetteer().lookup("Lahore")[0].country == "PAK"
    finally:
        load_gazetteer.cache_clear()


def test_the_cache_directory_follows_xdg_unless_overridden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("EVENTETL_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert disk_cache.cache_dir() == tmp_path / "xdg" / "eventetl"
    monkeypatch.setenv("EVENTETL_CACHE_DIR", str(tmp_path / "mine"))
    assert disk_cache.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("EVENTETL_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert disk_cache.cache_dir() == Path.home() / ".cache" / "eventetl"
