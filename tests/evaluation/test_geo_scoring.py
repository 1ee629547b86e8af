"""The geoparsing scorer: overlap-based recognition and accuracy within 161 km."""
from __future__ import annotations

import pytest

from conftest import SHARED, needs_shared
from eventetl.evaluation.geo import GeoScore, GoldArticle, GoldToponym, read_corpus, score_article, score_corpus
from eventetl.extractors.places.places import PlaceMention

GEOPARSING = SHARED / "eval" / "external" / "geoparsing"
TR_NEWS = GEOPARSING / "TR-News.xml"
GEOVIRUS = GEOPARSING / "GeoVirus.xml"


def mention(start: int, end: int, lat: float, lon: float, country: str = "TUR") -> PlaceMention:
    return PlaceMention(start, end, "x" * (end - start), "X", country, lat, lon, None, "city")


def test_overlap_hit_distance_and_country_are_counted():
    gold = GoldArticle("A Turkish man in Ankara.", (
        GoldToponym(2, 9, "Turkish", 39.0, 35.0, "TUR"),
        GoldToponym(17, 23, "Ankara", 39.92, 32.85, "TUR"),
    ))
    predicted = [
        mention(2, 9, 39.0, 35.0),                   # exact: hit, 0 km
        mention(17, 23, 41.0, 29.0),                 # Istanbul's point: hit, ~350 km off
        mention(12, 15, 0.0, 0.0, "XXX"),            # "man": a false place
    ]
    score = GeoScore()
    score_article(gold, predicted, score)
    assert (score.gold, score.predicted, score.predicted_hits, score.recalled) == (2, 3, 2, 2)
    assert score.precision == pytest.approx(2 / 3) and score.recall == 1.0
    assert score.f1 == pytest.approx(0.8)
    assert (score.resolvable, score.within_161km) == (2, 1)
    assert score.accuracy_161km == 0.5
    assert score.country_accuracy == 1.0


def test_a_prediction_overlapping_only_part_of_a_toponym_recalls_it():
    gold = GoldArticle("the Republic of Turkey", (GoldToponym(4, 22, "Republic of Turkey", 39.0, 35.0, "TUR"),))
    score = GeoScore()
    score_article(gold, [mention(16, 22, 39.0, 35.0)], score)
    assert score.recall == 1.0 and score.accuracy_161km == 1.0


def test_a_missed_toponym_costs_recall_not_accuracy():
    gold = GoldArticle("in Ankara", (GoldToponym(3, 9, "Ankara", 39.92, 32.85, "TUR"),))
    score = GeoScore()
    score_article(gold, [], score)
    assert score.recall == 0.0 and score.resolvable == 0 and score.accuracy_161km == 0.0


@needs_shared(TR_NEWS)
def test_reads_tr_news_offsets_that_slice_the_phrase():
    articles = read_corpus(TR_NEWS, limit=2)
    assert len(articles) == 2
    for article in articles:
        assert article.toponyms
        for t in article.toponyms:
            assert article.text[t.start:t.end] == t.phrase


@needs_shared(TR_NEWS)
def test_two_tr_news_articles_score_sanely():
    score = score_corpus(TR_NEWS, limit=2)
    assert score.articles == 2 and score.gold > 10
    # Two articles about Turkey, Russia and Syria: most toponyms are countries,
    # demonyms and big cities, which the gazetteer must find and place.
    assert score.precision > 0.7 and score.recall > 0.7
    assert score.accuracy_161km > 0.8
    assert score.country_accuracy is not None and score.country_accuracy > 0.9
    assert "accuracy@161km" in score.summary()


@needs_shared(GEOVIRUS)
def test_reads_geovirus_locations():
    articles = read_corpus(GEOVIRUS, limit=3)
    assert len(articles) == 3
    assert all(t.latitude is not None for a in articles for t in a.toponyms)
    assert all(t.country is None for a in articles for t in a.toponyms)


def test_a_recognised_toponym_given_no_point_counts_as_wrong():
    gold = GoldArticle("in Ankara", (GoldToponym(3, 9, "Ankara", 39.92, 32.85, "TUR"),))
    unplaced = PlaceMention(3, 9, "Ankara", "Ankara", "TUR", None, None, None, "city")
    score = GeoScore()
    score_article(gold, [unplaced], score)
    assert (score.recalled, score.resolvable, score.within_161km, score.unplaced) == (1, 1, 0, 1)
    assert score.accuracy_161km == 0.0
    assert score.country_accuracy == 1.0
    assert "given no point" in score.summary()


def test_town_level_accuracy_is_a_labelled_supplement():
    gold = GoldArticle("Turkey and Ankara", (
        GoldToponym(0, 6, "Turkey", 39.0, 35.0, "TUR"),
        GoldToponym(11, 17, "Ankara", 39.92, 32.85, "TUR"),
    ))
    predicted = [
        PlaceMention(0, 6, "Turkey", "Turkey", "TUR", 41.0, 29.0, None, "country"),   # ~540 km off
        mention(11, 17, 39.92, 32.85),
    ]
    score = GeoScore()
    score_article(gold, predicted, score)
    assert score.accuracy_161km == 0.5
    assert (score.below_country, score.below_country_within) == (1, 1)
    assert "[supplementary] accuracy@161km over the 1 resolved to a town or division: 1.000" in score.summary()
