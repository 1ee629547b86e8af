"""Given a sentence, expect these events: reaction targets, participial clauses, coups and
claimed acts (invented sentences)."""
from __future__ import annotations

from datetime import date

from extractors.extract import extract_events
from schemas.records import ParsedArticle


def coded(body: str) -> set[tuple]:
    art = ParsedArticle("a1", "memory://a1", date(2024, 3, 5), None, body)
    return {(e.event_code[:2], e.actor1_country, e.actor2_country) for e in extract_events(art)}


def codes(body: str) -> set[tuple]:
    art = ParsedArticle("a1", "memory://a1", date(2024, 3, 5), None, body)
    return {(e.event_code, e.actor1_country, e.actor2_country) for e in extract_events(art)}


def test_praise_answers_a_signed_agreement_not_a_later_host():
    # signing (057) is the act later praise is about, although 05 is a reaction root
    events = coded("Peru and Bolivia signed a border treaty on Monday. Chile's president hosted "
                   "Peru's president at a dinner. Japan welcomed the agreement.")
    assert ("05", "JPN", "PER") in events or ("05", "JPN", "BOL") in events
    assert ("05", "JPN", "CHL") not in events


def test_participial_clause_after_a_comma_keeps_its_own_object():
    # "describing ... Iranian ..." belongs to the participle, not to "praised"
    events = coded("Iraq expelled ten Iranian diplomats on Monday. "
                   "Saudi Arabia's foreign minister praised the decision, describing it as a "
                   "blow to Iranian influence.")
    assert ("05", "SAU", "IRQ") in events
    assert ("05", "SAU", "IRN") not in events


def test_comma_including_still_introduces_targets():
    events = coded("The European Union imposed sanctions on several countries, including Belarus.")
    assert ("16", None, "BLR") in events


def test_coup_with_no_target_is_against_the_own_state():
    assert ("17", "GAB", "GAB") in coded("Gabon's army seized power on Wednesday.")


def test_claimed_attack_by_another_actor_is_an_accusation():
    events = codes("Syria claimed that Turkey had shelled Aleppo.")
    assert ("112", "SYR", "TUR") in events
    assert not any(e[0][:2] in ("18", "19", "20") for e in events)


def test_claimed_attack_by_the_claimant_itself_is_a_claim_of_responsibility():
    events = codes("Russia claimed that it had bombed Ukraine.")
    assert ("015", "RUS", "UKR") in events
    assert not any(e[0][:2] in ("18", "19", "20") for e in events)


def test_said_attack_is_still_the_attack():
    # only "claim that" marks the act as a mere claim; reported speech keeps the act
    events = coded("Officials in Damascus said Turkey had shelled Aleppo.")
    assert any(e[0] == "19" and e[1] == "TUR" for e in events)
