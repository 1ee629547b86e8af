"""The daily schedule: every night, load the previous day's publication date.

The window is computed from the run's *scheduled* time, not from the clock: when the
serving process was down for three nights, Prefect runs the three late runs when it
comes back and each loads its own day. Longer gaps: `eventetl backfill`.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from prefect import flow

from eventetl.flows import observability as obs
from eventetl.flows.ingest import RunSummary, SourceRetries, run_ingest

DEFAULT_CRON = "0 2 * * *"
DEPLOYMENT_NAME = "daily"
RETRIES = 3                  # a source that is down gets three more tries ...
RETRY_DELAY_SECONDS = 300.0  # ... five minutes apart


def daily_window(scheduled: datetime, timezone: str = "UTC", days: int = 1) -> tuple[date, date]:
    """The `days` publication dates before the scheduled day, in the schedule's time zone."""
    if days < 1:
        raise ValueError("days must be at least 1")
    if scheduled.tzinfo is None:
        scheduled = scheduled.replace(tzinfo=ZoneInfo("UTC"))
    local_day = scheduled.astimezone(ZoneInfo(timezone)).date()
    return local_day - timedelta(days=days), local_day - timedelta(days=1)


@flow(name="eventetl-daily", log_prints=True)
def daily_flow(source: str, data_dir: str = "data", warehouse: str | None = None, rules_dir: str | None = None,
               timezone: str = "UTC", days: int = 1, prune: bool = False, retries: int = RETRIES,
               retry_delay_seconds: float = RETRY_DELAY_SECONDS,
               fields: dict[str, list[str]] | None = None) -> RunSummary:
    """Load the publication dates before this run's scheduled day (yesterday by default).

    A run that finds another one writing the data folder (a late run, a manual `eventetl
    run`) waits for it rather than failing; listing the source is retried `retries` times,
    `retry_delay_seconds` apart, when it fails in a way waiting may fix. `fields`: JSON
    record keys, as for ingest_flow.
    """
    from prefect.runtime import flow_run
    start, end = daily_window(flow_run.scheduled_start_time, timezone, days)
    print(f"loading publication dates {start}..{end} from {source}")
    with obs.progress_artifact():
        return run_ingest(source, data_dir, start, end, rules_dir=rules_dir, warehouse=warehouse, as_tasks=True,
                          prune=prune, wait=True, retry=SourceRetries(retries, retry_delay_seconds), fields=fields)


def daily_parameters(source: str, data_dir: str, warehouse: str | None = None, rules_dir: str | None = None,
                     timezone: str = "UTC", days: int = 1, prune: bool = False,
                     fields: dict[str, list[str]] | None = None) -> dict:
    return {"source": source, "data_dir": data_dir, "warehouse": warehouse, "rules_dir": rules_dir,
            "timezone": timezone, "days": days, "prune": prune, **({"fields": fields} if fields else {})}


def build_deployment(source: str, data_dir: str, cron: str = DEFAULT_CRON, timezone: str = "UTC",
                     warehouse: str | None = None, rules_dir: str | None = None, days: int = 1,
                     prune: bool = False, name: str = DEPLOYMENT_NAME, fields: dict[str, list[str]] | None = None):
    """The deployment `eventetl serve` serves: the daily flow on a cron schedule."""
    from prefect.schedules import Cron
    ZoneInfo(timezone)  # an unknown zone fails here, not at 2 a.m.
    return daily_flow.to_deployment(
        name=name, schedules=[Cron(cron, timezone=timezone)],
        parameters=daily_parameters(source, data_dir, warehouse, rules_dir, timezone, days, prune, fields),
        description=f"Load yesterday's articles from {source} into {data_dir} ({cron}, {timezone}).",
        tags=["eventetl"])


class NoScheduler(RuntimeError):
    pass


def require_scheduler(api_url: str | None) -> None:
    """Schedules need a Prefect server: the temporary one a bare process starts runs no
    scheduler, so a served deployment would wait forever for its first run."""
    if not api_url:
        raise NoScheduler("schedules need a Prefect server: start one with `prefect server start` and "
                          "`export PREFECT_API_URL=http://127.0.0.1:4200/api` (or use a profile)")


def current_api_url() -> str | None:
    from prefect.settings import get_current_settings
    return get_current_settings().api.url


def serve(deployment) -> None:
    """Block, running scheduled (and late) runs of the deployment until interrupted."""
    from prefect import serve as prefect_serve
    # Keep the schedule active while this process is down: the runs the server already
    # scheduled then wait as Late and run (each on its own day) when serving resumes.
    prefect_serve(deployment, pause_on_shutdown=False)
