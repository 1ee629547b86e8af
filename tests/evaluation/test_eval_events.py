"""The scorer follows GUIDELINES.md: root + dyad matching, one to one, optional and repeated mentions."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from eventetl.evaluation.events import evaluate, format_report, score_article, summarise
from eventetl.evaluation.gold import load_gold, parse_gold_event, GoldArticle


@dataclass
class Pred:
    event_code: str
    actor1_country: str | None
    actor2_country: str | None
    modality: str = "asserted"
    event_date: date | None = None
    location_country: str | None = None
    trigger: str = "t"
    sentence: str = "s"
    rule_id: str = "r"


def gold_event(**kw) -> dict:
    base = {"id": "e", "sentence": "s", "trigger": "t", "code": ["042"], "actor1": ["IRN"],
            "actor2": ["PAK"], "symmetric": False, "date": None, "date_precision": None,
            "location": [], "modality": "asserted", "optional": False}
    base.update(kw)
    return base


def article_of(*events: dict) -> GoldArticle:
    return GoldArticle("a.txt", date(2024, 1, 25), tuple(parse_gold_event(e) for e in events))


def test_root_and_dyad_match_and_full_code_accuracy():
    gold = article_of(gold_event(code=["042", "043"]))
    res = score_article(gold, [Pred("040", "IRN", "PAK")])
    report = summarise([res])
    assert (report.precision, report.recall, report.code_accuracy) == (1.0, 1.0, 0.0)


def test_symmetric_gold_matches_either_order_and_null_means_none_is_acceptable():
    gold = article_of(gold_event(symmetric=True), gold_event(id="e2", code=["111"], actor2=["USA", None]))
    res = score_article(gold, [Pred("042", "PAK", "IRN"), Pred("111", "IRN", None)])
    assert res.n_matched == 2 and not res.false_alarms


def test_asymmetric_gold_rejects_the_reversed_dyad():
    res = score_article(article_of(gold_event()), [Pred("042", "PAK", "IRN")])
    assert res.n_matched == 0 and len(res.false_alarms) == 1 and len(res.misses) == 1


def test_repeated_mentions_and_optional_events_do_not_count_against_precision():
    gold = article_of(gold_event(), gold_event(id="o", code=["190"], optional=True))
    preds = [Pred("042", "IRN", "PAK"), Pred("042", "IRN", "PAK"), Pred("190", "IRN", "PAK"),
             Pred("120", "IRN", "PAK")]
    report = summarise([score_article(gold, preds)])
    assert (report.n_matched, report.n_counted_pred, report.n_gold) == (1, 2, 1)
    assert report.precision == 0.5 and report.recall == 1.0


def test_matching_is_one_to_one_and_maximal():
    # The first prediction could take either gold event; the best matching still uses both.
    gold = article_of(gold_event(actor1=["IRN", "PAK"], actor2=["PAK", "IRN"]), gold_event(id="e2"))
    preds = [Pred("042", "IRN", "PAK"), Pred("042", "PAK", "IRN")]
    assert score_article(gold, preds).n_matched == 2


def test_date_location_and_modality_accuracy_on_matched_events():
    gold = article_of(gold_event(date="2024-01-29", location=["PAK"], modality="future"),
                      gold_event(id="e2", code=["111"]))
    preds = [Pred("042", "IRN", "PAK", "future", date(2024, 1, 29), "PAK"),
             Pred("111", "IRN", "PAK", "negated", None, "IRN")]
    report = summarise([score_article(gold, preds)])
    assert report.date_accuracy == 1.0 and report.n_date_scored == 1
    assert report.location_accuracy == 0.5  # gold [] wants no location
    assert report.modality_accuracy == 0.5


def test_evaluate_reads_files_and_reports(tmp_path):
    (tmp_path / "arts").mkdir()
    (tmp_path / "arts" / "a.txt").write_text(" date 2024-01-25 ISLAMABAD - Iran will visit Pakistan.\n")
    (tmp_path / "gold.jsonl").write_text(json.dumps({"article": "a.txt", "published": "2024-01-25",
                                                     "events": [gold_event()]}) + "\n")
    assert len(load_gold(tmp_path / "gold.jsonl")) == 1
    report = evaluate(tmp_path / "arts", tmp_path / "gold.jsonl",
                      extract_fn=lambda art: [Pred("042", "IRN", "PAK")])
    assert report.f1 == 1.0
    text = format_report(report, verbose=True)
    assert "F1 100.0%" in text


def test_missing_article_file_counts_as_misses(tmp_path):
    (tmp_path / "gold.jsonl").write_text(json.dumps({"article": "gone.txt", "published": "2024-01-25",
                                                     "events": [gold_event()]}) + "\n")
    report = evaluate(tmp_path, tmp_path / "gold.jsonl", extract_fn=lambda art: [])
    assert report.recall == 0.0 and report.missing_articles == ["gone.txt"]
    assert "MISS" in format_report(report, verbose=True)


def test_a_gold_event_is_matched_to_the_mention_from_its_own_sentence_first():
    # Two mentions of one event: the one from the gold sentence is the match, so date,
    # location and modality are judged on it; the other is a repeated mention.
    gold = article_of(gold_event(sentence="Iran's minister will visit Pakistan on Monday",
                                 date="2024-01-29", modality="future"))
    preds = [Pred("043", "IRN", "PAK", "asserted", None, sentence="The visit was announced."),
             Pred("042", "IRN", "PAK", "future", date(2024, 1, 29),
                  sentence="Iran's minister will visit Pakistan on Monday.")]
    result = score_article(gold, preds)
    assert result.matched[0][1] is preds[1]
    assert (result.n_matched, result.n_counted_pred) == (1, 1)
    report = summarise([result])
    assert report.date_accuracy == 1.0 and report.modality_accuracy == 1.0


def test_two_acts_of_one_sentence_are_paired_by_their_triggers():
    # "suspended ... on Thursday, a day after it froze trade": same code, same dyad, two
    # days; each gold event is judged against the prediction read from its own trigger.
    sentence = "Pakistan suspended a train service on Thursday, a day after it froze trade."
    gold = article_of(gold_event(id="e1", sentence=sentence, trigger="suspended", code=["160"],
                                 actor1=["PAK"], actor2=["IND"], date="2019-08-08"),
                      gold_event(id="e2", sentence=sentence, trigger="froze trade", code=["160"],
                                 actor1=["PAK"], actor2=["IND"], date="2019-08-07"))
    preds = [Pred("160", "PAK", "IND", event_date=date(2019, 8, 8), trigger="suspended", sentence=sentence),
             Pred("160", "PAK", "IND", event_date=date(2019, 8, 7), trigger="froze", sentence=sentence)]
    result = score_article(gold, preds)
    assert {g.trigger: p.trigger for g, p in result.matched} == {"froze trade": "froze", "suspended": "suspended"}
    assert summarise([result]).date_accuracy == 1.0
