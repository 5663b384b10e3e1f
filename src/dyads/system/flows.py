"""Flows: material transfers read from transfer events.

A flow says that goods of one kind moved (or were pledged to move) from a supplier to a
recipient: ``Flow(supplier="ISR", recipient="AZE", commodity="arms",
category="artillery", ...)``. Flows come from events whose CAMEO code is a transfer:

- aid (071 economic, 072 military, 073 humanitarian, 070 unspecified);
- a pledge of material aid (033x, or a promise 030 that names goods), kept with its
  modality ``intended``;
- trade (061) and military cooperation (062) only when the sentence names goods.

What moved is read from the sentence around the trigger with the commodity words in
``data/lexicon/commodities.jsonl``; which way it moved from the event's roles, turned
round for the lexicon entries in ``data/lexicon/flow_verbs.jsonl`` whose actor is the
buyer ('bought oil from'). A share ('40% of its oil') or an amount comes from the event's
quantities. Negated and hypothetical events give no flow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from ..commodities import Commodity, FlowRules
from ..models import Entity, Event
from ..relations import SupplyRelation, share_of

NodeOf = Callable[[Entity], "str | None"]
# CAMEO code -> the commodity a transfer of that code moves when its sentence names none.
DEFAULT_COMMODITY: dict[str, tuple[str, str | None]] = {
    "070": ("aid", None),
    "071": ("money", None),
    "072": ("arms", None),
    "073": ("humanitarian aid", None),
    "0331": ("money", None),
    "0332": ("arms", None),
    "0333": ("humanitarian aid", None),
}
# Codes that give a flow only when goods are named: a promise ('pledged $10 million in
# food aid to'), an intent to give material aid, trade and military cooperation.
NAMED_GOODS_ONLY = frozenset({"030", "033", "061", "062"})
EXPORTS = re.compile(r"\bexports?\b", re.IGNORECASE)
NO_FLOW_MODALITIES = frozenset({"hypothetical", "denied", "requested", "threatened"})
# Where the words about one transfer end: the next clause or the next coordinated event.
CLAUSE_END = re.compile(r";|,\s*(?:and|but|while|whereas|which|who)\b|\s(?:while|but|because|"
                        r"before|after|as|when|whereas|although)\s|\.\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Amount:
    text: str
    value: float
    unit: str | None
    kind: str

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "value": self.value, "unit": self.unit, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class Flow:
    """One transfer: ``supplier`` and ``recipient`` are node ids (see ``dyads.system``)."""

    supplier: str
    recipient: str
    commodity: str
    category: str | None
    share: float | None
    amount: Amount | None
    period: str | None
    modality: str
    hedged: bool
    evidence: tuple[str, ...]  # event ids
    words: str  # the commodity words as written

    @property
    def key(self) -> tuple[object, ...]:
        """(supplier, recipient, commodity, category, share, period, modality)."""
        return (self.supplier, self.recipient, self.commodity, self.category, self.share,
                self.period, self.modality)

    def to_json(self) -> dict[str, object]:
        return {
            "supplier": self.supplier,
            "recipient": self.recipient,
            "commodity": self.commodity,
            "category": self.category,
            "share": self.share,
            "amount": self.amount.to_json() if self.amount else None,
            "period": self.period,
            "modality": self.modality,
            "hedged": self.hedged,
            "evidence": list(self.evidence),
            "words": self.words,
        }


def _clause_after(event: Event) -> str:
    """The words after the trigger, to the end of its clause."""
    after = event.sentence.text[event.trigger.end - event.sentence.start:]
    stop = CLAUSE_END.search(after)
    return after[:stop.start()] if stop else after


def _goods(event: Event, rules: FlowRules, after: str) -> list[tuple[Commodity, str]]:
    """The goods named for this transfer: in ``after``, the words after the trigger to
    the clause's end, or else before it back to the clause's start ('drones supplied by
    Iran')."""
    goods = rules.goods(after)
    if not goods:
        before = event.sentence.text[:event.trigger.start - event.sentence.start]
        starts = [m.end() for m in CLAUSE_END.finditer(before)]
        goods = rules.goods(before[starts[-1] if starts else 0:])
    return goods


def _period(event: Event) -> str | None:
    """When the transfer happened, as the event's own date says (the facts stage reads it
    from the sentence; the report's publication date is not a transfer's date)."""
    return event.date.iso if event.date is not None else None


def flows_of(event: Event, rules: FlowRules, node: NodeOf | None = None) -> Iterator[Flow]:
    """The flows one event gives (none for most events). ``node`` names the node an
    entity belongs to (by default ``country_node``: its state, else its own code)."""
    node = node or country_node
    cameo = event.cameo
    transfer = cameo[:2] == "07" and cameo not in ("074", "075")
    pledge = cameo[:3] in ("030", "033")
    if not (transfer or pledge or cameo in NAMED_GOODS_ONLY):
        return
    if event.negated or event.modality in NO_FLOW_MODALITIES:
        return
    clause = _clause_after(event)
    goods = _goods(event, rules, clause)
    if not goods:
        default = DEFAULT_COMMODITY.get(cameo)
        if default is None:
            return
        goods = [(Commodity(f"default.{cameo}", *default), "")]
    suppliers = [n for n in map(node, event.actor) if n]
    recipients = [n for n in map(node, event.recipient) if n]
    if rules.direction(event.rule) == "inbound":
        suppliers, recipients = recipients, suppliers
    if not suppliers or not recipients:
        return
    share = next((q.value for q in event.quantities if q.kind == "share"), None)
    if share is None and " of " in clause:  # 'buys about a third of its oil from'
        share = share_of(clause)
    if share is not None and EXPORTS.search(clause):
        share = None  # a share of the supplier's exports, not of the recipient's needs
    amount = next((Amount(q.text, q.value, q.unit, q.kind) for q in event.quantities
                   if q.kind in ("money", "amount", "count")), None)
    modality = "intended" if pledge else event.modality
    # A pledge's date is the promise's, not the transfer's.
    period = None if modality == "intended" else _period(event)
    for supplier in suppliers:
        for recipient in recipients:
            if supplier == recipient:
                continue
            for item, words in goods:
                yield Flow(supplier=supplier, recipient=recipient, commodity=item.commodity,
                           category=item.category, share=share, amount=amount,
                           period=period, modality=modality,
                           hedged=event.hedged or event.modality == "alleged",
                           evidence=(event.id,), words=words)


def relation_flow(relation: SupplyRelation, node: NodeOf | None = None) -> Flow | None:
    """The flow a supply relation states ('depends on Y for 40% of its oil'), with its
    sentence id as evidence; None when either side is no node or both are one."""
    node = node or country_node
    supplier, recipient = node(relation.supplier), node(relation.recipient)
    if not supplier or not recipient or supplier == recipient:
        return None
    evidence = f"{relation.sentence.doc_id}:{relation.sentence.index}"
    return Flow(supplier=supplier, recipient=recipient, commodity=relation.commodity,
                category=relation.category, share=relation.share, amount=None,
                period=relation.period, modality="actual", hedged=relation.hedged,
                evidence=(evidence,), words=relation.goods)


def country_node(entity: Entity) -> str | None:
    """The node an entity belongs to at country level: its state, else its own code
    (an international organisation); None for an actor no dictionary knows."""
    if entity.country:
        return entity.country
    return actor_node(entity)


def actor_node(entity: Entity) -> str | None:
    """The node an entity is at actor level: its full code ('AZEMIL'); None for an actor
    no dictionary knows or a pronoun left unresolved."""
    if not entity.code or entity.code.startswith("---"):
        return None
    return entity.code


def merge_flows(flows: Iterable[Flow]) -> list[Flow]:
    """One flow per (supplier, recipient, goods, share, period, modality), with all its
    evidence; hedged only when every report of it is hedged. A report that names only the
    commodity ('shipped weapons to') of a pair whose goods another report names ('armoured
    vehicles and small arms') adds its evidence to those, not a flow of its own."""
    return _absorb_general(_merge_same(flows))


def _absorb_general(flows: list[Flow]) -> list[Flow]:
    out: list[Flow] = []
    general: list[Flow] = []
    specific: dict[tuple[str, str, str, str], list[int]] = {}  # pair's goods -> in out
    for flow in flows:
        if flow.category is None and flow.share is None and flow.amount is None:
            general.append(flow)
            continue
        if flow.category is not None:
            specific.setdefault(_pair(flow), []).append(len(out))
        out.append(flow)
    for flow in general:
        found = specific.get(_pair(flow), [])
        if not any(flow.period in (None, out[i].period) for i in found):
            out.append(flow)
            continue
        # The same goods, told twice: every specific flow of the pair takes the evidence.
        for i in found:
            out[i] = _with_evidence(out[i], flow)
    return out


def _pair(flow: Flow) -> tuple[str, str, str, str]:
    return (flow.supplier, flow.recipient, flow.commodity, flow.modality)


def _with_evidence(flow: Flow, other: Flow) -> Flow:
    return Flow(supplier=flow.supplier, recipient=flow.recipient, commodity=flow.commodity,
                category=flow.category, share=flow.share, amount=flow.amount or other.amount,
                period=flow.period, modality=flow.modality,
                hedged=flow.hedged and other.hedged,
                evidence=flow.evidence + tuple(e for e in other.evidence
                                               if e not in flow.evidence),
                words=flow.words or other.words)


def _merge_same(flows: Iterable[Flow]) -> list[Flow]:
    """Reports of the same flow as one; a report with no date joins a dated report of the
    same flow (a headline and its story), two different dates stay apart."""
    merged: list[Flow] = []
    by_key: dict[tuple[object, ...], list[int]] = {}  # the key but its period -> merged
    for flow in flows:
        undated = flow.key[:5] + flow.key[6:]
        places = by_key.setdefault(undated, [])
        same = next((k for k in places if merged[k].period == flow.period
                     or None in (merged[k].period, flow.period)), None)
        if same is None:
            places.append(len(merged))
            merged.append(flow)
        else:
            old = merged[same]
            dated = old if old.period is not None else flow
            merged[same] = replace(_with_evidence(old, flow), period=dated.period)
    return merged
