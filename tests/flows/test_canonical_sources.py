"""One spelling per source and per file: the pure functions behind `source_uri`."""
from __future__ import annotations

import os
from datetime import date

import pytest

from eventetl.flows.http_source import canonical_url, listing_links
from eventetl.flows.sources import canonical_source, is_within, source_prefix
from eventetl.warehouse.dimensions import date_rows


@pytest.mark.parametrize("spelled, canonical", [
    ("HTTP://Example.ORG:80/news/", "http://example.org/news/"),
    ("https://example.org:443/a/./b/../c.txt", "https://example.org/a/c.txt"),
    ("http://example.org:8080//news//a.txt", "http://example.org:8080/news/a.txt"),
    ("http://example.org/news/%2e%2e/secret.txt", "http://example.org/secret.txt"),
    ("http://example.org/a%20b/caf%C3%A9.txt", "http://example.org/a%20b/caf%C3%A9.txt"),
    ("http://example.org/../../etc/passwd", "http://example.org/etc/passwd"),
])
def test_urls_have_one_spelling(spelled, canonical):
    assert canonical_url(spelled) == canonical


def test_a_url_with_a_backslash_or_a_bad_port_is_refused():
    for url in ("http://example.org/a\\..\\b.txt", "http://example.org:99999/a.txt"):
        with pytest.raises(ValueError):
            canonical_url(url)


def test_listing_links_resolve_against_the_folder_and_stay_normalised():
    page = '<a href="a.txt">a</a> <A HREF="../up.txt">up</A> <a href="sub/">s</a> <a href="#top">t</a>'
    assert listing_links(page, "http://h/news/") == ["http://h/news/a.txt", "http://h/up.txt", "http://h/news/sub/"]
    assert not is_within("http://h/news/", "http://h/up.txt")


def test_a_folder_spelled_any_way_is_one_source(tmp_path, monkeypatch):
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (tmp_path / "link").symlink_to(real)
    monkeypatch.chdir(tmp_path)
    spellings = ["real", "./real/", str(real), f"{tmp_path}/real/sub/..", "link", f"file://{real}"]
    assert {canonical_source(s) for s in spellings} == {os.path.realpath(real)}
    assert source_prefix("real") == os.path.realpath(real) + "/"


def test_a_symlinked_file_keeps_its_own_name(tmp_path):
    (tmp_path / "target.txt").write_text("x")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "target.txt")
    assert canonical_source(str(tmp_path / "alias.txt")) == os.path.join(os.path.realpath(tmp_path), "alias.txt")


def test_the_date_dimension_covers_any_year_without_overflow():
    rows = date_rows([1, 2024, 9999])
    years = {r["date"].year for r in rows}
    assert years == {1, 2024, 9998, 9999}  # 9998: the days of the ISO week of 9999-01-01 (a Friday) before it
    assert rows[0]["date"] == date(1, 1, 1) and rows[-1]["date"] == date(9999, 12, 31)
    days = {r["date"] for r in rows}
    assert all(r["week_start"] in days for r in rows)
