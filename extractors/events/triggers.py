"""Event triggers: lemma phrases from YAML rule files, matched with one PhraseMatcher.

A rule (see `extractors/rules/events/*.yaml`, docs/rules.md) maps verb or noun lemma
phrases to a CAMEO code, with optional context: a word that must follow ("impose" +
"sanctions"), words that must not, the next word, a word that must precede, a part of
speech read from the neighbouring words. Matches land in `doc.spans["triggers"]` with
`Span._.rule` set to the winning `TriggerRule`.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy
import spacy
from spacy.attrs import LEMMA, ORTH, SENT_START, TAG
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.matcher import PhraseMatcher
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from eventetl.extractors import disk_cache
from eventetl.extractors.actors.reference import reference_words
from eventetl.extractors.ruleset import rule_files
from eventetl.extractors.text import grammar, span_values
from eventetl.extractors.events.syntax import PARSES_KEY, SentenceParser
from eventetl.extractors.ruleset.lexicon import MAX_WORDS, Lexicon, PhraseSplitter, is_noun_form, lexicon
from eventetl.extractors.ruleset.word_lists import word_lists

EVENT_RULES_DIR = Path(__file__).parent.parent / "rules" / "events"

if not Span.has_extension("rule"):
    Span.set_extension("rule", default=None)


# A trigger rule that cannot be used; the message names the file and the rule.
RuleError = rule_files.RuleFileError


@dataclass(frozen=True)
class TriggerRule:
    id: str
    code: str
    lemmas: tuple[str, ...]
    pos: str = "any"
    requires: tuple[str, ...] = ()
    requires_before: tuple[str, ...] = ()
    window: int = 6
    next: tuple[str, ...] = ()
    not_next: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    symmetric: bool = False
    target_preps: tuple[str, ...] = ()
    modality: str | None = None
    irregular_code: str | None = None
    refused_code: str | None = None
    state_code: str | None = None
    force_code: str | None = None  # when the source is the state's police or armed forces
    leader_code: str | None = None  # when the source is a person or office that speaks for a state
    igo_code: str | None = None  # when the source is an international organisation
    report: bool = False
    self_target: bool = False
    one_sided: bool = False
    place_target: bool = False
    reported_by: tuple[str, ...] = ()
    fallback: bool = False
    intent_of: bool = False
    needs_act: bool = False  # an intent_of rule coded only as the intention of a named act
    hostile_as_act: bool = False  # an intent_of rule whose hostile act is coded as the act itself
    object_is_topic: bool = False
    object: tuple[str, ...] = ()
    not_object: tuple[str, ...] = ()
    repeats: bool = False
    quoted: bool = False  # `requires` may be met by a quotation ending just before the trigger
    confidence: float = 0.7
    source: str = ""

    @property
    def specificity(self) -> int:
        return 2 * bool(self.requires or self.requires_before or self.object) + bool(self.next)


_FIELDS = set(TriggerRule.__dataclass_fields__)


_WORD_LISTS = ("lemmas", "requires", "requires_before", "next", "not_next", "forbid", "target_preps",
               "reported_by", "object", "not_object")
# Codes a rule uses instead of its own for some kinds of source or for a refusal.
_OTHER_CODES = ("irregular_code", "refused_code", "state_code", "force_code", "leader_code", "igo_code")
_FLAGS = ("symmetric", "report", "self_target", "one_sided", "place_target", "fallback", "intent_of", "needs_act",
          "hostile_as_act", "object_is_topic", "repeats", "quoted")


def _as_tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _scalar(value) -> bool:
    return isinstance(value, (str, int, float)) or value is None


def _check_types(obj: dict, where: str) -> None:
    """Values of the wrong type would fail deep inside (int('high')) or be read as
    something else (bool('false') is True): each gets a line naming the rule and field."""
    for key in _WORD_LISTS:
        value = obj.get(key)
        if value is None or isinstance(value, str):
            continue
        bad = next((v for v in value if not isinstance(v, str)), None) if isinstance(value, list) else value
        if bad is not None or not isinstance(value, list):
            raise RuleError(f"{where}: {key} must be a word or a list of words (quote words that look like "
                            f"numbers), not {_shown(bad)}")
    for key in _FLAGS:
        if key in obj and not isinstance(obj[key], bool):
            raise RuleError(f"{where}: {key} must be true or false, not {_shown(obj[key])}")
    window = obj.get("window", 6)
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise RuleError(f"{where}: window must be a whole number of words, 1 or more, not {_shown(window)}")
    confidence = obj.get("confidence", 0.7)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 <= confidence <= 1:
        raise RuleError(f"{where}: confidence must be a number from 0 to 1, not {_shown(confidence)}")
    for key in ("id", "code", *_OTHER_CODES, "pos", "modality"):
        if not _scalar(obj.get(key)):
            raise RuleError(f"{where}: {key} must be a single value, not a {type(obj[key]).__name__}")


def _shown(value) -> str:
    return repr(value) if _scalar(value) else f"a {type(value).__name__}"


def parse_rule(obj: dict, source: str) -> TriggerRule:
    unknown = set(obj) - _FIELDS
    rid = obj.get("id", "?") if _scalar(obj.get("id")) else "?"
    for key, value in obj.items():
        if isinstance(value, list) and any(isinstance(v, bool) for v in value):
            # YAML 1.1 reads bare on/off/yes/no as booleans: [on, against] is [True, 'against']
            raise RuleError(f"{source}: rule {rid}: {key} holds a true/false value; "
                            f"quote words such as \"on\", \"off\", \"no\"")
    if unknown:
        raise RuleError(f"{source}: rule {rid}: unknown field(s) {sorted(map(str, unknown))}")
    if "id" not in obj or "code" not in obj or not obj.get("lemmas"):
        raise RuleError(f"{source}: rule {rid}: needs id, code and lemmas")
    _check_types(obj, f"{source}: rule {rid}")
    code = str(obj["code"])
    if not code.isdigit() or not 2 <= len(code) <= 4:
        raise RuleError(f"{source}: rule {rid}: code {code!r} is not a CAMEO code (quote it: \"042\")")
    for key in _OTHER_CODES:
        other = str(obj[key]) if obj.get(key) else None
        if other is not None and not (other.isdigit() and 2 <= len(other) <= 4):
            raise RuleError(f"{source}: rule {rid}: {key} {other!r} is not a CAMEO code (quote it: \"120\")")
    pos = obj.get("pos", "any")
    if pos not in ("any", "verb", "noun"):
        raise RuleError(f"{source}: rule {rid}: pos must be verb, noun or any")
    modality = obj.get("modality")
    if modality not in (None, "asserted", "future", "negated"):
        raise RuleError(f"{source}: rule {rid}: modality must be asserted, future or negated")
    return TriggerRule(
        id=str(obj["id"]), code=code, lemmas=_as_tuple(obj["lemmas"]), pos=pos,
        requires=_as_tuple(obj.get("requires")), requires_before=_as_tuple(obj.get("requires_before")),
        window=int(obj.get("window", 6)), next=_as_tuple(obj.get("next")),
        not_next=_as_tuple(obj.get("not_next")),
        forbid=_as_tuple(obj.get("forbid")), symmetric=bool(obj.get("symmetric", False)),
        target_preps=_as_tuple(obj.get("target_preps")), modality=modality,
        **{key: str(obj[key]) if obj.get(key) else None for key in _OTHER_CODES},
        report=bool(obj.get("report", False)), self_target=bool(obj.get("self_target", False)),
        one_sided=bool(obj.get("one_sided", False)), place_target=bool(obj.get("place_target", False)),
        reported_by=_as_tuple(obj.get("reported_by")),
        fallback=bool(obj.get("fallback", False)), intent_of=bool(obj.get("intent_of", False)),
        needs_act=bool(obj.get("needs_act", False)), hostile_as_act=bool(obj.get("hostile_as_act", False)),
        object_is_topic=bool(obj.get("object_is_topic", False)),
        object=_as_tuple(obj.get("object")), not_object=_as_tuple(obj.get("not_object")),
        repeats=bool(obj.get("repeats", False)), quoted=bool(obj.get("quoted", False)),
        confidence=float(obj.get("confidence", 0.7)),
        source=source)


def load_rules(rules_dirs: Iterable[str | Path] = ()) -> list[TriggerRule]:
    """Shipped rules, then `events/*.yaml` (or `*.yaml` directly) of each extra dir.

    A user rule with the id of an earlier rule replaces it. Parsing the ~16,000 rules
    (mostly the PETRARCH import) costs ~0.45 s per worker process, so the parsed rules are
    kept in the disk cache under a hash of the rule files and of this module.
    """
    dirs = [EVENT_RULES_DIR]
    for d in rules_dirs:
        d = Path(d)
        dirs.append(d / "events" if (d / "events").is_dir() else d)
    files = [p for d in dirs for p in sorted(Path(d).glob("*.yaml")) + sorted(Path(d).glob("*.yml"))]
    key = disk_cache.inputs_digest([Path(__file__), Path(rule_files.__file__), *files])
    return disk_cache.load_or_build("trigger-rules", key, lambda: _parse_rule_files(files), expect=list)


def _parse_rule_files(files: list[Path]) -> list[TriggerRule]:
    by_id: dict[str, TriggerRule] = {}
    for path in files:
        data = rule_files.load_yaml(path) or {}
        if not isinstance(data, dict) or not isinstance(data.get("rules", []), (list, type(None))):
            raise RuleError(f"{path}: expected a mapping whose 'rules' key holds a list of rules")
        for obj in data.get("rules", []) or []:
            if not isinstance(obj, dict):
                raise RuleError(f"{path}: each rule must be a mapping (id, code, lemmas, ...), "
                                f"not {obj!r:.80}")
            rule = parse_rule(obj, f"{path.name}")
            by_id[rule.id] = rule
    return list(by_id.values())


# --- lemmas -------------------------------------------------------------------------

class LemmaTable:
    """The spacy-lookups-data English lemma table: what `spacy.lookups.Table` holds (word
    hash -> lemma) and its `.get(word, default)`. Kept in the disk cache as a plain dict:
    reading the JSON into a Table cost ~0.05 s of every worker's start-up, this ~0.006 s."""

    __slots__ = ("lemmas",)

    def __init__(self, lemmas: dict[int, str]):
        self.lemmas = lemmas

    def get(self, word: str, default: str | None = None) -> str | None:
        return self.lemmas.get(get_string_id(word), default)


@lru_cache(maxsize=1)
def lemma_table() -> LemmaTable:
    """The English lemma lookup table of spacy-lookups-data."""
    # The installed data package's version names its data.
    key = disk_cache.inputs_digest([Path(__file__)], spacy.__version__, metadata.version("spacy-lookups-data"))
    return LemmaTable(disk_cache.load_or_build(
        "lemma-lookup", key, lambda: dict(load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")),
        expect=dict))


class LookupLemmas:
    """Lower-case lookup lemmas for every token (spacy-lookups-data, no model needed).

    Cheaper than the stock lemmatizer: one dictionary lookup per distinct word, cached in
    the vocabulary's string store via `token.lemma_`.
    """

    def __init__(self, nlp: Language, name: str = "eventetl_lemmas"):
        self.name = name
        self.table = lemma_table()
        self.cache: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        cache = self.cache
        if len(cache) > MAX_WORDS:
            cache.clear()  # a long-lived worker meets new spellings (numbers, typos) forever
        orths = doc.to_array(ORTH).tolist()  # arrays, not Token objects: this runs on every word
        for orth in orths:
            if orth not in cache:
                low = doc.vocab.strings[orth].lower()
                cache[orth] = doc.vocab.strings.add(low if low in OWN_LEMMA_WORDS else self.table.get(low, low))
        lemmas = numpy.fromiter(map(cache.__getitem__, orths), dtype="uint64", count=len(orths))
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


@Language.factory("eventetl_lemmas")
def make_lemmas(nlp: Language, name: str) -> LookupLemmas:
    return LookupLemmas(nlp, name)


# --- part-of-speech cues --------------------------------------------------------------

# The English of this module: rules/language/triggers.yaml (what each list is for).
_WORDS = word_lists("triggers", "noun_openers", "verb_cues", "noun_prepositions", "not_triggers", "referring_words",
                    "own_lemma_words", "quantity_nouns")
DETERMINERS = grammar.DETERMINERS | _WORDS.words("noun_openers")
VERB_CUES = _WORDS.words("verb_cues")
_POSSESSIVES = frozenset(("'s", "’s"))
_NOUN_MARKERS = DETERMINERS | _POSSESSIVES
_NOUN_PREPOSITIONS = _WORDS.words("noun_prepositions")

# looks_nominal runs for every trigger match and again while coding events: each token
# attribute is read once (a `doc[i]` and its `.lower_` cost more than the tests on them).


def _nominal_cues(before: str, prev: str, prev_is_digit: bool, prev_is_punct: bool, low: str) -> bool:
    """looks_nominal on the lower-case words at i-2 ("" at the start), i-1 and i."""
    if prev in _NOUN_MARKERS or prev in _NOUN_PREPOSITIONS or prev_is_digit:
        return True
    if before in _NOUN_MARKERS and prev not in VERB_CUES and not prev_is_punct:
        # "Rwanda's continued support": a modifier after a determiner or possessive;
        # "a ceremony hosted by", "the truce mediated by": a participle after a noun is a verb
        return not prev.endswith("ly") and not low.endswith("ed")
    return False


def looks_nominal(doc: Doc, i: int) -> bool:
    if i <= 0:
        return False
    prev = doc[i - 1]
    return _nominal_cues(doc[i - 2].lower_ if i > 1 else "", prev.lower_, prev.is_digit, prev.is_punct,
                         doc[i].lower_)


def reads_as_noun(doc: Doc, i: int) -> bool:
    """Wider than looks_nominal: also a word after a lower-case modifier ("a four-day truce",
    "military exercises"), unless it carries a verb ending."""
    if looks_nominal(doc, i):
        return True
    if i == 0:
        return False
    tok = doc[i]
    low = tok.lower_
    if low.endswith(("ed", "ing")):
        return False
    if low != tok.lemma_ and not low.endswith("s"):
        return False  # an irregular verb form: "security forces broke up protests", "fought"
    prev = doc[i - 1]
    prev_low = prev.lower_
    if prev.is_title and i > 1 and not prev.is_sent_start:
        # "a suspected Israeli air strike", "the Russian attack": a proper adjective after
        # a determiner or a modifier
        before = doc[i - 2]
        before_low = before.lower_
        return before_low in DETERMINERS or before.is_lower and before.is_alpha and before_low not in VERB_CUES
    return prev.is_lower and prev.is_alpha and prev_low not in VERB_CUES and not prev_low.endswith("ly")


def looks_verbal(doc: Doc, i: int) -> bool:
    return not looks_nominal(doc, i) and _verb_form_or_cue(doc, i)


def _verb_form_or_cue(doc: Doc, i: int) -> bool:
    """looks_verbal for a word already known not to look nominal: a verb ending or
    form, or a verb cue ("will", "reportedly") before it."""
    tok = doc[i]
    low = tok.lower_
    if low.endswith(("ed", "ing")) or low != tok.lemma_:
        return True
    if i <= 0:
        return False
    prev_low = doc[i - 1].lower_
    return prev_low in VERB_CUES or prev_low.endswith("ly")


# --- matching -------------------------------------------------------------------------

NAME_KINDS = frozenset({"country", "capital", "org", "person", "metonym"})
# Words that look like verb forms but work as prepositions or conjunctions.
NOT_TRIGGERS = _WORDS.words("not_triggers")
QUANTITY_NOUNS = _WORDS.words("quantity_nouns")
OWN_LEMMA_WORDS = _WORDS.words("own_lemma_words")
# Month names that are also event words ("next March", "in May"): capitalised, they are dates.
MONTH_WORDS = frozenset({"March", "May"})
class _PhraseLemmas:
    """Lemmas of rule phrases as the tokenizer splits them, each distinct phrase once
    (16,700 trigger phrases, 1,900 distinct). Building the matcher (without reading the
    YAML) went from ~0.19 s to ~0.11 s."""

    def __init__(self, nlp: Language, table):
        self.split = PhraseSplitter(nlp.tokenizer)
        self.table = table
        self.cache: dict[str, tuple[str, ...]] = {}

    def __call__(self, phrase: str) -> tuple[str, ...]:
        lemmas = self.cache.get(phrase)
        if lemmas is None:
            lemmas = tuple(self.table.get(w, w) for w in self.lower_words(phrase))
            self.cache[phrase] = lemmas
        return lemmas

    def lower_words(self, phrase: str) -> list[str]:
        return [w.lower() for w in self.split(phrase)]


_QUOTE_IDS = frozenset(get_string_id(q) for q in ('"', "'", "“", "”", "‘", "’", "``", "''"))


class _Context:
    """Context phrases of a rule ("sanctions", "for talks") as lemma hashes: one-word
    phrases in a set tested against the window at once, longer ones scanned for."""

    __slots__ = ("words", "phrases")

    def __init__(self, phrases: Iterable[tuple[int, ...]]):
        phrases = list(phrases)
        self.words = frozenset(p[0] for p in phrases if len(p) == 1)
        self.phrases = tuple(list(p) for p in phrases if len(p) > 1)

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)

    def first_lemmas(self) -> set[int]:
        """A phrase is found only where one of these lemmas is."""
        return set(self.words) | {seq[0] for seq in self.phrases}

    def found(self, lemmas: list[int], start: int, end: int) -> bool:
        """Whether a phrase occurs in lemmas[start:end] (start >= 0)."""
        window = lemmas[start:end]
        if not self.words.isdisjoint(window):
            return True
        if self.phrases and not _QUOTE_IDS.isdisjoint(window):
            # ('would pay a "horrible price"': quotation marks inside a phrase do not break it)
            window = [w for w in window if w not in _QUOTE_IDS]
        for seq in self.phrases:
            if seq[0] in window:
                k = len(seq)
                for j in range(len(window) - k + 1):
                    if window[j:j + k] == seq:
                        return True
        return False


# Words before a `quoted` rule's trigger within which the quotation it attributes closes.
QUOTE_REACH = 6
_CLAUSE_LINKS = frozenset(get_string_id(w) for w in ("and", "but", "while", "whereas", "as", "after", "before"))
# Words after an unparsed match searched for a rule's `object`.
OBJECT_WINDOW = 4
# Relations of a verb to the nouns it acts on ("froze assets", "sanctions were imposed").
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "dative", "attr", "oprd"})


class _RuleCheck:
    """A rule's context tests with its words read as hashes, prepared once per rule.

    `next`/`not_next` words are compared with the next lemma as written; context phrases
    are lemmatised like the trigger phrases.
    """

    __slots__ = ("rule", "pos", "next", "not_next", "window", "requires", "requires_before", "forbid",
                 "object", "not_object", "quoted")

    def __init__(self, rule: TriggerRule, strings: StringStore,
                 lemma_ids: Callable[[str], tuple[int, ...]]):
        self.rule = rule
        self.pos = rule.pos
        self.window = rule.window
        self.next = frozenset(strings.add(w) for w in rule.next)
        self.not_next = frozenset(strings.add(w) for w in rule.not_next)
        self.requires = _Context(map(lemma_ids, rule.requires))
        self.requires_before = _Context(map(lemma_ids, rule.requires_before))
        self.forbid = _Context(map(lemma_ids, rule.forbid))
        self.quoted = rule.quoted
        self.object = frozenset(h for phrase in rule.object for h in lemma_ids(phrase)[-1:])
        self.not_object = frozenset(h for phrase in rule.not_object for h in lemma_ids(phrase)[-1:])

    def applies(self, start: int, end: int, lemmas: list[int], sent_start: int, sent_end: int,
                nominal: bool, verbal: bool | None, objects: frozenset[int] | None = None) -> bool:
        """Whether the rule fits the match at [start, end); `verbal` is read only for a
        one-word match of a noun rule that does not look nominal. `objects`: the lemmas of
        the match's syntactic objects when its sentence is parsed (else the words after
        it stand in for them)."""
        if self.object or self.not_object:
            if objects is None:
                objects = frozenset(lemmas[end:min(end + OBJECT_WINDOW, sent_end)])
            if self.object and self.object.isdisjoint(objects):
                return False
            if self.not_object and not self.not_object.isdisjoint(objects):
                return False
        pos = self.pos
        if pos == "verb" and nominal:
            return False
        if pos == "noun" and end - start == 1 and not nominal and verbal:
            return False
        if self.next and (end >= sent_end or lemmas[end] not in self.next):
            return False
        if self.not_next and end < sent_end and lemmas[end] in self.not_next:
            return False
        if self.requires and not self.requires.found(lemmas, end, min(end + self.window, sent_end)):
            return self.quoted and self._said_in_quote(lemmas, start, sent_start)
        if self.requires_before and not self.requires_before.found(lemmas, max(start - 3, sent_start), start):
            return False
        if self.forbid and self.forbid.found(lemmas, end, min(end + self.window, sent_end)):
            return False
        return True

    def _said_in_quote(self, lemmas: list[int], start: int, sent_start: int) -> bool:
        """For a `quoted` rule: the required phrase is in the quotation the trigger
        attributes, and nothing the rule forbids is."""
        q = _quote_before(lemmas, start, sent_start)
        if q is None or not self.requires.found(lemmas, sent_start, q):
            return False
        return not (self.forbid and self.forbid.found(lemmas, sent_start, q))


def _quote_before(lemmas: list[int], start: int, sent_start: int) -> int | None:
    """The position of a quotation mark that closes a quotation a few words before
    `start` ('"This is a grave provocation," Kim said'), if any."""
    for q in range(start - 1, max(sent_start, start - QUOTE_REACH) - 1, -1):
        if lemmas[q] in _QUOTE_IDS:
            return q
        if lemmas[q] in _CLAUSE_LINKS:
            return None  # '"unjustifiable", and police said': the quotation is another clause's
    return None


def _sense_rejected(written: _RuleList, lemmas: list[int], end: int, sent_end: int) -> bool:
    """A hand-written rule's sense check rejects the word ("beat the French candidate in the
    vote"): the imported patterns do not get it either."""
    return any(c.forbid and c.forbid.found(lemmas, end, min(end + c.window, sent_end)) for c in written.checks)


class _RuleList:
    """Rules tried in order, indexed by the first lemmas of the phrases they require.

    A phrase such as "accelerate" carries dozens of generated rules that each require a
    word after it ("aid", "relief", ...): 90% of rule tests failed on that. The index
    picks the rules whose required phrase can start in the window, plus every rule that
    requires nothing, in their order; skipping the others changes no result.
    """

    __slots__ = ("checks", "ungated", "ungated_checks", "gates")

    def __init__(self, checks: list[_RuleCheck]):
        self.checks = checks
        self.ungated = [i for i, c in enumerate(checks) if not c.requires or c.quoted]
        self.ungated_checks = [checks[i] for i in self.ungated]
        gates: dict[int, dict[int, list[int]]] = {}  # window -> first lemma -> rule positions
        for i, c in enumerate(checks):
            if c.requires and not c.quoted:
                index = gates.setdefault(c.window, {})
                for first in c.requires.first_lemmas():
                    index.setdefault(first, []).append(i)
        self.gates = tuple(gates.items())

    def candidates(self, lemmas: list[int], end: int, sent_end: int) -> list[_RuleCheck]:
        if not self.gates:
            return self.checks
        # 85% of the windows hold no gate lemma at all: one set test per window says so.
        if all(index.keys().isdisjoint(lemmas[end:min(end + window, sent_end)]) for window, index in self.gates):
            return self.ungated_checks
        picked = set(self.ungated)
        for window, index in self.gates:
            for lemma in lemmas[end:min(end + window, sent_end)]:
                hits = index.get(lemma)
                if hits:
                    picked.update(hits)
        return [self.checks[i] for i in sorted(picked)]


class _PhraseRules:
    """The rules of one trigger phrase: hand-written ones first, generated fallbacks apart."""

    __slots__ = ("written", "fallback", "needs_verbal")

    def __init__(self, checks: list[_RuleCheck], one_word: bool):
        checks = sorted(checks, key=lambda c: (c.rule.fallback, -c.rule.specificity, -c.rule.confidence))
        self.written = _RuleList([c for c in checks if not c.rule.fallback])
        self.fallback = _RuleList([c for c in checks if c.rule.fallback])
        # looks_verbal is read only by a noun rule on a one-word match
        self.needs_verbal = one_word and any(c.pos == "noun" for c in checks)


# The token attributes the matcher reads, and their columns in `doc.to_array(_ATTRS)`.
# Word attributes (lower case, digit, punctuation) come from the `Lexicon` by ORTH: the
# flag columns cost half of `to_array` (0.018 of 0.037 ms per article).
_ATTRS = [LEMMA, ORTH, SENT_START]
_LEMMA, _ORTH, _SENT_START = range(len(_ATTRS))


def _looks_nominal_at(attrs: numpy.ndarray, words: Lexicon, i: int) -> bool:
    """looks_nominal read from the matcher's attribute array."""
    if i <= 0:
        return False
    prev = words[attrs.item(i - 1, _ORTH)]
    return _nominal_cues(words[attrs.item(i - 2, _ORTH)].lower if i > 1 else "", prev.lower,
                         prev.is_digit, prev.is_punct, words[attrs.item(i, _ORTH)].lower)


def _sentence_bounds(doc: Doc, sent_start: numpy.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each of `doc.sents`, read from the Doc's SENT_START column.

    Doc.sents makes a Span per sentence (~0.008 ms per article); without a "sents" user
    hook it starts a sentence at every token after the first whose sent_start is 1."""
    if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        return [(sent.start, sent.end) for sent in doc.sents]
    starts = [0, *(numpy.flatnonzero(sent_start[1:] == 1) + 1).tolist()]
    return list(zip(starts, [*starts[1:], len(doc)]))


class TriggerMatcher:
    """One PhraseMatcher over lemma phrases; rules decide with the context.

    Lemmas are compared as StringStore hashes (`doc.to_array(LEMMA)`) so matching reads no
    strings: equal hashes are equal strings in a vocabulary.
    """

    def __init__(self, nlp: Language, name: str = "eventetl_triggers", rules_dirs: Iterable[str] = ()):
        self.name = name
        # With a trained pipeline underneath, the sentences a trigger may fire in are
        # parsed first, and a rule's part of speech is read from the tagger.
        self.parser = SentenceParser(nlp) if "parser" in nlp.component_names else None
        # (and "the coalition", "the commission": a body named before)
        self.pronouns = frozenset(nlp.vocab.strings.add(w) for w in (*REFERRING_WORDS,
                                                                      *reference_words().organisation_nouns))
        self.rules = load_rules(rules_dirs)
        phrase_lemmas = _PhraseLemmas(nlp, lemma_table())
        strings = nlp.vocab.strings
        self.matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.months = frozenset(strings.add(w) for w in MONTH_WORDS)
        self.be = strings.add("be")
        self.words = lexicon(nlp.vocab)
        # The actor recognizer labels a span with its kind; "person+country" is a person.
        self.name_labels = frozenset(strings.add(k) for k in (*NAME_KINDS, "person+country"))

        def lemma_ids(phrase: str) -> tuple[int, ...]:
            return tuple(strings.add(w) for w in phrase_lemmas(phrase))

        checks: dict[int, list[_RuleCheck]] = {}  # phrase key hash -> its rules, unsorted
        one_word: dict[int, bool] = {}
        as_written: set[tuple[str, ...]] = set()
        for rule in self.rules:
            check = _RuleCheck(rule, strings, lemma_ids)
            for phrase in rule.lemmas:
                lemmas = list(phrase_lemmas(phrase))
                key = " ".join(lemmas)
                key_id = strings.add(key)
                if key_id not in checks:
                    self.matcher.add(key, [Doc(nlp.vocab, words=lemmas, lemmas=lemmas)])
                    checks[key_id] = []
                    one_word[key_id] = len(lemmas) == 1
                checks[key_id].append(check)
                written = tuple(phrase.lower().split())
                if not rule.fallback and len(written) == len(lemmas) and list(written) != lemmas \
                        and written not in as_written:
                    # The lookup table lemmatizes some base forms as another word ("broker"
                    # -> "broke", "wound" -> "wind") while their inflections keep them
                    # ("brokered" -> "broker"): a hand-written base form also matches as
                    # written. (Generated PETRARCH rules list inflected forms: not those.)
                    as_written.add(written)
                    self.matcher.add(key, [Doc(nlp.vocab, words=list(written), lemmas=list(written))])
        # The verbs of a PETRARCH block share all their rules: build each distinct set once.
        shared: dict[tuple, _PhraseRules] = {}
        self.by_phrase: dict[int, _PhraseRules] = {}  # phrase key hash -> its rules
        for key_id, key_checks in checks.items():
            signature = (one_word[key_id], *map(id, key_checks))
            if signature not in shared:
                shared[signature] = _PhraseRules(key_checks, one_word[key_id])
            self.by_phrase[key_id] = shared[signature]
        self.labels = {rule.code: strings.add(rule.code) for rule in self.rules}
        self.unnamed_doer = frozenset(key for key, rules in self.by_phrase.items()
                                      if any(c.rule.code[:2] in UNNAMED_DOER_ROOTS for c in rules.written.checks))
        span_values.require_plain(("rule",), name)

    def __call__(self, doc: Doc) -> Doc:
        state = self._prepare(doc)
        if state is None:
            return doc
        if self.parser is not None:
            self.parser.parse(doc, state[-1])
        return self._finish(doc, *state)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """What __call__ does to each Doc, with the chosen sentences of a batch of Docs
        parsed together (`SentenceParser.parse_many`: fewer model calls, same parses)."""
        for batch in minibatch(docs, size=batch_size):
            states = [self._prepare(doc) for doc in batch]
            if self.parser is not None:
                self.parser.parse_many([(doc, state[-1]) for doc, state in zip(batch, states) if state is not None])
            for doc, state in zip(batch, states):
                yield doc if state is None else self._finish(doc, *state)

    def _prepare(self, doc: Doc):
        """Trigger phrases matched and the sentences to parse; None when nothing matched."""
        matches = self.matcher(doc)
        if not matches:
            doc.spans["triggers"] = []
            return None
        # Hashes, not Token objects or strings: the rules test only a few words per
        # match. Only the lemmas become a list (`tolist` of all the columns cost more
        # than the whole matching); the rest is read with `.item` where a match needs it.
        attrs = doc.to_array(_ATTRS)
        lemmas = attrs[:, _LEMMA].tolist()
        # A word inside a name ("Ban Ki-moon", "Organisation for the Prohibition of Chemical
        # Weapons") is not a trigger; role words ("protesters") may still be. The label
        # says the kind without reading `span._.kind` (0.03 ms per article).
        in_name = set()
        in_actor = set()
        name_labels = self.name_labels
        for span in doc.spans.get("actors", []):
            in_actor.update(range(span.start, span.end))
            if span.label in name_labels:
                in_name.update(range(span.start, span.end))
        bounds = _sentence_bounds(doc, attrs[:, _SENT_START])
        sent_starts = [b[0] for b in bounds]
        chosen = self._parse_candidates(matches, bounds, sent_starts, in_actor, attrs[:, _ORTH])
        return matches, attrs, lemmas, in_name, in_actor, bounds, sent_starts, chosen

    def _finish(self, doc: Doc, matches, attrs, lemmas, in_name, in_actor, bounds, sent_starts, chosen) -> Doc:
        """The rules tried on the matches, once the chosen sentences are parsed."""
        words = self.words
        tagged = self._tags(doc, chosen)
        parses = doc.user_data.get(PARSES_KEY, {})
        nominal_at: dict[int, bool] = {}  # overlapping phrases share a start
        cands = []
        pending = []  # matches to try with fallback rules, if their sentence needs them
        covered: set[int] = set()  # sentences where a hand-written rule fired
        for key_id, start, end in matches:
            if start in in_name:
                continue
            if end - start > 1 and start in in_actor and end - 1 not in in_actor and not is_noun_form(
                    words[attrs.item(end - 1, _ORTH)].lower, doc.vocab.strings[lemmas[end - 1]]):
                # "Turkish drones struck": the subject's last word and a verb are no
                # "drone strike"; the verb alone is the trigger
                continue
            orth = attrs.item(start, _ORTH)
            if words[orth].lower in NOT_TRIGGERS and not (start > 0 and lemmas[start - 1] == self.be):
                continue  # ("given the risks", not "were given 14 days to leave")
            if orth in self.months and end - start == 1 and attrs.item(start, _SENT_START) != 1:
                continue  # a capitalised month inside a sentence ("in May") is a date
            if _inside_title_case_name(doc, start, end):
                continue  # "National Rally leader Jordan Bardella": a word of a party's name
            k = bisect_right(sent_starts, start) - 1
            s_start, s_end = bounds[k]
            nominal = nominal_at.get(start)
            rules = self.by_phrase[key_id]
            tag = tagged.get(start)
            if tag is not None:
                nominal, verbal = tag_kind(tag)
            else:
                if nominal is None:
                    nominal = nominal_at[start] = _looks_nominal_at(attrs, words, start)
                verbal = _verb_form_or_cue(doc, start) if rules.needs_verbal and not nominal else None
            objects = self._objects(doc, start, end, s_start, lemmas) if s_start in parses else None
            for check in rules.written.candidates(lemmas, end, s_end):
                if check.applies(start, end, lemmas, s_start, s_end, nominal, verbal, objects):
                    cands.append((start, end, check.rule))
                    if not (check.rule.needs_act or check.rule.intent_of):
                        covered.add(k)  # (a vow or a wish: the act it names may be a fallback's)
                    break
            else:
                if rules.fallback.checks and not _sense_rejected(rules.written, lemmas, end, s_end):
                    pending.append((k, start, end, rules.fallback, nominal, verbal, objects))
        # Generated fallback rules only matter where no hand-written rule fired.
        for k, start, end, fallback, nominal, verbal, objects in pending:
            if k in covered:
                continue
            s_start, s_end = bounds[k]
            for check in fallback.candidates(lemmas, end, s_end):
                if check.applies(start, end, lemmas, s_start, s_end, nominal, verbal, objects):
                    cands.append((start, end, check.rule))
                    break
        # Most specific, then longest, wins a contested word.
        cands.sort(key=lambda c: (c[2].fallback, -c[2].specificity, -(c[1] - c[0]), c[0]))
        taken: set[int] = set()
        spans = []
        user_data = doc.user_data
        for start, end, rule in cands:
            if any(i in taken for i in range(start, end)):
                continue
            taken.update(range(start, end))
            span = Span(doc, start, end, label=self.labels[rule.code])
            # what `span._.rule = rule` stores (see eventetl.extractors.text.span_values)
            user_data[span_values.key("rule", span.start_char, span.end_char)] = rule
            spans.append(span)
        spans.sort(key=lambda s: s.start)
        doc.spans["triggers"] = spans
        return doc


    @staticmethod
    def _objects(doc: Doc, start: int, end: int, s_start: int, lemmas: list[int]) -> frozenset[int]:
        """Lemmas of the nouns the match's head word acts on, in the parse of its sentence."""
        sdoc = doc.user_data[PARSES_KEY][s_start]
        lo, hi = start - s_start, end - s_start
        head = next((t for t in sdoc[lo:hi] if not lo <= t.head.i < hi or t.head.i == t.i), sdoc[lo])
        found = set()
        for c in head.children:
            if c.dep_ in OBJECT_DEPS:
                for noun in (c, *c.conjuncts):
                    found.add(lemmas[s_start + noun.i])
                    if noun.lower_ in QUANTITY_NOUNS:
                        # "hundreds of police were deployed": the police
                        found.update(lemmas[s_start + g.i] for p in noun.children if p.dep_ == "prep"
                                     and p.lower_ == "of" for g in p.children if g.dep_ == "pobj")
                    # "sacked Defence Minister Ali Khan", "seized President Conde": the title
                    # a name carries says what was acted on (a common noun's modifier does not:
                    # "met opposition leaders" met leaders, not opposition)
                    if noun.tag_ in ("NNP", "NNPS"):
                        found.update(lemmas[s_start + g.i] for g in noun.children if g.dep_ in ("compound", "appos"))
        last = sdoc[hi - 1]
        if hi - lo > 1 and last.dep_ == "prep" and lo <= last.head.i < hi:
            # "withdrew from the bloc": a phrase ending in its preposition acts on that one's noun
            found.update(lemmas[s_start + n.i] for c in last.children if c.dep_ == "pobj" for n in (c, *c.conjuncts))
        if not found and head.pos_ == "VERB":
            # "recognise and share concern": verbs coordinated before one object share it (the
            # parser may read the second verb as a modifier of that object: "share concern")
            for conj in (c for c in head.children if c.dep_ == "conj"):
                found.update(lemmas[s_start + c.i] for c in (conj, *conj.children)
                             if c.dep_ == "dobj" or c is conj and c.pos_ == "NOUN")
        if head.dep_ == "relcl" and not any(c.dep_ in ("dobj", "nsubjpass", "dative") for c in head.children) \
                and not any(c.dep_ == "nsubj" and c.lower_ in ("that", "which", "who") for c in head.children):
            # "a move Tokyo called unjustified": the noun the clause is said of is its object
            found.add(lemmas[s_start + head.head.i])
        return frozenset(found)

    def _parse_candidates(self, matches, bounds: list[tuple[int, int]], sent_starts: list[int],
                          in_actor: set[int], orths: numpy.ndarray) -> list[tuple[int, int]]:
        """The sentences to parse: those holding a trigger phrase and an actor or a
        referring word, as (start, end)."""
        if self.parser is None:
            return []
        with_match = {bisect_right(sent_starts, start) - 1 for _, start, _ in matches}
        # acts whose doer is often unnamed ("protests erupted", "ten people were arrested")
        unnamed = {bisect_right(sent_starts, start) - 1 for key, start, _ in matches if key in self.unnamed_doer}
        chosen = []
        for k in sorted(with_match):
            s, e = bounds[k]
            if k in unnamed or any(i in in_actor for i in range(s, e)) \
                    or not self.pronouns.isdisjoint(orths[s:e].tolist()):
                chosen.append((s, e))
        return chosen

    def _tags(self, doc: Doc, chosen: list[tuple[int, int]]) -> dict[int, str]:
        """The tagger's tag of every token of the parsed chosen sentences ({token: tag})."""
        if self.parser is None:
            return {}
        parses = doc.user_data.get(PARSES_KEY, {})
        tags: dict[int, str] = {}
        strings = doc.vocab.strings
        for s, e in chosen:
            sdoc = parses.get(s)
            if sdoc is not None:
                # t.tag_ of every token, read from one array (not a Token object per word)
                tags.update(zip(range(s, s + len(sdoc)), map(strings.__getitem__, sdoc.to_array(TAG).tolist())))
        return tags


def _inside_title_case_name(doc: Doc, start: int, end: int) -> bool:
    """A capitalised match inside a sentence, after another capitalised word: part of a
    name ("the National Rally", "the Free Syrian Army") the dictionaries do not hold."""
    first = doc[start]
    if first.is_sent_start or start == 0 or not all(t.is_title for t in doc[start:end]):
        return False
    before = doc[start - 1]
    return before.is_title and before.is_alpha


def tag_kind(tag: str) -> tuple[bool, bool]:
    """(reads as a noun, reads as a verb) from a Penn Treebank tag."""
    return tag.startswith("NN"), tag.startswith(("VB", "MD"))


# Protest and coercion: news often leaves their doer unnamed ("protests erupted", "ten
# people were arrested"); the coder gives them the article's home country.
UNNAMED_DOER_ROOTS = frozenset({"14", "17"})
# Words that may stand for an actor named elsewhere: their sentences are parsed too.
REFERRING_WORDS = _WORDS.sequence("referring_words")


@Language.factory("eventetl_triggers", default_config={"rules_dirs": []})
def make_trigger_matcher(nlp: Language, name: str, rules_dirs: list[str]) -> TriggerMatcher:
    return TriggerMatcher(nlp, name, rules_dirs)

