"""Hostile HTTP sources: listings that point outside, redirects, errors, servers that never answer.

Real servers on loopback (attack_kit.Site) answer exactly what each test chooses and
record every request, so "never fetched" is checked, not assumed.
"""
from __future__ import annotations

import time

import pytest

from attack_kit import Site, cli_env, eventetl, listing, ok, one_line_error, text_file  # noqa: F401
from conftest import warehouse_rows

pytestmark = [pytest.mark.attack, pytest.mark.slow]

SECRET = (200, {"Content-Type": "text/plain"}, b"date 2024-03-04 PARIS - A secret France would not share.\n")


def test_links_leaving_the_source_and_redirects_are_never_followed(tmp_path, cli_env):  # noqa: F811
    elsewhere = Site({"/x.txt": SECRET})
    with elsewhere.running():
        site = Site({
            "/news/": listing("a.txt", "../secret.txt", "%2e%2e/secret2.txt", "sub/../../secret3.txt",
                              "%2E%2E%2Fsecret4.txt", f"{elsewhere.url}/x.txt", "/elsewhere/e.txt",
                              "moved.txt", "away.txt", "?C=N;O=D", "sub/", "big.txt"),
            "/news/sub/": listing("../../secret5.txt", "b.txt", "../a.txt"),
            "/news/a.txt": text_file("2024-03-04"),
            "/news/sub/b.txt": text_file("2024-03-05", "Russia criticized Ukraine."),
            "/news/moved.txt": (301, {"Location": "/secret.txt"}, b""),
            "/news/away.txt": (302, {"Location": f"{elsewhere.url}/x.txt"}, b""),
            "/news/big.txt": (200, {}, b"date 2024-03-04 PARIS - " + b"France met Germany. " * 300_000),
            **{f"/secret{n}.txt": SECRET for n in ("", 2, 3, 4, 5)}, "/elsewhere/e.txt": SECRET,
        })
        with site.running():
            data = tmp_path / "data"
            ran = ok(eventetl("run", "--source", f"{site.url}/news", "--data-dir", data, env=cli_env))
    stored = [u for (u,) in warehouse_rows(data, "SELECT source_uri FROM article_sources ORDER BY 1")]
    assert stored == [f"{site.url}/news/a.txt", f"{site.url}/news/sub/b.txt"]
    reasons = dict(warehouse_rows(data, "SELECT source_uri, reason FROM rejected_articles"))
    assert reasons == {
        f"{site.url}/news/moved.txt": "redirect (301) to /secret.txt refused: redirects are never followed",
        f"{site.url}/news/away.txt": f"redirect (302) to {elsewhere.url}/x.txt refused: redirects are never followed",
        f"{site.url}/news/big.txt": "larger than the 5 MB limit (stopped reading after 5242880 bytes)",
    }
    assert not [p for p in site.requests if "secret" in p or "elsewhere" in p], site.requests
    assert elsewhere.requests == []
    assert "Traceback" not in ran.err


def test_a_file_that_cannot_be_read_this_time_keeps_its_rows(tmp_path, cli_env):  # noqa: F811
    """A 500 (after retries) and a file gone between listing and reading lose nothing;
    only --prune drops the rows of a file no longer listed, and not of one that errs."""
    pages = {"/news/": listing("a.txt", "b.txt"), "/news/a.txt": text_file("2024-03-04"),
             "/news/b.txt": text_file("2024-03-05", "Russia criticized Ukraine over the talks.")}
    site = Site(pages)
    data = tmp_path / "data"
    query = "SELECT source_uri, article_id FROM article_sources ORDER BY 1"
    mentions = "SELECT mention_id FROM event_mentions ORDER BY 1"
    with site.running():
        ok(eventetl("run", "--source", f"{site.url}/news/", "--data-dir", data, env=cli_env))
        before, before_mentions = warehouse_rows(data, query), warehouse_rows(data, mentions)
        assert len(before) == 2 and before_mentions
        site.pages["/news/a.txt"] = (500, {}, b"overloaded")
        del site.pages["/news/b.txt"]                                  # listed, then 404
        ran = ok(eventetl("run", "--source", f"{site.url}/news/", "--data-dir", data, env=cli_env))
        assert "unreadable now    2  (their rows from earlier runs are kept)" in ran.out
        assert warehouse_rows(data, query) == before
        assert warehouse_rows(data, mentions) == before_mentions
        assert warehouse_rows(data, "SELECT count(*) FROM rejected_articles") == [(0,)]
        site.pages["/news/"] = listing("a.txt")                       # b.txt is gone for good
        ok(eventetl("run", "--source", f"{site.url}/news/", "--data-dir", data, "--prune", env=cli_env))
        assert warehouse_rows(data, query) == before[:1]
        site.pages["/news/a.txt"] = text_file("2024-03-04")            # back: read again, unchanged
        ran = ok(eventetl("run", "--source", f"{site.url}/news/", "--data-dir", data, env=cli_env))
        assert "1 unchanged" in ran.out and warehouse_rows(data, query) == before[:1]


def test_a_server_that_never_answers_fails_the_run_within_the_timeouts(tmp_path, cli_env):  # noqa: F811
    site = Site(hang=("/news/",))
    env = dict(cli_env, EVENTETL_CONNECT_TIMEOUT="2", EVENTETL_READ_TIMEOUT="2", EVENTETL_RETRIES="2")
    with site.running():
        t0 = time.monotonic()
        ran = eventetl("run", "--source", f"{site.url}/news/", "--data-dir", tmp_path / "data", env=env)
        elapsed = time.monotonic() - t0
    one_line_error(ran, f"source {site.url}/news/ cannot be listed: no answer within 2 s (EVENTETL_READ_TIMEOUT)")
    assert site.requests == ["/news/", "/news/"]   # one retry
    assert elapsed < 120


def test_a_file_that_never_arrives_is_a_rejection_not_a_stuck_run(tmp_path, cli_env):  # noqa: F811
    site = Site({"/news/": listing("a.txt", "slow.txt"), "/news/a.txt": text_file()}, hang=("/news/slow.txt",))
    env = dict(cli_env, EVENTETL_READ_TIMEOUT="2", EVENTETL_RETRIES="1")
    with site.running():
        ran = ok(eventetl("run", "--source", f"{site.url}/news/", "--data-dir", tmp_path / "data", env=env))
    assert f"{site.url}/news/slow.txt: could not be read: no answer within 2 s (EVENTETL_READ_TIMEOUT)" in ran.out
    assert "articles read     1" in ran.out
