"""Shared fixtures: Prefect settings for tests, tiny article folders built on the fly."""
from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest

from eventetl.evaluation.shared_data import shared_dir

REPO = Path(__file__).resolve().parent.parent
SHARED = shared_dir()  # beside the repository, or EVENTETL_SHARED (a worktree elsewhere finds it too)
DEV_ARTICLES = SHARED / "eval" / "dev" / "articles"
DEV_GOLD = SHARED / "eval" / "dev" / "gold.jsonl"
EXAMPLES = REPO / "examples" / "articles"
# The publication date of the invented articles the coding tests read (a Tuesday).
PUBLISHED = date(2024, 3, 5)

# Before anything imports Prefect: no telemetry, a start-up timeout a cold 2-core
# machine meets, and a PREFECT_HOME of the test session's own (parallel sessions on one
# machine must not share a SQLite file).
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="eventetl-prefect-"))
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "180"
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# The start-up cache (eventetl.extractors.disk_cache) of the session's own: tests edit rule files
# and must neither read nor leave pickles in the user's cache.
os.environ["EVENTETL_CACHE_DIR"] = tempfile.mkdtemp(prefix="eventetl-cache-")


@pytest.fixture(scope="session")
def prefect_api():
    """A real temporary Prefect API for the whole session (~20 s to start, once)."""
    from prefect.testing.utilities import prefect_test_harness
    with prefect_test_harness(server_startup_timeout=180):
        yield


def warehouse_rows(data: Path, sql: str, database: str = "warehouse.duckdb") -> list[tuple]:
    """Run SQL read-only against DATA/warehouse.duckdb (or DATA/`database`) and return the rows."""
    import duckdb
    con = duckdb.connect(str(data / database), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def write_article(folder: Path, name: str, published: str, body: str, dateline: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    head = f"date {published} " + (f"{dateline} - " if dateline else "")
    path = folder / name
    path.write_text(head + body, encoding="utf-8")
    return path


@pytest.fixture
def article_folder(tmp_path: Path) -> Path:
    """Three good articles on two dates and one bad file."""
    src = tmp_path / "articles"
    write_article(src, "a1.txt", "2024-01-25", "Pakistan and Iran agreed to restore diplomatic ties. "
                  "Iran's foreign minister will visit Pakistan on January 29.", "ISLAMABAD")
    write_article(src, "a2.txt", "2024-01-25", "Russian troops attacked Ukrainian positions near Kharkiv. "
                  "Ukraine condemned the attack.", "KYIV")
    write_article(src, "b1.txt", "2024-02-01", "China criticised Japan over its defence budget. "
                  "Japan rejected the criticism.", "TOKYO")
    (src / "broken.txt").write_text("no date line here\n", encoding="utf-8")
    return src


def article(body: str, article_id: str = "a1", published: date = PUBLISHED,
            dateline: str | None = None):
    """An invented article, as the article parser hands it to the extractor."""
    from eventetl.schemas.records import ParsedArticle
    return ParsedArticle(article_id, f"memory://{article_id}", published, dateline, body)


@pytest.fixture(scope="session")
def nlp():
    """The pipeline of the shipped rules (one per process)."""
    from eventetl.extractors.pipeline import get_nlp
    return get_nlp()
