"""Commands that extract: the ingest flow (`run`), events of files (`extract`), and the
temporal expressions and places of one file (`dates`, `places`)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from eventetl.flows import prefect_env
from eventetl.flows.cli.common import (FIELD_HELP, ends_in_one_line, fail, flow_session, parse_day, parse_fields,
                                       print_json, read_input_or_fail, require_extras_or_fail, rules_or_fail)

if TYPE_CHECKING:
    from eventetl.extractors.ruleset.ruleset import RuleSet
    from eventetl.flows.ingest import RunSummary


def run(
    source: str = typer.Option(..., help="Folder, file:// URL, http(s):// listing or manifest, or s3:// prefix."),
    data_dir: str = typer.Option("data", help="Output folder (Parquet under parquet/, DuckDB warehouse.duckdb)."),
    start: Optional[str] = typer.Option(None, help="First publication date to load (YYYY-MM-DD)."),
    end: Optional[str] = typer.Option(None, help="Last publication date to load (YYYY-MM-DD)."),
    workers: Optional[int] = typer.Option(None, help="Extraction processes (default: all cores)."),
    rules: Optional[str] = typer.Option(None, help="Folder of extra rule files that extend the shipped ones."),
    warehouse: Optional[str] = typer.Option(None, help="DuckDB file (default: DATA_DIR/warehouse.duckdb)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's logs and every rejected file."),
    wait: bool = typer.Option(False, "--wait", help="If another run is writing to DATA_DIR, wait for it "
                              "instead of stopping with an error."),
    prune: bool = typer.Option(False, help="Drop rows of files no longer in the source (within --start/--end)."),
    task_runner: str = typer.Option("default", help="Where extraction runs: default (worker processes here) "
                                    "or dask."),
    dask_address: Optional[str] = typer.Option(None, help="Dask scheduler (tcp://host:8786); without it "
                                               "--task-runner dask starts a local cluster."),
    s3_endpoint: Optional[str] = typer.Option(None, envvar="EVENTETL_S3_ENDPOINT",
                                              help="S3-compatible endpoint URL (else AWS_ENDPOINT_URL)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON on standard output."),
    field: Optional[list[str]] = typer.Option(None, "--field", help=FIELD_HELP),
) -> None:
    """Run the ingest flow: discover, parse, extract, write Parquet, load DuckDB."""
    d_start, d_end = parse_day(start, "--start"), parse_day(end, "--end")
    fields = parse_fields(field)
    if d_start and d_end and d_start > d_end:
        fail("--start is after --end", 2)
    require_extras_or_fail(source, data_dir)
    if rules:
        rules_or_fail(rules)  # the flow loads them again, cached: this fails before Prefect starts
    prefect_env.configure(quiet=not verbose)
    from eventetl.flows.ingest import RunPaths
    from eventetl.flows.extraction import WorkerDied
    from eventetl.flows.run_lock import RunLocked, exclusive_run
    from eventetl.flows.sources import SourceError
    from eventetl.flows.cli.schedule_commands import use_s3_endpoint
    from eventetl.flows.task_runners import TaskRunnerError, flow_for
    from eventetl.warehouse.duckdb_store import WarehouseBusy

    use_s3_endpoint(s3_endpoint)
    try:
        flow, distributed = flow_for(task_runner, dask_address, workers)
    except TaskRunnerError as err:
        fail(str(err), 2)
    try:
        with ends_in_one_line(data_dir):
            if not wait:  # refuse now, not after the Prefect server has started (the flow locks again)
                with exclusive_run(RunPaths.resolve(data_dir, warehouse).local_dir):
                    pass
            with flow_session(verbose):
                summary = flow(source=source, data_dir=data_dir, start=d_start, end=d_end, workers=workers,
                               rules_dir=rules, warehouse=warehouse, wait=wait, prune=prune,
                               distributed=distributed, fields=fields)
    except (SourceError, RunLocked, WarehouseBusy) as err:
        fail(str(err))
    except WorkerDied as err:
        fail(f"{err}; nothing of this run was published, run it again")
    if as_json:
        print_json(summary.to_dict())
    else:
        print_summary(summary, verbose)


def print_summary(s: RunSummary, verbose: bool = False) -> None:
    from rich.console import Console

    from eventetl.warehouse.queries import printable
    console = Console(soft_wrap=True)  # long paths must stay greppable on one line when piped

    def line(text: str, style: str | None = None) -> None:
        # Paths come from the source: never Rich markup ("[/i]" in a name), never raw escapes.
        console.print(text, style=style, markup=False, highlight=False)

    console.print("[bold]eventetl run[/bold] ", end="")
    line(f"{printable(s.source)} ({s.seconds} s, extractor {s.extractor_version})")
    line(f"  files seen        {s.files_seen}"
         + (f"  ({s.record_files} of JSON records, holding {s.records} records)" if s.record_files else ""))
    line(f"  articles read     {s.articles}"
         + (f"  ({s.unchanged} unchanged, not re-extracted)" if s.unchanged else "")
         + (f"  ({s.duplicates} duplicate files)" if s.duplicates else ""))
    if s.out_of_range:
        line(f"  outside dates     {s.out_of_range}")
    line(f"  rejected          {s.rejected}" + ("  (see: eventetl rejected)" if s.rejected else ""))
    if s.unreadable_kept:
        line(f"  unreadable now    {s.unreadable_kept}  (their rows from earlier runs are kept)")
    for uri, reason in s.rejections[: None if verbose else 5]:
        line(f"    {printable(uri)}: {printable(reason)}", style="yellow")
    hidden = s.hidden
    if hidden:
        names = ", ".join(printable(h.rstrip("/").rsplit("/", 1)[-1]) + ("/" if h.endswith("/") else "")
                          for h in hidden[: None if verbose else 3])
        line(f"  hidden, not read  {len(hidden)}  (names starting with '.': {names}"
             + (", ..." if len(hidden) > 3 and not verbose else "") + ")")
    line(f"  events found      {s.new_mentions} new event mentions stored")
    line(f"  warehouse         {s.total_articles} articles, {s.total_mentions} event mentions, "
         f"{s.total_events} events, {s.total_rejected} rejected")
    post = s.post_load
    if post is not None:
        tests = post.test_counts
        line(f"  data tests        {tests.passed} passed, {tests.warned} warnings, {tests.failed} failed")
    if s.pruned:
        line(f"  pruned            {s.pruned} files gone from the source")
    line(f"  DuckDB            {printable(s.warehouse)}")
    serving = (post.serving if post is not None else None) or ""
    if serving:
        line(f"  for BI tools      {printable(serving)} (read-only copy)")
    parquet = s.parquet if "://" in s.parquet else str(Path(s.parquet).absolute())
    line(f"  Parquet           {printable(parquet)}")
    default = str(Path("data/serving.duckdb").absolute())
    target = "" if serving in ("", default) else \
        f" --data-dir {Path(serving).parent}" if Path(serving).parent == Path(s.parquet).parent.absolute() \
        else f" --warehouse {serving}"
    line(f"  try:  {_program()} query \"SELECT event_root_code, count(*) AS n FROM event_mentions "
         f"GROUP BY 1 ORDER BY n DESC\"{printable(target)}")


def _program() -> str:
    """How the user can call this program again from here (e.g. .venv/bin/eventetl)."""
    argv0 = sys.argv[0]
    if os.sep in argv0 and os.path.basename(argv0) == "eventetl":
        rel = os.path.relpath(argv0)
        return rel if not rel.startswith("..") else argv0
    return "eventetl"


def extract(
    files: list[Path] = typer.Argument(..., help="Article files: date-line text (- reads one from standard input) "
                                       "or JSON records (.jsonl, .ndjson, .json, also .gz)."),
    rules: Optional[str] = typer.Option(None, help="Folder of extra rule files."),
    workers: Optional[int] = typer.Option(None, min=1, help="Extraction processes (default: all cores)."),
    field: Optional[list[str]] = typer.Option(None, "--field", help=FIELD_HELP),
) -> None:
    """Print the events of article files as JSON lines (no Prefect, no warehouse)."""
    from eventetl.flows.cli.input import STDIN, stdin_as_file
    from eventetl.flows.sources import SourceFile

    fields = parse_fields(field)
    rule_set = rules_or_fail(rules)
    status = 0
    present = []
    for f in map(str, files):
        if f != STDIN and not os.path.lexists(f):  # nothing was listed: it never existed
            typer.secho(f"rejected {f}: no such file", fg=typer.colors.YELLOW, err=True)
            status = 1
        else:
            present.append(f)
    with stdin_as_file(STDIN in present) as stdin_path:
        sources = [SourceFile(str(stdin_path) if f == STDIN else f, os.path.getsize(f) if os.path.isfile(f) else None)
                   for f in present]
        status = max(status, _print_events(sources, rule_set, workers, stdin_path, fields))
    raise typer.Exit(status)


def _print_events(sources: list, rules: RuleSet, workers: Optional[int],
                  stdin_path: Optional[Path], fields: Optional[dict[str, list[str]]] = None) -> int:
    from eventetl.extractors.text.article_records import record_fields
    from eventetl.flows.extraction import WorkerDied, batch_size_for, default_workers, pool_size, process_files
    from eventetl.flows.record_files import estimated_units, units_of
    from eventetl.warehouse.queries import printable
    # Workers get file paths (JSON records: the records read here) and send back plain
    # records, printed here in input order.
    n_units = estimated_units(sources)
    n_workers = pool_size(n_units, workers or default_workers())
    status, out = 0, sys.stdout
    try:
        with ends_in_one_line("standard output", "the lines printed so far are complete, the rest is missing"):
            for outcomes in process_files(units_of(sources, record_fields(fields)), None, None, rules,
                                          workers=n_workers, batch_size=batch_size_for(n_units, n_workers)):
                for o in outcomes:
                    if o.rejection is not None:
                        name = "-" if stdin_path and o.uri == str(stdin_path) else o.uri
                        typer.secho(f"rejected {printable(name)}: {printable(o.rejection.reason)}",
                                    fg=typer.colors.YELLOW, err=True)
                        status = 1
                    for m in o.mentions:
                        out.write(json.dumps(m.to_dict(), default=str, ensure_ascii=False) + "\n")
    except WorkerDied as err:
        out.flush()
        fail(f"{err}; the lines printed so far are complete, the rest is missing")
    return status


def dates(
    file: Path = typer.Argument(..., help="Article file (date-line format) or plain text; - reads standard input."),
    published: Optional[str] = typer.Option(None, help="Publication date the expressions resolve against "
                                            "(YYYY-MM-DD; default: the file's date line)."),
) -> None:
    """Print the temporal expressions of a file as JSON lines (offsets into the article body)."""
    from eventetl.extractors.temporal.dates import find_temporal_expressions
    text = read_input_or_fail(file, published)
    if text.published is None:
        fail(f"{file} has no date line: give --published YYYY-MM-DD", 2)
    for e in find_temporal_expressions(text.body, text.published):
        sys.stdout.write(json.dumps(e.as_json(), ensure_ascii=False) + "\n")


def places(
    file: Path = typer.Argument(..., help="Article file (date-line format) or plain text; - reads standard input."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD; default: the file's date line)."),
    dateline: Optional[str] = typer.Option(None, help="Dateline place, for disambiguation (default: the "
                                           "file's dateline)."),
) -> None:
    """Print the place mentions of a file as JSON lines (offsets into the article body)."""
    from eventetl.extractors.places.places import find_places
    text = read_input_or_fail(file, published)
    for p in find_places(text.body, text.published, dateline or text.dateline):
        sys.stdout.write(json.dumps(p.as_json(), ensure_ascii=False) + "\n")
