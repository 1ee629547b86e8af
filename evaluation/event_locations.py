"""An independent check of `extractors.places.event_location` on the dev gold.

For each gold event: find its sentence in the parsed article body (the gold `sentence` is
an exact substring of it), widen it to the whole sentence, locate the trigger in it, call
`event_location` with the article's places and dateline, and compare the returned
country with the gold `location` list (`[]` means "not stated": None is right).

    python -m evaluation.event_locations [--gold PATH] [--articles DIR] [-v]
"""
from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import spacy

from extractors.article import parse_article
from extractors.places import event_location, find_places, resolve_dateline
from extractors.sentences import segment
from evaluation.shared_data import eval_dir
from evaluation.metrics import share

DEV = eval_dir() / "dev"


@dataclass
class LocationScore:
    events: int = 0
    correct: int = 0
    stated: int = 0            # gold names a country
    stated_correct: int = 0
    unstated_correct: int = 0  # gold [] and None returned
    skipped: int = 0           # sentence or trigger not found in the body
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return share(self.correct, self.events)

    def summary(self) -> str:
        unstated = self.events - self.stated
        return (f"events {self.events} (skipped {self.skipped}), location accuracy {self.accuracy:.3f}\n"
                f"  stated in gold: {self.stated_correct}/{self.stated} right; "
                f"not stated: {self.unstated_correct}/{unstated} right (None returned)")


_NLP = None


def _sentences(body: str) -> list[tuple[int, int]]:
    global _NLP
    if _NLP is None:
        _NLP = spacy.blank("en")
    doc = segment(_NLP.make_doc(body))
    return [(s.start_char, s.end_char) for s in doc.sents]


def _trigger_span(sentence: str, trigger: str) -> tuple[int, int] | None:
    """Offsets of the trigger inside the sentence; '...' joins discontinuous parts."""
    parts = [p.strip() for p in trigger.split("...") if p.strip()]
    pos, start, end = 0, None, None
    for part in parts:
        m = re.search(r"\b" + re.escape(part) + r"\b", sentence[pos:], re.IGNORECASE)
        if not m:
            return None
        s, e = pos + m.start(), pos + m.end()
        start = s if start is None else start
        end, pos = e, e
    return (start, end) if start is not None else None


def score(gold_path: Path = DEV / "gold.jsonl", articles_dir: Path = DEV / "articles",
          verbose: bool = False) -> LocationScore:
    result = LocationScore()
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        path = articles_dir / record["article"]
        article = parse_article(path.read_bytes(), str(path))
        body = article.body
        places = find_places(body, article.published_date, article.dateline)
        dateline_place = resolve_dateline(article.dateline)
        bounds = _sentences(body)
        for event in record["events"]:
            at = body.find(event["sentence"])
            span = _trigger_span(event["sentence"], event["trigger"]) if at >= 0 else None
            if span is None:
                result.skipped += 1
                continue
            t_start, t_end = at + span[0], at + span[1]
            s_start, s_end = next(((s, e) for s, e in bounds if s <= t_start < e), (at, at + len(event["sentence"])))
            place = event_location(body, places, s_start, s_end, t_start, t_end, dateline_place)
            got = place.country if place else None
            gold = event["location"]
            ok = got in gold if gold else got is None
            result.events += 1
            result.correct += ok
            if gold:
                result.stated += 1
                result.stated_correct += ok
            else:
                result.unstated_correct += ok
            if not ok:
                result.misses.append(f"{record['article'][:28]} {event['id']}: gold {gold} got {got} "
                                     f"({place.text if place else '-'}) | {event['trigger']} | {event['sentence'][:110]}")
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=DEV / "gold.jsonl")
    ap.add_argument("--articles", type=Path, default=DEV / "articles")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the events got wrong")
    args = ap.parse_args(argv)
    result = score(args.gold, args.articles)
    print(result.summary())
    if args.verbose:
        print("\n".join(result.misses))


if __name__ == "__main__":
    main()
