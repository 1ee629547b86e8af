"""CAMEO code -> root, base code, Goldstein scale, quad class, PLOVER type (from the
code table loaded by `eventetl.extractors.ruleset.dictionaries`)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventetl.extractors.ruleset import dictionaries


@dataclass(frozen=True)
class CodeFacts:
    code: str
    root: str
    base: str
    goldstein: float | None
    quad_class: int
    plover_type: str | None


# CAMEO roots 01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal
# conflict, 14-20 material conflict: the fallback
# when a code is missing from the table.
def _quad_of_root(root: str) -> int:
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


@lru_cache(maxsize=2048)
def code_facts(code: str, rules_dirs: tuple[str, ...] = ()) -> CodeFacts:
    try:
        c = dictionaries.describe_code(code, rules_dirs)
        return CodeFacts(code, code[:2], code[:3], c.goldstein, int(c.quad_class), c.plover_type or None)
    except KeyError:
        return CodeFacts(code, code[:2], code[:3], None, _quad_of_root(code[:2]), None)


# The root of a threat: what `intent_code` gives a hostile act intended.
THREAT_ROOT = "13"
# CAMEO codes an intention by what is intended: cooperation as 03x (express intent to ...),
# coercion and force as 13x (threaten to ...).
_INTENT_BY_ROOT = {
    "04": "036", "05": "032", "06": "031", "07": "033", "08": "035",
    "11": "130", "12": "130", "14": "133", "15": "138", "16": "131", "17": "137",
    "18": "138", "19": "138", "20": "138",
}


def intent_code(act_code: str) -> str:
    """The CAMEO code for intending the act coded `act_code` ("wants to attack" -> 138).
    An act that is itself an intention keeps its code ("vowed to cooperate": 031)."""
    if act_code[:2] == "03":
        return act_code
    if act_code[:3] == "045":
        return "039"  # intending to mediate
    return _INTENT_BY_ROOT.get(act_code[:2], "030")
