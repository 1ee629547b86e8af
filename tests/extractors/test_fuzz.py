"""Any text in, no exception out: the parser, the date resolver, the place finder, the extractor.

Property-based (hypothesis). Every offset a component reports lies inside the text it
was given, and text[start:end] is the text it says it found. Example counts and
deadlines are bounded so the whole file runs in well under a minute.
"""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import DEV_ARTICLES, needs_shared
from eventetl.extractors import extract
from eventetl.extractors.places import places
from eventetl.extractors.temporal import dates
from eventetl.extractors.text.article import ArticleRejected, parse_article
from eventetl.schemas.records import ParsedArticle

# Words that make the components do real work: dates, months, places, actors, triggers,
# date-line headers, newlines and punctuation, mixed with arbitrary unicode.
_WORDS = ["date", "2024-01-25", "2024-13-45", "ISLAMABAD", "-", "\u2014", "Pakistan", "Iran", "Kenya",
          "Somalia", "Paris", "Texas", "Georgia", "Jordan", "Chad", "May", "may", "March", "Monday",
          "last", "next", "week", "year", "on", "in", "of", "the", "ago", "2 days", "January 29",
          "1999", "said", "attacked", "met", "agreed", "talks", "troops", "President", "Obama", "minister",
          "foreign", "'s", ".", ",", "\n", "\r\n", "  ", "\t", "\u00e9", "\u2019", "U.S.", "Dr.", "Mr.",
          "\ufeff", "\u200b", "\u2028", "ﬁ", "İstanbul", "ß"]
_TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(_WORDS) | st.text(max_size=6), max_size=60).map(" ".join),
)
_DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
# Deadlines are generous: the machine may be busy; a regex that backtracks
# catastrophically takes minutes, not seconds, so it still fails.
_FUZZ = settings(max_examples=150, deadline=5000, suppress_health_check=[HealthCheck.too_slow],
                 derandomize=True)


@pytest.fixture(scope="module", autouse=True)
def rules_loaded():
    """Load rule files and gazetteers once, outside any example's deadline."""
    dates.find_temporal_expressions("May 5", date(2024, 1, 1))
    places.find_places("Paris")


@_FUZZ
@given(st.binary(max_size=400) | _TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_article_parser_returns_an_article_or_a_reason(data):
    try:
        a = parse_article(data, "mem://fuzz.txt")
    except ArticleRejected as err:
        assert err.reason and isinstance(err.reason, str)
        return
    assert a.body and a.body == a.body.rstrip()
    assert "\r" not in a.body and "\x00" not in a.body
    assert len(a.article_id) == 64


@_FUZZ
@given(_TEXTS.map(lambda t: "date 2024-01-25 " + t))
def test_article_parser_keeps_every_character_of_a_valid_body(text):
    try:
        a = parse_article(text.encode("utf-8", "surrogatepass"), "mem://fuzz.txt")
    except ArticleRejected as err:
        assert err.reason
        return
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").rstrip()
    assert normalised.endswith(a.body)


def _check_spans(text: str, items) -> None:
    for it in items:
        assert 0 <= it.start <= it.end <= len(text), (it, len(text))
        assert text[it.start:it.end] == it.text


@_FUZZ
@given(_TEXTS, _DAYS)
def test_date_resolver_offsets_stay_inside_the_text(text, published):
    found = dates.find_temporal_expressions(text, published)
    _check_spans(text, found)
    for e in found:
        if e.value is not None:
            e.as_date()  # every value it reports is a real calendar date


@_FUZZ
@given(_TEXTS, st.none() | st.sampled_from(["ISLAMABAD", "PARIS", "WASHINGTON", "", "X, Y", "\u00e9"]))
def test_place_finder_offsets_stay_inside_the_text(text, dateline):
    found = places.find_places(text, None, dateline)
    _check_spans(text, found)


# No per-example deadline: the first example builds the spaCy pipeline (seconds).
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(_TEXTS, _DAYS, st.none() | st.sampled_from(["ISLAMABAD", "KYIV", "UNITED NATIONS"]))
def test_extractor_offsets_stay_inside_the_body(body, published, dateline):
    article = ParsedArticle("f" * 64, "mem://fuzz.txt", published, dateline, body)
    for m in extract.extract_events(article):
        assert 0 <= m.char_start <= m.trigger_start < m.trigger_end <= m.char_end <= len(body), m
        assert body[m.char_start:m.char_end] == m.sentence
        assert body[m.trigger_start:m.trigger_end] == m.trigger
        assert m.quad_class in (1, 2, 3, 4)
        assert m.article_id == article.article_id and m.published_date == published


def _dev_bodies() -> list[str]:
    """The bodies of the first eight dev articles (every one parses)."""
    return [parse_article(f.read_bytes(), str(f)).body for f in sorted(DEV_ARTICLES.glob("*.txt"))[:8]]


@needs_shared(DEV_ARTICLES)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.data())
def test_extractor_on_real_articles_cut_anywhere(data):
    """Truncated scrapes: a real article cut at any two points still gives sane records."""
    text = data.draw(st.sampled_from(_dev_bodies()))
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, len(text)))
    body = text[i:j]
    article = ParsedArticle("e" * 64, "mem://cut.txt", date(2024, 1, 25), None, body)
    for m in extract.extract_events(article):
        assert 0 <= m.char_start <= m.trigger_start < m.trigger_end <= m.char_end <= len(body), m
        assert body[m.trigger_start:m.trigger_end] == m.trigger
        assert body[m.char_start:m.char_end] == m.sentence
