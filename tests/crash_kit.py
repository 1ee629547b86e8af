"""Helpers of the crash tests (tests/flows/test_crash_safety.py), shared with
tests/flows/test_concurrency.py, test_accounting.py and tests/attack/: start and kill real
`eventetl run` processes, and compare what a reader sees with a clean run."""
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

from conftest import DEV_ARTICLES, REPO, require_shared

EVENTETL = str(REPO / ".venv" / "bin" / "eventetl")
CORE_TABLES = ("articles", "event_mentions", "events", "rejected_articles")
# Columns that record when something happened, not what: they differ between any two runs.
CLOCK_COLUMNS = {"ingested_at", "detected_at", "published_at", "loaded_at"}


def make_corpus(folder: Path, n: int = 200, days: int = 30) -> Path:
    """`n` article files: dev articles re-dated over `days` days and numbered, plus the
    hazards of a real drop folder: two duplicates under other names, bad files."""
    require_shared(DEV_ARTICLES)
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
