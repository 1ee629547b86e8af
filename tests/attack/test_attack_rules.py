"""Hostile and mistaken rule folders (`--rules DIR`): one line naming the file, before any article.

Each case is a real `eventetl run --rules DIR`; nothing may be written to the data folder.
The rules are checked before Prefect starts, so these runs need no Prefect API.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from attack_kit import article, command_env, eventetl, one_line_error

pytestmark = pytest.mark.attack

RULE = "rules:\n  - {{id: my_visit, code: \"042\", lemmas: [visit], {field}}}\n"


def billion_laughs() -> str:
    """Nine aliases of nine aliases ...: 800 bytes that expand to 10^9 values."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\nrules:\n  - {id: bomb, code: \"042\", lemmas: *l9}\n"


CASES = {
    "confidence: high": ("events/mine.yaml", RULE.format(field="confidence: high"),
                         "mine.yaml: rule my_visit: confidence must be a number from 0 to 1, not 'high'"),
    "window: -5": ("events/mine.yaml", RULE.format(field="window: -5"),
                   "mine.yaml: rule my_visit: window must be a whole number of words, 1 or more, not -5"),
    "next: 5": ("events/mine.yaml", RULE.format(field="next: 5"),
                "mine.yaml: rule my_visit: next must be a word or a list of words"),
    "symmetric: 'false'": ("events/mine.yaml", RULE.format(field="symmetric: 'false'"),
                           "symmetric must be true or false, not 'false'"),
    "billion laughs": ("events/bomb.yaml", billion_laughs(),
                       "bomb.yaml:7: YAML aliases expand to more than 2,000,000 values"),
    "a 13th month": ("temporal/calendar.yaml", "months:\n  brumaire: 13\n",
                     "calendar.yaml: months: 'brumaire' must be a whole number from 1 to 12, not 13"),
    "CSV quote left open": ("actors/agents.csv", 'phrase,agent\nminister,GOV\n"general,MIL\nrebels,REB\n',
                            "agents.csv:3: broken quoting"),
    "CSV quote closed lines later": ("actors/agents.csv", 'phrase,agent\n"general,MIL\nrebels",REB\nsoldiers,MIL\n',
                                     "agents.csv:2: a quoted field runs past the end of its line"),
    "not UTF-8": ("actors/agents.csv", b"phrase,agent\nminist\xe8re,GOV\n", "agents.csv:2: not UTF-8 text"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_rule_file_stops_the_run_with_one_line_naming_it(case, tmp_path):
    relpath, content, expected = CASES[case]
    rules = tmp_path / "rules"
    target = rules / relpath
    target.parent.mkdir(parents=True)
    target.write_bytes(content if isinstance(content, bytes) else content.encode())
    article(tmp_path / "src", "a.txt")
    data = tmp_path / "data"
    ran = eventetl("run", "--source", tmp_path / "src", "--data-dir", data, "--rules", rules, env=command_env(),
                   timeout=300, max_memory=8 * 1024 ** 3)
    one_line_error(ran, expected)
    assert not data.exists()


def test_a_rule_file_over_the_size_limit_is_refused_unread(tmp_path):
    rules = tmp_path / "rules" / "events"
    rules.mkdir(parents=True)
    with open(rules / "huge.yaml", "wb") as f:
        f.write(b"rules: []\n")
        f.truncate(17 * 1024 * 1024)  # sparse: 17 MB on paper, nothing on disk
    article(tmp_path / "src", "a.txt")
    ran = eventetl("run", "--source", tmp_path / "src", "--data-dir", tmp_path / "data",
                   "--rules", tmp_path / "rules", env=command_env())
    one_line_error(ran, "huge.yaml: 17825792 bytes, larger than the 16 MB a rule file may hold")
