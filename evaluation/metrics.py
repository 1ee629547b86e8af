"""The figures every scorer reports, defined once."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, TypeVar, overload

Counts = TypeVar("Counts")


def share(part: int, whole: int) -> float:
    """part / whole, 0.0 when there is nothing to count."""
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0.0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def add_up(counts: Iterable[Counts], total: Counts) -> Counts:
    """Add the count fields of `counts` (dataclasses of ints) into `total` and return it."""
    for c in counts:
        for name in vars(total):
            setattr(total, name, getattr(total, name) + getattr(c, name))
    return total


class Share:
    """A figure of a score declared as the share of one of its counts in another:
    `recall = Share("recalled", "gold")` is `share(score.recalled, score.gold)`, read
    when asked for, so it follows the counts as they grow."""

    def __init__(self, part: str, whole: str) -> None:
        self.part, self.whole = part, whole

    @overload
    def __get__(self, score: None, owner: type) -> Share: ...
    @overload
    def __get__(self, score: object, owner: type) -> float: ...

    def __get__(self, score: Any, owner: type) -> Share | float:
        if score is None:  # read on the class (help(), introspection): the declaration
            return self
        return share(getattr(score, self.part), getattr(score, self.whole))


@dataclass
class Detection:
    """Predicted spans or events matched against gold ones, and the P/R/F1 they give.

    A prediction is a hit when it matches some gold item; a gold item is recalled when
    some prediction matches it. Under one-to-one matching both counts are the number of
    matches; under overlap matching (a place predicted across two gold toponyms) they
    differ, which is why they are two counts."""
    gold: int = 0
    predicted: int = 0
    predicted_hits: int = 0
    recalled: int = 0

    precision = Share("predicted_hits", "predicted")
    recall = Share("recalled", "gold")

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


@dataclass
class LabelDetection:
    """Texts that each carry one gold label (an event type, a category), and the events
    coded in them: whether a text got an event fitting its label (detected), any event at
    all, and how many of the events coded fit. Precision is not scored: a text may report
    more events than the one its label names."""
    texts: int = 0
    detected: int = 0
    any_event: int = 0
    events: int = 0
    fitting_events: int = 0

    def add(self, events: int, fitting: int) -> None:
        """Count one text in which `events` events were coded, `fitting` of them fitting its label."""
        self.texts += 1
        self.events += events
        self.fitting_events += fitting
        self.any_event += events > 0
        self.detected += fitting > 0

    detected_share = Share("detected", "texts")
    any_event_share = Share("any_event", "texts")
    fitting_share = Share("fitting_events", "events")
