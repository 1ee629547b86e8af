"""Commands for people who read the warehouse: queries, rejected files, reports, model
rebuilds, the data dictionary."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from eventetl.flows.cli.common import ends_in_one_line, fail, parse_day, rules_or_fail


def report(
    out: Path = typer.Option(..., "--output", "-o", help="Output file: .html (chart + table of top events) or .png."),
    dyad: Optional[str] = typer.Option(None, help="Two ISO3 codes, e.g. PAK-IRN (both directions by default)."),
    country: Optional[str] = typer.Option(None, help="One ISO3 code, e.g. PAK."),
    directed: bool = typer.Option(False, "--directed", help="With --dyad: only events from the first to the second."),
    data_dir: str = typer.Option("data", help="Data folder: reads its serving.duckdb."),
    warehouse: Optional[str] = typer.Option(None, help="Read this DuckDB file instead (e.g. the raw warehouse)."),
    start: Optional[str] = typer.Option(None, help="First day (YYYY-MM-DD)."),
    end: Optional[str] = typer.Option(None, help="Last day (YYYY-MM-DD)."),
) -> None:
    """Draw daily events by quad class and the Goldstein line for a dyad or a country."""
    from eventetl.warehouse.queries import QueryError, database_path, open_read_only
    from eventetl.warehouse.report import ReportError, load_report_data, parse_subject, write_report

    d_start, d_end = parse_day(start, "--start"), parse_day(end, "--end")
    try:
        subject = parse_subject(dyad, country, directed)
        con = open_read_only(database_path(data_dir, warehouse))
        try:
            data = load_report_data(con, subject, d_start, d_end)
        finally:
            con.close()
        written = write_report(data, out)
    except ReportError as err:
        fail(str(err), 2 if "give exactly one" in str(err) or "--output" in str(err) else 1)
    except QueryError as err:
        fail(str(err))
    typer.echo(f"{written}: {data.title}")


def build_marts(
    data_dir: str = typer.Option("data", help="Data folder holding warehouse.duckdb."),
    warehouse: Optional[str] = typer.Option(None, help="DuckDB file (default: DATA_DIR/warehouse.duckdb)."),
    rules: Optional[str] = typer.Option(None, help="Folder of extra rule files the data was extracted with "
                                        "(its countries and CAMEO codes label the dimensions)."),
) -> None:
    """Rebuild events, dimensions and marts, run the data tests and publish serving.duckdb,
    without extracting anything (after editing warehouse/sql/)."""
    from eventetl.flows.run_lock import RunLocked, exclusive_run, models_fresh
    from eventetl.warehouse.duckdb_store import WarehouseBusy, connect
    from eventetl.warehouse.post_load import post_load
    from eventetl.warehouse.queries import warehouse_path

    rule_set = rules_or_fail(rules)
    path = warehouse_path(data_dir, warehouse)
    if not path.exists():
        fail(f"no warehouse at {path}: run `eventetl run` first")
    try:
        with exclusive_run(path.parent):
            con = connect(path)
            try:
                result = post_load(con, path, rule_set)  # every model rebuilt
            finally:
                con.close()
            if not result.failed:
                models_fresh(path.parent)  # a backfill that stopped before its post-load step is caught up
    except (RunLocked, WarehouseBusy) as err:
        fail(str(err))
    for run in result.models:
        if run.rows is not None:
            typer.echo(f"  {run.name:<22} {run.rows:>9} rows  {run.seconds:.3f} s")
    tests = result.test_counts
    typer.echo(f"data tests: {tests.passed} passed, {tests.warned} warned, {tests.failed} failed")
    for problem in tests.problems:
        typer.secho(f"  {problem.status}: {problem.name} ({problem.failures} rows) "
                    f"{problem.description}", fg=typer.colors.YELLOW, err=True)
    if tests.failed:
        fail("data tests failed; serving.duckdb was not replaced")
    typer.echo(f"serving: {result.serving}")


def data_dictionary(
    out: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    as_json: bool = typer.Option(False, "--json", help="Tables and columns as JSON."),
) -> None:
    """The data dictionary of every table, dimension and mart (markdown or JSON)."""
    from eventetl.warehouse.data_dictionary import dictionary_json, render_dictionary
    text = json.dumps(dictionary_json(), indent=2) + "\n" if as_json else render_dictionary()
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def query(
    sql: str = typer.Argument(..., help="SQL to run (read-only)."),
    data_dir: str = typer.Option("data", help="Data folder: the query reads its serving.duckdb."),
    warehouse: Optional[str] = typer.Option(None, help="Read this DuckDB file instead of DATA_DIR/serving.duckdb, "
                                            "e.g. DATA_DIR/warehouse.duckdb (the raw warehouse)."),
    fmt: str = typer.Option("table", "--format", help="table, csv or json."),
    limit: int = typer.Option(200, help="Rows shown in table format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Write every row to FILE.parquet or FILE.csv instead of printing."),
) -> None:
    """Query the data read-only (DATA_DIR/serving.duckdb, the copy BI tools read; never blocks a load)."""
    from eventetl.warehouse.queries import EXPORT_SUFFIXES, QueryError, export_query, run_query
    if fmt not in ("table", "csv", "json"):
        fail(f"--format must be table, csv or json, not {fmt!r}", 2)
    if output is not None and output.suffix.lower() not in EXPORT_SUFFIXES:
        fail(f"--output must end in .parquet or .csv, not {output.name!r}", 2)
    try:
        with ends_in_one_line(str(output or "standard output"), "nothing was written"):
            if output is not None:
                rows = export_query(sql, output, data_dir=data_dir, warehouse=warehouse)
                typer.echo(f"{rows} rows written to {output}", err=True)
                return
            text = run_query(sql, data_dir=data_dir, warehouse=warehouse, fmt=fmt, limit=limit)
    except QueryError as err:
        fail(str(err))
    sys.stdout.write(text)


def rejected(
    data_dir: str = typer.Option("data", help="Data folder: reads its serving.duckdb."),
    warehouse: Optional[str] = typer.Option(None, help="Read this DuckDB file instead (e.g. the raw warehouse)."),
) -> None:
    """List the input files that were rejected, with the reason."""
    from eventetl.warehouse.queries import QueryError, run_query
    try:
        sys.stdout.write(run_query("SELECT source_uri, reason, detected_at FROM rejected_articles ORDER BY source_uri",
                                   data_dir=data_dir, warehouse=warehouse, fmt="table", limit=100_000))
    except QueryError as err:
        fail(str(err))
