"""The SQL models: mentions merge into events by the dedup key, the marts count those
events, the data tests hold on the dev articles and catch broken data."""
from __future__ import annotations

import shutil
from datetime import date

import duckdb
import pyarrow as pa
import pytest

from conftest import write_article
from eventetl.schemas import tables as T
from eventetl.schemas.records import event_id_for, mention_id_for, to_arrow
from eventetl.warehouse import data_tests, duckdb_store, models

# ---------------------------------------------------------------- hand-made warehouses


def article(article_id: str, uri: str, published: str) -> dict:
    return {"article_id": article_id, "source_uri": uri, "published_date": date.fromisoformat(published),
            "dateline": None, "n_chars": 100, "n_events": 1, "content_hash": article_id,
            "text_encoding": "utf-8", "ingested_at": pa.scalar(0, pa.timestamp("us", tz="UTC")).as_py(),
            "extractor_version": "test"}


def mention(article_id: str, published: str, code: str = "042", a1: str | None = "IRN", a2: str | None = "PAK",
            day: str | None = "2024-01-29", where: str | None = "PAK", start: int = 0, **extra) -> dict:
    event_day = date.fromisoformat(day) if day else None
    quad = {"0": 1, "1": 3}.get(code[0], 1) if code[:2] not in ("18", "19", "20", "15", "17") else 4
    row = {
        "mention_id": mention_id_for(article_id, start, start + 5, code, a1, a2),
        "event_id": event_id_for(event_day, a1, a2, code[:3], where),
        "article_id": article_id, "published_date": date.fromisoformat(published),
        "sentence_index": 0, "char_start": start, "char_end": start + 50, "sentence": f"Sentence at {start}.",
        "trigger": "visit", "trigger_start": start, "trigger_end": start + 5,
        "event_code": code, "event_root_code": code[:2], "event_base_code": code[:3],
        "quad_class": quad, "goldstein": 1.0 if quad <= 2 else -5.0, "plover_type": None,
        "actor1_name": a1, "actor1_country": a1, "actor1_type": "GOV", "actor2_name": a2, "actor2_country": a2,
        "actor2_type": None, "event_date": event_day, "date_precision": "day" if day else None,
        "date_basis": "explicit", "date_text": None, "location_name": None, "location_country": where,
        "latitude": None, "longitude": None, "geonameid": None, "geo_precision": None,
        "modality": "asserted", "confidence": 0.5, "rule_id": "r1", "extractor_version": "test",
    }
    row.update(extra)
    return row


def warehouse_with(tmp_path, articles: list[dict], mentions: list[dict], name: str = "w.duckdb"):
    con = duckdb.connect(str(tmp_path / name))
    duckdb_store.create_schema(con)
    duckdb_store._insert(con, T.ARTICLES, to_arrow(articles, T.ARTICLES))
    if mentions:
        duckdb_store._insert(con, T.EVENT_MENTIONS, to_arrow(mentions, T.EVENT_MENTIONS))
    models.run_models(con)
    return con


def events_of(con) -> list[dict]:
    rel = con.execute("SELECT * FROM events ORDER BY event_id")
    cols = [d[0] for d in rel.description]
    return [dict(zip(cols, r)) for r in rel.fetchall()]


A1 = article("a1", "/feeds/dawn/a1.txt", "2024-01-25")
A2 = article("a2", "/feeds/irna/a2.txt", "2024-01-26")
A3 = article("a3", "https://news.example.org/2024/a3.txt", "2024-01-26")


def test_mentions_of_one_event_in_two_articles_from_two_sources_merge_into_one_event(tmp_path):
    mentions = [
        mention("a1", "2024-01-25", start=0, modality="future", confidence=0.6,
                location_name="Islamabad", latitude=33.7, longitude=73.1),
        mention("a1", "2024-01-25", start=100, modality="future", confidence=0.8,
                location_name="Islamabad", latitude=33.7, longitude=73.1),
        mention("a2", "2024-01-26", start=0, modality="asserted", confidence=0.7, actor1_type=None),
    ]
    con = warehouse_with(tmp_path, [A1, A2], mentions)
    [event] = events_of(con)
    assert event["event_id"] == event_id_for(date(2024, 1, 29), "IRN", "PAK", "042", "PAK")
    assert (event["num_mentions"], event["num_articles"], event["num_sources"]) == (3, 2, 2)
    assert (event["first_seen"], event["last_seen"]) == (date(2024, 1, 25), date(2024, 1, 26))
    assert event["confidence"] == pytest.approx(0.7)
    assert event["modality"] == "future"                       # two of three mentions
    assert event["location_name"] == "Islamabad" and event["latitude"] == 33.7
    assert event["actor1_type"] == "GOV" and event["actor2_type"] is None
    # the mentions are recoverable by join
    ids = {r[0] for r in con.execute("SELECT mention_id FROM events JOIN event_mentions USING (event_id)").fetchall()}
    assert ids == {m["mention_id"] for m in mentions}


def test_a_different_key_part_makes_a_different_event(tmp_path):
    mentions = [mention("a1", "2024-01-25"),
                mention("a1", "2024-01-25", start=10, day="2024-01-30"),   # other day
                mention("a1", "2024-01-25", start=20, a1="PAK", a2="IRN"),  # other direction
                mention("a1", "2024-01-25", start=30, code="043"),          # other base code
                mention("a1", "2024-01-25", start=40, where="IRN")]         # other place
    con = warehouse_with(tmp_path, [A1], mentions)
    assert len(events_of(con)) == 5


def test_representative_values_do_not_depend_on_row_order(tmp_path):
    # One mention each of 087 and 0871 (same base code): a tie, resolved to the smaller code,
    # and quad class / Goldstein come with the chosen code.
    rows = [mention("a1", "2024-01-25", code="0871", start=0, goldstein=9.0, modality="negated"),
            mention("a2", "2024-01-26", code="087", start=0, goldstein=7.0, modality="asserted")]
    forward = events_of(warehouse_with(tmp_path, [A1, A2], rows, "f.duckdb"))
    backward = events_of(warehouse_with(tmp_path, [A2, A1], rows[::-1], "b.duckdb"))
    assert forward == backward
    assert forward[0]["event_code"] == "087" and forward[0]["goldstein"] == 7.0
    assert forward[0]["modality"] == "asserted"


def test_num_sources_counts_url_hosts_and_local_folders(tmp_path):
    a4 = article("a4", "https://news.example.org/other/a4.txt", "2024-01-26")
    con = warehouse_with(tmp_path, [A1, A3, a4], [mention("a1", "2024-01-25"), mention("a3", "2024-01-26"),
                                                  mention("a4", "2024-01-26")])
    [event] = events_of(con)
    assert (event["num_articles"], event["num_sources"]) == (3, 2)   # /feeds/dawn and https://news.example.org


def test_re_extracting_a_partition_re_derives_only_its_events_and_matches_a_full_rebuild(tmp_path):
    kept = mention("a2", "2024-01-26", start=0)
    changed = mention("a1", "2024-01-25", start=0)
    elsewhere = mention("a2", "2024-01-26", start=50, code="190", a1="RUS", a2="UKR", where="UKR")
    con = warehouse_with(tmp_path, [A1, A2], [changed, kept, elsewhere])
    assert [e["num_mentions"] for e in events_of(con) if e["event_base_code"] == "042"] == [2]

    # Re-extraction of 2024-01-25: the mention now has another date, so its old event
    # loses a mention and a new event appears.
    new = mention("a1", "2024-01-25", start=0, day="2024-01-31")
    models.track_affected_events(con, date(2024, 1, 25))
    duckdb_store.replace_partition(con, date(2024, 1, 25), to_arrow([A1], T.ARTICLES),
                                   to_arrow([new], T.EVENT_MENTIONS))
    models.track_affected_events(con, date(2024, 1, 25))
    models.run_models(con, incremental=True)
    incremental = events_of(con)
    models.run_models(con)
    assert incremental == events_of(con)
    assert sorted((e["event_date"], e["num_mentions"]) for e in incremental) == [
        (date(2024, 1, 29), 1), (date(2024, 1, 29), 1), (date(2024, 1, 31), 1)]
    assert sum(e["num_mentions"] for e in incremental) == 3


def test_incremental_run_with_nothing_changed_leaves_events_alone(tmp_path):
    con = warehouse_with(tmp_path, [A1], [mention("a1", "2024-01-25")])
    before = events_of(con)
    models.run_models(con, incremental=True)
    assert events_of(con) == before


def test_daily_country_index_counts_each_event_once_and_leaves_out_negated_events(tmp_path):
    rows = [mention("a1", "2024-01-25", code="042", a1="PAK", a2="IRN", day="2024-01-25"),     # cooperation
            mention("a1", "2024-01-25", code="190", a1="IRN", a2="PAK", day="2024-01-25", start=10),  # conflict
            mention("a1", "2024-01-25", code="111", a1="PAK", a2="PAK", day="2024-01-25", start=20),  # verbal conflict, once
            mention("a1", "2024-01-25", code="193", a1="PAK", a2="IRN", day="2024-01-25", start=30,
                    modality="negated")]
    con = warehouse_with(tmp_path, [A1], rows)
    pak = con.execute("SELECT events, events_as_source, events_as_target, cooperation_events, conflict_events, "
                      "cooperation_conflict_index FROM daily_country WHERE country = 'PAK'").fetchone()
    assert pak == (3, 2, 2, 1, 2, pytest.approx(-1 / 3))
    irn = con.execute("SELECT events, cooperation_conflict_index FROM daily_country WHERE country = 'IRN'").fetchone()
    assert irn == (2, 0.0)
    dyads = con.execute("SELECT actor1_country, actor2_country, events, verbal_cooperation_events, "
                        "material_conflict_events FROM daily_dyad ORDER BY 1, 2").fetchall()
    assert dyads == [("IRN", "PAK", 1, 0, 1), ("PAK", "IRN", 1, 1, 0), ("PAK", "PAK", 1, 0, 0)]


def test_events_without_a_day_count_on_the_day_first_reported(tmp_path):
    rows = [mention("a1", "2024-01-25", day="2024-01-01", date_precision="month"),
            mention("a1", "2024-01-25", day=None, start=10)]
    con = warehouse_with(tmp_path, [A1], rows)
    assert con.execute("SELECT event_date, events FROM daily_dyad").fetchall() == [(date(2024, 1, 25), 2)]
    assert con.execute("SELECT week_start, events FROM event_type_trends").fetchall() == [(date(2024, 1, 22), 2)]


def test_models_run_after_what_they_read():
    order = [m.name for m in models.load_models()]
    for m in models.load_models():
        for dep in m.depends_on:
            assert order.index(dep) < order.index(m.name), (dep, m.name)
    assert {"events", "daily_dyad", "daily_country", "event_type_trends"} <= set(order)
    assert all(m.columns for m in models.mart_models())   # every mart states its contract


def test_a_mart_that_breaks_its_contract_is_refused(tmp_path):
    sql = tmp_path / "sql"
    (sql / "marts").mkdir(parents=True)
    (sql / "marts" / "tiny.sql").write_text(
        "-- name: tiny\n-- materialized: table\n-- grain: [n]\n-- columns:\n--   n: {type: int32}\nSELECT 1::BIGINT AS n\n")
    con = duckdb.connect()
    with pytest.raises(models.ModelError, match="breaks its contract"):
        models.run_models(con, select=["tiny"], models_dir=sql)


# ---------------------------------------------------------------- the dev articles, end to end


@pytest.fixture(scope="module")
def dev_warehouse(tmp_path_factory, dev_articles):
    from eventetl.flows.ingest import run_ingest
    data = tmp_path_factory.mktemp("dev") / "data"
    summary = run_ingest(str(dev_articles), str(data), workers=1)
    return data, summary


def test_dev_load_keeps_the_dedup_invariants(dev_warehouse):
    data, summary = dev_warehouse
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    n_mentions = con.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
    assert n_mentions > 0
    assert con.execute("SELECT sum(num_mentions) FROM events").fetchone()[0] == n_mentions
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == summary.total_events <= n_mentions
    assert con.execute("SELECT count(*) FROM events WHERE num_articles > num_mentions OR num_sources > num_articles "
                       "OR first_seen > last_seen OR confidence NOT BETWEEN 0 AND 1").fetchone()[0] == 0
    # each event's id is the hash of its own key
    for row in con.execute("SELECT event_id, event_date, actor1_country, actor2_country, event_base_code, "
                           "location_country FROM events").fetchall():
        assert row[0] == event_id_for(*row[1:])


def test_dev_load_builds_every_mart_and_passes_every_data_test(dev_warehouse):
    data, summary = dev_warehouse
    rows = {run.name: run.rows for run in summary.post_load.models}
    for mart in ("events", "daily_dyad", "daily_country", "event_type_trends", "dim_country", "dim_cameo", "dim_date"):
        assert rows[mart] > 0, mart
    tests = summary.post_load.test_counts
    assert tests.failed == 0 and tests.passed >= 40
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    results = data_tests.run_data_tests(con)
    assert not data_tests.failed(results)
    names = {r.name for r in results}
    assert {"events_reconcile_mentions", "event_mentions_have_an_article", "accepted_values_events__quad_class",
            "accepted_values_events__modality", "unique_daily_dyad__event_date__actor1_country__actor2_country",
            "not_null_daily_country__country"} <= names


def test_a_broken_warehouse_fails_the_named_data_tests(dev_warehouse, tmp_path):
    data, _ = dev_warehouse
    shutil.copy(data / "warehouse.duckdb", tmp_path / "w.duckdb")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("DELETE FROM articles WHERE article_id IN (SELECT min(article_id) FROM event_mentions)")
    con.execute("UPDATE events SET num_mentions = num_mentions + 1 WHERE event_id = (SELECT min(event_id) FROM events)")
    results = data_tests.run_data_tests(con)
    with pytest.raises(data_tests.DataTestsFailed) as err:
        data_tests.raise_on_failure(results)
    assert "event_mentions_have_an_article" in str(err.value)
    assert "events_reconcile_mentions" in str(err.value)
    # the marts were built from the events before the tampering, so they no longer add up either
    assert {r.name for r in err.value.failed} == {"event_mentions_have_an_article", "events_reconcile_mentions",
                                                  "marts_reconcile_events"}


def test_a_failing_data_test_fails_the_load_and_keeps_the_last_serving_copy(tmp_path, monkeypatch):
    from eventetl.flows.ingest import run_ingest
    src = tmp_path / "articles"
    write_article(src, "a.txt", "2024-01-25", "Pakistan and Iran agreed to restore diplomatic ties.", "ISLAMABAD")
    data = tmp_path / "data"
    run_ingest(str(src), str(data), workers=1)
    serving = data / "serving.duckdb"
    before = serving.stat().st_ino
    always_failing = data_tests.DataTest("no_events_allowed", "events", "SELECT * FROM events",
                                         "a test that fails whenever there are events")
    real = data_tests.singular_tests
    monkeypatch.setattr(data_tests, "singular_tests", lambda *a: real(*a) + [always_failing])
    write_article(src, "b.txt", "2024-01-26", "Russian troops attacked Ukrainian positions near Kharkiv.", "KYIV")
    with pytest.raises(data_tests.DataTestsFailed, match="no_events_allowed"):
        run_ingest(str(src), str(data), workers=1)
    assert serving.stat().st_ino == before


def test_data_test_results_are_not_published_outside_a_flow_run():
    assert data_tests.publish_artifact([]) is None


@pytest.mark.slow
def test_data_test_results_become_a_prefect_table_artifact(prefect_api):
    from prefect import flow
    from prefect.artifacts import Artifact

    result = data_tests.TestResult("unique_events__event_id", "events", "error", 0, [], 0.01, "one row per event")

    @flow
    def publish() -> str | None:
        return data_tests.publish_artifact([result])

    assert publish() is not None
    artifact = Artifact.get(data_tests.ARTIFACT_KEY)
    assert artifact is not None and "unique_events__event_id" in str(artifact.data)


def test_build_marts_command_rebuilds_tests_and_republishes(dev_warehouse, tmp_path):
    from typer.testing import CliRunner

    from eventetl.flows.cli.app import app
    data, _ = dev_warehouse
    copy = tmp_path / "data"
    copy.mkdir()
    shutil.copy(data / "warehouse.duckdb", copy / "warehouse.duckdb")
    res = CliRunner().invoke(app, ["build-marts", "--data-dir", str(copy)])
    assert res.exit_code == 0, res.output
    assert "daily_dyad" in res.output and "0 failed" in res.output
    assert (copy / "serving.duckdb").exists()
