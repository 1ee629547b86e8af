"""Event triggers: lemma phrases from YAML rule files, matched with one PhraseMatcher.

A rule (see `extractors/rules/events/*.yaml`, docs/rules.md) maps verb or noun lemma
phrases to a CAMEO code, with optional context: a word that must follow ("impose" +
"sanctions"), words that must not, the next word, a word that must precede, a part of
speech read from the neighbouring words. Matches land in `doc.spans["triggers"]` with
`Span._.rule` set to the winning `TriggerRule`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy
import yaml
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

EVENT_RULES_DIR = Path(__file__).parent / "rules" / "events"
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster

if not Span.has_extension("rule"):
    Span.set_extension("rule", default=None)


class RuleError(ValueError):
    """A trigger rule that cannot be used; the message names the file and the rule."""


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
    report: bool = False
    self_target: bool = False
    fallback: bool = False
    intent_of: bool = False
    object_is_topic: bool = False
    confidence: float = 0.7
    source: str = ""

    @property
    def specificity(self) -> int:
        return 2 * bool(self.requires or self.requires_before) + bool(self.next)


_FIELDS = set(TriggerRule.__dataclass_fields__)


def _as_tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def parse_rule(obj: dict, source: str) -> TriggerRule:
    unknown = set(obj) - _FIELDS
    rid = obj.get("id", "?")
    for key, value in obj.items():
        if isinstance(value, list) and any(isinstance(v, bool) for v in value):
            # YAML 1.1 reads bare on/off/yes/no as booleans: [on, against] is [True, 'against']
            raise RuleError(f"{source}: rule {rid}: {key} holds a true/false value; "
                            f"quote words such as \"on\", \"off\", \"no\"")
    if unknown:
        raise RuleError(f"{source}: rule {rid}: unknown field(s) {sorted(unknown)}")
    if "id" not in obj or "code" not in obj or not obj.get("lemmas"):
        raise RuleError(f"{source}: rule {rid}: needs id, code and lemmas")
    code = str(obj["code"])
    if not code.isdigit() or not 2 <= len(code) <= 4:
        raise RuleError(f"{source}: rule {rid}: code {code!r} is not a CAMEO code (quote it: \"042\")")
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
        irregular_code=str(obj["irregular_code"]) if obj.get("irregular_code") else None,
        report=bool(obj.get("report", False)), self_target=bool(obj.get("self_target", False)),
        fallback=bool(obj.get("fallback", False)), intent_of=bool(obj.get("intent_of", False)),
        object_is_topic=bool(obj.get("object_is_topic", False)),
        confidence=float(obj.get("confidence", 0.7)),
        source=source)


def load_rules(rules_dirs: Iterable[str | Path] = ()) -> list[TriggerRule]:
    """Shipped rules, then `events/*.yaml` (or `*.yaml` directly) of each extra dir.

    A user rule with the id of an earlier rule replaces it.
    """
    by_id: dict[str, TriggerRule] = {}
    dirs = [EVENT_RULES_DIR]
    for d in rules_dirs:
        d = Path(d)
        dirs.append(d / "events" if (d / "events").is_dir() else d)
    for d in dirs:
        for path in sorted(Path(d).glob("*.yaml")) + sorted(Path(d).glob("*.yml")):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}
            for obj in data.get("rules", []) or []:
                rule = parse_rule(obj, f"{path.name}")
                by_id[rule.id] = rule
    return list(by_id.values())


# --- lemmas -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def lemma_table():
    """The spacy-lookups-data English lemma table (a `spacy.lookups.Table`: `.get(word, default)`)."""
    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


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
        strings = doc.vocab.strings
        cache = self.cache
        orths = doc.to_array(ORTH)  # arrays, not Token objects: this runs on every word
        lemmas = numpy.empty(len(orths), dtype="uint64")
        for i, orth in enumerate(orths.tolist()):
            lem = cache.get(orth)
            if lem is None:
                low = strings[orth].lower()
                lem = strings.add(self.table.get(low, low))
                cache[orth] = lem
            lemmas[i] = lem
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


@Language.factory("eventetl_lemmas")
def make_lemmas(nlp: Language, name: str) -> LookupLemmas:
    return LookupLemmas(nlp, name)


# --- part-of-speech cues --------------------------------------------------------------

DETERMINERS = frozenset("a an the his her its their this that these those our my your any "
                        "every another each first second new last such no".split())
VERB_CUES = frozenset("to will would shall should can could may might must not n't never has have "
                      "had did does do be been being is are was were also jointly repeatedly "
                      "later then he she it they who which we i reportedly allegedly".split())


def looks_nominal(doc: Doc, i: int) -> bool:
    prev = doc[i - 1] if i > 0 else None
    if prev is None:
        return False
    if prev.lower_ in DETERMINERS or prev.lower_ in ("'s", "’s"):
        return True
    if prev.is_digit or prev.lower_ in ("of", "for", "after", "before", "amid", "during", "in", "with", "against"):
        return True
    if i > 1 and (doc[i - 2].lower_ in DETERMINERS or doc[i - 2].lower_ in ("'s", "’s")) \
            and prev.lower_ not in VERB_CUES and not prev.is_punct:
        # "Rwanda's continued support": a modifier after a determiner or possessive;
        # "a ceremony hosted by", "the truce mediated by": a participle after a noun is a verb
        return not prev.lower_.endswith("ly") and not doc[i].lower_.endswith("ed")
    return False


def reads_as_noun(doc: Doc, i: int) -> bool:
    """Wider than looks_nominal: also a word after a lower-case modifier ("a four-day truce",
    "military exercises"), unless it carries a verb ending."""
    if looks_nominal(doc, i):
        return True
    low = doc[i].lower_
    if i == 0 or low.endswith(("ed", "ing")):
        return False
    if low != doc[i].lemma_ and not low.endswith("s"):
        return False  # an irregular verb form: "security forces broke up protests", "fought"
    prev = doc[i - 1]
    if prev.is_title and i > 1 and not prev.is_sent_start:
        # "a suspected Israeli air strike", "the Russian attack": a proper adjective after
        # a determiner or a modifier
        before = doc[i - 2]
        return before.lower_ in DETERMINERS or before.is_lower and before.is_alpha and before.lower_ not in VERB_CUES
    return prev.is_lower and prev.is_alpha and prev.lower_ not in VERB_CUES and not prev.lower_.endswith("ly")


def looks_verbal(doc: Doc, i: int) -> bool:
    tok = doc[i]
    if looks_nominal(doc, i):
        return False
    low = tok.lower_
    if low.endswith(("ed", "ing")) or low != tok.lemma_:
        return True
    prev = doc[i - 1] if i > 0 else None
    return prev is not None and (prev.lower_ in VERB_CUES or prev.lower_.endswith("ly"))


# --- matching -------------------------------------------------------------------------

NAME_KINDS = frozenset({"country", "capital", "org", "person", "metonym"})
# Words that look like verb forms but work as prepositions or conjunctions.
NOT_TRIGGERS = frozenset({"according", "regarding", "concerning", "including", "following", "given",
                          "pending", "considering", "excluding"})
# Month names that are also event words ("next March", "in May"): capitalised, they are dates.
MONTH_WORDS = frozenset({"March", "May"})

def _phrase_lemmas(nlp: Language, phrase: str, table) -> list[str]:
    return [table.get(t.lower_, t.lower_) for t in nlp.make_doc(phrase)]


class TriggerMatcher:
    """One PhraseMatcher over lemma phrases; rules decide with the context."""

    def __init__(self, nlp: Language, name: str = "eventetl_triggers", rules_dirs: Iterable[str] = ()):
        self.name = name
        self.rules = load_rules(rules_dirs)
        table = lemma_table()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.by_phrase: dict[str, list[TriggerRule]] = {}
        self.context: dict[str, list[tuple[str, ...]]] = {}
        for rule in self.rules:
            for phrase in rule.lemmas:
                lemmas = _phrase_lemmas(nlp, phrase, table)
                key = " ".join(lemmas)
                if key not in self.by_phrase:
                    pattern = Doc(nlp.vocab, words=lemmas, lemmas=lemmas)
                    self.matcher.add(key, [pattern])
                    self.by_phrase[key] = []
                self.by_phrase[key].append(rule)
            for ctx in (*rule.requires, *rule.requires_before, *rule.forbid):
                self.context[ctx] = [tuple(_phrase_lemmas(nlp, ctx, table))]
        for rules in self.by_phrase.values():
            rules.sort(key=lambda r: (r.fallback, -r.specificity, -r.confidence))

    def _has_phrase(self, lemmas: list[str], start: int, end: int, phrases: tuple[str, ...]) -> bool:
        start, end = max(start, 0), min(end, len(lemmas))
        window = lemmas[start:end]
        present = set(window)
        for p in phrases:
            seq = self.context[p][0]
            if seq[0] not in present:
                continue
            k = len(seq)
            if k == 1:
                return True
            for j in range(len(window) - k + 1):
                if tuple(window[j:j + k]) == seq:
                    return True
        return False

    def applies(self, rule: TriggerRule, doc: Doc, start: int, end: int, lemmas: list[str],
                sent_start: int, sent_end: int, nominal: bool | None = None,
                verbal: bool | None = None) -> bool:
        if nominal is None:
            nominal = looks_nominal(doc, start)
        if rule.pos == "verb" and nominal:
            return False
        if rule.pos == "noun" and end - start == 1 and not nominal:
            if verbal is None:
                verbal = looks_verbal(doc, start)
            if verbal:
                return False
        if rule.next and (end >= sent_end or lemmas[end] not in rule.next):
            return False
        if rule.not_next and end < sent_end and lemmas[end] in rule.not_next:
            return False
        if rule.requires and not self._has_phrase(lemmas, end, min(end + rule.window, sent_end), rule.requires):
            return False
        if rule.requires_before and not self._has_phrase(
                lemmas, max(start - 3, sent_start), start, rule.requires_before):
            return False
        if rule.forbid and self._has_phrase(lemmas, end, min(end + rule.window, sent_end), rule.forbid):
            return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        matches = self.matcher(doc)
        if not matches:
            doc.spans["triggers"] = []
            return doc
        strings = doc.vocab.strings
        lemmas = [strings[h] for h in doc.to_array(LEMMA).tolist()]
        # A word inside a name ("Ban Ki-moon", "Organisation for the Prohibition of Chemical
        # Weapons") is not a trigger; role words ("protesters") may still be.
        in_name = set()
        for span in doc.spans.get("actors", []):
            if span._.kind in NAME_KINDS:
                in_name.update(range(span.start, span.end))
        # sentence bounds per token, computed once (Token.sent walks the Doc each time)
        sent_of = [0] * len(doc)
        bounds = []
        for k, sent in enumerate(doc.sents):
            bounds.append((sent.start, sent.end))
            for i in range(sent.start, sent.end):
                sent_of[i] = k
        cands = []
        pending = []  # matches to try with fallback rules, if their sentence needs them
        covered: set[int] = set()  # sentences where a hand-written rule fired
        for key_id, start, end in matches:
            if start in in_name or doc[start].lower_ in NOT_TRIGGERS:
                continue
            if doc[start].text in MONTH_WORDS and end - start == 1 and not doc[start].is_sent_start:
                continue
            k = sent_of[start]
            s_start, s_end = bounds[k]
            nominal = looks_nominal(doc, start)
            verbal = None if nominal else looks_verbal(doc, start)
            rules = self.by_phrase[doc.vocab.strings[key_id]]
            for rule in rules:  # hand-written first
                if rule.fallback:
                    pending.append((k, start, end, rules, nominal, verbal))
                    break
                if self.applies(rule, doc, start, end, lemmas, s_start, s_end, nominal, verbal):
                    cands.append((start, end, rule))
                    covered.add(k)
                    break
        # Generated fallback rules only matter where no hand-written rule fired.
        for k, start, end, rules, nominal, verbal in pending:
            if k in covered:
                continue
            s_start, s_end = bounds[k]
            for rule in rules:
                if rule.fallback and self.applies(rule, doc, start, end, lemmas, s_start, s_end,
                                                  nominal, verbal):
                    cands.append((start, end, rule))
                    break
        # Most specific, then longest, wins a contested word.
        cands.sort(key=lambda c: (c[2].fallback, -c[2].specificity, -(c[1] - c[0]), c[0]))
        taken: set[int] = set()
        spans = []
        for start, end, rule in cands:
            if any(i in taken for i in range(start, end)):
                continue
            taken.update(range(start, end))
            span = Span(doc, start, end, label=rule.code)
            span._.rule = rule
            spans.append(span)
        spans.sort(key=lambda s: s.start)
        doc.spans["triggers"] = spans
        return doc


@Language.factory("eventetl_triggers", default_config={"rules_dirs": []})
def make_trigger_matcher(nlp: Language, name: str, rules_dirs: list[str]) -> TriggerMatcher:
    return TriggerMatcher(nlp, name, rules_dirs)

