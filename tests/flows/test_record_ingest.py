"""Articles as JSON records next to text files: every source kind, one record = one
article, a bad record rejected by its line while the rest of its file loads."""
from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from conftest import warehouse_rows, write_article
from test_sources_remote import s3_endpoint  # noqa: F401  (the moto S3 server fixture)
from eventetl.flows.ingest import run_ingest

COUNTRIES = ["Pakistan", "Iran", "India", "China", "Japan", "Turkey", "Russia", "Ukraine", "France", "Germany",
             "Kenya", "Somalia", "Chile", "Argentina", "Egypt", "Israel"]
VERBS = ["agreed to restore diplomatic ties with", "criticised", "signed a trade agreement with",
         "accused", "held talks with", "condemned"]


def record(n: int, day: str = "2024-01-25", **extra) -> dict:
    a, b = COUNTRIES[n % len(COUNTRIES)], COUNTRIES[(n * 7 + 3) % len(COUNTRIES)]
    b = b if b != a else COUNTRIES[(n + 1) % len(COUNTRIES)]
    return {"url": f"https://news{n % 5}.example.org/story/{n}", "title": f"Story {n}",
            "published": f"{day}T{n % 24:02d}:15:00Z",
            "text": f"{a} {VERBS[n % len(VERBS)]} {b} on Monday, officials said in report {n}.", **extra}


def write_jsonl(path: Path, rows: list, compress: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows).encode("utf-8")
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def mixed_folder(root: Path) -> Path:
    """Text files, JSON Lines (one bad line), gzipped JSON Lines, JSON files."""
    src = root / "articles"
    write_article(src, "a.txt", "2024-01-25", "Russian troops attacked Ukrainian positions near Kharkiv.", "KYIV")
    write_jsonl(src / "feeds" / "day.jsonl", [record(1), '{"url": "https://x.example/broken", "text": ', record(2)])
    write_jsonl(src / "feeds" / "day2.jsonl.gz", [record(3, "2024-01-26"), record(4, "2024-01-26")], compress=True)
    (src / "feeds" / "one.json").write_text(json.dumps(record(5)), encoding="utf-8")
    (src / "feeds" / "many.json").write_text(json.dumps([record(6), record(7)], indent=2), encoding="utf-8")
    return src


def test_a_folder_of_text_json_lines_gzip_and_json_files_loads_in_one_run(tmp_path):
    src = mixed_folder(tmp_path)
    data = tmp_path / "data"
    summary = run_ingest(str(src), str(data), workers=1)
    assert (summary.files_seen, summary.record_files, summary.records) == (5, 4, 8)
    assert summary.articles == 8 and summary.rejected == 1
    assert summary.inputs == 9 == summary.articles + summary.duplicates + summary.rejected + \
        summary.out_of_range
    [(uri, reason)] = warehouse_rows(data, "SELECT source_uri, reason FROM rejected_articles")
    assert uri == f"{src}/feeds/day.jsonl#L2" and reason.startswith("line 2: not valid JSON")
    rows = warehouse_rows(data, "SELECT source_uri, source_url, title, outlet, published_at IS NOT NULL "
                                "FROM articles ORDER BY source_uri")
    assert rows[0] == (f"{src}/a.txt", None, None, None, False)           # a text file, as before
    assert (f"{src}/feeds/day.jsonl#L3", "https://news2.example.org/story/2", "Story 2", "news2.example.org",
            True) in rows
    uris = {r[0] for r in rows}
    assert {f"{src}/feeds/day2.jsonl.gz#L1", f"{src}/feeds/one.json", f"{src}/feeds/many.json#L2",
            f"{src}/feeds/many.json#L8"} <= uris
    assert warehouse_rows(data, "SELECT count(*) FROM event_mentions m JOIN articles a USING (article_id) "
                                "WHERE a.source_url IS NOT NULL")[0][0] >= 5


@pytest.mark.slow  # ten thousand articles extracted: about a minute on two cores
def test_ten_thousand_records_in_one_file_with_one_malformed_line(tmp_path):
    rows: list = [record(n, f"2024-01-{1 + n % 28:02d}") for n in range(10_000)]
    rows[4_999] = '{"url": "https://news.example.org/cut", "title": "Cut off", "text": "Pakistan'
    src = tmp_path / "dump"
    write_jsonl(src / "gdelt-style.jsonl", rows)
    data = tmp_path / "data"
    summary = run_ingest(str(src), str(data), workers=2)
    assert (summary.files_seen, summary.records, summary.articles, summary.rejected) == \
        (1, 10_000, 9_999, 1)
    assert warehouse_rows(data, "SELECT source_uri, reason LIKE 'line 5000: not valid JSON%' FROM rejected_articles") == \
        [(f"{src}/gdelt-style.jsonl#L5000", True)]
    assert warehouse_rows(data, "SELECT count(*), count(DISTINCT source_url) FROM articles") == [(9_999, 9_999)]
    assert warehouse_rows(data, "SELECT count(DISTINCT article_id) FROM event_mentions")[0][0] > 9_000


def test_the_same_text_under_two_urls_is_one_article_with_both_sources(tmp_path):
    text = "KYIV - Russian troops attacked Ukrainian positions near Kharkiv on Monday."
    src = tmp_path / "articles"
    write_jsonl(src / "wire.jsonl", [
        {"url": "https://www.reuters.com/a", "outlet": "Reuters", "published": "2024-01-25T08:00:00Z", "text": text},
        {"url": "https://www.thehindu.com/b", "published": "2024-01-25T09:30:00Z", "text": text},
        {"url": "https://apnews.com/c", "source": "apnews.com", "published": "2024-01-25T10:00:00Z",
         "text": "KYIV - Russian troops attacked Ukrainian positions near Kharkiv on Monday, officials said."},
    ])
    data = tmp_path / "data"
    summary = run_ingest(str(src), str(data), workers=1)
    assert (summary.articles, summary.duplicates) == (2, 1)
    sources = warehouse_rows(data, """SELECT s.source_url, s.outlet, s.is_primary FROM article_sources s
                                      JOIN articles a USING (article_id) WHERE a.source_url LIKE '%reuters%'
                                      ORDER BY s.source_uri""")
    assert sources == [("https://www.reuters.com/a", "Reuters", True), ("https://www.thehindu.com/b", "thehindu.com", False)]
    # one event, reported by two articles from three outlets (one in two folders' worth of copies)
    assert warehouse_rows(data, "SELECT num_articles, num_sources FROM events WHERE event_root_code IN ('18', '19')") \
        == [(2, 3)]


def test_rerun_is_idempotent_and_a_file_owns_its_records(tmp_path):
    src = tmp_path / "articles"
    feed = write_jsonl(src / "day.jsonl", [record(1), "not json", record(2), record(3)])
    data = tmp_path / "data"
    first = run_ingest(str(src), str(data), workers=1)
    snapshot = "SELECT source_uri, article_id FROM articles ORDER BY 1"
    before = warehouse_rows(data, snapshot)
    again = run_ingest(str(src), str(data), workers=1)
    assert warehouse_rows(data, snapshot) == before and again.unchanged == 3
    assert again.total_mentions == first.total_mentions and again.total_rejected == 1

    # The bad line is fixed and record 2 deleted: its rows go, the others keep theirs under their new lines.
    write_jsonl(feed, [record(1), record(9), record(3)])
    third = run_ingest(str(src), str(data), workers=1)
    assert third.unchanged == 2 and third.total_rejected == 0
    after = dict(warehouse_rows(data, snapshot))
    old = dict(before)
    assert after[f"{feed}#L1"] == old[f"{feed}#L1"] and after[f"{feed}#L3"] == old[f"{feed}#L4"]
    assert old[f"{feed}#L3"] not in after.values() and len(after) == 3
    assert warehouse_rows(data, "SELECT count(*) FROM article_sources")[0][0] == 3


def test_new_metadata_for_the_same_text_updates_the_rows_without_re_extracting(tmp_path):
    src = tmp_path / "articles"
    feed = write_jsonl(src / "day.jsonl", [record(1), record(2)])
    data = tmp_path / "data"
    run_ingest(str(src), str(data), workers=1)
    write_jsonl(feed, [record(1, title="Corrected headline", outlet="Dawn"), record(2)])
    again = run_ingest(str(src), str(data), workers=1)
    assert again.unchanged == 2 and again.new_mentions == 0
    assert warehouse_rows(data, f"SELECT title, outlet FROM articles WHERE source_uri = '{feed}#L1'") == \
        [("Corrected headline", "Dawn")]
    assert warehouse_rows(data, f"SELECT title, outlet FROM article_sources WHERE source_uri = '{feed}#L1'") == \
        [("Corrected headline", "Dawn")]


def test_a_broken_off_gzip_file_keeps_the_records_read_before_the_break(tmp_path):
    src = tmp_path / "articles"
    whole = gzip.compress("".join(json.dumps(record(n)) + "\n" for n in range(50)).encode())
    (src).mkdir()
    (src / "cut.jsonl.gz").write_bytes(whole[: len(whole) * 2 // 3])
    data = tmp_path / "data"
    summary = run_ingest(str(src), str(data), workers=1)
    [(uri, reason)] = warehouse_rows(data, "SELECT source_uri, reason FROM rejected_articles")
    assert uri == f"{src}/cut.jsonl.gz" and "broken off or corrupted after line" in reason
    assert 0 < summary.articles < 50 and summary.articles + 1 == summary.inputs


def test_configured_field_names_read_other_record_shapes(tmp_path):
    src = tmp_path / "articles"
    write_jsonl(src / "api.ndjson", [{"link": "https://x.example/1", "pub": "2024-03-08",
                                      "content_text": "Chile and Argentina signed a water agreement."}])
    data = tmp_path / "data"
    default = run_ingest(str(src), str(data), workers=1)
    assert default.rejected == 1
    configured = run_ingest(str(src), str(data), workers=1,
                            fields={"text": ["content_text"], "published": ["pub"], "url": ["link"]})
    assert configured.articles == 1 and configured.total_rejected == 0
    assert warehouse_rows(data, "SELECT source_url FROM articles") == [("https://x.example/1",)]


def test_a_date_window_keeps_the_records_of_other_dates(tmp_path):
    src = tmp_path / "articles"
    write_jsonl(src / "week.jsonl", [record(1, "2024-01-25"), record(2, "2024-01-26"), record(3, "2024-01-27")])
    data = tmp_path / "data"
    run_ingest(str(src), str(data), workers=1)
    window = run_ingest(str(src), str(data), workers=1, start=date(2024, 1, 26), end=date(2024, 1, 26))
    assert (window.articles, window.out_of_range, window.total_articles) == (1, 2, 3)


def test_prune_drops_the_records_of_a_deleted_file_only(tmp_path):
    src = tmp_path / "articles"
    write_jsonl(src / "kept.jsonl", [record(1), record(2)])
    gone = write_jsonl(src / "gone.jsonl", [record(3), "not json"])
    data = tmp_path / "data"
    run_ingest(str(src), str(data), workers=1)
    gone.unlink()
    summary = run_ingest(str(src), str(data), workers=1, prune=True)
    assert summary.pruned == 2 and summary.total_articles == 2 and summary.total_rejected == 0
    assert {u for (u,) in warehouse_rows(data, "SELECT source_uri FROM article_sources")} == \
        {f"{src}/kept.jsonl#L1", f"{src}/kept.jsonl#L2"}


def test_a_backfill_loads_each_date_of_a_record_file(tmp_path):
    from eventetl.flows.backfill import run_backfill
    src = tmp_path / "articles"
    write_jsonl(src / "week.jsonl", [record(1, "2024-01-25"), record(2, "2024-01-26"), "{", record(3, "2024-01-27")])
    data = tmp_path / "data"
    report = run_backfill(str(src), str(data), date(2024, 1, 25), date(2024, 1, 27), workers=1)
    assert not report.failed and [d.articles for d in report.dates] == [1, 1, 1]
    assert warehouse_rows(data, "SELECT count(*) FROM articles") == [(3,)]
    assert warehouse_rows(data, "SELECT source_uri FROM rejected_articles") == [(f"{src}/week.jsonl#L3",)]


def test_the_command_line_reads_records_with_configured_fields(tmp_path):
    from test_cli import cli
    feed = write_jsonl(tmp_path / "api.jsonl", [{"body_text": "Japan protested to China over the incident.",
                                                 "ts": "2024-06-03T09:00:00Z", "link": "https://x.example/1"}])
    out = cli("extract", str(feed), "--field", "text=body_text", "--field", "published=ts")
    assert out.returncode == 0, out.stderr
    [event] = [json.loads(line) for line in out.stdout.splitlines()]
    assert (event["actor1_code"], event["actor2_code"]) == ("JPN", "CHN")
    refused = cli("extract", str(feed))
    assert refused.returncode == 1 and f"rejected {feed}#L1: line 1: no text" in refused.stderr
    bad = cli("extract", str(feed), "--field", "body=body_text")
    assert bad.returncode == 2 and "unknown record field 'body'" in bad.stderr and "Traceback" not in bad.stderr


# -- every source kind ---------------------------------------------------------------------
@pytest.mark.slow
def test_records_over_an_http_listing_and_a_manifest_load_as_from_the_folder(tmp_path):
    from test_sources_remote import FolderServer
    src = mixed_folder(tmp_path / "site")
    (src / "today.manifest").write_text("feeds/day.jsonl\nfeeds/day2.jsonl.gz\na.txt\n", encoding="utf-8")
    query = "SELECT article_id, published_date, source_url, outlet, n_events FROM articles ORDER BY 1"
    local = run_ingest(str(src), str(tmp_path / "l"), workers=1)
    with FolderServer(tmp_path / "site").running() as server:
        listed = run_ingest(f"{server.url}/articles/", str(tmp_path / "h"), workers=1)
        manifest = run_ingest(f"{server.url}/articles/today.manifest", str(tmp_path / "m"), workers=1)
    assert (listed.articles, listed.rejected, listed.records) == (local.articles, 1, 8)
    assert warehouse_rows(tmp_path / "h", query) == warehouse_rows(tmp_path / "l", query)
    assert warehouse_rows(tmp_path / "h", "SELECT source_uri FROM rejected_articles") == \
        [(f"{server.url}/articles/feeds/day.jsonl#L2",)]
    assert (manifest.files_seen, manifest.articles, manifest.rejected) == (3, 5, 1)


@pytest.mark.slow
def test_records_in_s3_load_like_local_ones(tmp_path, s3_endpoint):
    from test_sources_remote import s3_client
    s3 = s3_client(s3_endpoint)
    s3.mkdir("records-in")
    src = mixed_folder(tmp_path)
    for f in sorted(p for p in src.rglob("*") if p.is_file()):
        s3.pipe(f"records-in/articles/{f.relative_to(src).as_posix()}", f.read_bytes())
    query = "SELECT article_id, source_url, title, outlet, published_at FROM articles ORDER BY 1"
    remote = run_ingest("s3://records-in/articles", str(tmp_path / "s"), workers=1)
    run_ingest(str(src), str(tmp_path / "l"), workers=1)
    assert (remote.articles, remote.rejected) == (8, 1)
    assert warehouse_rows(tmp_path / "s", query) == warehouse_rows(tmp_path / "l", query)
