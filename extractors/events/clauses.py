"""Who is the subject, the object, the agent of a predicate: walks over a dependency parse.

Plain functions over spaCy `Token`s of one parsed sentence (ClearNLP labels, as
`en_core_web_sm` gives them). They know English clause structure, nothing about events
or actors:

- `subject_of(verb)`: the verb's own subject, else the one it shares: a coordinated verb
  takes its first conjunct's ("Russia attacked Ukraine and killed ..."), an infinitive
  its controller ("X agreed to restore", "X urged Y to stop": Y), a participle clause
  the main clause's ("..., accusing Qatar of ..."), a relative clause the noun it
  modifies ("the junta that seized power"), a gerund after a preposition the verb the
  preposition hangs on ("responded by striking");
- `agent_of(verb)`: the "by" phrase of a passive (`is_passive`, `is_verb`, `is_noun` are
  in `eventetl.extractors.text.grammar`);
- `objects_of(verb)`, `prepositional_objects(head)`;
- `coordinated(token)`: the token and the tokens coordinated with it, including a list
  whose second member the parser attached as an apposition ("Saudi Arabia, the UAE,
  Bahrain and Egypt");
- `light_verb_of(noun)`: the verb an event noun is the object of ("carried out strikes",
  "held talks", "lodged a protest").
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from eventetl.extractors.ruleset.word_lists import word_lists
# The part-of-speech and voice tests are shared with the date and place stages.
from eventetl.extractors.text.grammar import (AUXILIARY_DEPS, PASSIVE_SUBJECTS, SUBJECTS, is_noun, is_passive, is_verb,
                                              main_verb_after_relative)

# The English of this module: rules/language/clauses.yaml.
_WORDS = word_lists("clauses", "relative_words", "object_control_verbs", "duration_nouns", "run_nouns",
                    "attribution_prepositions", "state_of_being_verbs", "partaking_verbs", "partaking_objects",
                    "on_act_nouns", "undergoing_verbs", "placing_verbs", "losing_verbs",
                    "declaring_verbs", "companion_prepositions")
ATTRIBUTION_PREPOSITIONS = _WORDS.words("attribution_prepositions")
# (named whole: "along with" is no "with" of a partner)
_COMPANION_PREPOSITIONS = _WORDS.words("companion_prepositions")

DIRECT_OBJECTS = frozenset({"dobj", "dative", "iobj"})
# Relative pronouns: as the subject of a relative clause they stand for the noun modified.
RELATIVE_WORDS = _WORDS.words("relative_words")
# Verbs whose infinitive complement is controlled by their object ("urged Russia to
# stop"), not by their subject. The others ("agreed to", "vowed to") are subject control.
OBJECT_CONTROL = _WORDS.words("object_control_verbs")
# Plural nouns of a stretch of time ("three days of war games").
DURATION_NOUNS = _WORDS.words("duration_nouns")
RUN_NOUNS = _WORDS.words("run_nouns")
def agent_of(verb: Token) -> Token | None:
    """The noun of the passive's 'by' phrase."""
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and is_passive(verb)):
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def own_subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in SUBJECTS or c.dep_ in PASSIVE_SUBJECTS:
            return c
    return None


# Verb forms a conjunct may be misattached to (a clause inside another), and the arcs by
# which such a form hangs below the verb it should have been coordinated with.
_NONFINITE_TAGS = frozenset({"VB", "VBG", "VBN"})
_NONFINITE_DEPS = frozenset({"acl", "xcomp", "pcomp"})


# A past tense and a participle: one past form to a tagger that misses an auxiliary.
_PAST_FORMS = {"VBD", "VBN"}


def coordinated_partner(verb: Token) -> Token | None:
    """The verb a conjunct really goes on from, when the parser joined it to a verb of
    another form inside a dependent clause: "accused Baku of seeking to carry out ethnic
    cleansing and called on Russia" (called goes on from accused, not carry), "shelling
    positions held by Armenian forces and demanding their surrender" (demanding from
    shelling). None when the conjunct's own head is its partner."""
    head = verb.head
    if verb.dep_ == "conj" and verb.tag_ == "VBD" and _under_a_modal(head) and head.dep_ == "ccomp":
        # "said an interim government would be formed soon and promised that ...": no past
        # tense shares a "would"; it goes on from the verb that reports the clause
        return next((a for a in head.ancestors if a.tag_ == "VBD"), None)
    if verb.dep_ != "conj" or head.tag_ == verb.tag_ or head.tag_ not in _NONFINITE_TAGS \
            or head.dep_ not in _NONFINITE_DEPS or not verb.tag_.startswith("VB"):
        return None
    # ("has accused Nigeria of failing to protect Christians and threatened military action":
    # a past tense and a participle after "has" are the same past form to the tagger)
    return next((a for a in head.ancestors if a.tag_ == verb.tag_), None) \
        or next((a for a in head.ancestors if {a.tag_, verb.tag_} == _PAST_FORMS), None)



def _under_a_modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _antecedent(relative_clause: Token) -> Token:
    """The noun a relative clause is told of; after a comma closing a coordination, the
    whole coordination ("Saudi Arabia and the United States, which mediated the talks")."""
    head = relative_clause.head
    if head.dep_ == "conj" and any(c.dep_ == "punct" and c.text == "," and c.i < relative_clause.i
                                   for c in head.children):
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
    return head


def misread_as_modifier(verb: Token) -> Token | None:
    """The subject of a past tense the parser read as a modifier of the noun after it
    ("Myanmar's military seized power": military/JJ seized/VBD power/NN, all one noun
    phrase): the nearest word before it in that phrase. A past tense is never a modifier."""
    if verb.dep_ not in ("amod", "compound") or not (verb.tag_ == "VBD" or _verbless_name_chain(verb)):
        return None
    before = next((c for c in sorted(verb.head.children, key=lambda c: -c.i)
                   if c.i < verb.i and c.dep_ in ("amod", "compound", "nmod", "poss", "nsubj")), None)
    if before is not None:
        return before
    first = _coordinated_object_verb(verb)
    return own_subject(first) if first is not None else None


def _main_verb_over_report(verb: Token) -> Token | None:
    """"Le Drian said the resignation made the crisis more serious and called on leaders
    ...": a finite verb the parser hung on a word of the reported clause goes on from the
    verb that reports it, whose subject it shares."""
    if verb.tag_ not in ("VBD", "VBZ") or is_passive(verb):
        return None
    node, reported = verb.head, False
    while node.head.i != node.i:
        reported = reported or node.dep_ == "ccomp"
        node = node.head
    return node if reported and is_verb(node) and node.i < verb.i else None


def _verbless_name_chain(verb: Token) -> bool:
    """"Egyptian President Abdel Fattah al-Sisi hosted Jordan's King Abdullah": a participle
    between two names in a sentence the parser left without a verb is its main verb."""
    doc = verb.doc
    return verb.tag_ == "VBN" and 0 < verb.i < len(doc) - 1 and doc[verb.i - 1].tag_ == "NNP" \
        and doc[verb.i + 1].tag_ in ("NNP", "DT", "PRP$") and not any(t.pos_ in ("VERB", "AUX") and t.i != verb.i
                                                                      for t in verb.sent)


def _coordinated_object_verb(verb: Token) -> Token | None:
    """"Scholz conceded defeat and congratulated Merz": defeat/dobj and/cc
    congratulated/amod Merz/conj, a second verb read as a modifier of its own object. The
    verb whose object the coordination begins with (conceded), which it goes on from."""
    first = verb.head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first is verb.head or first.dep_ not in DIRECT_OBJECTS or not is_verb(first.head):
        return None
    return first.head


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The token that is the subject of `verb`, own or shared (see the module doc). The
    subject of a passive is its patient. A relative pronoun is replaced by its noun."""
    if depth > 6:
        return None
    subj = own_subject(verb)
    if subj is not None:
        if subj.lower_ in RELATIVE_WORDS and verb.dep_ == "relcl":
            return _antecedent(verb)
        if subj.dep_ in ("csubj", "csubjpass"):
            return None
        return subj
    dep = verb.dep_
    head = verb.head
    if dep == "relcl":
        return _antecedent(verb)
    if dep == "acl":
        return _subject_of_clause_on_noun(verb)
    if dep == "conj" and is_verb(head):
        partner = coordinated_partner(verb)
        return subject_of(partner if partner is not None else head, depth + 1)
    misread = misread_as_modifier(verb)
    if misread is not None:
        return misread
    if dep == "conj" and not is_verb(head):
        # "... military seized power on Monday and detained Suu Kyi": the first verb misread
        first = next((c for c in head.children if c.i < verb.i and misread_as_modifier(c) is not None), None)
        if first is not None:
            return misread_as_modifier(first)
        main = _main_verb_over_report(verb)
        if main is not None:
            return subject_of(main, depth + 1)
    if dep == "xcomp" or (dep in ("ccomp", "advcl") and _infinitive(verb)):
        for c in head.children:
            # "gave permission to Peru to help", "granted Kenya the right to ...": the receiver acts
            if c.dep_ == "dative":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None) if c.pos_ == "ADP" else c
                if obj is not None:
                    return obj
        if head.lemma_ in OBJECT_CONTROL:
            obj = next((c for c in head.children if c.dep_ in DIRECT_OBJECTS), None)
            if obj is not None:
                return obj
        if head.dep_ in ("acomp", "attr") and is_verb(head.head):
            return subject_of(head.head, depth + 1)  # "are due to meet", "is ready to talk"
        return subject_of(head, depth + 1) if is_verb(head) else None
    if dep == "acomp" and is_verb(head):
        return subject_of(head, depth + 1)  # "Egypt would remain committed to the treaties"
    if dep == "advcl" and verb.tag_ in ("VBG", "VBN"):
        return subject_of(head, depth + 1) if is_verb(head) else None
    if dep == "pcomp" and head.dep_ == "prep" and is_verb(head.head):
        if head.lower_ != "by":
            # "accused Qatar of backing terrorism": the object does the gerund's act
            obj = next((c for c in head.head.children if c.dep_ in DIRECT_OBJECTS), None)
            if obj is not None:
                return obj
        return subject_of(head.head, depth + 1)
    if dep == "pcomp" and head.dep_ == "prep" and is_noun(head.head) and head.head.dep_ in ("dobj", "attr"):
        # "took the step of recalling": the light verb's subject
        grand = head.head.head
        return subject_of(grand, depth + 1) if is_verb(grand) else None
    return None


def _subject_of_clause_on_noun(verb: Token) -> Token:
    """The subject of a clause hung on a noun (`acl`): the noun, or whom it is addressed to."""
    head = verb.head
    if _infinitive(verb):
        # "gave permission to Peru to help Bolivia", "a call for Iran to halt": the
        # one the noun is addressed to does the act
        for c in head.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for"):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
    if head.dep_ == "appos" and head.head.i != head.i and head.head.i < head.i:
        # "The UN envoy for Iraq, Jan Kubis, called on ...": the apposition is the same
        # one as the noun it follows, which says whom it acts for
        return head.head
    main = main_verb_after_relative(verb)
    if main is not None:
        return main
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.tag_ in ("VBD", "VBZ", "VBP") and before is not None and before.dep_ == "conj" and before.head.i == head.i:
        # "condemned the killings, and Ban Ki-moon called on ...": the parser hung a new
        # clause on the object; its subject is the conjunct just before the verb
        return before
    return head  # "the coalition fighting in Yemen", "sanctions imposed by ...": the noun


def subject_is_inherited(verb: Token) -> bool:
    return own_subject(verb) is None


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def objects_of(verb: Token) -> list[Token]:
    """Direct and indirect objects ('gave Kenya aid': Kenya and aid); a 'to' the parser
    labels dative is a preposition (`prepositional_objects`)."""
    objects = [c for c in verb.children if c.dep_ in DIRECT_OBJECTS and c.pos_ != "ADP"]
    if not objects and verb.tag_ == "VBD" and verb.dep_ == "amod" and _coordinated_object_verb(verb) is not None:
        objects = [verb.head]  # ("conceded defeat and congratulated Merz": Merz)
    if not objects and verb.dep_ == "amod" and verb.head.i > verb.i and _verbless_name_chain(verb):
        objects = [verb.head]  # ("al-Sisi hosted Jordan's King Abdullah": Jordan's king)
    if not objects and not is_passive(verb):
        # "Blinken called Armenian Prime Minister Nikol Pashinyan": the parser reads a
        # naming ("called him a liar") with its object left out; a lone name is the object
        objects = [c for c in verb.children if c.dep_ == "oprd" and c.pos_ == "PROPN"]
    return objects


def prepositional_objects(head: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, its noun) for the prepositional phrases hanging on `head`
    ('severed relations with Qatar': ('with', Qatar)). Multi-word prepositions give
    their last word ('in front of' -> 'of')."""
    for c in head.children:
        if c.lower_ in ATTRIBUTION_PREPOSITIONS:
            continue
        if c.dep_ in ("prep", "agent") or c.dep_ == "dative" and c.pos_ == "ADP":
            yield from _prep_objects(c)


def _prep_objects(prep: Token, outer: str | None = None) -> Iterator[tuple[str, Token]]:
    for g in prep.children:
        if g.dep_ == "pobj":
            yield (f"{outer} {prep.lower_}" if outer else prep.lower_), g
        elif g.dep_ == "prep":  # "out of", "because of"
            yield from _prep_objects(g, prep.lower_ if prep.lower_ in _COMPANION_PREPOSITIONS else None)


def coordinated(token: Token) -> list[Token]:
    """The token and its conjuncts, in order. A list whose second member the parser made
    an apposition ("Saudi Arabia, the UAE, Bahrain and Egypt") counts as coordination when
    the apposition itself has conjuncts."""
    out = [token]
    seen = {token.i}
    stack = [token]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.i in seen:
                continue
            if c.dep_ == "conj" or (c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children)):
                seen.add(c.i)
                out.append(c)
                stack.append(c)
    if token.dep_ == "conj":
        # asked from a later conjunct: the whole list
        first = token.head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.i not in seen:
            return coordinated(first)
    return sorted(out, key=lambda t: t.i)


# Verbs that take an event noun as their object and add little of their own: the noun
# carries the event, the verb its participants ("Iran carried out a strike").
LIGHT_VERB_DEPS = frozenset({"dobj", "attr", "nsubjpass"})
# Verbs whose "in" phrase holds the act their subject is engaged in ("was in talks with").
STATE_OF_BEING_VERBS = _WORDS.words("state_of_being_verbs")
# ... and verbs that do so with an object ("took part in").
PARTAKING_VERBS = _WORDS.words("partaking_verbs")
PARTAKING_OBJECTS = _WORDS.words("partaking_objects")
# Act nouns one is "on" ("is on a visit to China").
ON_ACT_NOUNS = _WORDS.words("on_act_nouns")
# Verbs after which "under" names the act their subject undergoes ("came under fire").
UNDERGOING_VERBS = _WORDS.words("undergoing_verbs")
PLACING_VERBS = _WORDS.words("placing_verbs")


# Verbs after which "to" names the act that took something from their subject ("lost a leg
# to a landmine").
LOSING_VERBS = _WORDS.words("losing_verbs")


def losing_verb(noun: Token) -> Token | None:
    """The verb whose subject lost something to the act the noun names ("lost a leg to a
    landmine"), if any."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lemma_.lower() in LOSING_VERBS:
        return noun.head.head
    return None


def undergoing_verb(noun: Token) -> Token | None:
    """The verb the noun is the act undergone of ("came under criticism"), if any."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.lemma_.lower() in UNDERGOING_VERBS:
        return noun.head.head
    return None


def placing_verb(noun: Token) -> Token | None:
    """The verb that does the noun's act to its object ("placed him under house arrest"), if any."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.lemma_.lower() in PLACING_VERBS:
        return noun.head.head
    return None


def light_verb_of(noun: Token) -> Token | None:
    """The verb whose object the event noun is ("launched strikes", "held talks", "was
    given a warning"); a noun in a prepositional phrase of a noun ("took the step of") is
    not reached."""
    t = noun
    for _ in range(3):
        if t.dep_ in LIGHT_VERB_DEPS and is_verb(t.head):
            return t.head
        if t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.dep_ in ("prep", "dative") and is_verb(t.head.head):
            return t.head.head  # "agreed to a ceasefire", "returned to talks", "resorted to force"
        if t.dep_ == "pobj" and t.head.lower_ == "on" and t.head.head.lemma_ == "be" and t.lower_ in ON_ACT_NOUNS:
            return t.head.head  # "Lavrov is on a two-day visit to China"
        if undergoing_verb(t) is not None or placing_verb(t) is not None:
            return t.head.head  # "came under fire from gunboats", "placed him under house arrest"
        if t.dep_ == "pobj" and t.head.lower_ == "in" and _engaged_in(t.head.head):
            return t.head.head  # "was in contact with Tehran", "took part in the raids"
        if t.dep_ == "pobj" and t.head.lower_ == "of" and (t.head.head.lower_ in DURATION_NOUNS
                                                            or t.head.head.lower_ in RUN_NOUNS):
            t = t.head.head  # "completed three days of war games", "ended a round of talks"
            continue
        # "imposed sanctions and a travel ban"; "fired tear gas and water cannon" (read as
        # a modifier of the last noun)
        if t.dep_ not in ("conj", "nmod", "compound") or t.head.i == t.i or not is_noun(t.head):
            return None
        t = t.head
    return None


def _engaged_in(verb: Token) -> bool:
    """A verb whose "in" phrase holds the act its subject is engaged in: "was in talks",
    "participated in the talks", "took part in the raids"."""
    return verb.lemma_ in STATE_OF_BEING_VERBS or verb.lemma_ in PARTAKING_VERBS and any(
        c.dep_ == "dobj" and c.lower_ in PARTAKING_OBJECTS for c in verb.children)


def clause_verb(token: Token) -> Token | None:
    """The nearest verb above the token (the token itself when it is a verb)."""
    t = token
    for _ in range(12):
        if is_verb(t) and t.dep_ not in AUXILIARY_DEPS:
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def governing_preposition(token: Token) -> str | None:
    """'in' for the noun of 'in Brussels'; None for a subject or object."""
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent"):
        return token.head.lower_
    if token.dep_ == "conj":
        return governing_preposition(token.head)
    return None


def ancestors_to(token: Token, top: Token) -> bool:
    """Whether `top` dominates `token` (or is it)."""
    return token.i == top.i or any(a.i == top.i for a in token.ancestors)


DECLARING_VERBS = _WORDS.words("declaring_verbs")


def declaring_verb(head: Token) -> Token | None:
    """The verb whose object a trigger phrase says something of ("Quito declared the Mexican
    ambassador persona non grata"; the parser hangs the phrase on it as a clause or object)."""
    t = head
    for _ in range(3):
        verb = t.head
        if verb.i == t.i:
            return None
        if verb.lemma_.lower() in DECLARING_VERBS and verb.i < t.i and t.dep_ in ("ccomp", "oprd", "dobj", "xcomp"):
            return verb
        t = verb
    return None
