"""Modality of an event mention: asserted, future (will, plans to, is due to) or negated
(did not, denied, called off), read from the parse of its sentence: the trigger's own
auxiliaries and negation, then those of the verbs it hangs on.

Threats and statements of intent keep their own CAMEO codes (13x, 03x): modality only
says whether the coded act is reported as happened, announced, or not happening. A
conjecture ("could set a precedent", "must free the sailors") is no event at all.
"""
from __future__ import annotations

from eventetl.extractors.ruleset.word_lists import word_lists
from eventetl.extractors.text.grammar import AUXILIARY_DEPS, PATIENT_INFINITIVES

# The English of this module: rules/language/modality.yaml (what each list is for).
_WORDS = word_lists("modality", "future_auxiliaries", "future_governors", "future_modifiers", "conjecture_modals",
                    "conjecture_adverbs", "conjecture_verbs", "conjecture_markers", "pending_markers",
                    "ability_words", "negating_verbs", "intending_verbs")
FUTURE_AUX = _WORDS.words("future_auxiliaries")


# ---------------------------------------------------------------- from the parse

# Verbs and adjectives that put the act they govern in the future ("plans to visit", "is
# expected to sign", "is due to arrive", "is set to meet").
FUTURE_GOVERNORS = _WORDS.words("future_governors")
# Modifiers of an event noun that make it a plan ("a planned visit", "upcoming talks").
FUTURE_MODIFIERS = _WORDS.words("future_modifiers")
CONJECTURE_MODALS = _WORDS.words("conjecture_modals")
CONJECTURE_ADVERBS = _WORDS.words("conjecture_adverbs")
CONJECTURE_VERBS = _WORDS.words("conjecture_verbs")
ABILITY_WORDS = _WORDS.words("ability_words")
CONJECTURE_MARKERS = _WORDS.words("conjecture_markers")
PENDING_MARKERS = _WORDS.words("pending_markers")
NEGATING_PHRASES = frozenset({("call", "off"), ("rule", "out"), ("pull", "out"), ("back", "out")})
NEGATING_LEMMAS = _WORDS.words("negating_verbs")
INTENDING_VERBS = _WORDS.words("intending_verbs")


def has_condition(head) -> bool:
    """The verb has a clause of condition ("would strike if it violated the truce", "will
    attack unless ..."): what it tells is promised on the condition, not done."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONJECTURE_MARKERS for m in c.children)
               for c in head.children)


def _up_the_clause(token):
    """The token and the verbs it hangs on within its clause chain (xcomp, conj, acl,
    light-verb objects, the adjective an infinitive completes: "was not able to deliver"),
    nearest first."""
    t = token
    yield t
    for _ in range(5):
        if t.head.i == t.i or t.dep_ not in ("xcomp", "conj", "dobj", "attr", "pobj", "prep", "pcomp", "acl",
                                              "nsubjpass", "compound", "amod", "acomp"):
            return
        t = t.head
        yield t


def parsed_modality(head, fixed: str | None = None) -> str:
    """asserted / future / negated of the act whose trigger word is `head` (a Token of a
    parsed sentence): its own auxiliaries and negation, then those of the verbs it hangs
    on ("will hold talks", "refused to sign", "plans to visit", "a planned visit")."""
    if fixed:
        return fixed
    if head.dep_ == "nsubj" and head.head.i != head.i and any(
            c.dep_ in ("acomp", "xcomp") and c.lemma_ in FUTURE_GOVERNORS for c in head.head.children):
        return "future"  # "talks are due to be held on Thursday", "the vote is set for May"
    below = head
    for t in _up_the_clause(head):
        children = list(t.children)
        # "had failed in its aims and praised Egypt": a verb coordinated with a negating
        # or planning verb shares its auxiliaries, not its meaning
        governs = t is not head and below.dep_ != "conj"
        below = t
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in children):
            return "negated"
        if any(c.dep_ in ("nsubj", "nsubjpass") and any(g.lower_ == "neither" for g in c.subtree) for c in children):
            return "negated"  # "neither Moscow nor Kiev extradites its citizens"
        if governs and (t.lemma_ in NEGATING_LEMMAS or any(
                c.dep_ == "prt" and (t.lemma_, c.lower_) in NEGATING_PHRASES for c in children)):
            return "negated"  # "refused to sign", "called off a visit", "ruled out talks"
        for c in children:
            if c.dep_ in AUXILIARY_DEPS and c.lower_ in FUTURE_AUX:
                return "future"
            if c.dep_ == "amod" and c.lower_ in FUTURE_MODIFIERS:
                return "future"
        if governs and t.lemma_ in FUTURE_GOVERNORS:
            return "future"
        if t is not head and t.lemma_ == "be" and head.head.i == t.i \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children) \
                and head.lemma_ not in PATIENT_INFINITIVES:
            return "future"  # "is to visit" (not "is to blame")
        if t.tag_ in ("VBD", "VBZ", "VBP") and (t is not head or _finite_past_conjunct(head)):
            break  # a finite verb ends the clause chain
        if t is head and head.tag_ == "VBN" and head.dep_ == "acl":
            break  # "Under the deal, brokered by the United States, troops will withdraw": done
    return "asserted"


def _finite_past_conjunct(verb) -> bool:
    """'warned that the motion would set a precedent and accused the West': a past tense
    joined to a verb under a modal stands outside that modal (a modal takes the base form);
    so does a conjunct clause of its own ('the dispute should be settled bilaterally and that
    his government would not accept mediation': its own "that", subject or modal)."""
    return verb.dep_ == "conj" and (
        verb.tag_ == "VBD" and not any(c.dep_ in AUXILIARY_DEPS for c in verb.children)
        or any(c.dep_ in ("mark", "nsubj", "nsubjpass") or c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children))


def _told_as_future(verb) -> bool:
    """The verb, or one whose infinitive it is, stands under a future auxiliary ("would
    remain", "would continue to strike"), or is the infinitive of an intention ("vowed to
    continue their protests")."""
    if any(_intended(c) for c in verb.children):
        return True  # (the parser hangs the "until" clause on "vowed", not on its infinitive)
    t = verb
    for _ in range(3):
        if any(c.dep_ in AUXILIARY_DEPS and c.lower_ in FUTURE_AUX for c in t.children):
            return True
        if t.dep_ != "xcomp" or t.head.i == t.i:
            return False
        if _intended(t):
            return True
        t = t.head
    return False


def _intended(verb) -> bool:
    """The verb is the infinitive of a verb of intention ("vowed to continue")."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENDING_VERBS \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def parsed_conjecture(head) -> bool:
    """The act stands under a modal of possibility or obligation ("could set a precedent",
    "must free the sailors", "might boycott"), a verb of speculation or a condition ("if
    it violated the truce")."""
    for t in _up_the_clause(head):
        auxes = [c.lower_ for c in t.children if c.dep_ in AUXILIARY_DEPS]
        if "would" in auxes and "have" in auxes:
            return True  # "a resolution that would have rejected ...": it did not happen
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in CONJECTURE_MODALS and c.tag_ == "MD":
                return True
            if c.dep_ == "advmod" and c.lower_ in CONJECTURE_ADVERBS:
                return True
            if c.dep_ == "mark" and c.lower_ in CONJECTURE_MARKERS:
                return True  # "if it violated the truce": a condition
            if c.dep_ == "mark" and c.lower_ in PENDING_MARKERS and t.dep_ == "advcl" \
                    and (_told_as_future(t.head) or t.tag_ in ("VBZ", "VBP")):
                # "would remain until the United States withdrew its measures"; "has refused
                # to meet until Washington lifts the sanctions" (a present tense after
                # "until" is an end point still to come, whatever the main clause's tense)
                return True
        if t is not head and t.lemma_ in CONJECTURE_VERBS:
            return True
        if t is not head and t.lower_ in ABILITY_WORDS and (t.lower_.startswith("un") or any(
                c.dep_ == "neg" for c in (*t.children, *t.head.children))):
            return True  # "had not been able to deliver", "was unable to reach": not done
        if t is head and _finite_past_conjunct(head):
            break
    t = head
    for _ in range(4):
        if t.head.i == t.i:
            break
        if t.dep_ == "ccomp" and t.head.lemma_ in ("speculate", "fear"):
            return True
        t = t.head
    return False
