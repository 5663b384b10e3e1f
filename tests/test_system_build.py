"""The system built from events: nodes, dyads and what counts in them."""

from __future__ import annotations

import pytest

import dyads
from dyads.errors import UsageError
from dyads.models import DateRef
from dyads.pipeline import Pipeline
from dyads.system import SystemBuilder, build_system, load_flow_rules

STORY = """Belarus threatens Lithuania over border closure

Belarus threatened Lithuania with retaliation on Monday. Belarusian troops shelled a \
Lithuanian border post. Lithuania condemned the attack and accused Belarus of provocation. \
Belarus did not attack Latvia. Poland reportedly sent weapons to Lithuania.
"""


@pytest.fixture(scope="module")
def system(pipeline: Pipeline) -> dyads.system.System:
    return build_system(dyads.code_text(STORY, pipeline, pub_date="2024-05-20"))


def _dyad(system: dyads.system.System, source: str, target: str) -> dyads.system.Dyad:
    return next(d for d in system.dyads if (d.source, d.target) == (source, target))


def test_dyads_count_categories_and_quad_classes(system: dyads.system.System) -> None:
    blr = _dyad(system, "BLR", "LTU")
    assert blr.categories.get("THREATEN") == 2  # the headline and the first sentence
    assert blr.categories.get("ASSAULT") == 1
    assert blr.quad_classes.get(4) == 1  # the shelling: material conflict
    assert blr.goldstein < 0
    ltu = _dyad(system, "LTU", "BLR")
    assert ltu.categories.get("ACCUSE", 0) >= 1
    assert all(q in (1, 2, 3, 4) for d in system.dyads for q in d.quad_classes)


def test_a_negated_event_makes_no_dyad(system: dyads.system.System) -> None:
    assert not any(d.source == "BLR" and d.target == "LVA" for d in system.dyads)


def test_hedged_events_are_counted_and_tallied(system: dyads.system.System) -> None:
    pol = _dyad(system, "POL", "LTU")
    assert pol.events == 1 and pol.hedged == 1
    assert pol.evidence[0].hedged
    assert [(f.supplier, f.recipient, f.commodity, f.hedged) for f in system.flows] == [
        ("POL", "LTU", "arms", True)]


def test_nodes_have_names_and_codes(system: dyads.system.System) -> None:
    nodes = {n.id: n for n in system.nodes}
    assert nodes["BLR"].name == "Belarus"
    assert "BLRMIL" in nodes["BLR"].codes  # 'Belarusian troops'
    assert nodes["BLR"].as_actor >= 3


def test_actor_level_keeps_sectors_apart(pipeline: Pipeline) -> None:
    events = dyads.code_text(STORY, pipeline, pub_date="2024-05-20")
    by_actor = build_system(events, level="actor")
    sources = {d.source for d in by_actor.dyads}
    assert "BLRMIL" in sources and "BLR" in sources
    with pytest.raises(UsageError, match=r"level 'province' is not one of country, actor"):
        SystemBuilder(load_flow_rules(), "province")


def test_first_and_last_dates_and_strongest_evidence(pipeline: Pipeline) -> None:
    from dataclasses import replace

    events = dyads.code_text("Kenya condemned Somalia.", pipeline)
    assert events
    base = events[0]
    dated = [replace(base, n=i, date=DateRef(None, iso, "day"), confidence=c)
             for i, (iso, c) in enumerate([("2024-03-02", 0.5), ("2023-11-30", 0.9),
                                           ("2024-01-15", 0.7), ("2024-02-01", 0.6)])]
    dyad = build_system(dated).dyads[0]
    assert (dyad.first, dyad.last, dyad.events) == ("2023-11-30", "2024-03-02", 4)
    # The three strongest reports, strongest first; the weakest left out.
    assert [e.confidence for e in dyad.evidence] == [0.9, 0.7, 0.6]


def test_a_period_sets_both_ends(pipeline: Pipeline) -> None:
    from dataclasses import replace

    base = dyads.code_text("Kenya condemned Somalia.", pipeline)[0]
    dyad = build_system([replace(base, date=DateRef("from 2016 to 2020", "2016/2020",
                                                     "period"))]).dyads[0]
    assert (dyad.first, dyad.last) == ("2016", "2020")
