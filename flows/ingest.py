"""The main Prefect flow: source files in, Parquet dataset and DuckDB warehouse out.

Tasks are thin wrappers; the work lives in plain functions (flows.extraction,
warehouse.dataset, warehouse.duckdb_store) that tests call without Prefect.
"""
from __future__ import annotations

import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from extractors.version import extractor_version
from flows.extraction import ExtractionPool, FileOutcome, default_workers
from flows.run_lock import exclusive_run
from flows.sources import SourceFile, discover, is_local
from schemas import tables as T
from schemas.records import to_arrow
from warehouse import duckdb_store
from warehouse.dataset import RunResults, apply_run, article_index
from warehouse.parquet_store import ParquetStore

CHUNK_SIZE = 1000  # files per extraction task: tens of tasks per run, never one per article


@dataclass
class RunPaths:
    data_dir: str
    warehouse: Path

    @property
    def parquet_root(self) -> str:
        return self.data_dir.rstrip("/") + "/parquet"

    @property
    def local_dir(self) -> Path:
        """Where the lock and staging files live: the data dir, or the warehouse's folder."""
        return Path(self.data_dir) if is_local(self.data_dir) else self.warehouse.parent

    @classmethod
    def resolve(cls, data_dir: str, warehouse: str | None = None) -> "RunPaths":
        if warehouse:
            wh = Path(warehouse)
        elif is_local(data_dir):
            wh = Path(data_dir.removeprefix("file://")) / "warehouse.duckdb"
        else:
            wh = Path("warehouse.duckdb")
        data = data_dir.removeprefix("file://") if is_local(data_dir) else data_dir
        return cls(data, wh.absolute())


@dataclass
class RunSummary:
    source: str
    files_seen: int = 0
    articles: int = 0            # distinct in-range articles read (by content)
    duplicates: int = 0          # files whose content another file already had
    rejected: int = 0
    out_of_range: int = 0
    unchanged: int = 0           # already extracted by this extractor version
    new_mentions: int = 0
    partitions: list[str] = field(default_factory=list)
    total_articles: int = 0
    total_mentions: int = 0
    total_events: int = 0
    total_rejected: int = 0
    warehouse: str = ""
    parquet: str = ""
    extractor_version: str = ""
    seconds: float = 0.0
    rejections: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ChunkResult:
    articles: list[dict]
    rejected: list
    reused: set[str]
    out_of_range: int
    files: int
    mentions: int


@task(name="discover-files", cache_policy=NO_CACHE)
def discover_files(source: str) -> list[SourceFile]:
    return list(discover(source))


def extract_chunk_fn(pool: ExtractionPool, sources: list[SourceFile], start: date | None, end: date | None,
                     rules_dirs: tuple[str, ...], staging_file: Path) -> ChunkResult:
    articles, rejected, reused, mention_tables = [], [], set(), []
    out_of_range = 0
    for outcomes in pool.map(sources, start, end, rules_dirs):
        for o in outcomes:
            if o.rejection is not None:
                rejected.append(o.rejection)
            elif o.out_of_range:
                out_of_range += 1
            else:
                articles.append(o.article)
                if o.reused:
                    reused.add(o.article["article_id"])
                elif o.mentions:
                    mention_tables.append(to_arrow(o.mentions, T.EVENT_MENTIONS))
    n_mentions = sum(t.num_rows for t in mention_tables)
    if mention_tables:
        staging_file.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.concat_tables(mention_tables), staging_file)
    return ChunkResult(articles, rejected, reused, out_of_range, len(sources), n_mentions)


def write_and_load(paths: RunPaths, results: RunResults, version: str, now: datetime) -> dict:
    store = ParquetStore(paths.parquet_root)
    applied = apply_run(store, results, version, now)
    con = duckdb_store.connect(paths.warehouse)
    try:
        rebuilt = duckdb_store.ensure_schema(con, store)
        if not rebuilt:
            for part in applied.partitions:
                duckdb_store.replace_partition(con, part.published_date, part.articles, part.mentions)
            duckdb_store.replace_rejected(con, applied.rejected)
            duckdb_store.rebuild_events(con)
        totals = {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                  for name in ("articles", "event_mentions", "events", "rejected_articles")}
    finally:
        con.close()
    return {"partitions": [p.published_date.isoformat() for p in applied.partitions],
            "duplicates": applied.n_duplicates, "totals": totals}


@task(name="write-parquet-and-load-duckdb", cache_policy=NO_CACHE)
def write_and_load_task(paths: RunPaths, results: RunResults, version: str, now: datetime) -> dict:
    return write_and_load(paths, results, version, now)


@flow(name="eventetl-ingest", log_prints=True)
def ingest_flow(source: str, data_dir: str = "data", start: date | None = None, end: date | None = None,
                workers: int | None = None, rules_dir: str | None = None, warehouse: str | None = None,
                chunk_size: int = CHUNK_SIZE) -> dict:
    """Discover article files, extract events, write Parquet partitions, load DuckDB."""
    return run_ingest(source, data_dir, start, end, workers, rules_dir, warehouse, chunk_size, as_tasks=True)


def run_ingest(source: str, data_dir: str = "data", start: date | None = None, end: date | None = None,
               workers: int | None = None, rules_dir: str | None = None, warehouse: str | None = None,
               chunk_size: int = CHUNK_SIZE, as_tasks: bool = False) -> dict:
    t0 = time.perf_counter()
    paths = RunPaths.resolve(data_dir, warehouse)
    rules_dirs = (rules_dir,) if rules_dir else ()
    version = extractor_version(rules_dir)
    now = datetime.now(timezone.utc)
    summary = RunSummary(source=source, warehouse=str(paths.warehouse), parquet=paths.parquet_root,
                         extractor_version=version)
    with exclusive_run(paths.local_dir):
        store = ParquetStore(paths.parquet_root)
        store.sweep_temporaries()
        staging = paths.local_dir / "_staging" / uuid.uuid4().hex
        shutil.rmtree(paths.local_dir / "_staging", ignore_errors=True)  # leftovers of killed runs
        sources = discover_files(source) if as_tasks else discover_files.fn(source)
        summary.files_seen = len(sources)
        index = article_index(store)
        known = frozenset(i for i, v in zip(index.column("article_id").to_pylist(),
                                             index.column("extractor_version").to_pylist()) if v == version)
        n_workers = workers or default_workers()
        if len(sources) < 200:
            n_workers = 1  # starting worker processes costs more than it saves
        results = RunResults()
        try:
            with ExtractionPool(n_workers, known) as pool:
                extract = task(name="extract-chunk", cache_policy=NO_CACHE)(extract_chunk_fn) if as_tasks \
                    else extract_chunk_fn
                for i in range(0, len(sources), chunk_size):
                    chunk = extract(pool, sources[i:i + chunk_size], start, end, rules_dirs,
                                    staging / f"chunk-{i // chunk_size:06d}.parquet")
                    results.articles.extend(chunk.articles)
                    results.rejected.extend(chunk.rejected)
                    results.reused |= chunk.reused
                    summary.out_of_range += chunk.out_of_range
                    summary.new_mentions += chunk.mentions
            results.mentions_on = _staged_mentions(staging)
            loaded = (write_and_load_task if as_tasks else write_and_load_task.fn)(paths, results, version, now)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    summary.articles = len({a["article_id"] for a in results.articles})
    summary.duplicates = loaded["duplicates"]
    summary.unchanged = len(results.reused)
    summary.rejected = len(results.rejected)
    summary.rejections = [(r.source_uri, r.reason) for r in results.rejected]
    summary.partitions = loaded["partitions"]
    totals = loaded["totals"]
    summary.total_articles = totals["articles"]
    summary.total_mentions = totals["event_mentions"]
    summary.total_events = totals["events"]
    summary.total_rejected = totals["rejected_articles"]
    summary.seconds = round(time.perf_counter() - t0, 2)
    return summary.to_dict()


def _staged_mentions(staging: Path):
    def read(published: date) -> pa.Table:
        if not staging.exists() or not any(staging.iterdir()):
            return T.EVENT_MENTIONS.arrow_schema().empty_table()
        dataset = pads.dataset(str(staging), format="parquet", schema=T.EVENT_MENTIONS.arrow_schema())
        return dataset.to_table(filter=pads.field("published_date") == published)
    return read
