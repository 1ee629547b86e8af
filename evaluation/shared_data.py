"""Where the shared evaluation and reference data live.

The project is developed beside a `shared/` folder (gold sets, external benchmarks,
reference tables) that is not part of the repository. `EVENTETL_SHARED` overrides the
search; otherwise the folder beside the repository, then beside the working directory.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    env = os.environ.get("EVENTETL_SHARED")
    candidates = ([Path(env)] if env else []) + [
        _REPO.parent / "shared", Path.cwd().parent / "shared", Path.cwd() / "shared", Path("/work/shared")]
    for c in candidates:
        if (c / "eval").is_dir():
            return c
    return candidates[0]


def eval_dir() -> Path:
    return shared_dir() / "eval"


def mapping_rows(path: Path) -> list[dict[str, str]]:
    """The rows of one of our mapping CSVs (`evaluation/mappings/`), whose header
    comments start with '#'."""
    lines = (line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return list(csv.DictReader(lines))
