"""Given a sentence, expect these events: argument attachment mechanisms (invented sentences)."""
from __future__ import annotations

from datetime import date

from extractors.extract import extract_events
from schemas.records import ParsedArticle


def coded(body: str) -> set[tuple]:
    art = ParsedArticle("a1", "memory://a1", date(2024, 3, 5), None, body)
    return {(e.event_code[:2], e.actor1_country, e.actor2_country) for e in extract_events(art)}


def test_reaction_naming_only_its_own_people_answers_the_previous_act():
    # "Brazilian consumers" is what the threat is about, not whom it answers
    events = coded("Peru imposed tariffs on Brazil. Days later, Brazil's ambassador warned "
                   "that Brazilian consumers might boycott Peruvian coffee.")
    assert ("13", "BRA", "PER") in events
    assert not any(e[1] == e[2] == "BRA" for e in events)


def test_stateless_armed_group_is_fought_in_the_country_of_the_named_place():
    # guidelines: an armed group of no stated nationality -> the country where it operates
    assert ("19", "USA", "IRQ") in coded(
        "The United States launched an air strike against an Islamic State target "
        "southwest of Baghdad on Monday.")


def test_compass_direction_of_a_place_locates_the_act():
    from extractors.places import PlaceMention, _preposition
    text = "Troops shelled a village 20 km north of Kharkiv."
    start = text.index("Kharkiv")
    place = PlaceMention(start, start + 7, "Kharkiv", "Kharkiv", "UKR", None, None, None, "city")
    assert _preposition(text, place, 0) == "near"


def test_object_before_comma_and_subject_verb_is_not_a_list():
    events = coded("Hamas freed 12 hostages on Friday, among them 5 Israelis and 4 Nepali workers, "
                   "and Israel released 30 Palestinian prisoners.")
    assert ("08", "ISR", "PSE") in events
    assert not any(e[1] == "NPL" for e in events)


def test_oxford_comma_list_of_subjects_still_coordinates():
    events = coded("Canada, Brazil, and Mexico signed a trade pact.")
    assert {e[1] for e in events} == {"CAN", "BRA", "MEX"}
