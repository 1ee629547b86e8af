"""The shortcuts taken for speed in arguments.py and extract.py read what the plain way
(Token objects, `span._.x`) reads."""
from __future__ import annotations

from datetime import date

import pytest

from extractors import triggers
from extractors.words import Words
from extractors.extract import _read_actors, _read_triggers
from extractors.pipeline import get_nlp
from schemas.records import EventMention, record_field_names

TEXT = (
    "Turkish troops shelled Syrian positions near Afrin on Monday, and Ankara's Foreign "
    "Minister Hakan Fidan said Turkey could impose sanctions. Fidan met U.S. envoys in "
    "Brussels. Police arrested 12 protesters in May; the U.N. reportedly condemned the "
    "attack . Russia and Ukraine agreed to a four-day truce, Mr. Putin said. "
    "Iran's continued support for Hamas drew protests in 2024 - 25 of them."
)


@pytest.fixture(scope="module")
def doc():
    return get_nlp(())(TEXT)


def test_words_columns_equal_token_attributes(doc):
    # a second Doc reads the lexeme rows remembered for the first
    for d in (doc, get_nlp(())(TEXT)):
        w = Words(d)
        assert w.n == len(d)
        assert w.text == [t.text for t in d]
        assert w.lower == [t.lower_ for t in d]
        assert w.lemma == [t.lemma_ for t in d]
        assert w.is_alpha == [t.is_alpha for t in d]
        assert w.is_lower == [t.is_lower for t in d]
        assert w.is_title == [t.is_title for t in d]
        assert w.is_digit == [t.is_digit for t in d]
        assert w.is_punct == [t.is_punct for t in d]


def test_words_looks_nominal_equals_the_token_reading(doc):
    w = Words(doc)
    assert [w.looks_nominal(i) for i in range(len(doc))] == [
        triggers.looks_nominal(doc, i) for i in range(len(doc))]


def test_extension_reads_equal_span_underscore(doc):
    spans = list(doc.spans["triggers"])
    assert spans
    assert [t.rule for t in _read_triggers(doc, spans)] == [s._.rule for s in spans]
    actors = _read_actors(doc, doc.text, date(2024, 3, 5), ())
    assert len(actors) == len(doc.spans["actors"]) >= 5
    for (actor, person), span in zip(actors, doc.spans["actors"]):
        assert (actor.name, actor.kind, actor.start, actor.end) == (span.text, span._.kind, span.start, span.end)
        assert person == (span._.person if span._.kind == "person" else None)
        if not person or span.label_ == "person+country":
            assert (actor.country, actor.agent) == (span._.country, span._.agent)


def test_mention_to_dict_keeps_every_field_in_order():
    names = record_field_names(EventMention)
    m = EventMention(**{n: i for i, n in enumerate(names)})
    assert list(m.to_dict().items()) == [(n, i) for i, n in enumerate(names)]
