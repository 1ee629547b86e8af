"""Incremental runs: a file is its path plus its content hash.

Unchanged files are not re-extracted and keep their rows and ingested_at; changed files
replace their rows; deleted files are pruned only when asked; new rules re-extract all.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import write_article, warehouse_rows
from eventetl.flows.ingest import run_ingest
from eventetl.flows.observability import count_by_date
from eventetl.schemas.records import ArticleRow


rows = warehouse_rows


def by_uri(data: Path) -> dict[str, tuple]:
    return {Path(uri).name: (article_id, ingested_at) for uri, article_id, ingested_at in
            rows(data, "SELECT source_uri, article_id, ingested_at FROM articles")}


def test_second_run_extracts_only_the_added_and_the_changed_file(article_folder, tmp_path):
    data = tmp_path / "data"
    run_ingest(str(article_folder), str(data), workers=1)
    before = by_uri(data)
    mentions_before = rows(data, "SELECT article_id, mention_id FROM event_mentions ORDER BY 2")

    write_article(article_folder, "a2.txt", "2024-01-25", "Ukraine accused Russia of shelling Kharkiv.", "KYIV")
    write_article(article_folder, "c1.txt", "2024-02-01", "Japan protested to China over the incursion.", "TOKYO")
    second = run_ingest(str(article_folder), str(data), workers=1)

    after = by_uri(data)
    assert second.unchanged == 2 and second.articles == 4
    jan = second.by_date["2024-01-25"]
    assert (jan.files, jan.new, jan.changed, jan.unchanged, jan.reextracted, jan.rejected) == (2, 0, 1, 1, 0, 0)
    assert second.by_date["2024-02-01"].new == 1 and second.by_date["2024-02-01"].unchanged == 1
    # the unchanged ones: same rows, same ingested_at, same mentions
    for name in ("a1.txt", "b1.txt"):
        assert after[name] == before[name]
    kept_ids = {before["a1.txt"][0], before["b1.txt"][0]}
    assert [m for m in rows(data, "SELECT article_id, mention_id FROM event_mentions ORDER BY 2")
            if m[0] in kept_ids] == [m for m in mentions_before if m[0] in kept_ids]
    # the changed one: new content id, a later ingested_at, its old mentions gone
    assert after["a2.txt"][0] != before["a2.txt"][0] and after["a2.txt"][1] > before["a2.txt"][1]
    assert rows(data, f"SELECT count(*) FROM event_mentions WHERE article_id = '{before['a2.txt'][0]}'") == [(0,)]
    # the mentions this run extracted are exactly those of the two files it had to read anew
    fresh = {after["a2.txt"][0], after["c1.txt"][0]}
    [(n_fresh,)] = rows(data, "SELECT count(*) FROM event_mentions WHERE article_id IN "
                              f"('{sorted(fresh)[0]}', '{sorted(fresh)[1]}')")
    assert second.new_mentions == n_fresh > 0


def test_new_rules_re_extract_everything(article_folder, tmp_path):
    data = tmp_path / "data"
    run_ingest(str(article_folder), str(data), workers=1)
    [(old_version,)] = rows(data, "SELECT DISTINCT extractor_version FROM articles")
    rules = tmp_path / "my_rules"
    rules.mkdir()
    (rules / "NOTES.txt").write_text("a user's rule folder: its files are part of the extractor version\n")

    second = run_ingest(str(article_folder), str(data), workers=1, rules_dir=str(rules))
    assert second.unchanged == 0 and second.articles == 3
    assert sum(d.reextracted for d in second.by_date.values()) == 3
    [(new_version,)] = rows(data, "SELECT DISTINCT extractor_version FROM articles")
    assert new_version != old_version
    # and the run after that is incremental again
    third = run_ingest(str(article_folder), str(data), workers=1, rules_dir=str(rules))
    assert third.unchanged == 3 and third.new_mentions == 0


def test_prune_drops_rows_of_deleted_files_and_nothing_else(article_folder, tmp_path):
    data = tmp_path / "data"
    run_ingest(str(article_folder), str(data), workers=1)
    (article_folder / "b1.txt").unlink()
    (article_folder / "broken.txt").unlink()

    kept = run_ingest(str(article_folder), str(data), workers=1)
    assert kept.pruned == 0 and kept.total_articles == 3 and kept.total_rejected == 1

    pruned = run_ingest(str(article_folder), str(data), workers=1, prune=True)
    assert pruned.pruned == 2
    assert sorted(Path(u).name for (u,) in rows(data, "SELECT source_uri FROM articles")) == ["a1.txt", "a2.txt"]
    assert rows(data, "SELECT count(*) FROM rejected_articles") == [(0,)]
    assert rows(data, "SELECT count(*) FROM event_mentions WHERE published_date = '2024-02-01'") == [(0,)]
    assert not (data / "parquet" / "articles" / "published_date=2024-02-01").exists()


def test_prune_keeps_what_the_run_could_not_see(article_folder, tmp_path):
    data = tmp_path / "data"
    other = tmp_path / "other"
    write_article(other, "x1.txt", "2024-02-01", "India and Pakistan agreed to talks.", "DELHI")
    run_ingest(str(article_folder), str(data), workers=1)
    run_ingest(str(other), str(data), workers=1)
    (article_folder / "b1.txt").unlink()
    (article_folder / "a1.txt").unlink()
    # only January is in this run's window: b1 (February) and the other source stay
    summary = run_ingest(str(article_folder), str(data), start=date(2024, 1, 1), end=date(2024, 1, 31),
                         workers=1, prune=True)
    assert summary.pruned == 1
    assert sorted(Path(u).name for (u,) in rows(data, "SELECT source_uri FROM articles")) == \
        ["a2.txt", "b1.txt", "x1.txt"]


def test_files_are_classified_against_the_stored_index():
    d = date(2024, 1, 25)
    previous = {"s/a.txt": "id-a", "s/b.txt": "id-b", "s/c.txt": "id-c"}
    def row(uri: str, article_id: str, n_events: int) -> ArticleRow:
        return ArticleRow(article_id, uri, d, None, 100, n_events, article_id, "utf-8")
    articles = [
        row("s/a.txt", "id-a", 0),   # unchanged
        row("s/b.txt", "id-b2", 2),  # changed
        row("s/c.txt", "id-c", 1),   # new rules
        row("s/n.txt", "id-n", 3),   # new
    ]
    counts = count_by_date(articles, reused={"id-a"}, previous=previous, n_rejected=2)
    assert list(counts) == ["2024-01-25", "undated"]
    c = counts["2024-01-25"]
    assert (c.files, c.new, c.changed, c.unchanged, c.reextracted, c.events) == (4, 1, 1, 1, 1, 6)
    assert counts["undated"].rejected == 2


def test_a_broken_rules_folder_fails_the_flow_by_name_before_anything_is_written(article_folder, tmp_path):
    from eventetl.extractors.ruleset.rule_files import RuleFileError
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "extra.yaml").write_text("rules:\n  - id: x\n    lemmas: [meet]\n")
    data = tmp_path / "data"
    with pytest.raises(RuleFileError, match=r"extra.yaml: rule x: needs id, code and lemmas"):
        run_ingest(str(article_folder), str(data), workers=1, rules_dir=str(rules))
    assert not (data / "warehouse.duckdb").exists()


def test_a_run_reads_the_article_index_once_and_each_backfill_date_starts_from_the_index_the_last_left(
        article_folder, tmp_path, monkeypatch):
    import eventetl.flows.backfill as backfill
    from eventetl.flows.backfill import run_backfill
    from eventetl.warehouse.dataset import ArticleIndex
    from eventetl.warehouse.parquet_store import ParquetStore

    read = ArticleIndex.read.__func__
    reads: list[str] = []
    monkeypatch.setattr(ArticleIndex, "read", classmethod(lambda cls, store: reads.append(store.root)
                                                          or read(cls, store)))
    data = tmp_path / "data"
    run_ingest(str(article_folder), str(data), workers=1)
    assert len(reads) == 1

    # each date's load hands on an index equal to what reading the dataset then gives
    handed_on = []
    load_run = backfill.load_run

    def load_and_compare(*args, **kwargs):
        summary, index = load_run(*args, **kwargs)
        handed_on.append(index.table.equals(read(ArticleIndex, ParquetStore(str(data / "parquet"))).table))
        return summary, index
    monkeypatch.setattr(backfill, "load_run", load_and_compare)
    write_article(article_folder, "a1.txt", "2024-01-25", "India and Nepal signed a trade agreement.", "DELHI")
    write_article(article_folder, "a3.txt", "2024-01-26", "Chile and Peru agreed to talks.", "LIMA")
    (article_folder / "b1.txt").unlink()
    reads.clear()
    report = run_backfill(str(article_folder), str(data), date(2024, 1, 25), date(2024, 2, 1), workers=1,
                          prune=True)
    assert not report.failed and len(report.dates) == 8
    assert len(reads) == 1 and handed_on == [True] * 8
    assert rows(data, "SELECT source_uri FROM articles ORDER BY 1") == [
        (str(article_folder / n),) for n in ("a1.txt", "a2.txt", "a3.txt")]
