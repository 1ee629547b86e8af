"""Given sentences about diplomatic cooperation and mediation, expect who acts on whom
(invented sentences)."""
from __future__ import annotations

from datetime import date

from extractors.extract import extract_events
from schemas.records import ParsedArticle


def coded(body: str) -> set[tuple]:
    art = ParsedArticle("a1", "memory://a1", date(2024, 3, 5), None, body)
    return {(e.event_code, e.actor1_country, e.actor2_country) for e in extract_events(art)}


def test_establishing_or_upgrading_diplomatic_ties_is_recognition():
    assert ("054", "LKA", "IRN") in coded("Sri Lanka has established diplomatic ties with Iran.")
    assert ("054", "CZE", "ALB") in coded("Czechia and Albania upgraded their diplomatic ties.")


def test_a_mediator_acts_on_both_parties():
    assert coded("Qatar mediated between Israel and Hamas.") == {("045", "QAT", "ISR"), ("045", "QAT", "PSE")}
    # the lookup table lemmatizes "broker" as "broke", "brokered" as "broker"
    assert ("045", "QAT", "ISR") in coded("Israel and Hamas agreed to a truce brokered by Qatar.")


def test_a_protest_lodged_with_a_country_is_a_complaint_to_it():
    assert ("114", "SRB", "ALB") in coded("Serbia lodged an official protest with Albania today.")


def test_the_two_men_are_the_last_two_people_named_not_the_host_country():
    events = coded("Putin met Erdogan in Sochi, Russia, on Monday. The two men signed a joint statement.")
    assert {e for e in events if e[0] == "057"} == {("057", "RUS", "TUR"), ("057", "TUR", "RUS")}


def test_two_men_without_the_refer_to_no_one():
    events = coded("Putin met Erdogan. Two men and a woman died in Ankara on Monday.")
    assert events and all(e[0] == "040" for e in events)


def test_aid_or_peacekeepers_sent_to_a_place_go_to_its_country():
    assert coded("Egypt sent food and medicine to Gaza on Sunday.") == {("073", "EGY", "PSE")}
    assert ("074", "KEN", "HTI") in coded("Kenya will deploy 1,000 peacekeepers to Port-au-Prince.")
