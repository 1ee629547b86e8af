"""A stop signal ends the block as `Stopped`, even when what its handler raised got lost.

DuckDB turns an exception raised by a signal handler during a query into its own
"Query interrupted" error, and a library's handler may swallow a signal outright: a run
stopped then printed a traceback, or finished with exit 0 as if nothing had arrived.
"""
from __future__ import annotations

import os
import signal
import threading

import duckdb
import pytest

from eventetl.flows.interruptions import Stopped, stop_on_signals

LONG_QUERY = "SELECT sum(hash(i)) FROM range(5000000000) t(i)"  # minutes of work: the signal comes first


def signal_soon(signum: int = signal.SIGTERM, after: float = 0.3) -> threading.Timer:
    timer = threading.Timer(after, os.kill, (os.getpid(), signum))
    timer.start()
    return timer


def test_a_sigterm_during_a_duckdb_query_ends_the_block_as_stopped():
    con = duckdb.connect()
    with pytest.raises(Stopped) as stopped:
        with stop_on_signals():
            signal_soon()
            con.execute(LONG_QUERY).fetchall()
    assert stopped.value.signum == signal.SIGTERM and not stopped.value.finished
    assert "interrupted" in str(stopped.value.__cause__)  # DuckDB's own error, kept as the cause


def test_ctrl_c_during_a_duckdb_query_ends_the_block_as_stopped():
    con = duckdb.connect()
    with pytest.raises(Stopped) as stopped:
        with stop_on_signals():
            signal_soon(signal.SIGINT)
            con.execute(LONG_QUERY).fetchall()
    assert stopped.value.signum == signal.SIGINT


def test_a_sigterm_a_library_handler_swallowed_still_stops_the_block_when_it_ends():
    with pytest.raises(Stopped) as stopped:
        with stop_on_signals():
            signal.signal(signal.SIGTERM, lambda *_: None)  # a library's handler in front of ours
            os.kill(os.getpid(), signal.SIGTERM)
            done = "the rest of the work"
    assert done == "the rest of the work"
    assert stopped.value.signum == signal.SIGTERM and stopped.value.finished


def test_other_signals_do_not_stop_the_block_and_the_handlers_are_restored_after_it():
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    seen = []
    previous_usr1 = signal.signal(signal.SIGUSR1, lambda signum, _: seen.append(signum))
    try:
        with stop_on_signals():
            os.kill(os.getpid(), signal.SIGUSR1)  # goes through the same wakeup fd as a stop signal
            value = 42
    finally:
        signal.signal(signal.SIGUSR1, previous_usr1)
    assert (value, seen) == (42, [signal.SIGUSR1])
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before
    assert signal.set_wakeup_fd(-1) == -1  # the block's wakeup fd went with it


def test_an_error_without_a_signal_passes_through_unchanged():
    with pytest.raises(duckdb.CatalogException):
        with stop_on_signals():
            duckdb.connect().execute("SELECT * FROM no_such_table")
