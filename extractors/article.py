"""Article files: bytes in, a ParsedArticle or a rejection reason out.

The format is the date-line format of the gold guidelines:

    [whitespace] date YYYY-MM-DD [DATELINE -] body...

Every rejection reason is written for a person reading `eventetl rejected`.
Offsets used everywhere else are offsets into `ParsedArticle.body`: the text after
the date line's prefix (and dateline), with a BOM removed and CRLF/CR turned into LF.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date

from schemas.records import ParsedArticle

MAX_ARTICLE_BYTES = 5 * 1024 * 1024

# Upper-case place, optionally ", Country" (any case), then a spaced hyphen or an en/em dash.
_HEADER = re.compile(
    r"""\A[ \t\n]*date[ \t]+(?P<date>\S+)
        (?:[ \t]+(?P<dateline>[A-Z][A-Z .'’\-]*[A-Z.](?:,[ \t]*[A-Za-z][A-Za-z .'’\-]*?)?)[ \t]*(?:\s-|[–—])[ \t]*)?
        [ \t]*""",
    re.VERBOSE,
)
_ISO_DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})\Z")
# Control characters other than tab/newline mean a binary or corrupted payload.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bytes that Windows-1252 leaves undefined: a file holding them is not cp1252 text either.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


class ArticleRejected(ValueError):
    """Raised with a human-readable reason when bytes are not a usable article."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode article bytes; returns (text, encoding used).

    UTF-8 (with or without BOM) is the format. Scrapers often save Windows-1252: such
    a file is decoded with that fallback and the encoding recorded on the article, so
    nothing is silently lost; bytes that are neither are rejected.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        raise ArticleRejected(f"binary content (NUL byte at offset {data.index(0)})")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        bad = data[err.start]
        if any(b in _CP1252_UNDEFINED for b in data):
            raise ArticleRejected(
                f"not UTF-8 text (byte 0x{bad:02x} at offset {err.start})") from None
        return data.decode("cp1252"), "cp1252"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_article(data: bytes, source_uri: str, max_bytes: int = MAX_ARTICLE_BYTES) -> ParsedArticle:
    """Parse one article file's bytes. Raises ArticleRejected with the reason."""
    if len(data) > max_bytes:
        raise ArticleRejected(f"larger than the {max_bytes // (1024 * 1024)} MB limit ({len(data)} bytes)")
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
    published = parse_iso_date(m.group("date"))
    body = text[m.end():].rstrip()
    if not body.strip():
        raise ArticleRejected("empty body (date line but no text)")
    dateline = m.group("dateline")
    return ParsedArticle(
        article_id=content_hash(data),
        source_uri=source_uri,
        published_date=published,
        dateline=dateline.strip() if dateline else None,
        body=body,
        text_encoding=encoding,
    )


def parse_iso_date(raw: str) -> date:
    m = _ISO_DATE.match(raw)
    if not m:
        raise ArticleRejected(f"date {raw[:30]!r} is not an ISO date (YYYY-MM-DD)")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ArticleRejected(f"date {raw} is not a valid date") from None
