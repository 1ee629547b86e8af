"""Peak memory and time of `eventetl run` on a source of 100,000 small article files.

    .venv/bin/python benchmarks/memory_100k.py [--files 100000] [--workers 2] [--keep DIR]

Generates the files in a temporary folder (short articles cut from the dev set,
spread over a year of dates, each numbered so every one is distinct content), runs the
real command as a subprocess and samples its process tree. The dev set is read from the
shared folder (EVENTETL_SHARED, else beside the repository: `evaluation/shared_data.py`);
without it the script stops. Reports:

- peak RSS of the main process (the flow: discovery, article metadata, the load),
- peak RSS of the whole tree (main + extraction workers) summed at the same instant,
- ru_maxrss of the largest single child process (getrusage RUSAGE_CHILDREN),
- wall time and files per second.

A benchmark, not a test: it takes minutes. Not run by the test suite.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import psutil

from eventetl.evaluation.shared_data import eval_dir

REPO = Path(__file__).resolve().parent.parent


def dev_articles() -> Path:
    """The dev set's articles, in the shared folder as the tests and evaluations find it.
    Absent, the benchmark stops: the figures it prints are measured on these texts."""
    folder = eval_dir() / "dev" / "articles"
    if not folder.is_dir():
        raise SystemExit(f"no dev articles at {folder}: set EVENTETL_SHARED to the shared folder "
                         "(the one holding eval/dev/articles)")
    return folder


def article_bodies(folder: Path, max_chars: int = 700) -> list[str]:
    """The articles' bodies, cut after the sentence that passes max_chars."""
    bodies = []
    for f in sorted(folder.glob("*.txt")):
        text = f.read_text(encoding="utf-8").lstrip()
        m = re.match(r"date \S+ (.*)", text, re.S)
        if not m:
            continue
        body = m.group(1)
        cut = body.find(". ", max_chars)
        bodies.append(body[: cut + 1] if cut > 0 else body)
    return bodies


def generate(folder: Path, n: int) -> None:
    bodies = article_bodies(dev_articles())
    first = date(2023, 1, 1)
    for i in range(n):
        sub = folder / f"{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        day = first + timedelta(days=i % 365)
        (sub / f"{i:06d}.txt").write_text(f"date {day.isoformat()} {bodies[i % len(bodies)]}\nItem {i}.\n",
                                          encoding="utf-8")


def run_and_sample(cmd: list[str], env: dict, interval: float = 0.25) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    main = psutil.Process(proc.pid)
    peak_main = peak_tree = 0
    while proc.poll() is None:
        try:
            rss_main = main.memory_info().rss
            tree = rss_main + sum(_rss(c) for c in main.children(recursive=True))
        except psutil.NoSuchProcess:
            break
        peak_main, peak_tree = max(peak_main, rss_main), max(peak_tree, tree)
        time.sleep(interval)
    out = proc.stdout.read()
    proc.wait()
    return {"seconds": time.perf_counter() - t0, "returncode": proc.returncode, "output": out,
            "peak_main_mb": peak_main / 2**20, "peak_tree_mb": peak_tree / 2**20,
            "max_child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _rss(p: psutil.Process) -> int:
    try:
        return p.memory_info().rss
    except psutil.NoSuchProcess:
        return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="generate into (and keep) this folder instead of a temporary one")
    args = ap.parse_args()

    base = args.keep or Path(tempfile.mkdtemp(prefix="eventetl-mem-"))
    source, data = base / "articles", base / "data"
    try:
        if not source.exists():
            t = time.perf_counter()
            generate(source, args.files)
            print(f"generated {args.files} files in {time.perf_counter() - t:.1f} s under {source}", flush=True)
        shutil.rmtree(data, ignore_errors=True)
        env = dict(os.environ, PREFECT_LOGGING_LEVEL="WARNING")
        cmd = [str(REPO / ".venv" / "bin" / "eventetl"), "run", "--source", str(source), "--data-dir", str(data),
               "--workers", str(args.workers)]
        r = run_and_sample(cmd, env)
        print(r["output"][-1500:])
        print(f"files {args.files}  workers {args.workers}  exit {r['returncode']}")
        print(f"wall {r['seconds']:.0f} s  ({args.files / r['seconds']:.0f} files/s)")
        print(f"peak RSS main process {r['peak_main_mb']:.0f} MB; whole tree {r['peak_tree_mb']:.0f} MB; "
              f"largest child ru_maxrss {r['max_child_mb']:.0f} MB")
        return r["returncode"]
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
