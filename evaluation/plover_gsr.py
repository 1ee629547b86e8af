"""Events on the PLOVER GSR: 322 example sentences of the CAMEO manual, each hand-coded
by the Open Event Data Alliance with one PLOVER event category (draft 0.5b1) and the
codes of its source and target actors.

Each sentence has one gold event, but many report others too ("offered to hand over
two nationals suspected by the West of blowing up a plane"), so this scores recall-like
figures and the share of coded events that fit, not precision:
- detected: sentences with an event of the gold category;
- with its dyad: of those, an event of the gold category whose source and target
  countries are the gold ones (a side the gold leaves empty accepts any actor; a gold
  organisation or militant group, which has no country, accepts an actor with none);
- any event: sentences with any event at all;
- fitting share: of all events coded, the share whose category is the gold one.

The categories are compared through `evaluation/mappings/plover_gsr_types.csv` (our
crosswalk from PLOVER draft 0.5b1 to the 0.8 types of eventetl's CAMEO table; an
announced act counts as the intention CAMEO codes it as), the actor codes through
`plover_gsr_actor_codes.csv` (CAMEO codes that are not ISO3).

    eventetl eval-plover-gsr [--path FILE] [--by-type] [--misses CATEGORY]
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

from eventetl.evaluation.metrics import LabelDetection, Share, add_up
from eventetl.evaluation.shared_data import mapping_rows, shared_dir
from eventetl.evaluation.snippets import extract_texts

MAPPINGS = Path(__file__).resolve().parent / "mappings"
TYPES = MAPPINGS / "plover_gsr_types.csv"
ACTOR_CODES = MAPPINGS / "plover_gsr_actor_codes.csv"
DEFAULT_PATH = shared_dir() / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt"
SKIPPED = "skip"
NO_COUNTRY = ""  # a gold organisation or armed group: eventetl gives it no country


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    category: str
    published: str
    sources: frozenset[str]  # ISO3 codes, NO_COUNTRY; empty: the side is not coded
    targets: frozenset[str]


class Coded(NamedTuple):
    """One event the extractor coded: its PLOVER type, actor countries and modality."""
    plover_type: str | None
    actor1_country: str | None
    actor2_country: str | None
    modality: str = "asserted"


@dataclass(frozen=True)
class Fitting:
    """The eventetl types that count as one gold category; `future` ones only when announced."""
    types: frozenset[str]
    future: frozenset[str] = frozenset()

    def __contains__(self, event: Coded) -> bool:
        return event.plover_type in self.types or (
            event.modality == "future" and event.plover_type in self.future)


@dataclass
class CategoryScore(LabelDetection):
    """The sentences of one gold category; `with_dyad`: detected by an event with the gold sides."""
    with_dyad: int = 0

    with_dyad_share = Share("with_dyad", "texts")


@dataclass
class PloverReport:
    by_category: dict[str, CategoryScore] = field(default_factory=lambda: defaultdict(CategoryScore))
    misses: dict[str, list[Example]] = field(default_factory=lambda: defaultdict(list))

    @property
    def total(self) -> CategoryScore:
        return add_up(self.by_category.values(), CategoryScore())

    def summary(self, by_type: bool = False) -> str:
        t = self.total
        lines = [
            f"PLOVER GSR (CAMEO manual examples): {t.texts} sentences",
            f"  detected (an event of the gold category): {t.detected_share:.1%}",
            f"  with its dyad (gold source and target):   {t.with_dyad_share:.1%}",
            f"  any event coded:                          {t.any_event_share:.1%}",
            f"  fitting share of the events coded:        {t.fitting_share:.1%} "
            f"({t.fitting_events} of {t.events})",
        ]
        if by_type:
            lines.append(f"  {'category':12} {'n':>4} {'detected':>9} {'dyad':>6} {'any':>6} {'fitting':>8}")
            for category in sorted(self.by_category):
                s = self.by_category[category]
                lines.append(f"  {category:12} {s.texts:>4} {s.detected_share:>9.0%} "
                             f"{s.with_dyad_share:>6.0%} {s.any_event_share:>6.0%} {s.fitting_share:>8.0%}")
        return "\n".join(lines)


def load_types(path: Path = TYPES) -> dict[str, Fitting | str]:
    """GSR category -> the eventetl PLOVER types that count as it, or "skip"."""
    mapping: dict[str, Fitting | str] = {}
    for row in mapping_rows(path):
        value = row["types"].strip()
        mapping[row["category"].strip()] = value if value == SKIPPED else Fitting(
            frozenset(value.split()), frozenset((row.get("future_types") or "").split()))
    return mapping


def load_actor_codes(path: Path = ACTOR_CODES) -> dict[str, str]:
    """Non-ISO3 actor code -> ISO3, or NO_COUNTRY."""
    return {row["code"].strip(): row["iso3"].strip() for row in mapping_rows(path)}


def _side(actors, codes: dict[str, str]) -> frozenset[str]:
    # The set gives a list of actors, or "" / a word such as "diplomatic" / nothing
    # where the side is not coded.
    if not isinstance(actors, list):
        return frozenset()
    return frozenset(codes.get(c, c) for a in actors if (c := (a.get("code") or "").strip()))


def load_examples(path: Path = DEFAULT_PATH, codes: dict[str, str] | None = None) -> list[Example]:
    codes = load_actor_codes() if codes is None else codes
    entries = json.loads(path.read_text(encoding="utf-8"))
    return [Example(e["id"], e["text"], e["event"], e.get("date") or "2000-01-01",
                    _side(e.get("source"), codes), _side(e.get("target"), codes))
            for e in entries if e.get("text")]


def _side_fits(gold: frozenset[str], country: str | None) -> bool:
    return not gold or (country or NO_COUNTRY) in gold


def dyad_fits(example: Example, event: Coded) -> bool:
    """The event's source and target are the gold ones, in either order when the gold
    codes the same actors on both sides ("Jordan and Britain agreed": SRC/TAR)."""
    forward = _side_fits(example.sources, event.actor1_country) and _side_fits(example.targets, event.actor2_country)
    both_ways = example.sources == example.targets
    return forward or both_ways and (_side_fits(example.sources, event.actor2_country)
                                     and _side_fits(example.targets, event.actor1_country))


def score(examples: Iterable[Example], coded_of: Callable[[Example], list[Coded]],
          types: dict[str, Fitting | str]) -> PloverReport:
    report = PloverReport()
    for example in examples:
        fitting = types.get(example.category)
        if fitting is None:
            raise ValueError(f"{example.id}: category {example.category!r} is not in {TYPES.name}")
        if fitting == SKIPPED:
            continue
        s = report.by_category[example.category]
        events = coded_of(example)
        fit = [e for e in events if e in fitting]
        s.add(len(events), len(fit))
        s.with_dyad += any(dyad_fits(example, e) for e in fit)
        if not fit:
            report.misses[example.category].append(example)
    return report


def extractor_events(examples: list[Example]) -> dict[str, list[Coded]]:
    """The events eventetl codes in each sentence, read as an article of the sentence's date."""
    found = extract_texts((ex.id, ex.published, ex.text) for ex in examples)
    return {key: [Coded(m.plover_type, m.actor1_country, m.actor2_country, m.modality) for m in mentions]
            for key, mentions in found.items()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--path", type=Path, default=DEFAULT_PATH, help="PLOVER_GSR_CAMEO.txt (JSON)")
    ap.add_argument("--by-type", action="store_true", help="one line per gold category")
    ap.add_argument("--misses", metavar="CATEGORY", help="list the sentences of CATEGORY with no event of it")
    args = ap.parse_args(argv)
    examples = load_examples(args.path)
    coded = extractor_events(examples)
    report = score(examples, lambda ex: coded[ex.id], load_types())
    print(report.summary(by_type=args.by_type))
    if args.misses:
        for ex in report.misses.get(args.misses, []):
            got = ", ".join(f"{e.plover_type} {e.actor1_country}->{e.actor2_country} ({e.modality})"
                            for e in coded[ex.id]) or "nothing"
            print(f"  MISS {ex.id} ({got}): {ex.text[:150]}")

