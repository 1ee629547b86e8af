"""CAMEO actor codes: the rule (country + type, a body's own code), what the engine's
actors get, and the dim_actor labels and actor-code marts in the warehouse."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import DEV_ARTICLES, article, needs_shared, warehouse_rows, write_article
from eventetl.extractors.ruleset import dictionaries
from eventetl.extractors.actors.actor_codes import BODY_TYPES, actor_code, code_for_actor, parse_code, segments
from eventetl.extractors.text.article import parse_article
from eventetl.extractors.extract import extract_articles, extract_events

VOCABULARY = dictionaries.load_actor_codes()
COUNTRY_NAMES = {c.iso3: c.name for c in dictionaries.load_countries()}


# ---------------------------------------------------------------- the rule

@pytest.mark.parametrize("country, agent, org_code, expected", [
    ("PAK", "GOV", None, "PAKGOV"),
    ("USA", "MIL", None, "USAMIL"),
    ("IRN", "ELI", None, "IRNELI"),
    ("TUR", None, None, "TUR"),
    (None, "REB", None, "REB"),
    (None, None, "IGOUNO", "IGOUNO"),
    (None, "MIL", "IGOWSTNAT", "IGOWSTNATMIL"),      # NATO troops
    (None, "BUS", "IGOBUSIMF", "IGOBUSIMF"),          # a type the body's code holds is not repeated
    ("PSE", "REB", "PSEREB", "PSEREB"),
    (None, None, None, None),
])
def test_an_actor_code_is_country_plus_type_or_a_body_code_plus_the_role_it_adds(country, agent, org_code, expected):
    assert actor_code(country, agent, org_code) == expected


@pytest.mark.parametrize("args", [("Pakistan", "GOV", None), ("PAK", "government", None), (None, None, "IGOUN")])
def test_malformed_parts_are_refused(args):
    with pytest.raises(ValueError):
        actor_code(*args)


# ---------------------------------------------------------------- the current engine's actors

@pytest.mark.parametrize("name, kind, country, agent, published, expected", [
    ("UN Secretary-General Antonio Guterres", "person", None, "GOV", date(2020, 5, 1), "IGOUNO"),
    ("Secretary-General Jens Stoltenberg", "person", None, "GOV", date(2019, 4, 4), "IGOWSTNAT"),
    ("the UN Security Council", "org", None, None, date(2024, 1, 1), "IGOUNO"),
    ("NATO troops", "org", None, "MIL", date(2024, 1, 1), "IGOWSTNATMIL"),
    ("the European Union's", "org", None, None, date(2024, 1, 1), "IGOEUREEC"),
    ("World Trade Organization", "org", None, "BUS", date(2024, 1, 1), "IGOBUSWTO"),
    ("ISIL", "org", None, "REB", date(2015, 1, 1), "IMGMUSISI"),
    ("Hamas gunmen", "org", "PSE", "REB", date(2024, 1, 1), "PSEREB"),
    ("Iran's foreign minister", "agent+country", "IRN", "GOV", date(2024, 1, 1), "IRNGOV"),
    ("Insurgents", "agent", None, "REB", date(2024, 1, 1), "REB"),
    ("the two men", "person", "PRK", "GOV", date(2019, 2, 28), "PRKGOV"),
])
def test_engine_actors_get_the_code_of_their_country_or_of_the_body_they_speak_for(
        name, kind, country, agent, published, expected):
    assert code_for_actor(name, kind, country, agent, published) == expected


def test_extracted_mentions_carry_actor_codes_beside_countries_and_types():
    events = extract_events(article("Pakistani troops attacked Indian positions in Kashmir on Monday. "
                                    "NATO condemned Russia over the attack."))
    coded = {(e.actor1_code, e.event_root_code, e.actor2_code) for e in events}
    assert ("PAKMIL", "19", "IND") in coded or ("PAKMIL", "18", "IND") in coded, coded
    assert any(e.actor1_code == "IGOWSTNAT" and e.actor1_country is None for e in events), coded


@needs_shared(DEV_ARTICLES)
def test_on_the_dev_articles_every_actor_with_a_country_has_its_code_and_bodies_have_igo_codes():
    articles = [parse_article(p.read_bytes(), str(p)) for p in sorted(DEV_ARTICLES.glob("*.txt"))]
    mentions = [m for _, ms in extract_articles(articles) for m in ms]
    actors = [(m.actor1_country, m.actor1_code) for m in mentions] + \
             [(m.actor2_country, m.actor2_code) for m in mentions if m.actor2_name]
    with_country = [(c, code) for c, code in actors if c]
    assert with_country and all(code and code.startswith(c) for c, code in with_country)
    bodies = [code for c, code in actors if c is None and code and code[:3] in BODY_TYPES]
    assert len(bodies) >= 25 and {"IGOUNO", "IGOWSTNAT"} <= set(bodies)


# ---------------------------------------------------------------- reading codes (dim_actor)

@pytest.mark.parametrize("code, label, country, organisation, known_group, types", [
    ("PAKGOV", "Pakistan: government", "PAK", None, None, ("GOV",)),
    ("IGOWSTNATMIL", "NATO: military", None, "IGOWSTNAT", "NAT", ("IGO", "MIL")),
    ("IGOAFRAFU", "African Union", None, "IGOAFRAFU", "AFU", ("IGO",)),
    ("NGOUSAHRI", "United States: non-governmental organisation, human rights", "USA", None, None, ("NGO", "HRI")),
    ("REB", "rebels", None, None, None, ("REB",)),
])
def test_a_code_reads_back_into_gdelt_style_parts(code, label, country, organisation, known_group, types):
    parts = parse_code(code, VOCABULARY, COUNTRY_NAMES)
    assert (parts.label, parts.country, parts.organisation, parts.known_group, parts.types) == \
        (label, country, organisation, known_group, types)


def test_no_type_region_or_religion_segment_is_also_a_country_code():
    assert not {c for c, p in VOCABULARY.items() if p.kind != "organisation"} & set(COUNTRY_NAMES)


def test_every_body_code_the_dictionaries_give_reads_into_known_segments():
    codes = {o.code for o in dictionaries.load_organizations() if o.country is None}
    assert len(codes) > 50
    for code in codes:
        parts = parse_code(code, VOCABULARY, COUNTRY_NAMES)
        rest = segments(code[len(parts.organisation or ""):])
        assert all(s in VOCABULARY or s in COUNTRY_NAMES for s in rest), code


def test_dim_actor_labels_every_code_and_marts_group_by_actor_code(tmp_path: Path):
    from eventetl.flows.ingest import run_ingest
    src = tmp_path / "articles"
    write_article(src, "a.txt", "2024-03-05", "NATO troops attacked Taliban positions in Helmand on Monday. "
                  "Pakistan's army shelled Indian posts in Kashmir on Monday.", "KABUL")
    data = tmp_path / "data"
    run_ingest(str(src), str(data), workers=1)
    unlabelled = warehouse_rows(data, """
        SELECT code FROM (SELECT actor1_code AS code FROM event_mentions UNION SELECT actor2_code FROM event_mentions)
        WHERE code IS NOT NULL AND code NOT IN (SELECT code FROM dim_actor)""")
    assert unlabelled == []
    dyads = warehouse_rows(data, """SELECT d.actor1_code, a.name, d.events FROM daily_actor_dyad d
                                    JOIN dim_actor a ON a.code = d.actor1_code ORDER BY 1""")
    assert ("IGOWSTNATMIL", "NATO: military", 1) in dyads and ("PAKMIL", "Pakistan: military", 1) in dyads
    assert warehouse_rows(data, "SELECT name, fips FROM dim_country WHERE iso3 IN ('DEU', 'UKR') ORDER BY 1") == \
        [("Germany", "GM"), ("Ukraine", "UP")]
