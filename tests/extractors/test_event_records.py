"""Given an article, expect complete event records: codes, offsets into the body, dates,
identities, rule and version; and articles streamed through the extractor in order."""
from __future__ import annotations

from datetime import date

from conftest import article
from eventetl.extractors.extract import extract_articles, extract_events
from eventetl.schemas.records import event_id_for, mention_id_for


def test_records_are_complete_and_offsets_point_into_the_body():
    body = "Talks stalled.\nTurkey condemned Syria on Monday, officials said."
    [event] = extract_events(article(body))
    assert body[event.trigger_start:event.trigger_end] == event.trigger == "condemned"
    assert body[event.char_start:event.char_end] == event.sentence
    assert event.sentence_index == 1
    assert (event.event_root_code, event.event_base_code, event.quad_class) == ("11", "111", 3)
    assert event.goldstein is not None and event.goldstein < 0
    assert event.event_date == date(2024, 3, 4) and event.date_basis == "relative"
    assert event.mention_id == mention_id_for("a1", event.trigger_start, event.trigger_end, "111", "TUR", "SYR")
    assert event.event_id == event_id_for(event.event_date, "TUR", "SYR", "111", event.location_country)
    assert event.rule_id == "disapprove.criticise" and 0 < event.confidence <= 1
    assert event.extractor_version


def test_extract_articles_streams_in_order():
    arts = [article("Turkey condemned Syria.", "a"), article("Nothing happened.", "b"),
            article("Chile and Peru signed a trade agreement.", "c")]
    out = list(extract_articles(arts, batch_size=2))
    assert [a.article_id for a, _ in out] == ["a", "b", "c"]
    assert [len(evs) for _, evs in out] == [1, 0, 2]
