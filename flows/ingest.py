"""The main Prefect flow: source files in, Parquet dataset and DuckDB warehouse out.

Tasks are thin wrappers; the work lives in plain functions (eventetl.flows.extraction,
eventetl.warehouse.dataset, eventetl.warehouse.duckdb_store) that tests call without Prefect.
"""
from __future__ import annotations

import shutil
import time
import uuid
from collections import deque
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from eventetl.extractors.text.article_records import record_fields
from eventetl.extractors.ruleset.ruleset import RuleSet
from eventetl.flows import observability as obs
from eventetl.flows.extraction import (ExtractionPool, FileOutcome, Unit, batch_size_for, batched, default_workers,
                              process_batch, user_rules)
from eventetl.flows.record_files import RecordStats, estimated_units, stale_records, units_of
from eventetl.flows.run_lock import begin_load, end_load, exclusive_run, mark_models_stale, models_fresh, models_stale
from eventetl.flows.sources import SourceFile, discover, is_local, vanished
from eventetl.schemas import tables as T
from eventetl.schemas.records import ArticleRow, record_field_names, record_file_of, to_arrow
from eventetl.warehouse import duckdb_store
from eventetl.warehouse import models as wh_models
from eventetl.warehouse.dataset import ArticleIndex, RunResults, apply_run, source_index
from eventetl.warehouse.parquet_store import ParquetStore
from eventetl.warehouse.post_load import PostLoad

CHUNK_SIZE = 1000  # files per extraction task: tens of tasks per run, never one per article
DISTRIBUTED_CHUNK_SIZE = 250  # smaller chunks on Dask: enough tasks to keep every worker busy


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
    record_files: int = 0        # of those, files of JSON records
    records: int = 0             # JSON records they held (read or rejected)
    inputs: int = 0              # text files + JSON records (+ record files unreadable as a whole): each is
                                 # an article, a duplicate, rejected or outside the dates
    articles: int = 0            # distinct in-range articles read (by content)
    duplicates: int = 0          # files whose content another file already had
    rejected: int = 0
    out_of_range: int = 0
    unreadable_kept: int = 0     # files that could not be read this time; their rows from earlier runs stay
    hidden: list[str] = field(default_factory=list)  # hidden entries (names starting with '.') not read
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
    pruned: int = 0              # files gone from the source whose rows --prune removed
    by_date: dict[str, obs.DateCounts] = field(default_factory=dict)
    post_load: PostLoad | None = None  # models, data tests, serving copy (None: deferred to a backfill's end)

    def to_dict(self) -> dict:
        """The summary as `run --json` prints it and a flow run's logs show it."""
        out = asdict(replace(self, post_load=None))  # PostLoad has its own JSON form
        out["post_load"] = self.post_load.as_dict() if self.post_load is not None else {}
        return out


@dataclass
class ChunkResult:
    articles: list[ArticleRow]
    rejected: list
    reused: set[str]
    outside: dict[str, str]  # files dated outside --start/--end: source_uri -> article_id
    files: int
    mentions: int


@dataclass
class Discovered:
    files: list[SourceFile]
    hidden: list[str]


@task(name="discover-files", cache_policy=NO_CACHE)
def discover_files(source: str, start: date | None = None, end: date | None = None) -> Discovered:
    hidden: list[str] = []
    files = list(discover(source, start=start, end=end, hidden=hidden))
    return Discovered(files, hidden)


@dataclass(frozen=True)
class SourceRetries:
    """Prefect task retries for transient source errors (an unreachable server, a 5xx):
    the listing is tried again after `delay_seconds`; a missing folder is not retried.
    Unattended runs (schedules, backfills) use them; an interactive `run` fails at once."""

    retries: int = 0
    delay_seconds: float = 0.0


def transient_source_error(_task, _task_run, state) -> bool:
    """retry_condition_fn: retry only what waiting may fix (Prefect flow retries cannot
    look at the error, so the retries sit on the tasks that read the source)."""
    from eventetl.flows.sources import is_transient
    return isinstance(state.data, BaseException) and is_transient(state.data)


def discover_task(retry: SourceRetries):
    if not retry.retries:
        return discover_files
    return discover_files.with_options(retries=retry.retries, retry_delay_seconds=retry.delay_seconds,
                                       retry_condition_fn=transient_source_error)


def extract_chunk_fn(pool: ExtractionPool, sources: list[Unit], start: date | None, end: date | None,
                     rules: RuleSet, staging_file: Path, job: int | None = None) -> ChunkResult:
    articles, rejected, reused, mentions = [], [], set(), []
    outside: dict[str, str] = {}
    for outcomes in pool.map(sources, start, end, rules, batch_size_for(len(sources), pool.workers)):
        obs.job_advance(job, len(outcomes))
        for o in outcomes:
            if o.rejection is not None:
                rejected.append(o.rejection)
            elif o.out_of_range:
                outside[o.uri] = o.article.article_id
            else:
                articles.append(o.article)
                if o.reused:
                    reused.add(o.article.article_id)
                else:
                    mentions.extend(o.mentions)
    n_mentions = len(mentions)
    if mentions:  # one Arrow conversion per chunk: per article it cost more than the write
        write_staging(to_arrow(mentions, T.EVENT_MENTIONS), staging_file)
    return ChunkResult(articles, rejected, reused, outside, len(sources), n_mentions)


STAGING_ROW_GROUP = 2048


def write_staging(mentions: pa.Table, staging_file: Path) -> None:
    """Stage a chunk's mentions sorted by date in small row groups: the load reads one date
    at a time, and the row groups' date statistics let it skip the rest of every file
    (unsorted, each date's read would decode every staged mention: days x mentions)."""
    staging_file.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(mentions.sort_by("published_date"), staging_file, row_group_size=STAGING_ROW_GROUP)


@dataclass(frozen=True)
class LoadResult:
    """What one load applied: the publication dates it replaced, the mentions it stored
    (a duplicate file's count once), the files whose earlier rows it kept, the warehouse's
    row counts after it, the post-load step's result (None when deferred), and the
    article index after it."""

    partitions: list[str]
    duplicates: int
    mentions: int
    unreadable_kept: list[str]
    totals: dict[str, int]
    post_load: PostLoad | None
    index: ArticleIndex


def write_and_load(paths: RunPaths, results: RunResults, rules: RuleSet, now: datetime,
                   post_load: bool = True, index: ArticleIndex | None = None) -> LoadResult:
    """Apply the run to Parquet and DuckDB, then (unless `post_load` is False: a backfill
    runs it once after its last date) the post-load step. `index`: the article index as
    the run found the dataset (read when not given)."""
    store = ParquetStore(paths.parquet_root)
    lost = not paths.warehouse.exists()  # lost or never built: Parquet may hold more
    # Opened before any partition changes: a warehouse held by another process stops the
    # run here, with nothing written.
    con = duckdb_store.connect(paths.warehouse)
    try:
        interrupted = begin_load(paths.local_dir) or lost  # True: a killed load left DuckDB behind Parquet
        if not post_load:
            mark_models_stale(paths.local_dir)  # until a post-load step rebuilds them all
        obs.phase("writing Parquet partitions")
        # one day in memory at a time
        applied = apply_run(store, results, rules.version, now, keep_tables=False, index=index)
        obs.phase(f"loading DuckDB ({len(applied.partitions)} publication dates)")
        rebuilt = duckdb_store.ensure_schema(con, store)
        if interrupted and not rebuilt:
            obs.phase("rebuilding DuckDB from the Parquet dataset")
            duckdb_store.create_schema(con, drop=True)
            duckdb_store.rebuild_from_parquet(con, store)
            rebuilt = True
        if not rebuilt:
            for part in applied.partitions:
                # The events of the partition's old and new mentions are the ones to re-derive.
                wh_models.track_affected_events(con, part.published_date)
                day = part.published_date
                duckdb_store.replace_partition(con, day, store.read(T.ARTICLES, day),
                                               store.read(T.EVENT_MENTIONS, day), store.read(T.ARTICLE_SOURCES, day))
                wh_models.track_affected_events(con, part.published_date)
            duckdb_store.replace_rejected(con, applied.rejected)
        post = finish_load(con, paths, rules, incremental=not rebuilt) if post_load else None
        totals = {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                  for name in ("articles", "event_mentions", "events", "rejected_articles")}
    finally:
        con.close()
    end_load(paths.local_dir)
    return LoadResult([p.published_date.isoformat() for p in applied.partitions], applied.n_duplicates,
                      applied.n_mentions, sorted(applied.unreadable_kept), totals, post, applied.index)


def finish_load(con, paths: RunPaths, rules: RuleSet, incremental: bool) -> PostLoad:
    """The shared post-load step (`eventetl.warehouse.post_load`): models, data tests, serving copy.
    A load that deferred it (a backfill's dates) left the models stale: then every model
    is rebuilt, not only the events this load tracked. Raises DataTestsFailed before the
    serving file is replaced."""
    from eventetl.warehouse.data_tests import DataTestsFailed
    from eventetl.warehouse.post_load import post_load
    stale = models_stale(paths.local_dir)
    result = post_load(con, paths.warehouse, rules, incremental=incremental and not stale, phase=obs.phase)
    if result.failed:
        raise DataTestsFailed(result.failed)
    if stale:
        models_fresh(paths.local_dir)
    return result


def finish_deferred_load(paths: RunPaths, rules: RuleSet) -> PostLoad:
    """The post-load step of loads that deferred it (a backfill, once after its last date)."""
    con = duckdb_store.connect(paths.warehouse)
    try:
        return finish_load(con, paths, rules, incremental=False)
    finally:
        con.close()


@task(name="write-parquet-and-load-duckdb", cache_policy=NO_CACHE)
def write_and_load_task(paths: RunPaths, results: RunResults, rules: RuleSet, now: datetime,
                        post_load: bool = True, index: ArticleIndex | None = None) -> LoadResult:
    return write_and_load(paths, results, rules, now, post_load, index)


@flow(name="eventetl-ingest", log_prints=True)
def ingest_flow(source: str, data_dir: str = "data", start: date | None = None, end: date | None = None,
                workers: int | None = None, rules_dir: str | None = None, warehouse: str | None = None,
                chunk_size: int = CHUNK_SIZE, prune: bool = False, distributed: bool = False,
                wait: bool = False, fields: dict[str, list[str]] | None = None) -> RunSummary:
    """Discover article files, extract events, write Parquet partitions, load DuckDB.

    `distributed`: submit extraction chunks to the flow's task runner (e.g. Dask, see
    eventetl.flows.task_runners) instead of the in-process worker pool. `fields`: keys of JSON
    article records that differ from the defaults ({"text": ["content"]}, see
    eventetl.extractors.text.article_records.RecordFields).
    """
    with obs.progress_artifact():
        return run_ingest(source, data_dir, start, end, workers, rules_dir, warehouse, chunk_size, as_tasks=True,
                          prune=prune, distributed=distributed, wait=wait, fields=fields)


def run_ingest(source: str, data_dir: str = "data", start: date | None = None, end: date | None = None,
               workers: int | None = None, rules_dir: str | None = None, warehouse: str | None = None,
               chunk_size: int = CHUNK_SIZE, as_tasks: bool = False, prune: bool = False,
               distributed: bool = False, wait: bool = False, retry: SourceRetries = SourceRetries(),
               fields: dict[str, list[str]] | None = None) -> RunSummary:
    if distributed and not as_tasks:
        raise ValueError("distributed extraction submits Prefect tasks: call ingest_flow")
    t0 = time.perf_counter()
    paths = RunPaths.resolve(data_dir, warehouse)
    # a broken rules file fails the run here, by name, instead of every article later
    rules = user_rules(rules_dir)
    # wait=True: queue behind a run already writing this data folder (see eventetl.flows.run_lock)
    with exclusive_run(paths.local_dir, wait=wait, on_wait=_waiting):
        prepare_run(paths)
        # read once: nothing but this run's load writes the dataset while the lock is held
        index = ArticleIndex.read(ParquetStore(paths.parquet_root))
        staging = new_staging(paths)
        try:
            extracted = extract_run(source, start, end, rules, staging, chunk_size, as_tasks, distributed,
                                    index.extracted_by(rules.version), workers=workers or default_workers(),
                                    retry=retry, fields=fields)
            summary, _ = load_run(paths, extracted, rules, prune, as_tasks, index=index)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            _remove_if_empty(staging.parent)
    summary.seconds = round(time.perf_counter() - t0, 2)
    return summary


def _waiting(message: str) -> None:
    obs.phase(message)
    obs.run_logger().info(message)


# -- the run's phases (a backfill runs extract_run per date in parallel, load_run in turn) --

@dataclass
class Extraction:
    """One run's extraction, staged on local disk but not yet applied to the dataset."""

    source: str
    start: date | None
    end: date | None
    discovered: set[str]
    staging: Path
    results: RunResults = field(default_factory=RunResults)
    records: RecordStats = field(default_factory=RecordStats)
    inputs: int = 0
    hidden: list[str] = field(default_factory=list)

    @property
    def out_of_range(self) -> int:
        return len(self.results.outside)


def prepare_run(paths: RunPaths) -> None:
    """Clear what killed runs left behind; call with the data-dir lock held."""
    ParquetStore(paths.parquet_root).sweep_temporaries()
    shutil.rmtree(paths.local_dir / "_staging", ignore_errors=True)


def new_staging(paths: RunPaths) -> Path:
    return paths.local_dir / "_staging" / uuid.uuid4().hex


def extract_run(source: str, start: date | None, end: date | None, rules: RuleSet,
                staging: Path, chunk_size: int = CHUNK_SIZE, as_tasks: bool = False,
                distributed: bool = False, known: frozenset[str] = frozenset(), workers: int = 1,
                pool: ExtractionPool | None = None, retry: SourceRetries = SourceRetries(),
                fields: dict[str, list[str]] | None = None) -> Extraction:
    """Discover and extract one window of a source into `staging`.

    Text files are extracted where they are read; files of JSON records are read here,
    lazily, and their records extracted in chunks like files (eventetl.flows.record_files).
    `pool`: worker processes shared with other extractions (a backfill's dates);
    without one, a pool of `workers` is started when there is enough work to pay for
    it. `distributed`: chunks go to the flow's task runner instead.
    """
    obs.phase(f"listing {source}" + (f" ({start})" if start is not None and start == end else ""))
    found = discover_task(retry)(source, start, end) if as_tasks else discover_files.fn(source, start, end)
    sources = found.files
    out = Extraction(source, start, end, {s.uri for s in sources}, staging, hidden=found.hidden)
    job = obs.job_start("extracting files" if start is None or start != end else f"extracting files of {start}",
                        len(sources))
    done = 0

    def chunks_of(size: int):
        """The units in chunks; once a chunk is read, the job's size counts the records read so far."""
        for chunk in batched(units_of(sources, record_fields(fields), out.records), size):
            obs.job_total(job, total())
            yield chunk

    def total() -> int:  # each record file is as many units as its records
        return len(sources) - out.records.record_files + out.records.records

    with ExitStack() as stack:
        if distributed:
            version = rules.version
            submitted = in_flight(lambda chunk: extract_chunk_remote.submit(chunk, start, end, rules, known),
                                  chunks_of(min(chunk_size, DISTRIBUTED_CHUNK_SIZE)))
            chunks = (f.result().to_chunk(staging / f"chunk-{n:06d}.parquet", version)
                      for n, f in enumerate(submitted))
        else:
            if pool is None:  # starting worker processes costs more than it saves on small runs
                pool = stack.enter_context(ExtractionPool(workers if estimated_units(sources) >= 200 else 1, known,
                                                          skip_duplicates=True))
            extract = task(name="extract-chunk", cache_policy=NO_CACHE)(extract_chunk_fn) if as_tasks \
                else extract_chunk_fn
            chunks = (extract(pool, chunk, start, end, rules, staging / f"chunk-{n:06d}.parquet", job)
                      for n, chunk in enumerate(chunks_of(chunk_size)))
        for chunk in chunks:
            if distributed:
                obs.job_advance(job, chunk.files)
            done += chunk.files
            obs.chunk_done(job, done, total())
            out.results.articles.extend(chunk.articles)
            out.results.rejected.extend(chunk.rejected)
            out.results.reused |= chunk.reused
            out.inputs += chunk.files
            out.results.outside.update(chunk.outside)
    return out


# Chunks submitted to a distributed runner ahead of the one being collected: every worker
# stays busy while only a few chunks of records wait in memory.
IN_FLIGHT = 16


def in_flight(submit, chunks, window: int = IN_FLIGHT):
    """Submit chunks as earlier ones are collected, keeping `window` of them in flight;
    yields the futures in submission order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield pending.popleft()
    yield from pending


def load_run(paths: RunPaths, extracted: Extraction, rules: RuleSet, prune: bool = False,
             as_tasks: bool = False, post_load: bool = True,
             index: ArticleIndex | None = None) -> tuple[RunSummary, ArticleIndex]:
    """Apply one extraction to Parquet and DuckDB; the caller holds the data-dir lock.
    `index`: the article index as the dataset is now (read here when not given). Returns
    the run's summary and the index after the load (a backfill's next date starts there)."""
    results = extracted.results
    store = ParquetStore(paths.parquet_root)
    index = index if index is not None else ArticleIndex.read(store)
    previous = index.article_of_source()
    # every name a file is stored under (duplicates of another file's content included), and the rejected
    names = source_index(store)
    stored = list(zip(names.column("source_uri").to_pylist(), names.column("published_date").to_pylist()))
    stored += [(u, None) for u in store.read(T.REJECTED_ARTICLES, columns=["source_uri"])
               .column("source_uri").to_pylist()]
    if prune:
        # a record of a file still there is judged by what the file now holds (below)
        files = [(u, d) for u, d in stored if record_file_of(u) not in extracted.discovered]
        unreadable = {r.source_uri for r in results.rejected if r.read_failed}
        results.removed = vanished(files, extracted.source, extracted.discovered, extracted.start, extracted.end,
                                   unreadable)
    if extracted.records.files_read:
        seen = {a.source_uri for a in results.articles} | {r.source_uri for r in results.rejected}
        results.removed |= stale_records(stored, extracted.records.files_read, seen, extracted.start, extracted.end)
    results.mentions_on = _staged_mentions(extracted.staging)
    now = datetime.now(timezone.utc)
    loaded = (write_and_load_task if as_tasks else write_and_load_task.fn)(paths, results, rules, now, post_load,
                                                                           index)

    summary = RunSummary(source=extracted.source, warehouse=str(paths.warehouse), parquet=paths.parquet_root,
                         extractor_version=rules.version)
    summary.files_seen = len(extracted.discovered)
    summary.record_files = extracted.records.record_files
    summary.records = extracted.records.records
    summary.inputs = extracted.inputs
    summary.out_of_range = extracted.out_of_range
    summary.new_mentions = loaded.mentions  # as stored: a duplicate file's mentions count once
    summary.articles = len({a.article_id for a in results.articles})
    summary.duplicates = loaded.duplicates
    summary.unchanged = len(results.reused)
    kept = set(loaded.unreadable_kept)
    summary.rejected = len(results.rejected) - len(kept)
    summary.unreadable_kept = len(kept)
    summary.hidden = extracted.hidden
    # rejections first, then the files whose earlier rows were kept
    summary.rejections = sorted(((r.source_uri, r.reason + ("; its rows from earlier runs are kept"
                                                            if r.source_uri in kept else ""))
                                 for r in results.rejected), key=lambda x: (x[0] in kept, x[0]))
    summary.partitions = loaded.partitions
    summary.pruned = len(results.removed)
    totals = loaded.totals
    summary.total_articles = totals["articles"]
    summary.total_mentions = totals["event_mentions"]
    summary.total_events = totals["events"]
    summary.total_rejected = totals["rejected_articles"]
    summary.post_load = loaded.post_load
    summary.by_date = obs.count_by_date(results.articles, results.reused, previous, summary.rejected)
    obs.log_skips(obs.run_logger(), unchanged=summary.unchanged, out_of_range=summary.out_of_range,
                  duplicates=summary.duplicates, pruned=summary.pruned, start=extracted.start, end=extracted.end)
    if as_tasks:
        obs.publish_table(summary.by_date, extracted.source)
    return summary, loaded.index


# -- Dask: chunks travel as Arrow tables, never as Python rows or process pools ----------

# The Arrow form of ArticleRow, for rows that travel between machines.
ARTICLE_ROW_SCHEMA = pa.schema([T.ARTICLES.arrow_schema().field(n) for n in record_field_names(ArticleRow)])


@dataclass
class ArrowChunk:
    articles: pa.Table
    mentions: pa.Table
    rejected: list
    reused: set[str]
    outside: dict[str, str]
    files: int
    extractor_version: str

    def to_chunk(self, staging_file: Path, expected_version: str) -> ChunkResult:
        """Back on the flow's machine: stage the mentions, unpack the article rows."""
        if self.extractor_version != expected_version:
            # rows stamped with another version would defeat the incremental cache key
            raise RuntimeError(f"a Dask worker runs extractor {self.extractor_version}, this machine "
                               f"{expected_version}: install the same eventetl and rule files on the workers")
        if self.mentions.num_rows:
            write_staging(self.mentions, staging_file)
        return ChunkResult([ArticleRow(**r) for r in self.articles.to_pylist()], self.rejected, self.reused,
                           self.outside, self.files, self.mentions.num_rows)


def extract_chunk_on_worker(sources: list[Unit], start: date | None, end: date | None,
                            rules: RuleSet, known: frozenset[str]) -> ArrowChunk:
    outcomes = process_batch(sources, start, end, rules, known)
    articles = [o.article for o in outcomes if o.rejection is None and not o.out_of_range]
    mentions = [to_arrow(o.mentions, T.EVENT_MENTIONS) for o in outcomes
                if o.rejection is None and not o.out_of_range and not o.reused and o.mentions]
    return ArrowChunk(
        articles=pa.Table.from_pylist([a.to_dict() for a in articles], schema=ARTICLE_ROW_SCHEMA),
        mentions=pa.concat_tables(mentions) if mentions else T.EVENT_MENTIONS.arrow_schema().empty_table(),
        rejected=[o.rejection for o in outcomes if o.rejection is not None],
        reused={o.article.article_id for o in outcomes if o.reused},
        outside={o.uri: o.article.article_id for o in outcomes if o.out_of_range},
        files=len(sources),
        extractor_version=rules.version)


extract_chunk_remote = task(name="extract-chunk", cache_policy=NO_CACHE)(extract_chunk_on_worker)


def _staged_mentions(staging: Path):
    datasets: list = []  # listed once, on the first read: the staging files are final by then

    def read(published: date) -> pa.Table:
        if not datasets:
            if not staging.exists() or not any(staging.iterdir()):
                return T.EVENT_MENTIONS.arrow_schema().empty_table()
            datasets.append(pads.dataset(str(staging), format="parquet", schema=T.EVENT_MENTIONS.arrow_schema()))
        return datasets[0].to_table(filter=pads.field("published_date") == published)
    return read


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # not empty (another run's staging) or already gone
