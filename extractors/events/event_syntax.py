"""Where an event sits in the dependency parse of its sentence: the words its date and
its place may hang on.

`SentenceTree` pairs a parsed sentence (its own Doc, as `eventetl.extractors.events.syntax` keeps it)
with the character offset of that sentence in the article, so that character spans found
by the regex scanners (temporal expressions, place names, the trigger) map onto tokens.

`event_frame` reads the trigger's head word and the words whose modifiers describe the
event: the head itself; for an event noun, the light verb it is the object of ("held
talks on Monday", "carried out strikes in Gaza") or the verb of happening it is the
subject of ("the talks took place in Doha", "the truce took effect on Friday"); for an
infinitive of intent or plan ("is due to meet", "agreed to halt"), the verb it completes.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from eventetl.extractors.ruleset.word_lists import read_fields
from eventetl.extractors.text.grammar import AUXILIARY_DEPS, is_noun, is_verb
from eventetl.extractors.events.clauses import clause_verb, declaring_verb, light_verb_of

SYNTAX_RULES = Path(__file__).parent.parent / "rules" / "temporal" / "attachment.yaml"


@dataclass(frozen=True)
class AttachmentWords:
    """Word lists of `rules/temporal/attachment.yaml` (see the comments there)."""
    time_nouns: frozenset[str]
    happening_verbs: frozenset[str]
    same_time_markers: frozenset[str]
    other_time_markers: frozenset[str]
    manner_prepositions: frozenset[str]
    setting_nouns: frozenset[str]
    event_noun_prepositions: frozenset[str]
    plan_verbs: frozenset[str]
    argument_prepositions: frozenset[str]
    raising_verbs: frozenset[str]
    part_nouns: frozenset[str]
    span_end_prepositions: frozenset[str]
    phase_verbs: frozenset[str]
    disrupting_verbs: frozenset[str]


@lru_cache(maxsize=1)
def attachment_words() -> AttachmentWords:
    """The file's lists, one per field (a missing or unknown list is a RuleFileError)."""
    return AttachmentWords(**read_fields(SYNTAX_RULES, AttachmentWords).sets())


@dataclass(frozen=True)
class SentenceTree:
    """A parsed sentence; `start_char` is where `doc.text` starts in the article body."""
    doc: Doc
    start_char: int

    def tokens(self, start: int, end: int) -> list[Token]:
        """The tokens that overlap the article's characters [start, end)."""
        lo, hi = start - self.start_char, end - self.start_char
        return [t for t in self.doc if t.idx < hi and t.idx + len(t.text) > lo and not t.is_space]

    def char(self, token: Token) -> int:
        return self.start_char + token.idx


def sentence_tree(text: str, sentence_start: int, parse: Doc | None) -> SentenceTree | None:
    """The tree of the sentence starting at `sentence_start`, or None when there is no
    parse or it is not of this text (a parse of another sentence must not be read)."""
    if parse is None or not len(parse):
        return None
    if text[sentence_start:sentence_start + len(parse.text)] != parse.text:
        return None
    return SentenceTree(parse, sentence_start)


def top_token(tokens: list[Token]) -> Token:
    """The token of a span the others hang on ("the early hours of Monday": hours)."""
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.head.i == t.i or t.head.i not in inside:
            return t
    return tokens[0]


def _happening_verb(verb: Token, words: AttachmentWords) -> Token | None:
    """The verb of happening an event noun is the subject of, directly ("the talks took
    place") or through a verb of plan or appearance ("are set to resume", "is expected to
    begin", "appeared to be holding")."""
    for _ in range(3):
        lemma = verb.lemma_.lower()
        if lemma == "be":
            # "are due to be held on Thursday": the plan is the adjective the copula takes
            verb = next((c for c in verb.children if c.dep_ == "acomp"), verb)
            lemma = verb.lemma_.lower()
        if lemma in words.happening_verbs:
            return verb
        if lemma not in words.plan_verbs and lemma not in words.raising_verbs:
            return None
        verb = next((c for c in verb.children if c.dep_ == "xcomp" and is_verb(c)), None)
        if verb is None:
            return None
    return None


@dataclass(frozen=True)
class EventFrame:
    head: Token
    # Words whose own modifiers are the event's, nearest first.
    hosts: tuple[Token, ...]
    # The verb of the clause that reports the event (the head's light verb for a noun).
    clause: Token | None
    # For an event noun that is the subject of a verb, that verb ("the campaign has
    # killed 14,000 people in Gaza"): it tells where, not when.
    governor: Token | None = None


def event_frame(tree: SentenceTree, trigger_start: int, trigger_end: int) -> EventFrame | None:
    tokens = tree.tokens(trigger_start, trigger_end)
    if not tokens:
        return None
    head = top_token(tokens)
    hosts = [head]
    words = attachment_words()
    if is_noun(head) and not head.tag_.startswith("VB"):
        light = light_verb_of(head)
        if light is not None:
            hosts.append(light)
        if head.dep_ in ("nsubj", "nsubjpass") and is_verb(head.head):
            happening = _happening_verb(head.head, words)
            if happening is not None:
                hosts.append(happening)  # "the talks took place in Doha", "are set to resume on Tuesday"
        elif light is not None:
            pass
        elif head.dep_ == "pobj" and head.head.lower_ in words.event_noun_prepositions and is_verb(head.head.head):
            hosts.append(head.head.head)  # "died in fighting on Monday night"
        elif (head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in words.part_nouns
              and head.head.head.dep_ == "pobj" and is_verb(head.head.head.head.head)):
            hosts.append(head.head.head.head.head)  # "began arriving on Thursday as part of a deployment"
    declarer = declaring_verb(head)
    if declarer is not None:
        hosts.append(declarer)  # "On Thursday, Quito declared the ambassador persona non grata"
    # the trigger's other words: "due to meet", "are to meet", "fired on and seized"
    hosts.extend(t for t in tokens if t.i != head.i and is_verb(t))
    # the event noun a verb of the trigger takes as object: "called off a visit",
    # "launched missile strikes"
    inside = {h.i for h in hosts}
    hosts.extend(t for t in tokens if is_noun(t) and t.dep_ in ("dobj", "attr", "nsubjpass")
                 and t.head.i in inside)
    clause = next((h for h in hosts if is_verb(h) and h.dep_ not in AUXILIARY_DEPS), None)
    if clause is None:
        clause = clause_verb(head)
    # "is due to meet", "agreed to halt": the verb the infinitive completes
    v = clause
    while v is not None and v.dep_ == "xcomp" and is_verb(v.head):
        v = v.head
        hosts.append(v)
    if is_noun(head) and not head.tag_.startswith("VB"):
        # a relative clause on the noun telling that it happened ("the ceasefire, which
        # took effect at midnight on Sunday"): its modifiers are the event's, its clause is not
        hosts.extend(c for c in head.children if c.dep_ == "relcl" and c.lemma_.lower() in words.happening_verbs)
        # a participle on the noun telling how it was done ("a peace deal signed in
        # Washington last month", "sanctions imposed in 2014"): its time is the event's
        hosts.extend(c for c in head.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD"))
    governor = head.head if is_noun(head) and head.dep_ in ("nsubj", "nsubjpass") and is_verb(head.head) else None
    return EventFrame(head, tuple(dict.fromkeys(hosts)), clause, governor)
