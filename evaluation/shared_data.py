"""Where the shared evaluation and reference data live.

The project is developed beside a `shared/` folder (gold sets, external benchmarks,
reference tables) that is not part of the repository. `EVENTETL_SHARED` names it, and then
only that folder counts; otherwise the first folder holding `eval/` of: beside the
repository, beside or inside the working directory, /work/shared.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    """The shared folder. Set, EVENTETL_SHARED is taken as it is, even empty or missing: a
    run pointed at one folder (an empty one, to see what the tests do without the data) must
    not quietly read another. Found nowhere, the folder beside the repository, where the
    README says to put it."""
    env = os.environ.get("EVENTETL_SHARED")
    if env:
        return Path(env)
    candidates = [_REPO.parent / "shared", Path.cwd().parent / "shared", Path.cwd() / "shared", Path("/work/shared")]
    return next((c for c in candidates if (c / "eval").is_dir()), candidates[0])


def eval_dir() -> Path:
    return shared_dir() / "eval"


def mapping_rows(path: Path) -> list[dict[str, str]]:
    """The rows of one of our mapping CSVs (`evaluation/mappings/`), whose header
    comments start with '#'."""
    lines = (line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return list(csv.DictReader(lines))
