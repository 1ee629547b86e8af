"""SIGKILL `eventetl run` at random moments, run it again, and compare with a clean run.

The promise under test (README, *Crash safety*): a run killed at any moment, then run
again, leaves the Parquet dataset and the warehouse exactly as an uninterrupted run
would. The attack suite kills a few runs of 160 files; this script does what the issue
asked of a release, 20 kills at random moments of a 500-file run, half of them on a fresh
data folder and half on an incremental run (files edited, deleted and added since a
clean load, with --prune), and reports each kill and its outcome.

    .venv/bin/python benchmarks/sigkill_reruns.py                      # 500 files, 20 kills
    .venv/bin/python benchmarks/sigkill_reruns.py --files 200 --kills 6 --seed 7

Each kill takes the run's whole process group (main process and extraction workers) at
a moment drawn uniformly from the reference run's duration; the runs talk to a Prefect
server this script starts, so each pays for its own work only. Writes
benchmarks/results/sigkill_reruns.json; exit status 1 if any rerun differed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "attack")]  # the comparisons the tests make

from attack_kit import EVENTETL, corpus  # noqa: E402
from crash_kit import assert_same_as_clean, start_run  # noqa: E402


def prefect_server(home: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_UI_ENABLED="false")
    server = subprocess.Popen([str(Path(sys.executable).parent / "prefect"), "server", "start", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/health", timeout=2)
            return server, url
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the Prefect server did not start")


def run(src: Path, data: Path, env: dict, *extra: str) -> float:
    t0 = time.monotonic()
    proc = subprocess.run([EVENTETL, "run", "--source", str(src), "--data-dir", str(data), "--workers", "2", *extra],
                          env=env, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"eventetl run failed:\n{proc.stderr[-3000:]}")
    return time.monotonic() - t0


def phase(data: Path, pid: int) -> str:
    """How far the run had come when it was killed, from its processes and what it leaves
    in the data folder."""
    if any(data.glob(".serving.duckdb.*.tmp*")):
        return "writing the serving copy"
    if (data / ".eventetl.load-pending").exists():
        return "loading Parquet and DuckDB"
    try:
        workers = [c for c in psutil.Process(pid).children(recursive=True) if "spawn_main" in " ".join(c.cmdline())]
    except psutil.Error:
        workers = []
    if workers or (data / "_staging").exists():
        return "extracting"
    return "start-up, or between extraction and load"


def change(src: Path, changed: Path, files: int) -> None:
    """The incremental case: every 9th file edited, every 13th deleted, 25 new files."""
    shutil.copytree(src, changed)
    for i in range(0, files, 9):
        path = changed / f"part{i // 100}" / f"a{i:04d}.txt"
        path.write_text(path.read_text() + "Iran condemned the statement.\n")
    for i in range(5, files, 13):
        (changed / f"part{i // 100}" / f"a{i:04d}.txt").unlink(missing_ok=True)
    corpus(changed / "new", 25, days=5, first_day=20)


def kill_at_random(source: Path, data: Path, start_from: Path | None, env: dict, extra: tuple[str, ...],
                   full_run: dict[str, float], mode: str, rng: random.Random, log: Path) -> tuple[float, str, bool]:
    """Start a run on `data` (a copy of `start_from`, or a new folder) and SIGKILL its process
    group at a moment drawn from `full_run[mode]` (see `main`); a run that ends first is
    redone, up to 5 times. Returns the moment, the phase reached and whether the last try
    finished before its kill."""
    for _attempt in range(5):
        shutil.rmtree(data, ignore_errors=True)
        if start_from is not None:
            shutil.copytree(start_from, data)
        delay = rng.uniform(0.2, 0.95 * full_run[mode])
        proc = start_run(source, data, env, *extra, log=log)
        t0 = time.monotonic()
        while proc.poll() is None and time.monotonic() - t0 < delay:
            time.sleep(0.005)
        reached = phase(data, proc.pid)
        finished_first = proc.poll() is not None
        if not finished_first:
            os.killpg(proc.pid, 9)
            proc.wait()
            break
        full_run[mode] = min(full_run[mode], time.monotonic() - t0)
    return delay, reached, finished_first


def same_as_clean(data: Path, reference: Path) -> tuple[bool, str]:
    """Whether the rerun's data folder equals the clean run's, and the first difference."""
    try:
        assert_same_as_clean(data, reference)
    except AssertionError as err:
        return False, str(err)[:500]
    return True, ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "sigkill_reruns.json"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    scratch = Path(tempfile.mkdtemp(prefix="eventetl-sigkill-"))
    server, api = prefect_server(scratch / "prefect")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_LOGGING_LEVEL"}
    env.update(PREFECT_API_URL=api, PREFECT_HOME=str(scratch / "prefect"), PYTHONUNBUFFERED="1")
    results, started = [], time.time()
    try:
        src = corpus(scratch / "src", args.files)
        changed = scratch / "changed"
        change(src, changed, args.files)
        clean, incremental = scratch / "clean", scratch / "incremental"
        fresh_seconds = run(src, clean, env)
        shutil.copytree(clean, incremental)
        incremental_seconds = run(changed, incremental, env, "--prune")
        print(f"reference runs: fresh {fresh_seconds:.1f} s, incremental {incremental_seconds:.1f} s "
              f"({args.files} files, load average {os.getloadavg()[0]:.1f})")
        # A kill moment is drawn from the time an uninterrupted run takes, which drifts with the
        # machine's load: the shortest full run seen so far (a run that ends before its kill
        # moment is one: it is redone with a moment drawn from its own duration).
        full_run = {"fresh": fresh_seconds, "incremental": incremental_seconds}
        for k in range(args.kills):
            mode = "fresh" if k % 2 == 0 else "incremental"
            source, reference, extra = (src, clean, ()) if mode == "fresh" else (changed, incremental, ("--prune",))
            data = scratch / f"kill{k:02d}"
            delay, reached, finished_first = kill_at_random(
                source, data, clean if mode == "incremental" else None, env, extra, full_run, mode, rng,
                log=scratch / f"kill{k:02d}.log")
            rerun_seconds = run(source, data, env, *extra)
            equal, detail = same_as_clean(data, reference)
            results.append({"kill": k + 1, "mode": mode, "after_s": round(delay, 2), "phase": reached,
                            "finished_before_kill": finished_first, "rerun_s": round(rerun_seconds, 1),
                            "equal_to_clean": equal, "detail": detail})
            when = reached + (", finished first 5 times: not killed" if finished_first else "")
            print(f"kill {k + 1:2d} {mode:<11} after {delay:5.1f} s ({when}): "
                  f"rerun {'equal' if equal else 'DIFFERENT'} to a clean run", flush=True)
            if not args.keep:
                shutil.rmtree(data, ignore_errors=True)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    failed = [r for r in results if not r["equal_to_clean"]]
    killed = sum(1 for r in results if not r["finished_before_kill"])
    summary = {"started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)), "files": args.files,
               "kills": killed, "seed": args.seed, "fresh_reference_s": round(fresh_seconds, 1),
               "incremental_reference_s": round(incremental_seconds, 1), "different": len(failed),
               "load_average": round(os.getloadavg()[0], 1), "results": results}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(summary, indent=2) + "\n")
    print(f"{killed} runs killed, {len(results) - len(failed)} of {len(results)} reruns equal to a clean run; "
          f"{args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
