"""Coding an article: its Doc (actors, triggers, parsed sentences) in, EventMention records out.

Sentence by sentence:
1. the sentence's actors, with people introduced earlier named again by surname, and
   role words without a country grounded in the discourse (`eventetl.extractors.actors.reference`);
2. the triggers that report events of their own (`eventetl.extractors.events.selection`);
3. for each, its arguments from the parse (`eventetl.extractors.events.attachment`), its modality, then
   the pairs of source and target that make an event under the coding guidelines
   (`code_pairs`): political actors only, a country acting on itself only between
   different parts of it, reactions aimed at the act they answer, force used in a
   place aimed at that place's country;
4. the sentence's actors are remembered for the sentences after it.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from eventetl.extractors.places import places
from eventetl.extractors.text import span_values
from eventetl.extractors.actors.recognizer import GROUP_REFERENCES, PEOPLE_REFERENCES
from eventetl.extractors.events.attachment import (AID_ROOT, MEETING_ROOTS, NOUN_SOURCE_PREPS, POSTED_ROLES,
                                               SPEECH_ACT_ROOTS, Arguments, SentenceActors, at_most_a_pair, attach,
                                               doers_of, trigger_head)
from eventetl.extractors.events.clauses import (agent_of, clause_verb, coordinated, is_noun, is_verb, objects_of,
                                               own_subject, prepositional_objects, subject_of)
from eventetl.extractors.events.event_records import ArticleScans, make_mention
from eventetl.extractors.actors.mentions import IRREGULAR_AGENTS, PERSON_KINDS, Actor
from eventetl.extractors.events.modality import FUTURE_AUX, has_condition, parsed_conjecture, parsed_modality
from eventetl.extractors.actors.people import Person, in_longer_name, names_introduced, with_named_people
from eventetl.extractors.actors.teams import is_sports_report, is_team
from eventetl.extractors.actors.reference import (STATE_AGENTS, Discourse, ReferenceWords, filed_away, home_country,
                                                  is_domestic, is_person_like, is_thing_like,
                                                  own_subject_positions, reference_words, resolver_for, same_role)
from eventetl.extractors.events.coding import THREAT_ROOT, intent_code
from eventetl.extractors.events.selection import AGREED_ACT_ROOTS, PROTEST_ROOT, Trigger, select
from eventetl.extractors.events.syntax import Parsed, parses_of
from eventetl.extractors.events.triggers import TriggerRule
from eventetl.extractors.ruleset.ruleset import SHIPPED, RuleSet
from eventetl.extractors.ruleset.word_lists import word_lists
from eventetl.extractors.text.words import Words
from eventetl.schemas.records import EventMention, ParsedArticle

# The English of this module: rules/language/coder.yaml (what each list is for).
_WORDS = word_lists("coder", "local_prepositions", "protest_site_prepositions", "answered_place_prepositions",
                    "venue_prepositions", "partner_prepositions", "leaving_verbs", "foreign_modifiers",
                    "regional_modifiers", "generic_act_nouns", "body_roles", "releasing_verbs", "leading_participles",
                    "claim_verbs", "residence_participles", "commanding_verbs", "sending_verbs", "pair_role_nouns",
                    "cause_nouns", "backing_verbs", "hit_prepositions", "means_target_prepositions",
                    "harming_verbs", "tie_nouns", "likelihood_words", "rival_modifiers", "hosted_meetings",
                    "owning_participles", "saying_participles")

# Protest and coercion (arrests, curfews) are mostly acts within one country.
DOMESTIC_ROOTS = frozenset({"14", "17"})
ROLE_KINDS = frozenset({"agent", "agent+country"})
# Appeals and demands: an act they govern is wanted, not done.
WANTING_ROOTS = frozenset({"02", "10"})
# Role words of a country's own politics (police, opposition, courts, lawmakers, parties):
# named with no country in a story filed from home, they are its affairs.
DOMESTIC_POLITICS_AGENTS = frozenset({"COP", "OPP", "JUD", "LEG", "PTY"})
# Pronouns that stand for one person ("demanded that she apologise").
PERSONAL_PRONOUNS = frozenset({"he", "she"})
# Statements, appeals, praise, demands, disapproval, rejection, threats: often aimed at
# the actor of the event reported before ("denounced it", "welcomed the move").
REACTION_ROOTS = frozenset({"01", "02", "05", "10", "11", "12", "13"})
# Reactions that judge an act (praise, disapproval, threats): aimed at the article's lead act.
JUDGING_ROOTS = frozenset({"05", "11", "13"})
AID_INTENT = "033"
# Acts of force, whose judgement ("condemned the attack") is of the story's leading one.
FORCE_ROOTS = frozenset({"18", "19", "20"})
# ... of armed force (not an execution or a killing of someone the text names).
MILITARY_FORCE_ROOTS = frozenset({"19", "20"})
# Codes under a reaction root that are acts in their own right (recognition, signing, a
# strike intended: "India intended to carry out a strike ... any such action").
ACTS_AMONG_REACTIONS = frozenset({"054", "057", "138"})
# Force and violence: reported through "X claimed that ...", the claim is the event.
CLAIMED_ROOTS = frozenset({"18", "19", "20"})
CLAIM_CODE = "015"  # claim responsibility
# Acts a source may do with no target named: coded one-sided (target null).
ONE_SIDED_ROOTS = frozenset({"01", "09", "12", "14", "15"})
# A country named by itself acts as its state, also against its own armed rebels.
STATE_KINDS = frozenset({"country", "capital", "metonym"})
# Acts of a state whose target may be an armed group of no stated nationality.
STATELESS_TARGET_ROOTS = frozenset({"11", "17", "19"})
ACCUSATION_CODE = "112"
# Acts of pressure and force: promised on a condition they are threats.
COERCIVE_ROOTS = frozenset({"15", "16", "17", "18", "19", "20"})
# Acts whose unnamed target is implied by the story (see _implicit_target); also denials
# (016), which answer a charge within it. Not statements,
# meetings and praise: those name their partner or have none (measured on dev and tune:
# with 04 and 05 included, F1 fell 0.9 and 0.7 points).
# Appeals, judgements and demands a named person may aim at a body of the own state.
PERSON_AGAINST_BODY_ROOTS = frozenset({"02", "10", "11", "12"})
REDUCE_ROOT, DOMESTIC_REDUCE_CODE = "16", "172"
DISAPPROVE_ROOT, DENIAL_CODE = "11", "016"
MEDIATION_CODE, MEDIATION_OFFER_CODE = "045", "039"  # mediating, an intention to mediate
HOST_CODE = "043"
ARREST_CODE = "173"
# Fighting (CAMEO 19) by police on the own country's unarmed people is repression (175):
# "security forces opened fire on the crowd, killing three", "students shot by police";
# those people's side of a clash with police is a violent protest (145).
FIGHT_ROOT, REPRESSION_CODE, RIOT_CODE, POLICE_AGENT = "19", "175", "145", "COP"
UNARMED_AGENTS = frozenset({None, "CVL", "OPP", "PTY", "LAB", "EDU", "MED", "REL", "LEG", "JUD", "BUS", "HLH"})
APPEAL_ROOT, REPROACH_CODE = "02", "111"
STATEMENT_ROOT = "01"  # ("hit back, saying ...": a statement tells no means of the act)
# Modifiers naming a plural actor as opposing camps ("rival forces", "warring factions").
RIVAL_MODIFIERS = _WORDS.words("rival_modifiers")
HOSTED_MEETINGS = _WORDS.words("hosted_meetings")
OWNING_PARTICIPLES = _WORDS.words("owning_participles")
SAYING_PARTICIPLES = _WORDS.words("saying_participles")
WEAPON_CODES = frozenset({"193", "194", "195", "196"})  # small arms, artillery, aerial weapons, border fire
SHOW_OF_FORCE_CODE = "150"  # military power demonstrated, as a weapons test is coded
ARMED_OR_FORCE_AGENTS = frozenset({"MIL", "COP", "SPY", "REB", "INS", "TER", "UAF", "SEP"})
# Forces led or backed by a people no actor names ("Kurdish-led forces") are an armed group.
ARMED_AGENTS = frozenset({"MIL"})
POSTURE_ROOT = "15"
FORCE_AGENTS = frozenset({"MIL", "COP", "SPY"})
GROUP_FORCE_AGENT = "REB"
# Releasing people (CAMEO 084), as arresting them, is the state's act where no one is named.
RELEASE_CODE = "084"
# A visit (CAMEO 042): where it went is where its traveller's next meetings are.
TRAVEL_CODE = "042"
IMPLICIT_TARGET_ROOTS = frozenset({"02", "03", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16",
                                   "17", "18", "19", "20"})
# Acts done to relations, forces, missions or people of one's own ("recalled its ambassador",
# "demanded the return of the sailors").
OWN_OBJECT_ROOTS = frozenset({"07", "08", "10", "15", "16"})
# Force acts whose target may be the place where they happen.
PLACE_TARGET_ROOTS = frozenset({"15", "18", "19", "20"})
DEESCALATION_CODE = "087"
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Parts of a country's own life that act on their own state ("the opposition accused the
# government").
INNER_AGENTS = frozenset({"OPP", "PTY", "CVL", "JUD", "LEG", "LAB"})


@dataclass(frozen=True, slots=True)
class Coded:
    """An event already coded in the article, for reactions that answer it. `lemmas`: the
    words that name it (its trigger's, and the noun a light verb or trigger verb acts on:
    "issued an arrest warrant" is answered by "the warrant")."""
    lemmas: frozenset[str]
    code: str
    source: Actor | None
    target: Actor | None
    sentence: int = -1

    def named_by(self, lemma: str) -> bool:
        """The word names this act: one of its words, or their noun or verb ("the
        execution" of "executed", "the killing" of "killed")."""
        return lemma in self.lemmas or any(_same_stem(lemma, w) for w in self.lemmas)


def _same_stem(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    stem = short[:-1] if short.endswith("e") else short
    return len(stem) >= 4 and long.startswith(stem) and len(long) - len(stem) <= 4


@dataclass
class ArticleState:
    article: ParsedArticle
    doc: Doc
    scans: ArticleScans
    version: str
    discourse: Discourse
    out: list[EventMention] = field(default_factory=list)
    seen: set[tuple] = field(default_factory=set)
    coded: list[Coded] = field(default_factory=list)
    trigger_words: frozenset[str] = frozenset()  # last words of the article's trigger spans
    # country -> the place the article last said its actor travelled to ("arrived in Taipei")
    whereabouts: dict[str, places.PlaceMention | None] = field(default_factory=dict)


def read_actors(doc: Doc, body: str, published: date, rules: RuleSet
                ) -> list[tuple[Actor, str | None]]:
    """Each actor span of `doc` as an Actor, with the dictionary name of its person (None
    for other kinds). A person named without a country takes the country and agent of the
    role they held on the publication date, or of their nearest role period."""
    out = []
    data = doc.user_data
    for span in doc.spans.get("actors", []):
        s, e = span.start_char, span.end_char
        country = data.get(span_values.key("country", s, e))
        agent = data.get(span_values.key("agent", s, e))
        kind = data.get(span_values.key("kind", s, e))
        person = data.get(span_values.key("person", s, e)) if kind == "person" else None
        if person and span.label_ != "person+country":
            role = rules.nearest_role(person, published)
            if role is not None and role.iso3:
                country = role.iso3
                agent = role.agent or agent
        last = doc[span.end - 1]
        plural = last.tag_ in ("NNS", "NNPS") if last.tag_ else (last.is_lower and last.lower_.endswith("s"))
        actor = Actor(body[s:e], country, agent, kind, span.start, span.end, plural=plural, canonical=person)
        title = out[-1][0] if out else None
        if person and title is not None and title.end == actor.start and title.kind == "agent+country":
            # "Belgian Prime Minister Charles Michel": the title the text gives says which
            # country the person acts for then, whatever a dictionary says of other years
            actor = replace(actor, country=title.country, agent=title.agent or actor.agent)
        elif person and title is not None and title.kind == "org" and _titled_by_body(doc[title.end:actor.start]):
            # "African Union Commission chairman Jean Ping": he speaks for the body, not for
            # the country a dictionary gives him from an earlier post
            actor = replace(actor, country=None, agent=None, kind="person", code=title.code)
        out.append((actor, person))
    return out


def _with_divided_halves(w: Words, doc_actors: list[tuple[Actor, str | None]], words: ReferenceWords
                         ) -> list[tuple[Actor, str | None]]:
    """'the North fired first' in a story naming both Koreas: "the North" and "the South"
    are the halves of a divided country the story names both of."""
    named = {a.country for a, _ in doc_actors}
    sides = next((d for d in words.divided_countries if set(d.values()) <= named), None)
    if sides is None:
        return doc_actors
    covered = {i for a, _ in doc_actors for i in range(a.start, a.end)}
    text = w.text
    found = [(Actor(f"the {text[i]}", sides[text[i]], None, "country", i, i + 1), None)
             for i in range(1, w.n) if text[i] in sides and text[i - 1].lower() == "the" and i not in covered
             and not (i + 1 < w.n and w.is_title[i + 1])]
    return sorted(doc_actors + found, key=lambda pair: pair[0].start) if found else doc_actors


def _people_named_again(w: Words, doc_actors: list[tuple[Actor, str | None]], known: dict[str, Person]
                        ) -> list[Actor]:
    """Later mentions, by surname, of the people the article introduces with their country
    ("President Yoon Suk Yeol ... Yoon said"): they count towards the country a story is
    about as the full mentions do. `known`: names_introduced without a home country."""
    if not known:
        return []
    covered = {i for a, _ in doc_actors for i in range(a.start, a.end)}
    return [Actor(word, known[word].country, known[word].agent, "person", i, i + 1)
            for i, word in enumerate(w.text) if word in known and i not in covered
            and not in_longer_name(w.text, i, known)]


def _places_named(doc: Doc, scans: ArticleScans, actors: list[Actor]) -> list[Actor]:
    """Towns and regions the text names, as evidence of the country a story is about: a
    story filed from a hub ("BANGKOK - ... students protested in Yangon") happens where its
    places are. Capitals count, also where they stand for their government (kind "voice");
    words of a person's or a body's name do not ("Nelson Chamisa")."""
    taken = {i for a in actors if a.kind not in ("capital", "metonym") for i in range(a.start, a.end)}
    voices = {i for a in actors if a.kind in ("capital", "metonym") for i in range(a.start, a.end)}
    out = []
    for p in scans.places:
        if p.country is None or p.precision == "country":
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None or any(t.i in taken for t in span):
            continue
        kind = "voice" if any(t.i in voices for t in span) else "place"
        out.append(Actor(p.name, p.country, None, kind, span.start, span.end))
    return out


def events_from_doc(doc: Doc, article: ParsedArticle, rules: RuleSet = SHIPPED,
                    dateline: str | None = None) -> list[EventMention]:
    """`dateline`: the country of the article's dateline (ISO3), if any."""
    w = Words(doc)
    doc_actors = read_actors(doc, article.body, article.published_date, rules)
    if is_sports_report(w.lower, article.body):
        doc_actors = [(a, person) for a, person in doc_actors if not is_team(a)]
    lead = next(iter(doc.sents), None)
    starts = [s.start for s in doc.sents]
    known = names_introduced(w, doc_actors)
    doc_actors = _with_divided_halves(w, doc_actors, reference_words())
    counted = [a for a, _ in doc_actors] + _people_named_again(w, doc_actors, known)
    scans = ArticleScans(article, rules)
    # (the places are looked up only where they may decide between the dateline and another
    # country: most articles yield no event and need no scan)
    contested = dateline is not None and any(a.country == dateline for a in counted) \
        and any(a.country not in (None, dateline) for a in counted)
    away = contested and filed_away(_places_named(doc, scans, counted), dateline, starts)
    home = home_country(counted, dateline, lead.end if lead is not None else 0, starts, away)
    domestic = is_domestic(counted, home, starts)
    if not domestic and home is not None and home == dateline:
        # a story filed from its own country tells of its police, courts and protesters with
        # no country word: they count for it ("LIMA - ... riot police ... lawmakers ...")
        local = [replace(a, country=home) for a in counted if a.kind == "agent" and a.country is None
                 and a.agent in DOMESTIC_POLITICS_AGENTS]
        domestic = is_domestic(counted + local, home, starts)
    # a role named without a country ("Prime Minister Mette Frederiksen") is the home
    # country's in a story about one country, in one filed from its home, and in one filed
    # from a hub the text never names ("ABUJA - ... President Mohamed Bazoum") or names as
    # an onlooker ("BANGKOK - ... soldiers fired on protesters in Mandalay ... Thailand urged")
    hub = dateline is not None and (all(a.country != dateline for a, _ in doc_actors) or away and home != dateline)
    grounded_home = home if domestic or home == dateline or hub else None
    # the home country only adds names (roles given no country); without one the first pass holds
    named = names_introduced(w, doc_actors, grounded_home) if grounded_home else known
    named_at = [i for i, word in enumerate(w.text) if word in named] if named else []
    state = ArticleState(article, doc, scans, rules.version,
                         Discourse(home, domestic=domestic, dateline=dateline, hub=hub))
    parses = parses_of(doc)
    triggers = _triggers_by_sentence(doc)
    state.trigger_words = frozenset(t.span[-1].lower_ for ts in triggers.values() for t in ts)
    actors_left = [a for a, _ in doc_actors]
    ai = 0
    for s_index, sent in enumerate(doc.sents):
        sent_actors = []
        while ai < len(actors_left) and actors_left[ai].start < sent.end:
            if actors_left[ai].start >= sent.start:
                sent_actors.append(actors_left[ai])
            ai += 1
        if named_at:
            sent_actors = with_named_people(w, named_at, sent.start, sent.end, sent_actors, named)
        sdoc = parses.get(sent.start)
        parsed = Parsed(sdoc, sent.start) if sdoc is not None else None
        actors = _split_across_verbs(sent_actors, parsed, article.body, doc)
        actors = _nationals(actors, parsed, state.discourse.words, article.body, doc)
        actors = _offices(actors, parsed, state.discourse.words)
        actors = _grounded(state.discourse, _with_unknown_organisations(actors, parsed, state.discourse, article.body,
                                                                        doc), parsed, s_index, _place_country(state))
        actors = _without_place_modifiers(actors, parsed, state.discourse.words)
        trigs = triggers.get(sent.start, [])
        # remembered first: a pronoun may refer to an actor earlier in its own sentence
        _remember(state.discourse, s_index, actors, parsed)
        if parsed is not None and trigs:
            _code_sentence(state, sent, s_index, parsed, actors, trigs)
    return state.out


def _triggers_by_sentence(doc: Doc) -> dict[int, list[Trigger]]:
    data = doc.user_data
    # The sentence starts once, then a bisection per trigger: `span.sent` walks the
    # sentence from the span to both its ends, and a run-on sentence of thousands of
    # trigger words made that quadratic (828 KB: over 8 minutes).
    starts = [sent.start for sent in doc.sents]
    out: dict[int, list[Trigger]] = {}
    for span in doc.spans.get("triggers", []):
        rule = data.get(span_values.key("rule", span.start_char, span.end_char))
        out.setdefault(starts[bisect_right(starts, span.start) - 1], []).append(Trigger(span.start, span.end, rule, span))
    return out


def _split_across_verbs(actors: list[Actor], parsed: Parsed | None, body: str, doc: Doc) -> list[Actor]:
    """A country word and a role word the recognizer joined across a verb ("Kiev extradites
    its citizens"): the parse says they are two phrases."""
    if parsed is None:
        return actors
    out = []
    for a in actors:
        inner = [i for i in range(a.start + 1, a.end - 1) if i in parsed and parsed.token(i).tag_.startswith(("VB", "MD"))]
        if a.kind != "agent+country" or not inner:
            out.append(a)
            continue
        left_end, right_start = inner[0], inner[-1] + 1
        while right_start < a.end - 1 and not parsed.token(right_start).tag_.startswith("NN"):
            right_start += 1
        out.append(Actor(_text(doc, body, a.start, left_end), a.country, None, "country", a.start, left_end))
        out.append(Actor(_text(doc, body, right_start, a.end), None, a.agent, "agent", right_start, a.end,
                         plural=a.plural))
    return out


def _without_place_modifiers(actors: list[Actor], parsed: Parsed | None, words: ReferenceWords) -> list[Actor]:
    """'never left Syrian airspace', 'near the Afghan border': a nationality word that
    modifies a place names where, not whom; one that modifies a firm or a player ("German
    chemicals maker Hallberg") where it is from. (A Saudi embassy stays: embassies act.)"""
    if parsed is None:
        return actors
    out = []
    for a in actors:
        if a.kind == "demonym" and a.end - 1 in parsed:
            head = parsed.token(a.end - 1).head
            low = head.lower_
            if (low in words.place_nouns or low in words.commercial_nouns) and low not in ("embassy", "consulate") \
                    and head.i != parsed.token(a.end - 1).i:
                continue
        out.append(a)
    return out


def _text(doc: Doc, body: str, start: int, end: int) -> str:
    span = doc[start:end]
    return body[span.start_char:span.end_char]


def _offices(actors: list[Actor], parsed: Parsed | None, words: ReferenceWords) -> list[Actor]:
    """"Russia's prosecutor general's office said it had asked ...": a role followed by "'s
    office" is the body working for it, which "it" can take up, not a person."""
    if parsed is None:
        return actors
    out = []
    for a in actors:
        if a.kind in ("agent", "agent+country") and is_person_like(a, words) and a.end + 1 in parsed \
                and parsed.token(a.end).lower_ in ("'s", "’s") and parsed.token(a.end + 1).lower_ in words.office_nouns:
            a = replace(a, name=f"{a.name}'s {parsed.token(a.end + 1).lower_}", end=a.end + 2)
        out.append(a)
    return out


def _nationals(actors: list[Actor], parsed: Parsed | None, words, body: str, doc: Doc) -> list[Actor]:
    """'eight Turkish servicemen', 'Chinese consumers': a nationality word before a plural
    noun for people is a group of that nation's people (whom "they" can refer to)."""
    if parsed is None:
        return actors
    starts = {i for a in actors for i in range(a.start, a.end)}
    out = []
    for a in actors:
        if a.kind == "demonym" and a.end - 1 in parsed:
            tok = parsed.token(a.end - 1)
            head = tok.head
            low = head.lower_
            end = parsed.index(head) + 1
            if tok.dep_ in ("amod", "compound") and head.tag_ == "NNS" and head.i > tok.i \
                    and not any(i in starts for i in range(a.end, end)) \
                    and (low in words.people_nouns or low.endswith(words.people_endings)):
                a = replace(a, name=_text(doc, body, a.start, end), end=end, plural=True)
        out.append(a)
    return out


def _with_unknown_organisations(actors: list[Actor], parsed: Parsed | None, discourse: Discourse, body: str,
                                doc: Doc) -> list[Actor]:
    """Proper names the dictionaries do not know whose head says what they are ("the
    National Strike Committee", "the Democratic Party"): role actors, grounded like role
    words (`rules/actors/references.yaml`, organisation_heads)."""
    if parsed is None:
        return actors
    heads = discourse.words.organisation_heads
    taken = {i for a in actors if a.kind not in ("agent",) for i in range(a.start, a.end)}
    found = []
    for t in parsed.doc:
        agent = heads.get(t.lower_)
        if agent is None or t.tag_ not in ("NNP", "NNPS") or t.dep_ == "compound":
            continue
        # ("Odinga's National Super Alliance": the owner named before it is an actor of its own)
        names = [c for c in t.lefts if c.dep_ in ("compound", "amod", "poss") and c.tag_ in ("NNP", "NNPS")
                 and not (c.dep_ == "poss" and parsed.index(c) in taken)]
        if not names and t.tag_ != "NNPS":
            continue
        start = min([t.i] + [d.i for c in names for d in c.subtree])
        lo, hi = parsed.index(parsed.doc[start]), parsed.index(t) + 1
        if any(i in taken for i in range(lo, hi)):
            continue
        found.append(Actor(_text(doc, body, lo, hi), None, agent, "agent", lo, hi))
    if not found:
        return actors
    covered = {i for a in found for i in range(a.start, a.end)}
    kept = [a for a in actors if not any(i in covered for i in range(a.start, a.end))]
    return sorted(kept + found, key=lambda a: a.start)


def _place_country(state: ArticleState) -> Callable[[int], str | None]:
    """The country of the gazetteer place that the article token at an index names."""
    def country_at(i: int) -> str | None:
        at = state.doc[i].idx
        return next((p.country for p in state.scans.places if p.start <= at < p.end), None)
    return country_at


def _grounded(discourse: Discourse, actors: list[Actor], parsed: Parsed | None, s_index: int,
              place_country: Callable[[int], str | None] = lambda i: None) -> list[Actor]:
    """Role words named without a country, given one: by a possessive pronoun ("its
    army"), by the same role named earlier, else by the home country."""
    out = []
    fronted: dict[int, str] = {}  # where a role grounded by a fronted capital ends -> its country
    for a in actors:
        if _pair_of_people(discourse, a, parsed, s_index):
            # "Lavrov held talks with Wang Yi ... The ministers signed a plan": both of them,
            # as "the two ministers" would be
            out.append(replace(a, kind="group"))
            continue
        if a.kind == "person" and a.start in fronted:
            # "In Beijing, foreign ministry spokeswoman Hua Chunying": the name the role
            # introduces is of the role's country, not of the one the story is about
            a = replace(a, country=fronted[a.start])
            fronted[a.end] = a.country
        elif a.country is None and a.kind == "agent" and _of_a_pair(actors, a, parsed):
            pass  # "the top diplomats of both countries": the pair phrase names them
        elif a.country is None and a.kind == "agent" and _modifies_a_noun(a, parsed, actors, discourse.words):
            pass  # "missile strikes", "police station": the word describes, it names no party
        elif a.country is None and a.kind == "agent" and _names_members(a, parsed, actors):
            pass  # "governments, including Argentina and Peru": the members named are the parties
        elif a.country is None and a.kind == "agent" and (_foreign(a, parsed, FOREIGN_MODIFIERS)
                                                          or _other_states(a, parsed, actors)):
            a = replace(a, foreign=True)  # "accused foreign governments": of no country named, not the home country
        elif a.country is None and a.kind == "agent" and a.agent in ARMED_AGENTS \
                and _led_by_a_people(a, parsed, actors):
            a = replace(a, agent=GROUP_FORCE_AGENT)  # "Kurdish-led forces": an armed group, no state's army
        elif a.country is None and a.kind == "agent" and a.agent in STATE_AGENTS \
                and _foreign(a, parsed, REGIONAL_MODIFIERS):
            a = replace(a, kind="org")  # "West African leaders": of several countries, as a body is
        elif a.country is None and a.kind == "agent":
            owner = (_led_by_a_country(actors, a, parsed)
                     or _owner_in_phrase(actors, a, parsed) or _shared_modifier(actors, a, parsed)
                     or _possessive_owner(discourse, a, parsed, s_index, actors)
                     or _where_they_act(actors, a, parsed, place_country) or _where_hit(a, parsed, place_country)
                     or _fronted_capital(actors, a, parsed)
                     or _named_before(actors, a, parsed)
                     or _speakers_own(actors, a, parsed) or _opponents_own(out, a, parsed)
                     or _freed_by(out, a, parsed) or _commanded_by(out, a, parsed))
            if owner and owner.country and owner.kind == "capital" and owner.start < a.start:
                fronted[a.end] = owner.country
            if owner and owner.country:
                a = replace(a, country=owner.country, kind="agent+country")
            elif owner:
                a = replace(owner, start=a.start, end=a.end)  # "leaders of the Group of Seven": the group
            else:
                a = discourse.ground(a, s_index, not _indefinite(a, parsed),
                                     _description_modifiers(a, parsed, discourse))
        out.append(a)
    return out


def _head_children(actor: Actor, parsed: Parsed | None) -> list[Token]:
    """The dependents of the word an actor's mention ends in ([] when it is not parsed)."""
    if parsed is None or actor.end - 1 not in parsed:
        return []
    return list(parsed.token(actor.end - 1).children)


def _rivals(parsed: Parsed, actor: Actor) -> bool:
    """The actor is named as the opposing camps of one country ("rival forces", "the
    warring factions")."""
    return any(c.dep_ == "amod" and c.lower_ in RIVAL_MODIFIERS for c in _head_children(actor, parsed))


def _indefinite(actor: Actor, parsed: Parsed | None) -> bool:
    """'an elected prime minister': some holder of the role, not one named before."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in _head_children(actor, parsed))


def _description_modifiers(actor: Actor, parsed: Parsed | None, discourse: Discourse) -> tuple[str, ...]:
    """The lower-case words a definite description puts before its noun ("the electoral
    council": electoral), leaving out those that fit any body ("the new council")."""
    return tuple(c.lower_ for c in _head_children(actor, parsed)
                 if c.dep_ in ("amod", "compound") and c.i < c.head.i and c.is_alpha and c.is_lower
                 and c.lower_ not in discourse.words.neutral_modifiers)


def _pair_of_people(discourse: Discourse, actor: Actor, parsed: Parsed | None, s_index: int) -> bool:
    """'The ministers', 'the leaders' with no country, right after two people of different
    countries were named, stand for the two of them."""
    if actor.country is not None or actor.kind != "agent" or actor.name.lower().removeprefix("the ") \
            not in PAIR_ROLE_NOUNS or parsed is None or actor.start not in parsed:
        return False
    head = parsed.token(actor.end - 1)
    if not _definite(head) or any(prep == "of" for prep, _ in prepositional_objects(head)):
        return False  # ("the leaders of both houses of Congress": of whom, the phrase says)
    verb = head.head
    if head.dep_ not in SUBJECT_DEPS or not (verb.dep_ == "ROOT" or verb.dep_ == "ccomp" and verb.i < verb.head.i):
        # the story's next step ("The ministers signed a plan, the ministry said"), not what
        # someone else "believed the leaders had made"
        return False
    pair, last = discourse.pair(people=True), discourse.last_pair
    # (the two of the act coded last: "Hollande said the leaders had agreed", after a summit
    # of five, are not the last two people named)
    if len(pair) != 2 or any(p.kind not in PERSON_KINDS for p in pair) or last is None \
            or {a.country for a in last} != {p.country for p in pair}:
        return False
    recent = {(n.actor.start, n.actor.country) for n in discourse.named if s_index - n.sentence <= PAIR_ROLE_REACH}
    return all((p.start, p.country) in recent for p in pair)


def _fronted_capital(actors: list[Actor], actor: Actor, parsed: Parsed | None) -> Actor | None:
    """'In Beijing, foreign ministry spokeswoman Hua Chunying said': a sentence opened by
    "In <capital>," tells whose capital the roles it names without a country speak from
    (a city that is no capital, "In Geneva,", is only where they are)."""
    if parsed is None or actor.start not in parsed or len(parsed.doc) < 4:
        return None
    doc = parsed.doc
    if doc[0].lower_ != "in":
        return None
    comma = next((t.i for t in doc[1:6] if t.text == ","), None)
    if comma is None or parsed.index(doc[comma]) > actor.start:
        return None
    # the speaker the sentence opens with ("a foreign ministry spokeswoman"), or the subject
    # of a clause joined to its verb ("In Khartoum, Bashir vowed ..., and the government
    # announced"), not a role further on ("called on the government in Havana")
    if any(doc[k].dep_ not in ("det", "amod", "compound", "nmod", "poss")
           for k in range(comma + 1, actor.start - parsed.offset)) and not _joined_subject(doc, actor, parsed):
        return None
    first, stop = parsed.index(doc[1]), parsed.index(doc[comma])
    return next((o for o in actors if o.start == first and o.end == stop and o.kind == "capital" and o.country),
                None)


def _joined_subject(doc, actor: Actor, parsed: Parsed) -> bool:
    """The role is the subject of a clause coordinated with the sentence's main clause."""
    head = doc[actor.end - 1 - parsed.offset]
    verb = head.head
    return head.dep_ in ("nsubj", "nsubjpass") and verb.dep_ == "conj" and verb.head.dep_ == "ROOT"


def _named_before(actors: list[Actor], actor: Actor, parsed: Parsed | None) -> Actor | None:
    """'Ethiopia's army and Fano militiamen clashed, a day after the militia captured ...':
    a definite role word takes up the same role named earlier in its sentence."""
    if parsed is None or actor.start not in parsed:
        return None
    head = parsed.token(actor.end - 1)
    if not _definite(head):
        return None
    # ("Kuleba thanked the ministers": an object is not its own clause's subject)
    not_at = own_subject_positions(head, parsed.index(head) - head.i)
    return next((b for b in reversed(actors) if b.end <= actor.start and b.country and b.agent == actor.agent
                 and same_role(actor.name, b.name) and b.start not in not_at), None)


def _speakers_own(actors: list[Actor], actor: Actor, parsed: Parsed | None) -> Actor | None:
    """'Grenada's prime minister said the government would ask for help': "the government"
    or "the army" as the subject of what someone of a country said is that country's (not
    so one it says it will meet: "sending ministers to meet the army commanders")."""
    if parsed is None or actor.start not in parsed or actor.agent not in STATE_AGENTS:
        return None
    head = parsed.token(actor.end - 1)
    offset = parsed.index(head) - head.i
    clause = head.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "said the island had been flattened and that the government would ask"
    if head.dep_ not in SUBJECT_DEPS or clause.dep_ != "ccomp":
        return None
    speakers = [c.i + offset for c in clause.head.children if c.dep_ == "nsubj"]
    speaker = next((b for b in actors if b.country and any(b.start <= i < b.end for i in speakers)), None)
    # ("the Israeli military said one soldier was killed": of its own kind, its own)
    return speaker if speaker is not None and (_definite(head) or speaker.agent == actor.agent) else None


def _on_each_other(head: Token) -> bool:
    """The act's object is "each other" or "one another", directly or after a preposition
    ("accused each other", "fired on one another"), or that of the act it promises
    ("pledged not to threaten each other")."""
    if any(c.dep_ == "xcomp" and _on_each_other(c) for c in head.children):
        return True
    objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
    objects += [g for c in head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    pairs = {("each", "other"), ("one", "another")}
    if any((c.lower_, o.lower_) in pairs or (o.lower_, c.lower_) in pairs for o in objects for c in o.children):
        return True
    # "Each side accuses the other"
    each = any(c.dep_ in SUBJECT_DEPS and any(d.lower_ == "each" for d in c.children) for c in head.children)
    return each and any(o.lower_ == "other" for o in objects)


def _opponents_own(actors: list[Actor], actor: Actor, parsed: Parsed | None) -> Actor | None:
    """'Opposition leader Zoran Zaev accused the government': "the government" that a
    country's own opposition, parties, courts or people act on is theirs, not the last
    government the story named."""
    if parsed is None or actor.start not in parsed or actor.agent not in STATE_AGENTS:
        return None
    head = parsed.token(actor.end - 1)
    if not _definite(head):
        return None
    return next((b for b in reversed(actors) if b.end <= actor.start and b.country and b.agent in INNER_AGENTS
                 and b.kind != "org" and b.end - 1 in parsed and _names_subject(parsed.token(b.end - 1))), None)


def _freed_by(actors: list[Actor], actor: Actor, parsed: Parsed | None) -> Actor | None:
    """'The junta released 3,000 prisoners under an amnesty': the prisoners a state frees
    are its own people, not the home country's."""
    if parsed is None or actor.start not in parsed or actor.agent != "CVL":
        return None
    head = parsed.token(actor.end - 1)
    if head.head.lemma_.lower() not in RELEASING_VERBS:
        return None
    if head.dep_ != "dobj" or _definite(head):
        return None  # ("the prisoners" may be those named before)
    return _state_subject(actors, head.head, parsed)


def _commanded_by(actors: list[Actor], actor: Actor, parsed: Parsed | None) -> Actor | None:
    """'Putin ordered troops to pull back', 'Qatar sent a team of negotiators to Kabul':
    forces a leader or state orders, and people it sends, are its own, not the home
    country's."""
    if parsed is None or actor.start not in parsed:
        return None
    head = parsed.token(actor.end - 1)
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ == "dobj":
        head = head.head.head  # "a team of negotiators", "a contingent of police"
    verbs = SENDING_VERBS | COMMANDING_VERBS if actor.agent in FORCE_AGENTS else SENDING_VERBS
    if head.dep_ != "dobj" or head.head.lemma_.lower() not in verbs:
        return None
    return _state_subject(actors, head.head, parsed)


def _state_subject(actors: list[Actor], verb: Token, parsed: Parsed) -> Actor | None:
    """The state, its government or its army, as the verb's subject ("the junta released",
    "Putin ordered")."""
    subject = subject_of(verb)
    if subject is None:
        return None
    return next((b for b in actors if b.country and b.agent in (None, "GOV", "MIL")
                 and b.start <= parsed.index(subject) < b.end), None)


def _titled_by_body(gap: Span) -> bool:
    """The words between a body's name and a person's are a role in it, perhaps after the
    rest of the body's name ("AU Commission chairman")."""
    return 0 < len(gap) <= 3 and gap[-1].lower_ in BODY_ROLES \
        and all(t.lower_ in BODY_ROLES or t.is_title for t in gap)


def _definite(noun: Token) -> bool:
    """'the government', 'the prisoners': a noun with the definite article."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


def _names_subject(token: Token) -> bool:
    """The word is a clause's subject, or a title in its name ("Opposition leader Zoran Zaev")."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    return token.dep_ in SUBJECT_DEPS


def _led_by_a_country(actors: list[Actor], actor: Actor, parsed: Parsed | None) -> Actor | None:
    """'Saudi-led coalition warplanes', 'the US-led coalition': the country named before
    the participle that makes the role word its own."""
    if parsed is None or actor.end - 1 not in parsed:
        return None
    head = parsed.token(actor.end - 1)
    offset = parsed.index(head) - head.i
    for c in head.children:
        if c.dep_ == "amod" and c.lower_ in OWNING_PARTICIPLES and c.i < head.i:
            for g in (g for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod")):
                at = g.i + offset
                found = next((o for o in actors if o.start <= at < o.end and o.country
                              and o.kind in ("country", "demonym", "capital")), None)
                if found is not None:
                    return found
    return None


def _led_by_a_people(actor: Actor, parsed: Parsed | None, actors: list[Actor]) -> bool:
    """The forces are led or backed by a people named by no actor ("Kurdish-led forces",
    "Tuareg-led fighters"): a group of them, not a state's army."""
    if parsed is None or actor.start not in parsed:
        return False
    head = parsed.token(actor.end - 1)
    offset = parsed.index(head) - head.i
    for c in head.children:
        if c.dep_ == "amod" and c.lower_ in LEADING_PARTICIPLES:
            for g in c.children:
                at = g.i + offset
                if g.dep_ in ("npadvmod", "compound", "amod") and g.text[:1].isupper() \
                        and not any(o.start <= at < o.end for o in actors):
                    return True
    return False


def _foreign(actor: Actor, parsed: Parsed | None, modifiers: frozenset[str]) -> bool:
    """The plural role word has one of the modifiers: from abroad ("foreign governments",
    "outside forces"; a singular "foreign ministry" is the country's own), or of a region
    ("West African leaders")."""
    if parsed is None or actor.start not in parsed:
        return False
    head = parsed.token(actor.end - 1)
    # (a modifier inside the role's own name is no such word: "foreign ministers"; "world
    # leaders" is read as a compound)
    return head.tag_ == "NNS" and any(c.dep_ in ("amod", "compound") and c.lower_ in modifiers
                                      and parsed.index(c) < actor.start for c in head.children)


def _other_states(actor: Actor, parsed: Parsed | None, actors: list[Actor]) -> bool:
    """"Canada, Brazil and several other governments": "other" roles listed with countries
    are of further countries, none of them named ("police and other security forces" are
    the police's kind, whoever they are)."""
    if parsed is None or actor.start not in parsed:
        return False
    head = parsed.token(actor.end - 1)
    if head.tag_ != "NNS" or head.dep_ != "conj" \
            or not any(c.dep_ == "amod" and c.lower_ == "other" for c in head.children):
        return False
    first = head.head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    listed = {parsed.index(t) for t in first.subtree if t.i < head.i}
    return any(a.kind == "country" and a.start in listed for a in actors)


def _names_members(actor: Actor, parsed: Parsed | None, actors: list[Actor]) -> bool:
    """The role word lists its members ("Latin American governments, including Argentina
    and Peru")."""
    if parsed is None or actor.start not in parsed:
        return False
    head = parsed.token(actor.end - 1)
    return any(prep == "including" and any(o.start <= parsed.index(noun) < o.end and o.country for o in actors)
               for prep, noun in prepositional_objects(head))


def _modifies_a_noun(actor: Actor, parsed: Parsed | None, actors: list[Actor], words: ReferenceWords) -> bool:
    """The role word is a modifier of a noun that names no actor ("missile strikes", "a
    military base"; not "a dissident faction", "the student movement")."""
    if parsed is None or actor.start not in parsed:
        return False
    head = parsed.token(actor.end - 1)
    if not is_noun(head.head) or head.dep_ not in ("compound", "amod") \
            or head.dep_ == "amod" and not head.is_lower or _names_people(head.head, words):
        return False
    i = parsed.index(head.head)
    if head.head.tag_ in ("NNP", "NNPS") and all(parsed.token(j).tag_ in ("NNP", "NNPS", "HYPH")
                                                for j in range(actor.end, i)):
        # "Prime Minister Irakli Kobakhidze", "General Waker-uz-Zaman": the title of a name no
        # dictionary holds
        return False
    return i >= actor.end and not any(o.start <= i < o.end for o in actors)


def _names_people(noun: Token, words: ReferenceWords) -> bool:
    """A noun for a body or group of people ("faction", "leaders", "crowd")."""
    low, lemma = noun.lower_, noun.lemma_.lower()
    return any(w in group for w in (low, lemma) for group in (
        words.organisation_nouns, words.movement_nouns, words.people_nouns, words.crowd_nouns,
        words.person_roles, words.organisation_heads))


def _pronoun_fit(word: str, words):
    """What kind of actor a pronoun can stand for."""
    if word in words.person:
        return lambda a: is_person_like(a, words)
    if word in words.plural:
        return lambda a: a.plural
    return lambda a: is_thing_like(a, words)


def _of_a_pair(actors: list[Actor], actor: Actor, parsed: Parsed | None) -> bool:
    if parsed is None or actor.start not in parsed:
        return False
    head = parsed.token(actor.end - 1)
    for prep, noun in prepositional_objects(head):
        i = parsed.index(noun)
        if prep in ("of", "from") and any(o.kind == "group" and o.start <= i < o.end for o in actors):
            return True
    return False


LOCAL_PREPS = _WORDS.words("local_prepositions")


def _where_they_act(actors: list[Actor], actor: Actor, parsed: Parsed | None,
                    place_country: Callable[[int], str | None] = lambda i: None) -> Actor | None:
    """'Shi'ite protesters took to the streets in Bahrain', 'police in several cities of
    Kenya', 'police in Mae Sot' (a Thai town the gazetteer knows): people of a country's
    own life (police, protesters, courts) act where their clause says they are."""
    if parsed is None or actor.agent in ("MIL", "GOV", "SPY", None) or actor.start not in parsed:
        return None
    head = parsed.token(actor.end - 1)
    verb = clause_verb(head)
    if verb is None:
        return None
    # "took to the streets in Bahrain": the place may hang on the verb's own phrase or one
    # phrase deeper; "a crowd waiting for aid in Gaza": on the people's own participle;
    # "police in Mae Sot": on their own noun
    places = [noun for prep, noun in prepositional_objects(head) if prep in LOCAL_PREPS]
    for clause in (verb, *(c for c in head.children if c.dep_ == "acl" and c.lemma_ not in RESIDENCE_PARTICIPLES)):
        places += [noun for prep, noun in prepositional_objects(clause) if prep in LOCAL_PREPS]
        places += [inner for _, noun in prepositional_objects(clause)
                   for prep, inner in prepositional_objects(noun) if prep in LOCAL_PREPS]
    for noun in places:
        i = parsed.index(noun)
        for other in actors:
            if other.start <= i < other.end and other.country and other.kind in ("country", "capital"):
                return other
    # "Protesters in Yerevan clashed with police": the people the clause is about placed it
    subject = subject_of(verb) if is_verb(verb) else None
    if subject is not None and subject.i != head.i:
        for noun in (noun for prep, noun in prepositional_objects(subject) if prep in LOCAL_PREPS):
            i = parsed.index(noun)
            placed = next((o for o in actors if o.start <= i < o.end and o.country and o is not actor), None)
            if placed is not None:
                return placed
    if actor.agent in IRREGULAR_AGENTS:
        return None  # (armed groups have no country of their own, wherever they act)
    for noun in places:
        # "police in Mae Sot": a town the gazetteer knows, alone ("in Minsk and Vilnius": none)
        countries = {place_country(parsed.index(t)) for t in coordinated(noun)}
        if len(countries) == 1 and None not in countries:
            country = countries.pop()
            return Actor(country, country, None, "country", parsed.index(noun), parsed.index(noun) + 1)
    return None


def _shared_modifier(actors: list[Actor], actor: Actor, parsed: Parsed | None) -> Actor | None:
    """'Israel freed nearly 2,000 Palestinian prisoners and detainees': a bare role word
    coordinated after one whose nationality word leads the phrase shares that word."""
    if parsed is None or actor.start not in parsed or actor.end - actor.start != 1:
        return None
    head = parsed.token(actor.start)
    first = head.head
    if head.dep_ != "conj" or first.i > head.i or any(c.dep_ in ("amod", "compound", "poss") for c in head.children):
        return None
    at = parsed.index(first)
    return next((o for o in actors if o.start < at < o.end and o.country and o.kind == "agent+country"), None)


# Prepositions by which a force act names the place it hits ("an attack on the city of Kharkiv").
_HIT_PREPS = _WORDS.words("hit_prepositions")


def _where_hit(actor: Actor, parsed: Parsed | None, place_country: Callable[[int], str | None]) -> Actor | None:
    """'launched a drone attack on the Ukrainian city of Kharkiv, killing three people': the
    people a participle of the act kills or wounds are of the place the act hit, not of the
    story's home country."""
    if parsed is None or actor.agent not in (None, "CVL") or actor.start not in parsed:
        return None
    head = parsed.token(actor.end - 1)
    participle = head.head
    if head.dep_ != "dobj" or participle.dep_ != "advcl" or participle.tag_ != "VBG":
        return None
    act = participle.head
    nouns = [n for p, n in prepositional_objects(act) if p in _HIT_PREPS]
    nouns += [n for o in objects_of(act) for p, n in prepositional_objects(o) if p in _HIT_PREPS]
    for noun in nouns:
        countries = {c for t in noun.subtree if (c := place_country(parsed.index(t)))}
        if len(countries) == 1:
            country = countries.pop()
            return Actor(country, country, None, "country", parsed.index(noun), parsed.index(noun) + 1)
    return None


def _owner_in_phrase(actors: list[Actor], actor: Actor, parsed: Parsed | None) -> Actor | None:
    """'Syrian government forces': a role word whose own phrase names a country; else the
    organisation its "of" phrase names ('leaders of the Group of Seven')."""
    if parsed is None or actor.start not in parsed:
        return None
    head = parsed.token(actor.end - 1)
    near = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < head.i]
    # "a spokesman for President Abbas", "the foreign minister of Pakistan"; not "the UN
    # coordinator for Lebanon", posted there
    owning = ("of", "from") if head.lemma_.lower() in POSTED_ROLES else ("of", "for", "from")
    near += [g for c in head.children if c.dep_ == "prep" and c.lower_ in owning
             for g in c.children if g.dep_ == "pobj"]
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ != "prep":
        # "the U.N. nuclear watchdog's board of governors": whose the body they sit on is
        near += [c for c in head.head.head.children if c.dep_ in ("poss", "compound") and c.i < head.i]
    organisation = None
    for c in near:
        span = [c] + [g for g in c.children if g.dep_ in ("compound", "amod", "nmod")]
        for t in span:
            i = parsed.index(t)
            for other in actors:
                if other is not actor and other.start <= i < other.end:
                    if other.country:
                        return other
                    if other.kind == "org" and (c.dep_ == "pobj" and c.head.lower_ == "of" or c.dep_ == "poss"
                                                or c.dep_ == "compound" and head.lemma_.lower() in POSTED_ROLES):
                        organisation = organisation or other
                    elif other.kind == "group" and c.dep_ == "poss":
                        organisation = organisation or other  # "the two countries' foreign ministers"
    return organisation


def _possessive_owner(discourse: Discourse, actor: Actor, parsed: Parsed | None, s_index: int,
                      actors: list[Actor] = ()) -> Actor | None:
    """'its army', 'their envoys': whom the possessive pronoun refers to, earlier in the
    sentence first ("Russia said it had no plans ..., and its envoy said ...")."""
    if parsed is None or actor.start not in parsed:
        return None
    head = parsed.token(actor.end - 1)
    for c in head.children:
        if c.dep_ == "poss" and c.tag_ == "PRP$":
            position = parsed.index(c)
            fits = _pronoun_fit(c.lower_, discourse.words)
            earlier = [a for a in actors if a.end <= position and a.country and a is not actor and fits(a)]
            # ("Riyadh cut ties with Tehran after protesters stormed its embassy", "China said
            # Taiwan is part of China, and its foreign ministry ...": the first subject)
            subjects = [a for a in earlier if any(parsed.token(i).dep_ in ("nsubj", "nsubjpass")
                                                  for i in range(a.start, a.end) if i in parsed)]
            if subjects:
                return subjects[0]
            if earlier:
                return earlier[-1]
            found = discourse.resolve_pronoun(c.lower_, s_index, parsed.index(c))
            if len(found) == 1:
                return found[0]
    return None


def _remember(discourse: Discourse, s_index: int, actors: list[Actor], parsed: Parsed | None) -> None:
    subjects: set[int] = set()
    groups: list[list[Actor]] = []
    if parsed is None:
        if actors:
            subjects.add(actors[0].start)
    else:
        at = {i: a for a in actors for i in range(a.start, a.end)}
        for t in parsed.doc:
            if t.dep_ == "conj":
                continue  # (taken with the first of its coordination)
            named = [at.get(parsed.index(c)) for c in coordinated(t)]
            if len(named) == 2 and all(a is not None and a.country for a in named) \
                    and named[0].country != named[1].country:
                discourse.remember_coordinated((named[0], named[1]))
            if t.dep_ in SUBJECT_DEPS:
                conj = [a for a in named if a is not None]
                for a in conj[:1]:
                    subjects.add(a.start)
                if len(conj) >= 2:
                    groups.append(conj)
    # ("The two ministers signed a plan. They also agreed ...": "they" are the pair)
    groups += [m for m in (_members(discourse, a) for a in actors if a.kind == "group") if len(m) == 2]
    # ("refuge at a French military base ... called on the military": a role word describing
    # a thing is no body a later "the military" can mean)
    kept = [a for a in actors if a.kind != "agent+country" or not _modifies_a_noun(a, parsed, actors, discourse.words)]
    discourse.remember(s_index, kept, subjects, groups)


# ------------------------------------------------------------------ one sentence

def _code_sentence(state: ArticleState, sent: Span, s_index: int, parsed: Parsed, actors: list[Actor],
                   trigs: list[Trigger]) -> None:
    words = state.discourse.words  # "the coalition", "the kingdom": a body or a state named before
    can_act = any(a.political or a.agent in IRREGULAR_AGENTS or a.kind == "group" for a in actors) or any(
        t.tag_ == "PRP" or t.tag_ == "PRP$" or t.lower_ in words.organisation_nouns
        or t.lower_ in words.state_descriptions for t in parsed.doc) \
        or state.discourse.domestic and any(t.rule.code[:2] in DOMESTIC_ROOTS for t in trigs)
    if not can_act:
        return
    selection = select(parsed, trigs, frozenset(a.end for a in actors))
    actors = _without_phrase_words(parsed, actors, selection.chosen)
    sentence_actors = SentenceActors(parsed, actors, resolver_for(state.discourse, s_index, parsed.offset),
                                     expand=lambda found: _expand_groups(state.discourse, found))
    emitted = {}
    for trig in selection.chosen:
        emitted[trig.start] = _code_trigger(state, sent, s_index, parsed, sentence_actors, trig,
                                            selection.intended.get(trig.start))
    for noun, governors in selection.deferred:
        # ("marched to demand the resignation of the president": asked for, not done;
        # "lifted its veto": the noun is the object the governing act's phrase names)
        if not any(emitted.get(g.start, 0) or g.rule.code[:2] in WANTING_ROOTS
                   or _names_the_object(parsed, g, noun) for g in governors):
            _code_trigger(state, sent, s_index, parsed, sentence_actors, noun, selection.intended.get(noun.start))


def _names_the_object(parsed: Parsed, governor: Trigger, noun: Trigger) -> bool:
    """The noun is the object the governor's rule requires ("dropped its objections",
    "lifted its veto"): one phrase, one act."""
    words = _object_heads(governor.rule)
    return bool(words) and trigger_head(parsed, noun.start, noun.end).lemma_.lower() in words


def _without_phrase_words(parsed: Parsed, actors: list[Actor], triggers: list[Trigger]) -> list[Actor]:
    """Role words that are the object a speech act's phrase requires are that phrase's
    words ("voiced its opposition to the coup": an objection, not the opposition party)."""
    required = set()
    for trig in triggers:
        words = _required_heads(trig.rule) | _object_heads(trig.rule)
        if not words or trig.rule.code[:2] not in SPEECH_ACT_ROOTS:
            continue  # (the troops of "deployed troops" are people, sent by the source)
        head = trigger_head(parsed, trig.start, trig.end)
        required.update(parsed.index(c) for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() in words)
    return [a for a in actors if not ((a.kind == "agent" or a.bare_role) and a.end - a.start == 1
                                      and a.start in required)]


def _required_heads(rule: TriggerRule) -> frozenset[str]:
    """The last word of each phrase the rule requires ("cruise missile": missile)."""
    return frozenset(phrase.split()[-1] for phrase in rule.requires)


def _object_heads(rule: TriggerRule) -> frozenset[str]:
    """The last word of each object phrase the rule names ("its objections": objection)."""
    return frozenset(phrase.split()[-1] for phrase in rule.object)


def _fired(parsed: Parsed, head: Token, rule: TriggerRule, actor: Actor) -> bool:
    """The actor is a one-word weapon the firing requires, in its object ("dozens of
    missiles and drones"): what was fired, not a party fired at."""
    if actor.end - actor.start != 1 or actor.start not in parsed:
        return False
    token = parsed.token(actor.start)
    return token.lemma_.lower() in _required_heads(rule) | _object_heads(rule) and any(
        token in c.subtree for c in head.children if c.dep_ == "dobj")


def _fired_at(parsed: Parsed, head: Token, rule: TriggerRule, actors: SentenceActors) -> list[Actor]:
    """The party a phrase of the rule's target prepositions names, on the firing verb or on
    what was fired ("fired a ballistic missile over northern Japan"), once the object is
    known to be the weapon."""
    hosts = [head] + [c for c in head.children if c.dep_ == "dobj"]
    for prep in (c for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ in rule.target_preps):
        for noun in (g for g in prep.children if g.dep_ == "pobj"):
            found = [a for a in actors.of_phrase(noun) if a.country and not _fired(parsed, head, rule, a)]
            if found:
                return found
    return []


def _code_trigger(state: ArticleState, sent: Span, s_index: int, parsed: Parsed, actors: SentenceActors,
                  trig: Trigger, intended: str | None) -> int:
    rule = trig.rule
    head = trigger_head(parsed, trig.start, trig.end)
    if rule.reported_by:
        return _code_obligation(state, sent, s_index, parsed, actors, trig, head)
    if rule.repeats:
        return _code_repetition(state, sent, s_index, parsed, actors, trig, head)
    if parsed_conjecture(head):
        return 0  # "could set a precedent", "might boycott": conjecture, not an event
    if _told_before(state, head, rule, actors):
        return 0
    # (an intention is asserted; an act planned as itself, "plans to march", is to come)
    modality = ("future" if intended == rule.code else "asserted") if intended else parsed_modality(head, rule.modality)
    if rule.report and modality == "negated":
        return 0
    if not intended and modality == "future" and rule.code[:2] in COERCIVE_ROOTS and has_condition(head):
        # "would arrest Morales if he ran", "will impose sanctions unless ...": a hostile
        # act promised on a condition is a threat of it, made now
        intended, modality = intent_code(rule.code), "asserted"
    if rule.refused_code and modality == "negated" and not intended:
        # "did not recognise the results", "will never recognise the annexation": a refusal
        # of the act, stated now, is a rejection
        rule, modality = replace(rule, code=rule.refused_code), "asserted"
    args = attach(parsed, trig.start, trig.end, actors, code=rule.code, target_preps=rule.target_preps,
                  symmetric=rule.symmetric, object_is_topic=rule.object_is_topic,
                  is_act=lambda t: _names_an_act(state, t), receiving=state.discourse.words.receiving_verbs,
                  onlookers=_onlookers(state, rule))
    sources = _expand_groups(state.discourse, args.sources)
    targets = _pair_of_others(state.discourse, _expand_groups(state.discourse, args.targets), sources)
    sources = _police_of_the_place(state, sent, trig, sources)
    if args.targets and rule.code[:3] in WEAPON_CODES and rule.requires:
        targets = [t for t in targets if not _fired(parsed, head, rule, t)] or _fired_at(parsed, head, rule, actors)
        if not targets:
            # "fired dozens of missiles at commercial ships": what was fired, at no party; an
            # act still, which a reaction may answer ("Japan said it was deeply concerned")
            for s in sources[:1]:
                state.coded.append(Coded(frozenset({head.lemma_}), rule.code, s, None, s_index))
                state.discourse.remember_act(s)
            return 0
    if targets and rule.code == SHOW_OF_FORCE_CODE:
        # "the North fired three missiles into the sea": a test, aimed at no one the missiles are
        targets = [t for t in targets if not _fired(parsed, head, rule, t)]
    if rule.code[:2] == THREAT_ROOT and not intended and _warns_of_a_state(state, head, actors, sources):
        rule = replace(rule, code=GRIM_OUTLOOK_CODE)
    if intended and rule.symmetric and len(sources) == 1:
        # "Imran Khan offered talks with India": one party's intention, aimed at the other,
        # not shared ("the two sides aim to work jointly" still is)
        rule = replace(rule, symmetric=False)
    if rule.fallback and not (any(s.political for s in sources) and any(t.political for t in targets)):
        # the imported PETRARCH patterns were written for a source and a target noun phrase
        # around the verb: without both in the parse they are not the pattern they encode
        return 0
    if len(sources) >= 2 and _on_each_other(head):
        # "Thailand and Cambodia accused each other", "both sides blamed one another"
        args.reciprocal, targets = True, []
    elif rule.symmetric and len(sources) == 1 and sources[0].plural and sources[0].country \
            and not any(t.political for t in targets) and _rivals(parsed, sources[0]):
        # "Libya's rival forces signed a ceasefire": the two camps of one country, each the
        # other's party
        targets = [replace(sources[0], kind="implied", agent=None)]
    elif rule.symmetric and len(sources) >= 2 and not any(t.political and not t.bare_role for t in targets):
        # "Pakistan and Iran agreed", "the two men signed", "Russia and Ukraine swapped prisoners";
        # "Iran and Saudi Arabia agreed to reopen embassies": their own embassies
        args.reciprocal, targets = True, []
    if rule.code[:2] in CLAIMED_ROOTS:
        claimed = _code_claim(state, sent, s_index, parsed, actors, trig, head, sources, targets, modality)
        if claimed is not None:
            return claimed
    if sources and not any(t.political for t in targets) and not args.reciprocal and not rule.report \
            and not rule.self_target and rule.code[:2] != PROTEST_ROOT:
        # (a protest's participles tell its demands: "marched through Baku demanding a war")
        by_means = _hit_by_the_means(args, actors, sources, sent.doc.spans.get("triggers", []))
        if by_means is None:
            return 0  # the participle's own event tells the act and whom it hit
        targets = by_means or targets
    targets = _answering_targets(state, rule, args, actors, s_index, sources, targets)
    sources, targets = _unnamed_doers(state, rule, trig, args, actors, sources, targets, modality)
    # ("was willing to talk": the intention, 036, is aimed as an intention is)
    targets = _targets_by_kind(state, sent, s_index, replace(rule, code=intended) if intended else rule, trig,
                               args, actors, sources, targets)
    partners = _partners(args, actors) if rule.code[:2] in FORCE_ROOTS else frozenset()
    pairs = _role_pairs(state, sent, trig, rule, args, sources, targets, partners)
    code = intended or rule.code
    n = 0
    for src, tgt in pairs:
        n += _emit(state, sent, s_index, trig, rule, code, src, tgt, modality, head)
    return n


def _told_before(state: ArticleState, noun: Token, rule: TriggerRule, actors: SentenceActors) -> bool:
    """'police detained Khan ... his party said it would challenge the arrest in court': a
    definite act noun naming an act the article has coded (the same code, or the same kind
    by the same word) is that act again, not a new one; not when the phrase names a party
    that act did not have ("the lifting of U.S. sanctions", after the EU lifted its own)."""
    if not is_noun(noun) or noun.tag_.startswith("VB"):
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children):
        return False
    # ("met Tsai in Taipei ... summoned the ambassador to protest the visit": a bare "the
    # visit" names the meeting told, whatever word told it)
    bare = rule.code[:2] in MEETING_ROOTS and not any(
        c.dep_ in ("prep", "poss", "compound", "amod", "nmod", "acl", "relcl") for c in noun.children)
    told = [c for c in state.coded
            if c.code[:3] == rule.code[:3] or c.code[:2] == rule.code[:2] and (bare or c.named_by(noun.lemma_))]
    if not told:
        return False
    named = {a.country for t in noun.subtree if t.i != noun.i and (a := actors.at.get(actors.parsed.index(t)))
             and a.political and a.country}
    return any(not named - {p.country for p in (c.source, c.target) if p is not None} for c in told)


def _answering_targets(state: ArticleState, rule: TriggerRule, args: Arguments, actors: SentenceActors,
                       s_index: int, sources: list[Actor], targets: list[Actor]) -> list[Actor]:
    """Whom a reaction or a posture is aimed at when the parse names no target."""
    if rule.code[:2] in REACTION_ROOTS and not rule.symmetric and sources:
        targets = _answered(state, rule, args, sources, targets, s_index, actors)
    elif rule.code[:2] == "15" and sources and not targets:
        # "scrambled jets to track Chinese aircraft": the purpose names whom the posture is aimed at
        targets = _content_actors(args, actors, {s.country for s in sources})
    return targets


def _unnamed_doers(state: ArticleState, rule: TriggerRule, trig: Trigger, args: Arguments,
                   actors: SentenceActors, sources: list[Actor], targets: list[Actor], modality: str
                   ) -> tuple[list[Actor], list[Actor]]:
    """The doer of an act whose sentence names none: a state body reporting it, or the
    home state or people of a story about one country."""
    if not sources and args.passive and rule.code[:2] in REPORTED_FORCE_ROOTS and modality == "asserted" \
            and args.source_from != "agent":
        # "police said 40 people had been arrested", "the army said militants were killed":
        # a state body reporting an act of its kind done by no one named did it (not one done
        # by a thing: "killed by falling debris, officials said")
        in_named_act = _in_a_named_act(args, actors, state.doc.spans.get("triggers", []))
        armed = [] if in_named_act else _armed_doer_before(args, actors)
        sources = armed or ([] if in_named_act else _reporting_state_body(args, actors))
        if sources and not armed and targets \
                and all(t.country == sources[0].country and t.agent in ARMED_AGENTS for t in targets):
            sources = []  # "a French pilot was killed, the defence minister said": its own loss, not its act
    if not sources and args.passive and rule.code[:2] == POSTURE_ROOT and targets \
            and all(t.agent in FORCE_AGENTS and t.country for t in targets):
        # "troops and armoured vehicles were deployed at key junctions": the forces shown
        # are their state's show of force, in a story about one country at home
        own = targets[0].country
        sources = targets[:1]
        targets = [Actor(own, own, None, "implied", trig.end, trig.end)] if state.discourse.domestic \
            and own == state.discourse.home else []
    if not sources and args.passive and rule.code[:3] in EXPULSION_CODES:
        # "Qatari citizens were given 14 days to leave Saudi Arabia, the UAE and Bahrain":
        # the countries to be left expel them
        sources = _places_to_leave(args, actors)
    home = state.discourse.home
    by_state = rule.code[:2] == "17" or rule.code[:3] == RELEASE_CODE
    # ("a nationwide curfew was imposed": the act's noun is the subject of a passive, one
    # told as done; warrants "would be issued" may come from anywhere)
    passive = args.passive or (args.head is not None and args.head.dep_ == "nsubjpass" and modality == "asserted")
    if not sources and not _done_by_no_party(args) \
            and (rule.code[:2] in DOMESTIC_ROOTS or rule.code[:3] == RELEASE_CODE) and home and (
            passive or rule.code[:2] == "14") and (state.discourse.domestic or (
            # "Eleven people were arrested" in a story with foreign voices: the home country's
            # own people, arrested by no one named, were arrested by its state
            by_state and targets and all(t.country == home for t in targets))):
        # "ten people were arrested", "protests erupted", "the lawmakers were released": in a
        # story about one country, its state arrests and releases and its people protest
        doer = ("GOV", "country") if by_state else ("CVL", "agent+country")
        sources = [Actor(home, home, doer[0], doer[1], trig.start, trig.start)]
        targets = [t if t.country else replace(t, country=home) for t in targets] or (
            [Actor(home, home, "CVL", "agent+country", trig.end, trig.end)] if rule.code[:2] == "17" else [])
    return sources, targets


def _story_parties_besides(state: ArticleState, sources: list[Actor], s_index: int) -> list[Actor]:
    """The story's two parties, less any of the sources' countries: whom a mediator, a host
    or an outsider's forces act on when the sentence names no one."""
    return [p for p in state.discourse.pair(before=s_index) if all(p.country != s.country for s in sources)]


def _holder_of_people(act: Token, actors: SentenceActors, own: set[str | None]) -> list[Actor]:
    """'called for the release of two French nationals detained in Iran', 'of the hostages
    held by Hamas': the participle on the people an act is asked for names who holds them."""
    for prep, noun in prepositional_objects(act):
        if prep != "of":
            continue
        for held in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            for p2, place in prepositional_objects(held):
                found = [a for a in actors.of_phrase(place) if a.political and a.country not in own] \
                    if p2 in ("in", "by") else []
                if found:
                    return found
    return []


def _asked_for(args: Arguments, rule: TriggerRule) -> Token | None:
    """The act an appeal or demand asks for in its "for" phrase ("called for a ceasefire")."""
    verb = args.predicate or args.head
    if rule.code[:2] not in WANTING_ROOTS or verb is None:
        return None
    return next((noun for prep, noun in prepositional_objects(verb) if prep == "for"), None)


def _done_by_no_party(args: Arguments) -> bool:
    """'forced from their homes by the war': the passive's "by" phrase names a cause that
    is no party, so no state is its unnamed doer."""
    verb = args.predicate or args.head
    agent = agent_of(verb) if verb is not None else None
    return agent is not None and agent.lemma_.lower() in CAUSE_NOUNS


def _places_to_leave(args: Arguments, actors: SentenceActors) -> list[Actor]:
    """The states an expelling verb's infinitive ("given 14 days to leave X") tells to leave."""
    verb = args.predicate or args.head
    out: list[Actor] = []
    for c in verb.children:
        if c.dep_ in ("xcomp", "advcl", "ccomp", "dobj"):
            for leave in ([c] + [g for g in c.children if g.dep_ in ("acl", "relcl")]):
                if leave.lemma_ in LEAVING_VERBS:
                    out += [a for o in leave.children if o.dep_ == "dobj"
                            for a in actors.of_phrase(o) if a.political]
    return out


def _claimed_act_parties(args: Arguments, actors: SentenceActors, own: set[str | None]) -> list[Actor]:
    """The first actor, not the claimant's own, named anywhere in what "claimed
    responsibility for ..." names (the verb's or its object's "for" phrase)."""
    verb = args.predicate or args.head
    for tok in (verb, *(c for c in verb.children if c.dep_ == "dobj")):
        for prep, noun in prepositional_objects(tok):
            if prep != "for":
                continue
            for t in noun.subtree:
                a = actors.at.get(actors.parsed.index(t))
                if a is not None and a.political and a.country not in own:
                    return [a]
    return []


def _moved_from_or_to(args: Arguments, actors: SentenceActors, sources: list[Actor]) -> list[Actor]:
    """The other country a verb moves something of the source's own from or to."""
    verb = args.predicate if args.predicate is not None else args.head
    own = {s.country for s in sources}
    for prep, noun in prepositional_objects(verb):
        if prep in ("from", "to", "out"):
            found = [a for a in actors.of_phrase(noun) if a.country and a.country not in own]
            if found:
                # ("expelled diplomats from seven countries, including Argentina, Chile and Peru")
                return [a for i, a in enumerate(found) if all(b.country != a.country for b in found[:i])]
    return []


def _targets_by_kind(state: ArticleState, sent: Span, s_index: int, rule: TriggerRule, trig: Trigger,
                     args: Arguments, actors: SentenceActors, sources: list[Actor],
                     targets: list[Actor]) -> list[Actor]:
    """The target the kind of act implies where the parse names none (or only the source's own)."""
    home = state.discourse.home
    if not targets and home and (rule.place_target or rule.code[:2] in PLACE_TARGET_ROOTS) and _the_capital(args):
        # "The Taliban, who took control of the capital on August 15": the story's capital
        return [Actor(home, home, None, "place", trig.end, trig.end)]
    if rule.code[:2] == "17" and not targets and state.discourse.domestic and rule.code[:3] != "172" and any(
            s.country == state.discourse.home and s.agent in ("COP", "MIL", "GOV", "JUD", "SPY") for s in sources):
        # "a police crackdown", "troops detained dozens": in a story about one country, its people
        home = state.discourse.home
        targets = [Actor(home, home, "CVL", "agent+country", trig.end, trig.end)]
    elif (rule.code[:3] == ARREST_CODE and sources and sources[0].agent in ("COP", "JUD", "SPY")
          or rule.code[:3] == REPRESSION_CODE and sources and sources[0].agent in ("COP", "MIL")) \
            and not targets and sources[0].country and args.predicate is not None \
            and not any(o.pos_ == "PRON" for o in objects_of(args.predicate)):
        # "Police arrested 14 suspected members of an extortion ring", "police used tear gas
        # to break up a protest": people no one names, arrested or dispersed by a country's
        # police, are of the place of the act, else its own
        where = _place_in_sentence(state, sent, trig, parsed=True)
        country = where.country if where is not None else sources[0].country
        targets = [Actor(country, country, "CVL", "agent+country", trig.end, trig.end)]
    if rule.code[:2] == "14" and not targets:
        targets = _protested_at(args, actors, sources) or _purpose_answers(state, args, sources)
    if rule.code[:2] == "14" and not targets:
        # a protest abroad is aimed at the host country, at home at the own state
        where = _place_in_sentence(state, sent, trig)
        targets = ([replace(where, agent="GOV")] if where is not None and sources
                   and all(s.country != where.country for s in sources) else _own_state(sources))
    if rule.code[:3] == CLAIM_CODE and sources and not targets:
        # "claimed responsibility for an attack on a mall in Kenya's capital": those the
        # claimed act was done to or where
        targets = _claimed_act_parties(args, actors, {s.country for s in sources})
    if (rule.code.startswith(MEDIATION_CODE) or rule.code == MEDIATION_OFFER_CODE) and sources and not targets:
        # "a truce mediated by Qatar", "Moscow offered to mediate": the mediator acts on the
        # parties of what it mediated, else on the two parties of the story
        targets = _mediated_parties(args, actors, sources) or _parties_agreed_before(state, args, sources) \
            or _story_parties_besides(state, sources, s_index)
    if rule.code[:3] == HOST_CODE and sources and not targets and not args.reciprocal and any(
            o.lemma_.lower() in HOSTED_MEETINGS for o in objects_of(args.predicate or args.head)):
        # "Kenya's Ruto hosted talks on Friday", in a story about Sudan's war: the talks
        # of the story's parties
        targets = _story_parties_besides(state, sources, s_index)
    if targets and sources and sources[0].country and rule.code[:2] in OWN_OBJECT_ROOTS and not rule.self_target \
            and all(t.country == sources[0].country and t.kind not in ("country", "capital") for t in targets):
        targets = _where_own_are_moved(state, rule, args, actors, sources, s_index) or targets
    if not targets and rule.code[:3] == TRAVEL_CODE and sources and not args.reciprocal:
        # "Biden arrived in Tel Aviv": a town the parse ties to the trip, not the dateline's country
        where = _place_in_sentence(state, sent, trig, parsed=True)
        targets = [replace(where, agent=None)] if where is not None and all(
            s.country and s.country != where.country for s in sources) else _visited_here(state, sources)
    if not targets and sources and not args.reciprocal and (
            rule.code[:2] in PLACE_TARGET_ROOTS and not rule.symmetric and args.verbal
            or rule.code[:3] == DEESCALATION_CODE):
        # "Russian drones struck the Ukrainian city of Sumy": force on a place abroad that the
        # parse ties to the act is aimed at that place's country, not at the story's pair;
        # so is force halted there ("ordered a halt to military operations in Georgia")
        where = _place_in_sentence(state, sent, trig, parsed=True)
        if where is not None and all(s.country and s.country != where.country for s in sources):
            targets = [replace(where, agent=None)]
            args.direct_object = True  # (a place acted in, not a partner that halts too)
    if not targets and not args.reciprocal and not rule.report and sources and not rule.self_target \
            and (rule.code[:2] in IMPLICIT_TARGET_ROOTS or rule.code[:3] == DENIAL_CODE) and not _with_partners(args):
        targets = _implicit_target(state, sources, s_index)
        if rule.one_sided:
            # "North Korea tested a hydrogen bomb", in a story about it: an act that may have
            # no target is not aimed at the doer's own country for want of one
            targets = [t for t in targets if t.country not in {s.country for s in sources}]
        if targets and rule.code[:2] == THREAT_ROOT and _speaks_of_itself(args, actors, sources):
            targets = []  # "warned that Tehran would respond": its own act, aimed at no one of its own
        home = state.discourse.home
        if not targets and (rule.code[:2] == AID_ROOT or rule.code[:2] == REDUCE_ROOT and args.verbal
                            or rule.code[:3] == AID_INTENT) and home \
                and all(s.country != home for s in sources):
            # "The WHO said it was sending medical supplies", "France said it was ready to
            # help" in a story about Morocco's earthquake: aid whose receiver goes unnamed
            # goes to the country of the story; so does aid cut ("Norway froze its assistance";
            # not sanctions only named: "arrested for violating US sanctions")
            targets = [Actor(home, home, None, "implied", sources[0].end, sources[0].end)]
    return targets


# Prepositions by which the object of a means names whom it hits ("tariffs on US farm goods").
_MEANS_TARGET_PREPS = _WORDS.words("means_target_prepositions")


def _hit_by_the_means(args: Arguments, actors: SentenceActors, sources: list[Actor],
                      acts: list[Span]) -> list[Actor] | None:
    """"retaliated by cutting off gas to Ukraine": an act that names no target is aimed at
    whom the participle telling how it was done names, not at the story's last pair. None
    when that participle is one of the sentence's trigger matches `acts` ("retaliated,
    imposing tariffs on US farm goods"): its own event is the act, told in full."""
    verb = args.predicate or args.head
    if not is_verb(verb) or objects_of(verb) or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        # ("shelled Hama, killing 30 people", "condemned the violence, saying ..."): the act has its object
        return []
    own = {s.country for s in sources}
    means = [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > verb.i
             and not any(m.dep_ in ("mark", "nsubj") for m in c.children)]
    means += [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "by"
              for g in p.children if g.dep_ == "pcomp" and g.tag_ == "VBG"]
    for m in means:
        if any(a.start <= actors.parsed.index(m) < a.end and not a.label_.startswith(STATEMENT_ROOT) for a in acts):
            return None
        phrases = [o for o in m.children if o.dep_ in ("dobj", "dative")]
        phrases += [noun for tok in [m, *phrases] for prep, noun in prepositional_objects(tok)
                    if prep in _MEANS_TARGET_PREPS]
        for phrase in phrases:
            found = [a for a in actors.of_phrase(phrase) if a.political and a.country and a.country not in own]
            if found:
                return found
    return []


def _the_capital(args: Arguments) -> bool:
    """The act's object is "the capital", of no country named."""
    verb = args.predicate if args.predicate is not None else args.head
    objects = objects_of(verb)
    objects += [noun for o in objects for prep, noun in prepositional_objects(o) if prep == "of"]  # "took control of"
    return any(o.lemma_.lower() == "capital" and any(c.lower_ == "the" for c in o.children)
               and not any(c.dep_ in ("poss", "prep", "compound", "amod") for c in o.children)
               for o in objects)


def _police_of_the_place(state: ArticleState, sent: Span, trig: Trigger, sources: list[Actor]) -> list[Actor]:
    """"Protesters gathered in Yerevan ... and police detained dozens", in a story filed from
    Baku: police named by their role alone, which the story's home country grounded, are
    the police of the one country whose places the sentence names after "in" before their
    act (not by a nationality, "an Albanian-majority neighbourhood", nor "Washington's list";
    nor a clause after it: "as police carried out raids and warplanes pounded Raqqa in Syria")."""
    body = state.article.body
    doc = sent.doc
    bare = [s for s in sources if s.agent == "COP" and s.kind == "agent+country" and s.name.islower()
            # (not "police in the West Bank": their own place says whose they are)
            and _word_after(body, doc[s.end - 1].idx + len(doc[s.end - 1])) not in LOCAL_PREPS]
    if not bare:
        return sources
    named = {p.country for p in state.scans.places if sent.start_char <= p.start < trig.span.start_char
             and p.country and p is not state.scans.dateline_place and not places.is_demonym(p)
             and _word_before(body, max(sent.start_char, p.start - 12), p.start) in LOCAL_PREPS}
    if len(named) != 1:
        return sources
    where = next(iter(named))
    return [replace(s, country=where) if s in bare else s for s in sources]


def _word_before(text: str, start: int, end: int) -> str:
    words = text[start:end].split()
    return words[-1].lower() if words else ""


def _word_after(text: str, start: int) -> str:
    words = text[start:start + 20].split()
    return words[0].lower() if words else ""


GRIM_OUTLOOK_CODE = "012"
HARMING_VERBS = _WORDS.words("harming_verbs")
TIE_NOUNS = _WORDS.words("tie_nouns")
LIKELIHOOD_WORDS = _WORDS.words("likelihood_words")


def _warns_of_a_state(state: ArticleState, head: Token, actors: SentenceActors, sources: list[Actor]) -> bool:
    """"warned that Burundi was on the brink of civil war", "warned that delays in U.S. aid
    were costing lives": a warning that a thing of no side of the speaker's is so, or does
    harm, is a grim outlook, not a threat. A thing of the speaker's ("warned that US aid was
    under review"; an act of no one named, "martial law would be harsh"), harm to what ties
    the two ("could jeopardise plans to normalise relations") and "any attack would be an
    act of war" stay threats."""
    if head.lemma_.lower() not in ("warn", "warning"):
        return False
    if any(prep == "of" and any(c.dep_ == "amod" and c.lemma_.lower() in LIKELIHOOD_WORDS for c in noun.children)
           for prep, noun in prepositional_objects(head)):
        return True  # "had warned Israel of an imminent attack": of another's act to come
    clause = next((c for c in head.children if c.dep_ == "ccomp" and is_verb(c)), None)
    subject = own_subject(clause) if clause is not None else None
    if subject is None or subject.pos_ == "PRON" or subject.dep_ == "nsubjpass":
        return False
    own = {s.country for s in sources}
    if any(actors.parsed.index(t) in actors.at and actors.at[actors.parsed.index(t)].country in own
           for t in subject.subtree):
        return False
    if clause.lemma_ == "be" and any(c.dep_ == "acomp" and c.lemma_.lower() in LIKELIHOOD_WORDS
                                     for c in clause.children):
        return True  # "warned that more attacks were possible"
    if _names_an_act(state, subject) and not any(actors.parsed.index(t) in actors.at for t in subject.subtree):
        return False  # ("martial law would be harsh", "the move could jeopardise": whose act is left to the story)
    if clause.lemma_ == "be":
        return not any(c.lower_ == "any" for c in subject.children)
    return clause.lemma_.lower() in HARMING_VERBS and not any(
        t.lower_ in TIE_NOUNS for o in clause.children if o.dep_ == "dobj" for t in o.subtree)


def _onlookers(state: ArticleState, rule: TriggerRule) -> frozenset[str]:
    """Verbs whose subject only looks on at the act their object names ("the truce was
    announced by Egypt"); none for a measure of one's own, which whoever takes it announces
    ("Sudan announced a general mobilisation")."""
    return frozenset() if rule.self_target or rule.one_sided else state.discourse.words.onlooker_verbs


def _where_own_are_moved(state: ArticleState, rule: TriggerRule, args: Arguments, actors: SentenceActors,
                        sources: list[Actor], s_index: int) -> list[Actor]:
    """"Recalled its ambassador", "evacuated its embassy", "withdrew its troops": what is
    moved is the source's own; the act is aimed at the country it is moved from or to
    ("recalled his ambassador from Kigali"), else the other country the story is about."""
    implied = _moved_from_or_to(args, actors, sources) or _implicit_target(state, sources, s_index)
    if not implied and rule.code[:2] == AID_ROOT:
        # "Russia will deploy 2,000 peacekeepers to the enclave": an outsider's forces go
        # to the story's parties
        implied = _story_parties_besides(state, sources, s_index)[:1]
    home = state.discourse.home
    if not implied and rule.code[:2] == REDUCE_ROOT and home and home != sources[0].country:
        # "The United States ordered non-essential staff to leave its embassy", in a story
        # about South Sudan: its people are pulled out of the country of the story
        implied = [Actor(home, home, None, "implied", sources[0].end, sources[0].end)]
    return implied if implied and all(t.country != sources[0].country for t in implied) else []


def _role_pairs(state: ArticleState, sent: Span, trig: Trigger, rule: TriggerRule, args: Arguments,
                sources: list[Actor], targets: list[Actor], partners: frozenset[str | None] = frozenset()
                ) -> list[tuple[Actor | None, Actor | None]]:
    """Source-target pairs, shaped by the rule (meetings within a body, self-targeted acts,
    reports between countries, places as targets)."""
    pairs = _pairs(args, sources, targets, rule.symmetric)
    if rule.symmetric and rule.code[:2] in MEETING_ROOTS and not targets and len(sources) == 1 \
            and sources[0].kind == "org" and not args.reciprocal:
        # "EU foreign ministers will meet", "ECOWAS leaders held a summit": a body's members
        # meet among themselves
        pairs = [(sources[0], sources[0])]
    if rule.self_target:
        # "declared martial law", "imposed a curfew": done to the actor's own country
        # (an organisation has no country of its own to do it to: "a NATO-backed uprising
        # toppled Kadhafi" is not done to NATO)
        pairs = [(a, b if b is not None and b.political else a if a is None or a.country else None)
                 for a, b in pairs]
    if rule.report:
        pairs = [(a, b) for a, b in pairs if a and b and a.country != b.country]
    pairs = _place_targets(state, sent, trig, rule, pairs)
    home = state.discourse.home
    if rule.code[:2] in MILITARY_FORCE_ROOTS and home and not args.reciprocal and not _with_partners(args):
        # "KYIV - Russian forces captured the town of Avdiivka": a foreign force's act on a
        # target neither named nor placed, in a story about one country, is aimed at it
        pairs = [(a, Actor(home, home, None, "implied", a.end, a.end))
                 if b is None and a is not None and a.country and a.country != home else (a, b) for a, b in pairs]
    if partners:
        # "Eritrea, which fought alongside federal forces in Tigray": not against them
        named = {t.start for t in args.targets}
        pairs = [(a, b if b is None or b.country not in partners or b.start in named else None) for a, b in pairs]
    return pairs


def _with_partners(args: Arguments) -> bool:
    """'Congo's army has fought alongside Hutu militias': an act told with those it is done
    alongside and no one it is done to is aimed at no one the story implies."""
    return any(prep in PARTNER_PREPS for prep, _ in prepositional_objects(args.predicate or args.head))


def _partners(args: Arguments, actors: SentenceActors) -> frozenset[str | None]:
    """Countries of those an act of force is done alongside ("fought alongside federal forces")."""
    return frozenset(a.country for prep, noun in prepositional_objects(args.predicate or args.head)
                     if prep in PARTNER_PREPS for a in actors.of_phrase(noun))


def _emit(state: ArticleState, sent: Span, s_index: int, trig: Trigger, rule: TriggerRule, code: str,
          src: Actor | None, tgt: Actor | None, modality: str, head: Token) -> int:
    if not (src and (src.political or src.agent in IRREGULAR_AGENTS)):
        return 0
    if rule.one_sided and tgt is not None and tgt.country == src.country and src.country is not None \
            and not (src.agent and tgt.agent and src.agent != tgt.agent):
        # "withdrew its troops": one's own forces are what is moved ("the rebels surrendered
        # to the army": to another part of the country, to whom it is done)
        tgt = None
    if tgt is not None and tgt.bare_role and tgt.agent in FORCE_AGENTS and code[:2] == POSTURE_ROOT \
            and tgt.country != src.country and trig.end <= tgt.start:
        # "ECOWAS authorised the deployment of troops to Mali": the troops deployed are the
        # source's own, whatever country the story gave the bare word; where they go is the target
        tgt = _where_deployed(state, sent, trig, src) or tgt
    if tgt is not None and tgt.country == src.country and code[:2] == POSTURE_ROOT \
            and tgt.agent in FORCE_AGENTS and src.agent not in FORCE_AGENTS:
        # "Spain deployed troops on the beaches of Ceuta": its own forces are what a state
        # shows, at home in a story about one country ("deployed soldiers in several cities")
        tgt = replace(tgt, agent=None, kind="implied") if state.discourse.domestic else None
    if not (tgt and _can_be_target(tgt, src, rule)):
        if not (rule.code[:2] in ONE_SIDED_ROOTS or rule.one_sided) or rule.report:
            return 0
        if rule.one_sided and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children) \
                and not is_verb(head.head):
            return 0  # "incentives for separatists to disarm": wanted, not done
        tgt = None
    if tgt is not None and src.country == tgt.country and src.country is not None and not _domestic_ok(rule, src, tgt):
        return 0
    if rule.irregular_code and src.agent in IRREGULAR_AGENTS and not _result_of_military_force(sent, head):
        code = rule.irregular_code
    if rule.state_code and head.dep_ != "compound" and (src.agent == "GOV" or src.agent is None
                                                         and src.kind in STATE_KINDS):
        code = rule.state_code  # "a protest from the Chinese embassy": lodged, not marched
    if rule.force_code and src.agent in FORCE_AGENTS:
        code = rule.force_code  # "police stormed the embassy": a raid, not a riot
    if rule.leader_code and any(a is not None and a.agent == "GOV" and a.kind not in STATE_KINDS
                                for a in ((src, tgt) if rule.symmetric else (src,))):
        code = rule.leader_code  # "Biden and Xi clashed over Taiwan": they argued, no one fought
    if rule.igo_code and src.country is None and src.kind == "org" \
            and tgt is not None and tgt.country is not None:
        code = rule.igo_code  # "the African Union will send a force to Burundi": protection, no show of force
    if code[:2] == FIGHT_ROOT and code[:3] not in WEAPON_CODES and tgt is not None \
            and src.name.lower().rpartition(" ")[2] in state.discourse.words.crowd_nouns \
            and tgt.agent not in ARMED_OR_FORCE_AGENTS:
        # "hundreds of supporters attacked the French embassy": a crowd's attack is a riot
        code = RIOT_CODE
    if code[:2] == FIGHT_ROOT and tgt is not None and tgt.country == src.country:
        if src.agent == POLICE_AGENT and tgt.agent in UNARMED_AGENTS:
            code = REPRESSION_CODE
        elif tgt.agent == POLICE_AGENT and src.agent in UNARMED_AGENTS and src.agent is not None:
            code = RIOT_CODE  # "protesters clashed with police": their side is a violent protest
    if code[:2] == REDUCE_ROOT and tgt is not None and tgt.country == src.country and src.country is not None:
        # "suspended the constitution", "voted to suspend the president", "closed the borders"
        # after a coup: cutting relations is between parties; within one country the same
        # words impose administrative sanctions
        code = DOMESTIC_REDUCE_CODE
    if not _record(state, sent, s_index, trig, code, src, tgt, modality):
        return 0
    if modality == "negated" and _promised(head):
        return 1  # ("would not take part in any counter-attack"): no act a later reaction answers
    if (code[:2] not in REACTION_ROOTS or code[:3] in ACTS_AMONG_REACTIONS) \
            and not (modality == "future" and code[:2] in MEETING_ROOTS) \
            and not (code[:3] == MEDIATION_CODE or code == MEDIATION_OFFER_CODE):
        # (a visit or a meeting still to come is no act a reaction answers, a plan to send
        # troops is and may be rejected; a mediator is no side of the story's dyad)
        state.discourse.remember_event(src, tgt)
    # ("issued an arrest warrant" is "the warrant"; "called the veto a disgrace" is not "the veto")
    judged = code[:2] in REACTION_ROOTS and code[:3] not in ACTS_AMONG_REACTIONS
    named = {t.lemma_ for t in trig.span} | {c.lemma_ for c in head.children
                                             if c.dep_ in ("dobj", "nsubjpass") and not judged}
    state.coded.append(Coded(frozenset(named | {head.lemma_}), code, src, tgt, s_index))
    return 1


def _promised(head: Token) -> bool:
    """The act is told under "will" or "would" (its verb's, or that of the verb whose
    phrase holds it: "would not take part in any counter-attack")."""
    verb = head if is_verb(head) else clause_verb(head)
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)


def _record(state: ArticleState, sent: Span, s_index: int, trig: Trigger, code: str, src: Actor,
            tgt: Actor | None, modality: str) -> bool:
    """Add the event unless this trigger already gave one of its root for these countries."""
    key = (trig.start, code[:2], src.country, tgt.country if tgt else None)
    if key in state.seen:
        return False
    state.seen.add(key)
    there = state.whereabouts.get(src.country) or (state.whereabouts.get(tgt.country) if tgt else None)
    mention = make_mention(state.article, sent, s_index, trig, code, src, tgt, modality, state.scans,
                           state.version, whereabouts=there)
    state.out.append(mention)
    travellers = [src] if code.startswith(TRAVEL_CODE) else [src, tgt] if code[:2] in MEETING_ROOTS and tgt else []
    for party in travellers if modality == "asserted" and mention.geonameid else ():
        if party.country and mention.location_country not in (None, party.country):
            # "Pelosi arrived in Taipei", "Lavrov held talks with Wang in Beijing": the
            # visitor's acts after it, placed nowhere else, are there
            state.whereabouts[party.country] = next(
                (p for p in state.scans.places if p.geonameid == mention.geonameid and p.start >= sent.start_char),
                None)
    return True


def _result_of_military_force(sent: Span, head: Token) -> bool:
    """"Insurgents bombarded part of Aleppo, killing at least eight people": the killing is
    what the bombardment did, of its kind (19), whoever fired."""
    if head.dep_ != "advcl" or head.tag_ != "VBG":
        return False
    at = sent.start + head.head.i  # (the sentence's parse is tokenised as the article is)
    return any(t.label_[:2] in MILITARY_FORCE_ROOTS and t.start <= at < t.end
               for t in sent.doc.spans.get("triggers", []))


def _domestic_ok(rule: TriggerRule, src: Actor, tgt: Actor) -> bool:
    """A country acting on itself is news between different parts of it (army and
    protesters, government and rebels) or for domestic acts (protest, coercion)."""
    return bool(rule.self_target or rule.code[:2] in DOMESTIC_ROOTS or tgt.kind == "implied"
                or src.agent and tgt.agent and src.agent != tgt.agent
                # "mutinous soldiers killed the head of the armed forces": a body's many
                # against the one at its head
                or src.plural != tgt.plural and _rank_and_file(src, tgt)
                # "the junta's spokesman urged Nigeriens to stay calm": a body to its people
                or src.agent and tgt.agent is None and tgt.kind == "demonym"
                or src.agent in IRREGULAR_AGENTS and tgt.agent is None and tgt.kind in ("country", "place")
                or src.agent is None and src.kind in STATE_KINDS and tgt.agent in IRREGULAR_AGENTS
                or src.kind in ("person", "person+country") and tgt.kind in ("person", "person+country")
                and (src.canonical or src.name) != (tgt.canonical or tgt.name)
                # "President Zourabichvili accused the government": a named person against a
                # body of the own state, in a judgement or a demand
                or (src.kind in ("person", "person+country") or is_person_like(src, reference_words()))
                and tgt.kind in ("agent", "agent+country") and rule.code[:2] in PERSON_AGAINST_BODY_ROOTS
                and (src.canonical or src.name).lower() != (tgt.canonical or tgt.name).lower())


def _can_be_target(tgt: Actor, src: Actor, rule: TriggerRule) -> bool:
    """A political actor; or an armed group of no stated nationality, for a state's
    accusations and coercion ("accused Darfur rebels", "arrested militants")."""
    return tgt.political or (tgt.agent in IRREGULAR_AGENTS and src.political
                             and rule.code[:2] in STATELESS_TARGET_ROOTS) or (
        # "accused unnamed foreign forces of sowing discord": a state's people of no state named
        tgt.kind == "agent" and tgt.agent in STATE_AGENTS and src.political and rule.code[:3] == ACCUSATION_CODE
        and tgt.foreign)


def _pairs(args: Arguments, sources: list[Actor], targets: list[Actor],
           symmetric: bool) -> list[tuple[Actor | None, Actor | None]]:
    """Who did it to whom. A reciprocal act ("X, Y and Z met", "talks between X and Y")
    pairs the parties both ways; so does a mutual act with a partner named by a
    preposition ("clashed with", "held talks with"); a direct object is only acted on."""
    if args.reciprocal or len(sources) >= 2 and not targets and args.source_from == "between":
        parties = [a for a in sources if a.political]
        out = [(a, b) for a in parties for b in parties if a is not b and a.identity != b.identity]
        if out:
            return out
    if not targets:
        pairs = [(s, None) for s in sources] or [(None, None)]
        return pairs[:1] if len(pairs) > 1 and not all(s.political for s in sources) else pairs
    if not sources:
        return [(None, t) for t in targets]
    out = [(s, t) for s in sources for t in targets if s.identity != t.identity or _rank_and_file(s, t)]
    if symmetric and not args.direct_object:
        out += [(t, s) for s, t in out]
    return out


def _rank_and_file(a: Actor, b: Actor) -> bool:
    """'Soldiers arrested the army chief', 'the junta leader dismissed the prime minister':
    the many of a body and one holder of its office, or two offices, are two parties,
    though of one country and one kind."""
    return a.kind in ROLE_KINDS and b.kind in ROLE_KINDS and not (a.plural and b.plural) \
        and not same_role(a.name, b.name) and not same_role(b.name, a.name)


def _expand_groups(discourse: Discourse, actors: list[Actor]) -> list[Actor]:
    """'the two nations', 'both sides': the two parties of the story's main dyad."""
    out: list[Actor] = []
    for a in actors:
        out.extend(_members(discourse, a) if a.kind == "group" else [a])
    return out


def _pair_of_others(discourse: Discourse, targets: list[Actor], sources: list[Actor]) -> list[Actor]:
    """A pair phrase aimed at by one of the pair's own countries is another pair: "Ankara
    would ask the two countries", after "Finland and Sweden", means the last two other
    countries named together; with no such pair, the side of the pair that is not the
    speaker's."""
    own = {s.country for s in sources if s.country}
    pair = [t for t in targets if t.name.lower() in GROUP_REFERENCES]
    if not own or len(pair) != 2 or not any(t.country in own for t in pair):
        return targets
    others = discourse.named_pair_without(own)
    if not others:
        # ("Kenya's Kibaki, who hosted the signing, urged both sides", in a story of Sudan's
        # government and rebels: the side that is not the speaker's own)
        return [t for t in targets if t not in pair or t.country not in own]
    at = pair[0]
    return [t for t in targets if t not in pair] + [replace(o, start=at.start, end=at.end, name=at.name)
                                                    for o in others]


def _members(discourse: Discourse, group: Actor) -> list[Actor]:
    low = group.name.lower()
    pair = discourse.sides(people=low in PEOPLE_REFERENCES or low.removeprefix("the ") in PAIR_ROLE_NOUNS)
    return [replace(p, start=group.start, end=group.end, name=group.name) for p in pair]


# People who protest against their own state when no other target is named.
NON_STATE_AGENTS = frozenset({"CVL", "OPP", "LAB", "EDU", "REL", "MED", "BUS", "NGO", "HRI", "REF", "PTY", "AGR",
                              "HLH"})


PROTEST_SITE_PREPS = _WORDS.words("protest_site_prepositions")


def _protested_at(args: Arguments, actors: SentenceActors, sources: list[Actor]) -> list[Actor]:
    """'rallied outside the French embassy': a protest at another country's mission is
    aimed at that country."""
    own = {s.country for s in sources}
    verb = args.predicate or args.head
    for prep, noun in prepositional_objects(verb):
        if prep in PROTEST_SITE_PREPS:
            found = [a for a in actors.of_phrase(noun) if a.country and a.country not in own and a.agent]
            if found:
                return found
    return []


def _purpose_answers(state: ArticleState, args: Arguments, sources: list[Actor]) -> list[Actor]:
    """'took to the streets to denounce the execution', 'would protest the threat': a protest
    whose object or purpose names an act coded before is aimed at whoever did it."""
    own = {s.country for s in sources}
    verb = args.predicate or args.head
    clauses = [verb] if is_verb(verb) else []
    clauses += [c for c in verb.children if c.dep_ in ("advcl", "xcomp")
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
    for clause in clauses:
        for obj in (c for c in clause.children if c.dep_ == "dobj"):
            for c in reversed(state.coded):
                if c.named_by(obj.lemma_) and c.source is not None and c.source.political \
                        and c.source.country not in own:
                    return [replace(c.source, start=obj.i, end=obj.i)]
    return []


def _mediated_parties(args: Arguments, actors: SentenceActors, sources: list[Actor]) -> list[Actor]:
    """'Israel and Hamas agreed to a truce brokered by Qatar': the parties of the act the
    mediator brokered are the subject of the verb that act hangs on."""
    noun = args.head.head if args.head.dep_ == "acl" else None
    if noun is None:
        return []
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ in ("dobj", "nsubjpass") else None
    subject = subject_of(verb) if verb is not None and is_verb(verb) else None
    parties = actors.of_phrase(subject) if subject is not None else []
    own = {s.country for s in sources}
    return [p for p in parties if p.political and p.country not in own]


def _parties_agreed_before(state: ArticleState, args: Arguments, sources: list[Actor]) -> list[Actor]:
    """'Congo and M23 rebels signed a declaration ... The agreement, mediated by Qatar':
    the mediated agreement, taken up by a definite noun, is the last one coded, and its
    parties are the mediator's targets."""
    noun = args.head.head if args.head.dep_ == "acl" else None
    if noun is None or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children):
        return []
    own = {s.country for s in sources}
    for c in reversed(state.coded):
        if c.code[:2] in AGREED_ACT_ROOTS and c.source is not None and c.target is not None:
            at = sources[0].end
            return [replace(p, start=at, end=at) for p in (c.source, c.target) if p.political and p.country not in own]
    return []


def _own_state(sources: list[Actor]) -> list[Actor]:
    """'Tens of thousands of Colombians marched': a protest with no target is aimed at the
    protesters' own government (coding guidelines: domestic unrest is coded)."""
    for s in sources:
        if s.country and (s.agent in NON_STATE_AGENTS or s.agent is None and s.kind == "demonym"):
            return [Actor(s.country, s.country, "GOV", "country", s.end, s.end)]
    return []


STATE_BODY_AGENTS = frozenset({"COP", "MIL", "GOV", "JUD", "SPY"})
# Coercion and force: the acts a state body reports having done in the passive.
REPORTED_FORCE_ROOTS = frozenset({"17", "18", "19", "20"})


def _in_a_named_act(args: Arguments, actors: SentenceActors, acts: list[Span]) -> bool:
    """"Three civilians were killed in a US air strike, officials said": the act noun the
    passive happened in names its doer, so the voice reporting it did not do it (the noun's
    own event tells the act)."""
    verb = args.predicate or args.head
    for prep, noun in prepositional_objects(verb):
        at = actors.parsed.index(noun)
        if prep in ("in", "during") and any(a.start <= at < a.end for a in acts) and any(
                actors.at.get(actors.parsed.index(t)) is not None for t in noun.subtree if t.i < noun.i):
            return True
    return False


def _armed_doer_before(args: Arguments, actors: SentenceActors) -> list[Actor]:
    """'Russian aircraft bombed villages near Gori, and a cameraman was killed': a passive
    act of force coordinated after a clause whose subject is an armed force or group was
    that force's doing, not the reporting body's."""
    clause = args.predicate or args.head
    if clause.dep_ != "conj" or not is_verb(clause.head):
        return []
    subject = own_subject(clause.head)
    found = actors.of_phrase(subject) if subject is not None and subject.dep_ == "nsubj" else []
    return [a for a in found if a.country and (a.agent in ARMED_AGENTS or a.agent in IRREGULAR_AGENTS)]


def _reporting_state_body(args: Arguments, actors: SentenceActors) -> list[Actor]:
    """The police, army or ministry whose statement reports an act with no agent."""
    clause = args.predicate or args.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or not is_verb(clause.head):
        return []
    speaker = subject_of(clause.head)
    found = actors.of_phrase(speaker) if speaker is not None else []
    return [a for a in found if a.country and a.agent in STATE_BODY_AGENTS]


def _speaks_of_itself(args: Arguments, actors: SentenceActors, sources: list[Actor]) -> bool:
    """The reported clause's subject is the source's own state ("Iran warned that Tehran
    would respond", "warned that Pyongyang's response would be fiercer")."""
    verb = args.predicate or args.head
    own = {s.country for s in sources if s.country}
    for c in verb.children:
        subject = subject_of(c) if c.dep_ == "ccomp" and is_verb(c) else None
        if subject is None:
            continue
        for t in subject.subtree:
            a = actors.at.get(actors.parsed.index(t))
            if a is not None and a.country in own and a.kind in STATE_KINDS:
                return True
    return False


def _accuser(state: ArticleState, sources: list[Actor]) -> list[Actor]:
    """'Kinshasa accuses Rwanda of backing the rebels. Rwanda denies arming the group': a
    denial answers the last disapproval aimed at the one denying."""
    src = sources[0]
    for c in reversed(state.coded):
        if c.code[:2] == DISAPPROVE_ROOT and c.target is not None and c.target.country == src.country \
                and c.source is not None and c.source.political and c.source.country != src.country:
            return [replace(c.source, start=src.end, end=src.end)]
    return []


def _visited_here(state: ArticleState, sources: list[Actor]) -> list[Actor]:
    """"BEIJING - Lavrov arrived on Monday for a two-day visit": a visit that names no
    destination, by a foreigner, in a story filed from and about one country, is to it."""
    home = state.discourse.home
    if home is None or home != state.discourse.dateline or any(s.country in (None, home) for s in sources):
        return []
    return [Actor(home, home, None, "implied", sources[0].end, sources[0].end)]


def _implicit_target(state: ArticleState, sources: list[Actor], s_index: int) -> list[Actor]:
    """An act whose target the sentence leaves unnamed is, in news, aimed within the story:
    in a story about one country at that country ("the minister resigned", "the army
    launched an offensive"); in a story between two, at the other party of its main dyad."""
    discourse = state.discourse
    src = sources[0]
    at = src.end
    if discourse.domestic and discourse.home and src.country == discourse.home:
        return [Actor(discourse.home, discourse.home, None, "implied", at, at)]
    pair = discourse.pair(before=s_index)  # (this sentence's other actors are other acts' arguments)
    other = next((p for p in pair if p.country != src.country), None) if len(pair) == 2 else None
    if other is not None and src.country in {p.country for p in pair}:
        if any(s.country == other.country for s in sources):
            return []  # ("Saudi Arabia and the United States called for talks": not on each other)
        return [replace(other, start=at, end=at, kind="implied" if other.kind != "person" else other.kind)]
    return []


# ------------------------------------------------------------------ reactions

def _names_an_act(state: ArticleState, token: Token) -> bool:
    """The noun names an act: one of the act nouns, the word of an act coded before, or a
    trigger word of the article; or it heads such a word ("the coup attempt", "the
    missile strike")."""
    return (token.lower_ in state.discourse.words.act_nouns or any(c.named_by(token.lemma_) for c in state.coded)
            or is_noun(token) and (_is_trigger_word(state, token) or any(
                c.dep_ == "compound" and c.i == token.i - 1 and c.lower_ in state.discourse.words.act_nouns
                for c in token.children)))


def _is_trigger_word(state: ArticleState, token: Token) -> bool:
    return token.lower_ in state.trigger_words


def _own_people(target: Actor, own: set[str | None]) -> bool:
    """A target that is just the source's own nation ("Chinese consumers"): the content of
    a reaction, not whom it answers."""
    return target.country is not None and target.country in own and target.agent is None


def _answered(state: ArticleState, rule: TriggerRule, args: Arguments, sources: list[Actor],
              targets: list[Actor], s_index: int, actors: SentenceActors) -> list[Actor]:
    """A reaction's target when the sentence names none: an actor of the clause it
    reports ("warned that Chinese consumers might boycott Australian wine": Australia),
    else whoever did the act it answers ("denounced the veto": the one who vetoed;
    "welcomed the move", "he urged them")."""
    own = {s.country for s in sources}
    if any(t.political and not _own_people(t, own) for t in targets):
        return targets
    if rule.code[:2] in HOSTILE_REACTION_ROOTS:
        # "Iran, which backs the Houthis, condemned the attacks": not the ones it backs
        own |= {a.country for a in _backed_by_source(args, actors) if a.country}
    at = sources[0].end
    home = state.discourse.home
    if home and home not in own and any(t.kind == "agent" and not t.country and t.agent == "GOV" for t in targets):
        # "the United States called on the authorities to respect ...": a government the
        # story leaves unnamed, addressed from abroad, is the government of the story's country
        return [Actor(home, home, "GOV", "agent+country", at, at)]
    content = _content_actors(args, actors, own, subject_only=rule.report,
                              sources=sources if state.discourse.domestic else (),
                              personal=any(is_person_like(s, state.discourse.words) for s in sources))
    if content:
        return content
    doers = _doers_of_objects(args, actors, own)
    if doers:
        return doers  # "condemned as unacceptable the remarks by Peru", "rejected Iran's proposal"
    alongside = _aimed_alongside(state, rule, own, s_index, at)
    if alongside:
        return alongside
    if args.answered is not None:
        lemma = args.answered.lemma_
        generic = lemma in GENERIC_ACT_NOUNS or args.answered.lower_ in GENERIC_ACT_NOUNS
        summed_up = _doer_summed_up(state, args.answered, own, at) if generic else []
        if summed_up:
            return summed_up
        # "condemned the move", "such actions": a judgement of the act that leads the story
        order = state.coded if generic and rule.code[:2] in JUDGING_ROOTS else reversed(state.coded)
        for c in order:
            if c.named_by(lemma) or generic and (c.code[:2] not in REACTION_ROOTS
                                                 or c.code[:3] in ACTS_AMONG_REACTIONS):
                # "Modi congratulated Dissanayake ... China also sent its congratulations":
                # the same act again is aimed where the one before was, not at its doer
                again = c.named_by(lemma) and c.code[:2] == rule.code[:2]
                for cand in ((c.target,) if again else (c.source, c.target)):
                    if cand is not None and cand.political and cand.country not in own:
                        return [replace(cand, start=at, end=at)]
        # (a statement announcing an act is no answer to it: "Trump announced the operation")
        roots = frozenset() if rule.report else state.discourse.words.act_noun_roots.get(
            args.answered.lower_, frozenset())
        force = bool(roots & FORCE_ROOTS)
        for c in (state.coded if force and rule.code[:2] in JUDGING_ROOTS else reversed(state.coded)) if roots else ():
            # "Israel rejected the appeal": the last appeal coded, by whoever made it;
            # "condemned the attack": the attack the story leads with
            if c.code[:2] in roots and c.source is not None and c.source.political and (
                    c.source.country not in own or _other_part(state, c.source, sources)):
                return [replace(c.source, start=at, end=at)]
    wanted = args.answered if args.answered is not None else _asked_for(args, rule)
    if wanted is not None:
        for prep, noun in prepositional_objects(wanted):
            # "demanded an immediate ceasefire in Gaza", "called for a ceasefire in Lebanon":
            # where the act answered or asked for is to be
            found = [a for a in actors.of_phrase(noun) if a.political and a.country not in own] \
                if prep in ANSWERED_PLACE_PREPS else []
            if found:
                return [replace(a, start=at, end=at) for a in found]
        held_by = _holder_of_people(wanted, actors, own)
        if held_by:
            return [replace(a, start=at, end=at) for a in held_by]
    said = _content_actors(args, actors, own, saying=True)
    if said:
        return said  # ("criticised the move, saying Washington was abusing ...": an answer the story has not told)
    if rule.report:
        return targets  # a bare statement answers no earlier act unless it names one
    discourse = state.discourse
    if args.answered is not None and discourse.domestic and discourse.home not in own:
        # "condemned the violence" in a story about one country: that country's
        return [Actor(discourse.home, discourse.home, None, "country", at, at)]
    return (_accuser(state, sources) if rule.code[:3] == DENIAL_CODE else []) \
        or _answered_in_story(state, rule, args, own, at) or targets


def _backed_by_source(args: Arguments, actors: SentenceActors) -> list[Actor]:
    """The parties a relative clause on the reaction's subject says it backs ("Iran, which
    backs the Houthis, condemned ...")."""
    subject = subject_of(args.predicate or args.head)
    if subject is None:
        return []
    return [a for c in subject.children if c.dep_ == "relcl" and c.lemma_.lower() in BACKING_VERBS
            for o in objects_of(c) for a in actors.of_phrase(o)]


def _aimed_alongside(state: ArticleState, rule: TriggerRule, own: set[str | None], s_index: int,
                    at: int) -> list[Actor]:
    """"Ban Ki-moon urged both governments to exercise restraint, and the United States
    called for a ceasefire": a reaction naming no one, told beside one of its kind in the
    same sentence, is aimed where that one is."""
    found: list[Actor] = []
    for c in state.coded:
        if c.sentence == s_index and c.code[:2] == rule.code[:2] and c.target is not None \
                and c.target.political and c.target.country not in own \
                and all(f.country != c.target.country for f in found):
            found.append(replace(c.target, start=at, end=at))
    return found


def _answered_in_story(state: ArticleState, rule: TriggerRule, args: Arguments, own: set[str | None],
                       at: int) -> list[Actor]:
    """A reaction's target that only the story gives: whoever last used force on a
    threatening party; for an international body in a story about one country, that
    country; else the other party of the story's dyad, else the country of a story whose
    acts are all within it."""
    discourse = state.discourse
    if rule.code[:2] == THREAT_ROOT and args.answered is None:
        # "Iran fired missiles at Israel, and Israel vowed to respond": a threat answering
        # nothing named is aimed at whoever last used force on the one threatening
        for c in reversed(state.coded):
            if c.code[:2] in FORCE_ROOTS and c.target is not None and c.target.country in own \
                    and c.source is not None and c.source.political and c.source.country not in own:
                return [replace(c.source, start=at, end=at)]
    home = discourse.home
    if home and None in own and len(own) == 1 and discourse.domestic:
        # "The UN human rights office called for an inquiry", in a story about one country:
        # an international body's call is aimed at that country, not at the last pair told
        return [Actor(home, home, None, "country", at, at)]
    if rule.code[:2] == DISAPPROVE_ROOT:
        accused = _accused_in_story(state, own)
        if accused is not None:
            return [replace(accused, start=at, end=at)]
    previous = discourse.last_pair
    if rule.code[:2] in JUDGING_ROOTS and discourse.first_pair is not None:
        previous = discourse.first_pair
    if previous is not None:
        # (a state's party before an international body's: "the African Union suspended Burkina
        # Faso. Washington said it was deeply concerned" is concerned with Burkina Faso)
        for cand in sorted(previous, key=lambda a: a.country is None):
            if cand.country not in own and cand.political:
                return [replace(cand, start=at, end=at)]
    if previous is None and home and home not in own and any(
            c.source is not None and c.source.country == home for c in state.coded):
        # "the opposition accused the government of fraud. The United States called for an
        # investigation": an outsider's call in a story whose acts are all within one
        # country is aimed at that country
        return [Actor(home, home, None, "country", at, at)]
    return []


def _accused_in_story(state: ArticleState, own: set[str | None]) -> Actor | None:
    """The party the story's disapprovals have been aimed at, when at least two were and all
    at one country ("Germany summoned Russia's ambassador ... Merkel said only the Russian
    government could answer ... NATO condemned the poisoning": Russia)."""
    aimed = [c.target for c in state.coded if c.code[:2] == DISAPPROVE_ROOT and c.target is not None
             and c.target.political and c.source is not None and c.source.country != c.target.country]
    countries = {a.country for a in aimed}
    if len(aimed) < 2 or len(countries) != 1 or countries & own:
        return None
    return aimed[-1]


def _other_part(state: ArticleState, doer: Actor, sources: list[Actor]) -> bool:
    """In a story about one country, a doer of the same country in another role than the
    source ("the opposition hailed the court's ruling")."""
    same = [s for s in sources if s.country == doer.country]
    return state.discourse.domestic and doer.agent is not None and bool(same) and all(
        doer.agent != s.agent for s in same)


def _doer_summed_up(state: ArticleState, noun: Token, own: set[str | None], at: int) -> list[Actor]:
    """"Rwanda closed the border, a move Kinshasa criticised": the doer (else the one done
    to, if not the reactor's own) of the act the noun sums up."""
    verb = _summed_up_act(noun)
    for c in reversed(state.coded) if verb is not None else ():
        if c.named_by(verb.lemma_):
            return [replace(cand, start=at, end=at) for cand in (c.source, c.target)
                    if cand is not None and cand.political and cand.country not in own][:1]
    return []


def _summed_up_act(noun: Token) -> Token | None:
    """The verb of the clause a noun sums up in apposition ("closed two crossings, a move
    Kinshasa criticised")."""
    if noun.dep_ in ("npadvmod", "appos", "dobj") and is_verb(noun.head) and noun.head.i < noun.i \
            and any(c.dep_ == "punct" and c.text == "," and c.i < noun.i for c in noun.head.children) \
            and any(c.dep_ == "relcl" for c in noun.children):
        return noun.head
    return None


# Nouns that take up whatever act came before ("the move", "such actions").
# Prepositions by which an answered act names where, or with whom, it happens.
ANSWERED_PLACE_PREPS = _WORDS.words("answered_place_prepositions")
VENUE_PREPS = _WORDS.words("venue_prepositions")
GENERIC_ACT_NOUNS = _WORDS.words("generic_act_nouns")
BACKING_VERBS = _WORDS.words("backing_verbs")
# Reactions that are not aimed at one's own side: disapproval, rejection, threats.
HOSTILE_REACTION_ROOTS = frozenset({"11", "12", "13"})
BODY_ROLES = _WORDS.words("body_roles")
RELEASING_VERBS = _WORDS.words("releasing_verbs")
COMMANDING_VERBS = _WORDS.words("commanding_verbs")
SENDING_VERBS = _WORDS.words("sending_verbs")
PAIR_ROLE_NOUNS = _WORDS.words("pair_role_nouns")
CAUSE_NOUNS = _WORDS.words("cause_nouns")
# Sentences back within which the two people a plural role takes up must have been named.
PAIR_ROLE_REACH = 2
RESIDENCE_PARTICIPLES = _WORDS.words("residence_participles")
PARTNER_PREPS = _WORDS.words("partner_prepositions")
LEAVING_VERBS = _WORDS.words("leaving_verbs")
FOREIGN_MODIFIERS = _WORDS.words("foreign_modifiers")
REGIONAL_MODIFIERS = _WORDS.words("regional_modifiers")
LEADING_PARTICIPLES = _WORDS.words("leading_participles")
CLAIM_VERBS = _WORDS.words("claim_verbs")
# Expulsions of diplomats (166) and of other people (174).
EXPULSION_CODES = frozenset({"166", "174"})


def _doers_of_objects(args: Arguments, actors: SentenceActors, own: set[str | None]) -> list[Actor]:
    """The one whose act a reaction's object names: its possessor or "by"/"from" phrase
    ("the remarks by Peru", "Iran's proposal", "defying warnings from Beijing")."""
    verb = args.predicate or args.head
    nouns = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    nouns += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for n in nouns:
        found = doers_of(n, actors, own)
        if found:
            return found
    if args.answered is not None:
        # "defying warnings from Beijing": the parser may hang the act's "from" on the verb
        for prep, noun in prepositional_objects(verb):
            found = [a for a in actors.of_phrase(noun) if a.political and a.country not in own] \
                if prep in NOUN_SOURCE_PREPS else []
            if found:
                return found
    return []


def _content_actors(args: Arguments, actors: SentenceActors, own: set[str | None],
                    subject_only: bool = False, sources: list[Actor] = (), personal: bool = True,
                    saying: bool = False) -> list[Actor]:
    """The first political actor, not of the source's own country, in the clause a
    reaction reports ("warned that Chinese consumers might boycott Australian wine"); for
    a bare statement only the reported clause's subject ("said Maduro no longer had ...").
    `personal`: the source may be the "he" or "she" of the clause (a person speaking of
    themselves); if not, such a pronoun is whom it stands for. `saying`: the clause a
    participle of saying after the reaction reports instead ("criticised the move, saying
    Washington was abusing national security")."""
    verb = args.predicate or args.head
    clauses = [g for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"
               and c.lemma_.lower() in SAYING_PARTICIPLES for g in c.children] if saying else verb.children
    for c in clauses:
        if c.dep_ not in ("ccomp", "xcomp") and not (c.dep_ == "advcl" and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in c.children)):
            continue
        words = sorted(c.subtree, key=lambda t: t.i)
        if subject_only:
            subject = subject_of(c) if is_verb(c) else None
            words = sorted(subject.subtree, key=lambda t: t.i) if subject is not None else []
        for t in words:
            a = actors.at.get(actors.parsed.index(t))
            if a is None and not personal and t.lower_ in PERSONAL_PRONOUNS and t.dep_ in ("nsubj", "nsubjpass") \
                    and t.head.i == c.i:
                # "the lawmakers demanded that she apologise": whom the reported clause's pronoun
                # stands for, when it cannot be the speaker
                a = next(iter(actors.of_phrase(t)), None)
            if a is None or not a.political or a.kind == "group":
                continue
            if subject_only and _venue(t, subject):
                continue
            if a.country not in own or sources and a.agent and all(
                    a.agent != s.agent for s in sources if s.country == a.country):
                # another country; in a one-country story another part of the same one
                # ("the committee demanded that the government ...")
                return _with_coordinated_subjects(c, t, a, actors, own)
    return []


def _with_coordinated_subjects(clause: Token, token: Token, found: Actor, actors: SentenceActors,
                               own: set[str | None]) -> list[Actor]:
    """"demanded that Armenia and Azerbaijan hold talks": every party of the reported
    clause's coordinated subject, when the actor found is one of them."""
    subject = subject_of(clause) if is_verb(clause) else None
    if subject is None or token.i not in {t.i for t in subject.subtree}:
        return [found]
    parties = [p for p in actors.of_phrase(subject) if p.political and p.country not in own]
    # (a list of three or more: the story's pair would drown in their pairs)
    return parties if found in parties and len(parties) == 2 else [found]


# ------------------------------------------------------------------ places

def _venue(token: Token, top: Token) -> bool:
    """A place named as where something under `top` happens ("talks in South Africa"),
    not as a party to it."""
    for a in token.ancestors:
        if a.i == top.i:
            return False
        if a.dep_ == "prep" and a.lower_ in VENUE_PREPS:
            return True
    return False



def _place_in_sentence(state: ArticleState, sent: Span, trig: Trigger, parsed: bool = False) -> Actor | None:
    """The country where the act took place, when the sentence itself names the place;
    `parsed`: the place the parse attaches to the act, not the nearest by word order."""
    body = state.article.body
    parse = parses_of(sent.doc).get(sent.start) if parsed else None
    loc = places.event_location(body, state.scans.places, sent.start_char, sent.end_char,
                                trig.span.start_char, trig.span.end_char, state.scans.dateline_place,
                                parse=parse, code=trig.rule.code)
    if loc is not None and loc is state.scans.dateline_place:
        # the dateline's city names where the story was filed, not where the act was; the
        # sentence may still name a place of that country ("CARACAS - ... seized a tanker off
        # the coast of Venezuela": the location takes the city, the act the country)
        loc = next((p for p in state.scans.places if sent.start_char <= p.start < sent.end_char
                    and p.country == loc.country and p.name != loc.name), None)
    if loc is None or not loc.country or not sent.start_char <= loc.start < sent.end_char:
        return None
    return Actor(loc.name, loc.country, None, "place", trig.end, trig.end)


def _where_deployed(state: ArticleState, sent: Span, trig: Trigger, src: Actor) -> Actor | None:
    """The country of the place a posture act goes to, when not the source's own."""
    where = _place_in_sentence(state, sent, trig, parsed=True)
    return replace(where, agent=None) if where is not None and where.country != src.country else None


def _place_targets(state: ArticleState, sent: Span, trig: Trigger, rule: TriggerRule,
                   pairs: list[tuple[Actor | None, Actor | None]]) -> list[tuple[Actor | None, Actor | None]]:
    """Force used in a place is aimed at that place's country ("Israeli tank shelling in
    Gaza"); an armed group of no nationality is fought where it operates."""
    if rule.symmetric or not (rule.code[:2] in PLACE_TARGET_ROOTS or rule.place_target):
        return pairs
    if rule.code[:2] in PLACE_TARGET_ROOTS and any(t is not None and t.stateless_armed for _, t in pairs):
        where = _place_in_sentence(state, sent, trig)
        if where is not None:
            pairs = [(s, replace(t, country=where.country) if t is not None and t.stateless_armed
                      and s is not None and s.country is not None and s.country != where.country
                      else t) for s, t in pairs]
    if any(s is not None and t is not None and t.kind == "implied" and s.country == t.country for s, t in pairs):
        # "French jets dropped bombs on targets in Raqqa": a story's own country is the
        # implied target only where the sentence names no place abroad for the act
        where = _place_in_sentence(state, sent, trig, parsed=True)
        if where is not None:
            pairs = [(s, replace(where, agent=None) if t is not None and t.kind == "implied" and s is not None
                      and s.country == t.country and where.country != s.country else t) for s, t in pairs]
    if any(s is not None and s.political and not (t and t.political) for s, t in pairs):
        where = _place_in_sentence(state, sent, trig)
        if where is not None:
            pairs = [(s, t if t and t.political or s is None or s.country == where.country
                      and s.agent not in IRREGULAR_AGENTS
                      else replace(where, agent="GOV" if s.country == where.country else None))
                     for s, t in pairs]
    return pairs


def _code_repetition(state: ArticleState, sent: Span, s_index: int, parsed: Parsed, actors: SentenceActors,
                     trig: Trigger, head: Token) -> int:
    """'Canada, Brazil and Colombia followed suit': the last act coded, by these sources."""
    previous = next((c for c in reversed(state.coded) if c.code[:2] not in REACTION_ROOTS
                     or c.code[:3] in ACTS_AMONG_REACTIONS), None)
    subject = subject_of(head)
    sources = _expand_groups(state.discourse, actors.of_phrase(subject)) if subject is not None else []
    if previous is None or not sources:
        return 0
    modality = parsed_modality(head, trig.rule.modality)
    n = 0
    for src in sources:
        if previous.target is not None and src.identity == previous.target.identity:
            continue
        n += _emit(state, sent, s_index, trig, replace(trig.rule, code=previous.code, one_sided=True),
                   previous.code, src, previous.target, modality, head)
    return n


# ------------------------------------------------------------------ claims and obligations

def _code_claim(state: ArticleState, sent: Span, s_index: int, parsed: Parsed, actors: SentenceActors,
                trig: Trigger, head: Token, sources: list[Actor], targets: list[Actor],
                modality: str) -> int | None:
    """'X claimed that Y attacked Z': X accuses Y (112); 'X claimed that it attacked Z': X
    claims responsibility (015). The claimed act itself is not reported as fact. None when
    the act is not under a claim."""
    clause = head
    # up to the clause the claim verb takes, within what was claimed ("alleged that ... the
    # military helped to plan and carry out killings", "contributed to planning the massacres")
    while clause.dep_ not in ("ccomp", "relcl", "advcl", "acl", "ROOT") and clause.head.i != clause.i:
        clause = clause.head
    if not (clause.dep_ == "ccomp" and clause.head.lemma_ in CLAIM_VERBS):
        return None
    claimer = subject_of(clause.head)
    claimants = [a for a in (actors.of_phrase(claimer) if claimer is not None else []) if a.political]
    if not claimants:
        return 0
    src = claimants[0]
    own = any(s.country == src.country and s.name == src.name or s.start == head.i for s in sources) \
        or any(t.lower_ in ("they", "it", "we") for t in clause.children if t.dep_ == "nsubj")
    if own:
        code, tgt = "015", next((t for t in targets if t.political), None)
    elif sources:
        code, tgt = "112", sources[0]
    else:
        return 0
    if tgt is not None and tgt.country == src.country and tgt.country is not None:
        return 0
    return int(_record(state, sent, s_index, trig, code, src, tgt, modality))


def _code_obligation(state: ArticleState, sent: Span, s_index: int, parsed: Parsed, actors: SentenceActors,
                     trig: Trigger, modal: Token) -> int:
    """'X said (that) Y must ...': X demands it of Y (or appeals, for 'should'); 'X said Y
    would pay for it': X threatens Y."""
    rule = trig.rule
    verb = modal.head if modal.dep_ == "aux" else modal
    subject = subject_of(verb)
    subjects = [a for a in (actors.of_phrase(subject) if subject is not None else []) if a.political]
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "said Iran had made a mistake and would pay for it"
    report = verb.head if verb.dep_ == "ccomp" else next(
        (c for c in verb.children if c.dep_ in ("parataxis", "ccomp") and c.lemma_ in rule.reported_by), None)
    if not subjects or report is None or report.lemma_ not in rule.reported_by:
        return 0
    speaker_tok = subject_of(report)
    speakers = [a for a in (actors.of_phrase(speaker_tok) if speaker_tok is not None else []) if a.political]
    if not speakers:
        return 0
    speaker = speakers[0]
    # "Spain should have foreseen the reaction": what ought to have been done is a reproach
    code = REPROACH_CODE if any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children) \
        and verb.tag_ == "VBN" and rule.code[:2] == APPEAL_ROOT else rule.code
    n = 0
    # "said Serbia and Kosovo must resume the dialogue": of each (not of each of a list of
    # three or more, whose pairs would drown the story's pair)
    for target in at_most_a_pair(subjects):
        if speaker.country == target.country and speaker.country is not None:
            continue
        key = (trig.start, rule.code[:2], speaker.country, target.country)
        if key in state.seen:
            continue
        state.seen.add(key)
        state.out.append(make_mention(state.article, sent, s_index, trig, code, speaker, target, "asserted",
                                      state.scans, state.version))
        n += 1
    return n
