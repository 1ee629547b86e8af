"""CAMEO actor codes: the code an actor gets, and what a code says.

An actor code is a string of 3-letter segments, as in the CAMEO actor codebook and
PETRARCH's dictionaries:

- a country (ISO3, the same code as `actor1_country`) followed by the actor's type:
  `PAKGOV`, `USAMIL`, `IRNELI`; a country alone: `PAK`;
- an international or transnational body's own code in place of a country, with a
  type it adds: `IGOUNO` (United Nations), `IGOWSTNAT` (NATO), `IGOWSTNATMIL` (NATO
  troops), `NGOHRIAMN` (Amnesty International), `IMGMUSISI` (Islamic State);
- a type alone when there is no country: `REB`.

`actor_code` is the rule itself: pure and typed, for the coding engine to call.
`code_for_actor` adds the dictionary lookups today's engine needs to find the body
behind an actor named without a country. `parse_code` reads a code back into its
parts for `dim_actor` and the GDELT view. The segments' labels are data:
`extractors/rules/cameo/actor_codes.csv`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterable, Mapping

from eventetl.extractors.ruleset.dictionaries import ActorCodePart, Organization
from eventetl.extractors.ruleset.ruleset import SHIPPED, RuleSet

# Types of body whose own code takes a country's place (CAMEO: international
# organisations, NGOs, international militarised groups, multinationals, movements).
BODY_TYPES = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM"})
_SEGMENT = re.compile(r"\A[A-Z]{3}\Z")
_CODE = re.compile(r"\A(?:[A-Z]{3})+\Z")


def actor_code(country: str | None, agent: str | None, org_code: str | None = None) -> str | None:
    """The CAMEO actor code of an actor, or None when nothing is known of it.

    country: ISO3 of the actor's country, or None.
    agent: the actor's type (GOV, MIL, REB, ...), or None.
    org_code: the code of the international or transnational body the actor is, or
        speaks for (`code` in organizations.csv and the person dictionaries: IGOUNO,
        IGOWSTNAT, NGOHRIAMN, IMGMUSISI). It takes the country's place. Give as `agent`
        only a role the body's own code does not say ('NATO troops': IGOWSTNAT + MIL);
        a type the code already holds is not repeated.

    >>> actor_code("PAK", "GOV"), actor_code("IRN", None), actor_code(None, "REB")
    ('PAKGOV', 'IRN', 'REB')
    >>> actor_code(None, "MIL", "IGOWSTNAT"), actor_code("PSE", "REB", "PSEREB")
    ('IGOWSTNATMIL', 'PSEREB')
    """
    for value, what in ((country, "country"), (agent, "agent")):
        if value is not None and not _SEGMENT.match(value):
            raise ValueError(f"{what} {value!r} is not a 3-letter code")
    if org_code is not None and not _CODE.match(org_code):
        raise ValueError(f"organisation code {org_code!r} is not made of 3-letter segments")
    base = org_code or country or ""
    if agent and agent not in segments(base):
        base += agent
    return base or None


def segments(code: str) -> list[str]:
    """'IGOWSTNAT' -> ['IGO', 'WST', 'NAT']."""
    return [code[i:i + 3] for i in range(0, len(code), 3)]


# ---------------------------------------------------------------- today's engine

def code_for_actor(name: str, kind: str, country: str | None, agent: str | None, published: date,
                   rules: RuleSet = SHIPPED) -> str | None:
    """The code of an actor of the current engine: its text, kind, country and agent.

    An actor with a country is that country plus its agent. One without a country may
    be an international body or one of its officials, whose code the dictionaries
    hold: the organisation its text starts with ('UN Secretary-General Antonio
    Guterres', 'NATO troops'), else the person its text ends with when that person
    held a post in such a body on the publication date ('Secretary-General Jens
    Stoltenberg' -> IGOWSTNAT).
    """
    if country is None:
        org = _organisation_at_start(name, rules)
        if org is not None:
            # the organisation's own agent is in its code already; a role word after it adds one
            return actor_code(None, agent if agent != org.agent else None, org.code)
        if kind.startswith("person"):
            body = _body_of_person_at_end(name, published, rules)
            if body is not None:
                return actor_code(None, None, body)
    return actor_code(country, agent)


_POSSESSIVE = re.compile(r"['’]s?\Z")


def _words(name: str) -> list[str]:
    words = [_POSSESSIVE.sub("", w) for w in name.replace(",", " ").split()]
    words = [w for w in words if w]
    return words[1:] if words and words[0].casefold() == "the" else words


def organisation_named(name: str, rules: RuleSet = SHIPPED) -> Organization | None:
    """The organisation a mention's text starts with ('UN troops' -> United Nations)."""
    return _organisation_at_start(name, rules)


def _organisation_at_start(name: str, rules: RuleSet) -> Organization | None:
    index = _organisation_index(rules)
    words = _words(name)
    for k in range(len(words), 0, -1):
        org = index.get(" ".join(words[:k]).casefold())
        if org is not None:
            return org
    return None


@lru_cache(maxsize=16)
def _organisation_index(rules: RuleSet) -> Mapping[str, Organization]:
    """Alias (case-folded, without a leading 'the') -> bodies with a code of their own."""
    index: dict[str, Organization] = {}
    for org in rules.organizations():
        if org.country is not None or segments(org.code)[0] not in BODY_TYPES:
            continue  # a country's group (PSEREB) is coded from its country like any actor
        for alias in (org.name, *org.aliases):
            index.setdefault(" ".join(_words(alias)).casefold(), org)
    return index


def _body_of_person_at_end(name: str, published: date, rules: RuleSet) -> str | None:
    words = _words(name)
    for k in range(len(words)):
        role = rules.nearest_role(" ".join(words[k:]), published)
        if role is not None:
            code = role.code or ""
            return code if _CODE.match(code) and segments(code)[0] in BODY_TYPES else None
    return None


# ---------------------------------------------------------------- reading codes

@dataclass(frozen=True)
class ActorCodeParts:
    """What an actor code says, in the terms of GDELT's actor columns."""

    code: str
    label: str
    country: str | None          # ISO3 when the code names a country
    organisation: str | None     # the body's own code the code starts with (IGOWSTNAT in IGOWSTNATMIL)
    known_group: str | None      # GDELT's KnownGroupCode of that body ('NAT')
    types: tuple[str, ...]       # type segments in order (GDELT's Type1Code, Type2Code, Type3Code)


def parse_code(code: str, vocabulary: Mapping[str, ActorCodePart],
               country_names: Mapping[str, str]) -> ActorCodeParts:
    """Split a code into the body or country it starts with and the segments after it.

    `vocabulary`: `RuleSet.actor_code_parts()`; `country_names`: ISO3 -> name. A
    segment neither knows is kept in the label as written.
    """
    bodies = [c for c, p in vocabulary.items() if p.kind == "organisation" and code.startswith(c)]
    organisation = max(bodies, key=len, default=None)
    rest = segments(code[len(organisation or ""):])
    country = None
    if organisation is None:
        # A country leads the code, or follows a body type (NGOUSAHRI: an American NGO).
        at = 1 if rest and rest[0] in BODY_TYPES else 0
        if len(rest) > at and rest[at] in country_names:
            country = rest.pop(at)
    base = vocabulary[organisation].label if organisation else country_names[country] if country else None
    extras = [vocabulary[s].label if s in vocabulary else s for s in rest]
    label = f"{base}: {', '.join(extras)}" if base and extras else base or ", ".join(extras)
    own = segments(organisation) if organisation else []
    types = tuple(s for s in (*own, *rest) if s in vocabulary and vocabulary[s].kind == "type")
    known = vocabulary[organisation].known_group if organisation else None
    return ActorCodeParts(code, label, country, organisation, known, types)


def known_codes(vocabulary: Mapping[str, ActorCodePart], countries: Iterable[str]) -> list[str]:
    """Every code dim_actor lists whether or not an event uses it: bodies, types alone,
    countries alone and each country with each type of actor (not body types)."""
    types = [c for c, p in vocabulary.items() if p.kind == "type"]
    roles = [t for t in types if t not in BODY_TYPES]
    out = [c for c, p in vocabulary.items() if p.kind == "organisation"] + types
    for iso3 in countries:
        out += [iso3] + [iso3 + t for t in roles]
    return out
