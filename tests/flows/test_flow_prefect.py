"""The Prefect flow end to end on the dev articles, against a real temporary Prefect API."""
from __future__ import annotations

import duckdb
import pytest

pytestmark = pytest.mark.slow


def table_counts(path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "event_mentions", "events", "rejected_articles")}
    finally:
        con.close()


def test_flow_loads_dev_articles_and_reruns_idempotently(prefect_api, dev_articles, tmp_path):
    from eventetl.flows.ingest import ingest_flow

    data = tmp_path / "x"
    first = ingest_flow(source=str(dev_articles), data_dir=str(data), workers=1)
    n_files = len(list(dev_articles.glob("*.txt")))
    counts = table_counts(data / "warehouse.duckdb")
    assert first.files_seen == n_files
    assert counts["articles"] == n_files and counts["rejected_articles"] == 0
    assert counts["event_mentions"] > n_files  # several events per article
    second = ingest_flow(source=str(dev_articles), data_dir=str(data), workers=1)
    assert table_counts(data / "warehouse.duckdb") == counts
    assert second.unchanged == n_files
