"""Event detection on CASE 2021 Task 2: 1,019 news snippets, each labelled with one
ACLED-style event type (AIR_STRIKE, PEACE_PROTEST, ARREST, ...) or one of the task's
"unseen" types (DIPLO, ATTRIB; and crime or disasters, which are no political events).

The labels name a type, not actors or a CAMEO code, so this scores detection only:
`evaluation/mappings/case2021_cameo_roots.csv` (our own mapping) gives the CAMEO roots that
fit each type, and a snippet counts as detected when the extractor codes at least one
event with one of those roots. Actors are not scored: an event with an unnamed side is
still an event here, though `eventetl eval` would not count it.

Figures:
- detected: snippets of a political type with an event of a fitting root;
- any event: snippets of a political type with any event at all;
- fitting share: of the events coded in snippets of political types, the share whose
  root fits the type (how often the code is right when something is found);
- non-political snippets with an event: the share of crime and disaster snippets that
  got any event (false alarms, unless the crime involved a political actor).

Each snippet is read as an article published on 2021-01-01 (the set gives no dates).

    eventetl eval-case2021 [--tsv PATH] [--by-type] [--misses TYPE]
"""
from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from eventetl.evaluation.metrics import LabelDetection, add_up
from eventetl.evaluation.shared_data import eval_dir, mapping_rows
from eventetl.evaluation.snippets import extract_texts

MAPPING = Path(__file__).resolve().parent / "mappings" / "case2021_cameo_roots.csv"
DEFAULT_TSV = eval_dir() / "external" / "case2021_task2" / "test_set_final_release_with_labels.tsv"
NON_POLITICAL, SKIPPED = "none", "skip"
PUBLISHED = "2021-01-01"


@dataclass(frozen=True)
class Snippet:
    id: str
    text: str
    subtype: str


@dataclass
class Case2021Report:
    by_type: dict[str, LabelDetection] = field(default_factory=lambda: defaultdict(LabelDetection))
    kinds: dict[str, str] = field(default_factory=dict)  # subtype -> "political" / none / skip
    misses: dict[str, list[Snippet]] = field(default_factory=lambda: defaultdict(list))

    def _total(self, kind: str) -> LabelDetection:
        return add_up((s for t, s in self.by_type.items() if self.kinds.get(t) == kind), LabelDetection())

    @property
    def political(self) -> LabelDetection:
        return self._total("political")

    @property
    def non_political(self) -> LabelDetection:
        return self._total(NON_POLITICAL)

    def summary(self, by_type: bool = False) -> str:
        p, n = self.political, self.non_political
        skipped = self._total(SKIPPED).texts
        lines = [
            f"CASE 2021 task 2: {p.texts} snippets of political types, {n.texts} non-political, "
            f"{skipped} of types with no CAMEO counterpart left out",
            f"  detected (an event of a fitting root): {p.detected_share:.1%}",
            f"  any event coded:                       {p.any_event_share:.1%}",
            f"  fitting share of the events coded:     {p.fitting_share:.1%} "
            f"({p.fitting_events} of {p.events})",
            f"  non-political snippets with an event:  {n.any_event_share:.1%} "
            f"({n.any_event} of {n.texts})",
        ]
        if by_type:
            lines.append(f"  {'type':32} {'n':>4} {'detected':>9} {'any':>6} {'fitting':>8}")
            for subtype in sorted(self.by_type, key=lambda t: (self.kinds.get(t) != "political", t)):
                s = self.by_type[subtype]
                lines.append(f"  {subtype:32} {s.texts:>4} {s.detected_share:>9.0%} "
                             f"{s.any_event_share:>6.0%} {s.fitting_share:>8.0%}" + (
                                 "" if self.kinds.get(subtype) == "political" else f"  ({self.kinds.get(subtype)})"))
        return "\n".join(lines)


def load_mapping(path: Path = MAPPING) -> dict[str, frozenset[str] | str]:
    """subtype -> the CAMEO roots that fit it, or "none" / "skip"."""
    mapping: dict[str, frozenset[str] | str] = {}
    for row in mapping_rows(path):
        value = row["roots"].strip()
        mapping[row["subtype"].strip()] = value if value in (NON_POLITICAL, SKIPPED) else frozenset(value.split())
    return mapping


def load_snippets(path: Path = DEFAULT_TSV) -> list[Snippet]:
    with open(path, encoding="utf-8", newline="") as f:
        return [Snippet(row["id"], row["EventSnippet"], row["SubType"].strip())
                for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]


def score(snippets: Iterable[Snippet], roots_of: Callable[[Snippet], list[str]],
          mapping: dict[str, frozenset[str] | str]) -> Case2021Report:
    """`roots_of` gives the CAMEO roots of the events coded in a snippet (one per event)."""
    report = Case2021Report()
    for snippet in snippets:
        fitting = mapping.get(snippet.subtype)
        if fitting is None:
            raise ValueError(f"snippet {snippet.id}: type {snippet.subtype!r} is not in {MAPPING.name}")
        kind = fitting if isinstance(fitting, str) else "political"
        report.kinds[snippet.subtype] = kind
        s = report.by_type[snippet.subtype]
        if kind == SKIPPED:
            s.texts += 1  # counted for the summary's "left out", not read
            continue
        roots = roots_of(snippet)
        # no root fits a non-political type: its snippets count only for "any event"
        hits = sum(r in fitting for r in roots) if kind == "political" else 0
        s.add(len(roots), hits)
        if kind == "political" and not hits:
            report.misses[snippet.subtype].append(snippet)
    return report


def extractor_roots(snippets: list[Snippet]) -> dict[str, list[str]]:
    """The roots of the events eventetl codes in each snippet, read as a dated article."""
    found = extract_texts((s.id, PUBLISHED, s.text) for s in snippets)
    return {key: [m.event_root_code for m in mentions] for key, mentions in found.items()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tsv", type=Path, default=DEFAULT_TSV, help="the task's labelled test set")
    ap.add_argument("--by-type", action="store_true", help="one line per event type")
    ap.add_argument("--misses", metavar="TYPE", help="list the snippets of TYPE with no fitting event")
    args = ap.parse_args(argv)
    snippets = load_snippets(args.tsv)
    roots = extractor_roots(snippets)
    report = score(snippets, lambda s: roots[s.id], load_mapping())
    print(report.summary(by_type=args.by_type))
    if args.misses:
        for s in report.misses.get(args.misses, []):
            print(f"  MISS {s.id}: {s.text[:160]}")

