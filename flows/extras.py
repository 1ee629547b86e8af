"""Optional features and the extra that installs each (`pip install 'eventetl[s3]'`).

Dask and S3 pull in large dependency trees (distributed, botocore) that a local run
never imports; they are extras, and a command that needs a missing one says which.
"""
from __future__ import annotations

import importlib

EXTRAS: dict[str, tuple[str, ...]] = {
    "s3": ("s3fs",),
    "dask": ("distributed", "prefect_dask"),
}


class MissingExtra(RuntimeError):
    pass


def require(extra: str, feature: str) -> None:
    """Raise MissingExtra naming the install command unless the extra's modules import."""
    for module in EXTRAS[extra]:
        try:
            importlib.import_module(module)
        except ImportError:
            raise MissingExtra(f"{feature}: the '{extra}' extra is not installed (no module {module}): "
                               f"pip install 'eventetl[{extra}]'") from None


def require_for_locations(*locations: str | None) -> None:
    """s3:// sources and data folders need s3fs."""
    for location in locations:
        if location and location.lower().startswith(("s3://", "s3a://")):
            require("s3", f"{location.split(':')[0].lower()}:// locations")
