"""The warehouse's SQL models (warehouse/sql/), run in dependency order.

Each model is one `.sql` file holding one SELECT, under a header of `--` comment lines
written in YAML: its name, how it is materialised, a description, and its contract
(grain and columns). Layers follow the usual staging -> intermediate -> marts split:

| materialized | what running it does |
|---|---|
| view | `CREATE OR REPLACE VIEW` (staging, intermediate) |
| table | `CREATE OR REPLACE TABLE ... AS` (marts) |
| incremental | refresh rows of a table defined in `schemas/tables.py` (its `contract`): all of them, or only those whose `unique_key` is in the affected set of this load (reading only the matching rows of its `incremental_source`) |

A model depends on every other model whose name it mentions; the order is derived from
that, never written by hand. Column contracts are checked after each build: names and
DuckDB types must be exactly the ones declared, so a BI dashboard never meets a
silently renamed or retyped column.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import date
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Iterable

import duckdb
import yaml

from eventetl.schemas import tables as T
from eventetl.schemas.columns import Column, Table
from eventetl.schemas.gdelt import GDELT_VIEWS
from eventetl.extractors.ruleset.ruleset import SHIPPED, RuleSet

MODELS_DIR = Path(__file__).resolve().parent / "sql"
MODEL_LAYERS = ("staging", "intermediate", "marts")
MATERIALIZATIONS = ("view", "table", "incremental")
AFFECTED_EVENTS = "_affected_event_ids"  # temp table: event ids a load touched

SOURCE_TABLES: dict[str, Table] = {t.name: t for t in (*T.ALL_TABLES, *T.DIMENSIONS)}
# Schemas a model may fill in full (`contract:`): loaded tables it derives (events) and the
# GDELT-shaped views, whose columns are GDELT's.
CONTRACTS: dict[str, Table] = {**T.TABLES, **{t.name: t for t in GDELT_VIEWS}}


class ModelError(RuntimeError):
    """A model file that cannot be used, or a build that broke its contract."""


@dataclass(frozen=True)
class Model:
    name: str
    path: Path
    layer: str
    materialized: str
    description: str
    sql: str
    grain: tuple[str, ...] = ()
    columns: tuple[Column, ...] = ()
    unique_key: str | None = None
    contract: str | None = None          # a schemas table (CONTRACTS) whose columns this model fills
    incremental_source: str | None = None  # the relation an incremental refresh restricts to the affected keys
    depends_on: tuple[str, ...] = ()

    @property
    def builds_table(self) -> bool:
        return self.materialized in ("table", "incremental")

    def as_table(self) -> Table:
        """The model's contract in the schema model, for the data dictionary and tests."""
        return Table(name=self.name, description=self.description, columns=self.columns,
                     grain=", ".join(self.grain), extra={"layer": self.layer, "materialized": self.materialized,
                                                        "path": self.path.relative_to(MODELS_DIR).as_posix()})


@dataclass(frozen=True)
class ModelRun:
    name: str
    materialized: str
    rows: int | None
    seconds: float


# ---------------------------------------------------------------- reading model files

_HEADER_LINE = re.compile(r"^--(?: ?)(.*)$")


def split_header(text: str) -> tuple[dict, str]:
    """The YAML header (leading `--` lines) and the SQL body of a model file."""
    lines = text.splitlines()
    header: list[str] = []
    for line in lines:
        m = _HEADER_LINE.match(line)
        if not m:
            break
        header.append(m.group(1))
    body = "\n".join(lines[len(header):]).strip()
    meta = yaml.safe_load("\n".join(header)) if header else None
    return (meta if isinstance(meta, dict) else {}), body


def _column(name: str, spec: object, where: Path) -> Column:
    """A contract column: `{type, nullable, description, accepted_values}` or `{from: table.column}`."""
    if isinstance(spec, str):
        spec = {"type": spec}
    if not isinstance(spec, dict):
        raise ModelError(f"{where}: column {name}: expected a mapping, got {spec!r}")
    if "from" in spec:
        table_name, _, col_name = str(spec["from"]).partition(".")
        if table_name not in SOURCE_TABLES:
            raise ModelError(f"{where}: column {name}: unknown table {table_name!r} in 'from'")
        base = SOURCE_TABLES[table_name].column(col_name or name)
        return Column(name, base.type, spec.get("description", base.description),
                      nullable=spec.get("nullable", base.nullable),
                      accepted_values=base.accepted_values)
    try:
        values = spec.get("accepted_values")
        return Column(name, spec["type"], spec.get("description", ""), nullable=spec.get("nullable", True),
                      accepted_values=tuple(values) if values else None)
    except (KeyError, ValueError) as err:
        raise ModelError(f"{where}: column {name}: {err}") from None


def read_model(path: Path, layer: str) -> Model:
    meta, body = split_header(path.read_text(encoding="utf-8"))
    name = meta.get("name") or path.stem
    if name != path.stem:
        raise ModelError(f"{path}: header name {name!r} differs from the file name")
    materialized = meta.get("materialized", "view")
    if materialized not in MATERIALIZATIONS:
        raise ModelError(f"{path}: materialized must be one of {MATERIALIZATIONS}")
    contract = meta.get("contract")
    if contract:
        if contract not in CONTRACTS:
            raise ModelError(f"{path}: contract {contract!r} is not a table of schemas/tables.py or schemas/gdelt.py")
        columns = CONTRACTS[contract].columns
        grain = CONTRACTS[contract].primary_key
    else:
        columns = tuple(_column(n, s, path) for n, s in (meta.get("columns") or {}).items())
        grain = tuple(meta.get("grain") or ())
    if materialized == "incremental" and not (contract and meta.get("unique_key")):
        raise ModelError(f"{path}: an incremental model needs a contract table and a unique_key")
    if materialized == "table" and not columns:
        raise ModelError(f"{path}: a table model needs its columns declared")
    return Model(name=name, path=path, layer=layer, materialized=materialized,
                 description=" ".join(str(meta.get("description", "")).split()), sql=body,
                 grain=grain, columns=columns, unique_key=meta.get("unique_key"), contract=contract,
                 incremental_source=meta.get("incremental_source"))


def _mentioned(sql: str, names: Iterable[str]) -> set[str]:
    code = re.sub(r"--[^\n]*", "", sql)
    # A model is read with FROM or JOIN; a column that shares its name is not a dependency.
    return {n for n in names if re.search(rf"\b(?:FROM|JOIN)\s+{re.escape(n)}\b", code, re.IGNORECASE)}


def load_models(models_dir: Path = MODELS_DIR) -> list[Model]:
    """Every model under the layer folders, in an order where dependencies come first."""
    found: dict[str, Model] = {}
    for layer in MODEL_LAYERS:
        for path in sorted((models_dir / layer).glob("*.sql")):
            model = read_model(path, layer)
            if model.name in found:
                raise ModelError(f"{path}: a model named {model.name!r} already exists")
            found[model.name] = model
    graph = {}
    for name, model in found.items():
        deps = _mentioned(model.sql, [n for n in found if n != name])
        graph[name] = deps
        found[name] = Model(**{**model.__dict__, "depends_on": tuple(sorted(deps))})
    sorter = TopologicalSorter(graph)
    sorter.prepare()
    ordered: list[Model] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())  # alphabetical within a level: the same order every run
        ordered.extend(found[n] for n in ready)
        sorter.done(*ready)
    return ordered


def mart_models(models_dir: Path = MODELS_DIR) -> list[Model]:
    return [m for m in load_models(models_dir) if m.layer == "marts"]


# ---------------------------------------------------------------- running

def track_affected_events(con: duckdb.DuckDBPyConnection, published: date) -> None:
    """Remember the events that mentions published on `published` belong to.

    Call it before and after replacing the partition: the union is every event whose
    mentions changed, which is all an incremental `events` refresh must re-derive.
    """
    con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {AFFECTED_EVENTS} (event_id VARCHAR)")
    con.execute(f"INSERT INTO {AFFECTED_EVENTS} SELECT DISTINCT event_id FROM event_mentions "
                "WHERE published_date = ?", [published])


def _has_affected(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = ?",
                       [AFFECTED_EVENTS]).fetchone()[0] > 0


def run_models(con: duckdb.DuckDBPyConnection, select: Iterable[str] | None = None, incremental: bool = False,
               rules: RuleSet = SHIPPED, models_dir: Path = MODELS_DIR) -> list[ModelRun]:
    """Build the models (all, or `select` and what they depend on) in one transaction.

    With `select=None` the dimensions are reloaded first. With `incremental=True`,
    incremental models refresh only the keys recorded by `track_affected_events`
    (none recorded: nothing changed, nothing to refresh).
    """
    from eventetl.warehouse.dimensions import load_dimensions

    models = load_models(models_dir)
    if select is not None:
        wanted = _with_dependencies(set(select), models)
        models = [m for m in models if m.name in wanted]
    runs: list[ModelRun] = []
    con.execute("BEGIN")
    try:
        if select is None:
            t0 = time.perf_counter()
            for name, rows in load_dimensions(con, rules).items():
                runs.append(ModelRun(name, "seed", rows, 0.0))
            runs = [ModelRun(r.name, r.materialized, r.rows, round(time.perf_counter() - t0, 3)) for r in runs]
        for model in models:
            runs.append(_build(con, model, incremental))
        con.execute("COMMIT")
    except BaseException:  # a stop signal too, or the aborted transaction fails every later statement
        con.execute("ROLLBACK")
        raise
    finally:
        con.execute(f"DROP TABLE IF EXISTS temp.{AFFECTED_EVENTS}")
    return runs


def _with_dependencies(names: set[str], models: list[Model]) -> set[str]:
    by_name = {m.name: m for m in models}
    unknown = names - set(by_name)
    if unknown:
        raise ModelError(f"unknown model(s): {', '.join(sorted(unknown))}")
    todo, seen = list(names), set()
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo.extend(by_name[n].depends_on)
    return seen


def _build(con: duckdb.DuckDBPyConnection, model: Model, incremental: bool) -> ModelRun:
    t0 = time.perf_counter()
    if model.materialized == "view":
        con.execute(f"CREATE OR REPLACE VIEW {model.name} AS\n{model.sql}")
    elif model.materialized == "table":
        con.execute(f"CREATE OR REPLACE TABLE {model.name} AS\n{model.sql}")
    else:
        key = model.unique_key
        if not incremental:
            # Recreating the table is much faster than deleting every row and inserting the
            # same keys again (DuckDB checks the primary key against the deleted rows).
            con.execute(f"DROP TABLE IF EXISTS {model.name}")
            con.execute(T.TABLES[model.contract].duckdb_ddl(if_not_exists=False))
            con.execute(f"INSERT INTO {model.name} BY NAME\n{model.sql}")
        elif _has_affected(con):
            scope = f"SELECT DISTINCT event_id FROM temp.{AFFECTED_EVENTS}"
            con.execute(f"DELETE FROM {model.name} WHERE {key} IN ({scope})")
            if model.incremental_source:
                # Only the affected keys' rows are read and grouped (measured ~25x faster than
                # filtering the model's output, which DuckDB does not push below the window
                # functions).
                sql = with_source_restricted(model, model.incremental_source, f"{key} IN ({scope})")
            else:
                sql = f"SELECT * FROM (\n{model.sql}\n) AS _model WHERE {key} IN ({scope})"
            con.execute(f"INSERT INTO {model.name} BY NAME\n{sql}")
    rows = None
    if model.columns:  # views too: their columns are checked (and described to BI tools)
        check_contract(con, model)
    if model.builds_table:
        rows = con.execute(f"SELECT count(*) FROM {model.name}").fetchone()[0]
    return ModelRun(model.name, model.materialized, rows, round(time.perf_counter() - t0, 3))


def with_source_restricted(model: Model, source: str, condition: str) -> str:
    """The model's SELECT reading only the rows of `source` that meet `condition`: a CTE
    of the source's name shadows the relation inside the model."""
    return (f"WITH {source} AS (SELECT * FROM main.{source} WHERE {condition})\n"
            f"SELECT * FROM (\n{model.sql}\n) AS _model")


def check_contract(con: duckdb.DuckDBPyConnection, model: Model) -> None:
    """Raise ModelError unless the built relation has exactly the declared columns and types."""
    built = [(r[0], r[1]) for r in con.execute(f"DESCRIBE {model.name}").fetchall()]
    declared = [(c.name, c.duckdb_type) for c in model.columns]
    if built != declared:
        missing = [d for d in declared if d not in built]
        extra = [b for b in built if b not in declared]
        raise ModelError(f"model {model.name} ({model.path.name}) breaks its contract: "
                         f"declared but not built {missing}, built but not declared {extra}"
                         + ("" if missing or extra else " (column order differs)"))
