"""The DuckDB warehouse: tables derived from the Parquet dataset.

The Parquet dataset is the source of truth; the warehouse file can always be rebuilt
from it (`rebuild_from_parquet`). Each partition load is one transaction: delete the
date's rows, insert the new ones, so a crash leaves the old or the new state.
"""
from __future__ import annotations

import os
import re
import time
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from eventetl.schemas import tables as T
from eventetl.schemas.columns import Table
from eventetl.warehouse.parquet_store import ParquetStore

META_TABLE = "_eventetl_meta"
PARTITIONED: tuple[Table, ...] = (T.ARTICLES, T.EVENT_MENTIONS, T.ARTICLE_SOURCES)


def busy_wait_seconds() -> float:
    """How long a load waits for a process holding the warehouse to let go (DuckDB locks the
    file per process): EVENTETL_WAREHOUSE_WAIT, default 10 s."""
    return float(os.environ.get("EVENTETL_WAREHOUSE_WAIT", "10"))


class WarehouseBusy(RuntimeError):
    """Another process holds the warehouse file, so this one cannot write it."""


def connect(path: str | Path, read_only: bool = False, busy_wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse. A writer waits up to `busy_wait` seconds for a process holding
    the file (a query of the raw warehouse, a notebook) to close it, then raises
    WarehouseBusy naming that process; DuckDB's own error is a multi-line lock message."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + (busy_wait_seconds() if busy_wait is None else busy_wait)
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as err:
            if "lock" not in str(err).lower():
                raise
            if time.monotonic() >= deadline:
                m = re.search(r"PID (\d+)", str(err))
                holder = f"another process (pid {m.group(1)})" if m else "another process"
                raise WarehouseBusy(
                    f"{path} is held open by {holder}, so this run cannot load it; close that connection "
                    f"(dashboards and queries should read {path.with_name('serving.duckdb')}) and run again"
                ) from None
            time.sleep(0.2)


def schema_is_current(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        row = con.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'schema_version'").fetchone()
    except duckdb.CatalogException:
        return False
    if not row or row[0] != str(T.SCHEMA_VERSION):
        return False
    for table in T.ALL_TABLES:
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table.name]).fetchall()]
        if cols != table.column_names:
            return False
    return True


def create_schema(con: duckdb.DuckDBPyConnection, drop: bool = False) -> None:
    con.execute("BEGIN")
    if drop:
        for table in T.ALL_TABLES:
            con.execute(f"DROP TABLE IF EXISTS {table.name} CASCADE")
    for table in T.ALL_TABLES:
        con.execute(table.duckdb_ddl())
    con.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute(f"INSERT OR REPLACE INTO {META_TABLE} VALUES ('schema_version', ?)", [str(T.SCHEMA_VERSION)])
    con.execute("COMMIT")


def ensure_schema(con: duckdb.DuckDBPyConnection, store: ParquetStore) -> bool:
    """Create the tables; if the file holds an older schema, rebuild it from Parquet.

    Returns True when a rebuild happened.
    """
    if schema_is_current(con):
        return False
    existed = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'articles'").fetchone()[0] > 0
    create_schema(con, drop=existed)
    if existed:
        rebuild_from_parquet(con, store)
    return existed


def replace_partition(con: duckdb.DuckDBPyConnection, published: date,
                      articles: pa.Table | None, mentions: pa.Table | None,
                      sources: pa.Table | None = None) -> None:
    """Swap one publication date's rows in one transaction (None/empty = remove them;
    `sources` None leaves the date's article_sources rows as they are)."""
    con.execute("BEGIN")
    try:
        con.execute("DELETE FROM event_mentions WHERE published_date = ?", [published])
        con.execute("DELETE FROM articles WHERE published_date = ?", [published])
        if sources is not None:
            con.execute("DELETE FROM article_sources WHERE published_date = ?", [published])
            if sources.num_rows:
                # A file whose date line was edited moves between dates: its row under the
                # old date may not be deleted yet (dates load in order), and a file has one row.
                con.register("_incoming_uris", sources.select(["source_uri"]))
                try:
                    con.execute("DELETE FROM article_sources "
                                "WHERE source_uri IN (SELECT source_uri FROM _incoming_uris)")
                finally:
                    con.unregister("_incoming_uris")
                _insert(con, T.ARTICLE_SOURCES, sources)
        if articles is not None and articles.num_rows:
            _insert(con, T.ARTICLES, articles)
        if mentions is not None and mentions.num_rows:
            _insert(con, T.EVENT_MENTIONS, mentions)
        con.execute("COMMIT")
    except BaseException:  # a stop signal too, or the aborted transaction fails every later statement
        con.execute("ROLLBACK")
        raise


def replace_rejected(con: duckdb.DuckDBPyConnection, rejected: pa.Table) -> None:
    con.execute("BEGIN")
    try:
        con.execute("DELETE FROM rejected_articles")
        if rejected.num_rows:
            _insert(con, T.REJECTED_ARTICLES, rejected)
        con.execute("COMMIT")
    except BaseException:  # a stop signal too, or the aborted transaction fails every later statement
        con.execute("ROLLBACK")
        raise


def rebuild_events(con: duckdb.DuckDBPyConnection) -> None:
    """Re-derive `events` from all mentions (see warehouse/sql/marts/events.sql for the key)."""
    from eventetl.warehouse.models import run_models
    run_models(con, select=["events"])


def rebuild_from_parquet(con: duckdb.DuckDBPyConnection, store: ParquetStore) -> None:
    for published in sorted({d for table in PARTITIONED for d in store.partitions(table)}):
        replace_partition(con, published, store.read(T.ARTICLES, published),
                          store.read(T.EVENT_MENTIONS, published), store.read(T.ARTICLE_SOURCES, published))
    replace_rejected(con, store.read(T.REJECTED_ARTICLES))
    rebuild_events(con)


def _insert(con: duckdb.DuckDBPyConnection, table: Table, data: pa.Table) -> None:
    con.register("_incoming", data)
    try:
        con.execute(f"INSERT INTO {table.name} BY NAME SELECT * FROM _incoming")
    finally:
        con.unregister("_incoming")
