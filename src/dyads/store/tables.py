"""Rows of the tables that hold what a coded document says besides its events: its
sentences, the actors found in it, the flows and the stances it states (migration m002).

Each row carries its document's id and the index of the sentence it came from, and is
written in the transaction of its document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..commodities import FlowRules
from ..models import Entity, Event, Sentence
from ..relations import Relation, Stance, SupplyRelation
from ..system.flows import Flow, country_node, flows_of, relation_flow

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

FLOW_COLUMNS = (
    "id", "doc_id", "sentence_index", "event_id", "origin", "supplier", "recipient",
    "commodity", "category", "share", "amount_value", "amount_unit", "amount_kind",
    "amount_text", "period", "modality", "hedged", "words", "rule", "text", "conflicts",
)
# A flow's key for conflicts: two flows of one key that give different shares disagree.
FLOW_KEY = ("supplier", "recipient", "commodity", "category", "period", "modality")


def rows_frame(rows: Sequence[tuple[Any, ...]], columns: Sequence[str]) -> pd.DataFrame:
    """Rows as a frame of Python objects, for DuckDB to read (see ``with_frame``)."""
    import pandas as pd

    return pd.DataFrame(list(rows), columns=list(columns), dtype=object)


def with_frame(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame,
               sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Run ``sql`` with ``frame`` readable as the table ``name``."""
    con.register(name, frame)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.unregister(name)


def sentence_rows(doc_id: str, sentences: Iterable[Sentence]) -> list[tuple[Any, ...]]:
    return [(doc_id, s.index, s.start, s.end, s.text) for s in sentences]


def _entity_row(doc_id: str, sentence_index: int, entity: Entity, role: str,
                event_id: str | None) -> tuple[Any, ...]:
    return (doc_id, sentence_index, entity.start, entity.end, entity.entity_text,
            entity.code, entity.country, entity.sector, entity.source, role, event_id)


def entity_rows(doc_id: str, mentions: Iterable[tuple[int, Entity]],
                events: Iterable[Event]) -> list[tuple[Any, ...]]:
    """Every coded actor mention (role ``mention``), then every event's participants
    (role ``actor`` or ``recipient``, with the event's id)."""
    rows = [_entity_row(doc_id, k, e, "mention", None) for k, e in mentions]
    for event in events:
        event_id = f"{doc_id}:{event.sentence_index}:{event.n}"
        rows.extend(_entity_row(doc_id, event.sentence_index, e, "actor", event_id)
                    for e in event.actor if e.code)
        rows.extend(_entity_row(doc_id, event.sentence_index, e, "recipient", event_id)
                    for e in event.recipient if e.code)
    return rows


def _flow_row(flow_id: str, doc_id: str, sentence: Sentence, event_id: str | None,
              origin: str, flow: Flow, rule: str) -> tuple[Any, ...]:
    amount = flow.amount
    return (flow_id, doc_id, sentence.index, event_id, origin, flow.supplier,
            flow.recipient, flow.commodity, flow.category, flow.share,
            amount.value if amount else None, amount.unit if amount else None,
            amount.kind if amount else None, amount.text if amount else None,
            flow.period, flow.modality, flow.hedged, flow.words or None, rule,
            sentence.text, None)


def flow_rows(doc_id: str, events: Sequence[Event], relations: Sequence[Relation],
              rules: FlowRules) -> list[tuple[Any, ...]]:
    """The flows of a document as ``dyads system`` reads them at country level: from its
    transfer events (origin ``event``) and its supply relations (origin ``relation``),
    one row per flow read, ids ``<doc_id>:<sentence>:f<n>``."""
    rows: list[tuple[Any, ...]] = []
    numbers: Counter[int] = Counter()

    def next_id(sentence: int) -> str:
        numbers[sentence] += 1
        return f"{doc_id}:{sentence}:f{numbers[sentence] - 1}"

    for event in events:
        event_id = f"{doc_id}:{event.sentence_index}:{event.n}"
        for flow in flows_of(event, rules):
            rows.append(_flow_row(next_id(event.sentence_index), doc_id, event.sentence,
                                  event_id, "event", flow, event.rule))
    for relation in relations:
        if isinstance(relation, SupplyRelation):
            found = relation_flow(relation)
            if found is not None:
                rows.append(_flow_row(next_id(relation.sentence.index), doc_id,
                                      relation.sentence, None, "relation", found,
                                      relation.rule))
    return rows


def stance_rows(doc_id: str, relations: Sequence[Relation]) -> list[tuple[Any, ...]]:
    """The stances a document states (alliance, rivalry), ids ``<doc_id>:<sentence>:s<n>``;
    ``holder`` and ``other`` are country-level nodes, as in ``dyads system``."""
    rows: list[tuple[Any, ...]] = []
    numbers: Counter[int] = Counter()
    for relation in relations:
        if not isinstance(relation, Stance):
            continue
        holder, other = country_node(relation.holder), country_node(relation.other)
        if not holder or not other or holder == other:
            continue
        k = relation.sentence.index
        numbers[k] += 1
        rows.append((f"{doc_id}:{k}:s{numbers[k] - 1}", doc_id, k, relation.kind, holder,
                     other, relation.mutual, relation.holder.code, relation.other.code,
                     relation.holder.entity_text, relation.other.entity_text,
                     relation.hedged, relation.words.text, relation.rule,
                     relation.sentence.text))
    return rows
