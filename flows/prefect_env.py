"""Prefect settings the CLI applies before Prefect is imported.

Users should not need a profile to get a quiet, reliable local run: no telemetry,
a start-up timeout that a cold 2-core machine meets, and a stable PREFECT_HOME so
only the first run pays for database migrations.
"""
from __future__ import annotations

import os
from pathlib import Path

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
