"""Source and target of an event trigger, read from the dependency parse of its sentence.

One engine for every trigger:

- a verb: its subject (own or shared, see `eventetl.extractors.events.clauses.subject_of`) is the source
  and its object or the noun of one of the rule's prepositions the target; in the passive
  the subject is the target and the "by" phrase the source;
- an event noun: its possessor, its nationality or name modifiers ("Israeli air
  strikes", "US sanctions") or its "by" phrase are the source, the noun of "on",
  "against", "with", "to" ... the target; "between X and Y" names both sides; a noun that
  is the object of a verb ("Iran carried out a strike", "held talks with") takes that
  verb's subject and its prepositional objects;
- an argument is the actor the recognizer found at that word, else in its noun phrase
  ("hundreds of UN troops", "a spokesman for the ministry"), else what the reference
  resolver says a pronoun or relative word stands for; coordination gives one actor per
  conjunct ("Saudi Arabia, the UAE, Bahrain and Egypt severed ties with Qatar").

It returns token-level facts only (`Arguments`); what is coded from them (pairs, same
country, places) is `eventetl.extractors.events.coder`'s business.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable, Iterable

from spacy.tokens import Token

from eventetl.extractors.events.clauses import (RELATIVE_WORDS, RUN_NOUNS, UNDERGOING_VERBS, agent_of, coordinated,
                                                declaring_verb,
                                                governing_preposition, is_noun, is_passive, is_verb, light_verb_of,
                                                losing_verb, misread_as_modifier, objects_of, own_subject,
                                                placing_verb, prepositional_objects, subject_of)
from eventetl.extractors.actors.mentions import PERSON_KINDS, Actor
from eventetl.extractors.actors.recognizer import GENERIC_ROLES
from eventetl.extractors.actors.reference import object_of_first_conjunct
from eventetl.extractors.events.syntax import Parsed
from eventetl.extractors.places.gazetteer import read_place_csv
from eventetl.extractors.text.grammar import PATIENT_INFINITIVES
from eventetl.extractors.ruleset.word_lists import word_lists

# The English of this module: rules/language/attachment.yaml (what each list is for).
_WORDS = word_lists("attachment", "verb_target_prepositions", "noun_target_prepositions", "part_prepositions",
                    "announcing_verbs", "coordinators", "holding_participles", "means_prepositions",
                    "setting_prepositions", "posted_roles", "members_phrase", "ordering_verbs",
                    "shared_object_pronouns", "giving_verbs", "behalf_nouns", "occasion_nouns", "heading_nouns")

# Prepositions whose noun is the target of a verb ("fired at", "sanctions against",
# "clashed with", "sent to") unless a rule names its own.
VERB_TARGET_PREPS = _WORDS.sequence("verb_target_prepositions")
# ... and of an event noun ("the invasion of Ukraine", "talks between").
NOUN_TARGET_PREPS = VERB_TARGET_PREPS + _WORDS.sequence("noun_target_prepositions")
# "in support of Greece", "in solidarity with Kyiv": the party an act is done for.
BEHALF_NOUNS = _WORDS.words("behalf_nouns")
OCCASION_NOUNS = _WORDS.words("occasion_nouns")
HEADING_NOUNS = _WORDS.words("heading_nouns")
# Prepositions heading a noun phrase's own source ("pressure from Washington").
NOUN_SOURCE_PREPS = ("by", "from")
# Modifier relations by which a noun phrase names who it belongs to.
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
# Words heading a noun phrase that is about some part of a group ("hundreds of troops",
# "members of the guard", "a spokesman for the ministry"): the actor is in the "of" phrase.
PART_PREPS = _WORDS.sequence("part_prepositions")
_MEMBERS_PREP, _MEMBERS_PRONOUN = _WORDS.sequence("members_phrase")
# Roles of someone posted somewhere: their "for"/"to" phrase is where, not whose.
POSTED_ROLES = _WORDS.words("posted_roles")
# Verbal acts (statements, appeals, praise, demands, disapproval, rejection, threats): a
# second verb of this kind after a reported clause is the reporter's.
SPEECH_ACT_ROOTS = frozenset({"01", "02", "05", "10", "11", "12", "13"})
SPEECH_ACT_CODES = frozenset({"051"})
# Acts a government announces in the passive of its own doing ("sanctions will be imposed",
# "troops were being mobilised"): not force or coercion, whose victims report them so.
ANNOUNCED_ROOTS = frozenset({"03", "04", "05", "06", "07", "08", "15", "16"})
# Acts whose clause of purpose names what they are about, not whom they act on ("met to
# discuss Russia's future").
MEETING_ROOTS = frozenset({"04"})
# Acts that direct another to act: the one told to act is their target ("demanded that
# Bashir step down", "called for Iran to release them").
DIRECTIVE_ROOTS = frozenset({"02", "10"})
# Prepositions telling an act as done before the clause's own ("flew home after a meeting
# with Putin"): a meeting so told took place.
PRECEDING_PREPS = ("after", "following")
ANNOUNCING = _WORDS.words("announcing_verbs")
HOLDING = _WORDS.words("holding_participles")
MEANS_PREPS = _WORDS.words("means_prepositions")
SETTING_PREPS = _WORDS.words("setting_prepositions")
# Codes whose possessor is the one acted on when no "of" phrase names that ("Meng's
# arrest", "Bazoum's release").
PATIENT_POSSESSOR_ROOTS = frozenset({"17", "08"})

Resolver = Callable[[Token], list[Actor]]


@dataclass
class Arguments:
    """What the parse says about one trigger."""
    head: Token
    verbal: bool
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    passive: bool = False
    reciprocal: bool = False  # the sources are the parties of a mutual act ("X and Y met")
    source_from: str = ""  # subject, agent, possessor, modifier, light verb, between ...
    direct_object: bool = False  # the target is the verb's direct object ("met X"), not a prepositional partner
    answered: Token | None = None  # the object when it is itself an act ("condemned the attack")
    predicate: Token | None = None  # the verb that carries the clause (the light verb of a noun)


class SentenceActors:
    """The actors of one parsed sentence, found by token."""

    def __init__(self, parsed: Parsed, actors: Iterable[Actor], resolve: Resolver,
                 expand: Callable[[list[Actor]], list[Actor]] = lambda actors: actors):
        self.parsed = parsed
        self.at: dict[int, Actor] = {}
        for a in actors:
            for i in range(a.start, a.end):
                self.at[i] = a
        self.resolve = resolve
        self.expand = expand  # pair phrases ("both countries") -> the two parties

    def of_phrase(self, token: Token) -> list[Actor]:
        """The actors a noun phrase names (see `_phrase`), pair phrases expanded."""
        return self.expand(self._phrase(token))

    def _phrase(self, token: Token) -> list[Actor]:
        """The actors a noun phrase headed by `token` names: one per party of a
        coordination ("US President Donald Trump and North Korean leader Kim Jong Un": the
        US and North Korean leaders), else the actor at the head ("China, Pyongyang's main
        ally": China). A pronoun or an organisation noun is resolved; a phrase naming part
        of a group ("hundreds of UN troops") gives the group's actor."""
        own = self.at.get(self.parsed.index(token))
        members = _members_named(token) if own is None or own.bare_role else None
        if members is not None:
            named = [a for a in self._phrase(members) if a.country]
            if named:
                return named  # "freed 24 hostages, among them 13 Israelis and 10 Thai workers"
        tokens = [t for t in _phrase_tokens(token) if not self._inside_loose_apposition(t, token)]
        heads = {t.i for t in tokens if t.i == token.i or t.dep_ in ("conj", "appos")}
        found: list[Actor] = []
        for t in tokens:
            a = self.at.get(self.parsed.index(t))
            if a is None or a in found or not (a.country or a.kind != "agent"):
                continue
            if a.kind in ROLE_KINDS and not a.country and not any(
                    self.parsed.index(h) in range(a.start, a.end) for h in self.parsed.doc if h.i in heads):
                continue  # "missile strikes", "rebel-held town": a role word modifying a noun
            found.append(a)
        if found and _is_coordination(tokens):
            # "criticised the council and Iran", "he and Putin": a conjunct that refers back
            for t in tokens:
                if t.i in heads and self.at.get(self.parsed.index(t)) is None:
                    found += [a for a in self.resolve(t) if a not in found]
            found.sort(key=lambda a: a.start)
        if found:
            if _is_coordination(tokens):
                return self._per_conjunct(tokens, found)
            head = self.at.get(self.parsed.index(token))
            if head is not None and head in found:
                return [head] + self._owners_alongside(token, head)
            own = self._one(token)
            if own and (own[0].country or own[0].kind != "agent"):
                return own  # "thousands of demonstrators, some waving Russian flags"
            return [min(found, key=lambda a: abs(a.start - self.parsed.index(token)))]
        return self._one(token)

    def _owners_alongside(self, token: Token, head: Actor) -> list[Actor]:
        """'The foreign ministers of India and China': the country coordinated with the one
        whose role holders the plural names is a party too, in the same role."""
        if token.tag_ != "NNS":
            return []
        owners = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
        out = []
        for owner in owners:
            if len(owner.conjuncts) != 1:
                continue  # (the leaders of three or more: the story's pair would drown in their pairs)
            for conj in owner.conjuncts:
                a = self.at.get(self.parsed.index(conj))
                if a is not None and a.country and a.country != head.country and a not in out:
                    out.append(replace(a, agent=head.agent))
        return out

    def _inside_loose_apposition(self, t: Token, top: Token) -> bool:
        """A word inside an apposition whose head is no actor ("thousands of protesters,
        some waving Russian flags"): it describes, it does not name the party."""
        for a in [t, *t.ancestors]:
            if a.i == top.i:
                return False
            if a.dep_ == "appos" and not self._names_a_party(a) and not any(
                    g.dep_ == "conj" and self._names_a_party(g) for g in a.children):
                return True  # ("China, Myanmar's neighbour and a major investor": two descriptions)
        return False

    def _names_a_party(self, t: Token) -> bool:
        """The word is an actor's: a name, or a role word named with its country ("Chinese
        troops"; not "a major investor", whatever country the story gives it)."""
        a = self.at.get(self.parsed.index(t))
        return a is not None and (a.kind not in ROLE_KINDS or a.country is not None and not a.bare_role)

    def _per_conjunct(self, tokens: list[Token], found: list[Actor]) -> list[Actor]:
        """One actor per party of a coordination ("US President Donald Trump and North
        Korean leader Kim Jong Un": two parties): each conjunct's phrase (its subtree without
        the conjuncts hanging on it) gives the actor at its head, else the nearest one."""
        members = [t for t in tokens if t.dep_ == "conj" or t.dep_ == "appos" and any(
            g.dep_ == "conj" for g in t.children) or _misparsed_conjunct(t)]
        first = min(tokens, key=lambda t: t.i)
        while first.head.i != first.i and first.head in tokens and first.dep_ not in ("conj", "appos"):
            first = first.head
        out: list[Actor] = []
        for h in [first] + members:
            nested = {d.i for m in members if m is not h and h in m.ancestors or False for d in m.subtree}
            nested |= {d.i for c in h.children if c in members for d in c.subtree}
            phrase = [self.parsed.index(t) for t in h.subtree if t.i not in nested]
            at_head = self.at.get(self.parsed.index(h))
            party = at_head if at_head in found else min(
                (a for a in found if a.start in phrase), key=lambda a: abs(a.start - self.parsed.index(h)), default=None)
            if party is not None and all(party.identity != b.identity for b in out):
                out.append(party)
        for a in found:
            # a party the conjunct split missed (an odd parse): keep it unless its country is there
            if all(a.country != b.country or a.country is None and a.name != b.name for b in out):
                out.append(a)
        return out

    def _one(self, t: Token, depth: int = 0) -> list[Actor]:
        i = self.parsed.index(t)
        found = self.at.get(i)
        if found is not None and (found.country or found.kind != "agent"):
            return [found]
        if t.lower_ in RELATIVE_WORDS and t.head.dep_ == "relcl" and depth < 2:
            return self.of_phrase(t.head.head)
        resolved = self.resolve(t) if found is None else []
        if resolved:
            return resolved
        if depth < 2:
            # "a spokesman for Palestinian President Abbas", "hundreds of UN troops"
            for prep, noun in prepositional_objects(t):
                if prep not in PART_PREPS or prep == "for" and t.lemma_.lower() in POSTED_ROLES:
                    continue
                if depth:
                    inner = self._one(noun, depth + 1)
                elif prep == "including" or prep == "from" and any(c.dep_ == "conj" for c in noun.children):
                    # "governments, including Argentina and Peru", "imports from Mexico and Canada": each
                    inner = self.of_phrase(noun)
                else:
                    inner = self._one(noun, depth + 1) or self.of_phrase(noun)
                if inner and found is None and prep == "of" and t.lemma_.lower() in HEADING_NOUNS \
                        and t.tag_ == "NN" and len(inner) == 1 and inner[0].plural:
                    # "the head of the armed forces": one person of the body, not the body
                    a = inner[0]
                    return [replace(a, name=f"{t.lower_} of {a.name}", plural=False)]
                if inner:
                    return [_with_role(a, found) for a in inner]
            for c in t.children:
                if c.dep_ in MODIFIER_DEPS and c.i < t.i:
                    a = self.at.get(self.parsed.index(c))
                    # "the African Union's observer mission": a body's own people are the body
                    if a is not None and (a.country or c.dep_ == "poss" and a.kind == "org") and a.kind not in ROLE_KINDS:
                        return [_with_role(a, found)]
                    if c.dep_ == "poss":
                        owners = self.resolve(c)
                        if len(owners) == 1 and owners[0].country and found is None:
                            return []  # "its allies": others than the owner
        return [found] if found is not None else []


def _members_named(group: Token) -> Token | None:
    """The phrase after a group noun that names its members ("24 hostages, among them 13
    Israelis"), hung by the parser on the noun or on its verb."""
    holders = list(group.children)
    if group.dep_ in ("dobj", "nsubj", "nsubjpass"):
        holders += [c for c in group.head.children if c.i > group.i]
    for h in holders:
        if any(c.dep_ == "prep" and c.lower_ == _MEMBERS_PREP
               and any(g.dep_ == "pobj" and g.lower_ == _MEMBERS_PRONOUN for g in c.children)
               for c in h.children):
            return h
    return None


# Relations inside one noun phrase (not its prepositional phrases, clauses or possessor).
PHRASE_DEPS = frozenset({"compound", "appos", "conj", "amod", "nmod", "cc", "punct", "det", "nummod",
                         "npadvmod", "flat", "quantmod", "predet", "preconj", "nn"})
# Kinds of mention that are role words (with or without a country), not names.
ROLE_KINDS = frozenset({"agent", "agent+country"})
COORDINATORS = _WORDS.words("coordinators")


def _phrase_tokens(token: Token) -> list[Token]:
    out = [token]
    stack = [token]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in PHRASE_DEPS and not _starts_clause(c):
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def _misparsed_conjunct(t: Token) -> bool:
    """"Sudan's government and southern rebels": a first conjunct the parser hung on the
    second as a modifier, the coordinator left on it."""
    return t.dep_ in ("nmod", "compound") and t.tag_.startswith("NN") and any(
        c.dep_ == "cc" and c.lower_ in COORDINATORS and c.i > t.i for c in t.children)


def _starts_clause(conj: Token) -> bool:
    """A conjunct after ", and" followed by a finite verb is a new clause's subject the
    parser hung on the object ("condemned the killings, and Ban Ki-moon called on ...")."""
    if conj.dep_ != "conj":
        return False
    after = conj.i + 1
    if after >= len(conj.doc) or conj.doc[after].tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    verb = conj.doc[after]
    # ("The US, Russia, and Switzerland met": the verb the coordination is the subject of)
    return all(a.i != verb.i for a in conj.ancestors) \
        and any(conj.doc[k].text == "," for k in range(conj.head.i + 1, conj.i))


def _is_coordination(tokens: list[Token]) -> bool:
    return any(t.dep_ == "cc" and t.lower_ in COORDINATORS or t.dep_ == "conj" for t in tokens)


def _with_role(actor: Actor, role: Actor | None) -> Actor:
    """A country named inside a role word's phrase, with the role word's agent type."""
    if role is not None and role.name.lower().split()[-1] in GENERIC_ROLES and actor.agent:
        return actor  # "the leader of the opposition", "a spokesman for the ministry"
    if role is None or actor.kind not in ("country", "capital", "demonym") or not role.agent:
        return actor
    return Actor(f"{role.name} ({actor.name})", actor.country, role.agent, "agent+country",
                 min(actor.start, role.start), max(actor.end, role.end), plural=role.plural)


def trigger_head(parsed: Parsed, start: int, end: int) -> Token:
    """The word of the trigger span the rest hangs on ("shot down": shot; "air strike": strike)."""
    tokens = [parsed.token(i) for i in range(start, end)]
    # ("seized power" read as one noun phrase, "seized" a modifier: the verb still heads the act)
    misread = next((t for t in tokens if misread_as_modifier(t) is not None), None)
    if misread is not None:
        return misread
    outside = [t for t in tokens if t.head.i == t.i or not start <= parsed.index(t.head) < end]
    words = [t for t in outside if not t.is_punct]
    if len(words) > 1 and all(t.head.i == words[0].head.i and t.dep_ == words[0].dep_ for t in words):
        return words[-1]  # "counter - attack" parsed flat: an English compound's head is its last word
    for t in outside[:1]:
        # ("was in contact with Tehran": the noun the phrase is about, not its preposition)
        noun = next((c for c in t.children if c.dep_ == "pobj" and start <= parsed.index(c) < end), None) \
            if t.dep_ == "prep" else None
        return noun if noun is not None else t
    return tokens[0]


AID_ROOT = "07"
# Acts of force, whose effects ("destroyed", "killed") say what they hit.
EFFECT_ROOTS = frozenset({"18", "19", "20"})


def attach(parsed: Parsed, start: int, end: int, actors: SentenceActors, *, code: str,
           target_preps: tuple[str, ...] = (), symmetric: bool = False,
           object_is_topic: bool = False, is_act: Callable[[Token], bool] = lambda t: False,
           receiving: frozenset[str] = frozenset(), onlookers: frozenset[str] = frozenset()) -> Arguments:
    """Arguments of the trigger at article tokens [start, end). `receiving`: lemmas of verbs
    whose subject receives the act their object names ("faces pressure from ..."); `onlookers`:
    of verbs whose subject takes no part in it ("announced a truce")."""
    head = trigger_head(parsed, start, end)
    declared = _declared_parties(head, parsed, start, actors)
    if declared is not None:
        return declared
    if is_noun(head) and not head.tag_.startswith("VB") or _is_gerund_noun(head):
        args = _noun_frame(head, actors, code, target_preps, symmetric, is_act, receiving, onlookers)
        if not args.targets and code[:2] in EFFECT_ROOTS:
            args.targets = _hit_by(head, actors)
        return args
    modifier = _gerund_modifier(head, actors)
    if modifier:
        # "killed in Israeli tank shelling": a gerund the parser read as a verb, after
        # the nationality that modifies it, is an event noun
        args = _noun_frame(head, actors, code, target_preps, symmetric, is_act)
        args.sources, args.source_from = modifier, "modifier"
        return args
    args = _verb_frame(head, actors, target_preps, symmetric, object_is_topic, is_act,
                       speech_act=code[:2] in SPEECH_ACT_ROOTS or code[:3] in SPEECH_ACT_CODES,
                       announced=code[:2] in ANNOUNCED_ROOTS, purpose=code[:2] not in MEETING_ROOTS,
                       directive=code[:2] in DIRECTIVE_ROOTS)
    if not args.targets and end - start > 1:
        args.targets = _trigger_preposition_object(parsed, end, actors)
    if head.lemma_ in receiving and not args.passive:
        # "the rebels received weapons from Turkey": the giver acts on the receiver
        giver = next((found for prep, noun in prepositional_objects(head) if prep in NOUN_SOURCE_PREPS
                      and (found := actors.of_phrase(noun))), [])
        if giver:
            args.sources, args.targets, args.source_from = giver, args.sources, "giver"
            args.direct_object = True
    return args


def _declared_parties(head: Token, parsed: Parsed, start: int, actors: SentenceActors) -> Arguments | None:
    """"Quito declared the Mexican ambassador persona non grata": the parser makes the
    envoy the subject or a modifier of the phrase; the declaring verb's subject does the
    act, to whoever stands between the verb and the phrase."""
    verb = declaring_verb(head)
    subject = subject_of(verb) if verb is not None else None
    if subject is None:
        return None
    said_of = list(dict.fromkeys(actors.at[i] for i in range(parsed.index(verb) + 1, start) if i in actors.at))
    if not said_of or not actors.of_phrase(subject):
        return None
    return Arguments(head, verbal=True, sources=actors.of_phrase(subject), targets=said_of,
                     source_from="declarer", direct_object=True, predicate=verb)


def _trigger_preposition_object(parsed: Parsed, end: int, actors: SentenceActors) -> list[Actor]:
    """'rallied behind Madrid', 'sided with Kyiv': a trigger phrase that ends in a
    preposition acts on that preposition's object."""
    if end - 1 not in parsed:
        return []
    last = parsed.token(end - 1)
    if last.dep_ != "prep":
        return []
    # (the object itself an actor: "called for a summit of EU leaders" calls for no one)
    return [a for c in last.children if c.dep_ == "pobj" and parsed.index(c) in actors.at
            for a in actors.of_phrase(c)]


def _hit_by(noun: Token, actors: SentenceActors) -> list[Actor]:
    """What an act of force named as the subject of its effect hit: "an Israeli air strike
    destroyed Iran's consulate", "the attack killed 12 Iraqi soldiers"."""
    verb = noun.head
    if noun.dep_ != "nsubj" or not is_verb(verb) or is_passive(verb):
        return []
    return next((found for obj in objects_of(verb) if obj.dep_ == "dobj" and (found := actors.of_phrase(obj))), [])


def _is_gerund_noun(head: Token) -> bool:
    """"Mugabe's sacking of his deputy", "the shelling of the town": a gerund with a
    possessor or an article names the act as a noun does; so does one that is a clause's
    subject ("Fighting between the army and the RSF raged")."""
    return head.tag_ == "VBG" and (any(c.dep_ in ("poss", "det") for c in head.children)
                                   or head.dep_ in ("nsubj", "nsubjpass")) and not any(
        c.dep_ in ("nsubj", "dobj", "aux") for c in head.children)


def _gerund_modifier(head: Token, actors: SentenceActors) -> list[Actor]:
    if head.tag_ != "VBG" or head.i == 0 or any(c.dep_ in ("nsubj", "dobj", "aux") for c in head.children):
        return []
    prev = actors.at.get(actors.parsed.index(head.doc[head.i - 1]))
    if prev is None or not prev.country or prev.kind not in ("demonym", "agent+country", "country"):
        return []
    return [prev]


# Pronouns by which a reporter speaks of itself in what it reports.
REPORTED_SELF = frozenset({"he", "she", "it", "they", "we", "i"})


def _venue(prep: str, found: list[Actor]) -> bool:
    """'talks in Doha mediated by Qatar', 'mediated talks in Doha': a city after "in" is
    where the act took place, not a party to it; so is an institution's seat after "at"
    ("signed a peace agreement at the State Department", "met at the White House")."""
    if not found:
        return False
    if prep == "at":
        return all(a.name.lower() in _seated_institutions() for a in found)
    return prep == "in" and all(a.kind == "capital" for a in found)


@lru_cache(maxsize=1)
def _seated_institutions() -> frozenset[str]:
    return frozenset(r["institution"].lower() for r in read_place_csv("institution_seats.csv"))


def _passive_frame(args: Arguments, verb: Token, subject: Token | None, actors: SentenceActors,
                   target_preps: tuple[str, ...], announced: bool) -> None:
    """Fill `args` of a passive verb: its subject is acted on, its agent acts."""
    if subject is not None:
        args.targets = actors.of_phrase(subject)
    if not args.targets:
        # "sanctions were imposed on Iran", "the ban on Georgian wine was lifted": the act
        # named by the subject, or the verb, has its target in a prepositional phrase
        preps = target_preps or VERB_TARGET_PREPS
        args.targets = next((found for prep, noun in [*prepositional_objects(verb), *(
            prepositional_objects(subject) if subject is not None else ())]
            if prep in preps and prep != "of" and (found := actors.of_phrase(noun))
            and not _venue(prep, found)), [])
    agent = agent_of(verb)
    if agent is not None:
        # ("was condemned by the opposition and by ECOWAS": both)
        args.sources = _with_coordinated_preposition(agent, actors)
        args.source_from = "agent"
    elif announced and verb.dep_ == "ccomp" and verb.head.i < verb.i and verb.head.lemma_ in ANNOUNCING:
        # "The Kremlin said the case would be dropped": a government announcing a step
        # of its own, done by no one named
        reporter = subject_of(verb.head)
        found = actors.of_phrase(reporter) if reporter is not None else []
        if found and all(a.political and a.country for a in found):
            args.sources, args.source_from = found, "announcer"


def _verb_frame(verb: Token, actors: SentenceActors, target_preps: tuple[str, ...], symmetric: bool,
                object_is_topic: bool, is_act: Callable[[Token], bool], speech_act: bool = False,
                announced: bool = False, purpose: bool = False, directive: bool = False) -> Arguments:
    args = Arguments(head=verb, verbal=True, predicate=verb, passive=is_passive(verb))
    subject = subject_of(verb)
    if _ordered_done(verb, args, actors):
        return args
    if args.passive:
        _passive_frame(args, verb, subject, actors, target_preps, announced)
    else:
        if subject is not None:
            speaker = _speaking_of_itself(subject, verb, actors)
            args.sources = speaker if speaker is not None else actors.of_phrase(subject)
            args.source_from = "subject" if own_subject(verb) is not None else "shared subject"
            if not args.sources and subject.pos_ == "PRON" and subject.lower_ in REPORTED_SELF \
                    and verb.dep_ == "ccomp" and is_verb(verb.head) and verb.head.i < verb.i:
                # "The prosecutor of the ICC, Karim Khan, said he had applied for ...": a
                # pronoun no earlier actor explains is the reporter speaking of itself
                reporter = subject_of(verb.head)
                found = actors.of_phrase(reporter) if reporter is not None else []
                if any(a.political for a in found):
                    args.sources, args.source_from = found, "reporter"
        if not args.sources and verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "pobj") and own_subject(verb) is None:
            # "lawmakers passed a motion demanding ...": the motion's author
            holder = verb.head.head if verb.head.dep_ == "dobj" else verb.head.head.head
            author = subject_of(holder) if is_verb(holder) else None
            if author is not None:
                args.sources, args.source_from = actors.of_phrase(author), "author"
        if own_subject(verb) is None and (speech_act or not any(a.political for a in args.sources)) \
                and not any(c.dep_ == "aux" for c in verb.children):
            # (a conjunct with its own auxiliary goes on with the reported clause: "said Iran
            # had expanded its stock and was still refusing inspectors")
            # "Putin said the peninsula had always been Russian and accused the US ...": the
            # parser may hang the second verb inside the reported clause; the reporter acts,
            # always for a speech act of its own (accusing, praising, announcing)
            first = verb
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            # (not "Merkel spoke to Putin and urged calm, her spokesman said": a report that
            # follows its content does not take the content's verbs)
            # (nor "accuses Rwanda of backing the rebels, who have seized areas and captured
            # towns": a clause whose subject is a relative pronoun is a relative clause the
            # parser took for a reported one)
            first_subject = own_subject(first)
            relative = first_subject is not None and first_subject.lower_ in RELATIVE_WORDS
            if first is not verb and first.dep_ == "ccomp" and is_verb(first.head) and first.head.i < first.i \
                    and not relative:
                reporter = subject_of(first.head)
                if reporter is not None:
                    found = actors.of_phrase(reporter)
                    if any(a.political for a in found):
                        args.sources, args.source_from = found, "reporter"
        args.targets, args.answered = _objects(verb, actors, target_preps, object_is_topic, is_act, args.sources)
        if not args.targets:
            args.targets = _object_of_the_main_act(verb, actors)
        if not args.targets and args.answered is None and directive:
            args.targets = _told_to_act(verb, actors)
            args.direct_object = bool(args.targets)
        if not args.targets and args.answered is None:
            # "was ready to develop relations with Afghanistan", "pledged to help Iraq": the
            # act intended is done to the one the infinitive acts on
            infinitive = _infinitive_complement(verb, purpose)
            if infinitive is not None:
                args.targets, _ = _objects(infinitive, actors, target_preps, object_is_topic, is_act, args.sources)
                args.direct_object = bool(args.targets)  # acted on, not a partner
        args.direct_object = args.direct_object or bool(args.targets) and any(
            actors.parsed.index(o) in range(a.start, a.end) or a in actors.of_phrase(o)
            for o in objects_of(verb) for a in args.targets[:1])
    if _is_to_blame(verb):
        _blamed_by_speaker(args, verb, actors)
    if symmetric and len(args.sources) >= 2 and not args.targets:
        args.reciprocal = True
    return args


# Object pronouns that a participle shares with the verb it follows ("arrested 12 members,
# accusing them of ...").
_OBJECT_PRONOUNS = _WORDS.words("shared_object_pronouns")
GIVING_VERBS = _WORDS.words("giving_verbs")


def _told_to_act(verb: Token, actors: SentenceActors) -> list[Actor]:
    """The one a demand or appeal tells to act: the subject of its clause ("demanded that
    Bashir step down", "called for Iran to release them"). Not the subject of a passive
    ("demanded that the prisoners be freed": acted on, not told)."""
    for c in verb.children:
        if not is_verb(c) or c.dep_ not in ("ccomp", "advcl", "xcomp"):
            continue
        if c.dep_ != "ccomp" and not any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
            continue
        subject = next((s for s in c.children if s.dep_ == "nsubj"), None)
        if subject is not None:
            return at_most_a_pair(actors.of_phrase(subject))
    return []


def at_most_a_pair(parties: list[Actor]) -> list[Actor]:
    """The parties of a clause told to act or reported on, each of them when one or two; of
    a list of three or more only the first, whose pairs would drown the story's pair."""
    return parties if len(parties) <= 2 else parties[:1]


def _object_of_the_main_act(verb: Token, actors: SentenceActors) -> list[Actor]:
    """'Police arrested 12 members of the opposition, accusing them of planning violence': a
    participle after the clause, whose object is a pronoun, acts on the clause's object."""
    if not (verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i < verb.i and is_verb(verb.head)):
        return []
    if not any(c.dep_ == "dobj" and c.lower_ in _OBJECT_PRONOUNS for c in verb.children):
        return []
    return [a for o in objects_of(verb.head) for a in actors.of_phrase(o)]


# Verbs whose object and a bare participle after it tell an act ordered done to the object
# ("a court ordered the mayor jailed").
_ORDERING_VERBS = _WORDS.words("ordering_verbs")


def _ordered_done(verb: Token, args: Arguments, actors: SentenceActors) -> bool:
    """'A Turkish court ordered Istanbul Mayor Ekrem Imamoglu jailed': the parser hangs the
    participle on "ordered" with no subject; the one who orders does the act, to the object."""
    head = verb.head
    if verb.dep_ not in ("ccomp", "oprd", "xcomp") or verb.tag_ not in ("VBN", "VBD") or head.i == verb.i \
            or head.lemma_.lower() not in _ORDERING_VERBS or own_subject(verb) is not None \
            or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    objects = [c for c in head.children if c.dep_ == "dobj" and c.i < verb.i]
    orderer = subject_of(head)
    if not objects or orderer is None:
        return False
    args.targets = [a for o in objects for a in actors.of_phrase(o)]
    args.sources, args.source_from = actors.of_phrase(orderer), "subject"
    return bool(args.targets and args.sources)


def _speaking_of_itself(subject: Token, verb: Token, actors: SentenceActors) -> list[Actor] | None:
    """'Hamas ... The group said it would release hostages', 'The drug's maker said it would
    ask regulators': a pronoun of the kind of a noun that says it is that speaker (its
    actors, or none when the noun names no actor), not the last actor named before. None
    when the pronoun is not so placed."""
    if not (subject.pos_ == "PRON" and subject.lower_ in REPORTED_SELF and verb.dep_ == "ccomp"
            and is_verb(verb.head) and verb.head.i < verb.i):
        return None
    speaker = own_subject(verb.head)
    if speaker is None or speaker.pos_ not in ("NOUN", "PROPN"):
        return None
    found = actors.of_phrase(speaker)
    person = any(a.kind in PERSON_KINDS for a in found)
    if subject.lower_ == "it" and (person or speaker.tag_ in ("NNS", "NNPS")) \
            or subject.lower_ in ("he", "she") and found and not person:
        return None
    return found


def _is_to_blame(verb: Token) -> bool:
    """'the United States was to blame': an infinitive of "be" told of the one it is done to."""
    return verb.lemma_ in PATIENT_INFINITIVES and verb.dep_ == "xcomp" and verb.head.lemma_ == "be" \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _blamed_by_speaker(args: Arguments, verb: Token, actors: SentenceActors) -> None:
    """'North Korea said the United States was to blame': the one to blame is the target,
    whoever says so the source."""
    be = verb.head
    reporter = subject_of(be.head) if be.dep_ == "ccomp" and is_verb(be.head) else None
    args.targets = args.sources
    args.sources = actors.of_phrase(reporter) if reporter is not None else []
    args.source_from = "reporter"


def _infinitive_complement(verb: Token, purpose: bool) -> Token | None:
    """The infinitive completing a verb or its adjective ("pledged to help", "was ready to
    talk"); with `purpose`, also one the parser read as a clause of purpose ("committed to
    provide"), which for other acts names their topic ("met to discuss Russia's future")."""
    deps = ("xcomp", "advcl") if purpose else ("xcomp",)
    for c in verb.children:
        if c.dep_ == "acomp":
            return _infinitive_complement(c, purpose)
        if c.dep_ in deps and is_verb(c) and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return c
    return None


def _objects(verb: Token, actors: SentenceActors, target_preps: tuple[str, ...], object_is_topic: bool,
             is_act: Callable[[Token], bool], sources: list[Actor]) -> tuple[list[Actor], Token | None]:
    """Targets of an active verb: its indirect or direct object or the noun of one of the
    target prepositions (a rule's own prepositions first); and the object when it names an
    act. An object that is the source's own ("recalled its ambassador from Tehran") gives
    way to another candidate."""
    answered = None
    objects = objects_of(verb)
    # "gave Kenya aid": the indirect object is the receiver
    objects.sort(key=lambda t: t.dep_ not in ("dative", "iobj"))
    preps = target_preps or VERB_TARGET_PREPS
    candidates: list[list[Actor]] = []
    # (a phrase fronted before the clause is its setting: "At an emergency Security Council
    # meeting, Guterres appealed to Putin")
    by_prep = [_with_coordinated_preposition(noun, actors) for prep, noun in prepositional_objects(verb)
               if prep in preps and not _fronted_setting(noun, verb) and not _venue(prep, actors.of_phrase(noun))]
    # "advised against travel to Mali": the prepositional object's own target
    # and "spoke by telephone with Aliyev": a means the parser gave the partner to
    by_prep += [actors.of_phrase(inner) for prep, noun in prepositional_objects(verb)
                if prep in preps or prep in MEANS_PREPS
                for p2, inner in prepositional_objects(noun) if p2 in preps and p2 != "of"]
    # "sent a ship into waters claimed by Greece": the place's holder is acted on
    by_prep += [actors.of_phrase(holder) for prep, noun in prepositional_objects(verb)
                if prep in preps and not actors.of_phrase(noun) for holder in _holders(noun)]
    by_prep += [actors.of_phrase(inner) for prep, noun in prepositional_objects(verb)
                if prep == "in" and noun.lemma_.lower() in BEHALF_NOUNS
                for p2, inner in prepositional_objects(noun) if p2 in ("of", "with")]
    by_object = []
    if not object_is_topic:
        for obj in objects:
            found = actors.of_phrase(obj)
            if found:
                by_object.append(found)
            elif answered is None and is_act(obj):
                answered = obj
            elif answered is None and obj.lower_ in RELATIVE_WORDS and verb.dep_ == "relcl" and is_act(verb.head):
                answered = verb.head  # "an allegation that Paris rejected"
            elif answered is None and (shared := object_of_first_conjunct(obj)) is not None and is_act(shared):
                answered = shared  # "rejected the sanctions and blamed them": the sanctions
        if not objects and answered is None and verb.dep_ == "relcl" and is_act(verb.head):
            answered = verb.head  # "a step the Kremlin denounced": the relative word left out
        if answered is None:
            answered = _named_in_free_relative(verb, is_act)
    candidates = (by_prep + by_object) if target_preps else (by_object + by_prep)
    for obj in objects:
        # "condemned the attack on Kyiv", "imposed sanctions against Iran": the object's own
        # target; "host a meeting between Bashir and Kiir": the parties it brings together
        for prep, noun in _with_occasion_phrases(list(prepositional_objects(obj))):
            if prep in preps and prep != "of" or prep == "between":
                found = actors.of_phrase(noun)
                if not _venue(prep, found):
                    candidates.append(found)
            elif prep == "of" and (any(c.dep_ == "nummod" for c in noun.children) or obj.lower_ in RUN_NOUNS):
                # "imposed tariffs of 50 percent on Indian goods": the parser hangs the
                # target on the amount; "imposed a package of sanctions on Moscow": on the measures
                candidates += [actors.of_phrase(inner) for p2, inner in prepositional_objects(noun)
                               if p2 in preps and p2 != "of"]
        if not actors.of_phrase(obj):
            candidates += [actors.of_phrase(holder) for holder in _holders(obj)]
    candidates = [c for c in candidates if c]
    own = {s.country for s in sources if s.country}
    for obj in objects:
        # "evacuated its embassy in Kabul", "withdrew its troops from Syria": where the
        # source's own people or mission are is the country acted on
        if actors.of_phrase(obj) and all(a.country in own for a in actors.of_phrase(obj)):
            candidates += [actors.of_phrase(noun) for prep, noun in prepositional_objects(obj)
                           if prep in ("in", "from", "at")]
    candidates = [c for c in candidates if c]
    for found in candidates:
        # an object that is the source's own ("recalled its ambassador") or names no one in
        # particular ("deployed peacekeepers to Haiti") gives way to another candidate
        if not all(a.country in own for a in found) and any(a.political or a.stateless_armed for a in found):
            return found, answered
    return (candidates[0] if candidates else []), answered


def _with_coordinated_preposition(noun: Token, actors: SentenceActors) -> list[Actor]:
    """The actors of a prepositional object and of the same preposition coordinated with it
    ("met with Egyptian officials and with Qatari mediators", "called on Juba to withdraw
    and on Khartoum to halt its bombing"): one phrase's parties, as without the second
    preposition."""
    found = actors.of_phrase(noun)
    prep = noun.head
    for c in prep.children:
        if c.dep_ == "conj" and c.lower_ == prep.lower_:
            found = found + [a for g in c.children if g.dep_ == "pobj"
                             for a in actors.of_phrase(g) if a not in found]
    return found


def _fronted_setting(noun: Token, verb: Token) -> bool:
    """The noun's phrase opens the sentence before the verb's subject ("At an emergency
    meeting, Guterres appealed ...")."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and noun.i < subject.i and noun.head.dep_ == "prep" and noun.head.head.i == verb.i


def _holders(thing: Token) -> list[Token]:
    """'positions held by ethnic Armenian forces', 'assets that Mubarak might hold': whose
    the thing is, by the 'by' phrase of a participle of holding on it or the subject of a
    relative clause of holding."""
    by_agent = [agent for c in thing.children if c.dep_ == "acl" and c.lemma_ in HOLDING
                and (agent := agent_of(c)) is not None]
    by_subject = [subj for c in thing.children if c.dep_ == "relcl" and c.lemma_ in HOLDING
                  for subj in c.children if subj.dep_ == "nsubj" and subj.lower_ not in RELATIVE_WORDS]
    return by_agent + by_subject


def _named_in_free_relative(verb: Token, is_act: Callable[[Token], bool]) -> Token | None:
    """'condemned what they called a coup': the act the free relative names."""
    for clause in verb.children:
        if clause.dep_ == "ccomp" and any(c.dep_ == "dobj" and c.lower_ == "what" for c in clause.children):
            for c in clause.children:
                if c.dep_ in ("oprd", "attr", "xcomp") and is_act(c):
                    return c
    return None


def doers_of(noun: Token, actors: SentenceActors, own: set[str | None]) -> list[Actor]:
    """Who did the act a noun names, by its possessor or "by"/"from" phrase ("Iran's
    proposal", "the remarks by Peru", "warnings from Beijing"), when political and not of
    `own` countries."""
    for c in noun.children:
        if c.dep_ == "poss":
            found = actors.of_phrase(c)
        elif c.dep_ in ("prep", "agent") and c.lower_ in NOUN_SOURCE_PREPS:
            found = [a for g in c.children if g.dep_ == "pobj" for a in actors.of_phrase(g)]
        else:
            continue
        found = [a for a in found if a.political and a.country not in own]
        if found:
            return found
    return []


def _noun_frame(noun: Token, actors: SentenceActors, code: str, target_preps: tuple[str, ...],
                symmetric: bool, is_act: Callable[[Token], bool],
                receiving: frozenset[str] = frozenset(), onlookers: frozenset[str] = frozenset()) -> Arguments:
    """An event noun's parties, from its own prepositional phrases and modifiers first,
    then from the verb it is the object of or the clause it sits in."""
    args = Arguments(head=noun, verbal=False)
    preps = target_preps + tuple(p for p in NOUN_TARGET_PREPS if p not in target_preps)
    has_of = _noun_preposition_parties(args, noun, actors, code, preps, symmetric, is_act)
    if args.source_from == "between":
        return args
    role_only = _noun_modifier_parties(args, noun, actors, code, has_of)
    verb = light_verb_of(noun)
    if verb is not None and verb.lemma_ in onlookers:
        verb = None  # "the truce was announced by Egypt": Egypt is no party to the truce
    if verb is not None and (lost := losing_verb(noun)) is not None and lost.i == verb.i:
        # "a Thai soldier lost a leg to a landmine": the subject is hit by the act, not its doer
        args.predicate = verb
        subject = subject_of(verb)
        args.targets = args.targets or (actors.of_phrase(subject) if subject is not None else [])
        return args
    if verb is not None and verb.lemma_ in receiving and not is_passive(verb):
        args.predicate = verb
        if _receiving_verb_parties(args, verb, actors):
            return args
    if verb is not None:
        _light_verb_parties(args, noun, verb, actors, preps)
    else:
        _clause_parties(args, noun, actors)
        if code[:2] in MEETING_ROOTS and not args.sources:
            _come_for(args, noun, actors)
        if code[:2] in MEETING_ROOTS and not args.sources and args.targets:
            _met_before(args, noun, actors)
        if code[:2] in MEETING_ROOTS and not args.targets:
            _spoken_in(args, noun, actors)
        if symmetric and not args.sources:
            _caught_in(args, noun, actors)
    if not args.sources and role_only:
        args.sources, args.source_from = role_only, "modifier"
    if symmetric and len(args.sources) >= 2 and not args.targets:
        args.reciprocal = True
    return args


def _noun_preposition_parties(args: Arguments, noun: Token, actors: SentenceActors, code: str,
                              preps: tuple[str, ...], symmetric: bool, is_act: Callable[[Token], bool]) -> bool:
    """Fill `args` from the noun's own prepositional phrases: both sides of "between X and
    Y" (reciprocal, source_from "between"), its "by"/"from" source, its target; an act in
    a target phrase that names no actor is the act answered. True when the target came
    from an "of" phrase."""
    has_of = False
    for prep, obj in _noun_prepositions(noun):
        if prep == "between":
            sides = actors.of_phrase(obj)
            if len(sides) >= 2:
                args.sources, args.reciprocal, args.source_from = sides, True, "between"
                return has_of
        elif prep in NOUN_SOURCE_PREPS and not args.sources:
            found = _with_coordinated_preposition(obj, actors)
            if found:
                args.sources, args.source_from = found, prep
        elif prep in preps and not args.targets:
            found = actors.of_phrase(obj)
            if not found and prep != "of" and code[:2] not in MEETING_ROOTS and not symmetric:
                # "an investigation into abuses by Ethiopian forces": aimed at the doer
                found = doers_of(obj, actors, set())
            if found:
                args.targets = found
                has_of = has_of or prep == "of"
            elif args.answered is None and is_act(obj):
                args.answered = obj
    return has_of


def _noun_modifier_parties(args: Arguments, noun: Token, actors: SentenceActors, code: str,
                           has_of: bool) -> list[Actor]:
    """Fill `args` from the modifiers before the noun ("Israeli strikes", "Meng's arrest":
    a patient possessor for some codes). Returns the role words that only say what kind of
    actor acts ("military exercises"), the source of last resort."""
    role_only: list[Actor] = []
    giver = noun.head if noun.dep_ == "dobj" and noun.head.lemma_.lower() in GIVING_VERBS else None
    for c in sorted(noun.children, key=lambda t: t.i):
        if c.i >= noun.i or c.dep_ not in MODIFIER_DEPS:
            continue
        found = actors.of_phrase(c) if c.dep_ == "poss" else [a for a in [actors.at.get(actors.parsed.index(c))] if a]
        if not found:
            continue
        if giver is not None and c.pos_ == "PROPN" and c.dep_ != "poss" and c.left_edge.i == giver.i + 1:
            # "Mexico granted Glas political asylum": the parser's modifier is the receiver
            args.targets = args.targets or found
            continue
        if code[:2] == AID_ROOT and c.dep_ == "amod" and all(a.bare_role for a in found):
            continue  # "military aid": its kind, not its giver
        if all(a.country is None and a.kind in ROLE_KINDS for a in found):
            role_only = role_only or found
            continue
        patient = (c.dep_ == "poss" and code[:2] in PATIENT_POSSESSOR_ROOTS and not has_of
                   and args.sources == [])
        if patient and not args.targets:
            args.targets = found
        elif not args.sources:
            args.sources, args.source_from = found, "possessor" if c.dep_ == "poss" else "modifier"
    return role_only


def _receiving_verb_parties(args: Arguments, verb: Token, actors: SentenceActors) -> bool:
    """"faces pressure from Congress", "received weapons from the government": the giver
    is the source and the verb's subject the target. True when both are found."""
    giver = args.sources or next((actors.of_phrase(o) for p, o in prepositional_objects(verb)
                                  if p in NOUN_SOURCE_PREPS), [])
    subject = subject_of(verb)
    receivers = actors.of_phrase(subject) if subject is not None else []
    if giver and receivers:
        args.sources, args.targets, args.source_from = giver, receivers, "giver"
        return True
    if receivers and verb.lemma_.lower() in UNDERGOING_VERBS:
        # "the junta has come under mounting criticism": the subject undergoes the act,
        # whoever did it goes unnamed
        args.targets = receivers
        return True
    return False


def _light_verb_parties(args: Arguments, noun: Token, verb: Token, actors: SentenceActors,
                        preps: tuple[str, ...]) -> None:
    """Fill what the noun left open from the verb it is the object of ("Iran carried out a
    strike on ..."): the passive's agent or the subject is the source; the verb's target
    preposition (not "of"), else its indirect object, the target."""
    args.predicate = verb
    passive = is_passive(verb)
    if not args.sources:
        if passive or noun.dep_ == "nsubjpass":
            agent = agent_of(verb)
            if agent is not None:
                args.sources, args.source_from = actors.of_phrase(agent), "agent"
        else:
            subject = subject_of(verb)
            if subject is not None:
                args.sources, args.source_from = actors.of_phrase(subject), "light verb"
    if not args.targets and placing_verb(noun) is not None:
        # "placed the president under house arrest", "was put under arrest": the object
        # undergoes the act
        patient = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        args.targets = actors.of_phrase(patient) if patient is not None else []
    if not args.targets:
        for prep, obj in prepositional_objects(verb):
            if prep in preps and prep != "of":
                found = actors.of_phrase(obj)
                if found:
                    args.targets = found
                    break
        else:
            for obj in objects_of(verb):
                if obj.dep_ in ("dative", "iobj"):
                    args.targets = actors.of_phrase(obj)


def _clause_parties(args: Arguments, noun: Token, actors: SentenceActors) -> None:
    """A noun on no light verb: its clause's verb is the predicate, and a noun in a phrase
    fronted before the clause is the act of the clause's subject."""
    args.predicate = _clause_verb_of_noun(noun)
    if not args.sources:
        # "In a phone call with his Indian counterpart, Wang Yi said ...": an act noun in a
        # phrase fronted before the clause is the clause subject's act
        fronted = _fronted_phrase_subject(noun)
        if fronted is not None:
            found = actors.of_phrase(fronted)
            if found:
                args.sources, args.source_from = found, "fronted phrase"


def _caught_in(args: Arguments, noun: Token, actors: SentenceActors) -> None:
    """'Indian troops died in fighting with Chinese soldiers', 'two soldiers were wounded
    during clashes with rebels': those the clause is about were a side of the fighting
    its phrase names."""
    _subject_holds(args, _verb_of_phrase(noun, SETTING_PREPS), actors, "caught in")


def _come_for(args: Arguments, noun: Token, actors: SentenceActors) -> None:
    """'Li is due in Berlin for talks with Merkel', 'arrived in Cairo for a summit': those
    the clause is about come for the meeting, so they hold it."""
    _subject_holds(args, _verb_of_phrase(noun, ("for",)), actors, "come for")


def _met_before(args: Arguments, noun: Token, actors: SentenceActors) -> None:
    """'Duterte flew home after a meeting with Putin', 'Following talks with Macron,
    Meloni said': the one the clause is about held the meeting with the partner it names."""
    _subject_holds(args, _verb_of_phrase(noun, PRECEDING_PREPS), actors, "met before")


def _spoken_in(args: Arguments, noun: Token, actors: SentenceActors) -> None:
    """'Minh told Yang Jiechi in a telephone call', 'In a phone call, Trump asked
    Zelensky to ...': whom the clause's verb addresses is the other party of the call or
    meeting it was said in."""
    verb = _verb_of_phrase(noun, SETTING_PREPS)
    if verb is None:
        return
    found = [a for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")
             for a in actors.of_phrase(c) if a not in args.sources]
    if found:
        args.targets, args.direct_object = found, True
        if not args.sources:
            _subject_holds(args, verb, actors, "addressed in")


def _verb_of_phrase(noun: Token, preps: Iterable[str]) -> Token | None:
    """The verb a prepositional phrase holding `noun` hangs on, for one of `preps`."""
    if noun.dep_ == "pobj" and noun.head.lower_ in preps and is_verb(noun.head.head):
        return noun.head.head
    return None


def _subject_holds(args: Arguments, verb: Token | None, actors: SentenceActors, how: str) -> None:
    """The sources of `args` are the actors of the verb's subject (not its targets)."""
    subject = subject_of(verb) if verb is not None else None
    found = [a for a in actors.of_phrase(subject) if a not in args.targets] if subject is not None else []
    if found:
        args.sources, args.source_from = found, how


def _fronted_phrase_subject(noun: Token) -> Token | None:
    """The subject of the clause a sentence-initial prepositional phrase holding `noun`
    hangs on ("In a phone call with X, on Wednesday, Wang Yi accused ...")."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return None
    verb = noun.head.head
    if not is_verb(verb) or noun.head.i > verb.i:
        return None
    subject = subject_of(verb)
    if subject is None or subject.i < noun.head.i:
        return None
    return subject


def _noun_prepositions(noun: Token) -> list[tuple[str, Token]]:
    """The noun's prepositional phrases, and the one right after it even when the parser
    hung it elsewhere ("clashes between Palestinians and Israeli troops")."""
    out = _with_occasion_phrases(list(prepositional_objects(noun)))
    nxt = noun.nbor(1) if noun.i + 1 < len(noun.doc) else None
    if nxt is not None and nxt.dep_ == "prep" and nxt.head.i != noun.i:
        out.extend((p, o) for p, o in _prep_phrase(nxt))
    return out


def _with_occasion_phrases(phrases: list[tuple[str, Token]]) -> list[tuple[str, Token]]:
    """The phrases, and those of an occasion noun among them ("talks on the sidelines with
    Desalegn": the occasion's phrases are the talks')."""
    return phrases + [pair for _, o in phrases if o.lower_ in OCCASION_NOUNS for pair in prepositional_objects(o)]


def _prep_phrase(prep: Token) -> list[tuple[str, Token]]:
    return [(prep.lower_, g) for g in prep.children if g.dep_ == "pobj"]


def _clause_verb_of_noun(noun: Token) -> Token | None:
    t = noun
    for _ in range(6):
        if is_verb(t):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def preposition_of(token: Token) -> str | None:
    return governing_preposition(token)
