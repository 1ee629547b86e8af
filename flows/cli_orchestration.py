"""Commands that run the flow unattended: schedules and backfills."""
from __future__ import annotations

from flows.cli import app  # noqa: F401  (commands register on the shared app)
