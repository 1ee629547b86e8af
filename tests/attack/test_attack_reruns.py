"""Reruns over changed folders: one identity per file, and a run owns exactly the files it read.

Real `eventetl run` processes; each test changes the folder between runs as users and
scrapers do (edits, renamed spellings, other working directories).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from attack_kit import article, cli_env, eventetl, ok  # noqa: F401 (cli_env is a fixture)
from conftest import warehouse_rows

pytestmark = [pytest.mark.attack, pytest.mark.slow]


def sources(data: Path) -> list[tuple]:
    return warehouse_rows(data, "SELECT source_uri, published_date, article_id FROM article_sources ORDER BY 1")


def folder(base: Path) -> Path:
    src = base / "src"
    article(src, "a.txt", "2024-03-04")
    article(src, "b.txt", "2024-03-05", "Russia criticized Ukraine over the talks.", "MOSCOW")
    (src / "bad.txt").write_text("no date line\n")
    return src


def test_one_folder_spelled_two_ways_is_one_source(tmp_path, cli_env):  # noqa: F811
    """Relative from its parent, then absolute through a symlink from elsewhere: the same files."""
    src = folder(tmp_path)
    (tmp_path / "link").symlink_to(src)
    data = tmp_path / "data"
    ok(eventetl("run", "--source", "src", "--data-dir", data, env=cli_env, cwd=tmp_path))
    first = sources(data)
    ok(eventetl("run", "--source", f"{tmp_path}/./link/", "--data-dir", data, env=cli_env, cwd="/"))
    assert sources(data) == first and [u for u, *_ in first] == [str(src / "a.txt"), str(src / "b.txt")]
    assert warehouse_rows(data, "SELECT source_uri FROM rejected_articles") == [(str(src / "bad.txt"),)]


def test_prune_with_a_relative_source_from_elsewhere_touches_no_other_folder(tmp_path, cli_env):  # noqa: F811
    """Two folders named alike in two places; pruning one, spelled relatively from the other's
    parent, must leave the other's articles alone."""
    one, two = folder(tmp_path / "one"), folder(tmp_path / "two")
    data = tmp_path / "data"
    ok(eventetl("run", "--source", one, "--data-dir", data, env=cli_env))
    ok(eventetl("run", "--source", two, "--data-dir", data, env=cli_env))
    (one / "a.txt").unlink()
    ran = ok(eventetl("run", "--source", "src", "--data-dir", data, "--prune", env=cli_env, cwd=one.parent))
    assert "pruned            1 files gone from the source" in ran.out
    assert [u for u, *_ in sources(data)] == [str(one / "b.txt"), str(two / "a.txt"), str(two / "b.txt")]


def test_a_file_redated_to_an_earlier_day_moves_there_on_the_next_run(tmp_path, cli_env):  # noqa: F811
    src = folder(tmp_path)
    data = tmp_path / "data"
    ok(eventetl("run", "--source", src, "--data-dir", data, env=cli_env))
    article(src, "b.txt", "2024-02-20", "Russia criticized Ukraine over the talks.", "MOSCOW")
    ok(eventetl("run", "--source", src, "--data-dir", data, env=cli_env))
    days = {u.rsplit("/", 1)[-1]: d.isoformat() for u, d, _ in sources(data)}
    assert days == {"a.txt": "2024-03-04", "b.txt": "2024-02-20"}
    assert warehouse_rows(data, "SELECT count(*) FROM articles WHERE published_date = '2024-03-05'") \
        == [(0,)]


def test_a_file_redated_out_of_the_window_keeps_no_stale_rows(tmp_path, cli_env):  # noqa: F811
    """The run read the file: its old date and hash are no longer true, whether or not
    the new date is loaded (it is outside --start/--end)."""
    src = folder(tmp_path)
    data = tmp_path / "data"
    window = ("--start", "2024-03-01", "--end", "2024-03-31")
    ok(eventetl("run", "--source", src, "--data-dir", data, *window, env=cli_env))
    article(src, "b.txt", "2024-05-01", "Russia criticized Ukraine over the talks.", "MOSCOW")
    (src / "bad.txt").write_text("date 2024-06-01 PARIS - Now a good file, dated outside.\n")
    ran = ok(eventetl("run", "--source", src, "--data-dir", data, *window, "--prune", env=cli_env))
    assert "outside dates     2" in ran.out
    assert [u.rsplit("/", 1)[-1] for u, *_ in sources(data)] == ["a.txt"]
    assert warehouse_rows(data, "SELECT count(*) FROM rejected_articles") == [(0,)]
    ok(eventetl("run", "--source", src, "--data-dir", data, env=cli_env))  # no window: all three load
    assert sorted(d.isoformat() for _, d, _ in sources(data)) == ["2024-03-04", "2024-05-01", "2024-06-01"]
