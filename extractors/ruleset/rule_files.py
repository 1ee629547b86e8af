"""Reading rule files (YAML and CSV) with bounds a hostile or mistaken file cannot pass:
the one YAML reader and the one CSV reader of every rule kind (`eventetl.extractors.ruleset.ruleset`).

Rule folders come from users (`--rules DIR`), so a rule file is input like any other:
its size is bounded before it is read, it must be UTF-8, and YAML aliases may not expand
into more values than a rule file can sensibly hold (a "billion laughs" file of a few
hundred bytes otherwise grows to gigabytes once its values are copied out). Every
problem is a `RuleFileError` whose message names the file (and the line when known):
'FILE:LINE: what is wrong'.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Sequence

import yaml

# Forty times the largest shipped file of each kind (petrarch_verbs.yaml, persons_petrarch.csv).
MAX_YAML_BYTES = 16 * 1024 * 1024
MAX_CSV_BYTES = 64 * 1024 * 1024
# Values of a YAML file once its aliases are expanded; the shipped rules hold ~60,000.
MAX_YAML_VALUES = 2_000_000

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster


class RuleFileError(ValueError):
    """A rule file that cannot be read; the message names the file."""


def read_text(path: Path | str, max_bytes: int) -> str:
    """The file's text (UTF-8, a BOM allowed), refused past `max_bytes`."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise RuleFileError(f"{path}: {size} bytes, larger than the {max_bytes // (1024 * 1024)} MB "
                                "a rule file may hold")
        data = path.read_bytes()
    except OSError as err:
        raise RuleFileError(f"{path}: cannot be read ({err.strerror or err})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise RuleFileError(f"{path}:{line}: not UTF-8 text (byte 0x{data[err.start]:02x})") from None


def load_yaml(path: Path | str) -> object:
    """A YAML rule file's data (safe types only: no object tags are ever constructed)."""
    text = read_text(path, MAX_YAML_BYTES)
    try:
        if "&" in text:  # without an anchor there is nothing an alias can repeat
            check_alias_expansion(text, path)
        return yaml.load(text, Loader=YAML_LOADER)
    except yaml.YAMLError as err:
        raise RuleFileError(yaml_error_message(err, path)) from None


def yaml_error_message(err: yaml.YAMLError, path: Path | str | None = None) -> str:
    """'FILE:4: not valid YAML (column 1: did not find expected node content)'. The file
    is `path`, else the one PyYAML names (it reads "<unicode string>" when given text)."""
    mark, problem = getattr(err, "problem_mark", None), getattr(err, "problem", None)
    if path is None and mark is not None and not mark.name.startswith("<"):
        path = mark.name
    if mark is not None and problem:
        where, detail = f"{path}:{mark.line + 1}" if path else f"line {mark.line + 1}", \
            f"column {mark.column + 1}: {problem}"
    else:
        where, detail = path, " ".join(str(err).split())
    return f"{where}: not valid YAML ({detail})" if where else f"not valid YAML ({detail})"


def read_csv(path: Path | str, required: Sequence[str] = ()) -> list[tuple[int, dict[str, str]]]:
    """(line, row) of each row, values stripped; lines starting with '#' are comments.

    Quoting is strict: a quote left open would otherwise swallow the rows after it into
    one field, and a quoted field followed by more text would be glued to it.
    """
    path = Path(path)
    text = read_text(path, MAX_CSV_BYTES)
    # Comment lines become blank lines, which csv skips, so line numbers stay true.
    lines = ["\n" if line.lstrip().startswith("#") else line for line in io.StringIO(text, newline="")]
    skipped = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    reader = csv.DictReader(lines[skipped:], strict=True)
    rows = []
    first_line = skipped + 1  # where the record being read begins
    try:
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise RuleFileError(f"{path}: missing column(s) {', '.join(missing)}")
        first_line = skipped + 2
        for row in reader:
            if any("\n" in v or "\r" in v for v in row.values() if isinstance(v, str)):
                raise RuleFileError(f"{path}:{first_line}: a quoted field runs past the end of its line "
                                    "(a missing closing quote?)")
            if any((v or "").strip() for v in row.values() if isinstance(v, str)):
                rows.append((skipped + reader.line_num,
                             {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}))
            first_line = skipped + reader.line_num + 1
    except csv.Error as err:
        raise RuleFileError(f"{path}:{first_line}: broken quoting ({err}; a missing closing quote?)") from None
    return rows


def check_alias_expansion(text: str, path: Path | str, limit: int = MAX_YAML_VALUES) -> None:
    """Raise RuleFileError when the document's values, with every alias expanded, exceed `limit`.

    Counted from the parser's events, before anything is built: an anchored node's size is
    known when it ends, and an alias adds that size again.
    """
    sizes: dict[str, int] = {}
    open_nodes: list[list] = [[None, 0]]  # [anchor, values so far] of each collection being read
    total = 0
    for event in yaml.parse(text, Loader=YAML_LOADER):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            open_nodes.append([event.anchor, 1])
            continue
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, n = open_nodes.pop()
            if anchor is not None:
                sizes[anchor] = n
        elif isinstance(event, yaml.ScalarEvent):
            n = 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            n = sizes.get(event.anchor, 1)
            total += n
            if total > limit:
                raise RuleFileError(f"{path}:{event.start_mark.line + 1}: YAML aliases expand to more than "
                                    f"{limit:,} values; write the values out instead of repeating aliases")
        else:
            continue
        open_nodes[-1][1] += n
