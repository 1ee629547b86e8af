"""Given a rule file, expect its fields read as the format says, and a field that YAML
would silently misread reported with the rule's id."""
from __future__ import annotations

import pytest

from eventetl.extractors.events.triggers import RuleError, load_rules, parse_rule


def test_one_sided_is_a_yes_or_no_field_of_a_rule():
    rule = parse_rule({"id": "x", "code": "0874", "lemmas": ["flee"], "one_sided": True}, "mine.yaml")
    assert rule.one_sided and not parse_rule({"id": "y", "code": "0874", "lemmas": ["flee"]}, "m.yaml").one_sided
    with pytest.raises(RuleError, match="unknown field"):
        parse_rule({"id": "z", "code": "0874", "lemmas": ["flee"], "onesided": True}, "mine.yaml")


def test_a_bare_on_or_off_in_a_rule_file_is_reported_not_read_as_a_boolean(tmp_path):
    (tmp_path / "mine.yaml").write_text(
        "rules:\n- {id: my.raid, code: '190', lemmas: [raid], target_preps: [on, against]}\n")
    with pytest.raises(RuleError, match="my.raid"):
        load_rules([tmp_path])


def test_a_refused_code_is_a_cameo_code_of_its_own():
    rule = parse_rule({"id": "x", "code": "054", "lemmas": ["recognise"], "refused_code": "120"}, "mine.yaml")
    assert rule.refused_code == "120"
    assert parse_rule({"id": "y", "code": "054", "lemmas": ["recognise"]}, "m.yaml").refused_code is None
    with pytest.raises(RuleError, match="refused_code"):
        parse_rule({"id": "z", "code": "054", "lemmas": ["recognise"], "refused_code": "reject"}, "mine.yaml")


def test_a_state_code_is_a_cameo_code_of_its_own():
    rule = parse_rule({"id": "x", "code": "140", "lemmas": ["protest"], "state_code": "114"}, "mine.yaml")
    assert rule.state_code == "114"
    assert parse_rule({"id": "y", "code": "140", "lemmas": ["protest"]}, "m.yaml").state_code is None
    with pytest.raises(RuleError, match="state_code"):
        parse_rule({"id": "z", "code": "140", "lemmas": ["protest"], "state_code": "complain"}, "mine.yaml")


def test_a_force_code_is_a_cameo_code_of_its_own():
    rule = parse_rule({"id": "x", "code": "145", "lemmas": ["storm"], "force_code": "171"}, "mine.yaml")
    assert rule.force_code == "171"
    assert parse_rule({"id": "y", "code": "145", "lemmas": ["storm"]}, "m.yaml").force_code is None
    with pytest.raises(RuleError, match="force_code"):
        parse_rule({"id": "z", "code": "145", "lemmas": ["storm"], "force_code": "raid"}, "mine.yaml")
