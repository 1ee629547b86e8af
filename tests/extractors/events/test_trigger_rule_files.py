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


@pytest.mark.parametrize("field, code, lemma, other, not_a_code", [
    ("refused_code", "054", "recognise", "120", "reject"),  # "did not recognise": a rejection
    ("state_code", "140", "protest", "114", "complain"),  # a protest by a state: lodged
    ("force_code", "145", "storm", "171", "raid"),  # storming by police: a raid
    ("leader_code", "190", "clash", "111", "argue"),  # leaders who clashed: they argued
])
def test_a_code_of_another_reading_is_a_cameo_code_of_its_own(field, code, lemma, other, not_a_code):
    rule = parse_rule({"id": "x", "code": code, "lemmas": [lemma], field: other}, "mine.yaml")
    assert getattr(rule, field) == other
    assert getattr(parse_rule({"id": "y", "code": code, "lemmas": [lemma]}, "m.yaml"), field) is None
    with pytest.raises(RuleError, match=field):
        parse_rule({"id": "z", "code": code, "lemmas": [lemma], field: not_a_code}, "mine.yaml")


def test_quoted_lets_a_rule_find_its_required_words_in_the_quotation_it_attributes(tmp_path, nlp):
    """A user's rule with `quoted` fires on "..., the minister said" when the quotation
    holds the word; the same rule without it does not."""
    from eventetl.extractors.events.triggers import TriggerMatcher
    text = '"This is an outrage," the minister said.'
    fired = {}
    for quoted in (True, False):
        folder = tmp_path / str(quoted)
        (folder / "events").mkdir(parents=True)
        (folder / "events" / "mine.yaml").write_text(
            "rules:\n- {id: my.outrage, code: '111', lemmas: [say], pos: verb, requires: [outrage], "
            f"quoted: {str(quoted).lower()}}}\n")
        doc = TriggerMatcher(nlp, rules_dirs=[str(folder)])(nlp(text))
        fired[quoted] = [s._.rule.id for s in doc.spans["triggers"]]
    assert "my.outrage" in fired[True] and "my.outrage" not in fired[False]
