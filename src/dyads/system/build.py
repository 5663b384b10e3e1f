"""The system: who acts on whom, how often, how (PLOVER category, QuadClass), since when,
with which flows, and the sentences that show it.

Built one event at a time (``SystemBuilder.add``), so a corpus of any length takes memory
in proportion to its actors and dyads, not its events. Which events count:

- every event with a known actor and a known recipient, at the chosen level (``country``:
  a state, or an international organisation's own code; ``actor``: the full code, so
  'AZEMIL' and 'AZEGOV' are two nodes);
- not negated ('did not attack') and not hypothetical ('could strike'); threats, pledges,
  requests, denials and allegations count, since each is an act in its own right, and a
  hedged or alleged event is counted and also tallied as hedged;
- an event with no recipient adds to its actor's activity but to no dyad.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..commodities import FlowRules
from ..datafiles import data_path, read_jsonl
from ..errors import UsageError
from ..models import Entity, Event
from ..relations import Relation, Stance, SupplyRelation
from .flows import Flow, NodeOf, actor_node, country_node, flows_of, merge_flows, relation_flow

LEVELS: dict[str, NodeOf] = {"country": country_node, "actor": actor_node}
EVIDENCE_PER_DYAD = 3
SCHEMA_VERSION = "1.1"


@dataclass(frozen=True, slots=True)
class Evidence:
    id: str
    text: str
    event: str | None
    cameo: str
    confidence: float
    hedged: bool

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "text": self.text, "event": self.event, "cameo": self.cameo,
                "confidence": self.confidence, "hedged": self.hedged}


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    name: str
    codes: tuple[str, ...]  # the full codes seen ('AZE', 'AZEMIL', ...)
    as_actor: int
    as_recipient: int

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "codes": list(self.codes),
                "as_actor": self.as_actor, "as_recipient": self.as_recipient}


@dataclass(frozen=True, slots=True)
class Dyad:
    source: str
    target: str
    events: int
    categories: dict[str, int]  # PLOVER category (or 'statement') -> events
    quad_classes: dict[int, int]  # 1 verbal cooperation ... 4 material conflict
    goldstein: float  # the sum over the dyad's events: net cooperation (+) or conflict (-)
    hedged: int
    first: str | None  # ISO date (or month, year) of the earliest dated event
    last: str | None
    evidence: tuple[Evidence, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source, "target": self.target, "events": self.events,
            "categories": dict(sorted(self.categories.items())),
            "quad_classes": {str(k): v for k, v in sorted(self.quad_classes.items())},
            "goldstein": round(self.goldstein, 2), "hedged": self.hedged,
            "first": self.first, "last": self.last,
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class StanceEdge:
    """How ``holder`` stands towards ``other`` (``alliance`` or ``rivalry``), as stated
    without an event; ``mutual`` when said of both ('X and Y are rivals'), and then
    ``holder`` is the first in code order."""

    holder: str
    other: str
    kind: str
    mutual: bool
    hedged: bool
    evidence: tuple[str, ...]  # sentence ids, '<doc_id>:<sentence_index>'
    words: str

    def to_json(self) -> dict[str, object]:
        return {"holder": self.holder, "other": self.other, "kind": self.kind,
                "mutual": self.mutual, "hedged": self.hedged,
                "evidence": list(self.evidence), "words": self.words}


@dataclass(frozen=True)
class System:
    level: str
    nodes: tuple[Node, ...]
    dyads: tuple[Dyad, ...]
    flows: tuple[Flow, ...]
    documents: int
    events: int
    stances: tuple[StanceEdge, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "schema_version": SCHEMA_VERSION,
            "level": self.level,
            "documents": self.documents,
            "events": self.events,
            "nodes": [n.to_json() for n in self.nodes],
            "dyads": [d.to_json() for d in self.dyads],
            "flows": [f.to_json() for f in self.flows],
            "stances": [s.to_json() for s in self.stances],
        }


@dataclass
class _DyadTally:
    events: int = 0
    categories: Counter[str] = field(default_factory=Counter)
    quad_classes: Counter[int] = field(default_factory=Counter)
    goldstein: float = 0.0
    hedged: int = 0
    first: str | None = None
    last: str | None = None
    # A min-heap of (strength, order, evidence): the strongest few are kept.
    evidence: list[tuple[tuple[float, ...], int, Evidence]] = field(default_factory=list)


@lru_cache(maxsize=1)
def code_names() -> dict[str, str]:
    """Code -> name for states and organisations, from the shipped actor files."""
    names: dict[str, str] = {}
    for file in ("countries.jsonl", "organisations.jsonl", "territories.jsonl",
                 "regions.jsonl", "disputed.jsonl", "armed_groups.jsonl", "agencies.jsonl"):
        path = data_path("actors", file)
        if not path.exists():
            continue
        for _, row in read_jsonl(path):
            code, name = row.get("code"), row.get("name")
            if isinstance(code, str) and isinstance(name, str):
                names.setdefault(code, name)
    return names


def _dates(event: Event) -> tuple[str, str] | None:
    """(earliest, latest) of the event's date; a period 'A/B' gives A and B."""
    if event.date is None or not event.date.iso:
        return None
    first, _, last = event.date.iso.partition("/")
    last = last or first
    if first == "..":  # an open end ('since 2019': '2019/..')
        first = last
    if last == "..":
        last = first
    return first, last


class SystemBuilder:
    """Add events one at a time; ``build()`` gives the ``System``."""

    def __init__(self, rules: FlowRules, level: str = "country") -> None:
        if level not in LEVELS:
            raise UsageError(f"level {level!r} is not one of {', '.join(LEVELS)}")
        self.level = level
        self.rules = rules
        self._node = LEVELS[level]
        self._dyads: dict[tuple[str, str], _DyadTally] = {}
        self._as_actor: Counter[str] = Counter()
        self._as_recipient: Counter[str] = Counter()
        self._codes: dict[str, set[str]] = {}
        self._names: dict[str, Counter[str]] = {}
        self._flows: list[Flow] = []
        self._stances: dict[tuple[str, str, str, bool], StanceEdge] = {}
        self._order = 0
        self.documents = 0
        self.events = 0

    def _nodes_of(self, entities: tuple[Entity, ...]) -> list[str]:
        nodes: list[str] = []
        for entity in entities:
            node = self._node(entity)
            if node is None or node in nodes:
                continue
            nodes.append(node)
            self._codes.setdefault(node, set()).add(entity.code)
            if entity.source == "dictionary" and entity.entity_text[:1].isupper():
                self._names.setdefault(node, Counter())[entity.entity_text] += 1
        return nodes

    def add(self, event: Event) -> None:
        self.events += 1
        self._flows.extend(flows_of(event, self.rules, self._node))
        if event.negated or event.modality == "hypothetical":
            return
        actors = self._nodes_of(event.actor)
        recipients = self._nodes_of(event.recipient)
        self._as_actor.update(actors)
        self._as_recipient.update(recipients)
        category = event.event or "statement"
        hedged = event.hedged or event.modality == "alleged"
        dates = _dates(event)
        strength = (float(not hedged), event.confidence, abs(event.goldstein))
        evidence = Evidence(event.id, event.sentence.text, event.event, event.cameo,
                            event.confidence, hedged)
        for source in actors:
            for target in recipients:
                tally = self._dyads.setdefault((source, target), _DyadTally())
                tally.events += 1
                tally.categories[category] += 1
                tally.quad_classes[event.quad_class] += 1
                tally.goldstein += event.goldstein
                tally.hedged += hedged
                if dates is not None:
                    tally.first = min(tally.first or dates[0], dates[0])
                    tally.last = max(tally.last or dates[1], dates[1])
                self._order += 1
                item = (strength, -self._order, evidence)
                if len(tally.evidence) < EVIDENCE_PER_DYAD:
                    heapq.heappush(tally.evidence, item)
                else:
                    heapq.heappushpop(tally.evidence, item)

    def add_relations(self, relations: list[Relation]) -> None:
        """Relations stated without an event: supply relations become flows, stances
        stance edges."""
        for relation in relations:
            if isinstance(relation, SupplyRelation):
                self._nodes_of((relation.supplier,))  # the nodes' names and codes
                self._nodes_of((relation.recipient,))
                flow = relation_flow(relation, self._node)
                if flow is not None:
                    self._flows.append(flow)
            elif isinstance(relation, Stance):
                self._add_stance(relation,
                                 f"{relation.sentence.doc_id}:{relation.sentence.index}")

    def _add_stance(self, stance: Stance, evidence: str) -> None:
        holder = self._nodes_of((stance.holder,))
        other = self._nodes_of((stance.other,))
        if not holder or not other or holder == other:
            return
        a, b = holder[0], other[0]
        if stance.mutual and b < a:
            a, b = b, a
        key = (a, b, stance.kind, stance.mutual)
        old = self._stances.get(key)
        if old is None:
            self._stances[key] = StanceEdge(a, b, stance.kind, stance.mutual, stance.hedged,
                                            (evidence,), stance.words.text)
        elif evidence not in old.evidence:
            self._stances[key] = StanceEdge(a, b, stance.kind, stance.mutual,
                                            old.hedged and stance.hedged,
                                            (*old.evidence, evidence), old.words)

    def build(self) -> System:
        known = code_names()
        node_ids = sorted(set(self._as_actor) | set(self._as_recipient)
                          | {f.supplier for f in self._flows}
                          | {f.recipient for f in self._flows}
                          | {s.holder for s in self._stances.values()}
                          | {s.other for s in self._stances.values()})
        nodes = []
        for node in node_ids:
            written = self._names.get(node)
            name = known.get(node) or (written.most_common(1)[0][0] if written else node)
            nodes.append(Node(node, name, tuple(sorted(self._codes.get(node, {node}))),
                              self._as_actor[node], self._as_recipient[node]))
        dyads = [
            Dyad(source, target, t.events, dict(t.categories), dict(t.quad_classes),
                 t.goldstein, t.hedged, t.first, t.last,
                 tuple(e for _, _, e in sorted(t.evidence, reverse=True)))
            for (source, target), t in self._dyads.items()
        ]
        dyads.sort(key=lambda d: (-d.events, d.source, d.target))
        flows = sorted(merge_flows(self._flows),
                       key=lambda f: (f.supplier, f.recipient, f.commodity, f.category or ""))
        stances = tuple(sorted(self._stances.values(),
                               key=lambda s: (s.kind, s.holder, s.other, s.mutual)))
        return System(self.level, tuple(nodes), tuple(dyads), tuple(flows), self.documents,
                      self.events, stances)
