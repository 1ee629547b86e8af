"""Shared fixtures: Prefect settings for tests, tiny article folders built on the fly, and
the one way a test says it reads the shared folder (`needs_shared`, `require_shared`)."""
from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from datetime import date
from types import ModuleType
from pathlib import Path

import pytest

from eventetl.evaluation.shared_data import shared_dir

REPO = Path(__file__).resolve().parent.parent
SHARED = shared_dir()  # beside the repository, or EVENTETL_SHARED (a worktree elsewhere finds it too)
DEV_ARTICLES = SHARED / "eval" / "dev" / "articles"
# Set by .ci/run when ../shared sits beside the checkout: there a test that cannot find
# its shared data is broken (a moved file, a wrong path), so it fails instead of skipping.
REQUIRE_SHARED = os.environ.get("EVENTETL_REQUIRE_SHARED", "") not in ("", "0")
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


# ---------------------------------------------------------------- data from the shared folder

def missing_shared(paths: tuple[Path, ...]) -> list[Path]:
    """Those of `paths` that do not exist."""
    return [p for p in paths if not p.exists()]


def absent_message(missing: list[Path], required: bool) -> str:
    """What a skipped or failed test says: which data, and what to do about it."""
    absent = f"shared data absent: {', '.join(map(str, missing))}"
    return f"{absent} (EVENTETL_REQUIRE_SHARED=1 says it must be there)" if required else f"{absent} (set EVENTETL_SHARED)"


def require_shared(*paths: Path) -> None:
    """Skip the running test, naming what is absent, unless every path exists; fail it
    instead under EVENTETL_REQUIRE_SHARED=1. For fixtures and helpers that read shared data
    (a marker cannot reach them); a test says it with `needs_shared`."""
    missing = missing_shared(paths)
    if missing and REQUIRE_SHARED:
        pytest.fail(absent_message(missing, required=True), pytrace=False)
    if missing:
        pytest.skip(absent_message(missing, required=False))


def needs_shared(*paths: Path) -> pytest.MarkDecorator:
    """Mark a test (or a parameter, or a module with `pytestmark`) that reads these paths of
    the shared folder: skipped when they are absent, failed before any of its fixtures is
    set up under EVENTETL_REQUIRE_SHARED=1."""
    return pytest.mark.needs_shared(*paths)


def shared_paths(item: pytest.Item) -> tuple[Path, ...]:
    return tuple(p for mark in item.iter_markers("needs_shared") for p in mark.args)


def pytest_configure(config):
    config.addinivalue_line("markers", "needs_shared(*paths): reads these files or folders of the shared "
                                       "folder; skipped, naming them, when absent; failed under "
                                       "EVENTETL_REQUIRE_SHARED=1")


def pytest_collection_modifyitems(items):
    # A skip mark, not a skip raised at set-up: the report then names the test, not this file.
    if REQUIRE_SHARED:
        return
    for item in items:
        missing = missing_shared(shared_paths(item))
        if missing:
            item.add_marker(pytest.mark.skip(reason=absent_message(missing, required=False)))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # tryfirst: before the test's fixtures, which may copy or ingest the data.
    if REQUIRE_SHARED:
        require_shared(*shared_paths(item))


@pytest.fixture(scope="session")
def dev_articles() -> Path:
    """The dev gold set's articles (shared/eval/dev/articles), for fixtures that load them."""
    require_shared(DEV_ARTICLES)
    return DEV_ARTICLES


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


def load_benchmark(name: str) -> ModuleType:
    """A script of benchmarks/ (not a package: they run as files) loaded as a module."""
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", REPO / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


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
