"""The terminal as cron, CI and people meet it: labelled phases, --version, --json, one
flag name per idea, inspection commands that read files as a run does, standard input,
help that is not squeezed into 80 columns."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys

import pytest
import typer.main

from conftest import EXAMPLES, write_article
from eventetl.extractors.text.article import parse_article
from test_cli import cli

PHASES = ("starting a temporary Prefect API", "listing ", "extracting files: ", "writing Parquet partitions",
          "loading DuckDB", "building SQL models", "running data tests", "publishing serving.duckdb")


@pytest.mark.slow
def test_a_run_without_a_terminal_logs_each_phase_and_chunk_and_json_prints_the_summary(tmp_path):
    data = tmp_path / "data"
    out = cli("run", "--source", str(EXAMPLES), "--data-dir", str(data), "--workers", "1", "--json")
    assert out.returncode == 0, out.stderr
    lines = out.stderr.splitlines()
    assert all(re.match(r"\d\d:\d\d:\d\d ", line) for line in lines), lines
    for phase in PHASES:
        assert any(phase in line for line in lines), (phase, lines)
    n_files = len(list(EXAMPLES.glob("*.txt")))
    assert any(line.endswith(f"extracting files: {n_files}/{n_files} done") for line in lines)
    # phases come in the order the run goes through them
    first = [next(i for i, line in enumerate(lines) if phase in line) for phase in PHASES]
    assert first == sorted(first)
    summary = json.loads(out.stdout)
    assert summary["files_seen"] == n_files and summary["rejected"] == 1
    assert summary["new_mentions"] == summary["total_mentions"] > 0
    assert summary["post_load"]["serving"] == str(data / "serving.duckdb")


def test_the_summary_counts_mentions_as_stored_and_duplicate_content_is_extracted_once(tmp_path):
    from eventetl.flows.ingest import run_ingest
    from conftest import warehouse_rows
    src = tmp_path / "articles"
    body = "Pakistan and Iran agreed to restore diplomatic ties. Iran condemned the attack on Pakistan."
    for i in range(6):  # one content under six names
        write_article(src, f"copy{i}.txt", "2024-01-25", body, "ISLAMABAD")
    write_article(src, "other.txt", "2024-01-26", "China criticised Japan over its defence budget.", "TOKYO")
    summary = run_ingest(str(src), str(tmp_path / "data"), workers=1)
    [(stored,)] = warehouse_rows(tmp_path / "data", "SELECT count(*) FROM event_mentions")
    assert summary.duplicates == 5 and summary.articles == 2
    assert summary.new_mentions == stored > 0


def test_a_duplicate_is_recognised_by_its_hash_and_not_extracted_again(tmp_path):
    from eventetl.flows.extraction import ExtractionPool
    from eventetl.flows.sources import SourceFile
    body = "Pakistan and Iran agreed to restore diplomatic ties."
    files = [SourceFile(str(write_article(tmp_path, f"{n}.txt", "2024-01-25", body, "ISLAMABAD")))
             for n in ("a", "b", "c")]
    with ExtractionPool(1, skip_duplicates=True) as pool:
        outcomes = [o for batch in pool.map(files, None, None, batch_size=1) for o in batch]  # three batches
    assert [o.duplicate for o in outcomes] == [False, True, True]
    assert outcomes[0].mentions and outcomes[1].mentions == [] == outcomes[2].mentions
    assert {o.article.n_events for o in outcomes} == {len(outcomes[0].mentions)}
    # `extract` prints every file's events: without the option nothing is skipped
    with ExtractionPool(1) as pool:
        again = [o for batch in pool.map(files, None, None, batch_size=1) for o in batch]
    assert all(o.mentions == outcomes[0].mentions for o in again)


def test_version():
    from eventetl.extractors.ruleset.ruleset import package_version
    from eventetl.extractors.events.syntax import model_label
    out = cli("--version")
    assert out.returncode == 0
    assert out.stdout.strip().splitlines() == [f"eventetl {package_version()}", f"parser: {model_label()}"]


def test_one_flag_name_per_idea():
    from eventetl.flows.cli.app import app
    group = typer.main.get_command(app)
    flags: dict[str, set[str]] = {}
    for name, command in group.commands.items():
        flags[name] = {opt for param in command.params for opt in getattr(param, "opts", [])}
    everything = set().union(*flags.values())
    assert not everything & {"--from", "--to", "--concurrency", "--out", "--first", "--last", "--processes"}
    for command in ("run", "backfill", "report"):
        assert {"--start", "--end"} <= flags[command], command
    for command in ("run", "backfill", "extract"):
        assert "--workers" in flags[command], command
    assert {"--output", "-o"} <= flags["query"] & flags["report"] & flags["data-dictionary"]
    assert "--json" in flags["run"] & flags["backfill"]


def test_help_is_not_squeezed_into_80_columns_when_piped():
    out = cli("backfill", "--help", env={k: v for k, v in os.environ.items() if k not in ("COLUMNS", "TERMINAL_WIDTH")})
    assert out.returncode == 0
    assert max(len(line) for line in out.stdout.splitlines()) > 100
    assert "Folder, file:// URL, http(s):// listing or manifest, or s3:// prefix." in out.stdout  # one line


def messy_article(path):
    """CRLF line endings and a BOM: offsets are into the body as a run stores them."""
    path.write_bytes(b"\xef\xbb\xbfdate 2024-01-25 ISLAMABAD - Pakistan and Iran agreed on Monday\r\n"
                     b"to hold talks in Tehran on January 29.\r\nThe talks follow strikes last week.\r\n")
    return path


def test_dates_and_places_read_the_date_line_and_give_offsets_into_the_body(tmp_path):
    path = messy_article(tmp_path / "a.txt")
    body = parse_article(path.read_bytes(), str(path)).body
    dates = cli("dates", str(path))  # no --published: the date line gives it
    assert dates.returncode == 0, dates.stderr
    found = [json.loads(line) for line in dates.stdout.splitlines()]
    assert found and any(e["value"] == "2024-01-29" for e in found)
    assert all(body[e["start"]:e["end"]] == e["text"] for e in found)
    places = cli("places", str(path))
    assert places.returncode == 0, places.stderr
    named = [json.loads(line) for line in places.stdout.splitlines()]
    assert any(p["text"] == "Tehran" for p in named)
    assert all(body[p["start"]:p["end"]] == p["text"] for p in named)
    # --published overrides the date line; a plain text needs it
    earlier = cli("dates", "--published", "2023-01-25", str(path))
    assert any(json.loads(line)["value"] == "2023-01-29" for line in earlier.stdout.splitlines())
    plain = tmp_path / "plain.txt"
    plain.write_text("The talks are on January 29.")
    assert cli("dates", str(plain)).stderr.strip() == f"error: {plain} has no date line: give --published YYYY-MM-DD"
    assert cli("dates", "--published", "2024-01-25", str(plain)).returncode == 0


def test_a_missing_file_says_no_such_file(tmp_path):
    missing = tmp_path / "gone.txt"
    for command in ("dates", "places"):
        out = cli(command, "--published", "2024-01-25", str(missing))
        assert out.returncode == 1 and out.stderr.strip() == f"error: no such file: {missing}"
    out = cli("extract", str(missing), str(EXAMPLES / "2024-01-25_pakistan_iran.txt"))
    assert out.returncode == 1 and out.stderr.strip() == f"rejected {missing}: no such file"
    assert out.stdout  # the file that exists is still extracted


def test_a_dash_reads_standard_input(tmp_path):
    article = (EXAMPLES / "2024-01-25_pakistan_iran.txt").read_bytes()
    from_file = cli("extract", str(EXAMPLES / "2024-01-25_pakistan_iran.txt"))
    from_stdin = cli("extract", "-", input=article.decode("utf-8"))
    assert from_stdin.returncode == 0 and from_stdin.stdout == from_file.stdout != ""
    dates = cli("dates", "-", input=article.decode("utf-8"))
    assert dates.returncode == 0 and dates.stdout == cli("dates", str(EXAMPLES / "2024-01-25_pakistan_iran.txt")).stdout
    places = cli("places", "-", input=article.decode("utf-8"))
    assert places.returncode == 0 and places.stdout
    bad = cli("extract", "-", input="no date line")
    assert bad.returncode == 1 and bad.stderr.startswith("rejected -: no date line")


def test_on_a_terminal_the_bar_names_the_phase_and_drops_finished_jobs():
    from rich.console import Console
    from rich.progress import Progress, TextColumn

    from eventetl.flows import observability as obs
    bar = Progress(TextColumn("{task.description}"), console=Console(file=io.StringIO(), force_terminal=True))
    with bar, obs.reporting_to(obs._BarSink(bar)):
        job = obs.job_start("extracting files", 3)
        obs.job_advance(job, 3)
        obs.phase("loading DuckDB (1 publication dates)")
        assert [t.description for t in bar.tasks] == ["loading DuckDB (1 publication dates)"]
        obs.phase("publishing serving.duckdb for BI tools")
        assert [t.description for t in bar.tasks] == ["publishing serving.duckdb for BI tools"]


def test_missing_extras_are_named_with_the_install_command(tmp_path):
    """Without s3fs or prefect-dask installed (hidden from the real CLI here) the
    commands that need them say which extra to install, before anything starts."""
    hide = ("import sys; sys.modules['s3fs'] = None; sys.modules['prefect_dask'] = None; "
            "from eventetl.flows.cli.app import main; sys.argv[0] = 'eventetl'; main()")
    s3 = subprocess.run([sys.executable, "-c", hide, "run", "--source", "s3://bucket/articles", "--data-dir", str(tmp_path)],
                        capture_output=True, text=True, timeout=300)
    assert s3.returncode == 1
    assert s3.stderr.strip() == ("error: s3:// locations: the 's3' extra is not installed (no module s3fs): "
                                 "pip install 'eventetl[s3]'")
    dask = subprocess.run([sys.executable, "-c", hide, "run", "--source", str(EXAMPLES), "--data-dir", str(tmp_path),
                           "--task-runner", "dask"], capture_output=True, text=True, timeout=300)
    assert dask.returncode == 2
    assert dask.stderr.strip() == ("error: --task-runner dask: the 'dask' extra is not installed "
                                   "(no module prefect_dask): pip install 'eventetl[dask]'")
