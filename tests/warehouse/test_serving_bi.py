"""The serving database as a BI tool sees it: opened read-only through SQLAlchemy and
duckdb-engine (as Superset does), in the oldest storage format, by older DuckDB releases
(installed for the test), described table by table and column by column, never blocked
by a load and never showing a half-loaded state."""
from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
import threading

import duckdb
import pytest
import sqlalchemy
from sqlalchemy import text

from conftest import write_article
from eventetl.schemas import tables as T
from eventetl.warehouse import serving
from eventetl.warehouse.models import load_models

SERVED = [t.name for t in (*T.ALL_TABLES, *T.DIMENSIONS)] + [m.name for m in load_models() if m.layer == "marts"]


def bi_engine(path) -> sqlalchemy.Engine:
    """What a Superset database entry with this URI and engine parameters builds."""
    return sqlalchemy.create_engine(f"duckdb:///{path.absolute()}", connect_args={"read_only": True},
                                    poolclass=sqlalchemy.pool.NullPool)


def counts(conn) -> dict[str, int]:
    return {name: conn.execute(text(f"SELECT count(*) FROM {name}")).scalar() for name in SERVED}


def published_at(conn) -> str:
    return conn.execute(text("SELECT value FROM _serving_meta WHERE key = 'published_at'")).scalar()


def load_dev_copy(dev_articles, root):
    from eventetl.flows.ingest import run_ingest
    src = root / "articles"
    shutil.copytree(dev_articles, src)
    data = root / "data"
    run_ingest(str(src), str(data), workers=1)
    return src, data


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, dev_articles):
    """The dev articles loaded once; tests that change the corpus use their own copy."""
    return load_dev_copy(dev_articles, tmp_path_factory.mktemp("served"))


def test_serving_copy_holds_every_mart_and_view_in_the_oldest_storage_format(loaded):
    _, data = loaded
    path = data / "serving.duckdb"
    header = path.read_bytes()[:20]
    assert header[8:12] == b"DUCK" and struct.unpack("<Q", header[12:20])[0] == 64  # 64 = the v1.0 format
    assert serving.storage_version_of(path).startswith("v1.0.0")
    assert [p.name for p in data.iterdir() if p.name.startswith(".serving")] == []   # no temporaries left
    with bi_engine(path).connect() as conn:
        assert all(n > 0 for name, n in counts(conn).items() if name != "rejected_articles")
        # the views read the copied tables, so they work inside the copy
        assert conn.execute(text("SELECT count(*) FROM int_counted_events")).scalar() == \
            conn.execute(text("SELECT sum(events) FROM daily_dyad")).scalar()
        with pytest.raises(Exception, match="read-only"):
            conn.execute(text("DELETE FROM events"))


def test_a_dashboard_reads_every_mart_while_a_second_load_runs(dev_articles, tmp_path):
    from eventetl.flows.ingest import run_ingest
    src, data = load_dev_copy(dev_articles, tmp_path)
    path = data / "serving.duckdb"
    engine = bi_engine(path)
    with engine.connect() as held:
        before, first_publish = counts(held), published_at(held)
        write_article(src, "zz_new.txt", "2024-03-01", "Russian troops attacked Ukrainian positions near Kharkiv. "
                      "Ukraine condemned the attack.", "KYIV")
        outcome: dict = {}

        def second_load() -> None:
            try:
                outcome["summary"] = run_ingest(str(src), str(data), workers=1)
            except BaseException as err:  # surfaced by the assertion below
                outcome["error"] = err

        load = threading.Thread(target=second_load)
        load.start()
        reads_during_load = 0
        seen_articles = set()
        while load.is_alive():
            # the connection opened before the load keeps its complete, old state
            assert counts(held) == before
            # a connection opened now never waits and sees one whole state, old or new
            with engine.connect() as fresh:
                now = counts(fresh)
            seen_articles.add(now["articles"])
            assert now == before or now["articles"] == before["articles"] + 1
            reads_during_load += 1
        load.join()
        assert "error" not in outcome, outcome.get("error")
        assert reads_during_load > 0
        assert counts(held) == before and published_at(held) == first_publish
    with engine.connect() as after:
        assert counts(after)["articles"] == before["articles"] + 1
        assert published_at(after) >= first_publish
    assert outcome["summary"].post_load.serving == str(path.absolute())


@pytest.mark.slow
def test_query_reads_the_serving_copy_while_a_load_holds_the_warehouse(loaded):
    from eventetl.warehouse.queries import run_query
    _, data = loaded
    # Another process holds the warehouse open for writing, as a running load does.
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('open', flush=True); "
         "sys.stdin.read()", str(data / "warehouse.duckdb")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(duckdb.IOException, match="lock"):
            duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
        out = run_query("SELECT count(*) AS n FROM daily_dyad", data_dir=str(data), fmt="csv")
    finally:
        holder.communicate("", timeout=30)
    assert int(out.splitlines()[1]) > 0


def test_query_exports_parquet_and_csv(loaded, tmp_path):
    import pyarrow.parquet as pq
    from typer.testing import CliRunner

    from eventetl.flows.cli.app import app
    _, data = loaded
    runner = CliRunner()
    sql = "SELECT * FROM daily_country ORDER BY event_date, country"
    res = runner.invoke(app, ["query", sql, "--data-dir", str(data), "--output", str(tmp_path / "c.parquet")])
    assert res.exit_code == 0, res.output
    table = pq.read_table(tmp_path / "c.parquet")
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    assert table.num_rows == con.execute("SELECT count(*) FROM daily_country").fetchone()[0]
    assert table.column_names == [r[0] for r in con.execute("DESCRIBE daily_country").fetchall()]
    res = runner.invoke(app, ["query", sql, "--data-dir", str(data), "--output", str(tmp_path / "c.csv")])
    assert res.exit_code == 0
    assert (tmp_path / "c.csv").read_text().splitlines()[0].startswith('"event_date","country"')
    res = runner.invoke(app, ["query", sql, "--data-dir", str(data), "--output", str(tmp_path / "c.xlsx")])
    assert res.exit_code == 2 and "--output must end in .parquet or .csv" in res.output


# -- older DuckDB releases, as bundled in BI drivers ----------------------------------------
OLD_DUCKDB = ("1.0.0", "1.3.2")  # the oldest line the format promises, and one BI drivers still bundle

READ_EVERYTHING = """
import json, sys
sys.path.insert(0, sys.argv[1])  # the old release, ahead of this environment's duckdb
import duckdb
con = duckdb.connect(sys.argv[2], read_only=True)
names = [r[0] for r in con.execute(
    "SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal")
    .fetchall()]
counts = {n: con.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}
comment = con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'events' "
                      "AND column_name = 'event_id'").fetchone()[0]
print(json.dumps({"version": duckdb.__version__, "counts": counts, "comment": comment}))
"""


@pytest.fixture(scope="session")
def old_duckdb(tmp_path_factory):
    """Install an older duckdb wheel into a folder of its own (from the package registry)."""
    installed: dict[str, str] = {}

    def install(version: str) -> str:
        if version not in installed:
            target = tmp_path_factory.mktemp(f"duckdb-{version}")
            subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                            "--no-deps", "--target", str(target), f"duckdb=={version}"], check=True, timeout=600)
            installed[version] = str(target)
        return installed[version]
    return install


@pytest.mark.slow
@pytest.mark.parametrize("version", OLD_DUCKDB)
def test_an_older_duckdb_opens_the_serving_copy_and_reads_every_table_and_view(loaded, old_duckdb, version):
    _, data = loaded
    path = data / "serving.duckdb"
    out = subprocess.run([sys.executable, "-s", "-c", READ_EVERYTHING, old_duckdb(version), str(path)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout)
    assert seen["version"] == version
    con = duckdb.connect(str(path), read_only=True)
    try:
        expected = {n: con.execute(f"SELECT count(*) FROM {n}").fetchone()[0]
                    for n in serving.served_tables() + [v.name for v in serving.served_views()]}
    finally:
        con.close()
    assert {n: seen["counts"][n] for n in expected} == expected
    assert seen["comment"] == T.EVENTS.column("event_id").description


# -- descriptions ------------------------------------------------------------------------------

def test_every_table_view_and_column_of_the_copy_carries_its_description(loaded):
    _, data = loaded
    con = duckdb.connect(str(data / "serving.duckdb"), read_only=True)
    try:
        relations = dict(con.execute("SELECT table_name, comment FROM duckdb_tables() UNION ALL "
                                     "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
        columns = con.execute("SELECT table_name, column_name, comment FROM duckdb_columns() "
                              "WHERE NOT internal").fetchall()
        view_model = next(m for m in load_models() if m.name == "int_counted_events")
        shown = con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'daily_dyad' "
                            "AND column_name = 'goldstein_mean'").fetchone()[0]
    finally:
        con.close()
    assert set(relations) >= set(SERVED) | {v.name for v in serving.served_views()}
    assert [name for name, comment in relations.items() if not comment] == []
    assert [(t, c) for t, c, comment in columns if not comment] == []
    assert relations["articles"] == T.ARTICLES.description
    assert relations["int_counted_events"] == view_model.description
    assert shown == "Mean Goldstein value of the events."                      # from the model header
    assert dict(((t, c), comment) for t, c, comment in columns)[("event_mentions", "quad_class")] == (
        T.EVENT_MENTIONS.column("quad_class").description + " Accepted values: 1, 2, 3, 4.")


def test_parquet_files_carry_the_schema_version_and_column_descriptions(loaded):
    import pyarrow.parquet as pq
    _, data = loaded
    path = next((data / "parquet" / "event_mentions").glob("published_date=*/data.parquet"))
    schema = pq.read_schema(path)
    assert schema.metadata[b"eventetl.schema_version"] == str(T.SCHEMA_VERSION).encode()
    assert schema.field("trigger").metadata[b"description"] == \
        T.EVENT_MENTIONS.column("trigger").description.encode()
    # readers that see only the Parquet footer's key-value metadata get the same
    con = duckdb.connect()
    kv = dict((k.decode(), v.decode()) for k, v in con.execute(
        "SELECT key, value FROM parquet_kv_metadata(?)", [str(path)]).fetchall())
    assert kv["eventetl.schema_version"] == str(T.SCHEMA_VERSION)
    assert json.loads(kv["eventetl.columns"])["event_code"] == T.EVENT_MENTIONS.column("event_code").description


# -- SQLAlchemy reflection, as Superset does it when a dataset is added ----------------------

def test_sqlalchemy_reflects_every_table_and_view_and_pandas_reads_them(loaded):
    import warnings

    import pandas as pd
    _, data = loaded
    path = data / "serving.duckdb"
    names = serving.served_tables() + [v.name for v in serving.served_views()]
    con = duckdb.connect(str(path), read_only=True)
    try:
        expected = {n: ([r[0] for r in con.execute(f"DESCRIBE {n}").fetchall()],
                        con.execute(f"SELECT count(*) FROM {n}").fetchone()[0]) for n in names}
    finally:
        con.close()  # duckdb-engine opens the file with its own configuration
    engine = bi_engine(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duckdb-engine: "no reflection on indices", list types
        inspector = sqlalchemy.inspect(engine)
        assert set(inspector.get_table_names()) >= set(serving.served_tables())
        assert set(inspector.get_view_names()) >= {v.name for v in serving.served_views()}
        for name, (columns, rows) in expected.items():
            reflected = inspector.get_columns(name)
            assert [c["name"] for c in reflected] == columns, name
            assert all(c.get("comment") for c in reflected), name
            frame = pd.read_sql_table(name, engine)
            assert (list(frame.columns), len(frame)) == (columns, rows), name
        assert inspector.get_table_comment("events")["text"] == T.EVENTS.description
