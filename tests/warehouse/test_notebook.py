"""The notebook API: a data folder opened read-only, DataFrames with filters, the report's figure."""
from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest

from eventetl.warehouse.notebook import DataError, open_data


@pytest.fixture(scope="module")
def data(tmp_path_factory, dev_articles):
    from eventetl.flows.ingest import run_ingest
    root = tmp_path_factory.mktemp("notebook")
    shutil.copytree(dev_articles, root / "articles")
    run_ingest(str(root / "articles"), str(root / "data"), workers=1)
    return root / "data"


def served(data, sql: str, params=None) -> pd.DataFrame:
    con = duckdb.connect(str(data / "serving.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or []).df()
    finally:
        con.close()


def test_unfiltered_series_are_the_marts_themselves(data):
    d = open_data(data)
    assert d.daily_dyad().equals(served(data, "SELECT * FROM daily_dyad ORDER BY event_date, actor1_country "
                                              "NULLS LAST, actor2_country NULLS LAST"))
    assert d.daily_country().equals(served(data, "SELECT * FROM daily_country ORDER BY event_date, country"))
    assert len(d.events()) == served(data, "SELECT count(*) AS n FROM events")["n"][0]
    assert len(d.mentions()) == served(data, "SELECT count(*) AS n FROM event_mentions")["n"][0]


def test_a_dyad_filter_keeps_both_directions_unless_directed(data):
    d = open_data(data)
    both = d.events(dyad="PAK-IRN")
    assert len(both) > 0
    assert all({a, b} == {"PAK", "IRN"} for a, b in zip(both["actor1_country"], both["actor2_country"]))
    directed = d.events(dyad="pak-irn", directed=True)
    assert set(directed["actor1_country"]) <= {"PAK"} and len(directed) <= len(both)
    series = d.daily_dyad(dyad="PAK-IRN")
    assert set(zip(series["actor1_country"], series["actor2_country"])) <= {("PAK", "IRN"), ("IRN", "PAK")}
    assert series["events"].sum() == served(
        data, "SELECT count(*) AS n FROM int_counted_events WHERE (actor1_country, actor2_country) "
              "IN (('PAK', 'IRN'), ('IRN', 'PAK'))")["n"][0]


def test_cameo_roots_modality_and_dates_filter_events_mentions_and_series(data):
    d = open_data(data)
    fights = d.daily_dyad(roots=["19", 18])  # codes as text or numbers
    expected = served(data, "SELECT count(*) AS n FROM int_counted_events WHERE event_root_code IN ('18', '19')")
    assert fights["events"].sum() == expected["n"][0] > 0
    assert set(fights["verbal_cooperation_events"]) == {0}       # roots 18-19 are material conflict
    future = d.mentions(modality="future")
    assert len(future) > 0 and set(future["modality"]) == {"future"}
    days = sorted(d.events()["event_date"].dropna().unique())
    first, last = pd.Timestamp(days[0]).date(), pd.Timestamp(days[len(days) // 2]).date()
    window = d.events(start=first, end=last.isoformat())
    assert len(window) > 0 and window["event_date"].between(pd.Timestamp(first), pd.Timestamp(last)).all()
    assert set(d.daily_country(end=last)["event_date"]) <= {x for x in d.daily_country()["event_date"]
                                                            if x <= pd.Timestamp(last)}


def test_a_country_series_counts_the_country_as_the_mart_does(data):
    d = open_data(data)
    pak = d.daily_country(countries=["PAK"])
    assert set(pak["country"]) == {"PAK"}
    assert pak.reset_index(drop=True).equals(
        served(data, "SELECT * FROM daily_country WHERE country = 'PAK' ORDER BY event_date"))
    protests = d.daily_country(countries="PAK", roots="14")
    assert protests["events"].sum() <= pak["events"].sum()


def test_the_reports_figure_comes_back_as_a_matplotlib_figure_without_touching_pyplot(data):
    import matplotlib
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure
    backend = matplotlib.get_backend()
    fig = open_data(data).figure(dyad="PAK-IRN")
    assert isinstance(fig, Figure)
    assert "Pakistan" in fig._suptitle.get_text() and len(fig.axes) >= 2
    assert plt.get_fignums() == [] and matplotlib.get_backend() == backend


def test_the_folder_is_only_read_and_bad_arguments_say_why(data, tmp_path):
    path = data / "serving.duckdb"
    before = (path.stat().st_mtime_ns, path.stat().st_size)
    d = open_data(data)
    d.events(), d.daily_dyad(), d.figure(country="PAK")
    assert (path.stat().st_mtime_ns, path.stat().st_size) == before
    with pytest.raises(duckdb.Error, match="read-only"):
        d.sql("DELETE FROM events")
    with pytest.raises(DataError, match="run `eventetl run` first"):
        open_data(tmp_path / "empty")
    with pytest.raises(DataError, match="ISO3"):
        d.events(dyad="PAK")
    with pytest.raises(DataError, match="not a date"):
        d.events(start="2024-13-01")
