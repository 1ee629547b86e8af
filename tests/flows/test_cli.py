"""The command line as a user meets it: real subprocesses, one-line errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES

EVENTETL = str(Path(sys.executable).parent / "eventetl")


def cli(*args: str, **kw) -> subprocess.CompletedProcess:
    # as a user runs it: the CLI's own logging defaults, not the test session's
    env = {k: v for k, v in kw.pop("env", os.environ).items() if k != "PREFECT_LOGGING_LEVEL"}
    return subprocess.run([EVENTETL, *args], capture_output=True, text=True, timeout=600, env=env, **kw)


def test_help_is_everywhere():
    for cmd in ([], ["run"], ["extract"], ["query"], ["eval"], ["dates"], ["places"], ["rejected"]):
        out = cli(*cmd, "--help")
        assert out.returncode == 0, out.stderr
        assert "Usage" in out.stdout


def test_missing_source_fails_with_one_line_and_no_traceback(tmp_path):
    out = cli("run", "--source", str(tmp_path / "nope"), "--data-dir", str(tmp_path / "d"))
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    # not a terminal: the phases it went through, one timestamped line each, then the error
    *phases, last = out.stderr.strip().splitlines()
    assert last == f"error: source folder {tmp_path / 'nope'} does not exist"
    assert phases and all(line[2] == ":" and "error" not in line for line in phases)


def test_bad_date_option_is_a_usage_error(tmp_path):
    out = cli("run", "--source", str(EXAMPLES), "--data-dir", str(tmp_path), "--start", "2024-02-30")
    assert out.returncode == 2 and "is not a date" in out.stderr


def test_extract_prints_event_mentions_as_json_lines():
    out = cli("extract", str(EXAMPLES / "2024-01-25_pakistan_iran.txt"))
    assert out.returncode == 0, out.stderr
    events = [json.loads(line) for line in out.stdout.splitlines()]
    assert events
    assert {"mention_id", "event_code", "actor1_country", "actor2_country", "sentence", "rule_id"} <= set(events[0])
    assert any({e["actor1_country"], e["actor2_country"]} == {"PAK", "IRN"} for e in events)


def test_extract_reports_a_bad_file_and_exits_non_zero(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("no date")
    out = cli("extract", str(bad))
    assert out.returncode == 1 and "no date line" in out.stderr


def test_a_broken_user_rule_file_is_one_error_line_naming_the_file(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text("rules:\n  - id: x\n    code: [\n")
    out = cli("extract", "--rules", str(rules), str(EXAMPLES / "2024-01-25_pakistan_iran.txt"))
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.strip().splitlines() == [
        f"error: {rules / 'mine.yaml'}:4: not valid YAML (column 1: did not find expected node content)"]


def test_a_rule_file_of_the_wrong_shape_or_a_missing_folder_stops_a_run_before_it_writes(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yaml").write_text("- just\n- a list\n")
    data = tmp_path / "data"
    out = cli("run", "--source", str(EXAMPLES), "--data-dir", str(data), "--rules", str(rules))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "mine.yaml: expected a mapping whose 'rules' key holds a list of rules" in out.stderr
    assert not data.exists()
    out = cli("eval", "--articles", str(EXAMPLES), "--gold", str(rules / "mine.yaml"),
              "--rules", str(tmp_path / "nope"))
    assert out.returncode == 1
    assert out.stderr.strip() == f"error: rules folder {tmp_path / 'nope'} does not exist"


@pytest.mark.slow
def test_run_then_query_the_warehouse(tmp_path):
    data = tmp_path / "data"
    out = cli("run", "--source", str(EXAMPLES), "--data-dir", str(data), "--workers", "1")
    assert out.returncode == 0, out.stderr
    assert "rejected          1" in out.stdout and "no date line" in out.stdout
    q = cli("query", "SELECT count(*) AS n FROM articles", "--data-dir", str(data), "--format", "json")
    assert q.returncode == 0, q.stderr
    assert json.loads(q.stdout) == {"n": len(list(EXAMPLES.glob("*.txt"))) - 1}
    csv = cli("query", "SELECT source_uri, reason FROM rejected_articles", "--data-dir", str(data), "--format", "csv")
    assert csv.stdout.splitlines()[0] == '"source_uri","reason"'
    bad = cli("query", "SELECT nope FROM articles", "--data-dir", str(data))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    ro = cli("query", "DELETE FROM articles", "--data-dir", str(data))
    assert ro.returncode == 1 and "read-only" in ro.stderr.lower()


def test_a_venv_installed_before_the_eventetl_namespace_still_runs_the_command():
    """An editable install from before the folders became `eventetl.<folder>` has a script
    calling `flows.cli:main` and no `eventetl` package: the command still runs from the
    checkout, and prints what the current install prints."""
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    script = f"""
import sys
sys.meta_path = [f for f in sys.meta_path if "editable" not in type(f).__module__.lower()]
sys.path = [p for p in sys.path if "__editable__" not in p]
sys.path_hooks = [h for h in sys.path_hooks if "editable" not in getattr(h, "__module__", "").lower()]
sys.path_importer_cache.clear()
sys.path.insert(0, {str(repo)!r})
import importlib.util
assert importlib.util.find_spec("eventetl") is None
sys.argv = ["eventetl", "--version"]
from flows.cli import main
main()
"""
    old = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd="/")
    new = subprocess.run([sys.executable, "-m", "eventetl.flows.cli.app", "--version"],
                         capture_output=True, text=True)
    assert old.returncode == 0, old.stderr
    assert old.stdout.splitlines()[0] == "eventetl 0.1.0"
    assert new.returncode == 0, new.stderr
    assert old.stdout == new.stdout
