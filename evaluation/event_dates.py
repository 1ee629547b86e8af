"""Check `event_date` alone against gold events, independent of event extraction.

For every gold event with a date: find its sentence in the article body (the gold
`sentence` is an exact substring of it) as the pipeline's sentence splitter gives it,
parse it as the coder does, find the trigger in it (a discontinuous trigger "ordered ...
to leave" spans its parts), call `event_date` and compare with the gold date and
precision. Gold is only measured against here; no rule reads it.

    eventetl eval-dates [--dev FOLDER] [--errors] [--no-parse]
"""
from __future__ import annotations

import argparse
import time
from dataclasses import dataclass, field
from pathlib import Path

from eventetl.evaluation.gold import GoldArticle, GoldEvent, gold_articles
from eventetl.evaluation.gold_sentences import ArticleSentences
from eventetl.extractors.text.article import parse_article
from eventetl.extractors.temporal.dates import event_date, find_temporal_expressions
from eventetl.extractors.pipeline import get_nlp
from eventetl.evaluation.shared_data import eval_dir
from eventetl.evaluation.metrics import Share

DEFAULT_DEV = eval_dir() / "dev"


@dataclass
class EventDateScore:
    events: int = 0
    correct: int = 0
    precision_correct: int = 0
    not_found: int = 0
    errors: list[str] = field(default_factory=list)

    accuracy = Share("correct", "events")


def score_article(gold: GoldArticle, sentences: ArticleSentences, score: EventDateScore) -> None:
    body = sentences.body
    expressions = find_temporal_expressions(body, gold.published)
    for ev in gold.events:
        if ev.date is None:
            continue
        score.events += 1
        spot = sentences.locate(ev.sentence, ev.trigger)
        if spot is None:
            score.not_found += 1
            score.errors.append(f"{gold.article} {ev.id}: sentence or trigger not found")
            continue
        got = event_date(body, expressions, spot.sentence_start, spot.sentence_end, spot.trigger_start,
                         spot.trigger_end, gold.published, ev.modality, parse=spot.parse)
        if got.date == ev.date:
            score.correct += 1
            score.precision_correct += got.precision == ev.date_precision
        else:
            score.errors.append(_describe(gold, ev, got))


def score_missing_article(gold: GoldArticle, score: EventDateScore) -> None:
    """A gold article whose file is missing: its dated events count, none located."""
    for ev in gold.events:
        if ev.date is not None:
            score.events += 1
            score.not_found += 1
            score.errors.append(f"{gold.article} {ev.id}: article file missing")


def _describe(gold: GoldArticle, ev: GoldEvent, got) -> str:
    return (f"{gold.article} {ev.id} [{ev.trigger}] gold {ev.date} {ev.date_precision}; "
            f"got {got.date} {got.precision} ({got.basis}: {got.text!r})")


def score_event_dates(dev: str | Path = DEFAULT_DEV, parse: bool = True) -> EventDateScore:
    """`parse=False`: the word-order reading, for comparison."""
    dev = Path(dev)
    score = EventDateScore()
    nlp = get_nlp()
    for gold, article in gold_articles(dev / "gold.jsonl", dev / "articles"):
        if article is None:
            score_missing_article(gold, score)
        else:
            score_article(gold, ArticleSentences(nlp, article.body, parse), score)
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
    parser.add_argument("--no-parse", action="store_true", help="read sentences by word order only")
    args = parser.parse_args(argv)
    score = score_event_dates(args.dev, parse=not args.no_parse)
    if args.errors:
        print("\n".join(score.errors))
    print(f"{score.events} gold events with a date: date accuracy {score.accuracy:.3f} "
          f"({score.correct} right, {score.precision_correct} also with the right precision; "
          f"{score.not_found} not located)")
    if args.speed:
        print(f"find_temporal_expressions: {expression_throughput(args.dev):,.0f} articles/s")

