"""Sentence boundaries for news prose, without a parser.

A sentence ends at `.`, `!` or `?` (optionally followed by closing quotes or brackets)
when the next word starts a sentence (a capital, a digit or an opening quote), and
always at a paragraph break. Abbreviations that end in a period ("Mr.", "Dec.", "Gen.",
"U.S.") and single-letter initials ("George W. Bush") do not end a sentence unless
the next word is a typical sentence opener ("U.S. The ...").
"""
from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

# Titles and short forms that precede a name or number far more often than they end
# a sentence. Language mechanics rather than a dictionary users extend.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt gov sen rep rev fr st sr jr
jan feb mar apr aug sept sep oct nov dec no nos vs etc inc corp ltd co mt ft
""".split())
# Words that start a sentence after an abbreviation such as "U.S." ends one.
SENTENCE_OPENERS = frozenset("""
the a an he she it they we i this that these those in on at but and however meanwhile
after before earlier later his her its their there when while on
""".split())
_ENDERS = {".", "!", "?", "...", "…"}
_CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}
_OPENERS = {'"', "“", "‘", "'", "(", "«"}


def _starts_sentence(tok) -> bool:
    text = tok.text
    return text[:1].isupper() or text[:1].isdigit() or text in _OPENERS


def _is_abbreviation(text: str) -> bool:
    """'Mr.', 'Dec.', single initials 'W.', dotted forms 'U.S.', 'U.N.'."""
    core = text.rstrip(".").lower()
    if core in ABBREVIATIONS:
        return True
    if len(core) == 1 and core.isalpha():
        return True
    return "." in core  # U.S., a.m.


def segment(doc: Doc) -> Doc:
    n = len(doc)
    if n == 0:
        return doc
    starts = [False] * n
    starts[0] = True
    for i in range(n - 1):
        tok, nxt = doc[i], doc[i + 1]
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            starts[i + 1] = True  # a paragraph break always ends a sentence
            continue
        if nxt.is_space:
            continue
        text = tok.text
        ends = text in _ENDERS or (text in _CLOSERS and i > 0 and doc[i - 1].text in _ENDERS)
        if ends:
            if nxt.text in _CLOSERS or not _starts_sentence(nxt):
                continue
            prev = doc[i - 1] if i > 0 else None
            if (text == "." and prev is not None and not prev.whitespace_
                    and prev.text.lower() in ABBREVIATIONS):
                continue  # "Mr ." split by the tokenizer
            starts[i + 1] = True
        elif len(text) > 1 and text.endswith(".") and _is_abbreviation(text):
            # The tokenizer kept the period on an abbreviation: a boundary only before a
            # typical sentence opener ("... in the U.S. The talks ...").
            if nxt.text[:1].isupper() and nxt.text.lower() in SENTENCE_OPENERS:
                starts[i + 1] = True
    for i in range(n):
        if i > 0 and starts[i] and doc[i].is_space and i + 1 < n:
            starts[i] = False  # leading whitespace stays with the sentence before
            starts[i + 1] = True
    # One array write instead of a per-token setter (which re-checks the Doc's annotations).
    values = numpy.array([1 if b else -1 for b in starts], dtype="int64").astype("uint64")
    doc.from_array([SENT_START], values.reshape(-1, 1))
    return doc


@Language.component("eventetl_sentences")
def sentence_component(doc: Doc) -> Doc:
    return segment(doc)
