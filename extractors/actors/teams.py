"""Sports reports, where a country's name is its national team.

"France beat Germany 2-1", "Germany attacked from the start": in a match report the
country names are teams, and their attacks, defences and threats are no acts of states.
An article with several sports words (`rules/actors/teams.yaml`) is a sports report, and
its bare country names, demonyms and capitals are not actors; role words with an agent
(police, ministers, a government) still are ("police detained three fans").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from eventetl.extractors.actors.mentions import Actor

TEAMS_FILE = Path(__file__).parent.parent / "rules" / "actors" / "teams.yaml"
# Mentions that a match report uses for a team.
TEAM_KINDS = frozenset({"country", "demonym", "capital"})


@dataclass(frozen=True)
class SportsCues:
    words: frozenset[str]
    score: re.Pattern[str]
    min_cues: int


@lru_cache(maxsize=2)
def sports_cues(path: Path = TEAMS_FILE) -> SportsCues:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return SportsCues(frozenset(data["words"]), re.compile(data["score_pattern"]), int(data["min_cues"]))


def is_sports_report(lower_words: Iterable[str], text: str, cues: SportsCues | None = None) -> bool:
    """`lower_words`: the article's words in lower case; `text`: its body (scores are
    several tokens)."""
    cues = cues or sports_cues()
    n = len(cues.score.findall(text))
    for word in lower_words:
        if n >= cues.min_cues:
            return True
        n += word in cues.words
    return n >= cues.min_cues


def is_team(actor: Actor) -> bool:
    """A mention a match report uses for a team: a country's name, demonym or capital with
    no role word."""
    return actor.kind in TEAM_KINDS and actor.agent is None
