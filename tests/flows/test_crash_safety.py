"""A run killed with SIGKILL at any point, then run again, ends exactly like a clean run.

Real `eventetl run` processes on a generated corpus (the dev articles varied into a few
hundred files, with duplicates and bad files among them). Each scenario kills the run
at one moment (mid-extraction, as the load starts, with half the Parquet partitions
replaced, while DuckDB loads, while the serving copy is written), checks that what a
reader sees meanwhile is whole, runs again, and compares the Parquet dataset and the
warehouse with a clean run's: same articles, same mention ids, same rejections, no
temporary file or empty partition left, no mention twice.

The runs talk to the test session's Prefect server (PREFECT_API_URL), so each pays for
its own work only, not for starting a Prefect server.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

import duckdb
import pyarrow.parquet as pq
import pytest

from conftest import REPO
from crash_kit import (assert_same_as_clean, assert_whole_for_readers, CLOCK_COLUMNS, CORE_TABLES,
                      dataset_state, EVENTETL, kill_when, make_corpus, _rows, run_to_end, start_run,
                      warehouse_state)  # noqa: F401 (shared)


# -- real processes -----------------------------------------------------------------------

@pytest.fixture(scope="session")
def run_env(prefect_api, tmp_path_factory) -> dict[str, str]:
    """Environment of the `eventetl run` processes: the session's Prefect server.

    EVENTETL_TEST_FROZEN_CODE=1 (for working trees that others edit while the tests
    run): the processes import a copy of the packages taken now, so a reference run
    and a rerun minutes later extract with the same code.
    """
    from prefect.settings import PREFECT_API_URL
    env = dict(os.environ, PREFECT_API_URL=PREFECT_API_URL.value(), PYTHONUNBUFFERED="1")
    env.pop("PYTEST_CURRENT_TEST", None)
    if os.environ.get("EVENTETL_TEST_FROZEN_CODE") == "1":
        frozen = tmp_path_factory.mktemp("frozen-code")
        for package in ("extractors", "flows", "schemas", "warehouse", "evaluation", "tools"):
            shutil.copytree(REPO / package, frozen / "eventetl" / package, ignore=shutil.ignore_patterns("__pycache__"))
        env["PYTHONPATH"] = str(frozen)
    return env


# -- kill moments -----------------------------------------------------------------------------

def _marker(data: Path) -> Path:
    return data / ".eventetl.load-pending"


def _newer_than_marker(paths) -> int:
    def count(data: Path) -> int:
        m = _marker(data)
        try:
            since = m.stat().st_mtime_ns
        except FileNotFoundError:
            return 0
        return sum(1 for p in paths(data) if p.stat().st_mtime_ns >= since)
    return count


_partitions_written = _newer_than_marker(lambda d: (d / "parquet" / "articles").glob("*/data.parquet"))
_duckdb_touched = _newer_than_marker(lambda d: [p for p in (d / "warehouse.duckdb", d / "warehouse.duckdb.wal")
                                                if p.exists()])


def _lock_held_for(seconds: float):
    first: list[float] = []

    def moment(data: Path) -> bool:
        if not first and (data / "_staging").exists() or not first and _lock_says_running(data):
            first.append(time.monotonic())
        return bool(first) and time.monotonic() - first[0] >= seconds
    return moment


def _lock_says_running(data: Path) -> bool:
    try:
        return (data / ".eventetl.lock").read_text().startswith("pid")
    except OSError:
        return False


# Each entry makes a fresh test of "now is the moment" for one run.
KILL_MOMENTS: dict[str, Callable[[], Callable[[Path], bool]]] = {
    "mid-extraction": lambda: _lock_held_for(1.0),
    "as the load starts": lambda: lambda d: _marker(d).exists(),
    "half the partitions replaced": lambda: lambda d: _partitions_written(d) >= 10,
    "while DuckDB loads": lambda: lambda d: _duckdb_touched(d) >= 1,
    "while the serving copy is written": lambda: lambda d: any(d.glob(".serving.duckdb.*.tmp*")),
}


# -- the scenarios ----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def clean_run(tmp_path_factory, run_env):  # noqa: F811 - shared with test_concurrency (one reference run)
    """The corpus and the data folder of one uninterrupted run: the reference."""
    base = tmp_path_factory.mktemp("crash")
    corpus = make_corpus(base / "corpus")
    clean = base / "clean"
    out = run_to_end(corpus, clean, run_env)
    assert "rejected          4" in out, out
    return corpus, clean


@pytest.mark.slow
@pytest.mark.parametrize("moment", list(KILL_MOMENTS))
def test_killed_run_then_rerun_equals_a_clean_run(moment, clean_run, run_env, tmp_path):
    corpus, clean = clean_run
    data = tmp_path / "data"
    is_now = KILL_MOMENTS[moment]()
    proc = start_run(corpus, data, run_env, log=tmp_path / "killed.log")
    killed = kill_when(proc, lambda: is_now(data))
    assert killed, f"the run finished before the moment '{moment}' came"
    assert_whole_for_readers(data)
    run_to_end(corpus, data, run_env)
    assert_same_as_clean(data, clean)


@pytest.mark.slow
def test_kill_during_an_incremental_run_over_changed_files(clean_run, run_env, tmp_path):
    """From an existing warehouse: files edited, renamed, deleted and made bad, then a run
    killed half-way through replacing partitions; the rerun equals an uninterrupted one."""
    corpus, clean = clean_run
    changed = tmp_path / "corpus"
    shutil.copytree(corpus, changed)
    for i in range(0, 200, 23):                                       # edited: new content
        f = changed / f"batch{i // 100:02d}" / f"a{i:05d}.txt"
        f.write_text(f.read_text() + "Iran condemned the statement.\n")
    for i in (5, 105, 155):                                           # renamed
        f = changed / f"batch{i // 100:02d}" / f"a{i:05d}.txt"
        f.rename(f.with_name(f"renamed_{f.name}"))
    (changed / "batch01" / "a00150.txt").write_bytes(b"date 2024-03-01 \x00")   # now bad
    (changed / "no_date.txt").write_text("date 2024-03-02 KYIV - Ukraine and Poland signed a deal.\n")  # now good

    def fresh_copy(name: str) -> Path:
        data = tmp_path / name
        shutil.copytree(clean, data, ignore=shutil.ignore_patterns("*.log"))
        return data

    reference, data = fresh_copy("reference"), fresh_copy("data")
    run_to_end(changed, reference, run_env)
    proc = start_run(changed, data, run_env, log=tmp_path / "killed.log")
    assert kill_when(proc, lambda: _partitions_written(data) >= 5)
    assert_whole_for_readers(data)
    run_to_end(changed, data, run_env)
    assert_same_as_clean(data, reference)


# -- the same promise, fast: the load stopped after every single file write ------------------

class Killed(BaseException):
    """Stands for SIGKILL: not an Exception, so no handler in the pipeline catches it."""


@pytest.fixture(scope="module")
def small_clean(tmp_path_factory):
    from eventetl.flows.ingest import run_ingest
    base = tmp_path_factory.mktemp("small")
    corpus = make_corpus(base / "corpus", n=24, days=4)
    clean = base / "clean"
    run_ingest(str(corpus), str(clean), workers=1)
    return corpus, clean


def _stop_after(monkeypatch, owner, name: str, n: int) -> None:
    real = getattr(owner, name)
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        if calls["n"] == n:
            raise Killed(f"stopped before {name} call {n + 1}")
        calls["n"] += 1
        return real(*args, **kwargs)
    monkeypatch.setattr(owner, name, wrapper)


@pytest.mark.parametrize("where, n", [("parquet", k) for k in (0, 1, 2, 4, 7, 12)] + [("duckdb", k) for k in (0, 2, 3)])
def test_a_load_stopped_after_any_write_is_repaired_by_the_next_run(small_clean, tmp_path, monkeypatch, where, n):
    from eventetl.flows.ingest import run_ingest
    from eventetl.warehouse import duckdb_store
    from eventetl.warehouse.parquet_store import ParquetStore
    corpus, clean = small_clean
    data = tmp_path / "data"
    with monkeypatch.context() as m:
        if where == "parquet":
            _stop_after(m, ParquetStore, "write", n)
        else:
            _stop_after(m, duckdb_store, "replace_partition", n)
        with pytest.raises(Killed):
            run_ingest(str(corpus), str(data), workers=1)
    assert_whole_for_readers(data)
    run_ingest(str(corpus), str(data), workers=1)
    assert_same_as_clean(data, clean)


@pytest.mark.slow
def test_a_worker_killed_mid_run_fails_the_run_and_publishes_nothing(clean_run, run_env, tmp_path):
    """The kernel's OOM killer takes one extraction worker: the run stops with an error
    (before, it waited forever for that worker's batch) and readers still see the last run."""
    import psutil

    corpus, clean = clean_run
    data = tmp_path / "data"
    shutil.copytree(clean, data)
    before = warehouse_state(data / "warehouse.duckdb")
    more = make_corpus(tmp_path / "more", n=4000)  # 3,800 files beyond the clean run's: seconds of work
    log = tmp_path / "worker-killed.log"
    proc = start_run(more, data, run_env, log=log)
    run = psutil.Process(proc.pid)

    def workers() -> list:
        return [c for c in run.children(recursive=True) if "spawn_main" in " ".join(c.cmdline())]

    deadline = time.monotonic() + 300
    while len(workers()) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = workers()
    assert alive, log.read_text(errors="replace")[-3000:]
    # Past start-up (~1.6 s of CPU with a warm cache), into the batches, as an OOM kill comes
    while alive[0].cpu_times().user < 2.0 and time.monotonic() < deadline:
        time.sleep(0.05)
    alive[0].kill()
    rc = proc.wait(timeout=300)
    text = log.read_text(errors="replace")
    assert rc == 1, text[-3000:]
    assert "an extraction worker process died" in text and "nothing of this run was published" in text
    assert warehouse_state(data / "warehouse.duckdb") == before
