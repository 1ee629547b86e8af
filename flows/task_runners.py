"""Where extraction tasks run: in this process (with its own worker pool) or on Dask.

The default keeps the flow's own process pool (fast start, no scheduler). `dask`
submits one task per chunk of files to a Dask cluster through prefect-dask: an
existing scheduler (`--dask-address tcp://host:8786`) or a LocalCluster started for
the run. Workers need the project installed and read the sources themselves, so the
source must be reachable from them (a shared folder, HTTP or S3).
"""
from __future__ import annotations

TASK_RUNNERS = ("default", "dask")


class TaskRunnerError(ValueError):
    pass


def make_task_runner(kind: str = "default", address: str | None = None, n_workers: int | None = None):
    """The Prefect task runner for `kind`, or None for the flow's default."""
    if kind == "default":
        if address:
            raise TaskRunnerError("--dask-address needs --task-runner dask")
        return None
    if kind != "dask":
        raise TaskRunnerError(f"--task-runner must be one of {', '.join(TASK_RUNNERS)}, not {kind!r}")
    from eventetl.flows.extras import MissingExtra, require
    try:
        require("dask", "--task-runner dask")
    except MissingExtra as err:
        raise TaskRunnerError(str(err)) from None
    from prefect_dask import DaskTaskRunner
    if address:
        return DaskTaskRunner(address=address)
    # One thread per worker process: extraction is CPU-bound Python, threads would share a GIL.
    return DaskTaskRunner(cluster_kwargs={"n_workers": n_workers or 2, "threads_per_worker": 1,
                                          "processes": True, "dashboard_address": None})


def flow_for(kind: str = "default", address: str | None = None, n_workers: int | None = None):
    """The ingest flow bound to the chosen task runner, and whether chunks go to it."""
    from eventetl.flows.ingest import ingest_flow
    runner = make_task_runner(kind, address, n_workers)
    if runner is None:
        return ingest_flow, False
    return ingest_flow.with_options(task_runner=runner), True
