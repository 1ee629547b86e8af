"""The column model every table definition is written in.

A column is declared once with a logical type; the Parquet (pyarrow) type, the DuckDB
type and the data-dictionary row are all derived from it, so the three never drift.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property

import pyarrow as pa

# logical type -> (pyarrow type, DuckDB type)
LOGICAL_TYPES: dict[str, tuple[pa.DataType, str]] = {
    "string": (pa.string(), "VARCHAR"),
    "int8": (pa.int8(), "TINYINT"),
    "int32": (pa.int32(), "INTEGER"),
    "int64": (pa.int64(), "BIGINT"),
    "float64": (pa.float64(), "DOUBLE"),
    "bool": (pa.bool_(), "BOOLEAN"),
    "date": (pa.date32(), "DATE"),
    "timestamp": (pa.timestamp("us", tz="UTC"), "TIMESTAMP WITH TIME ZONE"),
    "list<string>": (pa.list_(pa.string()), "VARCHAR[]"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    nullable: bool = True
    accepted_values: tuple[str | int, ...] | None = None

    def __post_init__(self) -> None:
        if self.type not in LOGICAL_TYPES:
            raise ValueError(f"column {self.name}: unknown logical type {self.type!r}")

    @property
    def arrow_type(self) -> pa.DataType:
        return LOGICAL_TYPES[self.type][0]

    @property
    def duckdb_type(self) -> str:
        return LOGICAL_TYPES[self.type][1]


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    partition_by: str | None = None
    grain: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")

    def arrow_schema(self) -> pa.Schema:
        """The Parquet schema. Files carry the schema version and every description in their
        metadata: per field (`description`) for Arrow readers, and as key-value metadata
        (`eventetl.columns`, a JSON object) for readers that only see the Parquet footer."""
        return self._arrow_schema

    @cached_property
    def _arrow_schema(self) -> pa.Schema:
        from eventetl.schemas.tables import SCHEMA_VERSION  # tables.py is written in this module's terms
        return pa.schema(
            [pa.field(c.name, c.arrow_type, nullable=c.nullable, metadata={"description": c.description})
             for c in self.columns],
            metadata={"table": self.name, "eventetl.schema_version": str(SCHEMA_VERSION),
                      "eventetl.description": self.description,
                      "eventetl.columns": json.dumps({c.name: c.description for c in self.columns},
                                                     ensure_ascii=False)},
        )

    def duckdb_ddl(self, if_not_exists: bool = True) -> str:
        lines = []
        for c in self.columns:
            line = f"    {c.name} {c.duckdb_type}"
            if not c.nullable:
                line += " NOT NULL"
            lines.append(line)
        if self.primary_key:
            lines.append(f"    PRIMARY KEY ({', '.join(self.primary_key)})")
        guard = "IF NOT EXISTS " if if_not_exists else ""
        return f"CREATE TABLE {guard}{self.name} (\n" + ",\n".join(lines) + "\n);"
