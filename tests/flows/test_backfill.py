"""Backfills: every date of a range, one partition at a time; a failed date is listed, not fatal."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from conftest import warehouse_rows, write_article
from eventetl.flows.backfill import days, run_backfill
from test_sources_remote import FolderServer


def three_days(root: Path) -> Path:
    src = root / "site" / "news"
    write_article(src / "2024" / "01" / "25", "a.txt", "2024-01-25",
                  "Pakistan and Iran agreed to restore diplomatic ties.", "ISLAMABAD")
    write_article(src / "2024" / "01" / "26", "b.txt", "2024-01-26",
                  "Russian troops attacked Ukrainian positions near Kharkiv.", "KYIV")
    write_article(src / "2024" / "01" / "27", "c.txt", "2024-01-27",
                  "China criticised Japan over its defence budget.", "TOKYO")
    write_article(src / "2024" / "01" / "27", "d.txt", "2024-01-27",
                  "Japan rejected the criticism from China.", "TOKYO")
    return src


def loaded_dates(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT published_date, count(*) FROM articles GROUP BY 1 ORDER BY 1").fetchall()
    finally:
        con.close()


def test_days_cover_the_range_inclusively():
    assert list(days(date(2024, 2, 28), date(2024, 3, 1))) == [date(2024, 2, 28), date(2024, 2, 29),
                                                               date(2024, 3, 1)]
    with pytest.raises(ValueError):
        list(days(date(2024, 3, 2), date(2024, 3, 1)))


@pytest.mark.slow
def test_a_failing_date_does_not_stop_the_others(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTETL_RETRIES", "2")
    monkeypatch.setenv("EVENTETL_RETRY_DELAY", "0.01")
    three_days(tmp_path)
    with FolderServer(tmp_path / "site", failing=("/news/2024/01/26",)).running() as server:
        report = run_backfill(f"{server.url}/news", str(tmp_path / "data"), date(2024, 1, 25), date(2024, 1, 27),
                              workers=2)
    by_day = {d.day.isoformat(): d for d in report.dates}
    assert [d.isoformat() for d in (r.day for r in report.dates)] == ["2024-01-25", "2024-01-26", "2024-01-27"]
    assert [d.day for d in report.failed] == [date(2024, 1, 26)]
    assert "cannot be listed" in by_day["2024-01-26"].error
    assert (by_day["2024-01-25"].files, by_day["2024-01-25"].articles) == (1, 1)
    assert (by_day["2024-01-27"].files, by_day["2024-01-27"].articles) == (2, 2)
    assert by_day["2024-01-27"].new_mentions > 0
    assert loaded_dates(tmp_path / "data" / "warehouse.duckdb") == [(date(2024, 1, 25), 1), (date(2024, 1, 27), 2)]
    assert report.to_dict()["failed"] == ["2024-01-26"]


@pytest.mark.slow
def test_backfill_command_reports_each_date_and_exits_non_zero_on_failure(prefect_api, tmp_path):
    from eventetl.flows.cli.app import app
    src = three_days(tmp_path)
    (src / "2024" / "01" / "26" / "b.txt").write_bytes(b"\x00\x01 not an article")  # rejected, not failed
    runner = CliRunner()
    ok = runner.invoke(app, ["backfill", "--source", str(src), "--data-dir", str(tmp_path / "data"),
                             "--start", "2024-01-25", "--end", "2024-01-27", "--workers", "1"])
    assert ok.exit_code == 0, ok.output
    for day in ("2024-01-25", "2024-01-26", "2024-01-27"):
        assert day in ok.output
    assert loaded_dates(tmp_path / "data" / "warehouse.duckdb") == [(date(2024, 1, 25), 1), (date(2024, 1, 27), 2)]
    # the run's table artifact: one row per publication date loaded (the rejected file has none)
    tables = latest_run_tables()
    assert {row["date"] for row in tables} >= {"2024-01-25", "2024-01-27", "undated"}
    assert all({"files", "new", "changed", "unchanged", "rejected", "events"} <= set(row) for row in tables)

    # a source that is not there: every date fails, the command lists them and exits 1
    bad = runner.invoke(app, ["backfill", "--source", str(tmp_path / "missing"), "--data-dir",
                              str(tmp_path / "data"), "--start", "2024-01-25", "--end", "2024-01-26"])
    assert bad.exit_code == 1
    assert "2 date(s) failed" in bad.output


def latest_run_tables() -> list[dict]:
    import json
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["eventetl-run"])))
    rows = []
    for a in artifacts:
        data = json.loads(a.data) if isinstance(a.data, str) else a.data
        rows.extend(data)
    return rows


def serving_rows(data: Path, sql: str) -> list[tuple]:
    return warehouse_rows(data, sql, "serving.duckdb")


def test_models_tests_and_serving_copy_are_built_once_after_the_last_date(tmp_path, monkeypatch):
    import eventetl.warehouse.post_load as step
    calls = []
    real = step.post_load
    monkeypatch.setattr(step, "post_load", lambda *a, **kw: calls.append(kw) or real(*a, **kw))
    data = tmp_path / "data"
    report = run_backfill(str(three_days(tmp_path)), str(data), date(2024, 1, 25), date(2024, 1, 27), workers=1)
    assert not report.failed
    assert [c["incremental"] for c in calls] == [False]  # one full rebuild, not one refresh per date
    assert report.post_load.serving == str(data / "serving.duckdb")
    assert report.post_load.test_counts.failed == 0
    # the serving copy holds the events of every date
    assert serving_rows(data, "SELECT DISTINCT first_seen FROM events ORDER BY 1") == [
        (date(2024, 1, 25),), (date(2024, 1, 26),), (date(2024, 1, 27),)]


def test_a_backfill_stopped_before_its_post_load_step_is_caught_up_by_the_next_run(tmp_path, monkeypatch):
    import eventetl.flows.backfill
    from eventetl.flows.ingest import run_ingest

    def stopped(*_):  # the process ends after loading its dates, before the post-load step
        raise KeyboardInterrupt
    monkeypatch.setattr(eventetl.flows.backfill, "finish_deferred_load", stopped)
    data = tmp_path / "data"
    with pytest.raises(KeyboardInterrupt):
        run_backfill(str(three_days(tmp_path)), str(data), date(2024, 1, 25), date(2024, 1, 26), workers=1)
    later = tmp_path / "later"
    write_article(later, "e.txt", "2024-02-01", "China criticised Japan over its defence budget.", "TOKYO")
    run_ingest(str(later), str(data), workers=1)
    # the next run rebuilt every model: the backfilled dates' events are there too
    assert serving_rows(data, "SELECT DISTINCT first_seen FROM events ORDER BY 1") == [
        (date(2024, 1, 25),), (date(2024, 1, 26),), (date(2024, 2, 1),)]
