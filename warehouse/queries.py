"""Read-only queries for people: the CLI's `query`, `rejected` and `report`.

They read `serving.duckdb`, the copy BI tools read, by default: a load swaps it by
rename, so a query never waits for a load and never holds the file a load writes
(DuckDB locks a file per process: a reader of `warehouse.duckdb` would stop the load).
`--warehouse PATH` reads another DuckDB file instead, e.g. the raw warehouse.

Whatever the file, the connection can only read that database: DuckDB's file access
(COPY ... TO, EXPORT DATABASE, read_csv, ATTACH), extension installs and loads are
switched off and the configuration is locked so SQL cannot switch them back on.
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import duckdb

SERVING_NAME = "serving.duckdb"
WAREHOUSE_NAME = "warehouse.duckdb"

READ_ONLY_CONFIG = {
    "enable_external_access": False,   # no files or URLs other than the database itself
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,        # last: SET cannot undo the above
}


class QueryError(RuntimeError):
    pass


def database_path(data_dir: str = "data", warehouse: str | None = None) -> Path:
    """The file a reader opens: --warehouse PATH if given, else DATA_DIR/serving.duckdb."""
    return Path(warehouse) if warehouse else Path(data_dir) / SERVING_NAME


def warehouse_path(data_dir: str = "data", warehouse: str | None = None) -> Path:
    """The warehouse a writer (build-marts) opens: --warehouse PATH, else DATA_DIR/warehouse.duckdb."""
    return Path(warehouse) if warehouse else Path(data_dir) / WAREHOUSE_NAME


def open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection that can read `path` and do nothing else (see READ_ONLY_CONFIG)."""
    if not path.exists():
        if path.name == SERVING_NAME:
            raise QueryError(f"no {SERVING_NAME} in {path.parent} yet: a run publishes it when its load has "
                             f"completed; to read the raw warehouse: --warehouse {path.with_name(WAREHOUSE_NAME)}")
        raise QueryError(f"no database at {path}: run `eventetl run` first")
    try:
        return duckdb.connect(str(path), read_only=True, config=dict(READ_ONLY_CONFIG))
    except duckdb.IOException as err:
        if "lock" in str(err).lower():
            raise QueryError(f"{path} is being written by {lock_holder(err)}; read {path.with_name(SERVING_NAME)} "
                             "(the default, never locked by a load) or try again when that run has finished") from None
        raise QueryError(f"cannot open {path}: {first_line(err)}") from None
    except duckdb.Error as err:
        raise QueryError(f"cannot open {path}: {first_line(err)}") from None


def lock_holder(err: Exception) -> str:
    """'another process (pid 123)' from DuckDB's lock error, which names the holder's PID."""
    m = re.search(r"PID (\d+)", str(err))
    return f"another process (pid {m.group(1)})" if m else "another process"


def first_line(err: Exception) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]


def _refusal(err: duckdb.Error, sql: str) -> QueryError:
    """One line for a failed statement; a write or an escape attempt says it was refused."""
    line = first_line(err)
    if isinstance(err, duckdb.PermissionException) or any(
            s in line for s in ("read-only mode", "configuration has been locked")):
        hint = "; to save a result use --output FILE.parquet or FILE.csv" \
            if sql.lstrip().upper().startswith(("COPY", "EXPORT")) else ""
        return QueryError(f"refused: a query can only read the database (no writes, ATTACH, other files, "
                          f"extensions or settings){hint}: {line}")
    return QueryError(line)


def fetch_query(sql: str, data_dir: str = "data", warehouse: str | None = None):
    """The whole result of a read-only query as an Arrow table (None for a statement with no result)."""
    con = open_read_only(database_path(data_dir, warehouse))
    try:
        try:
            rel = con.sql(sql)
            if rel is None:
                return None
            # to_arrow_table is the DuckDB 2 name; older releases only have fetch_arrow_table
            return rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.fetch_arrow_table()
        except duckdb.Error as err:
            raise _refusal(err, sql) from None
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
    try:
        if suffix == ".parquet":
            pq.write_table(table, tmp, compression="zstd")
        else:
            pacsv.write_csv(table, tmp)
        os.replace(tmp, output)
    finally:
        tmp.unlink(missing_ok=True)  # a full disk leaves no half file behind
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
    from rich.text import Text
    out = Table(show_lines=False)
    for name in table.column_names:
        out.add_column(Text(printable(name)), overflow="fold")
    for row in table.slice(0, limit).to_pylist():
        # Text, not str: a value such as a file name holding "[/i]" is not Rich markup
        out.add_row(*[Text("" if v is None else printable(str(v))) for v in row.values()])
    console = Console(file=io.StringIO(), width=200, force_terminal=False)
    console.print(out)
    more = f"({table.num_rows} rows, {limit} shown)\n" if table.num_rows > limit else f"({table.num_rows} rows)\n"
    return console.file.getvalue() + more


# C0 and C1 control characters (ESC starts terminal escape sequences), DEL, and the
# bidirectional overrides that make a name display as another.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` safe to show on a terminal: control characters appear as escapes (\\x1b), so a
    file name cannot move the cursor, recolour the screen or retitle the window."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
