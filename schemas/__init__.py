"""One definition per table; Parquet schema, DuckDB DDL and the data dictionary derive from it."""
from eventetl.schemas.columns import Column, Table
from eventetl.schemas.records import (ArticleRow, EventMention, ParsedArticle, Rejection, event_id_for, mention_id_for,
                                     to_arrow)
from eventetl.schemas.tables import (ALL_TABLES, ARTICLES, EVENT_MENTIONS, EVENTS, REJECTED_ARTICLES, SCHEMA_VERSION,
                            TABLES)

__all__ = [
    "Column", "Table", "ArticleRow", "EventMention", "ParsedArticle", "Rejection", "event_id_for", "mention_id_for",
    "to_arrow", "ALL_TABLES", "ARTICLES", "EVENT_MENTIONS", "EVENTS", "REJECTED_ARTICLES",
    "SCHEMA_VERSION", "TABLES",
]
