"""A Doc's token attributes as plain lists, for rules that read many words per sentence.

`doc[i].lower_` makes a Token object on every access; the columns here are read once
per Doc (see `Words`).
"""
from __future__ import annotations

from functools import cached_property

from spacy.attrs import LEMMA, ORTH
from spacy.tokens import Doc

from eventetl.extractors.ruleset.lexicon import Word, lexicon


class _Column:
    """A `Words` column of a lexicon row field (`eventetl.extractors.ruleset.lexicon.Word`), kept on the
    instance after its first read."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name, self.index = name, Word._fields.index(name)

    def __get__(self, words: "Words | None", owner: type | None = None):
        if words is None:
            return self
        column = words.__dict__[self.name] = words._columns[self.index]
        return column


class Words:
    """A Doc's token attributes as plain lists, each column read once per Doc.

    `doc[i].lower_` makes a Token object on every access: coding 600 articles made ~650k
    of them (~0.3 ms an article). Text, lower case and the flags are lexeme attributes,
    fixed by the spelling: one `Doc.to_array(ORTH)` and the lexicon's row of each spelling
    give them all (~60 us an article, against ~40 us per string column and ~14 us per flag
    column read from the Doc, ~150 us in all). The lemma, a token attribute, is read from
    the Doc. The columns are built on first use.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.n = len(doc)

    @cached_property
    def _columns(self) -> list[list]:
        """The lexicon columns, all at once: a Doc that reads one reads most (a transposition
        costs less than a pass over the rows per column)."""
        words = lexicon(self.doc.vocab)
        rows = list(map(words.__getitem__, self.doc.to_array(ORTH).tolist()))
        return [list(column) for column in zip(*rows)] if rows else [[] for _ in Word._fields]

    # What the spelling decides (list[str] for text and lower, list[bool] for the flags).
    text = _Column()
    lower = _Column()
    is_alpha = _Column()
    is_lower = _Column()
    is_title = _Column()
    is_digit = _Column()
    is_punct = _Column()

    @cached_property
    def lemma(self) -> list[str]:
        strings = self.doc.vocab.strings
        return [strings[h] for h in self.doc.to_array(LEMMA).tolist()]
