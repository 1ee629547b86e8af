"""Modality of an event mention: asserted, future (will, plans to, is due to) or negated
(did not, denied, called off), read from the words just before the trigger.

Threats and statements of intent keep their own CAMEO codes (13x, 03x): modality only
says whether the coded act is reported as happened, announced, or not happening.
"""
from __future__ import annotations

from extractors.words import Words

FUTURE_AUX = frozenset({"will", "'ll", "shall", "would", "wo"})
FUTURE_FRAMES = frozenset({"set", "due", "expected", "scheduled", "planning", "plans", "plan", "planned",
                           "poised", "going", "slated", "intends", "preparing", "prepared"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
# Verbs whose object or complement is reported as not happening.
NEGATING_VERBS = frozenset({"deny", "cancel", "postpone", "refuse", "reject", "scrap", "abandon",
                            "rule out", "call off"})
# Words that make the act a conjecture ("could set a precedent", "might boycott",
# "potentially influencing") or an obligation ("Iran must free the sailors", "should
# withdraw"): not a reported event at all (a demand may be: rules with `reported_by`).
SPECULATIVE = frozenset({"could", "might", "may", "potentially", "possibly", "perhaps", "conceivably",
                         "must", "should"})
_CLAUSE_BREAK = frozenset({";", ":", "said", "says", "but", "while", "whereas", "although"})
WINDOW = 6


def _preceding(w: Words, start: int, sent_start: int) -> list[int]:
    """Positions of up to WINDOW tokens before the trigger, stopping at a clause break."""
    positions = []
    lower, text = w.lower, w.text
    i = start - 1
    while i >= sent_start and len(positions) < WINDOW:
        if lower[i] in _CLAUSE_BREAK or text[i] in {",", "—", "–"} and len(positions) > 2:
            break
        positions.append(i)
        i -= 1
    return positions  # nearest first


def detect_modality(w: Words, start: int, end: int, sent_start: int, sent_end: int,
                    fixed: str | None = None) -> str:
    if fixed:
        return fixed
    before = _preceding(w, start, sent_start)
    lower, lemma = w.lower, w.lemma
    lowers = [lower[i] for i in before]
    lemmas = [lemma[i] for i in before[:5]]  # the negating verbs are looked for in the nearest 5
    # "called off a visit", "denied arming", "cancelled the talks"
    for j, lem in enumerate(lemmas[:4]):
        if lem in NEGATING_VERBS or (lem == "off" and j + 1 < len(lemmas) and lemmas[j + 1] == "call"):
            return "negated"
    if any(w in NEGATORS for w in lowers[:4]):
        return "negated"
    if any(w in FUTURE_AUX for w in lowers[:4]):
        return "future"
    for j, w in enumerate(lowers[:5]):
        # "is set to visit", "are due to be released", "plans to", "is to hold"
        if w == "to" and j + 1 < len(lowers) and (
                lowers[j + 1] in FUTURE_FRAMES or lowers[j + 1] in {"is", "are"}):
            return "future"
        if w == "be" and j + 2 < len(lowers) and lowers[j + 1] == "to" and lowers[j + 2] in FUTURE_FRAMES:
            return "future"
    return "asserted"


SPECULATION_SCOPE = 12
# Words that end the reach of a modal: a new clause with its own assertion.
_SCOPE_BREAK = frozenset({";", ":", "but", "while", "whereas", "although", "though", "and", "said",
                          "says"})


def is_speculative(w: Words, start: int, sent_start: int) -> bool:
    """The trigger sits under a modal of possibility or obligation ("China said the Council
    could consider easing sanctions", "could set a precedent, potentially influencing US
    policy", "Iran must free the sailors"),
    looking back within its clause; the month "May" is not one."""
    lower = w.lower
    i = start - 1
    while i >= sent_start and start - i <= SPECULATION_SCOPE:
        low = lower[i]
        if low in SPECULATIVE and w.is_lower[i] or low in ("speculate", "speculated"):
            return True
        if low in _SCOPE_BREAK:
            return False
        i -= 1
    return False


# ---------------------------------------------------------------- from the parse

# Verbs and adjectives that put the act they govern in the future ("plans to visit", "is
# expected to sign", "is due to arrive", "is set to meet").
FUTURE_GOVERNORS = frozenset({"plan", "expect", "schedule", "set", "due", "poise", "intend", "prepare",
                              "slate", "propose", "go"})
# Modifiers of an event noun that make it a plan ("a planned visit", "upcoming talks").
FUTURE_MODIFIERS = frozenset({"upcoming", "planned", "proposed", "scheduled", "forthcoming", "next",
                              "expected", "future"})
CONJECTURE_MODALS = frozenset({"could", "might", "may", "must", "should"})
CONJECTURE_ADVERBS = frozenset({"potentially", "possibly", "perhaps", "conceivably"})
CONJECTURE_VERBS = frozenset({"speculate", "fear", "consider", "weigh", "mull"})
NEGATING_LEMMAS = frozenset({"deny", "cancel", "postpone", "refuse", "reject", "scrap", "abandon", "fail",
                             "decline", "avoid", "halt", "suspend"})


def _up_the_clause(token):
    """The token and the verbs it hangs on within its clause chain (xcomp, conj, acl,
    light-verb objects), nearest first."""
    t = token
    yield t
    for _ in range(5):
        if t.head.i == t.i or t.dep_ not in ("xcomp", "conj", "dobj", "attr", "pobj", "prep", "pcomp", "acl",
                                              "nsubjpass", "compound", "amod"):
            return
        t = t.head
        yield t


def parsed_modality(head, fixed: str | None = None) -> str:
    """asserted / future / negated of the act whose trigger word is `head` (a Token of a
    parsed sentence): its own auxiliaries and negation, then those of the verbs it hangs
    on ("will hold talks", "refused to sign", "plans to visit", "a planned visit")."""
    if fixed:
        return fixed
    for t in _up_the_clause(head):
        children = list(t.children)
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in children):
            return "negated"
        if t is not head and t.lemma_ in NEGATING_LEMMAS:
            return "negated"
        for c in children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX:
                return "future"
            if c.dep_ == "amod" and c.lower_ in FUTURE_MODIFIERS:
                return "future"
        if t is not head and t.lemma_ in FUTURE_GOVERNORS:
            return "future"
        if t is not head and t.lemma_ == "be" and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
            return "future"  # "is to visit"
        if t.tag_ in ("VBD", "VBZ", "VBP") and t is not head:
            break  # a finite verb ends the clause chain
    return "asserted"


def parsed_conjecture(head) -> bool:
    """The act stands under a modal of possibility or obligation ("could set a precedent",
    "must free the sailors", "might boycott") or a verb of speculation."""
    for t in _up_the_clause(head):
        auxes = [c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")]
        if "would" in auxes and "have" in auxes:
            return True  # "a resolution that would have rejected ...": it did not happen
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in CONJECTURE_MODALS and c.tag_ == "MD":
                return True
            if c.dep_ == "advmod" and c.lower_ in CONJECTURE_ADVERBS:
                return True
        if t is not head and t.lemma_ in CONJECTURE_VERBS:
            return True
    t = head
    for _ in range(4):
        if t.head.i == t.i:
            break
        if t.dep_ == "ccomp" and t.head.lemma_ in ("speculate", "fear"):
            return True
        t = t.head
    return False
