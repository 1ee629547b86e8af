"""Gold events in the `gold.jsonl` format of the coding guidelines (one article per line)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

from eventetl.extractors.text.article import parse_article
from eventetl.schemas.records import ParsedArticle


@dataclass(frozen=True)
class GoldEvent:
    id: str
    sentence: str
    trigger: str
    codes: tuple[str, ...]
    actor1: tuple[str | None, ...]
    actor2: tuple[str | None, ...]
    symmetric: bool
    date: date | None
    date_precision: str | None
    location: tuple[str, ...]
    modality: str
    optional: bool

    @property
    def roots(self) -> frozenset[str]:
        return frozenset(c[:2] for c in self.codes)


@dataclass(frozen=True)
class GoldArticle:
    article: str
    published: date
    events: tuple[GoldEvent, ...]


def _parse_date(raw: str | None) -> date | None:
    return date.fromisoformat(raw) if raw else None


def parse_gold_event(obj: dict) -> GoldEvent:
    return GoldEvent(
        id=str(obj.get("id", "")),
        sentence=obj.get("sentence", "") or "",
        trigger=obj.get("trigger", "") or "",
        codes=tuple(str(c) for c in obj["code"]),
        actor1=tuple(obj.get("actor1") or [None]),
        actor2=tuple(obj.get("actor2") or [None]),
        symmetric=bool(obj.get("symmetric", False)),
        date=_parse_date(obj.get("date")),
        date_precision=obj.get("date_precision"),
        location=tuple(obj.get("location") or ()),
        modality=obj.get("modality") or "asserted",
        optional=bool(obj.get("optional", False)),
    )


def load_gold(path: str | Path) -> list[GoldArticle]:
    """Read a gold.jsonl file; blank lines are skipped, a malformed line raises with its number."""
    articles: list[GoldArticle] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                articles.append(GoldArticle(
                    article=obj["article"],
                    published=date.fromisoformat(obj["published"]),
                    events=tuple(parse_gold_event(e) for e in obj.get("events", [])),
                ))
            except (KeyError, ValueError) as err:
                raise ValueError(f"{path}:{n}: not a gold record ({err})") from None
    return articles


def gold_articles(gold_path: str | Path, articles_dir: str | Path) -> Iterator[tuple[GoldArticle, ParsedArticle | None]]:
    """Each gold article with its file in `articles_dir` parsed as the pipeline parses it;
    None where the file is missing (each scorer says what that costs)."""
    for gold in load_gold(gold_path):
        path = Path(articles_dir) / gold.article
        yield gold, (parse_article(path.read_bytes(), str(path)) if path.exists() else None)
