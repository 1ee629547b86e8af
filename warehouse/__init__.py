"""Parquet dataset, DuckDB warehouse, SQL models, serving database and reports."""
