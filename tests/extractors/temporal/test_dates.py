"""Temporal expressions resolved against the publication date, and the date of each event."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventetl.extractors.temporal.dates import EventDate, TemporalExpression, event_date, find_temporal_expressions

# A Thursday.
PUB = date(2024, 1, 25)


def values(text: str, published: date = PUB) -> list[tuple[str, str | None, str | None]]:
    return [(e.text, e.value, e.precision) for e in find_temporal_expressions(text, published)]


def only(text: str, published: date = PUB) -> TemporalExpression:
    found = find_temporal_expressions(text, published)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- written dates

@pytest.mark.parametrize("text, expected", [
    ("Iran's foreign minister will visit Pakistan on January 29.", ("January 29", "2024-01-29", "day")),
    ("The deal was signed on 29 January 2024 in Islamabad.", ("29 January 2024", "2024-01-29", "day")),
    ("Talks were held on Jan. 22 in Geneva.", ("Jan. 22", "2024-01-22", "day")),
    ("The attacks of Sept. 11, 2001 changed the region.", ("Sept. 11, 2001", "2001-09-11", "day")),
    ("The election is set for 2 May.", ("2 May", "2024-05-02", "day")),
    ("The ceasefire began on January 3rd.", ("January 3rd", "2024-01-03", "day")),
    ("The report is dated 2023-11-30.", ("2023-11-30", "2023-11-30", "day")),
    ("The plane was shot down on July 17, 2014, over Ukraine.", ("July 17, 2014", "2014-07-17", "day")),
    ("The Iran-Iraq war concluded in 1988.", ("1988", "1988", "year")),
    ("The negotiations opened in Havana in November 2012.", ("November 2012", "2012-11", "month")),
    ("The council approved the mission in January.", ("January", "2024-01", "month")),
    ("Fighting intensified in mid-January, officials said.", ("mid-January", "2024-01", "month")),
    ("The group took up arms again late last year.", ("late last year", "2023", "year")),
    ("In April last year, warships fired missiles at an air base.", ("April last year", "2023-04", "month")),
])
def test_written_dates_are_normalised(text, expected):
    assert values(text) == [expected]


def test_a_past_event_in_a_later_month_belongs_to_the_previous_year():
    assert values("The two sides clashed in December.") == [("December", "2023-12", "month")]
    assert values("Russia began air strikes in late September.", date(2024, 1, 5)) == \
        [("late September", "2023-09", "month")]


def test_a_future_event_in_an_earlier_month_belongs_to_the_next_year():
    assert values("The trial is due to start in March.", date(2024, 6, 1)) == [("March", "2025-03", "month")]
    assert values("The four would be tried starting next March.", date(2019, 6, 19)) == \
        [("next March", "2020-03", "month")]


def test_a_yearless_day_far_on_the_wrong_side_of_its_tense_changes_year():
    # Published early January: a past "December 28" is last year's.
    assert values("Protesters were arrested on December 28.", date(2024, 1, 4)) == \
        [("December 28", "2023-12-28", "day")]
    # A future "January 10" published in late December is next year's.
    assert values("The summit will open on January 10.", date(2023, 12, 20)) == \
        [("January 10", "2024-01-10", "day")]


def test_a_day_of_the_month_named_alone_is_in_the_month_its_tense_points_to():
    # Published on the 25th: a past 15th is this month's, a past 28th last month's.
    assert values("Cuba and China congratulated him on the 15th.") == [("the 15th", "2024-01-15", "day")]
    assert values("The rebels seized the town on the 28th, officials said.") == [("the 28th", "2023-12-28", "day")]
    # A 22nd still to come, or a 3rd still to come, lies ahead.
    assert values("The commission is expected to decide on the 29th.") == [("the 29th", "2024-01-29", "day")]
    assert values("The envoy will return on the 3rd of next month.")[0][:2] == ("the 3rd", "2024-02-03")
    assert values("The envoy was recalled on the 5th of last month.")[0][:2] == ("the 5th", "2023-12-05")


def test_an_ordinal_that_names_a_thing_is_no_day_of_the_month():
    assert values("Troops of the 5th Fleet marked the 20th anniversary of the 3rd Brigade.") == []
    assert values("The 21st century began with a war.") == []


def test_years_used_as_counts_or_numbers_are_not_dates():
    assert values("Some 2000 troops and 1,500 police were deployed under Resolution 1973.") == []
    assert values("Turnout rose 2010 percent.") == []


def test_a_year_range_gives_two_years():
    assert values("They fought a border war from 1998 to 2000.") == [("1998", "1998", "year"), ("2000", "2000", "year")]
    assert values("the swine flu pandemic of 2009-2010") == [("2009", "2009", "year"), ("2010", "2010", "year")]


def test_month_words_that_are_ordinary_words_are_not_months():
    assert values("Iran may retaliate, and protesters plan to march on the capital.") == []
    assert values("May God protect us, the cleric said.") == []
    assert values("The singer June Carter performed.") == []


# ---------------------------------------------------------------- relative dates

@pytest.mark.parametrize("text, expected", [
    ("The ministers will meet on Monday.", ("Monday", "2024-01-29", "day")),
    ("The ministers met on Monday.", ("Monday", "2024-01-22", "day")),
    ("The ministers met on Thursday.", ("Thursday", "2024-01-25", "day")),
    ("The ambassadors will return to work tomorrow.", ("tomorrow", "2024-01-26", "day")),
    ("Lawmakers approved the measure yesterday.", ("yesterday", "2024-01-24", "day")),
    ("Talks collapsed last night.", ("last night", "2024-01-24", "day")),
    ("The vote is due later today.", ("later today", "2024-01-25", "day")),
    ("The envoy was expelled last month.", ("last month", "2023-12", "month")),
    ("Elections will be held next year.", ("next year", "2025", "year")),
    ("Diplomats were expelled earlier this month.", ("earlier this month", "2024-01", "month")),
    ("The border was closed two days ago.", ("two days ago", "2024-01-23", "day")),
    ("The treaty was signed four years ago.", ("four years ago", "2020", "year")),
    ("The strike happened three months ago.", ("three months ago", "2023-10", "month")),
    ("They clashed last Tuesday.", ("last Tuesday", "2024-01-23", "day")),
    ("They will meet next Monday.", ("next Monday", "2024-01-29", "day")),  # the first Monday after
    ("The troops died in fighting on Monday night.", ("Monday night", "2024-01-22", "day")),
])
def test_relative_dates_resolve_against_publication(text, expected):
    assert values(text) == [expected]


def test_a_future_clause_resolves_a_weekday_forwards_even_after_a_past_verb():
    assert values("Biden said he would convene the G7 leaders on Sunday.") == [("Sunday", "2024-01-28", "day")]
    assert values("The two officers are due to speak again on Monday.") == [("Monday", "2024-01-29", "day")]


@pytest.mark.parametrize("text", [
    "Relations have recently improved.",
    "Earlier, the two countries exchanged fire.",
    "Officials met last week to discuss the border.",
    "Kenya will send troops in the coming weeks.",
    "The envoy was summoned this week.",
])
def test_vague_times_are_found_without_a_date(text):
    e = only(text)
    assert e.value is None and e.precision is None


def test_as_soon_as_is_not_a_time():
    assert values("Both sides agreed to cool the situation down as soon as possible.") == []


def test_anaphoric_days_take_the_day_last_mentioned():
    text = "Kim flew into the city on Sunday and met the prime minister the same evening. " \
           "The next day he toured the port."
    assert values(text) == [("Sunday", "2024-01-21", "day"), ("the same evening", "2024-01-21", "day"),
                            ("The next day", "2024-01-22", "day")]


@pytest.mark.parametrize("text, expected", [
    ("The army seized the capital on Sunday. The following day, rebels attacked the airport.",
     ("The following day", "2024-01-22", "day")),
    ("The army seized the capital on Sunday. The previous day, rebels attacked the airport.",
     ("The previous day", "2024-01-20", "day")),
    ("The army seized the capital on Sunday. Two days later, rebels attacked the airport.",
     ("Two days later", "2024-01-23", "day")),
    ("Poland said on Sunday that a missile had struck a village the previous evening.",
     ("the previous evening", "2024-01-20", "day")),
    ("The army seized the capital on Sunday. The following night, rebels attacked the airport.",
     ("The following night", "2024-01-22", "day")),
    ("The army seized the capital on Sunday and rebels attacked the airport a day later.",
     ("a day later", "2024-01-22", "day")),
    ("The army seized the capital on Sunday. A week earlier, rebels had attacked the airport.",
     ("A week earlier", "2024-01-14", "day")),
])
def test_counts_of_days_later_or_earlier_are_counted_from_the_day_last_mentioned(text, expected):
    assert values(text)[-1] == expected


@pytest.mark.parametrize("text", [
    "Jammeh spoke on Friday about the January 10 vote. A week earlier, he had conceded defeat.",
    "Jammeh spoke on Friday about Wednesday's election. A week earlier, he had conceded defeat.",
])
def test_a_count_passes_over_a_day_that_names_a_thing(text):
    # the vote's day is when the vote is, not a day the story has reached
    assert values(text)[-1] == ("A week earlier", "2024-01-12", "day")


def test_counts_of_months_later_or_with_no_day_before_them_say_too_little():
    assert only("Months later, the rebels attacked the airport.").value is None
    assert only("Two days later, the rebels attacked the airport.").value is None


def test_hours_ago_is_the_news_day_and_hours_after_another_event_counts_from_it():
    assert values("The rebels attacked the airport two hours ago.") == [("two hours ago", "2024-01-25", "day")]
    assert values("Hours after the launch, jets staged a drill.") == [("Hours after", None, None)]


def test_offsets_slice_the_text_exactly_and_as_json_has_the_cli_fields():
    text = "On Monday, Iran said it would retaliate.\nIn 1988 the war ended; talks resume on 3 March."
    found = find_temporal_expressions(text, PUB)
    assert [e.text for e in found] == ["Monday", "1988", "3 March"]
    for e in found:
        assert text[e.start:e.end] == e.text
        assert e.as_json() == {"start": e.start, "end": e.end, "text": e.text,
                               "value": e.value, "precision": e.precision}
    assert [e.basis for e in found] == ["relative", "explicit", "explicit"]


def test_text_without_dates_gives_nothing():
    assert find_temporal_expressions("Pakistan and Iran aim to remove the misunderstandings.", PUB) == []
    assert find_temporal_expressions("", PUB) == []


# ---------------------------------------------------------------- event dates

def date_of(text: str, trigger: str, modality: str = "asserted", published: date = PUB) -> EventDate:
    start = text.index(trigger)
    return event_date(text, find_temporal_expressions(text, published), 0, len(text),
                      start, start + len(trigger), published, modality)


def dated_in(text: str, sentence_opening: str, trigger: str, published: date) -> EventDate:
    """The date `event_date` gives `trigger` in the sentence that opens with `sentence_opening`
    (read by word order; the sentence ends at its first full stop)."""
    start = text.index(sentence_opening)
    at = text.index(trigger, start)
    return event_date(text, find_temporal_expressions(text, published), start, text.index(".", at) + 1,
                      at, at + len(trigger), published, "asserted")


def test_an_event_takes_the_date_of_its_own_clause():
    got = date_of("Iran's foreign minister will visit Pakistan on January 29.", "visit", "future")
    assert got == EventDate(date(2024, 1, 29), "day", "explicit", "January 29")


def test_a_date_behind_a_clause_boundary_does_not_date_the_event():
    text = "Pakistan recalled its envoy, which it had sent to Tehran in 2019."
    assert date_of(text, "recalled").date == PUB
    assert date_of(text, "recalled").basis == "publication"


def test_a_date_inside_a_closed_relative_clause_dates_that_clause_only():
    text = "The talks, which began on Monday, ended without agreement."
    assert date_of(text, "began").date == date(2024, 1, 22)
    assert date_of(text, "ended").date == PUB


def test_of_two_coordinated_verbs_each_takes_its_own_date():
    text = "Pelosi arrived in Taipei late on Tuesday and met President Tsai on Wednesday."
    assert date_of(text, "arrived").date == date(2024, 1, 23)
    assert date_of(text, "met").date == date(2024, 1, 24)


def test_a_clause_opened_by_the_date_shares_it():
    text = "The fighting erupted on Wednesday, when India struck camps across the border."
    assert date_of(text, "struck").date == date(2024, 1, 24)
    text = "Trump said in an interview on Tuesday that he could intervene in the case."
    assert date_of(text, "intervene").date == date(2024, 1, 23)


def test_a_day_after_another_event_is_counted_back_from_the_main_clause():
    text = "Tariffs took effect on Tuesday, a day after Beijing announced them."
    assert date_of(text, "took effect").date == date(2024, 1, 23)
    assert date_of(text, "announced").date == date(2024, 1, 22)


def test_a_week_after_an_undated_event_leaves_both_undated():
    text = "This announcement came a week after Iran carried a strike inside Pakistan."
    assert date_of(text, "strike").date is None
    assert date_of(text, "came").date is None


def test_a_vague_time_leaves_the_event_undated():
    got = date_of("The two countries recently agreed to reopen embassies.", "agreed")
    assert got.date is None and got.basis == "relative"


def test_a_year_before_a_noun_dates_that_noun_not_the_verb():
    text = "Ethiopia announced last month that it would accept a 2002 ruling by the commission."
    assert date_of(text, "accept").date == date(2023, 12, 1)
    assert date_of(text, "accept").precision == "month"


def test_an_undated_sentence_takes_the_day_of_the_lead():
    text = ("Colombia and the FARC signed a ceasefire in Havana on Thursday.\n"
            "The two leaders shook hands at a ceremony attended by the UN chief.")
    got = date_of(text, "shook hands", published=date(2016, 6, 24))
    assert got.date == date(2016, 6, 23) and got.basis == "relative"


def test_a_lead_naming_no_time_tells_of_the_day_the_next_sentences_name():
    text = ("The government has imposed a curfew after security forces killed 50 protesters, the "
            "prime minister said.\n"
            "Thousands of demonstrators took to the streets of the capital on Thursday. Police fired tear gas.")
    friday = date(2022, 10, 21)
    assert dated_in(text, "The government", "imposed", friday).date == date(2022, 10, 20)
    # A lead with a day of its own keeps it; a day far back is background, not the news.
    dated_lead = text.replace("has imposed a curfew", "imposed a curfew on Friday")
    assert dated_in(dated_lead, "The government", "imposed", friday).date == friday
    old_news = text.replace("on Thursday", "on September 2")
    assert dated_in(old_news, "The government", "imposed", friday).date == friday


def test_an_undated_sentence_goes_on_with_the_day_its_paragraph_last_named():
    # The lead is Saturday's news; the paragraph tells Thursday's episode.
    text = ("The army named an interim leader on Saturday.\n"
            "Crowds poured into the capital on Thursday. Protesters stormed the parliament.\n"
            "Police said they arrested dozens. Officers detained two more.")
    published = date(2014, 11, 1)  # a Saturday
    expressions = find_temporal_expressions(text, published)

    def dated(trigger: str) -> EventDate:
        start = text.index(trigger)
        sentence = text.rfind(".", 0, start) + 2
        return event_date(text, expressions, sentence, len(text), start, start + len(trigger),
                          published, "asserted")

    assert dated("stormed").date == date(2014, 10, 30)
    # a new paragraph with no day of its own goes on with the episode just told
    assert dated("arrested").date == date(2014, 10, 30)
    assert dated("detained").date == date(2014, 10, 30)


def test_the_day_a_span_began_is_no_episode_an_undated_sentence_goes_on_with():
    # "since Thursday evening" tells where a count began; the next sentence is Friday's news.
    text = ("Russian drones struck an apartment building overnight, officials said on Friday. "
            "The air force said Russia had launched 140 drones since Thursday evening. "
            "The president called the attack a war crime.")
    assert dated_in(text, "The president", "called", date(2025, 2, 14)).date == date(2025, 2, 14)  # a Friday


def test_a_new_paragraph_goes_back_to_the_lead_after_a_day_of_the_background():
    # A day more than a week old is background: the paragraph after it is news again.
    text = ("The army named an interim leader on Saturday.\n"
            "Crowds first poured into the capital on October 3.\n"
            "Police arrested dozens.")
    published = date(2014, 11, 1)  # a Saturday
    start = text.index("arrested")
    got = event_date(text, find_temporal_expressions(text, published), text.index("Police"), len(text),
                     start, start + len("arrested"), published, "asserted")
    assert got.date == date(2014, 11, 1)


@pytest.mark.parametrize("text, opening, trigger, published, expected", [
    # "had arrested ... on Tuesday" is background to the hearing the lead reports
    ("The former premier pleaded not guilty to corruption charges on Wednesday.\n"
     "Officers had arrested him at his home on Tuesday afternoon.\n"
     "The judge granted him bail and ordered him to surrender his passport.",
     "The judge", "ordered", date(2018, 7, 4), date(2018, 7, 4)),
    # a sentence set at an earlier event takes the day of that event
    ("The president resigned on Wednesday.\n"
     "The two rivals held a televised meeting on Sunday.\n"
     "Police detained dozens of protesters on Monday.\n"
     "At that meeting, the president accused the opposition of blackmail.",
     "At that", "accused", date(2018, 4, 25), date(2018, 4, 22)),
    # ... and at the lead's own event, the lead's day
    ("The two neighbours signed a peace declaration on Monday.\n"
     "The prime minister arrived in the capital on Sunday.\n"
     "In the declaration, the neighbours agreed to reopen their embassies.",
     "In the", "agreed", date(2018, 7, 9), date(2018, 7, 9)),
])
def test_a_sentence_goes_on_with_the_episode_it_is_set_in_not_the_background(text, opening, trigger, published,
                                                                              expected):
    assert dated_in(text, opening, trigger, published).date == expected


def test_a_day_still_to_come_in_the_paragraph_does_not_date_what_follows():
    text = ("Talks ended on Saturday.\n"
            "The envoys will meet again on Friday. The rebels attacked a convoy.")
    published = date(2024, 3, 4)  # a Monday
    start = text.index("attacked")
    got = event_date(text, find_temporal_expressions(text, published), text.index("The rebels"), len(text),
                     start, start + len("attacked"), published, "asserted")
    assert got.date == date(2024, 3, 2) and got.text == "Saturday"  # the lead's day, not Friday


def test_the_paragraph_day_passes_over_a_day_that_dates_a_noun_and_a_year_still_to_come():
    published = date(2014, 11, 1)  # a Saturday
    text = ("The army named an interim leader on Saturday.\n"
            "The president extended the curfew imposed after Thursday's riots. He also called on "
            "the opposition to talk.\n"
            "Crowds marched on Thursday as lawmakers met to let him run again in 2015. "
            "Protesters stormed the parliament.")
    expressions = find_temporal_expressions(text, published)

    def dated(trigger: str, sentence_opening: str) -> EventDate:
        start = text.index(trigger)
        return event_date(text, expressions, text.index(sentence_opening), text.index(".", start) + 1, start,
                          start + len(trigger), published, "asserted")

    assert dated("called on", "He also").date == date(2014, 11, 1)  # the lead's, not the riots'
    assert dated("stormed", "Protesters").date == date(2014, 10, 30)


def test_a_calendar_date_a_plan_is_made_for_lies_ahead_whatever_the_verb_tense():
    # published 2019-10-01: "called elections for January 26" is next January, not last
    text = "Vizcarra dissolved Congress and called fresh elections for January 26."
    got = find_temporal_expressions(text, date(2019, 10, 1))
    assert [(e.text, e.value) for e in got] == [("January 26", "2020-01-26")]


def test_a_tense_cue_in_a_reported_clause_does_not_set_the_weekday_of_the_report():
    # "would" belongs to the clause "that ..."; the telling was last Saturday (PUB: Thursday)
    text = "Biden told Israeli Prime Minister Benjamin Netanyahu on Saturday that the US would not join."
    assert values(text) == [("Saturday", "2024-01-20", "day")]


def test_an_initialism_in_the_lead_does_not_end_it():
    # "U.N. Human Rights Council": the full stops of "U.N." do not end the lead before its day
    text = ("The U.N. Human Rights Council on Thursday rejected a motion on Xinjiang.\n"
            "China's envoy welcomed the vote.")
    published = date(2022, 10, 7)
    second = text.index("China's")
    start = text.index("welcomed")
    got = event_date(text, find_temporal_expressions(text, published), second, len(text),
                     start, start + len("welcomed"), published, "asserted")
    assert got.date == date(2022, 10, 6) and got.basis == "relative"


def test_with_no_date_anywhere_the_event_takes_the_publication_date():
    got = date_of("Pakistan and Iran jointly announced the return of their ambassadors.", "announced")
    assert got == EventDate(PUB, "day", "publication", None)


def test_a_future_event_on_a_bare_weekday_is_not_put_in_the_past():
    # No tense cue in the clause; the event's modality says it is still to come.
    got = date_of("Talks between the two sides on Monday.", "Talks", "future")
    assert got.date == date(2024, 1, 29)


def test_may_the_name_and_mar_the_place_are_not_months():
    assert values("Macron spoke to May by phone.") == []
    assert values("The ship docked in Mar del Plata.") == []
    assert values("Parliament will vote in May.") == [("May", "2024-05", "month")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("aeMJ ,.-0123456789\n") + [
    "May ", "January ", "Monday ", "last ", "next ", "ago ", "days ", "in ", "the ", "year ", "2019 ",
    "29 ", "Feb. ", "the day before ", "will ", "mid-"]), max_size=40).map("".join))
def test_any_text_gives_well_formed_expressions(text):
    for e in find_temporal_expressions(text, PUB):
        assert text[e.start:e.end] == e.text
        assert (e.value is None) == (e.precision is None)
        if e.value is not None:
            assert e.as_date() is not None


def _date_of_linked(text: str, published: date, link: str, trigger: str):
    """The date of the last sentence's event, which opens with the narrative link `link`."""
    start = text.index(trigger)
    return event_date(text, find_temporal_expressions(text, published), text.index(link), len(text),
                      start, start + len(trigger), published, "asserted")


def test_a_sentence_opening_within_hours_takes_the_last_past_day_named_before_it():
    # Saturday lies before publication, Friday after it: the link points to Saturday.
    text = ("The two sides agreed on Saturday to stop firing. Their officers will speak again "
            "on Friday. Within hours, however, the minister accused the rebels of violations.")
    got = _date_of_linked(text, date(2024, 3, 4), "Within", "accused")  # published on a Monday
    assert got.date == date(2024, 3, 2) and got.text == "Saturday"


def test_a_day_told_in_a_relative_clause_is_no_day_a_later_link_points_to():
    # "who visited Beirut on Monday" is background told aside; "Hours later" goes on from
    # the lead's Tuesday.
    text = ("Israel launched a ground operation into Lebanon on Tuesday. France's foreign minister, "
            "who visited Beirut on Monday, opposed it. Hours later, Iran fired missiles at Israel.")
    got = _date_of_linked(text, date(2024, 10, 2), "Hours", "fired")  # published on a Wednesday
    assert got.date == date(2024, 10, 1)


def test_a_relative_clause_telling_when_an_event_noun_was_planned_dates_it():
    got = date_of("The minister called off a meeting with his counterpart, Ahmed Khan, that had been "
                  "planned for Thursday.", "meeting", "negated", published=date(2024, 3, 8))
    assert got.date == date(2024, 3, 7)


def test_an_event_weeks_before_the_news_takes_the_past_date_of_its_sentence():
    got = date_of("The summit came weeks after the government freed two detainees, who were flown "
                  "home last month.", "freed", published=date(2024, 3, 8))
    assert (got.date, got.precision) == (date(2024, 2, 1), "month")


def test_an_event_noun_takes_the_date_the_next_sentence_gives_when_it_takes_the_noun_up():
    text = ("The president has called off a state visit to Denmark. The two-day visit, at the "
            "invitation of the queen, was due to begin on September 2.")
    start = text.index("visit")
    got = event_date(text, find_temporal_expressions(text, date(2019, 8, 21)), 0, text.index(" The two-day"),
                     start, start + len("visit"), date(2019, 8, 21), "negated")
    assert got.date == date(2019, 9, 2)


def test_a_next_sentence_about_another_noun_does_not_date_the_event():
    # (not the lead: an undated lead tells of the day the next sentences name)
    text = ("Tension is rising in the north. The army has announced a visit to the border. "
            "The ministry said on Monday it would help.")
    start = text.index("visit")
    got = event_date(text, find_temporal_expressions(text, date(2024, 3, 8)), text.index("The army"),
                     text.index(" The ministry"),
                     start, start + len("visit"), date(2024, 3, 8), "asserted")
    assert got.date == date(2024, 3, 8) and got.basis == "publication"


@pytest.mark.parametrize("text, expected", [
    ("Police detained 20 activists on the eve of Sunday's election.", ("Sunday", "2024-01-20", "day")),
    ("Police detained 20 activists on the eve of the January 21 vote.", ("January 21", "2024-01-20", "day")),
])
def test_the_eve_of_a_day_is_the_day_before_it(text, expected):
    assert values(text)[-1] == expected


def test_an_abbreviation_does_not_end_the_clause_whose_tense_resolves_a_weekday():
    # "vetoed ... at the U.N. Security Council on Friday that would have called": the
    # full stop of "U.N." ends no sentence, so the past "vetoed" still dates Friday backwards
    text = "Russia vetoed a U.S.-drafted resolution at the U.N. Security Council on Friday that would have called for a ceasefire."
    assert values(text) == [("Friday", "2024-01-19", "day")]


def test_a_day_named_by_the_possessive_that_opens_a_sentence_dates_the_paragraph_after_it():
    # "Friday's marches were peaceful": the paragraph tells Friday's episode, while a
    # possessive day inside a sentence ("condemned Thursday's riots") dates only its noun.
    published = date(2019, 3, 9)  # a Saturday
    text = ("The government closed the universities on Saturday.\n"
            "Friday's marches were largely peaceful. Police fired tear gas near the palace.\n"
            "The minister condemned Thursday's riots. Police fired tear gas at students.")
    assert dated_in(text, "Police fired tear gas near", "fired", published).date == date(2019, 3, 8)
    assert dated_in(text, "Police fired tear gas at", "fired", published).date == date(2019, 3, 9)  # the lead's


def test_a_day_after_counts_back_from_the_day_an_undated_main_clause_goes_on_with():
    # The second sentence names no day: the scrapping is the lead's Sunday, so the
    # announcement "a day after" which it came is Saturday.
    published = date(2017, 2, 5)  # a Sunday
    text = ("Romania's government on Sunday repealed an emergency decree.\n"
            "The cabinet scrapped the ordinance at a meeting, a day after the prime minister announced "
            "the U-turn.")
    got = dated_in(text, "The cabinet", "announced", published)
    assert got.date == date(2017, 2, 4) and got.text == "a day after"


def test_a_weekday_between_a_past_verb_and_a_future_one_takes_the_verb_it_follows():
    # "said on Friday it would send": the saying was last Friday, not the coming one
    published = date(2015, 12, 19)  # a Saturday
    text = "The African Union said on Friday it would send troops to Burundi."
    friday = next(e for e in find_temporal_expressions(text, published) if e.text == "Friday")
    assert friday.as_date() == date(2015, 12, 18)
    text = "The African Union will decide on Friday whether it sent enough troops."
    friday = next(e for e in find_temporal_expressions(text, published) if e.text == "Friday")
    assert friday.as_date() == date(2015, 12, 25)



@pytest.mark.parametrize("text", [
    "On Sunday and Monday, tanks pounded rebel positions.",
    "Tanks pounded rebel positions from Sunday to Tuesday.",
])
def test_an_event_told_over_a_span_of_days_is_dated_by_its_first_day(text):
    assert dated_in(text, text[:4], "pounded", date(2016, 7, 12)).date == date(2016, 7, 10)  # Sunday
