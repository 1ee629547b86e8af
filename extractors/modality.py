"""Modality of an event mention: asserted, future (will, plans to, is due to) or negated
(did not, denied, called off), read from the words just before the trigger.

Threats and statements of intent keep their own CAMEO codes (13x, 03x): modality only
says whether the coded act is reported as happened, announced, or not happening.
"""
from __future__ import annotations

from extractors.arguments import Words

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
