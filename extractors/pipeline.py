"""The spaCy pipeline: the English tokenizer + sentences + lookup lemmas + actors + event
triggers, with `en_core_web_sm`'s tagger and parser run on the sentences that may hold an
event (see `eventetl.extractors.events.syntax`).

`parse=False` builds the same pipeline over `spacy.blank("en")`, without tags and
parses: what the rules can do from word order alone (used for comparisons).
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from eventetl.extractors import disk_cache
from eventetl.extractors.text.article import MAX_ARTICLE_BYTES
from eventetl.extractors.ruleset.ruleset import SHIPPED, RuleSet
from eventetl.extractors.events.syntax import load_model
# Importing the modules registers their factories.
from eventetl.extractors.actors import recognizer as _actors  # noqa: F401
from eventetl.extractors.text import sentences as _sentences  # noqa: F401
from eventetl.extractors.events import triggers as _triggers  # noqa: F401


def build_nlp(rules: RuleSet = SHIPPED, parse: bool = True) -> Language:
    # Building makes ~300,000 long-lived objects and no garbage worth collecting; the
    # cyclic collector went over them again and again (0.69 -> 0.53 s CPU without it).
    with disk_cache.no_gc():
        return _build_nlp(rules, parse)


def _build_nlp(rules: RuleSet, parse: bool) -> Language:
    # spaCy's component config holds plain values: the folders, from which each rebuilds the set
    folders = list(rules.user_dirs)
    # The trained pipeline's tokenizer and vocabulary, its parse components disabled:
    # the trigger matcher runs them on the sentences that need a parse.
    nlp = load_model() if parse else spacy.blank("en")
    # Every article the readers accept is coded whole. spaCy's default cap (1,000,000
    # characters) guards the parser's memory on whole texts; here the parser only ever
    # sees one sentence of at most MAX_PARSE_TOKENS tokens (eventetl.extractors.events.syntax).
    nlp.max_length = MAX_ARTICLE_BYTES
    nlp.add_pipe("eventetl_sentences")
    nlp.add_pipe("eventetl_lemmas")
    nlp.add_pipe("eventetl_actors", config={"rules_dirs": folders})
    nlp.add_pipe("eventetl_triggers", config={"rules_dirs": folders})
    # Building the dictionaries tokenized tens of thousands of phrases, and a tokenizer
    # cache that full made every article 1.7-3x slower to tokenize (measured); resetting
    # the rules empties the cache and changes no tokenization.
    nlp.tokenizer.rules = nlp.tokenizer.rules
    return nlp


@lru_cache(maxsize=4)
def get_nlp(rules: RuleSet = SHIPPED, parse: bool = True) -> Language:
    """One pipeline per process and configuration (building one takes about a second)."""
    return build_nlp(rules, parse)
