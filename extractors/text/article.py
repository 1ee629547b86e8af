"""Article files: bytes in, a ParsedArticle or a rejection reason out.

The format is the date-line format of the gold guidelines:

    [whitespace] date YYYY-MM-DD [DATELINE -] body...

Every rejection reason is written for a person reading `eventetl rejected`.
Offsets used everywhere else are offsets into `ParsedArticle.body`: the text after
the date line's prefix (and dateline), with a BOM removed and CRLF/CR turned into LF.
"""
from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone

from eventetl.schemas.records import ParsedArticle

MAX_ARTICLE_BYTES = 5 * 1024 * 1024

# Upper-case place, optionally ", Country" (any case), then a spaced hyphen or an en/em dash.
_HEADER = re.compile(
    r"""\A[ \t\n]*date[ \t]+(?P<date>\S+)
        (?:[ \t]+(?P<dateline>[A-Z][A-Z .'’\-]*[A-Z.](?:,[ \t]*[A-Za-z][A-Za-z .'’\-]*?)?)[ \t]*(?:\s-|[–—])[ \t]*)?
        [ \t]*""",
    re.VERBOSE,
)
# ASCII digits only: `\d` would also take full-width and Arabic-Indic digits, which int() reads.
_ISO_DATE = re.compile(r"\A([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
# Publication dates outside this range are typos or placeholders (0001-01-01, 9999-12-31),
# not news: one such file would stretch every date dimension over millennia. The upper end
# is the day after today (UTC): no time zone is more than a day ahead of UTC.
EARLIEST_PUBLICATION = date(1800, 1, 1)
# Characters that render as nothing: a body made only of these (and whitespace) is empty.
_BLANK_FILLERS = frozenset("\u034f\u115f\u1160\u2800\u3164\uffa0")
# Control characters other than tab/newline mean a binary or corrupted payload.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bytes that Windows-1252 leaves undefined: a file holding them is not cp1252 text either.
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_BOM_UTF8 = b"\xef\xbb\xbf"
_BOM_UTF16 = (b"\xff\xfe", b"\xfe\xff")


class ArticleRejected(ValueError):
    """Raised with a human-readable reason when bytes are not a usable article."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode article bytes; returns (text, encoding used).

    UTF-8 (with or without BOM) is the format; UTF-16 with a byte-order mark is read as
    such. Scrapers often save Windows-1252, or paste Windows-1252 fragments into UTF-8
    pages: bytes that are not valid UTF-8 are decoded as Windows-1252 and the fallback
    is recorded on the article ('cp1252' when the whole file is, 'utf-8+cp1252' when
    valid UTF-8 and Windows-1252 bytes are mixed), so nothing is silently lost and
    nothing is silently guessed. UTF-8 validation is strict enough that real
    Windows-1252 text almost never passes it by accident. Bytes that are neither are
    rejected, naming the first offending byte.
    """
    if data.startswith(_BOM_UTF16):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as err:
            raise ArticleRejected(
                f"not UTF-16 text despite its byte-order mark (bad bytes at offset {err.start})") from None
    if data.startswith(_BOM_UTF8):
        data = data[len(_BOM_UTF8):]
    nul = data.find(0)
    if nul >= 0:
        raise ArticleRejected(f"binary content (NUL byte at offset {nul})")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        first_bad = err.start
    undefined = _CP1252_UNDEFINED.search(data)
    if undefined:
        raise ArticleRejected(
            f"not UTF-8 text (byte 0x{data[first_bad]:02x} at offset {first_bad}) and not Windows-1252 "
            f"either (byte 0x{data[undefined.start()]:02x} at offset {undefined.start()} is undefined there)")
    mixed = data.decode("utf-8", errors=_CP1252_FALLBACK)
    whole = data.decode("cp1252")
    return (whole, "cp1252") if mixed == whole else (mixed, "utf-8+cp1252")


def _decode_invalid_as_cp1252(err: UnicodeDecodeError) -> tuple[str, int]:
    return err.object[err.start:err.end].decode("cp1252"), err.end


_CP1252_FALLBACK = "eventetl-cp1252-fallback"
codecs.register_error(_CP1252_FALLBACK, _decode_invalid_as_cp1252)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_article(data: bytes, source_uri: str, max_bytes: int = MAX_ARTICLE_BYTES,
                  today: date | None = None) -> ParsedArticle:
    """Parse one article file's bytes. Raises ArticleRejected with the reason.

    `today` (default: the current UTC day) bounds the publication date from above."""
    if len(data) > max_bytes:
        raise ArticleRejected(too_large(len(data), max_bytes))
    if not data.strip():
        raise ArticleRejected("empty file")
    text, encoding = decode_text(data)
    text = normalise_newlines(text)
    control = _CONTROL.search(text)
    if control:
        raise ArticleRejected(
            f"binary or corrupted text (control character U+{ord(control.group()):04X} at offset {control.start()})")
    m = _HEADER.match(text)
    if not m:
        first = text.lstrip()[:40].split("\n", 1)[0]
        raise ArticleRejected(f"no date line (expected 'date YYYY-MM-DD' first, found {first!r})")
    published = check_publication_date(parse_iso_date(m.group("date")), today)
    body = text[m.end():].rstrip()
    if not body.strip():
        raise ArticleRejected("empty body (date line but no text)")
    if not has_visible_text(body):
        raise ArticleRejected("empty body (only invisible characters such as zero-width spaces after the date line)")
    dateline = m.group("dateline")
    return ParsedArticle(
        article_id=content_hash(data),
        source_uri=source_uri,
        published_date=published,
        dateline=dateline.strip() if dateline else None,
        body=body,
        text_encoding=encoding,
    )


def too_large(size: int | None, max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    """The rejection reason for a file over the size limit (size None: known only to exceed it)."""
    limit = f"{max_bytes / (1024 * 1024):g} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes} byte"
    return f"larger than the {limit} limit ({size} bytes)" if size is not None else \
        f"larger than the {limit} limit (stopped reading after {max_bytes} bytes)"


def latest_publication(today: date | None = None) -> date:
    return (today or datetime.now(timezone.utc).date()) + timedelta(days=1)


def check_publication_date(published: date, today: date | None = None) -> date:
    """The date itself, if a news article can carry it (see EARLIEST_PUBLICATION)."""
    latest = latest_publication(today)
    if not EARLIEST_PUBLICATION <= published <= latest:
        raise ArticleRejected(f"date {published.isoformat()} is not a plausible publication date "
                              f"(accepted: {EARLIEST_PUBLICATION.isoformat()} to {latest.isoformat()}, "
                              "the day after today)")
    return published


def has_visible_text(text: str) -> bool:
    """Whether anything in `text` renders: not only whitespace, format characters
    (zero-width spaces and joiners, soft hyphens, BOMs) and blank fillers."""
    return any(not (c.isspace() or c in _BLANK_FILLERS or unicodedata.category(c) == "Cf") for c in text)


def parse_iso_date(raw: str) -> date:
    m = _ISO_DATE.match(raw)
    if not m:
        raise ArticleRejected(f"date {raw[:30]!r} is not an ISO date (YYYY-MM-DD)")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ArticleRejected(f"date {raw} is not a valid date") from None
