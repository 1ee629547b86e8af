"""Data tests run after every load: each is a query that returns the rows that break it.

Two kinds, as in dbt:
- generic tests derived from the contracts (schemas/tables.py and the model headers):
  uniqueness of the grain, not-null keys and non-nullable model columns, and accepted
  values taken from `Column.accepted_values`;
- singular tests, one `.sql` file each in warehouse/sql/tests/ (header: `description`,
  optional `severity: warn`), for rules no contract states (reconciliations,
  referential integrity).

A test of severity `error` that returns rows fails the run (`raise_on_failure`); a
`warn` test is reported and the run goes on.
"""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from eventetl.schemas import tables as T
from eventetl.schemas.columns import Table
from eventetl.warehouse.models import MODELS_DIR, load_models, split_header

TESTS_DIR = MODELS_DIR / "tests"
SAMPLE_ROWS = 5
ARTIFACT_KEY = "eventetl-data-tests"


@dataclass(frozen=True)
class DataTest:
    name: str
    table: str
    sql: str
    description: str
    severity: str = "error"


@dataclass(frozen=True)
class TestResult:
    name: str
    table: str
    severity: str
    failures: int
    sample: list
    seconds: float
    description: str = ""

    @property
    def status(self) -> str:
        if self.failures == 0:
            return "pass"
        return "fail" if self.severity == "error" else "warn"

    def to_dict(self) -> dict:
        return {**asdict(self), "status": self.status, "sample": [str(r) for r in self.sample]}


class DataTestsFailed(RuntimeError):
    """Raised after a load whose data tests found broken rows; names every failing test."""

    def __init__(self, failed: list[TestResult]):
        self.failed = failed
        lines = [f"{len(failed)} data test(s) failed after the load:"]
        for r in failed:
            lines.append(f"  {r.name}: {r.failures} failing row(s), e.g. {r.sample[:2]} -- {r.description}")
        super().__init__("\n".join(lines))


def _sql_literal(value: object) -> str:
    return str(value) if isinstance(value, int) else "'" + str(value).replace("'", "''") + "'"


def generic_tests(table: Table, grain: tuple[str, ...], key_only_not_null: bool) -> list[DataTest]:
    """Tests a table's contract implies. `key_only_not_null`: the DDL already enforces
    NOT NULL on the table's other columns, so only the grain needs checking."""
    tests: list[DataTest] = []
    if grain:
        cols = ", ".join(grain)
        tests.append(DataTest(
            f"unique_{table.name}__{'__'.join(grain)}", table.name,
            f"SELECT {cols}, count(*) AS n FROM {table.name} GROUP BY ALL HAVING count(*) > 1",
            f"one row per ({cols}) in {table.name}"))
    for col in table.columns:
        checked = col.name in grain if key_only_not_null else not col.nullable
        if checked and not col.nullable:
            tests.append(DataTest(
                f"not_null_{table.name}__{col.name}", table.name,
                f"SELECT * FROM {table.name} WHERE {col.name} IS NULL",
                f"{table.name}.{col.name} is never NULL"))
        if col.accepted_values:
            values = ", ".join(_sql_literal(v) for v in col.accepted_values)
            tests.append(DataTest(
                f"accepted_values_{table.name}__{col.name}", table.name,
                f"SELECT {col.name}, count(*) AS n FROM {table.name} "
                f"WHERE {col.name} IS NOT NULL AND {col.name} NOT IN ({values}) GROUP BY ALL",
                f"{table.name}.{col.name} in ({values})"))
    return tests


def singular_tests(tests_dir: Path = TESTS_DIR) -> list[DataTest]:
    out = []
    for path in sorted(tests_dir.glob("*.sql")):
        meta, body = split_header(path.read_text(encoding="utf-8"))
        severity = meta.get("severity", "error")
        if severity not in ("error", "warn"):
            raise ValueError(f"{path}: severity must be error or warn")
        out.append(DataTest(path.stem, "", body, " ".join(str(meta.get("description", "")).split()), severity))
    return out


def collect_tests() -> list[DataTest]:
    """Every data test: contracts of the loaded tables, dimensions and marts, then the SQL files."""
    tests: list[DataTest] = []
    for table in (*T.ALL_TABLES, *T.DIMENSIONS):
        tests += generic_tests(table, table.primary_key, key_only_not_null=True)
    for model in load_models():
        if model.builds_table and not model.contract:
            tests += generic_tests(model.as_table(), model.grain, key_only_not_null=False)
    return tests + singular_tests()


def run_data_tests(con: duckdb.DuckDBPyConnection, tests: list[DataTest] | None = None) -> list[TestResult]:
    results = []
    for test in collect_tests() if tests is None else tests:
        t0 = time.perf_counter()
        failures = con.execute(f"SELECT count(*) FROM ({test.sql})").fetchone()[0]
        sample = con.execute(f"SELECT * FROM ({test.sql}) LIMIT {SAMPLE_ROWS}").fetchall() if failures else []
        results.append(TestResult(test.name, test.table, test.severity, failures, sample,
                                  round(time.perf_counter() - t0, 4), test.description))
    return results


def failed(results: list[TestResult]) -> list[TestResult]:
    return [r for r in results if r.status == "fail"]


def raise_on_failure(results: list[TestResult]) -> None:
    bad = failed(results)
    if bad:
        raise DataTestsFailed(bad)


@dataclass(frozen=True)
class DataTestCounts:
    """The run summary's view of the data tests: counts, and the tests that did not pass."""

    passed: int
    warned: int
    failed: int
    problems: list[TestResult]

    @classmethod
    def of(cls, results: list[TestResult]) -> "DataTestCounts":
        return cls(sum(r.status == "pass" for r in results), sum(r.status == "warn" for r in results),
                   sum(r.status == "fail" for r in results), [r for r in results if r.status != "pass"])

    def to_dict(self) -> dict:
        return {"passed": self.passed, "warned": self.warned, "failed": self.failed,
                "problems": [r.to_dict() for r in self.problems]}


def in_prefect_run() -> bool:
    try:
        from prefect.context import FlowRunContext, TaskRunContext
    except ImportError:
        return False
    return FlowRunContext.get() is not None or TaskRunContext.get() is not None


def publish_artifact(results: list[TestResult]) -> str | None:
    """A table artifact of the results on the current Prefect flow run; None outside one."""
    if not in_prefect_run():
        return None
    from prefect.artifacts import create_table_artifact
    rows = [{"test": r.name, "status": r.status, "failing_rows": r.failures, "severity": r.severity,
             "checks": r.description} for r in results]
    n_bad = sum(r.status != "pass" for r in results)
    artifact_id = create_table_artifact(
        table=rows, key=ARTIFACT_KEY,
        description=f"eventetl data tests after the load: {len(results) - n_bad} passed, {n_bad} not passed")
    return str(artifact_id)
