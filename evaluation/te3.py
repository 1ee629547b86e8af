"""Score `find_temporal_expressions` on the TempEval-3 platinum test set.

Each `.tml` file holds a document creation time (DCT, the `functionInDocument=
"CREATION_TIME"` TIMEX3) and a `<TEXT>` element with gold TIMEX3 annotations. The tags
are stripped from TEXT (XML character entities decoded) and the expressions found on
the plain text are compared with the gold ones, in plain-text offsets, the DCT taken as
the publication date.

What is scored (value accuracy on plain calendar dates, the part this project uses):
- targets: gold TIMEX3 with `type="DATE"` and a value of the form YYYY, YYYY-MM or
  YYYY-MM-DD (weeks "2013-W12", seasons, "PRESENT_REF", centuries are not targets);
- a prediction is an expression with a value (all our values are plain dates);
  valueless predictions are ignored;
- a hit: a prediction overlapping a target's span with the same value (one to one);
- a prediction overlapping no target but some other gold TIMEX3 (a duration, a set,
  a week, a non-plain date) is ignored: the text is temporal, only its gold value is
  outside what is scored, so it is neither right nor a false alarm;
- every other prediction is a false positive (including one overlapping a target
  with the wrong value); every target without a hit is a false negative.
precision = hits / counted predictions, recall = hits / targets.
"""
from __future__ import annotations

import argparse
import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from eventetl.extractors.temporal.dates import TemporalExpression, find_temporal_expressions
from eventetl.evaluation.shared_data import eval_dir
from eventetl.evaluation.metrics import Detection

DEFAULT_FOLDER = eval_dir() / "external" / "te3_platinum"
PLAIN_VALUE = re.compile(r"\A\d{4}(?:-\d{2}(?:-\d{2})?)?\Z")
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>|&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);")
_ATTR = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str

    @property
    def is_target(self) -> bool:
        return self.type == "DATE" and bool(PLAIN_VALUE.match(self.value))


@dataclass(frozen=True)
class Te3Document:
    name: str
    dct: date
    text: str
    timexes: tuple[GoldTimex, ...]


@dataclass
class Te3Score(Detection):
    """gold: the targets; predicted: the counted predictions; a hit both a right
    prediction and a recalled target (matching is one to one)."""
    documents: int = 0
    errors: list[str] = field(default_factory=list)


def parse_tml(path: str | Path) -> Te3Document:
    """The DCT, the plain TEXT content and its TIMEX3 spans in plain-text offsets."""
    raw = Path(path).read_text(encoding="utf-8")
    dct_match = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="(\d{4}-\d{2}-\d{2})', raw) or \
        re.search(r'<DCT>.*?value="(\d{4}-\d{2}-\d{2})', raw, re.S)
    if not dct_match:
        raise ValueError(f"{path}: no document creation time")
    body_match = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if not body_match:
        raise ValueError(f"{path}: no TEXT element")
    body = body_match.group(1)
    out: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = body[pos:m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(4) is not None:  # an entity: one plain character
            char = html.unescape(m.group())
            out.append(char)
            length += len(char)
            continue
        closing, tag = m.group(1), m.group(2)
        if tag != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            timexes.append(GoldTimex(start, length, "".join(out)[start:length],
                                     attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    out.append(body[pos:])
    return Te3Document(Path(path).stem, date.fromisoformat(dct_match.group(1)), "".join(out), tuple(timexes))


Finder = Callable[[str, date], list[TemporalExpression]]


def score_document(doc: Te3Document, score: Te3Score, finder: Finder = find_temporal_expressions) -> None:
    predictions = [e for e in finder(doc.text, doc.dct) if e.value is not None]
    targets = [t for t in doc.timexes if t.is_target]
    others = [t for t in doc.timexes if not t.is_target]
    matched: set[int] = set()
    score.documents += 1
    score.gold += len(targets)
    for p in predictions:
        overlapping = [i for i, t in enumerate(targets) if p.start < t.end and t.start < p.end]
        if not overlapping and any(p.start < t.end and t.start < p.end for t in others):
            continue
        score.predicted += 1
        hit = next((i for i in overlapping if i not in matched and targets[i].value == p.value), None)
        if hit is not None:
            matched.add(hit)
            score.predicted_hits += 1
            score.recalled += 1
        else:
            gold = targets[overlapping[0]].value if overlapping else "-"
            score.errors.append(f"{doc.name}: FP {p.text!r} -> {p.value} (gold {gold})")
    for i, t in enumerate(targets):
        if i not in matched:
            score.errors.append(f"{doc.name}: FN {t.text!r} = {t.value} at {t.start}")


def score_te3(folder: str | Path = DEFAULT_FOLDER, limit: int | None = None,
              finder: Finder = find_temporal_expressions) -> Te3Score:
    """Score `finder` (by default ours; any function text, DCT -> expressions) on the .tml files."""
    score = Te3Score()
    files = sorted(Path(folder).glob("*.tml"))[:limit]
    for path in files:
        score_document(parse_tml(path), score, finder)
    return score


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="TempEval-3 value P/R/F1 of plain DATE expressions.")
    parser.add_argument("--folder", default=str(DEFAULT_FOLDER))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", action="store_true", help="list false positives and negatives")
    args = parser.parse_args(argv)
    score = score_te3(args.folder, args.limit)
    if args.errors:
        print("\n".join(score.errors))
    print(f"TE3 platinum, {score.documents} documents, {score.gold} plain DATE targets, "
          f"{score.predicted} counted predictions, {score.recalled} hits")
    print(f"value precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}")

