"""The spaCy pipeline: it survives a round trip through disk, splits sentences at their
ends only, and writes the extension values its spans read."""
from __future__ import annotations

import spacy

from eventetl.extractors.pipeline import build_nlp, get_nlp


def test_pipeline_round_trips_through_disk(tmp_path):
    nlp = build_nlp()
    nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.pipe_names == nlp.pipe_names
    doc = loaded("Turkey condemned Syria.")
    assert [s.text for s in doc.spans["actors"]] == ["Turkey", "Syria"]
    assert [s._.rule.id for s in doc.spans["triggers"]] == ["disapprove.criticise"]


def test_sentences_survive_abbreviations_and_paragraphs():
    doc = get_nlp()("Mr. Smith met U.S. officials on Dec. 5 in Washington. Then he left.\nA new paragraph")
    assert [s.text.strip() for s in doc.sents] == [
        "Mr. Smith met U.S. officials on Dec. 5 in Washington.", "Then he left.", "A new paragraph"]


def test_a_straight_quote_after_a_space_opens_the_next_sentence():
    text = ('Leaders met in Paris on Saturday. "We are here to fight," said Biya. He said "no." '
            "The vote was 'a farce.' 'Why?' she asked.")
    assert [s.text.strip() for s in get_nlp()(text).sents] == [
        "Leaders met in Paris on Saturday.", '"We are here to fight," said Biya.', 'He said "no."',
        "The vote was 'a farce.'", "'Why?' she asked."]


def test_extension_values_are_what_span_underscore_reads():
    """The recognizer writes the extension values into doc.user_data directly."""
    doc = get_nlp()("Iran's Foreign Minister met President Barack Obama and Indian troops.")
    spans = list(doc.spans["actors"])
    assert spans
    for span in spans:
        for name in ("country", "agent", "kind", "person"):
            assert getattr(span._, name) == doc.user_data[("._.", name, span.start_char, span.end_char)]
    trigger_spans = list(doc.spans["triggers"])
    for span in trigger_spans:
        assert span._.rule is not None
