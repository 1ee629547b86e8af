"""The ingest pipeline without Prefect: every file loaded or rejected, reruns change nothing."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from conftest import write_article, warehouse_rows
from eventetl.flows.ingest import run_ingest


def counts(data: Path) -> dict[str, int]:
    return {t: warehouse_rows(data, f"SELECT count(*) FROM {t}")[0][0]
            for t in ("articles", "event_mentions", "events", "rejected_articles")}


rows = warehouse_rows


def test_every_file_is_loaded_or_rejected_with_its_reason(article_folder, tmp_path):
    data = tmp_path / "data"
    summary = run_ingest(str(article_folder), str(data), workers=1)
    assert summary.files_seen == 4
    assert summary.articles == 3 and summary.rejected == 1
    assert counts(data)["articles"] == 3
    [(uri, reason)] = rows(data, "SELECT source_uri, reason FROM rejected_articles")
    assert uri.endswith("broken.txt") and "no date line" in reason
    parts = sorted(p.name for p in (data / "parquet" / "articles").iterdir())
    assert parts == ["published_date=2024-01-25", "published_date=2024-02-01"]
    # the Parquet dataset holds what DuckDB holds
    on_disk = pq.read_table(data / "parquet" / "event_mentions").num_rows if (data / "parquet" / "event_mentions").exists() else 0
    assert on_disk == counts(data)["event_mentions"]


def test_events_are_extracted_and_traceable(article_folder, tmp_path):
    data = tmp_path / "data"
    run_ingest(str(article_folder), str(data), workers=1)
    found = rows(data, """SELECT m.sentence, m.trigger, m.char_start, m.char_end, m.rule_id, a.source_uri
                          FROM event_mentions m JOIN articles a USING (article_id)""")
    assert found, "the sample articles report events between states"
    for sentence, trigger, start, end, rule_id, uri in found:
        assert trigger and rule_id and end > start
        assert sentence.find(trigger) >= 0 or trigger.split()[0] in sentence
    # events aggregate mentions: the counts add up
    [(total,)] = rows(data, "SELECT coalesce(sum(num_mentions), 0) FROM events")
    assert total == counts(data)["event_mentions"]


def test_rerun_changes_no_counts_and_keeps_ids(article_folder, tmp_path):
    data = tmp_path / "data"
    run_ingest(str(article_folder), str(data), workers=1)
    before = counts(data)
    ids = rows(data, "SELECT mention_id FROM event_mentions ORDER BY 1")
    ingested = rows(data, "SELECT article_id, ingested_at FROM articles ORDER BY 1")
    second = run_ingest(str(article_folder), str(data), workers=1)
    assert counts(data) == before
    assert rows(data, "SELECT mention_id FROM event_mentions ORDER BY 1") == ids
    assert rows(data, "SELECT article_id, ingested_at FROM articles ORDER BY 1") == ingested
    assert second.unchanged == 3 and second.new_mentions == 0


def test_changed_file_replaces_its_rows(article_folder, tmp_path):
    data = tmp_path / "data"
    run_ingest(str(article_folder), str(data), workers=1)
    write_article(article_folder, "a1.txt", "2024-01-25", "Iran condemned Israel for the air strike.", "TEHRAN")
    run_ingest(str(article_folder), str(data), workers=1)
    assert counts(data)["articles"] == 3
    [(body_chars,)] = rows(data, "SELECT n_chars FROM articles WHERE source_uri LIKE '%a1.txt'")
    assert body_chars == len("Iran condemned Israel for the air strike.")
    orphans = rows(data, "SELECT count(*) FROM event_mentions m ANTI JOIN articles a USING (article_id)")
    assert orphans == [(0,)]


def test_file_that_turns_bad_moves_to_rejected_and_back(article_folder, tmp_path):
    data = tmp_path / "data"
    run_ingest(str(article_folder), str(data), workers=1)
    good = (article_folder / "b1.txt").read_bytes()
    (article_folder / "b1.txt").write_bytes(b"\x00\x01binary")
    run_ingest(str(article_folder), str(data), workers=1)
    assert counts(data)["articles"] == 2 and counts(data)["rejected_articles"] == 2
    (article_folder / "b1.txt").write_bytes(good)
    run_ingest(str(article_folder), str(data), workers=1)
    assert counts(data)["articles"] == 3 and counts(data)["rejected_articles"] == 1


def test_same_content_under_two_names_is_one_article(article_folder, tmp_path):
    data = tmp_path / "data"
    (article_folder / "copy_of_a1.txt").write_bytes((article_folder / "a1.txt").read_bytes())
    summary = run_ingest(str(article_folder), str(data), workers=1)
    assert summary.duplicates == 1
    assert counts(data)["articles"] == 3
    assert rows(data, "SELECT count(*) FROM (SELECT mention_id FROM event_mentions GROUP BY 1 HAVING count(*) > 1)") == [(0,)]


def test_start_and_end_select_publication_dates(article_folder, tmp_path):
    data = tmp_path / "data"
    summary = run_ingest(str(article_folder), str(data), start=date(2024, 2, 1), end=date(2024, 2, 28), workers=1)
    assert summary.articles == 1 and summary.out_of_range == 2
    assert rows(data, "SELECT DISTINCT published_date FROM articles") == [(date(2024, 2, 1),)]
    run_ingest(str(article_folder), str(data), workers=1)
    assert counts(data)["articles"] == 3


def test_deleted_file_keeps_its_rows(article_folder, tmp_path):
    """Sources are archives that rotate: a vanished file is not a retraction."""
    data = tmp_path / "data"
    run_ingest(str(article_folder), str(data), workers=1)
    (article_folder / "b1.txt").unlink()
    run_ingest(str(article_folder), str(data), workers=1)
    assert counts(data)["articles"] == 3


def test_warehouse_is_rebuilt_from_parquet_when_lost(article_folder, tmp_path):
    data = tmp_path / "data"
    run_ingest(str(article_folder), str(data), workers=1)
    before = counts(data)
    (data / "warehouse.duckdb").unlink()
    run_ingest(str(article_folder), str(data), workers=1)
    assert counts(data) == before
