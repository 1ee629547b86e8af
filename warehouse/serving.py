"""The read-only serving database BI tools open: `serving.duckdb` beside the warehouse.

Why a second file: DuckDB lets one process write a database file, and while it writes
no other process can open it, not even read-only. Dashboards therefore never open the
warehouse. After each load its tables are copied into a new file, written in the oldest
storage format DuckDB still writes (`STORAGE_VERSION 'v1.0.0'`, format 64, which every
DuckDB from 0.10 on reads: BI drivers bundle their own, often older, DuckDB), and swapped
in with `os.replace`:

- a reader that already has the file open keeps reading the old file (on Linux and
  macOS the open file stays alive after the rename), so it never blocks the load and
  never sees a half-written state;
- a reader that opens the path after the swap sees the new data, complete.

The copy holds the tables (loaded tables, dimensions, marts) and the staging and
intermediate views, re-created inside it so they read the copied tables. Every table,
view and column carries its description (`COMMENT ON`, from eventetl.warehouse.descriptions).
"""
from __future__ import annotations

import os
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from eventetl.schemas import tables as T
from eventetl.warehouse.descriptions import comment_statements, described_relations, sql_string
from eventetl.warehouse.models import Model, load_models

SERVING_NAME = "serving.duckdb"
STORAGE_VERSION = "v1.0.0"  # format 64: the oldest the option writes; DuckDB 0.10 and later read it
META_TABLE = "_serving_meta"


def serving_path_for(warehouse: str | Path) -> Path:
    return Path(warehouse).with_name(SERVING_NAME)


def served_tables() -> list[str]:
    """Loaded tables, dimensions and table-materialised models, in that order."""
    names = [t.name for t in (*T.ALL_TABLES, *T.DIMENSIONS)]
    names += [m.name for m in load_models() if m.builds_table and m.name not in names]
    return names


def served_views() -> list[Model]:
    """The view models (staging, intermediate), dependencies first; they read only served tables."""
    return [m for m in load_models() if m.materialized == "view"]


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def publish(con: duckdb.DuckDBPyConnection, target: str | Path, extractor_version: str = "") -> dict:
    """Copy the served tables from the open warehouse into a new file, then swap it in.

    The caller holds the run lock, so no other publisher writes beside `target`.
    """
    t0 = time.perf_counter()
    target = Path(target).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.*.tmp*"):  # left by a killed run
        stale.unlink(missing_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.tmp")
    alias = "_serving_out"
    rows: dict[str, int] = {}
    described = described_relations(load_models())
    con.execute(f"ATTACH {_quote(tmp)} AS {alias} (STORAGE_VERSION '{STORAGE_VERSION}')")
    try:
        for name in served_tables():
            con.execute(f"CREATE TABLE {alias}.{name} AS SELECT * FROM main.{name}")
            rows[name] = con.execute(f"SELECT count(*) FROM {alias}.{name}").fetchone()[0]
            for statement in comment_statements(described[name], "TABLE", alias):
                con.execute(statement)
        for view in served_views():
            # Names in a view's body resolve inside the database holding the view: the copies.
            con.execute(f"CREATE VIEW {alias}.{view.name} AS\n{view.sql}")
            for statement in comment_statements(described[view.name], "VIEW", alias):
                con.execute(statement)
        published_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        con.execute(f"CREATE TABLE {alias}.{META_TABLE} (key VARCHAR, value VARCHAR)")
        for target_name, text in ((META_TABLE, "About this copy: when it was published, from which schema and "
                                   "extractor version, in which storage format."),
                                  (f"{META_TABLE}.key", "published_at, schema_version, extractor_version or "
                                   "storage_version."), (f"{META_TABLE}.value", "The value, as text.")):
            kind = "COLUMN" if "." in target_name else "TABLE"
            con.execute(f"COMMENT ON {kind} {alias}.{target_name} IS {sql_string(text)}")
        con.executemany(f"INSERT INTO {alias}.{META_TABLE} VALUES (?, ?)", [
            ["published_at", published_at], ["schema_version", str(T.SCHEMA_VERSION)],
            ["extractor_version", extractor_version], ["storage_version", STORAGE_VERSION]])
        con.execute(f"CHECKPOINT {alias}")
    except BaseException:
        con.execute(f"DETACH {alias}")
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
        raise
    con.execute(f"DETACH {alias}")
    Path(f"{tmp}.wal").unlink(missing_ok=True)  # empty after the checkpoint
    with open(tmp, "rb") as handle:  # the rename must not reach disk before the data
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    return {"path": str(target), "tables": rows, "published_at": published_at,
            "seconds": round(time.perf_counter() - t0, 3)}


def storage_version_of(path: str | Path) -> str | None:
    """The storage format tag DuckDB reports for a database file (e.g. 'v1.4.0+')."""
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {_quote(Path(path))} AS probe (READ_ONLY)")
        tags = con.execute("SELECT tags FROM duckdb_databases() WHERE database_name = 'probe'").fetchone()[0]
        return tags.get("storage_version")
    finally:
        con.close()
