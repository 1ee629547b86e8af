"""The typed record of an actor mention, shared by attachment, reference and coding."""
from __future__ import annotations

from dataclasses import dataclass

# Kinds of mention (what the recognizer or the reference resolver made of the words).
NAME_KINDS = frozenset({"country", "capital", "metonym", "org", "person", "person+country"})
PERSON_KINDS = frozenset({"person", "person+country"})
# Agent types of armed groups outside the state: their violence is CAMEO 18x, not 19x.
IRREGULAR_AGENTS = frozenset({"REB", "INS", "TER", "UAF", "SEP"})
# Agent types of bodies that act across borders: named without a country ("rights groups
# accused the police"), they are still a party, of no country, as an NGO's name is.
TRANSNATIONAL_AGENTS = frozenset({"NGO", "HRI"})


@dataclass(frozen=True, slots=True)
class Actor:
    """One mention of an actor. `start`/`end` are token offsets in the article's Doc (for
    a mention resolved from a pronoun or taken from context: where it is referred to)."""
    name: str
    country: str | None
    agent: str | None
    kind: str
    start: int
    end: int
    code: str | None = None  # an organisation's CAMEO actor code (IGOUNO ...)
    plural: bool = False
    canonical: str | None = None  # one name per person or institution across the article
    foreign: bool = False  # a role of some state the text leaves unnamed ("unnamed foreign forces")

    @property
    def political(self) -> bool:
        # Named persons come from the political-actor dictionaries (IGO officials have no country).
        return self.country is not None or self.kind in ("org", "metonym", "person", "person+country") \
            or self.agent in TRANSNATIONAL_AGENTS

    @property
    def bare_role(self) -> bool:
        """A role word named without a name or a country word of its own ("embassies", "a
        major investor"), whatever country the story later gave it."""
        return self.kind in ("agent", "agent+country") and self.name == self.name.lower()

    @property
    def armed_irregular(self) -> bool:
        return self.agent in IRREGULAR_AGENTS

    @property
    def stateless_armed(self) -> bool:
        """An armed group named with no country ("Islamic State", "militants")."""
        return self.country is None and self.agent in IRREGULAR_AGENTS

    @property
    def identity(self) -> tuple:
        """What makes two mentions the same actor for coding: a country's part, else a name."""
        if self.kind in PERSON_KINDS:
            return (self.country, self.agent, self.canonical or self.name)
        return (self.country, self.agent) if self.country else (None, self.canonical or self.name)
