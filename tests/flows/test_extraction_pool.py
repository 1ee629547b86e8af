"""Worker processes of `eventetl extract`: forked from a warm parent when that is safe,
spawned otherwise, and never a different result from one process."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import REPO

from eventetl.flows.extraction import MIN_FILES_FOR_POOL, can_fork_warm

EVENTETL = str(Path(sys.executable).parent / "eventetl")


def _copies(articles: Path, folder: Path, n: int) -> list[Path]:
    """n article files: those of `articles` again and again, each under its own name."""
    sources = sorted(articles.glob("*.txt"))
    paths = []
    for i in range(n):
        src = sources[i % len(sources)]
        path = folder / f"c{i:04d}_{src.name}"
        shutil.copyfile(src, path)
        paths.append(path)
    return paths


def _extract(paths: list[Path], workers: int) -> list[dict]:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_LOGGING_LEVEL"}
    out = subprocess.run([EVENTETL, "extract", "--workers", str(workers), *map(str, paths)],
                         capture_output=True, text=True, timeout=600, env=env)
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_two_workers_print_what_one_process_prints_in_the_same_order(dev_articles, tmp_path):
    paths = _copies(dev_articles, tmp_path, MIN_FILES_FOR_POOL + 10)  # enough files for a pool
    one, two = _extract(paths, 1), _extract(paths, 2)
    assert len(one) > MIN_FILES_FOR_POOL  # the dev articles yield events
    assert two == one


def test_a_single_threaded_command_forks_its_workers_from_the_warm_pipeline():
    # a fresh interpreter, as `eventetl extract` runs: no other thread
    code = ("from eventetl.flows.extraction import ExtractionPool\n"
            "from eventetl.extractors.ruleset.ruleset import SHIPPED\n"
            "with ExtractionPool(2, warm_rules=SHIPPED) as pool:\n"
            "    print(pool.start_method)\n"
            "from eventetl.extractors.pipeline import get_nlp\n"
            "print(get_nlp.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["fork", "1"]  # the parent built the pipeline the workers share


def test_workers_are_spawned_while_another_thread_runs():
    # a Prefect engine runs threads: a forked child could inherit a lock held by one
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert not can_fork_warm()
    finally:
        stop.set()
        thread.join()


def test_workers_without_a_warm_pipeline_are_spawned():
    code = ("from eventetl.flows.extraction import ExtractionPool\n"
            "from eventetl.extractors.ruleset.ruleset import SHIPPED\n"
            "with ExtractionPool(2) as pool:\n"
            "    print(pool.start_method)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["spawn"]


def test_a_worker_that_dies_stops_extract_with_an_error_instead_of_a_hang(dev_articles, tmp_path):
    import psutil

    paths = _copies(dev_articles, tmp_path, 1200)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_LOGGING_LEVEL"}
    proc = subprocess.Popen([EVENTETL, "extract", "--workers", "2", *map(str, paths)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    try:
        main = psutil.Process(proc.pid)

        def workers() -> list:  # multiprocessing may add a resource tracker process
            return [c for c in main.children() if "resource_tracker" not in " ".join(c.cmdline())]

        deadline = time.monotonic() + 120
        while len(workers()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        alive = workers()
        assert alive, "no worker process started"
        alive[0].kill()  # as the kernel's OOM killer would
        _, stderr = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 1
    assert "an extraction worker process died" in stderr and "Traceback" not in stderr
