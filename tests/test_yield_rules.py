"""Given sentences about easing restrictions, surrenders and withdrawals, expect yield
events (CAMEO 08), including acts that name no target (invented sentences)."""
from __future__ import annotations

from datetime import date

import pytest

from extractors.extract import extract_events
from extractors.triggers import RuleError, parse_rule
from schemas.records import ParsedArticle


def coded(body: str) -> set[tuple]:
    art = ParsedArticle("a1", "memory://a1", date(2024, 3, 5), None, body)
    return {(e.event_code, e.actor1_country, e.actor2_country) for e in extract_events(art)}


def test_lifting_a_curfew_eases_it_instead_of_imposing_it():
    assert coded("Kenya lifted the night curfew in Mombasa on Friday.") == {("0813", "KEN", "KEN")}
    assert coded("Nigeria shortened the curfew in Kano.") == {("0813", "NGA", "NGA")}


def test_ending_a_state_of_emergency_or_martial_law_is_easing_it():
    assert coded("Peru ended the state of emergency in Lima.") == {("0814", "PER", "PER")}
    assert coded("Ecuador revoked martial law on Tuesday.") == {("0814", "ECU", "ECU")}


def test_imposing_a_curfew_is_still_coercion():
    assert {c[:2] for c, *_ in coded("Kenya imposed a curfew in Mombasa on Friday.")} == {"17"}


def test_a_surrender_names_whom_it_was_made_to_or_no_one():
    assert ("0874", "COL", None) in coded("Hundreds of Colombian guerrillas surrendered last week.")
    assert ("0874", "COL", "VEN") in coded("Colombian guerrillas surrendered to Venezuela.")


def test_surrendering_a_document_or_a_right_is_no_military_surrender():
    assert coded("Kenya surrendered the documents to the court.") == set()


def test_a_troop_withdrawal_with_no_place_or_enemy_named_is_still_coded():
    assert ("0874", "SDN", None) in coded("Sudan withdrew its troops on Sunday.")


def test_a_bare_withdrawal_needs_a_target_it_may_be_from_a_treaty_or_a_race():
    assert coded("Sudan said it would withdraw on Sunday.") == set()


def test_an_act_wanted_of_someone_is_not_reported_as_done():
    assert not any(c == "0873" for c, *_ in coded("Kenya offered incentives for Somali militants to disarm."))


def test_a_resignation_demanded_by_others_is_not_coded_without_a_target():
    # "resign" is as often what someone is asked to do as what they did
    assert not any(c == "0832" for c, *_ in coded("Protesters in Kenya called on the Kenyan minister to resign."))


def test_one_sided_is_a_yes_or_no_field_of_a_rule():
    rule = parse_rule({"id": "x", "code": "0874", "lemmas": ["flee"], "one_sided": True}, "mine.yaml")
    assert rule.one_sided and not parse_rule({"id": "y", "code": "0874", "lemmas": ["flee"]}, "m.yaml").one_sided
    with pytest.raises(RuleError, match="unknown field"):
        parse_rule({"id": "z", "code": "0874", "lemmas": ["flee"], "onesided": True}, "mine.yaml")



def test_meeting_demands_is_yielding_to_them_not_a_meeting():
    assert ("080", "RUS", "TUR") in coded("Russia met Turkey's conditions on Friday.")
    assert ("040", "RUS", "TUR") in coded("Putin met Erdogan to discuss the terms of the deal.")
