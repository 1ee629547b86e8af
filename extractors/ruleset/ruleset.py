"""The rules an extraction runs with: the shipped rule files plus a user's `--rules` folders.

A `RuleSet` is built once (`RuleSet.load`, which reads and checks every rule file so that
a broken one is one error line before any article is read) and handed to the pipeline,
the coder, the dimensions and the serving copy. Each kind of rule file has one loader:

| kind | files | loader |
|---|---|---|
| trigger rules | `events/*.yaml` | `eventetl.extractors.events.triggers.load_rules` |
| dictionaries | `actors/*.csv`, `cameo/*.csv` | `eventetl.extractors.ruleset.dictionaries` |
| temporal words | `temporal/{calendar,numbers,relative,tense_cues,clause_markers}.yaml` | `eventetl.extractors.ruleset.temporal_rules` |
| word lists the code reads (shipped only) | `language/*.yaml`, `temporal/{attachment,aspect}.yaml`, `places/attachment.yaml` | `eventetl.extractors.ruleset.word_lists` |

all reading through `eventetl.extractors.ruleset.rule_files` (bounded, safe, errors as 'FILE:LINE: problem').
A user folder extends the shipped files of the same relative name, folders later on
the command line taking precedence. The gazetteer and place-word CSVs are shipped only.

The RuleSet also owns the extractor version stamped on every row (the incremental cache
key): the package version, a fingerprint of every rule file of every folder, and the
parser model.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from eventetl.extractors.events import coding
from eventetl.extractors.ruleset import dictionaries, temporal_rules
from eventetl.extractors.ruleset.rule_files import RuleFileError

if TYPE_CHECKING:
    from eventetl.extractors.events.triggers import TriggerRule

SHIPPED_RULES = dictionaries.RULES_DIR
RULE_SUFFIXES = {".yaml", ".yml", ".csv", ".tsv", ".txt", ".json"}


@dataclass(frozen=True)
class RuleSet:
    """The shipped rules extended by `user_dirs` (in order). Hashable and cheap to pickle:
    what is read from the files is cached per process, keyed by the folders."""

    user_dirs: tuple[str, ...] = ()

    @classmethod
    def load(cls, user_dirs: Iterable[str | Path] = ()) -> RuleSet:
        """The rule set of these folders, every file read and checked now (RuleFileError
        naming the file and line, or the missing folder)."""
        rules = cls(tuple(str(Path(d)) for d in user_dirs))
        for d in rules.user_dirs:
            if not Path(d).is_dir():
                raise RuleFileError(f"rules folder {d} does not exist")
        rules.check()
        return rules

    def check(self) -> None:
        """Read every kind of rule file once (each loader validates its rows)."""
        for load in (self.trigger_rules, self.countries, self.agents, self.cameo_codes, self.actor_code_parts,
                     self.organizations, self.metonyms, self.persons, self.temporal):
            load()

    @property
    def folders(self) -> tuple[Path, ...]:
        return (SHIPPED_RULES, *(Path(d) for d in self.user_dirs))

    # -- rules by kind ---------------------------------------------------------------

    def trigger_rules(self) -> list[TriggerRule]:
        from eventetl.extractors.events.triggers import load_rules  # the spaCy pipeline module: imported on use
        return load_rules(self.user_dirs)

    def temporal(self) -> temporal_rules.TemporalPatterns:
        return temporal_rules.compile_patterns(self.user_dirs)

    def countries(self) -> tuple[dictionaries.Country, ...]:
        return dictionaries.load_countries(self.user_dirs)

    def cameo_codes(self) -> dict[str, dictionaries.CameoCode]:
        return dictionaries.load_cameo_codes(self.user_dirs)

    def actor_code_parts(self) -> dict[str, dictionaries.ActorCodePart]:
        return dictionaries.load_actor_codes(self.user_dirs)

    def agents(self) -> tuple[dictionaries.AgentTerm, ...]:
        return dictionaries.load_agents(self.user_dirs)

    def titles(self) -> tuple[dictionaries.AgentTerm, ...]:
        return dictionaries.load_titles(self.user_dirs)

    def organizations(self) -> tuple[dictionaries.Organization, ...]:
        return dictionaries.load_organizations(self.user_dirs)

    def metonyms(self) -> tuple[dictionaries.Metonym, ...]:
        return dictionaries.load_metonyms(self.user_dirs)

    def persons(self) -> tuple[dictionaries.Person, ...]:
        return dictionaries.load_persons(self.user_dirs)

    def describe_code(self, code: str) -> dictionaries.CameoCode:
        """The table's row of a code, else of its nearest listed parent (KeyError: no root)."""
        return dictionaries.describe_code(code, self.user_dirs)

    def code_facts(self, code: str) -> coding.CodeFacts:
        return coding.code_facts(code, self.user_dirs)

    def nearest_role(self, name: str, on: date) -> dictionaries.Person | None:
        return dictionaries.nearest_role(name, on, self.user_dirs)

    # -- version ---------------------------------------------------------------------

    @property
    def fingerprint(self) -> str:
        """A hash of every rule file's relative name and bytes, folder by folder."""
        return _fingerprint(self.folders)

    @property
    def version(self) -> str:
        """'0.1.0+rules.<hash>+en_core_web_sm-3.8.0': the package, its rule files and the parser
        model (a different model parses differently, so its events are re-extracted)."""
        return _version(self.folders)


SHIPPED = RuleSet()


def package_version() -> str:
    try:
        return metadata.version("eventetl")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@lru_cache(maxsize=8)
def _fingerprint(folders: tuple[Path, ...]) -> str:
    h = hashlib.sha256()
    for d in folders:
        if not d.exists():
            continue
        for f in sorted(p for p in d.rglob("*") if p.is_file() and p.suffix in RULE_SUFFIXES):
            h.update(str(f.relative_to(d)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:12]


@lru_cache(maxsize=8)
def _version(folders: tuple[Path, ...]) -> str:
    from eventetl.extractors.events.syntax import model_label
    return f"{package_version()}+rules.{_fingerprint(folders)}+{model_label().split(' ')[0]}"


def clear_caches() -> None:
    """Forget fingerprints and versions (a test that edits rule files in place)."""
    _fingerprint.cache_clear()
    _version.cache_clear()



