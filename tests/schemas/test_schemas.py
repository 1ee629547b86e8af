"""One schema definition: records, Parquet schema and DuckDB tables agree."""
import duckdb
from datetime import date, datetime, timezone

from eventetl.schemas import ALL_TABLES, ARTICLES, EVENT_MENTIONS, EVENTS, REJECTED_ARTICLES, ArticleRow, EventMention
from eventetl.schemas.records import LOAD_STAMPED, ParsedArticle, record_field_names, to_arrow
from eventetl.warehouse import duckdb_store


def test_event_mention_record_has_exactly_the_table_columns():
    assert record_field_names(EventMention) == EVENT_MENTIONS.column_names


def test_article_row_has_the_article_columns_but_those_the_load_stamps():
    assert record_field_names(ArticleRow) == [c for c in ARTICLES.column_names if c not in LOAD_STAMPED]
    assert set(LOAD_STAMPED) <= set(ARTICLES.column_names)


def test_an_article_row_becomes_the_same_arrow_row_as_its_dict():
    parsed = ParsedArticle("abc", "2024/a.txt", date(2024, 1, 25), "KYIV", "Body text.", title="T",
                           published_at=datetime(2024, 1, 25, 9, tzinfo=timezone.utc))
    row = ArticleRow.of(parsed, n_events=2)
    assert (row.n_chars, row.n_events, row.content_hash, row.title) == (10, 2, "abc", "T")
    stamps = {"ingested_at": datetime(2024, 2, 1, tzinfo=timezone.utc), "extractor_version": "v"}
    assert to_arrow([row], ARTICLES, **stamps).equals(to_arrow([row.to_dict()], ARTICLES, **stamps))


def test_a_mention_survives_pickling_between_processes():
    import pickle
    mention = EventMention(*[None] * len(EVENT_MENTIONS.column_names))
    mention.mention_id, mention.published_date, mention.goldstein = "m1", date(2024, 1, 25), -2.5
    assert pickle.loads(pickle.dumps(mention)) == mention


def test_contract_columns_exist():
    for col in ["article_id", "source_uri", "published_date", "dateline", "n_chars", "ingested_at",
                "extractor_version"]:
        ARTICLES.column(col)
    for col in ["mention_id", "article_id", "published_date", "sentence_index", "char_start", "char_end",
                "sentence", "trigger", "event_code", "event_root_code", "event_base_code", "quad_class",
                "goldstein", "plover_type", "actor1_name", "actor1_country", "actor1_type", "actor2_name",
                "actor2_country", "actor2_type", "event_date", "date_precision", "date_basis",
                "location_name", "location_country", "latitude", "longitude", "modality", "confidence",
                "rule_id", "extractor_version"]:
        EVENT_MENTIONS.column(col)
    for col in ["event_id", "num_mentions", "num_articles", "first_seen", "last_seen"]:
        EVENTS.column(col)
    for col in ["source_uri", "reason", "detected_at"]:
        REJECTED_ARTICLES.column(col)


def test_duckdb_tables_match_the_schemas(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    duckdb_store.create_schema(con)
    for table in ALL_TABLES:
        described = con.execute(f"DESCRIBE {table.name}").fetchall()
        assert [(r[0], r[1]) for r in described] == [(c.name, c.duckdb_type) for c in table.columns]
        key = set(table.primary_key)
        assert [r[2] == "YES" for r in described] == [c.nullable and c.name not in key for c in table.columns]
    assert duckdb_store.schema_is_current(con)


def test_parquet_files_load_into_the_duckdb_types(tmp_path):
    import pyarrow.parquet as pq
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    duckdb_store.create_schema(con)
    for table in ALL_TABLES:
        path = tmp_path / f"{table.name}.parquet"
        pq.write_table(table.arrow_schema().empty_table(), path)
        from_parquet = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
        in_table = con.execute(f"DESCRIBE {table.name}").fetchall()
        assert [(r[0], r[1]) for r in from_parquet] == [(r[0], r[1]) for r in in_table]
