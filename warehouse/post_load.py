"""The step after every load, the same for `run`, `backfill` (once, after its last date)
and `build-marts`: SQL models (events, dimensions from the run's RuleSet, marts), data
tests (with their Prefect artifact inside a flow run), then the serving copy BI tools
read, stamped with the extractor version.

A failing data test stops the step before the serving file is replaced, so dashboards
keep the last state that passed; the caller decides how to end (the flows raise
`DataTestsFailed`, `build-marts` prints the problems).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb

from eventetl.extractors.ruleset.ruleset import RuleSet
from eventetl.warehouse import data_tests, models, serving


@dataclass(frozen=True)
class PostLoad:
    """What the step built: rows per model, the data tests, the serving copy (None when a
    test failed and it was left as it was), seconds per part."""

    models: list[models.ModelRun]
    tests: list[data_tests.TestResult]
    serving: str | None
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def failed(self) -> list[data_tests.TestResult]:
        return data_tests.failed(self.tests)

    @property
    def test_counts(self) -> data_tests.DataTestCounts:
        return data_tests.DataTestCounts.of(self.tests)

    def as_dict(self) -> dict:
        """The run summary's `post_load`, as JSON shows it."""
        return {"models": {r.name: r.rows for r in self.models if r.rows is not None},
                "data_tests": self.test_counts.to_dict(), "serving": self.serving,
                "seconds": self.seconds}


def post_load(con: duckdb.DuckDBPyConnection, warehouse_file: Path | str, rules: RuleSet,
              incremental: bool = False, phase: Callable[[str], None] = lambda message: None) -> PostLoad:
    """Models, data tests and the serving copy beside `warehouse_file`. `incremental`: refresh
    only the events the load tracked (`models.track_affected_events`), else rebuild all."""
    t0 = time.perf_counter()
    phase("building SQL models (events, dimensions, marts)")
    built = models.run_models(con, incremental=incremental, rules=rules)
    t1 = time.perf_counter()
    phase("running data tests")
    tests = data_tests.run_data_tests(con)
    data_tests.publish_artifact(tests)
    t2 = time.perf_counter()
    seconds = {"models": round(t1 - t0, 3), "data_tests": round(t2 - t1, 3)}
    if data_tests.failed(tests):
        return PostLoad(built, tests, None, seconds)
    phase(f"publishing {serving.SERVING_NAME} for BI tools")
    published = serving.publish(con, serving.serving_path_for(warehouse_file), rules.version)
    return PostLoad(built, tests, published["path"], {**seconds, "serving": published["seconds"]})
