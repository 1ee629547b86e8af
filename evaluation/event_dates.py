"""Check `event_date` alone against the dev gold, independent of event extraction.

For every gold event with a date: find its sentence in the article body (the gold
`sentence` is an exact substring of it), widen it to the whole sentence, find the
trigger in it (the first word run of the gold trigger; "ordered ... to leave" is
looked up as "ordered"), call `event_date` and compare with the gold date and
precision. Gold is only measured against here; no rule reads it.
"""
from __future__ import annotations

import argparse
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from evaluation.gold import GoldArticle, GoldEvent, load_gold
from extractors.article import parse_article
from extractors.dates import event_date, find_temporal_expressions
from evaluation.shared_data import eval_dir
from evaluation.metrics import share

DEFAULT_DEV = eval_dir() / "dev"
# A sentence ends at . ! ? before a capital/digit/quote, or at a line break.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n")


@dataclass
class EventDateScore:
    events: int = 0
    correct: int = 0
    precision_correct: int = 0
    not_found: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return share(self.correct, self.events)


def sentence_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of `body` that holds [start, end)."""
    s = 0
    # The boundary's look-ahead needs the characters after it, so search a little past start.
    for m in _BOUNDARY.finditer(body, 0, min(len(body), start + 8)):
        if m.end() <= start:
            s = m.end()
    nxt = _BOUNDARY.search(body, end)
    return s, nxt.start() if nxt else len(body)


def locate_trigger(sentence: str, trigger: str) -> tuple[int, int] | None:
    """Offsets of the trigger's first word run in the sentence, case-insensitive."""
    head = trigger.split("...")[0].strip()
    if not head:
        return None
    m = re.search(r"(?<!\w)" + re.escape(head) + r"(?!\w)", sentence, re.IGNORECASE) or \
        re.search(re.escape(head), sentence, re.IGNORECASE)
    return m.span() if m else None


def score_article(gold: GoldArticle, body: str, score: EventDateScore) -> None:
    expressions = find_temporal_expressions(body, gold.published)
    for ev in gold.events:
        if ev.date is None:
            continue
        score.events += 1
        at = body.find(ev.sentence)
        span = locate_trigger(ev.sentence, ev.trigger) if at >= 0 else None
        if span is None:
            score.not_found += 1
            score.errors.append(f"{gold.article} {ev.id}: sentence or trigger not found")
            continue
        t_start, t_end = at + span[0], at + span[1]
        s_start, s_end = sentence_bounds(body, at, at + len(ev.sentence))
        got = event_date(body, expressions, s_start, s_end, t_start, t_end, gold.published, ev.modality)
        if got.date == ev.date:
            score.correct += 1
            score.precision_correct += got.precision == ev.date_precision
        else:
            score.errors.append(_describe(gold, ev, got))


def _describe(gold: GoldArticle, ev: GoldEvent, got) -> str:
    return (f"{gold.article} {ev.id} [{ev.trigger}] gold {ev.date} {ev.date_precision}; "
            f"got {got.date} {got.precision} ({got.basis}: {got.text!r})")


def score_event_dates(dev: str | Path = DEFAULT_DEV) -> EventDateScore:
    dev = Path(dev)
    score = EventDateScore()
    for gold in load_gold(dev / "gold.jsonl"):
        path = dev / "articles" / gold.article
        article = parse_article(path.read_bytes(), str(path))
        score_article(gold, article.body, score)
    return score


def expression_throughput(dev: str | Path = DEFAULT_DEV, repeat: int = 40) -> float:
    """Articles per second of `find_temporal_expressions` on the dev bodies (one core)."""
    dev = Path(dev)
    articles = [parse_article(p.read_bytes(), str(p)) for p in sorted((dev / "articles").glob("*.txt"))]
    find_temporal_expressions(articles[0].body, articles[0].published_date)  # compile outside the clock
    t0 = time.perf_counter()
    for _ in range(repeat):
        for a in articles:
            find_temporal_expressions(a.body, a.published_date)
    return repeat * len(articles) / (time.perf_counter() - t0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Accuracy of event_date on gold events with a date.")
    parser.add_argument("--dev", default=str(DEFAULT_DEV), help="folder with gold.jsonl and articles/")
    parser.add_argument("--errors", action="store_true", help="list the misses")
    parser.add_argument("--speed", action="store_true", help="also time find_temporal_expressions")
    args = parser.parse_args(argv)
    score = score_event_dates(args.dev)
    if args.errors:
        print("\n".join(score.errors))
    print(f"{score.events} gold events with a date: date accuracy {score.accuracy:.3f} "
          f"({score.correct} right, {score.precision_correct} also with the right precision; "
          f"{score.not_found} not located)")
    if args.speed:
        print(f"find_temporal_expressions: {expression_throughput(args.dev):,.0f} articles/s")


if __name__ == "__main__":
    main()
