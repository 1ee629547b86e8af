"""Clause and voice cues shared by the stages: the one definition of each.

Two kinds of reader use them. The rules that work on the raw text (dates, places) see
sentence ends, clause breaks and the passive as characters and words (`SENTENCE_END`,
`CLAUSE_BREAK`, `passive_before`); the rules that walk the dependency parse (events,
temporal attachment, places) see parts of speech, subjects, auxiliaries and the passive
as tags and arcs (`is_verb`, `is_noun`, `is_passive`, `AUXILIARY_DEPS`). The English
words come from `rules/language/grammar.yaml`; the spaCy labels are the parser's own
names (ClearNLP, as `en_core_web_sm` gives them) and stay here.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from eventetl.extractors.ruleset.word_lists import word_lists

_WORDS = word_lists("grammar", "determiners", "be_forms", "passive_auxiliaries", "clause_openers",
                    "reporting_words", "patient_infinitives", "charge_nouns")

# ---------------------------------------------------------------- words

DETERMINERS = _WORDS.words("determiners")
BE_FORMS = _WORDS.words("be_forms")
PATIENT_INFINITIVES = _WORDS.words("patient_infinitives")
CHARGE_NOUNS = _WORDS.words("charge_nouns")

# ---------------------------------------------------------------- parse labels

# Arcs of an auxiliary to its verb, active ("has signed") and passive ("was signed").
AUXILIARY_DEPS = frozenset({"aux", "auxpass"})
SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
VERB_POS = frozenset({"VERB", "AUX"})


def is_verb(token: Token) -> bool:
    return token.pos_ in VERB_POS or token.tag_.startswith("VB")


def is_noun(token: Token) -> bool:
    return token.tag_.startswith("NN") or token.pos_ in ("NOUN", "PROPN")


def is_passive(verb: Token) -> bool:
    """'was attacked', 'were given', and reduced passives modifying a noun ('sanctions
    imposed by the UN')."""
    if any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children):
        return True
    if verb.tag_ == "VBN" and verb.dep_ in ("xcomp", "oprd") and verb.head.tag_ == "VBN" \
            and not any(c.dep_ in SUBJECTS for c in verb.children) \
            and any(c.dep_ in PASSIVE_SUBJECTS for c in verb.head.children):
        return True  # "several people were reported killed": the subject of "reported" was killed
    if verb.tag_ == "VBN" and verb.dep_ == "conj" and verb.head.tag_ == "VBN" \
            and not any(c.dep_ in SUBJECTS or c.dep_ in AUXILIARY_DEPS or c.dep_ == "dobj" for c in verb.children) \
            and any(c.dep_ == "auxpass" for c in verb.head.children):
        return True  # "were detained and later released": the auxiliary of the first serves both
    if verb.dep_ != "acl" or verb.tag_ != "VBN":
        return False
    if any(c.dep_ == "dobj" for c in verb.children):
        return False  # "Israeli air strikes killed 24 Palestinians": a past tense with its object
    # "Opposition leader Venancio Mondlane, who says ..., called for a strike": a sentence
    # with no verb but this "modifier" has read its past tense as a participle
    head = verb.head
    return not (head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN")
                and not any(c.dep_ == "agent" for c in verb.children)) and main_verb_after_relative(verb) is None


def main_verb_after_relative(verb: Token) -> Token | None:
    """"Russia, which has bases in both republics, called on the two sides": the main verb
    the parser hung on the last noun of the relative clause before it, in a sentence left
    without a verb of its own. Returns the noun the relative clause is on, its subject."""
    root = verb.sent.root
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or verb.i == 0 or verb.doc[verb.i - 1].text != "," \
            or is_verb(root) or any(c.dep_ == "agent" for c in verb.children):
        return None
    relative = next((a for a in verb.ancestors if a.dep_ == "relcl"), None)
    return root if relative is not None and relative.head.i == root.i and root.i < relative.i else None

# ---------------------------------------------------------------- raw text

# Quotes and brackets that may close a sentence after its full stop ('... he said.")').
_CLOSING = "\"'”’)"

# Where a sentence ends for the place rules: a full stop, ! or ? (and what closes after
# it) before whitespace or the end of the text, or a line break. Loose on purpose: an
# abbreviation's stop only shortens the stretch searched for a place.
SENTENCE_END = re.compile(rf"[.!?][{_CLOSING}]*(?:\s+|\Z)|\n")

# Where a sentence ends for the date rules: a full stop, ! or ? only before a sentence's
# start (a capital or a digit, maybe after an opening quote), or a line break: "Dec. 3"
# and "U.S. officials" do not end the sentence a date belongs to, nor does the full stop of
# an initial or initialism ("U.N. Human Rights Council", "George W. Bush").
SENTENCE_END_BEFORE_CAPITAL = re.compile(
    rf"(?:(?<![\s.][A-Z])(?<!^[A-Z])\.|[!?])(?=[{_CLOSING}]*\s+[\"'“‘(]*[A-Z0-9])|\n", re.MULTILINE)


def _alternatives(phrases: tuple[str, ...]) -> str:
    """A regex alternation of the phrases in order, any whitespace between their words."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)


# A break between two clauses in the raw text: punctuation that closes a clause or a
# quotation, a dash between spaces, a comma before a word that opens another clause, or
# a word of reported speech.
CLAUSE_BREAK = re.compile(r"[;:()\"“”]|\s[–—-]\s|,\s+(?:" + _alternatives(_WORDS.sequence("clause_openers"))
                          + r")\b|\b(?:" + _alternatives(_WORDS.sequence("reporting_words")) + r")\b")

# The auxiliary and participle opening a passive relative clause, read from its first
# whitespace: " that had been planned" -> "planned" (group 1).
PASSIVE_CLAUSE_START = re.compile(r"\s+(?:" + _alternatives(_WORDS.sequence("passive_auxiliaries"))
                                  + r")\s+([a-z]+)")


def passive_before(text: str, start: int, at: int) -> bool:
    """Whether one of the two words before `at` (not before `start`, within 30 characters)
    is a form of 'be': "workers were detained", "is to be released"."""
    words = text[max(start, at - 30):at].lower().split()[-2:]
    return any(w in BE_FORMS for w in words)
