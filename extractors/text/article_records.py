"""JSON article records: one JSON object (a JSON Lines line, or a JSON file) in, a
ParsedArticle or a rejection reason out.

Scrapers and news APIs deliver records with a URL, a title, an outlet, a publication
timestamp and the text (news-please, Trafilatura, newspaper-style JSON, one article per
line dumps). Which key holds which is configurable (`RecordFields`); the defaults cover
the common tools. A record becomes exactly the article its text file would be: its
text is read as `date YYYY-MM-DD <text>` (so a dateline opening the text is found, and
the article id is the sha256 of those bytes: the same text and date under two URLs,
or as a text file, is one article) and checked like a file.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Mapping, Sequence
from urllib.parse import urlsplit

from eventetl.extractors.text.article import MAX_ARTICLE_BYTES, ArticleRejected, decode_text, parse_article, parse_iso_date
from eventetl.schemas.records import ParsedArticle


@dataclass(frozen=True)
class RecordFields:
    """The keys each article field is looked up under, in order; the first key present
    with a value wins. A dotted key reads inside an object (`source.name`)."""

    url: tuple[str, ...] = ("url", "source_url", "link", "canonical_url")
    title: tuple[str, ...] = ("title", "headline")
    outlet: tuple[str, ...] = ("outlet", "source", "domain", "source_domain", "source-hostname", "sitename",
                               "site_name", "hostname", "publisher")
    published: tuple[str, ...] = ("published", "published_at", "publishedAt", "date_publish", "publish_date",
                                  "datePublished", "pubDate", "date", "seendate")
    text: tuple[str, ...] = ("text", "maintext", "body", "content", "raw_text")


DEFAULT_FIELDS = RecordFields()
FIELD_NAMES = tuple(f.name for f in fields(RecordFields))


def record_fields(overrides: Mapping[str, Sequence[str]] | None = None) -> RecordFields:
    """The defaults with the keys of some fields replaced: {"text": ["content"]}."""
    if not overrides:
        return DEFAULT_FIELDS
    unknown = sorted(set(overrides) - set(FIELD_NAMES))
    if unknown:
        raise ValueError(f"unknown record field {unknown[0]!r}: the fields are {', '.join(FIELD_NAMES)}")
    keys = {name: tuple(k.strip() for k in overrides[name] if k.strip()) for name in overrides}
    empty = [name for name, k in keys.items() if not k]
    if empty:
        raise ValueError(f"record field {empty[0]!r} needs at least one key")
    return replace(DEFAULT_FIELDS, **keys)


def parse_field_option(values: Sequence[str]) -> dict[str, list[str]]:
    """`--field text=content,body` options -> {"text": ["content", "body"]}."""
    out: dict[str, list[str]] = {}
    for value in values:
        name, sep, keys = value.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"--field {value!r}: expected NAME=KEY[,KEY...], e.g. text=content")
        out[name.strip()] = keys.split(",")
    record_fields(out)  # unknown names fail here, with the list of known ones
    return out


def parse_record_line(raw: bytes, uri: str, record_fields: RecordFields = DEFAULT_FIELDS,
                      max_bytes: int = MAX_ARTICLE_BYTES) -> ParsedArticle:
    """One JSON Lines line (its bytes) as an article. Raises ArticleRejected."""
    if len(raw) > max_bytes:
        raise ArticleRejected(f"record larger than the {max_bytes / (1024 * 1024):g} MB limit ({len(raw)} bytes)")
    text, encoding = decode_text(raw)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise ArticleRejected(f"not valid JSON ({err.msg} at column {err.colno})") from None
    return parse_record(value, uri, record_fields, encoding, max_bytes)


def parse_record(value: Any, uri: str, record_fields: RecordFields = DEFAULT_FIELDS,
                 encoding: str = "utf-8", max_bytes: int = MAX_ARTICLE_BYTES) -> ParsedArticle:
    """One decoded JSON value as an article. Raises ArticleRejected with the reason."""
    if not isinstance(value, dict):
        raise ArticleRejected(f"not a JSON object (a {_json_type(value)})")
    paragraphs = _first(value, record_fields.text)
    if isinstance(paragraphs, list) and all(isinstance(p, str) for p in paragraphs):
        value = {**value, "text": "\n\n".join(p.strip() for p in paragraphs if p.strip())}  # a list of paragraphs
        text = _first_text(value, ("text",))
    else:
        text = _first_text(value, record_fields.text)
    if text is None:
        raise ArticleRejected(f"no text (none of the keys {', '.join(record_fields.text)})")
    raw_published = _first(value, record_fields.published)
    if raw_published is None:
        raise ArticleRejected(f"no publication date (none of the keys {', '.join(record_fields.published)})")
    published, published_at = parse_timestamp(raw_published)
    url = _first_text(value, record_fields.url)
    outlet_value = _first(value, record_fields.outlet)
    if url is None and isinstance(outlet_value, str) and "://" in outlet_value:
        url = outlet_value.strip()  # Trafilatura's `source` is the page's URL
    data = f"date {published.isoformat()} {text.lstrip()}".encode("utf-8")
    article = parse_article(data, uri, max_bytes=max_bytes)
    return replace(article, text_encoding=encoding, source_url=url, title=_first_text(value, record_fields.title),
                   outlet=outlet_of(outlet_value, url), published_at=published_at)


def _first(record: dict, keys: Sequence[str]) -> Any:
    for key in keys:
        value: Any = record
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value not in (None, "", [], {}):
            return value
    return None


def _first_text(record: dict, keys: Sequence[str]) -> str | None:
    value = _first(record, keys)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ArticleRejected(f"{_key_of(record, keys)} is a {_json_type(value)}, not text")
    return value.strip() or None


def _key_of(record: dict, keys: Sequence[str]) -> str:
    return next((k for k in keys if _first(record, (k,)) is not None), keys[0])


def _json_type(value: Any) -> str:
    return {dict: "JSON object", list: "JSON array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number")


_DOMAIN = re.compile(r"\A(?:[a-z0-9-]+\.)+[a-z]{2,}\Z")


def outlet_of(value: Any, url: str | None) -> str | None:
    """The outlet a record names: a name as written, a domain (or a URL's host) in lower
    case without 'www.'; else the host of the article's URL."""
    if isinstance(value, dict):  # NewsAPI: "source": {"id": ..., "name": ...}
        value = value.get("name") or value.get("id")
    if isinstance(value, str) and value.strip():
        value = value.strip()
        host = urlsplit(value).hostname if "://" in value else value.lower()
        if host and _DOMAIN.match(host):
            return host.removeprefix("www.")
        return value
    host = urlsplit(url).hostname if url and "://" in url else None
    return host.removeprefix("www.") if host else None


_ISO_TIMESTAMP = re.compile(
    r"\A(?P<date>\d{4}-\d{2}-\d{2})(?:[T ](?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d+))?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?\Z", re.IGNORECASE)
_COMPACT_TIMESTAMP = re.compile(r"\A(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})(?:T?(?P<h>\d{2})(?P<m>\d{2})(?P<s>\d{2})Z?)?\Z")


def parse_timestamp(value: Any) -> tuple[date, datetime | None]:
    """(publication date as written, UTC time when the value has a time of day).

    Accepts ISO 8601 dates and times (`2024-01-25`, `2024-01-25 10:30:00`,
    `2024-01-25T10:30:00+05:00`, `...Z`), GDELT's compact form (`20240125103000`,
    `20240125T103000Z`) and RFC 2822 (`Thu, 25 Jan 2024 10:30:00 GMT`). The date is the
    one written, in the timestamp's own zone (the day the outlet dated it); a time
    without a zone is taken as UTC. Raises ArticleRejected.
    """
    if not isinstance(value, str):
        raise ArticleRejected(f"publication date {value!r} is not text")
    raw = value.strip()
    m = _ISO_TIMESTAMP.match(raw)
    if m:
        day = parse_iso_date(m.group("date"))
        if m.group("h") is None:
            return day, None
        return day, _at(day, m.group("h"), m.group("m"), m.group("s"), m.group("f"), m.group("tz"), raw)
    m = _COMPACT_TIMESTAMP.match(raw)
    if m:
        day = parse_iso_date(f"{m.group('y')}-{m.group('mo')}-{m.group('d')}")
        return (day, None) if m.group("h") is None else (day, _at(day, m.group("h"), m.group("m"), m.group("s"),
                                                                   None, "Z", raw))
    try:
        stamp = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        raise ArticleRejected(f"publication date {raw[:40]!r} is not a date (ISO 8601, YYYYMMDDHHMMSS or "
                              "RFC 2822)") from None
    day = stamp.date()
    return day, (stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def _at(day: date, hour: str, minute: str, second: str | None, fraction: str | None, zone: str | None,
        raw: str) -> datetime:
    try:
        stamp = datetime(day.year, day.month, day.day, int(hour), int(minute), int(second or 0),
                         int((fraction or "0")[:6].ljust(6, "0")), tzinfo=_zone(zone))
    except ValueError:
        raise ArticleRejected(f"publication time {raw[:40]!r} is not a valid time") from None
    return stamp.astimezone(timezone.utc)


def _zone(zone: str | None) -> timezone:
    if zone is None or zone.upper() in ("Z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise ArticleRejected(f"time zone {zone!r} is not a valid offset")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))
