"""Specifications of the PETRARCH/TABARI dictionary importer."""
from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO, SHARED, needs_shared
from eventetl.extractors.ruleset.dictionaries import load_persons, person_role
from eventetl.tools.petrarch_dictionaries import (
    ActorEntry,
    PetrarchFormatError,
    Role,
    import_petrarch,
    parse_actor_dictionary,
    parse_agent_dictionary,
    parse_petrarch_date,
    split_actor_code,
)

ACTORS = """\
# a header comment
<!-- an HTML comment
     over two lines -->
FREEDONIA_  [FRE]
+FREEDONIAN_
+FREEDONIA_CITY_

RUFUS_T_FIREFLY_  # CountryInfo.txt
+FIREFLY_
+PRESIDENT_FIREFLY_
\t[FREELI 750101-000101]
\t[FREGOV >011222]
\t[FREELI]
AMBASSADOR_TRENTINO_\t[USAGOV 010120-050120] [IGOUNOKID >050501]; legacy comment
SYLVANIA_REBEL_ARMY [SYLREB]
OLD_GUARD_
\t[USAGOV <19450101]
\t[---]
BROKEN_DATES_
\t[USAGOV 2004017-20061201]
\t[USAGOV 20100931-20111231]
\t[USAGOV 19990101]
"""

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
TROOP {} [~MIL] # no plural form
CONGRESS!PERSON!  [~LEG]
CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
EMBASSY [~GOV]
WITNESS [~CVL]
HUMAN_RIGHTS_BODY  [NGO~]
OFFICIAL_NEWS_AGENCY [~GOVMED]
NOT A RECORD
"""


@pytest.fixture()
def actor_file(tmp_path: Path) -> Path:
    path = tmp_path / "Test.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    return path


@pytest.fixture()
def agent_file(tmp_path: Path) -> Path:
    path = tmp_path / "Test.agents.txt"
    path.write_text(AGENTS, encoding="utf-8")
    return path


def test_dates_follow_the_tabari_century_rule():
    assert parse_petrarch_date("011222") == date(2001, 12, 22)
    assert parse_petrarch_date("300101") == date(2030, 1, 1)
    assert parse_petrarch_date("310101") == date(1931, 1, 1)
    assert parse_petrarch_date("19270101") == date(1927, 1, 1)
    for bad in ("2004017", "20100931", "1999", "abc"):
        with pytest.raises(PetrarchFormatError):
            parse_petrarch_date(bad)


def test_actor_records_with_synonyms_and_dated_roles(actor_file):
    problems: Counter = Counter()
    entries = list(parse_actor_dictionary(actor_file, problems))
    assert entries[0] == ActorEntry(("FREEDONIA", "FREEDONIAN", "FREEDONIA CITY"), (Role("FRE"),))
    assert entries[1] == ActorEntry(
        ("RUFUS T FIREFLY", "FIREFLY", "PRESIDENT FIREFLY"),
        (
            Role("FREELI", date(1975, 1, 1), date(2000, 1, 1)),
            Role("FREGOV", start=date(2001, 12, 22)),
            Role("FREELI"),
        ),
    )
    # Several roles on the header line; ';' starts a legacy comment.
    assert entries[2] == ActorEntry(
        ("AMBASSADOR TRENTINO",),
        (Role("USAGOV", date(2001, 1, 20), date(2005, 1, 20)), Role("IGOUNOKID", start=date(2005, 5, 1))),
    )
    # '<' bounds the end; the null code [---] adds no role.
    assert entries[4] == ActorEntry(("OLD GUARD",), (Role("USAGOV", end=date(1945, 1, 1)),))
    # Unreadable roles are dropped and counted, never guessed.
    assert entries[5] == ActorEntry(("BROKEN DATES",), ())
    assert sum(problems.values()) == 3


def test_agent_records_expand_substitutions_and_plurals(agent_file):
    entries = {e.phrases[0]: e for e in parse_agent_dictionary(agent_file)}
    assert entries["TROOP"].phrases == ("TROOP",)
    assert entries["CONGRESSMAN"].phrases == (
        "CONGRESSMAN", "CONGRESSMEN", "CONGRESSWOMAN", "CONGRESSWOMEN", "CONGRESSPERSON")
    assert entries["CHAMBER OF COMMERCE"].phrases == ("CHAMBER OF COMMERCE", "CHAMBERS OF COMMERCE")
    assert entries["EMBASSY"].phrases == ("EMBASSY", "EMBASSIES")
    assert entries["WITNESS"].phrases == ("WITNESS", "WITNESSES")
    assert entries["HUMAN RIGHTS BODY"].code == "NGO" and entries["HUMAN RIGHTS BODY"].code_first
    assert entries["OFFICIAL NEWS AGENCY"].code == "GOVMED"


def test_actor_codes_split_into_country_and_agent():
    iso3 = frozenset({"AFG", "USA"})
    assert split_actor_code("AFGGOVMIL", iso3) == ("AFG", "GOV")
    assert split_actor_code("USA", iso3) == ("USA", None)
    assert split_actor_code("IGOUNO", iso3) == (None, None)
    assert split_actor_code("USR", iso3) == (None, None)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_import_writes_our_csv_formats(actor_file, agent_file, tmp_path):
    out = tmp_path / "rules" / "actors"
    counts = import_petrarch([actor_file], agent_file, out)
    persons = _rows(out / "persons.csv")
    firefly = [p for p in persons if p["name"] == "Rufus T Firefly"]
    assert [(p["iso3"], p["agent"], p["start"], p["end"], p["code"]) for p in firefly] == [
        ("", "", "1975-01-01", "2000-01-01", "FREELI"),  # FRE is no ISO3 country
        ("", "", "2001-12-22", "", "FREGOV"),
        ("", "", "", "", "FREELI"),
    ]
    assert firefly[0]["aliases"] == "Firefly|President Firefly"
    trentino = [p for p in persons if p["name"] == "Ambassador Trentino"]
    assert [(p["iso3"], p["agent"], p["code"]) for p in trentino] == [("USA", "GOV", "USAGOV"), ("", "", "IGOUNOKID")]
    organizations = {o["name"]: o for o in _rows(out / "organizations.csv")}
    assert organizations["Sylvania Rebel Army"]["code"] == "SYLREB"
    assert organizations["Freedonia"]["aliases"] == "Freedonian|Freedonia City"
    agents = {a["phrase"]: a["agent"] for a in _rows(out / "agents.csv")}
    assert agents["congresswomen"] == "LEG" and agents["troop"] == "MIL" and "troops" not in agents
    assert agents["official news agency"] == "GOV"
    assert counts["persons"] == len(persons) and counts["agents"] == len(agents)
    assert counts["skipped not an agent record"] == 1


def test_imported_persons_load_as_a_user_rules_folder(actor_file, tmp_path):
    import_petrarch([actor_file], None, tmp_path / "actors")
    extra = (str(tmp_path),)
    assert person_role("Ambassador Trentino", date(2003, 6, 1), extra).code == "USAGOV"
    assert person_role("Ambassador Trentino", date(2007, 6, 1), extra).code == "IGOUNOKID"
    assert person_role("Ambassador Trentino", date(2005, 3, 1), extra) is None
    assert any(p.name == "Old Guard" for p in load_persons(extra))


PETRARCH = SHARED / "reference" / "petrarch"
PETRARCH_ACTORS = [PETRARCH / f"Phoenix.{name}.actors.txt" for name in ("Countries", "International", "MilNonState")]


@needs_shared(*PETRARCH_ACTORS, PETRARCH / "Phoenix.agents.txt")
def test_shipped_petrarch_dictionaries_import_whole_and_match_the_shipped_persons(tmp_path):
    counts = import_petrarch(PETRARCH_ACTORS, PETRARCH / "Phoenix.agents.txt", tmp_path)
    assert counts["persons"] > 20000 and counts["organizations"] > 5000 and counts["agents"] > 3000
    # Nearly every role reads: the few that do not are malformed in the source.
    assert sum(v for k, v in counts.items() if k.startswith("skipped")) < 20
    shipped = REPO / "extractors" / "rules" / "actors" / "persons_petrarch.csv"
    with shipped.open(encoding="utf-8", newline="") as handle:
        shipped_rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    assert shipped_rows == _rows(tmp_path / "persons.csv")


def test_places_with_dated_codes_are_not_persons(tmp_path):
    path = tmp_path / "Places.actors.txt"
    path.write_text(
        "AZERBAIJAN_ [AZE]\n+BAKU_\n\t[USRAZE <911018]\n\t[AZE >911018]\n"
        "HEYDAR_ALIYEV_\n\t[AZEGOV 930624-031031]\n\t[AZEELI]\n",
        encoding="utf-8",
    )
    import_petrarch([path], None, tmp_path / "out")
    assert [p["name"] for p in _rows(tmp_path / "out" / "persons.csv")] == ["Heydar Aliyev", "Heydar Aliyev"]
    assert [(o["name"], o["code"], o["country"]) for o in _rows(tmp_path / "out" / "organizations.csv")] == [
        ("Azerbaijan", "AZE", "AZE")
    ]


def test_upper_case_names_become_readable_names(tmp_path):
    path = tmp_path / "Names.actors.txt"
    path.write_text(
        "BASHAR_AL-ASSAD_\n\t[SYRGOV >000717]\nJOHN_MCCAIN_\n\t[USALEG 870103-180825]\n"
        "UN_SECRETARY-GENERAL_BAN_KI-MOON\n\t[IGOUNO 070101-161231]\nKING_ABDULLAH_II\n\t[JORGOV >990207]\n",
        encoding="utf-8",
    )
    import_petrarch([path], None, tmp_path)
    rows = _rows(tmp_path / "persons.csv")
    assert [r["name"] for r in rows] == [
        "Bashar al-Assad", "John McCain", "UN Secretary-General Ban Ki-Moon", "King Abdullah II"]
    # Hyphenated given names are also written the way news write Korean names.
    assert "UN Secretary-general Ban Ki-moon" in rows[2]["aliases"].split("|")


def test_petrarch_verb_dictionary_converts_to_rules():
    from eventetl.tools.petrarch_verbs import parse_verb_dictionary, rules_from_blocks

    text = """
---  ARRIVE   [040]  ---
ARRIVE
COME {COMING COMES CAME } [---] # no code of its own
- * SUMMIT                                            [046]         # ARRIVE
- * (FOR TALKS)                                       [046:046]     # ARRIVE
- * (TO)                                              [040]         # too vague without a parse
- &MILITARY *                                         [072]         # needs a parse
"""
    rules = {r["id"]: r for r in rules_from_blocks(parse_verb_dictionary(text))}
    assert rules["petrarch.arrive.040"]["lemmas"] == ["arrive"]
    assert rules["petrarch.arrive.046.context"]["requires"] == ["for talks", "summit"]
    assert all(r["fallback"] for r in rules.values())
    assert not any(r["code"] == "072" for r in rules.values())
