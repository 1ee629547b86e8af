"""Backfills: load a range of publication dates, one partition at a time.

One process holds the data-dir lock for the whole backfill (a single writer). Dates
are extracted `concurrency` at a time - each date discovers its own files (dated
folders outside it are never listed) and sends batches to one shared pool of
`concurrency` worker processes - while loads run one after another in date order in
this thread. A date that fails (its folder unreachable, a bad load) is recorded and
the others go on; the report lists the failures.
"""
from __future__ import annotations

import shutil
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterator

from prefect import flow

from extractors.version import extractor_version
from flows import observability as obs
from flows.extraction import ExtractionPool
from flows.ingest import RunPaths, extract_run, known_ids, load_run, new_staging, prepare_run
from flows.run_lock import exclusive_run


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

    @property
    def failed(self) -> list[DateResult]:
        return [d for d in self.dates if not d.ok]

    def to_dict(self) -> dict:
        return {"source": self.source, "seconds": self.seconds,
                "dates": [{**d.__dict__, "day": d.day.isoformat()} for d in self.dates],
                "failed": [d.day.isoformat() for d in self.failed]}


def days(start: date, end: date) -> Iterator[date]:
    if start > end:
        raise ValueError(f"start {start} is after end {end}")
    d = start
    while d <= end:
        yield d
        d += timedelta(days=1)


def run_backfill(source: str, data_dir: str, start: date, end: date, concurrency: int = 2,
                 rules_dir: str | None = None, warehouse: str | None = None, prune: bool = False,
                 as_tasks: bool = False) -> BackfillReport:
    t0 = time.perf_counter()
    dates = list(days(start, end))
    concurrency = max(1, min(concurrency, len(dates)))
    paths = RunPaths.resolve(data_dir, warehouse)
    rules_dirs = (rules_dir,) if rules_dir else ()
    version = extractor_version(rules_dir)
    report = BackfillReport(source)
    logger = obs.run_logger()
    with exclusive_run(paths.local_dir):
        prepare_run(paths)
        known = known_ids(paths, version)
        # One pool for all dates; with concurrency 1 it runs in this process.
        with ExtractionPool(concurrency, known) as pool, ThreadPoolExecutor(concurrency) as threads:
            def extract(day: date):
                return extract_run(source, day, day, rules_dirs, new_staging(paths), as_tasks=False,
                                   known=known, pool=pool)
            futures: list[tuple[date, Future]] = [(d, threads.submit(extract, d)) for d in dates]
            for day, future in futures:  # loads in date order, one at a time
                report.dates.append(_load_date(paths, day, future, version, prune, as_tasks, logger))
        shutil.rmtree(paths.local_dir / "_staging", ignore_errors=True)  # the lock is still ours
    report.seconds = round(time.perf_counter() - t0, 2)
    return report


def _load_date(paths: RunPaths, day: date, future: Future, version: str, prune: bool, as_tasks: bool,
               logger) -> DateResult:
    extracted = None
    try:
        extracted = future.result()
        s = load_run(paths, extracted, version, prune, as_tasks)
        logger.info("%s: %d files, %d articles (%d unchanged), %d rejected, %d new event mentions",
                    day, s["files_seen"], s["articles"], s["unchanged"], s["rejected"], s["new_mentions"])
        return DateResult(day, True, s["files_seen"], s["articles"], s["unchanged"], s["rejected"],
                          s["new_mentions"])
    except Exception as err:  # one bad date must not stop the others
        logger.error("%s failed: %s: %s", day, type(err).__name__, err)
        return DateResult(day, False, error=f"{type(err).__name__}: {err}")
    finally:
        if extracted is not None:
            shutil.rmtree(extracted.staging, ignore_errors=True)


@flow(name="eventetl-backfill", log_prints=True)
def backfill_flow(source: str, data_dir: str, start: date, end: date, concurrency: int = 2,
                  rules_dir: str | None = None, warehouse: str | None = None, prune: bool = False) -> dict:
    """Load every publication date of [start, end]; failed dates are listed, not fatal."""
    return run_backfill(source, data_dir, start, end, concurrency, rules_dir, warehouse, prune,
                        as_tasks=True).to_dict()
