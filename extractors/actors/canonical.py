"""One name per actor across an article, for `actor1_name`/`actor2_name`.

A person is named by their full name ("Erdogan" after "Recep Tayyip Erdogan" is
"Recep Tayyip Erdogan"; a known person by their dictionary name); an international or
non-state body by its dictionary name ("UN" -> "United Nations"); a country, its capital
or government used as a metonym, a nationality word or an act's implied country by the
country's name ("US", "Washington" -> "United States"). Role words keep their words ("the
Iranian envoy" -> "Iranian envoy").
"""
from __future__ import annotations

from functools import lru_cache

from eventetl.extractors.actors import actor_codes
from eventetl.extractors.actors.mentions import PERSON_KINDS, Actor
from eventetl.extractors.ruleset.ruleset import SHIPPED, RuleSet

# Kinds of mention that stand for a whole country.
COUNTRY_KINDS = frozenset({"country", "capital", "demonym", "implied", "place"})


@lru_cache(maxsize=16)
def _country_names(rules: RuleSet) -> dict[str, str]:
    return {c.iso3: c.name for c in rules.countries()}


def canonical_name(actor: Actor | None, rules: RuleSet = SHIPPED) -> str | None:
    if actor is None:
        return None
    if actor.kind in PERSON_KINDS and actor.canonical:
        return actor.canonical
    if actor.kind in COUNTRY_KINDS and actor.country and actor.agent in (None, "GOV"):
        return _country_names(rules).get(actor.country, actor.name)
    if actor.kind == "org" or actor.country is None:
        org = actor_codes.organisation_named(actor.name, rules)
        if org is not None:
            return org.name
    name = actor.canonical or actor.name
    return name[4:] if name.lower().startswith("the ") else name
