"""Dimension tables built from the project's data files, so BI tools label codes by join.

`dim_country`, `dim_cameo` and `dim_actor` come from the same rule set the extractor
codes with (`eventetl.extractors.ruleset.ruleset.RuleSet`: the shipped dictionaries and the user's
`--rules` folders), so a code in the events always has the label the extractor meant; `dim_actor` also lists every actor code the warehouse
holds. `dim_date` holds every day of each year that has a date in the warehouse (and the
days of the ISO week that year's 1 January falls in), so one stray date (an event "in
1850") adds one year of rows, never every year in between.
"""
from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable

import duckdb
import pyarrow as pa

from eventetl.extractors.actors.actor_codes import known_codes, parse_code
from eventetl.extractors.ruleset.ruleset import SHIPPED, RuleSet
from eventetl.schemas import tables as T
from eventetl.schemas.columns import Table
from eventetl.schemas.records import to_arrow

SEEDS = Path(__file__).resolve().parent / "sql" / "seeds"
QUAD_CLASSES_CSV = SEEDS / "quad_classes.csv"
ISO3_FIPS_CSV = SEEDS / "iso3_fips.csv"


def seed_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a seed CSV; lines starting with '#' (its source notes) are skipped."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def quad_class_names(path: Path = QUAD_CLASSES_CSV) -> dict[int, str]:
    return {int(row["quad_class"]): row["quad_class_name"] for row in seed_rows(path)}


def fips_codes(path: Path = ISO3_FIPS_CSV) -> dict[str, str]:
    """ISO3 -> FIPS 10-4 country code (countries FIPS has no code for are left out)."""
    return {row["iso3"]: row["fips"] for row in seed_rows(path) if row["fips"]}


def country_rows(rules: RuleSet = SHIPPED) -> list[dict]:
    fips = fips_codes()
    return [{"iso3": c.iso3, "iso2": c.iso2 or None, "name": c.name, "region": c.region or None,
             "subregion": c.subregion or None, "fips": fips.get(c.iso3)} for c in rules.countries()]


def actor_rows(codes_in_use: Iterable[str] = (), rules: RuleSet = SHIPPED) -> list[dict]:
    """Every known actor code plus `codes_in_use`, each read into its parts."""
    vocabulary = rules.actor_code_parts()
    names = {c.iso3: c.name for c in rules.countries()}
    codes = dict.fromkeys(known_codes(vocabulary, names))
    codes.update(dict.fromkeys(sorted(set(codes_in_use))))
    rows = []
    for code in codes:
        parts = parse_code(code, vocabulary, names)
        types = parts.types + (None,) * 3
        rows.append({"code": code, "name": parts.label, "country": parts.country,
                     "organisation_code": parts.organisation, "known_group": parts.known_group,
                     "type1_code": types[0], "type2_code": types[1], "type3_code": types[2]})
    return rows


def warehouse_actor_codes(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT DISTINCT code FROM (SELECT actor1_code AS code FROM event_mentions "
        "UNION SELECT actor2_code FROM event_mentions) WHERE code IS NOT NULL").fetchall()]


def cameo_rows(rules: RuleSet = SHIPPED, codes_in_use: Iterable[str] = ()) -> list[dict]:
    """Every code of the rule set's CAMEO table, plus each code in use the table lacks (a
    rule may code finer than the table goes): described, as the extractor described its
    events, by its nearest listed parent."""
    names = quad_class_names()
    codes = rules.cameo_codes()
    for code in set(codes_in_use) - set(codes):
        try:
            parent = rules.describe_code(code)
        except KeyError:  # not even its root is known: the data test event_codes_are_known names it
            continue
        codes[code] = replace(parent, code=code, level=len(code) - 1)
    return [{"code": c.code, "name": c.name, "level": c.level, "root_code": c.root_code,
             "root_name": c.root_name, "quad_class": c.quad_class, "quad_class_name": names[c.quad_class],
             "goldstein": c.goldstein, "plover_type": c.plover_type}
            for c in sorted(codes.values(), key=lambda c: c.code)]


def warehouse_event_codes(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT DISTINCT event_code FROM event_mentions").fetchall()]


def date_rows(years: Iterable[int]) -> list[dict]:
    """Every day of each of `years`, plus the days before 1 January in its ISO week (so a
    `week_start` always joins `dim_date`), in date order."""
    ordinals: set[int] = set()
    for year in set(years):
        first = date(year, 1, 1)
        week_start = first.toordinal() - (first.isoweekday() - 1)
        ordinals.update(range(max(week_start, 1), date(year, 12, 31).toordinal() + 1))
    return [_date_row(date.fromordinal(n)) for n in sorted(ordinals)]


def _date_row(day: date) -> dict:
    iso = day.isocalendar()
    return {
        "date": day, "year": day.year, "quarter": (day.month - 1) // 3 + 1, "month": day.month,
        "month_name": day.strftime("%B"), "day_of_month": day.day, "iso_year": iso.year,
        "iso_week": iso.week, "week_start": day - timedelta(days=iso.weekday - 1),
        "day_of_week": iso.weekday, "day_name": day.strftime("%A"), "is_weekend": iso.weekday >= 6,
    }


def warehouse_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """The calendar years of every event and publication date in the warehouse."""
    rows = con.execute(
        "SELECT DISTINCT year(d) FROM ("
        " SELECT event_date AS d FROM event_mentions UNION ALL"
        " SELECT published_date FROM event_mentions UNION ALL"
        " SELECT published_date FROM articles) WHERE d IS NOT NULL").fetchall()
    return sorted(r[0] for r in rows)


def load_dimensions(con: duckdb.DuckDBPyConnection, rules: RuleSet = SHIPPED) -> dict[str, int]:
    """(Re)create the dimension tables; returns rows per table. The caller owns the transaction."""
    data = [
        (T.DIM_COUNTRY, country_rows(rules)),
        (T.DIM_CAMEO, cameo_rows(rules, warehouse_event_codes(con))),
        (T.DIM_DATE, date_rows(warehouse_years(con))),
        (T.DIM_ACTOR, actor_rows(warehouse_actor_codes(con), rules)),
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
