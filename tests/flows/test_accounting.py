"""Nothing lost, nothing doubled: every file a run discovers ends up somewhere, once.

The invariant, after every run: each discovered file is in `article_sources` (its
content is an article; a duplicate is recorded against the article it duplicates) or in
`rejected_articles` (with a reason a person understands), or was outside --start/--end.
The run summary's counts add up to the files seen, and equal what the warehouse holds.
"""
from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import warehouse_rows
from eventetl.flows.ingest import RunSummary, run_ingest
from eventetl.flows.sources import discover
from test_crash_safety import make_corpus

# The hostile files of the corpus, and the reason each must be rejected with.
BAD_FILES: dict[str, tuple[bytes, str]] = {
    "no_date_line.txt": (b"Troops attacked the town on Monday.\n", "no date line"),
    "bad_month.txt": (b"date 2024-13-45 KYIV - Talks resumed.\n", "date 2024-13-45 is not a valid date"),
    "truncated.txt": (b"date 2024-0", "is not an ISO date"),
    "empty.txt": (b"", "empty file"),
    "only_header.txt": (b"date 2024-03-05 PARIS - \n", "empty body"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (NUL byte at offset 8)"),
    "bell.txt": (b"date 2024-03-05 A \x07 B", "control character U+0007"),
    "undefined_bytes.txt": (b"date 2024-03-05 \x81\x8d\x90", "not UTF-8 text (byte 0x81 at offset 16)"),
    "huge.txt": (b"date 2024-03-05 " + b"x" * (5 * 1024 * 1024), "larger than the 5 MB limit"),
}

warehouse = warehouse_rows


def assert_every_file_accounted_for(source: Path, data: Path, summary: RunSummary) -> dict[str, str]:
    """The invariant; returns where each discovered file went."""
    discovered = [f.uri for f in discover(str(source))]
    as_article = dict(warehouse(data, "SELECT source_uri, article_id FROM article_sources"))
    as_rejected = dict(warehouse(data, "SELECT source_uri, reason FROM rejected_articles"))
    assert not set(as_article) & set(as_rejected), "a file is both an article and rejected"
    outside = set(discovered) - set(as_article) - set(as_rejected)
    assert len(outside) == summary.out_of_range, f"files lost: {sorted(outside)[:5]}"
    # one source row per file, each pointing at an article that exists, one primary per article
    [(n_sources, n_uris, dangling)] = warehouse(data, """
        SELECT count(*), count(DISTINCT source_uri),
               count(*) FILTER (WHERE article_id NOT IN (SELECT article_id FROM articles)) FROM article_sources""")
    assert n_sources == n_uris and dangling == 0
    assert warehouse(data, """SELECT article_id FROM article_sources GROUP BY 1
                               HAVING count(*) FILTER (WHERE is_primary) <> 1""") == []
    assert warehouse(data, """SELECT count(*) FROM articles a JOIN article_sources s
                               ON s.article_id = a.article_id AND s.is_primary AND s.source_uri = a.source_uri""") \
        == warehouse(data, "SELECT count(*) FROM articles")
    # the summary adds up and agrees with the warehouse
    in_range = len(discovered) - summary.out_of_range
    assert summary.files_seen == len(discovered)
    assert summary.articles + summary.duplicates + summary.rejected == in_range
    [(n_mentions, n_distinct)] = warehouse(data, "SELECT count(*), count(DISTINCT mention_id) FROM event_mentions")
    assert n_mentions == n_distinct
    where = {u: "article" for u in as_article}
    where.update({u: f"rejected: {r}" for u, r in as_rejected.items()})
    return where


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    src = make_corpus(tmp_path_factory.mktemp("accounting") / "src", n=60, days=10)
    bad = src / "bad"
    bad.mkdir()
    for name, (data, _reason) in BAD_FILES.items():
        (bad / name).write_bytes(data)
    (src / "batch00" / "a00001.txt").write_bytes(                 # Windows-1252, decoded with a note
        (src / "batch00" / "a00001.txt").read_text().replace("'", "\u2019").encode("cp1252"))
    (src / "crlf.txt").write_bytes(b"\xef\xbb\xbfdate 2024-03-05 KYIV - Ukraine and Poland met.\r\nThey agreed.\r\n")
    dup = src / "mirror" / "deep" / "er"
    dup.mkdir(parents=True)
    shutil.copy(src / "batch00" / "a00010.txt", dup / "same_story.txt")   # a third name for one content
    shutil.copy(src / "batch00" / "a00010.txt", src / "batch00" / "a00010 (1).txt")
    os.symlink(src.parent / "outside.txt", src / "link_out.txt")
    (src.parent / "outside.txt").write_text("date 2024-03-05 Secret.")
    os.symlink("nowhere.txt", src / "broken_link.txt")
    os.mkfifo(src / "pipe.txt")
    return src


def test_every_discovered_file_is_an_article_a_duplicate_or_a_rejection(corpus, tmp_path):
    data = tmp_path / "data"
    summary = run_ingest(str(corpus), str(data), workers=1)
    where = assert_every_file_accounted_for(corpus, data, summary)
    assert summary.files_seen == 60 + 2 + 4 + len(BAD_FILES) + 1 + 2 + 3
    assert summary.articles == 61 and summary.duplicates == 4
    assert summary.rejected == 4 + len(BAD_FILES) + 3
    for name, (_data, reason) in BAD_FILES.items():
        assert reason in where[str(corpus / "bad" / name)], name
    assert where[str(corpus / "link_out.txt")] == "rejected: link to a file outside the source folder"
    assert where[str(corpus / "broken_link.txt")] == "rejected: broken link (its target does not exist)"
    assert where[str(corpus / "pipe.txt")] == "rejected: not a regular file (a pipe, socket or device)"
    # three names, one article, every name recorded against it
    names = warehouse(data, f"""SELECT s.source_uri, s.is_primary FROM article_sources s
        WHERE s.article_id = (SELECT article_id FROM article_sources WHERE source_uri = '{corpus}/mirror/deep/er/same_story.txt')
        ORDER BY 1""")
    assert [Path(u).name for u, _ in names] == ["a00010 (1).txt", "a00010.txt", "same_story.txt"]
    assert [p for _, p in names] == [True, False, False]  # the first name by sort order names the article
    [(encoding,)] = warehouse(data, f"SELECT text_encoding FROM articles WHERE source_uri = '{corpus}/batch00/a00001.txt'")
    assert encoding == "cp1252"


def test_a_rerun_and_changed_files_keep_the_books_balanced(corpus, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(corpus, src, symlinks=True, ignore=shutil.ignore_patterns("pipe.txt"))
    os.mkfifo(src / "pipe.txt")
    data = tmp_path / "data"
    first = run_ingest(str(src), str(data), workers=1)
    before = warehouse(data, "SELECT count(*) FROM event_mentions")
    again = run_ingest(str(src), str(data), workers=1)
    assert warehouse(data, "SELECT count(*) FROM event_mentions") == before
    assert again.unchanged == first.articles and again.new_mentions == 0
    assert_every_file_accounted_for(src, data, again)

    (src / "bad" / "no_date_line.txt").write_text("date 2024-03-06 Russia and Ukraine agreed to talks.\n")  # bad -> good
    (src / "batch00" / "a00002.txt").write_bytes(b"date 2024-03-06 \x00 corrupted")                  # good -> bad
    (src / "mirror" / "deep" / "er" / "same_story.txt").write_text("date 2024-03-06 Iran met Iraq.\n")  # dup -> own
    (src / "batch00" / "a00010.txt").rename(src / "batch00" / "zz_a00010.txt")                      # primary renamed
    summary = run_ingest(str(src), str(data), workers=1)
    where = assert_every_file_accounted_for(src, data, summary)
    assert where[str(src / "bad" / "no_date_line.txt")] == "article"
    assert where[str(src / "batch00" / "a00002.txt")].startswith("rejected: binary content")
    assert where[str(src / "mirror" / "deep" / "er" / "same_story.txt")] == "article"
    # a deleted or renamed file's old rows are kept (sources rotate); the new name joins them
    renamed = warehouse(data, f"""SELECT count(*) FROM article_sources WHERE article_id =
        (SELECT article_id FROM article_sources WHERE source_uri = '{src}/batch00/zz_a00010.txt')""")
    assert renamed == [(3,)]  # "a00010 (1).txt", the old a00010.txt, zz_a00010.txt


def test_files_outside_the_date_window_are_counted_not_lost(corpus, tmp_path):
    data = tmp_path / "data"
    summary = run_ingest(str(corpus), str(data), workers=1, start=date(2024, 3, 1), end=date(2024, 3, 3))
    assert summary.out_of_range > 0
    assert_every_file_accounted_for(corpus, data, summary)
    assert warehouse(data, "SELECT min(published_date) >= DATE '2024-03-01', max(published_date) <= DATE '2024-03-03'"
                           " FROM article_sources") == [(True, True)]


def test_eventetl_rejected_lists_every_rejected_file_with_its_reason(corpus, tmp_path):
    from eventetl.flows.cli.app import app
    data = tmp_path / "data"
    run_ingest(str(corpus), str(data), workers=1)
    result = CliRunner().invoke(app, ["rejected", "--data-dir", str(data)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    for name in ("no_date_line.txt", "truncated.txt", "huge.txt", "pipe.txt", "link_out.txt"):
        assert name in result.output
    assert "larger than the 5 MB limit" in result.output
    assert f"({len(warehouse(data, 'SELECT 1 FROM rejected_articles'))} rows)" in result.output
