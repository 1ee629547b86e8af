"""The English the extractor's code reads: named word lists in `rules/language/*.yaml`.

Each file is named after the module that reads it (`modality.yaml` for
`eventetl.extractors.events.modality`; `grammar.yaml` for the shared clause and voice cues
of `eventetl.extractors.text.grammar`) and holds one list per key, each under a comment
saying what it is for. The reading module declares the keys it expects, so a file and its
reader cannot drift apart unnoticed: a missing key, a key nobody reads or a value that is
not a list of words is a `RuleFileError` naming the file and the key, raised when the module
is imported (before any article is read).

The word lists of the parse-based date and place attachment (`temporal/attachment.yaml`,
`temporal/aspect.yaml`, `places/attachment.yaml`) are read the same way, their keys
declared by the fields of the record they fill (`read_fields`).

The lists are shipped only (module constants, read once per process), and every file
under `rules/` counts in the rules fingerprint, so an edited list changes
`extractor_version`.
"""
from __future__ import annotations

from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from eventetl.extractors.ruleset.rule_files import RuleFileError, load_yaml

LANGUAGE_DIR = Path(__file__).resolve().parent.parent / "rules" / "language"


class WordLists:
    """The lists of one file, each a tuple of words in the file's order."""

    def __init__(self, path: Path, lists: dict[str, tuple[str, ...]]):
        self.path = path
        self._lists = lists

    def words(self, key: str) -> frozenset[str]:
        """A list to test membership in."""
        return frozenset(self.sequence(key))

    def sets(self) -> dict[str, frozenset[str]]:
        """Every list, to test membership in."""
        return {k: frozenset(v) for k, v in self._lists.items()}

    def sequence(self, key: str) -> tuple[str, ...]:
        """A list whose order counts (alternatives of a pattern, phrases tried in turn)."""
        try:
            return self._lists[key]
        except KeyError:
            raise RuleFileError(f"{self.path}: list '{key}' was not declared by its reader") from None


def word_lists(name: str, *keys: str) -> WordLists:
    """The lists `keys` of `rules/language/<name>.yaml`, which must hold exactly those."""
    return read_word_lists(LANGUAGE_DIR / f"{name}.yaml", keys)


def read_fields(path: Path, record: type) -> WordLists:
    """The lists of a file that holds one list per field of the dataclass `record`."""
    return read_word_lists(path, tuple(f.name for f in fields(record)))


@lru_cache(maxsize=None)
def read_word_lists(path: Path, keys: tuple[str, ...]) -> WordLists:
    """The file's lists, checked against the keys its reader declares (RuleFileError
    naming the file and the key)."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise RuleFileError(f"{path}: expected a mapping of list names to word lists")
    missing = [k for k in keys if k not in data]
    if missing:
        raise RuleFileError(f"{path}: missing list '{missing[0]}'")
    unknown = [str(k) for k in data if k not in keys]
    if unknown:
        raise RuleFileError(f"{path}: unknown list '{unknown[0]}' (this file holds: {', '.join(keys)})")
    return WordLists(path, {k: _words(path, k, data[k]) for k in keys})


def _words(path: Path, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise RuleFileError(f"{path}: list '{key}': expected a list of words, not {type(value).__name__}")
    bad = [w for w in value if not isinstance(w, str) or not w]
    if bad:  # YAML reads a bare on/off/yes/no as a boolean and a bare 01 as a number
        raise RuleFileError(f"{path}: list '{key}': quote the words {bad}")
    return tuple(value)
