"""Is a story one country's own affairs? Given its actor mentions and sentence bounds."""
from eventetl.extractors.actors.mentions import Actor
from eventetl.extractors.actors.reference import is_domestic


def mention(country: str, at: int) -> Actor:
    return Actor(country, country, "GOV", "agent+country", at, at + 1)


def test_one_foreign_voice_named_three_ways_in_one_sentence_counts_once():
    # sentences start at tokens 0, 10, 20, 30: Kenya in three of them, the United States
    # named three times ("Secretary of State", "Blinken", "Washington") in the last
    actors = [mention("KEN", 1), mention("KEN", 12), mention("KEN", 22),
              mention("USA", 31), mention("USA", 33), mention("USA", 36)]
    assert is_domestic(actors, "KEN", [0, 10, 20, 30])
    assert not is_domestic(actors, "KEN")  # counted per mention, the voice outweighs


def test_a_story_between_two_countries_named_as_often_is_not_domestic():
    actors = [mention("KEN", 1), mention("UGA", 3), mention("KEN", 12), mention("UGA", 14),
              mention("KEN", 22), mention("UGA", 24)]
    assert not is_domestic(actors, "KEN", [0, 10, 20])


def test_the_home_country_is_the_one_named_in_most_sentences_not_most_often():
    from eventetl.extractors.actors.reference import home_country
    # Niger named in three sentences; the United States three times in the one sentence
    # that reports its reaction
    actors = [mention("NER", 1), mention("NER", 12), mention("NER", 22),
              mention("USA", 31), mention("USA", 33), mention("USA", 36), mention("USA", 38)]
    assert home_country(actors, None, 0, [0, 10, 20, 30]) == "NER"
