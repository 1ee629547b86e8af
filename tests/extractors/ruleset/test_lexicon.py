"""Word facts without Tokens: the lexicon's rows are the tokens' attributes, and a
dictionary phrase splits as the tokenizer would split it."""
from __future__ import annotations

from eventetl.extractors.ruleset import dictionaries
from eventetl.extractors.ruleset.lexicon import PhraseSplitter, Word, lexicon


def test_a_lexicon_row_holds_the_attributes_of_every_token_of_the_word(nlp):
    doc = nlp("The U.S. envoy met 12 rebels in Kabul -- and THEY agreed, reportedly.\n")
    words = lexicon(doc.vocab)
    for tok in doc:
        row = words[tok.orth]
        assert row == Word(tok.text, tok.lower_, tok.is_alpha, tok.is_lower, tok.is_title, tok.is_upper,
                           tok.is_digit, tok.is_punct, tok.is_space), tok.text
    assert lexicon(doc.vocab) is words  # one per vocabulary


def test_person_names_and_awkward_phrases_split_like_the_tokenizer(nlp):
    split = PhraseSplitter(nlp.tokenizer)
    names = [alias for p in dictionaries.load_persons() for alias in (p.name, *p.aliases)][::7]
    awkward = ["cannot", "Dont", "Ravan A.G. Farhadi", "Kim Jong-un", "O'Neill", "U.S. aid", "don't stop"]
    assert len(names) > 4000
    for phrase in names + awkward:
        assert split(phrase) == [t.text for t in nlp.make_doc(phrase)], phrase
