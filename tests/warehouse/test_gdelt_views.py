"""The GDELT-shaped views of the serving database: GDELT 2.0's columns, names, order and
types, and GDELT queries that run on them unchanged."""
from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from conftest import SHARED, needs_shared, write_article
from eventetl.schemas.gdelt import GDELT_EVENTS, GDELT_MENTIONS, GDELT_TYPES

REFERENCE = SHARED / "reference" / "gdelt"
DUCKDB_TYPES = {"INTEGER": "BIGINT", "FLOAT": "DOUBLE", "STRING": "VARCHAR"}

# Written for GDELT 2.0 (BigQuery's gdelt-bq.gdeltv2.events), not for eventetl.
GDELT_QUERY = """
SELECT SQLDATE, Actor1CountryCode, Actor2CountryCode, EventRootCode, count(*) AS events
FROM gdelt_events
WHERE Actor1CountryCode IS NOT NULL AND QuadClass IN (3, 4)
GROUP BY SQLDATE, Actor1CountryCode, Actor2CountryCode, EventRootCode
ORDER BY events DESC, SQLDATE
"""


def reference_columns(name: str) -> list[tuple[str, str]]:
    """(name, GDELT type) of a reference schema file, in its order."""
    if name == "events":
        with (REFERENCE / "GDELT_2.0_Events_schema.csv").open(encoding="utf-8") as handle:
            return [(r["tableId"], r["dataType"]) for r in csv.DictReader(handle)]
    rows = (line.split("\t") for line in (REFERENCE / "GDELT_2.0_Mentions_schema.tsv").read_text("utf-8").splitlines()[1:])
    return [(r[1], r[2]) for r in rows if len(r) > 2 and r[2]]  # the last row is a placeholder without a type


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Path:
    from eventetl.flows.ingest import run_ingest
    root = tmp_path_factory.mktemp("gdelt")
    src = root / "articles"
    write_article(src, "kyiv.txt", "2024-01-25", "Russian troops attacked Ukrainian positions near Kharkiv on "
                  "Wednesday. Ukraine condemned the attack.", "KYIV")
    write_article(src, "kyiv-copy.txt", "2024-01-26", "Russian troops attacked Ukrainian positions near Kharkiv on "
                  "Wednesday, officials said.", "KYIV")
    write_article(src, "un.txt", "2024-02-01", "The UN Security Council condemned Russia over the strikes. "
                  "NATO troops arrived in Poland on Thursday.", "NEW YORK")
    data = root / "data"
    run_ingest(str(src), str(data), workers=1)
    return data / "serving.duckdb"


def serving(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True)


@pytest.mark.parametrize("table, name", [(GDELT_EVENTS, "events"), (GDELT_MENTIONS, "mentions")])
def test_the_views_have_the_declared_columns_as_many_as_gdelt_2s(served, table, name):
    con = serving(served)
    described = [(r[0], r[1]) for r in con.execute(f"DESCRIBE {table.name}").fetchall()]
    assert described == [(c.name, c.duckdb_type) for c in table.columns]
    assert len(described) == {"events": 61, "mentions": 16}[name]


@needs_shared(REFERENCE / "GDELT_2.0_Events_schema.csv", REFERENCE / "GDELT_2.0_Mentions_schema.tsv")
@pytest.mark.parametrize("table, name", [(GDELT_EVENTS, "events"), (GDELT_MENTIONS, "mentions")])
def test_the_declared_columns_are_gdelt_2s_in_gdelt_order_with_gdelt_types(table, name):
    """Against GDELT's own schema files; with the test above, the views are GDELT 2.0's."""
    reference = reference_columns(name)
    assert [(c.name, c.duckdb_type) for c in table.columns] == [(n, DUCKDB_TYPES[t]) for n, t in reference]
    assert [(c.name, c.type) for c in table.columns] == [(n, GDELT_TYPES[t]) for n, t in reference]


def test_a_query_written_for_gdelt_runs_unchanged_and_counts_the_events(served):
    con = serving(served)
    rows = con.execute(GDELT_QUERY).fetchall()
    assert (20240124, "RUS", "UKR", "19", 1) in rows or (20240124, "RUS", "UKR", "18", 1) in rows, rows
    counted = con.execute("SELECT count(*) FROM events WHERE modality <> 'negated' AND actor1_country IS NOT NULL "
                          "AND quad_class IN (3, 4)").fetchone()[0]
    assert sum(r[-1] for r in rows) == counted


def test_event_rows_carry_gdelt_conventions(served):
    con = serving(served)
    attack = con.execute("""SELECT SQLDATE, MonthYear, Year, Actor1Code, Actor1Name, Actor2Code, NumArticles,
                                   NumSources, ActionGeo_CountryCode, ActionGeo_FullName, DATEADDED, SOURCEURL,
                                   AvgTone
                            FROM gdelt_events WHERE Actor1CountryCode = 'RUS' AND EventRootCode IN ('18', '19')""").fetchall()
    assert len(attack) == 1
    sqldate, month_year, year, a1, a1_name, a2, articles, sources, geo_country, geo_name, added, url, tone = attack[0]
    assert (sqldate, month_year, year) == (20240124, 202401, 2024)      # "on Wednesday": the event's own day
    assert a1 == "RUSMIL" and a1_name.isupper() and a2.startswith("UKR")
    assert articles == 2 and sources == 1                                # two files of one folder
    assert geo_country == "UP" and geo_name.endswith("Ukraine")          # FIPS, as GDELT
    assert len(str(added)) == 14 and url.endswith("kyiv.txt") and tone is None
    un = con.execute("""SELECT Actor1Code, Actor1KnownGroupCode, Actor1Type1Code, Actor1CountryCode
                        FROM gdelt_events WHERE Actor1Code LIKE 'IGO%' ORDER BY 1""").fetchall()
    assert ("IGOUNO", "UNO", "IGO", None) in un and ("IGOWSTNATMIL", "NAT", "IGO", None) in un


def test_gdelt_mentions_join_their_events_as_in_gdelt(served):
    con = serving(served)
    joined = con.execute("""SELECT e.GLOBALEVENTID, e.NumMentions, count(*) AS mentions,
                                   min(m.EventTimeDate = e.DATEADDED), min(m.MentionType), min(m.SentenceID)
                            FROM gdelt_events e JOIN gdelt_mentions m USING (GLOBALEVENTID)
                            GROUP BY ALL""").fetchall()
    assert joined and all(n == mentions and same and kind == 2 and sentence >= 1
                          for _, n, mentions, same, kind, sentence in joined)
    assert con.execute("SELECT count(*) FROM gdelt_mentions").fetchone()[0] == sum(r[2] for r in joined)
