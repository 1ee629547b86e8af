"""Prefect settings the CLI applies before Prefect is imported.

Users should not need a profile to get a quiet, reliable local run: no telemetry,
a start-up timeout that a cold 2-core machine meets, and a stable PREFECT_HOME so
only the first run pays for database migrations.
"""
from __future__ import annotations

import os
import signal
import sys
from functools import partial
from pathlib import Path
from types import SimpleNamespace

DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # the server's telemetry ...
    "DO_NOT_TRACK": "1",                          # ... and the client's (its first-run notice too)
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_LOGGING_TO_API_BATCH_INTERVAL": "5",
    "PREFECT_CLI_PROMPT": "false",
}


def configure(quiet: bool = True) -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    if quiet:
        # The CLI reports failures itself (one line for expected ones); Prefect's own
        # task-failure tracebacks would bury that line.
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "CRITICAL")
    home = Path(os.environ.setdefault("PREFECT_HOME", str(Path.home() / ".prefect")))
    # Prefect fails with "unable to open database file" when the folder is missing.
    home.mkdir(parents=True, exist_ok=True)


def start_temporary_api() -> None:
    """Without PREFECT_API_URL, start Prefect's temporary API server now, detached from
    the terminal's signals and tied to this process (Linux).

    Prefect starts it lazily as a plain child. A Ctrl-C or a SIGTERM sent to the process
    group then stops it at once, while the run still needs it to record that it stopped:
    Prefect's client retried for ~70 s and ended in a traceback. And when this process is
    killed, no `atexit` hook runs and the server (~220 MB) stayed behind. Started here in
    a session of its own, a group signal reaches only the run, which stops it on its way
    out; PR_SET_PDEATHSIG makes the kernel stop it if this process dies first. Prefect's
    client finds and uses the running server (one per process). Anywhere this cannot be
    arranged, Prefect starts its server as before.
    """
    if os.environ.get("PREFECT_API_URL") or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        from prefect.server.api import server as prefect_server
        prctl = ctypes.CDLL(None, use_errno=True).prctl
        server = prefect_server.SubprocessASGIServer()
        start_command = server._run_uvicorn_command
    except (ImportError, AttributeError, OSError):
        return
    if getattr(server, "running", False):
        return
    parent = os.getpid()

    def die_with_parent() -> None:  # runs in the child between fork and exec
        prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before the line above
            os._exit(1)

    def detached_command():
        real = prefect_server.subprocess
        prefect_server.subprocess = SimpleNamespace(
            Popen=partial(real.Popen, start_new_session=True, preexec_fn=die_with_parent))
        try:
            return start_command()
        finally:
            prefect_server.subprocess = real

    server._run_uvicorn_command = detached_command
    server.start()
