"""File arguments of the inspection commands (`dates`, `places`, `extract`), read the way
a run reads an article, so the offsets they print are the offsets `event_mentions` stores:
into the body after the date line, with a BOM removed and CRLF/CR turned into LF.
`-` is standard input.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

from eventetl.extractors.text.article import ArticleRejected, decode_text, normalise_newlines, parse_article

STDIN = "-"


class InputError(ValueError):
    """A file argument that cannot be read: one line for the user."""


@dataclass(frozen=True)
class InputText:
    body: str
    published: date | None   # from --published, else the date line, else None
    dateline: str | None


def read_bytes(name: str) -> bytes:
    if name == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: {name}") from None
    except IsADirectoryError:
        raise InputError(f"{name} is a folder, not a file") from None
    except OSError as err:
        raise InputError(f"cannot read {name}: {err.strerror or err}") from None


def read_input(name: str, published: date | None = None) -> InputText:
    """An article file's body, date and dateline; a file with no date line is plain text."""
    data = read_bytes(name)
    try:
        article = parse_article(data, name)
        return InputText(article.body, published or article.published_date, article.dateline)
    except ArticleRejected as err:
        if not (err.reason.startswith("no date line") or err.reason == "empty file"):
            raise InputError(f"{name}: {err.reason}") from None
    try:
        text, _ = decode_text(data)
    except ArticleRejected as err:
        raise InputError(f"{name}: {err.reason}") from None
    return InputText(normalise_newlines(text), published, None)


@contextmanager
def stdin_as_file(wanted: bool = True) -> Iterator[Path | None]:
    """Standard input saved to a temporary file (workers read files by path), if wanted."""
    if not wanted:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="eventetl-stdin-"))
    try:
        path = folder / "stdin.txt"
        path.write_bytes(sys.stdin.buffer.read())
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)
