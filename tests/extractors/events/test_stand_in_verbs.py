"""Given a sentence whose verb after a charge was read as a plural noun, expect the parse
to read it as the verb of the charge's clause."""
import pytest

from eventetl.extractors.pipeline import get_nlp
from eventetl.extractors.events.syntax import parses_of


@pytest.mark.parametrize("text, verb", [
    ("Lebanon accused Saudi Arabia of holding Hariri hostage, a charge the kingdom rejects.", "rejects"),
    ("Critics said the vote was rigged, a claim the electoral commission disputes.", "disputes"),
])
def test_a_verb_closing_a_charges_clause_is_read_as_a_verb(text, verb):
    doc = get_nlp()(text)
    parsed = next(iter(parses_of(doc).values()))
    token = next(t for t in parsed if t.text == verb)
    assert token.tag_ == "VBZ"
    assert token.head.lemma_ in ("charge", "claim") or token.dep_ in ("relcl", "acl")


def test_a_plural_noun_after_a_charge_stays_a_noun():
    doc = get_nlp()("Prosecutors brought a charge against the officers and their commanders.")
    parsed = next(iter(parses_of(doc).values()))
    assert next(t for t in parsed if t.text == "commanders").tag_ == "NNS"
