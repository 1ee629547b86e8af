"""The parse a sentence gets does not depend on its typography."""
from __future__ import annotations

from eventetl.extractors.events.syntax import SentenceParser
from eventetl.extractors.extract import extract_events
from eventetl.extractors.text.article import parse_article


def _tree(nlp, text: str) -> list[tuple[str, str, int]]:
    doc = nlp(text)
    parses = SentenceParser(nlp).parse(doc, [(s.start, s.end) for s in doc.sents])
    return [(t.tag_, t.dep_, t.head.i) for parse in parses.values() for t in parse]


def test_curly_apostrophes_are_parsed_as_straight_ones(nlp):
    # en_core_web_sm, given "Oman’s sultan, ..., telephoned", reads "telephoned" as an adjective
    curly = "Oman’s sultan, Haitham bin Tariq, telephoned Iran’s president late on Monday."
    assert _tree(nlp, curly) == _tree(nlp, curly.replace("’", "'"))
    quoted = "“We will not accept it,” Iran’s foreign minister, Abbas Araqchi, told Oman’s envoy."
    assert _tree(nlp, quoted) == _tree(nlp, quoted.replace("’", "'").replace("“", '"').replace("”", '"'))


def test_the_sentence_keeps_its_own_typography(nlp):
    article = parse_article("date 2024-01-08 Oman’s sultan telephoned Iran’s president on Monday.".encode(), "x.txt")
    [event] = extract_events(article, nlp)
    assert event.sentence == "Oman’s sultan telephoned Iran’s president on Monday."
    assert (event.actor1_country, event.actor2_country, event.event_code[:2]) == ("OMN", "IRN", "04")
