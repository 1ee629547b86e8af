"""Given a user rules folder (--rules), expect extraction to use its words beside the
shipped ones."""
from __future__ import annotations

from datetime import date

from conftest import article
from eventetl.extractors.extract import extract_events
from eventetl.extractors.ruleset.ruleset import RuleSet


def test_user_rule_directory_adds_a_trigger(tmp_path):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "extra.yaml").write_text(
        'rules:\n- {id: user.snub, code: "111", lemmas: [snub], pos: verb}\n', encoding="utf-8")
    events = extract_events(article("Peru snubbed Chile."), rules=RuleSet.load([tmp_path]))
    assert [(e.rule_id, e.actor1_country, e.actor2_country) for e in events] == [("user.snub", "PER", "CHL")]


def test_a_user_rules_folder_extends_the_date_words_extraction_uses(tmp_path):
    # "three days ago" in the user's own words: a deictic phrase of temporal/relative.yaml
    (tmp_path / "temporal").mkdir()
    (tmp_path / "temporal" / "relative.yaml").write_text("deictic_days:\n  the other day: -3\n")
    art = article("Pakistan and Iran signed a trade agreement the other day.")
    shipped = extract_events(art)
    extended = extract_events(art, rules=RuleSet.load([tmp_path]))
    assert {e.event_date for e in shipped} == {date(2024, 3, 5)}
    assert {(e.event_date, e.date_text) for e in extended} == {(date(2024, 3, 2), "the other day")}
