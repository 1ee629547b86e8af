"""What a run tells its operator: per-date counts, skip logs, a Prefect artifact, progress.

The counts are computed by a pure function (`count_by_date`) from the run's article
rows and the dataset's index as it was before the run; Prefect and rich are touched
only at the edges (`publish_table`, `cli_progress`).
"""
from __future__ import annotations

import logging
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from typing import Iterable, Iterator

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


def count_by_date(articles: Iterable[dict], reused: set[str], previous: dict[str, str],
                  n_rejected: int = 0) -> dict[str, DateCounts]:
    """Classify each in-range file against the dataset as it was before the run.

    `previous` maps source_uri -> article_id (content hash) of the stored rows;
    `reused` holds the article ids whose stored rows stay because this extractor
    version already extracted them.
    """
    out: dict[str, DateCounts] = defaultdict(DateCounts)
    for a in articles:
        c = out[a["published_date"].isoformat()]
        c.files += 1
        before = previous.get(a["source_uri"])
        if a["article_id"] in reused:
            c.unchanged += 1
        elif before is None:
            c.new += 1
        elif before != a["article_id"]:
            c.changed += 1
        else:
            c.reextracted += 1
        c.events += a.get("n_events") or 0
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
class _Progress:
    """Receives file counts from the run; the CLI installs a rich bar, otherwise nothing."""

    def __init__(self) -> None:
        self.bar = None
        self.task = None

    def start(self, total: int, label: str) -> None:
        if self.bar is not None:
            self.task = self.bar.add_task(label, total=total)

    def advance(self, n: int) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.advance(self.task, n)


PROGRESS = _Progress()


def progress_start(total: int, label: str = "extracting") -> None:
    PROGRESS.start(total, label)


def progress_advance(n: int) -> None:
    PROGRESS.advance(n)


@contextmanager
def cli_progress(enabled: bool = True) -> Iterator[None]:
    """Show a progress bar (stderr) for runs started from this process."""
    if not enabled:
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)
    PROGRESS.bar = bar
    try:
        with bar:
            yield
    finally:
        PROGRESS.bar, PROGRESS.task = None, None
