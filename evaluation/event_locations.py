"""An independent check of `eventetl.extractors.places.places.event_location` on gold events.

For each gold event: find its sentence in the parsed article body (the gold `sentence` is
an exact substring of it) as the pipeline's splitter gives it, parse it as the coder
does, locate the trigger in it, call `event_location` with the article's places, dateline
and the parse, and compare the returned country with the gold `location` list (`[]`
means "not stated": None is right).

    eventetl eval-places [--gold PATH] [--articles DIR] [-v] [--no-parse]
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from eventetl.evaluation.gold import GoldEvent, gold_articles
from eventetl.evaluation.gold_sentences import ArticleSentences
from eventetl.extractors.pipeline import get_nlp
from eventetl.extractors.places.places import PlaceMention, event_location, find_places, resolve_dateline
from eventetl.evaluation.shared_data import eval_dir
from eventetl.evaluation.metrics import Share

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

    accuracy = Share("correct", "events")

    def summary(self) -> str:
        unstated = self.events - self.stated
        return (f"events {self.events} (skipped {self.skipped}), location accuracy {self.accuracy:.3f}\n"
                f"  stated in gold: {self.stated_correct}/{self.stated} right; "
                f"not stated: {self.unstated_correct}/{unstated} right (None returned)")


def score(gold_path: Path = DEV / "gold.jsonl", articles_dir: Path = DEV / "articles",
          verbose: bool = False, parse: bool = True) -> LocationScore:
    """`parse=False`: the word-order reading, for comparison. The events of a gold article
    whose file is missing are skipped, as those whose sentence is not found."""
    result = LocationScore()
    nlp = get_nlp()
    for gold, article in gold_articles(gold_path, articles_dir):
        if article is None:
            result.skipped += len(gold.events)
            continue
        body = article.body
        places = find_places(body, article.published_date, article.dateline)
        dateline_place = resolve_dateline(article.dateline)
        sentences = ArticleSentences(nlp, body, parse)
        for event in gold.events:
            spot = sentences.locate(event.sentence, event.trigger)
            if spot is None:
                result.skipped += 1
                continue
            place = event_location(body, places, spot.sentence_start, spot.sentence_end, spot.trigger_start,
                                   spot.trigger_end, dateline_place, parse=spot.parse, code=event.codes[0],
                                   actors=(event.actor1[0], event.actor2[0]), modality=event.modality)
            _count_event(result, gold.article, event, place)
    return result


def _count_event(result: LocationScore, article: str, event: GoldEvent, place: PlaceMention | None) -> None:
    got = place.country if place else None
    gold = list(event.location)  # [] : "not stated", where None is right
    ok = got in gold if gold else got is None
    result.events += 1
    result.correct += ok
    if gold:
        result.stated += 1
        result.stated_correct += ok
    else:
        result.unstated_correct += ok
    if not ok:
        result.misses.append(f"{article[:28]} {event.id}: gold {gold} got {got} "
                             f"({place.text if place else '-'}) | {event.trigger} | {event.sentence[:110]}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=DEV / "gold.jsonl")
    ap.add_argument("--articles", type=Path, default=DEV / "articles")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the events got wrong")
    ap.add_argument("--no-parse", action="store_true", help="read sentences by word order only")
    args = ap.parse_args(argv)
    result = score(args.gold, args.articles, parse=not args.no_parse)
    print(result.summary())
    if args.verbose:
        print("\n".join(result.misses))

