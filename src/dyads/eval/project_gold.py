"""The project's own gold set (``data/gold/sentences.jsonl``): sentences written for
dyads, each with the events a careful coder expects. It ships with the package, so it is
scored on every machine, with or without the public benchmarks.

Events are matched within each item. Codes compare at the level the gold gives: a
state's three letters, or an organisation's six (``IGOUNO``). A statement (CAMEO 01)
counts as the category "statement".
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..datafiles import data_path, read_jsonl
from ..models import Event
from .metrics import PRF, prf_sets, ratio
from .result import ErrorCase, Figure, SetResult, Table

if TYPE_CHECKING:
    from ..pipeline import Pipeline

STATEMENT = "statement"
KEYS = ("id", "text", "features", "events")


@dataclass(frozen=True)
class GoldEvent:
    category: str
    cameo: str
    actor: frozenset[str]
    recipient: frozenset[str]
    modality: str
    negated: bool
    hedged: bool
    quantities: tuple[tuple[str, float], ...] = ()  # (kind, value)


@dataclass(frozen=True)
class GoldItem:
    id: str
    text: str
    features: tuple[str, ...]
    events: tuple[GoldEvent, ...]


def read_gold(path: Path | None = None) -> list[GoldItem]:
    path = path or data_path("gold", "sentences.jsonl")
    items = []
    for _, row in read_jsonl(path, required=KEYS, allowed=KEYS):
        events = tuple(_gold_event(e) for e in row["events"])
        items.append(GoldItem(str(row["id"]), str(row["text"]), tuple(row["features"]),
                              events))
    return items


def _gold_event(row: dict[str, Any]) -> GoldEvent:
    return GoldEvent(row["event"] or STATEMENT, str(row["cameo"]), frozenset(row["actor"]),
                     frozenset(row["recipient"]), str(row.get("modality", "actual")),
                     bool(row.get("negated", False)), bool(row.get("hedged", False)),
                     tuple((str(q["kind"]), float(q["value"]))
                           for q in row.get("quantities", ())))


def level(code: str) -> str:
    """A code at the gold's level: an organisation's six letters, a state's three."""
    return code[:6] if code[:3] in ("IGO", "NGO", "IMG") else code[:3]


def _category(event: Event) -> str:
    return event.event or STATEMENT


def _codes(entities: Iterable[Any]) -> frozenset[str]:
    return frozenset(level(e.code) for e in entities if e.code)


def evaluate_project_gold(data: Path | None, pipeline: Pipeline, *, baselines: bool = True,
                          progress: Any = lambda _: None) -> SetResult:
    """Score the shipped gold set (``data`` is not used: the set ships with dyads)."""
    from .sets import code_items

    started = time.perf_counter()
    path = data_path("gold", "sentences.jsonl")
    items = read_gold(path)
    result = SetResult("project_gold", "dyads' own gold sentences", str(path), len(items))
    progress(f"project_gold: coding {len(items)} sentences")
    coded = code_items(pipeline, [item.text for item in items])
    score = _Score()
    for item, events in zip(items, coded.events, strict=True):
        score.add(item, events, result)
    result.figures.extend(score.figures(items, baselines))
    result.tables.extend(score.tables())
    result.per_class_f1["dyads"] = {c: prf.f1 for c, prf in score.per_category().items()}
    result.notes.append(
        "Written by the project (never trained on); events matched within each item by "
        "PLOVER category (statements, CAMEO 01, as 'statement'); codes compared as a "
        "state's three letters or an organisation's six; modality, negation, hedging and "
        "quantities (as (kind, value) pairs) scored on the matched events.")
    result.seconds = time.perf_counter() - started
    return result


class _Score:
    def __init__(self) -> None:
        self.gold_categories: list[tuple[str, str]] = []  # (item id + index, category)
        self.pred_categories: list[tuple[str, str]] = []
        self.gold_triples: list[tuple[str, str, frozenset[str], frozenset[str]]] = []
        self.pred_triples: list[tuple[str, str, frozenset[str], frozenset[str]]] = []
        self.empty = self.empty_right = 0
        self.attributes: Counter[str] = Counter()  # name -> right
        self.matched = 0
        # (item id, gold event index, kind, value) on matched events
        self.gold_quantities: list[tuple[str, int, str, float]] = []
        self.pred_quantities: list[tuple[str, int, str, float]] = []
        self.by_feature: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # hit, gold

    def add(self, item: GoldItem, events: Sequence[Event], result: SetResult) -> None:
        gold = list(item.events)
        pred = list(events)
        self.gold_categories += _numbered(item.id, [g.category for g in gold])
        self.pred_categories += _numbered(item.id, [_category(p) for p in pred])
        gold_triples = [(item.id, g.category, g.actor, g.recipient) for g in gold]
        pred_triples = [(item.id, _category(p), _codes(p.actor), _codes(p.recipient))
                        for p in pred]
        self.gold_triples += gold_triples
        self.pred_triples += pred_triples
        if not gold:
            self.empty += 1
            self.empty_right += not pred
        free = list(pred)
        for k, g in enumerate(gold):
            match = next((p for p in free if _category(p) == g.category), None)
            for feature in item.features:
                self.by_feature[feature][1] += 1
                self.by_feature[feature][0] += (item.id, g.category, g.actor,
                                                g.recipient) in pred_triples
            if match is None:
                continue
            free.remove(match)
            self.matched += 1
            self.attributes["modality"] += match.modality == g.modality
            self.attributes["negated"] += match.negated == g.negated
            self.attributes["hedged"] += match.hedged == g.hedged
            self.gold_quantities += [(item.id, k, kind, value) for kind, value in g.quantities]
            self.pred_quantities += [(item.id, k, q.kind, q.value) for q in match.quantities]
        if Counter(gold_triples) != Counter(pred_triples):
            result.errors.append(ErrorCase(
                id=item.id, text=item.text,
                gold="; ".join(_show(g.category, g.actor, g.recipient) for g in gold)
                or "no event",
                predicted="; ".join(_show(_category(p), _codes(p.actor), _codes(p.recipient))
                                    for p in pred) or "no event",
                rule=", ".join(p.rule for p in pred) or "no lexicon entry fired",
                weight=1.0 if Counter(g.category for g in gold) != Counter(
                    _category(p) for p in pred) else 0.5))

    def figures(self, items: Sequence[GoldItem], baselines: bool) -> list[Figure]:
        categories = prf_sets(self.gold_categories, self.pred_categories)
        triples = prf_sets(self.gold_triples, self.pred_triples)
        base: dict[str, float] = {}
        if baselines:
            common = Counter(c for _, c in self.gold_categories).most_common(1)
            if common:  # one event of the commonest category in every item
                guess = [(f"{item.id}#0", common[0][0]) for item in items]
                base["one event of the commonest category per item"] = prf_sets(
                    self.gold_categories, guess).f1
        n = len(self.gold_categories)
        quantities = prf_sets(self.gold_quantities, self.pred_quantities)
        return [
            Figure("category_f1", "event category F1 (events matched within each item)",
                   categories.f1, n, base),
            Figure("category_precision", "event category precision", categories.precision,
                   len(self.pred_categories), headline=False),
            Figure("category_recall", "event category recall", categories.recall, n,
                   headline=False),
            Figure("triple_f1", "(category, actor, recipient) F1", triples.f1, n),
            Figure("no_event_accuracy", "items with no event left without one", ratio(
                self.empty_right, self.empty), self.empty),
            Figure("modality_accuracy", "modality right, matched events", ratio(
                self.attributes["modality"], self.matched), self.matched),
            Figure("negation_accuracy", "negation right, matched events", ratio(
                self.attributes["negated"], self.matched), self.matched),
            Figure("hedging_accuracy", "hedging right, matched events", ratio(
                self.attributes["hedged"], self.matched), self.matched),
            Figure("quantity_f1", "quantity (kind, value) F1, matched events", quantities.f1,
                   len(self.gold_quantities)),
            Figure("quantity_precision", "quantity (kind, value) precision, matched events",
                   quantities.precision, len(self.pred_quantities), headline=False),
            Figure("quantity_recall", "quantity (kind, value) recall, matched events",
                   quantities.recall, len(self.gold_quantities), headline=False),
        ]

    def per_category(self) -> dict[str, PRF]:
        out = {}
        for category in sorted({c for _, c in self.gold_categories}):
            out[category] = prf_sets([x for x in self.gold_categories if x[1] == category],
                                     [x for x in self.pred_categories if x[1] == category])
        return out

    def tables(self) -> list[Table]:
        rows = tuple((c, str(len([1 for _, g in self.gold_categories if g == c])),
                      f"{p.precision:.3f}", f"{p.recall:.3f}", f"{p.f1:.3f}")
                     for c, p in self.per_category().items())
        features = tuple((f, str(gold), f"{ratio(hit, gold):.3f}")
                         for f, (hit, gold) in sorted(self.by_feature.items()))
        return [Table("per category", ("category", "gold", "precision", "recall", "F1"),
                      rows),
                Table("per feature: gold events whose (category, actor, recipient) dyads "
                      "found", ("feature", "gold events", "found"), features)]


def _numbered(item: str, categories: list[str]) -> list[tuple[str, str]]:
    """Each category of an item with its occurrence number, so repeats count as many."""
    seen: Counter[str] = Counter()
    out = []
    for category in categories:
        out.append((f"{item}#{seen[category]}", category))
        seen[category] += 1
    return out


def _show(category: str, actor: frozenset[str], recipient: frozenset[str]) -> str:
    return f"{category} {'+'.join(sorted(actor)) or '-'} -> {'+'.join(sorted(recipient)) or '-'}"
