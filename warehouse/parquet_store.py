"""The Parquet dataset: Hive-partitioned by published_date, one file per partition.

Layout under `<data_dir>/parquet/`:

    articles/published_date=2024-01-25/data.parquet
    event_mentions/published_date=2024-01-25/data.parquet
    rejected_articles/data.parquet

A partition is replaced by writing a hidden temporary file beside it and renaming it
over `data.parquet`: readers (pyarrow and DuckDB skip names starting with '.' or '_')
see the old file or the new one, never half of one. Works on any fsspec filesystem;
on object stores a single PUT is already atomic, so the file is written in place.
"""
from __future__ import annotations

import uuid
from datetime import date
from typing import Iterator

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

from eventetl.schemas.columns import Table

DATA_FILE = "data.parquet"
ROW_GROUP_SIZE = 122_880  # DuckDB reads row groups in parallel; one giant group loads on one thread


class ParquetStore:
    def __init__(self, root: str):
        self.fs, self.root = fsspec.core.url_to_fs(root)
        self.root = self.root.rstrip("/")
        self.is_local = isinstance(self.fs, LocalFileSystem)

    # -- paths -----------------------------------------------------------------------
    def table_dir(self, table: Table) -> str:
        return f"{self.root}/{table.name}"

    def partition_dir(self, table: Table, value: date) -> str:
        return f"{self.table_dir(table)}/{table.partition_by}={value.isoformat()}"

    def partition_file(self, table: Table, value: date | None = None) -> str:
        if table.partition_by is None:
            return f"{self.table_dir(table)}/{DATA_FILE}"
        assert value is not None
        return f"{self.partition_dir(table, value)}/{DATA_FILE}"

    def uri(self, path: str) -> str:
        return path if self.is_local else self.fs.unstrip_protocol(path)

    # -- reads -----------------------------------------------------------------------
    def partitions(self, table: Table) -> list[date]:
        base = self.table_dir(table)
        if not self.fs.exists(base):
            return []
        prefix = f"{table.partition_by}="
        out = []
        for entry in self.fs.ls(base, detail=False):
            name = entry.rstrip("/").rsplit("/", 1)[-1]
            if name.startswith(prefix) and self.fs.exists(f"{entry}/{DATA_FILE}"):
                try:
                    out.append(date.fromisoformat(name[len(prefix):]))
                except ValueError:
                    continue
        return sorted(out)

    def read(self, table: Table, value: date | None = None, columns: list[str] | None = None) -> pa.Table:
        path = self.partition_file(table, value)
        if not self.fs.exists(path):
            return table.arrow_schema().empty_table() if columns is None else \
                table.arrow_schema().empty_table().select(columns)
        key = table.partition_by
        file_columns = None if columns is None else [c for c in columns if c != key]
        with self.fs.open(path, "rb") as f:
            data = pq.read_table(f, columns=file_columns)
        if key and (columns is None or key in columns):
            # Hive style: the partition value lives in the folder name, not in the file.
            data = data.append_column(key, pa.array([value] * data.num_rows, type=table.column(key).arrow_type))
        # Older files may lack columns added since: conform to today's schema.
        return conform(data, table, columns)

    def iter_partitions(self, table: Table, columns: list[str] | None = None) -> Iterator[tuple[date, pa.Table]]:
        for value in self.partitions(table):
            yield value, self.read(table, value, columns)

    # -- writes ----------------------------------------------------------------------
    def write(self, table: Table, data: pa.Table, value: date | None = None) -> str | None:
        """Replace one partition (or the unpartitioned file) atomically; empty data removes it."""
        data = conform(data, table)
        if table.partition_by is not None:
            data = data.drop_columns([table.partition_by])
        final = self.partition_file(table, value)
        folder = final.rsplit("/", 1)[0]
        if data.num_rows == 0 and table.partition_by is not None:
            self.remove(table, value)
            return None
        self.fs.makedirs(folder, exist_ok=True)
        if not self.is_local:
            with self.fs.open(final, "wb") as f:
                pq.write_table(data, f, compression="zstd", row_group_size=ROW_GROUP_SIZE)
            return final
        tmp = f"{folder}/.{DATA_FILE}.{uuid.uuid4().hex}.tmp"
        try:
            with self.fs.open(tmp, "wb") as f:
                pq.write_table(data, f, compression="zstd", row_group_size=ROW_GROUP_SIZE)
                f.flush()
                _fsync(f)
            self.fs.mv(tmp, final)
        finally:
            if self.fs.exists(tmp):
                self.fs.rm(tmp)
        return final

    def remove(self, table: Table, value: date | None) -> None:
        path = self.partition_file(table, value)
        if self.fs.exists(path):
            self.fs.rm(path)
        if value is not None:
            folder = self.partition_dir(table, value)
            if self.fs.exists(folder):
                self.fs.rm(folder, recursive=True)

    def sweep_temporaries(self) -> int:
        """Delete temporary files a killed run left behind (never visible to readers)."""
        if not self.is_local or not self.fs.exists(self.root):
            return 0
        stale = [p for p in self.fs.glob(f"{self.root}/**/.{DATA_FILE}.*.tmp")]
        for p in stale:
            self.fs.rm(p)
        # A run killed between removing a partition's file and its folder, or between
        # creating a folder and renaming its first file in, leaves an empty folder.
        for table_dir in self.fs.ls(self.root, detail=False):
            if not self.fs.isdir(table_dir):
                continue
            for folder in self.fs.ls(table_dir, detail=False):
                if "=" in folder.rsplit("/", 1)[-1] and self.fs.isdir(folder) and not self.fs.ls(folder):
                    self.fs.rmdir(folder)
        return len(stale)


def conform(data: pa.Table, table: Table, columns: list[str] | None = None) -> pa.Table:
    """Select and cast to the table's schema, adding missing nullable columns as nulls."""
    schema = table.arrow_schema()
    names = columns or schema.names
    arrays = []
    for name in names:
        field = schema.field(name)
        if name in data.column_names:
            col = data.column(name)
            arrays.append(col if col.type == field.type else col.cast(field.type))
        else:
            arrays.append(pa.nulls(data.num_rows, type=field.type))
    return pa.table(arrays, schema=pa.schema([schema.field(n) for n in names], metadata=schema.metadata))


def _fsync(f) -> None:
    import os
    try:
        os.fsync(f.fileno())
    except (AttributeError, OSError, ValueError):
        pass
