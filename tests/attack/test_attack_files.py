"""Hostile files and file names, through `eventetl run` and `eventetl rejected`.

One run over one folder holding every hostile file of this module; each test then
checks one promise on what that run printed and stored.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from attack_kit import article, cli_env, eventetl, ok  # noqa: F401 (cli_env is a fixture)
from conftest import warehouse_rows

pytestmark = [pytest.mark.attack, pytest.mark.slow]

ESCAPES = "evil\x1b[31mRED\x1b]0;owned\x07"      # colour, then a window title
MARKUP = "bad[/i]"                              # closes a Rich tag that was never opened


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, cli_env):  # noqa: F811
    base = tmp_path_factory.mktemp("files")
    src = base / "src"
    article(src, "good.txt", "2024-03-04")
    (src / "year_9999.txt").write_text("date 9999-06-01 PARIS - France and Germany signed a deal.\n")
    (src / "year_0001.txt").write_text("date 0001-01-01 PARIS - France and Germany signed a deal.\n")
    (src / "fullwidth.txt").write_text("date \uff12\uff10\uff12\uff14-03-04 PARIS - France met Germany.\n")
    (src / "arabic_indic.txt").write_text("date \u0662\u0660\u0662\u0664-03-04 PARIS - France met Germany.\n")
    (src / "zero_width.txt").write_text("date 2024-03-04 \u200b\u200b\n\u200b\ufeff\u2060 \n")
    (src / f"{ESCAPES}.txt").write_text("no date line in this one\n")
    (src / "x[").mkdir()
    (src / "x[" / f"{MARKUP.split('/', 1)[1]}.txt").write_text("no date line either\n")  # path: x[/i].txt
    article(src / ".drafts", "draft.txt", "2024-03-04")
    article(src, ".unfinished.txt", "2024-03-04")
    # over spaCy's default 1,000,000-character cap, with its one event at the very end
    article(src, "long.txt", "2024-03-05", "The weather was mild and the markets were calm. " * 21_000
            + "France criticized Germany over the talks.")
    article(src, "run_on.txt", "2024-03-06", "France criticized Germany and " * 2_800 + "Russia.")  # one 84 KB sentence
    data = base / "data"
    ran = ok(eventetl("run", "--source", src, "--data-dir", data, "--workers", "1", env=cli_env))
    return src, data, ran


def rejected(data: Path) -> dict[str, str]:
    return dict(warehouse_rows(data, "SELECT source_uri, reason FROM rejected_articles"))


def test_a_year_9999_or_0001_is_a_rejected_file_not_a_failed_run(hostile_run):
    src, data, ran = hostile_run
    reasons = rejected(data)
    for name, day in (("year_9999.txt", "9999-06-01"), ("year_0001.txt", "0001-01-01")):
        assert reasons[str(src / name)].startswith(f"date {day} is not a plausible publication date")
    assert "files seen        10" in ran.out   # 9 files plus the one under x[/


def test_the_date_dimension_holds_the_years_that_have_data_not_every_year_between(hostile_run):
    _, data, _ = hostile_run
    [(days, first, last)] = warehouse_rows(data, "SELECT count(*), min(date), max(date) FROM dim_date", "serving.duckdb")
    assert days <= 372 and first.year >= 2023 and last.year == 2024


def test_digits_other_than_ascii_do_not_make_a_date(hostile_run):
    src, data, _ = hostile_run
    reasons = rejected(data)
    for name in ("fullwidth.txt", "arabic_indic.txt"):
        assert "is not an ISO date (YYYY-MM-DD)" in reasons[str(src / name)]


def test_a_body_of_only_zero_width_characters_is_an_empty_body(hostile_run):
    src, data, _ = hostile_run
    assert rejected(data)[str(src / "zero_width.txt")].startswith("empty body")


def test_hidden_folders_and_files_are_counted_in_the_summary_not_read(hostile_run):
    src, data, ran = hostile_run
    assert "hidden, not read  2  (names starting with '.': .drafts/, .unfinished.txt)" in ran.out
    stored = {u for (u,) in warehouse_rows(data, "SELECT source_uri FROM article_sources")}
    assert stored == {str(src / name) for name in ("good.txt", "long.txt", "run_on.txt")}


def test_an_article_of_over_a_million_characters_is_coded_whole(hostile_run):
    """Below the 5 MB file limit nothing is refused for its length: the event in the last
    sentence of a 1 MB body is found."""
    src, data, _ = hostile_run
    [(chars, mentions)] = warehouse_rows(data, f"""
        SELECT any_value(a.n_chars), count(m.mention_id) FROM article_sources s
        JOIN articles a USING (article_id) LEFT JOIN event_mentions m USING (article_id)
        WHERE s.source_uri = '{src / "long.txt"}'""")
    assert chars > 1_000_000 and mentions >= 1


def test_one_run_on_sentence_is_an_article_not_a_stuck_run(hostile_run):
    """An 84 KB sentence (2,800 trigger words) is read and stored; such a sentence is
    longer than the parser is given (MAX_PARSE_TOKENS), so it yields no event."""
    src, data, _ = hostile_run
    assert warehouse_rows(data, f"""
        SELECT count(*) FROM article_sources s JOIN articles a USING (article_id)
        WHERE s.source_uri = '{src / "run_on.txt"}'""") == [(1,)]


def test_file_names_cannot_drive_the_terminal_or_break_the_summary(hostile_run, cli_env):  # noqa: F811
    src, data, ran = hostile_run
    printed = ran.out + ran.err
    assert "\x1b" not in printed and "\x07" not in printed
    assert "evil\\x1b[31mRED\\x1b]0;owned\\x07.txt: no date line" in printed
    assert f"{src}/x[/i].txt: no date line" in printed
    listed = ok(eventetl("rejected", "--data-dir", data, env=cli_env))
    assert "\x1b" not in listed.out and "evil\\x1b[31mRED" in listed.out and "x[/i].txt" in listed.out


def test_the_rejected_files_are_stored_under_their_real_names(hostile_run):
    src, data, _ = hostile_run
    assert str(src / f"{ESCAPES}.txt") in rejected(data)  # shown escaped, stored as they are
