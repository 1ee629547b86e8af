"""Source and target of a trigger, without a parser.

Word-order cues decide:
- active voice: the source is the nearest actor before the trigger that is not the
  object of a preposition ("X attacked Y"); the target the nearest actor after it;
- passive voice ("was attacked by X"): the source follows "by", the target precedes;
- coordination ("Pakistan and Iran agreed", "Saudi Arabia, the UAE and Bahrain severed
  ties with Qatar") gives one source per conjunct; reciprocal triggers with no target
  pair the conjuncts up;
- "between X and Y" after the trigger pairs X and Y;
- pair references ("the two nations", "both sides") stand for the last two countries
  named; pronouns and elided subjects take the previous event's source.

The rules read token attributes from `Words`, plain per-Doc lists, not from Token objects.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from spacy.attrs import LEMMA, ORTH
from spacy.tokens import Doc

from extractors.actors import PEOPLE_REFERENCES
from extractors.lexicon import Word, lexicon
from extractors.triggers import _nominal_cues, reads_as_noun


class _Column:
    """A `Words` column of a lexicon row field (`extractors.lexicon.Word`), kept on the
    instance after its first read."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name, self.index = name, Word._fields.index(name)

    def __get__(self, words: "Words | None", owner: type | None = None):
        if words is None:
            return self
        column = words.__dict__[self.name] = words._columns[self.index]
        return column


class Words:
    """A Doc's token attributes as plain lists, each column read once per Doc.

    `doc[i].lower_` makes a Token object on every access: coding 600 articles made ~650k
    of them (~0.3 ms an article). Text, lower case and the flags are lexeme attributes,
    fixed by the spelling: one `Doc.to_array(ORTH)` and the lexicon's row of each spelling
    give them all (~60 us an article, against ~40 us per string column and ~14 us per flag
    column read from the Doc, ~150 us in all). The lemma, a token attribute, is read from
    the Doc. The columns are built on first use.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.n = len(doc)

    @cached_property
    def _columns(self) -> list[list]:
        """The lexicon columns, all at once: a Doc that reads one reads most (a transposition
        costs less than a pass over the rows per column)."""
        words = lexicon(self.doc.vocab)
        rows = list(map(words.__getitem__, self.doc.to_array(ORTH).tolist()))
        return [list(column) for column in zip(*rows)] if rows else [[] for _ in Word._fields]

    # What the spelling decides (list[str] for text and lower, list[bool] for the flags).
    text = _Column()
    lower = _Column()
    is_alpha = _Column()
    is_lower = _Column()
    is_title = _Column()
    is_digit = _Column()
    is_punct = _Column()

    @cached_property
    def lemma(self) -> list[str]:
        strings = self.doc.vocab.strings
        return [strings[h] for h in self.doc.to_array(LEMMA).tolist()]

    def looks_nominal(self, i: int) -> bool:
        """`triggers.looks_nominal(doc, i)` read from the columns: it made three Token
        objects a call (~9k calls per 600 articles)."""
        if i <= 0:
            return False
        lower = self.lower
        return _nominal_cues(lower[i - 2] if i > 1 else "", lower[i - 1], self.is_digit[i - 1],
                             self.is_punct[i - 1], lower[i])


PREPOSITIONS = frozenset("of from in at to with into inside near on against over for by toward towards "
                         "across outside around within about after before under between among amid "
                         "like than including".split())
CONJUNCTS = frozenset({",", "and", "&", "the", "as", "well", "its", "ally", "allies", "both", "neighbour"})
CLAUSE_BREAKS = frozenset({";", "said", "says", "say", "told", "according", "while", "but", "whereas",
                           "which", "who", "whom", "where", "when", "although", "though", "because"})
BE_FORMS = frozenset({"was", "were", "been", "being", "is", "are", "be", "got", "get"})
PRONOUNS = frozenset({"he", "she", "it", "they", "its", "his", "her", "their", "we"})
TARGET_WINDOW = 14
MODIFIER_KINDS = frozenset({"demonym", "country", "agent+country", "org"})
RELATIVES = frozenset({"which", "who", "whom", "where"})
# Prepositions that open a sentence with a phrase before its subject ("In a phone call with ...").
OPENING_PREPS = frozenset({"in", "during", "at", "after", "on"})


@dataclass(frozen=True)
class Actor:
    name: str
    country: str | None
    agent: str | None
    kind: str
    start: int  # token offsets in the Doc
    end: int

    @property
    def political(self) -> bool:
        # Named persons come from the political-actor dictionaries (IGO officials have no country).
        return self.country is not None or self.kind in ("org", "metonym", "person")


@dataclass
class Context:
    """What earlier sentences of the article said: for pronouns, pair references, elided subjects."""
    countries: list[Actor]
    last_sources: list[Actor]
    last_pair: tuple[Actor, Actor] | None = None
    last_act_pair: tuple[Actor, Actor] | None = None  # the last event that was not a reaction
    first_act_pair: tuple[Actor, Actor] | None = None  # the article's lead event

    def pair(self, people: bool = False) -> list[Actor]:
        """The last two actors of different countries; of named people only, if `people`."""
        seen: list[Actor] = []
        for a in reversed(self.countries):
            if people and a.kind not in PERSON_KINDS:
                continue
            if a.country and all(s.country != a.country for s in seen):
                seen.append(a)
            if len(seen) == 2:
                break
        return list(reversed(seen))


PERSON_KINDS = frozenset({"person", "person+country"})

LOCATIVE = frozenset("in from near inside outside across over within into around throughout via "
                     "through".split())


def _governing_preposition(w: Words, actor: Actor, floor: int) -> str | None:
    """The preposition heading the phrase the actor sits in ("from the Gaza Strip" -> 'from')."""
    i = actor.start - 1
    steps = 0
    while i >= floor and steps < 3:
        low = w.lower[i]
        if low in PREPOSITIONS:
            return low
        if low in ("the", "a", "an", "his", "her", "its", "their") or w.is_lower[i] and w.is_alpha[i]:
            i -= 1
            steps += 1
            continue
        return None
    return None


_FINITE = frozenset("has have had will would was were is are did does do can could may might "
                    "must shall should also".split())


def _followed_by_verb(w: Words, actor: Actor) -> bool:
    """'after Iran carried ...': an actor right before a verb is a subject whatever precedes it."""
    if actor.end >= w.n:
        return False
    i = actor.end
    low = w.lower[i]
    return w.is_lower[i] and (low in _FINITE or low.endswith("ed") and low != w.lemma[i])


def _preceded_by_preposition(w: Words, actor: Actor, floor: int) -> bool:
    if _followed_by_verb(w, actor):
        return False
    i = actor.start - 1
    # skip a determiner/possessive/adjective or two: "with the Iranian envoy"
    for _ in range(3):
        if i < floor:
            return False
        low = w.lower[i]
        if low in PREPOSITIONS:
            # "Hundreds of UN troops withdrew": a quantity's 'of' heads the subject itself
            return not (low == "of" and i > floor and w.lower[i - 1] in QUANTITIES)
        if low in ("the", "a", "an", "his", "her", "its", "their", "our", "all", "other", "both", "two", "several") \
                or (w.is_alpha[i] and w.is_lower[i] and low not in ("and",) and not w.lemma[i] in _VERBISH):
            i -= 1
            continue
        return False
    return False


QUANTITIES = frozenset("hundreds thousands dozens scores tens millions some many most all several "
                       "group groups number members one two three four five six seven eight nine ten "
                       "contingent unit units battalion".split())


# Lemmas that end a noun phrase from the left (a subject ends where a verb starts).
_VERBISH = frozenset({"be", "have", "say", "do", "will", "would", "can", "could"})


def coordinated(actors: list[Actor], idx: int, w: Words) -> list[Actor]:
    """The actor at `idx` with the actors joined to it by commas/'and' on either side."""
    group = [actors[idx]]
    has_and = False
    j = idx
    while j > 0 and _joined(w, actors[j - 1], actors[j]):
        group.insert(0, actors[j - 1])
        has_and = has_and or _has_and(w, actors[j - 1], actors[j])
        j -= 1
    j = idx
    while j + 1 < len(actors) and _joined(w, actors[j], actors[j + 1]):
        group.append(actors[j + 1])
        has_and = has_and or _has_and(w, actors[j], actors[j + 1])
        j += 1
    if not has_and:
        return [actors[idx]]  # "Brazil's minister, Mauro Vieira, ...": an apposition, not a list
    seen: set = set()
    unique = []
    for a in group:
        key = (a.country, a.agent) if a.country else a.name
        if key not in seen:
            seen.add(key)
            unique.append(a)
    return unique


def _has_and(w: Words, left: Actor, right: Actor) -> bool:
    return any(low in ("and", "&") for low in w.lower[left.end:right.start])


def _joined(w: Words, left: Actor, right: Actor) -> bool:
    words = w.lower[left.end:right.start]
    if len(words) == 0 or len(words) > 4:
        return False
    if "," in words and _followed_by_verb(w, right) and left.start > 0 and (
            w.is_lower[left.start - 1] or w.is_digit[left.start - 1]):
        # "stood by Maduro, and Moscow warned ...", "freed 13 Israelis and 10 Thai workers,
        # and Israel released ...": an object before ", and" + subject + verb ends a clause
        return False
    return ("and" in words or "," in words or "&" in words) and all(low in CONJUNCTS for low in words)


# "spoke by phone", "arrived by sea": a 'by' that introduces a means, not an agent.
MEANS = frozenset("phone telephone video videolink letter email e-mail mail satellite radio sea land air "
                  "road rail plane car helicopter boat force vote decree".split())


# What follows a participle that modifies the noun before it ("soldiers killed in Ukraine").
REDUCED_RELATIVE_NEXT = frozenset({"in", "near", "at", "during", "when", "while", "inside", ",", ".", "since"})
# Lower-case words before a participle that make it an active verb or a perfect tense.
_NOT_NOUNS = frozenset("has have had having was were is are be been being and or but who which that "
                       "also not never then later they he she it we i you reportedly allegedly jointly "
                       "repeatedly".split())


def _is_passive(w: Words, start: int, sent_start: int, end: int | None = None) -> bool:
    end = start + 1 if end is None else end
    low = w.lower[start]
    lemma = w.lemma[start]
    if low.endswith(("ing", "s")) or not (low.endswith(("ed", "en")) or low != lemma):
        return False  # a past participle is needed: "was attacked", "were held"
    # reduced relative: "a truce mediated by Qatar"
    nxt = w.lower[end] if end < w.n else ""
    after = w.lower[end + 1] if end + 1 < w.n else ""
    if nxt == "by" and after not in MEANS and (low.endswith(("ed", "en")) or low != lemma):
        return True
    if (start - 1 > sent_start and w.is_lower[start - 1] and w.is_alpha[start - 1]
            and w.lower[start - 1] not in _NOT_NOUNS and not w.lower[start - 1].endswith("ly")
            and nxt in REDUCED_RELATIVE_NEXT):
        return True  # reduced relative: "10 soldiers killed in Ukraine", "protesters detained at"
    for i in range(start - 1, max(sent_start, start - 3) - 1, -1):
        if w.lower[i] in BE_FORMS:
            return True
        if not (w.lower[i].endswith("ly") or w.lower[i] in ("not", "also", "reportedly", "n't", "reported")):
            return False
    return False


def find_arguments(w: Words, sent_start: int, sent_end: int, start: int, end: int, actors: list[Actor],
                   context: Context, symmetric: bool = False,
                   target_preps: tuple[str, ...] = (), reaction: bool = False,
                   nominal: bool = False,
                   shared_sources: list[Actor] | None = None,
                   object_is_topic: bool = False, reaction_to_lead: bool = False,
                   may_be_noun: bool = True
                   ) -> list[tuple[Actor | None, Actor | None]]:
    """(source, target) pairs for the trigger at tokens [start, end) of the sentence
    [sent_start, sent_end)."""
    lower, text = w.lower, w.text
    left = [a for a in actors if a.end <= start]
    right = [a for a in actors if a.start >= end]

    # Clause start: the last clause break before the trigger. A closed relative clause
    # ("The United States, which has sent an envoy, welcomed ...") is skipped over.
    floor = sent_start
    skipped: list[tuple[int, int]] = []
    i = start - 1
    while i >= sent_start:
        low = lower[i]
        if low in CLAUSE_BREAKS:
            if low in RELATIVES:
                commas = [k for k in range(i + 1, start) if text[k] == ","]
                if commas:
                    skipped.append((i, commas[-1] + 1))
                    i -= 1
                    continue
            floor = i + 1
            break
        i -= 1
    if skipped:
        left = [a for a in left if not any(lo <= a.start < hi for lo, hi in skipped)]

    # Target side: the first actor after the trigger, within the clause.
    ceiling = min(sent_end, end + TARGET_WINDOW)
    for i in range(end, ceiling):
        if lower[i] in CLAUSE_BREAKS or text[i] in (";", "—") or (
                text[i] == "," and i + 1 < sent_end and lower[i + 1] in ("and", "but", "while")) or (
                lower[i] == "and" and i + 1 < sent_end and _past_verb(w, i + 1)) or (
                text[i] == "," and i + 1 < sent_end and _participle_clause(w, i + 1)):
            # ", and Moscow warned ...", "condemned the attack and urged", "welcomed the
            # response, describing it as ...": a new clause with its own object
            ceiling = i
            break
    # "left Syrian airspace" names a place; "strikes on Syrian territory" still hit Syria
    targets_in_reach = [a for a in right if a.start < ceiling and not (
        _names_a_place(w, a) and _governing_preposition(w, a, end) not in target_preps)]
    if object_is_topic:
        # "discussed buying Greenland with Denmark": the object is the topic, the partner
        # comes after one of the rule's prepositions
        targets_in_reach = [a for a in targets_in_reach if _governing_preposition(w, a, end) in target_preps]

    passive = _is_passive(w, start, sent_start, end)
    inherited = False
    sources: list[Actor] = []
    targets: list[Actor] = []

    # "talks between X and Y", "engagements between the two nations were suspended": a pair.
    lo = max(sent_start, start - 6)
    window = lower[lo:min(end + 2, sent_end)]
    between = lo + window.index("between") if "between" in window else None
    if between is not None and (symmetric or "between" not in target_preps):
        # (but "mediated between X and Y": for a one-way act whose targets 'between'
        # introduces, the pair are the targets of its subject, read below)
        inside = [a for a in actors if between < a.start < between + 9]
        if inside:
            group = _expand_groups(coordinated(actors, actors.index(inside[0]), w), context)
            if len(group) < 2:  # "between the top diplomats of both countries"
                group = _expand_groups(inside, context)
            group = [a for a in group if a.political]
            if len({a.country for a in group}) >= 2:
                return _pairs(group)

    if not nominal and may_be_noun and any(a.end == start and a.kind in MODIFIER_KINDS
                           and _preceded_by_preposition(w, a, sent_start) for a in left):
        nominal = True  # "killed in Israeli tank shelling": a gerund after a modifier is a noun
    # "an Israeli air strike on ...", "Western sanctions": the modifier of an event noun is its agent
    if nominal:
        mod = [a for a in left if a.kind in MODIFIER_KINDS and 0 <= start - a.end <= 2
               and all(w.is_lower[i] and w.is_alpha[i] or text[i] == "-" for i in range(a.end, start))]
        if mod:
            tgts = [a for a in targets_in_reach if a.political and a.country != mod[-1].country]
            if tgts:
                tgt = tgts[0]
                pairs = [(mod[-1], t) for t in coordinated(actors, actors.index(tgt), w)]
                return pairs + ([(tgt, mod[-1])] if symmetric else [])
            if not tgts and not symmetric and _preceded_by_preposition(w, mod[-1], sent_start):
                # "killed in Israeli tank shelling": the modifier is the agent even with no
                # target named (the sentence's subject is the victim)
                return [(mod[-1], None)]

    k = end - 1 if lower[end - 1] == "from" else end
    if reaction and k < sent_end and lower[k] == "from" and (nominal or reads_as_noun(w.doc, start)):
        # "faces pressure from Congress", "support from Moscow": the source follows 'from'
        givers = [a for a in actors if k < a.start <= k + 3]
        if not givers:
            return [(None, None)]
        receivers = [a for a in left if a.start >= floor and not _preceded_by_preposition(w, a, sent_start)]
        src = _expand_groups(coordinated(actors, actors.index(givers[0]), w), context)
        tgt = _expand_groups(coordinated(actors, actors.index(receivers[-1]), w), context) if receivers else []
        return [(a, b) for a in src for b in tgt if a.country != b.country] or [(a, None) for a in src]

    by_actor = None
    if passive:
        for a in targets_in_reach:
            if a.start > end and lower[a.start - 1] == "by" or (
                    a.start - 2 >= end and lower[a.start - 2] == "by"):
                by_actor = a
                break
    if by_actor is not None:
        sources = coordinated(actors, actors.index(by_actor), w)
        cands = [a for a in left if a.start >= floor and not _preceded_by_preposition(w, a, sent_start)]
        if cands:
            targets = coordinated(actors, actors.index(cands[-1]), w)
    else:
        cands = [a for a in left if a.start >= floor and not _preceded_by_preposition(w, a, sent_start)]
        if not cands and floor > sent_start and lower[floor - 1] in ("who", "which") and all(
                w.is_lower[k] for k in range(floor, start)):
            # "backing M23 rebels who captured two towns": the relative pronoun's antecedent
            cands = [a for a in left if a.end == floor - 1]
        if not cands and floor > sent_start:
            # relative clauses and reported speech: fall back to the whole sentence start
            cands = [a for a in left if not _preceded_by_preposition(w, a, sent_start)]
        if len(cands) >= 2 and not cands[-1].political and cands[-1].end == start and (
                nominal or reads_as_noun(w.doc, start)):
            cands = cands[:-1]  # "Norway held military exercises": the role word modifies the noun
        if start >= 2 and lower[start - 1] == "to" and not nominal:
            # "gave permission to Russia to help Israel", "wants Iran to halt": the actor
            # right before an infinitive is its subject
            before_to = [a for a in left if a.end == start - 1 and a.political]
            if before_to:
                cands = before_to
        if cands and _object_before_and(w, cands[-1], start):
            # "Russia attacked Ukraine and killed ...", "Putin said the aim was to demilitarise
            # Ukraine and warned ...": the second verb shares the first verb's subject
            subjects = [a for a in left if a.end < cands[-1].start and w.is_lower[a.end] and w.is_alpha[a.end]
                        and not _preceded_by_preposition(w, a, sent_start)]
            if subjects:
                cands = [subjects[-1]]
        if cands:
            subject = _before_participle(w, cands) or _before_apposition(w, actors, cands[-1], start)
            if passive:
                targets = coordinated(actors, actors.index(subject), w)
            else:
                sources = coordinated(actors, actors.index(subject), w)
        if not passive and targets_in_reach is not None:
            targets_in_reach = [a for a in targets_in_reach if a.political] or targets_in_reach
            # "freed hostages from Gaza", "met in Brussels": places are targets only as a last resort
            direct = [a for a in targets_in_reach
                      if _governing_preposition(w, a, end) not in LOCATIVE
                      or _governing_preposition(w, a, end) in target_preps]
            # (a meeting "in Brussels" is not with Belgium)
            targets_in_reach = direct or ([] if symmetric else targets_in_reach)
            first = targets_in_reach[0] if targets_in_reach else None
            if first is not None and target_preps:
                preferred = [a for a in targets_in_reach
                             if a.start > 0 and lower[a.start - 1] in target_preps]
                first = preferred[0] if preferred else first
            if first is not None:
                targets = coordinated(actors, actors.index(first), w)

    if shared_sources and not passive and _continues_clause(w, start, sent_start):
        # "London blamed Moscow ... and expelled 23 diplomats", "..., accusing Qatar of ...":
        # a second verb of the same subject
        sources = list(shared_sources)
        inherited = True
    if not sources and nominal and start - sent_start <= 3 and lower[sent_start] in OPENING_PREPS:
        # "In a phone call with his Indian counterpart, ..., Wang Yi accused ...": the event
        # noun of an opening phrase belongs to the main clause's subject
        main = [a for a in right if _followed_by_verb(w, a) or a.end < w.n
                and lower[a.end] in ("said", "told", "says")]
        if main and not _preceded_by_preposition(w, main[0], sent_start):
            sources = coordinated(actors, actors.index(main[0]), w)
    if not sources and not passive:
        # Elided subject or pronoun: the previous event's source(s).
        # Only for a verb that opens its clause ("..., accusing Qatar") or follows a
        # pronoun ("he urged"): an event noun opening a sentence has no inherited agent.
        before = lower[max(floor, start - 3):start]
        opens_clause = all(not w.is_alpha[i] or lower[i] in ("and", "also", "then", "later", "had", "has",
                                                               "have", "would", "will")
                           for i in range(floor, start))
        if context.last_sources and not nominal and (opens_clause and floor > sent_start
                                                     or any(low in PRONOUNS for low in before)):
            sources = list(context.last_sources)
            inherited = True

    raw_sources = sources
    explicit_target = bool(targets)
    sources = _expand_groups(sources, context)
    targets = _expand_groups(targets, context)
    targets = [t for t in targets if all(t.start != s.start for s in sources)]

    previous = context.last_act_pair or context.last_pair
    if reaction_to_lead and context.first_act_pair is not None:
        # praise, condemnation and threats with no object in reach ("welcomed the response",
        # "warned that such actions ...") mostly judge the article's lead event
        previous = context.first_act_pair
    own = {s.country for s in sources}
    if sources and not any(t.political and not _own_people(t, own) for t in targets) \
            and previous is not None and reaction:
        # A reaction with its object out of reach ("denounced it", "welcomed the move",
        # "urged him to ..."), or naming only the source's own people ("warned that
        # Chinese consumers might boycott ..."): aimed at whoever did the last thing reported.
        prev_src, prev_tgt = previous
        for cand in (prev_src, prev_tgt):
            if cand.country not in own and cand.political:
                targets = [replace(cand, start=end, end=end)]
                break
    from_pair = any(a.kind == "group" for a in raw_sources)
    if len(sources) >= 2 and (symmetric or from_pair and not explicit_target) and not inherited:
        return _pairs(sources)  # "Pakistan and Iran agreed": each is the other's partner
    if symmetric and len(sources) == 1 and len(targets) == 1 and (
            nominal or _governing_preposition(w, targets[0], end) is not None):
        # "Syrian forces clashed with Egyptian rioters": each acts on the other; a direct
        # object ("rebels engaged Filipino peacekeepers") is only acted on
        return [(sources[0], targets[0]), (targets[0], sources[0])]
    if not targets:
        return [(s, None) for s in sources] or [(None, None)]
    if not sources:
        return [(None, t) for t in targets]
    return [(s, t) for s in sources for t in targets if s.country != t.country or s.country is None
            or len(sources) == 1 and len(targets) == 1]


CLAIM_WINDOW = 10


def claim_complement(w: Words, start: int, sent_start: int) -> int | None:
    """Where 'claim(ed) that' opens the clause the trigger at `start` stands in ('The army
    claimed that rebels had shelled the town'): the index of 'that', else None. The speaker
    asserts the act without it being reported as fact: what is coded is the claim."""
    for k in range(start - 1, max(sent_start, start - CLAIM_WINDOW) - 1, -1):
        if w.text[k] in (";", ".") or w.lower[k] in ("said", "says", "but", "while"):
            return None
        if w.lower[k] == "that" and k > sent_start and w.lemma[k - 1] == "claim":
            return k
    return None


def _own_people(target: Actor, own: set[str | None]) -> bool:
    """A target that is just the source's own nation ("Chinese consumers", "French
    nationals" after a Chinese or French source): the content of a reaction, not whom it
    answers. A different part of the same state (army, parliament) is a real target."""
    return target.country is not None and target.country in own and target.agent is None


# Nouns that make a demonym before them a place ("Syrian airspace", "the Afghan border").
PLACE_NOUNS = frozenset("airspace border borders territory territories soil waters coast coastline "
                        "side frontier mainland capital city town village province region".split())


def _names_a_place(w: Words, actor: Actor) -> bool:
    """'never left Syrian airspace', 'near the Afghan border': where, not whom."""
    return actor.kind == "demonym" and actor.end < w.n and w.lower[actor.end] in PLACE_NOUNS


def _continues_clause(w: Words, start: int, sent_start: int) -> bool:
    """The verb follows 'and' or a comma directly (adverbs aside) and carries a verb form."""
    low = w.lower[start]
    if not (low.endswith(("ed", "ing")) or low != w.lemma[start]):
        return False
    i = start - 1
    while i > sent_start and (w.lower[i].endswith("ly") or w.lower[i] in ("also", "then", "later")):
        i -= 1
    if i <= sent_start:
        return False
    return w.lower[i] == "and" or w.text[i] == "," and low.endswith("ing")


# -ing words after a comma that introduce a phrase, not a new predicate ("countries,
# including Iran"; "according to").
_PREPOSITIONAL_ING = frozenset({"including", "according", "regarding", "concerning", "excluding",
                                "following", "during", "notwithstanding", "pending"})


def _participle_clause(w: Words, i: int) -> bool:
    """', describing it as ...', ', accusing Qatar of ...': a lower-case verb in -ing after a
    comma opens a participial clause; the actors in it are that verb's arguments."""
    low = w.lower[i]
    return (w.is_lower[i] and low.endswith("ing") and low != w.lemma[i]
            and low not in _PREPOSITIONAL_ING)


def _past_verb(w: Words, i: int) -> bool:
    """'urged', 'expelled', 'sent': a lower-case past form (not a noun such as 'troops')."""
    low = w.lower[i]
    return w.is_lower[i] and w.is_alpha[i] and low != w.lemma[i] and not low.endswith(("s", "ing"))


def _object_before_and(w: Words, actor: Actor, trigger_start: int) -> bool:
    """'... demilitarise Ukraine and warned': the actor ends right before 'and' + the trigger
    and itself follows a verb, so it is an object, not the subject of the trigger."""
    if actor.end != trigger_start - 1 or w.lower[actor.end] != "and" or actor.start == 0:
        return False
    prev = actor.start - 1
    if w.lower[prev] in ("the", "'s", "’s"):
        prev = actor.start - 2 if actor.start >= 2 else prev
    low = w.lower[prev]
    return (w.is_lower[prev] and w.is_alpha[prev] and low not in PREPOSITIONS
            and low not in ("and", "or", "but", "both", "either") or w.text[prev] in ("”", '"', "'"))


def _before_participle(w: Words, cands: list[Actor]) -> Actor | None:
    """'British aircraft using guided missiles killed ...', 'Russian jets including
    bombers struck ...': the role word inside a participle phrase is an instrument or a
    part; the subject is the political actor right before the phrase."""
    last = cands[-1]
    if last.political or len(cands) < 2:
        return None
    for k in range(last.start - 1, max(last.start - 5, 0), -1):
        low = w.lower[k]
        if not (w.is_lower[k] and w.is_alpha[k]):
            return None
        if low.endswith("ing") or low == "with":
            before = cands[-2]
            return before if before.end == k and before.political else None
    return None


def _before_apposition(w: Words, actors: list[Actor], cand: Actor, trigger_start: int) -> Actor:
    """'China, Pyongyang's main ally, suggested ...': the subject is the actor before the
    comma-enclosed apposition, not the one inside it."""
    commas = [i for i in range(cand.end, trigger_start) if w.text[i] == ","]
    if len(commas) != 1 or commas[0] - cand.end > 3:
        return cand
    if any(w.lemma[k] in _VERBISH and w.text[k] not in ("'s", "’s") for k in range(cand.end, commas[0])):
        return cand  # "in Nigeria, officials said, in an attack": a clause, not an apposition
    i = cand.start - 1
    while i >= 0 and i >= cand.start - 4 and w.text[i] != ",":
        if not (w.is_lower[i] or w.text[i] in ("'s", "’s")):
            return cand
        i -= 1
    if i < 1 or w.text[i] != ",":
        return cand
    before = [a for a in actors if a.end == i]
    return before[0] if before and before[0].political else cand


def _pairs(group: list[Actor]) -> list[tuple[Actor, Actor]]:
    out = []
    for a in group:
        for b in group:
            if a is not b and (a.country != b.country or a.country is None
                               or a.agent and b.agent and a.agent != b.agent):
                out.append((a, b))
    return out


def _expand_groups(actors: list[Actor], context: Context) -> list[Actor]:
    """Replace 'the two nations' by the last two countries named."""
    out: list[Actor] = []
    for a in actors:
        if a.kind == "group":
            pair = context.pair(people=True) if a.name.lower() in PEOPLE_REFERENCES else []
            if len(pair) < 2:  # people named without a country: fall back to countries
                pair = context.pair()
            out.extend(replace(p, start=a.start, end=a.end, name=a.name) for p in pair)
        else:
            out.append(a)
    return out
