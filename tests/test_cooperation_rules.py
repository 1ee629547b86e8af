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
