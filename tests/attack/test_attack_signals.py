"""Runs stopped from outside: SIGTERM, SIGKILL at random moments, a disk that fills up.

Each stopped run is run again and compared with an uninterrupted run of the same folder
(the helpers of tests/flows/test_crash_safety.py: every Parquet row, every warehouse row, no
temporary file left). `benchmarks/sigkill_reruns.py` does the same with 20 kills on
500 files; here a few kills of a 60-file run keep the suite short.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from attack_kit import (EVENTETL, Ran, Site, cli_env, command_env, corpus, eventetl, ok,  # noqa: F401
                        one_line_error)
from crash_kit import assert_same_as_clean, assert_whole_for_readers, kill_when, start_run

pytestmark = [pytest.mark.attack, pytest.mark.slow]
FILES = 60


@pytest.fixture(scope="module")
def reference(tmp_path_factory, cli_env):  # noqa: F811
    """A 60-file folder and the data folder of one uninterrupted run over it (few files:
    each test here pays for two or three runs; benchmarks/sigkill_reruns.py kills 500-file runs)."""
    base = tmp_path_factory.mktemp("signals")
    src = corpus(base / "src", FILES)
    clean = base / "clean"
    t0 = time.monotonic()
    ok(eventetl("run", "--source", src, "--data-dir", clean, "--workers", "2", env=cli_env))
    return src, clean, time.monotonic() - t0


def rerun_equals_clean(src: Path, data: Path, clean: Path, env: dict) -> None:
    assert_whole_for_readers(data)
    ok(eventetl("run", "--source", src, "--data-dir", data, "--workers", "2", env=env))
    assert_same_as_clean(data, clean)


def test_a_run_killed_at_a_random_moment_reruns_equal_to_a_clean_run(reference, cli_env, tmp_path):  # noqa: F811
    src, clean, seconds = reference
    seed = random.randrange(1_000_000)  # printed: a failure names the moment to replay
    rng = random.Random(seed)
    data = tmp_path / "data"
    for _attempt in range(3):  # a run that ends before its moment is redone with a moment drawn from its length
        shutil.rmtree(data, ignore_errors=True)
        delay = rng.uniform(0.3, 0.9 * seconds)
        proc = start_run(src, data, cli_env, log=tmp_path / "killed.log")
        t0 = time.monotonic()
        if kill_when(proc, lambda: time.monotonic() - t0 >= delay):
            break
        seconds = time.monotonic() - t0
    else:
        pytest.fail("the run finished before every kill moment")
    print(f"seed {seed}: SIGKILL after {delay:.1f} s")
    rerun_equals_clean(src, data, clean, cli_env)


def test_a_run_killed_during_an_incremental_load_reruns_equal(reference, cli_env, tmp_path):  # noqa: F811
    src, clean, _ = reference
    changed = tmp_path / "src"
    shutil.copytree(src, changed)
    for i in range(0, FILES, 7):  # every 7th file: half of them deleted, half edited
        path = changed / f"part{i // 100}" / f"a{i:04d}.txt"
        if i % 2:
            path.unlink()
        else:
            path.write_text(path.read_text() + "Iran condemned the statement.\n")
    reference_data, data = tmp_path / "reference", tmp_path / "data"
    shutil.copytree(clean, reference_data)
    shutil.copytree(clean, data)
    ok(eventetl("run", "--source", changed, "--data-dir", reference_data, "--prune", env=cli_env))
    proc = start_run(changed, data, cli_env, "--prune", log=tmp_path / "killed.log")
    assert kill_when(proc, lambda: (data / ".eventetl.load-pending").exists())
    assert_whole_for_readers(data)
    ok(eventetl("run", "--source", changed, "--data-dir", data, "--prune", env=cli_env))
    assert_same_as_clean(data, reference_data)


def test_sigterm_mid_run_ends_with_one_line_and_the_rerun_completes(reference, cli_env, tmp_path):  # noqa: F811
    src, clean, _ = reference
    data = tmp_path / "data"
    log = tmp_path / "terminated.log"
    proc = start_run(src, data, cli_env, log=log)
    deadline = time.monotonic() + 300
    while not (data / "_staging").exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGTERM)
    assert proc.wait(timeout=60) == 128 + signal.SIGTERM
    text = log.read_text(errors="replace")
    assert "Traceback" not in text
    # the second line: a library held the signal back until the run had done its work
    assert text.strip().splitlines()[-1] in (
        "error: stopped by SIGTERM: nothing half-written is visible; run the same command again to finish",
        "error: stopped by SIGTERM as it ended: the command had done all its work")
    rerun_equals_clean(src, data, clean, cli_env)


@pytest.mark.parametrize("target", ["the run's process", "its process group"])
def test_sigterm_during_a_hanging_listing_stops_at_once_and_leaves_no_prefect_server(target, tmp_path):
    """No PREFECT_API_URL: the run starts Prefect's temporary API server, which must go when
    the run goes, whether the signal reaches the run alone or its whole process group."""
    site = Site(hang=("/news/",))
    with site.running():
        proc = subprocess.Popen([EVENTETL, "run", "--source", f"{site.url}/news/", "--data-dir", str(tmp_path / "d")],
                                env=command_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        deadline = time.monotonic() + 300
        while not site.requests and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert site.requests, proc.communicate()[1][-3000:]
        children = psutil.Process(proc.pid).children(recursive=True)
        assert any("uvicorn" in " ".join(c.cmdline()) for c in children)
        t0 = time.monotonic()
        if target == "its process group":
            os.killpg(proc.pid, signal.SIGTERM)
        else:
            proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
        stopped_in = time.monotonic() - t0
    assert proc.returncode == 128 + signal.SIGTERM, err[-3000:]
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("error: stopped by SIGTERM")
    assert stopped_in < 20
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert alive == []


def test_a_full_disk_ends_with_one_line_naming_the_path_and_the_rerun_completes(reference, cli_env,  # noqa: F811
                                                                                 tmp_path):
    """The data folder on a 3 MB tmpfs (a private mount in a user namespace: no root needed
    where unprivileged user namespaces are allowed), then the same run with room to spare."""
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (unshare -rm and mount not permitted)")
    src, clean, _ = reference
    mnt, kept = tmp_path / "mnt", tmp_path / "after"
    mnt.mkdir()
    script = f"""
        mount -t tmpfs -o size=3m tmpfs {mnt}
        {EVENTETL} run --source {src} --data-dir {mnt}/data > {tmp_path}/full.out 2> {tmp_path}/full.err
        echo $? > {tmp_path}/full.rc
        mount -o remount,size=200m {mnt}
        {EVENTETL} run --source {src} --data-dir {mnt}/data > {tmp_path}/rerun.out 2> {tmp_path}/rerun.err
        echo $? > {tmp_path}/rerun.rc
        cp -a {mnt}/data {kept}
    """
    subprocess.run(["unshare", "-rm", "sh", "-c", script], env=cli_env, timeout=900, check=True)
    full = (tmp_path / "full.err").read_text()
    rc = int((tmp_path / "full.rc").read_text())
    one_line_error(Ran(rc, "", full), "no space left on the device while writing", str(mnt / "data"))
    assert int((tmp_path / "rerun.rc").read_text()) == 0, (tmp_path / "rerun.err").read_text()[-3000:]
    assert_same_as_clean(kept, clean)
