"""Two runs on one data folder never interleave; readers never block a load.

The lock itself is tested with plain processes (fast); the command with real
`eventetl run` processes on the generated corpus (slow).
"""
from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from eventetl.flows.run_lock import LOCK_NAME, RunLocked, exclusive_run
from test_crash_safety import (EVENTETL, assert_same_as_clean, assert_whole_for_readers, clean_run,  # noqa: F401
                               run_env, run_to_end, start_run)

HOLD_LOCK = """
import sys, time
from pathlib import Path
from eventetl.flows.run_lock import exclusive_run
with exclusive_run(Path(sys.argv[1])):
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold_lock(folder: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(folder), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "holding"
    return proc


def lock_is_held(folder: Path) -> bool:
    path = folder / LOCK_NAME
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


# -- the lock -------------------------------------------------------------------------------

def test_a_second_writer_is_refused_at_once_with_who_holds_the_lock(tmp_path):
    holder = hold_lock(tmp_path, 30)
    try:
        t0 = time.monotonic()
        with pytest.raises(RunLocked) as err:
            with exclusive_run(tmp_path):
                pass
        assert time.monotonic() - t0 < 1
        assert f"pid {holder.pid}" in str(err.value) and "use --wait" in str(err.value)
    finally:
        holder.kill()
        holder.wait()


def test_a_waiting_writer_gets_the_lock_when_the_holder_finishes(tmp_path):
    holder = hold_lock(tmp_path, 1.5)
    told = []
    t0 = time.monotonic()
    with exclusive_run(tmp_path, wait=True, on_wait=told.append):
        waited = time.monotonic() - t0
        assert holder.poll() is not None  # the holder had finished
    assert waited >= 1.0
    assert told and f"pid {holder.pid}" in told[0]


def test_waiting_has_an_optional_limit(tmp_path):
    holder = hold_lock(tmp_path, 30)
    try:
        with pytest.raises(RunLocked, match="gave up after 0.5 s"):
            with exclusive_run(tmp_path, wait=True, timeout=0.5):
                pass
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    holder = hold_lock(tmp_path, 30)
    assert lock_is_held(tmp_path)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with exclusive_run(tmp_path):  # the kernel released it: no file to delete by hand
        assert (tmp_path / LOCK_NAME).read_text().startswith(f"pid {os.getpid()}")


# -- real runs ---------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_second_run_refuses_a_third_waits_and_the_result_is_one_clean_run(clean_run, run_env, tmp_path):
    corpus, clean = clean_run
    data = tmp_path / "data"
    first = start_run(corpus, data, run_env, log=tmp_path / "first.log")
    deadline = time.monotonic() + 300
    while not lock_is_held(data) or not (data / LOCK_NAME).read_text().startswith(f"pid {first.pid}"):
        assert first.poll() is None and time.monotonic() < deadline, (tmp_path / "first.log").read_text()
        time.sleep(0.01)

    t0 = time.monotonic()
    refused = subprocess.run([EVENTETL, "run", "--source", str(corpus), "--data-dir", str(data)],
                             env=run_env, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1
    assert f"another eventetl run (pid {first.pid}" in refused.stderr and "--wait" in refused.stderr
    assert time.monotonic() - t0 < 30  # refused before any Prefect or extraction work

    waiting = start_run(corpus, data, run_env, "--wait", log=tmp_path / "waiting.log")
    assert first.wait(timeout=600) == 0, (tmp_path / "first.log").read_text()[-3000:]
    assert waiting.wait(timeout=600) == 0, (tmp_path / "waiting.log").read_text()[-3000:]
    waited = (tmp_path / "waiting.log").read_text()
    assert "waiting for another eventetl run" in waited or "unchanged" in waited
    assert_whole_for_readers(data)
    assert_same_as_clean(data, clean)


@pytest.mark.slow
def test_readers_holding_the_serving_database_and_a_parquet_file_do_not_block_a_load(clean_run, run_env, tmp_path):
    corpus, clean = clean_run
    data = tmp_path / "data"
    shutil.copytree(clean, data, ignore=shutil.ignore_patterns("*.log"))
    changed = tmp_path / "corpus"
    shutil.copytree(corpus, changed)
    for f in sorted(changed.glob("batch00/*.txt"))[:20]:
        f.unlink()
    (changed / "batch00" / "new.txt").write_text("date 2024-03-01 KYIV - Ukraine and Poland signed a deal.\n")

    reader = duckdb.connect(str(data / "serving.duckdb"), read_only=True)
    [(articles_before,)] = reader.execute("SELECT count(*) FROM article_sources").fetchall()
    part = next((data / "parquet" / "articles").glob("published_date=2024-03-01/data.parquet"))
    handle = pq.ParquetFile(part)  # an open file, as a notebook or pandas would hold it
    try:
        t0 = time.monotonic()
        run_to_end(changed, data, run_env)
        assert time.monotonic() - t0 < 600
        # the reader still sees the complete state it opened, the next one sees the new state
        assert reader.execute("SELECT count(*) FROM article_sources").fetchall() == [(articles_before,)]
        assert handle.read().num_rows > 0
    finally:
        reader.close()
    fresh = duckdb.connect(str(data / "serving.duckdb"), read_only=True)
    try:
        assert fresh.execute("SELECT count(*) FROM article_sources WHERE source_uri LIKE '%/new.txt'").fetchall() == [(1,)]
    finally:
        fresh.close()
