"""Given a user rules folder (--rules) that adds a CAMEO code, a country actor and a
temporal word, expect the events, the dimensions and the serving copy BI tools read
to use all three (the real CLI, real Prefect flow, real DuckDB files)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write_article
from test_cli import cli

SENTENCE = "Zamunda snubbed Peru the other day."


def user_rules(folder: Path) -> Path:
    """A CAMEO code the shipped table lacks (1115, with its own Goldstein score), a verb coded
    with it, a country the shipped dictionaries do not know, and a relative date phrase."""
    for sub in ("events", "cameo", "actors", "temporal"):
        (folder / sub).mkdir(parents=True)
    (folder / "events" / "mine.yaml").write_text(
        'rules:\n- {id: user.snub, code: "1115", lemmas: [snub], pos: verb}\n', encoding="utf-8")
    (folder / "cameo" / "cameo_codes.csv").write_text(
        "code,name,root_code,root_name,level,goldstein,quad_class,plover_type\n"
        "1115,Snub diplomatically,11,DISAPPROVE,3,-3.5,3,ACCUSE\n", encoding="utf-8")
    (folder / "actors" / "countries.csv").write_text(
        "iso3,iso2,name,aliases,demonyms,capitals,region,subregion\n"
        "ZMD,ZD,Zamunda,Zamunda|Kingdom of Zamunda,Zamundan|Zamundans,Zamunda City,Africa,Eastern Africa\n",
        encoding="utf-8")
    (folder / "temporal" / "relative.yaml").write_text("deictic_days:\n  the other day: -3\n", encoding="utf-8")
    return folder


def test_user_rules_change_the_events_extract_prints(tmp_path):
    rules = user_rules(tmp_path / "rules")
    path = write_article(tmp_path / "articles", "a.txt", "2024-03-08", SENTENCE)
    shipped = [json.loads(line) for line in cli("extract", str(path)).stdout.splitlines()]
    out = cli("extract", "--rules", str(rules), str(path))
    assert out.returncode == 0, out.stderr
    [event] = [json.loads(line) for line in out.stdout.splitlines()]
    assert (event["rule_id"], event["event_code"], event["goldstein"]) == ("user.snub", "1115", -3.5)
    assert (event["actor1_name"], event["actor1_country"], event["actor2_country"]) == ("Zamunda", "ZMD", "PER")
    assert (event["event_date"], event["date_text"]) == ("2024-03-05", "the other day")
    assert all(e["rule_id"] != "user.snub" for e in shipped)  # without the folder: none of it


@pytest.mark.slow
def test_user_rules_reach_the_dimensions_and_the_serving_copy(tmp_path):
    rules = user_rules(tmp_path / "rules")
    source = tmp_path / "articles"
    write_article(source, "a.txt", "2024-03-08", SENTENCE)
    data = tmp_path / "data"
    run = cli("run", "--source", str(source), "--data-dir", str(data), "--workers", "1",
              "--rules", str(rules), "--json")
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    # the data tests that check every code and country has its dimension row pass as errors
    assert summary["post_load"]["data_tests"]["failed"] == 0

    def serving(sql: str) -> list[dict]:
        out = cli("query", sql, "--data-dir", str(data), "--format", "json")
        assert out.returncode == 0, out.stderr
        rows = json.loads(out.stdout)
        return rows if isinstance(rows, list) else [rows]

    assert serving("SELECT e.event_code, c.name AS code_name, e.goldstein, e.event_date, a.name AS country "
                   "FROM events e JOIN dim_cameo c ON c.code = e.event_code "
                   "JOIN dim_country a ON a.iso3 = e.actor1_country") == [
        {"event_code": "1115", "code_name": "Snub diplomatically", "goldstein": -3.5,
         "event_date": "2024-03-05", "country": "Zamunda"}]
    [meta] = serving("SELECT value FROM _serving_meta WHERE key = 'extractor_version'")
    [(stamped,)] = {(r["extractor_version"],) for r in serving("SELECT extractor_version FROM event_mentions")}
    assert meta["value"] == stamped == summary["extractor_version"]

    # Rebuilding the marts with the same folder keeps the user's rows in the dimensions.
    rebuilt = cli("build-marts", "--data-dir", str(data), "--rules", str(rules))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert serving("SELECT name FROM dim_cameo WHERE code = '1115'") == [{"name": "Snub diplomatically"}]
