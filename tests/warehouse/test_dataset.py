"""Applying a run to the Parquet dataset: the order of its durable writes is what makes a
killed run harmless (the articles file of a date is its commit point)."""
from __future__ import annotations

from datetime import date, datetime, timezone

from eventetl.schemas.records import ArticleRow, Rejection
from eventetl.warehouse.dataset import RunResults, apply_run
from eventetl.warehouse.parquet_store import ParquetStore

NOW = datetime(2024, 3, 5, 12, tzinfo=timezone.utc)
JAN, FEB = date(2024, 1, 25), date(2024, 2, 1)


class RecordingStore(ParquetStore):
    """A real store that notes each write: (table, partition date)."""

    def __init__(self, root: str):
        super().__init__(root)
        self.writes: list[tuple[str, date | None]] = []

    def write(self, table, data, value=None):
        self.writes.append((table.name, value))
        return super().write(table, data, value)


def row(article_id: str, uri: str, published: date) -> ArticleRow:
    return ArticleRow(article_id, uri, published, None, 100, 0, article_id, "utf-8")


def run_results(**changes) -> RunResults:
    return RunResults(articles=[row("b" * 64, "/src/b.txt", FEB), row("a" * 64, "/src/a.txt", JAN)],
                      rejected=[Rejection("/src/bad.txt", "no date line")], **changes)


def test_each_date_writes_mentions_and_sources_before_articles_in_date_order_and_rejections_last(tmp_path):
    store = RecordingStore(str(tmp_path / "parquet"))
    applied = apply_run(store, run_results(), "v1", NOW)
    assert store.writes == [("event_mentions", JAN), ("article_sources", JAN), ("articles", JAN),
                            ("event_mentions", FEB), ("article_sources", FEB), ("articles", FEB),
                            ("rejected_articles", None)]
    assert [p.published_date for p in applied.partitions] == [JAN, FEB]
    assert (applied.n_articles, applied.rejected.num_rows) == (2, 1)


def test_a_rerun_that_finds_every_content_unchanged_rewrites_no_partition(tmp_path):
    store = RecordingStore(str(tmp_path / "parquet"))
    first = apply_run(store, run_results(), "v1", NOW)
    store.writes.clear()
    again = apply_run(store, run_results(reused={"a" * 64, "b" * 64}), "v1", NOW, index=first.index)
    assert store.writes == [("rejected_articles", None)]
    assert again.partitions == [] and again.n_articles == 2
