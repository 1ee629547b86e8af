"""The warehouse from Python: pandas DataFrames and the report's figure, for notebooks.

    from eventetl.warehouse.notebook import open_data
    data = open_data("data")                      # reads data/serving.duckdb, read-only
    data.events(start="2024-01-01", dyad="PAK-IRN", roots=["19"])
    data.daily_country(countries=["PAK"], modality=["asserted"])
    data.figure(dyad="PAK-IRN")                   # a matplotlib Figure

It reads the serving copy, the file BI tools read: a load never blocks it and it never
shows a half-loaded state. Each call opens the file, queries and closes it, so the next
call sees the latest load.

Filters, on every method that has the columns: `start`/`end` (the event's day), `countries`
(either actor; `daily_country`: the country), `dyad` ("PAK-IRN", both directions unless
`directed`), `roots` (CAMEO root codes, "19" or 19) and `modality` ("asserted", "future",
"negated"). The daily series are the marts' own SQL run on the filtered events, so
`daily_dyad(roots=["14"])` is the `daily_dyad` mart of protests alone. Like the marts,
they leave out negated events.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

import duckdb

from eventetl.warehouse.models import Model, load_models, with_source_restricted
from eventetl.warehouse.report import ReportError, figure, load_report_data, parse_subject, span_filter, subject_filter
from eventetl.warehouse.serving import SERVING_NAME

DayLike = date | str | None
COUNTED = "int_counted_events"  # the events the marts count, one day each


class DataError(RuntimeError):
    """A data folder that cannot be read, or a filter that makes no sense."""


def _day(value: DayLike, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataError(f"{name}={value!r} is not a date (YYYY-MM-DD)") from None


def _codes(values: Iterable[str | int] | str | int | None, width: int = 0) -> list[str] | None:
    if values is None:
        return None
    if isinstance(values, (str, int)):
        values = [values]
    return [str(v).strip().upper().zfill(width) for v in values]


@dataclass(frozen=True)
class Filters:
    """What to keep; `where` turns it into SQL over a relation's columns."""

    start: date | None = None
    end: date | None = None
    countries: tuple[str, ...] | None = None
    dyad: str | None = None
    directed: bool = False
    roots: tuple[str, ...] | None = None
    modality: tuple[str, ...] | None = None

    @classmethod
    def of(cls, start: DayLike = None, end: DayLike = None, countries=None, dyad: str | None = None,
           directed: bool = False, roots=None, modality=None) -> "Filters":
        codes = _codes(countries)
        kinds = [m.lower() for m in _codes(modality) or []] or None
        if dyad is not None:
            try:
                parse_subject(dyad, None, directed)
            except ReportError as err:
                raise DataError(str(err).replace("--dyad ", "dyad=")) from None
        return cls(_day(start, "start"), _day(end, "end"), tuple(codes) if codes else None, dyad, directed,
                   tuple(_codes(roots, 2)) if roots is not None else None, tuple(kinds) if kinds else None)

    def where(self, date_column: str, countries: bool = True) -> tuple[str, list]:
        """A WHERE clause (and its parameters) for a relation with actor1_country,
        actor2_country, event_root_code and modality columns."""
        sql, params = span_filter(date_column, self.start, self.end)
        if self.countries and countries:
            sql += " AND (actor1_country IN (SELECT unnest(?)) OR actor2_country IN (SELECT unnest(?)))"
            params += [list(self.countries)] * 2
        if self.dyad:
            condition, values = subject_filter(parse_subject(self.dyad, None, self.directed))
            sql, params = sql + f" AND {condition}", params + values
        if self.roots is not None:
            sql, params = sql + " AND event_root_code IN (SELECT unnest(?))", params + [list(self.roots)]
        if self.modality is not None:
            sql, params = sql + " AND modality IN (SELECT unnest(?))", params + [list(self.modality)]
        return "true" + sql, params


class EventData:
    """A data folder's events, read-only (see the module's docstring)."""

    def __init__(self, data_dir: str | Path = "data", database: str | Path | None = None):
        self.path = Path(database) if database else Path(data_dir) / SERVING_NAME
        if not self.path.is_file():
            raise DataError(f"no {self.path.name} in {self.path.parent}: run `eventetl run` first")
        self._models = {m.name: m for m in load_models()}

    def sql(self, query: str, params: list | None = None):
        """Any read-only SQL as a DataFrame."""
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            return con.execute(query, params or []).df()
        finally:
            con.close()

    def events(self, start: DayLike = None, end: DayLike = None, countries=None, dyad: str | None = None,
               roots=None, modality=None, directed: bool = False):
        """Deduplicated events (negated ones included, with their modality)."""
        where, params = Filters.of(start, end, countries, dyad, directed, roots, modality).where("event_date")
        return self.sql(f"SELECT * FROM events WHERE {where} ORDER BY event_date, event_id", params)

    def mentions(self, start: DayLike = None, end: DayLike = None, countries=None, dyad: str | None = None,
                 roots=None, modality=None, directed: bool = False):
        """Event mentions: one row per event reported in a sentence, with its article's offsets."""
        where, params = Filters.of(start, end, countries, dyad, directed, roots, modality).where("event_date")
        return self.sql(f"SELECT * FROM event_mentions WHERE {where} "
                        "ORDER BY event_date, article_id, char_start, mention_id", params)

    def daily_dyad(self, start: DayLike = None, end: DayLike = None, countries=None, dyad: str | None = None,
                   roots=None, modality=None, directed: bool = False):
        """Events per day and directed dyad, as the `daily_dyad` mart counts them."""
        filters = Filters.of(start, end, countries, dyad, directed, roots, modality)
        return self._series("daily_dyad", filters)

    def daily_country(self, start: DayLike = None, end: DayLike = None, countries=None, roots=None,
                      modality=None):
        """Events per day and country with the cooperation-conflict index, as `daily_country`."""
        filters = Filters.of(start, end, countries, None, False, roots, modality)
        return self._series("daily_country", filters, keep=("country", filters.countries))

    def figure(self, dyad: str | None = None, country: str | None = None, start: DayLike = None,
               end: DayLike = None, directed: bool = False, with_table: bool = True):
        """The report's chart (daily events by quad class, the Goldstein line, top events)."""
        try:
            subject = parse_subject(dyad, country, directed)
        except ReportError as err:
            raise DataError(str(err).replace("--dyad", "dyad").replace("--country", "country")) from None
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            data = load_report_data(con, subject, _day(start, "start"), _day(end, "end"))
        finally:
            con.close()
        return figure(data, with_table)

    def _series(self, mart: str, filters: Filters, keep: tuple[str, tuple[str, ...] | None] | None = None):
        model: Model = self._models[mart]
        # The mart decides what a country takes part in: filter its rows, not its events.
        where, params = filters.where("event_day", countries=keep is None)
        sql = f"SELECT * FROM ({with_source_restricted(model, COUNTED, where)}) AS series"
        if keep and keep[1]:
            sql += f" WHERE {keep[0]} IN (SELECT unnest(?))"
            params = params + [list(keep[1])]
        order = ", ".join(f"{c} NULLS LAST" for c in model.grain)
        return self.sql(f"{sql} ORDER BY {order}", params)


def open_data(data_dir: str | Path = "data", database: str | Path | None = None) -> EventData:
    """Open a data folder (its serving.duckdb) read-only; `database` names another file."""
    return EventData(data_dir, database)
