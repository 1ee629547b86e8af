"""Article in, EventMention records out: triggers + arguments + modality + date + place.

Offsets on the records are character offsets into `article.body`.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Iterable, Iterator

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors import actor_codes, dictionaries, span_values
from extractors.article import parse_article
from extractors.arguments import PREPOSITIONS, Actor, Context, Words, claim_complement, find_arguments
from extractors.coding import code_facts, intent_code
from extractors.modality import detect_modality, is_speculative
from extractors.pipeline import get_nlp
from extractors.triggers import DETERMINERS, RuleError, TriggerRule, reads_as_noun, yaml_error_message
from extractors.version import extractor_version
from schemas.records import EventMention, ParsedArticle, event_id_for, mention_id_for

from extractors import dates, places

# Agent types of armed groups outside the state: their violence is CAMEO 18x, not 19x.
IRREGULAR_AGENTS = frozenset({"REB", "INS", "TER", "UAF", "SEP"})
ARTICLE_FOCUS_MIN = 1
# Protest and coercion (arrests, curfews) are mostly acts within one country.
DOMESTIC_ROOTS = frozenset({"14", "17"})
# Role words that, unqualified, usually mean the dateline country's own people.
DOMESTIC_AGENTS = frozenset({"MIL", "COP", "OPP", "REB", "CVL", "JUD", "LEG", "PTY"})
# Of those, the ones who act where they live: soldiers and rebels are often abroad, or
# of no country (guidelines), so the place a sentence names says nothing of theirs.
HOME_BOUND_AGENTS = DOMESTIC_AGENTS - {"MIL", "REB"}
# Statements, appeals, praise, demands, disapproval, rejection, threats: often aimed at
# the actor of the event reported just before ("denounced it", "welcomed the move").
REACTION_ROOTS = frozenset({"01", "02", "05", "10", "11", "12", "13"})
# Reactions that judge an act (praise, disapproval, threats): aimed at the article's lead act.
JUDGING_ROOTS = frozenset({"05", "11", "13"})
# Codes under a reaction root that are acts in their own right, not reactions to another
# act: recognising a government (054) and signing an agreement (057) can be the act that
# later praise or criticism ("welcomed the agreement") is about.
ACTS_AMONG_REACTIONS = frozenset({"054", "057"})
# Force and violence: reported through "X claimed that ...", the claim is the event.
CLAIMED_ROOTS = frozenset({"18", "19", "20"})
# Pronouns that, as the subject of a claimed act, name the claimant itself ("claimed
# that they had attacked"): a claim of responsibility.
SELF_PRONOUNS = frozenset({"they", "it", "we", "he", "she", "i"})
# Acts a source may do with no target named: coded one-sided (target null, lower confidence).
ONE_SIDED_ROOTS = frozenset({"01", "09", "12", "14", "15"})
# A country named by itself ("Nigeria", "Abuja") acts as its state: against its own armed
# rebels ("Nigeria attacked Nigerian rebels") it acts on another part of it. (Not against
# its people or opposition: a bare country name there is mostly where it happened.)
STATE_KINDS = frozenset({"country", "capital", "metonym"})
# Acts of a state that an armed group of no stated nationality is the target of as such
# ("accused Darfur rebels", "arrested militants"); for force the place of the fighting
# names the country (see PLACE_TARGET_ROOTS), and other acts rarely aim at such groups.
STATELESS_TARGET_ROOTS = frozenset({"11", "17"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger span with its rule."""
    start: int
    end: int
    rule: TriggerRule
    span: Span


# Extension values are read where spaCy keeps them (see extractors.span_values): ~34k
# `span._` reads per 600 articles cost ~0.06 ms an article.
def _read_triggers(doc: Doc, spans: list[Span]) -> list[Trigger]:
    data = doc.user_data
    return [Trigger(span.start, span.end, data.get(span_values.key("rule", span.start_char, span.end_char)), span)
            for span in spans]


def _read_actors(doc: Doc, body: str, published: date, rules_dirs: tuple[str, ...]
                 ) -> list[tuple[Actor, str | None]]:
    """Each actor span of `doc` (the Doc of `body`) as an Actor, with the dictionary name
    of its person (None for other kinds).

    A person named without a country takes the country and agent of the role they held
    on the publication date, or of their nearest role period outside every role.
    """
    out = []
    data = doc.user_data
    for span in doc.spans.get("actors", []):
        s, e = span.start_char, span.end_char
        country = data.get(span_values.key("country", s, e))
        agent = data.get(span_values.key("agent", s, e))
        kind = data.get(span_values.key("kind", s, e))
        person = data.get(span_values.key("person", s, e)) if kind == "person" else None
        if person and span.label_ != "person+country":
            role = dictionaries.nearest_role(person, published, rules_dirs)
            if role is not None and role.iso3:
                country = role.iso3
                agent = role.agent or agent
        # the body's slice is the span's text (Span.text joins its tokens)
        out.append((Actor(body[s:e], country, agent, kind, span.start, span.end), person))
    return out


def dateline_country(nlp: Language, dateline: str | None) -> str | None:
    """The country of the dateline ("ISLAMABAD", "ANKARA, Turkey"), read with the actor recognizer."""
    if not dateline:
        return None
    key = (id(nlp), dateline)
    if key in _DATELINE_CACHE:
        return _DATELINE_CACHE[key]
    if len(_DATELINE_CACHE) > 10_000:
        _DATELINE_CACHE.clear()
    _DATELINE_CACHE[key] = _dateline_country(nlp, dateline)
    return _DATELINE_CACHE[key]


_DATELINE_CACHE: dict[tuple[int, str], str | None] = {}


def _dateline_country(nlp: Language, dateline: str) -> str | None:
    doc = nlp(dateline)
    for span in doc.spans.get("actors", []):
        if span._.country:
            return span._.country
    place = places.resolve_dateline(dateline)  # a city that is not a capital: the gazetteer knows it
    return place.country if place else None


def _focus_country(counts: dict[str, int], home: str | None) -> str | None:
    """Whose 'soldiers', 'junta', 'protesters' an unqualified role word means: the dateline's
    country once the article has named it."""
    if home and counts.get(home, 0) >= ARTICLE_FOCUS_MIN:
        return home
    return None


# Acts whose noun, as the object of an agreement verb, names what was agreed.
AGREED_ACT_ROOTS = frozenset({"04", "05", "06", "07", "08"})
# Prepositions that make an event noun background ("blamed Moscow for the attack",
# "in retaliation for", "since the war") rather than the event being reported.
BACKGROUND_PREPS = frozenset({"for", "of", "over", "after", "since", "about", "despite", "amid",
                              "following", "before", "during", "like", "than", "under"})
NOUN_AFTER_VERB_WINDOW = 6
INFINITIVE_WINDOW = 8
# A second trigger of the same root this close after the first, with no actor between,
# names the same act ("condemned ... as unjustified", "accused ... of allegations").
SAME_ACT_WINDOW = 6


def _verb_after_subject(w: Words, k: int, actor_ends: frozenset[int]) -> bool:
    """An inflected verb right after an actor ("Thousands of Americans staged rallies"):
    the noun after it is its object, whatever preposition comes before the actor."""
    low = w.lower[k]
    return k in actor_ends and w.is_lower[k] and low.endswith("ed") and w.lemma[k] != low


def _agrees_a_reciprocal_act(w: Words, verb: Trigger, trigs: list[Trigger]) -> bool:
    """An agreement verb whose direct object is a reciprocal act's noun ("agreed a
    humanitarian ceasefire"; not "agreed in a phone call")."""
    if not (verb.rule.code.startswith("03") and verb.rule.pos == "verb"):
        return False
    lower = w.lower
    for o in trigs:
        if not (o.rule.symmetric and o.rule.code[:2] in AGREED_ACT_ROOTS and 0 < o.start - verb.end <= 3):
            continue
        noun = o.rule.pos == "noun" or o.rule.pos == "any" and w.looks_nominal(o.start)
        if noun and all(lower[k] in DETERMINERS or w.is_lower[k] and w.is_alpha[k] and lower[k] not in PREPOSITIONS
                        for k in range(verb.end, o.start)):
            return True
    return False


def select_triggers(w: Words, trigs: list[Trigger], sent_start: int, actor_starts: list[int],
                    actor_ends: frozenset[int] = frozenset()
                    ) -> tuple[list[Trigger], list[tuple[Trigger, list[int]]], dict[int, str]]:
    """The triggers of one sentence that report events, the event nouns deferred to the
    verb triggers before them, and the intention codes replacing an act's own code.

    Speech verbs yield to any other trigger; an event noun yields to a verb trigger just
    before it ("denounced the veto", "sparked protests") and is dropped as background
    after a preposition such as "for" or "since". `actor_starts`, `actor_ends`: where the
    sentence's actor spans start and end.
    """
    # "X said Y must ...": a modal of obligation is an event only after an actor
    trigs = [t for t in trigs if not t.rule.reported_by or t.start in actor_ends]
    # Generated (low-confidence) rules only fill sentences the hand-written rules miss.
    core = [t for t in trigs if not t.rule.fallback]
    trigs = core or trigs
    non_report = [t for t in trigs if not t.rule.report]
    if not non_report:
        return trigs[:1], [], {}
    lower, text = w.lower, w.text
    chosen = []
    deferred = []  # (event noun, starts of the verb triggers it yielded to)
    intended: dict[int, str] = {}  # trigger start -> intention code replacing its own
    starts = {t.start: t for t in non_report}
    # "pledged to expel", "agreed to lift": the act carries the code, not the intent.
    intents = {t.start for t in non_report
               if t.rule.code.startswith("03") and t.end + 1 < w.n and lower[t.end] == "to"
               and (t.end + 1 in starts or t.end + 2 in starts)}
    # "agreed a ceasefire", as "agreed to a ceasefire": the agreed reciprocal act carries the code
    intents |= {t.start for t in non_report if _agrees_a_reciprocal_act(w, t, non_report)}
    # "wants to attack", "plans to visit": one event, the intention of the act
    for t in non_report:
        if t.rule.intent_of and t.start not in intents:
            inner = starts.get(t.end) or starts.get(t.end + 1)
            if inner is not None and not inner.rule.report:
                intents.add(t.start)
                intended[inner.start] = intent_code(inner.rule.code)
    governing = [t for t in non_report if t.start not in intents]
    prev_end = {t.end: t for t in non_report}
    for t in non_report:
        if t.start in intents:
            continue
        rule = t.rule
        before = prev_end.get(t.start)
        if before is not None and before.rule.code[:2] == rule.code[:2] and reads_as_noun(w.doc, t.start):
            continue  # "mortar bomb", "protest march": one act named by a compound noun
        # (the test over the other triggers first: it is pure, and mostly false at once)
        if rule.pos == "verb" and any(
                not o.rule.report and o.rule.pos != "noun" and o.end <= t.start
                and t.start - o.end <= 3
                and all(w.is_lower[k] and w.is_alpha[k] for k in range(o.end, t.start))
                for o in non_report if o is not t) and reads_as_noun(w.doc, t.start):
            continue  # "offering further military support": the object of the verb before it
        # "urged Russia to stop attacking", "met ... to discuss": an infinitive after another
        # trigger is that act's content or purpose, not an event of its own.
        if t.start > 0 and lower[t.start - 1] == "to" and any(
                o.end <= t.start - 1 and t.start - o.end <= INFINITIVE_WINDOW for o in governing):
            continue
        nominal = rule.pos == "noun" or rule.pos != "verb" and reads_as_noun(w.doc, t.start)
        if nominal:
            k = t.start - 1
            # walk back over the noun's modifiers ("a four-day", "the emergency")
            while k >= sent_start and k >= t.start - 5 and not _verb_after_subject(w, k, actor_ends) and (
                    lower[k] in DETERMINERS or text[k] == "-" or w.is_digit[k]
                    or w.is_title[k] and k > sent_start  # "a suspected Israeli air strike"
                    or w.is_lower[k] and lower[k] not in BACKGROUND_PREPS and lower[k] != "to"
                    and not w.is_punct[k]):
                k -= 1
            if k >= sent_start and lower[k] in BACKGROUND_PREPS:
                continue
            if k > sent_start and lower[k] == "to" and lower[k + 1] in DETERMINERS \
                    and k not in prev_end and not any(o.end == k for o in trigs):
                continue  # "every pathway to a bomb", "a threat to the truce": not the act itself
            governors = [o.start for o in non_report
                         if o is not t and not o.rule.report and o.end <= t.start
                         and t.start - o.end <= NOUN_AFTER_VERB_WINDOW
                         and not (o.rule.pos == "noun" or w.looks_nominal(o.start))]
            if governors:
                deferred.append((t, governors))
                continue
        if rule.pos != "verb" and not lower[t.start].endswith(("ed", "ing")) and any(
               o.rule.code[:2] == rule.code[:2] and 0 <= t.start - o.end <= SAME_ACT_WINDOW
               and not any(o.end <= a < t.start for a in actor_starts) for o in chosen):
            continue  # "condemned as unacceptable allegations": one act of disapproval
        chosen.append(t)
    return chosen, deferred, intended


def names_introduced(w: Words, actors: list[tuple[Actor, str | None]]) -> dict[str, tuple[str, str | None]]:
    """Surnames of people the article introduces by role: "India's Foreign Secretary Vikram
    Misri" makes a later "Misri" an Indian official. `actors`: the article's actors with
    the dictionary names of their persons. Returns {surname: (country, agent)}."""
    named: dict[str, tuple[str, str | None]] = {}
    covered = {i for a, _ in actors for i in range(a.start, a.end)}
    text = w.text
    for a, person in actors:
        if a.kind not in ("agent+country", "person") or not a.country:
            continue
        if a.kind == "person" and person:
            # a known person's own name: "Kim Jong Un" -> "Kim", "Barack Obama" -> "Obama"
            words = person.split()
            for word in {words[-1], words[0] if len(words) >= 3 else words[-1]}:
                if len(word) > 2 and word[0].isupper():
                    named.setdefault(word, (a.country, a.agent))
        i = a.end
        if i < w.n and text[i] == ",":
            i += 1
        j = i
        while j < w.n and j - i < 4 and w.is_title[j] and w.is_alpha[j] and j not in covered:
            j += 1
        if j - i >= 2 or (j - i == 1 and a.kind == "person"):
            # the surname, and for a full name the given name too: many are referred to
            # by it ("Ethiopian Prime Minister Abiy Ahmed" ... "Abiy")
            for name in ({text[j - 1], text[i]} if j - i >= 2 else {text[j - 1]}):
                if name not in named and len(name) > 2:
                    named[name] = (a.country, a.agent)
    return named


def _with_named_people(w: Words, named_at: list[int], sent_start: int, sent_end: int,
                       actors: list[Actor], named: dict[str, tuple[str, str | None]]) -> list[Actor]:
    """`actors` with the introduced people named in the sentence. `named_at`: the sorted
    positions of the Doc's words that are keys of `named` (found in one pass per Doc, not
    a dictionary look-up per word per sentence)."""
    here = named_at[bisect_left(named_at, sent_start):bisect_left(named_at, sent_end)]
    if not here:
        return actors
    taken = {i for a in actors for i in range(a.start, a.end)}
    text = w.text
    extra = [Actor(text[i], *named[text[i]], "person", i, i + 1) for i in here if i not in taken]
    if not extra:
        return actors
    return sorted(actors + extra, key=lambda a: a.start)


# Force acts (posture, assault, fighting, mass violence) whose target may be the place.
PLACE_TARGET_ROOTS = frozenset({"15", "18", "19", "20"})


def _can_be_target(tgt: Actor, src: Actor, rule: TriggerRule) -> bool:
    """A political actor; or an armed group of no stated nationality, for a state's
    accusations and coercion ("accused Darfur rebels", "arrested militants")."""
    return tgt.political or (tgt.agent in IRREGULAR_AGENTS and src.political
                             and rule.code[:2] in STATELESS_TARGET_ROOTS)


def _stateless_armed(actor: Actor) -> bool:
    """An armed group named with no country ("Islamic State", "militants")."""
    return actor.country is None and actor.agent in IRREGULAR_AGENTS


def _place_in_sentence(body: str, place_list, sent: Span, trig: Trigger, dateline_place) -> Actor | None:
    """The country where the act took place, when the sentence itself names the place."""
    loc = places.event_location(body, place_list, sent.start_char, sent.end_char,
                                trig.span.start_char, trig.span.end_char, dateline_place)
    if loc is None or not loc.country or not sent.start_char <= loc.start < sent.end_char:
        return None
    return Actor(loc.name, loc.country, None, "place", trig.end, trig.end)


class _ArticleScans:
    """The article's temporal expressions and places, found on first use: half of all
    news articles yield no event, and scanning them for dates and places would cost
    ~0.6 ms each for nothing."""

    def __init__(self, article: ParsedArticle, rules_dirs: tuple[str, ...] = ()):
        self.article = article
        self.rules_dirs = rules_dirs
        # temporal words of a user's rules folder (the date scanner takes one extra folder)
        self.temporal_rules = rules_dirs[0] if rules_dirs else None

    @cached_property
    def expressions(self) -> list:
        return dates.find_temporal_expressions(self.article.body, self.article.published_date,
                                               rules_dir=self.temporal_rules)

    @cached_property
    def places(self) -> list:
        a = self.article
        return places.find_places(a.body, a.published_date, a.dateline)

    @cached_property
    def dateline_place(self):
        return places.resolve_dateline(self.article.dateline) if self.article.dateline else None


def events_from_doc(doc: Doc, article: ParsedArticle, rules_dirs: tuple[str, ...] = (),
                    home: str | None = None) -> list[EventMention]:
    published = article.published_date
    body = article.body
    w = Words(doc)
    doc_actors = _read_actors(doc, body, published, rules_dirs)
    version = extractor_version(rules_dirs[0] if rules_dirs else None)
    scans = _ArticleScans(article, rules_dirs)

    sents = list(doc.sents)
    sent_starts = [sent.start for sent in sents]
    triggers_by_sent: dict[int, list[Span]] = {}
    si = 0
    for span in doc.spans.get("triggers", []):  # both sorted by position
        while si + 1 < len(sents) and sent_starts[si + 1] <= span.start:
            si += 1
        triggers_by_sent.setdefault(sent_starts[si], []).append(span)

    context = Context(countries=[], last_sources=[])
    counts: dict[str, int] = {}
    out: list[EventMention] = []
    seen: set[tuple] = set()
    ai = 0
    named = names_introduced(w, doc_actors)
    named_at = [i for i, word in enumerate(w.text) if word in named] if named else []

    sentence_sources: dict[int, list[Actor]] = {}
    code_override: dict[int, str] = {}  # "wants to attack": the intention's code

    def code_trigger(trig: Trigger, sent: Span, s_index: int, actors: list[Actor]) -> int:
        """Events for one trigger (appended to `out`); returns how many."""
        rule = trig.rule
        s_start, s_end = sent.start, sent.end
        if rule.reported_by:
            return code_obligation(trig, sent, s_index, actors)
        # The cheap tests that drop the trigger come before the argument search, which
        # reads `context` and changes nothing.
        if is_speculative(w, trig.start, s_start):
            return 0  # "could set a precedent", "might boycott": conjecture, not an event
        modality = detect_modality(w, trig.start, trig.end, s_start, s_end, rule.modality)
        if rule.report and modality == "negated":
            return 0  # a bare speech act counts only if made
        pairs = find_arguments(w, s_start, s_end, trig.start, trig.end, actors, context,
                               rule.symmetric, rule.target_preps,
                               reaction=rule.code[:2] in REACTION_ROOTS and not rule.symmetric,
                               nominal=rule.pos == "noun" or w.looks_nominal(trig.start),
                               shared_sources=sentence_sources.get(s_start),
                               object_is_topic=rule.object_is_topic,
                               reaction_to_lead=rule.code[:2] in JUDGING_ROOTS,
                               may_be_noun=rule.pos != "verb")
        if rule.code[:2] in CLAIMED_ROOTS:
            that = claim_complement(w, trig.start, s_start)
            if that is not None:
                return code_claim(trig, sent, s_index, actors, pairs, that, modality)
        if rule.self_target:
            # "declared martial law", "imposed a curfew": done to the actor's own country
            pairs = [(a, b if b is not None and b.political else a) for a, b in pairs]
        if rule.report:
            # ... and only between two different actors
            pairs = [(a, b) for a, b in pairs if a and b and a.country != b.country]
        if rule.code[:2] in PLACE_TARGET_ROOTS and not rule.symmetric and any(
                t is not None and _stateless_armed(t) for _, t in pairs):
            # "an air strike against an Islamic State target southwest of Baghdad": an armed
            # group of no stated nationality is fought in the country where it operates
            # (guidelines: that country or null); by a foreign force only, so a state fighting
            # rebels at home stays coded as before
            where = _place_in_sentence(article.body, scans.places, sent, trig, scans.dateline_place)
            if where is not None:
                pairs = [(s, replace(t, country=where.country) if t is not None and _stateless_armed(t)
                          and s is not None and s.country is not None and s.country != where.country
                          else t) for s, t in pairs]
        if (rule.code[:2] in PLACE_TARGET_ROOTS or rule.place_target) and not rule.symmetric and any(
                s is not None and s.political and not (t and t.political) for s, t in pairs):
            # "Israeli tank shelling in Gaza", "exercises in Alaska": force used or shown in
            # another country's territory is aimed at that country
            where = _place_in_sentence(article.body, scans.places, sent, trig, scans.dateline_place)
            if where is not None:
                # rebels fighting in their own country fight its state
                pairs = [(s, t if t and t.political or s is None or s.country == where.country
                          and s.agent not in IRREGULAR_AGENTS
                          else replace(where, start=trig.end, end=trig.end,
                                       agent="GOV" if s.country == where.country else None))
                         for s, t in pairs]
        if len([p for p in pairs if p[1] is None]) > 1:
            pairs = [p for p in pairs if p[1] is not None] or pairs[:1]
        n = 0
        for src, tgt in pairs:
            # Both sides must be named, except for acts that often have no target
            # (statements, appeals, force posture, fighting an unnamed enemy).
            if not (src and (src.political or src.agent in IRREGULAR_AGENTS)):
                continue  # an armed group of no stated nationality is an actor (country null)
            if rule.one_sided and tgt is not None and tgt.country == src.country and src.country is not None:
                tgt = None  # "withdrew its troops": one's own forces are what is moved, no target
            if not (tgt and _can_be_target(tgt, src, rule)):
                if not (rule.code[:2] in ONE_SIDED_ROOTS or rule.one_sided) or rule.report:
                    continue
                if rule.one_sided and trig.start > s_start and w.lower[trig.start - 1] == "to":
                    continue  # "incentives for separatists to disarm": wanted, not done
                tgt = None  # "fired on protesters": a target with no country is no actor
            if tgt is not None and src.country == tgt.country and src.country is not None and not (
                    rule.self_target or rule.code[:2] in DOMESTIC_ROOTS
                    or src.agent and tgt.agent and src.agent != tgt.agent
                    or src.agent in IRREGULAR_AGENTS and tgt.agent is None and tgt.kind in ("country", "place")
                    or src.agent is None and src.kind in STATE_KINDS and tgt.agent in IRREGULAR_AGENTS):
                # A country acting on itself is news only between different parts of it
                # (army and protesters, government and rebels) or for domestic acts.
                continue
            code = rule.code
            if rule.irregular_code and src is not None and src.agent in IRREGULAR_AGENTS:
                code = rule.irregular_code
            code = code_override.get(trig.start, code)
            key = (trig.start, code[:2], src.country, tgt.country if tgt else None)
            if key in seen:
                continue
            seen.add(key)
            n += 1
            out.append(_mention(article, sent, s_index, trig, code, src, tgt, modality, scans, version))
        full = [p for p in pairs if p[0] and p[1] and p[0].political and p[1].political]
        if full:
            context.last_pair = full[0]
            if rule.code[:2] not in REACTION_ROOTS or rule.code[:3] in ACTS_AMONG_REACTIONS and n:
                context.last_act_pair = full[0]
                if context.first_act_pair is None:
                    context.first_act_pair = full[0]
        srcs = [p[0] for p in pairs if p[0] is not None and p[0].political]
        if srcs:
            context.last_sources = list(dict.fromkeys(srcs))
            sentence_sources[sent.start] = context.last_sources
        return n

    def code_obligation(trig: Trigger, sent: Span, s_index: int, actors: list[Actor]) -> int:
        """'X said (that) Y must ...': X demands it of Y. The modal's subject is the actor
        right before it; the speaker, the last political actor before the reporting verb."""
        rule = trig.rule
        subject = next((a for a in actors if a.end == trig.start and a.political), None)
        if subject is None:
            return 0
        lemma = w.lemma
        verb = next((k for k in range(subject.start - 1, max(sent.start, subject.start - 6) - 1, -1)
                     if lemma[k] in rule.reported_by), None)
        if verb is not None:
            speaker = next((a for a in reversed(actors) if a.end <= verb and a.political), None)
        else:
            # "Iran must free the sailors, Britain said": the reporting clause comes after
            speaker = next((a for a in actors if a.start > trig.end and a.political and a.end < sent.end
                            and lemma[a.end] in rule.reported_by and w.text[a.start - 1] == ","), None)
        if speaker is None or speaker.country == subject.country and speaker.country is not None:
            return 0
        key = (trig.start, rule.code[:2], speaker.country, subject.country)
        if key in seen:
            return 0
        seen.add(key)
        out.append(_mention(article, sent, s_index, trig, rule.code, speaker, subject, "asserted", scans, version))
        context.last_sources = [speaker]
        return 1

    def code_claim(trig: Trigger, sent: Span, s_index: int, actors: list[Actor],
                   pairs: list[tuple[Actor | None, Actor | None]], that: int, modality: str) -> int:
        """'X claimed that Y attacked Z': X accuses Y (112); 'X claimed that they/it
        attacked Z': X claims responsibility for the act on Z (015). The claimed act itself
        is not reported as fact, so it is not coded."""
        claimant = [a for a in actors if a.end <= that - 1 and a.political]
        if not claimant:
            return 0
        src = claimant[-1]
        between = [a for a in actors if that < a.start and a.end <= trig.start]
        own_act = not between and any(w.lower[k] in SELF_PRONOUNS for k in range(that + 1, trig.start))
        if between:
            # the accused: the claimed act's agent, even an armed group of no country
            code, tgt = "112", between[0]
        elif own_act:
            code, tgt = "015", next((t for _, t in pairs if t is not None and t.political), None)
        else:
            return 0
        if tgt is not None and tgt.country == src.country and tgt.country is not None:
            return 0
        key = (trig.start, code[:2], src.country, tgt.country if tgt else None)
        if key in seen:
            return 0
        seen.add(key)
        out.append(_mention(article, sent, s_index, trig, code, src, tgt, modality, scans, version))
        context.last_sources = [src]
        return 1

    for s_index, sent in enumerate(sents):
        s_start, s_end = sent.start, sent.end
        sent_actors = []
        while ai < len(doc_actors) and doc_actors[ai][0].start < s_end:
            if doc_actors[ai][0].start >= s_start:
                sent_actors.append(doc_actors[ai][0])
            ai += 1
        trigs = triggers_by_sent.get(s_start, [])
        focus, place = _focus_country(counts, home), None
        if focus is None and home is None and trigs and any(
                a.country is None and a.kind == "agent" and a.agent in HOME_BOUND_AGENTS for a in sent_actors):
            # With no dateline there is no article focus: "police", "protesters" take the
            # country of the one country the sentence's places lie in (CASE 2021: events
            # detected 22% -> 30%; dev, which has datelines, unchanged).
            # The sentence alone is scanned: the whole article's scan costs ~1 ms, wasted
            # when no event follows.
            where = {p.country for p in places.find_places(sent.text, published) if p.country}
            focus = place = where.pop() if len(where) == 1 else None
        # "the junta", "soldiers": the country the article is about
        actors = [replace(a, country=focus) if focus is not None and a.country is None
                  and a.kind == "agent" and a.agent in (DOMESTIC_AGENTS if place is None else HOME_BOUND_AGENTS)
                  else a for a in sent_actors]
        if named_at:
            actors = _with_named_people(w, named_at, s_start, s_end, actors, named)
        # A sentence with no possible source (no political or armed actor, no pair reference,
        # nothing to inherit) cannot yield an event: skip the argument search.
        can_act = context.last_sources or any(
            a.political or a.agent in IRREGULAR_AGENTS or a.kind == "group" for a in actors)
        if trigs and can_act:
            chosen, deferred, intended = select_triggers(w, _read_triggers(doc, trigs), s_start,
                                                         [a.start for a in sent_actors],
                                                         frozenset(a.end for a in sent_actors))
            code_override.update(intended)
            emitted = {trig.start: code_trigger(trig, sent, s_index, actors) for trig in chosen}
            for noun, governors in deferred:
                # "were killed in Israeli tank shelling": the noun carries the event when the
                # verb before it found no actors of its own
                if not any(emitted.get(g, 0) for g in governors):
                    code_trigger(noun, sent, s_index, actors)
        for a in actors:
            if a.country and a.kind != "group":
                context.countries.append(a)
                counts[a.country] = counts.get(a.country, 0) + 1
        subj = [a for a in actors if a.political and a.kind != "group"]
        if subj and not trigs:
            context.last_sources = [subj[0]]
    return out


def _mention(article: ParsedArticle, sent: Span, s_index: int, trig: Trigger, code: str,
             src: Actor | None, tgt: Actor | None, modality: str, scans: _ArticleScans,
             version: str) -> EventMention:
    rule = trig.rule
    facts = code_facts(code)
    s_start, s_end = sent.start_char, sent.end_char
    # trailing whitespace is not part of the sentence
    text = article.body  # Doc.text rebuilds the string on every access
    while s_end > s_start and text[s_end - 1].isspace():
        s_end -= 1
    t_start, t_end = trig.span.start_char, trig.span.end_char
    d = dates.event_date(article.body, scans.expressions, s_start, s_end, t_start, t_end,
                         article.published_date, modality, rules_dir=scans.temporal_rules)
    ev_date, precision, basis, date_text = d.date, d.precision, d.basis, d.text
    loc = places.event_location(article.body, scans.places, s_start, s_end, t_start, t_end, scans.dateline_place)
    a1 = src.country if src else None
    a2 = tgt.country if tgt else None
    loc_country = loc.country if loc else None
    confidence = round(rule.confidence * (1.0 if src and tgt else 0.8), 3)
    return EventMention(
        mention_id=mention_id_for(article.article_id, t_start, t_end, code, a1, a2),
        event_id=event_id_for(ev_date, a1, a2, facts.base, loc_country),
        article_id=article.article_id,
        published_date=article.published_date,
        sentence_index=s_index,
        char_start=s_start,
        char_end=s_end,
        sentence=text[s_start:s_end],
        trigger=text[t_start:t_end],  # the span's text (Span.text joins its tokens)
        trigger_start=t_start,
        trigger_end=t_end,
        event_code=code,
        event_root_code=facts.root,
        event_base_code=facts.base,
        quad_class=facts.quad_class,
        goldstein=facts.goldstein,
        plover_type=facts.plover_type,
        actor1_name=src.name if src else None,
        actor1_country=a1,
        actor1_type=src.agent if src else None,
        actor1_code=_actor_code(src, article.published_date, scans.rules_dirs),
        actor2_name=tgt.name if tgt else None,
        actor2_country=a2,
        actor2_type=tgt.agent if tgt else None,
        actor2_code=_actor_code(tgt, article.published_date, scans.rules_dirs),
        event_date=ev_date,
        date_precision=precision,
        date_basis=basis,
        date_text=date_text,
        location_name=loc.name if loc else None,
        location_country=loc_country,
        latitude=loc.latitude if loc else None,
        longitude=loc.longitude if loc else None,
        geonameid=loc.geonameid if loc else None,
        geo_precision=loc.precision if loc else None,
        modality=modality,
        confidence=confidence,
        rule_id=rule.id,
        extractor_version=version,
    )


def _actor_code(actor: Actor | None, published: date, rules_dirs: tuple[str, ...]) -> str | None:
    """The actor's CAMEO code (extractors.actor_codes: an engine that knows an actor's
    organisation or person calls `actor_codes.actor_code` directly)."""
    if actor is None:
        return None
    return actor_codes.code_for_actor(actor.name, actor.kind, actor.country, actor.agent, published, rules_dirs)


def extract_events(article: ParsedArticle, nlp: Language | None = None,
                   rules_dirs: Iterable[str] = ()) -> list[EventMention]:
    rules = tuple(str(d) for d in rules_dirs)
    nlp = nlp or get_nlp(rules)
    return events_from_doc(nlp(article.body), article, rules, dateline_country(nlp, article.dateline))


# One sentence that reaches every table built on first use: the pipeline, a dateline,
# a place, a day, an event (so the gazetteer, the date patterns and the coder).
_WARM_UP_TEXT = "date 2024-01-08 PARIS - France and Germany signed an agreement in Berlin on Monday.\n"


class RulesError(ValueError):
    """A rules folder that cannot be used: the file and what is wrong with it."""


def check_rules(rules_dirs: Iterable[str]) -> None:
    """Build the pipeline with these extra rule folders now, so that a missing folder or a
    broken file is reported once, by name, before any article is read (rather than as
    every article failing to extract)."""
    rules = tuple(str(d) for d in rules_dirs)
    for d in rules:
        if not Path(d).is_dir():
            raise RulesError(f"rules folder {d} does not exist")
    try:
        warm_up(rules)
    except (RuleError, dictionaries.DictionaryError) as err:
        raise RulesError(str(err)) from None
    except yaml.YAMLError as err:  # a temporal word list
        raise RulesError(yaml_error_message(err)) from None


def warm_up(rules_dirs: Iterable[str] = ()) -> Language:
    """Build the pipeline and every lazily loaded table now, so that worker processes
    forked afterwards share them instead of each building its own."""
    rules = tuple(str(d) for d in rules_dirs)
    nlp = get_nlp(rules)
    extract_events(parse_article(_WARM_UP_TEXT.encode(), "warm-up"), nlp, rules)
    return nlp


def extract_articles(articles: Iterable[ParsedArticle], nlp: Language | None = None,
                     rules_dirs: Iterable[str] = (), batch_size: int = 64
                     ) -> Iterator[tuple[ParsedArticle, list[EventMention]]]:
    rules = tuple(str(d) for d in rules_dirs)
    nlp = nlp or get_nlp(rules)
    pairs = ((a.body, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, events_from_doc(doc, article, rules, dateline_country(nlp, article.dateline))
