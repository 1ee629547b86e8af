"""The RuleSet: the shipped rules extended by every --rules folder in order, checked once,
one error format for every kind of rule file, and one extractor version."""
from __future__ import annotations

from datetime import date

import pytest

from conftest import article
from eventetl.extractors.ruleset import ruleset
from eventetl.extractors.extract import extract_events
from eventetl.extractors.ruleset.rule_files import RuleFileError
from eventetl.extractors.ruleset.ruleset import SHIPPED, RuleSet
from eventetl.warehouse.dimensions import cameo_rows, country_rows


def folder_with(tmp_path, name: str, files: dict[str, str]):
    root = tmp_path / name
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_temporal_words_of_every_user_folder_count_not_only_the_first(tmp_path):
    first = folder_with(tmp_path, "first", {"temporal/relative.yaml": "deictic_days:\n  the other day: -3\n"})
    second = folder_with(tmp_path, "second", {"temporal/relative.yaml": "deictic_days:\n  the day before that: -2\n"})
    rules = RuleSet.load([first, second])
    early = extract_events(article("Pakistan and Iran signed a trade agreement the other day."), rules=rules)
    late = extract_events(article("Pakistan and Iran signed a trade agreement the day before that."), rules=rules)
    assert {(e.event_date, e.date_text) for e in early} == {(date(2024, 3, 2), "the other day")}
    assert {(e.event_date, e.date_text) for e in late} == {(date(2024, 3, 3), "the day before that")}


def test_the_version_changes_with_a_file_of_any_user_folder(tmp_path):
    first = folder_with(tmp_path, "first", {"actors/agents.csv": "phrase,agent\nwarlord,REB\n"})
    second = folder_with(tmp_path, "second", {"actors/agents.csv": "phrase,agent\nchieftain,GOV\n"})
    before = RuleSet.load([first, second]).version
    (second / "actors" / "agents.csv").write_text("phrase,agent\nchieftain,REB\n", encoding="utf-8")
    ruleset.clear_caches()
    after = RuleSet.load([first, second]).version
    assert len({SHIPPED.version, RuleSet.load([first]).version, before, after}) == 4
    assert after.startswith(ruleset.package_version() + "+rules.")


def test_the_events_carry_the_version_of_their_rule_set(tmp_path):
    extra = folder_with(tmp_path, "extra", {"events/x.yaml": 'rules:\n- {id: u.snub, code: "111", lemmas: [snub]}\n'})
    rules = RuleSet.load([extra])
    [event] = extract_events(article("Peru snubbed Chile."), rules=rules)
    assert event.extractor_version == rules.version != SHIPPED.version


@pytest.mark.parametrize("rel, text, message", [
    ("cameo/cameo_codes.csv", "code,name,root_code,root_name,level,goldstein,quad_class,plover_type\n"
     "1115,Snub,11,DISAPPROVE,3,-3.5,3,\nX1,Bad,11,DISAPPROVE,3,0,3,\n", r"cameo_codes.csv:3: code 'X1' is not 2-4 digits"),
    ("actors/countries.csv", "iso3,name\n", r"countries.csv: missing column\(s\) iso2"),
    ("events/mine.yaml", "rules:\n  - id: x\n    code: [\n", r"mine.yaml:4: not valid YAML \(column 1"),
    ("temporal/calendar.yaml", "months:\n  smarch: 13\n", r"calendar.yaml: months: 'smarch' must be a whole number"),
])
def test_a_broken_file_of_any_kind_is_one_error_naming_the_file(tmp_path, rel, text, message):
    with pytest.raises(RuleFileError, match=message):
        RuleSet.load([folder_with(tmp_path, "bad", {rel: text})])


def test_a_missing_rules_folder_is_named(tmp_path):
    with pytest.raises(RuleFileError, match=f"rules folder {tmp_path / 'nope'} does not exist"):
        RuleSet.load([tmp_path / "nope"])


def test_the_dimensions_hold_the_user_rows_and_every_code_in_use(tmp_path):
    extra = folder_with(tmp_path, "extra", {
        "cameo/cameo_codes.csv": "code,name,root_code,root_name,level,goldstein,quad_class,plover_type\n"
                                 "1115,Snub diplomatically,11,DISAPPROVE,3,-3.5,3,ACCUSE\n",
        "actors/countries.csv": "iso3,iso2,name,aliases,demonyms,capitals,region,subregion\n"
                                "ZMD,ZD,Zamunda,Zamunda,Zamundan,Zamunda City,Africa,Eastern Africa\n"})
    rules = RuleSet.load([extra])
    assert "ZMD" in {r["iso3"] for r in country_rows(rules)} - {r["iso3"] for r in country_rows()}
    by_code = {r["code"]: r for r in cameo_rows(rules, codes_in_use=["1213"])}
    assert (by_code["1115"]["name"], by_code["1115"]["goldstein"]) == ("Snub diplomatically", -3.5)
    # a shipped rule codes 1213, which the table lacks: listed, described by its parent 121
    assert (by_code["1213"]["name"], by_code["1213"]["level"]) == (by_code["121"]["name"], 3)
