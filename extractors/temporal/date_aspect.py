"""How the event's own clause moves the day its date phrase names.

A date phrase says when its clause is true, which is not always the day the event
happened or is to happen:

- a time something is set for lies ahead of the act that sets it, which the news reports
  as it happens: "unions have called a general strike for Tuesday", "invited them to
  Berlin for talks on Monday" name the coming Tuesday and Monday, whatever the tense of
  the calling or the inviting (`scheduled`); not when the setting is told in the past
  perfect or the past passive ("a meeting that had been planned for Thursday", which may
  have been this week's);
- a state kept up over days began before the day named: "kept him confined for a fourth
  day on Monday" began on Friday, "the ceasefire held through the night and into
  Thursday" on Wednesday (`days_begun_before`); an event noun whose clause says only
  that its state went on ("a truce appeared to be holding on Sunday, a day after the two
  sides agreed to it") is dated by the day it began when the sentence gives it
  (`continuing_verb`, and the relational count in `eventetl.extractors.temporal.dates`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from eventetl.extractors.ruleset.word_lists import read_fields
from eventetl.extractors.text.grammar import AUXILIARY_DEPS, is_noun, is_verb
from eventetl.extractors.events.event_syntax import EventFrame, attachment_words, top_token

ASPECT_RULES = Path(__file__).parent.parent / "rules" / "temporal" / "aspect.yaml"
_NUMBERED_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)\Z")
# Auxiliaries that tell a setting as past: the time set may be past too.


@dataclass(frozen=True)
class AspectWords:
    """Word lists of `rules/temporal/aspect.yaml` (see the comments there)."""
    state_verbs: frozenset[str]
    continuing_verbs: frozenset[str]
    raising_verbs: frozenset[str]
    ordinals: dict[str, int]
    schedule_prepositions: frozenset[str]
    into_prepositions: frozenset[str]
    past_setting_auxiliaries: frozenset[str]


@lru_cache(maxsize=1)
def aspect_words() -> AspectWords:
    """The file's lists, one per field (a missing or unknown list is a RuleFileError);
    `ordinals` in order, "first" being 1."""
    lists = read_fields(ASPECT_RULES, AspectWords)
    ordinals = {w: n for n, w in enumerate(lists.sequence("ordinals"), start=1)}
    return AspectWords(**{**lists.sets(), "ordinals": ordinals})


def scheduled(tokens: list[Token]) -> bool:
    """Whether the date phrase of `tokens` names the time something is set for ("a strike
    for Tuesday", "for talks on Monday"), told in a tense that keeps that time ahead."""
    if not tokens:
        return False
    words = aspect_words()
    top = top_token(tokens)
    if top.dep_ != "pobj" or top.head.dep_ != "prep":
        return False
    prep = top.head
    if prep.lower_ in words.schedule_prepositions:
        setter = prep.head
    elif (prep.head.dep_ == "pobj" and prep.head.lower_ in attachment_words().setting_nouns
          and prep.head.head.lower_ in words.schedule_prepositions):
        setter = prep.head.head.head  # "for talks on Monday": the talks are what is set
    else:
        return False
    verb = setter
    while not is_verb(verb) and verb.head.i != verb.i:
        verb = verb.head
    return not any(c.dep_ in AUXILIARY_DEPS and c.lower_ in aspect_words().past_setting_auxiliaries
               for c in verb.children)


def continuing_verb(frame: EventFrame) -> Token | None:
    """For an event noun, the verb saying that its state went on: the verb it is the
    subject of ("the truce held", "appeared to be holding"), or a participle on it ("a
    ceasefire brokered by Egypt held through the night", as the parser may read it)."""
    head = frame.head
    if not is_noun(head) or head.tag_.startswith("VB"):
        return None
    words = aspect_words()
    if head.dep_ == "nsubj" and is_verb(head.head):
        verb = head.head
        for _ in range(3):
            if verb.lemma_.lower() in words.continuing_verbs:
                return verb
            if verb.lemma_.lower() not in words.raising_verbs:
                break
            verb = next((c for c in verb.children if c.dep_ == "xcomp" and is_verb(c)), None)
            if verb is None:
                break
    # a sentence the parser left without a main verb ("A truce between the army and the
    # rebels held into Thursday" read as a noun with a participle): the participle in the
    # noun's phrase, when it is no passive with an agent, is its predicate
    phrase = head.subtree if head.dep_ == "ROOT" else head.children
    return next((c for c in phrase if c.dep_ == "acl" and c.lemma_.lower() in words.continuing_verbs
                 and not any(g.dep_ == "agent" for g in c.children)), None)


def aspect_frame(frame: EventFrame) -> EventFrame:
    """The frame with the words whose date phrases tell how long its state went on: the
    verb of its noun's continuing state ("the truce held into Thursday"), the complement
    of a verb of keeping ("kept him confined for a fourth day on Monday")."""
    words = aspect_words()
    extra = []
    verb = continuing_verb(frame)
    if verb is not None:
        extra.append(verb)
    for h in frame.hosts:
        if is_verb(h) and h.lemma_.lower() in words.state_verbs:
            # a small clause ("kept him confined"), not reported content ("held that ...")
            extra.extend(c for c in h.children if c.dep_ in ("ccomp", "xcomp", "oprd") and c.i > h.i
                         and not any(g.dep_ == "mark" for g in c.children))
    known = {h.i for h in frame.hosts}
    extra = [t for t in extra if t.i not in known]
    return replace(frame, hosts=frame.hosts + tuple(dict.fromkeys(extra))) if extra else frame


def _is_state(frame: EventFrame) -> bool:
    """Whether the event is a state kept up: its verb, or the verb its clause completes
    ("kept him confined"), is a verb of state; or it is a noun whose state went on."""
    if continuing_verb(frame) is not None:
        return True
    words = aspect_words()
    for h in frame.hosts:
        if not is_verb(h):
            continue
        if h.lemma_.lower() in words.state_verbs:
            return True
        if h.dep_ in ("ccomp", "xcomp", "acomp", "oprd") and h.head.lemma_.lower() in words.state_verbs:
            return True
    return False


def _ordinal(token: Token) -> int | None:
    words = aspect_words()
    lower = token.lower_
    if lower in words.ordinals:
        return words.ordinals[lower]
    m = _NUMBERED_ORDINAL.match(lower)
    return int(m.group(1)) if m else None


def _day_count(token: Token) -> int | None:
    """N of "a fourth day", "its second straight day", "the 3rd consecutive day"."""
    if token.lower_ != "day":
        return None
    for c in token.children:
        if c.dep_ in ("amod", "nummod", "compound"):
            n = _ordinal(c)
            if n is not None:
                return n
    return None


def days_begun_before(frame: EventFrame, tokens: list[Token], host: Token | None) -> int:
    """How many days before the day of the date phrase `tokens` (attached to `host`) the
    event's state began: N-1 for the Nth day of it ("for a fourth day on Monday"), one
    for a state that went on into that day ("held through the night and into Thursday"),
    else none."""
    if not tokens or not _is_state(frame):
        return 0
    top = top_token(tokens)
    path = [top] + list(top.ancestors)
    if host is not None:
        path = path[:next((k for k, t in enumerate(path) if t.i == host.i), len(path)) + 1]
        path += [g for c in host.children if c.dep_ in ("prep", "dobj", "npadvmod")
                 for g in ([c] + [p for p in c.children if p.dep_ == "pobj"])]
    for t in path:
        n = _day_count(t)
        if n is not None and n > 1:
            return n - 1
    words = aspect_words()
    prep = top.head if top.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in words.into_prepositions:
        return 1
    return 0
