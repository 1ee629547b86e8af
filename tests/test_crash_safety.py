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

from conftest import DEV_ARTICLES, REPO

EVENTETL = str(REPO / ".venv" / "bin" / "eventetl")
CORE_TABLES = ("articles", "event_mentions", "events", "rejected_articles")
# Columns that record when something happened, not what: they differ between any two runs.
CLOCK_COLUMNS = {"ingested_at", "detected_at", "published_at", "loaded_at"}


# -- a corpus made from the dev articles --------------------------------------------------

def make_corpus(folder: Path, n: int = 200, days: int = 30) -> Path:
    """`n` article files: dev articles re-dated over `days` days and numbered, plus the
    hazards of a real drop folder: two duplicates under other names, bad files."""
    folder.mkdir(parents=True, exist_ok=True)
    dev = sorted(DEV_ARTICLES.glob("*.txt"))
    start = date(2024, 3, 1)
    for i in range(n):
        text = dev[i % len(dev)].read_text(encoding="utf-8").lstrip()
        body = text.split(" ", 2)[2]  # after "date YYYY-MM-DD"
        day = start + timedelta(days=i % days)
        sub = folder / f"batch{i // 100:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"a{i:05d}.txt").write_text(f"date {day.isoformat()} {body}\nReport {i}.\n", encoding="utf-8")
    shutil.copy(folder / "batch00" / "a00003.txt", folder / "copy_of_a00003.txt")
    shutil.copy(folder / "batch00" / "a00007.txt", folder / "batch00" / "zz_again_a00007.txt")
    (folder / "no_date.txt").write_text("Scraped without its header. Troops attacked the town.\n")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bad_date.txt").write_text("date 2024-02-30 KYIV - Talks resumed.\n")
    return folder


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
        for package in ("extractors", "flows", "schemas", "warehouse", "evaluation"):
            shutil.copytree(REPO / package, frozen / package, ignore=shutil.ignore_patterns("__pycache__"))
        env["PYTHONPATH"] = str(frozen)
    return env


def start_run(source: Path, data: Path, env: dict, *extra: str, log: Path | None = None) -> subprocess.Popen:
    """`eventetl run` in its own process group (so a kill reaches its worker processes)."""
    log = log or data.parent / f"{data.name}-{time.monotonic_ns()}.log"
    out = open(log, "wb")
    return subprocess.Popen([EVENTETL, "run", "--source", str(source), "--data-dir", str(data), "--workers", "2",
                             *extra], env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def run_to_end(source: Path, data: Path, env: dict, *extra: str) -> str:
    log = data.parent / f"{data.name}-run.log"
    proc = start_run(source, data, env, *extra, log=log)
    rc = proc.wait(timeout=600)
    text = log.read_text(errors="replace")
    assert rc == 0, text[-3000:]
    return text


def kill_when(proc: subprocess.Popen, moment: Callable[[], bool], timeout: float = 300) -> bool:
    """SIGKILL the run's whole process group as soon as `moment()` holds; False if it ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if moment():
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.002)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    raise AssertionError("the kill moment never came")


# -- what a reader sees ---------------------------------------------------------------------

def _rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in CLOCK_COLUMNS]
    return sorted(con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)


def warehouse_state(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return {t: _rows(con, t) for t in (*CORE_TABLES, "article_sources") if t in present}
    finally:
        con.close()


def dataset_state(data: Path) -> dict[str, object]:
    """Every visible Parquet file's rows (clock columns dropped) and the file layout."""
    root = data / "parquet"
    layout = sorted(str(p.relative_to(root)) for p in root.rglob("*"))
    tables: dict[str, list] = {}
    for f in sorted(root.rglob("*.parquet")):
        if any(part.startswith((".", "_")) for part in f.relative_to(root).parts):
            continue
        t = pq.read_table(f)
        t = t.drop_columns([c for c in t.column_names if c in CLOCK_COLUMNS])
        tables.setdefault(f.relative_to(root).parts[0], []).extend(tuple(r.values()) for r in t.to_pylist())
    return {"layout": layout, **{k: sorted(v, key=repr) for k, v in tables.items()}}


def assert_whole_for_readers(data: Path) -> None:
    """After a kill: every file a reader can see is complete, and the warehouse opens."""
    root = data / "parquet"
    if root.exists():
        for f in root.rglob("*"):
            rel = f.relative_to(root)
            if f.is_file() and not any(p.startswith((".", "_")) for p in rel.parts):
                assert f.name == "data.parquet", f"stray visible file {rel}"
                pq.read_table(f)  # raises on a half-written file
    for db in ("warehouse.duckdb", "serving.duckdb"):
        if (data / db).exists():
            con = duckdb.connect(str(data / db), read_only=True)  # opens: not corrupted
            try:
                tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
                # The warehouse is transactional: a first run killed early may have committed no
                # table yet. The serving copy appears only complete.
                if db == "serving.duckdb" or "articles" in tables:
                    con.execute("SELECT count(*) FROM articles").fetchone()
            finally:
                con.close()


def assert_same_as_clean(data: Path, clean: Path) -> None:
    assert dataset_state(data) == dataset_state(clean)
    got, want = warehouse_state(data / "warehouse.duckdb"), warehouse_state(clean / "warehouse.duckdb")
    assert got == want
    if (clean / "serving.duckdb").exists():
        assert warehouse_state(data / "serving.duckdb") == want
    [(n, distinct)] = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True).execute(
        "SELECT count(*), count(DISTINCT mention_id) FROM event_mentions").fetchall()
    assert n == distinct and n > 0
    leftovers = [p.name for p in data.rglob(".*.tmp*")] + [p.name for p in data.glob("_staging/*")]
    assert leftovers == [] and not (data / ".eventetl.load-pending").exists()


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
    from flows.ingest import run_ingest
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
    from flows.ingest import run_ingest
    from warehouse import duckdb_store
    from warehouse.parquet_store import ParquetStore
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
