"""JSON article records, one at a time: which keys are read, how timestamps become a
publication date and time, and why a record is refused."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from eventetl.extractors.text.article import ArticleRejected, parse_article
from eventetl.extractors.text.article_records import (DEFAULT_FIELDS, outlet_of, parse_field_option, parse_record,
                                        parse_record_line, parse_timestamp, record_fields)


def line(**record) -> bytes:
    return json.dumps(record).encode("utf-8")


def test_a_news_please_record_becomes_an_article_with_its_metadata():
    article = parse_record_line(line(url="https://www.dawn.com/news/1", title="Pakistan, Iran agree",
                                     source_domain="www.dawn.com", date_publish="2024-01-25 10:30:00",
                                     maintext="ISLAMABAD - Pakistan and Iran agreed to restore ties."),
                                "day.jsonl#L1")
    assert (article.published_date, article.dateline, article.body) == \
        (date(2024, 1, 25), "ISLAMABAD", "Pakistan and Iran agreed to restore ties.")
    assert (article.source_url, article.title, article.outlet) == \
        ("https://www.dawn.com/news/1", "Pakistan, Iran agree", "dawn.com")
    assert article.published_at == datetime(2024, 1, 25, 10, 30, tzinfo=timezone.utc)


def test_a_record_is_the_same_article_as_the_text_file_of_its_text_and_date():
    record = parse_record_line(line(url="https://a.example/1", published="2024-01-25",
                                    text="ISLAMABAD - Pakistan and Iran agreed."), "day.jsonl#L3")
    text_file = parse_article(b"date 2024-01-25 ISLAMABAD - Pakistan and Iran agreed.", "a.txt")
    assert record.article_id == text_file.article_id and record.body == text_file.body


def test_trafilatura_and_newsapi_shapes_are_read_by_the_default_keys():
    trafilatura = parse_record(json.loads(line(source="https://www.bbc.co.uk/news/x", date="2024-02-01",
                                               title="T", text="Britain condemned the attack.")), "t.json")
    assert (trafilatura.source_url, trafilatura.outlet) == ("https://www.bbc.co.uk/news/x", "bbc.co.uk")
    newsapi = parse_record({"source": {"id": "reuters", "name": "Reuters"}, "publishedAt": "2024-02-01T08:00:00Z",
                            "url": "https://www.reuters.com/x", "content": "Japan protested to China."}, "n.json")
    assert (newsapi.outlet, newsapi.published_at.hour) == ("Reuters", 8)


@pytest.mark.parametrize("value, day, at", [
    ("2024-01-25", date(2024, 1, 25), None),
    ("2024-01-25T23:30:00-05:00", date(2024, 1, 25), datetime(2024, 1, 26, 4, 30, tzinfo=timezone.utc)),
    ("2024-01-25 10:30", date(2024, 1, 25), datetime(2024, 1, 25, 10, 30, tzinfo=timezone.utc)),
    ("20240125103000", date(2024, 1, 25), datetime(2024, 1, 25, 10, 30, tzinfo=timezone.utc)),
    ("Thu, 25 Jan 2024 10:30:00 +0100", date(2024, 1, 25), datetime(2024, 1, 25, 9, 30, tzinfo=timezone.utc)),
])
def test_the_publication_date_is_the_day_written_and_the_time_is_kept_in_utc(value, day, at):
    assert parse_timestamp(value) == (day, at)


@pytest.mark.parametrize("record, reason", [
    ({"date": "2024-01-25"}, "no text (none of the keys text, maintext"),
    ({"text": "France and Germany signed a deal."}, "no publication date"),
    ({"text": "France and Germany signed a deal.", "date": "last week"}, "'last week' is not a date"),
    ({"text": "France and Germany signed a deal.", "date": "2024-02-30"}, "date 2024-02-30 is not a valid date"),
    ({"text": 42, "date": "2024-01-25"}, "text is a number, not text"),
    ({"text": "bell \u0007 in the text", "date": "2024-01-25"}, "control character U+0007"),
])
def test_a_record_that_is_not_an_article_is_refused_with_the_reason(record, reason):
    with pytest.raises(ArticleRejected, match=None) as err:
        parse_record(record, "day.jsonl#L9")
    assert reason in err.value.reason


@pytest.mark.parametrize("raw, reason", [
    (b'{"text": "x", "date": ', "not valid JSON (Expecting value at column 23)"),
    (b'["a list"]', "not a JSON object (a JSON array)"),
    (b'{"text": "x\x00y", "date": "2024-01-25"}', "binary content (NUL byte"),
])
def test_a_line_that_is_not_a_json_object_is_refused(raw, reason):
    with pytest.raises(ArticleRejected) as err:
        parse_record_line(raw, "day.jsonl#L2")
    assert reason in err.value.reason


def test_field_names_are_configurable_and_unknown_names_refused():
    fields = record_fields(parse_field_option(["text=content_html,content", "published=ts", "url=link"]))
    article = parse_record({"content": "Chile and Argentina signed a water accord.", "ts": "2024-03-08",
                            "link": "https://x.example/a"}, "x.jsonl#L1", fields)
    assert article.source_url == "https://x.example/a" and fields.title == DEFAULT_FIELDS.title
    with pytest.raises(ValueError, match="unknown record field 'body'"):
        parse_field_option(["body=content"])
    with pytest.raises(ValueError, match="expected NAME=KEY"):
        parse_field_option(["text"])


@pytest.mark.parametrize("value, url, outlet", [
    ("WWW.Dawn.com", None, "dawn.com"),
    ("Associated Press", None, "Associated Press"),
    (None, "https://www.aljazeera.com/news/1", "aljazeera.com"),
    (None, None, None),
])
def test_the_outlet_is_the_name_given_or_the_urls_host(value, url, outlet):
    assert outlet_of(value, url) == outlet
