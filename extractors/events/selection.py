"""Which trigger matches of a parsed sentence report events of their own.

A sentence often matches several rules for one act: "denounced the veto" (a verb and
the act it answers), "agreed to restore ties" (an intent and the act intended),
"mortar bomb attack" (a compound of two act words), "met in Oslo to discuss a truce"
(a meeting and its purpose). The parse says which word governs which:

- speech verbs ("said", "announced") count only when nothing else in the sentence does;
- an intent verb whose infinitive is another trigger gives way to it: the act is coded,
  with its intention code (`intent_of` rules: "wants to attack" -> 138) or its own code
  (agree/pledge to do: the act agreed carries the event);
- "agreed a ceasefire": the reciprocal act agreed carries the event;
- a noun inside a compound with an act word of the same root is one act with it;
- an infinitive that is the content or purpose of another trigger ("urged Russia to
  stop", "met to discuss") is no event of its own;
- an event noun governed by a verb trigger ("condemned the attack", "sparked protests")
  is deferred: coded only when that verb yields no event;
- an event noun in a background phrase ("blamed Moscow for the attack", "since the war")
  is not coded.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventetl.extractors.events.attachment import EFFECT_ROOTS, PRECEDING_PREPS, trigger_head
from eventetl.extractors.events.clauses import (DURATION_NOUNS, RELATIVE_WORDS, coordinated_partner, placing_verb,
                                               subject_of, undergoing_verb)
from eventetl.extractors.events.coding import THREAT_ROOT, intent_code
from eventetl.extractors.events.syntax import Parsed
from eventetl.extractors.events.triggers import TriggerRule
from eventetl.extractors.ruleset.word_lists import word_lists
from eventetl.extractors.text.grammar import AUXILIARY_DEPS, is_noun, is_verb

# Prepositions that make an event noun background rather than the event reported.
_SELECTION_WORDS = word_lists("selection", "background_prepositions", "indefinite_doers", "entitlement_nouns",
                              "permission_words", "slogan_verbs", "state_verbs", "catenative_verbs", "setting_verbs",
                              "finding_verbs", "discovery_verbs", "characterising_verbs", "averting_verbs",
                              "anniversary_nouns", "munition_nouns", "electoral_modifiers",
                              "naming_verbs", "accident_verbs", "rehearsal_verbs", "offering_verbs",
                              "goal_verbs", "planning_verbs")
BACKGROUND_PREPS = _SELECTION_WORDS.words("background_prepositions")
INDEFINITE_DOERS = _SELECTION_WORDS.words("indefinite_doers")
ENTITLEMENT_NOUNS = _SELECTION_WORDS.words("entitlement_nouns")
PERMISSION_WORDS = _SELECTION_WORDS.words("permission_words")
SLOGAN_VERBS = _SELECTION_WORDS.words("slogan_verbs")
STATE_VERBS = _SELECTION_WORDS.words("state_verbs")
CATENATIVE_VERBS = _SELECTION_WORDS.words("catenative_verbs")
SETTING_VERBS = _SELECTION_WORDS.words("setting_verbs")
FINDING_VERBS = _SELECTION_WORDS.words("finding_verbs")
DISCOVERY_VERBS = _SELECTION_WORDS.words("discovery_verbs")
CHARACTERISING_VERBS = _SELECTION_WORDS.words("characterising_verbs")
AVERTING_VERBS = _SELECTION_WORDS.words("averting_verbs")
ANNIVERSARY_NOUNS = _SELECTION_WORDS.words("anniversary_nouns")
MUNITION_NOUNS = _SELECTION_WORDS.words("munition_nouns")
ELECTORAL_MODIFIERS = _SELECTION_WORDS.words("electoral_modifiers")
NAMING_VERBS = _SELECTION_WORDS.words("naming_verbs")
ACCIDENT_VERBS = _SELECTION_WORDS.words("accident_verbs")
REHEARSAL_VERBS = _SELECTION_WORDS.words("rehearsal_verbs")
OFFERING_VERBS = _SELECTION_WORDS.words("offering_verbs")
PLANNING_VERBS = _SELECTION_WORDS.words("planning_verbs")
GOAL_VERBS = _SELECTION_WORDS.words("goal_verbs")
# Acts one may put forward: meetings, cooperation, aid, concessions, inquiries ("offered
# condolences" is said, not put forward).
OFFERABLE_ROOTS = frozenset({"04", "05", "06", "07", "08", "09"})
MEETING_ROOT = "04"
SLOGAN_WORDS = 4  # longer quotes are speech ("said 'we will resign'"), whose acts count
# Acts whose noun, as the object of an agreement verb, names what was agreed.
AGREED_ACT_ROOTS = frozenset({"04", "05", "06", "07", "08"})
# Appeals and demands: what their that-clause asks for is not reported as done.
ASKING_ROOTS = frozenset({"02", "10"})
# A denial: what it denies is not reported as done.
DENIAL_CODE = "016"
# Acts whose infinitive names an act only threatened ("threatened to reimpose sanctions"). An
# appeal's ("urged Iran to lift ...") is left to the verb rules of _content_of_other: the
# gold sets code some acts asked for by their nouns.
CHARGING_ROOTS = frozenset({"13"})
# Support, intent, threat and violence, which a relative clause in the present describes as a
# standing stance ("who backs the opposition", "which wants an Islamic state", "extremists
# who threaten its sovereignty", "Islamic Jihad, which also holds hostages") rather than reports.
STANCE_ROOTS = frozenset({"03", "05", "06", "07", "13", "18"})
# An invitation (CAMEO 036) is the inviter's act; what the guest is invited to do is not
# done ("invited Netanyahu to visit Budapest"), unlike what one agrees or pledges to do.
INVITATION = "036"
PROTEST_ROOT = "14"
INVESTIGATE_ROOT = "09"
# How far up the tree an event noun looks for the verb trigger that governs it.
GOVERNOR_STEPS = 5


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int  # token offsets in the article's Doc
    end: int
    rule: TriggerRule
    span: object  # the spaCy Span


@dataclass
class Selection:
    chosen: list[Trigger]
    deferred: list[tuple[Trigger, list[Trigger]]]  # an event noun and the verb triggers governing it
    intended: dict[int, str]  # trigger start -> intention code replacing its own


def select(parsed: Parsed, triggers: list[Trigger], actor_ends: frozenset[int]) -> Selection:
    triggers = [t for t in triggers if not t.rule.reported_by or _after_actor(parsed, t, actor_ends)]
    quotes = [tok.i for tok in parsed.doc if tok.is_quote]
    if quotes:
        triggers = [t for t in triggers if not _slogan(parsed, t, quotes)]
    # (a vow or a wish names no act of its own: it does not silence the generated rules)
    core = [t for t in triggers if not t.rule.fallback and not t.rule.needs_act and not t.rule.intent_of]
    triggers = [t for t in triggers if not t.rule.fallback] if core else triggers
    # "..., diplomats said": a speech verb after the clause it reports attributes that
    # clause; it is no statement to anyone
    triggers = [t for t in triggers if not (t.rule.report and _attribution(trigger_head(parsed, t.start, t.end)))]
    acts = [t for t in triggers if not t.rule.report]
    if not acts:
        return Selection(triggers[:1], [], {})
    heads = {t.start: trigger_head(parsed, t.start, t.end) for t in acts}
    # a speech verb whose clause and complement hold no other trigger is an event of its own
    # ("X condemned the coup, while Y said ...")
    act_heads = [h.i for h in heads.values()]
    speech, speech_deferred = [], []
    for t in triggers:
        if not t.rule.report:
            continue
        h = trigger_head(parsed, t.start, t.end)
        if not _own_clause(h, heads.values()):
            continue
        inner = [a for a in acts if heads[a.start].i in {d.i for d in h.subtree}]
        if inner:
            # "Pompeo said Maduro no longer had the authority to cut ties": the statement
            # counts if what it reports yields no event of its own
            speech_deferred.append((t, inner))
        else:
            speech.append(t)
    by_head = {heads[t.start].i: t for t in acts}
    intended: dict[int, str] = {}
    skipped: set[int] = set()
    for t in acts:
        h = heads[t.start]
        inner = _infinitive_trigger(h, by_head)
        if inner is not None and inner.start != t.start:
            if t.rule.intent_of and t.rule.hostile_as_act and intent_code(inner.rule.code)[:2] == THREAT_ROOT:
                skipped.add(t.start)  # "pledged to expel the dissidents": the expulsion, as PETRARCH codes it
            elif t.rule.intent_of:
                skipped.add(t.start)
                if not inner.rule.report:
                    planned_protest = inner.rule.code[:2] == PROTEST_ROOT and h.lemma_.lower() in PLANNING_VERBS
                    # ("plans to rally on Monday": the rally, to come, not a threat to protest)
                    intended[inner.start] = inner.rule.code if planned_protest else intent_code(inner.rule.code)
            elif t.rule.code.startswith("03") and t.rule.code[:3] != INVITATION and _negated(heads[inner.start]):
                skipped.add(inner.start)  # "pledged not to threaten each other": a promise, no threat
            elif t.rule.code.startswith("03") and t.rule.code[:3] != INVITATION:
                skipped.add(t.start)  # "pledged to expel", "agreed to lift": the act is coded
        elif t.rule.code.startswith("03") and is_verb(h) and _agrees_reciprocal_act(h, by_head):
            skipped.add(t.start)
        elif is_noun(h) and h.dep_ == "dobj" and h.head.lemma_.lower() in OFFERING_VERBS \
                and t.rule.code[:2] in OFFERABLE_ROOTS and not t.rule.report and not t.rule.self_target:
            # "offered talks with India": the talks are offered (036), the offer is that intention
            intended[t.start] = intent_code(t.rule.code)
            offer = by_head.get(h.head.i)
            if offer is not None:
                skipped.add(offer.start)
    chosen: list[Trigger] = []
    deferred: list[tuple[Trigger, list[Trigger]]] = []
    for t in acts:
        if t.start in skipped:
            continue
        h = heads[t.start]
        if _names_no_act(h, t, by_head, t.start in intended):
            continue
        if is_verb(h) and (_content_of_other(h, by_head, skipped) or _charged(h, by_head, skipped)
                           or _only_possible(h) or t.rule.code[:2] in STANCE_ROOTS and _description(h)):
            continue
        if is_noun(h) and not h.tag_.startswith("VB"):
            if h.dep_ == "ccomp" and _content_of_other(h, by_head, skipped):
                continue  # a verb the tagger took for a noun: "demanded that Ruto resign"
            if _background(h) and not _for_a_meeting(h, t) or _light_verb_object(h, by_head) \
                    or _charged(h, by_head, skipped) or _asked_for_noun(h, by_head, skipped):
                continue
            governors = _governing_triggers(h, by_head, skipped)
            if governors:
                deferred.append((t, governors))
                continue
        chosen.append(t)
    return Selection(sorted(chosen + speech[:1], key=lambda t: t.start), deferred + speech_deferred[:1], intended)


def _names_no_act(h: Token, t: Trigger, by_head: dict[int, Trigger], intended: bool = False) -> bool:
    """The trigger word is part of another act's name, a kind of thing, a state or a
    helping verb, not an act of its own. `intended`: it is the act of an intention."""
    if h.dep_ == "compound" and h.head.i in by_head and by_head[h.head.i].rule.code[:2] == t.rule.code[:2]:
        return True  # "mortar bomb attack", "protest march": one act
    if h.dep_ == "compound" and is_noun(h.head) and h.head.i not in by_head and t.end - t.start == 1 \
            and h.head.i == h.i + 1 and t.rule.code[:2] != PROTEST_ROOT:
        # "a new battle tank", "an attack helicopter": a kind of thing, not an act ("protest
        # leaders", "a protest group" still tell of a protest)
        return True
    if t.rule.intent_of and is_noun(h) and not _infinitive_on(h):
        return True  # "brought new hope to the Horn of Africa": no intention without an infinitive
    if t.rule.needs_act:
        return True  # "hopes to win": a wish of no act a rule names is no event
    if h.dep_ == "pobj" and h.head.lower_ == "to" and h.head.head.lemma_.lower() in ENTITLEMENT_NOUNS:
        return True  # "the right to peaceful protest": an act one may do, not one done
    if t.rule.code[:2] == INVESTIGATE_ROOT and h.dep_ == "nsubj" and h.head.lemma_.lower() in FINDING_VERBS:
        return True  # "a UN inquiry said that ...": the inquiry speaks, it is not told of
    if is_noun(h) and h.dep_ == "dobj" and h.head.lemma_.lower() in DISCOVERY_VERBS:
        return True  # "a laboratory found the nerve agent": a thing found, no act
    if h.tag_ == "VBN" and h.dep_ == "acl" and h.head.dep_ == "dobj" and h.head.head.i in by_head \
            and by_head[h.head.head.i].rule.code[:2] == t.rule.code[:2] \
            and not any(c.dep_ == "agent" for c in h.children):
        return True  # "Hamas freed three women, the first hostages released under the deal": the same act
    if t.rule.code[:2] in EFFECT_ROOTS and h.tag_ == "VBG" and h.dep_ == "advcl" \
            and h.head.lemma_.lower() in ACCIDENT_VERBS:
        return True  # "the airliner crashed after take-off, killing all 176 people": an accident
    if _title_premodifier(h, t):
        return True  # "tried to arrest impeached President Yoon": who he is, not what was done now
    if is_noun(h) and h.dep_ == "dobj" and h.head.lemma_.lower() in REHEARSAL_VERBS:
        return True  # "a drill simulating an attack on the test site": practised, not done
    if is_noun(h) and h.dep_ == "dobj" and h.head.lemma_.lower() in CHARACTERISING_VERBS:
        return True  # "Russia posed a long-term threat to the alliance": what Russia is said to be
    if t.rule.code[:2] == PROTEST_ROOT and is_noun(h) and any(
            c.dep_ in ("compound", "amod", "nmod") and c.lower_ in ELECTORAL_MODIFIERS for c in h.children):
        return True  # "shot at a campaign rally in Pennsylvania": a candidate's meeting, no protest
    if t.rule.code[:2] == MEETING_ROOT and is_verb(h) and any(
            c.dep_ == "nsubj" and c.lower_ in MUNITION_NOUNS for c in h.children):
        return True  # "a North Korean ballistic missile landed in the sea": no visit
    if is_noun(h) and h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lemma_.lower() in ANNIVERSARY_NOUNS:
        return True  # "to mark the second anniversary of Russia's invasion": recalled, not done now
    if t.rule.code[:2] == THREAT_ROOT and is_noun(h) and h.dep_ == "dobj" \
            and h.head.lemma_.lower() in AVERTING_VERBS:
        return True  # "would continue until it removes the threat": a danger faced, no threat made
    if is_noun(h) and h.dep_ == "dobj" and h.head.dep_ == "relcl" and h.head.lemma_.lower() in NAMING_VERBS \
            and not any(c.lower_ in RELATIVE_WORDS for c in h.head.children):
        return True  # "a move his party called a coup": the move is called one, no coup is told
    if t.rule.code[:2] in (PROTEST_ROOT, MEETING_ROOT) and _where_spoken(h):
        return True  # "Speaking at a rally in Harare, he said": where a speaker spoke, no protest
    if t.rule.code[:2] == MEETING_ROOT and (_fronted_setting(h) or _setting_participle(h) or (
            h.dep_ == "nsubj" and h.head.i in by_head and by_head[h.head.i].rule.code[:2] != MEETING_ROOT)):
        # "At a G20 summit in Antalya, Obama pledged", "leaders meeting in Dar es Salaam
        # condemned", "the summit condemned": the setting of another act, or its speaker
        return True
    if is_noun(h) and h.dep_ == "dobj" and h.head.lemma_.lower() in GOAL_VERBS and h.head.tag_ in ("VB", "VBG"):
        return True  # "to help secure her husband's release", "seeking a ceasefire": a goal, not done
    if h.tag_ in ("VBN", "JJ") and h.dep_ in ("acomp", "oprd", "xcomp") and h.head.lemma_ in STATE_VERBS:
        return True  # "members may seek consultations when they feel threatened": a state, no threat
    # "it would help revive the talks", "glad to help", "help with the investigation",
    # "helped the authorities seize a tanker": aid is given to someone it names as object
    # ("was ready to help", after an earthquake: an offer of aid to whoever the story is about)
    return h.lemma_ in CATENATIVE_VERBS and not _helps_someone(h) and not intended


def _title_premodifier(h: Token, t: Trigger) -> bool:
    """A bare participle right before a title or role that opens an actor's name ("impeached
    President Yoon Suk Yeol", "ousted Prime Minister Sheikh Hasina"): the parser may read it
    as a verb, but with no auxiliary, and no subject of its own or a verb just before it
    ("sentenced ousted Prime Minister Sheikh Hasina"), it describes the person."""
    if h.tag_ != "VBN" or t.end - t.start != 1 or any(c.dep_ in ("aux", "auxpass") for c in h.children):
        return False
    after_verb = h.i > 0 and h.nbor(-1).tag_.startswith("VB")
    if not after_verb and any(c.dep_ in ("nsubj", "nsubjpass") for c in h.children):
        return False
    doc = t.span.doc
    if t.end >= len(doc) or not doc[t.end].is_title or "actors" not in doc.spans:
        return False
    actors = doc.spans["actors"]
    # ("al-Sisi hosted Jordan's King Abdullah": after a name, the participle is the verb)
    return any(a.start == t.end for a in actors) and not any(a.start < t.start <= a.end for a in actors)


def _fronted_setting(noun: Token) -> bool:
    """'At a G20 summit in Antalya, Obama pledged ...': a gathering named in a phrase that
    opens the sentence is where the main act took place."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in ("at", "during") and prep.i == prep.sent.start \
        and is_verb(prep.head) and any(c.dep_ == "punct" and c.text == "," for c in prep.head.children
                                       if prep.i < c.i < prep.head.i)


def _setting_participle(verb: Token) -> bool:
    """'East African leaders meeting in Dar es Salaam condemned the coup', 'the Council,
    meeting at the bloc's headquarters, condemned': a participle of meeting with no one
    met says where those who act were."""
    return verb.tag_ == "VBG" and verb.dep_ in ("acl", "advcl") and not any(
        c.dep_ in ("dobj", "dative") or c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)


def _where_spoken(noun: Token) -> bool:
    """'Speaking at a rally', 'addressing a rally': the noun is where a speaker spoke."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "at":
        return noun.head.head.lemma_.lower() in SETTING_VERBS
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() == "address"


def _infinitive_on(noun: Token) -> bool:
    """'a plan to hold talks', 'their hope to meet': a verb with "to" on the noun."""
    return any(is_verb(c) and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in noun.children)


def _after_actor(parsed: Parsed, t: Trigger, actor_ends: frozenset[int]) -> bool:
    """A reported obligation or warning whose subject is an actor: right after it ("Iran
    must"), or a verb whose subject ends with one ("Iran would pay for it")."""
    if t.start in actor_ends:
        return True
    subject = subject_of(trigger_head(parsed, t.start, t.end))
    return subject is not None and parsed.index(subject) + 1 in actor_ends


def _slogan(parsed: Parsed, t: Trigger, quotes: list[int]) -> bool:
    """'chanting "Resign!" and "Thieves!"': a trigger quoted as a slogan. `quotes`: the
    positions of the sentence's quotation marks."""
    doc, start, end = parsed.doc, t.start - parsed.offset, t.end - parsed.offset
    opening = [q for q in quotes if q < start]
    if len(opening) % 2 == 0:
        return False
    left = opening[-1]
    right = next((q for q in quotes if q >= end), None)
    if right is None or right - left - 1 > SLOGAN_WORDS:
        return False
    words = doc[left + 1:right]
    if any(tok.text == "!" for tok in words) or (right + 1 < len(doc) and doc[right + 1].text == "!"):
        return True
    before = doc[left - 1] if left > 0 else None
    if before is not None and before.is_punct and left > 1:
        before = doc[left - 2]
    return before is not None and before.lemma_.lower() in SLOGAN_VERBS


def _helps_someone(verb: Token) -> bool:
    """The verb of helping has a direct object ("help the Ecuadorean government"), or the
    parser gave the one helped as its complement's subject ("help Ukraine defend itself")."""
    return any(c.dep_ in ("dobj", "dative", "iobj") for c in verb.children) or any(
        c.dep_ in ("xcomp", "ccomp") and any(g.dep_ == "nsubj" and g.i == verb.i + 1 and g.pos_ == "PROPN"
                                             for g in c.children) for c in verb.children)


def _attribution(speech: Token) -> bool:
    return any(c.dep_ == "ccomp" and c.i < speech.i for c in speech.children)


def _own_clause(speech: Token, act_heads) -> bool:
    """The speech verb is not inside another trigger's clause ("accused X of saying")."""
    return not any(a.i in {anc.i for anc in speech.ancestors} for a in act_heads)


def _infinitive_trigger(h: Token, by_head: dict[int, Trigger]) -> Trigger | None:
    """The trigger that is the infinitive complement of `h` ("agreed to restore"), or of
    its adjective ("was ready to help")."""
    complements = [*h.children, *(g for c in h.children if c.dep_ == "acomp" for g in c.children)]
    for c in complements:
        if c.dep_ == "prep" and c.lower_ == "to":
            # "agreed to a ceasefire", "committed to talks": the act noun agreed to
            for g in c.children:
                if g.dep_ == "pobj" and g.i in by_head and by_head[g.i].rule.pos != "verb":
                    return by_head[g.i]
        # (the parser reads some as an adverbial clause: "committed to provide guarantees")
        if c.dep_ in ("xcomp", "ccomp", "advcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            if c.i in by_head:
                return by_head[c.i]
            # "agreed to restore trade and reopen embassies": the first conjunct
            for g in c.children:
                if g.dep_ == "dobj" and g.i in by_head and by_head[g.i].rule.pos != "verb":
                    return by_head[g.i]  # "aim to hold talks": the act noun
    return None


def _agrees_reciprocal_act(h: Token, by_head: dict[int, Trigger]) -> bool:
    """'agreed a humanitarian ceasefire': the object is a reciprocal act's noun."""
    for c in h.children:
        if c.dep_ == "dobj" and c.i in by_head:
            o = by_head[c.i]
            if o.rule.symmetric and o.rule.code[:2] in AGREED_ACT_ROOTS:
                return True
    return False


def _content_of_other(h: Token, by_head: dict[int, Trigger], skipped: set[int]) -> bool:
    """An infinitive or gerund that is what another trigger asks for, aims at or charges
    ("urged Russia to stop attacking", "met to discuss", "accused Qatar of backing")."""
    if h.dep_ == "pcomp" and h.head.dep_ == "prep" and h.head.lower_ != "by":
        other = _prep_governor(h.head, by_head)
        if other is not None and other.start not in skipped:
            return True
    if h.dep_ == "xcomp" and h.tag_ == "VBG" and h.head.i in by_head:
        return True  # "to stop fighting", "halted shelling": the gerund is what the act is about
    if h.dep_ == "acl" and h.tag_ == "VBG" and h.head.dep_ == "dobj" and is_verb(h.head.head) \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in h.head.head.children):
        # "asked the Security Council to adopt a statement condemning Tbilisi": what the
        # asked-for thing would do is asked for too (not "went to visit troops fighting")
        asking = _asking_above(h.head.head, by_head)
        return asking is not None and asking.start not in skipped
    t = h
    while t.head.i != t.i and (t.dep_ == "conj" or t.dep_ == "xcomp" and t.tag_ == "VBG" and is_verb(t.head)
                               and t.head.i not in by_head):
        if t.dep_ == "conj" and coordinated_partner(t) is not None:
            # "urged the bloc to go further and called for ...": a past tense the parser joined
            # to the infinitive goes on from the finite verb, an act of its own
            return False
        t = t.head  # "urged them to stop and withdraw", "urged them to keep talking"
    if t.dep_ == "ccomp" and t.head.i < t.i and t.head.i in by_head \
            and by_head[t.head.i].rule.code.startswith(DENIAL_CODE):
        return True  # "Ethiopia denied it had violated Somalia's sovereignty": the denial is the event
    if t.dep_ == "ccomp" and _mandative(t):
        # "demanded that Russia withdraw its troops": asked for, not done
        other = by_head.get(t.head.i)
        return other is not None and other.rule.code[:2] in ASKING_ROOTS
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        return False
    if t.dep_ not in ("xcomp", "ccomp", "advcl", "acl"):
        return False
    while t.head.i not in by_head and t.head.dep_ in ("xcomp", "ccomp", "advcl") and is_verb(t.head) \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.head.children):
        t = t.head  # "called on the Council to force Israel to stop": asked for, two steps up
    other = by_head.get(t.head.i)
    return other is not None and other.start not in skipped and not other.rule.intent_of \
        and (not other.rule.code.startswith("03") or other.rule.code[:3] == INVITATION)


def _asked_for_noun(h: Token, by_head: dict[int, Trigger], skipped: set[int]) -> bool:
    """An event noun that an asked-for infinitive acts on ("called on both sides to show
    restraint and to return to talks"): the talks are asked for, not held."""
    if h.dep_ not in ("dobj", "pobj"):
        return False
    verb = h.head.head if h.dep_ == "pobj" and h.head.dep_ == "prep" else h.head
    while verb.dep_ == "conj" and is_verb(verb.head) and any(c.dep_ == "aux" and c.lower_ == "to"
                                                             for c in verb.children):
        verb = verb.head
    asking = _asking_above(verb, by_head) if is_verb(verb) else None
    return asking is not None and asking.start not in skipped


def _asking_above(verb: Token, by_head: dict[int, Trigger]) -> Trigger | None:
    """The appeal or demand whose infinitive `verb` is, through infinitives between."""
    t = verb
    while t.dep_ in ("xcomp", "ccomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        other = by_head.get(t.head.i)
        if other is not None:
            return other if other.rule.code[:2] in ASKING_ROOTS else None
        t = t.head
    return None


def _charged(act: Token, by_head: dict[int, Trigger], skipped: set[int]) -> bool:
    """An act inside what another trigger charges or asks for, through the verbs that
    carry it ("accused Baku of seeking to carry out ethnic cleansing", "accused Kosovo of
    trying to drive out the Serbs")."""
    t = act
    for _ in range(GOVERNOR_STEPS + 2):
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.lower_ != "by":
            other = _prep_governor(t.head, by_head)
            return other is not None and other.start not in skipped
        if t.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            # "threatened to reimpose sanctions"
            other = by_head.get(t.head.i)
            if other is not None and other.start not in skipped and other.rule.code[:2] in CHARGING_ROOTS:
                return True
        if t.dep_ not in ("dobj", "xcomp", "conj", "pcomp") or t.head.i == t.i:
            return False
        # ("... of seeking to carry out ethnic cleansing and called on Russia": the accuser's own act)
        t = coordinated_partner(t) or t.head
    return False


def _prep_governor(prep: Token, by_head: dict[int, Trigger]) -> Trigger | None:
    """The trigger a preposition's phrase belongs to: its head's, or, where the parser hangs
    it on the trigger's object ("accused the opposition of plotting"), the object's verb's."""
    other = by_head.get(prep.head.i)
    if other is None and prep.head.dep_ == "dobj":
        other = by_head.get(prep.head.head.i)
    return other


def _only_possible(verb: Token) -> bool:
    """An act described, not done: by whoever might do it ("anyone who blocked roads
    would be arrested", "any country that attacks"), as a right ("the right to protest")
    or as leave to do it ("was free to appeal")."""
    head = verb.head
    if verb.dep_ == "relcl" or verb.dep_ == "acl" and verb.tag_ == "VBG":
        # ("anyone who blocked roads", "to shoot anyone looting public property")
        return head.lower_ in INDEFINITE_DOERS or any(
            c.dep_ == "det" and c.lower_ == "any" for c in head.children)
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ == "xcomp" and to and head.lower_ in PERMISSION_WORDS:
        return True  # "Zia was free to appeal", "is entitled to seek asylum": a permission
    if verb.dep_ == "advcl" and to and any(c.dep_ == "dobj" and c.lemma_.lower() in ENTITLEMENT_NOUNS
                                           for c in head.children):
        return True  # "gave permission to Russia to help Israel": the parser's clause is the leave's
    return verb.dep_ == "acl" and head.lemma_.lower() in ENTITLEMENT_NOUNS and to


def _description(verb: Token) -> bool:
    """A relative clause in the simple present says what someone is, not what they did
    ("Zourabichvili, who backs the opposition, accused ..."). Read for stances only (the
    caller): "which accuses her", "which Islamabad denies" still report acts."""
    return verb.dep_ == "relcl" and verb.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)


def _mandative(clause: Token) -> bool:
    """A that-clause in the base form ("that Russia withdraw", "that aid be suspended") or
    with "should"/"must": what someone asks to happen. (The tagger reads "that Russia
    withdraw" as a present tense: after a demand it is the same.)"""
    auxiliaries = {c.lower_ for c in clause.children if c.dep_ in AUXILIARY_DEPS}
    if auxiliaries & {"should", "must"}:
        return True
    # ("that President William Ruto resign": the tagger takes the verb for a noun the names
    # before it modify; a noun that a "that" opens is still the clause's verb)
    base = clause.tag_ in ("VB", "VBP") or "be" in auxiliaries \
        or clause.tag_ == "NN" and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    return base and not auxiliaries & {"will", "would", "can", "could", "may", "might", "to", "shall"}


def _light_verb_object(noun: Token, by_head: dict[int, Trigger]) -> bool:
    """The noun is the object a verb trigger's phrase requires ("lodge a protest", "impose
    sanctions"): part of that act, whether or not the verb is coded ("summoned the envoy
    to lodge a protest" is one complaint, not a demonstration)."""
    verb = by_head.get(noun.head.i) if noun.dep_ == "dobj" else None
    return verb is not None and verb.rule.requires != () and any(
        phrase.split()[-1] == noun.lemma_.lower() for phrase in verb.rule.requires)


def _for_a_meeting(noun: Token, t: Trigger) -> bool:
    """'is due in Berlin for talks with Merkel', 'arrived for a summit': a meeting is what
    one comes for, not the reason an act is blamed on."""
    if t.rule.code[:2] != MEETING_ROOT:
        return False
    # "reached during talks in Beijing between Misri and Sun", "said after talks with his
    # French counterpart": a meeting whose parties the phrase names is told, not only the
    # time of another act
    prep = noun.head.lower_
    partners = ("between", "with") if prep in PRECEDING_PREPS else ("between",) if prep == "during" else ()
    return prep == "for" or any(c.dep_ == "prep" and c.lower_ in partners for c in noun.children)


def _background(noun: Token) -> bool:
    """'blamed Moscow for the attack', 'since the war': the noun dates or explains another act."""
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ == "of" \
            and noun.head.head.lower_ in DURATION_NOUNS and noun.head.head.dep_ != "dobj":
        # "after two weeks of air strikes", "three decades of talks" (but "held three days
        # of war games": the stretch a verb's own act took)
        return True
    if undergoing_verb(noun) is not None or placing_verb(noun) is not None:
        return False  # "came under fire from gunboats", "placed under house arrest": the act undergone
    return noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ in BACKGROUND_PREPS


def _asking(trigger: Trigger | None) -> bool:
    """The trigger is an appeal or a demand."""
    return trigger is not None and trigger.rule.code[:2] in ASKING_ROOTS


def _governing_triggers(noun: Token, by_head: dict[int, Trigger], skipped: set[int]) -> list[Trigger]:
    """Verb triggers above an event noun ("denounced the veto", "sparked protests")."""
    out = []
    t = noun
    for _ in range(GOVERNOR_STEPS):
        if t.head.i == t.i or t.dep_ not in ("dobj", "pobj", "prep", "conj", "attr", "dative", "oprd", "pcomp",
                                             "compound", "xcomp"):
            break
        if t.dep_ == "conj" and is_verb(t):
            break  # "dissolved the government and imposed a curfew": a verb of its own governs it
        if t.dep_ == "xcomp" and not _asking(by_head.get(t.head.i)):
            break  # ("urged Sudan to return to talks": the talks are asked for, the appeal governs them)
        t = t.head
        other = by_head.get(t.i)
        if other is not None and other.start not in skipped and is_verb(t) and not other.rule.report:
            subject = subject_of(t)
            if subject is not None and noun.i < subject.i < t.i:
                break  # "In a phone call with X, Y accused Z": a fronted phrase, an act of its own
            out.append(other)
            break
    return out


def _negated(verb: Token) -> bool:
    """The verb has its own negation ("not to threaten")."""
    return any(c.dep_ == "neg" for c in verb.children)
