"""Finding article files under a source: a local folder or any fsspec URL.

Discovery streams (a generator), never follows symlinked folders (loops), and only
yields paths inside the source root, so no listing can lead outside it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import fsspec

ARTICLE_SUFFIXES = (".txt",)


class SourceError(RuntimeError):
    """The source itself cannot be used (missing, unreachable): the run fails."""


@dataclass(frozen=True)
class SourceFile:
    uri: str
    size: int | None = None


def is_local(source: str) -> bool:
    return "://" not in source or source.startswith("file://")


def local_path(source: str) -> Path:
    return Path(source[len("file://"):] if source.startswith("file://") else source)


def discover(source: str, suffixes: tuple[str, ...] = ARTICLE_SUFFIXES) -> Iterator[SourceFile]:
    """Yield the article files under `source`, sorted within each folder."""
    if is_local(source):
        yield from _discover_local(local_path(source), suffixes)
    else:
        yield from _discover_fsspec(source, suffixes)


def _discover_local(root: Path, suffixes: tuple[str, ...]) -> Iterator[SourceFile]:
    if not root.exists():
        raise SourceError(f"source folder {root} does not exist")
    if root.is_file():
        yield SourceFile(str(root), root.stat().st_size)
        return
    root_real = root.resolve()
    for folder, dirs, files in os.walk(root, followlinks=False, onerror=None):
        dirs.sort()
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(suffixes):
                continue
            path = Path(folder) / name
            try:
                real = path.resolve()
                if not real.is_relative_to(root_real) or not real.is_file():
                    continue  # a symlink pointing outside the source, or to nothing
                size = real.stat().st_size
            except (OSError, RuntimeError):
                continue
            yield SourceFile(str(path), size)


def _discover_fsspec(source: str, suffixes: tuple[str, ...]) -> Iterator[SourceFile]:
    try:
        fs, root = fsspec.core.url_to_fs(source)
        found = fs.find(root, detail=True)
    except FileNotFoundError:
        raise SourceError(f"source {source} does not exist") from None
    except Exception as err:  # network and auth errors come in many types
        raise SourceError(f"source {source} cannot be listed: {err}") from err
    for path in sorted(found):
        info = found[path]
        name = path.rsplit("/", 1)[-1]
        if info.get("type") == "directory" or name.startswith(".") or not name.lower().endswith(suffixes):
            continue
        yield SourceFile(fs.unstrip_protocol(path), info.get("size"))


def read_bytes(uri: str) -> bytes:
    if is_local(uri):
        return local_path(uri).read_bytes()
    with fsspec.open(uri, "rb") as f:
        return f.read()
