"""Reports: a dyad or a country, daily events by quad class with the Goldstein line and
the top events with their sentences, as PNG or self-contained HTML."""
from __future__ import annotations

import base64
import html
import math
import re
from datetime import date

import duckdb
import pytest
from typer.testing import CliRunner

from eventetl.warehouse.report import (DayRow, ReportData, ReportError, Subject, binned, broken_at_gaps, choose_bin,
                                       load_report_data, parse_subject, write_report)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def dev_data(tmp_path_factory, dev_articles):
    from eventetl.flows.ingest import run_ingest
    data = tmp_path_factory.mktemp("report") / "data"
    run_ingest(str(dev_articles), str(data), workers=1)
    return data


def busiest_dyad(data) -> tuple[str, str]:
    con = duckdb.connect(str(data / "serving.duckdb"), read_only=True)
    return con.execute("SELECT actor1_country, actor2_country FROM daily_dyad WHERE actor1_country <> actor2_country "
                       "GROUP BY ALL ORDER BY sum(events) DESC, 1, 2 LIMIT 1").fetchone()


def test_subjects_are_a_dyad_or_a_country():
    assert parse_subject("pak-irn", None) == Subject("dyad", ("PAK", "IRN"), False)
    assert parse_subject(None, "PAK").label == "PAK"
    assert parse_subject("PAK-IRN", None, directed=True).label == "PAK \u2192 IRN"
    for dyad, country in (("PAK", None), ("PAK-IRN-IND", None), (None, "Pakistan"), ("PAK-IRN", "PAK"), (None, None)):
        with pytest.raises(ReportError):
            parse_subject(dyad, country)


def test_long_spans_are_drawn_in_weeks_or_months():
    assert choose_bin([date(2024, 1, 1), date(2024, 3, 1)]) == "day"
    assert choose_bin([date(2024, 1, 1), date(2025, 3, 1)]) == "week"
    assert choose_bin([date(2015, 1, 1), date(2025, 3, 1)]) == "month"
    data = ReportData(Subject("country", ("PAK",)), None, None,
                      [DayRow(date(2024, 1, 3), (1, 0, 0, 0), 4.0), DayRow(date(2024, 1, 20), (0, 0, 0, 3), -8.0)])
    [month] = binned(data, "month")
    assert month.day == date(2024, 1, 1) and month.quad_counts == (1, 0, 0, 3)
    assert month.goldstein_mean == pytest.approx((4.0 - 24.0) / 4)   # weighted by events


def test_the_goldstein_line_breaks_across_empty_bins_and_joins_neighbours():
    points = [(date(2024, 1, 1), 2.0), (date(2024, 1, 8), -3.0), (date(2024, 2, 5), 1.0)]
    xs, ys = broken_at_gaps(points, max_step=7)
    assert xs == [date(2024, 1, 1), date(2024, 1, 8), date(2024, 2, 5), date(2024, 2, 5)]
    assert ys[:2] == [2.0, -3.0] and math.isnan(ys[2]) and ys[3] == 1.0   # NaN: no segment drawn into the gap
    assert broken_at_gaps(points, max_step=31) == ([p[0] for p in points], [p[1] for p in points])
    assert broken_at_gaps([], max_step=1) == ([], [])


def test_dyad_report_counts_both_directions_and_lists_top_events(dev_data):
    a, b = busiest_dyad(dev_data)
    con = duckdb.connect(str(dev_data / "serving.duckdb"), read_only=True)
    both = load_report_data(con, parse_subject(f"{a}-{b}", None))
    one_way = load_report_data(con, parse_subject(f"{a}-{b}", None, directed=True))
    expected = con.execute("SELECT sum(events) FROM daily_dyad WHERE (actor1_country, actor2_country) IN "
                           "((?, ?), (?, ?))", [a, b, b, a]).fetchone()[0]
    assert both.total_events == expected >= one_way.total_events > 0
    assert both.top and all({e.actor1_country, e.actor2_country} == {a, b} for e in both.top)
    assert [e.num_mentions for e in both.top] == sorted((e.num_mentions for e in both.top), reverse=True)
    assert all(e.sentence for e in both.top)


def test_country_report_renders_png_and_html_with_the_top_sentences(dev_data, tmp_path):
    a, _ = busiest_dyad(dev_data)
    con = duckdb.connect(str(dev_data / "serving.duckdb"), read_only=True)
    data = load_report_data(con, parse_subject(None, a), date(2000, 1, 1), date(2030, 12, 31))
    png = write_report(data, tmp_path / "r.png").read_bytes()
    assert png.startswith(PNG_MAGIC) and len(png) > 20_000
    page = write_report(data, tmp_path / "r.html").read_text(encoding="utf-8")
    embedded = re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page).group(1)
    assert base64.b64decode(embedded).startswith(PNG_MAGIC)
    assert html.escape(data.top[0].sentence) in page
    assert page.count("<tr>") == len(data.top) + 1   # header + one row per top event
    assert "<svg" not in page


def test_a_report_with_no_events_or_a_wrong_file_type_says_so(dev_data, tmp_path):
    con = duckdb.connect(str(dev_data / "serving.duckdb"), read_only=True)
    empty = load_report_data(con, parse_subject(None, "ATA"))
    with pytest.raises(ReportError, match="no events for ATA"):
        write_report(empty, tmp_path / "x.png")
    a, b = busiest_dyad(dev_data)
    with pytest.raises(ReportError, match=".png or .html"):
        write_report(load_report_data(con, parse_subject(f"{a}-{b}", None)), tmp_path / "x.pdf")


def test_report_command_writes_the_file(dev_data, tmp_path):
    from eventetl.flows.cli.app import app
    a, b = busiest_dyad(dev_data)
    out = tmp_path / "dyad.html"
    res = CliRunner().invoke(app, ["report", "--dyad", f"{a}-{b}", "--data-dir", str(dev_data), "--output", str(out)])
    assert res.exit_code == 0, res.output
    assert out.exists() and f"{a} \u2194 {b}" in res.output
    res = CliRunner().invoke(app, ["report", "--dyad", "PAK", "--data-dir", str(dev_data), "--output", str(out)])
    assert res.exit_code == 1 and "ISO3" in res.output
    res = CliRunner().invoke(app, ["report", "--country", "PAK", "--start", "2024-13-01", "--data-dir", str(dev_data),
                                   "--output", str(out)])
    assert res.exit_code == 2
