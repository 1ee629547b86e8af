"""Commands that run the flow unattended: schedules and backfills."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Optional

import typer

from eventetl.flows import prefect_env
from eventetl.flows.cli.common import (FIELD_HELP, ends_in_one_line, fail, flow_session, parse_day, parse_fields,
                                       print_json, require_extras_or_fail)

if TYPE_CHECKING:
    from eventetl.flows.backfill import BackfillReport


def absolute(location: str) -> str:
    """Local paths made absolute: a scheduled run may start in another folder."""
    if "://" in location:
        return location
    return os.path.abspath(location)


def use_s3_endpoint(endpoint: Optional[str]) -> None:
    """botocore reads this in every process (extraction workers, Dask workers started here)."""
    if endpoint:
        os.environ["AWS_ENDPOINT_URL_S3"] = endpoint


def serve(
    source: str = typer.Option(..., help="Folder, file:// URL, http(s):// listing or manifest, or s3:// prefix."),
    data_dir: str = typer.Option("data", help="Output folder or s3:// prefix for the Parquet dataset."),
    cron: str = typer.Option("0 2 * * *", help="When to run (cron, in --timezone)."),
    timezone: str = typer.Option("UTC", help="Time zone of the schedule and of 'yesterday'."),
    days: int = typer.Option(1, help="Publication dates per run, ending yesterday (a lookback for late files)."),
    rules: Optional[str] = typer.Option(None, help="Folder of extra rule files."),
    warehouse: Optional[str] = typer.Option(None, help="DuckDB file (default: DATA_DIR/warehouse.duckdb)."),
    prune: bool = typer.Option(False, help="Drop rows of files no longer in the source (within the run's dates)."),
    s3_endpoint: Optional[str] = typer.Option(None, envvar="EVENTETL_S3_ENDPOINT", help="S3-compatible endpoint URL."),
    name: str = typer.Option("daily", help="Deployment name."),
    field: Optional[list[str]] = typer.Option(None, "--field", help=FIELD_HELP),
) -> None:
    """Serve the daily flow on a schedule (blocks; Ctrl-C stops). Each run loads yesterday."""
    fields = parse_fields(field)
    require_extras_or_fail(source, data_dir)
    prefect_env.configure(quiet=False)
    use_s3_endpoint(s3_endpoint)
    from zoneinfo import ZoneInfoNotFoundError

    from eventetl.flows.schedules import (NoScheduler, build_deployment, current_api_url, require_scheduler,
                                 serve as serve_deployment)
    try:
        deployment = build_deployment(absolute(source), absolute(data_dir), cron, timezone,
                                      absolute(warehouse) if warehouse else None,
                                      absolute(rules) if rules else None, days, prune, name, fields)
    except (ValueError, ZoneInfoNotFoundError) as err:
        fail(f"bad schedule: {err}", 2)
    try:
        require_scheduler(current_api_url())
    except NoScheduler as err:
        fail(str(err))
    serve_deployment(deployment)


def backfill(
    source: str = typer.Option(..., help="Folder, file:// URL, http(s):// listing or manifest, or s3:// prefix."),
    start: str = typer.Option(..., help="First publication date (YYYY-MM-DD)."),
    end: str = typer.Option(..., help="Last publication date (YYYY-MM-DD)."),
    data_dir: str = typer.Option("data", help="Output folder or s3:// prefix for the Parquet dataset."),
    workers: int = typer.Option(2, min=1, help="Extraction processes; as many dates are extracted at once."),
    rules: Optional[str] = typer.Option(None, help="Folder of extra rule files."),
    warehouse: Optional[str] = typer.Option(None, help="DuckDB file (default: DATA_DIR/warehouse.duckdb)."),
    prune: bool = typer.Option(False, help="Drop rows of files no longer in the source (within each date)."),
    s3_endpoint: Optional[str] = typer.Option(None, envvar="EVENTETL_S3_ENDPOINT", help="S3-compatible endpoint URL."),
    retries: int = typer.Option(2, min=0, help="Tries more for a date whose source fails in a way waiting "
                                "may fix (unreachable, 5xx)."),
    retry_delay: float = typer.Option(60.0, min=0, help="Seconds between those tries."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's logs."),
    as_json: bool = typer.Option(False, "--json", help="Print the per-date report as JSON on standard output."),
    field: Optional[list[str]] = typer.Option(None, "--field", help=FIELD_HELP),
) -> None:
    """Load every publication date from START to END, one partition at a time."""
    d_start, d_end = parse_day(start, "--start"), parse_day(end, "--end")
    fields = parse_fields(field)
    if d_start > d_end:
        fail("--start is after --end", 2)
    require_extras_or_fail(source, data_dir)
    prefect_env.configure(quiet=not verbose)
    use_s3_endpoint(s3_endpoint)
    from eventetl.flows.backfill import BackfillFailed, backfill_flow
    from eventetl.flows.run_lock import RunLocked

    try:
        with ends_in_one_line(data_dir), flow_session(verbose):
            report = backfill_flow(source=source, data_dir=data_dir, start=d_start, end=d_end, workers=workers,
                                   rules_dir=rules, warehouse=warehouse, prune=prune, retries=retries,
                                   retry_delay_seconds=retry_delay, fields=fields)
    except RunLocked as err:
        fail(str(err))
    except BackfillFailed as err:
        report = err.report
    if as_json:
        print_json(report.to_dict())
    else:
        print_backfill(report)
    if report.failed:
        raise typer.Exit(1)


def print_backfill(report: BackfillReport) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from eventetl.warehouse.queries import printable
    table = Table(title=escape(f"backfill {printable(report.source)} ({report.seconds} s)"))
    for col in ("date", "files", "articles", "unchanged", "rejected", "new mentions", "status"):
        # dates are never cut short, whatever the terminal's width
        table.add_column(col, justify="left" if col in ("date", "status") else "right",
                         min_width=10 if col == "date" else None, no_wrap=col == "date",
                         overflow="fold")
    for d in report.dates:
        table.add_row(d.day.isoformat(), str(d.files), str(d.articles), str(d.unchanged), str(d.rejected),
                      str(d.new_mentions), "ok" if d.ok else f"[red]FAILED[/red] {escape(printable(d.error))}")
    console = Console(soft_wrap=True)
    console.print(table)
    failed = [d.day.isoformat() for d in report.failed]
    if failed:
        console.print(f"[red]{len(failed)} date(s) failed:[/red] {', '.join(failed)} "
                      "(rerun them with --start/--end)")
