"""docs/data-dictionary.md is generated from the contracts and kept up to date."""
from __future__ import annotations

from eventetl.schemas import tables as T
from eventetl.warehouse.data_dictionary import DOC_PATH, dictionary_json, render_dictionary
from eventetl.warehouse.data_tests import singular_tests
from eventetl.warehouse.models import load_models


def test_the_committed_dictionary_is_current():
    assert DOC_PATH.read_text(encoding="utf-8") == render_dictionary(), \
        "docs/data-dictionary.md is stale: run `python -m eventetl.warehouse.data_dictionary`"


def test_every_table_mart_column_and_data_test_is_documented():
    doc = render_dictionary()
    tables = [*T.ALL_TABLES, *T.DIMENSIONS, *(m.as_table() for m in load_models() if m.columns)]
    for table in tables:
        assert f"### `{table.name}`" in doc
        for column in table.columns:
            assert f"| `{column.name}`" in doc, (table.name, column.name)
    for test in singular_tests():
        assert f"| `{test.name}` |" in doc
    assert "Accepted values: `1`, `2`, `3`, `4`." in doc   # from schemas' accepted_values


def test_mart_columns_inherit_descriptions_from_the_schemas():
    info = dictionary_json()
    actor1 = next(c for c in info["daily_dyad"]["columns"] if c["name"] == "actor1_country")
    assert actor1["description"] == T.EVENTS.column("actor1_country").description
    assert info["daily_dyad"]["grain"] == "event_date, actor1_country, actor2_country"
