"""The daily schedule: which dates a scheduled run loads, and the deployment `serve` builds."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from typer.testing import CliRunner

from eventetl.flows.schedules import NoScheduler, build_deployment, daily_window, require_scheduler


def test_a_nightly_run_loads_the_previous_day():
    assert daily_window(datetime(2024, 3, 1, 2, 0, tzinfo=timezone.utc)) == (date(2024, 2, 29), date(2024, 2, 29))


def test_yesterday_is_taken_in_the_schedule_time_zone():
    # 01:00 UTC on 1 March is still 29 February in New York: yesterday there is the 28th
    scheduled = datetime(2024, 3, 1, 1, 0, tzinfo=timezone.utc)
    assert daily_window(scheduled, "America/New_York") == (date(2024, 2, 28), date(2024, 2, 28))
    assert daily_window(scheduled, "Asia/Tokyo") == (date(2024, 2, 29), date(2024, 2, 29))


def test_a_lookback_covers_late_files_and_a_late_run_keeps_its_own_day():
    # a run scheduled for 3 January but started days later still loads 1-2 January
    assert daily_window(datetime(2024, 1, 3, 2, 0), days=2) == (date(2024, 1, 1), date(2024, 1, 2))
    with pytest.raises(ValueError):
        daily_window(datetime(2024, 1, 3), days=0)


def test_the_served_deployment_runs_the_daily_flow_on_the_cron():
    d = build_deployment("/srv/articles", "s3://bucket/events", cron="30 4 * * *", timezone="Europe/Berlin",
                         warehouse="/srv/warehouse.duckdb", days=2, prune=True)
    [schedule] = d.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("30 4 * * *", "Europe/Berlin")
    assert d.parameters == {"source": "/srv/articles", "data_dir": "s3://bucket/events",
                            "warehouse": "/srv/warehouse.duckdb", "rules_dir": None,
                            "timezone": "Europe/Berlin", "days": 2, "prune": True}
    assert d.entrypoint.endswith("flows/schedules.py:daily_flow")


def test_the_deployment_passes_json_record_field_names_to_each_run():
    d = build_deployment("/srv/articles", "/srv/events", fields={"text": ["content"], "published": ["ts"]})
    assert d.parameters["fields"] == {"text": ["content"], "published": ["ts"]}


def test_serve_refuses_a_bad_schedule_before_serving(tmp_path):
    from eventetl.flows.cli.app import app
    bad_zone = CliRunner().invoke(app, ["serve", "--source", str(tmp_path), "--timezone", "Mars/Olympus"])
    assert bad_zone.exit_code == 2 and "bad schedule" in bad_zone.output
    bad_cron = CliRunner().invoke(app, ["serve", "--source", str(tmp_path), "--cron", "every night"])
    assert bad_cron.exit_code == 2 and "bad schedule" in bad_cron.output


def test_serving_without_a_prefect_server_is_refused_with_the_way_out():
    # a bare process gets a temporary API without a scheduler: the schedule would never fire
    with pytest.raises(NoScheduler, match="prefect server start"):
        require_scheduler(None)
    require_scheduler("http://127.0.0.1:4200/api")


def test_prefect_yaml_deployments_point_at_real_flows_with_real_parameters():
    import yaml
    from prefect.flows import load_flow_from_entrypoint

    from conftest import REPO
    config = yaml.safe_load((REPO / "prefect.yaml").read_text())
    assert {d["name"] for d in config["deployments"]} == {"daily", "backfill"}
    for d in config["deployments"]:
        path, name = d["entrypoint"].split(":")
        flow = load_flow_from_entrypoint(f"{REPO / path}:{name}")
        accepted = set(flow.parameters.properties)
        assert set(d["parameters"]) <= accepted, (d["name"], set(d["parameters"]) - accepted)
        assert set(flow.parameters.required or []) <= set(d["parameters"]) | {"start", "end"}


@pytest.mark.slow
def test_an_unscheduled_daily_run_loads_yesterday_only(prefect_api, tmp_path):
    from datetime import timedelta

    import duckdb

    from conftest import write_article
    from eventetl.flows.schedules import daily_flow
    today = datetime.now(timezone.utc).date()
    src = tmp_path / "articles"
    for days_ago in (0, 1, 3):
        day = today - timedelta(days=days_ago)
        write_article(src / day.isoformat(), "a.txt", day.isoformat(),
                      "Iran condemned Israel for the air strike.", "TEHRAN")
    summary = daily_flow(source=str(src), data_dir=str(tmp_path / "data"))
    assert summary.files_seen == 1  # the other dated folders were never listed
    con = duckdb.connect(str(tmp_path / "data" / "warehouse.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT DISTINCT published_date FROM articles").fetchall() == \
            [(today - timedelta(days=1),)]
    finally:
        con.close()
