"""The figures every scorer reports, defined once."""
from __future__ import annotations

from typing import Iterable, TypeVar

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
