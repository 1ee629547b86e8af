"""Commands for people who read the warehouse: reports and exports."""
from __future__ import annotations

from flows.cli import app  # noqa: F401  (commands register on the shared app)
