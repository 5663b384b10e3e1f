"""What an evaluation produces: figures with their baselines, tables, and the worst misses.

A ``Figure`` has a stable ``key`` (``set/figure``) that the floors file and the gate use.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Figure:
    key: str  # stable name within the set, e.g. "event_accuracy"
    label: str
    value: float
    n: int  # how many items the figure is computed over
    baselines: dict[str, float] = field(default_factory=dict)
    headline: bool = True  # headline figures have floors


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ErrorCase:
    """One miss, for error analysis: what the gold says, what dyads said, and why."""

    id: str
    text: str
    gold: str
    predicted: str
    rule: str
    weight: float  # higher = worse (a confident wrong answer outranks a silent one)


@dataclass
class SetResult:
    name: str
    title: str
    data: str  # the file or folder read
    items: int
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: list[ErrorCase] = field(default_factory=list)
    per_class_f1: dict[str, dict[str, float]] = field(default_factory=dict)  # system -> class
    seconds: float = 0.0

    def figure(self, key: str) -> Figure:
        for figure in self.figures:
            if figure.key == key:
                return figure
        raise KeyError(f"{self.name} has no figure {key!r}")

    def worst(self, n: int) -> list[ErrorCase]:
        return sorted(self.errors, key=lambda e: -e.weight)[:n]

    def to_json(self, errors: int = 0) -> dict[str, Any]:
        out = asdict(self)
        out["errors"] = [asdict(e) for e in self.worst(errors)]
        out["tables"] = [{"title": t.title, "header": list(t.header),
                          "rows": [list(r) for r in t.rows]} for t in self.tables]
        return out
