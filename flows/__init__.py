"""Flows, sources and the command line: Prefect at the edges, plain functions inside."""
