"""Scale-out: extraction chunks on a Dask cluster produce the same warehouse as the default runner."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from eventetl.flows.task_runners import TaskRunnerError, make_task_runner

TABLES = {
    "articles": "SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY article_id",
    "event_mentions": "SELECT * FROM event_mentions ORDER BY mention_id",
    "events": "SELECT * FROM events ORDER BY ALL",
    "rejected_articles": "SELECT source_uri, reason FROM rejected_articles ORDER BY 1",
}


def snapshot(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in TABLES.items()}
    finally:
        con.close()


def test_task_runner_choice_is_checked():
    assert make_task_runner("default") is None
    with pytest.raises(TaskRunnerError, match="must be one of"):
        make_task_runner("spark")
    with pytest.raises(TaskRunnerError, match="needs --task-runner dask"):
        make_task_runner("default", address="tcp://127.0.0.1:8786")
    assert make_task_runner("dask", address="tcp://10.0.0.1:8786").address == "tcp://10.0.0.1:8786"
    local = make_task_runner("dask", n_workers=2)
    assert local.address is None and local.cluster_kwargs["n_workers"] == 2
    assert local.cluster_kwargs["threads_per_worker"] == 1  # CPU-bound Python: processes, not threads


def test_run_command_refuses_an_unknown_task_runner_before_starting_anything(tmp_path):
    from typer.testing import CliRunner

    from eventetl.flows.cli.app import app
    result = CliRunner().invoke(app, ["run", "--source", str(tmp_path), "--data-dir", str(tmp_path / "d"),
                                      "--task-runner", "spark"])
    assert result.exit_code == 2 and "must be one of default, dask" in result.output
    assert not (tmp_path / "d").exists()


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_warehouse(prefect_api, dev_articles, tmp_path):
    from eventetl.extractors.ruleset import ruleset
    from eventetl.flows.ingest import ingest_flow, run_ingest

    src = tmp_path / "articles"
    src.mkdir()
    for f in sorted(dev_articles.glob("*.txt"))[:12]:
        shutil.copy(f, src / f.name)
    ruleset.clear_caches()  # this process must see the rule files the Dask workers will see
    default = run_ingest(str(src), str(tmp_path / "default"), workers=1)
    dask_flow = ingest_flow.with_options(task_runner=make_task_runner("dask", n_workers=2))
    on_dask = dask_flow(source=str(src), data_dir=str(tmp_path / "dask"), chunk_size=4, distributed=True)

    assert on_dask.files_seen == default.files_seen == 12
    assert on_dask.new_mentions == default.new_mentions > 0
    a, b = snapshot(tmp_path / "default" / "warehouse.duckdb"), snapshot(tmp_path / "dask" / "warehouse.duckdb")
    for name in TABLES:
        assert a[name] == b[name], name
    # a rerun on Dask reuses everything
    again = dask_flow(source=str(src), data_dir=str(tmp_path / "dask"), chunk_size=4, distributed=True)
    assert again.unchanged == default.articles and again.new_mentions == 0
