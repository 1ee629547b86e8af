"""Sentence boundaries for news prose, without a parser.

A sentence ends at `.`, `!` or `?` (optionally followed by closing quotes or brackets)
when the next word starts a sentence (a capital, a digit or an opening quote), and
always at a paragraph break. Abbreviations that end in a period ("Mr.", "Dec.", "Gen.",
"U.S.") and single-letter initials ("George W. Bush") do not end a sentence unless
the next word is a typical sentence opener ("U.S. The ...").
"""
from __future__ import annotations

from itertools import compress

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.lexeme import Lexeme
from spacy.tokens import Doc

from eventetl.extractors.ruleset.lexicon import MAX_WORDS
from eventetl.extractors.ruleset.word_lists import word_lists

# The English of this module: rules/language/sentences.yaml.
_WORDS = word_lists("sentences", "abbreviations", "sentence_openers")
# Titles and short forms that precede a name or number far more often than they end
# a sentence. Language mechanics rather than a dictionary users extend.
ABBREVIATIONS = _WORDS.words("abbreviations")
# Words that start a sentence after an abbreviation such as "U.S." ends one.
SENTENCE_OPENERS = _WORDS.words("sentence_openers")
_ENDERS = {".", "!", "?", "...", "…"}
_CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}
_OPENERS = {'"', "“", "‘", "'", "(", "«"}


# Last characters of the tokens that can end a sentence: enders, closers, abbreviations.
_TAILS = frozenset(".!?…") | _CLOSERS
# What a word can do at a boundary. A token's whitespace_ is at most one space: line
# breaks are space tokens.
_WORD, _TAIL, _SPACE, _LINE_BREAK = range(4)
# word (orth hash) -> its kind, filled as words are first seen, so only the few tokens
# that can end a sentence are read as text (Token objects for every token: 0.21 ms per
# article; this: ~0.08 ms).
_KINDS: dict[int, int] = {}


def _kind(lex: Lexeme) -> int:
    text = lex.orth_
    if lex.is_space:
        return _LINE_BREAK if "\n" in text else _SPACE
    return _TAIL if text[-1:] in _TAILS else _WORD


def _starts_sentence(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit() or text in _OPENERS


def _is_abbreviation(text: str) -> bool:
    """'Mr.', 'Dec.', single initials 'W.', dotted forms 'U.S.', 'U.N.'."""
    core = text.rstrip(".").lower()
    if core in ABBREVIATIONS:
        return True
    if len(core) == 1 and core.isalpha():
        return True
    return "." in core  # U.S., a.m.


def _opening(doc: Doc, i: int) -> bool:
    """Token i, a quotation mark, follows a space and clings to the word after it."""
    return i > 0 and bool(doc[i - 1].whitespace_) and not doc[i].whitespace_


def _ends_before(doc: Doc, orths: list[int], i: int) -> bool:
    """Whether a sentence ends between token i (a _TAIL) and token i + 1 (not a space)."""
    strings = doc.vocab.strings
    text, nxt = strings[orths[i]], strings[orths[i + 1]]
    prev = strings[orths[i - 1]] if i > 0 else None
    if text in _ENDERS or (text in _CLOSERS and prev in _ENDERS and not _opening(doc, i)):
        if nxt in _OPENERS and _opening(doc, i + 1) and i + 2 < len(orths) \
                and _starts_sentence(strings[orths[i + 2]]):
            return True  # 'on Saturday. "We are here': a straight quote after a space opens the next
        if nxt in _CLOSERS or not _starts_sentence(nxt):
            return False
        # "Mr ." split by the tokenizer
        return not (text == "." and prev is not None and prev.lower() in ABBREVIATIONS
                    and not doc[i - 1].whitespace_)
    if len(text) > 1 and text.endswith(".") and _is_abbreviation(text):
        # The tokenizer kept the period on an abbreviation: a boundary only before a
        # typical sentence opener ("... in the U.S. The talks ...").
        return nxt[:1].isupper() and nxt.lower() in SENTENCE_OPENERS
    return False


def segment(doc: Doc) -> Doc:
    n = len(doc)
    if n == 0:
        return doc
    orths = doc.to_array(ORTH).tolist()
    if len(_KINDS) > MAX_WORDS:
        _KINDS.clear()  # bounded like the lexicon: new spellings never stop coming
    for orth in orths:
        if orth not in _KINDS:
            _KINDS[orth] = _kind(doc.vocab[orth])
    kinds = list(map(_KINDS.__getitem__, orths))
    breaks = []  # tokens after a boundary
    for i in compress(range(n - 1), kinds):  # only tails and spaces can end a sentence
        kind = kinds[i]
        if kind == _LINE_BREAK:
            breaks.append(i + 1)  # a paragraph break always ends a sentence
        elif kind == _TAIL and kinds[i + 1] < _SPACE and _ends_before(doc, orths, i):
            breaks.append(i + 1)
    values = numpy.full(n, -1, dtype="int64")
    values[0] = 1
    for i in breaks:
        while i < n - 1 and kinds[i] >= _SPACE:
            i += 1  # leading whitespace stays with the sentence before
        values[i] = 1
    # One array write instead of a per-token setter (which re-checks the Doc's annotations).
    doc.from_array([SENT_START], values.astype("uint64").reshape(-1, 1))
    return doc


@Language.component("eventetl_sentences")
def sentence_component(doc: Doc) -> Doc:
    return segment(doc)
