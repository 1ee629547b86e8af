"""The date of an event read from the dependency parse of its sentence: the temporal
expression attached to the event's own clause, or to the clause it shares a time with."""
from __future__ import annotations

from datetime import date

import pytest

from eventetl.extractors.temporal.dates import EventDate, event_date, find_temporal_expressions
from eventetl.extractors.events.syntax import SentenceParser

# A Thursday.
PUB = date(2024, 1, 25)


def parsed_date(nlp, text: str, trigger: str, modality: str = "asserted", published: date = PUB,
                occurrence: int = 0) -> EventDate:
    """The date `event_date` gives the trigger (its `occurrence`-th appearance) with its
    sentence parsed as the coder parses it."""
    doc = nlp(text)
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(trigger, start + 1)
    sent = next(s for s in doc.sents if s.start_char <= start < s.end_char)
    parse = SentenceParser(nlp).parse(doc, [(sent.start, sent.end)])[sent.start]
    return event_date(text, find_temporal_expressions(text, published), sent.start_char, sent.end_char,
                      start, start + len(trigger), published, modality, parse=parse)


def test_a_date_phrase_built_on_a_time_noun_dates_the_verb_it_hangs_on(nlp):
    text = ("Special forces killed the militant leader in a compound north of the capital in the "
            "early hours of Monday, officials said.")
    assert parsed_date(nlp, text, "killed").date == date(2024, 1, 22)


def test_a_day_after_a_clock_time_dates_the_clause_and_its_participle(nlp):
    # "on Tuesday" hangs on "a.m.", the clock time the phrase is built on; the lead's
    # Thursday is another day
    text = ("Officials said on Thursday that the governor was dead.\n"
            "Soldiers attacked the village at 3 a.m. on Tuesday, killing six people.")
    assert parsed_date(nlp, text, "killing").date == date(2024, 1, 23)


@pytest.mark.parametrize("text, participle", [
    ("Gunmen attacked a hotel, a stadium, shops and cafes in the city on Monday night, killing 40 people.",
     "killing"),
    ("Armed men raided a church, a school, homes and shops in the village on Monday, killing 12 people.",
     "killing"),
])
def test_a_date_on_an_item_of_a_listed_object_dates_the_act_and_its_participle(nlp, text, participle):
    # the parser hangs "on Monday" on the last items of the object; the lead's Thursday is
    # another day
    text = "The president told parliament on Thursday that the country was at war.\n" + text
    assert parsed_date(nlp, text, participle).date == date(2024, 1, 22)


def test_a_date_inside_a_relative_clause_dates_that_clause_only(nlp):
    text = "The talks, which began on Monday, ended without agreement."
    assert parsed_date(nlp, text, "began").date == date(2024, 1, 22)
    assert parsed_date(nlp, text, "ended").basis == "publication"


def test_coordinated_verbs_keep_their_own_dates_and_share_one_when_only_one_has_it(nlp):
    text = "The envoy arrived in Kabul late on Tuesday and met the foreign minister on Wednesday."
    assert parsed_date(nlp, text, "arrived").date == date(2024, 1, 23)
    assert parsed_date(nlp, text, "met").date == date(2024, 1, 24)
    text = "Crowds stormed the mayor's office and set fire to it on Wednesday."
    assert parsed_date(nlp, text, "stormed").date == date(2024, 1, 24)


def test_a_participle_clause_happens_at_the_time_of_its_clause(nlp):
    text = "Police opened fire on protesters in the capital on Monday, killing at least five."
    assert parsed_date(nlp, text, "killing").date == date(2024, 1, 22)
    text = "The minister, speaking during a trip to the border on Sunday, rejected the offer."
    assert parsed_date(nlp, text, "rejected").date == date(2024, 1, 21)


def test_a_clause_opened_by_after_happens_at_another_time(nlp):
    # Not Thursday: with no date of its own, the firing takes the lead's day.
    text = ("Tens of thousands of protesters besieged parliament on Wednesday.\n"
            "The legislature put off the debate on Thursday after police fired tear gas at them.")
    got = parsed_date(nlp, text, "fired", published=date(2024, 1, 26))
    assert got.date == date(2024, 1, 24)


def test_an_event_some_days_before_another_has_no_known_day(nlp):
    # "days after": before the main clause's Wednesday by an uncounted stretch, so neither
    # Wednesday nor the lead's day
    text = ("North Korea fired a ballistic missile into the sea on Wednesday, South Korea's military "
            "said, days after Pyongyang warned of countermeasures against joint drills.")
    got = parsed_date(nlp, text, "warned")
    assert got.date is None and got.text == "days after"
    assert parsed_date(nlp, text, "fired").date == date(2024, 1, 24)


def test_a_future_act_inheriting_a_past_weekday_keeps_that_day(nlp):
    # the weekday was told in the past clause above; the future content does not move it on
    text = ("On Wednesday, Biden met leaders of NATO's eastern flank in Warsaw, where he pledged "
            "that the alliance would defend every inch of its territory.")
    assert parsed_date(nlp, text, "defend", modality="future").date == date(2024, 1, 24)


def test_reported_content_takes_the_date_of_its_report(nlp):
    text = "The foreign minister announced late on Sunday that the kingdom was cutting ties with Tehran."
    assert parsed_date(nlp, text, "cutting ties").date == date(2024, 1, 21)


def test_a_date_on_the_setting_of_a_statement_dates_the_statement(nlp):
    text = "The president said in an interview on Tuesday that he could intervene in the case."
    assert parsed_date(nlp, text, "intervene").date == date(2024, 1, 23)


@pytest.mark.parametrize("text, trigger, expected", [
    ("Tariffs on barley took effect on Tuesday, a day after Beijing announced them.", "announced",
     date(2024, 1, 22)),
    ("Parliament voted on Monday to impose martial law, a day after border guards fired on and "
     "seized three navy vessels.", "fired", date(2024, 1, 21)),
])
def test_a_day_after_another_event_is_counted_back_from_the_main_clause(nlp, text, trigger, expected):
    assert parsed_date(nlp, text, trigger).date == expected


def test_the_main_clause_of_a_day_after_keeps_its_own_date(nlp):
    text = ("Parliament voted on Monday to impose martial law, a day after border guards fired on and "
            "seized three navy vessels.")
    assert parsed_date(nlp, text, "impose").date == date(2024, 1, 22)


def test_a_relative_clause_on_a_date_shares_it(nlp):
    text = "The fighting erupted on Wednesday, when the army struck camps across the border."
    assert parsed_date(nlp, text, "struck").date == date(2024, 1, 24)


def test_a_relative_clause_telling_when_the_event_was_planned_dates_it(nlp):
    text = "The foreign minister called off a visit to Ankara that had been planned for tomorrow."
    assert parsed_date(nlp, text, "called off", "negated").date == date(2024, 1, 26)


def test_an_event_noun_takes_the_date_of_the_participle_telling_how_it_was_done(nlp):
    # "a peace deal ... signed in Washington last month": the signing is the deal's time,
    # not the day of the sentence's own clause
    text = ("The agreement, mediated by Qatar, follows a peace deal between Congo and Rwanda signed in "
            "Washington last month.")
    got = parsed_date(nlp, text, "peace deal")
    assert (got.date, got.precision) == (date(2023, 12, 1), "month")


def test_an_event_in_a_month_named_above_it_happened_in_that_month(nlp):
    text = ("At least 54 people were killed in November when security forces put down riots that "
            "broke out after the opposition leader was arrested.")
    got = parsed_date(nlp, text, "arrested")
    assert (got.date, got.precision) == (date(2023, 11, 1), "month")


def test_an_event_noun_the_act_happened_in_takes_the_act_date(nlp):
    text = "Twenty soldiers died in hand-to-hand fighting with border troops on Monday night."
    assert parsed_date(nlp, text, "fighting").date == date(2024, 1, 22)


def test_a_sentence_opening_hours_earlier_takes_the_story_day_named_before_it(nlp):
    text = ("The rebels seized the city on Saturday. Hours earlier, the president had accused the "
            "rebels of treason.")
    got = parsed_date(nlp, text, "accused", published=date(2024, 3, 4))
    assert got.date == date(2024, 3, 2)


def test_a_verb_coordinated_after_hours_earlier_shares_the_story_day(nlp):
    text = ("The rebels seized the city on Saturday. Hours earlier, the president had accused the "
            "rebels of treason and promised they would be punished.")
    got = parsed_date(nlp, text, "promised", published=date(2024, 3, 4))
    assert got.date == date(2024, 3, 2)


def test_what_happened_at_a_place_told_of_is_at_that_clauses_time(nlp):
    text = ("The worst violence came overnight on Monday in the city of Cali, where rights groups "
            "said police opened fire on protesters.")
    assert parsed_date(nlp, text, "opened fire").date == date(2024, 1, 22)


def test_shortly_before_a_time_is_no_vague_date(nlp):
    text = ("The ministry said it had received a message from Tehran shortly after midnight.\n"
            "Iran fired missiles at two bases on Wednesday.")
    got = parsed_date(nlp, text, "received", published=date(2024, 1, 25))
    assert got.date is not None


def test_a_vague_expression_of_the_clause_still_leaves_the_event_undated(nlp):
    got = parsed_date(nlp, "The two countries recently agreed to reopen their embassies.", "agreed")
    assert got.date is None and got.basis == "relative"


def test_a_parse_of_another_sentence_is_not_read(nlp):
    """A stale or foreign parse falls back to the word-order reading."""
    text = "Iran's foreign minister will visit Pakistan on January 29."
    other = nlp("A completely different sentence about nothing at all.")
    start = text.index("visit")
    got = event_date(text, find_temporal_expressions(text, PUB), 0, len(text), start, start + 5, PUB,
                     "future", parse=other)
    assert got.date == date(2024, 1, 29)


@pytest.mark.parametrize("text, trigger, expected", [
    ("Trade unions have called a general strike in the region for Tuesday.", "called", date(2024, 1, 30)),
    ("The chancellor invited the two leaders to Berlin for talks on Monday.", "invited", date(2024, 1, 29)),
])
def test_a_time_something_is_set_for_lies_ahead_of_the_act_that_sets_it(nlp, text, trigger, expected):
    assert parsed_date(nlp, text, trigger).date == expected


def test_a_time_set_in_the_past_perfect_may_be_past(nlp):
    text = "The minister called off a meeting with his counterpart that had been planned for Tuesday."
    assert parsed_date(nlp, text, "called off", "negated").date == date(2024, 1, 23)


@pytest.mark.parametrize("text, trigger", [
    ("Police kept the opposition leader confined to his home for a fourth day on Wednesday.", "kept"),
    ("Police kept the opposition leader confined to his home for a fourth day on Wednesday.", "confined"),
    ("Rebels held the town hall for a fourth straight day on Wednesday.", "held"),
])
def test_a_state_kept_up_for_the_nth_day_began_n_minus_one_days_before(nlp, text, trigger):
    assert parsed_date(nlp, text, trigger).date == date(2024, 1, 21)


def test_an_act_repeated_for_a_second_day_is_dated_by_its_own_day(nlp):
    text = "The legislature put off the debate on the bill for a second day on Wednesday."
    assert parsed_date(nlp, text, "put off").date == date(2024, 1, 24)


def test_a_truce_that_held_into_a_day_began_the_day_before(nlp):
    text = "A truce between the army and the rebels held through the night and into Thursday."
    assert parsed_date(nlp, text, "truce").date == date(2024, 1, 24)


def test_a_truce_holding_a_day_after_it_was_agreed_dates_from_the_agreement(nlp):
    text = ("A ceasefire between the two countries appeared to be holding on Sunday, a day after their "
            "armies agreed to halt the shelling.")
    assert parsed_date(nlp, text, "ceasefire", published=date(2024, 1, 28)).date == date(2024, 1, 27)


def test_hours_after_another_event_is_the_same_day(nlp):
    text = ("The president announced his resignation on television on Sunday, hours after the army "
            "chief urged him to step down.")
    assert parsed_date(nlp, text, "urged", published=date(2024, 1, 29)).date == date(2024, 1, 28)


def test_shortly_after_another_event_is_the_same_day(nlp):
    text = "The army seized the airport on Monday, shortly after rebels attacked the presidential palace."
    assert parsed_date(nlp, text, "attacked", published=date(2024, 1, 31)).date == date(2024, 1, 29)


def test_shortly_after_midnight_is_no_count_from_another_event(nlp):
    text = "Protesters stormed the parliament shortly after midnight on Monday."
    assert parsed_date(nlp, text, "stormed", published=date(2024, 1, 31)).date == date(2024, 1, 29)


def test_several_hours_back_from_early_on_a_day_reach_the_day_before(nlp):
    text = "The president lifted martial law early on Wednesday, just six hours after declaring it."
    assert parsed_date(nlp, text, "declaring").date == date(2024, 1, 23)
    assert parsed_date(nlp, text, "lifted").date == date(2024, 1, 24)


def test_hours_after_an_event_told_before_is_that_events_day(nlp):
    text = ("State media said on Saturday that the leader had vowed to answer threats, a day after he "
            "oversaw the launch of a new missile. Defence officials had met on Thursday. Hours after the launch, "
            "allied fighter jets staged a joint drill over the sea.")
    got = parsed_date(nlp, text, "staged", published=date(2024, 1, 27))
    assert got.date == date(2024, 1, 26)


def test_hours_before_an_event_not_told_before_is_the_lead_day(nlp):
    text = ("Regional leaders on Sunday gave the junta one week to reinstate the president.\n"
            "The president has been held by his own guard since Wednesday.\n"
            "Hours before the summit, thousands of demonstrators rallied outside the embassy.")
    got = parsed_date(nlp, text, "rallied", published=date(2024, 1, 29))
    assert got.date == date(2024, 1, 28)


def test_a_lead_that_went_on_into_a_day_tells_of_the_day_before(nlp):
    text = ("A truce between the army and the rebels held through the night and into Thursday.\n"
            "Thousands poured into the streets to celebrate.")
    assert parsed_date(nlp, text, "celebrate").date == date(2024, 1, 24)


def test_what_a_participant_did_in_the_simple_past_is_at_the_time_of_the_act(nlp):
    text = ("The vice president convened an emergency meeting on Friday with leaders of five countries, "
            "who jointly condemned the launch and called on the government to stop its tests.")
    assert parsed_date(nlp, text, "condemned", published=date(2024, 1, 27)).date == date(2024, 1, 26)
    assert parsed_date(nlp, text, "called on", published=date(2024, 1, 27)).date == date(2024, 1, 26)


def test_what_a_participant_had_done_reaches_back_before_the_act(nlp):
    text = ("Talks ended in the capital on Saturday.\n"
            "The envoy met the ministers on Friday with the mediator, who had visited the border.")
    assert parsed_date(nlp, text, "visited", published=date(2024, 1, 27)).date != date(2024, 1, 26)


def test_an_event_noun_set_to_happen_is_dated_by_the_verb_of_happening(nlp):
    text = "Talks between the two sides are set to resume on Tuesday."
    assert parsed_date(nlp, text, "Talks", "future").date == date(2024, 1, 30)


def test_a_relative_clause_telling_when_an_event_noun_happened_dates_it(nlp):
    text = "The ceasefire, which took effect at midnight on Sunday, was broken within hours."
    assert parsed_date(nlp, text, "ceasefire").date == date(2024, 1, 21)


def test_an_event_an_act_is_part_of_takes_the_acts_date(nlp):
    text = "Russian paratroopers began arriving on Wednesday as part of a deployment of 2,500 troops."
    assert parsed_date(nlp, text, "deployment").date == date(2024, 1, 24)


def test_an_act_the_next_sentence_takes_up_as_the_decision_takes_its_date(nlp):
    text = ("The government has ordered the ambassador to leave the country within 48 hours. "
            "The decision was taken at a meeting of the defence council on Saturday, a spokesman said.")
    assert parsed_date(nlp, text, "ordered", published=date(2024, 1, 28)).date == date(2024, 1, 27)


def test_what_a_report_says_had_happened_takes_the_earlier_date_the_next_sentence_gives(nlp):
    text = ("The ministry confirmed on Thursday that police had detained two foreign journalists. "
            "The two journalists were taken into custody on Monday in separate cases.")
    assert parsed_date(nlp, text, "detained").date == date(2024, 1, 22)


def test_what_a_report_says_had_happened_takes_the_reports_date_when_nothing_says_more(nlp):
    text = ("The army said on Wednesday the country had been dragged into a war. "
            "The two journalists were taken into custody on Monday in separate cases.")
    assert parsed_date(nlp, text, "dragged").date == date(2024, 1, 24)


def test_an_event_noun_taken_up_again_keeps_the_date_of_its_first_mention(nlp):
    text = ("Militants carried out a suicide bombing in Kashmir on February 14, killing 40 police.\n"
            "India said Pakistan was behind the bombing.")
    got = parsed_date(nlp, text, "bombing", published=date(2024, 2, 26), occurrence=1)
    assert got.date == date(2024, 2, 14)



@pytest.mark.parametrize("lead, lead_day", [
    # "sworn in as Venezuela's president on Friday": "as" opens no clause there, so the
    # sanctions after it, dated by nothing of their own, take the lead's Friday
    ("Nicolas Maduro was sworn in for a third term as Venezuela's president on Friday.", True),
    # "as crowds sang on Friday": a clause, whose Friday is not the lead's day
    ("Maduro was sworn in for a third term as crowds sang on Friday.", False),
])
def test_a_lead_date_after_as_is_the_lead_s_day_only_when_as_opens_no_clause(nlp, lead, lead_day):
    text = lead + "\nBritain and the European Union imposed sanctions on 15 officials."
    got = parsed_date(nlp, text, "imposed", published=date(2025, 1, 20))
    assert (got.date == date(2025, 1, 17)) is lead_day


def test_hours_later_goes_on_from_the_last_day_of_the_story_not_a_day_that_dates_a_noun(nlp):
    text = ("Officers appeared on television before dawn on Wednesday, minutes after the commission "
            "declared Bongo the winner of Saturday's election.\n"
            "Hours later the junta named a general as transitional leader.")
    assert parsed_date(nlp, text, "named", published=date(2023, 8, 31)).date == date(2023, 8, 30)


def test_a_date_on_the_talks_a_light_verb_holds_dates_the_holding(nlp):
    # "on Thursday" hangs on "talks", the object "held" makes the act of; the lead's
    # Wednesday is the arrival's
    text = ("South Korea's president arrived in Hanoi on Wednesday for a state visit.\n"
            "The two leaders held talks on Thursday and witnessed the signing of 11 agreements.")
    assert parsed_date(nlp, text, "held", published=date(2024, 6, 20)).date == date(2024, 6, 20)


def test_a_simple_past_after_a_past_perfect_of_another_subject_is_not_at_its_date(nlp):
    # "had hosted him in May" tells a time before the clause joined to it
    text = ("Nawrocki won Poland's presidential election on Sunday.\n"
            "Trump had hosted Nawrocki at the White House in May, and Hungarian Prime Minister "
            "Viktor Orban congratulated him on his victory.")
    got = parsed_date(nlp, text, "congratulated", published=date(2025, 6, 2))
    assert got.date is not None and got.date.month == 6
    assert parsed_date(nlp, text, "hosted", published=date(2025, 6, 2)).date == date(2025, 5, 1)


@pytest.mark.parametrize("text, trigger, published, expected", [
    # a day in a past perfect clause is the background's, not the episode's
    ("Burkina Faso's junta said on Wednesday it had foiled a coup plot. Security Minister Mahamadou "
     "Sana said the plotters had planned to attack the presidency on April 16. Ivory Coast's "
     "government rejected the allegation as baseless.", "rejected", date(2025, 4, 24), date(2025, 4, 23)),
    # a day a plan was set for is no episode told ("talks planned for Sunday would not go ahead")
    ("Qatar said a new round of talks planned for Sunday in Doha would not take place. "
     "French President Emmanuel Macron warned Moscow not to escalate.", "warned", date(2025, 6, 13),
     date(2025, 6, 13)),
    # a day in a "since" clause is where a span began
    ("Israel has imposed a total siege on the territory since Hamas gunmen killed 1,300 people in "
     "southern Israel last Saturday. U.S. Secretary of State Antony Blinken met Saudi Crown Prince "
     "Mohammed bin Salman in Riyadh.", "met", date(2023, 10, 14), date(2023, 10, 14)),
])
def test_a_day_of_the_background_is_no_episode_the_next_sentence_goes_on_with(nlp, text, trigger, published,
                                                                              expected):
    assert parsed_date(nlp, text, trigger, published=published).date == expected


def test_a_day_between_a_verb_of_saying_and_the_content_s_subject_dates_the_saying(nlp):
    # the parser hangs "on Tuesday" on "withdraw"; the future act is not next Tuesday's
    text = "President Donald Trump said on Tuesday he would withdraw the United States from the deal."
    got = parsed_date(nlp, text, "withdraw", published=date(2018, 5, 9), modality="future")
    assert got.date == date(2018, 5, 8)


@pytest.mark.parametrize("text, trigger, published, expected", [
    # "a day after the president resigned and fled as crowds stormed his palace": the storming
    # is the fleeing's day (one set off by a comma may be the main clause's)
    ("Parliament was dissolved on Tuesday, a day after President Ali Bongo resigned and fled to Morocco "
     "as protesters stormed his palace.", "stormed", date(2024, 8, 7), date(2024, 8, 5)),
    # "roads linking the two Koreas last month": a lasting state takes no date; the parser hung
    # the blowing up's date (a month) on it
    ("North Korea denounced the broadcasts on Wednesday.\nPyongyang blew up roads and railways linking "
     "the two Koreas last month.", "blew up", date(2024, 11, 20), date(2024, 10, 1)),
    # "the militants who carried out the bombing on Thursday that killed 13": the parser hangs
    # "that killed" on the militants; the killing is the bombing's
    ("The United States vowed on Friday to hunt down the militants who carried out the bombing at the "
     "airport on Thursday that killed 13 soldiers.", "killed", date(2021, 8, 27), date(2021, 8, 26)),
    # "parliament was suspended until March 24": suspended now, to March
    ("Prime Minister Justin Trudeau announced on Monday that he would resign, and parliament was "
     "suspended until March 24.", "suspended", date(2025, 1, 8), date(2025, 1, 6)),
    # "starting on Thursday" tells when the drills start; the ban is not then (nor a week before)
    ("Nancy Pelosi met Taiwan's president in Taipei on Wednesday. China announced live-fire military "
     "drills in six zones around Taiwan starting on Thursday and banned imports of citrus fruit and fish "
     "from the island.", "banned", date(2022, 8, 3), date(2022, 8, 3)),
])
def test_a_date_the_parser_hangs_on_another_clause_or_a_span_s_end_is_not_the_act_s(nlp, text, trigger, published,
                                                                                    expected):
    assert parsed_date(nlp, text, trigger, published=published).date == expected



def test_a_participle_does_not_take_the_date_of_a_finite_verb_misjoined_to_it(nlp):
    # The parser joins "suspended" to "calling"; the calling is part of the announcing.
    text = ("Otieno announced the dusk-to-dawn curfew late on Thursday, calling the protests a planned "
            "insurrection backed by foreign powers, and on Friday suspended the activities of the parties, "
            "including the Transformers of Succes Masra.")
    friday = date(2024, 1, 26)
    assert parsed_date(nlp, text, "calling", published=friday).date == date(2024, 1, 25)
    assert parsed_date(nlp, text, "suspended", published=friday).date == friday
