"""The spaCy pipeline: blank English + sentences + lookup lemmas + actors + event triggers.

No trained model is needed (or downloaded). `spacy_model` optionally starts from an
installed trained pipeline instead of `spacy.blank("en")`: its parser/NER run too, but
the rules read only sentences, lemmas and the components added here.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from extractors import disk_cache
# Importing the modules registers their factories.
from extractors import actors as _actors  # noqa: F401
from extractors import sentences as _sentences  # noqa: F401
from extractors import triggers as _triggers  # noqa: F401


def build_nlp(rules_dirs: tuple[str, ...] = (), spacy_model: str | None = None) -> Language:
    # Building makes ~300,000 long-lived objects and no garbage worth collecting; the
    # cyclic collector went over them again and again (0.69 -> 0.53 s CPU without it).
    with disk_cache.no_gc():
        return _build_nlp(rules_dirs, spacy_model)


def _build_nlp(rules_dirs: tuple[str, ...], spacy_model: str | None) -> Language:
    rules = [str(d) for d in rules_dirs]
    if spacy_model:
        nlp = spacy.load(spacy_model, exclude=["lemmatizer"])
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
            nlp.add_pipe("eventetl_sentences", first=True)
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("eventetl_sentences")
    nlp.add_pipe("eventetl_lemmas")
    nlp.add_pipe("eventetl_actors", config={"rules_dirs": rules})
    nlp.add_pipe("eventetl_triggers", config={"rules_dirs": rules})
    # Building the dictionaries tokenized tens of thousands of phrases, and a tokenizer
    # cache that full made every article 1.7-3x slower to tokenize (measured); resetting
    # the rules empties the cache and changes no tokenization.
    nlp.tokenizer.rules = nlp.tokenizer.rules
    return nlp


@lru_cache(maxsize=4)
def get_nlp(rules_dirs: tuple[str, ...] = (), spacy_model: str | None = None) -> Language:
    """One pipeline per process and configuration (building one takes about a second)."""
    return build_nlp(tuple(rules_dirs), spacy_model)
