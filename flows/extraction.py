"""Files to records: read, parse and extract a batch of article files.

Runs in worker processes when `workers > 1`: the pool ships file URIs in and plain
records out (never spaCy Docs, whose pickling costs more than the work).
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Iterable, Iterator, NoReturn, Sequence

from eventetl.extractors.text.article import ArticleRejected, MAX_ARTICLE_BYTES, content_hash, parse_article, too_large
from eventetl.extractors.ruleset.ruleset import SHIPPED, RuleSet
from eventetl.schemas.records import ArticleRow, EventMention, ParsedArticle, Rejection
from eventetl.flows.http_source import HTTPRefused
from eventetl.flows.sources import SourceFile, read_bytes

# A unit of extraction work: a text file to read, or a JSON record already read (eventetl.flows.record_files).
Unit = SourceFile | ParsedArticle | Rejection


@dataclass
class FileOutcome:
    """What became of one source file (the article body is dropped once extracted)."""

    uri: str
    article: ArticleRow | None = None
    mentions: list[EventMention] = field(default_factory=list)
    rejection: Rejection | None = None
    out_of_range: bool = False
    reused: bool = False                 # unchanged content already extracted by this extractor version
    duplicate: bool = False              # content this run already extracted under another name


def unreadable(err: Exception) -> str:
    """Why a file could not be read, in the words of `rejected_articles`."""
    if isinstance(err, FileNotFoundError):
        return "file vanished between listing and reading"
    if isinstance(err, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(err, HTTPRefused):
        return str(err)
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, OSError):
        return f"could not be read: {err.strerror or err}"
    return f"could not be read: {type(err).__name__}: {err}"


def read_and_parse(source: SourceFile, max_bytes: int = MAX_ARTICLE_BYTES) -> ParsedArticle | Rejection:
    """Every failure to read becomes a Rejection with its reason: one bad file never ends a run.

    Files over the limit are rejected from their listed size without being opened; when
    the size was not listed, reading stops one byte past the limit.
    """
    if source.problem is not None:
        return Rejection(source.uri, source.problem, read_failed=source.read_failed)
    if source.size is not None and source.size > max_bytes:
        return Rejection(source.uri, too_large(source.size, max_bytes))
    try:
        data = read_bytes(source.uri, limit=max_bytes)
    except Exception as err:  # remote sources fail in many ways once retries are spent
        return Rejection(source.uri, unreadable(err), read_failed=not isinstance(err, IsADirectoryError))
    if len(data) > max_bytes:
        return Rejection(source.uri, too_large(None, max_bytes))
    try:
        return parse_article(data, source.uri, max_bytes=max_bytes)
    except ArticleRejected as err:
        return Rejection(source.uri, err.reason, content_hash(data))


# Contents a process has extracted in this run (article id -> events), so a duplicate
# file is not extracted again; bounded, since duplicates tend to arrive close together.
EXTRACTED_MEMO_SIZE = 200_000


def process_batch(sources: Sequence[Unit], start: date | None, end: date | None,
                  rules: RuleSet = SHIPPED, known_ids: frozenset[str] = frozenset(),
                  extracted: dict[str, int] | None = None) -> list[FileOutcome]:
    """Parse every file, then extract events of the in-range articles not already known.

    A unit is a text file to read, or a JSON record the run's main process has already
    read (eventetl.flows.record_files). `known_ids` are contents the current extractor version has already extracted: their
    stored rows stay as they are (incremental runs). `extracted`, when given, remembers
    the contents extracted so far in this run: a file whose content hash is there (or
    earlier in the batch) is a duplicate, recorded without being extracted again (its
    events come with the other file). Without it every file is extracted (`extract`).
    """
    outcomes: list[FileOutcome] = []
    to_extract: list[ParsedArticle] = []
    batch_ids: set[str] = set()
    duplicates: list[FileOutcome] = []
    for src in sources:
        parsed = read_and_parse(src) if isinstance(src, SourceFile) else src
        if isinstance(parsed, Rejection):
            outcomes.append(FileOutcome(parsed.source_uri, rejection=parsed))
            continue
        in_range = (start is None or parsed.published_date >= start) and (end is None or parsed.published_date <= end)
        reused = in_range and parsed.article_id in known_ids
        outcome = FileOutcome(parsed.source_uri, article=ArticleRow.of(parsed), out_of_range=not in_range,
                              reused=reused)
        outcomes.append(outcome)
        if not in_range or reused:
            continue
        if extracted is not None and (parsed.article_id in batch_ids or parsed.article_id in extracted):
            outcome.duplicate = True
            duplicates.append(outcome)
            continue
        batch_ids.add(parsed.article_id)
        to_extract.append(parsed)
    by_uri = {o.uri: o for o in outcomes}
    failed: dict[str, Rejection] = {}
    for article, mentions in _extract_isolated(to_extract, rules):
        outcome = by_uri[article.source_uri]
        if isinstance(mentions, Rejection):
            outcome.article, outcome.rejection = None, mentions
            failed[article.article_id] = mentions
            continue
        outcome.mentions = list(mentions)
        outcome.article = replace(outcome.article, n_events=len(mentions))
        if extracted is not None:
            extracted[article.article_id] = len(outcome.mentions)
            if len(extracted) > EXTRACTED_MEMO_SIZE:
                del extracted[next(iter(extracted))]
    for outcome in duplicates:
        article_id = outcome.article.article_id
        if article_id in failed:  # the same content fails the same way
            outcome.rejection = Rejection(outcome.uri, failed[article_id].reason, article_id)
            outcome.article, outcome.duplicate = None, False
        else:
            outcome.article = replace(outcome.article, n_events=extracted.get(article_id, 0))
    return outcomes


def _extract_isolated(articles: list[ParsedArticle], rules: RuleSet):
    """Extract the batch; if the extractor raises, redo it one article at a time so only
    the article that triggers the bug is rejected (with the error, to be reported)."""
    from eventetl.extractors.extract import extract_articles

    try:
        return list(extract_articles(articles, rules=rules))
    except Exception:
        pass
    out, errors = [], []
    for article in articles:
        try:
            out.extend(extract_articles([article], rules=rules))
        except Exception as err:
            errors.append(err)
            out.append((article, Rejection(article.source_uri, f"extractor failed ({type(err).__name__}: {err}); "
                                           "this is a bug, please report it", article.article_id)))
    if len(errors) == len(articles) >= 3:
        # Not one article survives: the extractor is broken, not the input. Fail the run
        # rather than reject a whole source as bad files.
        raise RuntimeError(f"the extractor fails on every article ({type(errors[0]).__name__}: {errors[0]})") \
            from errors[0]
    return out


_WORKER_STATE: dict = {}


def _init_worker(known_ids: frozenset[str], skip_duplicates: bool = False) -> None:
    _WORKER_STATE["known_ids"] = known_ids
    _WORKER_STATE["extracted"] = {} if skip_duplicates else None
    # A worker forked from the command inherits its stop-signal handlers (eventetl.flows.interruptions):
    # here a SIGTERM just ends the worker, and Ctrl-C, which reaches the whole process group,
    # is left to the parent, which stops the workers itself. Neither prints a traceback.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.set_wakeup_fd(-1)  # the command's record of stop signals (eventetl.flows.interruptions) is not ours


def _process_batch_in_worker(args) -> list[FileOutcome]:
    batch, start, end, rules = args
    return process_batch(batch, start, end, rules, _WORKER_STATE.get("known_ids", frozenset()),
                         _WORKER_STATE.get("extracted"))


def user_rules(folder: str | None) -> RuleSet:
    """The shipped rules extended by a user's rules folder, every file of it read and the
    pipeline built now: a missing folder or a broken file ends the command with one line
    (RuleFileError naming the file) before any article is read, not as every article failing."""
    if not folder:
        return SHIPPED
    from eventetl.extractors.extract import load_rules
    return load_rules((folder,))


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


# Each worker spends a few seconds importing spaCy and building its pipeline: below this
# many files one process finishes first.
MIN_FILES_FOR_POOL = 200


def pool_size(n_files: int, workers: int) -> int:
    """How many processes are worth starting for `n_files` files."""
    return max(1, workers) if n_files >= MIN_FILES_FOR_POOL else 1


def batch_size_for(n_files: int, workers: int) -> int:
    """Files per batch sent to a worker: small enough that the last batches of a run
    (or of a flow chunk) leave no worker idle for long, large enough that shipping
    them costs nothing (10-100)."""
    return max(10, min(100, n_files // (16 * max(1, workers)) or 10))


def can_fork_warm() -> bool:
    """Forking copies only the calling thread: safe while no other Python thread (such as
    a Prefect engine's) may hold a lock the child would inherit held. The native pools
    that numpy and Arrow start on import reset themselves in a forked child. Linux only:
    macOS system libraries are not safe to use after a fork."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


class WorkerDied(RuntimeError):
    """An extraction worker process ended abruptly (killed, out of memory): the run stops
    with this error instead of waiting forever for the batch that worker held."""


class ExtractionPool:
    """Worker processes that live for a whole run, so each builds its pipeline once.

    With `warm_rules` and a process that runs a single thread (the `extract` command), the
    pipeline is built here once and the workers are forked from this warm process: they
    start at once and share its tables copy-on-write (3,000 articles: 1.6 s of start-up
    CPU less per worker). Otherwise (a threaded Prefect engine, where forking can
    deadlock) they are spawned and each builds its own. The set of already-extracted ids
    is sent once per worker, not once per batch. A worker that dies raises `WorkerDied`
    (a `multiprocessing.Pool` would wait for its batch forever). `skip_duplicates`: each
    process remembers the contents it extracted and does not extract them again (a run;
    `extract` prints every file's events).
    """

    def __init__(self, workers: int, known_ids: frozenset[str] = frozenset(),
                 warm_rules: RuleSet | None = None, skip_duplicates: bool = False):
        self.workers = workers
        self.known_ids = known_ids
        self.extracted: dict[str, int] | None = {} if skip_duplicates else None
        self.start_method = None
        self._pool: ProcessPoolExecutor | None = None
        if workers <= 1:
            return
        self.start_method = "fork" if warm_rules is not None and can_fork_warm() else "spawn"
        if self.start_method == "fork":
            from eventetl.extractors.extract import warm_up
            warm_up(warm_rules)
            # Objects made before the fork stay out of the collector's reach, so that
            # collections in a worker do not write to (and copy) the shared pages.
            gc.freeze()
        self._pool = ProcessPoolExecutor(workers, mp_context=mp.get_context(self.start_method),
                                         initializer=_init_worker, initargs=(known_ids, skip_duplicates))
        if self.start_method == "fork":
            # The executor forks all its workers at the first task: start them now, while
            # this process is still single-threaded and frozen.
            try:
                self._pool.submit(int).result()
            except BrokenProcessPool as err:
                self._died(err)
            finally:
                gc.unfreeze()  # the workers keep theirs frozen; this process collects as before

    def map(self, sources: Iterable[Unit], start: date | None, end: date | None,
            rules: RuleSet = SHIPPED, batch_size: int = 100) -> Iterable[list[FileOutcome]]:
        batches = batched(sources, batch_size)
        if self._pool is None:
            for batch in batches:
                yield process_batch(batch, start, end, rules, self.known_ids, self.extracted)
            return
        try:
            yield from self._pool.map(_process_batch_in_worker, ((b, start, end, rules) for b in batches))
        except BrokenProcessPool as err:
            self._died(err)

    def _died(self, err: BrokenProcessPool) -> NoReturn:
        self.terminate()
        raise WorkerDied("an extraction worker process died (killed, or out of memory?); "
                         "extraction stopped") from err

    def _kill_workers(self) -> None:
        """SIGKILL the workers left. After a worker's death the executor sends the others
        SIGTERM and then waits for them; a spawned worker still starting up was seen to
        outlive that and hold the run (and the interpreter's exit) forever."""
        processes = getattr(self._pool, "_processes", None) or {}  # Python 3.14: kill_workers()
        for process in list(processes.values()):
            if process.is_alive():
                process.kill()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def terminate(self) -> None:
        """Stop at once: queued batches are dropped and the workers killed (the run that
        called this is failing, nothing they would return is wanted)."""
        if self._pool is not None:
            self._kill_workers()  # first: shutting down forgets the processes
            # With its workers dead the executor's thread ends at once. Waiting for it
            # matters: left running into the interpreter's exit, its closing of a pipe
            # races with the exit's last write to it ("OSError: Bad file descriptor"
            # printed after the error line, seen once in a full test run).
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "ExtractionPool":
        return self

    def __exit__(self, exc_type, *_) -> None:
        self.terminate() if exc_type else self.close()


def process_files(sources: Iterable[Unit], start: date | None, end: date | None,
                  rules: RuleSet = SHIPPED, workers: int = 1, batch_size: int = 100,
                  known_ids: frozenset[str] = frozenset()) -> Iterable[list[FileOutcome]]:
    """Yield outcomes batch by batch, in the input order, using `workers` processes
    (forked from this one once it is warm, when that is safe)."""
    with ExtractionPool(workers, known_ids, warm_rules=rules) as pool:
        yield from pool.map(sources, start, end, rules, batch_size)


def batched(items: Iterable[Unit], n: int) -> Iterator[list[Unit]]:
    batch: list[Unit] = []
    for item in items:
        batch.append(item)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch
