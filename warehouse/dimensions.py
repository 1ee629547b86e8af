"""Dimension tables built from the project's data files, so BI tools label codes by join.

`dim_country` and `dim_cameo` come from the same dictionaries the extractor codes with
(`extractors.dictionaries`), so a code in the events always has the label the
extractor meant; `dim_date` spans whole years around every date in the warehouse.
"""
from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable

import duckdb
import pyarrow as pa

from extractors.dictionaries import load_cameo_codes, load_countries
from schemas import tables as T
from schemas.columns import Table
from schemas.records import to_arrow

QUAD_CLASSES_CSV = Path(__file__).resolve().parent / "sql" / "seeds" / "quad_classes.csv"


def quad_class_names(path: Path = QUAD_CLASSES_CSV) -> dict[int, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {int(row["quad_class"]): row["quad_class_name"] for row in csv.DictReader(handle)}


def country_rows(rules_dirs: Iterable[str] = ()) -> list[dict]:
    return [{"iso3": c.iso3, "iso2": c.iso2 or None, "name": c.name, "region": c.region or None,
             "subregion": c.subregion or None} for c in load_countries(tuple(rules_dirs))]


def cameo_rows(rules_dirs: Iterable[str] = ()) -> list[dict]:
    names = quad_class_names()
    return [{"code": c.code, "name": c.name, "level": c.level, "root_code": c.root_code,
             "root_name": c.root_name, "quad_class": c.quad_class, "quad_class_name": names[c.quad_class],
             "goldstein": c.goldstein, "plover_type": c.plover_type}
            for c in sorted(load_cameo_codes(tuple(rules_dirs)).values(), key=lambda c: c.code)]


def date_rows(first: date, last: date) -> list[dict]:
    """Every day of the whole years from `first`'s to `last`'s."""
    day, end = date(first.year, 1, 1), date(last.year, 12, 31)
    rows = []
    while day <= end:
        iso = day.isocalendar()
        rows.append({
            "date": day, "year": day.year, "quarter": (day.month - 1) // 3 + 1, "month": day.month,
            "month_name": day.strftime("%B"), "day_of_month": day.day, "iso_year": iso.year,
            "iso_week": iso.week, "week_start": day - timedelta(days=iso.weekday - 1),
            "day_of_week": iso.weekday, "day_name": day.strftime("%A"), "is_weekend": iso.weekday >= 6,
        })
        day += timedelta(days=1)
    return rows


def warehouse_date_range(con: duckdb.DuckDBPyConnection) -> tuple[date, date] | None:
    lo, hi = con.execute(
        "SELECT least(min(event_date), min(published_date)), greatest(max(event_date), max(published_date)) "
        "FROM event_mentions").fetchone()
    lo2, hi2 = con.execute("SELECT min(published_date), max(published_date) FROM articles").fetchone()
    lows = [d for d in (lo, lo2) if d is not None]
    highs = [d for d in (hi, hi2) if d is not None]
    return (min(lows), max(highs)) if lows else None


def load_dimensions(con: duckdb.DuckDBPyConnection, rules_dirs: Iterable[str] = ()) -> dict[str, int]:
    """(Re)create the dimension tables; returns rows per table. The caller owns the transaction."""
    span = warehouse_date_range(con)
    data = [
        (T.DIM_COUNTRY, country_rows(rules_dirs)),
        (T.DIM_CAMEO, cameo_rows(rules_dirs)),
        (T.DIM_DATE, date_rows(*span) if span else []),
    ]
    for table, rows in data:
        _replace(con, table, to_arrow(rows, table))
    return {table.name: len(rows) for table, rows in data}


def _replace(con: duckdb.DuckDBPyConnection, table: Table, rows: pa.Table) -> None:
    con.execute(f"DROP TABLE IF EXISTS {table.name}")
    con.execute(table.duckdb_ddl(if_not_exists=False))
    con.register("_dimension_rows", rows)
    try:
        con.execute(f"INSERT INTO {table.name} BY NAME SELECT * FROM _dimension_rows")
    finally:
        con.unregister("_dimension_rows")
