"""Backfills: load a range of publication dates, one partition at a time.

One process holds the data-dir lock for the whole backfill (a single writer). Dates
are extracted `workers` at a time - each date discovers its own files (dated folders
outside it are never listed) and sends batches to one shared pool of `workers` worker
processes - while loads run one after another in date order in this thread. A date that
fails (its folder unreachable, a bad load) is recorded and the others go on; the report
lists the failures. In a flow, each date is a task run (`load 2024-01-03`): a transient
source error is retried after a delay, a date that still fails stays a Failed task run,
and the flow run ends Failed (BackfillFailed carries the report).
"""
from __future__ import annotations

import shutil
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Iterator

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from eventetl.extractors.ruleset.ruleset import RuleSet
from eventetl.flows import observability as obs
from eventetl.flows.extraction import ExtractionPool, user_rules
from eventetl.flows.ingest import (Extraction, RunPaths, RunSummary, SourceRetries, extract_run, finish_deferred_load,
                                   load_run, new_staging, prepare_run, transient_source_error)
from eventetl.flows.run_lock import exclusive_run
from eventetl.warehouse.dataset import ArticleIndex
from eventetl.warehouse.parquet_store import ParquetStore
from eventetl.warehouse.post_load import PostLoad


@dataclass
class DateResult:
    day: date
    ok: bool
    files: int = 0
    articles: int = 0
    unchanged: int = 0
    rejected: int = 0
    new_mentions: int = 0
    error: str = ""


@dataclass
class BackfillReport:
    source: str
    dates: list[DateResult] = field(default_factory=list)
    seconds: float = 0.0
    post_load: PostLoad | None = None  # models, data tests, serving copy: once, after the last date

    @property
    def failed(self) -> list[DateResult]:
        return [d for d in self.dates if not d.ok]

    def to_dict(self) -> dict:
        """The report as `backfill --json` prints it."""
        return {"source": self.source, "seconds": self.seconds,
                "dates": [{**d.__dict__, "day": d.day.isoformat()} for d in self.dates],
                "failed": [d.day.isoformat() for d in self.failed],
                "post_load": self.post_load.as_dict() if self.post_load is not None else {}}


class BackfillFailed(RuntimeError):
    """Some dates failed: the flow run ends Failed; `report` still lists every date."""

    def __init__(self, report: BackfillReport):
        failed = [d.day.isoformat() for d in report.failed]
        super().__init__(f"{len(failed)} of {len(report.dates)} dates failed: {', '.join(failed)}")
        self.report = report

    def __reduce__(self):  # pickled (a Prefect result) with its report, not its message
        return type(self), (self.report,)


def days(start: date, end: date) -> Iterator[date]:
    if start > end:
        raise ValueError(f"start {start} is after end {end}")
    d = start
    while d <= end:
        yield d
        d += timedelta(days=1)


def run_backfill(source: str, data_dir: str, start: date, end: date, workers: int = 2,
                 rules_dir: str | None = None, warehouse: str | None = None, prune: bool = False,
                 as_tasks: bool = False, retry: SourceRetries = SourceRetries(),
                 fields: dict[str, list[str]] | None = None) -> BackfillReport:
    t0 = time.perf_counter()
    dates = list(days(start, end))
    workers = max(1, min(workers, len(dates)))
    paths = RunPaths.resolve(data_dir, warehouse)
    rules = user_rules(rules_dir)
    report = BackfillReport(source)
    logger = obs.run_logger()
    load = _load_task(retry) if as_tasks else load_date_fn
    with exclusive_run(paths.local_dir):
        prepare_run(paths)
        # read once; each date's load returns it as that load left the dataset
        index: ArticleIndex | None = ArticleIndex.read(ParquetStore(paths.parquet_root))
        known = index.extracted_by(rules.version)
        # One pool for all dates; with one worker it runs in this process.
        with ExtractionPool(workers, known, skip_duplicates=True) as pool, ThreadPoolExecutor(workers) as threads:
            def extract(day: date) -> Extraction:
                return extract_run(source, day, day, rules, new_staging(paths), as_tasks=False,
                                   known=known, pool=pool, fields=fields)
            jobs = [DateJob(d, threads.submit(extract, d), extract) for d in dates]
            for n, job in enumerate(jobs, 1):  # loads in date order, one at a time
                obs.phase(f"loading {job.day} ({n}/{len(jobs)} dates)")
                job.index = index
                result, index = _outcome(job, load, paths, rules, prune, as_tasks, logger)
                report.dates.append(result)
        if any(d.ok for d in report.dates):
            obs.phase("after the last date: models, data tests, serving copy")
            report.post_load = finish_deferred_load(paths, rules)
        shutil.rmtree(paths.local_dir / "_staging", ignore_errors=True)  # the lock is still ours
    report.seconds = round(time.perf_counter() - t0, 2)
    return report


@dataclass
class DateJob:
    """One date of a backfill: its extraction, started in a thread; a retry extracts again."""

    day: date
    future: Future | None
    extract: Callable[[date], Extraction]
    index: ArticleIndex | None = None  # the article index the previous date's load left

    def extraction(self) -> Extraction:
        if self.future is not None:
            future, self.future = self.future, None
            return future.result()
        return self.extract(self.day)

    def article_index(self) -> ArticleIndex | None:
        """The index handed over, once: a retry after a failed try (which may have written
        some partitions) reads the dataset again."""
        index, self.index = self.index, None
        return index


def load_date_fn(day: date, job: DateJob, paths: RunPaths, rules: RuleSet, prune: bool,
                 as_tasks: bool) -> tuple[RunSummary, ArticleIndex]:
    """Extract (or take the extraction of) one date and load it; raises when it fails."""
    extracted = job.extraction()
    try:
        return load_run(paths, extracted, rules, prune, as_tasks, post_load=False, index=job.article_index())
    finally:
        shutil.rmtree(extracted.staging, ignore_errors=True)


def _load_task(retry: SourceRetries):
    load = task(name="load-date", task_run_name="load {day}", cache_policy=NO_CACHE)(load_date_fn)
    if not retry.retries:
        return load
    return load.with_options(retries=retry.retries, retry_delay_seconds=retry.delay_seconds,
                             retry_condition_fn=transient_source_error)


def _outcome(job: DateJob, load, paths: RunPaths, rules: RuleSet, prune: bool, as_tasks: bool,
             logger) -> tuple[DateResult, ArticleIndex | None]:
    """The date's result and the article index after it (None after a failure, which may
    have written part of the date: the next date reads the dataset again)."""
    day = job.day
    try:
        s, index = load(day, job, paths, rules, prune, as_tasks)
    except Exception as err:  # one bad date must not stop the others
        logger.error("%s failed: %s: %s", day, type(err).__name__, err)
        return DateResult(day, False, error=f"{type(err).__name__}: {err}"), None
    logger.info("%s: %d files, %d articles (%d unchanged), %d rejected, %d new event mentions",
                day, s.files_seen, s.articles, s.unchanged, s.rejected, s.new_mentions)
    return DateResult(day, True, s.files_seen, s.articles, s.unchanged, s.rejected, s.new_mentions), index


RETRIES = 2
RETRY_DELAY_SECONDS = 60.0


@flow(name="eventetl-backfill", log_prints=True)
def backfill_flow(source: str, data_dir: str, start: date, end: date, workers: int = 2,
                  rules_dir: str | None = None, warehouse: str | None = None, prune: bool = False,
                  retries: int = RETRIES, retry_delay_seconds: float = RETRY_DELAY_SECONDS,
                  fields: dict[str, list[str]] | None = None) -> BackfillReport:
    """Load every publication date of [start, end]. A date whose source fails in a way
    waiting may fix is retried `retries` times, `retry_delay_seconds` apart; dates that
    still fail do not stop the others, stay Failed task runs, and fail the flow run
    (BackfillFailed, carrying the report of every date). `fields`: JSON record keys, as
    for ingest_flow."""
    with obs.progress_artifact():
        report = run_backfill(source, data_dir, start, end, workers, rules_dir, warehouse, prune,
                              as_tasks=True, retry=SourceRetries(retries, retry_delay_seconds), fields=fields)
    if report.failed:
        raise BackfillFailed(report)
    return report
