"""The relationship system the events describe: nodes, dyads and flows (``dyads system``).

    >>> from dyads.system import build_system
    >>> system = build_system(events)          # events from dyads.code_text / code_paths
    >>> [(f.supplier, f.recipient, f.commodity, f.share) for f in system.flows]
"""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Event
from .build import LEVELS, Dyad, Evidence, Node, System, SystemBuilder
from .flows import Flow, FlowRules, flows_of, load_flow_rules


def build_system(events: Iterable[Event], level: str = "country",
                 rules: FlowRules | None = None) -> System:
    """The system of these events (at ``country`` or ``actor`` level)."""
    builder = SystemBuilder(rules or load_flow_rules(), level)
    for event in events:
        builder.add(event)
    return builder.build()


__all__ = ["LEVELS", "Dyad", "Evidence", "Flow", "FlowRules", "Node", "System",
           "SystemBuilder", "build_system", "flows_of", "load_flow_rules"]
