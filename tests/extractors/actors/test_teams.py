"""Given an article's words, is it a sports report (its country names teams)?"""
from eventetl.extractors.actors.mentions import Actor
from eventetl.extractors.actors.teams import is_sports_report, is_team


def words(text: str) -> list[str]:
    return text.lower().replace(".", " ").replace(",", " ").split()


def test_a_match_report_with_a_score_a_coach_and_a_stadium_is_a_sports_report():
    text = "France beat Germany 2-1 at the stadium. The coach praised the goalkeeper."
    assert is_sports_report(words(text), text)


def test_a_political_story_with_one_sports_word_is_not():
    text = ("Iran and Pakistan agreed to restore ambassadors. The talks were a match of wills, "
            "and the Arab League welcomed the deal by a 5-4 vote.")
    assert not is_sports_report(words(text), text)


def test_only_bare_country_mentions_are_teams():
    assert is_team(Actor("Germany", "DEU", None, "country", 0, 1))
    assert is_team(Actor("French", "FRA", None, "demonym", 0, 1))
    assert not is_team(Actor("German police", "DEU", "COP", "agent+country", 0, 2))
