"""What a run tells its operator: per-date counts, skip logs, a Prefect artifact, progress.

The counts are computed by a pure function (`count_by_date`) from the run's article
rows and the dataset's index as it was before the run; Prefect and rich are touched
only at the edges (`publish_table`, `cli_progress`, `progress_artifact`).
"""
from __future__ import annotations

import itertools
import logging
import threading
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:  # the CLI imports this module before anything heavy
    from eventetl.schemas.records import ArticleRow

UNDATED = "undated"  # rejected files have no publication date


@dataclass
class DateCounts:
    files: int = 0        # in-range files read for this date (rejected: files without a date)
    new: int = 0          # a path never seen before
    changed: int = 0      # a known path with new content
    unchanged: int = 0    # same content, same extractor version: rows kept, not re-extracted
    reextracted: int = 0  # same content, new extractor version (rules changed)
    rejected: int = 0
    events: int = 0       # event mentions extracted in this run


def count_by_date(articles: Iterable[ArticleRow], reused: set[str], previous: dict[str, str],
                  n_rejected: int = 0) -> dict[str, DateCounts]:
    """Classify each in-range file against the dataset as it was before the run.

    `previous` maps source_uri -> article_id (content hash) of the stored rows;
    `reused` holds the article ids whose stored rows stay because this extractor
    version already extracted them.
    """
    out: dict[str, DateCounts] = defaultdict(DateCounts)
    for a in articles:
        c = out[a.published_date.isoformat()]
        c.files += 1
        before = previous.get(a.source_uri)
        if a.article_id in reused:
            c.unchanged += 1
        elif before is None:
            c.new += 1
        elif before != a.article_id:
            c.changed += 1
        else:
            c.reextracted += 1
        c.events += a.n_events
    if n_rejected:
        out[UNDATED].files += n_rejected
        out[UNDATED].rejected += n_rejected
    return dict(sorted(out.items()))


def table_rows(by_date: dict[str, DateCounts]) -> list[dict]:
    return [{"date": d, **asdict(c)} for d, c in by_date.items()]


def run_logger() -> logging.Logger | logging.LoggerAdapter:
    """Prefect's run logger inside a flow or task (so the UI shows it), else a plain one."""
    try:
        from prefect import get_run_logger
        from prefect.exceptions import MissingContextError
        try:
            return get_run_logger()
        except MissingContextError:
            pass
    except ImportError:
        pass
    return logging.getLogger("eventetl")


def log_skips(logger, *, unchanged: int, out_of_range: int, duplicates: int, pruned: int,
              start: date | None, end: date | None) -> None:
    """Say what the run did not (re)do, and why."""
    if unchanged:
        logger.info("skipped %d unchanged files: same content already extracted by this extractor "
                    "version (rows and ingested_at kept)", unchanged)
    if out_of_range:
        logger.info("skipped %d files published outside %s..%s", out_of_range, start or "*", end or "*")
    if duplicates:
        logger.info("skipped %d duplicate files: their content is stored under another name", duplicates)
    if pruned:
        logger.info("pruned the rows of %d files no longer in the source (--prune)", pruned)


def publish_table(by_date: dict[str, DateCounts], source: str, key: str = "eventetl-run") -> None:
    """A Prefect table artifact for the current flow run (no-op outside one)."""
    from prefect.context import FlowRunContext
    if FlowRunContext.get() is None:
        return
    from prefect.artifacts import create_table_artifact
    rows = table_rows(by_date) or [{"date": "-", **asdict(DateCounts())}]
    create_table_artifact(table=rows, key=key,
                          description=f"Files per publication date for `{source}`: seen, new, changed, "
                                      "unchanged (not re-extracted), re-extracted, rejected, events.")


# -- progress -----------------------------------------------------------------------------
# The run reports what it is doing to whichever sinks are installed: the CLI's bar (a
# terminal) or log lines (cron, CI, --verbose), and a Prefect progress artifact inside a
# flow run. Without a sink (tests, library calls) reporting costs nothing.

class _Sink:
    def phase(self, label: str) -> None: ...
    def job_started(self, job: int, label: str, total: int) -> None: ...
    def job_advanced(self, job: int, n: int) -> None: ...
    def job_resized(self, job: int, total: int) -> None: ...
    def chunk_done(self, job: int, done: int, total: int) -> None: ...


_SINKS: list[_Sink] = []
_JOBS = itertools.count(1)


def phase(label: str) -> None:
    """A new phase of the run begins (every phase is labelled, so nothing sits silent)."""
    for sink in list(_SINKS):
        sink.phase(label)


def job_start(label: str, total: int) -> int:
    """A counted piece of work (files to extract) begins; returns its handle."""
    job = next(_JOBS)
    for sink in list(_SINKS):
        sink.job_started(job, label, total)
    return job


def job_advance(job: int | None, n: int) -> None:
    """`n` more items of the job are done (per batch: the bar moves)."""
    if job is not None:
        for sink in list(_SINKS):
            sink.job_advanced(job, n)


def job_total(job: int | None, total: int) -> None:
    """The job holds `total` items after all (a file of JSON records is as many as its records)."""
    if job is not None:
        for sink in list(_SINKS):
            sink.job_resized(job, total)


def chunk_done(job: int | None, done: int, total: int) -> None:
    """A chunk of the job is finished: `done` of `total` items (log lines, the artifact)."""
    if job is not None:
        for sink in list(_SINKS):
            sink.chunk_done(job, done, total)


@contextmanager
def reporting_to(sink: _Sink) -> Iterator[_Sink]:
    _SINKS.append(sink)
    try:
        yield sink
    finally:
        _SINKS.remove(sink)


class _BarSink(_Sink):
    """A terminal: a spinner with the current phase, a bar per job."""

    def __init__(self, bar) -> None:
        self.bar = bar
        self.phase_task = None
        self.tasks: dict[int, int] = {}

    def phase(self, label: str) -> None:
        finished = {t.id for t in self.bar.tasks if t.finished}
        for job, task in list(self.tasks.items()):  # finished jobs make way for the phase
            if task in finished:
                self.bar.remove_task(task)
                del self.tasks[job]
        if self.phase_task is None:
            self.phase_task = self.bar.add_task(label, total=None)
        else:
            self.bar.update(self.phase_task, description=label)

    def job_started(self, job: int, label: str, total: int) -> None:
        self.tasks[job] = self.bar.add_task(label, total=total)

    def job_advanced(self, job: int, n: int) -> None:
        if job in self.tasks:
            self.bar.advance(self.tasks[job], n)

    def job_resized(self, job: int, total: int) -> None:
        if job in self.tasks:
            self.bar.update(self.tasks[job], total=total)


class _LineSink(_Sink):
    """Not a terminal: one line per phase and per chunk, with the time, on stderr."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.labels: dict[int, str] = {}

    def _line(self, text: str) -> None:
        self.stream.write(f"{datetime.now():%H:%M:%S} {text}\n")
        self.stream.flush()

    def phase(self, label: str) -> None:
        self._line(label)

    def job_started(self, job: int, label: str, total: int) -> None:
        self.labels[job] = label
        self._line(f"{label}: {total} to do")

    def chunk_done(self, job: int, done: int, total: int) -> None:
        self._line(f"{self.labels.get(job, 'progress')}: {done}/{total} done")


@contextmanager
def cli_progress(terminal: bool | None = None) -> Iterator[None]:
    """Report the run on stderr: a live bar on a terminal, else log lines.

    `terminal=None` asks stderr; False forces lines (--verbose: they interleave with logs).
    """
    import sys
    if terminal is None:
        terminal = sys.stderr.isatty()
    if not terminal:
        with reporting_to(_LineSink(sys.stderr)):
            yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=Console(stderr=True), transient=True)
    with bar, reporting_to(_BarSink(bar)):
        yield


class _ArtifactSink(_Sink):
    """A Prefect progress artifact of the flow run: share of the files extracted, and the
    current phase in its description; updated per chunk and per phase, from the flow's
    thread (threads of a backfill only record their counts)."""

    def __init__(self, key: str) -> None:
        from prefect.artifacts import create_progress_artifact
        self.owner = threading.get_ident()
        self.jobs: dict[int, tuple[int, int]] = {}
        self.label = "starting"
        self.sent: tuple[float, str] | None = None
        self.id = create_progress_artifact(0.0, key=key, description=self.description())

    def progress(self) -> float:
        total = sum(t for _, t in self.jobs.values())
        return round(100.0 * sum(d for d, _ in self.jobs.values()) / total, 1) if total else 0.0

    def description(self) -> str:
        done, total = sum(d for d, _ in self.jobs.values()), sum(t for _, t in self.jobs.values())
        return f"{done}/{total} files extracted; {self.label}"

    def flush(self) -> None:
        if threading.get_ident() != self.owner:
            return
        now = (self.progress(), self.description())
        if now == self.sent:
            return
        try:
            from prefect.artifacts import update_progress_artifact
            update_progress_artifact(self.id, now[0], description=now[1])
            self.sent = now
        except Exception as err:  # progress is a courtesy: it never fails a run
            logging.getLogger("eventetl").debug("progress artifact not updated: %s", err)

    def phase(self, label: str) -> None:
        self.label = label
        self.flush()

    def job_started(self, job: int, label: str, total: int) -> None:
        self.jobs[job] = (0, total)
        self.flush()

    def job_resized(self, job: int, total: int) -> None:
        self.jobs[job] = (self.jobs.get(job, (0, 0))[0], total)

    def chunk_done(self, job: int, done: int, total: int) -> None:
        self.jobs[job] = (done, total)
        self.flush()


@contextmanager
def progress_artifact(key: str = "eventetl-progress") -> Iterator[None]:
    """Inside a flow run: keep a progress artifact of the run up to date (else nothing)."""
    from prefect.context import FlowRunContext
    if FlowRunContext.get() is None:
        yield
        return
    try:
        sink = _ArtifactSink(key)
    except Exception as err:
        logging.getLogger("eventetl").debug("no progress artifact: %s", err)
        yield
        return
    with reporting_to(sink):
        try:
            yield
        except BaseException:
            sink.phase("failed")
            raise
        sink.phase("finished")
