"""Discourse reference within one article: what "he", "its", "the alliance", "the army",
"both sides" stand for.

The coder walks an article sentence by sentence; `Discourse` remembers the actors named
so far (with whether each was a clause subject) and the events coded, and resolves:

- personal pronouns by kind (person / thing / plural, `rules/actors/references.yaml`),
  preferring the subject of the nearest earlier clause, searching the current sentence
  before the pronoun, then up to `REACH` sentences back;
- "the alliance", "the bloc", "the commission": the body named before whose name ends in
  the noun ("the national electoral commission"), else the last organisation named, one
  the dictionaries know or a proper name headed by an organisation's noun ("the Azimio
  Alliance");
- role words named without a country ("the minister", "the army", "police",
  "protesters"): the country of the last actor with the same role, else, for roles that
  belong to a country's own life (police, courts, opposition, army), the article's home
  country: the country its actors most often belong to (not simply the dateline's, which
  for a story filed from a regional hub is another country);
- pair phrases ("both sides", "the two countries"): the two parties of the story's main
  dyad (the pair most often coded so far, else the last two countries named).
"""
from __future__ import annotations

from bisect import bisect_right

from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

from eventetl.extractors.events.clauses import clause_verb, subject_of
from eventetl.extractors.actors.mentions import IRREGULAR_AGENTS, PERSON_KINDS, Actor

REFERENCES_FILE = Path(__file__).parent.parent / "rules" / "actors" / "references.yaml"
REACH = 3  # sentences back a pronoun may reach
ROLE_REACH = 8  # sentences back a role word may take its country from
LOCAL_ROLE_REACH = 1  # ... for roles of a country's own life, when the article has a home country
# Role words that, named with no country, mean the home country's own body.
HOME_AGENTS = frozenset({"MIL", "COP", "OPP", "CVL", "JUD", "LEG", "PTY", "GOV", "SPY", "LAB", "MED",
                         "EDU", "BUS", "REL", "HLH"})
# Armed groups and parties "the group" or "the movement" may take up.
MOVEMENT_AGENTS = frozenset({"REB", "INS", "OPP", "PTY", "SEP", "TER", "UAF"})
# Role words of bodies that trade across borders: the home country's only in a story about it.
TRADING_AGENTS = frozenset({"BUS"})
# ... of which the state's own arms belong to the home country only in a story about one
# country: between two states, "the army" or "the government" may be either's.
STATE_AGENTS = frozenset({"MIL", "GOV", "SPY"})
# Mentions of the home country's actors before a story counts as one country's own affairs.
DOMESTIC_MIN_MENTIONS = 3
DOMESTIC_RATIO = 1.5  # ... and at least this many times any other country's
# Extra weight of a country named in the lead sentence, and of the dateline's country.
LEAD_WEIGHT = 2
DATELINE_WEIGHT = 2
STATE_KINDS = frozenset({"country", "capital", "metonym", "demonym"})
PERSON_PRONOUN_AGENTS = frozenset({"GOV", "MIL", "JUD", "LEG", "OPP", "PTY", "ELI", "SPY", "COP", "REB"})


@dataclass(frozen=True)
class ReferenceWords:
    person: frozenset[str]
    thing: frozenset[str]
    plural: frozenset[str]
    person_roles: frozenset[str]
    organisation_nouns: frozenset[str]
    act_nouns: frozenset[str]
    receiving_verbs: frozenset[str]
    place_nouns: frozenset[str]
    onlooker_verbs: frozenset[str]
    organisation_heads: dict[str, str]
    people_nouns: frozenset[str]
    people_endings: tuple[str, ...]
    act_noun_roots: dict[str, frozenset[str]]  # act noun -> the CAMEO roots it names
    home_armed_roles: frozenset[str]
    commercial_nouns: frozenset[str]
    movement_nouns: frozenset[str]
    divided_countries: tuple[dict[str, str], ...] = ()
    state_nouns: frozenset[str] = frozenset()
    crowd_nouns: frozenset[str] = frozenset()
    speaker: frozenset[str] = frozenset()
    speaker_verbs: frozenset[str] = frozenset()
    office_nouns: frozenset[str] = frozenset()
    state_descriptions: dict[str, frozenset[str]] = field(default_factory=dict)  # "kingdom" -> monarchies
    neutral_modifiers: frozenset[str] = frozenset()
    institution_countries: dict[str, frozenset[str]] = field(default_factory=dict)  # "congress" -> its countries


@lru_cache(maxsize=4)
def reference_words(path: Path = REFERENCES_FILE) -> ReferenceWords:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pronouns = data["pronouns"]
    return ReferenceWords(frozenset(pronouns["person"]), frozenset(pronouns["thing"]),
                          frozenset(pronouns["plural"]), frozenset(data["person_roles"]),
                          frozenset(data["organisation_nouns"]), frozenset(data.get("act_nouns", ())),
                          frozenset(data.get("receiving_verbs", ())), frozenset(data.get("place_nouns", ())),
                          frozenset(data.get("onlooker_verbs", ())), dict(data.get("organisation_heads", {})),
                          frozenset(data.get("people_nouns", ())), tuple(data.get("people_endings", ())),
                          {str(k): frozenset(str(v).split()) for k, v in data.get("act_noun_roots", {}).items()},
                          frozenset(data.get("home_armed_roles", ())), frozenset(data.get("commercial_nouns", ())),
                          frozenset(data.get("movement_nouns", ())),
                          tuple({str(k): str(v) for k, v in d.items()} for d in data.get("divided_countries", ())),
                          frozenset(data.get("state_nouns", ())), frozenset(data.get("crowd_nouns", ())),
                          frozenset(pronouns.get("speaker", ())), frozenset(data.get("speaker_verbs", ())),
                          frozenset(data.get("office_nouns", ())),
                          {str(k): frozenset(v) for k, v in data.get("state_descriptions", {}).items()},
                          frozenset(data.get("neutral_modifiers", ())),
                          {str(k): frozenset(v) for k, v in data.get("institution_countries", {}).items()})


@dataclass(frozen=True, slots=True)
class Named:
    """An actor as the discourse remembers it."""
    actor: Actor
    sentence: int
    subject: bool
    group: tuple[Actor, ...] = ()  # coordinated subjects ("Pakistan and Iran")


def is_person_like(actor: Actor, words: ReferenceWords) -> bool:
    if actor.kind in PERSON_KINDS:
        return True
    if actor.kind == "demonym" and not actor.plural:
        return True  # "the Mexican said afterwards", "the Briton was freed": one person
    if actor.plural or actor.kind not in ("agent", "agent+country"):
        return False
    name = actor.name.lower()
    return any(name.endswith(role) for role in words.person_roles)


def is_thing_like(actor: Actor, words: ReferenceWords) -> bool:
    if actor.kind in STATE_KINDS or actor.kind in ("org", "metonym"):
        return not actor.plural
    return actor.kind in ("agent", "agent+country") and not actor.plural and not is_person_like(actor, words)


class Discourse:
    def __init__(self, home: str | None, words: ReferenceWords | None = None, domestic: bool = False,
                 dateline: str | None = None, hub: bool = False):
        self.home = home
        self.dateline = dateline  # the dateline's country: a state's arms there are the home country's
        # filed from a city whose country the text never names: a hub, not a party, so the
        # story's own roles are the home country's ("BAMAKO - ... army officers ousted ...")
        self.hub = hub
        self.domestic = domestic  # the story is about one country's own affairs
        self.words = words or reference_words()
        self.named: list[Named] = []
        self.pairs: Counter = Counter()  # (country, country) of coded events
        # acts between two parts of one country (army and rebels): (country, agent, agent)
        self.inner_pairs: Counter = Counter()
        self._inner_actors: dict[tuple, tuple[Actor, Actor]] = {}
        self.first_pair: tuple[Actor, Actor] | None = None
        self.last_pair: tuple[Actor, Actor] | None = None
        # two countries named together in any role ("invited Finland and Sweden"), in order
        self.coordinated: list[tuple[Actor, Actor]] = []

    # ------------------------------------------------------------ remembering
    def remember(self, sentence: int, actors: list[Actor], subjects: set[int],
                 groups: list[list[Actor]] = ()) -> None:
        """The actors of a sentence, in order; `subjects`: starts of those that are a
        clause subject; `groups`: coordinated subjects."""
        for a in actors:
            if a.kind == "group":
                continue
            self.named.append(Named(a, sentence, a.start in subjects))
        for g in groups:
            if len(g) >= 2:
                self.named.append(Named(g[0], sentence, True, tuple(g)))

    def remember_coordinated(self, pair: tuple[Actor, Actor]) -> None:
        """Two countries named together ("Finland and Sweden"), as subject or not."""
        self.coordinated.append(pair)

    def remember_act(self, source: Actor) -> None:
        """An act aimed at no party ("fired a ballistic missile"): a later reaction may
        answer its doer, who stands on both sides of the pair remembered."""
        self.last_pair = (source, source)
        if self.first_pair is None:
            self.first_pair = (source, source)

    def remember_event(self, source: Actor | None, target: Actor | None) -> None:
        """An act coded (not a reaction): later reactions may answer it; between two
        countries it counts towards the story's main dyad."""
        if source is None or target is None:
            return
        self.last_pair = (source, target)
        if self.first_pair is None:
            self.first_pair = (source, target)
        if source.country and target.country and source.country != target.country:
            self.pairs[tuple(sorted((source.country, target.country)))] += 1
        elif source.country and source.country == target.country and source.agent and target.agent \
                and source.agent != target.agent:
            key = (source.country, *sorted((source.agent, target.agent)))
            self.inner_pairs[key] += 1
            self._inner_actors[key] = (source, target)

    # ------------------------------------------------------------ resolving
    def resolve_pronoun(self, word: str, sentence: int, position: int,
                        not_at: frozenset[int] = frozenset(), since: int | None = None) -> list[Actor]:
        """What a pronoun at token `position` of sentence `sentence` stands for ([] if unsure).
        `not_at`: token positions it cannot refer to (the subject of its own clause, for an
        object pronoun: "Greek police arrested them"); `since`: the first token position of
        this sentence it may refer back to (a noun it more likely stands for is there)."""
        low = word.lower()
        w = self.words
        # "Indonesia and Pakistan voted against the proposal, while Ukraine supported it": a
        # singular pronoun does not take up one member of a coordination
        members = {(n.sentence, a.start) for n in self.named if n.group for a in n.group}
        if low in w.person:
            test = lambda n: not n.group and is_person_like(n.actor, w) \
                and (n.sentence, n.actor.start) not in members  # noqa: E731
        elif low in w.thing:
            test = lambda n: not n.group and is_thing_like(n.actor, w) \
                and (n.sentence, n.actor.start) not in members  # noqa: E731
        elif low in w.plural:
            # ("The Houthis said they had fired": an armed group is "they" by its members)
            group_name = low == "they"  # (as subject: "Greek police arrested them" means people)
            test = lambda n: bool(n.group) or (n.actor.plural or group_name and n.actor.kind == "org"
                                               and n.actor.agent == "REB") and n.actor.political  # noqa: E731
        else:
            return []
        best = self._nearest(sentence, position,
                             lambda n: test(n) and not (n.sentence == sentence and n.actor.start in not_at)
                             and (since is None or n.sentence == sentence and n.actor.start >= since))
        if best is None:
            return []
        found = list(best.group) if best.group else [best.actor]
        return [replace(a, start=position, end=position + 1) for a in found]

    def main_subject_of_adverbial(self, token: Token, sentence: int, offset: int) -> list[Actor]:
        """"The gunman fired from a rooftop before snipers shot him dead": a person pronoun
        that is the object in a clause of time hung on a main clause stands for that clause's
        subject, when it is one person."""
        if token.dep_ != "dobj":
            return []
        verb = clause_verb(token)
        if verb is None or verb.dep_ != "advcl" or not any(c.dep_ == "mark" for c in verb.children):
            return []
        subject = subject_of(verb.head)
        if subject is None or subject.tag_ not in ("NN", "NNP"):
            return []
        at = subject.i + offset
        found = next((n.actor for n in self.named if n.sentence == sentence and not n.group
                      and n.actor.start <= at < n.actor.end), None)
        if found is None or not (is_person_like(found, self.words)
                                 or found.kind in ("agent", "agent+country") and not found.plural):
            return []
        position = token.i + offset
        return [replace(found, start=position, end=position + 1)]

    def quoted_speaker(self, token: Token, sentence: int, offset: int) -> list[Actor]:
        """The actor a quotation holding `token` is attributed to in its sentence ("“We
        condemn the overthrow,” State Department spokesman Gonzalo Gallegos said": the
        spokesman), or [] when the word is not quoted or no speaker is named."""
        if not _quoted(token):
            return []
        for verb in token.doc:
            if verb.lemma_.lower() not in self.words.speaker_verbs or _quoted(verb):
                continue
            for subject in (c for c in verb.children if c.dep_ == "nsubj"):
                at = subject.i + offset
                speaker = next((n.actor for n in self.named if n.sentence == sentence and not n.group
                                and n.actor.start <= at < n.actor.end), None)
                if speaker is not None:
                    position = token.i + offset
                    return [replace(speaker, start=position, end=position + 1)]
        return []

    def _nearest(self, sentence: int, position: int, test) -> Named | None:
        # the current sentence first (mentions before the word), then earlier sentences;
        # within a sentence a subject first, then the latest mention
        for back in range(REACH + 1):
            s = sentence - back
            if s < 0:
                break
            cands = [n for n in self.named if n.sentence == s and test(n)
                     and (back or n.actor.end <= position)]
            if not cands:
                continue
            subjects = [n for n in cands if n.subject]
            pool = subjects or cands
            return pool[0] if back else pool[-1]
        return None

    def resolve_organisation(self, noun: str, sentence: int, position: int) -> list[Actor]:
        """'the alliance', 'the bloc': the organisation named before whose name ends in
        the same noun ('the council' after 'the U.N. Human Rights Council'), else the last
        organisation named before."""
        low = noun.lower()
        if low not in self.words.organisation_nouns:
            return []
        before = self._named_before(sentence, position)
        # a body of any kind whose name ends in the noun ("the commission" after "the
        # national election commission"), else the last organisation, known or a proper
        # name with an organisation's head ("the coalition" after "the National Super Alliance")
        named = next((n for n in reversed(before) if n.actor.kind not in PERSON_KINDS
                      and n.actor.name.lower().split()[-1:] == [low]), None)
        if named is None:
            named = next((n for n in reversed(before) if n.actor.kind == "org" or self._named_body(n.actor)
                          or n.sentence == sentence and self._body_officer(n.actor)), None)
        if named is None:
            return []
        return [replace(named.actor, kind="org" if self._body_officer(named.actor) else named.actor.kind,
                        start=position, end=position + 1)]

    @staticmethod
    def _body_officer(actor: Actor) -> bool:
        """A person named holding an international body's office ("The European Union's
        foreign policy chief Josep Borrell said the bloc ..."): the body speaks through them,
        in the sentence that names them so."""
        return actor.kind in PERSON_KINDS and actor.country is None and actor.agent is not None

    def resolve_state_description(self, noun: str, sentence: int, position: int) -> list[Actor]:
        """'the kingdom' after 'Saudi Arabia', 'the emirate' after 'Qatar': the last country
        named before of those the noun describes."""
        countries = self.words.state_descriptions.get(noun.lower())
        if not countries:
            return []
        named = next((n.actor for n in reversed(self._named_before(sentence, position))
                      if n.actor.country in countries), None)
        if named is None:
            return []
        return [Actor(named.country, named.country, None, "country", position, position + 1)]

    def _named_before(self, sentence: int, position: int) -> list[Named]:
        """Single actors named before a position, within a role's reach back."""
        return [n for n in self.named if not n.group and sentence - n.sentence <= ROLE_REACH
                and (n.sentence < sentence or n.sentence == sentence and n.actor.end <= position)]

    def state_of_antecedent(self, token: Token, sentence: int, offset: int) -> list[Actor]:
        """The country of the actor a relative clause holding `token` is said of, as an actor
        at the token."""
        t = token
        while t.dep_ != "relcl":
            if t.head.i == t.i:
                return []
            t = t.head
        owner = t.head.i + offset
        named = next((n.actor for n in self.named if n.sentence == sentence and n.actor.start <= owner < n.actor.end
                      and n.actor.country), None)
        if named is None:
            return []
        position = token.i + offset
        return [Actor(named.country, named.country, None, "country", position, position + 1)]

    def _named_body(self, actor: Actor) -> bool:
        """A proper name the dictionaries lack, headed by an organisation's noun."""
        words = actor.name.split()
        return actor.kind in ("agent", "agent+country") and len(words) >= 2 \
            and all(w[:1].isupper() for w in words) and words[-1].lower() in self.words.organisation_heads

    def ground(self, actor: Actor, sentence: int, definite: bool, modifiers: tuple[str, ...] = ()) -> Actor:
        """A role word named without a country: the country of the same role named
        recently ("the minister" after "Foreign Minister Wang Yi"), else the home country
        for roles of a country's own life. Police, protesters, courts take the home country
        unless the very same word was just given another one. `modifiers`: the description's
        own words before its noun ("the electoral council"), which an organisation it takes
        up must have in its name."""
        if actor.country or actor.kind != "agent":
            return actor
        if definite:
            named = self._organisation_by_head(actor.name, sentence, actor.agent, modifiers)
            if named is not None:
                return replace(named, start=actor.start, end=actor.end)
        countries = self.words.institution_countries.get(actor.name.lower())
        if countries and self.home and self.home not in countries:
            # "Kerry urged Congress to hold off", in a story about Iran: the body of a country
            # that has one of that name, named last
            named = next((n.actor for n in reversed(self.named) if n.sentence <= sentence
                          and n.actor.country in countries), None)
            if named is not None:
                return replace(actor, country=named.country, kind="agent+country")
        local = actor.agent not in STATE_AGENTS
        reach = LOCAL_ROLE_REACH if local and self.home else ROLE_REACH
        same = [n.actor for n in reversed(self.named) if sentence - n.sentence <= reach and not n.group
                and n.actor.country and n.actor.agent == actor.agent and n.actor.kind != "org"
                and same_role(actor.name, n.actor.name)] if definite else []
        if same:
            # "the president", with Niger's and Benin's presidents named: in a story about
            # Niger, Niger's
            other = next((a for a in same if definite and a.country == self.home), same[0])
            return replace(actor, country=other.country, kind="agent+country",
                           canonical=other.canonical or other.name)
        if actor.agent in IRREGULAR_AGENTS and actor.plural:
            # "Al Shabaab fighters stormed a hotel ... Security forces killed all five
            # attackers": armed men named by their deed are the armed group named just before
            armed = next((n.actor for n in reversed(self.named) if not n.group and n.actor.country
                          and n.actor.agent in IRREGULAR_AGENTS and sentence - n.sentence <= LOCAL_ROLE_REACH
                          and n.actor.start < actor.start), None)
            if armed is not None:
                return replace(actor, country=armed.country, kind="agent+country")
        if self.home and self.domestic and actor.name.lower() in self.words.home_armed_roles:
            # "the rebels", "insurgents" in a story about one country: its own ("gunmen" who
            # attacked a capital may have come from anywhere)
            return replace(actor, country=self.home, kind="agent+country")
        if self.home and actor.agent in HOME_AGENTS and (self.domestic or (
                actor.agent not in TRADING_AGENTS and (local or self.home == self.dateline or self.hub))):
            # (a company in a story that is not about one country may be anyone's: "BRUSSELS
            # - The European Commission fined Google ... ordered the company")
            return replace(actor, country=self.home, kind="agent+country")
        return actor

    def _organisation_by_head(self, word: str, sentence: int, agent: str | None = None,
                              modifiers: tuple[str, ...] = ()) -> Actor | None:
        """'the court' after 'the International Criminal Court', 'the commission' after
        'the European Commission': the organisation whose name ends in the same noun is
        the one meant, not the home country's court. So are a body's role holders named so
        ('European Union foreign ministers ... thanked the ministers'). 'The electoral council'
        is not 'the OAS permanent council': a description's own modifiers must be in the name."""
        low = word.lower()
        body_noun = low in self.words.organisation_nouns
        if not body_noun and agent is None:
            return None
        for n in reversed(self.named):
            if n.sentence <= sentence and not n.group and n.actor.kind == "org" \
                    and (body_noun or n.actor.agent == agent) and low in _head_nouns(n.actor.name) \
                    and all(m in n.actor.name.lower().split() for m in modifiers):
                return n.actor
        if low in self.words.movement_nouns:
            # "Hamas ... the group said", "the M23 ... the movement": the armed group or party
            # named last, whatever its name ends in
            return next((n.actor for n in reversed(self.named) if n.sentence <= sentence
                         and sentence - n.sentence <= ROLE_REACH and not n.group and n.actor.kind == "org"
                         and n.actor.agent in MOVEMENT_AGENTS), None)
        return None

    def pair(self, people: bool = False, before: int | None = None) -> list[Actor]:
        """The story's main dyad, as two actors (of one country, when two of its bodies acted
        together); the last two people named for pairs of people.
        `before`: with no dyad coded yet, only actors named before this sentence count."""
        if people:
            seen: list[Actor] = []
            for n in reversed(self.named):
                a = n.actor
                if not n.group and a.kind in PERSON_KINDS and a.country and all(s.country != a.country for s in seen):
                    seen.append(a)
                if len(seen) == 2:
                    break
            countries = {a.country for a in seen}
            if len(seen) == 2 and (not self.pairs or any(set(p) == countries for p in self.pairs)):
                # ("The two leaders first met in Singapore", after Japan's Abe backed Trump:
                # the leaders of the story's dyad, not the last two named)
                return list(reversed(seen))
        if self.pairs:
            (c1, c2), _ = self.pairs.most_common(1)[0]
            return [self._latest_of(c1), self._latest_of(c2)]
        together = self._acted_together(before)
        if together:
            return together
        seen = []
        for n in reversed(self.named):
            a = n.actor
            if before is not None and n.sentence >= before:
                continue
            if not n.group and a.country and all(s.country != a.country for s in seen):
                seen.append(a)
            if len(seen) == 2:
                break
        return list(reversed(seen)) if len(seen) == 2 else []

    def sides(self, people: bool = False) -> list[Actor]:
        """What "both sides" stands for: the main dyad between two countries, else the two
        parts of one country that acted on each other ("Sudan's army and the RSF fought ...
        urged both sides")."""
        if people or not self.inner_pairs or self.pairs and (
                not self.domestic or self.pairs.most_common(1)[0][1] > self.inner_pairs.most_common(1)[0][1]):
            # (in a story about one country, outsiders' calls on it do not make them a side,
            # unless acts between two countries outnumber those inside it)
            return self.pair(people=people)
        return list(self._inner_actors[self.inner_pairs.most_common(1)[0][0]])

    def named_pair_without(self, countries: set[str | None]) -> list[Actor]:
        """The last two countries named together ("Finland and Sweden") of which neither is
        one of `countries`: "Ankara would ask the two countries" means two others than its own."""
        for pair in reversed(self.coordinated):
            if all(a.country not in countries for a in pair):
                return list(pair)
        return []

    def _acted_together(self, before: int | None) -> list[Actor]:
        """The two named last as one clause's subjects, of two countries or two bodies of
        one: "Ethiopia's government and the OLA rebels ended talks in Tanzania ... Both
        sides blamed each other" are those two, not the last two countries named."""
        for n in reversed(self.named):
            if len(n.group) != 2 or before is not None and n.sentence >= before:
                continue
            a, b = n.group
            if a.country and b.country and (a.country != b.country or bool(a.agent and b.agent)
                                            and a.agent != b.agent):
                return list(n.group)
        return []

    def _latest_of(self, country: str) -> Actor:
        for n in reversed(self.named):
            if n.actor.country == country and not n.group:
                return n.actor
        return Actor(country, country, None, "country", 0, 0)


def _quoted(token: Token) -> bool:
    """Whether the token stands inside a quotation of its sentence."""
    before = token.doc.text[:token.idx]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def same_role(name: str, other: str) -> bool:
    """'the minister' and 'Foreign Minister Wang Yi' share the role word."""
    head = name.lower().split()[-1]
    return head in other.lower() or head.rstrip("s") in other.lower()


def _country_counts(actors: list[Actor], sentence_starts: list[int] | None) -> Counter:
    """Mentions per country; with `sentence_starts`, sentences naming each country."""
    named = [a for a in actors if a.country and a.kind != "group"]
    if not sentence_starts:
        return Counter(a.country for a in named)
    # (counted in text order, so that ties between countries break the same way every run)
    seen = dict.fromkeys((a.country, bisect_right(sentence_starts, a.start)) for a in named)
    return Counter(country for country, _ in seen)


def is_domestic(actors: list[Actor], home: str | None, sentence_starts: list[int] | None = None) -> bool:
    """The home country's actors are at least twice as many as any other country's.
    With `sentence_starts` (token offsets, ascending) a country counts once per sentence
    it is named in: one foreign voice named three ways in one sentence ("U.S. Secretary of
    State Antony Blinken ... Washington") is one voice."""
    if home is None:
        return False
    counts = _country_counts(actors, sentence_starts)
    others = [n for c, n in counts.items() if c != home]
    # (a short story naming one country three times is its affairs: the minimum counts mentions)
    return _country_counts(actors, None).get(home, 0) >= DOMESTIC_MIN_MENTIONS \
        and counts.get(home, 0) >= DOMESTIC_RATIO * max(others, default=0)


def _head_nouns(name: str) -> tuple[str, ...]:
    """The nouns a name ends in, and the one before its "of" ("International Court of Justice":
    justice and court)."""
    low = name.lower()
    return tuple(part.split()[-1] for part in (low, low.split(" of ")[0]) if part.split())


def home_country(actors: list[Actor], dateline_country: str | None, lead_end: int = 0,
                 sentence_starts: list[int] | None = None, filed_away: bool = False) -> str | None:
    """The country an article is about: the only country it names; else the country its
    actors belong to most often (once per sentence, with `sentence_starts`), the lead
    sentence (tokens before `lead_end`) and the dateline's country (when the text names it
    at all and the story is not `filed_away` from where it happens) counting extra; a tie
    goes to the lead's country. A hub's dateline alone does not make it home."""
    counts = _country_counts(actors, sentence_starts)
    if not counts:
        return dateline_country
    if len(counts) == 1:
        return next(iter(counts))  # the one country named ("Police arrested 20 protesters in Minsk")
    scores = Counter(counts)
    leading = {a.country for a in actors if a.country and a.start < lead_end}
    for c in leading:
        scores[c] += LEAD_WEIGHT
    if dateline_country and counts.get(dateline_country) and not filed_away:
        scores[dateline_country] += DATELINE_WEIGHT
    country, score = max(scores.items(), key=lambda kv: (kv[1], kv[0] in leading, kv[0] == dateline_country))
    # (a country named once is no home over the dateline's, unless the story's towns are
    # elsewhere: then the dateline is only where it was filed)
    if counts[country] >= 2 or country == dateline_country or filed_away:
        return country
    return dateline_country


def filed_away(places: list[Actor], dateline_country: str | None, sentence_starts: list[int] | None) -> bool:
    """The story's towns and regions are mostly in one other country: "BANGKOK - ... students
    protested in Yangon ... soldiers fired on crowds in Mandalay" is filed from a hub."""
    counts = _country_counts(places, sentence_starts)
    if not counts:
        return False
    top, n = counts.most_common(1)[0]
    # a capital named once as its government's voice ("said Washington would press on") is
    # no sign of where the story happens
    if n == 1 and all(p.kind == "voice" for p in places if p.country == top):
        return False
    return top != dateline_country and n > counts.get(dateline_country, 0)


OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj", "nsubjpass"})


def own_subject_positions(token: Token, offset: int) -> frozenset[int]:
    """Article positions of the subject phrase of the clause an object pronoun stands in
    (a pronoun object cannot be its own clause's subject: "Greek police arrested them")."""
    if token.dep_ not in OBJECT_DEPS:
        return frozenset()
    verb = clause_verb(token)
    subject = subject_of(verb) if verb is not None else None
    if subject is None:
        return frozenset()
    # ("Zelenskiy, addressing the leaders, urged them": a clause on the subject names others)
    clauses = {t.i for c in subject.children if c.dep_ in ("acl", "relcl") for t in c.subtree}
    return frozenset(t.i + offset for t in subject.subtree if t.i not in clauses)


def object_of_first_conjunct(token: Token) -> Token | None:
    """'rejected the sanctions as illegal and blamed them', 'welcomed the agreement, while
    Syria praised it': the common noun, of the pronoun's number, that the verb a second
    clause is coordinated with or hangs on acts on. The object pronoun of the second clause
    stands for it, or for an actor named after it, not for one named before."""
    verb = token.head
    if token.dep_ != "dobj" or token.lower_ not in ("it", "them") or not (
            verb.dep_ == "conj" or verb.dep_ == "advcl" and any(c.dep_ == "nsubj" for c in verb.children)):
        return None  # (a participle of the same subject restates its act: "welcomed it, describing it as")
    return next((c for c in verb.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i < token.i
                 and (c.tag_ == "NNS") == (token.lower_ == "them")), None)


def resolver_for(discourse: Discourse, sentence: int, offset: int):
    """A function token -> actors for `SentenceActors`: pronouns and organisation nouns."""
    words = discourse.words

    def resolve(token: Token) -> list[Actor]:
        low = token.lower_
        position = token.i + offset
        if low in words.person:
            main = discourse.main_subject_of_adverbial(token, sentence, offset)
            if main:
                return main
        if low in words.person or low in words.thing or low in words.plural:
            shared = object_of_first_conjunct(token)
            return discourse.resolve_pronoun(low, sentence, position, own_subject_positions(token, offset),
                                             since=shared.left_edge.i + offset if shared is not None else None)
        if low in words.speaker:
            return discourse.quoted_speaker(token, sentence, offset)
        if any(c.dep_ == "poss" and c.lower_ == "whose" for c in token.children):
            # "Cameroon's President Paul Biya, whose country has been accused": the state of
            # the one the relative clause is said of
            return discourse.state_of_antecedent(token, sentence, offset) if low in words.state_nouns else []
        if low == "country" and discourse.home and token.dep_ in ("pobj", "dobj") \
                and [c.lower_ for c in token.children] == ["the"]:
            # "review its assistance to the country", "ordered him to leave the country": the
            # country the story is about (as a subject it is often the speaker's own)
            return [Actor(discourse.home, discourse.home, None, "country", position, position + 1)]
        if any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and not any(
                c.dep_ in ("compound", "amod", "poss") and c.pos_ == "PROPN" for c in token.children):
            if low in words.state_descriptions:
                return discourse.resolve_state_description(low, sentence, position)  # "the kingdom"
            return discourse.resolve_organisation(low, sentence, position)  # "the alliance", not "the X Committee"
        return []

    return resolve
