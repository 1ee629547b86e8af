"""Which temporal expression of a parsed sentence dates an event: the one the parse
attaches to the event's own clause.

A temporal expression dates the word it modifies: climbing from the expression through
its preposition ("on Monday"), through the nouns a date phrase is built on ("in the
early hours of Monday"), a noun-phrase time modifier ("met Monday", "last month") or a
premodifier ("Monday's attack", "a 2002 ruling") reaches that word; a date on the
setting of a verb dates the verb ("said in an interview on Tuesday"). The expression
dates an event when that word is one of the event's hosts (`eventetl.extractors.events.event_syntax`):
its trigger, the light verb of an event noun, the verb its infinitive completes, a
relative clause telling when it was planned ("a visit that had been planned for
tomorrow"); or a clause told as happening with it ("X, speaking on Sunday, said",
"defied the government by holding an election in September"), or a verb coordinated
after it with its subject ("stormed and set fire to the office and seized the airport
on Wednesday"). One inside a relative clause or another verb's clause modifies that
clause's verb, not the event.

With no expression of its own, an event takes the date of the clause it belongs to when
the grammar says the two happen together: a coordinated verb ("arrived on Tuesday and
met Tsai"), a participle or purpose clause ("..., killing five", "voted on Sunday to
demand"), a gerund of manner ("without informing"), reported speech ("announced on
Sunday that it was cutting ties"), a clause opened by "when", "as" or "while"; a
relative clause on a date or a dated noun shares its date ("on Wednesday, when India
struck"), one on a place the date of the clause naming the place ("came on Monday in
Cali, where police opened fire"). A clause opened by "after", "before" or "since"
happens at another time and takes nothing, except a month or a year above it, which
holds what its clauses tell. Last, a date phrase the parser hung on the act's object
("reopened the strait to shipping on Monday") is the act's.

A relational expression ("a day after") whose clause holds the event dates it relative
to the clause it hangs on ("took effect on Tuesday, a day after Beijing announced
them": the announcement was on Monday).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Protocol

from spacy.tokens import Token

from eventetl.extractors.text.grammar import is_verb
from eventetl.extractors.events.clauses import coordinated_partner
from eventetl.extractors.events.event_syntax import EventFrame, SentenceTree, attachment_words, top_token

GOVERNS, INHERITED, RELATIONAL = "governs", "inherited", "relational"
# Clause links a date does not cross from an event in a dependent clause up to the clause above.
_MAX_STEPS = 6


class Expression(Protocol):
    start: int
    end: int
    text: str
    value: str | None
    precision: str | None


@dataclass(frozen=True)
class DateAttachment:
    expression: Expression
    how: str  # GOVERNS, INHERITED or RELATIONAL (a count from another event: "a day after")


def attached_date(tree: SentenceTree, frame: EventFrame, expressions: Iterable[Expression]
                  ) -> DateAttachment | None:
    """The expression dating the event of `frame`, or None when the parse attaches none."""
    placed, relational = [], []
    for e in expressions:
        tokens = tree.tokens(e.start, e.end)
        if not tokens:
            continue
        top = top_token(tokens)
        if top.dep_ == "pobj" and top.head.lower_ in attachment_words().span_end_prepositions:
            continue  # "was suspended until March 24": when it ends
        if _is_relational(e):
            relational.append((e, tokens))
        elif e.value is None and top.dep_ == "advmod" and top.head.dep_ == "prep":
            continue  # "shortly after midnight": a degree of the phrase, not a vague date
        else:
            host, premodifier = host_of(top)
            placed.append(_Placed(e, tokens, _reporting_host(host, tokens), premodifier))
    counted = _counted_from(frame, relational)
    if counted is not None:
        return DateAttachment(counted, RELATIONAL)
    if not placed:
        return None
    hosts = frame.hosts + _planned(frame)
    found = (_on(hosts, placed) or _on(_same_time_clauses(hosts), placed)
             or _on(_shared_subject_conjuncts(hosts), placed))
    if found is not None:
        return DateAttachment(found, GOVERNS)
    inherited = _inherited(frame, placed) or _period_above(frame, placed)
    if inherited is not None:
        return DateAttachment(inherited, INHERITED)
    found = _on(_arguments(hosts), placed, postmodifiers_only=True) or _on(_disrupted(hosts), placed)
    if found is not None:
        return DateAttachment(found, GOVERNS)
    return None


def _disrupted(hosts: Iterable[Token]) -> list[Token]:
    """The objects of hosts that act on an event as it happens ("broke up Sunday's
    gathering"): a day before such a noun dates the act."""
    verbs = attachment_words().disrupting_verbs
    return [c for h in hosts if is_verb(h) and h.lemma_.lower() in verbs for c in h.children if c.dep_ == "dobj"]


_PERIODS = frozenset({"month", "year"})


def _period_above(frame: EventFrame, placed: list[_Placed]) -> Expression | None:
    """The month or year dating the nearest dated phrase above the event, across any
    clause link: a period holds what its clauses tell ("killed in November when forces
    put down riots that broke out after Wine was arrested": the arrest was in November
    too; "a 2002 ruling by a commission that awarded Badme": 2002). A day above, across a
    link that is not simultaneous, is another event's day, and stops the search."""
    below = frame.head
    for a in frame.head.ancestors:
        if below.dep_ == "conj" and _earlier_than(a, below):
            return None
        below = a
        dated = [p for p in placed if (p.host is not None and p.host.i == a.i) or any(t.i == a.i for t in p.tokens)]
        dated = [p for p in dated if p.expression.value is not None]
        if dated:
            best = min(dated, key=lambda p: min(abs(t.i - a.i) for t in p.tokens))
            return best.expression if best.expression.precision in _PERIODS else None
    return None


@dataclass(frozen=True)
class _Placed:
    expression: Expression
    tokens: list[Token]
    host: Token | None
    premodifier: bool  # "Monday's attack", "a 2002 ruling"


_PREMODIFIER_DEPS = frozenset({"compound", "amod", "nummod", "poss", "nmod"})


def host_of(token: Token) -> tuple[Token | None, bool]:
    """The word a temporal expression whose top token is `token` modifies, and whether
    the expression stands before it as a premodifier."""
    words = attachment_words()
    t = token
    if t.dep_ not in ("pobj", "npadvmod", "tmod") and t.i > 0:
        before = t.doc[t.i - 1]
        if before.dep_ == "prep" and not any(c.dep_ in ("pobj", "pcomp") for c in before.children):
            t = before  # "on Sunday" whose preposition the parser left without its object
    for _ in range(10):
        dep = t.dep_
        if t.head.i == t.i:
            return None, False
        if dep in ("pobj", "pcomp", "conj"):
            t = t.head  # "on Monday", "on Monday and Tuesday"
            continue
        if dep == "prep":
            head = t.head
            if head.dep_ == "prep" or (head.dep_ in ("pobj", "npadvmod", "tmod", "conj", "appos", "pcomp", "advmod")
                                       and head.lower_ in words.time_nouns):
                t = head  # "from early on Wednesday", "in the early hours of Monday"
                continue
            return _through_setting(head), False
        premodifier = dep in _PREMODIFIER_DEPS and t.i < t.head.i
        host = t.head
        while host.dep_ == "prep" and host.head.i != host.i:
            host = host.head  # "shortly after midnight": the phrase "after" heads
        return _through_setting(_through_description(host)), premodifier
    return None, False


def dominates(tree: SentenceTree, frame: EventFrame, e: Expression) -> bool:
    """Whether the word `e` modifies stands above the event in the parse (the event is
    in a clause of it) or the event hangs on the expression itself ("on Wednesday, when
    India struck"): a date the parser tied to a clause that holds the event."""
    tokens = tree.tokens(e.start, e.end)
    if not tokens:
        return False
    host, _ = host_of(top_token(tokens))
    above = set()
    for a in (frame.head, *frame.head.ancestors):
        if a is not frame.head:
            above.add(a.i)
        if a.dep_ == "advcl" and _marker(a) is not None and not _same_time(a):
            break  # "fired on Wednesday, days after Pyongyang warned": the clause is at another time
        if a.dep_ == "conj" and _earlier_than(a.head, a):
            break
    return (host is not None and host.i in above) or any(t.i in above for t in tokens)


def _counted_from(frame: EventFrame, relational: list[tuple[Expression, list[Token]]]) -> Expression | None:
    """'voted on Monday, a day after guards fired on ships': the relational expression
    whose "after"/"before" clause holds the event."""
    clause = frame.clause or frame.head
    chain = {clause.i} | {a.i for a in clause.ancestors}
    for e, tokens in relational:
        for t in tokens:
            if t.lower_ not in ("after", "before"):
                continue
            if t.dep_ == "mark":
                dependent = t.head
            else:
                dependent = next((c for c in t.children if c.dep_ == "pcomp"), None)
                if dependent is None:
                    # "a day after fighters ... overran the city", the clause's subject
                    # taken for the preposition's object: the clause is the count's head
                    top = top_token(tokens).head
                    dependent = top if top.dep_ == "advcl" else None
            if dependent is not None and dependent.i in chain and _within_clause(clause, dependent):
                return e
    return None


def _within_clause(clause: Token, top: Token) -> bool:
    """Whether `clause` is `top` or reaches it only through coordination and clauses of the
    same time ("a day after Hasina resigned and fled as protesters stormed her residence";
    one set off by a comma may be the main clause's: "freed him on Friday, two days after
    soldiers seized him, as leaders flew in")."""
    t = clause
    while t.i != top.i:
        if t.dep_ != "conj" and not (t.dep_ == "advcl" and _same_time(t) and not _set_off(t)):
            return False
        t = t.head
    return True


def _through_description(host: Token) -> Token:
    """"blew up roads and railways linking the two Koreas last month": a present participle
    describing the object of a verb tells a lasting state, which no date phrase dates; the
    parser hung the verb's date on it."""
    if host.dep_ != "acl" or host.tag_ != "VBG" or any(c.dep_ in ("aux", "nsubj") for c in host.children):
        return host
    noun = host.head
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    return noun.head if noun.dep_ == "dobj" and is_verb(noun.head) else host


def _set_off(clause: Token) -> bool:
    first = clause.left_edge
    return first.i > 0 and first.nbor(-1).text == ","


def _through_setting(host: Token) -> Token:
    """"said in an interview on Tuesday", "speaking to reporters on Thursday": the date of
    the interview, or of the audience addressed, is the saying's."""
    words = attachment_words()
    if host.lower_ in words.setting_nouns and host.dep_ == "pobj" and host.head.dep_ == "prep" \
            and is_verb(host.head.head):
        return host.head.head
    return host


def _on(hosts: Iterable[Token], placed: list[_Placed], postmodifiers_only: bool = False) -> Expression | None:
    """The expression attached to the nearest host; a dated one over a vague one
    ("earlier on Wednesday": Wednesday), then the nearest in the text."""
    for h in hosts:
        found = [p for p in placed if p.host is not None and p.host.i == h.i
                 and not (postmodifiers_only and p.premodifier)]
        if found:
            found.sort(key=lambda p: (p.expression.value is None, min(abs(t.i - h.i) for t in p.tokens)))
            return found[0].expression
    return None


def _is_relational(e: Expression) -> bool:
    """'a day after', 'two weeks before': a count from another event, not from publication."""
    return e.value is None and e.text.lower().rstrip().endswith(("after", "before", "later", "earlier")) \
        and len(e.text.split()) >= 2


def _same_time_clauses(verbs: Iterable[Token], skip: int = -1) -> list[Token]:
    """Clauses hanging on the verbs that happen at their time: "X, speaking on Sunday,
    said", "the war began when gunmen burst in on October 7", "defied the government by
    holding an election in September"."""
    words = attachment_words()
    out = []
    for verb in verbs:
        if not is_verb(verb):
            continue
        for c in verb.children:
            if c.i == skip:
                continue
            if c.dep_ == "advcl" and _same_time(c):
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ in words.manner_prepositions:
                out.extend(g for g in c.children if g.dep_ == "pcomp" and is_verb(g) and g.i != skip)
    return out


def _same_time(clause: Token) -> bool:
    """An adverbial clause that happens at the time of the clause it hangs on: a
    participle ("..., killing five"), a purpose infinitive ("voted to demand"), one opened
    by "when", "as", "while"."""
    marker = _marker(clause)
    if marker is None and clause.tag_ == "VBG" and clause.lemma_.lower() in attachment_words().phase_verbs:
        return False  # ("announced drills starting on Thursday": the drills' time)
    if marker is None:
        return clause.tag_ in ("VBG", "VBN") or any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    return marker in attachment_words().same_time_markers


def _arguments(hosts: Iterable[Token]) -> list[Token]:
    """Nouns the hosts take as objects or in a prepositional phrase of place or
    direction, and participles describing them: a date phrase after one of them
    ("reopening it to shipping on Monday", "seized a base used by a force in Baga on
    January 3") is mostly the act's, the parser hanging it on the nearer word."""
    words = attachment_words()
    nouns = []
    for h in hosts:
        for c in h.children:
            if c.dep_ in ("dobj", "attr", "dative"):
                nouns.append(c)
            elif c.dep_ == "prep" and c.lower_ in words.argument_prepositions:
                nouns.extend(g for g in c.children if g.dep_ == "pobj")
    # "attacked a concert hall, a stadium, restaurants and bars in the capital on Friday
    # night": each item of a listed object is the object
    listed = list(nouns)
    while listed:
        n = listed.pop()
        more = [c for c in n.children if c.dep_ in ("conj", "appos") and c not in nouns]
        nouns.extend(more)
        listed.extend(more)
    out = []
    for n in nouns:
        if n.lower_ in words.setting_nouns and n.dep_ != "dobj":
            continue  # ("held talks on Thursday": the talks held are the act)
        out.append(n)
        out.extend(c for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN")
    return out


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _shared_subject_conjuncts(hosts: Iterable[Token]) -> list[Token]:
    """Verbs coordinated after a host with its subject ("stormed and set fire to the
    office and seized the airport on Wednesday"): one run of acts, one time."""
    out = []
    for h in hosts:
        if not is_verb(h):
            continue
        for c in h.children:
            if c.dep_ == "conj" and is_verb(c) and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                if h.tag_ == "VBG" and c.tag_ in _FINITE_TAGS:
                    # "announced the curfew late on Thursday, calling the protests an
                    # insurrection, and on Friday suspended the parties": a finite verb
                    # the parser joined to a participle goes on from the participle's
                    # clause, at its own time
                    continue
                out.append(c)
                out.extend(_shared_subject_conjuncts([c]))
    return out


def _planned(frame: EventFrame) -> tuple[Token, ...]:
    """Verbs of relative clauses on the event's noun or object that say when it was planned
    ("called off a visit that had been planned for tomorrow")."""
    words = attachment_words()
    nouns = [frame.head] + [c for h in frame.hosts for c in h.children if c.dep_ in ("dobj", "nsubjpass")]
    out = []
    for n in nouns:
        for t in n.subtree:
            if t.dep_ == "relcl" and t.lemma_.lower() in words.plan_verbs:
                out.append(t)
    return tuple(out)


def _inherited(frame: EventFrame, placed: list[_Placed]) -> Expression | None:
    """The date of the clause the event's clause belongs to, where the two happen together."""
    words = attachment_words()
    clause = frame.clause
    for _ in range(_MAX_STEPS):
        if clause is None or clause.head.i == clause.i:
            return None
        dep, parent = clause.dep_, clause.head
        if dep == "relcl":
            # "on Wednesday, when India struck": a clause on a date shares it; "a 2017
            # crackdown that drove ...": a clause on a dated event noun shares its date
            for p in placed:
                if any(t.i == parent.i for t in p.tokens) or (p.host is not None and p.host.i == parent.i):
                    return p.expression
            sibling = next((c for c in parent.children if c.dep_ == "relcl" and c.i < clause.i
                            and _on((c,), placed) is not None), None)
            if sibling is not None and _simple_past(clause):
                # "the militants who carried out the bombing on Thursday that killed 13": the
                # parser hangs the second clause on the noun; it tells the first's act
                return _on((sibling,), placed)
            if not any(c.lower_ == "where" for c in clause.children):
                # "convened a meeting on Friday with leaders who jointly condemned the
                # launch": an act told in the simple past of a participant of a dated act
                # is at that act's time
                above = _participant_of(parent) if _simple_past(clause) else None
            else:
                # "the violence came on Monday in Cali, where police opened fire": what
                # happened at a place told of is at the time that clause tells
                above = _verb_above(parent)
            if above is None:
                return None
            found = _on((above,), placed)
            if found is not None:
                return found
            clause = above
            continue
        if dep == "conj" and is_verb(parent):
            # ("said a government would be formed soon and accused France": the accusing goes
            # on from "said", not from the clause under "would")
            parent = coordinated_partner(clause) or parent
            if _earlier_than(parent, clause):
                return None  # "Trump had hosted him in May, and Orban congratulated him": the first is before
            # "arrived on Tuesday and met": coordinated acts, one time frame
        elif dep == "ccomp" and is_verb(parent):
            pass  # "announced on Sunday that it was cutting ties"
        elif dep in ("xcomp", "acomp", "attr"):
            pass  # "said he was ready to welcome": the clause "ready" completes
        elif dep == "advcl":
            if not _same_time(clause):
                return None  # "after police fired", or a finite clause of its own
        elif dep == "pcomp" and parent.dep_ == "prep":
            if parent.lower_ not in words.manner_prepositions:
                return None
            parent = parent.head
            if not is_verb(parent):
                return None
        else:
            return None
        found = _on((parent,), placed) or _on(_same_time_clauses((parent,), skip=clause.i), placed) \
            or _on(_arguments((parent,)), placed, postmodifiers_only=True)
        if found is not None:
            return found
        clause = parent
    return None


def _reporting_host(host: Token | None, tokens: list[Token]) -> Token | None:
    """'Trump said on Tuesday he would withdraw': the parser hangs a date that stands between
    a verb of saying and the subject of what was said on the content clause; it dates the
    saying."""
    if host is None or host.dep_ != "ccomp" or host.head.i > tokens[0].i:
        return host
    subject = next((c for c in host.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.i > tokens[-1].i and not any(
            c.dep_ == "mark" and c.i < tokens[0].i for c in host.children):
        return host.head
    return host


def _earlier_than(first: Token, second: Token) -> bool:
    """A past perfect coordinated with a simple past that has a subject of its own: two
    times, the first before the second."""
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in first.children) and second.tag_ == "VBD" \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in second.children) \
        and not any(c.dep_ in ("aux", "auxpass") for c in second.children)


# Links by which a noun is a participant of the verb above it.
_PARTICIPANT_LINKS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "pobj", "agent", "appos", "conj",
                                "compound", "prep", "attr"})


def _verb_above(token: Token) -> Token | None:
    """The nearest verb at or above the token, if any."""
    while not is_verb(token) and token.head.i != token.i:
        token = token.head
    return token if is_verb(token) else None


def _participant_of(noun: Token) -> Token | None:
    """The verb a noun is a participant of: its subject, object, or a noun of a phrase on it."""
    t = noun
    for _ in range(_MAX_STEPS):
        if t.dep_ not in _PARTICIPANT_LINKS or t.head.i == t.i:
            return None
        t = t.head
        if is_verb(t):
            return t
    return None


def _simple_past(verb: Token) -> bool:
    """'who condemned', 'which said': a past told in step with the story, not a past
    perfect ('who had shuttled for two days') reaching back before it."""
    return verb.tag_ == "VBD" and not any(c.dep_ == "aux" for c in verb.children)


def _marker(clause: Token) -> str | None:
    for c in clause.children:
        if c.dep_ == "mark" or (c.dep_ == "advmod" and c.i < clause.i and c.lower_ in ("when", "while", "as")):
            return c.lower_
    return None
