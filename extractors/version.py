"""The extractor version stamped on every row and used as the incremental cache key.

It changes when the package version changes or when any rule file changes, so that
editing a rule re-extracts everything on the next run.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

RULES_DIR = Path(__file__).parent / "rules"
RULE_SUFFIXES = {".yaml", ".yml", ".csv", ".tsv", ".txt", ".json"}


def package_version() -> str:
    try:
        return metadata.version("eventetl")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def rules_fingerprint(*dirs: Path) -> str:
    h = hashlib.sha256()
    for d in dirs:
        d = Path(d)
        if not d.exists():
            continue
        for f in sorted(p for p in d.rglob("*") if p.is_file() and p.suffix in RULE_SUFFIXES):
            h.update(str(f.relative_to(d)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:12]


@lru_cache(maxsize=8)
def extractor_version(extra_rules_dir: str | None = None) -> str:
    """'0.1.0+rules.<hash>+en_core_web_sm-3.8.0': the package, its rule files and the parser
    model (a different model parses differently, so its events are re-extracted)."""
    from extractors.syntax import model_label
    dirs = [RULES_DIR] + ([Path(extra_rules_dir)] if extra_rules_dir else [])
    return f"{package_version()}+rules.{rules_fingerprint(*dirs)}+{model_label().split(' ')[0]}"
