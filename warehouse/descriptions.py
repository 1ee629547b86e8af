"""What every relation of the warehouse and its columns mean, as `COMMENT ON` statements.

The descriptions are written once: loaded tables and dimensions in `schemas/tables.py`,
models in the headers of `warehouse/sql/**.sql`. BI tools (and `DESCRIBE`,
`duckdb_columns()`, SQLAlchemy's `get_columns`) show them from the serving copy.
"""
from __future__ import annotations

from eventetl.schemas import tables as T
from eventetl.schemas.columns import Table
from eventetl.warehouse.models import Model


def described_relations(models: list[Model]) -> dict[str, Table]:
    """Every table, dimension and model by name; a model that fills a loaded table
    (`events`) is described by that table's contract."""
    out: dict[str, Table] = {t.name: t for t in (*T.ALL_TABLES, *T.DIMENSIONS)}
    for m in models:
        out.setdefault(m.name, m.as_table())
    return out


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def comment_statements(table: Table, kind: str = "TABLE", catalog: str | None = None) -> list[str]:
    """`COMMENT ON` the relation (kind TABLE or VIEW) and each of its columns."""
    name = f"{catalog}.{table.name}" if catalog else table.name
    out = [f"COMMENT ON {kind} {name} IS {sql_string(table.description)}"]
    for c in table.columns:
        text = c.description
        if c.accepted_values:
            text += " Accepted values: " + ", ".join(str(v) for v in c.accepted_values) + "."
        out.append(f"COMMENT ON COLUMN {name}.{c.name} IS {sql_string(text)}")
    return out
