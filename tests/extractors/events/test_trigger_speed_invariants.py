"""The shortcuts taken for speed in sentences.py and triggers.py decide as the plain way would.

Each test states the plain definition (tokenize the phrase, try every rule in order, read
Token attributes) and checks the fast path against it.
"""
from __future__ import annotations

import pytest
import spacy

from eventetl.extractors.events import triggers
from eventetl.extractors.ruleset.lexicon import lexicon
from eventetl.extractors.text.sentences import ABBREVIATIONS, SENTENCE_OPENERS, _is_abbreviation, segment

TEXT = (
    "Mr. Smith met Gen. Lee in the U.S. The talks ended. Rebels said they would impose "
    "sanctions on the government, and the army's continued shelling of the city drew "
    "protests.\n\nOn Monday \"the ministers agreed.\" Police arrested 12 protesters in May. "
    "Russia accelerated aid to the region while a suspected Israeli air strike hit Gaza. "
    "The U.N. reportedly condemned the attack . Dr . Brown left."
)


def test_plain_phrases_split_like_the_tokenizer(nlp):
    phrase_lemmas = triggers._PhraseLemmas(nlp, triggers.lemma_table())
    phrases = {p for r in triggers.load_rules()
               for p in (*r.lemmas, *r.requires, *r.requires_before, *r.forbid)}
    phrases |= {"cannot stop", "Gonna", "self-rule", "U.S. aid", "“"}
    for phrase in phrases:
        assert list(phrase_lemmas.lower_words(phrase)) == [t.lower_ for t in nlp.make_doc(phrase)], phrase


def _sentence_starts_by_tokens(doc) -> list[int]:
    """segment's rules read from Token objects, one token at a time."""
    def starts_sentence(tok):
        return tok.text[:1].isupper() or tok.text[:1].isdigit() or tok.text in ('"', "“", "‘", "'", "(", "«")
    enders, closers = {".", "!", "?", "...", "…"}, {'"', "'", "”", "’", ")", "]", "»"}
    starts = [True] + [False] * (len(doc) - 1)
    for i in range(len(doc) - 1):
        tok, nxt = doc[i], doc[i + 1]
        if tok.is_space and "\n" in tok.text:
            starts[i + 1] = True
            continue
        if nxt.is_space:
            continue
        if tok.text in enders or (tok.text in closers and i > 0 and doc[i - 1].text in enders):
            if nxt.text in closers or not starts_sentence(nxt):
                continue
            if tok.text == "." and i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].lower_ in ABBREVIATIONS:
                continue
            starts[i + 1] = True
        elif len(tok.text) > 1 and tok.text.endswith(".") and _is_abbreviation(tok.text):
            starts[i + 1] = nxt.text[:1].isupper() and nxt.lower_ in SENTENCE_OPENERS
    for i in range(1, len(doc) - 1):
        if starts[i] and doc[i].is_space:
            starts[i], starts[i + 1] = False, True
    return [i for i, s in enumerate(starts) if s]


@pytest.mark.parametrize("text", [TEXT, "Hello.", "  \n Hi . \n", "Yes!  \"No.\" (Maybe.) 3 more.", "a"])
def test_segment_matches_token_by_token_reading(text):
    nlp = spacy.blank("en")
    doc = segment(nlp.make_doc(text))
    assert [s.start for s in doc.sents] == _sentence_starts_by_tokens(doc)


def test_segment_boundaries(nlp):
    doc = segment(spacy.blank("en").make_doc(TEXT))
    firsts = [s[0].text for s in doc.sents if not s[0].is_space]
    assert firsts[:5] == ["Mr.", "The", "Rebels", "On", "Police"]


def test_rule_index_keeps_the_first_applicable_rule(nlp):
    """`_RuleList.candidates` only drops rules whose required word is absent."""
    matcher = nlp.get_pipe("eventetl_triggers")
    doc = nlp(TEXT)
    lemmas = doc.to_array("LEMMA").tolist()
    sents = list(doc.sents)
    tried = 0
    for key_id, start, end in matcher.matcher(doc):
        sent = next(s for s in sents if s.start <= start < s.end)
        nominal = triggers.looks_nominal(doc, start)
        verbal = triggers.looks_verbal(doc, start)

        def first(checks):
            return next((c.rule.id for c in checks
                         if c.applies(start, end, lemmas, sent.start, sent.end, nominal, verbal)), None)

        for rules in (matcher.by_phrase[key_id].written, matcher.by_phrase[key_id].fallback):
            assert first(rules.candidates(lemmas, end, sent.end)) == first(rules.checks)
            tried += len(rules.checks)
    assert tried > 100


def test_array_cues_match_token_cues(nlp):
    doc = nlp(TEXT)
    attrs = doc.to_array(triggers._ATTRS)
    words = lexicon(doc.vocab)
    for i in range(len(doc)):
        assert triggers._looks_nominal_at(attrs, words, i) == triggers.looks_nominal(doc, i)
        if not triggers.looks_nominal(doc, i):
            assert triggers._verb_form_or_cue(doc, i) == triggers.looks_verbal(doc, i)


def test_triggers_found(nlp):
    doc = nlp(TEXT)
    found = {(t.text, t.label_) for t in doc.spans["triggers"]}
    assert any(text == "impose" for text, _ in found)
    assert not any(text == "May" for text, _ in found)  # "in May" is a date


def test_sentence_bounds_match_doc_sents(nlp):
    doc = nlp(TEXT)
    sent_start = doc.to_array(triggers._ATTRS)[:, triggers._SENT_START]
    assert triggers._sentence_bounds(doc, sent_start) == [(s.start, s.end) for s in doc.sents]


def test_lemma_table_reads_like_the_lookups_table():
    from spacy.lookups import load_lookups
    table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    for word in ("went", "sanctions", "talks", "unknownword", "better"):
        assert triggers.lemma_table().get(word, word) == table.get(word, word)


# Tags, dependencies and words that reach every kind of the model's attribute-ruler
# pattern: tag map, word + tag, dependency, two-token and regex patterns, spaces.
RULER_TEXTS = (
    TEXT,
    "I gotta go, y'all gonna see. Let's go, c'mon: ain't nothin' doin' somethin' 'em 'll 'nuff ol' goin'.",
    "It was I who saw you and it. There is a man.  \n\n There were  two, and there's more.",
    "He did it. Do you have it? She had had enough, they'd said, and he'd go. Who does?",
    "That is what which we did. Ca n't, wo n't, sha n't. Gets got get. Those are mine; this one too.",
    "The ministers, who had met in Geneva on Monday, said that the U.S. would not impose new sanctions.",
)


def test_tag_map_ruler_sets_what_the_attribute_ruler_sets():
    """syntax.TagMapRuler (no Matcher) leaves every token as spaCy's AttributeRuler does."""
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
    from eventetl.extractors.events.syntax import TagMapRuler, find_model

    model = spacy.load(find_model(), exclude=["ner", "lemmatizer", "senter"])
    ruler = model.get_pipe("attribute_ruler")
    assert TagMapRuler.supports(ruler)
    fast = TagMapRuler(ruler)
    with model.select_pipes(disable=["attribute_ruler"]):
        docs = list(model.pipe(RULER_TEXTS))
    docs += [model.make_doc(""), model.make_doc("Untagged words only .")]
    columns = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
    for _ in range(2):  # the second pass reads the remembered profiles
        for doc in docs:
            expected, got = ruler(doc.copy()), fast(doc.copy())
            assert (expected.to_array(columns) == got.to_array(columns)).all(), doc.text
            assert [str(t.morph) for t in expected] == [str(t.morph) for t in got]


def test_sentence_parser_uses_the_tag_map_ruler(nlp):
    from eventetl.extractors.events.syntax import SentenceParser, TagMapRuler
    parser = SentenceParser(nlp)
    assert any(isinstance(c, TagMapRuler) for c in parser.components)


def test_sentence_docs_are_the_docs_as_doc_makes(nlp):
    """syntax._sentence_docs builds the Docs Span.as_doc would, byte for byte."""
    from eventetl.extractors.events.syntax import _sentence_docs

    with nlp.select_pipes(disable=["eventetl_triggers"]):
        docs = list(nlp.pipe(RULER_TEXTS))
    for doc in docs:
        head = doc._get_array_attrs()
        bounds = [(s.start, s.end) for s in doc.sents]
        expected = [doc[s:e].as_doc(array_head=head, array=doc.to_array(head)) for s, e in bounds]
        got = _sentence_docs(doc, head, doc.to_array(head), bounds)
        assert [d.to_bytes() for d in expected] == [d.to_bytes() for d in got]
        assert [[t.whitespace_ for t in d] for d in expected] == [[t.whitespace_ for t in d] for d in got]


def test_batched_parse_keeps_the_triggers_and_parses(nlp):
    """nlp.pipe parses the chosen sentences of several articles together
    (TriggerMatcher.pipe -> SentenceParser.parse_many); one article at a time
    (__call__) gives the same triggers, rules, tags and parses."""
    from eventetl.extractors.events.syntax import parses_of

    texts = list(RULER_TEXTS) + [
        "Iran condemned the strike. Tehran said it would respond, and Israel denied the attack.",
        "Nothing happened here.",
        "Police arrested ten protesters in Paris on Monday after they attacked a bank.",
    ]
    one_by_one = [nlp(t) for t in texts]
    batched = list(nlp.pipe(texts, batch_size=4))

    def seen(doc):
        return ([(s.start, s.end, s.label_, s._.rule) for s in doc.spans["triggers"]],
                [(t.tag_, t.pos_) for t in doc],
                {k: d.to_bytes() for k, d in parses_of(doc).items()})

    for a, b in zip(one_by_one, batched):
        assert seen(a) == seen(b), a.text
    assert any(parses_of(d) for d in batched)
