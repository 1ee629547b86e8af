"""Files of JSON article records: one file in, one unit of work per record out.

A JSON Lines file (`*.jsonl`, `*.ndjson`) holds one record per line; a JSON file
(`*.json`) one record or an array of them; each may be gzip-compressed (`*.gz`). The
run's main process reads such a file and hands each record to the extraction workers
as a ParsedArticle (or a Rejection), in batches, so one file of ten thousand records
is extracted by every worker, with only a chunk of records in memory at a time.

A record is named by its file and the line it starts on (`day.jsonl#L12`); a JSON file
holding a single object is the article itself. A record that cannot be read is a
Rejection naming its line and the reason, and the file's other records still load. A
file whose reading breaks off (a truncated gzip stream, a network error) is a
Rejection of the file itself; the records read before that still load, and the file
does not count as read (`RecordStats.files_read`), so rows of its other records are
kept rather than dropped as gone.
"""
from __future__ import annotations

import gzip
import io
import json
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO, Iterable, Iterator, Sequence

from eventetl.extractors.text.article import MAX_ARTICLE_BYTES, ArticleRejected, content_hash, decode_text
from eventetl.extractors.text.article_records import DEFAULT_FIELDS, RecordFields, parse_record, parse_record_line
from eventetl.flows.sources import RECORD_SUFFIXES, SourceFile, is_local, local_path
from eventetl.schemas.records import ParsedArticle, Rejection, record_file_of, record_uri

JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")
# A JSON document is parsed whole; collections bigger than this belong in JSON Lines.
MAX_JSON_DOCUMENT_BYTES = 256 * 1024 * 1024
_READ_SIZE = 1024 * 1024



def is_record_file(uri: str) -> bool:
    return uri.lower().endswith(RECORD_SUFFIXES)


@dataclass
class RecordStats:
    """What the record files of a run held."""

    record_files: int = 0
    records: int = 0                                       # records found (read or rejected)
    files_read: set[str] = field(default_factory=set)      # record files read to their end


def units_of(sources: Iterable[SourceFile], fields: RecordFields = DEFAULT_FIELDS,
             stats: RecordStats | None = None, max_bytes: int = MAX_ARTICLE_BYTES
             ) -> Iterator[SourceFile | ParsedArticle | Rejection]:
    """Text files as they are; each record file as its records, read lazily."""
    stats = stats if stats is not None else RecordStats()
    for source in sources:
        if is_record_file(source.uri):
            stats.record_files += 1
            yield from read_records(source, fields, stats, max_bytes)
        else:
            yield source


# Bytes a record usually takes (a news article of a few hundred words, with its metadata);
# compressed, about a third of that.
_RECORD_BYTES = 2000
_COMPRESSED_RECORD_BYTES = 700


def estimated_units(sources: Sequence[SourceFile]) -> int:
    """About how many articles the sources hold, before the record files are read: enough
    to decide whether starting worker processes pays (a file of unknown size counts as many)."""
    total = 0
    for source in sources:
        if not is_record_file(source.uri):
            total += 1
        elif source.size is None:
            total += 1000
        else:
            per = _COMPRESSED_RECORD_BYTES if source.uri.lower().endswith(".gz") else _RECORD_BYTES
            total += max(1, source.size // per)
    return total


def stale_records(stored: Iterable[tuple[str, date | None]], files_read: set[str], seen: set[str],
                  start: date | None = None, end: date | None = None) -> set[str]:
    """Stored rows (URI, publication date; None for rejections) that a record file read to
    its end this run no longer holds: a line deleted or moved, a rejection of the whole
    file or of a line now fixed. Records published outside the run's window are not judged."""
    out: set[str] = set()
    for uri, published in stored:
        if uri in seen or (record_file_of(uri) or uri) not in files_read:
            continue
        if published is not None and ((start and published < start) or (end and published > end)):
            continue
        out.add(uri)
    return out


def read_records(source: SourceFile, fields: RecordFields, stats: RecordStats,
                 max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[ParsedArticle | Rejection]:
    from eventetl.flows.extraction import unreadable

    if source.problem is not None:
        yield Rejection(source.uri, source.problem)
        return
    reader = _JsonLines(source.uri, fields, max_bytes) if _is_json_lines(source.uri) \
        else _JsonDocument(source.uri, fields, max_bytes)
    try:
        with _open(source.uri) as stream:
            for unit in reader.units(stream):
                stats.records += 1
                yield unit
    except _Unreadable as err:
        yield Rejection(source.uri, err.reason)
        return
    except (EOFError, zlib.error, gzip.BadGzipFile) as err:
        yield Rejection(source.uri, f"compressed data broken off or corrupted after line {reader.line} "
                                    f"({type(err).__name__}: {err}); the records before it were read")
        return
    except Exception as err:  # the file could not be read: the same reasons as a text file's
        yield Rejection(source.uri, unreadable(err) + (f" (after line {reader.line}; the records before it "
                                                       "were read)" if reader.line else ""), read_failed=True)
        return
    stats.files_read.add(source.uri)


def _is_json_lines(uri: str) -> bool:
    return uri.lower().removesuffix(".gz").endswith(JSON_LINES_SUFFIXES)


@contextmanager
def _open(uri: str) -> Iterator[BinaryIO]:
    """The file's bytes as a stream, decompressed when it ends in .gz. A local file is
    streamed; a remote one is fetched whole first (with the sources' retries)."""
    from eventetl.flows.sources import read_bytes
    raw: BinaryIO = open(local_path(uri), "rb") if is_local(uri) else io.BytesIO(read_bytes(uri))
    try:
        yield gzip.GzipFile(fileobj=raw, mode="rb") if uri.lower().endswith(".gz") else raw
    finally:
        raw.close()


class _JsonLines:
    """One record per line; blank lines are not records."""

    def __init__(self, uri: str, fields: RecordFields, max_bytes: int):
        self.uri, self.fields, self.max_bytes = uri, fields, max_bytes
        self.line = 0

    def units(self, stream: BinaryIO) -> Iterator[ParsedArticle | Rejection]:
        while True:
            raw = stream.readline(self.max_bytes + 1)
            if not raw:
                return
            self.line += 1
            uri = record_uri(self.uri, self.line)
            if len(raw) > self.max_bytes and not raw.endswith(b"\n"):
                size = len(raw) + _skip_line(stream)
                yield Rejection(uri, f"line {self.line}: record larger than the "
                                     f"{self.max_bytes / (1024 * 1024):g} MB limit ({size} bytes)")
                continue
            if self.line == 1 and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise _Unreadable("JSON Lines must be UTF-8 (the file starts with a UTF-16 byte-order mark)")
            if not raw.strip():
                continue
            try:
                yield parse_record_line(raw.rstrip(b"\r\n"), uri, self.fields, self.max_bytes)
            except ArticleRejected as err:
                yield Rejection(uri, f"line {self.line}: {err.reason}", content_hash(raw))


def _skip_line(stream: BinaryIO) -> int:
    """Read to the end of an overlong line without keeping it; returns the bytes skipped."""
    skipped = 0
    while True:
        chunk = stream.readline(_READ_SIZE)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


class _Unreadable(Exception):
    """A record file that cannot be read as records at all."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class _JsonDocument:
    """A JSON file: one record (the article is the file), or an array of records (each
    named by the line its element starts on). A syntax error ends the array there."""

    def __init__(self, uri: str, fields: RecordFields, max_bytes: int):
        self.uri, self.fields, self.max_bytes = uri, fields, max_bytes
        self.line = 0
        self.encoding = "utf-8"

    def units(self, stream: BinaryIO) -> Iterator[ParsedArticle | Rejection]:
        data = stream.read(MAX_JSON_DOCUMENT_BYTES + 1)
        if len(data) > MAX_JSON_DOCUMENT_BYTES:
            yield Rejection(self.uri, f"JSON file larger than {MAX_JSON_DOCUMENT_BYTES // (1024 * 1024)} MB: "
                                      "write big collections as JSON Lines (one record per line)")
            return
        try:
            text, self.encoding = decode_text(data)
        except ArticleRejected as err:
            yield Rejection(self.uri, err.reason, content_hash(data))
            return
        start = _skip_space(text, 0)
        if text.startswith("[", start):
            yield from self._array(text, start + 1)
            return
        self.line = 1
        try:
            value = json.loads(text)
        except json.JSONDecodeError as err:
            yield Rejection(self.uri, f"not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})",
                            content_hash(data))
            return
        try:
            yield parse_record(value, self.uri, self.fields, self.encoding, self.max_bytes)
        except ArticleRejected as err:
            yield Rejection(self.uri, err.reason, content_hash(data))

    def _array(self, text: str, pos: int) -> Iterator[ParsedArticle | Rejection]:
        decoder = json.JSONDecoder()
        counted, self.line = 0, 1
        while True:
            pos = _skip_space(text, pos)
            if text.startswith("]", pos):
                return
            self.line += text.count("\n", counted, pos)
            counted = pos
            uri = record_uri(self.uri, self.line)
            try:
                value, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as err:
                yield Rejection(uri, f"line {err.lineno}: not valid JSON ({err.msg}, column {err.colno}); "
                                     "the rest of the file could not be read")
                return
            try:
                yield parse_record(value, uri, self.fields, self.encoding, self.max_bytes)
            except ArticleRejected as err:
                yield Rejection(uri, f"line {self.line}: {err.reason}", content_hash(text[pos:end].encode()))
            pos = _skip_space(text, end)
            if text.startswith(",", pos):
                pos += 1
            elif not text.startswith("]", pos):
                self.line += text.count("\n", counted, pos)
                yield Rejection(record_uri(self.uri, self.line),
                                f"line {self.line}: not valid JSON (expected ',' or ']' after a record); "
                                "the rest of the file could not be read")
                return


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos
