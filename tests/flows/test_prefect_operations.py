"""Unattended runs under a real Prefect API: transient source errors are retried after a
delay, a scheduled run queues behind another writer, a failing date stays Failed in the
UI, long runs keep a progress artifact, and the client sends no telemetry."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timedelta, timezone

import pytest

from conftest import REPO, write_article
from eventetl.flows import observability as obs
from test_backfill import loaded_dates, three_days
from test_sources_remote import FolderServer


def task_runs_of(flow_run_id) -> dict[str, object]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    return {r.name: r for r in runs}


def yesterday() -> date:
    """The day a daily run started now loads (its window is computed in UTC)."""
    return datetime.now(timezone.utc).date() - timedelta(days=1)


@pytest.mark.slow
def test_a_scheduled_run_retries_a_source_that_is_down_after_the_delay(prefect_api, tmp_path, monkeypatch):
    from eventetl.flows.schedules import daily_flow
    monkeypatch.setenv("EVENTETL_RETRIES", "1")  # no quick in-process retry: the task's retry must do it
    day = yesterday()
    write_article(tmp_path / "site" / "news", "a.txt", day.isoformat(),
                  "Pakistan and Iran agreed to restore diplomatic ties.", "ISLAMABAD")
    with FolderServer(tmp_path / "site", flaky=1).running() as server:  # the first request gets a 503
        t0 = time.monotonic()
        state = daily_flow(source=f"{server.url}/news/", data_dir=str(tmp_path / "data"), retries=2,
                           retry_delay_seconds=2, return_state=True)
        elapsed = time.monotonic() - t0
    assert state.is_completed(), state.message
    assert elapsed >= 2
    discover = task_runs_of(state.state_details.flow_run_id)
    [listing] = [r for name, r in discover.items() if name.startswith("discover-files")]
    assert listing.run_count == 2 and listing.state.is_completed()
    assert loaded_dates(tmp_path / "data" / "warehouse.duckdb") == [(day, 1)]


@pytest.mark.slow
def test_a_missing_source_is_not_retried(prefect_api, tmp_path):
    from eventetl.flows.schedules import daily_flow
    t0 = time.monotonic()
    state = daily_flow(source=str(tmp_path / "nowhere"), data_dir=str(tmp_path / "data"), retries=3,
                       retry_delay_seconds=60, return_state=True)
    assert state.is_failed() and "does not exist" in state.message
    assert time.monotonic() - t0 < 60
    [listing] = [r for name, r in task_runs_of(state.state_details.flow_run_id).items()
                 if name.startswith("discover-files")]
    assert listing.run_count == 1 and listing.state.is_failed()


@pytest.mark.slow
def test_a_scheduled_run_queues_behind_another_writer_instead_of_failing(prefect_api, tmp_path):
    from eventetl.flows.run_lock import exclusive_run
    from eventetl.flows.schedules import daily_flow
    day = yesterday()
    src = tmp_path / "articles"
    write_article(src, "a.txt", day.isoformat(), "Pakistan and Iran agreed to restore diplomatic ties.", "ISLAMABAD")
    data = tmp_path / "data"
    holding, release = threading.Event(), threading.Event()

    def other_writer() -> None:  # e.g. a manual `eventetl run` still loading
        with exclusive_run(data):
            holding.set()
            release.wait(60)

    holder = threading.Thread(target=other_writer)
    holder.start()
    holding.wait(10)
    threading.Timer(4, release.set).start()
    t0 = time.monotonic()
    try:
        state = daily_flow(source=str(src), data_dir=str(data), return_state=True)
    finally:
        release.set()
        holder.join()
    assert state.is_completed(), state.message
    assert time.monotonic() - t0 >= 3  # it waited for the other writer
    assert loaded_dates(data / "warehouse.duckdb") == [(day, 1)]


@pytest.mark.slow
def test_a_failing_date_of_a_backfill_stays_a_failed_task_run_and_fails_the_flow_run(prefect_api, tmp_path,
                                                                                       monkeypatch):
    from eventetl.flows.backfill import BackfillFailed, backfill_flow
    monkeypatch.setenv("EVENTETL_RETRIES", "1")
    three_days(tmp_path)
    with FolderServer(tmp_path / "site", failing=("/news/2024/01/26",)).running() as server:
        state = backfill_flow(source=f"{server.url}/news", data_dir=str(tmp_path / "data"),
                              start=date(2024, 1, 25), end=date(2024, 1, 27), workers=1, retries=1,
                              retry_delay_seconds=0, return_state=True)
    assert state.is_failed() and "1 of 3 dates failed: 2024-01-26" in state.message
    error = state.result(raise_on_failure=False)
    assert isinstance(error, BackfillFailed) and [d.day for d in error.report.failed] == [date(2024, 1, 26)]
    runs = task_runs_of(state.state_details.flow_run_id)
    assert runs["load 2024-01-26"].state.is_failed() and runs["load 2024-01-26"].run_count == 2  # retried once
    assert runs["load 2024-01-25"].state.is_completed() and runs["load 2024-01-27"].state.is_completed()
    assert loaded_dates(tmp_path / "data" / "warehouse.duckdb") == [(date(2024, 1, 25), 1), (date(2024, 1, 27), 2)]


def latest_artifact(key: str):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort
    with get_client(sync_client=True) as client:
        [artifact] = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
                                           sort=ArtifactSort.UPDATED_DESC, limit=1)
    return artifact


@pytest.mark.slow
def test_the_progress_artifact_follows_every_chunk(prefect_api):
    from prefect import flow

    @flow
    def counting() -> list[tuple[float, str]]:
        seen = []
        with obs.progress_artifact("test-progress"):
            job = obs.job_start("extracting files", 4)
            for done in (1, 3, 4):
                obs.chunk_done(job, done, 4)
                a = latest_artifact("test-progress")
                seen.append((float(a.data), a.description))
            obs.phase("loading DuckDB")
            seen.append((float(latest_artifact("test-progress").data), latest_artifact("test-progress").description))
        return seen

    assert counting() == [(25.0, "1/4 files extracted; starting"), (75.0, "3/4 files extracted; starting"),
                          (100.0, "4/4 files extracted; starting"), (100.0, "4/4 files extracted; loading DuckDB")]


@pytest.mark.slow
def test_a_run_publishes_its_progress_per_chunk(prefect_api, article_folder, tmp_path):
    from eventetl.flows.ingest import ingest_flow
    ingest_flow(source=str(article_folder), data_dir=str(tmp_path / "data"), workers=1, chunk_size=2)
    artifact = latest_artifact("eventetl-progress")
    assert float(artifact.data) == 100.0
    assert artifact.description == "4/4 files extracted; finished"


def test_the_client_sends_no_telemetry_either():
    """The server-side switch alone left the client's first-run notice and events on."""
    import prefect._internal.analytics.ci_detection as ci
    env = {k: v for k, v in os.environ.items()
           if k not in ci.CI_ENV_VARS and k not in ("DO_NOT_TRACK", "PREFECT_SERVER_ANALYTICS_ENABLED")}
    probe = ("import sys; from eventetl.flows import prefect_env; {configure}"
             "from prefect._internal.analytics.enabled import is_telemetry_enabled; "
             "import os; print(is_telemetry_enabled(), os.environ.get('PREFECT_SERVER_ANALYTICS_ENABLED'))")
    run = lambda configure: subprocess.run([sys.executable, "-c", probe.format(configure=configure)], cwd=REPO,
                                           env=env, capture_output=True, text=True, timeout=120).stdout.split()
    assert run("") == ["True", "None"]                          # what a bare process would do
    assert run("prefect_env.configure(); ") == ["False", "false"]  # what every eventetl command does
