"""Typed, cached loaders for the actor and code dictionaries in `extractors/rules/`.

Every loader reads the shipped CSV file and then the file of the same relative name in
each extra rules directory (a user's `--rules DIR`), in order. A row whose key is
already present replaces the earlier row; a new key adds a row. Keys:

| file | key |
|---|---|
| actors/countries.csv | iso3 |
| actors/agents.csv | phrase (case-insensitive) |
| actors/titles.csv | phrase (case-insensitive; matched as written) |
| actors/organizations.csv | name (case-insensitive) |
| actors/metonyms.csv | phrase (case-insensitive) |
| actors/persons.csv, actors/persons_petrarch.csv | name: rows for a name replace all rows of that name in files of lower precedence (user > persons.csv > persons_petrarch.csv) |
| cameo/cameo_codes.csv | code |
| cameo/actor_codes.csv | code |

Only `csv` is used to read: no code in a rules folder is ever executed. Results are
cached per tuple of extra directories, so repeated calls cost a dictionary lookup.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

from eventetl.extractors import disk_cache
from eventetl.extractors.ruleset import rule_files

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"

_ISO3 = re.compile(r"\A[A-Z]{3}\Z")
_AGENT = re.compile(r"\A[A-Z]{3}\Z")
_CAMEO = re.compile(r"\A\d{2,4}\Z")


# A rules file row that cannot be used; the message names the file and line.
DictionaryError = rule_files.RuleFileError


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    region: str
    subregion: str


@dataclass(frozen=True)
class AgentTerm:
    phrase: str
    agent: str


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    root_code: str
    root_name: str
    level: int
    goldstein: float | None
    quad_class: int
    plover_type: str | None


@dataclass(frozen=True)
class ActorCodePart:
    """A CAMEO actor-code segment (type, region, religion) or an organisation's whole code."""
    code: str
    kind: str  # one of ACTOR_CODE_KINDS
    label: str
    known_group: str | None  # GDELT's KnownGroupCode of an organisation ('UNO', 'NAT')


ACTOR_CODE_KINDS = ("type", "region", "religion", "organisation")


@dataclass(frozen=True)
class Organization:
    name: str
    aliases: tuple[str, ...]
    code: str
    country: str | None
    agent: str | None


@dataclass(frozen=True)
class Metonym:
    phrase: str
    iso3: str
    agent: str


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    iso3: str | None
    agent: str | None
    start: date | None
    end: date | None
    code: str

    def holds_role_on(self, day: date) -> bool:
        """True when `day` falls in the role period (both ends inclusive, open ends unbounded)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


# ---------------------------------------------------------------- reading

def _normalise_dirs(extra_dirs: Iterable[str | Path] | None) -> tuple[str, ...]:
    return tuple(str(Path(d)) for d in (extra_dirs or ()))


def _rule_files(relpath: str, extra_dirs: tuple[str, ...]) -> list[Path]:
    files = [RULES_DIR / relpath] + [Path(d) / relpath for d in extra_dirs]
    return [f for f in files if f.is_file()]


def _merged_rows(
    relpath: str, extra_dirs: tuple[str, ...], required: Sequence[str], key: str
) -> list[tuple[Path, int, dict[str, str]]]:
    """Shipped rows then user rows, later rows with the same key replacing earlier ones."""
    merged: dict[str, tuple[Path, int, dict[str, str]]] = {}
    for path in _rule_files(relpath, extra_dirs):
        for line, row in rule_files.read_csv(path, required):
            merged[row[key].casefold()] = (path, line, row)
    return list(merged.values())


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _check(ok: bool, path: Path, line: int, message: str) -> None:
    if not ok:
        raise DictionaryError(f"{path}:{line}: {message}")


def _parse_date(value: str, path: Path, line: int) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DictionaryError(f"{path}:{line}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


# ---------------------------------------------------------------- countries

_COUNTRY_COLUMNS = ("iso3", "iso2", "name", "aliases", "demonyms", "capitals", "region", "subregion")


def load_countries(extra_dirs: Iterable[str | Path] = ()) -> tuple[Country, ...]:
    """Every country of `actors/countries.csv`, in file order."""
    return _load_countries(_normalise_dirs(extra_dirs))


@lru_cache(maxsize=16)
def _load_countries(extra_dirs: tuple[str, ...]) -> tuple[Country, ...]:
    out = []
    for path, line, row in _merged_rows("actors/countries.csv", extra_dirs, _COUNTRY_COLUMNS, "iso3"):
        _check(bool(_ISO3.match(row["iso3"])), path, line, f"iso3 {row['iso3']!r} is not three capitals")
        out.append(
            Country(
                iso3=row["iso3"],
                iso2=row["iso2"],
                name=row["name"],
                aliases=_split(row["aliases"]),
                demonyms=_split(row["demonyms"]),
                capitals=_split(row["capitals"]),
                region=row["region"],
                subregion=row["subregion"],
            )
        )
    return tuple(out)


def countries_by_iso3(extra_dirs: Iterable[str | Path] = ()) -> dict[str, Country]:
    return {c.iso3: c for c in load_countries(extra_dirs)}


# ---------------------------------------------------------------- agents

def load_agents(extra_dirs: Iterable[str | Path] = ()) -> tuple[AgentTerm, ...]:
    """Role words (lower case, one inflected form per row) and their CAMEO agent code."""
    return _load_agents(_normalise_dirs(extra_dirs))


@lru_cache(maxsize=16)
def _load_agents(extra_dirs: tuple[str, ...]) -> tuple[AgentTerm, ...]:
    out = []
    for path, line, row in _merged_rows("actors/agents.csv", extra_dirs, ("phrase", "agent"), "phrase"):
        _check(bool(_AGENT.match(row["agent"])), path, line, f"agent {row['agent']!r} is not a 3-letter code")
        out.append(AgentTerm(phrase=row["phrase"].lower(), agent=row["agent"]))
    return tuple(out)


def load_titles(extra_dirs: Iterable[str | Path] = ()) -> tuple[AgentTerm, ...]:
    """Ranks that are a role only as a capitalised title before a name (as written)."""
    return _load_titles(_normalise_dirs(extra_dirs))


@lru_cache(maxsize=16)
def _load_titles(extra_dirs: tuple[str, ...]) -> tuple[AgentTerm, ...]:
    out = []
    for path, line, row in _merged_rows("actors/titles.csv", extra_dirs, ("phrase", "agent"), "phrase"):
        _check(bool(_AGENT.match(row["agent"])), path, line, f"agent {row['agent']!r} is not a 3-letter code")
        _check(row["phrase"][:1].isupper(), path, line, f"title {row['phrase']!r} is not capitalised")
        out.append(AgentTerm(phrase=row["phrase"].strip(), agent=row["agent"]))
    return tuple(out)


# ---------------------------------------------------------------- CAMEO codes

_CAMEO_COLUMNS = ("code", "name", "root_code", "root_name", "level", "goldstein", "quad_class", "plover_type")


def load_cameo_codes(extra_dirs: Iterable[str | Path] = ()) -> dict[str, CameoCode]:
    """CAMEO code -> its row of `cameo/cameo_codes.csv`. Returns a fresh dict per call."""
    return dict(_load_cameo_codes(_normalise_dirs(extra_dirs)))


@lru_cache(maxsize=16)
def _load_cameo_codes(extra_dirs: tuple[str, ...]) -> Mapping[str, CameoCode]:
    out = []
    for path, line, row in _merged_rows("cameo/cameo_codes.csv", extra_dirs, _CAMEO_COLUMNS, "code"):
        _check(bool(_CAMEO.match(row["code"])), path, line, f"code {row['code']!r} is not 2-4 digits")
        try:
            level = int(row["level"])
            quad = int(row["quad_class"])
            goldstein = float(row["goldstein"]) if row["goldstein"] else None
        except ValueError as err:
            raise DictionaryError(f"{path}:{line}: {err}") from None
        code = CameoCode(
            code=row["code"],
            name=row["name"],
            root_code=row["root_code"],
            root_name=row["root_name"],
            level=level,
            goldstein=goldstein,
            quad_class=quad,
            plover_type=row["plover_type"] or None,
        )
        out.append((code.code, code))
    return MappingProxyType(dict(out))


def describe_code(code: str, extra_dirs: Iterable[str | Path] = ()) -> CameoCode:
    """The row of a CAMEO code; a code missing from the table falls back to its
    3-digit parent, then to its root. KeyError when even the root is unknown."""
    table = _load_cameo_codes(_normalise_dirs(extra_dirs))
    for candidate in (code, code[:3], code[:2]):
        if candidate in table:
            return table[candidate]
    raise KeyError(f"unknown CAMEO code {code!r}")


def load_actor_codes(extra_dirs: Iterable[str | Path] = ()) -> dict[str, ActorCodePart]:
    """Code -> its row of `cameo/actor_codes.csv`. Returns a fresh dict per call."""
    return dict(_load_actor_codes(_normalise_dirs(extra_dirs)))


_ACTOR_CODE = re.compile(r"\A(?:[A-Z]{3})+\Z")


@lru_cache(maxsize=16)
def _load_actor_codes(extra_dirs: tuple[str, ...]) -> Mapping[str, ActorCodePart]:
    out = {}
    columns = ("code", "kind", "label", "known_group")
    for path, line, row in _merged_rows("cameo/actor_codes.csv", extra_dirs, columns, "code"):
        code, kind = row["code"], row["kind"]
        _check(bool(_ACTOR_CODE.match(code)), path, line, f"code {code!r} is not made of 3-letter capitals")
        _check(kind in ACTOR_CODE_KINDS, path, line, f"kind {kind!r} is not one of {', '.join(ACTOR_CODE_KINDS)}")
        _check(kind == "organisation" or len(code) == 3, path, line, f"a {kind} code has 3 letters, not {code!r}")
        _check(bool(row["label"]), path, line, "label is empty")
        out[code] = ActorCodePart(code, kind, row["label"], row["known_group"] or None)
    return MappingProxyType(out)


# ---------------------------------------------------------------- organisations and metonyms

def load_organizations(extra_dirs: Iterable[str | Path] = ()) -> tuple[Organization, ...]:
    """International organisations (country None) and non-state groups (country = where they act)."""
    return _load_organizations(_normalise_dirs(extra_dirs))


@lru_cache(maxsize=16)
def _load_organizations(extra_dirs: tuple[str, ...]) -> tuple[Organization, ...]:
    out = []
    columns = ("name", "aliases", "code", "country", "agent")
    for path, line, row in _merged_rows("actors/organizations.csv", extra_dirs, columns, "name"):
        country = row["country"] or None
        agent = row["agent"] or None
        _check(country is None or bool(_ISO3.match(country)), path, line, f"country {country!r} is not ISO3")
        _check(agent is None or bool(_AGENT.match(agent)), path, line, f"agent {agent!r} is not a 3-letter code")
        _check(bool(row["code"]), path, line, "code is empty")
        out.append(Organization(row["name"], _split(row["aliases"]), row["code"], country, agent))
    return tuple(out)


def load_metonyms(extra_dirs: Iterable[str | Path] = ()) -> tuple[Metonym, ...]:
    """Place or building names that stand for a government ("the Kremlin" -> RUS GOV)."""
    return _load_metonyms(_normalise_dirs(extra_dirs))


@lru_cache(maxsize=16)
def _load_metonyms(extra_dirs: tuple[str, ...]) -> tuple[Metonym, ...]:
    out = []
    for path, line, row in _merged_rows("actors/metonyms.csv", extra_dirs, ("phrase", "iso3", "agent"), "phrase"):
        _check(bool(_ISO3.match(row["iso3"])), path, line, f"iso3 {row['iso3']!r} is not three capitals")
        _check(bool(_AGENT.match(row["agent"])), path, line, f"agent {row['agent']!r} is not a 3-letter code")
        out.append(Metonym(row["phrase"], row["iso3"], row["agent"]))
    return tuple(out)


# ---------------------------------------------------------------- persons

PERSON_COLUMNS = ("name", "aliases", "iso3", "agent", "start", "end", "code")
# Hand-written recent office holders first: on equal footing they win over the PETRARCH import.
PERSON_FILES = ("actors/persons.csv", "actors/persons_petrarch.csv")


def load_persons(extra_dirs: Iterable[str | Path] = ()) -> tuple[Person, ...]:
    """One Person per role period, from the shipped person files and the users'."""
    return _load_persons(_normalise_dirs(extra_dirs))


@lru_cache(maxsize=16)
def _load_persons(extra_dirs: tuple[str, ...]) -> tuple[Person, ...]:
    # Highest precedence first: later user dirs, earlier user dirs, hand-written, imported.
    folders = [Path(d) for d in reversed(extra_dirs)] + [RULES_DIR]
    paths = [folder / relpath for folder in folders for relpath in PERSON_FILES if (folder / relpath).is_file()]
    # ~34,000 rows take ~0.3 s to read and check in every worker process: cached on disk.
    key = disk_cache.inputs_digest([Path(__file__), Path(rule_files.__file__), *paths])
    return disk_cache.load_or_build("persons", key, lambda: _read_persons(paths), expect=tuple)


def _read_persons(paths: list[Path]) -> tuple[Person, ...]:
    # A name found in a file shadows every row of that name in the files after it, so a
    # corrected role history replaces a stale one instead of mixing with it.
    out: list[Person] = []
    claimed: set[str] = set()
    for path in paths:
        rows = [_person(row, path, line) for line, row in rule_files.read_csv(path, PERSON_COLUMNS)]
        out += [p for p in rows if p.name.casefold() not in claimed]
        claimed |= {p.name.casefold() for p in rows}
    return tuple(out)


def _person(row: dict[str, str], path: Path, line: int) -> Person:
    iso3 = row["iso3"] or None
    agent = row["agent"] or None
    _check(iso3 is None or bool(_ISO3.match(iso3)), path, line, f"iso3 {iso3!r} is not three capitals")
    _check(agent is None or bool(_AGENT.match(agent)), path, line, f"agent {agent!r} is not a 3-letter code")
    start = _parse_date(row["start"], path, line)
    end = _parse_date(row["end"], path, line)
    _check(start is None or end is None or start <= end, path, line, "start is after end")
    return Person(row["name"], _split(row["aliases"]), iso3, agent, start, end, row["code"])


@lru_cache(maxsize=16)
def _persons_by_surface(extra_dirs: tuple[str, ...]) -> dict[str, tuple[Person, ...]]:
    index: dict[str, list[Person]] = {}
    for person in _load_persons(extra_dirs):
        for surface in {person.name.casefold(), *(a.casefold() for a in person.aliases)}:
            index.setdefault(surface, []).append(person)
    return {k: tuple(v) for k, v in index.items()}


def person_role(name: str, on: date, extra_dirs: Iterable[str | Path] = ()) -> Person | None:
    """The role a person (by name or alias, case-insensitive) held on a day, or None.

    Among the role periods covering the day, the one that began last wins (a minister
    who became president is president); an open start counts as the earliest start.
    Ties keep file order, so hand-written rows beat imported ones.
    """
    candidates = _persons_by_surface(_normalise_dirs(extra_dirs)).get(name.strip().casefold(), ())
    best: Person | None = None
    for person in candidates:
        if person.holds_role_on(on) and (best is None or (person.start or date.min) > (best.start or date.min)):
            best = person
    return best


def nearest_role(name: str, on: date, extra_dirs: Iterable[str | Path] = ()) -> Person | None:
    """The role held on a day, else the role period nearest to it (ties keep file order).

    A person named outside every dated role is still that person; the nearest period is a
    better guess at their country and standing than an arbitrary one of their rows.
    """
    held = person_role(name, on, extra_dirs)
    if held is not None:
        return held
    candidates = _persons_by_surface(_normalise_dirs(extra_dirs)).get(name.strip().casefold(), ())

    def distance(person: Person) -> int:
        if person.start is not None and on < person.start:
            return (person.start - on).days
        if person.end is not None and on > person.end:
            return (on - person.end).days
        return 0

    return min(candidates, key=distance, default=None)

