"""`eventetl query` reads and does nothing else, and readers never stop a load.

A loaded data folder, then the SQL an attacker (or a careless user) would type: writes to
Parquet partitions, ATTACH of the warehouse for writing, extension installs, settings.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from attack_kit import EVENTETL, article, cli_env, eventetl, ok, one_line_error  # noqa: F401
from conftest import warehouse_rows

pytestmark = [pytest.mark.attack, pytest.mark.slow]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, cli_env):  # noqa: F811
    base = tmp_path_factory.mktemp("query")
    src = base / "src"
    for i in range(6):
        article(src, f"a{i}.txt", f"2024-03-0{i + 1}")
    data = base / "data"
    ok(eventetl("run", "--source", src, "--data-dir", data, "--workers", "1", env=cli_env))
    return src, data


def fingerprint(data: Path) -> dict[str, str]:
    """Every file of the data folder and a hash of its bytes."""
    return {str(p.relative_to(data)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(data.rglob("*")) if p.is_file() and p.name != ".eventetl.lock"}


def attacks(data: Path, other_database: Path) -> dict[str, str]:
    partition = next((data / "parquet" / "articles").glob("*/data.parquet"))
    return {
        "COPY over a partition": f"COPY (SELECT 1 AS x) TO '{partition}' (FORMAT parquet)",
        "ATTACH another database for writing": f"ATTACH '{other_database}' AS w (READ_ONLY false)",
        "INSTALL an extension": "INSTALL httpfs",
        "LOAD an extension": "LOAD httpfs",
        "switch file access back on": "SET enable_external_access = true",
        "unlock the configuration": "SET lock_configuration = false",
        "DELETE": "DELETE FROM event_mentions",
        "DROP": "DROP TABLE articles",
        "read another file": "SELECT * FROM read_csv('/etc/passwd')",
        "EXPORT DATABASE": f"EXPORT DATABASE '{data / 'export'}'",
    }


def test_every_write_or_escape_is_refused_with_one_line_and_changes_nothing(loaded, cli_env):  # noqa: F811
    _, data = loaded
    before = fingerprint(data)
    for read, other in (("serving.duckdb", "warehouse.duckdb"), ("warehouse.duckdb", "serving.duckdb")):
        for what, sql in attacks(data, data / other).items():
            line = one_line_error(eventetl("query", sql, "--warehouse", data / read, env=cli_env))
            assert line.startswith("error: refused: a query can only read the database"), (what, line)
    assert fingerprint(data) == before


def test_a_query_reads_the_serving_copy_and_the_raw_warehouse_only_when_asked(loaded, cli_env, tmp_path):  # noqa: F811
    _, data = loaded
    sql = "SELECT count(*) AS n FROM articles"
    assert ok(eventetl("query", sql, "--data-dir", data, "--format", "csv", env=cli_env)).out == '"n"\n6\n'
    served = ok(eventetl("query", "SELECT count(*) AS n FROM _serving_meta", "--data-dir", data, env=cli_env))
    assert "(1 rows)" in served.out
    raw = eventetl("query", "SELECT count(*) AS n FROM _serving_meta", "--data-dir", data,
                   "--warehouse", data / "warehouse.duckdb", env=cli_env)
    one_line_error(raw, "_serving_meta does not exist")
    empty = tmp_path / "empty"
    empty.mkdir()
    one_line_error(eventetl("query", sql, "--data-dir", empty, env=cli_env),
                   f"no serving.duckdb in {empty} yet", f"--warehouse {empty / 'warehouse.duckdb'}")
    one_line_error(eventetl("query", sql, "--warehouse", empty / "warehouse.duckdb", env=cli_env),
                   f"no database at {empty / 'warehouse.duckdb'}")


HOLD = ("import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); print('open', flush=True); "
        "sys.stdin.read()")


def test_a_reader_holding_the_warehouse_stops_a_run_with_one_line_and_nothing_changed(loaded, cli_env):  # noqa: F811
    src, data = loaded
    article(src, "new.txt", "2024-03-09", "Japan protested to China.", "TOKYO")
    before = fingerprint(data)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(data / "warehouse.duckdb")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        ran = eventetl("run", "--source", src, "--data-dir", data, env=dict(cli_env, EVENTETL_WAREHOUSE_WAIT="1"))
        one_line_error(ran, f"{data / 'warehouse.duckdb'} is held open by another process (pid {holder.pid})",
                       "dashboards and queries should read")
        assert fingerprint(data) == before
    finally:
        holder.communicate("", timeout=30)
    ran = ok(eventetl("run", "--source", src, "--data-dir", data, env=cli_env))
    assert warehouse_rows(data, "SELECT count(*) FROM articles") == [(7,)]


def test_queries_during_a_load_never_fail_the_load(tmp_path, cli_env):  # noqa: F811
    """The issue's reproduction: a run, and long queries started while it works."""
    src = tmp_path / "src"
    for i in range(40):
        article(src, f"a{i:03d}.txt", f"2024-04-{i % 28 + 1:02d}", f"France criticized Germany over plan {i}.")
    data = tmp_path / "data"
    ok(eventetl("run", "--source", src, "--data-dir", data, "--workers", "1", env=cli_env))
    for i in range(40):
        article(src, f"b{i:03d}.txt", f"2024-05-{i % 28 + 1:02d}", f"Japan protested to China over event {i}.")
    run = subprocess.Popen([EVENTETL, "run",
                            "--source", str(src), "--data-dir", str(data)], env=cli_env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    long_query = "SELECT count(*) FROM range(60000000) t, (SELECT count(*) FROM event_mentions)"
    answered = 0
    while run.poll() is None:
        q = eventetl("query", long_query, "--data-dir", data, env=cli_env)
        assert q.code == 0, q.err
        answered += 1
    out, err = run.communicate()
    assert run.returncode == 0, err[-3000:]
    assert answered >= 2
    assert warehouse_rows(data, "SELECT count(*) FROM articles") == [(80,)]
