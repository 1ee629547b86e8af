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


def fetch_query(sql: str, data_dir: str = "data", warehouse: str | None = None):
    """The whole result of a read-only query as an Arrow table (None for a statement with no result)."""
    con = open_read_only(warehouse_path(data_dir, warehouse))
    try:
        try:
            rel = con.sql(sql)
        except duckdb.Error as err:
            raise QueryError(str(err).splitlines()[0]) from None
        if rel is None:
            return None
        # to_arrow_table is the DuckDB 2 name; older releases only have fetch_arrow_table
        return rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.fetch_arrow_table()
    finally:
        con.close()


def run_query(sql: str, data_dir: str = "data", warehouse: str | None = None, fmt: str = "table",
              limit: int = 200) -> str:
    table = fetch_query(sql, data_dir, warehouse)
    return "" if table is None else format_table(table, fmt, limit)


EXPORT_SUFFIXES = (".parquet", ".csv")


def export_query(sql: str, output: str | Path, data_dir: str = "data", warehouse: str | None = None) -> int:
    """Write the whole result to a .parquet or .csv file (temporary name, then rename); returns rows."""
    import os

    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    output = Path(output)
    suffix = output.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise QueryError(f"--output must end in .parquet or .csv, not {output.name!r}")
    table = fetch_query(sql, data_dir, warehouse)
    if table is None:
        raise QueryError("the statement returns no rows to export")
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.tmp")
    if suffix == ".parquet":
        pq.write_table(table, tmp, compression="zstd")
    else:
        pacsv.write_csv(table, tmp)
    os.replace(tmp, output)
    return table.num_rows


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
