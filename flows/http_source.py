"""Articles over HTTP(S): directory listings and files, read as untrusted input.

A listing is a page of links; a file is the body of a GET. The server decides what
both say, so nothing it sends is taken on trust:

- every link is resolved, normalised (`..`, `%2e%2e`, `//`, case of scheme and host,
  default ports) and kept only if it lies inside the source folder; what is fetched is
  that normalised URL, never the link as written;
- redirects are never followed (a 3xx answer is a refusal naming its target), so a
  server cannot send the run to another path, port or host;
- connecting and each read wait at most EVENTETL_CONNECT_TIMEOUT / EVENTETL_READ_TIMEOUT
  seconds (default 10 and 30) and a whole response at most four read timeouts, and a
  body is read only up to the size limit, whatever Content-Length or Range say.

httpx (sync) is used rather than fsspec's aiohttp filesystem: it runs in the calling
thread, so a SIGTERM interrupts a hanging request at once, and every answer goes
through one function that applies the rules above.
"""
from __future__ import annotations

import os
import posixpath
import re
import time
from html import unescape
from urllib.parse import quote, unquote, urljoin, urlsplit

import httpx

DEFAULT_PORTS = {"http": 80, "https": 443}
# A directory listing larger than this is not a listing.
MAX_LISTING_BYTES = 64 * 1024 * 1024
# Characters left as they are when a decoded path is quoted again (RFC 3986 sub-delims, ':', '@').
_PATH_SAFE = "/:@!$&'()*+,;=~"
_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


class HTTPRefused(PermissionError):
    """An answer the run will not use (a redirect): retrying cannot change it."""


class HTTPStatus(OSError):
    """An error status; `transient` ones (5xx, 429, 408) are retried."""

    def __init__(self, url: str, status: int, reason: str):
        super().__init__(f"HTTP {status} {reason}".rstrip())
        self.status = status
        self.transient = status >= 500 or status in (408, 429)


class HTTPTimeout(TimeoutError):
    """No answer, or no complete answer, in time."""


def timeouts() -> tuple[float, float]:
    """(connect, read) timeouts in seconds: EVENTETL_CONNECT_TIMEOUT / EVENTETL_READ_TIMEOUT."""
    return (float(os.environ.get("EVENTETL_CONNECT_TIMEOUT", "10")),
            float(os.environ.get("EVENTETL_READ_TIMEOUT", "30")))


def is_http(uri: str) -> bool:
    return uri.lower().startswith(("http://", "https://"))


def canonical_url(url: str) -> str:
    """One spelling per resource: lower-case scheme and host, no default port, the path
    percent-decoded, its `.`/`..`/`//` resolved and quoted again; a trailing '/' kept.
    Raises ValueError for a URL that cannot be used (bad port, backslash or NUL in the path)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # IPv6
    port = parts.port  # ValueError for a port that is not a number
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username is not None:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    path = unquote(parts.path)
    if "\\" in path or "\x00" in path:
        raise ValueError(f"{url}: backslash or NUL in the path")
    folder = path.endswith("/")
    path = posixpath.normpath("/" + path.lstrip("/"))
    if folder and path != "/":
        path += "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{scheme}://{netloc}{quote(path, safe=_PATH_SAFE)}{query}"


def listing_links(page: str, folder: str) -> list[str]:
    """The canonical URLs a listing page links to (href attributes), fragments dropped."""
    out = []
    for href in _HREF.findall(page):
        href = unescape(href).strip()
        if not href or href.startswith(("#", "mailto:", "javascript:")):
            continue
        try:
            out.append(canonical_url(urljoin(folder, href).split("#", 1)[0]))
        except ValueError:
            continue
    return out


_CLIENTS: dict[int, httpx.Client] = {}


def _client() -> httpx.Client:
    """One connection pool per process (worker processes make their own)."""
    pid = os.getpid()
    if pid not in _CLIENTS:
        connect, read = timeouts()
        _CLIENTS[pid] = httpx.Client(timeout=httpx.Timeout(read, connect=connect), follow_redirects=False,
                                     headers={"Accept-Encoding": "identity"})
    return _CLIENTS[pid]


def get(url: str, limit: int | None = None) -> bytes:
    """The body of `url`; with `limit`, at most limit + 1 bytes of it (enough to tell it
    is too large). Raises FileNotFoundError (404, 410), HTTPRefused (a redirect),
    HTTPStatus (other errors), HTTPTimeout, or httpx.TransportError (connection failures)."""
    _, read = timeouts()
    deadline = time.monotonic() + 4 * read
    try:
        with _client().stream("GET", url) as response:
            if response.is_redirect:
                target = response.headers.get("location", "?")
                raise HTTPRefused(f"redirect ({response.status_code}) to {target} refused: "
                                  "redirects are never followed")
            if response.status_code in (404, 410):
                raise FileNotFoundError(url)
            if response.status_code >= 300:
                raise HTTPStatus(url, response.status_code, response.reason_phrase)
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if limit is not None and size > limit:
                    break
                if time.monotonic() > deadline:
                    raise HTTPTimeout(f"the answer took longer than {4 * read:g} s (4 x EVENTETL_READ_TIMEOUT)")
            data = b"".join(chunks)
            return data if limit is None else data[:limit + 1]
    except httpx.ConnectTimeout:
        raise HTTPTimeout(f"no connection within {timeouts()[0]:g} s (EVENTETL_CONNECT_TIMEOUT)") from None
    except httpx.TimeoutException:
        raise HTTPTimeout(f"no answer within {read:g} s (EVENTETL_READ_TIMEOUT)") from None
