"""Where an event happened, read from the dependency parse of its sentence, and, where
the sentence does not say, from its code, its parties and the story's home country."""
from __future__ import annotations

import pytest

from eventetl.extractors.places.places import event_location, find_places, resolve_dateline
from eventetl.extractors.events.syntax import SentenceParser


def located(nlp, text: str, trigger: str, *, dateline: str | None = None, code: str | None = None,
            actors: tuple[str | None, str | None] = (None, None), modality: str = "asserted") -> str | None:
    """The country `event_location` gives the trigger, its sentence parsed as the coder
    parses it; `text` is an article body (first sentence = lead)."""
    doc = nlp(text)
    start = text.index(trigger)
    sent = next(s for s in doc.sents if s.start_char <= start < s.end_char)
    parse = SentenceParser(nlp).parse(doc, [(sent.start, sent.end)])[sent.start]
    place = event_location(text, find_places(text, None, dateline), sent.start_char, sent.end_char, start,
                           start + len(trigger), resolve_dateline(dateline), parse=parse, code=code,
                           actors=actors, modality=modality)
    return place.country if place else None


# ---------------------------------------------------------------- a place phrase of the event

@pytest.mark.parametrize("text, trigger, country", [
    ("Protesters clashed with police in the northern city of Lahore on Monday.", "clashed", "PAK"),
    ("Thousands rallied outside the French embassy in Niamey on Sunday.", "rallied", "NER"),
    ("The president flew to the Maldives on a military aircraft early on Wednesday.", "flew", "MDV"),
    ("Warplanes carried out strikes on Gaza overnight.", "carried out", "PSE"),
    ("Gunmen burst into southern Israel before dawn.", "burst", "ISR"),
    ("Fighters from the group overran Iraq's second-largest city on Tuesday.", "overran", "IRQ"),
    ("The two leaders signed a ceasefire in the Cuban capital on Thursday.", "signed", "CUB"),
])
def test_a_place_phrase_on_the_event_locates_it(nlp, text, trigger, country):
    assert located(nlp, text, trigger) == country


def test_a_place_in_a_relative_clause_is_not_the_events(nlp):
    text = "The minister condemned the militants, who had attacked a convoy in Kandahar."
    assert located(nlp, text, "condemned", code="111", actors=("AFG", None)) is None


def test_a_place_of_another_verb_is_not_the_events(nlp):
    text = "The army seized control of the capital and confined the president to his home in Harare."
    assert located(nlp, text, "seized", code="192", actors=("ZWE", "ZWE")) == "ZWE"
    text = "The spokesman said the convoy was attacked near Kandahar."
    assert located(nlp, text, "said", code="010", actors=("USA", None)) is None


def test_a_locative_on_the_act_object_places_a_physical_act(nlp):
    text = "Militants seized dozens of citizens from the consulate in Mosul on Wednesday."
    assert located(nlp, text, "seized") == "IRQ"


def test_a_place_in_the_topic_of_a_talk_is_not_where_it_was_held(nlp):
    text = "The two ministers discussed the war in Ukraine on Tuesday."
    assert located(nlp, text, "discussed", code="040", actors=("RUS", "CHN")) != "UKR"


def test_a_trip_the_act_is_about_is_where_it_is_placed(nlp):
    text = "The president called off a state visit to Denmark on Tuesday."
    assert located(nlp, text, "called off", code="16", actors=("USA", "DNK"), modality="negated") == "DNK"


def test_a_statement_about_a_trip_is_not_made_where_the_trip_went(nlp):
    text = "The foreign ministry denounced the senator's visit to Taiwan."
    assert located(nlp, text, "denounced", code="111", actors=("CHN", "USA")) is None


def test_where_the_speaker_was_when_speaking(nlp):
    text = "The envoy, visiting Nairobi, praised the government for its restraint."
    assert located(nlp, text, "praised", code="051", actors=("USA", "KEN")) == "KEN"
    text = "She told reporters in Copenhagen that she was disappointed by the decision."
    assert located(nlp, text, "disappointed", code="111", actors=("DNK", "USA")) == "DNK"


@pytest.mark.parametrize("text, trigger, country", [
    # the second of two acts of one speaker, however far from the place
    ("The French foreign minister, attending the Asia-Europe summit in Bangkok on Friday, met the "
     "Thai prime minister and condemned the launch.", "condemned", "THA"),
    ("Speaking on his arrival in Manila, the president warned that the curfew would be harsh.", "warned", "PHL"),
    ("Addressing a rally in Lyon, France, late on Friday, the president denounced the strikes.", "denounced", "FRA"),
])
def test_where_the_speaker_was_is_told_by_a_participle_on_the_speaker(nlp, text, trigger, country):
    assert located(nlp, text, trigger, code="111", actors=("USA", "PRK")) == country


def test_a_participle_about_an_act_elsewhere_does_not_place_the_speaker(nlp):
    text = "Condemning the attack in Kabul, the minister called for calm."
    assert located(nlp, text, "called for", code="020", actors=("PAK", "AFG")) is None


def test_a_relative_clause_on_a_place_happens_there(nlp):
    text = "Protests spread to Almaty, the largest city, where crowds stormed the mayor's office."
    assert located(nlp, text, "stormed") == "KAZ"


def test_a_local_body_acts_in_its_town(nlp):
    assert located(nlp, "A Vancouver court granted her bail on Tuesday.", "granted") == "CAN"


def test_a_court_acts_at_its_seat(nlp):
    text = "The International Criminal Court issued an arrest warrant for the president on Friday."
    assert located(nlp, text, "issued", code="173", actors=(None, "RUS")) == "NLD"
    text = "The International Criminal Court said the warrant was valid."
    assert located(nlp, text, "said", code="010", actors=(None, "RUS")) is None


# ---------------------------------------------------------------- no place stated

def test_a_countrys_act_on_its_own_people_happens_in_it(nlp):
    text = "Police fired tear gas at thousands of demonstrators on Saturday."
    assert located(nlp, text, "fired", code="175", actors=("LKA", "LKA")) == "LKA"


@pytest.mark.parametrize("text, trigger, code, modality", [
    # a place is stated that the gazetteer lacks: still in the country of both parties
    ("Police fired tear gas at protesters in opposition strongholds on Saturday.", "fired", "175", "asserted"),
    ("Thousands of protesters clashed with security forces near parliament.", "clashed", "145", "asserted"),
    # an investigation of one's own officers is done at home
    ("The prosecutor's office opened a criminal investigation into the officers.", "opened", "090", "asserted"),
    # an act the country did not do would still have been done there
    ("Police did not detain anyone at the rally.", "detain", "173", "negated"),
])
def test_a_countrys_act_on_its_own_people_is_in_it_wherever_the_place_stated(nlp, text, trigger, code, modality):
    assert located(nlp, text, trigger, code=code, actors=("KEN", "KEN"), modality=modality) == "KEN"


def test_an_attack_across_a_border_lands_on_the_targets_soil(nlp):
    text = "The rebels said their fighters had shelled army positions overnight."
    assert located(nlp, text, "shelled", code="194", actors=("SYR", "TUR")) == "TUR"


def test_an_arrest_across_a_border_is_made_at_home(nlp):
    text = "The authorities detained two foreign nationals on Monday."
    assert located(nlp, text, "detained", code="173", actors=("CHN", "CAN")) == "CHN"


def test_a_statement_is_not_placed_by_its_parties(nlp):
    text = "The foreign ministry condemned the strikes on Tuesday."
    assert located(nlp, text, "condemned", code="111", actors=("IRN", "IRN")) is None


def test_a_denied_act_is_not_placed_by_its_parties(nlp):
    text = "Paris rejected the allegation."
    assert located(nlp, text, "rejected", code="190", actors=("FRA", "NER"), modality="negated") is None


def test_an_act_still_to_come_by_a_party_of_no_country_is_not_placed(nlp):
    text = "Sanctions imposed by the United Nations will be lifted next year."
    assert located(nlp, text, "lifted", code="085", actors=(None, "IRN"), modality="future") is None


def test_a_story_filed_from_a_hub_is_set_where_its_lead_is(nlp):
    # the lead names Zimbabwe, not South Africa, and the article names it twice
    text = ("Zimbabwe's military seized control of the country on Wednesday.\n"
            "Armoured vehicles blocked roads in central Harare.\n"
            "Gunmen attacked a checkpoint overnight, officials said.")
    assert located(nlp, text, "attacked", dateline="JOHANNESBURG") == "ZWE"
    text = ("Pakistan's army chief warned the United States on Thursday.\n"
            "Gunmen attacked a checkpoint, officials said.")
    assert located(nlp, text, "attacked", dateline="ISLAMABAD") == "PAK"


def test_a_parse_of_another_sentence_is_not_read(nlp):
    text = "Clashes erupted in Lahore on Monday."
    other = nlp("An unrelated sentence about the weather.")
    start = text.index("Clashes")
    place = event_location(text, find_places(text), 0, len(text), start, start + 7, None, parse=other)
    assert place is not None and place.country == "PAK"
