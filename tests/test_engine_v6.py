"""Given a story with no dateline, expect role words to take the country where the
sentence happens, and only the role words that live where they act (invented sentences)."""
from __future__ import annotations

from datetime import date

from extractors.extract import extract_events
from schemas.records import ParsedArticle


def coded(body: str, dateline: str | None = None) -> set[tuple]:
    art = ParsedArticle("a1", "memory://a1", date(2024, 3, 5), dateline, body)
    return {(e.event_code[:2], e.actor1_country, e.actor1_type, e.actor2_country, e.actor2_type)
            for e in extract_events(art)}


def test_police_and_protesters_belong_to_the_country_of_the_city_named():
    assert ("17", "BLR", "COP", "BLR", "OPP") in coded("Police arrested 20 protesters in Minsk on Sunday.")


def test_a_protest_across_a_country_is_that_country_protesting():
    events = coded("Dozens of protesters rallied across Belarus on Saturday.")
    assert {e[:3] for e in events} == {("14", "BLR", "OPP")}


def test_places_in_two_countries_give_no_country():
    assert coded("Police arrested 20 protesters in Minsk and Vilnius on Sunday.") == set()


def test_soldiers_and_rebels_do_not_take_the_country_of_the_place():
    # troops often fight abroad, and a rebel group has no country (guidelines)
    assert not any(e[1] == "MLI" for e in coded("Soldiers attacked a village near Gao on Sunday."))
    assert not any(e[1] == "SYR" for e in coded("Insurgents shelled a market in Aleppo overnight."))


def test_a_dateline_still_decides_as_before():
    # with a dateline, role words wait for the article to name the dateline's country
    assert coded("Police arrested 20 protesters in Minsk on Sunday.", dateline="MOSCOW") == set()


def test_an_event_noun_after_a_subject_and_its_verb_is_the_verb_s_object_not_background():
    # "of" or "after" before the subject does not make the noun background, as "for" before
    # the noun itself does ("blamed X for the attack")
    assert ("14", "KEN", None, "UGA", "GOV") in coded("Thousands of Kenyans staged rallies against "
                                                      "the Ugandan government.")
    assert ("19", "TUR", None, "SYR", None) in coded("The talks collapsed a day after Turkey carried "
                                                     "a strike inside Syria.")


def test_a_noun_after_a_preposition_is_still_background():
    events = coded("Britain blamed Russia for the Israeli air strike.")
    assert ("11", "GBR", None, "RUS", None) in events
    assert not any(e[0] == "19" for e in events)


def test_a_user_rules_folder_extends_the_date_words_extraction_uses(tmp_path):
    # "three days ago" in the user's own words: a deictic phrase of temporal/relative.yaml
    (tmp_path / "temporal").mkdir()
    (tmp_path / "temporal" / "relative.yaml").write_text("deictic_days:\n  the other day: -3\n")
    art = ParsedArticle("a1", "memory://a1", date(2024, 3, 5), None,
                        "Pakistan and Iran signed a trade agreement the other day.")
    shipped = extract_events(art)
    extended = extract_events(art, rules_dirs=(str(tmp_path),))
    assert {e.event_date for e in shipped} == {date(2024, 3, 5)}
    assert {(e.event_date, e.date_text) for e in extended} == {(date(2024, 3, 2), "the other day")}


def test_two_sides_exchanging_prisoners_release_them_to_each_other():
    events = coded("Russia and Ukraine swapped 90 prisoners of war on Friday.")
    assert {e[0] for e in events} == {"08"}
    assert {(e[1], e[3]) for e in events} == {("RUS", "UKR"), ("UKR", "RUS")}
    assert not any(e[0] == "08" for e in coded("Russia and Ukraine traded accusations on Friday."))


def test_agreeing_a_ceasefire_is_coded_as_the_ceasefire_as_agreeing_to_one_is():
    direct = codes_of("Armenia and Azerbaijan agreed a ceasefire on Monday.")
    with_to = codes_of("Armenia and Azerbaijan agreed to a ceasefire on Monday.")
    assert direct == with_to == {("0871", "ARM", "AZE"), ("0871", "AZE", "ARM")}
    # an agreed act that is not reciprocal keeps the agreement itself
    assert {c for c, _, _ in codes_of("Russia and Ukraine agreed a prisoner swap.")} == {"030"}


def codes_of(body: str) -> set[tuple]:
    art = ParsedArticle("a1", "memory://a1", date(2024, 3, 5), None, body)
    return {(e.event_code, e.actor1_country, e.actor2_country) for e in extract_events(art)}


def test_retaking_a_town_is_occupying_territory():
    events = codes_of("Iraqi forces retook the city of Mosul from ISIS.")
    assert {c for c, _, _ in events} == {"192"}
    assert {a for _, a, _ in events} == {"IRQ"}
