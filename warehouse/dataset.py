"""Applying one run's results to the Parquet dataset, partition by partition.

A run owns the files it read: their old rows (wherever they lived) are replaced by
their new ones, or removed when a file is now rejected or now dated outside the run's
--start/--end. Rows of files the run did not read (other sources, dated folders outside
the window, files deleted since) are kept, and so are those of files it tried and failed
to read (an I/O or HTTP error, a file gone between listing and reading): a failure to
read says nothing about the content, and only --prune drops rows of files that are gone.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Callable, Iterable

import pyarrow as pa
import pyarrow.compute as pc

from eventetl.schemas import tables as T
from eventetl.schemas.records import ArticleRow, Rejection, source_order, to_arrow
from eventetl.warehouse.parquet_store import ParquetStore, conform


@dataclass
class RunResults:
    """Everything a run produced, before it touches the dataset.

    Articles are metadata rows (no body); mentions stay on disk in the run's staging
    Parquet files and are read one publication date at a time, so memory is bounded
    by the largest day, not by the run.
    """

    articles: list[ArticleRow] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    reused: set[str] = field(default_factory=set)  # article_ids whose stored rows are kept as they are
    removed: set[str] = field(default_factory=set)  # source_uris gone from the source (--prune): rows dropped
    outside: dict[str, str] = field(default_factory=dict)  # files read but dated outside the window: uri -> id
    mentions_on: Callable[[date], pa.Table] = lambda _d: T.EVENT_MENTIONS.arrow_schema().empty_table()


@dataclass
class AppliedPartition:
    published_date: date
    articles: pa.Table
    mentions: pa.Table
    sources: pa.Table | None = None  # article_sources rows of the date (None: unchanged)


# What a source says about an article besides its content: the name it was found under and
# what its JSON record said (all NULL for text files). An unchanged article found under
# another name or with other metadata keeps its rows and takes these values.
SOURCE_COLUMNS = ("source_uri", "source_url", "title", "outlet", "published_at")

INDEX_COLUMNS = ["article_id", "published_date", "ingested_at", "extractor_version", *SOURCE_COLUMNS]


@dataclass(frozen=True)
class ArticleIndex:
    """What a run looks up about the stored articles (which contents this extractor
    version already extracted, the name each file was stored under, when each content was
    first ingested, its source metadata), one table per publication date. Read once per
    run (`read`); each load returns the index after it (`ApplyResult.index`), so a
    backfill's dates never read it again."""

    by_date: dict[date, pa.Table]

    @classmethod
    def read(cls, store: ParquetStore) -> "ArticleIndex":
        return cls(dict(store.iter_partitions(T.ARTICLES, columns=INDEX_COLUMNS)))

    @cached_property
    def table(self) -> pa.Table:
        """Every date's rows, in date order (as a read of the dataset lists them)."""
        if not self.by_date:
            return T.ARTICLES.arrow_schema().empty_table().select(INDEX_COLUMNS)
        return pa.concat_tables([self.by_date[d] for d in sorted(self.by_date)])

    def extracted_by(self, extractor_version: str) -> frozenset[str]:
        """Contents this extractor version already extracted (their rows are reused)."""
        t = self.table
        return frozenset(i for i, v in zip(t.column("article_id").to_pylist(),
                                           t.column("extractor_version").to_pylist()) if v == extractor_version)

    def article_of_source(self) -> dict[str, str]:
        """source_uri -> article_id of the stored rows."""
        return dict(zip(self.table.column("source_uri").to_pylist(), self.table.column("article_id").to_pylist()))

    def with_dates(self, written: dict[date, pa.Table]) -> "ArticleIndex":
        """The index after `written` (date -> its whole new articles partition; empty:
        the partition is gone) replaced those dates."""
        by_date = {d: t for d, t in self.by_date.items() if d not in written}
        by_date.update((d, conform(t, T.ARTICLES, INDEX_COLUMNS)) for d, t in written.items() if t.num_rows)
        return ArticleIndex(by_date)


@dataclass
class ApplyResult:
    partitions: list[AppliedPartition]
    rejected: pa.Table
    n_articles: int
    n_duplicates: int
    n_mentions: int
    unreadable_kept: list[str] = field(default_factory=list)  # unreadable files whose earlier rows stay
    index: ArticleIndex | None = None  # the article index after this run


def source_index(store: ParquetStore) -> pa.Table:
    parts = [t for _, t in store.iter_partitions(T.ARTICLE_SOURCES)]
    return pa.concat_tables(parts) if parts else T.ARTICLE_SOURCES.arrow_schema().empty_table()


def apply_run(store: ParquetStore, results: RunResults, extractor_version: str,
              now: datetime, keep_tables: bool = True, index: ArticleIndex | None = None) -> ApplyResult:
    """Write the partitions the run changes, one date at a time in date order, then the
    rejected files. Within a date, mentions and sources are written before articles: the
    articles file is the commit point (a content listed there counts as extracted), so a
    run killed between the files loses nothing (`_publish`).

    keep_tables=False: the returned partitions carry their dates only (tables None), so
    memory is bounded by one day, not by the run (callers re-read a date from `store`).
    `index`: the article index as the run found the dataset (read here when not given).
    """
    before = index if index is not None else ArticleIndex.read(store)
    plan = _plan(store, results, before.table)
    partitions: list[AppliedPartition] = []
    written: dict[date, pa.Table] = {}
    n_mentions = 0
    for published in sorted(plan.affected):
        partition, n_new = _rebuild_partition(store, published, plan, results.mentions_on, extractor_version, now)
        _publish(store, partition)
        written[published] = partition.articles
        partitions.append(partition if keep_tables else AppliedPartition(published, None, None, None))
        n_mentions += n_new
    rejected = _merge_rejected(store, plan.rejections, plan.replaced_uris, now, extractor_version)
    store.write(T.REJECTED_ARTICLES, rejected)
    return ApplyResult(partitions, rejected, len(plan.chosen), plan.n_duplicates, n_mentions,
                       sorted(plan.kept_unreadable), before.with_dates(written))


@dataclass(frozen=True)
class _RunPlan:
    """What a run changes, decided from its results and the stored dataset before any write."""
    chosen: dict[str, ArticleRow]  # article_id -> the article (first source by sort order) that names it
    n_duplicates: int  # files or records of the run whose content another one already holds
    reused: set[str]  # chosen article_ids whose stored rows are kept
    fresh_ids: set[str]  # chosen article_ids extracted by this run
    replaced_uris: set[str]  # source_uris whose stored rows this run owns
    rejections: list[Rejection]  # rejections to store
    kept_unreadable: set[str]  # unreadable files whose earlier rows (or rejection) stay
    affected: set[date]  # publication dates whose partitions change
    first_ingested: dict[str, datetime]  # article_id -> stored ingested_at
    fresh_by_date: dict[date, list[ArticleRow]]  # the fresh chosen articles of each date
    files_by_date: dict[date, list[ArticleRow]]  # every in-range file or record, duplicates too


def _plan(store: ParquetStore, results: RunResults, index: pa.Table) -> _RunPlan:
    """Reads the dataset's sources and rejections; `index`: the stored articles' index table."""
    chosen = _first_by_content(results.articles)
    sources = source_index(store)
    stored_ids = dict(zip(sources.column("source_uri").to_pylist(), sources.column("article_id").to_pylist()))
    old_rejected = set(store.read(T.REJECTED_ARTICLES, columns=["source_uri"]).column("source_uri").to_pylist())
    kept_unreadable = {r.source_uri for r in results.rejected
                       if r.read_failed and (r.source_uri in stored_ids or r.source_uri in old_rejected)}
    rejections = [r for r in results.rejected if r.source_uri not in kept_unreadable]
    # A file now dated outside the window no longer holds what its rows say (unless unchanged).
    moved_out = {u for u, i in results.outside.items() if stored_ids.get(u) != i}
    replaced_uris = ({a.source_uri for a in results.articles} | {r.source_uri for r in rejections}
                     | results.removed | moved_out)
    reused = results.reused & set(chosen)
    fresh_ids = set(chosen) - reused
    return _RunPlan(
        chosen=chosen, n_duplicates=len(results.articles) - len(chosen), reused=reused, fresh_ids=fresh_ids,
        replaced_uris=replaced_uris, rejections=rejections, kept_unreadable=kept_unreadable,
        affected=_affected_dates(index, sources, results.articles, chosen, replaced_uris, fresh_ids, reused),
        first_ingested=dict(zip(index.column("article_id").to_pylist(), index.column("ingested_at").to_pylist())),
        fresh_by_date=_by_date(a for a in chosen.values() if a.article_id in fresh_ids),
        files_by_date=_by_date(results.articles))


def _first_by_content(articles: list[ArticleRow]) -> dict[str, ArticleRow]:
    """One article per content hash; the first URI by sort order (records by line) names it."""
    chosen: dict[str, ArticleRow] = {}
    for a in sorted(articles, key=lambda a: source_order(a.source_uri)):
        chosen.setdefault(a.article_id, a)
    return chosen


def _by_date(articles: Iterable[ArticleRow]) -> dict[date, list[ArticleRow]]:
    grouped: dict[date, list[ArticleRow]] = defaultdict(list)
    for a in articles:
        grouped[a.published_date].append(a)
    return grouped


def _affected_dates(index: pa.Table, sources: pa.Table, run_articles: list[ArticleRow],
                    chosen: dict[str, ArticleRow], replaced_uris: set[str], fresh_ids: set[str],
                    reused: set[str]) -> set[date]:
    """Dates the run writes: those of fresh contents, of stored rows it supersedes, of
    reused contents found under another name or metadata, and of changed source rows."""
    affected = {a.published_date for a in chosen.values() if a.article_id in fresh_ids}
    if index.num_rows:
        affected |= set(pc.filter(index.column("published_date"),
                                  _stale_mask(index, replaced_uris, fresh_ids, reused)).to_pylist())
    stored_source = dict(zip(index.column("article_id").to_pylist(), _rows_of(index, SOURCE_COLUMNS)))
    affected |= {a.published_date for a in chosen.values()
                 if a.article_id in reused and stored_source.get(a.article_id, _row(a)) != _row(a)}
    affected |= _sources_changed(sources, run_articles, replaced_uris)
    return affected


def _rebuild_partition(store: ParquetStore, published: date, plan: _RunPlan,
                       mentions_on: Callable[[date], pa.Table], extractor_version: str,
                       now: datetime) -> tuple[AppliedPartition, int]:
    """A date's new tables: its stored rows the run does not supersede, plus its fresh
    articles and their mentions (read from the run's staging files); and how many new
    mentions they hold. Reads only."""
    old_articles = store.read(T.ARTICLES, published)
    old_mentions = store.read(T.EVENT_MENTIONS, published)
    kept_articles = old_articles.filter(
        pc.invert(_stale_mask(old_articles, plan.replaced_uris, plan.fresh_ids, plan.reused)))
    kept_articles = _refresh_reused(kept_articles, plan.reused, plan.chosen)
    keep_ids = set(kept_articles.column("article_id").to_pylist())
    kept_mentions = old_mentions.filter(_mask_in(old_mentions, "article_id", keep_ids))

    fresh = plan.fresh_by_date.get(published, [])
    article_rows = [dict(a.to_dict(), ingested_at=plan.first_ingested.get(a.article_id) or now) for a in fresh]
    new_mentions = mentions_on(published) if fresh else T.EVENT_MENTIONS.arrow_schema().empty_table()
    new_mentions = _unique_mentions(new_mentions.filter(
        _mask_in(new_mentions, "article_id", {a.article_id for a in fresh})))
    articles_tbl = pa.concat_tables(
        [kept_articles, to_arrow(article_rows, T.ARTICLES, extractor_version=extractor_version)])
    mentions_tbl = pa.concat_tables([kept_mentions, conform(new_mentions, T.EVENT_MENTIONS)])
    articles_tbl = articles_tbl.sort_by([("source_uri", "ascending")])
    mentions_tbl = mentions_tbl.sort_by([("article_id", "ascending"), ("char_start", "ascending"),
                                         ("trigger_start", "ascending"), ("mention_id", "ascending")])
    sources_tbl = _sources_of(store.read(T.ARTICLE_SOURCES, published), articles_tbl,
                              plan.files_by_date.get(published, []), plan.replaced_uris)
    return AppliedPartition(published, articles_tbl, mentions_tbl, sources_tbl), new_mentions.num_rows


def _publish(store: ParquetStore, partition: AppliedPartition) -> None:
    """Write one date's files, mentions and sources before articles: the articles file is
    the partition's commit point (a content listed there counts as extracted), so a run
    killed between the files loses nothing."""
    store.write(T.EVENT_MENTIONS, partition.mentions, partition.published_date)
    store.write(T.ARTICLE_SOURCES, partition.sources, partition.published_date)
    store.write(T.ARTICLES, partition.articles, partition.published_date)


def _stale_mask(articles: pa.Table, replaced_uris: set[str], fresh_ids: set[str], reused: set[str]):
    """Rows this run supersedes: files it re-read (unless unchanged) and contents it re-extracted."""
    by_uri = pc.and_(_mask_in(articles, "source_uri", replaced_uris),
                     pc.invert(_mask_in(articles, "article_id", reused)))
    return pc.or_(by_uri, _mask_in(articles, "article_id", fresh_ids))


# An article_sources row as a tuple, for comparing what a run found with what is stored.
_SOURCE_ROW = ("article_id", *SOURCE_COLUMNS)


def _row(article: ArticleRow, columns: tuple[str, ...] = SOURCE_COLUMNS) -> tuple:
    return tuple(getattr(article, c) for c in columns)


def _rows_of(table: pa.Table, columns: tuple[str, ...]) -> list[tuple]:
    return list(zip(*(table.column(c).to_pylist() for c in columns))) if table.num_rows else []


def _sources_changed(stored: pa.Table, run_articles: list[ArticleRow], replaced_uris: set[str]) -> set[date]:
    """Dates whose article_sources rows the run changes: a file now recorded against an
    article it was not (or with other metadata), or no longer holding the article it was
    recorded against."""
    run_rows = {_row(a, _SOURCE_ROW): a.published_date for a in run_articles}
    stored_rows = _rows_of(stored, _SOURCE_ROW)
    known = set(stored_rows)
    changed = {d for row, d in run_rows.items() if row not in known}
    run_pairs = {(row[1], row[0]) for row in run_rows}
    changed |= {d for (i, u, *_), d in zip(stored_rows, stored.column("published_date").to_pylist())
                if u in replaced_uris and (u, i) not in run_pairs}
    return changed


def _sources_of(old: pa.Table, articles: pa.Table, run_files: list[ArticleRow], replaced_uris: set[str]) -> pa.Table:
    """A date's article_sources: files the run did not read keep their rows; every file
    or record the run read as one of the date's articles gets one; each row's article
    must exist."""
    primary = dict(zip(articles.column("article_id").to_pylist(), articles.column("source_uri").to_pylist()))
    rows = {r["source_uri"]: r for r in old.to_pylist() if r["source_uri"] not in replaced_uris}
    rows.update((a.source_uri, dict(zip(_SOURCE_ROW, _row(a, _SOURCE_ROW)))) for a in run_files)
    published = articles.column("published_date")[0].as_py() if articles.num_rows else None
    out = [{**r, "published_date": published, "is_primary": primary[r["article_id"]] == u}
           for u, r in sorted(rows.items(), key=lambda kv: source_order(kv[0])) if r["article_id"] in primary]
    return to_arrow(out, T.ARTICLE_SOURCES)


def _refresh_reused(articles: pa.Table, reused: set[str], chosen: dict[str, ArticleRow]) -> pa.Table:
    """An unchanged article found under a new name, or with new metadata, keeps its rows
    but takes the name and metadata of the source this run found it under."""
    if not reused or articles.num_rows == 0:
        return articles
    ids = articles.column("article_id").to_pylist()
    for name in SOURCE_COLUMNS:
        old = articles.column(name).to_pylist()
        new = [getattr(chosen[i], name) if i in reused and i in chosen else v for i, v in zip(ids, old)]
        if new != old:
            idx = articles.schema.get_field_index(name)
            field = articles.schema.field(idx)
            articles = articles.set_column(idx, field, pa.array(new, type=field.type))
    return articles


def _unique_mentions(mentions: pa.Table) -> pa.Table:
    """The same content under two names was extracted twice: keep one copy of each mention."""
    first: dict[str, int] = {}
    for i, mid in enumerate(mentions.column("mention_id").to_pylist()):
        first.setdefault(mid, i)
    if len(first) == mentions.num_rows:
        return mentions
    return mentions.take(sorted(first.values()))


def _merge_rejected(store: ParquetStore, rejections: list[Rejection], replaced_uris: set[str],
                    now: datetime, extractor_version: str) -> pa.Table:
    old = store.read(T.REJECTED_ARTICLES)
    kept = old.filter(pc.invert(_mask_in(old, "source_uri", replaced_uris))) if old.num_rows else old
    rows = [{"source_uri": r.source_uri, "reason": r.reason, "content_hash": r.content_hash,
             "detected_at": now} for r in rejections]
    new = to_arrow(rows, T.REJECTED_ARTICLES, extractor_version=extractor_version)
    return pa.concat_tables([kept, new]).sort_by([("source_uri", "ascending")])


def _mask_in(table: pa.Table, column: str, values: set) -> pa.ChunkedArray:
    if table.num_rows == 0:
        return pa.chunked_array([pa.array([], type=pa.bool_())])
    return pc.is_in(table.column(column), value_set=pa.array(sorted(values), type=table.schema.field(column).type))
