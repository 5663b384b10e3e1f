"""The accuracy gate: every headline figure has a floor in a committed file, and a run
that falls below a floor fails.

Floors only rise. ``raise_floors`` lifts each floor to the figure just measured (cut to
three decimals); a floor is lowered only with ``lower=True`` and a written reason, which
is recorded in the floors file and added to the changelog.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError, UsageError
from .result import SetResult

DECIMALS = 3


@dataclass(frozen=True)
class Failure:
    key: str  # set/figure
    value: float | None  # None: the figure was not produced
    floor: float

    def message(self) -> str:
        if self.value is None:
            return f"{self.key}: no such figure was measured (floor {self.floor:.3f})"
        return f"{self.key}: {self.value:.3f} is below its floor {self.floor:.3f}"


@dataclass
class Floors:
    path: Path
    floors: dict[str, float]
    lowered: list[dict[str, Any]]

    def for_set(self, name: str) -> dict[str, float]:
        prefix = name + "/"
        return {k: v for k, v in self.floors.items() if k.startswith(prefix)}


def load_floors(path: str | Path) -> Floors:
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(str(path), None, "floors file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(str(path), None, f"cannot read floors: {exc}") from None
    floors = raw.get("floors") if isinstance(raw, dict) else None
    if not isinstance(floors, dict) or not all(
            isinstance(k, str) and "/" in k and isinstance(v, int | float)
            and 0.0 <= v <= 1.0 for k, v in floors.items()):
        raise DataError(str(path), None, "'floors' must map 'set/figure' to a number in [0, 1]")
    lowered = raw.get("lowered", [])
    if not isinstance(lowered, list):
        raise DataError(str(path), None, "'lowered' must be a list")
    return Floors(path, {k: float(v) for k, v in floors.items()}, lowered)


def check(results: Sequence[SetResult], floors: Floors) -> list[Failure]:
    """Figures below their floors, for the sets in ``results`` only."""
    failures = []
    for result in results:
        measured = {f"{result.name}/{f.key}": f.value for f in result.figures}
        for key, floor in sorted(floors.for_set(result.name).items()):
            value = measured.get(key)
            if value is None or value < floor - 1e-9:
                failures.append(Failure(key, value, floor))
    return failures


def unfloored(results: Sequence[SetResult], floors: Floors) -> list[str]:
    """Headline figures that have no floor yet."""
    return [f"{r.name}/{f.key}" for r in results for f in r.figures
            if f.headline and f"{r.name}/{f.key}" not in floors.floors]


def cut(value: float) -> float:
    scale: int = 10 ** DECIMALS
    return math.floor(value * scale + 1e-9) / scale


def raise_floors(results: Sequence[SetResult], floors: Floors, *, lower: bool = False,
                 reason: str | None = None,
                 changelog: Path | None = None) -> list[tuple[str, float | None, float]]:
    """Lift each headline floor to its measured figure; write the file.

    Returns (key, old, new) for every floor that changed. A figure below its floor is
    refused unless ``lower`` and a ``reason`` are given; then the floor drops, and the
    change and its reason go into the floors file and the changelog."""
    changes: list[tuple[str, float | None, float]] = []
    below = []
    for result in results:
        for figure in result.figures:
            if not figure.headline:
                continue
            key = f"{result.name}/{figure.key}"
            old = floors.floors.get(key)
            new = cut(figure.value)
            if old is None or new > old:
                changes.append((key, old, new))
            elif figure.value < old - 1e-9:
                below.append((key, old, new))
    if below and not lower:
        raise UsageError("refusing to lower floors: "
                         + "; ".join(f"{k} {v:.3f} < {o:.3f}" for k, o, v in below)
                         + ". Fix the regression, or pass --lower with --reason")
    if below:
        if not reason or not reason.strip():
            raise UsageError("--lower needs --reason: say in words why the floor may drop")
        today = dt.date.today().isoformat()
        for key, old, new in below:
            floors.lowered.append({"figure": key, "from": old, "to": new, "date": today,
                                   "reason": reason.strip()})
            changes.append((key, old, new))
        if changelog is not None:
            _log_lowering(changelog, below, reason.strip(), today)
    for key, _, new in changes:
        floors.floors[key] = new
    write_floors(floors)
    return changes


def write_floors(floors: Floors) -> None:
    data = {
        "comment": "Accuracy floors for `dyads eval`: each headline figure must stay at or "
                   "above its floor. Raise with `dyads eval all --raise-floors`; lowering "
                   "needs --lower and --reason, and is logged below and in CHANGELOG.md.",
        "floors": dict(sorted(floors.floors.items())),
        "lowered": floors.lowered,
    }
    floors.path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def _log_lowering(changelog: Path, below: list[tuple[str, float, float]], reason: str,
                  today: str) -> None:
    lines = [f"- Accuracy floor lowered ({today}): {key} {old:.3f} -> {new:.3f}. "
             f"Reason: {reason}" for key, old, new in below]
    text = changelog.read_text(encoding="utf-8") if changelog.exists() else "# Changelog\n"
    # Under the newest release heading (the first '## '), or a new 'Unreleased' one.
    at = text.find("\n## ")
    if at < 0:
        text = text.rstrip("\n") + "\n\n## Unreleased\n\n" + "\n".join(lines) + "\n"
    else:
        end = text.index("\n", at + 1)
        text = text[:end + 1] + "\n" + "\n".join(lines) + "\n" + text[end + 1:].lstrip("\n")
    changelog.write_text(text, encoding="utf-8")
