"""Which place of a parsed sentence an event happened in: the place phrase the parse
attaches to the event's own clause.

A place name's role comes from climbing the parse from the name: through coordination
("in Bahrain, Iraq and Pakistan"), an apposition ("the Nigerian capital Abuja"), the
nouns a place phrase is built on ("the city of Lahore", "Iraq's second-largest city",
"Turkish airspace", "40 km southwest of Baghdad"), to the preposition that governs it
and the word that preposition hangs on; or to the verb it is the object of.

A place is the event's when it hangs on one of the event's hosts (the trigger, the
light verb of an event noun, the verb an infinitive completes; `eventetl.extractors.events.event_syntax`)
through a preposition that fits the event:
- a locative one ("in", "at", "near", "outside", "across", "off") for any event;
- a destination ("to", "into") for visits, travel and material acts ("flew to the
  Maldives", "deployed troops to the region");
- a target ("on", "at", "against") for attacks ("strikes on Gaza");
- an origin ("from") for physical acts on people or things ("freed inmates from the
  city's prisons");
or as the object of a visit, an attack or a leaving ("visited Beijing", "overran Iraq's
second-largest city", "fled Aleppo"). Then, in this order: a trip or meeting the act is
about and its whole phrase ("called off a state visit to Denmark"), not for a statement;
a body sitting in a town ("a Vancouver court granted bail"); a locative phrase on the
act's object or target ("seized citizens from Turkey's consulate in Mosul", "talks with
King Abdullah in Sochi"), on its actor ("Blinken, also in the Cambodian capital,
said"), or in a clause told as happening with it ("as their leaders signed a declaration
in the Eritrean capital").

With none of these, an event takes the place of the clause it shares its setting with:
a coordinated verb with the same subject, a participle, a purpose infinitive, a gerund of
manner ("arrived in Taipei and met Tsai"); a relative clause on a place takes that place
("spread to Almaty, where crowds stormed the mayor's office"). A nationality adjective
yields to a town named in its own phrase ("outside the French embassy in Niamey").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Mapping, Protocol, TypeVar

from spacy.tokens import Token

from eventetl.extractors.events.event_syntax import EventFrame, SentenceTree, attachment_words, top_token
from eventetl.extractors.ruleset.word_lists import read_fields
from eventetl.extractors.text.grammar import AUXILIARY_DEPS, is_noun, is_verb

PLACE_RULES = Path(__file__).parent.parent / "rules" / "places" / "attachment.yaml"

PREP, OBJECT, MODIFIER, SUBJECT, OTHER = "prep", "object", "modifier", "subject", "other"
_MAX_STEPS = 8


class Mention(Protocol):
    start: int
    end: int


M = TypeVar("M", bound=Mention)


@dataclass(frozen=True)
class PlaceWords:
    locative: frozenset[str]
    destination: frozenset[str]
    target: frozenset[str]
    origin: frozenset[str]
    place_nouns: frozenset[str]
    compass: frozenset[str]


@lru_cache(maxsize=1)
def place_words() -> PlaceWords:
    """The file's lists, one per field (a missing or unknown list is a RuleFileError)."""
    return PlaceWords(**read_fields(PLACE_RULES, PlaceWords).sets())


@dataclass(frozen=True)
class PlaceRole:
    relation: str            # PREP, OBJECT, MODIFIER, SUBJECT or OTHER
    preposition: str | None  # for PREP
    host: Token | None       # the word the place phrase hangs on
    phrase: Token            # the top word of the place phrase ("city" of "the city of Lahore")


def role_of(token: Token) -> PlaceRole:
    """How the place name whose top token is `token` hangs in its sentence."""
    words = place_words()
    t = token
    near = False
    for _ in range(_MAX_STEPS):
        dep, head = t.dep_, t.head
        if head.i == t.i:
            return PlaceRole(OTHER, None, None, t)
        if dep == "conj" or (dep == "appos" and is_noun(head)):
            t = head  # "in Bahrain, Iraq and Pakistan"; "the Nigerian capital Abuja"
            continue
        if dep in ("compound", "amod", "poss", "nmod") and head.lower_ in words.place_nouns:
            t = head  # "Iraq's second-largest city", "Turkish airspace"
            continue
        if dep in ("compound", "amod", "nmod") and head.dep_ == "pobj" and head.i > t.i:
            t = head  # "at a Syrian air base", "strikes on Indian military sites": where the thing is
            continue
        if dep == "pobj":
            prep = head
            if prep.lower_ == "of" and prep.head.lower_ in words.place_nouns | words.compass:
                near = near or prep.head.lower_ in words.compass
                t = prep.head  # "the city of Lahore", "southwest of Baghdad"
                continue
            name = prep.lower_
            host = prep.head
            if name == "of" and host.lower_ == "out":
                name = "out"  # "pulled out of Rostov"
            while host.dep_ in ("prep", "prt") and host.head.i != host.i:
                host = host.head
            return PlaceRole(PREP, name, host, t)
        if near and dep in ("advmod", "npadvmod", "amod"):
            return PlaceRole(PREP, "near", head, t)
        if dep in ("dobj", "dative", "oprd", "attr"):
            return PlaceRole(OBJECT, None, head, t)
        if dep in ("nsubj", "nsubjpass", "csubj"):
            return PlaceRole(SUBJECT, None, head, t)
        if dep in ("compound", "amod", "poss", "nmod"):
            return PlaceRole(MODIFIER, None, head, t)
        return PlaceRole(OTHER, None, head, t)
    return PlaceRole(OTHER, None, None, t)


@dataclass(frozen=True)
class _Placed:
    mention: Mention
    role: PlaceRole
    proper: bool  # a name, not a nationality adjective ("French")


def attached_place(tree: SentenceTree, frame: EventFrame, places: Iterable[M], kinds: frozenset[str],
                   cues: Mapping[str, frozenset[str]], is_demonym: Callable[[M], bool],
                   statement: bool = False) -> M | None:
    """The place of `places` (mentions in the sentence) the event of `frame` happened in,
    or None when the parse attaches none. `kinds`: what the trigger says about place
    (visit, attack, material, domestic, meeting); `cues`: the word lists of
    `rules/places/event_cues.csv` by kind (origin: verbs whose object is the place left;
    trip: nouns of a journey or meeting; local_body: nouns of a body sitting in a town);
    `statement`: the event is a statement (its code says so), made where its speaker is."""
    placed = []
    for p in places:
        tokens = tree.tokens(p.start, p.end)
        if tokens:
            placed.append(_Placed(p, role_of(top_token(tokens)), not is_demonym(p)))
    if not placed:
        return None
    fits = _Fit(kinds, cues.get("origin", frozenset()))
    hosts = frame.hosts + ((frame.governor,) if frame.governor is not None else ())
    # a statement about a trip or an act ("denounced a meeting in Phnom Penh") is not made there
    trips = [] if statement else _trips(hosts, cues.get("trip", frozenset()))
    found = (_on(hosts, placed, fits)
             or _on(trips, placed, _Fit(kinds | {"visit"}, fits.leaving_verbs))
             or _on(_within(trips), placed, fits, locative_only=True)
             or _local_body(hosts, placed, cues.get("local_body", frozenset()))
             # "talks with King Abdullah in Sochi": the parser hangs the place on the nearer noun
             or _on(_targets(hosts, cues.get("topic", frozenset())), placed, fits, locative_only=True)
             or _on(_subjects(hosts), placed, fits, locative_only=True)
             or _on(_same_setting(hosts), placed, fits, locative_only=True)
             or _inherited(frame, placed, fits))
    if found is None:
        return None
    if not found.proper:
        # "outside the French embassy in Niamey": the town the building stands in
        inner = [p for p in placed if p.proper and p.role.host is not None
                 and p.role.host.i == found.role.phrase.i and fits(p.role, locative_only=True)]
        if inner:
            return inner[0].mention
    return found.mention


@dataclass(frozen=True)
class _Fit:
    kinds: frozenset[str]
    leaving_verbs: frozenset[str]

    def __call__(self, role: PlaceRole, locative_only: bool = False) -> bool:
        words = place_words()
        if role.relation == PREP:
            prep = role.preposition
            if prep in words.locative:
                return True
            if prep in words.target and "attack" in self.kinds:
                return True  # also on an attack's target noun: "strikes on Indian military sites"
            if locative_only:
                return False
            if prep in words.destination and self.kinds & {"visit", "material", "attack"}:
                return True
            return prep in words.origin and bool(self.kinds & {"domestic", "attack"})
        if role.relation == OBJECT and not locative_only and role.host is not None:
            return bool(self.kinds & {"visit", "attack"}) or role.host.lower_ in self.leaving_verbs
        return False


def _on(hosts: Iterable[Token], placed: list[_Placed], fits: _Fit, locative_only: bool = False) -> _Placed | None:
    """The place attached to the nearest host: a proper name over a nationality
    adjective, then the nearest word."""
    for h in hosts:
        found = [p for p in placed if p.role.host is not None and p.role.host.i == h.i
                 and fits(p.role, locative_only)]
        if found:
            return min(found, key=lambda p: (not p.proper, abs(p.role.phrase.i - h.i)))
    return None


def _trips(hosts: Iterable[Token], trip_nouns: frozenset[str]) -> list[Token]:
    """A journey or meeting the act is about ("called off a state visit to Denmark",
    "postponed talks in Doha"): where it was to be is where the act is placed."""
    return [c for h in hosts for c in h.children
            if c.dep_ in ("dobj", "nsubjpass") and c.lower_ in trip_nouns]


def _within(nouns: list[Token]) -> list[Token]:
    """Every word under the nouns ("a meeting with his counterpart that had been planned
    on the sidelines of a gathering in Phnom Penh")."""
    return [t for n in nouns for t in n.subtree if t.i != n.i]


def _same_setting(hosts: Iterable[Token]) -> list[Token]:
    """Clauses on the hosts told as happening with them ("ended decades of hostility as
    their leaders signed a declaration in the Eritrean capital", "..., killing five in
    the market")."""
    out = []
    for h in hosts:
        for c in h.children:
            if c.dep_ != "advcl" or not is_verb(c):
                continue
            marker = next((g.lower_ for g in c.children if g.dep_ == "mark"), None)
            if marker in ("as", "when", "while") or (marker is None and c.tag_ == "VBG"):
                out.append(c)
    return out


def _local_body(hosts: Iterable[Token], placed: list[_Placed], bodies: frozenset[str]) -> _Placed | None:
    """"A Vancouver court granted her bail": a body sitting in a town acts there."""
    for h in hosts:
        for p in placed:
            noun = p.role.host
            if (p.role.relation == MODIFIER and p.proper and noun is not None and noun.lower_ in bodies
                    and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == h.i):
                return p
    return None


def _targets(hosts: Iterable[Token], topic_verbs: frozenset[str] = frozenset()) -> list[Token]:
    """The nouns an act acts on or is aimed at, and the nouns of their own prepositional
    phrases ("stormed polling stations across the region", "seized citizens from Turkey's
    consulate in Mosul", "hit back with strikes on Indian military sites"); not the topic
    of a talk ("discussed the war in Ukraine")."""
    out = []
    for h in hosts:
        for c in h.children:
            if c.dep_ == "dobj" and h.lemma_ in topic_verbs:
                continue
            if c.dep_ in ("dobj", "nsubjpass"):
                out.append(c)
            elif c.dep_ in ("prep", "agent"):
                out.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "ccomp" and any(g.dep_ == "dobj" and g.lower_ == "what" for g in c.children):
                # "struck what it called terrorist camps in Pakistan"
                out.extend(g for g in c.children if g.dep_ in ("oprd", "xcomp", "attr"))
    out += [c for n in out for c in n.children if c.dep_ == "conj" and is_noun(c)]
    more = [g for n in out for c in n.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return out + more


def _subjects(hosts: Iterable[Token]) -> list[Token]:
    """The actor of the act, where a place phrase on it tells where the actor was
    ("Blinken, also in the Cambodian capital, said", "protesters in Hong Kong clashed")."""
    return [c for h in hosts if is_verb(h) for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]


def _inherited(frame: EventFrame, placed: list[_Placed], fits: _Fit) -> _Placed | None:
    """The place of the clause the event's clause shares its setting with."""
    words = attachment_words()
    clause = frame.clause
    for _ in range(_MAX_STEPS):
        if clause is None or clause.head.i == clause.i:
            return None
        dep, parent = clause.dep_, clause.head
        if dep == "relcl":
            # "Almaty, the largest city, where crowds stormed ...": the place itself;
            # "Shusha, which its forces seized": the place is what the act took
            where = any(c.lower_ in ("where", "wherein") for c in clause.children) or any(
                c.dep_ == "prep" and c.lower_ in place_words().locative
                and any(g.lower_ == "which" for g in c.children) for c in clause.children)
            taken = any(c.dep_ == "dobj" and c.lower_ in ("which", "that") for c in clause.children) \
                and fits(PlaceRole(OBJECT, None, clause, clause))
            if not (where or taken):
                return None
            for p in placed:
                if p.proper and (p.role.phrase.i == parent.i or any(
                        c.i == parent.i for c in p.role.phrase.children if c.dep_ == "appos")):
                    return p
            return None
        if dep == "conj" and is_verb(parent):
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
                return None  # another actor's act: "troops stormed X and protesters fled"
        elif dep in ("xcomp",):
            pass
        elif dep == "advcl":
            marker = next((c.lower_ for c in clause.children if c.dep_ == "mark"), None)
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
            if marker is not None or not (clause.tag_ in ("VBG", "VBN") or infinitive):
                return None
        elif dep == "pcomp" and parent.dep_ == "prep" and parent.lower_ in words.manner_prepositions:
            parent = parent.head
            if not is_verb(parent):
                return None
        else:
            return None
        found = _on((parent,), placed, fits)
        if found is not None:
            return found
        clause = parent
    return None


def in_event_clause(tree: SentenceTree, frame: EventFrame, mention: Mention, physical: bool) -> bool:
    """Whether the place phrase the parse ties to another word than the event's may still
    be the event's: it hangs on a word above the event, not across another clause
    ("protests across the Muslim world and clashes ... in the West Bank", the clashes
    taken for a conjunct of "world"); or, for a physical act, anywhere in its clause
    ("killed by a drone strike at Baghdad airport")."""
    tokens = tree.tokens(mention.start, mention.end)
    if not tokens:
        return False
    role = role_of(top_token(tokens))
    if role.host is None:
        return False
    t = frame.head
    while t.i != role.host.i and t.dep_ not in _OTHER_CLAUSES and t.head.i != t.i:
        t = t.head
    if t.i == role.host.i:
        return True
    mine, theirs = _clause_of(frame.head), _clause_of(role.host)
    return physical and mine is not None and theirs is not None and mine.i == theirs.i


def _clause_of(token: Token) -> Token | None:
    """The verb heading the clause the token is in."""
    t = token
    for _ in range(20):
        if is_verb(t) and t.dep_ not in AUXILIARY_DEPS:
            return t
        if t.dep_ in _OTHER_CLAUSES or t.head.i == t.i:
            return None
        t = t.head
    return None


# Links to a clause of its own: a place above one of them is not the clause's place.
_OTHER_CLAUSES = frozenset({"relcl", "ccomp", "acl", "advcl", "csubj", "csubjpass", "parataxis"})


def in_setting(tree: SentenceTree, frame: EventFrame, mention: Mention) -> bool:
    """Whether the place is in a participle clause on the event's verb or on its subject
    ("The envoy, visiting Nairobi, praised ...", "Putin, speaking before talks in Sochi,
    called ..."), or on the verb that reports the event ("told reporters in Copenhagen
    that she was disappointed"): where the actor was when acting."""
    tokens = tree.tokens(mention.start, mention.end)
    clause = frame.clause
    if not tokens or clause is None:
        return False
    t = top_token(tokens)
    while not is_verb(t):
        if t.head.i == t.i or t.dep_ in _OTHER_CLAUSES:
            return False
        t = t.head
    if _reports(t, frame.head):
        return True  # "told reporters in Copenhagen that she was disappointed"
    if t.dep_ not in ("advcl", "acl") or t.tag_ not in ("VBG", "VBN"):
        return False
    return t.head.i in _acting(clause)


def _acting(clause: Token) -> set[int]:
    """The clause's verb and its subjects, and those of the verbs it is coordinated with
    while it has no subject of its own ("Harris, attending a summit in Bangkok, convened a
    meeting and condemned the launch": the condemning was in Bangkok too)."""
    out: set[int] = set()
    t = clause
    for _ in range(_MAX_STEPS):
        out.add(t.i)
        subjects = [c.i for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        out.update(subjects)
        if subjects or t.dep_ != "conj" or not is_verb(t.head):
            break
        t = t.head
    return out


def _reports(verb: Token, head: Token) -> bool:
    """Whether the event headed by `head` is in what `verb` says: up from the head through
    its own clause and reported clauses only."""
    t = head
    while t.i != verb.i:
        if t.head.i == t.i or t.dep_ in ("relcl", "acl", "advcl", "csubj", "csubjpass"):
            return False
        t = t.head
    return True


def is_actor(tree: SentenceTree, frame: EventFrame, mention: Mention) -> bool:
    """Whether the words are the subject of the event's verb."""
    tokens = tree.tokens(mention.start, mention.end)
    clause = frame.clause
    if not tokens or clause is None:
        return False
    t = top_token(tokens)
    while t.dep_ in ("compound", "appos", "conj") and t.head.i != t.i:
        t = t.head  # "the U.N. Security Council", "the court, the ICC,"
    return t.dep_ == "nsubj" and t.head.i == clause.i
