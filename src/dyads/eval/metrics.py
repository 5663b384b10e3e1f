"""Plain scoring arithmetic: accuracy, precision/recall/F1, per-class F1, confusion.

No dependencies: these run in every test. ``0/0`` is reported as 0.0, never as an error,
so an empty class scores nothing instead of stopping the report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts of true positives, false positives and false negatives."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return ratio(2 * p * r, p + r)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def prf_sets(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> PRF:
    """Compare two collections as multisets (a repeated triple counts each time)."""
    g, p = Counter(gold), Counter(predicted)
    tp = sum((g & p).values())
    return PRF(tp, sum(p.values()) - tp, sum(g.values()) - tp)


def accuracy(gold: Sequence[object], predicted: Sequence[object]) -> float:
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    return ratio(sum(g == p for g, p in zip(gold, predicted, strict=True)), len(gold))


@dataclass(frozen=True)
class Classification:
    """Per-class counts of a single-label task. ``None`` predictions are wrong answers
    for every class (they count as a false negative, never as a false positive)."""

    labels: tuple[str, ...]
    per_class: dict[str, PRF]
    confusion: dict[str, dict[str, int]]  # gold -> predicted (or "none") -> count
    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        return ratio(self.correct, self.total)

    @property
    def macro_f1(self) -> float:
        return ratio(sum(self.per_class[c].f1 for c in self.labels), len(self.labels))


NO_PREDICTION = "none"


def classify(gold: Sequence[str], predicted: Sequence[str | None],
             labels: Iterable[str] | None = None) -> Classification:
    """Score single-label predictions. ``labels`` fixes the classes (and their order);
    by default the gold labels, sorted."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    classes = tuple(labels) if labels is not None else tuple(sorted(set(gold)))
    confusion: dict[str, dict[str, int]] = {c: {} for c in classes}
    counts = {c: [0, 0, 0] for c in classes}
    correct = 0
    for g, p in zip(gold, predicted, strict=True):
        row = confusion.setdefault(g, {})
        key = p if p is not None else NO_PREDICTION
        row[key] = row.get(key, 0) + 1
        if g == p:
            correct += 1
            if g in counts:
                counts[g][0] += 1
            continue
        if g in counts:
            counts[g][2] += 1
        if p is not None and p in counts:
            counts[p][1] += 1
    per_class = {c: PRF(*counts[c]) for c in classes}
    return Classification(classes, per_class, confusion, correct, len(gold))


def majority(labels: Iterable[str]) -> str:
    """The most common label (ties: the first in sorted order)."""
    counts = Counter(labels)
    if not counts:
        raise ValueError("no labels")
    return min(counts, key=lambda label: (-counts[label], label))
