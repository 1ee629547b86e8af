"""One writer per data folder: a second run waits (--wait) or refuses with a clear message.

An fcntl lock on `<data_dir>/.eventetl.lock`. The kernel releases it when the holder's
file descriptor closes, also when the process is killed (SIGKILL included), so a crash
never leaves a stale lock behind and no one has to delete a file by hand. The file's
text names the holder (pid, start time) for the message a waiting or refused run shows.
"""
from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

LOCK_NAME = ".eventetl.lock"
POLL_SECONDS = 0.2


class RunLocked(RuntimeError):
    pass


def lock_holder(lock_dir: Path) -> str:
    """Who holds (or last held) the lock, as written in the lock file."""
    try:
        return (lock_dir / LOCK_NAME).read_text().strip() or "another process"
    except OSError:
        return "another process"


@contextmanager
def exclusive_run(lock_dir: Path, wait: bool = False, timeout: float | None = None,
                  on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the data folder's lock for the block.

    wait=False: raise RunLocked at once when another run holds it. wait=True: block until
    it is free (at most `timeout` seconds, then RunLocked); `on_wait` is told once who is
    being waited for.
    """
    lock_dir.mkdir(parents=True, exist_ok=True)
    path = lock_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # not inherited by child processes
    try:
        _acquire(fd, lock_dir, wait, timeout, on_wait)
        os.ftruncate(fd, 0)
        started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
        os.pwrite(fd, f"pid {os.getpid()}, started {started}".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the flock, also when the process is killed


def _acquire(fd: int, lock_dir: Path, wait: bool, timeout: float | None,
             on_wait: Callable[[str], None] | None) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        holder = lock_holder(lock_dir)
    if not wait:
        raise RunLocked(f"another eventetl run ({holder}) is writing to {lock_dir}; "
                        "wait for it to finish or use --wait")
    if on_wait is not None:
        on_wait(f"waiting for another eventetl run ({holder}) to finish writing to {lock_dir}")
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if deadline is not None and time.monotonic() >= deadline:
                raise RunLocked(f"gave up after {timeout:g} s waiting for another eventetl run "
                                f"({lock_holder(lock_dir)}) writing to {lock_dir}") from None
            time.sleep(POLL_SECONDS)


# -- interrupted loads ----------------------------------------------------------------------
LOAD_MARKER = ".eventetl.load-pending"


def begin_load(lock_dir: Path) -> bool:
    """Mark the data folder before a load changes Parquet and DuckDB; returns whether an
    earlier load was interrupted (its marker is still there). Call with the lock held.

    Parquet partitions are written first, then the warehouse. A run killed in between
    leaves Parquet ahead of DuckDB, and the next run, finding those articles already in
    Parquet, would have nothing to reload: the marker tells it to rebuild the warehouse
    from Parquet instead. `end_load` removes it once everything has committed.
    """
    marker = lock_dir / LOAD_MARKER
    if marker.exists():
        return True
    lock_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, f"load started by pid {os.getpid()}".encode())
        os.fsync(fd)  # on disk before the first partition is replaced
    finally:
        os.close(fd)
    return False


def end_load(lock_dir: Path) -> None:
    (lock_dir / LOAD_MARKER).unlink(missing_ok=True)


# -- models left stale by loads that deferred the post-load step (a backfill's dates) -------
MODELS_MARKER = ".eventetl.models-stale"


def mark_models_stale(lock_dir: Path) -> None:
    """Before a load that leaves the SQL models for later: if the process dies before the
    post-load step, the next run's step rebuilds every model, not only its own events."""
    lock_dir.mkdir(parents=True, exist_ok=True)
    (lock_dir / MODELS_MARKER).touch()


def models_stale(lock_dir: Path) -> bool:
    return (lock_dir / MODELS_MARKER).exists()


def models_fresh(lock_dir: Path) -> None:
    (lock_dir / MODELS_MARKER).unlink(missing_ok=True)
