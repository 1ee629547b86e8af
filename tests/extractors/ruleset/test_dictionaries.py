"""Specifications of the shipped actor and code dictionaries and of their loaders."""
from __future__ import annotations

import re
from datetime import date

import pytest

from eventetl.extractors.ruleset.dictionaries import (
    DictionaryError,
    countries_by_iso3,
    describe_code,
    load_agents,
    load_cameo_codes,
    load_countries,
    load_metonyms,
    load_organizations,
    load_persons,
    nearest_role,
    person_role,
)

VALID_AGENTS = {
    "GOV", "LEG", "MIL", "COP", "REB", "OPP", "PTY", "CVL", "EDU", "JUD", "MED", "BUS",
    "REF", "LAB", "HLH", "REL", "AGR", "CRM", "SPY", "HRI", "NGO", "ELI",
}


def _owner(surface: str, field: str) -> set[str]:
    return {c.iso3 for c in load_countries() if surface in getattr(c, field)}


# ---------------------------------------------------------------- countries

def test_every_iso_country_is_listed_once_with_a_valid_code():
    countries = load_countries()
    codes = [c.iso3 for c in countries]
    assert len(codes) == len(set(codes)) >= 250
    assert all(re.fullmatch(r"[A-Z]{3}", c.iso3) and re.fullmatch(r"[A-Z]{2}", c.iso2) for c in countries)
    assert {"XKX", "PSE", "TWN", "USA", "PAK", "IRN"} <= set(codes)


@pytest.mark.parametrize(
    "demonym, iso3",
    [("Pakistani", "PAK"), ("Pakistanis", "PAK"), ("Emirati", "ARE"), ("American", "USA"),
     ("Briton", "GBR"), ("British", "GBR"), ("Israeli", "ISR"), ("Filipino", "PHL"),
     ("Philippine", "PHL"), ("Iranian", "IRN"), ("Ivorian", "CIV"), ("Congolese", "COD")],
)
def test_demonyms_name_one_country(demonym, iso3):
    assert _owner(demonym, "demonyms") == {iso3}


@pytest.mark.parametrize(
    "alias, iso3",
    [("U.S.", "USA"), ("United States of America", "USA"), ("Britain", "GBR"), ("UK", "GBR"),
     ("Russian Federation", "RUS"), ("Republic of Korea", "KOR"), ("DPRK", "PRK"),
     ("Islamic Republic of Iran", "IRN"), ("DR Congo", "COD"), ("Côte d'Ivoire", "CIV"),
     ("Türkiye", "TUR"), ("Burma", "MMR"), ("Iran", "IRN"), ("Kosovo", "XKX")],
)
def test_news_aliases_name_one_country(alias, iso3):
    assert _owner(alias, "aliases") == {iso3}


@pytest.mark.parametrize(
    "capital, iso3",
    [("Islamabad", "PAK"), ("Tehran", "IRN"), ("Washington", "USA"), ("Kyiv", "UKR"),
     ("Kiev", "UKR"), ("Beijing", "CHN"), ("New Delhi", "IND"), ("Moscow", "RUS")],
)
def test_capitals_stand_for_their_country(capital, iso3):
    assert _owner(capital, "capitals") == {iso3}


def test_delhi_alone_is_not_a_capital():
    assert _owner("Delhi", "capitals") == set()


def test_no_surface_form_is_claimed_by_two_countries():
    seen: dict[str, str] = {}
    clashes = []
    for country in load_countries():
        for form in {*country.aliases, *country.demonyms, *country.capitals}:
            if seen.setdefault(form, country.iso3) != country.iso3:
                clashes.append((form, seen[form], country.iso3))
    assert clashes == []


def test_regions_follow_un_m49():
    by = countries_by_iso3()
    assert (by["PAK"].region, by["PAK"].subregion) == ("Asia", "Southern Asia")
    assert (by["FRA"].region, by["FRA"].subregion) == ("Europe", "Western Europe")
    assert (by["NGA"].region, by["NGA"].subregion) == ("Africa", "Western Africa")
    assert {c.region for c in load_countries()} == {"Africa", "Americas", "Asia", "Europe", "Oceania", ""}


# ---------------------------------------------------------------- agents

@pytest.mark.parametrize(
    "phrase, agent",
    [("troops", "MIL"), ("soldier", "MIL"), ("warplanes", "MIL"), ("drones", "MIL"),
     ("president", "GOV"), ("foreign minister", "GOV"), ("spokesman", "GOV"), ("envoy", "GOV"),
     ("lawmakers", "LEG"), ("police", "COP"), ("security forces", "COP"), ("rebels", "REB"),
     ("militants", "REB"), ("gunmen", "REB"), ("protesters", "OPP"), ("opposition", "OPP"),
     ("civilians", "CVL"), ("judge", "JUD"), ("journalists", "MED"), ("refugees", "REF")],
)
def test_role_words_map_to_cameo_agents(phrase, agent):
    assert {a.agent for a in load_agents() if a.phrase == phrase} == {agent}


def test_agent_phrases_are_unique_lower_case_with_known_codes():
    agents = load_agents()
    phrases = [a.phrase for a in agents]
    assert len(phrases) == len(set(phrases))
    assert all(p == p.lower() for p in phrases)
    assert {a.agent for a in agents} <= VALID_AGENTS


# ---------------------------------------------------------------- CAMEO codes

def test_every_cameo_code_has_a_root_in_the_table_and_a_quad_class():
    codes = load_cameo_codes()
    assert len(codes) >= 300
    for code in codes.values():
        assert code.root_code == code.code[:2] and code.root_code in codes
        assert code.level == {2: 1, 3: 2, 4: 3}[len(code.code)]
        assert code.quad_class in (1, 2, 3, 4)
        assert code.goldstein is None or -10.0 <= code.goldstein <= 10.0


def test_cameo_rows_carry_names_goldstein_and_plover():
    codes = load_cameo_codes()
    assert codes["042"].name == "Make a visit" and codes["042"].root_name == "CONSULT"
    assert codes["042"].plover_type == "CONSULT"
    assert codes["190"].goldstein == -10.0 and codes["190"].quad_class == 4
    assert codes["0871"].plover_type == "RETREAT"
    # Statements are no PLOVER event type.
    assert codes["010"].plover_type is None


def test_describe_code_falls_back_to_parent_then_root():
    assert describe_code("0871").code == "0871"
    assert describe_code("0429").code == "042"
    assert describe_code("1999").code == "19"
    with pytest.raises(KeyError):
        describe_code("99")


# ---------------------------------------------------------------- organisations, metonyms

def test_international_organisations_have_no_country():
    orgs = {o.name: o for o in load_organizations()}
    for name in ("United Nations", "European Union", "NATO", "International Atomic Energy Agency"):
        assert orgs[name].country is None
    assert "UNHCR" in orgs and "IAEA" in orgs["International Atomic Energy Agency"].aliases


@pytest.mark.parametrize(
    "name, iso3", [("Hamas", "PSE"), ("Hezbollah", "LBN"), ("Taliban", "AFG"), ("Boko Haram", "NGA"),
                   ("al-Shabaab", "SOM"), ("Houthis", "YEM"), ("Kurdistan Workers' Party", "TUR"), ("M23", "COD")],
)
def test_armed_groups_carry_their_country_and_rebel_agent(name, iso3):
    org = next(o for o in load_organizations() if o.name == name)
    assert (org.country, org.agent) == (iso3, "REB")


def test_government_metonyms():
    metonyms = {m.phrase: (m.iso3, m.agent) for m in load_metonyms()}
    assert metonyms["Kremlin"] == ("RUS", "GOV")
    assert metonyms["White House"] == ("USA", "GOV")
    assert metonyms["Pentagon"] == ("USA", "MIL")
    assert metonyms["Downing Street"] == ("GBR", "GOV")


# ---------------------------------------------------------------- persons

def test_a_date_bounded_role_resolves_by_date():
    assert person_role("Obama", date(2016, 5, 1)).code == "USAGOV"
    assert person_role("obama", date(2018, 5, 1)).agent == "ELI"  # former president
    assert person_role("Barack Obama", date(2016, 5, 1)).iso3 == "USA"
    # Two separate terms with a gap between them.
    assert person_role("Trump", date(2019, 1, 1)).agent == "GOV"
    assert person_role("Trump", date(2023, 1, 1)).agent == "ELI"
    assert person_role("Trump", date(2025, 6, 1)).agent == "GOV"


def test_the_latest_office_wins_when_periods_overlap():
    role = person_role("Prabowo", date(2024, 10, 20))
    assert (role.iso3, role.agent) == ("IDN", "GOV")


def test_hand_written_persons_shadow_stale_imported_roles():
    # PETRARCH lists Karzai as AFG GOV from 2001 with no end.
    role = person_role("Hamid Karzai", date(2016, 1, 1))
    assert (role.iso3, role.agent) == ("AFG", "ELI")


def test_unknown_person_or_date_before_any_role_gives_none():
    assert person_role("Nobody Atall", date(2020, 1, 1)) is None
    assert person_role("Abbas Araghchi", date(2020, 1, 1)) is None


def test_outside_every_role_the_nearest_period_decides():
    # Before his first term Araghchi is still the Iranian official of his nearest period.
    role = nearest_role("Abbas Araghchi", date(2020, 1, 1))
    assert (role.iso3, role.agent) == ("IRN", "GOV")
    # Inside a period the role held that day wins, as with person_role.
    assert nearest_role("Trump", date(2023, 1, 1)).agent == "ELI"
    assert nearest_role("Nobody Atall", date(2020, 1, 1)) is None


def test_imported_petrarch_persons_are_shipped():
    names = {p.name for p in load_persons()}
    assert len(names) > 5000 and "Mohammad Zahir Shah" in names


# ---------------------------------------------------------------- user rules directories

def test_user_rules_add_and_override_rows(tmp_path):
    actors = tmp_path / "actors"
    actors.mkdir()
    (actors / "agents.csv").write_text(
        "phrase,agent,notes\n# a comment line\ntroops,REB,user override\nsquadron,MIL,\n", encoding="utf-8"
    )
    (actors / "persons.csv").write_text(
        "name,aliases,iso3,agent,start,end,code\nBarack Obama,Obama,USA,LEG,2005-01-03,2008-11-16,USALEG\n",
        encoding="utf-8",
    )
    agents = {a.phrase: a.agent for a in load_agents((str(tmp_path),))}
    assert agents["troops"] == "REB" and agents["squadron"] == "MIL" and agents["police"] == "COP"
    assert {a.phrase: a.agent for a in load_agents()}["troops"] == "MIL"  # shipped rules untouched
    assert person_role("Obama", date(2006, 1, 1), (tmp_path,)).agent == "LEG"
    # The user's rows replace all shipped rows of that name.
    assert person_role("Obama", date(2016, 1, 1), (tmp_path,)) is None


def test_bad_user_rows_are_reported_with_file_and_line(tmp_path):
    cameo = tmp_path / "cameo"
    cameo.mkdir()
    (cameo / "cameo_codes.csv").write_text(
        "code,name,root_code,root_name,level,goldstein,quad_class,plover_type\n"
        "042,Make a visit,04,CONSULT,two,1.9,1,CONSULT\n",
        encoding="utf-8",
    )
    with pytest.raises(DictionaryError, match=r"cameo_codes.csv:2"):
        load_cameo_codes((str(tmp_path),))


def test_loaders_are_cached():
    assert load_countries() is load_countries()
    assert load_agents(()) is load_agents([])
