"""Read-only queries for people: the CLI's `query` and `rejected`."""
from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb


class QueryError(RuntimeError):
    pass


def warehouse_path(data_dir: str = "data", warehouse: str | None = None) -> Path:
    return Path(warehouse) if warehouse else Path(data_dir) / "warehouse.duckdb"


def open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse read-only; while a load holds it, fall back to the serving copy."""
    if not path.exists():
        raise QueryError(f"no warehouse at {path}: run `eventetl run` first")
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.IOException as err:
        serving = path.with_name("serving.duckdb")
        if "lock" in str(err).lower() and serving.exists():
            return duckdb.connect(str(serving), read_only=True)
        raise QueryError(f"cannot open {path}: {err}") from None


def run_query(sql: str, data_dir: str = "data", warehouse: str | None = None, fmt: str = "table",
              limit: int = 200) -> str:
    con = open_read_only(warehouse_path(data_dir, warehouse))
    try:
        try:
            rel = con.sql(sql)
        except duckdb.Error as err:
            raise QueryError(str(err).splitlines()[0]) from None
        if rel is None:
            return ""
        table = rel.fetch_arrow_table()
    finally:
        con.close()
    return format_table(table, fmt, limit)


def format_table(table, fmt: str, limit: int = 200) -> str:
    if fmt == "json":
        return "".join(json.dumps(row, default=str, ensure_ascii=False) + "\n" for row in table.to_pylist())
    if fmt == "csv":
        import pyarrow.csv as pacsv
        buf = io.BytesIO()
        pacsv.write_csv(table, buf)
        return buf.getvalue().decode("utf-8")
    from rich.console import Console
    from rich.table import Table
    out = Table(show_lines=False)
    for name in table.column_names:
        out.add_column(name, overflow="fold")
    for row in table.slice(0, limit).to_pylist():
        out.add_row(*["" if v is None else str(v) for v in row.values()])
    console = Console(file=io.StringIO(), width=200, force_terminal=False)
    console.print(out)
    more = f"({table.num_rows} rows, {limit} shown)\n" if table.num_rows > limit else f"({table.num_rows} rows)\n"
    return console.file.getvalue() + more
