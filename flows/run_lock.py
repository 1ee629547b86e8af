"""One writer per data folder: a second run refuses with a clear message."""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

LOCK_NAME = ".eventetl.lock"


class RunLocked(RuntimeError):
    pass


@contextmanager
def exclusive_run(lock_dir: Path, wait: bool = False) -> Iterator[None]:
    lock_dir.mkdir(parents=True, exist_ok=True)
    path = lock_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = path.read_text().strip() or "another process"
            raise RunLocked(f"another eventetl run ({holder}) is writing to {lock_dir}; "
                            "wait for it to finish or use --wait") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}".encode())
        yield
    finally:
        os.close(fd)  # closing releases the flock, also when the process is killed
