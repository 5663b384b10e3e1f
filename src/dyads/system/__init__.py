"""The relationship system the events describe: nodes, dyads and flows (``dyads system``).

    >>> from dyads.system import build_system
    >>> system = build_system(events)          # events from dyads.code_text / code_paths
    >>> [(f.supplier, f.recipient, f.commodity, f.share) for f in system.flows]
"""

from __future__ import annotations

from collections.abc import Iterable

from ..commodities import FlowRules, load_flow_rules
from ..models import Event
from ..relations import Relation
from .build import LEVELS, Dyad, Evidence, Node, StanceEdge, System, SystemBuilder
from .flows import Flow, flows_of


def build_system(events: Iterable[Event], level: str = "country",
                 rules: FlowRules | None = None, relations: Iterable[Relation] = ()
                 ) -> System:
    """The system of these events, and of the relations stated without an event
    (``DocumentResult.relations``, with the setting ``relations``), at ``country`` or
    ``actor`` level."""
    builder = SystemBuilder(rules or load_flow_rules(), level)
    for event in events:
        builder.add(event)
    builder.add_relations(list(relations))
    return builder.build()


__all__ = ["LEVELS", "Dyad", "Evidence", "Flow", "FlowRules", "Node", "StanceEdge",
           "System", "SystemBuilder", "build_system", "flows_of", "load_flow_rules"]
