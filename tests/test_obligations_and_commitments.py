"""Given reported obligations ("X said Y must ..."), expect the speaker's demand or
appeal and no event for the act only required; given commitments ("agreed to lift"),
expect the act, asserted (invented sentences)."""
from __future__ import annotations

from datetime import date

from extractors.extract import extract_events
from schemas.records import ParsedArticle


def coded(body: str) -> set[tuple]:
    art = ParsedArticle("a1", "memory://a1", date(2024, 3, 5), None, body)
    return {(e.event_code, e.actor1_country, e.actor2_country, e.modality) for e in extract_events(art)}


def test_a_reported_must_is_the_speakers_demand_of_its_subject():
    assert coded("Chile said on Monday that Peru must return the fishing boats.") == {
        ("100", "CHL", "PER", "asserted")}


def test_the_reporting_clause_may_follow():
    assert coded("Peru must return the fishing boats, Chile said.") == {("100", "CHL", "PER", "asserted")}


def test_a_reported_should_is_an_appeal():
    assert coded("Chile insisted that Peru should free the fishermen.") == {("020", "CHL", "PER", "asserted")}


def test_what_an_actor_must_or_should_do_is_not_reported_as_done():
    assert coded("Peru must release the fishermen.") == set()
    assert coded("Peru should withdraw its troops from the border.") == set()


def test_a_must_with_no_actor_before_it_leaves_the_statement_to_the_speech_verb():
    # "the decision must be reversed": no one is asked, the statement stays
    assert {e[0] for e in coded("Chile told Peru the decision must be reversed.")} == {"010"}


def test_a_country_asking_itself_is_no_demand():
    assert coded("Chile said Chile must act.") == set()


def test_an_act_agreed_or_pledged_is_coded_as_made_with_the_commitment():
    # guidelines (dev gold): "agreed to restore links" is asserted, coded as the act or the
    # 03x intent; only "will"/"plans to"/"is due to" announce
    assert ("085", "USA", "IRN", "asserted") in coded("The United States agreed to lift sanctions on Iran.")

def test_going_on_strike_is_a_strike_not_an_air_strike():
    assert coded("Serbian workers went on strike on Monday.") == {("143", "SRB", None, "asserted")}
