"""The serving database as a BI tool sees it: opened read-only through SQLAlchemy and
duckdb-engine (as Superset does), readable in the 1.4 storage format, never blocked
by a load and never showing a half-loaded state."""
from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import threading

import duckdb
import pytest
import sqlalchemy
from sqlalchemy import text

from conftest import DEV_ARTICLES, write_article
from schemas import tables as T
from warehouse import serving
from warehouse.models import load_models

SERVED = [t.name for t in (*T.ALL_TABLES, *T.DIMENSIONS)] + [m.name for m in load_models() if m.layer == "marts"]


def bi_engine(path) -> sqlalchemy.Engine:
    """What a Superset database entry with this URI and engine parameters builds."""
    return sqlalchemy.create_engine(f"duckdb:///{path.absolute()}", connect_args={"read_only": True},
                                    poolclass=sqlalchemy.pool.NullPool)


def counts(conn) -> dict[str, int]:
    return {name: conn.execute(text(f"SELECT count(*) FROM {name}")).scalar() for name in SERVED}


def published_at(conn) -> str:
    return conn.execute(text("SELECT value FROM _serving_meta WHERE key = 'published_at'")).scalar()


def load_dev_copy(root):
    from flows.ingest import run_ingest
    src = root / "articles"
    shutil.copytree(DEV_ARTICLES, src)
    data = root / "data"
    run_ingest(str(src), str(data), workers=1)
    return src, data


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """The dev articles loaded once; tests that change the corpus use their own copy."""
    return load_dev_copy(tmp_path_factory.mktemp("served"))


def test_serving_copy_holds_every_mart_and_view_in_the_1_4_storage_format(loaded):
    _, data = loaded
    path = data / "serving.duckdb"
    header = path.read_bytes()[:20]
    assert header[8:12] == b"DUCK" and struct.unpack("<Q", header[12:20])[0] == 67  # 67 = the v1.4 format
    assert serving.storage_version_of(path).startswith("v1.4")
    assert [p.name for p in data.iterdir() if p.name.startswith(".serving")] == []   # no temporaries left
    with bi_engine(path).connect() as conn:
        assert all(n > 0 for name, n in counts(conn).items() if name != "rejected_articles")
        # the views read the copied tables, so they work inside the copy
        assert conn.execute(text("SELECT count(*) FROM int_counted_events")).scalar() == \
            conn.execute(text("SELECT sum(events) FROM daily_dyad")).scalar()
        with pytest.raises(Exception, match="read-only"):
            conn.execute(text("DELETE FROM events"))


def test_a_dashboard_reads_every_mart_while_a_second_load_runs(tmp_path):
    from flows.ingest import run_ingest
    src, data = load_dev_copy(tmp_path)
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
    assert outcome["summary"]["post_load"]["serving"] == str(path.absolute())


@pytest.mark.slow
def test_query_reads_the_serving_copy_while_a_load_holds_the_warehouse(loaded):
    from warehouse.queries import run_query
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

    from flows.cli import app
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
