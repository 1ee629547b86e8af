"""What the rules read of words, without Token objects.

- `lexicon(vocab)`: the attributes a word's spelling fixes (text, lower case, flags), by
  ORTH hash, each read from its Lexeme once per process. `doc[i].lower_` builds a Token
  on every access, and the components test a few words per match: reading a Doc's ORTH
  column once and these rows instead cut the Token objects made per article from ~2,000
  to a few dozen.
- `PhraseSplitter`: how the tokenizer splits a dictionary phrase, without calling it
  for the plain phrases that are most of tens of thousands.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from spacy.tokenizer import Tokenizer
from spacy.vocab import Vocab


LEXICON_SOURCE = Path(__file__)  # part of the cache keys of what PhraseSplitter builds


class Word(NamedTuple):
    text: str
    lower: str
    is_alpha: bool
    is_lower: bool
    is_title: bool
    is_upper: bool
    is_digit: bool
    is_punct: bool
    is_space: bool


def is_noun_form(word: str, lemma: str) -> bool:
    """`word` (lower case) is its lemma or the lemma's regular plural ("strike",
    "strikes"); an inflection the lookup table knows otherwise ("struck", "withdrew")
    is a verb's."""
    return word == lemma or word in (lemma + "s", lemma + "es", lemma[:-1] + "ies")


# A vocabulary grows with every new spelling (numbers, typos): the memo starts again
# past this many words rather than grow with a long-lived worker.
MAX_WORDS = 500_000


class Lexicon(dict):
    """`Word`s by ORTH hash; a dict, so that a known word costs a plain lookup."""

    def __init__(self, vocab: Vocab):
        super().__init__()
        self.vocab = vocab

    def __missing__(self, orth: int) -> Word:
        if len(self) > MAX_WORDS:
            self.clear()
        lex = self.vocab[orth]
        word = self[orth] = Word(lex.orth_, lex.lower_, lex.is_alpha, lex.is_lower, lex.is_title,
                                 lex.is_upper, lex.is_digit, lex.is_punct, lex.is_space)
        return word


_LEXICONS: dict[int, Lexicon] = {}


def lexicon(vocab: Vocab) -> Lexicon:
    """The one Lexicon of a vocabulary (it holds the Vocab, so the id is not reused)."""
    found = _LEXICONS.get(id(vocab))
    if found is None:
        found = _LEXICONS[id(vocab)] = Lexicon(vocab)
    return found


_PLAIN_PHRASE = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*\Z")


class PhraseSplitter:
    """The token texts of a phrase, as a tokenizer splits it.

    A plain phrase ("impose", "Abbas Araghchi") splits on its spaces when no word of it
    is a special case or meets a prefix, suffix or infix rule: that is all the tokenizer
    would check. The dictionaries hold ~50,000 phrases, and a tokenizer call makes a
    lexeme for every word (most of a worker's start-up before this).
    """

    def __init__(self, tokenizer: Tokenizer):
        self.tokenizer = tokenizer
        self.one_token: dict[str, bool] = {}

    def __call__(self, phrase: str) -> list[str]:
        if _PLAIN_PHRASE.match(phrase):
            words = phrase.split(" ")
            if all(map(self.is_one_token, words)):
                return words
        return [t.text for t in self.tokenizer(phrase)]

    def is_one_token(self, word: str) -> bool:
        """Whether the tokenizer leaves a word (no whitespace) whole: "cannot" it splits."""
        known = self.one_token.get(word)
        if known is None:
            tok = self.tokenizer
            known = self.one_token[word] = not (
                word in tok.rules
                or tok.prefix_search is not None and tok.prefix_search(word)
                or tok.suffix_search is not None and tok.suffix_search(word)
                or tok.infix_finditer is not None and any(True for _ in tok.infix_finditer(word)))
        return known
