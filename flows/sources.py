"""Finding article files under a source: a local folder, a manifest, or any fsspec URL.

Discovery streams (a generator), never follows symlinked folders (loops), and only
yields paths inside the source root, so no listing or manifest can lead outside it.
Every URI is canonical (`canonical_source`): a folder spelled relatively, absolutely or
through a symlink, or a URL with another case, port spelling or `..`, is one source
with one set of file names, whatever the working directory.

Date-organised sources (`YYYY/MM/DD/*.txt`, `YYYY-MM-DD/*.txt`, at any depth) let a
date window skip whole folders without listing them. Remote listings and reads are
retried with exponential backoff; a source that stays unreachable raises SourceError.
S3 endpoints come from the environment (`AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL`,
which botocore reads), so worker processes and Dask workers see the same setting.
"""
from __future__ import annotations

import calendar
import logging
import errno
import os
import posixpath
import re
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from stat import S_ISREG
from typing import Callable, Iterable, Iterator, Sequence, TypeVar
from urllib.parse import quote, unquote, urljoin, urlsplit

import fsspec

from eventetl.flows import http_source

# Text files, and files of JSON article records (JSON Lines, JSON; gzip too: eventetl.flows.record_files).
RECORD_SUFFIXES = tuple(s + gz for s in (".jsonl", ".ndjson", ".json") for gz in ("", ".gz"))
ARTICLE_SUFFIXES = (".txt", *RECORD_SUFFIXES)
# A source whose name ends like this is a list of article locations, one per line.
MANIFEST_SUFFIXES = (".manifest", ".lst")
MANIFEST_NAMES = ("manifest.txt", "manifest")

log = logging.getLogger("eventetl.sources")
T = TypeVar("T")


class SourceError(RuntimeError):
    """The source itself cannot be used (missing, unreachable): the run fails."""


@dataclass(frozen=True)
class SourceFile:
    uri: str
    size: int | None = None
    problem: str | None = None  # why the file cannot be read, found while listing (a rejection reason)
    read_failed: bool = False   # the problem is reading (I/O, a folder that cannot be listed), not the content


def canonical_source(source: str) -> str:
    """The one spelling of a source (see the module docstring): a local folder or file by
    its real absolute path (a local manifest: its folder's real path), an http(s) URL
    normalised (`http_source.canonical_url`), folders ending in '/'; other URLs as given."""
    if is_local(source):
        path = os.path.abspath(local_path(source))
        if is_manifest(source) or os.path.isfile(path):
            return canonical_file(path)
        return os.path.realpath(path)
    if http_source.is_http(source):
        return http_source.canonical_url(source if is_manifest(source) else _http_folder(source))
    return source


def canonical_file(path: str | Path) -> str:
    """A file's real folder and its own name: a symlinked file keeps its name."""
    path = os.path.abspath(path)
    return os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))


def is_local(source: str) -> bool:
    return "://" not in source or source.startswith("file://")


def local_path(source: str) -> Path:
    return Path(source[len("file://"):] if source.startswith("file://") else source)


def is_manifest(source: str) -> bool:
    name = source.rstrip("/").rsplit("/", 1)[-1].lower()
    return name.endswith(MANIFEST_SUFFIXES) or name in MANIFEST_NAMES


# -- date-organised folders -------------------------------------------------------------
_DAY = re.compile(r"\A([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_YEAR = re.compile(r"\A(1[89][0-9][0-9]|2[0-9][0-9][0-9])\Z")
_TWO = re.compile(r"\A[0-9]{2}\Z")


def folder_span(parts: Sequence[str]) -> tuple[date, date] | None:
    """The publication days a folder can hold, judged from its path below the source root.

    `2024-01-05` -> that day; `2024/01/05` -> that day; `2024/01` -> January; `2024` -> the
    year. Anything else (or an impossible date) -> None: the folder is not dated.
    """
    parts = [p for p in parts if p]
    if not parts:
        return None
    try:
        m = _DAY.match(parts[-1])
        if m:
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if len(parts) >= 3 and _YEAR.match(parts[-3]) and _TWO.match(parts[-2]) and _TWO.match(parts[-1]):
            d = date(int(parts[-3]), int(parts[-2]), int(parts[-1]))
            return d, d
        if len(parts) >= 2 and _YEAR.match(parts[-2]) and _TWO.match(parts[-1]):
            y, mo = int(parts[-2]), int(parts[-1])
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        if _YEAR.match(parts[-1]):
            y = int(parts[-1])
            return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None
    return None


def outside_window(parts: Sequence[str], start: date | None, end: date | None) -> bool:
    """True when a dated folder cannot hold any day of [start, end]."""
    if start is None and end is None:
        return False
    span = folder_span(parts)
    if span is None:
        return False
    first, last = span
    return (end is not None and first > end) or (start is not None and last < start)


# -- retries ------------------------------------------------------------------------------
# Errors that retrying cannot fix; everything else from a network stack counts as transient.
_PERMANENT = (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError, ValueError, TypeError)


def _permanent(err: Exception) -> bool:
    return isinstance(err, _PERMANENT) or getattr(err, "transient", True) is False


def retry_settings() -> tuple[int, float]:
    """(attempts, first delay in seconds): EVENTETL_RETRIES / EVENTETL_RETRY_DELAY."""
    return max(1, int(os.environ.get("EVENTETL_RETRIES", "4"))), float(os.environ.get("EVENTETL_RETRY_DELAY", "0.5"))


def with_retries(action: Callable[[], T], what: str) -> T:
    attempts, delay = retry_settings()
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except Exception as err:  # httpx, botocore and socket errors share no base class
            if attempt == attempts or _permanent(err):
                raise
            log.warning("%s failed (%s: %s); retry %d/%d in %.1f s", what, type(err).__name__, err,
                        attempt, attempts - 1, delay)
            time.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")


def is_transient(err: BaseException) -> bool:
    """A source failure that a later attempt may not meet (a network error, a server's
    5xx), as opposed to a missing or forbidden path, which waiting does not fix."""
    if isinstance(err, SourceError):
        return isinstance(err.__cause__, Exception) and not _permanent(err.__cause__)
    return isinstance(err, (ConnectionError, TimeoutError))


# -- discovery ----------------------------------------------------------------------------
def discover(source: str, suffixes: tuple[str, ...] = ARTICLE_SUFFIXES, start: date | None = None,
             end: date | None = None, hidden: list[str] | None = None) -> Iterator[SourceFile]:
    """Yield the article files under `source` (canonical URIs), sorted within each folder.

    `start`/`end` only prune dated folders; files in undated folders are all yielded
    (their publication date is known once they are parsed). Hidden entries (names
    starting with '.': folders, and article files) are not read; with `hidden`, their
    URIs are appended to it so the run can say what it left out.
    """
    hidden = [] if hidden is None else hidden
    if is_local(source) and not is_manifest(source) and not local_path(source).exists():
        raise SourceError(f"source folder {source} does not exist")
    try:
        root = canonical_source(source)
    except ValueError as err:
        raise SourceError(f"source {source} is not a usable URL ({err})") from None
    if is_manifest(source):
        yield from _discover_manifest(root, suffixes, start, end)
    elif is_local(source):
        yield from _discover_local(Path(root), suffixes, start, end, hidden)
    elif http_source.is_http(source):
        yield from _discover_http(root, suffixes, start, end, hidden)
    else:
        yield from _discover_fsspec(root, suffixes, start, end, hidden)


def _discover_local(root: Path, suffixes: tuple[str, ...], start: date | None = None,
                    end: date | None = None, hidden: list[str] | None = None) -> Iterator[SourceFile]:
    """Walk the folder depth-first with an explicit stack, entries sorted by name.

    Not os.walk: on Python 3.11 it recurses, and a scraper's deeply nested folders end it
    with RecursionError. Symlinked folders are never entered (no loops, no escape);
    symlinked files are read only when they resolve inside the root. A file or folder
    that cannot be used is still yielded, with `problem` set, so the run records it
    among the rejected files instead of losing it silently. Dated folders outside
    [start, end] are not entered.
    """
    if not root.exists():
        raise SourceError(f"source folder {root} does not exist")
    if root.is_file():
        yield SourceFile(str(root), root.stat().st_size)
        return
    root_real = root.resolve()
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            if folder == str(root):
                raise SourceError(f"source folder {root} cannot be listed: {err.strerror or err}") from None
            yield SourceFile(folder, None, f"folder could not be listed ({err.strerror or err})", read_failed=True)
            continue
        subfolders = []
        for entry in entries:
            try:
                if entry.name.startswith("."):
                    if hidden is not None and entry.is_dir(follow_symlinks=False):
                        hidden.append(entry.path + "/")
                    elif hidden is not None and entry.name.lower().endswith(suffixes):
                        hidden.append(entry.path)
                    continue
                if entry.is_dir(follow_symlinks=False):
                    rel = os.path.relpath(entry.path, root).split(os.sep)
                    if outside_window(rel, start, end):
                        log.info("skipped folder %s: outside %s..%s", entry.path, start, end)
                    else:
                        subfolders.append(entry.path)
                    continue
            except OSError:
                pass
            if not entry.name.lower().endswith(suffixes):
                continue
            yield _local_file(entry, root_real)
        stack.extend(reversed(subfolders))  # pop() then visits them in name order


def _local_file(entry: os.DirEntry, root_real: Path) -> SourceFile:
    try:
        if entry.is_symlink():
            real = Path(entry.path).resolve(strict=True)
            if not is_within(root_real, real):
                return SourceFile(entry.path, None, "link to a file outside the source folder")
            if real.is_dir():
                return SourceFile(entry.path, None, "link to a folder (folder links are not followed)")
        stat = entry.stat()
    except FileNotFoundError:
        if entry.is_symlink():
            return SourceFile(entry.path, None, "broken link (its target does not exist)")
        return SourceFile(entry.path, None, "file vanished between listing and reading", read_failed=True)
    except RuntimeError:  # Path.resolve on a link cycle (Python 3.11)
        return SourceFile(entry.path, None, "link loop (the link points back to itself)")
    except OSError as err:
        if err.errno == errno.ELOOP:
            return SourceFile(entry.path, None, "link loop (the link points back to itself)")
        return SourceFile(entry.path, None, f"could not be read ({err.strerror or err})", read_failed=True)
    if not S_ISREG(stat.st_mode):  # a named pipe would block the run forever on open()
        return SourceFile(entry.path, None, "not a regular file (a pipe, socket or device)")
    return SourceFile(entry.path, stat.st_size)


def is_within(root: str | Path, path: str | Path) -> bool:
    """Whether `path` lies inside `root`: the guard against path traversal.

    Local paths are compared after resolving '..' and symlinks, so neither
    'root/../etc/passwd' nor a link out of the root passes. URLs must share the
    root's scheme and host, and their normalised path (percent-escapes decoded, so
    '%2e%2e' counts as '..') must sit under the root's path. A local path is never
    within a URL root and vice versa.
    """
    root_s, path_s = str(root), str(path)
    if is_local(root_s) != is_local(path_s):
        return False
    if is_local(root_s):
        root_real = os.path.realpath(local_path(root_s))
        real = os.path.realpath(local_path(path_s))
        return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)
    r, p = urlsplit(root_s), urlsplit(path_s)
    if (r.scheme.lower(), r.netloc.lower()) != (p.scheme.lower(), p.netloc.lower()):
        return False
    root_path = posixpath.normpath("/" + unquote(r.path).lstrip("/"))
    target = unquote(p.path)
    if "\\" in target or "\x00" in target:
        return False  # never let a backslash or NUL play path separator or terminator
    target = posixpath.normpath("/" + target.lstrip("/"))
    return target == root_path or target.startswith(root_path.rstrip("/") + "/")


def remote_fs(url: str):
    """The fsspec filesystem and path of a URL (S3 endpoints come from the environment;
    S3 connect and read timeouts are EVENTETL_CONNECT_TIMEOUT / EVENTETL_READ_TIMEOUT)."""
    if url.startswith(("s3://", "s3a://")):
        connect, read = http_source.timeouts()
        return fsspec.core.url_to_fs(url, config_kwargs={"connect_timeout": connect, "read_timeout": read})
    return fsspec.core.url_to_fs(url)


def _http_folder(source: str) -> str:
    """An http(s) folder URL ends with '/', so the links of its listing resolve inside it."""
    if http_source.is_http(source) and not source.endswith("/") \
            and not source.lower().endswith(ARTICLE_SUFFIXES):
        return source + "/"
    return source


# A listing deeper than this below the source is a server generating folders, not an archive.
MAX_HTTP_DEPTH = 64


def _discover_http(root: str, suffixes: tuple[str, ...], start: date | None, end: date | None,
                   hidden: list[str]) -> Iterator[SourceFile]:
    """Walk directory listings (links ending in '/' are folders) below `root`, a canonical
    folder URL. A link leaving `root` (`..`, `%2e%2e`, another host or port), a link with
    a query (sort links) and any redirect are never followed; see eventetl.flows.http_source. A
    folder that cannot be listed fails the run (as the source itself would); one that
    vanished between listings is recorded, and the rows of its files are kept."""
    if root.lower().endswith(suffixes):
        yield SourceFile(root)
        return
    found: dict[str, SourceFile] = {}
    pending, seen = [root], {root}
    while pending:
        folder = pending.pop()
        try:
            page = with_retries(lambda f=folder: http_source.get(f, http_source.MAX_LISTING_BYTES),
                                f"listing {folder}")
        except FileNotFoundError:
            if folder == root:
                raise SourceError(f"source {root} does not exist") from None
            found[folder] = SourceFile(folder, None, "folder vanished between listings", read_failed=True)
            continue
        except Exception as err:  # after the retries: the listing is incomplete, so the run stops
            where = "" if folder == root else f" (its folder {folder})"
            raise SourceError(f"source {root} cannot be listed{where}: {err}") from err
        for url in http_source.listing_links(page.decode("utf-8", errors="replace"), folder):
            if url in seen or "?" in url:
                continue
            seen.add(url)
            if not is_within(root, url) or url == root:
                log.info("listing %s: not following %s (outside the source)", folder, url)
                continue
            rel = url[len(root):].strip("/").split("/")
            name = unquote(rel[-1])
            if url.endswith("/"):
                if name.startswith("."):
                    hidden.append(url)
                elif len(rel) > MAX_HTTP_DEPTH:
                    found[url] = SourceFile(url, None, f"folder nested deeper than {MAX_HTTP_DEPTH} levels: "
                                            "not listed")
                elif outside_window([unquote(p) for p in rel], start, end):
                    log.info("skipped folder %s: outside %s..%s", url, start, end)
                else:
                    pending.append(url)
            elif name.lower().endswith(suffixes):
                if name.startswith("."):
                    hidden.append(url)
                else:
                    found[url] = SourceFile(url)
    for url in sorted(found):
        yield found[url]


def _discover_fsspec(source: str, suffixes: tuple[str, ...], start: date | None,
                     end: date | None, hidden: list[str]) -> Iterator[SourceFile]:
    """S3 and other object stores: a prefix listing (folders are key prefixes)."""
    try:
        fs, root = remote_fs(source)
        fs.invalidate_cache()  # listings cached by an earlier run in this process are stale
        if start is None and end is None and "s3" in fs.protocol:
            # one paginated listing; other filesystems' find() swallows errors, so we walk.
            found = with_retries(lambda: fs.find(root, detail=True), f"listing {source}")
        else:
            found = _walk_pruned(fs, root, start, end)
    except FileNotFoundError:
        raise SourceError(f"source {source} does not exist") from None
    except SourceError:
        raise
    except Exception as err:  # network and auth errors come in many types
        raise SourceError(f"source {source} cannot be listed: {type(err).__name__}: {err}") from err
    if not found and not source.endswith("/") and not fs.isdir(root):
        raise SourceError(f"source {source} does not exist")
    prefix = root.rstrip("/") + "/"
    hidden_folders: set[str] = set()
    for path in sorted(found):
        info = found[path]
        if info.get("type") == "directory" or not (path.startswith(prefix) or path == root):
            continue  # never outside the source, whatever a listing says
        parts = path[len(prefix):].split("/")
        if not parts[-1].lower().endswith(suffixes):
            continue
        dot = next((i for i, part in enumerate(parts) if part.startswith(".")), None)
        if dot is not None:
            entry = fs.unstrip_protocol(prefix + "/".join(parts[:dot + 1])) + ("/" if dot < len(parts) - 1 else "")
            if entry not in hidden_folders:
                hidden_folders.add(entry)
                hidden.append(entry)
            continue
        yield SourceFile(fs.unstrip_protocol(path), info.get("size"))


def _walk_pruned(fs, root: str, start: date | None, end: date | None) -> dict[str, dict]:
    """A listing that does not enter dated folders outside [start, end]."""
    found: dict[str, dict] = {}
    base = root.rstrip("/") + "/"
    pending = [root]
    while pending:
        folder = pending.pop()
        entries = with_retries(lambda f=folder: fs.ls(f, detail=True), f"listing {folder}")
        for info in entries:
            path = info["name"]
            if path.rstrip("/") == folder.rstrip("/") or not path.startswith(base):
                continue
            if info.get("type") == "directory":
                rel = path[len(base):].strip("/").split("/")
                if outside_window(rel, start, end):
                    log.info("skipped folder %s: outside %s..%s", path, start, end)
                else:
                    pending.append(path)
            else:
                found[path] = info
    return found


# -- manifests ----------------------------------------------------------------------------
def _discover_manifest(source: str, suffixes: tuple[str, ...], start: date | None,
                       end: date | None) -> Iterator[SourceFile]:
    """Each line names an article relative to the manifest's folder (or absolutely, inside it).

    Entries that would leave that folder (`..`, another host or scheme, a query) are
    refused and logged, never read.
    """
    try:
        text = read_bytes(source, http_source.MAX_LISTING_BYTES).decode("utf-8-sig")
    except FileNotFoundError:
        raise SourceError(f"manifest {source} does not exist") from None
    except UnicodeDecodeError:
        raise SourceError(f"manifest {source} is not UTF-8 text") from None
    except Exception as err:
        raise SourceError(f"manifest {source} cannot be read: {type(err).__name__}: {err}") from err
    seen: set[str] = set()
    for line in text.splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        uri = manifest_entry(source, entry)
        if uri is None:
            log.warning("manifest %s: refused entry %r (outside the manifest's folder)", source, entry)
            continue
        if uri in seen or not uri.lower().endswith(suffixes):
            continue
        seen.add(uri)
        rel = _relative_parts(source, uri)
        if outside_window(rel[:-1], start, end):
            continue
        yield SourceFile(uri)


def manifest_entry(manifest: str, entry: str) -> str | None:
    """The URI an entry names, or None when it points outside the manifest's folder."""
    if "\\" in entry or "\x00" in entry:
        return None
    if is_local(manifest):
        base = local_path(manifest).absolute().parent
        target = Path(unquote(entry.removeprefix("file://")) if entry.startswith("file://") else entry)
        if "://" in entry and not entry.startswith("file://"):
            return None
        target = target if target.is_absolute() else base / target
        try:
            real, base_real = target.resolve(), base.resolve()
        except (OSError, RuntimeError):
            return None
        return canonical_file(target) if real.is_relative_to(base_real) and real != base_real else None
    base_url = manifest.rsplit("/", 1)[0] + "/"
    base, url = urlsplit(base_url), urlsplit(urljoin(base_url, entry))
    if (url.scheme, url.netloc) != (base.scheme, base.netloc) or url.query or url.fragment:
        return None
    # Judge the decoded path (a server decodes %2e%2e too), then fetch exactly that path.
    path = posixpath.normpath(unquote(url.path))
    base_path = unquote(base.path)
    if not path.startswith(base_path) or path.rstrip("/") == base_path.rstrip("/"):
        return None
    uri = f"{url.scheme}://{url.netloc}{quote(path)}"
    return http_source.canonical_url(uri) if http_source.is_http(uri) else uri


def _relative_parts(manifest: str, uri: str) -> list[str]:
    base = (str(local_path(manifest).absolute().parent) if is_local(manifest)
            else unquote(urlsplit(manifest.rsplit("/", 1)[0]).path))
    path = uri if is_local(manifest) else unquote(urlsplit(uri).path)
    return path[len(base):].strip("/").split("/")


# -- reading ------------------------------------------------------------------------------
def read_bytes(uri: str, limit: int | None = None) -> bytes:
    """The file's bytes; with `limit`, at most limit + 1 of them (enough to tell it is too big,
    without holding a 50 MB file in memory when its size was not known beforehand)."""
    if is_local(uri):
        with open(local_path(uri), "rb") as f:
            return f.read(-1 if limit is None else limit + 1)
    if http_source.is_http(uri):
        return with_retries(lambda: http_source.get(uri, limit), f"reading {uri}")
    fs, path = remote_fs(uri)
    end = None if limit is None else limit + 1
    return with_retries(lambda: fs.cat_file(path, start=0 if end else None, end=end), f"reading {uri}")


# -- pruning ------------------------------------------------------------------------------
def source_prefix(source: str) -> str:
    """The prefix every URI discovered under `source` starts with (canonical, so it does not
    depend on how the source was spelled or where the command runs)."""
    root = canonical_source(source)
    if is_manifest(source):
        base = root.rsplit("/", 1)[0] if not is_local(source) else os.path.dirname(root)
        return base.rstrip("/") + "/"
    if is_local(source) or http_source.is_http(source):
        return root.rstrip("/") + "/"
    fs, path = remote_fs(root)
    return fs.unstrip_protocol(path).rstrip("/") + "/"


def vanished(stored: Iterable[tuple[str, date | None]], source: str, discovered: set[str],
             start: date | None = None, end: date | None = None,
             unreadable: Iterable[str] = ()) -> set[str]:
    """Stored URIs under `source` that discovery no longer finds, within the run's window.

    `stored` pairs each URI with its publication date (None for rejected files, which are
    judged by their folder). A file this run could not have seen (another source, a date
    or dated folder outside the window, a folder that could not be listed: `unreadable`)
    is never called vanished.
    """
    prefix = source_prefix(source)
    unlisted = tuple(u.rstrip("/") + "/" for u in unreadable)
    out: set[str] = set()
    for uri, published in stored:
        if uri in discovered or not uri.startswith(prefix) or (unlisted and uri.startswith(unlisted)):
            continue
        if published is not None:
            if (start and published < start) or (end and published > end):
                continue
        elif outside_window(uri[len(prefix):].split("/")[:-1], start, end):
            continue
        out.add(uri)
    return out
