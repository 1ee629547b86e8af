"""Import PETRARCH/TABARI-format actor and agent dictionaries into this project's CSV files.

Users of PETRARCH keep years of curated dictionaries; this module reads them so they can
be dropped into a `--rules DIR`. The format, as PETRARCH documents it:

Actor dictionaries (one record per actor)::

    HAMID_KARZAI_  [AFGELI]      # primary phrase, optional default code, comment
    +KARZAI_                     # synonym
        [AFGGOV >011222]         # role from a date on (inclusive)
        [AFGELI 750101-000101]   # role between two dates (inclusive)
        [IRQ <20030320]          # role until a date (inclusive)

- words are joined by `_` (or blanks); a trailing `_` only stops stemming;
- comments: `#` or `;` to the end of the line, `<!-- ... -->` (also over several lines);
- dates are YYYYMMDD or YYMMDD, where YY 00-30 means 20YY and 31-99 means 19YY;
- `[---]` is the null code; a code without a date is the default role.

Agent dictionaries::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON     # substitution set
    CONGRESS!PERSON! [~LEG]                         # expands to every member, no plurals
    TROOP {} [~MIL]                                 # {} = no plural form
    CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
    HUMAN_RIGHTS_BODY [NGO~]                        # code before the actor code

Regular plurals are made as PETRARCH makes them (+S; Y -> IES; SS -> ES).
A record or role that cannot be read (an impossible date, a malformed bracket) is
skipped and counted, never guessed.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from eventetl.extractors.ruleset.dictionaries import PERSON_COLUMNS, Person, load_countries, load_persons, person_role

__all__ = [
    "ActorEntry",
    "AgentEntry",
    "Person",
    "Role",
    "import_petrarch",
    "load_persons",
    "parse_actor_dictionary",
    "parse_agent_dictionary",
    "parse_petrarch_date",
    "person_role",
]

# CAMEO agent (sector) codes that may follow a country code in an actor code.
CAMEO_AGENT_CODES = frozenset(
    "AGR BUS CHR COP CRM CVL DEV EDU ELI ENV GOV HLH HRI IGO IMG INS JEW JUD LAB LEG MED MIL "
    "MNC MOD MUS NGM NGO OPP PTY RAD REB REF REL SEP SPY UAF UIS BUD HIN CON".split()
)


@dataclass(frozen=True)
class Role:
    code: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class ActorEntry:
    names: tuple[str, ...]
    roles: tuple[Role, ...]


@dataclass(frozen=True)
class AgentEntry:
    phrases: tuple[str, ...]
    code: str
    code_first: bool = False  # `NGO~`: the agent code goes before the actor code


class PetrarchFormatError(ValueError):
    pass


# ---------------------------------------------------------------- shared text handling

_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BRACKET = re.compile(r"\[([^\]]*)\]")


def _clean_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text without comments), keeping leading whitespace."""
    text = path.read_text(encoding="utf-8", errors="replace")
    # Blank out HTML-style comments but keep their newlines so line numbers stay true.
    text = _HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for number, line in enumerate(text.splitlines(), start=1):
        line = re.split(r"[#;]", line, maxsplit=1)[0].rstrip()
        if line.strip():
            yield number, line


def _phrase(raw: str) -> str:
    """'HAMID_KARZAI_' -> 'HAMID KARZAI' (underscores and blanks both separate words)."""
    return " ".join(raw.replace("_", " ").split())


def parse_petrarch_date(text: str) -> date:
    """YYYYMMDD, or YYMMDD with YY 00-30 -> 20YY and 31-99 -> 19YY (the KEDS/TABARI rule)."""
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        raise PetrarchFormatError(f"not a YYMMDD or YYYYMMDD date: {text!r}")
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return date(year, month, day)
    except ValueError:
        raise PetrarchFormatError(f"impossible date: {text!r}") from None


_ROLE = re.compile(
    r"""\A(?P<code>[A-Z0-9~]+|---)
        (?:\s*(?:(?P<op>[<>])\s*(?P<d1>\d+)|(?P<from>\d+)\s*-\s*(?P<to>\d+)))?\Z""",
    re.VERBOSE,
)


def parse_role(text: str) -> Role | None:
    """The inside of one `[...]`; None for the null code `---`. Raises on malformed text."""
    match = _ROLE.match(text.strip())
    if not match:
        raise PetrarchFormatError(f"not a code with an optional date restriction: [{text}]")
    code = match["code"]
    if code == "---":
        return None
    if match["op"] == ">":
        return Role(code, start=parse_petrarch_date(match["d1"]))
    if match["op"] == "<":
        return Role(code, end=parse_petrarch_date(match["d1"]))
    if match["from"]:
        start, end = parse_petrarch_date(match["from"]), parse_petrarch_date(match["to"])
        if start > end:
            raise PetrarchFormatError(f"start after end: [{text}]")
        return Role(code, start, end)
    return Role(code)


# ---------------------------------------------------------------- actors

def parse_actor_dictionary(path: str | Path, problems: Counter | None = None) -> Iterator[ActorEntry]:
    """Every record of a PETRARCH actor dictionary, names as plain upper-case phrases.

    Roles that cannot be read are left out and counted in `problems` (key: reason)."""
    names: list[str] = []
    roles: list[Role] = []

    def take_roles(text: str) -> None:
        for inner in _BRACKET.findall(text):
            try:
                role = parse_role(inner)
            except PetrarchFormatError as err:
                if problems is not None:
                    problems[str(err).split(":")[0]] += 1
                continue
            if role is not None and role not in roles:
                roles.append(role)

    for _, line in _clean_lines(Path(path)):
        stripped = line.strip()
        if stripped.startswith("["):
            take_roles(stripped)
            continue
        head = stripped.split("[", 1)[0]
        if stripped.startswith("+"):
            synonym = _phrase(head[1:])
            if synonym and synonym not in names:
                names.append(synonym)
            take_roles(stripped)
            continue
        if names:
            yield ActorEntry(tuple(names), tuple(roles))
        names, roles = [], []
        primary = _phrase(head)
        if primary:
            names.append(primary)
        take_roles(stripped)
    if names:
        yield ActorEntry(tuple(names), tuple(roles))


# ---------------------------------------------------------------- agents

_SUBSTITUTION = re.compile(r"\A(?P<marker>![A-Z]+!)\s*=\s*(?P<items>.+)\Z")
_AGENT_LINE = re.compile(r"\A(?P<phrase>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]+)\]")


def regular_plural(phrase: str) -> str:
    """PETRARCH's automatic plural of the last word: +S, Y -> IES, SS -> ES."""
    if phrase.endswith("SS"):
        return phrase + "ES"
    if phrase.endswith("Y"):
        return phrase[:-1] + "IES"
    return phrase + "S"


def parse_agent_dictionary(path: str | Path, problems: Counter | None = None) -> Iterator[AgentEntry]:
    """Every record of a PETRARCH agents dictionary with its phrases expanded:
    substitution sets filled in, the plural added where PETRARCH would add one."""
    markers: dict[str, list[str]] = {}
    for _, line in _clean_lines(Path(path)):
        stripped = line.strip()
        sub = _SUBSTITUTION.match(stripped)
        if sub:
            markers[sub["marker"]] = [item.strip() for item in sub["items"].split(",") if item.strip()]
            continue
        match = _AGENT_LINE.match(stripped)
        code_text = match["code"].strip() if match else ""
        if not match or "~" not in code_text or not code_text.replace("~", "").isalnum():
            if problems is not None:
                problems["not an agent record"] += 1
            continue
        code_first = code_text.endswith("~")
        code = code_text.strip("~")
        raw = match["phrase"].strip()
        # A phrase ending in '_' takes no automatic plural, as in PETRARCH's verbs file.
        singulars = _expand_markers(raw, markers)
        uses_marker = len(singulars) > 1 or "!" in raw
        phrases = [_phrase(s) for s in singulars]
        if match["plural"] is not None:
            phrases += [_phrase(p) for p in _expand_markers(match["plural"], markers) if _phrase(p)]
        elif not uses_marker and not raw.endswith("_"):
            phrases.append(regular_plural(phrases[0]))
        unique = tuple(dict.fromkeys(p for p in phrases if p))
        if unique:
            yield AgentEntry(unique, code, code_first)


def _expand_markers(text: str, markers: dict[str, list[str]]) -> list[str]:
    found = re.search(r"![A-Z]+!", text)
    if not found or found.group(0) not in markers:
        return [text]
    out: list[str] = []
    for item in markers[found.group(0)]:
        out += _expand_markers(text[: found.start()] + item + text[found.end():], markers)
    return out


# ---------------------------------------------------------------- writing our CSV formats

def split_actor_code(code: str, iso3_codes: frozenset[str]) -> tuple[str | None, str | None]:
    """('AFGGOVMIL') -> ('AFG', 'GOV'); ('IGOUNO') -> (None, None); ('GOV') -> (None, 'GOV')."""
    code = code.strip("~")
    if code[:3] in iso3_codes:
        agent = code[3:6]
        return code[:3], agent if agent in CAMEO_AGENT_CODES else None
    if code[:3] in CAMEO_AGENT_CODES and code[:3] not in {"IGO", "NGO", "IMG", "MNC", "NGM"}:
        return None, code[:3]
    return None, None


# Name particles written in lower case inside a name ("Bashar al-Assad", "Ursula von der Leyen").
_PARTICLES = frozenset(
    "al el ad ar ash az bin ibn bint e i ul ud ur de da di du del della der den van von la le dos das y of the and".split()
)


# Words that stay in capitals: acronyms news write that way, and regnal numbers.
_KEEP_UPPER = frozenset(
    "UN US UK EU USA UAE NATO IAEA UNHCR UNICEF WHO IMF PLO ANC PKK FARC ELN IRA ETA DPRK ROK "
    "CIA FBI KGB FSB NGO MP MPS II III IV VI VII VIII IX XI XII".split()
)


def _cap(part: str) -> str:
    """'MCCAIN' -> 'McCain', "O'NEILL" -> "O'Neill", 'KARZAI' -> 'Karzai', 'U.N.' and 'UN' stay."""
    if part in _KEEP_UPPER or "." in part.rstrip("."):
        return part
    low = part.lower()
    if low.startswith("mc") and len(low) > 3:
        return "Mc" + low[2:].capitalize()
    if len(low) > 2 and low[1] == "'":
        return low[0].upper() + "'" + low[2:].capitalize()
    return low.capitalize()


def _display_name(phrase: str) -> str:
    """PETRARCH's upper case made readable: 'BASHAR AL-ASSAD' -> 'Bashar al-Assad'."""
    words = []
    for i, word in enumerate(phrase.split()):
        parts = word.split("-")
        cased = [
            p.lower() if (i > 0 or j < len(parts) - 1) and p.lower() in _PARTICLES else _cap(p)
            for j, p in enumerate(parts)
        ]
        words.append("-".join(cased))
    return " ".join(words)


def _surface_forms(phrases: Sequence[str]) -> list[str]:
    """Display forms of a record's phrases; a hyphenated given name is also written with a
    lower-case second part, as news write Korean names ('Ban Ki-moon' beside 'Ban Ki-Moon')."""
    forms: list[str] = []
    for phrase in phrases:
        shown = _display_name(phrase)
        lowered = " ".join(
            f"{w.split('-')[0]}-{w.split('-')[1].lower()}" if w.count("-") == 1 and w[:1].isupper() else w
            for w in shown.split()
        )
        for form in (shown, lowered):
            if form not in forms:
                forms.append(form)
    return forms


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


_NON_STATE_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM"})


def is_place_code(code: str) -> bool:
    """A country or territory code (`IRQ`, `USRAZE`, `YUGBIH`) rather than a role:
    no agent part and no international-organisation prefix."""
    code = code.strip("~")
    if code[:3] in _NON_STATE_PREFIXES:
        return False
    return len(code) == 3 or code[3:6] not in CAMEO_AGENT_CODES


def _latest_role(roles: Sequence[Role]) -> Role:
    """The role in force last: an open end beats any end; then the later end, then the later start."""
    return max(roles, key=lambda r: (r.end is None, r.end or date.min, r.start or date.min))


def actor_rows(
    entries: Iterable[ActorEntry], iso3_codes: frozenset[str]
) -> tuple[list[list[str]], list[list[str]]]:
    """(persons rows, organizations rows).

    A record with at least one dated role that names a role (an agent code, or an
    IGO/NGO code) is a person: one row per role period. Every other record is a named
    organisation or place with one code; a place whose code changed over time (a
    country that split) keeps the code it has last."""
    persons: list[list[str]] = []
    organizations: list[list[str]] = []
    for entry in entries:
        if not entry.roles:
            continue
        name, *others = _surface_forms(entry.names)
        aliases = "|".join(others)
        dated = any(r.start or r.end for r in entry.roles)
        if dated and not all(is_place_code(r.code) for r in entry.roles):
            for role in entry.roles:
                iso3, agent = split_actor_code(role.code, iso3_codes)
                persons.append([name, aliases, iso3 or "", agent or "", _iso(role.start), _iso(role.end), role.code])
        else:
            code = _latest_role(entry.roles).code if dated else entry.roles[0].code
            iso3, agent = split_actor_code(code, iso3_codes)
            organizations.append([name, aliases, code, iso3 or "", agent or ""])
    return persons, organizations


def agent_rows(entries: Iterable[AgentEntry]) -> list[list[str]]:
    """One `phrase,agent,notes` row per phrase; the agent is the first CAMEO agent code,
    the full PETRARCH code is kept in the notes."""
    rows: dict[str, list[str]] = {}
    for entry in entries:
        agent = entry.code[:3]
        if not re.fullmatch(r"[A-Z]{3}", agent):
            continue
        note = f"PETRARCH {entry.code}~" if entry.code_first else f"PETRARCH ~{entry.code}"
        for phrase in entry.phrases:
            rows.setdefault(phrase.lower(), [phrase.lower(), agent, note])
    return list(rows.values())


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    tmp.replace(path)
    return count


def import_petrarch(
    actor_paths: Sequence[str | Path],
    agents_path: str | Path | None,
    out_dir: str | Path,
    person_filter: "PersonFilter | None" = None,
) -> dict[str, int]:
    """Read PETRARCH actor and agent dictionaries and write `persons.csv`,
    `organizations.csv` and `agents.csv` (our formats) into `out_dir`.

    Returns row counts per file plus `skipped_*` counts of unreadable roles/records.
    `person_filter`, when given, decides per person (all its rows) whether to keep it."""
    out = Path(out_dir)
    iso3_codes = frozenset(c.iso3 for c in load_countries())
    problems: Counter = Counter()
    persons: list[list[str]] = []
    organizations: list[list[str]] = []
    for path in actor_paths:
        p_rows, o_rows = actor_rows(parse_actor_dictionary(path, problems), iso3_codes)
        persons += p_rows
        organizations += o_rows
    if person_filter is not None:
        persons = person_filter(persons)
    counts = {
        "persons": _write_csv(out / "persons.csv", PERSON_COLUMNS, persons),
        "organizations": _write_csv(
            out / "organizations.csv", ("name", "aliases", "code", "country", "agent"), _dedupe(organizations)
        ),
    }
    if agents_path is not None:
        agent_problems: Counter = Counter()
        rows = agent_rows(parse_agent_dictionary(agents_path, agent_problems))
        counts["agents"] = _write_csv(out / "agents.csv", ("phrase", "agent", "notes"), rows)
        problems.update(agent_problems)
    for reason, n in sorted(problems.items()):
        counts["skipped " + reason] = n
    return counts


def _dedupe(rows: list[list[str]]) -> list[list[str]]:
    """Organisation names are keys in our format: the first record of a name wins."""
    seen: dict[str, list[str]] = {}
    for row in rows:
        seen.setdefault(row[0].casefold(), row)
    return list(seen.values())


class PersonFilter:
    """Keep persons with at least one role that has a country and one of `agents`."""

    def __init__(self, agents: Iterable[str]):
        self.agents = frozenset(agents)

    def __call__(self, rows: list[list[str]]) -> list[list[str]]:
        keep = {row[0] for row in rows if row[2] and row[3] in self.agents}
        return [row for row in rows if row[0] in keep]


def main(argv: Sequence[str] | None = None) -> int:
    """`eventetl import-petrarch-actors ACTORS... [--agents F] --out DIR`"""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("actors", nargs="+", help="PETRARCH .actors dictionaries")
    parser.add_argument("--agents", help="PETRARCH agents dictionary")
    parser.add_argument("--out", required=True, help="rules folder to write persons/organizations/agents CSV into")
    args = parser.parse_args(argv)
    for name, count in import_petrarch(args.actors, args.agents, args.out).items():
        print(f"{name}: {count}")
    return 0

