"""A run that cannot go on: a signal (SIGTERM, Ctrl-C) or a full disk, each ended with one line.

Neither needs cleaning up after: every write is atomic (a temporary file renamed, one
DuckDB transaction per date) and the next run completes an interrupted load (see
docs/operations.md, *Crash safety*). What they need is an orderly exit: worker processes killed,
Prefect's temporary API server stopped (its `atexit` hook runs only when Python exits
normally, not when a signal's default action ends the process), and a message instead
of a traceback.
"""
from __future__ import annotations

import errno
import re
import signal
import socket
from contextlib import contextmanager
from typing import Callable, Iterator

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Stopped(BaseException):
    """A stop signal arrived. A BaseException, like KeyboardInterrupt: no `except Exception`
    on the way up (a bad file's handler, a task's) may swallow it."""

    def __init__(self, signum: int, finished: bool = False):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.finished = finished  # held back by a library until the block had done its work


def _raise_stopped(signum: int, _frame) -> None:
    raise Stopped(signum)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGINT into `Stopped` in the main thread for the block.

    Prefect's flow engine puts its own SIGTERM handler in front of this one while a flow
    runs; after marking the flow run crashed it restores this handler and signals the
    process again, so `Stopped` still arrives.

    A handler's exception can still get lost on the way up: raised while DuckDB runs a
    query or reads registered Arrow data, it comes back as another error ("Query
    interrupted", a failed Arrow read, an aborted transaction), and a library's own
    handler may swallow it. So the block also notes the stop signals at the C level
    (`signal.set_wakeup_fd`, written whichever Python handler runs): an error raised after
    one was noted is a `Stopped`, and so is a block that ends normally after one.
    """
    previous = {sig: signal.signal(sig, _raise_stopped) for sig in STOP_SIGNALS}
    try:
        with _noting_stop_signals() as noted:
            try:
                yield
            except Stopped:
                raise
            except BaseException as err:
                signum = stop_signal(err) or noted()
                if signum is None:
                    raise
                raise Stopped(signum) from err
            signum = noted()
            if signum is not None:
                raise Stopped(signum, finished=True)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def _noting_stop_signals() -> Iterator[Callable[[], int | None]]:
    """A function telling which stop signal reached the process since the block began (None:
    none). The wakeup fd is per process: a forked worker inherits it and must reset it."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    seen: list[int] = []

    def noted() -> int | None:
        while True:
            try:
                data = reader.recv(4096)
            except BlockingIOError:
                break
            if not data:
                break
            seen.extend(data)
        return next((signum for signum in seen if signum in STOP_SIGNALS), None)

    try:
        yield noted
    finally:
        signal.set_wakeup_fd(previous)
        reader.close()
        writer.close()


def stop_signal(err: BaseException) -> int | None:
    """The signal number behind an exception that ended a run: ours (`Stopped`), Prefect's
    TerminationSignal, or a KeyboardInterrupt; None for anything else."""
    seen = set()
    while err is not None and id(err) not in seen:
        seen.add(id(err))
        if isinstance(err, Stopped):
            return err.signum
        if isinstance(err, KeyboardInterrupt):
            return signal.SIGINT
        if type(err).__name__ == "TerminationSignal":
            return getattr(err, "signal", signal.SIGTERM)
        err = err.__cause__ or err.__context__
    return None


_NO_SPACE = (errno.ENOSPC, errno.EDQUOT)
_PATH_IN_TEXT = re.compile(r"""["']?(/[^"'\s:]+)""")


def disk_full(err: BaseException, where: str) -> str | None:
    """One line for an exception caused by a full disk (or quota), naming the path being
    written when the error says (else `where`); None for any other exception."""
    seen = set()
    while err is not None and id(err) not in seen:
        seen.add(id(err))
        text = str(err)
        if (isinstance(err, OSError) and err.errno in _NO_SPACE) or "No space left on device" in text \
                or "Disk quota exceeded" in text:
            path = getattr(err, "filename", None)
            if not path:
                m = _PATH_IN_TEXT.search(text)
                path = m.group(1) if m else where
            return (f"no space left on the device while writing {path}; free some space and run again "
                    "(nothing half-written is visible, and the next run completes this load)")
        err = err.__cause__ or err.__context__
    return None
