"""Given sentences about armed force and coercion, expect the country whose machines or troops act
as the source, not an instrument or a word of the verb (invented sentences)."""
from __future__ import annotations

from datetime import date

from extractors.extract import extract_events
from schemas.records import ParsedArticle


def coded(body: str) -> set[tuple]:
    art = ParsedArticle("a1", "memory://a1", date(2024, 3, 5), None, body)
    return {(e.event_code, e.actor1_country, e.actor2_country) for e in extract_events(art)}


def test_a_subject_of_war_machines_and_its_verb_are_no_compound_event_noun():
    # "drones struck" is not "drone strike": the drones are the source
    assert ("195", "TUR", "SYR") in coded("Turkish drones struck Kurdish fighters in Syria.")


def test_war_machines_named_with_their_country_are_its_military():
    assert ("194", "ISR", "PSE") in coded("Israeli helicopters shelled Palestinian police posts.")


def test_an_instrument_in_a_participle_phrase_is_not_the_subject():
    assert ("190", "GBR", "IRQ") in coded("British aircraft using guided missiles killed four Iraqi soldiers.")
    assert ("190", "RUS", "AFG") in coded("Russian jets including bombers killed 46 Afghan civilians.")


def test_an_irregular_past_verb_ends_the_actor_phrase():
    # "Russia withdrew its troops" is not one actor "Russia ... troops"
    assert ("0874", "RUS", "SYR") in coded("Russia withdrew its troops from Syria.")


def test_a_state_named_by_itself_acts_on_its_own_rebels():
    assert ("190", "NGA", "NGA") in coded("Nigeria attacked Nigerian rebels on Sunday.")


def test_a_state_named_by_itself_is_not_taken_to_act_on_its_own_people():
    # "... in Indonesia, killed 26 people": mostly the place where it happened
    assert not any(c[:2] == "19" and c[1] == "IDN" for c in coded(
        "Suicide bombings in Surabaya, Indonesia's second-largest city, killed 26 Indonesian civilians."))


def test_a_reporting_clause_between_commas_is_no_apposition():
    # "..., officials said, in an attack blamed on ...": Nigeria is where, not who
    assert not any(c[1] == "NGA" and c[0][:2] == "19" for c in coded(
        "Bombers killed 19 people in northeast Nigeria, officials said, in an attack blamed on Boko Haram."))


def test_banning_a_party_is_coercion_and_a_ban_on_movement_is_none():
    assert ("1722", "EGY", "EGY") in coded("Egypt banned the Muslim Brotherhood movement on Tuesday.")
    assert coded("A Kenya-wide ban on the movement of cattle was extended.") == set()


def test_armed_groups_are_no_arming():
    assert not any(c[0] == "072" for c in coded("Kenyan police seized rifles from Somali armed groups."))


def test_an_armed_group_of_no_nationality_can_be_accused_or_arrested_by_a_state():
    assert ("112", "SDN", None) in coded("The Sudanese government accused Darfur rebels of violating the truce.")
    assert ("173", "KEN", None) in coded("Kenya arrested twelve militants on Sunday.")


def test_an_armed_group_of_no_nationality_is_not_a_target_of_cooperation():
    assert not any(c[2] is None and c[0][:2] == "05" for c in coded("Russia backed the rebels on Sunday."))
